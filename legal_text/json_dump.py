"""A JSON dump of the clause tree (stable key order, for tools and diffs)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .clause_ref import ClauseRef
from .inline import cross_references, inline_spans
from .model import Clause, Document, Heading


def _terms_used(clause: Clause, terms: Iterable[str] | None) -> list[str]:
    found: list[str] = []
    for words in (clause.text, clause.trailing):
        for span in inline_spans(words, terms=terms):
            if span.kind == "term" and span.text not in found:
                found.append(span.text)
    return found


def clause_to_dict(
    clause: Clause, xrefs: dict[ClauseRef, tuple[ClauseRef, ...]] | None = None, terms: Iterable[str] | None = None
) -> dict[str, Any]:
    """One provision as plain data."""
    data: dict[str, Any] = {"ref": str(clause.ref), "kind": clause.kind, "label": clause.label}
    if clause.kind == "table":
        data["rows"] = [list(r) for r in clause.rows]
    else:
        data["text"] = clause.text
    if clause.children:
        data["children"] = [clause_to_dict(c, xrefs, terms) for c in clause.children]
    if clause.trailing:
        data["trailing"] = clause.trailing
    if clause.notes:
        data["notes"] = [{"marker": marker, "text": text} for marker, text in clause.notes]
    if xrefs and clause.ref in xrefs:
        data["xrefs"] = [str(r) for r in xrefs[clause.ref]]
    if terms:
        used = _terms_used(clause, terms)
        if used:
            data["terms"] = used
    return data


def document_to_dict(doc: Document, terms: Iterable[str] | None = None) -> dict[str, Any]:
    """The tree as plain data; each provision lists the references its own words make ("xrefs") and,
    when definitions are known (``terms``, or the document's own), the defined terms it uses ("terms")."""
    xrefs = cross_references(doc)
    terms = list(terms or ()) or list(doc.definitions())
    body = []
    for item in doc.body:
        if isinstance(item, Heading):
            body.append({"heading": item.text, "kind": item.kind, **({"label": item.label} if item.label else {})})
        else:
            body.append(clause_to_dict(item, xrefs, terms))
    # An Appendix (or any document not numbered as a Section) says its numbering profile.
    profile = {"profile": doc.profile} if doc.profile != "section" else {}
    return {"section": doc.section, **profile, "title": doc.title, "version": doc.version, "body": body}


def dump_json(doc: Document, terms: Iterable[str] | None = None) -> str:
    """Pretty JSON of ``doc`` ending with a newline; same document, same bytes."""
    return json.dumps(document_to_dict(doc, terms), indent=2, ensure_ascii=False) + "\n"


def dump_json_sections(docs: list[Document], terms: Iterable[str] | None = None) -> str:
    """Pretty JSON of several Sections (the whole code): ``{"sections": [...]}``, each as ``dump_json``
    gives it; the terms Section A defines are the terms of every Section."""
    defined = list(terms or ()) or [t for d in docs for t in d.definitions()]
    data = {"sections": [document_to_dict(d, defined) for d in docs]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
