"""Pairing the provisions of two versions: exact where their words decide, similar only where nothing else does.

Two versions of a document list their provisions (or a provision its paragraphs) in order.  A provision
may be amended, inserted, deleted, renumbered (a clause inserted before it renumbers it and every one
after it, however many) or moved; and a renumbering rewrites every cross-reference to what it renumbers.
``align`` pairs them in three steps, as patience diff pairs the lines of a text:

1. **Anchors.**  Each provision's words are taken without its number and with its cross-references
   masked (``Section F1.10`` and ``Section F1.11`` read alike), so a provision renumbered, or only citing
   one that was, reads the same in both versions.  Those whose masked words occur once in each version
   (the unique ones) are paired, keeping their order (the longest run of pairs in order, and of those the
   one keeping most numbers; a pair out of order is a move, left to step 3).  The same is done again
   between each two anchors, on what is there.
2. **Between anchors**, what is left is paired in order: first the provisions whose words are at least
   ``SIMILAR`` alike, by the best alignment (dynamic programming over the stretch: the most likeness in
   all), whatever their numbers (renumbered and amended); then, between those, provisions with the same
   number and kind, however much their words changed (amended where they stand); the rest is inserted or
   deleted.  Where two pairings score the same, the one kept is the first in reading order, and
   ``Alignment.doubts`` names both candidates: the comparison warns, it never guesses silently.
3. **Moves** are not made here: a provision deleted in one place and inserted in another (in this
   document, or another) is paired as moved afterwards, from what is left (``events``).

Worked example: F1.4 inserted before F1.4 ... F1.13, and F1.6 citing F1.10.  Every old F1.k reads as
the new F1.(k+1) with its references masked, once each: all anchors, all renumbered; F1.6's "Section
F1.10" -> "Section F1.11" is a consequential update, not an amendment (``events``).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

SIMILAR = 0.6  # how alike two provisions' words must be to pair them with different numbers
MAX_CELLS = 250_000  # a stretch larger than this (old x new provisions) is paired by number alone
# A written reference, masked so that a renumbering does not make two provisions' words differ: a Section's
# (G3.20, G3.20A(b)(ii)) or an Appendix's paragraph (2.1, 1.2.3(a)).
_REFERENCE = re.compile(
    r"\b[A-Z]{1,2}\d+\.\d+[A-Z]{0,2}(?:\([A-Za-z0-9]{1,6}\))*|\b\d{1,3}(?:\.\d{1,3}[A-Z]{0,2})+(?:\([a-z0-9]{1,6}\))*"
)


def masked(words: str) -> str:
    """``words`` with every written reference to a provision as ``#``."""
    return _REFERENCE.sub("#", words)


@dataclass(frozen=True)
class Doubt:
    """Two pairings that score the same: ``item`` (of one version) with ``chosen`` or with ``other``."""

    item: object
    chosen: object
    other: object


@dataclass(frozen=True)
class Alignment(Generic[T]):
    """Pairs (old, new) in reading order, None on the side where a provision is missing; and the doubts."""

    pairs: list[tuple[T | None, T | None]]
    doubts: list[Doubt]


@dataclass(frozen=True)
class Keys(Generic[T]):
    """How provisions are compared: ``exact`` (their words without numbers, as they are), ``content`` (the
    same with references masked: equal means the same provision), ``number`` (their number and kind),
    ``words`` (their words, to measure likeness), ``kind`` (only provisions of one kind pair)."""

    exact: Callable[[T], Hashable]
    content: Callable[[T], Hashable]
    number: Callable[[T], Hashable]
    words: Callable[[T], list[str]]
    kind: Callable[[T], Hashable]


def align(old: Sequence[T], new: Sequence[T], keys: Keys[T]) -> Alignment[T]:
    """Pair the provisions of ``old`` and ``new`` (see the module's docstring)."""
    doubts: list[Doubt] = []
    oc, nc = [keys.exact(x) for x in old], [keys.exact(x) for x in new]
    return Alignment(_patience(old, new, oc, nc, keys, 0, doubts), doubts)


def _patience(
    old: Sequence[T],
    new: Sequence[T],
    oc: Sequence[Hashable],
    nc: Sequence[Hashable],
    keys: Keys[T],
    level: int,
    doubts: list[Doubt],
) -> list[tuple[T | None, T | None]]:
    """Pair ``old`` with ``new`` (``oc``, ``nc``: their keys at this level): equal ends, then unique
    anchors, recursing between them.  Level 0 compares the words as they are (most provisions of two
    versions are the same: cheap); what it leaves is compared again at level 1, references masked; what
    that leaves is a stretch for ``_stretch``."""
    i1, i2, j1, j2 = 0, len(old), 0, len(new)
    out: list[tuple[T | None, T | None]] = []
    while i1 < i2 and j1 < j2 and oc[i1] == nc[j1]:
        out.append((old[i1], new[j1]))
        i1, j1 = i1 + 1, j1 + 1
    tail: list[tuple[T | None, T | None]] = []
    while i1 < i2 and j1 < j2 and oc[i2 - 1] == nc[j2 - 1]:
        tail.append((old[i2 - 1], new[j2 - 1]))
        i2, j2 = i2 - 1, j2 - 1
    if i2 - i1 == 1 and j2 - j1 == 1 and _same_place(old[i1], new[j1], keys):
        return [*out, (old[i1], new[j1]), *tail[::-1]]  # one provision amended where it stands
    if i1 == i2 or j1 == j2:
        return [*out, *((x, None) for x in old[i1:i2]), *((None, y) for y in new[j1:j2]), *tail[::-1]]
    anchors = _anchors(old, new, oc, nc, i1, i2, j1, j2, keys)
    inner: list[tuple[T | None, T | None]]
    if not anchors and level == 0:
        olds, news = old[i1:i2], new[j1:j2]
        inner = _patience(olds, news, [keys.content(x) for x in olds], [keys.content(x) for x in news], keys, 1, doubts)
        out += inner
    elif not anchors:
        inner = _stretch(old[i1:i2], new[j1:j2], keys, doubts)
        out += inner
    else:
        for i, j in anchors:
            inner = _patience(old[i1:i], new[j1:j], oc[i1:i], nc[j1:j], keys, level, doubts)
            out += inner
            out.append((old[i], new[j]))
            i1, j1 = i + 1, j + 1
        inner = _patience(old[i1:i2], new[j1:j2], oc[i1:i2], nc[j1:j2], keys, level, doubts)
        out += inner
    return out + tail[::-1]


def _same_place(o: T, n: T, keys: Keys[T]) -> bool:
    """The one provision left on each side between two pairs has the same number and kind: it is paired
    whatever its words (as ``_stretch`` would)."""
    return keys.kind(o) == keys.kind(n) and keys.number(o) == keys.number(n)


def _anchors(
    old: Sequence[T],
    new: Sequence[T],
    oc: Sequence[Hashable],
    nc: Sequence[Hashable],
    i1: int,
    i2: int,
    j1: int,
    j2: int,
    keys: Keys[T],
) -> list[tuple[int, int]]:
    """The pairs of contents that occur once on each side of the stretch: the longest run of them in order,
    of runs as long the one keeping the most numbers (a clause moved past its neighbour leaves two runs of
    one; the one that moved is the one whose number changed)."""
    old_count = Counter(oc[i1:i2])
    new_at: dict[Hashable, int] = {}
    new_count: Counter[Hashable] = Counter()
    for j in range(j1, j2):
        new_count[nc[j]] += 1
        new_at[nc[j]] = j
    unique = [(i, new_at[oc[i]]) for i in range(i1, i2) if old_count[oc[i]] == 1 and new_count[oc[i]] == 1]
    kept = [keys.number(old[i]) == keys.number(new[j]) for i, j in unique]
    return _longest_in_order(unique, kept, j1, j2)


def _longest_in_order(pairs: list[tuple[int, int]], kept: list[bool], j1: int, j2: int) -> list[tuple[int, int]]:
    """The subsequence of ``pairs`` (in old order) whose new indices increase that is longest, and of those
    the one with the most ``kept`` (a Fenwick tree of the best run ending below each new index)."""
    size = j2 - j1 + 1
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)  # (length, kept, end) of the best run

    def best_below(j: int) -> tuple[int, int, int]:
        found, k = (0, 0, -1), j - j1  # runs ending at new indices < j
        while k > 0:
            found = max(found, tree[k])
            k -= k & -k
        return found

    def offer(j: int, value: tuple[int, int, int]) -> None:
        k = j - j1 + 1
        while k <= size:
            tree[k] = max(tree[k], value)
            k += k & -k

    back = [-1] * len(pairs)
    ends: list[tuple[int, int, int]] = []
    for n, (_, j) in enumerate(pairs):
        length, count, end = best_below(j)
        back[n] = end
        value = (length + 1, count + kept[n], n)
        ends.append(value)
        offer(j, value)
    if not ends:
        return []
    n = max(ends)[2]
    run: list[tuple[int, int]] = []
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def _likeness(o: T, n: T, keys: Keys[T], words: dict[int, list[str]]) -> float | None:
    """How alike ``o`` and ``n`` are (the share of their words in common, a hair more for the same number,
    which settles a tie), or None when they are of different kinds or less alike than ``SIMILAR``."""
    if keys.kind(o) != keys.kind(n):
        return None
    a, b = words.setdefault(id(o), keys.words(o)), words.setdefault(id(n), keys.words(n))
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < SIMILAR or sm.quick_ratio() < SIMILAR:
        return None
    ratio = sm.ratio() if a or b else 1.0
    if ratio < SIMILAR:
        return None
    return ratio + (SAME_NUMBER if keys.number(o) == keys.number(n) else 0.0)


SAME_NUMBER = 1e-6  # what the same number adds to a likeness: it settles a tie, never outweighs the words


def _stretch(old: Sequence[T], new: Sequence[T], keys: Keys[T], doubts: list[Doubt]) -> list[tuple[T | None, T | None]]:
    """Pair a stretch with no anchor in it: first the provisions alike (``SIMILAR`` at least), by the
    best alignment in order; then, in what is left between those, the provisions with the same number and
    kind, however different their words (amended where they stand); the rest inserted or deleted."""
    if not old or not new:
        return [(o, None) for o in old] + [(None, n) for n in new]
    if len(old) * len(new) > MAX_CELLS:
        return _by_number(old, new, keys)
    words: dict[int, list[str]] = {}
    scores = [[_likeness(o, n, keys, words) for n in new] for o in old]
    m, n = len(old), len(new)
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(n - 1, -1, -1):
            s = scores[i][j]
            take = below[j + 1] + s if s is not None else -1.0
            row[j] = max(take, below[j], row[j + 1])
    pairs: list[tuple[T | None, T | None]] = []
    i = j = i0 = j0 = 0
    while i < m and j < n:
        s = scores[i][j]
        if s is not None and best[i][j] == best[i + 1][j + 1] + s:
            _doubt(i, j, s, scores, old, new, doubts)
            between: list[tuple[T | None, T | None]] = _by_number(old[i0:i], new[j0:j], keys)
            pairs += between
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
            i0, j0 = i, j
        elif best[i][j] == best[i][j + 1]:  # a new provision passed over first: the old ones pair in order
            j += 1
        else:
            i += 1
    rest: list[tuple[T | None, T | None]] = _by_number(old[i0:], new[j0:], keys)
    return pairs + rest


def _doubt(
    i: int, j: int, s: float, scores: list[list[float | None]], old: Sequence[T], new: Sequence[T], doubts: list[Doubt]
) -> None:
    """Record a doubt when old[i] pairs as well with another provision of the stretch as with new[j]."""
    for k, other in enumerate(scores[i]):
        if k != j and other is not None and abs(other - s) < 1e-9:
            doubts.append(Doubt(old[i], new[j], new[k]))
            return
    for k, row in enumerate(scores):
        other = row[j]
        if k != i and other is not None and abs(other - s) < 1e-9:
            doubts.append(Doubt(new[j], old[i], old[k]))
            return


def _by_number(old: Sequence[T], new: Sequence[T], keys: Keys[T]) -> list[tuple[T | None, T | None]]:
    """Paired in order where number and kind are the same; the rest inserted or deleted."""
    if not old or not new:
        return [(o, None) for o in old] + [(None, n) for n in new]
    sm = difflib.SequenceMatcher(
        None,
        [(keys.kind(x), keys.number(x)) for x in old],
        [(keys.kind(x), keys.number(x)) for x in new],
        autojunk=False,
    )
    out: list[tuple[T | None, T | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += list(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            out += [(o, None) for o in old[i1:i2]] + [(None, n) for n in new[j1:j2]]
    return out
