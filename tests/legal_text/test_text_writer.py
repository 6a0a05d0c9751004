"""Canonical clause text: what the reader reads back, indented four spaces a level."""

from legal_text import ClauseRef, clause_plain_text, read_text, render_clause_blocks, render_text
from tests.support import BASE


def _doc():
    return read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value


def test_render_text_is_the_example_file():
    """The bundled example is written in canonical form, so writing what was read gives it back."""
    assert render_text(_doc()) == BASE.read_text(encoding="utf-8")


def test_blocks_indent_paragraphs_and_the_text_after_a_list():
    blocks = render_clause_blocks(_doc().find(ClauseRef.parse("G3.20")))
    assert blocks[0].startswith("G3.20 Each User shall")
    assert blocks[1].startswith("    (a) the manufacturers") and blocks[2].startswith("    (b) (where applicable)")
    assert blocks[3].startswith("    arrangements designed")


def test_plain_text_with_and_without_labels():
    g319 = _doc().find(ClauseRef.parse("G3.19"))
    assert clause_plain_text(g319).startswith("G3.19 A User shall not")
    assert clause_plain_text(g319, labels=False).startswith("A User shall not")
