"""What the lifecycle tests share: the examples, the documents each path has, reading the responses files
independently of sec-redline, the text of every output."""

from __future__ import annotations

import csv
import json
import re
import shutil
import zipfile
from pathlib import Path

from tests.support import ROOT

EXAMPLES = {
    "Fast-Track": ROOT / "examples" / "lifecycle-fast-track" / "mp087.record.yaml",
    "Self-Governance": ROOT / "examples" / "lifecycle-self-governance" / "mp910.record.yaml",
    "Authority Determination": ROOT / "examples" / "lifecycle-authority-determination" / "mp911.record.yaml",
    "Urgent": ROOT / "examples" / "lifecycle-urgent" / "mp912.record.yaml",
    "Authority-led": ROOT / "examples" / "lifecycle-authority-led" / "mp913.record.yaml",
}

# The documents of each path, as the issue names them (its register besides).
_SELF_GOVERNANCE = [
    "problem-statement", "panel-paper", "modification-report", "refinement-consultation",
    "modification-report-consultation", "change-board-paper", "conclusions-report",
]  # fmt: skip
_AUTHORITY = [*_SELF_GOVERNANCE[:-1], "final-modification-report"]
STEMS = {
    "Fast-Track": ["problem-statement", "panel-paper", "modification-report"],
    "Self-Governance": _SELF_GOVERNANCE,
    "Authority Determination": _AUTHORITY,
    "Urgent": _AUTHORITY,
    "Authority-led": [
        "modification-report", "modification-report-consultation", "change-board-paper", "final-modification-report",
    ],
}  # fmt: skip


# The legal texts' files a path's example writes besides its documents, each as .docx and .html: an example
# that names a base and whose drafts name change sets has the Annex A of its latest draft; MP911's, with two
# drafts and an Alternative solution, their comparisons and the Alternative's Annex A too.
ANNEXES = {
    "Self-Governance": ["annex-a"],
    "Authority Determination": ["annex-a", "annex-a-changes-since-0.1", "annex-a-MP911A", "solutions-MP911-MP911A"],
}


def expected_files(path: str) -> set[str]:
    """Every file a path's whole set is: each document as .docx, .html and .md, the register as .html and .json,
    each legal text's file as .docx and .html."""
    return (
        {f"{stem}.{ext}" for stem in STEMS[path] for ext in ("docx", "html", "md")}
        | {"register.html", "register.json"}
        | {f"{stem}.{ext}" for stem in ANNEXES.get(path, []) for ext in ("docx", "html")}
    )


def read_table(path: Path) -> list[dict[str, str]]:
    """A responses file's rows as dicts (header -> cell text), read with csv or openpyxl directly."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
    else:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, (c.strip() for c in row), strict=False)) for row in rows[1:] if any(row)]


def docx_text(path: Path) -> str:
    """Every piece of text of every XML part of a Word file (body, footnotes, header, footer, properties)."""
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))]
    return "\n".join(re.sub(r"<[^>]+>", " ", p) for p in parts)


def output_texts(folder: Path) -> dict[str, str]:
    """The text of every output in ``folder``: Word XML text, HTML, Markdown, JSON (its strings)."""
    out = {}
    for f in sorted(folder.iterdir()):
        if f.suffix == ".docx":
            out[f.name] = docx_text(f)
        elif f.suffix == ".json":
            out[f.name] = json.dumps(json.loads(f.read_text(encoding="utf-8")), ensure_ascii=False)
        else:
            out[f.name] = f.read_text(encoding="utf-8")
    return out


def variant(tmp_path: Path, record: Path, *edits: tuple[str, str]) -> Path:
    """A copy of an example's folder with its record edited (each (old, new) replaced once)."""
    folder = tmp_path / "example"
    shutil.copytree(record.parent, folder)
    target = folder / record.name
    text = target.read_text(encoding="utf-8").replace("../mp087/", str(record.parent.parent / "mp087") + "/")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    return target


def line_of(record: Path, needle: str) -> int:
    """The number of the first line of ``record`` holding ``needle``."""
    return next(i for i, line in enumerate(record.read_text("utf-8").splitlines(), 1) if needle in line)
