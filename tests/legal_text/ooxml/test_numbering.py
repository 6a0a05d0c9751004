"""Word list numbering computed as Word and LibreOffice draw it, on hand-written numbering for what
LibreOffice does not itself write (restart rules, legal numbering, overrides, style links); documents made
by LibreOffice are checked against LibreOffice's own labels in tests/legal_text/test_docx_lists.py."""

from __future__ import annotations

import pytest
from lxml import etree

from legal_text.ooxml.numbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _lvl(i: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _numbering(abstracts: str, nums: str) -> etree._Element:
    return etree.fromstring(f'<w:numbering xmlns:w="{W}">{abstracts}{nums}</w:numbering>')


def _p(num: str | None = None, ilvl: int | None = None, style: str = "") -> etree._Element:
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    numpr = f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>' if num is not None else ""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr>{pstyle}{numpr}</w:pPr></w:p>')


SECTION = _numbering(
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "decimal", "G3.%1", 17)
    + _lvl(1, "lowerLetter", "(%2)")
    + _lvl(2, "lowerRoman", "(%3)")
    + "</w:abstractNum>",
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
)


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (7, "decimal", "7"),
        (7, "decimalZero", "07"),
        (12, "decimalZero", "12"),
        (3, "lowerLetter", "c"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (4, "lowerRoman", "iv"),
        (14, "upperRoman", "XIV"),
        (3, "none", ""),
        (3, "bullet", ""),
        (3, "ordinalText", "Third"),  # Word spells it (issue 26)
        (21, "ordinalText", "Twenty-first"),
        (2, "cardinalText", "Two"),
        (2, "ordinal", "2nd"),
        (13, "ordinal", "13th"),
        (3, "decimalEnclosedCircle", "\u2462"),
        (21, "decimalEnclosedCircle", "21"),  # Word encloses 1 to 20
        (3, "ideographDigital", "3"),  # a format not drawn here: its decimal number
    ],
)
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_a_section_numbered_by_levels():
    num = Numbering(SECTION, None)
    labels = [num.label(_p("1", lvl), "") for lvl in (0, 1, 1, 2, 2, 1, 0, 1)]
    assert labels == ["G3.17", "(a)", "(b)", "(i)", "(ii)", "(c)", "G3.18", "(a)"]


def test_unnumbered_and_numid_zero():
    num = Numbering(SECTION, None)
    assert num.label(_p(), "") == "" and num.label(_p("0", 0), "") == "" and num.label(_p("9", 0), "") == ""
    assert num.label(_p("1", 0), "") == "G3.17"


def test_multilevel_text_and_legal_numbering():
    abstract = (
        '<w:abstractNum w:abstractNumId="0">'
        + _lvl(0, "upperRoman", "%1.")
        + _lvl(1, "decimal", "%1.%2")
        + _lvl(2, "lowerLetter", "%1.%2.%3", extra="<w:isLgl/>")
        + "</w:abstractNum>"
    )
    num = Numbering(_numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), None)
    labels = [num.label(_p("1", lvl), "") for lvl in (0, 1, 2, 2, 0, 1)]
    assert labels == ["I.", "I.1", "1.1.1", "1.1.2", "II.", "II.1"]


def test_restart_rules():
    """Level 1 restarts after level 0 by default; lvlRestart 0 never restarts it."""
    never = (
        '<w:abstractNum w:abstractNumId="0">'
        + _lvl(0, "decimal", "%1.")
        + _lvl(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>')
        + "</w:abstractNum>"
    )
    num = Numbering(_numbering(never, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), None)
    assert [num.label(_p("1", lvl), "") for lvl in (0, 1, 1, 0, 1)] == ["1.", "(a)", "(b)", "2.", "(c)"]


def test_instances_continue_one_list_unless_restarted():
    abstract = '<w:abstractNum w:abstractNumId="0">' + _lvl(0, "decimal", "%1.") + "</w:abstractNum>"
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>'
        "</w:lvlOverride></w:num>"
    )
    num = Numbering(_numbering(abstract, nums), None)
    assert [num.label(_p(n, 0), "") for n in ("1", "1", "2", "3", "3", "1")] == ["1.", "2.", "3.", "5.", "6.", "7."]


def test_a_level_override_replaces_the_level():
    abstract = '<w:abstractNum w:abstractNumId="0">' + _lvl(0, "decimal", "%1.") + "</w:abstractNum>"
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
        + _lvl(0, "upperLetter", "Part %1", 1)
        + "</w:lvlOverride></w:num>"
    )
    num = Numbering(_numbering(abstract, nums), None)
    assert num.label(_p("1", 0), "") == "Part A"


def test_numbering_through_styles_and_their_bases():
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W}">'
        '<w:style w:type="paragraph" w:styleId="Clause"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="ClauseBold"><w:basedOn w:val="Clause"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Para"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/>'
        "</w:numPr></w:pPr></w:style></w:styles>"
    )
    num = Numbering(SECTION, styles)
    labels = [num.label(_p(style=s), s) for s in ("Clause", "Para", "ClauseBold", "Para")]
    assert labels == ["G3.17", "(a)", "G3.18", "(a)"]


def test_a_level_named_by_paragraph_style():
    abstract = (
        '<w:abstractNum w:abstractNumId="0">'
        + _lvl(0, "decimal", "%1.", extra='<w:pStyle w:val="H1"/>')
        + _lvl(1, "decimal", "%1.%2", extra='<w:pStyle w:val="H2"/>')
        + "</w:abstractNum>"
    )
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W}">'
        '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/></w:style></w:styles>'
    )
    num = Numbering(_numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), styles)
    assert [num.label(_p(style=s), s) for s in ("H1", "H2", "H2", "H1")] == ["1.", "1.1", "1.2", "2."]


def test_crafted_values_are_bounded():
    abstract = '<w:abstractNum w:abstractNumId="0">' + _lvl(0, "decimal", "%1.", start=10**30) + "</w:abstractNum>"
    num = Numbering(_numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'), None)
    assert num.label(_p("1", 99), "") in ("", "1.")  # a level out of range is no level; a huge start is refused
