"""Annex A: which text to show around each change, and the instruction before it.

SECAS shows, for a change, an instruction ("Amend Section G3.20 as follows:"),
then the part heading and every clause of that part in full, the change
marked.  ``context`` picks how much is shown: "part" (as SECAS does),
"clause" (only the changed clauses) or "all" (the whole document).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from legal_text.diff import ClauseChange, Entry, HeadingChange, Redline

from .changeset import ChangeSet

Context = Literal["part", "clause", "all"]
CONTEXTS: tuple[str, ...] = ("part", "clause", "all")


@dataclass(frozen=True)
class AnnexBlock:
    """One instruction and the entries shown under it."""

    instruction: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class AnnexA:
    """Everything an Annex A writer needs: front matter and the marked-up blocks."""

    modification: str
    title: str
    legal_text_version: str
    base_version: str
    section: str
    section_title: str
    author: str
    date: str  # ISO 8601, the date of every tracked change
    blocks: tuple[AnnexBlock, ...]
    redline: Redline

    @property
    def heading(self) -> str:
        return f"{self.modification} '{self.title}'"

    @property
    def section_heading(self) -> str:
        return f"Section {self.section} '{self.section_title}'" if self.section_title else f"Section {self.section}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def instruction_for(entries: tuple[Entry, ...]) -> str:
    """"Amend Section G3.20 as follows:", "Insert new Section G3.20A:", or a combination."""
    by_status: dict[str, list[str]] = {"amended": [], "inserted": [], "deleted": []}
    for e in entries:
        if isinstance(e, ClauseChange) and e.status != "equal":
            by_status[e.status].append(str(e.ref))
    phrases = []
    for status, verb in (("amended", "amend"), ("inserted", "insert new"), ("deleted", "delete")):
        refs = by_status[status]
        if refs:
            phrases.append(f"{verb} {'Sections' if len(refs) > 1 else 'Section'} {_join(refs)}")
    if not phrases:
        return "No change to the following:"
    text = _join(phrases)
    return text[0].upper() + text[1:] + " as follows:"


def _parts(body: tuple[Entry, ...]) -> list[list[Entry]]:
    """The body cut before each part or group heading."""
    parts: list[list[Entry]] = [[]]
    for e in body:
        if isinstance(e, HeadingChange) and parts[-1]:
            parts.append([])
        parts[-1].append(e)
    return [p for p in parts if p]


def select_blocks(redline: Redline, context: Context = "part") -> tuple[AnnexBlock, ...]:
    """The blocks of an Annex A for ``redline`` with the given amount of context."""
    body = redline.body

    def changed(e: Entry) -> bool:
        return (isinstance(e, ClauseChange) and e.is_changed()) or (isinstance(e, HeadingChange) and e.status != "equal")

    if context == "all":
        groups = [list(body)] if any(changed(e) for e in body) else []
    elif context == "clause":
        groups = [[e] for e in body if isinstance(e, ClauseChange) and changed(e)]
    else:
        groups = [p for p in _parts(body) if any(changed(e) for e in p)]
    return tuple(AnnexBlock(instruction_for(tuple(g)), tuple(g)) for g in groups)


def build_annex(redline: Redline, changeset: ChangeSet, context: Context = "part",
                legal_text_version: str | None = None) -> AnnexA:
    """The Annex A model of ``redline`` for ``changeset``."""
    return AnnexA(
        modification=changeset.modification,
        title=changeset.title,
        legal_text_version=legal_text_version or changeset.legal_text_version,
        base_version=changeset.base,
        section=redline.new.section or redline.old.section,
        section_title=redline.new.title or redline.old.title,
        author=changeset.author,
        date=changeset.timestamp,
        blocks=select_blocks(redline, context),
        redline=redline,
    )


@dataclass(frozen=True)
class Comparison:
    """A reviewer's clause-by-clause comparison of two versions of a Section."""

    redline: Redline
    blocks: tuple[AnnexBlock, ...]

    @staticmethod
    def _label(doc) -> str:
        return f"SEC {doc.version}" if doc.version else (doc.source or "text")

    @property
    def old_label(self) -> str:
        return self._label(self.redline.old)

    @property
    def new_label(self) -> str:
        return self._label(self.redline.new)

    @property
    def section_heading(self) -> str:
        doc = self.redline.new
        return f"Section {doc.section} '{doc.title}'" if doc.title else f"Section {doc.section}"

    @property
    def heading(self) -> str:
        return f"{self.section_heading}: {self.old_label} compared with {self.new_label}"

    def summary(self) -> str:
        """"2 amended, 1 inserted, 0 deleted" counting numbered clauses and paragraphs."""
        changes = self.redline.changes()
        counts = {s: sum(1 for _, st in changes if st == s) for s in ("amended", "inserted", "deleted")}
        if not changes:
            return "No differences."
        return ", ".join(f"{n} {s}" for s, n in counts.items()) + " (clauses and paragraphs)."


def build_comparison(redline: Redline, context: Context = "clause") -> Comparison:
    return Comparison(redline, select_blocks(redline, context))
