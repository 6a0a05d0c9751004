"""A modification record's legal texts: the drafts of each solution (the Proposed one and each Alternative)
with their change sets, checked against the record; the Annex A family ``lifecycle`` writes from them
(``drafts.family_files``, as ``redline --since --alternative`` does); and what the reports show of each
solution.

A draft's change set must say the draft's version (``legal_text_version:``) and the solution's id
(``modification:``); each problem is an error at the record's line (exit 4).  The version table of each
Annex A is the record's: every draft up to the one the Annex A shows, those without a change set too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from legal_text import Document, Message, error

from ..changes import ChangeSet
from ..dates import long_date
from ..drafts import AnnexStyle, Family, Solution, VersionRow, check_family, family_files, version_key
from ..errors import MetadataError
from .record import Draft, ModificationRecord, SolutionEntry


@dataclass(frozen=True)
class DraftedSolution:
    """A solution and its drafts that name a change set, each with the change set loaded, oldest first."""

    entry: SolutionEntry
    changesets: tuple[tuple[Draft, ChangeSet], ...]


def _draft_problems(record: ModificationRecord, entry: SolutionEntry, draft: Draft, cs: ChangeSet) -> list[Message]:
    """A draft's change set that says another version, or another solution, than the record gives it."""
    problems: list[Message] = []
    if cs.legal_text_version != draft.version:
        problems.append(
            error(
                f"'{draft.field}.version': {draft.version!r}, but its change set {draft.changes} says "
                f"legal_text_version {cs.legal_text_version!r}: give the draft and its change set one version",
                draft.where("version"),
            )
        )
    proposed = record.solutions[0].id
    if cs.modification != entry.id:
        whose = (
            f"the Proposed solution's change set ({proposed}): an Alternative's change set has its own id, {entry.id}"
            if not entry.proposed and cs.modification == proposed
            else f"{cs.modification}'s change set, not {entry.id}'s: give this solution's change set"
        )
        problems.append(error(f"'{draft.field}.changes': {draft.changes} is {whose}", draft.where("changes")))
    return problems


def _order_problems(drafted: DraftedSolution) -> list[Message]:
    """The draft compared with the latest listed after it but numbered after it too."""
    if len(drafted.changesets) < 2:
        return []
    (before, _), (latest, _) = drafted.changesets[-2:]
    old, new = version_key(before.version), version_key(latest.version)
    if old is None or new is None or old <= new:
        return []
    return [
        error(
            f"'{latest.field}.version': draft {latest.version} is listed after draft {before.version} (line "
            f"{before.where('version').line}) but numbered before it: list the drafts oldest first",
            latest.where("version"),
        )
    ]


def drafted_solutions(record: ModificationRecord) -> list[DraftedSolution]:
    """Each solution with the change sets its drafts name, loaded and checked against the record (every
    problem at once, MetadataError: a change set of another version or another solution than the record
    says, the two drafts compared listed out of order)."""
    from ..changes import load_changeset

    found: list[DraftedSolution] = []
    problems: list[Message] = []
    for entry in record.solutions:
        loaded: list[tuple[Draft, ChangeSet]] = []
        for draft in entry.drafts:
            if draft.changes:
                cs = load_changeset(record.file(draft.changes))
                problems += _draft_problems(record, entry, draft, cs)
                loaded.append((draft, cs))
        found.append(DraftedSolution(entry, tuple(loaded)))
        problems += _order_problems(found[-1])
    if problems:
        raise MetadataError(problems)
    return found


def _rows(drafted: DraftedSolution) -> tuple[VersionRow, ...]:
    """A solution's version table, from the record: every draft up to the one its Annex A shows (its date
    in words; what changed: the record's summary, else the change set's summary or title).  One draft
    alone has no table, as ``redline`` gives none."""
    latest = drafted.changesets[-1][0]
    by_version = {d.version: cs for d, cs in drafted.changesets}
    drafts = drafted.entry.drafts[: drafted.entry.drafts.index(latest) + 1]
    rows = []
    for d in drafts:
        cs = by_version.get(d.version) if d.changes else None
        rows.append((d.version, long_date(d.date), d.summary or (cs.summary or cs.title if cs else "")))
    return tuple(rows) if len(rows) > 1 else ()


@dataclass(frozen=True)
class Annexed:
    """The solutions applied to the base, ready to write: the Proposed one's latest draft, its draft before
    (the previous one that names a change set), each Alternative's latest draft, each version table; and
    what checking and applying them said."""

    docs: list[Document]
    proposed: Solution
    earlier: Solution | None
    alternatives: tuple[Solution, ...]
    versions: dict[str, tuple[VersionRow, ...]]
    messages: tuple[Message, ...]
    alternatives_earlier: dict[str, Solution] = field(default_factory=dict)

    def files(self, out: Path, style: AnnexStyle) -> Family:
        return family_files(
            self.docs, self.proposed, out, style, earlier=self.earlier, alternatives=self.alternatives,
            versions=self.versions, alternatives_earlier=self.alternatives_earlier,
        )  # fmt: skip


def annexed(docs: list[Document], drafted: Sequence[DraftedSolution]) -> Annexed | None:
    """The solutions' latest drafts applied to ``docs`` (None when the Proposed solution has no draft that
    names a change set); the drafts and solutions checked together as ``redline`` checks them."""
    from ..apply import apply_with_ledger

    proposed, *others = drafted
    if not proposed.changesets:
        return None
    alternatives = [d for d in others if d.changesets]
    latest = proposed.changesets[-1][1]
    before = proposed.changesets[-2][1] if len(proposed.changesets) > 1 else None
    said = check_family(latest, before, [d.changesets[-1][1] for d in alternatives])
    solutions: list[Solution] = []
    for cs in [latest, *([before] if before else []), *(d.changesets[-1][1] for d in alternatives)]:
        applied = apply_with_ledger(docs, [cs])
        said += [m for m in applied.messages if m not in said]
        solutions.append(Solution(cs, applied))
    main, rest = solutions[0], solutions[1:]
    earlier = rest.pop(0) if before else None
    # An Alternative's own drafts: its latest compared with its draft before, as the Proposed solution's are.
    alternatives_earlier: dict[str, Solution] = {}
    for d in alternatives:
        if len(d.changesets) > 1:
            alt_before, alt_latest = d.changesets[-2][1], d.changesets[-1][1]
            said += [m for m in check_family(alt_latest, alt_before, []) if m not in said]
            applied = apply_with_ledger(docs, [alt_before])
            said += [m for m in applied.messages if m not in said]
            alternatives_earlier[d.entry.id] = Solution(alt_before, applied)
    versions = {d.entry.id: _rows(d) for d in [proposed, *alternatives]}
    return Annexed(docs, main, earlier, tuple(rest), versions, tuple(said), alternatives_earlier)


# --- what the reports show of each solution ------------------------------------------------------------------


class DraftView(TypedDict):
    version: str
    day: dt.date
    date: str


class SolutionView(TypedDict):
    """A solution as the reports present it: its id, whether it is the Proposed one, title and summary, the
    drafts of its legal text, its votes' totals and the outcome given for it (these two only in documents
    dated on or after the Change Board: see ``solutions_at``)."""

    id: str
    proposed: bool
    title: str
    summary: list[str]
    drafts: list[DraftView]
    votes: dict[str, int] | None
    outcome: str


def solution_views(record: ModificationRecord, votes: dict[str, dict[str, int]]) -> list[SolutionView]:
    """Each solution of a record with 'solutions:' (the Proposed one first); ``votes``: each solution's
    totals, by id."""
    return [
        {
            "id": s.id,
            "proposed": s.proposed,
            "title": s.title,
            "summary": s.summary,
            "drafts": [{"version": d.version, "day": d.date, "date": long_date(d.date)} for d in s.drafts],
            "votes": votes.get(s.id),
            "outcome": s.outcome,
        }
        for s in record.solutions
    ]


def solutions_at(views: list[SolutionView], day: dt.date, board: dt.date | None) -> list[dict[str, Any]]:
    """The solutions as a document dated ``day`` shows them: each with the latest draft of its legal text
    dated by then (``legal_text``, or None); its votes and outcome only once the Change Board (``board``)
    has met."""
    decided = board is not None and board <= day
    shown: list[dict[str, Any]] = []
    for v in views:
        drafts = [d for d in v["drafts"] if d["day"] <= day]
        shown.append(
            {
                "id": v["id"],
                "proposed": v["proposed"],
                "title": v["title"],
                "summary": v["summary"],
                "legal_text": drafts[-1] if drafts else None,
                "votes": v["votes"] if decided else None,
                "outcome": v["outcome"] if decided else "",
            }
        )
    return shown


def solutions_data(views: list[SolutionView], day: dt.date, board: dt.date | None) -> list[dict[str, Any]]:
    """register.json's 'solutions': as the register (dated ``day``) shows them, dates as ISO 8601."""
    return [
        s
        | {
            "summary": s["summary"],
            "legal_text": {"version": s["legal_text"]["version"], "date": s["legal_text"]["day"].isoformat()}
            if s["legal_text"]
            else None,
            "outcome": s["outcome"] or None,
        }
        for s in solutions_at(views, day, board)
    ]
