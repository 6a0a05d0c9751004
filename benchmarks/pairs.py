"""Pairs of versions whose true events are known (issue 25): illustrative words, not SEC wording.

``make_pair(words=10_000, seed=1, edits=None)`` returns a ``Pair``: OLD and NEW (lists of
``legal_text.Document``, Sections in the synthetic style of ``benchmarks.generate``: groups with a group
heading, clauses with chapeaux, paragraphs (a)..., sub-paragraphs (i)..., text after a list, tables, and
cross-references "in accordance with Section F1.10" written between provisions), and ``events``: the events
a careful reviewer lists between them, one ``Expected`` each, as ``sec-redline diff`` prints them.  The same
arguments give the same pair (a seeded ``random.Random``).

The edits (``Edits``; ``Edits.typical`` draws the mix of the issue: runs of 8 to 16 clauses):

* ``insertions``: a clause inserted before a run of that many clauses of its group, which are renumbered up
  (F1.10 -> F1.11, ...) to the end of the group or to the next edit in it;
* ``deletions``: a clause deleted before a run of that many clauses, renumbered down;
* ``cancelling``: an insertion and a deletion in one group with that many clauses between them (renumbered
  by one, up or down) and none renumbered after them;
* several of those in one group (``per_group``) and groups of one Section: runs renumbered by one, then two;
* ``amendments``: words of a clause's chapeau, of the text after its list, or of a paragraph changed, in
  provisions that keep their numbers; ``amendments_in_runs``: the same inside renumbered runs;
* ``paragraph_insertions``: a paragraph inserted in a renumbered clause, so that its later paragraphs are
  renumbered ((b) becomes (c)) inside a clause that is itself renumbered;
* ``moves_within`` / ``moves_across``: a clause taken out of one group (the clauses after it renumbered down)
  and put into a group of the same Section / of another Section (the clauses after it there renumbered up);
* cross-references updated as the SEC does: every provision citing a provision that is renumbered or moved
  cites it by its new number in NEW ("Section F1.10" -> "Section F1.11", "Section F1.10(b)" ->
  "Section F1.11(c)").  ``citations`` is the share of provisions citing another (0.3, as in
  ``benchmarks.generate``), most of them a neighbour within 15 clauses in the same group.

The expected events (the rule)
------------------------------
One event per provision (a numbered clause, or a paragraph or sub-paragraph of one; not a table) that is:

1. **inserted** (only in NEW) or **deleted** (only in OLD): one event naming it, its paragraphs not listed;
   a paragraph inserted into a clause that is in both versions is one event of its own;
2. **moved** (a clause taken out of one place and put in another, in the same Section or another):
   ``moved OLD -> NEW``, its paragraphs not listed (moved clauses are generated unamended);
3. **renumbered**, its own number or enumerator changed (F1.10 -> F1.11; (b) -> (c)): ``renumbered OLD ->
   NEW``, with ``, amended`` when its own words (chapeau, text after its list) changed too.  A paragraph
   whose enumerator is the same is not renumbered because its clause is: F1.10(a) becoming F1.11(a) is part
   of "renumbered F1.10 -> F1.11";
4. **amended**, its own words changed, its number kept: ``amended REF`` (the NEW reference; a paragraph is an
   event of its own, as ``ClauseChange.changed_parts`` counts: a clause is not amended because a paragraph
   of it is).

A cross-reference that changes only because the provision it cites was renumbered or moved is not an
amendment of the provision citing it: it is a consequential update, listed under the event of the nearest
provision containing the cited one (or the cited one itself) that was renumbered or moved, as
``cross-reference: in AT, OLD -> NEW`` (AT: the citing provision, numbered as in NEW).  So that the rule has
one answer, the generator never amends a provision that carries a cross-reference, never moves a clause
that carries one, never deletes a provision that is cited, keeps at least one clause between two edits of a
group (an insertion next to a deletion would read as a replacement) and moves a clause to another group
(a move by one place would read as its neighbour moved).  Its words are drawn at random, so no two
provisions are alike by chance.

Worked examples (group F1 of 12 clauses; F1.4 cites F1.10 and F1.6 cites F1.10(b)):

* a clause inserted as F1.9, and a paragraph inserted as (b) in the old F1.10 (its old (b) and (c) now (c)
  and (d)), the old F1.11 amended::

      inserted  F1.9
      renumbered F1.9 -> F1.10
      renumbered F1.10 -> F1.11
                cross-reference: in F1.4, F1.10 -> F1.11
      inserted  F1.11(b)
      renumbered F1.10(b) -> F1.11(c)
                cross-reference: in F1.6, F1.10(b) -> F1.11(c)
      renumbered F1.10(c) -> F1.11(d)
      renumbered F1.11 -> F1.12, amended
      renumbered F1.12 -> F1.13

  F1.4 and F1.6 are not amended; F1.11(a) is not listed.
* F1.3 inserted and F1.7 deleted (cancelling): ``inserted F1.3``, ``renumbered F1.3 -> F1.4``,
  ``renumbered F1.4 -> F1.5``, ``renumbered F1.5 -> F1.6``, ``renumbered F1.6 -> F1.7``, ``deleted F1.7``;
  F1.8 onwards keep their numbers and are not listed.
* F1.5 moved to group P2 of another Section, before P2.3: ``moved F1.5 -> P2.3``, ``renumbered F1.6 ->
  F1.5`` ... to the end of F1, and ``renumbered P2.3 -> P2.4`` ... to the end of P2.

``Pair.lines()`` gives the events as ``diff`` prints them (an event a line, its cross-references under it,
indented ten spaces); ``observed(find_events(...))`` turns what ``diff`` reports into the same form.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from legal_text import Clause, ClauseRef, Document, Heading
from legal_text.enumerators import nth_letter, to_roman
from legal_text.events import CrossReference, DiffEvent

from .generate import SECTIONS, VOCAB

XREF_INDENT = " " * 10  # how ``diff`` indents a cross-reference line under its event


@dataclass(frozen=True)
class Edits:
    """What turns OLD into NEW (see the module docstring); run lengths count clauses."""

    insertions: tuple[int, ...] = ()
    deletions: tuple[int, ...] = ()
    cancelling: tuple[int, ...] = ()
    amendments: int = 0
    amendments_in_runs: int = 0
    paragraph_insertions: int = 0
    moves_within: int = 0
    moves_across: int = 0
    per_group: int = 2  # at most this many insertions, deletions or cancelling pairs in one group
    citations: float = 0.3  # the share of provisions that cite another (as ``benchmarks.generate``'s do)

    @classmethod
    def typical(cls, rnd: random.Random) -> Edits:
        """The issue's mix: three insertions and a deletion each renumbering the next 8 to 16 clauses (two
        may share a group), an insertion and a deletion that cancel, seven amendments (three inside
        renumbered runs), a paragraph inserted in a renumbered clause, a move within a Section and one
        across Sections."""
        run = lambda: rnd.randint(8, 16)  # noqa: E731
        return cls(
            insertions=(run(), run(), run()),
            deletions=(run(),),
            cancelling=(run(),),
            amendments=4,
            amendments_in_runs=3,
            paragraph_insertions=1,
            moves_within=1,
            moves_across=1,
        )


@dataclass(frozen=True)
class Expected:
    """One event as ``diff`` prints it (``DiffEvent.line()``) and its cross-reference lines
    (``CrossReference.line()``), in reading order."""

    line: str
    cross_references: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [self.line, *(XREF_INDENT + x for x in self.cross_references)]

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What must be reported: the event and the set of its cross-references (their order aside)."""
        return (self.line, tuple(sorted(self.cross_references)))


@dataclass(frozen=True, repr=False)
class Pair:
    old: list[Document]
    new: list[Document]
    events: list[Expected]
    words: int  # the words of OLD, about
    recipe: str = ""  # the call that makes it again
    edits: Edits = Edits()  # the edits made

    def __repr__(self) -> str:
        return self.recipe or f"Pair({len(self.old)} Sections, {self.words} words, {len(self.events)} events)"

    def _repr_pretty_(self, printer, cycle) -> None:  # how Hypothesis shows a failing example: the call
        printer.text(repr(self))

    def lines(self) -> list[str]:
        """The true events as ``diff`` prints them."""
        return [line for e in self.events for line in e.lines()]


def observed(events: Sequence[DiffEvent]) -> list[Expected]:
    """What ``find_events`` reports, in the form of ``Pair.events``."""
    return [Expected(e.line(), tuple(x.line() for x in e.cross_references)) for e in events]


# --- the provisions while they are generated and edited ----------------------------------------------------


@dataclass(frozen=True)
class _Cite:
    """A cross-reference to the provision ``uid``, written with its number in the version rendered."""

    uid: int


Token = str | _Cite


@dataclass(eq=False)
class _Node:
    uid: int
    kind: str  # "clause", "paragraph" or "table"
    text: list[Token]
    end: str = "."  # the mark after the text: "." ":" ";" "; and" ","
    children: list[_Node] = field(default_factory=list)
    trailing: list[Token] = field(default_factory=list)  # the text after its list ("." after it), or none
    rows: tuple[tuple[str, ...], ...] = ()
    heading: str = ""  # a part heading standing before this clause

    def walk(self) -> Iterator[_Node]:
        yield self
        for c in self.children:
            yield from c.walk()

    def paragraphs(self) -> list[_Node]:
        return [c for c in self.children if c.kind != "table"]


Sections = dict[str, list[list[_Node]]]  # Section letter -> groups -> clauses


class _Gen:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.uid = 0
        self.words = 0

    def next_uid(self) -> int:
        self.uid += 1
        return self.uid

    def words_(self, lo: int, hi: int) -> list[Token]:
        n = self.rnd.randint(lo, hi)
        self.words += n
        return [self.rnd.choice(VOCAB) for _ in range(n)]

    def para(self, end: str, depth: int) -> _Node:
        r = self.rnd
        if depth == 1 and r.random() < 0.2:
            subs = [_Node(self.next_uid(), "paragraph", self.words_(8, 20), ";" if k < 3 else end) for k in (1, 2, 3)]
            return _Node(self.next_uid(), "paragraph", self.words_(6, 15), ":", subs)
        return _Node(self.next_uid(), "paragraph", self.words_(10, 35), end)

    def clause(self, min_paragraphs: int = 0) -> _Node:
        """A clause as ``benchmarks.generate`` makes them: most without paragraphs, some with two to five
        (a fifth with sub-paragraphs), a table now and then, text after the list in a quarter."""
        r = self.rnd
        self.words += 1  # its number
        n_par = max(min_paragraphs, r.choice([0, 0, 0, 2, 3, 4, 5]))
        if not n_par:
            return _Node(self.next_uid(), "clause", self.words_(25, 70), ".")
        children = [
            self.para("; and" if i == n_par - 1 else ("." if i == n_par else ";"), 1) for i in range(1, n_par + 1)
        ]
        node = _Node(self.next_uid(), "clause", self.words_(10, 30), ":", children)
        if r.random() < 0.25:
            node.trailing = self.words_(10, 30)
            last = children[-1].children[-1] if children[-1].children else children[-1]
            last.end = ","
        if r.random() < 0.1:
            rows = tuple(
                (f"Row {k}", " ".join(r.choice(VOCAB) for _ in range(4)), " ".join(r.choice(VOCAB) for _ in range(3)))
                for k in range(1, 5)
            )
            self.words += 4 * 9
            node.children.append(
                _Node(self.next_uid(), "table", [], "", rows=(("Item", "Description", "Notes"), *rows))
            )
        return node


# --- numbering and rendering --------------------------------------------------------------------------------


def _numbers(sections: Sections) -> dict[int, ClauseRef]:
    """Every provision's reference (a table's too) as the version numbers it: by position."""
    refs: dict[int, ClauseRef] = {}

    def number(node: _Node, ref: ClauseRef) -> None:
        refs[node.uid] = ref
        k = 0
        for child in node.children:
            if child.kind == "table":
                refs[child.uid] = ref.child("table1")
                continue
            k += 1
            number(child, ref.child(nth_letter(k) if not ref.path else to_roman(k)))

    for letter, groups in sections.items():
        for g, group in enumerate(groups, 1):
            for c, node in enumerate(group, 1):
                number(node, ClauseRef(letter, str(g), str(c)))
    return refs


def _words(tokens: list[Token], refs: dict[int, ClauseRef]) -> str:
    return " ".join(t if isinstance(t, str) else f"Section {refs[t.uid]}" for t in tokens)


def _clause(node: _Node, refs: dict[int, ClauseRef]) -> Clause:
    ref = refs[node.uid]
    if node.kind == "table":
        return Clause(ref, "", kind="table", rows=node.rows)
    label = ref.number if not ref.path else f"({ref.path[-1]})"
    trailing = _words(node.trailing, refs) + "." if node.trailing else ""
    children = tuple(_clause(c, refs) for c in node.children)
    text = _words(node.text, refs) + node.end
    return Clause(ref, label, text, children, trailing, "clause" if not ref.path else "paragraph")


def _documents(sections: Sections, version: str) -> list[Document]:
    refs = _numbers(sections)
    docs = []
    for letter, groups in sections.items():
        body: list[Heading | Clause] = []
        for g, group in enumerate(groups, 1):
            body.append(Heading(f"Illustrative Group {letter}{g} Heading", kind="group", label=f"{letter}{g}"))
            for node in group:
                if node.heading:
                    body.append(Heading(node.heading))
                body.append(_clause(node, refs))
        docs.append(Document(letter, f"Illustrative Section {letter}", version, tuple(body), f"pair-{letter}"))
    return docs


# --- the pair ------------------------------------------------------------------------------------------------

Op = tuple[str, int]  # ("ins" | "del", the clauses after it); ("out" | "in", which move), ("run", how many clauses)


@dataclass
class _Group:
    """An edited group as planned: its Section, which way its runs are renumbered (1 up, -1 down, 0 none
    yet), the insertions and deletions that cancel (first), then the other units."""

    letter: str
    sign: int
    cancels: list[list[Op]]
    units: list[list[Op]]


def make_pair(words: int = 10_000, seed: int = 1, edits: Edits | None = None, sections: int | None = None) -> Pair:
    """OLD, NEW (Sections of about ``words`` words together; at least as many as the edits need) and the
    events between them.  ``sections``: how many Sections (default: 3 for 10,000 words, 24 for 800,000);
    ``edits``: by default ``Edits.typical``.  ValueError when the runs are too short for the amendments and
    paragraph insertions asked in them."""
    rnd = random.Random(seed)
    recipe = f"make_pair(words={words}, seed={seed}, edits={edits!r}, sections={sections!r})"
    if edits is None:
        edits = Edits.typical(rnd)
    n_sec = sections if sections is not None else min(len(SECTIONS), max(3, round(words / 33_000)))
    if edits.moves_across and n_sec < 2:
        raise ValueError("a move across Sections needs two Sections")
    letters = sorted(rnd.sample(SECTIONS, n_sec))
    gen = _Gen(rnd)

    # 1. The edited groups: each a few clauses left alone, then units (an edit and the run after it).  The
    # runs of a group all go one way (renumbered up, or down) so that no run cancels another; an insertion
    # and a deletion that cancel come first.
    signed = [([("ins", n)], 1) for n in edits.insertions] + [([("del", n)], -1) for n in edits.deletions]
    rnd.shuffle(signed)
    edited: list[_Group] = []
    while signed:
        sign = signed[0][1]
        chunk = [u for u in signed if u[1] == sign][: rnd.randint(1, max(1, edits.per_group))]
        signed = [u for u in signed if all(u is not c for c in chunk)]
        edited.append(_Group(rnd.choice(letters), sign, [], [unit for unit, _ in chunk]))
    for between in edits.cancelling:
        rest = rnd.randint(2, 6)
        unit: list[Op] = [("ins", between), ("del", rest)] if rnd.random() < 0.5 else [("del", between), ("ins", rest)]
        if edited and rnd.random() < 0.5:
            rnd.choice(edited).cancels.append(unit)
        else:
            edited.append(_Group(rnd.choice(letters), 0, [unit], []))
    moves = [(m, True) for m in range(edits.moves_within)]
    moves += [(edits.moves_within + m, False) for m in range(edits.moves_across)]

    def group_for(letter: str, sign: int, not_: _Group | None = None) -> _Group:
        fits = [g for g in edited if g.letter == letter and g.sign != -sign and g is not not_]
        if not fits:
            edited.append(_Group(letter, sign, [], []))
            return edited[-1]
        group = rnd.choice(fits)
        group.sign = sign
        return group

    for m, within in moves:
        source = rnd.choice(letters)
        destination = source if within else rnd.choice([s for s in letters if s != source])
        out = group_for(source, -1)
        out.units.append([("out", m), ("run", rnd.randint(1, 6))])
        group_for(destination, 1, out).units.append([("in", m), ("run", rnd.randint(1, 6))])

    old: Sections = {s: [] for s in letters}
    new: Sections = {s: [] for s in letters}
    moved_nodes: dict[int, _Node] = {}
    moved: set[int] = set()
    deleted: set[int] = set()

    def moved_node(m: int) -> _Node:
        if m not in moved_nodes:
            node = gen.clause()
            moved_nodes[m] = node
            moved.add(node.uid)
        return moved_nodes[m]

    for group_plan in edited:
        letter = group_plan.letter
        rnd.shuffle(group_plan.units)
        group_units = group_plan.cancels + group_plan.units
        before: list[_Node] = []  # the group in OLD
        after: list[_Node] = []  # in NEW
        for _ in range(rnd.randint(2, 5)):
            node = gen.clause()
            before.append(node)
            after.append(node)
        before[0].heading = f"Illustrative Part Heading {letter} {len(old[letter]) + 1}"
        for unit in group_units:
            for op, count in unit:
                if op == "ins":
                    after.append(gen.clause())
                elif op == "del":
                    node = gen.clause()
                    before.append(node)
                    deleted.add(node.uid)
                elif op == "out":
                    before.append(moved_node(count))
                    continue
                elif op == "in":
                    after.append(moved_node(count))
                    continue
                for _ in range(count):  # the run after the edit
                    node = gen.clause()
                    before.append(node)
                    after.append(node)
        old[letter].append(before)
        new[letter].append(after)

    # 2. Groups left alone, up to the words asked for: each to the Section with the fewest words so far.
    def filler(size: int) -> list[_Node]:
        group = [gen.clause() for _ in range(size)]
        for k in range(0, size, 12):
            group[k].heading = f"Illustrative Part Heading {gen.next_uid()}"
        return group

    size_of = {s: sum(len(g) for g in old[s]) for s in letters}
    while gen.words < words or any(not old[s] for s in letters):
        letter = min(letters, key=lambda s: (bool(old[s]), size_of[s]))
        group = filler(rnd.randint(8, 40) if gen.words < words else rnd.randint(3, 8))
        at = rnd.randint(0, len(old[letter]))
        old[letter].insert(at, group)
        new[letter].insert(at, group)
        size_of[letter] += len(group)

    # 3. Which provisions are amended and where paragraphs go in: in the clauses both versions keep.
    old_refs, new_refs = _numbers(old), _numbers(new)
    in_new = set(new_refs)
    kept = [c for s in letters for g in old[s] for c in g if c.uid in in_new and c.uid not in moved]
    rnd.shuffle(kept)
    renumbered = [c for c in kept if old_refs[c.uid] != new_refs[c.uid]]
    still = [c for c in kept if old_refs[c.uid] == new_refs[c.uid]]
    busy: set[int] = set()  # clauses already edited
    amend_targets: list[_Node] = []  # the provisions (clauses or paragraphs) whose own words change
    para_targets: list[_Node] = []

    def take(pool: list[_Node], count: int, ok, out: list[_Node], pick_part: bool) -> None:
        for c in pool:
            if count == 0:
                return
            if c.uid in busy or not ok(c):
                continue
            busy.add(c.uid)
            parts = [p for p in c.walk() if p.kind != "table"]
            out.append(rnd.choice(parts) if pick_part and rnd.random() < 0.5 else c)
            count -= 1
        if count:
            raise ValueError("too few renumbered clauses for the amendments and paragraphs asked in them")

    listed = sum(1 for c in renumbered if len(c.paragraphs()) >= 2)
    unlisted = [c for c in renumbered if len(c.paragraphs()) < 2]
    for c in unlisted[: max(0, edits.paragraph_insertions - listed)]:  # too few with a list: give some one
        made = gen.clause(min_paragraphs=2)
        c.text, c.end, c.children, c.trailing = made.text, made.end, made.children, made.trailing
    take(renumbered, edits.paragraph_insertions, lambda c: len(c.paragraphs()) >= 2, para_targets, False)
    take(renumbered, edits.amendments_in_runs, lambda c: True, amend_targets, True)
    take(still, edits.amendments, lambda c: True, amend_targets, True)
    amended = {p.uid for p in amend_targets}

    # 4. Cross-references, in provisions neither amended nor moved, to provisions not deleted: mostly (70%) to
    # a clause within 15 of it in the same group, as provisions cite their neighbours, some (20%) elsewhere in
    # the Section, a few (10%) in another Section; a quarter of them to a paragraph of that clause.
    whole = [c for s in letters for g in old[s] for c in g]
    alive = [c for c in whole if c.uid not in deleted]
    by_section = {s: [c for g in old[s] for c in g if c.uid not in deleted] for s in letters}
    for letter in letters:
        for group in old[letter]:
            group_alive = [c for c in group if c.uid not in deleted]
            for i, clause in enumerate(group):
                if clause.uid in moved:
                    continue
                for part in clause.walk():
                    if part.kind == "table" or part.uid in amended or rnd.random() >= edits.citations:
                        continue
                    roll = rnd.random()
                    pool = group_alive if roll < 0.7 else by_section[letter] if roll < 0.9 else alive
                    if pool is group_alive:
                        j = rnd.randint(max(0, i - 15), min(len(group) - 1, i + 15))
                        target = group[j]
                        if target.uid in deleted:
                            continue
                    else:
                        target = rnd.choice(pool)
                    if target is clause:
                        continue
                    paras = [p for p in target.walk() if p.kind != "table" and p is not target]
                    if paras and rnd.random() < 0.25:
                        target = rnd.choice(paras)
                    part.text[len(part.text) :] = ["in", "accordance", "with", _Cite(target.uid)]
                    gen.words += 5

    # 5. NEW: its own copy of each clause edited (the groups holding it copied too), amended.
    edited_clauses = {c.uid for c in kept if c.uid in busy}
    new_nodes: dict[int, _Node] = {}
    for letter in letters:
        for k, group in enumerate(new[letter]):
            if any(c.uid in edited_clauses for c in group):
                group = new[letter][k] = [copy.deepcopy(c) if c.uid in edited_clauses else c for c in group]
                new_nodes.update((p.uid, p) for c in group if c.uid in edited_clauses for p in c.walk())
    for target in amend_targets:
        node = new_nodes[target.uid]
        field_ = "trailing" if node.trailing and rnd.random() < 0.3 else "text"
        tokens: list[Token] = getattr(node, field_)
        at = rnd.randrange(len(tokens))
        if rnd.random() < 0.5:
            tokens[at] = rnd.choice([w for w in VOCAB if w != tokens[at]])
        else:
            tokens[at:at] = ["illustrative", "amended", "words"]
    for target in para_targets:
        node = new_nodes[target.uid]
        paras = node.paragraphs()
        at = node.children.index(paras[rnd.randint(0, len(paras) - 2)])
        node.children.insert(at, gen.para(";", 1))

    old_docs, new_docs = _documents(old, "1.0"), _documents(new, "1.1")
    events = _expected(old, new, moved, amended)
    return Pair(old_docs, new_docs, events, gen.words, recipe, edits)


# --- the expected events ------------------------------------------------------------------------------------


def _expected(old: Sections, new: Sections, moved: set[int], amended: set[int]) -> list[Expected]:
    """The events between ``old`` and ``new`` by the rule of the module docstring, in reading order (a
    deleted or moved provision where it was)."""
    old_refs, new_refs = _numbers(old), _numbers(new)
    parent: dict[int, int] = {}
    for secs in (old, new):
        for groups in secs.values():
            for group in groups:
                for c in group:
                    for p in c.walk():
                        for child in p.children:
                            parent[child.uid] = p.uid

    def own_label(ref: ClauseRef) -> str:
        return ref.path[-1] if ref.path else str(ref.clause)

    def renamed(uid: int) -> bool:
        return uid in moved or (
            uid in old_refs and uid in new_refs and own_label(old_refs[uid]) != own_label(new_refs[uid])
        )

    events: dict[int, DiffEvent] = {}
    order: list[int] = []

    def add(uid: int, event: DiffEvent) -> None:
        events[uid] = event
        order.append(uid)

    def kept(node: _Node, section: str) -> None:
        uid = node.uid
        o, n = old_refs[uid], new_refs[uid]
        if renamed(uid):
            add(uid, DiffEvent("renumbered", section, o, n, uid in amended))
        elif uid in amended:
            add(uid, DiffEvent("amended", section, n, n))

    def merge(olds: list[_Node], news: list[_Node], section: str) -> None:
        """Walk one list of provisions (a group, or a clause's paragraphs) in both versions."""
        o_ids, n_ids = {x.uid for x in olds}, {x.uid for x in news}
        i = j = 0
        while i < len(olds) or j < len(news):
            if i < len(olds) and olds[i].uid not in n_ids:
                x = olds[i]
                if x.kind != "table":
                    if x.uid in moved:
                        add(x.uid, DiffEvent("moved", section, old_refs[x.uid], new_refs[x.uid]))
                    else:
                        add(x.uid, DiffEvent("deleted", section, old_refs[x.uid], None))
                i += 1
            elif j < len(news) and news[j].uid not in o_ids:
                y = news[j]
                if y.kind != "table" and y.uid not in moved:
                    add(y.uid, DiffEvent("inserted", section, None, new_refs[y.uid]))
                j += 1
            else:
                x, y = olds[i], news[j]
                assert x.uid == y.uid, "the provisions both versions keep stay in order"
                if x.kind != "table":
                    kept(y, section)
                    merge(x.children, y.children, section)
                i += 1
                j += 1

    for letter in old:
        for o_group, n_group in zip(old[letter], new[letter], strict=True):
            merge(o_group, n_group, letter)

    # Cross-references: in provisions both versions keep (and that are not moved), to a provision whose
    # number changed; under the nearest renamed provision holding the cited one.
    caused: dict[int, list[str]] = {}
    inside_moved = {p.uid for s in old.values() for g in s for c in g if c.uid in moved for p in c.walk()}
    for groups in new.values():
        for group in groups:
            for clause in group:
                for part in clause.walk():
                    if part.uid not in old_refs or part.uid in inside_moved:
                        continue
                    for token in (*part.text, *part.trailing):
                        if not isinstance(token, _Cite):
                            continue
                        before, after = str(old_refs[token.uid]), str(new_refs[token.uid])
                        if before == after:
                            continue
                        cause = token.uid
                        while not renamed(cause):
                            cause = parent[cause]
                        assert cause in events, "a renamed provision has an event"
                        line = CrossReference(new_refs[part.uid], before, after).line()
                        caused.setdefault(cause, []).append(line)
    out = []
    for uid in order:
        e = events[uid]
        out.append(Expected(e.line(), tuple(caused.get(uid, ()))))
    return out
