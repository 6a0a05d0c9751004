"""legal_text: the clause-tree model of legal codes, its readers, writers and word diff."""

from .clause_ref import ClauseRef, ClauseRefError
from .model import Clause, Document, Heading, Message, Result
from .text_reader import TextReadError, decode_text, read_text
from .text_writer import clause_plain_text, render_clause_blocks, render_text
from .json_dump import document_to_dict, dump_json

__all__ = [
    "ClauseRef", "ClauseRefError", "Clause", "Document", "Heading", "Message", "Result",
    "TextReadError", "decode_text", "read_text", "render_text", "render_clause_blocks",
    "clause_plain_text", "document_to_dict", "dump_json",
]
from .inline import Span, cross_references, inline_spans

__all__ += ["Span", "cross_references", "inline_spans"]
from .diff import ClauseChange, HeadingChange, Redline, Run, diff_documents, diff_words, side_text
from .provision import read_provision
from .tree_edit import WorkingDocument, rebase, rename_references

__all__ += ["ClauseChange", "HeadingChange", "Redline", "Run", "diff_documents", "diff_words", "side_text",
            "read_provision", "WorkingDocument", "rebase", "rename_references"]
