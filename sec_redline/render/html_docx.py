"""Turn our own report HTML into a .docx in the house style (templates/reference.docx).

Reports are written once, as Jinja2 HTML templates; this gives the Word
version of the same text, so the two never drift apart.  It understands the
subset the report templates use: h1-h3, p, ul/ol/li, table, blockquote of
clause paragraphs, div.checks, and inline strong/em/sup/br.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
from docx.shared import Cm, Emu

from legal_text.ooxml import shade_cell

from .. import house_style as hs
from .docx_writer import DocxWriter, reference_docx

_HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
CHECKS_FILL = "FBE7E7"  # the Draft checks box's shading, as the HTML's (a light red)


def _inline(paragraph, el, bold=False, italic=False, sup=False) -> None:
    """Add the text of ``el`` and its inline children to ``paragraph`` as runs."""

    def add(text: str, b: bool, i: bool, s: bool) -> None:
        text = " ".join(text.split("\n"))
        if text:
            run = paragraph.add_run(text)
            run.bold = b or None
            run.italic = i or None
            if s:
                run.font.superscript = True

    add(el.text or "", bold, italic, sup)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        else:
            _inline(
                paragraph,
                child,
                bold or tag in ("strong", "b", "th"),
                italic or tag in ("em", "i"),
                sup or tag == "sup",
            )
        add(child.tail or "", bold, italic, sup)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


class _Converter:
    def __init__(self, writer: DocxWriter):
        self.wr = writer
        self.doc = writer.doc

    def block(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        classes = _classes(el)
        if tag in _HEADINGS:
            self.wr.text(_HEADINGS[tag], " ".join(el.text_content().split()))
        elif tag == "p" and "classification" in classes:
            return  # every page's footer carries it
        elif tag == "p" and "clause" in classes:
            level = next((int(c.split("-")[1]) for c in classes if c.startswith("level-")), 0)
            label = el.find("span")
            words = " ".join(el.text_content().split())
            if label is not None and label.text:
                text = words[len(label.text) :].strip()
                self.wr.text(hs.level_style(level), f"{label.text}\t{text}")
            else:
                self.wr.text(hs.after_list_style(level - 1), words)
        elif tag == "p":
            p = self.wr.package.add_paragraph(hs.NORMAL)
            if "action" in classes:
                p.add_run(" ".join(el.text_content().split())).bold = True
            else:
                _inline(p, el)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for li in el.iter("li"):
                _inline(self.wr.package.add_paragraph(style), li)
        elif tag == "table":
            self.table(el)
        elif tag == "div" and "checks" in classes:
            self.box(el)
        elif tag in ("div", "blockquote", "section"):
            for child in el:
                self.block(child)

    def box(self, el) -> None:
        """The Draft checks: a bordered, shaded one-cell table holding its title and its list, so that a
        reader of the Word file tells them from the report's own text, as the HTML's box does."""
        table = self.wr.package.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        cell = table.cell(0, 0)
        shade_cell(cell._tc, CHECKS_FILL)
        first = True
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _HEADINGS:
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                p.add_run(" ".join(child.text_content().split())).bold = True
            elif tag in ("ul", "ol"):
                for li in child.iter("li"):
                    _inline(cell.add_paragraph(style="List Bullet"), li)
            else:
                _inline(cell.paragraphs[0] if first else cell.add_paragraph(), child)
            first = False
        self.wr.package.add_paragraph(hs.NORMAL)

    def table(self, el) -> None:
        rows = el.findall(".//tr")
        ncols = max(sum(int(c.get("colspan", 1)) for c in r if isinstance(c.tag, str)) for r in rows)
        table = self.wr.package.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        narrow: set[int] = set()  # columns of tick marks
        for r in rows:
            cells = table.add_row().cells
            col = 0
            for c in r:
                if not isinstance(c.tag, str):
                    continue
                span = int(c.get("colspan", 1))
                target = cells[col].merge(cells[col + span - 1]) if span > 1 else cells[col]
                _inline(target.paragraphs[0], c, bold=(c.tag == "th"))
                if "tick" in _classes(c):
                    narrow.add(col)
                col += span
        if narrow:
            table.autofit = False
            wide = Emu(int((Cm(16.5) - Cm(1.0) * len(narrow)) / (ncols - len(narrow))))
            for j, col in enumerate(table.columns):
                col.width = Cm(1.0) if j in narrow else wide  # the grid, which LibreOffice follows
            for row in table.rows:
                for j, cell in enumerate(row.cells):
                    cell.width = Cm(1.0) if j in narrow else wide
        self.wr.package.add_paragraph(hs.NORMAL)


def add_html_blocks(writer: DocxWriter, html: str) -> None:
    """Append the blocks of an HTML fragment or page to ``writer``'s document."""
    root = (
        lxml.html.fragment_fromstring(html, create_parent="div")
        if "<body" not in html
        else lxml.html.document_fromstring(html).find("body")
    )
    if root is None:
        return
    converter = _Converter(writer)
    for el in root:
        converter.block(el)


def html_to_docx(
    html: str,
    title: str,
    author: str,
    date: dt.date,
    header: str,
    classification: str = hs.DEFAULT_CLASSIFICATION,
    template_dir: str | Path | None = None,
) -> bytes:
    """A .docx of the HTML page's body in the house style; the same inputs give the same bytes."""
    wr = DocxWriter(reference_docx(template_dir), author, f"{date.isoformat()}T00:00:00Z")
    wr.set_title(title)
    add_html_blocks(wr, html)
    wr.header_footer(header, hs.classification_sentence(classification))
    return wr.save()
