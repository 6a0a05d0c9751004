"""Property tests (issue 12): furniture injected into generated Sections, and Sections collapsed onto one line,
give the same tree, or the reader says what it could not place.  Generated words are illustrative."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from legal_text import Clause, Document, read_code, read_text, render_text
from tests.strategies import clause_trees

FURNITURE = [
    "• Upload",
    "Download",
    "Embed Size (px)",
    "Citation preview",
    "« Back to Glossary Index",
    "Page 12 of 40",
    "12",
    "SEC — Section X 14",
    "This document is classified as White in accordance with the Panel Information Policy.",
    "Back to top",
    "• Share",
]


@settings(max_examples=150, deadline=None)
@given(clause_trees(), st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(FURNITURE)), max_size=6))
def test_furniture_anywhere_is_removed_and_said(doc, inserts):
    lines = render_text(doc).splitlines()
    for at, line in sorted(inserts, reverse=True):
        lines.insert(at % (len(lines) + 1), line)
    result = read_text("\n".join(lines) + "\n", "gen.txt")
    assert result.value.body == doc.body
    removed = [m for m in result.warnings if m.text.startswith("removed a")]
    assert len(removed) == len(inserts)


def _punctuated(doc: Document) -> Document:
    """``doc`` punctuated as codes are: list items end with ';', the last with '.', sentences with '.'."""

    def fix(c: Clause, last: bool) -> Clause:
        kids = tuple(fix(k, i == len(c.children) - 1) for i, k in enumerate(c.children))
        text, trailing = c.text, c.trailing
        if c.kind == "paragraph" and not kids:
            text = text.rstrip(":") + ("." if last else ";")
        if c.kind == "clause" and not kids:
            text += "."
        if trailing:
            trailing += "."
        return dataclasses.replace(c, children=kids, text=text, trailing=trailing)

    return dataclasses.replace(doc, body=tuple(fix(i, True) if isinstance(i, Clause) else i for i in doc.body))


def _words(doc: Document) -> list[str]:
    return render_text(doc).split()


def _capitalised(doc: Document) -> Document:
    """``doc`` with each clause's words starting with a capital letter, as a code's clauses do."""

    def fix(c: Clause) -> Clause:
        text = c.text if c.text[:1].isalpha() else f"The {c.text}"
        return dataclasses.replace(c, text=text[:1].upper() + text[1:]) if c.kind == "clause" else c

    return dataclasses.replace(doc, body=tuple(fix(i) if isinstance(i, Clause) else i for i in doc.body))


@settings(max_examples=150, deadline=None)
@given(clause_trees())
def test_a_collapsed_section_keeps_every_word_in_order_and_says_so(doc):
    doc = _capitalised(doc)
    collapsed = " ".join(render_text(doc).split())
    result = read_text(collapsed, "one-line.txt")
    assert _words(result.value) == _words(doc)  # nothing lost, nothing moved
    if result.value.refs() != doc.refs():  # a tree that differs is reported
        assert result.warnings


@settings(max_examples=150, deadline=None)
@given(clause_trees())
def test_a_collapsed_punctuated_section_reads_as_its_provisions(doc):
    """Punctuated as a code is, a Section collapsed onto one line is split at exactly its provisions."""
    doc = _capitalised(_punctuated(doc))
    collapsed = " ".join(render_text(doc).split())
    result = read_text(collapsed, "one-line.txt")
    clauses = [c for c in doc.body if isinstance(c, Clause)]
    if len(clauses) >= 2:
        assert result.value.refs() == doc.refs()
        assert any("line breaks were lost" in m.text for m in result.warnings)
    else:
        assert result.value.refs() == doc.refs() or result.warnings


@settings(max_examples=60, deadline=None)
@given(st.lists(clause_trees(), min_size=2, max_size=4))
def test_generated_sections_one_after_another_read_as_those_sections(docs):
    docs = [dataclasses.replace(d, section=s, body=_relettered(d, s)) for d, s in zip(docs, "ACGH", strict=False)]
    result = read_code("\n".join(render_text(d) for d in docs), "code.txt")
    assert [d.section for d in result.value] == [d.section for d in docs]
    assert [d.body for d in result.value] == [d.body for d in docs]


def _relettered(doc: Document, section: str) -> tuple:
    from legal_text import ClauseRef

    def move(c: Clause) -> Clause:
        ref = ClauseRef(section, c.ref.group, c.ref.clause, c.ref.path)
        label = str(ref) if c.kind == "clause" else c.label
        return dataclasses.replace(c, ref=ref, label=label, children=tuple(move(k) for k in c.children))

    return tuple(move(i) if isinstance(i, Clause) else i for i in doc.body)
