"""Inline spans: defined terms and cross-references inside clause text.

``inline_spans(text, ...)`` cuts a clause's words into plain text, defined
terms and cross-references; joined, the spans give the text back.  A
cross-reference carries the clause references it resolves to:

    "Section G3.18(a)"            -> G3.18(a)
    "Sections G3.17 to G3.21"     -> G3.17, G3.18, G3.19, G3.20, G3.21 (with a document; else the two ends)
    "Section G3.18(a) and (b)"    -> G3.18(a), G3.18(b)
    "this Section G3"             -> G3
    "this Section"                -> the clause the words are in (``here``)
    "paragraph 2.1.2" (in Appendix AD)        -> AD 2.1.2
    "paragraphs 2.1(a) and (b)" (in AD)       -> AD 2.1(a), AD 2.1(b)
    "paragraph 2.1 of Appendix AD" (anywhere) -> AD 2.1
    "paragraph 3.2 of the Technical Specification" -> nothing: another instrument's
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
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

# A reference to an Appendix's provisions by their numbers alone: an Appendix's words about its own paragraphs
# ("paragraph 2.1.2", "Clauses 3.2 to 3.4", "paragraph 1.2(a) and (b)", "paragraph 2.1 of this Appendix"), or
# any document's about an Appendix named after them ("paragraph 2.1 of Appendix AD").  A number has a dot (a
# single number is a group or a count), and no letter, digit or ".digit" after it (a sentence's full stop is
# not part of it).
APPENDIX_NUMBER = r"\d+(?:\.\d+[A-Z]{0,2})+(?:\([A-Za-z0-9]{1,6}\))*(?![A-Za-z0-9])(?!\.\d)"
_PARA_ITEM = rf"(?:{APPENDIX_NUMBER}|(?:\([A-Za-z0-9]{{1,6}}\))+)"
PARAGRAPH_XREF_RE = re.compile(
    rf"\b(?:[Pp]aragraphs?|[Cc]lauses?)\s+(?P<first>{APPENDIX_NUMBER})"
    rf"(?P<more>(?:\s*(?:,|\band\b|\bor\b|\bto\b)\s*{_PARA_ITEM})*)"
    r"(?:\s+of\s+(?:this\s+Appendix\b|Appendix\s+(?P<code>[A-Z]{1,2})(?![A-Za-z0-9])))?"
)
_PARA_ITEM_RE = re.compile(rf"(?P<sep>,|and|or|to)\s*(?P<ref>{_PARA_ITEM})")
# "paragraph 3.2 of the Technical Specification": another instrument's paragraph, not one of this code's.
_OF_ANOTHER = re.compile(r"\s+of\s+(?!this\s+Appendix\b|Appendix\s)\S")


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
    items = ((m.group("sep"), m.group("sref") or m.group("ref")) for m in _ITEM_RE.finditer(match.group("more") or ""))
    return _listed(ClauseRef.parse(first), items, ClauseRef.parse, doc)


def _listed(
    first: ClauseRef, items: Iterable[tuple[str, str]], parse: Callable[[str], ClauseRef], doc: Document | None
) -> tuple[ClauseRef, ...]:
    """The references of a list "G3.18(a) and (b)", "1.2, 1.3 to 1.5": ``first``, then each (separator, as
    written) item: a bare "(b)" is a sibling of the paragraph before it, "to" a range of the document's
    provisions."""
    refs = [first]
    for sep, raw in items:
        if raw.startswith("("):
            prev = refs[-1]
            extra = tuple(re.findall(r"\(([A-Za-z0-9]{1,6})\)", raw))
            up = prev.parent()
            base = up if prev.path and up is not None else prev
            ref = base.with_path(base.path + extra)
        else:
            ref = parse(raw)
        if sep == "to":
            refs[-1:] = list(_expand(refs[-1], ref, doc))
        else:
            refs.append(ref)
    return tuple(refs)


def paragraph_xref_code(match: re.Match[str], here: ClauseRef | None) -> str | None:
    """The code of the Appendix a ``PARAGRAPH_XREF_RE`` match refers into: the one it names, else the Appendix
    its words are in; None when neither (a Section's "paragraph 2.1" names no document) or when the words go on
    to name another instrument ("paragraph 3.2 of the Technical Specification")."""
    if _OF_ANOTHER.match(match.string, match.end()):
        return None
    if match.group("code"):
        return match.group("code")
    return here.section if here is not None and here.profile == "appendix" else None


def resolve_paragraph_xref(match: re.Match[str], here: ClauseRef | None, doc: Document | None) -> tuple[ClauseRef, ...]:
    """The references a ``PARAGRAPH_XREF_RE`` match names (none when it names no Appendix of this code)."""
    code = paragraph_xref_code(match, here)
    if code is None:
        return ()

    def parse(written: str) -> ClauseRef:
        return ClauseRef.parse(f"Appendix {code} {written}")

    items = ((m.group("sep"), m.group("ref")) for m in _PARA_ITEM_RE.finditer(match.group("more") or ""))
    return _listed(parse(match.group("first")), items, parse, doc)


def find_xrefs(
    text: str, here: ClauseRef | None = None, doc: Document | None = None
) -> list[tuple[int, int, tuple[ClauseRef, ...]]]:
    """Every cross-reference in ``text`` (the words of provision ``here`` of ``doc``), in reading order: (start,
    end, the references it names).  Section references ("Section G3.18(a)") and references to an Appendix's
    paragraphs ("paragraph 2.1.2", "paragraph 2.1 of Appendix AD")."""
    found = [(m.start(), m.end(), refs) for m in XREF_RE.finditer(text) if (refs := resolve_xref(m, here, doc))]
    if "aragraph" in text or "lause" in text:
        found += [
            (m.start(), m.end(), refs)
            for m in PARAGRAPH_XREF_RE.finditer(text)
            if (refs := resolve_paragraph_xref(m, here, doc))
        ]
        found.sort(key=lambda f: f[0])
    return found


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(terms), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in ordered) + r")(?![\w-])")


def inline_spans(
    text: str, terms: Iterable[str] | None = None, here: ClauseRef | None = None, doc: Document | None = None
) -> tuple[Span, ...]:
    """Cut ``text`` into spans; ``"".join(s.text for s in spans) == text``."""
    found: list[tuple[int, int, Span]] = [
        (a, b, Span("xref", text[a:b], refs)) for a, b, refs in find_xrefs(text, here, doc)
    ]
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
            for _start, _end, named in find_xrefs(words, clause.ref, doc):
                for r in named:
                    if r not in refs:
                        refs.append(r)
        if refs:
            out[clause.ref] = tuple(refs)
    return out
