"""Reading change sets from YAML, every problem at once, one line each: ``file:line: clause: problem``.

How each operation is written is one row of ``FORMS``, keyed by the operation's type: the key that names
its kind (``head``: ``in:``, ``add:``, ``table:`` ...), the keys that choose it among the operations of
that kind (``verbs``: ``insert:`` or ``delete:`` under ``in:``), the other keys it may carry, and its
reader.  Everything else (which kind an item is, unknown keys, a verb missing or doubled, a key that does
not go with the verb) follows from the table.  docs/change-sets.md is the language's reference.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from legal_text import ClauseRef, ClauseRefError, Location, Message, error, warning
from legal_text.text_reader import forbidden_characters

from ..errors import ChangeSetError, InputError, ProblemsError, YAMLSyntaxError
from ..notices import notice
from ..yamlsource import Located, did_you_mean, load_yaml, load_yaml_text
from .operations import (
    BLANK_CELL,
    KINDS,
    MAX_AUTHOR,
    MODIFICATION_ID,
    WORD_POSITIONS,
    AddHeading,
    AmendDefinition,
    ChangeSet,
    ClausePosition,
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
    WordPosition,
)

HEADER_KEYS = {
    "modification", "title", "base", "author", "date", "changes", "legal_text_version", "kind", "summary",
}  # fmt: skip


class Problems:
    """Every problem found while loading, as error messages, and the warnings (``notes``)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.notes: list[Message] = []

    def add(self, where: Location, text: str) -> None:
        self.messages.append(error(text, where))

    def hidden(self, where: Location, key: str, value: str, ctx: str = "") -> None:
        """Warn of the invisible characters that reorder how ``value`` is shown (a right-to-left override)."""
        found = bidi_controls(value)
        if found:
            self.notes.append(
                warning(
                    f"{ctx}'{key}' holds {found}, invisible, which changes the order in which the words around it "
                    f"are shown (they may not read as they are written); check them, and remove it unless it is meant",
                    where,
                )
            )


# The invisible characters that change the order text is shown in (Unicode's bidirectional embeddings,
# overrides, isolates and marks): words holding them may read otherwise than they are written.
BIDI_CONTROLS = {
    0x061C: "ARABIC LETTER MARK", 0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
    0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
}  # fmt: skip
_BIDI = re.compile("[" + "".join(chr(c) for c in BIDI_CONTROLS) + "]")


def bidi_controls(text: str) -> str:
    """The bidirectional controls ``text`` holds, as "U+202E (RIGHT-TO-LEFT OVERRIDE)" ("" when none)."""
    codes = sorted({ord(c) for c in _BIDI.findall(text)})
    return ", ".join(f"U+{c:04X} ({BIDI_CONTROLS[c]})" for c in codes)


# --- what a change set's header may say: the same limits for a command-line option as for the file ------------

PLAUSIBLE_YEARS = (1900, 2999)  # as yamlsource refuses a date in a file


def modification_problem(value: str) -> str | None:
    """Why ``value`` cannot identify a modification (None when it can)."""
    if MODIFICATION_ID.match(value):
        return None
    return (
        f"{value!r} is not a modification's identifier, such as MP087, MP087A or SECMP0046 (capital letters, "
        f"digits, an optional capital letter)"
    )


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be a change set's words (a title, a base): empty, or a character no document may
    hold (None when it can be)."""
    if not value.strip():
        return "it is empty"
    found = forbidden_characters(value)
    return f"{value!r} holds {found}, a character no Word or HTML document may hold" if found else None


def author_problem(value: str) -> str | None:
    """Why ``value`` cannot be a revision's author (None when it can be)."""
    if len(value) > MAX_AUTHOR:
        return f"the author is {len(value)} characters; Word allows {MAX_AUTHOR} (give the team's name, e.g. SECAS)"
    return text_problem(value)


def date_problem(day: dt.date) -> str | None:
    """Why ``day`` cannot date a change (None when it can)."""
    if PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1]:
        return None
    return f"{day.isoformat()} is not a plausible date (years {PLAUSIBLE_YEARS[0]} to {PLAUSIBLE_YEARS[1]})"


# --- the fields ---------------------------------------------------------------------------------------


def _text(item: Located, key: str, problems: Problems, ctx: str = "", keep_lines: bool = False) -> str | None:
    """The words under ``key``: NFC, white space collapsed (``keep_lines``: line breaks kept)."""
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
    problems.hidden(where, key, text, ctx)
    return text


def _ref(item: Located, key: str, problems: Problems, ctx: str = "") -> ClauseRef | None:
    """The provision ``key`` names (a clause or paragraph, not a whole group or document)."""
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
    item: Located, problems: Problems, ctx: str, required: bool
) -> tuple[ClausePosition, ClauseRef | None] | None:
    """Where a provision goes: ``after:`` or ``before:`` a neighbour, or (when not ``required``) the end."""
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


def _occurrence(item: Located, problems: Problems, ctx: str) -> int | None:
    """Which occurrence of the words is meant (``occurrence: 2``), or None for the only one."""
    value = item.get("occurrence")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        problems.add(item.key_lines["occurrence"], f"{ctx}'occurrence' must be a whole number from 1")
        return None
    return value if isinstance(value, int) else None


def _row_key(item: Located, key: str, problems: Problems, ctx: str) -> RowKey | None:
    """A row or column named by its first (header) cell's words or by its number from 1."""
    value = item[key]
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            problems.add(item.key_lines[key], f"{ctx}'{key}' counts from 1, not {value}")
            return None
        return value
    return _text(item, key, problems, ctx)


# --- what an item's head names --------------------------------------------------------------------------

Subject = TypeVar("Subject", ClauseRef, str)


@dataclass(frozen=True)
class Item(Generic[Subject]):
    """One operation as written: its YAML mapping, what its head names (a provision, a term, a table's
    caption, a heading's words), and how messages about it begin ("G3.20(b): ")."""

    yaml: Located
    subject: Subject
    ctx: str

    @property
    def where(self) -> Location:
        return self.yaml.location

    def __contains__(self, key: str) -> bool:
        return key in self.yaml


def _provision_subject(yaml: Located, head: str, problems: Problems) -> Item[ClauseRef] | None:
    target = _ref(yaml, head, problems)
    return None if target is None else Item(yaml, target, f"{target}: ")


def _term_subject(yaml: Located, head: str, problems: Problems) -> Item[str] | None:
    term = _text(yaml, head, problems)
    return None if term is None else Item(yaml, term.strip('"“”'), "")


def _words_subject(yaml: Located, head: str, problems: Problems) -> Item[str] | None:
    words = _text(yaml, head, problems)
    return None if words is None else Item(yaml, words, "")


_CAPTION = re.compile(r"^Table\s+[A-Z]?\d{1,4}[A-Za-z]{0,3}$", re.IGNORECASE)


def _table_subject(yaml: Located, head: str, problems: Problems) -> Item[str] | None:
    table = _text(yaml, head, problems)
    if table is None:
        return None
    if not _CAPTION.match(table):
        problems.add(
            yaml.key_lines[head],
            f"'table' names a table by its caption's number, such as \"Table 28a\", not {table!r}",
        )
        return None
    table = "Table" + table[5:]
    return Item(yaml, table, f"{table}: ")


# The kinds of operation, by the key that names them: what that key's value is, and a hint for choosing
# among the operations of the kind.
HEADS: dict[str, Callable[[Located, str, Problems], Item[ClauseRef] | Item[str] | None]] = {
    "in": _provision_subject,
    "add": _provision_subject,
    "remove": _provision_subject,
    "renumber": _provision_subject,
    "move": _provision_subject,
    "define": _term_subject,
    "undefine": _term_subject,
    "add heading": _words_subject,
    "remove heading": _words_subject,
    "table": _table_subject,
}
_VERB_HINTS = {"table": " with 'column:'"}


# --- the operations ------------------------------------------------------------------------------------


def _insert_text(item: Item[ClauseRef], problems: Problems) -> InsertText | None:
    y, ctx = item.yaml, item.ctx
    text = _text(y, "insert", problems, ctx)
    places: list[WordPosition] = [k for k in WORD_POSITIONS if k in y]
    if len(places) != 1:
        problems.add(
            item.where, f"{ctx}'insert:' needs exactly one of 'after:' or 'before:' naming the words it goes beside"
        )
        return None
    anchor = _text(y, places[0], problems, ctx)
    occurrence = _occurrence(y, problems, ctx)
    if text is None or anchor is None:
        return None
    return InsertText(item.subject, text, anchor, places[0], occurrence, item.where)


def _delete_text(item: Item[ClauseRef], problems: Problems) -> DeleteText | None:
    text = _text(item.yaml, "delete", problems, item.ctx)
    occurrence = _occurrence(item.yaml, problems, item.ctx)
    return None if text is None else DeleteText(item.subject, text, occurrence, item.where)


def _replace_text(item: Item[ClauseRef], problems: Problems) -> ReplaceText | None:
    y, ctx = item.yaml, item.ctx
    old = _text(y, "replace", problems, ctx)
    occurrence = _occurrence(y, problems, ctx)
    if "with" not in y:
        problems.add(item.where, f"{ctx}'replace:' needs 'with:' giving the new words")
        return None
    new = _text(y, "with", problems, ctx)
    if old is None or new is None:
        return None
    return ReplaceText(item.subject, old, new, occurrence, item.where)


def _set_text(item: Item[ClauseRef], problems: Problems) -> SetText | None:
    y = item.yaml
    field: Field = "text" if "text" in y else "trailing"
    if field == "trailing" and y["trailing"] in ("", None):
        return SetText(item.subject, "trailing", "", item.where)  # removes the text after the list
    new = _text(y, field, problems, item.ctx)
    return None if new is None else SetText(item.subject, field, new, item.where)


def _insert_clause(item: Item[ClauseRef], problems: Problems) -> InsertClause | None:
    y, ctx = item.yaml, item.ctx
    place = _place(y, problems, ctx, required=False)
    if "text" not in y:
        problems.add(item.where, f"{ctx}'add:' needs 'text:' giving the new provision")
        return None
    text = _text(y, "text", problems, ctx, keep_lines=True)
    if place is None or text is None:
        return None
    return InsertClause(item.subject, place[1], place[0], text, item.where)


def _delete_clause(item: Item[ClauseRef], problems: Problems) -> DeleteClause:
    leave = _text(item.yaml, "leave", problems, item.ctx) if "leave" in item else None
    return DeleteClause(item.subject, leave, item.where)


def _renumber(item: Item[ClauseRef], problems: Problems) -> Renumber | None:
    if "to" not in item:
        problems.add(item.where, f"{item.ctx}'renumber:' needs 'to:' giving the new reference")
        return None
    to = _ref(item.yaml, "to", problems, item.ctx)
    return None if to is None else Renumber(item.subject, to, item.where)


def _move_clause(item: Item[ClauseRef], problems: Problems) -> MoveClause | None:
    place = _place(item.yaml, problems, item.ctx, required=True)
    to = _ref(item.yaml, "to", problems, item.ctx) if "to" in item else None
    if place is None or place[1] is None or place[0] == "end":
        return None
    return MoveClause(item.subject, place[1], place[0], to, item.where)


def _amend_definition(item: Item[str], problems: Problems) -> AmendDefinition | None:
    term = item.subject
    if "text" not in item:
        problems.add(item.where, f"\"{term}\": 'define:' needs 'text:' giving the definition, e.g. \"means ...\"")
        return None
    text = _text(item.yaml, "text", problems, f'"{term}": ', keep_lines=True)
    return None if text is None else AmendDefinition(term, text, item.where)


def _remove_definition(item: Item[str], problems: Problems) -> RemoveDefinition:
    return RemoveDefinition(item.subject, item.where)


def _heading(
    make: type[AddHeading] | type[RemoveHeading], head: str
) -> Callable[[Item[str], Problems], Operation | None]:
    def read(item: Item[str], problems: Problems) -> Operation | None:
        if "before" not in item:
            problems.add(item.where, f"'{head}:' needs 'before:' naming the clause the heading stands before")
            return None
        before = _ref(item.yaml, "before", problems, f"heading {item.subject!r}: ")
        return None if before is None else make(item.subject, before, item.where)

    return read


def _document(item: Item[str], problems: Problems) -> str | None:
    return _text(item.yaml, "document", problems, item.ctx) if "document" in item else None


def _insert_row(item: Item[str], problems: Problems) -> InsertRow | None:
    y, ctx = item.yaml, item.ctx
    document = _document(item, problems)
    cells = y["add row"]
    if not isinstance(cells, list) or not cells or any(isinstance(c, (dict, list)) or c is None for c in cells):
        problems.add(
            y.key_lines["add row"], f'{ctx}\'add row\' must be a list of the new row\'s cells, e.g. ["a", "b"]'
        )
        return None
    places = [k for k in ("after row", "before row") if k in y]
    if len(places) > 1:
        problems.add(item.where, f"{ctx}give 'after row:' or 'before row:', not both")
        return None
    anchor = _row_key(y, places[0], problems, ctx) if places else None
    if places and anchor is None:
        return None
    position: ClausePosition = "end" if not places else "after" if places[0] == "after row" else "before"
    words = tuple(" ".join(unicodedata.normalize("NFC", str(c)).split()) for c in cells)
    problems.hidden(y.key_lines["add row"], "add row", " ".join(words), ctx)
    return InsertRow(item.subject, document, words, anchor, position, item.where)


def _delete_row(item: Item[str], problems: Problems) -> DeleteRow | None:
    document = _document(item, problems)
    row = _row_key(item.yaml, "remove row", problems, item.ctx)
    return None if row is None else DeleteRow(item.subject, document, row, item.where)


def _set_cell(item: Item[str], problems: Problems) -> SetCell | None:
    y, ctx = item.yaml, item.ctx
    document = _document(item, problems)
    row = _row_key(y, "row", problems, ctx)
    if "column" not in y:
        problems.add(item.where, f"{ctx}'row:' needs 'column:' naming the cell (its header's words or its number)")
        return None
    column = _row_key(y, "column", problems, ctx)
    kinds = [k for k in ("text", "blank") if k in y]
    if len(kinds) != 1:
        problems.add(item.where, f"{ctx}a cell needs exactly one of 'text:' (its new words) or 'blank: true'")
        return None
    text: str | None
    if kinds[0] == "blank":
        if y["blank"] is not True:
            problems.add(y.key_lines["blank"], f"{ctx}'blank' is 'true' or left out")
            return None
        text = BLANK_CELL
    else:
        text = _text(y, "text", problems, ctx)
    if row is None or column is None or text is None:
        return None
    return SetCell(item.subject, document, row, column, text, item.where)


# --- the table --------------------------------------------------------------------------------------------

Reader = Callable[[Item[ClauseRef], Problems], Operation | None] | Callable[[Item[str], Problems], Operation | None]


@dataclass(frozen=True)
class Form:
    """How one operation is written: the key naming its kind, the keys choosing it among that kind's
    operations (none when the kind has one), the other keys it may carry, and its reader."""

    head: str
    verbs: tuple[str, ...]
    keys: tuple[str, ...]
    read: Reader


FORMS: dict[type[Operation], Form] = {
    InsertText: Form("in", ("insert",), ("after", "before", "occurrence"), _insert_text),
    DeleteText: Form("in", ("delete",), ("occurrence",), _delete_text),
    ReplaceText: Form("in", ("replace",), ("with", "occurrence"), _replace_text),
    SetText: Form("in", ("text", "trailing"), (), _set_text),
    InsertClause: Form("add", (), ("after", "before", "text"), _insert_clause),
    DeleteClause: Form("remove", (), ("leave",), _delete_clause),
    Renumber: Form("renumber", (), ("to",), _renumber),
    MoveClause: Form("move", (), ("after", "before", "to"), _move_clause),
    AmendDefinition: Form("define", (), ("text",), _amend_definition),
    RemoveDefinition: Form("undefine", (), (), _remove_definition),
    AddHeading: Form("add heading", (), ("before",), _heading(AddHeading, "add heading")),
    RemoveHeading: Form("remove heading", (), ("before",), _heading(RemoveHeading, "remove heading")),
    InsertRow: Form("table", ("add row",), ("document", "after row", "before row"), _insert_row),
    DeleteRow: Form("table", ("remove row",), ("document",), _delete_row),
    SetCell: Form("table", ("row",), ("document", "column", "text", "blank"), _set_cell),
}


def _forms_of(head: str) -> list[Form]:
    return [f for f in FORMS.values() if f.head == head]


def keys_of(head: str) -> set[str]:
    """Every key an operation of kind ``head`` may have (the head, its verbs, their keys, ``note:``)."""
    return {head, "note"} | {k for f in _forms_of(head) for k in (*f.verbs, *f.keys)}


def _listed(words: list[str]) -> str:
    quoted = [f"'{w}:'" for w in words]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _chosen(item: Item[ClauseRef] | Item[str], head: str, problems: Problems) -> Form | None:
    """The one form of ``head`` whose verb the item gives; a problem when none or several are given, or a
    key another form's verb needs is given with this one."""
    forms = _forms_of(head)
    if len(forms) == 1:
        return forms[0]
    verbs = [v for f in forms for v in f.verbs]
    given = [v for v in verbs if v in item]
    if len(given) != 1:
        problems.add(
            item.where,
            f"{item.ctx}give exactly one of {_listed(verbs)}{_VERB_HINTS.get(head, '')} "
            f"(found {', '.join(given) or 'none'})",
        )
        return None
    form = next(f for f in forms if given[0] in f.verbs)
    others = [k for f in forms if f is not form for k in f.keys if k not in form.keys and k in item]
    for key in dict.fromkeys(others):
        problems.add(item.yaml.key_lines[key], f"{item.ctx}'{key}:' does not go with '{given[0]}:'")
    return None if others else form


def _operation(value: object, index: int, source: str, problems: Problems) -> Operation | None:
    """The operation one item of ``changes:`` writes, or None with its problems added."""
    if not isinstance(value, Located):
        problems.add(
            Location(source), f"changes item {index}: must be a mapping such as 'in: G3.20(b)' with 'insert:' ..."
        )
        return None
    heads = [h for h in HEADS if h in value]
    if not heads:  # a misspelt head, most often: each key no change knows, at its own line
        for key in sorted(set(value) - {k for h in HEADS for k in keys_of(h)}):
            problems.add(value.key_lines[key], f"unknown key '{key}'{did_you_mean(key, HEADS)}")
    if len(heads) != 1:
        names = ", ".join(f"'{h}:'" for h in HEADS)
        problems.add(
            value.location, f"change {index} must have exactly one of {names} (found {', '.join(heads) or 'none'})"
        )
        return None
    head = heads[0]
    allowed = keys_of(head)
    for key in sorted(set(value) - allowed):
        problems.add(
            value.key_lines[key],
            f"unknown key '{key}' for {'an' if head[0] in 'aeiou' else 'a'} '{head}:' change"
            f"{did_you_mean(key, allowed)} (expected: {', '.join(sorted(allowed))})",
        )
    note = _text(value, "note", problems, keep_lines=True) if "note" in value else None
    item = HEADS[head](value, head, problems)
    if item is None:
        return None
    form = _chosen(item, head, problems)
    op = None if form is None else form.read(item, problems)  # type: ignore[arg-type]  # FORMS pairs each reader with its head's subject
    return dataclasses.replace(op, note=note) if op is not None and note else op


# --- the header ---------------------------------------------------------------------------------------------


def _header(data: Located, source: str, problems: Problems) -> dict[str, str]:
    """The header's words: modification, title, base, author and legal_text_version, each checked."""
    header: dict[str, str] = {}
    for key in ("modification", "title", "base", "author", "legal_text_version", "summary"):
        if key not in data:
            if key not in ("legal_text_version", "summary"):
                problems.add(Location(source, 1), f"missing '{key}:'")
            continue
        if key in ("base", "legal_text_version") and isinstance(data[key], float):
            written = data.written.get(key, str(data[key]))
            lost = f"{written} as {data[key]}" if written != str(data[key]) else "6.20 as 6.2"
            problems.add(
                data.key_lines[key],
                f"'{key}' must be quoted (\"{written}\"): unquoted, YAML reads a version as a number ({lost})",
            )
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
    if mod and modification_problem(mod):
        problems.add(
            data.key_lines["modification"],
            f"'modification' is an identifier such as MP087, MP087A or SECMP0046 (capital letters, digits, an "
            f"optional capital letter), not {mod!r}",
        )
    return header


def _kind(data: Located, problems: Problems) -> str:
    """What the change is: a modification (the default), a direction or a variation."""
    if "kind" not in data:
        return "modification"
    given = _text(data, "kind", problems)
    if given is not None and given not in KINDS:
        problems.add(data.key_lines["kind"], f"'kind' is one of {', '.join(KINDS)}, not {given!r}")
        return "modification"
    return given or "modification"


def _date(data: Located, source: str, problems: Problems) -> dt.date | None:
    """The date of every tracked change (YYYY-MM-DD)."""
    date = data.get("date")
    if "date" not in data:
        problems.add(Location(source, 1), "missing 'date:' (YYYY-MM-DD), used as the date of every tracked change")
        return None
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    if isinstance(date, str):
        try:
            return dt.date.fromisoformat(date.strip())
        except ValueError:
            problems.add(data.key_lines["date"], f"'date' must be YYYY-MM-DD, not {date!r}")
            return None
    problems.add(data.key_lines["date"], "'date' must be YYYY-MM-DD")
    return None


def _operations(data: Located, source: str, problems: Problems) -> list[Operation]:
    changes = data.get("changes")
    if "changes" not in data:
        problems.add(Location(source, 1), "missing 'changes:' (a list of operations)")
        return []
    if not isinstance(changes, list) or not changes:
        problems.add(data.key_lines["changes"], "'changes' must be a non-empty list of operations")
        return []
    ops = [_operation(item, index, source, problems) for index, item in enumerate(changes, start=1)]
    return [op for op in ops if op is not None]


def _changeset_from(data: object, source: str) -> ChangeSet:
    if not isinstance(data, Located):
        raise ChangeSetError(
            error("a change set must be a mapping with 'modification:', 'base:' and 'changes:'", Location(source, 1))
        )
    problems = Problems()
    for key in sorted(set(data) - HEADER_KEYS):
        problems.add(
            data.key_lines[key],
            f"unknown key '{key}'{did_you_mean(key, HEADER_KEYS)} (expected one of: {', '.join(sorted(HEADER_KEYS))})",
        )
    header = _header(data, source, problems)
    kind = _kind(data, problems)
    date = _date(data, source, problems)
    ops = _operations(data, source, problems)
    for note in problems.notes:  # told whichever command reads the change set, even one it then refuses
        notice(note)
    if problems.messages or date is None:
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
        summary=header.get("summary", ""),
        lines=tuple((k, v) for k, v in data.key_lines.items() if k != "changes"),
    )


# Files that hold a base, not a change set: one of them that does not load as a change set was most likely
# given in the change set's place (BASE and CHANGESET the other way round).
_BASE_SUFFIXES = frozenset({".txt", ".docx", ".docm", ".doc", ".odt", ".pdf", ".html", ".htm", ".rtf"})


def load_changeset(path: str | Path) -> ChangeSet:
    """Load and check a change set file; raise ChangeSetError listing every problem found.  A base's file
    (text, Word) that is no YAML mapping, given where a change set goes, is said to be one, in one line."""
    suffix = Path(str(path)).suffix.lower()
    try:
        data = load_yaml(path)
    except (YAMLSyntaxError, InputError):
        if suffix not in _BASE_SUFFIXES or not Path(str(path)).is_file():
            raise  # a change set's own YAML mistake, or a file that is not there
        data = None
    if data is None or (not isinstance(data, dict) and suffix in _BASE_SUFFIXES):
        raise ChangeSetError(
            error(
                f"is a {suffix} file, not a change set (a change set is YAML, e.g. mp087.changes.yaml): were the "
                "base and the change set given the other way round? The base comes first",
                Location(str(path)),
            )
        )
    return _changeset_from(data, str(path))


def load_changeset_text(text: str, source: str = "<changes>") -> ChangeSet:
    """Load and check a change set given as YAML text."""
    return _changeset_from(load_yaml_text(text, source), source)


def load_changesets(paths: Iterable[str | Path]) -> list[ChangeSet]:
    """Load every change set, reporting the problems of all of them at once (ChangeSetError)."""
    loaded: list[ChangeSet] = []
    problems: list[Message] = []
    for path in paths:
        try:
            loaded.append(load_changeset(path))
        except ProblemsError as exc:  # a file that is no YAML too
            problems += exc.messages
    if problems:
        raise ChangeSetError(problems)
    return loaded
