"""Writers: each takes a model value (an Annex A, a comparison, a report context) and writes one format.

Word (``annex_docx``, built on ``docx_writer``; report documents through ``html_docx``), HTML
(``annex_html``), PDF (``pdf``, through LibreOffice), and the Jinja2 templates they share (``templating``).
"""

from .annex_docx import render_annex_docx, render_document_docx
from .annex_html import render_annex_html, render_comparison_html, runs_html
from .comparison import render_comparison_docx, render_comparison_json
from .docx_writer import MARKS, DocxWriter, Marks, reference_docx
from .html_docx import add_html_blocks, html_to_docx
from .pdf import docx_to_pdf, soffice
from .templating import environment, package_templates, render

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
