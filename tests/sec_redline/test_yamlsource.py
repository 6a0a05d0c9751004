"""YAML with the line of every key, and its own error class for YAML that does not parse."""

import pytest

from sec_redline.errors import YAMLSyntaxError
from sec_redline.yamlsource import Located, load_yaml_text


def test_every_mapping_knows_its_lines():
    data = load_yaml_text("a: 1\nb:\n  c: two\n", "f.yaml")
    assert isinstance(data, Located) and str(data.location) == "f.yaml:1"
    assert str(data.key_lines["b"]) == "f.yaml:2" and str(data["b"].key_lines["c"]) == "f.yaml:3"


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [("a: [1\n", 2, "not valid YAML"), ("a: 1\na: 2\n", 2, "key 'a' is given twice"), ("", 1, "no YAML document")],
)
def test_errors_name_the_line(text, line, what):
    with pytest.raises(YAMLSyntaxError) as info:
        load_yaml_text(text, "f.yaml")
    assert str(info.value).startswith(f"f.yaml:{line}: ") and what in str(info.value)
