"""The hostile cases of issue 27 (releases, the version store, folders, options, Word packages), numbered on
from issue 10's as causes 16 to 29: each the input, the command, and what a user must get.  Kills, full
disks and two writers at once are in test_kills.py, test_full_disk.py and test_concurrency.py."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sec_redline.errors import EXIT_CHANGESET, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from tests.hostile import inputs as make
from tests.hostile.cases import Case
from tests.support import EXAMPLE

Built = tuple[list[str], list[Path]]
LONG = "x" * 300
FAST_LOCK = {"SEC_REDLINE_STORE_WAIT": "1"}  # a locked store is waited for 1 s, not 10

_HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(120)
"""


@contextmanager
def store_locked(folder: Path) -> Iterator[None]:
    """Another program holding the store at ``folder/store.sqlite`` locked (an exclusive transaction)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(folder / "store.sqlite")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


# --- 16: outputs of several files ----------------------------------------------------------------------------


def _diff_into_a_folder(d: Path) -> Built:
    b = make.base_text(d)
    (d / "cmp.html").mkdir()
    return ["diff", str(b), str(b), "-o", str(d / "cmp.json"), "-o", str(d / "cmp.html")], [b]


def _apply_folder_blocked(d: Path) -> Built:
    base = d / "base"
    base.mkdir()
    for f in (EXAMPLE.parent / "mp900-multi" / "base").iterdir():
        (base / f.name).write_bytes(f.read_bytes())
    out = d / "out"
    (out / "section-G.txt").mkdir(parents=True)  # where one document would go stands a folder
    cs = make.changes(d)
    return ["apply", str(base), str(cs), "-o", str(out)], [*sorted(base.iterdir()), cs]


# --- 17, 18, 19, 20: the version store -------------------------------------------------------------------------


def _release(d: Path, store: Path, *extra: str) -> Built:
    b, cs = make.base_text(d), make.changes(d)
    m = make.manifest(d, b.name, [cs.name])
    return ["release", str(m), "-o", str(d / "out"), "--store", str(store), *extra], [m, b, cs]


def _release_locked(d: Path) -> Built:
    store = make.store_with(d)
    args, files = _release(d, store)
    return args, [*files, store]


def _release_foreign(d: Path) -> Built:
    db = make.foreign_sqlite(d)
    args, files = _release(d, db)
    return args, [*files, db]


def _store_add(db: Path, d: Path) -> Built:
    b = make.base_text(d)
    return ["store", "add", "6.17", str(b), "--store", str(db)], [b, db]


def _add_foreign(d: Path) -> Built:
    return _store_add(make.foreign_sqlite(d), d)


def _add_clashing(d: Path) -> Built:
    return _store_add(make.foreign_sqlite(d, clash=True), d)


def _add_other_application(d: Path) -> Built:
    return _store_add(make.foreign_sqlite(d, application_id=0x4D455452), d)


def _list_locked(d: Path) -> Built:
    store = make.store_with(d)
    return ["store", "list", "--store", str(store)], [store]


def _as_618(d: Path) -> Path:
    """The MP087 base with its version line saying 6.18 (an illustrative later version)."""
    text = make.base_text(d).read_text(encoding="utf-8")
    assert "SEC Version 6.17" in text
    return make.write(d, "section-G-6.18.txt", text.replace("SEC Version 6.17", "SEC Version 6.18", 1))


def _add_locked(d: Path) -> Built:
    store = make.store_with(d)
    b = _as_618(d)
    return ["store", "add", "6.18", str(b), "--store", str(store)], [b, store]


def _history_interrupted(d: Path) -> Built:
    store = make.interrupted_store(d)  # rolled back by the reader: not an input left as it was
    return ["history", "G3.20(b)", "--store", str(store)], []


def _list_interrupted_unmarked(d: Path) -> Built:
    store = make.interrupted_store(d, marked=False)
    return ["store", "list", "--store", str(store)], []


def _list_interrupted_foreign(d: Path) -> Built:
    db = make.interrupt(make.foreign_sqlite(d), "readings")
    return ["store", "list", "--store", str(db)], [db, Path(f"{db}-journal")]


def _release_over_held(d: Path) -> Built:
    store = make.store_with(d)
    b = _as_618(d)
    subprocess.run(
        [sys.executable, "-m", "sec_redline", "store", "add", "6.18", str(b), "--store", str(store)],
        check=True,
        capture_output=True,
        env={**os.environ},
    )
    args, files = _release(d, store)
    return args, [*files, store]


def _release_backwards(d: Path) -> Built:
    """6.18 released from 6.17, then a release from 6.18 back to a 6.17 (replacing it): a loop."""
    store = make.store_with(d)
    first = make.manifest(d, "6.17", [make.changes(d).name], name="first.yaml")
    subprocess.run(
        [sys.executable, "-m", "sec_redline", "release", str(first), "-o", str(d / "first"), "--store", str(store)],
        check=True,
        capture_output=True,
    )
    cs = make.changes(d, ('base: "6.17"', 'base: "6.18"'), name="back.yaml")
    back = make.write(
        d,
        "back-release.yaml",
        f"release: Illustrative\ndate: 2019-12-01\nbase: '6.18'\nversion: '6.17'\nmodifications: [{cs.name}]\n",
    )
    return ["release", str(back), "-o", str(d / "out"), "--store", str(store), "--replace"], [back, cs, store]


# --- 21: links ---------------------------------------------------------------------------------------------------


def _folder_base(d: Path) -> Path:
    base = d / "base"
    base.mkdir()
    for f in (EXAMPLE.parent / "mp900-multi" / "base").iterdir():
        (base / f.name).write_bytes(f.read_bytes())
    return base


def _check_dangling(d: Path) -> Built:
    base = _folder_base(d)
    (base / "section-X.txt").symlink_to("nowhere.txt")
    return ["check", str(base)], sorted(base.iterdir())


def _release_loop(d: Path) -> Built:
    base = _folder_base(d)
    (base / "section-X.txt").symlink_to("section-X.txt")
    cs = make.changes(d)
    m = make.manifest(d, "base", [cs.name])
    return ["release", str(m), "-o", str(d / "out")], [m, cs, *sorted(base.iterdir())]


def _output_through_loop(d: Path) -> Built:
    (d / "loop").symlink_to("loop")
    b = make.base_text(d)
    return ["parse", str(b), "-o", str(d / "loop" / "out.txt")], [b]


def _input_through_loop(d: Path) -> Built:
    (d / "loop").symlink_to("loop")
    return ["parse", str(d / "loop" / "section-G.txt")], []


def _release_link_out(d: Path) -> Built:
    b, cs = make.base_text(d), make.changes(d)
    m = make.manifest(d, b.name, [cs.name])
    (d / "elsewhere").mkdir()
    (d / "out").mkdir()
    (d / "out" / "consolidated").symlink_to(d / "elsewhere")
    return ["release", str(m), "-o", str(d / "out"), "--force"], [m, b, cs]


# --- 22, 23, 24: identifiers and options ------------------------------------------------------------------------


def _changeset_args(d: Path, *extra: str) -> Built:
    b = make.base_text(d)
    new = make.write(d, "new.txt", b.read_text(encoding="utf-8").replace("Each User shall", "Each User must", 1))
    args = ["changeset", str(b), str(new), "-o", str(d / "cs.yaml"), "--title", "Illustrative", "--date", "2019-10-04"]
    return [*args, "--modification", "MP900", *extra], [b, new]


def _bad_identifier(d: Path) -> Built:
    args, files = _changeset_args(d)
    return [*args[:-2], "--modification", "mp104"], files


def _diff_bad_identifier(d: Path) -> Built:
    b = make.base_text(d)
    new = make.write(d, "new.txt", b.read_text(encoding="utf-8").replace("Each User shall", "Each User must", 1))
    return ["diff", str(b), str(new), "-o", str(d / "cs.yaml"), "--modification", "mp104"], [b, new]


def _release_twice_one_id(d: Path) -> Built:
    b = make.base_text(d)
    first = make.changes(d, name="a.yaml")
    second = make.changes(
        d, ('insert: "which forms part of a SMETS2+ Device"', 'insert: "(illustrative)"'), name="b.yaml"
    )
    m = make.manifest(d, b.name, [first.name, second.name])
    return ["release", str(m), "-o", str(d / "out")], [m, b, first, second]


def _diff_option(*extra: str) -> Callable[[Path], Built]:
    def build(d: Path) -> Built:
        b = make.base_text(d)
        return ["diff", str(b), str(b), "-o", str(d / "cmp.docx"), *extra], [b]

    return build


def _store_add_named(name: str) -> Callable[[Path], Built]:
    def build(d: Path) -> Built:
        b = make.base_text(d)
        return ["store", "add", name, str(b), "--store", str(d / "store.sqlite")], [b]

    return build


def _title_with_escape(d: Path) -> Built:
    args, files = _changeset_args(d)
    k = args.index("--title")
    return [*args[: k + 1], "Illustrative \x1b title", *args[k + 2 :]], files


# --- 25: imported content (altChunk) -----------------------------------------------------------------------------


def _parse_alt(kind: str) -> Callable[[Path], Built]:
    def build(d: Path) -> Built:
        annex = make.alt_chunk_redline(d, kind)
        return ["parse", str(annex), "--format", "refs"], [annex]

    return build


def _verify_alt(d: Path) -> Built:
    annex, b = make.alt_chunk_redline(d, "html"), make.base_text(d)
    return ["verify", str(annex), str(b)], [annex, b]


# --- 26: outputs that are no files ---------------------------------------------------------------------------------


def _to_device(d: Path) -> Built:
    """A character device as -o: as root, one made here (were it replaced, /dev/null would be lost)."""
    b = make.base_text(d)
    if os.geteuid() != 0:
        return ["parse", str(b), "-o", "/dev/null"], [b]
    os.mknod(d / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return ["parse", str(b), "-o", str(d / "null")], [b]


def _to_fifo(d: Path) -> Built:
    b, pipe = make.base_text(d), make.fifo(d, "out.txt")
    return ["parse", str(b), "-o", str(pipe)], [b]


def _to_socket(d: Path) -> Built:
    b, cs = make.base_text(d), make.changes(d)
    here = Path.cwd()
    os.chdir(d)  # a socket's path is short; bound from its own folder
    try:
        s = socket.socket(socket.AF_UNIX)
        s.bind("amended.txt")
        s.close()
    finally:
        os.chdir(here)
    return ["apply", str(b), str(cs), "-o", str(d / "amended.txt")], [b, cs]


# --- 29: judgement calls -------------------------------------------------------------------------------------


def _apply_bidi(d: Path) -> Built:
    b, cs = make.base_text(d), make.bidi_changes(d)
    return ["apply", str(b), str(cs), "-o", str(d / "out" / "amended.txt")], [b, cs]


def _release_system_base(d: Path) -> Built:
    system, cs = make.system_file(d), make.changes(d)
    m = make.manifest(d, system.name, [cs.name])
    return ["release", str(m), "-o", str(d / "out")], [m, system, cs]


def _store_add_system(d: Path) -> Built:
    system = make.system_file(d)
    return ["store", "add", "6.17", str(system), "--store", str(d / "store.sqlite")], [system]


RELIABILITY_CASES: list[Case] = [
    Case("16: outputs of several files", "diff", "-o x.json and -o an existing folder named x.html",
         _diff_into_a_folder, EXIT_OUTPUT, "cmp.html: is a folder, not a file"),
    Case("16: outputs of several files", "apply", "folder base into a folder where one document's file is a folder",
         _apply_folder_blocked, EXIT_OUTPUT, "section-G.txt: is a folder, not a file"),
    Case("17: store written before the folder", "release --store", "a store another program holds locked",
         _release_locked, EXIT_OUTPUT, "is locked", holding=store_locked, env=FAST_LOCK),
    Case("17: store written before the folder", "release --store", "another program's SQLite file",
         _release_foreign, EXIT_INPUT, "is not a version store"),
    Case("18: another program's SQLite file", "store add", "a database of meter readings", _add_foreign,
         EXIT_INPUT, "without a version store's tables); it was left as it was"),
    Case("18: another program's SQLite file", "store add", "a database with a versions table of its own",
         _add_clashing, EXIT_INPUT, "without a version store's tables); it was left as it was"),
    Case("18: another program's SQLite file", "store add", "a database with another application id",
         _add_other_application, EXIT_INPUT, "application id 0x4d455452"),
    Case("19: store messages", "store list", "a store another program holds locked", _list_locked, EXIT_INPUT,
         "is locked: another program", holding=store_locked, env=FAST_LOCK),
    Case("19: store messages", "store add", "a store another program holds locked", _add_locked, EXIT_OUTPUT,
         "is locked: another program", holding=store_locked, env=FAST_LOCK),
    Case("19: store messages", "history", "a store a killed writer left unfinished (hot journal)",
         _history_interrupted, EXIT_OK, "rolled back the unfinished write an interrupted run left"),
    Case("19: store messages", "store list", "a store made before stores were marked, a killed writer's hot journal",
         _list_interrupted_unmarked, EXIT_OK, "rolled back the unfinished write"),
    Case("19: store messages", "store list", "another program's database a killed writer left unfinished",
         _list_interrupted_foreign, EXIT_INPUT, "is not a version store"),
    Case("20: held versions", "release --store", "a version the store holds from 'store add'", _release_over_held,
         EXIT_OUTPUT, "already holds version 6.18"),
    Case("20: held versions", "release --store --replace", "from 6.18 back to 6.17 (a base chain loop)",
         _release_backwards, EXIT_OUTPUT, "SEC 6.18 is built on SEC 6.17"),
    Case("21: links", "check", "a folder base with a dangling link", _check_dangling, EXIT_INPUT,
         "section-X.txt: is a symbolic link to nowhere.txt, which does not exist"),
    Case("21: links", "release", "a folder base with a link loop", _release_loop, EXIT_INPUT,
         "section-X.txt: is a symbolic link that goes round a loop"),
    Case("21: links", "parse", "-o through a link loop", _output_through_loop, EXIT_OUTPUT,
         "goes round a loop of symbolic links"),
    Case("21: links", "parse", "an input through a link loop", _input_through_loop, EXIT_INPUT,
         "Too many levels of symbolic links"),
    Case("21: links", "release --force", "DIR/consolidated a link out of DIR", _release_link_out, EXIT_OUTPUT,
         "outside"),
    Case("22: identifiers", "changeset", "--modification mp104", _bad_identifier, EXIT_USAGE,
         "'mp104' is not a modification's identifier"),
    Case("22: identifiers", "diff", "-o x.yaml --modification mp104", _diff_bad_identifier, EXIT_USAGE,
         "'mp104' is not a modification's identifier"),
    Case("23: duplicate identifiers", "release", "two change sets both MP087", _release_twice_one_id,
         EXIT_CHANGESET, "a.yaml and b.yaml are both MP087"),
    Case("24: option limits", "diff", "--author of 300 characters", _diff_option("--author", LONG), EXIT_USAGE,
         "Word allows 255"),
    Case("24: option limits", "diff", "--date 1899-12-31", _diff_option("--date", "1899-12-31"), EXIT_USAGE,
         "not a plausible date"),
    Case("24: option limits", "store add", "an empty version name", _store_add_named(""), EXIT_USAGE,
         "a version is named by its number"),
    Case("24: option limits", "store add", "a version name holding a line break", _store_add_named("6.17\nforged"),
         EXIT_USAGE, "a version is named by its number"),
    Case("24: option limits", "changeset", "--title holding ESC", _title_with_escape, EXIT_USAGE, "U+001B"),
    Case("25: imported content (altChunk)", "parse", "an HTML altChunk", _parse_alt("html"), EXIT_INPUT,
         "imports word/afchunk.htm (text/html) through w:altChunk"),
    Case("25: imported content (altChunk)", "verify", "an HTML altChunk with changed G3.21 words", _verify_alt,
         EXIT_INPUT, "through w:altChunk"),
    Case("25: imported content (altChunk)", "parse", "a plain-text altChunk", _parse_alt("txt"), EXIT_OK, "G3.22",
         stream="stdout"),
    Case("26: outputs that are no files", "parse", "-o a character device (/dev/null)", _to_device, EXIT_OUTPUT,
         "is a device, not a file"),
    Case("26: outputs that are no files", "parse", "-o a named pipe", _to_fifo, EXIT_OUTPUT,
         "is a named pipe, not a file"),
    Case("26: outputs that are no files", "apply", "-o a socket", _to_socket, EXIT_OUTPUT, "is a socket, not a file"),
    Case("29: judgement calls", "apply", "U+202E inside inserted words", _apply_bidi, EXIT_OK,
         "changes.yaml:12: warning: G3.20(b): 'insert' holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    Case("29: judgement calls", "release", "a manifest whose base is a system file", _release_system_base,
         EXIT_INPUT, "not SEC clause text", absent=make.SYSTEM_SECRET),
    Case("29: judgement calls", "store add", "a system file", _store_add_system, EXIT_INPUT, "not SEC clause text",
         absent=make.SYSTEM_SECRET),
]  # fmt: skip
