"""Shared fixtures: the bundled MP087 example and the seed documents (copied into tests/fixtures)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mp087"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOOLS = Path(__file__).resolve().parent / "tools"
BASE = EXAMPLE / "section-G-6.17.txt"
CHANGES = EXAMPLE / "mp087.changes.yaml"
REPORT = EXAMPLE / "mp087.report.yaml"
SEED = FIXTURES / "seed-documents.txt"

sys.path.insert(0, str(TOOLS))


def normalise_ws(text: str) -> str:
    return " ".join(text.split())


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m sec_redline ARGS`` as a user would, capturing both streams."""
    return subprocess.run([sys.executable, "-m", "sec_redline", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd or ROOT, timeout=120)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def have_libreoffice() -> bool:
    if not shutil.which("soffice"):
        return False
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


requires_libreoffice = pytest.mark.skipif(
    not have_libreoffice(), reason="LibreOffice or python3-uno is not installed (make test installs them)")


def no_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr and not re.search(r"^\s+File \"", stderr, re.M)


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true",
                     help="Rewrite tests/golden/* from the current outputs (then read them before committing).")


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/<case>/<name>; rewrite it instead with --regen-golden."""
    regen = request.config.getoption("--regen-golden")

    def check(case: str, name: str, actual: str) -> None:
        path = Path(__file__).resolve().parent / "golden" / case / name
        if regen:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --regen-golden and read the result"
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs from {path}"

    return check
