"""The frozen clause tree: finding provisions, their references, definitions and the Section heading."""

import dataclasses

import pytest

from legal_text import Clause, ClauseRef, Document, read_text, section_heading
from tests.support import BASE


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def test_refs_in_document_order(doc):
    refs = [str(r) for r in doc.refs()]
    assert refs[:3] == ["G3.17", "G3.17(a)", "G3.17(b)"] and refs[-1] == "G3.21"


def test_find_and_walk(doc):
    g320 = doc.find(ClauseRef.parse("G3.20"))
    assert g320 is not None and [c.label for c in g320.walk()] == ["G3.20", "(a)", "(b)"]
    assert [c.depth for c in g320.walk()] == [0, 1, 1]
    assert doc.find(ClauseRef.parse("G3.99")) is None


def test_heading_and_version(doc):
    assert doc.heading == "Section G 'Security'" == section_heading("G", "Security")
    assert section_heading("G") == "Section G"
    assert doc.with_version("6.18").version == "6.18" and doc.version == "6.17"


def test_tree_is_frozen(doc):
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "x"
    clause = next(iter(doc.clauses()))
    assert clause.with_changes(text="y").text == "y" and clause.text != "y"


def test_tables_and_notes_are_not_addressable():
    table = Clause(ClauseRef.parse("G3.20"), "", kind="table", rows=(("a", "b"),))
    assert not table.addressable and Clause(ClauseRef.parse("G3.20"), "G3.20").addressable
