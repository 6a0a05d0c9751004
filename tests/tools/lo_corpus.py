#!/usr/bin/python3
"""LibreOffice's readings of Word files, for the word corpus (docs/word-corpus.md).

Run with the system Python that has LibreOffice's ``uno`` module:

    /usr/bin/python3 tests/tools/lo_corpus.py FILE.docx [FILE.docx ...] > readings.jsonl

Prints one JSON object per file, a line each: {"file", "revisions": N, "accept_all": [PARA, ...],
"reject_all": [PARA, ...], "boxes": [text, ...]} (with "via": "text" when read from LibreOffice's text
export, for a file without tracked changes that its UNO load refuses, as it does some files with comments), or
{"file", "error": "..."} when LibreOffice cannot open it.  PARA: {"label", "bullet", "font", "text"} for a
paragraph (its list label as LibreOffice draws it, whether that label is a bullet and the bullet's font),
{"cells": [text, ...]} for a table row.  A file with no
tracked change is loaded once (its accept_all and reject_all are the same reading).  One LibreOffice
serves every file.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import uno
from com.sun.star.style.NumberingType import CHAR_SPECIAL
from lo_session import elements, libreoffice, prop


def _level(par):
    rules = par.getPropertyValue("NumberingRules")
    if rules is None:
        return {}
    return {p.Name: p.Value for p in rules.getByIndex(par.getPropertyValue("NumberingLevel"))}


def _font(level):
    font = level.get("BulletFont")
    return (getattr(font, "Name", "") or level.get("BulletFontName") or "") if font is not None else ""


def _cell(cell):
    """A cell's words, the rows of a table inside it included (its getString leaves them out)."""
    words = []
    for p in paragraphs(cell):
        words.append(" ".join(p["cells"]) if "cells" in p else f"{p['label']} {p['text']}".strip())
    return " ".join(words)


def _rows(table):
    out = []
    rows, cols = table.getRows().getCount(), table.getColumns().getCount()
    names = table.getCellNames()
    try:
        for row in range(rows):
            out.append({"cells": [_cell(table.getCellByPosition(col, row)) for col in range(cols)]})
    except Exception:  # merged cells: LibreOffice names them, by row letter-number
        by_row = {}
        for name in names:
            digits = "".join(c for c in name if c.isdigit())
            by_row.setdefault(int(digits.split(".")[0] if digits else 0), []).append(_cell(table.getCellByName(name)))
        out = [{"cells": cells} for _, cells in sorted(by_row.items())]
    return out


def paragraphs(text):
    out = []
    for par in elements(text):
        if par.supportsService("com.sun.star.text.Paragraph"):
            numbered = par.getPropertyValue("NumberingIsNumber")
            label = par.getPropertyValue("ListLabelString") if numbered else ""
            level = _level(par) if numbered else {}
            bullet = level.get("NumberingType") == CHAR_SPECIAL
            if bullet and not label:
                label = level.get("BulletChar") or ""
            out.append(
                {
                    "label": label or "",
                    "bullet": bullet,
                    "font": _font(level) if bullet else "",
                    "text": par.getString(),
                }
            )
        elif par.supportsService("com.sun.star.text.TextTable"):
            out += _rows(par)
    return out


def boxes(doc):
    """The paragraphs of every text box: LibreOffice's text frames, and the text of its drawing shapes (a
    shape's own text, or the frame a Word text box is bound to)."""
    out = []
    frames = doc.getTextFrames()
    for name in frames.getElementNames():
        try:
            out += [p.get("text", " ".join(p.get("cells", []))) for p in paragraphs(frames.getByName(name).getText())]
        except Exception:
            continue
    page = doc.getDrawPage()
    for i in range(page.getCount()):
        out += _shape_text(page.getByIndex(i))
    return out


def _shape_text(shape):
    """The paragraphs of a drawing shape's own text, and of the shapes of a group."""
    try:
        if shape.supportsService("com.sun.star.drawing.GroupShape"):
            return [t for k in range(shape.getCount()) for t in _shape_text(shape.getByIndex(k))]
        text = shape.getText() if hasattr(shape, "getText") else None
        if text is not None and text.getString():
            return [p.get("text", " ".join(p.get("cells", []))) for p in paragraphs(text)]
    except Exception:  # a shape that holds no text LibreOffice can give (a chart, an image)
        pass
    return []


def _has_revisions(path):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except Exception:
        return True
    return any(tag in xml for tag in (b"<w:ins ", b"<w:del ", b"<w:moveFrom ", b"<w:moveTo "))


def text_export(path):
    """LibreOffice's text export of ``path`` (list labels included), a paragraph a line: for a file that its
    UNO load refuses though the command line converts it (some files with comments); None when that fails too
    or the file has tracked changes (the export shows both sides of them)."""
    if _has_revisions(path):
        return None
    work = tempfile.mkdtemp(prefix="lo-text-")
    try:
        subprocess.run(
            [
                shutil.which("soffice") or "/usr/bin/soffice",
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
                work,
                os.path.abspath(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=180,
            check=False,
        )
        out = os.path.join(work, os.path.splitext(os.path.basename(path))[0] + ".txt")
        if not os.path.exists(out):
            return None
        with open(out, encoding="utf-8-sig") as fh:
            return fh.read().splitlines()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def inspect(desktop, dispatcher, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))

    def load():
        return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))

    result = {"file": path}
    try:
        doc = load()
    except Exception as exc:  # an encrypted or broken file
        return {"file": path, "error": f"{type(exc).__name__}: {exc}"[:300]}
    if doc is None:
        lines = text_export(path)
        if lines is not None:
            paras = [{"label": "", "bullet": False, "font": "", "text": line} for line in lines]
            return {"file": path, "revisions": 0, "boxes": [], "accept_all": paras, "reject_all": paras, "via": "text"}
        return {"file": path, "error": "LibreOffice could not open it"}
    count = 0
    for _ in elements(doc.getRedlines()):
        count += 1
    result["revisions"] = count
    result["boxes"] = boxes(doc)
    if not count:
        result["accept_all"] = result["reject_all"] = paragraphs(doc.getText())
        doc.close(True)
        return result
    for command, key in (
        (".uno:AcceptAllTrackedChanges", "accept_all"),
        (".uno:RejectAllTrackedChanges", "reject_all"),
    ):
        if doc is None:
            doc = load()
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        result[key] = paragraphs(doc.getText())
        doc.close(True)
        doc = None
    return result


def main(paths):
    rest = list(paths)
    while rest:  # a file that brings LibreOffice down is said, and a fresh one reads the rest
        with libreoffice() as (desktop, dispatcher):
            while rest:
                path = rest.pop(0)
                try:
                    found = inspect(desktop, dispatcher, path)
                except Exception as exc:
                    found = {"file": path, "error": f"{type(exc).__name__}: {exc}"[:300]}
                print(json.dumps(found), flush=True)
                if "DisposedException" in found.get("error", ""):
                    break


if __name__ == "__main__":
    main(sys.argv[1:])
