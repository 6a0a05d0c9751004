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
