"""Verifying a Word redline against the base it names: findings name the clause and the differing words."""

from pathlib import Path

import pytest

from legal_text import ClauseRef, read_text
from sec_redline.annex import build_annex
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.render import render_annex_docx
from sec_redline.verify import verify_redline
from tests.support import BASE, CHANGES


@pytest.fixture(scope="module")
def annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from legal_text import diff_documents

    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    cs = load_changeset(CHANGES)
    path = tmp_path_factory.mktemp("v") / "annex-a.docx"
    path.write_bytes(render_annex_docx(build_annex(diff_documents(base, apply_changeset(base, cs).value), cs)))
    return path


def _base(text: str | None = None):
    return read_text(text or BASE.read_text(encoding="utf-8"), "base.txt").value


def test_consistent_with_its_own_base(annex):
    base = _base()
    findings, summary = verify_redline(
        annex.read_bytes(), str(annex), base, apply_changeset(base, load_changeset(CHANGES)).value
    )
    assert findings == []
    assert summary == "12 of 12 provisions matched base.txt (SEC 6.17); redline says: SEC 6.17; consistent."


def test_a_base_with_other_words_is_named_clause_by_clause(annex):
    text = BASE.read_text(encoding="utf-8").replace("need not be required", "shall not be required")
    findings, _ = verify_redline(annex.read_bytes(), str(annex), _base(text))
    (finding,) = findings
    assert finding.clause == "G3.21" and "[-shall-]{+need+}" in finding.text


def test_a_base_of_another_version_is_named(annex):
    findings, _ = verify_redline(annex.read_bytes(), str(annex), _base().with_version("6.18"))
    assert any("drafted against SEC Version 6.17, but the base text is SEC 6.18" in f.text for f in findings)


def test_a_provision_missing_from_the_redline(annex):
    base = _base()
    g321 = base.find(ClauseRef.parse("G3.21"))
    assert g321 is not None
    extra = base.__class__(
        base.section,
        base.title,
        base.version,
        (*base.body, g321.with_changes(ref=ClauseRef.parse("G3.22"), label="G3.22")),
        base.source,
    )
    findings, _ = verify_redline(annex.read_bytes(), str(annex), extra)
    assert findings == []  # a provision the redline does not show is outside its part: nothing to compare


def _unnumbered_redline() -> bytes:
    """A redline whose clause numbers are not typed (as when Word's list numbering draws them): its paragraphs
    hold the words of G3.17 only, which the reader cannot place in any provision."""
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("These changes have been drafted against SEC Version 6.17.")
    d.add_paragraph("Section G 'Security'")
    d.add_paragraph("Amend Section G3.17 as follows:")
    for words in (
        "Where a User becomes aware of any material security vulnerability in, or likely cause of a material "
        "adverse effect on the security of:",
        "any hardware, software or firmware which forms part of its User Systems; or",
        "it shall comply with the requirements of Section G3.18.",
    ):
        d.add_paragraph(words)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_redline_it_cannot_read_fails_and_says_what_it_could_not_read():
    findings, summary = verify_redline(_unnumbered_redline(), "unnumbered.docx", _base())
    assert summary.startswith("0 of 3 provisions matched base.txt (SEC 6.17) (3 could not be read)")
    unread = [f for f in findings if "could not read this paragraph" in f.text]
    assert [str(f.where) for f in unread] == [f"unnumbered.docx paragraph {n}" for n in (4, 5, 6)]
    assert any("shows no provision of Section G that could be read" in f.text for f in findings)


def test_the_cli_exits_1_when_nothing_could_be_checked(tmp_path):
    from sec_redline.errors import EXIT_DIFFERS
    from tests.support import run_cli

    path = tmp_path / "unnumbered.docx"
    path.write_bytes(_unnumbered_redline())
    r = run_cli("verify", path, BASE)
    assert r.returncode == EXIT_DIFFERS
    assert r.stdout.splitlines()[-1].startswith("0 of 3 provisions matched")


def test_our_visual_mark_redline_verifies_under_auto_and_not_as_tracked(tmp_path):
    from sec_redline.errors import EXIT_DIFFERS
    from tests.support import run_cli

    out = tmp_path / "out"
    assert run_cli("redline", BASE, CHANGES, "-o", out, "--no-pdf", "--marks", "visual").returncode == 0
    annex = out / "annex-a.docx"
    assert run_cli("verify", annex, BASE, "--changes", CHANGES).returncode == 0
    assert run_cli("verify", annex, BASE, "--changes", CHANGES, "--marks", "visual").returncode == 0
    assert run_cli("verify", annex, BASE, "--changes", CHANGES, "--marks", "tracked").returncode == EXIT_DIFFERS


def test_without_any_version_the_words_alone_are_compared(annex, tmp_path):
    base = _base().with_version("")
    findings, summary = verify_redline(annex.read_bytes(), str(annex), base)
    assert findings == [] and "12 of 12 provisions matched" in summary
    unnamed = _base().with_version("")
    assert "redline says: SEC 6.17" in verify_redline(annex.read_bytes(), str(annex), unnamed)[1]


def test_a_long_instruction_is_not_taken_for_an_unread_provision():
    """An instruction longer than a message's quotation still reads as an instruction, not as a provision
    verify could not read (it is matched on the paragraph's own words, not on the warning's text)."""
    import io

    import docx

    from legal_text import render_clause_blocks

    d = docx.Document()
    d.add_paragraph("These changes have been drafted against SEC Version 6.17.")
    d.add_paragraph("Section G 'Security'")
    d.add_paragraph("Amend Sections G3.17, G3.18, G3.19, G3.20 and G3.21, and the part heading, as follows:")
    for item in _base().body:
        if hasattr(item, "ref"):
            for block in render_clause_blocks(item):
                d.add_paragraph(block.strip())
        else:
            d.add_paragraph(item.text)
    buf = io.BytesIO()
    d.save(buf)
    findings, summary = verify_redline(buf.getvalue(), "long.docx", _base())
    assert findings == [] and summary.startswith("12 of 12 provisions matched"), (findings, summary)
