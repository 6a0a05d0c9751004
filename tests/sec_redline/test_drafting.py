"""Drafting checks (issue 16): parallel provisions that drift apart, defined terms, cross-references; each
check on constructed cases, positive and negative, and none firing on examples/mp087 with its change set.

The SEC 5.20 case: G3.17 to G3.21 as they stood before 5.20, when G3.17(b) and G3.20(b) both read
"... Gas Proxy Function) for which ..." (the seed's problem statement: 5.20 added "which forms part of a
SMETS2+ Device" to G3.17(b) and not to G3.20(b)); the text is the seed's with those words taken out of
G3.17(b), and the change set is an illustrative record of 5.20's change to G3.17(b)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legal_text import ClauseRef, read_text
from sec_redline.apply import apply_changesets
from sec_redline.changes import load_changeset, load_changeset_text
from sec_redline.drafting import ParallelIndex, check_drafting, replay
from sec_redline.errors import EXIT_DIFFERS, EXIT_INPUT, EXIT_OK
from sec_redline.fileio import read_sections
from tests.support import BASE, CHANGES, ROOT, run_cli

PHRASE = " which forms part of a SMETS2+ Device"
MULTI = ROOT / "examples" / "mp900-multi" / "base"
SEC520 = """modification: SECMP0520
title: "SEC 5.20's change to G3.17(b), recorded as a change set (illustrative)"
base: "5.19"
author: SECAS
date: 2019-01-01
changes:
  - in: G3.17(b)
    after: "Gas Proxy Function"
    insert: "which forms part of a SMETS2+ Device"
"""
HEADER = 'modification: MP908\ntitle: "Illustrative"\nbase: "6.17"\nauthor: SECAS\ndate: 2019-10-04\nchanges:\n'


@pytest.fixture()
def before_520(tmp_path: Path) -> tuple[Path, Path]:
    text = BASE.read_text(encoding="utf-8")
    g317 = text.index("G3.17")
    at = text.index(PHRASE, g317)
    assert at < text.index("G3.18")  # the words are G3.17(b)'s
    pre = text[:at] + text[at + len(PHRASE) :]
    base = tmp_path / "section-G-5.19.txt"
    base.write_text(pre.replace("SEC Version 6.17", "SEC Version 5.19"), encoding="utf-8")
    cs = tmp_path / "sec520.yaml"
    cs.write_text(SEC520, encoding="utf-8")
    return base, cs


def test_the_520_change_flags_g3_20b_and_its_suggestion_gives_mp087s_wording(before_520, tmp_path):
    base, cs = before_520
    suggested = tmp_path / "suggested.yaml"
    r = run_cli("check", base, cs, "--suggest", suggested)
    assert r.returncode == EXIT_DIFFERS, r.stderr
    lines = r.stdout.splitlines()
    assert lines[:3] == [
        "Parallel provisions: 1",
        "  G3.20(b): reads like G3.17(b) (100% alike), which the change set amends and this not (86% alike after)",
        "      G3.20(b) would need: (where applicable) any Smart Metering System (excluding a Communications Hub "
        "Function or Gas Proxy Function{+ which forms part of a SMETS2+ Device+}) for which it is the Responsible "
        "Supplier,",
    ]
    assert "Defined terms: 0" in lines and "Cross-references: 0" in lines
    # The suggested change set, applied after 5.20's, gives G3.20(b) as MP087 made it.
    (doc,) = read_sections(base).value
    after = apply_changesets([doc], [load_changeset(cs), load_changeset(suggested)]).value[0]
    (g617,) = read_sections(BASE).value
    mp087 = apply_changesets([g617], [load_changeset(CHANGES)]).value[0]
    g320b = ClauseRef.parse("G3.20(b)")
    assert after.find(g320b).text == mp087.find(g320b).text
    assert after.find(ClauseRef.parse("G3.17(b)")).text == mp087.find(ClauseRef.parse("G3.17(b)")).text


def test_nothing_fires_on_mp087_with_its_own_change_set():
    r = run_cli("check", BASE, CHANGES)
    assert r.returncode == EXIT_OK, r.stdout
    assert r.stdout.splitlines()[:3] == ["Parallel provisions: 0", "Defined terms: 0", "Cross-references: 0"]
    # What could not be checked is a note on stderr, not a result; -q leaves it out.
    assert "note: defined terms were not checked: the base holds no definitions" in r.stderr
    assert "note:" not in r.stdout
    quiet = run_cli("check", BASE, CHANGES, "-q")
    assert quiet.stdout == r.stdout and "note:" not in quiet.stderr


def test_a_base_alone_shows_the_parallels_that_drifted_and_only_those():
    r = run_cli("check", BASE)
    assert r.returncode == EXIT_DIFFERS
    assert r.stdout.splitlines()[1] == (
        "  G3.17(b): reads like G3.20(b) (86% alike) but not the same: have they drifted apart?"
    )
    (doc,) = read_sections(BASE).value
    mended = apply_changesets([doc], [load_changeset(CHANGES)]).value
    assert [f for f in check_drafting(mended).findings if f.kind == "parallel"] == []  # once mended, alike


def test_parallels_are_found_through_the_index_not_by_comparing_all_pairs():
    (doc,) = read_sections(BASE).value
    index = ParallelIndex([doc])
    words = index.words[index.refs.index("G3.20(b)")]
    assert index.parallels(words) == [("G3.20(b)", 1.0), ("G3.17(b)", pytest.approx(0.8627, abs=1e-3))]
    assert index.parallels(index.words[index.refs.index("G3.18(a)")])[1:] == []  # alike nothing else


def test_an_edit_is_replayed_only_where_its_words_are():
    before, after = "the cat sat on the mat", "the cat sat quietly on the mat"
    assert replay(before, after, "a dog sat on the mat") == "a dog sat quietly on the mat"
    assert replay("the red cat", "the blue cat", "a green dog") is None


def test_an_amendment_that_brings_parallels_together_is_not_drift(before_520):
    base, _ = before_520
    both = HEADER.replace('"6.17"', '"5.19"') + (
        '  - in: G3.17(b)\n    after: "Gas Proxy Function"\n    insert: "which forms part of a SMETS2+ Device"\n'
        '  - in: G3.20(b)\n    after: "Gas Proxy Function"\n    insert: "which forms part of a SMETS2+ Device"\n'
    )
    (doc,) = read_sections(base).value
    result = check_drafting([doc], [load_changeset_text(both, "both.yaml")])
    assert result.findings == ()


# --- defined terms ----------------------------------------------------------------------------------------


def _multi_check(changes: str):
    docs = read_sections(MULTI).value
    return check_drafting(docs, [load_changeset_text(HEADER + changes, "cs.yaml")])


def test_a_capitalised_term_section_a_does_not_define_is_found_with_the_nearest():
    result = _multi_check(
        '  - in: AD 2.2\n    replace: "mandatory field"\n    with: "mandatory Service Requests Field"\n'
    )
    assert [f.line() for f in result.findings] == [
        "AD 2.2: 'Service Requests Field' is capitalised like a defined term, but Section A does not define it; "
        "nearest: 'Service Request'"
    ]


def test_a_defined_term_with_other_capitals_is_found_and_a_defined_one_is_not():
    other = _multi_check('  - in: AD 2.2\n    replace: "a Service Request"\n    with: "a Service request"\n')
    assert [f.line() for f in other.findings] == [
        "AD 2.2: 'Service request' is the defined term 'Service Request' with other capitals"
    ]
    right = _multi_check('  - in: AD 2.2\n    replace: "The DCC shall"\n    with: "The DCC shall, for each User,"\n')
    assert [f for f in right.findings if f.kind == "term"] == []


def test_a_definition_nothing_uses_is_found(tmp_path):
    folder = tmp_path / "base"
    folder.mkdir()
    for p in MULTI.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    a = folder / "section-A.txt"
    a.write_text(
        a.read_text(encoding="utf-8").replace(
            '    "User" means', '    "Unused Illustrative Term" means an illustrative definition.\n\n    "User" means'
        ),
        encoding="utf-8",
    )
    r = run_cli("check", folder)
    assert '"Unused Illustrative Term": is defined, but no provision uses it' in r.stdout
    assert "Communications Hub Function" not in r.stdout.split("Defined terms")[1]  # used in G3.17(b)


# --- cross-references -------------------------------------------------------------------------------------


def test_a_reference_to_a_provision_that_does_not_exist_is_found(tmp_path):
    text = BASE.read_text(encoding="utf-8").replace("requirements of Section G3.18.", "requirements of Section G3.28.")
    (doc,) = [read_text(text, "g.txt").value]
    found = [f.line() for f in check_drafting([doc]).findings if f.kind == "xref"]
    assert found == ["G3.17: refers to G3.28, which does not exist"]
    assert [f for f in check_drafting(read_sections(BASE).value).findings if f.kind == "xref"] == []


def test_words_added_that_refer_to_what_the_change_set_removes_or_renumbers():
    docs = read_sections(BASE).value
    removal = (
        '  - remove: G3.19\n    leave: "[Not used]"\n'
        '  - in: G3.21\n    replace: "need not be required"\n    with: "need not, as Section G3.19 says, be required"\n'
    )
    result = check_drafting(docs, [load_changeset_text(HEADER + removal, "r.yaml")])
    assert [f.line() for f in result.findings if f.kind == "xref"] == []  # G3.19 is still there, "[Not used]"
    gone = removal.replace('    leave: "[Not used]"\n', "")
    result = check_drafting(docs, [load_changeset_text(HEADER + gone, "g.yaml")])
    assert "G3.21: refers to G3.19, which does not exist" in [f.line() for f in result.findings]
    moved = (
        "  - renumber: G3.19\n    to: G3.19A\n"
        '  - in: G3.21\n    replace: "need not be required"\n    with: "need not, as Section G3.19 says, be required"\n'
    )
    result = check_drafting(docs, [load_changeset_text(HEADER + moved, "m.yaml")])
    assert [f.line() for f in result.findings if f.kind == "xref"] == ["G3.21: refers to G3.19, which does not exist"]


# --- the command and the redline --------------------------------------------------------------------------


def test_check_speaks_json_and_exits_3_on_an_unreadable_base(before_520, tmp_path):
    base, cs = before_520
    r = run_cli("check", base, cs, "--format", "json")
    data = json.loads(r.stdout)
    assert r.returncode == EXIT_DIFFERS and data["format"] == "sec-redline drafting checks"
    assert [(f["kind"], f["ref"]) for f in data["findings"]] == [("parallel", "G3.20(b)")]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = run_cli("check", empty)
    assert r.returncode == EXIT_INPUT


def test_redline_writes_the_checks_beside_the_annex_never_inside(before_520, tmp_path):
    base, cs = before_520
    r = run_cli("redline", base, cs, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_OK, r.stderr
    assert "G3.20(b): reads like G3.17(b)" in r.stderr
    md = (tmp_path / "annex" / "draft-checks.md").read_text(encoding="utf-8")
    assert md.startswith("# Draft checks: SECMP0520")
    assert "- `G3.20(b)`: reads like G3.17(b) (100% alike)" in md
    html = (tmp_path / "annex" / "annex-a.html").read_text(encoding="utf-8")
    assert "reads like" not in html and "Draft checks" not in html
    r = run_cli("verify", tmp_path / "annex" / "annex-a.docx", base)
    assert r.returncode == EXIT_OK  # the Annex A is the legal text alone: it still verifies


def test_a_definition_the_change_set_adds_that_nothing_uses_is_found():
    unused = _multi_check('  - define: "Illustrative Unused Term"\n    text: "means an illustrative definition."\n')
    assert [f.line() for f in unused.findings] == [
        '"Illustrative Unused Term": the change set defines it, but no provision uses it'
    ]
    # MP900's own definition, "SMETS2+ Device", is used (G3.17(b), and G3.20(b) after MP900): nothing found.
    r = run_cli("check", MULTI, ROOT / "examples" / "mp900-multi" / "mp900.changes.yaml")
    assert r.returncode == EXIT_OK, r.stdout
