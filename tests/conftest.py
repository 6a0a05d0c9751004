"""Shared fixtures: the seed documents and the golden-file checker (helpers are in tests/support.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support import SEED, requires_chromium, requires_libreoffice

TESTS = Path(__file__).resolve().parent

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow families from what a test is, so that a new test cannot be left out of its family.

    Every test under tests/hostile is ``hostile``; every test that skips without LibreOffice
    (``requires_libreoffice``) is ``libreoffice``; every test that skips without Chromium (``requires_chromium``)
    is ``browser``.  A test that checks for them some other way carries the marker itself.
    """
    hostile = TESTS / "hostile"
    for item in items:
        if hostile in item.path.parents:
            item.add_marker(pytest.mark.hostile)
        skipifs = list(item.iter_markers("skipif"))
        if requires_libreoffice.mark in skipifs:
            item.add_marker(pytest.mark.libreoffice)
        if requires_chromium.mark in skipifs:
            item.add_marker(pytest.mark.browser)
