"""What the recogniser needs to know about one word, computed once per distinct word.

News repeat their words, so the facts about a word key (its script, its forms without
proclitics, its consonant skeleton, whether it is a stop word, a title, a word with the
article) are kept by the recogniser in a bounded table: a pure function's answers, so the table
never changes a result, only the time it takes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import SUFFIXES, Gazetteer, first_variants, ru_stem
from .phonetic import key_letters, word_skeleton

__all__ = ["Word", "WordTable", "script_of_key"]

_RUNS = re.compile(r"(.)\1+")
_ARTICLE_CLITICS = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
_POSSESSIVES = ("هما", "هم", "ها", "ه")


def script_of_key(k: str) -> str:
    """"a" (Arabic script), "c" (Cyrillic), "l" (Latin) or "o" (digits, other) from a key's first letter."""
    if not k:
        return "o"
    c = k[0]
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
        return "a"
    if "\u0400" <= c <= "\u04ff":
        return "c"
    if c.isalpha() and c < "\u0250":
        return "l"
    return "o"


def collapse(s: str) -> str:
    return _RUNS.sub(r"\1", s)


@dataclass(frozen=True, slots=True)
class Word:
    key: str
    script: str
    mkey: str  # the key to match on (Russian: without its case ending)
    variants: tuple[tuple[str, int], ...]  # (key, letters cut): as written, without proclitics
    skel: str  # consonant skeleton, runs collapsed
    vskels: tuple[tuple[str, int], ...]  # skeletons of the variants
    letters: str
    stop: bool
    title: frozenset[str]  # the languages it is a title in (empty: not a title)
    article: bool
    opens_key: bool  # some form of it starts a name, office or body phrase in the index
    opens_sound: bool  # some form of its skeleton starts a name's skeleton in the index
    wordish: int  # may be part of a name: 0 no (no letters, a stop word, a title), 1 yes, 2 if capitalised


class WordTable:
    """Word key -> :class:`Word`, bounded; owned by one recogniser."""

    def __init__(self, g: Gazetteer, limit: int = 300_000) -> None:
        self.g = g
        self.limit = limit
        self._d: dict[str, Word] = {}

    def get(self, k: str) -> Word:
        w = self._d.get(k)
        if w is None:
            if len(self._d) >= self.limit:
                self._d.clear()
            w = self._d[k] = self._make(k)
        return w

    def get_all(self, keys: list[str]) -> list[Word]:
        """``get`` of each key (in C for the words already known: most of a document's)."""
        got = list(map(self._d.get, keys))
        if None in got:
            got = [self.get(k) if w is None else w for w, k in zip(got, keys, strict=True)]
        return got  # type: ignore[return-value]

    def _make(self, k: str) -> Word:
        g = self.g
        s = script_of_key(k)
        mk = ru_stem(k) if s == "c" else k
        variants = tuple(first_variants(mk)) if s == "a" else ((mk, 0),)
        skel = collapse(word_skeleton(mk))
        vskels = tuple((collapse(word_skeleton(v)), cut) for v, cut in variants)
        bare = k[1:] if s == "a" and len(k) > 2 and k[0] in "وف" else None
        stop = k in g.stop or (bare is not None and bare in g.stop)
        title = g.titles.get(k) or (g.titles.get(bare, frozenset()) if bare is not None and len(k) > 3 else frozenset())
        if not title and s == "a" and len(k) > 4:
            # with a proclitic and a possessive: برئيسها "(by) its president", ووزيرها
            for v, _ in variants:
                for e in _POSSESSIVES:
                    if v.endswith(e) and len(v) - len(e) >= 3 and v[: -len(e)] in g.titles:
                        title = title | g.titles[v[: -len(e)]]
        article = s == "a" and len(k) > 3 and k.startswith(_ARTICLE_CLITICS)
        opens_key = s != "o" and any(v in g.prefixes or v.endswith(SUFFIXES) for v, _ in variants)
        opens_sound = s != "o" and any(v in g.sound_prefixes for v, _ in vskels)
        wordish = 0 if s == "o" or stop or title else (2 if s in ("l", "c") else int(len(k) >= 2))
        return Word(k, s, mk, variants, skel, vskels, key_letters(mk), stop, title, article, opens_key, opens_sound,
                    wordish)
