import datetime

import pytest

from legal_text import ClauseRef
from sec_redline.changes import InsertText, load_changeset
from sec_redline.errors import EXIT_CHANGESET, ChangeSetError, InputError, YAMLSyntaxError
from tests.support import CHANGES


def write(tmp_path, text, name="cs.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


HEADER = """modification: MP999
title: "Illustrative"
base: "6.17"
author: SECAS
date: 2019-10-04
"""


def test_mp087_core_format_exactly_as_written():
    cs = load_changeset(CHANGES)
    assert (cs.modification, cs.title, cs.base, cs.author, cs.date) == (
        "MP087",
        "Correction to SEC Section G - User Responsibilities",
        "6.17",
        "SECAS",
        datetime.date(2019, 10, 4),
    )
    assert cs.timestamp == "2019-10-04T00:00:00Z"
    (op,) = cs.changes
    assert op == InsertText(
        ClauseRef.parse("G3.20(b)"),
        "which forms part of a SMETS2+ Device",
        "Gas Proxy Function",
        "after",
        None,
        op.where,
    )
    assert op.where.line == 10


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_changeset(tmp_path / "nope.yaml")


def test_malformed_yaml_names_the_line(tmp_path):
    p = write(tmp_path, HEADER + "changes:\n  - in: G3.20(b)\n    insert: [unclosed\n")
    with pytest.raises(YAMLSyntaxError) as info:
        load_changeset(p)
    assert str(info.value).startswith(f"{p}:") and "not valid YAML" in str(info.value)
    assert info.value.exit_code == EXIT_CHANGESET


def test_all_problems_at_once_with_lines(tmp_path):
    p = write(
        tmp_path,
        HEADER
        + """colour: blue
changes:
  - in: G3.20(b)
    insert: "x"
  - in: not a ref
    delete: "y"
  - in: G3.21
    replace: "a"
  - in: G3.21
    delete: "z"
    occurrence: 0
""",
    )
    with pytest.raises(ChangeSetError) as info:
        load_changeset(p)
    problems = info.value.problems
    assert f"{p}:6: unknown key 'colour'" in problems[0]
    assert any(f"{p}:8: G3.20(b): 'insert:' needs exactly one of 'after:' or 'before:'" in x for x in problems)
    assert any(f"{p}:10:" in x and "not a clause reference" in x for x in problems)
    assert any(f"{p}:12: G3.21: 'replace:' needs 'with:'" in x for x in problems)
    assert any(f"{p}:16: G3.21: 'occurrence' must be a whole number" in x for x in problems)


def test_wrong_types(tmp_path):
    p = write(tmp_path, HEADER.replace('base: "6.17"', "base: [6, 17]") + "changes: []\n")
    with pytest.raises(ChangeSetError) as info:
        load_changeset(p)
    assert any("'base' must be text" in x for x in info.value.problems)
    assert any("'changes' must be a non-empty list" in x for x in info.value.problems)


def test_a_misspelt_key_is_named_at_its_own_line_with_the_nearest_known_key(tmp_path):
    """Each unknown key is reported at its own line (not the change's first), with the key it is nearest to:
    a misspelt verb, a misspelt header key, a misspelt head in a change whose first line is another key."""
    p = tmp_path / "cs.yaml"
    p.write_text(
        """modification: MP900
titel: "Illustrative"
base: "6.17"
author: SECAS
date: 2019-10-04
changes:
  - in: G3.20(b)
    insrt: "words"
    after: "Device"
  - replace: "reason"
    with: "reasonable"
    inn: G3.19
""",
        encoding="utf-8",
    )
    with pytest.raises(ChangeSetError) as info:
        load_changeset(p)
    problems = info.value.problems
    assert any(x.startswith(f"{p}:2: unknown key 'titel'; did you mean 'title'? (expected one of: ") for x in problems)
    assert any(
        x.startswith(f"{p}:8: unknown key 'insrt' for an 'in:' change; did you mean 'insert'?") for x in problems
    )
    assert f"{p}:12: unknown key 'inn'; did you mean 'in'?" in problems
