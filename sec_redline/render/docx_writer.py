"""Lay out clause text and redlines as Word paragraphs in the SEC house style.

The layout comes from a reference document (``templates/reference.docx``, or
``reference.docx`` in a user's template folder): its page set-up, fonts and the
named styles of ``house_style``.  The WordprocessingML itself is built in
``legal_text.ooxml``; this module decides which paragraph, style and mark each
piece of a redline gets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from lxml import etree

from legal_text.diff import ClauseChange, Entry, HeadingChange, Run
from legal_text.ooxml import (
    PackageError,
    RevisionIds,
    RevisionKind,
    RunStyle,
    WordPackage,
    comment_range,
    is_paragraph,
    make_paragraph,
    make_revision,
    make_run,
    make_table,
    mark_paragraph,
    move_range,
    paragraph_xml,
    place_note_references,
    table_xml,
    tracked_run,
    w,
)

from .. import house_style as hs
from ..errors import InputError
from ..house_style import MARKS as MARKS  # the writer's choices, named in house_style
from ..house_style import Marks as Marks
from .shipped import package_templates

Status = Literal["equal", "amended", "inserted", "deleted", "renumbered"]
INSERTED = RunStyle(underline="double", color="1F4E79")
DELETED = RunStyle(strike=True, color="C00000")


def reference_docx(template_dir: str | Path | None = None) -> Path:
    """The reference document: the user's ``reference.docx`` if their template folder has one."""
    if template_dir is not None and (Path(template_dir) / "reference.docx").is_file():
        return Path(template_dir) / "reference.docx"
    return package_templates() / "reference.docx"


def _coalesced(runs: Iterable[Run]) -> list[Run]:
    """Neighbouring runs of one kind as one (a label, its tab and its text: one Word run, not three)."""
    out: list[Run] = []
    for run in runs:
        if out and out[-1].op == run.op and out[-1].by == run.by and out[-1].at == run.at:
            out[-1] = Run(run.op, out[-1].text + run.text, run.by, run.at)
        else:
            out.append(run)
    return out


def _when(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date.replace("Z", "+00:00")).replace(tzinfo=None)


class DocxWriter:
    """Builds one .docx from the reference document, paragraph by paragraph."""

    def __init__(
        self,
        reference: Path,
        author: str,
        date: str,
        marks: Marks = "tracked",
        authors: Mapping[str, tuple[str, str]] | None = None,
        notes: Mapping[str, str] | None = None,
    ) -> None:
        """``authors``: for a redline whose changes come from several modifications (a release's), each
        change's ``by`` -> the (author, date) its revisions carry; changes with no ``by`` carry ``author``
        and ``date``.  ``notes``: a drafter's note by the place its operation is written (``Run.at``), made
        a Word comment on exactly the words that operation changed (``finish_notes``)."""
        try:
            self.package = WordPackage(reference, hs.REQUIRED_STYLES)
        except PackageError as exc:
            raise InputError(str(exc)) from None
        self.doc = self.package.doc
        self.author, self.date, self.marks = author, date, marks
        self.authors = dict(authors or {})
        self._by = ""  # the ``by`` of the provision or heading being written
        self.ids = RevisionIds()
        self._depth_styles: dict[int, tuple[str, str]] = {}
        self.moves: dict[int, str] = {}  # id() of a moved provision's ClauseChange (either side) -> move name
        self._moving: Literal["moveFrom", "moveTo"] | None = None
        self.table_style = self.package.style_ids.get("Table Grid")
        self.notes = dict(notes or {})
        self._noted: dict[str, list[etree._Element]] = {}  # a noted operation's place -> the marks it made
        self.package.set_properties(title="", author=author, when=_when(date))

    @property
    def last(self) -> etree._Element | None:
        """The last body-level block written (``w:p`` or ``w:tbl``)."""
        return self.package.last

    def set_title(self, title: str, subject: str = "") -> None:
        self.package.set_properties(title=title, author=self.author, when=_when(self.date), subject=subject)

    # low level -------------------------------------------------------------------

    def run_elements(self, runs: Iterable[Run], style: RunStyle | None = None) -> list[etree._Element]:
        """Runs as Word runs: equal text plain, changes tracked or drawn as visual marks."""
        out = []
        for run in _coalesced(runs):
            if not run.text:
                continue
            if run.op == "equal":
                out.append(make_run(run.text, style))
            elif self.marks == "visual":
                mark = INSERTED if run.op == "insert" else DELETED
                merged = RunStyle(
                    bold=bool(style and style.bold),
                    italic=bool(style and style.italic),
                    underline=mark.underline,
                    strike=mark.strike,
                    color=mark.color,
                )
                out.append(make_run(run.text, merged))
            else:
                author, date = self._who(run.by)
                out.append(tracked_run(self._kind(run.op), run.text, self.ids, author, date, style))
            if run.op != "equal" and run.at in self.notes:
                self._noted.setdefault(run.at, []).append(out[-1])
        return out

    def finish_notes(self) -> None:
        """Each drafter's note as a Word comment anchored on the marks its operation made, first to last."""
        for at, placed in self._noted.items():
            marks = [m for m in placed if m.getparent() is not None]  # a footnote's placing may have split one
            if not marks:
                continue
            comment_id = self.ids.take()
            self.package.comment(comment_id, *self._who(), self.notes[at])
            comment_range(marks[0], marks[-1], comment_id)
        self._noted = {}

    def _who(self, by: str = "") -> tuple[str, str]:
        """The author and date of a revision made by ``by`` (else by what is being written)."""
        return self.authors.get(by or self._by, (self.author, self.date))

    def _kind(self, op: str) -> RevisionKind:
        """The revision for inserted or deleted text: ins/del, or moveTo/moveFrom inside a moved provision."""
        if self._moving is not None:
            return self._moving
        return "ins" if op == "insert" else "del"

    def paragraph(
        self, style: str, runs: Iterable[Run], status: Status = "equal", detached: bool = False
    ) -> etree._Element:
        """A paragraph in ``style`` (a style name); appended to the body unless ``detached``."""
        p = make_paragraph(self.package.style_id(style), self.run_elements(runs))
        if self.marks == "tracked" and status == "deleted":
            # A deleted paragraph takes its own mark with it.
            mark_paragraph(p, self._kind("delete"), self.ids, *self._who())
        elif self.marks == "tracked" and status == "inserted":
            # As Word records a paragraph typed after another: the mark that was inserted is the one
            # ending the paragraph before (LibreOffice rejects such paragraphs cleanly only this way).
            before = None if detached else self.last
            mark_paragraph(
                before if before is not None and is_paragraph(before) else p,
                self._kind("insert"),
                self.ids,
                *self._who(),
            )
        return p if detached else self.package.append(p)

    def text(self, style: str, text: str) -> etree._Element:
        """A paragraph of plain text."""
        return self.paragraph(style, (Run("equal", text),))

    # clause text -----------------------------------------------------------------

    def entry(self, entry: Entry) -> None:
        """A heading or a clause of a redline."""
        if isinstance(entry, HeadingChange):
            style = hs.GROUP_HEADING if entry.heading.kind == "group" else hs.PART_HEADING
            self._by = entry.by
            self.paragraph(style, entry.runs, entry.status)
            self._by = ""
        else:
            self.clause(entry)

    def clause(self, change: ClauseChange) -> None:
        """A provision, its paragraphs and the text after its list; a moved one (named in ``moves``, or by
        ``change.moved``) as a native Word move, its paragraphs inside a named move range."""
        named = self.moves.get(id(change)) or change.moved  # a comparison's moves, or a ledger's
        name = named if self.marks == "tracked" and self._moving is None else ""
        if not name:
            self._clause(change)
            return
        kind: Literal["moveFrom", "moveTo"] = "moveFrom" if change.status == "deleted" else "moveTo"
        start, end = move_range(kind, name, self.ids, *self._who(change.by))
        before = self.last
        self._moving = kind
        try:
            self._clause(change)
        finally:
            self._moving = None
        body = self.package.body
        first = before.getnext() if before is not None else body[0]
        ppr = first.find(w("pPr")) if first is not None and is_paragraph(first) else None
        if ppr is not None:
            ppr.addnext(start)
        last = self.last
        if last is not None and is_paragraph(last):
            last.append(end)
        elif first is not None and last is not None:  # a moved table: the range around it, at body level
            first.addprevious(start)
            last.addnext(end)

    def _unchanged_xml(self, change: ClauseChange, out: list[str]) -> bool:
        """An unchanged provision's paragraphs (and tables) as WordprocessingML text, as ``_clause`` would
        build them."""
        if change.notes:  # its footnote references are placed in the built paragraphs
            return False
        if change.kind == "table":
            if change.text:  # its caption
                out.append(paragraph_xml(self._style_ids(change.depth)[0], "".join(r.text for r in change.text)))
            cells = [["".join(r.text for r in cell) for cell in row] for row in change.cells]
            out.append(table_xml(cells, change.depth, self.table_style, self.package.style_id(hs.NORMAL)))
            return True
        text = change.text[0].text if len(change.text) == 1 else "".join(r.text for r in change.text)
        if change.kind in ("definition", "note"):
            out.append(paragraph_xml(self._style_ids(change.depth)[0], f"{change.label} {text}"))
        else:
            out.append(paragraph_xml(self._style_ids(change.depth)[0], text, label=change.label))
        for child in change.children:
            if not self._unchanged_xml(child, out):
                return False
        if change.trailing:
            trailing = "".join(r.text for r in change.trailing)
            out.append(paragraph_xml(self._style_ids(change.depth)[1], trailing))
        return True

    def _style_ids(self, depth: int) -> tuple[str, str]:
        """The style ids of a provision at ``depth`` and of the text after its list."""
        ids = self._depth_styles.get(depth)
        if ids is None:
            ids = self._depth_styles[depth] = (
                self.package.style_id(hs.level_style(depth)),
                self.package.style_id(hs.after_list_style(depth)),
            )
        return ids

    def _clause(self, change: ClauseChange) -> None:
        outer, self._by = self._by, change.by or self._by
        try:
            self._write_clause(change)
        finally:
            self._by = outer

    def _write_clause(self, change: ClauseChange) -> None:
        if change.status == "equal" and self._moving is None:
            parts: list[str] = []
            if self._unchanged_xml(change, parts):
                self.package.append_xml("".join(parts))
                return
        if change.kind == "table":
            self.table(change)
            return
        sep = " " if change.kind in ("definition", "note") else "\t"
        label = list(change.label_runs)
        if label and label[-1].op != "equal" and change.status in ("inserted", "deleted"):
            label[-1] = Run(label[-1].op, label[-1].text + sep, label[-1].by, label[-1].at)
        else:
            label.append(Run("equal", sep))
        p = self.paragraph(hs.level_style(change.depth), label + list(change.text), change.status)
        self._place_notes(p, change)
        for child in change.children:
            self._clause(child)
        if change.trailing:
            p = self.paragraph(hs.after_list_style(change.depth), change.trailing, change.status)
            self._place_notes(p, change)

    def _place_notes(self, p: etree._Element, change: ClauseChange) -> None:
        """The provision's footnotes as Word footnotes, each referred to where its marker stands in ``p``."""
        if change.notes:
            notes = dict(change.notes)
            place_note_references(p, notes, lambda text: self.package.footnote([[make_run(text)]]))

    def table(self, change: ClauseChange) -> None:
        """A table under its caption, each cell's words marked like any other text, and a row inserted or
        deleted whole marked so (with tracked changes), so that accepting or rejecting takes the row too."""
        if change.text:
            self._place_notes(self.paragraph(hs.level_style(change.depth), change.text, change.status), change)
        ncols = max((len(r) for r in change.cells), default=1)
        rows: Sequence[Sequence[etree._Element]] = [
            [self.paragraph(hs.NORMAL, row[j] if j < len(row) else (), detached=True) for j in range(ncols)]
            for row in change.cells
        ]
        for cell in (c for row in rows for c in row):
            self._place_notes(cell, change)
        marks: list[etree._Element | None] = []
        for k, status in enumerate(change.row_status if self.marks == "tracked" else ()):
            kind: RevisionKind | None = "ins" if status == "inserted" else "del" if status == "deleted" else None
            by = change.row_by[k] if k < len(change.row_by) and change.row_by[k] else change.by
            marks.append(make_revision(kind, self.ids, *self._who(by)) if kind else None)
        self.package.append(make_table(rows, change.depth, self.table_style, marks))

    # furniture -------------------------------------------------------------------

    def header_footer(self, header: str, classification_line: str) -> None:
        """Every page's running header, "Page N of M" and the classification line."""
        self.package.header_footer(header, [classification_line], hs.HEADER, hs.CLASSIFICATION)

    def save(self) -> bytes:
        """The .docx as bytes; the same content gives the same bytes."""
        return self.package.save()
