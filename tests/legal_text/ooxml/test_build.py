"""Building WordprocessingML: runs keep every character, revisions carry author and date, paragraph marks
are revised where the schema puts them, tables are indented as clause text."""

from lxml import etree

from legal_text.ooxml import (
    RevisionIds,
    RunStyle,
    add_page_break,
    append_page_number,
    keep_with_next,
    make_paragraph,
    make_revision,
    make_run,
    make_table,
    mark_paragraph,
    table_indent,
    table_xml,
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


def _names(el: etree._Element | None) -> list[str]:
    return [] if el is None else [etree.QName(c).localname for c in el]


def test_a_tables_first_row_is_its_header_row_repeated_and_kept_with_the_next():
    """A table of two rows or more: its first row repeats at the top of each page it runs onto, is never split,
    and its paragraphs keep with the row after, so that no page ends with the header alone; the row marks of a
    header row inserted with tracked changes stay last, where the schema puts them."""
    ids = RevisionIds()
    rows = [[make_paragraph("Normal", [make_run(t)])] for t in ("Field", "RequestID")]
    tbl = make_table(rows, depth=1, row_marks=[make_revision("ins", ids, "SECAS", "2019-10-04T00:00:00Z")])
    head, body = tbl.findall(w("tr"))
    assert _names(head.find(w("trPr"))) == ["cantSplit", "tblHeader", "ins"]
    assert [_names(p.find(w("pPr"))) for p in head.iter(w("p"))] == [["pStyle", "keepNext"]]
    assert body.find(w("trPr")) is None and body.find(f".//{w('keepNext')}") is None
    one = make_table([[make_paragraph("Normal", [make_run("alone")])]], depth=1)
    assert one.find(f".//{w('tblHeader')}") is None  # a table of one row has no header to repeat


def test_table_text_is_what_make_table_builds():
    cells = [["Field", "Meaning"], ["RequestID", "The identifier"]]
    built = make_table([[make_paragraph("Normal", [make_run(t)]) for t in row] for row in cells], 1, "TableGrid")
    text = table_xml(cells, 1, "TableGrid", "Normal")
    ns = f'xmlns:w="{w("x")[1:-2]}"'
    parsed = etree.fromstring(text.replace("<w:tbl>", f"<w:tbl {ns}>", 1))

    def shape(el: etree._Element) -> tuple[object, ...]:
        return (el.tag, sorted(el.attrib.items()), el.text, [shape(c) for c in el])

    assert shape(parsed) == shape(built)


def test_keep_with_next_goes_after_the_style_once():
    p = make_paragraph("Heading1", [make_run("x")])
    keep_with_next(p)
    keep_with_next(p)
    assert _names(p.find(w("pPr"))) == ["pStyle", "keepNext"]
