"""Building WordprocessingML: runs keep every character, revisions carry author and date, paragraph marks
are revised where the schema puts them, tables are indented as clause text."""

from lxml import etree

from legal_text.ooxml import (
    RevisionIds,
    RunStyle,
    add_page_break,
    append_page_number,
    make_paragraph,
    make_run,
    make_table,
    mark_paragraph,
    table_indent,
    tracked_run,
    w,
)


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t"), w("delText")))


def test_runs_keep_spaces_and_tabs():
    r = make_run(" (a)\tthe words ")
    assert [c.tag for c in r] == [w("t"), w("tab"), w("t")]
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in r.iter(w("t")))
    assert _text(r) == " (a)the words "


def test_run_properties_in_schema_order():
    r = make_run("x", RunStyle(bold=True, italic=True, strike=True, color="C00000", underline="double"))
    assert [etree.QName(c).localname for c in r.find(w("rPr"))] == ["b", "i", "strike", "color", "u"]
    assert make_run("x", RunStyle()).find(w("rPr")) is None


def test_tracked_runs_and_unique_ids():
    ids = RevisionIds()
    ins = tracked_run("ins", "which forms part of a SMETS2+ Device", ids, "SECAS", "2019-10-04T00:00:00Z")
    dele = tracked_run("del", "old words", ids, "SECAS", "2019-10-04T00:00:00Z")
    assert ins.tag == w("ins") and ins.get(w("author")) == "SECAS" and ins.get(w("id")) == "1"
    assert dele.get(w("id")) == "2" and dele.find(f"{w('r')}/{w('delText')}").text == "old words"


def test_paragraph_mark_revision_sits_before_sectpr():
    p = make_paragraph("Normal", [make_run("x")])
    etree.SubElement(p.find(w("pPr")), w("sectPr"))
    mark_paragraph(p, "del", RevisionIds(), "SECAS", "2019-10-04T00:00:00Z")
    ppr = p.find(w("pPr"))
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "rPr", "sectPr"]
    assert ppr.find(f"{w('rPr')}/{w('del')}") is not None


def test_tables_are_indented_as_clause_text():
    rows = [[make_paragraph("Normal", [make_run("a")]), make_paragraph("Normal", [make_run("b")])]]
    tbl = make_table(rows, depth=2, style_id="TableGrid")
    assert tbl.find(f"{w('tblPr')}/{w('tblInd')}").get(w("w")) == str(table_indent(2))
    assert len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")) == 2
    assert [_text(tc) for tc in tbl.iter(w("tc"))] == ["a", "b"]


def test_page_break_and_page_numbers():
    p = make_paragraph("Normal")
    add_page_break(p)
    assert p.find(f"{w('r')}/{w('br')}").get(w("type")) == "page"
    footer = make_paragraph("Footer")
    append_page_number(footer)
    assert [f.get(w("instr")) for f in footer.iter(w("fldSimple"))] == [" PAGE ", " NUMPAGES "]
    assert _text(footer) == "Page 1 of 1"
