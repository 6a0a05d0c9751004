"""Property (issue 13): for generated pairs of versions with amendments, insertions, deletions, an insertion
that renumbers the clauses after it, and a move, the comparison reports exactly the generated events, one line
each, and nothing else; the change set derived from the pair, applied to OLD, gives NEW.  The Section and all
its words are generated and illustrative."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from legal_text import read_text
from legal_text.diff import diff_documents
from legal_text.events import find_events
from sec_redline.apply import apply_changeset
from sec_redline.changes import dump_changeset, load_changeset_text
from sec_redline.derive import derive_changeset

_SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "ke", "li", "mo", "nu", "pa", "re", "si", "to", "vu", "za"]
VOCABULARY = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("n", "r", "st")]  # 768 made-up words


@dataclass
class Clause:
    number: str  # "X1.3", "X1.3A"
    words: list[str]
    paragraphs: list[list[str]] = field(default_factory=list)

    def text(self, number: str | None = None) -> str:
        out = f"{number or self.number} {' '.join(self.words)}" + (":" if self.paragraphs else ".")
        for k, p in enumerate(self.paragraphs):
            end = "." if k == len(self.paragraphs) - 1 else ";"
            out += f"\n\n    ({'abcdefgh'[k]}) {' '.join(p)}{end}"
        return out


def _section(groups: list[list[Clause]]) -> str:
    parts = ["Section X 'Illustrative'"]
    for g, clauses in enumerate(groups, start=1):
        parts.append(f"Illustrative Part {['One', 'Two', 'Three'][g - 1]}")
        parts += [c.text() for c in clauses]
    return "\n\n".join(parts) + "\n"


@st.composite
def pairs(draw):
    """(old text, new text, the events the change makes), as ``diff`` prints them."""
    words = iter(draw(st.permutations(VOCABULARY)))  # no word twice: no two provisions alike by chance

    def sentence(n: int) -> list[str]:
        return [next(words) for _ in range(n)]

    def clause(number: str) -> Clause:
        paragraphs = [sentence(draw(st.integers(5, 9))) for _ in range(draw(st.sampled_from([0, 0, 2, 3])))]
        return Clause(number, sentence(draw(st.integers(8, 14))), paragraphs)

    n1, n2 = draw(st.integers(6, 10)), draw(st.integers(6, 12))
    one = [clause(f"X1.{i}") for i in range(1, n1 + 1)]
    two = [clause(f"X2.{i}") for i in range(1, n2 + 1)]
    old = _section([one, two])
    events: list[str] = []

    # In part one: amend two clauses, insert one (X1.kA, no renumbering), delete one, move one to part two.
    picks = draw(st.permutations(range(n1)))
    amend, insert_after, delete, move = picks[:2], picks[2], picks[3], picks[4]
    new_one: list[Clause] = []
    for i, c in enumerate(one):
        if i == delete:
            events.append(f"deleted   {c.number}")
            continue
        if i == move:
            continue
        if i in amend:
            c = Clause(c.number, [*c.words[:3], next(words), *c.words[4:]], c.paragraphs)
            events.append(f"amended   {c.number}")
        new_one.append(c)
        if i == insert_after:
            new_one.append(clause(c.number + "A"))
            events.append(f"inserted  {c.number}A")
    # In part two: insert a clause at position p, renumbering every clause after it; the moved clause last.
    p = draw(st.integers(0, n2 - 1))
    new_two = two[:p] + [clause(f"X2.{p + 1}")] + [Clause(f"X2.{i + 2}", c.words, c.paragraphs) for i, c in
                                                    enumerate(two[p:], start=p)]  # fmt: skip
    events.append(f"inserted  X2.{p + 1}")
    events += [f"renumbered X2.{i} -> X2.{i + 1}" for i in range(p + 1, n2 + 1)]
    moved = one[move]
    new_two.append(Clause(f"X2.{n2 + 2}", moved.words, moved.paragraphs))
    events.append(f"moved     {moved.number} -> X2.{n2 + 2}")
    return old, _section([new_one, new_two]), events


@settings(max_examples=60, deadline=None)
@given(pairs())
def test_the_comparison_reports_exactly_the_generated_events(pair):
    old_text, new_text, expected = pair
    old, new = read_text(old_text, "old.txt"), read_text(new_text, "new.txt")
    assert not old.warnings and not new.warnings
    lines = [e.line() for e in find_events([diff_documents(old.value, new.value)])]
    assert sorted(lines) == sorted(expected)
    assert len(lines) == len(expected)  # each event once: no paragraph of a provision listed again


@settings(max_examples=40, deadline=None)
@given(pairs())
def test_the_derived_change_set_applied_to_old_gives_new(pair):
    old_text, new_text, _ = pair
    old, new = read_text(old_text, "old.txt").value, read_text(new_text, "new.txt").value
    import datetime as dt

    cs = derive_changeset(old, new, "MP901", "Illustrative", "SECAS", dt.date(2020, 1, 6), "unknown")
    loaded = load_changeset_text(dump_changeset(cs), "<derived>")
    assert apply_changeset(old, loaded).value.body == new.body
    assert any(type(op).__name__ == "MoveClause" for op in loaded.changes)  # the move written as one


@settings(max_examples=10, deadline=None)
@given(pairs())
def test_in_the_word_comparison_a_renumbered_clause_marks_only_its_number(pair):
    """Every paragraph of the Word comparison is unmarked, inserted or deleted whole (an inserted, deleted or
    moved provision), amended (the two amended clauses), or renumbered with only its number marked."""
    import io
    import zipfile

    from lxml import etree

    from legal_text.ooxml import w
    from sec_redline.annex import build_comparison
    from sec_redline.render import render_comparison_docx

    old_text, new_text, expected = pair
    old, new = read_text(old_text, "old.txt").value, read_text(new_text, "new.txt").value
    docx = render_comparison_docx(build_comparison(diff_documents(old, new)), "SECAS", "2020-01-06T00:00:00Z")
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).find(w("body"))
    partial: list[tuple[str, str, str]] = []
    for p in body.iter(w("p")):
        plain = "".join(t.text or "" for r in p.findall(w("r")) for t in r.iter(w("t")))
        dels = "".join(t.text or "" for el in p if el.tag in (w("del"), w("moveFrom")) for t in el.iter(w("delText")))
        inss = "".join(t.text or "" for el in p if el.tag in (w("ins"), w("moveTo")) for t in el.iter(w("t")))
        if (dels or inss) and plain.strip():
            partial.append((dels, inss, plain))
    renumbered = [e.split()[1:4:2] for e in expected if e.startswith("renumbered")]
    numbers_only = [(d, i) for d, i, _ in partial if (d, i) in {(a, b) for a, b in renumbered}]
    assert sorted(numbers_only) == sorted(tuple(x) for x in renumbered)
    assert len(partial) == len(renumbered) + sum(e.startswith("amended") for e in expected), partial
