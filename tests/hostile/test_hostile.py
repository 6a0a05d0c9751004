"""Hostile and broken input at every entry point (issue 10): for each case, the documented exit code, one line
on stderr naming the file, no traceback, the inputs byte for byte as they were, nothing left behind (no
output, no temporary), and the process within 1 GB of memory."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path

import pytest

from sec_redline.errors import EXIT_DIFFERS, EXIT_OK, EXIT_USAGE
from tests.hostile.cases import CASES, Case
from tests.hostile.runner import MEMORY_LIMIT, fingerprint, run, tree
from tests.support import ROOT, no_traceback


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    args, inputs = case.build(work)
    before, files_before = fingerprint(inputs), tree(work)
    with case.holding(work) if case.holding else nullcontext():
        out = run(args, cwd=ROOT, file_size=case.file_size, env=case.env)
    assert out.returncode == case.exit, (out.returncode, out.stderr[-2000:], out.stdout[-500:])
    assert no_traceback(out.stderr), out.stderr[-3000:]
    assert out.peak_mb < MEMORY_LIMIT / (1024 * 1024), out.peak_mb
    assert fingerprint(inputs) == before, "an input was changed"
    text = out.stdout if case.stream == "stdout" else out.stderr
    assert case.says in text, text[-2000:]
    assert not case.absent or case.absent not in out.stderr + out.stdout, "an input's words were echoed"
    if case.exit in (EXIT_OK, EXIT_DIFFERS):
        return
    if case.exit == EXIT_USAGE:  # click's usage error: its own three lines, one of them the error
        assert [line for line in out.stderr.splitlines() if line.startswith("Error: ")] == [
            line for line in out.stderr.splitlines() if case.says in line
        ], out.stderr
        assert tree(work) == files_before, sorted(tree(work) - files_before)
        return
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("sec-redline: error: ")]
    assert len(errors) == 1, lines
    # Besides the error, only the input's warnings, and release's progress lines (on stderr, not results).
    warnings = [line for line in lines if line not in errors and not line.startswith("release: ")]
    assert all(": warning: " in w for w in warnings), warnings  # the input's own warnings may come first
    lines = errors
    assert len(lines[0]) <= 2000, len(lines[0])
    named = [str(p) for p in inputs] + [str(p.parent) for p in inputs] + [a for a in args if os.sep in a]
    assert any(n in lines[0] for n in named), lines[0]
    assert tree(work) == files_before, sorted(tree(work) - files_before)  # no output, no temporary left


def test_markup_in_metadata_is_shown_not_run(tmp_path: Path) -> None:
    """The Markdown outputs show metadata markup as typed (escaped); HTML escapes it."""
    from tests.hostile import inputs as make

    meta = make.report(tmp_path, ('title: "Correction', 'title: "<script>x</script> *bold* Correction'))
    out = run(["report", str(meta), "-o", str(tmp_path / "out")], cwd=ROOT)
    assert out.returncode == 0, out.stderr
    md = (tmp_path / "out" / "modification-report.md").read_text(encoding="utf-8")
    assert "\\<script\\>x\\</script\\> \\*bold\\* Correction" in md and "<script>" not in md
    html = (tmp_path / "out" / "modification-report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and "<script>x" not in html
