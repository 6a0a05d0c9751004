"""The computed facts the templates use: timeline, release, Sections impacted, quotes."""

import lxml.html

from sec_redline.report import render_document
from tests.sec_redline.report.support import context, seed_normalised
from tests.support import normalise_ws


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
