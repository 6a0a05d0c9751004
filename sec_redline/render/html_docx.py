"""Turn our own report HTML into a .docx in the house style (templates/reference.docx).

Reports are written once, as Jinja2 HTML templates; this gives the Word
version of the same text, so the two never drift apart.  It understands the
subset the report templates use: h1-h3, p (``class="keep-with-next"`` keeps it
on the page of what follows), ul/ol/li, table, blockquote of clause paragraphs,
div.checks, footnotes (``templates/_notes.html.j2``: each becomes a Word
footnote where it is called), and inline strong/em/sup/br.

Page layout in Word: headings are kept with what follows (their styles say so);
a table's leading rows of ``th`` cells are its header rows, repeated on every
page the table runs onto and kept with the row after them; a short row is never
split across pages; and the space after a table is an empty paragraph only where
something other than a heading follows (a heading brings its own space), so no
page starts with an empty line left by a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast, overload

import lxml.html
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph

from legal_text.ooxml import keep_row_whole, mark_header_row, shade_cell

from .. import house_style as hs
from ..dates import revision_timestamp
from ..errors import InputError
from .docx_writer import DocxWriter, reference_docx

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row
    from docx.oxml.text.paragraph import CT_P
    from docx.types import ProvidesStoryPart

_HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
# The Draft checks box, as the HTML draws it (templates/_checks.css.j2): a red border, light red shading, a
# red title.
CHECKS_FILL, CHECKS_BORDER, CHECKS_TITLE = "FBE7E7", "A00000", RGBColor(0xA0, 0x00, 0x00)
# A body row holding at most this many characters is kept whole on one page (w:cantSplit); a longer one may
# break, as a row taller than a page must.
WHOLE_ROW_CHARS = 400


_T = TypeVar("_T")


class Element(Protocol):
    """What this module reads of an element lxml.html parses (an ``HtmlElement``; lxml-stubs leave that class
    untyped, and their ``_Element`` lacks ``text_content``)."""

    @property
    def tag(self) -> object: ...  # the tag name; a comment's or processing instruction's is no str
    @property
    def text(self) -> str | None: ...
    @property
    def tail(self) -> str | None: ...
    @overload
    def get(self, key: str) -> str | None: ...
    @overload
    def get(self, key: str, default: _T) -> str | _T: ...
    def __iter__(self) -> Iterator[Element]: ...
    def iter(self, tag: str | None = None) -> Iterator[Element]: ...
    def find(self, path: str) -> Element | None: ...
    def findall(self, path: str) -> list[Element]: ...
    def text_content(self) -> str: ...


NotePlacer = Callable[[Paragraph, Element], None]  # places a Word footnote for a link to one


def _inline(
    paragraph: Paragraph,
    el: Element,
    bold: bool = False,
    italic: bool = False,
    sup: bool = False,
    note: NotePlacer | None = None,
) -> None:
    """Add the text of ``el`` and its inline children to ``paragraph`` as runs.  A link to a footnote
    (``role="doc-noteref"``) is given to ``note`` (it places a Word footnote); a footnote's link back to its
    call (``role="doc-backlink"``) has no place in Word and is left out."""

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
        role = child.get("role") if tag == "a" else None
        if tag == "br":
            paragraph.add_run().add_break()
        elif role == "doc-noteref" and note is not None:
            note(paragraph, child)
        elif role != "doc-backlink":
            _inline(
                paragraph,
                child,
                bold or tag in ("strong", "b", "th"),
                italic or tag in ("em", "i"),
                sup or (tag == "sup" and not _calls_note(child)),
                note,
            )
        add(child.tail or "", bold, italic, sup)


def _calls_note(el: Element) -> bool:
    """Whether ``el`` (a ``sup``) holds a link to a footnote: Word raises the footnote's number itself."""
    return any(a.get("role") == "doc-noteref" for a in el.iter("a"))


def _classes(el: Element) -> set[str]:
    return set((el.get("class") or "").split())


def _notes(root: Element) -> dict[str, Element]:
    """The page's footnotes by id: the items of its ``role="doc-endnotes"`` section."""
    return {
        key: li
        for section in root.iter()
        if isinstance(section.tag, str) and section.get("role") == "doc-endnotes"
        for li in section.iter("li")
        if (key := li.get("id"))
    }


class _Converter:
    def __init__(self, writer: DocxWriter, root: Element | None = None, source: str = "the page"):
        self.wr = writer
        self.doc = writer.doc
        self.source = source
        self.notes = _notes(root) if root is not None else {}
        self.called: set[str] = set()
        self.after_table = False  # the last block was a table: space is owed before the next non-heading

    def space(self, heading: bool = False) -> None:
        """Before a block: the space a table left owing, as an empty paragraph, unless the block is a heading
        (whose style spaces it from the table) or there is none owed."""
        if self.after_table and not heading:
            self.wr.package.add_paragraph(hs.NORMAL)
        self.after_table = False

    def end(self) -> None:
        """After the last block: a table cannot end the page's text in Word, so a paragraph follows it, one
        point high, which cannot carry onto a page of its own."""
        if self.after_table:
            fmt = self.wr.package.add_paragraph(hs.NORMAL).paragraph_format
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(1)
        self.after_table = False

    def inline(self, paragraph: Paragraph, el: Element, bold: bool = False) -> None:
        _inline(paragraph, el, bold=bold, note=self.note)

    def note(self, paragraph: Paragraph, link: Element) -> None:
        """A link to one of the page's footnotes, as a Word footnote holding the note's text where the link
        stands; a link to no footnote of the page is an error in the template."""
        target = (link.get("href") or "").removeprefix("#")
        li = self.notes.get(target)
        if li is None:
            raise InputError(
                f"{self.source}: links to a footnote the page does not hold (#{target}); give each "
                'doc-noteref link an <li id="..."> in a <section role="doc-endnotes"> (see templates/_notes.html.j2)'
            )
        self.called.add(target)
        blocks = [c for c in li if isinstance(c.tag, str) and c.tag == "p"] or [li]
        paragraphs = []
        for block in blocks:
            holder = Paragraph(cast("CT_P", OxmlElement("w:p")), cast("ProvidesStoryPart", None))  # no part: runs only
            _inline(holder, block)
            if holder.runs:  # the space before the link back, left out, would end the note
                last = holder.runs[-1]
                last.text = last.text.rstrip()
            paragraphs.append(list(holder._p))
        paragraph._p.append(self.wr.package.footnote(paragraphs))

    def block(self, el: Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        classes = _classes(el)
        if (tag == "p" and "classification" in classes) or (tag == "section" and el.get("role") == "doc-endnotes"):
            return  # the footer carries the one, Word footnotes the other
        if tag not in ("div", "blockquote", "section") or "checks" in classes:  # a block, not a container
            self.space(heading=tag in _HEADINGS)
        if tag in _HEADINGS:
            self.wr.text(_HEADINGS[tag], " ".join(el.text_content().split()))
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
            if "keep-with-next" in classes:  # a line that leads into what follows (a run-in heading)
                p.paragraph_format.keep_with_next = True
            if "action" in classes:
                p.add_run(" ".join(el.text_content().split())).bold = True
            else:
                self.inline(p, el)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for li in el.iter("li"):
                self.inline(self.wr.package.add_paragraph(style), li)
        elif tag == "table":
            self.table(el)
        elif tag == "div" and "checks" in classes:
            self.box(el)
        elif tag in ("div", "blockquote", "section"):
            for child in el:
                self.block(child)

    def box(self, el: Element) -> None:
        """The Draft checks: a bordered, shaded one-cell table holding its title and its list, so that a
        reader of the Word file tells them from the report's own text, as the HTML's box does."""
        table = self.wr.package.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        cell = table.cell(0, 0)
        shade_cell(cell._tc, CHECKS_FILL, border=CHECKS_BORDER)
        first = True
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _HEADINGS:
                p = cell.paragraphs[0] if first else cell.add_paragraph()
                title = p.add_run(" ".join(child.text_content().split()))
                title.bold = True
                title.font.color.rgb = CHECKS_TITLE
            elif tag in ("ul", "ol"):
                for li in child.iter("li"):
                    self.inline(cell.add_paragraph(style="List Bullet"), li)
            else:
                self.inline(cell.paragraphs[0] if first else cell.add_paragraph(), child)
            first = False
        self.after_table = True

    def table(self, el: Element) -> None:
        rows = el.findall(".//tr")
        ncols = max(sum(int(c.get("colspan", 1)) for c in r if isinstance(c.tag, str)) for r in rows)
        table = self.wr.package.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        narrow: set[int] = set()  # columns of tick marks
        heading = True  # still in the leading rows of th cells: the header rows
        for r in rows:
            row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx 1.2 leaves it unannotated
            cells = row.cells
            col = 0
            for c in r:
                if not isinstance(c.tag, str):
                    continue
                span = int(c.get("colspan", 1))
                target = cells[col].merge(cells[col + span - 1]) if span > 1 else cells[col]
                self.inline(target.paragraphs[0], c, bold=(c.tag == "th"))
                if "tick" in _classes(c):
                    narrow.add(col)
                col += span
            heading = _lay_out_row(row._tr, r, heading)
        if narrow:
            table.autofit = False
            wide = Emu(int((Cm(16.5) - Cm(1.0) * len(narrow)) / (ncols - len(narrow))))
            for j, col in enumerate(table.columns):
                col.width = Cm(1.0) if j in narrow else wide  # the grid, which LibreOffice follows
            for row in table.rows:
                for j, cell in enumerate(row.cells):
                    cell.width = Cm(1.0) if j in narrow else wide
        self.after_table = True


def _lay_out_row(tr: CT_Row, el: Element, leading: bool) -> bool:
    """How row ``tr`` (from ``el``) breaks across pages: a header row while it and the rows above it hold only
    th cells (``leading``: the rows above did), else kept whole if short; whether it was a header row."""
    header = leading and all(c.tag == "th" for c in el if isinstance(c.tag, str))
    if header:
        mark_header_row(tr)
    elif len(" ".join(el.text_content().split())) <= WHOLE_ROW_CHARS:
        keep_row_whole(tr)
    return header


def add_html_blocks(writer: DocxWriter, html: str, source: str = "the page") -> None:
    """Append the blocks of an HTML fragment or page to ``writer``'s document; ``source`` (the template it
    came from) names it in an error."""
    # An HtmlElement (lxml.html parses into its own element class), which Element describes.
    root = cast(
        "Element | None",
        lxml.html.fragment_fromstring(html, create_parent="div")
        if "<body" not in html
        else lxml.html.document_fromstring(html).find("body"),
    )
    if root is None:
        return
    converter = _Converter(writer, root, source)
    for el in root:
        converter.block(el)
    converter.end()
    uncalled = [n for n in converter.notes if n not in converter.called]
    if uncalled:  # a Word footnote stands where it is called: one never called would be lost
        raise InputError(
            f"{source}: the note #{uncalled[0]} is called from nowhere in the text (a heading's words cannot call "
            f'one); call it with <a role="doc-noteref" href="#{uncalled[0]}"> in a paragraph, or remove it'
        )


def html_to_docx(
    html: str,
    title: str,
    author: str,
    date: dt.date,
    header: str,
    classification: str = hs.DEFAULT_CLASSIFICATION,
    template_dir: str | Path | None = None,
    source: str = "the page",
) -> bytes:
    """A .docx of the HTML page's body in the house style; the same inputs give the same bytes.  ``source``
    (the template the page came from) names it in an error."""
    wr = DocxWriter(reference_docx(template_dir), author, revision_timestamp(date))
    wr.set_title(title)
    add_html_blocks(wr, html, source)
    wr.header_footer(header, hs.classification_sentence(classification))
    return wr.save()
