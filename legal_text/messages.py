"""What a stage noticed, in one shape for every stage: readers, change sets, report checks, verification.

A ``Message`` has a severity, a ``Location`` (``file:line``, or ``file paragraph N`` for a Word document),
the clause it concerns, and its text.  Printed, it reads as users see it::

    section-G.txt:12: warning: removed a page header, footer or number: 'Page 12 of 40'
    mp104.yaml:7: G3.20(b): anchor 'Gas Proxy Functions' not found in the clause's own words
    annex-a.docx: G3.21: the redline's original text (words) differs from ...

(an error carries no level word: the command line puts ``sec-redline: error:`` before it).  Every stage
returns its value with its messages (``Result``), in the manner of mammoth's messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, NamedTuple, TypeVar

Level = Literal["info", "warning", "error"]


class Location(NamedTuple):
    """Where something is: a file, and a line in it (text, YAML) or a paragraph (a Word document); a
    column too where one is known (YAML that does not parse: ``file:line:column``).

    A named tuple, not a dataclass: the reader makes one for every provision it reads."""

    file: str = ""
    line: int | None = None
    paragraph: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}" + (f":{self.column}" if self.column is not None else "")
        if self.paragraph is not None:
            return f"{self.file} paragraph {self.paragraph}"
        return self.file


NOWHERE = Location()  # for a message about no file in particular


@dataclass(frozen=True)
class Message:
    """Something a stage noticed: its level, text, where, and the clause it concerns (if any)."""

    level: Level
    text: str
    where: Location = NOWHERE
    clause: str = ""
    code: str = ""  # what kind of message, for programs ("unplaced": text the reader could not place)

    def __str__(self) -> str:
        parts = [p for p in (str(self.where), "" if self.level == "error" else self.level, self.clause) if p]
        return ": ".join([*parts, self.text])


def error(text: str, where: Location | str = "", clause: object = "") -> Message:
    """An error message (``where`` may be a file name alone)."""
    return Message("error", text, where if isinstance(where, Location) else Location(where), str(clause or ""))


def warning(text: str, where: Location | str = "", clause: object = "") -> Message:
    """A warning message (``where`` may be a file name alone)."""
    return Message("warning", text, where if isinstance(where, Location) else Location(where), str(clause or ""))


T = TypeVar("T")


@dataclass(frozen=True)
class Result(Generic[T]):
    """A stage's value with the messages it produced on the way."""

    value: T
    messages: tuple[Message, ...] = ()

    @property
    def warnings(self) -> tuple[Message, ...]:
        """The messages a user must see (not the informational ones)."""
        return tuple(m for m in self.messages if m.level != "info")
