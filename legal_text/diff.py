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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeVar

import diff_match_patch as dmp_module

from .align import Doubt, Keys, align, masked
from .clause_ref import ClauseRef
from .collector import collector_paused
from .model import NOTE_DIGITS, Clause, ClauseKind, Document, Heading, Item
from .text_writer import clause_plain_text

_T = TypeVar("_T")

Op = Literal["equal", "insert", "delete"]
Status = Literal["equal", "amended", "inserted", "deleted", "renumbered"]
ContentKey = tuple[object, ...]  # a provision's words without its numbers, to pair it renumbered

# A clause reference ("G3.18", "G3.18A(a)(ii)") is one token, so a changed reference is marked whole
# ([-G3.18-]{+G3.18A+}), never inside ("G3.[-18-]{+18A+}").
_TOKEN_RE = re.compile(
    r"\s+|[A-Z]{1,2}\d+\.\d+[A-Z]{0,2}(?:\([A-Za-z0-9]{1,6}\))*(?!\w|\.\d)|[\w’'+\-/]+|[^\w\s]", re.UNICODE
)
_OPS = {0: "equal", 1: "insert", -1: "delete"}


@dataclass(frozen=True)
class Run:
    """A stretch of text that is unchanged, inserted or deleted; ``by`` names the change that made it (a
    modification), or is empty; ``at`` where that change was written (a change set's ``file:line``), when
    the change was recorded as it was made rather than found by a comparison."""

    op: Op
    text: str
    by: str = ""
    at: str = field(default="", compare=False)


def tokenize(text: str) -> list[str]:
    """Split text into words, white-space runs and punctuation marks; joined they give ``text`` back."""
    return _TOKEN_RE.findall(text)


def _words(text: str) -> tuple[str, list[str], list[str]]:
    """``text`` as its white space before the first word, its words (tokens that are not white space) and
    the white space after each."""
    lead = ""
    words: list[str] = []
    gaps: list[str] = []
    for token in tokenize(text):
        if token.isspace():
            if gaps:
                gaps[-1] += token
            else:
                lead += token
        else:
            words.append(token)
            gaps.append("")
    return lead, words, gaps


def _encode(a: list[str], b: list[str]) -> tuple[str, str]:
    """Each word as one character, the same word as the same character."""
    table: dict[str, str] = {}

    def code(word: str) -> str:
        found = table.get(word)
        if found is None:
            found = table[word] = chr(0x100 + len(table))
        return found

    return "".join(map(code, a)), "".join(map(code, b))


def diff_words(old: str, new: str) -> tuple[Run, ...]:
    """Word-level runs turning ``old`` into ``new``; equal+delete rebuild old, equal+insert rebuild new.

    Minimal: no word that is in both is struck and typed again ("promptly notified" -> "notified within
    five Working Days" deletes "promptly" and inserts after "notified"), and a changed word is marked
    whole.  diff-match-patch diffs the words mapped one to a character (its line-or-word recipe, exact
    with no time limit); white space is not diffed (matched on its own, a space ties with the word beside
    it): it follows its word.  Then each change is settled (``_settled``: the spaces both sides share
    moved out of it, punctuation alone between two changes folded in, so a change reads as one phrase)
    and its boundaries slid to where a drafter would put them (``diff_cleanupSemanticLossless``).  Its
    ``diff_cleanupSemantic`` is not used: it folds any equality no longer than the changes around it,
    which strikes and retypes unchanged words.
    """
    if old == new:
        return (Run("equal", old),) if old else ()
    dmp = dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut a diff short on a slow machine
    (lead_a, a, gaps_a), (lead_b, b, gaps_b) = _words(old), _words(new)
    ea, eb = _encode(a, b)
    pieces: list[tuple[int, str]] = [(0, lead_a)] if lead_a == lead_b else [(-1, lead_a), (1, lead_b)]
    ia = ib = 0
    for op, codes in dmp.diff_main(ea, eb, False):
        for _ in codes:
            if op == 0:
                pieces.append((0, a[ia]))
                if gaps_a[ia] == gaps_b[ib]:
                    pieces.append((0, gaps_a[ia]))
                else:
                    pieces += [(-1, gaps_a[ia]), (1, gaps_b[ib])]
                ia, ib = ia + 1, ib + 1
            elif op == -1:
                pieces.append((-1, a[ia] + gaps_a[ia]))
                ia += 1
            else:
                pieces.append((1, b[ib] + gaps_b[ib]))
                ib += 1
    settled = _settled([(op, text) for op, text in pieces if text])
    dmp.diff_cleanupSemanticLossless(settled)
    return _merge(settled)


_WORD = re.compile(r"\w", re.UNICODE)


def _settled(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The diff as equalities and changes, each change one deletion and one insertion: punctuation alone
    between two changes folded into them ("[-a, b-]{+x; y+}", never a word), and the tokens a change's
    two sides begin or end with alike (the spaces around a word) moved out into the equalities."""
    items: list[list[str]] = []  # ["=", text] or ["~", deleted, inserted]
    for op, text in diffs:
        if op == 0:
            items.append(["=", text])
            continue
        if not items or items[-1][0] != "~":
            items.append(["~", "", ""])
        items[-1][1 if op == -1 else 2] += text
    folded: list[list[str]] = []
    for item in items:
        between = len(folded) >= 2 and folded[-1][0] == "=" and folded[-2][0] == "~"
        if item[0] == "~" and between and not _WORD.search(folded[-1][1]):
            kept = folded.pop()[1]
            folded[-1][1] += kept + item[1]
            folded[-1][2] += kept + item[2]
        else:
            folded.append(item)
    out: list[tuple[int, str]] = []
    for item in folded:
        if item[0] == "=":
            out.append((0, item[1]))
            continue
        gone, came = tokenize(item[1]), tokenize(item[2])
        head = 0
        while head < min(len(gone), len(came)) and gone[head] == came[head]:
            head += 1
        tail = 0
        while tail < min(len(gone), len(came)) - head and gone[-1 - tail] == came[-1 - tail]:
            tail += 1
        out.append((0, "".join(gone[:head])))
        out.append((-1, "".join(gone[head : len(gone) - tail])))
        out.append((1, "".join(came[head : len(came) - tail])))
        out.append((0, "".join(gone[len(gone) - tail :])))
    return [(op, text) for op, text in out if text]


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
    row_by: tuple[str, ...] = ()  # the change that inserted or deleted each row of a table (``by`` when empty)
    moved: str = ""  # a moved provision's two places (deleted where it was, inserted where it went) share this name
    at: str = field(default="", compare=False)  # where the change that made ``by``'s change is written (``Run.at``)

    @property
    def label_runs(self) -> tuple[Run, ...]:
        """The label as runs: inserted, deleted, or the old number struck and the new one inserted."""
        if self.status == "inserted":
            return (Run("insert", self.label, self.by, self.at),)
        if self.status == "deleted":
            return (Run("delete", self.label, self.by, self.at),)
        if self.old_label and self.old_label != self.label:
            return (Run("delete", self.old_label, self.by, self.at), Run("insert", self.label, self.by, self.at))
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
    at: str = field(default="", compare=False)  # where that change is written (``Run.at``)

    @property
    def runs(self) -> tuple[Run, ...]:
        """The heading's words as one run: inserted, deleted or unchanged."""
        op: Op = "insert" if self.status == "inserted" else "delete" if self.status == "deleted" else "equal"
        return (Run(op, f"{self.heading.label} {self.heading.text}".strip(), self.by, self.at),)


Entry = HeadingChange | ClauseChange


@dataclass(frozen=True)
class Redline:
    """Old and new documents and the aligned changes between them: the one input of every redline writer."""

    old: Document
    new: Document
    body: tuple[Entry, ...]
    # Where two pairings of provisions were equally good, which was kept (see ``align``), for a warning.
    doubts: tuple[str, ...] = field(default=(), compare=False)

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
    """An unchanged provision, without diffing it (most provisions of two versions: kept lean)."""
    own = clause.label if clause.kind == "table" else clause.text
    trailing, rows = clause.trailing, clause.rows
    return ClauseChange(
        clause.ref,
        clause.label,
        "equal",
        (Run("equal", own),) if own else (),
        tuple(map(_same, clause.children)) if clause.children else (),
        (Run("equal", trailing),) if trailing else (),
        clause.kind,
        cells=tuple(tuple((Run("equal", cell),) if cell else () for cell in row) for row in rows) if rows else (),
        row_status=_EQUAL_ROW * len(rows),
        notes=clause.notes,
    )


def diff_clauses(old: Clause, new: Clause, doubts: list[str] | None = None) -> ClauseChange:
    """The change from ``old`` to ``new`` (the same provision), its paragraphs paired as ``align`` pairs
    them (doubts about a pairing added to ``doubts``)."""
    if old == new:  # most provisions of two versions: nothing to align or diff
        return _same(new)
    same_note = note_markers(old, new)
    text = diff_words(same_note(_own_words(old)), _own_words(new))
    trailing = diff_words(same_note(old.trailing), new.trailing)
    paired = align(old.children, new.children, CHILD_KEYS)
    if doubts is not None:
        doubts += map(_doubt_line, paired.doubts)
    children = tuple(_pair(o, n, doubts) for o, n in paired.pairs)
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


def _pair(old: Clause | None, new: Clause | None, doubts: list[str] | None = None) -> ClauseChange:
    if old is None:
        assert new is not None, "at least one side of a pair is there"
        return _whole(new, "inserted")
    if new is None:
        assert old is not None, "at least one side of a pair is there"
        return _whole(old, "deleted")
    return diff_clauses(old, new, doubts)


def _masked_key(item: Item) -> ContentKey:
    """An item's words without its numbers and with its cross-references masked (a definition keeps its
    term; a heading, its words and kind): equal for the same provision renumbered, or citing one that was."""
    if isinstance(item, Heading):
        return ("heading", item.kind, item.label, item.text)
    label = item.label if item.kind == "definition" else ""
    rows = tuple(tuple(masked(cell) for cell in row) for row in item.rows)
    return (item.kind, label, masked(item.text), masked(item.trailing), rows, tuple(map(_masked_key, item.children)))


def _number(item: Item) -> object:
    """A body item's number: a clause's reference; a heading is its own (it pairs only with itself)."""
    return item.ref if isinstance(item, Clause) else _masked_key(item)


def _child_number(item: Clause) -> object:
    return (item.kind, item.label)


def _kind(item: Item) -> str:
    return item.kind if isinstance(item, Clause) else "heading"


def _likeness_words(item: Item) -> list[str]:
    """The words likeness is measured on: without numbers, references masked."""
    if isinstance(item, Heading):
        return f"{item.label} {item.text}".split()
    return masked(clause_plain_text(item, labels=False)).split()


def _content_key(item: Item) -> ContentKey:
    """An item's words without its numbers, as they are (a definition keeps its term; a heading, its words
    and kind): a tuple of the strings it holds, built without joining them."""
    if isinstance(item, Heading):
        return ("heading", item.kind, item.label, item.text)
    label = item.label if item.kind == "definition" else ""
    return (item.kind, label, item.text, item.trailing, item.rows, tuple(map(_content_key, item.children)))


BODY_KEYS: Keys[Item] = Keys(_content_key, _masked_key, _number, _likeness_words, _kind)
CHILD_KEYS: Keys[Clause] = Keys(_content_key, _masked_key, _child_number, _likeness_words, _kind)


def _doubt_line(doubt: Doubt) -> str:
    def name(x: object) -> str:
        if isinstance(x, Clause):
            return str(x.ref)
        if isinstance(x, Heading):
            return f"heading '{f'{x.label} {x.text}'.strip()}'"
        return str(x)

    return (
        f"{name(doubt.item)} reads as much like {name(doubt.chosen)} as like {name(doubt.other)}: paired with "
        f"{name(doubt.chosen)}, the first in reading order; check which it is"
    )


@collector_paused
def diff_documents(old: Document, new: Document) -> Redline:
    """Pair the two documents' provisions (``align``: by their words first, by number only where words do
    not decide) and diff the words of each pair; ``Redline.doubts`` says where two pairings were as good."""
    if old.body == new.body:  # a document the versions share (most, between two versions of a code)
        same = tuple(_same(i) if isinstance(i, Clause) else HeadingChange(i, "equal") for i in new.body)
        return Redline(old, new, same)
    body: list[Entry] = []
    paired = align(old.body, new.body, BODY_KEYS)
    doubts = list(map(_doubt_line, paired.doubts))
    for o, n in paired.pairs:
        item = n if n is not None else o
        if isinstance(item, Heading):
            body.append(
                HeadingChange(
                    item, "equal" if o is not None and n is not None else ("inserted" if o is None else "deleted")
                )
            )
        else:
            body.append(_pair(o if isinstance(o, Clause) else None, n if isinstance(n, Clause) else None, doubts))
    return Redline(old, new, tuple(body), tuple(doubts))
