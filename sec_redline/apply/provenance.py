"""Who made each change: recorded while change sets apply, read by a release's redline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from legal_text import ClauseRef, Location
from legal_text.profiles import Identity
from legal_text.tree_edit import Node, WorkingDocument

if TYPE_CHECKING:
    from ..changes import Field
    from .state import Region

ProvisionKey = tuple[Identity, ClauseRef]  # a provision of a code: its document and reference


@dataclass
class ProvenanceLog:
    """Written while applying: the base's provisions (by document and reference, to their uid), the change
    set that inserted, removed, renumbered, moved or redefined each provision (by uid), the renumberings and
    moves whose cross-references followed, and who added or removed each heading (by its words)."""

    base: dict[ProvisionKey, int] = field(default_factory=dict)
    made_by: dict[int, str] = field(default_factory=dict)
    renames: list[tuple[dict[ClauseRef, ClauseRef], str]] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)

    def saw(self, identity: Identity, wd: WorkingDocument) -> None:
        """Remember the base's provisions of a document as it gets its working copy."""
        self.base.update(((identity, n.ref), n.uid) for n in wd.nodes())

    def made(self, node: Node | None, modification: str) -> None:
        """``modification`` inserted, removed, renumbered, moved or redefined ``node``."""
        if node is not None:
            self.made_by[node.uid] = modification


@dataclass(frozen=True)
class Provenance:
    """Which change set did what, for a release's redline: provisions by ``Node.uid`` (the same provision
    keeps its uid through renumbering and moving): ``final`` and ``base`` map (document, reference) to the
    uid; ``regions`` the words each change set changed, in the final text of a provision's field;
    ``made_by`` the change set that inserted, removed, renumbered or moved (or redefined) a provision;
    ``rows`` the table rows each changed (by first cell); ``renames`` the renumberings and moves whose
    cross-references followed; ``headings`` the change set that added or removed a heading (by its words)."""

    final: dict[ProvisionKey, int]
    base: dict[ProvisionKey, int]
    regions: dict[tuple[int, Field], list[Region]]
    made_by: dict[int, str]
    rows: dict[int, list[tuple[str, Location, str]]]
    renames: list[tuple[dict[ClauseRef, ClauseRef], str]]
    headings: dict[str, str]
