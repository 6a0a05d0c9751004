"""Annex A: which text to show around each change, and the instruction before it.

SECAS shows, for a change, an instruction ("Amend Section G3.20 as follows:",
"Insert new Section G3.20A:", "Delete Section G3.21:"), then the part heading
and every clause of that part in full, the change marked.  ``context`` picks
how much is shown: "part" (as SECAS does), "clause" (only the changed
clauses) or "all" (the whole document).  A redline may cover several
Sections (a release); each has its own heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from legal_text.diff import ClauseChange, Entry, HeadingChange, Redline
from legal_text.events import EVENT_KINDS, DiffEvent, find_events

from .house_style import DEFAULT_CLASSIFICATION, classification_sentence

if TYPE_CHECKING:
    from .changeset import ChangeSet

Context = Literal["part", "clause", "all"]
CONTEXTS: tuple[Context, ...] = ("part", "clause", "all")


@dataclass(frozen=True)
class AnnexBlock:
    """One instruction and the entries shown under it."""

    instruction: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class AnnexSection:
    """The blocks of one Section, under its heading ("Section G 'Security'")."""

    heading: str
    blocks: tuple[AnnexBlock, ...]
    section: str = ""  # its letter


@dataclass(frozen=True)
class AnnexA:
    """Everything a redline writer needs: front matter and the marked-up Sections."""

    heading: str  # "MP087 'Correction to SEC Section G - User Responsibilities'"
    subtitle: str  # "Annex A"
    version_line: str  # "Legal text - version 0.1"
    base_version: str  # the SEC version the changes are drafted against
    header: str  # the running header
    classification: str  # "White"
    author: str
    date: str  # ISO 8601, the date of every tracked change
    sections: tuple[AnnexSection, ...]
    redlines: tuple[Redline, ...]
    base_checked: bool = True  # False when the base text named no version, so base_version is unchecked

    @property
    def classification_line(self) -> str:
        return classification_sentence(self.classification)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def instruction_for(entries: tuple[Entry, ...]) -> str:
    """ "Amend Section G3.20 as follows:", "Insert new Section G3.20A:", "Delete Section G3.21:", or a combination."""
    by_status: dict[str, list[str]] = {"amended": [], "inserted": [], "deleted": [], "renumbered": []}
    headings: dict[str, list[str]] = {"inserted": [], "deleted": []}
    for e in entries:
        if isinstance(e, HeadingChange) and e.status in headings:
            headings[e.status].append(f"'{e.heading.label} {e.heading.text}'".replace("' ", "'"))
        if isinstance(e, ClauseChange) and e.is_changed():
            status = e.status if e.status != "equal" else "amended"
            by_status[status].append(f"{e.old_ref} as {e.ref}" if status == "renumbered" and e.old_ref else str(e.ref))
    phrases = []
    for status, verb in (
        ("amended", "amend"),
        ("renumbered", "renumber"),
        ("inserted", "insert new"),
        ("deleted", "delete"),
    ):
        refs = by_status[status]
        if refs:
            phrases.append(f"{verb} {'Sections' if len(refs) > 1 else 'Section'} {_join(refs)}")
    for status, verb in (("deleted", "delete"), ("inserted", "insert")):
        words = headings[status]
        if words:
            phrases.append(f"{verb} the {'headings' if len(words) > 1 else 'heading'} {_join(words)}")
    if not phrases:
        return "Amend as follows:"
    text = _join(phrases)
    text = text[0].upper() + text[1:]
    only = [s for s, refs in by_status.items() if refs] + [f"heading {s}" for s, w in headings.items() if w]
    return text + (":" if only in (["inserted"], ["deleted"]) else " as follows:")


def _parts(body: tuple[Entry, ...]) -> list[list[Entry]]:
    """The body cut before each part or group heading."""
    parts: list[list[Entry]] = [[]]
    for e in body:
        # Headings one after another (a group heading and its first part's, or a heading and the one
        # replacing it) begin one part.
        if isinstance(e, HeadingChange) and parts[-1] and not isinstance(parts[-1][-1], HeadingChange):
            parts.append([])
        parts[-1].append(e)
    return [p for p in parts if p]


def _changed(e: Entry) -> bool:
    return (isinstance(e, ClauseChange) and e.is_changed()) or (isinstance(e, HeadingChange) and e.status != "equal")


def select_blocks(redline: Redline, context: Context = "part") -> tuple[AnnexBlock, ...]:
    """The blocks of an Annex A for ``redline`` with the given amount of context."""
    body = redline.body
    if context == "all":
        groups = [list(body)] if any(_changed(e) for e in body) else []
    elif context == "clause":
        groups = [[e] for e in body if isinstance(e, ClauseChange) and _changed(e)]
    else:
        groups = [p for p in _parts(body) if any(_changed(e) for e in p)]
    return tuple(AnnexBlock(instruction_for(tuple(g)), tuple(g)) for g in groups)


def build_annex(
    redlines: Redline | list[Redline],
    changeset: ChangeSet,
    context: Context = "part",
    classification: str = DEFAULT_CLASSIFICATION,
    base_checked: bool = True,
) -> AnnexA:
    """The Annex A model of ``redlines`` (one per Section) for ``changeset``."""
    redlines = [redlines] if isinstance(redlines, Redline) else list(redlines)
    sections = tuple(
        AnnexSection(
            (r.new if r.new.section else r.old).heading, select_blocks(r, context), r.new.section or r.old.section
        )
        for r in redlines
    )
    return AnnexA(
        heading=f"{changeset.modification} '{changeset.title}'",
        subtitle="Annex A",
        version_line=f"Legal text - version {changeset.legal_text_version}",
        base_version=changeset.base,
        header=f"{changeset.modification} Annex A - legal text version {changeset.legal_text_version}",
        classification=classification,
        author=changeset.author,
        date=changeset.timestamp,
        sections=tuple(s for s in sections if s.blocks),
        redlines=tuple(redlines),
        base_checked=base_checked,
    )


@dataclass(frozen=True)
class Comparison:
    """A reviewer's clause-by-clause comparison of two versions of one Section, or of each Section of two
    versions of the code."""

    redlines: tuple[Redline, ...]
    context: Context = "clause"  # how much text the page shows around a change

    @cached_property
    def section_blocks(self) -> tuple[tuple[AnnexBlock, ...], ...]:
        """The blocks of each redline (worked out when a page needs them)."""
        return tuple(select_blocks(r, self.context) for r in self.redlines)

    @property
    def redline(self) -> Redline:
        """The first (for one Section, the only) Section's redline."""
        return self.redlines[0]

    @property
    def old_version(self) -> str:
        """The SEC version OLD states (the first its Sections state), or ""."""
        return next((r.old.version for r in self.redlines if r.old.version), "")

    @property
    def new_version(self) -> str:
        return next((r.new.version for r in self.redlines if r.new.version), "")

    @property
    def old_label(self) -> str:
        return f"SEC {self.old_version}" if self.old_version else (self.redline.old.source or "text")

    @property
    def new_label(self) -> str:
        return f"SEC {self.new_version}" if self.new_version else (self.redline.new.source or "text")

    @property
    def section_heading(self) -> str:
        if len(self.redlines) == 1:
            return self.redline.new.heading
        return f"Sections {self.redlines[0].new.section} to {self.redlines[-1].new.section}"

    @property
    def sections(self) -> tuple[AnnexSection, ...]:
        if len(self.redlines) == 1:
            r = self.redline
            return (AnnexSection(self.section_heading, self.section_blocks[0], r.new.section or r.old.section),)
        return tuple(
            AnnexSection((r.new if r.new.section else r.old).heading, b, r.new.section or r.old.section)
            for r, b in zip(self.redlines, self.section_blocks, strict=True)
            if b
        )

    @property
    def heading(self) -> str:
        return f"{self.section_heading}: {self.old_label} compared with {self.new_label}"

    @cached_property
    def events(self) -> list[DiffEvent]:
        """Every event, Section by Section; a move across Sections is one event (see ``find_events``)."""
        return find_events(self.redlines)

    def summary(self) -> str:
        """ "2 amended, 1 inserted, 0 deleted" counting numbered clauses and paragraphs."""
        events = self.events
        if not events:
            return "No differences."
        counts = {k: sum(1 for e in events if e.kind == k) for k in EVENT_KINDS}
        shown = [f"{n} {s}" for s, n in counts.items() if n or s in ("amended", "inserted", "deleted")]
        return ", ".join(shown) + " (clauses and paragraphs)."


def build_comparison(redlines: Redline | list[Redline], context: Context = "clause") -> Comparison:
    """The comparison of one Section's redline, or of several Sections' redlines."""
    redlines = [redlines] if isinstance(redlines, Redline) else list(redlines)
    return Comparison(tuple(redlines), context)
