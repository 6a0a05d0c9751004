"""User errors: each kind has its documented exit code; problem lists print one line a problem."""

import pytest

from legal_text import Location, error
from sec_redline.errors import (
    EXIT_CHANGESET,
    EXIT_INPUT,
    EXIT_OUTPUT,
    EXIT_STRICT,
    ChangeSetError,
    InputError,
    MetadataError,
    OutputError,
    ProblemsError,
    StrictError,
    YAMLSyntaxError,
)


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (InputError, EXIT_INPUT),
        (ChangeSetError, EXIT_CHANGESET),
        (MetadataError, EXIT_CHANGESET),
        (YAMLSyntaxError, EXIT_CHANGESET),
        (OutputError, EXIT_OUTPUT),
        (StrictError, EXIT_STRICT),
    ],
)
def test_exit_codes(cls, code):
    assert cls("x").exit_code == code


def test_problems_are_messages_printed_one_a_line():
    exc = ChangeSetError([error("anchor not found", Location("cs.yaml", 7), "G3.20(b)"), "plain problem"])
    assert exc.problems == ["cs.yaml:7: G3.20(b): anchor not found", "plain problem"]
    assert str(exc) == "cs.yaml:7: G3.20(b): anchor not found\nplain problem"
    assert isinstance(exc, ProblemsError) and not isinstance(MetadataError("x"), ChangeSetError)
