"""The modification record: the report metadata with the facts of the modification's whole life
(docs/modification-record.md), its consultations' responses read, the files it names found beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from legal_text import Location, Message

from ..errors import MetadataError
from ..yamlsource import Located
from .metadata import ReportMetadata, load_report_metadata, paragraphs, solution_id
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
class Draft:
    """A draft of a legal text as the record lists it; ``field`` names it in messages
    ("legal_text[2]", "solutions[2].legal_text[1]")."""

    data: Located
    field: str

    @property
    def version(self) -> str:
        return str(self.data["version"])

    @property
    def date(self) -> dt.date:
        day: dt.date = self.data["date"]
        return day

    @property
    def changes(self) -> str | None:
        """The change-set file it names (relative to the record's folder), if any."""
        return str(self.data["changes"]) if self.data.get("changes") else None

    @property
    def summary(self) -> str:
        """What it changed, as the record says it (its paragraphs as one line), or ""."""
        return " ".join(paragraphs(self.data.get("summary")))

    def where(self, key: str) -> Location:
        return self.data.key_lines.get(key, self.data.location)


@dataclass(frozen=True)
class SolutionEntry:
    """A solution the Change Board decides on: the Proposed one (the modification's id) or an Alternative,
    its title and summary, the drafts of its legal text (oldest first), the outcome given for it, and the
    record's entry for it (None for a Proposed solution that 'solutions:' leaves out)."""

    id: str
    proposed: bool
    title: str
    summary: list[str]
    drafts: list[Draft]
    outcome: str
    data: Located | None

    @property
    def latest(self) -> Draft | None:
        """The draft the solution's Annex A shows: its latest that names a change set."""
        return next((d for d in reversed(self.drafts) if d.changes), None)


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
    def has_solutions(self) -> bool:
        """Whether the record lists its solutions ('solutions:'): then the reports present each."""
        return "solutions" in self.data

    @property
    def solutions(self) -> list[SolutionEntry]:
        """The Proposed solution (its entry in 'solutions:' or, left out there, the record itself; its drafts
        the record's 'legal_text:' or its entry's), then each Alternative in the record's order."""
        d = self.data
        mod = " ".join(str(d["modification"]).split())
        own = [Draft(v, f"legal_text[{i}]") for i, v in enumerate(d.get("legal_text") or [], start=1)]
        proposed = SolutionEntry(mod, True, str(d["title"]), [], own, "", None)
        alternatives: list[SolutionEntry] = []
        for i, entry in enumerate(d.get("solutions") or [], start=1):
            sid = solution_id(entry)
            drafts = [
                Draft(v, f"solutions[{i}].legal_text[{j}]") for j, v in enumerate(entry.get("legal_text") or [], 1)
            ]
            title = str(entry.get("title") or "")
            found = SolutionEntry(
                sid, sid == mod, title, paragraphs(entry.get("summary")), drafts, str(entry.get("outcome") or ""), entry
            )
            if sid != mod:
                alternatives.append(found)
            elif proposed.data is None:  # (a second entry of its id is refused on loading)
                proposed = replace(found, title=title or proposed.title, drafts=own or drafts)
        return [proposed, *alternatives]

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
