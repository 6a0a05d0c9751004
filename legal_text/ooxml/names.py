"""WordprocessingML names, the safe parser, and the numbers both the writer and the reader use."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_PART_BYTES = 64 * 1024 * 1024

# A table at clause depth d is indented TABLE_INDENT_BASE + d * TABLE_INDENT_STEP twentieths of a point
# (the clause text's indent and one level's step in the house style); the reader reverses it.
TABLE_INDENT_BASE = 992
TABLE_INDENT_STEP = 709
TABLE_MAX_DEPTH = 3
TABLE_WIDTH = 8500  # twentieths of a point: a table fills most of an A4 text width


@lru_cache(maxsize=512)
def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: ``w('ins')`` (cached: readers ask for the same few names often)."""
    return f"{{{W_NS}}}{tag}"


def safe_parser() -> etree.XMLParser:
    """An XML parser for documents from outside: no entities, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


MAX_NUMBER = 10**9  # any number read from a file is bounded before use


def bounded_int(
    value: str | None, default: int, low: int = -MAX_NUMBER, high: int = MAX_NUMBER, digits: int = 12
) -> int:
    """An integer attribute read from a file, kept within ``low``..``high``; ``default`` when it is missing or
    is not a number of at most ``digits`` digits.  A crafted huge number never reaches arithmetic or strings."""
    if value is None or not value.lstrip("-").isdigit() or len(value) > digits:
        return default
    return max(low, min(high, int(value)))


def table_indent(depth: int) -> int:
    """The ``w:tblInd`` of a table shown at clause depth ``depth``."""
    return TABLE_INDENT_BASE + TABLE_INDENT_STEP * min(max(depth, 0), TABLE_MAX_DEPTH)


def table_depth(indent: int) -> int:
    """The clause depth a table indent stands for (the reverse of ``table_indent``), bounded."""
    return min(max(0, round((indent - TABLE_INDENT_BASE) / TABLE_INDENT_STEP)), TABLE_MAX_DEPTH)
