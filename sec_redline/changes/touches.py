"""What each operation touches: the one answer for every reader of change sets that asks.

``TOUCHES`` gives, for each operation type, a ``Touch``: the provision, definition or table it changes,
and whether references to that provision elsewhere in the code must follow it (a renumbering or move)
or are left pointing nowhere (a removal).  From it: which documents a change set changes
(``documents_touched``) or needs read (``documents_needed``), what two change sets both change
(``overlapping``), and the numbers a change set takes away (``numbers_gone``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from legal_text import ClauseRef, Document, Location
from legal_text.profiles import DEFINITIONS_HOME, Identity, document_order, identities_named
from legal_text.text_reader import caption_number

from .operations import (
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
)


@dataclass(frozen=True)
class Definition:
    """A definition, by its term (compared without regard to case)."""

    term: str

    @property
    def key(self) -> str:
        return self.term.casefold()


@dataclass(frozen=True)
class Table:
    """A table, by its caption's number, in the document ``document`` names (None: wherever it is)."""

    caption: str
    document: str | None


Subject = ClauseRef | Definition | Table


@dataclass(frozen=True)
class Touch:
    """What one operation changes.  ``removes``: the provision goes, its number with it; ``renames_to``: it
    takes another number; ``reaches_references``: references to it, anywhere in the code, follow it or are
    checked (a removal, a renumbering, a move), so the whole code must be read to apply it."""

    subject: Subject
    removes: bool = False
    renames_to: ClauseRef | None = None
    reaches_references: bool = False

    @property
    def named(self) -> str:
        """How a message names it: "G3.20(b)", 'the definition of "Term"', "Table 28a"."""
        if isinstance(self.subject, Definition):
            return f'the definition of "{self.subject.term}"'
        if isinstance(self.subject, Table):
            return self.subject.caption
        return str(self.subject)

    def overlaps(self, other: Touch) -> bool:
        """True when the two change the same provision (or one inside the other), definition or table."""
        a, b = self.subject, other.subject
        if isinstance(a, ClauseRef) and isinstance(b, ClauseRef):
            return a.is_within(b) or b.is_within(a)
        if isinstance(a, Definition) and isinstance(b, Definition):
            return a.key == b.key
        if isinstance(a, Table) and isinstance(b, Table):
            return a.caption.casefold() == b.caption.casefold()
        return False


def _words(op: InsertText | DeleteText | ReplaceText | SetText | InsertClause | AddHeading | RemoveHeading) -> Touch:
    return Touch(op.target)


def _removal(op: DeleteClause) -> Touch:
    # a number kept ("[Not used]") is not taken away, but references to the words that went are still checked
    return Touch(op.target, removes=op.leave is None, reaches_references=True)


def _renumber(op: Renumber) -> Touch:
    return Touch(op.target, renames_to=op.to, reaches_references=True)


def _move(op: MoveClause) -> Touch:
    renamed = op.to is not None and op.to != op.target
    return Touch(op.target, renames_to=op.to if renamed else None, reaches_references=True)


def _definition(op: AmendDefinition | RemoveDefinition) -> Touch:
    return Touch(Definition(op.term))


def _table(op: InsertRow | DeleteRow | SetCell) -> Touch:
    return Touch(Table(op.table, op.document))


Op = TypeVar("Op", bound=Operation)


def _row(touch: Callable[[Op], Touch]) -> Callable[[Operation], Touch]:
    """``touch`` as a row of ``TOUCHES`` (which dispatches by type, so each row gets its own type)."""
    return touch  # type: ignore[return-value]  # the table's key is the type ``touch`` takes


TOUCHES: dict[type[Operation], Callable[[Operation], Touch]] = {
    InsertText: _row(_words),
    DeleteText: _row(_words),
    ReplaceText: _row(_words),
    SetText: _row(_words),
    InsertClause: _row(_words),
    DeleteClause: _row(_removal),
    Renumber: _row(_renumber),
    MoveClause: _row(_move),
    AmendDefinition: _row(_definition),
    RemoveDefinition: _row(_definition),
    AddHeading: _row(_words),
    RemoveHeading: _row(_words),
    InsertRow: _row(_table),
    DeleteRow: _row(_table),
    SetCell: _row(_table),
}


def touch_of(op: Operation) -> Touch:
    """What ``op`` changes."""
    return TOUCHES[type(op)](op)


def touches(changeset: ChangeSet) -> Iterator[tuple[Touch, Location]]:
    """What each operation of ``changeset`` changes, with where the operation was written."""
    for op in changeset.changes:
        yield touch_of(op), op.where


def documents_touched(changeset: ChangeSet, docs: Sequence[Document] = ()) -> list[Identity]:
    """The documents a change set changes, in the code's order: those its references name; for a
    definition, the document of ``docs`` holding the definitions (else Section A); for a table, the one
    its ``document:`` names, else the one of ``docs`` holding a table with that caption."""
    found: set[Identity] = set()
    for op in changeset.changes:
        found |= operation_documents(op, docs)
    return sorted(found, key=lambda k: document_order(*k))


def operation_documents(op: Operation, docs: Sequence[Document] = ()) -> set[Identity]:
    """The documents one operation changes (``documents_touched`` of it alone): a move or renumbering's
    both ends."""
    touch = touch_of(op)
    subject = touch.subject
    if isinstance(subject, Definition):
        home = next((d for d in docs if d.definitions()), None)
        return {home.identity if home is not None else DEFINITIONS_HOME}
    if isinstance(subject, Table):
        return set(_table_home(subject, docs))
    found = {subject.document}
    if touch.renames_to is not None:
        found.add(touch.renames_to.document)
    if isinstance(op, MoveClause):
        found.add(op.anchor.document)
    return found


def _table_home(table: Table, docs: Sequence[Document]) -> list[Identity]:
    """The document holding ``table``: the one its ``document:`` names, else the first holding a table
    captioned so."""
    holders = [d for d in docs if table.document is None or d.is_named(table.document)]
    captioned = [
        d for d in holders if any(c.kind == "table" and caption_number(c.label) == table.caption for c in d.clauses())
    ]
    holders = captioned or holders
    if table.document is not None and not holders:
        return identities_named(table.document)[:1]
    return [d.identity for d in holders[:1]]


def documents_needed(changeset: ChangeSet) -> set[Identity] | None:
    """The documents a base must hold for ``changeset`` to be applied and shown, when the change set says
    them alone: what its references and tables' ``document:`` name, and Section A for definitions.  None
    (every document) when a change reaches beyond them: a removal, renumbering or move (references to the
    provision may stand anywhere) or a table named without its document."""
    needed: set[Identity] = set()
    for touch, _ in touches(changeset):
        if touch.reaches_references:
            return None
        subject = touch.subject
        if isinstance(subject, Definition):
            needed.add(DEFINITIONS_HOME)
        elif isinstance(subject, Table):
            if subject.document is None:
                return None
            needed.update(identities_named(subject.document))
        else:
            needed.add(subject.document)
    return needed


def numbers_gone(changesets: Sequence[ChangeSet]) -> dict[ClauseRef, str]:
    """The provisions the change sets remove or renumber, each with what happened to it ("which MP104
    removes", "which MP104 renumbers as G3.22")."""
    gone: dict[ClauseRef, str] = {}
    for cs in changesets:
        for touch, _ in touches(cs):
            if not isinstance(touch.subject, ClauseRef):
                continue
            if touch.removes:
                gone[touch.subject] = f"which {cs.modification} removes"
            elif touch.renames_to is not None:
                gone[touch.subject] = f"which {cs.modification} renumbers as {touch.renames_to}"
    return gone
