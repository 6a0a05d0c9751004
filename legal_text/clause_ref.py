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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REF_RE = re.compile(
    r"""^(?:sections?)?
        (?P<section>[A-Za-z]{1,2})
        (?:(?P<group>\d+)
           (?:\.(?P<clause>\d+[A-Za-z]{0,2}))?
        )?
        (?P<path>(?:\([A-Za-z0-9]{1,6}\)|\["[^"]{1,200}"\])*)$""",
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

    @classmethod
    def parse(cls, text: str) -> ClauseRef:
        """Parse ``text`` (see the module docstring for the rule); raise ClauseRefError if it is not a reference."""
        raw = str(text).replace("“", '"').replace("”", '"')
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

    def __str__(self) -> str:
        out = self.section
        if self.group is not None:
            out += self.group
            if self.clause is not None:
                out += "." + self.clause
        return out + "".join(f"[{p}]" if p.startswith('"') else f"({p})" for p in self.path)

    @property
    def number(self) -> str:
        """The clause number without the paragraph path, e.g. ``G3.20``."""
        return str(ClauseRef(self.section, self.group, self.clause))

    def child(self, enumerator: str) -> ClauseRef:
        """The reference of paragraph ``(enumerator)`` inside this one."""
        return ClauseRef(self.section, self.group, self.clause, (*self.path, enumerator))

    def term(self, term: str) -> ClauseRef:
        """The reference of the definition of ``term`` inside this clause."""
        return ClauseRef(self.section, self.group, self.clause, (*self.path, f'"{term}"'))

    def parent(self) -> ClauseRef | None:
        """The enclosing reference, or None for a Section."""
        if self.path:
            return ClauseRef(self.section, self.group, self.clause, self.path[:-1])
        if self.clause is not None:
            return ClauseRef(self.section, self.group)
        if self.group is not None:
            return ClauseRef(self.section)
        return None

    def is_within(self, other: ClauseRef) -> bool:
        """True when this reference is ``other`` or lies inside it."""
        node: ClauseRef | None = self
        while node is not None:
            if node == other:
                return True
            node = node.parent()
        return False
