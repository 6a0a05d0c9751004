"""Consultation responses files (.csv and .xlsx): read, checked row by row, summarised."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from legal_text import Location
from sec_redline.errors import MetadataError
from sec_redline.report.responses import read_responses, summarise
from tests.sec_redline.report.lifecycle_support import EXAMPLES

WHERE = Location("record.yaml", 7)
HEADER = "respondent,category,confidential,Q1,Q1 comment\n"


def _read(tmp_path: Path, text: str, name: str = "r.csv", questions=("Q1",)):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_responses(path, list(questions), WHERE, "consultations[1].responses")


def _problems(tmp_path: Path, text: str, **kw) -> list[str]:
    with pytest.raises(MetadataError) as caught:
        _read(tmp_path, text, **kw)
    return caught.value.problems


def test_csv_as_excel_writes_it(tmp_path):
    """A byte order mark, headings in any case, blank rows, answers in any case counted together."""
    text = (
        "\ufeffRespondent,CATEGORY,Confidential,q1,Q1 Comment\n"
        "A (illustrative),large supplier,No,Yes,Fine.\n"
        ",,,,\n"
        "B (illustrative),Small Supplier,no,yes,\n"
        "C (illustrative),Small Supplier,yes,No,Hidden words\n"
    )
    responses = _read(tmp_path, text)
    assert [(r.row, r.respondent, r.category, r.confidential) for r in responses.rows] == [
        (2, "A (illustrative)", "Large Supplier", False),
        (4, "B (illustrative)", "Small Supplier", False),
        (5, "C (illustrative)", "Small Supplier", True),
    ]
    summary = summarise([("Q1", ["Do you agree?"])], responses)
    q = summary["questions"][0]
    assert q["answers"] == [{"answer": "Yes", "count": 2}, {"answer": "No", "count": 1}]
    assert q["columns"] == ["Yes"]
    assert q["by_category"] == [
        {"category": "Large Supplier", "counts": [1], "total": 1},
        {"category": "Small Supplier", "counts": [1], "total": 1},
    ]
    assert [n["respondent"] for n in q["named"]] == ["A (illustrative)", "B (illustrative)"]
    assert (summary["responses"], summary["confidential"]) == (3, 1)
    assert "Hidden" not in repr(summary) and "C (illustrative)" not in repr(summary)


def test_a_column_no_question_names_is_a_warning(tmp_path):
    responses = _read(tmp_path, HEADER.strip() + ",Notes\nA,DCC,no,Yes,,private note\n")
    assert [str(m) for m in responses.warnings] == [
        f"{tmp_path / 'r.csv'}: warning: row 1: column 'Notes' is no question's; its cells are not read"
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("respondent,category,Q1,Q1 comment\nA,DCC,Yes,\n", "row 1: no column 'confidential'"),
        (HEADER + "A,DCC,perhaps,Yes,\n", "row 2: 'confidential' must be yes or no, not 'perhaps'"),
        (HEADER + ",DCC,no,Yes,\n", "row 2: no respondent"),
        (HEADER + "A,Supplier,no,Yes,\n", "row 2: unknown category 'Supplier'"),
        ("respondent,category,confidential,Q1,Q1,Q1 comment\n", "row 1: column 'Q1' is given twice"),
        ("respondent,category,confidential,Q1\n", "row 1: no column 'Q1 comment' for question Q1"),
        (HEADER + 'A,DCC,no,Yes,"unterminated\n', "row 2: not readable as CSV"),
        (HEADER + "A,DCC,no,Yes,bell\x07\n", "row 2: holds"),
        ("", "row 1: no header row"),
    ],
)
def test_each_problem_names_the_file_and_row(tmp_path, text, problem):
    problems = _problems(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(f"{tmp_path / 'r.csv'}: {problem}"), problems


def test_every_problem_at_once(tmp_path):
    problems = _problems(tmp_path, HEADER + "A,Supplier,no,Yes,\n,DCC,maybe,No,\n")
    assert [p.split(": ", 1)[1].split(":")[0] for p in problems] == ["row 2", "row 3", "row 3"]


def test_a_file_that_cannot_be_read_is_said_where_the_record_names_it(tmp_path):
    with pytest.raises(MetadataError) as caught:
        read_responses(tmp_path / "absent.csv", ["Q1"], WHERE, "consultations[1].responses")
    assert caught.value.problems == [
        f"record.yaml:7: 'consultations[1].responses': {tmp_path / 'absent.csv'}: no such file"
    ]
    (tmp_path / "r.ods").write_text("x", encoding="utf-8")
    with pytest.raises(MetadataError, match=r"record\.yaml:7: .*r\.ods: give a \.csv or \.xlsx file"):
        read_responses(tmp_path / "r.ods", ["Q1"], WHERE, "consultations[1].responses")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"respondent,category\n", "not an Excel workbook (.xlsx): not a readable zip package"),
        (_zip({"word/document.xml": b"<w/>"}), "not an Excel workbook (.xlsx): it holds no xl/workbook.xml"),
        (_zip({"xl/workbook.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><workbook/>'}), "declares a DOCTYPE"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "not a readable Excel workbook (.xlsx)"),
    ],
    ids=["not-a-zip", "a-word-document", "doctype", "damaged"],
)
def test_an_xlsx_that_is_no_workbook(tmp_path, data, said):
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    with pytest.raises(MetadataError) as caught:
        read_responses(path, ["Q1"], WHERE, "consultations[1].responses")
    (problem,) = caught.value.problems
    assert problem.startswith(f"record.yaml:7: 'consultations[1].responses': {path}: ") and said in problem, problem


def test_an_xlsx_reads_as_its_csv_would(tmp_path):
    """The example's workbook, and the same rows written as CSV, give the same responses."""
    import csv

    import openpyxl

    workbook = EXAMPLES["Self-Governance"].parent / "mrc-responses.xlsx"
    book = openpyxl.load_workbook(workbook, read_only=True)
    rows = [["" if v is None else v for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    with (tmp_path / "same.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    ids = ["Q1", "Q2"]
    from_xlsx = read_responses(workbook, ids, WHERE, "f")
    from_csv = read_responses(tmp_path / "same.csv", ids, WHERE, "f")
    assert from_xlsx.rows == from_csv.rows and len(from_xlsx.rows) == 5
