"""What a command makes, as one value: the files it writes, what it tells the user, what it prints.

Every command of the command line is: its options, one library call returning ``Outputs``, the messages
printed, the outputs written (``write_outputs``: all files or none, never over an input, committed together
with the version store where a release records its version).  The same calls serve a Python user
(docs/api.md), who may write the files or use the bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from legal_text import Message

from .errors import EXIT_OK, UserError
from .fileio import check_not_input
from .writing import Joined, write_together

Data = bytes | str  # a file's contents: text is written as UTF-8


@dataclass(frozen=True)
class Outputs:
    """A command's outputs: ``files`` (contents by path, written together or not at all), ``messages``
    (warnings and notes, for stderr), ``stdout`` (the results, printed as they are), ``report`` (a
    report for stderr, printed as it is: the drafting checks beside a redline), ``exit_code``,
    ``inputs`` (paths the files must never be written over), ``root`` (the folder ``-o`` names: no link
    inside it leads a file out of it), ``exclusive`` (no file may be replaced: a release folder without
    --force) and ``joined`` (work committed together with the files, all or nothing: a release's version
    recorded in the version store; its ``commit`` returns the line that says so)."""

    files: dict[Path, Data] = field(default_factory=dict)
    messages: tuple[Message, ...] = ()
    stdout: str = ""
    report: str = ""
    exit_code: int = EXIT_OK
    inputs: tuple[Path, ...] = ()
    root: Path | None = None
    exclusive: bool = False
    joined: Joined | None = None

    def file(self, name: str) -> Data:
        """The contents of the output whose path ends in ``name`` ("annex-a.docx")."""
        found = [data for path, data in self.files.items() if path.as_posix().endswith(name)]
        if len(found) != 1:
            raise KeyError(f"{name}: {len(found)} outputs end so")
        return found[0]


def write_outputs(outputs: Outputs) -> list[str]:
    """Write every file of ``outputs`` or none (refusing any that is an input), together with what is
    joined to them (all or nothing); the lines that say what was done ("wrote out/annex-a.docx")."""
    for path in outputs.files:
        check_not_input(path, outputs.inputs)
    if not outputs.files and outputs.joined is None:
        return []
    written, said = write_together(
        dict(outputs.files), root=outputs.root, exclusive=outputs.exclusive, joined=outputs.joined
    )
    return [f"wrote {p}" for p in written] + ([said] if said else [])


@contextmanager
def told(messages: Sequence[Message]) -> Iterator[None]:
    """A user error raised inside carries ``messages`` (what was noticed before it), to print first."""
    try:
        yield
    except UserError as exc:
        exc.said = (*messages, *exc.said)
        raise


__all__ = ["Data", "Outputs", "told", "write_outputs"]
