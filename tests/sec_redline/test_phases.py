"""Phased implementation (issue 30): a release may implement part of a modification, by document.

examples/release-phased releases the illustrative MP900 (examples/mp900-multi) in two parts (its Appendix
AD text first, then Section A and Section G) and, for comparison, whole in one release.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sec_redline.errors import EXIT_CHANGESET, EXIT_OK
from sec_redline.store import Implemented, Store
from tests.support import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "release-phased"
MP900 = ROOT / "examples" / "mp900-multi" / "mp900.changes.yaml"
BASE = ROOT / "examples" / "mp900-multi" / "base"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def phased(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("phased")
    for name, out in (("part-1.yaml", "r1"), ("part-2.yaml", "r2")):
        r = run_cli("release", EXAMPLE / name, "-o", top / out, "--store", top / "store.sqlite")
        assert r.returncode == EXIT_OK, r.stderr
    r = run_cli("release", EXAMPLE / "whole.yaml", "-o", top / "whole")
    assert r.returncode == EXIT_OK, r.stderr
    return top


def test_two_parts_give_the_consolidated_text_of_the_whole_byte_for_byte(phased):
    parts, whole = _files(phased / "r2" / "consolidated"), _files(phased / "whole" / "consolidated")
    assert sorted(parts) == sorted(whole) == [
        "appendix-AD.docx", "appendix-AD.txt", "sec.txt", "section-A.docx", "section-A.txt", "section-G.docx",
        "section-G.txt",
    ]  # fmt: skip
    assert parts == whole
    # ... and the first part changed Appendix AD alone.
    first = _files(phased / "r1" / "consolidated")
    base = {p.name: p.read_text(encoding="utf-8") for p in BASE.iterdir()}
    for name in ("section-A.txt", "section-G.txt"):
        assert first[name].decode("utf-8").replace("SEC Version 6.18", "SEC Version 6.17") == base[name]
    assert first["appendix-AD.txt"] != base["appendix-AD.txt"].encode("utf-8")


def test_history_credits_each_change_to_the_modification_and_its_part(phased):
    store = phased / "store.sqlite"
    g = run_cli("history", "G3.20", "--store", store)
    assert g.returncode == EXIT_OK, g.stderr
    assert re.findall(r"^SEC [\d.]+.*$", g.stdout, re.M) == [
        "SEC 6.17: earliest version stored (nothing earlier to compare with)",
        "SEC 6.18 (2024-06-27): same",
        "SEC 6.19 (2024-11-07): changed by MP900 (part 2)",
    ]
    ad = run_cli("history", "AD 1.2", "--store", store)
    assert "SEC 6.18 (2024-06-27): changed by MP900 (part 1)" in ad.stdout
    with Store(store, create=False) as st:
        assert st.implemented("6.18") == [Implemented("MP900", 1, 2, ("Appendix AD",))]
        assert st.implemented("6.19") == [Implemented("MP900", 2, 2, ("Section A", "Section G"))]


def test_the_release_notes_name_the_part_and_what_is_still_to_come(phased):
    first = (phased / "r1" / "release-notes.md").read_text(encoding="utf-8")
    assert "| MP900 (part 1 of 2) | modification |" in first
    assert "Implemented in part: still to come in a later release, part 2 of 2 of MP900." in first
    second = (phased / "r2" / "release-notes.md").read_text(encoding="utf-8")
    assert "| MP900 (part 2 of 2) | modification |" in second
    assert "MP900 is implemented in full: part 1 in SEC 6.18, part 2 in SEC 6.19." in second
    assert "still to come" not in second
    html = (phased / "r1" / "release-notes.html").read_text(encoding="utf-8")
    assert "<td>MP900 (part 1 of 2)</td>" in html and "part 2 of 2 of MP900" in html


def test_each_part_is_tracked_under_its_own_author(phased):
    import zipfile

    for folder, author in (("r1", "SECAS (MP900 part 1)"), ("r2", "SECAS (MP900 part 2)")):
        xml = zipfile.ZipFile(phased / folder / "release-redline.docx").read("word/document.xml").decode()
        assert set(re.findall(r'w:author="([^"]*)"', xml)) == {author}


# --- what does not fit: one line naming the file and line, exit 4, nothing written --------------------------


def _manifest(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.replace("MP900_FILE", str(MP900)).replace("BASE_DIR", str(BASE)), encoding="utf-8")
    return path


HEAD = """release: "Illustrative release"
date: 2024-06-27
base:
  version: "6.17"
  path: BASE_DIR
version: "6.18"
modifications:
"""


@pytest.mark.parametrize(
    ("entries", "line_of", "said"),
    [
        (
            '  - {changes: MP900_FILE, part: "1 of 2", documents: ["Section B"]}\n',
            "documents",
            "MP900 changes nothing in Section B (it changes Section A, Section G, Appendix AD)",
        ),
        (
            '  - changes: MP900_FILE\n    part: "1 of 2"\n    documents: ["Appendix AD"]\n'
            '  - changes: MP900_FILE\n    part: "2 of 2"\n    documents: ["Appendix AD", "Section A", "Section G"]\n',
            'documents: ["Appendix AD", "Section A"',
            "Appendix AD is in part 1 already; two parts cannot cover one document",
        ),
        (
            '  - changes: MP900_FILE\n    part: "3 of 2"\n    documents: ["Appendix AD"]\n',
            "part:",
            "'part' is which part of how many",
        ),
        (
            '  - changes: MP900_FILE\n    part: "1 of 2"\n    documents: ["Schedule 3"]\n',
            "documents",
            "'Schedule 3' names no document of the code",
        ),
        (
            '  - changes: MP900_FILE\n    part: "1 of 2"\n    documents: ["Appendix AD"]\n'
            '  - changes: MP900_FILE\n    part: "2 of 2"\n    documents: ["Section A"]\n',
            'part: "2 of 2"',
            "is in none of them",
        ),
    ],
    ids=["document-not-touched", "two-parts-one-document", "bad-part", "unknown-document", "operation-in-no-part"],
)
def test_a_part_that_does_not_fit_exits_4_naming_file_and_line(tmp_path, entries, line_of, said):
    manifest = _manifest(tmp_path, "release.yaml", HEAD + entries)
    r = run_cli("release", manifest, "-o", tmp_path / "out", "--store", tmp_path / "store.sqlite")
    assert r.returncode == EXIT_CHANGESET, r.stderr
    lines = manifest.read_text(encoding="utf-8").splitlines()
    wanted = [n for n, text in enumerate(lines, 1) if line_of in text]
    found = re.search(rf"^sec-redline: error: {re.escape(str(manifest))}:(\d+): (.*)$", r.stderr, re.M)
    assert found and said in found.group(2), r.stderr
    # The line of the key at fault (of a part's entry: the entry, where the problem is the part as a whole).
    assert int(found.group(1)) in wanted or lines[int(found.group(1)) - 1].lstrip().startswith("- changes"), r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "store.sqlite").exists()


def test_a_part_implemented_twice_is_refused(tmp_path):
    store = tmp_path / "store.sqlite"
    r = run_cli("release", EXAMPLE / "part-1.yaml", "-o", tmp_path / "r1", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    again = _manifest(
        tmp_path,
        "again.yaml",
        'release: "Illustrative"\ndate: 2024-11-07\nbase: "6.18"\nversion: "6.19"\nmodifications:\n'
        '  - {changes: MP900_FILE, part: "1 of 2", documents: ["Appendix AD"]}\n',
    )
    r = run_cli("release", again, "-o", tmp_path / "r2", "--store", store)
    assert r.returncode == EXIT_CHANGESET, r.stderr
    assert f"{again}:6: part 1 of MP900 was implemented already, in SEC 6.18" in r.stderr
    assert not (tmp_path / "r2").exists()


def test_a_later_part_is_taken_only_onto_a_version_its_earlier_parts_alone_made(tmp_path):
    # The first release carries MP087 beside part 1: part 2, drafted on 6.17, no longer fits 6.18.
    first = _manifest(
        tmp_path,
        "first.yaml",
        HEAD.replace("date: 2024-06-27", "date: 2024-06-27")
        + '  - {changes: MP900_FILE, part: "1 of 2", documents: ["Appendix AD"]}\n'
        + f"  - {ROOT / 'examples' / 'release' / 'DIR001.changes.yaml'}\n",
    )
    store = tmp_path / "store.sqlite"
    r = run_cli("release", first, "-o", tmp_path / "r1", "--store", store)
    assert r.returncode == EXIT_OK, r.stderr
    r = run_cli("release", EXAMPLE / "part-2.yaml", "-o", tmp_path / "r2", "--store", store)
    assert r.returncode == EXIT_CHANGESET, r.stderr
    assert "part 2 of MP900 is drafted against SEC 6.17, but SEC 6.18, between it and this release's base, also " \
        "implemented DIR001" in r.stderr  # fmt: skip
    # Without the store that recorded the earlier part, a later part cannot be checked, and is refused.
    folder = _manifest(
        tmp_path,
        "folder.yaml",
        (EXAMPLE / "part-2.yaml")
        .read_text(encoding="utf-8")
        .replace('base: "6.18"', f'base:\n  version: "6.18"\n  path: {tmp_path / "r1" / "consolidated" / "sec.txt"}')
        .replace("../mp900-multi/mp900.changes.yaml", "MP900_FILE"),
    )
    r = run_cli("release", folder, "-o", tmp_path / "r3")
    assert r.returncode == EXIT_CHANGESET, r.stderr
    assert "give --store with the store the earlier releases recorded" in r.stderr
