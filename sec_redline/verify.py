"""Check that a redline really was drafted against the version it names.

Its original text (every tracked change rejected) must read as the base
text, provision by provision, and the version its front matter names must be
the base's.  Given the change set, its new text (every change accepted) must
read as the base with the change set applied.
"""

from __future__ import annotations

import re
from pathlib import Path

from legal_text import Clause, Document, Location, Message, error
from legal_text.diff import diff_words, note_markers
from legal_text.ooxml import MarkStyle, Para
from legal_text.text_reader import UNPLACED_CODE, caption_number, quote

from .errors import EXIT_DIFFERS, EXIT_OK, InputError
from .fileio import word_paragraphs, word_sections
from .outputs import Outputs

_INSTRUCTION = re.compile(r"(?:Amend|Insert|Delete|Renumber|Move)\b.*:$")
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


def compare_shown(shown: Document, truth: Document, what: str, against: str, name: str) -> list[Message]:
    """Each provision the redline shows, against the same provision of ``truth``."""
    findings: list[Message] = []
    where = Location(name)
    for clause in shown.clauses():
        if clause.kind == "table":
            findings += _compare_table(clause, truth, what, against, where)
            continue
        if not clause.addressable:
            continue
        other = truth.find(clause.ref)
        if other is None:
            findings.append(error(f"in the redline's {what}, but not in {against}", where, clause.ref))
            continue
        same_note = note_markers(clause, other)  # a footnote's marker is its number in the document shown
        for field, label in (("text", "words"), ("trailing", "text after the list")):
            a, b = same_note(getattr(clause, field)), getattr(other, field)
            if a != b:
                findings.append(
                    error(f"the redline's {what} ({label}) differs from {against}: {_snippet(b, a)}", where, clause.ref)
                )
        theirs, mine = sorted(t for _, t in clause.notes), sorted(t for _, t in other.notes)
        if theirs != mine:
            notes = _snippet(" | ".join(mine), " | ".join(theirs))
            findings.append(
                error(f"the redline's {what} has other footnotes than {against}: {notes}", where, clause.ref)
            )
        # A definitions clause is shown with only the definitions a modification changes (as SECAS shows
        # Section A1.1): the others are left out, not missing.
        missing = [
            c.ref for c in other.children if c.addressable and c.kind != "definition" and shown.find(c.ref) is None
        ]
        for ref in missing:
            findings.append(error(f"in {against}, but missing from the redline's {what}", where, ref))
    return findings


def _compare_table(table: Clause, truth: Document, what: str, against: str, where: Location) -> list[Message]:
    """A table the redline shows, against the same table of ``truth``: its caption and each row's cells."""
    name = caption_number(table.label) or "a table"
    other = truth.find(table.ref)
    if other is None or other.kind != "table":
        return [error(f"{name} is in the redline's {what}, but not in {against}", where, table.ref.parent())]
    out = []
    if table.label != other.label:
        out.append(error(f"the redline's {what} captions {name} differently from {against}", where, table.ref.parent()))
    for k in range(max(len(table.rows), len(other.rows))):
        mine = " | ".join(table.rows[k]) if k < len(table.rows) else ""
        theirs = " | ".join(other.rows[k]) if k < len(other.rows) else ""
        if mine != theirs:
            out.append(
                error(
                    f"{name}, row {k + 1}: the redline's {what} differs from {against}: {_snippet(theirs, mine)}",
                    where,
                    table.ref.parent(),
                )
            )
    return out


def _unread(messages: tuple[Message, ...], paragraphs: list[Para]) -> list[tuple[Location, str]]:
    """Where and what each paragraph is that the reader could not place in any provision (instructions such
    as "Amend Section G3.20 as follows:" are not provisions and are not counted)."""
    out = []
    for m in messages:
        n = m.where.paragraph
        if m.code != UNPLACED_CODE or n is None or not 1 <= n <= len(paragraphs):
            continue
        words = " ".join(f"{paragraphs[n - 1].label} {paragraphs[n - 1].text}".split())
        if not _INSTRUCTION.match(words):
            out.append((m.where, words))
    return out


def verify_redline(
    data: bytes, name: str, base: Document, expected: Document | None = None, marks: MarkStyle = "auto"
) -> tuple[list[Message], str]:
    """Findings (empty when the redline is true to ``base``) and a one-line summary "N of M provisions matched".

    A redline whose provisions cannot all be read is not consistent: each paragraph that could not be read
    as a provision is a finding, and a redline that shows no provision at all is one too.
    """
    findings: list[Message] = []
    version = base.version
    paragraphs = word_paragraphs(data, name, "old", marks)  # read once: the statement and the provisions
    statements = [m.group("version") for p in paragraphs for m in _DRAFTED.finditer(p.text)]
    if statements and version and statements[0] != version:
        findings.append(
            error(
                f"says it is drafted against SEC Version {statements[0]}, but the base text is SEC {version}",
                Location(name),
            )
        )
    against = f"{base.source or 'the base text'}" + (f" (SEC {version})" if version else "")
    read = word_sections(data, name, "old", marks, paragraphs)
    old = [d for d in read.value if d.identity == base.identity]
    unread = _unread(read.messages, paragraphs)
    for where, words in unread:
        findings.append(
            error(f"could not read this paragraph as a provision, so it was not checked: {quote(words)}", where)
        )
    shown = [c for c in old[0].clauses() if c.addressable] if old else []
    total = len(shown) + len(unread)
    if not shown:
        findings.append(
            error(
                f"shows no provision of {base.name} that could be read, so nothing was checked against {against}",
                Location(name),
            )
        )
    more = compare_shown(old[0], base, "original text", against, name) if old else []
    findings += more
    different = {f.clause for f in more}
    matched = sum(1 for c in shown if str(c.ref) not in different and base.find(c.ref) is not None)
    if expected is not None and old:
        new = [d for d in word_sections(data, name, "new", marks).value if d.identity == base.identity]
        if new:
            more = compare_shown(new[0], expected, "new text", "the base with the change set applied", name)
            findings += more
    drafted = f"SEC {statements[0]}" if statements else "no version named"
    if not statements and not version:
        drafted += " (neither the redline nor the base names an SEC version, so the words alone were compared)"
    unread_note = f" ({len(unread)} could not be read)" if unread else ""
    summary = f"{matched} of {total} provisions matched {against}{unread_note}; redline says: {drafted}; " + (
        "consistent." if not findings else f"{_findings(len(findings))}."
    )
    return findings, summary


def _findings(n: int) -> str:
    """ "1 finding", "2 findings"."""
    return f"{n} finding" if n == 1 else f"{n} findings"


def make_verification(
    annex: str | Path,
    base: str | Path,
    changes: str | Path | None = None,
    marks: MarkStyle = "auto",
    section: str | None = None,
) -> Outputs:
    """``sec-redline verify``: whether the Word redline ``annex`` was drafted against ``base`` (one document,
    or the whole code, whose documents the redline shows are checked), and with ``changes`` whether its new
    text is the base with that change set applied: the findings and a summary line for each document on
    stdout; exit 1 when any is found."""
    from .apply import apply_changesets
    from .changes import load_changeset
    from .fileio import read_word_bytes
    from .sources import read_base

    loaded = read_base(base, section=section)
    docs = loaded.value
    data = read_word_bytes(annex)
    if len(docs) > 1:
        shown = {d.identity: d.name for d in word_sections(data, str(annex), "old", marks).value}
        docs = [d for d in docs if d.identity in shown]
        if not docs:
            raise InputError(
                f"{annex}: shows {', '.join(sorted(shown.values())) or 'no document'}, none of which {base} "
                f"holds; give the base text of the document it amends"
            )
    expected: list[Document | None] = (
        list(apply_changesets(docs, [load_changeset(changes)]).value) if changes else [None] * len(docs)
    )
    lines: list[str] = []
    found = 0
    for base_doc, after in zip(docs, expected, strict=True):
        findings, summary = verify_redline(data, str(annex), base_doc, after, marks)
        lines += [str(m) for m in findings]
        lines.append(summary if len(docs) == 1 else f"{base_doc.name}: {summary}")
        found += len(findings)
    return Outputs(
        messages=loaded.messages,
        stdout="".join(f"{line}\n" for line in lines),
        exit_code=EXIT_DIFFERS if found else EXIT_OK,
    )
