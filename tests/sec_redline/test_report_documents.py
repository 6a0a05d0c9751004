"""Issue 6: the MP087 documents regenerated from metadata, with computed facts and consistency checks."""

import re
import subprocess

import lxml.html
import pytest

from legal_text import read_text
from sec_redline.apply import apply_changeset
from sec_redline.changeset import load_changeset
from sec_redline.errors import EXIT_STRICT
from sec_redline.report import check_report, load_report_metadata, render_document, report_context
from tests.support import BASE, CHANGES, REPORT, normalise_ws, requires_libreoffice, run_cli


def seed_normalised(seed_text):
    return normalise_ws(
        seed_text.replace("’", "'")
        .replace("‘", "'")
        .replace(" — ", " - ")
        .replace("MPO087", "MP087")
        .replace("MP0O87", "MP087")
    )


def context(with_changes=True):
    meta = load_report_metadata(REPORT)
    cs = load_changeset(CHANGES) if with_changes else None
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    amended = [apply_changeset(base, cs).value] if cs else []
    warnings = check_report(meta, cs)
    return meta, report_context(meta, cs, amended, warnings), warnings


def sections(html):
    """{h2 heading: normalised text up to the next h2}."""
    tree = lxml.html.fromstring(html)
    out, current = {}, None
    for el in tree.find("body").iter():
        if el.tag == "h2":
            current = normalise_ws(el.text_content())
            out[current] = []
        elif current and el.tag in ("p", "li", "td", "h3") and el.getparent().tag != "li":
            out[current].append(normalise_ws(el.text_content()))
    return out


def test_mp087_consistency_warnings():
    _, _, warnings = context()
    texts = [w.text for w in warnings]
    assert texts == [
        "7 November 2020 is a Saturday",
        "'7 November 2020 (November 2019 SEC Release)': the November 2019 SEC Release cannot be in November 2020",
        "'7 November 2020 (November 2019 SEC Release)': the November 2019 SEC Release is on 7 November 2019",
        "glossary: TABASC is never used in the report",
    ]
    assert str(warnings[0].where) == f"{REPORT}:119"


def test_report_sections_match_the_seed(seed_text):
    meta, ctx, _ = context()
    got = sections(render_document("modification-report", "html", meta, ctx))
    seed = seed_normalised(seed_text)
    start = seed.index("This document is the Modification Report for MP087")
    report_seed = seed[start : seed.index("If you have any questions on this modification")]
    for heading in (
        "About this document",
        "1. Summary",
        "2. Background",
        "3. Solution",
        "4. Impacts",
        "5. Costs",
        "6. Implementation approach",
        "7. Conclusions",
    ):
        for text in got[heading]:
            if text.startswith(
                (
                    "Timeline",
                    "Panel decision",
                    "End of the",
                    "Earliest",
                    "SEC Release it",
                    "11 October 2019",
                    "1 November 2019",
                    "4 November 2019",
                    "November 2019 SEC Release (",
                )
            ):
                continue  # the computed timeline table is new
            if text in ("", "✓", "Notes") or text in {
                "Large Suppliers",
                "Small Suppliers",
                "Electricity Network Operators",
                "Gas Network Operators",
                "Other SEC Parties",
                "DCC",
                "SEC Party Categories impacted",
            }:
                continue  # the tick table, checked below
            assert (
                text.replace("Objective (a)1", "Objective (a)").replace("Objective (g)2", "Objective (g)")
                in report_seed
            ), (heading, text)
    table = lxml.html.fromstring(render_document("modification-report", "html", meta, ctx)).find_class("glossary")[0]
    ours = [normalise_ws(tr[0].text_content()) for tr in table.iter("tr")][1:]
    acronyms = re.findall(
        r"\n([A-Z]{2,}[a-z]?[A-Z]*) ",
        seed_text[seed_text.index("Acronym Full term") : seed_text.index("If you have any questions")],
    )
    seed_acronyms = [a.replace("CSsC", "CSC") for a in acronyms]
    assert ours == sorted(a for a in seed_acronyms if a != "TABASC")  # TABASC is never used: left out, warned


def test_computed_facts():
    _meta, ctx, _ = context()
    assert ctx["timeline"] == {
        "decision": "11 October 2019 (Friday)",
        "period_ends": "1 November 2019",
        "earliest": "4 November 2019",
        "release": "November 2019 SEC Release (7 November 2019)",
    }
    assert ctx["sections_impacted"] == ["Section G 'Security'"]
    rows = {name: ticked for row in ctx["party_rows"] for name, ticked in row}
    assert [n for n, t in rows.items() if t] == ["Large Suppliers", "Small Suppliers", "DCC"]


def test_problem_statement_quotes_the_amended_clauses(seed_text):
    meta, ctx, _ = context()
    html = render_document("problem-statement", "html", meta, ctx)
    quotes = [normalise_ws(q.text_content()) for q in lxml.html.fromstring(html).iter("blockquote")]
    seed = seed_normalised(seed_text.replace("SEC —\nSection G 322\n", "").replace("\n@ ", "\n(a) "))
    assert len(quotes) == 2
    for quote in quotes:
        assert quote in seed, quote


def test_panel_paper_recommendations_and_action():
    meta, ctx, _ = context()
    html = render_document("panel-paper", "html", meta, ctx)
    tree = lxml.html.fromstring(html)
    assert normalise_ws(tree.find_class("action")[0].text_content()) == "Action: For Decision"
    recs = [
        normalise_ws(li.text_content()) for li in tree.xpath("//h2[contains(., 'Recommendations')]/following::ul[1]/li")
    ]
    assert recs == [
        "AGREE that DP087 is ready to be converted to a Modification Proposal;",
        "AGREE that MP087 should be progressed and approved as a Fast-Track Modification Proposal;",
        "APPROVE the Modification Report; and",
        "APPROVE the implementation approach.",
    ]


def test_section_named_but_not_touched(tmp_path):
    cs = tmp_path / "cs.yaml"
    cs.write_text(CHANGES.read_text().replace("in: G3.20(b)", "in: H3.20(b)"), encoding="utf-8")
    meta = load_report_metadata(REPORT)
    texts = [w.text for w in check_report(meta, load_changeset(cs))]
    assert "Section G 'Security' is named as impacted, but MP087's change set does not touch it" in texts
    assert "the change set changes Section H, which the report does not name as impacted" in texts


def test_costs_that_do_not_add_up(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(REPORT.read_text().replace("    days: 2\n", "    days: 2\n    day_rate: 500\n"), encoding="utf-8")
    texts = [w.text for w in check_report(load_report_metadata(p))]
    assert "SECAS costs: 2 days at £500 is £1,000, not £1,200" in texts


def test_report_cli_warns_on_stderr_and_strict_fails(tmp_path):
    r = run_cli(
        "report",
        REPORT,
        "--changes",
        CHANGES,
        "--base",
        BASE,
        "-o",
        tmp_path / "out",
        "--documents",
        "modification-report",
    )
    assert r.returncode == 0, r.stderr
    assert f"{REPORT}:119: warning: 7 November 2020 is a Saturday" in r.stderr
    html = (tmp_path / "out" / "modification-report.html").read_text()
    assert "Draft checks" in html and "7 November 2020 is a Saturday" in html
    strict = run_cli("report", REPORT, "-o", tmp_path / "strict", "--strict")
    assert strict.returncode == EXIT_STRICT and not (tmp_path / "strict").exists()


@requires_libreoffice
@pytest.mark.libreoffice
def test_libreoffice_converts_every_report_document(tmp_path):
    r = run_cli("report", REPORT, "--changes", CHANGES, "--base", BASE, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    docs = sorted(tmp_path.glob("*.docx"))
    assert len(docs) == 3
    conv = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, docs),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert conv.returncode == 0, conv.stderr
    for d in docs:
        pdf = tmp_path / "pdf" / (d.stem + ".pdf")
        assert pdf.read_bytes().startswith(b"%PDF"), d.name


@pytest.mark.parametrize("name", ["problem-statement", "panel-paper"])
def test_problem_statement_and_panel_paper_text_is_the_seed_text(name, seed_text):
    meta, ctx, _ = context()
    tree = lxml.html.fromstring(render_document(name, "html", meta, ctx))
    seed = seed_normalised(seed_text).replace("Sub- Committee", "Sub-Committee")
    checked = 0
    for el in tree.iter("p", "li"):
        if (
            el.getparent().tag == "blockquote"
            or "classification" in (el.get("class") or "")
            or any("checks" in (a.get("class") or "") for a in el.iterancestors())
        ):
            continue  # quotes are checked above; the checks box and classification are ours
        text = normalise_ws(el.text_content())
        if len(text) < 60 or text.startswith("If the Panel approves on"):  # the computed timeline sentence
            continue
        if text.startswith("This Draft Proposal has been raised on behalf of"):
            continue  # the seed names the proposer; we name the Sub-Committee only
        if text.startswith(("AGREE", "APPROVE")):
            continue  # the recommendations, checked word for word above
        assert text in seed, text
        checked += 1
    assert checked >= 8
