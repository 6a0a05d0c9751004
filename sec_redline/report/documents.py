"""The report documents as ``sec-redline report`` writes them: each as Word, HTML and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from legal_text import Document, Location, Message, error

from ..errors import MetadataError, StrictError
from ..house_style import DEFAULT_CLASSIFICATION, DOCUMENTS
from ..outputs import Data, Outputs

# How each document is titled (its Word file's title and running header), after the modification's id.
TITLES = {
    "modification-report": "Modification Report",
    "problem-statement": "problem statement",
    "panel-paper": "Panel paper",
}


def make_report(
    metadata: str | Path,
    outdir: str | Path,
    *,
    changes: str | Path | None = None,
    base: str | Path | None = None,
    documents: Sequence[str] = tuple(DOCUMENTS),
    template_dir: str | Path | None = None,
    strict: bool = False,
) -> Outputs:
    """``sec-redline report``: the ``documents`` of the modification ``metadata`` describes, each as .docx,
    .html and .md in ``outdir``, with what their consistency checks find; with ``changes``, the documents
    impacted are computed from the change set and checked, and with ``base`` too, the problem statement
    quotes clauses as amended.  With ``strict``, any warning is an exit."""
    from ..apply import apply_changesets
    from ..changes import load_changeset
    from ..render import html_to_docx
    from ..render.templating import template_file
    from ..sources import read_base
    from . import check_report, load_report_metadata, render_document, report_context
    from .checks import unquoted_clauses

    unknown = [d for d in documents if d not in DOCUMENTS]
    if unknown or not documents:
        raise ValueError(f"unknown document(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(DOCUMENTS)}")
    meta = load_report_metadata(metadata)
    changeset = load_changeset(changes) if changes else None
    amended: list[Document] = []
    read: list[Message] = []  # what reading the base and applying the change set to it said
    if base:
        docs = read_base(base, strict=strict)
        read += docs.messages
        amended = docs.value
        if changeset:
            applied = apply_changesets(docs.value, [changeset])
            read += [m for m in applied.messages if m not in read]
            amended = applied.value
    warnings = check_report(meta, changeset, amended)
    if "problem-statement" in documents:
        warnings += unquoted_clauses(meta, amended)
    doubts = [m for m in read if m.level == "warning"]
    if strict and (warnings or doubts):
        exc = StrictError(
            f"{metadata}: {len(warnings) + len(doubts)} warning(s) (consistency, the base's, the change set's) "
            "and --strict was given"
        )
        exc.said = (*read, *warnings)
        raise exc
    context = report_context(meta, changeset, amended, warnings)
    out = Path(outdir)
    files: dict[Path, Data] = {}
    mod = meta.data["modification"]
    for name in documents:
        if name != "modification-report" and not meta.data.get(name.replace("-", "_")):
            raise MetadataError(
                error(
                    f"no '{name.replace('-', '_')}:' section, so no {name}; add it or leave {name} out of --documents",
                    Location(str(metadata), 1),
                )
            )
        title = f"{mod} {TITLES[name]}"
        html = render_document(name, "html", meta, context, template_dir)
        files[out / f"{name}.docx"] = html_to_docx(
            html, title, "SECAS", meta.data["date"], title,
            str(meta.data.get("classification") or DEFAULT_CLASSIFICATION), template_dir,
            source=template_file(f"{DOCUMENTS[name]}.html.j2", template_dir),
        )  # fmt: skip
        files[out / f"{name}.html"] = html
        files[out / f"{name}.md"] = render_document(name, "md", meta, context, template_dir)
    inputs = tuple(Path(p) for p in (metadata, changes, base) if p)
    said: tuple[Message, ...] = (*read, *warnings)
    return Outputs(files, said, inputs=inputs)
