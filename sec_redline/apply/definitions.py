"""Operations on definitions: define a term (in alphabetical order, as its Section writes them) or
remove one.  Definitions live in the clause that holds the code's ``"Term" means ...`` lines."""

from __future__ import annotations

import dataclasses
import difflib

from legal_text import error
from legal_text.tree_edit import Node, WorkingDocument

from ..changes import AmendDefinition, RemoveDefinition
from .state import State
from .structure import read_new_provision


def _definitions_home(state: State, op: AmendDefinition | RemoveDefinition) -> tuple[WorkingDocument, Node] | None:
    """The clause holding the definitions, in the first document that has one."""
    for i, doc in enumerate(state.docs):
        if i not in state.working and not doc.definitions():
            continue
        wd = state.work(i)
        for node in wd.nodes():
            if any(c.kind == "definition" for c in node.children):
                return wd, node
    state.problems.append(
        error(
            "the base text has no definitions to add to (give Section A, whose clause "
            "holds '\"Term\" means ...' lines)",
            op.where,
            op.target,
        )
    )
    return None


def amend_definition(state: State, op: AmendDefinition) -> None:
    """Define a term, or give its definition new words: quoted or not as the Section's other definitions."""
    home = _definitions_home(state, op)
    if home is None:
        return
    wd, container = home
    ref = container.ref.term(op.term)
    if not state.free(op, ref, structural=True):
        return
    clause = read_new_provision(state, op, ref, op.text)
    if clause is None:
        return
    existing = wd.find(ref)
    defs = [c for c in container.children if c.kind == "definition"]
    quoted = existing.label.startswith('"') if existing is not None else any(c.label[:1] == '"' for c in defs)
    if not quoted:  # as the Section writes its definitions: "Term" means ..., or Term means ...
        clause = dataclasses.replace(clause, label=op.term)
    if existing is not None:
        state.ledger.replaced(existing, wd.replace(existing, clause), state.maker(op))
    else:
        key = op.term.casefold()
        after = [c for c in defs if c.label.strip('"').casefold() > key]
        index = container.children.index(after[0]) if after else container.children.index(defs[-1]) + 1
        state.ledger.made_whole(wd.insert(clause, container, index), state.maker(op))
    state.claimed(op, ref, structural=True)


def remove_definition(state: State, op: RemoveDefinition) -> None:
    """Remove a term's definition."""
    home = _definitions_home(state, op)
    if home is None:
        return
    wd, container = home
    node = wd.find(container.ref.term(op.term))
    if node is None:
        terms = [c.label.strip('"') for c in container.children if c.kind == "definition"]
        close = difflib.get_close_matches(op.term, terms, n=1)
        state.problems.append(error(f"not defined{f'; nearest: {close[0]!r}' if close else ''}", op.where, op.target))
        return
    if state.free(op, node.ref, structural=True):
        state.ledger.made_whole(node, state.maker(op))
        wd.remove(node)
        state.claimed(op, node.ref, structural=True)
