"""Word-level diff of legal text and clause-tree alignment.

Words are never split: each token (a word, a run of white space, or one
punctuation mark) is encoded as one character, diff-match-patch diffs the
encoded strings, the result is cleaned up semantically and decoded, then edit
boundaries are slid to where a drafter would put them ("Function" +
" which forms part of a SMETS2+ Device", never "Functio" + "n which").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import diff_match_patch as dmp_module

from .clause_ref import ClauseRef
from .collector import collector_paused
from .model import NOTE_DIGITS, Clause, ClauseKind, Document, Heading, Item
from .text_writer import clause_plain_text

_T = TypeVar("_T")

Op = Literal["equal", "insert", "delete"]
Status = Literal["equal", "amended", "inserted", "deleted", "renumbered"]
ContentKey = tuple[object, ...]  # a provision's words without its numbers, to pair it renumbered
SIMILAR = 0.6  # how alike two provisions' words must be to pair them as one renumbered provision

# A clause reference ("G3.18", "G3.18A(a)(ii)") is one token, so a changed reference is marked whole
# ([-G3.18-]{+G3.18A+}), never inside ("G3.[-18-]{+18A+}").
_TOKEN_RE = re.compile(
    r"\s+|[A-Z]{1,2}\d+\.\d+[A-Z]{0,2}(?:\([A-Za-z0-9]{1,6}\))*(?!\w|\.\d)|[\w’'+\-/]+|[^\w\s]", re.UNICODE
)
_OPS = {0: "equal", 1: "insert", -1: "delete"}


@dataclass(frozen=True)
class Run:
    """A stretch of text that is unchanged, inserted or deleted; ``by`` names the change that made it (a
    modification, in a release's redline), or is empty."""

    op: Op
    text: str
    by: str = ""


def tokenize(text: str) -> list[str]:
    """Split text into words, white-space runs and punctuation marks; joined they give ``text`` back."""
    return _TOKEN_RE.findall(text)


def _encode(a: list[str], b: list[str]) -> tuple[str, str, list[str]]:
    table: dict[str, int] = {}
    alphabet: list[str] = []

    def enc(tokens: list[str]) -> str:
        out = []
        for t in tokens:
            if t not in table:
                table[t] = len(alphabet)
                alphabet.append(t)
            out.append(chr(0x100 + table[t]))
        return "".join(out)

    return enc(a), enc(b), alphabet


def diff_words(old: str, new: str) -> tuple[Run, ...]:
    """Word-level runs turning ``old`` into ``new``; equal+delete rebuild old, equal+insert rebuild new."""
    if old == new:
        return (Run("equal", old),) if old else ()
    dmp = dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut a diff short on a slow machine
    ea, eb, alphabet = _encode(tokenize(old), tokenize(new))
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    decoded = [(op, "".join(alphabet[ord(c) - 0x100] for c in text)) for op, text in diffs]
    dmp.diff_cleanupSemanticLossless(decoded)
    return _merge(decoded)


def _merge(diffs: list[tuple[int, str]]) -> tuple[Run, ...]:
    """Runs in a stable order: a delete before the insert that replaces it; neighbours of one kind joined."""
    runs: list[Run] = []
    pending_del: list[str] = []
    pending_ins: list[str] = []

    def flush() -> None:
        if pending_del:
            runs.append(Run("delete", "".join(pending_del)))
        if pending_ins:
            runs.append(Run("insert", "".join(pending_ins)))
        pending_del.clear()
        pending_ins.clear()

    for op, text in diffs:
        if not text:
            continue
        if op == 0:
            flush()
            if runs and runs[-1].op == "equal":
                runs[-1] = Run("equal", runs[-1].text + text)
            else:
                runs.append(Run("equal", text))
        elif op == -1:
            pending_del.append(text)
        else:
            pending_ins.append(text)
    flush()
    return tuple(runs)


def side_text(runs: tuple[Run, ...], side: Literal["old", "new"]) -> str:
    """Rebuild one side of a diff: old is equal+delete, new is equal+insert."""
    skip = "insert" if side == "old" else "delete"
    return "".join(r.text for r in runs if r.op != skip)


@dataclass(frozen=True)
class ClauseChange:
    """One clause or paragraph in a redline, with word-level runs for its own words."""

    ref: ClauseRef
    label: str
    status: Status
    text: tuple[Run, ...]
    children: tuple[ClauseChange, ...]
    trailing: tuple[Run, ...]
    kind: ClauseKind = "clause"
    old_label: str = ""  # the label before a renumbering
    old_ref: ClauseRef | None = None
    cells: tuple[tuple[tuple[Run, ...], ...], ...] = ()  # a table's cells, each as runs
    # each row of a table: "equal", "amended" (words of its cells changed), "inserted" or "deleted"
    row_status: tuple[Status, ...] = ()
    by: str = ""  # the change that inserted, deleted or renumbered it (a release's modification), or ""
    # The footnotes its words refer to, as (marker, text), from either side: a marker stands in the runs where
    # the reference stands (``Clause.notes``).
    notes: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def label_runs(self) -> tuple[Run, ...]:
        """The label as runs: inserted, deleted, or the old number struck and the new one inserted."""
        if self.status == "inserted":
            return (Run("insert", self.label, self.by),)
        if self.status == "deleted":
            return (Run("delete", self.label, self.by),)
        if self.old_label and self.old_label != self.label:
            return (Run("delete", self.old_label, self.by), Run("insert", self.label, self.by))
        return (Run("equal", self.label),)

    @property
    def depth(self) -> int:
        return len(self.ref.path)

    def walk(self) -> Iterator[ClauseChange]:
        """This change and every change inside it."""
        yield self
        for c in self.children:
            yield from c.walk()

    def is_changed(self) -> bool:
        return any(c.status != "equal" for c in self.walk())

    @property
    def words_changed(self) -> bool:
        """True when this clause's own words (not only its paragraphs) changed."""
        cell_runs = tuple(r for row in self.cells for cell in row for r in cell)
        return any(r.op != "equal" for r in self.text + self.trailing + cell_runs)

    def changed_parts(self) -> list[ClauseChange]:
        """The provisions to name in a summary: an inserted or deleted one whole, else those whose words changed."""
        if self.status in ("inserted", "deleted"):
            return [self]
        own = [self] if self.status == "renumbered" or (self.status == "amended" and self.words_changed) else []
        return own + [part for c in self.children for part in c.changed_parts()]


@dataclass(frozen=True)
class HeadingChange:
    heading: Heading
    status: Status
    by: str = ""  # the change that inserted or deleted it (a release's modification), or ""

    @property
    def runs(self) -> tuple[Run, ...]:
        """The heading's words as one run: inserted, deleted or unchanged."""
        op: Op = "insert" if self.status == "inserted" else "delete" if self.status == "deleted" else "equal"
        return (Run(op, f"{self.heading.label} {self.heading.text}".strip(), self.by),)


Entry = HeadingChange | ClauseChange


@dataclass(frozen=True)
class Redline:
    """Old and new documents and the aligned changes between them: the one input of every redline writer."""

    old: Document
    new: Document
    body: tuple[Entry, ...]

    def changes(self) -> list[tuple[str, Status]]:
        """(reference, status) of each provision inserted or deleted whole, or whose own words changed."""
        out = []
        for entry in self.body:
            if isinstance(entry, ClauseChange):
                out += [(str(c.ref), c.status) for c in entry.changed_parts()]
        return out


def _whole(clause: Clause, status: Status) -> ClauseChange:
    op: Op = "insert" if status == "inserted" else "delete"

    def runs(text: str) -> tuple[Run, ...]:
        return (Run(op, text),) if text else ()

    return ClauseChange(
        clause.ref,
        clause.label,
        status,
        runs(_own_words(clause)),
        tuple(_whole(c, status) for c in clause.children),
        runs(clause.trailing),
        clause.kind,
        cells=tuple(tuple(runs(cell) for cell in row) for row in clause.rows),
        row_status=(status,) * len(clause.rows),
        notes=clause.notes,
    )


_EQUAL_ROW: tuple[Status, ...] = ("equal",)


def _own_words(clause: Clause) -> str:
    """A provision's own words: its chapeau; for a table, its caption ("Table 28a: ...")."""
    return clause.label if clause.kind == "table" else clause.text


Rows = tuple[tuple[str, ...], ...]


def _row_runs(o: tuple[str, ...], n: tuple[str, ...]) -> tuple[tuple[Run, ...], ...]:
    return tuple(diff_words(o[j] if j < len(o) else "", n[j] if j < len(n) else "") for j in range(max(len(o), len(n))))


def _diff_cells(old: Rows, new: Rows) -> tuple[tuple[tuple[tuple[Run, ...], ...], ...], tuple[Status, ...]]:
    """Cell-by-cell word diffs of two tables and each row's status.  Rows are aligned as lines of a text are
    (a row added or removed is one row inserted or deleted, not every row after it amended); among the rows
    of a changed stretch, those with the same first cell or mostly the same words are one row amended;
    columns are matched by position."""
    rows: list[tuple[tuple[Run, ...], ...]] = []
    status: list[Status] = []

    def gone(row: tuple[str, ...]) -> None:
        rows.append(tuple((Run("delete", c),) if c else () for c in row))
        status.append("deleted")

    def came(row: tuple[str, ...]) -> None:
        rows.append(tuple((Run("insert", c),) if c else () for c in row))
        status.append("inserted")

    def amended(o: tuple[str, ...], n: tuple[str, ...]) -> None:
        rows.append(_row_runs(o, n))
        status.append("equal" if o == n else "amended")

    def alike(o: tuple[str, ...], n: tuple[str, ...]) -> bool:
        """The same row with words changed: its first cell kept, or most of its words."""
        if o[:1] == n[:1]:
            return True
        return difflib.SequenceMatcher(None, " ".join(o).split(), " ".join(n).split(), autojunk=False).ratio() >= 0.6

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            for o, n in zip(old[i1:i2], new[j1:j2], strict=True):
                amended(o, n)
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds or news:
            if olds and news and alike(olds[0], news[0]):
                amended(olds.pop(0), news.pop(0))
            elif olds and not any(alike(olds[0], n) for n in news):
                gone(olds.pop(0))
            else:
                came(news.pop(0))
    return tuple(rows), tuple(status)


def _same(clause: Clause) -> ClauseChange:
    """An unchanged provision, without diffing it."""

    def runs(text: str) -> tuple[Run, ...]:
        return (Run("equal", text),) if text else ()

    return ClauseChange(
        clause.ref,
        clause.label,
        "equal",
        runs(_own_words(clause)),
        tuple(_same(c) for c in clause.children),
        runs(clause.trailing),
        clause.kind,
        cells=tuple(tuple(runs(cell) for cell in row) for row in clause.rows),
        row_status=_EQUAL_ROW * len(clause.rows),
        notes=clause.notes,
    )


def diff_clauses(old: Clause, new: Clause) -> ClauseChange:
    """The change from ``old`` to ``new`` (the same provision), paragraphs aligned by label."""
    if old == new:  # most provisions of two versions: nothing to align or diff
        return _same(new)
    same_note = note_markers(old, new)
    text = diff_words(same_note(_own_words(old)), _own_words(new))
    trailing = diff_words(same_note(old.trailing), new.trailing)
    children = tuple(_pair(o, n) for o, n in _align(list(old.children), list(new.children), _child_key, _content_key))
    row_status: tuple[Status, ...] = ()
    cells, row_status = _diff_cells(old.rows, new.rows) if (old.rows or new.rows) else ((), row_status)
    own_changed = any(r.op != "equal" for r in text + trailing) or old.rows != new.rows
    changed = own_changed or any(c.status != "equal" for c in children)
    # Renumbered: its own number changed (not only an enclosing provision's); a table's label is its caption.
    renumbered = old.label != new.label and new.kind != "table"
    status: Status = "renumbered" if renumbered else ("amended" if changed else "equal")
    return ClauseChange(
        new.ref,
        new.label,
        status,
        text,
        children,
        trailing,
        new.kind,
        old.label if renumbered else "",
        old.ref if renumbered else None,
        cells,
        row_status,
        notes=_notes_of(old, new),
    )


_SUPERSCRIPT_RUN = re.compile(f"[{NOTE_DIGITS}]+")


def note_markers(old: Clause, new: Clause) -> Callable[[str], str]:
    """The old side's words with each footnote marker written as the new side's marker of the same note.

    A marker is the note's number in reading order across the document ("¹", "²"), so a note added or
    removed earlier in a document renumbers every later one; the words did not change.  Old markers are
    matched to new ones by the note's text, in order."""
    if not old.notes or not new.notes:
        return _unchanged
    unused = list(new.notes)
    renamed: dict[str, str] = {}
    for marker, text in old.notes:
        hit = next((n for n in unused if n[1] == text), None)
        if hit is not None:
            unused.remove(hit)
            renamed[marker] = hit[0]
    if all(a == b for a, b in renamed.items()):
        return _unchanged
    return lambda words: _SUPERSCRIPT_RUN.sub(lambda m: renamed.get(m.group(0), m.group(0)), words)


def _unchanged(words: str) -> str:
    return words


def _notes_of(old: Clause, new: Clause) -> tuple[tuple[str, str], ...]:
    """The notes of both sides: the new side's, then any marker only the old side has (in deleted words)."""
    if not old.notes:
        return new.notes
    mine = {marker for marker, _ in new.notes}
    return new.notes + tuple(n for n in old.notes if n[0] not in mine)


def _pair(old: Clause | None, new: Clause | None) -> ClauseChange:
    if old is None:
        assert new is not None, "at least one side of a pair is there"
        return _whole(new, "inserted")
    if new is None:
        assert old is not None, "at least one side of a pair is there"
        return _whole(old, "deleted")
    return diff_clauses(old, new)


def _pair_renumbered(old: Sequence[_T], new: Sequence[_T]) -> list[tuple[_T | None, _T | None]]:
    """Pair unmatched old and new provisions of one stretch whose words are alike (renumbered in place)."""
    pairs: list[tuple[_T | None, _T | None]] = []
    used: set[int] = set()
    j0 = 0
    for o in old:
        match = None
        if isinstance(o, Clause):
            for j in range(j0, len(new)):
                n = new[j]
                if j in used or not isinstance(n, Clause) or n.kind != o.kind:
                    continue
                sm = difflib.SequenceMatcher(
                    None,
                    clause_plain_text(o, labels=False).split(),
                    clause_plain_text(n, labels=False).split(),
                    autojunk=False,
                )
                if sm.quick_ratio() >= SIMILAR and sm.ratio() >= SIMILAR:
                    match = j
                    break
        if match is None:
            pairs.append((o, None))
            continue
        pairs += [(None, new[j]) for j in range(j0, match) if j not in used]
        used.update(range(j0, match + 1))
        pairs.append((o, new[match]))
        j0 = match + 1
    pairs += [(None, new[j]) for j in range(j0, len(new)) if j not in used]
    return pairs


def _align(
    old: Sequence[_T],
    new: Sequence[_T],
    key: Callable[[_T], str],
    content: Callable[[_T], ContentKey] | None = None,
) -> list[tuple[_T | None, _T | None]]:
    """Pairs (old, new) in reading order, None on the side where an item is missing.  With ``content``,
    items whose words did not change are paired first, whatever their number (so a clause inserted before
    G3.20 leaves the old G3.20 paired with the new G3.21, renumbered, not with the new G3.20); in between,
    items are paired by reference (``key``), then, for renumbered ones, by likeness of their words."""
    if content is None:
        return _align_by_key(old, new, key)
    sm = difflib.SequenceMatcher(None, [content(x) for x in old], [content(x) for x in new], autojunk=False)
    out: list[tuple[_T | None, _T | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += list(zip(old[i1:i2], new[j1:j2], strict=False))
        else:
            between: list[tuple[_T | None, _T | None]] = _align_by_key(old[i1:i2], new[j1:j2], key)
            out += between
    return out


def _align_by_key(old: Sequence[_T], new: Sequence[_T], key: Callable[[_T], str]) -> list[tuple[_T | None, _T | None]]:
    """Pairs by reference and then, for renumbered ones, by content."""
    sm = difflib.SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], autojunk=False)
    out: list[tuple[_T | None, _T | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += list(zip(old[i1:i2], new[j1:j2], strict=False))
        elif tag == "replace":
            out += _pair_renumbered(old[i1:i2], new[j1:j2])
        else:
            out += [(o, None) for o in old[i1:i2]]
            out += [(None, n) for n in new[j1:j2]]
    return out


def _content_key(item: Item) -> ContentKey:
    """An item's words without its numbers (a definition keeps its term; a heading, its words and kind), to
    find it renumbered: a tuple of the strings it holds, built without joining them."""
    if isinstance(item, Heading):
        return ("heading", item.kind, item.label, item.text)
    label = item.label if item.kind == "definition" else ""
    return (item.kind, label, item.text, item.trailing, item.rows, tuple(_content_key(c) for c in item.children))


def _body_key(item: Item) -> str:
    return f"clause:{item.ref}" if isinstance(item, Clause) else f"heading:{item.kind}:{item.label}:{item.text}"


def _child_key(item: Clause) -> str:
    return f"{item.kind}:{item.label}"


@collector_paused
def diff_documents(old: Document, new: Document) -> Redline:
    """Align the two documents clause by clause (by reference) and diff the words of each pair."""
    body: list[Entry] = []
    for o, n in _align(list(old.body), list(new.body), _body_key, _content_key):
        item = n if n is not None else o
        if isinstance(item, Heading):
            body.append(
                HeadingChange(
                    item, "equal" if o is not None and n is not None else ("inserted" if o is None else "deleted")
                )
            )
        else:
            body.append(_pair(o if isinstance(o, Clause) else None, n if isinstance(n, Clause) else None))
    return Redline(old, new, tuple(body))
