"""The command line as a user runs it: outputs, exit codes, one-line errors."""

import json
import shutil

import pytest

from sec_redline.errors import EXIT_CHANGESET, EXIT_INPUT, EXIT_OUTPUT, EXIT_STRICT
from tests.support import BASE, CHANGES, MP087_REFS, REPORT, no_traceback, run_cli, run_cli_process


def test_parse_formats():
    refs = run_cli("parse", BASE, "--format", "refs")
    assert refs.returncode == 0
    assert refs.stdout.splitlines()[:3] == ["G3.17", "G3.17(a)", "G3.17(b)"]
    assert "G3.20(b)" in refs.stdout.splitlines()
    js = run_cli("parse", BASE, "--format", "json")
    assert json.loads(js.stdout)["section"] == "G"
    text = run_cli("parse", BASE)
    assert text.stdout == BASE.read_text(encoding="utf-8")  # the example is in canonical form


def test_parse_strict_fails_on_warnings(tmp_path):
    p = tmp_path / "odd.txt"
    p.write_text("Some text that is not a clause, with a comma.\n\nG1.1 Illustrative.\n", encoding="utf-8")
    assert run_cli("parse", p).returncode == 0
    strict = run_cli("parse", p, "--strict")
    assert strict.returncode == EXIT_STRICT and no_traceback(strict.stderr)


@pytest.mark.parametrize("suffix", ["txt", "json", "docx"])
def test_apply_writes_each_format(tmp_path, suffix):
    out = tmp_path / f"amended.{suffix}"
    r = run_cli("apply", BASE, CHANGES, "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.exists() and out.stat().st_size > 0
    if suffix == "txt":
        assert "Gas Proxy Function which forms part of a SMETS2+ Device) for which" in out.read_text()


def test_apply_refuses_to_overwrite_input(tmp_path):
    base = tmp_path / "base.txt"
    shutil.copy(BASE, base)
    before = base.read_bytes()
    r = run_cli("apply", base, CHANGES, "-o", base)
    assert r.returncode == EXIT_OUTPUT
    assert "refusing to write over the input" in r.stderr
    assert base.read_bytes() == before


def test_redline_and_report_write_where_documented(tmp_path):
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "annex", "--no-pdf")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "annex").iterdir()) == ["annex-a.docx", "annex-a.html", "draft-checks.md"]
    r = run_cli("report", REPORT, "-o", tmp_path / "report")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == sorted(
        f"{doc}.{ext}"
        for doc in ("modification-report", "problem-statement", "panel-paper")
        for ext in ("docx", "html", "md")
    )


def _one_clear_error(r, code, *needles):
    assert r.returncode == code, (r.returncode, r.stderr)
    assert no_traceback(r.stderr), r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for n in needles:
        assert n in lines[0], lines[0]


def test_missing_change_set(tmp_path):
    r = run_cli("redline", BASE, tmp_path / "missing.yaml", "-o", tmp_path / "out")
    _one_clear_error(r, EXIT_INPUT, "missing.yaml", "no such file")
    assert not (tmp_path / "out").exists()


def test_malformed_change_set(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("modification: MP087\nchanges: [\n", encoding="utf-8")
    r = run_cli("redline", BASE, bad, "-o", tmp_path / "out")
    _one_clear_error(r, EXIT_CHANGESET, f"{bad}:", "not valid YAML")
    assert not (tmp_path / "out").exists()


def test_anchor_not_found_names_file_line_clause(tmp_path):
    cs = tmp_path / "cs.yaml"
    cs.write_text(CHANGES.read_text().replace('after: "Gas Proxy Function"', 'after: "Gas Proxy Functions"'))
    out = tmp_path / "out"
    out.mkdir()
    (out / "annex-a.docx").write_bytes(b"earlier output, must survive")
    r = run_cli("redline", BASE, cs, "-o", out)
    _one_clear_error(r, EXIT_CHANGESET, f"{cs}:10", "G3.20(b)", "'Gas Proxy Functions' not found")
    assert (out / "annex-a.docx").read_bytes() == b"earlier output, must survive"
    assert sorted(p.name for p in out.iterdir()) == ["annex-a.docx"]  # no half-written or temporary files


def test_unreadable_base(tmp_path):
    binary = tmp_path / "base.txt"
    binary.write_bytes(b"\x00\x01\x02PK")
    _one_clear_error(run_cli("parse", binary), EXIT_INPUT, "binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("G1.1 caf\xe9".encode("latin-1"))
    _one_clear_error(run_cli("parse", latin), EXIT_INPUT, "latin.txt:1", "not valid UTF-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _one_clear_error(run_cli("parse", empty), EXIT_INPUT, "empty")


def test_diff_names_changed_provisions(tmp_path):
    amended = tmp_path / "amended.txt"
    assert run_cli("apply", BASE, CHANGES, "-o", amended).returncode == 0
    r = run_cli("diff", BASE, amended, "-o", tmp_path / "cmp.html", "--exit-code")
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == "amended   G3.20(b)"
    assert "1 amended, 0 inserted, 0 deleted" in r.stdout
    assert "<ins> which forms part of a SMETS2+ Device</ins>" in (tmp_path / "cmp.html").read_text()
    same = run_cli("diff", BASE, BASE, "--exit-code")
    assert same.returncode == 0 and "No differences." in same.stdout


def test_diff_inserted_and_deleted_clauses(tmp_path):
    text = BASE.read_text(encoding="utf-8")
    g321 = text[text.index("G3.21 ") :]
    # Illustrative edit (not SEC wording): G3.21 removed, a G3.20A added.
    edited = text.replace(g321, "G3.20A Illustrative new clause, not SEC wording.\n")
    new = tmp_path / "new.txt"
    new.write_text(edited, encoding="utf-8")
    r = run_cli("diff", BASE, new)
    assert r.returncode == 0
    assert r.stdout.splitlines()[:2] == ["deleted   G3.21", "inserted  G3.20A"] or sorted(
        r.stdout.splitlines()[:2]
    ) == ["deleted   G3.21", "inserted  G3.20A"]


def test_fifty_megabyte_single_line(tmp_path):
    big = tmp_path / "one-line.txt"
    big.write_bytes(b"G1.1 " + b"word " * (10 * 1024 * 1024))
    r = run_cli("parse", big)
    _one_clear_error(r, EXIT_INPUT, "one-line.txt:1", "is not clause text")


def test_strict_on_pdf_noise(tmp_path, seed_text):
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(seed_text[seed_text.rindex("Manufacturers: Duty to Notify") :], encoding="utf-8")
    ok = run_cli("parse", pasted, "--format", "refs")
    assert ok.returncode == 0
    assert ok.stdout.split() == MP087_REFS
    assert "pasted.txt:6: warning: read '@) a' as '(a)'" in ok.stderr
    strict = run_cli("parse", pasted, "--strict")
    assert strict.returncode == EXIT_STRICT
    assert "4 warning(s) and --strict was given" in strict.stderr


def test_parse_checks_terms_against_given_definitions(tmp_path):
    defs = tmp_path / "a.txt"
    defs.write_text(
        'A1.1 Illustrative definitions (not SEC wording):\n\n    "Responsible Supplier" means an '
        "illustrative supplier.\n",
        encoding="utf-8",
    )
    r = run_cli("parse", BASE, "--format", "json", "--definitions", defs)
    assert r.returncode == 0, r.stderr
    g320b = json.loads(r.stdout)["body"][4]["children"][1]
    assert g320b["ref"] == "G3.20(b)" and g320b["terms"] == ["Responsible Supplier"]
    none = tmp_path / "none.txt"
    none.write_text("G1.1 Illustrative.\n", encoding="utf-8")
    _one_clear_error(run_cli("parse", BASE, "--definitions", none), EXIT_INPUT, "no definitions found")


def test_user_front_matter_template_feeds_word_and_html(tmp_path):
    from legal_text.ooxml import paragraph_texts

    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "_annex-a-front.html.j2").write_text(
        "<h1>{{ annex.heading }}</h1>\n<p>Illustrative front page for {{ annex.base_version }}</p>\n", encoding="utf-8"
    )
    r = run_cli("redline", BASE, CHANGES, "-o", tmp_path / "out", "--no-pdf", "--templates", mine)
    assert r.returncode == 0, r.stderr
    paras = [p for p in paragraph_texts((tmp_path / "out" / "annex-a.docx").read_bytes(), "new") if p]
    assert paras[:2] == [
        "MP087 'Correction to SEC Section G - User Responsibilities'",
        "Illustrative front page for 6.17",
    ]
    assert "Illustrative front page for 6.17" in (tmp_path / "out" / "annex-a.html").read_text()


def test_reference_that_is_not_a_docx_or_too_big(tmp_path):
    import zipfile

    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "reference.docx").write_bytes(b"not a zip")
    _one_clear_error(
        run_cli("redline", BASE, CHANGES, "-o", tmp_path / "o", "--no-pdf", "--templates", mine),
        EXIT_INPUT,
        "not a Word document",
    )
    with zipfile.ZipFile(mine / "reference.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" * (65 * 1024 * 1024))  # compresses to almost nothing
    _one_clear_error(
        run_cli("redline", BASE, CHANGES, "-o", tmp_path / "o", "--no-pdf", "--templates", mine),
        EXIT_INPUT,
        "more than the 64 MB limit",
    )
    assert not (tmp_path / "o").exists()


def test_verify_a_redline_against_the_version_it_names(tmp_path):
    out = tmp_path / "annex"
    assert run_cli("redline", BASE, CHANGES, "-o", out, "--no-pdf").returncode == 0
    annex = out / "annex-a.docx"
    ok = run_cli("verify", annex, BASE, "--changes", CHANGES)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.strip().endswith("redline says: SEC 6.17; consistent.")
    # Another base: one word of G3.21 and the version differ (illustrative edit).
    other = tmp_path / "other.txt"
    other.write_text(
        BASE.read_text()
        .replace("need not be required", "shall not be required")
        .replace("SEC Version 6.17", "SEC Version 6.18"),
        encoding="utf-8",
    )
    bad = run_cli("verify", annex, other)
    assert bad.returncode == 1
    lines = bad.stdout.splitlines()
    assert lines[0] == f"{annex}: says it is drafted against SEC Version 6.17, but the base text is SEC 6.18"
    assert lines[1].startswith(f"{annex}: G3.21: the redline's original text (words) differs from {other}")
    assert "[-shall-]{+need+}" in lines[1]
    # The right base, but a change set other than the one the redline shows (illustrative).
    cs = tmp_path / "cs.yaml"
    cs.write_text(
        CHANGES.read_text().replace("which forms part of a SMETS2+ Device", "which is a SMETS2+ Device"),
        encoding="utf-8",
    )
    wrong = run_cli("verify", annex, BASE, "--changes", cs)
    assert wrong.returncode == 1 and "G3.20(b): the redline's new text (words) differs" in wrong.stdout


def test_the_installed_entry_point_as_a_process(tmp_path):
    """The rest of this file runs the command line in-process; this checks the real process once:
    `python -m sec_redline`, its exit code and its one-line error."""
    ok = run_cli_process("parse", BASE, "--format", "refs")
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == "G3.17"
    bad = run_cli_process("parse", tmp_path / "missing.txt")
    assert (
        bad.returncode == EXIT_INPUT
        and bad.stderr.strip() == f"sec-redline: error: {tmp_path / 'missing.txt'}: no such file"
    )
