"""A real word processor checks our Word output: LibreOffice, headless, through its UNO bridge."""

import shutil
import subprocess
import zipfile

import pytest

from legal_text import Clause, read_text
from legal_text.text_writer import clause_plain_text
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.render import docx_to_pdf
from tests.support import BASE, CHANGES, REPORT, ROOT, lo_read, normalise_ws, requires_libreoffice, run_cli

pytestmark = pytest.mark.libreoffice


def libreoffice_view(docx) -> dict:
    (view,) = lo_read("lo_revisions.py", docx)
    return view


def clause_region(paragraphs: list[str]) -> str:
    """The text from the part heading on, as a reader sees it."""
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Manufacturers: Duty to Notify"))
    return normalise_ws(" ".join(paragraphs[start:]).replace("\t", " "))


def document_text(doc) -> str:
    return normalise_ws(
        " ".join([doc.body[0].text] + [clause_plain_text(c) for c in doc.body if isinstance(c, Clause)])
    )


@pytest.fixture(scope="module")
def annex(tmp_path_factory):
    out = tmp_path_factory.mktemp("annex")
    r = run_cli("redline", BASE, CHANGES, "-o", out, "--no-pdf")
    assert r.returncode == 0, r.stderr
    return out / "annex-a.docx"


@requires_libreoffice
def test_libreoffice_sees_one_insertion_and_accept_reject_give_new_and_old(annex):
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    new = apply_changeset(base, load_changeset(CHANGES)).value
    view = libreoffice_view(annex)
    assert view["revisions"] == [{"type": "Insert", "author": "SECAS", "date": "2019-10-04"}]
    assert clause_region(view["accept_all"]) == document_text(new)
    assert clause_region(view["reject_all"]) == document_text(base)
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]
    assert clause_region(view["accept_all"]) != clause_region(view["reject_all"])


@requires_libreoffice
def test_libreoffice_converts_every_docx_to_pdf(tmp_path, annex):
    r = run_cli("report", REPORT, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    for docx in (annex, tmp_path / "modification-report.docx"):
        assert docx_to_pdf(docx.read_bytes(), docx.stem).startswith(b"%PDF"), docx.name


@requires_libreoffice
def test_redline_writes_pdf_beside_docx_and_html(tmp_path):
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "annex-a.docx",
        "annex-a.html",
        "annex-a.pdf",
        "draft-checks.md",
    ]
    assert (tmp_path / "annex-a.pdf").read_bytes().startswith(b"%PDF")


@requires_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("mode", [[], ["-layout"]], ids=["raw", "layout"])
def test_text_pasted_from_our_pdf_reads_as_the_amended_text(tmp_path, mode):
    """The Annex A PDF as a reader would copy it (pdftotext, in either mode): the same provisions and words as
    the amended text, its running header, page numbers and classification lines removed with warnings."""
    assert run_cli("redline", BASE, CHANGES, "-o", tmp_path).returncode == 0
    amended = tmp_path / "amended.txt"
    assert run_cli("apply", BASE, CHANGES, "-o", amended).returncode == 0
    pasted = tmp_path / "pasted.txt"
    subprocess.run(["pdftotext", *mode, str(tmp_path / "annex-a.pdf"), str(pasted)], check=True, timeout=120)
    r = run_cli("diff", amended, pasted)
    # The provisions are the same; the Annex's cover words and its instruction are text outside any clause,
    # kept (with a warning each) as headings, and the comparison says so.
    events = r.stdout.splitlines()[:-1]
    assert r.returncode == 0 and events and all(e.startswith("inserted  heading '") for e in events), r.stdout
    assert events[-1] == "inserted  heading 'Amend Section G3.20 as follows:'"
    assert "text outside any clause kept as a heading: 'Amend Section G3.20 as follows:'" in r.stderr
    assert "removed a page header, footer or number: 'MP087 Annex A - legal text version 0.1'" in r.stderr


def test_user_reference_docx_is_used_and_checked(tmp_path):
    import docx as python_docx

    from sec_redline.errors import EXIT_INPUT

    mine = tmp_path / "templates"
    mine.mkdir()
    python_docx.Document().save(mine / "reference.docx")  # no SEC styles
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "out", "--no-pdf", "--templates", mine)
    assert r.returncode == EXIT_INPUT
    assert "lacks the style(s) SEC Instruction" in r.stderr and not (tmp_path / "out").exists()
    ref = python_docx.Document(str(ROOT / "templates" / "reference.docx"))
    ref.styles["SEC Level 0"].font.name = "Times New Roman"
    ref.save(mine / "reference.docx")
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "out", "--no-pdf", "--templates", mine)
    assert r.returncode == 0, r.stderr
    styles = zipfile.ZipFile(tmp_path / "out" / "annex-a.docx").read("word/styles.xml").decode()
    assert "Times New Roman" in styles
