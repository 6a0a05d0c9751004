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


# Issue 17: notes as Word footnotes.  The page follows templates/_notes.html.j2 (illustrative wording).
NOTES_HTML = """<html><body><h2>7. Conclusions (illustrative)</h2>
<p class="keep-with-next"><strong>Objective (a)</strong><sup class="note-call"><a href="#note-1" id="note-call-1"
role="doc-noteref">1</a></sup></p><p>Why it is better (illustrative).</p>
<table><tr><td>A cell calling a note<sup><a href="#note-2" id="note-call-2" role="doc-noteref">2</a></sup></td></tr>
</table>
<section class="notes" role="doc-endnotes"><h3>Notes</h3><ol>
<li id="note-1"><p>The first note, <em>illustrative</em>. <a href="#note-call-1" role="doc-backlink">&#8617;</a></p>
</li>
<li id="note-2"><p>The second note. <a href="#note-call-2" role="doc-backlink">&#8617;</a></p></li>
</ol></section></body></html>"""


def _parts(data: bytes) -> dict[str, bytes]:
    import zipfile

    z = zipfile.ZipFile(BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def _footnotes(parts: dict[str, bytes]) -> dict[str, str]:
    from lxml import etree

    from legal_text.ooxml import w

    root = etree.fromstring(parts["word/footnotes.xml"])
    return {n.get(w("id")): "".join(n.itertext()) for n in root.iter(w("footnote"))}


def test_note_calls_become_word_footnotes_where_they_are_called():
    from lxml import etree

    from legal_text.ooxml import w

    data = html_to_docx(NOTES_HTML, "t", "SECAS", dt.date(2019, 10, 4), "Header line")
    parts = _parts(data)
    # Word's separators, then one note a call, its text without the link back or the space before it.
    assert _footnotes(parts) == {"-1": "", "0": "", "1": " The first note, illustrative.", "2": " The second note."}
    body = etree.fromstring(parts["word/document.xml"])
    calls = {
        r.find(w("footnoteReference")).get(w("id")): "".join(r.getparent().itertext())
        for r in body.iter(w("r"))
        if r.find(w("footnoteReference")) is not None
    }
    assert calls == {"1": "Objective (a)", "2": "A cell calling a note"}
    for r in body.iter(w("r")):
        if r.find(w("footnoteReference")) is not None:  # Word raises and numbers the call, by its style
            assert r.find(f"{w('rPr')}/{w('rStyle')}").get(w("val")) == "FootnoteReference"
    text = "".join(body.itertext())
    assert "Notes" not in text and "first note" not in text and "\u21a9" not in text
    assert b'<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' in parts["word/settings.xml"]
    assert b"footnotes+xml" in parts["[Content_Types].xml"]
    assert b'relationships/footnotes" Target="footnotes.xml"' in parts["word/_rels/document.xml.rels"]
    lead = docx.Document(BytesIO(data)).paragraphs[1]
    assert lead.text == "Objective (a)" and lead.paragraph_format.keep_with_next


def test_a_page_without_notes_has_no_footnotes_part():
    parts = _parts(html_to_docx(HTML, "t", "SECAS", dt.date(2019, 10, 4), "Header line"))
    assert "word/footnotes.xml" not in parts and b"footnotePr" not in parts["word/settings.xml"]


def test_a_call_to_a_note_the_page_lacks_is_one_clear_error():
    import pytest

    from sec_redline.errors import InputError

    broken = NOTES_HTML.replace('<li id="note-2">', '<li id="note-9">')
    with pytest.raises(
        InputError, match=r"^template t.html.j2: links to a footnote the page does not hold \(#note-2\)"
    ):
        html_to_docx(broken, "t", "SECAS", dt.date(2019, 10, 4), "Header line", source="template t.html.j2")


def reference_with_footnotes(folder):
    """A user's template folder whose reference.docx is as one made in Word may be: a footnotes part of its own
    (separators and a note) and no footnote styles."""
    import re

    from legal_text.ooxml.package import write_package
    from sec_redline.render.templating import package_templates

    parts = _parts((package_templates() / "reference.docx").read_bytes())
    styles = parts["word/styles.xml"].decode()
    styles = re.sub(r'<w:style [^>]*w:styleId="Footnote(?:Text|Reference)".*?</w:style>', "", styles)
    parts["word/styles.xml"] = styles.encode()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts["word/footnotes.xml"] = (
        f'<w:footnotes {ns}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        '</w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:t>A stray note of the reference</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.footnotes+xml"/></Types>',
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'footnotes" Target="footnotes.xml"/></Relationships>',
    )
    folder.mkdir()
    (folder / "reference.docx").write_bytes(write_package(parts))
    return folder


def test_a_note_called_from_nowhere_is_one_clear_error_not_lost():
    import pytest

    from sec_redline.errors import InputError

    uncalled = NOTES_HTML.replace('href="#note-2" id="note-call-2" role="doc-noteref"', 'href="#elsewhere"')
    with pytest.raises(InputError, match=r"^t.html.j2: the note #note-2 is called from nowhere in the text"):
        html_to_docx(uncalled, "t", "SECAS", dt.date(2019, 10, 4), "Header line", source="t.html.j2")


def test_a_reference_with_its_own_footnotes_part_and_no_footnote_styles(tmp_path):
    """Such a reference's separators are kept, its own note dropped (its text is never used), ours numbered after
    them and raised by direct formatting."""
    import zipfile

    folder = reference_with_footnotes(tmp_path / "templates")
    data = html_to_docx(NOTES_HTML, "t", "SECAS", dt.date(2019, 10, 4), "Header line", template_dir=folder)
    out = _parts(data)
    assert _footnotes(out) == {"-1": "", "0": "", "1": " The first note, illustrative.", "2": " The second note."}
    assert len([n for n in zipfile.ZipFile(BytesIO(data)).namelist() if "footnotes" in n]) == 1
    assert out["word/document.xml"].count(b'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference') == 2


def _body(data: bytes) -> list[tuple[str, str]]:
    """The body's blocks in order: ("p", style id and text) or ("tbl", "")."""
    from lxml import etree

    from legal_text.ooxml import w

    d = docx.Document(BytesIO(data))
    out = []
    for el in d.element.body:
        if el.tag == w("p"):
            style = el.find(f"{w('pPr')}/{w('pStyle')}")
            text = "".join(t.text or "" for t in el.iter(w("t")))
            out.append(("p", f"{style.get(w('val')) if style is not None else 'Normal'}:{text}"))
        elif el.tag == w("tbl"):
            out.append(("tbl", ""))
        else:
            assert etree.QName(el).localname == "sectPr"
    return out


def test_table_rows_break_across_pages_as_a_reader_needs():
    """A table's leading rows of th cells are header rows (repeated on every page, kept with the row after);
    a short row is never split across pages, a long one may be (a row taller than a page must)."""
    from legal_text.ooxml import w

    long_cell = "illustrative words " * 40
    html = (
        "<h2>4. Document Log</h2><table><tr><th>Document</th><th>Changed by</th></tr>"
        "<tr><td>Section G</td><td>MP087</td></tr>"
        f"<tr><td>Section A</td><td>{long_cell}</td></tr></table>"
    )
    d = docx.Document(BytesIO(html_to_docx(html, "t", "SECAS", dt.date(2019, 10, 4), "Header line")))
    head, short, long = d.tables[0].rows

    def props(row: object) -> list[str]:
        trpr = row._tr.find(w("trPr"))
        return [] if trpr is None else [c.tag.split("}")[1] for c in trpr]

    assert props(head) == ["cantSplit", "tblHeader"]
    assert all(p.paragraph_format.keep_with_next for c in head.cells for p in c.paragraphs)
    assert props(short) == ["cantSplit"] and props(long) == []
    assert not any(p.paragraph_format.keep_with_next for c in short.cells for p in c.paragraphs)


def test_no_empty_paragraph_stands_between_a_table_and_a_heading():
    """The space after a table is an empty paragraph only before text that is no heading (a heading's style
    spaces it); after the last table, a paragraph one point high, which cannot fill a page of its own."""
    table = "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>"
    html = f"<h2>One</h2>{table}<h2>Two</h2>{table}<p>After.</p>{table}<p class='classification'>x</p>"
    data = html_to_docx(html, "t", "SECAS", dt.date(2019, 10, 4), "Header line")
    assert _body(data) == [
        ("p", "Heading1:One"),
        ("tbl", ""),
        ("p", "Heading1:Two"),
        ("tbl", ""),
        ("p", "Normal:"),
        ("p", "Normal:After."),
        ("tbl", ""),
        ("p", "Normal:"),
    ]
    last = docx.Document(BytesIO(data)).paragraphs[-1].paragraph_format
    assert last.line_spacing is not None and last.line_spacing.pt == 1 and last.space_after == 0
