"""Editing clause trees: a mutable working copy, thawed once and frozen once.

The frozen ``Document`` is never changed: ``WorkingDocument.thaw(doc)`` copies
it into mutable nodes with a reference index, edits happen there, and
``freeze()`` gives a new ``Document``.  Also here: re-basing a provision onto
a new reference, and rewriting cross-references after a renumbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .clause_ref import ClauseRef
from .model import Clause, Document


@dataclass(eq=False)
class Node:
    """A mutable clause while a document is being edited."""

    ref: ClauseRef
    label: str
    kind: str
    text: str
    trailing: str
    rows: tuple[tuple[str, ...], ...]
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None

    @classmethod
    def thaw(cls, clause: Clause, parent: "Node | None" = None) -> "Node":
        node = cls(clause.ref, clause.label, clause.kind, clause.text, clause.trailing, clause.rows, [], parent)
        node.children = [cls.thaw(c, node) for c in clause.children]
        return node

    def freeze(self) -> Clause:
        return Clause(self.ref, self.label, self.text, tuple(c.freeze() for c in self.children),
                      self.trailing, self.kind, self.rows)

    def walk(self) -> Iterator["Node"]:
        yield self
        for c in self.children:
            yield from c.walk()


def label_for(ref: ClauseRef, kind: str) -> str:
    """The label a provision with reference ``ref`` shows: ``G3.20``, ``(b)``, ``"Term"``."""
    if not ref.path:
        return ref.number
    last = ref.path[-1]
    return last if last.startswith('"') else f"({last})"


def rebase(clause: Clause, ref: ClauseRef) -> Clause:
    """``clause`` moved to reference ``ref``: its label and every descendant's reference follow."""
    children = []
    for child in clause.children:
        last = child.ref.path[-1] if child.ref.path else child.ref.clause
        children.append(rebase(child, ref.child(last) if not last.startswith('"') else
                               ClauseRef(ref.section, ref.group, ref.clause, ref.path + (last,))))
    label = clause.label if clause.kind in ("table", "note") else label_for(ref, clause.kind)
    return Clause(ref, label, clause.text, tuple(children), clause.trailing, clause.kind, clause.rows)


class WorkingDocument:
    """A document being edited: mutable nodes and an index by reference."""

    def __init__(self, doc: Document):
        self.original = doc
        self.body: list = [Node.thaw(i) if isinstance(i, Clause) else i for i in doc.body]
        self.index: dict[ClauseRef, Node] = {}
        for item in self.body:
            if isinstance(item, Node):
                self._add_index(item)

    def _add_index(self, node: Node) -> None:
        for n in node.walk():
            self.index[n.ref] = n

    def _drop_index(self, node: Node) -> None:
        for n in node.walk():
            self.index.pop(n.ref, None)

    def find(self, ref: ClauseRef) -> Node | None:
        return self.index.get(ref)

    def siblings(self, node: Node) -> list:
        """The list ``node`` sits in: its parent's children, or the document body."""
        return node.parent.children if node.parent is not None else self.body

    def parent_of(self, ref: ClauseRef) -> Node | None:
        """The node that would hold a provision with reference ``ref`` (None: the body)."""
        if not ref.path:
            return None
        return self.index.get(ref.parent())

    def insert(self, clause: Clause, parent: Node | None, position: int) -> Node:
        node = Node.thaw(clause, parent)
        container = parent.children if parent is not None else self.body
        container.insert(position, node)
        self._add_index(node)
        return node

    def remove(self, node: Node) -> int:
        """Take ``node`` out; returns where it was in its list."""
        container = self.siblings(node)
        position = container.index(node)
        del container[position]
        self._drop_index(node)
        return position

    def replace(self, node: Node, clause: Clause) -> Node:
        parent = node.parent
        position = self.remove(node)
        return self.insert(clause, parent, position)

    def nodes(self) -> Iterator[Node]:
        for item in self.body:
            if isinstance(item, Node):
                yield from item.walk()

    def freeze(self) -> Document:
        body = tuple(i.freeze() if isinstance(i, Node) else i for i in self.body)
        return Document(self.original.section, self.original.title, self.original.version, body, self.original.source)


_ABS = re.compile(r"(?<![A-Za-z0-9.])(?P<ref>[A-Z]{1,2}\d+(?:\.\d+[A-Z]{0,2})?(?:\([A-Za-z0-9]{1,6}\))*)(?![A-Za-z0-9])")


def rename_references(text: str, mapping: dict[ClauseRef, ClauseRef]) -> str:
    """``text`` with every written reference to a renamed provision (or inside one) rewritten.

    ``mapping`` maps old references to new ones; ``G3.20(b)`` is rewritten
    when ``G3.20`` is renamed, keeping its paragraph path.
    """
    if not mapping:
        return text

    def swap(m: re.Match) -> str:
        try:
            ref = ClauseRef.parse(m.group("ref"))
        except ValueError:
            return m.group(0)
        node: ClauseRef | None = ref
        while node is not None:
            if node in mapping:
                new = mapping[node]
                suffix = ref.path[len(node.path):]
                return str(ClauseRef(new.section, new.group, new.clause, new.path + suffix))
            node = node.parent()
        return m.group(0)

    return _ABS.sub(swap, text)

