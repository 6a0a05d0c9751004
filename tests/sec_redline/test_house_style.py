"""The SEC house style is defined once; the shipped reference document carries every style it names."""

import docx

from sec_redline import house_style as hs
from sec_redline.render.templating import package_templates


def test_level_styles_are_bounded():
    assert hs.level_style(0) == "SEC Level 0" and hs.level_style(9) == "SEC Level 4"
    assert hs.after_list_style(1) == "SEC Text After List 1" and hs.after_list_style(7) == "SEC Text After List 3"


def test_the_reader_is_told_the_same_styles():
    assert hs.STRUCTURE_STYLES.levels["SEC Level 2"] == 2
    assert hs.STRUCTURE_STYLES.after_list["SEC Text After List 0"] == 0
    assert hs.INSTRUCTION in hs.STRUCTURE_STYLES.skipped


def test_reference_docx_has_every_required_style():
    names = {s.name for s in docx.Document(str(package_templates() / "reference.docx")).styles}
    assert set(hs.REQUIRED_STYLES) <= names


def test_classification_sentence():
    assert hs.classification_sentence() == (
        "This document is classified as White in accordance with the Panel Information Policy."
    )
    assert "as Amber in" in hs.classification_sentence("Amber")


def test_every_word_output_is_in_one_typeface_with_no_theme_font(tmp_path):
    """Issue 17: a theme font attribute (w:asciiTheme="majorHAnsi") beside w:ascii="Arial" wins, so headings
    showed in the theme's typeface; no style of any Word output carries one, and every font named is Arial."""
    import re
    import zipfile

    from tests.support import BASE, CHANGES, REPORT, run_cli

    for args in (
        ("redline", BASE, CHANGES, "-o", tmp_path / "annex", "--no-pdf"),
        ("apply", BASE, CHANGES, "-o", tmp_path / "amended.docx"),
        ("report", REPORT, "--changes", CHANGES, "--base", BASE, "-o", tmp_path / "report"),
    ):
        assert run_cli(*args).returncode == 0
    files = sorted(tmp_path.rglob("*.docx"))
    assert len(files) == 5
    for word in files:
        styles = zipfile.ZipFile(word).read("word/styles.xml").decode("utf-8")
        assert not re.search(r"w:(?:ascii|hAnsi|eastAsia|cs)Theme=|w:cstheme=", styles), word
        assert set(re.findall(r'w:(?:ascii|hAnsi)="([^"]+)"', styles)) == {"Arial"}, word


def test_the_draft_checks_are_a_shaded_box_in_word_when_there_are_any(tmp_path):
    """Issue 17: in Word, as in the HTML, the Draft checks stand in a bordered, shaded box (a one-cell table)
    with their title; a report whose checks find nothing has none."""
    import zipfile

    from lxml import etree

    from legal_text.ooxml import w
    from tests.support import BASE, CHANGES, REPORT, ROOT, run_cli

    multi = ROOT / "examples" / "mp900-multi"
    for name, args in (
        ("mp087", (REPORT, "--changes", CHANGES, "--base", BASE)),
        ("mp900", (multi / "mp900.report.yaml", "--changes", multi / "mp900.changes.yaml", "--base", multi / "base")),
    ):
        r = run_cli("report", *args, "--documents", "modification-report", "-o", tmp_path / name)
        assert r.returncode == 0, r.stderr
    body = etree.fromstring(zipfile.ZipFile(tmp_path / "mp087" / "modification-report.docx").read("word/document.xml"))
    boxes = [
        t for t in body.iter(w("tbl")) if "".join(t.itertext()).startswith("Draft checks (resolve before publication)")
    ]
    assert len(boxes) == 1
    (box,) = boxes
    assert len(box.findall(w("tr"))) == 1 and len(box.findall(f"{w('tr')}/{w('tc')}")) == 1
    assert box.find(f".//{w('tcPr')}/{w('shd')}").get(w("fill")) == "FBE7E7"  # as the HTML's: _checks.css.j2
    edges = box.find(f".//{w('tcPr')}/{w('tcBorders')}")
    assert [(etree.QName(e).localname, e.get(w("color"))) for e in edges] == [
        (side, "A00000") for side in ("top", "left", "bottom", "right")
    ]
    css = (ROOT / "templates" / "_checks.css.j2").read_text()
    assert "border: 2px solid #a00000; background: #fbe7e7" in css
    assert "7 November 2020 is a Saturday" in "".join(box.itertext())
    quiet = zipfile.ZipFile(tmp_path / "mp900" / "modification-report.docx").read("word/document.xml").decode()
    assert "Draft checks" not in quiet
