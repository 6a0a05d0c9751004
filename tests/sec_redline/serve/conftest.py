"""Fixtures of the web view's tests: the store, built once, and the application over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sec_redline.serve.support import build_store


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve-store"))


@pytest.fixture(scope="session")
def app(store: Path):
    from sec_redline.serve import create_app

    return create_app(store, [store.parent / "pending.yaml"])


@pytest.fixture
def client(app):
    return app.test_client()
