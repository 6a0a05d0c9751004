"""Annex A: which text to show around each change, and the instruction before it.

SECAS shows, for a change, an instruction ("Amend Section G3.20 as follows:",
"Insert new Section G3.20A:", "Delete Section G3.21:"), then the part heading
and every clause of that part in full, the change marked.  ``context`` picks
how much is shown: "part" (as SECAS does), "clause" (only the changed
clauses) or "all" (the whole document).  A redline may cover several
Sections (a release); each has its own heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from legal_text import ClauseRef, Message
from legal_text.diff import ClauseChange, Entry, HeadingChange, Op, Redline, Run, Status
from legal_text.events import EVENT_KINDS, DiffEvent, find_events, table_caption
from legal_text.model import documents_title
from legal_text.profiles import document_name

from .fileio import check_not_input
from .house_style import DEFAULT_CLASSIFICATION, Marks, classification_sentence
from .outputs import Outputs, told

if TYPE_CHECKING:
    from .changes import ChangeSet
    from .drafts import Solution

Context = Literal["part", "clause", "all"]
CONTEXTS: tuple[Context, ...] = ("part", "clause", "all")
# How definitions are shown: as quoted paragraphs ('"Term" means ...'), or as rows of a two-column table
# (term | definition), as Section A is published.
DefinitionsAs = Literal["quoted", "table"]
DEFINITIONS_AS: tuple[DefinitionsAs, ...] = ("quoted", "table")


@dataclass(frozen=True)
class AnnexBlock:
    """One instruction and the entries shown under it."""

    instruction: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class AnnexSection:
    """The blocks of one Section, under its heading ("Section G 'Security'")."""

    heading: str
    blocks: tuple[AnnexBlock, ...]
    section: str = ""  # its letter


@dataclass(frozen=True)
class AnnexA:
    """Everything a redline writer needs: front matter and the marked-up Sections."""

    heading: str  # "MP087 'Correction to SEC Section G - User Responsibilities'"
    subtitle: str  # "Annex A"
    version_line: str  # "Legal text - version 0.1"
    base_version: str  # the SEC version the changes are drafted against
    header: str  # the running header
    classification: str  # "White"
    author: str
    date: str  # ISO 8601, the date of every tracked change
    sections: tuple[AnnexSection, ...]
    redlines: tuple[Redline, ...]
    base_checked: bool = True  # False when the base text named no version, so base_version is unchecked
    front: str = "_annex-a-front.html.j2"  # the template of its front matter
    # For a redline of several modifications (a release's): each change's ``by`` -> (author, date) of its
    # revisions, and (by, title) of each, in order, for the front matter.
    authors: tuple[tuple[str, str, str], ...] = ()
    listed: tuple[tuple[str, str, str], ...] = ()  # (modification, kind, title)
    # The drafter's notes, each on the words its operation changed: (the operation's file:line, the note).
    notes: tuple[tuple[str, str], ...] = ()
    # The drafts of this legal text, oldest first, when it has been drafted more than once: (version, date in
    # words, what changed), for the front matter's version table.
    versions: tuple[tuple[str, str, str], ...] = ()

    @property
    def classification_line(self) -> str:
        return classification_sentence(self.classification)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _named(refs: list[ClauseRef]) -> str:
    """Provisions as an instruction names them: "Section G3.20", "Sections G3.20 and G3.21", "Appendix AD
    paragraphs 1.2 and 2.1.1"; references of one document together, documents in the order met."""
    by_doc: dict[tuple[str, str], list[ClauseRef]] = {}
    for r in refs:
        by_doc.setdefault(r.document, []).append(r)
    parts = []
    for (profile, code), mine in by_doc.items():
        if profile == "section":
            parts.append(f"{'Sections' if len(mine) > 1 else 'Section'} {_join([str(r) for r in mine])}")
        else:
            words = "paragraphs" if len(mine) > 1 else "paragraph"
            parts.append(f"{document_name(profile, code)} {words} {_join([r.shown + _path(r) for r in mine])}")
    return _join(parts)


def _path(ref: ClauseRef) -> str:
    return "".join(f"({p})" for p in ref.path)


def _definitions(e: ClauseChange) -> dict[str, list[ClauseChange]] | None:
    """The changed definitions of a clause by status, when definitions are all that changed in it (Section
    A1.1 with a new or amended definition); else None."""
    if e.status != "amended" or any(r.op != "equal" for r in e.text + e.trailing):
        return None
    changed = [c for c in e.children if c.is_changed()]
    if not changed or any(c.kind != "definition" for c in changed):
        return None
    out: dict[str, list[ClauseChange]] = {}
    for c in changed:
        out.setdefault("amended" if c.status == "equal" else c.status, []).append(c)
    return out


def _tables_only(e: ClauseChange) -> list[str]:
    """The captions ("Table 28a") of the tables of a provision when changes to them are all its changes."""
    changed = [c for c in e.walk() if c is not e and c.status != "equal"]
    if any(r.op != "equal" for r in e.text + e.trailing) or not changed or any(c.kind != "table" for c in changed):
        return []
    return [table_caption(c) or "the table" for c in changed]


def _term(c: ClauseChange) -> str:
    return "“" + c.label.strip('"“”') + "”"


@dataclass
class _Changes:
    """What the entries under one instruction change, sorted as the instruction names them."""

    by_status: dict[str, list[ClauseRef]] = field(
        default_factory=lambda: {"amended": [], "inserted": [], "deleted": [], "renumbered": []}
    )
    renumbered_from: dict[ClauseRef, ClauseRef] = field(default_factory=dict)
    headings: dict[str, list[str]] = field(default_factory=lambda: {"inserted": [], "deleted": []})
    new_terms: list[str] = field(default_factory=list)
    gone_terms: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # "amend Table 28a in Appendix AD paragraph 2.1"

    def add(self, e: Entry) -> None:
        if isinstance(e, HeadingChange) and e.status in self.headings:
            self.headings[e.status].append(f"'{e.heading.label} {e.heading.text}'".replace("' ", "'"))
        if not isinstance(e, ClauseChange) or not e.is_changed():
            return
        defs = _definitions(e)
        if defs is not None:
            self.new_terms += [_term(c) for c in defs.get("inserted", [])]
            self.gone_terms += [_term(c) for c in defs.get("deleted", [])]
            if defs.get("amended"):
                self.by_status["amended"].append(e.ref)
            return
        status = e.status if e.status != "equal" else "amended"
        tables = _tables_only(e) if status == "amended" else []
        if tables:
            self.tables.append(f"amend {_join(tables)} in {_named([e.ref])}")
            return
        self.by_status[status].append(e.ref)
        if status == "renumbered" and e.old_ref:
            self.renumbered_from[e.ref] = e.old_ref

    def phrases(self) -> list[str]:
        """Each kind of change as the instruction says it, in SECAS's order."""
        phrases = list(self.tables)
        for status, verb in (
            ("amended", "amend"),
            ("renumbered", "renumber"),
            ("inserted", "insert new"),
            ("deleted", "delete"),
        ):
            refs = self.by_status[status]
            if status == "renumbered" and refs:
                phrases.append(f"{verb} " + _join([f"{_named([self.renumbered_from[r]])} as {r}" for r in refs]))
            elif refs:
                phrases.append(f"{verb} {_named(refs)}")
        if self.gone_terms:
            many = "definitions" if len(self.gone_terms) > 1 else "definition"
            phrases.append(f"delete the {many} of {_join(self.gone_terms)}")
        if self.new_terms:
            many = "definitions" if len(self.new_terms) > 1 else "definition"
            phrases.append(f"insert the following new {many} in the appropriate alphabetical order")
        for status, verb in (("deleted", "delete"), ("inserted", "insert")):
            words = self.headings[status]
            if words:
                phrases.append(f"{verb} the {'headings' if len(words) > 1 else 'heading'} {_join(words)}")
        return phrases

    def kinds(self) -> list[str]:
        """The kinds of change there are, to choose the instruction's ending."""
        only = [s for s, refs in self.by_status.items() if refs]
        only += [f"heading {s}" for s, w in self.headings.items() if w]
        only += ["tables"] * bool(self.tables)
        return only + ["new definitions"] * bool(self.new_terms) + ["deleted definitions"] * bool(self.gone_terms)


def instruction_for(entries: tuple[Entry, ...]) -> str:
    """ "Amend Section G3.20 as follows:", "Insert new Section G3.20A:", "Delete Section G3.21:", "Insert the
    following new definition in the appropriate alphabetical order:", "Amend Appendix AD paragraph 2.1.1 as
    follows:", or a combination."""
    changes = _Changes()
    for e in entries:
        changes.add(e)
    phrases = changes.phrases()
    if not phrases:
        return "Amend as follows:"
    text = _join(phrases)
    text = text[0].upper() + text[1:]
    only = changes.kinds()
    whole = only in (["inserted"], ["deleted"], ["deleted definitions"])
    return text + (":" if whole or only == ["new definitions"] else " as follows:")


def _trimmed(e: Entry) -> Entry:
    """A clause whose only changes are definitions (Section A1.1) with only those definitions shown: the
    definitions clause holds hundreds, and an Annex A shows the ones it changes."""
    if not isinstance(e, ClauseChange) or _definitions(e) is None:
        return e
    return replace(e, children=tuple(c for c in e.children if c.is_changed()))


def _parts(body: tuple[Entry, ...]) -> list[list[Entry]]:
    """The body cut before each part or group heading."""
    parts: list[list[Entry]] = [[]]
    for e in body:
        # Headings one after another (a group heading and its first part's, or a heading and the one
        # replacing it) begin one part.
        if isinstance(e, HeadingChange) and parts[-1] and not isinstance(parts[-1][-1], HeadingChange):
            parts.append([])
        parts[-1].append(e)
    return [p for p in parts if p]


def _changed(e: Entry) -> bool:
    return (isinstance(e, ClauseChange) and e.is_changed()) or (isinstance(e, HeadingChange) and e.status != "equal")


def _term_runs(c: ClauseChange) -> tuple[Run, ...]:
    term = c.label.strip('"“”')
    op: Op = "insert" if c.status == "inserted" else "delete" if c.status == "deleted" else "equal"
    return (Run(op, term),)


def _definition_runs(c: ClauseChange) -> tuple[Run, ...]:
    """A definition's words with its own paragraphs after them, as one cell's runs."""
    runs = list(c.text)
    for k in c.children:
        if k.kind == "table":
            continue
        runs += [Run("equal", " "), *k.label_runs, Run("equal", " "), *_definition_runs(k)]
    if c.trailing:
        runs += [Run("equal", " "), *c.trailing]
    return tuple(runs)


def as_definition_table(e: Entry) -> Entry:
    """A provision whose definitions are shown as a two-column table (term | definition) instead of quoted
    paragraphs: each run of definitions becomes one table, a definition inserted or deleted whole a row
    inserted or deleted."""
    if not isinstance(e, ClauseChange) or not any(c.kind == "definition" for c in e.children):
        return e
    children: list[ClauseChange] = []
    run: list[ClauseChange] = []

    def close() -> None:
        if run:
            status: Status = "equal" if all(c.status == "equal" for c in run) else "amended"
            children.append(
                ClauseChange(
                    e.ref.child(f"table{len(children) + 1}d"),
                    "",
                    status,
                    (),
                    (),
                    (),
                    "table",
                    cells=tuple((_term_runs(c), _definition_runs(c)) for c in run),
                    row_status=tuple(c.status for c in run),
                )
            )
            run.clear()

    for c in e.children:
        if c.kind == "definition":
            run.append(c)
        else:
            close()
            children.append(c)
    close()
    return replace(e, children=tuple(children))


def select_blocks(
    redline: Redline, context: Context = "part", definitions: DefinitionsAs = "quoted"
) -> tuple[AnnexBlock, ...]:
    """The blocks of an Annex A for ``redline`` with the given amount of context (a definitions clause shows
    only the definitions it changes, but with "all"); ``definitions`` "table" shows definitions as rows of
    a two-column table."""
    body = redline.body
    if context == "all":
        groups = [list(body)] if any(_changed(e) for e in body) else []
    elif context == "clause":
        groups = [[_trimmed(e)] for e in body if isinstance(e, ClauseChange) and _changed(e)]
    else:
        groups = [[_trimmed(e) for e in p] for p in _parts(body) if any(_changed(e) for e in p)]
    shown = [[as_definition_table(e) for e in g] for g in groups] if definitions == "table" else groups
    return tuple(AnnexBlock(instruction_for(tuple(g)), tuple(s)) for g, s in zip(groups, shown, strict=True))


def build_annex(
    redlines: Redline | list[Redline],
    changeset: ChangeSet,
    context: Context = "part",
    classification: str = DEFAULT_CLASSIFICATION,
    base_checked: bool = True,
    definitions: DefinitionsAs = "quoted",
    notes: bool = True,
    versions: Sequence[tuple[str, str, str]] = (),
) -> AnnexA:
    """The Annex A model of ``redlines`` (one per document) for ``changeset``; ``definitions`` says how
    definitions are shown (quoted paragraphs, or rows of a two-column table); with ``notes``, the
    operations' notes go with the words they changed (Word comments); ``versions``: the rows of the front
    matter's version table (version, date in words, what changed: ``drafts.version_rows``, or a
    modification record's), none when the legal text has one draft."""
    redlines = [redlines] if isinstance(redlines, Redline) else list(redlines)
    sections = tuple(
        AnnexSection(
            (r.new if r.new.section else r.old).heading,
            select_blocks(r, context, definitions),
            (r.new if r.new.section else r.old).key,
        )
        for r in redlines
    )
    return AnnexA(
        heading=f"{changeset.modification} '{changeset.title}'",
        subtitle="Annex A",
        version_line=f"Legal text - version {changeset.legal_text_version}",
        base_version=changeset.base,
        header=f"{changeset.modification} Annex A - legal text version {changeset.legal_text_version}",
        classification=classification,
        author=changeset.author,
        date=changeset.timestamp,
        sections=tuple(s for s in sections if s.blocks),
        redlines=tuple(redlines),
        base_checked=base_checked,
        notes=tuple((str(op.where), op.note) for op in changeset.changes if op.note) if notes else (),
        versions=tuple(versions),
    )


@dataclass(frozen=True)
class Comparison:
    """A reviewer's clause-by-clause comparison of two versions of one Section, or of each Section of two
    versions of the code."""

    redlines: tuple[Redline, ...]
    context: Context = "clause"  # how much text the page shows around a change
    # What the two sides are called when they are not SEC versions (two drafts of one modification's
    # legal text, a Proposed solution and an Alternative): ("MP915 legal text 0.1", "... 0.2").
    names: tuple[str, str] = ("", "")

    @cached_property
    def section_blocks(self) -> tuple[tuple[AnnexBlock, ...], ...]:
        """The blocks of each redline (worked out when a page needs them)."""
        return tuple(select_blocks(r, self.context) for r in self.redlines)

    @property
    def redline(self) -> Redline:
        """The first (for one Section, the only) Section's redline."""
        return self.redlines[0]

    @property
    def old_version(self) -> str:
        """The SEC version OLD states (the first its Sections state), or ""."""
        return next((r.old.version for r in self.redlines if r.old.version), "")

    @property
    def new_version(self) -> str:
        return next((r.new.version for r in self.redlines if r.new.version), "")

    @property
    def old_label(self) -> str:
        """What OLD is called in the heading, the Word header and the HTML title: its SEC version, else its
        file's name (never a path on one's machine)."""
        if self.names[0]:
            return self.names[0]
        return f"SEC {self.old_version}" if self.old_version else _file_label(self.redline.old.source)

    @property
    def new_label(self) -> str:
        if self.names[1]:
            return self.names[1]
        return f"SEC {self.new_version}" if self.new_version else _file_label(self.redline.new.source)

    @property
    def section_heading(self) -> str:
        if len(self.redlines) == 1:
            return self.redline.new.heading
        return documents_title([r.new if r.new.section else r.old for r in self.redlines])

    @property
    def sections(self) -> tuple[AnnexSection, ...]:
        if len(self.redlines) == 1:
            r = self.redline
            return (
                AnnexSection(self.section_heading, self.section_blocks[0], (r.new if r.new.section else r.old).key),
            )
        return tuple(
            AnnexSection((r.new if r.new.section else r.old).heading, b, (r.new if r.new.section else r.old).key)
            for r, b in zip(self.redlines, self.section_blocks, strict=True)
            if b
        )

    @property
    def heading(self) -> str:
        return f"{self.section_heading}: {self.old_label} compared with {self.new_label}"

    @cached_property
    def events(self) -> list[DiffEvent]:
        """Every event, Section by Section; a move across Sections is one event (see ``find_events``)."""
        return find_events(self.redlines)

    def summary(self) -> str:
        """ "2 amended, 1 inserted, 0 deleted" counting numbered clauses and paragraphs."""
        events = self.events
        if not events:
            return "No differences."
        counts = {k: sum(1 for e in events if e.kind == k) for k in EVENT_KINDS}
        shown = [f"{n} {s}" for s, n in counts.items() if n or s in ("amended", "inserted", "deleted")]
        return ", ".join(shown) + " (clauses and paragraphs)."


def _file_label(source: str) -> str:
    """A version that names no SEC version, as a reader knows it: its file's name (standard input: "standard
    input"), or "text"."""
    if source == "-":
        return "standard input"
    return Path(source).name or "text"


def build_comparison(
    redlines: Redline | list[Redline], context: Context = "clause", names: tuple[str, str] = ("", "")
) -> Comparison:
    """The comparison of one Section's redline, or of several Sections' redlines; ``names`` say what the
    two sides are when they are not SEC versions."""
    redlines = [redlines] if isinstance(redlines, Redline) else list(redlines)
    return Comparison(tuple(redlines), context, names)


ANNEX_FILES = ("annex-a.docx", "annex-a.html", "annex-a.pdf", "draft-checks.md")


def make_annex_a(
    base: str | Path,
    changeset: str | Path,
    outdir: str | Path,
    *,
    context: Context = "part",
    definitions: DefinitionsAs = "quoted",
    marks: Marks = "tracked",
    pdf: bool = True,
    classification: str = DEFAULT_CLASSIFICATION,
    template_dir: str | Path | None = None,
    section: str | None = None,
    strict: bool = False,
    pending: Sequence[str | Path] = (),
    store: str | Path | None = None,
    notes: bool = True,
    since: str | Path | None = None,
    alternatives: Sequence[str | Path] = (),
) -> Outputs:
    """``sec-redline redline``: the Annex A of the change set at ``changeset`` against the base at ``base``
    (one document, the whole code, or a folder of documents), in Word, HTML and (with LibreOffice) PDF,
    and the drafting checks beside it (``draft-checks.md``, never inside the Annex A), in ``outdir``.

    ``notes``: the operations' ``note:`` as Word comments (and notes beside the marks in HTML); leave them
    out of a copy for publication.  ``since``: an earlier draft of the same legal text, compared with this
    one (``annex-a-changes-since-VERSION``) and named in the front matter's version table.
    ``alternatives``: Alternative solutions' change sets, each with its own Annex A (``annex-a-ID``) and a
    comparison with the Proposed solution (``solutions-PROPOSED-ID``)."""
    from .apply import apply_with_ledger, require_checked_base
    from .changes import documents_needed, load_changeset
    from .drafts import AnnexStyle, Solution, check_family, family_files
    from .release import pending_messages
    from .sources import read_base

    out = Path(outdir)
    inputs = [Path(p) for p in (base, changeset, *([since] if since is not None else []), *alternatives)]
    for name in ANNEX_FILES:
        check_not_input(out / name, inputs)
    said: list[Message] = []
    with told(said):
        cs = load_changeset(changeset)
        earlier = load_changeset(since) if since is not None else None
        alts = [load_changeset(a) for a in alternatives]
        said += check_family(cs, earlier, alts)
        notes_said, pending_note = pending_messages([cs], pending, strict, store)
        said += notes_said
        family = [cs, *([earlier] if earlier else []), *alts]
        needed = [documents_needed(c) for c in family]
        only = None if any(n is None for n in needed) else set().union(*needed)  # type: ignore[arg-type]
        loaded = read_base(base, strict, section=section, only=only)
        said += loaded.messages
        docs = loaded.value
        solutions: list[Solution] = []
        for c in family:
            applied = apply_with_ledger(docs, [c])
            # What the base said once, not again for each draft and solution.
            said += [m for m in applied.messages if m not in said]
            solutions.append(Solution(c, applied))
            require_checked_base(applied.messages, base, strict)
    style = AnnexStyle(context, definitions, marks, pdf, classification, template_dir, notes)
    main, rest = solutions[0], solutions[1:]
    before = rest.pop(0) if earlier is not None else None
    made = family_files(docs, main, out, style, earlier=before, alternatives=rest)
    # What became of the --pending releases is a note (stderr), before the drafting checks.
    files, report, stdout = made.files, pending_note + made.report, made.stdout
    return Outputs(files, tuple(said), stdout, report=report, inputs=tuple(inputs))
