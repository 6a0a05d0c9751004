"""The values the report templates use: prose normalised, figures formatted, facts computed."""

from __future__ import annotations

from typing import Any

from legal_text import Clause, ClauseRef, Document, Message, section_heading

from ..changes import ChangeSet, documents_touched
from ..workdays import long_date, timeline
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


def report_context(
    meta: ReportMetadata,
    changeset: ChangeSet | None = None,
    amended: list[Document] | None = None,
    warnings: list[Message] | None = None,
) -> dict:
    """The values the templates use: prose normalised, figures formatted, facts computed."""
    d = meta.data
    conclusions = d["conclusions"]
    objectives = []
    for i, obj in enumerate(conclusions.get("objectives", []) or [], start=1):
        letter = str(obj["objective"])
        objectives.append(
            {
                "letter": letter,
                "footnote": i,
                "text": " ".join(str(obj.get("text") or SEC_OBJECTIVES[letter]).split()),
                "rationale": paragraphs(obj["rationale"]),
            }
        )
    secas = d["costs"].get("secas") or {}
    days = int(secas.get("days", 0))
    amount = secas.get("amount")
    secas_text = (
        f"The estimated SECAS implementation costs to implement this modification is {number_words(days)} "
        f"day{'s' if days != 1 else ''} of effort, amounting to approximately £{amount:,}."
        if amount is not None
        else ""
    )
    impacted = set(d["impacts"].get("parties_impacted", []) or [])
    decision = decision_date(meta)
    t = timeline(decision, releases(meta)) if decision else None
    named = sections_named(meta)
    if changeset is not None:
        titles = {doc.identity: doc.title for doc in amended or []}
        sections = [
            named.get(key) or section_heading(key[1], titles.get(key, ""), key[0])
            for key in documents_touched(changeset, amended or [])
        ]
    else:
        sections = paragraphs(d["impacts"].get("sec_documents"))
    used = used_acronyms(meta)
    ps = d.get("problem_statement") or {}
    relation = []
    for item in ps.get("relation") or []:
        entry: dict[str, Any] = {"text": paragraphs(item.get("text")), "quote": None, "quote_ref": ""}
        if item.get("quote"):
            entry["quote"] = _quote(str(item["quote"]), amended or [])
            entry["quote_ref"] = str(item["quote"])
        relation.append(entry)
    return {
        "m": d,
        "p": paragraphs,
        "date_text": long_date(d["date"]),
        "party_rows": [
            [
                (PARTY_CATEGORIES[i], PARTY_CATEGORIES[i] in impacted),
                (PARTY_CATEGORIES[i + 1], PARTY_CATEGORIES[i + 1] in impacted),
            ]
            for i in range(0, len(PARTY_CATEGORIES), 2)
        ],
        "objectives": objectives,
        # The report's notes (the General SEC Objectives' wording), each called from its objective.
        "notes": [(o["footnote"], o["text"]) for o in objectives],
        "secas_text": secas_text,
        "secas_activities": paragraphs(secas.get("activities", [])),
        "glossary": sorted(
            (str(k), " ".join(str(v).split())) for k, v in (d.get("glossary") or {}).items() if k in used
        ),
        "sections_impacted": sections,
        "timeline": None
        if t is None
        else {
            "decision": f"{long_date(t.decision)} ({t.decision.strftime('%A')})",
            "period_ends": long_date(t.objection_period_ends),
            "earliest": long_date(t.earliest_implementation),
            "release": f"{t.release.name} ({long_date(t.release.date)})"
            if t.release
            else "none listed after that date",
        },
        "relation": relation,
        "recommendations": [(str(r[0]), str(r[1])) for r in (d.get("panel_paper") or {}).get("recommendations") or []],
        "warnings": [str(w.text) for w in warnings or []],
    }
