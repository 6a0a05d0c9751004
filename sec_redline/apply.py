"""Apply a change set to a Document: a pure function, inputs never mutated."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from legal_text import Clause, ClauseRef, Document, Message, Result

from .changeset import ChangeSet, DeleteText, InsertText, Operation, ReplaceText
from .errors import ChangeSetError

_NO_SPACE_AFTER = "([“‘"     # an opening bracket or quote hugs the next word
_NO_SPACE_BEFORE = ")].,;:”’"  # closing punctuation hugs the previous word
_FIELDS = ("text", "trailing")


@dataclass(frozen=True)
class Match:
    field: str  # "text" (chapeau) or "trailing" (the text after the list)
    start: int
    end: int


def _pattern(words: str) -> re.Pattern:
    """Match ``words`` with any run of white space between them, at word boundaries."""
    body = r"\s+".join(re.escape(w) for w in words.split())
    pre = r"(?<!\w)" if re.match(r"\w", words) else ""
    post = r"(?!\w)" if re.search(r"\w$", words) else ""
    return re.compile(pre + body + post)


def find_matches(clause: Clause, words: str) -> list[Match]:
    """Every place ``words`` occur in the clause's own words (chapeau, then the text after its list)."""
    pattern = _pattern(words)
    return [Match(f, m.start(), m.end()) for f in _FIELDS for m in pattern.finditer(getattr(clause, f))]


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
    return out


def _context(text: str, m: Match, width: int = 30) -> str:
    s = text[max(0, m.start - width): m.end + width]
    return ("..." if m.start > width else "") + s + ("..." if m.end + width < len(text) else "")


def _nearest(clause: Clause, words: str) -> str:
    """The stretch of the clause's own words that most resembles ``words``."""
    own = " ".join(getattr(clause, f) for f in _FIELDS if getattr(clause, f))
    tokens = own.split()
    n = len(words.split())
    best, best_ratio = "", 0.0
    for size in {max(1, n - 1), n, n + 1}:
        for i in range(0, max(1, len(tokens) - size + 1)):
            cand = " ".join(tokens[i:i + size])
            ratio = difflib.SequenceMatcher(None, cand.lower(), words.lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = cand, ratio
    return best if best_ratio >= 0.6 else ""


def _pick(clause: Clause, op: Operation, words: str, role: str) -> Match:
    matches = find_matches(clause, words)
    where = f"{op.where}: {op.target}"
    if not matches:
        hint = _nearest(clause, words)
        if clause.children and not hint:
            hint_txt = f"; only its own words are searched, name a paragraph such as {clause.children[0].ref} to change words inside it"
        else:
            hint_txt = f"; nearest: {hint!r}" if hint else ""
        raise ChangeSetError(f"{where}: {role} {words!r} not found in the clause's own words{hint_txt}")
    if op.occurrence is not None:
        if op.occurrence > len(matches):
            raise ChangeSetError(f"{where}: occurrence {op.occurrence} asked for, but {words!r} occurs {len(matches)} time(s)")
        return matches[op.occurrence - 1]
    if len(matches) > 1:
        listed = "; ".join(f"{i}: {_context(getattr(clause, m.field), m)!r}" for i, m in enumerate(matches, 1))
        raise ChangeSetError(f"{where}: {role} {words!r} occurs {len(matches)} times ({listed}); add 'occurrence: N'")
    return matches[0]


def apply_operation(clause: Clause, op: Operation) -> Clause:
    """The clause after one word operation; raise ChangeSetError if it does not fit."""
    if isinstance(op, InsertText):
        m = _pick(clause, op, op.anchor, "anchor")
        text = getattr(clause, m.field)
        cut = m.end if op.position == "after" else m.start
        new = join_words(text[:cut], op.text, text[cut:])
    elif isinstance(op, DeleteText):
        m = _pick(clause, op, op.text, "text to delete")
        text = getattr(clause, m.field)
        new = join_words(text[:m.start], "", text[m.end:])
    elif isinstance(op, ReplaceText):
        m = _pick(clause, op, op.old, "text to replace")
        text = getattr(clause, m.field)
        new = join_words(text[:m.start], op.new, text[m.end:])
    else:  # pragma: no cover - the loader builds only the types above
        raise TypeError(f"unknown operation {op!r}")
    return replace(clause, **{m.field: new})


def _nearest_ref(doc: Document, ref: ClauseRef) -> str:
    names = [str(r) for r in doc.refs()]
    close = difflib.get_close_matches(str(ref), names, n=1, cutoff=0.5)
    return f"; nearest existing: {close[0]}" if close else ""


def apply_changeset(doc: Document, changeset: ChangeSet) -> Result[Document]:
    """The document after every operation of ``changeset``, in order; every problem raised together."""
    problems: list[str] = []
    messages: list[Message] = []
    if doc.version and changeset.base and doc.version != changeset.base:
        problems.append(
            f"{changeset.source}: {changeset.modification} is drafted against SEC {changeset.base}, "
            f"but the base text is SEC {doc.version}; use the right base text or correct 'base:'"
        )
    current = doc
    for op in changeset.changes:
        clause = current.find(op.target)
        if clause is None:
            problems.append(f"{op.where}: {op.target}: no such clause in the base text{_nearest_ref(current, op.target)}")
            continue
        try:
            current = current.replace_clause(op.target, apply_operation(clause, op))
        except ChangeSetError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ChangeSetError(problems)
    return Result(current, tuple(messages))
