"""Read SEC-style clause text into a ``Document``.

The reader understands the canonical text this package writes
(``text_writer.render_text``) and plainer pasted text:

* a title line ``Section G 'Security'`` or ``SECTION G: SECURITY``, and an
  optional ``SEC Version 6.17`` line, before the first clause;
* group headings ``G3 System Security: Obligations on Users`` and part
  headings (a short line with no closing punctuation) between clauses;
* clauses ``G3.20 ...`` (inserted ones such as ``G3.20A``), paragraphs
  ``(a)``, sub-paragraphs ``(i)``, a further level ``(A)``;
* the text after a list: a block that follows a list and does not start with
  an enumerator; its indentation (4 spaces a level) names its owner, and
  without indentation it belongs to the numbered clause;
* lines wrapped inside a block are joined with one space.

Blocks are separated by blank lines, or begin at a line that starts with a
clause number or an enumerator.  Nothing is dropped: a line the reader cannot
place is kept as text and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clause_ref import ClauseRef
from .enumerators import is_roman, kind_of, letter_successors, roman_successor
from .model import Clause, Document, Heading, Message, Result

INDENT = 4

_CLAUSE_RE = re.compile(r"^(?P<num>(?P<sec>[A-Z]{1,2})(?P<group>\d+)\.(?P<clause>\d+[A-Z]{0,2}))(?:\s+(?P<rest>.*))?$")
_GROUP_RE = re.compile(r"^(?P<label>[A-Z]{1,2}\d+)\s+(?P<title>[A-Z].*)$")
_ENUM_RE = re.compile(r"^\((?P<enum>[a-z]{1,4}|[A-Z])\)(?:\s+(?P<rest>.*))?$")
_TITLE_RE = re.compile(
    r"""^section\s+(?P<sec>[A-Z]{1,2})\s*(?::|-|–|—)?\s*['‘’"“]?(?P<title>.*?)['’"”]?\s*$""",
    re.IGNORECASE,
)
_VERSION_RE = re.compile(r"^SEC\s+Version\s+(?P<version>\d+(?:\.\d+)*)\s*$", re.IGNORECASE)


class TextReadError(ValueError):
    """Input that cannot be read as clause text at all (empty, binary, not UTF-8)."""


@dataclass
class _Block:
    line: int
    indent: int
    text: str


@dataclass
class _Node:
    ref: ClauseRef
    label: str
    level: int  # 0 clause, 1 (a), 2 (i), 3 (A)
    indent: int
    text: list[str] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)

    def freeze(self) -> Clause:
        return Clause(
            ref=self.ref,
            label=self.label,
            text=" ".join(self.text),
            children=tuple(c.freeze() for c in self.children),
            trailing=" ".join(self.trailing),
        )


def _starts_block(stripped: str) -> bool:
    return bool(_CLAUSE_RE.match(stripped) or _ENUM_RE.match(stripped))


def _blocks(text: str) -> list[_Block]:
    """Split ``text`` into blocks, joining wrapped lines with one space."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\t", " " * INDENT).rstrip()
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        indent = len(line) - len(line.lstrip(" "))
        if current is None or _starts_block(stripped):
            current = _Block(lineno, indent, stripped)
            blocks.append(current)
        else:
            current.text += " " + stripped
    return blocks


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 14
        and text[0].isupper()
        and text[-1] not in ".,;:"
        and not _ENUM_RE.match(text)
    )


def decode_text(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 text or raise TextReadError with one clear line."""
    if not data.strip():
        raise TextReadError(f"{name}: the file is empty; give a file of SEC clause text")
    if b"\x00" in data[:8192]:
        raise TextReadError(f"{name}: this is a binary file, not text; save the clauses as UTF-8 text (or give a .docx)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextReadError(f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8") from None
    return text


def read_text(text: str, source: str = "<text>", version: str = "") -> Result[Document]:
    """Parse clause text into a Document; never drops text, reports what it guessed."""
    messages: list[Message] = []
    section = ""
    title = ""
    body: list = []
    clause: _Node | None = None
    stack: list[_Node] = []  # open nodes, clause first

    def where(block: _Block) -> str:
        return f"{source}:{block.line}"

    def close_clause() -> None:
        nonlocal clause
        if clause is not None:
            body.append(clause.freeze())
        clause = None
        stack.clear()

    for block in _blocks(text):
        t = block.text
        if clause is None and not body:
            m = _VERSION_RE.match(t)
            if m:
                version = version or m.group("version")
                continue
            m = _TITLE_RE.match(t)
            if m and not section:
                section = m.group("sec").upper()
                title = m.group("title").strip()
                if title.isupper():
                    title = title.title()
                continue

        m = _CLAUSE_RE.match(t)
        if m:
            close_clause()
            ref = ClauseRef.parse(m.group("num"))
            if section and ref.section != section:
                messages.append(Message("warning", f"clause {ref} is not in Section {section}", where(block)))
            section = section or ref.section
            clause = _Node(ref, ref.number, 0, block.indent)
            if m.group("rest"):
                clause.text.append(m.group("rest"))
            stack[:] = [clause]
            continue

        m = _ENUM_RE.match(t)
        if m and clause is not None:
            enum = m.group("enum")
            level = _enumerator_level(enum, block, stack, messages, where(block))
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1] if stack else clause
            if parent.level != level - 1:
                messages.append(Message(
                    "warning",
                    f"paragraph ({enum}) has no level-{level - 1} paragraph to sit in; placed under {parent.ref}",
                    where(block),
                ))
            node = _Node(parent.ref.child(enum), f"({enum})", parent.level + 1, block.indent)
            if m.group("rest"):
                node.text.append(m.group("rest"))
            parent.children.append(node)
            stack.append(node)
            continue

        if clause is None:
            gm = _GROUP_RE.match(t)
            if gm and _looks_like_heading(gm.group("title")):
                body.append(Heading(gm.group("title"), kind="group", label=gm.group("label")))
            elif _looks_like_heading(t):
                body.append(Heading(t, kind="part"))
            else:
                body.append(Heading(t, kind="part"))
                messages.append(Message("warning", "text outside any clause kept as a heading", where(block)))
            continue

        # A plain block inside a clause: a heading before the next clause,
        # the continuation of the open paragraph, or the text after a list.
        if block.indent == 0 and _looks_like_heading(t) and (clause.children or clause.text):
            gm = _GROUP_RE.match(t)
            close_clause()
            if gm:
                body.append(Heading(gm.group("title"), kind="group", label=gm.group("label")))
            else:
                body.append(Heading(t, kind="part"))
            continue
        owner = _trailing_owner(block, stack)
        if owner.children:
            owner.trailing.append(t)
            del stack[stack.index(owner) + 1:]
        else:
            owner.text.append(t)
    close_clause()

    if not any(isinstance(i, Clause) for i in body):
        messages.append(Message("warning", "no numbered clause found (expected a line such as 'G3.20 Each User shall ...')", source))
    doc = Document(section=section, title=title, version=version, body=tuple(body), source=source)
    return Result(doc, tuple(messages))


def _trailing_owner(block: _Block, stack: list[_Node]) -> _Node:
    """The open node a plain block belongs to, by indentation when there is any."""
    if block.indent > 0:
        depth = max(0, block.indent // INDENT - 1)
        candidates = [n for n in stack if n.level <= depth]
        return candidates[-1] if candidates else stack[0]
    # No indentation: it belongs to the numbered clause (its chapeau or the text after its list).
    return stack[0]


def _enumerator_level(enum: str, block: _Block, stack: list[_Node], messages: list[Message], where: str) -> int:
    """Level of ``(enum)``: 1 for (a), 2 for (i), 3 for (A); (i), (v), (x) ... decided by context."""
    kind = kind_of(enum)
    if kind == "upper":
        return 3
    if kind == "letter":
        return 1
    # A roman-looking enumerator: (i), (v), (x), (c), (d), (l), (m), (ii) ...
    last = {n.level: n for n in stack}
    letter = last.get(1)
    roman = last.get(2)
    follows_letter = letter is not None and enum in letter_successors(letter.label.strip("()"))
    follows_roman = roman is not None and roman_successor(roman.label.strip("()")) == enum
    if follows_roman and not follows_letter:
        return 2
    if follows_letter and not follows_roman:
        if letter is not None and letter.text and letter.text[-1].rstrip().endswith(":") and enum == "i" \
                and block.indent <= letter.indent:
            messages.append(Message("info", f"({enum}) read as the first sub-paragraph, since ({letter.label.strip('()')}) ends with ':'", where))
            return 2
        if block.indent > letter.indent > 0:
            return 2
        if enum in ("i", "v", "x", "l", "c", "d", "m"):
            messages.append(Message("info", f"({enum}) read as the letter after {letter.label}", where))
        return 1
    if follows_letter and follows_roman:
        level = 2 if block.indent > letter.indent else 1
        messages.append(Message("warning", f"({enum}) could be a letter or a roman numeral; read as level {level}", where))
        return level
    if enum == "i" or (letter is not None and block.indent > letter.indent > 0):
        return 2
    if letter is None and is_roman(enum) and enum != "i":
        # e.g. a list that starts at (c) after a repair; treat as a letter.
        return 1
    return 2 if letter is not None else 1
