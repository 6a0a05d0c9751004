"""A release manifest: a release's name, go-live date, base, new version and the change sets it applies.

    release: "November 2019 SEC Release"
    date: 2019-11-07
    base: {version: "6.17", path: section-G-6.17.txt}    # or base: "6.17", held in the version store
    version: "6.18"
    modifications: [mp087.changes.yaml, mp104.changes.yaml]

An entry of ``modifications`` may implement part of a modification, by document:
``{changes: MP915.yaml, part: "1 of 2", documents: ["Appendix AD"]}`` (``release.phases``).

``load_manifest`` checks it all, every problem at once with file:line (docs/releases.md).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from legal_text import Location, Message, error
from legal_text.profiles import identities_named

from ..changes import ChangeSet
from ..errors import ChangeSetError
from ..fileio import resolved as _resolved
from ..house_style import DEFAULT_CLASSIFICATION
from ..store import VERSION_NAME
from ..yamlsource import Located, did_you_mean, load_yaml

MANIFEST_KEYS = {"release", "date", "base", "version", "author", "modifications", "classification"}
REQUIRED_KEYS = ("release", "date", "base", "version", "modifications")
PART_KEYS = ("changes", "part", "documents")
PART_RE = re.compile(r"\s*(?:part\s+)?(\d{1,3})\s+of\s+(\d{1,3})\s*", re.I)


class ManifestError(ChangeSetError):
    """A release manifest is invalid (exit 4, as a change set)."""


@dataclass(frozen=True)
class Part:
    """An entry that implements part of a modification: which part of how many, and the documents whose
    operations it implements (named as ``--section`` takes them: "Section A", "Appendix AD")."""

    number: int
    of: int
    documents: tuple[str, ...]
    where: Location  # the entry
    documents_where: Location  # its 'documents:'


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
    # Of each entry of ``modifications``, the part of it this release implements (None: the whole).
    parts: tuple[Part | None, ...] = ()

    def part(self, i: int) -> Part | None:
        """The part the ``i``th entry implements (None: the whole change set)."""
        return self.parts[i] if i < len(self.parts) else None

    def line(self, key: str) -> Location:
        """Where ``key`` was written in the manifest (for messages)."""
        return self.lines.get(key, Location(str(self.source), 1))


def _version(value: object) -> str | None:
    """A version's number as the store names versions ("6.18"), or None."""
    return value.strip() if isinstance(value, str) and VERSION_NAME.fullmatch(value.strip()) else None


class _Resolver:
    """Paths as ``Path.resolve`` gives them, each folder resolved once (a manifest may list 50,000 change
    sets in one folder): a file's folder is resolved, then the file itself only when it is a link.  None
    for a path that goes round a loop of links."""

    def __init__(self) -> None:
        self.folders: dict[Path, Path | None] = {}

    def __call__(self, path: Path) -> Path | None:
        if path.name in ("", ".", ".."):
            return _resolved(path)
        if path.parent not in self.folders:
            self.folders[path.parent] = _resolved(path.parent)
        folder = self.folders[path.parent]
        if folder is None:
            return None
        full = folder / path.name
        return _resolved(full) if os.path.islink(full) else full


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
        path = _resolved(folder / base["path"])
        if path is None:
            self.problem(None, f"{base['path']}: its path goes round a loop of symbolic links", base.key_lines["path"])
        return version, path

    def modifications(self, folder: Path) -> tuple[list[Path], list[Part | None]]:
        mods = self.data.get("modifications")
        paths: list[Path] = []
        parts: list[Part | None] = []
        if "modifications" not in self.data:
            return paths, parts
        if not isinstance(mods, list) or not mods or not all(_entry_shape(m) for m in mods):
            self.problem(
                "modifications",
                "'modifications' is a list of change-set files, applied in the order given (an entry may be "
                '{changes: FILE, part: "1 of 2", documents: ["Appendix AD"]})',
            )
            return paths, parts
        # Sets, not lists: a list's 'in' made 50,000 change sets take minutes.  ``seen``: (file, part) of
        # each entry (part 0: the whole); ``files``: the files.
        resolve, seen, files = _Resolver(), set[tuple[Path, int]](), set[Path]()
        for m in mods:
            part = self._part(m) if isinstance(m, Located) else None
            name = str(m["changes"]) if isinstance(m, Located) else m
            p = resolve(folder / name)
            if p is None:
                self.problem("modifications", f"{name}: its path goes round a loop of symbolic links")
                continue
            key = (p, part.number if part else 0)
            if key in seen or (p, 0) in seen or (part is None and p in files):
                where = part.where if part else None
                self.problem(
                    "modifications", f"{name} is listed twice" + (f" as part {part.number}" if part else ""), where
                )
            seen.add(key)
            files.add(p)
            paths.append(p)
            parts.append(part)
        self._parts_agree(paths, parts)
        return paths, parts

    def _part(self, entry: Located) -> Part | None:
        """The part an entry names, each problem at its line."""
        for key in sorted(set(entry) - set(PART_KEYS)):
            known = ", ".join(PART_KEYS)
            self.problem(
                None, f"unknown key '{key}'{did_you_mean(key, PART_KEYS)} (expected: {known})", entry.key_lines[key]
            )
        missing = [k for k in PART_KEYS if k not in entry]
        if missing:
            self.problem(
                None,
                f"an entry implementing part of a modification gives {', '.join(PART_KEYS)}; missing "
                f"{', '.join(repr(k) for k in missing)}",
                entry.location,
            )
            return None
        match = PART_RE.fullmatch(str(entry["part"]))
        number, of = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        if not match or not 1 <= number <= of or of < 2:
            self.problem(
                None,
                f"'part' is which part of how many, e.g. \"1 of 2\" (at least two parts), not {entry['part']!r}",
                entry.key_lines["part"],
            )
            return None
        documents = entry["documents"]
        if not isinstance(documents, list) or not documents or not all(isinstance(d, str) for d in documents):
            self.problem(
                None,
                "'documents' is the list of documents this part implements, as --section names them, e.g. "
                '["Section A", "Appendix AD"]',
                entry.key_lines["documents"],
            )
            return None
        for d in documents:
            if not identities_named(d):
                self.problem(
                    None,
                    f"'documents': {d!r} names no document of the code (write it as --section takes it: "
                    '"Section A", "Appendix AD")',
                    entry.key_lines["documents"],
                )
        return Part(number, of, tuple(documents), entry.location, entry.key_lines["documents"])

    def _parts_agree(self, paths: list[Path], parts: list[Part | None]) -> None:
        """The parts of one change set in this release: the same count of parts, no document in two."""
        by_file: dict[Path, list[Part]] = {}
        for p, part in zip(paths, parts, strict=True):
            if part is not None:
                by_file.setdefault(p, []).append(part)
        for found in by_file.values():
            first = found[0]
            covered: dict[tuple[str, str], int] = {}
            for part in found:
                if part.of != first.of:
                    self.problem(
                        None, f"part {part.number} of {part.of}, but part {first.number} is of {first.of}", part.where
                    )
                for d in part.documents:
                    ident = identities_named(d)[:1]
                    if not ident:
                        continue
                    if ident[0] in covered:
                        self.problem(
                            None,
                            f"'documents': {d} is in part {covered[ident[0]]} already; two parts cannot cover "
                            "one document",
                            part.documents_where,
                        )
                    covered[ident[0]] = part.number


def _entry_shape(entry: object) -> bool:
    """An entry of 'modifications': a file name, or a mapping (checked key by key)."""
    return isinstance(entry, Located) or (isinstance(entry, str) and bool(entry.strip()))


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
    paths, parts = check.modifications(source.parent)
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
        parts=tuple(parts),
    )


def check_one_each(manifest: Manifest, changesets: Sequence[ChangeSet]) -> None:
    """Refuse a release that carries a modification twice (two change sets with one identifier): its notes
    would credit each with the other's clauses.  ManifestError naming both files."""
    first: dict[str, Path] = {}
    problems: list[Message] = []
    for i, (path, cs) in enumerate(zip(manifest.modifications, changesets, strict=True)):
        if cs.modification in first and first[cs.modification] == path and manifest.part(i) is not None:
            continue  # two parts of one change set, checked apart (``_parts_agree``)
        if cs.modification in first:
            named = [os.path.relpath(p, manifest.source.parent) for p in (first[cs.modification], path)]
            problems.append(
                error(
                    f"{named[0]} and {named[1]} are both {cs.modification}; a release carries each modification "
                    f"once (give each change set its own identifier)",
                    manifest.line("modifications"),
                )
            )
        else:
            first[cs.modification] = path
    if problems:
        raise ManifestError(problems)
