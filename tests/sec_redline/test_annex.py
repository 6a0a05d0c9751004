"""Annex A: the instruction SECAS writes before each change, and how much text is shown around it."""

import pytest

from legal_text import diff_documents, read_text
from sec_redline.annex import build_annex, build_comparison, instruction_for, select_blocks
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from tests.support import BASE, CHANGES


@pytest.fixture(scope="module")
def redline():
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    return diff_documents(base, apply_changeset(base, load_changeset(CHANGES)).value)


def test_mp087_instruction_and_part(redline):
    (block,) = select_blocks(redline, "part")
    assert block.instruction == "Amend Section G3.20 as follows:"  # the seed's Annex A words
    shown = [str(e.ref) for e in block.entries if hasattr(e, "ref")]
    assert shown == ["G3.17", "G3.18", "G3.19", "G3.20", "G3.21"]


def test_context_clause_and_all(redline):
    (clause,) = select_blocks(redline, "clause")
    assert [str(e.ref) for e in clause.entries] == ["G3.20"]
    (whole,) = select_blocks(redline, "all")
    assert len(whole.entries) == len(redline.body)


def test_no_change_no_block():
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    assert select_blocks(diff_documents(base, base), "part") == ()
    assert instruction_for(()) == "Amend as follows:"


def test_front_matter_comes_from_the_change_set(redline):
    annex = build_annex(redline, load_changeset(CHANGES), "part", "White")
    assert annex.heading == "MP087 'Correction to SEC Section G - User Responsibilities'"
    assert annex.version_line == "Legal text - version 0.1" and annex.base_version == "6.17"
    assert annex.date == "2019-10-04T00:00:00Z" and annex.author == "SECAS"
    assert [s.heading for s in annex.sections] == ["Section G 'Security'"]
    assert annex.classification_line.startswith("This document is classified as White")


def test_comparison_summary(redline):
    comparison = build_comparison(redline)
    assert comparison.summary() == "1 amended, 0 inserted, 0 deleted (clauses and paragraphs)."
    assert comparison.heading == "Section G 'Security': SEC 6.17 compared with SEC 6.17"
