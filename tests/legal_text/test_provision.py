"""Reading one provision's text for a change set: the label may be left out; anything else is an error message."""

from legal_text import ClauseRef, read_provision


def test_a_paragraph_without_its_label():
    result = read_provision("the new words (illustrative);", ClauseRef.parse("G3.20(c)"), "cs.yaml:9")
    assert result.value.label == "(c)" and result.value.text == "the new words (illustrative);"
    assert not [m for m in result.messages if m.level == "error"]


def test_a_clause_with_paragraphs():
    text = "G3.20A Illustrative clause:\n\n    (a) first;\n\n    (b) second."
    result = read_provision(text, ClauseRef.parse("G3.20A"))
    assert [c.label for c in result.value.walk()] == ["G3.20A", "(a)", "(b)"]


def test_a_label_that_is_not_the_target_is_an_error():
    result = read_provision("(d) words", ClauseRef.parse("G3.20(c)"), "cs.yaml:9")
    (message,) = result.messages
    assert message.level == "error" and "starts with (d) but adds G3.20(c)" in message.text
    assert str(message.where) == "cs.yaml:9"


def test_more_than_one_provision_is_an_error():
    result = read_provision("G3.20A One.\n\nG3.20B Two.", ClauseRef.parse("G3.20A"))
    assert any(m.level == "error" for m in result.messages)
