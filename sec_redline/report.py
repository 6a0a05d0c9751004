"""The Modification Report: metadata YAML, checked, rendered through Jinja2 templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ChangeSetError
from .templating import render
from .yamlsource import Located, load_yaml

PARTY_CATEGORIES = (
    "Large Suppliers", "Small Suppliers",
    "Electricity Network Operators", "Gas Network Operators",
    "Other SEC Parties", "DCC",
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

REQUIRED = ("modification", "title", "date", "path", "summary", "background", "solution",
            "impacts", "costs", "implementation", "conclusions", "glossary")


@dataclass(frozen=True)
class ReportMetadata:
    data: dict
    source: str


def _problem(data: Located, key: str, text: str) -> str:
    where = data.key_lines.get(key, data.location) if isinstance(data, Located) else ""
    return f"{where}: '{key}': {text}"


def _paragraphs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [" ".join(value.split())]
    return [" ".join(str(v).split()) for v in value]


def load_report_metadata(path: str | Path) -> ReportMetadata:
    """Load and check report metadata; raise ChangeSetError listing every problem with file:line."""
    source = str(path)
    data = load_yaml(path)
    if not isinstance(data, Located):
        raise ChangeSetError(f"{source}:1: report metadata must be a mapping with 'modification:', 'title:' ...")
    problems = [f"{source}:1: missing '{k}:'" for k in REQUIRED if k not in data]
    if data.get("path") is not None and data.get("path") not in PATHS:
        problems.append(_problem(data, "path", f"must be one of {', '.join(PATHS)}"))
    if "date" in data and not isinstance(data["date"], dt.date):
        problems.append(_problem(data, "date", "must be a date, YYYY-MM-DD"))
    impacts = data.get("impacts")
    if isinstance(impacts, Located):
        for party in impacts.get("parties_impacted", []) or []:
            if party not in PARTY_CATEGORIES:
                problems.append(_problem(impacts, "parties_impacted",
                                         f"unknown Party category {party!r} (one of: {', '.join(PARTY_CATEGORIES)})"))
    conclusions = data.get("conclusions")
    if isinstance(conclusions, Located):
        for obj in conclusions.get("objectives", []) or []:
            letter = str(obj.get("objective", "")) if isinstance(obj, dict) else ""
            if letter not in SEC_OBJECTIVES and not (isinstance(obj, dict) and obj.get("text")):
                where = obj.location if isinstance(obj, Located) else source
                problems.append(f"{where}: objective {letter!r}: give its wording with 'text:'")
    glossary = data.get("glossary")
    if glossary is not None and not isinstance(glossary, dict):
        problems.append(_problem(data, "glossary", "must map each acronym to its full term"))
    if problems:
        raise ChangeSetError(problems)
    return ReportMetadata(data=data, source=source)


def _words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def report_context(meta: ReportMetadata) -> dict:
    """The values the report templates use, with prose normalised and figures formatted."""
    d = meta.data
    conclusions = d["conclusions"]
    objectives = []
    for i, obj in enumerate(conclusions.get("objectives", []) or [], start=1):
        letter = str(obj["objective"])
        objectives.append({
            "letter": letter,
            "footnote": i,
            "text": " ".join(str(obj.get("text") or SEC_OBJECTIVES[letter]).split()),
            "rationale": _paragraphs(obj["rationale"]),
        })
    secas = d["costs"].get("secas") or {}
    days = int(secas.get("days", 0))
    amount = secas.get("amount")
    secas_text = (
        f"The estimated SECAS implementation costs to implement this modification is {_words(days)} "
        f"day{'s' if days != 1 else ''} of effort, amounting to approximately £{amount:,}."
        if amount is not None else ""
    )
    impacted = set(d["impacts"].get("parties_impacted", []) or [])
    return {
        "m": d,
        "p": _paragraphs,
        "date_text": d["date"].strftime("%-d %B %Y"),
        "party_rows": [
            [(PARTY_CATEGORIES[i], PARTY_CATEGORIES[i] in impacted), (PARTY_CATEGORIES[i + 1], PARTY_CATEGORIES[i + 1] in impacted)]
            for i in range(0, len(PARTY_CATEGORIES), 2)
        ],
        "objectives": objectives,
        "secas_text": secas_text,
        "secas_activities": _paragraphs(secas.get("activities", [])),
        "glossary": sorted((str(k), " ".join(str(v).split())) for k, v in (d.get("glossary") or {}).items()),
    }


def render_report_html(meta: ReportMetadata, template_dir: str | Path | None = None) -> str:
    return render("modification-report.html.j2", template_dir, **report_context(meta))


def render_report_markdown(meta: ReportMetadata, template_dir: str | Path | None = None) -> str:
    return render("modification-report.md.j2", template_dir, **report_context(meta))
