import pytest

from legal_text import ClauseRef, read_text, render_text
from sec_redline.apply import apply_changeset, join_words
from sec_redline.changes import ChangeSet, DeleteText, InsertText, ReplaceText, load_changeset
from sec_redline.errors import ChangeSetError
from sec_redline.yamlsource import Location
from tests.support import BASE, CHANGES

HERE = Location("test.yaml", 1)


def base():
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def changeset(*ops, base="6.17"):
    import datetime

    return ChangeSet("MP999", "Illustrative", base, "SECAS", datetime.date(2019, 10, 4), tuple(ops), "test.yaml")


def ref(s):
    return ClauseRef.parse(s)


def test_mp087_applies_and_input_is_untouched():
    doc = base()
    before = render_text(doc)
    new = apply_changeset(doc, load_changeset(CHANGES)).value
    assert render_text(doc) == before
    assert new.find(ref("G3.20(b)")).text == new.find(ref("G3.17(b)")).text  # the parallel wording now agrees
    assert "Gas Proxy Function which forms part of a SMETS2+ Device)" in new.find(ref("G3.20(b)")).text
    changed = [c.ref for c in new.clauses() if c != doc.find(c.ref)]
    assert [str(r) for r in changed] == ["G3.20", "G3.20(b)"]  # G3.20 holds the changed (b)


@pytest.mark.parametrize(
    "left, middle, right, expected",
    [
        ("Gas Proxy Function", "which forms part", ") for", "Gas Proxy Function which forms part) for"),
        ("excluding a ", "new", " Communications", "excluding a new Communications"),
        ("(", "where", "applicable)", "(where applicable)"),
        ("the User", "", ", and", "the User, and"),
        ("", "New", " words", "New words"),
    ],
)
def test_join_words(left, middle, right, expected):
    assert join_words(left, middle, right) == expected


def test_delete_and_replace_tidy_spaces():
    doc = base()
    new = apply_changeset(
        doc,
        changeset(
            DeleteText(ref("G3.21"), "(as the case may be)", None, HERE),
            ReplaceText(ref("G3.19"), "A User", "No User", None, HERE),
        ),
    ).value
    assert "manufacturer or developer need not" in new.find(ref("G3.21")).text
    assert new.find(ref("G3.19")).text.startswith("No User shall not")


def test_trailing_text_is_searched():
    new = apply_changeset(base(), changeset(InsertText(ref("G3.20"), "promptly", "will be", "after", None, HERE))).value
    assert "the User will be promptly notified" in new.find(ref("G3.20")).trailing


def test_ambiguous_anchor_lists_every_match():
    with pytest.raises(ChangeSetError) as info:
        apply_changeset(
            base(), changeset(InsertText(ref("G3.21"), "X", "manufacturer or developer", "after", None, HERE))
        )
    msg = str(info.value)
    assert "occurs 2 times" in msg and "occurrence: N" in msg and "test.yaml:1: G3.21" in msg


def test_occurrence_picks_one():
    new = apply_changeset(
        base(), changeset(InsertText(ref("G3.21"), "relevant", "manufacturer or developer", "before", 2, HERE))
    ).value
    assert "where that relevant manufacturer or developer has reason" in new.find(ref("G3.21")).text


def test_every_problem_reported_at_once():
    with pytest.raises(ChangeSetError) as info:
        apply_changeset(
            base(),
            changeset(
                InsertText(ref("G3.20(c)"), "X", "Y", "after", None, HERE),
                InsertText(ref("G3.20(b)"), "X", "Gas Proxy Fnction", "after", None, Location("test.yaml", 9)),
                base="6.16",
            ),
        )
    problems = info.value.problems
    assert len(problems) == 3
    assert "MP999 is drafted against SEC 6.16, but the base text" in problems[0]
    assert "section-G-6.17.txt is SEC 6.17" in problems[0]
    assert "G3.20(c): no such clause" in problems[1] and "nearest existing" in problems[1]
    assert problems[2].startswith("test.yaml:9: G3.20(b): anchor 'Gas Proxy Fnction' not found")
    assert "nearest: 'Gas Proxy Function)'" in problems[2] or "nearest: 'Gas Proxy Function" in problems[2]


def test_paragraph_words_are_not_the_clause_own_words():
    with pytest.raises(ChangeSetError) as info:
        apply_changeset(base(), changeset(InsertText(ref("G3.20"), "X", "Gas Proxy Function", "after", None, HERE)))
    assert "name a paragraph such as G3.20(a)" in str(info.value)


def test_a_paragraph_letter_written_without_brackets_is_pointed_to_its_paragraph():
    """`in: G3.20b` reads as an inserted clause G3.20B; SEC 6.17 has none, and the nearest named is the
    paragraph G3.20(b) the drafter most likely meant (not the clause G3.20)."""
    with pytest.raises(ChangeSetError) as info:
        apply_changeset(base(), changeset(InsertText(ref("G3.20b"), "X", "Function", "after", None, HERE)))
    (problem,) = info.value.problems
    assert problem.endswith("G3.20B: no such clause in the base text; nearest existing: G3.20(b)"), problem
