import re

import lxml.html

from sec_redline.report import load_report_metadata, render_document, report_context
from tests.sec_redline.report.support import SECTIONS, page_words
from tests.support import REPORT, normalise_ws


def html():
    meta = load_report_metadata(REPORT)
    return render_document("modification-report", "html", meta, report_context(meta))


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
    tree = page_words(html())
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
    meta = load_report_metadata(REPORT)
    text = html() + render_document("modification-report", "md", meta, report_context(meta))
    assert not re.search(r"[\w.]+@[\w-]+\.[\w.]+|\b0\d{3} ?\d{3} ?\d{4}\b|Harry|Gordon", text)
