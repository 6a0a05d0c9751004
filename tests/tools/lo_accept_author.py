#!/usr/bin/python3
"""Open a .docx in headless LibreOffice, accept the revisions of one author and reject every other, and
print the paragraphs that leaves, as JSON.

Run with the system Python that has LibreOffice's ``uno`` module:

    /usr/bin/python3 tests/tools/lo_accept_author.py FILE.docx AUTHOR [AUTHOR ...]

Prints one JSON object per author, a line each: {"author", "revisions": [author of each revision seen],
"text": the paragraphs (table cells included, a paragraph each) once that author's revisions are accepted
and all others rejected, "remaining": whether any revision is left}.  Each revision is selected and
accepted or rejected as a reviewer does in Manage Changes (.uno:AcceptTrackedChange on its range), one
at a time, until none is left; the file is loaded afresh for each author.
"""

import json
import os
import sys

import uno
from lo_revisions import paragraphs
from lo_session import elements, libreoffice, prop

MAX_STEPS = 10_000


def settle(doc, dispatcher, author):
    """Accept ``author``'s revisions and reject the others, first to last."""
    frame = doc.getCurrentController().getFrame()
    controller = doc.getCurrentController()
    for _ in range(MAX_STEPS):
        redlines = list(elements(doc.getRedlines()))
        if not redlines:
            return
        r = redlines[0]
        start = r.getPropertyValue("RedlineStart")
        end = r.getPropertyValue("RedlineEnd")
        cursor = start.getText().createTextCursorByRange(start)
        cursor.gotoRange(end, True)
        controller.select(cursor)
        mine = r.getPropertyValue("RedlineAuthor") == author
        command = ".uno:AcceptTrackedChange" if mine else ".uno:RejectTrackedChange"
        dispatcher.executeDispatch(frame, command, "", 0, ())
        if len(list(elements(doc.getRedlines()))) >= len(redlines):
            raise SystemExit(f"LibreOffice did not settle the revision by {r.getPropertyValue('RedlineAuthor')}")
    raise SystemExit("too many revisions")


def main(path, authors):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    with libreoffice() as (desktop, dispatcher):
        for author in authors:
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            if doc is None:
                raise SystemExit(f"LibreOffice could not open {path}")
            seen = [r.getPropertyValue("RedlineAuthor") for r in elements(doc.getRedlines())]
            settle(doc, dispatcher, author)
            remaining = doc.getRedlines().createEnumeration().hasMoreElements()
            print(json.dumps({"author": author, "revisions": seen, "text": paragraphs(doc), "remaining": remaining}))
            doc.close(True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
