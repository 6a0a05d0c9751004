"""Read SEC-style clause text into a ``Document``: canonical text and text pasted from PDFs.

What it understands:

* a title line (``Section G 'Security'``, ``SECTION G: SECURITY``) and an
  optional ``SEC Version 6.17`` line before the first clause;
* group headings (``G3 System Security: Obligations on Users``) and part
  headings (``Manufacturers: Duty to Notify and Be Notified``) between clauses;
* clauses (``G3.20``, inserted ones such as ``G3.20A``; ``[Not used]`` ones are
  ordinary clauses with that text), paragraphs ``(a)``..``(z)``, ``(aa)``,
  sub-paragraphs ``(i)``..``(xx)``, a further level ``(A)``; the chapeau
  before a list and the text after it;
* definitions (``"Term" means ...``, with their own paragraphs), notes
  (``Note: ...``) and tables (rows written ``| cell | cell |``).

Two layouts:

* **indented** (what ``render_text`` writes, or any text whose paragraphs are
  indented): blank lines separate blocks, and the indentation of a block
  that does not start with an enumerator names its owner, four spaces a
  level;
* **flat** (text pasted from a PDF): blank lines may fall inside a sentence
  and paragraphs carry no indentation, so a block continues the previous one
  unless that one ended a sentence or list item (``.;:,``); a short line that
  ends with punctuation ends its paragraph; and the text after a list is
  recognised by punctuation and grammar.

PDF extraction noise is repaired, each repair reported with its line:
running footers and page numbers anywhere, even mid-sentence
(``SEC — / Section G 322``, ``Page 12 of 40``); misread enumerators (``@)``
or ``@`` for ``(a)``, ``(©)`` for ``(c)``); words hyphenated across a line
end; a clause number or enumerator that only starts a line because a
reference was wrapped (``... Section`` / ``G3.18 ...``); a contents list
(titles with their page numbers) left out.

Ambiguous enumerators ((i), (v), (x), (l), (c), (d), (m)) are read by
context: the letter after (h) is (i) unless (h) introduces a list (ends with
':') or the line is indented further; each such decision is noted.

Nothing is dropped: a block the reader cannot place is kept as text and
reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from .clause_ref import ClauseRef
from .collector import no_collector_pauses
from .enumerators import is_roman, kind_of, letter_successors, roman_successor
from .messages import Level, Location, Message, Result
from .model import Clause, ClauseKind, Document, Heading
from .profiles import APPENDIX, SECTION, Profile

INDENT = 4
MAX_LINE_CHARS = 1_000_000

_ENUM_RE = re.compile(r"^\((?P<enum>[a-z]{1,4}|[A-Z])\)(?:\s+(?P<rest>.*))?$")
_DEF_RE = re.compile(
    r'^["“](?P<term>[^"”]{1,200})["”]\s+(?P<rest>(?:means|has the meaning|shall mean|shall have the meaning'
    r"|includes|include|is|are|refers)\b.*)$"
)
# "Acceptance Testing means ...", "Additional SIT has the meaning given ...": Section A's definitions as
# a two-column table gives them when copied from a PDF or web page; read so only in its definitions clause.
_DEFINES = r"(?:means|shall mean|has the meanings?|shall have the meanings?)\b"
_UNQUOTED_DEF_RE = re.compile(
    rf"^(?P<term>[A-Z0-9][\w&/’'()+-]*(?:\s+[\w&/’'()+-]+){{0,11}}?)\s+(?P<rest>{_DEFINES}.*)$"
)
_DEFINES_RE = re.compile(rf"^{_DEFINES}")
_SPEAKS_OF_MEANINGS = re.compile(r"\bmeanings?\b|\bdefin|\bexpressions\b", re.IGNORECASE)
_NOTE_RE = re.compile(r"^(?P<label>(?:Note|NOTE)(?:\s+\d+)?\s*:)\s*(?P<rest>.*)$")
_SEC_VERSION = r"SEC\s+Version\s+(?P<version>\d+(?:\.\d+)*)"  # the line naming a text's version, "SEC Version 6.17"
_VERSION_RE = re.compile(rf"^{_SEC_VERSION}\s*$", re.IGNORECASE)
SEC_VERSION_LINE = _VERSION_RE  # a text's "SEC Version 6.17" line (group "version")

# Page furniture: running footers and page numbers of a PDF, and what a document viewer or web page sets
# around the text it shows.  Each line matched whole; the first group names the kind for the warning.
_FOOTER = re.compile(
    r"^(?:SEC\s*[—–-]\s*(?:Section|Appendix)\s+[A-Z]{1,2}\s+\d{1,4}|(?:Section|Appendix)\s+[A-Z]{1,2}\s+\d{1,4}"
    r"|(?i:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)|\d{1,4}|\d{1,4}\s*/\s*\d{1,4}|SEC\s*[—–-]"
    # the classification line every page of a SEC document carries (Panel Information Policy)
    r"|This document is classified as \w+ in accordance with the Panel Information Policy\.?)$"
)
_VIEWER = re.compile(
    r"^(?i:(?:[•·▪●■◦\-*]\s*)?(?:upload|download(?:\s+(?:pdf|now|file))?|embed(?:\s+size\s*\(px\))?|share"
    r"|print|report|citation\s+preview|view\s+more|show\s+more|read\s+more|load\s+more|sign\s+(?:in|up)"
    r"|log\s*in|menu|search|home|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|copy\s+link"
    r"|previous|next|\d+\s+views?|(?:open|close|toggle)\s+(?:slider|menu|navigation|search|panel)"
    r"|(?:previous|next)\s+slide|accept\s+(?:all\s+)?cookies|cookie\s+settings|[«\u2039←]\s*back\s+to\s+[^.;:]{1,60}|back\s+to\s+[^.;:]{1,60}\s*[»\u203a→]?))\s*$"
)
_BULLET_WORDS = re.compile(r"^[•·▪●■◦]\s*\S+(?:\s+\S+){0,2}$")  # "• Upload": a viewer's button, not a provision
# the three in one pattern, so that a line that is none of them costs one match
_FURNITURE = re.compile(
    "|".join(
        f"(?P<{name}>{p.pattern})" for name, p in (("footer", _FOOTER), ("viewer", _VIEWER), ("bullet", _BULLET_WORDS))
    )
)


_FURNITURE_MAX_CHARS = 100  # no furniture line is longer (the classification line is the longest)


def _furniture(text: str) -> str:
    """What kind of page furniture ``text`` (a stripped line) is, or "" when it is not furniture."""
    if text[-1] in ".;:," and text[0] != "T":  # ends a sentence: not furniture (but the classification line)
        return ""
    m = _FURNITURE.match(text)
    if m is None:
        return ""
    if m.lastgroup == "footer":
        return _PAGE
    if len(text) <= 80 and (m.lastgroup == "viewer" or text[-1] not in ".;:,"):
        return "document viewer's or web page's line"
    return ""


def _page_edge_repeats(text: str) -> set[str]:
    """Running headers and footers of text extracted from a PDF: a line standing next to a page break (a form
    feed, as pdftotext writes them) that the text holds more than once."""
    if "\f" not in text:
        return set()
    edges = {m.group(1).strip() for m in re.finditer(r"\f[ \t]*([^\n\f]*)", text)}
    edges |= {m.group(1).strip() for m in re.finditer(r"([^\n\f]*)\n?[ \t]*\f", text)}
    counts: dict[str, int] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped in edges:
            counts[stripped] = counts.get(stripped, 0) + 1
    return {t for t, n in counts.items() if t and n > 1}


# A contents list: its heading ("Contents", "Table of Contents"), a column's heading ("Page"), and entries,
# each a title ending in its page number, after dotted leaders or spaces ("1.1 Purpose ....... 3", "Section G
# Security 322"; an entry the copy ran "Page 2 of 10" into too).  Roman page numbers only after leaders.
_CONTENTS_HEAD = re.compile(r"^(?i:(?:table\s+of\s+)?contents(?:\s+page)?:?)$")
_CONTENTS_COLUMN = re.compile(r"^(?i:(?:(?:section|clause|paragraph|title|heading)\s+)?page)$")
_CONTENTS_ENTRY = re.compile(
    r"^(?P<title>\S.{0,150}?)(?:\s*(?P<leader>(?:\.\s?){3,}|…+|_{3,})\s*|\s+)(?P<page>\d{1,4}|[ivxlc]{1,7})"
    r"(?:\s+(?i:page\s+\d{1,4}\s+of\s+\d{1,4}))?$"
)
# An entry numbered as a document's parts are ("1", "1.1", "G3.17", "Section A", "Appendix AD", "Part 2").
_NUMBERED_ENTRY = re.compile(
    r"^(?:(?i:section|appendix|annex|schedule|part|chapter)\s+[A-Z0-9]{1,3}\b|[A-Z]{0,2}\d{1,3}(?:\.\d{1,3})*[A-Z]{0,2}\.?\s)"
)
_CONTENTS_LEAST = 3  # entries, each numbered and titled, that make a contents list without its heading or leaders
_CONTENTS_MAX_CHARS = 300  # no entry is longer (a copy laid out in columns, its leaders included)


@dataclass(frozen=True)
class _Entry:
    page: int | None  # None for a roman page number
    titled: bool  # numbered, and its words a title in title case ("2.1 Service Requests")
    leader: bool
    numbered: bool = False  # its words start with a number as a provision's do ("G1.1", "1.1", "Section A")


def _contents_entry(text: str) -> _Entry | None:
    """``text`` (a stripped line) as an entry of a contents list, or None."""
    m = _CONTENTS_ENTRY.match(text)
    if m is None or (m.group("page")[0] in "ivxlc" and not m.group("leader")):
        return None
    title = m.group("title").rstrip(" .")
    if not title or not any(ch.isalpha() for ch in title) or (title[-1] in ";:,(" and not m.group("leader")):
        return None
    if m.group("leader") is None and (title[-1] == "." or text[0] == "|" or _ENUM_RE.match(text)):
        return None  # a sentence, a table's row or a paragraph that ends in a number
    page = m.group("page")
    numbered = _NUMBERED_ENTRY.match(title + " ")
    titled = numbered is not None and _is_title_case((title + " ")[numbered.end() :].strip() or "-")
    return _Entry(int(page) if page.isdigit() else None, titled, bool(m.group("leader")), numbered is not None)


def _line_in_contents(t: str) -> tuple[_Entry | None, bool]:
    """A stripped line where a contents list may stand: the entry it is (or None), and whether it is a page's
    number or footer (never an entry)."""
    furniture = bool(t) and _FOOTER.match(t) is not None
    return (_contents_entry(t) if t and not furniture and _may_be_entry(t) else None), furniture


def _fits(entries: list[_Entry], entry: _Entry) -> bool:
    """Whether ``entry`` may stand in a contents list after ``entries``: a numbered line that ends in a number
    without leaders is a provision ("G1.1 The obligations apply from 1 April 2024") unless its words are a
    title; and once the list draws leaders, an entry without them must be a title."""
    if entry.leader or entry.titled:
        return True
    return not entry.numbered and not any(e.leader for e in entries)


def _may_be_entry(text: str) -> bool:
    """A cheap first look: whether ``text`` (a stripped line) may be a contents entry or heading."""
    last = text[-1]
    if last.isdigit():
        return len(text) <= _CONTENTS_MAX_CHARS
    if len(text) <= 24 and last in "sSeE:":
        return _CONTENTS_HEAD.match(text) is not None
    return last in "ivxlc" and len(text) <= _CONTENTS_MAX_CHARS and ("..." in text or "…" in text or ". ." in text)


def _in_order(entries: list[_Entry], entry: _Entry) -> bool:
    """True when ``entry``'s page is not before the last entry's (a list without its heading is in order)."""
    before, page = entries[-1].page if entries else None, entry.page
    return before is None or page is None or page >= before


def _contents_run(lines: list[str], start: int) -> tuple[int, int]:
    """The contents list starting at line ``start`` (from 0): (how many entries it holds, its last line); (0,
    the last line looked at) when what starts there is no contents list, so that no line is looked at twice."""
    head = _CONTENTS_HEAD.match(lines[start].strip()) is not None
    entries: list[_Entry] = []
    last = start
    k = start + 1 if head else start
    held: int | None = None  # a line that may be the first line of an entry whose title wrapped
    while k < len(lines):
        t = lines[k].strip()
        entry, furniture = _line_in_contents(t)
        if entry is not None and not _fits(entries, entry):
            break  # a provision (or a sentence) after the list: the list ended before it
        if entry is not None and (head or _in_order(entries, entry)):
            entries.append(entry)
            last, held = k, None
        elif not t or ((entries or head) and (furniture or _CONTENTS_COLUMN.match(t))):
            pass  # a blank line, a page's number or footer, the column's heading: still the list
        elif held is None and (entries or head) and len(t) <= 80 and t[-1] not in ".;:," and t[0] != "|":
            if _CONTENTS_HEAD.match(t):
                break  # another list starts here
            held = k  # a title wrapped onto the next line, if an entry follows
        else:
            break
        k += 1
    found = len(entries)
    listed = (head and found >= 1) or (found >= _CONTENTS_LEAST and all(e.titled for e in entries))
    return (found if listed or sum(e.leader for e in entries) >= 2 else 0), last


def _drop_contents(raw: _Raw, source: str, messages: list[Message]) -> None:
    """Blank the lines of each contents list in ``raw`` (a text's, not a Word file's), each list said in a
    warning naming its lines: its titles and page numbers are no provision's words."""
    lines = raw.lines
    k = 0
    while k < len(lines):
        t = lines[k].rstrip()
        if not t or not _may_be_entry(t.lstrip()):
            k += 1
            continue
        found, last = _contents_run(lines, k)
        if found:
            messages.append(
                Message(
                    "warning",
                    f"left out a contents list (lines {k + 1}-{last + 1}: {found} titles with their page numbers), "
                    f"as its titles and page numbers are no provision's words; check that no provision stood "
                    f"among them",
                    Location(source, k + 1),
                )
            )
            lines[k : last + 1] = [""] * (last + 1 - k)
        k = last + 1


_EOL_FOOTER = re.compile(r"\s+SEC\s*[—–-]$")
_MISREAD = [
    (re.compile(r"^\(?@\)\s*"), "(a) "),
    (re.compile(r"^@\s+"), "(a) "),
    (re.compile(r"^\([©¢]\)"), "(c)"),
]
_CONTINUES = re.compile(
    r"(?:\b(?:Section|Sections|paragraph|paragraphs|Clause|Clauses|of|in|to|under|with|the|by)"
    r"|(?<![;,])\s(?:and|or)|\b[A-Z]{1,2}\d+(?:\.\d+[A-Z]{0,2})?)$",
    re.IGNORECASE,
)
_SMALL_WORDS = {"a", "an", "and", "or", "of", "the", "to", "be", "for", "with", "in", "on", "by", "at", "from"}
_SUBORDINATE = re.compile(r"^(?:Where|If|When|Unless|In the event|Subject to|Without prejudice)\b")
_MAIN_CLAUSE = re.compile(
    r"^(?P<head>.*,)\s+(?P<tail>(?:it|they|the\s+\w+(?:\s+\w+)?|such\s+\w+|that\s+\w+|each\s+\w+)\s+"
    r"(?:shall|must|will|may)\b[^,;]*\.)$"
)


# Characters XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return; U+FFFE and
# U+FFFF; lone surrogates): no .docx or HTML output can hold them.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def forbidden_characters(text: str) -> str:
    """The characters of ``text`` that XML forbids, as "U+0001, U+001B" ("" when there are none)."""
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in XML_FORBIDDEN.findall(text)}))


UNPLACED = "text outside any clause kept as a heading"
UNPLACED_CODE = "unplaced"  # the code of that message  # the reader could not place it in a provision


def quote(text: str, width: int = 60) -> str:
    """A short quotation of ``text`` for a message."""
    return repr(text if len(text) <= width else text[: width - 3].rstrip() + "...")


class TextReadError(ValueError):
    """Input that cannot be read as clause text at all (empty, binary, not UTF-8, absurd lines)."""


def decode_text(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 clause text or raise TextReadError with one clear line."""
    if not data.strip():
        raise TextReadError(f"{name}: the file is empty; give a file of SEC clause text")
    if b"\x00" in data:
        raise TextReadError(f"{name}: this is a binary file, not text; save the clauses as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextReadError(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save the file as UTF-8"
        ) from None
    return text


# --- lines ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    no: int
    indent: int
    text: str  # stripped; "" for a blank line


# --- collapsed transcripts ------------------------------------------------------------------
# A copy whose line breaks were lost holds a whole Section on one line.  It is split where provisions open:
# at clause numbers that start a clause (not those in running text, "Section G3.18(a)", "G3.17 and G3.18"),
# at enumerators after list punctuation (": (a)", "; and (b)"), not "paragraphs (a) to (f)", at quoted
# definitions and notes after a sentence, at the 'SEC Version' line and at group headings ("G3 Title G3.1").

_COLLAPSED_MIN_CHARS = 40
_CLAUSE_LATER = re.compile(r"\.\d+[A-Z]{0,2}\s+[A-Z\[“\"]")  # the tail of "G3.17 Where": starts with a literal, so fast
_SPLIT_ENUM = re.compile(r"(?:(?<=[:;.])|(?<=; and)|(?<=; or)|(?<=, and)|(?<=, or))\s+(?=\((?:[a-z]{1,4}|[A-Z])\)\s)")
_SPLIT_OTHER = re.compile(
    r"(?:(?<=[.;:])\s+(?=[\"“][^\"”]{1,100}[\"”]\s+(?:means|has the meaning|shall mean|shall have the meaning)\b)"
    r"|(?<=\.)\s+(?=(?:Note|NOTE)(?:\s+\d+)?\s*:)"
    rf"|\s+(?={_SEC_VERSION}))"
)
_HEAD_OPENERS = re.compile(
    r"^section\s+[A-Z]{1,2}\s*(?::|-|–|—)?\s*['‘’\"“][^'‘’\"“”]{1,100}['’\"”](?=\s)"
    rf"|{_SEC_VERSION}(?=\s)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(rf"[.;\]]\s+|{_SEC_VERSION}\s+")
# words after which a clause number is a reference in running text, not the start of a clause
_REFERRING = frozenset(
    {
        "section",
        "sections",
        "paragraph",
        "paragraphs",
        "clause",
        "clauses",
        "condition",
        "conditions",
        "and",
        "or",
        "to",
        "of",
        "in",
        "under",
        "with",
        "by",
        "see",
        "per",
        "from",
        "at",
        "than",
        "within",
        "including",
        "between",
        "also",
        "each",
        "where",
        "whether",
    }
)


def _uncollapse(line: str, profile: Profile = SECTION) -> tuple[list[str], int, int] | None:
    """The pieces of a line that holds several provisions, with the number of clause numbers and of
    enumerators it was split at; None when the line is one provision's words."""
    if len(line) < _COLLAPSED_MIN_CHARS:
        return None
    # A cheap first look (most long lines are one provision's words): a clause number after the line's start,
    # or a clause whose list is inline.
    # A line that opens with a document's title ("Section C 'Title' C1.1 ... : (a) ...; (b) ...") opens
    # provisions as one that opens with a clause number does.
    starts_clause = profile.clause_start.match(line) is not None or (
        line[:1] in "SsAa" and _HEAD_OPENERS.match(line) is not None
    )
    inline_list = starts_clause and any(s in line for s in (": (", "; (", "and (", "or ("))
    if not inline_list and not _CLAUSE_LATER.search(line, 3):
        return None
    cuts = _clause_cuts(line, profile)  # position -> what opens there
    clauses = sum(1 for k in cuts.values() if k == "clause")
    for m in _SPLIT_ENUM.finditer(line):
        cuts[m.end()] = "enumerator"
    for m in _SPLIT_OTHER.finditer(line):
        cuts[m.end()] = "other"
    enums = sum(1 for k in cuts.values() if k == "enumerator")
    if clauses < 2 and not (starts_clause and enums >= 2):
        return None
    for m in _HEAD_OPENERS.finditer(line):  # the title's and the version line's own ends
        cuts.setdefault(m.end(), "other")
    for head in _part_heading_starts(line, cuts):
        cuts[head] = "heading"
    points = sorted(p for p in cuts if 0 < p < len(line))
    pieces = [line[a:b].strip() for a, b in zip([0, *points], [*points, len(line)], strict=True)]
    return [p for p in pieces if p], clauses, enums


def _clause_cuts(line: str, profile: Profile) -> dict[int, str]:
    """Where a collapsed ``line`` is cut at its clause numbers, each position mapped to what opens there:
    "clause" at each clause number that starts a clause (not at one that running text refers to), "group" at
    the group heading just before such a number when one stands there ("... G3 System Security G3.1 ...")."""
    cuts: dict[int, str] = {}
    for m in profile.split_clause.finditer(line):
        before = line[: m.start()].rstrip()
        if _reference_follows(before):
            continue
        cuts[m.end()] = "clause"
        label = (m.group("sec") or "") + m.group("group") if profile.carries_code else m.group("group")
        group = re.search(rf"(?:^|\s){re.escape(label)}\s+[A-Z][^.;]{{0,150}}$", before)
        if group and len(before[group.start() :].split()) <= 16:
            cuts[group.start() + (1 if before[group.start()].isspace() else 0)] = "group"
    return cuts


def _reference_follows(before: str) -> bool:
    """True when a clause number after the words ``before`` is a reference in running text, not the start of
    a clause: they end with a comma ("G3.1, G3.2") or a word such as "Section", "and", "under"."""
    last = before.rsplit(None, 1)[-1] if before else ""
    return last.endswith(",") or last.strip("([").lower() in _REFERRING


def _part_heading_starts(line: str, cuts: dict[int, str]) -> list[int]:
    """Where a part heading starts that stands between the end of one provision and the next clause number
    ("... G3.18. Manufacturers: Duty to Notify and Be Notified G3.17 Where ..."), to be cut off the words
    before it: after the last sentence end before that clause's cut, when the words from there are in title
    case.  Each such start lies between two of ``cuts``."""
    points = sorted(p for p in cuts if 0 < p < len(line))
    starts = []
    for k, p in enumerate(points):
        if cuts[p] != "clause":
            continue
        start = points[k - 1] if k else 0
        ends = list(_SENTENCE_END.finditer(line, start, p))
        head = ends[-1].end() if ends else start
        if head > start and _is_title_case(line[head:p].strip()):
            starts.append(head)
    return starts


@dataclass
class _Raw:
    """A text's lines as they are, with what cleaning them needs to know of the whole text."""

    lines: list[str]
    running: set[str]  # running headers and footers (lines repeated at page breaks)
    forbidden: bool  # the text holds characters XML forbids
    # A Word file's paragraphs: Word sets page headers, footers and numbers apart from the body, so no body
    # paragraph is one ("2017" alone is a paragraph's words); and a list paragraph ("• Level 1") is content.
    word: bool = False
    listed: frozenset[int] = frozenset()  # lines (from 1) of a Word file's list paragraphs


def _raw_lines(text: str, source: str) -> _Raw:
    if not unicodedata.is_normalized("NFC", text):  # one pass over the whole text, not one a line
        text = unicodedata.normalize("NFC", text)
    if "\t" in text or "\u00a0" in text:
        text = text.replace("\t", " " * INDENT).replace("\u00a0", " ")
    raw_lines = text.splitlines()
    longest = max(raw_lines, key=len, default="")
    if len(longest) > MAX_LINE_CHARS:
        no = raw_lines.index(longest) + 1
        raise TextReadError(
            f"{source}:{no}: a line of {len(longest):,} characters is not clause text; split it into paragraphs"
        )
    return _Raw(raw_lines, _page_edge_repeats(text), XML_FORBIDDEN.search(text) is not None)


def _clean_lines(text: str, source: str, messages: list[Message]) -> list[_Line]:
    """Lines with footers and page numbers removed and misread enumerators repaired."""
    raw = _raw_lines(text, source)
    return _clean(raw, range(len(raw.lines)), source, messages, _profile_of(raw.lines))


_PAGE = "page header, footer or number"
_BACK_TO = re.compile(r"^(?i:[«\u2039←]?\s*back\s+to\s+(?!top\b))")


def _kind(raw: _Raw, no: int, stripped: str, collapsed: bool = False) -> str:
    """What page furniture line ``no`` (its words ``stripped``) is, "" for none: in a Word file's body only
    a document viewer's or web page's line (pasted in), and never a list paragraph."""
    if raw.word:
        if no in raw.listed or len(stripped) > _FURNITURE_MAX_CHARS:
            return ""
        kind = _furniture(stripped)
        # "Back to normal" is a paragraph's words; only "Back to top" is a web page's link in a Word file.
        return kind if kind != _PAGE and not _BACK_TO.match(stripped) else ""
    if not collapsed and stripped in raw.running and not _VERSION_RE.match(stripped):
        return _PAGE
    return _furniture(stripped) if collapsed or len(stripped) <= _FURNITURE_MAX_CHARS else ""


def _clean(
    raw: _Raw, numbers: Iterable[int], source: str, messages: list[Message], profile: Profile = SECTION
) -> list[_Line]:
    """The lines of ``raw`` at ``numbers`` (from 0), cleaned as ``_clean_lines`` says."""
    forbidden, raw_lines = raw.forbidden, raw.lines
    lines: list[_Line] = []
    kinds: list[str] = []  # what page furniture each line is ("" for none)
    for index in numbers:
        no, raw_line = index + 1, raw_lines[index]
        stripped = raw_line.strip()
        if not stripped:
            lines.append(_Line(no, 0, ""))
            kinds.append("")
            continue
        if forbidden and XML_FORBIDDEN.search(stripped):
            messages.append(
                Message(
                    "warning",
                    f"replaced {forbidden_characters(stripped)} (a character no Word or HTML document may hold) "
                    f"with \ufffd; check the text here",
                    Location(source, no),
                )
            )
            stripped = XML_FORBIDDEN.sub("\ufffd", stripped)
        collapsed = _uncollapse(stripped, profile) if len(stripped) >= _COLLAPSED_MIN_CHARS else None
        if collapsed is not None:
            pieces, clauses, enums = collapsed
            messages.append(
                Message(
                    "warning",
                    f"this line of {len(stripped):,} characters holds many provisions (its line breaks were lost): "
                    f"split it into {len(pieces)} at {clauses} clause numbers and {enums} enumerators; "
                    f"check the result",
                    Location(source, no),
                )
            )
            for piece in pieces:
                lines += [_Line(no, 0, piece), _Line(no, 0, "")]
                kinds += [_kind(raw, no, piece, collapsed=True), ""]
            continue
        lines.append(_Line(no, len(raw_line) - len(raw_line.lstrip(" ")) if raw_line[0] == " " else 0, stripped))
        kinds.append(_kind(raw, no, stripped))
    out: list[_Line] = []
    for i, ln in enumerate(lines):
        if not ln.text:
            out.append(ln)
            continue
        if kinds[i]:
            messages.append(Message("warning", f"removed a {kinds[i]}: {ln.text!r}", Location(source, ln.no)))
            continue
        m = _EOL_FOOTER.search(ln.text) if ln.text[-1] in "—–-" and "SEC" in ln.text else None
        if m:
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j].text), None)
            if nxt is not None and kinds[nxt]:
                messages.append(
                    Message(
                        "warning",
                        f"removed a running footer at the end of the line: {m.group(0).strip()!r}",
                        Location(source, ln.no),
                    )
                )
                ln = _Line(ln.no, ln.indent, ln.text[: m.start()])
        for pattern, repl in _MISREAD if ln.text[:1] in "(@" else ():
            fixed = pattern.sub(repl, ln.text, count=1)
            if fixed != ln.text:
                messages.append(
                    Message(
                        "warning",
                        f"read {ln.text[:4]!r} as {repl.strip()!r} (a misread enumerator)",
                        Location(source, ln.no),
                    )
                )
                ln = _Line(ln.no, ln.indent, fixed.rstrip())
                break
        out.append(ln)
    return out


def _label_lines_joined(
    blocks: Iterable[_Block], source: str, messages: list[Message], profile: Profile = SECTION
) -> Iterator[_Block]:
    """A block that is a clause number or enumerator alone ("(a)", "G3.17") takes the words of the block
    after it, as text extracted from a PDF sets them (label, blank line, words), unless that block starts a
    provision of its own."""
    held: _Block | None = None
    for b in blocks:
        if held is None:
            held = b
            continue
        if not held.rows and not b.rows and profile.label_alone.match(held.text) and not _starts_unit(b.text, profile):
            messages.append(
                Message(
                    "info",
                    f"{held.text} stands alone on its line: read the next line as its words",
                    Location(source, held.line),
                )
            )
            yield _Block(held.line, held.indent, f"{held.text} {b.text}", after_blank=held.after_blank)
            held = None
            continue
        yield held
        held = b
    if held is not None:
        yield held


def _is_term(term: str) -> bool:
    """True when ``term`` has the shape of a defined term: capitalised words, small words between."""
    words = term.split()
    return (
        bool(words)
        and (words[0][0].isupper() or words[0][0].isdigit())
        and all(w[0].isupper() or w[0].isdigit() or w[0] in "(&/" or w in _SMALL_WORDS for w in words)
    )


def _unquoted_definition(text: str) -> re.Match[str] | None:
    m = _UNQUOTED_DEF_RE.match(text) if " mean" in text else None
    return m if m is not None and _is_term(m.group("term")) else None


def _starts_unit(text: str, profile: Profile = SECTION) -> bool:
    return bool(profile.clause_re.match(text) or _ENUM_RE.match(text) or _DEF_RE.match(text) or _NOTE_RE.match(text))


def _is_indented_layout(lines: list[_Line], profile: Profile = SECTION) -> bool:
    """True when paragraphs are indented (canonical text): then indentation and blank lines are trusted.
    Decided by most of the lines that would be indented (enumerated paragraphs, or else every line that
    is not a clause number's), so one stray indented line (a pasted bullet) does not decide for the file."""
    enum_lines = [ln for ln in lines if ln.text and ln.text[0] == "(" and _ENUM_RE.match(ln.text)]
    if not enum_lines:
        enum_lines = [ln for ln in lines if ln.text and not profile.clause_re.match(ln.text)]
    return bool(enum_lines) and sum(ln.indent >= 2 for ln in enum_lines) * 2 > len(enum_lines)


# --- blocks -------------------------------------------------------------------------------


@dataclass
class _Block:
    line: int
    indent: int
    text: str
    rows: list[str] = field(default_factory=list)  # table rows, when the block is a table
    after_blank: bool = True


class _Words:
    """The document's words, for deciding whether a hyphen at a line end belongs to the word."""

    def __init__(self, text: str):
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = set(re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", self._text))
        return word in self._words


def _join_hyphenated(left: str, right: str, words: _Words) -> tuple[str, bool]:
    """Join a line ending in 'xx-' to the next line; True when the hyphen was a line-end hyphenation."""
    head_m, tail_m = re.search(r"([A-Za-z]+)-$", left), re.match(r"[A-Za-z]+", right)
    if head_m is None or tail_m is None:
        return f"{left} {right}", False
    head, tail = head_m.group(1), tail_m.group(0)
    joined, hyphened = head + tail, f"{head}-{tail}"
    if hyphened in words and joined not in words:
        return left + right, False
    if joined in words or tail[0].islower():
        return left[:-1] + right, True
    return left + right, False


def _opens_block(
    line: str, block: str, last_line: str, short: int, indented: bool = False, profile: Profile = SECTION
) -> str:
    """What ``line`` opens after ``last_line`` (which ended a sentence) in flat text, though no blank line
    stands between them: a group heading, a definition written without quotation marks, the text after a
    list (a capital letter after the list's last item has ended), or a short line that is no sentence
    (a heading or page furniture); "" when it is more of the block's words.  In indented text, where blank
    lines part blocks, only a definition: a copy laid out in columns sets a table's rows without them."""
    if indented:
        return "a definition" if _unquoted_definition(line) else ""
    gm = profile.group_re.match(line)
    if gm and _looks_like_heading(gm.group("title")) and not profile.clause_re.match(line):
        return "a group heading"
    if _unquoted_definition(line):
        return "a definition"
    if last_line[-1] in ".]" and line[0].isupper():
        if block[0] == "(" and _ENUM_RE.match(block):
            return "the text after a list"
        if len(line) < short and _looks_like_heading(line):
            return "a line that is no sentence"
    return ""


def _short_line(lines: list[_Line]) -> int:
    """How short a line must be to end its paragraph: 60% of the text's typical (90th percentile) length."""
    lengths = sorted(len(ln.text) for ln in lines if ln.text)
    typical = lengths[int(len(lengths) * 0.9)] if lengths else 80
    return max(20, int(typical * 0.6))


_TITLE_WORDS = frozenset({"section", "appendi"})  # the first seven letters of a title line, lower-cased


def _is_title(line: str) -> bool:
    return (
        line[:1] in "SsAa" and len(line) < 120 and line[:7].lower() in _TITLE_WORDS and document_title(line) is not None
    )


def _apart(line: str, parts: list[str]) -> bool:
    """True when ``line`` may not join the open block (its lines ``parts``), however close they stand: either
    is a line of its own (a Section's title, its "SEC Version 6.17" line), or ``line`` is a table's caption."""
    # A line of its own starts with "S" or "A" (either case), a caption with "T": most lines are looked at no further.
    return (line[:1] in "SsAaT" and (_own_line(line) or _is_caption(line))) or (len(parts) == 1 and _own_line(parts[0]))


def _hyphenated(left: str, right: str) -> bool:
    """True when line ``left`` ends in a letter and a hyphen and line ``right`` goes on with a letter: a word
    that may have been hyphenated across the line end."""
    return left[-1:] == "-" and right[0].isalpha() and re.search(r"[A-Za-z]-$", left) is not None


def _blocks(
    lines: list[_Line],
    indented: bool,
    source: str,
    words: _Words,
    messages: list[Message],
    profile: Profile = SECTION,
) -> Iterator[_Block]:
    """The blocks of ``lines``, each given once it is complete (so that the next steps read it while it is
    fresh: a whole code is read in one pass, not in one pass a step)."""
    short = _short_line(lines) if not indented else 0
    current: _Block | None = None
    parts: list[str] = []  # the words of ``current``, line by line (joined once, not line by line)
    last_line = ""
    blank_before = True
    wrapped_at: int | None = None  # the indent of the current block's wrapped lines, once one is seen

    def finish() -> Iterator[_Block]:
        nonlocal current, parts
        if current is not None:
            if not current.rows:
                current.text = " ".join(parts)
            yield current
        current, parts = None, []

    def start(block: _Block) -> Iterator[_Block]:
        nonlocal current, parts
        yield from finish()
        current, parts = block, [block.text]

    for ln in lines:
        t = ln.text
        if not t:
            yield from finish()
            blank_before = True
            continue
        if current is not None and wrapped_at is not None and ln.indent + 2 <= wrapped_at:
            # A line stepping back left of the block's wrapped lines (text laid out in columns, as
            # "pdftotext -layout" keeps them) is not more of it: the text after a list, say.
            yield from finish()
        if current is None:
            wrapped_at = None
        if t.startswith("|"):
            if current is None or not current.rows:
                yield from start(_Block(ln.no, ln.indent, "", after_blank=blank_before))
            assert current is not None
            current.rows.append(t)
        elif current is None or current.rows:
            yield from start(_Block(ln.no, ln.indent, t, after_blank=blank_before))
        elif _apart(t, parts):
            yield from start(_Block(ln.no, ln.indent, t, after_blank=False))
        elif _starts_unit(t, profile):
            if _CONTINUES.search(last_line):
                messages.append(
                    Message(
                        "warning",
                        f"line starting {t[:12]!r} continues the previous line "
                        f"(a wrapped reference), not a new provision",
                        Location(source, ln.no),
                    )
                )
                parts.append(t)
            else:
                yield from start(_Block(ln.no, ln.indent, t, after_blank=False))
        elif parts[-1][-1:] == "-" and _hyphenated(parts[-1], t):
            parts[-1], rejoined = _join_hyphenated(parts[-1], t, words)
            if rejoined:
                messages.append(
                    Message("warning", "re-joined a word hyphenated across the line end", Location(source, ln.no))
                )
        elif not indented and last_line[-1:] in ",;:." and len(last_line) < short:
            messages.append(
                Message("info", "a short line ending in punctuation ended its paragraph", Location(source, ln.no))
            )
            yield from start(_Block(ln.no, ln.indent, t, after_blank=False))
        elif last_line[-1:] in ".;:]" and (why := _opens_block(t, parts[0], last_line, short, indented, profile)):
            messages.append(Message("info", f"{why} starts after a finished sentence", Location(source, ln.no)))
            yield from start(_Block(ln.no, ln.indent, t, after_blank=False))
        else:
            if t in ("or", "and") and last_line[-1:] == ":":
                # Words before a list end at its colon; a lone "or" after it is a list item's last word that a
                # PDF copy moved (pdftotext puts a line's last word where the page drew it).
                messages.append(
                    Message(
                        "warning",
                        f"a lone {t!r} after a line ending ':' is read as more of that paragraph; it is likely "
                        "the last word of an item of the list that follows, moved by a PDF copy: check it",
                        Location(source, ln.no),
                    )
                )
            parts.append(t)
            wrapped_at = ln.indent
        last_line = t
        blank_before = False
    yield from finish()


# --- the tree -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    ref: ClauseRef
    label: str
    rank: int  # 0 clause or definition, 1 (a), 2 (i), 3 (A)
    indent: int
    kind: ClauseKind
    text: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    rows: tuple[tuple[str, ...], ...] = ()
    line: int = 0  # where the provision starts in the text

    @property
    def depth(self) -> int:
        return len(self.ref.path)

    def freeze(
        self,
        locate: Callable[[int], Location],
        duplicates: dict[ClauseRef, list[int]],
        bracketed: list[tuple[int, Clause]],
    ) -> Clause:
        """The frozen Clause; paragraphs that share a number with a sibling go into ``duplicates`` (the
        reference and the lines it starts at), and each provision whose words leave a bracket open into
        ``bracketed`` (with its line), for ``_report_unclosed`` to say without walking the tree again."""
        if len(self.children) > 1:
            first: dict[str, int] = {}
            for k in self.children:
                if k.kind in ("table", "note"):
                    continue
                key = k.ref.path[-1]
                if key in first:
                    duplicates.setdefault(k.ref, [first[key]]).append(k.line)
                else:
                    first[key] = k.line
        frozen = Clause(
            ref=self.ref,
            label=self.label,
            text=" ".join(self.text),
            children=tuple(c.freeze(locate, duplicates, bracketed) for c in self.children),
            trailing=" ".join(self.trailing),
            kind=self.kind,
            rows=self.rows,
            where=locate(self.line) if self.line else None,
        )
        if any(("(" in words or "[" in words) and _unclosed(words) for words in (frozen.text, frozen.trailing)):
            bracketed.append((self.line, frozen))
        return frozen


def _ends_item(text: str) -> bool:
    """True when text ends a sentence or a list item, so what follows is not its continuation."""
    t = text.rstrip()
    return t[-1:] in ".;:,]" or bool(re.search(r"[;,]\s+(?:and|or)$", t))  # "]": "[Not used]"


def _is_title_case(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= 14 or text[-1] in ".,;" or not text[0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


def _own_line(text: str) -> bool:
    """A line that is never part of a paragraph: a document's title, its "SEC Version 6.17" line."""
    return _is_title(text) or (text[:1] in "Ss" and _VERSION_RE.match(text) is not None)


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 14 and text[0].isupper() and text[-1] not in ".,;:" and not _ENUM_RE.match(text)


def _is_group_heading(text: str, profile: Profile) -> bool:
    """True for a group heading of ``profile`` ("G3 System Security", in an Appendix "2 Service Requests")."""
    gm = profile.group_re.match(text)
    return gm is not None and _looks_like_heading(gm.group("title")) and not profile.clause_re.match(text)


# A table's caption, on the line before its rows: "Table 28a: Illustrative request fields", "Table 4 - Fields".
CAPTION_RE = re.compile(
    r"^(?P<number>Table\s+[A-Z]?\d{1,4}[A-Za-z]{0,3})(?:\s*[:.–—-]\s*(?P<title>\S.*)|\s+(?P<rest>[A-Z].*))?$"
)


def _is_caption(line: str) -> bool:
    return line[:5] in ("Table", "TABLE") and len(line) < 200 and CAPTION_RE.match(line) is not None


def caption_number(caption: str) -> str:
    """The number a table's caption gives it ("Table 28a" of "Table 28a: Illustrative request fields"), what a
    change set names the table by; "" when the words are no caption."""
    m = CAPTION_RE.match(" ".join(caption.split()))
    return " ".join(m.group("number").split()) if m else ""


def heading_from_text(text: str, profile: Profile = SECTION) -> Heading:
    """A heading's words as the reader takes them: "G3 System Security" (in an Appendix, "4 Illustrative
    Group") a group heading, else a part."""
    return _heading(" ".join(text.split()), profile)


def _heading(text: str, profile: Profile = SECTION) -> Heading:
    gm = profile.group_re.match(text)
    if gm and _looks_like_heading(gm.group("title")):
        return Heading(gm.group("title"), kind="group", label=gm.group("label"))
    return Heading(text, kind="part")


# Initialisms the code's titles use, kept in capitals when an all-capital title is put in title case
# ("SECTION H: DCC SERVICES" is Section H 'DCC Services'); a word without a vowel is one too ("SMKI" has one).
_INITIALISMS = frozenset(
    {"DCC", "SEC", "SMKI", "DCCKI", "CPA", "GBCS", "SMETS", "SMETS1", "SMETS2", "CHTS", "ECoS", "SMDA", "SMIP",
     "SMWAN", "HAN", "CSP", "MPAN", "MPRN", "SRV", "DSP", "PKI", "IT", "UK", "GB", "EU", "ID", "TSP", "MMC", "CAD",
     "ESME", "GSME", "PPMID", "IHD", "HCALCS", "SSI", "DUIS", "MMCS", "CoS", "ADT", "TA"}
)  # fmt: skip
_NO_VOWEL = re.compile(r"^[B-DF-HJ-NP-TV-XZ0-9&/-]{2,}$")


def _title_word(word: str, first: bool) -> str:
    """One word of an all-capital title in title case: an initialism kept, a small word in lower case."""
    bare = word.strip("()[],;:'‘’\"“”")
    if bare in _INITIALISMS or bare.upper() in _INITIALISMS or _NO_VOWEL.match(bare):
        return word
    lower = word.lower()
    return lower if (not first and lower in _SMALL_WORDS) else lower.capitalize()


def _title_case(title: str) -> str:
    if not title.isupper():
        return title
    return " ".join(_title_word(w, i == 0) for i, w in enumerate(title.split()))


class _Builder:
    def __init__(self, source: str, indented: bool, messages: list[Message], profile: Profile = SECTION):
        self.source = source
        self.profile = profile
        self.locate: Callable[[int], Location] = lambda line: Location(source, line)
        self.indented = indented
        self.messages = messages
        self.section = ""
        self.title = ""
        self.version = ""
        self.body: list[Heading | Clause] = []
        self.clause: _Node | None = None
        self.stack: list[_Node] = []
        self.target: tuple[_Node, str] | None = None  # where the last words went: (node, "text"|"trailing")
        self.counters: dict[tuple[object, ...], int] = {}
        self.duplicates: dict[ClauseRef, list[int]] = {}  # references several provisions carry: their lines
        self.bracketed: list[tuple[int, Clause]] = []  # provisions whose words leave a bracket open, with lines
        self.numbers: dict[str, int] = {}  # each clause number read: the line it starts at
        self.has_clause = False  # a clause has been read (so title and version lines are over)
        self.last_table: _Node | None = None  # the table the block just read made, which rows may continue
        self.headed: frozenset[int] = frozenset()  # lines that are headings by what the text came from
        self.listed: frozenset[int] = frozenset()  # lines that are a Word file's list paragraphs

    def locate_block(self, block: _Block) -> Location:
        return Location(self.source, block.line)

    def where(self, block: _Block) -> Location:
        return Location(self.source, block.line)

    def warn(self, text: str, block: _Block, level: Level = "warning", code: str = "") -> None:
        self.messages.append(Message(level, text, self.where(block), code=code))

    # structure -------------------------------------------------------------------------

    def close_clause(self) -> None:
        if self.clause is not None:
            if not self.indented:
                self._split_flush_text(self.clause)
            self.body.append(self.clause.freeze(self.locate, self.duplicates, self.bracketed))
        self.clause, self.stack, self.target = None, [], None

    def _split_flush_text(self, clause: _Node) -> None:
        """'Where ...:' needs its main clause: if the last paragraph ran on into it, split it off."""
        chapeau = " ".join(clause.text)
        if clause.trailing or not clause.children or not chapeau.endswith(":") or not _SUBORDINATE.match(chapeau):
            return
        last = clause.children[-1]
        while last.children:
            last = last.children[-1]
        m = _MAIN_CLAUSE.match(" ".join(last.text))
        if m:
            last.text = [m.group("head")]
            clause.trailing = [m.group("tail")]
            self.messages.append(
                Message(
                    "warning",
                    f"split {m.group('tail')[:30]!r}... off {last.ref} as the text after the list of "
                    f"{clause.ref} (its chapeau has no main clause)",
                    Location(self.source),
                    str(clause.ref),
                )
            )

    def _child_ref(self, parent: _Node, kind: str) -> ClauseRef:
        key = (parent.ref, kind)
        self.counters[key] = self.counters.get(key, 0) + 1
        return parent.ref.child(f"{kind}{self.counters[key]}")

    def _owner(self, block: _Block) -> _Node:
        """The open node a plain block, note or table belongs to: the deepest one indented less than it, or,
        level with an open paragraph, that paragraph's owner (the text after its list).  Indents are compared,
        not counted in steps of four, so text laid out in columns of any width reads the same."""
        if self.indented and block.indent > 0:
            open_nodes = [n for n in self.stack if n.kind != "table"]
            for k in range(len(open_nodes) - 1, -1, -1):
                if block.indent > open_nodes[k].indent:
                    return open_nodes[k]
                if block.indent == open_nodes[k].indent and k > 0:
                    return open_nodes[k - 1]
        return self.stack[0]

    def start_clause(self, block: _Block, m: re.Match[str]) -> None:
        self.close_clause()
        # the pattern gives them normalised
        if self.profile.carries_code:
            ref = ClauseRef(m.group("sec"), m.group("group"), m.group("clause"))
            if self.section and ref.section != self.section:
                self.warn(f"clause {ref} is not in Section {self.section}", block)
            self.section = self.section or ref.section
        else:
            ref = ClauseRef(self.section, m.group("group"), m.group("clause"), profile=self.profile.name)
        label = ref.number if self.profile.carries_code else ref.shown
        self.clause = _Node(ref, label, 0, block.indent, "clause", line=block.line)
        self.has_clause = True
        number = m.group("num")
        if number in self.numbers:
            self.duplicates.setdefault(ref, [self.numbers[number]]).append(block.line)
        else:
            self.numbers[number] = block.line
        if m.group("rest"):
            self.clause.text.append(m.group("rest"))
        self.stack = [self.clause]
        self.target = (self.clause, "text")

    def definitions_clause(self) -> bool:
        """True inside Section A's definitions clause (it holds definitions already, or its words speak of
        meanings), the only place where a definition may be written without quotation marks."""
        c = self.clause
        if c is None or self.section != "A":
            return False
        return any(k.kind == "definition" for k in c.children) or bool(_SPEAKS_OF_MEANINGS.search(" ".join(c.text)))

    def add_definition(self, block: _Block, term: str, rest: str, quoted: bool = True) -> None:
        while len(self.stack) > 1:
            self.stack.pop()
        term = " ".join(term.split())
        assert self.clause is not None, "a definition is only read inside a clause"
        node = _Node(
            self.clause.ref.term(term),
            f'"{term}"' if quoted else term,
            0,
            block.indent,
            "definition",
            [rest],
            line=block.line,
        )
        self.clause.children.append(node)
        self.stack.append(node)
        self.target = (node, "text")

    def add_definition_rows(self, block: _Block, rows: tuple[tuple[str, ...], ...]) -> bool:
        """A table of Section A's definitions (``| Term | means ... |`` rows) read as its definitions; False
        when some row is not a definition, so the table stays a table."""
        if not rows or not self.definitions_clause():
            return False
        if any(len(r) != 2 or not r[0] or not _DEFINES_RE.match(r[1]) for r in rows):
            return False
        for term, rest in rows:
            quoted = term[:1] in '"“' and term[-1:] in '"”'
            # A definition's own paragraphs stand in its cell, one after another (a Word cell's paragraphs
            # read as one line): each enumerator after list punctuation opens one, as in the published code.
            words, *paragraphs = _SPLIT_ENUM.split(rest) if "(" in rest else [rest]
            self.add_definition(block, term.strip('"“”'), words.strip(), quoted)
            for piece in paragraphs:
                m = _ENUM_RE.match(piece.strip())
                if m is None:
                    self._add_words(self.stack[-1], piece.strip())
                else:
                    self.add_paragraph(_Block(block.line, block.indent, piece.strip(), after_blank=False), m)
        return True

    def add_paragraph(self, block: _Block, m: re.Match[str]) -> None:
        enum = m.group("enum")
        containers = [i for i, n in enumerate(self.stack) if n.rank == 0]
        base = containers[-1]
        rank = _enumerator_rank(enum, block, self.stack[base + 1 :], self.messages, self.locate_block)
        while len(self.stack) > base + 1 and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.stack[-1]
        if parent.rank != rank - 1:
            self.warn(
                f"paragraph ({enum}) has no level-{rank - 1} paragraph to sit in; placed under {parent.ref}", block
            )
        node = _Node(parent.ref.child(enum), f"({enum})", rank, block.indent, "paragraph", line=block.line)
        if m.group("rest"):
            node.text.append(m.group("rest"))
        parent.children.append(node)
        self.stack.append(node)
        self.target = (node, "text")

    def add_note(self, block: _Block, m: re.Match[str]) -> None:
        owner = self._owner(block)
        node = _Node(
            self._child_ref(owner, "note"),
            m.group("label"),
            9,
            block.indent,
            "note",
            [m.group("rest")],
            line=block.line,
        )
        owner.children.append(node)
        self.target = (node, "text")

    def add_table(self, block: _Block, caption: str = "") -> None:
        """A table (its ``caption``, "Table 28a: ...", when the line before it gave one)."""
        rows = tuple(tuple(c.strip() for c in r.strip().strip("|").split("|")) for r in block.rows)
        if not caption and self.add_definition_rows(block, rows):
            return
        if self.clause is None:
            self.warn("a table outside any clause is kept as text", block)
            if caption:
                self.body.append(Heading(caption))
            self.body.append(Heading(" ".join(" ".join(r) for r in rows)))
            return
        last = self.last_table
        width = len(rows[0])
        if (
            not caption
            and len(rows) == 1
            and last is not None
            and last.indent == block.indent
            and len(last.rows[0]) == width
        ):
            # A row set apart by a blank line (a Word file whose rows are typed paragraphs, one a paragraph)
            # continues the table before it: one table, not a table a row.
            last.rows = (*last.rows, *rows)
            self.warn("table rows set apart by blank lines read as one table", block, "info")
            return
        owner = self._owner(block)
        node = _Node(self._child_ref(owner, "table"), caption, 9, block.indent, "table", rows=rows, line=block.line)
        owner.children.append(node)
        self.last_table = node

    def add_block(self, block: _Block, next_block: _Block | None) -> None:
        """A block of words (not a table's rows): before the first clause, a version or title line; a clause;
        inside a clause, a definition, a paragraph or a note; else words that open no provision."""
        t = block.text
        if self.clause is None and not self.has_clause and self._add_front_matter(t):
            return
        m = self.profile.clause_re.match(t)
        if m:
            self.start_clause(block, m)
        elif self.headed and block.line in self.headed:  # a heading by its Word style: no guess to report
            self._add_heading(t)
        elif self.clause is None or not self._add_unit(block, t):
            self.add_plain(block, next_block)

    def _add_front_matter(self, t: str) -> bool:
        """Take ``t`` as the "SEC Version 6.17" line or (the first one) the document's title line; False when it
        is neither."""
        m = _VERSION_RE.match(t)
        if m:
            self.version = self.version or m.group("version")
            return True
        found = document_title(t) if not self.section and t[:1] in "SsAa" else None
        if found is not None and found[0] is self.profile:  # a title, not "Section I.01 ..." or "section with"
            self.section, self.title = found[1], found[2]
            return True
        return False

    def _add_unit(self, block: _Block, t: str) -> bool:
        """Inside a clause, the definition (quoted, or in Section A's definitions clause unquoted), paragraph
        or note that ``block`` (its words ``t``) opens; False when it opens none of them."""
        if t[0] == "(":  # only a paragraph's enumerator starts so (most blocks in a clause)
            m = _ENUM_RE.match(t)
            if m:
                self.add_paragraph(block, m)
            return m is not None
        m = _DEF_RE.match(t) if t[0] in '"“' else None
        if m:
            self.add_definition(block, m.group("term"), m.group("rest"))
            return True
        m = _unquoted_definition(t)
        if m and self.definitions_clause():
            self.add_definition(block, m.group("term"), m.group("rest"), quoted=False)
            return True
        m = _NOTE_RE.match(t) if t[0] in "Nn" else None
        if m:
            self.add_note(block, m)
            return True
        return False

    def report_duplicates(self) -> None:
        """A warning for each reference that several provisions carry, in the order they first appear."""
        for ref, at in sorted(self.duplicates.items(), key=lambda item: item[1]):
            places = " and ".join(str(self.locate(n)) for n in at)
            self.messages.append(
                Message(
                    "warning",
                    f"{len(at)} provisions are numbered {ref} ({places}); a change "
                    f"to {ref} would be ambiguous, so correct the numbering",
                    self.locate(at[1]),
                    str(ref),
                )
            )

    def add_plain(self, block: _Block, next_block: _Block | None) -> None:
        """A block that opens no provision: a heading, more words of an open provision, or the text after a
        list; outside any clause, a heading (reported when it does not look like one)."""
        if self.clause is None:
            if not _looks_like_heading(block.text) and not _is_group_heading(block.text, self.profile):
                self.warn(f"{UNPLACED}: {quote(block.text)}", block, code=UNPLACED_CODE)
            self.body.append(_heading(block.text, self.profile))
        elif self.indented:
            self._add_plain_indented(block)
        else:
            self._add_plain_flat(block, next_block, self.clause)

    def _add_heading(self, text: str) -> None:
        """A heading between clauses: it closes the open clause."""
        self.close_clause()
        self.body.append(_heading(text, self.profile))

    def _add_words(self, owner: _Node, text: str) -> None:
        """``text`` as more of ``owner``'s words: the text after its list when it has one (which closes the
        paragraphs open under it), else its own text."""
        if owner.children:
            owner.trailing.append(text)
            del self.stack[self.stack.index(owner) + 1 :]
            self.target = (owner, "trailing")
        else:
            owner.text.append(text)
            self.target = (owner, "text")

    def _add_plain_indented(self, block: _Block) -> None:
        """Indented text: at the margin, a heading (when it looks like one); else the words of the open node
        its indent names (see ``_owner``)."""
        t = block.text
        if block.indent == 0 and (_looks_like_heading(t) or _is_group_heading(t, self.profile)):
            self._add_heading(t)
        else:
            self._add_words(self._owner(block), t)

    def _add_plain_flat(self, block: _Block, next_block: _Block | None, clause: _Node) -> None:
        """Flat text: a heading, the continuation of the last words (their sentence has not ended), or the
        text after a list (or more of ``clause``'s words, when it has no list).  A Word list paragraph read
        so (its list label not a clause number or enumerator the profile knows) is said."""
        if self._is_flat_heading(block, next_block, clause):
            self._add_heading(block.text)
            return
        if block.line in self.listed:
            self.warn(
                f"a list paragraph whose label is no clause number or enumerator ({quote(block.text)}) is read as "
                f"more of {clause.ref}'s words, not as a paragraph of its own; check its numbering",
                block,
                code=UNPLACED_CODE,
            )
        if not self._target_ended() and self.target is not None:
            node, attr = self.target
            t = block.text
            if block.after_blank and _opens_passage(t, next_block):
                # A copy cut mid-sentence, then the next passage: its title, or a glossary's "Has the meaning
                # given ..." line, is not more of the cut sentence.
                self.warn(
                    f"the words of {node.ref} stop mid-sentence before {quote(t)}, which opens another passage: "
                    f"read as a heading, not as more of {node.ref}'s words; check that the copy is whole",
                    block,
                    code=UNPLACED_CODE,
                )
                self._add_heading(t)
                return
            before = getattr(node, attr)
            unsure = block.after_blank and node.rank > 0 and not _continues_sentence(t) and _ends_loose(before)
            before.append(t)
            if unsure:
                self.warn(
                    f"joined {quote(t)} to {node.ref} across a blank line, as its sentence had not ended; check "
                    f"that it is not the text after a list or another passage",
                    block,
                )
            elif block.after_blank:
                self.warn(f"joined across a blank line to {node.ref} (the sentence had not ended)", block, "info")
        else:
            t = block.text
            continued = next_block is not None and next_block.text[:1].islower()
            if t[-1] not in ".;:," and not continued:
                self.warn(
                    f"text after the end of {clause.ref}'s sentence is no sentence itself: {quote(t)}; kept as "
                    f"its words, but check it is not a heading or page furniture",
                    block,
                    code=UNPLACED_CODE,
                )
            self._add_words(clause, t)

    def _is_flat_heading(self, block: _Block, next_block: _Block | None, clause: _Node) -> bool:
        """True when a block of flat text is a heading: at the margin, before a clause or a group heading (or
        itself a group heading of ``clause``'s Section after a finished sentence), and in title case or, after
        a finished sentence, shaped as a heading.  A part heading not in title case is reported."""
        t, p = block.text, self.profile
        if block.indent != 0:
            return False
        next_starts = next_block is None or bool(
            p.clause_re.match(next_block.text) or p.group_re.match(next_block.text)
        )
        gm = p.group_re.match(t)
        group_heading = gm is not None and (not p.carries_code or gm.group("label").startswith(clause.ref.section))
        if not (next_starts or (group_heading and self._target_ended())):
            return False
        if _is_title_case(t):
            return True
        if not ((_looks_like_heading(t) or (group_heading and not p.carries_code)) and self._target_ended()):
            return False
        if not group_heading:
            self.warn(
                f"read {quote(t)} as a part heading, though headings are in title case; check it is not "
                f"page furniture or a provision's words",
                block,
                code=UNPLACED_CODE,
            )
        return True

    def _target_ended(self) -> bool:
        if self.target is None:
            return True
        node, attr = self.target
        words = getattr(node, attr)
        return not words or _ends_item(words[-1])


_MEANING_GIVEN = re.compile(r"^Has the meanings?\s+given\b.*\b(?:Section|Appendix)\s+[A-Z]{1,2}\d", re.IGNORECASE)


def _ends_loose(words: list[str]) -> bool:
    """True when the last of ``words`` ends neither a sentence nor on a word that asks for more (a small word,
    a reference, a capitalised word of a term): a list item whose end may have been lost, so that a capitalised
    block after it may be the text after the list rather than more of the item."""
    last = words[-1].rsplit(None, 1)[-1] if words and words[-1].strip() else ""
    return bool(last) and last[0].islower() and last not in _SMALL_WORDS and not _CONTINUES.search(words[-1])


def _continues_sentence(text: str) -> bool:
    """True when a block's words plainly go on with an unfinished sentence: they start in lower case or with
    a joining sign, not a capital (which may open another passage or the text after a list)."""
    return text[:1].islower() or text[:1] in ",;:)-–—" or text[:1].isdigit()


def _opens_passage(text: str, next_block: _Block | None) -> bool:
    """True when a block after an unfinished sentence opens another passage: a glossary's "Has the meaning
    given ... in Section G8.22" line, or a heading-shaped line (a term or title) that such a line follows."""
    if _MEANING_GIVEN.match(text):
        return True
    return (
        _looks_like_heading(text)
        and len(text.split()) <= 10
        and next_block is not None
        and _MEANING_GIVEN.match(next_block.text) is not None
    )


def _enumerator_rank(
    enum: str, block: _Block, open_nodes: list[_Node], messages: list[Message], locate: Callable[[_Block], Location]
) -> int:
    """Rank of ``(enum)``: 1 for (a), 2 for (i), 3 for (A); (i), (v), (x) ... decided by context: whether it
    would follow the open paragraph's letter, the open sub-paragraph's numeral, both or neither."""
    kind = kind_of(enum)
    if kind == "upper":
        return 3
    if kind == "letter":
        return 1
    where = locate(block)
    last = {n.rank: n for n in open_nodes}
    letter, roman = last.get(1), last.get(2)
    after_letter = letter if letter is not None and enum in letter_successors(letter.label.strip("()")) else None
    after_roman = roman if roman is not None and roman_successor(roman.label.strip("()")) == enum else None
    deeper = letter is not None and block.indent > letter.indent
    if after_letter is not None and after_roman is not None:
        return _rank_of_either(enum, after_letter, after_roman, deeper, where, messages)
    if after_roman is not None:
        return 2
    if after_letter is not None:
        return _rank_after_letter(enum, after_letter, deeper, where, messages)
    return _rank_out_of_turn(enum, letter, where, messages)


def _enum_of(node: _Node) -> str:
    """The enumerator of a paragraph node: "c" for (c)."""
    return node.label.strip("()")


def _rank_after_letter(enum: str, letter: _Node, deeper: bool, where: Location, messages: list[Message]) -> int:
    """Rank of ``(enum)`` (a letter that may be a numeral) when it follows paragraph ``letter`` ((i) after (h))
    but not the open sub-paragraph: the letter after it, but for an (i) that starts the list ``letter``
    introduces (it ends with ':', or (i) is indented ``deeper``) when it has no (i) of its own yet; noted."""
    introduces = bool(letter.text) and letter.text[-1].rstrip().endswith(":")
    has_own_i = any(c.label == "(i)" for c in letter.children)
    if enum == "i" and (deeper or introduces) and not has_own_i:
        messages.append(
            Message(
                "info", f"(i) read as the first sub-paragraph of ({_enum_of(letter)}), which introduces a list", where
            )
        )
        return 2
    messages.append(Message("info", f"({enum}) read as the letter after ({_enum_of(letter)})", where))
    return 1


def _rank_of_either(
    enum: str, letter: _Node, roman: _Node, deeper: bool, where: Location, messages: list[Message]
) -> int:
    """Rank of ``(enum)`` (a letter that may be a numeral) when it could follow both paragraph ``letter`` and
    sub-paragraph ``roman`` ((v) after (u) and (iv)): a sub-paragraph when indented ``deeper`` than the
    letter, else a paragraph; warned."""
    rank = 2 if deeper else 1
    messages.append(
        Message(
            "warning",
            f"({enum}) could follow ({_enum_of(letter)}) or ({_enum_of(roman)}); "
            f"read as {'a sub-paragraph' if rank == 2 else 'a paragraph'}",
            where,
        )
    )
    return rank


def _rank_out_of_turn(enum: str, letter: _Node | None, where: Location, messages: list[Message]) -> int:
    """Rank of ``(enum)`` (a letter that may be a numeral) when it follows neither the open paragraph
    ``letter`` nor the open sub-paragraph: (i) under a letter starts its sub-paragraphs; a later single letter
    is a paragraph after a gap; with no letter open, a numeral starts a list of letters; anything else is a
    sub-paragraph.  Warned, but for an (i) that starts a list."""
    letter_enum = _enum_of(letter) if letter is not None else ""
    if enum == "i" and letter is not None:
        return 2
    if letter is not None and len(enum) == 1 and len(letter_enum) == 1 and enum > letter_enum:
        messages.append(
            Message(
                "warning",
                f"({enum}) does not follow ({letter_enum}): read as a paragraph after a gap in the list",
                where,
            )
        )
        return 1
    if letter is None and is_roman(enum):
        if enum != "i":
            messages.append(Message("warning", f"({enum}) starts a list: read as a letter", where))
        return 1
    messages.append(Message("warning", f"({enum}) does not follow the open list; read as a sub-paragraph", where))
    return 2


def read_text(
    text: str,
    source: str = "<text>",
    version: str = "",
    locate: Callable[[int], Location] | None = None,
    word: Iterable[int] | None = None,
    at: str = "",
    headings: Iterable[int] | None = None,
) -> Result[Document]:
    """Parse clause text into a Document; drops no text without saying so (a contents list, page furniture:
    each left out with a warning naming its lines), and reports what it guessed or repaired,
    references that several provisions carry included.  ``locate`` turns a line of ``text`` into where it
    came from (a Word paragraph, say) for each provision's ``where``; by default, that line of ``source``.
    For a text that may hold several Sections (the whole code), use ``read_code``.  ``word``: the text is a
    Word file's paragraphs, and these its lines (from 1) that are list paragraphs: no page furniture is looked
    for but a web page's lines, and never in a list paragraph.  ``at``: a provision's reference ("G7.19(a)"):
    the text is that provision's words, quoted without its number (as a glossary page quotes it; see
    ``as_provision``).  ``headings``: lines (from 1) that are headings by what the text came from (a Word
    file's paragraphs in a heading style): each is read as a heading between provisions, unless it opens a
    clause with its number, though its words be a sentence."""
    messages: list[Message] = []
    if at:
        text = as_provision(text, at)
    with no_collector_pauses():
        raw = _raw_lines(text, source)
        if word is not None:
            raw.word, raw.listed = True, frozenset(word)
        else:
            _drop_contents(raw, source, messages)
        profile = _profile_of(raw.lines)
        lines = _clean(raw, range(len(raw.lines)), source, messages, profile)
        doc = _read_lines(lines, _Words(text), source, version, locate, messages, profile, headings, raw.listed)
    return Result(doc, tuple(messages))


def read_code(
    text: str, source: str = "<text>", version: str = "", locate: Callable[[int], Location] | None = None
) -> Result[list[Document]]:
    """Parse a text holding one Section or several (a consolidated code, Sections A to X one after another)
    into one Document a Section, cut at each Section title ("SECTION A: DEFINITIONS AND INTERPRETATION",
    "Section H 'DCC Services'") whose clauses are that Section's.  A title repeated inside its own Section
    (a running header) is page furniture, removed with a warning.  ``version`` (or the version the first
    Section states, the code's own) applies to every Section that states none."""
    messages: list[Message] = []
    docs: list[Document] = []
    with no_collector_pauses():
        raw = _raw_lines(text, source)
        _drop_contents(raw, source, messages)
        words = _Words(text)
        # Each Section cleaned and read in one go, while its lines are fresh in the processor's caches:
        # time per word does not grow with the size of the code.
        for numbers in _section_spans(raw.lines, source, messages):
            profile = _profile_of(raw.lines[i] for i in numbers)
            lines = _clean(raw, numbers, source, messages, profile)
            doc = _read_lines(lines, words, source, version, locate, messages, profile)
            version = version or (doc.version if not docs else "")  # the code's version is stated first
            docs.append(doc)
    docs = merge_repeated(docs, messages)
    if version:
        docs = [d if d.version else d.with_version(version) for d in docs]
    return Result(docs, tuple(messages))


def merge_repeated(docs: list[Document], messages: list[Message]) -> list[Document]:
    """``docs`` with a document that stands again later in the same file (passages of Section G copied one
    after another, Section H between them) read as one: the later passage's provisions follow the earlier
    one's, each place said in a warning, and a provision both passages number said too."""
    out: list[Document] = []
    at: dict[tuple[str, str], int] = {}
    for d in docs:
        k = at.get(d.identity) if d.section else None
        if k is None:
            at[d.identity] = len(out)
            out.append(d)
            continue
        first = out[k]
        messages.append(
            Message(
                "warning",
                f"{d.name} stands twice in this file (from {first.where or first.source} and from "
                f"{d.where or d.source}): read as one {d.name}, the second passage's provisions after the first's",
                d.where or Location(d.source),
            )
        )
        refs = {c.ref for c in first.clauses()}
        for c in d.clauses():
            if c.ref in refs:
                messages.append(
                    Message(
                        "warning",
                        f"both passages of {d.name} hold {c.ref}; a change to it would be ambiguous, so keep one",
                        c.where or Location(d.source),
                        str(c.ref),
                    )
                )
        out[k] = replace(first, body=first.body + d.body, version=first.version or d.version)
    return out


def section_title(text: str) -> tuple[str, str] | None:
    """(section, title) when ``text`` is a Section's title line ("Section G 'Security'", "SECTION A:
    DEFINITIONS AND INTERPRETATION", "Section X"), not a sentence or reference that starts with the word."""
    found = document_title(text)
    return (found[1], found[2]) if found is not None and found[0] is SECTION else None


def document_title(text: str) -> tuple[Profile, str, str] | None:
    """(profile, code, title) when ``text`` is a document's title line: a Section's ("Section G 'Security'",
    "SECTION A: DEFINITIONS AND INTERPRETATION") or an Appendix's ("Appendix AD 'DCC User Interface
    Specification'"); not a sentence or reference that starts with the word."""
    if len(text) >= 120:
        return None
    first = text[:8].lower()
    profile = SECTION if first[:7] == "section" else APPENDIX if first == "appendix" else None
    if profile is None:
        return None
    m = profile.title_re.match(text)
    if m is None:
        return None
    sec, title = m.group("sec"), m.group("title").strip()
    after = text[m.end("sec") : m.end("sec") + 1]
    # The code stands alone: "Section I.01 Name" numbers a provision, "Section Pa ge" is no code.
    if not sec.isupper() or (after and after not in _AFTER_CODE) or (title and not _looks_like_heading(title)):
        return None
    if title[:1].isdigit() or (title and title[0] in ".,;)]"):
        return None
    return profile, sec, _title_case(title)


_AFTER_CODE = frozenset(" \t:-–—'‘’\"“")  # what may follow a title's code ("Section G: ...", "Section G 'Security'")
_TITLE_LOOK = 40  # lines looked at for a document's title before its first clause


def _profile_of(lines: Iterable[str]) -> Profile:
    """The numbering profile a text's title line names (an Appendix's, or by default a Section's)."""
    for k, line in enumerate(lines):
        t = line.strip()
        if k >= _TITLE_LOOK or SECTION.clause_re.match(t):
            break
        if t[:1] in "SsAa":
            found = document_title(t)
            if found is not None:
                return found[0]
    return SECTION


def section_cuts(
    texts: Sequence[str], locate: Callable[[int], Location], messages: list[Message]
) -> tuple[list[int], set[int]]:
    """Where each Section of a code starts among ``texts`` (lines of text, or a Word file's paragraphs): the
    title lines whose Section the clauses after them are in (or that no clause follows before the next
    title); and the titles repeated inside their own Section (running headers), to leave out, each said in
    a warning at ``locate(index)``."""
    titles: list[tuple[int, tuple[Profile, str]]] = []
    for i, line in enumerate(texts):
        head = line[:40]
        if "ection" in head or "ECTION" in head or "ppendix" in head or "PPENDIX" in head:  # cheap first look
            found = document_title(line.strip())
            if found:
                titles.append((i, (found[0], found[1])))
    bounds = [i for i, _ in titles] + [len(texts)]
    cuts: list[int] = []
    current: tuple[Profile, str] | None = None
    dropped: set[int] = set()
    for k, (i, (profile, sec)) in enumerate(titles):
        if (profile, sec) == current:
            messages.append(
                Message(
                    "warning", f"removed a repeated Section title (a running header): {texts[i].strip()!r}", locate(i)
                )
            )
            dropped.add(i)
            continue
        # The first clause number after the title: a Section's carries its letter, which must be the title's.
        first = next((m for j in range(i + 1, bounds[k + 1]) if (m := profile.clause_re.match(texts[j].strip()))), None)
        if first is None or not profile.carries_code or first.group("sec") == sec:
            cuts.append(i)
            current = (profile, sec)
    return cuts, dropped


def _section_spans(raw: list[str], source: str, messages: list[Message]) -> list[list[int]]:
    """The line indexes (from 0) of each Section (see ``section_cuts``), what stands before the first title
    going with it.  Read off the raw lines, so that each Section can then be cleaned and read in one go."""
    cuts, dropped = section_cuts(raw, lambda i: Location(source, i + 1), messages)
    if len(cuts) < 2 and not dropped:
        return [list(range(len(raw)))]
    cuts = cuts or [0]
    if cuts[0] > 0 and any(line.strip() for line in raw[: cuts[0]]):
        cuts[0] = 0  # what stands before the first title (a version line, front matter) goes with it
    ends = [*cuts[1:], len(raw)]
    return [[j for j in range(start, end) if j not in dropped] for start, end in zip(cuts, ends, strict=True)]


def _with_next(items: Iterable[_Block]) -> Iterator[tuple[_Block, _Block | None]]:
    """Each block with the one after it (None after the last)."""
    held: _Block | None = None
    for item in items:
        if held is not None:
            yield held, item
        held = item
    if held is not None:
        yield held, None


def _read_lines(
    lines: list[_Line],
    words: _Words,
    source: str,
    version: str,
    locate: Callable[[int], Location] | None,
    messages: list[Message],
    profile: Profile = SECTION,
    headings: Iterable[int] | None = None,
    listed: frozenset[int] = frozenset(),
) -> Document:
    """One document's Document from its cleaned lines, numbered as ``profile`` says (``headings``: see
    ``read_text``; ``listed``: the lines of a Word file's list paragraphs)."""
    indented = _is_indented_layout(lines, profile)
    b = _Builder(source, indented, messages, profile)
    b.listed = listed
    if headings is not None:
        b.headed = frozenset(headings)
    if locate is not None:
        b.locate = locate
    b.version = version
    caption = ""  # a table's caption, said with the table when its rows come next
    for block, nxt in _with_next(
        _label_lines_joined(_blocks(lines, indented, source, words, messages, profile), source, messages, profile)
    ):
        if block.rows:
            b.add_table(block, caption)
            caption = ""
            continue
        b.last_table = None  # only rows that follow a table straight on continue it
        if _is_caption(block.text):
            if nxt is not None and nxt.rows:
                caption = block.text
                continue
            b.warn(
                f"{quote(block.text)} captions a table, but no table rows ('| cell | cell |') follow it: a copy from "
                f"a PDF or web page may have run the table's cells together into the words after it; check them",
                block,
            )
        b.add_block(block, nxt)
    b.close_clause()
    if not b.has_clause:
        messages.append(_no_clause(lines, b.section, source, profile))
    start = next((ln.no for ln in lines if ln.text), None)
    doc = Document(
        section=b.section,
        title=b.title,
        version=b.version,
        body=tuple(b.body),
        source=source,
        where=b.locate(start) if start is not None else None,
        profile=profile.name,
    )
    b.report_duplicates()
    _report_unclosed(doc, b.bracketed, messages)
    return doc


def _report_unclosed(doc: Document, bracketed: list[tuple[int, Clause]], messages: list[Message]) -> None:
    """A warning for each provision whose words leave a bracket open (a lossy copy lost what closed it), in
    the order of the text; ``bracketed``: those provisions, with their lines (``_Node.freeze``)."""
    for _, c in sorted(bracketed, key=lambda item: (item[0], len(item[1].ref.path))):
        for words in (c.text, c.trailing):
            if ("(" in words or "[" in words) and (bracket := _unclosed(words)):
                messages.append(
                    Message(
                        "warning",
                        f"leaves a {bracket!r} unclosed ({quote(words)}): a lossy copy may have lost the "
                        f"words that closed it; check it against the published text",
                        c.where or Location(doc.source),
                        str(c.ref),
                    )
                )
                break


_QUOTED_REF = re.compile(
    r"\b(?:Section|Appendix)\s+(?P<ref>[A-Z]{1,2}\d+(?:\.\d+[A-Z]{0,2})?(?:\([a-zA-Z0-9]{1,4}\))*)"
)


def as_provision(text: str, at: str) -> str:
    """``text`` (a passage quoted without its number, as a glossary page quotes a provision under "Has the
    meaning given to that expression in Section G7.19(a)") numbered as provision ``at``: such a line (the
    glossary's, not the provision's) gives its place to the clause number, and the passage's first words
    take the enumerator, so that each line keeps its number; with no such line, the number goes first."""
    ref = ClauseRef.parse(at)
    if ref.clause is None or ref.profile != SECTION.name:
        raise TextReadError(f"{at}: give a numbered provision of a Section, such as G7.19(a)")
    lines = text.splitlines()
    meaning = next((k for k, line in enumerate(lines) if _MEANING_GIVEN.match(line.strip())), None)
    heads = [f"{ref.section}{ref.group}.{ref.clause}"] + [f"({e})" for e in ref.path[:-1]]
    if meaning is None:
        lines[0:0] = [h for head in heads for h in (head, "")]
        start = 2 * len(heads)
    else:
        lines[meaning] = heads[0]
        start = meaning + 1
        if start >= len(lines) or lines[start].strip():
            lines.insert(start, "")
        lines[start + 1 : start + 1] = [h for head in heads[1:] for h in (head, "")]
        start += 1 + 2 * len(heads[1:])
    while start < len(lines) and not lines[start].strip():
        start += 1
    first = f"({ref.path[-1]})" if ref.path else ""
    if start < len(lines):
        lines[start] = f"{first} {lines[start].strip()}".strip()
    elif first:
        lines.append(first)
    return "\n".join(lines) + "\n"


def _unclosed(text: str) -> str:
    """The first kind of bracket ("(" or "[") that ``text`` opens more often than it closes, or ""."""
    for opening, closing in (("(", ")"), ("[", "]")):
        if text.count(opening) > text.count(closing):
            return opening
    return ""


def _no_clause(lines: list[_Line], section: str, source: str, profile: Profile) -> Message:
    """The warning for a document in which no numbered clause was found, at its first line."""
    where = Location(source, lines[0].no) if lines and lines[0].no > 1 else Location(source)
    quoted = next((m for ln in lines if _MEANING_GIVEN.match(ln.text) and (m := _QUOTED_REF.search(ln.text))), None)
    if quoted is not None:  # a glossary page: it quotes the provision without its number
        return Message(
            "warning",
            f"no numbered clause found: the text quotes Section {quoted.group('ref')} without its number "
            f"({quote(quoted.string)}); to read it as that provision's words, give "
            f"'parse --at {quoted.group('ref')}'",
            where,
        )
    return Message(
        "warning",
        f"no numbered clause found{f' in {profile.word} {section}' if section else ''} "
        f"(expected a line such as '{'G3.20' if profile.carries_code else '1.2'} Each User shall ...')",
        where,
    )
