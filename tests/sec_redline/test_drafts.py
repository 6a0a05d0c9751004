"""Drafts, Alternatives and drafting notes (issue 30), on examples/mp915 (an illustrative modification on
the real SEC 6.17 Section G text of examples/mp087).

``redline --since EARLIER`` compares two drafts' amended texts, ``--alternative`` writes each
Alternative's Annex A and compares it with the Proposed solution; an operation's ``note:`` is a Word
comment on exactly the words it changed (LibreOffice's own reading checks the anchors), a note beside the
mark in the HTML, and nowhere in the amended text or a release.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from legal_text import Clause, read_text
from legal_text.text_writer import clause_plain_text
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.errors import EXIT_CHANGESET, EXIT_OK
from tests.support import BASE, ROOT, lo_read, normalise_ws, requires_chromium, requires_libreoffice, run_cli
from tests.tools.lo_annotations import annotations
from tests.tools.ooxml_validate import schema_dir, validate_package

EXAMPLE = ROOT / "examples" / "mp915"
V01, V02, ALT = (
    EXAMPLE / "mp915-v0.1.changes.yaml",
    EXAMPLE / "mp915-v0.2.changes.yaml",
    EXAMPLE / "mp915a.changes.yaml",
)
FAMILY = [
    "annex-a-MP915A.docx",
    "annex-a-MP915A.html",
    "annex-a-changes-since-0.1.docx",
    "annex-a-changes-since-0.1.html",
    "annex-a.docx",
    "annex-a.html",
    "draft-checks-MP915A.md",
    "draft-checks.md",
    "solutions-MP915-MP915A.docx",
    "solutions-MP915-MP915A.html",
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def family(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("family")
    r = run_cli("redline", BASE, V02, "--since", V01, "--alternative", ALT, "--no-pdf", "-o", out)
    assert r.returncode == EXIT_OK, r.stderr
    return out, r.stdout


@pytest.fixture(scope="module")
def unnoted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unnoted")
    r = run_cli("redline", BASE, V02, "--alternative", ALT, "--no-notes", "--no-pdf", "-o", out)
    assert r.returncode == EXIT_OK, r.stderr
    return out


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


def _libreoffice(*docx: Path) -> dict[str, dict]:
    return {Path(v["file"]).name: v for v in lo_read("lo_revisions.py", *docx)}


# --- what is written, and what it says ------------------------------------------------------------------------


def test_since_and_alternative_write_each_document_and_print_the_events(family):
    out, stdout = family
    assert sorted(p.name for p in out.iterdir()) == FAMILY
    # The events of each comparison, as diff prints them: between the drafts, G3.19 and G3.21 changed; the
    # Alternative differs from the Proposed solution in G3.20(b) as well.
    assert stdout.startswith(
        "MP915 legal text 0.1 compared with MP915 legal text 0.2:\n"
        "amended   G3.19\namended   G3.21\n2 amended, 0 inserted, 0 deleted (clauses and paragraphs).\n"
        "MP915 (Proposed solution) compared with MP915A (Alternative solution):\n"
        "amended   G3.19\namended   G3.20(b)\namended   G3.21\n"
        "3 amended, 0 inserted, 0 deleted (clauses and paragraphs).\n"
    )


def test_each_solutions_drafting_checks_are_said_under_its_name(tmp_path):
    """With an Alternative, a finding printed on stderr says which solution's legal text it is about (the
    Alternative MP915A leaves G3.17(b) apart from the G3.20(b) it amends), as draft-checks-MP915A.md does."""
    r = run_cli("redline", BASE, V02, "--alternative", ALT, "--no-pdf", "-o", tmp_path)
    assert r.returncode == EXIT_OK, r.stderr
    said = [line for line in r.stderr.splitlines() if not line.startswith("wrote ")]
    at = said.index("Drafting checks of MP915A (Alternative solution):")
    assert said[at + 1] == "Parallel provisions: 1" and said[at + 2].lstrip().startswith("G3.17(b)")
    assert "## Parallel provisions (1)" in (tmp_path / "draft-checks-MP915A.md").read_text("utf-8")


def test_the_annex_front_matter_has_the_version_table(family):
    out, _ = family
    html = (out / "annex-a.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert rows == [
        ("0.1", "2 March 2026", "First draft, for Refinement"),
        ("0.2", "14 April 2026", "After the Working Group: G3.19 ends with a full stop; G3.21 reworded"),
    ]
    body = etree.fromstring(zipfile.ZipFile(out / "annex-a.docx").read("word/document.xml"))
    table = body.find(f".//{W}tbl")
    cells = [["".join(tc.itertext()) for tc in tr.iter(f"{W}tc")] for tr in table.iter(f"{W}tr")]
    assert cells == [["Version", "Date", "What changed"], *[list(r) for r in rows]]
    # A single draft has no table: the Alternative's Annex A names no other draft.
    assert "Versions of this legal text" not in (out / "annex-a-MP915A.html").read_text(encoding="utf-8")


def test_the_comparisons_name_the_drafts_and_the_solutions(family):
    out, _ = family
    since = (out / "annex-a-changes-since-0.1.html").read_text(encoding="utf-8")
    assert "<h1>Section G &#39;Security&#39;: MP915 legal text 0.1 compared with MP915 legal text 0.2</h1>" in since
    solutions = (out / "solutions-MP915-MP915A.html").read_text(encoding="utf-8")
    assert "MP915 (Proposed solution) compared with MP915A (Alternative solution)" in solutions


def test_html_shows_each_note_beside_its_mark_and_no_notes_leaves_them_out(family, unnoted):
    out, _ = family
    html = (out / "annex-a.html").read_text(encoding="utf-8")
    notes = re.findall(
        r'<aside class="drafting-note" role="note"><span class="note-label">Drafting note:</span> (.*?)</aside>', html
    )
    assert notes == [
        "Illustrative note: the same words as G3.17(b), so that the two lists stay parallel.",
        "Illustrative note: the Working Group asked for the plainer wording.",
    ]
    # Each note follows the provision whose marks its operation made.
    assert html.index("SMETS2+ Device</ins>") < html.index(notes[0]) < html.index('id="G3.21"') < html.index(notes[1])
    for name in ("annex-a.html", "annex-a-MP915A.html"):
        assert "drafting-note" not in (unnoted / name).read_text(encoding="utf-8").split("</style>", 1)[1]


def test_word_notes_are_comments_by_the_change_set_author_and_no_notes_leaves_none(family, unnoted):
    out, _ = family
    package = zipfile.ZipFile(out / "annex-a.docx")
    comments = etree.fromstring(package.read("word/comments.xml"))
    assert [(c.get(f"{W}author"), c.get(f"{W}date"), "".join(c.itertext())) for c in comments] == [
        ("SECAS", "2026-04-14T00:00:00Z", load_changeset(V02).changes[0].note),
        ("SECAS", "2026-04-14T00:00:00Z", load_changeset(V02).changes[2].note),
    ]
    for name in ("annex-a.docx", "annex-a-MP915A.docx"):
        plain = zipfile.ZipFile(unnoted / name)
        assert "word/comments.xml" not in plain.namelist()
        assert b"comment" not in plain.read("word/document.xml")


def test_a_noted_annex_is_the_unnoted_one_with_comments_added(family, unnoted):
    """What LibreOffice accepts and rejects in the copy without notes (checked below) is what the noted copy
    holds: the two documents differ only by the comments' marks."""
    out, _ = family
    noted = zipfile.ZipFile(out / "annex-a-MP915A.docx").read("word/document.xml").decode()
    plain = zipfile.ZipFile(unnoted / "annex-a-MP915A.docx").read("word/document.xml").decode()
    stripped = re.sub(r'<w:commentRange(Start|End) w:id="\d+"/>|<w:r><w:commentReference w:id="\d+"/></w:r>', "", noted)
    assert stripped != noted
    # Revision ids are shared with comments (an id is unique among a document's annotations), and the
    # comments part takes a relationship id.
    renumber = lambda xml: re.sub(r'(w|r):id="[^"]+"', r'\1:id=""', xml)  # noqa: E731
    assert renumber(stripped) == renumber(plain)


def test_every_part_of_every_word_file_is_schema_valid(family):
    out, _ = family
    for docx in sorted(out.glob("*.docx")):
        assert validate_package(docx, schema_dir()) == [], docx.name


def test_the_same_inputs_give_the_same_bytes(family, tmp_path):
    out, _ = family
    r = run_cli("redline", BASE, V02, "--since", V01, "--alternative", ALT, "--no-pdf", "-o", tmp_path)
    assert r.returncode == EXIT_OK, r.stderr
    for name in FAMILY:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_notes_never_reach_the_amended_text(tmp_path):
    r = run_cli("apply", BASE, V02, "-o", tmp_path / "amended.txt")
    assert r.returncode == EXIT_OK, r.stderr
    text = (tmp_path / "amended.txt").read_text(encoding="utf-8")
    assert "is not required to notify" in text and "Illustrative note" not in text


# --- LibreOffice's reading ---------------------------------------------------------------------------------


@pytest.mark.libreoffice
@requires_libreoffice
def test_libreoffice_accepts_the_later_text_and_rejects_the_earlier(family, unnoted):
    out, _ = family
    seen = _libreoffice(
        out / "annex-a-changes-since-0.1.docx", out / "solutions-MP915-MP915A.docx", unnoted / "annex-a.docx"
    )
    v01, v02, alt = _amended(V01), _amended(V02), _amended(ALT)
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    for name, accepted, rejected in (
        ("annex-a-changes-since-0.1.docx", v02, v01),
        ("solutions-MP915-MP915A.docx", alt, v02),
        ("annex-a.docx", v02, base),
    ):
        view = seen[name]
        assert view["revisions"], name
        assert _region(view["accept_all"]) == _document_text(accepted), name
        assert _region(view["reject_all"]) == _document_text(rejected), name
        assert not view["accept_all_remaining"] and not view["reject_all_remaining"], name


@pytest.mark.libreoffice
@requires_libreoffice
def test_libreoffice_reads_each_note_anchored_on_the_words_its_operation_changed(family, unnoted):
    out, _ = family
    # LibreOffice's comments, in order, each with the tracked insertions and deletions inside its range: the
    # notes of the operations that have one, and exactly the words each operation changed (G3.19's change,
    # which has no note, is in no comment's range).
    assert [
        (
            a["author"],
            a["date"],
            a["content"],
            normalise_ws(" ".join(a["inserted"])),
            [normalise_ws(d) for d in a["deleted"]],
        )
        for a in annotations(out / "annex-a.docx")
    ] == [
        ("SECAS", "2026-04-14", load_changeset(V02).changes[0].note, "which forms part of a SMETS2+ Device", []),
        ("SECAS", "2026-04-14", load_changeset(V02).changes[2].note, "is", ["need", "be"]),
    ]
    assert [
        (a["content"], a["inserted"], [normalise_ws(d) for d in a["deleted"]])
        for a in annotations(out / "annex-a-MP915A.docx")
    ] == [(load_changeset(ALT).changes[0].note, [], ["or Gas Proxy Function"])]
    assert annotations(unnoted / "annex-a.docx") == []
    # The comparisons of drafts and solutions carry no notes: they compare texts, not operations.
    assert annotations(out / "solutions-MP915-MP915A.docx") == []


# --- bad input -----------------------------------------------------------------------------------------------


def _changeset(tmp_path: Path, source: Path, name: str, **header: str) -> Path:
    text = source.read_text(encoding="utf-8")
    for key, value in header.items():
        text = re.sub(rf"^{key}: .*$", f'{key}: "{value}"', text, count=1, flags=re.M)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("header", "option", "said"),
    [
        ({"legal_text_version": "0.2"}, "--since", "draft version 0.2 is listed twice"),
        ({"modification": "MP916"}, "--since", "--since takes an earlier draft of MP915's legal text"),
        ({"legal_text_version": "0.3"}, "--since", "--since takes the earlier draft, but version 0.3 comes after 0.2"),
        ({"legal_text_version": "0.1/../x"}, "--since", "'legal_text_version' names a draft in a file name"),
        ({"modification": "MP915"}, "--alternative", "MP915 is already the Proposed solution"),
    ],
    ids=["version-twice", "other-modification", "later-draft", "unsafe-version", "alternative-same-id"],
)
def test_drafts_and_solutions_that_do_not_fit_exit_4_naming_file_and_line_writing_nothing(
    tmp_path, header, option, said
):
    source = V01 if option == "--since" else ALT
    other = _changeset(tmp_path, source, "other.yaml", **header)
    out = tmp_path / "out"
    r = run_cli("redline", BASE, V02, option, other, "--no-pdf", "-o", out)
    assert r.returncode == EXIT_CHANGESET, r.stderr
    line = next(n for n, text in enumerate(other.read_text().splitlines(), 1) if text.startswith(next(iter(header))))
    assert re.search(rf"^sec-redline: error: {re.escape(str(other))}:{line}: .*{re.escape(said)}", r.stderr, re.M), (
        r.stderr
    )
    assert "Traceback" not in r.stderr
    assert not out.exists()


# --- in a browser ----------------------------------------------------------------------------------------


@pytest.mark.browser
@requires_chromium
def test_a_browser_shows_the_version_table_and_each_note_under_its_marks(family):
    from tests.tools.browser import drive, screenshot

    out, _ = family
    page = out / "annex-a.html"
    seen = drive(
        page,
        """
        var box = function (el) { var r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
        var notes = Array.prototype.map.call(doc.querySelectorAll("aside.drafting-note"), function (a) {
            var marked = a.previousElementSibling;
            return {text: a.textContent, box: box(a), after: box(marked),
                    marks: marked.querySelectorAll("ins, del").length,
                    shown: win.getComputedStyle(a).display !== "none"};
        });
        var rows = Array.prototype.map.call(doc.querySelectorAll("table.versions tbody tr"), function (tr) {
            return [tr.cells[0].textContent, box(tr)[3] > 0]; });
        return {notes: notes, rows: rows};
        """,
    )
    assert seen["rows"] == [["0.1", True], ["0.2", True]]
    assert [n["text"].split(": ", 1)[0] for n in seen["notes"]] == ["Drafting note", "Drafting note"]
    for note in seen["notes"]:
        _left, top, width, height = note["box"]
        assert note["shown"] and width > 100 and height > 10
        assert note["marks"] > 0  # it follows the provision its operation marked ...
        assert top >= note["after"][1] + note["after"][3] - 1  # ... drawn below it, not over it
    screenshot(page, ROOT / "docs" / "images" / "annex-a-drafts.png", height=2100)


def test_notes_never_reach_a_release(tmp_path):
    manifest = tmp_path / "release.yaml"
    manifest.write_text(
        f'release: "Illustrative release"\ndate: 2026-05-01\nbase:\n  version: "6.17"\n  path: {BASE}\n'
        f'version: "6.18"\nmodifications:\n  - {V02}\n',
        encoding="utf-8",
    )
    r = run_cli("release", manifest, "-o", tmp_path / "out")
    assert r.returncode == EXIT_OK, r.stderr
    out = tmp_path / "out"
    redline = zipfile.ZipFile(out / "release-redline.docx")
    assert "word/comments.xml" not in redline.namelist() and b"comment" not in redline.read("word/document.xml")
    assert "drafting-note" not in (out / "release-redline.html").read_text(encoding="utf-8").split("</style>", 1)[1]
    for text in (out / "consolidated").glob("*.txt"):
        assert "Illustrative note" not in text.read_text(encoding="utf-8")
    assert "is not required to notify" in (out / "consolidated" / "sec.txt").read_text(encoding="utf-8")
