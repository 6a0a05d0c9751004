"""Build templates/reference.docx: the house style of every Word output (run: python tools/make_reference_docx.py).

A user may replace it (copy it, restyle it in Word, and pass the folder with
--templates): the writers only look up the styles named here by name, and take
page size, margins and fonts from the file.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from legal_text.ooxml import drop_unused_parts, normalise_package

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
CLAUSE_INDENT = Cm(1.75)
LEVEL_INDENT = Cm(1.25)

# name -> (based on, left indent, hanging, bold, italic, size, space before, keep with next)
PARAGRAPH_STYLES = {
    "SEC Instruction": ("Normal", 0, 0, True, True, 11, 12, True),
    "SEC Part Heading": ("Normal", 0, 0, True, False, 11, 12, True),
    "SEC Group Heading": ("Normal", 0, 0, True, False, 12, 12, True),
    "SEC Level 0": ("Normal", CLAUSE_INDENT, CLAUSE_INDENT, False, False, 11, 6, False),
    "SEC Level 1": ("Normal", CLAUSE_INDENT + LEVEL_INDENT, LEVEL_INDENT, False, False, 11, 4, False),
    "SEC Level 2": ("Normal", CLAUSE_INDENT + LEVEL_INDENT * 2, LEVEL_INDENT, False, False, 11, 4, False),
    "SEC Level 3": ("Normal", CLAUSE_INDENT + LEVEL_INDENT * 3, LEVEL_INDENT, False, False, 11, 4, False),
    "SEC Level 4": ("Normal", CLAUSE_INDENT + LEVEL_INDENT * 4, LEVEL_INDENT, False, False, 11, 4, False),
    "SEC Text After List 0": ("Normal", CLAUSE_INDENT, 0, False, False, 11, 4, False),
    "SEC Text After List 1": ("Normal", CLAUSE_INDENT + LEVEL_INDENT, 0, False, False, 11, 4, False),
    "SEC Text After List 2": ("Normal", CLAUSE_INDENT + LEVEL_INDENT * 2, 0, False, False, 11, 4, False),
    "SEC Text After List 3": ("Normal", CLAUSE_INDENT + LEVEL_INDENT * 3, 0, False, False, 11, 4, False),
    "SEC Classification": ("Normal", 0, 0, False, False, 8, 0, False),
    "SEC Header": ("Normal", 0, 0, False, False, 8, 0, False),
}


THEME_FONT_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def one_typeface(doc, name: str) -> None:
    """Every style and the document defaults in ``name``: a theme font attribute (w:asciiTheme="majorHAnsi")
    overrides the font named beside it, so headings would show in the theme's typeface; they all go."""
    from docx.oxml.ns import qn

    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), name)


def build() -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        st = doc.styles[name]
        st.font.name = "Arial"
        st.font.size = Pt(size)
        st.font.color.rgb = NAVY
    for name, (base, left, hang, bold, italic, size, before, keep) in PARAGRAPH_STYLES.items():
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles[base]
        st.quick_style = True
        pf = st.paragraph_format
        pf.left_indent = left or None
        pf.first_line_indent = -hang if hang else None
        pf.space_before = Pt(before)
        pf.keep_with_next = keep
        if hang:
            pf.tab_stops.add_tab_stop(left)
        st.font.bold = bold or None
        st.font.italic = italic or None
        st.font.size = Pt(size)
        if name in ("SEC Part Heading", "SEC Group Heading"):
            st.font.color.rgb = NAVY
        if name == "SEC Classification":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word's own footnote styles, under Word's names, so a footnote looks as Word's do (and Word and
    # LibreOffice map them to their own): the note's text small and single-spaced, its number raised.
    text = doc.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    text.element.styleId = "FootnoteText"
    text.base_style = normal
    text.font.size = Pt(9)
    text.paragraph_format.space_after = Pt(2)
    text.paragraph_format.line_spacing = 1.0
    ref = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.element.styleId = "FootnoteReference"
    ref.font.superscript = True
    ref.base_style = doc.styles["Default Paragraph Font"]
    for st in (text, ref):
        st.element.attrib.pop(qn("w:customStyle"))  # Word's built-in styles, not a user's
        st.unhide_when_used = True
        st.priority = 99
    one_typeface(doc, "Arial")
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = "sec-redline reference document", "SECAS", "SECAS"
    cp.created = cp.modified = dt.datetime(2026, 11, 25)
    cp.revision = 1
    doc.add_paragraph(
        "This reference document carries the styles of sec-redline's Word outputs; its text is never used.",
        style="Normal",
    )
    buf = io.BytesIO()
    drop_unused_parts(doc)
    doc.save(buf)
    return normalise_package(buf.getvalue())


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
    out.write_bytes(build())
    print(f"wrote {out}")
