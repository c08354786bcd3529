"""A small, thread-safe memo of the last few results, for work that stages repeat.

Several stages read the same document one after the other (the entity and the claims stages
split the same text into words; the claims and the statement-dates stages find the same date
expressions), and a pool worker hands what it found to the writing process. A full LRU cache
is more than that needs: the oldest entry goes first, reads take no lock (a dict read is
atomic in CPython), and memory stays bounded on endless input.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

__all__ = ["Recent"]

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most ``size`` entries; putting one more drops the oldest."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        with self._lock:
            while len(self._items) >= self.size:
                del self._items[next(iter(self._items))]
            self._items[key] = value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
