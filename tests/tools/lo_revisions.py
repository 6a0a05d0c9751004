#!/usr/bin/python3
"""Open a .docx in headless LibreOffice and report what it sees, as JSON.

Run with the system Python that has LibreOffice's ``uno`` module:

    /usr/bin/python3 tests/tools/lo_revisions.py FILE.docx [FILE.docx ...]

Prints one JSON object per file, a line each: {"file", "revisions": [{type,
author, date}], "text", "accept_all", "reject_all"}: the document's
paragraphs (table cells included, a paragraph each) as loaded, after Accept
All, and after Reject All, and "annotations": [{author, date, content,
anchor}], the comments as LibreOffice reads them with the words each is
anchored on (the file is loaded afresh for each).  One
LibreOffice serves every file.
"""

import json
import os
import sys

import uno
from lo_session import elements, libreoffice, prop


def paragraphs(doc):
    out = []
    for par in elements(doc.getText()):
        if par.supportsService("com.sun.star.text.Paragraph"):
            out.append(par.getString())
        elif par.supportsService("com.sun.star.text.TextTable"):
            for name in par.getCellNames():
                out.append(par.getCellByName(name).getString())
    return out


def main(paths):
    with libreoffice() as (desktop, dispatcher):
        for path in paths:
            print(json.dumps(inspect(desktop, dispatcher, path)), flush=True)


def inspect(desktop, dispatcher, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))

    def load():
        return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))

    result = {"file": path}
    doc = load()
    if doc is None:
        raise SystemExit(f"LibreOffice could not open {path}")
    revs = []
    for r in elements(doc.getRedlines()):
        dt = r.getPropertyValue("RedlineDateTime")
        rev = {
            "type": r.getPropertyValue("RedlineType"),
            "author": r.getPropertyValue("RedlineAuthor"),
            "date": f"{dt.Year:04d}-{dt.Month:02d}-{dt.Day:02d}",
        }
        if r.getPropertySetInfo().hasPropertyByName("RedlineMoved"):  # LibreOffice 7.x marks moves so
            rev["moved"] = bool(r.getPropertyValue("RedlineMoved"))
        revs.append(rev)
    result["revisions"] = revs
    notes = []
    for field in elements(doc.getTextFields()):
        if field.supportsService("com.sun.star.text.TextField.Annotation"):
            when = field.getPropertyValue("DateTimeValue")
            notes.append(
                {
                    "author": field.getPropertyValue("Author"),
                    "date": f"{when.Year:04d}-{when.Month:02d}-{when.Day:02d}",
                    "content": field.getPropertyValue("Content"),
                    "anchor": field.getAnchor().getString(),
                }
            )
    result["annotations"] = notes
    result["text"] = paragraphs(doc)
    for command, key in (
        (".uno:AcceptAllTrackedChanges", "accept_all"),
        (".uno:RejectAllTrackedChanges", "reject_all"),
    ):
        if doc is None:
            doc = load()
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        result[key] = paragraphs(doc)
        result[key + "_remaining"] = doc.getRedlines().createEnumeration().hasMoreElements()
        doc.close(True)
        doc = None
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
