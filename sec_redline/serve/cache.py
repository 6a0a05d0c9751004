"""Caches the web view keeps: a bounded number of values, least recently used dropped first, each value made
once however many requests ask for it at the same time (the others wait for it)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Cache(Generic[V]):
    """At most ``size`` values by key.  ``get(key, make)`` gives the value held, or makes it with ``make()``;
    two threads asking for the same missing key make it once.  An exception raised by ``make`` reaches each
    caller that waited, and nothing is kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._held: OrderedDict[Hashable, V] = OrderedDict()
        self._making: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        while True:
            with self._lock:
                if key in self._held:
                    self._held.move_to_end(key)
                    return self._held[key]
                making = self._making.get(key)
                if making is None:
                    making = self._making[key] = threading.Event()
                    break
            making.wait()  # another thread is making it: take it when done (or make it, if that failed)
        try:
            value = make()
            with self._lock:
                self._held[key] = value
                self._held.move_to_end(key)
                while len(self._held) > self.size:
                    self._held.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._making[key]
            making.set()

    def peek(self, key: Hashable) -> V | None:
        """The value held for ``key``, or None; nothing is made."""
        with self._lock:
            return self._held.get(key)

    def holds(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._held

    def clear(self) -> None:
        with self._lock:
            self._held.clear()

    def __len__(self) -> int:
        return len(self._held)
