"""Apply change sets to a code: pure at its boundary (inputs are never changed), every problem reported.

``apply_changesets(docs, changesets)`` applies each change set in order.
Operations apply in the order written, each to the text as the previous ones
left it.  The words each operation changes are remembered: a later operation
of the same change set that touches them is an overlap, and one of a later
change set is a conflict naming both modifications and the clause.  Edits to
different words of one clause merge.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from legal_text import ClauseRef, Document, Heading, Location, Message, Result, error, warning
from legal_text.collector import collector_paused
from legal_text.diff import diff_words
from legal_text.inline import find_xrefs
from legal_text.profiles import PROFILES, document_order
from legal_text.provision import read_provision
from legal_text.text_reader import caption_number, heading_from_text
from legal_text.tree_edit import Node, WorkingDocument, rebase_detached, rename_references

from .changeset import (
    BLANK_CELL,
    AddHeading,
    AmendDefinition,
    ChangeSet,
    DeleteClause,
    DeleteRow,
    DeleteText,
    Field,
    InsertClause,
    InsertRow,
    InsertText,
    MoveClause,
    RemoveDefinition,
    RemoveHeading,
    Renumber,
    ReplaceText,
    RowKey,
    SetCell,
    SetText,
    TableOperation,
)
from .errors import ChangeSetError

_NO_SPACE_AFTER = "([“‘"  # an opening bracket or quote hugs the next word
_NO_SPACE_BEFORE = ")].,;:”’"  # closing punctuation hugs the previous word
_FIELDS: tuple[Field, ...] = ("text", "trailing")
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks
MAX_LISTED = 5  # places an error lists before "and N more"


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


def _pattern(words: str) -> re.Pattern:
    """Match ``words`` with any run of white space between them, at word boundaries."""
    body = r"\s+".join(re.escape(w) for w in words.split())
    pre = r"(?<!\w)" if re.match(r"\w", words) else ""
    post = r"(?!\w)" if re.search(r"\w$", words) else ""
    # Never end a match between a letter and the accent that combines with it.
    return re.compile(pre + body + post + f"(?![{_COMBINING}])")


@dataclass(frozen=True)
class Match:
    field: Field
    start: int
    end: int


def find_matches(node, words: str) -> list[Match]:
    """Every place ``words`` occur in a provision's own words (chapeau, then the text after its list)."""
    pattern = _pattern(words)
    return [Match(f, m.start(), m.end()) for f in _FIELDS for m in pattern.finditer(getattr(node, f))]


@dataclass
class Region:
    """Words a change set changed, in the current text of one field of one provision."""

    start: int
    end: int
    modification: str
    where: Location


@dataclass
class _Touch:
    ref: ClauseRef
    modification: str
    where: Location
    structural: bool


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    s = text[max(0, start - width) : end + width]
    return ("..." if start > width else "") + s + ("..." if end + width < len(text) else "")


def _nearest_words(node, words: str) -> str:
    """The stretch of the provision's own words that most resembles ``words``."""
    own = " ".join(getattr(node, f) for f in _FIELDS if getattr(node, f))
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


UNCHECKED_BASE = "unchecked-base"  # the code of the warning that a change set's 'base:' could not be checked


class _Application:
    """One run of change sets over a code: working copies, touched words, problems."""

    def __init__(self, docs: list[Document]):
        self.docs = list(docs)
        self.working: dict[int, WorkingDocument] = {}
        # Per-provision state is keyed by ``Node.uid``, which survives renumbering and moving and is
        # never reused (``id()`` of a rebuilt node could be).
        self.regions: dict[tuple[int, str], list[Region]] = {}
        self.touches: dict[str, list[_Touch]] = {}  # by clause number: only those can contain each other
        self.removed: list[tuple[ClauseRef, DeleteClause]] = []
        self.original: dict[tuple[int, str], str] = {}  # each field's words before any change set
        self.blobs: dict[int, str] = {}
        self.problems: list[Message] = []
        self.messages: list[Message] = []
        self._cs: ChangeSet | None = None
        # Rows each change set changed, by table (``Node.uid``): (modification, where, the row's first cell).
        self.rows_touched: dict[int, list[tuple[str, Location, str]]] = {}
        # Who did what, for a release's redline (see ``Provenance``).
        self.base_uids: dict[tuple[tuple[str, str], ClauseRef], int] = {}
        self.made_by: dict[int, str] = {}
        self.renames: list[tuple[dict[ClauseRef, ClauseRef], str]] = []
        self.headings_by: dict[str, str] = {}  # a heading's words -> the change set that added or removed it

    @property
    def cs(self) -> ChangeSet:
        """The change set being applied."""
        assert self._cs is not None, "apply() sets the change set first"
        return self._cs

    # documents -----------------------------------------------------------------------

    def doc_index(self, ref: ClauseRef) -> int | None:
        for i, doc in enumerate(self.docs):
            if doc.identity == ref.document:
                return i
        return 0 if len(self.docs) == 1 and not self.docs[0].section else None

    def work(self, i: int) -> WorkingDocument:
        if i not in self.working:
            wd = self.working[i] = WorkingDocument(self.docs[i])
            identity = self.docs[i].identity
            self.base_uids.update(((identity, n.ref), n.uid) for n in wd.nodes())
        return self.working[i]

    def made(self, node: Node | None) -> None:
        """Remember that the change set being applied inserted, removed, renumbered or moved ``node``."""
        if node is not None:
            self.made_by[node.uid] = self.cs.modification

    def find(self, ref: ClauseRef) -> tuple[WorkingDocument | None, Node | None]:
        i = self.doc_index(ref)
        if i is None:
            return None, None
        wd = self.work(i)
        return wd, wd.find(ref)

    def all_refs(self) -> list[ClauseRef]:
        refs: list[ClauseRef] = []
        for i in range(len(self.docs)):
            wd = self.working.get(i)
            refs += [n.ref for n in wd.nodes()] if wd else self.docs[i].refs()
        return refs

    def nearest(self, ref: ClauseRef) -> str:
        names = [str(r) for r in self.all_refs()]
        close = difflib.get_close_matches(str(ref), names, n=1, cutoff=0.5)
        return f"; nearest existing: {close[0]}" if close else ""

    # problems ------------------------------------------------------------------------

    def problem(self, op, text: str) -> None:
        target = op.target if hasattr(op, "target") else ""
        self.problems.append(error(text, op.where, target))

    def need(
        self, op, ref: ClauseRef, what: str = "no such clause in the base text"
    ) -> tuple[WorkingDocument, Node] | None:
        wd, node = self.find(ref)
        same = wd.ambiguous(ref) if wd is not None else []
        if same:
            places = " and ".join(str(n.where or "?") for n in same)
            self.problem(
                op,
                f"is ambiguous: the base text numbers {len(same)} provisions {ref} "
                f"({places}); correct the numbering in the base text first",
            )
            return None
        if node is None or wd is None:
            self.problem(op, f"{what}{self.nearest(ref)}" if ref == op.target else f"{ref}: {what}{self.nearest(ref)}")
            return None
        return wd, node

    def check_touches(self, op, ref: ClauseRef, structural: bool) -> bool:
        """A later change set may not restructure what an earlier one changed, nor change what it restructured."""
        mod = self.cs.modification
        for t in self.touches.get(ref.number, ()):
            if t.modification == mod:
                continue
            if (t.structural or structural) and (ref.is_within(t.ref) or t.ref.is_within(ref)):
                self.problem(op, f"conflicts with {t.modification} ({t.where}), which also changes {t.ref}")
                return False
        return True

    def claim(self, op, structural: bool) -> tuple[WorkingDocument, Node] | None:
        """The existing target of ``op``, if no earlier change set's change stands in the way."""
        found = self.need(op, op.target)
        if found is None or not self.check_touches(op, op.target, structural):
            return None
        return found

    def touch(self, op, ref: ClauseRef, structural: bool) -> None:
        self.touches.setdefault(ref.number, []).append(_Touch(ref, self.cs.modification, op.where, structural))

    # word operations -----------------------------------------------------------------

    def _changed_away(self, node: Node, op, words: str) -> bool:
        """The words are missing because a change made them go: say which."""
        for fld in _FIELDS:
            before = self.original.get((node.uid, fld))
            if before is None or not _pattern(words).search(before):
                continue
            regions = self.regions.get((node.uid, fld), [])
            mine = [r for r in regions if r.modification == self.cs.modification]
            theirs = [r for r in regions if r.modification != self.cs.modification]
            if mine:
                self.problem(op, f"overlaps the change at {mine[-1].where}, which changed {words!r}")
            elif theirs:
                self.problem(
                    op,
                    f"conflicts with {theirs[-1].modification} ({theirs[-1].where}), which changed the words {words!r}",
                )
            else:
                continue
            return True
        return False

    def _pick(self, node: Node, op, words: str, role: str) -> Match | None:
        matches = find_matches(node, words)
        if not matches and self._changed_away(node, op, words):
            return None
        if not matches:
            hint = _nearest_words(node, words)
            if node.children and not hint:
                first = next((c.ref for c in node.children if c.kind != "table"), None)
                extra = f"; only its own words are searched, name a paragraph such as {first} to change words inside it"
            else:
                extra = f"; nearest: {hint!r}" if hint else ""
            self.problem(op, f"{role} {words!r} not found in the clause's own words{extra}")
            return None
        if op.occurrence is not None:
            if op.occurrence > len(matches):
                self.problem(op, f"occurrence {op.occurrence} asked for, but {words!r} occurs {len(matches)} time(s)")
                return None
            return matches[op.occurrence - 1]
        if len(matches) > 1:
            listed = "; ".join(
                f"{i}: {_context(getattr(node, m.field), m.start, m.end)!r}"
                for i, m in enumerate(matches[:MAX_LISTED], 1)
            )
            if len(matches) > MAX_LISTED:
                listed += f"; and {len(matches) - MAX_LISTED} more"
            self.problem(op, f"{role} {words!r} occurs {len(matches)} times ({listed}); add 'occurrence: N'")
            return None
        return matches[0]

    def _overlaps(self, op, node: Node, fld: str, spans: list[tuple[int, int]]) -> bool:
        for region in self.regions.get((node.uid, fld), []):
            for start, end in spans:
                inside = region.start < end and start < region.end if end > start else region.start < start < region.end
                if inside:
                    text = getattr(node, fld)
                    words = text[region.start : region.end]
                    if region.modification == self.cs.modification:
                        self.problem(op, f"overlaps the change at {region.where} (both touch {words!r})")
                    else:
                        self.problem(
                            op,
                            f"conflicts with {region.modification} ({region.where}): both change the words {words!r}",
                        )
                    return True
        return False

    def _record(self, op, node: Node, fld: str, old: str, new: str, anchor: Match | None = None) -> None:
        """Set the new words and remember where they changed (with an insertion's anchor words)."""
        self.original.setdefault((node.uid, fld), old)
        start, old_end, new_end = _changed_span(old, new)
        delta = len(new) - len(old)
        if anchor is not None:  # the words an insertion hangs on count as touched too
            if anchor.end <= start:
                start = anchor.start
            else:
                new_end = max(new_end, anchor.end + delta)
        kept = []
        for r in self.regions.get((node.uid, fld), []):
            if r.end <= start:
                kept.append(r)
            elif r.start >= old_end:
                kept.append(Region(r.start + delta, r.end + delta, r.modification, r.where))
            else:
                kept.append(Region(min(r.start, start), max(r.end + delta, new_end), r.modification, r.where))
        kept.append(Region(start, max(new_end, start), self.cs.modification, op.where))
        self.regions[(node.uid, fld)] = kept
        setattr(node, fld, new)

    def word(self, op) -> None:
        found = self.claim(op, structural=False)
        if found is None:
            return
        _, node = found
        if node.kind == "table":
            self.problem(op, "is a table; change it with 'remove:' and 'add:'")
            return
        if isinstance(op, SetText):
            fld, old = op.field, getattr(node, op.field)
            if fld == "trailing" and not node.children and op.new:
                self.problem(op, "has no list, so no text after a list; use 'text:'")
                return
            new = op.new
            spans, pos = [], 0
            for run in diff_words(old, new):
                if run.op == "delete":
                    spans.append((pos, pos + len(run.text)))
                elif run.op == "insert":
                    spans.append((pos, pos))
                if run.op != "insert":
                    pos += len(run.text)
            if old == new:
                self.messages.append(warning("the new wording is the same as the old", op.where, op.target))
        else:
            words = op.anchor if isinstance(op, InsertText) else (op.text if isinstance(op, DeleteText) else op.old)
            role = (
                "anchor"
                if isinstance(op, InsertText)
                else ("text to delete" if isinstance(op, DeleteText) else "text to replace")
            )
            m = self._pick(node, op, words, role)
            if m is None:
                return
            fld, old = m.field, getattr(node, m.field)
            spans = [(m.start, m.end)]
            if isinstance(op, InsertText):
                cut = m.end if op.position == "after" else m.start
                new = join_words(old[:cut], op.text, old[cut:])
                spans = [(m.start, m.end)]  # the anchor must not be words another change already changed
            elif isinstance(op, DeleteText):
                new = join_words(old[: m.start], "", old[m.end :])
            else:
                new = join_words(old[: m.start], op.new, old[m.end :])
        if self._overlaps(op, node, fld, spans):
            return
        self._record(op, node, fld, old, new, m if isinstance(op, InsertText) else None)
        self.touch(op, op.target, structural=False)

    # structure -----------------------------------------------------------------------

    def _provision(self, op, ref: ClauseRef, text: str):
        result = read_provision(text, ref, str(op.where))
        errors = [m for m in result.messages if m.level == "error"]
        for m in errors:
            self.problem(op, m.text)
        for m in result.messages:
            if m.level == "warning":
                self.messages.append(warning(m.text, op.where, ref))
        return None if errors else result.value

    def _siblings_ok(self, op, ref: ClauseRef, anchor: ClauseRef) -> bool:
        if ref.parent() != anchor.parent() or (not ref.path and ref.section != anchor.section):
            self.problem(
                op,
                f"{anchor} is not at the same level as {ref}; name a neighbour such as "
                f"{ref.parent() or ref.section}...",
            )
            return False
        return True

    def _place(self, op, wd: WorkingDocument, ref: ClauseRef, position: str, anchor: ClauseRef | None):
        """(parent node or None, index) for a provision ``ref`` going after/before ``anchor`` or at the end."""
        parent = wd.parent_of(ref)
        if ref.path and parent is None:
            self.problem(op, f"no provision {ref.parent()} to hold it")
            return None
        if anchor is None:
            container = parent.children if parent is not None else wd.body
            return parent, len(container)
        anchor_node = wd.find(anchor)
        if anchor_node is None:
            self.problem(op, f"{anchor}: no such clause to go {position}{self.nearest(anchor)}")
            return None
        if not self._siblings_ok(op, ref, anchor):
            return None
        index = wd.siblings(anchor_node).index(anchor_node)
        return parent, index + (1 if position == "after" else 0)

    def add(self, op: InsertClause) -> None:
        i = self.doc_index(op.target)
        if i is None:
            self.problem(op, f"the base text has no {op.target.document_name}")
            return
        wd = self.work(i)
        if wd.find(op.target) is not None:
            self.problem(op, "already exists; use 'renumber:' first, or choose another reference")
            return
        if not self.check_touches(op, op.target, structural=True):
            return
        place = self._place(op, wd, op.target, op.position, op.anchor)
        clause = self._provision(op, op.target, op.text)
        if place is None or clause is None:
            return
        self.made(wd.insert(clause, place[0], place[1]))
        self.touch(op, op.target, structural=True)

    def _own_change_inside(self, node: Node) -> Region | None:
        """A change this change set made to the words of ``node`` or a provision inside it."""
        for n in node.walk():
            for fld in _FIELDS:
                mine = [r for r in self.regions.get((n.uid, fld), []) if r.modification == self.cs.modification]
                if mine:
                    return mine[-1]
        return None

    def remove(self, op: DeleteClause) -> None:
        found = self.claim(op, structural=True)
        if found is None:
            return
        wd, node = found
        changed = self._own_change_inside(node)
        if changed is not None:
            self.problem(op, f"overlaps the change at {changed.where}, which changed words that this removes")
            return
        self.made(node)
        if op.leave:
            self.made(wd.replace(node, node.freeze().with_changes(text=op.leave, children=(), trailing="")))
        else:
            wd.remove(node)
        self.touch(op, op.target, structural=True)
        self.removed.append((op.target, op))

    def _blob(self, i: int) -> str:
        """All the words of an untouched document, for a quick 'is this number mentioned at all?'."""
        if i not in self.blobs:
            self.blobs[i] = "\n".join(f"{c.text}\n{c.trailing}" for c in self.docs[i].clauses())
        return self.blobs[i]

    def _rename(self, mapping: dict[ClauseRef, ClauseRef]) -> None:
        """Rewrite every cross-reference to a renamed provision, in every document of the code."""
        self.renames.append((dict(mapping), self.cs.modification))
        needles = re.compile("|".join(re.escape(m.with_path(()).cited) for m in mapping))
        for i in range(len(self.docs)):
            if i not in self.working and not needles.search(self._blob(i)):
                continue
            for node in self.work(i).nodes():
                for fld in _FIELDS:
                    old = getattr(node, fld)
                    if old and needles.search(old):
                        new = rename_references(old, mapping, node.ref)
                        if new != old:
                            setattr(node, fld, new)

    def renumber(self, op: Renumber) -> None:
        found = self.claim(op, structural=True)
        if found is None:
            return
        wd, node = found
        if wd.find(op.to) is not None:
            self.problem(op, f"cannot renumber to {op.to}: it already exists")
            return
        if op.to.parent() != op.target.parent() or op.to.document != op.target.document:
            self.problem(op, f"{op.to} is not at the same level; to move it elsewhere use 'move:' with 'to:'")
            return
        wd.rebase(node, op.to)
        self.made(node)
        self._rename({op.target: op.to})
        self.touch(op, op.target, structural=True)
        self.touch(op, op.to, structural=True)

    def move(self, op: MoveClause) -> None:
        found = self.claim(op, structural=True)
        if found is None:
            return
        wd, node = found
        new_ref = op.to or op.target
        if op.anchor.is_within(op.target):
            self.problem(op, f"cannot move {op.target} {op.position} {op.anchor}, which is inside it")
            return
        if op.to and op.to != op.target and wd.find(op.to) is not None:
            self.problem(op, f"cannot move to {op.to}: it already exists")
            return
        if new_ref.parent() != op.anchor.parent() and not op.to:
            self.problem(op, f"{op.anchor} is in another provision; moving there changes the number, so add 'to:'")
            return
        parent = node.parent
        was_at = wd.remove(node)
        place = self._place(op, wd, new_ref, op.position, op.anchor)
        if place is None:
            wd.attach(node, parent, was_at)  # keep the working copy whole; the run fails anyway
            return
        if new_ref != op.target:
            rebase_detached(node, new_ref)
        wd.attach(node, place[0], place[1])
        self.made(node)
        if new_ref != op.target:
            self._rename({op.target: new_ref})
        self.touch(op, op.target, structural=True)

    def _top_clause(self, op) -> tuple[WorkingDocument, Node] | None:
        """The clause (not a paragraph) that a heading operation's ``before:`` names."""
        if op.target.path:
            self.problem(op, f"a heading stands before a clause, not before the paragraph {op.target}")
            return None
        found = self.need(op, op.target)
        if found is None or not self.check_touches(op, op.target, structural=True):
            return None
        wd, node = found
        if node.parent is not None or node not in wd.body:
            self.problem(op, f"{op.target} is inside another provision; a heading stands before a clause")
            return None
        return wd, node

    def add_heading(self, op: AddHeading) -> None:
        found = self._top_clause(op)
        if found is None:
            return
        wd, node = found
        heading = heading_from_text(op.words, PROFILES[wd.original.profile])
        wd.body.insert(wd.body.index(node), heading)
        self.headings_by[f"{heading.label} {heading.text}".strip()] = self.cs.modification
        self.touch(op, op.target, structural=True)

    def remove_heading(self, op: RemoveHeading) -> None:
        found = self._top_clause(op)
        if found is None:
            return
        wd, node = found
        at = wd.body.index(node)
        above: list[Heading] = []
        k = at - 1
        while k >= 0 and isinstance(wd.body[k], Heading):
            above.append(wd.body[k])  # type: ignore[arg-type]
            k -= 1
        wanted = " ".join(op.words.split())
        match = next((h for h in above if f"{h.label} {h.text}".strip() == wanted), None)
        if match is None:
            there = "; ".join(repr(f"{h.label} {h.text}".strip()) for h in reversed(above)) or "none"
            self.problem(op, f"no heading {wanted!r} stands before {op.target} (the headings there: {there})")
            return
        wd.body.remove(match)
        self.headings_by[f"{match.label} {match.text}".strip()] = self.cs.modification
        self.touch(op, op.target, structural=True)

    def _definitions_home(self, op):
        for i, doc in enumerate(self.docs):
            wd = self.working.get(i)
            nodes = wd.nodes() if wd else None
            if nodes is None and not doc.definitions():
                continue
            wd = self.work(i)
            for node in wd.nodes():
                if any(c.kind == "definition" for c in node.children):
                    return wd, node
        self.problems.append(
            error(
                "the base text has no definitions to add to (give Section A, whose clause "
                "holds '\"Term\" means ...' lines)",
                op.where,
                op.target,
            )
        )
        return None

    def define(self, op: AmendDefinition) -> None:
        home = self._definitions_home(op)
        if home is None:
            return
        wd, container = home
        ref = container.ref.term(op.term)
        if not self.check_touches(op, ref, structural=True):
            return
        clause = self._provision(op, ref, op.text)
        if clause is None:
            return
        existing = wd.find(ref)
        defs = [c for c in container.children if c.kind == "definition"]
        quoted = existing.label.startswith('"') if existing is not None else any(c.label[:1] == '"' for c in defs)
        if not quoted:  # as the Section writes its definitions: "Term" means ..., or Term means ...
            clause = dataclasses.replace(clause, label=op.term)
        if existing is not None:
            self.made(existing)
            self.made(wd.replace(existing, clause))
        else:
            key = op.term.casefold()
            after = [c for c in defs if c.label.strip('"').casefold() > key]
            index = container.children.index(after[0]) if after else container.children.index(defs[-1]) + 1
            self.made(wd.insert(clause, container, index))
        self.touch(op, ref, structural=True)

    def undefine(self, op: RemoveDefinition) -> None:
        home = self._definitions_home(op)
        if home is None:
            return
        wd, container = home
        node = wd.find(container.ref.term(op.term))
        if node is None:
            terms = [c.label.strip('"') for c in container.children if c.kind == "definition"]
            close = difflib.get_close_matches(op.term, terms, n=1)
            self.problems.append(
                error(f"not defined{f'; nearest: {close[0]!r}' if close else ''}", op.where, op.target)
            )
            return
        if self.check_touches(op, node.ref, structural=True):
            self.made(node)
            wd.remove(node)
            self.touch(op, node.ref, structural=True)

    def warn_dangling(self) -> None:
        """After the run: a warning for each reference left pointing at a removed provision."""
        by_number: dict[str, list[tuple[ClauseRef, DeleteClause]]] = {}
        for ref, op in self.removed:
            by_number.setdefault(ref.number, []).append((ref, op))
        if not by_number:
            return
        mentioned = re.compile("|".join(re.escape(ref.with_path(()).cited) for ref, _op in self.removed))
        for i, doc in enumerate(self.docs):
            if i not in self.working and not mentioned.search(self._blob(i)):
                continue
            provisions = self.working[i].nodes() if i in self.working else doc.clauses()
            for node in provisions:
                words = f"{node.text} {node.trailing}"
                if not mentioned.search(words):
                    continue
                for _start, _end, named in find_xrefs(words, node.ref):
                    for r in named:
                        for removed, op in by_number.get(r.number, ()):
                            if not r.is_within(removed) or node.ref.is_within(removed):
                                continue
                            if op.leave is not None or self.find(removed)[1] is None:
                                self.messages.append(
                                    warning(f"{node.ref} still refers to {r}, which {op.where} removes", op.where)
                                )

    # tables --------------------------------------------------------------------------

    def _table(self, op: TableOperation) -> Node | None:
        """The one table captioned ``op.table`` (in ``op.document`` when given), as a working node."""
        wanted = op.table.casefold()
        hits: list[tuple[int, ClauseRef]] = []
        captions: list[str] = []
        for i, doc in enumerate(self.docs):
            if op.document is not None and not doc.is_named(op.document):
                continue
            wd = self.working.get(i)
            tables = (
                [n for n in wd.nodes() if n.kind == "table"] if wd else [c for c in doc.clauses() if c.kind == "table"]
            )
            for t in tables:
                number = caption_number(t.label)
                captions.append(number)
                if number.casefold() == wanted:
                    hits.append((i, t.ref))
        where = f" in {op.document}" if op.document else ""
        if not hits:
            close = difflib.get_close_matches(op.table, [c for c in captions if c], n=1, cutoff=0.6)
            self.problem(
                op,
                f"no table captioned {op.table!r}{where} in the base text"
                + (f"; nearest: {close[0]!r}" if close else "" if captions else " (it has no captioned table)"),
            )
            return None
        if len(hits) > 1:
            names = sorted({self.docs[i].name for i, _ in hits})
            self.problem(
                op,
                f"{len(hits)} tables are captioned {op.table!r} ({', '.join(names)}); "
                f"say which with 'document:', e.g. document: {names[0].split()[-1]}",
            )
            return None
        i, ref = hits[0]
        return self.work(i).find(ref)

    def _row(self, op: TableOperation, node: Node, key: RowKey, what: str = "row") -> int | None:
        """The index of the row (or, for ``what`` "column", the column) ``key`` names."""
        cells = [r[0] if r else "" for r in node.rows] if what == "row" else list(node.rows[0] if node.rows else ())
        if isinstance(key, int):
            if key <= len(cells):
                return key - 1
            self.problem(op, f"{op.table} has {len(cells)} {what}s, so it has no {what} {key}")
            return None
        found = [k for k, c in enumerate(cells) if " ".join(c.split()) == key]
        if not found:
            found = [k for k, c in enumerate(cells) if " ".join(c.split()).casefold() == key.casefold()]
        if len(found) == 1:
            return found[0]
        if found:
            self.problem(op, f"{op.table}: {len(found)} {what}s start {key!r}; name the {what} by its number instead")
            return None
        close = difflib.get_close_matches(key, cells, n=1, cutoff=0.5)
        first = "first cell" if what == "row" else "header"
        self.problem(
            op, f"{op.table} has no {what} whose {first} says {key!r}" + (f"; nearest: {close[0]!r}" if close else "")
        )
        return None

    def _rows_free(self, op: TableOperation, node: Node, *firsts: str) -> bool:
        """No other change set has changed these rows (named by their first cells) of this table."""
        for mod, where, first in self.rows_touched.get(node.uid, ()):
            if mod != self.cs.modification and first in firsts:
                self.problem(op, f"conflicts with {mod} ({where}), which also changes the row {first!r} of {op.table}")
                return False
        return True

    def _rows_touch(self, op: InsertRow | DeleteRow | SetCell, node: Node, first: str) -> None:
        self.rows_touched.setdefault(node.uid, []).append((self.cs.modification, op.where, first))

    def add_row(self, op: InsertRow) -> None:
        node = self._table(op)
        if node is None:
            return
        width = len(node.rows[0]) if node.rows else len(op.cells)
        if len(op.cells) != width:
            self.problem(op, f"the new row has {len(op.cells)} cells, but {op.table} has {width} columns")
            return
        at = len(node.rows)
        if op.anchor is not None:
            k = self._row(op, node, op.anchor)
            if k is None:
                return
            if k == 0 and op.position == "before":
                self.problem(op, f"a row cannot go before the header row of {op.table}")
                return
            at = k + (1 if op.position == "after" else 0)
        if not self._rows_free(op, node, op.cells[0]):
            return
        node.rows = (*node.rows[:at], op.cells, *node.rows[at:])
        self._rows_touch(op, node, op.cells[0])

    def remove_row(self, op: DeleteRow) -> None:
        node = self._table(op)
        if node is None:
            return
        k = self._row(op, node, op.row)
        if k is None:
            return
        if k == 0:
            self.problem(op, f"row 1 is the header row of {op.table}; remove the table's rows, not its header")
            return
        first = node.rows[k][0] if node.rows[k] else ""
        if not self._rows_free(op, node, first):
            return
        node.rows = node.rows[:k] + node.rows[k + 1 :]
        self._rows_touch(op, node, first)

    def set_cell(self, op: SetCell) -> None:
        node = self._table(op)
        if node is None:
            return
        r = self._row(op, node, op.row)
        c = self._row(op, node, op.column, "column") if r is not None else None
        if r is None or c is None:
            return
        row = list(node.rows[r])
        if c >= len(row):
            self.problem(op, f"the row {op.row!r} of {op.table} has only {len(row)} cells")
            return
        if row[c] == op.text:
            said = "is already blank" if op.text == BLANK_CELL else f"already says {op.text!r}"
            self.problem(op, f"the cell ({op.row!r}, {op.column!r}) of {op.table} {said}")
            return
        first = row[0]
        if not self._rows_free(op, node, first):
            return
        row[c] = op.text
        node.rows = (*node.rows[:r], tuple(row), *node.rows[r + 1 :])
        self._rows_touch(op, node, first)

    # driver --------------------------------------------------------------------------

    def apply(self, cs: ChangeSet) -> None:
        self._cs = cs
        touched = {t.document for op in cs.changes if isinstance(t := getattr(op, "target", None), ClauseRef)}
        bases = [d for d in self.docs if len(self.docs) == 1 or d.identity in touched]
        if cs.base and bases and not any(d.version for d in bases):
            self.messages.append(
                Message(
                    "warning",
                    f"{cs.modification} says it is drafted against SEC {cs.base}, but the base text "
                    f"{bases[0].source or ''} names no SEC version, so that was not checked; give the base "
                    f"text its 'SEC Version {cs.base}' line".replace("  ", " "),
                    Location(cs.source),
                    code=UNCHECKED_BASE,
                )
            )
        for doc in self.docs:
            if doc.version and cs.base and doc.version != cs.base:
                self.problems.append(
                    error(
                        f"{cs.modification} is drafted against SEC {cs.base}, but the base text "
                        f"{doc.source or ''} is SEC {doc.version}; use the right base text or correct 'base:'".replace(
                            "  ", " "
                        ),
                        Location(cs.source),
                    )
                )
        handlers = {
            InsertText: self.word,
            DeleteText: self.word,
            ReplaceText: self.word,
            SetText: self.word,
            InsertClause: self.add,
            DeleteClause: self.remove,
            Renumber: self.renumber,
            MoveClause: self.move,
            AmendDefinition: self.define,
            RemoveDefinition: self.undefine,
            AddHeading: self.add_heading,
            RemoveHeading: self.remove_heading,
            InsertRow: self.add_row,
            DeleteRow: self.remove_row,
            SetCell: self.set_cell,
        }
        for op in cs.changes:
            handlers[type(op)](op)

    def result(self) -> list[Document]:
        return [self.working[i].freeze() if i in self.working else doc for i, doc in enumerate(self.docs)]

    def provenance(self) -> Provenance:
        final = {(self.docs[i].identity, n.ref): n.uid for i, wd in self.working.items() for n in wd.nodes()}
        return Provenance(
            final, self.base_uids, self.regions, self.made_by, self.rows_touched, self.renames, self.headings_by
        )


def named_documents(name: str) -> list[tuple[str, str]]:
    """The identities a document's name may mean: "Appendix AD" one; a bare code the Section or the Appendix
    with that code, the likelier first (the SEC's Sections have one letter, its later Appendices two)."""
    words = name.split()
    if len(words) == 2 and words[0].lower() in ("section", "appendix"):
        return [(words[0].lower(), words[1].upper())]
    code = name.strip().upper()
    both = [("section", code), ("appendix", code)]
    return both if len(code) == 1 else both[::-1]


def documents_touched(changeset: ChangeSet, docs: Sequence[Document] = ()) -> list[tuple[str, str]]:
    """The documents a change set changes, as (profile, code) in the code's order: those its references name;
    for a definition, the document of the base holding the definitions (else Section A); for a table, the
    one its 'document:' names, else the one of ``docs`` holding a table with that caption."""
    found: set[tuple[str, str]] = set()
    for op in changeset.changes:
        if isinstance(op, (AmendDefinition, RemoveDefinition)):
            home = next((d for d in docs if d.definitions()), None)
            found.add(home.identity if home is not None else ("section", "A"))
        elif isinstance(op, TableOperation):
            holders = [d for d in docs if op.document is None or d.is_named(op.document)]
            holders = [
                d
                for d in holders
                if any(c.kind == "table" and caption_number(c.label) == op.table for c in d.clauses())
            ] or holders
            if op.document is not None and not holders:
                found.update(named_documents(op.document)[:1])
            found.update(d.identity for d in holders[:1])
        elif isinstance(op.target, ClauseRef):
            found.add(op.target.document)
    return sorted(found, key=lambda k: document_order(*k))


def documents_needed(changeset: ChangeSet) -> set[tuple[str, str]] | None:
    """The documents a base must hold for ``changeset`` to be applied and shown, when the change set says
    them alone: what its references and tables' ``document:`` name, and Section A for definitions.  None
    (every document) when a change reaches beyond them: a removal, renumbering or move (references to the
    provision may stand anywhere) or a table named without its document."""
    needed: set[tuple[str, str]] = set()
    for op in changeset.changes:
        if isinstance(op, (DeleteClause, Renumber, MoveClause)):
            return None
        if isinstance(op, (AmendDefinition, RemoveDefinition)):
            needed.add(("section", "A"))
        elif isinstance(op, TableOperation):
            if op.document is None:
                return None
            needed.update(named_documents(op.document))
        elif isinstance(op.target, ClauseRef):
            needed.add(op.target.document)
    return needed


@dataclass(frozen=True)
class Provenance:
    """Which change set did what, for a release's redline: provisions by ``Node.uid`` (the same provision
    keeps its uid through renumbering and moving): ``final`` and ``base`` map (document, reference) to the
    uid; ``regions`` the words each change set changed, in the final text of a provision's field;
    ``made_by`` the change set that inserted, removed, renumbered or moved (or redefined) a provision;
    ``rows`` the table rows each changed (by first cell); ``renames`` the renumberings and moves whose
    cross-references followed; ``headings`` the change set that added or removed a heading (by its words)."""

    final: dict[tuple[tuple[str, str], ClauseRef], int]
    base: dict[tuple[tuple[str, str], ClauseRef], int]
    regions: dict[tuple[int, str], list[Region]]
    made_by: dict[int, str]
    rows: dict[int, list[tuple[str, Location, str]]]
    renames: list[tuple[dict[ClauseRef, ClauseRef], str]]
    headings: dict[str, str]


@collector_paused
def apply_with_provenance(
    docs: list[Document], changesets: list[ChangeSet]
) -> tuple[Result[list[Document]], Provenance]:
    """``apply_changesets``, and who did what (for a release's redline, each change under its modification)."""
    run = _run(docs, changesets)
    return Result(run.result(), tuple(run.messages)), run.provenance()


def _run(docs: list[Document], changesets: list[ChangeSet]) -> _Application:
    run = _Application(docs)
    for cs in changesets:
        run.apply(cs)
    if not run.problems:
        run.warn_dangling()
    if run.problems:
        raise ChangeSetError(run.problems)
    return run


@collector_paused
def apply_changesets(docs: list[Document], changesets: list[ChangeSet]) -> Result[list[Document]]:
    """The documents after every change set, in order; raise ChangeSetError listing every problem."""
    run = _run(docs, changesets)
    return Result(run.result(), tuple(run.messages))


def apply_changeset(doc: Document, changeset: ChangeSet) -> Result[Document]:
    """The document after every operation of ``changeset``; raise ChangeSetError listing every problem."""
    result = apply_changesets([doc], [changeset])
    return Result(result.value[0], result.messages)
