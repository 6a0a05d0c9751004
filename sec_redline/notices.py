"""What is noticed on the way, away from any value a stage returns: an invisible control character in a
change set's words (whichever command reads it), what an interrupted earlier run left behind and this one
cleaned up.  The command line collects them for the whole run (``noticing``) and prints them before its
other messages (``taken``); a Python caller does the same, or gets each as a Python ``UserWarning``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from legal_text import Message


@dataclass
class _Collected:
    waiting: list[Message] = field(default_factory=list)
    told: set[Message] = field(default_factory=set)


_COLLECTED: ContextVar[_Collected | None] = ContextVar("sec_redline_noticed", default=None)


def notice(message: Message) -> None:
    """Tell the user ``message``: kept for the run's printer, or a ``UserWarning`` outside ``noticing``.
    A message noticed again in the same run (a change set read twice) is told once."""
    collected = _COLLECTED.get()
    if collected is None:
        warnings.warn(str(message), UserWarning, stacklevel=2)
    elif message not in collected.told:
        collected.told.add(message)
        collected.waiting.append(message)


@contextmanager
def noticing() -> Iterator[None]:
    """Collect what is noticed inside the block, for ``taken``."""
    token = _COLLECTED.set(_Collected())
    try:
        yield
    finally:
        _COLLECTED.reset(token)


def taken() -> list[Message]:
    """What was noticed since the last call, in order (nothing outside ``noticing``)."""
    collected = _COLLECTED.get()
    if collected is None:
        return []
    out, collected.waiting = collected.waiting, []
    return out


__all__ = ["notice", "noticing", "taken"]
