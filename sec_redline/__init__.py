"""sec-redline: draft, redline, diff and release amendments to the Smart Energy Code."""

from .annex import AnnexA, Comparison, build_annex, build_comparison
from .apply import apply_changeset, apply_changesets
from .changeset import ChangeSet, load_changeset, load_changeset_text
from .derive import derive_changeset, dump_changeset
from .errors import (
    ChangeSetError,
    InputError,
    MetadataError,
    OutputError,
    ProblemsError,
    StrictError,
    UserError,
    YAMLSyntaxError,
)
from .render import render_annex_docx, render_annex_html, render_comparison_html, render_document_docx
from .report import check_report, load_report_metadata, render_document, report_context
from .version import __version__
from .workdays import add_working_days, is_working_day, timeline

__all__ = [
    "AnnexA",
    "ChangeSet",
    "ChangeSetError",
    "Comparison",
    "InputError",
    "MetadataError",
    "OutputError",
    "ProblemsError",
    "StrictError",
    "UserError",
    "YAMLSyntaxError",
    "__version__",
    "add_working_days",
    "apply_changeset",
    "apply_changesets",
    "build_annex",
    "build_comparison",
    "check_report",
    "derive_changeset",
    "dump_changeset",
    "is_working_day",
    "load_changeset",
    "load_changeset_text",
    "load_report_metadata",
    "render_annex_docx",
    "render_annex_html",
    "render_comparison_html",
    "render_document",
    "render_document_docx",
    "report_context",
    "timeline",
]
