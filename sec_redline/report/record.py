"""The modification record: the report metadata with the facts of the modification's whole life
(docs/modification-record.md), its consultations' responses read, the files it names found beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from legal_text import Message

from ..errors import MetadataError
from ..yamlsource import Located
from .metadata import ReportMetadata, load_report_metadata, paragraphs
from .responses import Responses, read_responses


@dataclass(frozen=True)
class Consultation:
    """A consultation as the record gives it (``data``), with its responses read."""

    kind: str
    data: Located
    responses: Responses

    @property
    def questions(self) -> list[tuple[str, list[str]]]:
        """(id, paragraphs) of each question, in the record's order."""
        return [(" ".join(str(q["id"]).split()), paragraphs(q["text"])) for q in self.data["questions"]]


@dataclass(frozen=True)
class ModificationRecord:
    """The checked record, the folder its paths are relative to, and its consultations by kind."""

    meta: ReportMetadata
    folder: Path
    consultations: dict[str, Consultation]

    @property
    def data(self) -> Located:
        return self.meta.data

    @property
    def path(self) -> str:
        """The modification's path: Fast-Track, Self-Governance, ..."""
        return str(self.data["path"])

    def file(self, value: object) -> Path:
        """A path the record gives, relative to the record's folder (an absolute one as it is)."""
        return self.folder / str(value)

    @property
    def warnings(self) -> list[Message]:
        """What reading the responses could not place (columns no question names)."""
        return [m for c in self.consultations.values() for m in c.responses.warnings]


def load_record(path: str | Path) -> ModificationRecord:
    """Load and check a modification record and read its consultations' responses; every problem is raised
    at once (MetadataError, exit 4): ``FILE:LINE`` in the record, ``FILE: row N`` in a responses file."""
    meta = load_report_metadata(path)
    folder = Path(path).parent
    consultations: dict[str, Consultation] = {}
    problems: list[Message] = []
    for i, item in enumerate(meta.data.get("consultations") or [], start=1):
        ids = [" ".join(str(q["id"]).split()) for q in item["questions"]]
        try:
            responses = read_responses(
                folder / str(item["responses"]), ids, item.key_lines["responses"], f"consultations[{i}].responses"
            )
        except MetadataError as exc:
            problems += exc.messages
            continue
        consultations[str(item["kind"])] = Consultation(str(item["kind"]), item, responses)
    if problems:
        raise MetadataError(problems)
    return ModificationRecord(meta, folder, consultations)
