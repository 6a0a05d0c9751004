"""Change sets: a modification's legal-text changes, as operations named for what they do.

The language (docs/change-sets.md is the full reference)::

    modification: MP087
    title: "Correction to SEC Section G - User Responsibilities"
    base: "6.17"
    author: SECAS
    date: 2019-10-04
    changes:
      - in: G3.20(b)                 # words in a provision
        after: "Gas Proxy Function"
        insert: "which forms part of a SMETS2+ Device"
      - in: G3.19                    # new wording; the smallest change is computed
        text: "A User shall not ..."
      - add: G3.20A                  # structure
        after: G3.20
        text: "..."
      - remove: G3.21
        leave: "[Not used]"
      - renumber: G3.20A
        to: G3.22
      - move: G3.18
        after: G3.19
      - define: "Term"               # definitions
        text: "means ..."
      - undefine: "Term"
      - table: "Table 28a"           # tables, by their caption's number
        add row: ["Channel", "How the request was sent", "No"]
        after row: "RequestID"       # the row whose first cell says this (or a row number)

One place for everything about an operation, each a table keyed by its type:

- ``operations``: the operation types (frozen dataclasses) and ``ChangeSet``;
- ``loader.FORMS``: how each is written in YAML and read (``load_changeset``);
- ``writer.WRITERS``: how each is written back (``dump_changeset``);
- ``touches.TOUCHES``: what each changes (``documents_touched``, ``documents_needed``, ``numbers_gone``);
- ``sec_redline.apply.HANDLERS``: how each is applied.

A new operation is one row in each table and one handler; ``tests/sec_redline/test_changes_tables.py``
fails when the tables disagree.
"""

from .loader import FORMS, load_changeset, load_changeset_text, load_changesets
from .operations import (
    BLANK_CELL,
    KINDS,
    OPERATIONS,
    AddHeading,
    AmendDefinition,
    ChangeSet,
    DeleteClause,
    DeleteRow,
    DeleteText,
    Field,
    InsertClause,
    InsertRow,
    InsertText,
    MoveClause,
    Operation,
    RemoveDefinition,
    RemoveHeading,
    Renumber,
    ReplaceText,
    RowKey,
    SetCell,
    SetText,
    TableOperation,
)
from .touches import (
    TOUCHES,
    Touch,
    documents_needed,
    documents_touched,
    numbers_gone,
    operation_documents,
    touch_of,
    touches,
)
from .writer import WRITERS, dump_changeset, operation_yaml

__all__ = [
    "BLANK_CELL",
    "FORMS",
    "KINDS",
    "OPERATIONS",
    "TOUCHES",
    "WRITERS",
    "AddHeading",
    "AmendDefinition",
    "ChangeSet",
    "DeleteClause",
    "DeleteRow",
    "DeleteText",
    "Field",
    "InsertClause",
    "InsertRow",
    "InsertText",
    "MoveClause",
    "Operation",
    "RemoveDefinition",
    "RemoveHeading",
    "Renumber",
    "ReplaceText",
    "RowKey",
    "SetCell",
    "SetText",
    "TableOperation",
    "Touch",
    "documents_needed",
    "documents_touched",
    "dump_changeset",
    "load_changeset",
    "load_changeset_text",
    "load_changesets",
    "numbers_gone",
    "operation_documents",
    "operation_yaml",
    "touch_of",
    "touches",
]
