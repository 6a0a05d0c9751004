"""Load YAML with the line number of every mapping, for messages that point at file:line."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from legal_text import Location, error
from legal_text.text_reader import forbidden_characters

from .errors import YAMLSyntaxError
from .fileio import read_input_text

MAX_YAML_BYTES = 5 * 1024 * 1024

__all__ = ["MAX_YAML_BYTES", "Located", "Location", "did_you_mean", "load_yaml", "load_yaml_text"]


class Located(dict[str, Any]):
    """A mapping that remembers where it started and where each key was written."""

    location: Location
    key_lines: dict[str, Location]
    written: dict[str, str]  # each plain value as the file writes it ("6.20", where YAML reads 6.2)


MAX_DEPTH = 64  # nesting of mappings and lists; a change set needs 4
MAX_DIGITS = 18  # a plain integer longer than this is no count, line or cost a change set needs
_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_BIG_INTEGER = re.compile(rf"[-+]?[0-9][0-9_]{{{MAX_DIGITS},}}")


def _screen(text: str, name: str) -> None:
    """Refuse, before anything is built, what could make loading explode: aliases (``*name``, the "billion
    laughs"), deep nesting, and integers too long to be meant."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        line = _at(name, token.start_mark.line, token.start_mark.column)
        if isinstance(token, yaml.AliasToken):
            raise YAMLSyntaxError(error(f"aliases (*{token.value}) are not allowed; write the text out in full", line))
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise YAMLSyntaxError(error(f"nested more than {MAX_DEPTH} levels deep; a change set needs 4", line))
        elif isinstance(token, _CLOSE):
            depth -= 1
        elif isinstance(token, yaml.ScalarToken) and token.plain and _BIG_INTEGER.fullmatch(token.value):
            raise YAMLSyntaxError(error(f"the number {token.value[:20]}... is too long to be meant", line))


def _scalar(node: yaml.Node, loader: yaml.SafeLoader, name: str) -> Any:
    """A scalar's value; one that YAML reads as a date or number but that is not one is an error here."""
    where = _at(name, node.start_mark.line, node.start_mark.column)
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        raise YAMLSyntaxError(
            error(
                f"{node.value!r} is not a valid {_kind(node)} ({exc}); use YYYY-MM-DD for "
                f"dates, or quote it to keep it as text",
                where,
            )
        ) from None
    found = forbidden_characters(value) if isinstance(value, str) else ""
    if found:
        raise YAMLSyntaxError(error(f"holds {found}, a character no Word or HTML document may hold; remove it", where))
    if isinstance(value, dt.date) and not 1900 <= value.year <= 2999:
        raise YAMLSyntaxError(error(f"{value.isoformat()} is not a plausible date (years 1900 to 2999)", where))
    return value


def _kind(node: yaml.Node) -> str:
    return "date" if re.match(r"\d{4}-", str(node.value)) else "value"


def _construct(node: yaml.Node, loader: yaml.SafeLoader, name: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.location = Location(name, node.start_mark.line + 1)
        out.key_lines = {}
        out.written = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, name)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise YAMLSyntaxError(
                    error(
                        f"key '{key}' is given twice", _at(name, key_node.start_mark.line, key_node.start_mark.column)
                    )
                )
            out[key] = _construct(value_node, loader, name)
            out.key_lines[key] = Location(name, key_node.start_mark.line + 1)
            if isinstance(value_node, yaml.ScalarNode):
                out.written[key] = value_node.value
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(n, loader, name) for n in node.value]
    return _scalar(node, loader, name)


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """ "; did you mean 'title'?" when ``key`` (a misspelt key) is close to one of ``known``; else ""."""
    names = {k.lower(): k for k in known}
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    return f"; did you mean '{names[close[0]]}'?" if close else ""


def load_yaml(path: str | Path) -> Any:
    """Read a YAML file into dicts (``Located``) and lists; raise a one-line error on any problem."""
    return load_yaml_text(read_input_text(path, MAX_YAML_BYTES, "a YAML file"), str(path))


def load_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text into dicts (``Located``) and lists; one-line errors naming ``name:line:column``."""
    try:
        _screen(text, name)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, name) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n")
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1)
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        raise YAMLSyntaxError(error(f"not valid YAML: {exc.reason} (U+{code:04X})", _at(name, line, column))) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YAMLSyntaxError(error("the file holds no YAML document", Location(name, 1)))
        return _construct(node, loader, name)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, name) from None
    except yaml.YAMLError as exc:
        raise YAMLSyntaxError(error(f"not valid YAML: {exc}", Location(name))) from None
    finally:
        loader.dispose()


# --- YAML that does not parse: where, the line as written, and what to do -----------------------------------
#
# PyYAML says what its parser expected ("expected <block end>, but found '<block mapping start>'"); a user
# wants where, the line, and the usual cause.  The causes met in change sets, manifests and report metadata:
# a tab (YAML indents with spaces only), a line indented off its mapping or list, and a value holding ': '
# or starting with a character YAML reserves, unquoted.

QUOTE_CHARS = 100  # of the offending line, around the column


def _at(name: str, line: int, column: int) -> Location:
    """``name:LINE:COLUMN`` from PyYAML's 0-based line and column."""
    return Location(name, line + 1, column=column + 1)


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line] if 0 <= line < len(lines) else ""


def _quoted(line: str, column: int) -> str:
    """The offending line as written (tabs shown as \\t), cut to QUOTE_CHARS around ``column``."""
    start = max(0, min(column - QUOTE_CHARS // 2, len(line) - QUOTE_CHARS))
    cut = line[start : start + QUOTE_CHARS]
    return ("..." if start else "") + repr(cut) + ("..." if start + QUOTE_CHARS < len(line) else "")


_ENDS = ("found unexpected end of stream", "but got '<stream end>'")  # something opened and never closed
_INDENT = ("expected <block end>", "did not find expected key", "did not find expected '-' indicator")
_QUOTE_OPENERS = {"while scanning a quoted scalar", "while scanning a double-quoted scalar"}
_PLAIN_VALUE = re.compile(r"\s*(?:-\s+)?([^\s:#'\"][^:#]*?|'[^']*'|\"[^\"]*\"):\s+(\S.*)")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str) -> YAMLSyntaxError:
    """A one-line error for YAML that does not parse: ``FILE:LINE:COLUMN: not valid YAML: what, in 'the
    line'; hint: the usual cause``."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and (any(e in problem for e in _ENDS) or problem == "could not find expected ':'"):
        mark = exc.context_mark  # where the unclosed thing, or the line that is no key, begins
    if mark is None:
        return YAMLSyntaxError(error(f"not valid YAML: {problem or context}", Location(name, 1)))
    line = _line(text, mark.line)
    what, hint = _explain(problem, context, exc.context_mark, line, mark.column)
    said = f"not valid YAML: {what}, in {_quoted(line, mark.column)}" + (f"; hint: {hint}" if hint else "")
    return YAMLSyntaxError(error(said, _at(name, mark.line, mark.column)))


def _explain(problem: str, context: str, opened: yaml.Mark | None, line: str, column: int) -> tuple[str, str]:
    """(what is wrong, in words; a hint for the usual cause, or "")."""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "'\\t'" in problem or "\t" in indent:
        return "a tab where YAML expects spaces", "YAML indents with spaces only: replace the tab with spaces"
    if problem == "mapping values are not allowed here":
        value = _PLAIN_VALUE.match(line)
        if value and value.start(2) < column:
            return "a second ': ' in a value", "quote a value that holds a colon and a space: " + _requoted(line, value)
        return "a key indented as if it continued the value above it", _INDENT_HINT
    if any(p in problem for p in _INDENT) or problem == "could not find expected ':'":
        return _misplaced(problem, context, opened, line)
    return _unclosed_or_reserved(problem, context, line[column : column + 1])


def _misplaced(problem: str, context: str, opened: yaml.Mark | None, line: str) -> tuple[str, str]:
    """A line where the parser expected the end of a mapping or list, or a key: indentation, mostly."""
    if "'<scalar>'" in problem and ("'" in line or '"' in line):
        return "text after a closing quote", "inside '...' write a quote twice ('it''s'), or quote with \"...\""
    if problem == "could not find expected ':'":
        return "a line that is neither a key nor a list item", (
            "a key needs ': ' after it and a list item '- ' before it; a value running over several lines is "
            "indented more than its key, or quoted"
        )
    kind = "list" if "collection" in context or "sequence" in context else "mapping"
    where = f" (begun on line {opened.line + 1})" if opened is not None else ""
    return f"a line indented off its {kind}{where}", _INDENT_HINT


def _unclosed_or_reserved(problem: str, context: str, char: str) -> tuple[str, str]:
    """A quote or bracket never closed, a backslash escape, or a character YAML reserves (``char``: the one
    at the column)."""
    if context in _QUOTE_OPENERS and "end of stream" in problem:
        return "a quote opened here is never closed", "close the quote at the end of the value"
    if "escape character" in problem:
        return problem.removeprefix("found "), "inside \"...\" write a backslash twice, or quote with '...'"
    if "but got '<stream end>'" in problem:
        closer = {"[": "]", "{": "}"}.get(char, "")
        return f"a '{char}' opened here is never closed", (
            f"close it with '{closer}', or quote the value if the '{char}' is part of the text"
        )
    if "that cannot start any token" in problem:
        return f"a value cannot start with {char!r}", "quote the value"
    if problem == "sequence entries are not allowed here":
        return "a list item ('- ') where a value goes on the same line", (
            "quote a value that starts with '- ', or write the list's items on the lines below, indented"
        )
    return problem or context, ""


def _requoted(line: str, value: re.Match[str]) -> str:
    """The line with its value in double quotes, as it should be written (the value cut when long)."""
    key, rest = line[: value.start(2)].strip(), value.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{key} "{rest if len(rest) <= QUOTE_CHARS else rest[: QUOTE_CHARS - 3] + "..."}"'


_INDENT_HINT = (
    "check the indentation: the keys of one mapping start in the same column, and a list item's keys line up "
    "with the first one after its '- '"
)
