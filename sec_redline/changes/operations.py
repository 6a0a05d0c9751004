"""The operations of a change set and the change set itself: frozen values, each naming its target.

Every operation carries ``where`` (the file and line of the YAML it came from), so that any problem it
meets later names that line.  The tables that say how each operation is read (``loader.FORMS``), written
(``writer.WRITERS``), what it touches (``touches.TOUCHES``) and how it is applied (``apply.HANDLERS``) are
keyed by these types; ``OPERATIONS`` lists them, and a test fails when a table lacks one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from legal_text import ClauseRef, Location

from ..dates import midnight, revision_timestamp

WordPosition = Literal["after", "before"]
ClausePosition = Literal["after", "before", "end"]
Field = Literal["text", "trailing"]  # a provision's chapeau, or the text after its list
WORD_POSITIONS: tuple[WordPosition, ...] = ("after", "before")
MAX_AUTHOR = 255  # Word's limit for a revision's author

# One identifier pattern for every source of change a release carries: capital letters, one to four digits, and
# an optional capital letter for an alternative solution.  MP087, MP087A, SECMP0046 (the older numbering),
# and whatever a direction or variation is known by (DIR001, AV002).  What the change is says ``kind:``.
MODIFICATION_ID = re.compile(r"^[A-Z]{2,8}\d{1,4}[A-Z]?$")
KINDS = ("modification", "direction", "variation")  # a Modification Proposal; a Secretary of State direction or
# designation; an Authority-led variation


@dataclass(frozen=True)
class InsertText:
    """Insert ``text`` before or after ``anchor`` in the target's own words."""

    target: ClauseRef
    text: str
    anchor: str
    position: WordPosition
    occurrence: int | None
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class DeleteText:
    """Delete ``text`` from the target's own words."""

    target: ClauseRef
    text: str
    occurrence: int | None
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class ReplaceText:
    """Replace ``old`` with ``new`` in the target's own words."""

    target: ClauseRef
    old: str
    new: str
    occurrence: int | None
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class SetText:
    """Give the target's chapeau (``field`` "text") or the text after its list ("trailing") new wording."""

    target: ClauseRef
    field: Field
    new: str
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class InsertClause:
    """Add a new provision ``target`` after or before ``anchor`` (or at the end of its parent)."""

    target: ClauseRef
    anchor: ClauseRef | None
    position: ClausePosition
    text: str
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class DeleteClause:
    """Remove ``target``; with ``leave`` keep its number with that text (e.g. "[Not used]")."""

    target: ClauseRef
    leave: str | None
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class Renumber:
    """Give ``target`` (and everything inside it) the reference ``to``; cross-references follow."""

    target: ClauseRef
    to: ClauseRef
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class MoveClause:
    """Move ``target`` after or before ``anchor``; ``to`` renumbers it on the way."""

    target: ClauseRef
    anchor: ClauseRef
    position: WordPosition
    to: ClauseRef | None
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class AmendDefinition:
    """Define ``term`` (added in alphabetical order), or replace its definition."""

    term: str
    text: str
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A

    @property
    def target(self) -> str:
        """How a message names it: the term in quotes."""
        return f'"{self.term}"'


@dataclass(frozen=True)
class RemoveDefinition:
    """Remove the definition of ``term``."""

    term: str
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A

    @property
    def target(self) -> str:
        """How a message names it: the term in quotes."""
        return f'"{self.term}"'


@dataclass(frozen=True)
class AddHeading:
    """Insert a part or group heading ("G4 Illustrative Group", "Illustrative Part") before a clause."""

    words: str
    target: ClauseRef  # the clause it stands before
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class RemoveHeading:
    """Remove the part or group heading with these words that stands before a clause."""

    words: str
    target: ClauseRef
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


RowKey = str | int  # a row: the words of its first cell, or its number counting the header row as 1
BLANK_CELL = "N/A"  # what a blanked cell says


@dataclass(frozen=True)
class TableOperation:
    """What every table operation names: the table by its caption's number ("Table 28a"), and the document
    holding it when two documents have a table of that number (``document``: "AD", "Appendix AD")."""

    table: str
    document: str | None

    @property
    def target(self) -> str:
        """How a message names it: "Table 28a", or "AD Table 28a" with its document."""
        return f"{self.document} {self.table}" if self.document else self.table


@dataclass(frozen=True)
class InsertRow(TableOperation):
    """Add a row of ``cells`` after or before the row ``anchor`` (or at the table's end)."""

    cells: tuple[str, ...]
    anchor: RowKey | None
    position: ClausePosition
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class DeleteRow(TableOperation):
    """Remove the row ``row``."""

    row: RowKey
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


@dataclass(frozen=True)
class SetCell(TableOperation):
    """Give the cell in ``row`` and ``column`` new words (``BLANK_CELL`` to blank it)."""

    row: RowKey
    column: RowKey
    text: str
    where: Location
    note: str = ""  # the drafter's note on it: a comment on the words it changes in the Annex A


Operation = (
    InsertText
    | DeleteText
    | ReplaceText
    | SetText
    | InsertClause
    | DeleteClause
    | Renumber
    | MoveClause
    | AmendDefinition
    | RemoveDefinition
    | AddHeading
    | RemoveHeading
    | InsertRow
    | DeleteRow
    | SetCell
)


@dataclass(frozen=True)
class ChangeSet:
    """The header of a modification and its operations, in the order written."""

    modification: str
    title: str
    base: str
    author: str
    date: dt.date
    changes: tuple[Operation, ...]
    source: str = ""
    legal_text_version: str = "0.1"
    kind: str = "modification"  # see KINDS
    summary: str = ""  # one line of what this draft changed (the Annex A's version table; else the title)
    # Where each header key is written, for messages about the change set as a whole.
    lines: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)
    # Of a release that implements part of it: (the part, how many parts), and only the operations on that
    # part's documents are here (``release.manifest``).  (0, 0): the whole.
    part: tuple[int, int] = (0, 0)

    @property
    def credit(self) -> str:
        """Whom a change is credited to, in the ledger, the store's history and a release's notes: "MP915",
        or "MP915 (part 2)" for a part of it."""
        return f"{self.modification} (part {self.part[0]})" if self.part[0] else self.modification

    @property
    def part_name(self) -> str:
        """ "part 2 of 2", or "" for the whole."""
        return f"part {self.part[0]} of {self.part[1]}" if self.part[0] else ""

    def where(self, key: str) -> Location:
        """The file and line of header key ``key`` (line 1 when it is not written)."""
        return dict(self.lines).get(key, Location(self.source, 1))

    @property
    def date_time(self) -> dt.datetime:
        """The change set's date at midnight (UTC), for every date an output records."""
        return midnight(self.date)

    @property
    def timestamp(self) -> str:
        """The revision date for tracked changes, ISO 8601 at midnight UTC."""
        return revision_timestamp(self.date)

    @property
    def revision_author(self) -> str:
        """The author its revisions carry in a redline of several change sets (a release's): "SECAS (MP087)"."""
        return f"{self.author} ({self.modification}{f' part {self.part[0]}' if self.part[0] else ''})"


OPERATIONS: tuple[type[Operation], ...] = get_args(Operation)  # every operation type, in the language's order
