"""A release built: its change sets applied in order to the base, compared with it, each change attributed
to the modification that made it; and what its redline and notes show."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from legal_text import ClauseRef, Document
from legal_text.diff import ClauseChange, Redline
from legal_text.events import DiffEvent, find_events

from ..annex import AnnexA, AnnexSection, select_blocks
from ..apply import apply_with_ledger
from ..changes import ChangeSet
from ..dates import long_date, revision_timestamp
from ..house_style import classification_sentence
from ..store import document_stem
from .manifest import Manifest


@dataclass(frozen=True)
class ModificationSummary:
    """One change set of a release, as its notes list it."""

    modification: str
    kind: str
    title: str
    date: str
    clauses: tuple[str, ...]  # the references it changed, in the code's order
    documents: tuple[str, ...]  # the documents it changed ("Section G")
    # what it changed as a reader writes it, in the same order: "A1.1 (new definition 'SMETS2+ Device')"
    described: tuple[str, ...] = ()
    part: str = ""  # of a modification implemented in part: "part 1 of 2"
    to_come: tuple[int, ...] = ()  # the parts of it still to come after this release
    earlier: tuple[tuple[int, str], ...] = ()  # the parts earlier releases implemented, with their versions

    @property
    def named(self) -> str:
        """How the notes name it: "MP087", "MP915 (part 1 of 2)"."""
        return f"{self.modification} ({self.part})" if self.part else self.modification


@dataclass(frozen=True)
class Release:
    """What ``build_release`` computed: the consolidated documents and everything its outputs show."""

    manifest: Manifest
    base: tuple[Document, ...]
    consolidated: tuple[Document, ...]
    redlines: tuple[Redline, ...]  # of the documents the release changes, each change attributed
    modifications: tuple[ModificationSummary, ...]
    changesets: tuple[ChangeSet, ...]
    events: tuple[DiffEvent, ...] = ()  # the redlines' events (``find_events``): the notes' and the store's


def slug(doc: Document) -> str:
    """A document's file name in a release folder: "section-G", "appendix-AD" (as the store names it)."""
    return document_stem(doc.profile, doc.section)


def build_release(
    manifest: Manifest,
    base: Sequence[Document],
    changesets: Sequence[ChangeSet],
    progress: Callable[[str], None] = lambda _: None,
    to_come: dict[str, tuple[int, ...]] | None = None,
    earlier: dict[str, tuple[tuple[int, str], ...]] | None = None,
) -> Release:
    """Apply the manifest's change sets in order to ``base``, each change recorded with the change set that
    made it (the ledger: ``apply_with_ledger``); raise ChangeSetError (naming both modifications and the
    clause) when two conflict.  A change set may be a part of its modification (``release.phases``):
    its changes are credited to the part; ``to_come`` gives the parts of it still to come, ``earlier`` the
    parts earlier releases implemented (with their versions)."""
    base = [d if d.version else d.with_version(manifest.base_version) for d in base]
    progress("applying the modifications")
    applied = apply_with_ledger(base, changesets)
    final = [d.with_version(manifest.version) for d in applied.documents]
    progress("reading the release redline off the change ledger")
    redlines = [
        replace(r, new=r.new.with_version(manifest.version)) for r in applied.redlines if r.old.body != r.new.body
    ]
    summaries = []
    events = find_events(redlines)
    for cs in changesets:
        refs: list[str] = []
        described: list[str] = []
        docs: list[str] = []
        for ev in events:
            change = ev.new_change or ev.old_change
            mine = change is not None and (change.by == cs.credit or cs.credit in _makers(change))
            if ev.heading_change is not None:
                mine = ev.heading_change.by == cs.credit
            if mine:
                what = ev.what.split(",")[0]
                if what not in refs:
                    refs.append(what)
                if (words := as_read(ev)) not in described:
                    described.append(words)
                if ev.section not in docs:
                    docs.append(ev.section)
        names = [d.name for d in final if d.key in docs]
        summaries.append(
            ModificationSummary(
                cs.modification,
                cs.kind,
                cs.title,
                cs.date.isoformat(),
                tuple(refs),
                tuple(names),
                tuple(described),
                cs.part_name,
                (to_come or {}).get(cs.modification, ()) if cs.part_name else (),
                (earlier or {}).get(cs.modification, ()) if cs.part_name else (),
            )
        )
    return Release(
        manifest, tuple(base), tuple(final), tuple(redlines), tuple(summaries), tuple(changesets), tuple(events)
    )


_STATUS = {"inserted": "new", "deleted": "deleted"}  # an event's kind, as the notes add it after a reference


def as_read(ev: DiffEvent) -> str:
    """What an event changed, as a reader of the release notes writes it: "G3.20(b)", "G3.20A (new)",
    "A1.1 (new definition 'SMETS2+ Device')", "Table 28a in AD 2.1 (1 row inserted)", "G3.20 (renumbered as
    G3.21)"; never the internal ``A1.1["SMETS2+ Device"]``."""
    status = _STATUS.get(ev.kind, "")
    if ev.heading:
        return f"heading '{ev.heading}'" + (f" ({status})" if status else "")
    ref = ev.new_ref if ev.new_ref is not None else ev.old_ref
    if ref is None:
        return ev.what
    if ev.kind in ("renumbered", "moved"):
        how = "renumbered as" if ev.kind == "renumbered" else "moved to"
        return f"{ev.old_ref} ({how} {ref}{' and amended' if ev.amended else ''})"
    change = ev.new_change or ev.old_change
    if change is not None and change.kind == "table":
        caption, _, counts = ev.what.removeprefix(f"{ref.parent()} ").partition(" (")
        return f"{caption} in {ref.parent()}" + (f" ({status})" if status else f" ({counts}" if counts else "")
    if any(step.startswith('"') for step in ref.path):
        return _definition_as_read(ref, status)
    return str(ref) + (f" ({status})" if status else "")


def _definition_as_read(ref: ClauseRef, status: str) -> str:
    """ "A1.1 (new definition 'Term')", "A1.1 (definition 'Term')", "A1.1 (definition 'Term' deleted)",
    "A1.1 (definition 'Term', paragraph (a) new)"."""
    at = max(i for i, step in enumerate(ref.path) if step.startswith('"'))
    clause, term, rest = ref.with_path(ref.path[:at]), ref.path[at].strip('"'), ref.path[at + 1 :]
    if rest:
        paragraph = "".join(f"({step})" for step in rest)
        return f"{clause} (definition '{term}', paragraph {paragraph}{' ' + status if status else ''})"
    if status == "new":
        return f"{clause} (new definition '{term}')"
    return f"{clause} (definition '{term}'{' deleted' if status else ''})"


def _makers(change: ClauseChange) -> set[str]:
    """Every modification that made a marked run of ``change`` (its words, labels and table cells)."""
    found: set[str] = set()
    for k in change.walk():
        cells = (r for row in k.cells for cell in row for r in cell)
        found.update(r.by for r in (*k.text, *k.trailing, *k.label_runs, *cells) if r.op != "equal" and r.by)
    return found


def release_annex(release: Release) -> AnnexA:
    """The release redline's model: every changed document in full, under the release's front matter."""
    m = release.manifest
    sections = []
    for r in release.redlines:
        blocks = select_blocks(r, "all")
        sections.append(AnnexSection(r.new.heading, blocks, r.new.key))
    return AnnexA(
        heading=f"{m.release}: redline",
        subtitle=f"SEC Version {m.base_version} to SEC Version {m.version}",
        version_line=f"Go-live {long_date(m.date)}",
        base_version=m.base_version,
        header=f"{m.release} - redline, SEC {m.base_version} to {m.version}",
        classification=m.classification,
        author=m.author,
        date=revision_timestamp(m.date),
        sections=tuple(sections),
        redlines=release.redlines,
        front="_release-front.html.j2",
        authors=tuple((cs.credit, cs.revision_author, cs.timestamp) for cs in release.changesets),
        listed=tuple(
            (f"{cs.modification} ({cs.part_name})" if cs.part_name else cs.modification, cs.kind, cs.title)
            for cs in release.changesets
        ),
    )


def notes_context(release: Release) -> dict[str, Any]:
    """What the release-notes templates show."""
    m = release.manifest
    changed = {r.new.identity for r in release.redlines}
    by_doc: dict[str, list[str]] = {}
    for s in release.modifications:
        for d in s.documents:
            by_doc.setdefault(d, []).append(s.named)
    log = [
        {
            "document": d.heading,
            "before": m.base_version,
            "after": m.version if d.identity in changed else m.base_version,
            "changed": d.identity in changed,
            "by": ", ".join(by_doc.get(d.name, [])),
        }
        for d in release.consolidated
    ]
    return {
        "release": m.release,
        "date": long_date(m.date),
        "date_iso": m.date.isoformat(),
        "base_version": m.base_version,
        "version": m.version,
        "author": m.author,
        "classification_line": classification_sentence(m.classification),
        "modifications": [
            {
                "modification": x.named,
                "kind": x.kind,
                "title": x.title,
                "date": x.date,
                "clauses": list(x.described or x.clauses),
            }
            for x in release.modifications
        ],
        "affected": [row for row in log if row["changed"]],
        # Of each modification implemented in part here, the parts still to come: "part 2 of 2 of MP915".
        "to_come": [
            f"{' and '.join(f'part {n}' for n in x.to_come)} of {x.part.rsplit(' ', 1)[-1]} of {x.modification}"
            for x in release.modifications
            if x.to_come
        ],
        # Of each modification whose last part this release implements: where each part went live.
        "completed": [
            f"{x.modification} is implemented in full: "
            + ", ".join(f"part {n} in SEC {v}" for n, v in (*x.earlier, (int(x.part.split()[1]), m.version)))
            for x in release.modifications
            if x.part and not x.to_come
        ],
        "log": log,
    }
