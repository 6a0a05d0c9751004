"""Reading inputs and writing outputs safely: atomic writes, never over an input."""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import signal
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TypeVar

from lxml import etree

from legal_text import Document, Result, Side, TextReadError, decode_text, read_code, read_docx
from legal_text.docx_reader import DocxPlan, plan_docx, read_section, relocated
from legal_text.messages import Location, Message
from legal_text.ooxml import MarkStyle, PackageError, Para, side_paragraphs
from legal_text.profiles import document_name, identities_named, named_as_written
from legal_text.text_reader import document_title, merge_repeated

from .errors import InputError, OutputError
from .house_style import STRUCTURE_STYLES

MAX_TEXT_BYTES = 64 * 1024 * 1024
STDIO = "-"  # a file argument that means standard input (when read) or standard output (when written)
ZIP_MAGIC = b"PK\x03\x04"  # how a Word document (a zip package) starts
MAX_FOLDER_FILES = 1000  # documents in a folder base: the SEC has about 20 Sections and 60 Appendices
BASE_SUFFIXES = (".txt", ".docx")  # the files of a folder base that are read


def _size(n: int) -> str:
    """A size as people write it: 64 MB, 512 kB, 10 bytes."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"


def read_input_bytes(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular input file of at most ``limit`` bytes; one-line InputError otherwise.

    What is not a regular file (a folder, a device such as /dev/zero, a pipe) is refused before it is
    opened (opening a pipe would block), and at most ``limit`` bytes are ever read, whatever the file
    system says its size is.
    """
    if is_stdio(path):
        return _stdin_bytes(limit, what)
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a folder; give {what}")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: is not a regular file (a device or a pipe); give {what}")
        if st.st_size > limit:
            raise InputError(
                f"{name}: {_size(st.st_size)} is more than the {_size(limit)} limit for {what}; is this the right file?"
            )
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; give {what}") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{name}: more than the {_size(limit)} limit for {what}; is this the right file?")
    return data


def is_stdio(path: str | Path | None) -> bool:
    """Whether a file argument is ``-``: standard input where a file is read, standard output where written."""
    return path is not None and str(path) == STDIO


# Standard input, read once for the stream it was read from (a command may read its input twice, as a base
# and to check it; each run of the command line in one process has a stream of its own).
_stdin: tuple[object, bytes] | None = None


def _stdin_bytes(limit: int, what: str) -> bytes:
    """The bytes of standard input, at most ``limit``; one-line InputError otherwise."""
    global _stdin
    stream = sys.stdin.buffer
    if _stdin is None or _stdin[0] is not stream:
        try:
            _stdin = (stream, stream.read(limit + 1))
        except OSError as exc:
            raise InputError(f"{STDIO}: cannot read standard input: {exc.strerror or exc}") from None
    data = _stdin[1]
    if len(data) > limit:
        raise InputError(f"{STDIO}: standard input holds more than the {_size(limit)} limit for {what}")
    return data


def read_input_text(path: str | Path, limit: int, what: str) -> str:
    """The UTF-8 text of an input file (``-``: standard input) of at most ``limit`` bytes; one-line
    InputError otherwise."""
    return _decoded(read_input_bytes(path, limit, what), str(path))


def _decoded(data: bytes, name: str) -> str:
    try:
        return decode_text(data, name)
    except TextReadError as exc:
        raise InputError(str(exc)) from None


def read_word_bytes(path: str | Path) -> bytes:
    """The bytes of a Word document input (a regular file within the size limit); one-line InputError."""
    return read_input_bytes(path, MAX_TEXT_BYTES, "a Word document")


def word_sections(
    data: bytes, name: str, side: Side = "new", marks: MarkStyle = "tracked", paragraphs: list[Para] | None = None
) -> Result[list[Document]]:
    """The Sections of a .docx, changes accepted ("new") or rejected ("old"); a package that cannot be read
    (not a zip, damaged, encrypted, a zip bomb, not XML) is one InputError line naming the file.
    ``paragraphs``: that side's paragraphs, when ``word_paragraphs`` has read them already."""
    try:
        return read_docx(data, name, side, STRUCTURE_STYLES, marks, paragraphs)
    except (TextReadError, PackageError, etree.XMLSyntaxError, KeyError) as exc:
        raise InputError(f"{name}: {str(exc).strip(chr(39)) if isinstance(exc, KeyError) else exc}") from None


def word_paragraphs(data: bytes, name: str, side: Side = "new", marks: MarkStyle = "tracked") -> list[Para]:
    """Every paragraph on one side of a .docx's changes; one InputError line on a bad package."""
    try:
        return side_paragraphs(data, side, marks)
    except (TextReadError, PackageError, etree.XMLSyntaxError, KeyError) as exc:
        raise InputError(f"{name}: {exc}") from None


def read_word_sections(path: str | Path, side: Side = "new", marks: MarkStyle = "tracked") -> Result[list[Document]]:
    """The Sections of a .docx file, changes accepted ("new") or rejected ("old"); one-line errors."""
    return word_sections(read_word_bytes(path), str(path), side, marks)


def read_sections(
    path: str | Path,
    version: str = "",
    side: Side = "new",
    marks: MarkStyle = "tracked",
    only: Collection[tuple[str, str]] | None = None,
) -> Result[list[Document]]:
    """Every Section of SEC clause text or of a .docx (one side of its changes: accepted by default; ``marks``
    says how they are marked) at ``path``, the whole code as well as one Section; one-line InputError
    when it cannot be read."""
    name = str(path)
    if is_stdio(path):  # standard input: a Word document by its first bytes, else text
        data = read_input_bytes(path, MAX_TEXT_BYTES, "SEC clause text or a Word document")
        if data.startswith(ZIP_MAGIC):
            return _versioned(word_sections(data, name, side, marks), version)
        text = _decoded(data, name)
    elif Path(path).is_dir():
        return read_folder(path, version, side, marks, only)
    elif Path(path).suffix.lower() == ".docx":
        return _versioned(read_word_sections(path, side, marks), version)
    else:
        text = read_input_text(path, MAX_TEXT_BYTES, "a text file of SEC clauses")
    try:
        return read_code(text, source=name, version=version)
    except TextReadError as exc:
        raise InputError(str(exc)) from None


def _versioned(result: Result[list[Document]], version: str) -> Result[list[Document]]:
    """A Word file's documents, each naming ``version`` when one is given."""
    return Result([d.with_version(version or d.version) for d in result.value], result.messages)


def folder_files(path: str | Path) -> list[Path]:
    """The files of a folder base that are read (.txt and .docx, not hidden), by name; one-line InputError
    when there are none or too many."""
    folder = Path(path)
    try:
        named = sorted(p for p in folder.iterdir() if p.suffix.lower() in BASE_SUFFIXES and not p.name.startswith("."))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the folder: {exc.strerror or exc}") from None
    for p in named:  # a link that leads nowhere is reported, never left out
        if p.is_symlink() and not os.path.exists(p):
            raise InputError(_broken_link(p))
    files = [p for p in named if p.is_file()]
    if not files:
        raise InputError(
            f"{path}: is a folder with no .txt or .docx file; a folder base holds one file a document "
            f"(Section A, Section G, Appendix AD, ...)"
        )
    if len(files) > MAX_FOLDER_FILES:
        raise InputError(f"{path}: holds {len(files)} files, more than the {MAX_FOLDER_FILES} a base may have")
    return files


def _broken_link(link: Path) -> str:
    """The words for a link in a folder base that leads to no file: round a loop, or to nothing."""
    try:
        os.stat(link)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{link}: is a symbolic link that goes round a loop; a folder base holds its documents' files"
    try:
        to = os.readlink(link)
    except OSError:
        to = "?"
    return f"{link}: is a symbolic link to {to}, which does not exist; a folder base holds its documents' files"


def _title_identities(file: Path) -> set[tuple[str, str]] | None:
    """The (profile, code) of each document a text file's title lines name (a whole code names several), or
    None when that cannot be known without reading it (no title before its first clause, a Word file)."""
    if file.suffix.lower() != ".txt":
        return None
    try:
        with file.open("rb") as fh:
            text = fh.read(MAX_TEXT_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    found: set[tuple[str, str]] = set()
    for line in text.splitlines():
        title = document_title(line.strip())
        if title is not None:
            found.add((title[0].name, title[1]))
        elif not found and line.strip() and not line.strip().lower().startswith("sec version"):
            return None  # something before any title: read the file to know
    return found or None


@dataclass(frozen=True)
class _Held:
    """A document as one file of a folder holds it; ``whole``: that file holds several (a whole code)."""

    file: Path
    doc: Document
    whole: bool


def read_folder(
    path: str | Path,
    version: str = "",
    side: Side = "new",
    marks: MarkStyle = "tracked",
    only: Collection[tuple[str, str]] | None = None,
) -> Result[list[Document]]:
    """Every document of a folder base, in the code's order (Sections A to X, then Appendices): each file
    holds one document (or several: a whole code), which its title line names ("Section G 'Security'",
    "Appendix AD '...'"); each document keeps its file as ``source``.

    A document is read from one file (``_chosen``): where the same document stands in several formats
    (``NAME.txt`` and ``NAME.docx``, as a release's ``consolidated/`` holds) the ``.txt``, and where a
    whole-code file stands beside the one-document files (``sec.txt``), the one-document file; the others
    are read too, and must hold the same provisions, or it is an error naming both.  One-line InputError
    for a file whose document has no title, or a document two one-document files of other names hold.
    With ``only``, a text file whose titles name only other documents is not read at all (an Annex A needs
    only the documents its change set touches), nor the file of the same name beside it."""
    files = folder_files(path)
    skipped = _skipped(files, only) if only is not None else set()
    held: dict[tuple[str, str], list[_Held]] = {}
    messages: dict[Path, tuple[Message, ...]] = {}
    for file in files:
        if file in skipped:
            continue
        result = read_sections(file, version, side, marks)
        for d in result.value:
            if not d.section:
                raise InputError(
                    f"{file}: has no title line naming its document (such as \"Section G 'Security'\" or "
                    f"\"Appendix AD 'DCC User Interface Specification'\"); in a folder base each file says which "
                    f"document it holds"
                )
            held.setdefault(d.identity, []).append(_Held(file, d, len(result.value) > 1))
        messages[file] = result.messages
    chosen = {identity: _chosen(holders) for identity, holders in held.items()}
    docs = sorted((_versioned_as(chosen[i], held[i]) for i in held), key=lambda d: d.order)
    used = {h.file for h in chosen.values()}
    said = [m for file in files if file in used for m in messages.get(file, ())]
    for file in files:
        if file in messages and file not in used:
            read = sorted({str(chosen[i].file) for i, hs in held.items() if any(h.file == file for h in hs)})
            names = ", ".join(d.name for d in docs if any(h.file == file for h in held[d.identity]))
            note = f"holds {names}, the same as {', '.join(read)}: checked alike, and not used"
            said.append(Message("info", note, Location(str(file))))
    return Result(docs, tuple(said))


def _skipped(files: list[Path], only: Collection[tuple[str, str]]) -> set[Path]:
    """The files of a folder that hold none of the documents ``only`` names (by their title lines), with the
    files of the same name beside them; InputError when two one-document files of other names hold one."""
    skipped: set[Path] = set()
    seen: dict[tuple[str, str], Path] = {}
    for file in files:
        identities = _title_identities(file)
        if identities is None or identities & set(only):
            continue
        if len(identities) == 1:
            (identity,) = identities
            other = seen.get(identity)
            if other is not None and other.stem != file.stem:
                raise InputError(
                    f"{other}: {document_name(*identity)} is also in {file}; a folder base holds each document once"
                )
            seen[identity] = file
        skipped |= {f for f in files if f.stem == file.stem}
    return skipped


def _chosen(holders: list[_Held]) -> _Held:
    """Of the files that hold a document, the one it is read from: a one-document file before a whole-code
    file, ``.txt`` before ``.docx`` (unless only the Word file holds footnotes, which text cannot); every
    other must hold the same provisions (and SEC version, where both name one), or InputError."""
    single = [h for h in holders if not h.whole]
    if len({h.file.stem for h in single}) > 1 or (not single and len(holders) > 1):
        first, second = (single or holders)[:2]  # in the folder's order: the second is named, as found twice
        raise InputError(
            f"{second.file}: {second.doc.name} is also in {first.file}; a folder base holds each document once"
        )
    ranked = sorted(holders, key=lambda h: (h.whole, h.file.suffix.lower() != ".txt", h.file.name))
    for other in ranked[1:]:
        _same_document(ranked[0], other)
    if _has_notes(ranked[0].doc):
        return ranked[0]
    return next((h for h in ranked if _has_notes(h.doc)), ranked[0])


def _versioned_as(chosen: _Held, holders: list[_Held]) -> Document:
    """The chosen document, naming the SEC version one of its files names (a Word file may name none: one
    from before its 'SEC Version' paragraph, or another producer's)."""
    return chosen.doc.with_version(chosen.doc.version or next((h.doc.version for h in holders if h.doc.version), ""))


def _has_notes(doc: Document) -> bool:
    return any(c.notes for c in doc.clauses())


def _same_document(a: _Held, b: _Held) -> None:
    """Nothing, when file ``b`` holds its document as the file read for it, ``a``, does (words, headings,
    numbers; the SEC version, where both name one); else InputError naming both and where they part."""
    x, y = a.doc, b.doc
    differ = ""
    if x.version and y.version and x.version != y.version:
        differ = f"SEC Version {y.version} here, {x.version} there"
    elif x.title != y.title:
        differ = f"titled '{y.title}' here, '{x.title}' there"
    elif x.body != y.body:
        at = next((p.ref for p, q in zip(x.clauses(), y.clauses(), strict=False) if p != q), None)
        differ = f"first at {at}" if at is not None else "in their headings, or one holds more"
    if differ:
        raise InputError(
            f"{b.file}: holds {x.name} too, but not as {a.file} does ({differ}); a folder base reads each "
            f"document from one file: remove or correct the copy you do not mean"
        )


def _letters(docs: list[Document]) -> str:
    """ "Section(s) A, G, H", or the names when Appendices are among them ("Section G, Appendix AD")."""
    if all(d.profile == "section" for d in docs):
        return "Section(s) " + ", ".join(d.section or "(none)" for d in docs)
    return ", ".join(d.name for d in docs)


def find_document(docs: list[Document], wanted: str) -> Document | None:
    """The document ``wanted`` names: "G" or "Section G", "AD" or "Appendix AD" (``identities_named``: a
    one-letter code both a Section and an Appendix have, "A", is the Section's unless "Appendix A" is
    written)."""
    for identity in identities_named(wanted):
        found = next((d for d in docs if d.identity == identity), None)
        if found is not None:
            return found
    return None


def choose_sections(result: Result[list[Document]], name: str, section: str | None) -> Result[list[Document]]:
    """``result`` narrowed to ``section`` (with only the messages about that Section's lines or paragraphs),
    or whole when ``section`` is None; InputError naming the Sections there are when it has no such one."""
    if not section:
        return result
    docs = result.value
    found = find_document(docs, section)
    if found is None:
        raise InputError(f"{name}: has no {named_as_written(section)}; it holds {_letters(docs)}")
    chosen = [found]
    if len(docs) == 1:
        return result
    k = docs.index(found)
    following = docs[k + 1] if k + 1 < len(docs) and docs[k + 1].source == found.source else None
    lo, hi = _position(found.where), (_position(following.where) if following is not None else None)

    def inside(m: Message) -> bool:
        if found.source and m.where.file and m.where.file != found.source:
            return False  # another file of a folder base
        at = _position(m.where)
        if at is None or lo is None:
            return m.clause.startswith(found.section) if m.clause else lo is None
        return at >= lo and (hi is None or at < hi)

    return Result([chosen[0]], tuple(m for m in result.messages if inside(m)))


def _position(where: Location | None) -> int | None:
    """The line of a text, or the paragraph of a Word file, that ``where`` names (a Section's text starts
    there, or a message is about it)."""
    if where is None:
        return None
    return where.line if where.line is not None else where.paragraph


def read_document(
    path: str | Path, version: str = "", side: Side = "new", marks: MarkStyle = "tracked", section: str | None = None
) -> Result[Document]:
    """One Section of SEC clause text, or of a .docx on one side of its changes, from ``path``: the only one
    the file holds, or ``section`` of a file that holds several (the whole code); one-line InputError when
    it cannot be read or the choice is missing."""
    result = choose_sections(read_sections(path, version, side, marks), str(path), section)
    return Result(one_section(result.value, path), result.messages)


def sec_text(result: Result[list[Document]], path: str | Path) -> Result[list[Document]]:
    """``result`` when it holds a numbered provision; otherwise one InputError line naming the file, none of
    its words echoed (a system file named by mistake is not printed back, warning by warning)."""
    if any(True for d in result.value for _ in d.clauses()):
        return result
    if Path(str(path)).suffix.lower() in (".yaml", ".yml"):  # a change set or manifest in the base's place
        raise InputError(
            f"{path}: no numbered provision was recognised: it is YAML (a change set, a manifest?), not SEC clause "
            "text; give the SEC text (or its Word file) here (where a command takes both, the base comes first)"
        )
    raise InputError(
        f"{path}: no numbered provision was recognised, so it is not SEC clause text; is it the right file?"
    )


def one_section(docs: list[Document], name: str | Path) -> Document:
    """The only Section of ``docs``; InputError when the file ``name`` holds several and none was chosen."""
    if len(docs) != 1:
        raise InputError(
            f"{name}: holds {len(docs)} documents ({_letters(docs)}); choose one with --section, "
            f"e.g. --section {docs[-1].section or 'G'}"
        )
    return docs[0]


def resolved(path: str | Path) -> Path | None:
    """``path`` with every link followed, or None when that cannot be done (a loop of links)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # Python before 3.13 raises RuntimeError on a loop
        return None


def check_not_input(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an output path that is one of the inputs, or that goes round a loop of links."""
    out = resolved(output)
    if out is None:
        raise OutputError(f"{output}: cannot write: its path goes round a loop of symbolic links; nothing was written")
    for item in inputs:
        src = resolved(item)
        try:
            same = out == src or (out.exists() and os.path.samefile(out, item))
        except OSError:
            same = False
        if same:
            raise OutputError(f"{output}: refusing to write over the input {item}; choose another output path")


def write_all(
    outputs: Mapping[Path, bytes | str] | dict[Path, bytes | str],
    *,
    root: Path | None = None,
    exclusive: bool = False,
) -> list[Path]:
    """Write every output or none (``writing.write_together``): nothing is written where a target cannot
    take a file (a device, a pipe, a folder); outputs go to hidden temporaries first, then into place in
    one rename each, several renames under a rollback journal, so that a failure or a kill at any moment
    leaves the old files or the new ones (a killed run's leftovers are settled by the next run writing
    there, which says so)."""
    from .writing import write_together

    return write_together(outputs, root=root, exclusive=exclusive)[0]


# Inputs this large (bytes, both together) are read at the same time, one in a forked worker process, where
# the machine has more than one core: reading is most of a whole-code comparison's time.
CONCURRENT_READ_BYTES = 2_000_000


def _read_chosen(path: str, section: str | None) -> Result[list[Document]]:
    return choose_sections(read_sections(path), path, section)


def read_two(old: str, new: str, section: str | None = None) -> tuple[Result[list[Document]], Result[list[Document]]]:
    """Both versions of a comparison (each every Section of its file, or only ``section``).  Large inputs
    on a machine with several cores are read at the same time, the old one in a child process forked for
    it (``_forked``); two Word files so, that a document the same in both is read once (``_read_two_word``).
    Elsewhere, one after the other."""
    try:
        size = Path(old).stat().st_size + Path(new).stat().st_size
    except OSError:
        size = 0  # reading says what is wrong
    if size < CONCURRENT_READ_BYTES or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return _read_chosen(old, section), _read_chosen(new, section)
    if Path(old).suffix.lower() == Path(new).suffix.lower() == ".docx" and Path(old).is_file() and Path(new).is_file():
        return _read_two_word(old, new, section)
    first, second = _forked(lambda: _read_chosen(old, section), lambda: _read_chosen(new, section))
    return (first if first is not None else _read_chosen(old, section)), second


T = TypeVar("T")
U = TypeVar("U")


def _forked(child: Callable[[], T], parent: Callable[[], U]) -> tuple[T | None, U]:
    """``child()`` in a child process forked for it and ``parent()`` here, at the same time.  The child
    sends back its value, or the error it met (raised here), through a pipe, and ends without tearing its
    objects down; should it die without a word (killed, say), its value is None."""
    sys.stdout.flush()
    sys.stderr.flush()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send, end
        os.close(r)
        try:
            outcome: tuple[str, object] = ("value", child())
        except BaseException as exc:
            outcome = ("error", exc)
        try:
            try:
                data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that cannot be pickled: its words are enough
                data = pickle.dumps(("error", RuntimeError(str(outcome[1]))), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(w)
    try:
        mine = parent()
    except BaseException:
        os.close(r)
        os.kill(pid, signal.SIGTERM)  # its answer is not wanted any more
        os.waitpid(pid, 0)
        raise
    with os.fdopen(r, "rb") as inp:
        data = inp.read()
    os.waitpid(pid, 0)
    if not data:  # the child died before it could answer
        return None, mine
    kind, value = pickle.loads(data)
    if kind == "error":
        assert isinstance(value, BaseException)
        raise value
    return value, mine  # what ``child`` returned, through the pipe


def _word_plan(path: str) -> DocxPlan:
    """A Word file cut into its documents, not yet read; one InputError line on a bad package."""
    with _word_errors(path):
        return plan_docx(read_word_bytes(path), path, "new", STRUCTURE_STYLES)


@contextlib.contextmanager
def _word_errors(name: str) -> Iterator[None]:
    """A package that cannot be read (not a zip, damaged, encrypted, a zip bomb, not XML) as one line."""
    try:
        yield
    except (TextReadError, PackageError, etree.XMLSyntaxError, KeyError) as exc:
        raise InputError(f"{name}: {str(exc).strip(chr(39)) if isinstance(exc, KeyError) else exc}") from None


def _planned(plan: DocxPlan, results: Mapping[int, Result[Document]]) -> Result[list[Document]]:
    """The documents of a planned Word file, read (by their index), with every message in reading order; a
    document that stands twice in the file read as one, as ``read_docx`` reads it (``merge_repeated``)."""
    ordered = [results[k] for k in range(len(plan.sections))]
    messages = list(plan.messages)
    for r in ordered:
        messages += r.messages
    return Result(merge_repeated([r.value for r in ordered], messages), tuple(messages))


def _read_two_word(old: str, new: str, section: str | None) -> tuple[Result[list[Document]], Result[list[Document]]]:
    """Two Word files read at the same time, a document the same in both read once.  A child process forked
    for it cuts the old file into its documents while this one cuts the new (``plan_docx``) and sends it
    what each new document reads as (``DocxSection.digest``); the documents the old file shares word for
    word with the new (same text and notes, whatever version they name: ``shared_documents``) the child
    leaves, and reads the others, while this one reads every document of the new file.  A shared document
    is the new one's, its locations moved to where it stands in the old file and its version the old
    file's.  Should the child die without a word, the old file is read here after all; an error it met is
    raised here."""
    sys.stdout.flush()
    sys.stderr.flush()
    up_r, up_w = os.pipe()  # child -> here
    down_r, down_w = os.pipe()  # here -> child
    pid = os.fork()
    if pid == 0:
        os.close(up_r)
        os.close(down_w)
        _read_old_word(old, os.fdopen(up_w, "wb"), os.fdopen(down_r, "rb"))
    os.close(up_w)
    os.close(down_r)
    with os.fdopen(up_r, "rb") as up, os.fdopen(down_w, "wb", buffering=0) as down:
        try:
            plan_new = _word_plan(new)
            digests = [s.digest for s in plan_new.sections]
            with contextlib.suppress(BrokenPipeError):
                pickle.dump(digests, down, protocol=pickle.HIGHEST_PROTOCOL)
                down.flush()
            with _word_errors(new):
                news = {j: read_section(plan_new, j) for j in range(len(plan_new.sections))}
            got: tuple[DocxPlan, dict[int, Result[Document]]] | None = _received(up)
        except BaseException:
            os.kill(pid, signal.SIGTERM)  # its answer is not wanted any more
            os.waitpid(pid, 0)
            raise
    os.waitpid(pid, 0)
    second = choose_sections(_planned(plan_new, news), new, section)
    if got is None:  # the child died
        return _read_chosen(old, section), second
    plan_old, olds = got
    for k, j in shared_documents(digests, [s.digest for s in plan_old.sections]).items():
        olds[k] = relocated(news[j], plan_new.sections[j], plan_old.sections[k], old)
    return choose_sections(_planned(plan_old, olds), old, section), second


def shared_documents(new: list[str], old: list[str]) -> dict[int, int]:
    """The documents two files share word for word, by their digests: old index -> new index, each document
    that is once in each file."""
    once_new = {d: j for j, d in enumerate(new) if new.count(d) == 1}
    return {k: once_new[d] for k, d in enumerate(old) if d in once_new and old.count(d) == 1}


def _read_old_word(old: str, up: BinaryIO, down: BinaryIO) -> NoReturn:
    """The child of ``_read_two_word``: cut the old file, learn the new file's digests, read the documents the
    new file does not share, send the cut and them (or the error met), end without tearing its objects
    down."""
    try:
        try:
            plan = _word_plan(old)
            shared = shared_documents(pickle.load(down), [s.digest for s in plan.sections])
            with _word_errors(old):
                own = {k: read_section(plan, k) for k in range(len(plan.sections)) if k not in shared}
            _send(up, ("value", (plan, own)))
        except BaseException as exc:
            _send(up, ("error", exc))
    finally:
        os._exit(0)


def _send(out: BinaryIO, outcome: tuple[str, object]) -> None:
    """One value or error, pickled, through the pipe (an error that cannot be pickled: its words)."""
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        data = pickle.dumps(("error", RuntimeError(str(outcome[1]))), protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(BrokenPipeError):
        out.write(data)
        out.flush()


def _received(inp: BinaryIO) -> Any:
    """The next value the child sent; its error raised; None when it died without a word."""
    try:
        kind, value = pickle.load(inp)
    except EOFError:
        return None
    if kind == "error":
        assert isinstance(value, BaseException)
        raise value
    return value
