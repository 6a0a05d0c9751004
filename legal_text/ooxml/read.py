"""Reading WordprocessingML back: paragraphs on either side of their tracked changes, revisions, style names.

python-docx's ``Paragraph.text`` drops text inside ``w:ins``/``w:del``; ``side_paragraphs`` reads either
side of a redline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from .names import table_depth, w
from .numbering import Numbering
from .package import read_part

Side = Literal["new", "old"]
MAX_NUMBER = 10**9  # any number read from a file is bounded before use


@dataclass(frozen=True)
class Revision:
    """A tracked insertion or deletion: its author, date and text."""

    kind: Literal["ins", "del"]
    author: str
    date: str
    text: str


def read_revisions(docx: str | Path | bytes) -> list[Revision]:
    """Every tracked insertion and deletion in the main document, in order."""
    root = read_part(docx)
    out = []
    for el in root.iter(w("ins"), w("del")):
        kind: Literal["ins", "del"] = "ins" if el.tag == w("ins") else "del"
        text = "".join(t.text or "" for t in el.iter(w("t"), w("delText")))
        out.append(Revision(kind, el.get(w("author"), ""), el.get(w("date"), ""), text))
    return out


def style_names(docx: str | Path | bytes) -> dict[str, str]:
    """Paragraph style id -> style name, from ``word/styles.xml`` (empty when there is none)."""
    try:
        root = read_part(docx, "word/styles.xml")
    except KeyError:  # no styles part: every paragraph is read as pasted text
        return {}
    names = {}
    for style in root.iter(w("style")):
        name = style.find(w("name"))
        if name is not None:
            names[style.get(w("styleId"), "")] = name.get(w("val"), "")
    return names


@dataclass(frozen=True)
class Para:
    """A body paragraph as one side of its revisions reads it: its style id and text.

    A table row is a ``Para`` too: ``table_depth`` is the clause depth its indent stands for and
    ``cells`` its cells' text; ``text`` is then ``| cell | cell |``.
    """

    style: str
    text: str
    cells: tuple[str, ...] = ()
    table_depth: int | None = None
    label: str = ""  # the number Word's list numbering draws before the text ("G3.17", "(a)"), if any

    @property
    def is_table_row(self) -> bool:
        return self.table_depth is not None


def _runs_text(p: etree._Element, drop: str) -> str:
    parts: list[str] = []
    for el in p.iter(w("t"), w("delText"), w("tab"), w("br")):
        if any(a.tag in (drop, w("pPr")) for a in el.iterancestors()):
            continue
        if el.tag == w("br"):
            parts.append("" if el.get(w("type")) in ("page", "column") else "\n")
        else:
            parts.append("\t" if el.tag == w("tab") else (el.text or ""))
    return "".join(parts)


def _bounded_int(value: str | None, default: int) -> int:
    """An integer attribute, bounded: a crafted huge number never reaches arithmetic or string building."""
    if value is None or not value.lstrip("-").isdigit() or len(value) > 12:
        return default
    return max(-MAX_NUMBER, min(MAX_NUMBER, int(value)))


def side_paragraphs(docx: str | Path | bytes, side: Side) -> list[Para]:
    """The body's paragraphs with every change accepted ("new") or rejected ("old"); a table gives one
    ``Para`` per row.

    A paragraph mark that is inserted (on the old side) or deleted (on the new side) does not end its
    paragraph there: the text runs on into the next paragraph, as Word and LibreOffice join them.  A
    paragraph left with no text by that is dropped.
    """
    root = read_part(docx)
    numbering = document_numbering(docx)
    body = root.find(w("body"))
    drop = w("del") if side == "new" else w("ins")
    keep = w("ins") if side == "new" else w("del")
    out: list[Para] = []
    pending: list[str] = []
    style, label = "", ""
    for block in body if body is not None else ():
        if block.tag == w("tbl"):
            ind = block.find(f"{w('tblPr')}/{w('tblInd')}")
            depth = table_depth(_bounded_int(ind.get(w("w")), 0)) if ind is not None else 1
            for tr in block.iter(w("tr")):
                cells = [" ".join(_runs_text(p, drop) for p in tc.iter(w("p"))).strip() for tc in tr.iter(w("tc"))]
                out.append(Para("", "| " + " | ".join(cells) + " |", tuple(cells), depth))
            continue
        if block.tag != w("p"):
            continue
        ppr = block.find(w("pPr"))
        mark = ppr.find(w("rPr")) if ppr is not None else None
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        if not pending:
            style = pstyle.get(w("val"), "") if pstyle is not None else ""
            label = numbering.label(block, style)
        pending.append(_runs_text(block, drop))
        if mark is not None and mark.find(drop) is not None:
            continue  # this paragraph's end is not there on this side
        text = "".join(pending)
        pending = []
        if text or mark is None or mark.find(keep) is None:
            out.append(Para(style, text, label=label))
    if pending and "".join(pending):
        out.append(Para(style, "".join(pending), label=label))
    return out


def document_numbering(docx: str | Path | bytes) -> Numbering:
    """The document's lists (from ``word/numbering.xml`` and the styles), ready to count paragraphs."""
    parts: list[etree._Element | None] = []
    for name in ("word/numbering.xml", "word/styles.xml"):
        try:
            parts.append(read_part(docx, name))
        except KeyError:
            parts.append(None)
    return Numbering(parts[0], parts[1])


def paragraph_texts(docx: str | Path | bytes, side: Side) -> list[str]:
    """Text of each body paragraph with all changes accepted ("new") or rejected ("old")."""
    return [" ".join(p.cells) if p.cells else p.text for p in side_paragraphs(docx, side)]
