"""The amended text of a base, as ``sec-redline apply`` writes it: one file (.txt, .json or .docx), or,
for a folder base, every document of the folder under its own file's name, amended where the change sets
touch it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from legal_text import Document, Message, dump_json, dump_json_sections, render_text

from ..changes import ChangeSet, load_changesets
from ..errors import OutputError, UserError
from ..fileio import check_not_input, is_stdio
from ..outputs import Data, Outputs, told
from . import apply_changesets, require_checked_base

AMENDED_FORMATS = (".txt", ".json", ".docx")


def render_texts(docs: Sequence[Document]) -> str:
    """The canonical text of one document, or of several one after another."""
    return "\n".join(render_text(d) for d in docs)


def make_amended(
    base: str | Path,
    changesets: Sequence[str | Path],
    output: str | Path,
    *,
    section: str | None = None,
    strict: bool = False,
    pending: Sequence[str | Path] = (),
    store: str | Path | None = None,
    version: str | None = None,
) -> Outputs:
    """``sec-redline apply``: ``changesets`` applied in order to the base at ``base`` (one document, the
    whole code, or a folder of documents), written to ``output``: its extension picks the format (``-``:
    canonical text on standard output); for a folder base, a folder.  The amended text names ``version``
    in its ``SEC Version`` line; without it, it keeps the base's line, and a note says so."""
    from ..release import pending_messages
    from ..sources import read_base

    folder = Path(base).is_dir()
    suffix = _amended_format(base, output, folder, section)
    if not is_stdio(output):
        check_not_input(output, [base, *changesets])
    said: list[Message] = []
    with told(said):
        loaded = read_base(base, strict, section=section)
        said += loaded.messages
        sets = load_changesets(list(changesets))
        warned, noted = pending_messages(sets, pending, strict, store)
        said += warned
        result = apply_changesets(loaded.value, sets)
        said += result.messages
        require_checked_base(result.messages, base, strict)
    docs = [d.with_version(version) for d in result.value] if version else list(result.value)
    noted += _version_note(docs, output, version)
    read = {Path(d.source) for d in loaded.value if d.source}  # a folder base's files: never written over
    inputs = (Path(base), *map(Path, changesets), *sorted(read))
    if folder:
        return Outputs(_folder(docs, Path(output), sets[-1]), tuple(said), report=noted, inputs=inputs)
    data: Data
    if suffix == ".json":
        data = dump_json(docs[0]) if len(docs) == 1 else dump_json_sections(docs)
    elif suffix == ".docx":
        data = _docx(docs, sets[-1])
    else:
        from ..sources import notes_left_out

        data = render_texts(docs)
        said += notes_left_out(docs, str(output))
    if is_stdio(output):  # standard output: the amended text is the result
        return Outputs(messages=tuple(said), stdout=str(data), report=noted, inputs=inputs)
    return Outputs({Path(output): data}, tuple(said), report=noted, inputs=inputs)


def _amended_format(base: str | Path, output: str | Path, folder: bool, section: str | None) -> str:
    """The format ``output`` is written in (its extension; ``-`` is text), once the output suits the base."""
    if folder:
        if is_stdio(output):
            raise OutputError("-: with a folder base, -o names a folder to write every document into, not '-'")
        if Path(output).exists() and not Path(output).is_dir():
            raise OutputError(
                f"{output}: is a file; with a folder base, -o names a folder to write every document into"
            )
        if section:
            raise UserError("--section does not go with a folder base: every document of the folder is written")
        return ""
    suffix = ".txt" if is_stdio(output) else Path(output).suffix.lower()
    if suffix not in AMENDED_FORMATS:
        raise OutputError(f"{output}: unknown output format '{suffix or '(none)'}'; use .txt, .json or .docx")
    return suffix


def _version_note(docs: Sequence[Document], output: str | Path, version: str | None) -> str:
    """The note that the amended text still names its base's version (no --version was given)."""
    kept = next((d.version for d in docs if d.version), "")
    if version or not kept:
        return ""
    where = "standard output" if is_stdio(output) else str(output)
    return (
        f"note: {where} keeps the base's 'SEC Version {kept}' line; give --version to name the version the "
        f"amended text is\n"
    )


def _docx(docs: list[Document], cs: ChangeSet) -> bytes:
    from ..render import render_document_docx

    return render_document_docx(docs, author=cs.author, date=cs.timestamp)


def _folder(docs: list[Document], out: Path, cs: ChangeSet) -> dict[Path, Data]:
    """Every document of a folder base written into ``out`` under its file's name (the documents a file
    held, together): .txt as canonical text, .docx as a clean Word document."""
    by_file: dict[str, list[Document]] = {}
    for d in docs:
        by_file.setdefault(d.source, []).append(d)
    outputs: dict[Path, Data] = {}
    for source, mine in by_file.items():
        target = out / Path(source).name
        outputs[target] = _docx(mine, cs) if target.suffix.lower() == ".docx" else render_texts(mine)
    return outputs
