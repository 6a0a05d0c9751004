"""SEC releases: a manifest of approved changes folded into a base version, and what a release publishes.

``load_manifest`` reads and checks the manifest (YAML, every problem at once with file:line);
``build_release`` applies its change sets in order to the base (two that conflict stop it, naming both
and the clause) and gives every output as bytes by its path inside the release folder, so that writing
them is all or nothing and the same inputs give the same bytes wherever they are written:

- ``consolidated/``: each document as ``.txt`` and clean ``.docx``, and the whole code as ``sec.txt``;
- ``release-redline.docx`` and ``.html``: every document the release changes, in full, each change
  tracked under its own modification (author "SECAS (MP087)", the change set's date), so that Word's
  reviewing pane filters by modification;
- ``release-notes.html``, ``.docx``, ``.md``: go-live date, each modification with its kind, title and
  the clauses it changed, the affected documents, and the Document Log (each document's version before
  and after);
- ``manifest.lock``: the SHA-256 of every input, to check a rebuild against.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from legal_text import Document, Location, Message, error, render_text
from legal_text.diff import ClauseChange, Entry, HeadingChange, Redline, Run, diff_documents
from legal_text.events import find_events

from .annex import AnnexA, AnnexSection, select_blocks
from .apply import Provenance, Region, apply_with_provenance
from .changeset import ChangeSet
from .errors import ChangeSetError
from .house_style import DEFAULT_CLASSIFICATION, classification_sentence
from .yamlsource import Located, load_yaml

MANIFEST_KEYS = {"release", "date", "base", "version", "author", "modifications", "classification"}
LOCK_NAME = "manifest.lock"
CONSOLIDATED = "consolidated"


class ManifestError(ChangeSetError):
    """A release manifest is invalid (exit 4, as a change set)."""


@dataclass(frozen=True)
class Manifest:
    """A release: its name, go-live date, base (a version, and where its text is or that the store has
    it), the new version, the author of its outputs, and its change sets in the order they apply."""

    release: str
    date: dt.date
    base_version: str
    base_path: Path | None  # None: the base is the version of that name in the store
    version: str
    author: str
    modifications: tuple[Path, ...]
    source: Path
    classification: str = DEFAULT_CLASSIFICATION
    lines: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def line(self, key: str) -> Location:
        """Where ``key`` was written in the manifest (for messages)."""
        return self.lines.get(key, Location(str(self.source), 1))


def _version(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:\.\d+)*\s*", value) else None


def load_manifest(path: str | Path) -> Manifest:
    """Load and check a release manifest; ManifestError listing every problem (file:line)."""
    source = Path(path)
    data = load_yaml(source)
    name = str(source)
    if not isinstance(data, Located):
        raise ManifestError(
            error("a release manifest is a mapping with 'release:', 'date:', 'base:' ...", Location(name, 1))
        )
    problems: list[Message] = []

    def problem(key: str | None, text: str, where: Location | None = None) -> None:
        at = where or (data.key_lines.get(key, Location(name, 1)) if key else Location(name, 1))
        problems.append(error(text, at))

    for key in sorted(set(data) - MANIFEST_KEYS):
        problem(key, f"unknown key '{key}' (expected one of: {', '.join(sorted(MANIFEST_KEYS))})")
    for key in ("release", "date", "base", "version", "modifications"):
        if key not in data:
            problem(None, f"missing '{key}:'")
    release = data.get("release")
    if "release" in data and (not isinstance(release, str) or not release.strip()):
        problem("release", "'release' is the release's name, e.g. \"November 2019 SEC Release\"")
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if "date" in data and not isinstance(date, dt.date):
        problem("date", f"'date' is the go-live date, YYYY-MM-DD, not {date!r}")
    version = _version(data.get("version"))
    if "version" in data and version is None:
        problem("version", f"'version' is the new version, quoted, e.g. \"6.18\", not {data.get('version')!r}")
    author = data.get("author", "SECAS")
    if not isinstance(author, str) or not author.strip():
        problem("author", "'author' is who publishes the release, e.g. SECAS")
    classification = data.get("classification", DEFAULT_CLASSIFICATION)
    base = data.get("base")
    base_version: str | None = None
    base_path: Path | None = None
    if isinstance(base, Located):
        for key in sorted(set(base) - {"version", "path"}):
            problem(None, f"unknown key 'base.{key}' (expected: version, path)", base.key_lines[key])
        base_version = _version(base.get("version"))
        if base_version is None:
            problem(None, "'base.version' is the version the release starts from, quoted, e.g. \"6.17\"", base.location)
        if "path" in base:
            if not isinstance(base["path"], str) or not base["path"].strip():
                problem(
                    None,
                    "'base.path' is a document, a folder of documents or a whole-code file",
                    base.key_lines["path"],
                )
            else:
                base_path = (source.parent / base["path"]).resolve()
    elif "base" in data:
        base_version = _version(base)
        if base_version is None:
            problem("base", "'base' is a mapping with 'version:' and 'path:', or a version the store holds (\"6.17\")")
    if version is not None and base_version is not None and version == base_version:
        problem("version", f"the new version {version} is the base's; give the version the release makes")
    mods = data.get("modifications")
    paths: list[Path] = []
    if "modifications" in data:
        if not isinstance(mods, list) or not mods or not all(isinstance(m, str) and m.strip() for m in mods):
            problem("modifications", "'modifications' is a list of change-set files, applied in the order given")
        else:
            for m in mods:
                p = (source.parent / m).resolve()
                if p in paths:
                    problem("modifications", f"{m} is listed twice")
                paths.append(p)
    if problems:
        raise ManifestError(problems)
    assert isinstance(date, dt.date) and version is not None and base_version is not None
    return Manifest(
        release=str(release).strip(),
        date=date,
        base_version=base_version,
        base_path=base_path,
        version=version,
        author=str(author).strip(),
        modifications=tuple(paths),
        source=source,
        classification=str(classification),
        lines=dict(data.key_lines),
    )


# --- who made each change -------------------------------------------------------------------------


def revision_author(cs: ChangeSet) -> str:
    """The author a release redline's revisions carry for ``cs``: "SECAS (MP087)"."""
    return f"{cs.author} ({cs.modification})"


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

    def runs(self, runs: tuple[Run, ...], uid: int | None, fld: str, default: str) -> tuple[Run, ...]:
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

    def cells(self, table: ClauseChange, uid: int | None, default: str) -> tuple:
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


# --- the release -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModificationSummary:
    """One change set of a release, as its notes list it."""

    modification: str
    kind: str
    title: str
    date: str
    clauses: tuple[str, ...]  # the references it changed, in the code's order
    documents: tuple[str, ...]  # the documents it changed ("Section G")


@dataclass(frozen=True)
class Release:
    """What ``build_release`` computed: the consolidated documents and everything its outputs show."""

    manifest: Manifest
    base: tuple[Document, ...]
    consolidated: tuple[Document, ...]
    redlines: tuple[Redline, ...]  # of the documents the release changes, each change attributed
    modifications: tuple[ModificationSummary, ...]
    changesets: tuple[ChangeSet, ...]


def slug(doc: Document) -> str:
    """A document's file name in a release folder: "section-G", "appendix-AD"."""
    return f"{doc.profile}-{doc.section}" if doc.section else "document"


def build_release(
    manifest: Manifest,
    base: Sequence[Document],
    changesets: Sequence[ChangeSet],
    progress: Callable[[str], None] = lambda _: None,
) -> Release:
    """Apply the manifest's change sets in order to ``base`` and compare the result with it; raise
    ChangeSetError (naming both modifications and the clause) when two conflict."""
    base = [d if d.version else d.with_version(manifest.base_version) for d in base]
    progress("applying the modifications")
    result, prov = apply_with_provenance(list(base), list(changesets))
    final = [d.with_version(manifest.version) for d in result.value]
    progress("comparing the release with its base")
    fallback = changesets[-1].modification if changesets else ""
    redlines = []
    for old, new in zip(base, final, strict=True):
        if old.body == new.body:
            continue
        redlines.append(attributed(diff_documents(old, new), prov, fallback))
    summaries = []
    events = find_events(redlines)
    for cs in changesets:
        refs: list[str] = []
        docs: list[str] = []
        for ev in events:
            change = ev.new_change or ev.old_change
            mine = change is not None and (change.by == cs.modification or cs.modification in _makers(change))
            if ev.heading_change is not None:
                mine = ev.heading_change.by == cs.modification
            if mine:
                what = ev.what.split(",")[0]
                if what not in refs:
                    refs.append(what)
                if ev.section not in docs:
                    docs.append(ev.section)
        names = [d.name for d in final if d.key in docs]
        summaries.append(
            ModificationSummary(cs.modification, cs.kind, cs.title, cs.date.isoformat(), tuple(refs), tuple(names))
        )
    return Release(manifest, tuple(base), tuple(final), tuple(redlines), tuple(summaries), tuple(changesets))


def _makers(change: ClauseChange) -> set[str]:
    """Every modification that made a marked run of ``change`` (its words, labels and table cells)."""
    found: set[str] = set()
    for k in change.walk():
        cells = (r for row in k.cells for cell in row for r in cell)
        found.update(r.by for r in (*k.text, *k.trailing, *k.label_runs, *cells) if r.op != "equal" and r.by)
    return found


def release_annex(release: Release) -> AnnexA:
    """The release redline's model: every changed document in full, under the release's front matter."""
    m = release.manifest
    sections = []
    for r in release.redlines:
        blocks = select_blocks(r, "all")
        sections.append(AnnexSection(r.new.heading, blocks, r.new.key))
    return AnnexA(
        heading=f"{m.release}: redline",
        subtitle=f"SEC Version {m.base_version} to SEC Version {m.version}",
        version_line=f"Go-live {long_date(m.date)}",
        base_version=m.base_version,
        header=f"{m.release} - redline, SEC {m.base_version} to {m.version}",
        classification=m.classification,
        author=m.author,
        date=f"{m.date.isoformat()}T00:00:00Z",
        sections=tuple(sections),
        redlines=release.redlines,
        front="_release-front.html.j2",
        authors=tuple((cs.modification, revision_author(cs), cs.timestamp) for cs in release.changesets),
        listed=tuple((cs.modification, cs.kind, cs.title) for cs in release.changesets),
    )


def long_date(day: dt.date) -> str:
    """7 November 2019."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def notes_context(release: Release) -> dict:
    """What the release-notes templates show."""
    m = release.manifest
    changed = {r.new.identity for r in release.redlines}
    by_doc: dict[str, list[str]] = {}
    for s in release.modifications:
        for d in s.documents:
            by_doc.setdefault(d, []).append(s.modification)
    log = [
        {
            "document": d.heading,
            "before": m.base_version,
            "after": m.version if d.identity in changed else m.base_version,
            "changed": d.identity in changed,
            "by": ", ".join(by_doc.get(d.name, [])),
        }
        for d in release.consolidated
    ]
    return {
        "release": m.release,
        "date": long_date(m.date),
        "date_iso": m.date.isoformat(),
        "base_version": m.base_version,
        "version": m.version,
        "author": m.author,
        "classification_line": classification_sentence(m.classification),
        "modifications": [
            {
                "modification": x.modification,
                "kind": x.kind,
                "title": x.title,
                "date": x.date,
                "clauses": list(x.clauses),
            }
            for x in release.modifications
        ],
        "affected": [row for row in log if row["changed"]],
        "log": log,
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lock_text(manifest: Manifest, inputs: dict[str, bytes], outputs: dict[str, bytes | str]) -> str:
    """``manifest.lock``: the SHA-256 of every input (by its path relative to the manifest) and of every
    output (by its path in the release folder), as sorted JSON."""

    def digest(v: bytes | str) -> str:
        return sha256(v.encode("utf-8") if isinstance(v, str) else v)

    data = {
        "format": "sec-redline release lock",
        "format_version": 1,
        "release": manifest.release,
        "version": manifest.version,
        "inputs": {k: sha256(v) for k, v in sorted(inputs.items())},
        "outputs": {k: digest(v) for k, v in sorted(outputs.items())},
    }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def consolidated_outputs(release: Release, docx: Callable[[list[Document]], bytes]) -> dict[str, bytes | str]:
    """``consolidated/``: each document as .txt and .docx, and the whole code as ``sec.txt``."""
    out: dict[str, bytes | str] = {}
    for d in release.consolidated:
        out[f"{CONSOLIDATED}/{slug(d)}.txt"] = render_text(d)
        out[f"{CONSOLIDATED}/{slug(d)}.docx"] = docx([d])
    out[f"{CONSOLIDATED}/sec.txt"] = "\n".join(render_text(d) for d in release.consolidated)
    return out


__all__ = [
    "LOCK_NAME",
    "Manifest",
    "ManifestError",
    "Release",
    "attributed",
    "build_release",
    "consolidated_outputs",
    "load_manifest",
    "lock_text",
    "notes_context",
    "release_annex",
    "revision_author",
    "slug",
]


# --- pending changes --------------------------------------------------------------------------------


def _targets(cs: ChangeSet) -> list[tuple[object, Location, str]]:
    """What each operation of ``cs`` changes: a reference, ("definition", term) or ("table", caption), with
    where it was written and how to name it."""
    from legal_text import ClauseRef

    from .changeset import AmendDefinition, RemoveDefinition, TableOperation

    out: list[tuple[object, Location, str]] = []
    for op in cs.changes:
        if isinstance(op, (AmendDefinition, RemoveDefinition)):
            out.append((("definition", op.term.casefold()), op.where, f'the definition of "{op.term}"'))
        elif isinstance(op, TableOperation):
            out.append((("table", op.table.casefold()), op.where, op.table))
        elif isinstance(op.target, ClauseRef):
            out.append((op.target, op.where, str(op.target)))
    return out


def _overlap(a: object, b: object) -> bool:
    from legal_text import ClauseRef

    if isinstance(a, ClauseRef) and isinstance(b, ClauseRef):
        return a.is_within(b) or b.is_within(a)
    return a == b


def pending_warnings(draft: ChangeSet, pending: Sequence[tuple[Manifest, Sequence[ChangeSet]]]) -> list[Message]:
    """A warning for each provision ``draft`` changes that an approved modification of a pending release
    (one not yet released) changes too: the draft should be drafted against the text as it will be in
    force (conformed text), not the current version."""
    out: list[Message] = []
    mine = _targets(draft)
    for manifest, changesets in pending:
        for cs in changesets:
            if cs.modification == draft.modification:
                continue
            theirs = _targets(cs)
            for target, where, name in mine:
                other = next((n for t, _, n in theirs if _overlap(target, t)), None)
                if other is not None:
                    out.append(
                        Message(
                            "warning",
                            f"{name}: {cs.modification} '{cs.title}', approved for the {manifest.release} "
                            f"(SEC {manifest.version}) and not yet released, also changes {other}; draft against "
                            f"the text as it will be in force",
                            where,
                        )
                    )
    return out
