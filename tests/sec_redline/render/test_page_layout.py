"""Pages as LibreOffice lays them out (issue 28): in the release notes and the release redline of
examples/release, and in tables long enough to run over pages (a report page's and a redline's), no page ends
with a heading or with a table's header row, and a table that runs onto another page repeats its header row
at the top of it.  Each Word file is converted to PDF by LibreOffice (``docx_to_pdf``) and read back a page
at a time with ``pdftotext -layout``, as a reader sees the pages."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from legal_text.ooxml import w
from sec_redline.house_style import classification_sentence
from sec_redline.render import html_to_docx
from sec_redline.render.pdf import docx_to_pdf
from tests.support import ROOT, requires_libreoffice, run_cli

pytestmark = [
    requires_libreoffice,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]

MANIFEST = ROOT / "examples" / "release" / "release.yaml"
# The paragraph styles of headings and of the lines that lead into what follows (an Annex A's instruction).
HEADING_STYLES = {"Title", "Heading1", "Heading2", "Heading3", "Heading4", "SECPartHeading", "SECGroupHeading"}
LEAD_STYLES = {"SECInstruction"}
FOOTER = re.compile(r"Page \d+ of \d+")


def _norm(text: str) -> str:
    return " ".join(text.split())


def pages(docx: bytes) -> list[list[str]]:
    """Each page's lines of text, as LibreOffice lays them out, without blank lines, the running header (the
    first line) and the footer ("Page N of M" and the classification sentence)."""
    pdf = docx_to_pdf(docx, "layout")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    out = []
    for page in text.decode("utf-8").split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        if not lines:
            continue
        body = [
            line
            for line in lines[1:]
            if not FOOTER.fullmatch(line.strip()) and _norm(line) != classification_sentence("White")
        ]
        out.append(body)
    return out


def _body(docx: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).find(w("body"))


def _text(el: etree._Element) -> str:
    return _norm("".join(t.text or "" for t in el.iter(w("t"))))


def headings(docx: bytes) -> set[str]:
    """The words of each heading, lead-in line and paragraph kept with the next one, outside tables."""
    found = set()
    for p in _body(docx).iter(w("p")):
        if any(a.tag == w("tbl") for a in p.iterancestors()):
            continue
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        name = style.get(w("val")) if style is not None else "Normal"
        if (name in HEADING_STYLES | LEAD_STYLES or p.find(f"{w('pPr')}/{w('keepNext')}") is not None) and _text(p):
            found.add(_text(p))
    return found


def tables(docx: bytes) -> list[tuple[str, list[re.Pattern[str]]]]:
    """Each table of two rows or more: its header row's words as laid out (cells side by side), and for each
    other row the pattern of its first line on a page: each cell's first word, then words one space apart,
    the cells two spaces or more apart (cells wrap, but each one's first line stands on the row's first)."""
    out = []
    for tbl in _body(docx).iter(w("tbl")):
        rows = tbl.findall(w("tr"))
        if len(rows) < 2:
            continue
        header = " ".join(_text(tc) for tc in rows[0].findall(w("tc")))
        starts = []
        for row in rows[1:]:
            firsts = [_text(tc).split()[0] for tc in row.findall(w("tc")) if _text(tc)]
            starts.append(re.compile(r"\s*" + r"\s{2,}".join(re.escape(f) + r"(?: \S+)*" for f in firsts) + r"\s*"))
        out.append((header, starts))
    return out


def check(docx: bytes) -> tuple[list[list[str]], dict[str, list[int]]]:
    """Assert that no page but the last ends with a heading (or a lead-in) or a table's header row, and that
    each page a table runs onto starts with its header row; return the pages and, for each table's header,
    the pages its rows are on."""
    laid = pages(docx)
    heads = headings(docx)
    found = tables(docx)
    header_lines = {header for header, _ in found}
    for n, page in enumerate(laid[:-1], start=1):
        assert page, f"page {n} is empty"
        for j in range(1, 4):  # a heading wraps over up to three lines
            tail = _norm(" ".join(page[-j:]))
            assert tail not in heads, f"page {n} ends with the heading {tail!r}"
        assert _norm(page[-1]) not in header_lines, f"page {n} ends with a table's header row {page[-1]!r}"
    spans = {}
    for header, starts in found:
        on = [n for n, page in enumerate(laid) if any(s.fullmatch(line) for s in starts for line in page)]
        for n in on[1:]:
            assert _norm(laid[n][0]) == header, f"page {n + 1} continues a table without its header row {header!r}"
        spans[header] = [n + 1 for n in on]
    return laid, spans


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "out"
    r = run_cli("release", MANIFEST, "-o", out)
    assert r.returncode == 0, r.stderr
    return out


def test_release_notes_keep_each_heading_and_header_row_with_what_follows(release: Path) -> None:
    """The notes of examples/release: the "Document Log" heading and its table's header row used to stand
    alone at the foot of page 1; now they go over with the table."""
    laid, spans = check((release / "release-notes.docx").read_bytes())
    log = next(n for n, page in enumerate(laid, start=1) if any(_norm(x) == "4. Document Log" for x in page))
    page = [_norm(x) for x in laid[log - 1]]
    at = page.index("4. Document Log")
    assert page[at + 1] == "Document Version before Version after Changed by"  # the heading, its header, rows
    assert page[at + 2].startswith("Section A 'Definitions")
    assert spans["Document Version before Version after Changed by"] == [log]


def test_release_redline_repeats_a_tables_header_row_on_the_page_it_runs_onto(release: Path) -> None:
    """The release redline of examples/release: Table 28a runs from one page onto the next, whose first line is
    the table's header row again; no page ends with a heading or an instruction."""
    laid, spans = check((release / "release-redline.docx").read_bytes())
    on = spans["Field Meaning Mandatory"]
    assert len(on) == 2 and on[1] == on[0] + 1, on  # the example's layout: if this changes, find another split
    assert any("dated 4 October 2019" in _norm(line) for line in laid[0])  # the front matter's dates in words


def test_a_long_report_table_repeats_its_header_on_every_page() -> None:
    """A table of a report page (html_to_docx, as the release notes and reports are written) three pages long
    (illustrative words)."""
    rows = "".join(f"<tr><td>Row {n:02d}</td><td>illustrative entry {n}</td></tr>" for n in range(1, 91))
    html = (
        "<h2>1. A long table</h2><p class='keep-with-next'>The rows (illustrative):</p>"
        f"<table><tr><th>Row</th><th>Entry</th></tr>{rows}</table><h2>2. After the table</h2><p>Text.</p>"
    )
    data = html_to_docx(html, "Illustrative", "SECAS", dt.date(2019, 10, 4), "Illustrative header")
    _, spans = check(data)
    assert len(spans["Row Entry"]) >= 2, spans


def test_a_long_redline_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    """An Annex A whose changed provision holds a table of 80 rows (an illustrative Appendix): the redline's
    table (docx_writer, make_table) repeats its header row on each page it runs onto."""
    rows = "\n".join(f"    | Field {n:02d} | Illustrative meaning {n} | Yes |" for n in range(1, 81))
    base = tmp_path / "appendix-ZZ.txt"
    base.write_text(
        "Appendix ZZ 'Illustrative Appendix'\n\nSEC Version 6.17\n\n1 Fields (illustrative)\n\n"
        "1.1 Each request carries the fields listed in Table 1 (illustrative).\n\n"
        f"    Table 1: Fields (illustrative)\n    | Field | Meaning | Mandatory |\n{rows}\n\n"
        "1.2 The rest of the Appendix (illustrative).\n",
        encoding="utf-8",
    )
    cs = tmp_path / "cs.yaml"
    cs.write_text(
        'modification: MP900\ntitle: "Illustrative"\nbase: "6.17"\nauthor: SECAS\ndate: 2019-10-04\nchanges:\n'
        '  - table: "Table 1"\n    add row: ["Field 40A", "Illustrative new field", "No"]\n'
        '    after row: "Field 40"\n',
        encoding="utf-8",
    )
    r = run_cli("redline", base, cs, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == 0, r.stderr
    _, spans = check((tmp_path / "annex" / "annex-a.docx").read_bytes())
    assert len(spans["Field Meaning Mandatory"]) >= 2, spans


def test_no_page_ends_with_a_heading_or_header_row_wherever_they_fall() -> None:
    """Forty short sections (a heading, a line, a table of three rows), the lines between them of varied
    length, so that headings and header rows fall at every height of a page, the foot included (illustrative
    words)."""
    sections = []
    for n in range(1, 41):
        words = " ".join(["illustrative"] * (4 + 13 * (n % 7)))
        rows = "".join(f"<tr><td>S{n} row {k}</td><td>entry {k}</td></tr>" for k in (1, 2))
        sections.append(
            f"<h2>{n}. Section {n}</h2><p>{words}</p><table><tr><th>S{n} column</th><th>Entry</th></tr>{rows}</table>"
        )
    data = html_to_docx("".join(sections), "Illustrative", "SECAS", dt.date(2019, 10, 4), "Illustrative header")
    laid, _ = check(data)
    assert len(laid) >= 5  # headings at many heights of many pages
