"""Issue 29: every Word file the lifecycle examples write opens in LibreOffice and is valid ECMA-376, part by
part; every HTML page prints on A4 in headless Chromium with "Page N of M"."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sec_redline.report.lifecycle_support import EXAMPLES, STEMS
from tests.support import normalise_ws, requires_chromium, requires_libreoffice
from tests.tools.ooxml_validate import schema_dir, validate_package

WORD = [(path, stem) for path in EXAMPLES for stem in STEMS[path]]
PAGES = [(path, stem) for path in EXAMPLES for stem in [*STEMS[path], "register"]]
# The documents that weigh the General SEC Objectives: each objective's wording is a footnote.
WITH_NOTES = ("modification-report", "change-board-paper", "final-modification-report")


@requires_libreoffice
@pytest.mark.libreoffice
def test_libreoffice_opens_every_word_file(lifecycle_outputs):
    """One LibreOffice opens each .docx: its title, its body and its footnotes read back."""
    from tests.support import lo_lists

    files = [str(lifecycle_outputs[path] / f"{stem}.docx") for path, stem in WORD]
    read = {d["file"]: d for d in lo_lists("notes", *files)}
    assert sorted(read) == sorted(files)
    for path, stem in WORD:
        doc = read[str(lifecycle_outputs[path] / f"{stem}.docx")]
        paragraphs = [normalise_ws(p) for p in doc["paragraphs"] if p.strip()]
        assert len(paragraphs) > 10, (path, stem)
        if stem in WITH_NOTES:
            assert doc["footnotes"] and all(n["called_from"].startswith("Objective (") for n in doc["footnotes"])
        if stem not in ("problem-statement", "panel-paper"):  # the report's own, titled by their metadata
            mod = Path(EXAMPLES[path]).name.split(".")[0].upper()  # after a paper's action line
            assert any(p.startswith(f"{mod} '") for p in paragraphs[:2]), (path, stem, paragraphs[:2])


@pytest.mark.skipif(schema_dir() is None, reason="../shared/ooxml-schemas is not beside this checkout")
@pytest.mark.parametrize(("path", "stem"), WORD)
def test_every_part_of_every_word_file_is_schema_valid(lifecycle_outputs, path, stem):
    directory = schema_dir()
    assert directory is not None
    assert validate_package(lifecycle_outputs[path] / f"{stem}.docx", directory) == []


@requires_chromium
@pytest.mark.browser
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize(("path", "stem"), PAGES)
def test_every_html_page_prints_on_a4_with_page_numbers(lifecycle_outputs, path, stem, tmp_path):
    from tests.tools.browser import print_to_pdf

    pdf = tmp_path / "page.pdf"
    print_to_pdf(lifecycle_outputs[path] / f"{stem}.html", pdf)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    sizes = {
        line.split(":", 1)[1].split("pts")[0].strip()
        for line in info.splitlines()
        if line.startswith("Page") and " size:" in line
    }
    pairs = [tuple(float(v) for v in size.split(" x ")) for size in sizes]
    assert pairs and all(abs(w - 595) < 1 and abs(h - 842) < 1 for w, h in pairs), sizes
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    last = subprocess.run(
        ["pdftotext", "-f", str(count), "-l", str(count), str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert f"Page {count} of {count}" in last
