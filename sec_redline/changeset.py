"""Change sets: a modification's legal-text changes, loaded from YAML and checked.

The core format (see docs/change-sets.md)::

    modification: MP087
    title: "Correction to SEC Section G - User Responsibilities"
    base: "6.17"
    author: SECAS
    date: 2019-10-04
    changes:
      - in: G3.20(b)
        after: "Gas Proxy Function"
        insert: "which forms part of a SMETS2+ Device"

Every problem found is reported at once, one line each: ``file:line: clause: problem``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from legal_text import ClauseRef, ClauseRefError

from .errors import ChangeSetError
from .yamlsource import Located, Location, load_yaml

_MOD_RE = re.compile(r"^MP\d{3,4}[A-Z]?$")


@dataclass(frozen=True)
class InsertText:
    """Insert ``text`` before or after ``anchor`` in the target's own words."""

    target: ClauseRef
    text: str
    anchor: str
    position: str  # "after" | "before"
    occurrence: int | None
    where: Location

    def describe(self) -> str:
        return f"insert {self.text!r} {self.position} {self.anchor!r}"


@dataclass(frozen=True)
class DeleteText:
    """Delete ``text`` from the target's own words."""

    target: ClauseRef
    text: str
    occurrence: int | None
    where: Location

    def describe(self) -> str:
        return f"delete {self.text!r}"


@dataclass(frozen=True)
class ReplaceText:
    """Replace ``old`` with ``new`` in the target's own words."""

    target: ClauseRef
    old: str
    new: str
    occurrence: int | None
    where: Location

    def describe(self) -> str:
        return f"replace {self.old!r} with {self.new!r}"


Operation = Union[InsertText, DeleteText, ReplaceText]


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

    @property
    def timestamp(self) -> str:
        """The revision date for tracked changes, ISO 8601 at midnight UTC."""
        return f"{self.date.isoformat()}T00:00:00Z"

    def targets(self) -> list[ClauseRef]:
        return [op.target for op in self.changes]


HEADER_KEYS = {"modification", "title", "base", "author", "date", "changes", "legal_text_version"}
OPERATION_KEYS = {"in", "insert", "after", "before", "delete", "replace", "with", "occurrence"}


def _text(value, name: str, where: Location, problems: list[str], what: str = "") -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        problems.append(f"{where}: {what}'{name}' must be text, not {type(value).__name__ if value is not None else 'empty'}")
        return None
    text = " ".join(str(value).split())
    if not text:
        problems.append(f"{where}: {what}'{name}' is empty")
        return None
    return text


def _operation(item, index: int, source: str, problems: list[str]) -> Operation | None:
    if not isinstance(item, Located):
        problems.append(f"{source}: changes item {index}: must be a mapping such as 'in: G3.20(b)' with 'insert:'/'delete:'/'replace:'")
        return None
    where = item.location
    unknown = sorted(set(item) - OPERATION_KEYS)
    for key in unknown:
        problems.append(f"{item.key_lines[key]}: unknown key '{key}' (expected one of: {', '.join(sorted(OPERATION_KEYS))})")
    if "in" not in item:
        problems.append(f"{where}: change {index} has no 'in:' naming the clause to change")
        return None
    try:
        target = ClauseRef.parse(str(item["in"]))
    except ClauseRefError as exc:
        problems.append(f"{item.key_lines['in']}: {exc}")
        return None
    if target.clause is None:
        problems.append(f"{item.key_lines['in']}: {target}: 'in:' must name a clause or paragraph such as G3.20(b)")
        return None
    ctx = f"{target}: "
    occurrence = item.get("occurrence")
    if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1):
        problems.append(f"{item.key_lines['occurrence']}: {ctx}'occurrence' must be a whole number from 1")
        occurrence = None
    verbs = [k for k in ("insert", "delete", "replace") if k in item]
    if len(verbs) != 1:
        problems.append(f"{where}: {ctx}give exactly one of 'insert:', 'delete:' or 'replace:' (found {', '.join(verbs) or 'none'})")
        return None
    verb = verbs[0]
    if verb == "insert":
        text = _text(item["insert"], "insert", item.key_lines["insert"], problems, ctx)
        places = [k for k in ("after", "before") if k in item]
        if len(places) != 1:
            problems.append(f"{where}: {ctx}'insert:' needs exactly one of 'after:' or 'before:' naming the words it goes beside")
            return None
        anchor = _text(item[places[0]], places[0], item.key_lines[places[0]], problems, ctx)
        if "with" in item:
            problems.append(f"{item.key_lines['with']}: {ctx}'with:' goes with 'replace:', not 'insert:'")
        if text is None or anchor is None:
            return None
        return InsertText(target, text, anchor, places[0], occurrence, where)
    for stray in ("after", "before"):
        if stray in item:
            problems.append(f"{item.key_lines[stray]}: {ctx}'{stray}:' goes with 'insert:', not '{verb}:'")
    if verb == "delete":
        if "with" in item:
            problems.append(f"{item.key_lines['with']}: {ctx}'with:' goes with 'replace:', not 'delete:'")
        text = _text(item["delete"], "delete", item.key_lines["delete"], problems, ctx)
        return None if text is None else DeleteText(target, text, occurrence, where)
    old = _text(item["replace"], "replace", item.key_lines["replace"], problems, ctx)
    if "with" not in item:
        problems.append(f"{where}: {ctx}'replace:' needs 'with:' giving the new words")
        return None
    new = _text(item["with"], "with", item.key_lines["with"], problems, ctx)
    if old is None or new is None:
        return None
    return ReplaceText(target, old, new, occurrence, where)


def load_changeset(path: str | Path) -> ChangeSet:
    """Load and check a change set file; raise ChangeSetError listing every problem found."""
    source = str(path)
    data = load_yaml(path)
    if not isinstance(data, Located):
        raise ChangeSetError(f"{source}:1: a change set must be a mapping with 'modification:', 'base:' and 'changes:'")
    problems: list[str] = []
    for key in sorted(set(data) - HEADER_KEYS):
        problems.append(f"{data.key_lines[key]}: unknown key '{key}' (expected one of: {', '.join(sorted(HEADER_KEYS))})")
    header: dict[str, str] = {}
    for key in ("modification", "title", "base", "author", "legal_text_version"):
        if key == "legal_text_version" and key not in data:
            continue
        if key not in data:
            problems.append(f"{source}:1: missing '{key}:'")
            continue
        value = _text(data[key], key, data.key_lines[key], problems)
        if value is not None:
            header[key] = value
    mod = header.get("modification")
    if mod and not _MOD_RE.match(mod):
        problems.append(f"{data.key_lines['modification']}: 'modification' should look like MP087, not {mod!r}")
    date = data.get("date")
    if "date" not in data:
        problems.append(f"{source}:1: missing 'date:' (YYYY-MM-DD), used as the date of every tracked change")
    elif isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            problems.append(f"{data.key_lines['date']}: 'date' must be YYYY-MM-DD, not {date!r}")
    elif isinstance(date, dt.datetime):
        date = date.date()
    elif not isinstance(date, dt.date):
        problems.append(f"{data.key_lines['date']}: 'date' must be YYYY-MM-DD")
    changes = data.get("changes")
    ops: list[Operation] = []
    if "changes" not in data:
        problems.append(f"{source}:1: missing 'changes:' (a list of operations)")
    elif not isinstance(changes, list) or not changes:
        problems.append(f"{data.key_lines['changes']}: 'changes' must be a non-empty list of operations")
    else:
        for index, item in enumerate(changes, start=1):
            op = _operation(item, index, source, problems)
            if op is not None:
                ops.append(op)
    if problems:
        raise ChangeSetError(problems)
    return ChangeSet(
        modification=header["modification"],
        title=header["title"],
        base=header["base"],
        author=header["author"],
        date=date,
        changes=tuple(ops),
        source=source,
        legal_text_version=header.get("legal_text_version", "0.1"),
    )
