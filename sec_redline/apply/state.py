"""The state of one run of change sets over a code, and what every handler asks of it.

Invariants (each handler keeps them; ``tests/sec_redline/test_apply*.py`` exercise them):

1. ``docs`` are the base documents and are never changed.  A document gets a working copy
   (``working[i]``, made by ``work(i)``) when an operation first needs it; from then on its text is read
   from that copy only.  ``result()`` freezes the copies; an untouched document is returned as it was.
2. A provision is known by ``Node.uid``, which survives renumbering and moving and is never reused; every
   per-provision record below is keyed by it, never by reference or ``id()``.
3. ``regions[(uid, field)]`` are the spans of that field's *current* words that some change set changed,
   each with the change set and the YAML line: every edit of the field shifts or widens them at once
   (``words.record``), so they always index the text as it stands.
4. ``original[(uid, field)]`` is the field's words before any change set; set once, at its first edit.
5. ``claims[number]`` lists every provision some change set changed, with the number it was named by, for
   the rule that a later change set may not restructure what an earlier one changed, nor change what it
   restructured (``claim``).
6. ``problems`` are errors: if any is found the run raises ``ChangeSetError`` with all of them and returns
   no documents.  ``messages`` are warnings a successful run returns.
7. ``changeset`` is the change set being applied; ``ledger`` records every change as it is made, with
   the operation and change set that made it (``ledger.py``): the Annex A and a release's redline are
   read off it.  Every change to the working copies goes through it (``Ledger.edit`` for words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from legal_text import ClauseRef, Document, Location, Message, error
from legal_text.clause_ref import nearest_reference
from legal_text.tree_edit import Node, WorkingDocument

from ..changes import ChangeSet, DeleteClause, Field, Operation
from .ledger import Ledger, Maker

FIELDS: tuple[Field, ...] = ("text", "trailing")  # a provision's own words: chapeau, text after its list


@dataclass
class Region:
    """Words a change set changed, in the current text of one field of one provision."""

    start: int
    end: int
    modification: str
    where: Location


@dataclass
class Claim:
    """A provision a change set changed: its reference as named, and whether its structure changed."""

    ref: ClauseRef
    modification: str
    where: Location
    structural: bool


@dataclass
class State:
    """One run of change sets over a code (see the invariants above)."""

    docs: list[Document]
    working: dict[int, WorkingDocument] = field(default_factory=dict)
    regions: dict[tuple[int, Field], list[Region]] = field(default_factory=dict)
    original: dict[tuple[int, Field], str] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)  # by clause number: only those can nest
    removed: list[tuple[ClauseRef, DeleteClause]] = field(default_factory=list)
    rows_changed: dict[int, list[tuple[str, Location, str]]] = field(default_factory=dict)
    problems: list[Message] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    _changeset: ChangeSet | None = None
    _blobs: dict[int, str] = field(default_factory=dict)

    @property
    def changeset(self) -> ChangeSet:
        """The change set being applied."""
        assert self._changeset is not None, "start() sets the change set first"
        return self._changeset

    @property
    def modification(self) -> str:
        """Whom the changes are credited to: the modification, or "MP915 (part 2)" for a part of it."""
        return self.changeset.credit

    def maker(self, op: Operation) -> Maker:
        """Who makes the changes ``op`` makes: the change set being applied, at ``op``'s line."""
        return Maker(self.modification, op.where)

    def start(self, changeset: ChangeSet) -> None:
        """Begin applying ``changeset`` (the next, in order)."""
        self._changeset = changeset

    # documents ---------------------------------------------------------------------------------------

    def doc_index(self, ref: ClauseRef) -> int | None:
        """The document ``ref`` names (a lone document without a code takes every reference)."""
        for i, doc in enumerate(self.docs):
            if doc.identity == ref.document:
                return i
        return 0 if len(self.docs) == 1 and not self.docs[0].section else None

    def work(self, i: int) -> WorkingDocument:
        """Document ``i``'s working copy, made on first use (invariant 1)."""
        if i not in self.working:
            wd = self.working[i] = WorkingDocument(self.docs[i])
            self.ledger.saw(self.docs[i], wd)
        return self.working[i]

    def find(self, ref: ClauseRef) -> tuple[WorkingDocument | None, Node | None]:
        """The working copy holding ``ref`` and its node (None where there is none)."""
        i = self.doc_index(ref)
        if i is None:
            return None, None
        wd = self.work(i)
        return wd, wd.find(ref)

    def blob(self, i: int) -> str:
        """All the words of an untouched document, for a quick 'is this number mentioned at all?'."""
        if i not in self._blobs:
            self._blobs[i] = "\n".join(f"{c.text}\n{c.trailing}" for c in self.docs[i].clauses())
        return self._blobs[i]

    def nodes_of(self, i: int) -> list[Node] | None:
        """The working nodes of document ``i``, or None while it has no working copy."""
        wd = self.working.get(i)
        return list(wd.nodes()) if wd is not None else None

    def nearest(self, ref: ClauseRef) -> str:
        """ "; nearest existing: G3.20" for a reference that is not there, or ""."""
        names: list[str] = []
        for i, doc in enumerate(self.docs):
            nodes = self.nodes_of(i)
            names += [str(n.ref) for n in nodes] if nodes is not None else [str(r) for r in doc.refs()]
        near = nearest_reference(str(ref), names)
        return f"; nearest existing: {near}" if near else ""

    # problems ----------------------------------------------------------------------------------------

    def problem(self, op: Operation, text: str) -> None:
        """An error about ``op``, at its YAML line, naming its target."""
        self.problems.append(error(text, op.where, op.target))

    def need(
        self, op: Operation, ref: ClauseRef, what: str = "no such clause in the base text"
    ) -> tuple[WorkingDocument, Node] | None:
        """The provision ``ref`` (one, unambiguous), or None with a problem naming the nearest."""
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

    # claims (invariant 5) ----------------------------------------------------------------------------

    def free(self, op: Operation, ref: ClauseRef, structural: bool) -> bool:
        """A later change set may not restructure what an earlier one changed, nor change what it
        restructured: False (with a problem) when ``op`` would."""
        for c in self.claims.get(ref.number, ()):
            if c.modification == self.modification:
                continue
            if (c.structural or structural) and (ref.is_within(c.ref) or c.ref.is_within(ref)):
                self.problem(op, f"conflicts with {c.modification} ({c.where}), which also changes {c.ref}")
                return False
        return True

    def claim(self, op: Operation, ref: ClauseRef, structural: bool) -> tuple[WorkingDocument, Node] | None:
        """The existing provision ``ref`` that ``op`` changes, if no earlier change set's change stands in
        the way."""
        found = self.need(op, ref)
        if found is None or not self.free(op, ref, structural):
            return None
        return found

    def claimed(self, op: Operation, ref: ClauseRef, structural: bool) -> None:
        """Record that ``op`` changed ``ref`` (after it did)."""
        self.claims.setdefault(ref.number, []).append(Claim(ref, self.modification, op.where, structural))

    # results -----------------------------------------------------------------------------------------

    def result(self) -> list[Document]:
        """The documents as the run left them (invariant 1)."""
        return [self.working[i].freeze() if i in self.working else doc for i, doc in enumerate(self.docs)]
