"""Reading Word documents back: both sides of a redline, and clean text, give the trees they were made from."""

import pytest

from legal_text import read_text
from legal_text.docx_reader import read_docx
from legal_text.ooxml import paragraph_texts
from sec_redline.errors import EXIT_INPUT
from sec_redline.house_style import STRUCTURE_STYLES
from sec_redline.render.annex_docx import render_annex_docx, render_document_docx
from tests.redline_expect import expected_side, region_after
from tests.sec_redline.render.test_annex_docx import CASES, annex_for
from tests.support import BASE, CHANGES, no_traceback, run_cli


@pytest.mark.parametrize("name", list(CASES))
def test_both_sides_of_every_redline_read_back_to_the_documents(name):
    annex = annex_for(name, "all")
    data = render_annex_docx(annex)
    red = annex.redlines[0]
    assert read_docx(data, name, "new", STRUCTURE_STYLES).value[0].body == red.new.body
    assert read_docx(data, name, "old", STRUCTURE_STYLES).value[0].body == red.old.body


@pytest.mark.parametrize("name", list(CASES))
def test_revision_reader_joins_paragraphs_as_word_does(name):
    annex = annex_for(name)
    data = render_annex_docx(annex)
    heading = annex.sections[0].heading
    assert region_after(paragraph_texts(data, "new"), heading) == expected_side(annex, "new")
    assert region_after(paragraph_texts(data, "old"), heading) == expected_side(annex, "old")


def test_clean_docx_parses_like_the_text(tmp_path):
    doc = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    path = tmp_path / "section-G.docx"
    path.write_bytes(render_document_docx(doc))
    r = run_cli("parse", path, "--format", "refs")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [str(x) for x in doc.refs()]
    assert read_docx(path.read_bytes(), "x", structure=STRUCTURE_STYLES).value[0].body == doc.body


def test_not_a_word_document(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"plain text, not a zip")
    r = run_cli("parse", bad)
    assert r.returncode == EXIT_INPUT and no_traceback(r.stderr)
    assert r.stderr.strip() == f"sec-redline: error: {bad}: not a Word document (.docx): it is not a zip package"


def test_a_document_that_is_not_sec_text_keeps_every_word(tmp_path):
    """A memo reads as headings and text with a warning: exit 0, --strict 6, nothing dropped."""
    import docx as python_docx

    from sec_redline.errors import EXIT_STRICT

    memo = python_docx.Document()
    words = ["Illustrative memo", "To: the Panel", "The meeting is moved to Thursday; please reply by noon."]
    for line in words:
        memo.add_paragraph(line)
    path = tmp_path / "memo.docx"
    memo.save(str(path))
    r = run_cli("parse", path)
    assert r.returncode == 0 and "warning" in r.stderr
    assert " ".join(r.stdout.split()) == " ".join(" ".join(words).split())
    assert run_cli("parse", path, "--strict").returncode == EXIT_STRICT


def test_parse_view_rejected_gives_the_base(tmp_path):
    out = tmp_path / "out"
    assert run_cli("redline", BASE, CHANGES, "-o", out, "--no-pdf").returncode == 0
    rejected = run_cli("parse", out / "annex-a.docx", "--view", "rejected")
    assert rejected.returncode == 0
    assert read_text(rejected.stdout, "r").value.body == read_text(BASE.read_text(encoding="utf-8"), "b").value.body
