"""Releases (issue 15): the manifest and its errors, every source of change, `release` (consolidated code,
release redline under each modification's author, notes, manifest.lock; all or nothing, byte-identical,
--force), the version store (store add/list, history, show, diff --from-version), and pending changes.
The release is examples/release: MP087 (real) and three illustrative changes on examples/mp900-multi/base."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from legal_text import read_code, render_text
from legal_text.text_writer import clause_plain_text
from sec_redline.apply import apply_changesets
from sec_redline.changes import load_changeset, load_changeset_text
from sec_redline.errors import EXIT_CHANGESET, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_STRICT, ChangeSetError
from sec_redline.fileio import read_sections
from sec_redline.release import load_manifest, sha256
from sec_redline.store import Store
from tests.support import ROOT, TOOLS, lo_read, normalise_ws, requires_libreoffice, run_cli
from tests.tools.ooxml_validate import schema_dir, validate_package

EXAMPLE = ROOT / "examples" / "release"
MANIFEST = EXAMPLE / "release.yaml"
BASE = ROOT / "examples" / "mp900-multi" / "base"
OUTPUTS = [
    "consolidated/appendix-AD.docx",
    "consolidated/appendix-AD.txt",
    "consolidated/sec.txt",
    "consolidated/section-A.docx",
    "consolidated/section-A.txt",
    "consolidated/section-G.docx",
    "consolidated/section-G.txt",
    "manifest.lock",
    "release-notes.docx",
    "release-notes.html",
    "release-notes.md",
    "release-redline.docx",
    "release-redline.html",
]


def _changesets():
    return [load_changeset(p) for p in load_manifest(MANIFEST).modifications]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("release")
    r = run_cli("release", MANIFEST, "-o", top / "out", "--store", top / "store.sqlite")
    assert r.returncode == EXIT_OK, r.stderr
    return top


# --- the manifest and the identifiers ----------------------------------------------------------------------


def test_the_example_manifest_reads_as_written():
    m = load_manifest(MANIFEST)
    assert (m.release, m.date.isoformat(), m.base_version, m.version, m.author) == (
        "Illustrative November 2019 SEC Release",
        "2019-11-07",
        "6.17",
        "6.18",
        "SECAS",
    )
    assert m.base_path == BASE.resolve()
    assert [p.name for p in m.modifications] == [
        "mp087.changes.yaml",
        "SECMP0046.changes.yaml",
        "MP901A.changes.yaml",
        "DIR001.changes.yaml",
    ]
    assert [(c.modification, c.kind) for c in _changesets()] == [
        ("MP087", "modification"),
        ("SECMP0046", "modification"),
        ("MP901A", "modification"),
        ("DIR001", "direction"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("release: R\ndate: 2019-11-07\nbase: {version: '6.17', path: b}\nversion: 6.18\nmodifications: [a.yaml]\n",
         4, "'version' is the new version, quoted"),
        ("release: R\ndate: soon\nbase: {version: '6.17', path: b}\nversion: '6.18'\nmodifications: [a.yaml]\n",
         2, "'date' is the go-live date"),
        ("release: R\ndate: 2019-11-07\nbase: {version: '6.17', path: b}\nversion: '6.17'\nmodifications: [a.yaml]\n",
         4, "the new version 6.17 is the base's"),
        ("release: R\ndate: 2019-11-07\nbase: {version: '6.17'}\nversion: '6.18'\nmodifications: [a.yaml, a.yaml]\n",
         5, "a.yaml is listed twice"),
        ("release: R\ndate: 2019-11-07\nbase: '6.17'\nversion: '6.18'\nmodifications: [a.yaml]\ngo-live: x\n",
         6, "unknown key 'go-live'"),
        ("release: R\ndate: 2019-11-07\nbase: '6.17'\nversion: '6.18'\nmodifcations: [a.yaml]\n",
         5, "unknown key 'modifcations'; did you mean 'modifications'?"),
        ("release: R\ndate: 2019-11-07\nbase: {version: '6.17', paht: b}\nversion: '6.18'\nmodifications: [a]\n",
         3, "unknown key 'base.paht'; did you mean 'path'?"),
        ("release: R\ndate: 2019-11-07\nversion: '6.18'\nmodifications: []\n", 1, "missing 'base:'"),
    ],
)  # fmt: skip
def test_a_manifest_written_wrong_says_where(tmp_path, text, line, problem):
    path = tmp_path / "release.yaml"
    path.write_text(text, encoding="utf-8")
    r = run_cli("release", path, "-o", tmp_path / "out")
    assert r.returncode == EXIT_CHANGESET
    assert f"{path}:{line}: {problem}" in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()


HEADER = 'modification: {mod}\ntitle: "Illustrative"\nbase: "6.17"\nauthor: SECAS\ndate: 2019-10-04\n{extra}changes:\n'
CHANGE = '  - in: G3.21\n    replace: "need not"\n    with: "shall not"\n'


@pytest.mark.parametrize("mod", ["MP087", "MP087A", "SECMP0046", "DIR001", "AV12"])
def test_every_source_of_change_has_an_identifier(mod):
    assert load_changeset_text(HEADER.format(mod=mod, extra="") + CHANGE, "x").modification == mod


@pytest.mark.parametrize(
    ("mod", "extra", "problem"),
    [
        ("mp087", "", "'modification' is an identifier such as MP087, MP087A or SECMP0046"),
        ("MP-087", "", "'modification' is an identifier such as"),
        ("DIR001", "kind: decree\n", "'kind' is one of modification, direction, variation, not 'decree'"),
    ],
)
def test_an_identifier_or_kind_that_is_none_is_refused(mod, extra, problem):
    with pytest.raises(ChangeSetError) as caught:
        load_changeset_text(HEADER.format(mod=mod, extra=extra) + CHANGE, "x")
    assert any(problem in m.text for m in caught.value.messages)


# --- the release folder ------------------------------------------------------------------------------------


def test_the_release_writes_the_fixed_names_and_the_consolidated_code(built):
    out = built / "out"
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == OUTPUTS
    expected = apply_changesets(read_sections(BASE).value, _changesets()).value
    for d in expected:
        name = f"{d.profile}-{d.section}.txt"
        assert (out / "consolidated" / name).read_text(encoding="utf-8") == render_text(d.with_version("6.18"))
    whole = read_code((out / "consolidated" / "sec.txt").read_text(encoding="utf-8"), "sec.txt").value
    assert [d.body for d in whole] == [d.body for d in expected]
    assert {d.version for d in whole} == {"6.18"}
    (word,) = read_sections(out / "consolidated" / "appendix-AD.docx").value
    assert word.body == expected[2].body


def test_the_release_notes_list_each_change_its_kind_and_the_document_log(built):
    md = (built / "out" / "release-notes.md").read_text(encoding="utf-8")
    assert "**Release notes** - go-live 7 November 2019 - SEC Version 6.17 to SEC Version 6.18" in md
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows[1:5] == [
        "| MP087 | modification | Correction to SEC Section G - User Responsibilities | G3.20(b) |",
        "| SECMP0046 | modification | Illustrative: notification of a manufacturer | G3.19 |",
        "| MP901A | modification | Illustrative: Service Request fields | A1.1 (new definition 'SMETS2+ Device'), "
        "Table 28a in AD 2.1 (1 row inserted) |",
        "| DIR001 | direction | Illustrative: a Secretary of State direction | A1.2, AD 2.2 |",
    ]
    assert rows[-3:] == [
        "| Section A 'Definitions and Interpretation' | 6.17 | 6.18 | MP901A, DIR001 |",
        "| Section G 'Security' | 6.17 | 6.18 | MP087, SECMP0046 |",
        "| Appendix AD 'DCC User Interface Specification' | 6.17 | 6.18 | MP901A, DIR001 |",
    ]
    html = (built / "out" / "release-notes.html").read_text(encoding="utf-8")
    assert "<td>DIR001</td><td>direction</td>" in html


def test_the_lock_holds_every_input_and_output(built):
    out = built / "out"
    lock = json.loads((out / "manifest.lock").read_text(encoding="utf-8"))
    assert lock["inputs"]["release.yaml"] == sha256(MANIFEST.read_bytes())
    assert lock["inputs"]["DIR001.changes.yaml"] == sha256((EXAMPLE / "DIR001.changes.yaml").read_bytes())
    assert lock["inputs"]["../mp900-multi/base/section-G.txt"] == sha256((BASE / "section-G.txt").read_bytes())
    assert lock["inputs"]["../mp087/mp087.changes.yaml"]
    for name, digest in lock["outputs"].items():
        assert sha256((out / name).read_bytes()) == digest, name
    assert sorted(lock["outputs"]) == [n for n in OUTPUTS if n != "manifest.lock"]


def test_a_rebuild_elsewhere_is_byte_identical_and_a_full_folder_needs_force(built, tmp_path):
    r = run_cli("release", MANIFEST, "-o", tmp_path / "again")
    assert r.returncode == EXIT_OK
    for name in OUTPUTS:
        assert (tmp_path / "again" / name).read_bytes() == (built / "out" / name).read_bytes(), name
    before = (tmp_path / "again" / "manifest.lock").stat().st_mtime_ns
    r = run_cli("release", MANIFEST, "-o", tmp_path / "again")
    assert r.returncode == EXIT_OUTPUT and "holds files already; give --force" in r.stderr
    assert (tmp_path / "again" / "manifest.lock").stat().st_mtime_ns == before
    assert run_cli("release", MANIFEST, "-o", tmp_path / "again", "--force").returncode == EXIT_OK


def test_two_changes_that_conflict_stop_the_release_with_nothing_written(tmp_path):
    folder = tmp_path / "conflict"
    folder.mkdir()
    (folder / "a.yaml").write_text(HEADER.format(mod="MP905", extra="") + CHANGE, encoding="utf-8")
    other = '  - in: G3.21\n    replace: "need not be required"\n    with: "is not required"\n'
    (folder / "b.yaml").write_text(HEADER.format(mod="MP906", extra="") + other, encoding="utf-8")
    manifest = folder / "release.yaml"
    manifest.write_text(
        f"release: R\ndate: 2019-11-07\nbase: {{version: '6.17', path: {BASE}}}\nversion: '6.18'\n"
        "modifications: [a.yaml, b.yaml]\n",
        encoding="utf-8",
    )
    r = run_cli("release", manifest, "-o", tmp_path / "out")
    assert r.returncode == EXIT_CHANGESET
    assert "G3.21: conflicts with MP905" in r.stderr and "b.yaml:" in r.stderr
    assert not (tmp_path / "out").exists()


def test_progress_is_plain_lines_where_no_terminal_watches(tmp_path):
    r = run_cli("release", MANIFEST, "-o", tmp_path / "out")
    steps = [line for line in r.stderr.splitlines() if line.startswith("release: ")]
    assert r.stdout == ""  # progress is no result: standard error, with the "wrote" lines
    assert steps[0] == "release: reading the base and the change sets" and len(steps) == 7
    assert all(line.startswith(("release: ", "wrote ")) for line in r.stderr.splitlines()), r.stderr


@requires_libreoffice
@pytest.mark.libreoffice
def test_libreoffice_sees_each_modification_as_its_own_author(built):
    (view,) = lo_read("lo_revisions.py", built / "out" / "release-redline.docx")
    dates = {cs.modification: cs.date.isoformat() for cs in _changesets()}
    seen = {(r["author"], r["date"]) for r in view["revisions"]}
    assert seen == {(f"SECAS ({m})", d) for m, d in dates.items()}
    # Accept all: the consolidated documents; reject all: the base (every document the release changes).
    expected = apply_changesets(read_sections(BASE).value, _changesets()).value
    accepted = normalise_ws(" ".join(view["accept_all"]).replace("\t", " "))
    rejected = normalise_ws(" ".join(view["reject_all"]).replace("\t", " "))
    for new, old in zip(expected, read_sections(BASE).value, strict=True):
        for c in new.body:
            if hasattr(c, "ref"):
                assert normalise_ws(clause_plain_text(c)) in accepted, c.ref
        for c in old.body:
            if hasattr(c, "ref"):
                assert normalise_ws(clause_plain_text(c)) in rejected, c.ref
    g320 = next(c for c in expected[1].body if hasattr(c, "ref") and str(c.ref) == "G3.20")
    assert normalise_ws(clause_plain_text(g320)) not in rejected  # MP087's words are gone
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]


REVISION_ELEMENTS = (
    "ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart", "rPrChange", "pPrChange",
    "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "cellIns", "cellDel", "cellMerge",
)  # fmt: skip


def test_every_revision_of_the_release_redline_names_its_modification_and_its_date(built):
    """Every revision element, of any kind (text, paragraph marks, moves, table rows in ``w:trPr``), carries
    the author "SECAS (MODIFICATION)" and that change set's date: Word's reviewing pane filtered by
    modification shows all of its changes and nothing else."""
    from lxml import etree

    from legal_text.ooxml import w

    dates = {f"SECAS ({cs.modification})": f"{cs.date.isoformat()}T00:00:00Z" for cs in _changesets()}
    with zipfile.ZipFile(built / "out" / "release-redline.docx") as z:
        root = etree.fromstring(z.read("word/document.xml"))
    marks = [el for name in REVISION_ELEMENTS for el in root.iter(w(name))]
    assert len(marks) >= 10
    kinds = {etree.QName(el).localname for el in marks}
    assert {"ins", "del"} <= kinds
    assert any(etree.QName(el.getparent()).localname == "trPr" for el in marks), "a table row's own revision"
    for el in marks:
        author = el.get(w("author"))
        assert author in dates, (etree.QName(el).localname, author)
        assert el.get(w("date")) == dates[author], (etree.QName(el).localname, author)


@requires_libreoffice
@pytest.mark.libreoffice
def test_accepting_one_modification_gives_the_base_with_only_its_change_set(built):
    """LibreOffice accepts the revisions whose author names one modification and rejects all others (one
    at a time, as a reviewer does): the text left is the base with exactly that change set applied, in
    every document the release shows."""
    changesets = _changesets()
    base = read_sections(BASE).value
    final = apply_changesets(base, changesets).value
    authors = [f"SECAS ({cs.modification})" for cs in changesets]
    done = subprocess.run(
        ["/usr/bin/python3", str(TOOLS / "lo_accept_author.py"), str(built / "out" / "release-redline.docx"), *authors],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    views = [json.loads(line) for line in done.stdout.splitlines()]
    assert [v["author"] for v in views] == authors
    shown = {d.identity for d in final if d.body != next(b for b in base if b.identity == d.identity).body}
    for cs, view in zip(changesets, views, strict=True):
        assert not view["remaining"]
        text = normalise_ws(" ".join(view["text"]).replace("\t", " "))
        mine = apply_changesets(base, [cs]).value
        checked = 0
        for doc, other in zip(mine, final, strict=True):
            if doc.identity not in shown:
                continue
            for c, f in zip(_provisions(doc), _provisions(other), strict=True):
                words = normalise_ws(clause_plain_text(c))
                assert words in text, (cs.modification, c.ref)
                if normalise_ws(clause_plain_text(f)) != words:  # another change set's change: not accepted
                    assert normalise_ws(clause_plain_text(f)) not in text, (cs.modification, f.ref)
                checked += 1
        assert checked >= 10, cs.modification


def _provisions(doc):
    """A document's top-level provisions, tables left out (their cells are paragraphs of their own)."""
    return [c for c in doc.body if hasattr(c, "ref") and c.kind != "table"]


def test_every_word_file_of_the_release_validates(built):
    directory = schema_dir()
    for docx in sorted((built / "out").rglob("*.docx")):
        assert "word/document.xml" in zipfile.ZipFile(docx).namelist()
        assert validate_package(docx, directory) == [], docx


# --- the version store -------------------------------------------------------------------------------------


def test_history_shows_each_step_with_the_modification(built):
    store = built / "store.sqlite"
    r = run_cli("history", "G3.20(b)", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout.splitlines() == [
        "SEC 6.17: earliest version stored (nothing earlier to compare with)",
        "    (b) (where applicable) any Smart Metering System (excluding a Communications Hub Function or Gas "
        "Proxy Function) for which it is the Responsible Supplier,",
        "SEC 6.18 (2019-11-07): changed by MP087",
        "    (b) (where applicable) any Smart Metering System (excluding a Communications Hub Function or Gas "
        "Proxy Function which forms part of a SMETS2+ Device) for which it is the Responsible Supplier,",
    ]
    r = run_cli("history", "AD 2.2", "--store", store)
    assert "SEC 6.18 (2019-11-07): changed by DIR001" in r.stdout
    r = run_cli("history", "G3.99", "--store", store)
    assert r.returncode == EXIT_INPUT and "G3.99: no version in the store has this provision" in r.stderr
    # A reference mistyped (letter O for zero, a paragraph that is not there) names the nearest there is.
    r = run_cli("history", "G3.2O(b)", "--store", store)
    assert r.stderr.endswith("G3.2O(b): no version in the store has this provision; nearest: G3.20(b)\n"), r.stderr
    r = run_cli("show", "G3.20(z)", "--version", "6.18", "--store", store)
    assert r.stderr.endswith("G3.20(z): SEC 6.18 has no such provision; nearest: G3.20(b)\n"), r.stderr


def test_show_list_and_diff_read_versions_from_the_store(built, tmp_path):
    store = built / "store.sqlite"
    r = run_cli("show", "AD 2.2", "--version", "6.17", "--store", store)
    assert r.stdout.strip() == "2.2 The DCC shall reject a Service Request that lacks a mandatory field (illustrative)."
    r = run_cli("store", "list", "--store", store)
    assert r.stdout.splitlines() == ["6.17", "6.18  2019-11-07  from 6.17  Illustrative November 2019 SEC Release"]
    r = run_cli("diff", "--from-version", "6.17", "--to-version", "6.18", "--store", store)
    assert r.stdout.splitlines()[-1] == "5 amended, 1 inserted, 0 deleted (clauses and paragraphs)."
    r = run_cli("diff", "--from-version", "6.17", "--to-version", "6.99", "--store", store)
    assert r.returncode == EXIT_INPUT and "holds no version 6.99 (it holds: 6.17, 6.18)" in r.stderr
    r = run_cli("diff", "--from-version", "6.17", "--store", store)
    assert r.returncode == 2
    r = run_cli("history", "G3.20", "--store", tmp_path / "none.sqlite")
    assert r.returncode == EXIT_INPUT and "no such version store" in r.stderr


def test_store_add_imports_a_version_once_and_a_release_can_start_from_it(tmp_path):
    store = tmp_path / "s.sqlite"
    r = run_cli("store", "add", "6.17", BASE, "--store", store)
    assert r.returncode == EXIT_OK and r.stdout == "" and r.stderr.startswith("stored SEC 6.17: 3 document(s)")
    r = run_cli("store", "add", "6.17", BASE, "--store", store)
    assert r.returncode == EXIT_OUTPUT and "already holds version 6.17" in r.stderr
    r = run_cli("store", "add", "6.16", BASE, "--store", store)
    assert r.returncode == EXIT_INPUT and "is SEC 6.17, not 6.16" in r.stderr
    folder = tmp_path / "rel"
    shutil.copytree(EXAMPLE, folder)
    shutil.copytree(ROOT / "examples" / "mp087", tmp_path / "mp087")
    text = (folder / "release.yaml").read_text(encoding="utf-8")
    (folder / "release.yaml").write_text(
        text.replace('base:\n  version: "6.17"\n  path: ../mp900-multi/base\n', 'base: "6.17"\n'), encoding="utf-8"
    )
    r = run_cli("release", folder / "release.yaml", "-o", tmp_path / "out", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    with Store(store) as st:
        assert [v[0] for v in st.versions()] == ["6.17", "6.18"]
        assert [d.identity for d in st.documents("6.18")] == [("section", "A"), ("section", "G"), ("appendix", "AD")]


# --- pending changes -------------------------------------------------------------------------------------


def test_a_draft_touching_what_a_pending_modification_changes_is_warned(tmp_path):
    draft = tmp_path / "MP104.yaml"
    change = '  - in: G3.20(b)\n    replace: "Responsible Supplier"\n    with: "Supplier (illustrative)"\n'
    draft.write_text(HEADER.format(mod="MP104", extra="") + change + CHANGE, encoding="utf-8")
    r = run_cli("apply", BASE, draft, "-o", tmp_path / "out", "--pending", MANIFEST)
    assert r.returncode == EXIT_OK
    (warning,) = [line for line in r.stderr.splitlines() if "warning" in line]
    assert warning == (
        f"{draft}:7: warning: G3.20(b): MP087 'Correction to SEC Section G - User Responsibilities', approved for "
        "the Illustrative November 2019 SEC Release (SEC 6.18) and not yet released, also changes G3.20(b); "
        "draft against the text as it will be in force"
    )
    r = run_cli("redline", BASE, draft, "-o", tmp_path / "annex", "--no-pdf", "--pending", MANIFEST, "--strict")
    assert r.returncode == EXIT_STRICT and not (tmp_path / "annex").exists()
    r = run_cli("apply", BASE, draft, "-o", tmp_path / "quiet")
    assert "warning" not in r.stderr


def test_a_pending_release_the_store_holds_is_released_and_left_out(built, tmp_path):
    """With --store, a --pending manifest whose version the store holds (the release was built into it) is
    no longer pending: said on stdout, no warning, --strict passes; a store that is not there is one line."""
    draft = tmp_path / "MP104.yaml"
    change = '  - in: G3.20(b)\n    replace: "Responsible Supplier"\n    with: "Supplier (illustrative)"\n'
    draft.write_text(HEADER.format(mod="MP104", extra="") + change + CHANGE, encoding="utf-8")
    store = built / "store.sqlite"
    args = ("--pending", MANIFEST, "--store", store, "--strict")
    r = run_cli("redline", BASE, draft, "-o", tmp_path / "annex", "--no-pdf", *args)
    assert r.returncode == EXIT_OK, r.stderr
    assert f"pending: {MANIFEST}: SEC 6.18 is in {store}, so released; not pending" in r.stderr.splitlines()
    assert r.stdout == ""  # a note, not a result
    assert "warning" not in r.stderr
    r = run_cli("apply", BASE, draft, "-o", tmp_path / "out", "--pending", MANIFEST, "--store", tmp_path / "none")
    assert r.returncode == EXIT_INPUT and "no such version store" in r.stderr and not (tmp_path / "out").exists()


def test_a_database_that_is_no_version_store_is_read_only_and_left_as_it_was(tmp_path):
    """A command that only reads the store opens it read-only: another program's SQLite file named by mistake
    is one line (exit 3) and not a byte of it changes (no tables of ours added)."""
    import sqlite3

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE readings (meter TEXT, kwh REAL)")
    before = other.read_bytes()
    for args in (("history", "G3.20(b)"), ("store", "list"), ("show", "G3.20(b)", "--version", "6.17")):
        r = run_cli(*args, "--store", other)
        assert r.returncode == EXIT_INPUT and "is not a version store sec-redline can read" in r.stderr, r.stderr
    assert other.read_bytes() == before


def test_history_follows_a_provision_through_successive_releases(built, tmp_path):
    """A second release, from SEC 6.18 as the store holds it, changes G3.20(b) again: history shows the
    three steps and who made each."""
    store = tmp_path / "store.sqlite"
    shutil.copy(built / "store.sqlite", store)
    change = '  - in: G3.20(b)\n    replace: "Responsible Supplier"\n    with: "Supplier (illustrative)"\n'
    (tmp_path / "MP907.yaml").write_text(
        HEADER.format(mod="MP907", extra="").replace('base: "6.17"', 'base: "6.18"') + change, encoding="utf-8"
    )
    (tmp_path / "next.yaml").write_text(
        "release: Illustrative next release\ndate: 2020-02-27\nbase: '6.18'\nversion: '6.19'\n"
        "modifications: [MP907.yaml]\n",
        encoding="utf-8",
    )
    r = run_cli("release", tmp_path / "next.yaml", "-o", tmp_path / "out", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    r = run_cli("history", "G3.20(b)", "--store", store)
    steps = [line for line in r.stdout.splitlines() if line.startswith("SEC ")]
    assert steps == [
        "SEC 6.17: earliest version stored (nothing earlier to compare with)",
        "SEC 6.18 (2019-11-07): changed by MP087",
        "SEC 6.19 (2020-02-27): changed by MP907",
    ]
    assert r.stdout.splitlines()[-1].endswith("for which it is the Supplier (illustrative),")
    r = run_cli("history", "G3.21", "--store", store)
    assert [line for line in r.stdout.splitlines() if line.startswith("SEC ")] == [
        "SEC 6.17: earliest version stored (nothing earlier to compare with)",
        "SEC 6.18 (2019-11-07): same",
        "SEC 6.19 (2020-02-27): same",
    ]


@pytest.mark.browser
def test_the_release_pages_in_a_browser_name_each_change(built):
    """Chromium loads the release redline and notes: each mark names its modification, and the notes'
    tables are there as a reader sees them."""
    from tests.support import requires_chromium
    from tests.tools.browser import chromium, drive

    if chromium() is None:
        pytest.skip(requires_chromium.kwargs["reason"])
    marks = drive(
        built / "out" / "release-redline.html",
        """return Array.prototype.map.call(doc.querySelectorAll("ins[title], del[title]"),
                   function (m) { return m.tagName.toLowerCase() + " " + m.title; });""",
    )
    assert sorted(set(marks)) == [
        "del DIR001",
        "del SECMP0046",
        "ins DIR001",
        "ins MP087",
        "ins MP901A",
        "ins SECMP0046",
    ]
    rows = drive(
        built / "out" / "release-notes.html",
        """return Array.prototype.map.call(doc.querySelectorAll("table")[0].rows,
                   function (r) { return r.cells[0].textContent + " " + r.cells[1].textContent; });""",
    )
    assert rows == ["Change Kind", "MP087 modification", "SECMP0046 modification", "MP901A modification",
                    "DIR001 direction"]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "old", "new", "amended", "said"),
    [
        ("amended", "G3.20(b)", "G3.20(b)", False, "G3.20(b)"),
        ("inserted", None, "G3.20A", False, "G3.20A (new)"),
        ("deleted", "G3.22", None, False, "G3.22 (deleted)"),
        ("renumbered", "G3.20", "G3.21", False, "G3.20 (renumbered as G3.21)"),
        ("moved", "G3.20", "G4.2", True, "G3.20 (moved to G4.2 and amended)"),
        ("inserted", None, 'A1.1["SMETS2+ Device"]', False, "A1.1 (new definition 'SMETS2+ Device')"),
        ("amended", 'A1.1["DCC"]', 'A1.1["DCC"]', False, "A1.1 (definition 'DCC')"),
        ("deleted", 'A1.1["DCC"]', None, False, "A1.1 (definition 'DCC' deleted)"),
        ("inserted", None, 'A1.1["DCC"](b)', False, "A1.1 (definition 'DCC', paragraph (b) new)"),
        ("amended", "AD 2.2", "AD 2.2", False, "AD 2.2"),
    ],
)
def test_the_notes_name_what_changed_as_a_reader_writes_it(kind, old, new, amended, said):
    """ "Clauses changed" never shows the internal form of a reference (A1.1["SMETS2+ Device"])."""
    from legal_text import ClauseRef
    from legal_text.events import DiffEvent
    from sec_redline.release.build import as_read

    ref = ClauseRef.parse
    ev = DiffEvent(kind, "A", ref(old) if old else None, ref(new) if new else None, amended=amended)
    assert as_read(ev) == said
