"""Phased implementation: a release may implement part of a modification, by document.

An entry of a manifest's ``modifications`` may be ``{changes: MP915.yaml, part: "1 of 2", documents:
["Appendix AD"]}``: the release applies only that change set's operations on those documents, credited to
"MP915 (part 1)"; a later release implements the rest (``part: "2 of 2"``).  A later part's change set keeps
the ``base:`` it was drafted on, and is taken onto a version made from that base by earlier parts of the
same modification and by nothing else, which the version store says (it records what each version
implemented).  A part implemented twice, or, once every part is in, an operation in no part, stops the
release; its notes say which parts are still to come.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from legal_text import Document, Message, error
from legal_text.profiles import Identity, document_name, document_order, identities_named

from ..changes import ChangeSet, documents_touched, operation_documents
from ..store import Implemented
from .manifest import Manifest, ManifestError, Part


@dataclass(frozen=True)
class Phased:
    """The change sets as this release implements them (a part: its operations on its documents, credited
    to the part, its ``base:`` the version it is taken onto), what the store is to record of each, and, of
    each modification implemented in part, the parts still to come after this release."""

    changesets: tuple[ChangeSet, ...]
    implemented: tuple[Implemented, ...]
    to_come: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Of each modification implemented in part: the parts earlier releases implemented, each with its version.
    earlier: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)


def _identity(name: str) -> Identity:
    return identities_named(name)[0]


def _names(identities: set[Identity]) -> str:
    return ", ".join(document_name(*i) for i in sorted(identities, key=lambda i: document_order(*i)))


def _one_part(cs: ChangeSet, part: Part, docs: Sequence[Document], problems: list[Message]) -> ChangeSet:
    """``cs`` with only its operations on ``part``'s documents, credited to the part."""
    wanted = {_identity(d) for d in part.documents}
    touched = set(documents_touched(cs, docs))
    for name in part.documents:
        if _identity(name) not in touched:
            problems.append(
                error(
                    f"'documents': {cs.modification} changes nothing in {document_name(*_identity(name))} "
                    f"(it changes {_names(touched)}); name only documents its change set changes",
                    part.documents_where,
                )
            )
    ops = []
    for op in cs.changes:
        its = operation_documents(op, docs)
        if its <= wanted:
            ops.append(op)
        elif its & wanted:
            problems.append(
                error(
                    f"part {part.number} of {cs.modification} takes whole operations, but the one at {op.where} "
                    f"changes {_names(its)}: name all of them in one part",
                    part.documents_where,
                )
            )
    return replace(cs, changes=tuple(ops), part=(part.number, part.of))


def _whole(cs: ChangeSet, docs: Sequence[Document]) -> Implemented:
    return Implemented(cs.modification, 0, 0, tuple(document_name(*i) for i in documents_touched(cs, docs)))


def plan_phases(
    m: Manifest, changesets: Sequence[ChangeSet], docs: Sequence[Document], store: str | Path | None
) -> Phased:
    """The change sets as this release implements them; ManifestError (exit 4, each problem at its line)
    for a part that does not fit: a document its change set does not change, an operation across two
    parts, a part implemented already, a later part on a version not made by earlier parts alone, or,
    with every part in, an operation in no part."""
    problems: list[Message] = []
    out: list[ChangeSet] = []
    implemented: list[Implemented] = []
    for i, cs in enumerate(changesets):
        part = m.part(i)
        if part is None:
            out.append(cs)
            implemented.append(_whole(cs, docs))
            continue
        out.append(_one_part(cs, part, docs, problems))
        implemented.append(Implemented(cs.modification, part.number, part.of, part.documents))
    if problems:
        raise ManifestError(problems)
    earlier = _earlier(m, store) if any(m.part(i) for i in range(len(changesets))) else {}
    to_come: dict[str, tuple[int, ...]] = {}
    done_before: dict[str, tuple[tuple[int, str], ...]] = {}
    for i, cs in enumerate(out):
        part = m.part(i)
        if part is None:
            continue
        before = [e for e in earlier.get(cs.modification, []) if e[1].part]
        done_before[cs.modification] = tuple(sorted((e.part, version) for version, e in before))
        out[i] = _onto(m, cs, part, before, store, problems)
        mine = [p for j, p in enumerate(m.parts) if p is not None and changesets[j].modification == cs.modification]
        done = {e.part for _, e in before} | {p.number for p in mine}
        for version, e in before:
            if e.part == part.number:
                problems.append(
                    error(
                        f"part {part.number} of {cs.modification} was implemented already, in SEC {version}: "
                        "a part is implemented once",
                        part.where,
                    )
                )
        to_come[cs.modification] = tuple(n for n in range(1, part.of + 1) if n not in done)
        if not to_come[cs.modification] and part is mine[-1]:
            problems += _never(changesets[i], [e for _, e in before], mine, docs, part)
    if problems:
        raise ManifestError(problems)
    return Phased(tuple(out), tuple(implemented), to_come, done_before)


def _earlier(m: Manifest, store: str | Path | None) -> dict[str, list[tuple[str, Implemented]]]:
    """What the versions this release builds on implemented, newest first, by modification: the store's
    record along the chain of bases from the manifest's base (nothing without a store)."""
    from ..sources import open_store

    if store is None or not Path(store).exists():
        return {}
    found: dict[str, list[tuple[str, Implemented]]] = {}
    with open_store(store) as st:
        bases = {name: base for name, _, base, _ in st.versions()}
        step, seen = m.base_version, set()
        while step in bases and step not in seen:
            seen.add(step)
            for e in st.implemented(step):
                found.setdefault(e.modification, []).append((step, e))
            step = bases[step]
    return found


def _onto(
    m: Manifest,
    cs: ChangeSet,
    part: Part,
    before: list[tuple[str, Implemented]],
    store: str | Path | None,
    problems: list[Message],
) -> ChangeSet:
    """A part whose ``base:`` is not the release's base, taken onto it when the store says every version
    between the two was made by earlier parts of the same modification alone."""
    if cs.base == m.base_version or not cs.base:
        return cs
    chain = _chain(m.base_version, cs.base, store)
    if chain is None:
        problems.append(
            error(
                f"part {part.number} of {cs.modification} is drafted against SEC {cs.base}, but this release's base "
                f"is SEC {m.base_version}; a later part is taken onto a version made from its base by earlier parts "
                "alone, which the version store must show (give --store with the store the earlier releases "
                "recorded)",
                part.where,
            )
        )
        return cs
    from ..sources import open_store

    with open_store(store) as st:
        others = [(v, e) for v in chain for e in st.implemented(v) if e.modification != cs.modification or not e.part]
        empty = [v for v in chain if not st.implemented(v)]
    for v, e in others:
        what = e.modification + (f" part {e.part}" if e.part else "")
        problems.append(
            error(
                f"part {part.number} of {cs.modification} is drafted against SEC {cs.base}, but SEC {v}, between it "
                f"and this release's base, also implemented {what}: draft the part against SEC {m.base_version}",
                part.where,
            )
        )
    for v in empty:
        problems.append(
            error(
                f"part {part.number} of {cs.modification} is drafted against SEC {cs.base}, but the store does not "
                f"say what made SEC {v} (between it and this release's base): give the part 'base: "
                f'"{m.base_version}"\'',
                part.where,
            )
        )
    return replace(cs, base=m.base_version)


def _chain(top: str, bottom: str, store: str | Path | None) -> list[str] | None:
    """The versions from ``top`` back to (not including) ``bottom`` along the store's bases; None when the
    store does not lead from one to the other."""
    from ..sources import open_store

    if store is None or not Path(store).exists():
        return None
    with open_store(store) as st:
        bases = {name: base for name, _, base, _ in st.versions()}
    chain, step = [], top
    while step != bottom:
        if step not in bases or step in chain:
            return None
        chain.append(step)
        step = bases[step]
    return chain


def _never(
    cs: ChangeSet, before: list[Implemented], mine: list[Part], docs: Sequence[Document], last: Part
) -> list[Message]:
    """With every part in: the operations of ``cs`` no part implemented."""
    covered = {_identity(d) for e in before for d in e.documents if identities_named(d)}
    covered |= {_identity(d) for p in mine for d in p.documents}
    missed = [op for op in cs.changes if not operation_documents(op, docs) <= covered]
    return [
        error(
            f"with part {last.number} of {last.of}, every part of {cs.modification} is implemented, but the operation "
            f"at {op.where} (on {_names(operation_documents(op, docs))}) is in none of them",
            last.where,
        )
        for op in missed
    ]
