"""Writing a command's outputs all or nothing, as SQLite and git promise their users: nothing lost, nothing
half-written, one clear message.

Every output is checked before anything is written: a device, a named pipe, a socket or a folder where a
file is to go is refused, as is a link inside ``root`` (the folder ``-o`` names) that leads out of it.
Then the outputs are moved in:

- an output whose folder does not exist yet belongs to the topmost missing folder above it; that folder is
  built whole as a hidden ``.NAME.<tx>.sec-redline-new`` beside where it goes, and renamed into place;
- any other output is written to a hidden ``.NAME.<tx>.sec-redline-new`` beside its target and renamed
  over it.

One rename is atomic by itself: a run killed before it leaves only the hidden temporary.  Several renames
(or renames committed with the version store) are a transaction with a rollback journal: the plan is
written first (``.sec-redline.<tx>.journal`` in every folder a rename happens in; the first is the
primary), then every temporary, then ``.sec-redline.<tx>.swapping``, then each rename, an existing
target's content kept as ``.NAME.<tx>.sec-redline-old`` (a hard link) until the commit.  The commit is
``.sec-redline.<tx>.committed`` beside the primary journal (or, with the version store, the store's own
commit of the transaction's token, which the marker then repeats); after it the kept contents, journals
and markers are removed.  A run that fails undoes what it began; a run that is killed leaves the journal,
and the next run writing into any of those folders finishes its work: forward when it had committed,
backward otherwise, and says so.  Until then a reader may see the mixture the killed run left, as a
reader of an SQLite file may before its hot journal is rolled back.

Two runs writing into the same folder at once take turns: each holds an advisory lock (``flock``) on every
folder it renames in while it writes (a later run waits up to ``LOCK_WAIT`` seconds).

``SEC_REDLINE_TEST_KILL_AT_STEP=N`` kills the process (SIGKILL) before the Nth step that changes the file
system (each journal, temporary, marker, link, rename and removal): the hostile tests use it to kill a run
at every step.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import signal
import stat
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from legal_text import warning

from .errors import OutputError
from .notices import notice

try:  # advisory locks: not on every platform
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMP = re.compile(r"^\..*\.([0-9a-f]{16})\.sec-redline-(new|old)$", re.DOTALL)
CONTROL = re.compile(r"^\.sec-redline\.([0-9a-f]{16})\.(journal|swapping|committed)$")
LOCK_WAIT = 60.0  # seconds: how long a run waits for another writing into the same folder
KILL_HOOK = "SEC_REDLINE_TEST_KILL_AT_STEP"
JOURNAL_FORMAT = "sec-redline write journal"
_NAME_KEPT = 80  # characters of a target's name kept in its temporary's name (names stay under 255 bytes)


class Joined(Protocol):
    """Work committed together with the files, such as a new version in the version store."""

    def prepare(self, token: str) -> None:
        """Do the work without committing it, recording ``token`` with it; a UserError stops the run with
        nothing written."""

    def commit(self) -> str:
        """Commit it (the transaction's decision) and say so in a line."""

    def abort(self) -> None:
        """Undo what ``prepare`` did."""

    def asked(self) -> dict[str, str]:
        """What a later run needs to ask whether the token was committed (kept in the journal)."""


# --- the kill hook ------------------------------------------------------------------------------------------

_steps = 0


def _step() -> None:
    """One step that changes the file system; the test hook kills the process before the chosen one."""
    global _steps
    at = os.environ.get(KILL_HOOK)
    if not at:
        return
    _steps += 1
    if str(_steps) == at.strip():
        os.kill(os.getpid(), signal.SIGKILL)


# --- checking the targets -------------------------------------------------------------------------------------


def absolute(path: Path) -> Path:
    """``path`` from the current folder, as written (links and '..' left for the system to follow)."""
    return path if path.is_absolute() else Path.cwd() / path


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _nearest_existing(folder: Path) -> Path:
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    return folder


def check_target(given: Path, target: Path, root: Path | None = None) -> None:
    """Refuse, before anything is written, an output path where no file can go: a device, a named pipe, a
    socket or a folder (or a link to one), a path through a file or a loop of links, or (with ``root``) a
    path that a link inside ``root`` leads out of it."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a loop of links or a file on the way
        raise OutputError(f"{given}: cannot write: {exc.strerror or exc}; nothing was written") from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        with contextlib.suppress(OSError):  # a link to nothing (or round a loop) is itself replaced
            st = os.stat(target)
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise OutputError(
            f"{given}: is {_what(st.st_mode)}, not a file; sec-redline writes its outputs as files "
            f"(choose a file's path, or leave out -o where the command prints); nothing was written"
        )
    holder = _nearest_existing(target.parent)
    if not os.path.isdir(holder):
        raise OutputError(f"{given}: cannot write: {holder} is not a folder; nothing was written")
    if root is not None:
        _inside(given, target, absolute(root))


def _inside(given: Path, target: Path, root: Path) -> None:
    """Refuse a link between ``root`` and ``target`` that leads out of ``root``."""
    try:
        rel = target.relative_to(root)
    except ValueError:
        return
    real_root = os.path.realpath(root)
    here = root
    for part in rel.parts[:-1]:
        here = here / part
        if not os.path.islink(here):
            continue
        real = os.path.realpath(here)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            raise OutputError(
                f"{here}: is a link to {real}, outside {root}; outputs are written only inside the folder -o "
                f"names, so {given} was not: remove the link or choose another folder; nothing was written"
            )


# --- the plan ----------------------------------------------------------------------------------------------


@dataclass
class _Item:
    """One rename: a file over its target, or a folder built whole into its place."""

    target: Path
    new: Path
    old: Path | None  # an existing file's content, kept here from its rename to the commit
    data: bytes = b""
    tree: dict[Path, bytes] | None = None  # a folder: its files by their path inside it

    def as_json(self) -> dict[str, Any]:
        return {"target": str(self.target), "new": str(self.new), "old": str(self.old) if self.old else None,
                "folder": self.tree is not None}  # fmt: skip


def _hidden(target: Path, tx: str, kind: str) -> Path:
    return target.parent / f".{target.name[:_NAME_KEPT]}.{tx}.sec-redline-{kind}"


def _topmost_missing(folder: Path) -> Path | None:
    """The topmost folder above (or at) ``folder`` that does not exist, or None when it does."""
    top = None
    while not os.path.lexists(folder) and folder != folder.parent:
        top, folder = folder, folder.parent
    return top


def _plan(files: Mapping[Path, bytes], tx: str) -> list[_Item]:
    items: list[_Item] = []
    trees: dict[Path, dict[Path, bytes]] = {}
    for target, data in files.items():
        top = _topmost_missing(target.parent)
        if top is None:
            old = _hidden(target, tx, "old") if os.path.lexists(target) else None
            items.append(_Item(target, _hidden(target, tx, "new"), old, data))
        else:
            trees.setdefault(top, {})[target.relative_to(top)] = data
    items += [_Item(top, _hidden(top, tx, "new"), None, tree=tree) for top, tree in trees.items()]
    return items


def _sites(items: Iterable[_Item]) -> list[Path]:
    """The folders the renames happen in, in one order (the first holds the primary journal)."""
    return sorted({i.target.parent for i in items}, key=str)


# --- locks -------------------------------------------------------------------------------------------------


class _Locks:
    """Advisory locks on folders, held for a run's writing; the same folder (by its device and inode) once."""

    def __init__(self) -> None:
        self.held: dict[tuple[int, int], int] = {}
        self.folders: list[Path] = []

    def take(self, folders: Iterable[Path]) -> None:
        for folder in sorted(set(folders), key=str):
            self._take(folder)

    def _take(self, folder: Path) -> None:
        if fcntl is None:  # pragma: no cover
            return
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return  # a folder this user may not list: written without a lock
        key = (os.fstat(fd).st_dev, os.fstat(fd).st_ino)
        if key in self.held:
            os.close(fd)
            return
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise OutputError(
                        f"{folder}: another sec-redline run is writing here (waited {LOCK_WAIT:.0f} s); try again "
                        f"when it has finished; nothing was written"
                    ) from None
                time.sleep(0.05)
            except OSError:  # a file system without locks
                os.close(fd)
                return
        self.held[key] = fd
        self.folders.append(folder)

    def __enter__(self) -> _Locks:
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self.held.values():
            os.close(fd)
        self.held.clear()


# --- writing -----------------------------------------------------------------------------------------------


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_file(path: Path, data: bytes) -> None:
    """``data`` at ``path`` (which must not exist), flushed to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o644)


def _stage(item: _Item) -> None:
    """The item's temporary: its file, or its folder with every file below it."""
    _step()
    if item.tree is None:
        _write_file(item.new, item.data)
        return
    os.mkdir(item.new)
    made = {item.new}
    for rel, data in sorted(item.tree.items(), key=lambda kv: str(kv[0])):
        path = item.new / rel
        for folder in reversed(path.parents):
            if folder not in made and item.new in folder.parents:
                os.mkdir(folder)
                made.add(folder)
        _write_file(path, data)
    for folder in made:
        _fsync_folder(folder)


def _remove(path: Path) -> None:
    """Remove a file, a link or a folder's whole tree, if it is there."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _keep_old(item: _Item) -> None:
    """Keep the target's content as ``item.old`` (a hard link; a rename where links cannot be made)."""
    assert item.old is not None
    try:
        os.link(item.target, item.old, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES):
            raise
        os.rename(item.target, item.old)


@dataclass
class _Transaction:
    items: list[_Item]
    tx: str
    joined: Joined | None
    sites: list[Path] = field(default_factory=list)
    journaled: bool = False

    def __post_init__(self) -> None:
        self.sites = _sites(self.items)

    def control(self, kind: str) -> Path:
        return self.sites[0] / f".sec-redline.{self.tx}.{kind}"

    def journals(self) -> list[Path]:
        return [site / f".sec-redline.{self.tx}.journal" for site in self.sites]

    def write_journals(self) -> None:
        plan = {
            "format": JOURNAL_FORMAT,
            "tx": self.tx,
            "primary": str(self.journals()[0]),
            "sites": [str(s) for s in self.sites],
            "items": [i.as_json() for i in self.items],
            "joined": self.joined.asked() if self.joined is not None else None,
        }
        text = (json.dumps(plan, indent=1) + "\n").encode("utf-8")
        self.journaled = True
        for journal in self.journals():
            _step()
            _write_file(journal, text)
            _fsync_folder(journal.parent)

    def swap(self) -> None:
        _step()
        _write_file(self.control("swapping"), b"")
        _fsync_folder(self.sites[0])
        for item in self.items:
            if item.old is not None:
                _step()
                _keep_old(item)
            _step()
            os.replace(item.new, item.target)
        for site in self.sites:
            _fsync_folder(site)

    def mark_committed(self) -> None:
        _step()
        _write_file(self.control("committed"), b"")
        _fsync_folder(self.sites[0])

    def clean(self) -> None:
        """After the commit: the kept contents, then the journals (the primary last), then the markers."""
        for item in self.items:
            if item.old is not None:
                _step()
                item.old.unlink(missing_ok=True)
        for journal in [*self.journals()[1:], self.journals()[0]]:
            _step()
            journal.unlink(missing_ok=True)
        for kind in ("swapping", "committed"):
            _step()
            self.control(kind).unlink(missing_ok=True)


def write_together(
    outputs: Mapping[Path, bytes | str],
    *,
    root: Path | None = None,
    exclusive: bool = False,
    joined: Joined | None = None,
) -> tuple[list[Path], str]:
    """Write every output or none (see the module's docstring), committed with ``joined`` (say, the version
    store's new version) when given; the paths written, and the line ``joined`` says.  ``root``: the folder
    the outputs go into, which no link inside may lead them out of; ``exclusive``: refuse (nothing written)
    when any target exists by the time of writing (another run wrote it meanwhile)."""
    given = [Path(p) for p in outputs]
    files = {absolute(Path(p)): d.encode("utf-8") if isinstance(d, str) else d for p, d in outputs.items()}
    for g in given:
        check_target(g, absolute(g), root)
    tx = secrets.token_hex(8)
    with _Locks() as locks:
        locks.take(_sites(_plan(files, tx)))
        for site in list(locks.folders):
            settle_folder(site, locks)
        items = _plan(files, tx)
        locks.take(_sites(items))
        for g in given:
            check_target(g, absolute(g), root)
            if exclusive and os.path.lexists(absolute(g)):
                raise OutputError(
                    f"{g}: was written meanwhile by another run; nothing was written (give --force to replace it)"
                )
        return given, _run(_Transaction(items, tx, joined), given)


def _run(t: _Transaction, given: list[Path]) -> str:
    """Carry out the plan; on any failure before the commit undo it, so that nothing was written."""
    said = ""
    prepared = committed = False
    try:
        if t.joined is not None:
            t.joined.prepare(t.tx)
            prepared = True
        if not t.items:
            said = t.joined.commit() if t.joined is not None else ""
            return said
        if t.joined is None and len(t.items) == 1:  # one rename: atomic by itself
            item = t.items[0]
            _stage(item)
            _step()
            os.replace(item.new, item.target)
            committed = True
            _fsync_folder(item.target.parent)
            return said
        t.write_journals()
        for item in t.items:
            _stage(item)
        t.swap()
        if t.joined is not None:  # the store's commit decides; the marker repeats it
            said = t.joined.commit()
            committed = True
            with contextlib.suppress(OSError):
                t.mark_committed()
        else:
            t.mark_committed()
            committed = True
    except BaseException as exc:
        if committed:  # pragma: no cover - the decision stands; the next run cleans what is left
            raise
        undone = _undo(t)
        if prepared and t.joined is not None:
            t.joined.abort()
        if isinstance(exc, OSError):
            raise OutputError(f"{_named(exc, t, given)}: cannot write: {exc.strerror or exc}; {undone}") from None
        raise
    with contextlib.suppress(OSError):
        t.clean()
    return said


def _named(exc: OSError, t: _Transaction, given: list[Path]) -> Path | str:
    """The output an error concerns, as the user gave it (or the folder being made)."""
    where = str(exc.filename or "")
    by_target = {str(absolute(g)): g for g in given}
    for item in t.items:
        if where and (where.startswith(str(item.new)) or where == str(item.target)):
            if item.tree is not None:
                inside = next((g for g in given if str(absolute(g)).startswith(str(item.target) + os.sep)), None)
                return inside or item.target
            return by_target.get(str(item.target), item.target)
    return given[0] if given else where


def _undo(t: _Transaction) -> str:
    """Undo a failed run's own work; the words that say what the user is left with."""
    try:
        if t.journaled:
            _backward(t.items, t.control("swapping").exists())
            _remove_controls([str(j) for j in t.journals()], t.sites[0], t.tx)
        else:
            for item in t.items:
                _remove(item.new)
    except OSError:
        return "what it had begun could not all be undone; the next run writing there finishes undoing it"
    return "nothing was written"


# --- settling what an interrupted run left ---------------------------------------------------------------


def _backward(items: list[_Item], swapping: bool) -> int:
    """Undo a transaction's renames (each item as the journal names it): the targets as they were."""
    restored = 0
    for item in reversed(items):
        if item.old is not None and os.path.lexists(item.old):
            if _same_file(item.old, item.target):  # kept, not yet replaced (a rename onto itself does nothing)
                item.old.unlink()
            else:
                os.replace(item.old, item.target)
                restored += 1
        elif swapping and item.old is None and not os.path.lexists(item.new) and os.path.lexists(item.target):
            # a new target the run had put in place: taken away again
            if item.tree is not None:
                os.rename(item.target, item.new)
            else:
                item.target.unlink()
        _remove(item.new)
    return restored


def _same_file(a: Path, b: Path) -> bool:
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _forward(items: list[_Item]) -> None:
    for item in items:
        if item.old is not None:
            item.old.unlink(missing_ok=True)
        _remove(item.new)


def _remove_controls(journals: list[str], primary_site: Path, tx: str) -> None:
    primary = journals[0] if journals else ""
    for journal in [j for j in journals if j != primary] + ([primary] if primary else []):
        _step()
        Path(journal).unlink(missing_ok=True)
    for kind in ("swapping", "committed"):
        _step()
        (primary_site / f".sec-redline.{tx}.{kind}").unlink(missing_ok=True)


def _items_of(plan: dict[str, Any]) -> list[_Item]:
    return [
        _Item(Path(i["target"]), Path(i["new"]), Path(i["old"]) if i.get("old") else None,
              tree={} if i.get("folder") else None)
        for i in plan["items"]
    ]  # fmt: skip


def _decided(joined: dict[str, str]) -> bool:
    """Whether the work committed with the files was committed: asked of the version store."""
    if joined.get("kind") == "version-store":
        from .store import transaction_committed

        return transaction_committed(Path(joined["path"]), joined["token"])
    raise OutputError(f"an interrupted run left a journal naming work of an unknown kind ({joined.get('kind')})")


def _settle_journal(journal: Path, locks: _Locks) -> None:
    """Finish what the run that wrote ``journal`` began: forward when it had committed, else backward."""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        if plan.get("format") != JOURNAL_FORMAT:
            raise ValueError("not a journal")
        items, primary, sites = _items_of(plan), Path(plan["primary"]), [Path(s) for s in plan["sites"]]
    except (OSError, ValueError, KeyError, TypeError):
        # cut short while it was written: nothing had been renamed yet
        journal.unlink(missing_ok=True)
        notice(warning("removed the unfinished journal of an earlier run that was interrupted", str(journal.parent)))
        return
    locks.take(sites)
    tx = str(plan["tx"])
    committed = (primary.parent / f".sec-redline.{tx}.committed").exists() or not primary.exists()
    if not committed and plan.get("joined"):
        committed = _decided(plan["joined"])
    if committed:
        _forward(items)
        text = "an earlier run writing here was interrupted after its outputs were all in place; removed what it left"
    else:
        swapping = (primary.parent / f".sec-redline.{tx}.swapping").exists()
        _backward(items, swapping)
        text = "an earlier run writing here was interrupted; what it had begun was undone (the files are as they were)"
    journals = [str(primary)] + [str(s / primary.name) for s in sites if s / primary.name != primary]
    _remove_controls(journals, primary.parent, tx)
    notice(warning(text, str(journal.parent)))


def settle_folder(folder: Path, locks: _Locks | None = None) -> None:
    """Finish or undo whatever an interrupted run left in ``folder`` (its journals, temporaries and markers),
    saying so; the caller holds ``folder``'s lock (or none is taken: ``locks`` None takes it here)."""
    own = locks is None
    lock = locks if locks is not None else _Locks()
    try:
        if own:
            lock.take([folder])
        _settle(folder, lock)
    finally:
        if own:
            lock.__exit__()


def _settle(folder: Path, locks: _Locks) -> None:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    controls = [n for n in names if CONTROL.match(n)]
    for name in controls:
        if name.endswith(".journal") and os.path.lexists(folder / name):
            _settle_journal(folder / name, locks)
    for name in controls:  # markers whose journal is gone
        if not name.endswith(".journal") and os.path.lexists(folder / name):
            (folder / name).unlink(missing_ok=True)
    for name in names:
        m = TEMP.match(name)
        if not m or not os.path.lexists(folder / name):
            continue
        if m.group(2) == "new":
            _remove(folder / name)
            notice(
                warning(f"removed {name}, the unfinished output of an earlier run that was interrupted", str(folder))
            )
        else:
            notice(
                warning(
                    f"{name} was left by an earlier run that was interrupted and may hold a file's earlier content; "
                    f"it is kept: look at it, then remove it",
                    str(folder),
                )
            )


__all__ = ["Joined", "check_target", "settle_folder", "write_together"]
