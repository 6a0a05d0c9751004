"""Report metadata: its shape checked, every problem with its file, line and field."""

import pytest

from sec_redline.errors import MetadataError
from sec_redline.report import load_report_metadata
from tests.support import REPORT


def test_bad_metadata_lines(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(
        REPORT.read_text()
        .replace("path: Fast-Track", "path: Fast Track")
        .replace("parties_impacted: [Large Suppliers", "parties_impacted: [Big Suppliers"),
        encoding="utf-8",
    )
    with pytest.raises(MetadataError) as info:
        load_report_metadata(p)
    assert any(f"{p}:" in x and "'path'" in x for x in info.value.problems)
    assert any("Big Suppliers" in x for x in info.value.problems)


def test_missing_and_mistyped_fields_name_line_and_field(tmp_path):
    p = tmp_path / "m.yaml"
    text = (
        REPORT.read_text()
        .replace("  doing_nothing:\n", "  doing_nothng:\n")
        .replace("    days: 2\n", "    days: two\n")
    )
    p.write_text(text, encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        load_report_metadata(p)
    problems = info.value.problems
    assert any(x.endswith("'background.doing_nothing' is missing") for x in problems)
    assert any(x.endswith("unknown field 'background.doing_nothng'; did you mean 'doing_nothing'?") for x in problems)
    assert any(x.endswith("'costs.secas.days': must be a number") and x.startswith(f"{p}:") for x in problems)
