"""Write redlines as one self-contained HTML page with <ins> and <del>."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from legal_text.diff import ClauseChange, HeadingChange

from ..annex import AnnexA
from .templating import render


def runs_html(runs) -> Markup:
    """Runs as HTML: inserted text in <ins>, deleted text in <del>, everything escaped."""
    out = []
    for run in runs:
        text = escape(run.text)
        if run.op == "insert":
            out.append(Markup("<ins>{}</ins>").format(text))
        elif run.op == "delete":
            out.append(Markup("<del>{}</del>").format(text))
        else:
            out.append(text)
    return Markup("").join(out)


def _rows(change: ClauseChange) -> list[dict]:
    if change.kind == "table":
        return [
            {
                "kind": "table",
                "ref": str(change.ref),
                "depth": change.depth,
                "status": change.status,
                "cells": change.cells,
            }
        ]
    rows = [
        {
            "kind": "clause",
            "ref": str(change.ref),
            "depth": change.depth,
            "status": change.status,
            "inline": change.kind in ("definition", "note"),
            "label": change.label_runs,
            "runs": change.text,
        }
    ]
    for child in change.children:
        rows += _rows(child)
    if change.trailing:
        rows.append({"kind": "trailing", "depth": change.depth, "status": change.status, "runs": change.trailing})
    return rows


def annex_rows(entries) -> list[dict]:
    rows: list[dict] = []
    for entry in entries:
        if isinstance(entry, HeadingChange):
            rows.append({"kind": "heading", "status": entry.status, "runs": entry.runs})
        else:
            rows += _rows(entry)
    return rows


def _sections(model) -> list[dict]:
    return [
        {
            "heading": s.heading,
            "blocks": [{"instruction": b.instruction, "rows": annex_rows(b.entries)} for b in s.blocks],
        }
        for s in model.sections
    ]


def render_annex_html(annex: AnnexA, template_dir: str | Path | None = None) -> str:
    """The Annex A page as text; the same AnnexA gives the same text."""
    return render("annex-a.html.j2", template_dir, annex=annex, sections=_sections(annex), runs=runs_html)


def render_comparison_html(comparison, template_dir: str | Path | None = None) -> str:
    """A reviewer's comparison page; the same inputs give the same text."""
    return render(
        "comparison.html.j2",
        template_dir,
        annex=comparison,
        sections=_sections(comparison),
        runs=runs_html,
        summary=comparison.summary(),
    )
