"""Writing change sets as YAML that ``load_changeset`` reads back to the same operations.

``WRITERS`` holds, for each operation type, the mapping it is written as (the keys in the order a drafter
writes them: the kind first, then the verb, then the rest).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from .operations import (
    BLANK_CELL,
    AddHeading,
    AmendDefinition,
    ChangeSet,
    DeleteClause,
    DeleteRow,
    DeleteText,
    InsertClause,
    InsertRow,
    InsertText,
    MoveClause,
    Operation,
    RemoveDefinition,
    RemoveHeading,
    Renumber,
    ReplaceText,
    SetCell,
    SetText,
    TableOperation,
)

Mapping = dict[str, Any]


def _occurrence(occurrence: int | None) -> Mapping:
    return {"occurrence": occurrence} if occurrence else {}


def _table(op: TableOperation) -> Mapping:
    return {"table": op.table, **({"document": op.document} if op.document else {})}


def _insert_text(op: InsertText) -> Mapping:
    return {"in": str(op.target), "insert": op.text, op.position: op.anchor, **_occurrence(op.occurrence)}


def _delete_text(op: DeleteText) -> Mapping:
    return {"in": str(op.target), "delete": op.text, **_occurrence(op.occurrence)}


def _replace_text(op: ReplaceText) -> Mapping:
    return {"in": str(op.target), "replace": op.old, "with": op.new, **_occurrence(op.occurrence)}


def _set_text(op: SetText) -> Mapping:
    return {"in": str(op.target), op.field: op.new}


def _insert_clause(op: InsertClause) -> Mapping:
    place: Mapping = {op.position: str(op.anchor)} if op.anchor is not None else {}
    return {"add": str(op.target), **place, "text": op.text}


def _delete_clause(op: DeleteClause) -> Mapping:
    return {"remove": str(op.target), **({"leave": op.leave} if op.leave else {})}


def _renumber(op: Renumber) -> Mapping:
    return {"renumber": str(op.target), "to": str(op.to)}


def _move_clause(op: MoveClause) -> Mapping:
    return {"move": str(op.target), op.position: str(op.anchor), **({"to": str(op.to)} if op.to else {})}


def _amend_definition(op: AmendDefinition) -> Mapping:
    return {"define": op.term, "text": op.text}


def _remove_definition(op: RemoveDefinition) -> Mapping:
    return {"undefine": op.term}


def _add_heading(op: AddHeading) -> Mapping:
    return {"add heading": op.words, "before": str(op.target)}


def _remove_heading(op: RemoveHeading) -> Mapping:
    return {"remove heading": op.words, "before": str(op.target)}


def _insert_row(op: InsertRow) -> Mapping:
    place = {f"{op.position} row": op.anchor} if op.anchor else {}
    return {**_table(op), "add row": list(op.cells), **place}


def _delete_row(op: DeleteRow) -> Mapping:
    return {**_table(op), "remove row": op.row}


def _set_cell(op: SetCell) -> Mapping:
    cell = {"blank": True} if op.text == BLANK_CELL else {"text": op.text}
    return {**_table(op), "row": op.row, "column": op.column, **cell}


Op = TypeVar("Op", bound=Operation)


def _writer(write: Callable[[Op], Mapping]) -> Callable[[Operation], Mapping]:
    """``write`` as a row of ``WRITERS`` (which dispatches by type, so each row gets its own type)."""
    return write  # type: ignore[return-value]  # the table's key is the type ``write`` takes


WRITERS: dict[type[Operation], Callable[[Operation], Mapping]] = {
    InsertText: _writer(_insert_text),
    DeleteText: _writer(_delete_text),
    ReplaceText: _writer(_replace_text),
    SetText: _writer(_set_text),
    InsertClause: _writer(_insert_clause),
    DeleteClause: _writer(_delete_clause),
    Renumber: _writer(_renumber),
    MoveClause: _writer(_move_clause),
    AmendDefinition: _writer(_amend_definition),
    RemoveDefinition: _writer(_remove_definition),
    AddHeading: _writer(_add_heading),
    RemoveHeading: _writer(_remove_heading),
    InsertRow: _writer(_insert_row),
    DeleteRow: _writer(_delete_row),
    SetCell: _writer(_set_cell),
}


class _Dumper(yaml.SafeDumper):
    """Block scalars (``|``) for text of several lines, plain or quoted otherwise."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def operation_yaml(op: Operation) -> Mapping:
    """The mapping ``op`` is written as (its note last)."""
    written = WRITERS[type(op)](op)
    return {**written, "note": op.note} if op.note else written


def dump_changeset(cs: ChangeSet) -> str:
    """The change set as YAML that ``load_changeset`` reads back to the same operations."""
    data = {
        "modification": cs.modification,
        "title": cs.title,
        "base": cs.base,
        "author": cs.author,
        "date": cs.date,
    }
    # What is not the default is written: the draft, what it changed, and a direction's or variation's kind.
    if cs.legal_text_version != "0.1":
        data["legal_text_version"] = cs.legal_text_version
    if cs.summary:
        data["summary"] = cs.summary
    if cs.kind != "modification":
        data["kind"] = cs.kind
    data["changes"] = [operation_yaml(op) for op in cs.changes]
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
