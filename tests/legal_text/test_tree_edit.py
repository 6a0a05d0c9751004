"""Editing a working copy: the index follows every insert, removal and renumbering; identities are stable;
cross-references are rewritten after a renumbering."""

from legal_text import Clause, ClauseRef, WorkingDocument, read_text, rebase, rename_references
from legal_text.tree_edit import rebase_detached
from tests.support import BASE

R = ClauseRef.parse


def _wd() -> WorkingDocument:
    return WorkingDocument(read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value)


def test_freeze_of_an_untouched_copy_is_the_document():
    wd = _wd()
    assert wd.freeze() == wd.original


def test_rebase_in_place_keeps_identities_and_reindexes():
    wd = _wd()
    node = wd.find(R("G3.20"))
    uids = [n.uid for n in node.walk()]
    wd.rebase(node, R("G3.20A"))
    assert wd.find(R("G3.20")) is None and wd.find(R("G3.20A(b)")) is node.children[1]
    assert [n.uid for n in node.walk()] == uids
    assert [n.label for n in node.walk()] == ["G3.20A", "(a)", "(b)"]


def test_remove_and_attach_keep_the_node():
    wd = _wd()
    node = wd.find(R("G3.18"))
    at = wd.remove(node)
    assert wd.find(R("G3.18(a)")) is None
    rebase_detached(node, R("G3.21A"))
    wd.attach(node, None, len(wd.body))
    assert wd.find(R("G3.21A(c)")) is node.children[2]
    assert at == 2  # after the part heading and G3.17
    assert [str(c.ref) for c in wd.freeze().body if isinstance(c, Clause)][-1] == "G3.21A"


def test_replace_gives_a_new_identity():
    wd = _wd()
    old = wd.find(R("G3.19"))
    new = wd.replace(old, old.freeze().with_changes(text="[Not used]"))
    assert new.uid != old.uid and wd.find(R("G3.19")) is new


def test_rebase_of_a_frozen_clause():
    clause = _wd().original.find(R("G3.20"))
    moved = rebase(clause, R("G3.22"))
    assert [str(c.ref) for c in moved.walk()] == ["G3.22", "G3.22(a)", "G3.22(b)"]


def test_rename_references_keeps_paragraph_paths():
    mapping = {R("G3.18"): R("G3.18A")}
    text = "in accordance with Section G3.18(a), not G3.180 nor G3.18A"
    assert rename_references(text, mapping) == "in accordance with Section G3.18A(a), not G3.180 nor G3.18A"
    assert rename_references(text, {}) == text
