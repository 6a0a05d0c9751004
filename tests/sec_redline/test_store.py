"""The version store (sec_redline/store.py) through real releases: what each release records of what it
changed (each event and its modification, deletions, renumberings and moves included, and each
modification's kind), `history` saying it, a document read alone, what a version changed from its base, and
a store written before these were recorded, still read as it was and recording them once written again.

The release here is ILLUSTRATIVE (not real modifications or variations) on examples/mp900-multi/base (Section G
is the real SEC 6.17 text): MP960 removes G3.19, renumbers G3.18 as G3.18A and moves G3.21 after G3.17 as
G3.17A; VAR001, a variation, amends G3.20(b)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from legal_text import ClauseRef
from sec_redline.errors import EXIT_OK, InputError
from sec_redline.store import Event, Store
from sec_redline.versions import EARLIEST
from tests.support import ROOT, run_cli

FIRST_LINE = f"SEC 6.17: {EARLIEST}"  # the earliest version held: nothing before it to compare with
BASE = ROOT / "examples" / "mp900-multi" / "base"
EXAMPLE = ROOT / "examples" / "release" / "release.yaml"

MP960 = """# ILLUSTRATIVE: not a real modification.
modification: MP960
title: "Illustrative: remove, renumber and move"
base: "6.17"
author: SECAS
date: 2019-10-01
changes:
  - remove: G3.19
  - renumber: G3.18
    to: G3.18A
  - move: G3.21
    after: G3.17
    to: G3.17A
"""
VAR001 = """# ILLUSTRATIVE: not a real variation.
modification: VAR001
kind: variation
title: "Illustrative: a variation"
base: "6.17"
author: SECAS
date: 2019-10-01
changes:
  - in: G3.20(b)
    replace: "Responsible Supplier"
    with: "Supplier (illustrative)"
"""
# ILLUSTRATIVE: a second release on the first, amending G3.20(a) (its words are the seed's, plus these).
MP961 = """# ILLUSTRATIVE: not a real modification.
modification: MP961
title: "Illustrative: a later change"
base: "6.18"
author: SECAS
date: 2020-01-15
changes:
  - in: G3.20(a)
    replace: "the manufacturers"
    with: "the manufacturers (illustrative)"
"""


def release_into(folder: Path, store: Path, name: str, text: str, changes: dict[str, str]) -> None:
    for file, body in changes.items():
        (folder / file).write_text(body, encoding="utf-8")
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    r = run_cli("release", folder / f"{name}.yaml", "-o", folder / name, "--store", store)
    assert r.returncode == EXIT_OK, r.stderr


FIRST = (
    f'release: "Illustrative release"\ndate: 2019-11-07\nbase:\n  version: "6.17"\n  path: {BASE}\n'
    'version: "6.18"\nauthor: SECAS\nmodifications:\n  - MP960.yaml\n  - VAR001.yaml\n'
)
SECOND = (
    'release: "Illustrative later release"\ndate: 2020-03-01\nbase: "6.18"\nversion: "6.19"\nauthor: SECAS\n'
    "modifications:\n  - MP961.yaml\n"
)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store holding SEC 6.17 and the illustrative release's SEC 6.18."""
    folder = tmp_path_factory.mktemp("store")
    store = folder / "store.sqlite"
    release_into(folder, store, "r618", FIRST, {"MP960.yaml": MP960, "VAR001.yaml": VAR001})
    return store


def _steps(store: Path, ref: str) -> list[str]:
    r = run_cli("history", ref, "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    return [line for line in r.stdout.splitlines() if line.startswith("SEC ")]


@pytest.mark.parametrize(
    ("ref", "step"),
    [
        ("G3.19", "deleted by MP960"),
        ("G3.18", "renumbered as G3.18A by MP960"),
        ("G3.18(a)", "renumbered as G3.18A(a) by MP960"),  # a paragraph goes with its provision
        ("G3.18A(a)", "renumbered from G3.18(a) by MP960"),
        ("G3.21", "moved to G3.17A by MP960"),
        ("G3.17A", "moved from G3.21 by MP960"),
        ("G3.20(b)", "changed by VAR001 (variation)"),
        ("G3.20", "changed by VAR001 (variation)"),  # its paragraph (b) changed
    ],
)
def test_history_says_how_each_provision_changed_and_by_which_modification_of_which_kind(released, ref, step):
    first = "SEC 6.17: absent" if ref in ("G3.18A(a)", "G3.17A") else FIRST_LINE
    assert _steps(released, ref) == [first, f"SEC 6.18 (2019-11-07): {step}"]


def test_a_direction_is_named_as_one_and_a_modification_as_before(tmp_path):
    store = tmp_path / "store.sqlite"
    r = run_cli("release", EXAMPLE, "-o", tmp_path / "out", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    assert _steps(store, "AD 2.2") == [FIRST_LINE, "SEC 6.18 (2019-11-07): changed by DIR001 (direction)"]
    assert _steps(store, "G3.20(b)") == [FIRST_LINE, "SEC 6.18 (2019-11-07): changed by MP087"]
    with Store(store, create=False) as st:
        (entry,) = [e for e in st.history(ClauseRef.parse("AD 2.2")) if e.changed]
        assert (entry.modification, entry.modification_kind, entry.event) == ("DIR001", "direction", "amended")


def test_the_store_records_what_the_release_changed_as_its_change_ledger_gave_it(released):
    with Store(released, create=False) as st:
        assert st.events("6.18") == [
            Event("renumbered", "G3.18", "G3.18A", "MP960"),
            Event("deleted", "G3.19", "", "MP960"),
            Event("amended", "G3.20(b)", "G3.20(b)", "VAR001"),
            Event("moved", "G3.21", "G3.17A", "MP960"),
        ]
        assert st.events("6.17") is None  # the base, imported whole: nothing recorded
        changes = st.changes("6.18")
        assert {r: changes[r] for r in ("G3.19", "G3.18", "G3.18A", "G3.21", "G3.17A")} == dict.fromkeys(
            ("G3.19", "G3.18", "G3.18A", "G3.21", "G3.17A"), "MP960"
        )
        assert changes["G3.20(b)"] == changes["G3.20"] == "VAR001"
        assert changes["G3.17"] == "MP960"  # its "Section G3.18" follows the renumbering
        assert "G3.20(a)" not in changes and "A1.1" not in changes
        assert st.changes("6.17") == {}
        entry = next(e for e in st.history(ClauseRef.parse("G3.18A(a)")) if e.version == "6.18")
        assert (entry.event, entry.came_from, entry.went_to) == ("renumbered", "G3.18(a)", "")


def test_changes_are_what_differs_from_the_base_when_a_version_was_recorded_whole(released, tmp_path):
    store = tmp_path / "store.sqlite"
    shutil.copyfile(released, store)
    with Store(store) as st:
        docs = st.documents("6.18")
        st.add_version("6.19", docs, base="6.18")  # every provision recorded, none of them changed
        assert st.changes("6.19") == {} and st.events("6.19") is None


def test_a_document_is_read_alone_as_the_whole_version_gives_it(released):
    with Store(released, create=False) as st:
        assert st.stems("6.18") == ["section-A", "section-G", "appendix-AD"]
        whole = st.documents("6.18")
        for stem, doc in zip(st.stems("6.18"), whole, strict=True):
            assert st.document("6.18", stem) == doc
        assert st.document("6.18", "section-Z") is None
        with pytest.raises(InputError, match=re.escape("holds no version 9.99 (it holds: 6.17, 6.18)")):
            st.document("9.99", "section-G")


def _as_an_earlier_store_wrote_it(store: Path) -> None:
    """``store`` as sec-redline wrote it before releases recorded what they changed: no ``events`` nor
    ``modifications`` table, and no modification on a provision's row where the provision went."""
    db = sqlite3.connect(store)
    with db:
        db.execute("DROP TABLE events")
        db.execute("DROP TABLE modifications")
        db.execute("UPDATE provisions SET modification = '' WHERE text_hash = ''")
    db.close()


def test_an_earlier_store_is_read_as_it_was_and_records_what_the_next_release_changed(released, tmp_path):
    store = tmp_path / "store.sqlite"
    shutil.copyfile(released, store)
    _as_an_earlier_store_wrote_it(store)
    assert _steps(store, "G3.19") == [FIRST_LINE, "SEC 6.18 (2019-11-07): deleted"]
    assert _steps(store, "G3.20(b)") == [FIRST_LINE, "SEC 6.18 (2019-11-07): changed by VAR001"]
    with Store(store, create=False) as st:
        assert st.events("6.18") is None
        assert [(e.event, e.modification_kind) for e in st.history(ClauseRef.parse("G3.18")) if e.changed] == [("", "")]
    # the next release writes the store: the tables are made, and what it changed recorded
    release_into(tmp_path, store, "r619", SECOND, {"MP961.yaml": MP961})
    with Store(store, create=False) as st:
        assert st.events("6.18") is None
        assert st.events("6.19") == [Event("amended", "G3.20(a)", "G3.20(a)", "MP961")]
    assert _steps(store, "G3.20(a)") == [
        FIRST_LINE,
        "SEC 6.18 (2019-11-07): same",
        "SEC 6.19 (2020-03-01): changed by MP961",
    ]


def test_a_version_replaced_keeps_nothing_its_release_recorded(released, tmp_path):
    store = tmp_path / "store.sqlite"
    shutil.copyfile(released, store)
    r = run_cli("store", "add", "6.18", released.parent / "r618" / "consolidated" / "sec.txt", "--store", store,
                "--replace")  # fmt: skip
    assert r.returncode == EXIT_OK, r.stderr
    with Store(store, create=False) as st:
        assert st.events("6.18") is None and st.implemented("6.18") == []
    assert _steps(store, "G3.20(b)") == [FIRST_LINE, "SEC 6.18: changed"]


def test_a_release_whose_changes_cannot_be_recorded_writes_nothing(tmp_path, monkeypatch):
    """Recording what the release changed is part of the one transaction its folder is written with: when
    it fails (here: after its events were written, as a full disk would), neither the folder nor the
    version nor any of what it recorded is left, and the store is as it was (its new tables not made)."""
    from sec_redline.errors import EXIT_OUTPUT, OutputError

    store = tmp_path / "store.sqlite"
    r = run_cli("store", "add", "6.17", BASE, "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    _as_an_earlier_store_wrote_it(store)  # without the tables: they would be made by this write
    real = Store.record_changes

    def failing(self: Store, *args: object) -> None:
        real(self, *args)  # type: ignore[arg-type]
        assert self.events("6.18")  # written, inside the transaction
        raise OutputError(f"{self.path}: database or disk is full")

    monkeypatch.setattr(Store, "record_changes", failing)
    for file, body in {"MP960.yaml": MP960, "VAR001.yaml": VAR001}.items():
        (tmp_path / file).write_text(body, encoding="utf-8")
    (tmp_path / "r618.yaml").write_text(FIRST, encoding="utf-8")
    r = run_cli("release", tmp_path / "r618.yaml", "-o", tmp_path / "r618", "--store", store)
    assert r.returncode == EXIT_OUTPUT and "database or disk is full" in r.stderr
    assert not (tmp_path / "r618").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MP960.yaml", "VAR001.yaml", "r618.yaml", "store.sqlite"]
    with Store(store, create=False) as st:
        assert [v[0] for v in st.versions()] == ["6.17"]
    db = sqlite3.connect(store)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert not tables & {"events", "modifications"}


def test_a_redline_is_not_taken_for_a_version(tmp_path):
    """An Annex A in Word (tracked changes: two texts) is refused as a version, with one line and nothing
    stored; the amended text in Word, one text, is taken."""
    from sec_redline.errors import EXIT_INPUT
    from tests.support import BASE, CHANGES

    r = run_cli("redline", BASE, CHANGES, "--no-pdf", "-o", tmp_path / "annex")
    assert r.returncode == EXIT_OK, r.stderr
    store = tmp_path / "versions.sqlite"
    r = run_cli("store", "add", "6.18", tmp_path / "annex" / "annex-a.docx", "--store", store)
    assert r.returncode == EXIT_INPUT, r.stderr
    assert r.stderr == (
        f"sec-redline: error: {tmp_path / 'annex' / 'annex-a.docx'}: holds tracked changes, so it is a redline, "
        "not a version of the code; accept or reject them in Word, or give the consolidated text (a release's "
        "consolidated/)\n"
    )
    assert not store.exists()
    # Nor through standard input, nor in a folder whatever the case of its name.
    import subprocess
    import sys

    piped = subprocess.run(
        [sys.executable, "-m", "sec_redline", "store", "add", "6.18", "-", "--store", str(store)],
        input=(tmp_path / "annex" / "annex-a.docx").read_bytes(), capture_output=True,
    )  # fmt: skip
    assert piped.returncode == EXIT_INPUT and b"-: holds tracked changes" in piped.stderr
    (tmp_path / "folder").mkdir()
    shutil.copyfile(tmp_path / "annex" / "annex-a.docx", tmp_path / "folder" / "SECTION-G.DOCX")
    r = run_cli("store", "add", "6.18", tmp_path / "folder", "--store", store)
    assert r.returncode == EXIT_INPUT and "holds tracked changes" in r.stderr
    assert not store.exists()
    r = run_cli("apply", BASE, CHANGES, "-o", tmp_path / "amended.docx", "--version", "6.18")
    assert r.returncode == EXIT_OK, r.stderr
    r = run_cli("store", "add", "6.18", tmp_path / "amended.docx", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    assert "stored SEC 6.18" in r.stdout + r.stderr


def test_an_inserted_provision_is_said_inserted_as_the_web_view_says_it(tmp_path):
    """The release recorded G3.20A as inserted: `history` says "inserted by MP962", as serve's page does."""
    mp962 = (
        '# ILLUSTRATIVE: not a real modification.\nmodification: MP962\ntitle: "Illustrative: a new clause"\n'
        'base: "6.17"\nauthor: SECAS\ndate: 2019-10-01\nchanges:\n  - add: G3.20A\n    after: G3.20\n'
        "    text: Each User shall keep an illustrative record.\n"
    )
    manifest = FIRST.replace("  - MP960.yaml\n  - VAR001.yaml\n", "  - MP962.yaml\n")
    release_into(tmp_path, tmp_path / "store.sqlite", "r618", manifest, {"MP962.yaml": mp962})
    steps = _steps(tmp_path / "store.sqlite", "G3.20A")
    assert steps[-1] == "SEC 6.18 (2019-11-07): inserted by MP962", steps


def test_a_provision_renumbered_and_amended_is_said_so(tmp_path):
    """G3.18 renumbered as G3.18A with its words amended in the same change set: history says "and amended"
    on both sides, the web view's history page and JSON too; its paragraph (a), moved with it and not
    amended, is renumbered only."""
    from sec_redline.serve import create_app

    mp963 = (
        '# ILLUSTRATIVE: not a real modification.\nmodification: MP963\ntitle: "Illustrative: renumber and amend"\n'
        'base: "6.17"\nauthor: SECAS\ndate: 2019-10-01\nchanges:\n  - renumber: G3.18\n    to: G3.18A\n'
        '  - in: G3.18A\n    after: "requirements"\n    insert: "(illustrative)"\n'
    )
    manifest = FIRST.replace("  - MP960.yaml\n  - VAR001.yaml\n", "  - MP963.yaml\n")
    store = tmp_path / "store.sqlite"
    release_into(tmp_path, store, "r618", manifest, {"MP963.yaml": mp963})
    assert _steps(store, "G3.18")[-1] == "SEC 6.18 (2019-11-07): renumbered as G3.18A and amended by MP963"
    assert _steps(store, "G3.18A")[-1] == "SEC 6.18 (2019-11-07): renumbered from G3.18 and amended by MP963"
    assert _steps(store, "G3.18A(a)")[-1] == "SEC 6.18 (2019-11-07): renumbered from G3.18(a) by MP963"
    client = create_app(store).test_client()
    page = client.get("/history/G3.18A").get_data(as_text=True)
    assert 'from <a href="/history/G3.18">G3.18</a> and amended in' in page
    changes = client.get("/history/G3.18A?format=json").get_json()["changes"]
    assert changes[-1]["kind"] == "renumbered" and changes[-1]["and_amended"] is True
