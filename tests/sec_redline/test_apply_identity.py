"""A provision keeps its identity through a change set: words changed before a renumbering or a move
are still known as changed after it, so a later operation that touches them is an overlap.

Every order of insert words / renumber / move / delete words / remove on one provision, in one change set
and across two.  Wording of the inserted words is MP087's; the operations around it are illustrative.
"""

from __future__ import annotations

import pytest

from legal_text import ClauseRef, read_text
from sec_redline.apply import apply_changesets
from sec_redline.changes import load_changeset_text
from sec_redline.errors import ChangeSetError
from tests.support import BASE, CHANGESET_HEADER

HEADER = CHANGESET_HEADER
INSERT = """  - in: {ref}
    after: "Gas Proxy Function"
    insert: "which forms part of a SMETS2+ Device"
"""
DELETE_INSERTED = """  - in: {ref}
    delete: "which forms part of a SMETS2+ Device"
"""
DELETE_OTHER = """  - in: {ref}
    delete: "(where applicable)"
"""
RENUMBER = """  - renumber: G3.20
    to: G3.20A
"""
MOVE = """  - move: G3.20
    after: G3.21
    to: G3.21A
"""
REMOVE = """  - remove: {ref}
"""


def _base():
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def _run(*bodies: str):
    """Apply change sets MP901, MP902, ... (one a body) to the MP087 base text."""
    sets = [
        load_changeset_text(HEADER.format(mod=f"MP90{i}") + body, f"MP90{i}.yaml")
        for i, body in enumerate(bodies, start=1)
    ]
    return apply_changesets([_base()], sets)


def _problems(*bodies: str) -> list[str]:
    with pytest.raises(ChangeSetError) as info:
        _run(*bodies)
    return info.value.problems


def _text(result, ref: str) -> str:
    clause = result.value[0].find(ClauseRef.parse(ref))
    assert clause is not None, f"{ref} is missing"
    return clause.text


def test_insert_renumber_then_delete_the_inserted_words_overlaps():
    body = INSERT.format(ref="G3.20(b)") + RENUMBER + DELETE_INSERTED.format(ref="G3.20A(b)")
    (problem,) = _problems(body)
    assert problem.startswith("MP901.yaml:12: G3.20A(b): overlaps the change at MP901.yaml:7")


def test_insert_move_then_delete_the_inserted_words_overlaps():
    body = INSERT.format(ref="G3.20(b)") + MOVE + DELETE_INSERTED.format(ref="G3.21A(b)")
    (problem,) = _problems(body)
    assert problem.startswith("MP901.yaml:13: G3.21A(b): overlaps the change at MP901.yaml:7")


def test_insert_move_renumber_then_delete_overlaps():
    body = (
        INSERT.format(ref="G3.20(b)")
        + MOVE
        + "  - renumber: G3.21A\n    to: G3.21B\n"
        + DELETE_INSERTED.format(ref="G3.21B(b)")
    )
    (problem,) = _problems(body)
    assert "G3.21B(b): overlaps the change at MP901.yaml:7" in problem


def test_insert_renumber_then_delete_other_words_merges():
    body = INSERT.format(ref="G3.20(b)") + RENUMBER + DELETE_OTHER.format(ref="G3.20A(b)")
    result = _run(body)
    text = _text(result, "G3.20A(b)")
    assert text.startswith("any Smart Metering System")
    assert "Gas Proxy Function which forms part of a SMETS2+ Device)" in text


def test_renumber_then_insert_at_the_new_reference():
    result = _run(RENUMBER + INSERT.format(ref="G3.20A(b)"))
    assert "Gas Proxy Function which forms part of a SMETS2+ Device)" in _text(result, "G3.20A(b)")
    assert result.value[0].find(ClauseRef.parse("G3.20(b)")) is None


def test_renumber_then_insert_at_the_old_reference_is_not_found():
    (problem,) = _problems(RENUMBER + INSERT.format(ref="G3.20(b)"))
    assert problem.startswith("MP901.yaml:9: G3.20(b): no such clause in the base text")


def test_move_then_insert_at_the_new_reference():
    result = _run(MOVE + INSERT.format(ref="G3.21A(b)"))
    refs = [str(r) for r in result.value[0].refs()]
    assert refs.index("G3.21A") == refs.index("G3.21") + 1
    assert "SMETS2+ Device)" in _text(result, "G3.21A(b)")


@pytest.mark.parametrize("target", ["G3.20(b)", "G3.20"])
def test_insert_then_remove_what_holds_the_inserted_words_overlaps(target):
    (problem,) = _problems(INSERT.format(ref="G3.20(b)") + REMOVE.format(ref=target))
    assert problem.startswith(f"MP901.yaml:10: {target}: overlaps the change at MP901.yaml:7")


def test_insert_renumber_then_remove_overlaps():
    (problem,) = _problems(INSERT.format(ref="G3.20(b)") + RENUMBER + REMOVE.format(ref="G3.20A"))
    assert "G3.20A: overlaps the change at MP901.yaml:7" in problem


def test_insert_in_one_paragraph_then_remove_another_is_allowed():
    result = _run(INSERT.format(ref="G3.20(b)") + REMOVE.format(ref="G3.20(a)"))
    assert result.value[0].find(ClauseRef.parse("G3.20(a)")) is None


@pytest.mark.parametrize("after", [INSERT.format(ref="G3.20(b)"), RENUMBER, MOVE, REMOVE.format(ref="G3.20")])
def test_anything_after_a_removal_finds_nothing(after):
    (problem,) = _problems(REMOVE.format(ref="G3.20") + after)
    assert ": G3.20" in problem and "no such clause" in problem


def test_across_change_sets_a_renumbered_provision_keeps_its_changed_words():
    first = INSERT.format(ref="G3.20(b)") + RENUMBER
    second = DELETE_INSERTED.format(ref="G3.20A(b)")
    (problem,) = _problems(first, second)
    assert problem.startswith("MP902.yaml:7: G3.20A(b): conflicts with MP901")


def test_across_change_sets_renumbering_what_another_amended_conflicts():
    (problem,) = _problems(INSERT.format(ref="G3.20(b)"), RENUMBER)
    assert problem.startswith("MP902.yaml:7: G3.20: conflicts with MP901 (MP901.yaml:7), which also changes G3.20(b)")


def test_identities_are_never_reused():
    from legal_text.tree_edit import WorkingDocument

    doc = _base()
    seen: set[int] = set()
    for _ in range(50):  # many working copies, each dropped: a reused id() would show up here
        uids = {n.uid for n in WorkingDocument(doc).nodes()}
        assert not uids & seen
        seen |= uids
