"""Numbers shared by the Word writer and reader: a table's indent stands for a clause depth, both ways."""

import pytest

from legal_text.ooxml import TABLE_INDENT_BASE, TABLE_INDENT_STEP, table_depth, table_indent, w


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_indent_and_depth_round_trip(depth):
    assert table_indent(depth) == TABLE_INDENT_BASE + depth * TABLE_INDENT_STEP
    assert table_depth(table_indent(depth)) == depth


def test_depths_are_bounded_both_ways():
    assert table_indent(9) == table_indent(3) and table_indent(-1) == table_indent(0)
    assert table_depth(10**9) == 3 and table_depth(-(10**9)) == 0


def test_clark_names():
    assert w("ins") == "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ins"
