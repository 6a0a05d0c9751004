"""Report consistency checks: each a warning with the metadata line (MP087's own mistakes, and constructed cases)."""

from sec_redline.changes import load_changeset
from sec_redline.report import check_report, load_report_metadata
from tests.sec_redline.report.support import context
from tests.support import CHANGES, REPORT


def test_mp087_consistency_warnings():
    _, _, warnings = context()
    texts = [w.text for w in warnings]
    assert texts == [
        "7 November 2020 is a Saturday",
        "'7 November 2020 (November 2019 SEC Release)': the November 2019 SEC Release cannot be in November 2020",
        "'7 November 2020 (November 2019 SEC Release)': the November 2019 SEC Release is on 7 November 2019",
        "glossary: TABASC is never used in the report",
    ]
    assert str(warnings[0].where) == f"{REPORT}:119"


def test_section_named_but_not_touched(tmp_path):
    cs = tmp_path / "cs.yaml"
    cs.write_text(CHANGES.read_text().replace("in: G3.20(b)", "in: H3.20(b)"), encoding="utf-8")
    meta = load_report_metadata(REPORT)
    texts = [w.text for w in check_report(meta, load_changeset(cs))]
    assert "Section G 'Security' is named as impacted, but MP087's change set does not touch it" in texts
    assert "the change set changes Section H, which the report does not name as impacted" in texts


def test_costs_that_do_not_add_up(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(REPORT.read_text().replace("    days: 2\n", "    days: 2\n    day_rate: 500\n"), encoding="utf-8")
    texts = [w.text for w in check_report(load_report_metadata(p))]
    assert "SECAS costs: 2 days at £500 is £1,000, not £1,200" in texts


def test_sec_documents_given_as_one_string_names_that_document(tmp_path):
    """`sec_documents:` is prose: one string as well as a list of them; one string is one document, not one
    document a character."""
    from sec_redline.report import sections_named

    p = tmp_path / "m.yaml"
    text = REPORT.read_text(encoding="utf-8")
    assert "  sec_documents: [\"Section G 'Security'\"]\n" in text
    p.write_text(
        text.replace("  sec_documents: [\"Section G 'Security'\"]\n", "  sec_documents: Section G 'Security'\n")
    )
    meta = load_report_metadata(p)
    assert sections_named(meta) == {("section", "G"): "Section G 'Security'"}
    assert not [w for w in check_report(meta, load_changeset(CHANGES)) if "impacted" in w.text]


def test_a_clause_the_problem_statement_cannot_quote_is_a_warning_at_its_quote_line(tmp_path):
    """Without --base the problem statement printed "... the following change to Section G3.17:" and nothing
    after it, exit 0; now each such quote is a warning at its metadata line, saying it cannot quote it."""
    from sec_redline.report.checks import unquoted_clauses
    from sec_redline.sources import read_base
    from tests.support import BASE, run_cli

    meta = load_report_metadata(REPORT)
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    quote_lines = [n for n, line in enumerate(lines, start=1) if line.strip().startswith("quote:")]
    assert [str(w) for w in unquoted_clauses(meta, [])] == [
        f"{REPORT}:{n}: warning: the problem statement cannot quote {ref}: no base text was given (--base FILE, "
        f"with --changes to quote it as amended)"
        for n, ref in zip(quote_lines, ("G3.17", "G3.20"), strict=True)
    ]
    assert unquoted_clauses(meta, read_base(BASE).value) == []
    other = tmp_path / "other.yaml"
    other.write_text(REPORT.read_text(encoding="utf-8").replace("quote: G3.20", "quote: G3.99"), encoding="utf-8")
    (found,) = unquoted_clauses(load_report_metadata(other), read_base(BASE).value)
    assert found.text == "the problem statement cannot quote G3.99: the base text does not hold it"
    r = run_cli("report", REPORT, "-o", tmp_path / "out", "--documents", "problem-statement")
    assert r.returncode == 0
    assert f"{REPORT}:{quote_lines[0]}: warning: the problem statement cannot quote G3.17" in r.stderr
    assert "cannot quote G3.17" in (tmp_path / "out" / "problem-statement.md").read_text(encoding="utf-8")
    r = run_cli("report", REPORT, "-o", tmp_path / "strict", "--documents", "problem-statement", "--strict")
    assert r.returncode == 6
    r = run_cli("report", REPORT, "-o", tmp_path / "report", "--documents", "modification-report")
    assert "quote" not in r.stderr  # only the problem statement quotes clauses
