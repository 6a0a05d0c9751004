"""Laying redlines out as Word paragraphs: house styles by depth, tracked or visual marks, whole-paragraph
revisions on the paragraph mark."""

import zipfile
from io import BytesIO

from lxml import etree

from legal_text import Run
from legal_text.ooxml import read_revisions, w
from sec_redline import house_style as hs
from sec_redline.render.docx_writer import DocxWriter, reference_docx


def _body(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))


def test_tracked_runs_carry_author_and_date():
    wr = DocxWriter(reference_docx(), "SECAS", "2019-10-04T00:00:00Z")
    wr.paragraph(hs.level_style(1), (Run("equal", "(b)\tGas Proxy Function "), Run("insert", "which forms")))
    (rev,) = read_revisions(wr.save())
    assert (rev.kind, rev.author, rev.date, rev.text) == ("ins", "SECAS", "2019-10-04T00:00:00Z", "which forms")


def test_visual_marks_are_formatting_not_revisions():
    wr = DocxWriter(reference_docx(), "SECAS", "2019-10-04T00:00:00Z", marks="visual")
    wr.paragraph(hs.NORMAL, (Run("delete", "old"), Run("insert", "new")))
    data = wr.save()
    assert read_revisions(data) == []
    rprs = [r.find(w("rPr")) for r in _body(data).iter(w("r"))]
    assert rprs[0].find(w("strike")) is not None and rprs[1].find(w("u")).get(w("val")) == "double"


def test_a_deleted_paragraph_takes_its_mark_and_an_inserted_one_marks_the_one_before():
    wr = DocxWriter(reference_docx(), "SECAS", "2019-10-04T00:00:00Z")
    first = wr.text(hs.NORMAL, "kept")
    wr.paragraph(hs.NORMAL, (Run("insert", "added"),), status="inserted")
    gone = wr.paragraph(hs.NORMAL, (Run("delete", "removed"),), status="deleted")
    assert first.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None
    assert gone.find(f"{w('pPr')}/{w('rPr')}/{w('del')}") is not None


def test_styles_are_the_reference_documents_ids():
    wr = DocxWriter(reference_docx(), "SECAS", "2019-10-04T00:00:00Z")
    p = wr.text(hs.level_style(0), "G3.20\tEach User shall")
    assert p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "SECLevel0"
