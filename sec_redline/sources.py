"""What the commands read, read once: a base (a document, the whole code, a folder of documents, a
version of the store), two versions to compare side by side, the version store itself.

Each returns its value with the reader's messages (``Result``); with ``strict``, a reader's warning is an
exit (``StrictError``, carrying the warnings so they are printed first).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Literal

from legal_text import Document, Message, Result, Side, dump_json, dump_json_sections, read_text, render_text, warning
from legal_text.clause_ref import ClauseRef, ClauseRefError
from legal_text.ooxml import MarkStyle
from legal_text.profiles import Identity
from legal_text.text_reader import TextReadError

from .errors import InputError, StrictError
from .fileio import (
    MAX_TEXT_BYTES,
    check_not_input,
    choose_sections,
    is_stdio,
    read_input_text,
    read_sections,
    read_two,
    sec_text,
)
from .outputs import Outputs, told
from .store import DEFAULT_STORE, Store


def read_base(
    path: str | Path,
    strict: bool = False,
    side: Side = "new",
    marks: MarkStyle = "tracked",
    section: str | None = None,
    only: Collection[Identity] | None = None,
    provisions: bool = True,
) -> Result[list[Document]]:
    """Every document of the file or folder at ``path`` (one, the whole code, or a folder of documents; of
    a folder, with ``only``, those documents), or only ``section``; with ``strict``, any warning of the
    reader is a StrictError.  With ``provisions`` (every command but ``parse``, which reports what it
    read), a base holding no numbered provision is one InputError line (``fileio.sec_text``), not a
    warning for each line of a file that is not SEC text."""
    result = choose_sections(read_sections(path, side=side, marks=marks, only=only), str(path), section)
    if provisions:
        result = sec_text(result, path)
    return strictly(result, str(path), strict)


def strictly(result: Result[list[Document]], path: str, strict: bool) -> Result[list[Document]]:
    """``result``; with ``strict``, a StrictError (carrying the messages) when the reader warned."""
    if strict and result.warnings:
        exc = StrictError(f"{path}: {len(result.warnings)} warning(s) and --strict was given")
        exc.said = result.messages
        raise exc
    return result


def read_two_versions(
    old: str, new: str, section: str | None = None
) -> tuple[list[tuple[Document, Document]], tuple[Message, ...]]:
    """The documents of two versions side by side (``pair_documents``), read at the same time when they
    are large, and the readers' messages (the old one's first); InputError when either holds no
    numbered provision (a comparison would call everything inserted or deleted)."""
    old_result, new_result = read_two(old, new, section)
    for path, result in ((old, old_result), (new, new_result)):
        if not any(True for d in result.value for _ in d.clauses()):
            exc = InputError(f"{path}: no numbered provision was recognised, so there is nothing to compare")
            exc.said = old_result.messages + new_result.messages
            raise exc
    return pair_documents(old_result.value, new_result.value), old_result.messages + new_result.messages


def pair_documents(old: list[Document], new: list[Document]) -> list[tuple[Document, Document]]:
    """The documents of two versions side by side: one document each is compared whatever its name; of the
    whole code or a folder, each document with the same document of the other (one that only one side
    has, against an empty one)."""
    if len(old) == 1 and len(new) == 1:
        return [(old[0], new[0])]
    olds, news = {d.identity: d for d in old}, {d.identity: d for d in new}
    either = {**news, **olds}
    pairs = []
    for key in sorted(either, key=lambda k: either[k].order):
        model = either[key]
        o = olds.get(key) or replace(model, version=old[0].version, body=(), source=old[0].source, where=None)
        n = news.get(key) or replace(model, version=new[0].version, body=(), source=new[0].source, where=None)
        pairs.append((o, n))
    return pairs


def open_store(path: str | Path | None, create: bool = False) -> Store:
    """The version store at ``path`` (default: sec-versions.sqlite here); ``create`` makes it if missing."""
    return Store(path or DEFAULT_STORE, create=create)


def stored_version(store: str | Path | None, version: str, section: str | None = None) -> list[Document]:
    """The documents of ``version`` held in the store (or only ``section``)."""
    with open_store(store) as st:
        docs = st.documents(version)
    return choose_sections(Result(docs, ()), f"SEC {version}", section).value


STORE_KEEPS_TEXT = "the store keeps each version as text; keep the Word files beside it"


def notes_left_out(docs: list[Document], output: str, keep: str = "write .docx or .json to keep them") -> list[Message]:
    """A warning when the footnotes of a Word base cannot go where text alone is written (a .txt file, the
    version store): their markers stay in the words, their text is not there."""
    noted = [c for d in docs for c in d.clauses() if c.notes]
    if not noted:
        return []
    count = sum(len(c.notes) for c in noted)
    return [
        warning(
            f"the base's {count} footnote(s) (in {noted[0].ref}{' and others' if len(noted) > 1 else ''}) cannot "
            f"be kept here, as text has no footnotes (their markers stay in the words); {keep}",
            output,
        )
    ]


def read_quoted(file: str | Path, at: str, strict: bool = False) -> Result[list[Document]]:
    """A text file read as the words of provision ``at`` (``legal_text.text_reader.as_provision``)."""
    if Path(file).suffix.lower() == ".docx":
        raise InputError(f"{file}: --at reads a text file (a passage copied from a glossary page), not a Word file")
    text = read_input_text(file, MAX_TEXT_BYTES, "a text file of SEC clauses")
    try:
        ClauseRef.parse(at)
        result = read_text(text, str(file), at=at)
    except (ClauseRefError, TextReadError) as exc:
        raise InputError(f"--at {at}: {exc}") from None
    return strictly(Result([result.value], result.messages), str(file), strict)


def make_tree(
    file: str | Path,
    fmt: Literal["text", "json", "refs"] = "text",
    output: str | Path | None = None,
    *,
    definitions: str | Path | None = None,
    side: Side = "new",
    marks: MarkStyle = "tracked",
    section: str | None = None,
    strict: bool = False,
    at: str | None = None,
) -> Outputs:
    """``sec-redline parse``: what the reader makes of ``file`` (one document or the whole code; of a Word
    redline, one side of its changes): canonical clause text, the clause tree as JSON (its terms checked
    against the definitions in ``definitions``), or one reference a line; on stdout (``output`` None or
    ``-``), or at ``output``.  ``at``: a text file is the words of that provision ("G7.19(a)"), quoted
    without its number."""
    output = None if is_stdio(output) else output
    if output:
        check_not_input(output, [file, *([definitions] if definitions else [])])
    said: list[Message] = []
    with told(said):
        loaded = (
            read_quoted(file, at, strict) if at else read_base(file, strict, side, marks, section, provisions=False)
        )
        said += loaded.messages
        docs = loaded.value
        terms = None
        if definitions:
            defs = read_base(definitions, strict, section="A" if section else None)
            said += defs.messages
            terms = [t for d in defs.value for t in d.definitions()]
            if not terms:
                raise InputError(
                    f"{definitions}: no definitions found (expected Section A's lines such as '\"Term\" means ...' "
                    f"or 'Term means ...')"
                )
    if fmt == "json":
        text = dump_json(docs[0], terms) if len(docs) == 1 else dump_json_sections(docs, terms)
    elif fmt == "refs":
        text = "".join(f"{r}\n" for d in docs for r in d.refs())
    else:
        text = "\n".join(render_text(d) for d in docs)
    inputs = (Path(file), *([Path(definitions)] if definitions else []))
    if output:
        return Outputs({Path(output): text}, tuple(said), inputs=inputs)
    return Outputs(messages=tuple(said), stdout=text)
