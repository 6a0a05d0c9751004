"""The web view in a real browser: headless Chromium (Debian's, driven by Playwright) opens the versions, goes
to a provision, follows its history, compares two versions, moves through the events with the keyboard, and
downloads the Word redline, which LibreOffice reads back as the two versions (accept all, reject all).  The
pictures in docs/images/ are taken here.  Skipped, with the reason, where Chromium is not installed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sec_redline.serve.support import Served, wait_for
from tests.support import ROOT, lo_read, normalise_ws, requires_chromium, requires_libreoffice

pytestmark = [pytest.mark.browser, requires_chromium]
IMAGES = ROOT / "docs" / "images"


@pytest.fixture(scope="module")
def served(store: Path) -> Iterator[Served]:
    import urllib.request

    with Served(store, "--pending", str(store.parent / "pending.yaml")) as s:

        def summarised() -> bool:  # what each version changed, worked out in the background at start
            with urllib.request.urlopen(f"{s.url}/?format=json", timeout=30) as r:
                return b"being worked out" not in r.read()

        wait_for(summarised)
        yield s


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.tools.browser import chromium

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.problems = []  # what the browser said was wrong: a script error, a refused script or style (CSP)
    pg.on("pageerror", lambda exc: pg.problems.append(f"script error: {exc}"))
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type in ("error", "warning") else None)
    yield pg
    context.close()


def test_a_reviewer_browses_to_a_provision_follows_its_history_and_compares_with_the_keyboard(served, page):
    page.goto(f"{served.url}/")
    assert page.title() == "Versions · SEC versions"
    rows = page.locator("#versions tbody tr td:first-child").all_inner_texts()
    assert rows == ["SEC 6.19", "SEC 6.18", "SEC 6.17"]
    assert "Approved, not yet in force" in page.locator("section.pending").inner_text()
    page.screenshot(path=str(IMAGES / "serve-versions.png"))

    # a version, a document, a provision
    page.get_by_role("link", name="SEC 6.18", exact=True).first.click()
    assert page.url.endswith("/versions/6.18/")
    page.get_by_role("link", name="Section G 'Security'").click()
    assert page.url.endswith("/versions/6.18/section-G")
    assert page.locator("h1").inner_text() == "Section G 'Security'"
    provision = page.locator('[id="G3.20(b)"]')
    assert "which forms part of a SMETS2+ Device" in provision.inner_text()
    page.goto(f"{served.url}/versions/6.18/section-G#G3.20(b)")
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "G3.20(b)"
    page.screenshot(path=str(IMAGES / "serve-document.png"))

    # its history, from its number
    provision.locator("a.history").click()
    assert page.url.endswith("/history/G3.20(b)")
    entries = page.locator("li.history-entry h2").all_inner_texts()
    assert [" ".join(e.split()[:4]) for e in entries] == [
        "amended in SEC 6.19",
        "amended in SEC 6.18",
        "first in SEC 6.17",
    ]
    assert "by MP087" in entries[1] and "by MP950" in entries[0]
    assert page.locator("li.history-entry ins").first.inner_text() == " (illustrative wording)"
    page.screenshot(path=str(IMAGES / "serve-history.png"))

    # back at the versions: compare 6.17 with 6.19, then step through the events with n and p
    page.goto(f"{served.url}/")
    page.select_option("#compare-old", "6.17")
    page.select_option("#compare-new", "6.19")
    page.get_by_role("button", name="Compare").click()
    assert page.url.endswith("/compare/6.17/6.19")
    events = page.locator("nav.contents li[data-event]").count()
    assert events >= 7 and page.locator("#position").inner_text() == f"{events} events shown"
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.locator(".current").get_attribute("id") == "ev-2"
    assert page.locator("#position").inner_text() == f"Event 2 of {events}"
    page.keyboard.press("p")
    assert page.locator(".current").get_attribute("id") == "ev-1"
    page.keyboard.press("p")  # from the first, round to the last in reading order
    assert page.locator(".current").get_attribute("data-event") is not None
    assert page.locator("#position").inner_text() == f"Event {events} of {events}"
    page.select_option("#filter-section", "G")
    shown = page.locator("nav.contents li[data-event]:not([hidden]) a").all_inner_texts()
    assert shown and all(s.startswith("G") for s in shown)
    page.select_option("#filter-section", "")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(IMAGES / "serve-comparison.png"))
    assert page.problems == []  # no script error, nothing the Content-Security-Policy refused


def test_the_code_on_a_day_and_search_in_the_browser(served, page):
    page.goto(f"{served.url}/")
    page.fill("#on-date", "2019-12-01")
    page.locator("form[action='/on'] button").click()
    assert page.url.endswith("/on/2019-12-01/")
    assert "the code in force was SEC 6.18" in page.locator("p.note").inner_text()
    assert "SEC 6.19" in page.locator("section.pending").inner_text()
    page.fill("#q", "Responsible Supplier")
    page.select_option("#search-version", "6.17")
    page.get_by_role("button", name="Search").click()
    hits = page.locator("ol.results li a").all_inner_texts()
    assert "G3.20(b)" in hits
    page.get_by_role("link", name="G3.20(b)", exact=True).click()  # to the provision, on its page
    assert page.url.endswith("/versions/6.17/section-G#G3.20(b)")
    assert page.evaluate("document.querySelector(':target').id") == "G3.20(b)"
    assert page.problems == []


@requires_libreoffice
@pytest.mark.libreoffice
def test_the_word_redline_downloaded_from_the_page_accepts_to_the_new_version_and_rejects_to_the_old(
    served, page, store, tmp_path
):
    from legal_text.text_writer import clause_plain_text
    from sec_redline.store import Store

    page.goto(f"{served.url}/compare/6.17/6.19")
    with page.expect_download() as download:
        page.get_by_role("link", name="the Word redline (tracked changes)").click()
    saved = tmp_path / "redline.docx"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "sec-6.17-to-6.19.docx"
    (view,) = lo_read("lo_revisions.py", saved)
    accepted = normalise_ws(" ".join(view["accept_all"]).replace("\t", " "))
    rejected = normalise_ws(" ".join(view["reject_all"]).replace("\t", " "))
    events = json.loads(page.request.get(f"{served.url}/compare/6.17/6.19?format=json").text())["events"]
    with Store(store, create=False) as st:
        old, new = st.documents("6.17"), st.documents("6.19")

    def words(docs, ref):
        for d in docs:
            for c in d.clauses():
                if str(c.ref) == ref:
                    return normalise_ws((f"{c.label} " if c.kind != "definition" else "") + c.text)
        return None

    checked = 0
    for ev in events:
        if ev["kind"] not in ("amended", "inserted", "deleted") or " Table " in (ev["new"] or ev["old"] or ""):
            continue
        before, after = words(old, ev["old"] or ""), words(new, ev["new"] or "")
        if after:
            assert after.split(" ", 1)[1] in accepted, ev
        if before:
            assert before.split(" ", 1)[1] in rejected, ev
        if before and after and before != after:
            assert before.split(" ", 1)[1] not in accepted or after.split(" ", 1)[1] not in rejected, ev
        checked += 1
    assert checked >= 5
    assert "(illustrative wording)" in accepted and "(illustrative wording)" not in rejected
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]
    assert clause_plain_text  # (the store keeps each provision's words as clause_plain_text gives them)
