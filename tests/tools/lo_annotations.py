"""The comments of a .docx as LibreOffice reads them, with the words each is anchored on.

LibreOffice converts the file to OpenDocument (``soffice --headless --convert-to odt``, a private
profile), and its ``content.xml`` says where each annotation starts and ends and which tracked
changes lie between.  Conversion, not the UNO bridge: LibreOffice 7.4 (Debian's no-GUI build) stops
with "Binary URP bridge disposed" when a document with comments is opened through UNO, while its
conversion reads the same file whole, comments and tracked changes included.

    python tests/tools/lo_annotations.py FILE.docx   # prints the annotations as JSON
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def convert_to_odt(docx: Path, outdir: Path) -> Path:
    """``docx`` as LibreOffice writes it back as OpenDocument."""
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        done = subprocess.run(
            [
                soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
                "--convert-to", "odt", "--outdir", str(outdir), str(docx),
            ],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    odt = outdir / (docx.stem + ".odt")
    if done.returncode != 0 or not odt.exists():
        raise RuntimeError(f"LibreOffice could not convert {docx}: {done.stderr[-500:]}")
    return odt


def annotations(docx: str | Path) -> list[dict[str, object]]:
    """Each comment LibreOffice read, in document order: author, date (YYYY-MM-DD), content (its paragraphs
    joined by newlines), and on what: ``text`` (the words between its start and end as the document reads
    with every change shown), ``inserted`` and ``deleted`` (the tracked insertions and deletions there)."""
    with tempfile.TemporaryDirectory() as tmp:
        odt = convert_to_odt(Path(docx), Path(tmp))
        root = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"), etree.XMLParser(resolve_entities=False))
    regions = {}
    for region in root.iter(_q("text", "changed-region")):
        rid = region.get(_q("text", "id"))
        kind = etree.QName(region[0]).localname  # insertion, deletion or format-change
        words = " ".join("".join(p.itertext()) for p in region[0] if etree.QName(p).localname in ("p", "h"))
        regions[rid] = (kind, words)
    found: list[dict[str, object]] = []
    open_notes: dict[str, dict[str, object]] = {}
    open_changes: list[str] = []
    # Deletions at the point reached, no word read since: OpenDocument keeps a deletion's words apart and
    # marks only its point, and a comment starting at that point is written after the mark, though it
    # stands on the same place; so those deletions are the comment's too.
    points_here: list[str] = []

    def visit(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == _q("text", "tracked-changes"):
            return
        if tag == _q("office", "annotation"):
            note = {
                "author": el.findtext("dc:creator", default="", namespaces=NS),
                "date": el.findtext("dc:date", default="", namespaces=NS)[:10],
                "content": "\n".join("".join(p.itertext()) for p in el.iterfind("text:p", NS)),
                "text": "",
                "inserted": [],
                "deleted": [],
            }
            note["deleted"] += points_here
            found.append(note)
            open_notes[el.get(_q("office", "name"), f"#{len(found)}")] = note
        elif tag == _q("office", "annotation-end"):
            open_notes.pop(el.get(_q("office", "name"), ""), None)
        elif tag == _q("text", "change-start"):
            open_changes.append(el.get(_q("text", "change-id")))
        elif tag == _q("text", "change-end"):
            cid = el.get(_q("text", "change-id"))
            if cid in open_changes:
                open_changes.remove(cid)
        elif tag == _q("text", "change"):  # a deletion, at the point it was made
            _kind, words = regions.get(el.get(_q("text", "change-id")), ("", ""))
            points_here.append(words)
            for note in open_notes.values():
                note["deleted"].append(words)
        else:
            _words(el.text)
            for child in el:
                visit(child)
                _words(child.tail)
            return

    def _words(text: str | None) -> None:
        if not text:
            return
        points_here.clear()
        inserted = any(regions.get(c, ("",))[0] == "insertion" for c in open_changes)
        for note in open_notes.values():
            note["text"] += text
            if inserted:
                note["inserted"].append(text)

    body = root.find("office:body", NS)
    visit(body)
    for note in found:  # an insertion's pieces, joined as they read
        note["inserted"] = ["".join(note["inserted"])] if note["inserted"] else []
    return found


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(json.dumps({"file": path, "annotations": annotations(path)}))
