"""A modification's other legal texts beside its Annex A: an earlier draft of the same legal text, and
the Alternative solutions the Change Board decides on with the Proposed one.

``redline BASE LATER.yaml --since EARLIER.yaml`` compares the two drafts' amended texts
(``annex-a-changes-since-0.1.docx``: accepting every change gives the later draft's text, rejecting every
change the earlier's); ``--alternative MP915A.yaml`` writes the Alternative's own Annex A
(``annex-a-MP915A.docx``) and compares the two solutions' amended texts (``solutions-MP915-MP915A.docx``:
accept-all gives the Alternative's, reject-all the Proposed's).  Each comparison is the one ``diff``
makes, with its clause events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legal_text import Message, diff_documents, error, warning

from .errors import ChangeSetError

if TYPE_CHECKING:
    from .annex import Comparison, Context
    from .apply import Applied
    from .changes import ChangeSet


def _version_key(version: str) -> tuple[int, ...] | None:
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
            old, new = _version_key(earlier.legal_text_version), _version_key(later.legal_text_version)
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


def changes_since_name(earlier: ChangeSet) -> str:
    """The file stem of the comparison with an earlier draft: ``annex-a-changes-since-0.1``."""
    return f"annex-a-changes-since-{earlier.legal_text_version}"


def solutions_name(proposed: ChangeSet, alternative: ChangeSet) -> str:
    """The file stem of the comparison of two solutions: ``solutions-MP915-MP915A``."""
    return f"solutions-{proposed.modification}-{alternative.modification}"
