"""Validation, overlaps and conflicts: what a drafter is told, with file, line and clause."""

import pytest

from legal_text import ClauseRef, read_text
from sec_redline.apply import apply_changeset, apply_changesets
from sec_redline.changes import load_changeset
from sec_redline.errors import EXIT_CHANGESET, EXIT_OUTPUT, ChangeSetError
from tests.support import BASE, CHANGES, CHANGESET_HEADER, run_cli

HEADER = CHANGESET_HEADER


def cs(tmp_path, body, mod="MP901", name=None):
    p = tmp_path / (name or f"{mod}.yaml")
    p.write_text(HEADER.format(mod=mod) + body, encoding="utf-8")
    return p


def base():
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def problems_of(*changesets):
    with pytest.raises(ChangeSetError) as info:
        apply_changesets([base()], [load_changeset(p) for p in changesets])
    return info.value.problems


def test_overlapping_operations_in_one_change_set(tmp_path):
    p = cs(
        tmp_path,
        """  - in: G3.20
    replace: "will be notified"
    with: "is notified"
  - in: G3.20
    after: "will be"
    insert: "promptly"
""",
    )
    (problem,) = problems_of(p)
    assert problem.startswith(f"{p}:10: G3.20: overlaps the change at {p}:7")


def test_two_change_sets_touching_the_same_words_conflict(tmp_path):
    first = CHANGES  # MP087 itself
    second = cs(
        tmp_path,
        """  - in: G3.20(b)
    replace: "Gas Proxy Function"
    with: "GPF"
""",
        mod="MP104",
    )
    (problem,) = problems_of(first, second)
    assert problem.startswith(f"{second}:7: G3.20(b): conflicts with MP087 ({first}:10)")
    assert "'which forms part of a SMETS2+ Device'" in problem or "'Gas Proxy Function" in problem


def test_edits_to_different_words_of_one_clause_merge(tmp_path):
    first = CHANGES  # MP087 itself
    second = cs(
        tmp_path,
        """  - in: G3.20(b)
    replace: "(where applicable)"
    with: "(where relevant)"
""",
        mod="MP104",
    )
    docs = apply_changesets([base()], [load_changeset(first), load_changeset(second)]).value
    assert docs[0].find(ClauseRef.parse("G3.20(b)")).text == (
        "(where relevant) any Smart Metering System (excluding a Communications Hub Function or Gas Proxy "
        "Function which forms part of a SMETS2+ Device) for which it is the Responsible Supplier,"
    )


def test_restructuring_what_another_change_set_amended_conflicts(tmp_path):
    first = cs(
        tmp_path,
        """  - in: G3.21
    delete: "(as the case may be)"
""",
        mod="MP901",
    )
    second = cs(
        tmp_path,
        """  - remove: G3.21
""",
        mod="MP902",
    )
    (problem,) = problems_of(first, second)
    assert f"{second}:7: G3.21: conflicts with MP901 ({first}:7)" in problem


def test_structural_errors_are_all_reported(tmp_path):
    p = cs(
        tmp_path,
        """  - add: G3.20
    after: G3.19
    text: "Illustrative."
  - add: G3.20B
    after: G3.20(a)
    text: "Illustrative."
  - renumber: G3.19
    to: G3.20
  - renumber: G3.19
    to: G3.19(a)
  - move: G3.20
    after: G3.20(b)
  - remove: G3.99
  - undefine: "User"
  - add: G3.21A
    after: G3.21
    text: "(a) not a clause"
""",
    )
    problems = problems_of(p)
    expected = [
        (7, "G3.20: already exists"),
        (10, "G3.20B: G3.20(a) is not at the same level as G3.20B"),
        (13, "G3.19: cannot renumber to G3.20: it already exists"),
        (15, "G3.19: G3.19(a) is not at the same level"),
        (17, "G3.20: cannot move G3.20 after G3.20(b), which is inside it"),
        (19, "G3.99: no such clause in the base text; nearest existing: G3.19"),
        (20, '"User": the base text has no definitions'),
        (21, "G3.21A: the text starts with (a) but adds G3.21A"),
    ]
    assert len(problems) == len(expected), problems
    for problem, (line, text) in zip(problems, expected, strict=False):
        assert problem.startswith(f"{p}:{line}: {text}"), problem


def test_unknown_keys_per_operation_and_quoted_versions(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text(
        HEADER.format(mod="MP901").replace('base: "6.17"', "base: 6.20")
        + """  - remove: G3.21
    with: "x"
  - define: "Term"
  - in: G3.21
    text: "x"
    after: "y"
""",
        encoding="utf-8",
    )
    with pytest.raises(ChangeSetError) as info:
        load_changeset(p)
    problems = info.value.problems
    quoted = "'base' must be quoted (\"6.20\"): unquoted, YAML reads a version as a number (6.20 as 6.2)"
    assert f"{p}:3: {quoted}" in problems
    assert any(x.startswith(f"{p}:8: unknown key 'with' for a 'remove:' change") for x in problems)
    assert any(x.startswith(f"{p}:9: \"Term\": 'define:' needs 'text:'") for x in problems)
    assert any(x.startswith(f"{p}:12: G3.21: 'after:' does not go with 'text:'") for x in problems)


def test_removing_a_referenced_clause_warns(tmp_path):
    p = cs(
        tmp_path,
        """  - remove: G3.18
""",
    )
    result = apply_changeset(base(), load_changeset(p))
    texts = [m.text for m in result.messages]
    assert f"G3.17 still refers to G3.18, which {p}:7 removes" in texts
    assert f"G3.19 still refers to G3.18(a), which {p}:7 removes" in texts


def test_apply_cli_several_change_sets_and_refusals(tmp_path):
    second = cs(
        tmp_path,
        """  - in: G3.21
    delete: "(as the case may be)"
""",
        mod="MP104",
    )
    out = tmp_path / "release.txt"
    r = run_cli("apply", BASE, CHANGES, second, "-o", out)
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert "SMETS2+ Device) for which" in text and "developer need not be required" in text
    before = second.read_bytes()
    r = run_cli("apply", BASE, CHANGES, second, "-o", second)
    assert r.returncode == EXIT_OUTPUT and second.read_bytes() == before
    conflict = cs(
        tmp_path,
        """  - in: G3.20(b)
    delete: "Gas Proxy Function"
""",
        mod="MP105",
    )
    r = run_cli("apply", BASE, CHANGES, conflict, "-o", tmp_path / "x.txt")
    assert r.returncode == EXIT_CHANGESET
    assert "conflicts with MP087" in r.stderr and not (tmp_path / "x.txt").exists()
