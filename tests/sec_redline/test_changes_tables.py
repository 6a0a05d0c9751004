"""The tables of change-set operations agree: every operation type is read, written, touched and applied.

A new operation is one row in each table (``loader.FORMS``, ``writer.WRITERS``, ``touches.TOUCHES``,
``apply.HANDLERS``) and one handler; these tests fail when a table lacks it, or when what is written does
not read back as the same operation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from legal_text import ClauseRef, Location
from sec_redline.apply import HANDLERS
from sec_redline.changes import (
    FORMS,
    OPERATIONS,
    TOUCHES,
    WRITERS,
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
    dump_changeset,
    load_changeset_text,
    touch_of,
)

HERE = Location("<example>", 0)
G = ClauseRef.parse

# One example of each operation (illustrative words, not SEC wording).
EXAMPLES: dict[type[Operation], Operation] = {
    InsertText: InsertText(
        G("G3.20(b)"), "which forms part of a SMETS2+ Device", "Gas Proxy Function", "after", None, HERE
    ),
    DeleteText: DeleteText(G("G3.20(b)"), "(where applicable)", 1, HERE),
    ReplaceText: ReplaceText(G("G3.19"), "promptly notified", "notified within five Working Days", None, HERE),
    SetText: SetText(G("G3.19"), "trailing", "Illustrative words after the list.", HERE),
    InsertClause: InsertClause(G("G3.20A"), G("G3.20"), "after", "G3.20A Illustrative new clause.", HERE),
    DeleteClause: DeleteClause(G("G3.21"), "[Not used]", HERE),
    Renumber: Renumber(G("G3.20A"), G("G3.22"), HERE),
    MoveClause: MoveClause(G("G3.18"), G("G3.19"), "after", G("G3.19A"), HERE),
    AmendDefinition: AmendDefinition("Illustrative Term", "means an illustrative thing.", HERE),
    RemoveDefinition: RemoveDefinition("Illustrative Term", HERE),
    AddHeading: AddHeading("Illustrative Part", G("G3.20"), HERE),
    RemoveHeading: RemoveHeading("Illustrative Part", G("G3.20"), HERE),
    InsertRow: InsertRow("Table 28a", "AD", ("Channel", "How the request was sent", "No"), "RequestID", "after", HERE),
    DeleteRow: DeleteRow("Table 28a", None, 3, HERE),
    SetCell: SetCell("Table 28a", None, "Priority", "Mandatory", "Yes", HERE),
}


@pytest.mark.parametrize(
    "table", [FORMS, WRITERS, TOUCHES, HANDLERS, EXAMPLES], ids=["loader", "writer", "touches", "apply", "examples"]
)
def test_every_operation_has_a_row_in_every_table(table):
    assert list(table) == list(OPERATIONS), "a table's rows are the operation types, in the language's order"


def test_the_operation_types_are_the_operation_union():
    assert len(OPERATIONS) == len(set(OPERATIONS)) == 15
    assert all(dataclasses.is_dataclass(t) for t in OPERATIONS)


def _without_where(op: Operation) -> Operation:
    return dataclasses.replace(op, where=HERE)


@pytest.mark.parametrize("kind", OPERATIONS, ids=lambda t: t.__name__)
def test_an_operation_written_reads_back_the_same(kind):
    op = EXAMPLES[kind]
    cs = ChangeSet("MP900", "Illustrative", "6.17", "SECAS", dt.date(2019, 10, 4), (op,))
    text = dump_changeset(cs)
    back = load_changeset_text(text, "<written>")
    assert [_without_where(o) for o in back.changes] == [op], text
    assert type(back.changes[0]) is kind
    assert back.changes[0].where.line is not None  # read back from a file, it knows its line


@pytest.mark.parametrize("kind", OPERATIONS, ids=lambda t: t.__name__)
def test_every_operation_carries_a_note_that_reads_back(kind):
    note = "Illustrative drafting note:\nwhy this change is worded so."
    op = dataclasses.replace(EXAMPLES[kind], note=note)
    cs = ChangeSet("MP900", "Illustrative", "6.17", "SECAS", dt.date(2019, 10, 4), (op,), summary="Second draft")
    back = load_changeset_text(dump_changeset(cs), "<written>")
    assert back.changes[0].note == note
    assert [_without_where(o) for o in back.changes] == [op]
    assert back.summary == "Second draft"


@pytest.mark.parametrize("kind", OPERATIONS, ids=lambda t: t.__name__)
def test_every_operation_says_what_it_touches(kind):
    touch = touch_of(EXAMPLES[kind])
    assert touch.named  # how a message names it
    # Whatever reaches references elsewhere makes every document needed (its numbers are cited anywhere).
    assert touch.reaches_references == (kind in (DeleteClause, Renumber, MoveClause))
    assert (touch.renames_to is not None) == (kind in (Renumber, MoveClause))
    assert touch.removes is False  # the examples keep "[Not used]"; a removal without it removes


def test_a_removal_without_words_left_takes_its_number_away():
    assert touch_of(DeleteClause(G("G3.21"), None, HERE)).removes
    assert not touch_of(DeleteClause(G("G3.21"), "[Not used]", HERE)).removes
