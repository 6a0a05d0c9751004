"""Every part of every .docx any command writes is valid ECMA-376 (OPC parts, docProps, settings, styles,
theme, header, footer and document), and names sec-redline as the application that wrote it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from legal_text.ooxml import APPLICATION, normalise_package
from sec_redline.render.templating import package_templates
from tests.support import BASE, CHANGES, REPORT, run_cli
from tests.tools.ooxml_validate import schema_dir, validate_package, validate_part


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each command's Word output on the MP087 example: name -> path."""
    out = tmp_path_factory.mktemp("docx")
    for args in (
        ("redline", BASE, CHANGES, "-o", out / "tracked", "--no-pdf"),
        ("redline", BASE, CHANGES, "-o", out / "visual", "--no-pdf", "--marks", "visual"),
        ("redline", BASE, CHANGES, "-o", out / "all", "--no-pdf", "--context", "all"),
        ("apply", BASE, CHANGES, "-o", out / "amended.docx"),
        ("report", REPORT, "--changes", CHANGES, "--base", BASE, "-o", out / "report"),
    ):
        r = run_cli(*args)
        assert r.returncode == 0, r.stderr
    found = {str(p.relative_to(out)): p for p in sorted(out.rglob("*.docx"))}
    assert len(found) == 7, found  # 3 Annex A variants, the amended text, 3 report documents
    return found


@pytest.mark.parametrize(
    "name",
    [
        "tracked/annex-a.docx",
        "visual/annex-a.docx",
        "all/annex-a.docx",
        "amended.docx",
        "report/modification-report.docx",
        "report/problem-statement.docx",
        "report/panel-paper.docx",
    ],
)
def test_every_part_validates(written: dict[str, Path], name: str) -> None:
    directory = schema_dir()
    parts = zipfile.ZipFile(written[name]).namelist()
    for required in (
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
    ):
        assert required in parts, f"{name} has no {required}"
    assert validate_package(written[name], directory) == []
    if name == "report/modification-report.docx":
        assert "word/footnotes.xml" in parts  # its notes, checked with the rest


@pytest.mark.parametrize("reference", ["ours", "a user's, with its own footnotes part"])
def test_footnotes_validate(tmp_path: Path, reference: str) -> None:
    """A page with notes, as Word footnotes, on our reference and on one made in Word (its own footnotes part)."""
    import datetime as dt

    from sec_redline.render import html_to_docx
    from tests.sec_redline.render.test_html_docx import NOTES_HTML, reference_with_footnotes

    directory = schema_dir()
    folder = reference_with_footnotes(tmp_path / "templates") if reference != "ours" else None
    data = html_to_docx(NOTES_HTML, "t", "SECAS", dt.date(2019, 10, 4), "Header line", template_dir=folder)
    assert "word/footnotes.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert validate_package(data, directory) == []


def test_application_is_sec_redline_and_no_leftover_parts(written: dict[str, Path]) -> None:
    for name, path in written.items():
        with zipfile.ZipFile(path) as z:
            app = etree.fromstring(z.read("docProps/app.xml"))
            assert [el.text for el in app if etree.QName(el).localname == "Application"] == [APPLICATION], name
            assert b"Microsoft" not in z.read("docProps/app.xml")
            assert not [n for n in z.namelist() if n.startswith("customXml/") or "thumbnail" in n], name


def test_the_validator_sees_the_settings_fault_it_was_written_for() -> None:
    """python-docx's template has w:zoom without w:percent: the validator must reject that, and the
    package writer must repair it."""
    directory = schema_dir()
    raw = zipfile.ZipFile(package_templates() / "reference.docx").read("word/settings.xml")
    broken = raw.replace(b' w:percent="100"', b"")
    assert any("percent" in e for e in validate_part(broken, directory))

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/settings.xml", broken)
    fixed = zipfile.ZipFile(io.BytesIO(normalise_package(buf.getvalue()))).read("word/settings.xml")
    assert validate_part(fixed, directory) == []


def test_the_validator_catches_a_broken_revision(written: dict[str, Path]) -> None:
    directory = schema_dir()
    xml = zipfile.ZipFile(written["tracked/annex-a.docx"]).read("word/document.xml").replace(b' w:id="1"', b"")
    errors = validate_part(xml, directory)
    assert errors and any("id" in e for e in errors)


def test_a_part_with_no_schema_is_reported_not_skipped() -> None:
    directory = schema_dir()
    assert validate_part(b'<x:thing xmlns:x="urn:example"/>', directory) == [
        "no ECMA-376 schema for the root element {urn:example}thing"
    ]


def test_the_schemas_are_in_the_repository_unmodified() -> None:
    """tests/schemas/ecma-376 holds every schema the checker reads and every schema they import by file (so a
    fresh clone validates, with no skip), each byte for byte as SHA256SUMS lists it, and nothing unlisted."""
    import hashlib
    import re

    from tests.tools.ooxml_validate import SCHEMAS

    listed = dict(line.split()[::-1] for line in (SCHEMAS / "SHA256SUMS").read_text().splitlines())
    files = {str(p.relative_to(SCHEMAS)): p for p in SCHEMAS.rglob("*.xsd")}
    assert set(files) == set(listed)
    assert {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in files.items()} == listed
    for name, path in files.items():
        for location in re.findall(r'schemaLocation="([^"]+)"', path.read_text(encoding="utf-8-sig")):
            if not location.startswith("http"):  # the Dublin Core URLs are replaced by stand-ins
                assert (path.parent / location).is_file(), (name, location)
    assert {"transitional/wml.xsd", "opc/opc-coreProperties.xsd"} <= set(files)
    assert (SCHEMAS / "README.md").is_file() and (SCHEMAS / "LICENCE.md").is_file()
