"""Reading inputs with one-line errors and writing outputs atomically, never over an input."""

import os
from pathlib import Path

import pytest

from sec_redline.errors import InputError, OutputError
from sec_redline.fileio import check_not_input, read_document, read_input_bytes, write_all
from tests.support import BASE


def test_missing_folder_and_oversized_inputs(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_input_bytes(tmp_path / "nope.txt", 10, "a text")
    with pytest.raises(InputError, match="is a folder"):
        read_input_bytes(tmp_path, 10, "a text")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2 * 1024 * 1024)
    with pytest.raises(InputError, match="2 MB is more than the 1 MB limit"):
        read_input_bytes(big, 1024 * 1024, "a text")


def test_read_document_text_and_docx(tmp_path: Path):
    doc = read_document(BASE).value
    assert doc.section == "G" and doc.version == "6.17"
    assert read_document(BASE, version="6.18").value.version == "6.18"
    not_docx = tmp_path / "x.docx"
    not_docx.write_bytes(b"plain text")
    with pytest.raises(InputError, match="not a Word document"):
        read_document(not_docx)


def test_atomic_write_leaves_no_temporary(tmp_path: Path):
    (out,) = write_all({tmp_path / "sub" / "a.txt": "text"})
    assert out.read_text() == "text" and os.listdir(tmp_path / "sub") == ["a.txt"]
    assert write_all({tmp_path / "b.bin": b"\x00"}) == [tmp_path / "b.bin"]


def test_refuses_to_write_over_an_input(tmp_path: Path):
    src = tmp_path / "in.txt"
    src.write_text("x")
    with pytest.raises(OutputError, match="refusing to write over the input"):
        check_not_input(src, [src])
    link = tmp_path / "link.txt"
    link.symlink_to(src)
    with pytest.raises(OutputError):
        check_not_input(link, [src])
    check_not_input(tmp_path / "other.txt", [src])


def test_devices_and_pipes_are_refused_before_opening(tmp_path: Path):
    with pytest.raises(InputError, match="not a regular file"):
        read_input_bytes("/dev/zero", 1024, "a text")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_input_bytes(fifo, 1024, "a text")  # opening it would block for ever


# --- two versions read at the same time ----------------------------------------------------------------------


def _pair_files(tmp_path: Path, kind: str) -> tuple[Path, Path]:
    """A generated pair of versions (benchmarks.pairs: illustrative words; some Sections changed, some the
    same but for their 'SEC Version' line) written as Word files, house style or plain paragraphs."""
    from benchmarks.generate import plain_docx
    from benchmarks.pairs import make_pair
    from legal_text import render_text
    from sec_redline.render import render_document_docx

    pair = make_pair(8_000, seed=3, sections=8)
    paths = []
    for label, docs in (("old", pair.old), ("new", pair.new)):
        path = tmp_path / f"{label}-{kind}.docx"
        data = render_document_docx(docs) if kind == "house" else plain_docx("\n".join(map(render_text, docs)))
        path.write_bytes(data)
        paths.append(path)
    return paths[0], paths[1]


def _located(result):
    return (
        result.value,
        result.messages,
        [(d.source, d.where, d.version, d.title) for d in result.value],
        [(c.where, c.notes) for d in result.value for c in d.clauses()],
    )


@pytest.mark.parametrize("kind", ["house", "plain"])
def test_two_word_files_read_at_once_read_as_each_alone(tmp_path, monkeypatch, kind):
    """Read at the same time (a child process for the old file; a document the two share read once and its
    locations moved), each version is exactly what reading it alone gives: provisions, messages, every
    location, versions."""
    import sec_redline.fileio as fileio

    old, new = _pair_files(tmp_path, kind)
    monkeypatch.setattr(fileio, "CONCURRENT_READ_BYTES", 0)
    both = fileio.read_two(str(old), str(new))
    alone = fileio.read_sections(old), fileio.read_sections(new)
    plans = [fileio._word_plan(str(p)) for p in (new, old)]
    shared = fileio.shared_documents(*[[s.digest for s in p.sections] for p in plans])
    assert 0 < len(shared) < len(plans[1].sections)  # some documents shared, some not: both ways taken
    if kind == "plain":  # its text names each Section's version: shared whatever version they name
        assert {alone[0].value[k].version for k in shared} == {"1.0"}
        assert {alone[1].value[j].version for j in shared.values()} == {"1.1"}
    for got, expected in zip(both, alone, strict=True):
        assert _located(got) == _located(expected)


@pytest.mark.parametrize("broken", ["old", "new"])
def test_a_broken_word_file_of_two_is_one_line_naming_it(tmp_path, monkeypatch, broken):
    import sec_redline.fileio as fileio

    old, new = _pair_files(tmp_path, "house")
    bad = old if broken == "old" else new
    bad.write_bytes(b"not a zip package")
    monkeypatch.setattr(fileio, "CONCURRENT_READ_BYTES", 0)
    with pytest.raises(InputError, match=str(bad)):
        fileio.read_two(str(old), str(new))


def _twice(tmp_path: Path, label: str, g823: str) -> Path:
    """A whole-code Word file (plain paragraphs) in which Section G stands twice, Section H between: passages
    copied one after another.  Illustrative words."""
    from benchmarks.generate import plain_docx

    text = (
        "Section G 'Security'\n\nSEC Version 6.17\n\nG8.22 Illustrative first passage.\n\n"
        "Section H 'DCC Services'\n\nH1.1 Illustrative clause.\n\n"
        f"Section G 'Security'\n\nG8.23 {g823}\n\nG8.24 Illustrative last clause.\n"
    )
    path = tmp_path / f"{label}.docx"
    path.write_bytes(plain_docx(text))
    return path


def test_a_section_standing_twice_reads_as_one_when_two_word_files_are_read_at_once(tmp_path, monkeypatch):
    """The parallel reading of two Word files (``read_two``: a child process for the old one, a document both
    share read once) merges a Section that stands twice as reading each file alone does: the same merged
    Section, the same warning; and ``diff`` says the same either way."""
    import sec_redline.fileio as fileio
    from tests.support import run_cli

    old = _twice(tmp_path, "old", "Illustrative second passage.")
    new = _twice(tmp_path, "new", "Illustrative second passage, amended.")
    alone = fileio.read_sections(old), fileio.read_sections(new)
    assert [(d.section, [str(c.ref) for c in d.clauses()]) for d in alone[0].value] == [
        ("G", ["G8.22", "G8.23", "G8.24"]),
        ("H", ["H1.1"]),
    ]
    assert any("Section G stands twice in this file" in str(m) for m in alone[1].messages)
    sequential = run_cli("diff", old, new)
    plans = [fileio._word_plan(str(p)) for p in (new, old)]
    shared = fileio.shared_documents(*[[s.digest for s in p.sections] for p in plans])
    assert sorted(shared) == [0, 1]  # the first passage of G and H read once, the second passage of G twice
    monkeypatch.setattr(fileio, "CONCURRENT_READ_BYTES", 0)
    both = fileio.read_two(str(old), str(new))
    for got, expected in zip(both, alone, strict=True):
        assert _located(got) == _located(expected)
    at_once = run_cli("diff", old, new)
    assert (at_once.returncode, at_once.stdout, at_once.stderr) == (
        sequential.returncode,
        sequential.stdout,
        sequential.stderr,
    )
    assert "G8.23" in at_once.stdout and "G8.22" not in at_once.stdout
    assert at_once.stderr.count("Section G stands twice in this file") == 2
