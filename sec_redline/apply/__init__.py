"""Apply change sets to a code: pure at its boundary (inputs are never changed), every problem reported.

``apply_changesets(docs, changesets)`` applies each change set in order.  Operations apply in the order
written, each to the text as the previous ones left it.  The words each operation changes are remembered:
a later operation of the same change set that touches them is an overlap, and one of a later change set
is a conflict naming both modifications and the clause.  Edits to different words of one clause merge.

``HANDLERS`` gives each operation type its handler, split by what it changes: ``words``, ``structure``,
``definitions``, ``tables``; all work on one ``State`` whose invariants ``state.py`` writes down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from legal_text import ClauseRef, Document, Location, Message, Redline, Result, diff_documents, error
from legal_text.collector import collector_paused

from ..changes import (
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
    touch_of,
)
from ..errors import ChangeSetError, StrictError
from . import definitions, structure, tables, words
from .state import Region, State
from .words import find_matches, join_words

UNCHECKED_BASE = "unchecked-base"  # the code of the warning that a change set's 'base:' could not be checked

Op = TypeVar("Op", bound=Operation)
Handler = Callable[[State, Operation], None]


def _handler(handle: Callable[[State, Op], None]) -> Handler:
    """``handle`` as a row of ``HANDLERS`` (which dispatches by type, so each row gets its own type)."""
    return handle  # type: ignore[return-value]  # the table's key is the type ``handle`` takes


HANDLERS: dict[type[Operation], Handler] = {
    InsertText: _handler(words.insert_text),
    DeleteText: _handler(words.delete_text),
    ReplaceText: _handler(words.replace_text),
    SetText: _handler(words.set_text),
    InsertClause: _handler(structure.insert_clause),
    DeleteClause: _handler(structure.delete_clause),
    Renumber: _handler(structure.renumber),
    MoveClause: _handler(structure.move_clause),
    AmendDefinition: _handler(definitions.amend_definition),
    RemoveDefinition: _handler(definitions.remove_definition),
    AddHeading: _handler(structure.add_heading),
    RemoveHeading: _handler(structure.remove_heading),
    InsertRow: _handler(tables.insert_row),
    DeleteRow: _handler(tables.delete_row),
    SetCell: _handler(tables.set_cell),
}


def _check_base(state: State, cs: ChangeSet) -> None:
    """The change set's ``base:`` against the versions the base text names: an error where they differ, a
    warning where the documents it changes name none."""
    subjects = [touch_of(op).subject for op in cs.changes]
    touched = {s.document for s in subjects if isinstance(s, ClauseRef)}
    bases = [d for d in state.docs if len(state.docs) == 1 or d.identity in touched]
    if cs.base and bases and not any(d.version for d in bases):
        state.messages.append(
            Message(
                "warning",
                f"{cs.modification} says it is drafted against SEC {cs.base}, but the base text "
                f"{bases[0].source or ''} names no SEC version, so that was not checked; give the base "
                f"text its 'SEC Version {cs.base}' line".replace("  ", " "),
                Location(cs.source),
                code=UNCHECKED_BASE,
            )
        )
    for doc in state.docs:
        if doc.version and cs.base and doc.version != cs.base:
            state.problems.append(
                error(
                    f"{cs.modification} is drafted against SEC {cs.base}, but the base text "
                    f"{doc.source or ''} is SEC {doc.version}; use the right base text or correct 'base:'".replace(
                        "  ", " "
                    ),
                    Location(cs.source),
                )
            )


def require_checked_base(messages: Sequence[Message], base: str | Path, strict: bool) -> None:
    """With ``strict``, a base whose version could not be checked against the change set's ``base:`` (it
    names none) is an exit."""
    if strict and any(m.code == UNCHECKED_BASE for m in messages):
        raise StrictError(
            f"{base}: names no SEC version, so the change set's 'base:' was not checked, and --strict was given"
        )


def _run(docs: Sequence[Document], changesets: Sequence[ChangeSet]) -> State:
    """Every change set applied in order; ChangeSetError listing every problem found."""
    state = State(list(docs))
    for cs in changesets:
        state.start(cs)
        _check_base(state, cs)
        for op in cs.changes:
            HANDLERS[type(op)](state, op)
    if not state.problems:
        structure.warn_dangling(state)
    if state.problems:
        raise ChangeSetError(state.problems)
    return state


@dataclass(frozen=True)
class Applied:
    """Change sets applied: the documents as they left them (every document of the base, in order), what
    applying said, and the redline of each document they changed, read off the change ledger (``ledger``):
    every mark by the operation and change set that made it, every provision paired with itself."""

    documents: list[Document]
    messages: tuple[Message, ...]
    redlines: tuple[Redline, ...]

    @property
    def result(self) -> Result[list[Document]]:
        return Result(self.documents, self.messages)


@collector_paused
def apply_changesets(docs: Sequence[Document], changesets: Sequence[ChangeSet]) -> Result[list[Document]]:
    """The documents after every change set, in order; raise ChangeSetError listing every problem."""
    state = _run(docs, changesets)
    return Result(state.result(), tuple(state.messages))


def apply_changeset(doc: Document, changeset: ChangeSet) -> Result[Document]:
    """The document after every operation of ``changeset``; raise ChangeSetError listing every problem."""
    result = apply_changesets([doc], [changeset])
    return Result(result.value[0], result.messages)


@collector_paused
def apply_with_ledger(docs: Sequence[Document], changesets: Sequence[ChangeSet]) -> Applied:
    """``apply_changesets``, and the redline of every document the change sets changed (of a lone
    document, its redline whether they changed it or not), from the ledger."""
    state = _run(docs, changesets)
    documents = state.result()
    redlines = tuple(
        state.ledger.redline_of(doc, state.working[i]) if i in state.working else diff_documents(doc, doc)
        for i, doc in enumerate(state.docs)
        if i in state.working or len(state.docs) == 1
    )
    return Applied(documents, tuple(state.messages), redlines)


__all__ = [
    "HANDLERS",
    "UNCHECKED_BASE",
    "Applied",
    "Region",
    "apply_changeset",
    "apply_changesets",
    "apply_with_ledger",
    "find_matches",
    "join_words",
    "require_checked_base",
]
