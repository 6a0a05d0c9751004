"""User errors: one clear line each and a documented exit code.  Anything else is a bug.

Errors that list problems in a file (a change set, report metadata, YAML that does not parse) hold
``Message`` values, printed one a line as ``FILE:LINE: CLAUSE: problem``.
"""

from __future__ import annotations

from collections.abc import Iterable

from legal_text import Message, error

# Exit codes, documented in README.md ("Exit codes") and docs/errors.md.
EXIT_OK = 0
EXIT_DIFFERS = 1  # diff --exit-code: the versions differ; verify: the redline does not match its base
EXIT_USAGE = 2  # wrong command-line options (click's own code)
EXIT_INPUT = 3  # an input file is missing, unreadable, empty, binary or not UTF-8
EXIT_CHANGESET = 4  # a change set or metadata file is invalid, or does not fit the base text
EXIT_OUTPUT = 5  # an output cannot be written, or would overwrite an input
EXIT_STRICT = 6  # --strict and the input produced warnings


class UserError(Exception):
    """An error in what the user gave us; ``str()`` is the whole message, one line a problem.  ``said``:
    what the work had noticed before it stopped (a reader's warnings), printed before the error."""

    exit_code = EXIT_INPUT
    said: tuple[Message, ...] = ()


class InputError(UserError):
    """An input cannot be read (missing, unreadable, empty, binary, not UTF-8, too big, not a .docx)."""

    exit_code = EXIT_INPUT


class ProblemsError(UserError):
    """One or more problems in a file the user wrote; each names file:line, clause and problem."""

    exit_code = EXIT_CHANGESET

    def __init__(self, problems: Iterable[Message | str] | Message | str) -> None:
        items = [problems] if isinstance(problems, (Message, str)) else list(problems)
        self.messages: list[Message] = [m if isinstance(m, Message) else error(m) for m in items]
        super().__init__("\n".join(self.problems))

    @property
    def problems(self) -> list[str]:
        """Each problem as the line the user reads."""
        return [str(m) for m in self.messages]


class ChangeSetError(ProblemsError):
    """A change set is invalid, or does not fit the base text it is applied to."""


class MetadataError(ProblemsError):
    """Report metadata is invalid."""


class YAMLSyntaxError(ProblemsError):
    """A YAML file (change set or metadata) does not parse."""


class OutputError(UserError):
    """An output cannot be written, or would overwrite an input."""

    exit_code = EXIT_OUTPUT


class StrictError(UserError):
    """``--strict`` was given and the input needed repairs or raised warnings."""

    exit_code = EXIT_STRICT
