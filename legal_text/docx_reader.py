"""Read SEC clauses from a Word document, on either side of its tracked changes.

Each body paragraph becomes one block of clause text (a tab between a label
and its words reads as a space).  Paragraphs in sec-redline's house styles
("SEC Level N", "SEC Text After List N") carry their level as indentation, so
the tree comes back exactly; paragraphs in other styles are read as text
pasted from a document (see ``text_reader``).  "SEC Instruction" paragraphs
("Amend Section G3.20 as follows:") and the running header are not clause
text and are left out.  A document that holds several Sections (a release
redline) gives one ``Document`` per Section, cut at each "Section X ..." title.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Literal

from .model import Document, Message, Result
from .ooxml import Para, read_part, side_paragraphs, unpacked_size, w
from .text_reader import TextReadError, read_text

_SECTION_TITLE = re.compile(r"^section\s+[A-Z]{1,2}\b(?!\d)", re.IGNORECASE)
_LEVEL = re.compile(r"^SEC Level (\d)$")
_AFTER_LIST = re.compile(r"^SEC Text After List (\d)$")
_SKIPPED_STYLES = {"SEC Instruction", "SEC Header", "SEC Classification"}
MAX_PACKAGE_BYTES = 256 * 1024 * 1024


def _style_names(data: bytes) -> dict[str, str]:
    try:
        root = read_part(data, "word/styles.xml")
    except (KeyError, ValueError):  # no styles part, or one over the size limit: read without styles
        return {}
    names = {}
    for style in root.iter(w("style")):
        name = style.find(w("name"))
        if name is not None:
            names[style.get(w("styleId"), "")] = name.get(w("val"), "")
    return names


def _load(source: str | Path | bytes) -> bytes:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        total = unpacked_size(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise TextReadError("not a Word document: it has no word/document.xml")
    except zipfile.BadZipFile:
        raise TextReadError("not a Word document (.docx): it is not a zip package") from None
    if total > MAX_PACKAGE_BYTES:
        raise TextReadError(f"unpacks to {total // (1024 * 1024)} MB, more than the "
                            f"{MAX_PACKAGE_BYTES // (1024 * 1024)} MB limit")
    return data


def _block(para: Para, styles: dict[str, str]) -> str | None:
    if para.style.startswith("table:"):
        return "    " * int(para.style.split(":")[1]) + para.text
    style = styles.get(para.style, para.style)
    text = " ".join(para.text.replace("\t", " ").split())
    if not text or style in _SKIPPED_STYLES:
        return None
    m = _LEVEL.match(style)
    if m:
        return "    " * int(m.group(1)) + text
    m = _AFTER_LIST.match(style)
    if m:
        return "    " * (int(m.group(1)) + 1) + text
    return text


def read_docx(source: str | Path | bytes, name: str = "<docx>",
              side: Literal["new", "old"] = "new") -> Result[list[Document]]:
    """The Sections of a .docx, with every tracked change accepted ("new") or rejected ("old")."""
    data = _load(source)
    styles = _style_names(data)
    blocks: list[str] = []
    origin: list[int] = []  # the paragraph number (from 1) each block starts at
    for number, para in enumerate(side_paragraphs(data, side), start=1):
        block = _block(para, styles)
        if block is None:
            continue
        if para.style.startswith("table:") and blocks and blocks[-1].lstrip().startswith("|"):
            blocks[-1] += "\n" + block  # rows of one table stay one block
        else:
            blocks.append(block)
            origin.append(number)
    starts = [i for i, b in enumerate(blocks) if _SECTION_TITLE.match(b) and len(b) < 120]
    messages: list[Message] = []
    if starts and starts[0] > 0:
        messages.append(Message("info", f"left out {starts[0]} paragraph(s) before the first Section title "
                                        f"(front matter)", name))
    cuts = starts or [0]
    docs: list[Document] = []
    for k, start in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(blocks)
        lines: dict[int, int] = {}  # line of the joined text -> paragraph number
        line = 1
        for i in range(start, end):
            for j in range(blocks[i].count("\n") + 1):
                lines[line + j] = origin[i]
            line += blocks[i].count("\n") + 2
        result = read_text("\n\n".join(blocks[start:end]), name)
        docs.append(result.value)
        for m in result.messages:
            at = re.fullmatch(rf"{re.escape(name)}:(\d+)", m.where)
            where = f"{name} paragraph {lines.get(int(at.group(1)), '?')}" if at else m.where
            messages.append(Message(m.level, m.text, where))
    return Result(docs, tuple(messages))


def docx_paragraph_texts(source: str | Path | bytes, side: Literal["new", "old"] = "new") -> list[str]:
    """Every paragraph's text on one side (for statements such as 'drafted against SEC Version 6.17')."""
    return [p.text for p in side_paragraphs(_load(source), side)]
