"""A reviewer's comparison as Word tracked changes and as JSON.

The Word file shows the whole of both versions, every Section compared, as
native tracked changes in the house style: unchanged provisions plain, a
renumbered clause with only its number changed, a moved clause as a native
Word move (``w:moveFrom``/``w:moveTo``, paired by name).  Accepting every
change gives the new version; rejecting every change gives the old.

The JSON file lists the events (see ``docs/comparison.schema.json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

from legal_text import Document
from legal_text.diff import ClauseChange, Redline, Run, side_text
from legal_text.events import EVENT_KINDS, DiffEvent

from .. import house_style as hs
from ..annex import Comparison
from .docx_writer import DocxWriter, reference_docx

JSON_FORMAT = "sec-redline comparison"
JSON_VERSION = 1


def _write_sections(wr: DocxWriter, redlines: Sequence[Redline]) -> None:
    """Each Section under its heading (its title marked where it changed, or the whole Section inserted or
    deleted), then every provision, unchanged ones too."""
    for redline in redlines:
        old_has, new_has = bool(redline.old.body), bool(redline.new.body)
        heading = (redline.new if new_has or not old_has else redline.old).heading
        if old_has and new_has and redline.old.heading != redline.new.heading:
            runs: tuple[Run, ...] = (Run("delete", redline.old.heading), Run("insert", redline.new.heading))
        elif old_has == new_has:
            runs = (Run("equal", heading),)
        else:
            runs = (Run("insert" if new_has else "delete", heading),)
        wr.paragraph(
            hs.HEADING_1,
            runs,
            "inserted" if runs[0].op == "insert" else "deleted" if runs[0].op == "delete" else "equal",
        )
        for entry in redline.body:
            wr.entry(entry)


def render_comparison_docx(
    comparison: Comparison,
    author: str,
    date: str,
    template_dir: str | Path | None = None,
    classification: str = hs.DEFAULT_CLASSIFICATION,
) -> bytes:
    """The comparison as a .docx of tracked changes; the same comparison gives the same bytes."""
    wr = DocxWriter(reference_docx(template_dir), author, date)
    wr.set_title(comparison.heading, comparison.summary())
    # Before the body: python-docx looks through the body for earlier sections when it sets a header.
    wr.header_footer(comparison.heading, hs.classification_sentence(classification))
    for n, event in enumerate((e for e in comparison.events if e.kind == "moved"), start=1):
        for change in (event.old_change, event.new_change):
            if change is not None:
                wr.moves[id(change)] = f"move{n}"
    _write_sections(wr, comparison.redlines)
    return wr.save()


def _text(change: ClauseChange | None, side: str) -> str | None:
    """A provision's words on one side, its paragraphs with their numbers, one line each."""
    if change is None:
        return None
    lines = []
    for c in change.walk():
        label = c.old_label or c.label if side == "old" else c.label
        words = side_text(c.text, "old" if side == "old" else "new")
        lines.append(f"{label} {words}".strip())
        trailing = side_text(c.trailing, "old" if side == "old" else "new")
        if trailing:
            lines.append(trailing)
    return "\n".join(lines)


class _EventJSON(TypedDict):
    """One event as the JSON file gives it (docs/comparison.schema.json)."""

    kind: str
    section: str
    old: str | None
    new: str | None
    heading: str | None
    amended: bool
    changes: list[dict[str, str]]
    old_text: str | None
    new_text: str | None
    cross_references: list[dict[str, str]]


def _event_dict(event: DiffEvent) -> _EventJSON:
    old = event.old_change if event.kind != "inserted" else None
    new = event.new_change if event.kind != "deleted" else None
    return {
        "kind": event.kind,
        "section": event.section,
        "old": str(event.old_ref) if event.old_ref is not None else None,
        "new": str(event.new_ref) if event.new_ref is not None else None,
        "heading": event.heading or None,
        "amended": event.amended or event.kind == "amended",
        "changes": [{"op": r.op, "text": r.text} for r in event.runs],
        "old_text": event.heading if event.heading and event.kind == "deleted" else _text(old, "old"),
        "new_text": event.heading if event.heading and event.kind == "inserted" else _text(new, "new"),
        "cross_references": [{"at": str(x.at), "old": x.old, "new": x.new} for x in event.cross_references],
    }


def render_comparison_json(comparison: Comparison) -> str:
    """The events as JSON text, keys in a fixed order; the same comparison gives the same text."""

    def side(doc: Document, version: str) -> dict[str, str | None]:
        return {"source": doc.source or None, "sec_version": version or None}

    events = comparison.events
    data = {
        "format": JSON_FORMAT,
        "format_version": JSON_VERSION,
        "old": side(comparison.redline.old, comparison.old_version),
        "new": side(comparison.redline.new, comparison.new_version),
        "sections": [r.new.key if r.new.section else r.old.key for r in comparison.redlines],
        "counts": {k: sum(1 for e in events if e.kind == k) for k in EVENT_KINDS},
        "events": [_event_dict(e) for e in events],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
