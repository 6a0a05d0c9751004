"""Headless Chromium (Debian's ``chromium``) for the tests: drive a page and take screenshots.

A page is driven from a wrapper page that loads it in a frame and runs a script against it; Chromium prints
the wrapper's DOM (``--dump-dom``) once the scripts have run, and the script's result is read back from it
as JSON.  Nothing is fetched from the network: the pages are self-contained.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium() -> str | None:
    """The path of Chromium, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(args: list[str], timeout: int = 120) -> str:
    exe = chromium()
    assert exe is not None, "chromium is not installed"
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=timeout
        )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def drive(page: Path, script: str, width: int = 1200, height: int = 900) -> dict:
    """Load ``page`` in a frame and run ``script`` (JavaScript with ``doc``, the page's document, and
    ``win``, its window; it returns a JSON-able value); the value comes back."""
    wrapper = page.parent / f"{page.stem}.drive.html"
    wrapper.write_text(
        f"""<!DOCTYPE html><html><body><pre id="out">not run</pre>
<iframe id="f" src="{html.escape(page.resolve().as_uri())}" width="{width}" height="{height}"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var out = document.getElementById("out");
  try {{
    var doc = this.contentDocument, win = this.contentWindow;
    out.textContent = JSON.stringify((function (doc, win) {{ {script} }})(doc, win));
  }} catch (e) {{ out.textContent = JSON.stringify({{"error": String(e)}}); }}
}});
</script></body></html>""",
        encoding="utf-8",
    )
    dom = _run(["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", wrapper.as_uri()])
    m = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    result = json.loads(html.unescape(m.group(1)))
    assert not (isinstance(result, dict) and "error" in result), result
    return result


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 1000) -> None:
    """A picture of ``page`` as Chromium draws it."""
    _run([f"--screenshot={png}", f"--window-size={width},{height}", "--virtual-time-budget=5000", page.as_uri()])
    assert png.stat().st_size > 10_000, "the screenshot is (nearly) empty"


def print_to_pdf(page: Path, pdf: Path) -> None:
    """``page`` printed to PDF as Chromium prints it (its own header and footer off: the page's CSS decides)."""
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", "--virtual-time-budget=5000", page.as_uri()])
    assert pdf.stat().st_size > 1000, "the PDF is (nearly) empty"
