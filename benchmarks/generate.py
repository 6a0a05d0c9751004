"""A deterministic synthetic code the size of the SEC, for benchmarks (illustrative text, not SEC wording).

``synthetic_code(words=800_000, seed=87)`` returns Documents for Sections A to X
with a realistic mix: clause groups and part headings, clauses with chapeaux,
paragraphs (a)..., sub-paragraphs (i)..., text after lists, definitions in
Section A, cross-references between clauses, notes and tables.  ``clean_text``
is the canonical rendering; ``noisy_text`` is what a PDF paste looks like:
no indentation, lines wrapped at 90 columns, words hyphenated at line ends,
running footers and page numbers.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

from lxml import etree

from legal_text import Clause, ClauseRef, Document, Heading, render_text
from legal_text.enumerators import nth_letter, to_roman

SECTIONS = "ABCDEFGHIJKLMNOPQRSTUVWX"
VOCAB = [
    "the",
    "User",
    "shall",
    "notify",
    "Party",
    "Panel",
    "Device",
    "Smart",
    "Metering",
    "System",
    "Supplier",
    "DCC",
    "Code",
    "Administrator",
    "reasonable",
    "steps",
    "ensure",
    "that",
    "any",
    "such",
    "arrangements",
    "may",
    "provide",
    "manufacturer",
    "developer",
    "security",
    "obligation",
    "relevant",
    "information",
    "as",
    "soon",
    "as",
    "practicable",
    "within",
    "Working",
    "Days",
    "following",
    "receipt",
    "request",
    "accordance",
    "with",
    "requirements",
    "Communications",
    "Hub",
    "Function",
    "Gas",
    "Proxy",
    "Function",
    "where",
    "applicable",
    "including",
    "without",
    "limitation",
    "in",
    "respect",
    "of",
    "each",
    "other",
    "procedure",
]
TERMS = [
    "Smart Metering System",
    "Communications Hub Function",
    "Gas Proxy Function",
    "Working Day",
    "Responsible Supplier",
    "Panel",
    "Party",
    "Device",
    "User",
    "Code Administrator",
]


def _words(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choice(VOCAB) for _ in range(n))


class _Gen:
    def __init__(self, seed: int, per_section: int):
        self.rnd = random.Random(seed)
        self.per_section = per_section
        self.words = 0

    def text(self, n: int, end: str, refs: list[str]) -> str:
        body = _words(self.rnd, n)
        if refs and self.rnd.random() < 0.3:
            body += f" in accordance with Section {self.rnd.choice(refs)}"
        self.words += len(body.split()) + 1
        return body + end

    def clause(self, ref: ClauseRef, refs: list[str]) -> Clause:
        r = self.rnd
        n_par = r.choice([0, 0, 0, 2, 3, 4, 5])
        if r.random() < 0.02:
            self.words += 2
            return Clause(ref, ref.number, "[Not used]")
        if not n_par:
            return Clause(ref, ref.number, self.text(r.randint(25, 70), ".", refs))
        children = []
        for i in range(1, n_par + 1):
            end = "; and" if i == n_par - 1 else ("." if i == n_par else ";")
            pref = ref.child(nth_letter(i))
            sub = ()
            if r.random() < 0.2:
                sub = tuple(
                    Clause(
                        pref.child(to_roman(k)),
                        f"({to_roman(k)})",
                        self.text(r.randint(8, 20), ";" if k < 3 else end, refs),
                        kind="paragraph",
                    )
                    for k in range(1, 4)
                )
                children.append(
                    Clause(pref, f"({nth_letter(i)})", self.text(r.randint(6, 15), ":", refs), sub, kind="paragraph")
                )
            else:
                children.append(
                    Clause(pref, f"({nth_letter(i)})", self.text(r.randint(10, 35), end, refs), kind="paragraph")
                )
        if r.random() < 0.1:
            rows = tuple((f"Row {k}", _words(r, 4), _words(r, 3)) for k in range(1, 5))
            self.words += 4 * 9
            children.append(
                Clause(ref.child("table1"), "", kind="table", rows=(("Item", "Description", "Notes"), *rows))
            )
        trailing = ""
        if r.random() < 0.25:
            last = children[-1 if children[-1].kind != "table" else -2]
            children[children.index(last)] = last.with_changes(text=last.text.rstrip(".") + ",")
            trailing = self.text(r.randint(10, 30), ".", refs)
        return Clause(ref, ref.number, self.text(r.randint(10, 30), ":", refs), tuple(children), trailing)

    def definitions(self, ref: ClauseRef) -> Clause:
        defs = []
        for k in range(self.per_section):
            term = f"{self.rnd.choice(TERMS)} {k + 1}" if k >= len(TERMS) else TERMS[k]
            defs.append(
                Clause(
                    ref.term(term),
                    f'"{term}"',
                    "means " + self.text(self.rnd.randint(10, 40), ";", []),
                    kind="definition",
                )
            )
        return Clause(ref, ref.number, self.text(12, ":", []), tuple(defs))

    def section(self, letter: str) -> Document:
        body: list = []
        refs: list[str] = []
        n_groups = max(1, self.per_section // 40)
        per_group = max(1, self.per_section // n_groups)
        for g in range(1, n_groups + 1):
            body.append(Heading(f"Illustrative Group {letter}{g} Heading", kind="group", label=f"{letter}{g}"))
            for c in range(1, per_group + 1):
                if c % 12 == 1:
                    body.append(Heading(f"Illustrative Part Heading {g} {c}"))
                ref = ClauseRef(letter, str(g), str(c))
                if letter == "A" and g == 1 and c == 1:
                    body.append(self.definitions(ref))
                else:
                    body.append(self.clause(ref, refs))
                refs.append(str(ref))
        return Document(letter, f"Illustrative Section {letter}", "1.0", tuple(body), f"synthetic-{letter}")


def synthetic_appendix(code: str, words: int = 10_000, seed: int = 90) -> Document:
    """An illustrative Appendix of about ``words`` words: groups 1, 2, ..., paragraphs 1.1 and 1.1.1 with
    (a), (b) lists, and a captioned table ("Table 1a: ...") in each group."""
    gen = _Gen(seed, 0)
    r = gen.rnd
    body: list = []
    g = 0
    while gen.words < words:
        g += 1
        body.append(Heading(f"Illustrative Appendix Group {g}", kind="group", label=str(g)))
        for c in range(1, 9):
            ref = ClauseRef(code, str(g), str(c), profile="appendix")
            body.append(Clause(ref, ref.shown, gen.text(r.randint(6, 12), ":" if c == 1 else ".", [])))
            for k in range(1, 3):
                sub = ClauseRef(code, str(g), f"{c}.{k}", profile="appendix")
                children: tuple[Clause, ...] = ()
                text = gen.text(r.randint(25, 60), ".", [])
                if k == 2:
                    text = gen.text(r.randint(8, 16), ":", [])
                    children = tuple(
                        Clause(sub.child(nth_letter(i)), f"({nth_letter(i)})",
                               gen.text(r.randint(10, 25), "; and" if i == 1 else ".", []), kind="paragraph")
                        for i in (1, 2)
                    )  # fmt: skip
                if c == 1 and k == 1:
                    rows = tuple((f"Field {n}", _words(r, 5), r.choice(["Yes", "No"])) for n in range(1, 6))
                    gen.words += 5 * 7
                    caption = f"Table {g}a: Illustrative fields"
                    children = (
                        Clause(
                            sub.child("table1"), caption, kind="table", rows=(("Field", "Meaning", "Mandatory"), *rows)
                        ),
                    )
                body.append(Clause(sub, sub.shown, text, children))
    return Document(code, f"Illustrative Appendix {code}", "1.0", tuple(body), f"synthetic-{code}", profile="appendix")


def synthetic_code(words: int = 800_000, seed: int = 87) -> list[Document]:
    """Sections A to X totalling about ``words`` words; the same arguments give the same code."""
    per_section = max(2, round(words / len(SECTIONS) / 105))
    gen = _Gen(seed, per_section)
    return [gen.section(letter) for letter in SECTIONS]


def clean_text(docs: list[Document]) -> str:
    return "\n".join(render_text(d) for d in docs)


def noisy_text(docs: list[Document], seed: int = 87, width: int = 90) -> str:
    """A PDF paste: flat, wrapped, hyphenated, with footers and page numbers."""
    rnd = random.Random(seed)
    out: list[str] = []
    page = 1
    for block in clean_text(docs).split("\n\n"):
        if block.lstrip().startswith("|"):  # tables keep their rows
            out.extend(row.strip() for row in block.splitlines())
            out.append("")
            continue
        words = block.split()
        line = ""
        for word in words:
            if len(line) + 1 + len(word) > width and line:
                if word.isalpha() and len(word) >= 8 and rnd.random() < 0.1:
                    out.append(f"{line} {word[:4]}-")
                    line = word[4:]
                    continue
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
            if len(out) % 50 == 49:
                out.append(f"SEC - Section X {page}")
                page += 1
        out.append(line)
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # write the texts for a look: python benchmarks/generate.py OUTDIR [WORDS]
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    docs = synthetic_code(int(sys.argv[2]) if len(sys.argv) > 2 else 800_000)
    (outdir / "synthetic-clean.txt").write_text(clean_text(docs), encoding="utf-8")
    (outdir / "synthetic-noisy.txt").write_text(noisy_text(docs), encoding="utf-8")


def synthetic_changesets(docs: list[Document], count: int = 50, per_set: int = 20, seed: int = 104):
    """``count`` change sets of ``per_set`` operations each, on distinct provisions of ``docs`` (illustrative).

    Mostly word operations (insert, delete, replace, new wording) with some
    structure (add, remove, renumber); none overlap, so all apply cleanly.
    """
    import datetime

    from sec_redline.apply import find_matches
    from sec_redline.changes import (
        ChangeSet,
        DeleteClause,
        DeleteText,
        InsertClause,
        InsertText,
        Renumber,
        ReplaceText,
        SetText,
    )
    from sec_redline.yamlsource import Location

    rnd = random.Random(seed)
    candidates = [c for d in docs for c in d.clauses() if c.kind in ("clause", "paragraph") and len(c.text.split()) > 6]
    rnd.shuffle(candidates)
    picked = iter(candidates)
    used: set = set()
    sets = []
    for n in range(count):
        ops = []
        while len(ops) < per_set:
            clause = next(picked)
            if any(clause.ref.is_within(u) or u.is_within(clause.ref) for u in used if u.section == clause.ref.section):
                continue
            used.add(clause.ref)
            where = Location(f"MP{500 + n}.yaml", len(ops) + 7)
            words = clause.text.split()
            i = rnd.randrange(0, len(words) - 3)
            anchor = " ".join(words[i : i + 3]).strip(":;,.")
            matches = find_matches(clause, anchor)
            occurrence = 1 + next(k for k, m in enumerate(matches) if m.field == "text") if len(matches) > 1 else None
            kind = rnd.random()
            if kind < 0.35:
                ops.append(InsertText(clause.ref, "illustrative words", anchor, "after", occurrence, where))
            elif kind < 0.55:
                ops.append(ReplaceText(clause.ref, anchor, "replacement words", occurrence, where))
            elif kind < 0.7:
                ops.append(DeleteText(clause.ref, anchor, occurrence, where))
            elif kind < 0.85:
                ops.append(SetText(clause.ref, "text", clause.text.replace(words[i], "amended", 1), where))
            elif kind < 0.92 and not clause.ref.path:
                new = ClauseRef(clause.ref.section, clause.ref.group, clause.ref.clause + "A")
                ops.append(InsertClause(new, clause.ref, "after", "Illustrative new clause text.", where))
                used.add(new)
            elif kind < 0.96 and not clause.ref.path:
                ops.append(
                    Renumber(
                        clause.ref, ClauseRef(clause.ref.section, clause.ref.group, clause.ref.clause + "B"), where
                    )
                )
            else:
                ops.append(DeleteClause(clause.ref, "[Not used]", where))
        sets.append(
            ChangeSet(
                f"MP{500 + n}",
                "Illustrative",
                "1.0",
                "SECAS",
                datetime.date(2026, 11, 25),
                tuple(ops),
                f"MP{500 + n}.yaml",
            )
        )
    return sets


# --- the code as one Word document whose numbers are Word's list numbering --------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.numbering+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'
)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _para(text: str, num: int | None = None, level: int = 0) -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    return f'<w:p>{numpr}<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'


def _table(rows: tuple[tuple[str, ...], ...], depth: int) -> str:
    from legal_text.ooxml import table_indent

    cells = "".join("<w:tr>" + "".join(f"<w:tc>{_para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f'<w:tbl><w:tblPr><w:tblInd w:w="{table_indent(depth)}" w:type="dxa"/></w:tblPr><w:tblGrid/>{cells}</w:tbl>'


def numbered_docx(docs: list[Document]) -> bytes:
    """The code as one .docx whose clause and paragraph numbers are not typed but drawn by Word's list
    numbering: a list for each group ("G3.%1" from 1, then "(%2)" and "(%3)"), as SECAS documents number."""
    import io
    import zipfile

    body: list[str] = []
    abstracts: list[str] = []
    nums: list[str] = []

    def clause(c: Clause, num: int, depth: int) -> None:
        if c.kind == "table":
            body.append(_table(c.rows, depth))
            return
        if c.kind in ("definition", "note"):
            body.append(_para(f"{c.label} {c.text}"))
        else:
            body.append(_para(c.text, num, depth))
        for child in c.children:
            clause(child, num, depth + 1)
        if c.trailing:
            body.append(_para(c.trailing))

    for doc in docs:
        body.append(_para(doc.heading))
        body.append(_para(f"SEC Version {doc.version}"))
        num = 0
        for item in doc.body:
            if isinstance(item, Heading):
                if item.kind == "group":
                    num = len(nums) + 1
                    levels = (
                        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                        f'<w:lvlText w:val="{item.label}.%1"/></w:lvl>'
                        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                        '<w:lvlText w:val="(%2)"/></w:lvl>'
                        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
                        '<w:lvlText w:val="(%3)"/></w:lvl>'
                    )
                    abstracts.append(f'<w:abstractNum w:abstractNumId="{num}">{levels}</w:abstractNum>')
                    nums.append(f'<w:num w:numId="{num}"><w:abstractNumId w:val="{num}"/></w:num>')
                body.append(_para(f"{item.label} {item.text}".strip()))
            else:
                clause(item, num, 0)
    document = f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}</w:body></w:document>'
    numbering = f'<w:numbering xmlns:w="{_W}">{"".join(abstracts)}{"".join(nums)}</w:numbering>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
    return buf.getvalue()


# --- a reviewer's pair: two versions of the whole code ------------------------------------------------------

_CLAUSE_START = re.compile(r"^([A-Z]{1,2})(\d+)\.(\d+)([A-Z]?) ")


def _units(text: str) -> list[list[str]]:
    """The code's blocks grouped: a clause with its paragraphs, tables and the text after its list is one
    unit; a Section title, version line or heading is a unit of its own."""
    units: list[list[str]] = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        if _CLAUSE_START.match(block) or not units or (not block[:1].isspace() and not block.startswith("|")):
            units.append([block])
        else:
            units[-1].append(block)
    return units


def _renumber(unit: list[str], number: str) -> list[str]:
    return [_CLAUSE_START.sub(number + " ", unit[0], count=1), *unit[1:]]


def comparison_pair(docs: list[Document], seed: int = 13) -> tuple[str, str, int]:
    """(OLD, NEW, events): the code, and the code with, in every Section, two clauses amended, one inserted
    without renumbering (G3.5A), one deleted, one inserted before the last ten clauses of a group (which
    are renumbered) and one moved to the end of another group under a new number.  Illustrative."""
    rnd = random.Random(seed)
    old = clean_text(docs)
    units = _units(old)
    out: list[list[str]] = []
    events = 0
    sections: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        m = _CLAUSE_START.match(u[0])
        if m:
            sections.setdefault(m.group(1), []).append(i)
    plan: dict[int, str] = {}  # unit index -> what happens to it
    moved_to: dict[int, list[str]] = {}  # the last unit of a group -> units moved after it
    renumber: dict[int, str] = {}
    for letter, idx in sections.items():
        groups: dict[str, list[int]] = {}
        for i in idx:
            m = _CLAUSE_START.match(units[i][0])
            assert m
            groups.setdefault(m.group(2), []).append(i)
        big = [g for g in groups.values() if len(g) >= 18]
        if not big:
            continue
        target, other = rnd.sample(big, 2) if len(big) > 1 else (big[0], big[0])
        # Insert before the last ten clauses of ``target``, renumbering them.
        first = target[-10]
        m = _CLAUSE_START.match(units[first][0])
        assert m
        plan[first] = "insert-before"
        for k, i in enumerate(target[-10:]):
            renumber[i] = f"{letter}{m.group(2)}.{int(m.group(3)) + 1 + k}"
        events += 11
        # In ``other``: amend two, insert one after the third (as nA), delete the fifth, move the seventh to
        # the end of ``target``.
        amend = other[:2]
        for i in amend:
            plan[i] = "amend"
        plan[other[2]] = "insert-after"
        plan[other[4]] = "delete"
        plan[other[6]] = "move"
        last = target[-1]
        m_last = _CLAUSE_START.match(units[last][0])
        assert m_last
        new_number = f"{letter}{m_last.group(2)}.{int(m_last.group(3)) + 2}"
        moved_to[last] = _renumber(units[other[6]], new_number)
        events += 5
    for i, u in enumerate(units):
        what = plan.get(i)
        if what == "delete" or what == "move":
            pass
        elif what == "amend":
            out.append([u[0].replace(" shall ", " must ", 1) if " shall " in u[0] else u[0] + " (amended)", *u[1:]])
        elif what == "insert-after":
            out.append(u)
            m = _CLAUSE_START.match(u[0])
            assert m
            out.append([f"{m.group(1)}{m.group(2)}.{m.group(3)}A {_words(rnd, 30)} (illustrative insertion)."])
        elif what == "insert-before":
            m = _CLAUSE_START.match(u[0])
            assert m
            out.append([f"{m.group(1)}{m.group(2)}.{m.group(3)} {_words(rnd, 30)} (illustrative insertion)."])
            out.append(_renumber(u, renumber[i]))
        else:
            out.append(_renumber(u, renumber[i]) if i in renumber else u)
        if i in moved_to:
            out.append(moved_to[i])
    new = "\n\n".join("\n\n".join(u) for u in out) + "\n"
    return old, new, events


def plain_docx(text: str) -> bytes:
    """Text as a reviewer pastes it into Word: a plain paragraph a block, numbers typed, no house styles (the
    blank document python-docx starts from, with Word's default parts: styles, settings, fonts)."""
    import io

    import docx

    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    for block in text.split("\n\n"):
        if block.strip():
            sect.addprevious(etree.fromstring(f'<w:p xmlns:w="{_W}"><w:r><w:t xml:space="preserve">'
                                              f'{_esc(" ".join(block.split()))}</w:t></w:r></w:p>'))  # fmt: skip
    document.core_properties.created = document.core_properties.modified = dt.datetime(2000, 1, 1)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
