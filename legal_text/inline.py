"""Inline spans: defined terms and cross-references inside clause text.

``inline_spans(text, ...)`` cuts a clause's words into plain text, defined
terms and cross-references; joined, the spans give the text back.  A
cross-reference carries the clause references it resolves to:

    "Section G3.18(a)"            -> G3.18(a)
    "Sections G3.17 to G3.21"     -> G3.17, G3.18, G3.19, G3.20, G3.21 (with a document; else the two ends)
    "Section G3.18(a) and (b)"    -> G3.18(a), G3.18(b)
    "this Section G3"             -> G3
    "this Section"                -> the clause the words are in (``here``)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .clause_ref import ClauseRef
from .model import Document

_REF = r"[A-Z]{1,2}\d*(?:\.\d+[A-Z]{0,2})?(?:\([A-Za-z0-9]{1,6}\))*(?![A-Za-z0-9])"
_NUMBERED = r"[A-Z]{1,2}\d+(?:\.\d+[A-Z]{0,2})?(?:\([A-Za-z0-9]{1,6}\))*(?![A-Za-z0-9])"
_PART = rf"(?:Section\s+{_REF}|{_NUMBERED}|(?:\([A-Za-z0-9]{{1,6}}\))+)"
XREF_RE = re.compile(
    rf"(?P<this>\bthis\s+)?\bSections?\b(?:\s+(?P<first>{_REF})(?P<more>(?:\s*(?:,|and|or|to)\s*{_PART})*))?"
)
_ITEM_RE = re.compile(
    rf"(?P<sep>,|and|or|to)\s*(?:Section\s+(?P<sref>{_REF})|(?P<ref>{_NUMBERED}|(?:\([A-Za-z0-9]{{1,6}}\))+))"
)
_CAPS_RE = re.compile(r"\b[A-Z][A-Za-z0-9+]*(?:[- ](?:[A-Z][A-Za-z0-9+]*))*")


@dataclass(frozen=True)
class Span:
    """Plain text, a defined term (``defined``: True, False when unknown to the definitions, None when
    no definitions were given), or a cross-reference with the references it resolves to."""

    kind: Literal["text", "term", "xref"]
    text: str
    refs: tuple[ClauseRef, ...] = ()
    defined: bool | None = None


def _expand(first: ClauseRef, last: ClauseRef, doc: Document | None) -> tuple[ClauseRef, ...]:
    """A range "G3.17 to G3.21": every provision of the same level between the two, when the document has both."""
    refs = doc.refs() if doc is not None else []
    if first not in refs or last not in refs:
        return (first, last)
    i, j = refs.index(first), refs.index(last)
    return tuple(r for r in refs[i : j + 1] if len(r.path) == len(first.path))


def resolve_xref(match: re.Match[str], here: ClauseRef | None, doc: Document | None) -> tuple[ClauseRef, ...]:
    """The references a cross-reference match names."""
    first = match.group("first")
    if not first:
        return (ClauseRef.parse(here.number),) if (match.group("this") and here is not None) else ()
    refs = [ClauseRef.parse(first)]
    for item in _ITEM_RE.finditer(match.group("more") or ""):
        raw = item.group("sref") or item.group("ref")
        if raw.startswith("("):
            prev = refs[-1]
            extra = tuple(re.findall(r"\(([A-Za-z0-9]{1,6})\)", raw))
            up = prev.parent()
            base = up if prev.path and up is not None else prev
            ref = base.with_path(base.path + extra)
        else:
            ref = ClauseRef.parse(raw)
        if item.group("sep") == "to":
            refs[-1:] = list(_expand(refs[-1], ref, doc))
        else:
            refs.append(ref)
    return tuple(refs)


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(terms), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in ordered) + r")(?![\w-])")


def inline_spans(
    text: str, terms: Iterable[str] | None = None, here: ClauseRef | None = None, doc: Document | None = None
) -> tuple[Span, ...]:
    """Cut ``text`` into spans; ``"".join(s.text for s in spans) == text``."""
    found: list[tuple[int, int, Span]] = []
    for m in XREF_RE.finditer(text):
        refs = resolve_xref(m, here, doc)
        if refs:
            found.append((m.start(), m.end(), Span("xref", m.group(0), refs)))
    taken = [(a, b) for a, b, _ in found]

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    if terms is not None:
        pattern = _term_pattern(terms)
        for m in pattern.finditer(text) if pattern else ():
            if free(m.start(), m.end()):
                found.append((m.start(), m.end(), Span("term", m.group(0), defined=True)))
    else:
        for m in _CAPS_RE.finditer(text):
            sentence_start = m.start() == 0 or text[: m.start()].rstrip()[-1:] in ".:;"
            word = m.group(0)
            if free(m.start(), m.end()) and not sentence_start and not re.fullmatch(r"[A-Z]{1,2}\d.*", word):
                found.append((m.start(), m.end(), Span("term", word, defined=None)))
    found.sort(key=lambda f: f[0])
    spans: list[Span] = []
    pos = 0
    for a, b, span in found:
        if a > pos:
            spans.append(Span("text", text[pos:a]))
        spans.append(span)
        pos = b
    if pos < len(text):
        spans.append(Span("text", text[pos:]))
    return tuple(spans)


def cross_references(doc: Document) -> dict[ClauseRef, tuple[ClauseRef, ...]]:
    """For each provision, the references its own words make (in order, without repeats)."""
    out: dict[ClauseRef, tuple[ClauseRef, ...]] = {}
    for clause in doc.clauses():
        refs: list[ClauseRef] = []
        for words in (clause.text, clause.trailing):
            for m in XREF_RE.finditer(words):
                for r in resolve_xref(m, clause.ref, doc):
                    if r not in refs:
                        refs.append(r)
        if refs:
            out[clause.ref] = tuple(refs)
    return out
