"""The Word package: reading parts safely, and writing a .docx from a reference document, deterministically
and schema-valid in every part.

``WordPackage`` opens a reference document (its page set-up, styles, header and footer), empties its
body, takes body blocks built by ``build``, and saves with fixed zip timestamps, our own
``docProps/app.xml`` and the settings fixed where python-docx's default template breaks ECMA-376.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lxml import etree

from .build import (
    SEPARATOR_NOTES,
    append_page_number,
    footnote_reference,
    make_comment,
    make_comments,
    make_footnote,
    make_footnotes,
)

if TYPE_CHECKING:  # python-docx is imported only when a Word file is written (reading needs only lxml)
    from docx.document import Document as DocxDocument
    from docx.opc.part import Part
    from docx.table import Table
    from docx.text.paragraph import Paragraph
from .names import MAX_PART_BYTES, W_NS, XML_NS, safe_parser, w

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
APPLICATION = "sec-redline"
MAX_REFERENCE_BYTES = 64 * 1024 * 1024  # unpacked; a house-style document is a few hundred kB
EXTENDED_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity></Properties>"
).encode()
# Relationships to parts a reference may carry that our outputs never use (python-docx's default
# template has a bibliography custom-XML part and a Mac Word thumbnail).
_UNUSED_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


class PackageError(ValueError):
    """A file that cannot serve as a Word package here; ``str()`` says why, in one line."""


# What a broken package raises while it is read: a bad CRC or a truncated stream (BadZipFile, EOFError,
# zlib.error), an encrypted entry (RuntimeError), an unsupported compression method (NotImplementedError).
_ZIP_FAULTS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    OSError,
    ValueError,
)
MAIN_PART = "word/document.xml"
FOOTNOTES_PART = "/word/footnotes.xml"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "footnote text", "footnote reference"  # Word's own style names
COMMENTS_PART = "/word/comments.xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
# What follows w:footnotePr in w:settings (CT_Settings' sequence): it goes before the first of these.
# fmt: off
_AFTER_FOOTNOTE_PR = (
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
# fmt: on
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MB = 1024 * 1024


def _source(docx_file: str | Path | bytes) -> str | Path | io.BytesIO:
    return io.BytesIO(docx_file) if isinstance(docx_file, bytes) else docx_file


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: a Word 97-2003 file, or an encrypted .docx
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # the stream an encrypted package's compound file holds
_MAX_OLE_LOOK = 64 * _MB


def _not_zip(docx_file: str | Path | bytes) -> str:
    """Why a file that is not a zip package is no .docx: a password-protected (encrypted) Word file is an OLE
    compound file holding an EncryptionInfo stream; another compound file is a Word 97-2003 document."""
    try:
        if isinstance(docx_file, bytes):
            head = docx_file[:_MAX_OLE_LOOK]
        else:
            with open(docx_file, "rb") as fh:
                head = fh.read(_MAX_OLE_LOOK)
    except OSError:
        head = b""
    if not head.startswith(OLE_SIGNATURE):
        return "not a Word document (.docx): it is not a zip package"
    if _ENCRYPTION_INFO in head:
        return "the Word document is encrypted (password-protected): save it without a password and try again"
    return "a Word 97-2003 document (.doc), not a .docx: save it as a Word document (.docx) and try again"


def open_package(docx_file: str | Path | bytes) -> zipfile.ZipFile:
    """The zip package, or PackageError when the file is not one."""
    try:
        return zipfile.ZipFile(_source(docx_file))
    except zipfile.BadZipFile:
        raise PackageError(_not_zip(docx_file)) from None
    except _ZIP_FAULTS as exc:
        raise PackageError(f"not a Word document (.docx): not a readable zip package ({_why(exc)})") from None


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__  # one line, whatever the library wrote
    return text if len(text) < 200 else text[:200] + "..."


def read_member(z: zipfile.ZipFile, name: str, limit: int = MAX_PART_BYTES) -> bytes:
    """The bytes of one member, inflated while counting: never more than ``limit`` bytes are held,
    whatever the zip's headers say (a zip bomb stops at the limit).  KeyError when there is no such
    member; PackageError for an encrypted, damaged or oversized one."""
    info = z.getinfo(name)
    if info.flag_bits & 0x1:
        raise PackageError(f"{name} is encrypted; save the document without a password")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackageError(
            f"{name} uses a compression method Word documents do not use "
            f"({info.compress_type}); re-save the document in Word or LibreOffice"
        )
    if info.file_size > limit:
        raise PackageError(f"{name} unpacks to {info.file_size // _MB} MB, more than the {limit // _MB} MB limit")
    out = bytearray()
    try:
        with z.open(info) as fh:
            while chunk := fh.read(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise PackageError(
                        f"{name} inflates to more than the {limit // _MB} MB limit "
                        f"(its header says {info.file_size} bytes): not a usable document"
                    )
    except PackageError:
        raise
    except _ZIP_FAULTS as exc:
        raise PackageError(f"{name} is damaged ({_why(exc)}); re-save the document") from None
    return bytes(out)


def check_package(docx_file: str | Path | bytes, limit: int) -> None:
    """Inflate every member, counting, to make sure the whole package is readable and within ``limit``."""
    with open_package(docx_file) as z:
        total = 0
        for info in z.infolist():
            if info.is_dir():
                continue
            total += len(read_member(z, info.filename, limit - total))
            if total > limit:
                raise PackageError(f"unpacks to more than the {limit // _MB} MB limit")


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse a part with the safe parser (no entities, no network); PackageError when it is not XML."""
    first = re.search(rb"<[A-Za-z_]", data)  # the root element: a DOCTYPE can only come before it
    if b"<!DOCTYPE" in data[: first.start() if first else len(data)]:
        raise PackageError(f"{name} has a DOCTYPE, which Word documents never have; re-save the document")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"{name} is not well-formed XML ({_why(exc)})") from None
    return root


# A Strict OOXML package (ISO/IEC 29500 Strict, "Strict Open XML Document" in Word's Save As) names its
# namespaces and relationship types under purl.oclc.org; read, each is the transitional name it stands for
# (the elements are the same), as Word reads either.
_STRICT = re.compile(
    rb"http://purl\.oclc\.org/ooxml/(wordprocessingml|drawingml|officeDocument|markup-compatibility)/(\w+)"
)


def transitional(data: bytes) -> bytes:
    """A part's XML with a Strict package's namespaces as the transitional ones (unchanged when it has none)."""
    if b"purl.oclc.org/ooxml/" not in data:
        return data
    return _STRICT.sub(rb"http://schemas.openxmlformats.org/\1/2006/\2", data)


def main_part(z: zipfile.ZipFile) -> str:
    """The main document part, found through the package relationships (``word/document.xml`` by custom)."""
    try:
        rels = parse_xml(transitional(read_member(z, "_rels/.rels", 1 * _MB)), "_rels/.rels")
    except KeyError:
        rels = None
    if rels is not None:
        for rel in rels:
            if rel.get("Type") == OFFICE_DOCUMENT and rel.get("Target"):
                target = str(rel.get("Target")).lstrip("/")
                if target in z.namelist():
                    return target
    if MAIN_PART in z.namelist():
        return MAIN_PART
    raise PackageError("not a Word document: it has no main document part (word/document.xml)")


# --- imported content (w:altChunk): a part Word merges into the document as it opens it -----------------------

_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class PartReader(Protocol):
    """What reads one part of a package (``read_part``)."""

    def __call__(self, docx_file: str | Path | bytes, part: str | None = None) -> etree._Element: ...


def _targets(z: zipfile.ZipFile, name: str) -> dict[str, str]:
    """A part's relationships: id -> the package part each names."""
    folder, base = posixpath.split(name)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    try:
        rels = parse_xml(read_member(z, rels_name, 1 * _MB), rels_name)
    except KeyError:
        return {}
    out: dict[str, str] = {}
    for rel in rels:
        target = str(rel.get("Target") or "")
        if rel.get("TargetMode") != "External" and target:
            out[str(rel.get("Id"))] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            )
    return out


def _content_type(z: zipfile.ZipFile, part: str) -> str:
    """A part's content type, from [Content_Types].xml ("" when it names none)."""
    try:
        types = parse_xml(read_member(z, "[Content_Types].xml", 1 * _MB), "[Content_Types].xml")
    except KeyError:
        return ""
    for o in types.iter(f"{_CONTENT_TYPES}Override"):
        if str(o.get("PartName") or "").lstrip("/") == part:
            return str(o.get("ContentType") or "")
    extension = part.rsplit(".", 1)[-1].lower()
    for d in types.iter(f"{_CONTENT_TYPES}Default"):
        if str(d.get("Extension") or "").lower() == extension:
            return str(d.get("ContentType") or "")
    return ""


def _plain_paragraphs(data: bytes, part: str) -> list[etree._Element]:
    """Plain text as Word shows an imported text part: a paragraph a line."""
    try:
        text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackageError(f"{part} (imported plain text) is not UTF-8 or UTF-16; re-save the document") from None
    out = []
    for line in text.splitlines():
        p = etree.Element(w("p"))
        t = etree.SubElement(etree.SubElement(p, w("r")), w("t"))
        t.text = _XML_FORBIDDEN.sub("\ufffd", line)
        t.set(f"{{{XML_NS}}}space", "preserve")
        out.append(p)
    return out


def merge_imported(root: etree._Element, docx_file: str | Path | bytes, part: str | None) -> None:
    """Each ``w:altChunk`` of a part read as Word shows it: imported plain text as its lines; any other kind
    (HTML, RTF, a nested document...) is refused, naming it, as its words would otherwise go unread."""
    with open_package(docx_file) as z:
        name = part if part is not None else main_part(z)
        targets = _targets(z, name)
        for chunk in list(root.iter(w("altChunk"))):
            target = targets.get(str(chunk.get(_R_ID)), "")
            kind = _content_type(z, target) if target else ""
            if kind != "text/plain" or target not in z.namelist():
                raise PackageError(
                    f"{name} imports {target or 'a missing part'} ({kind or 'of no known type'}) through w:altChunk, "
                    f"content Word merges in as it opens the document and sec-redline cannot read as Word shows it: "
                    f"open the document in Word and save it (the content becomes ordinary paragraphs), then try again"
                )
            parent = chunk.getparent()
            assert parent is not None
            at = parent.index(chunk)
            parent.remove(chunk)
            for k, paragraph in enumerate(_plain_paragraphs(read_member(z, target), target)):
                parent.insert(at + k, paragraph)


def _with_imported_content(read: PartReader) -> PartReader:
    """``read``, with the imported content of the part it reads merged in (``merge_imported``)."""

    @functools.wraps(read)
    def read_part(docx_file: str | Path | bytes, part: str | None = None) -> etree._Element:
        root = read(docx_file, part)
        if next(root.iter(w("altChunk")), None) is not None:
            merge_imported(root, docx_file, part)
        return root

    return read_part


@_with_imported_content
def read_part(docx_file: str | Path | bytes, part: str | None = None) -> etree._Element:
    """Parse one part of a .docx (the main document part by default) safely and within the size limit.
    KeyError when a named part is missing; PackageError for anything unreadable."""
    with open_package(docx_file) as z:
        name = part if part is not None else main_part(z)
        return parse_xml(transitional(read_member(z, name)), name)


def _fix_settings(xml: bytes) -> bytes:
    """``w:zoom`` must carry ``w:percent`` (ECMA-376); python-docx's template omits it."""
    root = etree.fromstring(xml, safe_parser())
    changed = False
    for zoom in root.iter(w("zoom")):
        if zoom.get(w("percent")) is None:
            zoom.set(w("percent"), "100")
            changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else xml


def normalise_package(data: bytes) -> bytes:
    """Rewrite a zip package with fixed timestamps and attributes, so equal content gives equal bytes;
    ``docProps/app.xml`` names sec-redline, and settings are made schema-valid."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return write_package({name: src.read(name) for name in src.namelist()})


_CHUNK = "sec-redline-text"
_CHUNK_RE = re.compile(rb"<\?sec-redline-text (\d+)\?>")
_FRAGMENTS = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)  # our own text only


def write_package(files: dict[str, bytes]) -> bytes:
    """The zip package of ``files`` (member name -> bytes), each compressed once, with fixed timestamps and
    attributes in a stable order, so equal content gives equal bytes; ``docProps/app.xml`` names
    sec-redline, and settings are made schema-valid."""
    out = io.BytesIO()
    # Fast compression (level 1): several times faster than the default on a whole code's XML, for a file
    # about a quarter larger.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        # [Content_Types].xml first, as Office writes it; the rest in a stable order.
        for name in sorted(files, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            payload = files[name]
            if name == "docProps/app.xml":
                payload = EXTENDED_PROPERTIES
            elif name == "word/settings.xml":
                payload = _fix_settings(payload)
            dst.writestr(info, payload, compresslevel=1)
    return out.getvalue()


def check_reference(path: Path) -> None:
    """Refuse a reference that is not a regular file, not a readable zip package, or that inflates to more
    than the limit (every member is inflated and counted before python-docx sees the file)."""
    if not path.is_file():
        raise PackageError(f"{path}: not a Word document (.docx) usable as a reference (not a regular file)")
    try:
        check_package(path, MAX_REFERENCE_BYTES)
    except PackageError as exc:
        raise PackageError(f"{path}: not usable as a reference document: {exc}") from None


def drop_unused_parts(document: DocxDocument) -> None:
    """Forget the parts our outputs never use (custom XML, thumbnail), so they are not saved."""
    for part in (document.part, document.part.package):
        for rid, rel in list(part.rels.items()):
            if rel.reltype in _UNUSED_RELATIONSHIPS:
                del part.rels[rid]


def _fit(text: str, limit: int = 255) -> str:
    """A core property within the 255 characters Word and python-docx allow."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WordPackage:
    """A .docx being written: a reference document's styles and page set-up, an empty body to fill."""

    def __init__(self, reference: Path, required_styles: Sequence[str] = ()) -> None:
        check_reference(reference)
        try:
            import docx

            self.doc: DocxDocument = docx.Document(str(reference))
        except Exception as exc:
            raise PackageError(
                f"{reference}: not a Word document usable as a reference ({exc.__class__.__name__})"
            ) from None
        self.reference = reference
        body = self.doc.element.body
        for child in list(body):
            if child.tag != w("sectPr"):
                body.remove(child)
        self.body = body
        self.end = body.find(w("sectPr"))
        self._last: etree._Element | None = None  # the last body-level block written (w:p or w:tbl)
        self._pending: list[str] = []  # blocks given as WordprocessingML text, not yet placed
        self._chunks: list[str] = []  # placed text, each where its marker is in the body, spliced in on saving
        names = {s.name: s for s in self.doc.styles}
        missing = [n for n in required_styles if n not in names]
        if missing:
            raise PackageError(
                f"{reference}: the reference document lacks the style(s) {', '.join(missing)}; "
                f"start from templates/reference.docx"
            )
        self.style_ids: dict[str, str] = {str(n): str(s.style_id) for n, s in names.items() if n}
        self._footnotes: tuple[Part, etree._Element] | None = None  # the footnotes part and its XML, once used
        self._next_note = 1  # the id the next footnote takes
        self._comments: tuple[Part, etree._Element] | None = None  # the comments part and its XML, once used

    def style_id(self, name: str) -> str:
        """The id of the style called ``name`` (the name itself when the reference has no such style)."""
        return self.style_ids.get(name, name)

    @property
    def last(self) -> etree._Element | None:
        """The last body-level block written (``w:p`` or ``w:tbl``)."""
        self.flush()
        return self._last

    def _place(self, el: etree._Element) -> etree._Element:
        if self.end is not None:
            self.end.addprevious(el)
        else:
            self.body.append(el)
        self._last = el
        return el

    def append(self, el: etree._Element) -> etree._Element:
        """Add a block (``w:p`` or ``w:tbl``) at the end of the body."""
        self.flush()
        return self._place(el)

    def append_xml(self, xml: str) -> None:
        """Add blocks given as WordprocessingML text (``<w:p>...</w:p>``, the ``w`` prefix bound, no
        revision marks): most of it is kept as text and spliced into the document when it is saved, never
        parsed, so many unchanged paragraphs cost little more than their text."""
        self._pending.append(xml)

    def flush(self) -> None:
        """Place the blocks given as text: all but the last piece as text behind a marker, the last parsed
        (so that ``last`` is the paragraph written last, whose mark an inserted paragraph after it takes)."""
        if not self._pending:
            return
        *before, final = self._pending
        self._pending = []
        if before:
            self._place_chunk("".join(before))
        for el in list(etree.fromstring(f'<w:body xmlns:w="{W_NS}">{final}</w:body>', _FRAGMENTS)):
            self._place(el)

    def _place_chunk(self, text: str) -> None:
        marker = etree.PI(_CHUNK, str(len(self._chunks)))
        self._chunks.append(text)
        if self.end is not None:
            self.end.addprevious(marker)
        else:
            self.body.append(marker)

    def _spliced(self, xml: bytes) -> bytes:
        """Serialized XML with each text chunk where its marker is."""
        if not self._chunks:
            return xml
        return _CHUNK_RE.sub(lambda m: self._chunks[int(m.group(1))].encode("utf-8"), xml)

    def add_paragraph(self, style: str) -> Paragraph:
        """A new paragraph (python-docx's API, for rich inline text) at the end of the body, in ``style``."""
        self.flush()
        paragraph: Paragraph = self.doc.add_paragraph(style=style)
        self._last = paragraph._p
        return paragraph

    def add_table(self, rows: int, cols: int) -> Table:
        """A new table (python-docx's API) at the end of the body."""
        self.flush()
        table: Table = self.doc.add_table(rows=rows, cols=cols)
        self._last = table._tbl
        return table

    def footnote(self, paragraphs: Sequence[Sequence[etree._Element]]) -> etree._Element:
        """A footnote of ``paragraphs`` (each a list of runs); returns the run that refers to it, for the caller
        to place where the note is called.  Word numbers footnotes in reading order."""
        _part, root = self._footnotes_part()
        note_id = str(self._next_note)
        self._next_note += 1
        text_style = self.style_ids.get(FOOTNOTE_TEXT)
        ref_style = self.style_ids.get(FOOTNOTE_REFERENCE)
        root.append(make_footnote(note_id, paragraphs, text_style, ref_style))
        return footnote_reference(note_id, ref_style)

    def comment(self, comment_id: str, author: str, date: str, text: str) -> None:
        """Comment ``comment_id`` (unique among the document's annotations: revisions take from the same
        ids) by ``author`` on ``date`` saying ``text``; ``comment_range`` anchors it."""
        if self._comments is None:
            from docx.opc.packuri import PackURI
            from docx.opc.part import Part

            main = self.doc.part
            for rel in [r for r in main.rels.values() if r.reltype == COMMENTS_REL]:  # a reference's own: unused
                main.drop_rel(rel.rId)
            part = Part(PackURI(COMMENTS_PART), COMMENTS_TYPE, b"", main.package)
            main.relate_to(part, COMMENTS_REL)
            self._comments = (part, make_comments())
        self._comments[1].append(make_comment(comment_id, _fit(author), date, text))

    def _footnotes_part(self) -> tuple[Part, etree._Element]:
        """The footnotes part: the reference document's (its separators kept, any note of its own dropped, as
        its text is never used), or a new one; the settings name the separators, as Word writes them."""
        if self._footnotes is not None:
            return self._footnotes
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        main = self.doc.part
        part = next(
            (r.target_part for r in main.rels.values() if r.reltype == FOOTNOTES_REL and not r.is_external), None
        )
        if part is None:
            root = make_footnotes()
            part = Part(PackURI(FOOTNOTES_PART), FOOTNOTES_TYPE, b"", main.package)
            main.relate_to(part, FOOTNOTES_REL)
        else:
            root = parse_xml(part.blob, str(part.partname).lstrip("/"))
            for note in list(root):
                if note.get(w("type")) not in SEPARATOR_NOTES:
                    root.remove(note)
        separators = [n.get(w("id"), "") for n in root if n.get(w("type")) in SEPARATOR_NOTES[:2]]
        self._name_separators(separators)
        ids = [int(n.get(w("id"), "0")) for n in root if n.get(w("id"), "").lstrip("-").isdigit()]
        self._next_note = max([0, *ids]) + 1  # ours are numbered after the separators
        self._footnotes = (part, root)
        return self._footnotes

    def _name_separators(self, ids: Sequence[str]) -> None:
        settings = self.doc.settings.element
        if settings.find(w("footnotePr")) is not None:
            return
        pr = etree.Element(w("footnotePr"))
        for note_id in ids:
            etree.SubElement(pr, w("footnote")).set(w("id"), note_id)
        after = next((c for c in settings if etree.QName(c).localname in _AFTER_FOOTNOTE_PR), None)
        if after is not None:
            after.addprevious(pr)
        else:
            settings.append(pr)

    def set_properties(self, title: str, author: str, when: dt.datetime, subject: str = "") -> None:
        """Core properties that depend on the inputs alone (never on today's date)."""
        cp = self.doc.core_properties
        cp.title = _fit(title)
        cp.subject = _fit(subject)
        cp.author = cp.last_modified_by = _fit(author)
        cp.created = cp.modified = when
        cp.revision = 1
        cp.comments = ""
        cp.keywords = ""

    def header_footer(
        self, header: str, footer_lines: Sequence[str], style: str, last_line_style: str | None = None
    ) -> None:
        """Every page's header text, and a footer of "Page N of M" then ``footer_lines``."""
        from docx.section import Section  # python-docx is loaded only by commands that write Word

        # The body's own section properties (doc.sections would search the whole body for them).
        section = Section(self.end, self.doc.part) if self.end is not None else self.doc.sections[0]
        hp = section.header.paragraphs[0]
        hp.style = self.doc.styles[style]
        hp.text = header
        footer = section.footer
        fp = footer.paragraphs[0]
        fp.style = self.doc.styles[style]
        fp.text = ""
        append_page_number(fp._p)
        for i, line in enumerate(footer_lines):
            p = footer.add_paragraph(line)
            p.style = self.doc.styles[last_line_style if last_line_style and i == len(footer_lines) - 1 else style]

    def save(self) -> bytes:
        """The package as bytes: the same content always gives the same bytes."""
        self.flush()
        drop_unused_parts(self.doc)
        for written in (self._footnotes, self._comments):
            if written is not None:
                part, root = written
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
        from docx.opc.pkgwriter import _ContentTypesItem

        # The parts as python-docx's PackageWriter lays them out, compressed once (not saved and re-packed).
        package = self.doc.part.package
        parts = list(package.iter_parts())
        files = {
            CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
            PACKAGE_URI.rels_uri.membername: package.rels.xml,
        }
        for part in parts:
            if part is self.doc.part:  # the body, its text chunks spliced in
                xml = etree.tostring(part._element, encoding="UTF-8", standalone=True)
                files[part.partname.membername] = self._spliced(xml)
            else:
                files[part.partname.membername] = part.blob
            if len(part.rels):
                files[part.partname.rels_uri.membername] = part.rels.xml
        return write_package(files)
