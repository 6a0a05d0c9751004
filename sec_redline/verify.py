"""Check that a redline really was drafted against the version it names.

Its original text (every tracked change rejected) must read as the base
text, provision by provision, and the version its front matter names must be
the base's.  Given the change set, its new text (every change accepted) must
read as the base with the change set applied.
"""

from __future__ import annotations

import re
from pathlib import Path

from legal_text import Document, Location, Message, error
from legal_text.diff import diff_words
from legal_text.docx_reader import docx_paragraph_texts

from .fileio import read_word_sections

_DRAFTED = re.compile(r"drafted against SEC Version (?P<version>\d+(?:\.\d+)*)", re.IGNORECASE)


def _snippet(old: str, new: str, width: int = 30) -> str:
    """The first difference as '...context [-old-]{+new+} context...'."""
    runs = diff_words(old, new)
    out, seen_change = [], False
    for run in runs:
        if run.op == "equal":
            if not seen_change:  # the words before, cut at a word boundary
                text = run.text if len(run.text) <= width else "..." + run.text[-width:].split(" ", 1)[-1]
                out.append(text if text.endswith(" ") or len(run.text) <= width else text + " ")
            else:  # the words after
                text = run.text if len(run.text) <= width else run.text[:width].rsplit(" ", 1)[0] + "..."
                out.append(text)
                break
        else:
            seen_change = True
            out.append(f"[-{run.text}-]" if run.op == "delete" else f"{{+{run.text}+}}")
    return "".join(out).strip()


def compare_shown(shown: Document, truth: Document, what: str, against: str, name: str) -> tuple[list[Message], int]:
    """Each provision the redline shows, against the same provision of ``truth``."""
    findings: list[Message] = []
    checked = 0
    where = Location(name)
    for clause in shown.clauses():
        if not clause.addressable:
            continue
        other = truth.find(clause.ref)
        if other is None:
            findings.append(error(f"in the redline's {what}, but not in {against}", where, clause.ref))
            continue
        checked += 1
        for field, label in (("text", "words"), ("trailing", "text after the list")):
            a, b = getattr(clause, field), getattr(other, field)
            if a != b:
                findings.append(
                    error(f"the redline's {what} ({label}) differs from {against}: {_snippet(b, a)}", where, clause.ref)
                )
        missing = [c.ref for c in other.children if c.addressable and shown.find(c.ref) is None]
        for ref in missing:
            findings.append(error(f"in {against}, but missing from the redline's {what}", where, ref))
    return findings, checked


def verify_redline(annex: str | Path, base: Document, expected: Document | None = None) -> tuple[list[Message], str]:
    """Findings (empty when the redline is true to ``base``) and a one-line summary."""
    name = str(annex)
    findings: list[Message] = []
    version = base.version
    statements = [m.group("version") for t in docx_paragraph_texts(annex, "old") for m in _DRAFTED.finditer(t)]
    if statements and version and statements[0] != version:
        findings.append(
            error(
                f"says it is drafted against SEC Version {statements[0]}, but the base text is SEC {version}",
                Location(name),
            )
        )
    against = f"{base.source or 'the base text'}" + (f" (SEC {version})" if version else "")
    old = [d for d in read_word_sections(annex, "old").value if d.section == base.section]
    if not old:
        return [error(f"shows no provision of Section {base.section}", Location(name))], "nothing to check"
    more, checked = compare_shown(old[0], base, "original text", against, name)
    findings += more
    if expected is not None:
        new = [d for d in read_word_sections(annex, "new").value if d.section == base.section]
        more, _ = compare_shown(new[0], expected, "new text", "the base with the change set applied", name)
        findings += more
    drafted = f"SEC {statements[0]}" if statements else "no version named"
    summary = f"{checked} provision(s) checked against {against}; redline says: {drafted}; " + (
        "consistent." if not findings else f"{len(findings)} finding(s)."
    )
    return findings, summary
