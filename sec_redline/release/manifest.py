"""A release manifest: a release's name, go-live date, base, new version and the change sets it applies.

    release: "November 2019 SEC Release"
    date: 2019-11-07
    base: {version: "6.17", path: section-G-6.17.txt}    # or base: "6.17", held in the version store
    version: "6.18"
    modifications: [mp087.changes.yaml, mp104.changes.yaml]

``load_manifest`` checks it all, every problem at once with file:line (docs/releases.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from legal_text import Location, Message, error

from ..errors import ChangeSetError
from ..house_style import DEFAULT_CLASSIFICATION
from ..yamlsource import Located, did_you_mean, load_yaml

MANIFEST_KEYS = {"release", "date", "base", "version", "author", "modifications", "classification"}
REQUIRED_KEYS = ("release", "date", "base", "version", "modifications")


class ManifestError(ChangeSetError):
    """A release manifest is invalid (exit 4, as a change set)."""


@dataclass(frozen=True)
class Manifest:
    """A release: its name, go-live date, base (a version, and where its text is or that the store has
    it), the new version, the author of its outputs, and its change sets in the order they apply."""

    release: str
    date: dt.date
    base_version: str
    base_path: Path | None  # None: the base is the version of that name in the store
    version: str
    author: str
    modifications: tuple[Path, ...]
    source: Path
    classification: str = DEFAULT_CLASSIFICATION
    lines: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def line(self, key: str) -> Location:
        """Where ``key`` was written in the manifest (for messages)."""
        return self.lines.get(key, Location(str(self.source), 1))


def _version(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:\.\d+)*\s*", value) else None


class _Checker:
    """The problems of one manifest, each at the line of the key it concerns."""

    def __init__(self, data: Located, name: str):
        self.data, self.name = data, name
        self.problems: list[Message] = []

    def problem(self, key: str | None, text: str, where: Location | None = None) -> None:
        at = where or (self.data.key_lines.get(key, Location(self.name, 1)) if key else Location(self.name, 1))
        self.problems.append(error(text, at))

    def keys(self) -> None:
        for key in sorted(set(self.data) - MANIFEST_KEYS):
            known = ", ".join(sorted(MANIFEST_KEYS))
            self.problem(key, f"unknown key '{key}'{did_you_mean(key, MANIFEST_KEYS)} (expected one of: {known})")
        for key in REQUIRED_KEYS:
            if key not in self.data:
                self.problem(None, f"missing '{key}:'")

    def release(self) -> str:
        release = self.data.get("release")
        if "release" in self.data and (not isinstance(release, str) or not release.strip()):
            self.problem("release", "'release' is the release's name, e.g. \"November 2019 SEC Release\"")
        return str(release).strip()

    def date(self) -> dt.date | None:
        date = self.data.get("date")
        if isinstance(date, dt.datetime):
            date = date.date()
        if "date" in self.data and not isinstance(date, dt.date):
            self.problem("date", f"'date' is the go-live date, YYYY-MM-DD, not {date!r}")
        return date if isinstance(date, dt.date) else None

    def version(self) -> str | None:
        version = _version(self.data.get("version"))
        if "version" in self.data and version is None:
            self.problem(
                "version", f"'version' is the new version, quoted, e.g. \"6.18\", not {self.data.get('version')!r}"
            )
        return version

    def author(self) -> str:
        author = self.data.get("author", "SECAS")
        if not isinstance(author, str) or not author.strip():
            self.problem("author", "'author' is who publishes the release, e.g. SECAS")
        return str(author).strip()

    def base(self, folder: Path) -> tuple[str | None, Path | None]:
        """(version, path): the base's version, and its text's path (None: the version held in the store)."""
        base = self.data.get("base")
        if isinstance(base, Located):
            return self._base_mapping(base, folder)
        if "base" not in self.data:
            return None, None
        version = _version(base)
        if version is None:
            self.problem(
                "base", "'base' is a mapping with 'version:' and 'path:', or a version the store holds (\"6.17\")"
            )
        return version, None

    def _base_mapping(self, base: Located, folder: Path) -> tuple[str | None, Path | None]:
        for key in sorted(set(base) - {"version", "path"}):
            said = f"unknown key 'base.{key}'{did_you_mean(key, ('version', 'path'))} (expected: version, path)"
            self.problem(None, said, base.key_lines[key])
        version = _version(base.get("version"))
        if version is None:
            self.problem(
                None, "'base.version' is the version the release starts from, quoted, e.g. \"6.17\"", base.location
            )
        if "path" not in base:
            return version, None
        if not isinstance(base["path"], str) or not base["path"].strip():
            self.problem(
                None, "'base.path' is a document, a folder of documents or a whole-code file", base.key_lines["path"]
            )
            return version, None
        return version, (folder / base["path"]).resolve()

    def modifications(self, folder: Path) -> list[Path]:
        mods = self.data.get("modifications")
        paths: list[Path] = []
        if "modifications" not in self.data:
            return paths
        if not isinstance(mods, list) or not mods or not all(isinstance(m, str) and m.strip() for m in mods):
            self.problem("modifications", "'modifications' is a list of change-set files, applied in the order given")
            return paths
        for m in mods:
            p = (folder / m).resolve()
            if p in paths:
                self.problem("modifications", f"{m} is listed twice")
            paths.append(p)
        return paths


def load_manifest(path: str | Path) -> Manifest:
    """Load and check a release manifest; ManifestError listing every problem (file:line)."""
    source = Path(path)
    data = load_yaml(source)
    name = str(source)
    if not isinstance(data, Located):
        raise ManifestError(
            error("a release manifest is a mapping with 'release:', 'date:', 'base:' ...", Location(name, 1))
        )
    check = _Checker(data, name)
    check.keys()
    release, date, version, author = check.release(), check.date(), check.version(), check.author()
    classification = data.get("classification", DEFAULT_CLASSIFICATION)
    base_version, base_path = check.base(source.parent)
    if version is not None and base_version is not None and version == base_version:
        check.problem("version", f"the new version {version} is the base's; give the version the release makes")
    paths = check.modifications(source.parent)
    if check.problems:
        raise ManifestError(check.problems)
    assert date is not None and version is not None and base_version is not None
    return Manifest(
        release=release,
        date=date,
        base_version=base_version,
        base_path=base_path,
        version=version,
        author=author,
        modifications=tuple(paths),
        source=source,
        classification=str(classification),
        lines=dict(data.key_lines),
    )
