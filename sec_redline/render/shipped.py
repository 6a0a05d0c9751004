"""Where the shipped templates and reference document are (no template engine needed to find them)."""

from __future__ import annotations

from pathlib import Path


def package_templates() -> Path:
    """The shipped templates: inside the wheel, or ``templates/`` in a source checkout."""
    package = Path(__file__).resolve().parent.parent  # sec_redline/
    for candidate in (package / "templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("sec-redline is installed without its templates folder")


__all__ = ["package_templates"]
