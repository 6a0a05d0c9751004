"""Change sets: a modification's legal-text changes, loaded from YAML and checked.

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
      - table: "Table 28a"
        remove row: "Priority"
      - table: "Table 28a"
        row: "Priority"
        column: "Mandatory"          # the header cell's words (or a column number)
        text: "Yes"                  # or  blank: true  (the cell then says "N/A")

Every problem found is reported at once, one line each: ``file:line: clause: problem``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from legal_text import ClauseRef, ClauseRefError, Location, Message, error

from .errors import ChangeSetError
from .yamlsource import Located, load_yaml, load_yaml_text

WordPosition = Literal["after", "before"]
ClausePosition = Literal["after", "before", "end"]
Field = Literal["text", "trailing"]  # a provision's chapeau, or the text after its list
WORD_POSITIONS: tuple[WordPosition, ...] = ("after", "before")
MAX_AUTHOR = 255  # Word's limit for a revision's author

# One identifier pattern for every source of change a release carries: capital letters, one to four digits, and
# an optional capital letter for an alternative solution.  MP087, MP087A, SECMP0046 (the older numbering),
# and whatever a direction or variation is known by (DIR001, AV002).  What the change is says ``kind:``.
_MOD_RE = re.compile(r"^[A-Z]{2,8}\d{1,4}[A-Z]?$")
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


@dataclass(frozen=True)
class DeleteText:
    """Delete ``text`` from the target's own words."""

    target: ClauseRef
    text: str
    occurrence: int | None
    where: Location


@dataclass(frozen=True)
class ReplaceText:
    """Replace ``old`` with ``new`` in the target's own words."""

    target: ClauseRef
    old: str
    new: str
    occurrence: int | None
    where: Location


@dataclass(frozen=True)
class SetText:
    """Give the target's chapeau (``field`` "text") or the text after its list ("trailing") new wording."""

    target: ClauseRef
    field: Field
    new: str
    where: Location


@dataclass(frozen=True)
class InsertClause:
    """Add a new provision ``target`` after or before ``anchor`` (or at the end of its parent)."""

    target: ClauseRef
    anchor: ClauseRef | None
    position: ClausePosition
    text: str
    where: Location


@dataclass(frozen=True)
class DeleteClause:
    """Remove ``target``; with ``leave`` keep its number with that text (e.g. "[Not used]")."""

    target: ClauseRef
    leave: str | None
    where: Location


@dataclass(frozen=True)
class Renumber:
    """Give ``target`` (and everything inside it) the reference ``to``; cross-references follow."""

    target: ClauseRef
    to: ClauseRef
    where: Location


@dataclass(frozen=True)
class MoveClause:
    """Move ``target`` after or before ``anchor``; ``to`` renumbers it on the way."""

    target: ClauseRef
    anchor: ClauseRef
    position: WordPosition
    to: ClauseRef | None
    where: Location


@dataclass(frozen=True)
class AmendDefinition:
    """Define ``term`` (added in alphabetical order), or replace its definition."""

    term: str
    text: str
    where: Location

    @property
    def target(self) -> str:
        return f'"{self.term}"'


@dataclass(frozen=True)
class RemoveDefinition:
    term: str
    where: Location

    @property
    def target(self) -> str:
        return f'"{self.term}"'


@dataclass(frozen=True)
class AddHeading:
    """Insert a part or group heading ("G4 Illustrative Group", "Illustrative Part") before a clause."""

    words: str
    target: ClauseRef  # the clause it stands before
    where: Location


@dataclass(frozen=True)
class RemoveHeading:
    """Remove the part or group heading with these words that stands before a clause."""

    words: str
    target: ClauseRef
    where: Location


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
        return f"{self.document} {self.table}" if self.document else self.table


@dataclass(frozen=True)
class InsertRow(TableOperation):
    """Add a row of ``cells`` after or before the row ``anchor`` (or at the table's end)."""

    cells: tuple[str, ...]
    anchor: RowKey | None
    position: ClausePosition
    where: Location


@dataclass(frozen=True)
class DeleteRow(TableOperation):
    row: RowKey
    where: Location


@dataclass(frozen=True)
class SetCell(TableOperation):
    """Give the cell in ``row`` and ``column`` new words (``BLANK_CELL`` to blank it)."""

    row: RowKey
    column: RowKey
    text: str
    where: Location


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

    @property
    def date_time(self) -> dt.datetime:
        """The change set's date at midnight (UTC), for every date an output records."""
        return dt.datetime(self.date.year, self.date.month, self.date.day)

    @property
    def timestamp(self) -> str:
        """The revision date for tracked changes, ISO 8601 at midnight UTC."""
        return f"{self.date.isoformat()}T00:00:00Z"


HEADER_KEYS = {"modification", "title", "base", "author", "date", "changes", "legal_text_version", "kind"}
# The key that names each kind of operation, and the keys it may have.
OPERATION_KEYS = {
    "in": {"in", "insert", "after", "before", "delete", "replace", "with", "occurrence", "text", "trailing", "note"},
    "add": {"add", "after", "before", "text", "note"},
    "remove": {"remove", "leave", "note"},
    "renumber": {"renumber", "to", "note"},
    "move": {"move", "after", "before", "to", "note"},
    "define": {"define", "text", "note"},
    "undefine": {"undefine", "note"},
    "add heading": {"add heading", "before", "note"},
    "remove heading": {"remove heading", "before", "note"},
    "table": {"table", "document", "add row", "after row", "before row", "remove row", "row", "column", "text"}
    | {"blank", "note"},
}


class _Problems:
    """Every problem found while loading, as error messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def add(self, where: Location, text: str) -> None:
        self.messages.append(error(text, where))


def _text(item: Located, key: str, problems: _Problems, ctx: str = "", keep_lines: bool = False) -> str | None:
    value = item[key]
    where = item.key_lines[key]
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        kind = "empty" if value is None else type(value).__name__
        problems.add(where, f"{ctx}'{key}' must be text, not {kind}")
        return None
    text = unicodedata.normalize("NFC", str(value))  # as the base text is read: é one character, not two
    text = text.strip("\n") if keep_lines else " ".join(text.split())
    if not text.strip():
        problems.add(where, f"{ctx}'{key}' is empty")
        return None
    return text


def _ref(item: Located, key: str, problems: _Problems, ctx: str = "") -> ClauseRef | None:
    try:
        ref = ClauseRef.parse(str(item[key]))
    except ClauseRefError as exc:
        problems.add(item.key_lines[key], f"{ctx}{exc}")
        return None
    if ref.clause is None:
        problems.add(item.key_lines[key], f"{ctx}'{key}: {ref}' must name a clause or paragraph such as G3.20(b)")
        return None
    return ref


def _place(
    item: Located, problems: _Problems, ctx: str, required: bool
) -> tuple[ClausePosition, ClauseRef | None] | None:
    places: list[WordPosition] = [k for k in WORD_POSITIONS if k in item]
    if len(places) > 1:
        problems.add(item.location, f"{ctx}give 'after:' or 'before:', not both")
        return None
    if not places:
        if required:
            problems.add(item.location, f"{ctx}needs 'after:' or 'before:' naming the provision it goes beside")
            return None
        return ("end", None)
    anchor = _ref(item, places[0], problems, ctx)
    return None if anchor is None else (places[0], anchor)


def _word_operation(item: Located, target: ClauseRef, occurrence, problems: _Problems) -> Operation | None:
    ctx = f"{target}: "
    where = item.location
    verbs = [k for k in ("insert", "delete", "replace", "text", "trailing") if k in item]
    if len(verbs) != 1:
        problems.add(
            where,
            f"{ctx}give exactly one of 'insert:', 'delete:', 'replace:', 'text:' or 'trailing:' "
            f"(found {', '.join(verbs) or 'none'})",
        )
        return None
    verb = verbs[0]
    allowed = {
        "insert": {"after", "before", "occurrence"},
        "delete": {"occurrence"},
        "replace": {"with", "occurrence"},
        "text": set(),
        "trailing": set(),
    }[verb]
    for key in ("after", "before", "with", "occurrence"):
        if key in item and key not in allowed:
            problems.add(item.key_lines[key], f"{ctx}'{key}:' does not go with '{verb}:'")
    if verb == "trailing" and item["trailing"] in ("", None):
        return SetText(target, "trailing", "", where)  # removes the text after the list
    if verb in ("text", "trailing"):
        new = _text(item, verb, problems, ctx)
        return None if new is None else SetText(target, "text" if verb == "text" else "trailing", new, where)
    if verb == "insert":
        text = _text(item, "insert", problems, ctx)
        places: list[WordPosition] = [k for k in WORD_POSITIONS if k in item]
        if len(places) != 1:
            problems.add(
                where, f"{ctx}'insert:' needs exactly one of 'after:' or 'before:' naming the words it goes beside"
            )
            return None
        anchor = _text(item, places[0], problems, ctx)
        if text is None or anchor is None:
            return None
        return InsertText(target, text, anchor, places[0], occurrence, where)
    if verb == "delete":
        text = _text(item, "delete", problems, ctx)
        return None if text is None else DeleteText(target, text, occurrence, where)
    old = _text(item, "replace", problems, ctx)
    if "with" not in item:
        problems.add(where, f"{ctx}'replace:' needs 'with:' giving the new words")
        return None
    new = _text(item, "with", problems, ctx)
    if old is None or new is None:
        return None
    return ReplaceText(target, old, new, occurrence, where)


def _row_key(item: Located, key: str, problems: _Problems, ctx: str) -> RowKey | None:
    """A row or column named by its first (header) cell's words or by its number from 1."""
    value = item[key]
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            problems.add(item.key_lines[key], f"{ctx}'{key}' counts from 1, not {value}")
            return None
        return value
    return _text(item, key, problems, ctx)


def _table_operation(item: Located, problems: _Problems) -> Operation | None:
    where = item.location
    table = _text(item, "table", problems)
    if table is None:
        return None
    table = " ".join(table.split())
    if not re.match(r"^Table\s+[A-Z]?\d{1,4}[A-Za-z]{0,3}$", table, re.IGNORECASE):
        problems.add(
            item.key_lines["table"],
            f"'table' names a table by its caption's number, such as \"Table 28a\", not {table!r}",
        )
        return None
    table = "Table" + table[5:]
    ctx = f"{table}: "
    document = _text(item, "document", problems, ctx) if "document" in item else None
    verbs = [k for k in ("add row", "remove row", "row") if k in item]
    if len(verbs) != 1:
        problems.add(
            where,
            f"{ctx}give exactly one of 'add row:', 'remove row:' or 'row:' with 'column:' "
            f"(found {', '.join(verbs) or 'none'})",
        )
        return None
    verb = verbs[0]
    allowed = {"add row": {"after row", "before row"}, "remove row": set(), "row": {"column", "text", "blank"}}[verb]
    for key in ("after row", "before row", "column", "text", "blank"):
        if key in item and key not in allowed:
            problems.add(item.key_lines[key], f"{ctx}'{key}:' does not go with '{verb}:'")
            return None
    if verb == "add row":
        cells = item["add row"]
        if not isinstance(cells, list) or not cells or any(isinstance(c, (dict, list)) or c is None for c in cells):
            problems.add(
                item.key_lines["add row"], f'{ctx}\'add row\' must be a list of the new row\'s cells, e.g. ["a", "b"]'
            )
            return None
        places = [k for k in ("after row", "before row") if k in item]
        if len(places) > 1:
            problems.add(where, f"{ctx}give 'after row:' or 'before row:', not both")
            return None
        anchor = _row_key(item, places[0], problems, ctx) if places else None
        if places and anchor is None:
            return None
        position: ClausePosition = "end" if not places else "after" if places[0] == "after row" else "before"
        words = tuple(" ".join(unicodedata.normalize("NFC", str(c)).split()) for c in cells)
        return InsertRow(table, document, words, anchor, position, where)
    if verb == "remove row":
        row = _row_key(item, "remove row", problems, ctx)
        return None if row is None else DeleteRow(table, document, row, where)
    row = _row_key(item, "row", problems, ctx)
    if "column" not in item:
        problems.add(where, f"{ctx}'row:' needs 'column:' naming the cell (its header's words or its number)")
        return None
    column = _row_key(item, "column", problems, ctx)
    kinds = [k for k in ("text", "blank") if k in item]
    if len(kinds) != 1:
        problems.add(where, f"{ctx}a cell needs exactly one of 'text:' (its new words) or 'blank: true'")
        return None
    if kinds[0] == "blank":
        if item["blank"] is not True:
            problems.add(item.key_lines["blank"], f"{ctx}'blank' is 'true' or left out")
            return None
        text: str | None = BLANK_CELL
    else:
        text = _text(item, "text", problems, ctx)
    if row is None or column is None or text is None:
        return None
    return SetCell(table, document, row, column, text, where)


def _operation(item, index: int, source: str, problems: _Problems) -> Operation | None:
    if not isinstance(item, Located):
        problems.add(
            Location(source), f"changes item {index}: must be a mapping such as 'in: G3.20(b)' with 'insert:' ..."
        )
        return None
    where = item.location
    kinds = [k for k in OPERATION_KEYS if k in item]
    if len(kinds) != 1:
        names = ", ".join(f"'{k}:'" for k in OPERATION_KEYS)
        problems.add(where, f"change {index} must have exactly one of {names} (found {', '.join(kinds) or 'none'})")
        return None
    kind = kinds[0]
    for key in sorted(set(item) - OPERATION_KEYS[kind]):
        problems.add(
            item.key_lines[key],
            f"unknown key '{key}' for a '{kind}:' change (expected: {', '.join(sorted(OPERATION_KEYS[kind]))})",
        )
    if "note" in item:
        _text(item, "note", problems)
    if kind in ("define", "undefine"):
        term = _text(item, kind, problems)
        if term is None:
            return None
        term = term.strip('"“”')
        if kind == "undefine":
            return RemoveDefinition(term, where)
        if "text" not in item:
            problems.add(where, f"\"{term}\": 'define:' needs 'text:' giving the definition, e.g. \"means ...\"")
            return None
        text = _text(item, "text", problems, f'"{term}": ', keep_lines=True)
        return None if text is None else AmendDefinition(term, text, where)
    if kind == "table":
        return _table_operation(item, problems)
    if kind in ("add heading", "remove heading"):
        words = _text(item, kind, problems)
        if "before" not in item:
            problems.add(where, f"'{kind}:' needs 'before:' naming the clause the heading stands before")
            return None
        before = _ref(item, "before", problems, f"heading {words!r}: ")
        if words is None or before is None:
            return None
        return (AddHeading if kind == "add heading" else RemoveHeading)(words, before, where)
    target = _ref(item, kind, problems)
    if target is None:
        return None
    ctx = f"{target}: "
    if kind == "in":
        occurrence = item.get("occurrence")
        if occurrence is not None and (
            isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1
        ):
            problems.add(item.key_lines["occurrence"], f"{ctx}'occurrence' must be a whole number from 1")
            occurrence = None
        return _word_operation(item, target, occurrence, problems)
    if kind == "add":
        place = _place(item, problems, ctx, required=False)
        if "text" not in item:
            problems.add(where, f"{ctx}'add:' needs 'text:' giving the new provision")
            return None
        text = _text(item, "text", problems, ctx, keep_lines=True)
        if place is None or text is None:
            return None
        return InsertClause(target, place[1], place[0], text, where)
    if kind == "remove":
        leave = _text(item, "leave", problems, ctx) if "leave" in item else None
        return DeleteClause(target, leave, where)
    if kind == "renumber":
        if "to" not in item:
            problems.add(where, f"{ctx}'renumber:' needs 'to:' giving the new reference")
            return None
        to = _ref(item, "to", problems, ctx)
        return None if to is None else Renumber(target, to, where)
    place = _place(item, problems, ctx, required=True)  # move
    to = _ref(item, "to", problems, ctx) if "to" in item else None
    if place is None or place[1] is None or place[0] == "end":
        return None
    return MoveClause(target, place[1], place[0], to, where)


def load_changeset(path: str | Path) -> ChangeSet:
    """Load and check a change set file; raise ChangeSetError listing every problem found."""
    return _changeset_from(load_yaml(path), str(path))


def load_changeset_text(text: str, source: str = "<changes>") -> ChangeSet:
    """Load and check a change set given as YAML text."""
    return _changeset_from(load_yaml_text(text, source), source)


def _changeset_from(data, source: str) -> ChangeSet:
    if not isinstance(data, Located):
        raise ChangeSetError(
            error("a change set must be a mapping with 'modification:', 'base:' and 'changes:'", Location(source, 1))
        )
    problems = _Problems()
    for key in sorted(set(data) - HEADER_KEYS):
        problems.add(data.key_lines[key], f"unknown key '{key}' (expected one of: {', '.join(sorted(HEADER_KEYS))})")
    header: dict[str, str] = {}
    for key in ("modification", "title", "base", "author", "legal_text_version"):
        if key not in data:
            if key != "legal_text_version":
                problems.add(Location(source, 1), f"missing '{key}:'")
            continue
        if key in ("base", "legal_text_version") and isinstance(data[key], float):
            problems.add(data.key_lines[key], f"'{key}' must be quoted (\"{data[key]}\"): YAML reads 6.20 as 6.2")
            continue
        value = _text(data, key, problems)
        if value is not None:
            header[key] = value
    if len(header.get("author", "")) > MAX_AUTHOR:
        problems.add(
            data.key_lines["author"],
            f"'author' is {len(header['author'])} characters; Word allows "
            f"{MAX_AUTHOR} (give the team's name, e.g. SECAS)",
        )
    mod = header.get("modification")
    if mod and not _MOD_RE.match(mod):
        problems.add(
            data.key_lines["modification"],
            f"'modification' is an identifier such as MP087, MP087A or SECMP0046 (capital letters, digits, an "
            f"optional capital letter), not {mod!r}",
        )
    kind = "modification"
    if "kind" in data:
        given = _text(data, "kind", problems)
        if given is not None and given not in KINDS:
            problems.add(data.key_lines["kind"], f"'kind' is one of {', '.join(KINDS)}, not {given!r}")
        elif given is not None:
            kind = given
    date = data.get("date")
    if "date" not in data:
        problems.add(Location(source, 1), "missing 'date:' (YYYY-MM-DD), used as the date of every tracked change")
    elif isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            problems.add(data.key_lines["date"], f"'date' must be YYYY-MM-DD, not {date!r}")
    elif isinstance(date, dt.datetime):
        date = date.date()
    elif not isinstance(date, dt.date):
        problems.add(data.key_lines["date"], "'date' must be YYYY-MM-DD")
    changes = data.get("changes")
    ops: list[Operation] = []
    if "changes" not in data:
        problems.add(Location(source, 1), "missing 'changes:' (a list of operations)")
    elif not isinstance(changes, list) or not changes:
        problems.add(data.key_lines["changes"], "'changes' must be a non-empty list of operations")
    else:
        for index, item in enumerate(changes, start=1):
            op = _operation(item, index, source, problems)
            if op is not None:
                ops.append(op)
    if problems.messages or not isinstance(date, dt.date):
        raise ChangeSetError(problems.messages or [error("missing 'date:'", Location(source, 1))])
    return ChangeSet(
        modification=header["modification"],
        title=header["title"],
        base=header["base"],
        author=header["author"],
        date=date,
        changes=tuple(ops),
        source=source,
        legal_text_version=header.get("legal_text_version", "0.1"),
        kind=kind,
    )
