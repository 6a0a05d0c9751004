"""Issue 30's record side: a modification record's drafts of the legal text and its solutions, through
`sec-redline lifecycle` (examples/lifecycle-authority-determination: MP911, illustrative, two drafts and the
Alternative MP911A on the real SEC 6.17 Section G text of examples/mp087).

The lifecycle writes the Annex A of the latest draft (its version table the record's), the comparison with
the draft before, each Alternative's Annex A and its comparison with the Proposed solution, with the code
``redline --since --alternative`` uses; the reports present each solution and its outcome.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from legal_text import Clause, read_text
from legal_text.text_writer import clause_plain_text
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.errors import EXIT_CHANGESET, EXIT_OK, EXIT_STRICT
from sec_redline.report.record import load_record
from sec_redline.report.solutions import solution_views, solutions_at
from tests.sec_redline.report.lifecycle_support import ANNEXES, EXAMPLES, docx_text, line_of, variant
from tests.support import BASE, lo_read, normalise_ws, requires_libreoffice, run_cli
from tests.tools.ooxml_validate import schema_dir, validate_package

AD = EXAMPLES["Authority Determination"]
SG = EXAMPLES["Self-Governance"]
FOLDER = AD.parent
V01, V10, ALT = FOLDER / "mp911-v0.1.changes.yaml", FOLDER / "mp911.changes.yaml", FOLDER / "mp911a.changes.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEGAL_TEXT_FILES = [f"{stem}.{ext}" for stem in ANNEXES["Authority Determination"] for ext in ("docx", "html")]
# The version table of MP911's Annex A: both drafts of the record's 'legal_text:', as the record gives them.
MP911_VERSIONS = [
    ("0.1", "31 July 2025", "Illustrative: the draft for the Refinement Consultation."),
    ("1.0", "27 August 2025", "Illustrative: the draft for the Modification Report Consultation and the decision."),
]


def _html_rows(path: Path) -> list[tuple[str, ...]]:
    return re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", path.read_text("utf-8"))


def _docx_table(path: Path) -> list[list[str]]:
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    table = body.find(f".//{W}tbl")
    assert table is not None
    return [["".join(tc.itertext()) for tc in tr.iter(f"{W}tc")] for tr in table.iter(f"{W}tr")]


def _text(path: Path) -> str:
    return normalise_ws(lxml.html.parse(str(path)).getroot().text_content())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- what is written ---------------------------------------------------------------------------------------


def test_the_legal_texts_files_and_their_version_tables(lifecycle_outputs):
    out = lifecycle_outputs["Authority Determination"]
    assert {f.name for f in out.iterdir()} >= set(LEGAL_TEXT_FILES)
    assert not [f for f in out.iterdir() if f.suffix == ".pdf" or f.name.startswith("draft-checks")]
    # Every draft of the record's list, from the record: version, date in words, its summary.
    assert _html_rows(out / "annex-a.html") == MP911_VERSIONS
    assert _docx_table(out / "annex-a.docx") == [["Version", "Date", "What changed"], *map(list, MP911_VERSIONS)]
    assert "<h3>Legal text - version 1.0</h3>" in (out / "annex-a.html").read_text("utf-8")
    # The Alternative has one draft: its Annex A has no table, as redline gives none for one draft.
    alternative = (out / "annex-a-MP911A.html").read_text("utf-8")
    assert "Versions of this legal text" not in alternative and "MP911A &#39;Illustrative: notice" in alternative
    assert "MP911 legal text 0.1 compared with MP911 legal text 1.0" in _text(out / "annex-a-changes-since-0.1.html")
    assert "MP911 (Proposed solution) compared with MP911A (Alternative solution)" in _text(
        out / "solutions-MP911-MP911A.html"
    )


def test_a_draft_without_a_change_set_has_its_row(lifecycle_outputs):
    """MP910's draft 0.1 names no change set: it is in the table all the same, from the record, and nothing is
    compared (one draft names a change set)."""
    out = lifecycle_outputs["Self-Governance"]
    assert _html_rows(out / "annex-a.html") == [
        ("0.1", "28 March 2025", "Illustrative: the first draft, for the Refinement Consultation."),
        ("1.0", "30 May 2025", "Illustrative: the draft the Working Group agreed."),
    ]
    assert not list(out.glob("annex-a-*")) and not list(out.glob("solutions-*"))


def test_without_the_records_summary_the_change_sets_then_nothing(tmp_path):
    record = variant(
        tmp_path,
        AD,
        ('    summary: "Illustrative: the draft for the Refinement Consultation."\n', ""),
        ('  - version: "1.0"\n    date: 2025-08-27\n    changes: mp911.changes.yaml\n', '  - version: "0.9"\n'
         "    date: 2025-08-20\n  - version: \"1.0\"\n    date: 2025-08-27\n    changes: mp911.changes.yaml\n"),
    )  # fmt: skip
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == EXIT_OK, r.stderr
    assert _html_rows(tmp_path / "out" / "annex-a.html") == [
        ("0.1", "31 July 2025", load_changeset(V01).summary),  # the change set's summary
        ("0.9", "20 August 2025", ""),  # neither a summary nor a change set
        MP911_VERSIONS[1],
    ]
    # The comparison is with the draft before that names a change set.
    assert (tmp_path / "out" / "annex-a-changes-since-0.1.docx").exists()


def test_the_comparisons_are_redlines(lifecycle_outputs, tmp_path):
    """The comparisons and the Alternative's Annex A are the files `redline --since --alternative` writes from
    the same change sets (the one code makes both); the Proposed solution's Annex A differs only by its
    version table, which the lifecycle takes from the record."""
    out = lifecycle_outputs["Authority Determination"]
    base = FOLDER / "../mp087/section-G-6.17.txt"  # as the record names it (the HTML names the base's file)
    r = run_cli("redline", base, V10, "--since", V01, "--alternative", ALT, "--no-pdf", "-o", tmp_path)
    assert r.returncode == EXIT_OK, r.stderr
    for name in LEGAL_TEXT_FILES:
        if not name.startswith("annex-a."):
            assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert _html_rows(tmp_path / "annex-a.html") == [
        ("0.1", "31 July 2025", load_changeset(V01).summary),
        ("1.0", "27 August 2025", load_changeset(V10).title),
    ]


def test_every_word_file_of_the_legal_text_is_schema_valid(lifecycle_outputs):
    directory = schema_dir()
    assert directory is not None
    for path, names in (
        ("Authority Determination", LEGAL_TEXT_FILES),
        ("Self-Governance", ["annex-a.docx"]),
    ):
        for name in names:
            if name.endswith(".docx"):
                assert validate_package(lifecycle_outputs[path] / name, directory) == [], (path, name)


def test_the_same_record_gives_the_same_bytes_and_prints_the_events(lifecycle_outputs, tmp_path):
    out = lifecycle_outputs["Authority Determination"]
    r = run_cli("lifecycle", AD, "-o", tmp_path)
    assert r.returncode == EXIT_OK, r.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(f.name for f in out.iterdir())
    for f in out.iterdir():
        assert (tmp_path / f.name).read_bytes() == f.read_bytes(), f.name
    assert r.stdout.splitlines() == [
        "MP911 legal text 0.1 compared with MP911 legal text 1.0:",
        "amended   G3.18(c)",
        "1 amended, 0 inserted, 0 deleted (clauses and paragraphs).",
        "MP911 (Proposed solution) compared with MP911A (Alternative solution):",
        "amended   G3.18(c)",
        "1 amended, 0 inserted, 0 deleted (clauses and paragraphs).",
    ]
    # What was written goes to standard error, and nothing else does.
    assert {line.split(" ", 1)[0] for line in r.stderr.splitlines()} == {"wrote"}


def test_the_proposed_solutions_drafts_may_be_given_in_its_entry(lifecycle_outputs, tmp_path):
    """`legal_text:` moved into the Proposed solution's entry of `solutions:` gives the same files."""
    text = AD.read_text("utf-8")
    drafts = text[text.index("legal_text:\n") : text.index("# The solutions the Change Board")]
    moved = "    legal_text:\n" + "".join("    " + line + "\n" for line in drafts.splitlines()[1:])
    entry = "  - id: MP911\n    outcome: approve\n"
    record = variant(
        tmp_path, AD, (drafts, ""), (entry, entry + moved),
        # the base named as the example names it (a comparison's page names the base's file)
        (f"base: {FOLDER.parent / 'mp087'}/", f"base: {FOLDER}/../mp087/"),
    )  # fmt: skip
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == EXIT_OK, r.stderr
    for f in lifecycle_outputs["Authority Determination"].iterdir():
        assert (tmp_path / "out" / f.name).read_bytes() == f.read_bytes(), f.name


def test_without_a_base_no_legal_texts_files_and_v_says_why(tmp_path):
    record = variant(tmp_path, AD, ("base: ", "# base: "))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out", "-v")
    assert r.returncode == EXIT_OK, r.stderr
    assert not list((tmp_path / "out").glob("annex-a*")) and not list((tmp_path / "out").glob("solutions-*"))
    assert "no annex-a: the record needs 'base:' (or --base)" in r.stderr
    # The reports present the solutions all the same.
    assert "MP911A (an Alternative solution)" in (tmp_path / "out" / "register.html").read_text("utf-8")


# --- LibreOffice's reading ---------------------------------------------------------------------------------


def _amended(changes: Path):
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    return apply_changeset(base, load_changeset(changes)).value


def _document_text(doc) -> str:
    return normalise_ws(
        " ".join([doc.body[0].text] + [clause_plain_text(c) for c in doc.body if isinstance(c, Clause)])
    )


def _region(paragraphs: list[str]) -> str:
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Manufacturers: Duty to Notify"))
    return normalise_ws(" ".join(paragraphs[start:]).replace("\t", " "))


@pytest.mark.libreoffice
@requires_libreoffice
def test_libreoffice_accepts_the_later_text_and_rejects_the_earlier(lifecycle_outputs):
    out = lifecycle_outputs["Authority Determination"]
    names = ["annex-a-changes-since-0.1.docx", "solutions-MP911-MP911A.docx", "annex-a.docx", "annex-a-MP911A.docx"]
    seen = {Path(v["file"]).name: v for v in lo_read("lo_revisions.py", *(out / n for n in names))}
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    v01, v10, alt = _amended(V01), _amended(V10), _amended(ALT)
    for name, accepted, rejected in (
        ("annex-a-changes-since-0.1.docx", v10, v01),
        ("solutions-MP911-MP911A.docx", alt, v10),
        ("annex-a.docx", v10, base),
        ("annex-a-MP911A.docx", alt, base),
    ):
        view = seen[name]
        assert view["revisions"], name
        assert _region(view["accept_all"]) == _document_text(accepted), name
        assert _region(view["reject_all"]) == _document_text(rejected), name
        assert not view["accept_all_remaining"] and not view["reject_all_remaining"], name
    # The drafts differ in G3.18(c), as do the solutions: the amended texts are not the same.
    assert len({_document_text(d) for d in (v01, v10, alt)}) == 3


# --- the reports present each solution --------------------------------------------------------------------


def _solutions_section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_the_change_board_paper_presents_each_solution_without_votes(lifecycle_outputs):
    """Dated 15 October 2025, before the Change Board meets (22 October): each solution and its legal text,
    no votes, no outcome."""
    out = lifecycle_outputs["Authority Determination"]
    html = _text(out / "change-board-paper.html")
    section = _solutions_section(html, "3. Solutions", "4. Impacts and costs")
    assert section == (
        "3. Solutions MP911 has a Proposed solution and an Alternative solution. "
        "MP911 (the Proposed solution) Illustrative: prompt notice to the Security Sub-Committee "
        "Legal text: version 1.0 (27 August 2025). "
        "MP911A (an Alternative solution) Illustrative: notice to the Security Sub-Committee within five Working Days "
        "Illustrative: Section G3.18(c) is amended so that the Security Sub-Committee is notified within five "
        "Working Days. Legal text: version 1.0 (27 August 2025). "
    )
    # The later sections move down one.
    assert "5. Consultation responses" in html and "8. Recommendations" in html
    md = (out / "change-board-paper.md").read_text("utf-8")
    assert "## 3. Solutions\n" in md and "### MP911A (an Alternative solution)\n" in md
    assert "## 8. Recommendations" in md and "outcome" not in _solutions_section(md, "## 3.", "## 4.").lower()
    word = normalise_ws(docx_text(out / "change-board-paper.docx"))
    assert "3. Solutions" in word and "MP911A (an Alternative solution)" in word


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("final-modification-report.html", "4. Solutions", "5. Impacts"),
        ("final-modification-report.md", "## 4. Solutions", "## 5. Impacts"),
        ("final-modification-report.docx", "4. Solutions", "5. Impacts"),
        ("register.html", "Solutions MP911 has", "Who is impacted?"),
    ],
)
def test_documents_after_the_change_board_give_each_solutions_votes_and_outcome(lifecycle_outputs, name, start, end):
    path = lifecycle_outputs["Authority Determination"] / name
    text = {".html": _text, ".docx": docx_text}.get(path.suffix, lambda p: p.read_text("utf-8"))(path)
    # (Markdown's bold marks out; Word's runs each read as words, so "approve" and its full stop apart.)
    section = normalise_ws(_solutions_section(normalise_ws(text), start, end).replace("*", "")).replace(" .", ".")
    # Each solution's votes over every Party category (counted here from the record), then its outcome.
    votes = load_record(AD).data["change_board"]["votes"]
    for sid, outcome, title in (
        ("MP911", "approve", "Illustrative: prompt notice to the Security Sub-Committee"),
        ("MP911A", "reject", "Illustrative: notice to the Security Sub-Committee within five Working Days"),
    ):
        total = {k: sum(v[k] for v in votes[sid].values()) for k in ("approve", "reject", "abstain")}
        kind = "the Proposed solution" if sid == "MP911" else "an Alternative solution"
        assert (
            f"{sid} ({kind}) {title} " in section
            and f"Change Board votes, all Party categories: {total['approve']} approve, {total['reject']} reject, "
            f"{total['abstain']} abstain. Change Board outcome: {outcome}."
            in section
        ), section


def test_register_json_lists_each_solution(lifecycle_outputs):
    register = json.loads((lifecycle_outputs["Authority Determination"] / "register.json").read_text("utf-8"))
    assert list(register)[list(register).index("solution") + 1] == "solutions"
    assert register["solutions"] == [
        {"id": "MP911", "proposed": True, "title": "Illustrative: prompt notice to the Security Sub-Committee",
         "summary": [], "legal_text": {"version": "1.0", "date": "2025-08-27"},
         "votes": {"approve": 8, "reject": 1, "abstain": 1}, "outcome": "approve"},
        {"id": "MP911A", "proposed": False,
         "title": "Illustrative: notice to the Security Sub-Committee within five Working Days",
         "summary": ["Illustrative: Section G3.18(c) is amended so that the Security Sub-Committee is notified "
                     "within five Working Days."],
         "legal_text": {"version": "1.0", "date": "2025-08-27"},
         "votes": {"approve": 2, "reject": 7, "abstain": 1}, "outcome": "reject"},
    ]  # fmt: skip


def test_a_document_shows_the_latest_draft_of_its_date_and_no_votes_before_the_board():
    views = solution_views(load_record(AD), {"MP911": {"approve": 8, "reject": 1, "abstain": 1}})
    board = dt.date(2025, 10, 22)
    before = solutions_at(views, dt.date(2025, 8, 4), board)  # the Refinement Consultation opens
    assert [(s["id"], s["legal_text"]["version"], s["votes"], s["outcome"]) for s in before if s["legal_text"]] == [
        ("MP911", "0.1", None, "")
    ]
    after = solutions_at(views, board, board)
    assert [(s["id"], s["legal_text"]["version"], s["votes"], s["outcome"]) for s in after] == [
        ("MP911", "1.0", {"approve": 8, "reject": 1, "abstain": 1}, "approve"),
        ("MP911A", "1.0", None, "reject"),
    ]


@pytest.mark.parametrize("path", ["Self-Governance", "Urgent", "Authority-led", "Fast-Track"])
def test_a_record_without_solutions_has_no_solutions_section(lifecycle_outputs, path):
    out = lifecycle_outputs[path]
    for f in out.iterdir():
        if f.suffix in (".html", ".md"):
            assert "Solutions" not in f.read_text("utf-8"), f.name
    assert "solutions" not in json.loads((out / "register.json").read_text("utf-8"))


# --- bad records: one line naming the record's line, exit 4, nothing written -----------------------------------


def _alternative_takes_the_proposed_id(folder: Path) -> None:
    _edit(folder / "mp911a.changes.yaml", "modification: MP911A", "modification: MP911")


@pytest.mark.parametrize(
    ("edits", "prepare", "at", "said"),
    [
        ((), lambda f: _edit(f / "mp911-v0.1.changes.yaml", 'legal_text_version: "0.1"', 'legal_text_version: "0.2"'),
         '  - version: "0.1"',
         "'legal_text[1].version': '0.1', but its change set mp911-v0.1.changes.yaml says legal_text_version '0.2': "
         "give the draft and its change set one version"),
        ((), lambda f: _edit(f / "mp911-v0.1.changes.yaml", "modification: MP911", "modification: MP919"),
         "changes: mp911-v0.1.changes.yaml",
         "'legal_text[1].changes': mp911-v0.1.changes.yaml is MP919's change set, not MP911's: give this solution's "
         "change set"),
        ((), _alternative_takes_the_proposed_id, "changes: mp911a.changes.yaml",
         "'solutions[2].legal_text[1].changes': mp911a.changes.yaml is the Proposed solution's change set (MP911): "
         "an Alternative's change set has its own id, MP911A"),
        ((("    outcome: reject\n", "    outcome: reject\n  - id: MP911\n"),), None, "  - id: MP911\n",
         "'id': MP911 is already the Proposed solution (line {proposed}): an Alternative has its own id, e.g. MP911A"),
        ((("    outcome: reject\n", "    outcome: reject\n  - id: MP911A\n"),), None, "  - id: MP911A\n",
         "'id': solution MP911A is listed twice (line {alternative})"),
        ((("    MP911A:\n", "    MP911B:\n"),), None, "    MP911B:",
         "'MP911B': the Change Board voted on no such solution (solutions: MP911, MP911A)"),
        ((("  - id: MP911\n", '  - id: MP911\n    legal_text: [{version: "1.0", date: 2025-08-27}]\n'),), None,
         "    legal_text: [",
         "'legal_text': the Proposed solution's drafts are the record's 'legal_text:' (line {legal_text}): give "
         "them once"),
        ((("        changes: mp911a.changes.yaml\n", "        changes: mp911a.changes.yaml\n      - version: \"1.0\"\n"
           "        date: 2025-09-01\n"),), None, '      - version: "1.0"\n        date: 2025-09-01',
         "'version': legal text version '1.0' is listed twice"),
        ((('  - version: "0.1"\n', '  - version: "1.1"\n'), ('legal_text_version: "0.1"', 'legal_text_version: "1.1"')),
         lambda f: _edit(f / "mp911-v0.1.changes.yaml", 'legal_text_version: "0.1"', 'legal_text_version: "1.1"'),
         '  - version: "1.0"\n    date: 2025-08-27\n    changes: mp911.changes',
         "'legal_text[2].version': draft 1.0 is listed after draft 1.1 (line {first_draft}) but numbered before it: "
         "list the drafts oldest first"),
    ],
    ids=["version-disagrees", "another-modification", "alternative-with-proposed-id-changeset",
         "alternative-with-proposed-id", "id-twice", "votes-name-no-solution", "proposed-drafts-twice",
         "version-twice-in-a-solution", "drafts-out-of-order"],
)  # fmt: skip
def test_drafts_and_solutions_that_do_not_fit_exit_4_naming_the_records_line(tmp_path, edits, prepare, at, said):
    record = variant(tmp_path, AD, *edits)
    if prepare:
        prepare(record.parent)
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == EXIT_CHANGESET, r.stderr
    assert not (tmp_path / "out").exists()
    text = record.read_text("utf-8")
    n = text[: text.rindex(at)].count("\n") + 1  # the last place ``at`` is written
    lines = {
        "proposed": lambda: line_of(record, "  - id: MP911"),
        "alternative": lambda: line_of(record, "  - id: MP911A"),
        "legal_text": lambda: line_of(record, "legal_text:"),
        "first_draft": lambda: line_of(record, '  - version: "1.1"'),
    }
    named = {key: find() for key, find in lines.items() if "{" + key + "}" in said}
    assert r.stderr.splitlines() == [f"sec-redline: error: {record}:{n}: {said.format(**named)}"], r.stderr


def test_an_outcome_needs_a_change_board(tmp_path):
    from sec_redline.errors import MetadataError

    text = AD.read_text("utf-8")
    record = variant(tmp_path, AD, (text[text.index("change_board:\n") : text.index("authority:\n")], ""))
    with pytest.raises(MetadataError) as caught:
        load_record(record)
    assert any(
        p.startswith(f"{record}:{line_of(record, 'outcome: approve')}: 'outcome': the Change Board's outcome, but the "
                     "record has no 'change_board:'")
        for p in caught.value.problems
    ), caught.value.problems  # fmt: skip


def test_an_alternative_without_votes_is_a_warning(tmp_path):
    text = AD.read_text("utf-8")
    votes = text[text.index("    MP911A:\n") : text.index("  outcome: recommend approval")]
    record = variant(tmp_path, AD, (votes, ""))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == EXIT_OK, r.stderr
    assert [line for line in r.stderr.splitlines() if not line.startswith("wrote ")] == [
        f"{record}:{line_of(record, '  - id: MP911A')}: warning: the Change Board's votes name no vote on the "
        "Alternative solution MP911A"
    ]
    strict = run_cli("lifecycle", record, "-o", tmp_path / "strict", "--strict")
    assert strict.returncode == EXIT_STRICT and not (tmp_path / "strict").exists()


def test_the_conclusions_report_presents_the_solutions_after_the_decision(tmp_path):
    """A Self-Governance record that lists its one solution: the Conclusions Report (after the Change Board)
    gives it as its section 2, with the votes and the outcome, and the later sections move down one."""
    record = variant(tmp_path, SG, ("annexes:\n", "solutions:\n  - {id: MP910, outcome: approve}\nannexes:\n"))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out", "--document", "conclusions-report")
    assert r.returncode == EXIT_OK, r.stderr
    html = _text(tmp_path / "out" / "conclusions-report.html")
    assert _solutions_section(html, "2. Solutions", "3. Votes by Party category") == (
        "2. Solutions MP910 has one solution, the Proposed solution. MP910 (the Proposed solution) "
        "Illustrative: notification arrangements under Section G3.21 Legal text: version 1.0 (30 May 2025). "
        "Change Board votes, all Party categories: 7 approve, 1 reject, 1 abstain. Change Board outcome: approve. "
    )
    assert "4. Consultation responses" in html and "5. Implementation" in html
    md = (tmp_path / "out" / "conclusions-report.md").read_text("utf-8")
    assert "## 2. Solutions\n" in md and "## 3. Votes by Party category" in md and "## 5. Implementation" in md
    assert "Change Board outcome: **approve**." in md
    assert "2. Solutions" in docx_text(tmp_path / "out" / "conclusions-report.docx")


# --- an Alternative's own drafts -----------------------------------------------------------------------------

# An earlier draft of the Alternative MP911A (illustrative, written for this test): ten Working Days, where
# the example's draft 1.0 says five.
ALT_V09 = (
    ALT.read_text("utf-8")
    .replace('legal_text_version: "1.0"', 'legal_text_version: "0.9"')
    .replace("date: 2025-08-27", "date: 2025-08-13")
    .replace("within five Working Days", "within ten Working Days")
)
ALT_ENTRY = '    legal_text:\n      - version: "1.0"\n'
ALT_ENTRY_WITH_DRAFT = (
    '    legal_text:\n      - version: "0.9"\n        date: 2025-08-13\n        changes: mp911a-v0.9.changes.yaml\n'
    '        summary: "Illustrative: the Alternative as first drafted."\n      - version: "1.0"\n'
)


@pytest.fixture(scope="module")
def alternative_drafts(tmp_path_factory):
    """The Authority Determination example with an earlier draft (0.9) of its Alternative listed."""
    tmp = tmp_path_factory.mktemp("alternative-drafts")
    record = variant(tmp, AD, (ALT_ENTRY, ALT_ENTRY_WITH_DRAFT))
    (record.parent / "mp911a-v0.9.changes.yaml").write_text(ALT_V09, encoding="utf-8")
    r = run_cli("lifecycle", record, "-o", tmp / "out")
    assert r.returncode == EXIT_OK, r.stderr
    return tmp / "out", r, record


def test_an_alternatives_earlier_draft_is_compared_with_its_latest(alternative_drafts, lifecycle_outputs):
    out, r, _ = alternative_drafts
    made = {p.name for p in out.iterdir()}
    assert {"annex-a-MP911A-changes-since-0.9.docx", "annex-a-MP911A-changes-since-0.9.html"} <= made
    # Everything else is what the example writes, the Alternative's Annex A now with its two-row version table.
    assert made - {"annex-a-MP911A-changes-since-0.9.docx", "annex-a-MP911A-changes-since-0.9.html"} == {
        p.name for p in lifecycle_outputs["Authority Determination"].iterdir()
    }
    assert _html_rows(out / "annex-a-MP911A.html") == [
        ("0.9", "13 August 2025", "Illustrative: the Alternative as first drafted."),
        ("1.0", "27 August 2025", "Illustrative: the Alternative the Working Group asked to be drafted."),
    ]
    page = _text(out / "annex-a-MP911A-changes-since-0.9.html")
    assert "MP911A legal text 0.9" in page and "MP911A legal text 1.0" in page
    # The events are printed under their heading, as diff prints them.
    assert "MP911A legal text 0.9 compared with MP911A legal text 1.0:\namended   G3.18(c)\n" in r.stdout


@pytest.mark.libreoffice
@requires_libreoffice
def test_libreoffice_accepts_the_alternatives_later_draft_and_rejects_its_earlier(alternative_drafts):
    out, _, record = alternative_drafts
    name = "annex-a-MP911A-changes-since-0.9.docx"
    (view,) = lo_read("lo_revisions.py", out / name)
    assert view["revisions"]
    assert _region(view["accept_all"]) == _document_text(_amended(ALT))
    assert _region(view["reject_all"]) == _document_text(_amended(record.parent / "mp911a-v0.9.changes.yaml"))
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]
