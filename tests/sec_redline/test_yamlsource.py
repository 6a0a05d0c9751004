"""YAML with the line of every key, and its own error class for YAML that does not parse."""

import pytest

from sec_redline.errors import YAMLSyntaxError
from sec_redline.yamlsource import Located, load_yaml_text


def test_every_mapping_knows_its_lines():
    data = load_yaml_text("a: 1\nb:\n  c: two\n", "f.yaml")
    assert isinstance(data, Located) and str(data.location) == "f.yaml:1"
    assert str(data.key_lines["b"]) == "f.yaml:2" and str(data["b"].key_lines["c"]) == "f.yaml:3"


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("a: [1\n", "1:4", "not valid YAML: a '[' opened here is never closed"),  # where it opens, not the end
        ("a: 1\na: 2\n", "2:1", "key 'a' is given twice"),
        ("", "1", "no YAML document"),
    ],
)
def test_errors_name_the_line_and_column(text, where, what):
    with pytest.raises(YAMLSyntaxError) as info:
        load_yaml_text(text, "f.yaml")
    assert str(info.value).startswith(f"f.yaml:{where}: ") and what in str(info.value)


# The mistakes people make in YAML, each as PyYAML meets it: FILE:LINE:COLUMN, what is wrong in words, the line
# as written, and a hint naming the usual cause.  (Illustrative change sets, not SEC text.)
MISTAKES = [
    (  # a tab in the indentation
        "changes:\n  - in: G3.20\n\t  insert: x\n",
        "3:1",
        "a tab where YAML expects spaces, in '\\t  insert: x'",
        "YAML indents with spaces only",
    ),
    (  # a value holding ': ', unquoted
        "changes:\n  - in: G3.20\n    insert: the words: more\n",
        "3:22",
        "a second ': ' in a value, in '    insert: the words: more'",
        'quote a value that holds a colon and a space: insert: "the words: more"',
    ),
    (  # a key indented one space too far: read as the value above continued
        "changes:\n  - in: G3.20\n     insert: x\n",
        "3:12",
        "a key indented as if it continued the value above it, in '     insert: x'",
        "check the indentation",
    ),
    (  # a key indented one space short of its mapping
        "a:\n  b: 1\n c: 2\n",
        "3:2",
        "a line indented off its mapping (begun on line 1), in ' c: 2'",
        "check the indentation",
    ),
    (  # a list item's second key in the column of its '-'
        "changes:\n  - in: G3.20\n  insert: x\n",
        "3:3",
        "a line indented off its list (begun on line 2), in '  insert: x'",
        "check the indentation",
    ),
    (  # a quote inside single quotes
        "title: 'it's'\n",
        "1:12",
        "text after a closing quote, in \"title: 'it's'\"",
        "write a quote twice",
    ),
    (  # a quote never closed: where it opens, not the end of the file
        'title: "abc\ndate: 2019-10-04\n',
        "1:8",
        "a quote opened here is never closed, in 'title: \"abc'",
        "close the quote",
    ),
    (  # a line that is neither a key nor an item
        "modification: MP900\ntitle\nbase: '6.17'\n",
        "2:1",
        "a line that is neither a key nor a list item, in 'title'",
        "a key needs ': ' after it",
    ),
    ("title: @home\n", "1:8", "a value cannot start with '@', in 'title: @home'", "quote the value"),
]


@pytest.mark.parametrize(("text", "where", "what", "hint"), MISTAKES)
def test_a_mistake_is_named_with_its_column_line_and_hint(text, where, what, hint):
    with pytest.raises(YAMLSyntaxError) as info:
        load_yaml_text(text, "f.yaml")
    said = str(info.value)
    assert "\n" not in said  # one line
    assert said.startswith(f"f.yaml:{where}: not valid YAML: {what}; hint: "), said
    assert hint in said.partition("; hint: ")[2], said
    assert "<block" not in said and "expected" not in said  # not PyYAML's parser words


def test_a_long_line_is_quoted_around_its_column():
    text = "title: " + "x" * 300 + ": " + "y" * 300 + "\n"
    with pytest.raises(YAMLSyntaxError) as info:
        load_yaml_text(text, "f.yaml")
    said = str(info.value)
    assert said.startswith("f.yaml:1:308: not valid YAML: a second ': ' in a value, in ...'") and len(said) < 400
    assert "x: yyy" in said


def test_other_yaml_errors_carry_the_column():
    for text, where in (("a: &x 1\nb: *x\n", "2:4"), ("a: 2019-02-30\n", "1:4"), ("a:\n  - b: \x07\n", "2:8")):
        with pytest.raises(YAMLSyntaxError) as info:
            load_yaml_text(text, "f.yaml")
        assert str(info.value).startswith(f"f.yaml:{where}: "), str(info.value)


def test_did_you_mean_suggests_the_nearest_key():
    from sec_redline.yamlsource import did_you_mean

    assert did_you_mean("titel", ["title", "date"]) == "; did you mean 'title'?"
    assert did_you_mean("Date", ["title", "date"]) == "; did you mean 'date'?"
    assert did_you_mean("colour", ["title", "date"]) == ""
