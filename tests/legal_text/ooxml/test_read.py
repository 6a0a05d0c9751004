"""Reading Word paragraphs on either side of their tracked changes, revisions and style names, from
hand-written WordprocessingML (the smallest cases; LibreOffice-made documents are tested elsewhere)."""

import io
import zipfile

import pytest

from legal_text.ooxml import PackageError, paragraph_texts, read_revisions, side_paragraphs, style_names

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str, styles: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {W}>{styles}</w:styles>")
    return buf.getvalue()


STAMP = 'w:author="SECAS" w:date="2019-10-04T00:00:00Z"'
INS = f'<w:ins w:id="1" {STAMP}><w:r><w:t xml:space="preserve"> new</w:t></w:r></w:ins>'
DEL = f'<w:del w:id="2" {STAMP}><w:r><w:delText xml:space="preserve"> old</w:delText></w:r></w:del>'


def test_both_sides_of_word_changes():
    data = _docx(f"<w:p><w:r><w:t>Words</w:t></w:r>{INS}{DEL}</w:p>")
    assert paragraph_texts(data, "new") == ["Words new"]
    assert paragraph_texts(data, "old") == ["Words old"]
    assert [(r.kind, r.text) for r in read_revisions(data)] == [("ins", " new"), ("del", " old")]


def test_an_inserted_paragraph_mark_joins_paragraphs_on_the_old_side():
    mark = '<w:pPr><w:rPr><w:ins w:id="3" w:author="A" w:date="2019-10-04T00:00:00Z"/></w:rPr></w:pPr>'
    two = '<w:r><w:t xml:space="preserve"> two</w:t></w:r>'
    data = _docx(f"<w:p>{mark}<w:r><w:t>one</w:t></w:r></w:p><w:p>{two}</w:p>")
    assert paragraph_texts(data, "new") == ["one", " two"]
    assert paragraph_texts(data, "old") == ["one two"]


def test_table_rows_carry_their_depth_and_a_crafted_indent_is_bounded():
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + cell.format("a") + cell.format("b") + "</w:tr>"
    ok = _docx(f'<w:tbl><w:tblPr><w:tblInd w:w="2410" w:type="dxa"/></w:tblPr>{row}</w:tbl>')
    (para,) = side_paragraphs(ok, "new")
    assert para.is_table_row and para.table_depth == 2 and para.cells == ("a", "b")
    huge = _docx(f'<w:tbl><w:tblPr><w:tblInd w:w="99999999999999999999" w:type="dxa"/></w:tblPr>{row}</w:tbl>')
    assert side_paragraphs(huge, "new")[0].table_depth == 0


def test_style_names_by_id():
    styles = '<w:style w:type="paragraph" w:styleId="SECLevel1"><w:name w:val="SEC Level 1"/></w:style>'
    assert style_names(_docx("<w:p/>", styles)) == {"SECLevel1": "SEC Level 1"}
    assert style_names(_docx("<w:p/>")) == {}


def test_a_package_without_a_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("other.xml", "<x/>")
    with pytest.raises(PackageError, match="no main document part"):
        paragraph_texts(buf.getvalue(), "new")


def test_spaces_at_the_ends_of_text_count_only_when_preserved():
    """As Word and LibreOffice read it: without xml:space="preserve" the spaces at either end are dropped."""
    data = _docx(
        '<w:p><w:r><w:t>Sub </w:t></w:r><w:r><w:t xml:space="preserve"> Committee </w:t></w:r>'
        "<w:r><w:t>members</w:t></w:r></w:p>"
    )
    assert paragraph_texts(data, "new") == ["Sub Committee members"]


def test_characters_as_a_person_sees_them():
    data = _docx(
        "<w:p><w:r><w:t>Sub</w:t><w:noBreakHyphen/><w:t>Committee</w:t><w:softHyphen/>"
        '<w:tab/><w:t>Panel</w:t><w:br w:type="page"/><w:t>shall</w:t><w:br w:type="page"/></w:r></w:p>'
    )
    assert paragraph_texts(data, "new") == ["Sub-Committee\tPanel\nshall"]
