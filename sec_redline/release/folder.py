"""The release folder: every output of a release as bytes by its path in the folder, all or nothing.

- ``consolidated/``: each document as ``.txt`` and clean ``.docx``, and the whole code as ``sec.txt``;
- ``release-redline.docx`` and ``.html`` (``.pdf`` on request): every document the release changes, in
  full, each change tracked under its own modification (author "SECAS (MP087)", the change set's date);
- ``release-notes.html``, ``.docx``, ``.md``: go-live date, each modification with its kind, title and the
  clauses it changed, the affected documents, and the Document Log;
- ``manifest.lock``: the SHA-256 of every input and output, to check a rebuild against.

The folder is written all or nothing (``writing``: built whole and renamed into place when it is new,
under a rollback journal when ``--force`` replaces a release there), never through a link inside it that
leads out of it; with a version store, the new version is committed in the same transaction, so that the
folder stands only if the store took the version, and the store holds it only if the folder stands.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from legal_text import Document, Message, render_text

from ..dates import midnight, revision_timestamp
from ..errors import InputError, OutputError
from ..outputs import Data, Outputs, told
from ..store import Implemented, Store, StoreWrite
from .build import Release, build_release, notes_context, release_annex, slug
from .manifest import Manifest, check_one_each, load_manifest
from .phases import plan_phases

LOCK_NAME = "manifest.lock"
CONSOLIDATED = "consolidated"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lock_text(manifest: Manifest, inputs: dict[str, bytes], outputs: dict[str, bytes | str]) -> str:
    """``manifest.lock``: the SHA-256 of every input (by its path relative to the manifest) and of every
    output (by its path in the release folder), as sorted JSON."""

    def digest(v: bytes | str) -> str:
        return sha256(v.encode("utf-8") if isinstance(v, str) else v)

    data = {
        "format": "sec-redline release lock",
        "format_version": 1,
        "release": manifest.release,
        "version": manifest.version,
        "inputs": {k: sha256(v) for k, v in sorted(inputs.items())},
        "outputs": {k: digest(v) for k, v in sorted(outputs.items())},
    }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def consolidated_outputs(release: Release, docx: Callable[[list[Document]], bytes]) -> dict[str, bytes | str]:
    """``consolidated/``: each document as .txt and .docx, and the whole code as ``sec.txt``."""
    out: dict[str, bytes | str] = {}
    for d in release.consolidated:
        out[f"{CONSOLIDATED}/{slug(d)}.txt"] = render_text(d)
        out[f"{CONSOLIDATED}/{slug(d)}.docx"] = docx([d])
    out[f"{CONSOLIDATED}/sec.txt"] = "\n".join(render_text(d) for d in release.consolidated)
    return out


RELEASE_STEPS = (
    "reading the base and the change sets",
    "applying the modifications",
    "reading the release redline off the change ledger",
    "writing the consolidated code",
    "writing the release redline",
    "writing the release notes",
    "writing the release folder",  # the command's own step: the outputs written
)


def make_release(
    manifest: str | Path,
    outdir: str | Path,
    *,
    store: str | Path | None = None,
    force: bool = False,
    pdf: bool = False,
    template_dir: str | Path | None = None,
    progress: Callable[[str], None] = lambda _: None,
    replace: bool = False,
) -> Outputs:
    """``sec-redline release``: the release folder ``outdir`` of the release ``manifest`` describes (see
    this module's docstring), all or nothing; with ``store``, the new version (and the base, if the store
    lacks it) is recorded in the version store in the same transaction as the folder is written (a
    version the store holds already is refused unless ``replace``).  ``progress`` is told each of
    ``RELEASE_STEPS`` but the last as it starts."""
    from ..changes import load_changesets
    from ..render import docx_to_pdf, html_to_docx, render, render_annex_docx, render_annex_html, render_document_docx
    from ..render.templating import template_file
    from ..report import markdown_escaped
    from ..sources import STORE_KEEPS_TEXT, notes_left_out

    m = load_manifest(manifest)
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file; -o names the release folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise OutputError(f"{out}: holds files already; give --force to replace a release there, or another folder")
    said: list[Message] = []
    inputs: dict[str, bytes] = {Path(manifest).name: Path(manifest).read_bytes()}
    progress(RELEASE_STEPS[0])
    with told(said):
        docs = _base(m, store, inputs, said)
        changesets = load_changesets(list(m.modifications))
        check_one_each(m, changesets)
        phased = plan_phases(m, changesets, docs, store)
    for p in m.modifications:
        inputs[os.path.relpath(p, m.source.parent)] = p.read_bytes()
    built = build_release(m, docs, phased.changesets, progress, phased.to_come, phased.earlier)
    progress(RELEASE_STEPS[3])
    stamp = revision_timestamp(m.date)
    files: dict[str, Data] = dict(consolidated_outputs(built, lambda ds: render_document_docx(ds, m.author, stamp)))
    said += notes_left_out(
        list(built.consolidated), str(out / CONSOLIDATED / "*.txt"), "the .docx beside it keeps them"
    )
    progress(RELEASE_STEPS[4])
    annex = release_annex(built)
    word = render_annex_docx(annex, "tracked", template_dir)
    files["release-redline.docx"] = word
    files["release-redline.html"] = render_annex_html(annex, template_dir)
    if pdf:
        files["release-redline.pdf"] = docx_to_pdf(word, "release-redline", midnight(m.date))
    progress(RELEASE_STEPS[5])
    context = notes_context(built)
    html = render("release-notes.html.j2", template_dir, **context)
    files["release-notes.html"] = html
    files["release-notes.md"] = render(
        "release-notes.md.j2", template_dir, **{k: markdown_escaped(v) for k, v in context.items()}
    )
    files["release-notes.docx"] = html_to_docx(
        html, f"{m.release}: release notes", m.author, m.date, f"{m.release} - release notes", m.classification,
        template_dir, source=template_file("release-notes.html.j2", template_dir),
    )  # fmt: skip
    files[LOCK_NAME] = lock_text(m, inputs, files)
    joined = None
    if store is not None:
        said += notes_left_out(list(built.consolidated), str(store), STORE_KEEPS_TEXT)
        joined = StoreWrite(Path(store), _recording(built, docs, store, replace, phased.implemented))
    read = (Path(manifest), *m.modifications, *([m.base_path] if m.base_path else []))
    return Outputs(
        {out / name: data for name, data in files.items()}, tuple(said), inputs=read, root=out, exclusive=not force,
        joined=joined,
    )  # fmt: skip


def _base(m: Manifest, store: str | Path | None, inputs: dict[str, bytes], said: list[Message]) -> list[Document]:
    """The release's base: its text (its files' bytes kept for the lock) or the version the store holds."""
    from ..fileio import folder_files
    from ..sources import read_base, stored_version

    if m.base_path is None:
        docs = stored_version(store, m.base_version)
        inputs[f"store: SEC {m.base_version}"] = "\n".join(render_text(d) for d in docs).encode("utf-8")
        return docs
    loaded = read_base(m.base_path)  # a system file named by mistake: one line (``fileio.sec_text``)
    said += loaded.messages
    stated = next((d.version for d in loaded.value if d.version), "")
    if stated and stated != m.base_version:
        raise InputError(f"{m.base_path}: is SEC {stated}, but the manifest's base is {m.base_version}")
    files = [m.base_path] if m.base_path.is_file() else folder_files(m.base_path)  # the files read
    for f in files:
        inputs[os.path.relpath(f, m.source.parent)] = f.read_bytes()
    return loaded.value


def _recording(
    built: Release, base: list[Document], store: str | Path, replace: bool, implemented: Sequence[Implemented]
) -> Callable[[Store], str]:
    """What the version store records of the release, inside the transaction the folder is written with:
    its version (and its base, if the store lacks it) with the modification that changed each provision
    (deleted ones too), what it implemented of each modification (the whole, or which part on which
    documents: what a later part is checked against), and what its change ledger said it changed (each
    event, with its modification) and the kind of each modification (for ``history`` and ``serve``)."""
    from ..store import changed_provisions, release_events

    def work(st: Store) -> str:
        m = built.manifest
        if not st.has(m.base_version):
            st.add_version(m.base_version, base)
        changed = changed_provisions(e for r in built.redlines for e in r.body)
        st.add_version(
            m.version, list(built.consolidated), m.date.isoformat(), m.base_version, m.release, changed,
            replace=replace, base_docs=base,
        )  # fmt: skip
        st.record_implemented(m.version, implemented)
        st.record_changes(m.version, release_events(built.events), {cs.credit: cs.kind for cs in built.changesets})
        return f"recorded SEC {m.version} in {store}"

    return work
