"""`make bench`: speed and memory against the numbers the issues name.

Each measurement runs in a fresh child process pinned to one core; time is
the best of three runs, memory the child's peak resident set size.  Results
are printed as a table and written to benchmarks/results.json; the exit code
is 1 when a target is missed.

Parse (issue 3): the clean 800,000-word synthetic code (Sections A to X, one
text per Section) in under 2 s and 1 GB; the times at 1/10, 1/2 and full size
show whether it grows linearly; the PDF-noisy text is measured too.

Apply (issue 4): 50 change sets of 20 operations each (words and structure)
applied in order to the whole synthetic code in under 1 s.

Redline (issue 5): the whole-code redline (every Section in full, context
"all") of the synthetic code against a version with 2% of its clauses
amended: .docx in under 5 s, HTML in under 2 s.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FULL_WORDS = 800_000

# Every measurement runs in a child started in the checkout (so ``benchmarks`` imports), pinned to one core.
PRELUDE = r"""
import json, os, resource, sys, time
try:
    os.sched_setaffinity(0, {{0}})
except (AttributeError, OSError):
    pass
"""

CHILD = (
    PRELUDE
    + r"""
from legal_text import read_text
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path({folder!r}).glob("*.txt"))]
best = None
for _ in range(3):
    t = time.perf_counter()
    for i, text in enumerate(texts):
        read_text(text, f"section-{{i}}")
    elapsed = time.perf_counter() - t
    best = elapsed if best is None else min(best, elapsed)
print(json.dumps({{"seconds": best, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
)


def _write_sections(folder: Path, texts: list[str]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i, text in enumerate(texts):
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


APPLY_CHILD = (
    PRELUDE
    + r"""
from benchmarks.generate import synthetic_changesets, synthetic_code
from sec_redline.apply import apply_changesets
docs = synthetic_code({words})
sets = synthetic_changesets(docs, 50, 20)
best = None
for _ in range(3):
    t = time.perf_counter()
    result = apply_changesets(docs, sets)
    elapsed = time.perf_counter() - t
    best = elapsed if best is None else min(best, elapsed)
print(json.dumps({{"seconds": best, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "words": sum(len(c.text.split()) + len(c.trailing.split()) for d in docs for c in d.clauses())}}))
"""
)


REDLINE_CHILD = (
    PRELUDE
    + r"""
from benchmarks.generate import synthetic_changesets, synthetic_code
from legal_text.diff import diff_documents
from sec_redline.annex import build_annex
from sec_redline.render.annex_docx import render_annex_docx
from sec_redline.render.annex_html import render_annex_html
from sec_redline.apply import apply_changesets
docs = synthetic_code({words})
clauses = sum(1 for d in docs for c in d.body if hasattr(c, "ref"))
sets = synthetic_changesets(docs, max(1, round(clauses * 0.02 / 20)), 20)
new = apply_changesets(docs, sets).value
rows = []
for label, render in (("docx", render_annex_docx), ("html", render_annex_html)):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        annex = build_annex([diff_documents(o, n) for o, n in zip(docs, new)], sets[0], "all")
        out = render(annex)
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    rows.append({{"benchmark": f"whole-code redline, {{label}}", "seconds": best, "bytes": len(out),
                 "amended_clauses": sum(len(s.changes) for s in sets), "clauses": clauses}})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
words = sum(len(c.text.split()) + len(c.trailing.split()) for d in docs for c in d.clauses())
print(json.dumps([dict(r, peak_mb=peak, words=words) for r in rows]))
"""
)


def bench_redline() -> list[dict]:
    return _run_child(REDLINE_CHILD.format(root=str(ROOT), here=str(HERE), words=FULL_WORDS))


def _run_child(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"benchmark child failed:\n{out.stderr}")
    return json.loads(out.stdout)


def _measure(folder: Path) -> dict:
    return _run_child(CHILD.format(root=str(ROOT), here=str(HERE), folder=str(folder)))


DOCX_CHILD = (
    PRELUDE
    + r"""
from pathlib import Path
from legal_text import read_docx
from sec_redline.house_style import STRUCTURE_STYLES
data = Path({path!r}).read_bytes()
best = None
for _ in range(3):
    t = time.perf_counter()
    docs = read_docx(data, "numbered.docx", structure=STRUCTURE_STYLES).value
    elapsed = time.perf_counter() - t
    best = elapsed if best is None else min(best, elapsed)
assert len(docs) == 24
print(json.dumps({{"seconds": best, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
)


def bench_numbered_docx(tmp: Path) -> list[dict]:
    """Issue 11: the 800,000-word code as one .docx whose numbers are Word's list numbering."""
    from benchmarks.generate import numbered_docx, synthetic_code
    from legal_text import render_text

    docs = synthetic_code(FULL_WORDS)
    path = tmp / "numbered.docx"
    path.write_bytes(numbered_docx(docs))
    words = sum(len(render_text(d).split()) for d in docs)
    row = _run_child(DOCX_CHILD.format(path=str(path)))
    return [{"benchmark": "read list-numbered .docx, full size", "words": words, **row}]


def bench_apply() -> list[dict]:
    row = _run_child(APPLY_CHILD.format(root=str(ROOT), here=str(HERE), words=FULL_WORDS))
    return [{"benchmark": "apply 50 change sets x 20 ops", **row}]


def bench_parse(tmp: Path) -> list[dict]:
    import re

    from benchmarks.generate import noisy_text, synthetic_code
    from legal_text import render_text

    rows = []
    for label, fraction in (("1/10", 0.1), ("1/2", 0.5), ("full", 1.0)):
        docs = synthetic_code(int(FULL_WORDS * fraction))
        clean = tmp / f"clean-{fraction}"
        words = _write_sections(clean, [render_text(d) for d in docs])
        rows.append({"benchmark": f"parse clean, {label} size", "words": words, **_measure(clean)})
        if fraction == 1.0:
            noisy = tmp / "noisy"
            sections = re.split(r"(?m)^(?=Section [A-X] )", noisy_text(docs))[1:]
            words = _write_sections(noisy, sections)
            rows.append({"benchmark": "parse PDF-noisy, full size", "words": words, **_measure(noisy)})
    return rows


TARGETS = {
    "parse clean, full size": {"seconds": 2.0, "peak_mb": 1024},
    "read list-numbered .docx, full size": {"seconds": 3.0, "peak_mb": 1024},
    "apply 50 change sets x 20 ops": {"seconds": 1.0, "peak_mb": 1024},
    "whole-code redline, docx": {"seconds": 5.0, "peak_mb": 4096},
    "whole-code redline, html": {"seconds": 2.0, "peak_mb": 4096},
}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sec-bench-") as tmp:
        rows = bench_parse(Path(tmp)) + bench_numbered_docx(Path(tmp)) + bench_apply() + bench_redline()
    failed = False
    print(f"{'benchmark':38} {'words':>9} {'seconds':>8} {'peak MB':>8}  target")
    for row in rows:
        target = TARGETS.get(row["benchmark"])
        verdict = ""
        if target:
            ok = row["seconds"] < target["seconds"] and row["peak_mb"] < target["peak_mb"]
            verdict = f"< {target['seconds']} s, < {target['peak_mb']} MB: {'met' if ok else 'MISSED'}"
            failed |= not ok
        print(f"{row['benchmark']:38} {row['words']:>9,} {row['seconds']:>8.3f} {row['peak_mb']:>8.0f}  {verdict}")
    base = next(r for r in rows if r["benchmark"] == "parse clean, 1/10 size")
    full = next(r for r in rows if r["benchmark"] == "parse clean, full size")
    ratio = (full["seconds"] / full["words"]) / (base["seconds"] / base["words"])
    print(f"time per word, full size / one tenth: {ratio:.2f} (1.0 is linear)")
    (HERE / "results.json").write_text(
        json.dumps(
            {
                "machine": {"python": platform.python_version(), "processor": platform.machine(), "cores_used": 1},
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
