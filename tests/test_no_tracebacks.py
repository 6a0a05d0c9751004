"""A traceback is a bug: random input to the loaders and the reader gives messages or one-line errors only."""

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from legal_text import read_text, render_text
from sec_redline.changes import load_changeset_text
from sec_redline.errors import UserError
from sec_redline.report import check_report, load_report_metadata, render_document, report_context
from tests.support import REPORT

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=12),
    st.sampled_from(["G3.20(b)", "G3.99", "6.17", "2019-10-04", "Gas Proxy Function", "[Not used]"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)
keys = st.sampled_from(
    [
        "in",
        "after",
        "before",
        "insert",
        "delete",
        "replace",
        "with",
        "text",
        "trailing",
        "occurrence",
        "add",
        "remove",
        "leave",
        "renumber",
        "to",
        "move",
        "define",
        "undefine",
        "x",
    ]
)
operations = st.dictionaries(keys, values, max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(operations, max_size=4),
    st.dictionaries(
        st.sampled_from(["modification", "title", "base", "author", "date", "legal_text_version", "colour"]),
        values,
        max_size=7,
    ),
)
def test_changeset_loader_never_crashes(ops, header):
    text = yaml.safe_dump({**header, "changes": ops})
    try:
        load_changeset_text(text, "fuzz.yaml")
    except UserError as exc:
        assert str(exc).strip() and all(line.startswith("fuzz.yaml") for line in str(exc).splitlines())


@pytest.mark.slow  # some 10 s: each example renders the report
@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            "summary",
            "background",
            "solution",
            "impacts",
            "costs",
            "implementation",
            "conclusions",
            "glossary",
            "dates",
            "releases",
            "problem_statement",
            "panel_paper",
            "date",
            "path",
            "version",
            "classification",
        ]
    ),
    values,
)
def test_report_metadata_never_crashes(tmp_path_factory, key, value):
    data = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    data[key] = value
    path = tmp_path_factory.mktemp("m") / "m.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    try:
        meta = load_report_metadata(path)
        ctx = report_context(meta, None, [], check_report(meta))
        for name in ("modification-report", "problem-statement", "panel-paper"):
            for fmt in ("html", "md"):
                render_document(name, fmt, meta, ctx)
    except UserError as exc:
        assert str(exc).strip()


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('G3.20(a)(i)(A)@©SEC — Section 12\n \t"means|:;,.-xyzNote')), max_size=300)
)
@example("A-\nAA")  # a word hyphenated across a line end is re-joined: "A-AA" keeps both words' letters
def test_reader_never_crashes_and_keeps_words(text):
    """Every word of the input is in the text read (perhaps re-joined to its neighbour across a line-end
    hyphen), or in a message saying what was removed (a page footer)."""
    result = read_text(text, "fuzz.txt")
    rendered = render_text(result.value)
    said = " ".join(m.text for m in result.messages)
    lost = [w for w in text.split() if w.isalpha() and len(w) > 1 and w not in rendered and w not in said]
    assert not lost
