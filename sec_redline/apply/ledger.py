"""The change ledger: every change a run of change sets makes, recorded as it is made, with who made it.

Applying records, for every changed span, the operation (its ``file:line``) and the change set that made
it: words (``edit``: the smallest change, words kept where both sides have them), whole provisions
inserted, removed, replaced, renumbered or moved (``made``), headings added or removed, table rows
inserted or deleted and cells changed.  ``redline_of`` then reads a document's redline off the ledger:
each provision paired with itself by its identity (``Node.uid``, kept through renumbering and moving),
each mark carrying its maker.  The Annex A and a release's redline are written from it; nothing is
compared again, nothing matched by position.  (Two versions with no change sets between them are still
compared: ``legal_text.diff``.)

Word marks of one field are a list of runs whose equal and inserted text is the field's words now and
whose equal and deleted text is its words in the base (the invariant ``_splice`` keeps).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from legal_text import Clause, Document, Heading, Location, Redline, Run
from legal_text.diff import ClauseChange, Entry, HeadingChange, Status, diff_words, tokenize
from legal_text.tree_edit import Node, WorkingDocument

from ..changes import Field

FIELDS: tuple[Field, ...] = ("text", "trailing")


@dataclass(frozen=True)
class Maker:
    """Who made a change: the change set's modification, and where the operation is written."""

    modification: str
    where: Location

    def run(self, op: str, text: str) -> Run:
        assert op in ("insert", "delete")
        return Run("insert" if op == "insert" else "delete", text, self.modification, str(self.where))


@dataclass
class RowMark:
    """A row of a table as the ledger knows it: as the base had it (None: inserted), as it is now (None:
    deleted), who inserted or deleted it, and the cells changed in it (by column)."""

    base: tuple[str, ...] | None
    now: tuple[str, ...] | None
    by: Maker | None = None
    cells: dict[int, Maker] = field(default_factory=dict)


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end) of the stretch where ``old`` and ``new`` differ, in whole words (the
    tokens of ``legal_text.diff``): "reason" -> "reasonable grounds" changes the word, not its end."""
    a, b = tokenize(old), tokenize(new)
    p = 0
    limit = min(len(a), len(b))
    while p < limit and a[p] == b[p]:
        p += 1
    q = 0
    while q < limit - p and a[-1 - q] == b[-1 - q]:
        q += 1
    start = sum(map(len, a[:p]))
    return start, len(old) - sum(map(len, a[len(a) - q :])), len(new) - sum(map(len, b[len(b) - q :]))


def _merged(runs: Iterable[Run]) -> list[Run]:
    """Neighbouring runs of one kind by one maker as one; empty runs dropped."""
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and out[-1].op == r.op and out[-1].by == r.by and out[-1].at == r.at:
            out[-1] = Run(r.op, out[-1].text + r.text, r.by, r.at)
        else:
            out.append(r)
    return out


def _made(maker: Maker, runs: Iterable[Run]) -> list[Run]:
    """A diff's runs as ``maker``'s marks."""
    return [r if r.op == "equal" else maker.run(r.op, r.text) for r in runs]


def _splice(marks: list[Run], start: int, end: int, text: str, maker: Maker) -> list[Run]:
    """``marks`` with the words now at [start, end) replaced by ``text``, by ``maker``: within words a change
    inserted, the insertion itself rewritten; else the smallest change, unchanged words left unmarked."""
    pos = 0
    for k, r in enumerate(marks):
        inside = pos <= start and end <= pos + len(r.text) if start < end else pos < start < pos + len(r.text)
        if r.op == "insert" and inside:
            written = r.text[: start - pos] + text + r.text[end - pos :]
            return _merged([*marks[:k], Run("insert", written, r.by, r.at), *marks[k + 1 :]])
        if r.op != "delete":
            pos += len(r.text)
    before: list[Run] = []
    middle: list[Run] = []
    after: list[Run] = []
    pos = 0
    for r in marks:
        if r.op == "delete":
            (before if pos <= start else middle if pos < end else after).append(r)
            continue
        a, b = pos, pos + len(r.text)
        pos = b
        if a < start:
            before.append(Run(r.op, r.text[: min(b, start) - a], r.by, r.at))
        if a < end and b > start:
            middle.append(Run(r.op, r.text[max(a, start) - a : min(b, end) - a], r.by, r.at))
        if b > end:
            after.append(Run(r.op, r.text[max(a, end) - a :], r.by, r.at))
    if all(r.op == "equal" for r in middle):
        replaced = _made(maker, diff_words("".join(r.text for r in middle), text))
    else:  # words another change inserted or deleted are among them: those inserted go, the rest is struck
        replaced = [maker.run("delete", r.text) if r.op == "equal" else r for r in middle if r.op != "insert"]
        replaced.append(maker.run("insert", text))
    return _merged([*before, *replaced, *after])


def current(marks: Sequence[Run]) -> str:
    return "".join(r.text for r in marks if r.op != "delete")


class Ledger:
    """Every change of one run of change sets (see the module's docstring)."""

    def __init__(self) -> None:
        self._bases: list[tuple[range, Document]] = []  # the base documents, with their provisions' identities
        self._clauses: dict[int, list[Clause]] = {}  # id() of a base document -> its provisions, once asked
        self.marks: dict[tuple[int, Field], list[Run]] = {}
        self.made: dict[int, Maker] = {}  # who inserted, removed, replaced, renumbered or moved a provision
        self.stands_for: dict[int, int] = {}  # uid of a provision put in another's place -> that one's uid
        self.moves: dict[int, str] = {}  # uid of a moved provision -> the name its two places share
        self.headings: dict[int, Maker] = {}  # id() of a heading -> who added or removed it
        self.rows: dict[int, list[RowMark]] = {}  # uid of a table -> its rows, once one was changed
        self._base_uid: dict[int, int] = {}  # id() of a base Clause -> its uid, for the document being read

    # recording ----------------------------------------------------------------------------------------

    def saw(self, doc: Document, wd: WorkingDocument) -> None:
        """Remember a base document as it gets its working copy (its provisions' identities: ``base_uids``)."""
        self._bases.append((wd.base_uids, doc))

    def base(self, uid: int) -> Clause | None:
        """The base provision whose identity is ``uid``, or None (a provision a change set made)."""
        for uids, doc in self._bases:
            if uid in uids:
                return self._provisions(doc)[uid - uids.start]
        return None

    def _provisions(self, doc: Document) -> list[Clause]:
        if id(doc) not in self._clauses:
            self._clauses[id(doc)] = list(doc.clauses())
        return self._clauses[id(doc)]

    def identity(self, uid: int) -> int:
        """The base provision a provision is (itself, or the one it was put in place of)."""
        return self.stands_for.get(uid, uid)

    def edit(self, node: Node, fld: Field, new: str, maker: Maker) -> None:
        """``node``'s field ``fld`` becomes ``new``: the smallest change marked, by ``maker``."""
        old = getattr(node, fld)
        if old == new:
            return
        uid = self.identity(node.uid)
        if any(uid in uids for uids, _ in self._bases):
            marks = self.marks.setdefault((node.uid, fld), [Run("equal", old)] if old else [])
            start, old_end, new_end = changed_span(old, new)
            self.marks[(node.uid, fld)] = _splice(marks, start, old_end, new[start:new_end], maker)
        setattr(node, fld, new)

    def made_whole(self, node: Node | None, maker: Maker) -> None:
        """``maker`` inserted or removed ``node`` and everything inside it."""
        for n in node.walk() if node is not None else ():
            self.made[n.uid] = maker

    def renumbered(self, node: Node, maker: Maker) -> None:
        self.made[node.uid] = maker

    def moved(self, node: Node, maker: Maker) -> None:
        self.made[node.uid] = maker
        self.moves.setdefault(node.uid, f"move{len(self.moves) + 1}")

    def replaced(self, old: Node, new: Node, maker: Maker) -> None:
        """``new`` was put in ``old``'s place (a definition given new words; "[Not used]" left): the same
        provision, its words changed by ``maker``; its paragraphs paired by their labels."""
        base = self.base(self.identity(old.uid))
        if base is None:  # in place of a provision no base had: inserted, all of it
            self.made_whole(new, maker)
            return
        self.stands_for[new.uid] = self.identity(old.uid)
        self.made[new.uid] = maker
        for fld in FIELDS:
            was = _own(base) if fld == "text" else base.trailing
            now = _own_node(new) if fld == "text" else new.trailing
            if was != now:
                self.marks[(new.uid, fld)] = _made(maker, diff_words(was, now))
        kept = {(c.kind, c.label): c for c in old.children}
        for child in new.children:
            twin = kept.get((child.kind, child.label))
            if twin is not None:
                self.replaced(twin, child, maker)
            else:
                self.made_whole(child, maker)
        for child in old.children:
            if all((c.kind, c.label) != (child.kind, child.label) for c in new.children):
                self.made_whole(child, maker)

    def heading(self, heading: Heading, maker: Maker) -> None:
        """``maker`` added or removed ``heading``."""
        self.headings[id(heading)] = maker

    def table_rows(self, node: Node) -> list[RowMark]:
        """The rows of a table as the ledger tracks them (from its base rows, at the first change)."""
        if node.uid not in self.rows:
            self.rows[node.uid] = [RowMark(r, r) for r in node.rows]
        return self.rows[node.uid]

    def row_index(self, node: Node, at: int) -> int:
        """Where the table's row ``at`` (counting its rows now) is in its tracked rows."""
        rows = self.table_rows(node)
        live = [k for k, r in enumerate(rows) if r.now is not None]
        return live[at] if at < len(live) else len(rows)

    def row_inserted(self, node: Node, at: int, cells: tuple[str, ...], maker: Maker) -> None:
        rows = self.table_rows(node)
        rows.insert(self.row_index(node, at), RowMark(None, cells, maker))

    def row_deleted(self, node: Node, at: int, maker: Maker) -> None:
        rows = self.table_rows(node)
        k = self.row_index(node, at)
        if rows[k].base is None:  # a row a change set inserted: gone again, nothing to show
            del rows[k]
        else:
            rows[k].now, rows[k].by = None, maker

    def cell_set(self, node: Node, at: int, column: int, cells: tuple[str, ...], maker: Maker) -> None:
        row = self.table_rows(node)[self.row_index(node, at)]
        row.now = cells
        row.cells[column] = maker

    # reading ------------------------------------------------------------------------------------------

    def redline_of(self, doc: Document, wd: WorkingDocument) -> Redline:
        """The redline of ``doc`` as the change sets left it (``wd``), read off the ledger."""
        self._base_uid = {id(c): uid for c, uid in zip(self._provisions(doc), wd.base_uids, strict=True)}
        body: list[Entry] = []
        for base, now in self._paired(list(doc.body), list(wd.body)):
            if isinstance(base, Heading) or isinstance(now, Heading):
                body.append(self._heading(base, now))
            else:
                body.append(self._change(base, now, None))
        return Redline(doc, wd.freeze(), tuple(body))

    def _key(self, item: Clause | Node | Heading) -> tuple[str, int]:
        """What pairs an item with itself.  A moved provision's two places have keys of their own, so that
        only the provisions that kept their order pair in place and the move is where it was made."""
        if isinstance(item, Heading):
            return ("heading", id(item))
        if isinstance(item, Node):
            uid = self.identity(item.uid)
            return ("moved to" if uid in self.moves else "provision", uid)
        uid = self._base_uid[id(item)]
        return ("moved from" if uid in self.moves else "provision", uid)

    def _paired(
        self, base: Sequence[Clause | Heading], now: Sequence[Node | Heading]
    ) -> list[tuple[Clause | Heading | None, Node | Heading | None]]:
        """Base items and items now side by side, each with itself (its identity); the rest alone, in
        reading order (what went before what came, where both are between the same two kept items)."""
        a, b = [self._key(x) for x in base], [self._key(x) for x in now]
        if a == b:  # nothing inserted, removed or moved here (most provisions)
            return list(zip(base, now, strict=True))
        out: list[tuple[Clause | Heading | None, Node | Heading | None]] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                out += list(zip(base[i1:i2], now[j1:j2], strict=True))
            else:
                out += [(x, None) for x in base[i1:i2]] + [(None, y) for y in now[j1:j2]]
        return out

    def _heading(self, base: Clause | Heading | None, now: Node | Heading | None) -> HeadingChange:
        if isinstance(base, Heading) and isinstance(now, Heading):
            return HeadingChange(now, "equal")
        heading = base if isinstance(base, Heading) else now
        assert isinstance(heading, Heading), "a heading pairs only with itself"
        maker = self.headings.get(id(heading))
        status: Status = "deleted" if now is None else "inserted"
        return HeadingChange(heading, status, maker.modification if maker else "", str(maker.where) if maker else "")

    def _change(
        self, base: Clause | Heading | None, now: Node | Heading | None, inherited: Maker | None
    ) -> ClauseChange:
        """One provision's change: inserted, deleted, moved, or paired with itself."""
        if base is None:
            assert isinstance(now, Node)
            maker = self.made.get(now.uid, inherited)
            return self._whole(now.freeze(), "inserted", maker, self.moves.get(self.identity(now.uid), ""))
        assert isinstance(base, Clause)
        uid = self._base_uid[id(base)]
        if now is None:
            return self._whole(base, "deleted", self.made.get(uid, inherited), self.moves.get(uid, ""))
        assert isinstance(now, Node)
        return self._kept(base, now, inherited)

    def _whole(self, clause: Clause, status: Status, maker: Maker | None, moved: str) -> ClauseChange:
        op = "insert" if status == "inserted" else "delete"

        def runs(text: str) -> tuple[Run, ...]:
            if not text:
                return ()
            return (maker.run(op, text),) if maker else (Run("insert" if op == "insert" else "delete", text),)

        by = maker.modification if maker else ""
        rows = len(clause.rows)
        return ClauseChange(
            clause.ref, clause.label, status, runs(_own(clause)),
            tuple(self._whole(c, status, maker, "") for c in clause.children), runs(clause.trailing), clause.kind,
            cells=tuple(tuple(runs(cell) for cell in row) for row in clause.rows), row_status=(status,) * rows,
            by=by, notes=clause.notes, row_by=(by,) * rows if by else (), moved=moved,
            at=str(maker.where) if maker else "",
        )  # fmt: skip

    def _field(self, node: Node, fld: Field, base_text: str) -> tuple[Run, ...]:
        marks = self.marks.get((node.uid, fld))
        if marks is not None:
            return tuple(marks)
        now = _own_node(node) if fld == "text" else node.trailing
        assert now == base_text, f"{node.ref}: its {fld} changed unrecorded"
        return (Run("equal", now),) if now else ()

    def _kept(self, base: Clause, node: Node, inherited: Maker | None) -> ClauseChange:
        """A provision of the base still there: its own words' marks, its paragraphs paired with themselves."""
        maker = self.made.get(node.uid, inherited if node.uid in self.stands_for else None)
        text = self._field(node, "text", _own(base))
        trailing = self._field(node, "trailing", base.trailing)
        children = tuple(
            self._change(b, n, maker if node.uid in self.stands_for else None)
            for b, n in self._paired(base.children, node.children)
        )
        cells, row_status, row_by = self._cells(base, node)
        own_changed = any(r.op != "equal" for r in text + trailing) or any(s != "equal" for s in row_status)
        renumbered = base.label != node.label and node.kind != "table"
        changed = own_changed or any(c.status != "equal" for c in children)
        status: Status = "renumbered" if renumbered else "amended" if changed else "equal"
        by = maker.modification if maker and (renumbered or node.uid in self.stands_for) else ""
        return ClauseChange(
            node.ref, node.label, status, text, children, trailing, node.kind,
            base.label if renumbered else "", base.ref if renumbered else None, cells, row_status,
            by=by, notes=node.notes or base.notes, row_by=row_by, at=str(maker.where) if by and maker else "",
        )  # fmt: skip

    def _cells(
        self, base: Clause, node: Node
    ) -> tuple[tuple[tuple[tuple[Run, ...], ...], ...], tuple[Status, ...], tuple[str, ...]]:
        """A table's cells as runs, each row's status and who changed it."""
        rows = self.rows.get(node.uid) or [RowMark(r, r) for r in base.rows]
        cells: list[tuple[tuple[Run, ...], ...]] = []
        status: list[Status] = []
        row_by: list[str] = []
        for row in rows:
            if row.base is None or row.now is None:
                op = "insert" if row.base is None else "delete"
                words = row.now if row.base is None else row.base
                assert words is not None and row.by is not None
                cells.append(tuple((row.by.run(op, c),) if c else () for c in words))
                status.append("inserted" if row.base is None else "deleted")
                row_by.append(row.by.modification)
                continue
            out = []
            for j, (was, now) in enumerate(zip(row.base, row.now, strict=True)):
                maker = row.cells.get(j)
                out.append(tuple(_made(maker, diff_words(was, now))) if maker and was != now else _equal(now))
            cells.append(tuple(out))
            status.append("amended" if row.base != row.now else "equal")
            row_by.append(next(iter(row.cells.values())).modification if row.cells and row.base != row.now else "")
        return tuple(cells), tuple(status), tuple(row_by) if any(row_by) else ()


def _equal(text: str) -> tuple[Run, ...]:
    return (Run("equal", text),) if text else ()


def _own(clause: Clause) -> str:
    """A provision's own words: its chapeau; for a table, its caption."""
    return clause.label if clause.kind == "table" else clause.text


def _own_node(node: Node) -> str:
    return node.label if node.kind == "table" else node.text
