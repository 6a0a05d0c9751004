"""Word list numbering, computed into the label Word draws ("G3.17", "(a)", "1.2.3", "•").

A paragraph is numbered by its own ``w:numPr`` (``w:numId`` and ``w:ilvl``) or by its paragraph style's (and
the styles that style is based on).  ``w:numId`` names a numbering instance (``w:num``), which names an
abstract numbering (``w:abstractNum``, possibly through a numbering style's ``w:numStyleLink``) whose levels
(``w:lvl``) give the start value, the number format and the label text (``w:lvlText``, with ``%1`` ... ``%9``
standing for the current number of each level).  A ``w:lvlOverride`` in the instance may restart a level
(``w:startOverride``) or replace it.  A level restarts when a shallower level is used, unless ``w:lvlRestart``
says otherwise; ``w:isLgl`` shows every level's number as a decimal.

Counters are kept per abstract numbering, so instances of one list continue each other, and an instance with a
``w:startOverride`` restarts the levels it names where it is first used: as Word and LibreOffice number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..enumerators import nth_letter, to_roman
from .names import bounded_int, w

# Bullets written in the Symbol and Wingdings fonts' private-use code points, as the characters they draw
# when the font is not known (the Symbol font's bullet, Wingdings' others).
SYMBOL_BULLETS = {
    "\uf0b7": "\u2022",
    "\uf0a7": "\u25aa",
    "\uf0d8": "\u27a2",
    "\uf0fc": "\u2713",
    "\uf076": "\u2756",
    "\uf06f": "o",
}
# What a character draws in a symbol font, by the font's name (lower case) and the character's code in the
# font (a private-use code point U+F020 to U+F0FF stands for the code less 0xF000): the bullets Word lists
# use.  Symbol is Adobe's Symbol encoding; Wingdings Microsoft's; Courier New's letter o is Word's hollow
# bullet (Word's own second-level bullet), drawn as the white bullet it looks like.
_SYMBOL_FONT = (  # Adobe's Symbol encoding: the characters of codes 0x20 to 0x7E, then 0xA0 to 0xE5
    " !\u2200#\u2203%&\u220b()\u2217+,\u2212./0123456789:;<=>?\u2245"
    "\u0391\u0392\u03a7\u0394\u0395\u03a6\u0393\u0397\u0399\u03d1\u039a\u039b\u039c\u039d\u039f\u03a0\u0398"
    "\u03a1\u03a3\u03a4\u03a5\u03c2\u03a9\u039e\u03a8\u0396[\u2234]\u22a5_\u203e"
    "\u03b1\u03b2\u03c7\u03b4\u03b5\u03c6\u03b3\u03b7\u03b9\u03d5\u03ba\u03bb\u03bc\u03bd\u03bf\u03c0\u03b8"
    "\u03c1\u03c3\u03c4\u03c5\u03d6\u03c9\u03be\u03c8\u03b6{|}\u223c",
    "\u20ac\u03d2\u2032\u2264\u2044\u221e\u0192\u2663\u2666\u2665\u2660\u2194\u2190\u2191\u2192\u2193"
    "\u00b0\u00b1\u2033\u2265\u00d7\u221d\u2202\u2022\u00f7\u2260\u2261\u2248\u2026\u23d0\u23af\u21b5"
    "\u2135\u2111\u211c\u2118\u2297\u2295\u2205\u2229\u222a\u2283\u2287\u2284\u2282\u2286\u2208\u2209"
    "\u2220\u2207\u00ae\u00a9\u2122\u220f\u221a\u22c5\u00ac\u2227\u2228\u21d4\u21d0\u21d1\u21d2\u21d3"
    "\u25ca\u2329\u00ae\u00a9\u2122\u2211",
)
FONT_GLYPHS: dict[str, dict[int, str]] = {
    "symbol": {
        **{0x20 + k: c for k, c in enumerate(_SYMBOL_FONT[0])},
        **{0xA0 + k: c for k, c in enumerate(_SYMBOL_FONT[1])},
        0xF0: "\u2022",
    },
    "wingdings": {
        0x6C: "\u25cf", 0x6D: "\u274d", 0x6E: "\u25a0", 0x6F: "\u25a1", 0x70: "\u25fb", 0x71: "\u2751",
        0x72: "\u2752", 0x75: "\u25c6", 0x76: "\u2756", 0x77: "\u2b25", 0x9F: "\u2022", 0xA1: "\u25cb",
        0xA7: "\u25aa", 0xA8: "\u25fb", 0xD8: "\u27a2", 0xE0: "\u27a2", 0xE8: "\u2794", 0xFB: "\u2717",
        0xFC: "\u2713", 0xFD: "\u2612", 0xFE: "\u2611",
    },
    "courier new": {0x6F: "\u25e6"},
}  # fmt: skip


def drawn(text: str, font: str = "") -> str:
    """``text`` as it is drawn in ``font``: each character of a symbol font (Symbol, Wingdings, Courier New's
    bullet "o") as the glyph it shows, a private-use code point of an unknown font as its usual bullet, or the
    character less 0xF000 (as Word falls back to the font's own code)."""
    glyphs = FONT_GLYPHS.get(font.casefold().strip())
    out = []
    for ch in text:
        code = ord(ch)
        private = 0xF020 <= code <= 0xF0FF
        base = code - 0xF000 if private else code
        if (
            glyphs is not None
            and base in glyphs
            and (private or font.casefold().strip() != "courier new" or len(text) == 1)
        ):
            out.append(glyphs[base])
        elif private:
            out.append(SYMBOL_BULLETS.get(ch, chr(base)))
        else:
            out.append(ch)
    return "".join(out)


MAX_LEVELS = 9
_NUMPR = f"{w('pPr')}/{w('numPr')}"
NUMPR = w("numPr")
_FIND = object()  # label(): look for the paragraph's numPr
_NUMID, _ILVL, _VAL = w("numId"), w("ilvl"), w("val")
MAX_START = 10**6  # a start value read from a file is bounded


@dataclass(frozen=True)
class Level:
    """One level of a list: its start, format, label text and restart rule."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: None for the default (after any shallower level), 0 for never
    legal: bool = False  # w:isLgl
    style: str = ""  # w:pStyle: the paragraph style that takes this level
    font: str = ""  # the font its label is drawn in (w:rPr/w:rFonts), which a bullet's character is read in


@dataclass
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride by level
    levels: dict[int, Level] = field(default_factory=dict)  # w:lvl inside w:lvlOverride, by level


def _int(el: etree._Element | None, default: int, low: int = 0, high: int = MAX_START) -> int:
    """The ``w:val`` of ``el``, bounded (``default`` when ``el`` is missing)."""
    return bounded_int(el.get(_VAL) if el is not None else None, default, low, high, digits=9)


def _level(el: etree._Element) -> Level:
    fmt = el.find(w("numFmt"))
    text = el.find(w("lvlText"))
    restart = el.find(w("lvlRestart"))
    style = el.find(w("pStyle"))
    legal = el.find(w("isLgl"))
    fonts = el.find(f"{w('rPr')}/{w('rFonts')}")
    font = ""
    if fonts is not None:
        font = next((v for a in ("ascii", "hAnsi", "cs", "eastAsia") if (v := fonts.get(w(a)))), "")
    return Level(
        start=_int(el.find(w("start")), 1),
        fmt=fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
        text=text.get(w("val"), "") if text is not None else "",
        restart=_int(restart, 0, 0, MAX_LEVELS) if restart is not None else None,
        legal=legal is not None and legal.get(w("val"), "1") not in ("0", "false"),
        style=style.get(w("val"), "") if style is not None else "",
        font=font,
    )


_ONES = (
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
    "twelve": "twelfth",
}  # fmt: skip


def _cardinal_words(n: int) -> str:
    """``n`` (0 < n < 1000) in words, as Word spells a number: "twenty-one", "one hundred five"."""
    if n >= 100:
        rest = n % 100
        return f"{_ONES[n // 100]} hundred" + (f" {_cardinal_words(rest)}" if rest else "")
    if n < 20:
        return _ONES[n]
    return _TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else "")


def _ordinal_words(n: int) -> str:
    words = _cardinal_words(n)
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def _ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① to ⑳
_PAREN = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴ to ⒇
_FULLSTOP = "".join(chr(c) for c in range(0x2488, 0x249C))  # ⒈ to ⒛
_CHICAGO = "*\u2020\u2021\u00a7"  # *, †, ‡, §, then doubled, tripled ...
_ARABIC = frozenset({"decimal", "decimalZero"})  # what an isLgl level keeps (its numbers are Arabic already)


def format_number(n: int, fmt: str) -> str:
    """``n`` in a Word number format, as Word draws it: decimal 7, decimalZero 07, lowerLetter g (27: aa),
    upperLetter G, lowerRoman vii, upperRoman VII, ordinal 7th, cardinalText Seven, ordinalText Seventh,
    decimalEnclosedCircle ⑦ (⑳ at most, then decimal), decimalEnclosedParen ⑺, decimalEnclosedFullstop ⒎,
    decimalFullWidth (full-width digits), chicago * † ‡ §; bullet and none draw no number; others as decimal."""
    if fmt == "decimal":  # by far the most common: first
        return str(n)
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        s = nth_letter(n) if n >= 1 else ""
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = to_roman(n) if n >= 1 else str(n)
        return s.upper() if fmt == "upperRoman" else s
    return _other_format(n, fmt)


def _other_format(n: int, fmt: str) -> str:
    """``format_number`` for the formats that spell or enclose a number (decimal for the rest)."""
    if fmt == "ordinal" and n >= 0:
        return f"{n}{_ordinal_suffix(n)}"
    if fmt in ("cardinalText", "ordinalText") and 0 < n < 1000:
        words = _cardinal_words(n) if fmt == "cardinalText" else _ordinal_words(n)
        return words[0].upper() + words[1:]
    enclosed = {"decimalEnclosedCircle": _CIRCLED, "decimalEnclosedParen": _PAREN, "decimalEnclosedFullstop": _FULLSTOP}
    if fmt in enclosed and 0 < n <= 20:
        return enclosed[fmt][n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(_FULL_WIDTH)
    if fmt == "chicago" and n >= 1:
        return _CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1)
    return str(n)


_FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


class Numbering:
    """The lists of one document: which paragraph gets which label, counted in reading order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum id -> numbering style it takes its levels from
        self.instances: dict[str, _Instance] = {}
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}  # style id -> (numId, ilvl)
        self.based_on: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self._style_cache: dict[str, tuple[str | None, int | None]] = {}
        self._levels_cache: dict[str, tuple[str, dict[int, Level]] | None] = {}
        self._plans: dict[tuple[str, int], tuple[list[int], list[_Piece] | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: etree._Element) -> None:
        for a in root.iter(w("abstractNum")):
            aid = a.get(w("abstractNumId"), "")
            self.abstracts[aid] = {_level_index(lvl): _level(lvl) for lvl in a.findall(w("lvl"))}
            link = a.find(w("numStyleLink"))
            if link is not None:
                self.links[aid] = link.get(w("val"), "")
        for n in root.iter(w("num")):
            ref = n.find(w("abstractNumId"))
            inst = _Instance(ref.get(w("val"), "") if ref is not None else "")
            for o in n.findall(w("lvlOverride")):
                ilvl = _level_index(o)
                start = o.find(w("startOverride"))
                if start is not None:
                    inst.starts[ilvl] = _int(start, 1)
                lvl = o.find(w("lvl"))
                if lvl is not None:
                    inst.levels[ilvl] = _level(lvl)
            self.instances[n.get(w("numId"), "")] = inst

    def _read_styles(self, root: etree._Element) -> None:
        for s in root.iter(w("style")):
            sid = s.get(w("styleId"), "")
            based = s.find(w("basedOn"))
            if based is not None:
                self.based_on[sid] = based.get(w("val"), "")
            numpr = s.find(f"{w('pPr')}/{w('numPr')}")
            if numpr is not None:
                num, lvl = numpr.find(w("numId")), numpr.find(w("ilvl"))
                self.style_numbering[sid] = (
                    num.get(w("val")) if num is not None else None,
                    _int(lvl, 0, 0, MAX_LEVELS - 1) if lvl is not None else None,
                )

    # --- which list and level a paragraph is in -----------------------------------------

    def _from_style(self, style: str) -> tuple[str | None, int | None]:
        if style in self._style_cache:
            return self._style_cache[style]
        found = self._resolve_style(style)
        self._style_cache[style] = found
        return found

    def _resolve_style(self, style: str) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        num: str | None = None
        lvl: int | None = None
        while style and style not in seen:
            seen.add(style)
            s_num, s_lvl = self.style_numbering.get(style, (None, None))
            num = num if num is not None else s_num
            lvl = lvl if lvl is not None else s_lvl
            style = self.based_on.get(style, "")
        return num, lvl

    def _levels(self, num: str) -> tuple[str, dict[int, Level]] | None:
        if num not in self._levels_cache:
            self._levels_cache[num] = self._resolve_levels(num)
        return self._levels_cache[num]

    def _resolve_levels(self, num: str) -> tuple[str, dict[int, Level]] | None:
        inst = self.instances.get(num)
        if inst is None:
            return None
        aid = inst.abstract
        for _ in range(4):  # a numbering style's link, followed a few steps at most
            link = self.links.get(aid)
            if not link:
                break
            linked_num, _lvl = self._from_style(link)
            linked = self.instances.get(linked_num or "")
            if linked is None:
                break
            aid = linked.abstract
        levels = dict(self.abstracts.get(aid, {}))
        levels.update(inst.levels)
        return aid, levels

    def label(self, p: etree._Element, style: str, numpr: etree._Element | object | None = _FIND) -> str:
        """The label Word draws before paragraph ``p`` (in paragraph style ``style``), counting it; "" for an
        unnumbered paragraph.  ``numpr``: its ``w:numPr``, when the caller has found it (None: it has none)."""
        if numpr is _FIND:
            numpr = p.find(_NUMPR)
        assert numpr is None or isinstance(numpr, etree._Element)
        num, lvl = _numpr_values(numpr) if numpr is not None else (None, None)
        s_num, s_lvl = self._from_style(style)
        num = num if num is not None else s_num
        if num is None or num == "0":
            return ""
        found = self._levels(num)
        if found is None:
            return ""
        aid, levels = found
        if lvl is None:
            lvl = s_lvl if s_lvl is not None else next((i for i, lv in levels.items() if lv.style == style), 0)
        level = levels.get(lvl)
        if level is None:
            return ""
        return self._count(num, aid, lvl, level, levels)

    def _counters(self, num: str, aid: str) -> list[int | None]:
        """The counters of abstract numbering ``aid`` (one a level, None for a level not used since it last
        restarted), with the levels instance ``num`` restarts set back where that instance is first used."""
        counters = self.counters.get(aid)
        if counters is None:
            counters = self.counters[aid] = [None] * MAX_LEVELS
        if num not in self.started:
            self.started.add(num)
            for i, start in self.instances[num].starts.items():
                counters[i] = start - 1  # restarted here: the next use gives the override's start
        return counters

    def _count(self, num: str, aid: str, lvl: int, level: Level, levels: dict[int, Level]) -> str:
        """Count one more paragraph at level ``lvl`` of instance ``num`` (restarting the deeper levels) and
        give its label: the level's label text with each %N's current number, or the level's bullet."""
        counters = self._counters(num, aid)
        current = counters[lvl]
        counters[lvl] = level.start if current is None else current + 1
        plan = self._plans.get((num, lvl))
        if plan is None:
            plan = self._plans[(num, lvl)] = _plan(level, levels, lvl)
        resets, pieces = plan
        for deeper in resets:
            counters[deeper] = None
        if pieces is None:  # a bullet
            return drawn(level.text, level.font)
        return _render(pieces, counters)


def _numpr_values(numpr: etree._Element) -> tuple[str | None, int | None]:
    """The ``w:numId`` and the bounded ``w:ilvl`` a ``w:numPr`` gives (each None when it has none; the first
    of each when it has several)."""
    n_el = l_el = None
    for c in numpr:  # one pass over its few children, quicker than a find() each
        if c.tag == _NUMID and n_el is None:
            n_el = c
        elif c.tag == _ILVL and l_el is None:
            l_el = c
    num = n_el.get(_VAL) if n_el is not None else None
    lvl = _int(l_el, 0, 0, MAX_LEVELS - 1) if l_el is not None else None
    return num, lvl


def _render(pieces: list[_Piece], counters: list[int | None]) -> str:
    """A label text's pieces with each number as it now stands (a level not yet used shows its start)."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            index, fmt, start = piece
            value = counters[index]
            out.append(format_number(value if value is not None else start, fmt))
    return "".join(out)


_Piece = str | tuple[int, str, int]  # literal text, or (level index, number format, its start) for a %N


def _plan(level: Level, levels: dict[int, Level], lvl: int) -> tuple[list[int], list[_Piece] | None]:
    """What using level ``lvl`` does, worked out once a list and level: the deeper levels it restarts, and
    its label text cut into literal pieces and numbers."""
    resets = []
    for deeper in range(lvl + 1, MAX_LEVELS):
        d = levels.get(deeper)
        restart = d.restart if d is not None else None
        if restart is None or (restart != 0 and lvl <= restart - 1):
            resets.append(deeper)
    if level.fmt == "bullet":
        return resets, None
    pieces: list[_Piece] = []
    for part in re.split(r"(%[1-9])", level.text):
        if re.fullmatch(r"%[1-9]", part):
            index = int(part[1]) - 1
            lv = levels.get(index, Level())
            # isLgl: every level's number in Arabic numerals ("Section 1.01" where level 1 is roman, level 2
            # decimalZero): a decimalZero level keeps its zero.
            fmt = "decimal" if level.legal and lv.fmt not in (*_ARABIC, "none", "bullet") else lv.fmt
            pieces.append((index, fmt, lv.start))
        elif part:
            pieces.append(part)
    return resets, pieces


def _level_index(el: etree._Element) -> int:
    return bounded_int(el.get(w("ilvl")), 0, 0, MAX_LEVELS - 1, digits=2)
