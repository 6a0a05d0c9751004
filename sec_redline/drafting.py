"""Drafting checks: parallel provisions that drift apart, defined terms, cross-references.

``check_drafting(base, changesets, definitions)`` gives findings, each naming a provision by its reference
as ``parse --format refs`` prints it:

- **parallel**: provisions whose words are nearly the same (at least ``PARALLEL`` alike, word for word)
  are found through an index of word shingles (each provision's ``SKETCH`` smallest shingle hashes, so
  that only provisions sharing some are compared, never all pairs).  Of a base alone, pairs that are
  nearly but not quite the same are reported (the drift MP087 mended); with change sets, a provision they
  amend whose parallel they leave alone, when the two read less alike after than before: the finding names
  the parallel and the redline it would need (the same edit replayed on its words), which ``--suggest``
  writes as a change set.
- **terms**: capitalised terms in the words the change sets add that Section A does not define (with the
  nearest defined term), a defined term written with other capitals, and definitions nothing uses.
- **xrefs**: references to provisions the base does not have, and references the change sets leave
  pointing at a provision they remove, or at a number they give another provision.
"""

from __future__ import annotations

import difflib
import heapq
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from legal_text import Clause, ClauseRef, Document
from legal_text.diff import ClauseChange, Entry, Redline, Run, diff_documents, diff_words, tokenize
from legal_text.inline import find_xrefs

from .apply import apply_changesets
from .changes import ChangeSet, Operation, SetText, numbers_gone
from .errors import EXIT_DIFFERS, EXIT_OK
from .outputs import Outputs
from .yamlsource import Location

Kind = Literal["parallel", "term", "xref"]
KINDS: dict[Kind, str] = {
    "parallel": "Parallel provisions",
    "term": "Defined terms",
    "xref": "Cross-references",
}
PARALLEL = 0.8  # how alike two provisions' words must be to be parallel
MIN_WORDS = 8  # shorter provisions ("[Not used]", a heading-like line) are not compared
SKETCH = 8  # shingle hashes kept of each provision
SHINGLE = 3  # words a shingle
BUCKET_LIMIT = 400  # a shingle more provisions share is boilerplate: it finds no parallel
_WORD = re.compile(r"\w+")
_NOT_TERMS = frozenset(
    {
        "Section", "Sections", "Where", "Each", "Any", "The", "This", "That", "If", "When", "Unless", "Subject",
        "Without", "Nothing", "No", "Such", "In", "For", "Provided", "Party", "Parties", "Note", "Table",
        "Appendix", "Schedule",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One finding: its kind, the provision, the finding in words, and what to show under it."""

    kind: Kind
    ref: str
    text: str
    context: str = ""
    where: Location | None = field(default=None, compare=False)

    def line(self) -> str:
        return f"{self.ref}: {self.text}"


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]  # what could not be checked, and why
    suggestions: tuple[SetText, ...] = ()


# --- the similarity index -------------------------------------------------------------------------------


def _own_words(c: Clause) -> str:
    return f"{c.text} {c.trailing}".strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _sketch(words: list[str]) -> list[int]:
    shingles = {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}
    return heapq.nsmallest(SKETCH, shingles)


def likeness(a: list[str], b: list[str]) -> float:
    """How alike two provisions' words are, word for word (0 to 1)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


class ParallelIndex:
    """Provisions of a code indexed by their shingle sketches; ``parallels(words)`` finds those alike."""

    def __init__(self, docs: Sequence[Document]):
        self.refs: list[str] = []
        self.words: list[list[str]] = []
        self.sketches: list[list[int]] = []
        self.buckets: dict[int, list[int]] = defaultdict(list)
        for d in docs:
            for c in d.clauses():
                if not c.addressable or c.kind == "definition":
                    continue
                words = _words(_own_words(c))
                if len(words) < MIN_WORDS:
                    continue
                k = len(self.refs)
                self.refs.append(str(c.ref))
                self.words.append(words)
                self.sketches.append(_sketch(words))
                for h in self.sketches[-1]:
                    self.buckets[h].append(k)

    def parallels(
        self, words: list[str], threshold: float = PARALLEL, sketch: list[int] | None = None, after: int = -1
    ) -> list[tuple[str, float]]:
        """(reference, likeness) of the indexed provisions at least ``threshold`` alike ``words`` (``sketch``:
        its sketch, when known; ``after``: only provisions indexed after that one, to find each pair once)."""
        if len(words) < MIN_WORDS:
            return []
        shared: dict[int, int] = defaultdict(int)
        for h in sketch if sketch is not None else _sketch(words):
            bucket = self.buckets.get(h, ())
            if len(bucket) > BUCKET_LIMIT:
                continue
            for k in bucket:
                if k > after:
                    shared[k] += 1
        out = []
        for k, n in shared.items():
            other = self.words[k]
            if n < 2 or 2 * min(len(words), len(other)) < threshold * (len(words) + len(other)):
                continue  # too few shingles shared, or lengths too far apart to be alike enough
            matcher = difflib.SequenceMatcher(None, words, other, autojunk=False)
            if matcher.quick_ratio() < threshold:  # an upper bound, cheaply
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                out.append((self.refs[k], ratio))
        return sorted(out, key=lambda x: (-x[1], x[0]))


# --- replaying an edit on a parallel provision --------------------------------------------------------------


def replay(before: str, after: str, other: str) -> str | None:
    """``other`` with the edit that turned ``before`` into ``after`` made to it too, where ``other`` has the
    words the edit hangs on; None when some part of the edit finds no place in it."""
    xb, xa, y = tokenize(before), tokenize(after), tokenize(other)
    to_y: dict[int, int] = {}
    for a, b, size in difflib.SequenceMatcher(None, xb, y, autojunk=False).get_matching_blocks():
        for n in range(size):
            to_y[a + n] = b + n
    edits: list[tuple[int, int, list[str]]] = []  # (start, end) in y, replaced by tokens
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, xb, xa, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:  # words replaced or deleted: each must be in ``other``
            if not all(i in to_y for i in range(i1, i2)):
                return None
            start, end = to_y[i1], to_y[i2 - 1] + 1
        elif i1 - 1 in to_y:  # an insertion after a word ``other`` has
            start = end = to_y[i1 - 1] + 1
        elif i1 in to_y:  # ... or before one
            start = end = to_y[i1]
        else:
            return None
        edits.append((start, end, xa[j1:j2]))
    out = list(y)
    for start, end, tokens in sorted(edits, key=lambda e: e[0], reverse=True):
        out[start:end] = tokens
    return "".join(out)


def marked(old: str, new: str) -> str:
    """The change from ``old`` to ``new`` as text: [-deleted-]{+inserted+}."""
    return "".join(
        r.text if r.op == "equal" else f"[-{r.text}-]" if r.op == "delete" else f"{{+{r.text}+}}"
        for r in diff_words(old, new)
    )


# --- the checks ---------------------------------------------------------------------------------------------


def _amended(redline_entries: Iterable[Entry]) -> list[ClauseChange]:
    """Provisions (clauses and paragraphs) whose own words changed, or that are new."""
    out = []
    for e in redline_entries:
        if not isinstance(e, ClauseChange):
            continue
        for c in e.walk():
            if c.kind in ("table", "note") or c.status == "deleted":
                continue
            if c.status == "inserted" or any(r.op != "equal" for r in (*c.text, *c.trailing)):
                out.append(c)
    return out


def _parallel_findings(
    base: Sequence[Document], after: Sequence[Document], changes: list[ClauseChange], index: ParallelIndex
) -> tuple[list[Finding], list[SetText]]:
    findings: list[Finding] = []
    suggestions: list[SetText] = []
    before_of = {str(c.ref): c for d in base for c in d.clauses()}
    after_of = {str(c.ref): c for d in after for c in d.clauses()}
    amended = {str(c.ref) for c in changes}
    for c in changes:
        ref = str(c.old_ref or c.ref)
        old = before_of.get(ref)
        new = after_of.get(str(c.ref))
        if old is None or new is None:
            continue
        old_words, new_words = _words(_own_words(old)), _words(_own_words(new))
        for other_ref, alike in index.parallels(old_words):
            if other_ref == ref or other_ref in amended:
                continue
            other = after_of.get(other_ref)
            if other is None:
                continue
            now = likeness(new_words, _words(_own_words(other)))
            if now >= alike:
                continue  # the change brings them closer (or leaves them as alike): no drift
            needed = replay(_own_words(old), _own_words(new), _own_words(other))
            context = (
                f"{other_ref} would need: {marked(_own_words(other), needed)}"
                if needed is not None
                else f"the edit to {ref} finds no place in {other_ref}'s words; compare them by hand"
            )
            findings.append(
                Finding(
                    "parallel",
                    other_ref,
                    f"reads like {c.ref} ({alike:.0%} alike), which the change set amends and this not "
                    f"({now:.0%} alike after)",
                    context,
                )
            )
            if needed is not None:
                suggestions.append(SetText(ClauseRef.parse(other_ref), "text", needed, Location("<suggested>", 0)))
    return findings, suggestions


def _base_parallels(base: Sequence[Document], index: ParallelIndex) -> list[Finding]:
    """Pairs of the base nearly but not quite the same: parallels that have drifted apart."""
    findings: list[Finding] = []
    own = {str(c.ref): _own_words(c) for d in base for c in d.clauses()}
    seen: set[tuple[str, str]] = set()
    for k, ref in enumerate(index.refs):
        for other, alike in index.parallels(index.words[k], sketch=index.sketches[k], after=k):
            pair = (min(ref, other), max(ref, other))
            if other == ref or alike >= 0.999 or pair in seen:
                continue
            seen.add(pair)
            findings.append(
                Finding(
                    "parallel",
                    pair[0],
                    f"reads like {pair[1]} ({alike:.0%} alike) but not the same: have they drifted apart?",
                    f"{pair[1]} against {pair[0]}: {marked(own[pair[0]], own[pair[1]])}",
                )
            )
    return findings


def _terms_in(text: str) -> list[tuple[int, int, str]]:
    """Capitalised terms in ``text`` (not a sentence's first word, not a reference): (start, end, term)."""
    out = []
    for m in re.finditer(r"\b[A-Z][A-Za-z0-9+]*(?:[- ](?:of |and |the )?[A-Z][A-Za-z0-9+]*)*", text):
        word = m.group(0)
        start = text[: m.start()].rstrip()
        if not start or start[-1] in ".:;" or re.fullmatch(r"[A-Z]{1,2}\d.*", word) or word in _NOT_TERMS:
            continue
        if " " not in word and len(word) < 3:
            continue
        out.append((m.start(), m.end(), word))
    return out


def _added(runs: Iterable[Run]) -> tuple[str, list[tuple[int, int]]]:
    """A field's new words and where in them the change set's insertions are."""
    text, spans, pos = "", [], 0
    for r in runs:
        if r.op == "delete":
            continue
        if r.op == "insert":
            spans.append((pos, pos + len(r.text)))
        text += r.text
        pos += len(r.text)
    return text, spans


def _term_findings(
    changes: list[ClauseChange],
    defined: list[str],
    base: Sequence[Document],
    with_changes: bool,
    new_terms: frozenset[str] = frozenset(),
) -> list[Finding]:
    findings: list[Finding] = []
    known = set(defined)
    alternatives = "|".join(re.escape(t) for t in sorted(set(defined), key=len, reverse=True))
    any_case = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    folded = {t.casefold(): t for t in defined}
    if with_changes:
        for c in changes:
            seen: set[str] = set()
            for runs in (c.text, c.trailing):
                text, spans = _added(runs)

                def added(a: int, b: int, spans: list[tuple[int, int]] = spans) -> bool:
                    return any(a < y and x < b for x, y in spans)

                defined_here: list[tuple[int, int]] = []
                for m in any_case.finditer(text):
                    defined_here.append((m.start(), m.end()))
                    word = m.group(0)
                    if added(m.start(), m.end()) and word not in known and not word.islower() and word not in seen:
                        seen.add(word)
                        findings.append(
                            Finding(
                                "term",
                                str(c.ref),
                                f"'{word}' is the defined term '{folded[word.casefold()]}' with other capitals",
                            )
                        )
                for a, b, term in _terms_in(text):
                    inside = any(x <= a and b <= y for x, y in defined_here)
                    if not added(a, b) or inside or term in known or term in seen:
                        continue
                    seen.add(term)
                    close = difflib.get_close_matches(term, defined, n=1, cutoff=0.6)
                    findings.append(
                        Finding(
                            "term",
                            str(c.ref),
                            f"'{term}' is capitalised like a defined term, but Section A does not define it"
                            + (f"; nearest: '{close[0]}'" if close else ""),
                        )
                    )
        # A definition the change sets add that no provision uses.
        return findings + _unused([t for t in defined if t in new_terms], base, "the change set defines it")
    return findings + _unused(defined, base, "is defined")


def _unused(terms: list[str], docs: Sequence[Document], what: str) -> list[Finding]:
    """A finding for each of ``terms`` no provision of ``docs`` uses: one pass over the code's words with
    every term at once (longest first), not one pass a term."""
    if not terms:
        return []
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    used: set[str] = set()
    for d in docs:
        for provision in d.clauses():
            if provision.kind != "definition":
                used.update(m.group(0) for m in pattern.finditer(f"{provision.text} {provision.trailing}"))
    return [Finding("term", f'"{t}"', f"{what}, but no provision uses it") for t in terms if t not in used]


def _xref_findings(
    docs: Sequence[Document], changesets: Sequence[ChangeSet], changes: list[ClauseChange] | None
) -> tuple[list[Finding], int]:
    """References to provisions the documents do not have (in the Sections and Appendices they hold), and
    references in the words a change set adds to a provision it removes or to an old number it renumbers."""
    findings: list[Finding] = []
    held = {d.identity for d in docs}
    refs = {c.ref for d in docs for c in d.clauses()}
    groups = {r.parent() for r in refs if r.clause is not None and not r.path}
    gone = numbers_gone(changesets)
    checked = 0
    inserted = {str(c.ref): " ".join(r.text for r in (*c.text, *c.trailing) if r.op == "insert") for c in changes or []}
    for d in docs:
        for c in d.clauses():
            for words in (c.text, c.trailing):
                for _start, _end, named in find_xrefs(words, c.ref, d):
                    for r in named:
                        if r.document not in held:
                            continue
                        checked += 1
                        exists = r in refs or r in groups or (r.clause is None and r.group is None)
                        if not exists:
                            findings.append(Finding("xref", str(c.ref), f"refers to {r}, which does not exist"))
                        elif changes is not None and r in gone and r.cited in inserted.get(str(c.ref), ""):
                            findings.append(Finding("xref", str(c.ref), f"the words added refer to {r}, {gone[r]}"))
    return findings, checked


def check_drafting(
    base: Sequence[Document],
    changesets: Sequence[ChangeSet] = (),
    definitions: Sequence[Document] | None = None,
    applied: tuple[Sequence[Document], Sequence[Redline]] | None = None,
) -> CheckResult:
    """Every drafting check on ``base`` (with ``changesets``: on what they change).  ``applied``: the
    documents after the change sets and the comparisons of those they changed, when the caller (a
    redline) has made them already."""
    notes: list[str] = []
    index = ParallelIndex(base)
    after: list[Document] = list(base)
    changes: list[ClauseChange] = []
    if changesets:
        if applied is None:
            after = apply_changesets(list(base), list(changesets)).value
            redlines = [diff_documents(o, n) for o, n in zip(base, after, strict=True) if o.body != n.body]
        else:
            after, redlines = list(applied[0]), list(applied[1])
        for r in redlines:
            changes += _amended(r.body)
        findings, suggestions = _parallel_findings(base, after, changes, index)
    else:
        findings, suggestions = _base_parallels(base, index), []
    sources = list(definitions) if definitions is not None else [d for d in after if d.definitions()]
    defined = [t for d in sources for t in d.definitions()]
    if defined:
        before = {t for d in base for t in d.definitions()}
        findings += _term_findings(changes, defined, after, bool(changesets), frozenset(defined) - before)
    else:
        notes.append(
            "defined terms were not checked: the base holds no definitions (give Section A in the base, or "
            "--definitions FILE)"
        )
    xrefs, checked = _xref_findings(after, changesets, changes if changesets else None)
    findings += xrefs
    if not checked:
        notes.append("cross-references: no reference to a provision of a document in the base was found")
    order = {k: n for n, k in enumerate(KINDS)}
    findings.sort(key=lambda f: order[f.kind])
    return CheckResult(tuple(findings), tuple(notes), tuple(suggestions))


def findings_text(result: CheckResult, notes: bool = True) -> str:
    """The findings grouped by kind, with their context, as ``check`` prints them; with ``notes``, what
    could not be checked ("note: ...") after them (``check`` prints those on stderr: ``notes_text``)."""
    lines: list[str] = []
    for kind, title in KINDS.items():
        mine = [f for f in result.findings if f.kind == kind]
        lines.append(f"{title}: {len(mine)}")
        for f in mine:
            lines.append(f"  {f.line()}")
            if f.context:
                lines.append(f"      {f.context}")
    if notes:
        lines += notes_text(result).splitlines()
    return "\n".join(lines) + "\n"


def notes_text(result: CheckResult) -> str:
    """What the checks could not check, and why: a ``note:`` line each."""
    return "".join(f"note: {n}\n" for n in result.notes)


def findings_markdown(result: CheckResult, title: str) -> str:
    """``draft-checks.md``: the findings grouped by kind, for the analyst (never part of the Annex A)."""
    out = [f"# Draft checks: {title}", ""]
    for kind, heading in KINDS.items():
        mine = [f for f in result.findings if f.kind == kind]
        out += [f"## {heading} ({len(mine)})", ""]
        out += [f"- `{f.ref}`: {f.text}" + (f"\n  - {f.context}" if f.context else "") for f in mine] or ["None."]
        out.append("")
    out += [f"Note: {n}" for n in result.notes]
    return "\n".join(out).rstrip() + "\n"


def findings_json(result: CheckResult) -> dict[str, object]:
    """The findings as ``check --format json`` prints them."""
    return {
        "format": "sec-redline drafting checks",
        "format_version": 1,
        "findings": [{"kind": f.kind, "ref": f.ref, "text": f.text, "context": f.context} for f in result.findings],
        "notes": list(result.notes),
    }


def make_checks(
    base: str | Path,
    changesets: Sequence[str | Path] = (),
    *,
    fmt: Literal["text", "json"] = "text",
    definitions: str | Path | None = None,
    suggest: str | Path | None = None,
    section: str | None = None,
) -> Outputs:
    """``sec-redline check``: the drafting checks on ``base`` (a document, the whole code or a folder of
    documents), or on what ``changesets`` change in it, as text or JSON on stdout (exit 1 when something is
    found); with ``suggest``, the redlines parallel provisions would need, as a change set there.

    ``suggest`` ``-`` is standard output: the change set is printed there (the text findings go to stderr),
    or, with JSON, is the JSON's ``"suggested"`` (the change set's YAML, or null), so that standard output
    stays one document of one format."""
    from .changes import load_changesets
    from .fileio import check_not_input, is_stdio
    from .sources import read_base

    inputs = (Path(base), *map(Path, changesets), *([Path(definitions)] if definitions else []))
    if suggest and not is_stdio(suggest):
        check_not_input(suggest, inputs)
    loaded = read_base(base, section=section)
    said = list(loaded.messages)
    sets = load_changesets(list(changesets))
    defs = None
    if definitions:
        read = read_base(definitions)
        said += read.messages
        defs = read.value
    result = check_drafting(loaded.value, sets, defs)
    suggested = _suggested(result, sets) if suggest else None
    code = EXIT_DIFFERS if result.findings else EXIT_OK
    files: dict[Path, bytes | str] = {}
    report = ""
    if fmt == "json":
        found = findings_json(result)
        if is_stdio(suggest):
            found["suggested"] = suggested
        stdout = json.dumps(found, indent=2, ensure_ascii=False) + "\n"
    elif is_stdio(suggest):
        stdout, report = suggested or "", findings_text(result)
    else:
        # The findings are the result; what could not be checked is a note, on stderr (left out with -q).
        stdout, report = findings_text(result, notes=False), notes_text(result)
    if suggest and suggested is None:
        unwritten = "no change set was printed" if is_stdio(suggest) else f"{suggest} was not written"
        report += f"note: nothing to suggest, so {unwritten}\n"
    elif suggest and suggested is not None and not is_stdio(suggest):
        files[Path(suggest)] = suggested
    return Outputs(files, tuple(said), stdout, report=report, exit_code=code, inputs=inputs)


def _suggested(result: CheckResult, sets: Sequence[ChangeSet]) -> str | None:
    """The redlines parallel provisions would need, as a change set (its header the first change set's), or
    None when there are none."""
    from .changes import dump_changeset

    if not result.suggestions:
        return None
    first = sets[0]
    suggested: tuple[Operation, ...] = result.suggestions
    return dump_changeset(replace(first, title=f"{first.title} (parallel provisions, suggested)", changes=suggested))
