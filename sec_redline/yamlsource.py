"""Load YAML with the line number of every mapping, for messages that point at file:line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from legal_text import Location, error
from legal_text.text_reader import forbidden_characters

from .errors import YAMLSyntaxError
from .fileio import read_input_text

MAX_YAML_BYTES = 5 * 1024 * 1024

__all__ = ["MAX_YAML_BYTES", "Located", "Location", "load_yaml", "load_yaml_text"]


class Located(dict[str, Any]):
    """A mapping that remembers where it started and where each key was written."""

    location: Location
    key_lines: dict[str, Location]


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
        line = Location(name, token.start_mark.line + 1)
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
    where = Location(name, node.start_mark.line + 1)
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
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader, name)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise YAMLSyntaxError(
                    error(f"key '{key}' is given twice", Location(name, key_node.start_mark.line + 1))
                )
            out[key] = _construct(value_node, loader, name)
            out.key_lines[key] = Location(name, key_node.start_mark.line + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(n, loader, name) for n in node.value]
    return _scalar(node, loader, name)


def load_yaml(path: str | Path) -> Any:
    """Read a YAML file into dicts (``Located``) and lists; raise a one-line error on any problem."""
    return load_yaml_text(read_input_text(path, MAX_YAML_BYTES, "a YAML file"), str(path))


def load_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text into dicts (``Located``) and lists; one-line errors naming ``name:line``."""
    try:
        _screen(text, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YAMLSyntaxError(error(f"not valid YAML: {exc.problem or exc.context}", Location(name, line))) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        raise YAMLSyntaxError(error(f"not valid YAML: {exc.reason} (U+{code:04X})", Location(name, line))) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YAMLSyntaxError(error("the file holds no YAML document", Location(name, 1)))
        return _construct(node, loader, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YAMLSyntaxError(error(f"not valid YAML: {exc.problem or exc.context}", Location(name, line))) from None
    except yaml.YAMLError as exc:
        raise YAMLSyntaxError(error(f"not valid YAML: {exc}", Location(name))) from None
    finally:
        loader.dispose()
