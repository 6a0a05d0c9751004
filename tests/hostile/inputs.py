"""Hostile and broken inputs, made at test time: clause texts, Word packages, YAML, templates.

Every maker writes into a folder and returns the path it wrote.  Wording is MP087's (from the seed) or
marked as illustrative.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

from tests.support import BASE, CHANGES, REPORT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def base_text(folder: Path) -> Path:
    p = folder / "section-G.txt"
    p.write_bytes(BASE.read_bytes())
    return p


def changes(folder: Path, replace: tuple[str, str] | None = None, name: str = "changes.yaml") -> Path:
    text = CHANGES.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text, replace
        text = text.replace(*replace)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def report(folder: Path, replace: tuple[str, str] | None = None) -> Path:
    text = REPORT.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text, replace
        text = text.replace(*replace)
    p = folder / "report.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def write(folder: Path, name: str, data: bytes | str) -> Path:
    p = folder / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# --- clause texts ----------------------------------------------------------------------------


def sparse(folder: Path, name: str, size: int) -> Path:
    """A file the file system says is ``size`` bytes, made without writing them."""
    p = folder / name
    with p.open("wb") as fh:
        fh.truncate(size)
    return p


def fifo(folder: Path, name: str = "pipe.txt") -> Path:
    p = folder / name
    os.mkfifo(p)
    return p


def duplicate_numbers(folder: Path) -> Path:
    text = (
        "Section G 'Security'\n\nSEC Version 6.17\n\nG3.20 Illustrative first provision.\n\n"
        "G3.21 Illustrative second provision.\n\nG3.20 Illustrative third provision.\n"
    )
    return write(folder, "duplicates.txt", text)


def forbidden_characters(folder: Path) -> Path:
    text = BASE.read_text(encoding="utf-8").replace("Each User shall", "Each User\x1b shall\ufffe", 1)
    return write(folder, "forbidden.txt", text)


def many_matches(folder: Path) -> Path:
    text = "Section G 'Security'\n\nSEC Version 6.17\n\nG3.20 Illustrative: " + "word " * 100_000 + "end.\n"
    return write(folder, "many.txt", text)


def uncomposed_accent(folder: Path) -> Path:
    """A letter with a combining accent that has no precomposed form (q + U+0301), so NFC keeps two characters."""
    text = "Section G 'Security'\n\nSEC Version 6.17\n\nG3.20 Illustrative Iq\u0301 wording.\n"
    return write(folder, "accent.txt", text)


# --- Word packages ---------------------------------------------------------------------------


def _document(body: str) -> bytes:
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
    b"/></Types>"
)


def package(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def simple_docx() -> bytes:
    return package(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": _document(_paragraphs("G3.20 Illustrative provision.")),
        }
    )


def _patch(data: bytes, member: str, local: dict[int, bytes], central: dict[int, bytes]) -> bytes:
    """Overwrite header fields of one member (offsets within its local and central headers)."""
    out = bytearray(data)
    name = member.encode()
    lh = out.find(b"PK\x03\x04" + b"\x00" * 0)  # first local header; find the one for ``member``
    while lh != -1:
        n = struct.unpack("<H", out[lh + 26 : lh + 28])[0]
        if out[lh + 30 : lh + 30 + n] == name:
            break
        lh = out.find(b"PK\x03\x04", lh + 4)
    ch = out.find(b"PK\x01\x02")
    while ch != -1:
        n = struct.unpack("<H", out[ch + 28 : ch + 30])[0]
        if out[ch + 46 : ch + 46 + n] == name:
            break
        ch = out.find(b"PK\x01\x02", ch + 4)
    for off, val in local.items():
        out[lh + off : lh + off + len(val)] = val
    for off, val in central.items():
        out[ch + off : ch + off + len(val)] = val
    return bytes(out)


def bad_crc(folder: Path) -> Path:
    data = bytearray(
        package(
            {
                "[Content_Types].xml": CONTENT_TYPES,
                "word/document.xml": _document(_paragraphs("G3.20 Illustrative provision.")),
            },
            zipfile.ZIP_STORED,
        )
    )
    i = data.find(b"Illustrative")
    data[i] = ord("X")
    return write(folder, "bad-crc.docx", bytes(data))


def encrypted(folder: Path) -> Path:
    data = _patch(simple_docx(), "word/document.xml", {6: b"\x01\x00"}, {8: b"\x01\x00"})
    return write(folder, "encrypted.docx", data)


def unknown_compression(folder: Path) -> Path:
    data = _patch(simple_docx(), "word/document.xml", {8: struct.pack("<H", 99)}, {10: struct.pack("<H", 99)})
    return write(folder, "compression.docx", data)


def lying_bomb(folder: Path) -> Path:
    """A member that inflates to 80 MB while its headers say 200 bytes."""
    body = _document(_paragraphs("G3.20 Illustrative provision.")) + b" " * (80 * 1024 * 1024)
    data = package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body})
    small = struct.pack("<I", 200)
    return write(folder, "lying-bomb.docx", _patch(data, "word/document.xml", {22: small}, {24: small}))


def honest_bomb(folder: Path) -> Path:
    """A member that says, truly, that it inflates to 70 MB (past the 64 MB part limit)."""
    body = _document(_paragraphs("G3.20 Illustrative provision.")) + b" " * (70 * 1024 * 1024)
    return write(folder, "bomb.docx", package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body}))


def no_main_part(folder: Path) -> Path:
    return write(folder, "no-main.docx", package({"[Content_Types].xml": CONTENT_TYPES, "word/other.xml": b"<x/>"}))


def not_xml(folder: Path) -> Path:
    return write(
        folder,
        "not-xml.docx",
        package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document><unclosed>"}),
    )


def entity_bomb(folder: Path) -> Path:
    lol = (
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]>"
    )
    body = lol + f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
    return write(
        folder, "entities.docx", package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body.encode()})
    )


def deep_xml(folder: Path) -> Path:
    body = _document("<w:p>" + "<w:r>" * 5000 + "</w:r>" * 5000 + "</w:p>")
    return write(folder, "deep.docx", package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body}))


def huge_indent(folder: Path) -> Path:
    cell = "<w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc>"
    table = f'<w:tbl><w:tblPr><w:tblInd w:w="99999999999999999999" w:type="dxa"/></w:tblPr><w:tr>{cell}</w:tr></w:tbl>'
    body = _document(_paragraphs("G3.20 Illustrative provision with a table:") + table)
    return write(folder, "indent.docx", package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body}))


def unnumbered_redline(folder: Path) -> Path:
    """A redline whose clause numbers Word's list numbering would draw: no typed number, so no provision read."""
    body = _document(
        _paragraphs(
            "These changes have been drafted against SEC Version 6.17.",
            "Section G 'Security'",
            "Where a User becomes aware of any material security vulnerability in, or likely cause of a material "
            "adverse effect on the security of:",
            "any hardware, software or firmware which forms part of its User Systems; or",
        )
    )
    return write(folder, "unnumbered.docx", package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body}))


# --- YAML ----------------------------------------------------------------------------------


def alias_bomb(folder: Path, name: str = "bomb.yaml") -> Path:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        prev = chr(96 + i)
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return write(folder, name, "\n".join(lines) + "\n")


def deep_yaml(folder: Path, name: str = "deep.yaml") -> Path:
    return write(folder, name, "a: " + "[" * 50_000 + "]" * 50_000 + "\n")


# --- templates ------------------------------------------------------------------------------


def template_folder(folder: Path, name: str, body: str | bytes) -> Path:
    d = folder / "templates"
    d.mkdir(exist_ok=True)
    (d / name).write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    return d
