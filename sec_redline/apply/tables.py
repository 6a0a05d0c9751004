"""Operations on tables, named by their caption's number ("Table 28a"): rows added and removed, cells
given new words.  Rows are named by their first cell's words or their number; columns by their header's."""

from __future__ import annotations

import difflib

from legal_text import ClauseRef
from legal_text.text_reader import caption_number
from legal_text.tree_edit import Node

from ..changes import BLANK_CELL, DeleteRow, InsertRow, RowKey, SetCell
from .state import State

TableChange = InsertRow | DeleteRow | SetCell


def _table(state: State, op: TableChange) -> Node | None:
    """The one table captioned ``op.table`` (in ``op.document`` when given), as a working node."""
    wanted = op.table.casefold()
    hits: list[tuple[int, ClauseRef]] = []
    captions: list[str] = []
    for i, doc in enumerate(state.docs):
        if op.document is not None and not doc.is_named(op.document):
            continue
        nodes = state.nodes_of(i)
        tables = (
            [(n.ref, n.label) for n in nodes if n.kind == "table"]
            if nodes is not None
            else [(c.ref, c.label) for c in doc.clauses() if c.kind == "table"]
        )
        for ref, label in tables:
            number = caption_number(label)
            captions.append(number)
            if number.casefold() == wanted:
                hits.append((i, ref))
    where = f" in {op.document}" if op.document else ""
    if not hits:
        close = difflib.get_close_matches(op.table, [c for c in captions if c], n=1, cutoff=0.6)
        state.problem(
            op,
            f"no table captioned {op.table!r}{where} in the base text"
            + (f"; nearest: {close[0]!r}" if close else "" if captions else " (it has no captioned table)"),
        )
        return None
    if len(hits) > 1:
        names = sorted({state.docs[i].name for i, _ in hits})
        state.problem(
            op,
            f"{len(hits)} tables are captioned {op.table!r} ({', '.join(names)}); "
            f"say which with 'document:', e.g. document: {names[0].split()[-1]}",
        )
        return None
    i, ref = hits[0]
    return state.work(i).find(ref)


def _index(state: State, op: TableChange, node: Node, key: RowKey, what: str = "row") -> int | None:
    """The index of the row (or, for ``what`` "column", the column) ``key`` names."""
    cells = [r[0] if r else "" for r in node.rows] if what == "row" else list(node.rows[0] if node.rows else ())
    if isinstance(key, int):
        if key <= len(cells):
            return key - 1
        state.problem(op, f"{op.table} has {len(cells)} {what}s, so it has no {what} {key}")
        return None
    found = [k for k, c in enumerate(cells) if " ".join(c.split()) == key]
    if not found:
        found = [k for k, c in enumerate(cells) if " ".join(c.split()).casefold() == key.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        state.problem(op, f"{op.table}: {len(found)} {what}s start {key!r}; name the {what} by its number instead")
        return None
    close = difflib.get_close_matches(key, cells, n=1, cutoff=0.5)
    first = "first cell" if what == "row" else "header"
    state.problem(
        op, f"{op.table} has no {what} whose {first} says {key!r}" + (f"; nearest: {close[0]!r}" if close else "")
    )
    return None


def _rows_free(state: State, op: TableChange, node: Node, first: str) -> bool:
    """No other change set has changed this row (named by its first cell) of this table."""
    for mod, where, changed in state.rows_changed.get(node.uid, ()):
        if mod != state.modification and changed == first:
            state.problem(op, f"conflicts with {mod} ({where}), which also changes the row {first!r} of {op.table}")
            return False
    return True


def _rows_changed(state: State, op: TableChange, node: Node, first: str) -> None:
    state.rows_changed.setdefault(node.uid, []).append((state.modification, op.where, first))


def insert_row(state: State, op: InsertRow) -> None:
    """Add a row after or before another, or at the table's end; never before its header row."""
    node = _table(state, op)
    if node is None:
        return
    width = len(node.rows[0]) if node.rows else len(op.cells)
    if len(op.cells) != width:
        state.problem(op, f"the new row has {len(op.cells)} cells, but {op.table} has {width} columns")
        return
    at = len(node.rows)
    if op.anchor is not None:
        k = _index(state, op, node, op.anchor)
        if k is None:
            return
        if k == 0 and op.position == "before":
            state.problem(op, f"a row cannot go before the header row of {op.table}")
            return
        at = k + (1 if op.position == "after" else 0)
    if not _rows_free(state, op, node, op.cells[0]):
        return
    state.ledger.row_inserted(node, at, op.cells, state.maker(op))
    node.rows = (*node.rows[:at], op.cells, *node.rows[at:])
    _rows_changed(state, op, node, op.cells[0])


def delete_row(state: State, op: DeleteRow) -> None:
    """Remove a row (not the header row)."""
    node = _table(state, op)
    if node is None:
        return
    k = _index(state, op, node, op.row)
    if k is None:
        return
    if k == 0:
        state.problem(op, f"row 1 is the header row of {op.table}; remove the table's rows, not its header")
        return
    first = node.rows[k][0] if node.rows[k] else ""
    if not _rows_free(state, op, node, first):
        return
    state.ledger.row_deleted(node, k, state.maker(op))
    node.rows = node.rows[:k] + node.rows[k + 1 :]
    _rows_changed(state, op, node, first)


def set_cell(state: State, op: SetCell) -> None:
    """Give a cell new words (``BLANK_CELL`` blanks it)."""
    node = _table(state, op)
    if node is None:
        return
    r = _index(state, op, node, op.row)
    c = _index(state, op, node, op.column, "column") if r is not None else None
    if r is None or c is None:
        return
    row = list(node.rows[r])
    if c >= len(row):
        state.problem(op, f"the row {op.row!r} of {op.table} has only {len(row)} cells")
        return
    if row[c] == op.text:
        said = "is already blank" if op.text == BLANK_CELL else f"already says {op.text!r}"
        state.problem(op, f"the cell ({op.row!r}, {op.column!r}) of {op.table} {said}")
        return
    first = row[0]
    if not _rows_free(state, op, node, first):
        return
    row[c] = op.text
    state.ledger.cell_set(node, r, c, tuple(row), state.maker(op))
    node.rows = (*node.rows[:r], tuple(row), *node.rows[r + 1 :])
    _rows_changed(state, op, node, first)
