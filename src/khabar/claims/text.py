"""Words of a document with the punctuation between them: the frame every claims rule reads.

A ``Word`` is a span of the text with its matching key (``khabar.normalise.fold``) and the
strength of the punctuation before it: 0 none, 1 a clause break (comma, colon, bracket, dash),
2 a sentence break (full stop, question mark, new line). A number written in digits with its
separators ("2,500", "۱۴۰۰/۱۰/۱۷") is one word with the key ``#``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..normalise import tokens

__all__ = ["Word", "words", "break_level", "URL_RE"]

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)

_SENTENCE = frozenset(".!?؟…؛\n\r")
_CLAUSE = frozenset(",،;:()[]{}–—|•·")


def break_level(gap: str) -> int:
    """How strongly the characters between two words separate them (0, 1 or 2)."""
    level = 0
    for c in gap:
        if c in _SENTENCE:
            return 2
        if c in _CLAUSE:
            level = 1
    return level


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    key: str
    brk: int


def words(text: str, digit_spans: Sequence[tuple[int, int]] = ()) -> list[Word]:
    """The words of ``text``; each span in ``digit_spans`` becomes one word keyed ``#`` (a
    letter stuck to it, as in Arabic "ب2500", becomes a word of its own)."""
    from ..normalise import fold

    spans = sorted(digit_spans)
    pieces: list[tuple[int, int, str]] = []
    si = 0
    for t in tokens(text):
        while si < len(spans) and spans[si][1] <= t.start:
            si += 1
        pos = t.start
        k = si
        while k < len(spans) and spans[k][0] < t.end:
            s, e = spans[k]
            if s > pos:
                pieces.append((pos, s, fold(text[pos:s])))
            if not pieces or pieces[-1][:2] != (s, e):
                pieces.append((s, e, "#"))
            pos = max(pos, e)
            if e > t.end:
                break
            k += 1
        if pos < t.end:
            pieces.append((pos, t.end, t.key if pos == t.start else fold(text[pos:t.end])))
    out: list[Word] = []
    prev_end = 0
    for s, e, key in pieces:
        if not key:
            continue
        out.append(Word(s, e, key, break_level(text[prev_end:s]) if out else 0))
        prev_end = e
    return out
