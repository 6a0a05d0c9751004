"""The web view's addresses and pages: how each address is written (``Urls``), and each page made from what
the queries found, as HTML (the templates under ``templates/serve/``) or as JSON (the same facts)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from legal_text import ClauseRef, Document
from legal_text.model import Clause

from ..render import render, runs_html
from .queries import Change, PendingRelease, SearchResult, Summary, Version, VersionInfo, own_words, ref_stem


def _seg(text: object) -> str:
    """A path segment: a version, a document's stem or a reference, its brackets kept readable."""
    return quote(str(text), safe="()")


class Urls:
    """Every address the web view writes (the routes in routes.py answer them)."""

    @staticmethod
    def home() -> str:
        return "/"

    @staticmethod
    def version(name: str) -> str:
        return f"/versions/{_seg(name)}/"

    @staticmethod
    def document(name: str, stem: str, ref: object = None, page: int = 1) -> str:
        query = f"?page={page}" if page > 1 else ""
        return f"/versions/{_seg(name)}/{_seg(stem)}{query}" + (f"#{_seg(ref)}" if ref is not None else "")

    @staticmethod
    def at(name: str, ref: object, stem: str | None = None) -> str:
        """Provision ``ref`` in its document at version ``name`` (the page that holds it, by a redirect)."""
        where = stem or ref_stem(ref if isinstance(ref, ClauseRef) else ClauseRef.parse(str(ref)))
        return f"/versions/{_seg(name)}/{_seg(where)}?{urlencode({'at': str(ref)})}"

    @staticmethod
    def history(ref: object) -> str:
        return f"/history/{_seg(ref)}"

    @staticmethod
    def compare(old: str, new: str, stem: str | None = None, fmt: str | None = None) -> str:
        path = f"/compare/{_seg(old)}/{_seg(new)}" + (f"/{_seg(stem)}" if stem else "")
        return path + (f"?format={fmt}" if fmt else "")

    @staticmethod
    def on(day: str, stem: str | None = None) -> str:
        return f"/on/{_seg(day)}/" + (_seg(stem) if stem else "")

    @staticmethod
    def search(q: str, version: str | None = None, page: int = 1) -> str:
        args: dict[str, str] = {"q": q}
        if version:
            args["version"] = version
        if page > 1:
            args["page"] = str(page)
        return f"/search?{urlencode(args)}"

    @staticmethod
    def search_form() -> str:
        return "/search"

    @staticmethod
    def on_form() -> str:
        return "/on"

    @staticmethod
    def compare_form() -> str:
        return "/compare"


URLS = Urls()


def html(template: str, site: dict[str, Any], **context: Any) -> str:
    """A page: ``templates/serve/TEMPLATE``, given the site's frame and ``context``."""
    return render(f"serve/{template}", None, u=URLS, site=site, **context)


def as_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# JSON: the same facts as the pages --------------------------------------------------------------


def version_json(v: VersionInfo) -> dict[str, Any]:
    return {"name": v.name, "date": v.date or None, "base": v.base or None, "release": v.release or None,
            "url": URLS.version(v.name)}  # fmt: skip


def summary_json(summary: Summary | str | None, v: VersionInfo) -> dict[str, Any] | str | None:
    if summary == "pending":
        return "being worked out"
    if summary == "none":
        return "not worked out"
    if not isinstance(summary, Summary):
        return None
    return {
        "base": summary.base,
        "counts": summary.counts,
        "modifications": list(summary.modifications),
        "comparison": URLS.compare(summary.base, v.name),
    }


def pending_json(pending: Sequence[PendingRelease]) -> list[dict[str, Any]]:
    return [
        {
            "release": p.release,
            "version": p.version,
            "base": p.base,
            "date": p.date,
            "modifications": [
                {
                    "modification": m.modification,
                    "kind": m.kind,
                    "title": m.title,
                    "changes": [named for named, _ in m.touches],
                }
                for m in p.modifications
            ],
        }
        for p in pending
    ]


def documents_rows(version: Version) -> list[tuple[str, Document, int, int]]:
    """(stem, document, provisions, words) of each document of ``version``."""
    return [
        (name, d, sum(1 for c in d.clauses() if c.addressable), sum(len(own_words(c).split()) for c in d.clauses()))
        for name, d in version.by_stem.items()
    ]


def documents_json(version: Version) -> list[dict[str, Any]]:
    return [
        {"document": name, "name": d.name, "heading": d.heading, "title": d.title, "provisions": provisions,
         "words": words, "url": URLS.document(version.info.name, name)}
        for name, d, provisions, words in documents_rows(version)
    ]  # fmt: skip


def provision_json(c: Clause, version: str, stem: str, page: int) -> dict[str, Any]:
    out: dict[str, Any] = {"ref": str(c.ref), "label": c.label, "kind": c.kind, "depth": c.depth, "text": c.text}
    if c.trailing:
        out["trailing"] = c.trailing
    if c.rows:
        out["rows"] = [list(r) for r in c.rows]
    out["url"] = URLS.document(version, stem, c.ref, page)
    if c.addressable:
        out["history"] = URLS.history(c.ref)
    return out


def change_json(c: Change) -> dict[str, Any]:
    return {
        "version": c.version.name,
        "date": c.version.date or None,
        "release": c.version.release or None,
        "kind": c.kind,
        "modification": c.modification or None,
        "modification_kind": c.modification_kind or None,
        "from": c.came_from or None,
        "to": c.went_to or None,
        "and_amended": c.amended,
        "previous": c.previous.name if c.previous else None,
        "text": c.text,
        "marked": [{"op": r.op, "text": r.text} for r in c.runs],
    }


def search_json(result: SearchResult, query: str, page: int, pages: int) -> dict[str, Any]:
    return {
        "query": query,
        "version": result.version.name,
        "total": result.total,
        "page": page,
        "pages": pages,
        "terms": [{"term": t, "defined_in": e.ref, "document": e.stem, "used_in": n} for t, e, n in result.terms],
        "provisions": [
            {"ref": e.ref, "document": e.stem, "words": e.words, "url": URLS.at(result.version.name, e.ref, e.stem)}
            for e in result.hits
        ],
    }


# helpers the templates are given ------------------------------------------------------------------


def marker(words: Sequence[str]) -> Any:
    """``mark(text)``: ``text`` escaped, each of ``words`` (where a word starts, any case) in <mark>."""
    if not words:
        return escape
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)

    def mark(text: str) -> Markup:
        out: list[Markup] = []
        pos = 0
        for m in pattern.finditer(text):
            out += [escape(text[pos : m.start()]), Markup("<mark>{}</mark>").format(m.group(0))]
            pos = m.end()
        out.append(escape(text[pos:]))
        return Markup("").join(out)

    return mark


__all__ = ["URLS", "Urls", "as_json", "html", "marker", "runs_html"]
