"""Reading WordprocessingML back: paragraphs on either side of their tracked changes, revisions, style names.

python-docx's ``Paragraph.text`` drops text inside ``w:ins``/``w:del``; ``side_paragraphs`` reads either
side of a redline.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from lxml import etree

from ..model import NOTE_DIGITS
from .names import bounded_int, table_depth, w
from .numbering import NUMPR, Numbering, drawn, format_number
from .package import read_part

Side = Literal["new", "old"]
MarkStyle = Literal["tracked", "visual", "auto"]  # how a redline marks its changes: revisions, formatting, or either


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


class Para(NamedTuple):
    """A body paragraph as one side of its revisions reads it: its style id and text.

    A table row is a ``Para`` too: ``table_depth`` is the clause depth its indent stands for and
    ``cells`` its cells' text; ``text`` is then ``| cell | cell |``.  (A named tuple: one is made for every
    paragraph of a document that may have a hundred thousand.)
    """

    style: str
    text: str
    cells: tuple[str, ...] = ()
    table_depth: int | None = None
    label: str = ""  # the number Word's list numbering draws before the text ("G3.17", "(a)"), if any
    notes: tuple[tuple[str, str], ...] = ()  # (marker, text) of each footnote or endnote the paragraph refers to
    pictures: int = 0  # pictures (drawings without a text box) it holds: they have no words to read

    @property
    def is_table_row(self) -> bool:
        return self.table_depth is not None


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Never text of the paragraph they sit in: paragraph and run properties (a paragraph mark's revision lives
# there), the fallback copy of alternate content, text boxes (read as paragraphs of their own), and field
# instructions (a field reads as its result).
# A ruby's guide text (w:rt: the reading set small above its base) is not read either: the base is the text.
_NOT_TEXT = {
    w("pPr"),
    w("rPr"),
    f"{{{MC}}}Fallback",
    w("txbxContent"),
    w("instrText"),
    w("delInstrText"),
    w("rt"),
    w("sdtPr"),
    w("sdtEndPr"),
}
VISUAL_INSERTED, VISUAL_DELETED = "visual:inserted", "visual:deleted"  # words marked by formatting only
_INSERTED = {w("ins"), w("moveTo")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TXBX = w("txbxContent")
_T, _TAB, _BR, _CR, _PPR, _TYPE = w("t"), w("tab"), w("br"), w("cr"), w("pPr"), w("type")
_NOTHING: frozenset[str] = frozenset()
_RPR, _PSTYLE, _FRAMEPR, _VAL, _DROPCAP = w("rPr"), w("pStyle"), w("framePr"), w("val"), w("dropCap")
_FOOTNOTE_REF, _ENDNOTE_REF = w("footnoteReference"), w("endnoteReference")
# What the fast path cannot read: revisions, text the paragraph does not show, and characters needing care.
_SPECIAL = (
    w("ins"),
    w("del"),
    w("moveFrom"),
    w("moveTo"),
    w("delText"),
    w("txbxContent"),
    w("instrText"),
    w("delInstrText"),
    w("sym"),
    w("noBreakHyphen"),
    w("softHyphen"),
    w("ptab"),
    w("rt"),
    w("drawing"),  # a picture or a text box: the full walk looks at it (``_pictures``)
    w("pict"),
    f"{{{MC}}}AlternateContent",
    _FOOTNOTE_REF,
    _ENDNOTE_REF,
)
_SPECIAL_SET = frozenset(_SPECIAL)
_PAGE_BREAK = "\x00"  # stands for a page or column break until the paragraph's ends are known
_DELETED = {w("del"), w("moveFrom")}
_MOVE_FROM, _INS = w("moveFrom"), w("ins")
W16SE = "http://schemas.microsoft.com/office/word/2015/wordml/symex"
_SYM_EX = f"{{{W16SE}}}symEx"


def _symbol(el: etree._Element) -> str:
    """The character a ``w:sym`` draws in its font (a Symbol or Wingdings bullet as the bullet it shows)."""
    code = el.get(w("char"), "")
    try:
        ch = chr(int(code, 16))
    except ValueError:
        return ""
    return drawn(ch, el.get(w("font"), ""))


def _visual_mark(run: etree._Element) -> str:
    """For a redline marked by formatting: VISUAL_DELETED for struck-through words, VISUAL_INSERTED for
    underlined ones, "" for the rest."""
    rpr = run.find(w("rPr"))
    if rpr is None:
        return ""
    for tag in ("strike", "dstrike"):
        el = rpr.find(w(tag))
        if el is not None and el.get(w("val"), "true") not in ("0", "false", "off"):
            return VISUAL_DELETED
    u = rpr.find(w("u"))
    if u is not None and u.get(w("val"), "single") != "none":
        return VISUAL_INSERTED
    return ""


# A note's number raised, as the reference shows it: digits, and the letters of roman numerals and letter
# formats that have a raised form (Word's endnotes are numbered i, ii, iii by default).
_SUPERSCRIPT = str.maketrans(
    "0123456789abcdefghijklmnoprstuvwxyz",
    NOTE_DIGITS + "\u1d43\u1d47\u1d9c\u1d48\u1d49\u1da0\u1d4d\u02b0\u2071\u02b2\u1d4f\u02e1\u1d50\u207f\u1d52"
    "\u1d56\u02b3\u02e2\u1d57\u1d58\u1d5b\u02b7\u02e3\u02b8\u1dbb",
)
_NOTE_KINDS = {"footnoteReference": "footnote", "endnoteReference": "endnote"}
NOTE_FORMATS = {"footnote": "decimal", "endnote": "lowerRoman"}  # Word's defaults


class Notes:
    """Footnotes and endnotes: the marker each reference shows where it stands (its number in the notes'
    number format, raised, counted in reading order as Word numbers them), and the notes' own text, kept
    apart from the paragraph's."""

    def __init__(self, texts: dict[tuple[str, str], str], formats: dict[str, tuple[str, int]] | None = None) -> None:
        self.texts = texts
        self.formats = formats or {kind: (fmt, 1) for kind, fmt in NOTE_FORMATS.items()}
        self.count = {"footnote": 0, "endnote": 0}
        self.found: list[tuple[str, str]] = []  # (marker, the note's text), in reading order

    def reference(self, kind: str, note_id: str) -> str:
        fmt, start = self.formats.get(kind, ("decimal", 1))
        marker = format_number(self.count[kind] + start, fmt).translate(_SUPERSCRIPT)
        self.count[kind] += 1
        self.found.append((marker, self.texts.get((kind, note_id), "")))
        return marker


def _walk_text(el: etree._Element, drop: set[str], out: list[str], notes: Notes | None = None) -> None:
    visual = VISUAL_DELETED in drop or VISUAL_INSERTED in drop
    for child in el:
        tag = child.tag
        if tag == _MOVE_FROM and tag in drop:
            # Words inserted inside a range moved away stay on the accepted side (Word keeps them there).
            for ins in child.iter(_INS):
                _walk_text(ins, drop, out, notes)
            continue
        if not isinstance(tag, str) or tag in drop or tag in _NOT_TEXT:
            continue
        if visual and tag == w("r") and _visual_mark(child) in drop:
            continue
        if tag in (w("t"), w("delText")):
            text = child.text or ""
            # Without xml:space="preserve", Word and LibreOffice drop the spaces at either end.
            out.append(text if child.get(_XML_SPACE) == "preserve" else text.strip(" \t\n\r"))
        elif tag in (w("tab"), w("ptab")):
            out.append("\t")
        elif tag == w("cr") or (tag == w("br") and child.get(w("type")) not in ("page", "column")):
            out.append("\n")
        elif tag == w("br"):
            out.append(_PAGE_BREAK)
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("softHyphen"):
            continue  # shown only where Word breaks the line there
        elif tag == w("sym"):
            out.append(_symbol(child))
        elif tag == _SYM_EX:  # Word 2016's symbol (an emoji), in alternate content whose fallback is not read
            try:
                out.append(chr(int(child.get(f"{{{W16SE}}}char", ""), 16)))
            except (ValueError, OverflowError):
                continue
        elif tag in (_FOOTNOTE_REF, _ENDNOTE_REF):
            if notes is not None:
                out.append(notes.reference(_NOTE_KINDS[etree.QName(child).localname], child.get(w("id"), "")))
        else:
            _walk_text(child, drop, out, notes)


def _runs_text(p: etree._Element, drop: set[str], notes: Notes | None = None) -> str:
    """The words of paragraph ``p`` on one side of its revisions (``drop``: the revisions not on that side)."""
    return _paragraph_text(p, drop, notes)[0]


def _paragraph_text(p: etree._Element, drop: set[str], notes: Notes | None = None) -> tuple[str, bool]:
    """``_runs_text``, and whether ``p`` is a common paragraph (no revision, field, text box, symbol ...)."""
    out: list[str] = []
    common = not (VISUAL_DELETED in drop or VISUAL_INSERTED in drop)
    if common:
        # The common paragraph (no revision, field, box, symbol ...) in one pass over its elements, which
        # stops at the first that needs the full walk (quicker than asking lxml for several tags at once).
        for child in p:
            if child.tag == _PPR:  # its w:tab elements are tab stops, not tabs; a revision mark needs the walk
                if any(el.tag in _SPECIAL_SET for el in child.iter()):
                    common = False
                    break
                continue
            for el in child.iter():
                tag = el.tag
                if tag == _T:
                    text = el.text or ""
                    out.append(text if el.get(_XML_SPACE) == "preserve" else text.strip(" \t\n\r"))
                elif tag in _SPECIAL_SET:
                    common = False
                    break
                elif tag == _TAB:
                    out.append("\t")
                elif tag == _CR or (tag == _BR and el.get(_TYPE) not in ("page", "column")):
                    out.append("\n")
                elif tag == _BR:
                    out.append(_PAGE_BREAK)
            if not common:
                break
    if not common:
        out = []
        _walk_text(p, drop, out, notes)
    # A page or column break between words keeps them apart; at either end of the paragraph it adds nothing.
    return "".join(out).strip(_PAGE_BREAK).replace(_PAGE_BREAK, "\n"), common


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a body, cell or text box in reading order, through block-level content
    controls (``w:sdt``) and custom XML."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag == w("customXml"):
            yield from _blocks(child)


_DRAWINGS = (w("drawing"), w("pict"))


def _pictures(p: etree._Element) -> int:
    """How many pictures paragraph ``p`` holds: drawings (DrawingML or VML) with no text box in them, whose
    content is an image, a chart or a shape, not words."""
    return sum(1 for d in p.iter(*_DRAWINGS) if next(d.iter(_TXBX), None) is None)


def _text_boxes(p: etree._Element) -> Iterator[etree._Element]:
    """The text boxes anchored in paragraph ``p`` (one copy of each: alternate content's fallback is not read)."""
    if next(p.iter(_TXBX), None) is None:  # most paragraphs hold none: let lxml look, in C
        return
    stack = list(p)
    while stack:
        el = stack.pop(0)
        if not isinstance(el.tag, str) or el.tag == f"{{{MC}}}Fallback":
            continue
        if el.tag == w("txbxContent"):
            yield el
            continue
        stack[:0] = list(el)


def _marks_of(root: etree._Element) -> Literal["tracked", "visual"]:
    """How a redline marks its changes: "tracked" when it has revisions, "visual" when it has none but has
    words struck through or double-underlined (as printed Annex A documents are marked), else "tracked"."""
    for tag in ("ins", "del", "moveFrom", "moveTo"):
        if next(root.iter(w(tag)), None) is not None:
            return "tracked"
    for r in root.iter(w("r")):
        rpr = r.find(w("rPr"))
        if rpr is None:
            continue
        u = rpr.find(w("u"))
        if (
            rpr.find(w("strike")) is not None
            or rpr.find(w("dstrike")) is not None
            or (u is not None and u.get(w("val")) == "double")
        ):
            return "visual"
    return "tracked"


def side_paragraphs(docx: str | Path | bytes, side: Side, marks: MarkStyle = "tracked") -> list[Para]:
    """The body's paragraphs with every change accepted ("new") or rejected ("old"); a table gives one
    ``Para`` per row, a text box its own paragraphs after the paragraph it is anchored in.

    Moved text is read once on each side, where that side shows it.  A paragraph mark that is inserted (on
    the old side) or deleted (on the new side) does not end its paragraph there: the text runs on into the
    next paragraph, as Word and LibreOffice join them; a drop cap runs on into its paragraph the same way.
    A paragraph left with no text by that is dropped, and so is a table row inserted or deleted on the
    other side.
    """
    root = read_part(docx)
    chosen = _marks_of(root) if marks == "auto" else marks
    reader = _SideReader(document_numbering(docx), side, chosen == "visual", document_notes(docx, side, root))
    for body in root.iterchildren(w("body")):  # one, but a damaged file may hold more: each is read, in order
        reader.container(body)
    return reader.finish()


class _SideReader:
    def __init__(self, numbering: Numbering, side: Side, visual: bool = False, notes: Notes | None = None) -> None:
        self.numbering = numbering
        self.notes = notes or Notes({})
        self.note_start = 0
        self.drop = _DELETED if side == "new" else _INSERTED
        self.keep = _INSERTED if side == "new" else _DELETED
        if visual:  # formatting marks the changes: struck words are not on the new side, underlined not on the old
            self.drop = self.drop | {VISUAL_DELETED if side == "new" else VISUAL_INSERTED}
        self.out: list[Para] = []
        self.pending: list[str] = []
        self.style, self.label = "", ""
        # The paragraph whose properties a paragraph joined on this side takes (see ``paragraph``), and whether
        # it keeps words there (a drop cap's letter does not count).
        self.owner: tuple[etree._Element, str, etree._Element | None] | None = None
        self.owner_words = False

    def container(self, el: etree._Element) -> None:
        for block in _blocks(el):
            if block.tag == w("tbl"):
                self.table(block)
            else:
                self.paragraph(block)

    def table(self, tbl: etree._Element) -> None:
        ind = tbl.find(f"{w('tblPr')}/{w('tblInd')}")
        depth = table_depth(bounded_int(ind.get(w("w")), 0)) if ind is not None else 1
        start = len(self.notes.found)
        for tr in _through_controls(tbl, _TR):
            trpr = tr.find(w("trPr"))
            if trpr is not None and any(trpr.find(t) is not None for t in self.drop):
                continue  # a row this side does not have
            cells = [self.cell(tc) for tc in _through_controls(tr, _TC)]
            notes = tuple(self.notes.found[start:])
            start = len(self.notes.found)
            self.out.append(Para("", "| " + " | ".join(cells) + " |", tuple(cells), depth, notes=notes))

    def cell(self, tc: etree._Element) -> str:
        """A cell's words: its paragraphs' (each with its list label), the rows of a table inside it."""
        words = []
        for block in _blocks(tc):
            if block.tag == w("p"):
                ppr = block.find(_PPR)  # a paragraph without properties is in no list
                style = ppr.find(_PSTYLE) if ppr is not None else None
                label = (
                    "" if ppr is None else self.numbering.label(block, style.get(_VAL, "") if style is not None else "")
                )
                text = _runs_text(block, self.drop, self.notes)
                words.append(f"{label} {text}" if label else text)
            else:
                for tr in _through_controls(block, _TR):
                    words += [self.cell(inner) for inner in _through_controls(tr, _TC)]
        return " ".join(words).strip()

    def paragraph(self, p: etree._Element) -> None:
        # The paragraph's properties by tag, in one pass (quicker than a find() each): w:pPr is its first
        # child where the schema puts it, else looked for.
        ppr = None
        for child in p:
            ppr = child if child.tag == _PPR else None
            break
        if ppr is None and len(p) > 1:
            ppr = next(p.iterchildren(_PPR), None)
        props: dict[object, etree._Element] = {}
        for c in ppr if ppr is not None else ():
            props.setdefault(c.tag, c)  # the first of a kind, as find() gives
        mark, pstyle, frame = props.get(_RPR), props.get(_PSTYLE), props.get(_FRAMEPR)
        joined = bool(self.pending)  # this paragraph goes on from the one before (its mark not on this side)
        if not joined:
            self.note_start = len(self.notes.found)
        text, common = _paragraph_text(p, self.drop, self.notes)
        self.pending.append(text)
        drop_cap = frame is not None and frame.get(_DROPCAP, "none") in ("drop", "margin")
        style, numpr = pstyle.get(_VAL, "") if pstyle is not None else "", props.get(NUMPR)
        # Paragraphs joined on this side (a mark deleted, or inserted on the old side) are one paragraph with the
        # style and list label of the first of them that keeps words here, as LibreOffice accepts and rejects
        # such a change (and as Word has joined paragraphs since Word 97): a paragraph whose words and mark are
        # all deleted leaves no trace; with none keeping words, the last decides.  Only that one is counted in
        # its list.
        if joined and not self.owner_words:
            self.owner, self.owner_words = (p, style, numpr), bool(text) and not drop_cap
        marked = {c.tag for c in mark} if mark is not None and len(mark) else _NOTHING
        if not (marked & self.drop or drop_cap):  # else this paragraph's end is not there on this side
            owner = p
            if joined and self.owner is not None:
                owner, style, numpr = self.owner
            self.style = style
            self.label = self.numbering.label(owner, style, numpr)
            text = "".join(self.pending)
            self.pending = []
            pictures = 0 if common else _pictures(p)
            if text or pictures or not marked & self.keep:
                self.out.append(Para(self.style, text, label=self.label, notes=self._notes(), pictures=pictures))
        elif not joined:  # the first of paragraphs joined on this side
            self.owner, self.owner_words = (p, style, numpr), bool(text) and not drop_cap
        for box in () if common else _text_boxes(p):  # a common paragraph holds no text box
            saved = (self.pending, self.style, self.label, self.note_start, self.owner, self.owner_words)
            self.pending = []
            self.container(box)
            self.finish_pending()
            self.pending, self.style, self.label, self.note_start, self.owner, self.owner_words = saved

    def _notes(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.notes.found[self.note_start :])

    def finish_pending(self) -> None:
        if self.pending and "".join(self.pending) and self.owner is not None:
            p, self.style, numpr = self.owner
            self.label = self.numbering.label(p, self.style, numpr)
            self.out.append(Para(self.style, "".join(self.pending), label=self.label, notes=self._notes()))
        self.pending = []

    def finish(self) -> list[Para]:
        self.finish_pending()
        return self.out


_TR, _TC = w("tr"), w("tc")


def _through_controls(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` children of a table or row (its rows, a row's cells), through the content controls and
    custom XML around them (a cover page's cells sit in content controls)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _through_controls(content, tag)
        elif child.tag == w("customXml"):
            yield from _through_controls(child, tag)


def document_notes(docx: str | Path | bytes, side: Side, root: etree._Element | None = None) -> Notes:
    """The text of every footnote and endnote, on one side of its own revisions, by (kind, id); ``root``: the
    main part, when the caller has read it."""
    drop = _DELETED if side == "new" else _INSERTED
    texts: dict[tuple[str, str], str] = {}
    for kind, part in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
        try:
            notes_root = read_part(docx, part)
        except KeyError:
            continue
        for note in notes_root.iter(w(kind)):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            words = " ".join(_runs_text(p, drop) for p in note.iter(w("p")))
            texts[(kind, note.get(w("id"), ""))] = " ".join(words.split())
    return Notes(texts, _note_formats(docx, root))


def _note_formats(docx: str | Path | bytes, root: etree._Element | None) -> dict[str, tuple[str, int]]:
    """The number format and start of footnotes and endnotes: Word's defaults (1, 2, 3 and i, ii, iii), the
    document's settings, and the last section's own (``w:footnotePr``, ``w:endnotePr``)."""
    formats = {kind: (fmt, 1) for kind, fmt in NOTE_FORMATS.items()}
    places: list[etree._Element] = []
    with contextlib.suppress(KeyError):  # no settings part: Word's defaults
        places.append(read_part(docx, "word/settings.xml"))
    body = (root if root is not None else read_part(docx)).find(w("body"))
    # The last section's properties: the body's last child (CT_Body), found without scanning its paragraphs.
    if body is not None and len(body) and body[-1].tag == w("sectPr"):
        places.append(body[-1])
    for place in places:
        for kind in formats:
            pr = place.find(w(f"{kind}Pr"))
            if pr is None:
                continue
            fmt, start = formats[kind]
            if (el := pr.find(w("numFmt"))) is not None:
                fmt = el.get(w("val"), fmt)
            if (el := pr.find(w("numStart"))) is not None:
                start = bounded_int(el.get(w("val")), start, 0, 10**6)
            formats[kind] = (fmt, start)
    return formats


def document_numbering(docx: str | Path | bytes) -> Numbering:
    """The document's lists (from ``word/numbering.xml`` and the styles), ready to count paragraphs."""
    parts: list[etree._Element | None] = []
    for name in ("word/numbering.xml", "word/styles.xml"):
        try:
            parts.append(read_part(docx, name))
        except KeyError:
            parts.append(None)
    return Numbering(parts[0], parts[1])


def paragraph_texts(docx: str | Path | bytes, side: Side, marks: MarkStyle = "tracked") -> list[str]:
    """Text of each body paragraph with all changes accepted ("new") or rejected ("old")."""
    return [" ".join(p.cells) if p.cells else p.text for p in side_paragraphs(docx, side, marks)]
