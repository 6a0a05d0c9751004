"""`make check`'s complexity gate: at most three blocks ranked E or F by radon, each explained.

A block radon ranks E or F (cyclomatic complexity above 30) is allowed only where a state machine is
clearer whole, and then its docstring says so with the words "Kept whole:" and why.  Run:
``python tools/complexity.py legal_text sec_redline``; exit 1 with one line a block when the gate fails.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from radon.complexity import cc_rank, cc_visit

MAX_BLOCKS = 3
REASON = "Kept whole:"


def _docstrings(source: str) -> dict[tuple[str, int], str]:
    """The docstring of every function and method, by (name, line)."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[(node.name, node.lineno)] = ast.get_docstring(node) or ""
    return found


def main(folders: list[str]) -> int:
    blocks = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            docs = _docstrings(source)
            for block in cc_visit(source):
                if cc_rank(block.complexity) in ("E", "F"):
                    explained = REASON in docs.get((block.name, block.lineno), "")
                    blocks.append((path, block, explained))
    problems = [
        f"{path}:{b.lineno}: {b.fullname} is ranked {cc_rank(b.complexity)} ({b.complexity}) and its docstring "
        f"does not say why it is kept whole ('{REASON} ...'); split it by meaning"
        for path, b, explained in blocks
        if not explained
    ]
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks are ranked E or F; at most {MAX_BLOCKS} may be")
    for line in problems:
        print(line, file=sys.stderr)
    for path, b, explained in blocks:
        if explained:
            print(f"{path}:{b.lineno}: {b.fullname}: {cc_rank(b.complexity)} ({b.complexity}), kept whole")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["legal_text", "sec_redline"]))
