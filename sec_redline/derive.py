"""Derive a change set from two versions of a text.

A drafter edits a copy of the base text; ``derive_changeset(old, new, ...)``
turns the difference into operations: removals, renumberings, new wording
(``in: REF`` with ``text:``), new provisions (``add:``) and definitions.
Applying the derived change set to ``old`` gives ``new`` (a property test);
``derive_checked`` writes it as YAML only once it has done so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from legal_text import Clause, ClauseRef, Document, Message, Result, warning
from legal_text.diff import ClauseChange, HeadingChange, Redline, diff_documents
from legal_text.events import find_events
from legal_text.text_reader import caption_number
from legal_text.text_writer import render_clause_blocks

from .apply import apply_changesets
from .changes import (
    AddHeading,
    AmendDefinition,
    ChangeSet,
    DeleteClause,
    DeleteRow,
    InsertClause,
    InsertRow,
    MoveClause,
    Operation,
    RemoveDefinition,
    RemoveHeading,
    Renumber,
    SetCell,
    SetText,
    dump_changeset,
    load_changeset_text,
)
from .derived import ChangeSetHeader
from .errors import ChangeSetError, InputError
from .outputs import Outputs
from .yamlsource import Location


def _provision_text(clause: Clause) -> str:
    """The provision as SEC plain text, starting at column 0, blocks separated by blank lines."""
    blocks = render_clause_blocks(clause)
    pad = len(blocks[0]) - len(blocks[0].lstrip())
    return "\n\n".join("\n".join(line[pad:] for line in b.splitlines()) for b in blocks)


def _definition_text(clause: Clause) -> str:
    text = _provision_text(clause)
    return text[len(clause.label) :].lstrip(" ") if text.startswith(clause.label) else text


Renaming = Renumber | MoveClause  # what gives a provision another number or place


def _destination(op: Renaming) -> ClauseRef:
    return op.to or op.target


def _ready(r: Renaming, pending: list[Renaming]) -> bool:
    """``r`` can be applied now: its new number is free, the paragraphs inside it are renumbered, and a
    move's neighbour stands where it is named."""
    if _destination(r) != r.target and any(p.target == _destination(r) for p in pending):
        return False
    if any(p.target != r.target and p.target.is_within(r.target) for p in pending):
        return False
    unsettled = {_destination(p) for p in pending} | {p.target for p in pending if _destination(p) != p.target}
    return not (isinstance(r, MoveClause) and r.anchor in unsettled)


def _order_renamings(renamings: list[Renaming]) -> list[Renaming] | None:
    """Renumberings and moves in an order where each can be applied when it comes: its new number is free
    (what held it has been renumbered away), the paragraphs inside it have been renumbered first (under
    its old number), and a move's neighbour already stands where it is named.  A cycle of renumberings
    (G1.1 <-> G1.2) goes through a spare number; None when moves cannot be ordered (they are then written
    as a removal and an addition)."""
    pending = list(renamings)
    ordered: list[Renaming] = []
    while pending:
        now = [r for r in pending if _ready(r, pending)]
        if not now:
            stuck = next((r for r in pending if isinstance(r, Renumber)), None)
            if stuck is None:
                return None
            pending.remove(stuck)
            parent = stuck.target.parent()
            spare = (
                parent.child(stuck.target.path[-1] + "z")
                if stuck.target.path and parent is not None
                else replace(stuck.target, clause=(stuck.target.clause or "") + "Z")
            )
            ordered.append(Renumber(stuck.target, spare, stuck.where))
            pending.append(Renumber(spare, stuck.to, stuck.where))
            continue
        for r in now:
            pending.remove(r)
            ordered.append(r)
    return ordered


def derive_operations(
    old: Document, new: Document, moves: bool = True, redline: Redline | None = None
) -> list[list[Operation]]:
    """Operations that turn ``old`` into ``new``, in phases: headings removed, provisions removed,
    renumbered, edited (in new-text order), headings added.  With ``moves``, a provision moved unchanged
    within the Section is one ``move:``; otherwise (and always for a move across Sections or with
    amendments) it is removed and added.  ``redline`` is the comparison of the two when the caller has it
    already.  Of several documents, each phase of every document comes before the next phase of any
    (``derive_changeset``): new words written before another document's renumbering would be renamed by
    it a second time."""
    here = Location("<derived>", 0)
    removals: list[Operation] = []
    renumbers: list[Renaming] = []
    edits: list[Operation] = []
    new_index = {c.ref: c for c in new.clauses()}
    old_index = {c.ref: c for c in old.clauses() if c.kind == "table"}
    if redline is None:
        redline = diff_documents(old, new)
    moved: dict[int, ClauseRef] = {}  # id() of the arriving ClauseChange -> where it was
    leaving: set[int] = set()
    if moves:
        for ev in find_events([redline]):
            if ev.kind == "moved" and not ev.amended and ev.old_change is not None and ev.new_change is not None:
                moved[id(ev.new_change)] = ev.old_change.ref
                leaving.add(id(ev.old_change))

    def siblings_in_new(ref: ClauseRef) -> list[Clause]:
        parent_ref = ref.parent()
        if ref.path and parent_ref is not None:
            return list(new_index[parent_ref].children)
        return [i for i in new.body if isinstance(i, Clause) and i.ref.group == ref.group]  # G3.1, G3.2, ...

    def add_op(change: ClauseChange, inserted_refs: set[ClauseRef]) -> Operation:
        clause = new_index[change.ref]
        if clause.kind == "definition":
            return AmendDefinition(clause.label.strip('"'), _definition_text(clause), here)
        sibs = siblings_in_new(change.ref)
        i = next(k for k, s in enumerate(sibs) if s.ref == change.ref)
        later = [s for s in sibs[i + 1 :] if s.ref not in inserted_refs]
        if id(change) in moved:  # beside a neighbour that is there before the additions
            earlier = [s for s in sibs[:i] if s.ref not in inserted_refs]
            if earlier:
                return MoveClause(moved[id(change)], earlier[-1].ref, "after", change.ref, here)
            if later:
                return MoveClause(moved[id(change)], later[0].ref, "before", change.ref, here)
        if i > 0:
            return InsertClause(change.ref, sibs[i - 1].ref, "after", _provision_text(clause), here)
        if later:
            return InsertClause(change.ref, later[0].ref, "before", _provision_text(clause), here)
        return InsertClause(change.ref, None, "end", _provision_text(clause), here)

    inserted = {c.ref for e in redline.body if isinstance(e, ClauseChange) for c in e.walk() if c.status == "inserted"}

    def visit(change: ClauseChange) -> None:
        if change.status == "equal":
            return
        if change.status == "deleted":
            if id(change) in leaving:
                return
            if change.kind == "definition":
                removals.append(RemoveDefinition(change.label.strip('"'), here))
            else:
                removals.append(DeleteClause(change.ref, None, here))
            return
        if change.status == "inserted":
            op = add_op(change, inserted)
            if isinstance(op, MoveClause):
                renumbers.append(op)  # ordered with the renumberings it depends on
            else:
                edits.append(op)
            return
        if change.old_ref is not None and change.old_ref != change.ref:
            renumbers.append(Renumber(change.old_ref, _renumbered_in_place(change.old_ref, change.ref), here))
        clause = new_index[change.ref]
        if clause.kind == "table":
            before = old_index.get(change.old_ref or change.ref)
            rows = _row_operations(before, clause, change, old.key, here) if before is not None else None
            if rows is not None:
                edits.extend(rows)
                return
            edits.append(DeleteClause(change.ref, None, here))
            edits.append(add_op(replace(change, status="inserted"), inserted))
            return
        for fld in ("text", "trailing"):
            runs = getattr(change, fld)
            if any(r.op != "equal" for r in runs):
                new_text = getattr(clause, fld)
                if fld == "trailing" and not new_text:
                    new_text = ""
                edits.append(SetText(change.ref, fld, new_text, here))
        for child in change.children:
            visit(child)

    for entry in redline.body:
        if isinstance(entry, ClauseChange):
            visit(entry)
    heading_removals, heading_additions = _heading_operations(redline, here)
    # Paragraphs before the provisions holding them: each is renumbered under its holder's old number, then
    # the holder's renumbering carries it along.
    renumbers.sort(key=lambda r: -len(r.target.path))
    renamings = _order_renamings(renumbers)
    if renamings is None:
        return derive_operations(old, new, False, redline)
    return [heading_removals, removals, list(renamings), edits, heading_additions]


def _row_operations(
    old: Clause, new: Clause, change: ClauseChange, document: str, here: Location
) -> list[Operation] | None:
    """A table's changes as row and cell operations (rows named by their first cell where that is unique,
    else by number), or None when they cannot be said so: no caption, a new caption, columns added or
    removed, a row before the header."""
    table = caption_number(old.label)
    width = {len(r) for r in (*old.rows, *new.rows)}
    if not table or old.label != new.label or len(width) != 1:
        return None
    current = [list(r) for r in old.rows]
    ops: list[Operation] = []

    def key(k: int) -> str | int:
        first = current[k][0]
        return first if first and sum(1 for r in current if r[0] == first) == 1 else k + 1

    p = 0  # the row of ``current`` the walk is at
    q = 0  # the row of the new table
    for status in change.row_status:
        if status == "deleted":
            ops.append(DeleteRow(table, document, key(p), here))
            del current[p]
            continue
        if status == "inserted":
            if p == 0:
                return None
            cells = new.rows[q]
            ops.append(InsertRow(table, document, cells, key(p - 1), "after", here))
            current.insert(p, list(cells))
        elif status == "amended":
            target = new.rows[q]
            for j in sorted(range(len(target)), key=lambda j: j == 0):  # the first cell last: it names the row
                if current[p][j] != target[j]:
                    header = current[0][j]
                    named = p > 0 and header and sum(1 for h in current[0] if h == header) == 1
                    ops.append(SetCell(table, document, key(p), header if named else j + 1, target[j], here))
                    current[p][j] = target[j]
        p += 1
        q += 1
    return ops if [tuple(r) for r in current] == list(new.rows) else None


def _renumbered_in_place(old: ClauseRef, new: ClauseRef) -> ClauseRef:
    """Where a renumbering of ``old`` goes while the provision holding it still has its old number: a
    paragraph takes its new enumerator under its old holder (X1.2(c)(i) -> X1.2(c)(ii), when X1.2 itself
    becomes X1.72 afterwards); a clause, its new number."""
    if not old.path or not new.path:
        return new
    return replace(old, path=old.path[:-1] + new.path[-1:])


def _heading_operations(redline: Redline, here: Location) -> tuple[list[Operation], list[Operation]]:
    """Headings deleted (each named with the clause it stood before in the old text: removed first, before
    any clause is) and inserted (with the clause it stands before in the new text: added last, when every
    clause is in place).  A heading after the last clause cannot be named so: InputError."""
    removals: list[Operation] = []
    additions: list[Operation] = []
    body = redline.body
    for k, entry in enumerate(body):
        if not isinstance(entry, HeadingChange) or entry.status == "equal":
            continue
        side = "old" if entry.status == "deleted" else "new"
        after = (e for e in body[k + 1 :] if isinstance(e, ClauseChange))
        skip = "inserted" if side == "old" else "deleted"  # clauses not on that side
        before = next((e for e in after if e.status != skip), None)
        words = f"{entry.heading.label} {entry.heading.text}".strip()
        if before is None:
            raise InputError(f"the heading {words!r} has no clause after it, which a change set could name")
        if side == "old":
            removals.append(RemoveHeading(words, before.old_ref or before.ref, here))
        else:
            additions.append(AddHeading(words, before.ref, here))
    return removals, additions


def derive_changeset(
    old: Document | Sequence[Document],
    new: Document | Sequence[Document],
    modification: str,
    title: str,
    author: str,
    date: dt.date,
    base: str | None = None,
    moves: bool = True,
    redlines: Sequence[Redline] | None = None,
) -> ChangeSet:
    """A change set turning ``old`` into ``new``: one Section each, or the same Sections of two versions of
    the code side by side (``redlines``: their comparisons, when the caller has them already)."""
    olds = [old] if isinstance(old, Document) else list(old)
    news = [new] if isinstance(new, Document) else list(new)
    compared = list(redlines) if redlines is not None else [None] * len(olds)
    phased = [derive_operations(o, n, moves, r) for o, n, r in zip(olds, news, compared, strict=True)]
    ops = [op for phase in zip(*phased, strict=True) for ops_of_document in phase for op in ops_of_document]
    version = base if base is not None else next((d.version for d in olds if d.version), "")
    return ChangeSet(modification, title, version, author, date, tuple(ops))


def derive_checked(
    old: Sequence[Document],
    new: Sequence[Document],
    header: ChangeSetHeader,
    redlines: Sequence[Redline] | None = None,
    old_name: str = "OLD",
    new_name: str = "NEW",
) -> Result[str]:
    """The change set turning the ``old`` documents into the ``new`` ones (the same documents of two
    versions, side by side) as YAML, checked to reproduce ``new`` before it is returned.  A move is written
    as ``move:`` where that reproduces ``new``, else as a removal and an addition.  ``redlines``: the pairs'
    comparisons, when the caller has made them; ``old_name``/``new_name`` name the two in messages."""
    stated = next((d.version for d in old if d.version), "")
    if header.base and stated and header.base != stated:
        raise InputError(f"{old_name}: is SEC {stated}, not SEC {header.base} as --base says; give the right base text")
    messages: list[Message] = []
    for moves in (True, False):
        cs = derive_changeset(
            old, new, header.modification, header.title, header.author, header.date, header.base,
            moves=moves, redlines=redlines,
        )  # fmt: skip
        if not cs.changes:
            raise InputError(f"{new_name}: no differences from {old_name}; nothing to write")
        if not cs.base:
            messages = [
                warning(
                    "names no SEC version and no --base was given; the change set says 'base: unknown' (set it "
                    "before use)",
                    old_name,
                )
            ]
            cs = replace(cs, base="unknown")
        text = dump_changeset(cs)
        if _reproduces(text, old, new):
            return Result(text, tuple(messages))
    raise RuntimeError("derived change set does not reproduce the new text")


def _reproduces(text: str, old: Sequence[Document], new: Sequence[Document]) -> bool:
    """True when the change set ``text`` loads and, applied to ``old``, gives ``new``."""
    try:
        loaded = load_changeset_text(text, "<derived>")
        applied = apply_changesets([o.with_version("") for o in old], [replace(loaded, base="")]).value
    except ChangeSetError:
        return False
    return [d.body for d in applied] == [d.body for d in new]


def make_changeset(
    old: str, new: str, output: str | Path, header: ChangeSetHeader, section: str | None = None
) -> Outputs:
    """``sec-redline changeset``: the change set turning OLD into NEW (edit a copy of the base text, one
    document or the whole code, .txt or .docx), checked to reproduce NEW, as YAML at ``output`` (``-``:
    on standard output)."""
    from .fileio import check_not_input, is_stdio
    from .sources import read_two_versions

    if not is_stdio(output):
        check_not_input(output, [old, new])
    pairs, said = read_two_versions(old, new, section)
    derived = derive_checked([o for o, _ in pairs], [n for _, n in pairs], header, None, old, new)
    inputs = (Path(old), Path(new))
    if is_stdio(output):
        return Outputs(messages=said + derived.messages, stdout=derived.value, inputs=inputs)
    return Outputs({Path(output): derived.value}, said + derived.messages, inputs=inputs)
