from hypothesis import given
from hypothesis import strategies as st

from legal_text import ClauseRef, cross_references, inline_spans, read_text
from tests.support import BASE


def doc():
    return read_text(BASE.read_text(encoding="utf-8"), "base").value


def xrefs(text, here="G3.18"):
    return [
        (s.text, [str(r) for r in s.refs])
        for s in inline_spans(text, here=ClauseRef.parse(here), doc=doc())
        if s.kind == "xref"
    ]


def test_cross_reference_forms():
    assert xrefs("in accordance with Section G3.18(a) where") == [("Section G3.18(a)", ["G3.18(a)"])]
    assert xrefs("Sections G3.17 to G3.21 apply") == [
        ("Sections G3.17 to G3.21", ["G3.17", "G3.18", "G3.19", "G3.20", "G3.21"])
    ]
    assert xrefs("Section G3.18(a) and (b)") == [("Section G3.18(a) and (b)", ["G3.18(a)", "G3.18(b)"])]
    assert xrefs("as set out in this Section G3") == [("this Section G3", ["G3"])]
    assert xrefs("The requirements of this Section are") == [("this Section", ["G3.18"])]
    assert xrefs("Section G3.18 and A User shall") == [("Section G3.18", ["G3.18"])]  # "A" is a word here


def test_cross_references_of_the_example():
    found = {str(k): [str(r) for r in v] for k, v in cross_references(doc()).items()}
    assert found == {"G3.17": ["G3.18"], "G3.18": ["G3.18"], "G3.19": ["G3.18(a)"], "G3.21": ["G3.20"]}


def test_terms_without_definitions_are_candidates():
    spans = inline_spans("any Smart Metering System for which it is the Responsible Supplier,")
    assert [(s.text, s.defined) for s in spans if s.kind == "term"] == [
        ("Smart Metering System", None),
        ("Responsible Supplier", None),
    ]


@given(st.text(alphabet=st.sampled_from(list("Section G3.18(a) and to this User Device, ()")), max_size=80))
def test_spans_join_back_to_the_text(text):
    assert "".join(s.text for s in inline_spans(text, doc=None)) == text
    assert "".join(s.text for s in inline_spans(text, terms=["User", "Device"])) == text


def test_appendix_paragraph_reference_forms():
    """An Appendix refers to its own paragraphs by number ("paragraph 2.1"); any document to an Appendix's by
    naming it after them; a paragraph of another instrument, or a Section's "paragraph 2.1" with no Appendix
    named, is no reference of this code's (illustrative wording)."""
    from sec_redline.fileio import read_sections
    from tests.sec_redline.test_multi_document import BASE as FOLDER

    (ad,) = [d for d in read_sections(FOLDER).value if d.identity == ("appendix", "AD")]

    def refs(text, here="AD 2.2"):
        return [
            (s.text, [str(r) for r in s.refs])
            for s in inline_spans(text, here=ClauseRef.parse(here), doc=ad)
            if s.kind == "xref"
        ]

    assert refs("as set out in paragraph 1.2.") == [("paragraph 1.2", ["AD 1.2"])]
    assert refs("under paragraphs 1.2(a) and (b), or Clause 2.1") == [
        ("paragraphs 1.2(a) and (b)", ["AD 1.2(a)", "AD 1.2(b)"]),
        ("Clause 2.1", ["AD 2.1"]),
    ]
    assert refs("paragraphs 1.1 to 1.2 of this Appendix") == [
        ("paragraphs 1.1 to 1.2 of this Appendix", ["AD 1.1", "AD 1.2"])
    ]
    assert refs("paragraphs 2.1 to 2.2 apply") == [("paragraphs 2.1 to 2.2", ["AD 2.1", "AD 2.2"])]
    assert refs("Section G3.20 and paragraph 1.2 of Appendix A", here="G3.20") == [
        ("Section G3.20", ["G3.20"]),
        ("paragraph 1.2 of Appendix A", ["Appendix A 1.2"]),
    ]
    assert refs("paragraph 3.2 of the Technical Specification") == []
    assert refs("paragraph 1.2 applies", here="G3.20") == []  # a Section's words name no Appendix
    assert refs("paragraph 3 of it, and 2.1 units") == []  # a single number, and a number with no word before it
