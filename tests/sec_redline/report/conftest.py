"""The lifecycle examples, each written once for the tests that read their outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sec_redline.report.lifecycle_support import EXAMPLES
from tests.support import run_cli


@pytest.fixture(scope="session")
def lifecycle_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each path's example written by ``sec-redline lifecycle``: path -> its output folder."""
    out = tmp_path_factory.mktemp("lifecycle")
    written = {}
    for path, record in EXAMPLES.items():
        folder = out / path.replace(" ", "-")
        r = run_cli("lifecycle", record, "-o", folder)
        assert r.returncode == 0, r.stderr
        written[path] = folder
    return written
