"""What a reviewer reads: the events between two versions, one a provision.

The clause-tree diff (``diff``, pairing as ``align`` does: by words first,
references masked; by number only where words do not decide) marks words.
This turns the redlines of one or more Sections into events: a provision
amended, inserted, deleted, renumbered (old -> new), or moved: deleted in one
place and inserted in another that no pairing inside its document explained,
with words alike (``SIMILAR`` within a document, ``MOVE_ACROSS`` into another;
a paragraph moves only within its document), amended or not.  An amendment whose only change is a
written reference following a renumbering or move ("Section G3.20" becoming
"Section G3.21" because G3.20 became G3.21) is not an amendment of its own:
it is a consequential cross-reference update, listed under the event that
caused it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .align import SIMILAR
from .clause_ref import ClauseRef
from .diff import ClauseChange, HeadingChange, Redline, Run, diff_words, side_text
from .text_reader import caption_number
from .tree_edit import rename_references, renamed_references

EventKind = Literal["amended", "inserted", "deleted", "renumbered", "moved"]
EVENT_KINDS: tuple[EventKind, ...] = ("amended", "inserted", "deleted", "renumbered", "moved")


@dataclass(frozen=True)
class CrossReference:
    """A consequential update: the provision ``at`` (numbered as in the new version) now writes ``new``
    where it wrote ``old``."""

    at: ClauseRef
    old: str
    new: str

    def line(self) -> str:
        return f"cross-reference: in {self.at}, {self.old} -> {self.new}"


@dataclass(frozen=True)
class DiffEvent:
    """One event.  ``old_ref``/``new_ref`` are None where the provision is not on that side; ``amended`` says
    that a renumbered or moved provision's words changed too; ``runs`` are the word-level changes of its own
    words (of all its words, for a move)."""

    kind: EventKind
    section: str
    old_ref: ClauseRef | None
    new_ref: ClauseRef | None
    amended: bool = False
    runs: tuple[Run, ...] = ()
    cross_references: tuple[CrossReference, ...] = ()
    heading: str = ""  # for a part or group heading inserted or deleted: its words
    heading_change: HeadingChange | None = field(default=None, compare=False, repr=False)
    old_change: ClauseChange | None = field(default=None, compare=False, repr=False)
    new_change: ClauseChange | None = field(default=None, compare=False, repr=False)

    @property
    def what(self) -> str:
        """ "G3.20", or "G3.20 -> G3.21" (", amended" when its words changed too)."""
        if self.heading:
            return f"heading '{self.heading}'"
        if self.kind in ("renumbered", "moved"):
            return f"{self.old_ref} -> {self.new_ref}" + (", amended" if self.amended else "")
        change = self.new_change or self.old_change
        ref = self.new_ref if self.new_ref is not None else self.old_ref
        if change is not None and change.kind == "table" and ref is not None:
            return f"{ref.parent()} {_table_name(change)}"
        return str(ref)

    def line(self) -> str:
        """The event as ``diff`` prints it: its kind, padded, then what."""
        return f"{self.kind:<9} {self.what}"


def table_caption(change: ClauseChange) -> str:
    """A table's caption number ("Table 28a"), from its caption on either side of the change; "" if none."""
    return caption_number(side_text(change.text, "new") or side_text(change.text, "old"))


def _table_name(change: ClauseChange) -> str:
    """How an event names a table: by its caption's number ("Table 28a") and what happened to its rows."""
    caption = table_caption(change) or "table"
    counts = [
        f"{n} row{'s' if n > 1 else ''} {status}"
        for status in ("inserted", "deleted", "amended")
        if (n := sum(1 for s in change.row_status if s == status)) and change.status not in ("inserted", "deleted")
    ]
    return caption + (f" ({', '.join(counts)})" if counts else "")


def _words_of(change: ClauseChange) -> str:
    """The words of a provision inserted or deleted whole, without its numbers (to recognise a move)."""
    runs = [
        *change.text,
        *(r for k in change.walk() if k is not change for r in (*k.text, *k.trailing)),
        *change.trailing,
    ]
    return " ".join(" ".join(r.text for r in runs).split())


def _own_words(change: ClauseChange, side: Literal["old", "new"]) -> str:
    """A provision's own words (chapeau, text after its list, table cells) on one side."""
    cells = [side_text(cell, side) for row in change.cells for cell in row]
    return "\x00".join([side_text(change.text, side), side_text(change.trailing, side), *cells])


MOVE_ACROSS = 0.8  # how alike a provision's words must be to pair it as moved into another document
MOVE_MIN_WORDS = 4  # a provision shorter than this ("[Not used]") moves into another document only word for word


def _move_threshold(d: tuple[str, ClauseChange], i: tuple[str, ClauseChange]) -> float | None:
    """How alike a deleted and an inserted provision must be to be one provision moved: ``SIMILAR``
    within one document, ``MOVE_ACROSS`` into another; a paragraph moves only within its document.  None:
    they cannot be one (different kinds, or a paragraph changing documents)."""
    (d_doc, dc), (i_doc, ic) = d, i
    if dc.kind != ic.kind or (dc.depth > 0 and d_doc != i_doc):
        return None
    return SIMILAR if d_doc == i_doc else MOVE_ACROSS


def _pair_moves(
    deleted: list[tuple[str, ClauseChange]], inserted: list[tuple[str, ClauseChange]]
) -> list[tuple[ClauseChange, ClauseChange]]:
    """Deleted and inserted provisions (with their documents) that are one provision moved: what no pairing
    inside a document explained (``align`` pairs first), paired when its words are the same (into another
    document, at least ``MOVE_MIN_WORDS`` of them), then when they are alike (``_move_threshold``), the
    likest pairs first."""
    words = {id(c): _words_of(c) for _, c in (*deleted, *inserted)}
    pairs: list[tuple[ClauseChange, ClauseChange]] = []
    taken: set[int] = set()
    for d in deleted:
        dw = words[id(d[1])]
        if not dw:
            continue
        to = next(
            (
                i
                for i in inserted
                if id(i[1]) not in taken
                and words[id(i[1])] == dw
                and _move_threshold(d, i) is not None
                and (d[0] == i[0] or len(dw.split()) >= MOVE_MIN_WORDS)
            ),
            None,
        )
        if to is not None:
            pairs.append((d[1], to[1]))
            taken.update((id(d[1]), id(to[1])))
    left_d = [d for d in deleted if id(d[1]) not in taken and words[id(d[1])]]
    left_i = [i for i in inserted if id(i[1]) not in taken and words[id(i[1])]]
    if left_d and left_i and len(left_d) * len(left_i) <= 10_000:
        scored = []
        for a, d in enumerate(left_d):
            dw_list = words[id(d[1])].split()
            for b, i in enumerate(left_i):
                need = _move_threshold(d, i)
                if need is None:
                    continue
                sm = difflib.SequenceMatcher(None, dw_list, words[id(i[1])].split(), autojunk=False)
                if sm.real_quick_ratio() >= need and sm.quick_ratio() >= need and (ratio := sm.ratio()) >= need:
                    scored.append((-ratio, a, b))
        for _, a, b in sorted(scored):
            gone, came = left_d[a][1], left_i[b][1]
            if id(gone) not in taken and id(came) not in taken:
                pairs.append((gone, came))
                taken.update((id(gone), id(came)))
    return pairs


Part = tuple[str, ClauseChange | HeadingChange]  # a changed provision or heading, with its document's key


def _changed_parts(redlines: Sequence[Redline]) -> list[Part]:
    """Every provision to name (``ClauseChange.changed_parts``) and every heading that changed, in order."""
    return [
        (r.new.key if r.new.section else r.old.key, c)
        for r in redlines
        for e in r.body
        for c in (e.changed_parts() if isinstance(e, ClauseChange) else [e] if e.status != "equal" else [])
    ]


def _heading_event(section: str, c: HeadingChange) -> DiffEvent:
    words = f"{c.heading.label} {c.heading.text}".strip()
    kind: EventKind = "inserted" if c.status == "inserted" else "deleted"
    return DiffEvent(kind, section, None, None, heading=words, heading_change=c)


def _move_event(section: str, c: ClauseChange, to: ClauseChange) -> DiffEvent:
    runs = diff_words(_words_of(c), _words_of(to))
    changed = any(r.op != "equal" for r in runs)
    return DiffEvent("moved", section, c.ref, to.ref, changed, runs if changed else (), old_change=c, new_change=to)


def _whole_event(section: str, c: ClauseChange) -> DiffEvent:
    """A provision inserted or deleted whole."""
    old, new = (c, None) if c.status == "deleted" else (None, c)
    kind: EventKind = "deleted" if c.status == "deleted" else "inserted"
    return DiffEvent(kind, section, c.ref if old else None, c.ref if new else None, old_change=old, new_change=new)


def _in_place_event(
    section: str,
    c: ClauseChange,
    renamed: dict[ClauseRef, ClauseRef],
    caused: dict[ClauseRef, list[CrossReference]],
) -> DiffEvent | None:
    """A provision renumbered or amended where it stands; None when its only change is written references
    following a renumbering or move (recorded in ``caused``, under the renamed provision)."""
    own_changed = c.words_changed
    if own_changed:
        old_words, new_words = _own_words(c, "old"), _own_words(c, "new")
        if rename_references(old_words, renamed, c.ref) == new_words:  # only references following a renaming
            for written, rewritten, cause in renamed_references(old_words, renamed, c.ref):
                caused.setdefault(cause, []).append(CrossReference(c.ref, written, rewritten))
            own_changed = False
    runs = (*c.text, *c.trailing) if own_changed else ()
    if c.status == "renumbered" and c.old_ref is not None:
        return DiffEvent("renumbered", section, c.old_ref, c.ref, own_changed, runs, old_change=c, new_change=c)
    if own_changed:
        return DiffEvent("amended", section, c.ref, c.ref, False, runs, old_change=c, new_change=c)
    return None


def _with_causes(events: list[DiffEvent], caused: dict[ClauseRef, list[CrossReference]]) -> list[DiffEvent]:
    """Each renumbering or move with the cross-reference updates it caused."""
    out = []
    for ev in events:
        if ev.kind in ("renumbered", "moved") and ev.old_ref in caused:
            ev = replace(ev, cross_references=tuple(caused.pop(ev.old_ref)))
        out.append(ev)
    return out


def find_events(redlines: Sequence[Redline]) -> list[DiffEvent]:
    """The events of one Section's redline or of several Sections' redlines, in reading order (a move
    where the provision was)."""
    parts = _changed_parts(redlines)
    clauses = [c for _, c in parts if isinstance(c, ClauseChange)]
    located = [(doc, c) for doc, c in parts if isinstance(c, ClauseChange)]
    moves = _pair_moves(
        [x for x in located if x[1].status == "deleted"], [x for x in located if x[1].status == "inserted"]
    )
    moved_to = {id(d): i for d, i in moves}
    arrived = {id(i) for _, i in moves}
    renamed: dict[ClauseRef, ClauseRef] = {
        c.old_ref: c.ref for c in clauses if c.status == "renumbered" and c.old_ref is not None
    }
    renamed.update({d.ref: i.ref for d, i in moves})
    events: list[DiffEvent] = []
    caused: dict[ClauseRef, list[CrossReference]] = {}  # renamed provision -> the updates it caused
    for section, c in parts:
        if isinstance(c, HeadingChange):
            events.append(_heading_event(section, c))
        elif id(c) in moved_to:
            events.append(_move_event(section, c, moved_to[id(c)]))
        elif c.status in ("inserted", "deleted") and id(c) not in arrived:
            events.append(_whole_event(section, c))
        elif id(c) not in arrived and (ev := _in_place_event(section, c, renamed, caused)) is not None:
            events.append(ev)
    return _with_causes(events, caused) if caused else events
