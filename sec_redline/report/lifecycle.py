"""``sec-redline lifecycle``: every document of a modification's path, from its record, each as Word, HTML
and Markdown, and its register page (HTML and JSON).

One context feeds every document, so a fact (a date, a version, a count of responses) is computed once
and reads the same in each; the documents are worded only in their templates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, TypedDict

from legal_text import Document, Location, Message, error

from ..changes import ChangeSet
from ..dates import long_date
from ..drafts import AnnexStyle
from ..errors import MetadataError, StrictError
from ..house_style import DEFAULT_CLASSIFICATION
from ..outputs import Data, Outputs
from .metadata import CONSULTATION_KINDS, PATH_DOCUMENTS, VOTING_CATEGORIES, a_modification, paragraphs
from .record import Consultation, ModificationRecord, load_record
from .responses import ResponsesSummary, summarise
from .solutions import Annexed, annexed, drafted_solutions, solution_views, solutions_at, solutions_data
from .timeline import Event, check_lifecycle, events, implementation, stage, working_days_between

REGISTER = "register"
# Every document ``lifecycle`` can write, in the order a modification meets them.
DOCUMENT_STEMS = (
    "problem-statement",
    "panel-paper",
    "refinement-consultation",
    "modification-report",
    "modification-report-consultation",
    "change-board-paper",
    "conclusions-report",
    "final-modification-report",
    REGISTER,
)
# How each document is titled (its Word file's title and running header, the register's list), after the
# modification's id.
TITLES = {
    "problem-statement": "problem statement",
    "panel-paper": "Panel paper",
    "refinement-consultation": "Refinement Consultation",
    "modification-report": "Modification Report",
    "modification-report-consultation": "Modification Report Consultation",
    "change-board-paper": "Change Board paper",
    "conclusions-report": "Conclusions Report",
    "final-modification-report": "Final Modification Report",
    REGISTER: "register",
}
# The template of each document (the problem statement and Panel paper are the report's own).
TEMPLATES = {stem: stem for stem in DOCUMENT_STEMS} | {"modification-report": "lifecycle-modification-report"}


def path_documents(path: str) -> tuple[str, ...]:
    """The documents of a path, its register last."""
    return (*PATH_DOCUMENTS[path], REGISTER)


def missing_facts(record: ModificationRecord, stem: str) -> str:
    """What the record lacks to write document ``stem`` ("" when it holds every fact the document needs)."""
    d = record.data
    board = d.get("change_board") or {}
    needs = {
        "problem-statement": "" if d.get("problem_statement") else "a 'problem_statement:' section",
        "panel-paper": "" if d.get("panel_paper") else "a 'panel_paper:' section",
        "refinement-consultation": "" if "refinement" in record.consultations else "a refinement consultation",
        "modification-report-consultation": ""
        if "modification-report" in record.consultations
        else "a modification-report consultation",
        "change-board-paper": ""
        if board and "modification-report" in record.consultations
        else "'change_board:' and a modification-report consultation",
    }
    decided = "" if board.get("votes") and board.get("outcome") else "'change_board:' with 'votes:' and 'outcome:'"
    needs["conclusions-report"] = decided
    needs["final-modification-report"] = decided or needs["change-board-paper"]
    return needs.get(stem, "")


class DocumentEntry(TypedDict):
    """A document of the modification: its stem, title, version and date, and the files it is written as."""

    stem: str
    title: str
    version: str
    date: dt.date
    date_text: str
    files: list[str]


def _document_date(record: ModificationRecord, stem: str) -> dt.date:
    """A document's date: its own in 'dates:' (the problem statement's: 'raised:'; a consultation's: when it
    opens), else the Change Board's for the documents about it, else the Modification Report's ('date:');
    the register's, the last date it shows."""
    d = record.data
    if stem == REGISTER:  # as at the last fact it shows
        last: dt.date = max([d["date"], *(e.end or e.date for e in events(record) if not e.computed)])
        return last
    dates = d.get("dates") or {}
    own = dates.get("raised" if stem == "problem-statement" else stem.replace("-", "_"))
    if isinstance(own, dt.date):
        return own
    consulting = next((record.consultations.get(k) for k, s in CONSULTATION_KINDS.items() if s == stem), None)
    if consulting is not None:
        opens: dt.date = consulting.data["opens"]
        return opens
    board = d.get("change_board")
    if board and stem in ("change-board-paper", "conclusions-report", "final-modification-report"):
        meeting: dt.date = board["date"]
        return meeting
    date: dt.date = d["date"]
    return date


def _document_version(record: ModificationRecord, stem: str) -> str:
    """A document's version: 'versions:' names it, else the problem statement's and the Modification
    Report's own, else 1.0."""
    d = record.data
    given = (d.get("versions") or {}).get(stem.replace("-", "_"))
    if given is not None:
        return str(given)
    if stem == "problem-statement" and d.get("problem_statement"):
        return str(d["problem_statement"]["version"])
    if stem == "modification-report" and d.get("version") is not None:
        return str(d["version"])
    return "1.0"


def documents(record: ModificationRecord) -> list[DocumentEntry]:
    """The documents of the record's path for which it holds the facts, in the path's order."""
    out: list[DocumentEntry] = []
    for stem in path_documents(record.path):
        if missing_facts(record, stem):
            continue
        day = _document_date(record, stem)
        suffixes = (".html", ".json") if stem == REGISTER else (".docx", ".html", ".md")
        out.append({
            "stem": stem, "title": TITLES[stem], "version": _document_version(record, stem), "date": day,
            "date_text": long_date(day), "files": [stem + s for s in suffixes],
        })  # fmt: skip
    return out


# --- what the templates are given, beyond the report's context ---------------------------------------------


class EventView(TypedDict):
    """A step of the timeline as the documents show it (``day``: its date, to compare with a document's)."""

    key: str
    day: dt.date
    date: str
    end: str
    working_days: int | None
    computed: bool
    detail: str


class ConsultationView(TypedDict):
    """A consultation: its dates, length, legal text, questions, the analyst's summary of views, and its
    responses summarised (confidential ones counted by answer only)."""

    kind: str
    opens: str
    closes: str
    working_days: int
    legal_text_version: str
    questions: list[tuple[str, list[str]]]
    views: list[str]
    summary: ResponsesSummary


class VoteRow(TypedDict):
    """A Party category's votes on one solution (or, as ``total``, every category's)."""

    category: str
    approve: int
    reject: int
    abstain: int


class SolutionVotes(TypedDict):
    solution: str
    rows: list[VoteRow]
    total: VoteRow


class BoardView(TypedDict):
    """The Change Board: its date, its votes on each solution, its outcome and the views it gave."""

    date: str
    votes: list[SolutionVotes]
    outcome: str
    views: list[str]


def _event_view(e: Event) -> EventView:
    return {
        "key": e.key, "day": e.date, "date": long_date(e.date), "end": long_date(e.end) if e.end else "",
        "working_days": e.working_days, "computed": e.computed, "detail": e.detail,
    }  # fmt: skip


def _consultation_view(c: Consultation) -> ConsultationView:
    return {
        "kind": c.kind,
        "opens": long_date(c.data["opens"]),
        "closes": long_date(c.data["closes"]),
        "working_days": working_days_between(c.data["opens"], c.data["closes"]),
        "legal_text_version": str(c.data["legal_text_version"]),
        "questions": c.questions,
        "views": paragraphs(c.data.get("views")),
        "summary": summarise(c.questions, c.responses),
    }


def _votes(solution: str, by_category: dict[str, Any]) -> SolutionVotes:
    """One solution's votes, Party categories in their usual order, with their total."""
    rows: list[VoteRow] = [
        {"category": c, "approve": by_category[c]["approve"], "reject": by_category[c]["reject"],
         "abstain": by_category[c]["abstain"]}
        for c in VOTING_CATEGORIES
        if c in by_category
    ]  # fmt: skip
    total: VoteRow = {
        "category": "",
        "approve": sum(r["approve"] for r in rows),
        "reject": sum(r["reject"] for r in rows),
        "abstain": sum(r["abstain"] for r in rows),
    }
    return {"solution": solution, "rows": rows, "total": total}


def _board_view(record: ModificationRecord) -> BoardView | None:
    board = record.data.get("change_board")
    if not board:
        return None
    return {
        "date": long_date(board["date"]),
        "votes": [_votes(str(s), v) for s, v in (board.get("votes") or {}).items()],
        "outcome": str(board.get("outcome") or ""),
        "views": paragraphs(board.get("views")),
    }


def lifecycle_context(
    record: ModificationRecord,
    changeset: ChangeSet | None,
    amended: list[Document],
    warnings: list[Message],
) -> dict[str, Any]:
    """What every document's template is given: the report's context, and the record's facts computed."""
    from .context import report_context

    context: dict[str, Any] = dict(report_context(record.meta, changeset, amended, warnings))
    if record.path != "Fast-Track":
        context["timeline"] = None  # the objection-period timeline is the Fast-Track's
    done = implementation(record)
    authority = record.data.get("authority")
    context |= {
        "path": record.path,
        "stage": stage(record),
        "events": [_event_view(e) for e in events(record)],
        "implementation": {"date": long_date(done.date), "release": done.release} if done else None,
        "documents": documents(record),
        "consultations": {kind: _consultation_view(c) for kind, c in record.consultations.items()},
        "board": _board_view(record),
        "authority": {"decision": str(authority["decision"]), "date": long_date(authority["date"])}
        if authority
        else None,
        "raised": long_date(record.data["dates"]["raised"])
        if isinstance((record.data.get("dates") or {}).get("raised"), dt.date)
        else "",
    }
    if record.has_solutions:  # a record without 'solutions:' gives its documents as before
        totals = {v["solution"]: {k: v["total"][k] for k in ("approve", "reject", "abstain")}
                  for v in (context["board"] or {}).get("votes", [])}  # fmt: skip
        context["solution_views"] = solution_views(record, totals)
    return context


def _board_day(record: ModificationRecord) -> dt.date | None:
    board = record.data.get("change_board")
    return board["date"] if board else None


# --- the register's data ---------------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _timeline_data(record: ModificationRecord) -> list[dict[str, Any]]:
    return [
        {"event": e.key, "date": e.date.isoformat(), "end": _iso(e.end), "working_days": e.working_days,
         "computed": e.computed, "detail": e.detail}
        for e in events(record)
    ]  # fmt: skip


def _consultations_data(record: ModificationRecord, views: dict[str, ConsultationView]) -> list[dict[str, Any]]:
    """Each consultation's dates, legal text and how many responses it had (no more of them)."""
    out = []
    for kind, c in record.consultations.items():
        v = views[kind]
        out.append({
            "kind": kind, "opens": c.data["opens"].isoformat(), "closes": c.data["closes"].isoformat(),
            "working_days": v["working_days"], "legal_text_version": v["legal_text_version"],
            "responses": v["summary"]["responses"], "confidential": v["summary"]["confidential"],
        })  # fmt: skip
    return out


def _board_data(record: ModificationRecord, view: BoardView | None) -> dict[str, Any] | None:
    board = record.data.get("change_board")
    if not board or view is None:
        return None
    votes = {s["solution"]: {r["category"]: {"approve": r["approve"], "reject": r["reject"], "abstain": r["abstain"]}
                             for r in s["rows"]} for s in view["votes"]}  # fmt: skip
    return {"date": board["date"].isoformat(), "outcome": view["outcome"], "votes": votes}


def register_data(record: ModificationRecord, context: dict[str, Any]) -> dict[str, Any]:
    """The modification's register entry as data (register.json): what its page shows, dates as ISO
    8601; of the consultations' responses only counts."""
    d = record.data
    done = implementation(record)
    authority = d.get("authority")
    documents_data = [
        {"document": doc["stem"], "title": doc["title"], "version": doc["version"], "date": doc["date"].isoformat(),
         "files": doc["files"]}
        for doc in context["documents"]
    ]  # fmt: skip
    return {
        "modification": str(d["modification"]),
        "title": str(d["title"]),
        "path": record.path,
        "stage": context["stage"],
        "proposer": str(d.get("proposer") or ""),
        "lead_analyst": str(d.get("lead_analyst") or ""),
        "raised": _iso((d.get("dates") or {}).get("raised")),
        "implementation": None
        if done is None
        else {"date": done.date.isoformat(), "release": done.release, "computed": done.computed},
        "issue": paragraphs(d["background"]["issue"]),
        "solution": paragraphs(d["solution"]["proposed"]),
        **(
            {
                "solutions": solutions_data(
                    context["solution_views"], _document_date(record, REGISTER), _board_day(record)
                )
            }
            if "solution_views" in context
            else {}
        ),
        "parties_impacted": [str(p) for p in d["impacts"].get("parties_impacted") or []],
        "sec_documents": context["sections_impacted"],
        "timeline": _timeline_data(record),
        "documents": documents_data,
        "consultations": _consultations_data(record, context["consultations"]),
        "change_board": _board_data(record, context["board"]),
        "authority": None
        if not authority
        else {"decision": str(authority["decision"]), "date": authority["date"].isoformat()},
    }


# --- the command ------------------------------------------------------------------------------------------


def _wanted(record: ModificationRecord, document: str | None) -> list[str]:
    """The documents to write: ``document`` alone (an error where the path has none such, or the record
    lacks its facts), or every document of the path whose facts the record holds."""
    where = record.data.key_lines.get("path", Location(record.meta.source, 1))
    stems = path_documents(record.path)
    if document is None:
        return [s for s in stems if not missing_facts(record, s)]
    if document not in stems:
        raise MetadataError(
            error(f"'path': {a_modification(record.path)} has no {document} (its documents: {', '.join(stems)})", where)
        )
    lacking = missing_facts(record, document)
    if lacking:
        raise MetadataError(error(f"no {document}: the record needs {lacking}", Location(record.meta.source, 1)))
    return [document]


def _render(stem: str, fmt: str, context: dict[str, Any], template_dir: str | Path | None) -> str:
    """One document as HTML or Markdown (every text of the record escaped for Markdown)."""
    from ..render.templating import render
    from . import markdown_escaped

    if fmt == "md":
        context = {key: markdown_escaped(value) for key, value in context.items()}
        return re.sub(r"\n{3,}", "\n\n", render(f"{TEMPLATES[stem]}.md.j2", template_dir, **context))
    return render(f"{TEMPLATES[stem]}.{fmt}.j2", template_dir, **context)


def _files(
    record: ModificationRecord, stems: list[str], context: dict[str, Any], out: Path, template_dir: str | Path | None
) -> dict[Path, Data]:
    """Each document's files: .docx, .html and .md; the register's .html and .json."""
    from ..render import html_to_docx
    from ..render.templating import template_file

    entries = {doc["stem"]: doc for doc in context["documents"]}
    files: dict[Path, Data] = {}
    mod = str(record.data["modification"])
    classification = str(record.data.get("classification") or DEFAULT_CLASSIFICATION)
    for stem in stems:
        doc = entries[stem]
        page = context | {"doc": doc, "date_text": doc["date_text"]}
        if "solution_views" in context:
            page["solutions"] = solutions_at(context["solution_views"], doc["date"], _board_day(record))
        html = _render(stem, "html", page, template_dir)
        files[out / f"{stem}.html"] = html
        if stem == REGISTER:
            files[out / f"{stem}.json"] = (
                json.dumps(register_data(record, context), indent=2, ensure_ascii=False) + "\n"
            )
            continue
        title = f"{mod} {TITLES[stem]}"
        files[out / f"{stem}.docx"] = html_to_docx(
            html, title, "SECAS", doc["date"], title, classification, template_dir,
            source=template_file(f"{TEMPLATES[stem]}.html.j2", template_dir),
        )  # fmt: skip
        files[out / f"{stem}.md"] = _render(stem, "md", page, template_dir)
    return files


def _inputs(
    record: ModificationRecord, changes: str | Path | None, base: str | Path | None
) -> tuple[Path | None, Path | None]:
    """The change set and base: as given, else as the record names them (relative to its folder); the
    change set also as the Proposed solution's last draft names it ('legal_text:', or its entry's in
    'solutions:')."""
    d = record.data
    latest = record.solutions[0].latest
    named_changes = d.get("changes") or (latest.changes if latest else None)
    found_changes = Path(changes) if changes else (record.file(named_changes) if named_changes else None)
    found_base = Path(base) if base else (record.file(d["base"]) if d.get("base") else None)
    return found_changes, found_base


def make_lifecycle(
    record_path: str | Path,
    outdir: str | Path,
    *,
    changes: str | Path | None = None,
    base: str | Path | None = None,
    document: str | None = None,
    template_dir: str | Path | None = None,
    strict: bool = False,
) -> Outputs:
    """``sec-redline lifecycle``: the documents of the record's path for which it holds the facts (or
    ``document`` alone), each as .docx, .html and .md in ``outdir``, and the register page (.html, .json);
    with what the checks find.  ``changes`` and ``base`` as ``report`` takes them (the record may name
    them).  With ``strict``, any warning is an exit (6), and nothing is written.

    With a base and drafts of the legal text that name change sets (every document written, not
    ``document`` alone), the Annex A of each solution's latest draft too, the Proposed solution's compared
    with its draft before and with each Alternative (``drafts.family_files``; no PDF, no drafting notes)."""
    from ..apply import apply_changesets
    from ..changes import load_changeset
    from ..sources import read_base
    from .checks import check_report

    record = load_record(record_path)
    stems = _wanted(record, document)
    changes_file, base_file = _inputs(record, changes, base)
    changeset = load_changeset(changes_file) if changes_file else None
    drafted = drafted_solutions(record)
    amended: list[Document] = []
    annexes: Annexed | None = None
    if base_file:
        docs = read_base(base_file).value
        amended = apply_changesets(docs, [changeset]).value if changeset else docs
        annexes = annexed(docs, drafted) if document is None else None
    said = list(annexes.messages) if annexes else []
    warnings = [*record.warnings, *check_report(record.meta, changeset, amended), *check_lifecycle(record, changeset)]
    warnings += [m for m in said if m.level == "warning"]
    if strict and warnings:
        exc = StrictError(f"{record_path}: {len(warnings)} warning(s) and --strict was given")
        exc.said = tuple(warnings)
        raise exc
    context = lifecycle_context(record, changeset, amended, warnings)
    out = Path(outdir)
    files = _files(record, stems, context, out, template_dir)
    notes = [
        Message("info", f"no {stem}: the record needs {missing_facts(record, stem)}", Location(record.meta.source))
        for stem in path_documents(record.path)
        if document is None and missing_facts(record, stem)
    ]
    notes += [m for m in said if m.level != "warning"]
    stdout = report = ""
    if annexes is not None:
        classification = str(record.data.get("classification") or DEFAULT_CLASSIFICATION)
        style = AnnexStyle(
            pdf=False, classification=classification, template_dir=template_dir, notes=False, checks=False
        )
        family = annexes.files(out, style)
        files |= family.files
        stdout, report = family.stdout, family.report
    elif document is None and drafted[0].changesets:
        notes.append(Message("info", "no annex-a: the record needs 'base:' (or --base)", Location(record.meta.source)))
    inputs = tuple(Path(p) for p in (record_path, changes_file, base_file) if p)
    inputs += tuple(Path(c.responses.source) for c in record.consultations.values())
    inputs += tuple(record.file(d.changes) for s in record.solutions for d in s.drafts if d.changes)
    return Outputs(files, (*warnings, *notes), stdout, report=report, inputs=inputs)
