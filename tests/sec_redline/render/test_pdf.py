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


@requires_libreoffice
@pytest.mark.libreoffice
def test_the_same_docx_gives_the_same_pdf_bytes():
    """LibreOffice stamps the time and a random document ID; both are replaced, lengths kept."""
    import datetime as dt
    import time

    first = pdf.docx_to_pdf(_docx(), "page", dt.datetime(2019, 10, 4))
    time.sleep(1.1)
    second = pdf.docx_to_pdf(_docx(), "page", dt.datetime(2019, 10, 4))
    assert first == second and b"/CreationDate(D:20191004000000" in first


def test_reproducible_pdf_keeps_lengths():
    import datetime as dt

    raw = b"%PDF-1.7\n<</CreationDate(D:20261127004534Z')>>\ntrailer <</ID [ <9DDE279F20DE93EA> <9DDE279F20DE93EA> ]>>"
    out = pdf.reproducible_pdf(raw, dt.datetime(2019, 10, 4), b"docx")
    assert len(out) == len(raw) and b"D:20191004000000Z'" in out and b"9DDE279F" not in out
