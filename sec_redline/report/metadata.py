"""Report metadata: its YAML shape, loading it, and the facts every report document shares.

The format is documented field by field in docs/report-metadata.md.  Every problem is reported at once,
one line each: ``FILE:LINE: 'field': what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legal_text import ClauseRef, Location, Message, error

from ..errors import MetadataError
from ..house_style import DOCUMENTS as DOCUMENTS  # the documents `report` writes, named once
from ..workdays import Release
from ..yamlsource import Located, load_yaml

PARTY_CATEGORIES = (
    "Large Suppliers",
    "Small Suppliers",
    "Electricity Network Operators",
    "Gas Network Operators",
    "Other SEC Parties",
    "DCC",
)
PATHS = ("Fast-Track", "Self-Governance", "Authority Determination")

# General SEC Objectives whose wording is in the seed documents (MP087 report footnotes).
# Others are given in the metadata with 'text:'.
SEC_OBJECTIVES = {
    "a": "Facilitate the efficient provision, installation, operation and interoperability of smart "
    "metering systems at energy consumers' premises within Great Britain.",
    "g": "Facilitate the efficient and transparent administration and implementation of the SEC.",
}

_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS}) (?P<year>\d{{4}})"
    rf"(?: \((?P<release>(?P<rmonth>{_MONTHS}) (?P<ryear>\d{{4}}) SEC Release)\))?"
)
SOONEST_RE = re.compile(rf"(?:soonest|earliest)[^.]*? (?:is|be) (?P<date>\d{{1,2}} (?:{_MONTHS}) \d{{4}})")


@dataclass(frozen=True)
class ReportMetadata:
    data: dict
    source: str


def _problem(data: Located, key: str, text: str) -> Message:
    where = data.key_lines.get(key, data.location) if isinstance(data, Located) else Location()
    return error(f"'{key}': {text}", where)


def paragraphs(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        return [" ".join(str(value).split())]
    return [" ".join(str(v).split()) for v in value]


# The shape of the metadata: "prose" is a string or a list of strings; a trailing "?" marks an
# optional field; a list of one schema is a list of such items.
PROSE, TEXT, DATE, NUMBER = "prose", "text", "date", "number"
SCHEMA: dict = {
    "modification": TEXT,
    "title": TEXT,
    "date": DATE,
    "path": TEXT,
    "document?": TEXT,
    "version?": TEXT,
    "proposer?": TEXT,
    "sub_committee?": TEXT,
    "classification?": TEXT,
    "contact?": TEXT,
    "dates?": "dates",
    "releases?": [{"name": TEXT, "date": DATE}],
    "annexes?": PROSE,
    "summary": PROSE,
    "background": {"issue": PROSE, "doing_nothing": PROSE},
    "solution": {"proposed": PROSE, "legal_text": PROSE},
    "impacts": {
        "parties_impacted?": [TEXT],
        "parties": PROSE,
        "dcc_system": PROSE,
        "sec_documents?": PROSE,
        "other_codes": PROSE,
        "greenhouse_gas": PROSE,
    },
    "costs": {
        "dcc": PROSE,
        "parties": PROSE,
        "total?": NUMBER,
        "secas": {"days": NUMBER, "amount": NUMBER, "day_rate?": NUMBER, "activities?": PROSE},
    },
    "implementation": {"recommended": PROSE, "approach": PROSE},
    "conclusions": {
        "identified_by": TEXT,
        "benefits": PROSE,
        "drawbacks": PROSE,
        "objectives": [{"objective": TEXT, "rationale": PROSE, "text?": PROSE}],
        "subcommittee_views": PROSE,
    },
    "glossary": "glossary",
    "problem_statement?": {
        "version": TEXT,
        "title": TEXT,
        "proposer": PROSE,
        "issue": PROSE,
        "where": PROSE,
        "relation": [{"text": PROSE, "quote?": TEXT}],
        "impact": PROSE,
        "views": [{"heading": TEXT, "text": PROSE}],
    },
    "panel_paper?": {
        "action": TEXT,
        "title": TEXT,
        "purpose": PROSE,
        "issue": PROSE,
        "solution": PROSE,
        "progression": PROSE,
        "path_text": PROSE,
        "implementation": PROSE,
        "recommendations": ["recommendation"],
        "author": TEXT,
        "attachments": PROSE,
    },
}


def _is_text(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() != ""


def _validate(value: Any, schema: Any, field: str, where: Location, problems: list[Message]) -> None:
    """Check ``value`` against ``schema``; each problem is "file:line: 'field': what is wrong"."""

    def bad(text: str) -> None:
        problems.append(error(f"'{field}': {text}", where))

    if isinstance(schema, dict):
        if not isinstance(value, Located):
            bad("must be a mapping with " + ", ".join(f"'{k}:'" for k in schema if not k.endswith("?")))
            return
        for key, sub in schema.items():
            name = key.rstrip("?")
            if name not in value:
                if not key.endswith("?"):
                    problems.append(
                        error(f"'{field}.{name}' is missing" if field else f"missing '{name}:'", value.location)
                    )
                continue
            _validate(
                value[name], sub, f"{field}.{name}" if field else name, value.key_lines.get(name, where), problems
            )
        known = {k.rstrip("?") for k in schema}
        for key in value:
            if key not in known:
                problems.append(error(f"unknown field '{field + '.' if field else ''}{key}'", value.key_lines[key]))
    elif isinstance(schema, list):
        if not isinstance(value, list):
            bad("must be a list")
            return
        for i, item in enumerate(value, start=1):
            _validate(item, schema[0], f"{field}[{i}]", getattr(item, "location", where), problems)
    elif schema == PROSE:
        if not (_is_text(value) or (isinstance(value, list) and value and all(_is_text(v) for v in value))):
            bad("must be text or a list of paragraphs")
    elif schema == TEXT:
        if not _is_text(value):
            bad("must be text")
    elif schema == NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            bad("must be a number")
    elif schema == DATE:
        if not isinstance(value, dt.date):
            bad("must be a date, YYYY-MM-DD")
    elif schema in ("dates", "glossary"):
        if not isinstance(value, Located) or not value:
            bad(
                "must map names (e.g. decision) to dates"
                if schema == "dates"
                else "must map each acronym to its full term"
            )
            return
        for key, item in value.items():
            _validate(item, DATE if schema == "dates" else TEXT, f"{field}.{key}", value.key_lines[key], problems)
    elif schema == "recommendation" and not (
        isinstance(value, list) and len(value) == 2 and all(_is_text(v) for v in value)
    ):
        bad("must be [VERB, what], e.g. [AGREE, that DP087 is ready to be converted]")


def load_report_metadata(path: str | Path) -> ReportMetadata:
    """Load and check report metadata; raise MetadataError listing every problem with file:line and field."""
    source = str(path)
    data = load_yaml(path)
    if not isinstance(data, Located):
        raise MetadataError(
            error("report metadata must be a mapping with 'modification:', 'title:' ...", Location(source, 1))
        )
    problems: list[Message] = []
    _validate(data, SCHEMA, "", Location(source, 1), problems)
    if problems:
        raise MetadataError(problems)
    if str(data["path"]) not in PATHS:
        problems.append(_problem(data, "path", f"must be one of {', '.join(PATHS)}"))
    impacts = data["impacts"]
    for party in impacts.get("parties_impacted", []) or []:
        if party not in PARTY_CATEGORIES:
            problems.append(
                _problem(
                    impacts,
                    "parties_impacted",
                    f"unknown Party category {party!r} (one of: {', '.join(PARTY_CATEGORIES)})",
                )
            )
    for item in (data.get("problem_statement") or {}).get("relation") or []:
        if "quote" in item:
            try:
                ClauseRef.parse(str(item["quote"]))
            except ValueError:
                problems.append(_problem(item, "quote", f"{item['quote']!r} is not a clause reference such as G3.17"))
    for obj in data["conclusions"]["objectives"]:
        letter = str(obj["objective"])
        if letter not in SEC_OBJECTIVES and not obj.get("text"):
            problems.append(error(f"objective {letter!r}: give its wording with 'text:'", obj.location))
    if problems:
        raise MetadataError(problems)
    return ReportMetadata(data=data, source=source)


def number_words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def metadata_strings(
    value: Any, where: Location | None, skip: tuple[str, ...] = ()
) -> Iterator[tuple[str, Location | None]]:
    """Every string in the metadata with the line of the key it sits under."""
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in skip:
                continue
            line = value.key_lines.get(key, where) if isinstance(value, Located) else where
            yield from metadata_strings(item, line, skip)
    elif isinstance(value, list):
        for item in value:
            yield from metadata_strings(item, getattr(item, "location", where), skip)


def date_of(m: re.Match) -> dt.date | None:
    try:
        return dt.datetime.strptime(f"{m.group('day')} {m.group('month')} {m.group('year')}", "%d %B %Y").date()
    except ValueError:
        return None


def releases(meta: ReportMetadata) -> list[Release]:
    return [Release(str(r["name"]), r["date"]) for r in meta.data.get("releases") or []]


def decision_date(meta: ReportMetadata) -> dt.date | None:
    dates = meta.data.get("dates") or {}
    return dates.get("decision")
