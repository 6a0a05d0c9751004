"""The ``sec-redline`` command line.

Every user error is one line on stderr (``sec-redline: error: file:line: clause: problem``)
and a documented exit code (see errors.py and README "Exit codes"); a traceback is a bug.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import click
from click.decorators import FC

from legal_text import (
    Document,
    Location,
    Message,
    Result,
    Side,
    diff_documents,
    dump_json,
    dump_json_sections,
    error,
    render_text,
    warning,
)
from legal_text.collector import no_collector_pauses
from legal_text.diff import Redline
from legal_text.ooxml import MarkStyle

from .annex import CONTEXTS, DEFINITIONS_AS, Context, DefinitionsAs, build_annex, build_comparison
from .apply import UNCHECKED_BASE, apply_changesets, documents_needed
from .changeset import ChangeSet, load_changeset, load_changeset_text
from .derive import derive_changeset, dump_changeset
from .errors import (
    EXIT_DIFFERS,
    EXIT_OK,
    ChangeSetError,
    InputError,
    MetadataError,
    OutputError,
    ProblemsError,
    StrictError,
    UserError,
)
from .fileio import (
    check_not_input,
    choose_sections,
    folder_files,
    read_sections,
    read_two,
    read_word_bytes,
    word_sections,
    write_all,
)
from .house_style import DEFAULT_CLASSIFICATION, DOCUMENTS, MARKS, Marks
from .version import __version__

templates_option = click.option(
    "--templates",
    "template_dir",
    type=click.Path(),
    metavar="DIR",
    help="A folder of your own templates (and reference.docx), searched before the shipped ones; they run sandboxed.",
)
section_option = click.option(
    "--section",
    metavar="LETTER",
    help="For a file that holds several Sections (the whole code): use only this one, e.g. G.",
)
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Also show informational notes.")
pending_option = click.option(
    "--pending",
    multiple=True,
    type=click.Path(),
    metavar="MANIFEST",
    help="A release manifest of approved modifications not yet released (repeatable): warn where this change "
    "set changes what one of them changes too.",
)


def _warn_pending(
    changesets: list[ChangeSet], manifests: tuple[str, ...], strict: bool, store_path: str | None = None
) -> None:
    """Print a warning for each provision the change sets change that a pending release's modification
    changes too; with ``strict``, any is an exit.  With ``store_path``, a release whose version the store
    holds has been released since: it is left out, and said so."""
    if not manifests:
        return
    from .release import load_manifest, pending_warnings

    released: set[str] = set()
    if store_path is not None:
        with _open_store(store_path) as st:
            released = {v[0] for v in st.versions()}
    pending = []
    for path in manifests:
        m = load_manifest(path)
        if m.version in released:
            click.echo(f"pending: {path}: SEC {m.version} is in {store_path}, so released; not pending")
            continue
        pending.append((m, _load_changesets(m.modifications)))
    found = [w for cs in changesets for w in pending_warnings(cs, pending)]
    print_messages(found)
    if strict and found:
        raise StrictError(f"{len(found)} change(s) meet a pending modification, and --strict was given")


def store_file_option(help_text: str) -> Callable[[FC], FC]:
    """``--store FILE``: the version store's file."""
    return click.option("--store", "store_path", type=click.Path(), metavar="FILE", help=help_text)


store_option = store_file_option("The version store (SQLite) [default: sec-versions.sqlite in the current folder].")
pending_store_option = store_file_option(
    "The version store: a --pending release whose version it holds has been released, and is left out."
)


def _open_store(path: str | None, create: bool = False):
    from .store import DEFAULT_STORE, Store

    return Store(path or DEFAULT_STORE, create=create)


def output_dir_option(help_text: str) -> Callable[[FC], FC]:
    """``-o/--output-dir DIR``: the folder a command writes its outputs into."""
    return click.option("-o", "--output-dir", "outdir", required=True, type=click.Path(), metavar="DIR", help=help_text)


def context_option(default: Context, help_text: str) -> Callable[[FC], FC]:
    """``--context``: how much text is shown around a change."""
    return click.option("--context", type=click.Choice(CONTEXTS), default=default, show_default=True, help=help_text)


def marks_option(default: str) -> Callable[[FC], FC]:
    """``--marks``: how a Word redline marks its changes."""
    return click.option(
        "--marks",
        type=click.Choice(["tracked", "visual", "auto"]),
        default=default,
        show_default=True,
        help="How a Word redline marks its changes: tracked revisions; visual formatting (inserted words "
        "underlined, deleted words struck through); or auto (tracked when it has any, else visual).",
    )


def print_messages(messages: Iterable[Message], verbose: bool = False, err: bool = True) -> None:
    """The one printer of messages: one line each, informational ones only with ``-v``."""
    for m in messages:
        if m.level != "info" or verbose:
            click.echo(str(m), err=err)


def _load_code(
    path: str,
    strict: bool,
    verbose: bool,
    side: Side = "new",
    marks: MarkStyle = "tracked",
    section: str | None = None,
    only: Collection[tuple[str, str]] | None = None,
) -> list[Document]:
    """Every document of the file or folder at ``path`` (one, the whole code, or a folder of documents; of
    a folder, with ``only``, those documents), or only ``section``; the reader's messages printed, and with
    ``strict`` any warning an exit."""
    result = read_sections(path, side=side, marks=marks, only=only)
    return _said(choose_sections(result, path, section), path, strict, verbose)


def _said(result: Result[list[Document]], path: str, strict: bool, verbose: bool) -> list[Document]:
    print_messages(result.messages, verbose)
    if strict and result.warnings:
        raise StrictError(f"{path}: {len(result.warnings)} warning(s) and --strict was given")
    return result.value


def _load_two(old: str, new: str, verbose: bool, section: str | None) -> tuple[list[Document], list[Document]]:
    """The two versions a comparison reads (at the same time when they are large), each one's messages
    printed, the old one's first."""
    old_result, new_result = read_two(old, new, section)
    pair = _said(old_result, old, False, verbose), _said(new_result, new, False, verbose)
    for path, docs in zip((old, new), pair, strict=True):
        if not any(True for d in docs for _ in d.clauses()):
            # A comparison with nothing on one side would call everything inserted or deleted: say so instead.
            raise InputError(f"{path}: no numbered provision was recognised, so there is nothing to compare")
    return pair


def _render_texts(docs: list[Document]) -> str:
    """The canonical text of one Section, or of several one after another."""
    return "\n".join(render_text(d) for d in docs)


def _print_applied(messages: tuple[Message, ...], base: str, strict: bool, verbose: bool) -> None:
    """Print what applying said; with ``strict``, a base whose version could not be checked is an exit."""
    print_messages(messages, verbose)
    unchecked = [m for m in messages if m.code == UNCHECKED_BASE]
    if strict and unchecked:
        raise StrictError(
            f"{base}: names no SEC version, so the change set's 'base:' was not checked, and --strict was given"
        )


def _load_changesets(paths) -> list[ChangeSet]:
    """Load every change set, reporting the problems of all of them at once."""
    loaded: list[ChangeSet] = []
    problems: list[Message] = []
    for path in paths:
        try:
            loaded.append(load_changeset(path))
        except ProblemsError as exc:
            problems += exc.messages
    if problems:
        raise ChangeSetError(problems)
    return loaded


def _done(paths: list[Path]) -> None:
    for p in paths:
        click.echo(f"wrote {p}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sec-redline")
def cli() -> None:
    """Draft, redline and report amendments to the Smart Energy Code."""


@cli.command()
@click.argument("file", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "refs"]),
    default="text",
    show_default=True,
    help="text: canonical clause text; json: the clause tree; refs: one clause reference a line.",
)
@click.option("-o", "--output", type=click.Path(), metavar="FILE", help="Write here instead of standard output.")
@click.option(
    "--definitions",
    type=click.Path(),
    metavar="FILE",
    help='Section A text whose definitions the JSON\'s "terms" are checked against.',
)
@click.option(
    "--view",
    type=click.Choice(["accepted", "rejected"]),
    default="accepted",
    show_default=True,
    help="For a Word redline: its text with every change accepted, or every change rejected.",
)
@marks_option("tracked")
@section_option
@click.option("--strict", is_flag=True, help="Fail (exit 6) if the reader had to guess or repair anything.")
@verbose_option
def parse(
    file: str,
    fmt: str,
    output: str | None,
    definitions: str | None,
    view: str,
    marks: MarkStyle,
    section: str | None,
    strict: bool,
    verbose: bool,
) -> None:
    """Read SEC clause text FILE (one Section or the whole code) into a clause tree and print it."""
    docs = _load_code(file, strict, verbose, "new" if view == "accepted" else "old", marks, section)
    terms = None
    if definitions:
        terms = [
            t
            for d in _load_code(definitions, strict, verbose, section="A" if section else None)
            for t in d.definitions()
        ]
        if not terms:
            raise InputError(
                f"{definitions}: no definitions found (expected Section A's lines such as '\"Term\" means ...' "
                f"or 'Term means ...')"
            )
    if fmt == "json":
        text = dump_json(docs[0], terms) if len(docs) == 1 else dump_json_sections(docs, terms)
    elif fmt == "refs":
        text = "".join(f"{r}\n" for d in docs for r in d.refs())
    else:
        text = _render_texts(docs)
    if output:
        check_not_input(output, [file] + ([definitions] if definitions else []))
        _done(write_all({Path(output): text}))
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("base", type=click.Path())
@click.argument("changesets", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    metavar="FILE|DIR",
    help="The amended text; its extension picks the format: .txt, .json or .docx.  With a folder BASE, a "
    "folder: every document of the base is written into it under its file's name, amended where the change "
    "sets touch it.",
)
@section_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 6) if the base text had to be repaired, or names no SEC version to check 'base:' against.",
)
@pending_option
@pending_store_option
@verbose_option
def apply(
    base: str,
    changesets: tuple[str, ...],
    output: str,
    section: str | None,
    strict: bool,
    pending: tuple[str, ...],
    store_path: str | None,
    verbose: bool,
) -> None:
    """Apply CHANGESETS, in order, to the BASE text (one Section, the whole code, or a folder of documents)
    and write the amended text (for a folder, every document of it into the folder OUTPUT)."""
    folder = Path(base).is_dir()
    suffix = Path(output).suffix.lower()
    if folder:
        if Path(output).exists() and not Path(output).is_dir():
            raise OutputError(
                f"{output}: is a file; with a folder base, -o names a folder to write every document into"
            )
        if section:
            raise UserError("--section does not go with a folder base: every document of the folder is written")
    elif suffix not in (".txt", ".json", ".docx"):
        raise OutputError(f"{output}: unknown output format '{suffix or '(none)'}'; use .txt, .json or .docx")
    check_not_input(output, [base, *changesets])
    docs = _load_code(base, strict, verbose, section=section)
    loaded = _load_changesets(changesets)
    _warn_pending(loaded, pending, strict, store_path)
    result = apply_changesets(docs, loaded)
    _print_applied(result.messages, base, strict, verbose)
    docs = [d.with_version("") for d in result.value]  # no longer the base version; the release numbers it
    if folder:
        _done(write_all(_folder_outputs(docs, Path(output), loaded[-1])))
        return
    if suffix == ".json":
        data: bytes | str = dump_json(docs[0]) if len(docs) == 1 else dump_json_sections(docs)
    elif suffix == ".docx":
        from .render import render_document_docx

        data = render_document_docx(docs, author=loaded[-1].author, date=loaded[-1].timestamp)
    else:
        data = _render_texts(docs)
        print_messages(_notes_left_out(docs, output))
    _done(write_all({Path(output): data}))


_STORE_KEEPS_TEXT = "the store keeps each version as text; keep the Word files beside it"


def _notes_left_out(
    docs: list[Document], output: str, keep: str = "write .docx or .json to keep them"
) -> list[Message]:
    """A warning when the footnotes of a Word base cannot go where text alone is written (a .txt file, the
    version store): their markers stay in the words, their text is not there."""
    noted = [c for d in docs for c in d.clauses() if c.notes]
    if not noted:
        return []
    count = sum(len(c.notes) for c in noted)
    return [
        warning(
            f"the base's {count} footnote(s) (in {noted[0].ref}{' and others' if len(noted) > 1 else ''}) cannot "
            f"be kept here, as text has no footnotes (their markers stay in the words); {keep}",
            output,
        )
    ]


def _folder_outputs(docs: list[Document], out: Path, cs: ChangeSet) -> dict[Path, bytes | str]:
    """Every document of a folder base written into ``out`` under its file's name (the documents a file
    held, together): .txt as canonical text, .docx as a clean Word document; each checked not to be an
    input."""
    by_file: dict[str, list[Document]] = {}
    for d in docs:
        by_file.setdefault(d.source, []).append(d)
    outputs: dict[Path, bytes | str] = {}
    for source, mine in by_file.items():
        target = out / Path(source).name
        check_not_input(target, [source])
        if target.suffix.lower() == ".docx":
            from .render import render_document_docx

            outputs[target] = render_document_docx(mine, author=cs.author, date=cs.timestamp)
        else:
            outputs[target] = _render_texts(mine)
    return outputs


@cli.command()
@click.argument("base", type=click.Path())
@click.argument("changeset", type=click.Path())
@output_dir_option("Folder for annex-a.docx, annex-a.html and annex-a.pdf (created if missing).")
@context_option("part", "How much text to show around a change: its part (as SECAS does), the clause, or all.")
@click.option(
    "--definitions",
    type=click.Choice(DEFINITIONS_AS),
    default="quoted",
    show_default=True,
    help="How definitions are shown: quoted paragraphs ('\"Term\" means ...'), or rows of a two-column table "
    "(term | definition), as Section A is published.",
)
@click.option(
    "--marks",
    type=click.Choice(MARKS),
    default="tracked",
    show_default=True,
    help="tracked: native Word tracked changes; visual: coloured underline and strike-through runs.",
)
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="Also write annex-a.pdf through LibreOffice (skipped with a note when it is not installed).",
)
@click.option(
    "--classification",
    default=DEFAULT_CLASSIFICATION,
    show_default=True,
    help="Panel Information Policy classification printed on every page.",
)
@templates_option
@section_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 6) if the base text had to be repaired, or names no SEC version to check 'base:' against.",
)
@pending_option
@pending_store_option
@verbose_option
def redline(
    base: str,
    changeset: str,
    outdir: str,
    context: Context,
    definitions: DefinitionsAs,
    marks: Marks,
    pdf: bool,
    classification: str,
    template_dir: str | None,
    section: str | None,
    strict: bool,
    pending: tuple[str, ...],
    store_path: str | None,
    verbose: bool,
) -> None:
    """Write the Annex A redline of CHANGESET against BASE (one document, the whole code, or a folder of
    documents): one Annex A over every document it changes, in Word, HTML and PDF."""
    out = Path(outdir)
    for t in ("annex-a.docx", "annex-a.html", "annex-a.pdf", "draft-checks.md"):
        check_not_input(out / t, [base, changeset])
    cs = load_changeset(changeset)
    _warn_pending([cs], pending, strict, store_path)
    docs = _load_code(base, strict, verbose, section=section, only=documents_needed(cs))
    applied = apply_changesets(docs, [cs])
    _print_applied(applied.messages, base, strict, verbose)
    changed = [(o, n) for o, n in zip(docs, applied.value, strict=True) if o is not n or len(docs) == 1]
    from .drafting import check_drafting, findings_markdown, findings_text

    redlines = [diff_documents(o, n) for o, n in changed]
    # The checks on what was applied and compared here, not applied and compared again.
    checked = check_drafting(docs, [cs], applied=(applied.value, redlines))
    if checked.findings:
        click.echo(findings_text(checked), err=True, nl=False)
    annex = build_annex(
        redlines,
        cs,
        context,
        classification,
        base_checked=all(o.version for o, _ in changed),
        definitions=definitions,
    )
    from .render import docx_to_pdf, render_annex_docx, render_annex_html, soffice

    word = render_annex_docx(annex, marks, template_dir)
    outputs: dict[Path, bytes | str] = {
        out / "annex-a.docx": word,
        out / "annex-a.html": render_annex_html(annex, template_dir),
        # beside the Annex A, never inside it: the Annex A stays the legal text alone
        out / "draft-checks.md": findings_markdown(checked, f"{cs.modification} '{cs.title}'"),
    }
    if pdf and soffice() is None:
        click.echo(
            "note: LibreOffice is not installed, so annex-a.pdf was not written "
            "(install libreoffice-writer, or pass --no-pdf)",
            err=True,
        )
    elif pdf:
        outputs[out / "annex-a.pdf"] = docx_to_pdf(word, "annex-a", cs.date_time)
    _done(write_all(outputs))


COMPARISON_FORMATS = (".html", ".docx", ".json", ".yaml", ".yml")
PLACEHOLDER_MODIFICATION = "MP000"
PLACEHOLDER_DATE = dt.date(2000, 1, 1)


def changeset_options(required: bool) -> Callable[[FC], FC]:
    """``changeset``'s options (required there; for ``diff``, with the documented placeholder defaults)."""

    def decorate(f: FC) -> FC:
        for option in reversed(
            [
                click.option(
                    "--modification",
                    required=required,
                    default=None if required else PLACEHOLDER_MODIFICATION,
                    show_default=not required,
                    help="The modification's id, e.g. MP104.",
                ),
                click.option(
                    "--title",
                    required=required,
                    help="The modification's title." + ("" if required else "  [default: 'OLD compared with NEW']"),
                ),
                click.option("--author", default="SECAS", show_default=True, help="Author of the tracked changes."),
                click.option(
                    "--date",
                    "date_",
                    required=required,
                    default=None if required else PLACEHOLDER_DATE.isoformat(),
                    show_default=not required,
                    type=click.DateTime(formats=["%Y-%m-%d"]),
                    help="Date of the tracked changes, YYYY-MM-DD (never today's date unless you give it).",
                ),
                click.option(
                    "--base",
                    "base_version",
                    help="The SEC version OLD is (default: its 'SEC Version' line; else 'unknown', with a warning).",
                ),
            ]
        ):
            f = option(f)
        return f

    return decorate


def _derived_changeset_text(
    pairs: list[tuple[Document, Document]],
    old: str,
    new: str,
    modification: str,
    title: str,
    author: str,
    date: dt.date,
    base_version: str | None,
    redlines: Sequence[Redline] | None = None,
) -> str:
    """The change set turning the OLD Sections into the NEW ones as YAML, checked to reproduce NEW before it
    is returned (``redlines``: the pairs' comparisons, when already made).  A move is written as ``move:``
    where that reproduces NEW, else as a removal and an addition."""
    old_docs, new_docs = [o for o, _ in pairs], [n for _, n in pairs]
    stated = next((d.version for d in old_docs if d.version), "")
    if base_version and stated and base_version != stated:
        raise InputError(f"{old}: is SEC {stated}, not SEC {base_version} as --base says; give the right base text")
    for moves in (True, False):
        cs = derive_changeset(
            old_docs, new_docs, modification, title, author, date, base_version, moves=moves, redlines=redlines
        )
        if not cs.changes:
            raise InputError(f"{new}: no differences from {old}; nothing to write")
        if not cs.base:
            click.echo(
                f"{old}: warning: names no SEC version and no --base was given; the change set says "
                f"'base: unknown' (set it before use)",
                err=True,
            )
            cs = replace(cs, base="unknown")
        text = dump_changeset(cs)
        try:
            loaded = load_changeset_text(text, "<derived>")
            applied = apply_changesets([o.with_version("") for o in old_docs], [replace(loaded, base="")]).value
        except ChangeSetError:
            continue
        if [d.body for d in applied] == [d.body for d in new_docs]:
            return text
    raise RuntimeError("derived change set does not reproduce the new text")


@cli.command()
@click.argument("old", type=click.Path(), required=False)
@click.argument("new", type=click.Path(), required=False)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(),
    metavar="FILE",
    help="Also write the comparison here; repeatable; the extension picks the format: .html (one page), "
    ".docx (tracked changes), .json (the events), .yaml (the change set turning OLD into NEW).",
)
@context_option("clause", "How much text the HTML page shows around a change (the .docx always shows all).")
@changeset_options(required=False)
@click.option(
    "--classification",
    default=DEFAULT_CLASSIFICATION,
    show_default=True,
    help="Information classification on the .docx footer.",
)
@templates_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when the versions differ (for scripts).")
@click.option("--from-version", metavar="VERSION", help="Compare this version held in the version store (not OLD).")
@click.option("--to-version", metavar="VERSION", help="... with this version held in the version store (not NEW).")
@store_option
@section_option
@verbose_option
def diff(
    old: str | None,
    new: str | None,
    outputs: tuple[str, ...],
    context: Context,
    modification: str,
    title: str | None,
    author: str,
    date_,
    base_version: str | None,
    classification: str,
    template_dir: str | None,
    exit_code: bool,
    from_version: str | None,
    to_version: str | None,
    store_path: str | None,
    section: str | None,
    verbose: bool,
) -> int:
    """Compare two versions of a document, of the whole code or of a folder of documents, document by
    document and clause by clause (OLD and NEW, or --from-version and --to-version of the version store):
    one line per event (amended, inserted, deleted, renumbered, moved), consequential cross-reference
    updates under the event that caused them."""
    stored = (from_version, to_version)
    if (any(stored) and not all(stored)) or (not any(stored) and (old is None or new is None)):
        raise click.UsageError("give OLD and NEW, or --from-version and --to-version (with --store)")
    if any(stored) and (old is not None or new is not None):
        raise click.UsageError("give OLD and NEW or --from-version and --to-version, not both")
    if from_version and to_version:
        with _open_store(store_path) as st:
            versions = [choose_sections(Result(st.documents(v), ()), f"SEC {v}", section).value for v in stored]
        old, new = f"SEC {from_version}", f"SEC {to_version}"
        loaded = (versions[0], versions[1])
    assert old is not None and new is not None
    for out in outputs:
        if Path(out).suffix.lower() not in COMPARISON_FORMATS:
            raise OutputError(
                f"{out}: unknown output format '{Path(out).suffix or '(none)'}'; use .html, .docx, .json or .yaml"
            )
        check_not_input(out, [p for p in (old, new) if Path(p).exists()])
    if not any(stored):
        loaded = _load_two(old, new, verbose, section)
    pairs = _pair_sections(*loaded)
    comparison = build_comparison([diff_documents(o, n) for o, n in pairs], context)
    for event in comparison.events:
        click.echo(event.line())
        for xref in event.cross_references:
            click.echo(f"          {xref.line()}")
    click.echo(comparison.summary())
    from .render import render_comparison_docx, render_comparison_html, render_comparison_json

    written: dict[Path, str | bytes] = {}
    date = date_.date()
    for out in outputs:
        suffix = Path(out).suffix.lower()
        if suffix == ".html":
            written[Path(out)] = render_comparison_html(comparison, template_dir)
        elif suffix == ".docx":
            stamp = f"{date.isoformat()}T00:00:00Z"
            written[Path(out)] = render_comparison_docx(comparison, author, stamp, template_dir, classification)
        elif suffix == ".json":
            written[Path(out)] = render_comparison_json(comparison)
        else:
            text = _derived_changeset_text(
                pairs, old, new, modification, title or comparison.heading, author, date, base_version,
                comparison.redlines,
            )  # fmt: skip
            placeholders = [
                f"{name} {value}"
                for name, value, default in (
                    ("modification", modification, PLACEHOLDER_MODIFICATION),
                    ("date", date.isoformat(), PLACEHOLDER_DATE.isoformat()),
                )
                if value == default
            ]
            if placeholders:
                text = (
                    f"# Derived by 'sec-redline diff'; {' and '.join(placeholders)} are placeholders: set them.\n"
                    + text
                )
            written[Path(out)] = text
    if written:
        _done(write_all(written))
    return EXIT_DIFFERS if exit_code and comparison.events else EXIT_OK


def _pair_sections(old: list[Document], new: list[Document]) -> list[tuple[Document, Document]]:
    """The Sections of two versions side by side: one Section each is compared whatever its letter; of the
    whole code, each Section with the same Section of the other (one that only one side has, against an
    empty Section)."""
    if len(old) == 1 and len(new) == 1:
        return [(old[0], new[0])]
    olds, news = {d.identity: d for d in old}, {d.identity: d for d in new}
    either = {**news, **olds}
    pairs = []
    for key in sorted(either, key=lambda k: either[k].order):
        model = either[key]
        o = olds.get(key) or replace(model, version=old[0].version, body=(), source=old[0].source, where=None)
        n = news.get(key) or replace(model, version=new[0].version, body=(), source=new[0].source, where=None)
        pairs.append((o, n))
    return pairs


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "-o", "--output", required=True, type=click.Path(), metavar="FILE", help="The change set to write (YAML)."
)
@changeset_options(required=True)
@section_option
@verbose_option
def changeset(
    old: str,
    new: str,
    output: str,
    modification: str,
    title: str,
    author: str,
    date_,
    base_version,
    section: str | None,
    verbose: bool,
) -> None:
    """Write the change set that turns OLD into NEW (edit a copy of the base text, one Section or the whole
    code, .txt or .docx, then run this); it is checked to reproduce NEW before it is written."""
    check_not_input(output, [old, new])
    pairs = _pair_sections(*_load_two(old, new, verbose, section))
    text = _derived_changeset_text(pairs, old, new, modification, title, author, date_.date(), base_version)
    _done(write_all({Path(output): text}))


@cli.command()
@click.argument("annex", type=click.Path())
@click.argument("base", type=click.Path())
@click.option(
    "--changes",
    "changes_path",
    type=click.Path(),
    metavar="FILE",
    help="Also check the redline's new text against BASE with this change set applied.",
)
@marks_option("auto")
@section_option
@verbose_option
def verify(
    annex: str, base: str, changes_path: str | None, marks: MarkStyle, section: str | None, verbose: bool
) -> int:
    """Check that the Word redline ANNEX was drafted against BASE (one Section, or the whole code, whose
    Sections the redline shows are checked): exit 1 when it was not."""
    docs = _load_code(base, False, verbose, section=section)
    data = read_word_bytes(annex)
    if len(docs) > 1:
        shown = {d.identity: d.name for d in word_sections(data, annex, "old", marks).value}
        docs = [d for d in docs if d.identity in shown]
        if not docs:
            raise InputError(
                f"{annex}: shows {', '.join(sorted(shown.values())) or 'no document'}, none of which {base} "
                f"holds; give the base text of the document it amends"
            )
    expected = apply_changesets(docs, [load_changeset(changes_path)]).value if changes_path else [None] * len(docs)
    found = 0
    for base_doc, after in zip(docs, expected, strict=True):
        from .verify import verify_redline

        findings, summary = verify_redline(data, annex, base_doc, after, marks)
        print_messages(findings, err=False)
        click.echo(summary if len(docs) == 1 else f"{base_doc.name}: {summary}")
        found += len(findings)
    return EXIT_DIFFERS if found else EXIT_OK


@cli.command()
@click.argument("metadata", type=click.Path())
@output_dir_option("Folder for the documents, each as .docx, .html and .md (created if missing).")
@click.option(
    "--changes",
    "changes_path",
    type=click.Path(),
    metavar="FILE",
    help="The modification's change set: the Sections impacted are computed from it and checked.",
)
@click.option(
    "--base",
    "base_path",
    type=click.Path(),
    metavar="FILE",
    help="The base text: with --changes, the problem statement quotes clauses as amended.",
)
@click.option(
    "--documents",
    "documents",
    default=",".join(DOCUMENTS),
    show_default=True,
    help="Which documents to write, comma-separated: " + ", ".join(DOCUMENTS) + ".",
)
@templates_option
@click.option("--strict", is_flag=True, help="Fail (exit 6) if any consistency check warns.")
def report(
    metadata: str,
    outdir: str,
    changes_path: str | None,
    base_path: str | None,
    documents: str,
    template_dir: str | None,
    strict: bool,
) -> None:
    """Write the Modification Report, problem statement and Panel paper from METADATA (YAML)."""
    wanted = [d.strip() for d in documents.split(",") if d.strip()]
    unknown = [d for d in wanted if d not in DOCUMENTS]
    if unknown or not wanted:
        raise click.UsageError(
            f"unknown document(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(DOCUMENTS)}"
        )
    from .render import html_to_docx
    from .render.templating import template_file
    from .report import check_report, load_report_metadata, render_document, report_context

    meta = load_report_metadata(metadata)
    changeset = load_changeset(changes_path) if changes_path else None
    amended: list = []
    if base_path:
        docs = _load_code(base_path, False, False)
        amended = apply_changesets(docs, [changeset]).value if changeset else docs
    warnings = check_report(meta, changeset, amended)
    print_messages(warnings)
    if strict and warnings:
        raise StrictError(f"{metadata}: {len(warnings)} consistency warning(s) and --strict was given")
    context = report_context(meta, changeset, amended, warnings)
    out = Path(outdir)
    outputs: dict[Path, bytes | str] = {}
    mod = meta.data["modification"]
    titles = {
        "modification-report": f"{mod} Modification Report",
        "problem-statement": f"{mod} problem statement",
        "panel-paper": f"{mod} Panel paper",
    }
    for name in wanted:
        if name != "modification-report" and not meta.data.get(name.replace("-", "_")):
            raise MetadataError(
                error(
                    f"no '{name.replace('-', '_')}:' section, so no {name}; add it or leave {name} out of --documents",
                    Location(metadata, 1),
                )
            )
        html = render_document(name, "html", meta, context, template_dir)
        outputs[out / f"{name}.docx"] = html_to_docx(
            html,
            titles[name],
            "SECAS",
            meta.data["date"],
            titles[name],
            str(meta.data.get("classification") or DEFAULT_CLASSIFICATION),
            template_dir,
            source=template_file(f"{DOCUMENTS[name]}.html.j2", template_dir),
        )
        outputs[out / f"{name}.html"] = html
        outputs[out / f"{name}.md"] = render_document(name, "md", meta, context, template_dir)
    inputs = [metadata] + [p for p in (changes_path, base_path) if p]
    for t in outputs:
        check_not_input(t, inputs)
    _done(write_all(outputs))


def _progress(steps: list[str]):
    """Plain lines where no one watches a terminal (CI, a pipe); click's progress bar where someone does."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        return click.progressbar(length=len(steps), label="release", file=sys.stderr)
    return None


@cli.command()
@click.argument("manifest", type=click.Path())
@output_dir_option("The release folder: consolidated/, release-redline.*, release-notes.*, manifest.lock.")
@store_option
@click.option("--force", is_flag=True, help="Replace the outputs of a release folder that is not empty.")
@click.option("--pdf/--no-pdf", default=False, show_default=True, help="Also write release-redline.pdf.")
@templates_option
@verbose_option
def release(
    manifest: str, outdir: str, store_path: str | None, force: bool, pdf: bool, template_dir: str | None, verbose: bool
) -> None:
    """Build the release MANIFEST describes: the consolidated code, the release redline (each modification's
    changes under its own author), the release notes and manifest.lock, all or nothing; with --store, record
    the new version (and the base, if the store lacks it) in the version store."""
    from .release import (
        LOCK_NAME,
        build_release,
        consolidated_outputs,
        load_manifest,
        lock_text,
        notes_context,
        release_annex,
    )
    from .render import docx_to_pdf, html_to_docx, render, render_annex_docx, render_annex_html, render_document_docx
    from .render.templating import template_file
    from .report import markdown_escaped

    m = load_manifest(manifest)
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file; -o names the release folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise OutputError(f"{out}: holds files already; give --force to replace a release there, or another folder")
    steps = ["read", "apply", "compare", "consolidated", "redline", "notes", "write"]
    bar = _progress(steps)

    def step(what: str) -> None:
        if bar is not None:
            bar.update(1)
        else:
            click.echo(f"release: {what}")  # with the "wrote" lines: stderr is for problems

    inputs: dict[str, bytes] = {Path(manifest).name: Path(manifest).read_bytes()}
    step("reading the base and the change sets")
    if m.base_path is not None:
        docs = _load_code(str(m.base_path), False, verbose)
        stated = next((d.version for d in docs if d.version), "")
        if stated and stated != m.base_version:
            raise InputError(f"{m.base_path}: is SEC {stated}, but the manifest's base is {m.base_version}")
        files = [m.base_path] if m.base_path.is_file() else folder_files(m.base_path)  # the files read
        for f in files:
            inputs[os.path.relpath(f, m.source.parent)] = f.read_bytes()
    else:
        with _open_store(store_path) as st:
            docs = st.documents(m.base_version)
        inputs[f"store: SEC {m.base_version}"] = "\n".join(render_text(d) for d in docs).encode("utf-8")
    changesets = _load_changesets(m.modifications)
    for p in m.modifications:
        inputs[os.path.relpath(p, m.source.parent)] = p.read_bytes()
    built = build_release(m, docs, changesets, step)
    step("writing the consolidated code")
    outputs: dict[str, bytes | str] = dict(
        consolidated_outputs(built, lambda ds: render_document_docx(ds, m.author, f"{m.date.isoformat()}T00:00:00Z"))
    )
    consolidated_text = str(out / "consolidated" / "*.txt")
    print_messages(_notes_left_out(list(built.consolidated), consolidated_text, "the .docx beside it keeps them"))
    step("writing the release redline")
    annex = release_annex(built)
    word = render_annex_docx(annex, "tracked", template_dir)
    outputs["release-redline.docx"] = word
    outputs["release-redline.html"] = render_annex_html(annex, template_dir)
    if pdf:
        outputs["release-redline.pdf"] = docx_to_pdf(word, "release-redline", dt.datetime.combine(m.date, dt.time()))
    step("writing the release notes")
    context = notes_context(built)
    html = render("release-notes.html.j2", template_dir, **context)
    outputs["release-notes.html"] = html
    outputs["release-notes.md"] = render(
        "release-notes.md.j2", template_dir, **{k: markdown_escaped(v) for k, v in context.items()}
    )
    outputs["release-notes.docx"] = html_to_docx(
        html, f"{m.release}: release notes", m.author, m.date, f"{m.release} - release notes", m.classification,
        template_dir, source=template_file("release-notes.html.j2", template_dir),
    )  # fmt: skip
    outputs[LOCK_NAME] = lock_text(m, inputs, outputs)
    step("writing the release folder")
    for name in outputs:
        check_not_input(out / name, [manifest, *m.modifications, *([m.base_path] if m.base_path else [])])
    written = write_all({out / name: data for name, data in outputs.items()})
    if bar is not None:
        bar.render_finish()
    _done(written)
    if store_path is not None:
        from .store import changed_provisions

        print_messages(_notes_left_out(list(built.consolidated), store_path, _STORE_KEEPS_TEXT))
        with _open_store(store_path, create=True) as st:
            if not st.has(m.base_version):
                st.add_version(m.base_version, docs)
            changed = changed_provisions(e for r in built.redlines for e in r.body)
            st.add_version(
                m.version, list(built.consolidated), m.date.isoformat(), m.base_version, m.release, changed,
                replace=True, base_docs=docs,
            )  # fmt: skip
        click.echo(f"recorded SEC {m.version} in {store_path}")


@cli.command()
@click.argument("base", type=click.Path())
@click.argument("changesets", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: findings grouped by kind; json: the same for CI.",
)  # fmt: skip
@click.option(
    "--definitions",
    type=click.Path(),
    metavar="FILE",
    help="Section A (or any text holding the definitions), when BASE does not hold it.",
)
@click.option(
    "--suggest",
    type=click.Path(),
    metavar="FILE",
    help="Write the redlines parallel provisions would need as a change set (YAML).",
)
@section_option
@verbose_option
def check(
    base: str,
    changesets: tuple[str, ...],
    fmt: str,
    definitions: str | None,
    suggest: str | None,
    section: str | None,
    verbose: bool,
) -> int:
    """Drafting checks on BASE (a document, the whole code or a folder of documents), or on what
    CHANGESETS change in it: parallel provisions that drift apart, defined terms, cross-references.  Exit 0
    when nothing is found, 1 when something is."""
    from .drafting import check_drafting, findings_json, findings_text

    if suggest:
        check_not_input(suggest, [base, *changesets, *([definitions] if definitions else [])])
    docs = _load_code(base, False, verbose, section=section)
    loaded = _load_changesets(changesets)
    defs = _load_code(definitions, False, verbose) if definitions else None
    result = check_drafting(docs, loaded, defs)
    if fmt == "json":
        click.echo(json.dumps(findings_json(result), indent=2, ensure_ascii=False))
    else:
        click.echo(findings_text(result), nl=False)
    if suggest:
        if not result.suggestions:
            click.echo(f"note: nothing to suggest, so {suggest} was not written", err=True)
        else:
            from .derive import dump_changeset

            first = loaded[0]
            cs = replace(first, title=f"{first.title} (parallel provisions, suggested)", changes=result.suggestions)
            _done(write_all({Path(suggest): dump_changeset(cs)}))
    return EXIT_DIFFERS if result.findings else EXIT_OK


@cli.group()
def store() -> None:
    """The version store: every version of the code, each provision's history."""


@store.command("add")
@click.argument("version")
@click.argument("path", type=click.Path())
@store_option
@verbose_option
def store_add(version: str, path: str, store_path: str | None, verbose: bool) -> None:
    """Import VERSION (e.g. 6.17) of the code from PATH (a document, a folder of documents or a whole-code
    file) into the version store."""
    docs = _load_code(path, False, verbose)
    stated = next((d.version for d in docs if d.version), "")
    if stated and stated != version:
        raise InputError(f"{path}: is SEC {stated}, not {version}; give the version the text is")
    from .store import DEFAULT_STORE

    print_messages(_notes_left_out(docs, store_path or DEFAULT_STORE, _STORE_KEEPS_TEXT))
    with _open_store(store_path, create=True) as st:
        st.add_version(version, docs)
        click.echo(
            f"stored SEC {version}: {len(docs)} document(s), {sum(1 for d in docs for _ in d.refs())} provisions"
        )


@store.command("list")
@store_option
def store_list(store_path: str | None) -> None:
    """List the versions the store holds: name, date, base, release."""
    with _open_store(store_path) as st:
        for name, date, base, rel in st.versions():
            click.echo("  ".join(x for x in (name, date, f"from {base}" if base else "", rel) if x))


def _ref_argument(text: str):
    from legal_text import ClauseRef, ClauseRefError

    try:
        return ClauseRef.parse(text)
    except ClauseRefError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command()
@click.argument("ref")
@store_option
def history(ref: str, store_path: str | None) -> int:
    """The wording of provision REF (G3.20(b), AD 1.2.3) at each version the store holds, with the
    modification that changed it."""
    target = _ref_argument(ref)
    with _open_store(store_path) as st:
        entries = st.history(target)
    if not any(e.text for e in entries):
        raise InputError(f"{ref}: no version in the store has this provision")
    for e in entries:
        what = "absent" if not e.text else ("changed" if e.changed else "same") if e is not entries[0] else "first"
        by = f" by {e.modification}" if e.modification and e.changed else ""
        click.echo(f"SEC {e.version}{f' ({e.date})' if e.date else ''}: {what}{by}")
        if e.changed or e is entries[0]:
            click.echo(f"    {e.text}" if e.text else "    (not in this version)")
    return EXIT_OK


@cli.command()
@click.argument("ref")
@click.option("--version", "version", required=True, help="The version, e.g. 6.18.")
@store_option
def show(ref: str, version: str, store_path: str | None) -> None:
    """Print provision REF as it stood at --version."""
    target = _ref_argument(ref)
    with _open_store(store_path) as st:
        docs = st.documents(version)
    for d in docs:
        found = d.find(target)
        if found is not None:
            from legal_text.text_writer import render_clause_blocks

            click.echo("\n\n".join(render_clause_blocks(found)))
            return
    raise InputError(f"{ref}: SEC {version} has no such provision")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; user errors become one line and an exit code.

    Python's cycle collector is paused for the run: a command reads, compares and writes millions of
    objects that hold no cycles, and each full pass of the collector over them cost more than the work
    itself (two thirds of a whole-code comparison).  The run is short; memory is freed when it ends."""
    try:
        with no_collector_pauses():
            rc = cli.main(args=argv, prog_name="sec-redline", standalone_mode=False)
    except UserError as exc:
        # A list of problems prints one line a problem; any other error is one line, whatever it holds.
        lines = exc.problems if isinstance(exc, ProblemsError) else [" ".join(str(exc).split())]
        for line in [line for line in lines if line.strip()] or [exc.__class__.__name__]:
            click.echo(f"sec-redline: error: {line}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("sec-redline: aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return rc if isinstance(rc, int) else EXIT_OK


def entry() -> None:
    """The ``sec-redline`` command: ``main``, then the process ends at once (outputs are written and
    closed by then), without tearing down the objects a large comparison made, which took a fifth of a
    second on the whole code."""
    rc = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # the reader went away (``| head``): nothing more to say to it
            stream.flush()
    os._exit(rc)


if __name__ == "__main__":  # pragma: no cover
    entry()
