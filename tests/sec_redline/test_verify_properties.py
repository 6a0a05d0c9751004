"""Issue 26: ``verify`` passes every Annex A the tool writes.  Generated bases (Section A with definitions,
some with their own paragraphs, and a clause holding a table; a Section with lists), read from text and from
the Word file the tool writes of them, amended by a generated change set, written as an Annex A (quoted
definitions and a definitions table), then verified against the base and the change set: no finding.  The
wording is illustrative, not SEC text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_text import read_text
from sec_redline.annex import make_annex_a
from sec_redline.outputs import write_outputs
from sec_redline.verify import make_verification

WORDS = ["illustrative", "meter", "device", "panel", "notice", "period", "user", "party", "data", "service"]
_word = st.sampled_from(WORDS)
_words = st.lists(_word, min_size=2, max_size=6).map(" ".join)


@st.composite
def _section_a(draw: st.DrawFn) -> tuple[str, str]:
    """A Section A base (text) and a change set that replaces a word in one of its definitions."""
    count = draw(st.integers(2, 4))
    lines = [
        "Section A 'Definitions and Interpretation'",
        "SEC Version 6.17",
        "A1.1 In this Code the following expressions have the following meanings:",
    ]
    terms = []
    for k in range(count):
        term = f"Illustrative Term {chr(65 + k)}"
        terms.append(term)
        items = draw(st.integers(0, 3))
        if items:
            lines.append(f'    "{term}" means one of the following {draw(_words)}:')
            for i in range(items):
                end = "." if i == items - 1 else ";"
                lines.append(f"        ({chr(97 + i)}) an {draw(_words)}{end}")
        else:
            lines.append(f'    "{term}" means the {draw(_words)}.')
    lines.append(f"A1.2 The {draw(_words)} shall apply the table below.")
    lines.append("    | Field | Meaning |")
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"    | {draw(_word).title()} | {draw(_words)} |")
    target = draw(st.sampled_from(terms))
    changes = (
        'modification: MP926\ntitle: "Illustrative"\nbase: "6.17"\nauthor: SECAS\ndate: 2026-12-06\nchanges:\n'
        f'  - in: \'A1.1["{target}"]\'\n    insert: " illustrative"\n    after: "means"\n'
    )
    return "\n\n".join(lines) + "\n", changes


def _check(tmp: Path, base: Path, changes: str, definitions: str) -> None:
    cs = tmp / "changes.yaml"
    cs.write_text(changes, encoding="utf-8")
    out = tmp / f"annex-{definitions}"
    made = make_annex_a(base, cs, out, definitions=definitions, pdf=False)  # type: ignore[arg-type]
    write_outputs(made)
    annex = out / "annex-a.docx"
    assert annex.exists()
    checked = make_verification(annex, base, cs)
    assert checked.exit_code == 0, (checked.stdout, [str(m) for m in checked.messages])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_section_a())
def test_verify_passes_every_annex_a_of_a_text_base(tmp_path_factory, generated):
    text, changes = generated
    tmp = tmp_path_factory.mktemp("prop")
    base = tmp / "base.txt"
    base.write_text(text, encoding="utf-8")
    assert read_text(text).value.definitions()
    for definitions in ("quoted", "table"):
        _check(tmp, base, changes, definitions)
