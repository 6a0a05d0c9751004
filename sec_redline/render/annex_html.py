"""Write redlines as one self-contained HTML page with <ins> and <del>."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypedDict

from markupsafe import Markup, escape

from legal_text.collector import collector_paused
from legal_text.diff import ClauseChange, Entry, HeadingChange, Run
from legal_text.events import EVENT_KINDS

from ..annex import AnnexA, Comparison
from .templating import render


def runs_html(runs: Sequence[Run]) -> Markup:
    """Runs as HTML: inserted text in <ins>, deleted text in <del> (with the change that made it as their
    title, in a release's redline), everything escaped."""
    if len(runs) == 1 and runs[0].op == "equal":  # most provisions of a whole-code redline: unchanged
        return escape(runs[0].text)
    out: list[Markup] = []
    for run in runs:
        text = escape(run.text)
        if run.op == "equal":
            out.append(text)
            continue
        tag = "ins" if run.op == "insert" else "del"
        if run.by:
            out.append(Markup('<{} title="{}">{}</{}>').format(Markup(tag), run.by, text, Markup(tag)))
        else:
            out.append(Markup("<{}>{}</{}>").format(Markup(tag), text, Markup(tag)))
    return Markup("").join(out)


# A row of a block (a heading, a provision's paragraph, the text after its list, a table): an object, not a
# dict, as a template reads it by attribute (``row.kind``), which Jinja tries first.  A paragraph's words come
# both as runs (``row.runs``, ``row.label``, for a template of one's own) and marked up (``row.html``,
# ``row.label_html``: ``runs_html`` of them, made here, as calling it from the template for each of a whole
# code's paragraphs costs more than the rest of the page).
Row = SimpleNamespace

Marked = dict[int, tuple[int, str]]  # id() of a change -> (event number, "" or the move side "from"/"to")


def _rows(change: ClauseChange, marked: Marked) -> list[Row]:
    event, side = marked.get(id(change), (0, ""))
    status = f"{change.status} moved moved-{side}" if side else change.status
    if change.kind == "table":
        return [
            Row(
                kind="table",
                ref=str(change.ref),
                depth=change.depth,
                status=status,
                caption=change.text,
                cells=[
                    Row(status=status, cells=cells)
                    for cells, status in zip(
                        change.cells, change.row_status or ("equal",) * len(change.cells), strict=True
                    )
                ],
                event=event,
                side=side,
            )
        ]
    rows = [
        Row(
            kind="clause",
            ref=str(change.ref),
            depth=change.depth,
            status=status,
            inline=change.kind in ("definition", "note"),
            label=change.label_runs,
            runs=change.text,
            label_html=runs_html(change.label_runs),
            html=runs_html(change.text),
            notes=change.notes,  # the footnotes its words refer to (a Word base's), as (marker, text)
            event=event,
            side=side,
        )
    ]
    for child in change.children:
        rows += _rows(child, marked)
    if change.trailing:
        rows.append(
            Row(
                kind="trailing",
                depth=change.depth,
                status=status,
                runs=change.trailing,
                html=runs_html(change.trailing),
                event=0,
            )
        )
    return rows


def annex_rows(entries: Iterable[Entry], marked: Marked | None = None) -> list[Row]:
    """The rows of a block: headings, clause paragraphs, text after lists and tables, each with the number of
    the event it starts (0 for none) when ``marked`` maps changes to events."""
    marked = marked or {}
    rows: list[Row] = []
    for entry in entries:
        if isinstance(entry, HeadingChange):
            event = marked.get(id(entry), (0, ""))[0]
            rows.append(
                Row(
                    kind="heading",
                    status=entry.status,
                    runs=entry.runs,
                    html=runs_html(entry.runs),
                    event=event,
                    side="",
                )
            )
        else:
            rows += _rows(entry, marked)
    return rows


class _Block(TypedDict):
    """An instruction and the rows under it, with the events they start."""

    instruction: str
    rows: list[Row]
    events: list[int]


class _Section(TypedDict):
    """A Section's heading, its letter and its blocks, as the templates read them."""

    heading: str
    section: str
    blocks: list[_Block]


def _with_notes(rows: list[Row], notes: dict[str, str], shown: set[str]) -> list[Row]:
    """Each row with the drafter's notes on the operations whose marks it holds first (``drafting_notes``)."""
    for row in rows:
        runs = [*getattr(row, "label", ()), *getattr(row, "runs", ()), *getattr(row, "caption", ())]
        runs += [r for line in getattr(row, "cells", ()) for cell in line.cells for r in cell]
        row.drafting_notes = []
        for at in dict.fromkeys(r.at for r in runs if r.op != "equal" and r.at in notes and r.at not in shown):
            shown.add(at)
            row.drafting_notes.append(notes[at])
    return rows


def _sections(model: AnnexA | Comparison, marked: Marked | None = None) -> list[_Section]:
    notes = dict(model.notes) if isinstance(model, AnnexA) else {}
    shown: set[str] = set()
    return [
        {
            "heading": s.heading,
            "section": s.section,
            "blocks": [
                {
                    "instruction": b.instruction,
                    "rows": (rows := _with_notes(annex_rows(b.entries, marked), notes, shown)),
                    "events": sorted({r.event for r in rows if r.event}),
                }
                for b in s.blocks
            ],
        }
        for s in model.sections
    ]


@collector_paused
def render_annex_html(annex: AnnexA, template_dir: str | Path | None = None) -> str:
    """The Annex A page as text; the same AnnexA gives the same text."""
    return render("annex-a.html.j2", template_dir, annex=annex, sections=_sections(annex), runs=runs_html)


def comparison_context(comparison: Comparison) -> dict[str, Any]:
    """What ``comparison.html.j2`` is given: the events numbered, the Sections' marked rows (each change with
    the event it starts), the summary and the kinds of event; a page of one's own that draws the same
    comparison (the web view's) is given the same."""
    marked: Marked = {}
    for n, ev in enumerate(comparison.events, start=1):
        if ev.heading_change is not None:
            marked[id(ev.heading_change)] = (n, "")
        moved = ev.kind == "moved"
        for change, side in ((ev.old_change, "from"), (ev.new_change, "to")):
            if change is not None and id(change) not in marked:
                marked[id(change)] = (n, side if moved else "")
    return {
        "annex": comparison,
        "events": list(enumerate(comparison.events, start=1)),
        "sections": _sections(comparison, marked),
        "runs": runs_html,
        "summary": comparison.summary(),
        "kinds": EVENT_KINDS,
    }


@collector_paused
def render_comparison_html(comparison: Comparison, template_dir: str | Path | None = None) -> str:
    """A reviewer's comparison page: the events as a contents list, filters by Section and by kind of event,
    next/previous navigation and the marked text, in one self-contained page (no network, no files beside
    it); the same inputs give the same text."""
    return render("comparison.html.j2", template_dir, **comparison_context(comparison))
