"""The README's commands work and print what the README says; every link in README.md and docs/*.md resolves.

Which commands are run, and how (the rule):

- The ```sh fenced blocks of README.md, then of docs/multi-document.md (the walk-through moved out of the
  README), are read in order. A line ending in a backslash continues on the next line; words are split as a
  shell would (shlex), and a ``# ...`` comment is dropped.
- ``make ...`` lines are not run: they are the set-up (and ``make test`` would run this test).
- A command holding a placeholder for the reader to fill in is not run: a word that is or holds ``...``
  (``--title "..."``), or a word in angle brackets (``<FILE>``).
- ``.venv/bin/sec-redline ARGS`` is run as ``python -m sec_redline ARGS`` (the interpreter running the tests),
  in a fresh process whose working folder is a fresh temporary folder holding a copy of the repository's
  ``examples/`` and nothing else of it, as a new user's would: a command that needs any other file of the
  repository fails. ``cp SRC DST`` is done with shutil. Any other command fails the test, so a new kind of
  command in the README is a decision, not silently skipped.
- Paths: the README writes into ``out/`` (inside that folder) and ``/tmp/``; a word starting ``/tmp/`` is
  moved under the folder (``tmp/...``), so the test writes nothing into the checkout or /tmp, and in what a
  command prints that folder is written back as ``/tmp/``. Any other absolute path fails the test. The
  commands share the folder and run in the README's order, since a later one reads what an earlier one wrote
  (``verify`` reads the Annex A ``redline`` wrote).
- Exit code: 0, unless the command's line ends in a comment ``# exits N`` (or ``# exit N``).
- Outputs: what a command is told to write (``-o``, ``--suggest``) is there once it has run, a file not empty
  or a folder holding files; and the copy of ``examples/`` is byte for byte as it was (no input is changed).
- Printed output: when the next fenced block after a ```sh block (only prose between them) is a plain ```
  block, it is what that ```sh block's last command prints: exactly its standard output, or exactly its
  standard error without the ``wrote FILE`` lines each output adds there. Standard output never holds a
  ``wrote`` line (it carries results only). A plain block after another plain block is an example the
  README explains in prose (an error, another input), and is not checked.

Links: every Markdown link and image in README.md and docs/*.md that is not a web address must lead to a file
of the repository, and a ``#fragment`` to a heading of the Markdown file it names.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("README.md", "docs/multi-document.md")
PROGRAM = ".venv/bin/sec-redline"


@dataclass
class Command:
    """One command of a ```sh block: where it is, what it runs, and what the README says it gives."""

    where: str  # FILE:LINE
    words: list[str]
    exit_code: int = 0
    output: list[str] | None = None  # the printed output the README shows after it, if any
    kind: str = "run"  # "run", "copy", "make" (not run) or "placeholder" (not run)
    subcommand: str = field(default="")


_FENCE = re.compile(r"^```\s*(\S*)\s*$")
_EXIT = re.compile(r"#\s*exits?\s+(\d+)\s*$")


def _blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """The fenced blocks of a Markdown text: (info string, line of the opening fence, lines inside)."""
    blocks: list[tuple[str, int, list[str]]] = []
    current: tuple[str, int, list[str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if current is None:
            if match:
                current = (match.group(1), number, [])
        elif line.strip() == "```":
            blocks.append(current)
            current = None
        else:
            current[2].append(line)
    assert current is None, f"a fenced block opened at line {current[1]} is never closed"
    return blocks


def commands(text: str, name: str) -> list[Command]:
    """The commands of the ```sh blocks of TEXT (a Markdown document called NAME), by the module's rule."""
    found: list[Command] = []
    blocks = _blocks(text)
    for index, (info, start, lines) in enumerate(blocks):
        if info != "sh":
            continue
        block: list[Command] = []
        logical = ""
        first = start
        for offset, line in enumerate(lines, start=1):
            if not logical:
                first = start + offset
            logical += line.rstrip()
            if logical.endswith("\\"):
                logical = logical[:-1] + " "
                continue
            statement, logical = logical.strip(), ""
            if not statement or statement.startswith("#"):
                continue
            words = shlex.split(statement, comments=True)
            exit_match = _EXIT.search(statement)
            command = Command(f"{name}:{first}", words, int(exit_match.group(1)) if exit_match else 0)
            if words[0] == "make":
                command.kind = "make"
            elif any("..." in word or re.fullmatch(r"<[^>]+>", word) for word in words):
                command.kind = "placeholder"
            elif words[0] == "cp" and len(words) == 3:
                command.kind = "copy"
            elif words[0] == PROGRAM and len(words) > 1:
                command.subcommand = words[1]
            else:
                raise AssertionError(f"{name}:{first}: a command this test does not know how to run: {statement}")
            block.append(command)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and following[0] == "":
            runs = [command for command in block if command.kind == "run"]
            assert runs, f"{name}:{following[1]}: printed output after a ```sh block that has no command run"
            assert block[-1] is runs[-1], f"{name}:{following[1]}: printed output after a command that is not run"
            runs[-1].output = following[2]
        found.extend(block)
    return found


def _readme_commands() -> list[Command]:
    found: list[Command] = []
    for name in DOCUMENTS:
        found.extend(commands((ROOT / name).read_text(encoding="utf-8"), name))
    return found


COMMANDS = _readme_commands()
RUN = [command for command in COMMANDS if command.kind in ("run", "copy")]


def _moved(word: str, work: Path) -> str:
    if word.startswith("/tmp/"):
        return str(work / "tmp" / word[len("/tmp/") :])
    assert not word.startswith("/"), f"the README names an absolute path other than /tmp/: {word}"
    return word


def _written_back(text: str, work: Path) -> str:
    return text.replace(str(work / "tmp"), "/tmp")


OUTPUT_OPTIONS = ("-o", "--output", "--suggest")


def named_outputs(words: list[str]) -> list[str]:
    """What a command is told to write: the word after each of OUTPUT_OPTIONS."""
    return [words[k + 1] for k, word in enumerate(words[:-1]) if word in OUTPUT_OPTIONS]


def _written(path: Path) -> bool:
    """A file that is not empty, or a folder holding at least one."""
    if path.is_dir():
        return any(p.is_file() and p.stat().st_size for p in path.rglob("*"))
    return path.is_file() and path.stat().st_size > 0


def _fingerprint(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Ran:
    """The README's commands as run: each one's process and its named outputs (path, written?), and the
    examples folder before and after."""

    processes: dict[str, subprocess.CompletedProcess[str]]
    outputs: dict[str, list[tuple[str, bool]]]
    examples_before: dict[str, bytes]
    examples_after: dict[str, bytes]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Ran:
    """Every command run, in the README's order, in one fresh folder holding a copy of examples/."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "examples", work / "examples")
    (work / "tmp").mkdir()
    ran = Ran({}, {}, _fingerprint(work / "examples"), {})
    for command in RUN:
        words = [_moved(word, work) for word in command.words]
        if command.kind == "copy":
            shutil.copyfile(work / words[1], words[2])
            ran.processes[command.where] = subprocess.CompletedProcess(words, 0, "", "")
            continue
        process = subprocess.run(
            [sys.executable, "-m", "sec_redline", *words[1:]],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        process.stdout = _written_back(process.stdout, work)
        process.stderr = _written_back(process.stderr, work)
        ran.processes[command.where] = process
        ran.outputs[command.where] = [(name, _written(work / name)) for name in named_outputs(words)]
    ran.examples_after = _fingerprint(work / "examples")
    return ran


@pytest.mark.parametrize("command", RUN, ids=[command.where for command in RUN])
def test_readme_command(command: Command, results: Ran) -> None:
    process = results.processes[command.where]
    shown = " ".join(command.words)
    assert process.returncode == command.exit_code, (
        f"{command.where}: `{shown}` exited {process.returncode}, the README says {command.exit_code}\n"
        f"stdout:\n{process.stdout}\nstderr:\n{process.stderr}"
    )
    assert not any(line.startswith("wrote ") for line in process.stdout.splitlines()), process.stdout
    if command.output is not None:
        stdout = process.stdout.splitlines()
        stderr = [line for line in process.stderr.splitlines() if not line.startswith("wrote ")]
        assert command.output in (stdout, stderr), (
            f"{command.where}: `{shown}` printed other than the README shows\n"
            "README:\n" + "\n".join(command.output) + "\nstdout:\n" + process.stdout + "\nstderr:\n" + process.stderr
        )
    missing = [name for name, written in results.outputs.get(command.where, []) if not written]
    assert not missing, f"{command.where}: `{shown}` did not write {', '.join(missing)}"


def test_the_readme_changes_no_example(results: Ran) -> None:
    """The commands read the examples and write elsewhere: the copy of examples/ is as it was."""
    assert results.examples_after == results.examples_before
    assert "mp087/section-G-6.17.txt" in results.examples_before


def test_named_outputs_are_read_off_the_options() -> None:
    words = [PROGRAM, "diff", "a", "b", "-o", "x.html", "-o", "x.docx", "--suggest", "s.yaml", "--store", "v"]
    assert named_outputs(words) == ["x.html", "x.docx", "s.yaml"]


def test_readme_walks_each_role_through() -> None:
    """The walk-throughs run the analyst's, the reviewer's and the release builder's commands, outputs shown."""
    run = {command.subcommand for command in COMMANDS if command.kind == "run"}
    assert {"redline", "report", "diff", "verify", "check", "release", "store", "history"} <= run
    assert sum(command.output is not None for command in COMMANDS) >= 5
    assert [command.words[:2] for command in COMMANDS if command.kind == "make"][:3] == [
        ["make", "demo"],
        ["make", "test"],
        ["make", "test-fast"],
    ]


SAMPLE = """Intro.

```sh
make demo
.venv/bin/sec-redline check base.txt \\
    --format text    # exits 1
.venv/bin/sec-redline changeset a b --title "..."
cp a.txt /tmp/b.txt   # then edit it
.venv/bin/sec-redline diff a.txt /tmp/b.txt
```

prints

```
amended   G3.20(b)
```

```
an example the prose explains
```

```yaml
x: 1
```

```sh
.venv/bin/sec-redline verify x.docx base.txt
```

```yaml
not: output
```
"""


def test_the_rule_reads_commands_exit_codes_placeholders_and_outputs() -> None:
    found = commands(SAMPLE, "sample.md")
    assert [(c.where, c.kind, c.exit_code) for c in found] == [
        ("sample.md:4", "make", 0),
        ("sample.md:5", "run", 1),
        ("sample.md:7", "placeholder", 0),
        ("sample.md:8", "copy", 0),
        ("sample.md:9", "run", 0),
        ("sample.md:27", "run", 0),
    ]
    assert found[1].words == [PROGRAM, "check", "base.txt", "--format", "text"]
    assert [c.output for c in found] == [None, None, None, None, ["amended   G3.20(b)"], None]


def test_the_rule_refuses_commands_it_cannot_run() -> None:
    with pytest.raises(AssertionError, match=r"sample.md:2: a command this test does not know how to run"):
        commands("```sh\nrm -rf out\n```\n", "sample.md")
    with pytest.raises(AssertionError, match=r"printed output after a command that is not run"):
        commands("```sh\n.venv/bin/sec-redline parse a.txt\nmake demo\n```\n\n```\nout\n```\n", "sample.md")


# Links ---------------------------------------------------------------------------------------------------------

_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def _prose(text: str) -> str:
    """TEXT without its fenced blocks and code spans, where a bracket is no link."""
    kept: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            kept.append(_CODE_SPAN.sub("", line))
    return "\n".join(kept)


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            base = slug(match.group(1))
            name, count = base, 0
            while name in found:
                count += 1
                name = f"{base}-{count}"
            found.add(name)
    return found


def links(path: Path) -> list[str]:
    return _LINK.findall(_prose(path.read_text(encoding="utf-8")))


MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", MARKDOWN, ids=[str(p.relative_to(ROOT)) for p in MARKDOWN])
def test_every_link_resolves(document: Path) -> None:
    broken: list[str] = []
    for target in links(document):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        name, _, fragment = target.partition("#")
        file = (document.parent / name).resolve() if name else document
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif fragment and file.suffix == ".md" and fragment not in anchors(file):
            broken.append(f"{target}: {file.name} has no heading #{fragment}")
    assert not broken, f"{document.relative_to(ROOT)}: " + "; ".join(broken)


def test_the_link_check_sees_links() -> None:
    """The README's own links are found (so the check above cannot pass by finding none)."""
    found = links(ROOT / "README.md")
    assert "docs/images/comparison.png" in found
    assert "docs/commands.md" in found
    assert slug("`sec-redline apply BASE CHANGESET... -o OUT`") == "sec-redline-apply-base-changeset--o-out"


# The example files ---------------------------------------------------------------------------------------------


def test_every_example_file_the_readme_names_is_shipped() -> None:
    """Each examples/... path README.md names (in a command, a code span or prose) is in the repository."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = sorted(set(re.findall(r"examples/[\w./+-]*[\w/]", text)))
    assert "examples/mp087/other.txt" in named and "examples/sec-5.20/section-G-5.19.txt" in named
    missing = [name for name in named if not (ROOT / name).exists()]
    assert not missing, missing


def test_the_illustrative_bases_are_the_seed_text_changed_only_as_their_readmes_say() -> None:
    """other.txt and the SEC 5.20 base are examples/mp087's SEC 6.17 text (the seed's) with exactly the changes
    their folders' READMEs name, so their SEC wording is the seed's but for what is marked illustrative."""
    g617 = (ROOT / "examples" / "mp087" / "section-G-6.17.txt").read_text(encoding="utf-8")
    other = (ROOT / "examples" / "mp087" / "other.txt").read_text(encoding="utf-8")
    assert other == g617.replace("SEC Version 6.17", "SEC Version 6.18").replace(
        "(as the case may be) need not be required", "(as the case may be) shall not be required"
    )
    assert other != g617.replace("SEC Version 6.17", "SEC Version 6.18")
    phrase = " which forms part of a SMETS2+ Device"
    g317b = g617.index("(b)", g617.index("G3.17"))
    at = g617.index(phrase, g317b)
    assert at < g617.index("G3.18")  # the words 5.20 added are G3.17(b)'s
    before = (ROOT / "examples" / "sec-5.20" / "section-G-5.19.txt").read_text(encoding="utf-8")
    assert before == (g617[:at] + g617[at + len(phrase) :]).replace("SEC Version 6.17", "SEC Version 5.19")
    change = (ROOT / "examples" / "sec-5.20" / "sec-5.20.changes.yaml").read_text(encoding="utf-8")
    assert change.startswith("# ILLUSTRATIVE") and f'insert: "{phrase.strip()}"' in change


def test_make_installs_without_upgrading_pip() -> None:
    """A fresh clone's `make test` and `make demo` use the venv's pip as it comes."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install" in makefile and not re.search(r"pip install[^\n]*--upgrade pip|-U pip", makefile)
