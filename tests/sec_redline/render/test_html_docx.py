"""Our report HTML as Word: headings, paragraphs, lists and tables in the house style."""

import datetime as dt
from io import BytesIO

import docx

from sec_redline.render import html_to_docx

HTML = """<html><body><h1>MP087 (illustrative page)</h1><h2>1. Summary</h2><p>Some <strong>bold</strong> text.</p>
<ul><li>first</li><li>second</li></ul><table><tr><th>Acronym</th><th>Full term</th></tr>
<tr><td>SEC</td><td>Smart Energy Code</td></tr></table>
<p class="classification">dropped: every page's footer carries it</p></body></html>"""


def test_blocks_become_styled_paragraphs_and_tables():
    data = html_to_docx(HTML, "t", "SECAS", dt.date(2019, 10, 4), "Header line")
    d = docx.Document(BytesIO(data))
    paras = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert paras[:5] == [
        ("Title", "MP087 (illustrative page)"),
        ("Heading 1", "1. Summary"),
        ("Normal", "Some bold text."),
        ("List Bullet", "first"),
        ("List Bullet", "second"),
    ]
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [
        ["Acronym", "Full term"],
        ["SEC", "Smart Energy Code"],
    ]
    assert not any("dropped" in p.text for p in d.paragraphs)
    footer = [p.text for p in d.sections[0].footer.paragraphs]
    assert footer[-1] == "This document is classified as White in accordance with the Panel Information Policy."


def test_same_inputs_same_bytes():
    args = (HTML, "t", "SECAS", dt.date(2019, 10, 4), "Header line")
    assert html_to_docx(*args) == html_to_docx(*args)
