"""The Annex A page: inserted words in <ins>, deleted in <del>, everything else escaped."""

import lxml.html

from legal_text import Run, diff_documents, read_text
from sec_redline.annex import build_annex
from sec_redline.apply import apply_changeset
from sec_redline.changes import load_changeset
from sec_redline.render import render_annex_html, runs_html
from tests.support import BASE, CHANGES


def test_runs_are_marked_and_escaped():
    html = runs_html((Run("equal", "a <b> & "), Run("insert", "new"), Run("delete", "<old>")))
    assert str(html) == "a &lt;b&gt; &amp; <ins>new</ins><del>&lt;old&gt;</del>"


def test_mp087_page_marks_one_insertion():
    base = read_text(BASE.read_text(encoding="utf-8"), str(BASE)).value
    cs = load_changeset(CHANGES)
    page = render_annex_html(build_annex(diff_documents(base, apply_changeset(base, cs).value), cs))
    tree = lxml.html.fromstring(page)
    marked = [i for i in tree.iter("ins", "del") if not i.xpath("ancestor::*[contains(@class, 'legend')]")]
    assert [(i.tag, i.text_content().strip()) for i in marked] == [("ins", "which forms part of a SMETS2+ Device")]
    assert "Amend Section G3.20 as follows:" in tree.text_content()
