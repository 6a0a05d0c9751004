"""Operations on a provision's words: insert, delete and replace words, or give it new wording.

Each finds its words in the provision's own words (its chapeau, then the text after its list), never
inside its paragraphs; refuses words another change already changed (an overlap in one change set, a
conflict between two); then records where the words changed (``State.regions``).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from legal_text import warning
from legal_text.diff import diff_words
from legal_text.tree_edit import Node

from ..changes import DeleteText, Field, InsertText, ReplaceText, SetText
from .state import FIELDS, Region, State

_NO_SPACE_AFTER = "([“‘"  # an opening bracket or quote hugs the next word
_NO_SPACE_BEFORE = ")].,;:”’"  # closing punctuation hugs the previous word
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks
MAX_LISTED = 5  # places an error lists before "and N more"

WordOperation = InsertText | DeleteText | ReplaceText | SetText


def join_words(left: str, middle: str, right: str) -> str:
    """Join three pieces of text with single spaces where a drafter would put them."""
    out = left
    for piece in (middle, right):
        if not piece:
            continue
        if not out:
            out = piece
            continue
        a, b = out.rstrip(), piece.lstrip()
        if not a or not b:
            out = a + b
            continue
        glue = "" if a[-1] in _NO_SPACE_AFTER or b[0] in _NO_SPACE_BEFORE else " "
        out = a + glue + b
    return out.strip()  # words removed at either end leave no space behind


@functools.lru_cache(maxsize=1024)
def _pattern(words: str) -> re.Pattern[str]:
    """Match ``words`` with any run of white space between them, at word boundaries (compiled once: the
    same words are looked for again, and compiling was most of a word operation's time)."""
    body = r"\s+".join(re.escape(w) for w in words.split())
    pre = r"(?<!\w)" if re.match(r"\w", words) else ""
    post = r"(?!\w)" if re.search(r"\w$", words) else ""
    # Never end a match between a letter and the accent that combines with it.
    return re.compile(pre + body + post + f"(?![{_COMBINING}])")


@dataclass(frozen=True)
class Match:
    """Where words were found: the field and the span of its text."""

    field: Field
    start: int
    end: int


def find_matches(node: Node, words: str) -> list[Match]:
    """Every place ``words`` occur in a provision's own words (chapeau, then the text after its list)."""
    pattern = _pattern(words)
    return [Match(f, m.start(), m.end()) for f in FIELDS for m in pattern.finditer(getattr(node, f))]


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    s = text[max(0, start - width) : end + width]
    return ("..." if start > width else "") + s + ("..." if end + width < len(text) else "")


def _nearest_words(node: Node, words: str) -> str:
    """The stretch of the provision's own words that most resembles ``words``."""
    own = " ".join(getattr(node, f) for f in FIELDS if getattr(node, f))
    tokens = own.split()
    n = len(words.split())
    best, best_ratio = "", 0.0
    for size in sorted({max(1, n - 1), n, n + 1}):
        for i in range(0, max(1, len(tokens) - size + 1)):
            cand = " ".join(tokens[i : i + size])
            ratio = difflib.SequenceMatcher(None, cand.lower(), words.lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = cand, ratio
    return best if best_ratio >= 0.6 else ""


def _changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end) of the stretch where ``old`` and ``new`` differ."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    return p, len(old) - q, len(new) - q


def _changed_away(state: State, node: Node, op: WordOperation, words: str) -> bool:
    """The words are missing because a change made them go: say which."""
    for fld in FIELDS:
        before = state.original.get((node.uid, fld))
        if before is None or not _pattern(words).search(before):
            continue
        regions = state.regions.get((node.uid, fld), [])
        mine = [r for r in regions if r.modification == state.modification]
        theirs = [r for r in regions if r.modification != state.modification]
        if mine:
            state.problem(op, f"overlaps the change at {mine[-1].where}, which changed {words!r}")
        elif theirs:
            state.problem(
                op, f"conflicts with {theirs[-1].modification} ({theirs[-1].where}), which changed the words {words!r}"
            )
        else:
            continue
        return True
    return False


def _not_found(state: State, node: Node, op: WordOperation, words: str, role: str) -> None:
    hint = _nearest_words(node, words)
    if node.children and not hint:
        first = next((c.ref for c in node.children if c.kind != "table"), None)
        extra = f"; only its own words are searched, name a paragraph such as {first} to change words inside it"
    else:
        extra = f"; nearest: {hint!r}" if hint else ""
    state.problem(op, f"{role} {words!r} not found in the clause's own words{extra}")


def _pick(state: State, node: Node, op: InsertText | DeleteText | ReplaceText, words: str, role: str) -> Match | None:
    """The one place ``words`` occur (or the ``occurrence:`` asked for), or None with a problem."""
    matches = find_matches(node, words)
    if not matches:
        if not _changed_away(state, node, op, words):
            _not_found(state, node, op, words, role)
        return None
    if op.occurrence is not None:
        if op.occurrence > len(matches):
            state.problem(op, f"occurrence {op.occurrence} asked for, but {words!r} occurs {len(matches)} time(s)")
            return None
        return matches[op.occurrence - 1]
    if len(matches) > 1:
        listed = "; ".join(
            f"{i}: {_context(getattr(node, m.field), m.start, m.end)!r}" for i, m in enumerate(matches[:MAX_LISTED], 1)
        )
        if len(matches) > MAX_LISTED:
            listed += f"; and {len(matches) - MAX_LISTED} more"
        state.problem(op, f"{role} {words!r} occurs {len(matches)} times ({listed}); add 'occurrence: N'")
        return None
    return matches[0]


def _overlaps(state: State, op: WordOperation, node: Node, fld: Field, spans: list[tuple[int, int]]) -> bool:
    """True (with a problem) when the spans touch words a change already changed."""
    for region in state.regions.get((node.uid, fld), []):
        for start, end in spans:
            inside = region.start < end and start < region.end if end > start else region.start < start < region.end
            if not inside:
                continue
            words = getattr(node, fld)[region.start : region.end]
            if region.modification == state.modification:
                state.problem(op, f"overlaps the change at {region.where} (both touch {words!r})")
            else:
                state.problem(
                    op, f"conflicts with {region.modification} ({region.where}): both change the words {words!r}"
                )
            return True
    return False


def record(state: State, op: WordOperation, node: Node, fld: Field, old: str, new: str, anchor: Match | None) -> None:
    """Set the new words and keep the regions indexing them (invariant 3; an insertion's anchor words count
    as touched too)."""
    state.original.setdefault((node.uid, fld), old)
    start, old_end, new_end = _changed_span(old, new)
    delta = len(new) - len(old)
    if anchor is not None:
        if anchor.end <= start:
            start = anchor.start
        else:
            new_end = max(new_end, anchor.end + delta)
    kept = []
    for r in state.regions.get((node.uid, fld), []):
        if r.end <= start:
            kept.append(r)
        elif r.start >= old_end:
            kept.append(Region(r.start + delta, r.end + delta, r.modification, r.where))
        else:
            kept.append(Region(min(r.start, start), max(r.end + delta, new_end), r.modification, r.where))
    kept.append(Region(start, max(new_end, start), state.modification, op.where))
    state.regions[(node.uid, fld)] = kept
    state.ledger.edit(node, fld, new, state.maker(op))


def _target(state: State, op: WordOperation) -> Node | None:
    """The provision whose words ``op`` changes (not a table), if no earlier change set stands in the way."""
    found = state.claim(op, op.target, structural=False)
    if found is None:
        return None
    node = found[1]
    if node.kind == "table":
        state.problem(op, "is a table; change it with 'remove:' and 'add:'")
        return None
    return node


def _commit(
    state: State,
    op: WordOperation,
    node: Node,
    fld: Field,
    new: str,
    spans: list[tuple[int, int]],
    anchor: Match | None = None,
) -> None:
    if _overlaps(state, op, node, fld, spans):
        return
    record(state, op, node, fld, getattr(node, fld), new, anchor)
    state.claimed(op, op.target, structural=False)


def insert_text(state: State, op: InsertText) -> None:
    """Insert words after or before the anchor words (which must not be words a change already changed)."""
    node = _target(state, op)
    m = None if node is None else _pick(state, node, op, op.anchor, "anchor")
    if node is None or m is None:
        return
    old = getattr(node, m.field)
    cut = m.end if op.position == "after" else m.start
    _commit(state, op, node, m.field, join_words(old[:cut], op.text, old[cut:]), [(m.start, m.end)], m)


def delete_text(state: State, op: DeleteText) -> None:
    """Delete words."""
    node = _target(state, op)
    m = None if node is None else _pick(state, node, op, op.text, "text to delete")
    if node is None or m is None:
        return
    old = getattr(node, m.field)
    _commit(state, op, node, m.field, join_words(old[: m.start], "", old[m.end :]), [(m.start, m.end)])


def replace_text(state: State, op: ReplaceText) -> None:
    """Replace words with others."""
    node = _target(state, op)
    m = None if node is None else _pick(state, node, op, op.old, "text to replace")
    if node is None or m is None:
        return
    old = getattr(node, m.field)
    _commit(state, op, node, m.field, join_words(old[: m.start], op.new, old[m.end :]), [(m.start, m.end)])


def set_text(state: State, op: SetText) -> None:
    """Give the chapeau or the text after the list new wording; the words that differ count as changed."""
    node = _target(state, op)
    if node is None:
        return
    fld, old = op.field, getattr(node, op.field)
    if fld == "trailing" and not node.children and op.new:
        state.problem(op, "has no list, so no text after a list; use 'text:'")
        return
    spans, pos = [], 0
    for run in diff_words(old, op.new):
        if run.op == "delete":
            spans.append((pos, pos + len(run.text)))
        elif run.op == "insert":
            spans.append((pos, pos))
        if run.op != "insert":
            pos += len(run.text)
    if old == op.new:
        state.messages.append(warning("the new wording is the same as the old", op.where, op.target))
    _commit(state, op, node, fld, op.new, spans)
