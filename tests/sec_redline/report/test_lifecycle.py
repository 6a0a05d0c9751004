"""`sec-redline lifecycle` (issue 29): every document of a modification's path from one record, the
responses as data, facts computed and checked across documents."""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from sec_redline.errors import EXIT_CHANGESET, EXIT_STRICT
from tests.sec_redline.report.lifecycle_support import (
    EXAMPLES,
    STEMS,
    expected_files,
    line_of,
    output_texts,
    read_table,
    variant,
)
from tests.support import REPORT, normalise_ws, run_cli

SG = EXAMPLES["Self-Governance"]
AD = EXAMPLES["Authority Determination"]


@pytest.mark.parametrize("path", list(EXAMPLES))
def test_each_paths_example_writes_its_whole_set(lifecycle_outputs, path):
    assert {f.name for f in lifecycle_outputs[path].iterdir()} == expected_files(path)


def test_todays_report_metadata_is_a_record(tmp_path):
    """The MP087 report metadata, unchanged, is a Fast-Track record: its documents and its register."""
    r = run_cli("lifecycle", REPORT, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    assert {f.name for f in tmp_path.iterdir()} == expected_files("Fast-Track")
    register = json.loads((tmp_path / "register.json").read_text(encoding="utf-8"))
    assert register["path"] == "Fast-Track" and register["lead_analyst"] == "" and register["raised"] is None
    # The timeline computed from the Panel's decision, as the report computes it.
    assert [(e["event"], e["date"], e["computed"]) for e in register["timeline"]] == [
        ("panel-paper", "2019-10-04", False),
        ("panel-decision", "2019-10-11", False),
        ("objection-period-ends", "2019-11-01", True),
        ("earliest-implementation", "2019-11-04", True),
        ("implementation", "2019-11-07", True),
    ]


def test_the_same_facts_read_the_same_in_every_document(lifecycle_outputs):
    """A fact given once (the MRC's closing date, the Change Board's date, the implementation date, the legal
    text's version) reads the same in each document that states it."""
    folder = lifecycle_outputs["Authority Determination"]
    texts = {f.name: normalise_ws(lxml.html.parse(str(f)).getroot().text_content()) for f in folder.glob("*.html")}
    for fact, documents in (
        ("19 September 2025", ["modification-report-consultation", "change-board-paper", "final-modification-report",
                               "register"]),
        ("22 October 2025", ["change-board-paper", "final-modification-report", "register"]),
        ("26 February 2026", ["modification-report", "change-board-paper", "final-modification-report", "register"]),
    ):  # fmt: skip
        for name in documents:
            assert fact in texts[f"{name}.html"], (fact, name)
    assert "on version 1.0 of the legal text" in texts["change-board-paper.html"]
    assert "on version 0.1 of the legal text" in texts["modification-report.html"]


def test_register_json(lifecycle_outputs):
    register = json.loads((lifecycle_outputs["Authority Determination"] / "register.json").read_text("utf-8"))
    assert register["stage"] == "approved" and register["lead_analyst"] == "SECAS Lead Analyst"
    assert register["raised"] == "2025-03-03"
    assert register["implementation"] == {
        "date": "2026-02-26",
        "release": "February 2026 SEC Release",
        "computed": False,
    }
    assert [d["document"] for d in register["documents"]] == [
        *_in_path_order(STEMS["Authority Determination"]),
        "register",
    ]
    assert register["consultations"][1] == {
        "kind": "modification-report", "opens": "2025-09-01", "closes": "2025-09-19", "working_days": 15,
        "legal_text_version": "1.0", "responses": 8, "confidential": 2,
    }  # fmt: skip
    assert register["change_board"]["votes"]["MP911A"]["Small Supplier"] == {"approve": 0, "reject": 2, "abstain": 0}
    assert register["authority"] == {"decision": "approve", "date": "2025-12-01"}
    assert json.loads((lifecycle_outputs["Authority-led"] / "register.json").read_text("utf-8"))["stage"] == "sent-back"


def _in_path_order(stems):
    order = [
        "problem-statement", "panel-paper", "refinement-consultation", "modification-report",
        "modification-report-consultation", "change-board-paper", "conclusions-report", "final-modification-report",
    ]  # fmt: skip
    return sorted(stems, key=order.index)


def test_consultation_length_counts_working_days(lifecycle_outputs):
    """1 to 24 April 2025 holds 18 weekdays, two of them Easter bank holidays: 16 Working Days."""
    register = json.loads((lifecycle_outputs["Self-Governance"] / "register.json").read_text("utf-8"))
    refinement = next(e for e in register["timeline"] if e["event"] == "refinement-consultation")
    assert (refinement["date"], refinement["end"], refinement["working_days"]) == ("2025-04-01", "2025-04-24", 16)


# --- responses as data --------------------------------------------------------------------------------------


def _consultations(record: Path):
    """(kind, question ids, rows of the responses file) of each consultation, read without sec-redline."""
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    for c in data.get("consultations") or []:
        yield c["kind"], [q["id"] for q in c["questions"]], read_table(record.parent / c["responses"])


def _answer_tables(html: Path, kind: str) -> list[dict[str, object]]:
    """Each question's summary in the part of ``html`` about consultation ``kind``: its answers table, its
    by-category table and its named rows."""
    tree = lxml.html.parse(str(html)).getroot()
    heading = "Refinement Consultation" if kind == "refinement" else "Modification Report Consultation"
    found: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    within = False
    for el in tree.find("body").iter("h2", "h3", "h4", "table"):
        text = normalise_ws(el.text_content())
        if el.tag in ("h2", "h3") and not text.startswith("Question "):
            within, current = heading in text, None  # a part of the document begins
        if not within:
            continue
        if el.tag in ("h3", "h4") and text.startswith("Question "):
            current = {"id": text.removeprefix("Question "), "answers": {}, "by_category": {}, "named": []}
            found.append(current)
        elif el.tag == "table" and current is not None:
            rows = [[normalise_ws(c.text_content()) for c in tr] for tr in el.iter("tr")]
            kind_of = el.get("class")
            if kind_of == "answers":
                current["answers"] = {r[0]: int(r[1]) for r in rows[1:]}
            elif kind_of == "by-category":
                current["by_category"] = {r[0]: dict(zip(rows[0][1:], map(int, r[1:]), strict=True)) for r in rows[1:]}
            elif kind_of == "named":
                current["named"] = [tuple(r) for r in rows[1:]]
    return found


def _where_summarised(path: str, kind: str) -> list[str]:
    """The documents that summarise a consultation's responses."""
    if kind == "refinement":
        return ["modification-report", "change-board-paper"] + (
            ["final-modification-report"] if "final-modification-report" in STEMS[path] else []
        )
    return ["change-board-paper"] + (
        ["final-modification-report"] if "final-modification-report" in STEMS[path] else []
    )


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p != "Fast-Track"])
def test_response_counts_equal_an_independent_count(lifecycle_outputs, path):
    """Per question: the counts by answer over every response (confidential ones too), by Party category over
    the non-confidential ones, and the non-confidential respondents in the file's order, as counted here from
    the responses file itself, in every document that summarises the consultation."""
    checked = 0
    for kind, ids, rows in _consultations(EXAMPLES[path]):
        public = [r for r in rows if r["confidential"].lower() == "no"]
        for name in _where_summarised(path, kind):
            summaries = _answer_tables(lifecycle_outputs[path] / f"{name}.html", kind)
            assert [s["id"] for s in summaries] == ids, (name, kind)
            for s in summaries:
                q = s["id"]
                every = collections.Counter(r[q] or "No answer" for r in rows)
                assert s["answers"] == {**every, "All responses": len(rows)}, (name, kind, q)
                by_category = collections.defaultdict(collections.Counter)
                for r in public:
                    by_category[r["category"]][r[q] or "No answer"] += 1
                shown = {
                    c: {a: n for a, n in counts.items() if a != "Total" and n} for c, counts in s["by_category"].items()
                }
                assert shown == {c: dict(n) for c, n in by_category.items()}, (name, kind, q)
                assert all(counts["Total"] == sum(by_category[c].values()) for c, counts in s["by_category"].items())
                named = [(r["respondent"], r["category"], r[q] or "No answer", r[f"{q} comment"])
                         for r in public if r[q] or r[f"{q} comment"]]  # fmt: skip
                assert s["named"] == named, (name, kind, q)
                checked += 1
    assert checked >= 2


def _confidential_words(record: Path) -> set[str]:
    """Every word of every confidential response: its respondent and its comments (its answers are counted)."""
    words = set()
    for _, ids, rows in _consultations(record):
        for r in rows:
            if r["confidential"].lower() == "yes":
                for text in [r["respondent"], *(r[f"{q} comment"] for q in ids)]:
                    words |= {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}
    return words


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p != "Fast-Track"])
def test_no_word_of_a_confidential_response_in_any_output(lifecycle_outputs, path):
    """Grep every output (Word XML text, HTML, Markdown, JSON) for every word of a confidential response."""
    words = _confidential_words(EXAMPLES[path])
    assert len(words) >= 8
    for name, text in output_texts(lifecycle_outputs[path]).items():
        found = {w for w in re.findall(r"[^\W\d_]+", text.casefold()) if w in words}
        assert not found, (name, found)


def test_a_confidential_respondents_category_is_not_counted_by_category(lifecycle_outputs):
    """The Self-Governance refinement's one confidential response is a Large Supplier's: the table of
    non-confidential responses counts the two named Large Suppliers, not three."""
    html = (lifecycle_outputs["Self-Governance"] / "modification-report.html").read_text("utf-8")
    tree = lxml.html.fromstring(html)
    (table,) = tree.find_class("categories")
    rows = {normalise_ws(tr[0].text_content()): normalise_ws(tr[1].text_content()) for tr in table.iter("tr")}
    assert rows["Large Supplier"] == "2"
    assert "1 of them confidential" in normalise_ws(tree.text_content())
    # The Authority Determination refinement's confidential response is the only Other SEC Party's.
    tree = lxml.html.parse(str(lifecycle_outputs["Authority Determination"] / "modification-report.html")).getroot()
    (table,) = tree.find_class("categories")
    assert [normalise_ws(tr[0].text_content()) for tr in table.iter("tr")][1:] == [
        "Large Supplier", "Small Supplier", "Network Party", "DCC",
    ]  # fmt: skip


# --- checks -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edits", "said"),
    [
        ((("    opens: 2025-06-02\n    closes: 2025-06-20", "    opens: 2025-06-20\n    closes: 2025-06-02"),),
         "the Modification Report Consultation closes (2 June 2025) before it opens (20 June 2025)"),
        ((("  date: 2025-06-25", "  date: 2025-06-19"),),
         "the Change Board (19 June 2025) is not after the Modification Report Consultation closes (20 June 2025)"),
        ((("  implementation: 2025-11-06", "  implementation: 2025-11-13"),),
         "the implementation date 13 November 2025 is no release's date (releases: November 2025 SEC Release "
         "(6 November 2025))"),
    ],
)  # fmt: skip
def test_date_order_warnings_name_both_dates(tmp_path, edits, said):
    record = variant(tmp_path, SG, *edits)
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert f": warning: {said}" in r.stderr
    assert said in (tmp_path / "out" / "register.html").read_text("utf-8").replace("&#39;", "'")
    strict = run_cli("lifecycle", record, "-o", tmp_path / "strict", "--strict")
    assert strict.returncode == EXIT_STRICT and not (tmp_path / "strict").exists()
    assert said in strict.stderr


def test_an_authority_decision_before_the_final_modification_report(tmp_path):
    record = variant(tmp_path, AD, ("  date: 2025-12-01", "  date: 2025-10-23"))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == 0
    line = line_of(record, "  date: 2025-10-23")
    assert (
        f"{record}:{line}: warning: the Authority's decision (23 October 2025) is before the Final Modification "
        "Report (24 October 2025)" in r.stderr
    )


def test_a_date_that_is_no_working_day(tmp_path):
    record = variant(tmp_path, SG, ("    closes: 2025-04-24", "    closes: 2025-04-21"))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    line = line_of(record, "closes: 2025-04-21")
    assert (
        f"{record}:{line}: warning: 'consultations[1].closes' 21 April 2025 is a bank holiday (Easter Monday)"
        in r.stderr
    )


def test_legal_text_version_must_be_listed(tmp_path):
    record = variant(tmp_path, SG, ('    legal_text_version: "0.1"', '    legal_text_version: "0.2"'))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    line = line_of(record, 'legal_text_version: "0.2"')
    assert r.returncode == EXIT_CHANGESET and not (tmp_path / "out").exists()
    assert r.stderr.strip().splitlines() == [
        f"sec-redline: error: {record}:{line}: 'legal_text_version': '0.2' is not in 'legal_text:' (versions: 0.1, 1.0)"
    ]


def test_without_a_legal_text_list_the_version_is_printed_as_given(tmp_path, lifecycle_outputs):
    html = (lifecycle_outputs["Authority-led"] / "modification-report-consultation.html").read_text("utf-8")
    assert "This consultation is on version 0.1 of the legal text." in html


# --- bad records: one line, exit 4, nothing written ---------------------------------------------------------


def _not_a_workbook(folder: Path) -> None:
    (folder / "mrc-responses.xlsx").write_text("respondent,category\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("edits", "prepare", "line"),
    [
        ((("responses: mrc-responses.xlsx", "responses: missing.csv"),), None,
         r"{record}:{n}: 'consultations\[2\]\.responses': .*missing\.csv: no such file"),
        ((("text: Do you agree with the proposed implementation date?", "text: A third question?\n      - id: Q3\n"
           "        text: Do you agree with the proposed implementation date?"),), None,
         r".*mrc-responses\.xlsx: row 1: no columns 'Q3' and 'Q3 comment' for question Q3"),
        ((), lambda folder: (folder / "refinement-responses.csv").write_text(
            (folder / "refinement-responses.csv").read_text("utf-8").replace(",Network Party,", ",Network Parties,"),
            encoding="utf-8"),
         r".*refinement-responses\.csv: row 5: unknown category 'Network Parties' \(one of: Large Supplier, .*\)"),
        ((), _not_a_workbook,
         r"{record}:{n}: 'consultations\[2\]\.responses': .*mrc-responses\.xlsx: not an Excel workbook \(\.xlsx\): "
         r"not a readable zip package .*"),
    ],
    ids=["missing-responses-file", "question-without-column", "unknown-category", "xlsx-not-a-workbook"],
)  # fmt: skip
def test_bad_records_are_one_line_exit_4_nothing_written(tmp_path, edits, prepare, line):
    record = variant(tmp_path, SG, *edits)
    if prepare:
        prepare(record.parent)
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == EXIT_CHANGESET, r.stderr
    assert not (tmp_path / "out").exists()
    (said,) = r.stderr.strip().splitlines()
    n = line_of(record, "responses: m" if "missing" not in str(edits) else "missing.csv")
    assert re.fullmatch("sec-redline: error: " + line.format(record=re.escape(str(record)), n=n), said), said


def test_one_document_and_documents_a_path_has_not(tmp_path):
    r = run_cli("lifecycle", AD, "-o", tmp_path / "one", "--document", "change-board-paper")
    assert r.returncode == 0, r.stderr
    assert sorted(f.name for f in (tmp_path / "one").iterdir()) == [
        "change-board-paper.docx", "change-board-paper.html", "change-board-paper.md",
    ]  # fmt: skip
    r = run_cli("lifecycle", AD, "-o", tmp_path / "reg", "--document", "register")
    assert sorted(f.name for f in (tmp_path / "reg").iterdir()) == ["register.html", "register.json"]
    r = run_cli("lifecycle", AD, "-o", tmp_path / "no", "--document", "conclusions-report")
    assert r.returncode == EXIT_CHANGESET and not (tmp_path / "no").exists()
    assert "'path': an Authority Determination modification has no conclusions-report" in r.stderr
    r = run_cli("lifecycle", AD, "-o", tmp_path / "no", "--document", "annex-a")
    assert r.returncode == 2 and "'annex-a' is no document" in r.stderr


def test_a_document_whose_facts_the_record_lacks(tmp_path):
    """Without the Change Board's votes the Self-Governance set stops at the Change Board paper; -v says why."""
    record = variant(tmp_path, SG, ("  outcome: approve\n", ""))
    r = run_cli("lifecycle", record, "-o", tmp_path / "out", "-v")
    assert r.returncode == 0, r.stderr
    assert "info: no conclusions-report: the record needs 'change_board:' with 'votes:' and 'outcome:'" in r.stderr
    assert not (tmp_path / "out" / "conclusions-report.docx").exists()
    assert json.loads((tmp_path / "out" / "register.json").read_text("utf-8"))["stage"] == "change-board"
    r = run_cli("lifecycle", record, "-o", tmp_path / "one", "--document", "conclusions-report")
    assert r.returncode == EXIT_CHANGESET and "no conclusions-report: the record needs" in r.stderr


def test_a_record_at_odds_with_its_path(tmp_path):
    """A Fast-Track record with a consultation, a Change Board or the Authority's decision: each an error."""
    record = variant(
        tmp_path,
        SG,
        ("path: Self-Governance", "path: Fast-Track"),
        ("change_board:\n", "authority: {decision: approve, date: 2025-07-01}\nchange_board:\n"),
    )
    r = run_cli("lifecycle", record, "-o", tmp_path / "out")
    assert r.returncode == EXIT_CHANGESET and not (tmp_path / "out").exists()
    lines = r.stderr.strip().splitlines()
    assert any("'kind': a Fast-Track modification has no refinement consultation" in x for x in lines)
    assert any("'change_board': a Fast-Track modification goes to no Change Board" in x for x in lines)
    assert any("'authority': a Fast-Track modification is not decided by the Authority" in x for x in lines)


def test_same_inputs_same_bytes(tmp_path):
    for run in ("a", "b"):
        assert run_cli("lifecycle", AD, "-o", tmp_path / run).returncode == 0
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_report_is_unchanged_by_the_record_keys(tmp_path):
    """`report` reads a record too (its new keys ignored) and writes its three documents as before."""
    r = run_cli("report", EXAMPLES["Authority Determination"], "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == sorted(
        f"{n}.{e}" for n in ("modification-report", "problem-statement", "panel-paper") for e in ("docx", "html", "md")
    )
