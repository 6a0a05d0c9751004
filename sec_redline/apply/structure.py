"""Operations on the structure of a document: provisions added, removed, renumbered and moved (their
cross-references following, everywhere in the code), and part or group headings added and removed."""

from __future__ import annotations

import re

from legal_text import Clause, ClauseRef, Heading, warning
from legal_text.inline import find_xrefs
from legal_text.profiles import PROFILES
from legal_text.provision import read_provision
from legal_text.text_reader import heading_from_text
from legal_text.tree_edit import Node, WorkingDocument, rebase_detached, rename_references

from ..changes import AddHeading, DeleteClause, InsertClause, MoveClause, Operation, RemoveHeading, Renumber
from .state import FIELDS, Region, State


def read_new_provision(state: State, op: Operation, ref: ClauseRef, text: str) -> Clause | None:
    """The provision ``text`` writes, numbered ``ref``; None (with problems) when it cannot be read."""
    result = read_provision(text, ref, str(op.where))
    errors = [m for m in result.messages if m.level == "error"]
    for m in errors:
        state.problem(op, m.text)
    for m in result.messages:
        if m.level == "warning":
            state.messages.append(warning(m.text, op.where, ref))
    return None if errors else result.value


def _siblings_ok(state: State, op: Operation, ref: ClauseRef, anchor: ClauseRef) -> bool:
    if ref.parent() != anchor.parent() or (not ref.path and ref.section != anchor.section):
        state.problem(
            op,
            f"{anchor} is not at the same level as {ref}; name a neighbour such as {ref.parent() or ref.section}...",
        )
        return False
    return True


def _place(
    state: State, op: Operation, wd: WorkingDocument, ref: ClauseRef, position: str, anchor: ClauseRef | None
) -> tuple[Node | None, int] | None:
    """(parent node or None, index) for a provision ``ref`` going after/before ``anchor`` or at the end."""
    parent = wd.parent_of(ref)
    if ref.path and parent is None:
        state.problem(op, f"no provision {ref.parent()} to hold it")
        return None
    if anchor is None:
        container = parent.children if parent is not None else wd.body
        return parent, len(container)
    anchor_node = wd.find(anchor)
    if anchor_node is None:
        state.problem(op, f"{anchor}: no such clause to go {position}{state.nearest(anchor)}")
        return None
    if not _siblings_ok(state, op, ref, anchor):
        return None
    index = wd.siblings(anchor_node).index(anchor_node)
    return parent, index + (1 if position == "after" else 0)


def insert_clause(state: State, op: InsertClause) -> None:
    """Add a new provision beside another or at the end of its parent."""
    i = state.doc_index(op.target)
    if i is None:
        state.problem(op, f"the base text has no {op.target.document_name}")
        return
    wd = state.work(i)
    if wd.find(op.target) is not None:
        state.problem(op, "already exists; use 'renumber:' first, or choose another reference")
        return
    if not state.free(op, op.target, structural=True):
        return
    place = _place(state, op, wd, op.target, op.position, op.anchor)
    clause = read_new_provision(state, op, op.target, op.text)
    if place is None or clause is None:
        return
    state.ledger.made_whole(wd.insert(clause, place[0], place[1]), state.maker(op))
    state.claimed(op, op.target, structural=True)


def _own_change_inside(state: State, node: Node) -> Region | None:
    """A change this change set made to the words of ``node`` or a provision inside it."""
    for n in node.walk():
        for fld in FIELDS:
            mine = [r for r in state.regions.get((n.uid, fld), []) if r.modification == state.modification]
            if mine:
                return mine[-1]
    return None


def delete_clause(state: State, op: DeleteClause) -> None:
    """Remove a provision, or keep its number with other words ("[Not used]")."""
    found = state.claim(op, op.target, structural=True)
    if found is None:
        return
    wd, node = found
    changed = _own_change_inside(state, node)
    if changed is not None:
        state.problem(op, f"overlaps the change at {changed.where}, which changed words that this removes")
        return
    if op.leave:
        kept = wd.replace(node, node.freeze().with_changes(text=op.leave, children=(), trailing=""))
        state.ledger.replaced(node, kept, state.maker(op))
    else:
        state.ledger.made_whole(node, state.maker(op))
        wd.remove(node)
    state.claimed(op, op.target, structural=True)
    state.removed.append((op.target, op))


def _rename(state: State, op: Renumber | MoveClause, mapping: dict[ClauseRef, ClauseRef]) -> None:
    """Rewrite every cross-reference to a renamed provision, in every document of the code."""
    maker = state.maker(op)
    needles = re.compile("|".join(re.escape(m.with_path(()).cited) for m in mapping))
    for i in range(len(state.docs)):
        if i not in state.working and not needles.search(state.blob(i)):
            continue
        for node in state.work(i).nodes():
            for fld in FIELDS:
                old = getattr(node, fld)
                if old and needles.search(old):
                    state.ledger.edit(node, fld, rename_references(old, mapping, node.ref), maker)


def renumber(state: State, op: Renumber) -> None:
    """Give a provision (and everything in it) another number at the same level; references follow."""
    found = state.claim(op, op.target, structural=True)
    if found is None:
        return
    wd, node = found
    if wd.find(op.to) is not None:
        state.problem(op, f"cannot renumber to {op.to}: it already exists")
        return
    if op.to.parent() != op.target.parent() or op.to.document != op.target.document:
        state.problem(op, f"{op.to} is not at the same level; to move it elsewhere use 'move:' with 'to:'")
        return
    wd.rebase(node, op.to)
    state.ledger.renumbered(node, state.maker(op))
    _rename(state, op, {op.target: op.to})
    state.claimed(op, op.target, structural=True)
    state.claimed(op, op.to, structural=True)


def move_clause(state: State, op: MoveClause) -> None:
    """Move a provision beside another (``to:`` renumbering it on the way; references follow)."""
    found = state.claim(op, op.target, structural=True)
    if found is None:
        return
    wd, node = found
    new_ref = op.to or op.target
    if op.anchor.is_within(op.target):
        state.problem(op, f"cannot move {op.target} {op.position} {op.anchor}, which is inside it")
        return
    if op.to and op.to != op.target and wd.find(op.to) is not None:
        state.problem(op, f"cannot move to {op.to}: it already exists")
        return
    if new_ref.parent() != op.anchor.parent() and not op.to:
        state.problem(op, f"{op.anchor} is in another provision; moving there changes the number, so add 'to:'")
        return
    parent = node.parent
    was_at = wd.remove(node)
    place = _place(state, op, wd, new_ref, op.position, op.anchor)
    if place is None:
        wd.attach(node, parent, was_at)  # keep the working copy whole; the run fails anyway
        return
    if new_ref != op.target:
        rebase_detached(node, new_ref)
    wd.attach(node, place[0], place[1])
    state.ledger.moved(node, state.maker(op))
    if new_ref != op.target:
        _rename(state, op, {op.target: new_ref})
    state.claimed(op, op.target, structural=True)


def _top_clause(state: State, op: AddHeading | RemoveHeading) -> tuple[WorkingDocument, Node] | None:
    """The clause (not a paragraph) that a heading operation's ``before:`` names."""
    if op.target.path:
        state.problem(op, f"a heading stands before a clause, not before the paragraph {op.target}")
        return None
    found = state.claim(op, op.target, structural=True)
    if found is None:
        return None
    wd, node = found
    if node.parent is not None or node not in wd.body:
        state.problem(op, f"{op.target} is inside another provision; a heading stands before a clause")
        return None
    return wd, node


def _words(h: Heading) -> str:
    return f"{h.label} {h.text}".strip()


def add_heading(state: State, op: AddHeading) -> None:
    """Insert a part or group heading before a clause."""
    found = _top_clause(state, op)
    if found is None:
        return
    wd, node = found
    heading = heading_from_text(op.words, PROFILES[wd.original.profile])
    wd.body.insert(wd.body.index(node), heading)
    state.ledger.heading(heading, state.maker(op))
    state.claimed(op, op.target, structural=True)


def remove_heading(state: State, op: RemoveHeading) -> None:
    """Remove the heading with these words among those standing before a clause."""
    found = _top_clause(state, op)
    if found is None:
        return
    wd, node = found
    at = wd.body.index(node)
    above: list[Heading] = []
    k = at - 1
    while k >= 0 and isinstance(item := wd.body[k], Heading):
        above.append(item)
        k -= 1
    wanted = " ".join(op.words.split())
    match = next((h for h in above if _words(h) == wanted), None)
    if match is None:
        there = "; ".join(repr(_words(h)) for h in reversed(above)) or "none"
        state.problem(op, f"no heading {wanted!r} stands before {op.target} (the headings there: {there})")
        return
    wd.body.remove(match)
    state.ledger.heading(match, state.maker(op))
    state.claimed(op, op.target, structural=True)


def warn_dangling(state: State) -> None:
    """After the run: a warning for each reference left pointing at a removed provision."""
    by_number: dict[str, list[tuple[ClauseRef, DeleteClause]]] = {}
    for ref, op in state.removed:
        by_number.setdefault(ref.number, []).append((ref, op))
    if not by_number:
        return
    mentioned = re.compile("|".join(re.escape(ref.with_path(()).cited) for ref, _op in state.removed))
    for i, doc in enumerate(state.docs):
        if i not in state.working and not mentioned.search(state.blob(i)):
            continue
        nodes = state.nodes_of(i)
        provisions: list[Node] | list[Clause] = nodes if nodes is not None else list(doc.clauses())
        for node in provisions:
            words = f"{node.text} {node.trailing}"
            if not mentioned.search(words):
                continue
            for _start, _end, named in find_xrefs(words, node.ref):
                for r in named:
                    for removed, op in by_number.get(r.number, ()):
                        if not r.is_within(removed) or node.ref.is_within(removed):
                            continue
                        if op.leave is not None or state.find(removed)[1] is None:
                            state.messages.append(
                                warning(f"{node.ref} still refers to {r}, which {op.where} removes", op.where)
                            )
