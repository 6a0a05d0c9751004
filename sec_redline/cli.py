"""The ``sec-redline`` command line.

Each command is its options, one library call that returns its ``Outputs`` (files by path, messages,
results), the messages printed, the outputs written (``_finish``).  Every user error is one line on stderr
(``sec-redline: error: file:line: clause: problem``) and a documented exit code (see errors.py and
docs/errors.md); a traceback is a bug.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import click
from click.decorators import FC

from legal_text import ClauseRef, ClauseRefError, Message
from legal_text.collector import no_collector_pauses
from legal_text.ooxml import MarkStyle

from .annex import CONTEXTS, DEFINITIONS_AS, Context, DefinitionsAs
from .errors import EXIT_OK, ProblemsError, UserError
from .fileio import STDIO
from .house_style import DEFAULT_CLASSIFICATION, DOCUMENTS, MARKS, Marks
from .notices import noticing, taken
from .outputs import Outputs, write_outputs
from .version import __version__

if TYPE_CHECKING:  # generic for the type checker; click before 8.2 cannot be subscripted at run time
    _AnyParam = click.ParamType[Any]
    _DayParam = click.ParamType[dt.date]
else:
    _AnyParam = _DayParam = click.ParamType


class Checked(_AnyParam):
    """An option's value held to the limits the library sets for the same value in a file (``check`` says
    why a value is refused)."""

    def __init__(self, name: str, check: Callable[[str], str | None]) -> None:
        self.name = name
        self.check = check

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        problem = self.check(value) if isinstance(value, str) else None
        if problem:
            self.fail(problem, param, ctx)
        return value


class Day(_DayParam):
    """A date, YYYY-MM-DD, within the years a change set's date may have."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        from .changes.loader import date_problem

        if isinstance(value, dt.date):
            return value
        try:
            day = dt.datetime.strptime(str(value), "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)
        problem = date_problem(day)
        if problem:
            self.fail(problem, param, ctx)
        return day


def _checked(name: str, check: str) -> Checked:
    """A ``Checked`` type whose check the library defines (imported when a value is checked)."""

    def run(value: str) -> str | None:
        if check == "version":
            from .store import version_name_problem

            return version_name_problem(value)
        from .changes import loader

        found: str | None = getattr(loader, f"{check}_problem")(value)
        return found

    return Checked(name, run)


MODIFICATION = _checked("MP087", "modification")
WORDS = _checked("TEXT", "text")
AUTHOR = _checked("TEXT", "author")
VERSION = _checked("VERSION", "version")
# A path is checked by the command that reads it (one line, exit 3), not by click (a usage error, exit 2).
PATH = click.Path(readable=False)

templates_option = click.option(
    "--templates",
    "template_dir",
    type=PATH,
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
    type=PATH,
    metavar="MANIFEST",
    help="A release manifest of approved modifications not yet released (repeatable): warn where this change "
    "set changes what one of them changes too.",
)


def store_file_option(help_text: str) -> Callable[[FC], FC]:
    """``--store FILE``: the version store's file."""
    return click.option("--store", "store_path", type=PATH, metavar="FILE", help=help_text)


store_option = store_file_option("The version store (SQLite) [default: sec-versions.sqlite in the current folder].")
pending_store_option = store_file_option(
    "The version store: a --pending release whose version it holds has been released, and is left out."
)


def output_dir_option(help_text: str) -> Callable[[FC], FC]:
    """``-o/--output-dir DIR``: the folder a command writes its outputs into."""
    return click.option("-o", "--output-dir", "outdir", required=True, type=PATH, metavar="DIR", help=help_text)


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


def strict_option(help_text: str) -> Callable[[FC], FC]:
    """``--strict``: any doubt is an exit (6)."""
    return click.option("--strict", is_flag=True, help=help_text)


STRICT_BASE = "Fail (exit 6) if the base text had to be repaired, or names no SEC version to check 'base:' against."


QUIET = "sec_redline.quiet"  # the key of ``-q`` in the context's ``meta`` (shared by a command and its group)


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[QUIET] = True


def quiet() -> bool:
    """Whether ``-q/--quiet`` was given to the command running."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(QUIET))


def summary(text: str) -> str:
    """The first sentence of a command's help, whole: up to the first full stop that ends a sentence, outside
    brackets and not in "e.g." or "i.e."."""
    depth = 0
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        ends = ch == "." and depth == 0 and (k + 1 == len(text) or text[k + 1].isspace())
        if ends and not text[max(0, k - 3) : k + 1].endswith(("e.g.", "i.e.")):
            return " ".join(text[: k + 1].split())
    return " ".join(text.split())


class Command(click.Command):
    """A sec-redline command: ``-q/--quiet`` (every command has it), its summary whole in the list of commands
    (``short_help``, else its help's first sentence, never cut), and its help ending with an example."""

    def __init__(self, *args: Any, example: str = "", **kwargs: Any) -> None:
        if example:
            kwargs["epilog"] = "Example:\n\n\b\n" + "\n".join(f"  {line}" for line in example.splitlines())
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["-q", "--quiet"],
                is_flag=True,
                expose_value=False,
                callback=_set_quiet,
                help="Print no notes, progress or 'wrote FILE' lines (warnings and errors are always printed).",
            )
        )

    def get_short_help_str(self, limit: int = 45) -> str:
        return " ".join((self.short_help or "").split()) or summary(self.help or "")

    def invoke(self, ctx: click.Context) -> Any:
        read = [
            p.name
            for p in self.params
            if isinstance(p.type, InputPath)
            for v in _values(ctx.params.get(p.name or ""))
            if v == STDIO
        ]
        if len(read) > 1:
            raise click.UsageError("standard input ('-') can be read once: give files for the others", ctx)
        return super().invoke(ctx)


def _values(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else (value,)


class Group(click.Group):
    """The command groups: their commands are ``Command`` (and their groups ``Group``)."""

    command_class = Command
    group_class = type

    def get_short_help_str(self, limit: int = 45) -> str:
        return " ".join((self.short_help or "").split()) or summary(self.help or "")


class InputPath(click.Path):
    """A file (or folder) a command reads; ``-`` is standard input (read once a command).  Whether it can be
    read is the command's to say (one line, exit 3), not click's (as ``PATH``)."""

    def __init__(self) -> None:
        super().__init__(allow_dash=True, readable=False)


class FileOnly(click.Path):
    """A file a command reads by its path only (what it names is found from its folder): ``-`` is refused;
    whether it can be read is the command's to say (as ``PATH``)."""

    def __init__(self) -> None:
        super().__init__(readable=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == STDIO:
            self.fail("is read from its file, as the paths it names are found from its folder; '-' is not taken")
        return super().convert(value, param, ctx)


def print_messages(messages: Iterable[Message], verbose: bool = False) -> None:
    """The one printer of messages (on stderr): one line each, informational ones only with ``-v``."""
    for m in messages:
        if m.level != "info" or verbose:
            click.echo(str(m), err=True)


def _finish(outputs: Outputs, verbose: bool = False, before_writing: Callable[[], None] | None = None) -> int:
    """Print what a command's library call said and made, write its outputs, give its exit code.  Standard
    output carries the results alone; messages, the report (once the outputs are written), and what was
    written ("wrote FILE") go to standard error, its notes and "wrote" lines left out with ``-q``."""
    print_messages([*taken(), *outputs.messages], verbose)
    if outputs.stdout:
        click.echo(outputs.stdout, nl=False)
    if before_writing is not None:
        before_writing()
    lines = write_outputs(outputs)
    print_messages(taken(), verbose)  # what the writing noticed: an interrupted run's leftovers, settled
    # The report speaks of what was made, so it follows a write that succeeded: a run that could not write
    # says only why.
    report = outputs.report
    if quiet():
        report = "".join(line for line in report.splitlines(keepends=True) if not line.startswith(NOTES))
    if report:
        click.echo(report, err=True, nl=False)
    for line in lines:
        if not quiet():
            click.echo(line, err=True)
    return outputs.exit_code


NOTES = ("note: ", "pending: ")  # the lines of a report that ``-q`` leaves out


EPILOG = """Run 'sec-redline help COMMAND' (or 'sec-redline COMMAND --help') for a command's options and an
example. Defaults for --author, --classification, --templates and --store may be kept in sec-redline.toml
in the working folder (docs/commands.md, "Settings")."""


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, prog_name="sec-redline")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Draft, redline and report amendments to the Smart Energy Code."""
    from .settings import load_settings

    # The settings file (sec-redline.toml here, or pyproject.toml's [tool.sec-redline]): the defaults of the
    # options of those names, for every command that has one; what the command line gives wins.
    ctx.default_map = option_defaults(ctx.command, load_settings().values)


def option_defaults(command: click.Command, settings: dict[str, str]) -> dict[str, Any]:
    """click's ``default_map`` for ``command`` (a group: for each of its commands, by name): each setting is
    the default of the option of its name (``templates``: ``--templates``) where a command has one."""
    if isinstance(command, click.Group):
        found = {name: option_defaults(sub, settings) for name, sub in command.commands.items()}
        return {name: d for name, d in found.items() if d}
    return {
        p.name: value
        for p in command.params
        for key, value in settings.items()
        if isinstance(p, click.Option) and f"--{key}" in p.opts and p.name
    }


@cli.command(
    short_help="Read SEC clause text and print it as canonical text, a clause tree (JSON) or references.",
    example="sec-redline parse examples/mp087/section-G-6.17.txt --format refs",
)
@click.argument("file", type=InputPath())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "refs"]),
    default="text",
    show_default=True,
    help="text: canonical clause text; json: the clause tree; refs: one clause reference a line.",
)
@click.option("-o", "--output", type=PATH, metavar="FILE", help="Write here instead of standard output ('-': there).")
@click.option(
    "--definitions",
    type=InputPath(),
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
@click.option(
    "--at",
    metavar="REF",
    help="Read a text FILE as the words of provision REF (G7.19(a)), quoted without its number, as a "
    "glossary page quotes it under 'Has the meaning given to that expression in Section G7.19(a)'.",
)
@strict_option("Fail (exit 6) if the reader had to guess or repair anything.")
@verbose_option
def parse(
    file: str,
    fmt: Literal["text", "json", "refs"],
    output: str | None,
    definitions: str | None,
    view: str,
    marks: MarkStyle,
    section: str | None,
    at: str | None,
    strict: bool,
    verbose: bool,
) -> int:
    """Read SEC clause text FILE (one Section or the whole code) into a clause tree and print it.  FILE '-' is
    standard input (text, or a Word document)."""
    from .sources import make_tree

    side: Literal["new", "old"] = "new" if view == "accepted" else "old"
    made = make_tree(
        file, fmt, output, definitions=definitions, side=side, marks=marks, section=section, strict=strict, at=at
    )
    return _finish(made, verbose)


@cli.command(
    short_help="Apply change sets to a base text and write the amended text.",
    example="sec-redline apply examples/mp087/section-G-6.17.txt examples/mp087/mp087.changes.yaml \\\n"
    "    -o amended.txt --version 6.18",
)
@click.argument("base", type=InputPath())
@click.argument("changesets", nargs=-1, required=True, type=InputPath())
@click.option(
    "-o",
    "--output",
    required=True,
    type=PATH,
    metavar="FILE|DIR",
    help="The amended text; its extension picks the format: .txt, .json or .docx ('-': text on standard "
    "output).  With a folder BASE, a folder: every document of the base is written into it under its file's "
    "name, amended where the change sets touch it.",
)
@click.option(
    "--version",
    "version",
    metavar="VERSION",
    help="The SEC version the amended text is, for its 'SEC Version' line (without it, the base's line is "
    "kept, and a note says so).",
)
@section_option
@strict_option(STRICT_BASE)
@pending_option
@pending_store_option
@verbose_option
def apply(
    base: str,
    changesets: tuple[str, ...],
    output: str,
    version: str | None,
    section: str | None,
    strict: bool,
    pending: tuple[str, ...],
    store_path: str | None,
    verbose: bool,
) -> int:
    """Apply CHANGESETS, in order, to the BASE text (one Section, the whole code, or a folder of documents)
    and write the amended text (for a folder, every document of it into the folder OUTPUT).  BASE or one
    CHANGESET may be '-', standard input."""
    from .apply.amended import make_amended

    made = make_amended(
        base, changesets, output, section=section, strict=strict, pending=pending, store=store_path, version=version
    )
    return _finish(made, verbose)


@cli.command(
    short_help="Write the Annex A redline of a change set: Word, HTML and PDF.",
    example="sec-redline redline examples/mp087/section-G-6.17.txt examples/mp087/mp087.changes.yaml -o out/mp087",
)
@click.argument("base", type=InputPath())
@click.argument("changeset", type=InputPath())
@output_dir_option(
    "Folder for annex-a.docx, annex-a.html, annex-a.pdf and draft-checks.md (created if missing); with --since "
    "or --alternative, their files too."
)
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
    help="Of annex-a.docx: tracked: native Word tracked changes; visual: coloured underline and "
    "strike-through runs (annex-a.pdf always has these).",
)
@click.option(
    "--pdf/--no-pdf",
    default=True,
    show_default=True,
    help="Also write annex-a.pdf, the copy to publish, through LibreOffice (skipped with a note when it is "
    "not installed).",
)
@click.option(
    "--classification",
    default=DEFAULT_CLASSIFICATION,
    show_default=True,
    type=WORDS,
    help="Panel Information Policy classification printed on every page.",
)
@click.option(
    "--notes/--no-notes",
    default=True,
    show_default=True,
    help="Show the operations' 'note:' as Word comments on the words each changed (and beside the marks in "
    "the HTML); --no-notes for the copy to publish.",
)
@click.option(
    "--since",
    "since",
    type=click.Path(),
    metavar="EARLIER.yaml",
    help="An earlier draft of this legal text: also write annex-a-changes-since-VERSION.docx/.html (the two "
    "drafts' amended texts compared) and list both drafts in the Annex A's version table.",
)
@click.option(
    "--alternative",
    "alternatives",
    type=click.Path(),
    multiple=True,
    metavar="ALTERNATIVE.yaml",
    help="An Alternative solution's change set (repeatable): also write its own Annex A (annex-a-ID.docx ...) "
    "and solutions-PROPOSED-ID.docx/.html comparing it with CHANGESET's.",
)
@templates_option
@section_option
@strict_option(STRICT_BASE)
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
    notes: bool,
    since: str | None,
    alternatives: tuple[str, ...],
    template_dir: str | None,
    section: str | None,
    strict: bool,
    pending: tuple[str, ...],
    store_path: str | None,
    verbose: bool,
) -> int:
    """Write the Annex A redline of CHANGESET against BASE (one document, the whole code, or a folder of
    documents): one Annex A over every document it changes, in Word (tracked changes), HTML and PDF (the
    house's marks: publish this one); with --since, what changed since an earlier draft; with --alternative,
    each Alternative's Annex A and how it differs.  BASE or CHANGESET may be '-', standard input."""
    from .annex import make_annex_a

    made = make_annex_a(
        base, changeset, outdir, context=context, definitions=definitions, marks=marks, pdf=pdf,
        classification=classification, template_dir=template_dir, section=section, strict=strict,
        pending=pending, store=store_path, notes=notes, since=since, alternatives=alternatives,
    )  # fmt: skip
    return _finish(made, verbose)


def changeset_options(required: bool) -> Callable[[FC], FC]:
    """``changeset``'s options (required there; for ``diff``, with the documented placeholder defaults)."""
    from .derived import PLACEHOLDER_DATE, PLACEHOLDER_MODIFICATION

    def decorate(f: FC) -> FC:
        for option in reversed(
            [
                click.option(
                    "--modification",
                    required=required,
                    default=None if required else PLACEHOLDER_MODIFICATION,
                    show_default=not required,
                    type=MODIFICATION,
                    help="The modification's id, e.g. MP104.",
                ),
                click.option(
                    "--title",
                    required=required,
                    type=WORDS,
                    help="The modification's title." + ("" if required else "  [default: 'OLD compared with NEW']"),
                ),
                click.option(
                    "--author", default="SECAS", show_default=True, type=AUTHOR, help="Author of the tracked changes."
                ),
                click.option(
                    "--date",
                    "date_",
                    required=required,
                    default=None if required else PLACEHOLDER_DATE.isoformat(),
                    show_default=not required,
                    type=Day(),
                    help="Date of the tracked changes, YYYY-MM-DD (never today's date unless you give it).",
                ),
                click.option(
                    "--base",
                    "base_version",
                    type=WORDS,
                    help="The SEC version OLD is (default: its 'SEC Version' line; else 'unknown', with a warning).",
                ),
            ]
        ):
            f = option(f)
        return f

    return decorate


@cli.command(
    short_help="Compare two versions clause by clause: one line an event.",
    example="sec-redline diff examples/mp087/section-G-6.17.txt amended.txt -o comparison.html",
)
@click.argument("old", type=InputPath(), required=False)
@click.argument("new", type=InputPath(), required=False)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=PATH,
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
    type=WORDS,
    help="Information classification on the .docx footer.",
)
@templates_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when the versions differ (for scripts).")
@click.option(
    "--from-version", type=VERSION, metavar="VERSION", help="Compare this version held in the version store (not OLD)."
)
@click.option(
    "--to-version", type=VERSION, metavar="VERSION", help="... with this version held in the version store (not NEW)."
)
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
    date_: Any,
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
    updates under the event that caused them.  OLD or NEW may be '-', standard input."""
    from .compare import make_comparison
    from .derived import ChangeSetHeader

    stored = (from_version, to_version)
    if (any(stored) and not all(stored)) or (not any(stored) and (old is None or new is None)):
        raise click.UsageError("give OLD and NEW, or --from-version and --to-version (with --store)")
    if any(stored) and (old is not None or new is not None):
        raise click.UsageError("give OLD and NEW or --from-version and --to-version, not both")
    versions = (from_version, to_version) if from_version and to_version else None
    header = ChangeSetHeader(modification, title or "", author, date_, base_version)
    made = make_comparison(
        old, new, outputs, context=context, header=header, classification=classification, template_dir=template_dir,
        exit_code=exit_code, versions=versions, store=store_path, section=section,
    )  # fmt: skip
    return _finish(made, verbose)


@cli.command(
    short_help="Write the change set (YAML) that turns one version into another.",
    example="sec-redline changeset examples/mp087/section-G-6.17.txt draft.txt -o MP104.changes.yaml \\\n"
    "    --modification MP104 --title 'Illustrative' --date 2026-11-25",
)
@click.argument("old", type=InputPath())
@click.argument("new", type=InputPath())
@click.option(
    "-o",
    "--output",
    required=True,
    type=PATH,
    metavar="FILE",
    help="The change set to write (YAML; '-': standard output).",
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
    date_: Any,
    base_version: str | None,
    section: str | None,
    verbose: bool,
) -> int:
    """Write the change set that turns OLD into NEW (edit a copy of the base text, one Section or the whole
    code, .txt or .docx, then run this); it is checked to reproduce NEW before it is written.  OLD or NEW
    may be '-', standard input."""
    from .derive import make_changeset
    from .derived import ChangeSetHeader

    header = ChangeSetHeader(modification, title, author, date_, base_version)
    return _finish(make_changeset(old, new, output, header, section), verbose)


@cli.command(
    short_help="Check that a Word redline was drafted against a base text.",
    example="sec-redline verify out/mp087/annex-a.docx examples/mp087/section-G-6.17.txt \\\n"
    "    --changes examples/mp087/mp087.changes.yaml",
)
@click.argument("annex", type=InputPath())
@click.argument("base", type=InputPath())
@click.option(
    "--changes",
    "changes_path",
    type=InputPath(),
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
    Sections the redline shows are checked): exit 1 when it was not.  ANNEX, BASE or --changes may be '-',
    standard input."""
    from .verify import make_verification

    return _finish(make_verification(annex, base, changes_path, marks, section), verbose)


@cli.command(
    short_help="Write the Modification Report, problem statement and Panel paper.",
    example="sec-redline report examples/mp087/mp087.report.yaml --changes examples/mp087/mp087.changes.yaml \\\n"
    "    --base examples/mp087/section-G-6.17.txt -o out/mp087",
)
@click.argument("metadata", type=InputPath())
@output_dir_option("Folder for the documents, each as .docx, .html and .md (created if missing).")
@click.option(
    "--changes",
    "changes_path",
    type=InputPath(),
    metavar="FILE",
    help="The modification's change set: the Sections impacted are computed from it and checked.",
)
@click.option(
    "--base",
    "base_path",
    type=InputPath(),
    metavar="FILE",
    help="The base text: the problem statement quotes clauses from it (with --changes, as amended).",
)
@click.option(
    "--documents",
    "documents",
    default=",".join(DOCUMENTS),
    show_default=True,
    help="Which documents to write, comma-separated: " + ", ".join(DOCUMENTS) + ".",
)
@templates_option
@strict_option("Fail (exit 6) if any consistency check warns.")
def report(
    metadata: str,
    outdir: str,
    changes_path: str | None,
    base_path: str | None,
    documents: str,
    template_dir: str | None,
    strict: bool,
) -> int:
    """Write the Modification Report, problem statement and Panel paper from METADATA (YAML).  METADATA,
    --changes or --base may be '-', standard input."""
    from .report import make_report

    wanted = [d.strip() for d in documents.split(",") if d.strip()]
    unknown = [d for d in wanted if d not in DOCUMENTS]
    if unknown or not wanted:
        raise click.UsageError(
            f"unknown document(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(DOCUMENTS)}"
        )
    made = make_report(
        metadata, outdir, changes=changes_path, base=base_path, documents=wanted, template_dir=template_dir,
        strict=strict,
    )  # fmt: skip
    return _finish(made)


def _document_stem(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--document``: a document ``lifecycle`` writes, by its stem (the stems are read from the library
    only when the option is given, so that other commands do not load it)."""
    from .report.lifecycle import DOCUMENT_STEMS

    if value is not None and value not in DOCUMENT_STEMS:
        raise click.BadParameter(f"{value!r} is no document; choose from {', '.join(DOCUMENT_STEMS)}", ctx, param)
    return value


@cli.command(
    short_help="Write every document of a modification's path, from problem statement to decision.",
    example="sec-redline lifecycle examples/lifecycle-self-governance/mp910.record.yaml -o out/mp910",
)
@click.argument("record", type=FileOnly())
@output_dir_option(
    "Folder for the documents, each as .docx, .html and .md, and register.html/.json (created if missing)."
)
@click.option(
    "--changes",
    "changes_path",
    type=PATH,
    metavar="FILE",
    help="The modification's change set (else the one the record names): the SEC documents impacted are computed "
    "from it and checked.",
)
@click.option(
    "--base",
    "base_path",
    type=PATH,
    metavar="FILE",
    help="The base text (else the one the record names): with the change set, the problem statement quotes "
    "clauses as amended.",
)
@click.option(
    "--document",
    "document",
    callback=_document_stem,
    metavar="STEM",
    help="Write this document only, e.g. change-board-paper, or register.",
)
@templates_option
@strict_option("Fail (exit 6), writing nothing, if any check warns.")
@verbose_option
def lifecycle(
    record: str,
    outdir: str,
    changes_path: str | None,
    base_path: str | None,
    document: str | None,
    template_dir: str | None,
    strict: bool,
    verbose: bool,
) -> int:
    """Write every document of the modification's path from its RECORD (YAML) for which the record holds the
    facts, and its register page; -v names the documents it cannot write yet."""
    from .report.lifecycle import make_lifecycle

    made = make_lifecycle(
        record, outdir, changes=changes_path, base=base_path, document=document, template_dir=template_dir,
        strict=strict,
    )  # fmt: skip
    return _finish(made, verbose)


def _progress(steps: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A step printer and its finisher: plain lines where no one watches a terminal (CI, a pipe), click's
    progress bar where someone does."""
    if quiet():
        return (lambda _what: None), (lambda: None)
    if sys.stderr.isatty() and not os.environ.get("CI"):
        bar = click.progressbar(length=steps, label="release", file=sys.stderr)
        return (lambda _what: bar.update(1)), bar.render_finish
    return (lambda what: click.echo(f"release: {what}", err=True)), (lambda: None)


@cli.command(
    short_help="Build a release: consolidated code, release redline, release notes.",
    example="sec-redline release examples/release/release.yaml -o out/release --store out/versions.sqlite",
)
@click.argument("manifest", type=FileOnly())
@output_dir_option("The release folder: consolidated/, release-redline.*, release-notes.*, manifest.lock.")
@store_file_option(
    "Also record the base and the new version in this version store (SQLite; created if missing); without it "
    "(here or as 'store' in sec-redline.toml) nothing is recorded."
)
@click.option("--force", is_flag=True, help="Replace the outputs of a release folder that is not empty.")
@click.option("--replace", is_flag=True, help="With --store: replace the new version if the store holds it already.")
@click.option("--pdf/--no-pdf", default=False, show_default=True, help="Also write release-redline.pdf.")
@templates_option
@verbose_option
def release(
    manifest: str,
    outdir: str,
    store_path: str | None,
    force: bool,
    replace: bool,
    pdf: bool,
    template_dir: str | None,
    verbose: bool,
) -> int:
    """Build the release MANIFEST describes: the consolidated code, the release redline (each modification's
    changes under its own author), the release notes and manifest.lock, all or nothing; with --store, record
    the new version (and the base, if the store lacks it) in the version store."""
    from .release import RELEASE_STEPS, make_release

    step, done = _progress(len(RELEASE_STEPS))
    made = make_release(
        manifest, outdir, store=store_path, force=force, pdf=pdf, template_dir=template_dir, progress=step,
        replace=replace,
    )  # fmt: skip

    def writing() -> None:
        step(RELEASE_STEPS[-1])
        done()

    return _finish(made, verbose, writing)


@cli.command(
    short_help="Drafting checks: parallel provisions, defined terms, cross-references.",
    example="sec-redline check examples/sec-5.20/section-G-5.19.txt examples/sec-5.20/sec-5.20.changes.yaml \\\n"
    "    --suggest suggested.changes.yaml",
)
@click.argument("base", type=InputPath())
@click.argument("changesets", nargs=-1, type=InputPath())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: findings grouped by kind; json: the same for CI.",
)  # fmt: skip
@click.option(
    "--definitions",
    type=InputPath(),
    metavar="FILE",
    help="Section A (or any text holding the definitions), when BASE does not hold it.",
)
@click.option(
    "--suggest",
    type=PATH,
    metavar="FILE",
    help="Write the redlines parallel provisions would need as a change set (YAML); '-': on standard "
    'output (the text findings then on standard error; with --format json, as the JSON\'s "suggested").',
)
@section_option
@verbose_option
def check(
    base: str,
    changesets: tuple[str, ...],
    fmt: Literal["text", "json"],
    definitions: str | None,
    suggest: str | None,
    section: str | None,
    verbose: bool,
) -> int:
    """Drafting checks on BASE (a document, the whole code or a folder of documents), or on what
    CHANGESETS change in it: parallel provisions that drift apart, defined terms, cross-references.  Exit 0
    when nothing is found, 1 when something is.  BASE or one CHANGESET may be '-', standard input."""
    from .drafting import make_checks

    made = make_checks(base, changesets, fmt=fmt, definitions=definitions, suggest=suggest, section=section)
    return _finish(made, verbose)


@cli.group(short_help="The version store: add a version, list the versions held.")
def store() -> None:
    """The version store: every version of the code, each provision's history."""


@store.command(
    "add",
    short_help="Import a version of the code into the version store.",
    example="sec-redline store add 6.17 examples/mp087/section-G-6.17.txt --store versions.sqlite",
)
@click.argument("version", type=VERSION)
@click.argument("path", type=InputPath())
@store_option
@click.option("--replace", is_flag=True, help="Replace VERSION if the store holds it already.")
@verbose_option
def store_add(version: str, path: str, store_path: str | None, replace: bool, verbose: bool) -> int:
    """Import VERSION (such as 6.17) of the code from PATH (a document, a folder of documents or a
    whole-code file; '-', standard input) into the version store."""
    from .versions import record_version

    return _finish(record_version(version, path, store_path, replace), verbose)


@store.command(
    "list",
    short_help="List the versions the store holds.",
    example="sec-redline store list --store out/versions.sqlite",
)
@store_option
def store_list(store_path: str | None) -> int:
    """List the versions the store holds: name, date, base, release."""
    from .versions import list_versions

    return _finish(list_versions(store_path))


def _ref_argument(text: str) -> ClauseRef:
    try:
        return ClauseRef.parse(text)
    except ClauseRefError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command(
    short_help="A provision's wording at each version the store holds.",
    example='sec-redline history "G3.20(b)" --store out/versions.sqlite',
)
@click.argument("ref")
@store_option
def history(ref: str, store_path: str | None) -> int:
    """The wording of provision REF (G3.20(b), AD 1.2.3) at each version the store holds, with the
    modification that changed it.  The earliest version the store holds has nothing before it to compare
    with: its line says so ("earliest version stored"), with the words as they stood then."""
    from .versions import provision_history

    return _finish(provision_history(_ref_argument(ref), store_path))


@cli.command(
    short_help="Print a provision as it stood at a version.",
    example='sec-redline show "AD 2.2" --version 6.17 --store out/versions.sqlite',
)
@click.argument("ref")
@click.option("--version", "version", required=True, type=VERSION, help="The version, e.g. 6.18.")
@store_option
def show(ref: str, version: str, store_path: str | None) -> int:
    """Print provision REF as it stood at --version."""
    from .versions import show_provision

    return _finish(show_provision(_ref_argument(ref), version, store_path))


@cli.command(
    short_help="Serve a read-only web view of the version store to a browser.",
    example="sec-redline serve --store out/versions.sqlite    # then open http://127.0.0.1:8765/",
)
@store_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="The address to listen at (0.0.0.0: every network)."
)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="The port (0: any free).")
@click.option(
    "--pending", multiple=True, type=click.Path(), metavar="MANIFEST",
    help="A release manifest approved and not yet in the store (repeatable): shown apart, as not yet in force.",
)  # fmt: skip
def serve(store_path: str | None, host: str, port: int, pending: tuple[str, ...]) -> int:
    """Serve a read-only web view of the version store: the versions, each document at each version, a
    provision's history, the comparison of any two versions, the code on a day, search (docs/serve.md).
    It runs until Ctrl-C."""
    from .serve import make_server

    return _finish(make_server(store_path, host, port, pending))


@cli.command(
    "help",
    short_help="Show a command's help, as COMMAND --help does.",
    example="sec-redline help store add",
)
@click.argument("command", nargs=-1)
@click.pass_context
def help_(ctx: click.Context, command: tuple[str, ...]) -> int:
    """Show the help of COMMAND (its options and an example), as 'sec-redline COMMAND --help' does; with no
    COMMAND, the list of commands."""
    parent = ctx.parent
    assert parent is not None
    found: click.Command = parent.command
    shown = parent
    for name in command:
        sub = found.commands.get(name) if isinstance(found, click.Group) else None
        if sub is None:
            raise click.UsageError(f"no command '{' '.join(command)}'; 'sec-redline --help' lists them", ctx)
        found = sub
        shown = click.Context(sub, info_name=name, parent=shown)
    click.echo(found.get_help(shown))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; user errors become one line and an exit code.

    Python's cycle collector is paused for the run: a command reads, compares and writes millions of
    objects that hold no cycles, and each full pass of the collector over them cost more than the work
    itself (two thirds of a whole-code comparison).  The run is short; memory is freed when it ends."""
    try:
        with no_collector_pauses(), noticing():
            try:
                rc = cli.main(args=argv, prog_name="sec-redline", standalone_mode=False)
            except UserError as exc:  # what was noticed on the way is said first
                exc.said = (*taken(), *exc.said)
                raise
    except UserError as exc:
        print_messages(exc.said)
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
