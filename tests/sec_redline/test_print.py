"""Issue 17: every HTML document sec-redline writes prints on A4 (Chromium, headless, print to PDF), with page
numbers in the bottom margin."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import BASE, CHANGES, REPORT, ROOT, requires_chromium, run_cli

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed"),
]


# Every HTML document sec-redline writes, by the folder the fixture writes it in.
PAGES = [
    "annex/annex-a",
    "comparison",
    "release/release-notes",
    "release/release-redline",
    "report/modification-report",
    "report/panel-paper",
    "report/problem-statement",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("print")
    for args in (
        ("redline", BASE, CHANGES, "-o", out / "annex", "--no-pdf"),
        ("report", REPORT, "--changes", CHANGES, "--base", BASE, "-o", out / "report"),
        ("diff", BASE, out / "annex" / "annex-a.docx", "-o", out / "comparison.html"),
        ("release", ROOT / "examples" / "release" / "release.yaml", "-o", out / "release"),
    ):
        assert run_cli(*args).returncode in (0, 1)
    found = {p.stem if p.parent == out else f"{p.parent.name}/{p.stem}": p for p in sorted(out.rglob("*.html"))}
    assert sorted(found) == PAGES
    return found


@pytest.mark.parametrize("name", PAGES)
def test_each_html_document_prints_on_a4_with_page_numbers(pages, name, tmp_path):
    from tests.tools.browser import print_to_pdf

    pdf = tmp_path / "page.pdf"
    print_to_pdf(pages[name], pdf)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    sizes = {
        line.split(":", 1)[1].split("pts")[0].strip()
        for line in info.splitlines()
        if line.startswith("Page") and " size:" in line
    }
    pairs = [tuple(float(v) for v in size.split(" x ")) for size in sizes]
    assert pairs and all(abs(w - 595) < 1 and abs(h - 842) < 1 for w, h in pairs), sizes
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert f"Page 1 of {count}" in first
