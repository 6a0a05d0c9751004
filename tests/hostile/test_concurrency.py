"""Two writers at once (issue 27): two runs writing the same folder or the same version store, started
together.  They take turns (a folder is locked while it is written, the store by SQLite), so the result
is one run's outputs whole, or each in turn; a run the other forestalled says so (exit 5) and writes
nothing; nothing is left behind."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from sec_redline.errors import EXIT_OK, EXIT_OUTPUT
from sec_redline.store import Store
from tests.hostile.test_kills import _leftovers
from tests.support import EXAMPLE, ROOT, no_traceback

MULTI = EXAMPLE.parent / "mp900-multi"
RELEASE = EXAMPLE.parent / "release" / "release.yaml"


def _together(*runs: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Each of ``runs`` as a process of its own, all started before any is waited for."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sec_redline", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in runs
    ]
    done = []
    for proc, args in zip(procs, runs, strict=True):
        out, err = proc.communicate(timeout=300)
        assert no_traceback(err), err
        done.append(subprocess.CompletedProcess(args, proc.returncode, out, err))
    return done


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_releases_into_one_new_folder(tmp_path: Path) -> None:
    """One writes the release folder; the other, finding it there, writes nothing (exit 5)."""
    reference = tmp_path / "reference"
    assert _together(["release", str(RELEASE), "-o", str(reference)])[0].returncode == EXIT_OK
    out = tmp_path / "out"
    first, second = _together(*(["release", str(RELEASE), "-o", str(out)],) * 2)
    assert sorted([first.returncode, second.returncode]) == [EXIT_OK, EXIT_OUTPUT], (first.stderr, second.stderr)
    refused = first if first.returncode else second
    assert "holds files already" in refused.stderr or "was written meanwhile by another run" in refused.stderr
    assert _files(out) == _files(reference) and not _leftovers(tmp_path)


def test_two_redlines_into_one_folder_leave_one_whole(tmp_path: Path) -> None:
    """Two Annex As of different change sets written into one folder at once: the folder holds one of them
    whole (the later one's), never a file of each."""
    base = MULTI / "base"
    args = [
        ["redline", str(base), str(cs), "-o", str(tmp_path / name), "--no-pdf"]
        for name, cs in (("mp087", EXAMPLE / "mp087.changes.yaml"), ("mp900", MULTI / "mp900.changes.yaml"))
    ]
    assert all(r.returncode == EXIT_OK for r in _together(*args))
    references = [_files(tmp_path / "mp087"), _files(tmp_path / "mp900")]
    shared = [[*a[:4], str(tmp_path / "out"), *a[5:]] for a in args]
    for _ in range(3):
        done = _together(*shared)
        assert all(r.returncode == EXIT_OK for r in done), [r.stderr for r in done]
        assert _files(tmp_path / "out") in references
        assert not _leftovers(tmp_path)


def test_two_imports_into_one_store(tmp_path: Path) -> None:
    """Two versions imported at once into a store neither has made yet: the store holds both."""
    store = tmp_path / "s.sqlite"
    later = tmp_path / "g-6.18.txt"
    later.write_text(
        (EXAMPLE / "section-G-6.17.txt").read_text(encoding="utf-8").replace("SEC Version 6.17", "SEC Version 6.18"),
        encoding="utf-8",
    )
    done = _together(
        ["store", "add", "6.17", str(EXAMPLE / "section-G-6.17.txt"), "--store", str(store)],
        ["store", "add", "6.18", str(later), "--store", str(store)],
    )
    assert all(r.returncode == EXIT_OK for r in done), [r.stderr for r in done]
    with Store(store, create=False) as st:
        assert sorted(v[0] for v in st.versions()) == ["6.17", "6.18"]


def test_two_releases_of_one_version_into_one_store(tmp_path: Path) -> None:
    """The same version released at once into two folders with one store: the store takes it once; the
    other run is refused (exit 5) and its folder is not written."""
    store = tmp_path / "s.sqlite"
    done = _together(
        ["release", str(RELEASE), "-o", str(tmp_path / "a"), "--store", str(store)],
        ["release", str(RELEASE), "-o", str(tmp_path / "b"), "--store", str(store)],
    )
    codes = sorted(r.returncode for r in done)
    assert codes == [EXIT_OK, EXIT_OUTPUT], [r.stderr for r in done]
    refused = next(r for r in done if r.returncode)
    assert "already holds version 6.18" in refused.stderr
    folders = [tmp_path / "a", tmp_path / "b"]
    assert [f.exists() for f in folders].count(True) == 1 and not _leftovers(tmp_path)
    with Store(store, create=False) as st:
        assert [v[0] for v in st.versions()] == ["6.17", "6.18"]
