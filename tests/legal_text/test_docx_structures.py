"""Everything in a Word document that holds text, on both sides of its tracked changes, against LibreOffice's
own reading of the same files.  The fixtures are small hand-written WordprocessingML (LibreOffice cannot
itself write each of these constructs on purpose); LibreOffice opens them, accepts and rejects all, and
its words are what ours must be, word for word.  All wording is illustrative."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from legal_text.ooxml import side_paragraphs
from legal_text.ooxml.numbering import SYMBOL_BULLETS
from tests.support import lo_lists, requires_libreoffice

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
STAMP = 'w:author="SECAS" w:date="2019-10-04T00:00:00Z"'


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(rid: int, text: str) -> str:
    return f'<w:ins w:id="{rid}" {STAMP}>{r(text)}</w:ins>'


def dele(rid: int, text: str) -> str:
    return f'<w:del w:id="{rid}" {STAMP}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def _textbox(words: str) -> str:
    """A text box as Word writes one: a DrawingML shape, with a VML copy as the fallback."""
    content = f"<w:txbxContent>{p(r(words))}</w:txbxContent>"
    choice = (
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="1" name="Box 1"/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{content}</wps:txbx>'
        f"<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    )
    fallback = f"<mc:Fallback><w:pict><v:rect><v:textbox>{content}</v:textbox></v:rect></w:pict></mc:Fallback>"
    return f"<w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>"


BODY = "".join(
    [
        p(
            r("Illustrative: the opening paragraph names "),
            '<w:bookmarkStart w:id="30" w:name="_Ref1"/>',
            r("G3.18"),
            '<w:bookmarkEnd w:id="30"/>',
            r("."),
        ),
        # a move: the sentence leaves the second paragraph and arrives in the fourth
        p(
            r("Illustrative: before the move. "),
            f'<w:moveFromRangeStart w:id="10" w:name="move1" {STAMP}/><w:moveFrom w:id="11" {STAMP}>'
            f'{r("The moved sentence.")}</w:moveFrom><w:moveFromRangeEnd w:id="10"/>',
        ),
        p(r("Illustrative: a paragraph in between.")),
        p(
            r("Illustrative: after the move. "),
            f'<w:moveToRangeStart w:id="12" w:name="move1" {STAMP}/><w:moveTo w:id="13" {STAMP}>'
            f'{r("The moved sentence.")}</w:moveTo><w:moveToRangeEnd w:id="12"/>',
        ),
        # nested: words inserted, then some of them deleted by a second author
        p(
            r("Illustrative: nested "),
            f'<w:ins w:id="14" {STAMP}>{r("inserted ")}</w:ins>',
            '<w:del w:id="15" w:author="Other" w:date="2019-10-05T00:00:00Z">'
            '<w:r><w:delText xml:space="preserve">old </w:delText></w:r></w:del>',
            r("words."),
        ),
        # a format-only change: the words are the same on both sides
        p(
            f'<w:r><w:rPr><w:b/><w:rPrChange w:id="16" {STAMP}><w:rPr/></w:rPrChange></w:rPr>'
            f"<w:t>Illustrative: made bold, a change of format only.</w:t></w:r>"
        ),
        # a table with a row inserted and a row deleted
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/>'
        '<w:gridCol w:w="4000"/></w:tblGrid>',
        f"<w:tr><w:tc>{p(r('Item'))}</w:tc><w:tc>{p(r('Notes'))}</w:tc></w:tr>",
        f'<w:tr><w:trPr><w:ins w:id="17" {STAMP}/></w:trPr>',
        f"<w:tc>{p(ins(18, 'Added row'))}</w:tc><w:tc>{p(ins(19, 'new'))}</w:tc></w:tr>",
        f'<w:tr><w:trPr><w:del w:id="20" {STAMP}/></w:trPr>',
        f"<w:tc>{p(dele(21, 'Deleted row'))}</w:tc><w:tc>{p(dele(22, 'old'))}</w:tc></w:tr>",
        "</w:tbl>",
        # content controls: a block one holding a paragraph, and an inline one inside a paragraph
        f'<w:sdt><w:sdtPr><w:alias w:val="Illustrative block"/></w:sdtPr><w:sdtContent>'
        f"{p(r('Illustrative: a paragraph inside a block content control.'))}</w:sdtContent></w:sdt>",
        p(
            r("Illustrative: an inline "),
            f"<w:sdt><w:sdtPr/><w:sdtContent>{r('content control')}</w:sdtContent></w:sdt>",
            r(" in a sentence."),
        ),
        # fields: a simple one and a complex one, each read by its result
        p(
            r("Illustrative: see page "),
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>',
            r(" and section "),
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            r("G3.18"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            r("."),
        ),
        # characters: a non-breaking hyphen, a soft hyphen, a tab, a line break, a symbol
        p(
            r("Illustrative: the Security Sub"),
            "<w:r><w:noBreakHyphen/></w:r>",
            r("Committee"),
            "<w:r><w:softHyphen/></w:r>",
            r(" shall"),
            "<w:r><w:tab/></w:r>",
            r("act;"),
            "<w:r><w:br/></w:r>",
            r("the Panel shall"),
            '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
            r(" decide."),
        ),
        # a text box, written twice (DrawingML and its VML fallback) but one text box
        p(r("Illustrative: a paragraph holding a text box."), _textbox("Illustrative: the words in the box.")),
        p(r("Illustrative: the closing paragraph.")),
    ]
)

NAMESPACES = f'xmlns:w="{W}" xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:v="{V}"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/main.xml"/></Relationships>'
)


def structures_docx() -> bytes:
    """The fixture; its main part is word/main.xml, found through the package relationships."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace("/word/document.xml", "/word/main.xml"))
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/main.xml", f'<w:document {NAMESPACES} mc:Ignorable="wps"><w:body>{BODY}</w:body></w:document>')
    return buf.getvalue()


# LibreOffice keeps a non-breaking hyphen as U+2011 and a soft hyphen as U+00AD, and a Symbol-font bullet as
# its private-use code point; we read them as a person sees them: "-", nothing (mid-line), and "•".
_AS_SEEN = {"\u2011": "-", "\u00ad": "", **SYMBOL_BULLETS}


def _words(texts: list[str]) -> list[str]:
    return " ".join("".join(_AS_SEEN.get(c, c) for c in t) for t in texts).split()


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("structures") / "structures.docx"
    path.write_bytes(structures_docx())
    return path


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        (
            "new",
            [
                "Illustrative: before the move.",
                "Illustrative: after the move. The moved sentence.",
                "Illustrative: nested inserted words.",
                "| Added row | new |",
            ],
        ),
        (
            "old",
            [
                "Illustrative: before the move. The moved sentence.",
                "Illustrative: after the move.",
                "Illustrative: nested old words.",
                "| Deleted row | old |",
            ],
        ),
    ],
)
def test_each_side_reads_each_structure_once(fixture: Path, side: str, expected: list[str]) -> None:
    texts = [para.text.strip() for para in side_paragraphs(fixture.read_bytes(), side)]
    for line in expected:
        assert line in texts
    joined = "\n".join(texts)
    assert joined.count("The moved sentence.") == 1 and joined.count("the words in the box") == 1
    assert "Illustrative: a paragraph inside a block content control." in texts
    assert "Illustrative: an inline content control in a sentence." in texts
    assert "Illustrative: see page 1 and section G3.18." in texts  # fields by their results, no instructions
    assert "Illustrative: the Security Sub-Committee shall\tact;\nthe Panel shall\u2022 decide." in texts
    assert "Illustrative: made bold, a change of format only." in texts
    box = texts.index("Illustrative: the words in the box.")
    assert texts[box - 1] == "Illustrative: a paragraph holding a text box."  # its own paragraph, after its anchor


@requires_libreoffice
@pytest.mark.libreoffice
def test_words_on_both_sides_are_libreoffices(fixture: Path) -> None:
    (seen,) = lo_lists("labels", str(fixture))
    for side, view in (("new", "accept_all"), ("old", "reject_all")):
        paras = side_paragraphs(fixture.read_bytes(), side)
        ours = [(para.cells and " ".join(para.cells)) or para.text for para in paras]
        boxes = seen[f"{view}_boxes"]
        body = [t for t in ours if t not in boxes]
        assert sorted(t for t in ours if t in boxes) == sorted(boxes)
        theirs = [t["text"] for t in seen[view]]
        assert _words(body) == _words(theirs), side


FOOTNOTES = (
    f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
    '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    f'{r(" Illustrative note: the first.")}</w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
    f"{r(' Illustrative note: the second.')}</w:p></w:footnote></w:footnotes>"
)


def notes_docx() -> bytes:
    """Two provisions (illustrative), the first referring to two footnotes, one of them in its text after a list."""
    body = "".join(
        [
            p(
                r("G3.20 Each User shall notify the Panel"),
                '<w:r><w:footnoteReference w:id="2"/></w:r>',
                r(" promptly:"),
            ),
            p(r("(a) of the first matter"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r("; and")),
            p(r("(b) of the second matter,")),
            p(r("in writing"), '<w:r><w:footnoteReference w:id="1"/></w:r>', r(".")),
            p(r("G3.21 Illustrative provision without notes.")),
        ]
    )
    types = CONTENT_TYPES.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", RELS.replace("word/main.xml", "word/document.xml"))
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>")
        z.writestr("word/footnotes.xml", FOOTNOTES)
    return buf.getvalue()


def test_note_references_stand_as_markers_and_their_text_stays_apart(tmp_path: Path) -> None:
    from legal_text import ClauseRef, dump_json, read_docx

    (doc,) = read_docx(notes_docx(), "notes.docx").value
    g320 = doc.find(ClauseRef.parse("G3.20"))
    assert g320 is not None and g320.text == "Each User shall notify the Panel\u00b9 promptly:"
    assert g320.trailing == "in writing\u00b3."  # numbered in reading order, as Word shows them
    assert g320.notes == (("\u00b9", "Illustrative note: the second."), ("\u00b3", "Illustrative note: the first."))
    g320a = doc.find(ClauseRef.parse("G3.20(a)"))
    assert g320a is not None and g320a.text == "of the first matter\u00b2; and"
    assert g320a.notes == (("\u00b2", "Illustrative note: the first."),)
    assert "Illustrative note" not in g320.text + g320.trailing
    assert doc.find(ClauseRef.parse("G3.21")).notes == ()
    data = json.loads(dump_json(doc))
    assert data["body"][0]["notes"][0] == {"marker": "\u00b9", "text": "Illustrative note: the second."}


@requires_libreoffice
@pytest.mark.libreoffice
def test_note_markers_are_where_libreoffice_shows_the_numbers(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(notes_docx())
    (seen,) = lo_lists("labels", str(path))
    theirs = [t["text"] for t in seen["accept_all"]]
    ours = [para.text for para in side_paragraphs(path.read_bytes(), "new")]
    # LibreOffice runs the note's number into the word ("Panel1"); we raise it, as Word shows it ("Panel¹").
    assert [t.translate(str.maketrans("\u00b9\u00b2\u00b3", "123")) for t in ours] == theirs


# A Word base's footnotes carried through: the amended Word file and the Annex A hold them as Word footnotes.
NOTES_CHANGES = """modification: MP901
title: "Illustrative"
base: "6.17"
author: SECAS
date: 2024-05-01
changes:
"""


def test_a_word_bases_footnotes_are_word_footnotes_in_the_amended_word_file(tmp_path: Path) -> None:
    """apply keeps each provision's notes; the amended .docx refers to them as Word footnotes where their
    markers stand, so reading it back gives the same words and notes; a .txt output says it cannot hold
    them."""
    from legal_text import read_docx
    from tests.support import run_cli
    from tests.tools.ooxml_validate import schema_dir, validate_package

    base = tmp_path / "notes.docx"
    base.write_bytes(notes_docx())
    cs = tmp_path / "cs.yaml"
    cs.write_text(NOTES_CHANGES + '  - in: G3.21\n    after: "Illustrative"\n    insert: "(amended)"\n', "utf-8")
    r = run_cli("apply", base, cs, "-o", tmp_path / "out.docx")
    assert r.returncode == 0, r.stderr
    (before,) = read_docx(notes_docx(), "notes.docx").value
    (after,) = read_docx((tmp_path / "out.docx").read_bytes(), "out.docx").value
    assert [(str(c.ref), c.notes) for c in after.clauses()] == [(str(c.ref), c.notes) for c in before.clauses()]
    assert [c.text for c in after.clauses()][:3] == [c.text for c in before.clauses()][:3]
    assert next(after.clauses()).trailing == "in writing\u00b3."
    footnotes = zipfile.ZipFile(tmp_path / "out.docx").read("word/footnotes.xml").decode()
    assert footnotes.count("Illustrative note: the first.") == 2 and footnotes.count("the second.") == 1
    assert validate_package(tmp_path / "out.docx", schema_dir()) == []
    r = run_cli("apply", base, cs, "-o", tmp_path / "out.txt")
    assert "warning: the base's 3 footnote(s) (in G3.20 and others) cannot be kept here" in r.stderr


@requires_libreoffice
@pytest.mark.libreoffice
def test_an_annex_a_marks_a_footnote_reference_deleted_with_its_words(tmp_path: Path) -> None:
    """Where a change set deletes the words holding a note's marker, the Annex A's tracked deletion takes the
    footnote reference with it: LibreOffice's Accept All has two notes, numbered 1 and 2, Reject All the
    base's three; every note's text is the base's."""
    from tests.support import run_cli

    base = tmp_path / "notes.docx"
    base.write_bytes(notes_docx())
    cs = tmp_path / "cs.yaml"
    ops = '  - in: G3.20\n    replace: "promptly"\n    with: "at once"\n'
    ops += '  - in: G3.20(a)\n    replace: "first matter\u00b2"\n    with: "first matter"\n'
    cs.write_text(NOTES_CHANGES + ops, encoding="utf-8")
    r = run_cli("redline", base, cs, "-o", tmp_path / "annex", "--no-pdf", "--context", "all")
    assert r.returncode == 0, r.stderr
    annex = str(tmp_path / "annex" / "annex-a.docx")
    (notes,) = lo_lists("notes", annex)
    assert [n["text"] for n in notes["footnotes"]] == [
        " Illustrative note: the second.",
        " Illustrative note: the first.",
        " Illustrative note: the first.",
    ]
    (seen,) = lo_lists("labels", annex)
    accept = [t["text"] for t in seen["accept_all"]]
    reject = [t["text"] for t in seen["reject_all"]]
    assert "G3.20\tEach User shall notify the Panel1 at once:" in accept and "in writing2." in accept
    assert "(a)\tof the first matter; and" in accept
    assert "G3.20\tEach User shall notify the Panel1 promptly:" in reject and "in writing3." in reject
    assert "(a)\tof the first matter2; and" in reject


def test_an_annex_a_in_html_lists_each_provisions_footnotes_under_it(tmp_path: Path) -> None:
    """The HTML Annex A has no footnotes of its own: each provision's notes are listed under its words, marker
    and text, so no note of the base is lost from the page (docs/images/annex-a-footnotes-html.png)."""
    import lxml.html

    from tests.support import run_cli

    base = tmp_path / "notes.docx"
    base.write_bytes(notes_docx())
    cs = tmp_path / "cs.yaml"
    cs.write_text(NOTES_CHANGES + '  - in: G3.20\n    replace: "promptly"\n    with: "at once"\n', encoding="utf-8")
    assert run_cli("redline", base, cs, "-o", tmp_path / "annex", "--no-pdf", "--context", "all").returncode == 0
    page = lxml.html.fromstring((tmp_path / "annex" / "annex-a.html").read_text(encoding="utf-8"))
    listed = {
        div.get("id"): [li.text_content() for li in div.xpath('./ul[@class="notes"]/li')]
        for div in page.find_class("clause")
    }
    assert listed["G3.20"] == ["\u00b9 Illustrative note: the second.", "\u00b3 Illustrative note: the first."]
    assert listed["G3.20(a)"] == ["\u00b2 Illustrative note: the first."]
    assert listed["G3.21"] == []


def test_a_footnote_removed_early_does_not_make_later_provisions_amended(tmp_path: Path) -> None:
    """A note's marker is its number in reading order, so removing the reference in G3.20 renumbers the markers
    of G3.20(a) and of G3.20's closing words; the comparison matches markers by their note's text, so only
    G3.20 is amended."""
    from tests.support import run_cli

    files = {}
    with zipfile.ZipFile(io.BytesIO(notes_docx())) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["word/document.xml"] = files["word/document.xml"].replace(
        b'<w:r><w:footnoteReference w:id="2"/></w:r>', b"", 1
    )
    new = tmp_path / "new.docx"
    with zipfile.ZipFile(new, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    old = tmp_path / "old.docx"
    old.write_bytes(notes_docx())
    r = run_cli("diff", old, new)
    assert r.stdout.splitlines() == ["amended   G3.20", "1 amended, 0 inserted, 0 deleted (clauses and paragraphs)."]


def test_verify_matches_footnote_markers_by_their_notes(tmp_path: Path) -> None:
    """An Annex A showing only G3.21 numbers its one footnote 1, where the base numbers it 4: verify matches the
    marker by the note's text and passes; a redline whose note says something else fails, naming it."""
    from tests.support import run_cli

    with zipfile.ZipFile(io.BytesIO(notes_docx())) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["word/document.xml"] = files["word/document.xml"].replace(
        b"without notes.</w:t></w:r>", b'without notes.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
    )
    base = tmp_path / "four.docx"
    with zipfile.ZipFile(base, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    cs = tmp_path / "cs.yaml"
    cs.write_text(NOTES_CHANGES + '  - in: G3.21\n    after: "Illustrative"\n    insert: "(amended)"\n', "utf-8")
    annex = tmp_path / "annex" / "annex-a.docx"
    assert run_cli("redline", base, cs, "-o", annex.parent, "--no-pdf", "--context", "clause").returncode == 0
    r = run_cli("verify", annex, base)
    assert r.returncode == 0 and "1 of 1 provisions matched" in r.stdout, r.stdout + r.stderr
    with zipfile.ZipFile(annex) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"].replace(b"the first.", b"a different note.")
    forged = tmp_path / "forged.docx"
    with zipfile.ZipFile(forged, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    r = run_cli("verify", forged, base)
    assert r.returncode == 1 and "G3.21: the redline's original text has other footnotes than" in r.stderr + r.stdout


def test_a_release_keeps_a_word_bases_footnotes_in_its_word_files_and_says_its_text_cannot(tmp_path: Path) -> None:
    """The consolidated .docx of a release holds the base's footnotes as Word footnotes; the consolidated .txt
    and the version store cannot, and the release and 'store add' say so on stderr."""
    from tests.support import run_cli

    (tmp_path / "notes.docx").write_bytes(notes_docx())
    (tmp_path / "MP901.yaml").write_text(
        NOTES_CHANGES + '  - in: G3.21\n    after: "Illustrative"\n    insert: "(amended)"\n', encoding="utf-8"
    )
    (tmp_path / "release.yaml").write_text(
        'release: "Illustrative release"\ndate: 2024-06-27\nbase:\n  version: "6.17"\n  path: notes.docx\n'
        'version: "6.18"\nauthor: SECAS\nmodifications:\n  - MP901.yaml\n',
        encoding="utf-8",
    )
    r = run_cli("release", tmp_path / "release.yaml", "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert "warning: the base's 3 footnote(s) (in G3.20 and others) cannot be kept here" in r.stderr
    assert "the .docx beside it keeps them" in r.stderr
    r = run_cli("store", "add", "6.17", tmp_path / "notes.docx", "--store", tmp_path / "store.sqlite")
    assert r.returncode == 0 and "the store keeps each version as text" in r.stderr, r.stderr
    (word,) = (tmp_path / "out" / "consolidated").glob("*.docx")
    footnotes = zipfile.ZipFile(word).read("word/footnotes.xml").decode()
    assert footnotes.count("Illustrative note: the first.") == 2 and footnotes.count("the second.") == 1


@requires_libreoffice
@pytest.mark.libreoffice
def test_a_footnote_libreoffice_made_is_read_and_kept_through_a_change_set(tmp_path: Path) -> None:
    """A Word file LibreOffice itself made, with a footnote after "Panel" (illustrative wording): read as the
    marker in the words and the note apart; applied and written as .docx, LibreOffice finds the same note
    called from the same words; the Annex A of the change verifies against the file."""
    from legal_text import ClauseRef, read_docx
    from tests.support import run_cli

    spec = {
        "paragraphs": [
            {"text": "Section G 'Security'"},
            {"text": "SEC Version 6.17"},
            {"text": "G3.20 Each User shall notify the Panel promptly (illustrative)."},
            {"text": "G3.21 Illustrative provision."},
        ],
        "footnotes": [{"after": "the Panel", "text": "Illustrative note made by LibreOffice."}],
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    base = tmp_path / "lo.docx"
    lo_lists("build", str(tmp_path / "spec.json"), str(base))
    (doc,) = read_docx(base.read_bytes(), "lo.docx").value
    g320 = doc.find(ClauseRef.parse("G3.20"))
    assert g320 is not None and g320.text == "Each User shall notify the Panel\u00b9 promptly (illustrative)."
    assert g320.notes == (("\u00b9", "Illustrative note made by LibreOffice."),)
    cs = tmp_path / "cs.yaml"
    cs.write_text(NOTES_CHANGES + '  - in: G3.21\n    after: "Illustrative"\n    insert: "(amended)"\n', "utf-8")
    assert run_cli("apply", base, cs, "-o", tmp_path / "out.docx").returncode == 0
    (seen,) = lo_lists("notes", str(tmp_path / "out.docx"))
    assert [(n["text"], n["called_from"]) for n in seen["footnotes"]] == [
        (" Illustrative note made by LibreOffice.", "G3.20\tEach User shall notify the Panel1 promptly (illustrative).")
    ]
    assert run_cli("redline", base, cs, "-o", tmp_path / "annex", "--no-pdf", "--context", "all").returncode == 0
    r = run_cli("verify", tmp_path / "annex" / "annex-a.docx", base)
    assert r.returncode == 0 and "2 of 2 provisions matched" in r.stdout, r.stdout + r.stderr


@requires_libreoffice
@pytest.mark.libreoffice
def test_footnote_marks_take_the_sections_number_format_when_settings_give_none(tmp_path):
    """LibreOffice writes a footnote number format (lower roman) both in the settings and in the section's
    properties; Word may give it in the section alone.  With the settings' copy taken out of the file
    LibreOffice made, the marks are still i and ii, raised (the format was lost when the file had notes: the
    notes part was looked in for the section)."""
    from legal_text import ClauseRef, read_docx

    spec = {
        "paragraphs": [
            {"text": "Section G 'Security'"},
            {"text": "G1.1 An illustrative clause with a note here and another there."},
        ],
        "footnotes": [
            {"after": "note here", "text": "Illustrative first note."},
            {"after": "another there", "text": "Illustrative second note."},
        ],
        "footnote_type": "lowerRoman",
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    made = tmp_path / "lo.docx"
    lo_lists("build", str(tmp_path / "spec.json"), str(made))
    (seen,) = lo_lists("notes", str(made))
    assert "herei and another thereii" in seen["paragraphs"][1]  # LibreOffice's own reading: lower roman
    out = io.BytesIO()
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/settings.xml":
                start, end = data.index(b"<w:footnotePr>"), data.index(b"</w:footnotePr>") + len(b"</w:footnotePr>")
                data = data[:start] + data[end:]
            dst.writestr(item, data)
    assert b'w:numFmt w:val="lowerRoman"' in zipfile.ZipFile(out).read("word/document.xml")
    (doc,) = read_docx(out.getvalue(), "section-only.docx").value
    g11 = doc.find(ClauseRef.parse("G1.1"))
    assert (
        g11 is not None and g11.text == "An illustrative clause with a note here\u2071 and another there\u2071\u2071."
    )
