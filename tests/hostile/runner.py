"""Run ``sec-redline`` as a user would, in a child process held to the limits a hostile input must not break:
1 GB of address space, 120 s of CPU, and (for full-disk cases) a file-size limit."""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MEMORY_LIMIT = 1024 * 1024 * 1024  # address space, bytes
CPU_SECONDS = 120


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float


def _limits(file_size: int | None, user: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        if file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails as a full disk does
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if user is not None:
            os.setgid(user)
            os.setuid(user)

    return apply


def run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, file_size: int | None = None, user: int | None = None
) -> Outcome:
    """``python -m sec_redline ARGS`` in ``cwd`` under the limits; its exit code, output and peak memory."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sec_redline", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        preexec_fn=_limits(file_size, user),
    )
    streams: dict[str, bytes] = {}

    def drain(name: str, pipe: IO[bytes]) -> None:
        with pipe:  # closed once read: an open pipe left to the garbage collector is a ResourceWarning
            streams[name] = pipe.read()

    readers = [threading.Thread(target=drain, args=(n, p)) for n, p in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not every child's
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    return Outcome(
        proc.returncode,
        streams["out"].decode("utf-8", "replace"),
        streams["err"].decode("utf-8", "replace"),
        usage.ru_maxrss / 1024,
        time.monotonic() - start,
    )


def fingerprint(paths: list[Path]) -> dict[str, str]:
    """A hash of every regular file among ``paths`` (for 'inputs untouched')."""
    out = {}
    for p in paths:
        if p.is_file() and not p.is_symlink():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def tree(folder: Path) -> set[str]:
    """Every file and folder below ``folder``, relative to it."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}
