"""The Word package: deterministic bytes, sec-redline's own app.xml, settings made schema-valid, safe
reading with limits, and a reference document refused with the styles it lacks."""

import io
import zipfile
from pathlib import Path

import pytest

from legal_text.ooxml import (
    APPLICATION,
    FIXED_ZIP_TIME,
    PackageError,
    WordPackage,
    make_paragraph,
    make_run,
    normalise_package,
    read_part,
)
from sec_redline.render.templating import package_templates

REFERENCE = package_templates() / "reference.docx"
OFFICE_APP = b"<Properties><Application>Microsoft Macintosh Word</Application></Properties>"


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_normalised_packages_are_byte_identical_and_ordered():
    a = _zip({"word/document.xml": b"<x/>", "[Content_Types].xml": b"<Types/>"})
    b = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>"})
    assert normalise_package(a) == normalise_package(b)
    infos = zipfile.ZipFile(io.BytesIO(normalise_package(a))).infolist()
    assert infos[0].filename == "[Content_Types].xml" and {i.date_time for i in infos} == {FIXED_ZIP_TIME}


def test_app_xml_names_sec_redline_and_zoom_gets_its_percent():
    settings = (
        b'<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom/></w:settings>'
    )
    out = zipfile.ZipFile(
        io.BytesIO(
            normalise_package(
                _zip(
                    {
                        "docProps/app.xml": OFFICE_APP,
                        "word/settings.xml": settings,
                    }
                )
            )
        )
    )
    assert f"<Application>{APPLICATION}</Application>".encode() in out.read("docProps/app.xml")
    assert b'w:percent="100"' in out.read("word/settings.xml")


def test_read_part_refuses_doctypes_and_so_entities():
    evil = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>'
    with pytest.raises(PackageError, match="DOCTYPE"):
        read_part(_zip({"word/document.xml": evil}))
    # a DOCTYPE after a long comment is still before the root element, and still refused
    later = b'<?xml version="1.0"?><!--' + b"x" * 10_000 + b'--><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>'
    with pytest.raises(PackageError, match="DOCTYPE"):
        read_part(_zip({"word/document.xml": later}))


def test_a_reference_missing_styles_is_refused(tmp_path: Path):
    with pytest.raises(PackageError, match="lacks the style"):
        WordPackage(REFERENCE, ["Normal", "No Such Style"])
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(PackageError, match="not a Word document"):
        WordPackage(bad)


def test_blocks_go_before_the_section_properties():
    pkg = WordPackage(REFERENCE, ["Normal"])
    pkg.append(make_paragraph(pkg.style_id("Normal"), [make_run("first")]))
    pkg.append(make_paragraph(pkg.style_id("Normal"), [make_run("second")]))
    body = read_part(pkg.save()).find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    tags = [child.tag.rsplit("}", 1)[1] for child in body]
    assert tags == ["p", "p", "sectPr"]
