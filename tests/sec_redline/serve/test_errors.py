"""Every route answers a malformed or unknown version, document, reference, date or query with 404 or 400,
never 500; each error page names what was asked; no response holds a traceback or a path of this machine."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import ROOT

LONG = "x" * 400
# (address, status, what the page must name)
CASES = [
    # versions
    ("/versions/9.99/", 404, "9.99"),
    ("/versions/9.99/section-G", 404, "9.99"),
    ("/versions/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", 404, "&lt;script&gt;alert(1)"),
    ("/versions/..%2F..%2Fetc/", 404, ""),
    ("/versions/%00/", 400, ""),
    ("/versions/%FF%FE/", 404, ""),
    (f"/versions/{LONG}/", 400, ""),
    ("/versions/6.18%0Aevil/", 400, ""),
    ("/compare/9.99/6.18", 404, "9.99"),
    ("/compare/6.17/9.99", 404, "9.99"),
    ("/compare/6.17/9.99?format=docx", 404, "9.99"),
    ("/compare?old=6.17", 400, ""),
    ("/compare?old=6.17&new=0.1", 404, "0.1"),
    ("/search?q=supplier&version=9.99", 404, "9.99"),
    ("/search?q=supplier&version=9.99&format=json", 404, "9.99"),
    # documents
    ("/versions/6.18/section-Z", 404, "section-Z"),
    ("/versions/6.18/..", 404, ""),
    ("/versions/6.18/%2e%2e%2f%2e%2e%2fsecret", 404, ""),
    (f"/versions/6.18/{LONG}", 404, ""),
    ("/versions/6.18/section-Z?format=json", 404, "section-Z"),
    ("/compare/6.17/6.18/section-Z", 404, "section-Z"),
    ("/compare/6.17/6.18/section-Z?format=docx", 404, "section-Z"),
    ("/on/2019-12-01/section-Z", 404, "section-Z"),
    # references
    ("/history/G99.99", 404, "G99.99"),
    ("/history/AD%209.9.9", 404, "AD 9.9.9"),
    ("/history/zz%25", 400, "zz%"),
    ("/history/G3.20(b", 400, "G3.20(b"),
    ('/history/A1.1["x', 400, ""),
    ("/history/%00", 400, ""),
    (f"/history/{LONG}", 400, ""),
    ("/history/G3.20(b)?format=xml", 400, "xml"),
    ("/versions/6.18/section-G?at=G99.1", 404, "G99.1"),
    ("/versions/6.18/section-G?at=((", 400, "(("),
    ("/versions/6.18/section-G?at=H1.1", 404, "H1.1"),
    # dates
    ("/on/2019-13-01/", 400, "2019-13-01"),
    ("/on/2019-02-30/", 400, "2019-02-30"),
    ("/on/yesterday/", 400, "yesterday"),
    ("/on/2019-02-30/section-G", 400, "2019-02-30"),
    ("/on?date=", 400, ""),
    ("/on?date=32/01/2020", 400, "32/01/2020"),
    # queries and pages
    (f"/search?q={LONG}", 400, "too long"),
    ("/search?q=a%00b", 400, "control character"),
    ("/search?q=x&format=json&version=6.18&page=0", 400, "page"),
    ("/search?q=supplier&page=999", 404, "999"),
    ("/search?format=json", 400, ""),
    ("/versions/6.18/section-G?page=0", 400, "page"),
    ("/versions/6.18/section-G?page=-1", 400, "page"),
    ("/versions/6.18/section-G?page=abc", 400, "abc"),
    ("/versions/6.18/section-G?page=99999999", 400, ""),
    ("/versions/6.18/section-G?page=2", 404, "page 2"),
    ("/versions/6.18/?format=docx", 400, "docx"),
    ("/?format=%3Cb%3E", 400, "&lt;b&gt;"),
    ("/compare/6.17/6.18?format=pdf", 400, "pdf"),
    # addresses that are no route
    ("/nope", 404, "/nope"),
    ("/versions/", 404, ""),
    ("/versions/6.18/section-G/extra", 404, ""),
    ("/static/../../etc/passwd", 404, ""),
    ("/static/app.py", 404, "app.py"),
]


def forbidden(app, store) -> list[str]:
    """What no response may hold: a traceback, or a path of this machine (the store's folder, the code's)."""
    import sec_redline

    return ["Traceback", 'File "', str(store.parent), str(ROOT), str(sec_redline.__file__), "site-packages"]


def check_clean(body: str, app, store) -> None:
    for word in forbidden(app, store):
        assert word not in body, word
    assert not re.search(r"/(tmp|home|root|usr|work)/", body), re.search(r"/(tmp|home|root|usr|work)/.{0,40}", body)


@pytest.mark.parametrize(("url", "status", "named"), CASES)
def test_every_route_answers_bad_input_with_400_or_404_naming_it(client, app, store, url, status, named):
    for method in (client.get, client.head):
        r = method(url)
        assert r.status_code == status, (url, r.status_code, r.get_data(as_text=True)[-600:])
        assert (
            r.headers["X-Content-Type-Options"] == "nosniff"
            and "default-src 'none'" in r.headers["Content-Security-Policy"]
        )
    body = client.get(url).get_data(as_text=True)
    check_clean(body, app, store)
    assert "<script>alert" not in body
    if named:
        assert named in body, (url, body[-800:])
    if "format=json" in url:
        assert client.get(url).get_json()["status"] == status


def test_a_method_that_would_write_is_refused_with_405(client):
    for url in ("/", "/versions/6.18/", "/history/G3.20(b)", "/search"):
        for method in (client.post, client.put, client.delete, client.patch):
            r = method(url, data=b"x" * 100)
            assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD"
            assert "this view only reads" in r.get_data(as_text=True)


segment = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(version=segment, doc=segment, ref=segment, q=st.text(max_size=60), day=segment)
def test_random_input_at_any_route_is_never_a_500(client, app, store, version, doc, ref, q, day):
    v, d, r, dd = (quote(x, safe="") for x in (version, doc, ref, day))
    urls = [
        f"/versions/{v}/", f"/versions/{v}/{d}", f"/versions/6.18/{d}", f"/versions/6.18/section-G?at={r}",
        f"/history/{r}", f"/history/{r}?format=json", f"/compare/{v}/6.18", f"/compare/6.17/6.18/{d}",
        f"/on/{dd}/", f"/on/2019-12-01/{d}", f"/search?q={quote(q)}&version=6.18", f"/search?q={quote(q)}&version={v}",
    ]  # fmt: skip
    for url in urls:
        got = client.get(url)
        assert got.status_code in (200, 303, 308, 400, 404), (url, got.status_code)
        check_clean(got.get_data(as_text=True), app, store)


@pytest.mark.slow
def test_a_store_locked_by_a_writer_is_503_with_a_retry_not_an_error(tmp_path):
    from sec_redline.serve import create_app
    from tests.sec_redline.serve.support import build_store

    path = build_store(tmp_path)
    client = create_app(path).test_client()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        r = client.get("/versions/6.18/section-G")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert "being written just now; try again" in r.get_data(as_text=True)
    assert client.get("/versions/6.18/section-G").status_code == 200  # once the writer is done
