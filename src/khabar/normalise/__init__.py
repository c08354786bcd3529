"""Matching keys for text in Arabic script, Latin and Cyrillic.

Why our own: no library folds the Arabic/Persian letter variants that news sites mix freely
(ي ی ى, ك ک, ة ه ۀ, hamza carriers), drops harakat and tatweel, treats ZWNJ as optional and
maps Arabic-Indic and Persian digits, all while keeping a map back to the original
characters. SQLite FTS5 and PostgreSQL do none of it (see MEASURED.md). The stored text is
never changed: keys exist only for matching, and ``offsets`` maps every key character back to
the source character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .chartable import CharTable

__all__ = ["Token", "Keyed", "fold", "key", "keyed", "tokens", "VERSION"]

VERSION = "normalise.arabic.v1"

# One source character -> the string it becomes in a key ("" drops it).
_MAP: dict[str, str] = {}
for _c in "يیىئۍېےۓ":
    _MAP[_c] = "ي"
for _c in "كکڪ":
    _MAP[_c] = "ك"
for _c in "ةۀەھۃہۂ":
    _MAP[_c] = "ه"
for _c in "أإآٱٲٳ":
    _MAP[_c] = "ا"
_MAP["ؤ"] = "و"
_MAP["ء"] = ""  # a bare hamza is spelt or left out at will
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _MAP[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _MAP[_d] = str(_i)
# Invisible format characters and tatweel: present or not, the word is the same.
for _c in "\u0640\u200c\u200d\u200e\u200f\u061c\u200b\ufeff\u00ad\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e":
    _MAP[_c] = ""
_MAP["ё"] = "е"
_MAP["Ё"] = "е"

# Characters that belong inside a word even though they are not alphanumeric.
_JOINERS = frozenset("\u200c\u200d\u0640\u00ad")


def _fold_char(c: str) -> str:
    m = _MAP.get(c)
    if m is not None:
        return m
    cat = unicodedata.category(c)
    if cat == "Mn":  # harakat, shadda, superscript alef, combining accents
        return ""
    if c.isascii():
        return c.lower()
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
        return c
    # Latin with accents, Cyrillic, presentation forms: decompose, drop marks, lower-case.
    d = unicodedata.normalize("NFKD", c)
    out = "".join(x for x in d if unicodedata.category(x) != "Mn").lower()
    return "".join(_MAP.get(x, x) for x in out)


def _fold_recorded(c: str) -> str:
    """``_fold_char``, noting the characters whose fold is not exactly one character."""
    f = _fold_char(c)
    if len(f) != 1:
        _NOT_ONE.add(c)
        _NOT_ONE_RE.clear()
    return f


#: ``ord(c) -> _fold_char(c)``, filled on first sight: ``fold`` runs in C (``str.translate``).
_TABLE: CharTable[str] = CharTable(_fold_recorded)
#: Characters seen so far whose fold is not exactly one character (dropped or expanded),
#: and a pattern that finds them (rebuilt when the set grows).
_NOT_ONE: set[str] = set()
_NOT_ONE_RE: list[re.Pattern[str]] = []


def _table_for(text: str) -> list[str] | CharTable[str]:
    """The quickest table that folds every character of ``text`` exactly as ``_TABLE`` does."""
    return _TABLE.for_text(text)


def _not_one_re() -> re.Pattern[str]:
    if not _NOT_ONE_RE:
        _NOT_ONE_RE.append(re.compile("[" + "".join(re.escape(c) for c in sorted(_NOT_ONE)) + "]"))
    return _NOT_ONE_RE[0]


@dataclass(frozen=True)
class Keyed:
    """A key string and, for each of its characters, the index of the source character."""

    key: str
    offsets: tuple[int, ...]

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        """Source span ``[start, end)`` covering key span ``[kstart, kend)``."""
        if kend <= kstart:
            raise ValueError("empty key span")
        return self.offsets[kstart], self.offsets[kend - 1] + 1


def keyed(text: str) -> Keyed:
    """Fold ``text`` for matching and keep the map back to ``text``."""
    # also fills the table (and _NOT_ONE) for every character of text
    k = text.translate(_table_for(text))
    if len(k) == len(text) and _NOT_ONE.isdisjoint(text):
        return Keyed(k, tuple(range(len(text))))
    offs: list[int] = []
    prev = 0
    for m in _not_one_re().finditer(text):
        i = m.start()
        offs.extend(range(prev, i))
        offs.extend([i] * len(_TABLE[ord(text[i])]))
        prev = i + 1
    offs.extend(range(prev, len(text)))
    return Keyed(k, tuple(offs))


def fold(text: str) -> str:
    """The matching form of ``text``: same letters for every variant spelling, no marks."""
    return text.translate(_table_for(text))


def key(text: str) -> str:
    """A whitespace-squeezed, punctuation-free matching key for a name or phrase."""
    return " ".join(_keys(text))


@dataclass(frozen=True)
class Token:
    """A word of the source text: its span and its matching key."""

    start: int
    end: int
    key: str


def _mark_spans() -> list[tuple[int, int]]:
    """Every combining mark (Mn, Mc, Me) up to U+1FFFF, plus the variation selectors of plane
    14, as inclusive code point ranges. Words keep their marks: harakat, accents typed as
    combining characters, Indic vowel signs."""
    spans: list[tuple[int, int]] = []
    start = None
    for i in range(0x20001):
        is_mark = i <= 0x1FFFF and unicodedata.category(chr(i))[0] == "M"
        if is_mark and start is None:
            start = i
        elif not is_mark and start is not None:
            spans.append((start, i - 1))
            start = None
    return [*spans, (0xE0100, 0xE01EF)]


def _class_body(spans: list[tuple[int, int]]) -> str:
    """A character class body for inclusive code point ranges."""
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)


_MARK_SPANS = _mark_spans()
_MARKS = _class_body(_MARK_SPANS)
# The marks of the Basic Multilingual Plane alone: the regex engine turns these into one
# bitmap, while marks beyond the plane stay a list of ranges, tried one by one for every
# character that is not a letter or digit (spaces, punctuation): several times slower.
_MARKS_BMP = _class_body([(a, min(b, 0xFFFF)) for a, b in _MARK_SPANS if a <= 0xFFFF])
_JOINER_CLASS = "\u200c\u200d\u0640\u00ad"
# A word: letters and digits (not "_"), with marks and joiners inside it.
_WORD = re.compile(f"(?:[^\\W_]|[{_MARKS}{_JOINER_CLASS}])+")
# The same words with "_" allowed inside: one character class, which the regex engine scans
# in a tight loop, where ``_WORD``'s alternation costs a branch per character. Splitting its
# matches at "_" gives exactly ``_WORD``'s matches ("_" is the only character it adds).
_WORD_RUN = re.compile(f"[\\w{_MARKS}{_JOINER_CLASS}]+")
# ``_WORD_RUN`` for text without characters beyond U+FFFF (nearly all text): there the marks
# beyond the plane cannot match, so leaving them out changes nothing.
_WORD_RUN_BMP = re.compile(f"[\\w{_MARKS_BMP}{_JOINER_CLASS}]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _word_runs(text: str) -> re.Pattern[str]:
    """The quicker of ``_WORD_RUN`` and ``_WORD_RUN_BMP`` that finds the same runs in ``text``."""
    return _WORD_RUN_BMP if text.isascii() or _ASTRAL.search(text) is None else _WORD_RUN


def tokens(text: str) -> Iterator[Token]:
    """Words of ``text`` with spans into it; ZWNJ and tatweel stay inside a word."""
    for s, e, k in _spans(text):
        yield Token(s, e, k)


def _keys(text: str) -> list[str]:
    """The keys of ``tokens(text)``, in order, without their spans.

    Folded in one ``str.translate`` call over the words joined by NUL (not a word character,
    folded to itself). Joiners at the edges of a word, which ``_spans`` trims, fold to "" and
    so do not change a key; a word that folds to "" is no token.
    """
    words = _word_runs(text).findall(text)
    if not words:
        return []
    joined = "\0".join(words)
    if "_" in joined:  # back to ``_WORD``'s words: "_" separates them like NUL does
        joined = joined.replace("_", "\0")
    return [k for k in joined.translate(_table_for(joined)).split("\0") if k]


def _word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``_WORD.finditer(text)`` as (start, end, word), found with the quicker ``_WORD_RUN``."""
    for m in _word_runs(text).finditer(text):
        w = m.group()
        if "_" not in w:
            yield m.start(), m.end(), w
            continue
        pos = m.start()
        for part in w.split("_"):
            if part:
                yield pos, pos + len(part), part
            pos += len(part) + 1


def _spans(text: str) -> Iterator[tuple[int, int, str]]:
    table = _TABLE
    for s, e, w in _word_spans(text):
        if w[0] in _JOINERS or w[-1] in _JOINERS:
            while s < e and text[s] in _JOINERS:
                s += 1
            while e > s and text[e - 1] in _JOINERS:
                e -= 1
            w = text[s:e]
        if s < e:
            k = w.translate(table)
            if k:
                yield s, e, k
