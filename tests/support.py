"""What many tests share: the bundled MP087 paths, running the command line, LibreOffice detection."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mp087"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = EXAMPLE / "section-G-6.17.txt"
CHANGES = EXAMPLE / "mp087.changes.yaml"
REPORT = EXAMPLE / "mp087.report.yaml"
SEED = FIXTURES / "seed-documents.txt"
TOOLS = Path(__file__).resolve().parent / "tools"
# Every provision of the MP087 example (G3.17 to G3.21), in document order: the seed's Annex A shows them all.
MP087_REFS = [
    f"G3.{n}" + (f"({p})" if p else "")
    for n, ps in ((17, "ab"), (18, "abc"), (19, ""), (20, "ab"), (21, ""))
    for p in ["", *ps]
]


# The header of an illustrative change set drafted against the MP087 base (SEC 6.17); its changes follow.
CHANGESET_HEADER = """modification: {mod}
title: "Illustrative"
base: "6.17"
author: SECAS
date: 2019-10-04
changes:
"""


def normalise_ws(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Ran:
    """What a run of the command line gave: as ``subprocess.CompletedProcess`` has it."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: object) -> Ran:
    """Run ``sec-redline ARGS`` in this process (click's runner), as the installed command would.

    ``sec_redline.cli.main`` is the entry point the console script calls, so error lines and exit codes
    are the user's; an exception escaping it is written to stderr as a traceback, as Python would.
    """
    from sec_redline.cli import main

    runner = CliRunner()
    with runner.isolation() as streams:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # pragma: no cover - main() never exits itself
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception:
            buf = io.StringIO()
            traceback.print_exc(file=buf)
            sys.stderr.write(buf.getvalue())
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Ran(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def run_cli_process(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sec_redline ARGS`` as a separate process (where the process itself matters)."""
    return subprocess.run(
        [sys.executable, "-m", "sec_redline", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
    )


# How a LibreOffice that died under a tool reads in its stderr (LibreOffice 7.4 headless now and then crashes
# closing a document, more often on a loaded machine): the files not yet read are read again, once, by a
# new LibreOffice.
LO_CRASHED = ("DisposedException", "bridge disposed", "LibreOffice did not start")


def lo_read(tool: str, *files: str | Path, mode: str | None = None, timeout: int = 900) -> list[dict[str, Any]]:
    """What the UNO reader ``tests/tools/TOOL`` (run with the system Python, which has ``uno``) prints of each
    of ``files``, a JSON object a file, its ``file`` the path as given.  LibreOffice opens copies in a folder
    of their own, so a lock file it leaves behind when it dies never lands beside a test's outputs; a crash
    of LibreOffice (LO_CRASHED) has the files it had not read read again, once."""
    import json
    import tempfile

    read: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="lo-read-") as tmp:
        given: dict[str, str] = {}
        for n, f in enumerate(files):
            copy = Path(tmp) / str(n) / Path(f).name
            copy.parent.mkdir()
            shutil.copyfile(f, copy)
            given[str(copy)] = str(f)
        pending = list(given)
        for attempt in (1, 2):
            if not pending:
                break  # every file was read before LibreOffice died
            done = subprocess.run(
                ["/usr/bin/python3", str(TOOLS / tool), *([mode] if mode else []), *pending],
                capture_output=True, text=True, timeout=timeout,
            )  # fmt: skip
            lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
            read += lines
            seen = {line["file"] for line in lines}
            pending = [p for p in pending if p not in seen]
            if done.returncode == 0:
                break
            if attempt == 2 or not any(s in done.stderr for s in LO_CRASHED):
                raise AssertionError(f"{tool} failed:\n{done.stderr[-2000:]}")
            print(f"{tool}: LibreOffice died; reading {len(pending)} file(s) again", file=sys.stderr)
    order = list(given)
    read.sort(key=lambda line: order.index(line["file"]))  # in the order given, a file read again too
    for line in read:
        line["file"] = given[line["file"]]
    return read


def lo_lists(mode: str, *args: str | Path) -> list[dict[str, Any]]:
    """tests/tools/lo_lists.py: what its reading ``mode`` (``labels``, ``notes``) prints of each file given
    (``lo_read``); its writing modes (``build`` SPEC OUT ..., ``resave`` SRC OUT ...) run as they are."""
    if mode in ("labels", "notes"):
        return lo_read("lo_lists.py", *args, mode=mode)
    done = subprocess.run(
        ["/usr/bin/python3", str(TOOLS / "lo_lists.py"), mode, *map(str, args)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return []


def have_libreoffice() -> bool:
    if not shutil.which("soffice"):
        return False
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


requires_libreoffice = pytest.mark.skipif(
    not have_libreoffice(), reason="LibreOffice or python3-uno is not installed (make test installs them)"
)


requires_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="Chromium is not installed (make test installs Debian's chromium)",
)


def no_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr and not re.search(r"^\s+File \"", stderr, re.M)


def derived_changeset(old: Path, new: Path, tmp_path: Path, base: Path | None = None) -> str:
    """Run ``sec-redline changeset OLD NEW`` (an illustrative modification), check that applying what it
    wrote to ``base`` (OLD, by default) gives a text with no differences from NEW, and return the YAML."""
    out = tmp_path / "derived.changes.yaml"
    r = run_cli(
        "changeset", old, new, "-o", out, "--modification", "MP901", "--title", "Illustrative",
        "--date", "2020-01-06",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    applied = tmp_path / "derived.applied.txt"
    a = run_cli("apply", base or old, out, "-o", applied)
    assert a.returncode == 0, a.stderr
    d = run_cli("diff", new, applied)
    assert d.stdout.strip() == "No differences.", d.stdout
    return out.read_text(encoding="utf-8")
