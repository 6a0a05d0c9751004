"""Consistency checks on report metadata: each finding is a warning with the file and line it concerns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence

from legal_text import Document, Location, Message, warning
from legal_text.profiles import document_name, document_order

from ..changes import ChangeSet, documents_touched
from ..dates import long_date
from ..workdays import Release, timeline, why_not_working
from ..yamlsource import Located
from .metadata import DATE_RE, SOONEST_RE, ReportMetadata, date_of, decision_date, metadata_strings
from .metadata import releases as listed_releases


def used_acronyms(meta: ReportMetadata) -> set[str]:
    """Glossary acronyms that the report's own text uses (SMETS counts in SMETS1; SEC not in SECAS)."""
    text = "\n".join(
        s for s, _ in metadata_strings(meta.data, None, skip=("glossary", "problem_statement", "panel_paper"))
    )
    return {
        a
        for a in (meta.data.get("glossary") or {})
        if re.search(rf"(?<![A-Za-z]){re.escape(str(a))}(?![A-Za-z])", text)
    }


def sections_named(meta: ReportMetadata) -> dict[tuple[str, str], str]:
    """(profile, code) -> how the metadata names the document ("Section G 'Security'", "Appendix AD ...")."""
    out: dict[tuple[str, str], str] = {}
    named = (meta.data.get("impacts") or {}).get("sec_documents") or []
    for name in [named] if isinstance(named, str) else named:  # prose: one string, or a list of them
        m = re.match(r"(Section|Appendix) ([A-Z]{1,2})\b", str(name))
        if m:
            out[(m.group(1).lower(), m.group(2))] = str(name)
    return out


def key_line(mapping: object, key: str) -> Location | None:
    """Where ``key`` was written in a metadata mapping (None for anything else)."""
    return mapping.key_lines.get(key) if isinstance(mapping, Located) else None


Finding = tuple[str, Location | None]  # what a check found, and where (None: the metadata file)


def _releases_by_name(meta: ReportMetadata) -> dict[str, Release]:
    """The releases the metadata lists, by name (a name listed twice: its last date, at its first place)."""
    return {r.name: r for r in listed_releases(meta)}


def _non_working_dates(meta: ReportMetadata) -> Iterator[Finding]:
    """The report's date and each of its 'dates:' that is no Working Day."""
    d = meta.data
    for key, value in [("date", d.get("date")), *list((d.get("dates") or {}).items())]:
        if isinstance(value, dt.date) and why_not_working(value):
            where = key_line(d, key) if key == "date" else key_line(d["dates"], key)
            yield f"'{key}' {long_date(value)} is {why_not_working(value)}", where


def _dates_in_text(meta: ReportMetadata) -> Iterator[Finding]:
    """Each date the report's text writes ("7 November 2019 (November 2019 SEC Release)") that is no date,
    no Working Day, or not the date of the release it names; a date written twice under one key, once."""
    releases = _releases_by_name(meta)
    seen: set[tuple[str, str]] = set()
    for text, where in metadata_strings(meta.data, Location(meta.source, 1)):
        for m in DATE_RE.finditer(text):
            day = date_of(m)
            if day is None:
                yield f"{m.group(0)!r} is not a date", where
                continue
            key = (m.group(0), str(where))
            if key in seen:
                continue
            seen.add(key)
            yield from ((problem, where) for problem in _date_problems(m, day, releases))


def _date_problems(m: re.Match[str], day: dt.date, releases: dict[str, Release]) -> Iterator[str]:
    """What is wrong with the date ``m`` writes (``day``): no Working Day; a release named after it that is
    in another month, or that the metadata lists on another day."""
    if why_not_working(day):
        yield f"{long_date(day)} is {why_not_working(day)}"
    release = m.group("release")
    if not release:
        return
    if (m.group("rmonth"), m.group("ryear")) != (m.group("month"), m.group("year")):
        yield f"'{m.group(0)}': the {release} cannot be in {m.group('month')} {m.group('year')}"
    known = releases.get(release)
    if known and known.date != day:
        yield f"'{m.group(0)}': the {release} is on {long_date(known.date)}"


def _earliest_implementation(meta: ReportMetadata) -> Iterator[Finding]:
    """Each "the soonest/earliest ... is DATE" in the text that is not 15 Working Days from the decision."""
    decision = decision_date(meta)
    if not decision:
        return
    t = timeline(decision, list(_releases_by_name(meta).values()))
    for text, where in metadata_strings(meta.data, Location(meta.source, 1)):
        for m in SOONEST_RE.finditer(text):
            stated = dt.datetime.strptime(m.group("date"), "%d %B %Y").date()
            if stated != t.earliest_implementation:
                yield (
                    f"says the earliest implementation is {long_date(stated)}, but 15 Working Days from "
                    f"the decision on {long_date(decision)} give {long_date(t.earliest_implementation)}",
                    where,
                )


def _secas_costs(meta: ReportMetadata) -> Iterator[Finding]:
    """SECAS's days at its day rate make its amount."""
    secas = (meta.data.get("costs") or {}).get("secas") or {}
    priced = all(secas.get(k) is not None for k in ("day_rate", "days", "amount"))
    if priced and secas["days"] * secas["day_rate"] != secas["amount"]:
        product = secas["days"] * secas["day_rate"]
        yield (
            f"SECAS costs: {secas['days']} days at £{secas['day_rate']:,} is £{product:,}, not £{secas['amount']:,}",
            key_line(secas, "amount"),
        )


def _total_costs(meta: ReportMetadata) -> Iterator[Finding]:
    """The parts' amounts (DCC, SECAS, Parties) add up to the total given."""
    costs = meta.data.get("costs") or {}
    if costs.get("total") is None:
        return
    parts: list[float] = [
        c["amount"]
        for c in (costs.get("dcc"), costs.get("secas"), costs.get("parties"))
        if isinstance(c, dict) and c.get("amount") is not None
    ]
    if sum(parts) != costs["total"]:
        yield (
            f"costs: the parts add up to £{sum(parts):,}, not the total £{costs['total']:,}",
            key_line(costs, "total"),
        )


def _unused_glossary(meta: ReportMetadata) -> Iterator[Finding]:
    """Each glossary entry the report's text never uses."""
    glossary = meta.data.get("glossary") or {}
    for acronym in sorted(set(glossary) - used_acronyms(meta)):
        yield f"glossary: {acronym} is never used in the report", key_line(glossary, acronym)


def _documents_impacted(meta: ReportMetadata, changeset: ChangeSet, docs: Sequence[Document]) -> Iterator[Finding]:
    """The documents named as impacted are those the change set touches: none named that it does not touch,
    none it touches unnamed."""
    named = sections_named(meta)
    touched = documents_touched(changeset, docs)
    where = key_line(meta.data.get("impacts"), "sec_documents")
    for key in sorted(set(named) - set(touched), key=lambda k: document_order(*k)):
        yield (
            f"{named[key]} is named as impacted, but {changeset.modification}'s change set does not touch it",
            where,
        )
    for key in touched:
        if key not in named:
            yield f"the change set changes {document_name(*key)}, which the report does not name as impacted", where


def unquoted_clauses(meta: ReportMetadata, docs: Sequence[Document]) -> list[Message]:
    """A warning, at its ``quote:`` line, for each clause the problem statement quotes that it cannot quote:
    no base text was given (``docs`` empty), or the base text does not hold it."""
    from legal_text import ClauseRef

    found: list[Message] = []
    for item in (meta.data.get("problem_statement") or {}).get("relation") or []:
        ref = item.get("quote") if isinstance(item, dict) else None
        if not ref:
            continue
        where = key_line(item, "quote") or Location(meta.source)
        if not docs:
            why = "no base text was given (--base FILE, with --changes to quote it as amended)"
        elif any(d.find(ClauseRef.parse(str(ref))) is not None for d in docs):
            continue
        else:
            why = "the base text does not hold it"
        found.append(warning(f"the problem statement cannot quote {ref}: {why}", where))
    return found


# The checks of the metadata alone, in the order their warnings are given.
_METADATA_CHECKS: tuple[Callable[[ReportMetadata], Iterator[Finding]], ...] = (
    _non_working_dates,
    _dates_in_text,
    _earliest_implementation,
    _secas_costs,
    _total_costs,
    _unused_glossary,
)


def check_report(
    meta: ReportMetadata, changeset: ChangeSet | None = None, docs: Sequence[Document] = ()
) -> list[Message]:
    """Consistency checks: dates on non-working days, releases that contradict their dates, a timeline
    that disagrees with the calendar, costs that do not add up, unused glossary entries, impacted
    documents that the change set does not touch (or touches without naming); ``docs``: the base, to place
    the change set's definitions and tables."""
    found = [finding for check in _METADATA_CHECKS for finding in check(meta)]
    if changeset is not None:
        found += _documents_impacted(meta, changeset, docs)
    return [warning(text, where or Location(meta.source)) for text, where in found]
