"""The web view's routes over the example release's store (Flask's test client: no network): what each page
says, its JSON, and that the comparison is the one `sec-redline diff` makes."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import run_cli

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
PAGES = [
    "/",
    "/versions/6.18/",
    "/versions/6.18/section-G",
    "/versions/6.19/appendix-AD",
    "/history/G3.20(b)",
    "/history/AD%202.2",
    "/compare/6.17/6.18",
    "/compare/6.17/6.19/section-G",
    "/on/2019-12-01/",
    "/on/2019-12-01/section-G",
    "/search?q=Responsible+Supplier",
    "/search",
    "/static/house.css",
    "/static/site.css",
    "/static/comparison.js",
]


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            self.inline.append(f"<{self._in}>{data[:60]}")


def tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_the_security_headers_and_no_inline_script_or_style(client, url):
    for method in (client.get, client.head):
        r = method(url)
        assert r.status_code == 200, (url, r.status_code)
        for name, value in HEADERS.items():
            assert r.headers[name].startswith(value), (url, name)
    r = client.get(url)
    if r.content_type.startswith("text/html"):
        found = tags(r.get_data(as_text=True))
        assert not found.inline, found.inline  # the CSP forbids them: every script and style is a file
        for tag, attrs in found.tags:
            assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/")
        assert 'lang="en-GB"' in r.get_data(as_text=True)


def test_the_versions_newest_first_with_what_each_changed(client, app):
    app.extensions["sec_redline.library"].summarise_all(__import__("threading").Event())
    page = client.get("/").get_data(as_text=True)
    rows = re.findall(r'<tr>\s*<td><a href="/versions/([^/]+)/">', page)
    assert rows == ["6.19", "6.18", "6.17"]
    assert "5 amended, 1 inserted by MP901A, DIR001, SECMP0046, MP087" in text(page)
    assert "Illustrative March 2020 SEC Release" in page and "imported whole" in page
    data = client.get("/?format=json").get_json()
    assert [v["name"] for v in data["versions"]] == ["6.19", "6.18", "6.17"]
    six18 = data["versions"][1]
    assert six18["date"] == "2019-11-07" and six18["base"] == "6.17"
    assert six18["changes"]["counts"]["amended"] == 5 and "MP087" in six18["changes"]["modifications"]
    assert data["versions"][2]["changes"] is None
    assert data["pending"][0]["version"] == "6.20" and data["pending"][0]["modifications"][0]["changes"] == ["G3.19"]


def test_a_version_lists_its_documents_by_the_stems_of_a_release_folder(client, store):
    page = client.get("/versions/6.18/").get_data(as_text=True)
    stems = re.findall(r'<a href="/versions/6\.18/([^"?#]+)">', page)
    assert stems == ["section-A", "section-G", "appendix-AD"]
    assert sorted(p.stem for p in (store.parent / "r618" / "consolidated").glob("*-*.txt")) == sorted(stems)
    data = client.get("/versions/6.18/?format=json").get_json()
    assert [d["document"] for d in data["documents"]] == stems
    assert data["version"]["release"] == "Illustrative November 2019 SEC Release"


def test_a_document_anchors_each_provision_by_its_reference_and_links_to_its_history(client):
    page = client.get("/versions/6.18/section-G").get_data(as_text=True)
    assert (
        '<div class="clause level-1" id="G3.20(b)"><span class="label"><a class="history" href="/history/G3.20(b)"'
        in page
    )
    assert "which forms part of a SMETS2+ Device" in page
    data = client.get("/versions/6.18/section-G?format=json").get_json()
    refs = [p["ref"] for p in data["provisions"]]
    assert refs[:3] == ["G3.17", "G3.17(a)", "G3.17(b)"] and "G3.21" in refs
    b = next(p for p in data["provisions"] if p["ref"] == "G3.20(b)")
    assert b["history"] == "/history/G3.20(b)" and b["url"] == "/versions/6.18/section-G#G3.20(b)"
    assert data["page"] == data["pages"] == 1
    # an Appendix's references hold a space: anchored and linked all the same
    ad = client.get("/versions/6.18/appendix-AD").get_data(as_text=True)
    assert 'id="AD 2.2"' in ad and 'href="/history/AD%202.2"' in ad


def test_a_long_document_is_paginated_and_a_provision_found_on_its_page(client, app, monkeypatch):
    import sec_redline.serve.queries as queries

    monkeypatch.setattr(queries, "PAGE_WORDS", 60)
    app.extensions["sec_redline.library"].refresh()
    lib = app.extensions["sec_redline.library"]
    lib.versions_read.clear()
    lib.pages.clear()
    try:
        first = client.get("/versions/6.18/section-G").get_data(as_text=True)
        pages = client.get("/versions/6.18/section-G?format=json").get_json()["pages"]
        assert pages > 2 and 'rel="next"' in first and 'id="G3.21"' not in first
        r = client.get("/versions/6.18/section-G?at=G3.21")
        assert r.status_code == 303
        assert r.headers["Location"].endswith(f"/versions/6.18/section-G?page={pages}#G3.21")
        last = client.get(f"/versions/6.18/section-G?page={pages}").get_data(as_text=True)
        assert 'id="G3.21"' in last and 'id="G3.17"' not in last
        assert client.get(f"/versions/6.18/section-G?page={pages + 1}").status_code == 404
    finally:
        lib.versions_read.clear()
        lib.pages.clear()


def test_a_history_lists_each_version_that_changed_the_provision_with_its_words_marked(client):
    page = client.get("/history/G3.20(b)").get_data(as_text=True)
    entries = re.findall(r'<h2><span class="kind kind-(\w+)">\w+</span> in <a href="/versions/([^/]+)/">', page)
    assert entries == [("amended", "6.19"), ("amended", "6.18"), ("first", "6.17")]  # newest first
    assert "by MP087" in page and "by MP950" in page
    assert "<ins> which forms part of a SMETS2+ Device</ins>" in page
    assert "<ins> (illustrative wording)</ins>" in page
    data = client.get("/history/G3.20(b)?format=json").get_json()
    assert [(c["version"], c["kind"], c["modification"]) for c in data["changes"]] == [
        ("6.17", "first", None), ("6.18", "amended", "MP087"), ("6.19", "amended", "MP950"),
    ]  # fmt: skip
    assert {"op": "insert", "text": " which forms part of a SMETS2+ Device"} in data["changes"][1]["marked"]
    gone = client.get("/history/G3.21?format=json").get_json()["changes"]
    assert [(c["version"], c["kind"]) for c in gone] == [("6.17", "first"), ("6.19", "deleted")]


@pytest.fixture(scope="module")
def diffed(store: Path) -> Path:
    """`sec-redline diff` of the stored versions, run beside the store (so that it names the store as the web
    view does, by its file name), written as .html, .docx and .json, whole and for Section G."""
    import os

    here = Path.cwd()
    os.chdir(store.parent)
    try:
        for old, new, section, name in (("6.17", "6.18", None, "whole"), ("6.17", "6.19", "G", "g")):
            args = ["diff", "--from-version", old, "--to-version", new, "--store", "versions.sqlite"]
            args += ["--section", section] if section else []
            r = run_cli(*args, "-o", f"{name}.html", "-o", f"{name}.docx", "-o", f"{name}.json")
            assert r.returncode == 0, r.stderr
            (store.parent / f"{name}.lines").write_text(r.stdout, encoding="utf-8")
    finally:
        os.chdir(here)
    return store.parent


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start)) + len(end)]


@pytest.mark.parametrize(("url", "name"), [("/compare/6.17/6.18", "whole"), ("/compare/6.17/6.19/section-G", "g")])
def test_the_comparison_is_the_one_diff_writes(client, diffed, url, name):
    page = client.get(url).get_data(as_text=True)
    written = (diffed / f"{name}.html").read_text(encoding="utf-8")
    # the marked text, the events' contents and the toolbar: the same markup as `diff -o FILE.html`
    for start, end in (("<main>", "</main>"), ('<nav class="contents"', "</nav>"), ('<div class="toolbar"', "</div>")):
        assert _between(page, start, end) == _between(written, start, end), start
    assert _between(page, '<p class="summary">', "</p>") == _between(written, '<p class="summary">', "</p>")
    printed = (diffed / f"{name}.lines").read_text(encoding="utf-8").split("(clauses and paragraphs).")[0]
    events = [line.split(None, 1) for line in printed.splitlines()[:-1] if not line.startswith(" ")]
    shown = re.findall(r'<span class="kind kind-\w+">(\w+)</span> <a href="#ev-\d+">([^<]+)</a>', page)
    assert [(k, html.unescape(w)) for k, w in shown] == [(k, w) for k, w in events] and events
    docx = client.get(f"{url}?format=docx")
    assert docx.data == (diffed / f"{name}.docx").read_bytes()
    assert docx.headers["Content-Disposition"].startswith('attachment; filename="sec-6.17-to-6.1')
    assert client.get(f"{url}?format=json").data == (diffed / f"{name}.json").read_bytes()


def test_the_comparison_offers_its_documents_and_downloads(client):
    page = client.get("/compare/6.17/6.18").get_data(as_text=True)
    assert 'href="/compare/6.17/6.18?format=docx"' in page and 'href="/compare/6.17/6.18?format=json"' in page
    assert '<option value="appendix-AD">' in page
    r = client.get("/compare/6.17/6.18?document=appendix-AD")
    assert r.status_code == 303 and r.headers["Location"].endswith("/compare/6.17/6.18/appendix-AD")
    r = client.get("/compare?old=6.17&new=6.19")
    assert r.status_code == 303 and r.headers["Location"].endswith("/compare/6.17/6.19")


def test_the_code_on_a_day_says_which_version_and_shows_what_is_approved_apart(client):
    before = text(client.get("/on/2019-10-01/").get_data(as_text=True))
    assert "the code in force was SEC 6.17 (its go-live date is not recorded" in before
    between = client.get("/on/2019-12-01/").get_data(as_text=True)
    assert "the code in force was SEC 6.18, in force from 7 November 2019" in text(between)
    pending = _between(between, '<section class="pending"', "</section>")
    assert "SEC 6.19" in pending and "go-live 1 March 2020" in pending  # held, later
    assert "Illustrative June 2020 SEC Release" in pending and 'href="/history/G3.19"' in pending  # not yet held
    on = client.get("/on/2020-03-01/?format=json").get_json()
    assert on["in_force"]["name"] == "6.19" and on["later"] == [] and on["pending"][0]["version"] == "6.20"
    doc = client.get("/on/2019-12-01/section-G").get_data(as_text=True)
    assert "the version in force on 1 December 2019" in text(doc) and "SMETS2+ Device) for which" in doc
    assert "(illustrative wording)" not in _between(doc, '<section class="document"', "</section>")
    assert client.get("/on?date=2019-12-01").headers["Location"].endswith("/on/2019-12-01/")


def test_search_finds_the_provisions_holding_the_words_and_where_a_term_is_defined_and_used(client):
    page = client.get("/search?q=Responsible+Supplier&version=6.18").get_data(as_text=True)
    hits = re.findall(r'<li><a href="/versions/6\.18/[^"]+\?at=[^"]+">([^<]+)</a>', page)
    assert "G3.17(b)" in hits and "G3.20(b)" in hits
    assert "<mark>Responsible</mark> <mark>Supplier</mark>" in page
    term = html.unescape(client.get('/search?q="SMETS2%2B+Device"&version=6.18').get_data(as_text=True))
    assert "“SMETS2+ Device” is defined in" in term and 'A1.1["SMETS2+ Device"]' in term
    used = re.search(r'used in <a href="([^"]+)">(\d+) other provision', term)
    assert used and int(used.group(2)) == 2  # G3.17(b) and G3.20(b) of 6.18
    listed = client.get(used.group(1)).get_data(as_text=True)  # the search it links to: those and the definition
    assert len(re.findall(r"<li><a href=", listed)) == 3
    data = client.get("/search?q=responsible&version=6.17&format=json").get_json()
    assert data["version"] == "6.17" and data["total"] == len(data["provisions"]) > 0
    assert all("responsible" in p["words"].casefold() for p in data["provisions"])
    assert client.get("/search?q=").status_code == 200  # the form


def test_nothing_is_written_and_the_store_is_read_only(client, store):
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    listing = sorted(p.name for p in store.parent.iterdir())
    for url in PAGES:
        client.get(url)
    assert client.post("/").status_code == 405 and client.delete("/versions/6.18/").status_code == 405
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in store.parent.iterdir()) == listing


def test_a_new_version_in_the_store_is_seen_at_once(tmp_path):
    from legal_text import read_code
    from sec_redline.serve import create_app
    from sec_redline.store import Store
    from tests.sec_redline.serve.support import build_store

    path = build_store(tmp_path)
    client = create_app(path).test_client()
    assert client.get("/versions/6.19/section-G").status_code == 200
    with Store(path) as st:
        docs = st.documents("6.19")
        st.add_version("6.19.1", list(docs), date="2020-03-02", base="6.19", release="Illustrative patch")
    assert "6.19.1" in [v["name"] for v in client.get("/?format=json").get_json()["versions"]]
    assert client.get("/versions/6.19.1/section-G").status_code == 200
    assert read_code  # (imported for the reader of this test: the store parses each version's text)


@pytest.mark.parametrize("version", ["6.18", "6.19"])
def test_a_document_downloads_as_the_release_folder_holds_it(client, store, version):
    """?format=txt and ?format=docx: byte for byte the release's consolidated/ files (the docx dated the go-live)."""
    folder = store.parent / f"r{version.replace('.', '')}" / "consolidated"
    for stem in ("section-A", "section-G", "appendix-AD"):
        for kind in ("txt", "docx"):
            r = client.get(f"/versions/{version}/{stem}?format={kind}")
            assert r.status_code == 200 and r.data == (folder / f"{stem}.{kind}").read_bytes(), (stem, kind)
            assert r.headers["Content-Disposition"] == f'attachment; filename="sec-{version}-{stem}.{kind}"'
    page = client.get(f"/versions/{version}/section-G").get_data(as_text=True)
    assert f'href="/versions/{version}/section-G?format=docx"' in page


def test_a_long_comparison_comes_in_pages_of_whole_sections(client, app, monkeypatch):
    import sec_redline.serve.routes as routes

    monkeypatch.setattr(routes, "COMPARISON_PAGE_EVENTS", 2)
    app.extensions["sec_redline.library"].pages.clear()
    try:
        first = client.get("/compare/6.17/6.19").get_data(as_text=True)
        pages = re.findall(r'<a href="/compare/6\.17/6\.19\?page=(\d+)">', first)
        assert pages and 'rel="next"' in first
        main = _between(first, "<main>", "</main>")
        assert 'data-section="A"' in main and 'data-section="G"' not in main
        # every event is listed on every page; one on another page is linked there
        assert re.search(r'<a href="/compare/6\.17/6\.19\?page=2#ev-\d+">G3\.19</a>', first)
        second = client.get("/compare/6.17/6.19?page=2").get_data(as_text=True)
        assert 'data-section="G"' in _between(second, "<main>", "</main>")
        assert client.get("/compare/6.17/6.19?page=9").status_code == 404
        assert client.get("/compare/6.17/6.19?page=2&format=json").status_code == 404
    finally:
        app.extensions["sec_redline.library"].pages.clear()


@pytest.mark.parametrize("url", ["/compare/6.17/6.17", "/compare/6.18/6.18/section-G", "/compare/6.18/6.18?page=1"])
def test_a_version_compared_with_itself_has_no_differences(client, url):
    """The form lets a reviewer pick the same version twice: the page says there is nothing, as diff does."""
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[-500:]
    assert "no differences" in text(r.get_data(as_text=True)).lower()
