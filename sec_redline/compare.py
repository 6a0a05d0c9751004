"""A reviewer's comparison of two versions, as ``sec-redline diff`` makes it: the events printed one a
line, and the comparison written as a page (.html), tracked changes (.docx), events (.json) or the change
set that turns the old version into the new (.yaml)."""

from __future__ import annotations

from pathlib import Path

from legal_text import Document, Message, Result, diff_documents, warning

from .annex import Comparison, Context, build_comparison
from .dates import revision_timestamp
from .derived import PLACEHOLDER_DATE, PLACEHOLDER_MODIFICATION, ChangeSetHeader
from .errors import EXIT_DIFFERS, EXIT_OK, OutputError
from .fileio import check_not_input
from .house_style import DEFAULT_CLASSIFICATION
from .outputs import Data, Outputs
from .sources import pair_documents, read_two_versions, stored_version

COMPARISON_FORMATS = (".html", ".docx", ".json", ".yaml", ".yml")


def comparison_lines(comparison: Comparison) -> str:
    """The events as ``diff`` prints them, each consequential cross-reference update under its cause, and
    the count."""
    lines = []
    for event in comparison.events:
        lines.append(event.line())
        lines += [f"          {xref.line()}" for xref in event.cross_references]
    lines.append(comparison.summary())
    return "\n".join(lines) + "\n"


def make_comparison(
    old: str | None,
    new: str | None,
    outputs: tuple[str | Path, ...] = (),
    *,
    context: Context = "clause",
    header: ChangeSetHeader | None = None,
    classification: str = DEFAULT_CLASSIFICATION,
    template_dir: str | Path | None = None,
    exit_code: bool = False,
    versions: tuple[str, str] | None = None,
    store: str | Path | None = None,
    section: str | None = None,
) -> Outputs:
    """``sec-redline diff``: the comparison of ``old`` and ``new`` (files or folders; or, with ``versions``,
    two versions the store holds), document by document and clause by clause, printed, and written to each
    of ``outputs`` in the format its extension names.  ``header`` is what a .yaml change set says of
    itself (placeholders when None).  With ``exit_code``, exit 1 when the versions differ."""
    if (versions is None) == (old is None or new is None):
        raise ValueError("compare two files or folders, or two stored versions")
    said: list[Message] = []
    if versions is not None:
        old, new = f"SEC {versions[0]}", f"SEC {versions[1]}"
    assert old is not None and new is not None
    inputs = [Path(p) for p in (old, new) if Path(p).exists()]
    for out in outputs:
        if Path(out).suffix.lower() not in COMPARISON_FORMATS:
            raise OutputError(
                f"{out}: unknown output format '{Path(out).suffix or '(none)'}'; use .html, .docx, .json or .yaml"
            )
        check_not_input(out, inputs)
    if versions is not None:
        pairs = pair_documents(*(stored_version(store, v, section) for v in versions))
    else:
        pairs, read = read_two_versions(old, new, section)
        said += read
    comparison = build_comparison([diff_documents(o, n) for o, n in pairs], context)
    # Where two pairings of provisions were as good, which was kept: a reviewer checks it (never a silent guess).
    said += [warning(doubt, new) for r in comparison.redlines for doubt in r.doubts]
    header = header or ChangeSetHeader(PLACEHOLDER_MODIFICATION, "", "SECAS", PLACEHOLDER_DATE)
    files: dict[Path, Data] = {}
    for out in outputs:
        data = _written(Path(out).suffix.lower(), comparison, pairs, header, classification, template_dir, (old, new))
        files[Path(out)] = data.value
        said += data.messages
    code = EXIT_DIFFERS if exit_code and comparison.events else EXIT_OK
    return Outputs(files, tuple(said), comparison_lines(comparison), exit_code=code, inputs=tuple(inputs))


def _written(
    suffix: str,
    comparison: Comparison,
    pairs: list[tuple[Document, Document]],
    header: ChangeSetHeader,
    classification: str,
    template_dir: str | Path | None,
    names: tuple[str, str],
) -> Result[Data]:
    """The comparison in the format ``suffix`` names."""
    from .render import render_comparison_docx, render_comparison_html, render_comparison_json

    if suffix == ".html":
        return Result(render_comparison_html(comparison, template_dir))
    if suffix == ".docx":
        stamp = revision_timestamp(header.date)
        return Result(render_comparison_docx(comparison, header.author, stamp, template_dir, classification))
    if suffix == ".json":
        return Result(render_comparison_json(comparison))
    titled = header if header.title else ChangeSetHeader(
        header.modification, comparison.heading, header.author, header.date, header.base
    )  # fmt: skip
    from .derive import derive_checked

    derived = derive_checked([o for o, _ in pairs], [n for _, n in pairs], titled, comparison.redlines, *names)
    text = derived.value
    placeholders = header.placeholders
    if placeholders:
        text = f"# Derived by 'sec-redline diff'; {' and '.join(placeholders)} are placeholders: set them.\n" + text
    return Result(text, derived.messages)
