import pytest
from hypothesis import given
from hypothesis import strategies as st

from legal_text import ClauseRef, ClauseRefError


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("G3.20(b)", "G3.20(b)"),
        ("G 3.20 (b)", "G3.20(b)"),
        ("section g3.20a", "G3.20A"),
        ("Section G3.18(a)", "G3.18(a)"),
        ("G3.20(b)(ii)(A)", "G3.20(b)(ii)(A)"),
        ("G3", "G3"),
        ("G", "G"),
        ("X1.4", "X1.4"),
    ],
)
def test_normalisation_examples(raw, expected):
    assert str(ClauseRef.parse(raw)) == expected


@pytest.mark.parametrize("raw", ["", "3.20", "G3.20(b", "G(b)", "G3.x", "hello world"])
def test_rejects_non_references(raw):
    with pytest.raises(ClauseRefError):
        ClauseRef.parse(raw)


def test_structure_and_parents():
    ref = ClauseRef.parse("G3.20(b)(ii)")
    assert (ref.section, ref.group, ref.clause, ref.path) == ("G", "3", "20", ("b", "ii"))
    assert ref.number == "G3.20"
    assert str(ref.parent()) == "G3.20(b)"
    assert ref.is_within(ClauseRef.parse("G3.20"))
    assert not ref.is_within(ClauseRef.parse("G3.2"))
    assert ClauseRef.parse("G3.20").child("b") == ClauseRef.parse("G3.20(b)")


refs = st.builds(
    lambda sec, grp, cl, suffix, path: ClauseRef(sec, str(grp), f"{cl}{suffix}", tuple(path)),
    st.sampled_from(["A", "G", "H", "X", "AB"]),
    st.integers(1, 30),
    st.integers(1, 99),
    st.sampled_from(["", "A", "B", "AA"]),
    st.lists(st.sampled_from(["a", "b", "z", "aa", "i", "iv", "xx", "A", "B"]), max_size=3),
)


@given(refs)
def test_parse_str_round_trip(ref):
    assert ClauseRef.parse(str(ref)) == ref
    assert str(ClauseRef.parse(str(ref))) == str(ref)


def test_how_other_words_cite_a_provision():
    """A Section's provisions are cited whole; an Appendix's paragraphs by number ("paragraph 1.2(a)")."""
    assert ClauseRef.parse("G3.20(b)").cited == "G3.20(b)"
    assert ClauseRef.parse("AD 1.2(a)").cited == "1.2(a)"
    assert ClauseRef.parse("Appendix A 1.2.3").cited == "1.2.3"
    assert ClauseRef.parse("Appendix AD").cited == "Appendix AD"  # a whole Appendix is named
