"""sec-redline: draft, redline, diff and release amendments to the Smart Energy Code."""

__version__ = "0.1.0"

from .annex import AnnexA, Comparison, build_annex, build_comparison  # noqa: E402
from .annex_docx import render_annex_docx, render_document_docx  # noqa: E402
from .annex_html import render_annex_html, render_comparison_html  # noqa: E402
from .apply import apply_changeset, apply_changesets  # noqa: E402
from .changeset import ChangeSet, load_changeset, load_changeset_text  # noqa: E402
from .derive import derive_changeset, dump_changeset  # noqa: E402
from .errors import ChangeSetError, InputError, OutputError, StrictError, UserError  # noqa: E402
from .report import check_report, load_report_metadata, render_document, report_context  # noqa: E402
from .workdays import add_working_days, is_working_day, timeline  # noqa: E402

__all__ = [
    "__version__", "AnnexA", "Comparison", "build_annex", "build_comparison", "render_annex_docx",
    "render_document_docx", "render_annex_html", "render_comparison_html", "apply_changeset", "apply_changesets",
    "ChangeSet", "load_changeset", "load_changeset_text", "derive_changeset", "dump_changeset", "ChangeSetError",
    "InputError", "OutputError", "StrictError", "UserError", "check_report", "load_report_metadata",
    "render_document", "report_context", "add_working_days", "is_working_day", "timeline",
]
