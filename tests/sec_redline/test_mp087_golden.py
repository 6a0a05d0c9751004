"""The reference case: MP087 against the seed documents (tests/fixtures/seed-documents.txt)."""

import re

from legal_text import Clause, ClauseRef, read_text, render_text
from legal_text.diff import diff_documents
from legal_text.ooxml import paragraph_texts, read_revisions
from legal_text.text_writer import clause_plain_text
from sec_redline.annex import build_annex
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.render.annex_docx import render_annex_docx
from sec_redline.render.annex_html import render_annex_html
from tests.support import BASE, CHANGES, normalise_ws, run_cli

# Extraction noise listed in ../shared/mp087/README.md, corrected the same way everywhere.
NOISE = [
    (re.compile(r"(?m)^(\s*)@\)?(?=\s)"), r"\1(a)"),  # "@)" or "@" for "(a)" at the start of a line
    (re.compile(r"\(©\)"), "(c)"),  # "(©)" for "(c)"
    (re.compile(r"SEC —\s*\nSection G 322\s*\n"), ""),  # the running footer inside G3.17(a)
]


def correct(text: str) -> str:
    for pattern, repl in NOISE:
        text = pattern.sub(repl, text)
    return text


def amended():
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    cs = load_changeset(CHANGES)
    return base, apply_changeset(base, cs).value, cs


def clause_text(doc, ref):
    return clause_plain_text(doc.find(ClauseRef.parse(ref)))


def test_amended_part_equals_seed_annex_a(seed_text):
    annex = seed_text[seed_text.rindex("Manufacturers: Duty to Notify and Be Notified") :]
    _, new, _ = amended()
    ours = " ".join([new.body[0].text] + [clause_plain_text(c) for c in new.body if isinstance(c, Clause)])
    assert normalise_ws(ours) == normalise_ws(correct(annex))


def test_problem_statement_quotes_match(seed_text):
    """The problem statement quotes G3.17 (as changed at 5.20) and the intended G3.20."""
    _, new, _ = amended()
    start = seed_text.index("G3.17 Where a User")
    g317 = seed_text[start : seed_text.index("The following change should have been made")]
    assert normalise_ws(correct(g317)) == normalise_ws(clause_text(new, "G3.17"))
    start = seed_text.index("G3.20 Each User")
    g320 = seed_text[start : seed_text.index("With BEIS confirming")]
    assert normalise_ws(correct(g320)) == normalise_ws(clause_text(new, "G3.20"))


def test_base_wording_is_the_readme_wording():
    base, _, _ = amended()
    assert base.find(ClauseRef.parse("G3.20(b)")).text == (
        "(where applicable) any Smart Metering System (excluding a Communications Hub Function or "
        "Gas Proxy Function) for which it is the Responsible Supplier,"
    )


def test_annex_a_layout_as_published():
    base, new, cs = amended()
    data = render_annex_docx(build_annex(diff_documents(base, new), cs))
    paras = [p for p in paragraph_texts(data, "new") if p]
    assert paras[:9] == [
        "MP087 'Correction to SEC Section G - User Responsibilities'",
        "Annex A",
        "Legal text - version 0.1",
        "About this document",
        "This document contains the redlined changes to the SEC that would be required to deliver this "
        "Modification Proposal.",
        "These changes have been drafted against SEC Version 6.17.",
        "Section G 'Security'",
        "Amend Section G3.20 as follows:",
        "Manufacturers: Duty to Notify and Be Notified",
    ]
    assert paras[9].startswith("G3.17\tWhere a User") and paras[-1].startswith("G3.21\tAny arrangements")
    revs = read_revisions(data)
    assert [(r.kind, r.author, r.date, r.text) for r in revs] == [
        ("ins", "SECAS", "2019-10-04T00:00:00Z", " which forms part of a SMETS2+ Device")
    ]


def test_html_sides_and_golden(golden):
    import lxml.html

    base, new, cs = amended()
    html = render_annex_html(build_annex(diff_documents(base, new), cs))
    golden("mp087", "annex-a.html", html)
    main = lxml.html.fromstring(html).find(".//main")

    def side(drop):
        tree = lxml.html.fromstring(lxml.html.tostring(main))
        for el in tree.iter(drop):
            el.drop_tree()
        return normalise_ws(tree.text_content())

    def expected(doc):
        parts = [f"Section {doc.section} '{doc.title}'", "Amend Section G3.20 as follows:", doc.body[0].text]
        return normalise_ws(" ".join(parts + [clause_plain_text(c) for c in doc.body if isinstance(c, Clause)]))

    assert side("del") == expected(new)
    assert side("ins") == expected(base)
    assert html.count("<ins>") == 2  # the legend's example and the one insertion


def test_amended_text_golden(golden):
    _, new, _ = amended()
    golden("mp087", "section-G.amended.txt", render_text(new.with_version("")))


def test_outputs_are_byte_identical_across_runs(tmp_path):
    for run in ("one", "two"):
        r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / run, "--no-pdf")
        assert r.returncode == 0, r.stderr
        r = run_cli("report", CHANGES.parent / "mp087.report.yaml", "-o", tmp_path / run)
        assert r.returncode == 0, r.stderr
    for name in (
        "annex-a.docx",
        "annex-a.html",
        "modification-report.docx",
        "modification-report.html",
        "modification-report.md",
    ):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
