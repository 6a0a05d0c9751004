"""Approved modifications not yet released: what a draft shares with them.

A draft should be drafted against the text as it will be in force (conformed text), not the current
version: ``pending_warnings`` names each provision a draft changes that a pending release's modification
changes too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from legal_text import Message

from ..changes import ChangeSet, load_changesets, touches
from ..errors import StrictError
from .manifest import Manifest, load_manifest


def pending_warnings(draft: ChangeSet, pending: Sequence[tuple[Manifest, Sequence[ChangeSet]]]) -> list[Message]:
    """A warning for each provision ``draft`` changes that an approved modification of a pending release
    (one not yet released) changes too."""
    out: list[Message] = []
    mine = list(touches(draft))
    for manifest, changesets in pending:
        for cs in changesets:
            if cs.modification == draft.modification:
                continue
            theirs = [t for t, _ in touches(cs)]
            for touch, where in mine:
                other = next((t for t in theirs if touch.overlaps(t)), None)
                if other is not None:
                    out.append(
                        Message(
                            "warning",
                            f"{touch.named}: {cs.modification} '{cs.title}', approved for the {manifest.release} "
                            f"(SEC {manifest.version}) and not yet released, also changes {other.named}; draft "
                            f"against the text as it will be in force",
                            where,
                        )
                    )
    return out


def pending_messages(
    changesets: Sequence[ChangeSet],
    manifests: Sequence[str | Path],
    strict: bool = False,
    store: str | Path | None = None,
) -> tuple[list[Message], str]:
    """The warnings of ``pending_warnings`` for each change set against the releases ``manifests`` describe,
    and what to print of releases left out; with ``store``, a release whose version the store holds has
    been released, and is left out.  With ``strict``, any warning is a StrictError."""
    if not manifests:
        return [], ""
    released: set[str] = set()
    if store is not None:
        from ..sources import open_store

        with open_store(store) as st:
            released = {v[0] for v in st.versions()}
    pending = []
    said = ""
    for path in manifests:
        m = load_manifest(path)
        if m.version in released:
            said += f"pending: {path}: SEC {m.version} is in {store}, so released; not pending\n"
            continue
        pending.append((m, load_changesets(list(m.modifications))))
    found = [w for cs in changesets for w in pending_warnings(cs, pending)]
    if strict and found:
        exc = StrictError(f"{len(found)} change(s) meet a pending modification, and --strict was given")
        exc.said = tuple(found)
        raise exc
    return found, said
