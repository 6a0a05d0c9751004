"""The version store: every version of the code in one SQLite file (Python's ``sqlite3``; no server).

A narrow interface, so that another database could stand behind it:

- ``Store(path)`` opens (or creates) the file; ``add_version(name, docs, ...)`` records a version's
  documents, each provision's text, and which modification changed it; ``record_changes(name, events,
  kinds)`` what its release's change ledger said it changed (``release_events``) and each modification's
  kind; ``documents(name)`` gives a version back, ``document(name, stem)`` one of its documents;
  ``history(ref)`` lists a provision's wording at each version with what changed it and how;
  ``changes(name)`` and ``events(name)`` what a version changed from its base; ``versions()``.

The schema (``SCHEMA``): ``versions`` (name, date, base, release); ``texts`` (content hash -> text,
compressed, so a document or provision unchanged across fifty versions is stored once); ``documents`` (a
version's documents in order, each with its canonical text's hash); ``provisions`` (version, reference,
the hash of its words, "" where it went, and the modification that changed it); added later (created when
an older store is next written, read as not recorded where missing): ``implemented`` (what a release
implemented of each modification), ``events`` (what its change ledger said it changed) and
``modifications`` (the kind of each modification it applied).  A version made from a
base the store holds (a release) records only the provisions that differ from the base's; one imported
whole records every provision; a provision's words at a version are its row there, else its words at the
version's base, and so on back.

What it promises, as SQLite does: a file that is not a version store is never changed (a store is marked
by its SQLite application id, ``APPLICATION_ID``; one made before the mark, by its tables and its meta row,
and it is marked when next written); a reader opens the file read-only, but for rolling back what an
interrupted writer left (a hot journal), which it says; a locked store and an interrupted one each have
their own message; a version already held is replaced only when asked, never one that others are built
on, and a chain of bases never goes round.  ``StoreWrite`` commits a release's version together with its
folder: a run that settles an interrupted release asks the store whether its transaction's token was
committed (``transaction_committed``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from legal_text import ClauseRef, Document, read_code, render_text, warning
from legal_text.diff import ClauseChange, Entry
from legal_text.events import DiffEvent
from legal_text.text_writer import clause_plain_text

from .errors import InputError, OutputError, UserError
from .notices import notice

DEFAULT_STORE = "sec-versions.sqlite"  # in the current folder, unless --store names another
SCHEMA_VERSION = 1
# What each version implemented of each modification: the whole (part 0), or part N of M by document (a
# phased implementation).  Added after the first stores: created when a store is next written, read as
# empty where it is missing.
IMPLEMENTED_TABLE = """
CREATE TABLE IF NOT EXISTS implemented (
    version INTEGER NOT NULL REFERENCES versions(id),
    modification TEXT NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    parts INTEGER NOT NULL DEFAULT 0,
    documents TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (version, modification, part)
) WITHOUT ROWID;
"""
# What a release changed, as its change ledger gave it: each event (a provision amended, inserted, deleted,
# renumbered or moved, with its reference before and after, "" on the side it is not on, and the modification
# credited with it), and the kind of each modification it applied (modification, direction, variation), by the
# name its changes are credited to ("MP900 (part 1)").  Added after the first stores: created when a store is
# next written; a version with no ``modifications`` row has nothing recorded (``Store.events`` is None).
CHANGES_TABLES = """
CREATE TABLE IF NOT EXISTS events (
    version INTEGER NOT NULL REFERENCES versions(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    old_ref TEXT NOT NULL DEFAULT '',
    new_ref TEXT NOT NULL DEFAULT '',
    modification TEXT NOT NULL DEFAULT '',
    amended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (version, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_old_ref ON events (old_ref);
CREATE INDEX IF NOT EXISTS events_by_new_ref ON events (new_ref);
CREATE TABLE IF NOT EXISTS modifications (
    version INTEGER NOT NULL REFERENCES versions(id),
    modification TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (version, modification)
) WITHOUT ROWID;
"""
# The SQLite application id (PRAGMA application_id, bytes 68-71 of the file) that marks a file as a version
# store: "SECR".  A store made before it was set is known by its tables and its meta row, and marked when
# it is next written.
APPLICATION_ID = 0x53454352
STORE_WAIT = 10.0  # seconds a run waits for another that is writing the store (SEC_REDLINE_STORE_WAIT sets it)
SCHEMA = (
    """
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
    + IMPLEMENTED_TABLE
    + CHANGES_TABLES
)
TABLES = {"meta", "versions", "texts", "documents", "provisions"}
SQLITE_MAGIC = b"SQLite format 3\x00"

# A version is named by its number, as a release manifest writes it: "6.18", "7.0.1".
VERSION_NAME = re.compile(r"\d{1,6}(?:\.\d{1,6}){0,5}")


def version_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a version of the code (None when it can): a version is its number."""
    if VERSION_NAME.fullmatch(name):
        return None
    return f"a version is named by its number, such as 6.18, not {name!r}"


class Implemented(NamedTuple):
    """What a version implemented of one modification: the whole (``part`` 0), or part ``part`` of
    ``parts``, on ``documents`` (their names, "Appendix AD")."""

    modification: str
    part: int
    parts: int
    documents: tuple[str, ...]


class Event(NamedTuple):
    """One thing a version changed from its base, as its release's change ledger gave it: ``kind`` (amended,
    inserted, deleted, renumbered, moved), the provision's reference before and after ("" on the side it is
    not on; both "" for a heading) and the modification credited with it ("MP087", "MP900 (part 1)")."""

    kind: str
    old_ref: str
    new_ref: str
    modification: str
    amended: bool = False  # renumbered or moved, its words changed too


@dataclass(frozen=True)
class HistoryEntry:
    """A provision at one version: its words ("" where the version does not have it) and what changed it;
    where the version's release recorded it, how (``event``) and the kind of the modification."""

    version: str
    date: str
    text: str
    modification: str
    changed: bool  # its words differ from the version before (or it appeared or went)
    modification_kind: str = ""  # modification, direction, variation ("" where the release recorded none)
    event: str = ""  # amended, inserted, deleted, renumbered, moved ("" where the release recorded none)
    came_from: str = ""  # renumbered or moved here: the reference it had before
    went_to: str = ""  # renumbered or moved away: the reference it has now
    amended: bool = False  # renumbered or moved, and its words changed too


def document_stem(profile: str, code: str) -> str:
    """A document's name as a release's ``consolidated/`` folder names its files: "section-G",
    "appendix-AD" (``Store.document``)."""
    return f"{profile}-{code}" if code else "document"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- opening: a file that is not our store is never changed ---------------------------------------------------


def _not_ours(path: Path, why: str) -> InputError:
    return InputError(f"{path}: is not a version store sec-redline can read ({why}); it was left as it was")


def _file_state(path: Path) -> str:
    """ "missing", "empty", or "sqlite" for an SQLite file that may be ours (no other program's mark);
    InputError for anything else, before SQLite opens it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a folder; --store names the version store's file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file (a device or a pipe); --store names the version store's file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not head:
        return "empty"
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise _not_ours(path, "it is not an SQLite database")
    app = int.from_bytes(head[68:72], "big")
    if app not in (0, APPLICATION_ID):
        raise _not_ours(path, f"it is another program's SQLite database, application id {app:#010x}")
    return "sqlite"


def _marked(path: Path) -> bool:
    with open(path, "rb") as fh:
        return int.from_bytes(fh.read(100)[68:72], "big") == APPLICATION_ID


def _code(exc: sqlite3.Error) -> str:
    return str(getattr(exc, "sqlite_errorname", ""))


def store_wait() -> float:
    """How long to wait for another run writing the store: ``STORE_WAIT`` seconds, or what the environment
    variable SEC_REDLINE_STORE_WAIT says."""
    try:
        return max(0.0, float(os.environ.get("SEC_REDLINE_STORE_WAIT", STORE_WAIT)))
    except ValueError:
        return STORE_WAIT


def _locked(path: Path, writing: bool) -> UserError:
    text = (
        f"{path}: is locked: another program (or another sec-redline run) is writing it (waited "
        f"{store_wait():g} s); try again when it has finished"
    )
    return OutputError(text + "; nothing was written") if writing else InputError(text)


def _store_error(path: Path, exc: sqlite3.Error, writing: bool, opening: bool = False) -> UserError:
    """One line for what SQLite said: a lock, a read-only file or folder, a full disk, not a store (what
    fails while the file is being recognised, ``opening``, is no store's fault of writing)."""
    code = _code(exc)
    if code in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(exc):
        return _locked(path, writing)
    if writing and not opening:
        return OutputError(f"{path}: cannot write the version store: {exc}; nothing was written")
    return _not_ours(path, str(exc))


def _tables(db: sqlite3.Connection) -> str | None:
    """The schema version this store records, or None when the file is no version store."""
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names >= TABLES:
        return None
    found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return None if found is None else str(found[0])


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=store_wait(), isolation_level=None)


def _read_write(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), timeout=store_wait(), isolation_level=None)


def _ours_when_rolled_back(path: Path) -> bool:
    """Whether an unmarked store with a hot journal is ours: asked of a copy rolled back, the file itself
    untouched."""
    with tempfile.TemporaryDirectory(prefix="sec-redline-store-") as tmp:
        copy = Path(tmp) / "store.sqlite"
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-journal", f"{copy}-journal")
        db = _read_write(copy)
        try:
            return _tables(db) is not None
        except sqlite3.Error:
            return False
        finally:
            db.close()


def _roll_back(path: Path, writing: bool) -> None:
    """Roll back what an interrupted run left unfinished in a store of ours (its hot journal), as SQLite
    does when a writer opens it, and say so; InputError when it cannot be done here."""
    journal = Path(f"{path}-journal")
    if not _marked(path) and not _ours_when_rolled_back(path):
        raise _not_ours(path, "an SQLite database without a version store's tables")
    try:
        db = _read_write(path)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except sqlite3.Error as exc:
        if _code(exc) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise _locked(path, writing) from None
        raise InputError(
            f"{path}: a run writing it was interrupted and left {journal.name} beside it, which could not be "
            f"rolled back here ({exc}); run 'sec-redline store list --store {path}' as a user who may write "
            f"{path.parent}"
        ) from None
    notice(
        warning(
            f"rolled back the unfinished write an interrupted run left in it ({journal.name}); it holds what it "
            f"held before that run",
            str(path),
        )
    )


def _open(path: Path, writing: bool, rolled: bool = False) -> tuple[sqlite3.Connection, bool]:
    """A connection to the store at ``path`` (read-only unless ``writing``), and whether it was made now.
    A file that is not our store is never changed: it is recognised by its header and tables, read-only,
    before anything is written."""
    state = _file_state(path)
    if state == "missing" and not writing:
        raise InputError(f"{path}: no such version store; 'sec-redline store add VERSION PATH' creates one")
    if state == "empty" and not writing:
        raise InputError(
            f"{path}: is an empty file, not a version store; 'sec-redline store add VERSION PATH' makes one"
        )
    if state != "sqlite":
        return _created(path), state == "missing"
    try:
        db = _read_only(path)
    except sqlite3.Error as exc:
        raise _store_error(path, exc, writing, opening=True) from None
    try:
        schema = _tables(db)
    except sqlite3.Error as exc:
        db.close()
        if _code(exc) == "SQLITE_READONLY_ROLLBACK" and not rolled:
            _roll_back(path, writing)
            return _open(path, writing, rolled=True)
        raise _store_error(path, exc, writing, opening=True) from None
    if schema is None:
        db.close()
        raise _not_ours(path, "an SQLite database without a version store's tables")
    if schema != str(SCHEMA_VERSION):
        db.close()
        raise InputError(f"{path}: a version store of schema {schema}; this sec-redline reads {SCHEMA_VERSION}")
    if not writing:
        return db, False
    db.close()
    db = _read_write(path)
    if not _marked(path):  # a store made before stores were marked: marked now, in its own transaction
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            db.close()
            raise _store_error(path, exc, True) from None
    return db, False


def _created(path: Path) -> sqlite3.Connection:
    """A new store at ``path`` (missing, or an empty file), marked as ours."""
    try:
        db = _read_write(path)
        db.execute("BEGIN IMMEDIATE")
        if not db.execute("SELECT 1 FROM sqlite_master").fetchone():  # still empty: no other run made it
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        raise _store_error(path, exc, True) from None
    if _tables(db) is None:  # another program made the file meanwhile
        db.close()
        raise _not_ours(path, "an SQLite database without a version store's tables")
    return db


class Store:
    """One SQLite file of versions; every write is one transaction (``transaction``).  ``create``: open it
    to write (made when missing); otherwise read-only."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        self.writing = create
        self.db, self.created = _open(self.path, create)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # transactions ------------------------------------------------------------------------------

    def begin(self) -> None:
        """Start a write transaction, waiting up to ``store_wait()`` for another writer; one-line errors."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _store_error(self.path, exc, True) from None

    def commit(self) -> None:
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.rollback()
            raise _store_error(self.path, exc, True) from None

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed at the end of the block, rolled back on any error."""
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def mark(self, token: str) -> None:
        """Record ``token`` in the transaction under way: a later run asks for it to know whether the
        files written with it were committed (``transaction_committed``)."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, '')", (f"transaction:{token}",))

    def holds_token(self, token: str) -> bool:
        return self.db.execute("SELECT 1 FROM meta WHERE key = ?", (f"transaction:{token}",)).fetchone() is not None

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
        recorded.  A version already held is refused unless ``replace`` (and then only when no version
        is built on it), as is a base chain that would go round.  Its own transaction, unless one is
        under way (``transaction``)."""
        if self.db.in_transaction:
            self._add(name, docs, date, base, release, changed_by, replace, base_docs)
            return
        with self.transaction():
            self._add(name, docs, date, base, release, changed_by, replace, base_docs)

    def _add(
        self,
        name: str,
        docs: Sequence[Document],
        date: str,
        base: str,
        release: str,
        changed_by: dict[str, str] | None,
        replace: bool,
        base_docs: Sequence[Document] | None,
    ) -> None:
        changed_by = _with_holders(changed_by or {})
        try:
            vid = self._version_row(name, date, base, release, replace)
            delta = base_docs is not None and self.has(base)
            olds = {d.identity: d for d in base_docs or ()} if delta else {}
            changed_docs = _changed_documents(docs, olds)
            kept = self._document_texts(base) if delta else {}
            self._write_documents(vid, docs, {d.identity for d in changed_docs}, kept)
            words = _changed_words(docs, changed_docs, olds) if delta else _words_by_ref(docs)
            self._write_provisions(vid, words, changed_by)
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc, True) from None

    def _version_row(self, name: str, date: str, base: str, release: str, replace: bool) -> int:
        """The id of version ``name``'s row: a new row, or with ``replace`` the one held, its documents and
        provisions removed.  Refused: a name that is no version number, a version already held (without
        ``replace``), one that others are built on (with it), a base chain that would go round."""
        problem = version_name_problem(name) or (version_name_problem(base) if base else None)
        if problem:
            raise OutputError(f"{self.path}: {problem}; nothing was written")
        self._no_loop(name, base)
        row = self.db.execute("SELECT id FROM versions WHERE name = ?", (name,)).fetchone()
        if row is None:
            cursor = self.db.execute(
                "INSERT INTO versions (name, date, base, release) VALUES (?, ?, ?, ?)", (name, date, base, release)
            )
            assert cursor.lastrowid is not None, "an INSERT sets the id of its row"
            return cursor.lastrowid
        if not replace:
            raise OutputError(
                f"{self.path}: already holds version {name}; give another version name, or --replace to replace "
                f"it; nothing was written"
            )
        built = [r[0] for r in self.db.execute("SELECT name FROM versions WHERE base = ? ORDER BY id", (name,))]
        if built:
            raise OutputError(
                f"{self.path}: SEC {', '.join(built)} {'is' if len(built) == 1 else 'are'} built on SEC {name}, so "
                f"{name} cannot be replaced (that would change {'it' if len(built) == 1 else 'them'} too); "
                f"nothing was written"
            )
        vid: int = row[0]
        self.db.execute("DELETE FROM documents WHERE version = ?", (vid,))
        self.db.execute("DELETE FROM provisions WHERE version = ?", (vid,))
        for table in ("implemented", "events", "modifications"):  # what its release recorded, if one did
            if self._has_table(table):
                self.db.execute(f"DELETE FROM {table} WHERE version = ?", (vid,))
        self.db.execute("UPDATE versions SET date = ?, base = ?, release = ? WHERE id = ?", (date, base, release, vid))
        return vid

    def _no_loop(self, name: str, base: str) -> None:
        """Refuse ``base`` for ``name`` when ``base`` is (built on) ``name``: a chain of bases never goes round."""
        bases = dict(self.db.execute("SELECT name, base FROM versions"))
        step, seen = base, set()
        while step and step not in seen:
            if step == name:
                raise OutputError(
                    f"{self.path}: SEC {base} is built on SEC {name} here, so {name} cannot be built on {base} "
                    f"(a chain of bases cannot go round); nothing was written"
                )
            seen.add(step)
            step = bases.get(step, "")

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

    def record_implemented(self, name: str, rows: Sequence[Implemented]) -> None:
        """Record what version ``name`` (held) implemented, replacing what was recorded of it."""
        vid = self._version_id(name)
        try:
            self.db.execute(IMPLEMENTED_TABLE)
            self.db.execute("DELETE FROM implemented WHERE version = ?", (vid,))
            self.db.executemany(
                "INSERT INTO implemented VALUES (?, ?, ?, ?, ?)",
                [(vid, r.modification, r.part, r.parts, "\n".join(r.documents)) for r in rows],
            )
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc, True) from None

    def record_changes(self, name: str, events: Sequence[Event], kinds: dict[str, str]) -> None:
        """Record what version ``name`` (held) changed from its base, as its release's change ledger gave it
        (``release_events``), and the kind of each modification it applied, by the name its changes are
        credited to; replacing what was recorded of it.  Its own transaction, unless one is under way."""
        if not self.db.in_transaction:
            with self.transaction():
                self.record_changes(name, events, kinds)
            return
        vid = self._version_id(name)
        try:
            for statement in CHANGES_TABLES.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute("DELETE FROM events WHERE version = ?", (vid,))
            self.db.execute("DELETE FROM modifications WHERE version = ?", (vid,))
            self.db.executemany(
                "INSERT INTO events (version, position, kind, old_ref, new_ref, modification, amended) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(vid, k, e.kind, e.old_ref, e.new_ref, e.modification, int(e.amended)) for k, e in enumerate(events)],
            )
            self.db.executemany(
                "INSERT INTO modifications (version, modification, kind) VALUES (?, ?, ?)",
                sorted((vid, m, kind) for m, kind in kinds.items()),
            )
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc, True) from None

    # reading -----------------------------------------------------------------------------------

    def _has_table(self, name: str) -> bool:
        """Whether the store has table ``name`` (one added after the first stores may be missing)."""
        found = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return found.fetchone() is not None

    def _version_id(self, name: str) -> int:
        """The id of version ``name``; InputError naming the versions held when there is none."""
        row = self.db.execute("SELECT id FROM versions WHERE name = ?", (name,)).fetchone()
        if row is None:
            held = ", ".join(v[0] for v in self.versions()) or "none"
            raise InputError(f"{self.path}: holds no version {name} (it holds: {held})")
        vid: int = row[0]
        return vid

    def implemented(self, name: str) -> list[Implemented]:
        """What version ``name`` implemented (empty where the store recorded none)."""
        if not self._has_table("implemented"):
            return []
        rows = self.db.execute(
            "SELECT i.modification, i.part, i.parts, i.documents FROM implemented i JOIN versions v "
            "ON v.id = i.version WHERE v.name = ? ORDER BY i.modification, i.part",
            (name,),
        )
        return [Implemented(m, part, parts, tuple(d for d in docs.split("\n") if d)) for m, part, parts, docs in rows]

    def references(self) -> list[str]:
        """Every provision's reference any version holds, once each (as the store sorts them)."""
        return [r for (r,) in self.db.execute("SELECT DISTINCT ref FROM provisions ORDER BY ref")]

    def versions(self) -> list[tuple[str, str, str, str]]:
        """(name, date, base, release) of every version, in the order they were added."""
        return [tuple(r) for r in self.db.execute("SELECT name, date, base, release FROM versions ORDER BY id")]

    def documents(self, name: str) -> list[Document]:
        """The documents of version ``name``; InputError naming the versions held when there is none."""
        vid = self._version_id(name)
        out: list[Document] = []
        for (blob,) in self.db.execute(
            "SELECT t.body FROM documents d JOIN texts t ON t.hash = d.text_hash "
            "WHERE d.version = ? ORDER BY d.position",
            (vid,),
        ):
            out += [d.with_version(name) for d in read_code(self._body(blob), f"{self.path}:{name}").value]
        return out

    def stems(self, name: str) -> list[str]:
        """The names of version ``name``'s documents, in order, as a release's ``consolidated/`` folder names
        their files ("section-G"), without reading their texts."""
        rows = self.db.execute(
            "SELECT profile, code FROM documents WHERE version = ? ORDER BY position", (self._version_id(name),)
        )
        return [document_stem(profile, code) for profile, code in rows]

    def document(self, name: str, stem: str) -> Document | None:
        """Document ``stem`` of version ``name`` ("section-G", as ``stems`` names it), as ``documents(name)``
        gives it, without reading the others; None when the version has no such document."""
        vid = self._version_id(name)
        rows = self.db.execute("SELECT position, profile, code FROM documents WHERE version = ?", (vid,)).fetchall()
        position = next((k for k, profile, code in rows if document_stem(profile, code) == stem), None)
        if position is None:
            return None
        (blob,) = self.db.execute(
            "SELECT t.body FROM documents d JOIN texts t ON t.hash = d.text_hash "
            "WHERE d.version = ? AND d.position = ?",
            (vid, position),
        ).fetchone()
        docs = [d.with_version(name) for d in read_code(self._body(blob), f"{self.path}:{name}").value]
        return next((d for d in docs if document_stem(d.profile, d.section) == stem), None)

    def events(self, name: str) -> list[Event] | None:
        """What version ``name`` changed from its base, in reading order, as its release recorded it
        (``record_changes``); None where nothing was recorded (a version imported whole, or recorded by an
        earlier sec-redline)."""
        vid = self._version_id(name)
        if not self._has_table("modifications"):
            return None
        if not self.db.execute("SELECT 1 FROM modifications WHERE version = ? LIMIT 1", (vid,)).fetchone():
            return None
        rows = self.db.execute(
            "SELECT kind, old_ref, new_ref, modification, amended FROM events WHERE version = ? ORDER BY position",
            (vid,),
        )
        return [Event(kind, old, new, mod, bool(amended)) for kind, old, new, mod, amended in rows]

    def changes(self, name: str) -> dict[str, str]:
        """Reference -> modification ("" where none was recorded) of each provision whose words version
        ``name`` changed from its base's (a provision's words hold its paragraphs'), sorted as strings (G3.10
        before G3.2; callers order them as the code does);
        empty for a version whose base the store does not hold (one imported whole)."""
        vid = self._version_id(name)
        base = self.db.execute("SELECT base FROM versions WHERE id = ?", (vid,)).fetchone()[0]
        if not base or not self.has(base):
            return {}
        rows = self.db.execute(
            "SELECT ref, text_hash, modification FROM provisions WHERE version = ? ORDER BY ref", (vid,)
        ).fetchall()
        before = self._hashes_at(base, [ref for ref, _, _ in rows])
        return {ref: mod for ref, h, mod in rows if before.get(ref, "") != h}

    def _hashes_at(self, name: str, refs: Sequence[str]) -> dict[str, str]:
        """The hash of each of ``refs``' words at version ``name`` ("" where it went; absent where no version
        of its chain has it): its row there, else at its base, and so on back."""
        chain = {n: (vid, base) for vid, n, base in self.db.execute("SELECT id, name, base FROM versions")}
        found: dict[str, str] = {}
        wanted, step, seen = sorted(set(refs)), name, set()
        while wanted and step in chain and step not in seen:
            seen.add(step)
            vid, step = chain[step]
            for k in range(0, len(wanted), 500):  # within SQLite's limit on parameters
                chunk = wanted[k : k + 500]
                marks = ", ".join("?" * len(chunk))
                found.update(
                    self.db.execute(
                        f"SELECT ref, text_hash FROM provisions WHERE version = ? AND ref IN ({marks})", (vid, *chunk)
                    ).fetchall()
                )
            wanted = [r for r in wanted if r not in found]
        return found

    def history(self, ref: ClauseRef) -> list[HistoryEntry]:
        """The provision ``ref`` at every version held, oldest first: its row at a version, else its words at
        that version's base (and so on back); where a version's release recorded what it changed, how ``ref``
        changed there (and the reference it came from or went to) and the kind of the modification."""
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

        told = _Told(self, ref)
        out: list[HistoryEntry] = []
        before: str | None = None
        for vid, name, date, _ in versions:
            text = at(vid)
            mod = rows[vid][1] if vid in rows else ""
            entry = HistoryEntry(name, date, text, mod, before is not None and text != before)
            out.append(told.how(vid, entry) if entry.changed else entry)
            before = text
        return out

    def size(self) -> int:
        return os.path.getsize(self.path)


def transaction_committed(path: Path, token: str) -> bool:
    """Whether the store at ``path`` committed the transaction that recorded ``token`` (``Store.mark``):
    asked by a run settling the files an interrupted release wrote with it."""
    if not path.exists():
        return False
    try:
        with Store(path, create=False) as st:
            return st.holds_token(token)
    except UserError as exc:
        raise OutputError(
            f"cannot tell whether an interrupted run recorded its version in {path} ({exc}); try again once it "
            f"can be read; nothing was written"
        ) from None


@dataclass
class StoreWrite:
    """Work on the version store committed together with a command's files (``outputs.Joined``): ``work``
    writes inside the transaction and returns the line that says what it did."""

    path: Path
    work: Callable[[Store], str]
    store: Store | None = None
    token: str = ""
    line: str = ""

    def prepare(self, token: str) -> None:
        self.token = token
        self.store = Store(self.path, create=True)
        self.store.begin()
        try:
            self.line = self.work(self.store)
            self.store.mark(token)
        except BaseException:
            self.abort()
            raise

    def commit(self) -> str:
        assert self.store is not None
        try:
            self.store.commit()
        except BaseException:
            self.abort()
            raise
        self.store.close()
        self.store = None
        return self.line

    def abort(self) -> None:
        """Roll the transaction back.  A store this run made stays, empty (as a failed first write leaves an
        SQLite file): another run may have opened it meanwhile, so it is never removed."""
        if self.store is None:
            return
        self.store.rollback()
        self.store.close()
        self.store = None

    def asked(self) -> dict[str, str]:
        return {"kind": "version-store", "path": str(Path(self.path).resolve()), "token": self.token}


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
    """Reference -> modification, for every provision a release's attributed redline changed: inserted,
    amended, renumbered or moved (under its number now, and the number it had), and deleted."""
    out: dict[str, str] = {}
    gone: dict[str, str] = {}  # the numbers provisions had: where no provision stands now, what took it away
    for e in redline_entries:
        if not isinstance(e, ClauseChange):  # a heading: no provision
            continue
        for c in e.walk():
            if c.status == "equal":
                continue
            by = c.by or next((r.by for r in (*c.text, *c.trailing) if r.op != "equal" and r.by), "")
            if not by:
                continue
            if c.status == "deleted":  # deleted, or moved away (the half of a move where it was)
                gone[str(c.ref)] = by
            elif c.status == "renumbered" and c.old_ref is not None:
                for inner in c.walk():  # its paragraphs go with it
                    out.setdefault(str(inner.ref), by)
                    gone.setdefault(str(_under(c.old_ref, inner.ref.path[len(c.ref.path) :])), by)
            elif c.status == "inserted" or any(r.op != "equal" for r in (*c.text, *c.trailing)):
                out[str(c.ref)] = by
    return {**gone, **out}


def release_events(events: Iterable[DiffEvent]) -> list[Event]:
    """What a release changed, as the store records it (``Store.record_changes``): each event of its
    redline off the change ledger (``legal_text.events.find_events``), with the modification credited with
    it."""
    out = []
    for ev in events:
        change = ev.new_change or ev.old_change
        by = ev.heading_change.by if ev.heading_change is not None else _credit(change) if change else ""
        out.append(Event(ev.kind, str(ev.old_ref or ""), str(ev.new_ref or ""), by, ev.amended))
    return out


def _credit(c: ClauseChange) -> str:
    """The modification credited with a change: the one that inserted, deleted, renumbered or moved the
    provision, else the first that marked its words (its own, its number's, a table's cells and rows)."""
    cells = (r for row in c.cells for cell in row for r in cell)
    marked = next((r.by for r in (*c.text, *c.trailing, *c.label_runs, *cells) if r.op != "equal" and r.by), "")
    return c.by or marked or next((by for by in c.row_by if by), "")


def _under(ref: ClauseRef | str, rest: tuple[str, ...]) -> str:
    """The reference of paragraph ``rest`` inside ``ref`` (``ref`` itself for no ``rest``)."""
    if not rest:
        return str(ref)
    try:
        parsed = ref if isinstance(ref, ClauseRef) else ClauseRef.parse(ref)
    except ValueError:
        return ""
    return str(parsed.with_path((*parsed.path, *rest)))


def _holders(ref: ClauseRef) -> list[tuple[str, tuple[str, ...]]]:
    """``ref`` and each provision holding it (G3.20(b)(i), G3.20(b), G3.20), each with the paragraph path
    from it to ``ref``."""
    out: list[tuple[str, tuple[str, ...]]] = [(str(ref), ())]
    node = ref.parent()
    while node is not None and node.clause is not None:
        out.append((str(node), ref.path[len(node.path) :]))
        node = node.parent()
    return out


# What a provision keeps of a change made to a provision holding it: its inserting, deleting, renumbering or moving.
WHOLE = ("inserted", "deleted", "renumbered", "moved")


class _Told:
    """What the versions' releases recorded about one provision (``Store.history``): the events naming it or
    a provision holding it, by version, and the kind of each modification they credited."""

    def __init__(self, store: Store, ref: ClauseRef) -> None:
        self.around = _holders(ref)
        self.events: dict[int, list[Event]] = {}
        self.kinds: dict[tuple[int, str], str] = {}
        if store._has_table("events"):
            names = [name for name, _ in self.around]
            marks = ", ".join("?" * len(names))
            for vid, kind, old, new, mod, amended in store.db.execute(
                f"SELECT version, kind, old_ref, new_ref, modification, amended FROM events "
                f"WHERE old_ref IN ({marks}) OR new_ref IN ({marks}) ORDER BY version, position",
                (*names, *names),
            ):
                self.events.setdefault(vid, []).append(Event(kind, old, new, mod, bool(amended)))
        if store._has_table("modifications"):
            rows = store.db.execute("SELECT version, modification, kind FROM modifications")
            self.kinds = {(vid, m): kind for vid, m, kind in rows}

    def how(self, vid: int, entry: HistoryEntry) -> HistoryEntry:
        """``entry`` (a version ``vid`` changed the provision) with what its release recorded: how it changed,
        the reference it came from or went to, the modification where its row names none, and its kind."""
        found = self._event(vid, bool(entry.text))
        mod = entry.modification or (found[0].modification if found else "")
        told = dataclasses.replace(entry, modification=mod, modification_kind=self.kinds.get((vid, mod), ""))
        if found is None:
            return told
        event, rest = found
        renamed = event.kind in ("renumbered", "moved")
        came = _under(event.old_ref, rest) if renamed and entry.text else ""
        went = _under(event.new_ref, rest) if renamed and not entry.text else ""
        amended = renamed and event.amended and not rest  # its own words changed, not only its holder moved
        return dataclasses.replace(told, event=event.kind, came_from=came, went_to=went, amended=amended)

    def _event(self, vid: int, present: bool) -> tuple[Event, tuple[str, ...]] | None:
        """The event of version ``vid`` that says what became of the provision: one on the side it is on (where
        it stands if it has words, where it stood if it went) naming it, or inserting, deleting, renumbering
        or moving a provision that holds it; with the path from that provision to it."""
        for depth, (name, rest) in enumerate(self.around):
            for e in self.events.get(vid, ()):
                if (e.new_ref if present else e.old_ref) == name and (depth == 0 or e.kind in WHOLE):
                    return e, rest
        return None
