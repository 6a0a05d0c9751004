"""Writers: each takes a model value (an Annex A, a comparison, a report context) and writes one format.

Word (``annex_docx``, built on ``docx_writer``; report documents through ``html_docx``), HTML
(``annex_html``), PDF (``pdf``, through LibreOffice), and the Jinja2 templates they share (``templating``).
The names below are loaded from their modules when first used (PEP 562): a comparison written as Word
does not load the template engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "render_annex_docx": "annex_docx",
    "render_document_docx": "annex_docx",
    "render_annex_html": "annex_html",
    "render_comparison_html": "annex_html",
    "runs_html": "annex_html",
    "render_comparison_docx": "comparison",
    "render_comparison_json": "comparison",
    "MARKS": "docx_writer",
    "DocxWriter": "docx_writer",
    "Marks": "docx_writer",
    "reference_docx": "docx_writer",
    "add_html_blocks": "html_docx",
    "html_to_docx": "html_docx",
    "docx_to_pdf": "pdf",
    "soffice": "pdf",
    "environment": "templating",
    "render": "templating",
    "package_templates": "shipped",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sec_redline.render' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .annex_docx import render_annex_docx, render_document_docx
    from .annex_html import render_annex_html, render_comparison_html, runs_html
    from .comparison import render_comparison_docx, render_comparison_json
    from .docx_writer import MARKS, DocxWriter, Marks, reference_docx
    from .html_docx import add_html_blocks, html_to_docx
    from .pdf import docx_to_pdf, soffice
    from .shipped import package_templates
    from .templating import environment, render

__all__ = [
    "MARKS",
    "DocxWriter",
    "Marks",
    "add_html_blocks",
    "docx_to_pdf",
    "environment",
    "html_to_docx",
    "package_templates",
    "reference_docx",
    "render",
    "render_annex_docx",
    "render_annex_html",
    "render_comparison_docx",
    "render_comparison_html",
    "render_comparison_json",
    "render_document_docx",
    "runs_html",
    "soffice",
]
