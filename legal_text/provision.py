"""Read one new provision (clause, paragraph or definition) from SEC plain text."""

from __future__ import annotations

import re

from .clause_ref import ClauseRef
from .enumerators import nth_letter, roman_value, to_roman
from .messages import Result, error
from .model import Clause, Document
from .profiles import PROFILES
from .text_reader import read_text
from .tree_edit import label_for

INDENT = "    "


def _indent(text: str, levels: int) -> str:
    return "\n".join((INDENT * levels + line) if line.strip() else "" for line in text.splitlines())


# A label the text may start with: an enumerator, a quoted term, a clause number (a Section's or an Appendix's)
_WRITTEN_LABEL = re.compile(
    r'^(\([A-Za-z0-9]{1,6}\)|"[^"]+"|“[^”]+”|[A-Z]{1,2}\d+\.\d+[A-Z]{0,2}|\d+(?:\.\d+[A-Z]{0,2})+)(?=\s|$)'
)


def read_provision(text: str, ref: ClauseRef, source: str = "<text>") -> Result[Clause]:
    """Parse ``text`` as the provision ``ref`` (its label may be left out); paragraphs and text after a
    list as in a base text, blocks separated by blank lines.  Errors come back as messages."""
    label = label_for(ref, "definition" if ref.path and ref.path[-1].startswith('"') else "clause")
    body = text.strip("\n")
    written = _WRITTEN_LABEL.match(body.lstrip())
    if written:
        mark = written.group(1).replace("“", '"').replace("”", '"')
        if mark != label:
            return Result(Clause(ref, label), (error(f"the text starts with {mark} but adds {ref}", source),))
    else:
        body = _labelled(body, label)
    placeholders = _earlier_siblings(ref)
    result = read_text(_set_in_place(_dedented(body), ref, placeholders), source)
    return _the_provision(result, ref, label, placeholders, source)


def _labelled(body: str, label: str) -> str:
    """``body`` with ``label`` written before its first line's words (that line's indent kept)."""
    lines = body.splitlines() or [""]
    pad = len(lines[0]) - len(lines[0].lstrip())
    lines[0] = " " * pad + f"{label} {lines[0].lstrip()}"
    return "\n".join(lines)


def _dedented(body: str) -> str:
    """``body``'s lines stripped on the right and dedented by its first line's indent (a line indented less
    loses all of its own)."""
    lines = [line.rstrip() for line in body.splitlines()]
    pad = len(lines[0]) - len(lines[0].lstrip())
    return "\n".join(line[pad:] if line[:pad].strip() == "" else line.lstrip() for line in lines)


def _set_in_place(body: str, ref: ClauseRef, placeholders: list[str]) -> str:
    """The text to read: ``body`` indented to the depth of ``ref``, under a placeholder clause and
    paragraphs for its ancestors and after ``placeholders``, its earlier siblings."""
    profile = PROFILES[ref.profile]
    # A provision of an Appendix is read under its title, so that its number reads as the Appendix numbers.
    parts = [] if profile.carries_code else [profile.heading(ref.section or "X")]
    parts += [f"{ref.with_path(()).shown} Placeholder:"] if ref.path else []
    for depth, step in enumerate(ref.path[:-1], start=1):
        mark = step if step.startswith('"') else f"({step})"
        parts.append(INDENT * depth + f"{mark} {'means ' if step.startswith(chr(34)) else ''}placeholder:")
    parts += [INDENT * len(ref.path) + f"({e}) placeholder;" for e in placeholders]
    parts.append(_indent(body, len(ref.path)))
    return "\n\n".join(parts)


def _the_provision(
    read: Result[Document], ref: ClauseRef, label: str, placeholders: list[str], source: str
) -> Result[Clause]:
    """Provision ``ref`` out of what ``_set_in_place``'s text ``read`` as, with the reader's messages but its
    notes; an error when the text did not read as that one provision, whole and alone."""
    doc = read.value
    found = [c for c in doc.clauses() if c.ref == ref]
    messages = tuple(m for m in read.messages if m.level != "info")
    tops = [c for c in doc.body if isinstance(c, Clause)]
    if not found or len(tops) != 1 or (not ref.path and len(doc.body) != 1):
        return Result(Clause(ref, label), (*messages, error(f"the text is not one provision {ref}", source)))
    parent = ref.parent()
    scaffold = {parent.child(e) for e in placeholders} if ref.path and parent is not None else set()
    extra = [
        c
        for c in doc.clauses()
        if c.ref.path[: len(ref.path)] != ref.path
        and c.ref != ref
        and len(c.ref.path) >= len(ref.path)
        and c.ref not in scaffold
    ]
    if extra:
        return Result(found[0], (*messages, error(f"the text holds more than {ref}: also {extra[0].ref}", source)))
    return Result(found[0], messages)


def _earlier_siblings(ref: ClauseRef) -> list[str]:
    """Enumerators before ``ref``'s own in its list, so the reader sees (d) follow (c), not start a list."""
    if not ref.path or ref.path[-1].startswith('"'):
        return []
    last = ref.path[-1]
    numbered_depth = sum(1 for p in ref.path if not p.startswith('"'))
    if last.isupper() and len(last) == 1:
        return [chr(c) for c in range(ord("A"), ord(last))]
    value = roman_value(last)
    if numbered_depth == 2 and value is not None and value < 40:
        return [to_roman(v) for v in range(1, value)]
    if last.isalpha() and last.islower():
        n = 1
        while nth_letter(n) != last and n < 60:
            n += 1
        return [nth_letter(k) for k in range(1, n)] if n < 60 else []
    return []
