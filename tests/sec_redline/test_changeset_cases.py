"""Every operation of the change-set language, on the example text: tests/golden/changesets/<case>/."""

import datetime
from pathlib import Path

import pytest

from legal_text import read_text, render_text
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.derive import derive_changeset
from tests.support import BASE

CASES = sorted(p for p in (Path(__file__).resolve().parents[1] / "golden" / "changesets").iterdir() if p.is_dir())


def case_base(case: Path):
    path = case / "base.txt" if (case / "base.txt").exists() else BASE
    return read_text(path.read_text(encoding="utf-8"), str(path)).value


def applied(case: Path):
    return apply_changeset(case_base(case), load_changeset(case / "changes.yaml"))


def test_there_are_cases_for_every_operation():
    kinds = set()
    for case in CASES:
        kinds |= {type(op).__name__ for op in load_changeset(case / "changes.yaml").changes}
    assert kinds == {
        "InsertText",
        "DeleteText",
        "ReplaceText",
        "SetText",
        "InsertClause",
        "DeleteClause",
        "Renumber",
        "MoveClause",
        "AmendDefinition",
        "RemoveDefinition",
        "AddHeading",
        "RemoveHeading",
        "InsertRow",
        "DeleteRow",
        "SetCell",
    }
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_golden(case, golden):
    base = case_base(case)
    before = render_text(base)
    result = applied(case)
    assert render_text(base) == before  # inputs never change
    golden(f"changesets/{case.name}", "expected.txt", render_text(result.value.with_version("")))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_derived_changeset_reproduces_it(case):
    base, new = case_base(case), applied(case).value
    cs = derive_changeset(base, new, "MP999", "Illustrative", "SECAS", datetime.date(2019, 10, 4))
    assert apply_changeset(base, cs).value == new
