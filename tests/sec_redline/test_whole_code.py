"""Every command on the whole code in one file (issue 12): Sections A, G (the MP087 example) and H one after
another; --section picks one where a command needs one.  Section A's and H's wording is illustrative."""

from __future__ import annotations

import json
import shutil
import subprocess

import lxml.html
import pytest

from legal_text import read_text
from sec_redline.errors import EXIT_DIFFERS, EXIT_INPUT, EXIT_OK, EXIT_STRICT
from sec_redline.render import docx_to_pdf
from tests.support import (
    BASE,
    CHANGES,
    CHANGESET_HEADER,
    MP087_REFS,
    derived_changeset,
    requires_libreoffice,
    run_cli,
)

SECTION_A = """\
SECTION A: DEFINITIONS AND INTERPRETATION

A1 Definitions

A1.1 In this Code (illustrative wording), the expressions below have the meanings given to them.

Acceptance Testing means the testing of a release (illustrative).

Device means an Electricity Meter or a Gas Meter (illustrative).
"""

SECTION_H = """\
Section H 'DCC Services'

H1.1 The DCC shall provide the Services (illustrative wording).

H1.2 The DCC shall publish the Services (illustrative wording).
"""


@pytest.fixture
def code(tmp_path):
    path = tmp_path / "sec-6.17.txt"
    path.write_text(SECTION_A + "\n" + BASE.read_text(encoding="utf-8") + "\n" + SECTION_H, encoding="utf-8")
    return path


def test_parse_reads_every_section(code):
    r = run_cli("parse", code, "--format", "refs", "--strict")
    assert r.returncode == EXIT_OK, r.stderr
    refs = r.stdout.split()
    assert refs[:3] == ["A1.1", 'A1.1["Acceptance', 'Testing"]']  # one reference a line; terms hold spaces
    assert [x for x in refs if x.startswith("G")] == MP087_REFS
    assert refs[-2:] == ["H1.1", "H1.2"]
    data = json.loads(run_cli("parse", code, "--format", "json").stdout)
    assert [s["section"] for s in data["sections"]] == ["A", "G", "H"]
    assert [s["version"] for s in data["sections"]] == ["", "6.17", ""]  # G states its own; A, the first, none


def test_parse_section_g_is_the_example(code):
    r = run_cli("parse", code, "--section", "g")
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout == run_cli("parse", BASE).stdout


def test_a_section_the_file_does_not_hold(code):
    r = run_cli("parse", code, "--section", "X")
    assert r.returncode == EXIT_INPUT
    assert r.stderr.strip() == f"sec-redline: error: {code}: has no Section X; it holds Section(s) A, G, H"


def test_changeset_on_the_whole_code_writes_one_change_set_for_every_section_changed(code, tmp_path):
    """Two versions of the whole code, G and H changed: one change set, which applied to OLD gives NEW."""
    new = tmp_path / "draft.txt"
    text = code.read_text(encoding="utf-8")
    new.write_text(
        text.replace("publish the Services (illustrative wording)", "publish the Services yearly (illustrative "
                     "wording)").replace("G3.21 Any arrangements", "G3.21 Any such arrangements"),
        encoding="utf-8",
    )  # fmt: skip
    written = derived_changeset(code, new, tmp_path)
    assert "- in: G3.21\n" in written and "- in: H1.2\n" in written


def test_redline_against_the_whole_code_shows_the_amended_section(code, tmp_path):
    whole = run_cli("redline", code, CHANGES, "-o", tmp_path / "whole", "--no-pdf")
    one = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "one", "--no-pdf")
    assert whole.returncode == one.returncode == EXIT_OK, whole.stderr
    assert (tmp_path / "whole" / "annex-a.html").read_bytes() == (tmp_path / "one" / "annex-a.html").read_bytes()


def test_apply_to_the_whole_code_amends_only_its_section(code, tmp_path):
    out = tmp_path / "amended.txt"
    assert run_cli("apply", code, CHANGES, "-o", out).returncode == EXIT_OK
    again = run_cli("parse", out, "--format", "refs")
    assert again.returncode == EXIT_OK, again.stderr
    one = tmp_path / "g.txt"
    run_cli("apply", BASE, CHANGES, "-o", one)
    assert run_cli("parse", out, "--section", "G").stdout == run_cli("parse", one).stdout
    assert run_cli("parse", out, "--section", "H").stdout == run_cli("parse", code, "--section", "H").stdout


def test_diff_of_two_whole_codes_section_by_section(code, tmp_path):
    out = tmp_path / "amended.txt"
    run_cli("apply", code, CHANGES, "-o", out)
    r = run_cli("diff", code, out, "--exit-code")
    assert r.returncode == EXIT_DIFFERS
    assert r.stdout.splitlines()[0] == "amended   G3.20(b)"
    assert run_cli("diff", code, code, "--exit-code").returncode == EXIT_OK


def test_the_comparison_page_names_each_file_and_its_version(tmp_path):
    amended = tmp_path / "amended.txt"
    run_cli("apply", BASE, CHANGES, "-o", amended, "--version", "6.18")  # the version the amended text is
    page = tmp_path / "comparison.html"
    assert run_cli("diff", BASE, amended, "-o", page).returncode == EXIT_OK
    html = page.read_text(encoding="utf-8")
    versions = lxml.html.fromstring(html).find_class("versions")[0].text_content()
    assert versions == f"From {BASE} (SEC 6.17) to {amended} (SEC 6.18)."
    unnamed = tmp_path / "unnamed.txt"  # a text with no 'SEC Version' line
    unnamed.write_text(amended.read_text(encoding="utf-8").replace("SEC Version 6.18\n", ""), encoding="utf-8")
    assert run_cli("diff", BASE, unnamed, "-o", page).returncode == EXIT_OK
    versions = lxml.html.fromstring(page.read_text(encoding="utf-8")).find_class("versions")[0].text_content()
    assert versions == f"From {BASE} (SEC 6.17) to {unnamed} (no SEC version named)."


def test_verify_against_the_whole_code(code, tmp_path):
    run_cli("redline", BASE, CHANGES, "-o", tmp_path, "--no-pdf")
    r = run_cli("verify", tmp_path / "annex-a.docx", code, "--changes", CHANGES)
    assert r.returncode == EXIT_OK, r.stdout + r.stderr
    assert r.stdout.strip().endswith("consistent.")


# --- a base that names no version ---------------------------------------------------------------


@pytest.fixture
def unversioned(tmp_path):
    path = tmp_path / "g-unversioned.txt"
    path.write_text(BASE.read_text(encoding="utf-8").replace("SEC Version 6.17\n", ""), encoding="utf-8")
    assert read_text(path.read_text(encoding="utf-8")).value.version == ""
    return path


def test_redline_on_an_unversioned_base_warns_and_says_so(unversioned, tmp_path):
    r = run_cli("redline", unversioned, CHANGES, "-o", tmp_path / "out", "--no-pdf")
    assert r.returncode == EXIT_OK
    assert "names no SEC version, so that was not checked" in r.stderr
    html = (tmp_path / "out" / "annex-a.html").read_text(encoding="utf-8")
    assert "drafted against SEC Version 6.17. (The base text this redline was made from names no SEC version" in html
    strict = run_cli("redline", unversioned, CHANGES, "-o", tmp_path / "strict", "--no-pdf", "--strict")
    assert strict.returncode == EXIT_STRICT
    assert not (tmp_path / "strict").exists()


def test_apply_on_an_unversioned_base_warns(unversioned, tmp_path):
    r = run_cli("apply", unversioned, CHANGES, "-o", tmp_path / "a.txt")
    assert r.returncode == EXIT_OK and "was not checked" in r.stderr
    assert run_cli("apply", unversioned, CHANGES, "-o", tmp_path / "b.txt", "--strict").returncode == EXIT_STRICT


def test_a_versioned_base_is_checked_without_a_warning(tmp_path):
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path, "--no-pdf", "--strict")
    assert r.returncode == EXIT_OK and "not checked" not in r.stderr
    assert "(The base text" not in (tmp_path / "annex-a.html").read_text(encoding="utf-8")


# --- Section A's published definitions in a change set -----------------------------------------


def test_define_undefine_and_amend_definitions_written_without_quotes(code, tmp_path):
    cs = tmp_path / "defs.yaml"
    cs.write_text(
        CHANGESET_HEADER.format(mod="MP901")
        + "  - define: Communications Hub\n    text: means a device (illustrative).\n"
        + "  - undefine: Acceptance Testing\n"
        + "  - in: 'A1.1[\"Device\"]'\n    replace: a Gas Meter\n    with: a Gas Meter or a Hub (illustrative)\n",
        encoding="utf-8",
    )
    out = tmp_path / "amended.txt"
    r = run_cli("apply", code, cs, "-o", out)
    assert r.returncode == EXIT_OK, r.stderr
    doc = read_text(out.read_text(encoding="utf-8").split("\nSection G")[0], "a.txt").value
    defs = doc.definitions()
    assert list(defs) == ["Communications Hub", "Device"]  # alphabetical; the removed one gone
    assert defs["Communications Hub"].label == "Communications Hub"  # written as the Section writes them
    assert defs["Device"].text == "means an Electricity Meter or a Gas Meter or a Hub (illustrative) (illustrative)."


# --- the whole code as a reader copies it from a PDF ----------------------------------------------


@requires_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("mode", [[], ["-layout"]], ids=["raw", "layout"])
def test_the_whole_code_copied_from_its_pdf_reads_as_its_sections(code, tmp_path, mode):
    """The amended whole code as one Word document, printed to PDF by LibreOffice and copied out with
    pdftotext: the same Sections, provisions and words (Section A's definitions without quotation marks
    included); running headers, page numbers and classification lines removed with warnings."""
    amended, word = tmp_path / "amended.txt", tmp_path / "amended.docx"
    assert run_cli("apply", code, CHANGES, "-o", amended).returncode == EXIT_OK
    assert run_cli("apply", code, CHANGES, "-o", word).returncode == EXIT_OK
    pdf = tmp_path / "amended.pdf"
    pdf.write_bytes(docx_to_pdf(word.read_bytes(), "amended"))
    pasted = tmp_path / "pasted.txt"
    subprocess.run(["pdftotext", *mode, str(pdf), str(pasted)], check=True, timeout=120)
    r = run_cli("diff", amended, pasted)
    assert r.returncode == EXIT_OK and r.stdout.strip() == "No differences.", r.stdout + r.stderr
    refs = run_cli("parse", pasted, "--format", "refs").stdout.split()
    assert refs == run_cli("parse", amended, "--format", "refs").stdout.split()
    assert "removed a page header, footer or number" in r.stderr


@requires_libreoffice
def test_a_word_file_with_a_paper_before_the_section_says_what_it_left_out(tmp_path):
    """A Word file LibreOffice made from text: an illustrative paper quoting a clause, then the MP087 Section.
    The paper is not read as clause text, and that is a warning (exit 6 with --strict), not a hidden note."""
    from sec_redline.render.pdf import soffice

    paper = tmp_path / "paper.txt"
    paper.write_text(
        "Panel paper (illustrative)\n\nThe issue is in G3.20, which says that each User shall establish "
        "arrangements.\n\n" + BASE.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "docx",
         "--outdir", str(tmp_path), str(paper)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    r = run_cli("parse", tmp_path / "paper.docx", "--format", "refs")
    assert r.returncode == EXIT_OK
    assert r.stdout.split() == MP087_REFS
    assert "paper.docx paragraph 1: warning: left out 2 paragraph(s) before the first Section title" in r.stderr
    assert "'Panel paper (illustrative)'" in r.stderr
    assert run_cli("parse", tmp_path / "paper.docx", "--strict").returncode == EXIT_STRICT
