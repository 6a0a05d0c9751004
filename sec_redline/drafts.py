"""A modification's other legal texts beside its Annex A: an earlier draft of the same legal text, and
the Alternative solutions the Change Board decides on with the Proposed one.

``redline BASE LATER.yaml --since EARLIER.yaml`` compares the two drafts' amended texts
(``annex-a-changes-since-0.1.docx``: accepting every change gives the later draft's text, rejecting every
change the earlier's); ``--alternative MP915A.yaml`` writes the Alternative's own Annex A
(``annex-a-MP915A.docx``) and compares the two solutions' amended texts (``solutions-MP915-MP915A.docx``:
accept-all gives the Alternative's, reject-all the Proposed's).  Each comparison is the one ``diff``
makes, with its clause events.

``family_files`` writes them all, for ``redline`` (the change sets given on the command line) and for
``lifecycle`` (the drafts and solutions a modification record lists, its version table from the record).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from legal_text import Message, diff_documents, error, warning

from .dates import long_date
from .errors import ChangeSetError
from .house_style import DEFAULT_CLASSIFICATION, Marks

if TYPE_CHECKING:
    from legal_text import Document

    from .annex import Comparison, Context, DefinitionsAs
    from .apply import Applied
    from .changes import ChangeSet
    from .outputs import Data

# A row of an Annex A's version table: (version, date in words, what changed).
VersionRow = tuple[str, str, str]


def version_key(version: str) -> tuple[int, ...] | None:
    """ "0.2" -> (0, 2); None for a version that is not dotted numbers."""
    return tuple(int(p) for p in version.split(".")) if re.fullmatch(r"\d+(\.\d+)*", version) else None


def check_family(later: ChangeSet, earlier: ChangeSet | None, alternatives: Sequence[ChangeSet]) -> list[Message]:
    """Raise ChangeSetError when the drafts and solutions given together do not fit together (each problem
    at its file and line); the warnings worth saying otherwise."""
    problems: list[Message] = []
    said: list[Message] = []
    for cs in (later, *([earlier] if earlier is not None else [])):
        if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.-]{0,19}", cs.legal_text_version):
            problems.append(
                error(
                    f"'legal_text_version' names a draft in a file name, so it is letters, digits, dots and "
                    f'hyphens (e.g. "0.2"), not {cs.legal_text_version!r}',
                    cs.where("legal_text_version"),
                )
            )
    if earlier is not None and not problems:
        here = earlier.where("legal_text_version")
        if earlier.modification != later.modification:
            problems.append(
                error(
                    f"--since takes an earlier draft of {later.modification}'s legal text, but this is "
                    f"{earlier.modification}'s: give the draft of the same modification",
                    earlier.where("modification"),
                )
            )
        elif earlier.legal_text_version == later.legal_text_version:
            problems.append(
                error(
                    f"draft version {earlier.legal_text_version} is listed twice (here and in {later.source}): "
                    "give each draft its own 'legal_text_version:'",
                    here,
                )
            )
        else:
            old, new = version_key(earlier.legal_text_version), version_key(later.legal_text_version)
            if old is not None and new is not None and old > new:
                problems.append(
                    error(
                        f"--since takes the earlier draft, but version {earlier.legal_text_version} comes after "
                        f"{later.legal_text_version} ({later.source}): swap the two change sets",
                        here,
                    )
                )
            elif earlier.date > later.date:
                said.append(
                    warning(
                        f"draft {earlier.legal_text_version} is dated {earlier.date}, after draft "
                        f"{later.legal_text_version} ({later.date}): check the dates",
                        earlier.where("date"),
                    )
                )
    seen: dict[str, ChangeSet] = {later.modification: later}
    for alt in alternatives:
        where = alt.where("modification")
        if alt.modification in seen:
            first = seen[alt.modification]
            problems.append(
                error(
                    f"{alt.modification} is already {'the Proposed solution' if first is later else 'an Alternative'} "
                    f"({first.source}): an Alternative has its own id, e.g. {later.modification}A",
                    where,
                )
            )
            continue
        seen[alt.modification] = alt
        if not alt.modification.startswith(later.modification):
            said.append(
                warning(
                    f"the Alternative {alt.modification} does not take the Proposed solution's id "
                    f"{later.modification} (Alternatives are numbered {later.modification}A, "
                    f"{later.modification}B, ...)",
                    where,
                )
            )
    if problems:
        raise ChangeSetError(problems)
    return said


@dataclass(frozen=True)
class Solution:
    """One legal text applied to the base: its change set and what applying it gave."""

    changeset: ChangeSet
    applied: Applied

    @property
    def changed(self) -> set[object]:
        """The documents it changed."""
        return {r.new.identity for r in self.applied.redlines}


def compare_texts(old: Solution, new: Solution, names: tuple[str, str], context: Context) -> Comparison:
    """The comparison of two legal texts' amended documents (those either changed), as ``diff`` makes it."""
    from .annex import build_comparison
    from .sources import pair_documents

    pairs = pair_documents(old.applied.documents, new.applied.documents)
    changed = old.changed | new.changed
    if len(pairs) > 1:
        pairs = [(o, n) for o, n in pairs if o.identity in changed or n.identity in changed]
    return build_comparison([diff_documents(o, n) for o, n in pairs], context, names)


def draft_names(earlier: ChangeSet, later: ChangeSet) -> tuple[str, str]:
    """What a comparison of two drafts calls them: "MP915 legal text 0.1" and "MP915 legal text 0.2"."""
    return (
        f"{earlier.modification} legal text {earlier.legal_text_version}",
        f"{later.modification} legal text {later.legal_text_version}",
    )


def solution_names(proposed: ChangeSet, alternative: ChangeSet) -> tuple[str, str]:
    """What a comparison of two solutions calls them."""
    return f"{proposed.modification} (Proposed solution)", f"{alternative.modification} (Alternative solution)"


def changes_since_name(earlier: ChangeSet, alternative: bool = False) -> str:
    """The file stem of the comparison with an earlier draft: ``annex-a-changes-since-0.1``; of an
    Alternative's, ``annex-a-MP915A-changes-since-0.1`` (beside its ``annex-a-MP915A``)."""
    of = f"-{earlier.modification}" if alternative else ""
    return f"annex-a{of}-changes-since-{earlier.legal_text_version}"


def solutions_name(proposed: ChangeSet, alternative: ChangeSet) -> str:
    """The file stem of the comparison of two solutions: ``solutions-MP915-MP915A``."""
    return f"solutions-{proposed.modification}-{alternative.modification}"


def version_rows(drafts: Sequence[ChangeSet]) -> tuple[VersionRow, ...]:
    """The version table of drafts given as change sets, oldest first: each its version, its date in words,
    and its ``summary:`` or else its title."""
    return tuple((d.legal_text_version, long_date(d.date), d.summary or d.title) for d in drafts)


@dataclass(frozen=True)
class AnnexStyle:
    """How each Annex A of a family is written: as ``redline``'s options say (``checks``: the drafting checks
    beside each, ``draft-checks.md``)."""

    context: Context = "part"
    definitions: DefinitionsAs = "quoted"
    marks: Marks = "tracked"
    pdf: bool = True
    classification: str = DEFAULT_CLASSIFICATION
    template_dir: str | Path | None = None
    notes: bool = True
    checks: bool = True


@dataclass(frozen=True)
class Family:
    """What ``family_files`` makes: the files by path, the drafting checks to report, the comparisons' events
    (as ``diff`` prints them) for stdout."""

    files: dict[Path, Data] = field(default_factory=dict)
    report: str = ""
    stdout: str = ""


def family_files(
    docs: list[Document],
    proposed: Solution,
    out: Path,
    style: AnnexStyle,
    *,
    earlier: Solution | None = None,
    alternatives: Sequence[Solution] = (),
    versions: Mapping[str, Sequence[VersionRow]] | None = None,
    alternatives_earlier: Mapping[str, Solution] | None = None,
) -> Family:
    """A legal text's family of files in ``out``: the Proposed solution's Annex A (``annex-a``), with an
    ``earlier`` draft its comparison with it (``annex-a-changes-since-VERSION``), and each Alternative's Annex
    A (``annex-a-ID``) and its comparison with the Proposed solution (``solutions-PROPOSED-ID``), and with
    an Alternative's own earlier draft (``alternatives_earlier``, by its id) their comparison
    (``annex-a-ID-changes-since-VERSION``).  Check them first with ``check_family``.

    ``versions``: each solution's version table by its id (a modification record lists every draft, those
    without a change set too); without it, the Proposed solution's table is its ``earlier`` draft and itself,
    and an Alternative has none."""
    # With several solutions, each one's findings are said under its name.
    named = f"{proposed.changeset.modification} (Proposed solution)" if alternatives else ""
    files, report = _annex_files(
        docs, proposed, out, "annex-a", "draft-checks", style,
        _rows(proposed, versions, [earlier.changeset, proposed.changeset] if earlier else []), named,
    )  # fmt: skip
    stdout = ""
    if earlier is not None:
        extra, lines = _compared(earlier, proposed, "since", style, changes_since_name(earlier.changeset))
        files.update({out / name: data for name, data in extra.items()})
        stdout += lines
    for alt in alternatives:
        mod = alt.changeset.modification
        alt_files, alt_report = _annex_files(
            docs, alt, out, f"annex-a-{mod}", f"draft-checks-{mod}", style, _rows(alt, versions, []),
            f"{mod} (Alternative solution)",
        )  # fmt: skip
        files.update(alt_files)
        report += alt_report
        before = (alternatives_earlier or {}).get(mod)
        if before is not None:
            extra, lines = _compared(before, alt, "since", style, changes_since_name(before.changeset, True))
            files.update({out / name: data for name, data in extra.items()})
            stdout += lines
        extra, lines = _compared(proposed, alt, "solutions", style, solutions_name(proposed.changeset, alt.changeset))
        files.update({out / name: data for name, data in extra.items()})
        stdout += lines
    return Family(files, report, stdout)


def _rows(
    solution: Solution, versions: Mapping[str, Sequence[VersionRow]] | None, drafts: Sequence[ChangeSet]
) -> tuple[VersionRow, ...]:
    """A solution's version table: as ``versions`` gives it, else from its drafts' change sets."""
    if versions is not None:
        return tuple(versions.get(solution.changeset.modification, ()))
    return version_rows(drafts)


def _annex_files(
    docs: list[Document],
    solution: Solution,
    out: Path,
    stem: str,
    checks_stem: str,
    style: AnnexStyle,
    versions: Sequence[VersionRow],
    named: str = "",
) -> tuple[dict[Path, Data], str]:
    """One solution's Annex A (Word, HTML, PDF) and its drafting checks, by file; what to tell the user (its
    findings under "Drafting checks of NAMED:" when ``named``)."""
    from .annex import build_annex
    from .drafting import check_drafting, findings_markdown, findings_text
    from .render import docx_to_pdf, render_annex_docx, render_annex_html, soffice

    cs, applied = solution.changeset, solution.applied
    # The redlines read off the change ledger (every mark the operation that made it), and the checks on
    # what was applied here, not applied and compared again.
    redlines = list(applied.redlines)
    checked = check_drafting(docs, [cs], applied=(applied.documents, redlines))
    report = findings_text(checked) if checked.findings else ""
    if report and named:
        report = f"Drafting checks of {named}:\n{report}"
    annex = build_annex(
        redlines,
        cs,
        style.context,
        style.classification,
        base_checked=all(r.old.version for r in redlines),
        definitions=style.definitions,
        notes=style.notes,
        versions=versions,
    )
    word = render_annex_docx(annex, style.marks, style.template_dir)
    files: dict[Path, Data] = {
        out / f"{stem}.docx": word,
        out / f"{stem}.html": render_annex_html(annex, style.template_dir),
    }
    if style.checks:
        files[out / f"{checks_stem}.md"] = findings_markdown(checked, f"{cs.modification} '{cs.title}'")
    if style.pdf and soffice() is None:
        report += (
            f"note: LibreOffice is not installed, so {stem}.pdf was not written "
            "(install libreoffice-writer, or pass --no-pdf)\n"
        )
    elif style.pdf:
        # The PDF is the copy one publishes: drawn as SECAS prints an Annex A (inserted words blue with a
        # double underline, deleted words red and struck through), whatever marks the Word file carries.
        printed = word if style.marks == "visual" else render_annex_docx(annex, "visual", style.template_dir)
        files[out / f"{stem}.pdf"] = docx_to_pdf(printed, stem, cs.date_time)
    return files, report


def _compared(
    old: Solution, new: Solution, kind: Literal["since", "solutions"], style: AnnexStyle, stem: str
) -> tuple[dict[str, Data], str]:
    """Two legal texts' amended documents compared, in Word (tracked changes by the later text's author and
    date) and HTML, as ``stem``.docx and .html; and the events as ``diff`` prints them, under a heading."""
    from .compare import comparison_lines
    from .render import render_comparison_docx, render_comparison_html

    a, b = old.changeset, new.changeset
    names = draft_names(a, b) if kind == "since" else solution_names(a, b)
    comparison = compare_texts(old, new, names, style.context)
    files: dict[str, Data] = {
        f"{stem}.docx": render_comparison_docx(
            comparison, b.author, b.timestamp, style.template_dir, style.classification
        ),
        f"{stem}.html": render_comparison_html(comparison, style.template_dir),
    }
    return files, f"{names[0]} compared with {names[1]}:\n{comparison_lines(comparison)}"
