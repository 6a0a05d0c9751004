"""The ``sec-redline`` command line.

Every user error is one line on stderr (``sec-redline: error: file:line: clause: problem``)
and a documented exit code (see errors.py and README "Exit codes"); a traceback is a bug.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from click.decorators import FC

from legal_text import Document, Location, Message, Side, diff_documents, dump_json, error, render_text
from legal_text.ooxml import MarkStyle

from .annex import CONTEXTS, Context, build_annex, build_comparison
from .apply import apply_changeset, apply_changesets
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
from .fileio import check_not_input, read_document, read_word_bytes, write_all
from .house_style import DEFAULT_CLASSIFICATION
from .render import (
    MARKS,
    Marks,
    docx_to_pdf,
    html_to_docx,
    render_annex_docx,
    render_annex_html,
    render_comparison_html,
    render_document_docx,
    soffice,
)
from .report import DOCUMENTS, check_report, load_report_metadata, render_document, report_context
from .verify import verify_redline
from .version import __version__

templates_option = click.option(
    "--templates",
    "template_dir",
    type=click.Path(),
    metavar="DIR",
    help="A folder of your own templates (and reference.docx), searched before the shipped ones; they run sandboxed.",
)
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Also show informational notes.")


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


def _load_base(path: str, strict: bool, verbose: bool, side: Side = "new", marks: MarkStyle = "tracked") -> Document:
    result = read_document(path, side=side, marks=marks)
    print_messages(result.messages, verbose)
    if strict and result.warnings:
        raise StrictError(f"{path}: {len(result.warnings)} warning(s) and --strict was given")
    return result.value


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
@click.option("--strict", is_flag=True, help="Fail (exit 6) if the reader had to guess or repair anything.")
@verbose_option
def parse(
    file: str,
    fmt: str,
    output: str | None,
    definitions: str | None,
    view: str,
    marks: MarkStyle,
    strict: bool,
    verbose: bool,
) -> None:
    """Read SEC clause text FILE into a clause tree and print it."""
    doc = _load_base(file, strict, verbose, "new" if view == "accepted" else "old", marks)
    terms = list(_load_base(definitions, strict, verbose).definitions()) if definitions else None
    if definitions and not terms:
        raise InputError(f"{definitions}: no definitions found (expected lines such as '\"Term\" means ...')")
    if fmt == "json":
        text = dump_json(doc, terms)
    elif fmt == "refs":
        text = "".join(f"{r}\n" for r in doc.refs())
    else:
        text = render_text(doc)
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
    metavar="FILE",
    help="The amended text; its extension picks the format: .txt, .json or .docx.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 6) if the base text had to be repaired.")
@verbose_option
def apply(base: str, changesets: tuple[str, ...], output: str, strict: bool, verbose: bool) -> None:
    """Apply CHANGESETS, in order, to the BASE text and write the amended text."""
    suffix = Path(output).suffix.lower()
    if suffix not in (".txt", ".json", ".docx"):
        raise OutputError(f"{output}: unknown output format '{suffix or '(none)'}'; use .txt, .json or .docx")
    check_not_input(output, [base, *changesets])
    doc = _load_base(base, strict, verbose)
    loaded = _load_changesets(changesets)
    result = apply_changesets([doc], loaded)
    print_messages(result.messages, verbose)
    doc = result.value[0].with_version("")  # no longer the base version; the release sets the new number
    if suffix == ".json":
        data: bytes | str = dump_json(doc)
    elif suffix == ".docx":
        data = render_document_docx(doc, author=loaded[-1].author, date=loaded[-1].timestamp)
    else:
        data = render_text(doc)
    _done(write_all({Path(output): data}))


@cli.command()
@click.argument("base", type=click.Path())
@click.argument("changeset", type=click.Path())
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    required=True,
    type=click.Path(),
    metavar="DIR",
    help="Folder for annex-a.docx, annex-a.html and annex-a.pdf (created if missing).",
)
@context_option("part", "How much text to show around a change: its part (as SECAS does), the clause, or all.")
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
@click.option("--strict", is_flag=True, help="Fail (exit 6) if the base text had to be repaired.")
@verbose_option
def redline(
    base: str,
    changeset: str,
    outdir: str,
    context: Context,
    marks: Marks,
    pdf: bool,
    classification: str,
    template_dir: str | None,
    strict: bool,
    verbose: bool,
) -> None:
    """Write the Annex A redline of CHANGESET against BASE: Word, HTML and PDF."""
    out = Path(outdir)
    for t in ("annex-a.docx", "annex-a.html", "annex-a.pdf"):
        check_not_input(out / t, [base, changeset])
    doc = _load_base(base, strict, verbose)
    cs = load_changeset(changeset)
    applied = apply_changeset(doc, cs)
    print_messages(applied.messages, verbose)
    annex = build_annex(diff_documents(doc, applied.value), cs, context, classification)
    word = render_annex_docx(annex, marks, template_dir)
    outputs: dict[Path, bytes | str] = {
        out / "annex-a.docx": word,
        out / "annex-a.html": render_annex_html(annex, template_dir),
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


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    metavar="FILE",
    help="Also write the marked-up comparison here as one HTML page.",
)
@context_option("clause", "How much text the HTML shows around a change.")
@templates_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when the versions differ (for scripts).")
@verbose_option
def diff(
    old: str, new: str, output: str | None, context: Context, template_dir: str | None, exit_code: bool, verbose: bool
) -> int:
    """Compare two versions of a Section clause by clause: one line per changed clause."""
    if output:
        check_not_input(output, [old, new])
    old_doc = _load_base(old, False, verbose)
    new_doc = _load_base(new, False, verbose)
    comparison = build_comparison(diff_documents(old_doc, new_doc), context)
    for ref, status in comparison.redline.changes():
        click.echo(f"{status:<9} {ref}")
    click.echo(comparison.summary())
    if output:
        _done(write_all({Path(output): render_comparison_html(comparison, template_dir)}))
    return EXIT_DIFFERS if exit_code and comparison.redline.changes() else EXIT_OK


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "-o", "--output", required=True, type=click.Path(), metavar="FILE", help="The change set to write (YAML)."
)
@click.option("--modification", required=True, help="The modification's id, e.g. MP104.")
@click.option("--title", required=True, help="The modification's title.")
@click.option("--author", default="SECAS", show_default=True, help="Author of the tracked changes.")
@click.option(
    "--date",
    "date_",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date of the tracked changes, YYYY-MM-DD.",
)
@click.option("--base", "base_version", help="The SEC version OLD is (default: its 'SEC Version' line).")
@verbose_option
def changeset(
    old: str, new: str, output: str, modification: str, title: str, author: str, date_, base_version, verbose: bool
) -> None:
    """Write the change set that turns OLD into NEW (edit a copy of the base text, then run this)."""
    check_not_input(output, [old, new])
    old_doc = _load_base(old, False, verbose)
    new_doc = _load_base(new, False, verbose)
    cs = derive_changeset(old_doc, new_doc, modification, title, author, date_.date(), base_version)
    if not cs.changes:
        raise InputError(f"{new}: no differences from {old}; nothing to write")
    if not cs.base:
        raise InputError(f"{old}: has no 'SEC Version' line; give --base")
    text = dump_changeset(cs)
    applied = apply_changeset(old_doc, load_changeset_text(text, output)).value
    if applied.body != new_doc.body:  # never write a change set that does not reproduce NEW
        if list(applied.clauses()) == list(new_doc.clauses()):
            raise InputError(
                f"{new}: the draft changes part or group headings, which change sets cannot "
                f"express yet; change headings in the consolidated text instead"
            )
        raise RuntimeError("derived change set does not reproduce the new text")
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
@verbose_option
def verify(annex: str, base: str, changes_path: str | None, marks: MarkStyle, verbose: bool) -> int:
    """Check that the Word redline ANNEX was drafted against BASE: exit 1 when it was not."""
    base_doc = _load_base(base, False, verbose)
    expected = None
    if changes_path:
        applied = apply_changeset(base_doc, load_changeset(changes_path))
        expected = applied.value
    findings, summary = verify_redline(read_word_bytes(annex), annex, base_doc, expected, marks)
    print_messages(findings, err=False)
    click.echo(summary)
    return EXIT_DIFFERS if findings else EXIT_OK


@cli.command()
@click.argument("metadata", type=click.Path())
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    required=True,
    type=click.Path(),
    metavar="DIR",
    help="Folder for the documents, each as .docx, .html and .md (created if missing).",
)
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
    meta = load_report_metadata(metadata)
    changeset = load_changeset(changes_path) if changes_path else None
    amended: list = []
    if base_path:
        doc = _load_base(base_path, False, False)
        amended = [apply_changeset(doc, changeset).value if changeset else doc]
    warnings = check_report(meta, changeset)
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
        )
        outputs[out / f"{name}.html"] = html
        outputs[out / f"{name}.md"] = render_document(name, "md", meta, context, template_dir)
    inputs = [metadata] + [p for p in (changes_path, base_path) if p]
    for t in outputs:
        check_not_input(t, inputs)
    _done(write_all(outputs))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; user errors become one line and an exit code."""
    try:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
