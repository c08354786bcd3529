"""A line of a document as words, with the phrase helpers the claims rules share.

``Frame.m(table, i)`` matches a language table at word ``i`` (Arabic clitics allowed, results
memoised for the frame's life); ``phrase_right``/``phrase_left`` take the noun phrase after or
before a word; ``nearest`` finds the closest cue of a table in the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Lexicon, PhraseTable
from .numbers import Number
from .text import Word

__all__ = ["Frame"]

_MISSING = object()
_CONTEXT = object()  # what a table finds at the word depends on the words after it


@dataclass
class Frame:
    """One line's words with the tables of its language."""

    text: str
    ws: list[Word]
    lex: Lexicon
    numbers: list[Number] = field(default_factory=list)
    num_words: set[int] = field(default_factory=set)
    date_words: set[int] = field(default_factory=set)
    fires: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = [w.key for w in self.ws]
        self.brk = [w.brk for w in self.ws]
        self._memo: dict[tuple[int, int], tuple[int, object] | None] = {}
        #: ``Lexicon.fires`` of each word (set by the caller when it has them already)
        if not self.fires or len(self.fires) != len(self.ws):
            self.fires = self.lex.fires_of(self.keys)
        # what a table finds at a word that no longer phrase can start with: the same wherever
        # that word stands, so it is remembered for the process, per language
        self._alone: dict[tuple[PhraseTable, str], object] = self.lex.memo.setdefault("alone", {})

    def m(self, table: PhraseTable, i: int) -> tuple[int, object] | None:
        if not 0 <= i < len(self.keys):
            return None
        key = self.keys[i]
        if key == "#":
            return None
        alone = self._alone.get((table, key), _MISSING)
        if alone is _MISSING:
            st = self.lex.word_stems(key)
            alone = table.match((key,), 0, (), None, st) if table.single(st) else _CONTEXT
            if len(self._alone) >= 200_000:
                self._alone.clear()
            self._alone[(table, key)] = alone
        if alone is not _CONTEXT:
            return alone  # type: ignore[return-value]
        k = (id(table), i)
        if k not in self._memo:
            self._memo[k] = table.match(self.keys, i, self.lex.clitics, self.brk, self.lex.word_stems(key))
        return self._memo[k]

    def any(self, i: int, *names: str) -> bool:
        tables = self.lex.tables
        for n in names:
            if self.m(tables[n], i) is not None:
                return True
        return False

    def sentence(self, i: int) -> tuple[int, int]:
        a = i
        while a > 0 and self.brk[a] < 2:
            a -= 1
        b = i + 1
        while b < len(self.ws) and self.brk[b] < 2:
            b += 1
        return a, b

    def index_at(self, pos: int) -> int:
        for k, w in enumerate(self.ws):
            if w.start >= pos:
                return k
        return len(self.ws)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.ws[a].start, self.ws[b - 1].end

    def words_text(self, a: int, b: int) -> str:
        if b <= a:
            return ""
        s, e = self.span(a, b)
        return self.text[s:e]

    # -- phrases -------------------------------------------------------------------------
    def phrase_right(self, k: int, end: int, maxlen: int = 6, cues: bool = False) -> tuple[int, int]:
        """The noun phrase that starts at word ``k``: up to a verb, a relative pronoun, a
        preposition, punctuation or another number."""
        while k < end and self.any(k, "articles"):
            k += 1
        b = k
        while b < end and b - k < maxlen:
            if b > k and self.brk[b] > 0:
                break
            if self.ws[b].key == "#" or b in self.num_words or b in self.date_words:
                break
            if self.any(b, "partitive") and b > k:
                b += 1
                continue
            if self.any(b, "stop", "conjunctions", "prepositions", "complementizers", "ago_after", "later_after") or (
                    b > k and self.any(b, "link", "verbs", "not_disclosed", "rise", "fall", *(() if cues else ("cues",)))):
                break
            b += 1
        while b > k and self.any(b - 1, "partitive", "articles"):
            b -= 1
        return k, b

    def phrase_left(self, i: int, start: int, maxlen: int = 7) -> tuple[int, int]:
        """The words before word ``i`` that name what it is about, stopping at a verb, a
        complementizer, punctuation or another number; prepositions, "by", times of day at
        the edges are dropped ("نظم و قانون تا صبح روز" -> "نظم و قانون")."""
        a = i
        while a > start and i - a < maxlen:
            c = a - 1
            if self.brk[a] > 0:
                break
            if self.ws[c].key == "#" or c in self.num_words:
                break
            if self.any(c, "stop", "link", "verbs", "cues", "not_disclosed", "complementizers", "rise", "fall"):
                break
            a = c
        edge = ("prepositions", "time_words", "by_markers", "articles", "partitive", "conjunctions")
        b = i
        while b > a and self.any(b - 1, *edge):
            b -= 1
        while a < b and self.any(a, *edge):
            a += 1
        return a, b

    def nearest(self, table: PhraseTable, left_of: int, right_of: int, start: int, end: int,
                left: int = 6, right: int = 10, barrier: tuple[str, ...] = ()) -> tuple[float, int, int, object] | None:
        """The closest phrase of ``table`` before word ``left_of`` or from word ``right_of`` in
        the sentence ``[start, end)``: ``(score, first word, words, value)``. Punctuation
        and another number in between make it farther or stop the search, and so do words
        of the ``barrier`` tables (e.g. a complementizer between a date and a verb)."""
        best: tuple[float, int, int, object] | None = None
        pen = 0.0
        for b in range(right_of, min(end, right_of + right)):
            if self.brk[b] == 1:
                pen += 3
            if self.ws[b].key == "#" or (b in self.num_words and b != right_of):
                break
            m = self.m(table, b)
            if m is None and barrier and self.any(b, *barrier):
                break
            if m is None and self.any(b, "complementizers"):
                pen += 3
            if m is not None:
                conj = self.keys[b].startswith(("و", "ف")) and table.match(self.keys, b, ()) is None
                conj = conj or (b > 0 and self.any(b - 1, "conjunctions"))
                best = (b - right_of + 1 + pen + (1.5 if conj else 0), b, m[0], m[1])
                break
        pen = 0.0
        for c in range(left_of - 1, max(start, left_of - left) - 1, -1):
            if c + 1 < len(self.ws) and self.brk[c + 1] == 1:
                pen += 3
            if self.ws[c].key == "#" or c in self.num_words:
                break
            m = self.m(table, c)
            if m is None and barrier and self.any(c, *barrier):
                break
            if m is None and self.any(c, "complementizers"):
                pen += 3
            if m is not None and c + m[0] <= left_of:
                score = left_of - c + pen
                if best is None or score < best[0]:
                    best = (score, c, m[0], m[1])
                break
        return best
