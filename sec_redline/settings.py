"""The settings file: what a user would otherwise repeat on every command.

``sec-redline.toml`` in the working folder, its keys at the top level::

    author = "SECAS"
    classification = "Amber"
    templates = "my-templates"
    store = "versions.sqlite"

or, when there is no such file, a ``[tool.sec-redline]`` table of a ``pyproject.toml`` there, holding the
same keys.  Each is the default of the option of that name (``--author``, ``--classification``,
``--templates``, ``--store``) for every command that has the option; an option given on the command line,
and a change set's (or manifest's, or metadata's) own value, win.  Paths are as written, from the working
folder (where the file is).  A key not known, or a value that is not a string, is an error naming the file
and line (and the nearest known key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from legal_text import Location, Message, error

from .errors import EXIT_USAGE, ProblemsError
from .fileio import read_input_text

SETTINGS_FILE = "sec-redline.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "sec-redline")
MAX_SETTINGS_BYTES = 1024 * 1024

# Each key, and what it is the default of.
KEYS = {
    "author": "--author: the author of tracked changes (diff, changeset)",
    "classification": "--classification: the Panel Information Policy classification (redline, diff)",
    "templates": "--templates: your own templates (redline, diff, report, release)",
    "store": "--store: the version store (store, history, show, diff, release; apply and redline with --pending)",
}


class SettingsError(ProblemsError):
    """The settings file is not what sec-redline reads: each problem with its file and line."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Settings:
    """The values of the settings file (by key) and the file they came from ("" when there is none)."""

    values: dict[str, str] = field(default_factory=dict)
    source: str = ""


def load_settings(folder: str | Path = ".") -> Settings:
    """The settings of ``folder``: its ``sec-redline.toml``, else the ``[tool.sec-redline]`` table of its
    ``pyproject.toml``, else none; SettingsError listing every problem (file:line)."""
    own = Path(folder) / SETTINGS_FILE
    if own.is_file():
        text = read_input_text(own, MAX_SETTINGS_BYTES, "a settings file")
        return _checked(_parsed(text, own), text, own, ())
    project = Path(folder) / PYPROJECT
    if project.is_file():
        text = read_input_text(project, MAX_SETTINGS_BYTES, "a pyproject.toml")
        table: object = _parsed(text, project)
        for name in TABLE:
            table = table.get(name) if isinstance(table, dict) else None
        if table is None:
            return Settings()
        if not isinstance(table, dict):
            raise SettingsError(error("[tool.sec-redline] must be a table of settings", _line(text, project, (), "")))
        return _checked(table, text, project, TABLE)
    return Settings()


def _parsed(text: str, path: Path) -> dict[str, object]:
    import tomllib  # only where a settings file is there: every command starts without it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 9)" or "... (at end of document)": the position, written as
        # every other message writes it.
        message = str(exc)
        at = re.search(r"\((?:at line (\d+), column (\d+)|at end of document)\)$", message)
        if at is None:
            raise SettingsError(error(f"not valid TOML: {message}", Location(str(path)))) from None
        line = int(at.group(1)) if at.group(1) else max(1, len(text.splitlines()))
        where = Location(str(path), line, column=int(at.group(2)) if at.group(2) else None)
        raise SettingsError(error(f"not valid TOML: {message[: at.start()].strip()}", where)) from None


def _checked(table: dict[str, object], text: str, path: Path, prefix: tuple[str, ...]) -> Settings:
    """The table's values, once every key is known and every value a string."""
    problems: list[Message] = []
    values: dict[str, str] = {}
    for key, value in table.items():
        where = _line(text, path, prefix, key)
        if key not in KEYS:
            known = ", ".join(KEYS)
            from .yamlsource import did_you_mean  # (PyYAML with it: not loaded by every command's start)

            problems.append(error(f"unknown setting '{key}'{did_you_mean(key, KEYS)} (known: {known})", where))
        elif not isinstance(value, str) or not value.strip():
            problems.append(error(f"'{key}' is a string, e.g. {key} = \"...\"", where))
        else:
            values[key] = value
    if problems:
        raise SettingsError(problems)
    return Settings(values, str(path))


def _line(text: str, path: Path, prefix: tuple[str, ...], key: str) -> Location:
    """Where ``key`` is written in the table ``prefix`` (the top level for ()), or the table's header, or the
    file's first line: tomllib keeps no positions, so the lines are read for it."""
    header = re.compile(r"^\s*\[\s*(?P<name>[^\]]+?)\s*\]\s*(#.*)?$")
    wanted = ".".join(prefix)
    current = ""
    table_line = 1
    assignment = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=") if key else None
    for number, line in enumerate(text.splitlines(), start=1):
        found = header.match(line)
        if found:
            current = found.group("name").replace('"', "").replace(" ", "")
            if current == wanted:
                table_line = number
            continue
        if current == wanted and assignment is not None and assignment.match(line):
            return Location(str(path), number)
    return Location(str(path), table_line)


__all__ = ["KEYS", "SETTINGS_FILE", "Settings", "SettingsError", "load_settings"]
