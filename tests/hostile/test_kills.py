"""Kills at every step of writing (issue 27, cause 16): a command is killed (SIGKILL, by the test hook
``SEC_REDLINE_TEST_KILL_AT_STEP``, not by chance) before each step that changes the file system, every
journal, temporary, marker, link, rename and removal in turn, until it runs to the end.  After each kill,
what the next run finds (the leftovers settled, as any run writing there settles them first) is the old
state or the new one, never a mixture, with nothing left behind; a release's version is in the store
exactly when its folder is the new one.  A folder made new is moved in by one rename, so even before
anything is settled it is there whole or not at all.  And the next run itself says what it settled."""

from __future__ import annotations

import hashlib
import os
import shutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from sec_redline import writing
from sec_redline.notices import noticing, taken
from sec_redline.outputs import Outputs, write_outputs
from sec_redline.writing import CONTROL, KILL_HOOK, TEMP, settle_folder
from tests.hostile.runner import run
from tests.support import EXAMPLE, ROOT, run_cli

MULTI = EXAMPLE.parent / "mp900-multi"
RELEASE = EXAMPLE.parent / "release"
KILLED = -9


def _visible(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` but sec-redline's hidden leftovers, by its path: its SHA-256 (a version
    store: the versions it holds)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if any(_ours(part) for part in p.relative_to(folder).parts) or p.is_dir() or p.name.endswith("-journal"):
            continue
        if p.suffix == ".sqlite":
            out[rel] = _versions(p)
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _versions(store: Path) -> str:
    from sec_redline.store import Store

    with Store(store, create=False) as st:
        return ",".join(v[0] for v in st.versions())


def _ours(name: str) -> bool:
    return bool(TEMP.match(name) or CONTROL.match(name))


def _leftovers(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if _ours(p.name)]


def _settle(folder: Path) -> list[str]:
    """What a run writing anywhere in ``folder`` settles first (every folder of it, as each may be one a
    run writes into), and what it says."""
    with noticing():
        for sub in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())]:
            if sub.exists():
                settle_folder(sub)
        return [str(m) for m in taken()]


@dataclass(frozen=True)
class Scene:
    name: str
    setup: Callable[[Path], list[str]]  # the inputs and the old state in a folder; the command's arguments
    one_rename: bool = False  # a new folder: whole or absent even before anything is settled


def _copy(src: Path, dst: Path) -> Path:
    if src.is_dir():
        shutil.copytree(src, dst, symlinks=True)
    else:
        shutil.copyfile(src, dst)
    return dst


def _release_inputs(work: Path) -> Path:
    _copy(RELEASE, work / "release")
    _copy(MULTI, work / "mp900-multi")
    _copy(EXAMPLE, work / "mp087")
    return work / "release" / "release.yaml"


def _new_release(work: Path) -> list[str]:
    return ["release", str(_release_inputs(work)), "-o", str(work / "out")]


def _forced_release_with_store(work: Path) -> list[str]:
    """Over an earlier release (MP087 alone), recording 6.18 in a store that holds 6.17."""
    manifest = _release_inputs(work)
    text = manifest.read_text(encoding="utf-8")
    alone = text.split("modifications:")[0] + "modifications:\n  - ../mp087/mp087.changes.yaml\n"
    earlier = manifest.with_name("earlier.yaml")
    earlier.write_text(alone, encoding="utf-8")
    assert run(["release", str(earlier), "-o", str(work / "out")], cwd=ROOT).returncode == 0
    assert (
        run(["store", "add", "6.17", str(MULTI / "base"), "--store", str(work / "s.sqlite")], cwd=ROOT).returncode == 0
    )
    return ["release", str(manifest), "-o", str(work / "out"), "--force", "--store", str(work / "s.sqlite")]


def _apply_into_folder(work: Path) -> list[str]:
    base = _copy(MULTI / "base", work / "base")
    assert (
        run(["apply", str(base), str(EXAMPLE / "mp087.changes.yaml"), "-o", str(work / "out")], cwd=ROOT).returncode
        == 0
    )
    return ["apply", str(base), str(MULTI / "mp900.changes.yaml"), "-o", str(work / "out")]


def _redline_over_redline(work: Path) -> list[str]:
    base = _copy(MULTI / "base", work / "base")
    old = ["redline", str(base), str(EXAMPLE / "mp087.changes.yaml"), "-o", str(work / "out"), "--no-pdf"]
    assert run(old, cwd=ROOT).returncode == 0
    return ["redline", str(base), str(MULTI / "mp900.changes.yaml"), "-o", str(work / "out"), "--no-pdf"]


def _diff_into_two_places(work: Path) -> list[str]:
    old, new = EXAMPLE / "section-G-6.17.txt", work / "new.txt"
    new.write_text(old.read_text(encoding="utf-8").replace("Each User shall", "Each User must", 1), encoding="utf-8")
    (work / "cmp.json").write_text("{}\n", encoding="utf-8")  # an earlier comparison, replaced
    return ["diff", str(old), str(new), "-o", str(work / "cmp.json"), "-o", str(work / "pages" / "cmp.html")]


SCENES = [
    Scene("release into a new folder", _new_release, one_rename=True),
    Scene("release --force --store over an earlier release", _forced_release_with_store),
    Scene("apply of a folder base into a folder of earlier results", _apply_into_folder),
    Scene("redline over an earlier Annex A", _redline_over_redline),
    Scene("diff -o a file and -o a file in a new folder", _diff_into_two_places),
]


def _outputs_of(args: list[str]) -> Outputs:
    """What the command would write (its ``Outputs``), computed once, in this process."""
    captured: list[Outputs] = []

    def capture(outputs: Outputs) -> list[str]:
        captured.append(outputs)
        return []

    with mock.patch("sec_redline.cli.write_outputs", capture):
        done = run_cli(*args)
    assert done.returncode == 0 and len(captured) == 1, done.stderr
    return captured[0]


def _write_killed(outputs: Outputs, step: int) -> int:
    """Write ``outputs`` in a child process that the test hook kills before ``step``; its exit status
    (-9 when killed)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.environ[KILL_HOOK] = str(step)
            writing._steps = 0
            with noticing():
                write_outputs(outputs)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


@pytest.mark.parametrize("scene", SCENES, ids=[s.name for s in SCENES])
def test_a_kill_at_every_step_leaves_the_old_state_or_the_new(scene: Scene, tmp_path: Path) -> None:
    """The command's outputs are computed once; then, for each step, the old state is put back, and the
    writing (the same code the command runs) is done in a child process killed before that step."""
    work, kept = tmp_path / "work", tmp_path / "old-state"
    work.mkdir()
    outputs = _outputs_of(scene.setup(work))
    old = _visible(work)
    shutil.copytree(work, kept, symlinks=True)
    assert _write_killed(outputs, 0) == 0
    new = _visible(work)
    assert old != new and not _leftovers(work)
    outcomes: list[str] = []
    for step in range(1, 1000):
        shutil.rmtree(work)
        shutil.copytree(kept, work, symlinks=True)
        status = _write_killed(outputs, step)
        if status == 0:
            assert _visible(work) == new and not _leftovers(work)
            break
        assert status == KILLED, (step, status)
        if scene.one_rename:
            assert _visible(work) in (old, new), f"killed before step {step}: a partial folder"
        said = _settle(work)
        state = _visible(work)
        assert state in (old, new), f"killed before step {step}: a mixture, {said}"
        assert not _leftovers(work), (step, _leftovers(work))
        outcomes.append("new" if state == new else "old")
    else:
        pytest.fail("the writing never ran to its end")
    assert outcomes and outcomes[0] == "old", outcomes  # killed at the first step: nothing was written
    print(f"{scene.name}: killed before each of {len(outcomes)} steps: {outcomes.count('old')} left the old "
          f"state, {outcomes.count('new')} the new")  # fmt: skip


def test_the_next_run_settles_what_a_killed_run_left_and_says_so(tmp_path: Path) -> None:
    """Killed in the middle of its renames, a forced release leaves a mixture and a journal; the next run
    writing there undoes it first, says so on stderr, then writes its own outputs whole."""
    args = [*_forced_release_with_store(tmp_path), "--replace"]  # run again and again: 6.18 replaced
    for step in (20, 30):  # among the renames (2 journals, 13 temporaries, the marker, then 13 links and renames)
        out = run(args, cwd=ROOT, env={KILL_HOOK: str(step)})
        assert out.returncode == KILLED
        assert _leftovers(tmp_path / "out"), "the kill left no journal"
        again = run(args, cwd=ROOT)
        assert again.returncode == 0, again.stderr
        assert "warning: an earlier run writing here was interrupted" in again.stderr, again.stderr
        assert not _leftovers(tmp_path)
    # a release into a new folder killed before its one rename: the next run removes the half-built folder
    fresh = ["release", str(tmp_path / "release" / "release.yaml"), "-o", str(tmp_path / "fresh")]
    out = run(fresh, cwd=ROOT, env={KILL_HOOK: "2"})
    assert out.returncode == KILLED and not (tmp_path / "fresh").exists() and _leftovers(tmp_path)
    again = run(fresh, cwd=ROOT)
    assert again.returncode == 0 and "the unfinished output of an earlier run that was interrupted" in again.stderr
    assert not _leftovers(tmp_path)


def test_a_run_that_fails_undoes_its_own_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure in the middle of the renames (here: the fifth rename refused) puts every file back."""
    from sec_redline import writing
    from sec_redline.errors import OutputError

    folder = tmp_path / "out"
    folder.mkdir()
    old = {folder / f"f{k}.txt": f"old {k}\n" for k in range(8)}
    for p, text in old.items():
        p.write_text(text, encoding="utf-8")
    real, calls = os.replace, []

    def failing(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 5:
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(writing.os, "replace", failing)
    with pytest.raises(OutputError, match="No space left on device; nothing was written"), warnings.catch_warnings():
        writing.write_together({p: f"new {k}\n" for k, p in enumerate(old)})
    assert {p: p.read_text(encoding="utf-8") for p in old} == old
    assert sorted(x.name for x in folder.iterdir()) == sorted(p.name for p in old)
