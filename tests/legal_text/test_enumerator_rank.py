"""An enumerator that may be a letter or a numeral ((i), (v), (x) ...) is placed by what it would follow: the open
paragraph's letter, the open sub-paragraph's numeral, both, or neither; each way says what it decided.
The texts are illustrative, not SEC wording."""

from __future__ import annotations

import pytest

from legal_text import read_text


def _subs(*enums: str, indent: str = "") -> str:
    return "".join(f"\n\n{indent}({e}) item;" for e in enums)


@pytest.mark.parametrize(
    ("text", "refs", "said"),
    [
        # follows the letter only: the letter after it, unless (i) opens the list its letter introduces
        ("G3.1 Words:\n\n(h) one;\n\n(i) two.", ["G3.1(h)", "G3.1(i)"], ("info", "(i) read as the letter after (h)")),
        (
            "G3.1 Words:\n\n(h) one:\n\n(i) two;\n\n(ii) three.",
            ["G3.1(h)", "G3.1(h)(i)", "G3.1(h)(ii)"],
            ("info", "(i) read as the first sub-paragraph of (h), which introduces a list"),
        ),
        # follows both (u) and (iv): its indent decides
        (
            "G3.1 Words:\n\n(u) thing:" + _subs("i", "ii", "iii", "iv") + "\n\n(v) next.",
            ["G3.1(u)", "G3.1(u)(i)", "G3.1(u)(ii)", "G3.1(u)(iii)", "G3.1(u)(iv)", "G3.1(v)"],
            ("warning", "(v) could follow (u) or (iv); read as a paragraph"),
        ),
        (
            "G3.1 Words:\n\n    (u) thing:" + _subs("i", "ii", "iii", "iv", indent=" " * 8) + "\n\n        (v) next.",
            ["G3.1(u)", "G3.1(u)(i)", "G3.1(u)(ii)", "G3.1(u)(iii)", "G3.1(u)(iv)", "G3.1(u)(v)"],
            ("warning", "(v) could follow (u) or (iv); read as a sub-paragraph"),
        ),
        # follows neither: a later letter after a gap, a list's first letter, or a sub-paragraph out of turn
        (
            "G3.1 Words:\n\n(a) one;\n\n(b) two;\n\n(x) later.",
            ["G3.1(a)", "G3.1(b)", "G3.1(x)"],
            ("warning", "(x) does not follow (b): read as a paragraph after a gap in the list"),
        ),
        (
            "G3.1 Words:\n\n(v) first;\n\n(w) second.",
            ["G3.1(v)", "G3.1(w)"],
            ("warning", "(v) starts a list: read as a letter"),
        ),
        (
            "G3.1 Words:\n\n(a) one:\n\n(i) two;\n\n(iii) three.",
            ["G3.1(a)", "G3.1(a)(i)", "G3.1(a)(iii)"],
            ("warning", "(iii) does not follow the open list; read as a sub-paragraph"),
        ),
    ],
)
def test_an_ambiguous_enumerator_is_placed_by_what_it_follows(text, refs, said):
    result = read_text(text, "list.txt")
    assert [str(c.ref) for c in result.value.clauses()][1:] == refs
    assert [(m.level, m.text) for m in result.messages] == [said]


def test_an_i_under_a_letter_that_follows_nothing_opens_its_sub_paragraphs_silently():
    result = read_text("G3.1 Words:\n\n(a) one;\n\n(i) two.", "list.txt")
    assert [str(c.ref) for c in result.value.clauses()] == ["G3.1", "G3.1(a)", "G3.1(a)(i)"]
    assert result.messages == ()
