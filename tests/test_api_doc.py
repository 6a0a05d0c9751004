"""docs/api.md: its examples run top to bottom as one script, use only public names, and build what the
commands they mirror build, byte for byte."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

import legal_text
import sec_redline
from tests.support import run_cli

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"


def _script() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 8, "docs/api.md lost its examples"
    return "\n".join(blocks)


@pytest.fixture(scope="module")
def ran() -> dict[str, object]:
    """The names the examples leave behind, run as one script from the repository root."""
    namespace: dict[str, object] = {"__name__": "api_doc"}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        exec(compile(_script(), str(DOC), "exec"), namespace)  # the documentation's own code, run as a reader would
    finally:
        os.chdir(cwd)
    return namespace


def test_the_examples_use_only_public_names():
    tree = ast.parse(_script())
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute) and _is(node.value, "sr")}
    assert used, "the examples call nothing of sec_redline"
    assert used <= set(sec_redline.__all__), sorted(used - set(sec_redline.__all__))
    imported = {
        a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "legal_text" for a in n.names
    }
    assert imported <= set(legal_text.__all__), sorted(imported - set(legal_text.__all__))


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def test_every_public_name_is_there():
    for name in sec_redline.__all__:
        assert getattr(sec_redline, name) is not None, name


def test_the_annex_a_is_the_commands(ran, tmp_path):
    mp087 = ROOT / "examples" / "mp087"
    r = run_cli("redline", mp087 / "section-G-6.17.txt", mp087 / "mp087.changes.yaml", "-o", tmp_path, "--no-pdf")
    assert r.returncode == 0, r.stderr
    out = Path(str(ran["out"])) / "mp087"
    for name in ("annex-a.docx", "annex-a.html", "draft-checks.md"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name
    assert ran["word"] == (tmp_path / "annex-a.docx").read_bytes()  # the step-by-step Annex A too


def test_the_release_is_the_commands(ran, tmp_path):
    r = run_cli("release", ROOT / "examples" / "release" / "release.yaml", "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    out = Path(str(ran["out"])) / "release"
    made = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert len(made) >= 10
    for name in made:
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name
