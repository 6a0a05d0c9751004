"""Fixtures of the web view's tests: the store, built once, and the application over it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.sec_redline.serve.support import build_store


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve-store"))


@pytest.fixture(scope="session")
def older_store(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same store as an earlier sec-redline wrote it: without the tables that record what each release
    changed (``events``) and the kinds of its modifications (``modifications``)."""
    older = tmp_path_factory.mktemp("serve-older-store") / "versions.sqlite"
    shutil.copyfile(store, older)
    db = sqlite3.connect(older)
    with db:
        db.execute("DROP TABLE events")
        db.execute("DROP TABLE modifications")
    db.close()
    return older


@pytest.fixture(scope="session")
def app(store: Path):
    from sec_redline.serve import create_app

    return create_app(store, [store.parent / "pending.yaml"])


@pytest.fixture
def client(app):
    return app.test_client()
