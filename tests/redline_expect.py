"""What either side of an Annex A should read, computed from the documents (not from the redline runs)."""

from legal_text.diff import HeadingChange
from legal_text.text_writer import clause_plain_text


def normalise(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def expected_side(annex, side: str) -> str:
    """The words of the marked-up part of ``annex`` with every change accepted (new) or rejected (old)."""
    by_heading = {}
    for red in annex.redlines:
        doc = red.new if red.new.section else red.old
        by_heading[doc.heading] = red
    parts = []
    for section in annex.sections:
        red = by_heading[section.heading]
        doc = red.new if side == "new" else red.old
        parts.append(section.heading)
        for block in section.blocks:
            parts.append(block.instruction)
            for e in block.entries:
                absent = "deleted" if side == "new" else "inserted"
                if e.status == absent:
                    continue
                if isinstance(e, HeadingChange):
                    parts.append(f"{e.heading.label} {e.heading.text}".strip())
                    continue
                ref = e.ref if side == "new" else (e.old_ref or e.ref)
                clause = doc.find(ref)
                if len(e.children) < len(clause.children):
                    # A definitions clause the Annex A shows with only the definitions it changes.
                    parts.append(f"{clause.label} {clause.text}")
                    shown = [c.ref for c in e.children if c.status != absent]
                    parts += [clause_plain_text(c) for c in clause.children if c.ref in shown]
                    parts.append(clause.trailing)
                    continue
                parts.append(clause_plain_text(clause))
    return normalise(" ".join(parts))


def region_after(paragraphs: list[str], heading: str) -> str:
    """The text of a document's paragraphs from ``heading`` on."""
    start = paragraphs.index(heading)
    return normalise(" ".join(paragraphs[start:]))
