"""The reviewer's comparison of two versions of the code (issue 13): the events, and the comparison written
as HTML (driven in headless Chromium), Word (checked by LibreOffice and the ECMA-376 schemas), JSON (checked
against docs/comparison.schema.json) and a change set.

The pair: Sections A, G (the MP087 example) and H of SEC 6.17 against a new version in which a definition in
A is amended, a clause is inserted before G3.20 (renumbering G3.20 and G3.21, whose reference to G3.20
follows), H1.2 is deleted and H1.3 moves to G as G3.23.  Wording outside the MP087 example is illustrative.
"""

from __future__ import annotations

import json
import os
import subprocess

import jsonschema
import pytest

from legal_text import read_code
from sec_redline.errors import EXIT_INPUT, EXIT_OK
from tests.sec_redline.test_compare import INSERTED
from tests.sec_redline.test_word_processor import libreoffice_view
from tests.support import BASE, ROOT, derived_changeset, normalise_ws, requires_chromium, requires_libreoffice, run_cli
from tests.tools.ooxml_validate import schema_dir, validate_package

SECTION_A = """\
SECTION A: DEFINITIONS AND INTERPRETATION
A1 Definitions
A1.1 In this Code (illustrative wording), the expressions below have the meanings given to them.
Acceptance Testing means the testing of a release{patch} (illustrative).
Device means an Electricity Meter or a Gas Meter (illustrative).
"""
SECTION_H = """\
Section H 'DCC Services'
H1.1 The DCC shall provide the Services (illustrative wording).
{h12}{h13}"""
H12 = "H1.2 The DCC shall publish the Services (illustrative wording).\n"
MOVED = "The DCC shall keep a record of each Service it provides, for six years (illustrative wording)."

EVENTS = [
    'amended   A1.1["Acceptance Testing"]',
    "inserted  G3.20",
    "renumbered G3.20 -> G3.21",
    "          cross-reference: in G3.22, G3.20 -> G3.21",
    "renumbered G3.21 -> G3.22",
    "deleted   H1.2",
    "moved     H1.3 -> G3.23",
    "1 amended, 1 inserted, 1 deleted, 2 renumbered, 1 moved (clauses and paragraphs).",
]


def _new_g() -> str:
    text = BASE.read_text(encoding="utf-8")
    i = text.index("G3.20 ")
    new = text[:i] + INSERTED + text[i:].replace("G3.20 Each User", "G3.21 Each User", 1)
    new = new.replace("G3.21 Any arrangements established in accordance with Section G3.20", "G3.22 Any arrangements "
                      "established in accordance with Section G3.21", 1)  # fmt: skip
    return new.rstrip("\n") + "\n\nG3.23 " + MOVED + "\n"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    d = tmp_path_factory.mktemp("pair")
    old, new = d / "sec-old.txt", d / "sec-new.txt"
    old.write_text(
        SECTION_A.format(patch="") + "\n" + BASE.read_text(encoding="utf-8") + "\n"
        + SECTION_H.format(h12=H12, h13="H1.3 " + MOVED + "\n"),
        encoding="utf-8",
    )  # fmt: skip
    new.write_text(
        SECTION_A.format(patch=" or a patch") + "\n" + _new_g() + "\n" + SECTION_H.format(h12="", h13=""),
        encoding="utf-8",
    )
    return old, new


@pytest.fixture(scope="module")
def outputs(pair, tmp_path_factory):
    d = tmp_path_factory.mktemp("out")
    old, new = pair
    here = os.getcwd()
    os.chdir(old.parent)  # the files named as a reviewer names them, in the folder they are in
    try:
        outs = (a for ext in ("html", "docx", "json", "yaml") for a in ("-o", d / f"c.{ext}"))
        r = run_cli("diff", old.name, new.name, *outs)
    finally:
        os.chdir(here)
    assert r.returncode == EXIT_OK, r.stderr
    return r, d


def test_diff_prints_one_line_an_event_and_the_consequential_update_under_its_cause(outputs):
    r, d = outputs
    assert r.stdout.splitlines() == EVENTS
    assert r.stderr.splitlines() == [f"wrote {d / f'c.{x}'}" for x in ("html", "docx", "json", "yaml")]


def test_json_follows_its_schema_and_gives_each_event_its_references_and_words(outputs):
    _, d = outputs
    data = json.loads((d / "c.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs" / "comparison.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["counts"] == {"amended": 1, "inserted": 1, "deleted": 1, "renumbered": 2, "moved": 1}
    assert data["old"]["sec_version"] == data["new"]["sec_version"] == "6.17"  # the draft kept G's version line
    by_kind = {(e["kind"], e["old"], e["new"]): e for e in data["events"]}
    amended = by_kind[("amended", 'A1.1["Acceptance Testing"]', 'A1.1["Acceptance Testing"]')]
    assert [(c["op"], c["text"].strip()) for c in amended["changes"] if c["op"] != "equal"] == [
        ("insert", "or a patch")
    ]
    assert "".join(c["text"] for c in amended["changes"] if c["op"] != "delete").endswith("or a patch (illustrative).")
    renumbered = by_kind[("renumbered", "G3.20", "G3.21")]
    assert renumbered["cross_references"] == [{"at": "G3.22", "old": "G3.20", "new": "G3.21"}]
    assert renumbered["amended"] is False and renumbered["changes"] == []
    moved = by_kind[("moved", "H1.3", "G3.23")]
    assert moved["section"] == "H" and moved["old_text"] == "H1.3 " + MOVED and moved["new_text"] == "G3.23 " + MOVED
    assert by_kind[("deleted", "H1.2", None)]["new_text"] is None


def test_the_change_set_reproduces_the_new_version(pair, outputs, tmp_path):
    old, new = pair
    _, d = outputs
    text = (d / "c.yaml").read_text(encoding="utf-8")
    assert "modification: MP000" in text and "date: 2000-01-01" in text  # the documented placeholders
    assert "base: '6.17'" in text  # Section G's 'SEC Version' line, the code's
    applied = tmp_path / "applied.txt"
    r = run_cli("apply", old, d / "c.yaml", "-o", applied)
    assert r.returncode == EXIT_OK, r.stderr
    assert run_cli("diff", new, applied).stdout.strip() == "No differences."


def test_a_change_set_without_a_version_says_base_unknown_with_a_warning(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(SECTION_H.format(h12=H12, h13=""), encoding="utf-8")
    new.write_text(SECTION_H.format(h12="", h13=""), encoding="utf-8")
    r = run_cli("diff", old, new, "-o", tmp_path / "cs.yaml")
    assert r.returncode == EXIT_OK
    assert "names no SEC version and no --base was given" in r.stderr
    assert "base: unknown" in (tmp_path / "cs.yaml").read_text(encoding="utf-8")


def test_word_comparison_is_valid_in_every_part(outputs):
    _, d = outputs
    directory = schema_dir()
    assert validate_package(d / "c.docx", directory) == []


def test_word_comparison_shows_the_whole_of_both_versions_and_the_move(outputs):
    _, d = outputs
    import zipfile

    xml = zipfile.ZipFile(d / "c.docx").read("word/document.xml").decode()
    assert xml.count("<w:moveFromRangeStart") == 1 and xml.count("<w:moveToRangeStart") == 1
    assert "Acceptance Testing" in xml and "H1.1" in xml  # unchanged provisions too


def _sections_text(path) -> str:
    docs = read_code(path.read_text(encoding="utf-8"), str(path)).value
    from legal_text import Clause
    from legal_text.text_writer import clause_plain_text

    words = []
    for doc in docs:
        words.append(doc.heading)
        for item in doc.body:
            words.append(clause_plain_text(item) if isinstance(item, Clause) else f"{item.label} {item.text}")
    return normalise_ws(" ".join(words))


@pytest.mark.libreoffice
@requires_libreoffice
def test_libreoffice_accepts_to_the_new_version_and_rejects_to_the_old(pair, outputs, tmp_path):
    old, new = pair
    _, d = outputs
    view = libreoffice_view(d / "c.docx")
    assert normalise_ws(" ".join(view["accept_all"]).replace("\t", " ")) == _sections_text(new)
    assert normalise_ws(" ".join(view["reject_all"]).replace("\t", " ")) == _sections_text(old)
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]
    # The renumbered clauses change only their numbers: LibreOffice's insertions are the new clause, the
    # new numbers, the updated reference, the amended definition's words and the moved clause.
    inserted = [r for r in view["revisions"] if r["type"] == "Insert"]
    assert len(inserted) <= 10, view["revisions"]
    # LibreOffice keeps the move a move: saving it again as Word writes w:moveFrom and w:moveTo.
    from sec_redline.render import soffice

    out = tmp_path / "resaved"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "docx",
         "--outdir", str(out), str(d / "c.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    import zipfile

    xml = zipfile.ZipFile(out / "c.docx").read("word/document.xml").decode()
    assert "<w:moveFrom " in xml and "<w:moveTo " in xml


@pytest.mark.browser
@requires_chromium
def test_the_html_page_lists_filters_and_steps_through_the_events_in_a_browser(outputs):
    from tests.tools.browser import drive, screenshot

    _, d = outputs
    page = d / "c.html"
    assert "http://" not in page.read_text(encoding="utf-8").replace("http://www.w3.org", "")  # nothing fetched
    result = drive(
        page,
        """
        var items = function () { return Array.prototype.map.call(
            doc.querySelectorAll("nav.contents li[data-event]"), function (li) {
              if (li.hidden) { return null; }
              return li.querySelector(".kind").textContent + " " + li.querySelector("a").textContent; }
            ).filter(Boolean); };
        var r = {contents: items(), position: doc.getElementById("position").textContent};
        doc.getElementById("next").click(); doc.getElementById("next").click();
        r.second = doc.querySelector(".current").id; r.after_two = doc.getElementById("position").textContent;
        doc.getElementById("previous").click(); doc.getElementById("previous").click();
        r.wrapped = doc.querySelector(".current").id;
        var kind = doc.querySelector("#filter-kind input[value=renumbered]");
        kind.checked = false; kind.dispatchEvent(new Event("change"));
        r.without_renumbered = items();
        kind.checked = true; kind.dispatchEvent(new Event("change"));
        var section = doc.getElementById("filter-section");
        section.value = "H"; section.dispatchEvent(new Event("change"));
        r.only_h = items();
        r.blocks_shown = Array.prototype.filter.call(doc.querySelectorAll("main section.block"),
            function (b) { return !b.hidden; }).map(function (b) { return b.dataset.section; });
        doc.getElementById("next").click();
        r.first_in_h = doc.querySelector(".current").id;
        return r;
        """,
    )
    lines = [line.split(None, 1) for line in EVENTS if not line.startswith(" ")][:-1]
    assert result["contents"] == [f"{k} {w}" for k, w in lines]
    assert result["position"] == "6 events shown"
    assert result["second"] == "ev-2" and result["after_two"] == "Event 2 of 6"
    # Previous from the first goes round to the last in reading order: H1.2's deletion (event 5) comes after
    # G3.23, where H1.3 arrived (event 6).
    assert result["wrapped"] == "ev-5"
    assert [x.split()[0] for x in result["without_renumbered"]] == ["amended", "inserted", "deleted", "moved"]
    assert result["only_h"] == ["deleted H1.2", "moved H1.3 -> G3.23"]
    assert set(result["blocks_shown"]) == {"H"}
    assert result["first_in_h"] == "ev-5"
    screenshot(page, ROOT / "docs" / "images" / "comparison.png")


@pytest.mark.libreoffice
@requires_libreoffice
def test_the_same_pair_as_word_files_made_by_libreoffice_gives_the_same_events_and_change_set(pair, tmp_path):
    """Both versions opened in LibreOffice and saved as Word (typed numbers in plain paragraphs, as a reviewer
    gets them from elsewhere): the same events, and a change set that turns the old text into the new."""
    from sec_redline.render import soffice

    old, new = pair
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--infilter=Text (encoded):UTF8",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(old), str(new)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    old_docx, new_docx = tmp_path / "sec-old.docx", tmp_path / "sec-new.docx"
    r = run_cli("diff", old_docx, new_docx)
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout.splitlines() == EVENTS
    derived_changeset(old_docx, new_docx, tmp_path, base=old)  # applied to the text, it gives the new text


def test_large_inputs_read_at_once_give_the_same_comparison(pair, outputs, monkeypatch, tmp_path):
    """Two versions over the size read at the same time (the old one in a forked worker): the same lines and
    the same Word file as when read one after the other; a worker's error is the same one line."""
    import sec_redline.fileio as fileio

    old, new = pair
    one_by_one = run_cli("diff", old, new, "-o", tmp_path / "seq.docx")
    monkeypatch.setattr(fileio, "CONCURRENT_READ_BYTES", 0)
    read_here: list[str] = []
    reader = fileio._read_chosen
    monkeypatch.setattr(fileio, "_read_chosen", lambda path, section: read_here.append(path) or reader(path, section))
    at_once = run_cli("diff", old, new, "-o", tmp_path / "par.docx")
    assert read_here == [str(new)]  # the old version was read by the child (this list is the parent's)
    assert at_once.returncode == one_by_one.returncode == EXIT_OK, at_once.stderr
    assert at_once.stdout.splitlines()[:-1] == one_by_one.stdout.splitlines()[:-1]
    assert (tmp_path / "par.docx").read_bytes() == (tmp_path / "seq.docx").read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip package")
    r = run_cli("diff", broken, new)
    assert (
        r.returncode == EXIT_INPUT
        and r.stderr == f"sec-redline: error: {broken}: not a Word document (.docx): it is not a zip package\n"
    )


def test_a_side_with_no_provision_is_an_error_not_everything_inserted(pair, tmp_path):
    old, _ = pair
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the illustrative meeting.\n\nNothing numbered here.\n", encoding="utf-8")
    r = run_cli("diff", notes, old)
    assert r.returncode == EXIT_INPUT
    assert r.stderr.splitlines()[-1] == (
        f"sec-redline: error: {notes}: no numbered provision was recognised, so there is nothing to compare"
    )
    assert r.stdout == ""


def test_a_reader_child_that_dies_is_replaced_by_reading_here(pair, monkeypatch):
    """Should the child reading the old version die without a word (killed, say), the old version is read in
    the parent after all: the same comparison, not an error."""
    import sec_redline.fileio as fileio

    old, new = pair
    parent, reader = os.getpid(), fileio._read_chosen
    monkeypatch.setattr(fileio, "CONCURRENT_READ_BYTES", 0)
    monkeypatch.setattr(
        fileio, "_read_chosen", lambda path, section: reader(path, section) if os.getpid() == parent else os._exit(9)
    )
    r = run_cli("diff", old, new)
    assert r.returncode == EXIT_OK and r.stdout.splitlines() == EVENTS, r.stderr


def test_the_word_header_and_the_page_title_name_each_side_as_a_reader_knows_it(tmp_path):
    """A side that names no SEC version is called by its file's name in the Word header and the page's title,
    never by a path on the machine that made them (they printed NEW's local path)."""
    import zipfile

    draft = tmp_path / "deep" / "folder" / "draft.txt"
    draft.parent.mkdir(parents=True)
    draft.write_text(BASE.read_text(encoding="utf-8").replace("SEC Version 6.17\n", ""), encoding="utf-8")
    r = run_cli("diff", BASE, draft, "-o", tmp_path / "c.docx", "-o", tmp_path / "c.html")
    assert r.returncode == EXIT_OK, r.stderr
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<title>Section G &#39;Security&#39;: SEC 6.17 compared with draft.txt</title>" in html
    with zipfile.ZipFile(tmp_path / "c.docx") as z:
        headers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header")]
        core = z.read("docProps/core.xml").decode("utf-8")
    assert any("Section G 'Security': SEC 6.17 compared with draft.txt" in h for h in headers)
    assert str(tmp_path) not in "".join(headers) + core
    assert "SEC 6.17 compared with draft.txt" in core
