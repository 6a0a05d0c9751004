"""The modification's timeline, computed from its path and dates, and the checks of its facts across
documents: dates in an impossible order (each warning names both dates), dates that are no Working Day,
an implementation date that is no release's, a change set of another modification.

Events and stages are keys ("refinement-consultation", "report-phase"); the templates word them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from legal_text import Location, Message, warning

from ..changes import ChangeSet
from ..dates import long_date
from ..workdays import OBJECTION_PERIOD_WORKING_DAYS, is_working_day, timeline, why_not_working
from ..yamlsource import Located
from .checks import key_line
from .metadata import releases
from .record import ModificationRecord


@dataclass(frozen=True)
class Event:
    """A step of the modification's life: its key, its date (and last day, for a consultation: its length in
    Working Days), whether it is computed rather than given, a detail (a release's name, an outcome) and
    where the record gives it."""

    key: str
    date: dt.date
    end: dt.date | None = None
    working_days: int | None = None
    computed: bool = False
    detail: str = ""
    where: Location | None = None


# What each event is called in a warning.
LABELS = {
    "raised": "the date raised",
    "panel-paper": "the Panel paper",
    "panel-decision": "the Panel's decision",
    "objection-period-ends": f"the end of the {OBJECTION_PERIOD_WORKING_DAYS} Working Day objection period",
    "earliest-implementation": "the earliest implementation date",
    "refinement-consultation": "the Refinement Consultation",
    "modification-report-consultation": "the Modification Report Consultation",
    "change-board": "the Change Board",
    "final-modification-report": "the Final Modification Report",
    "authority-decision": "the Authority's decision",
    "implementation": "the implementation date",
}


def working_days_between(first: dt.date, last: dt.date) -> int:
    """The Working Days from ``first`` to ``last``, both counted (0 when ``last`` is before ``first``)."""
    days = (last - first).days + 1
    return sum(1 for n in range(max(days, 0)) if is_working_day(first + dt.timedelta(days=n)))


def _given(data: Located, key: str) -> Iterator[Event]:
    """The event ``key`` from the record's 'dates:' entry of that name (with '_' for '-'), if given."""
    dates = data.get("dates") or {}
    name = key.replace("-", "_")
    if isinstance(dates.get(name), dt.date):
        yield Event(key, dates[name], where=key_line(dates, name))


def _fast_track(record: ModificationRecord) -> Iterator[Event]:
    """Fast-Track: the Panel's decision, the objection period that follows it, the earliest implementation."""
    decision = next(_given(record.data, "panel-decision"), None) or next(_given(record.data, "decision"), None)
    if record.path != "Fast-Track" or decision is None:
        return
    t = timeline(decision.date, releases(record.meta))
    yield Event("panel-decision", t.decision, where=decision.where)
    yield Event("objection-period-ends", t.objection_period_ends, computed=True)
    yield Event("earliest-implementation", t.earliest_implementation, computed=True)


def _consultations(record: ModificationRecord) -> Iterator[Event]:
    for kind in ("refinement", "modification-report"):
        c = record.consultations.get(kind)
        if c is not None:
            opens, closes = c.data["opens"], c.data["closes"]
            days = working_days_between(opens, closes)
            yield Event(f"{kind}-consultation", opens, closes, days, where=key_line(c.data, "opens"))


def _decisions(record: ModificationRecord) -> Iterator[Event]:
    """The Change Board, the Final Modification Report (when dated), the Authority's decision."""
    board = record.data.get("change_board")
    if board:
        yield Event(
            "change-board", board["date"], detail=str(board.get("outcome") or ""), where=key_line(board, "date")
        )
    yield from _given(record.data, "final-modification-report")
    authority = record.data.get("authority")
    if authority:
        yield Event("authority-decision", authority["date"], detail=str(authority["decision"]),
                    where=key_line(authority, "date"))  # fmt: skip


@dataclass(frozen=True)
class Implementation:
    """When the change goes live: its date, the release of that date (if the record lists one), whether
    computed (Fast-Track: the first release after the objection period) rather than given."""

    date: dt.date
    release: str
    computed: bool = False


def implementation(record: ModificationRecord) -> Implementation | None:
    """The implementation date given ('dates: implementation:'), else a Fast-Track's computed release."""
    listed = releases(record.meta)
    given = next(_given(record.data, "implementation"), None)
    if given is not None:
        return Implementation(given.date, next((r.name for r in listed if r.date == given.date), ""))
    decision = next((e for e in _fast_track(record) if e.key == "panel-decision"), None)
    if decision is None:
        return None
    t = timeline(decision.date, listed)
    return Implementation(t.release.date, t.release.name, computed=True) if t.release else None


def events(record: ModificationRecord) -> list[Event]:
    """The modification's timeline in the order of its path (not sorted: a date out of order is warned of)."""
    found = [*_given(record.data, "raised"), *_given(record.data, "panel-paper"), *_fast_track(record)]
    found += [*_consultations(record), *_decisions(record)]
    done = implementation(record)
    if done is not None:
        where = key_line(record.data.get("dates"), "implementation")
        found.append(Event("implementation", done.date, computed=done.computed, detail=done.release, where=where))
    return found


def stage(record: ModificationRecord) -> str:
    """Where the modification has got to, from the latest fact the record holds."""
    d = record.data
    board = d.get("change_board") or {}
    if d.get("authority"):
        return {"approve": "approved", "reject": "rejected"}.get(str(d["authority"]["decision"]), "sent-back")
    if board.get("outcome"):
        return "change-board-decided" if record.path == "Self-Governance" else "authority-decision"
    found = {e.key for e in events(record)}
    for key, reached in (
        ("change-board", "change-board"),
        ("modification-report-consultation", "report-phase"),
        ("refinement-consultation", "refinement"),
        ("panel-decision", "panel-decision"),
        ("panel-paper", "panel"),
    ):
        if key in found:
            return reached
    return "report-phase" if record.path == "Authority-led" else "development"


# --- checks -------------------------------------------------------------------------------------------------


def _out_of_order(before: Event, after: Event) -> str | None:
    """What is impossible about ``after`` following ``before`` (both dates named), or None."""
    if before.end is not None:  # a consultation: what follows comes after it closes
        if after.date <= before.end:
            return (
                f"{LABELS[after.key]} ({long_date(after.date)}) is not after {LABELS[before.key]} closes "
                f"({long_date(before.end)})"
            )
    elif after.date < before.date:
        return (
            f"{LABELS[after.key]} ({long_date(after.date)}) is before {LABELS[before.key]} ({long_date(before.date)})"
        )
    return None


def _order_findings(found: list[Event]) -> Iterator[tuple[str, Location | None]]:
    """A consultation that closes before it opens; each event dated before the one its path puts before it."""
    for e in found:
        if e.end is not None and e.end < e.date:
            yield f"{LABELS[e.key]} closes ({long_date(e.end)}) before it opens ({long_date(e.date)})", e.where
    for before, after in itertools.pairwise(found):
        if not (before.computed and after.computed):
            problem = _out_of_order(before, after)
            if problem:
                yield problem, after.where


def _working_day_findings(record: ModificationRecord) -> Iterator[tuple[str, Location | None]]:
    """Each date the record gives outside 'date:' and 'dates:' (checked with the report) that is no Working Day."""
    d = record.data
    given: list[tuple[str, object, Located]] = [
        (f"consultations[{i}].{key}", c[key], c)
        for i, c in enumerate(d.get("consultations") or [], start=1)
        for key in ("opens", "closes")
    ]
    given += [(f"legal_text[{i}].date", v["date"], v) for i, v in enumerate(d.get("legal_text") or [], start=1)]
    given += [
        (f"solutions[{i}].legal_text[{j}].date", v["date"], v)
        for i, solution in enumerate(d.get("solutions") or [], start=1)
        for j, v in enumerate(solution.get("legal_text") or [], start=1)
    ]
    given += [(f"{name}.date", d[name]["date"], d[name]) for name in ("change_board", "authority") if d.get(name)]
    for field, day, holder in given:
        if isinstance(day, dt.date) and why_not_working(day):
            yield f"'{field}' {long_date(day)} is {why_not_working(day)}", key_line(holder, field.rsplit(".", 1)[1])


def _implementation_findings(record: ModificationRecord) -> Iterator[tuple[str, Location | None]]:
    """An implementation date given that is no date of a release the record lists."""
    done = implementation(record)
    listed = releases(record.meta)
    if done is not None and not done.computed and listed and not done.release:
        named = ", ".join(f"{r.name} ({long_date(r.date)})" for r in listed)
        yield (
            f"the implementation date {long_date(done.date)} is no release's date (releases: {named})",
            key_line(record.data.get("dates"), "implementation"),
        )


def _cross_findings(record: ModificationRecord, changeset: ChangeSet | None) -> Iterator[tuple[str, Location | None]]:
    """A change set of another modification; Change Board votes that leave out the modification itself, or
    an Alternative solution the record lists."""
    mod = str(record.data["modification"])
    if changeset is not None and changeset.modification != mod:
        yield f"the change set is for {changeset.modification}, not {mod}", key_line(record.data, "modification")
    votes = (record.data.get("change_board") or {}).get("votes")
    if votes and mod not in votes:
        yield f"the Change Board's votes name no vote on {mod} itself", key_line(record.data["change_board"], "votes")
    if votes and record.has_solutions:  # (the Proposed solution is warned of above)
        for alternative in record.solutions[1:]:
            if alternative.id not in votes:
                yield (
                    f"the Change Board's votes name no vote on the Alternative solution {alternative.id}",
                    key_line(alternative.data, "id"),
                )


def check_lifecycle(record: ModificationRecord, changeset: ChangeSet | None = None) -> list[Message]:
    """The record's facts checked across documents, as warnings at the record's lines (the report's own
    checks are made by ``check_report``)."""
    found = [
        *_order_findings(events(record)),
        *_working_day_findings(record),
        *_implementation_findings(record),
        *_cross_findings(record, changeset),
    ]
    return [warning(text, where or Location(record.meta.source)) for text, where in found]
