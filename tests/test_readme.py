"""The README's commands work and print what the README says; every link in README.md and docs/*.md resolves.

Which commands are run, and how (the rule):

- The ```sh fenced blocks of README.md, then of docs/multi-document.md (the walk-through moved out of the
  README), are read in order. A line ending in a backslash continues on the next line; words are split as a
  shell would (shlex), and a ``# ...`` comment is dropped.
- ``make ...`` lines are not run: they are the set-up (and ``make test`` would run this test).
- A command holding a placeholder for the reader to fill in is not run: a word that is or holds ``...``
  (``--title "..."``), or a word in angle brackets (``<FILE>``).
- ``.venv/bin/sec-redline ARGS`` is run as ``python -m sec_redline ARGS`` (the interpreter running the tests),
  in a fresh process whose working folder is the repository's root. ``cp SRC DST`` is done with shutil. Any
  other command fails the test, so a new kind of command in the README is a decision, not silently skipped.
- Paths: the README writes into ``out/`` and ``/tmp/``; a word starting ``out/`` or ``/tmp/`` is moved under
  this test's temporary folder (``TMP/out/...``, ``TMP/tmp/...``), so the test writes nothing into the
  checkout or /tmp, and in what a command prints the temporary folder is written back as ``out/`` and
  ``/tmp/``. Any other absolute path fails the test. The commands share that folder and run in the README's
  order, since a later one reads what an earlier one wrote (``verify`` reads the Annex A ``redline`` wrote).
- Exit code: 0, unless the command's line ends in a comment ``# exits N`` (or ``# exit N``).
- Printed output: when the next fenced block after a ```sh block (only prose between them) is a plain ```
  block, it is what that ```sh block's last command prints: exactly its standard output without the
  ``wrote FILE`` lines each output adds, or exactly its standard error. A plain block after another plain
  block is an example the README explains in prose (an error, another input), and is not checked.

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


def _moved(word: str, tmp: Path) -> str:
    if word.startswith("/tmp/"):
        return str(tmp / "tmp" / word[len("/tmp/") :])
    if word.startswith("out/"):
        return str(tmp / "out" / word[len("out/") :])
    assert not word.startswith("/"), f"the README names an absolute path other than /tmp/: {word}"
    return word


def _written_back(text: str, tmp: Path) -> str:
    return text.replace(str(tmp / "out"), "out").replace(str(tmp / "tmp"), "/tmp")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every command run, in the README's order, in one temporary folder: FILE:LINE -> its process."""
    tmp = tmp_path_factory.mktemp("readme")
    (tmp / "out").mkdir()
    (tmp / "tmp").mkdir()
    done: dict[str, subprocess.CompletedProcess[str]] = {}
    for command in RUN:
        words = [_moved(word, tmp) for word in command.words]
        if command.kind == "copy":
            shutil.copyfile(ROOT / words[1], words[2])
            done[command.where] = subprocess.CompletedProcess(words, 0, "", "")
            continue
        process = subprocess.run(
            [sys.executable, "-m", "sec_redline", *words[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        process.stdout = _written_back(process.stdout, tmp)
        process.stderr = _written_back(process.stderr, tmp)
        done[command.where] = process
    return done


@pytest.mark.parametrize("command", RUN, ids=[command.where for command in RUN])
def test_readme_command(command: Command, results: dict[str, subprocess.CompletedProcess[str]]) -> None:
    process = results[command.where]
    shown = " ".join(command.words)
    assert process.returncode == command.exit_code, (
        f"{command.where}: `{shown}` exited {process.returncode}, the README says {command.exit_code}\n"
        f"stdout:\n{process.stdout}\nstderr:\n{process.stderr}"
    )
    if command.output is not None:
        stdout = [line for line in process.stdout.splitlines() if not line.startswith("wrote ")]
        stderr = process.stderr.splitlines()
        assert command.output in (stdout, stderr), (
            f"{command.where}: `{shown}` printed other than the README shows\n"
            "README:\n" + "\n".join(command.output) + "\nstdout:\n" + process.stdout + "\nstderr:\n" + process.stderr
        )


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
