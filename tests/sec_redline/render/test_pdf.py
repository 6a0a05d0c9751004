"""PDF through LibreOffice: a clear error when it is missing; a PDF when it is there."""

import pytest

from sec_redline.errors import OutputError
from sec_redline.render import pdf
from sec_redline.render.docx_writer import DocxWriter, reference_docx
from tests.support import requires_libreoffice


def _docx() -> bytes:
    wr = DocxWriter(reference_docx(), "SECAS", "2019-10-04T00:00:00Z")
    wr.text("Normal", "Illustrative page.")
    return wr.save()


def test_without_libreoffice_the_error_says_what_to_do(monkeypatch):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    with pytest.raises(OutputError, match=r"LibreOffice is not installed.*--no-pdf"):
        pdf.docx_to_pdf(_docx())


@requires_libreoffice
@pytest.mark.libreoffice
def test_a_pdf_comes_back():
    assert pdf.docx_to_pdf(_docx(), "page").startswith(b"%PDF")
