"""PDF through LibreOffice (headless), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

TIMEOUT = 300


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, name: str = "document") -> bytes:
    """Convert a .docx (bytes) to PDF (bytes) with a private LibreOffice profile; OutputError if it fails."""
    program = soffice()
    if program is None:
        raise OutputError(
            "LibreOffice is not installed, so no PDF; install libreoffice-writer "
            "(or run 'make system-deps'), or pass --no-pdf"
        )
    with tempfile.TemporaryDirectory(prefix="sec-redline-pdf-") as tmp:
        src = Path(tmp) / f"{name}.docx"
        src.write_bytes(data)
        try:
            done = subprocess.run(
                [
                    program,
                    "--headless",
                    "--norestore",
                    "--nologo",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice took more than {TIMEOUT} s to convert {name}.docx to PDF") from None
        pdf = Path(tmp) / f"{name}.pdf"
        if done.returncode != 0 or not pdf.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise OutputError(f"LibreOffice could not convert {name}.docx to PDF{': ' + detail[-1] if detail else ''}")
        return pdf.read_bytes()
