"""Clause references such as ``G3.20(b)(ii)``: parsing, normalisation, printing.

Normalisation rule (``ClauseRef.parse`` then ``str``):

* all white space is removed: ``G 3.20 (b)`` -> ``G3.20(b)``;
* a leading word "Section" or "Sections" is dropped: ``Section G3.18(a)`` -> ``G3.18(a)``;
* the Section letter(s) are upper-cased: ``g3.20`` -> ``G3.20``;
* the letter suffix of an inserted clause is upper-cased: ``G3.20a`` -> ``G3.20A``;
* enumerators keep their case, because case carries meaning: ``(a)`` is a
  paragraph, ``(A)`` a third-level item; ``(i)`` stays lower-case;
* a lone Section is valid: ``G`` (the whole of Section G); so is a group:
  ``G3`` (clauses G3.1 onwards);
* a definition is named by its term in square brackets and double quotes,
  curly quotes becoming straight: ``A1.1[“Smart Metering System”]`` ->
  ``A1.1["Smart Metering System"]``; its paragraphs follow: ``A1.1["Term"](a)``.

Worked examples::

    G3.20(b)          -> G3.20(b)
    G 3.20 (b)        -> G3.20(b)
    section g3.20a    -> G3.20A
    G3.20(b)(ii)(A)   -> G3.20(b)(ii)(A)
    G3                -> G3

References into an Appendix (``legal_text.profiles``: the code, a space, the number)::

    AD 1.2.3(a)               -> AD 1.2.3(a)
    Appendix AD 1.2.3 (a)     -> AD 1.2.3(a)
    ad1.2.3                   -> AD 1.2.3     (two letters and a number of three steps: an Appendix)
    Appendix A 1.2            -> Appendix A 1.2   (a one-letter code keeps the word)
    Appendix AD               -> Appendix AD  (the whole Appendix)
    AD 4                      -> AD 4         (a group: paragraphs 4.1 onwards)

``AB1.2`` (two letters, one dot, no space) stays a Section reference, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from .profiles import PROFILES, document_name

_REF_RE = re.compile(
    r"""^(?:sections?)?
        (?P<section>[A-Za-z]{1,2})
        (?:(?P<group>\d+)
           (?:\.(?P<clause>\d+[A-Za-z]{0,2}))?
        )?
        (?P<path>(?:\([A-Za-z0-9]{1,6}\)|\["[^"]{1,200}"\])*)$""",
    re.VERBOSE | re.IGNORECASE,
)
_APPENDIX_RE = re.compile(
    r"""^(?:(?:appendix\s*(?P<code>[A-Za-z]{1,2}))(?:\s+(?P<num>\d+(?:\.\d+[A-Za-z]{0,2})*))?
        |(?P<code2>[A-Za-z]{2})\s+(?P<num2>\d+(?:\.\d+[A-Za-z]{0,2})*)
        |(?P<code3>[A-Za-z]{2})(?P<num3>\d+\.\d+[A-Za-z]{0,2}(?:\.\d+[A-Za-z]{0,2})+))
        \s*(?P<path>(?:\(\s*[A-Za-z0-9]{1,6}\s*\)\s*)*)$""",
    re.VERBOSE | re.IGNORECASE,
)
_PATH_RE = re.compile(r'\(([A-Za-z0-9]{1,6})\)|\[("[^"]{1,200}")\]')


class ClauseRefError(ValueError):
    """A string that is not a clause reference."""


@dataclass(frozen=True)
class ClauseRef:
    """A normalised reference to a Section, group, clause or paragraph of a code."""

    section: str
    group: str | None = None
    clause: str | None = None
    path: tuple[str, ...] = ()
    profile: str = "section"  # the numbering profile of its document: "section", "appendix"

    @classmethod
    def parse(cls, text: str) -> ClauseRef:
        """Parse ``text`` (see the module docstring for the rule); raise ClauseRefError if it is not a reference."""
        raw = str(text).replace("“", '"').replace("”", '"')
        appendix = _APPENDIX_RE.match(raw.strip())
        if appendix:
            return cls._appendix(appendix)
        # White space goes, except inside a quoted term, where it is folded to one space.
        parts = re.split(r'("[^"]*")', raw)
        compact = "".join(" ".join(p.split()) if p.startswith('"') else re.sub(r"\s+", "", p) for p in parts)
        m = _REF_RE.match(compact)
        if not m or (m.group("path") and not m.group("clause")):
            raise ClauseRefError(f"not a clause reference: {text!r} (expected e.g. G3.20(b))")
        clause = m.group("clause")
        if clause:
            digits = clause[: len(clause) - len(clause.lstrip("0123456789"))]
            clause = digits + clause[len(digits) :].upper()
        return cls(
            section=m.group("section").upper(),
            group=m.group("group"),
            clause=clause,
            path=tuple(a or b for a, b in _PATH_RE.findall(m.group("path"))),
        )

    @classmethod
    def _appendix(cls, m: re.Match[str]) -> ClauseRef:
        code = (m.group("code") or m.group("code2") or m.group("code3")).upper()
        number = m.group("num") or m.group("num2") or m.group("num3")
        path = tuple(re.findall(r"\(\s*([A-Za-z0-9]{1,6})\s*\)", m.group("path") or ""))
        if number is None:
            if path:
                raise ClauseRefError(f"not a clause reference: {m.string!r} (a paragraph needs its number)")
            return cls(code, profile="appendix")
        group, _, rest = number.partition(".")
        steps = [s[: len(s) - len(s.lstrip("0123456789"))] + s.lstrip("0123456789").upper() for s in rest.split(".")]
        if path and not rest:
            raise ClauseRefError(f"not a clause reference: {m.string!r} (a paragraph needs its number)")
        return cls(code, group, ".".join(steps) if rest else None, path, "appendix")

    def __str__(self) -> str:
        return self._text

    @cached_property
    def _text(self) -> str:
        """``str()``, made once: a redline writes each provision's reference several times."""
        return self.number + self._path_text

    @property
    def number(self) -> str:
        """The clause number without the paragraph path, e.g. ``G3.20``, ``AD 1.2.3`` (as its profile
        writes it)."""
        return PROFILES[self.profile].format_ref(self.section, self.group, self.clause)

    @property
    def shown(self) -> str:
        """The number as its document shows it at the provision: ``G3.20``; ``1.2.3`` in an Appendix."""
        if PROFILES[self.profile].carries_code:
            return self.number
        return self.group + (f".{self.clause}" if self.clause is not None else "") if self.group else ""

    @property
    def _path_text(self) -> str:
        """The paragraph path as written: ``(b)(ii)``, ``["Term"](a)``."""
        return "".join(f"[{p}]" if p.startswith('"') else f"({p})" for p in self.path)

    @property
    def cited(self) -> str:
        """How other words cite it: ``G3.20(b)``; ``1.2(a)`` for AD 1.2(a), as an Appendix's paragraphs are
        cited by number ("paragraph 1.2(a)", "paragraph 1.2(a) of Appendix AD")."""
        if self.profile != "appendix" or self.group is None:
            return str(self)
        return self.shown + self._path_text

    @property
    def document(self) -> tuple[str, str]:
        """The identity of the document it names a provision of: (profile, code), e.g. ("appendix", "AD")."""
        return (self.profile, self.section)

    @property
    def document_name(self) -> str:
        """``Section G``, ``Appendix AD``: the document it names a provision of."""
        return document_name(self.profile, self.section)

    def with_path(self, path: tuple[str, ...]) -> ClauseRef:
        """The same provision's number with another paragraph path."""
        return ClauseRef(self.section, self.group, self.clause, path, self.profile)

    def child(self, enumerator: str) -> ClauseRef:
        """The reference of paragraph ``(enumerator)`` inside this one."""
        return ClauseRef(self.section, self.group, self.clause, (*self.path, enumerator), self.profile)

    def term(self, term: str) -> ClauseRef:
        """The reference of the definition of ``term`` inside this clause."""
        return ClauseRef(self.section, self.group, self.clause, (*self.path, f'"{term}"'), self.profile)

    def parent(self) -> ClauseRef | None:
        """The enclosing reference, or None for a Section."""
        if self.path:
            return ClauseRef(self.section, self.group, self.clause, self.path[:-1], self.profile)
        if self.clause is not None:
            return ClauseRef(self.section, self.group, None, (), self.profile)
        if self.group is not None:
            return ClauseRef(self.section, None, None, (), self.profile)
        return None

    def is_within(self, other: ClauseRef) -> bool:
        """True when this reference is ``other`` or lies inside it."""
        node: ClauseRef | None = self
        while node is not None:
            if node == other:
                return True
            node = node.parent()
        return False


def nearest_reference(wanted: str, names: Sequence[str]) -> str | None:
    """The one of ``names`` (references as written, in the code's order) that a reference not found,
    ``wanted``, most likely meant; None when none is near.  "G3.20b" (read as the inserted clause G3.20B)
    means the paragraph G3.20(b) where there is one.  Otherwise the fewest characters typed wrong
    ("G3.2O(b)": G3.20(b)), at most a third of them; among as many, one of the same provision
    ("G3.20(c)": G3.20(b), not G3.2(c)), then the nearest last number or letter ("G3.25": G3.24, not
    G3.2), then the earlier in the code."""
    lettered = re.fullmatch(r"(.*\d)([A-Z])", wanted)
    if lettered and f"{lettered[1]}({lettered[2].lower()})" in names:
        return f"{lettered[1]}({lettered[2].lower()})"
    limit = max(1, len(wanted) // 3)
    parent, last = _parent_and_last(wanted)
    best: tuple[int, int, int, int] | None = None
    found = None
    for i, name in enumerate(names):
        if abs(len(name) - len(wanted)) > limit:
            continue
        typed = _edits(wanted, name, limit)
        if typed > limit:
            continue
        their_parent, their_last = _parent_and_last(name)
        key = (typed, their_parent != parent, abs(last - their_last), i)
        if best is None or key < best:
            best, found = key, name
    return found


def _parent_and_last(ref: str) -> tuple[str, int]:
    """ "G3.20(b)" -> ("G3.20", 2): what it stands in, and its last number or letter as a number."""
    m = re.fullmatch(r"(.*?)\(([a-z]+)\)", ref)
    if m:
        return m[1], sum(ord(ch) - 96 for ch in m[2])
    m = re.fullmatch(r"(.*?)(\d+)([A-Z]*)", ref)
    if m:
        return m[1], int(m[2])
    return ref, 0


def _edits(a: str, b: str, limit: int) -> int:
    """The characters to insert, delete or change to turn ``a`` into ``b`` (Levenshtein), or ``limit + 1`` as
    soon as it is sure to be more than ``limit``."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]
