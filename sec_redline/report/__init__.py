"""Modification Report, problem statement and Panel paper: metadata YAML (``metadata``), checked
(``checks``), facts computed (``context``), rendered through Jinja2 templates (HTML and Markdown; Word
from the HTML, in ``render.html_docx``).

The modification's whole life (``sec-redline lifecycle``): the record (``record``: the metadata with the
path's facts), its consultations' responses (``responses``), its timeline and the checks across documents
(``timeline``), its drafts and solutions (``solutions``), every document of its path (``lifecycle``).

Computed, never typed: the objection-period timeline and the release the change can join; the SEC
Sections impacted (from the change set); the glossary (the acronyms the report actually uses); the
Party-impact ticks.  Consistency checks come back as warnings with file:line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..render.templating import render
from .checks import check_report, sections_named, used_acronyms
from .context import report_context
from .documents import TITLES, make_report
from .lifecycle import DOCUMENT_STEMS, make_lifecycle
from .metadata import DOCUMENTS, PARTY_CATEGORIES, PATHS, SEC_OBJECTIVES, ReportMetadata, load_report_metadata
from .record import ModificationRecord, load_record

__all__ = [
    "DOCUMENTS",
    "DOCUMENT_STEMS",
    "PARTY_CATEGORIES",
    "PATHS",
    "SEC_OBJECTIVES",
    "TITLES",
    "ModificationRecord",
    "ReportMetadata",
    "check_report",
    "load_record",
    "load_report_metadata",
    "make_lifecycle",
    "make_report",
    "render_document",
    "report_context",
    "sections_named",
    "used_acronyms",
]


def render_document(
    name: str,
    fmt: str,
    meta: ReportMetadata,
    context: Mapping[str, object],
    template_dir: str | Path | None = None,
) -> str:
    """One document ("modification-report", "problem-statement", "panel-paper") as HTML or Markdown.

    HTML is autoescaped by the templates; for Markdown every text the metadata gives is escaped here, so
    that markup typed into the metadata is shown as typed, never run as Markdown or HTML."""
    if fmt == "md":
        context = {key: markdown_escaped(value) for key, value in context.items()}
    return render(f"{DOCUMENTS[name]}.{fmt}.j2", template_dir, **context)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+\.)(?=\s)", re.M)


def markdown_escaped(value: object) -> object:
    """``value`` with every string in it escaped for Markdown (mappings, lists and tuples followed; other
    values, functions included, kept as they are)."""
    if isinstance(value, str):
        return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIAL.sub(r"\\\1", value))
    if isinstance(value, dict):
        return {k: markdown_escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(markdown_escaped(v) for v in value)
    return value
