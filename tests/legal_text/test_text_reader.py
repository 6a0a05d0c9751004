import json

from hypothesis import given, settings

from legal_text import ClauseRef, Heading, dump_json, read_text, render_text
from legal_text.enumerators import nth_letter
from tests.strategies import clause_trees
from tests.support import BASE, MP087_REFS


def base_doc():
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def test_example_tree():
    result = read_text(BASE.read_text(encoding="utf-8"), "base.txt")
    doc = result.value
    assert result.warnings == ()
    assert (doc.section, doc.title, doc.version) == ("G", "Security", "6.17")
    assert [str(r) for r in doc.refs()] == MP087_REFS
    assert doc.body[0] == Heading("Manufacturers: Duty to Notify and Be Notified")
    g320 = doc.find(ClauseRef.parse("G3.20"))
    assert g320.text == "Each User shall, wherever it is practicable to do so, establish with:"
    assert g320.trailing.startswith("arrangements designed to ensure")
    assert doc.find(ClauseRef.parse("G3.20(b)")).text == (
        "(where applicable) any Smart Metering System (excluding a Communications Hub Function or "
        "Gas Proxy Function) for which it is the Responsible Supplier,"
    )


def test_wrapped_unindented_text_reads_the_same():
    """The same clauses wrapped at 60 columns, without indentation, give the same tree."""
    doc = base_doc()
    import textwrap

    lines = []
    for block in render_text(doc).split("\n\n"):
        lines.append(textwrap.fill(block.strip(), 60))
    again = read_text("\n\n".join(lines), "wrapped").value
    assert again.refs() == doc.refs()
    assert [c.text for c in again.clauses()] == [c.text for c in doc.clauses()]
    assert [c.trailing for c in again.clauses()] == [c.trailing for c in doc.clauses()]


def test_render_then_read_is_identity_for_example():
    doc = base_doc()
    assert read_text(render_text(doc), doc.source).value == doc


def test_roman_after_h_is_a_letter_and_roman_under_colon():
    text = "\n\n".join(
        ["X1.1 Illustrative clause (not SEC wording):"]
        + [f"    ({nth_letter(i)}) item {i};" for i in range(1, 9)]
        + [
            "    (i) ninth item;",
            "    (j) tenth item with a list:",
            "        (i) first sub-item;",
            "        (ii) second sub-item.",
        ]
    )
    doc = read_text(text, "t").value
    refs = [str(r) for r in doc.refs()]
    assert "X1.1(i)" in refs and "X1.1(j)(i)" in refs and "X1.1(j)(ii)" in refs


def test_json_dump_is_stable_and_complete():
    doc = base_doc()
    data = json.loads(dump_json(doc))
    assert data["version"] == "6.17"
    assert data["body"][1]["ref"] == "G3.17"
    assert [c["ref"] for c in data["body"][1]["children"]] == ["G3.17(a)", "G3.17(b)"]
    assert dump_json(doc) == dump_json(base_doc())


def test_text_outside_clauses_is_kept():
    doc = read_text("Some preamble that is a sentence, with commas.\n\nG1.1 Illustrative text.", "t")
    assert doc.warnings  # reported
    assert "preamble" in render_text(doc.value)  # not dropped


# --- property: parse(render(tree)) == tree --------------------------------------


@settings(max_examples=150, deadline=None)
@given(clause_trees())
def test_render_then_read_is_identity(doc):
    assert read_text(render_text(doc), "gen").value == doc
