"""Building WordprocessingML: runs, tracked changes (w:ins, w:del, w:delText), paragraph-mark revisions,
paragraphs, tables, page breaks and page-number fields.  Elements come back detached; the caller places
them (see ``package.WordPackage``)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from ..model import NOTE_DIGITS
from .names import TABLE_WIDTH, W_NS, XML_NS, table_indent, w

RevisionKind = Literal["ins", "del", "moveFrom", "moveTo"]  # a move is a deletion and an insertion, paired


class RevisionIds:
    """Hands out unique ``w:id`` values for one document."""

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def take(self) -> str:
        """The next unused id."""
        value = self._next
        self._next += 1
        return str(value)


@dataclass(frozen=True)
class RunStyle:
    """Direct formatting of a run."""

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


_R, _T, _DEL_TEXT, _TAB, _P, _PPR, _PSTYLE, _VAL = (
    w(x) for x in ("r", "t", "delText", "tab", "p", "pPr", "pStyle", "val")
)
_SPACE = f"{{{XML_NS}}}space"


def make_run(text: str, style: RunStyle | None = None, deleted: bool = False) -> etree._Element:
    """A ``w:r`` holding ``text`` (tabs become ``w:tab``); ``deleted`` uses ``w:delText``."""
    r = etree.Element(_R)
    if style is not None:
        rpr = _rpr(style)
        if rpr is not None:
            r.append(rpr)
    tag = _DEL_TEXT if deleted else _T
    for i, piece in enumerate(text.split("\t") if "\t" in text else (text,)):
        if i:
            etree.SubElement(r, _TAB)
        if piece:
            t = etree.SubElement(r, tag)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_SPACE, "preserve")
    return r


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str) -> str:
    """What ``make_run(text)`` builds (no formatting, not deleted), as WordprocessingML text."""
    if "\t" not in text:
        return f"<w:r>{_text_xml(text)}</w:r>" if text else "<w:r/>"
    return "<w:r>" + "<w:tab/>".join(_text_xml(piece) for piece in text.split("\t")) + "</w:r>"


def _text_xml(piece: str) -> str:
    if not piece:
        return ""
    piece_xml = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if piece[0].isspace() or piece[-1].isspace():
        return f'<w:t xml:space="preserve">{piece_xml}</w:t>'
    return f"<w:t>{piece_xml}</w:t>"


def paragraph_xml(style_id: str, text: str, label: str | None = None, keep_next: bool = False) -> str:
    """What ``make_paragraph(style_id, [make_run(text)])`` builds, as WordprocessingML text; with ``label``,
    the run is ``label``, a tab, then ``text`` (a numbered provision's one run); ``keep_next``: as
    ``keep_with_next`` makes it."""
    if label is not None and "\t" not in label and "\t" not in text:
        run = f"<w:r>{_text_xml(label)}<w:tab/>{_text_xml(text)}</w:r>"
    else:
        full = text if label is None else f"{label}\t{text}"
        run = run_xml(full) if full else ""
    keep = "<w:keepNext/>" if keep_next else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{_escape(style_id)}"/>{keep}</w:pPr>{run}</w:p>'


def make_revision(kind: RevisionKind, ids: RevisionIds, author: str, date: str) -> etree._Element:
    """An empty ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo`` with a unique id, the author and the date."""
    el = etree.Element(w(kind))
    el.set(w("id"), ids.take())
    el.set(w("author"), author)
    el.set(w("date"), date)
    return el


def tracked_run(
    kind: RevisionKind, text: str, ids: RevisionIds, author: str, date: str, style: RunStyle | None = None
) -> etree._Element:
    """``text`` wrapped as a tracked insertion or deletion."""
    rev = make_revision(kind, ids, author, date)
    rev.append(make_run(text, style, deleted=kind in ("del", "moveFrom")))
    return rev


def move_range(
    kind: Literal["moveFrom", "moveTo"], name: str, ids: RevisionIds, author: str, date: str
) -> tuple[etree._Element, etree._Element]:
    """The ``w:moveFromRangeStart``/``End`` (or ``moveTo``) pair that names one side of a move; Word pairs
    the two sides by ``name``."""
    start = etree.Element(w(f"{kind}RangeStart"))
    rid = ids.take()
    start.set(w("id"), rid)
    start.set(w("name"), name)
    start.set(w("author"), author)
    start.set(w("date"), date)
    end = etree.Element(w(f"{kind}RangeEnd"))
    end.set(w("id"), rid)
    return start, end


def mark_paragraph(p: etree._Element, kind: RevisionKind, ids: RevisionIds, author: str, date: str) -> None:
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


def make_paragraph(style_id: str, runs: Iterable[etree._Element] = ()) -> etree._Element:
    """A ``w:p`` in paragraph style ``style_id`` holding ``runs`` (runs or tracked runs)."""
    p = etree.Element(_P)
    ppr = etree.SubElement(p, _PPR)
    etree.SubElement(ppr, _PSTYLE).set(_VAL, style_id)
    for run in runs:
        p.append(run)
    return p


def is_paragraph(el: etree._Element | None) -> bool:
    """True for a ``w:p``."""
    return el is not None and el.tag == w("p")


def add_page_break(p: etree._Element) -> None:
    """End paragraph ``p`` with a page break."""
    etree.SubElement(etree.SubElement(p, w("r")), w("br")).set(w("type"), "page")


def make_table(
    rows: Sequence[Sequence[etree._Element]],
    depth: int,
    style_id: str | None = None,
    row_marks: Sequence[etree._Element | None] = (),
) -> etree._Element:
    """A ``w:tbl`` whose cells hold the given paragraphs (one a cell), indented as a clause at ``depth``;
    ``row_marks``: for each row, an empty ``w:ins`` or ``w:del`` (``make_revision``) marking the whole row
    inserted or deleted, or None."""
    ncols = max((len(r) for r in rows), default=1) or 1
    width = TABLE_WIDTH // ncols
    tbl = etree.Element(w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    if style_id:
        etree.SubElement(tblpr, w("tblStyle")).set(w("val"), style_id)
    tblw = etree.SubElement(tblpr, w("tblW"))
    tblw.set(w("w"), str(width * ncols))
    tblw.set(w("type"), "dxa")
    ind = etree.SubElement(tblpr, w("tblInd"))
    ind.set(w("w"), str(table_indent(depth)))
    ind.set(w("type"), "dxa")
    grid = etree.SubElement(tbl, w("tblGrid"))
    for _ in range(ncols):
        etree.SubElement(grid, w("gridCol")).set(w("w"), str(width))
    for k, row in enumerate(rows):
        tr = etree.SubElement(tbl, w("tr"))
        mark = row_marks[k] if k < len(row_marks) else None
        if mark is not None:
            etree.SubElement(tr, w("trPr")).append(mark)
        for j in range(ncols):
            tc = etree.SubElement(tr, w("tc"))
            tcw = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
            tcw.set(w("w"), str(width))
            tcw.set(w("type"), "dxa")
            tc.append(row[j] if j < len(row) else make_paragraph("Normal"))
        if k == 0 and len(rows) > 1:
            mark_header_row(tr)
    return tbl


def keep_with_next(p: etree._Element) -> None:
    """Keep paragraph ``p`` on the page of the paragraph (or table row) after it: ``w:keepNext``, placed where
    the schema puts it in ``w:pPr`` (after the style)."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    if ppr.find(w("keepNext")) is not None:
        return
    style = ppr.find(_PSTYLE)
    if style is not None:
        style.addnext(etree.Element(w("keepNext")))
    else:
        ppr.insert(0, etree.Element(w("keepNext")))


def _row_property(tr: etree._Element, name: str) -> None:
    """Switch on the row property ``name`` (``cantSplit``, ``tblHeader``) of row ``tr``: in its ``w:trPr``
    (made first in the row, after any ``w:tblPrEx``), before the row's revision marks."""
    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        ex = tr.find(w("tblPrEx"))
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    if trpr.find(w(name)) is not None:
        return
    mark = next((e for e in trpr if e.tag in (w("ins"), w("del"), w("trPrChange"))), None)
    if mark is not None:
        mark.addprevious(etree.Element(w(name)))
    else:
        trpr.append(etree.Element(w(name)))


def keep_row_whole(tr: etree._Element) -> None:
    """Never split table row ``tr`` across two pages (``w:cantSplit``)."""
    _row_property(tr, "cantSplit")


def mark_header_row(tr: etree._Element) -> None:
    """Make ``tr`` its table's header row: repeated at the top of every page the table runs onto
    (``w:tblHeader``), never split (``w:cantSplit``), and kept on the page of the row after it (``w:keepNext``
    on its paragraphs), so that no page ends with a table's header and nothing under it."""
    keep_row_whole(tr)
    _row_property(tr, "tblHeader")
    for p in tr.iter(_P):
        keep_with_next(p)


HEADER_ROW_PR = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"  # what mark_header_row gives a plain row


def table_xml(rows: Sequence[Sequence[str]], depth: int, style_id: str | None, cell_style_id: str) -> str:
    """What ``make_table`` builds for cells of plain text (each a paragraph in ``cell_style_id``), as
    WordprocessingML text: its first row the header row (``mark_header_row``) when more follow."""
    ncols = max((len(r) for r in rows), default=1) or 1
    width = TABLE_WIDTH // ncols
    style = f'<w:tblStyle w:val="{_escape(style_id)}"/>' if style_id else ""
    out = [
        f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{width * ncols}" w:type="dxa"/>'
        f'<w:tblInd w:w="{table_indent(depth)}" w:type="dxa"/></w:tblPr><w:tblGrid>',
        f'<w:gridCol w:w="{width}"/>' * ncols,
        "</w:tblGrid>",
    ]
    cell_pr = f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
    for k, row in enumerate(rows):
        header = k == 0 and len(rows) > 1
        out.append("<w:tr>" + (HEADER_ROW_PR if header else ""))
        for j in range(ncols):
            style, text = (cell_style_id, row[j]) if j < len(row) else ("Normal", "")
            out.append(f"{cell_pr}{paragraph_xml(style, text, keep_next=header)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def append_page_number(p: etree._Element) -> None:
    """Append "Page N of M" to paragraph ``p``, N and M as PAGE and NUMPAGES fields."""
    p.append(make_run("Page "))
    for instr in ("PAGE", "NUMPAGES"):
        fld = etree.SubElement(p, w("fldSimple"))
        fld.set(w("instr"), f" {instr} ")
        fld.append(make_run("1"))
        if instr == "PAGE":
            p.append(make_run(" of "))


def shade_cell(tc: etree._Element, fill: str, border: str | None = None, border_eighths: int = 12) -> None:
    """Give a table cell (``w:tc``) a background colour (``fill``, e.g. "FBE7E7") and, with ``border`` (a
    colour), a single border of ``border_eighths`` eighths of a point on every side; each placed where the
    schema puts it in ``w:tcPr`` (after the width and spans, borders before shading)."""
    tcpr = tc.find(w("tcPr"))
    if tcpr is None:
        tcpr = etree.Element(w("tcPr"))
        tc.insert(0, tcpr)
    if border is not None:
        borders = etree.Element(w("tcBorders"))
        for side in ("top", "left", "bottom", "right"):
            edge = etree.SubElement(borders, w(side))
            edge.set(w("val"), "single")
            edge.set(w("sz"), str(border_eighths))
            edge.set(w("space"), "0")
            edge.set(w("color"), border)
        _place_in_tcpr(tcpr, borders, ("shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"))
    shd = etree.Element(w("shd"))
    shd.set(w("val"), "clear")
    shd.set(w("color"), "auto")
    shd.set(w("fill"), fill)
    _place_in_tcpr(tcpr, shd, ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"))


def _place_in_tcpr(tcpr: etree._Element, el: etree._Element, followers: Sequence[str]) -> None:
    """Put ``el`` in ``tcpr`` before the first of the elements the schema puts after it (``followers``)."""
    after = next((e for e in (tcpr.find(w(t)) for t in followers) if e is not None), None)
    if after is not None:
        after.addprevious(el)
    else:
        tcpr.append(el)


# Footnotes ------------------------------------------------------------------------------------------

# The notes Word itself keeps in every footnotes part: the line above the notes, and its continuation.
SEPARATOR_NOTES = ("separator", "continuationSeparator", "continuationNotice")


def _note_mark(tag: str, ref_style_id: str | None, note_id: str | None = None) -> etree._Element:
    """A run holding a footnote mark (``footnoteReference`` in the text, ``footnoteRef`` in the note), raised
    by the reference style when the document has one, else by direct formatting."""
    r = etree.Element(w("r"))
    rpr = etree.SubElement(r, w("rPr"))
    if ref_style_id:
        etree.SubElement(rpr, w("rStyle")).set(w("val"), ref_style_id)
    else:
        etree.SubElement(rpr, w("vertAlign")).set(w("val"), "superscript")
    mark = etree.SubElement(r, w(tag))
    if note_id is not None:
        mark.set(w("id"), note_id)
    return r


def footnote_reference(note_id: str, ref_style_id: str | None) -> etree._Element:
    """The run that refers to footnote ``note_id`` where it stands in the text (Word numbers it)."""
    return _note_mark("footnoteReference", ref_style_id, note_id)


def make_footnotes() -> etree._Element:
    """An empty ``w:footnotes`` part: the separator and continuation separator Word draws above the notes."""
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS})
    for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")):
        note = etree.SubElement(root, w("footnote"))
        note.set(w("type"), kind)
        note.set(w("id"), note_id)
        p = etree.SubElement(note, w("p"))
        spacing = etree.SubElement(etree.SubElement(p, w("pPr")), w("spacing"))
        spacing.set(w("after"), "0")
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
        etree.SubElement(etree.SubElement(p, w("r")), w(kind))
    return root


def make_footnote(
    note_id: str, paragraphs: Sequence[Sequence[etree._Element]], text_style_id: str | None, ref_style_id: str | None
) -> etree._Element:
    """A ``w:footnote``: its paragraphs of runs, the first opening with the note's own number and a space."""
    note = etree.Element(w("footnote"))
    note.set(w("id"), note_id)
    for i, runs in enumerate(paragraphs or [[]]):
        p = etree.SubElement(note, w("p"))
        if text_style_id:
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle")).set(w("val"), text_style_id)
        if i == 0:
            p.append(_note_mark("footnoteRef", ref_style_id))
            p.append(make_run(" "))
        for run in runs:
            p.append(run)
    return note


def _text_element(tag: str, text: str) -> etree._Element:
    t = etree.Element(tag)
    t.text = text
    if text[0].isspace() or text[-1].isspace():
        t.set(_SPACE, "preserve")
    return t


def place_note_references(
    p: etree._Element, notes: Mapping[str, str], reference: Callable[[str], etree._Element]
) -> int:
    """Each marker of ``notes`` (superscript digits, "¹", "¹²": how the reader keeps a footnote's place in the
    words) standing in the text of paragraph ``p`` replaced by the run ``reference(the note's text)`` gives
    (a Word footnote reference); a run is cut around it, keeping its formatting, inside a tracked change too.
    Returns how many were placed."""
    if not notes:
        return 0
    markers = sorted(notes, key=len, reverse=True)
    digits = re.escape(NOTE_DIGITS)
    pattern = re.compile(f"(?<![{digits}])(?:{'|'.join(map(re.escape, markers))})(?![{digits}])")
    placed = 0
    for r in list(p.iter(w("r"))):
        texts = [c for c in r if c.tag in (_T, _DEL_TEXT) and c.text and pattern.search(c.text)]
        if not texts:
            continue
        rpr = r.find(w("rPr"))
        pieces: list[list[etree._Element] | etree._Element] = [[]]
        for child in list(r):
            if child is rpr:
                continue
            current = pieces[-1]
            assert isinstance(current, list)
            if child not in texts:
                current.append(child)
                continue
            text, pos = child.text or "", 0
            for m in pattern.finditer(text):
                if m.start() > pos:
                    current.append(_text_element(child.tag, text[pos : m.start()]))
                pieces.append(reference(notes[m.group(0)]))
                current = []
                pieces.append(current)
                pos = m.end()
                placed += 1
            if pos < len(text):
                current.append(_text_element(child.tag, text[pos:]))
        parent = r.getparent()
        assert parent is not None
        at = parent.index(r)
        parent.remove(r)
        for piece in pieces:
            if isinstance(piece, list):
                if not piece:
                    continue
                run = etree.Element(_R)
                if rpr is not None:
                    run.append(copy.deepcopy(rpr))
                run.extend(piece)
                piece_el = run
            else:
                piece_el = piece
            parent.insert(at, piece_el)
            at += 1
    return placed


# --- comments (a drafter's notes on the words an operation changed) ------------------------------------------


def make_comments() -> etree._Element:
    """An empty ``w:comments`` part."""
    return etree.Element(w("comments"), nsmap={"w": W_NS})


def make_comment(comment_id: str, author: str, date: str, text: str) -> etree._Element:
    """A ``w:comment`` holding ``text`` (a paragraph a line), with its author, initials and date."""
    comment = etree.Element(w("comment"))
    comment.set(w("id"), comment_id)
    comment.set(w("author"), author)
    comment.set(w("date"), date)
    comment.set(w("initials"), "".join(word[0] for word in author.split() if word[:1].isalnum())[:9] or "A")
    for line in text.splitlines() or [""]:
        p = etree.SubElement(comment, w("p"))
        if line:
            p.append(make_run(line))
    return comment


def comment_range(first: etree._Element, last: etree._Element, comment_id: str) -> None:
    """Anchor comment ``comment_id`` on ``first`` to ``last`` (runs, or revisions holding runs, of one
    paragraph or of two in reading order): its range start before the first, its end and the run that
    refers to it after the last."""
    start = etree.Element(w("commentRangeStart"))
    start.set(w("id"), comment_id)
    first.addprevious(start)
    end = etree.Element(w("commentRangeEnd"))
    end.set(w("id"), comment_id)
    last.addnext(end)
    reference = etree.Element(w("r"))
    etree.SubElement(reference, w("commentReference")).set(w("id"), comment_id)
    end.addnext(reference)
