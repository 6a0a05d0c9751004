"""legal_text: the clause-tree model of legal codes, its readers, writers and word diff."""

from .clause_ref import ClauseRef, ClauseRefError
from .diff import ClauseChange, HeadingChange, Redline, Run, diff_documents, diff_words, side_text
from .docx_reader import NO_STRUCTURE_STYLES, StructureStyles, read_docx
from .inline import Span, cross_references, inline_spans
from .json_dump import document_to_dict, dump_json, dump_json_sections
from .messages import Level, Location, Message, Result, error, warning
from .model import Clause, ClauseKind, Document, Heading, section_heading
from .ooxml import Side
from .provision import read_provision
from .text_reader import TextReadError, decode_text, read_code, read_text, section_title
from .text_writer import clause_plain_text, render_clause_blocks, render_text
from .tree_edit import WorkingDocument, rebase, rename_references

__all__ = [
    "NO_STRUCTURE_STYLES",
    "Clause",
    "ClauseChange",
    "ClauseKind",
    "ClauseRef",
    "ClauseRefError",
    "Document",
    "Heading",
    "HeadingChange",
    "Level",
    "Location",
    "Message",
    "Redline",
    "Result",
    "Run",
    "Side",
    "Span",
    "StructureStyles",
    "TextReadError",
    "WorkingDocument",
    "clause_plain_text",
    "cross_references",
    "decode_text",
    "diff_documents",
    "diff_words",
    "document_to_dict",
    "dump_json",
    "dump_json_sections",
    "error",
    "inline_spans",
    "read_code",
    "read_docx",
    "read_provision",
    "read_text",
    "rebase",
    "rename_references",
    "render_clause_blocks",
    "render_text",
    "section_heading",
    "section_title",
    "side_text",
    "warning",
]
