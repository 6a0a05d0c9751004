"""A JSON dump of the clause tree (stable key order, for tools and diffs)."""

from __future__ import annotations

import json

from .model import Clause, Document, Heading


def clause_to_dict(clause: Clause) -> dict:
    data: dict = {"ref": str(clause.ref), "label": clause.label, "text": clause.text}
    if clause.children:
        data["children"] = [clause_to_dict(c) for c in clause.children]
    if clause.trailing:
        data["trailing"] = clause.trailing
    return data


def document_to_dict(doc: Document) -> dict:
    body = []
    for item in doc.body:
        if isinstance(item, Heading):
            body.append({"heading": item.text, "kind": item.kind, **({"label": item.label} if item.label else {})})
        else:
            body.append(clause_to_dict(item))
    return {"section": doc.section, "title": doc.title, "version": doc.version, "body": body}


def dump_json(doc: Document) -> str:
    """Pretty JSON of ``doc`` ending with a newline; same document, same bytes."""
    return json.dumps(document_to_dict(doc), indent=2, ensure_ascii=False) + "\n"
