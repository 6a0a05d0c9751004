"""The version store as its commands use it: a version imported, the versions listed, a provision's
history, a provision as it stood at a version (``store add``, ``store list``, ``history``, ``show``)."""

from __future__ import annotations

from pathlib import Path

from legal_text import ClauseRef, Document, render_text
from legal_text.clause_ref import nearest_reference
from legal_text.text_writer import render_clause_blocks

from .errors import InputError, OutputError
from .outputs import Outputs
from .sources import STORE_KEEPS_TEXT, notes_left_out, open_store, read_base
from .store import DEFAULT_STORE, HistoryEntry, Store, StoreWrite, version_name_problem


def record_version(version: str, path: str | Path, store: str | Path | None = None, replace: bool = False) -> Outputs:
    """``sec-redline store add``: version ``version`` of the code, read from ``path`` (a document, a folder
    of documents or a whole-code file), imported into the version store (``joined``: written when the
    outputs are).  A version the store holds already is refused unless ``replace``."""
    problem = version_name_problem(version)
    if problem:
        raise OutputError(f"{problem}; nothing was written")
    loaded = read_base(path)  # (a base with no numbered provision: one line, ``fileio.sec_text``)
    docs = loaded.value
    _refuse_a_redline(path, docs)
    stated = next((d.version for d in docs if d.version), "")
    if stated and stated != version:
        raise InputError(f"{path}: is SEC {stated}, not {version}; give the version the text is")
    said = (*loaded.messages, *notes_left_out(docs, str(store or DEFAULT_STORE), STORE_KEEPS_TEXT))

    def record(st: Store) -> str:
        st.add_version(version, docs, replace=replace)
        provisions = sum(1 for d in docs for _ in d.refs())
        return f"stored SEC {version}: {len(docs)} document(s), {provisions} provisions"

    return Outputs(messages=said, joined=StoreWrite(Path(store or DEFAULT_STORE), record))


def _refuse_a_redline(path: str | Path, docs: list[Document]) -> None:
    """A Word file (standard input, or a folder holding one) whose tracked changes give two texts is a
    redline, not a version of the code: one InputError line, as a version must be one text."""
    from .fileio import MAX_TEXT_BYTES, ZIP_MAGIC, folder_files, is_stdio, read_input_bytes

    if is_stdio(path):
        word = read_input_bytes(path, MAX_TEXT_BYTES, "SEC clause text or a Word document").startswith(ZIP_MAGIC)
    elif Path(path).is_dir():
        word = any(p.suffix.lower() == ".docx" for p in folder_files(path))
    else:
        word = Path(path).suffix.lower() == ".docx"
    if not word:
        return
    try:
        rejected = [render_text(d) for d in read_base(path, side="old", provisions=False).value]
    except InputError:
        rejected = []  # what rejecting every change leaves cannot even be read as the code: two texts all the same
    if rejected != [render_text(d) for d in docs]:
        raise InputError(
            f"{path}: holds tracked changes, so it is a redline, not a version of the code; accept or reject them "
            "in Word, or give the consolidated text (a release's consolidated/)"
        )


def list_versions(store: str | Path | None = None) -> Outputs:
    """``sec-redline store list``: the versions the store holds, one a line: name, date, base, release."""
    with open_store(store) as st:
        rows = st.versions()
    lines = [
        "  ".join(x for x in (name, date, f"from {base}" if base else "", rel) if x) for name, date, base, rel in rows
    ]
    return Outputs(stdout="".join(f"{line}\n" for line in lines))


def provision_history(ref: ClauseRef, store: str | Path | None = None) -> Outputs:
    """``sec-redline history``: the wording of ``ref`` at each version the store holds, with the modification
    that changed it (and its kind, when it is not a modification) and how: ``SEC 6.18 (2019-11-07): changed
    by MP087``, ``changed by DIR001 (direction)``, ``deleted by MP104``, ``renumbered as G3.22 by MP104``.
    The earliest version held has none before it to compare with: its line says so."""
    with open_store(store) as st:
        entries = st.history(ref)
        if not any(e.text for e in entries):
            near = nearest_reference(str(ref), st.references())
            raise InputError(f"{ref}: no version in the store has this provision{f'; nearest: {near}' if near else ''}")
    lines = []
    for e in entries:
        first = e is entries[0]
        lines.append(f"SEC {e.version}{f' ({e.date})' if e.date else ''}: {_step(e, first)}")
        if e.changed or first:
            lines.append(f"    {e.text}" if e.text else "    (not in this version)")
    return Outputs(stdout="".join(f"{line}\n" for line in lines))


# The line of the earliest version the store holds, when the provision is in it: no earlier version to compare
# with, so neither "changed" nor "same"; its words as they stood then follow.
EARLIEST = "earliest version stored (nothing earlier to compare with)"


def _step(e: HistoryEntry, first: bool) -> str:
    """What became of a provision at one version, and by which modification: EARLIEST, "same", "absent",
    "inserted by MP104" (as the release recorded it), "changed by MP087", "changed by DIR001 (direction)",
    "deleted by MP104", "renumbered as G3.22 by MP104", "moved from G3.21 by MP104", "renumbered from G3.18
    and amended by MP104"."""
    if not e.changed:
        return EARLIEST if first and e.text else "absent" if not e.text else "same"
    if e.went_to or e.came_from:
        what = f"{e.event} {'as' if e.event == 'renumbered' else 'to'} {e.went_to}" if e.went_to else ""
        what = (what or f"{e.event} from {e.came_from}") + (" and amended" if e.amended else "")
    else:
        what = "inserted" if e.event == "inserted" else "changed" if e.text else "deleted"
    kind = f" ({e.modification_kind})" if e.modification_kind not in ("", "modification") else ""
    return f"{what} by {e.modification}{kind}" if e.modification else what


def show_provision(ref: ClauseRef, version: str, store: str | Path | None = None) -> Outputs:
    """``sec-redline show``: the provision ``ref`` as it stood at ``version``."""
    with open_store(store) as st:
        docs = st.documents(version)
    for d in docs:
        found = d.find(ref)
        if found is not None:
            return Outputs(stdout="\n\n".join(render_clause_blocks(found)) + "\n")
    near = nearest_reference(str(ref), [str(r) for d in docs for r in d.refs()])
    raise InputError(f"{ref}: SEC {version} has no such provision{f'; nearest: {near}' if near else ''}")
