"""Hypothesis strategies shared by the tests: generated clause trees (illustrative words, not SEC text)."""

from hypothesis import strategies as st

from legal_text import Clause, ClauseRef, Document, Heading
from legal_text.enumerators import nth_letter, to_roman

words = st.lists(
    st.sampled_from(
        [
            "the",
            "User",
            "shall",
            "notify",
            "Device",
            "SMETS2+",
            "(as",
            "the",
            "case",
            "may",
            "be)",
            "and",
            "Section",
            "G3.18(a)",
        ]
    ),
    min_size=1,
    max_size=12,
).map(" ".join)


@st.composite
def clause_trees(draw, section="X"):
    n_clauses = draw(st.integers(1, 4))
    body = []
    for ci in range(1, n_clauses + 1):
        ref = ClauseRef(section, "1", str(ci))
        children = []
        for ai in range(1, draw(st.integers(0, 3)) + 1):
            aref = ref.child(nth_letter(ai))
            sub = tuple(
                Clause(aref.child(to_roman(ri)), f"({to_roman(ri)})", draw(words), kind="paragraph")
                for ri in range(1, draw(st.integers(0, 2)) + 1)
            )
            children.append(
                Clause(
                    aref,
                    f"({nth_letter(ai)})",
                    draw(words) + (":" if sub else ""),
                    sub,
                    draw(words) if sub and draw(st.booleans()) else "",
                    kind="paragraph",
                )
            )
        trailing = draw(words) if children and draw(st.booleans()) else ""
        body.append(Clause(ref, str(ref), draw(words) + (":" if children else ""), tuple(children), trailing))
    if draw(st.booleans()):
        body.insert(0, Heading("Illustrative Part Heading"))
    return Document(section=section, title="Illustrative", version="1.0", body=tuple(body), source="gen")


# --- issue 25: pairs of versions whose true events are known (``benchmarks.pairs``) -------------------------


@st.composite
def run_lengths(draw):
    """How many clauses an edit renumbers: mostly a few, now and then up to 200."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.integers(13, 200))
    return draw(st.integers(1, 12))


@st.composite
def exact_pairs(draw, max_sections=3):
    """A ``benchmarks.pairs.Pair`` (OLD, NEW and the events a careful reviewer lists) at a small size: two or
    three Sections of a few hundred to a few thousand words, insertions and deletions renumbering runs of 1
    to 200 clauses (several in one group), cancelling pairs, amendments outside and inside the runs, a
    paragraph inserted in a renumbered clause, moves within and across Sections, cross-references updated."""
    from dataclasses import replace

    from benchmarks.pairs import Edits, make_pair

    insertions = tuple(draw(st.lists(run_lengths(), max_size=3)))
    deletions = tuple(draw(st.lists(run_lengths(), max_size=2)))
    cancelling = tuple(draw(st.lists(st.integers(1, 8), max_size=1)))
    renumbered = sum(insertions) + sum(deletions) + sum(cancelling)
    in_runs = draw(st.integers(0, min(2, renumbered)))
    edits = Edits(
        insertions=insertions,
        deletions=deletions,
        cancelling=cancelling,
        amendments=draw(st.integers(0, 3)),
        amendments_in_runs=in_runs,
        paragraph_insertions=draw(st.integers(0, min(1, renumbered - in_runs))),
        moves_within=draw(st.integers(0, 1)),
        moves_across=draw(st.integers(0, 1)),
        per_group=draw(st.integers(1, 3)),
        citations=draw(st.sampled_from([0.3, 0.3, 0.0, 0.6])),
    )
    if edits == Edits(per_group=edits.per_group, citations=edits.citations):  # nothing changes: amend one
        edits = replace(edits, amendments=1)
    return make_pair(
        words=draw(st.integers(300, 3_000)),
        seed=draw(st.integers(0, 2**32 - 1)),
        edits=edits,
        sections=draw(st.integers(2, max_sections)),
    )
