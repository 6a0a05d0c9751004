"""The web view's routes (stable addresses, so that links can be shared); each reads what it was asked,
asks the queries, and gives the page as HTML or, with ``?format=json``, as JSON.

==========================================  ====================================================
``/``                                        the versions, newest first, and what each changed
``/versions/VERSION/``                       a version's documents
``/versions/VERSION/DOCUMENT``               a document at a version (``?page=N``; ``?at=REF``)
``/history/REF``                             every version in which a provision changed
``/compare/OLD/NEW[/DOCUMENT]``              the comparison (``?format=docx`` or ``json``: as ``diff -o``)
``/on/DATE/`` and ``/on/DATE/DOCUMENT``      the code in force on a day
``/search?q=WORDS&version=VERSION``          provisions holding the words; defined terms
==========================================  ====================================================
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, redirect, request

from legal_text import render_text
from legal_text.collector import no_collector_pauses
from legal_text.model import Clause

from ..annex import Comparison
from ..dates import long_date, revision_timestamp
from ..derived import PLACEHOLDER_DATE
from ..render import render_comparison_docx, render_comparison_json, render_document_docx
from ..render.annex_html import comparison_context
from ..version import __version__
from .pages import (
    URLS,
    as_json,
    change_json,
    documents_json,
    documents_rows,
    html,
    marker,
    pending_json,
    provision_json,
    runs_html,
    search_json,
    summary_json,
    version_json,
)
from .queries import (
    RESULTS_A_PAGE,
    Library,
    Malformed,
    NotFound,
    Summary,
    Version,
    VersionInfo,
    parse_date,
    parse_ref,
    ref_stem,
    search_words,
)

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMPARISON_PAGE_EVENTS = 400  # a comparison's page holds whole Sections up to about this many events
COMPARISON_AUTHOR = "SECAS"  # as `sec-redline diff -o FILE.docx` marks its revisions when no change set names one


def fmt(*allowed: str) -> str:
    """The ``format`` asked for (the first of ``allowed`` when none was)."""
    asked = request.args.get("format", allowed[0])
    if asked not in allowed:
        raise Malformed(f"format={asked[:40]!r}: this page is given as {' or '.join(allowed)}")
    return asked


def page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000 or len(raw) > 6:
        raise Malformed(f"page={raw[:20]!r} is not a page number (1, 2, ...)")
    return int(raw)


def respond(body: str | bytes, kind: str = HTML, status: int = 200) -> Response:
    return Response(body, status=status, content_type=kind)


class Site:
    """The routes over one store (``library``)."""

    def __init__(self, library: Library) -> None:
        self.lib = library

    def frame(self, selected: str | None = None, day: str = "") -> dict[str, Any]:
        """What every page's frame shows: the store's name and the versions to search in."""
        versions = self.lib.newest_first()
        return {
            "store": self.lib.path.name,
            "versions": versions,
            "selected": selected or (versions[0].name if versions else ""),
            "day": day,
            "tool_version": __version__,
        }

    def cached(self, key: tuple[Any, ...], make: Callable[[], str | bytes]) -> bytes:
        def made() -> bytes:
            with no_collector_pauses():
                body = make()
            return body.encode("utf-8") if isinstance(body, str) else body

        return self.lib.pages.get(key, made)

    def summary_of(self, v: VersionInfo) -> Summary | str | None:
        """What ``v`` changed, if known: at once where its release recorded it, else once worked out; "pending"
        while it is being worked out, "none" where it could not be (the server's log says why), None where
        there is nothing to compare it with."""
        if not v.base or v.base not in {w.name for w in self.lib.versions()}:
            return None
        if not self.lib.summaries.holds(v):
            if not self.lib.recorded(v):
                return "pending"
            return self.lib.summary(v) or "none"
        return self.lib.summaries.peek(v) or "none"

    # / ---------------------------------------------------------------------------------------------

    def index(self) -> Response:
        kind = fmt("html", "json")
        versions = self.lib.newest_first()
        rows = [(v, self.summary_of(v)) for v in versions]
        pending = self.lib.pending_releases()
        if kind == "json":
            data = {
                "versions": [dict(version_json(v), changes=summary_json(s, v)) for v, s in rows],
                "pending": pending_json(pending),
            }
            return respond(as_json(data), JSON)
        compare = (versions[0].name, versions[1].name) if len(versions) > 1 else None
        return respond(html("index.html.j2", self.frame(), title="Versions", crumbs=[], versions=rows,
                            pending=pending, compare=compare))  # fmt: skip

    # /versions/VERSION/ ------------------------------------------------------------------------------

    def version(self, version: str) -> Response:
        kind = fmt("html", "json")
        info = self.lib.info(version)
        key = ("version", info, kind, self.summary_of(info) == "pending")

        def make() -> str:
            v = self.lib.version(version)
            summary = self.summary_of(info)
            if kind == "json":
                return as_json({"version": dict(version_json(info), changes=summary_json(summary, info)),
                                "documents": documents_json(v)})  # fmt: skip
            later = next((w for w in self.lib.versions() if w.base == info.name), None)
            return html("version.html.j2", self.frame(version), title=f"SEC {version}",
                        crumbs=[("Versions", URLS.home()), (f"SEC {version}", "")], v=info,
                        documents=documents_rows(v), summary=summary, later=later)  # fmt: skip

        return respond(self.cached(key, make), JSON if kind == "json" else HTML)

    # /versions/VERSION/DOCUMENT ------------------------------------------------------------------------

    def document(self, version: str, document: str, on: str = "") -> Response:
        kind = fmt("html", "json", "txt", "docx")
        v = self.lib.version(version)
        doc = v.document(document)
        if kind in ("txt", "docx"):
            return self._document_file(v, document, kind)
        at = request.args.get("at")
        if at is not None:
            ref = parse_ref(at)
            page = v.page_of(document, ref)
            where = URLS.on(on, document) if on else URLS.document(version, document)
            return redirect(f"{where}{f'?page={page}' if page > 1 else ''}#{ref}", 303)  # type: ignore[return-value]
        page = page_number()
        cuts = v.pages(document)
        if page > len(cuts):
            raise NotFound(f"{doc.name} at SEC {version} has {len(cuts)} page(s): there is no page {page}")
        key = ("document", v.info, document, page, kind, on)
        return respond(self.cached(key, lambda: self._document(v, document, page, kind, on)),
                       JSON if kind == "json" else HTML)  # fmt: skip

    def _document_file(self, v: Version, name: str, kind: str) -> Response:
        """The whole document as a file, as a release's ``consolidated/`` folder holds it: its canonical text,
        or a clean Word document (author SECAS, dated the version's go-live)."""
        doc = v.document(name)
        if kind == "txt":
            body: bytes = self.cached(("txt", v.info, name), lambda: render_text(doc))
            response = respond(body, "text/plain; charset=utf-8")
        else:
            day = dt.date.fromisoformat(v.info.date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.info.date) else None
            stamp = revision_timestamp(day or PLACEHOLDER_DATE)
            body = self.lib.downloads.get(("docx", v.info, name), lambda: render_document_docx([doc], "SECAS", stamp))
            response = respond(body, DOCX)
        response.headers["Content-Disposition"] = (
            f'attachment; filename="{_safe_file_name(f"sec-{v.info.name}-{name}.{kind}")}"'
        )
        return response

    def _document(self, v: Version, name: str, page: int, kind: str, on: str) -> str:
        doc = v.document(name)
        cuts = v.pages(name)
        a, b = cuts[page - 1]
        items = doc.body[a:b]
        version = v.info.name

        def href(n: int) -> str:
            return URLS.on(on, name) + (f"?page={n}" if n > 1 else "") if on else URLS.document(version, name, page=n)

        if kind == "json":
            provisions = [
                provision_json(c, version, name, page)
                for item in items
                if isinstance(item, Clause)
                for c in item.walk()
            ]
            return as_json({
                "version": version_json(v.info), "document": name, "heading": doc.heading, "page": page,
                "pages": len(cuts), "previous": href(page - 1) if page > 1 else None,
                "next": href(page + 1) if page < len(cuts) else None, "provisions": provisions,
            })  # fmt: skip
        pages = []
        for n, (x, y) in enumerate(cuts, start=1):
            refs = [str(i.ref) for i in doc.body[x:y] if isinstance(i, Clause)]
            pages.append((n, href(n), refs[0] if refs else "", refs[-1] if refs else ""))
        later, pending = ([], [])
        if on:
            later = self.lib.in_force(parse_date(on))[1]
            pending = self.lib.pending_releases()
        crumbs = [("Versions", URLS.home()), (f"SEC {version}", URLS.version(version)), (doc.name, "")]
        if on:
            crumbs = [
                ("Versions", URLS.home()),
                (f"The code on {long_date(parse_date(on))}", URLS.on(on)),
                (doc.name, ""),
            ]
        return html("document.html.j2", self.frame(version, on), title=f"{doc.name}, SEC {version}", crumbs=crumbs,
                    v=v.info, doc=doc, doc_stem=name, items=items, page=page, pages=pages, on=on, later=later,
                    pending=pending)  # fmt: skip

    # /history/REF ----------------------------------------------------------------------------------

    def history(self, ref: str) -> Response:
        kind = fmt("html", "json")
        parsed = parse_ref(ref)
        changes = self.lib.history(parsed)
        newest = self.lib.newest_first()
        if kind == "json":
            return respond(as_json({"ref": str(parsed), "history": URLS.history(parsed),
                                    "changes": [change_json(c) for c in changes]}), JSON)  # fmt: skip
        # its words in the newest version: those of the last change on or before it, in the store's order
        made = [c for c in changes if newest and c.version.order <= newest[0].order]
        now_text = made[-1].text if made else ""
        stem = ref_stem(parsed)
        return respond(html("history.html.j2", self.frame(), title=f"History of {parsed}",
                            crumbs=[("Versions", URLS.home()), (f"History of {parsed}", "")], ref=parsed,
                            changes=changes, now=now_text, newest=newest[0] if newest else None, runs=runs_html,
                            stem=stem))  # fmt: skip

    # /compare/OLD/NEW[/DOCUMENT] -------------------------------------------------------------------------

    def compare(self, old: str, new: str, document: str | None = None) -> Response:
        chosen = request.args.get("document")
        if chosen is not None and document is None:
            return redirect(URLS.compare(old, new, chosen or None), 303)  # type: ignore[return-value]
        kind = fmt("html", "docx", "json")
        a, b = self.lib.info(old), self.lib.info(new)
        key = ("compare", a, b, document, kind)
        if kind == "docx":
            body = self.lib.downloads.get(key, lambda: self._comparison_docx(self.lib.comparison(old, new, document)))
            name = f"sec-{old}-to-{new}{f'-{document}' if document else ''}.docx"
            response = respond(body, DOCX)
            response.headers["Content-Disposition"] = f'attachment; filename="{_safe_file_name(name)}"'
            return response
        page = page_number()
        return respond(self.cached((*key, page), lambda: self._comparison(a, b, document, kind, page)),
                       JSON if kind == "json" else HTML)  # fmt: skip

    @staticmethod
    def _comparison_docx(comparison: Comparison) -> bytes:
        with no_collector_pauses():
            return render_comparison_docx(comparison, COMPARISON_AUTHOR, revision_timestamp(PLACEHOLDER_DATE))

    def _comparison(self, a: VersionInfo, b: VersionInfo, document: str | None, kind: str, page: int) -> str:
        comparison = self.lib.comparison(a.name, b.name, document)
        if kind == "json":
            if page > 1:
                raise NotFound(f"the comparison's JSON is one file: there is no page {page}")
            return render_comparison_json(comparison)
        va, vb = self.lib.version(a.name), self.lib.version(b.name)
        documents = {**{n: d.heading for n, d in va.by_stem.items()}, **{n: d.heading for n, d in vb.by_stem.items()}}
        crumbs = [
            ("Versions", URLS.home()),
            (f"SEC {a.name} to SEC {b.name}", URLS.compare(a.name, b.name) if document else ""),
        ]
        if document:
            crumbs.append((documents.get(document, document), ""))
        downloads = {f: URLS.compare(a.name, b.name, document, f) for f in ("docx", "json")}
        context = comparison_context(comparison)
        cuts = comparison_pages(context["sections"], context["events"])
        if page > len(cuts):
            raise NotFound(f"the comparison of SEC {a.name} with SEC {b.name} has {len(cuts)} page(s): no page {page}")
        here = URLS.compare(a.name, b.name, document)

        def href(n: int) -> str:
            return here + (f"?page={n}" if n > 1 else "")

        on_page = {s["section"]: n for n, names in enumerate(cuts, start=1) for s in names}
        event_href = {
            k: ("" if on_page.get(ev.section, 1) == page else href(on_page.get(ev.section, 1))) + f"#ev-{k}"
            for k, ev in context["events"]
        }
        # (a comparison of a version with itself has one page and no Section)
        pages = [(n, href(n), ns[0]["section"], ns[-1]["section"]) for n, ns in enumerate(cuts, start=1) if ns]
        context["sections"] = cuts[page - 1]
        return html("comparison.html.j2", self.frame(b.name), title=f"SEC {a.name} to SEC {b.name}", crumbs=crumbs,
                    old=a, new=b, doc_stem=document, documents=list(documents.items()), downloads=downloads,
                    page=page, pages=pages if len(cuts) > 1 else [], event_href=event_href,
                    **context)  # fmt: skip

    def compare_form(self) -> Response:
        old, new = request.args.get("old", ""), request.args.get("new", "")
        if not old or not new:
            raise Malformed("give two versions to compare: /compare?old=VERSION&new=VERSION")
        self.lib.info(old)  # each named and held, or a 404 naming it
        self.lib.info(new)
        return redirect(URLS.compare(old, new), 303)  # type: ignore[return-value]

    # /on/DATE/ -------------------------------------------------------------------------------------------

    def on(self, day: str, document: str | None = None) -> Response:
        date = parse_date(day)
        current, later = self.lib.in_force(date)
        if current is None:
            first = min((v.date for v in later), default="")
            raise NotFound(f"no version the store holds was in force on {day}" +
                           (f" (the first go-live it knows is {first})" if first else ""))  # fmt: skip
        if document is not None:
            return self.document(current.name, document, on=day)
        kind = fmt("html", "json")
        pending = self.lib.pending_releases()
        if kind == "json":
            return respond(as_json({"date": day, "in_force": version_json(current),
                                    "later": [version_json(v) for v in later],
                                    "pending": pending_json(pending)}), JSON)  # fmt: skip
        v = self.lib.version(current.name)
        words = long_date(parse_date(day))
        return respond(html("on.html.j2", self.frame(current.name, day), title=f"The code on {words}",
                            crumbs=[("Versions", URLS.home()), (f"The code on {words}", "")], on=day, v=current,
                            documents=documents_rows(v), later=later, pending=pending, doc_stem=None))  # fmt: skip

    def on_form(self) -> Response:
        day = parse_date(request.args.get("date", ""))
        return redirect(URLS.on(day.isoformat()), 303)  # type: ignore[return-value]

    # /search -------------------------------------------------------------------------------------------

    def search(self) -> Response:
        kind = fmt("html", "json")
        q = request.args.get("q", "")
        words = search_words(q)
        newest = self.lib.newest_first()
        version = request.args.get("version") or (newest[0].name if newest else "")
        info = self.lib.info(version) if version else None
        page = page_number()
        if not words or info is None:
            if kind == "json":
                raise Malformed("give some words to search for: /search?q=WORDS")
            return respond(html("search.html.j2", self.frame(version), title="Search", crumbs=[], query=q,
                                result=None, page=1, pages=[]))  # fmt: skip
        result = self.lib.search(self.lib.version(info.name), words, page)
        count = max(1, math.ceil(result.total / RESULTS_A_PAGE))
        if kind == "json":
            return respond(as_json(search_json(result, q, page, count)), JSON)
        pages = [(n, URLS.search(q, info.name, n), "", "") for n in range(1, count + 1)]
        return respond(html("search.html.j2", self.frame(info.name), title=f"Search: {q}",
                            crumbs=[("Versions", URLS.home()), (f"SEC {info.name}", URLS.version(info.name)),
                                    ("Search", "")], query=q, result=result, page=page, pages=pages,
                            mark=marker(words)))  # fmt: skip


def comparison_pages(sections: list[Any], events: list[tuple[int, Any]]) -> list[list[Any]]:
    """The Sections of a comparison cut into pages of about COMPARISON_PAGE_EVENTS events, a Section never
    cut (one with more is a page of its own); one page for most comparisons."""
    counts: dict[str, int] = {}
    for _, ev in events:
        counts[ev.section] = counts.get(ev.section, 0) + 1
    pages: list[list[Any]] = [[]]
    held = 0
    for section in sections:
        n = counts.get(section["section"], 0)
        if pages[-1] and held + n > COMPARISON_PAGE_EVENTS:
            pages.append([])
            held = 0
        pages[-1].append(section)
        held += n
    return pages


def _safe_file_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in name)[:120]


def register(app: Flask, site: Site) -> None:
    """Every route of the web view on ``app``."""
    add = app.add_url_rule
    add("/", "index", site.index)
    add("/versions/<version>/", "version", site.version)
    add("/versions/<version>/<document>", "document", site.document)
    add("/history/<ref>", "history", site.history)
    add("/compare", "compare_form", site.compare_form)
    add("/compare/<old>/<new>", "compare", site.compare)
    add("/compare/<old>/<new>/<document>", "compare_document", site.compare)
    add("/on", "on_form", site.on_form)
    add("/on/<day>/", "on", site.on)
    add("/on/<day>/<document>", "on_document", site.on)
    add("/search", "search", site.search)


__all__ = ["Site", "register"]
