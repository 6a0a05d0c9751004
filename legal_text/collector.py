"""Python's cycle collector, paused while a large structure is built.

Reading, comparing, applying and rendering make millions of objects that hold
no reference cycles, while a whole code's clause trees are alive.  Each full
pass of the collector walks every one of those objects; on the 800,000-word
code the passes cost more than the work (rendering a whole-code redline as
HTML: 1.6 s of 2.7 s).  The work is done with the collector paused and it is
restarted after; what the work left unreachable is collected then.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def no_collector_pauses() -> Iterator[None]:
    """The cycle collector paused for the block (and left as it was found)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collector_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run with the cycle collector paused (``no_collector_pauses``)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with no_collector_pauses():
            return fn(*args, **kwargs)

    return run
