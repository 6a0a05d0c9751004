"""The same inputs give byte-identical outputs whatever the time zone, locale, hash seed or working folder; and
an input the user may not read is one line and exit 3."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sec_redline.errors import EXIT_INPUT
from tests.hostile.runner import run
from tests.support import BASE, CHANGES, REPORT, ROOT, no_traceback, run_cli

ENVIRONMENTS = [
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"},
    {"TZ": "America/Los_Angeles", "LC_ALL": "POSIX", "PYTHONHASHSEED": "4242"},
]


def _outputs(folder: Path, env: dict[str, str], cwd: Path) -> dict[str, str]:
    for args in (
        ["redline", str(BASE), str(CHANGES), "-o", str(folder), "--no-pdf"],
        ["apply", str(BASE), str(CHANGES), "-o", str(folder / "amended.docx")],
        ["report", str(REPORT), "--changes", str(CHANGES), "--base", str(BASE), "-o", str(folder)],
    ):
        out = run(args, cwd=cwd, env=env)
        assert out.returncode == 0, out.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_outputs_do_not_depend_on_the_environment(tmp_path: Path) -> None:
    first = _outputs(tmp_path / "a", ENVIRONMENTS[0], ROOT)
    second = _outputs(tmp_path / "b", ENVIRONMENTS[1], tmp_path)
    assert len(first) == 13 and first == second  # Annex A (2), draft checks, amended text, 3 documents x 3 formats


def test_an_input_the_user_may_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file is readable, so the permission error is made where the file is opened."""
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    secret = tmp_path / "secret.txt"
    secret.write_bytes(BASE.read_bytes())
    monkeypatch.setattr(Path, "open", refuse)
    r = run_cli("parse", secret)
    assert r.returncode == EXIT_INPUT and no_traceback(r.stderr)
    assert r.stderr.strip() == f"sec-redline: error: {secret}: cannot read: Permission denied"


def _become_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


def _python_runs_as_nobody() -> bool:
    if os.getuid() != 0:
        return False
    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import sec_redline"],
            cwd=ROOT,
            capture_output=True,
            preexec_fn=_become_nobody,
            timeout=60,
        )
    except OSError:  # the interpreter is not even executable for that user
        return False
    return probe.returncode == 0


@pytest.mark.skipif(
    not _python_runs_as_nobody(),
    reason="this interpreter cannot be run by the unprivileged user 'nobody' here "
    "(it lives under a folder only root may enter); the in-process test above covers it",
)
def test_an_unprivileged_user_cannot_read_the_input(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o777)
    os.chmod(tmp_path, 0o755)
    secret = folder / "secret.txt"
    secret.write_bytes(BASE.read_bytes())
    secret.chmod(0o000)
    out = run(["parse", str(secret)], cwd=ROOT, user=65534)
    assert out.returncode == EXIT_INPUT and "Permission denied" in out.stderr
