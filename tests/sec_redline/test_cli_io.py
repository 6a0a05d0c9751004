"""The command line's streams and help, as a newcomer meets them: standard output carries results only ("wrote"
lines, progress and notes on standard error), ``-q`` leaves out all but warnings and errors, ``--format json``
is JSON whatever else is asked, ``-`` is standard input or output where one file is read or written, and
every command's help is whole and ends with an example."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import traceback

import click
import pytest
from click.testing import CliRunner

from sec_redline.changes import load_changeset_text
from sec_redline.cli import cli
from sec_redline.errors import EXIT_DIFFERS, EXIT_OK, EXIT_USAGE
from sec_redline.render import render_document_docx
from sec_redline.sources import read_base
from tests.support import BASE, CHANGES, REPORT, ROOT, Ran, run_cli

SEC_520 = ROOT / "examples" / "sec-5.20"
BEFORE_520, CHANGE_520 = SEC_520 / "section-G-5.19.txt", SEC_520 / "sec-5.20.changes.yaml"


def run_with_input(data: bytes | str, *args: object) -> Ran:
    """``sec-redline ARGS`` in this process (as ``run_cli``) with ``data`` on its standard input."""
    from sec_redline.cli import main

    runner = CliRunner()
    with runner.isolation(input=data) as streams:
        try:
            code = main([str(a) for a in args])
        except Exception:
            buf = io.StringIO()
            traceback.print_exc(file=buf)
            sys.stderr.write(buf.getvalue())
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Ran(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


# --- standard output carries results only -------------------------------------------------------------------


def test_wrote_lines_go_to_standard_error_and_results_alone_to_standard_output(tmp_path):
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_OK and r.stdout == ""
    assert r.stderr.splitlines() == [f"wrote {tmp_path / 'annex' / n}" for n in ("annex-a.docx", "annex-a.html")] + [
        f"wrote {tmp_path / 'annex' / 'draft-checks.md'}"
    ]
    r = run_cli("diff", BASE, BASE, "-o", tmp_path / "c.json")
    assert (r.stdout, r.stderr) == ("No differences.\n", f"wrote {tmp_path / 'c.json'}\n")


def test_quiet_leaves_out_wrote_lines_progress_and_notes_but_never_warnings_or_errors(tmp_path):
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "annex", "--no-pdf", "-q")
    assert (r.returncode, r.stdout, r.stderr) == (EXIT_OK, "", "")
    assert (tmp_path / "annex" / "annex-a.docx").exists()
    r = run_cli("release", ROOT / "examples" / "release" / "release.yaml", "-o", tmp_path / "release", "--quiet")
    assert (r.returncode, r.stdout, r.stderr) == (EXIT_OK, "", "")
    r = run_cli("apply", BASE, CHANGES, "-o", tmp_path / "amended.txt")
    assert r.stderr.splitlines() == [
        f"note: {tmp_path / 'amended.txt'} keeps the base's 'SEC Version 6.17' line; give --version to name the "
        f"version the amended text is",
        f"wrote {tmp_path / 'amended.txt'}",
    ]
    r = run_cli("apply", BASE, CHANGES, "-o", tmp_path / "again.txt", "-q")
    assert (r.returncode, r.stderr) == (EXIT_OK, "")
    # Warnings and errors stay: the report's consistency warnings, and a missing input.
    r = run_cli("report", REPORT, "-o", tmp_path / "report", "-q", "--documents", "modification-report")
    assert r.returncode == EXIT_OK and "warning: 7 November 2020 is a Saturday" in r.stderr
    assert "wrote" not in r.stderr
    r = run_cli("parse", tmp_path / "none.txt", "-q")
    assert r.returncode != EXIT_OK and r.stderr.startswith("sec-redline: error: ")


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_takes_quiet(command):
    r = run_cli(*command, "--help")
    assert r.returncode == EXIT_OK and "-q, --quiet" in r.stdout


def test_check_json_is_valid_json_whatever_else_is_asked(tmp_path):
    """`check --format json --suggest F` printed a "wrote F" line after the JSON; now the JSON is all of it."""
    suggested = tmp_path / "suggested.yaml"
    r = run_cli("check", BEFORE_520, CHANGE_520, "--format", "json", "--suggest", suggested, "-v")
    assert r.returncode == EXIT_DIFFERS
    found = json.loads(r.stdout)
    assert [f["ref"] for f in found["findings"]] == ["G3.20(b)"]
    assert r.stderr.splitlines()[-1] == f"wrote {suggested}"  # after the reader's notes (-v)
    assert not any(line.startswith("wrote") for line in r.stdout.splitlines())
    assert load_changeset_text(suggested.read_text(encoding="utf-8"), "s.yaml").changes
    # --suggest -: the change set is the JSON's "suggested" (standard output stays one JSON document).
    r = run_cli("check", BEFORE_520, CHANGE_520, "--format", "json", "--suggest", "-")
    found = json.loads(r.stdout)
    assert found["suggested"] == suggested.read_text(encoding="utf-8")
    # In text, --suggest - prints the change set alone on standard output, the findings on standard error.
    r = run_cli("check", BEFORE_520, CHANGE_520, "--suggest", "-")
    assert r.returncode == EXIT_DIFFERS
    assert r.stdout == suggested.read_text(encoding="utf-8")
    assert r.stderr.startswith("Parallel provisions: 1\n")
    r = run_cli("check", BASE, CHANGES, "--format", "json", "--suggest", "-")
    assert json.loads(r.stdout)["suggested"] is None and r.returncode == EXIT_OK


# --- "-" is standard input or output ------------------------------------------------------------------------


def test_parse_reads_text_or_word_from_standard_input_and_writes_to_standard_output(tmp_path):
    text = BASE.read_text(encoding="utf-8")
    r = run_with_input(text, "parse", "-", "--format", "refs")
    assert (r.returncode, r.stdout) == (EXIT_OK, run_cli("parse", BASE, "--format", "refs").stdout)
    word = render_document_docx(read_base(BASE).value)
    r = run_with_input(word, "parse", "-", "--format", "refs")
    assert (r.returncode, r.stdout) == (EXIT_OK, run_cli("parse", BASE, "--format", "refs").stdout), r.stderr
    r = run_cli("parse", BASE, "-o", "-")
    assert (r.stdout, r.stderr) == (text, "")
    assert not (ROOT / "-").exists()


def test_apply_from_standard_input_to_standard_output(tmp_path):
    out = tmp_path / "amended.txt"
    assert run_cli("apply", BASE, CHANGES, "-o", out, "--version", "6.18").returncode == EXIT_OK
    r = run_with_input(BASE.read_text(encoding="utf-8"), "apply", "-", CHANGES, "-o", "-", "--version", "6.18")
    assert (r.returncode, r.stdout) == (EXIT_OK, out.read_text(encoding="utf-8")), r.stderr
    assert "SEC Version 6.18" in r.stdout and r.stderr == ""
    r = run_with_input(CHANGES.read_text(encoding="utf-8"), "apply", BASE, "-", "-o", "-", "--version", "6.18")
    assert (r.returncode, r.stdout) == (EXIT_OK, out.read_text(encoding="utf-8")), r.stderr


def test_changeset_writes_to_standard_output_and_reads_new_from_standard_input(tmp_path):
    amended = tmp_path / "amended.txt"
    run_cli("apply", BASE, CHANGES, "-o", amended, "--version", "6.18")
    header = ("--modification", "MP087", "--title", "t", "--date", "2019-10-04")
    to_file = run_cli("changeset", BASE, amended, "-o", tmp_path / "cs.yaml", *header)
    assert to_file.returncode == EXIT_OK, to_file.stderr
    r = run_with_input(amended.read_text(encoding="utf-8"), "changeset", BASE, "-", "-o", "-", *header)
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout == (tmp_path / "cs.yaml").read_text(encoding="utf-8")
    assert load_changeset_text(r.stdout, "-").changes


def test_other_commands_read_standard_input(tmp_path):
    r = run_with_input(BASE.read_text(encoding="utf-8"), "diff", "-", BASE)
    assert (r.returncode, r.stdout) == (EXIT_OK, "No differences.\n")
    r = run_with_input(CHANGES.read_text(encoding="utf-8"), "redline", BASE, "-", "-o", tmp_path / "a", "--no-pdf")
    assert r.returncode == EXIT_OK and (tmp_path / "a" / "annex-a.docx").exists(), r.stderr
    annex = (tmp_path / "a" / "annex-a.docx").read_bytes()
    r = run_with_input(annex, "verify", "-", BASE, "--changes", CHANGES)
    assert r.returncode == EXIT_OK and r.stdout.strip().endswith("consistent."), r.stdout + r.stderr
    r = run_with_input(REPORT.read_text(encoding="utf-8"), "report", "-", "-o", tmp_path / "r", "--documents",
                       "modification-report")  # fmt: skip
    assert r.returncode == EXIT_OK and (tmp_path / "r" / "modification-report.md").exists(), r.stderr
    r = run_with_input(BASE.read_text(encoding="utf-8"), "store", "add", "6.17", "-", "--store", tmp_path / "s.db")
    assert r.returncode == EXIT_OK and r.stderr.startswith("stored SEC 6.17: 1 document(s)"), r.stderr
    r = run_with_input(BASE.read_text(encoding="utf-8"), "check", "-")
    assert r.returncode == EXIT_DIFFERS and r.stdout.startswith("Parallel provisions: 1")


def test_standard_input_is_read_once_and_a_manifest_never_from_it(tmp_path):
    r = run_with_input("x", "apply", "-", "-", "-o", tmp_path / "out.txt")
    assert r.returncode == EXIT_USAGE and "standard input ('-') can be read once" in r.stderr
    r = run_with_input("x", "release", "-", "-o", tmp_path / "release")
    assert r.returncode == EXIT_USAGE and "'-' is not taken" in r.stderr
    r = run_cli("apply", ROOT / "examples" / "mp900-multi" / "base", CHANGES, "-o", "-")
    assert r.returncode == 5 and "with a folder base, -o names a folder" in r.stderr


# --- help ---------------------------------------------------------------------------------------------------


def test_every_command_is_listed_with_its_summary_whole():
    """The list of commands shows each command's summary in full (click would cut a long first sentence at its
    first full stop, "Import VERSION (e.g.", or at 45 characters with "..."), and the summary is a sentence."""
    r = run_cli("--help")
    listed = "".join(r.stdout.split("Commands:", 1)[1].split())  # as wrapped: compared without the spaces
    for name, command in sorted(cli.commands.items()):
        summary = command.get_short_help_str()
        assert summary.endswith(".") and "..." not in summary, (name, summary)
        assert summary.count("(") == summary.count(")"), (name, summary)
        assert "".join(f"{name} {summary}".split()) in listed, (name, summary)
    assert "(e.g." not in listed and "..." not in listed


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_commands_help_ends_with_one_example_and_help_command_says_the_same(command):
    r = run_cli(*command, "--help")
    assert r.returncode == EXIT_OK
    paragraphs = r.stdout.rstrip().split("\n\n")
    assert paragraphs[-2].strip() == "Example:", r.stdout
    example = paragraphs[-1].strip()
    assert example.startswith(f"sec-redline {' '.join(command)} "), example
    assert r.stdout.count("Example:") == 1
    usage = r.stdout.splitlines()[0]
    assert usage.startswith(f"Usage: sec-redline {' '.join(command)} ")
    assert run_cli("help", *command).stdout == r.stdout


def test_help_of_no_command_lists_them_and_of_an_unknown_one_is_a_usage_error():
    assert run_cli("help").stdout == run_cli("--help").stdout
    r = run_cli("help", "redlne")
    assert r.returncode == EXIT_USAGE and "no command 'redlne'" in r.stderr


def test_shell_completion_is_clicks():
    """The completion script the docs tell a user to install is what the installed command prints."""
    env = {**os.environ, "_SEC_REDLINE_COMPLETE": "bash_source"}
    done = subprocess.run(
        [sys.executable, "-c", "from sec_redline.cli import entry; entry()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "_sec_redline_completion()" in done.stdout and "complete -o nosort -F" in done.stdout
    env = {**os.environ, "_SEC_REDLINE_COMPLETE": "bash_complete", "COMP_WORDS": "sec-redline red", "COMP_CWORD": "1"}
    done = subprocess.run(
        [sys.executable, "-c", "from sec_redline.cli import entry; entry()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.stdout.splitlines() == ["plain,redline"]


def test_a_summary_is_the_first_whole_sentence():
    """A command with no short_help of its own is listed by its help's first sentence, whole: a full stop
    inside brackets or in "e.g." ends no sentence."""
    from sec_redline.cli import summary

    assert summary("Import VERSION (e.g. 6.17) of the code\n    from PATH (a file. or not). Then more.") == (
        "Import VERSION (e.g. 6.17) of the code from PATH (a file. or not)."
    )
    assert summary("Serve the store, e.g. for reviewers. Then more.") == "Serve the store, e.g. for reviewers."
    assert summary("No full stop") == "No full stop"
