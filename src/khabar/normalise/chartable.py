"""A ``str.translate`` table for any pure function of one character, filled on first sight.

Folding, script codes and letter classes are each a function of one character. Remembering the
answer never changes a result, and it lets ``str.translate`` do the work in C instead of a
Python call per character. For the first code points (Latin, Greek, Cyrillic, Arabic, the Indic
scripts, general punctuation) the table is also kept as a list, which ``str.translate`` indexes
about twice as fast as it looks up a dict; that matters for Arabic-script text, since ASCII has
a fast path of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["CharTable"]

T = TypeVar("T")

#: Code points below this go into the list form of a table.
LIST_END = 0x3000
_BEYOND_LIST = re.compile(f"[^\\x00-{chr(LIST_END - 1)}]")


class CharTable(dict, Generic[T]):  # type: ignore[type-arg]
    """``ord(c) -> fn(c)``; ``for_text`` picks the quickest form for one text."""

    def __init__(self, fn: Callable[[str], T]) -> None:
        super().__init__()
        self._fn = fn
        self._list: list[T] = []

    def __missing__(self, o: int) -> T:
        v = self[o] = self._fn(chr(o))
        return v

    def for_text(self, text: str) -> list[T] | CharTable[T]:
        """The list form when every character of ``text`` is in it, else the dict."""
        if text.isascii() or _BEYOND_LIST.search(text) is not None:
            return self  # ASCII takes str.translate's cached fast path; beyond the list, the dict
        if not self._list:
            table = [self[i] for i in range(LIST_END)]
            self._list.extend(table)  # whole, in one step: no thread sees half a table
        return self._list
