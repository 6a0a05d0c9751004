"""Editing clause trees: a mutable working copy, thawed once and frozen once.

The frozen ``Document`` is never changed: ``WorkingDocument.thaw(doc)`` copies
it into mutable nodes with a reference index, edits happen there, and
``freeze()`` gives a new ``Document``.  Also here: re-basing a provision onto
a new reference, and rewriting cross-references after a renumbering.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .clause_ref import ClauseRef
from .inline import APPENDIX_NUMBER, PARAGRAPH_XREF_RE, paragraph_xref_code
from .messages import Location
from .model import Clause, ClauseKind, Document, Heading


class _Counter:
    """The provisions' identities, handed out one after another (``last``: the latest handed out)."""

    def __init__(self) -> None:
        self.last = 0

    def __call__(self) -> int:
        self.last += 1
        return self.last


_UIDS = _Counter()


@dataclass(eq=False)
class Node:
    """A mutable clause while a document is being edited.

    ``uid`` is the provision's identity for the whole edit: it never changes
    when the provision is renumbered or moved (both happen in place), and it
    is never reused, so state kept per provision cannot leak to another.
    """

    ref: ClauseRef
    label: str
    kind: ClauseKind
    text: str
    trailing: str
    rows: tuple[tuple[str, ...], ...]
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    uid: int = field(default_factory=_UIDS)
    where: Location | None = None  # where the provision was read from (None for one a change set added)
    notes: tuple[tuple[str, str], ...] = ()  # its footnotes, kept with it (``Clause.notes``)

    @classmethod
    def thaw(cls, clause: Clause, parent: Node | None = None) -> Node:
        """A mutable copy of ``clause`` (and its paragraphs), each node with a new identity."""
        node = cls(
            clause.ref,
            clause.label,
            clause.kind,
            clause.text,
            clause.trailing,
            clause.rows,
            [],
            parent,
            where=clause.where,
            notes=clause.notes,
        )
        node.children = [cls.thaw(c, node) for c in clause.children]
        return node

    def freeze(self) -> Clause:
        return Clause(
            self.ref,
            self.label,
            self.text,
            tuple(c.freeze() for c in self.children),
            self.trailing,
            self.kind,
            self.rows,
            self.where,
            notes=self.notes,
        )

    def walk(self) -> Iterator[Node]:
        """This node and every node inside it, in document order."""
        yield self
        for c in self.children:
            yield from c.walk()


def _child_ref(parent: ClauseRef, old_child: ClauseRef) -> ClauseRef:
    """Where a paragraph of a provision now at ``parent`` goes: its own last step kept."""
    last = old_child.path[-1] if old_child.path else (old_child.clause or "")
    if last.startswith('"'):
        return parent.with_path((*parent.path, last))
    return parent.child(last)


def label_for(ref: ClauseRef, kind: ClauseKind) -> str:
    """The label a provision with reference ``ref`` shows: ``G3.20``, ``(b)``, ``"Term"``."""
    if not ref.path:
        return ref.shown
    last = ref.path[-1]
    return last if last.startswith('"') else f"({last})"


def rebase(clause: Clause, ref: ClauseRef) -> Clause:
    """``clause`` moved to reference ``ref``: its label and every descendant's reference follow."""
    children = tuple(rebase(child, _child_ref(ref, child.ref)) for child in clause.children)
    label = clause.label if clause.kind in ("table", "note") else label_for(ref, clause.kind)
    return Clause(ref, label, clause.text, children, clause.trailing, clause.kind, clause.rows)


def rebase_detached(node: Node, ref: ClauseRef) -> None:
    """Give a node that is not in any tree (see ``WorkingDocument.remove``) the reference ``ref``."""
    _rebase_node(node, ref)


def _rebase_node(node: Node, ref: ClauseRef) -> None:
    for child in node.children:
        _rebase_node(child, _child_ref(ref, child.ref))
    node.ref = ref
    if node.kind not in ("table", "note"):
        node.label = label_for(ref, node.kind)


class WorkingDocument:
    """A document being edited: mutable nodes and an index by reference."""

    def __init__(self, doc: Document):
        self.original = doc
        before = _UIDS.last
        self.body: list[Node | Heading] = [Node.thaw(i) if isinstance(i, Clause) else i for i in doc.body]
        # The identities of the document's own provisions: one each, in the order ``doc.clauses()`` gives.
        self.base_uids = range(before + 1, _UIDS.last + 1)
        self.index: dict[ClauseRef, Node] = {}
        self.duplicates: dict[ClauseRef, list[Node]] = {}  # references several provisions carry
        for item in self.body:
            if isinstance(item, Node):
                self._add_index(item)

    def _add_index(self, node: Node) -> None:
        for n in node.walk():
            if n.ref in self.index and self.index[n.ref] is not n and n.kind not in ("table", "note"):
                self.duplicates.setdefault(n.ref, [self.index[n.ref]]).append(n)
            self.index[n.ref] = n

    def _drop_index(self, node: Node) -> None:
        for n in node.walk():
            same = self.duplicates.get(n.ref)
            if same is None:
                self.index.pop(n.ref, None)
                continue
            same.remove(n)
            self.index[n.ref] = same[-1]  # one of those left still carries the reference
            if len(same) == 1:
                del self.duplicates[n.ref]

    def ambiguous(self, ref: ClauseRef) -> list[Node]:
        """The provisions that all carry ``ref`` (empty when at most one does)."""
        return list(self.duplicates.get(ref, ()))

    def find(self, ref: ClauseRef) -> Node | None:
        return self.index.get(ref)

    def siblings(self, node: Node) -> list[Node] | list[Node | Heading]:
        """The list ``node`` sits in: its parent's children, or the document body."""
        return node.parent.children if node.parent is not None else self.body

    def parent_of(self, ref: ClauseRef) -> Node | None:
        """The node that would hold a provision with reference ``ref`` (None: the body)."""
        parent = ref.parent()
        return self.index.get(parent) if ref.path and parent is not None else None

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
        """Put ``clause`` where ``node`` was; the new provision has a new identity."""
        parent = node.parent
        position = self.remove(node)
        return self.insert(clause, parent, position)

    def attach(self, node: Node, parent: Node | None, position: int) -> None:
        """Put a detached ``node`` (from ``remove``) back into the tree, keeping its identity."""
        node.parent = parent
        container = parent.children if parent is not None else self.body
        container.insert(position, node)
        self._add_index(node)

    def rebase(self, node: Node, ref: ClauseRef) -> None:
        """Give ``node`` (in the tree) the reference ``ref`` in place; its paragraphs follow and keep their
        identities."""
        self._drop_index(node)
        _rebase_node(node, ref)
        self._add_index(node)

    def nodes(self) -> Iterator[Node]:
        for item in self.body:
            if isinstance(item, Node):
                yield from item.walk()

    def freeze(self) -> Document:
        body = tuple(i.freeze() if isinstance(i, Node) else i for i in self.body)
        return dataclasses.replace(self.original, body=body, where=None)


_ABS = re.compile(
    r"(?<![A-Za-z0-9.])(?P<ref>[A-Z]{1,2}\d+(?:\.\d+[A-Z]{0,2})?(?:\([A-Za-z0-9]{1,6}\))*)(?![A-Za-z0-9])"
)


def _renamed(written: str, mapping: dict[ClauseRef, ClauseRef]) -> tuple[str, ClauseRef] | None:
    """The new form of one written reference and the renamed provision it is in, or None if it is not renamed."""
    try:
        ref = ClauseRef.parse(written)
    except ValueError:
        return None
    hit = _renamed_in(ref, mapping)
    return (str(hit[0]), hit[1]) if hit is not None else None


_APPENDIX_NUMBER = re.compile(APPENDIX_NUMBER)


def _renamed_in(ref: ClauseRef, mapping: dict[ClauseRef, ClauseRef]) -> tuple[ClauseRef, ClauseRef] | None:
    """The new reference of ``ref`` and the renamed provision it is in, or None if it is in none."""
    node: ClauseRef | None = ref
    while node is not None:
        if node in mapping:
            new = mapping[node]
            return new.with_path(new.path + ref.path[len(node.path) :]), node
        node = node.parent()
    return None


def _edits(
    text: str, mapping: dict[ClauseRef, ClauseRef], here: ClauseRef | None
) -> list[tuple[int, int, str, str, ClauseRef]]:
    """Each written reference in ``text`` (the words of provision ``here``) to a renamed provision: (start, end,
    as written, as rewritten, the renamed provision it falls in), in reading order.  Section references are
    written whole ("G3.20(b)"); an Appendix's paragraphs by their numbers ("paragraph 2.1(b)": the number and
    path are rewritten, "2.2(b)")."""
    out = []
    for m in _ABS.finditer(text):
        found = _renamed(m.group("ref"), mapping)
        if found and found[0] != m.group("ref"):
            out.append((m.start("ref"), m.end("ref"), m.group("ref"), found[0], found[1]))
    if any(k.profile == "appendix" for k in mapping):
        for m in PARAGRAPH_XREF_RE.finditer(text):
            code = paragraph_xref_code(m, here)
            if code is None:
                continue
            for n in _APPENDIX_NUMBER.finditer(m.group(0)):
                written = n.group(0)
                hit = _renamed_in(ClauseRef.parse(f"Appendix {code} {written}"), mapping)
                if hit is None:
                    continue
                new, cause = hit
                rewritten = new.cited
                if rewritten != written:
                    out.append((m.start() + n.start(), m.start() + n.end(), written, rewritten, cause))
        out.sort(key=lambda e: e[0])
    return out


def rename_references(text: str, mapping: dict[ClauseRef, ClauseRef], here: ClauseRef | None = None) -> str:
    """``text`` (the words of provision ``here``) with every written reference to a renamed provision (or
    inside one) rewritten.

    ``mapping`` maps old references to new ones; ``G3.20(b)`` is rewritten
    when ``G3.20`` is renamed, keeping its paragraph path; in Appendix AD's
    words "paragraph 2.1(b)" becomes "paragraph 2.2(b)" when AD 2.1 is
    renumbered AD 2.2 (and so does "paragraph 2.1(b) of Appendix AD" in any
    document).
    """
    if not mapping:
        return text
    out, pos = [], 0
    for start, end, _written, rewritten, _cause in _edits(text, mapping, here):
        out += [text[pos:start], rewritten]
        pos = end
    return "".join(out) + text[pos:] if out else text


def reference_edits(
    text: str, mapping: dict[ClauseRef, ClauseRef], here: ClauseRef | None = None
) -> list[tuple[int, int, str]]:
    """Where ``rename_references`` rewrites ``text``: (start, end, the reference as rewritten), in order."""
    return [(start, end, new) for start, end, _written, new, _cause in _edits(text, mapping, here)] if mapping else []


def renamed_references(
    text: str, mapping: dict[ClauseRef, ClauseRef], here: ClauseRef | None = None
) -> list[tuple[str, str, ClauseRef]]:
    """Each written reference in ``text`` that ``rename_references`` rewrites: (as written, as rewritten, the
    renamed provision it falls in)."""
    return [(written, new, cause) for _s, _e, written, new, cause in _edits(text, mapping, here)] if mapping else []
