"""Reading inputs and writing outputs safely: atomic writes, never over an input."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from legal_text import Document, Result, Side, TextReadError, decode_text, read_docx, read_text
from legal_text.docx_reader import docx_paragraph_texts
from legal_text.ooxml import PackageError

from .errors import InputError, OutputError
from .house_style import STRUCTURE_STYLES

MAX_TEXT_BYTES = 64 * 1024 * 1024


def _size(n: int) -> str:
    """A size as people write it: 64 MB, 512 kB, 10 bytes."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"


def read_input_bytes(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular input file of at most ``limit`` bytes; one-line InputError otherwise.

    What is not a regular file (a folder, a device such as /dev/zero, a pipe) is refused before it is
    opened (opening a pipe would block), and at most ``limit`` bytes are ever read, whatever the file
    system says its size is.
    """
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a folder; give {what}")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: is not a regular file (a device or a pipe); give {what}")
        if st.st_size > limit:
            raise InputError(
                f"{name}: {_size(st.st_size)} is more than the {_size(limit)} limit for {what}; is this the right file?"
            )
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; give {what}") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{name}: more than the {_size(limit)} limit for {what}; is this the right file?")
    return data


def read_input_text(path: str | Path, limit: int, what: str) -> str:
    """The UTF-8 text of an input file of at most ``limit`` bytes; one-line InputError otherwise."""
    data = read_input_bytes(path, limit, what)
    try:
        return decode_text(data, str(path))
    except TextReadError as exc:
        raise InputError(str(exc)) from None


def read_word_bytes(path: str | Path) -> bytes:
    """The bytes of a Word document input (a regular file within the size limit); one-line InputError."""
    return read_input_bytes(path, MAX_TEXT_BYTES, "a Word document")


def word_sections(data: bytes, name: str, side: Side = "new") -> Result[list[Document]]:
    """The Sections of a .docx, tracked changes accepted ("new") or rejected ("old"); a package that cannot
    be read (not a zip, damaged, encrypted, a zip bomb, not XML) is one InputError line naming the file."""
    try:
        return read_docx(data, name, side, STRUCTURE_STYLES)
    except (TextReadError, PackageError, etree.XMLSyntaxError, KeyError) as exc:
        raise InputError(f"{name}: {str(exc).strip(chr(39)) if isinstance(exc, KeyError) else exc}") from None


def word_paragraph_texts(data: bytes, name: str, side: Side = "new") -> list[str]:
    """Every paragraph's text on one side of a .docx's tracked changes; one InputError line on a bad package."""
    try:
        return docx_paragraph_texts(data, side)
    except (TextReadError, PackageError, etree.XMLSyntaxError, KeyError) as exc:
        raise InputError(f"{name}: {exc}") from None


def read_word_sections(path: str | Path, side: Side = "new") -> Result[list[Document]]:
    """The Sections of a .docx file, tracked changes accepted ("new") or rejected ("old"); one-line errors."""
    return word_sections(read_word_bytes(path), str(path), side)


def read_document(path: str | Path, version: str = "") -> Result[Document]:
    """Read SEC clause text (or a .docx, tracked changes accepted) from ``path``; one-line InputError
    when it cannot be read."""
    name = str(path)
    if Path(path).suffix.lower() == ".docx":
        result = read_word_sections(path)
        if len(result.value) != 1:
            raise InputError(f"{name}: holds {len(result.value)} Sections; give one Section a file")
        doc = result.value[0]
        return Result(doc.with_version(version or doc.version), result.messages)
    text = read_input_text(path, MAX_TEXT_BYTES, "a text file of SEC clauses")
    try:
        return read_text(text, source=name, version=version)
    except TextReadError as exc:
        raise InputError(str(exc)) from None


def check_not_input(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an output path that is one of the inputs."""
    out = Path(output).resolve()
    for item in inputs:
        src = Path(item)
        try:
            same = out == src.resolve() or (out.exists() and os.path.samefile(out, src))
        except OSError:
            same = False
        if same:
            raise OutputError(f"{output}: refusing to write over the input {item}; choose another output path")


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    p = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    return p


def write_all(outputs: dict[Path, bytes | str]) -> list[Path]:
    """Write several outputs only once all of them have been rendered (the caller renders first)."""
    return [write_atomic(p, data) for p, data in outputs.items()]
