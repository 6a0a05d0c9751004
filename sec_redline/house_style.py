"""The SEC house style, defined once: the Word styles that carry structure, the classification sentence,
and how a Section is headed.  Writers use it to lay documents out and the Word reader is given
``STRUCTURE_STYLES`` to read them back."""

from __future__ import annotations

from typing import Literal

from legal_text.docx_reader import StructureStyles
from legal_text.model import section_heading

LEVEL_DEPTHS = 5  # "SEC Level 0" (a numbered clause) .. "SEC Level 4"
AFTER_LIST_DEPTHS = 4  # "SEC Text After List 0" .. 3


def level_style(depth: int) -> str:
    """The paragraph style of a provision at ``depth`` (0: G3.20, 1: (b), ...), deeper ones at the last."""
    return f"SEC Level {min(max(depth, 0), LEVEL_DEPTHS - 1)}"


def after_list_style(depth: int) -> str:
    """The paragraph style of the text after the list of a provision at ``depth``."""
    return f"SEC Text After List {min(max(depth, 0), AFTER_LIST_DEPTHS - 1)}"


INSTRUCTION = "SEC Instruction"
PART_HEADING = "SEC Part Heading"
GROUP_HEADING = "SEC Group Heading"
HEADER = "SEC Header"
CLASSIFICATION = "SEC Classification"
TITLE, HEADING_1, HEADING_2, HEADING_3, NORMAL = "Title", "Heading 1", "Heading 2", "Heading 3", "Normal"

REQUIRED_STYLES: tuple[str, ...] = (
    NORMAL,
    TITLE,
    HEADING_1,
    HEADING_2,
    HEADING_3,
    INSTRUCTION,
    PART_HEADING,
    GROUP_HEADING,
    *(level_style(d) for d in range(LEVEL_DEPTHS)),
    *(after_list_style(d) for d in range(AFTER_LIST_DEPTHS)),
    CLASSIFICATION,
    HEADER,
)

STRUCTURE_STYLES = StructureStyles(
    levels={level_style(d): d for d in range(LEVEL_DEPTHS)},
    after_list={after_list_style(d): d for d in range(AFTER_LIST_DEPTHS)},
    skipped=frozenset({INSTRUCTION, HEADER, CLASSIFICATION}),
    headings=frozenset({PART_HEADING, GROUP_HEADING}),
)

DEFAULT_CLASSIFICATION = "White"


def classification_sentence(classification: object = None) -> str:
    """The Panel Information Policy line every page of a SEC document carries (White when none is given)."""
    name = str(classification) if classification not in (None, "") else DEFAULT_CLASSIFICATION
    return f"This document is classified as {name} in accordance with the Panel Information Policy."


__all__ = [
    "AFTER_LIST_DEPTHS",
    "CLASSIFICATION",
    "DEFAULT_CLASSIFICATION",
    "GROUP_HEADING",
    "HEADER",
    "HEADING_1",
    "HEADING_2",
    "HEADING_3",
    "INSTRUCTION",
    "LEVEL_DEPTHS",
    "NORMAL",
    "PART_HEADING",
    "REQUIRED_STYLES",
    "STRUCTURE_STYLES",
    "TITLE",
    "after_list_style",
    "classification_sentence",
    "level_style",
    "section_heading",
]


# How a Word redline marks its changes: native tracked changes, or coloured underline and strike-through.
Marks = Literal["tracked", "visual"]
MARKS: tuple[Marks, ...] = ("tracked", "visual")

# The documents `report` writes: name -> template stem.
DOCUMENTS = {
    "modification-report": "modification-report",
    "problem-statement": "problem-statement",
    "panel-paper": "panel-paper",
}
