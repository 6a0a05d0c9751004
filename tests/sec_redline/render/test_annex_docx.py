"""Issue 5: for every change-set case, LibreOffice confirms our Word redline, the XML is valid OOXML,
and the HTML gives both texts back."""

import zipfile
from pathlib import Path

import lxml.html
import pytest

from legal_text import read_text
from legal_text.diff import diff_documents
from sec_redline.annex import build_annex
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.render.annex_docx import render_annex_docx
from sec_redline.render.annex_html import render_annex_html
from tests.redline_expect import expected_side, normalise, region_after
from tests.support import BASE, CHANGES, lo_read, requires_libreoffice
from tests.tools.ooxml_validate import schema_dir, validate_package

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "changesets"
CASES = {"mp087": (BASE, CHANGES)}
for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
    CASES[case.name] = (case / "base.txt" if (case / "base.txt").exists() else BASE, case / "changes.yaml")


def annex_for(name, context="part"):
    base_path, changes = CASES[name]
    base = read_text(base_path.read_text(encoding="utf-8"), str(base_path)).value
    cs = load_changeset(changes)
    return build_annex(diff_documents(base, apply_changeset(base, cs).value), cs, context)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redlines")
    out = {}
    for name in CASES:
        annex = annex_for(name)
        path = folder / f"{name}.docx"
        path.write_bytes(render_annex_docx(annex))
        out[name] = (annex, path)
    return out


@pytest.fixture(scope="module")
def views(outputs):
    files = [str(path) for _, path in outputs.values()]
    by_file = {v["file"]: v for v in lo_read("lo_revisions.py", *files)}
    return {name: by_file[str(path)] for name, (_, path) in outputs.items()}


@requires_libreoffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("name", list(CASES))
def test_libreoffice_accepts_and_rejects_to_our_texts(name, outputs, views, golden):
    annex, _ = outputs[name]
    view = views[name]
    kinds = "".join(r["type"][0] for r in view["revisions"])  # I(nsert) / D(elete), in document order
    golden(f"changesets/{name}" if name != "mp087" else "mp087", "revisions.txt", kinds + "\n")
    assert {(r["author"], r["date"]) for r in view["revisions"]} == {("SECAS", "2019-10-04")}
    heading = annex.sections[0].heading
    assert region_after(view["accept_all"], heading) == expected_side(annex, "new")
    assert region_after(view["reject_all"], heading) == expected_side(annex, "old")
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]


@pytest.mark.parametrize("name", list(CASES))
def test_every_part_is_valid_ooxml(name, outputs):
    _, path = outputs[name]
    assert validate_package(path, schema_dir()) == []


@pytest.mark.parametrize("name", list(CASES))
def test_html_gives_both_texts_back(name):
    annex = annex_for(name)
    main = lxml.html.fromstring(render_annex_html(annex)).find(".//main")

    def side(drop):
        tree = lxml.html.fromstring(lxml.html.tostring(main))
        for el in list(tree.iter(drop)):
            el.drop_tree()
        return normalise(tree.text_content())

    assert side("del") == expected_side(annex, "new")
    assert side("ins") == expected_side(annex, "old")


@pytest.mark.parametrize("name", list(CASES))
def test_docx_is_deterministic(name):
    assert render_annex_docx(annex_for(name)) == render_annex_docx(annex_for(name))


@requires_libreoffice
@pytest.mark.libreoffice
def test_visual_marks_are_plain_coloured_runs(tmp_path):
    path = tmp_path / "visual.docx"
    path.write_bytes(render_annex_docx(annex_for("09-renumber"), marks="visual"))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "<w:ins " not in xml and "<w:del " not in xml
    assert 'w:val="double"' in xml and "<w:strike/>" in xml
    (view,) = lo_read("lo_revisions.py", path)
    assert view["revisions"] == []
    text = " ".join(view["text"])
    assert "G3.18" in text and "G3.18A" in text  # both numbers shown, struck and underlined


def test_unchanged_provisions_written_as_text_are_the_same_bytes_as_built_element_by_element(monkeypatch):
    """Unchanged provisions go into Word as WordprocessingML text (fast); the same document built element by
    element gives the same bytes: clauses, paragraphs, definitions, notes, tables and text after lists of the
    synthetic code (illustrative)."""
    from benchmarks.generate import synthetic_code
    from sec_redline.render import docx_writer
    from sec_redline.render.annex_docx import render_document_docx

    docs = synthetic_code(20_000)
    kinds = {c.kind for d in docs for c in d.clauses()}
    assert {"clause", "paragraph", "definition", "table"} <= kinds
    as_text = render_document_docx(docs)
    monkeypatch.setattr(docx_writer.DocxWriter, "_unchanged_xml", lambda self, change, out: False)
    assert render_document_docx(docs) == as_text
