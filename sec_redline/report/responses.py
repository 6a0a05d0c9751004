"""Consultation responses as data: the responses file (.csv or .xlsx) read and checked, and each question's
summary as the documents show it.

The file has one row a respondent: ``respondent``, ``category`` (one of RESPONDENT_CATEGORIES),
``confidential`` (yes or no), then for each question id ``Q`` a column ``Q`` (the answer) and a column
``Q comment``.  A problem is one line naming the file and row (``mrc.csv: row 4: ...``), exit 4.

A confidential response is counted by its answer and nothing else: its respondent, its category and its
words are never in a summary, so no document can show them.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from legal_text import Location, Message, error, warning
from legal_text.text_reader import forbidden_characters

from ..errors import InputError, MetadataError
from ..fileio import read_input_bytes
from .metadata import RESPONDENT_CATEGORIES

MAX_RESPONSES_BYTES = 16 * 1024 * 1024  # a consultation's responses: a few hundred kB at most
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # an .xlsx, inflated
MAX_ROWS = 10_000  # respondents (a consultation has tens)
MAX_CELLS = 1_000_000  # of a worksheet, its gaps filled: a consultation's has a few thousand
FIXED_COLUMNS = ("respondent", "category", "confidential")
COMMENT = " comment"

Rows = list[tuple[int, list[str]]]  # (row number, 1 for the header; the cells)


@dataclass(frozen=True)
class Response:
    """One respondent's row: who, their Party category, whether confidential, and per question id the
    answer and the comment (white space folded)."""

    row: int
    respondent: str
    category: str
    confidential: bool
    answers: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Responses:
    """The rows of a responses file, and what could not be placed in it (columns no question names)."""

    source: str
    rows: tuple[Response, ...]
    warnings: tuple[Message, ...] = ()


def _fold(value: object) -> str:
    """A cell as text, white space folded; a whole number as Excel shows it (3, not 3.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _csv_rows(data: bytes, name: str) -> Rows:
    """The rows of a UTF-8 CSV file (a byte order mark, as Excel writes it, allowed)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise MetadataError(error(f"row {row}: not UTF-8 text; save the responses as CSV UTF-8", name)) from None
    rows: Rows = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise MetadataError(error(f"more than {MAX_ROWS} responses; is this the right file?", name))
            rows.append((number, [_fold(c) for c in cells]))
    except csv.Error as exc:
        raise MetadataError(error(f"row {len(rows) + 1}: not readable as CSV ({exc})", name)) from None
    return rows


class NotAWorkbook(Exception):
    """A file named .xlsx that is no workbook a spreadsheet library may read: said where the record names it."""


def _check_workbook_package(data: bytes) -> None:
    """Refuse, before a spreadsheet library reads it, what is no workbook or could harm the reader: not a
    zip, encrypted or oddly compressed members, more than MAX_UNPACKED_BYTES inflated, a DOCTYPE (entities)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "xl/workbook.xml" not in z.namelist():
                raise NotAWorkbook("not an Excel workbook (.xlsx): it holds no xl/workbook.xml")
            total = 0
            for info in z.infolist():
                if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise NotAWorkbook(f"{info.filename} is encrypted or oddly compressed; re-save the workbook")
                member = _inflate(z, info, MAX_UNPACKED_BYTES - total)
                total += len(member)
                root = re.search(rb"<[A-Za-z_]", member)
                if b"<!DOCTYPE" in member[: root.start() if root else len(member)]:
                    raise NotAWorkbook(f"{info.filename} declares a DOCTYPE, which no workbook does")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise NotAWorkbook(f"not an Excel workbook (.xlsx): not a readable zip package ({_fold(exc)[:200]})") from None


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """One member's bytes, inflated while counting (a zip bomb stops at ``limit``)."""
    out = bytearray()
    with z.open(info) as fh:
        while chunk := fh.read(1 << 20):
            out += chunk
            if len(out) > limit:
                raise NotAWorkbook(f"unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB")
    return bytes(out)


def _xlsx_rows(data: bytes, name: str) -> Rows:
    """The rows of the first worksheet of an .xlsx workbook (its values, not its formulas)."""
    import openpyxl  # loaded when a workbook is first read, not by every command

    _check_workbook_package(data)
    rows: Rows = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it does not read
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                if hasattr(sheet, "reset_dimensions"):  # the rows as written, not padded to what the sheet claims
                    sheet.reset_dimensions()
                cells = 0
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells += len(values)
                    if number > MAX_ROWS + 1 or cells > MAX_CELLS:
                        too_many = f"{MAX_ROWS} responses" if number > MAX_ROWS + 1 else f"{MAX_CELLS:,} cells"
                        raise MetadataError(error(f"more than {too_many}; is this the right file?", name))
                    rows.append((number, [_fold(v) for v in values]))
            finally:
                book.close()
    except MetadataError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of exception on a damaged workbook
        raise NotAWorkbook(
            f"not a readable Excel workbook (.xlsx): {exc.__class__.__name__}: {_fold(exc)[:200]}"
        ) from None
    return rows


def _table(path: Path, name: str) -> Rows:
    """The file's rows, by its extension: .csv or .xlsx."""
    data = read_input_bytes(path, MAX_RESPONSES_BYTES, "a responses file (.csv or .xlsx)")
    return _xlsx_rows(data, name) if path.suffix.lower() == ".xlsx" else _csv_rows(data, name)


@dataclass(frozen=True)
class _Columns:
    """Where each column the reader places is: the fixed ones, and each question's answer and comment."""

    fixed: dict[str, int]
    answer: dict[str, int]
    comment: dict[str, int]


def _columns(header: list[str], questions: Sequence[str], name: str) -> tuple[_Columns, list[Message]]:
    """The header row's columns, every one that is missing an error and each one no question names a
    warning (its cells are not read)."""
    at: dict[str, int] = {}
    problems: list[Message] = []
    for i, heading in enumerate(header):
        key = heading.casefold()
        if key and key in at:
            problems.append(error(f"row 1: column {heading!r} is given twice", name))
        at.setdefault(key, i)
    fixed = {c: at[c] for c in FIXED_COLUMNS if c in at}
    first = ", ".join(FIXED_COLUMNS)
    problems += [error(f"row 1: no column {c!r} (the columns are {first}, then the questions')", name)
                 for c in FIXED_COLUMNS if c not in at]  # fmt: skip
    answer: dict[str, int] = {}
    comment: dict[str, int] = {}
    for qid in questions:
        missing = []
        for heading, found in ((qid, answer), (qid + COMMENT, comment)):
            if heading.casefold() in at:
                found[qid] = at[heading.casefold()]
            else:
                missing.append(repr(heading))
        if missing:
            columns = "column " + missing[0] if len(missing) == 1 else "columns " + " and ".join(missing)
            problems.append(error(f"row 1: no {columns} for question {qid}", name))
    placed = {*fixed.values(), *answer.values(), *comment.values()}
    unread = [warning(f"row 1: column {h!r} is no question's; its cells are not read", name)
              for i, h in enumerate(header) if h and i not in placed]  # fmt: skip
    return _Columns(fixed, answer, comment), problems + unread


def _cell(cells: list[str], i: int) -> str:
    return cells[i] if i < len(cells) else ""


def _response(number: int, cells: list[str], cols: _Columns, name: str) -> tuple[Response | None, list[Message]]:
    """One respondent's row, or the problems with it (each naming the row)."""
    respondent, category, confidential = (_cell(cells, cols.fixed[c]) for c in FIXED_COLUMNS)
    problems: list[Message] = []
    known = {c.casefold(): c for c in RESPONDENT_CATEGORIES}
    if not respondent:
        problems.append(error(f"row {number}: no respondent", name))
    if category.casefold() not in known:
        problems.append(
            error(f"row {number}: unknown category {category!r} (one of: {', '.join(RESPONDENT_CATEGORIES)})", name)
        )
    if confidential.casefold() not in ("yes", "no"):
        problems.append(error(f"row {number}: 'confidential' must be yes or no, not {confidential!r}", name))
    bad = next((found for c in cells if (found := forbidden_characters(c))), "")
    if bad:
        problems.append(error(f"row {number}: holds {bad}, a character no Word or HTML document may hold", name))
    if problems:
        return None, problems
    answers = {q: (_cell(cells, i), _cell(cells, cols.comment[q])) for q, i in cols.answer.items()}
    return Response(number, respondent, known[category.casefold()], confidential.casefold() == "yes", answers), []


def read_responses(path: str | Path, questions: Sequence[str], named_at: Location, field: str) -> Responses:
    """The responses file at ``path`` for a consultation asking ``questions`` (their ids); ``named_at`` and
    ``field``: where the record names the file, for a file that cannot be read (missing, not a workbook).
    Every problem is raised at once (MetadataError, exit 4), each naming the file and row."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() not in (".csv", ".xlsx"):
        raise MetadataError(error(f"'{field}': {name}: give a .csv or .xlsx file", named_at))
    try:
        rows = _table(p, name)
    except InputError as exc:
        raise MetadataError(error(f"'{field}': {exc}", named_at)) from None
    except NotAWorkbook as exc:
        raise MetadataError(error(f"'{field}': {name}: {exc}", named_at)) from None
    rows = [(n, cells) for n, cells in rows if any(cells)]  # a blank row is no respondent
    if not rows or rows[0][0] != 1:
        raise MetadataError(
            error("row 1: no header row (respondent, category, confidential, then the questions)", name)
        )
    cols, problems = _columns(rows[0][1], questions, name)
    if any(m.level == "error" for m in problems):
        raise MetadataError([m for m in problems if m.level == "error"])
    found: list[Response] = []
    for number, cells in rows[1:]:
        response, wrong = _response(number, cells, cols, name)
        problems += wrong
        if response is not None:
            found.append(response)
    if any(m.level == "error" for m in problems):
        raise MetadataError([m for m in problems if m.level == "error"])
    return Responses(name, tuple(found), tuple(problems))


# --- the summary the documents show ---------------------------------------------------------------------


class AnswerCount(TypedDict):
    """An answer ("" for none) and how many responses gave it."""

    answer: str
    count: int


class CategoryRow(TypedDict):
    """A Party category's non-confidential answers: a count under each of the question's ``columns``."""

    category: str
    counts: list[int]
    total: int


class NamedAnswer(TypedDict):
    """A non-confidential respondent's answer to a question and their comment."""

    respondent: str
    category: str
    answer: str
    comment: str


class QuestionSummary(TypedDict):
    """One question: its id and words; its answers counted over every response (confidential ones too);
    the non-confidential answers by Party category; each non-confidential respondent's answer."""

    id: str
    text: list[str]
    answers: list[AnswerCount]
    total: int
    columns: list[str]
    by_category: list[CategoryRow]
    named: list[NamedAnswer]


class ResponsesSummary(TypedDict):
    """A consultation's responses: how many, how many confidential, the non-confidential ones by Party
    category, and each question's summary."""

    responses: int
    confidential: int
    categories: list[tuple[str, int]]
    questions: list[QuestionSummary]


ANSWER_ORDER = ("yes", "no", "neutral")  # shown first, in this order; other answers as they first come


def _answer_order(spellings: dict[str, str]) -> list[str]:
    """The answers' keys (casefolded), the usual ones first, no answer ("") last."""
    usual = [a for a in ANSWER_ORDER if a in spellings]
    others = [a for a in spellings if a not in ANSWER_ORDER and a]
    return usual + others + ([""] if "" in spellings else [])


def _spellings(rows: Sequence[Response], qid: str) -> dict[str, str]:
    """Each answer's key (casefolded) and how it is shown: as the first non-confidential response writes it
    (a confidential one's only where no other gives that answer)."""
    out: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r.confidential):  # stable: file order within each
        answer = r.answers[qid][0]
        out.setdefault(answer.casefold(), answer)
    return out


def summarise_question(qid: str, text: list[str], rows: Sequence[Response]) -> QuestionSummary:
    """Question ``qid``'s answers: counted over all ``rows``; by category and by name over the
    non-confidential ones."""
    shown = _spellings(rows, qid)
    order = _answer_order(shown)
    counts = {key: sum(1 for r in rows if r.answers[qid][0].casefold() == key) for key in order}
    public = [r for r in rows if not r.confidential]
    columns = [key for key in order if any(r.answers[qid][0].casefold() == key for r in public)]
    by_category: list[CategoryRow] = []
    for category in RESPONDENT_CATEGORIES:
        mine = [r.answers[qid][0].casefold() for r in public if r.category == category]
        if mine:
            by_category.append(
                {"category": category, "counts": [mine.count(key) for key in columns], "total": len(mine)}
            )
    named: list[NamedAnswer] = [
        {"respondent": r.respondent, "category": r.category, "answer": r.answers[qid][0], "comment": r.answers[qid][1]}
        for r in public
        if any(r.answers[qid])
    ]
    return {
        "id": qid,
        "text": text,
        "answers": [{"answer": shown[key], "count": counts[key]} for key in order],
        "total": len(rows),
        "columns": [shown[key] for key in columns],
        "by_category": by_category,
        "named": named,
    }


def summarise(questions: Sequence[tuple[str, list[str]]], responses: Responses) -> ResponsesSummary:
    """The summary of a consultation asking ``questions`` ((id, paragraphs) each) of its ``responses``."""
    public = [r for r in responses.rows if not r.confidential]
    return {
        "responses": len(responses.rows),
        "confidential": len(responses.rows) - len(public),
        "categories": [(c, n) for c in RESPONDENT_CATEGORIES if (n := sum(1 for r in public if r.category == c))],
        "questions": [summarise_question(qid, text, responses.rows) for qid, text in questions],
    }
