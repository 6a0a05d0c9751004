"""Bounded fuzzing: mutated Word packages and arbitrary YAML text give values or one-line user errors, never
a traceback (each test a fixed number of examples; in CI the same examples every run)."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from legal_text import diff_documents, read_text
from sec_redline.annex import build_annex
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset, load_changeset_text
from sec_redline.errors import UserError
from sec_redline.fileio import word_paragraphs, word_sections
from sec_redline.render import render_annex_docx
from sec_redline.yamlsource import load_yaml_text
from tests.support import BASE, CHANGES

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def annex() -> bytes:
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    cs = load_changeset(CHANGES)
    return render_annex_docx(build_annex(diff_documents(base, apply_changeset(base, cs).value), cs))


def _read(data: bytes) -> None:
    """What every command does with a Word input: either side read, or one user error."""
    try:
        for side in ("new", "old"):
            word_sections(data, "fuzz.docx", side)
            word_paragraphs(data, "fuzz.docx", side)
    except UserError as exc:
        assert str(exc).startswith("fuzz.docx: ") and "\n" not in str(exc)


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8))
@example([(30, 0xFF)])  # a local header's name length
def test_word_packages_with_bytes_changed(changes: list[tuple[int, int]]) -> None:
    data = bytearray(annex())
    for at, value in changes:
        data[at % len(data)] = value
    _read(bytes(data))


@FUZZ
@given(st.integers(min_value=0), st.text(max_size=40), st.booleans())
@example(0, "<!DOCTYPE x [<!ENTITY a 'b'>]>", False)
@example(10, "</w:body>", True)
def test_word_documents_with_xml_changed(at: int, insert: str, truncate: bool) -> None:
    """The main part's XML cut short, or with text or markup put in anywhere, in an otherwise sound package."""
    src = zipfile.ZipFile(io.BytesIO(annex()))
    xml = src.read("word/document.xml")
    cut = at % (len(xml) + 1)
    xml = xml[:cut] + insert.encode("utf-8", "surrogatepass") + (b"" if truncate else xml[cut:])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in src.namelist():
            out.writestr(name, xml if name == "word/document.xml" else src.read(name))
    _read(buf.getvalue())


@FUZZ
@given(st.text(max_size=300))
@example("a: &x [1]\nb: *x\n")
@example("date: 2019-13-45\n")
@example("\ufeff- [{]")
def test_any_yaml_text(text: str) -> None:
    for load in (lambda t: load_yaml_text(t, "fuzz.yaml"), lambda t: load_changeset_text(t, "fuzz.yaml")):
        try:
            load(text)
        except UserError as exc:
            assert all(line.startswith("fuzz.yaml") for line in str(exc).splitlines()), str(exc)
