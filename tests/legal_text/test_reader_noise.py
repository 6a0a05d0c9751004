"""Issue 3: text pasted from the PDFs, odd input, and the rest of the SEC's shapes."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legal_text import ClauseRef, Heading, read_text, render_text
from legal_text.inline import inline_spans
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from tests.strategies import clause_trees
from tests.support import BASE, CHANGES, FIXTURES


def amended_clean():
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    return apply_changeset(base, load_changeset(CHANGES)).value


def warnings_by_line(result):
    return [(str(m.where), m.text) for m in result.messages if m.level == "warning"]


# --- the seed's own text -----------------------------------------------------------------


def test_seed_annex_a_parses_to_the_clean_tree(seed_text):
    annex = seed_text[seed_text.rindex("Manufacturers: Duty to Notify and Be Notified") :]
    result = read_text(annex, "annex")
    assert result.value.body == amended_clean().body
    warned = warnings_by_line(result)
    # one warning for each misread enumerator: "@)" twice, "(©)" once, "@" once
    assert [w for w, t in warned if "misread enumerator" in t] == ["annex:6", "annex:15", "annex:24", "annex:36"]


def test_seed_problem_statement_quotes_parse_to_the_clean_clauses(seed_text):
    clean = amended_clean()
    g317 = seed_text[
        seed_text.index("G3.17 Where a User") : seed_text.index("The following change should have been made")
    ]
    result = read_text(g317, "quote")
    assert result.value.body == (clean.find(ClauseRef.parse("G3.17")),)
    texts = [t for _, t in warnings_by_line(result)]
    assert any("running footer at the end of the line: 'SEC —'" in t for t in texts)
    assert any("'Section G 322'" in t for t in texts)
    assert any("split 'it shall comply" in t for t in texts)

    g320 = seed_text[seed_text.index("G3.20 Each User") : seed_text.index("With BEIS confirming")]
    result = read_text(g320, "quote")
    assert result.value.body == (clean.find(ClauseRef.parse("G3.20")),)
    assert [w for w, t in warnings_by_line(result)] == ["quote:3"]  # the "@" for "(a)"


# --- property: noisy renderings parse to the same tree --------------------------------------

FOOTERS = ["SEC - Section X 322", "Page 12 of 40", "17", "SEC — Section X 9"]


def noisy(text: str, rnd: random.Random) -> str:
    """Wrap each block at a random width, hyphenate some line ends, inject page footers anywhere."""
    out: list[str] = []
    for block in text.split("\n\n"):
        pad = len(block) - len(block.lstrip(" "))
        if block.lstrip().startswith("|"):
            out.append(block)
            out.append("")
            continue
        width = rnd.randint(40, 110)
        words = block.split()
        line = " " * pad
        lines = []
        for word in words:
            if len(line) + 1 + len(word) > width and line.strip():
                if word.isalpha() and len(word) >= 6 and rnd.random() < 0.4:
                    cut = rnd.randint(2, len(word) - 2)
                    lines.append(line + " " + word[:cut] + "-")
                    line = " " * pad + word[cut:]
                    continue
                lines.append(line)
                line = " " * pad + word
            else:
                line = line + " " + word if line.strip() else line + word
        lines.append(line)
        out.extend(lines)
        out.append("")
    final = []
    for ln in out:
        final.append(ln)
        if rnd.random() < 0.08:
            final.append(rnd.choice(FOOTERS))
    return "\n".join(final)


@settings(max_examples=120, deadline=None)
@given(clause_trees(), st.integers(0, 2**32 - 1))
def test_noisy_rendering_parses_to_the_same_tree(doc, seed):
    text = noisy(render_text(doc), random.Random(seed))
    assert read_text(text, "gen").value == doc


def test_noisy_rendering_of_the_example():
    doc = read_text(BASE.read_text(encoding="utf-8"), "x").value
    for seed in range(30):
        assert read_text(noisy(render_text(doc), random.Random(seed)), "x").value == doc


# --- enumerator ambiguity -------------------------------------------------------------------


def _list(*items):
    return "X1.1 Illustrative clause (not SEC wording):\n\n" + "\n\n".join(items)


@pytest.mark.parametrize(
    "items, expected",
    [
        ([f"({c}) item;" for c in "abcdefgh"] + ["(i) item."], "X1.1(i)"),
        (["(a) item with a list:", "(i) first;", "(ii) second."], "X1.1(a)(ii)"),
        ([f"({c}) item;" for c in "abcdefghijklmnopqrstu"] + ["(v) item."], "X1.1(v)"),
        (["(a) item with a list:", "(i) one;", "(ii) two;", "(iii) three;", "(iv) four;", "(v) five."], "X1.1(a)(v)"),
        ([f"({c}) item;" for c in "abcdefghijklmnopqrstuvw"] + ["(x) item."], "X1.1(x)"),
        (["(a) item;", "(b) item;", "(c) item;", "(d) item."], "X1.1(d)"),
        ([f"({c}) item;" for c in "abcdefghijk"] + ["(l) item;", "(m) item."], "X1.1(m)"),
        (["(a) item with a list:", "(i) one:", "(A) upper one;", "(B) upper two;", "(ii) two."], "X1.1(a)(i)(B)"),
    ],
)
def test_ambiguous_enumerators_by_context(items, expected):
    result = read_text(_list(*items), "t")
    refs = [str(r) for r in result.value.refs()]
    assert expected in refs, refs
    assert result.value.find(ClauseRef.parse(expected)) is not None


def test_i_after_h_is_reported():
    result = read_text(_list(*[f"({c}) item;" for c in "abcdefgh"], "(i) item."), "t")
    assert any(m.text == "(i) read as the letter after (h)" for m in result.messages)


def test_letters_run_on_to_aa():
    items = [f"({c}) item;" for c in "abcdefghijklmnopqrstuvwxyz"] + ["(aa) item;", "(bb) item."]
    refs = [str(r) for r in read_text(_list(*items), "t").value.refs()]
    assert refs[-2:] == ["X1.1(aa)", "X1.1(bb)"]


# --- shapes of the code ------------------------------------------------------------------


def test_titles_groups_parts_and_not_used():
    text = """SECTION G: SECURITY

G3 System Security: Obligations on Users

Manufacturers: Duty to Notify and Be Notified

G3.19 [Not used]

G3.20A Illustrative inserted clause (not SEC wording).
"""
    doc = read_text(text, "t").value
    assert (doc.section, doc.title) == ("G", "Security")
    assert doc.body[0] == Heading("System Security: Obligations on Users", kind="group", label="G3")
    assert doc.body[1] == Heading("Manufacturers: Duty to Notify and Be Notified")
    assert doc.find(ClauseRef.parse("G3.19")).text == "[Not used]"
    assert doc.find(ClauseRef.parse("G3.20A")) is not None


DEFINITIONS = (FIXTURES / "section-A-illustrative.txt").read_text(encoding="utf-8")


def test_definitions_notes_and_tables():
    result = read_text(DEFINITIONS, "a.txt")
    doc = result.value
    assert result.warnings == ()
    assert [str(r) for r in doc.refs()] == [
        "A1.1",
        'A1.1["Device"]',
        'A1.1["Device"](a)',
        'A1.1["Device"](b)',
        'A1.1["Responsible Supplier"]',
    ]
    assert set(doc.definitions()) == {"Device", "Responsible Supplier"}
    kinds = [c.kind for c in doc.find(ClauseRef.parse("A1.1")).children]
    assert kinds == ["definition", "definition", "note", "table"]
    table = doc.find(ClauseRef.parse("A1.1")).children[-1]
    assert table.rows == (
        ("Acronym", "Full term"),
        ("DCC", "Data and Communications Company"),
        ("SEC", "Smart Energy Code"),
    )
    assert read_text(render_text(doc), "a.txt").value == doc


def test_defined_terms_checked_against_definitions():
    doc = read_text(DEFINITIONS, "a.txt").value
    spans = inline_spans("the Responsible Supplier of a Device or a Gas Proxy Function", terms=doc.definitions())
    assert [(s.kind, s.text) for s in spans if s.kind != "text"] == [
        ("term", "Responsible Supplier"),
        ("term", "Device"),
    ]


# --- repairs ------------------------------------------------------------------------------


def test_hyphenation_rejoined_but_real_hyphens_kept():
    text = "X1.1 The Security Sub-\nCommittee shall consider the secu-\nrity of the System (illustrative).\n"
    result = read_text(text, "t")
    assert result.value.find(ClauseRef.parse("X1.1")).text == (
        "The Security Sub-Committee shall consider the security of the System (illustrative)."
    )
    assert [str(m.where) for m in result.messages if "hyphenated" in m.text] == ["t:3"]


def test_wrapped_references_do_not_start_provisions():
    text = (
        "X1.1 A User shall act in accordance with Section\nX1.2 and with paragraph\n(b) of this Section "
        "(illustrative).\n\nX1.2 Illustrative.\n"
    )
    result = read_text(text, "t")
    assert [str(r) for r in result.value.refs()] == ["X1.1", "X1.2"]
    assert "accordance with Section X1.2 and with paragraph (b) of" in result.value.find(ClauseRef.parse("X1.1")).text
    assert len([m for m in result.messages if "wrapped reference" in m.text]) == 2


def test_unplaceable_text_is_kept_with_a_warning():
    result = read_text("an orphan line, not a clause.\n\nX1.1 Illustrative.\n", "t")
    assert "an orphan line" in render_text(result.value)
    assert str(result.warnings[0].where) == "t:1"


# --- text as pdftotext extracts it (wording from examples/mp087; page furniture as our Annex A prints it) ----

RAW_PDFTOTEXT = """G3.20

Each User shall, wherever it is practicable to do so, establish with:
(a)

the manufacturers of the hardware and developers of the software and
firmware which form part of its User Systems; and

(b)

(where applicable) any Smart Metering System (excluding a Communications
Hub Function or Gas Proxy Function) for which it is the Responsible Supplier,

arrangements designed to ensure that the User will be notified.
Page 1 of 2
This document is classified as White in accordance with the Panel Information Policy.
\fMP087 Annex A - legal text version 0.1

G3.21

Any arrangements established in accordance with Section G3.20 may provide that the
manufacturer or developer need not be required to notify the User.
Page 2 of 2
This document is classified as White in accordance with the Panel Information Policy.
\fMP087 Annex A - legal text version 0.1
"""

LAYOUT_PDFTOTEXT = """G3.20         Each User shall, wherever it is practicable to do so, establish with:
              (a)      the manufacturers of the hardware and developers of the software and
                       firmware which form part of its User Systems; and
              (b)      (where applicable) any Smart Metering System (excluding a Communications
                       Hub Function or Gas Proxy Function) for which it is the Responsible Supplier,
              arrangements designed to ensure that the User will be notified.
G3.21         Any arrangements established in accordance with Section G3.20 may provide that the
              manufacturer or developer need not be required to notify the User.
"""


def _g320(text: str):
    doc = read_text(text, "pasted.txt").value
    return doc, doc.find(ClauseRef.parse("G3.20"))


@pytest.mark.parametrize("text", [RAW_PDFTOTEXT, LAYOUT_PDFTOTEXT], ids=["raw", "layout"])
def test_pdftotext_output_reads_as_the_provisions(text):
    doc, g320 = _g320(text)
    assert [str(r) for r in doc.refs()] == ["G3.20", "G3.20(a)", "G3.20(b)", "G3.21"]
    assert g320.text == "Each User shall, wherever it is practicable to do so, establish with:"
    assert [c.text for c in g320.children] == [
        "the manufacturers of the hardware and developers of the software and firmware which form part of its "
        "User Systems; and",
        "(where applicable) any Smart Metering System (excluding a Communications Hub Function or Gas Proxy "
        "Function) for which it is the Responsible Supplier,",
    ]
    assert g320.trailing == "arrangements designed to ensure that the User will be notified."
    g321 = doc.find(ClauseRef.parse("G3.21"))
    assert g321.text.endswith("need not be required to notify the User.")  # no footer run into it


def test_page_furniture_is_removed_and_said():
    said = [m.text for m in read_text(RAW_PDFTOTEXT, "pasted.txt").messages if m.level == "warning"]
    removed = [t for t in said if t.startswith("removed a page header, footer or number")]
    assert sum("MP087 Annex A - legal text version 0.1" in t for t in removed) == 2  # repeated at page tops
    assert sum("classified as White" in t for t in removed) == 2
    assert sum("Page " in t for t in removed) == 2


def test_a_line_repeated_away_from_page_edges_is_kept():
    text = "G3.20 Illustrative words.\n\nG3.21 Illustrative words.\n"  # no page break: nothing is furniture
    assert [c.text for c in read_text(text, "t").value.clauses()] == ["Illustrative words.", "Illustrative words."]
