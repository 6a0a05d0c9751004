"""Write redlines and clause text as .docx: native Word tracked changes, or visual marks.

The layout comes from a reference document (``templates/reference.docx``, or
``reference.docx`` in a user's template folder): its page set-up, fonts and
the named styles ("SEC Level 0".."SEC Level 4", "SEC Text After List 0"..,
"SEC Instruction", "SEC Part Heading", ...).  Paragraphs are built directly
as WordprocessingML (fast at the size of the whole code); python-docx opens
the package, the styles, header and footer.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Iterable, Literal

import docx
from lxml import etree

from legal_text import Document
from legal_text.diff import ClauseChange, HeadingChange, Run, diff_documents
from legal_text.ooxml import (RevisionIds, RunStyle, make_run, mark_paragraph, normalise_package, tracked_run,
                              unpacked_size, w)

from .annex import AnnexA
from .errors import InputError
from .templating import package_templates, render

Marks = Literal["tracked", "visual"]
MARKS: tuple[str, ...] = ("tracked", "visual")
INSERTED = RunStyle(underline="double", color="1F4E79")
DELETED = RunStyle(strike=True, color="C00000")
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "SEC Instruction", "SEC Part Heading",
                   "SEC Group Heading", "SEC Level 0", "SEC Level 1", "SEC Level 2", "SEC Level 3", "SEC Level 4",
                   "SEC Text After List 0", "SEC Text After List 1", "SEC Text After List 2",
                   "SEC Text After List 3", "SEC Classification", "SEC Header")


def reference_docx(template_dir: str | Path | None = None) -> Path:
    """The reference document: the user's ``reference.docx`` if their template folder has one."""
    if template_dir is not None and (Path(template_dir) / "reference.docx").is_file():
        return Path(template_dir) / "reference.docx"
    return package_templates() / "reference.docx"


MAX_REFERENCE_BYTES = 64 * 1024 * 1024  # unpacked; a house-style document is a few hundred kB


def _check_package(path: Path) -> None:
    """Refuse a reference that is not a zip package or that unpacks to more than the limit."""
    try:
        total = unpacked_size(path)
    except (OSError, zipfile.BadZipFile):
        raise InputError(f"{path}: not a Word document (.docx) usable as a reference") from None
    if total > MAX_REFERENCE_BYTES:
        raise InputError(f"{path}: unpacks to {total // (1024 * 1024)} MB, more than the "
                         f"{MAX_REFERENCE_BYTES // (1024 * 1024)} MB allowed for a reference document")


class DocxWriter:
    """Builds one .docx from the reference document, paragraph by paragraph."""

    def __init__(self, reference: Path, author: str, date: str, marks: Marks = "tracked"):
        _check_package(reference)
        try:
            self.doc = docx.Document(str(reference))
        except Exception as exc:  # python-docx raises several types for a file that is not a .docx
            raise InputError(f"{reference}: not a Word document usable as a reference ({exc.__class__.__name__})") from None
        self.reference = reference
        self.author, self.date, self.marks = author, date, marks
        self.ids = RevisionIds()
        self.last: etree._Element | None = None  # the last body-level block written (w:p or w:tbl)
        body = self.doc.element.body
        for child in list(body):
            if child.tag != w("sectPr"):
                body.remove(child)
        self.body = body
        self.end = body.find(w("sectPr"))
        names = {s.name: s for s in self.doc.styles}
        missing = [n for n in REQUIRED_STYLES if n not in names]
        if missing:
            raise InputError(f"{reference}: the reference document lacks the style(s) {', '.join(missing)}; "
                             f"start from templates/reference.docx")
        self.style_ids = {n: names[n].style_id for n in REQUIRED_STYLES}
        self.table_style = names["Table Grid"].style_id if "Table Grid" in names else None
        when = dt.datetime.fromisoformat(date.replace("Z", "+00:00")).replace(tzinfo=None)
        cp = self.doc.core_properties
        cp.author = cp.last_modified_by = author
        cp.created = cp.modified = when
        cp.revision = 1
        cp.comments = ""
        cp.keywords = ""

    # low level -------------------------------------------------------------------

    def _append(self, el: etree._Element) -> etree._Element:
        if self.end is not None:
            self.end.addprevious(el)
        else:
            self.body.append(el)
        self.last = el
        return el

    def run_elements(self, runs: Iterable[Run], style: RunStyle | None = None) -> list[etree._Element]:
        out = []
        for run in runs:
            if not run.text:
                continue
            if run.op == "equal":
                out.append(make_run(run.text, style))
            elif self.marks == "visual":
                mark = INSERTED if run.op == "insert" else DELETED
                merged = RunStyle(bold=bool(style and style.bold), italic=bool(style and style.italic),
                                  underline=mark.underline, strike=mark.strike, color=mark.color)
                out.append(make_run(run.text, merged))
            else:
                kind = "ins" if run.op == "insert" else "del"
                out.append(tracked_run(kind, run.text, self.ids, self.author, self.date, style))
        return out

    def paragraph(self, style: str, runs: Iterable[Run], status: str = "equal", target=None) -> etree._Element:
        p = etree.Element(w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("pStyle")).set(w("val"), self.style_ids.get(style, style))
        for el in self.run_elements(runs):
            p.append(el)
        if self.marks == "tracked" and status == "deleted":
            # A deleted paragraph takes its own mark with it.
            mark_paragraph(p, "del", self.ids, self.author, self.date)
        elif self.marks == "tracked" and status == "inserted":
            # As Word records a paragraph typed after another: the mark that was inserted is the one
            # ending the paragraph before (LibreOffice rejects such paragraphs cleanly only this way).
            before = self.last if target is None else None
            mark_paragraph(before if before is not None and before.tag == w("p") else p, "ins",
                           self.ids, self.author, self.date)
        if target is not None:
            target.append(p)
            return p
        return self._append(p)

    def text(self, style: str, text: str) -> etree._Element:
        return self.paragraph(style, (Run("equal", text),))

    # clause text -----------------------------------------------------------------

    def entry(self, entry) -> None:
        if isinstance(entry, HeadingChange):
            style = "SEC Group Heading" if entry.heading.kind == "group" else "SEC Part Heading"
            self.paragraph(style, entry.runs, entry.status)
        else:
            self.clause(entry)

    def clause(self, change: ClauseChange) -> None:
        depth = min(change.depth, 4)
        if change.kind == "table":
            self.table(change)
            return
        sep = " " if change.kind in ("definition", "note") else "\t"
        label = list(change.label_runs)
        if label and label[-1].op != "equal" and change.status in ("inserted", "deleted"):
            label[-1] = Run(label[-1].op, label[-1].text + sep)
        else:
            label.append(Run("equal", sep))
        self.paragraph(f"SEC Level {depth}", label + list(change.text), change.status)
        for child in change.children:
            self.clause(child)
        if change.trailing:
            self.paragraph(f"SEC Text After List {min(depth, 3)}", change.trailing, change.status)

    def table(self, change: ClauseChange) -> None:
        """A table as WordprocessingML, each cell's words marked like any other text."""
        rows = change.cells
        ncols = max((len(r) for r in rows), default=1)
        width = 8500 // ncols  # twentieths of a point: the table fills most of the text width
        tbl = etree.Element(w("tbl"))
        tblpr = etree.SubElement(tbl, w("tblPr"))
        if self.table_style:
            etree.SubElement(tblpr, w("tblStyle")).set(w("val"), self.table_style)
        tblw = etree.SubElement(tblpr, w("tblW"))
        tblw.set(w("w"), str(width * ncols))
        tblw.set(w("type"), "dxa")
        ind = etree.SubElement(tblpr, w("tblInd"))
        ind.set(w("w"), str(992 + 709 * min(change.depth, 3)))
        ind.set(w("type"), "dxa")
        grid = etree.SubElement(tbl, w("tblGrid"))
        for _ in range(ncols):
            etree.SubElement(grid, w("gridCol")).set(w("w"), str(width))
        for row in rows:
            tr = etree.SubElement(tbl, w("tr"))
            for j in range(ncols):
                tc = etree.SubElement(tr, w("tc"))
                tcw = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
                tcw.set(w("w"), str(width))
                tcw.set(w("type"), "dxa")
                self.paragraph("Normal", row[j] if j < len(row) else (), target=tc)
        self._append(tbl)

    # furniture -------------------------------------------------------------------

    def header_footer(self, header: str, classification_line: str) -> None:
        section = self.doc.sections[0]
        hp = section.header.paragraphs[0]
        hp.style = self.doc.styles["SEC Header"]
        hp.text = header
        footer = section.footer
        fp = footer.paragraphs[0]
        fp.style = self.doc.styles["SEC Header"]
        fp.text = ""
        p = fp._p
        p.append(make_run("Page "))
        for instr, i in (("PAGE", 0), ("NUMPAGES", 1)):
            fld = etree.SubElement(p, w("fldSimple"))
            fld.set(w("instr"), f" {instr} ")
            fld.append(make_run("1"))
            if i == 0:
                p.append(make_run(" of "))
        cp = footer.add_paragraph(classification_line)
        cp.style = self.doc.styles["SEC Classification"]

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_package(buf.getvalue())


def render_annex_docx(annex: AnnexA, marks: Marks = "tracked", template_dir: str | Path | None = None) -> bytes:
    """The Annex A .docx as bytes; the same AnnexA gives the same bytes."""
    from .html_docx import add_html_blocks  # html_docx builds on this module's writer

    wr = DocxWriter(reference_docx(template_dir), annex.author, annex.date, marks)
    cp = wr.doc.core_properties
    cp.title = annex.heading
    cp.subject = annex.subtitle
    add_html_blocks(wr, render("_annex-a-front.html.j2", template_dir, annex=annex))
    last = wr.last if wr.last is not None and wr.last.tag == w("p") else wr.text("Normal", "")
    brk = etree.SubElement(etree.SubElement(last, w("r")), w("br"))
    brk.set(w("type"), "page")
    for section in annex.sections:
        wr.text("Heading 1", section.heading)
        for block in section.blocks:
            wr.text("SEC Instruction", block.instruction)
            for entry in block.entries:
                wr.entry(entry)
    wr.header_footer(annex.header, annex.classification_line)
    return wr.save()


def render_document_docx(document: Document, author: str = "sec-redline", date: str = "2000-01-01T00:00:00Z",
                         template_dir: str | Path | None = None) -> bytes:
    """A clean .docx of ``document`` (no revision marks), laid out as the Annex A clauses are."""
    wr = DocxWriter(reference_docx(template_dir), author, date)
    title = f"Section {document.section} '{document.title}'" if document.title else f"Section {document.section}"
    wr.doc.core_properties.title = title
    wr.text("Heading 1", title)
    for entry in diff_documents(document, document).body:
        wr.entry(entry)
    wr.header_footer(f"{title}{f' - SEC {document.version}' if document.version else ''}",
                     "This document is classified as White in accordance with the Panel Information Policy.")
    return wr.save()
