"""The one corner that speaks OOXML: runs, tracked changes (w:ins, w:del, w:delText),
paragraph-mark revisions, deterministic packaging, and reading revisions back.

python-docx's ``Paragraph.text`` drops text inside ``w:ins``/``w:del``; use
``paragraph_texts`` here to read either side of a redline.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_PART_BYTES = 64 * 1024 * 1024
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``w('ins')``."""
    return f"{{{W_NS}}}{tag}"


def safe_parser() -> etree.XMLParser:
    """An XML parser for documents from outside: no entities, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


class RevisionIds:
    """Hands out unique ``w:id`` values for one document."""

    def __init__(self, start: int = 1):
        self._next = start

    def take(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


@dataclass(frozen=True)
class RunStyle:
    bold: bool = False
    italic: bool = False
    underline: str | None = None  # e.g. "single", "double"
    strike: bool = False
    color: str | None = None  # hex, e.g. "1F4E79"


def _rpr(style: RunStyle | None) -> etree._Element | None:
    if style is None or style == RunStyle():
        return None
    rpr = etree.Element(w("rPr"))
    # Children in the order CT_RPr requires.
    if style.bold:
        etree.SubElement(rpr, w("b"))
    if style.italic:
        etree.SubElement(rpr, w("i"))
    if style.strike:
        etree.SubElement(rpr, w("strike"))
    if style.color:
        etree.SubElement(rpr, w("color")).set(w("val"), style.color)
    if style.underline:
        etree.SubElement(rpr, w("u")).set(w("val"), style.underline)
    return rpr


def make_run(text: str, style: RunStyle | None = None, deleted: bool = False) -> etree._Element:
    """A ``w:r`` holding ``text`` (tabs become ``w:tab``); ``deleted`` uses ``w:delText``."""
    r = etree.Element(w("r"))
    rpr = _rpr(style)
    if rpr is not None:
        r.append(rpr)
    tag = w("delText") if deleted else w("t")
    for i, piece in enumerate(text.split("\t")):
        if i:
            etree.SubElement(r, w("tab"))
        if piece:
            t = etree.SubElement(r, tag)
            t.text = piece
            if piece != piece.strip():
                t.set(f"{{{XML_NS}}}space", "preserve")
    return r


def make_revision(kind: Literal["ins", "del"], ids: RevisionIds, author: str, date: str) -> etree._Element:
    """An empty ``w:ins`` or ``w:del`` with a unique id, the author and the date."""
    el = etree.Element(w(kind))
    el.set(w("id"), ids.take())
    el.set(w("author"), author)
    el.set(w("date"), date)
    return el


def tracked_run(kind: Literal["ins", "del"], text: str, ids: RevisionIds, author: str, date: str,
                style: RunStyle | None = None) -> etree._Element:
    """``text`` wrapped as a tracked insertion or deletion."""
    rev = make_revision(kind, ids, author, date)
    rev.append(make_run(text, style, deleted=(kind == "del")))
    return rev


def mark_paragraph(p: etree._Element, kind: Literal["ins", "del"], ids: RevisionIds, author: str, date: str) -> None:
    """Mark a paragraph's own mark as inserted or deleted, so a whole paragraph comes or goes."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        # rPr sits after the other paragraph properties but before sectPr / pPrChange.
        anchor = ppr.find(w("sectPr"))
        if anchor is None:
            anchor = ppr.find(w("pPrChange"))
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, make_revision(kind, ids, author, date))


def normalise_package(data: bytes) -> bytes:
    """Rewrite a zip package with fixed timestamps and attributes, so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        # [Content_Types].xml first, as Office writes it; the rest in a stable order.
        names.sort(key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()


def unpacked_size(docx: str | Path | bytes) -> int:
    """The bytes a .docx unpacks to (zipfile.BadZipFile when it is not a zip package)."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as z:
        return sum(i.file_size for i in z.infolist())


def read_part(docx: str | Path | bytes, part: str = "word/document.xml") -> etree._Element:
    """Parse one part of a .docx with the safe parser and a size limit."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as z:
        info = z.getinfo(part)
        if info.file_size > MAX_PART_BYTES:
            raise ValueError(f"{part} is larger than {MAX_PART_BYTES // (1024 * 1024)} MB")
        return etree.fromstring(z.read(part), safe_parser())


@dataclass(frozen=True)
class Revision:
    kind: Literal["ins", "del"]
    author: str
    date: str
    text: str
    paragraph_mark: bool = False


def read_revisions(docx: str | Path | bytes) -> list[Revision]:
    """Every tracked insertion and deletion in the main document, in order."""
    root = read_part(docx)
    out = []
    for el in root.iter(w("ins"), w("del")):
        kind = "ins" if el.tag == w("ins") else "del"
        in_mark = el.getparent() is not None and el.getparent().tag == w("rPr")
        text = "".join(t.text or "" for t in el.iter(w("t"), w("delText")))
        out.append(Revision(kind, el.get(w("author"), ""), el.get(w("date"), ""), text, in_mark))
    return out


@dataclass(frozen=True)
class Para:
    """A body paragraph as one side of its revisions reads it: its style id and text."""

    style: str
    text: str
    cells: tuple[str, ...] = ()  # a table row's cells


def _runs_text(p: etree._Element, drop: str) -> str:
    parts = []
    for el in p.iter(w("t"), w("delText"), w("tab"), w("br")):
        if any(a.tag in (drop, w("pPr")) for a in el.iterancestors()):
            continue
        if el.tag == w("br"):
            parts.append("" if el.get(w("type")) in ("page", "column") else "\n")
        else:
            parts.append("\t" if el.tag == w("tab") else (el.text or ""))
    return "".join(parts)


def side_paragraphs(docx: str | Path | bytes, side: Literal["new", "old"]) -> list[Para]:
    """The body's paragraphs with every change accepted ("new") or rejected ("old"); a table gives one
    ``Para`` per row, styled ``table:N`` (N its indent level) with the text ``| cell | cell |``.

    A paragraph mark that is inserted (on the old side) or deleted (on the new side) does not end its
    paragraph there: the text runs on into the next paragraph, as Word and LibreOffice join them.  A
    paragraph left with no text by that is dropped.
    """
    root = read_part(docx)
    body = root.find(w("body"))
    drop = w("del") if side == "new" else w("ins")
    keep = w("ins") if side == "new" else w("del")
    out: list[Para] = []
    pending: list[str] = []
    style = ""
    for block in body if body is not None else ():
        if block.tag == w("tbl"):
            ind = block.find(f"{w('tblPr')}/{w('tblInd')}")
            level = max(0, round((int(ind.get(w("w"), "992")) - 992) / 709)) if ind is not None else 1
            for tr in block.iter(w("tr")):
                cells = [" ".join(_runs_text(p, drop) for p in tc.iter(w("p"))).strip() for tc in tr.iter(w("tc"))]
                out.append(Para(f"table:{level}", "| " + " | ".join(cells) + " |", tuple(cells)))
            continue
        if block.tag != w("p"):
            continue
        ppr = block.find(w("pPr"))
        mark = ppr.find(w("rPr")) if ppr is not None else None
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        if not pending:
            style = pstyle.get(w("val"), "") if pstyle is not None else ""
        pending.append(_runs_text(block, drop))
        if mark is not None and mark.find(drop) is not None:
            continue  # this paragraph's end is not there on this side
        text = "".join(pending)
        pending = []
        if text or mark is None or mark.find(keep) is None:
            out.append(Para(style, text))
    if pending and "".join(pending):
        out.append(Para(style, "".join(pending)))
    return out


def paragraph_texts(docx: str | Path | bytes, side: Literal["new", "old"]) -> list[str]:
    """Text of each body paragraph with all changes accepted ("new") or rejected ("old")."""
    return [" ".join(p.cells) if p.cells else p.text for p in side_paragraphs(docx, side)]
