"""Load YAML with the line number of every mapping, for messages that point at file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from legal_text import Location, error

from .errors import YAMLSyntaxError
from .fileio import read_input_text

MAX_YAML_BYTES = 5 * 1024 * 1024

__all__ = ["MAX_YAML_BYTES", "Located", "Location", "load_yaml", "load_yaml_text"]


class Located(dict[str, Any]):
    """A mapping that remembers where it started and where each key was written."""

    location: Location
    key_lines: dict[str, Location]


def _construct(node: yaml.Node, loader: yaml.SafeLoader, name: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.location = Location(name, node.start_mark.line + 1)
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
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
    return loader.construct_object(node, deep=True)


def load_yaml(path: str | Path) -> Any:
    """Read a YAML file into dicts (``Located``) and lists; raise a one-line error on any problem."""
    return load_yaml_text(read_input_text(path, MAX_YAML_BYTES, "a YAML file"), str(path))


def load_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text into dicts (``Located``) and lists; one-line errors naming ``name:line``."""
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
