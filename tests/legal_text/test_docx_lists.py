"""Word documents whose numbers are list numbering, made by LibreOffice through UNO at test time, read as
LibreOffice reads them: every list label equal to LibreOffice's own (ListLabelString), on both sides of the
tracked changes; the MP087 Section numbered by Word's lists gives the tree the text reader gives for the
same words typed out; verify and diff work on it; and our own Word output, re-saved by LibreOffice, reads
back to the same tree.  The wording is MP087's (examples/mp087); the other lists are illustrative."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legal_text import Clause, Heading, read_docx, read_text
from legal_text.ooxml import side_paragraphs
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.house_style import STRUCTURE_STYLES
from tests.support import BASE, CHANGES, lo_lists, requires_libreoffice, run_cli

pytestmark = [requires_libreoffice, pytest.mark.libreoffice]

SECTION_LIST = [
    {"type": "decimal", "format": "G3.%1%", "start": 17},
    {"type": "lowerLetter", "format": "(%2%)"},
    {"type": "lowerRoman", "format": "(%3%)"},
]


def _mp087_spec() -> dict:
    """Section G3.17 to G3.21 with its numbers drawn by one list, and MP087's insertion as a tracked change."""
    doc = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    paras: list[dict] = [{"text": "Section G 'Security'"}, {"text": "SEC Version 6.17"}]

    def add(c: Clause, depth: int) -> None:
        paras.append({"text": c.text, "list": "SEC Section", "level": depth})
        for k in c.children:
            add(k, depth + 1)
        if c.trailing:
            paras.append({"text": c.trailing})

    for item in doc.body:
        if isinstance(item, Heading):
            paras.append({"text": item.text})
        else:
            add(item, 0)
    insertion = {"after": "Gas Proxy Function", "occurrence": 2, "insert": " which forms part of a SMETS2+ Device"}
    return {"lists": {"SEC Section": SECTION_LIST}, "paragraphs": paras, "track": [insertion]}


def _formats_spec() -> dict:
    """Every number format, levels going down and back up, a restart at 5, a second list interleaved, plain
    paragraphs between, and a tracked deletion of a numbered paragraph's words (illustrative wording)."""
    levels = [
        {"type": "decimal", "format": "%1%."},
        {"type": "decimal", "format": "%1%.%2%"},
        {"type": "decimal", "format": "%1%.%2%.%3%"},
        {"type": "lowerLetter", "format": "(%4%)"},
        {"type": "lowerRoman", "format": "(%5%)"},
        {"type": "upperLetter", "format": "(%6%)"},
        {"type": "upperRoman", "format": "%7%."},
    ]
    paras = []
    for lvl in (0, 1, 2, 3, 4, 4, 5, 6, 6, 3, 1, 0, 1, 2, 2):
        paras.append({"text": f"Illustrative provision at level {lvl}.", "list": "Appendix", "level": lvl})
    paras.append({"text": "Illustrative plain paragraph between the lists."})
    paras += [{"text": f"Illustrative part {n}.", "list": "Parts", "level": 0} for n in range(3)]
    paras.append(
        {
            "text": "Illustrative provision restarted at five.",
            "list": "Appendix",
            "level": 0,
            "restart": True,
            "start": 5,
        }
    )
    paras += [{"text": "Illustrative provision after the restart.", "list": "Appendix", "level": lvl} for lvl in (1, 0)]
    paras.append({"text": "Illustrative bullet.", "list": "Bullets", "level": 0})
    return {
        "lists": {
            "Appendix": levels,
            "Parts": [{"type": "upperRoman", "format": "Part %1%"}],
            "Bullets": [{"type": "bullet", "format": "%1%"}],
        },
        "paragraphs": paras,
        "track": [{"delete": "Illustrative part 1."}],
    }


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lists")
    files: dict[str, Path] = {}
    args = ["build"]
    visual = {**_mp087_spec(), "visual": True}
    for name, spec in (("mp087", _mp087_spec()), ("formats", _formats_spec()), ("mp087-visual", visual)):
        (folder / f"{name}.json").write_text(json.dumps(spec), encoding="utf-8")
        files[name] = folder / f"{name}.docx"
        args += [str(folder / f"{name}.json"), str(files[name])]
    lo_lists(*args)
    return files


@pytest.fixture(scope="module")
def seen(made: dict[str, Path]) -> dict[str, dict]:
    return {Path(r["file"]).stem: r for r in lo_lists("labels", *map(str, made.values()))}


@pytest.mark.parametrize("name", ["mp087", "formats"])
@pytest.mark.parametrize(("side", "view"), [("new", "accept_all"), ("old", "reject_all")])
def test_labels_and_words_are_libreoffices(made, seen, name, side, view):
    ours = [(p.label, p.text) for p in side_paragraphs(made[name].read_bytes(), side)]
    # LibreOffice gives no label string for a bullet; it says the level is a bullet, which we draw as one.
    theirs = [("\u2022" if p["bullet"] else p["label"], p["text"]) for p in seen[name][view]]
    assert ours == theirs


def test_the_formats_fixture_covers_what_it_says(seen):
    labels = [p["label"] for p in seen["formats"]["reject_all"]]
    assert labels[:9] == ["1.", "1.1", "1.1.1", "(a)", "(i)", "(ii)", "(A)", "I.", "II."]
    assert "Part II" in labels and "5." in labels and seen["formats"]["reject_all"][-1]["bullet"]


def test_a_list_numbered_section_reads_as_the_typed_text(made):
    data = made["mp087"].read_bytes()
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    (old,) = read_docx(data, "mp087.docx", "old", STRUCTURE_STYLES).value
    assert [str(r) for r in old.refs()] == [str(r) for r in base.refs()]
    assert old.body == base.body and (old.section, old.version) == ("G", "6.17")
    (new,) = read_docx(data, "mp087.docx", "new", STRUCTURE_STYLES).value
    assert new.body == apply_changeset(base, load_changeset(CHANGES)).value.body


def test_verify_passes_the_right_base_and_names_the_words_of_a_wrong_one(made, tmp_path):
    ok = run_cli("verify", made["mp087"], BASE, "--changes", CHANGES)
    assert ok.returncode == 0, ok.stdout
    assert ok.stdout.strip().endswith("consistent.") and "12 of 12 provisions matched" in ok.stdout
    other = tmp_path / "other.txt"
    other.write_text(
        BASE.read_text(encoding="utf-8").replace("need not be required", "shall not be required"), encoding="utf-8"
    )
    bad = run_cli("verify", made["mp087"], other)
    assert bad.returncode == 1
    assert "G3.21: the redline's original text (words) differs" in bad.stdout and "[-shall-]{+need+}" in bad.stdout


def test_diff_against_the_typed_text_finds_only_the_change(made, tmp_path):
    r = run_cli("diff", BASE, made["mp087"])
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["amended   G3.20(b)", "1 amended, 0 inserted, 0 deleted (clauses and paragraphs)."]


def test_our_word_output_resaved_by_libreoffice_reads_back(tmp_path):
    """docx to docx, and docx to odt to docx, through LibreOffice: the same tree on both sides."""
    annex = tmp_path / "out" / "annex-a.docx"
    assert run_cli("redline", BASE, CHANGES, "-o", tmp_path / "out", "--no-pdf").returncode == 0
    resaved, odt, back = tmp_path / "resaved.docx", tmp_path / "via.odt", tmp_path / "back.docx"
    lo_lists("resave", str(annex), str(resaved), str(annex), str(odt))
    lo_lists("resave", str(odt), str(back))
    for side in ("new", "old"):
        (ours,) = read_docx(annex.read_bytes(), "a", side, STRUCTURE_STYLES).value
        for other in (resaved, back):
            (theirs,) = read_docx(other.read_bytes(), "b", side, STRUCTURE_STYLES).value
            assert theirs.body == ours.body, (other.name, side)


def test_a_redline_marked_by_formatting_verifies_with_marks_auto(made, seen):
    """LibreOffice's own reading shows the inserted words in the text (they are formatting, not revisions);
    read as a visual-mark redline, its rejected side is the base and its accepted side the amended text."""
    path = made["mp087-visual"]
    assert any("SMETS2+ Device)" in p["text"] for p in seen["mp087-visual"]["paragraphs"])
    ok = run_cli("verify", path, BASE, "--changes", CHANGES)  # --marks auto is the default
    assert ok.returncode == 0, ok.stdout
    as_tracked = run_cli("verify", path, BASE, "--marks", "tracked")
    assert as_tracked.returncode == 1 and "G3.20(b)" in as_tracked.stdout
    rejected = run_cli("parse", path, "--view", "rejected", "--marks", "visual")
    accepted = run_cli("parse", path, "--view", "accepted", "--marks", "visual")
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    assert read_text(rejected.stdout, "r").value.body == base.body
    assert read_text(accepted.stdout, "a").value.body == apply_changeset(base, load_changeset(CHANGES)).value.body
