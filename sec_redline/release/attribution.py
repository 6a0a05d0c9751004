"""Who made each change of a base-to-release comparison: matched to the change sets' recorded edits."""

from __future__ import annotations

from dataclasses import replace

from legal_text.diff import ClauseChange, Entry, HeadingChange, Redline, Run

from ..apply import Provenance, Region
from ..changes import Field

Cells = tuple[tuple[tuple[Run, ...], ...], ...]  # a table's rows of cells, each cell as runs

NEAR = 40  # characters: how far from a change set's changed words a marked run may start (a word split)


def _region_by(regions: list[Region], start: int, end: int) -> str:
    """The change set whose changed words in a field are nearest [start, end) of the final text (a point
    when start == end): overlapping, or within ``NEAR`` characters, since a word diff may cut a change at
    another place than the edit did ("reason" -> "reasonable grounds": the edit kept "reason", the diff
    deletes it)."""
    best, distance = "", NEAR + 1
    for r in regions:
        gap = max(r.start - end, start - r.end, 0)
        if gap < distance:
            best, distance = r.modification, gap
    return best


class _Attribution:
    """Gives each change of a base-to-release redline the modification that made it."""

    def __init__(self, prov: Provenance, identity: tuple[str, str], fallback: str):
        self.prov, self.identity, self.fallback = prov, identity, fallback

    def _renamer(self, text: str) -> str:
        """The modification whose renumbering or move the words follow (a cross-reference updated)."""
        for mapping, mod in self.prov.renames:
            if any(str(new) in text for new in mapping.values()):
                return mod
        return ""

    def runs(self, runs: tuple[Run, ...], uid: int | None, fld: Field, default: str) -> tuple[Run, ...]:
        regions = self.prov.regions.get((uid, fld), []) if uid is not None else []
        out = []
        pos = 0
        for run in runs:
            if run.op == "equal":
                pos += len(run.text)
                out.append(run)
                continue
            end = pos + len(run.text) if run.op == "insert" else pos
            by = _region_by(regions, pos, end) or default or self._renamer(run.text) or self.fallback
            out.append(Run(run.op, run.text, by))
            pos = end
        return tuple(out)

    def cells(self, table: ClauseChange, uid: int | None, default: str) -> Cells:
        """A table's cells with each marked run given the modification that changed its row (rows are
        recorded by their first cell, on either side of the change)."""
        rows = self.prov.rows.get(uid if uid is not None else -1, [])
        out = []
        for row in table.cells:
            first = row[0] if row else ()
            sides = (
                "".join(x.text for x in first if x.op != "delete"),
                "".join(x.text for x in first if x.op != "insert"),
            )
            by = next((mod for mod, _, key in rows if key in sides), default) or self.fallback
            out.append(tuple(tuple(r if r.op == "equal" else Run(r.op, r.text, by) for r in cell) for cell in row))
        return tuple(out)

    def change(self, c: ClauseChange, inherited: str = "") -> ClauseChange:
        prov = self.prov
        new_uid = prov.final.get((self.identity, c.ref)) if c.status != "deleted" else None
        old_uid = prov.base.get((self.identity, c.old_ref or c.ref)) if c.status != "inserted" else None
        made = prov.made_by.get(new_uid or -1) or prov.made_by.get(old_uid or -1) or ""
        whole = c.status in ("inserted", "deleted", "renumbered")
        by = (made or inherited) if whole else ""
        default = by or inherited or made
        uid = new_uid if new_uid is not None else old_uid
        cells = self.cells(c, uid, default) if c.kind == "table" and c.cells else c.cells
        return replace(
            c,
            text=self.runs(c.text, uid, "text", default),
            trailing=self.runs(c.trailing, uid, "trailing", default),
            children=tuple(self.change(k, default) for k in c.children),
            cells=cells,
            by=by or (default if c.is_changed() else ""),
        )

    def entry(self, e: Entry) -> Entry:
        if isinstance(e, HeadingChange):
            if e.status == "equal":
                return e
            words = f"{e.heading.label} {e.heading.text}".strip()
            return replace(e, by=self.prov.headings.get(words, self.fallback))
        return self.change(e)


def attributed(redline: Redline, prov: Provenance, fallback: str) -> Redline:
    """``redline`` (a base-to-release comparison of one document) with each change's ``by`` set to the
    modification that made it; ``fallback`` for what no record names."""
    who = _Attribution(prov, redline.new.identity if redline.new.section else redline.old.identity, fallback)
    return replace(redline, body=tuple(who.entry(e) for e in redline.body))
