"""The reviewer's comparison (issue 13, first part): a clause inserted before others renumbers them, and the
comparison says so instead of pairing provisions by number.  The inserted clause's wording is illustrative;
the rest is the MP087 example."""

from __future__ import annotations

import pytest

from sec_redline.errors import EXIT_CHANGESET, EXIT_OK
from tests.support import BASE, CHANGESET_HEADER, derived_changeset, run_cli

INSERTED = "G3.20 Each User shall keep a record of its arrangements (illustrative wording).\n\n"


@pytest.fixture
def renumbered(tmp_path):
    """G3.20 inserted before the old G3.20 and G3.21, which become G3.21 and G3.22; the old G3.21's
    reference to G3.20 follows, as a drafter updates it."""
    text = BASE.read_text(encoding="utf-8")
    i = text.index("G3.20 ")
    new = text[:i] + INSERTED + text[i:].replace("G3.20 Each User", "G3.21 Each User", 1)
    new = new.replace("G3.21 Any arrangements established in accordance with Section G3.20", "G3.22 Any arrangements "
                      "established in accordance with Section G3.21", 1)  # fmt: skip
    path = tmp_path / "g-new.txt"
    path.write_text(new, encoding="utf-8")
    return path


def test_diff_reports_the_insertion_and_the_renumbering(renumbered):
    r = run_cli("diff", BASE, renumbered)
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout.splitlines() == [
        "inserted  G3.20",
        "renumbered G3.20 -> G3.21",
        "          cross-reference: in G3.22, G3.20 -> G3.21",  # the old G3.21's reference follows G3.20
        "renumbered G3.21 -> G3.22",  # ... so that is not an amendment of its own
        "0 amended, 1 inserted, 0 deleted, 2 renumbered (clauses and paragraphs).",
    ]


def test_changeset_derives_the_insertion_and_reproduces_the_new_text(renumbered, tmp_path):
    text = derived_changeset(BASE, renumbered, tmp_path)
    assert "- renumber: G3.20\n  to: G3.21" in text and "- add: G3.20" in text


def test_a_paragraph_inserted_before_others_is_one_insertion(tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    head = "Section X 'Illustrative'\n\nX1.1 The Party shall (illustrative wording):\n\n"
    old.write_text(head + "    (a) keep records;\n\n    (b) report yearly.\n", encoding="utf-8")
    new.write_text(head + "    (a) keep records;\n\n    (b) sign them;\n\n    (c) report yearly.\n", encoding="utf-8")
    r = run_cli("diff", old, new)
    assert r.stdout.splitlines()[:2] == ["inserted  X1.1(b)", "renumbered X1.1(b) -> X1.1(c)"]


def test_a_moved_clause_is_one_move(tmp_path):
    """The change-set case that moves G3.21 after G3.19 as G3.19A (tests/golden/changesets/10-move)."""
    from tests.support import ROOT

    moved = tmp_path / "moved.txt"
    cs = ROOT / "tests" / "golden" / "changesets" / "10-move" / "changes.yaml"
    assert run_cli("apply", BASE, cs, "-o", moved).returncode == EXIT_OK
    r = run_cli("diff", BASE, moved)
    assert r.stdout.splitlines() == [
        "moved     G3.21 -> G3.19A",
        "0 amended, 0 inserted, 0 deleted, 1 moved (clauses and paragraphs).",
    ]


def test_changeset_carries_heading_changes(tmp_path):
    """A draft whose part headings changed (tests/golden/changesets/15-headings, illustrative): diff names each
    heading inserted or deleted, and the derived change set removes and adds them, reproducing the draft."""
    from tests.support import ROOT

    draft = tmp_path / "draft.txt"
    case = ROOT / "tests" / "golden" / "changesets" / "15-headings" / "changes.yaml"
    assert run_cli("apply", BASE, case, "-o", draft).returncode == EXIT_OK
    r = run_cli("diff", BASE, draft)
    assert r.stdout.splitlines()[:3] == [
        "deleted   heading 'Manufacturers: Duty to Notify and Be Notified'",
        "inserted  heading 'Manufacturers: Duties to Notify (illustrative)'",
        "inserted  heading 'Arrangements with Manufacturers (illustrative)'",
    ]
    text = derived_changeset(BASE, draft, tmp_path)
    assert "- remove heading: 'Manufacturers: Duty to Notify and Be Notified'\n  before: G3.17" in text


def test_a_heading_that_is_not_there_is_named_with_those_that_are(tmp_path):
    cs = tmp_path / "cs.yaml"
    cs.write_text(
        CHANGESET_HEADER.format(mod="MP901") + "  - remove heading: Illustrative Missing Heading\n    before: G3.17\n",
        encoding="utf-8",
    )
    r = run_cli("apply", BASE, cs, "-o", tmp_path / "out.txt")
    assert r.returncode == EXIT_CHANGESET
    assert (
        "G3.17: no heading 'Illustrative Missing Heading' stands before G3.17 (the headings there: "
        "'Manufacturers: Duty to Notify and Be Notified')" in r.stderr
    )


def test_two_pairings_as_good_are_named_in_a_warning(tmp_path):
    """Two provisions alike word for word, one of them gone and the other renumbered among new ones: which
    went cannot be told from the words, so the comparison says which pairing it kept and names the other
    (illustrative wording)."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    head = "Section X 'Illustrative'\n\nX1.1 The Party shall keep records (illustrative wording).\n\n"
    same = "The Party shall report yearly to the Panel on the matters set out here (illustrative wording)."
    last = "The Panel shall publish the reports it receives (illustrative wording)."
    old.write_text(head + f"X1.2 {same}\n\nX1.3 {same}\n\nX1.4 {last}\n", encoding="utf-8")
    added = [f"An illustrative new clause about subject {n}." for n in ("one", "two", "three")]
    new.write_text(
        head + f"X1.2 {added[0]}\n\nX1.3 {added[1]}\n\nX1.4 {same}\n\nX1.5 {added[2]}\n\nX1.6 {last}\n",
        encoding="utf-8",
    )
    r = run_cli("diff", old, new)
    assert r.returncode == 0, r.stderr
    assert f"{new}: warning: X1.4 reads as much like X1.2 as like X1.3: paired with X1.2" in r.stderr, r.stderr
    assert "renumbered X1.2 -> X1.4" in r.stdout and "deleted   X1.3" in r.stdout, r.stdout
