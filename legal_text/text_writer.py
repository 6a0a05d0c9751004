"""Write a ``Document`` as canonical clause text (what ``read_text`` reads back).

One block a line, blocks separated by blank lines, paragraphs indented four
spaces a level, the text after a list indented to its owner's paragraphs.
"""

from __future__ import annotations

from .model import Clause, Document, Heading

INDENT = "    "


def render_text(doc: Document) -> str:
    """Canonical text of ``doc``; ``read_text(render_text(d)).value`` equals ``d`` (less its source)."""
    out: list[str] = []
    if doc.section:
        out.append(doc.heading)
    if doc.version:
        out.append(f"SEC Version {doc.version}")
    for item in doc.body:
        if isinstance(item, Heading):
            out.append(f"{item.label} {item.text}" if item.label else item.text)
        else:
            out.extend(render_clause_blocks(item))
    return "\n\n".join(out) + "\n"


def render_clause_blocks(clause: Clause) -> list[str]:
    """The blocks of one clause and its paragraphs, indented by depth."""
    pad = INDENT * clause.depth
    if clause.kind == "table":
        caption = [f"{pad}{clause.label}"] if clause.label else []
        return ["\n".join(caption + [f"{pad}| " + " | ".join(row) + " |" for row in clause.rows])]
    first = f"{pad}{clause.label} {clause.text}".rstrip()
    blocks = [first]
    for child in clause.children:
        blocks.extend(render_clause_blocks(child))
    if clause.trailing:
        blocks.append(f"{INDENT * (clause.depth + 1)}{clause.trailing}")
    return blocks


def clause_plain_text(clause: Clause, labels: bool = True) -> str:
    """All the words of a clause in reading order, one space between blocks; ``labels=False`` leaves out
    the numbers and enumerators (G3.20, (b))."""
    if clause.kind == "table":
        return " ".join([clause.label] * bool(clause.label) + [" ".join(row) for row in clause.rows])
    parts = [f"{clause.label} {clause.text}".strip() if labels else clause.text]
    parts += [clause_plain_text(c, labels) for c in clause.children]
    if clause.trailing:
        parts.append(clause.trailing)
    return " ".join(p for p in parts if p)
