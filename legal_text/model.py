"""The clause tree: frozen dataclasses and tuples, never mutated.

Section G > G3.20 > (b) > (i) is a ``Document`` whose ``body`` holds
``Heading`` and ``Clause`` items in reading order; a ``Clause`` holds its
paragraphs as child ``Clause`` objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .clause_ref import ClauseRef
from .messages import Location
from .profiles import PROFILES, document_name, document_order, identities_named

ClauseKind = Literal["clause", "paragraph", "definition", "note", "table"]


# The digits a footnote marker is written in ("¹", "¹²"): a note's number, raised, as Word shows it
# where the reference stands (``Clause.notes``).
NOTE_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"


@dataclass(frozen=True)
class Heading:
    """A heading between clauses: ``kind`` is "part" (e.g. "Manufacturers: Duty to
    Notify and Be Notified") or "group" (e.g. "G3 System Security: ...")."""

    text: str
    kind: Literal["part", "group"] = "part"
    label: str = ""


@dataclass(frozen=True)
class Clause:
    """A numbered provision (``G3.20``) or one of its paragraphs (``(b)``).

    ``text`` is the chapeau (the words before any list), ``children`` the
    paragraphs, ``trailing`` the flush text that follows the list.

    ``kind`` is "clause" (G3.20), "paragraph" ((b), (i), (A)), "definition"
    (label ``"Term"``, text "means ..."), "note" (label ``Note:``) or "table"
    (``rows`` holds its cells; ``text`` is empty).
    """

    ref: ClauseRef
    label: str
    text: str = ""
    children: tuple[Clause, ...] = ()
    trailing: str = ""
    kind: ClauseKind = "clause"
    rows: tuple[tuple[str, ...], ...] = ()
    where: Location | None = field(default=None, compare=False, repr=False)  # where it was read from
    # The footnotes and endnotes its words refer to, as (marker, text): kept apart from its words (a Word
    # document's notes; the marker stands in the words where the reference stands).
    notes: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def addressable(self) -> bool:
        """True for provisions a change set or cross-reference can name (not tables or notes)."""
        return self.kind not in ("table", "note")

    @property
    def depth(self) -> int:
        """0 for a numbered clause, 1 for (a), 2 for (i), 3 for (A)."""
        return len(self.ref.path)

    def walk(self) -> Iterator[Clause]:
        """This clause and every paragraph inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def with_changes(self, **changes: Any) -> Clause:
        """A copy with the given fields changed."""
        return replace(self, **changes)


Item = Heading | Clause


def section_heading(section: str, title: str = "", profile: str = "section") -> str:
    """How a document is headed: ``Section G 'Security'``, ``Appendix AD 'DCC User Interface
    Specification'``, or ``Section G`` when its title is unknown."""
    return PROFILES[profile].heading(section, title)


def documents_title(docs: list[Document]) -> str:
    """A heading for several documents: "Section G 'Security'" for one; "Sections A to H" for Sections only;
    "Section A, Section G and Appendix AD" for a few of both kinds; else "Section A to Appendix AD (12
    documents)"."""
    if len(docs) == 1:
        return docs[0].heading
    if all(d.profile == "section" for d in docs):
        return f"Sections {docs[0].section} to {docs[-1].section}"
    if len(docs) <= 4:
        names = [d.name for d in docs]
        return ", ".join(names[:-1]) + " and " + names[-1]
    return f"{docs[0].name} to {docs[-1].name} ({len(docs)} documents)"


@dataclass(frozen=True)
class Document:
    """One document of a code (a Section, an Appendix, or an extract of one) at one version.

    ``section`` is its code (G, AD) and ``profile`` its numbering profile ("section", "appendix"): the
    two together are its identity."""

    section: str
    title: str = ""
    version: str = ""
    body: tuple[Item, ...] = ()
    source: str = ""
    where: Location | None = field(default=None, compare=False, repr=False)  # where its text starts
    profile: str = "section"

    @property
    def heading(self) -> str:
        """``Section G 'Security'``, ``Appendix AD 'DCC User Interface Specification'``."""
        return section_heading(self.section, self.title, self.profile)

    @property
    def identity(self) -> tuple[str, str]:
        """(profile, code): ("section", "G"), ("appendix", "AD"); what a reference's ``document`` names."""
        return (self.profile, self.section)

    @property
    def name(self) -> str:
        """``Section G``, ``Appendix AD``: how an instruction or a message names it."""
        return document_name(self.profile, self.section) if self.section else "the text"

    def is_named(self, wanted: str) -> bool:
        """True when ``wanted`` names this document: "G" or "Section G"; "AD" or "Appendix AD"."""
        return self.identity in identities_named(wanted)

    @property
    def key(self) -> str:
        """A short name unique in a code: the letter of a Section ("G"), "Appendix AD" for an Appendix."""
        return self.section if self.profile == "section" else self.name

    @property
    def order(self) -> tuple[int, int, str]:
        """Its place in the code: Sections A to X, then the Appendices."""
        return document_order(self.profile, self.section)

    def clauses(self) -> Iterator[Clause]:
        """Every clause and paragraph, in document order."""
        for item in self.body:
            if isinstance(item, Clause):
                yield from item.walk()

    def refs(self) -> list[ClauseRef]:
        """References of every clause, paragraph and definition (not tables or notes), in order."""
        return [c.ref for c in self.clauses() if c.addressable]

    def definitions(self) -> dict[str, Clause]:
        """Defined terms (without quotes) and their definitions."""
        return {c.label.strip('"'): c for c in self.clauses() if c.kind == "definition"}

    def find(self, ref: ClauseRef) -> Clause | None:
        """The clause or paragraph with reference ``ref``, or None."""
        for clause in self.clauses():
            if clause.ref == ref:
                return clause
        return None

    def with_version(self, version: str) -> Document:
        return replace(self, version=version)
