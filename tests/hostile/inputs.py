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


# --- issue 27: releases, the version store, folders --------------------------------------------------------


def manifest(folder: Path, base: str, mods: list[str], name: str = "release.yaml", version: str = "6.18") -> Path:
    """A release manifest (``base``: a path beside it, or a version the store holds)."""
    based = f"base: '{base}'" if base[:1].isdigit() else f"base:\n  version: '6.17'\n  path: {base}"
    return write(
        folder,
        name,
        f"release: Illustrative release\ndate: 2019-11-07\n{based}\nversion: '{version}'\n"
        f"modifications: [{', '.join(mods)}]\n",
    )


def foreign_sqlite(folder: Path, application_id: int = 0, clash: bool = False) -> Path:
    """Another program's SQLite database (illustrative meter readings); ``clash``: it has a ``versions`` table
    of its own."""
    import sqlite3

    p = folder / "readings.sqlite"
    db = sqlite3.connect(p)
    with db:
        db.execute(f"PRAGMA application_id = {application_id}")
        db.execute("CREATE TABLE readings (meter TEXT, kwh REAL)")
        db.execute("INSERT INTO readings VALUES ('illustrative', 1.5)")
        if clash:
            db.execute("CREATE TABLE versions (id INTEGER PRIMARY KEY, label TEXT)")
    db.close()
    return p


def store_with(folder: Path, name: str = "store.sqlite", marked: bool = True) -> Path:
    """A version store holding SEC 6.17 (the MP087 base); ``marked`` False: as sec-redline made stores before
    they carried an application id (only the meta table says what the file is)."""
    import sqlite3

    from sec_redline.sources import read_base
    from sec_redline.store import Store

    p = folder / name
    with Store(p) as st:
        st.add_version("6.17", read_base(BASE).value)
    if not marked:
        db = sqlite3.connect(p)
        db.execute("PRAGMA application_id = 0")
        db.commit()
        db.close()
    return p


_INTERRUPT = """
import os, signal, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size = 10")  # the pages spill into the file before the commit
db.execute("BEGIN IMMEDIATE")
db.execute(f"DELETE FROM {sys.argv[2]}")
for k in range(3000):
    db.execute(f"INSERT INTO {sys.argv[2]} VALUES (?, ?)", (f"interrupted-{k}", os.urandom(600)))
os.kill(os.getpid(), signal.SIGKILL)
"""


def interrupt(db: Path, table: str) -> Path:
    """``db`` with a writer killed in the middle of filling ``table`` (its hot journal left beside it)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", _INTERRUPT, str(db), table], check=False)
    assert Path(f"{db}-journal").stat().st_size > 0, "the kill left no journal"
    return db


def interrupted_store(folder: Path, marked: bool = True) -> Path:
    """A version store a writer was killed in the middle of (its hot journal beside it)."""
    return interrupt(store_with(folder, marked=marked), "texts")


def alt_chunk_redline(folder: Path, kind: str) -> Path:
    """The MP087 Annex A (ours) with a w:altChunk importing a part: HTML (changed G3.21 words) or plain text."""
    from legal_text import diff_documents, read_text
    from sec_redline.annex import build_annex
    from sec_redline.apply import apply_changeset
    from sec_redline.changes import load_changeset
    from sec_redline.render import render_annex_docx

    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    cs = load_changeset(CHANGES)
    data = render_annex_docx(build_annex(diff_documents(base, apply_changeset(base, cs).value), cs))
    name, ctype, body = (
        ("afchunk.htm", "text/html", b"<html><body><p>G3.21 Illustrative words the redline changed.</p></body></html>")
        if kind == "html"
        else ("afchunk.txt", "text/plain", b"G3.22 Illustrative words imported as plain text.\n")
    )
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            part = zin.read(info.filename)
            if info.filename == "word/document.xml":
                part = part.replace(b"<w:sectPr", b'<w:altChunk r:id="rIdImported"/><w:sectPr', 1)
            elif info.filename == "word/_rels/document.xml.rels":
                part = part.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdImported" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/aFChunk" Target="' + name.encode() + b'"/></Relationships>',
                )
            elif info.filename == "[Content_Types].xml":
                part = part.replace(
                    b"</Types>", f'<Override PartName="/word/{name}" ContentType="{ctype}"/></Types>'.encode()
                )
            z.writestr(info, part)
        z.writestr(f"word/{name}", body)
    assert b"altChunk" in zipfile.ZipFile(out).read("word/document.xml")
    return write(folder, f"annex-{kind}.docx", out.getvalue())


SYSTEM_SECRET = "illustrative-secret-7f3a"


def system_file(folder: Path) -> Path:
    """A file of the kind a system keeps (illustrative account lines), named as a base by mistake."""
    lines = [f"user{k}:x:{1000 + k}:{1000 + k}:{SYSTEM_SECRET}:/home/user{k}:/bin/sh" for k in range(40)]
    return write(folder, "passwd", "\n".join(lines) + "\n")


def bidi_changes(folder: Path) -> Path:
    """MP087's change set with a right-to-left override (U+202E) inside its inserted words."""
    return changes(folder, ('insert: "which forms part', 'insert: "which \\u202eforms part'))
