"""A release's consolidated/ folder is the next round's base for every command: it holds each document as .txt
and .docx and the whole code as sec.txt, and each document is read once (the .txt; the other copies checked
to hold the same, and a folder whose copies differ refused with both files named).  ``apply --version`` names
the new version; without it the base's ``SEC Version`` line is kept, and a note says so."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from legal_text import ClauseRef, render_text
from sec_redline.errors import EXIT_CHANGESET, EXIT_INPUT, EXIT_OK
from sec_redline.render import render_document_docx
from sec_redline.sources import read_base
from tests.support import BASE, ROOT, run_cli

MANIFEST = ROOT / "examples" / "release" / "release.yaml"
MULTI_BASE = ROOT / "examples" / "mp900-multi" / "base"
# An ILLUSTRATIVE change set drafted against the release's SEC 6.18: one word of G3.21 (the seed's "need"
# replaced, as examples/mp087/other.txt has it).
NEXT = """modification: MP999
title: "Illustrative"
base: "6.18"
author: SECAS
date: 2020-01-10
changes:
  - in: G3.21
    replace: need
    with: shall
"""
CONSOLIDATED = ["appendix-AD.docx", "appendix-AD.txt", "sec.txt", "section-A.docx", "section-A.txt", "section-G.docx",
                "section-G.txt"]  # fmt: skip


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    """A real release folder, as `sec-redline release` writes it, and the change set of the next round."""
    top = tmp_path_factory.mktemp("release-as-base")
    r = run_cli("release", MANIFEST, "-o", top / "release", "-q")
    assert r.returncode == EXIT_OK, r.stderr
    assert sorted(p.name for p in (top / "release" / "consolidated").iterdir()) == CONSOLIDATED
    (top / "next.yaml").write_text(NEXT, encoding="utf-8")
    return top


def test_each_document_is_read_once_from_its_text(release):
    consolidated = release / "release" / "consolidated"
    loaded = read_base(consolidated)
    assert [(d.name, Path(d.source).name, d.version) for d in loaded.value] == [
        ("Section A", "section-A.txt", "6.18"),
        ("Section G", "section-G.txt", "6.18"),
        ("Appendix AD", "appendix-AD.txt", "6.18"),
    ]
    notes = sorted(str(m) for m in loaded.messages if "checked alike" in m.text)
    assert notes == [
        f"{consolidated / 'appendix-AD.docx'}: info: holds Appendix AD, the same as "
        f"{consolidated / 'appendix-AD.txt'}: checked alike, and not used",
        f"{consolidated / 'sec.txt'}: info: holds Section A, Section G, Appendix AD, the same as "
        f"{consolidated / 'appendix-AD.txt'}, {consolidated / 'section-A.txt'}, {consolidated / 'section-G.txt'}: "
        f"checked alike, and not used",
        f"{consolidated / 'section-A.docx'}: info: holds Section A, the same as {consolidated / 'section-A.txt'}: "
        f"checked alike, and not used",
        f"{consolidated / 'section-G.docx'}: info: holds Section G, the same as {consolidated / 'section-G.txt'}: "
        f"checked alike, and not used",
    ]
    r = run_cli("parse", consolidated, "--format", "refs", "--strict")
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout == run_cli("parse", consolidated / "sec.txt", "--format", "refs").stdout


def test_every_command_takes_the_consolidated_folder(release, tmp_path):
    consolidated, nxt = release / "release" / "consolidated", release / "next.yaml"
    r = run_cli("store", "add", "6.18", consolidated, "--store", tmp_path / "v.sqlite")
    assert (r.returncode, r.stderr) == (EXIT_OK, "stored SEC 6.18: 3 document(s), 26 provisions\n")
    r = run_cli("diff", MULTI_BASE, consolidated)
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout.splitlines() == [
        'inserted  A1.1["SMETS2+ Device"]',
        "amended   A1.2",
        "amended   G3.19",
        "amended   G3.20(b)",
        "amended   AD 2.1 Table 28a (1 row inserted)",
        "amended   AD 2.2",
        "5 amended, 1 inserted, 0 deleted (clauses and paragraphs).",
    ]
    r = run_cli("apply", consolidated, nxt, "-o", tmp_path / "amended", "--version", "6.19")
    assert r.returncode == EXIT_OK, r.stderr
    assert sorted(p.name for p in (tmp_path / "amended").iterdir()) == [
        "appendix-AD.txt",
        "section-A.txt",
        "section-G.txt",
    ]
    g = (tmp_path / "amended" / "section-G.txt").read_text(encoding="utf-8")
    assert g.splitlines()[2] == "SEC Version 6.19" and "(as the case may be) shall not be required" in g
    r = run_cli("redline", consolidated, nxt, "-o", tmp_path / "annex", "--no-pdf", "--strict")
    assert r.returncode == EXIT_OK, r.stderr
    r = run_cli("verify", tmp_path / "annex" / "annex-a.docx", consolidated, "--changes", nxt)
    assert r.returncode == EXIT_OK, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1] == (
        f"12 of 12 provisions matched {consolidated / 'section-G.txt'} (SEC 6.18); redline says: SEC 6.18; consistent."
    )
    r = run_cli("check", consolidated, nxt)
    assert r.returncode in (EXIT_OK, 1) and r.stdout.startswith("Parallel provisions: "), r.stderr
    r = run_cli("diff", consolidated, tmp_path / "amended")
    assert r.stdout.splitlines() == ["amended   G3.21", "1 amended, 0 inserted, 0 deleted (clauses and paragraphs)."]


def test_copies_that_disagree_are_refused_naming_both(release, tmp_path):
    consolidated = release / "release" / "consolidated"
    edited = tmp_path / "edited"
    shutil.copytree(consolidated, edited)
    g = edited / "section-G.txt"
    g.write_text(g.read_text(encoding="utf-8").replace("need not be required", "shall not be required"), "utf-8")
    r = run_cli("redline", edited, release / "next.yaml", "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_INPUT and not (tmp_path / "annex").exists()
    assert r.stderr.strip() == (
        f"sec-redline: error: {edited / 'section-G.docx'}: holds Section G too, but not as {edited / 'section-G.txt'} "
        f"does (first at G3.21); a folder base reads each document from one file: remove or correct the copy you "
        f"do not mean"
    )
    (edited / "section-G.docx").unlink()  # the edited text alone; the whole code beside it still says otherwise
    r = run_cli("parse", edited)
    assert r.returncode == EXIT_INPUT and f"{edited / 'sec.txt'}: holds Section G too" in r.stderr
    (edited / "sec.txt").unlink()
    assert run_cli("parse", edited, "--strict").returncode == EXIT_OK
    versions = tmp_path / "versions"
    shutil.copytree(consolidated, versions)
    whole = versions / "sec.txt"
    whole.write_text(whole.read_text(encoding="utf-8").replace("SEC Version 6.18", "SEC Version 6.17"), "utf-8")
    r = run_cli("store", "add", "6.18", versions, "--store", tmp_path / "v.sqlite")
    assert r.returncode == EXIT_INPUT and "(SEC Version 6.17 here, 6.18 there)" in r.stderr
    assert not (tmp_path / "v.sqlite").exists()


def test_a_whole_code_file_alone_in_a_folder_is_read_for_the_documents_a_change_set_names(release, tmp_path):
    """A folder holding only sec.txt: an Annex A reads only the documents its change set touches, by the
    titles of each file; the whole code's later titles count (it was skipped for its first, Section A)."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(release / "release" / "consolidated" / "sec.txt", alone / "sec.txt")
    r = run_cli("redline", alone, release / "next.yaml", "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_OK, r.stderr


def test_a_word_copy_holding_footnotes_is_the_one_read(tmp_path):
    """Text cannot hold footnotes: where NAME.docx has them and NAME.txt (their markers in its words) agrees,
    the Word file is read, with the version the text names."""
    (g,) = read_base(BASE).value
    ref = ClauseRef.parse("G3.19")
    body = tuple(
        dataclasses.replace(c, text=c.text.rstrip(".") + "\u00b9.", notes=(("\u00b9", "Illustrative note."),))
        if getattr(c, "ref", None) == ref
        else c
        for c in g.body
    )
    noted = dataclasses.replace(g, body=body)
    folder = tmp_path / "noted"
    folder.mkdir()
    (folder / "section-G.txt").write_text(render_text(noted), encoding="utf-8")
    (folder / "section-G.docx").write_bytes(render_document_docx([noted]))
    (doc,) = read_base(folder, strict=True).value
    assert (Path(doc.source).name, doc.version) == ("section-G.docx", "6.17")
    assert [c.notes for c in doc.clauses() if c.notes] == [(("\u00b9", "Illustrative note."),)]


def test_apply_keeps_the_base_version_line_with_a_note_or_writes_the_one_given(tmp_path):
    kept, named = tmp_path / "kept.txt", tmp_path / "named.txt"
    changes = ROOT / "examples" / "mp087" / "mp087.changes.yaml"
    r = run_cli("apply", BASE, changes, "-o", kept)
    assert r.returncode == EXIT_OK and "keeps the base's 'SEC Version 6.17' line; give --version" in r.stderr
    assert kept.read_text(encoding="utf-8").splitlines()[2] == "SEC Version 6.17"
    r = run_cli("apply", BASE, changes, "-o", named, "--version", "6.18")
    assert r.returncode == EXIT_OK and "note:" not in r.stderr
    assert named.read_text(encoding="utf-8").splitlines()[2] == "SEC Version 6.18"
    assert kept.read_text(encoding="utf-8").replace("6.17", "6.18", 1) == named.read_text(encoding="utf-8")
    # The next diff names both versions (it said "(no SEC version named)" of the amended text before).
    r = run_cli("diff", BASE, named, "-o", tmp_path / "c.html")
    assert "SEC 6.17 compared with SEC 6.18" in (tmp_path / "c.html").read_text(encoding="utf-8")
    # The change set's base is still checked against a text that names its version.
    r = run_cli("redline", named, changes, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_CHANGESET and "6.17" in r.stderr


def test_a_consolidated_word_file_names_its_version_as_the_text_does(tmp_path):
    """consolidated/section-G.docx carries the 'SEC Version 6.18' line its .txt has, so reading it back knows
    the version: `store add` under another version name is refused as it is for the .txt."""
    from sec_redline.errors import EXIT_INPUT
    from tests.support import ROOT, run_cli

    r = run_cli("release", ROOT / "examples" / "release" / "release.yaml", "-o", tmp_path / "rel")
    assert r.returncode == 0, r.stderr
    word = tmp_path / "rel" / "consolidated" / "section-G.docx"
    parsed = run_cli("parse", word)
    assert parsed.stdout.splitlines()[:3] == ["Section G 'Security'", "", "SEC Version 6.18"]
    r = run_cli("store", "add", "6.20", word, "--store", tmp_path / "st.sqlite")
    assert r.returncode == EXIT_INPUT and f"{word}: is SEC 6.18, not 6.20" in r.stderr
