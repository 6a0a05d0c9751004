"""The benchmark's synthetic code (illustrative text) doubles as a large reader test."""

import re

from benchmarks.generate import clean_text, noisy_text, synthetic_code
from legal_text import read_text, render_text


def test_generator_is_deterministic():
    assert clean_text(synthetic_code(20_000)) == clean_text(synthetic_code(20_000))
    assert clean_text(synthetic_code(20_000, seed=1)) != clean_text(synthetic_code(20_000))


def test_clean_and_pdf_noisy_texts_parse_to_the_generated_trees():
    docs = synthetic_code(40_000)
    noisy_sections = re.split(r"(?m)^(?=Section [A-X] )", noisy_text(docs))[1:]
    assert len(noisy_sections) == len(docs) == 24
    for doc, noisy in zip(docs, noisy_sections, strict=False):
        clean = read_text(render_text(doc), doc.source)
        assert clean.value == doc and clean.warnings == ()
        flat = read_text(noisy, doc.source)
        assert flat.value.body == doc.body, doc.section
        assert any("footer" in m.text for m in flat.warnings)


def test_synthetic_changesets_apply_cleanly_and_change_what_they_say():
    from benchmarks.generate import synthetic_changesets
    from legal_text.diff import diff_documents
    from sec_redline.apply import apply_changesets

    docs = synthetic_code(40_000)
    sets = synthetic_changesets(docs, 10, 5)
    result = apply_changesets(docs, sets).value
    assert [d.section for d in result] == [d.section for d in docs]
    from legal_text import ClauseRef

    changed = {
        ClauseRef.parse(ref)
        for old, new in zip(docs, result, strict=False)
        for ref, _ in diff_documents(old, new).changes()
    }
    targets = {op.target for cs in sets for op in cs.changes} | {
        op.to for cs in sets for op in cs.changes if hasattr(op, "to")
    }
    assert changed and all(any(c.is_within(t) for t in targets) for c in changed)
    assert len(changed) >= len(targets) - 5


def test_the_code_numbered_by_word_lists_reads_as_its_typed_text():
    """Every Section, its numbers drawn by Word's list numbering (one list a group), gives the tree the text
    reader gives for the same words typed out, without a warning."""
    from benchmarks.generate import numbered_docx
    from legal_text import read_docx
    from sec_redline.house_style import STRUCTURE_STYLES

    docs = synthetic_code(40_000)
    result = read_docx(numbered_docx(docs), "numbered.docx", structure=STRUCTURE_STYLES)
    assert not result.warnings
    assert [d.body for d in result.value] == [read_text(render_text(d), d.source).value.body for d in docs]
