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
