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
