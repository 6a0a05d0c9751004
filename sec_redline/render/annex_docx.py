"""Annex A and clean clause text as .docx: native Word tracked changes, or visual marks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from legal_text import Document
from legal_text.diff import diff_documents
from legal_text.model import documents_title
from legal_text.ooxml import add_page_break, is_paragraph

from .. import house_style as hs
from ..annex import AnnexA
from .docx_writer import DocxWriter, Marks, reference_docx
from .html_docx import add_html_blocks
from .templating import render, template_file


def render_annex_docx(annex: AnnexA, marks: Marks = "tracked", template_dir: str | Path | None = None) -> bytes:
    """The Annex A .docx as bytes; the same AnnexA gives the same bytes."""
    authors = {by: (author, date) for by, author, date in annex.authors}
    wr = DocxWriter(reference_docx(template_dir), annex.author, annex.date, marks, authors, dict(annex.notes))
    wr.set_title(annex.heading, annex.subtitle)
    add_html_blocks(wr, render(annex.front, template_dir, annex=annex), template_file(annex.front, template_dir))
    last = wr.last if is_paragraph(wr.last) else None
    add_page_break(last if last is not None else wr.text(hs.NORMAL, ""))
    for section in annex.sections:
        wr.text(hs.HEADING_1, section.heading)
        for block in section.blocks:
            wr.text(hs.INSTRUCTION, block.instruction)
            for entry in block.entries:
                wr.entry(entry)
    wr.finish_notes()
    wr.header_footer(annex.header, annex.classification_line)
    return wr.save()


def render_document_docx(
    document: Document | Sequence[Document],
    author: str = "sec-redline",
    date: str = "2000-01-01T00:00:00Z",
    template_dir: str | Path | None = None,
    classification: str = hs.DEFAULT_CLASSIFICATION,
) -> bytes:
    """A clean .docx of ``document`` (no revision marks), or of several Sections one after another (the
    whole code), laid out as the Annex A clauses are."""
    docs = [document] if isinstance(document, Document) else list(document)
    first = docs[0]
    title = documents_title(docs)
    wr = DocxWriter(reference_docx(template_dir), author, date)
    wr.set_title(title)
    wr.header_footer(  # before the body: python-docx looks through the body for earlier sections
        f"{title}{f' - SEC {first.version}' if first.version else ''}",
        hs.classification_sentence(classification),
    )
    for doc in docs:
        wr.text(hs.HEADING_1, doc.heading)
        if doc.version:  # as the text has it, so that reading the file back knows its version
            wr.text(hs.NORMAL, f"SEC Version {doc.version}")
        for entry in diff_documents(doc, doc).body:
            wr.entry(entry)
    return wr.save()
