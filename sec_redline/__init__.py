"""sec-redline: draft, redline, diff and release amendments to the Smart Energy Code.

The public names below (docs/api.md shows them at work) are loaded from their modules when first used
(PEP 562), so a command loads only what it needs (the report's bank holidays and templates are not loaded
to compare two texts).  Each command of the command line is one of the ``make_*`` calls (or
``record_version``, ``list_versions``, ``provision_history``, ``show_provision``), which return
``Outputs``: the files by path, the messages and the results; ``write_outputs`` writes them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .version import __version__

_HOMES = {
    "AnnexA": "annex",
    "Comparison": "annex",
    "build_annex": "annex",
    "build_comparison": "annex",
    "make_annex_a": "annex",
    "apply_changeset": "apply",
    "apply_changesets": "apply",
    "apply_with_ledger": "apply",
    "Applied": "apply",
    "make_amended": "apply.amended",
    "ChangeSet": "changes",
    "Operation": "changes",
    "OPERATIONS": "changes",
    "documents_touched": "changes",
    "dump_changeset": "changes",
    "load_changeset": "changes",
    "load_changeset_text": "changes",
    "load_changesets": "changes",
    "make_comparison": "compare",
    "ChangeSetHeader": "derived",
    "derive_changeset": "derive",
    "derive_checked": "derive",
    "make_changeset": "derive",
    "CheckResult": "drafting",
    "check_drafting": "drafting",
    "findings_text": "drafting",
    "make_checks": "drafting",
    "ChangeSetError": "errors",
    "InputError": "errors",
    "MetadataError": "errors",
    "OutputError": "errors",
    "ProblemsError": "errors",
    "StrictError": "errors",
    "UserError": "errors",
    "YAMLSyntaxError": "errors",
    "Outputs": "outputs",
    "write_outputs": "outputs",
    "Manifest": "release",
    "Release": "release",
    "build_release": "release",
    "load_manifest": "release",
    "make_release": "release",
    "render_annex_docx": "render",
    "render_annex_html": "render",
    "render_comparison_docx": "render",
    "render_comparison_html": "render",
    "render_comparison_json": "render",
    "render_document_docx": "render",
    "check_report": "report",
    "load_report_metadata": "report",
    "make_report": "report",
    "render_document": "report",
    "report_context": "report",
    "make_tree": "sources",
    "open_store": "sources",
    "pair_documents": "sources",
    "read_base": "sources",
    "read_two_versions": "sources",
    "Store": "store",
    "make_verification": "verify",
    "verify_redline": "verify",
    "list_versions": "versions",
    "provision_history": "versions",
    "record_version": "versions",
    "show_provision": "versions",
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
    from .annex import AnnexA, Comparison, build_annex, build_comparison, make_annex_a
    from .apply import Applied, apply_changeset, apply_changesets, apply_with_ledger
    from .apply.amended import make_amended
    from .changes import (
        OPERATIONS,
        ChangeSet,
        Operation,
        documents_touched,
        dump_changeset,
        load_changeset,
        load_changeset_text,
        load_changesets,
    )
    from .compare import make_comparison
    from .derive import derive_changeset, derive_checked, make_changeset
    from .derived import ChangeSetHeader
    from .drafting import CheckResult, check_drafting, findings_text, make_checks
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
    from .outputs import Outputs, write_outputs
    from .release import Manifest, Release, build_release, load_manifest, make_release
    from .render import (
        render_annex_docx,
        render_annex_html,
        render_comparison_docx,
        render_comparison_html,
        render_comparison_json,
        render_document_docx,
    )
    from .report import check_report, load_report_metadata, make_report, render_document, report_context
    from .sources import make_tree, open_store, pair_documents, read_base, read_two_versions
    from .store import Store
    from .verify import make_verification, verify_redline
    from .versions import list_versions, provision_history, record_version, show_provision
    from .workdays import add_working_days, is_working_day, timeline

__all__ = [
    "OPERATIONS",
    "AnnexA",
    "Applied",
    "ChangeSet",
    "ChangeSetError",
    "ChangeSetHeader",
    "CheckResult",
    "Comparison",
    "InputError",
    "Manifest",
    "MetadataError",
    "Operation",
    "OutputError",
    "Outputs",
    "ProblemsError",
    "Release",
    "Store",
    "StrictError",
    "UserError",
    "YAMLSyntaxError",
    "__version__",
    "add_working_days",
    "apply_changeset",
    "apply_changesets",
    "apply_with_ledger",
    "build_annex",
    "build_comparison",
    "build_release",
    "check_drafting",
    "check_report",
    "derive_changeset",
    "derive_checked",
    "documents_touched",
    "dump_changeset",
    "findings_text",
    "is_working_day",
    "list_versions",
    "load_changeset",
    "load_changeset_text",
    "load_changesets",
    "load_manifest",
    "load_report_metadata",
    "make_amended",
    "make_annex_a",
    "make_changeset",
    "make_checks",
    "make_comparison",
    "make_release",
    "make_report",
    "make_tree",
    "make_verification",
    "open_store",
    "pair_documents",
    "provision_history",
    "read_base",
    "read_two_versions",
    "record_version",
    "render_annex_docx",
    "render_annex_html",
    "render_comparison_docx",
    "render_comparison_html",
    "render_comparison_json",
    "render_document",
    "render_document_docx",
    "report_context",
    "show_provision",
    "timeline",
    "verify_redline",
    "write_outputs",
]
