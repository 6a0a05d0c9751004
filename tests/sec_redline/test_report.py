import re

import lxml.html
import pytest

from sec_redline.errors import InputError, MetadataError
from sec_redline.render.templating import render
from sec_redline.report import load_report_metadata, render_report_html, render_report_markdown
from tests.support import REPORT, normalise_ws

SECTIONS = [
    "About this document",
    "1. Summary",
    "2. Background",
    "3. Solution",
    "4. Impacts",
    "5. Costs",
    "6. Implementation approach",
    "7. Conclusions",
    "Appendix 1: Glossary",
    "Contact",
]


def html():
    return render_report_html(load_report_metadata(REPORT))


def test_sections_in_the_seed_order():
    tree = lxml.html.fromstring(html())
    assert [normalise_ws(h.text_content()) for h in tree.iter("h2")] == SECTIONS


def test_text_is_the_seed_text(seed_text):
    """Every paragraph of the report appears, word for word, in the seed's Appendix B."""
    seed = normalise_ws(
        seed_text.replace("’", "'")
        .replace("‘", "'")
        .replace(" — ", " - ")
        .replace("MPO087", "MP087")
        .replace("MP0O87", "MP087")
    )
    tree = lxml.html.fromstring(html())
    checked = 0
    for p in tree.iter("p", "li"):
        text = normalise_ws(p.text_content())
        if len(text) > 60 and "classified as White" not in text and "please contact" not in text:
            assert text in seed, text
            checked += 1
    assert checked >= 25


def test_party_ticks_and_costs():
    tree = lxml.html.fromstring(html())
    cells = [normalise_ws(td.text_content()) for td in tree.find_class("parties")[0].iter("td")]
    ticked = [cells[i + 1] for i in range(0, len(cells), 2) if cells[i] == "✓"]
    assert ticked == ["Large Suppliers", "Small Suppliers", "DCC"]
    assert "two days of effort, amounting to approximately £1,200" in html()


def test_glossary_is_corrected_and_sorted():
    tree = lxml.html.fromstring(html())
    rows = [[normalise_ws(c.text_content()) for c in tr] for tr in tree.find_class("glossary")[0].iter("tr")][1:]
    assert ["CSC", "Change Sub-Committee"] in rows
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)


def test_no_personal_contact_details():
    text = html() + render_report_markdown(load_report_metadata(REPORT))
    assert not re.search(r"[\w.]+@[\w-]+\.[\w.]+|\b0\d{3} ?\d{3} ?\d{4}\b|Harry|Gordon", text)


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


def test_user_templates_are_sandboxed_and_escaped(tmp_path):
    (tmp_path / "evil.html.j2").write_text("{{ value }} {{ ''.__class__.__mro__ }}")
    with pytest.raises(InputError, match=r"sandbox|unsafe|refused"):
        render("evil.html.j2", tmp_path, value="<b>")
    (tmp_path / "ok.html.j2").write_text("{{ value }}")
    assert render("ok.html.j2", tmp_path, value="<b>") == "&lt;b&gt;"


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
    assert any(x.endswith("unknown field 'background.doing_nothng'") for x in problems)
    assert any(x.endswith("'costs.secas.days': must be a number") and x.startswith(f"{p}:") for x in problems)
