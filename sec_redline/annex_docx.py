"""Write Annex A as a .docx with native Word tracked changes."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_docx
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from legal_text import Document
from legal_text.diff import ClauseChange, HeadingChange, Run, diff_documents
from legal_text.ooxml import RevisionIds, RunStyle, make_run, mark_paragraph, normalise_package, tracked_run

from .annex import AnnexA

CLAUSE_INDENT = Cm(1.75)   # where a clause's text starts
LEVEL_INDENT = Cm(1.25)    # each further level of paragraphs


def _setup_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        st = doc.styles[name]
        st.font.name = "Arial"
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


class _RunWriter:
    """Appends redline runs to paragraphs as plain, inserted or deleted runs."""

    def __init__(self, author: str, date: str):
        self.ids = RevisionIds()
        self.author = author
        self.date = date

    def append(self, paragraph, runs: tuple[Run, ...], style: RunStyle | None = None) -> None:
        p = paragraph._p
        for run in runs:
            if run.op == "equal":
                p.append(make_run(run.text, style))
            else:
                kind = "ins" if run.op == "insert" else "del"
                p.append(tracked_run(kind, run.text, self.ids, self.author, self.date, style))

    def mark(self, paragraph, status: str) -> None:
        if status in ("inserted", "deleted"):
            mark_paragraph(paragraph._p, "ins" if status == "inserted" else "del", self.ids, self.author, self.date)


def _label_runs(change: ClauseChange) -> tuple[Run, ...]:
    op = {"inserted": "insert", "deleted": "delete"}.get(change.status, "equal")
    return (Run(op, change.label + "\t"),)


def _clause(doc, writer: _RunWriter, change: ClauseChange) -> None:
    indent = CLAUSE_INDENT + LEVEL_INDENT * change.depth
    hang = CLAUSE_INDENT if change.depth == 0 else LEVEL_INDENT
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = indent
    p.paragraph_format.first_line_indent = -hang
    p.paragraph_format.tab_stops.add_tab_stop(indent)
    writer.append(p, _label_runs(change))
    writer.append(p, change.text)
    writer.mark(p, change.status)
    for child in change.children:
        _clause(doc, writer, child)
    if change.trailing:
        t = doc.add_paragraph()
        t.paragraph_format.left_indent = indent
        writer.append(t, change.trailing)
        writer.mark(t, change.status)


def _new_document(author: str, title: str, subject: str, date: str):
    doc = new_docx()
    _setup_styles(doc)
    when = dt.datetime.fromisoformat(date.replace("Z", "+00:00")).replace(tzinfo=None)
    cp = doc.core_properties
    cp.title, cp.subject, cp.author, cp.last_modified_by = title, subject, author, author
    cp.created = cp.modified = when
    cp.revision = 1
    return doc


def _package(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_package(buf.getvalue())


def render_document_docx(document: Document, author: str = "sec-redline", date: str = "2000-01-01T00:00:00Z") -> bytes:
    """A clean .docx of ``document`` (no revision marks), laid out as the Annex A clauses are."""
    title = f"Section {document.section} '{document.title}'" if document.title else f"Section {document.section}"
    doc = _new_document(author, title, f"SEC {document.version}".strip(), date)
    writer = _RunWriter(author, date)
    doc.add_paragraph(title, style="Heading 1")
    for entry in diff_documents(document, document).body:
        _entry(doc, writer, entry)
    return _package(doc)


def _entry(doc, writer: "_RunWriter", entry) -> None:
    if isinstance(entry, HeadingChange):
        p = doc.add_paragraph(style="Heading 3")
        op = {"inserted": "insert", "deleted": "delete"}.get(entry.status, "equal")
        text = f"{entry.heading.label} {entry.heading.text}".strip()
        writer.append(p, (Run(op, text),))
        writer.mark(p, entry.status)
    else:
        _clause(doc, writer, entry)


def render_annex_docx(annex: AnnexA) -> bytes:
    """The Annex A .docx as bytes; the same AnnexA gives the same bytes."""
    doc = _new_document(annex.author, f"{annex.modification} Annex A: legal text", annex.title, annex.date)
    writer = _RunWriter(annex.author, annex.date)

    doc.add_paragraph(annex.heading, style="Title")
    doc.add_paragraph("Annex A", style="Heading 1")
    doc.add_paragraph(f"Legal text - version {annex.legal_text_version}", style="Heading 2")
    doc.add_paragraph("About this document", style="Heading 3")
    doc.add_paragraph("This document contains the redlined changes to the SEC that would be required "
                      "to deliver this Modification Proposal.")
    doc.add_paragraph(f"These changes have been drafted against SEC Version {annex.base_version}.")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph(annex.section_heading, style="Heading 1")
    for block in annex.blocks:
        instruction = doc.add_paragraph()
        instruction.add_run(block.instruction).italic = True
        for entry in block.entries:
            _entry(doc, writer, entry)

    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"{annex.modification} Annex A - legal text version {annex.legal_text_version}"
    footer.runs[0].font.size = Pt(8)

    return _package(doc)
