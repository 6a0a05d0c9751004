"""Report metadata: its YAML shape, loading it, and the facts every report document shares.

The format is documented field by field in docs/report-metadata.md.  Every problem is reported at once,
one line each: ``FILE:LINE: 'field': what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from legal_text import ClauseRef, Location, Message, error

from ..errors import MetadataError
from ..house_style import DOCUMENTS as DOCUMENTS  # the documents `report` writes, named once
from ..workdays import Release
from ..yamlsource import Located, did_you_mean, load_yaml

PARTY_CATEGORIES = (
    "Large Suppliers",
    "Small Suppliers",
    "Electricity Network Operators",
    "Gas Network Operators",
    "Other SEC Parties",
    "DCC",
)
PATHS = ("Fast-Track", "Self-Governance", "Authority Determination", "Urgent", "Authority-led")

# The documents of each path, in the order a modification meets them (``sec-redline lifecycle``); every path
# also has its register page.  Fast-Track has no Refinement and no consultation; Authority-led starts at the
# Modification Report.
_REPORT_PHASE = ("modification-report-consultation", "change-board-paper")
PATH_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "Fast-Track": ("problem-statement", "panel-paper", "modification-report"),
    "Self-Governance": (
        "problem-statement", "panel-paper", "refinement-consultation", "modification-report",
        *_REPORT_PHASE, "conclusions-report",
    ),
    "Authority Determination": (
        "problem-statement", "panel-paper", "refinement-consultation", "modification-report",
        *_REPORT_PHASE, "final-modification-report",
    ),
    "Authority-led": ("modification-report", *_REPORT_PHASE, "final-modification-report"),
}  # fmt: skip
PATH_DOCUMENTS["Urgent"] = PATH_DOCUMENTS["Authority Determination"]

# Who answers a consultation, and who votes at the Change Board (the SEC Parties among them).
RESPONDENT_CATEGORIES = ("Large Supplier", "Small Supplier", "Network Party", "Other SEC Party", "DCC", "Non-SEC Party")
VOTING_CATEGORIES = RESPONDENT_CATEGORIES[:-1]
VOTES = ("approve", "reject", "abstain")
# A consultation's kind, and the document that consults.
CONSULTATION_KINDS = {
    "refinement": "refinement-consultation",
    "modification-report": "modification-report-consultation",
}
AUTHORITY_DECISIONS = ("approve", "reject", "send back")

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
    """The checked metadata (mappings as ``Located``, each remembering its lines) and the file it came from."""

    data: Located
    source: str


def _problem(data: object, key: str, text: str) -> Message:
    """The problem "'key': what is wrong" at the line of ``key`` in ``data``."""
    where = data.key_lines.get(key, data.location) if isinstance(data, Located) else Location()
    return error(f"'{key}': {text}", where)


def paragraphs(value: object) -> list[str]:
    """A prose field as its paragraphs, white space inside each made single spaces."""
    if value is None:
        return []
    if not isinstance(value, list):
        return [" ".join(str(value).split())]
    return [" ".join(str(v).split()) for v in value]


# The shape of the metadata: "prose" is a string or a list of strings; a trailing "?" marks an
# optional field; a list of one schema is a list of such items.
PROSE, TEXT, DATE, NUMBER = "prose", "text", "date", "number"
Schema: TypeAlias = "str | list[Schema] | dict[str, Schema]"
# The drafts of a legal text (the record's 'legal_text:', a solution's own), oldest first.
DRAFTS_SCHEMA: Schema = [{"version": TEXT, "date": DATE, "changes?": TEXT, "summary?": PROSE}]
SCHEMA: dict[str, Schema] = {
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
    # The modification record (``lifecycle``): docs/modification-record.md.
    "lead_analyst?": TEXT,
    "base?": TEXT,
    "changes?": TEXT,
    "versions?": "versions",
    "legal_text?": "drafts",
    "solutions?": [{"id": TEXT, "title?": TEXT, "summary?": PROSE, "legal_text?": "drafts", "outcome?": TEXT}],
    "consultations?": [
        {
            "kind": TEXT,
            "opens": DATE,
            "closes": DATE,
            "legal_text_version": TEXT,
            "questions": [{"id": TEXT, "text": PROSE}],
            "responses": TEXT,
            "views?": PROSE,
        }
    ],
    "change_board?": {"date": DATE, "votes?": "votes", "outcome?": TEXT, "views?": PROSE},
    "authority?": {"decision": TEXT, "date": DATE},
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


def _is_text(value: object) -> bool:
    """A string or a number, not empty."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() != ""


def _is_prose(value: object) -> bool:
    """Text, or a list of paragraphs (at least one), each text."""
    return _is_text(value) or (isinstance(value, list) and bool(value) and all(_is_text(v) for v in value))


def _is_number(value: object) -> bool:
    """An integer or a decimal (YAML's true and false are no numbers)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_date(value: object) -> bool:
    """A date, as YAML reads YYYY-MM-DD."""
    return isinstance(value, dt.date)


def _is_filled_mapping(value: object) -> bool:
    """A mapping with at least one entry (what is in it is checked once the metadata has its shape)."""
    return isinstance(value, Located) and bool(value)


def _is_recommendation(value: object) -> bool:
    """A Panel paper's recommendation: [VERB, what]."""
    return isinstance(value, list) and len(value) == 2 and all(_is_text(v) for v in value)


# Each kind of single value: what it must be, and what is said where it is not.
_VALUE_RULES: dict[str, tuple[Callable[[object], bool], str]] = {
    PROSE: (_is_prose, "must be text or a list of paragraphs"),
    TEXT: (_is_text, "must be text"),
    NUMBER: (_is_number, "must be a number"),
    DATE: (_is_date, "must be a date, YYYY-MM-DD"),
    "recommendation": (_is_recommendation, "must be [VERB, what], e.g. [AGREE, that DP087 is ready to be converted]"),
    "votes": (_is_filled_mapping, "must map each solution (e.g. MP900) to its votes by Party category"),
}

# Each mapping of names the writer chooses: the kind of its values, and what is said where it is no such map.
_MAP_RULES: dict[str, tuple[str, str]] = {
    "dates": (DATE, "must map names (e.g. decision) to dates"),
    "glossary": (TEXT, "must map each acronym to its full term"),
    "versions": (TEXT, "must map documents (e.g. modification_report) to their versions"),
}


def _field_problem(field: str, text: str, where: Location) -> Message:
    """The problem "'field': what is wrong" at ``where``."""
    return error(f"'{field}': {text}", where)


def _validate(value: object, schema: Schema, field: str, where: Location, problems: list[Message]) -> None:
    """Check ``value`` against ``schema``; each problem is "file:line: 'field': what is wrong"."""
    if schema == "drafts":
        _validate(value, DRAFTS_SCHEMA, field, where, problems)
    elif isinstance(schema, dict):
        _validate_mapping(value, schema, field, where, problems)
    elif isinstance(schema, list):
        _validate_list(value, schema[0], field, where, problems)
    elif schema in _MAP_RULES:
        _validate_map(value, schema, field, where, problems)
    elif schema in _VALUE_RULES:
        valid, text = _VALUE_RULES[schema]
        if not valid(value):
            problems.append(_field_problem(field, text, where))


def _validate_mapping(
    value: object, schema: dict[str, Schema], field: str, where: Location, problems: list[Message]
) -> None:
    """A mapping of the fields ``schema`` names: each required one given, each given one valid and known."""
    if not isinstance(value, Located):
        required = ", ".join(f"'{k}:'" for k in schema if not k.endswith("?"))
        problems.append(_field_problem(field, "must be a mapping with " + required, where))
        return
    for key, sub in schema.items():
        name = key.rstrip("?")
        if name in value:
            _validate(
                value[name], sub, f"{field}.{name}" if field else name, value.key_lines.get(name, where), problems
            )
        elif not key.endswith("?"):
            problems.append(error(f"'{field}.{name}' is missing" if field else f"missing '{name}:'", value.location))
    problems += _unknown_fields(value, schema, field)


def _unknown_fields(value: Located, schema: dict[str, Schema], field: str) -> list[Message]:
    """A problem for each field of ``value`` that ``schema`` does not name (a misspelling, often)."""
    known = {k.rstrip("?") for k in schema}
    prefix = field + "." if field else ""
    return [
        error(f"unknown field '{prefix}{key}'{did_you_mean(key, known)}", value.key_lines[key])
        for key in value
        if key not in known
    ]


def _validate_list(value: object, item: Schema, field: str, where: Location, problems: list[Message]) -> None:
    """A list, each of its items valid as ``item``."""
    if not isinstance(value, list):
        problems.append(_field_problem(field, "must be a list", where))
        return
    for i, element in enumerate(value, start=1):
        _validate(element, item, f"{field}[{i}]", getattr(element, "location", where), problems)


def _validate_map(value: object, kind: str, field: str, where: Location, problems: list[Message]) -> None:
    """A mapping of names the writer chooses (``kind`` in _MAP_RULES), not empty, each value valid."""
    item, text = _MAP_RULES[kind]
    if not isinstance(value, Located) or not value:
        problems.append(_field_problem(field, text, where))
        return
    for key, element in value.items():
        _validate(element, item, f"{field}.{key}", value.key_lines[key], problems)


def _path_problems(data: Located) -> Iterator[Message]:
    """The modification's path is one of PATHS."""
    if str(data["path"]) not in PATHS:
        yield _problem(data, "path", f"must be one of {', '.join(PATHS)}")


def _party_problems(data: Located) -> Iterator[Message]:
    """Each Party category impacted is one of PARTY_CATEGORIES."""
    impacts = data["impacts"]
    for party in impacts.get("parties_impacted", []) or []:
        if party not in PARTY_CATEGORIES:
            yield _problem(
                impacts,
                "parties_impacted",
                f"unknown Party category {party!r} (one of: {', '.join(PARTY_CATEGORIES)})",
            )


def _quote_problems(data: Located) -> Iterator[Message]:
    """Each clause the problem statement quotes is a clause reference."""
    for item in (data.get("problem_statement") or {}).get("relation") or []:
        if "quote" in item:
            try:
                ClauseRef.parse(str(item["quote"]))
            except ValueError:
                yield _problem(item, "quote", f"{item['quote']!r} is not a clause reference such as G3.17")


def _objective_problems(data: Located) -> Iterator[Message]:
    """Each General SEC Objective has its wording: in SEC_OBJECTIVES, or given with 'text:'."""
    for obj in data["conclusions"]["objectives"]:
        letter = str(obj["objective"])
        if letter not in SEC_OBJECTIVES and not obj.get("text"):
            yield error(f"objective {letter!r}: give its wording with 'text:'", obj.location)


def a_modification(path: object) -> str:
    """ "a Fast-Track modification", "an Authority-led modification": for messages."""
    return f"{'an' if str(path)[:1] in 'AEIOU' else 'a'} {path} modification"


def _on_path(data: Located, document: str) -> bool:
    """Whether the modification's path has ``document`` (a path the schema left unknown has every one)."""
    return document in PATH_DOCUMENTS.get(str(data["path"]), (document,))


def solution_id(entry: Located) -> str:
    """A solution's id as the record gives it ('solutions: - id:'), white space made single."""
    return " ".join(str(entry["id"]).split())


def proposed_entry(data: Located) -> Located | None:
    """The entry of 'solutions:' of the Proposed solution (its id the modification's), if the record has one."""
    mod = " ".join(str(data["modification"]).split())
    return next((s for s in data.get("solutions") or [] if solution_id(s) == mod), None)


def proposed_drafts(data: Located) -> list[Located]:
    """The drafts of the Proposed solution's legal text: the record's 'legal_text:', or its entry's in
    'solutions:'."""
    entry = proposed_entry(data)
    drafts: list[Located] = data.get("legal_text") or (entry.get("legal_text") if entry else None) or []
    return drafts


def _legal_text_problems(data: Located) -> Iterator[Message]:
    """Each draft of a legal text (the record's, each solution's) listed once."""
    for drafts in [data.get("legal_text") or [], *((s.get("legal_text") or []) for s in data.get("solutions") or [])]:
        seen: set[str] = set()
        for draft in drafts:
            version = str(draft["version"])
            if version in seen:
                yield _problem(draft, "version", f"legal text version {version!r} is listed twice")
            seen.add(version)


def _solution_problems(data: Located) -> Iterator[Message]:
    """Each solution listed once (an Alternative never with the Proposed solution's id); the Proposed
    solution's drafts given once; an outcome only from a Change Board; each solution the Change Board's
    votes name, one the record lists."""
    if "solutions" not in data:
        return
    mod = " ".join(str(data["modification"]).split())
    seen: dict[str, Located] = {}
    for entry in data["solutions"]:
        sid = solution_id(entry)
        first = seen.get(sid.casefold())
        if first is not None and solution_id(first) == mod:
            yield _problem(
                entry, "id", f"{sid} is already the Proposed solution (line {first.location.line}): an Alternative "
                f"has its own id, e.g. {mod}A"
            )  # fmt: skip
            continue
        if first is not None:
            yield _problem(entry, "id", f"solution {sid} is listed twice (line {first.location.line})")
            continue
        seen[sid.casefold()] = entry
        if "outcome" in entry and not data.get("change_board"):
            yield _problem(entry, "outcome", "the Change Board's outcome, but the record has no 'change_board:'")
    entry = proposed_entry(data)
    if entry is not None and "legal_text" in entry and "legal_text" in data:
        yield _problem(
            entry, "legal_text", f"the Proposed solution's drafts are the record's 'legal_text:' (line "
            f"{data.key_lines['legal_text'].line}): give them once"
        )  # fmt: skip
    votes = (data.get("change_board") or {}).get("votes") or {}
    ids = [mod, *(solution_id(s) for s in data["solutions"] if solution_id(s) != mod)]
    for solution in votes:
        if " ".join(str(solution).split()) not in ids:
            yield _problem(votes, solution, f"the Change Board voted on no such solution (solutions: {', '.join(ids)})")


def _consultation_problems(data: Located) -> Iterator[Message]:
    """Each consultation of a known kind, one of each kind, on a path that has it, with questions whose ids
    are distinct, and on a legal-text version the Proposed solution's drafts list (when the record lists
    any)."""
    drafts = [str(d["version"]) for d in proposed_drafts(data)]
    kinds: set[str] = set()
    for item in data.get("consultations") or []:
        kind = str(item["kind"])
        if kind not in CONSULTATION_KINDS:
            yield _problem(item, "kind", f"must be one of {', '.join(CONSULTATION_KINDS)}")
        elif not _on_path(data, CONSULTATION_KINDS[kind]):
            yield _problem(item, "kind", f"{a_modification(data['path'])} has no {kind} consultation")
        elif kind in kinds:
            yield _problem(item, "kind", f"a second {kind} consultation; the record holds one of each kind")
        kinds.add(kind)
        version = str(item["legal_text_version"])
        if drafts and version not in drafts:
            yield _problem(
                item, "legal_text_version", f"{version!r} is not in 'legal_text:' (versions: {', '.join(drafts)})"
            )
        yield from _question_problems(item)


def _question_problems(consultation: Located) -> Iterator[Message]:
    """At least one question; ids distinct (they name the responses file's columns)."""
    questions = consultation["questions"]
    if not questions:
        yield _problem(consultation, "questions", "must list at least one question")
    seen: set[str] = set()
    for question in questions:
        qid = " ".join(str(question["id"]).split())
        if qid.casefold() in seen:
            yield _problem(question, "id", f"question {qid!r} is listed twice")
        if qid.casefold().endswith(" comment"):
            yield _problem(question, "id", f"{qid!r} would name another question's comment column; rename it")
        seen.add(qid.casefold())


def _change_board_problems(data: Located) -> Iterator[Message]:
    """The Change Board only on a path that has one; its votes by known Party categories, each a count of
    approvals, rejections and abstentions."""
    board = data.get("change_board")
    if board is None:
        return
    if not _on_path(data, "change-board-paper"):
        yield _problem(data, "change_board", f"{a_modification(data['path'])} goes to no Change Board")
    for solution, by_category in (board.get("votes") or {}).items():
        if not isinstance(by_category, Located) or not by_category:
            yield _problem(board["votes"], solution, "must map Party categories to votes")
            continue
        for category, votes in by_category.items():
            yield from _vote_problems(by_category, category, votes)


def _vote_problems(by_category: Located, category: str, votes: object) -> Iterator[Message]:
    """One Party category's votes: ``{approve: N, reject: N, abstain: N}``."""
    if category not in VOTING_CATEGORIES:
        yield _problem(by_category, category, f"unknown Party category (one of: {', '.join(VOTING_CATEGORIES)})")
    if not isinstance(votes, Located) or set(votes) != set(VOTES):
        yield _problem(by_category, category, "must give approve:, reject: and abstain: (counts)")
        return
    for key in VOTES:
        if not isinstance(votes[key], int) or isinstance(votes[key], bool) or votes[key] < 0:
            yield _problem(votes, key, "must be a count (0 or more)")


def _authority_problems(data: Located) -> Iterator[Message]:
    """The Authority's decision only on a path that goes to the Authority, and one it can make."""
    authority = data.get("authority")
    if authority is None:
        return
    if not _on_path(data, "final-modification-report"):
        yield _problem(data, "authority", f"{a_modification(data['path'])} is not decided by the Authority")
    if str(authority["decision"]) not in AUTHORITY_DECISIONS:
        yield _problem(authority, "decision", f"must be one of {', '.join(AUTHORITY_DECISIONS)}")


def _version_problems(data: Located) -> Iterator[Message]:
    """Each document given a version is one ``lifecycle`` writes."""
    known = {stem.replace("-", "_") for stems in PATH_DOCUMENTS.values() for stem in stems}
    versions = data.get("versions") or {}
    for key in versions:
        if key not in known:
            yield _problem(versions, key, f"no such document (one of: {', '.join(sorted(known))})")


# What the schema cannot say, checked once the metadata has its shape.
_CONTENT_CHECKS: tuple[Callable[[Located], Iterator[Message]], ...] = (
    _path_problems,
    _party_problems,
    _quote_problems,
    _objective_problems,
    _legal_text_problems,
    _solution_problems,
    _consultation_problems,
    _change_board_problems,
    _authority_problems,
    _version_problems,
)


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
    problems = [problem for check in _CONTENT_CHECKS for problem in check(data)]
    if problems:
        raise MetadataError(problems)
    return ReportMetadata(data=data, source=source)


def number_words(n: int) -> str:
    """Ten and under as a word ("two"), more in figures."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def metadata_strings(
    value: object, where: Location | None, skip: tuple[str, ...] = ()
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


def date_of(m: re.Match[str]) -> dt.date | None:
    """The date a DATE_RE match writes, or None for one no calendar has (31 February)."""
    try:
        return dt.datetime.strptime(f"{m.group('day')} {m.group('month')} {m.group('year')}", "%d %B %Y").date()
    except ValueError:
        return None


def releases(meta: ReportMetadata) -> list[Release]:
    """The SEC releases the metadata lists, in its order."""
    return [Release(str(r["name"]), r["date"]) for r in meta.data.get("releases") or []]


def decision_date(meta: ReportMetadata) -> dt.date | None:
    """The Panel's decision ('dates: decision:'), if given (checked a date on loading)."""
    dates = meta.data.get("dates") or {}
    decision = dates.get("decision")
    return decision if isinstance(decision, dt.date) else None
