"""The store the web view's tests serve: the example release (SEC 6.17 and 6.18), then an illustrative 6.19
that amends G3.20(b) again and removes G3.21, and an illustrative release approved but not yet in the store."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support import ROOT, run_cli

RELEASE = ROOT / "examples" / "release" / "release.yaml"

# ILLUSTRATIVE change sets (not real modifications), drafted against the example release's SEC 6.18.
MP950 = """# ILLUSTRATIVE: not a real modification.
modification: MP950
title: "Illustrative: responsible party"
base: "6.18"
author: SECAS
date: 2020-01-15
changes:
  - in: G3.20(b)
    replace: "the Responsible Supplier"
    with: "the Responsible Supplier (illustrative wording)"
  - remove: G3.21
"""
MP951 = """# ILLUSTRATIVE: not a real modification.
modification: MP951
title: "Illustrative: notification"
base: "6.19"
author: SECAS
date: 2020-04-01
changes:
  - in: G3.19
    replace: "reasonable grounds"
    with: "good grounds"
"""


def build_store(folder: Path) -> Path:
    """The store of the tests in ``folder``: versions 6.17, 6.18 (2019-11-07) and 6.19 (2020-03-01); and
    ``pending.yaml``, a release of SEC 6.20 (2020-06-01) the store does not hold."""
    store = folder / "versions.sqlite"
    r = run_cli("release", RELEASE, "-o", folder / "r618", "--store", store)
    assert r.returncode == 0, r.stderr
    (folder / "MP950.yaml").write_text(MP950, encoding="utf-8")
    (folder / "r619.yaml").write_text(
        'release: "Illustrative March 2020 SEC Release"\ndate: 2020-03-01\nbase: "6.18"\nversion: "6.19"\n'
        "author: SECAS\nmodifications:\n  - MP950.yaml\n",
        encoding="utf-8",
    )
    r = run_cli("release", folder / "r619.yaml", "-o", folder / "r619", "--store", store)
    assert r.returncode == 0, r.stderr
    (folder / "MP951.yaml").write_text(MP951, encoding="utf-8")
    (folder / "pending.yaml").write_text(
        'release: "Illustrative June 2020 SEC Release"\ndate: 2020-06-01\nbase: "6.19"\nversion: "6.20"\n'
        "author: SECAS\nmodifications:\n  - MP951.yaml\n",
        encoding="utf-8",
    )
    return store


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Served:
    """``sec-redline serve`` running as its own process on a free port of this machine (loopback)."""

    def __init__(self, store: Path, *args: str) -> None:
        # PYTHONFAULTHANDLER: a server that does not stop at Ctrl-C is sent SIGABRT, and says where each of its
        # threads stood (see stop).
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONFAULTHANDLER="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sec_redline", "serve", "--store", str(store), "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
            # as at a terminal, where Ctrl-C reaches it: a test run started in the background of a script
            # (`make test &`) has SIGINT ignored, and its children with it
            preexec_fn=_interruptible,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)", line)
        if found is None:
            self.process.kill()
            raise AssertionError(
                f"serve said {line!r}; stderr: {self.process.stderr.read() if self.process.stderr else ''}"
            )
        self.url = found.group(1).rstrip("/")
        self.first_line = line

    def stop(self, how: int = signal.SIGINT) -> tuple[int, str, str]:
        """Ctrl-C (or ``how``, e.g. SIGTERM), as a person stops it: the exit code and what it printed after its
        first line."""
        self.process.send_signal(how)
        try:
            out, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            # Not stopped within a minute: a bug to find, so its threads' stacks go into what it printed.
            self.process.send_signal(signal.SIGABRT)
            try:
                out, err = self.process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                out, err = self.process.communicate()
            err = f"(did not stop within 60 s of Ctrl-C)\n{err}"
        return self.process.returncode, out, err

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.stop()


def wait_for(check, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``check()`` is true (a bounded poll)."""
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.1)
