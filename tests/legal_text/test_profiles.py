"""Numbering profiles: Appendix references ('AD 1.2.3(a)') parse and print by the rule beside the code, and an
Appendix's text (paragraphs 1, 1.2, 1.2.3, (a); tables under their captions) is read into the clause tree and
written back unchanged.  Every Appendix wording here is illustrative."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legal_text import ClauseRef, ClauseRefError, Heading, read_code, read_text, render_text
from legal_text.model import documents_title
from legal_text.profiles import APPENDIX, SECTION, document_order
from legal_text.text_reader import caption_number, document_title

APPENDIX_TEXT = """Appendix AD 'Illustrative Interface Specification'

SEC Version 6.17

1 Introduction (illustrative)

1.1 This Appendix is illustrative wording written for a test, not SEC text.

1.2 Each User shall (illustrative):

    (a) send each request as this Appendix says; and

        (i) keep a copy; or

        (ii) say why it did not;

    (b) keep a record of each response.

2 Requests

2.1 Requests (illustrative)

2.1.1 A request shall carry the fields of Table 28a.

    Table 28a: Request fields (illustrative)
    | Field | Meaning |
    | RequestID | The request's identifier |

2.1.2A An inserted paragraph (illustrative).
"""


@pytest.mark.parametrize(
    ("written", "normal", "profile"),
    [
        ("AD 1.2.3(a)", "AD 1.2.3(a)", "appendix"),
        ("Appendix AD 1.2.3 (a)", "AD 1.2.3(a)", "appendix"),
        ("appendix ad  1.2.3(a)(ii)", "AD 1.2.3(a)(ii)", "appendix"),
        ("ad1.2.3", "AD 1.2.3", "appendix"),
        ("AD 1.2.3a", "AD 1.2.3A", "appendix"),
        ("Appendix A 1.2", "Appendix A 1.2", "appendix"),
        ("Appendix AD", "Appendix AD", "appendix"),
        ("AD 4", "AD 4", "appendix"),
        ("G 3.20 (b)", "G3.20(b)", "section"),
        ("AB1.2", "AB1.2", "section"),
        ("Section G3.20A", "G3.20A", "section"),
    ],
)
def test_references_follow_the_written_rule(written, normal, profile):
    ref = ClauseRef.parse(written)
    assert (str(ref), ref.profile) == (normal, profile)
    assert ClauseRef.parse(str(ref)) == ref


@pytest.mark.parametrize("bad", ["AD 1(a)", "Appendix AD (a)", "AD 1.2.3((a)"])
def test_what_is_no_appendix_reference_says_so(bad):
    with pytest.raises(ClauseRefError):
        ClauseRef.parse(bad)


def test_a_section_and_an_appendix_with_one_code_are_different_documents():
    section, appendix = ClauseRef.parse("A1.2"), ClauseRef.parse("Appendix A 1.2")
    assert section != appendix
    assert section.document == ("section", "A") and appendix.document == ("appendix", "A")
    assert document_order("section", "X") < document_order("appendix", "A") < document_order("appendix", "AD")


steps = st.integers(min_value=1, max_value=120).map(str)


@given(
    code=st.sampled_from(["A", "B", "AA", "AD", "ZZ"]),
    number=st.lists(steps, min_size=1, max_size=5),
    suffix=st.sampled_from(["", "A", "B"]),
    path=st.lists(st.sampled_from(["a", "b", "aa", "i", "iv", "A"]), max_size=3),
)
def test_every_appendix_reference_prints_and_parses_back(code, number, suffix, path):
    group, rest = number[0], ".".join(number[1:])
    clause = (rest + suffix) if rest else None
    ref = ClauseRef(code, group, clause, tuple(path) if clause else (), "appendix")
    assert ClauseRef.parse(str(ref)) == ref


def test_an_appendix_is_read_with_its_own_numbers():
    result = read_text(APPENDIX_TEXT, "ad.txt")
    doc = result.value
    assert (doc.profile, doc.section, doc.title, doc.version) == (
        "appendix",
        "AD",
        "Illustrative Interface Specification",
        "6.17",
    )
    assert [str(r) for r in doc.refs()] == [
        "AD 1.1",
        "AD 1.2",
        "AD 1.2(a)",
        "AD 1.2(a)(i)",
        "AD 1.2(a)(ii)",
        "AD 1.2(b)",
        "AD 2.1",
        "AD 2.1.1",
        "AD 2.1.2A",
    ]
    assert [c.label for c in doc.body if not isinstance(c, Heading)] == ["1.1", "1.2", "2.1", "2.1.1", "2.1.2A"]
    groups = [(h.label, h.text) for h in doc.body if isinstance(h, Heading)]
    assert groups == [("1", "Introduction (illustrative)"), ("2", "Requests")]
    (table,) = [c for c in doc.clauses() if c.kind == "table"]
    assert table.label == "Table 28a: Request fields (illustrative)"
    assert caption_number(table.label) == "Table 28a"
    assert table.rows == (("Field", "Meaning"), ("RequestID", "The request's identifier"))
    assert [m for m in result.messages if m.level != "info"] == []


def test_an_appendix_written_out_reads_back_the_same():
    doc = read_text(APPENDIX_TEXT, "ad.txt").value
    again = read_text(render_text(doc), "again.txt").value
    assert again.body == doc.body and again.identity == doc.identity


def test_a_whole_code_holds_sections_then_appendices():
    section = "Section A 'Definitions and Interpretation'\n\nA1.1 Illustrative wording.\n\nA1.2 More of it.\n"
    code = section + "\n" + APPENDIX_TEXT.replace("SEC Version 6.17\n\n", "")
    result = read_code(code, "code.txt")
    docs = result.value
    assert [d.identity for d in docs] == [("section", "A"), ("appendix", "AD")]
    assert [str(r) for r in docs[0].refs()] == ["A1.1", "A1.2"]
    assert str(docs[1].refs()[0]) == "AD 1.1"
    assert documents_title(docs) == "Section A and Appendix AD"


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Appendix AD 'DCC User Interface Specification'", ("appendix", "AD", "DCC User Interface Specification")),
        ("APPENDIX AB: SERVICE REQUEST PROCESSING DOCUMENT", ("appendix", "AB", "Service Request Processing Document")),
        ("Section G 'Security'", ("section", "G", "Security")),
        ("Appendix AD sets out how (illustrative).", None),
        ("Appendix 4 of the report", None),
    ],
)
def test_title_lines_name_their_document(line, found):
    got = document_title(line)
    assert (None if got is None else (got[0].name, got[1], got[2])) == found


def test_profiles_print_a_document_as_it_is_headed():
    assert APPENDIX.heading("AD", "DCC User Interface Specification") == (
        "Appendix AD 'DCC User Interface Specification'"
    )
    assert SECTION.heading("G") == "Section G"


def test_an_appendix_pasted_from_a_pdf_loses_its_running_footer():
    text = "Appendix AD 'Illustrative'\n\n1 Group (illustrative)\n\n1.1 Each User shall keep a record\n"
    text += "SEC — Appendix AD 12\nof each response (illustrative).\n"
    result = read_text(text, "ad.txt")
    (clause,) = [c for c in result.value.body if not isinstance(c, Heading)]
    assert clause.text == "Each User shall keep a record of each response (illustrative)."
    assert [m.text for m in result.messages if m.level == "warning"] == [
        "removed a page header, footer or number: 'SEC — Appendix AD 12'"
    ]
