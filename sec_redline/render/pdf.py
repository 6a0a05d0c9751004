"""PDF through LibreOffice (headless), when it is installed."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError

TIMEOUT = 300


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_STAMP = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})([+-]\d\d'\d\d'|Z'?)?")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def reproducible_pdf(pdf: bytes, when: dt.datetime, seed: bytes) -> bytes:
    """``pdf`` with LibreOffice's creation time replaced by ``when`` and its document ID and checksum derived from
    ``seed`` (the .docx it was made from), each the same length, so byte offsets stay valid and the same
    inputs give the same bytes."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()

    def utc(zone: bytes | None) -> bytes:  # the same length: the time zone LibreOffice ran in is not kept
        if not zone:
            return b""
        return zone if zone.startswith(b"Z") else b"+00'00'"

    out = _STAMP.sub(lambda m: b"/" + m.group(1) + b"(D:" + stamp + utc(m.group(3)), pdf)
    digest = hashlib.sha256(seed).hexdigest().upper().encode()

    def same_id(m: re.Match[bytes]) -> bytes:
        a, b = (digest * 4)[: len(m.group(1))], (digest * 4)[: len(m.group(2))]
        return m.group(0).replace(m.group(1), a, 1).replace(m.group(2), b, 1)

    out = _ID.sub(same_id, out)
    return _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), (digest * 4)[: len(m.group(1))]), out)


def _neutral_environment() -> dict[str, str]:
    """The environment LibreOffice runs in: the user's, but for the time zone (UTC) and the locale (C.UTF-8),
    which it would otherwise write into the PDF (its dates' zone, its language)."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE", "TZ")}
    return {**keep, "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def docx_to_pdf(data: bytes, name: str = "document", when: dt.datetime | None = None) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes) with a private LibreOffice profile; OutputError if it fails.
    The PDF is stamped with ``when`` (the inputs' date, in UTC), and LibreOffice runs in UTC with a neutral
    locale, so the same .docx gives the same PDF whatever the user's time zone and locale."""
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
                env=_neutral_environment(),
            )
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice took more than {TIMEOUT} s to convert {name}.docx to PDF") from None
        pdf = Path(tmp) / f"{name}.pdf"
        if done.returncode != 0 or not pdf.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise OutputError(f"LibreOffice could not convert {name}.docx to PDF{': ' + detail[-1] if detail else ''}")
        return reproducible_pdf(pdf.read_bytes(), when or dt.datetime(2000, 1, 1), data)
