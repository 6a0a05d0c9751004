"""The clause tree as JSON: stable, with each provision's cross-references and the defined terms it uses."""

import json

from legal_text import Clause, ClauseRef, Document, document_to_dict, dump_json, read_text
from tests.support import BASE, FIXTURES


def _doc() -> Document:
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def test_same_document_same_bytes():
    assert dump_json(_doc()) == dump_json(_doc()) and dump_json(_doc()).endswith("\n")


def test_provisions_list_their_cross_references():
    data = document_to_dict(_doc())
    g317 = next(i for i in data["body"] if i.get("ref") == "G3.17")
    assert g317["xrefs"] == ["G3.18"]
    assert data["section"] == "G" and data["version"] == "6.17"


def test_terms_used_are_listed_against_given_definitions():
    defs = read_text((FIXTURES / "section-A-illustrative.txt").read_text(encoding="utf-8"), "a").value
    terms = list(defs.definitions())
    data = json.loads(dump_json(_doc(), terms))
    found = {t for item in data["body"] for c in [item, *item.get("children", [])] for t in c.get("terms", [])}
    assert found and found <= set(terms)


def test_tables_are_rows():
    table = Clause(ClauseRef.parse("G3.20"), "", kind="table", rows=(("Item", "Notes"), ("1", "x")))
    doc = Document("G", body=(Clause(ClauseRef.parse("G3.20"), "G3.20", "See the table.", (table,)),))
    assert document_to_dict(doc)["body"][0]["children"][0]["rows"] == [["Item", "Notes"], ["1", "x"]]
