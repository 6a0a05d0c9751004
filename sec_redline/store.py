"""The version store: every version of the code in one SQLite file (Python's ``sqlite3``; no server).

A narrow interface, so that another database could stand behind it:

- ``Store(path)`` opens (or creates) the file; ``add_version(name, docs, ...)`` records a version's
  documents, each provision's text, and which modification changed it; ``documents(name)`` gives a version
  back; ``history(ref)`` lists a provision's wording at each version with what changed it; ``versions()``.

The schema (``SCHEMA``): ``versions`` (name, date, base, release); ``texts`` (content hash -> text,
compressed, so a document or provision unchanged across fifty versions is stored once); ``documents`` (a
version's documents in order, each with its canonical text's hash); ``provisions`` (version, reference,
the hash of its words, "" where it went, and the modification that changed it).  A version made from a
base the store holds (a release) records only the provisions that differ from the base's; one imported
whole records every provision; a provision's words at a version are its row there, else its words at the
version's base, and so on back.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from legal_text import ClauseRef, Document, read_code, render_text
from legal_text.diff import ClauseChange, Entry
from legal_text.text_writer import clause_plain_text

from .errors import InputError, OutputError

DEFAULT_STORE = "sec-versions.sqlite"  # in the current folder, unless --store names another
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL DEFAULT '',
    base TEXT NOT NULL DEFAULT '',
    release TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS texts (hash TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    version INTEGER NOT NULL REFERENCES versions(id),
    position INTEGER NOT NULL,
    profile TEXT NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    text_hash TEXT NOT NULL REFERENCES texts(hash),
    PRIMARY KEY (version, position)
);
CREATE TABLE IF NOT EXISTS provisions (
    version INTEGER NOT NULL REFERENCES versions(id),
    ref TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    modification TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (version, ref)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS provisions_by_ref ON provisions (ref, version);
"""


@dataclass(frozen=True)
class HistoryEntry:
    """A provision at one version: its words ("" where the version does not have it) and what changed it."""

    version: str
    date: str
    text: str
    modification: str
    changed: bool  # its words differ from the version before (or it appeared or went)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    """One SQLite file of versions; every write is one transaction."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise InputError(f"{path}: no such version store; 'sec-redline store add VERSION PATH' creates one")
        if self.path.exists() and not self.path.is_file():
            raise InputError(f"{path}: is not a file; --store names the version store's file")
        try:
            if create:
                self.db = sqlite3.connect(str(self.path))
                self.db.executescript(SCHEMA)
            else:  # only read: opened read-only, so that a file that is no store of ours is never changed
                self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if found is None and create:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                self.db.commit()
            elif found is None:
                raise InputError(f"{path}: is not a version store sec-redline can read (it records no schema)")
            elif found[0] != str(SCHEMA_VERSION):
                raise InputError(
                    f"{path}: a version store of schema {found[0]}; this sec-redline reads {SCHEMA_VERSION}"
                )
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: is not a version store sec-redline can read ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing -----------------------------------------------------------------------------------

    def _text(self, body: str) -> str:
        h = _hash(body)
        self.db.execute("INSERT OR IGNORE INTO texts VALUES (?, ?)", (h, zlib.compress(body.encode("utf-8"), 6)))
        return h

    def _body(self, blob: bytes | None) -> str:
        return zlib.decompress(blob).decode("utf-8") if blob else ""

    def has(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM versions WHERE name = ?", (name,)).fetchone() is not None

    def add_version(
        self,
        name: str,
        docs: Sequence[Document],
        date: str = "",
        base: str = "",
        release: str = "",
        changed_by: dict[str, str] | None = None,
        replace: bool = False,
        base_docs: Sequence[Document] | None = None,
    ) -> None:
        """Record version ``name``: its documents and each provision's words; ``changed_by`` maps a
        provision's reference to the modification that changed it in this version.  With ``base_docs`` (the
        documents of ``base``, which the store holds), only the provisions that differ from them are
        recorded.  A version already held is refused unless ``replace`` (a rebuilt release records the
        same again)."""
        changed_by = _with_holders(changed_by or {})
        try:
            with self.db:
                vid = self._version_row(name, date, base, release, replace)
                delta = base_docs is not None and self.has(base)
                olds = {d.identity: d for d in base_docs or ()} if delta else {}
                changed_docs = _changed_documents(docs, olds)
                kept = self._document_texts(base) if delta else {}
                self._write_documents(vid, docs, {d.identity for d in changed_docs}, kept)
                words = _changed_words(docs, changed_docs, olds) if delta else _words_by_ref(docs)
                self._write_provisions(vid, words, changed_by)
        except sqlite3.DatabaseError as exc:
            raise OutputError(f"{self.path}: cannot write the version store: {exc}") from None

    def _version_row(self, name: str, date: str, base: str, release: str, replace: bool) -> int:
        """The id of version ``name``'s row: a new row, or with ``replace`` the one held, its documents and
        provisions removed; a version already held is refused without ``replace``."""
        row = self.db.execute("SELECT id FROM versions WHERE name = ?", (name,)).fetchone()
        if row is None:
            cursor = self.db.execute(
                "INSERT INTO versions (name, date, base, release) VALUES (?, ?, ?, ?)", (name, date, base, release)
            )
            assert cursor.lastrowid is not None, "an INSERT sets the id of its row"
            return cursor.lastrowid
        if not replace:
            raise OutputError(f"{self.path}: already holds version {name}; give another version name")
        vid: int = row[0]
        self.db.execute("DELETE FROM documents WHERE version = ?", (vid,))
        self.db.execute("DELETE FROM provisions WHERE version = ?", (vid,))
        self.db.execute("UPDATE versions SET date = ?, base = ?, release = ? WHERE id = ?", (date, base, release, vid))
        return vid

    def _document_texts(self, name: str) -> dict[tuple[str, str], str]:
        """(profile, code) -> the hash of the text of each document of version ``name``."""
        return {
            (profile, code): h
            for profile, code, h in self.db.execute(
                "SELECT d.profile, d.code, d.text_hash FROM documents d "
                "JOIN versions v ON v.id = d.version WHERE v.name = ?",
                (name,),
            )
        }

    def _write_documents(
        self, vid: int, docs: Sequence[Document], changing: set[tuple[str, str]], kept: dict[tuple[str, str], str]
    ) -> None:
        """Version ``vid``'s documents in order: one not ``changing`` whose text the base holds (``kept``) refers
        to that text; any other's text is stored."""
        for k, d in enumerate(docs):
            # Kept without its version line, so that a document a version does not change is stored once.
            same = d.identity not in changing and d.identity in kept
            h = kept[d.identity] if same else self._text(render_text(d.with_version("")))
            self.db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", (vid, k, d.profile, d.section, d.title, h)
            )

    def _write_provisions(self, vid: int, words: dict[str, str], changed_by: dict[str, str]) -> None:
        """Version ``vid``'s provisions: reference -> words ("" where it went), and what changed each."""
        rows = [(vid, ref, self._text(text) if text else "", changed_by.get(ref, "")) for ref, text in words.items()]
        self.db.executemany("INSERT OR REPLACE INTO provisions VALUES (?, ?, ?, ?)", rows)

    # reading -----------------------------------------------------------------------------------

    def versions(self) -> list[tuple[str, str, str, str]]:
        """(name, date, base, release) of every version, in the order they were added."""
        return [tuple(r) for r in self.db.execute("SELECT name, date, base, release FROM versions ORDER BY id")]

    def documents(self, name: str) -> list[Document]:
        """The documents of version ``name``; InputError naming the versions held when there is none."""
        row = self.db.execute("SELECT id FROM versions WHERE name = ?", (name,)).fetchone()
        if row is None:
            held = ", ".join(v[0] for v in self.versions()) or "none"
            raise InputError(f"{self.path}: holds no version {name} (it holds: {held})")
        out: list[Document] = []
        for (blob,) in self.db.execute(
            "SELECT t.body FROM documents d JOIN texts t ON t.hash = d.text_hash "
            "WHERE d.version = ? ORDER BY d.position",
            (row[0],),
        ):
            out += [d.with_version(name) for d in read_code(self._body(blob), f"{self.path}:{name}").value]
        return out

    def history(self, ref: ClauseRef) -> list[HistoryEntry]:
        """The provision ``ref`` at every version held, oldest first: its row at a version, else its words at
        that version's base (and so on back)."""
        versions = self.db.execute("SELECT id, name, date, base FROM versions ORDER BY id").fetchall()
        rows = {
            vid: (body, mod)
            for vid, body, mod in self.db.execute(
                """SELECT p.version, t.body, p.modification FROM provisions p
                   LEFT JOIN texts t ON t.hash = p.text_hash WHERE p.ref = ?""",
                (str(ref),),
            )
        }
        by_name = {name: vid for vid, name, _, _ in versions}
        base_of = {vid: by_name.get(base) for vid, _, _, base in versions}
        words: dict[int, str] = {}

        def at(vid: int | None, depth: int = 0) -> str:
            if vid is None or depth > len(versions):
                return ""
            if vid not in words:
                words[vid] = self._body(rows[vid][0]) if vid in rows else at(base_of[vid], depth + 1)
            return words[vid]

        out: list[HistoryEntry] = []
        before: str | None = None
        for vid, name, date, _ in versions:
            text = at(vid)
            mod = rows[vid][1] if vid in rows else ""
            out.append(HistoryEntry(name, date, text, mod, before is not None and text != before))
            before = text
        return out

    def size(self) -> int:
        self.db.commit()
        return os.path.getsize(self.path)


def _with_holders(changed_by: dict[str, str]) -> dict[str, str]:
    """``changed_by`` with each changed paragraph's holders too (G3.20 changed where G3.20(b) changed): the
    store keeps a provision's words with its paragraphs'."""
    out = dict(changed_by)
    for ref, mod in changed_by.items():
        try:
            node = ClauseRef.parse(ref).parent()
        except ValueError:
            continue
        while node is not None and node.clause is not None:
            out.setdefault(str(node), mod)
            node = node.parent()
    return out


def _changed_documents(docs: Sequence[Document], olds: dict[tuple[str, str], Document]) -> list[Document]:
    """The documents of ``docs`` whose words differ from the base's (``olds``, by identity; {}: every one)."""
    return [d for d in docs if d.identity not in olds or olds[d.identity].body != d.body]


def _changed_words(
    docs: Sequence[Document], changed_docs: list[Document], olds: dict[tuple[str, str], Document]
) -> dict[str, str]:
    """The words of each provision that differs from the base's (``olds``), "" for one that went; only the
    documents that changed are compared, as a release touches a few of them."""
    words = _words_by_ref(changed_docs)
    touched = {d.identity for d in changed_docs} | (olds.keys() - {d.identity for d in docs})
    before = _words_by_ref(d for i, d in olds.items() if i in touched)
    changed = {r: w for r, w in words.items() if before.get(r) != w}
    changed.update({r: "" for r in before if r not in words})  # provisions that went
    return changed


def _words_by_ref(docs: Iterable[Document]) -> dict[str, str]:
    """Each provision's words as the store keeps them (itself and its paragraphs, with their numbers), by
    its reference."""
    return {str(c.ref): clause_plain_text(c) for d in docs for c in d.clauses() if c.addressable}


def changed_provisions(redline_entries: Iterable[Entry]) -> dict[str, str]:
    """Reference -> modification, for every provision a release's attributed redline changed."""
    out: dict[str, str] = {}
    for e in redline_entries:
        if not isinstance(e, ClauseChange):  # a heading: no provision
            continue
        for c in e.walk():
            if c.status == "equal" or c.status == "deleted":
                continue
            by = c.by or next((r.by for r in (*c.text, *c.trailing) if r.op != "equal" and r.by), "")
            if by and (c.status in ("inserted", "renumbered") or any(r.op != "equal" for r in (*c.text, *c.trailing))):
                out[str(c.ref)] = by
    return out
