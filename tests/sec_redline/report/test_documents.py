"""The MP087 report documents regenerated from metadata: their text is the seed's, in Word and HTML."""

import re
from pathlib import Path

import lxml.html
import pytest

from sec_redline.errors import EXIT_STRICT
from sec_redline.render import docx_to_pdf
from sec_redline.report import render_document
from tests.sec_redline.report.support import SECTIONS, context, page_words, seed_normalised
from tests.support import BASE, CHANGES, REPORT, ROOT, normalise_ws, requires_libreoffice, run_cli


def sections(html):
    """{h2 heading: normalised text up to the next h2}."""
    tree = page_words(html)
    out, current = {}, None
    for el in tree.find("body").iter():
        if el.tag == "h2":
            current = normalise_ws(el.text_content())
            out[current] = []
        elif current and el.tag in ("p", "li", "td", "h3") and el.getparent().tag != "li":
            out[current].append(normalise_ws(el.text_content()))
    return out


def test_report_sections_match_the_seed(seed_text):
    meta, ctx, _ = context()
    got = sections(render_document("modification-report", "html", meta, ctx))
    seed = seed_normalised(seed_text)
    start = seed.index("This document is the Modification Report for MP087")
    report_seed = seed[start : seed.index("If you have any questions on this modification")]
    for heading in SECTIONS[:8]:  # up to the glossary and contact block
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
    for d in docs:
        assert docx_to_pdf(d.read_bytes(), d.stem).startswith(b"%PDF"), d.name


def seed_footnotes(seed_text):
    """The Modification Report's footnotes as the seed prints them at the foot of the page ("1 Facilitate ...")."""
    end = seed_normalised(seed_text).split("Sub-Committee views", 1)[1].split("Appendix 1: Glossary", 1)[0]
    return [text.strip() for text in re.split(r"(?:^| )[12] (?=Facilitate)", end)[1:]]


def test_the_report_notes_are_footnotes_linked_both_ways_in_html(seed_text):
    """Issue 17: each note call links to its note and each note links back to its call; ids are unique; the
    notes are the seed's footnotes, called from the objectives the seed calls them from."""
    meta, ctx, _ = context()
    tree = lxml.html.fromstring(render_document("modification-report", "html", meta, ctx))
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    calls = tree.xpath('//a[@role="doc-noteref"]')
    assert len(calls) == 2
    for n, call in enumerate(calls, start=1):
        (note,) = tree.xpath(f'//section[@role="doc-endnotes"]//li[@id="{call.get("href")[1:]}"]')
        (back,) = note.xpath('.//a[@role="doc-backlink"]')
        assert back.get("href") == f"#{call.get('id')}"
        assert normalise_ws(call.getparent().getparent().text_content()) == f"Objective ({'ag'[n - 1]}){n}"
    notes = page_words(render_document("modification-report", "html", meta, ctx)).xpath("//section//li")
    assert [normalise_ws(li.text_content()) for li in notes] == seed_footnotes(seed_text)


@requires_libreoffice
@pytest.mark.libreoffice
def test_libreoffice_reads_the_report_notes_as_footnotes(tmp_path, seed_text):
    """Issue 17: in the Word Modification Report the notes are real footnotes: LibreOffice's footnotes collection
    holds the seed's two notes, each called from its objective, and the body has no "Notes" heading; the problem
    statement and Panel paper have no notes."""
    from tests.support import lo_lists

    r = run_cli("report", REPORT, "--changes", CHANGES, "--base", BASE, "-o", tmp_path)
    assert r.returncode == 0, r.stderr
    read = {Path(d["file"]).stem: d for d in lo_lists("notes", *sorted(str(p) for p in tmp_path.glob("*.docx")))}
    report = read["modification-report"]
    assert [normalise_ws(n["text"]) for n in report["footnotes"]] == seed_footnotes(seed_text)
    assert [n["called_from"] for n in report["footnotes"]] == ["Objective (a)1", "Objective (g)2"]
    assert "Notes" not in report["paragraphs"] and not any("Facilitate" in p for p in report["paragraphs"])
    for name in ("problem-statement", "panel-paper"):
        assert read[name]["footnotes"] == [] and read[name]["endnotes"] == []
    assert report["endnotes"] == []


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


def test_metadata_with_only_the_required_fields_writes_every_document(tmp_path):
    """Every field the schema marks optional ('?') left out, at every depth (but the sections the problem
    statement and the Panel paper are made from): the templates never reach for one unguarded (an optional
    'annexes:' left out once stopped the report)."""
    import yaml

    from sec_redline.report.metadata import SCHEMA

    def required(data, schema):
        if isinstance(schema, dict) and isinstance(data, dict):
            kept = {}
            for key, sub in schema.items():
                name = key.rstrip("?")
                if (key.endswith("?") and name not in ("problem_statement", "panel_paper")) or name not in data:
                    continue
                kept[name] = required(data[name], sub)
            return kept
        if isinstance(schema, list) and isinstance(data, list):
            return [required(item, schema[0]) for item in data]
        return data

    full = yaml.safe_load((ROOT / "examples" / "mp087" / "mp087.report.yaml").read_text(encoding="utf-8"))
    bare = required(full, SCHEMA)
    assert "annexes" not in bare and "dates" not in bare and bare["summary"] == full["summary"]
    path = tmp_path / "bare.report.yaml"
    path.write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")
    r = run_cli("report", path, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "is missing from the data" not in r.stderr
    assert {p.suffix for p in (tmp_path / "out").iterdir()} == {".docx", ".html", ".md"}


def test_the_bases_warnings_are_said_and_strict_exits_on_them(tmp_path):
    """What the reader cannot place in --base is reported, as every command taking a base reports it, and
    --strict turns it into an exit with nothing written."""
    base = tmp_path / "section-G.txt"
    stray = "An illustrative stray line the reader cannot place."
    text = BASE.read_text("utf-8")
    base.write_text(text.replace("\nG3", f"\n{stray}\nG3", 1), encoding="utf-8")
    r = run_cli("report", REPORT, "--changes", CHANGES, "--base", base, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    said = [line for line in r.stderr.splitlines() if line.startswith(f"{base}:") and ": warning: " in line]
    assert said, r.stderr
    strict = run_cli("report", REPORT, "--changes", CHANGES, "--base", base, "-o", tmp_path / "strict", "--strict")
    assert strict.returncode == EXIT_STRICT, strict.stderr
    assert not (tmp_path / "strict").exists()
