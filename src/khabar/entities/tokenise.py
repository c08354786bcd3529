"""The words of a document with their matching keys, fast.

Gives exactly what :func:`khabar.normalise.tokens` gives (a test checks it), about three times
faster: the whole text is folded with one ``str.translate`` whose table is derived from
``normalise.fold`` and ``normalise.tokens`` themselves, so the two cannot drift apart. A
character that folds to several letters, or one outside the Basic Multilingual Plane, sends
its word to ``normalise.fold`` itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from khabar.normalise import fold, tokens
from khabar.normalise.chartable import CharTable
from khabar.recent import Recent

__all__ = ["Tokens", "Tokeniser", "tokeniser"]

_DROP = "\x01"  # a word character that folds to nothing (harakat, ZWNJ, tatweel)
_SLOW = "\x02"
_JOIN = "\x03"  # a joiner (ZWNJ, ZWJ, tatweel, soft hyphen): dropped, and never a word's edge  # a word character that folds to several (ligatures, ß): fold the word itself
_FOLDED_WORD = re.compile(r"(?:[^\W_]|[\x01-\x03])+")
_FOLDED_SPLIT = re.compile(r"((?:[^\W_]|[\x01-\x03])+)")
_REMEMBER = 4  # texts whose words ``split`` keeps
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_WORD = re.compile("(?=[\U00010000-\U0010ffff])\\w")
# a joiner at the edge of a word: the span leaves it out
_EDGE_JOIN = re.compile(r"(?<![^\W_]|[\x01-\x03])\x03|\x03(?![^\W_]|[\x01-\x03])")
_JOINERS = frozenset("\u200c\u200d\u0640\u00ad")


@dataclass(frozen=True)
class Tokens:
    """Parallel lists: the span of each word in the text and its key."""

    starts: list[int]
    ends: list[int]
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)


def _entry(c: str) -> str:
    """What one character becomes in the folded text: a space (no word character), itself
    folded, or a marker (dropped, joiner, or "fold the word itself")."""
    o = ord(c)
    if o >= 0x10000 or 0xD800 <= o <= 0xDFFF:
        return c  # astral and surrogate code points pass unchanged; ``_split`` handles them
    if [(t.start, t.end) for t in tokens("a" + c + "a")] != [(0, 3)]:
        return " "  # never part of a word
    f = fold(c)
    if c in _JOINERS:
        return _JOIN
    if f == "":
        return _DROP
    if len(f) == 1 and _FOLDED_WORD.fullmatch(f):
        return f
    return _SLOW


class Tokeniser:
    """Built once per process; then ``split(text)`` is cheap.

    The translation table is filled on first sight of each character (a ``CharTable``): the
    eager table of the whole Basic Multilingual Plane cost 2.3 s of every process's start, and a
    corpus uses a few hundred characters of it.
    """

    def __init__(self) -> None:
        self._table: CharTable[str] = CharTable(_entry)
        self._last: Recent[str, Tokens] = Recent(_REMEMBER)

    def split(self, text: str) -> Tokens:
        """The words of ``text``. The last few texts are remembered: the entity and the claims
        stages tokenise the same document one after the other (each caller gets its own lists)."""
        got = self._last.get(text)
        if got is None:
            got = self._split(text)
            self._last.put(text, got)
        return Tokens(list(got.starts), list(got.ends), list(got.keys))

    def _split(self, text: str) -> Tokens:
        folded = text.translate(self._table.for_text(text))  # one character for one: positions carry over
        # words and the gaps around them, in C: [gap, word, gap, word, ..., gap]
        parts = _FOLDED_SPLIT.split(folded)
        cum = list(accumulate(map(len, parts), initial=0))
        starts, ends, keys = cum[1:-1:2], cum[2::2], parts[1::2]
        joins = _JOIN in folded
        if joins or _DROP in folded:  # in one go: no key holds "\0" (it is no word character)
            keys = "\0".join(keys).replace(_DROP, "").replace(_JOIN, "").split("\0") if keys else keys
        # emoji are common and never words; an astral letter is rare and folded the slow way
        astral = _ASTRAL.search(folded) is not None and _ASTRAL_WORD.search(folded) is not None
        trimmed = _SLOW in folded or astral or (joins and _EDGE_JOIN.search(folded))
        if trimmed:
            for i, k in enumerate(keys):
                s, e = starts[i], ends[i]
                if _SLOW in folded[s:e] or (astral and _ASTRAL.search(k)):
                    keys[i] = fold(text[s:e])
                while s < e and text[s] in _JOINERS:
                    s += 1
                while e > s and text[e - 1] in _JOINERS:
                    e -= 1
                starts[i], ends[i] = s, e
        # a word of the split is never empty: only trimming its joiners can empty its span
        if "" in keys or (trimmed and any(s >= e for s, e in zip(starts, ends, strict=True))):
            keep = [i for i, k in enumerate(keys) if k and starts[i] < ends[i]]
            starts = [starts[i] for i in keep]
            ends = [ends[i] for i in keep]
            keys = [keys[i] for i in keep]
        return Tokens(starts, ends, keys)


@lru_cache(maxsize=1)
def tokeniser() -> Tokeniser:
    """The process's one ``Tokeniser``: its table takes a moment to build and never changes,
    so entity recognition and the claims stage share it."""
    return Tokeniser()
