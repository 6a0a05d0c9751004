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


@pytest.mark.parametrize("command", ["redline", "apply", "changeset-check"])
def test_base_and_change_set_given_the_other_way_round_is_said_so(tmp_path, command):
    """`redline CHANGES BASE`: the text in the change set's place does not load as one, and the line says the
    two were likely swapped, not PyYAML's indentation complaint about SEC text."""
    from sec_redline.changes import load_changeset
    from tests.support import BASE, CHANGES, run_cli

    if command == "changeset-check":
        with pytest.raises(ChangeSetError) as info:
            load_changeset(BASE)
        assert info.value.problems == [
            f"{BASE}: is a .txt file, not a change set (a change set is YAML, e.g. mp087.changes.yaml): were "
            "the base and the change set given the other way round? The base comes first"
        ]
        # A Word file (no text at all) is said the same way.
        word = tmp_path / "amended.docx"
        assert run_cli("apply", BASE, CHANGES, "-o", word).returncode == 0
        with pytest.raises(ChangeSetError) as info:
            load_changeset(word)
        assert "is a .docx file, not a change set" in info.value.problems[0]
        # A change set saved as .txt with a mistake of its own gets its own problems, not the hint.
        mistaken = tmp_path / "mp087.changes.txt"
        mistaken.write_text(CHANGES.read_text("utf-8").replace("modification: MP087", "modification: mp087x"))
        with pytest.raises(ChangeSetError) as info:
            load_changeset(mistaken)
        assert "other way round" not in " ".join(info.value.problems) and "modification" in info.value.problems[0]
        return
    out = tmp_path / ("annex" if command == "redline" else "amended.txt")
    r = run_cli(command, CHANGES, BASE, "-o", out)
    # redline loads the change set first (exit 4), apply reads the base first (exit 3): each says why
    assert r.returncode == (EXIT_CHANGESET if command == "redline" else EXIT_INPUT), r.stderr
    assert r.stderr.count("\n") == 1 and "the base comes first" in r.stderr.lower()
    assert not out.exists()
    # A change set that is valid YAML in a .txt file still loads: the hint only replaces a failure.
    named = tmp_path / "mp087.changes.txt"
    named.write_bytes(CHANGES.read_bytes())
    assert load_changeset(named).modification == "MP087"
