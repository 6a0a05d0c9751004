"""What the web view asks of the version store, over its public methods only (``Store.versions``,
``stems``, ``document``, ``documents``, ``history``, ``events``, ``changes``): the versions and what each
changed, a version's documents in pages, a provision's changes, the version in force on a day, the provisions
holding some words, and the comparison of two versions, each cached.

The store is opened read-only, one connection a thread (SQLite's rule); when its file changes (another
program recorded a release) every cache is dropped.  Nothing here writes.  Every error a request can cause is
one of ``NotFound`` (404), ``Malformed`` (400) or ``Unavailable`` (503), whose text names what was asked and
never a file of this machine.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from legal_text import ClauseRef, ClauseRefError, Document, diff_documents
from legal_text.collector import no_collector_pauses
from legal_text.diff import Run, diff_words
from legal_text.events import EVENT_KINDS
from legal_text.model import Clause, Heading, Item

from ..annex import Comparison, build_comparison
from ..errors import UserError
from ..sources import pair_documents
from ..store import Event, Store, document_stem
from .cache import Cache

VERSIONS_HELD = 6  # versions read and kept (the 800,000-word code is about 40 MB a version)
COMPARISONS_HELD = 4  # comparisons kept whole (for their Word and JSON forms)
PAGE_WORDS = 25_000  # a document page holds whole top-level provisions up to about this many words
RESULTS_A_PAGE = 50  # search results a page
MAX_QUERY = 200  # characters of a search
MAX_NAME = 200  # characters of a version, document or reference in a path


class NotFound(Exception):
    """What was asked is not in the store (404): the text names it."""


class Malformed(Exception):
    """What was asked is not well formed (400): the text says what is wrong."""


class Unavailable(Exception):
    """The store cannot be read just now (503): being written, locked, or gone."""


def _name(text: str, what: str) -> str:
    if not text or len(text) > MAX_NAME or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise Malformed(f"{what} {text[:MAX_NAME]!r} is not a name this view can hold")
    return text


@dataclass(frozen=True)
class VersionInfo:
    """A version as the store lists it, with its place in the order the store received them."""

    name: str
    date: str
    base: str
    release: str
    order: int

    @property
    def label(self) -> str:
        return f"SEC {self.name}"


def stem(doc: Document) -> str:
    """A document's name in a path: the stem a release's ``consolidated/`` uses ("section-G",
    "appendix-AD")."""
    return document_stem(doc.profile, doc.section)


def ref_stem(ref: ClauseRef) -> str:
    """The stem of the document a reference is in."""
    return document_stem(*ref.document)


def own_words(clause: Clause) -> str:
    """A provision's own words (not its paragraphs'): its label, text, text after its list, a table's cells."""
    cells = " ".join(" ".join(row) for row in clause.rows)
    return " ".join(x for x in (clause.label, clause.text, cells, clause.trailing) if x)


def _item_words(item: Item) -> int:
    if isinstance(item, Heading):
        return len(item.text.split())
    return sum(len(own_words(c).split()) for c in item.walk())


@dataclass(frozen=True)
class Entry:
    """A provision in the search index: where it is and its own words."""

    ref: str
    stem: str
    kind: str
    words: str
    lower: str


class Version:
    """A version of the store as the web view reads it: the names of its documents (``stems``) at once; a
    document when first asked for, read alone (``Store.document``: a document's page reads no other); all of
    them when a page needs every one (its documents listed, a comparison, a search); each document cut into
    pages; its search index.  ``read(stem)`` reads one document (none where the store no longer has it),
    ``read(None)`` every one."""

    def __init__(
        self, info: VersionInfo, stems: Sequence[str], read: Callable[[str | None], tuple[Document, ...]]
    ) -> None:
        self.info = info
        self.stems = tuple(stems)
        self._read = read
        self._every: Cache[tuple[Document, ...]] = Cache(1)
        self._one: Cache[tuple[Document, ...]] = Cache(max(1, len(self.stems)))
        self._pages: dict[str, list[tuple[int, int]]] = {}
        self._lock = threading.Lock()

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document, in order (read once, when first needed; the documents read alone are let go)."""
        held = self._every.peek(None)
        if held is None:
            held = self._every.get(None, lambda: self._read(None))
            self._one.clear()
        return held

    @property
    def whole(self) -> bool:
        """Whether every document has been read."""
        return self._every.holds(None)

    @property
    def by_stem(self) -> dict[str, Document]:
        return {stem(d): d for d in self.documents}

    def document(self, name: str) -> Document:
        if name not in self.stems:
            held = ", ".join(self.stems) or "none"
            raise NotFound(f"{self.info.label} has no document {name} (it has: {held})")
        found = self._every.peek(None) or self._one.get(name, lambda: self._read(name))
        match = next((d for d in found if stem(d) == name), None)
        if match is None:  # the store changed while it was read: the next request reads it again
            raise Unavailable("the version store cannot be read just now")
        return match

    def pages(self, name: str) -> list[tuple[int, int]]:
        """The pages of document ``name``: ranges of its top-level items, each at most about PAGE_WORDS
        words (a longer single provision is a page of its own)."""
        with self._lock:
            if name not in self._pages:
                body = self.document(name).body
                cuts: list[tuple[int, int]] = []
                start, words = 0, 0
                for k, item in enumerate(body):
                    n = _item_words(item)
                    if words and words + n > PAGE_WORDS:
                        cuts.append((start, k))
                        start, words = k, 0
                    words += n
                cuts.append((start, len(body)))
                self._pages[name] = cuts
            return self._pages[name]

    def page_of(self, name: str, ref: ClauseRef) -> int:
        """The page (from 1) of document ``name`` that holds ``ref``; NotFound when none does."""
        doc = self.document(name)
        for number, (a, b) in enumerate(self.pages(name), start=1):
            for item in doc.body[a:b]:
                if isinstance(item, Clause) and any(c.ref == ref for c in item.walk()):
                    return number
        raise NotFound(f"{self.info.label} has no provision {ref} in {doc.name}")

    @cached_property
    def index(self) -> list[Entry]:
        """Every provision's own words, in the code's order (made when first searched)."""
        out = []
        for d in self.documents:
            where = stem(d)
            for c in d.clauses():
                words = own_words(c)
                out.append(Entry(str(c.ref), where, c.kind, words, words.casefold()))
        return out

    @cached_property
    def definitions(self) -> dict[str, Entry]:
        """Each defined term and where it is defined."""
        out: dict[str, Entry] = {}
        for d in self.documents:
            for term, c in d.definitions().items():
                words = own_words(c)
                out.setdefault(term, Entry(str(c.ref), stem(d), c.kind, words, words.casefold()))
        return out


@dataclass(frozen=True)
class Change:
    """A version in which a provision changed: how (first, inserted, amended, deleted, renumbered, moved), by
    which modification and of what kind (modification, direction, variation; "" where the store does not
    say), its words after, its words before and after marked, and the reference it came from (renumbered or
    moved here) or went to (renumbered or moved away)."""

    version: VersionInfo
    kind: str
    modification: str
    text: str
    runs: tuple[Run, ...]
    previous: VersionInfo | None
    modification_kind: str = ""
    came_from: str = ""
    went_to: str = ""
    amended: bool = False  # renumbered or moved, and its words changed too


@dataclass(frozen=True)
class Summary:
    """What a version changed from its base: the events by kind and the modifications that made them."""

    base: str
    counts: dict[str, int]
    modifications: tuple[str, ...]
    events: int

    @property
    def line(self) -> str:
        shown = [f"{n} {kind}" for kind, n in self.counts.items() if n]
        return ", ".join(shown) if shown else "no change"


@dataclass(frozen=True)
class PendingModification:
    modification: str
    kind: str
    title: str
    touches: tuple[tuple[str, str], ...]  # (what it changes, as named; the reference, or "" for none)


@dataclass(frozen=True)
class PendingRelease:
    """A release approved and not yet in the store (a ``--pending`` manifest)."""

    release: str
    version: str
    base: str
    date: str
    modifications: tuple[PendingModification, ...]


@dataclass(frozen=True)
class SearchResult:
    version: VersionInfo
    words: tuple[str, ...]
    hits: list[Entry]
    total: int
    terms: list[tuple[str, Entry, int]]  # (term, where it is defined, how many provisions use it)


def parse_ref(text: str) -> ClauseRef:
    _name(text, "reference")
    try:
        return ClauseRef.parse(text)
    except ClauseRefError:
        raise Malformed(f"{text!r} is not a clause reference (e.g. G3.20(b), AD 1.2.3)") from None


def parse_date(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or ""):
        raise Malformed(f"{text[:40]!r} is not a date written YYYY-MM-DD (e.g. 2020-03-01)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Malformed(f"{text} is not a day of the calendar") from None


def search_words(q: str) -> tuple[str, ...]:
    """The words (and "quoted phrases") of a search."""
    if len(q) > MAX_QUERY:
        raise Malformed(f"a search of {len(q)} characters is too long (at most {MAX_QUERY})")
    if any(ord(ch) < 32 for ch in q):
        raise Malformed("a search holds a control character")
    found = [a or b for a, b in re.findall(r'"([^"]+)"|([^\s"]+)', q)]
    return tuple(dict.fromkeys(w.strip().casefold() for w in found if w.strip()))


class Library:
    """The version store as the web view reads it."""

    def __init__(self, path: str | Path, pending: Sequence[PendingRelease] = ()) -> None:
        self.path = Path(path)
        self.pending = tuple(pending)
        Store(self.path, create=False).close()  # missing, or not ours: InputError (exit 3) before serving
        self._local = threading.local()
        self._stamp = self._file_stamp()
        self._stamp_lock = threading.Lock()
        self._generation = 0
        self.versions_read: Cache[Version] = Cache(VERSIONS_HELD)
        self.comparisons: Cache[Comparison] = Cache(COMPARISONS_HELD)
        self.pages: Cache[bytes] = Cache(256)
        self.downloads: Cache[bytes] = Cache(8)
        self.summaries: Cache[Summary | None] = Cache(10_000)

    # the store --------------------------------------------------------------------------------

    def _file_stamp(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for p in (self.path, Path(f"{self.path}-wal")):
            try:
                s = os.stat(p)
                stamp += [s.st_ino, s.st_size, s.st_mtime_ns]
            except OSError:
                stamp += [0, 0, 0]
        return tuple(stamp)

    def refresh(self) -> None:
        """Drop every cache when the store's file has changed since it was last looked at."""
        now = self._file_stamp()
        with self._stamp_lock:
            if now == self._stamp:
                return
            self._stamp = now
            self._generation += 1
        for cache in (self.versions_read, self.comparisons, self.pages, self.downloads, self.summaries):
            cache.clear()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """This thread's read-only connection to the store; an error reading it is ``Unavailable``."""
        held = getattr(self._local, "store", None)
        try:
            if held is None or self._local.generation != self._generation:
                if held is not None:
                    held.close()
                self._local.store = held = Store(self.path, create=False)
                self._local.generation = self._generation
            yield held
        except (sqlite3.DatabaseError, UserError) as exc:
            # A writer holding the store (SQLite's "database is locked", at opening or reading): try again soon.
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy:
                self._local.store = None
            raise Unavailable(
                "the version store is being written just now; try again in a moment"
                if busy
                else "the version store cannot be read just now"
            ) from None

    def versions(self) -> list[VersionInfo]:
        """Every version held, in the order the store received them."""
        with self.store() as st:
            rows = st.versions()
        return [VersionInfo(n, d, b, r, k) for k, (n, d, b, r) in enumerate(rows)]

    def newest_first(self) -> list[VersionInfo]:
        """The versions newest first: by go-live date, then as received (a version with no date counts as
        older than every dated one)."""
        return sorted(self.versions(), key=lambda v: (v.date, v.order), reverse=True)

    def info(self, name: str) -> VersionInfo:
        _name(name, "version")
        held = self.versions()
        found = next((v for v in held if v.name == name), None)
        if found is None:
            names = ", ".join(v.name for v in held) or "none"
            raise NotFound(f"the store holds no version {name} (it holds: {names})")
        return found

    def version(self, name: str) -> Version:
        """Version ``name``, its documents read as they are asked for (kept for the next request)."""
        info = self.info(name)

        def read(which: str | None) -> tuple[Document, ...]:
            with self.store() as st, no_collector_pauses():
                if which is None:
                    docs = st.documents(name)
                else:
                    one = st.document(name, which)
                    docs = [one] if one is not None else []
            shown = f"{self.path.name}:{name}"  # as `diff` names a stored version, less the folder
            return tuple(replace(d, source=shown) for d in docs)

        def made() -> Version:
            with self.store() as st:
                stems = st.stems(name)
            return Version(info, stems, read)

        return self.versions_read.get((name, info), made)

    # a provision's changes ----------------------------------------------------------------------

    def history(self, ref: ClauseRef) -> list[Change]:
        """Every version in which ``ref`` changed (its first version too), oldest first."""
        infos = {v.name: v for v in self.versions()}
        with self.store() as st:
            entries = st.history(ref)
        if not any(e.text for e in entries):
            raise NotFound(f"no version the store holds has a provision {ref}")
        out: list[Change] = []
        before, previous = "", None
        for k, e in enumerate(entries):
            kind = ""
            if k == 0 and e.text:
                kind = "first"
            elif e.changed:  # as its release recorded it, else as its words say
                kind = e.event or ("inserted" if not before else "deleted" if not e.text else "amended")
            if kind:
                runs = diff_words(before, e.text) if before and e.text else (Run("equal", e.text),)
                if not e.text:  # deleted, or renumbered or moved away: its words went from here
                    runs = (Run("delete", before),)
                out.append(Change(infos[e.version], kind, e.modification, e.text, runs, previous,
                                  e.modification_kind, e.came_from, e.went_to, e.amended))  # fmt: skip
            before, previous = e.text, infos[e.version]
        return out

    # the version in force on a day ----------------------------------------------------------------

    def in_force(self, day: dt.date) -> tuple[VersionInfo | None, list[VersionInfo]]:
        """The version in force on ``day`` (the latest go-live on or before it; a version with no date was in
        force before every dated one) and those held whose go-live is after it, soonest first."""
        held = self.versions()
        iso = day.isoformat()
        before = sorted((v for v in held if v.date <= iso), key=lambda v: (v.date, v.order))
        later = sorted((v for v in held if v.date > iso), key=lambda v: (v.date, v.order))
        return (before[-1] if before else None), later

    def pending_releases(self) -> list[PendingRelease]:
        """The ``--pending`` releases whose version the store does not hold yet."""
        held = {v.name for v in self.versions()}
        return [p for p in self.pending if p.version not in held]

    # search ---------------------------------------------------------------------------------------

    def search(self, version: Version, words: tuple[str, ...], page: int) -> SearchResult:
        """The provisions of ``version`` whose own words hold every one of ``words`` (each at the start of a
        word, any case), in the code's order, a page of them; and the defined terms the search names."""
        patterns = [re.compile(r"(?<!\w)" + re.escape(w)) for w in words]
        hits = [
            e for e in version.index if all(w in e.lower for w in words) and all(p.search(e.lower) for p in patterns)
        ]
        start = (page - 1) * RESULTS_A_PAGE
        if page > 1 and start >= len(hits):
            raise NotFound(f"the search has {len(hits)} results: there is no page {page}")
        phrase = " ".join(words)
        terms = [(t, e) for t, e in version.definitions.items() if phrase and phrase in t.casefold()]
        terms.sort(key=lambda te: (te[0].casefold() != phrase, len(te[0])))
        counted = [(t, e, self._uses(version, t)) for t, e in terms[:5]]
        return SearchResult(version.info, words, hits[start : start + RESULTS_A_PAGE], len(hits), counted)

    def _uses(self, version: Version, term: str) -> int:
        """How many provisions other than its definition hold ``term``, as a search for it finds them."""
        needle = term.casefold()
        pattern = re.compile(r"(?<!\w)" + re.escape(needle))
        defined = version.definitions[term].ref
        return sum(1 for e in version.index if e.ref != defined and needle in e.lower and pattern.search(e.lower))

    # comparisons ----------------------------------------------------------------------------------

    def comparison(self, old: str, new: str, name: str | None = None) -> Comparison:
        """The comparison of two versions (or of one document of them), as ``sec-redline diff`` makes it."""
        a, b = self.version(old), self.version(new)
        if name is not None and name not in a.by_stem and name not in b.by_stem:
            held = ", ".join(dict.fromkeys([*a.by_stem, *b.by_stem]))
            raise NotFound(f"neither SEC {old} nor SEC {new} has a document {name} (they have: {held})")

        def compare() -> Comparison:
            with no_collector_pauses():
                if name is None:
                    pairs = pair_documents(list(a.documents), list(b.documents))
                else:
                    pairs = pair_documents(_only(a, name, b), _only(b, name, a))
                return build_comparison([diff_documents(o, n) for o, n in pairs], "clause")

        return self.comparisons.get((a.info, b.info, name), compare)

    def recorded(self, info: VersionInfo) -> bool:
        """Whether the store recorded what ``info`` changed (its release's events): its summary is made at
        once, with no comparison."""
        with self.store() as st:
            return st.events(info.name) is not None

    def summary(self, info: VersionInfo) -> Summary | None:
        """What ``info`` changed from its base (None when the store does not hold its base): as its release
        recorded it, else from the comparison of the two versions, with the modification the store names for
        each provision."""

        def summarise() -> Summary | None:
            held = {v.name for v in self.versions()}
            if not info.base or info.base not in held:
                return None
            with self.store() as st:
                events = st.events(info.name)
            if events is not None:
                return _summary(info.base, events)
            comparison = self.comparison(info.base, info.name)
            with self.store() as st:
                by = st.changes(info.name)
            found = [Event(ev.kind, "", "", by.get(str(ev.new_ref or ev.old_ref), "")) for ev in comparison.events]
            return _summary(info.base, found)

        return self.summaries.get(info, summarise)

    def summarise_all(self, stop: threading.Event) -> None:
        """Each version's summary, newest first, until done or ``stop`` is set (run in the background when
        serving, so that the list of versions can say what each changed); then the two newest versions are
        read again (the summaries leave the oldest read), as a reviewer's first pages are most likely theirs."""
        newest = self.newest_first()
        for info in newest:
            if stop.is_set():
                return
            try:
                self.summary(info)
            except (NotFound, Unavailable):
                continue
            except Exception:  # a bug: said in the server's log, and the other versions still summarised
                logging.getLogger(__name__).exception("working out what SEC %s changed", info.name)
                self.summaries.get(info, lambda: None)
        for info in reversed(newest[:2]):
            if stop.is_set():
                return
            with suppress(NotFound, Unavailable):
                _ = self.version(info.name).documents  # read whole


def _summary(base: str, events: Sequence[Event]) -> Summary:
    """A version's summary from what it changed: the events by kind, and the modifications that made them in
    the order they first appear."""
    counts: dict[str, int] = dict.fromkeys(EVENT_KINDS, 0)
    for e in events:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    modifications = tuple(dict.fromkeys(e.modification for e in events if e.modification))
    return Summary(base, counts, modifications, len(events))


def _only(version: Version, name: str, other: Version) -> list[Document]:
    """Document ``name`` of ``version``, or an empty one where only ``other`` has it."""
    if name in version.by_stem:
        return [version.by_stem[name]]
    model = other.by_stem[name]
    source = version.documents[0].source if version.documents else ""
    return [replace(model, version=version.info.name, body=(), source=source, where=None)]
