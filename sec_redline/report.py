"""Modification Report, problem statement and Panel paper: metadata YAML, checked, facts computed,
rendered through Jinja2 templates (HTML and Markdown; Word from the HTML).

Computed, never typed: the objection-period timeline and the release the
change can join; the SEC Sections impacted (from the change set); the
glossary (the acronyms the report actually uses); the Party-impact ticks.
Consistency checks come back as warnings with file:line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from legal_text import Clause, ClauseRef, Document, Message

from .changeset import ChangeSet
from .errors import ChangeSetError
from .templating import render
from .workdays import Release, long_date, timeline, why_not_working
from .yamlsource import Located, Location, load_yaml

PARTY_CATEGORIES = (
    "Large Suppliers", "Small Suppliers",
    "Electricity Network Operators", "Gas Network Operators",
    "Other SEC Parties", "DCC",
)
PATHS = ("Fast-Track", "Self-Governance", "Authority Determination")
DOCUMENTS = {  # name -> template stem
    "modification-report": "modification-report",
    "problem-statement": "problem-statement",
    "panel-paper": "panel-paper",
}

# General SEC Objectives whose wording is in the seed documents (MP087 report footnotes).
# Others are given in the metadata with 'text:'.
SEC_OBJECTIVES = {
    "a": "Facilitate the efficient provision, installation, operation and interoperability of smart "
         "metering systems at energy consumers' premises within Great Britain.",
    "g": "Facilitate the efficient and transparent administration and implementation of the SEC.",
}

_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_RE = re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTHS}) (?P<year>\d{{4}})"
                      rf"(?: \((?P<release>(?P<rmonth>{_MONTHS}) (?P<ryear>\d{{4}}) SEC Release)\))?")
_SOONEST_RE = re.compile(rf"(?:soonest|earliest)[^.]*? (?:is|be) (?P<date>\d{{1,2}} (?:{_MONTHS}) \d{{4}})")


@dataclass(frozen=True)
class ReportMetadata:
    data: dict
    source: str


def _problem(data: Located, key: str, text: str) -> str:
    where = data.key_lines.get(key, data.location) if isinstance(data, Located) else ""
    return f"{where}: '{key}': {text}"


def _paragraphs(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        return [" ".join(str(value).split())]
    return [" ".join(str(v).split()) for v in value]


# The shape of the metadata: "prose" is a string or a list of strings; a trailing "?" marks an
# optional field; a list of one schema is a list of such items.
PROSE, TEXT, DATE, NUMBER = "prose", "text", "date", "number"
SCHEMA: dict = {
    "modification": TEXT, "title": TEXT, "date": DATE, "path": TEXT,
    "document?": TEXT, "version?": TEXT, "proposer?": TEXT, "sub_committee?": TEXT, "classification?": TEXT,
    "contact?": TEXT, "dates?": "dates", "releases?": [{"name": TEXT, "date": DATE}], "annexes?": PROSE,
    "summary": PROSE,
    "background": {"issue": PROSE, "doing_nothing": PROSE},
    "solution": {"proposed": PROSE, "legal_text": PROSE},
    "impacts": {"parties_impacted?": [TEXT], "parties": PROSE, "dcc_system": PROSE, "sec_documents?": PROSE,
                "other_codes": PROSE, "greenhouse_gas": PROSE},
    "costs": {"dcc": PROSE, "parties": PROSE, "total?": NUMBER,
              "secas": {"days": NUMBER, "amount": NUMBER, "day_rate?": NUMBER, "activities?": PROSE}},
    "implementation": {"recommended": PROSE, "approach": PROSE},
    "conclusions": {"identified_by": TEXT, "benefits": PROSE, "drawbacks": PROSE,
                    "objectives": [{"objective": TEXT, "rationale": PROSE, "text?": PROSE}],
                    "subcommittee_views": PROSE},
    "glossary": "glossary",
    "problem_statement?": {"version": TEXT, "title": TEXT, "proposer": PROSE, "issue": PROSE, "where": PROSE,
                           "relation": [{"text": PROSE, "quote?": TEXT}], "impact": PROSE,
                           "views": [{"heading": TEXT, "text": PROSE}]},
    "panel_paper?": {"action": TEXT, "title": TEXT, "purpose": PROSE, "issue": PROSE, "solution": PROSE,
                     "progression": PROSE, "path_text": PROSE, "implementation": PROSE,
                     "recommendations": ["recommendation"], "author": TEXT, "attachments": PROSE},
}


def _is_text(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() != ""


def _validate(value, schema, field: str, where, problems: list[str]) -> None:
    """Check ``value`` against ``schema``; each problem is "file:line: 'field': what is wrong"."""
    def bad(text: str) -> None:
        problems.append(f"{where}: '{field}': {text}")

    if isinstance(schema, dict):
        if not isinstance(value, Located):
            bad("must be a mapping with " + ", ".join(f"'{k}:'" for k in schema if not k.endswith("?")))
            return
        for key, sub in schema.items():
            name = key.rstrip("?")
            if name not in value:
                if not key.endswith("?"):
                    problems.append(f"{value.location}: '{field}.{name}' is missing" if field else
                                    f"{value.location}: missing '{name}:'")
                continue
            _validate(value[name], sub, f"{field}.{name}" if field else name, value.key_lines.get(name, where), problems)
        known = {k.rstrip("?") for k in schema}
        for key in value:
            if key not in known:
                problems.append(f"{value.key_lines[key]}: unknown field '{field + '.' if field else ''}{key}'")
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
            bad("must map names (e.g. decision) to dates" if schema == "dates" else
                "must map each acronym to its full term")
            return
        for key, item in value.items():
            _validate(item, DATE if schema == "dates" else TEXT, f"{field}.{key}", value.key_lines[key], problems)
    elif schema == "recommendation":
        if not (isinstance(value, list) and len(value) == 2 and all(_is_text(v) for v in value)):
            bad("must be [VERB, what], e.g. [AGREE, that DP087 is ready to be converted]")


def load_report_metadata(path: str | Path) -> ReportMetadata:
    """Load and check report metadata; raise ChangeSetError listing every problem with file:line and field."""
    source = str(path)
    data = load_yaml(path)
    if not isinstance(data, Located):
        raise ChangeSetError(f"{source}:1: report metadata must be a mapping with 'modification:', 'title:' ...")
    problems: list[str] = []
    _validate(data, SCHEMA, "", Location(source, 1), problems)
    if problems:
        raise ChangeSetError(problems)
    if str(data["path"]) not in PATHS:
        problems.append(_problem(data, "path", f"must be one of {', '.join(PATHS)}"))
    impacts = data["impacts"]
    for party in impacts.get("parties_impacted", []) or []:
        if party not in PARTY_CATEGORIES:
            problems.append(_problem(impacts, "parties_impacted",
                                     f"unknown Party category {party!r} (one of: {', '.join(PARTY_CATEGORIES)})"))
    for item in (data.get("problem_statement") or {}).get("relation") or []:
        if "quote" in item:
            try:
                ClauseRef.parse(str(item["quote"]))
            except ValueError:
                problems.append(_problem(item, "quote", f"{item['quote']!r} is not a clause reference such as G3.17"))
    for obj in data["conclusions"]["objectives"]:
        letter = str(obj["objective"])
        if letter not in SEC_OBJECTIVES and not obj.get("text"):
            problems.append(f"{obj.location}: objective {letter!r}: give its wording with 'text:'")
    if problems:
        raise ChangeSetError(problems)
    return ReportMetadata(data=data, source=source)


def _words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _strings(value: Any, where: Location | None, skip: tuple[str, ...] = ()) -> Iterator[tuple[str, Location | None]]:
    """Every string in the metadata with the line of the key it sits under."""
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in skip:
                continue
            line = value.key_lines.get(key, where) if isinstance(value, Located) else where
            yield from _strings(item, line, skip)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, getattr(item, "location", where), skip)


def _date_of(m: re.Match) -> dt.date | None:
    try:
        return dt.datetime.strptime(f"{m.group('day')} {m.group('month')} {m.group('year')}", "%d %B %Y").date()
    except ValueError:
        return None


def _releases(meta: ReportMetadata) -> list[Release]:
    return [Release(str(r["name"]), r["date"]) for r in meta.data.get("releases") or []]


def _decision(meta: ReportMetadata) -> dt.date | None:
    dates = meta.data.get("dates") or {}
    return dates.get("decision")


# --- checks ---------------------------------------------------------------------------------


def used_acronyms(meta: ReportMetadata) -> set[str]:
    """Glossary acronyms that the report's own text uses (SMETS counts in SMETS1; SEC not in SECAS)."""
    text = "\n".join(s for s, _ in _strings(meta.data, None, skip=("glossary", "problem_statement", "panel_paper")))
    return {a for a in (meta.data.get("glossary") or {}) if re.search(rf"(?<![A-Za-z]){re.escape(str(a))}(?![A-Za-z])", text)}


def sections_named(meta: ReportMetadata) -> dict[str, str]:
    """Section letter -> how the metadata names it ("Section G 'Security'")."""
    out = {}
    for name in (meta.data.get("impacts") or {}).get("sec_documents") or []:
        m = re.match(r"Section ([A-Z]{1,2})\b", str(name))
        if m:
            out[m.group(1)] = str(name)
    return out


def check_report(meta: ReportMetadata, changeset: ChangeSet | None = None) -> list[Message]:
    """Consistency checks: dates on non-working days, releases that contradict their dates, a timeline
    that disagrees with the calendar, costs that do not add up, unused glossary entries, impacted
    Sections that the change set does not touch (or touches without naming)."""
    d = meta.data
    out: list[Message] = []

    def warn(text: str, where) -> None:
        out.append(Message("warning", text, str(where or meta.source)))

    releases = {r.name: r for r in _releases(meta)}
    for key, value in [("date", d.get("date"))] + list((d.get("dates") or {}).items()):
        if isinstance(value, dt.date) and why_not_working(value):
            where = d.key_lines.get(key) if key == "date" else d["dates"].key_lines.get(key)
            warn(f"'{key}' {long_date(value)} is {why_not_working(value)}", where)
    seen = set()
    for text, where in _strings(d, Location(meta.source, 1)):
        for m in _DATE_RE.finditer(text):
            day = _date_of(m)
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
    decision = _decision(meta)
    if decision:
        t = timeline(decision, list(releases.values()))
        for text, where in _strings(d, Location(meta.source, 1)):
            for m in _SOONEST_RE.finditer(text):
                stated = dt.datetime.strptime(m.group("date"), "%d %B %Y").date()
                if stated != t.earliest_implementation:
                    warn(f"says the earliest implementation is {long_date(stated)}, but 15 Working Days from "
                         f"the decision on {long_date(decision)} give {long_date(t.earliest_implementation)}", where)
    costs = d.get("costs") or {}
    secas = costs.get("secas") or {}
    if secas.get("day_rate") is not None and secas.get("days") is not None and secas.get("amount") is not None:
        if secas["days"] * secas["day_rate"] != secas["amount"]:
            warn(f"SECAS costs: {secas['days']} days at £{secas['day_rate']:,} is £{secas['days'] * secas['day_rate']:,}, "
                 f"not £{secas['amount']:,}", secas.key_lines.get("amount"))
    if costs.get("total") is not None:
        parts = [c.get("amount") for c in (costs.get("dcc"), costs.get("secas"), costs.get("parties"))
                 if isinstance(c, dict) and c.get("amount") is not None]
        if sum(parts) != costs["total"]:
            warn(f"costs: the parts add up to £{sum(parts):,}, not the total £{costs['total']:,}", costs.key_lines.get("total"))
    glossary = d.get("glossary") or {}
    for acronym in sorted(set(glossary) - used_acronyms(meta)):
        warn(f"glossary: {acronym} is never used in the report", glossary.key_lines.get(acronym))
    if changeset is not None:
        named = sections_named(meta)
        touched = {op.target.section for op in changeset.changes if isinstance(op.target, ClauseRef)}
        where = (d.get("impacts") or {}).key_lines.get("sec_documents") if isinstance(d.get("impacts"), Located) else None
        for letter in sorted(set(named) - touched):
            warn(f"{named[letter]} is named as impacted, but {changeset.modification}'s change set does not touch it", where)
        for letter in sorted(touched - set(named)):
            warn(f"the change set changes Section {letter}, which the report does not name as impacted", where)
    return out


# --- context --------------------------------------------------------------------------------


def _quote(ref_text: str, docs: list[Document]) -> dict | None:
    ref = ClauseRef.parse(ref_text)
    for doc in docs:
        clause = doc.find(ref)
        if clause is not None:
            return {"ref": str(ref), "blocks": _clause_blocks(clause)}
    return None


def _clause_blocks(clause: Clause, depth: int = 0) -> list[dict]:
    blocks = [{"depth": depth, "label": clause.label, "text": clause.text}]
    for child in clause.children:
        blocks += _clause_blocks(child, depth + 1)
    if clause.trailing:
        blocks.append({"depth": depth + 1, "label": "", "text": clause.trailing})
    return blocks


def report_context(meta: ReportMetadata, changeset: ChangeSet | None = None,
                   amended: list[Document] | None = None, warnings: list[Message] | None = None) -> dict:
    """The values the templates use: prose normalised, figures formatted, facts computed."""
    d = meta.data
    conclusions = d["conclusions"]
    objectives = []
    for i, obj in enumerate(conclusions.get("objectives", []) or [], start=1):
        letter = str(obj["objective"])
        objectives.append({"letter": letter, "footnote": i,
                           "text": " ".join(str(obj.get("text") or SEC_OBJECTIVES[letter]).split()),
                           "rationale": _paragraphs(obj["rationale"])})
    secas = d["costs"].get("secas") or {}
    days = int(secas.get("days", 0))
    amount = secas.get("amount")
    secas_text = (f"The estimated SECAS implementation costs to implement this modification is {_words(days)} "
                  f"day{'s' if days != 1 else ''} of effort, amounting to approximately £{amount:,}."
                  if amount is not None else "")
    impacted = set(d["impacts"].get("parties_impacted", []) or [])
    decision = _decision(meta)
    t = timeline(decision, _releases(meta)) if decision else None
    named = sections_named(meta)
    if changeset is not None:
        letters = sorted({op.target.section for op in changeset.changes if isinstance(op.target, ClauseRef)})
        titles = {doc.section: doc.title for doc in amended or []}
        sections = [named.get(x) or (f"Section {x} '{titles[x]}'" if titles.get(x) else f"Section {x}") for x in letters]
    else:
        sections = _paragraphs(d["impacts"].get("sec_documents"))
    used = used_acronyms(meta)
    ps = d.get("problem_statement") or {}
    relation = []
    for item in ps.get("relation") or []:
        entry = {"text": _paragraphs(item.get("text")), "quote": None, "quote_ref": ""}
        if item.get("quote"):
            entry["quote"] = _quote(str(item["quote"]), amended or [])
            entry["quote_ref"] = str(item["quote"])
        relation.append(entry)
    return {
        "m": d,
        "p": _paragraphs,
        "date_text": long_date(d["date"]),
        "party_rows": [
            [(PARTY_CATEGORIES[i], PARTY_CATEGORIES[i] in impacted),
             (PARTY_CATEGORIES[i + 1], PARTY_CATEGORIES[i + 1] in impacted)]
            for i in range(0, len(PARTY_CATEGORIES), 2)
        ],
        "objectives": objectives,
        "secas_text": secas_text,
        "secas_activities": _paragraphs(secas.get("activities", [])),
        "glossary": sorted((str(k), " ".join(str(v).split())) for k, v in (d.get("glossary") or {}).items() if k in used),
        "sections_impacted": sections,
        "timeline": None if t is None else {
            "decision": f"{long_date(t.decision)} ({t.decision.strftime('%A')})",
            "period_ends": long_date(t.objection_period_ends),
            "earliest": long_date(t.earliest_implementation),
            "release": f"{t.release.name} ({long_date(t.release.date)})" if t.release else "none listed after that date",
        },
        "relation": relation,
        "recommendations": [(str(r[0]), str(r[1])) for r in (d.get("panel_paper") or {}).get("recommendations") or []],
        "warnings": [str(w.text) for w in warnings or []],
    }


def render_document(name: str, fmt: str, meta: ReportMetadata, context: dict,
                    template_dir: str | Path | None = None) -> str:
    """One document ("modification-report", "problem-statement", "panel-paper") as HTML or Markdown."""
    return render(f"{DOCUMENTS[name]}.{fmt}.j2", template_dir, **context)


def render_report_html(meta: ReportMetadata, template_dir: str | Path | None = None) -> str:
    """The Modification Report as HTML, without a change set (its typed Sections are used)."""
    return render_document("modification-report", "html", meta, report_context(meta), template_dir)


def render_report_markdown(meta: ReportMetadata, template_dir: str | Path | None = None) -> str:
    """The Modification Report as Markdown, without a change set."""
    return render_document("modification-report", "md", meta, report_context(meta), template_dir)
