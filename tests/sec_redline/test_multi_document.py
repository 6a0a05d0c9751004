"""Modifications across documents (issue 14): a folder base of Section A, Section G and Appendix AD
(examples/mp900-multi, illustrative but for Section G's wording), its change set touching all three (a new
definition, MP087's insertion, Appendix paragraphs and a table's rows), one Annex A over them in the code's
order, ``apply`` into a folder, ``diff``/``changeset``/``verify`` on folders, table operations and their
errors, and an Appendix whose numbers are Word list numbering made by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from legal_text import ClauseRef, read_docx
from sec_redline.annex import build_annex
from sec_redline.apply import apply_changesets
from sec_redline.changes import documents_touched, load_changeset, load_changeset_text
from sec_redline.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, ChangeSetError
from sec_redline.fileio import read_sections
from tests.redline_expect import expected_side, region_after
from tests.support import ROOT, lo_lists, lo_read, normalise_ws, requires_libreoffice, run_cli
from tests.tools.ooxml_validate import schema_dir, validate_package

EXAMPLE = ROOT / "examples" / "mp900-multi"
BASE = EXAMPLE / "base"
CHANGES = EXAMPLE / "mp900.changes.yaml"
GOLDEN = ROOT / "tests" / "golden" / "mp900"
NAME_AD = "appendix-AD.txt"
DAY = "2024-05-01"

HEADER = """modification: MP901
title: "Illustrative"
base: "6.17"
author: SECAS
date: 2024-05-01
changes:
"""


def _docs():
    return read_sections(BASE).value


def _apply(changes: str, docs=None):
    cs = load_changeset_text(HEADER + changes, "cs.yaml")
    return apply_changesets(docs if docs is not None else _docs(), [cs]).value


def _table(docs, caption="Table 28a"):
    return next(c for d in docs for c in d.clauses() if c.kind == "table" and c.label.startswith(caption))


# --- the folder base ------------------------------------------------------------------------------


def test_a_folder_base_is_its_documents_in_the_codes_order():
    docs = _docs()
    assert [(d.heading, Path(d.source).name, d.version) for d in docs] == [
        ("Section A 'Definitions and Interpretation'", "section-A.txt", "6.17"),
        ("Section G 'Security'", "section-G.txt", "6.17"),
        ("Appendix AD 'DCC User Interface Specification'", "appendix-AD.txt", "6.17"),
    ]
    r = run_cli("parse", BASE, "--strict", "--format", "refs")
    assert r.returncode == EXIT_OK, r.stderr
    assert r.stdout.splitlines()[-6:] == ["AD 1.1", "AD 1.2", "AD 1.2(a)", "AD 1.2(b)", "AD 2.1", "AD 2.2"]
    one = run_cli("parse", BASE, "--section", "Appendix AD", "--format", "refs")
    assert one.stdout.splitlines() == ["AD 1.1", "AD 1.2", "AD 1.2(a)", "AD 1.2(b)", "AD 2.1", "AD 2.2"]


def test_a_folder_base_that_cannot_be_one_is_one_line(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli("parse", empty)
    assert (r.returncode, r.stderr.strip()) == (
        EXIT_INPUT,
        f"sec-redline: error: {empty}: is a folder with no .txt or .docx file; a folder base holds one file a "
        f"document (Section A, Section G, Appendix AD, ...)",
    )
    twice = tmp_path / "twice"
    shutil.copytree(BASE, twice)
    shutil.copy(BASE / "section-G.txt", twice / "section-G-copy.txt")
    r = run_cli("apply", twice, CHANGES, "-o", tmp_path / "out")
    assert r.returncode == EXIT_INPUT
    assert r.stderr.strip() == (
        f"sec-redline: error: {twice / 'section-G.txt'}: Section G is also in {twice / 'section-G-copy.txt'}; "
        f"a folder base holds each document once"
    )
    untitled = tmp_path / "untitled"
    shutil.copytree(BASE, untitled)
    (untitled / "notes.txt").write_text("1.1 Illustrative paragraph with no title line.\n", encoding="utf-8")
    r = run_cli("apply", untitled, CHANGES, "-o", tmp_path / "out")
    assert r.returncode == EXIT_INPUT and "notes.txt: has no title line naming its document" in r.stderr
    assert not (tmp_path / "out").exists()


def test_apply_writes_every_document_of_the_folder_under_its_name(tmp_path):
    out = tmp_path / "amended"
    r = run_cli("apply", BASE, CHANGES, "-o", out)
    assert r.returncode == EXIT_OK, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["appendix-AD.txt", "section-A.txt", "section-G.txt"]
    # Read by a person against the change set: the golden files are what the example must give.
    for name in ("appendix-AD.txt", "section-A.txt", "section-G.txt"):
        assert (out / name).read_text(encoding="utf-8") == (GOLDEN / name).read_text(encoding="utf-8"), name
    again = run_cli("apply", BASE, CHANGES, "-o", tmp_path / "again")
    assert again.returncode == EXIT_OK
    assert all((out / n).read_bytes() == (tmp_path / "again" / n).read_bytes() for n in ("section-A.txt",))
    # The folder's own files are never written to.
    r = run_cli("apply", tmp_path / "amended", CHANGES, "-o", tmp_path / "amended")
    assert r.returncode == EXIT_OUTPUT and "refusing to write over the input" in r.stderr
    file_out = tmp_path / "file.txt"
    file_out.write_text("x", encoding="utf-8")
    r = run_cli("apply", BASE, CHANGES, "-o", file_out)
    assert r.returncode == EXIT_OUTPUT and "is a file; with a folder base" in r.stderr


def test_a_whole_code_file_as_base_gives_one_whole_code_file(tmp_path):
    code = tmp_path / "code.txt"
    code.write_text(
        "\n".join(
            (BASE / n).read_text(encoding="utf-8") for n in ("section-A.txt", "section-G.txt", "appendix-AD.txt")
        ),
        encoding="utf-8",
    )
    r = run_cli("apply", code, CHANGES, "-o", tmp_path / "amended.txt")
    assert r.returncode == EXIT_OK, r.stderr
    whole = (tmp_path / "amended.txt").read_text(encoding="utf-8")
    golden = "\n".join((GOLDEN / n).read_text(encoding="utf-8") for n in ("section-A.txt", "section-G.txt"))
    assert whole == golden + "\n" + (GOLDEN / "appendix-AD.txt").read_text(encoding="utf-8")


def test_the_change_set_touches_three_documents_and_the_report_names_them():
    cs = load_changeset(CHANGES)
    assert documents_touched(cs, _docs()) == [("section", "A"), ("section", "G"), ("appendix", "AD")]
    assert documents_touched(cs) == [("section", "A"), ("section", "G"), ("appendix", "AD")]


# --- the Annex A over several documents ---------------------------------------------------------------


@pytest.fixture(scope="module")
def annex_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mp900")
    for name, extra in (("part", ()), ("all", ("--context", "all"))):
        r = run_cli("redline", BASE, CHANGES, "-o", out / name, "--no-pdf", *extra)
        assert r.returncode == EXIT_OK, r.stderr
    return out


def _model(context: str):
    docs = _docs()
    cs = load_changeset(CHANGES)
    from legal_text import diff_documents

    amended = apply_changesets(docs, [cs]).value
    return build_annex([diff_documents(o, n) for o, n in zip(docs, amended, strict=True)], cs, context)


def test_one_annex_a_in_the_codes_order_with_secas_instructions(annex_dir):
    annex = _model("part")
    assert [(s.heading, [b.instruction for b in s.blocks]) for s in annex.sections] == [
        (
            "Section A 'Definitions and Interpretation'",
            ["Insert the following new definition in the appropriate alphabetical order:"],
        ),
        ("Section G 'Security'", ["Amend Section G3.20 as follows:"]),
        (
            "Appendix AD 'DCC User Interface Specification'",
            ["Amend Appendix AD paragraph 1.2 as follows:", "Amend Table 28a in Appendix AD paragraph 2.1 as follows:"],
        ),
    ]
    # The definitions clause shows the definition it adds, not every definition.
    (a11,) = [e for e in annex.sections[0].blocks[0].entries if hasattr(e, "ref") and str(e.ref) == "A1.1"]
    assert [str(c.ref) for c in a11.children] == ['A1.1["SMETS2+ Device"]']
    html = (annex_dir / "part" / "annex-a.html").read_text(encoding="utf-8")
    headings = [h for h in ("Section A &#39;", "Section G &#39;", "Appendix AD &#39;") if h in html]
    assert [html.index(h) for h in headings] == sorted(html.index(h) for h in headings) and len(headings) == 3
    assert '<tr class="row-inserted">' in html and '<tr class="row-deleted">' in html


@requires_libreoffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("context", ["all", "part"])
def test_libreoffice_accept_all_is_the_amended_documents_and_reject_all_the_base(annex_dir, context):
    annex = _model(context)
    (view,) = lo_read("lo_revisions.py", annex_dir / context / "annex-a.docx")
    first = annex.sections[0].heading
    assert region_after(view["accept_all"], first) == expected_side(annex, "new")
    assert region_after(view["reject_all"], first) == expected_side(annex, "old")
    assert not view["accept_all_remaining"] and not view["reject_all_remaining"]
    kinds = sorted({r["type"] for r in view["revisions"]})
    assert kinds == ["Delete", "Insert"]
    if context == "all":
        # Every word of every document is there: the accepted text is the amended folder, the rejected the base.
        amended = apply_changesets(_docs(), [load_changeset(CHANGES)]).value
        from legal_text.text_writer import clause_plain_text

        accepted = normalise_ws(" ".join(view["accept_all"]).replace("\t", " "))
        rejected = normalise_ws(" ".join(view["reject_all"]).replace("\t", " "))
        for doc in amended:
            for c in doc.body:
                if hasattr(c, "ref"):
                    assert normalise_ws(clause_plain_text(c)) in accepted, c.ref
        for doc in _docs():
            for c in doc.body:
                if hasattr(c, "ref"):
                    assert normalise_ws(clause_plain_text(c)) in rejected, c.ref


@pytest.fixture(scope="module")
def word_folder(tmp_path_factory) -> Path:
    """The example's base with its Appendix as a Word document, and that folder amended by ``apply``."""
    from sec_redline.render import render_document_docx

    top = tmp_path_factory.mktemp("word-folder")
    base = top / "base"
    base.mkdir()
    for name in ("section-A.txt", "section-G.txt"):
        shutil.copy(BASE / name, base / name)
    (appendix,) = read_sections(BASE / NAME_AD).value
    (base / "appendix-AD.docx").write_bytes(render_document_docx(appendix))
    r = run_cli("apply", base, CHANGES, "-o", top / "amended")
    assert r.returncode == EXIT_OK, r.stderr
    return top


def test_a_word_document_of_a_folder_base_is_written_back_as_word(word_folder):
    out = word_folder / "amended"
    assert sorted(p.name for p in out.iterdir()) == ["appendix-AD.docx", "section-A.txt", "section-G.txt"]
    (back,) = read_sections(out / "appendix-AD.docx").value
    (golden,) = read_sections(GOLDEN / NAME_AD).value
    assert back.identity == golden.identity and back.body == golden.body


def test_every_part_of_the_annex_and_of_an_amended_word_appendix_validates(annex_dir, word_folder):
    directory = schema_dir()
    for docx in (
        annex_dir / "part" / "annex-a.docx",
        annex_dir / "all" / "annex-a.docx",
        word_folder / "amended" / "appendix-AD.docx",
    ):
        assert "word/document.xml" in zipfile.ZipFile(docx).namelist()
        assert validate_package(docx, directory) == [], docx


def test_verify_diff_and_changeset_work_on_folders(annex_dir, tmp_path):
    annex = annex_dir / "part" / "annex-a.docx"
    r = run_cli("verify", annex, BASE)
    assert r.returncode == EXIT_OK, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Section A", "Section G", "Appendix AD"]
    assert all(line.endswith("consistent.") for line in lines)
    # A base that is not the one the redline was drafted against fails, naming the provision.
    other = tmp_path / "other"
    shutil.copytree(BASE, other)
    ad = other / "appendix-AD.txt"
    ad.write_text(ad.read_text(encoding="utf-8").replace("Free text from the User", "Any text"), encoding="utf-8")
    r = run_cli("verify", annex, other)
    assert r.returncode == 1 and "AD 2.1" in r.stdout
    amended = tmp_path / "amended"
    assert run_cli("apply", BASE, CHANGES, "-o", amended).returncode == EXIT_OK
    r = run_cli("diff", BASE, amended, "-o", tmp_path / "c.json", "-o", tmp_path / "c.html")
    import jsonschema

    comparison = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    jsonschema.validate(comparison, json.loads((ROOT / "docs" / "comparison.schema.json").read_text(encoding="utf-8")))
    assert comparison["sections"] == ["A", "G", "Appendix AD"]
    assert '<option value="Appendix AD">Appendix AD</option>' in (tmp_path / "c.html").read_text(encoding="utf-8")
    assert r.stdout.splitlines() == [
        'inserted  A1.1["SMETS2+ Device"]',
        "amended   G3.20(b)",
        "amended   AD 1.2(a)",
        "amended   AD 1.2(b)",
        "inserted  AD 1.2(c)",
        "amended   AD 2.1 Table 28a (1 row inserted, 1 row deleted, 1 row amended)",
        "4 amended, 2 inserted, 0 deleted (clauses and paragraphs).",
    ]
    assert r.stderr.splitlines() == [f"wrote {tmp_path / 'c.json'}", f"wrote {tmp_path / 'c.html'}"]
    cs_path = tmp_path / "derived.yaml"
    r = run_cli(
        "changeset", BASE, amended, "-o", cs_path, "--modification", "MP902", "--title", "t", "--date", "2024-05-01"
    )
    assert r.returncode == EXIT_OK, r.stderr
    derived = load_changeset(cs_path)
    got = apply_changesets(_docs(), [derived]).value
    want = read_sections(amended).value
    assert [d.body for d in got] == [d.body for d in want]
    text = cs_path.read_text(encoding="utf-8")
    assert "remove row: Comment" in text and "after row: Priority" in text and "column: Mandatory" in text


# --- table operations -------------------------------------------------------------------------------


def test_table_rows_and_cells_change_as_said():
    docs = _apply(
        """  - table: "Table 28a"
    add row: ["Channel", "How the request came (illustrative)", "No"]
    before row: 2
  - table: "Table 28a"
    remove row: "Priority"
  - table: "table 28A"
    document: Appendix AD
    row: "Comment"
    column: 2
    blank: true
"""
    )
    assert _table(docs).rows == (
        ("Field", "Meaning", "Mandatory"),
        ("Channel", "How the request came (illustrative)", "No"),
        ("RequestID", "The identifier the User gives the request", "Yes"),
        ("Comment", "N/A", "No"),
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            '  - table: "Table 29"\n    remove row: "Priority"\n',
            "no table captioned 'Table 29' in the base text; nearest: 'Table 28a'",
        ),
        (
            '  - table: "Table 28a"\n    remove row: "Priorty"\n',
            "Table 28a has no row whose first cell says 'Priorty'; nearest: 'Priority'",
        ),
        ('  - table: "Table 28a"\n    add row: ["a", "b"]\n', "the new row has 2 cells, but Table 28a has 3 columns"),
        ('  - table: "Table 28a"\n    remove row: 1\n', "row 1 is the header row of Table 28a"),
        ('  - table: "Table 28a"\n    remove row: 9\n', "Table 28a has 4 rows, so it has no row 9"),
        (
            '  - table: "Table 28a"\n    row: "Priority"\n    column: "Urgency"\n    text: "x"\n',
            "Table 28a has no column whose header says 'Urgency'",
        ),
        (
            '  - table: "Table 28a"\n    row: "Priority"\n    column: 3\n    text: "Yes"\n',
            "of Table 28a already says 'Yes'",
        ),
        (
            '  - table: "Table 28a"\n    document: G\n    remove row: "Priority"\n',
            "no table captioned 'Table 28a' in G in the base text",
        ),
    ],
)
def test_each_table_problem_is_one_clear_line(change, problem):
    with pytest.raises(ChangeSetError) as caught:
        _apply(change)
    (message,) = caught.value.messages
    assert problem in message.text and message.where.line is not None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ('  - table: "28a"\n    remove row: "x"\n', "'table' names a table by its caption's number"),
        ('  - table: "Table 28a"\n    add row: "x"\n', "'add row' must be a list of the new row's cells"),
        ('  - table: "Table 28a"\n    row: "x"\n    text: "y"\n', "'row:' needs 'column:'"),
        ('  - table: "Table 28a"\n    row: "x"\n    column: 1\n    blank: false\n', "'blank' is 'true' or left out"),
        ('  - table: "Table 28a"\n    remove row: "x"\n    column: 1\n', "'column:' does not go with 'remove row:'"),
    ],
)
def test_a_table_operation_written_wrong_is_reported_with_its_line(change, problem):
    with pytest.raises(ChangeSetError) as caught:
        load_changeset_text(HEADER + change, "cs.yaml")
    assert any(problem in m.text and m.where.line for m in caught.value.messages), caught.value.messages


def test_two_modifications_changing_one_row_conflict_naming_both():
    first = load_changeset_text(
        HEADER + '  - table: "Table 28a"\n    row: "Priority"\n    column: 3\n    text: "No"\n', "a.yaml"
    )
    second = load_changeset_text(
        HEADER.replace("MP901", "MP902") + '  - table: "Table 28a"\n    remove row: "Priority"\n', "b.yaml"
    )
    with pytest.raises(ChangeSetError) as caught:
        apply_changesets(_docs(), [first, second])
    (message,) = caught.value.messages
    assert "conflicts with MP901 (a.yaml:" in message.text and "the row 'Priority' of Table 28a" in message.text
    # Different rows of one table do not conflict.
    other = load_changeset_text(
        HEADER.replace("MP901", "MP902") + '  - table: "Table 28a"\n    remove row: "Comment"\n', "c.yaml"
    )
    assert len(_table(apply_changesets(_docs(), [first, other]).value).rows) == 3


def test_a_reference_into_an_appendix_names_its_paragraph():
    docs = _apply('  - in: AD 1.2(a)\n    replace: "Service Request"\n    with: "request (illustrative)"\n')
    ad = docs[-1]
    assert ad.find(ClauseRef.parse("AD 1.2(a)")).text.startswith("send each request (illustrative) in the form")
    with pytest.raises(ChangeSetError) as caught:
        _apply('  - in: AD 1.3\n    text: "x"\n')
    assert "no such clause in the base text; nearest existing: AD 1.2" in caught.value.messages[0].text
    with pytest.raises(ChangeSetError) as caught:
        _apply('  - in: AB 1.1\n    text: "x"\n')
    assert "no such clause" in caught.value.messages[0].text


# --- an Appendix whose numbers are Word list numbering ---------------------------------------------------

APPENDIX_LIST = [
    {"type": "decimal", "format": "%1%"},
    {"type": "decimal", "format": "%1%.%2%"},
    {"type": "decimal", "format": "%1%.%2%.%3%"},
    {"type": "lowerLetter", "format": "(%4%)"},
    {"type": "lowerRoman", "format": "(%5%)"},
]


def _appendix_spec() -> dict:
    """Appendix AD with 1 / 1.1 / 1.1.1 / (a) / (i) drawn by one list, a restart at 5, and a tracked insertion
    (illustrative wording)."""
    rows = [
        (0, "Introduction (illustrative)"),
        (1, "This Appendix is illustrative wording written for a test, not SEC text."),
        (1, "Each User shall (illustrative):"),
        (3, "send each request as this Appendix says; and"),
        (4, "keep a copy of it; or"),
        (4, "say why it did not;"),
        (3, "keep a record of each response it receives."),
        (0, "Requests (illustrative)"),
        (1, "Sending (illustrative)"),
        (2, "A request shall be sent as the DCC publishes (illustrative)."),
        (2, "The DCC shall answer each request (illustrative)."),
    ]
    paras: list[dict] = [{"text": "Appendix AD 'DCC User Interface Specification'"}, {"text": "SEC Version 6.17"}]
    paras += [{"text": t, "list": "Appendix", "level": lvl} for lvl, t in rows]
    paras.append({"text": "Responses (illustrative)", "list": "Appendix", "level": 0, "restart": True, "start": 5})
    paras.append(
        {"text": "The DCC shall keep each response for a year (illustrative).", "list": "Appendix", "level": 1}
    )
    return {
        "lists": {"Appendix": APPENDIX_LIST},
        "paragraphs": paras,
        "track": [{"after": "keep a record", "insert": " and a copy"}],
    }


@requires_libreoffice
@pytest.mark.libreoffice
def test_a_word_appendix_numbered_by_lists_reads_as_libreoffice_numbers_it(tmp_path):
    spec = tmp_path / "ad.json"
    spec.write_text(json.dumps(_appendix_spec()), encoding="utf-8")
    docx = tmp_path / "ad.docx"
    lo_lists("build", str(spec), str(docx))
    (seen,) = lo_lists("labels", str(docx))
    for side, view in (("new", "accept_all"), ("old", "reject_all")):
        (doc,) = read_docx(docx.read_bytes(), "ad.docx", side).value
        assert doc.identity == ("appendix", "AD")
        # The numbers LibreOffice shows, as references: "1.2" -> AD 1.2; "(a)" under the last number.
        shown, number = [], ""
        for p in seen[view]:
            label = p["label"]
            if not label:
                continue
            if label[0].isdigit():
                number = label
                if "." in label:
                    shown.append(f"AD {label}")
            else:
                shown.append(f"AD {number}" + "".join(f"({x.strip('()')})" for x in [label]))
        ours = [str(r) for r in doc.refs()]
        expected = []
        for ref in shown:  # (i) sits under (a): its reference carries both
            if ref.endswith(("(i)", "(ii)")):
                parent = next(e for e in reversed(expected) if e.count("(") == 1)
                expected.append(parent + ref[ref.index("(") :])
            else:
                expected.append(ref)
        assert ours == expected
        assert "AD 5.1" in ours and "AD 3.1" not in ours  # the restart at 5 is followed
    (new,) = read_docx(docx.read_bytes(), "ad.docx", "new").value
    assert new.find(ClauseRef.parse("AD 1.2(b)")).text == "keep a record and a copy of each response it receives."
    # A change set names the paragraphs by the numbers Word shows.
    cs = load_changeset_text(HEADER + '  - in: AD 2.1.2\n    replace: "each request"\n    with: "every request"\n', "x")
    (after,) = apply_changesets([new], [cs]).value
    assert after.find(ClauseRef.parse("AD 2.1.2")).text == "The DCC shall answer every request (illustrative)."
    r = run_cli("redline", docx, tmp_path / "cs.yaml", "-o", tmp_path / "annex")  # no such file: one line
    assert r.returncode == EXIT_INPUT
    (tmp_path / "cs.yaml").write_text(
        HEADER + '  - in: AD 5.1\n    replace: "a year"\n    with: "two years"\n', encoding="utf-8"
    )
    r = run_cli("redline", docx, tmp_path / "cs.yaml", "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_OK, r.stderr
    html = (tmp_path / "annex" / "annex-a.html").read_text(encoding="utf-8")
    assert "Amend Appendix AD paragraph 5.1 as follows:" in html


# --- the report ------------------------------------------------------------------------------------------


def test_the_report_names_every_document_the_change_set_touches(tmp_path):
    report = EXAMPLE / "mp900.report.yaml"
    args = ["--changes", CHANGES, "--base", BASE, "--documents", "modification-report"]
    r = run_cli("report", report, *args, "-o", tmp_path / "named")
    wrote = [f"wrote {tmp_path / 'named' / 'modification-report'}.{x}" for x in ("docx", "html", "md")]
    assert r.returncode == EXIT_OK and r.stdout == "" and r.stderr.splitlines() == wrote, r.stderr
    md = (tmp_path / "named" / "modification-report.md").read_text(encoding="utf-8")
    impacted = md.split("The following parts of the SEC will be impacted:", 1)[1].split("###", 1)[0]
    assert impacted.split("\n- ")[1:] == [
        "Section A 'Definitions and Interpretation'",
        "Section G 'Security'",
        "Appendix AD 'DCC User Interface Specification'\n\n",
    ]
    # Metadata naming only Section G: the other two are computed, and the report says it did not name them.
    partial = tmp_path / "partial.yaml"
    text = report.read_text(encoding="utf-8")
    text = text.replace("    - \"Section A 'Definitions and Interpretation'\"\n", "")
    partial.write_text(text.replace("    - \"Appendix AD 'DCC User Interface Specification'\"\n", ""), encoding="utf-8")
    r = run_cli("report", partial, *args, "-o", tmp_path / "partial")
    assert r.returncode == EXIT_OK
    assert "the change set changes Section A, which the report does not name as impacted" in r.stderr
    assert "the change set changes Appendix AD, which the report does not name as impacted" in r.stderr
    md = (tmp_path / "partial" / "modification-report.md").read_text(encoding="utf-8")
    assert "- Appendix AD 'DCC User Interface Specification'" in md


def test_an_annex_a_reads_only_the_documents_its_change_set_needs(tmp_path):
    from sec_redline.changes import documents_needed

    named = tmp_path / "named.yaml"
    named.write_text(
        CHANGES.read_text(encoding="utf-8").replace('"Table 28a"\n', '"Table 28a"\n    document: Appendix AD\n'),
        encoding="utf-8",
    )
    assert documents_needed(load_changeset(named)) == {("section", "A"), ("section", "G"), ("appendix", "AD")}
    removal = load_changeset_text(HEADER + "  - remove: G3.21\n", "r.yaml")
    assert documents_needed(removal) is None  # references to G3.21 may stand in any document
    unnamed = load_changeset_text(HEADER + '  - table: "Table 28a"\n    remove row: "Comment"\n', "t.yaml")
    assert documents_needed(unnamed) is None  # which document holds Table 28a is only known by reading all
    # A document the change set does not touch is not read for its Annex A, so a fault in it does not stop
    # the redline; parse, which reads every document, reports it.
    base = tmp_path / "base"
    shutil.copytree(BASE, base)
    (base / "section-H.txt").write_bytes(b"Section H 'Illustrative'\n\nH1.1 Illustrative words \x00 and a NUL.\n")
    r = run_cli("redline", base, named, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == EXIT_OK, r.stderr
    assert (tmp_path / "annex" / "annex-a.html").read_text(encoding="utf-8").count("<h2>") == 4  # Annex A + 3
    r = run_cli("redline", base, CHANGES, "-o", tmp_path / "all-read", "--no-pdf")  # a table with no document:
    assert r.returncode == EXIT_INPUT and "section-H.txt" in r.stderr  # every document is read
    r = run_cli("parse", base)
    assert r.returncode == EXIT_INPUT and "section-H.txt" in r.stderr


@requires_libreoffice
@pytest.mark.libreoffice
def test_definitions_as_rows_of_a_two_column_table(tmp_path):
    """--definitions table: Section A's definitions as rows (term | definition), as Section A is published;
    the new definition is an inserted row, which LibreOffice's Reject All takes away whole."""
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path, "--no-pdf", "--definitions", "table", "--context", "all")
    assert r.returncode == EXIT_OK, r.stderr
    html = (tmp_path / "annex-a.html").read_text(encoding="utf-8")
    assert "Insert the following new definition in the appropriate alphabetical order:" in html
    row = '<tr class="row-inserted"><td><ins>SMETS2+ Device</ins></td>'
    assert row in html
    (view,) = lo_read("lo_revisions.py", tmp_path / "annex-a.docx")
    accepted, rejected = view["accept_all"], view["reject_all"]
    k = accepted.index("SMETS2+ Device")
    assert accepted[k - 2 : k + 2] == [
        "Service Request",
        "means an illustrative definition written for this example.",
        "SMETS2+ Device",
        "means an illustrative definition written for this example.",
    ]
    assert "SMETS2+ Device" not in rejected and "Communications Hub Function" in rejected
    # Read back, the rows are Section A's definitions again: the redline verifies against the base.
    r = run_cli("verify", tmp_path / "annex-a.docx", BASE)
    assert r.returncode == EXIT_OK, r.stdout


def test_structure_changes_in_an_appendix_are_compared_and_derived(tmp_path):
    """Adding, renumbering and removing Appendix paragraphs and adding a group heading: diff names
    them by Appendix references, and the change set derived from the result reproduces it."""
    ops = """  - add: AD 1.2A
    after: AD 1.2
    text: "An inserted paragraph (illustrative)."
  - renumber: AD 2.2
    to: AD 2.3
  - remove: AD 1.2(b)
  - add heading: "3 New Group (illustrative)"
    before: AD 2.3
"""
    (changes := tmp_path / "ops.yaml").write_text(HEADER + ops, encoding="utf-8")
    after = tmp_path / "after.txt"
    assert run_cli("apply", BASE / NAME_AD, changes, "-o", after).returncode == EXIT_OK
    (doc,) = read_sections(after).value
    heading = [h for h in doc.body if not hasattr(h, "ref")][-1]
    assert (heading.kind, heading.label, heading.text) == ("group", "3", "New Group (illustrative)")
    r = run_cli("diff", BASE / NAME_AD, after)
    assert r.stdout.splitlines() == [
        "deleted   AD 1.2(b)",
        "inserted  AD 1.2A",
        "inserted  heading '3 New Group (illustrative)'",
        "renumbered AD 2.2 -> AD 2.3",
        "0 amended, 2 inserted, 1 deleted, 1 renumbered (clauses and paragraphs).",
    ]
    derived = tmp_path / "derived.yaml"
    r = run_cli(
        "changeset", BASE / NAME_AD, after, "-o", derived, "--modification", "MP905", "--title", "t", "--date", DAY
    )
    assert r.returncode == EXIT_OK, r.stderr
    (again,) = apply_changesets(read_sections(BASE / NAME_AD).value, [load_changeset(derived)]).value
    assert again.body == doc.body


@requires_libreoffice
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_an_appendix_copied_from_a_pdf_says_its_table_was_lost(tmp_path):
    """The example's Appendix printed to PDF by LibreOffice and copied out with pdftotext: the paragraphs
    read by their Appendix numbers, and the table, whose cells the copy runs into the next paragraph's
    words, is not passed over in silence."""
    from sec_redline.render import docx_to_pdf, render_document_docx

    (appendix,) = read_sections(BASE / NAME_AD).value
    pdf = tmp_path / "ad.pdf"
    pdf.write_bytes(docx_to_pdf(render_document_docx(appendix), "ad"))
    subprocess.run(["pdftotext", str(pdf), str(tmp_path / "ad.txt")], check=True, timeout=60)
    r = run_cli("parse", tmp_path / "ad.txt", "--format", "refs")
    assert r.returncode == EXIT_OK
    assert r.stdout.split("\n")[:6] == ["AD 1.1", "AD 1.2", "AD 1.2(a)", "AD 1.2(b)", "AD 2.1", "AD 2.2"]
    assert "'Table 28a: Service Request fields (illustrative)' captions a table, but no table rows" in r.stderr
    assert run_cli("parse", tmp_path / "ad.txt", "--strict").returncode == 6


@requires_libreoffice
@pytest.mark.libreoffice
def test_an_appendix_saved_as_word_by_libreoffice_reads_as_the_text_does(tmp_path):
    """The example Appendix opened in LibreOffice as text and saved as Word: each typed table row is a
    paragraph of its own, set apart by an empty one; the table reads back whole, as the text gives it, and a
    change set names its rows."""
    from sec_redline.render import soffice

    shutil.copy(BASE / NAME_AD, tmp_path / "ad.txt")
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--infilter=Text (encoded):UTF8",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(tmp_path / "ad.txt")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (word,) = read_sections(tmp_path / "ad.docx").value
    (text,) = read_sections(BASE / NAME_AD).value
    assert word.body == text.body
    assert len(_table([word]).rows) == 4
    r = run_cli("parse", tmp_path / "ad.docx", "--strict", "--format", "refs")
    assert r.returncode == EXIT_OK, r.stderr


# --- references to an Appendix's paragraphs ----------------------------------------------------------

# An illustrative Appendix whose words refer to its own paragraphs by number, as Appendices do, and an
# illustrative Section referring into it.
APPENDIX_ZZ = """Appendix ZZ 'Illustrative Appendix'

SEC Version 6.17

1 General (illustrative)

1.1 A User shall act as paragraph 1.3 requires (illustrative).

1.2 The DCC shall act under paragraphs 1.3(a) and (b) of this Appendix (illustrative).

1.3 Each Party shall (illustrative):

    (a) keep a record; and

    (b) send it to the DCC.

1.4 Nothing in paragraph 3.2 of the Technical Specification changes paragraph 1.3 (illustrative).
"""
SECTION_Z = """Section Z 'Illustrative Section'

SEC Version 6.17

Z1 Illustrative

Z1.1 Each User shall comply with paragraph 1.3 of Appendix ZZ (illustrative).
"""


@pytest.fixture
def zz_base(tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    (base / "appendix-ZZ.txt").write_text(APPENDIX_ZZ, encoding="utf-8")
    (base / "section-Z.txt").write_text(SECTION_Z, encoding="utf-8")
    return base


def test_a_renumbered_appendix_paragraph_takes_its_references_with_it(zz_base, tmp_path):
    """Renumbering ZZ 1.3 rewrites "paragraph 1.3" in the Appendix's own words and "paragraph 1.3 of Appendix
    ZZ" in the Section's, but not "paragraph 3.2 of the Technical Specification"; diff shows them as the
    renumbering's consequences, not as amendments."""
    (changes := tmp_path / "cs.yaml").write_text(HEADER + "  - renumber: ZZ 1.3\n    to: ZZ 1.5\n", encoding="utf-8")
    after = tmp_path / "after"
    r = run_cli("apply", zz_base, changes, "-o", after)
    assert r.returncode == EXIT_OK, r.stderr
    text = (after / "appendix-ZZ.txt").read_text(encoding="utf-8")
    assert "1.1 A User shall act as paragraph 1.5 requires (illustrative)." in text
    assert "paragraphs 1.5(a) and (b) of this Appendix" in text
    assert "Nothing in paragraph 3.2 of the Technical Specification changes paragraph 1.5 (illustrative)." in text
    section = (after / "section-Z.txt").read_text(encoding="utf-8")
    assert "comply with paragraph 1.5 of Appendix ZZ (illustrative)." in section
    r = run_cli("diff", zz_base, after)
    assert r.stdout.splitlines() == [
        "renumbered ZZ 1.3 -> ZZ 1.5",
        "          cross-reference: in Z1.1, 1.3 -> 1.5",
        "          cross-reference: in ZZ 1.1, 1.3 -> 1.5",
        "          cross-reference: in ZZ 1.2, 1.3(a) -> 1.5(a)",
        "          cross-reference: in ZZ 1.4, 1.3 -> 1.5",
        "0 amended, 0 inserted, 0 deleted, 1 renumbered (clauses and paragraphs).",
    ]
    assert r.stderr == ""


def test_a_reference_to_a_removed_or_missing_appendix_paragraph_is_reported(zz_base, tmp_path):
    """Removing ZZ 1.3 warns of each provision still referring to it; the drafting check finds nothing in the
    Appendix as it stands, every reference a change set leaves broken (words it adds too), and a reference to a
    paragraph the Appendix does not have."""
    (changes := tmp_path / "cs.yaml").write_text(HEADER + "  - remove: ZZ 1.3\n", encoding="utf-8")
    r = run_cli("apply", zz_base, changes, "-o", tmp_path / "after")
    assert r.returncode == EXIT_OK, r.stderr
    for holder in ("ZZ 1.1 still refers to ZZ 1.3", "ZZ 1.2 still refers to ZZ 1.3(a)", "Z1.1 still refers to ZZ 1.3"):
        assert holder in r.stderr, r.stderr
    assert run_cli("check", zz_base).returncode == EXIT_OK
    ops = '  - remove: ZZ 1.3\n  - in: ZZ 1.1\n    after: "requires"\n    insert: "and as paragraph 1.3(b) says"\n'
    (adds := tmp_path / "adds.yaml").write_text(HEADER + ops, encoding="utf-8")
    r = run_cli("check", zz_base, adds)  # after the change: every reference to ZZ 1.3, old or added, is broken
    assert r.returncode == 1, r.stdout
    for broken in ("Z1.1: refers to ZZ 1.3,", "ZZ 1.1: refers to ZZ 1.3(b),", "ZZ 1.2: refers to ZZ 1.3(a),"):
        assert broken in r.stdout, r.stdout
    (zz_base / "appendix-ZZ.txt").write_text(APPENDIX_ZZ.replace("paragraph 1.3 requires", "paragraph 1.9 requires"))
    r = run_cli("check", zz_base)
    assert r.returncode == 1 and "ZZ 1.1: refers to ZZ 1.9, which does not exist" in r.stdout, r.stdout
