"""A full disk (issue 27): a small tmpfs mounted for the test, filled by the outputs.  A release into it, a
release replacing one there, and the version store on it: each fails with one line (exit 5), leaves what
was there as it was, and leaves nothing behind.  Mounting needs root; elsewhere the tests are skipped and
say why (tests/hostile/cases.py's 'disk full after 20 kB' cases hold writes to a file-size limit instead)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sec_redline.errors import EXIT_OK, EXIT_OUTPUT
from tests.hostile.runner import Outcome, run
from tests.support import EXAMPLE, ROOT, no_traceback

MULTI = EXAMPLE.parent / "mp900-multi"
RELEASE = EXAMPLE.parent / "release" / "release.yaml"


@contextmanager
def small_disk(where: Path, kb: int) -> Iterator[Path]:
    """A tmpfs of ``kb`` kB mounted at ``where`` for the block; skipped, with the reason, where it cannot be."""
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kb}k,mode=0755", "tmpfs", str(where)], capture_output=True, text=True
    ) if shutil.which("mount") else None  # fmt: skip
    if mounted is None or mounted.returncode != 0:
        why = mounted.stderr.strip() if mounted is not None else "no mount command"
        pytest.skip(f"a small tmpfs cannot be mounted here ({why}); mounting one needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _used_kb(folder: Path) -> int:
    return sum(-(-p.stat().st_size // 4096) * 4 for p in folder.rglob("*") if p.is_file()) + 64


def _full(out: Outcome) -> None:
    err = out.stderr
    assert out.returncode == EXIT_OUTPUT, err
    assert no_traceback(err) and ("No space left on device" in err or "disk is full" in err), err
    assert len([line for line in err.splitlines() if line.startswith("sec-redline: error: ")]) == 1, err


def test_a_release_into_a_full_disk_writes_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 64) as disk:
        out = run(["release", str(RELEASE), "-o", str(disk / "out")], cwd=ROOT)
        _full(out)
        assert "nothing was written" in out.stderr
        assert list(disk.iterdir()) == []


def test_a_release_replacing_one_on_a_full_disk_leaves_the_old_one(tmp_path: Path) -> None:
    """The old release fits; the new one's temporaries beside it do not: the old stays byte for byte."""
    earlier = tmp_path / "earlier.yaml"
    text = RELEASE.read_text(encoding="utf-8")
    earlier.write_text(
        text.split("modifications:")[0].replace("../", f"{RELEASE.parent}/../")
        + f"modifications:\n  - {EXAMPLE}/mp087.changes.yaml\n",
        encoding="utf-8",
    )
    probe = tmp_path / "probe"
    assert run(["release", str(earlier), "-o", str(probe)], cwd=ROOT).returncode == EXIT_OK
    with small_disk(tmp_path / "disk", _used_kb(probe) + 48) as disk:
        shutil.copytree(probe, disk / "out")
        before = _files(disk / "out")
        out = run(["release", str(RELEASE), "-o", str(disk / "out"), "--force"], cwd=ROOT)
        _full(out)
        assert _files(disk / "out") == before
        assert sorted(p.name for p in disk.rglob(".*")) == []


def test_the_store_on_a_full_disk_keeps_what_it_held(tmp_path: Path) -> None:
    """A version that does not fit: refused (exit 5), the store as it was; a release recording its version
    there writes no folder."""
    with small_disk(tmp_path / "disk", 200) as disk:
        store = disk / "s.sqlite"
        assert run(["store", "add", "6.17", str(MULTI / "base"), "--store", str(store)], cwd=ROOT).returncode == 0
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o644)  # the rest of the disk taken
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        before = store.read_bytes()
        out = run(["release", str(RELEASE), "-o", str(tmp_path / "out"), "--store", str(store)], cwd=ROOT)
        _full(out)
        assert not (tmp_path / "out").exists()
        assert store.read_bytes() == before and not Path(f"{store}-journal").exists()
