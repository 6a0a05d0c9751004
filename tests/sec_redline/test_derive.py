"""Round trip: the change set derived from a diff, written as YAML and read back, reproduces the new text."""

import datetime

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from legal_text import Clause, ClauseRef, read_text, render_text
from legal_text.enumerators import nth_letter
from legal_text.tree_edit import WorkingDocument, rebase
from sec_redline.apply import apply_changeset
from sec_redline.changes import dump_changeset, load_changeset_text
from sec_redline.derive import derive_changeset
from tests.strategies import clause_trees, words
from tests.support import FIXTURES

DEFINITIONS_TEXT = (FIXTURES / "section-A-illustrative.txt").read_text(encoding="utf-8")


def round_trip(old, new):
    cs = derive_changeset(old, new, "MP999", "Illustrative", "SECAS", datetime.date(2026, 11, 25), "1.0")
    again = load_changeset_text(dump_changeset(cs), "derived.yaml")
    assert again.changes == tuple(
        op.__class__(**{**op.__dict__, "where": again.changes[i].where}) for i, op in enumerate(cs.changes)
    )
    return apply_changeset(old, again).value, cs


@st.composite
def edited(draw):
    doc = draw(clause_trees())
    wd = WorkingDocument(doc)
    for _ in range(draw(st.integers(1, 4))):
        nodes = [n for n in wd.nodes() if n.kind != "table"]
        if not nodes:
            break
        action = draw(st.sampled_from(["words", "words", "add", "add-paragraph", "remove", "renumber"]))
        node = draw(st.sampled_from(nodes))
        if action == "words":
            new = draw(words)
            node.text = new + (":" if node.children else "")
        elif action == "add":
            tops = [n for n in wd.body if hasattr(n, "ref")]
            anchor = draw(st.sampled_from(tops))
            ref = ClauseRef(anchor.ref.section, anchor.ref.group, f"{40 + len(wd.body)}")
            if wd.find(ref) is None:
                wd.insert(Clause(ref, ref.number, draw(words)), None, wd.body.index(anchor) + 1)
        elif action == "add-paragraph" and not node.ref.path:
            taken = {c.label for c in node.children}
            letter = next(
                nth_letter(k)
                for k in range(1, 30)
                if f"({nth_letter(k)})" not in taken and all(f"({nth_letter(j)})" not in taken for j in range(k, 30))
            )
            if not node.children:
                node.text = node.text.rstrip(":") + ":"
            wd.insert(
                Clause(node.ref.child(letter), f"({letter})", draw(words), kind="paragraph"), node, len(node.children)
            )
        elif action == "remove":
            wd.remove(node)
            parent = node.parent
            if parent is not None and not parent.children:
                parent.text = parent.text.rstrip(":")
                parent.trailing = ""
        elif action == "renumber" and not node.ref.path:
            to = ClauseRef(node.ref.section, node.ref.group, f"{70 + len(wd.body)}")
            if wd.find(to) is None:
                wd.replace(node, rebase(node.freeze(), to))
    new = wd.freeze()
    # keep only trees the text form can express (a list's chapeau ends with ':')
    return doc, read_text(render_text(new), "gen").value


@settings(max_examples=150, deadline=None)
@given(edited())
def test_derived_changeset_reproduces_the_new_text(pair):
    old, new = pair
    assume(old.body != new.body)
    applied, cs = round_trip(old, new)
    for op in cs.changes:
        event(type(op).__name__)
    assert applied.body == new.body


def test_definitions_round_trip():
    old = read_text(DEFINITIONS_TEXT, "a.txt").value
    edited_text = DEFINITIONS_TEXT.replace(
        '    "Responsible Supplier"', '    "Panel" means an illustrative body.\n\n    "Responsible Supplier"'
    ).replace("an Electricity Smart Meter;", "an Electricity Smart Meter (illustrative);")
    new = read_text(edited_text, "a.txt").value
    applied, cs = round_trip(old, new)
    assert {type(op).__name__ for op in cs.changes} == {"AmendDefinition", "SetText"}
    assert applied.body == new.body


def test_a_paragraph_renumbered_inside_a_renumbered_clause():
    """Found by the property above: X1.2 becomes X1.72 and loses (c)(i), its (c)(ii) (the same words) paired
    with the old (c)(i); the paragraph is renumbered under the clause's old number first.  Illustrative."""
    head = "Section X 'Illustrative'\n\nSEC Version 1.0\n\nX1.1 the\n\n"
    old = read_text(head + "X1.2 the:\n\n    (a) the\n\n    (b) the:\n\n        (i) the\n\n    (c) the:\n\n"
                    "        (i) the\n\n        (ii) the\n", "old.txt").value  # fmt: skip
    new = read_text(head + "X1.72 the:\n\n    (a) the\n\n    (b) the:\n\n        (i) the\n\n    (c) the:\n\n"
                    "        (ii) the\n", "new.txt").value  # fmt: skip
    applied, _ = round_trip(old, new)
    assert applied.body == new.body
