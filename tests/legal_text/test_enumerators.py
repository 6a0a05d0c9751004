"""Paragraph enumerators: roman numerals, the letter that follows another, what kind an enumerator is."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legal_text.enumerators import (
    is_roman,
    kind_of,
    letter_successors,
    nth_letter,
    roman_successor,
    roman_value,
    to_roman,
)


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_round_trip(n):
    assert roman_value(to_roman(n)) == n


@pytest.mark.parametrize("text", ["", "iiii", "vv", "ic", "a", "I"])
def test_what_is_not_a_roman_numeral(text):
    assert roman_value(text) is None and not is_roman(text)


def test_successors():
    assert letter_successors("a") == {"b"}
    assert letter_successors("z") == {"aa"}
    assert letter_successors("aa") == {"bb", "ab"}
    assert letter_successors("az") == {"ba"}
    assert roman_successor("iv") == "v" and roman_successor("q") is None


def test_kinds_and_nth_letter():
    assert kind_of("A") == "upper"
    assert kind_of("i") == "roman-or-letter" and kind_of("v") == "roman-or-letter"
    assert kind_of("b") == "letter"
    assert [nth_letter(n) for n in (1, 26, 27)] == ["a", "z", "aa"]
