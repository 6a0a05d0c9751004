"""Read clauses from a Word document, on either side of its tracked changes.

Each body paragraph becomes one block of clause text (a tab between a label
and its words reads as a space).  The application says which paragraph styles
carry structure (``StructureStyles``: for sec-redline's house style, "SEC Level
N" and "SEC Text After List N", "SEC Part Heading" and "SEC Group Heading"):
such paragraphs carry their level as indentation, and a heading's paragraph is
a heading whatever its words, so the tree comes back exactly; paragraphs in
other styles are read as text pasted from a document (see ``text_reader``).  Paragraphs in a
skipped style (instructions, running headers) are not clause text and are left
out.  A document that holds several Sections (a release redline) gives one
``Document`` per Section, cut at each "Section X ..." title.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .collector import no_collector_pauses
from .messages import Location, Message, Result
from .model import Clause, Document
from .ooxml import MarkStyle, Para, Side, side_paragraphs, style_names
from .profiles import PROFILES
from .text_reader import INDENT, SEC_VERSION_LINE, UNPLACED_CODE, merge_repeated, quote, read_text, section_cuts


@dataclass(frozen=True)
class StructureStyles:
    """Paragraph style names that carry a document's structure, given by the application.

    ``levels`` maps a style to the depth of the provision it holds (0: a numbered clause, 1: (a) ...);
    ``after_list`` maps a style to the depth of the provision whose list the text follows; a paragraph in a
    ``headings`` style is a heading between provisions (unless it opens a clause with its number), though
    its words be a sentence; paragraphs in a ``skipped`` style are not clause text.  With none given, every
    paragraph is read as pasted text.
    """

    levels: Mapping[str, int] = field(default_factory=dict)
    after_list: Mapping[str, int] = field(default_factory=dict)
    skipped: frozenset[str] = frozenset()
    headings: frozenset[str] = frozenset()


NO_STRUCTURE_STYLES = StructureStyles()


def _load(source: str | Path | bytes) -> bytes:
    """The package's bytes (``ooxml`` checks the package as it reads its parts)."""
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def _block(para: Para, names: dict[str, str], structure: StructureStyles) -> str | None:
    pad = " " * INDENT
    if para.table_depth is not None:
        return pad * para.table_depth + para.text
    style = names.get(para.style, para.style)
    text = " ".join(f"{para.label} {para.text}".replace("\t", " ").split())
    if not text or style in structure.skipped:
        return None
    if style in structure.levels:
        return pad * structure.levels[style] + text
    if style in structure.after_list:
        return pad * (structure.after_list[style] + 1) + text
    return text


def read_docx(
    source: str | Path | bytes,
    name: str = "<docx>",
    side: Side = "new",
    structure: StructureStyles = NO_STRUCTURE_STYLES,
    marks: MarkStyle = "tracked",
    paragraphs: Sequence[Para] | None = None,
) -> Result[list[Document]]:
    """The Sections of a .docx, with every change accepted ("new") or rejected ("old"); ``marks`` says how
    the changes are marked: tracked revisions, formatting (struck through, underlined), or "auto".
    ``paragraphs``: that side's paragraphs when the caller has read them already (``side_paragraphs``)."""
    with no_collector_pauses():
        return _read_docx(source, name, side, structure, marks, paragraphs)


@dataclass(frozen=True)
class DocxSection:
    """One document's paragraphs of a Word file, as the text reader reads them: ``text`` (its blocks),
    ``lines`` (each line of the text -> the paragraph it came from) and ``notes`` (its paragraphs' notes)."""

    text: str
    lines: dict[int, int]
    notes: dict[int, tuple[tuple[str, str], ...]]
    listed: frozenset[int] = frozenset()  # the paragraphs (numbers from 1) Word's list numbering labels
    headed: frozenset[int] = frozenset()  # the paragraphs in a heading style (``StructureStyles.headings``)

    @property
    def key(self) -> tuple[str, tuple[tuple[int, tuple[tuple[str, str], ...]], ...], tuple[int, ...]]:
        """What it reads as, wherever it stands in its file and whatever version it names: two sections with
        the same key read the same but for their ``version`` (the "SEC Version 6.17" line of their front
        matter, left out here)."""
        order = {p: k for k, p in enumerate(dict.fromkeys(self.lines.values()))}
        notes = tuple((order.get(p, -1), n) for p, n in sorted(self.notes.items()))
        return _without_version(self.text)[0], notes, tuple(sorted(order.get(p, -1) for p in self.headed))

    @property
    def digest(self) -> str:
        """``key`` as a SHA-256 (to send between processes)."""
        return hashlib.sha256(repr(self.key).encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def version(self) -> str:
        """The version its front matter names ("6.17"), or ""."""
        return _without_version(self.text)[1]


def _without_version(text: str) -> tuple[str, str]:
    """``text`` with its front matter's "SEC Version 6.17" line blanked (the lines before its first numbered
    provision), and that version."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        t = line.strip()
        if any(p.clause_re.match(t) for p in PROFILES.values()):
            break
        m = SEC_VERSION_LINE.match(t)
        if m:
            return "\n".join([*lines[:k], "", *lines[k + 1 :]]), m.group("version")
    return text, ""


@dataclass(frozen=True)
class DocxPlan:
    """A Word file cut into its documents before any is read: the sections, and what cutting said."""

    name: str
    sections: tuple[DocxSection, ...]
    messages: tuple[Message, ...]


def plan_docx(
    source: str | Path | bytes,
    name: str = "<docx>",
    side: Side = "new",
    structure: StructureStyles = NO_STRUCTURE_STYLES,
    marks: MarkStyle = "tracked",
    paragraphs: Sequence[Para] | None = None,
) -> DocxPlan:
    """The Word file's paragraphs (on one side of its changes) cut into its documents, not yet read."""
    data = _load(source)
    styles = style_names(data)
    if paragraphs is None:
        paragraphs = side_paragraphs(data, side, marks)
    found = _blocks(paragraphs, styles, structure)
    blocks, origin, notes, listed, headed = found.blocks, found.origin, found.notes, found.listed, found.headed
    messages: list[Message] = [
        Message(
            "warning",
            f"holds {'a picture' if n == 1 else f'{n} pictures'} (an image, chart or shape), which has no words to "
            "read: left out; check that no provision's text or table stands in it",
            Location(name, paragraph=number),
            code=UNPLACED_CODE,
        )
        for number, n in found.pictured.items()
    ]
    # Cut as the text reader cuts a whole code, but what stands before the first title is front matter.
    starts, dropped = section_cuts(blocks, lambda i: Location(name, paragraph=origin[i]), messages)
    if starts and starts[0] > 0:
        # Said as a warning, not a note: those paragraphs are not read at all (a newcomer's Word file may
        # hold clauses there, say quoted in a paper before the Section they come from).
        messages.append(
            Message(
                "warning",
                f"left out {starts[0]} paragraph(s) before the first Section title, from {quote(blocks[0])} on, "
                f"as front matter; they are not read as clause text",
                Location(name, paragraph=origin[0]),
            )
        )
    cuts = starts or [0]
    sections = []
    in_lists, in_headings = sorted(listed), sorted(headed)  # each section takes its range of them (bisect)
    for k, start in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(blocks)
        kept = [i for i in range(start, end) if i not in dropped]
        lines: dict[int, int] = {}  # line of the joined text -> paragraph number
        line = 1
        for i in kept:
            for j in range(blocks[i].count("\n") + 1):
                lines[line + j] = origin[i]
            line += blocks[i].count("\n") + 2
        first, last = (origin[kept[0]], origin[kept[-1]]) if kept else (0, -1)
        mine = {n: v for n, v in notes.items() if first <= n <= _last_paragraph(origin, kept, len(paragraphs))}
        sections.append(
            DocxSection(
                "\n\n".join(blocks[i] for i in kept),
                lines,
                mine if last >= first else {},
                _between(in_lists, first, last),
                _between(in_headings, first, last),
            )
        )
    return DocxPlan(name, tuple(sections), tuple(messages))


def _between(numbers: list[int], first: int, last: int) -> frozenset[int]:
    """The ``numbers`` (sorted) from ``first`` to ``last``."""
    return frozenset(numbers[bisect.bisect_left(numbers, first) : bisect.bisect_right(numbers, last)])


@dataclass
class _Blocks:
    """A Word file's paragraphs as blocks of clause text, and what the text reader is told of them."""

    blocks: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)  # the paragraph number (from 1) each block starts at
    notes: dict[int, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # paragraph -> its notes
    listed: set[int] = field(default_factory=set)  # paragraphs with a list label
    pictured: dict[int, int] = field(default_factory=dict)  # paragraph -> the pictures it holds (no words)
    headed: set[int] = field(default_factory=set)  # paragraphs in a heading style


def _blocks(paragraphs: Sequence[Para], styles: dict[str, str], structure: StructureStyles) -> _Blocks:
    """Each paragraph as a block (``_block``), a table's rows one block, with what the reader is told of them."""
    out = _Blocks()
    blocks, origin, notes, listed, headed = out.blocks, out.origin, out.notes, out.listed, out.headed
    # the style ids whose names are heading styles (a paragraph names its style by id): one look-up each
    headings = {sid for sid, style in styles.items() if style in structure.headings}
    headings |= {style for style in structure.headings if style not in styles}  # an id without a name is its name
    for number, para in enumerate(paragraphs, start=1):
        if para.notes:
            notes[number] = para.notes
        if para.label:
            listed.add(number)
        if para.pictures:
            out.pictured[number] = para.pictures
        block = _block(para, styles, structure)
        if block is None:
            continue
        if para.style and para.style in headings:
            headed.add(number)
        if para.is_table_row and blocks and blocks[-1].lstrip().startswith("|"):
            blocks[-1] += "\n" + block  # rows of one table stay one block
        else:
            blocks.append(block)
            origin.append(number)
    return out


def _last_paragraph(origin: list[int], kept: list[int], count: int) -> int:
    """The last paragraph a section's blocks span (up to the next block's paragraph)."""
    if not kept:
        return -1
    after = kept[-1] + 1
    return origin[after] - 1 if after < len(origin) else count


def read_section(plan: DocxPlan, k: int) -> Result[Document]:
    """Read the ``k``th document of a planned Word file, its messages at the paragraphs they concern."""
    name, section = plan.name, plan.sections[k]
    lines = section.lines

    def paragraph_of(line: int) -> Location:
        return Location(name, paragraph=lines.get(line))

    word = [line for line, p in lines.items() if p in section.listed]
    headings = [line for line, p in lines.items() if p in section.headed] if section.headed else None
    result = read_text(section.text, name, locate=paragraph_of, word=word, headings=headings)
    doc = _with_notes(result.value, section.notes) if section.notes else result.value
    messages = []
    for m in result.messages:
        at = m.where
        if at.file == name and at.line is not None:
            at = Location(name, paragraph=lines.get(at.line))
        messages.append(replace(m, where=at))
    return Result(doc, tuple(messages))


def relocated(result: Result[Document], source: DocxSection, target: DocxSection, name: str) -> Result[Document]:
    """A document read from ``source`` (a section of another Word file, with the same key) as read from
    ``target`` of the file ``name``: every location moved to the paragraph it stands at there."""
    moved = dict(zip(source.lines.values(), target.lines.values(), strict=True))
    doc = result.value

    def at(where: Location | None) -> Location | None:
        if where is None:
            return None
        return Location(name, where.line, moved.get(where.paragraph, where.paragraph) if where.paragraph else None)

    def clause(c: Clause) -> Clause:
        children = tuple(clause(x) for x in c.children)
        return Clause(c.ref, c.label, c.text, children, c.trailing, c.kind, c.rows, at(c.where), c.notes)

    body = tuple(clause(i) if isinstance(i, Clause) else i for i in doc.body)
    messages = tuple(replace(m, where=at(m.where) or m.where) for m in result.messages)
    return Result(replace(doc, body=body, source=name, where=at(doc.where), version=target.version), messages)


def _read_docx(
    source: str | Path | bytes,
    name: str,
    side: Side,
    structure: StructureStyles,
    marks: MarkStyle,
    paragraphs: Sequence[Para] | None,
) -> Result[list[Document]]:
    plan = plan_docx(source, name, side, structure, marks, paragraphs)
    docs: list[Document] = []
    messages = list(plan.messages)
    for k in range(len(plan.sections)):
        result = read_section(plan, k)
        docs.append(result.value)
        messages += result.messages
    return Result(merge_repeated(docs, messages), tuple(messages))


def _with_notes(doc: Document, notes: dict[int, tuple[tuple[str, str], ...]]) -> Document:
    """``doc`` with each paragraph's notes given to the provision whose own words hold the note's marker (the
    last such provision starting at or before that paragraph; else the last provision starting before it)."""
    starts = [(c.where.paragraph, c) for c in doc.clauses() if c.where is not None and c.where.paragraph is not None]
    owner: dict[int, list[tuple[str, str]]] = {}  # id() of the clause -> its notes
    for number, found in sorted(notes.items()):
        before = [c for at, c in starts if at <= number]
        for marker, text in found:
            for c in ([c for c in before if marker in c.text or marker in c.trailing] or before)[-1:]:
                owner.setdefault(id(c), []).append((marker, text))
    if not owner:
        return doc

    def attach(c: Clause) -> Clause:
        children = tuple(attach(k) for k in c.children)
        mine = tuple(owner.get(id(c), ()))
        changed = any(a is not b for a, b in zip(children, c.children, strict=True))  # notes do not count in ==
        return replace(c, children=children, notes=mine) if mine or changed else c

    return replace(doc, body=tuple(attach(i) if isinstance(i, Clause) else i for i in doc.body))
