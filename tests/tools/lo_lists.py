#!/usr/bin/python3
"""Word documents with list numbering, made by LibreOffice, and LibreOffice's own reading of them.

Run with the system Python that has LibreOffice's ``uno`` module:

    /usr/bin/python3 tests/tools/lo_lists.py build SPEC.json OUT.docx [SPEC.json OUT.docx ...]
    /usr/bin/python3 tests/tools/lo_lists.py labels FILE.docx [FILE.docx ...]
    /usr/bin/python3 tests/tools/lo_lists.py resave IN OUT [IN OUT ...]   (OUT .docx or .odt)
    /usr/bin/python3 tests/tools/lo_lists.py notes FILE.docx [FILE.docx ...]

SPEC (JSON): {"lists": {NAME: [LEVEL, ...]}, "paragraphs": [PARA, ...], "footnotes": [NOTE, ...],
              "track": [CHANGE, ...], "visual": false, "untracked": [LIST, ...]}
  NOTE:  {"after": "words", "text": "the note's text", "occurrence": 1}: a footnote referred to after those words
  ("visual": true makes the changes as formatting instead of tracked changes: inserted words double-underlined
  in blue, deleted words struck through in red, as printed Annex A documents are marked)
  LEVEL: {"type": "decimal"|"lowerLetter"|"upperLetter"|"lowerRoman"|"upperRoman"|"bullet"|"none"|"ordinalText"
          |"cardinalText"|"decimalEnclosedCircle",
          "format": "G3.%1%" (LibreOffice's list format: %N% is level N), "start": 1, "bullet": "•"}
  PARA:  {"text": "...", "list": NAME or null, "level": 0, "restart": false, "start": null}
  CHANGE (made with change tracking on, as an author would): {"after": "words", "insert": "new words",
          "occurrence": 1}, {"delete": "words", "occurrence": 1}, or {"join": "words", "occurrence": 1}: the
          paragraph mark of the paragraph holding those words deleted (it and the next become one)
  LIST:  {"paragraph": 2, "list": NAME or null}: after the tracked changes, with change tracking off, that
          paragraph (from 0, as built) put in that list or taken out of any (an author's later, untracked edit)
`labels` prints, a JSON line per file: {"file", "paragraphs": [{"label", "bullet", "level", "text"}],
"accept_all": [...], "reject_all": [...]}: LibreOffice's list label (ListLabelString) and text of every
body paragraph as loaded, after Accept All and after Reject All; "..._boxes": the paragraphs of text boxes.
`notes` prints, a JSON line per file: {"file", "footnotes": [{"label", "text", "called_from"}], "endnotes": [...],
"paragraphs": [...]}: the notes in LibreOffice's footnotes and endnotes collections, and the body's paragraphs.
"""

import json
import os
import sys

import uno
from com.sun.star.awt.FontStrikeout import SINGLE as SINGLE_STRIKE
from com.sun.star.awt.FontUnderline import DOUBLE as DOUBLE_UNDERLINE
from com.sun.star.style.NumberingType import (
    ARABIC,
    CHAR_SPECIAL,
    CHARS_LOWER_LETTER,
    CHARS_UPPER_LETTER,
    CIRCLE_NUMBER,
    NUMBER_NONE,
    ROMAN_LOWER,
    ROMAN_UPPER,
    TEXT_CARDINAL,
    TEXT_ORDINAL,
)
from lo_session import elements, libreoffice, prop

TYPES = {
    "decimal": ARABIC,
    "lowerLetter": CHARS_LOWER_LETTER,
    "upperLetter": CHARS_UPPER_LETTER,
    "lowerRoman": ROMAN_LOWER,
    "upperRoman": ROMAN_UPPER,
    "bullet": CHAR_SPECIAL,
    "none": NUMBER_NONE,
    "ordinalText": TEXT_ORDINAL,
    "cardinalText": TEXT_CARDINAL,
    "decimalEnclosedCircle": CIRCLE_NUMBER,
}
PARAGRAPH_BREAK = 0


def _set_level(rules, index, values):
    level = list(rules.getByIndex(index))
    names = [p.Name for p in level]
    for p in level:
        if p.Name in values:
            p.Value = values[p.Name]
    level += [prop(k, v) for k, v in values.items() if k not in names]
    uno.invoke(rules, "replaceByIndex", (index, uno.Any("[]com.sun.star.beans.PropertyValue", tuple(level))))


def _find(doc, words, nth):
    """The ``nth`` place ``words`` stand in the document."""
    search = doc.createSearchDescriptor()
    search.SearchString = words
    matches = doc.findAll(search)
    if matches.getCount() < nth:
        raise SystemExit(f"not found in the document: {words!r} (occurrence {nth})")
    return matches.getByIndex(nth - 1)


def build(desktop, spec, out):
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
    family = doc.getStyleFamilies().getByName("NumberingStyles")
    for name, levels in spec.get("lists", {}).items():
        style = doc.createInstance("com.sun.star.style.NumberingStyle")
        family.insertByName(name, style)
        rules = style.NumberingRules
        for i, lv in enumerate(levels):
            values = {
                "NumberingType": TYPES[lv.get("type", "decimal")],
                "StartWith": lv.get("start", 1),
                "ListFormat": lv.get("format", f"%{i + 1}%."),
                "Prefix": "",
                "Suffix": "",
            }
            if lv.get("type") == "bullet":
                values.update({"BulletChar": lv.get("bullet", "\u2022"), "BulletFontName": "OpenSymbol"})
            _set_level(rules, i, values)
        style.NumberingRules = rules
    text = doc.getText()
    cursor = text.createTextCursor()
    for i, para in enumerate(spec["paragraphs"]):
        if i:
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, para["text"], False)
        cursor.gotoStartOfParagraph(True)
        if para.get("list"):
            cursor.setPropertyValue("NumberingStyleName", para["list"])
            cursor.setPropertyValue("NumberingLevel", para.get("level", 0))
            if para.get("restart"):
                cursor.setPropertyValue("ParaIsNumberingRestart", True)
            if para.get("start") is not None:
                cursor.setPropertyValue("NumberingStartValue", para["start"])
        else:
            cursor.setPropertyValue("NumberingStyleName", "")
        cursor.gotoEndOfParagraph(False)
    if spec.get("footnote_type"):  # the footnotes' number format (e.g. "lower roman"), as Tools > Footnotes sets it
        doc.getFootnoteSettings().setPropertyValue("NumberingType", TYPES[spec["footnote_type"]])
    for note in spec.get("footnotes", []):  # a footnote whose reference stands after the words given
        found = _find(doc, note["after"], note.get("occurrence", 1))
        footnote = doc.createInstance("com.sun.star.text.Footnote")
        end = found.getText().createTextCursorByRange(found.getEnd())
        end.getText().insertTextContent(end, footnote, False)
        footnote.getText().setString(note["text"])
    visual = spec.get("visual", False)  # mark the changes by formatting, as printed Annex A documents are
    if spec.get("track"):
        doc.setPropertyValue("RecordChanges", not visual)
        for change in spec["track"]:
            words = change.get("after") or change.get("delete") or change["join"]
            found = _find(doc, words, change.get("occurrence", 1))
            if "join" in change:  # select the paragraph mark (the break after the paragraph's end) and delete it
                cursor = found.getText().createTextCursorByRange(found.getEnd())
                cursor.gotoEndOfParagraph(False)
                cursor.goRight(1, True)
                cursor.setString("")
            elif "delete" in change and visual:
                found.setPropertyValue("CharStrikeout", SINGLE_STRIKE)
                found.setPropertyValue("CharColor", 0xC00000)
            elif "delete" in change:
                found.setString("")
            else:
                end = found.getText().createTextCursorByRange(found.getEnd())
                end.getText().insertString(end, change["insert"], False)
                if visual:
                    end.goLeft(len(change["insert"]), True)
                    end.setPropertyValue("CharUnderline", DOUBLE_UNDERLINE)
                    end.setPropertyValue("CharColor", 0x1F4E79)
    doc.setPropertyValue("RecordChanges", False)
    paragraphs = [p for p in elements(text) if p.supportsService("com.sun.star.text.Paragraph")]
    for edit in spec.get("untracked", []):
        paragraphs[edit["paragraph"]].setPropertyValue("NumberingStyleName", edit["list"] or "")
    _store(doc, out)
    doc.close(True)


def _store(doc, out):
    flt = "writer8" if out.endswith(".odt") else "MS Word 2007 XML"
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", flt),))


def _paragraphs(doc):
    out = []
    for par in elements(doc.getText()):
        if par.supportsService("com.sun.star.text.Paragraph"):
            numbered = par.getPropertyValue("NumberingIsNumber")
            label = par.getPropertyValue("ListLabelString") if numbered else ""
            rules = par.getPropertyValue("NumberingRules") if numbered else None
            bullet = False
            if rules is not None:
                level = {p.Name: p.Value for p in rules.getByIndex(par.getPropertyValue("NumberingLevel"))}
                bullet = level.get("NumberingType") == CHAR_SPECIAL
            out.append(
                {
                    "label": label or "",
                    "bullet": bullet,
                    "level": par.getPropertyValue("NumberingLevel"),
                    "text": par.getString(),
                }
            )
        elif par.supportsService("com.sun.star.text.TextTable"):
            for row in range(par.getRows().getCount()):
                cells = [par.getCellByPosition(col, row).getString() for col in range(par.getColumns().getCount())]
                out.append({"label": "", "bullet": False, "level": 0, "text": " ".join(cells), "row": True})
    return out


def _boxes(doc):
    """The text of every text box (a shape or frame holding text), in the order LibreOffice keeps them."""
    out = []
    page = doc.getDrawPage()
    for i in range(page.getCount()):
        shape = page.getByIndex(i)
        text = shape.getText() if hasattr(shape, "getText") else None
        if text is None and hasattr(shape, "TextFrame") and shape.TextFrame is not None:
            text = shape.TextFrame.getText()
        if text is not None:
            out += [par.getString() for par in elements(text) if par.supportsService("com.sun.star.text.Paragraph")]
    return out


def labels(desktop, dispatcher, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    result = {"file": path}
    for command, key in (
        (None, "paragraphs"),
        (".uno:AcceptAllTrackedChanges", "accept_all"),
        (".uno:RejectAllTrackedChanges", "reject_all"),
    ):
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if command:
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        result[key] = _paragraphs(doc)
        result[key + "_boxes"] = _boxes(doc)
        doc.close(True)
    return result


def notes(desktop, path):
    """LibreOffice's footnotes and endnotes of ``path``: each note's text and the paragraph it is called from."""
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),)
    )
    result = {"file": path}
    for key, collection in (("footnotes", doc.getFootnotes()), ("endnotes", doc.getEndnotes())):
        found = []
        for i in range(collection.getCount()):
            note = collection.getByIndex(i)
            anchor = note.getAnchor()
            cursor = anchor.getText().createTextCursorByRange(anchor.getStart())
            cursor.gotoStartOfParagraph(False)
            cursor.gotoEndOfParagraph(True)
            found.append({"label": note.getLabel(), "text": note.getString(), "called_from": cursor.getString()})
        result[key] = found
    result["paragraphs"] = [p["text"] for p in _paragraphs(doc)]
    doc.close(True)
    return result


def resave(desktop, src, out):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),)
    )
    _store(doc, out)
    doc.close(True)


def main(argv):
    with libreoffice() as (desktop, dispatcher):
        if argv[0] == "build":
            for spec, out in zip(argv[1::2], argv[2::2], strict=True):
                with open(spec, encoding="utf-8") as fh:
                    build(desktop, json.load(fh), out)
        elif argv[0] == "labels":
            for path in argv[1:]:
                print(json.dumps(labels(desktop, dispatcher, path)), flush=True)
        elif argv[0] == "notes":
            for path in argv[1:]:
                print(json.dumps(notes(desktop, path)), flush=True)
        elif argv[0] == "resave":
            for src, out in zip(argv[1::2], argv[2::2], strict=True):
                resave(desktop, src, out)
        else:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
