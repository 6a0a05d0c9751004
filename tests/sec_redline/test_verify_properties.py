"""Issue 26: ``verify`` passes every Annex A the tool writes.  Generated bases, amended by a generated change
set, written as an Annex A and verified against the base and the change set: no finding.  Two families:

* Section A with definitions (some with their own paragraphs) and a clause holding a table, written as an Annex
  A with quoted definitions and with a definitions table;
* a Section G passage as pasted from the published text: nested lists ((a), then (i)), and the sentences the
  reader keeps as headings (a sentence before the first clause, a sentence without its full stop between
  clauses, a clause cut mid-sentence followed by a glossary's "Has the meaning given to that expression in
  Section G8.2" line), indented or flat.

Each base is read from text, from the Word file the tool's own writer makes of it, and from a Word file
LibreOffice makes of its lines (through UNO, as tests/tools/lo_lists.py builds files).  The wording is
illustrative, not SEC text."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_text import Heading, read_text
from sec_redline.annex import make_annex_a
from sec_redline.fileio import read_sections
from sec_redline.outputs import write_outputs
from sec_redline.render import render_document_docx
from sec_redline.verify import make_verification
from tests.support import lo_lists, requires_libreoffice

WORDS = ["illustrative", "meter", "device", "panel", "notice", "period", "user", "party", "data", "service"]
T = TypeVar("T")


class _Choices:
    """What a generator chooses: drawn by Hypothesis (``_Drawn``), or from a seeded random (``_Seeded``) where
    the bases are made before the test runs (LibreOffice makes all its files in one go)."""

    def pick(self, options: Sequence[T]) -> T:
        raise NotImplementedError

    def integer(self, low: int, high: int) -> int:
        raise NotImplementedError

    def words(self) -> str:
        return " ".join(self.pick(WORDS) for _ in range(self.integer(2, 6)))


class _Drawn(_Choices):
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def pick(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))


class _Seeded(_Choices):
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, options: Sequence[T]) -> T:
        return self.random.choice(options)

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)


def _changes(target: str, operation: str) -> str:
    return (
        'modification: MP926\ntitle: "Illustrative"\nbase: "6.17"\nauthor: SECAS\ndate: 2026-12-06\nchanges:\n'
        f"  - in: '{target}'\n{operation}"
    )


def section_a(c: _Choices) -> tuple[str, str]:
    """A Section A base (text) and a change set that inserts a word in one of its definitions."""
    count = c.integer(2, 4)
    lines = [
        "Section A 'Definitions and Interpretation'",
        "SEC Version 6.17",
        "A1.1 In this Code the following expressions have the following meanings:",
    ]
    terms = []
    for k in range(count):
        term = f"Illustrative Term {chr(65 + k)}"
        terms.append(term)
        items = c.integer(0, 3)
        if items:
            lines.append(f'    "{term}" means one of the following {c.words()}:')
            for i in range(items):
                end = "." if i == items - 1 else ";"
                lines.append(f"        ({chr(97 + i)}) an {c.words()}{end}")
        else:
            lines.append(f'    "{term}" means the {c.words()}.')
    lines.append(f"A1.2 The {c.words()} shall apply the table below.")
    lines.append("    | Field | Meaning |")
    for _ in range(c.integer(1, 3)):
        lines.append(f"    | {c.pick(WORDS).title()} | {c.words()} |")
    target = c.pick(terms)
    return "\n\n".join(lines) + "\n", _changes(f'A1.1["{target}"]', '    insert: " illustrative"\n    after: "means"\n')


def section_g(c: _Choices) -> tuple[str, str]:
    """A Section G passage (text, indented or flat) with nested lists and sentences the reader keeps as
    headings, and a change set giving one of its provisions new words."""
    pad = c.pick(["", "    "])  # flat, as pasted from the published text, or indented
    lines = ["Section G 'Security'", "SEC Version 6.17"]
    if c.integer(0, 2) == 0:
        lines.append("This illustrative passage was copied from a web page.")
    if c.integer(0, 1):
        lines.append("G8 Illustrative Security Obligations")
    provisions = []
    count = c.integer(2, 4)
    for k in range(1, count + 1):
        ref = f"G8.{k}"
        shape = c.pick(["plain", "list", "cut"])
        provisions.append(ref)
        if shape == "plain":
            lines.append(f"{ref} The {c.words()} shall apply.")
        elif shape == "cut":  # copied up to mid-sentence, then a glossary's passage
            lines.append(f"{ref} Illustrative words of a clause that the copy cut off in the")
            if c.integer(0, 1):
                lines.append("Illustrative Term")
            lines.append(f"Has the meaning given to that expression in Section {ref}" + c.pick(["", "."]))
            continue
        else:
            lines.append(f"{ref} An illustrative {c.pick(WORDS)} shall:")
            items = c.integer(1, 3)
            for i in range(items):
                enum, end = chr(97 + i), "." if i == items - 1 else "; and" if i == items - 2 else ";"
                subs = c.pick([0, 0, 1, 2, 3])
                if not subs:
                    lines.append(f"{pad}({enum}) the {c.words()}{end}")
                    provisions.append(f"{ref}({enum})")
                    continue
                lines.append(f"{pad}({enum}) where the {c.words()}:")
                for j, sub in enumerate(["i", "ii", "iii"][:subs]):
                    last = end if j == subs - 1 else "; or" if j == subs - 2 else ";"
                    lines.append(f"{pad}{pad}({sub}) the {c.words()}{last}")
                    provisions.append(f"{ref}({enum})({sub})")
        if k < count:
            heading = c.pick(["", "", "title", "sentence"])
            if heading == "title":
                lines.append("Illustrative Part Heading")
            elif heading == "sentence":  # a sentence without its full stop, kept as a heading
                lines.append(f"The {c.words()} obligations in this part apply to every User")
    target = c.pick(provisions)
    return "\n\n".join(lines) + "\n", _changes(target, '    text: "the illustrative new words of this provision."\n')


@st.composite
def _drawn(draw: st.DrawFn, make: Callable[[_Choices], tuple[str, str]]) -> tuple[str, str]:
    return make(_Drawn(draw))


def _check(tmp: Path, base: Path, changes: str, definitions: str, context: str = "part") -> None:
    cs = tmp / "changes.yaml"
    cs.write_text(changes, encoding="utf-8")
    out = tmp / f"annex-{base.suffix[1:]}-{definitions}-{context}"
    made = make_annex_a(base, cs, out, definitions=definitions, context=context, pdf=False)  # type: ignore[arg-type]
    write_outputs(made)
    annex = out / "annex-a.docx"
    assert annex.exists()
    checked = make_verification(annex, base, cs)
    assert checked.exit_code == 0, (base.name, checked.stdout, [str(m) for m in checked.messages])


def _as_read(docs: list) -> list:
    return [(d.section, d.title, d.body) for d in docs]


def _base(tmp: Path, text: str, form: str) -> Path:
    """The base as text, or as the Word file the tool's own writer makes of it (which reads back as the text
    does: headings that are sentences included)."""
    base = tmp / "base.txt"
    base.write_text(text, encoding="utf-8")
    if form == "text":
        return base
    word = tmp / "base.docx"
    word.write_bytes(render_document_docx(read_text(text).value))
    assert _as_read(read_sections(word).value) == _as_read(read_sections(base).value)
    return word


# Text bases run with the quick tests; Word bases (each example written, read and verified once more) are slow.
FORMS = ["text", pytest.param("word", marks=pytest.mark.slow)]


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=_drawn(section_a))
def test_verify_passes_every_annex_a_of_a_section_a_base(tmp_path_factory, form, generated):
    text, changes = generated
    tmp = tmp_path_factory.mktemp("prop")
    assert read_text(text).value.definitions()
    base = _base(tmp, text, form)
    for definitions in ("quoted", "table"):
        _check(tmp, base, changes, definitions)


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=_drawn(section_g), context=st.sampled_from(["part", "clause", "all"]))
def test_verify_passes_every_annex_a_of_a_section_g_base_with_lists_and_sentence_headings(
    tmp_path_factory, form, generated, context
):
    text, changes = generated
    tmp = tmp_path_factory.mktemp("prop")
    _check(tmp, _base(tmp, text, form), changes, "quoted", context)


# The shapes of the G8.22 and B1 passages (illustrative words): a glossary's line after a clause cut
# mid-sentence, and a sentence before a Section's first clause, each kept as a heading by the reader.
PASSAGES = {
    "G8.22": (
        "Section G 'Security'\n\nSEC Version 6.17\n\nG8.21 An illustrative first clause of the passage.\n\n"
        "G8.22 Illustrative words of a clause that the copy cut off in the\n\n"
        "Has the meaning given to that expression in Section G8.22.\n\n"
        "G8.23 An illustrative User shall:\n\n(a) keep an illustrative record; and\n\n(b) send a notice.\n",
        "G8.23(a)",
        "Has the meaning given to that expression in Section G8.22.",
    ),
    "B1": (
        "Section B 'Accession'\n\nSEC Version 6.17\n\nB1 Accession\n\n"
        "This illustrative passage was copied from a web page.\n\n"
        "B1.1 An illustrative person may apply to accede.\n\nB1.2 An illustrative applicant shall:\n\n"
        "(a) complete an illustrative form; and\n\n(b) pay an illustrative fee.\n",
        "B1.1",
        "This illustrative passage was copied from a web page.",
    ),
}


@pytest.mark.parametrize("passage", list(PASSAGES))
def test_verify_passes_annexes_of_passages_whose_sentences_are_kept_as_headings(tmp_path, passage):
    """verify once found 'could not read this paragraph as a provision' (or words joined to a clause) in the
    Annex A written from such a passage: the Annex A's heading paragraph is a heading, as the base's was."""
    text, target, sentence = PASSAGES[passage]
    read = read_text(text)
    assert sentence in [h.text for h in read.value.body if isinstance(h, Heading)]
    assert any(sentence in str(m) for m in read.warnings)  # the reader said what it kept as a heading
    changes = _changes(target, '    text: "the illustrative new words of this provision."\n')
    for form in ("text", "word"):
        for context in ("part", "all"):
            _check(tmp_path, _base(tmp_path, text, form), changes, "quoted", context)


# --- Word bases made by LibreOffice --------------------------------------------------------------------------

_LO_SEEDS = {"A": range(3), "G": range(8)}
_MAKERS = {"A": section_a, "G": section_g}


@pytest.fixture(scope="module")
def libreoffice_bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Seeded bases of both families, each as a Word file LibreOffice makes of its lines (a paragraph a line,
    as typed: labels and table bars in the words), all made in one LibreOffice session."""
    folder = tmp_path_factory.mktemp("lo-bases")
    made: dict[str, tuple[Path, str]] = {}
    args = []
    for family, seeds in _LO_SEEDS.items():
        for seed in seeds:
            text, changes = _MAKERS[family](_Seeded(seed))
            name = f"{family}{seed}"
            spec = {"paragraphs": [{"text": line.strip()} for line in text.splitlines() if line.strip()]}
            (folder / f"{name}.json").write_text(json.dumps(spec), encoding="utf-8")
            (folder / name).mkdir()
            args += [str(folder / f"{name}.json"), str(folder / name / "base.docx")]
            made[name] = (folder / name / "base.docx", changes)
    lo_lists("build", *args)
    return made


@requires_libreoffice
@pytest.mark.parametrize("name", [f"{family}{seed}" for family, seeds in _LO_SEEDS.items() for seed in seeds])
def test_verify_passes_every_annex_a_of_a_word_base_libreoffice_made(libreoffice_bases, name):
    base, changes = libreoffice_bases[name]
    if name.startswith("A"):
        for definitions in ("quoted", "table"):
            _check(base.parent, base, changes, definitions)
    else:
        _check(base.parent, base, changes, "quoted", "all")
