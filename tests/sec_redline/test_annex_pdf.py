"""The Annex A's PDF is the copy one publishes: drawn with the house's visual marks (inserted words blue with a
double underline, deleted words red and struck through), while annex-a.docx keeps native tracked changes."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

import sec_redline.render as render
from sec_redline import make_annex_a
from tests.support import BASE, CHANGES, CHANGESET_HEADER, requires_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOUSE_BLUE, HOUSE_RED = (0x1F, 0x4E, 0x79), (0xC0, 0x00, 0x00)
LIBREOFFICE_AUTHOR_OCHRE = (0xC6, 0x92, 0x00)  # the colour LibreOffice draws the first author's revisions in

# An ILLUSTRATIVE change set on the MP087 base: one word of G3.21 replaced (the seed's "need" for "shall", as
# examples/mp087/other.txt has it), so the Annex A has a deletion as well as an insertion.
REPLACE = CHANGESET_HEADER.format(mod="MP999") + (
    "  - in: G3.21\n    replace: need\n    with: shall\n"
    "  - in: G3.20(b)\n    after: Gas Proxy Function\n    insert: which forms part of a SMETS2+ Device\n"
)


def _document_xml(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _visual_runs(root: etree._Element) -> dict[str, list[str]]:
    """The words of each run drawn as an insertion (double underline, house blue) or a deletion (struck,
    house red)."""
    found: dict[str, list[str]] = {"inserted": [], "deleted": []}
    for run in root.iter(f"{W}r"):
        rpr = run.find(f"{W}rPr")
        if rpr is None:
            continue
        colour = rpr.find(f"{W}color")
        underline = rpr.find(f"{W}u")
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if underline is not None and underline.get(f"{W}val") == "double" and colour is not None:
            assert colour.get(f"{W}val") == "1F4E79"
            found["inserted"].append(text)
        elif rpr.find(f"{W}strike") is not None and colour is not None:
            assert colour.get(f"{W}val") == "C00000"
            found["deleted"].append(text)
    return found


def test_the_pdf_is_made_from_the_visual_marks_and_the_word_file_keeps_tracked_changes(tmp_path, monkeypatch):
    """What is fed to LibreOffice is the same Annex A drawn with the house's run properties; the .docx written
    beside it holds Word revisions (w:ins, w:del) and no visual marks."""
    fed: list[bytes] = []

    def convert(data: bytes, name: str = "document", when: object = None) -> bytes:
        fed.append(data)
        return b"%PDF-1.7 (stand-in)"

    changes = tmp_path / "mp999.yaml"
    changes.write_text(REPLACE, encoding="utf-8")
    monkeypatch.setattr(render, "docx_to_pdf", convert)
    monkeypatch.setattr(render, "soffice", lambda: "/usr/bin/soffice")
    made = make_annex_a(BASE, changes, tmp_path / "out")
    (printed,) = fed
    assert made.file("annex-a.pdf") == b"%PDF-1.7 (stand-in)"
    visual = _document_xml(printed)
    assert _visual_runs(visual) == {"inserted": [" which forms part of a SMETS2+ Device", "shall"], "deleted": ["need"]}
    assert visual.find(f".//{W}ins") is None and visual.find(f".//{W}del") is None
    word = made.file("annex-a.docx")
    assert isinstance(word, bytes) and word != printed
    tracked = _document_xml(word)
    assert tracked.find(f".//{W}ins") is not None and tracked.find(f".//{W}del") is not None
    assert _visual_runs(tracked) == {"inserted": [], "deleted": []}
    # With --marks visual the Word file is itself the printed copy: one rendering, converted as it is.
    fed.clear()
    again = make_annex_a(BASE, changes, tmp_path / "visual", marks="visual")
    assert fed == [again.file("annex-a.docx")]


def _pixels_near(ppm: bytes, rgb: tuple[int, int, int], tolerance: int) -> int:
    """How many pixels of a binary PPM (P6, as pdftoppm writes it) are within ``tolerance`` of ``rgb``."""
    magic, size, depth, pixels = ppm.split(b"\n", 3)
    assert magic == b"P6" and depth == b"255", (magic, depth)
    width, height = map(int, size.split())
    assert len(pixels) == width * height * 3
    return sum(1 for i in range(0, len(pixels), 3) if all(abs(pixels[i + k] - rgb[k]) <= tolerance for k in range(3)))


def _pages(pdf: Path, tmp: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "60", str(pdf), str(tmp / "page")], check=True, timeout=120)
    return [p.read_bytes() for p in sorted(tmp.glob("page*.ppm"))]


@requires_libreoffice
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_default_pdf_prints_the_house_marks_as_libreoffice_renders_it(tmp_path):
    """The default annex-a.pdf, rendered a page at a time: the inserted words in the house blue, the deleted
    word in the house red, and nothing in LibreOffice's own colour for a tracked change (which the PDF drew
    before, with change bars); pdftotext reads both the inserted and the deleted words."""
    changes = tmp_path / "mp999.yaml"
    changes.write_text(REPLACE, encoding="utf-8")
    from sec_redline import write_outputs

    write_outputs(make_annex_a(BASE, changes, tmp_path / "out"))
    pdf = tmp_path / "out" / "annex-a.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Gas Proxy Function which forms part of a SMETS2+ Device" in " ".join(text.split())
    assert "needshall" in text.replace(" ", "") or "need shall" in " ".join(text.split())
    pages = _pages(pdf, tmp_path)
    assert sum(_pixels_near(p, HOUSE_BLUE, 10) for p in pages) > 100
    assert sum(_pixels_near(p, HOUSE_RED, 24) for p in pages) > 10  # one short word
    assert sum(_pixels_near(p, LIBREOFFICE_AUTHOR_OCHRE, 24) for p in pages) == 0


def test_the_mp087_word_file_is_tracked_and_its_pdf_visual_by_default(tmp_path, monkeypatch):
    """As `make demo` writes out/mp087/: no option needed for the publication look."""
    fed: list[bytes] = []
    monkeypatch.setattr(render, "docx_to_pdf", lambda data, *a, **k: fed.append(data) or b"%PDF")
    monkeypatch.setattr(render, "soffice", lambda: "/usr/bin/soffice")
    made = make_annex_a(BASE, CHANGES, tmp_path / "mp087")
    assert _visual_runs(_document_xml(fed[0]))["inserted"] == [" which forms part of a SMETS2+ Device"]
    assert _document_xml(made.file("annex-a.docx")).find(f".//{W}ins") is not None  # type: ignore[arg-type]
