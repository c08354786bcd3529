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

__all__ = ["Word", "words", "words_of", "break_level", "URL_RE", "url_spans"]

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)



def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``URL_RE`` in ``text``. Every match has "://", "www." or "@" in it: without
    them the pattern (slow on long texts: its e-mail branch tries every word) is not run."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return []
    return [(m.start(), m.end()) for m in URL_RE.finditer(text)]


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


@dataclass(slots=True)
class Word:
    """One word (not frozen: a frozen dataclass costs a ``object.__setattr__`` per field, and a
    story has hundreds of words; nothing changes a word once made)."""

    start: int
    end: int
    key: str
    brk: int


def words(text: str, digit_spans: Sequence[tuple[int, int]] = ()) -> list[Word]:
    """The words of ``text``; each span in ``digit_spans`` becomes one word keyed ``#`` (a
    letter stuck to it, as in Arabic "ب2500", becomes a word of its own)."""
    ts = list(tokens(text))
    return words_of(text, [t.start for t in ts], [t.end for t in ts], [t.key for t in ts], 0, len(ts), digit_spans)


def words_of(text: str, starts: Sequence[int], ends: Sequence[int], keys: Sequence[str], lo: int, hi: int,
             digit_spans: Sequence[tuple[int, int]] = ()) -> list[Word]:
    """``words`` of the part of ``text`` that holds tokens ``lo``..``hi - 1`` of it (``starts``,
    ``ends``, ``keys``: the tokens of all of ``text``, as ``normalise.tokens`` gives them), so a
    document is tokenised once rather than line by line. Spans are positions in ``text``."""
    if not digit_spans:  # the usual line: every token is a word
        out: list[Word] = []
        prev_end = -1
        for t in range(lo, hi):
            key = keys[t]
            if not key:
                continue
            s = starts[t]
            out.append(Word(s, ends[t], key, _gap_level(text, prev_end, s) if prev_end >= 0 else 0))
            prev_end = ends[t]
        return out
    from ..normalise import fold

    spans = sorted(digit_spans)
    pieces: list[tuple[int, int, str]] = []
    si = 0
    for t in range(lo, hi):
        t_start, t_end = starts[t], ends[t]
        while si < len(spans) and spans[si][1] <= t_start:
            si += 1
        pos = t_start
        k = si
        while k < len(spans) and spans[k][0] < t_end:
            s, e = spans[k]
            if s > pos:
                pieces.append((pos, s, fold(text[pos:s])))
            if not pieces or pieces[-1][:2] != (s, e):
                pieces.append((s, e, "#"))
            pos = max(pos, e)
            if e > t_end:
                break
            k += 1
        if pos < t_end:
            pieces.append((pos, t_end, keys[t] if pos == t_start else fold(text[pos:t_end])))
    out = []
    prev_end = -1
    for s, e, key in pieces:
        if not key:
            continue
        out.append(Word(s, e, key, _gap_level(text, prev_end, s) if prev_end >= 0 else 0))
        prev_end = e
    return out


def _gap_level(text: str, a: int, b: int) -> int:
    """``break_level(text[a:b])``; the gap between two words is mostly one space."""
    if b - a == 1 and text[a] == " ":
        return 0
    return break_level(text[a:b])
