"""sec-redline: draft, redline, diff and release amendments to the Smart Energy Code.

The names below are loaded from their modules when first used (PEP 562), so a command loads only what it
needs (the report's bank holidays and templates are not loaded to compare two texts)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

_HOMES = {
    "AnnexA": "annex",
    "Comparison": "annex",
    "build_annex": "annex",
    "build_comparison": "annex",
    "apply_changeset": "apply",
    "apply_changesets": "apply",
    "ChangeSet": "changeset",
    "load_changeset": "changeset",
    "load_changeset_text": "changeset",
    "derive_changeset": "derive",
    "dump_changeset": "derive",
    "ChangeSetError": "errors",
    "InputError": "errors",
    "MetadataError": "errors",
    "OutputError": "errors",
    "ProblemsError": "errors",
    "StrictError": "errors",
    "UserError": "errors",
    "YAMLSyntaxError": "errors",
    "render_annex_docx": "render",
    "render_annex_html": "render",
    "render_comparison_html": "render",
    "render_document_docx": "render",
    "check_report": "report",
    "load_report_metadata": "report",
    "render_document": "report",
    "report_context": "report",
    "add_working_days": "workdays",
    "is_working_day": "workdays",
    "timeline": "workdays",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sec_redline' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
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
