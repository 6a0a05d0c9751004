"""The word corpus: real Word files from other producers' public test suites, and LibreOffice's readings of
them (docs/word-corpus.md).  Each file is read as ``sec-redline parse`` reads it, on both sides of its
tracked changes, and its words compared with LibreOffice's paragraphs (list labels included) with every
change accepted and with every change rejected.

The files are data from other repositories, so they live outside this one: in ``../shared/word-corpus`` (the
seed documents' folder) or where ``SEC_REDLINE_WORD_CORPUS`` points.  Run as a module to print the table of
docs/word-corpus.md:

    .venv/bin/python -m tests.legal_text.word_corpus [FOLDER]
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from legal_text import render_text

ROOT = Path(__file__).resolve().parent.parent.parent


# The files that do not read as LibreOffice reads them, each explained in docs/word-corpus.md (where Word and
# LibreOffice differ, or LibreOffice gives no reading); the test fails on any other.
EXPLAINED = frozenset(
    {
        "docx4j/docs__developer__themeFontLang.docx",
        "docx4j/docx4j-samples-docx4j__sample-docs__tables.docx",
        "docx4j/java__org__docx4j__model__listnumbering__NumberingIndents-OUT.docx",
        "docx4j/java__org__docx4j__model__listnumbering__NumberingIndents.docx",
        "docx4j/resources__2010__2010-mcAlternateContent.docx",
        "docx4j/resources__OpenDoPE__invoice.docx",
        "pandoc/golden__track_changes_scrubbed_metadata.docx",
        "pandoc/table_header_rowspan.docx",
        "pandoc/table_with_list_cell.docx",
        "pandoc/text_in_shape_format.docx",
        "pandoc/track_changes_scrubbed_metadata.docx",
        "pandoc/unicode.docx",
        "poi/55966.docx",
        "poi/60316.docx",
        "poi/Bug54849.docx",
        "poi/Bug55142.docx",
        "poi/WordWithAttachments.docx",
        "poi/bug57031.docx",
        "poi/delins.docx",
        "poi/form_footnotes.docx",
    }
)
SAME_AT_LEAST = 313  # of the 333 files (273 before issue 26)


def corpus_folder() -> Path | None:
    """Where the corpus is, or None when this machine has none."""
    env = os.environ.get("SEC_REDLINE_WORD_CORPUS")
    for folder in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "word-corpus"]:
        if (folder / "lo-readings.jsonl").is_file():
            return folder
    return None


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff\"'“”‘’`|"), None)
_SPACE = {ord(c): " " for c in "\t\n\u00a0\u2002\u2003\u2009\u202f\u000b"}
_TOKEN = re.compile(r"\w+|[^\w\s]")


# Raised letters (a note numbered i, ii in Word's endnotes is raised where it is referred to) as letters.
_RAISED = {ord(c): unicodedata.normalize("NFKC", c) for c in "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"}


def tokens(text: str) -> list[str]:
    """The words and signs of ``text`` as compared: case-folded, quotation marks and table bars left out
    (our canonical text quotes a title and draws a table's rows with them), raised note numbers as digits
    and letters."""
    text = text.translate(_SUPERSCRIPT).translate(_RAISED).translate(_DROP).translate(_SPACE).replace("\u2011", "-")
    return _TOKEN.findall(text.casefold())


# The glyph a bullet character draws in the symbol fonts LibreOffice names (it keeps a bullet's code point and
# its font): the bullets of the corpus's lists, as Word draws them.  Kept here, apart from the reader's own
# table, so that the comparison does not take the reader's word for it.
_DRAWN = {
    "symbol": {0xB7: "\u2022", 0xA7: "\u2663", 0xA8: "\u2666", 0xAE: "\u2192", 0xDE: "\u21d2", 0x2D: "\u2212"},
    "wingdings": {
        0x6C: "\u25cf",
        0x6E: "\u25a0",
        0x6F: "\u25a1",
        0x71: "\u2751",
        0x75: "\u25c6",
        0x76: "\u2756",
        0x9F: "\u2022",
        0xA7: "\u25aa",
        0xA8: "\u25fb",
        0xD8: "\u27a2",
        0xFC: "\u2713",
    },
    "courier new": {0x6F: "\u25e6"},
}


def bullet_drawn(char: str, font: str) -> str:
    """What bullet ``char`` draws in ``font`` (a symbol font's private-use code point as its glyph)."""
    code = ord(char) - 0xF000 if 0xF020 <= ord(char) <= 0xF0FF else ord(char)
    return _DRAWN.get(font.casefold(), {}).get(code, chr(code))


_EXPECT = re.compile(r"\[expect\](.*?)\[/expect\]")  # docx4j's test files say what Word draws so


def _lo_paragraph(p: dict[str, object]) -> str:
    if "cells" in p:
        return " ".join(str(c) for c in p["cells"])  # type: ignore[attr-defined]
    label = str(p.get("label", ""))
    expected = _EXPECT.search(str(p.get("text", "")))
    if expected:  # Word's own label, written in the file, decides (LibreOffice ignores isLgl, say)
        return f"{expected.group(1)} {_EXPECT.sub('', str(p['text']))}"
    if p.get("bullet"):
        label = "".join(bullet_drawn(c, str(p.get("font", ""))) for c in label)
    return f"{label} {p.get('text', '')}"


@dataclass
class Reading:
    """One file compared on one side: our words, LibreOffice's, and where they differ."""

    file: str
    side: str
    same: bool
    why: str  # the first difference, quoted from both sides ("" when the same)


def _ours(path: Path, side: str) -> tuple[list[str], str]:
    """Our words for ``path`` on ``side`` ("new" or "old"), or ([], the error) when the reader refuses it."""
    from sec_redline.errors import InputError
    from sec_redline.fileio import read_sections

    try:
        docs = read_sections(path, side=side).value  # type: ignore[arg-type]
    except InputError as exc:
        return [], str(exc)
    return [t for d in docs for t in tokens(_EXPECT.sub("", render_text(d)))], ""


def compare(folder: Path, entry: dict[str, object]) -> list[Reading]:
    """``entry`` (a line of lo-readings.jsonl) against our reading of its file, a ``Reading`` a side (one
    when the file has no tracked change)."""
    name = str(entry["file"])
    path = folder / name
    sides = [("new", "accept_all")] + ([("old", "reject_all")] if entry.get("revisions") else [])
    out = []
    for side, key in sides:
        ours, error = _ours(path, side)
        if "error" in entry or error:
            same = bool(error) and "error" in entry
            why = "" if same else f"ours: {error or 'read'}; LibreOffice: {entry.get('error', 'read')}"
            out.append(Reading(name, side, same, why))
            continue
        lo = [t for p in entry[key] for t in tokens(_lo_paragraph(p))]  # type: ignore[attr-defined]
        boxes = Counter(t for b in entry.get("boxes", []) for t in tokens(str(b)))  # type: ignore[attr-defined]
        out.append(Reading(name, side, *_differ(ours, lo, boxes)))
    return out


def _differ(ours: list[str], lo: list[str], boxes: Counter[str]) -> tuple[bool, str]:
    """Whether ``ours`` reads as ``lo`` (what only we read may be text-box words, which LibreOffice keeps
    apart from the body), and the first difference."""
    matcher = difflib.SequenceMatcher(None, ours, lo, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            chunk = Counter(ours[a1:a2])
            if not chunk - boxes:
                boxes -= chunk
                continue
        return False, f"ours {' '.join(ours[a1:a2][:12])!r} / LibreOffice {' '.join(lo[b1:b2][:12])!r}"
    return True, ""


def readings(folder: Path) -> list[dict[str, object]]:
    with (folder / "lo-readings.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else corpus_folder()
    if folder is None:
        print("no word corpus here (see docs/word-corpus.md)", file=sys.stderr)
        return 1
    files = same = 0
    for entry in readings(folder):
        found = compare(folder, entry)
        files += 1
        ok = all(r.same for r in found)
        same += ok
        for r in found:
            if not r.same:
                print(f"{r.file}\t{r.side}\t{r.why}")
    print(f"{same} of {files} files read as LibreOffice reads them")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
