"""Turn our own report HTML (h1-h3, p, ul/li, table, strong, em, sup) into a styled .docx.

Reports are written once, as Jinja2 HTML templates; this gives the Word
version of the same text, so the two never drift apart.
"""

from __future__ import annotations

import datetime as dt
import io

import lxml.html
from docx import Document as new_docx
from docx.shared import Pt, RGBColor

from legal_text.ooxml import normalise_package

_HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        st = doc.styles[name]
        st.font.name = "Arial"
        st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def _inline(paragraph, el, bold=False, italic=False, sup=False) -> None:
    """Add the text of ``el`` and its inline children to ``paragraph`` as runs."""
    def add(text: str, b: bool, i: bool, s: bool) -> None:
        if text:
            run = paragraph.add_run(" ".join(text.split("\n")))
            run.bold = b or None
            run.italic = i or None
            if s:
                run.font.superscript = True

    add(el.text or "", bold, italic, sup)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        _inline(paragraph, child,
                bold or tag in ("strong", "b", "th"),
                italic or tag in ("em", "i"),
                sup or tag == "sup")
        add(child.tail or "", bold, italic, sup)


def _clean(text: str) -> str:
    return " ".join(text.split())


def html_to_docx(html: str, title: str, author: str, date: dt.date) -> bytes:
    """A .docx of the HTML page's body; the same inputs give the same bytes."""
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    doc = new_docx()
    _styles(doc)
    cp = doc.core_properties
    when = dt.datetime(date.year, date.month, date.day)
    cp.title, cp.author, cp.last_modified_by = title, author, author
    cp.created = cp.modified = when
    cp.revision = 1
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HEADINGS:
            doc.add_paragraph(_clean(el.text_content()), style=_HEADINGS[tag])
        elif tag == "p":
            p = doc.add_paragraph()
            _inline(p, el)
            if "classification" in (el.get("class") or ""):
                for run in p.runs:
                    run.font.size = Pt(9)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for li in el.iter("li"):
                p = doc.add_paragraph(style=style)
                _inline(p, li)
        elif tag == "table":
            rows = el.findall(".//tr")
            ncols = max(sum(int(c.get("colspan", 1)) for c in r if isinstance(c.tag, str)) for r in rows)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r in rows:
                cells = table.add_row().cells
                col = 0
                for c in r:
                    if not isinstance(c.tag, str):
                        continue
                    span = int(c.get("colspan", 1))
                    target = cells[col].merge(cells[col + span - 1]) if span > 1 else cells[col]
                    para = target.paragraphs[0]
                    _inline(para, c, bold=(c.tag == "th"))
                    col += span
            doc.add_paragraph()
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_package(buf.getvalue())
