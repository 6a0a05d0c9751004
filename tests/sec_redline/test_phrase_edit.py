"""Minimal word marks, end to end (issue 25): a drafter's phrase edit, derived by ``changeset`` and shown
by ``redline``, marks only the words that changed.

The edit, to the real G3.18(c) of SEC 6.17 (the edit itself is illustrative): "is promptly notified of the
steps" becomes "is notified within five Working Days of the steps".  "notified" is in both and is never
struck and typed again: "promptly" is deleted, and one insertion follows "notified".  The golden files
(tests/golden/phrase-edit/) are the derived change set and the Annex A's revisions as read back, each read
by a person."""

from __future__ import annotations

import lxml.html

from legal_text.ooxml import read_revisions
from tests.support import BASE, run_cli

BEFORE = "is promptly notified of the steps"
AFTER = "is notified within five Working Days of the steps"


def test_a_phrase_edit_strikes_only_the_word_that_went(tmp_path, golden):
    text = BASE.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    draft = tmp_path / "draft.txt"
    draft.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    changes = tmp_path / "changes.yaml"
    r = run_cli(
        "changeset", BASE, draft, "-o", changes, "--modification", "MP904", "--title", "Illustrative: phrase edit",
        "--date", "2019-10-04",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    golden("phrase-edit", "changes.yaml", changes.read_text(encoding="utf-8"))
    r = run_cli("redline", BASE, changes, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == 0, r.stderr
    revisions = read_revisions(tmp_path / "annex" / "annex-a.docx")
    marks = "".join(f"{rev.kind} {rev.text!r}\n" for rev in revisions)
    golden("phrase-edit", "revisions.txt", marks)
    assert [(rev.kind, rev.text.strip()) for rev in revisions] == [
        ("del", "promptly"),
        ("ins", "within five Working Days"),
    ]
    page = lxml.html.fromstring((tmp_path / "annex" / "annex-a.html").read_bytes())
    marked = [(el.tag, el.text_content().strip()) for el in page.find(".//main").iter("ins", "del")]
    assert marked == [("del", "promptly"), ("ins", "within five Working Days")]


def test_the_comparison_marks_the_phrase_edit_the_same(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(BASE.read_text(encoding="utf-8").replace(BEFORE, AFTER), encoding="utf-8")
    r = run_cli("diff", BASE, draft, "-o", tmp_path / "comparison.docx")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "amended   G3.18(c)"
    revisions = read_revisions(tmp_path / "comparison.docx")
    assert [(rev.kind, rev.text.strip()) for rev in revisions] == [
        ("del", "promptly"),
        ("ins", "within five Working Days"),
    ]
