"""Paragraph enumerators: (a) ... (z), (aa); (i) ... (xx); (A) ... (Z)."""

from __future__ import annotations

import re
from functools import lru_cache

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@lru_cache(maxsize=4096)  # enumerators repeat: (a), (b), (i) ...
def to_roman(n: int) -> str:
    """Lower-case roman numeral for ``n`` >= 1."""
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


@lru_cache(maxsize=4096)  # enumerators repeat: (a), (b), (i) ...
def roman_value(s: str) -> int | None:
    """The value of a lower-case roman numeral, or None if ``s`` is not one."""
    if not s or not _ROMAN_RE.match(s):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


def is_roman(s: str) -> bool:
    return roman_value(s) is not None


@lru_cache(maxsize=4096)  # enumerators repeat: (a), (b), (i) ...
def letter_successors(s: str) -> frozenset[str]:
    """Enumerators that may follow letter enumerator ``s``: (z) -> (aa); (aa) -> (ab) or (bb)."""
    if len(s) == 1:
        return frozenset({"aa"} if s == "z" else {chr(ord(s) + 1)})
    if len(set(s)) == 1:  # aa -> bb (doubled style) or ab (spreadsheet style)
        nxt = chr(ord(s[0]) + 1) * len(s) if s[0] != "z" else "a" * (len(s) + 1)
        return frozenset({nxt, s[:-1] + chr(ord(s[-1]) + 1)})
    if s[-1] != "z":
        return frozenset({s[:-1] + chr(ord(s[-1]) + 1)})
    return frozenset({chr(ord(s[0]) + 1) + "a"})


@lru_cache(maxsize=4096)  # enumerators repeat: (a), (b), (i) ...
def roman_successor(s: str) -> str | None:
    v = roman_value(s)
    return None if v is None else to_roman(v + 1)


@lru_cache(maxsize=4096)  # enumerators repeat: (a), (b), (i) ...
def kind_of(enumerator: str) -> str:
    """ "upper" for (A), "letter" for (a) or (aa), "roman-or-letter" for (i), (v), (x) ..."""
    if enumerator.isupper():
        return "upper"
    if enumerator.isdigit():
        return "number"
    if is_roman(enumerator):
        return "roman-or-letter"
    return "letter"


def nth_letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb (the doubled style used in codes)."""
    if n <= 26:
        return chr(ord("a") + n - 1)
    return chr(ord("a") + (n - 27) % 26) * (2 + (n - 27) // 26)
