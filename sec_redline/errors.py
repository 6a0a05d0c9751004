"""User errors: one clear line and a documented exit code.  Anything else is a bug."""

from __future__ import annotations

# Exit codes, documented in README.md ("Exit codes").
EXIT_OK = 0
EXIT_USAGE = 2          # wrong command-line options (click's own code)
EXIT_INPUT = 3          # an input file is missing, unreadable, empty, binary or not UTF-8
EXIT_CHANGESET = 4      # a change set or metadata file is invalid, or does not fit the base text
EXIT_OUTPUT = 5         # an output cannot be written, or would overwrite an input
EXIT_STRICT = 6         # --strict and the input produced warnings


class UserError(Exception):
    """An error in what the user gave us; ``str()`` is the whole message."""

    exit_code = EXIT_INPUT


class InputError(UserError):
    exit_code = EXIT_INPUT


class ChangeSetError(UserError):
    """One or more problems in a change set; each line names file:line, clause and problem."""

    exit_code = EXIT_CHANGESET

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class OutputError(UserError):
    exit_code = EXIT_OUTPUT


class StrictError(UserError):
    exit_code = EXIT_STRICT
