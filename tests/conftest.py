"""Shared fixtures: the seed documents and the golden-file checker (helpers are in tests/support.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support import SEED

# In CI every property test runs the same examples each time (derandomized), so a run cannot pass or fail
# by chance; locally they explore new examples on every run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="Rewrite tests/golden/* from the current outputs (then read them before committing).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
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
