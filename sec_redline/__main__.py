"""``python -m sec_redline`` is the ``sec-redline`` command."""

from .cli import entry

entry()
