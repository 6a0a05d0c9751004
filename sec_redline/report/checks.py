"""Consistency checks on report metadata: each finding is a warning with the file and line it concerns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from legal_text import Document, Location, Message, warning
from legal_text.profiles import document_name, document_order

from ..changes import ChangeSet, documents_touched
from ..workdays import long_date, timeline, why_not_working
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
    out = {}
    for name in (meta.data.get("impacts") or {}).get("sec_documents") or []:
        m = re.match(r"(Section|Appendix) ([A-Z]{1,2})\b", str(name))
        if m:
            out[(m.group(1).lower(), m.group(2))] = str(name)
    return out


def key_line(mapping: Any, key: str) -> Location | None:
    """Where ``key`` was written in a metadata mapping (None for anything else)."""
    return mapping.key_lines.get(key) if isinstance(mapping, Located) else None


def check_report(
    meta: ReportMetadata, changeset: ChangeSet | None = None, docs: Sequence[Document] = ()
) -> list[Message]:
    """Consistency checks: dates on non-working days, releases that contradict their dates, a timeline
    that disagrees with the calendar, costs that do not add up, unused glossary entries, impacted
    documents that the change set does not touch (or touches without naming); ``docs``: the base, to place
    the change set's definitions and tables."""
    d = meta.data
    out: list[Message] = []

    def warn(text: str, where: Location | None) -> None:
        out.append(warning(text, where or Location(meta.source)))

    releases = {r.name: r for r in listed_releases(meta)}
    for key, value in [("date", d.get("date")), *list((d.get("dates") or {}).items())]:
        if isinstance(value, dt.date) and why_not_working(value):
            where = key_line(d, key) if key == "date" else key_line(d["dates"], key)
            warn(f"'{key}' {long_date(value)} is {why_not_working(value)}", where)
    seen = set()
    for text, where in metadata_strings(d, Location(meta.source, 1)):
        for m in DATE_RE.finditer(text):
            day = date_of(m)
            if day is None:
                warn(f"{m.group(0)!r} is not a date", where)
                continue
            key = (m.group(0), str(where))
            if key in seen:
                continue
            seen.add(key)
            if why_not_working(day):
                warn(f"{long_date(day)} is {why_not_working(day)}", where)
            if m.group("release"):
                release = m.group("release")
                if (m.group("rmonth"), m.group("ryear")) != (m.group("month"), m.group("year")):
                    warn(f"'{m.group(0)}': the {release} cannot be in {m.group('month')} {m.group('year')}", where)
                known = releases.get(release)
                if known and known.date != day:
                    warn(f"'{m.group(0)}': the {release} is on {long_date(known.date)}", where)
    decision = decision_date(meta)
    if decision:
        t = timeline(decision, list(releases.values()))
        for text, where in metadata_strings(d, Location(meta.source, 1)):
            for m in SOONEST_RE.finditer(text):
                stated = dt.datetime.strptime(m.group("date"), "%d %B %Y").date()
                if stated != t.earliest_implementation:
                    warn(
                        f"says the earliest implementation is {long_date(stated)}, but 15 Working Days from "
                        f"the decision on {long_date(decision)} give {long_date(t.earliest_implementation)}",
                        where,
                    )
    costs = d.get("costs") or {}
    secas = costs.get("secas") or {}
    priced = all(secas.get(k) is not None for k in ("day_rate", "days", "amount"))
    if priced and secas["days"] * secas["day_rate"] != secas["amount"]:
        product = secas["days"] * secas["day_rate"]
        warn(
            f"SECAS costs: {secas['days']} days at £{secas['day_rate']:,} is £{product:,}, not £{secas['amount']:,}",
            key_line(secas, "amount"),
        )
    if costs.get("total") is not None:
        parts: list[float] = [
            c["amount"]
            for c in (costs.get("dcc"), costs.get("secas"), costs.get("parties"))
            if isinstance(c, dict) and c.get("amount") is not None
        ]
        if sum(parts) != costs["total"]:
            warn(
                f"costs: the parts add up to £{sum(parts):,}, not the total £{costs['total']:,}",
                key_line(costs, "total"),
            )
    glossary = d.get("glossary") or {}
    for acronym in sorted(set(glossary) - used_acronyms(meta)):
        warn(f"glossary: {acronym} is never used in the report", key_line(glossary, acronym))
    if changeset is not None:
        named = sections_named(meta)
        touched = documents_touched(changeset, docs)
        where = key_line(d.get("impacts"), "sec_documents")
        for key in sorted(set(named) - set(touched), key=lambda k: document_order(*k)):
            warn(
                f"{named[key]} is named as impacted, but {changeset.modification}'s change set does not touch it",
                where,
            )
        for key in touched:
            if key not in named:
                warn(f"the change set changes {document_name(*key)}, which the report does not name as impacted", where)
    return out
