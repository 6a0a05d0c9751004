"""The values the report templates use: prose normalised, figures formatted, facts computed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict

from legal_text import Clause, ClauseRef, Document, Message, section_heading

from ..changes import ChangeSet, documents_touched
from ..dates import long_date
from ..workdays import timeline
from ..yamlsource import Located
from .checks import sections_named, used_acronyms
from .metadata import (
    PARTY_CATEGORIES,
    SEC_OBJECTIVES,
    ReportMetadata,
    decision_date,
    number_words,
    paragraphs,
    releases,
)


class ClauseBlock(TypedDict):
    """A paragraph of a quoted clause: its depth (0 for the clause), its number and its words."""

    depth: int
    label: str
    text: str


class Quote(TypedDict):
    """A clause the problem statement quotes, as amended: its reference and its paragraphs."""

    ref: str
    blocks: list[ClauseBlock]


class Relation(TypedDict):
    """An item of the problem statement's relation to the code: its paragraphs and the clause it quotes."""

    text: list[str]
    quote: Quote | None
    quote_ref: str


class Objective(TypedDict):
    """A General SEC Objective the conclusions weigh: its letter, its note's number, wording, rationale."""

    letter: str
    footnote: int
    text: str
    rationale: list[str]


class TimelineText(TypedDict):
    """The objection-period timeline, its dates written out."""

    decision: str
    period_ends: str
    earliest: str
    release: str


class ReportContext(TypedDict):
    """What the report templates are given, by name."""

    m: Located  # the metadata as written
    p: Callable[[object], list[str]]  # a prose field as its paragraphs
    date_text: str
    party_rows: list[list[tuple[str, bool]]]  # the Party categories, two a row, each ticked where impacted
    objectives: list[Objective]
    notes: list[tuple[int, str]]
    secas_text: str
    secas_activities: list[str]
    glossary: list[tuple[str, str]]  # (acronym, term) of the acronyms the report uses
    sections_impacted: list[str]
    timeline: TimelineText | None
    relation: list[Relation]
    recommendations: list[tuple[str, str]]  # (verb, what)
    warnings: list[str]


def _quote(ref_text: str, docs: list[Document]) -> Quote | None:
    """The clause ``ref_text`` as the first of ``docs`` holding it gives it, or None."""
    ref = ClauseRef.parse(ref_text)
    for doc in docs:
        clause = doc.find(ref)
        if clause is not None:
            return {"ref": str(ref), "blocks": _clause_blocks(clause)}
    return None


def _clause_blocks(clause: Clause, depth: int = 0) -> list[ClauseBlock]:
    """The clause and its paragraphs, each with its depth, in reading order."""
    blocks: list[ClauseBlock] = [{"depth": depth, "label": clause.label, "text": clause.text}]
    for child in clause.children:
        blocks += _clause_blocks(child, depth + 1)
    if clause.trailing:
        blocks.append({"depth": depth + 1, "label": "", "text": clause.trailing})
    return blocks


def _objective(footnote: int, obj: Located) -> Objective:
    """An objective with its wording (given with 'text:', else the seed's), called from note ``footnote``."""
    letter = str(obj["objective"])
    return {
        "letter": letter,
        "footnote": footnote,
        "text": " ".join(str(obj.get("text") or SEC_OBJECTIVES[letter]).split()),
        "rationale": paragraphs(obj["rationale"]),
    }


def _objectives(conclusions: Located) -> list[Objective]:
    """The objectives in the order given, numbered for their notes from 1."""
    return [_objective(i, obj) for i, obj in enumerate(conclusions.get("objectives", []) or [], start=1)]


def _secas_text(secas: dict[str, Any]) -> str:
    """The sentence on SECAS's implementation costs ("" where no amount is given); ``secas``: the metadata's
    'costs: secas:' mapping, or {}."""
    days = int(secas.get("days", 0))
    amount = secas.get("amount")
    if amount is None:
        return ""
    return (
        f"The estimated SECAS implementation costs to implement this modification is {number_words(days)} "
        f"day{'s' if days != 1 else ''} of effort, amounting to approximately £{amount:,}."
    )


def _party_rows(impacted: set[str]) -> list[list[tuple[str, bool]]]:
    """The Party categories two a row, each with whether it is impacted."""
    return [
        [
            (PARTY_CATEGORIES[i], PARTY_CATEGORIES[i] in impacted),
            (PARTY_CATEGORIES[i + 1], PARTY_CATEGORIES[i + 1] in impacted),
        ]
        for i in range(0, len(PARTY_CATEGORIES), 2)
    ]


def _sections_impacted(meta: ReportMetadata, changeset: ChangeSet | None, amended: list[Document]) -> list[str]:
    """The SEC documents impacted: those the change set touches (named as the metadata names them, else by
    their headings), or without a change set those the metadata lists."""
    if changeset is None:
        return paragraphs(meta.data["impacts"].get("sec_documents"))
    named = sections_named(meta)
    titles = {doc.identity: doc.title for doc in amended}
    return [
        named.get(key) or section_heading(key[1], titles.get(key, ""), key[0])
        for key in documents_touched(changeset, amended)
    ]


def _relation(meta: ReportMetadata, amended: list[Document]) -> list[Relation]:
    """The problem statement's relation items, each with the clause it quotes as amended."""
    out: list[Relation] = []
    for item in (meta.data.get("problem_statement") or {}).get("relation") or []:
        entry: Relation = {"text": paragraphs(item.get("text")), "quote": None, "quote_ref": ""}
        if item.get("quote"):
            entry["quote"] = _quote(str(item["quote"]), amended)
            entry["quote_ref"] = str(item["quote"])
        out.append(entry)
    return out


def _timeline_text(meta: ReportMetadata) -> TimelineText | None:
    """The timeline from the Panel's decision, its dates written out; None without a decision date."""
    decision = decision_date(meta)
    if not decision:
        return None
    t = timeline(decision, releases(meta))
    return {
        "decision": f"{long_date(t.decision)} ({t.decision.strftime('%A')})",
        "period_ends": long_date(t.objection_period_ends),
        "earliest": long_date(t.earliest_implementation),
        "release": f"{t.release.name} ({long_date(t.release.date)})" if t.release else "none listed after that date",
    }


def _glossary(meta: ReportMetadata) -> list[tuple[str, str]]:
    """(acronym, term) of each glossary entry the report uses, in order of the acronyms."""
    used = used_acronyms(meta)
    return sorted((str(k), " ".join(str(v).split())) for k, v in (meta.data.get("glossary") or {}).items() if k in used)


def report_context(
    meta: ReportMetadata,
    changeset: ChangeSet | None = None,
    amended: list[Document] | None = None,
    warnings: list[Message] | None = None,
) -> ReportContext:
    """The values the templates use: prose normalised, figures formatted, facts computed."""
    d = meta.data
    objectives = _objectives(d["conclusions"])
    secas = d["costs"].get("secas") or {}
    return {
        "m": d,
        "p": paragraphs,
        "date_text": long_date(d["date"]),
        "party_rows": _party_rows(set(d["impacts"].get("parties_impacted", []) or [])),
        "objectives": objectives,
        # The report's notes (the General SEC Objectives' wording), each called from its objective.
        "notes": [(o["footnote"], o["text"]) for o in objectives],
        "secas_text": _secas_text(secas),
        "secas_activities": paragraphs(secas.get("activities", [])),
        "glossary": _glossary(meta),
        "sections_impacted": _sections_impacted(meta, changeset, amended or []),
        "timeline": _timeline_text(meta),
        "relation": _relation(meta, amended or []),
        "recommendations": [(str(r[0]), str(r[1])) for r in (d.get("panel_paper") or {}).get("recommendations") or []],
        "warnings": [str(w.text) for w in warnings or []],
    }
