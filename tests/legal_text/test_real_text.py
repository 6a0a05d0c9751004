"""Real SEC text as people have it (issue 12): the whole code in one file, Section A as published (definitions
without quotation marks, as rows of a two-column table), viewer and web furniture, collapsed transcripts.

Every provision's wording here is illustrative (marked so), not SEC text, except where it is the MP087
example (the seed's G3.17 to G3.21)."""

from __future__ import annotations

import pytest

from legal_text import ClauseRef, read_code, read_text, render_text
from legal_text.text_reader import UNPLACED_CODE
from tests.support import BASE

WHOLE_CODE = """\
SECTION A: DEFINITIONS AND INTERPRETATION

SEC Version 9.9

A1 Definitions

A1.1 In this Code (illustrative wording), the expressions in the left column have the meanings given to them.

Acceptance Testing means the testing of a release (illustrative) in accordance with Section H14.

Additional Release has the meaning given to that expression in Section H14.2 (illustrative).

Device means (illustrative):

(a) an Electricity Meter; or

(b) a Gas Meter.

A2 Interpretation

A2.1 References to a Section are to a Section of this Code; Section H of this Code applies (illustrative).

Section G 'Security'

G1 General

G1.1 The DCC shall keep its systems secure (illustrative).

G1.2 Each User shall notify the Panel (illustrative) in accordance with Section G1.1.

Section H 'DCC Services'

H1 Services

H1.1 The DCC shall provide the Services (illustrative).

Section H 'DCC Services'

H1.2 The DCC shall publish a list of the Services (illustrative).
"""


def test_the_whole_code_reads_as_its_sections():
    result = read_code(WHOLE_CODE, "code.txt")
    docs = result.value
    assert [(d.section, d.title) for d in docs] == [
        ("A", "Definitions and Interpretation"),
        ("G", "Security"),
        ("H", "DCC Services"),
    ]
    assert [d.version for d in docs] == ["9.9"] * 3  # the version line before the first Section holds for all
    assert [str(r) for r in docs[2].refs()] == ["H1.1", "H1.2"]
    # "Section H of this Code applies ..." is a sentence, not a title; the repeated title is a running header
    assert "Section H of this Code applies" in docs[0].find(ClauseRef.parse("A2.1")).text
    repeated = [m for m in result.warnings if "repeated Section title" in m.text]
    lines = WHOLE_CODE.splitlines()
    second = lines.index("Section H 'DCC Services'", lines.index("Section H 'DCC Services'") + 1) + 1
    assert len(repeated) == 1 and repeated[0].where.line == second
    assert len(result.warnings) == 1


def test_a_single_section_reads_as_before():
    text = BASE.read_text(encoding="utf-8")
    assert read_code(text, "g.txt").value == [read_text(text, "g.txt").value]


def test_section_a_definitions_without_quotation_marks():
    doc = read_code(WHOLE_CODE, "code.txt").value[0]
    defs = doc.definitions()
    assert list(defs) == ["Acceptance Testing", "Additional Release", "Device"]
    assert defs["Acceptance Testing"].text.startswith("means the testing of a release")
    assert defs["Additional Release"].text.startswith("has the meaning given to that expression")
    assert [c.label for c in defs["Device"].children] == ["(a)", "(b)"]
    assert str(defs["Device"].children[1].ref) == 'A1.1["Device"](b)'
    assert defs["Device"].label == "Device"  # kept as published: no quotation marks added
    # A1.1's own words are only its opening sentence
    assert doc.find(ClauseRef.parse("A1.1")).text.startswith("In this Code (illustrative wording)")
    assert "Acceptance" not in doc.find(ClauseRef.parse("A1.1")).text


def test_unquoted_definitions_round_trip_through_the_canonical_text():
    doc = read_code(WHOLE_CODE, "code.txt").value[0]
    again = read_text(render_text(doc), "code.txt")
    assert again.value == doc and again.warnings == ()


PDF_SECTION_A = """\
Section A 'Definitions and Interpretation'
A1.1 In this Code (illustrative wording), the following expressions shall have the meanings given to
them below:
Acceptance Testing      means the testing of a release (illustrative) in accordance with
                        Section H14.
Additional Release      has the meaning given to that expression in Section H14.2
                        (illustrative).
"""


def test_definitions_copied_from_a_pdf_table_layout():
    doc = read_text(PDF_SECTION_A, "a.txt").value
    defs = doc.definitions()
    assert list(defs) == ["Acceptance Testing", "Additional Release"]
    assert defs["Acceptance Testing"].text.endswith("in accordance with Section H14.")
    assert defs["Additional Release"].text.endswith("(illustrative).")


TABLE_SECTION_A = """\
Section A 'Definitions and Interpretation'

A1.1 In this Code (illustrative wording), the following expressions have the following meanings:

    | Acceptance Testing | means the testing of a release (illustrative). |
    | "Additional Release" | has the meaning given in Section H14.2 (illustrative). |

    | Acronym | Full term |
    | DCC | Data and Communications Company |
"""


def test_definitions_as_text_table_rows():
    result = read_text(TABLE_SECTION_A, "a.txt")
    clause = result.value.find(ClauseRef.parse("A1.1"))
    assert [(c.kind, c.label) for c in clause.children] == [
        ("definition", "Acceptance Testing"),
        ("definition", '"Additional Release"'),
        ("table", ""),  # a table that is not definitions stays a table
    ]


def test_a_glossary_elsewhere_gives_no_definitions():
    text = (
        "Section H 'DCC Services'\n\n"
        "H1.1 The following glossary (illustrative) explains some words:\n\n"
        "Acceptance Testing means the testing of a release (illustrative).\n"
    )
    doc = read_text(text, "h.txt").value
    assert doc.definitions() == {}
    assert "Acceptance Testing means" in render_text(doc)


def test_quoted_definitions_keep_working():
    text = (
        "Section A 'Definitions'\n\nA1.1 In this Code (illustrative):\n\n    \"Device\" means a meter (illustrative).\n"
    )
    assert read_text(text, "a.txt").value.definitions()["Device"].label == '"Device"'


# --- furniture ---------------------------------------------------------------------------

WEB_COPY = """\
Section H 'DCC Services'
• Upload
H1.1 The DCC shall provide the Services to each User in accordance with this Section (illustrative
wording).
Download
Embed Size (px)
H1.2 The DCC shall publish the list of Services on its website (illustrative wording).
Citation preview
« Back to Glossary Index
Page 12 of 40
H1.3 The DCC shall keep the list up to date (illustrative wording).
"""


def test_viewer_and_web_furniture_is_dropped_and_said():
    result = read_text(WEB_COPY, "web.txt")
    doc = result.value
    assert [str(r) for r in doc.refs()] == ["H1.1", "H1.2", "H1.3"]
    assert doc.find(ClauseRef.parse("H1.2")).text.endswith("on its website (illustrative wording).")
    removed = {m.where.line for m in result.warnings if m.text.startswith("removed a")}
    assert removed == {2, 5, 6, 8, 9, 10}


@pytest.mark.parametrize("line", ["Share this page with colleagues", "3 comments on this page"])
def test_text_after_a_finished_sentence_that_does_not_continue_it_is_reported(line):
    text = (
        "Section H 'DCC Services'\n"
        "H1.1 The DCC shall provide the Services (illustrative wording).\n\n"
        f"{line}\n\n"
        "H1.2 The DCC shall publish them (illustrative wording).\n"
    )
    result = read_text(text, "web.txt")
    unplaced = [m for m in result.warnings if m.code == UNPLACED_CODE]
    assert len(unplaced) == 1 and unplaced[0].where.line == 4 and line in unplaced[0].text


def test_one_indented_line_does_not_make_flat_text_indented():
    text = (
        "Section H 'DCC Services'\n"
        "H1.1 The DCC shall (illustrative wording):\n"
        "(a) provide the Services; and\n"
        "(b) publish them,\n"
        "in each case as the Panel directs.\n"
        "   • a bullet pasted from a web page\n"
        "H1.2 The DCC shall keep records (illustrative wording).\n"
    )
    doc = read_text(text, "flat.txt").value
    h11 = doc.find(ClauseRef.parse("H1.1"))
    assert [c.label for c in h11.children] == ["(a)", "(b)"]
    assert h11.trailing.startswith("in each case as the Panel directs.")
    assert not [h for h in doc.body if not hasattr(h, "ref")]  # no clause text became a heading


# A flat copy whose list ends with a sub-paragraph, then the text after the list (illustrative wording).
LIST_THEN_TEXT = (
    "Section H 'DCC Services'\n"
    "H15.4 The DCC shall (illustrative wording):\n"
    "(a) keep records; and\n"
    "(b) for each record:\n"
    "(i) date it; and\n"
    "(ii) sign it.\n"
    "The Panel may inspect the records at any time (illustrative wording).\n"
)


def test_text_after_a_list_belongs_to_the_lists_owner():
    text = LIST_THEN_TEXT + "H15.5 The DCC shall report yearly (illustrative wording).\n"
    doc = read_text(text, "flat.txt").value
    assert doc.find(ClauseRef.parse("H15.4(b)(ii)")).text == "sign it."
    assert doc.find(ClauseRef.parse("H15.4")).trailing.startswith("The Panel may inspect")


def test_remove_a_last_sub_paragraph_keeps_the_words_after_the_list():
    from sec_redline.apply import apply_changeset
    from sec_redline.changes import load_changeset_text
    from tests.support import CHANGESET_HEADER

    doc = read_text(LIST_THEN_TEXT, "flat.txt").value
    cs = load_changeset_text(CHANGESET_HEADER.format(mod="MP901") + "  - remove: H15.4(b)(ii)\n", "cs.yaml")
    after = apply_changeset(doc, cs).value
    assert "The Panel may inspect" in render_text(after)


# --- collapsed transcripts -----------------------------------------------------------------


def test_a_collapsed_transcript_is_split_at_provisions():
    text = BASE.read_text(encoding="utf-8")
    clean = read_text(text, "g.txt").value
    result = read_text(" ".join(text.split()), "collapsed.txt")
    doc = result.value
    assert (doc.section, doc.title, doc.version) == ("G", "Security", "6.17")
    assert doc.refs() == clean.refs()
    assert [h for h in doc.body if not hasattr(h, "ref")] == [h for h in clean.body if not hasattr(h, "ref")]
    assert any("line breaks were lost" in m.text for m in result.warnings)
    # references in running text stay references
    assert "with the requirements of Section G3.18." in render_text(doc)
    for c in clean.clauses():  # every word is kept, in the same order
        assert c.text.split()[0] in render_text(doc)


def test_a_long_line_of_one_provision_is_not_split():
    line = "G1.1 " + " ".join(["The DCC shall act in accordance with Section G1.2 and paragraphs (a) to (f)."] * 8)
    result = read_text("Section G 'Security'\n\n" + line + "\n", "g.txt")
    assert [str(r) for r in result.value.refs()] == ["G1.1"]
    assert not any("line breaks were lost" in m.text for m in result.messages)


# --- enumerators ---------------------------------------------------------------------------


def test_i_after_h_and_its_own_sub_paragraphs_is_the_letter():
    items = [f"({e}) item {e} (illustrative);" for e in "abcdefg"]
    text = (
        "Section X 'Illustrative'\n\nX1.1 The Party shall (illustrative):\n\n"
        + "\n\n".join(items)
        + "\n\n(h) for each item:\n\n(i) first (illustrative); and\n\n(ii) second (illustrative);\n\n"
        "(i) item i (illustrative); and\n\n(j) item j (illustrative).\n"
    )
    doc = read_text(text, "x.txt").value
    clause = doc.find(ClauseRef.parse("X1.1"))
    assert [c.label for c in clause.children] == [f"({e})" for e in "abcdefghij"]
    assert [c.label for c in clause.children[7].children] == ["(i)", "(ii)"]
    refs = doc.refs()
    assert len(refs) == len(set(refs))


@pytest.mark.parametrize("indented", [True, False])
def test_duplicates_in_the_text_are_warned(indented):
    pad = "    " if indented else ""
    text = f"Section X 'Illustrative'\n\nX1.1 The Party shall:\n\n{pad}(a) one;\n\n{pad}(b) two;\n\n{pad}(b) three.\n"
    result = read_text(text, "x.txt")
    assert any("2 provisions are numbered X1.1(b)" in m.text for m in result.warnings)


@pytest.mark.libreoffice
def test_the_seed_text_printed_by_libreoffice_and_copied_with_pdftotext(tmp_path):
    """The MP087 base text (the seed's G3.17 to G3.21) opened as text by LibreOffice, printed to PDF and copied
    back with pdftotext, as a newcomer tried it: the "SEC Version 6.17" line stays a line of its own (it was run
    into the part heading after it, so the version and the heading were lost), and the "or" the copy moves
    from the end of G3.17(a) to after G3.17's colon is reported, not passed over."""
    import shutil
    import subprocess

    from tests.support import have_libreoffice

    if not have_libreoffice() or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext (poppler-utils) are needed (make test installs them)")
    source = tmp_path / "section-G.txt"
    source.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(
        [shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--infilter=Text (encoded):UTF8", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    subprocess.run(["pdftotext", str(tmp_path / "section-G.pdf"), str(tmp_path / "pasted.txt")], check=True)
    pasted = (tmp_path / "pasted.txt").read_text(encoding="utf-8")
    read = read_text(pasted, "pasted.txt")
    doc, messages = read.value, read.messages
    assert doc.version == "6.17"
    assert next(h.text for h in doc.body if not hasattr(h, "ref")) == "Manufacturers: Duty to Notify and Be Notified"
    moved = [m for m in messages if m.level == "warning" and "a lone 'or' after a line ending ':'" in m.text]
    assert len(moved) == 1 and pasted.splitlines()[moved[0].where.line - 1] == "or"
    assert [str(r) for r in doc.refs()] == [str(r) for r in read_text(BASE.read_text(encoding="utf-8")).value.refs()]
