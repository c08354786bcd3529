"""What the claims stage knows about a language, read from ``claims/lang/<code>.yaml``.

Adding a language is adding a file with any of the keys of ``lang/en.yaml`` (all optional):
number words, qualifiers ("about", "at least"), the words that say what a number counts
(troops, people, killed, injured, detained), units, currencies, verbs of starting and ending,
month and weekday names and words for "yesterday". Month and weekday names of a language
without a file, or without dates in its file, come from dateparser's locale data.

Every word is compared through ``khabar.normalise``: Arabic letter variants, harakat, ZWNJ,
case and digits do not matter. A trailing ``*`` makes a word a prefix ("погиб*").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .. import yamlio
from ..normalise import tokens
from ..normalise.chartable import CharTable

__all__ = ["PhraseTable", "Lexicon", "lexicon", "concepts", "guess_lang", "phrase_words", "CORE"]

#: Languages with a hand-written file; others borrow dates from dateparser.
CORE = ("ar", "fa", "en", "ru")

# Languages that may stand in for each other when a paragraph is mislabelled: Persian and
# Arabic share a script and much vocabulary, and language identification often confuses them.
_SISTERS = {"ar": ("fa",), "fa": ("ar",), "ur": ("fa",), "ps": ("fa",)}
_SHARED_NUMBERS = frozenset({"ar", "fa"})
_NUMBER_TABLES = frozenset({"numbers", "hundred", "multipliers", "teen", "vague", "duals", "qualifiers_before",
                            "qualifiers_after"})

_TABLES = (
    "numbers", "hundred", "multipliers", "teen", "connectors", "vague", "duals", "partitive", "articles",
    "conjunctions", "within", "within_after", "percent_before", "for", "ago_before", "ago_after", "later_before", "later_after", "negations",
    "percent", "troops",
    "force_heads", "people", "count_words", "strength", "link", "rise", "fall", "price", "not_disclosed",
    "events", "stop", "complementizers", "id_words", "subset", "prepositions", "time_words", "by_markers",
)
_GROUPED = ("qualifiers_before", "qualifiers_after", "units", "currencies", "cues", "verbs", "change")
_SCALARS = ("lang", "script", "clitics", "number_clitics", "decimal_comma", "dot_thousands", "dates")
_DATE_KEYS = (
    "months", "jalali_months", "hijri_months", "ordinals", "weekdays", "day_words", "relative_days", "relative_blockers",
    "last_before", "last_after", "next_before", "next_after", "last_period", "eras",
)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The matching words of a lexicon phrase; a word that ended in ``*`` keeps it."""
    out: list[str] = []
    for part in str(phrase).split():
        star = part.endswith("*")
        ks = [t.key for t in tokens(part.rstrip("*"))]
        if star and ks:
            ks[-1] += "*"
        out.extend(ks)
    return tuple(out)


#: Bits of ``Lexicon.fires``.
NUMBER, NOT_DISCLOSED, CHANGE = 1, 2, 4

#: Entries a memo of words may hold before it starts afresh (bounds memory on endless input).
_CACHE_MAX = 200_000


def stems(word: str, clitics: Sequence[str]) -> tuple[str, ...]:
    """``word`` and what is left of it without each clitic it starts with."""
    return (word, *(word[len(c):] for c in clitics if word.startswith(c) and len(word) - len(c) >= 2))


def _word_ok(pattern: str, k: str) -> bool:
    if pattern.endswith("*"):
        return k.startswith(pattern[:-1])
    return pattern == k


class PhraseTable:
    """Phrases (sequences of words) with a value each, matched against a list of word keys."""

    __slots__ = ("_exact", "_prefix", "maxlen", "_cands")

    def __init__(self, items: Iterable[tuple[str, Any]] = ()) -> None:
        self._exact: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self._prefix: list[tuple[tuple[str, ...], Any]] = []
        self.maxlen = 0
        # The phrases a first word can start, per first word: the claims rules ask about the
        # same few thousand words over and over, and most of them start no phrase at all.
        self._cands: dict[str, tuple[tuple[int, tuple[str, ...], Any], ...]] = {}
        for phrase, value in items:
            words = phrase_words(phrase)
            if not words:
                continue
            self.maxlen = max(self.maxlen, len(words))
            if words[0].endswith("*"):
                self._prefix.append((words, value))
            else:
                self._exact.setdefault(words[0], []).append((words, value))

    def __bool__(self) -> bool:
        return bool(self._exact or self._prefix)

    def candidates(self, first: str) -> tuple[tuple[int, tuple[str, ...], Any], ...]:
        """``(number of words, words, value)`` of every phrase whose first word fits ``first``,
        in the order ``match`` tries them (exact phrases first, then prefix ones); remembered."""
        got = self._cands.get(first)
        if got is None:
            cands = self._exact.get(first, [])
            if self._prefix:
                cands = cands + [p for p in self._prefix if first.startswith(p[0][0][:-1])]
            got = tuple((len(w), w, v) for w, v in cands)
            if len(self._cands) >= _CACHE_MAX:
                self._cands.clear()
            self._cands[first] = got
        return got

    def match(self, keys: Sequence[str], i: int, clitics: Sequence[str] = (),
              breaks: Sequence[int] | None = None, firsts: Sequence[str] | None = None) -> tuple[int, Any] | None:
        """The longest phrase starting at ``keys[i]``: ``(number of words, value)`` or None.

        ``clitics`` may be stuck to the first word (``firsts``: the first word's forms with and
        without them, when the caller has them already); ``breaks[k]`` > 0 means punctuation
        stands before word ``k``, which a phrase may not cross."""
        if not 0 <= i < len(keys):
            return None
        if firsts is None:
            firsts = stems(keys[i], clitics)
        best: tuple[int, Any] | None = None
        for f in firsts:
            for n, words, value in self.candidates(f):
                if n == 1:  # a one-word phrase needs nothing but its first word
                    if best is None:
                        best = (1, value)
                    continue
                if i + n > len(keys) or (best is not None and n <= best[0]):
                    continue
                if breaks is not None and any(breaks[i + k] > 0 for k in range(1, n)):
                    continue
                if all(_word_ok(words[k], keys[i + k]) for k in range(1, n)):
                    best = (n, value)
        return best

    def single(self, firsts: Sequence[str]) -> bool:
        """No phrase of more than one word starts with any of ``firsts``: what ``match`` finds
        there does not depend on the words after it."""
        return all(n == 1 for f in firsts for n, _w, _v in self.candidates(f))

    def match_before(self, keys: Sequence[str], j: int, clitics: Sequence[str] = (),
                     breaks: Sequence[int] | None = None) -> tuple[int, Any] | None:
        """The longest phrase that ends just before ``keys[j]``: ``(number of words, value)``."""
        best: tuple[int, Any] | None = None
        for n in range(1, min(self.maxlen, j) + 1):
            m = self.match(keys, j - n, clitics, breaks)
            if m is not None and m[0] == n:
                best = m
        return best

    def has(self, k: str, clitics: Sequence[str] = ()) -> Any:
        """The value of a one-word phrase ``k`` (None if there is none)."""
        m = self.match([k], 0, clitics)
        return m[1] if m is not None else None


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Merged tables of one language and its sisters. Compared by identity."""

    lang: str
    script: str
    clitics: tuple[str, ...]
    number_clitics: tuple[str, ...]
    decimal_comma: bool
    dot_thousands: bool
    tables: Mapping[str, PhraseTable]
    dates: Mapping[str, Any] = field(default_factory=dict)
    if TYPE_CHECKING:  # set in __post_init__ from ``tables``; declared for the type checker
        duals: PhraseTable
        numbers: PhraseTable
        hundred: PhraseTable
        multipliers: PhraseTable
        vague: PhraseTable
        not_disclosed: PhraseTable
        change: PhraseTable
    #: Per-process memos of what depends on one word only (see ``word_stems``, ``numbers``).
    memo: dict[str, dict[Any, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Tables as plain attributes: ``lex.numbers`` is then found without ``__getattr__``,
        # which the claims rules would otherwise go through for every word they look at.
        for name, table in self.tables.items():
            if name not in self.__dataclass_fields__:
                object.__setattr__(self, name, table)

    def word_stems(self, k: str) -> tuple[str, ...]:
        """``stems(k, self.clitics)``, remembered."""
        memo = self.memo.setdefault("stems", {})
        got = memo.get(k)
        if got is None:
            if len(memo) >= _CACHE_MAX:
                memo.clear()
            got = memo[k] = stems(k, self.clitics)
        return got

    def fires_of(self, keys: Sequence[str]) -> list[int]:
        """``fires`` of each of ``keys`` (one dictionary look-up a word once they are known)."""
        get = self.memo.setdefault("fires", {}).get
        out = [get(k) for k in keys]
        if None in out:
            out = [self.fires(k) if x is None else x for x, k in zip(out, keys, strict=True)]
        return out  # type: ignore[return-value]

    def fires(self, k: str) -> int:
        """What a word keyed ``k`` may start, as bits (remembered: it depends on the word
        alone): ``NUMBER`` a number (its number clitics allowed), ``NOT_DISCLOSED`` and
        ``CHANGE`` those phrases (its clitics allowed). 0 for most words: the rules that scan
        every word of a line need only look at the others."""
        memo = self.memo.setdefault("fires", {})
        got = memo.get(k)
        if got is None:
            got = 0
            nums = stems(k, self.number_clitics)
            if any(t.candidates(x) for t in (self.duals, self.numbers, self.hundred, self.multipliers, self.vague)
                   for x in nums):
                got |= NUMBER
            if any(self.not_disclosed.candidates(x) for x in self.word_stems(k)):
                got |= NOT_DISCLOSED
            if any(self.change.candidates(x) for x in self.word_stems(k)):
                got |= CHANGE
            if len(memo) >= _CACHE_MAX:
                memo.clear()
            memo[k] = got
        return got

    def __getattr__(self, name: str) -> PhraseTable:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None


def _read(lang: str) -> dict[str, Any] | None:
    entry = resources.files(__package__).joinpath("lang").joinpath(f"{lang}.yaml")
    if not entry.is_file():
        return None
    data = yamlio.safe_load(entry.read_text(encoding="utf-8")) or {}
    unknown = set(data) - set(_TABLES) - set(_GROUPED) - set(_SCALARS)
    if unknown:
        raise ValueError(f"claims/lang/{lang}.yaml: unknown keys {sorted(unknown)}")
    for k, v in data.items():
        if k in _TABLES and isinstance(v, list) and any(not isinstance(x, str) for x in v):
            raise ValueError(f"claims/lang/{lang}.yaml: {k} has a word that is not text (quote yes/no/on/off)")
    unknown = set(data.get("dates") or {}) - set(_DATE_KEYS)
    if unknown:
        raise ValueError(f"claims/lang/{lang}.yaml: unknown keys under dates: {sorted(unknown)}")
    return data


def _locale_dates(lang: str) -> dict[str, Any]:
    """Month, weekday and relative-day names from dateparser's locale data (lazy import)."""
    try:
        from dateparser.languages.loader import default_loader

        info = default_loader.get_locale(lang).info
    except Exception:  # unknown locale or dateparser missing: no dates for this language
        return {}
    names = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    rel = info.get("relative-type") or {}
    return {
        "months": {i + 1: [x for x in info.get(n, []) if len(x) > 2] for i, n in enumerate(names)},
        "weekdays": {i: [x for x in info.get(n, []) if len(x) > 2] for i, n in enumerate(days)},
        "relative_days": {0: rel.get("0 day ago", []), -1: rel.get("1 day ago", []), 1: rel.get("in 1 day", [])},
        "last_period": {"week": rel.get("1 week ago", []), "month": rel.get("1 month ago", []),
                        "year": rel.get("1 year ago", [])},
    }


def _table(items: Iterable[tuple[str, Any]]) -> PhraseTable:
    return PhraseTable(items)


def _build(lang: str, files: Sequence[dict[str, Any]]) -> Lexicon:
    head = files[0] if files else {}
    tables: dict[str, PhraseTable] = {}
    for name in _TABLES:
        items: list[tuple[str, Any]] = []
        for data in files:
            v = data.get(name) or ()
            if isinstance(v, Mapping):
                items += [(str(w), x) for w, x in v.items()]
            else:
                items += [(str(w), True) for w in v]
        tables[name] = _table(items)
    for name in _GROUPED:
        items = []
        for data in files:
            for label, words in (data.get(name) or {}).items():
                items += [(str(w), str(label)) for w in words or ()]
        tables[name] = _table(items)
    dates: dict[str, Any] = {}
    for data in files:
        for k, v in (data.get("dates") or {}).items():
            if isinstance(v, Mapping):
                slot = dates.setdefault(k, {})
                for kk, vv in v.items():
                    slot.setdefault(kk, []).extend(str(x) for x in vv or ())
            else:
                dates.setdefault(k, []).extend(str(x) for x in v or ())
    return Lexicon(
        lang=lang, script=str(head.get("script", "")),
        clitics=tuple(sorted(phrase_key_list(head.get("clitics")), key=len, reverse=True)),
        number_clitics=tuple(sorted(phrase_key_list(head.get("number_clitics")), key=len, reverse=True)),
        decimal_comma=bool(head.get("decimal_comma", lang not in ("en", "ar", "fa", "ur", "ps"))),
        dot_thousands=bool(head.get("dot_thousands", lang in ("de", "es", "it", "pt", "tr", "id", "nl", "da"))),
        tables=tables, dates=dates,
    )


def phrase_key_list(words: Iterable[str] | None) -> list[str]:
    return [w for w in (" ".join(phrase_words(x)) for x in words or ()) if w]


@lru_cache(maxsize=64)
def lexicon(lang: str) -> Lexicon:
    """Tables for ``lang`` (its own file first, then its sisters'); package data, read once."""
    own = _read(lang)
    files: list[dict[str, Any]] = []
    if own is not None:
        files.append(own)
    else:
        files.append({"lang": lang})
    for sister in _SISTERS.get(lang, ()):
        data = _read(sister)
        if data is not None:
            if own is not None and own.get("numbers") and lang not in _SHARED_NUMBERS:
                # Urdu "سے" (from) is Persian "سی" (30) once folded: keep a language's own numbers
                data = {k: v for k, v in data.items() if k not in _NUMBER_TABLES}
            files.append(data)
    if own is None or not own.get("dates"):
        files.append({"dates": _locale_dates(lang)})
    return _build(lang, files)


@lru_cache(maxsize=1)
def concepts() -> tuple[PhraseTable, tuple[str, ...]]:
    """Language-independent concepts of what a claim is about (``claims/concepts.yaml``), and
    their order in the file (the first one a subject names is what it is compared by)."""
    text = resources.files(__package__).joinpath("concepts.yaml").read_text(encoding="utf-8")
    data = yamlio.safe_load(text) or {}
    table = PhraseTable((str(w), str(c)) for c, words in data.items() for w in words or ())
    return table, tuple(str(c) for c in data)


_PERSIAN_LETTERS = frozenset("پچژگکی")


def _script_char(c: str) -> str:
    """The script class of one character for ``guess_lang``: "p" (a Persian letter, Arabic
    script), "a" (other Arabic script), "c" (Cyrillic), "l" (Latin) or "" (none)."""
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\ufb50" <= c <= "\ufeff":
        return "p" if c in _PERSIAN_LETTERS else "a"
    if "\u0400" <= c <= "\u04ff":
        return "c"
    if c.isascii() and c.isalpha() or "\u00c0" <= c <= "\u024f":
        return "l"
    return ""


#: ``ord(c) -> _script_char(c)`` (" " for none), filled on first sight: counting the scripts of
#: a text runs in C. One character for one, so a slice of the result is the classes of that slice.
_SCRIPT_TABLE: CharTable[str] = CharTable(lambda c: _script_char(c) or " ")
_HINT_SCRIPT = {"ar": "arabic", "fa": "arabic", "ur": "arabic", "ps": "arabic", "ru": "cyrillic",
                "uk": "cyrillic", "bg": "cyrillic", "sr": "cyrillic", "kk": "cyrillic"}
_LAST_CLASSES: list[tuple[str, str]] = [("", "")]


def script_classes(text: str) -> str:
    """The script class of every character of ``text`` (see ``_script_char``; " " for none),
    for ``guess_lang_of``. The last text's classes are kept: the claims stage asks about the
    same document for its dates and for each of its lines."""
    last = _LAST_CLASSES[0]
    if last[0] is text:
        return last[1]
    classes = text.translate(_SCRIPT_TABLE.for_text(text))
    _LAST_CLASSES[0] = (text, classes)
    return classes


def guess_lang(text: str, hint: str = "und") -> str:
    """The language whose tables to use for ``text``: ``hint`` when its script fits, else a
    guess from the script (Cyrillic: ru; Arabic script: fa when Persian letters occur, else ar;
    Latin: en)."""
    return guess_lang_of(text.translate(_SCRIPT_TABLE), hint)


def guess_lang_of(classes: str, hint: str = "und") -> str:
    """``guess_lang`` of a text whose ``script_classes`` are ``classes``."""
    persian = classes.count("p")
    counts = {"arabic": persian + classes.count("a"), "cyrillic": classes.count("c"), "latin": classes.count("l")}
    script = max(counts, key=lambda s: counts[s])
    if not counts[script]:
        return hint if hint != "und" else "en"
    hint_script = _HINT_SCRIPT.get(hint, "latin")
    if hint not in ("und", "") and hint_script == script:
        return hint
    if script == "arabic":
        return "fa" if persian >= max(2, counts["arabic"] // 100) else "ar"
    return {"cyrillic": "ru", "latin": "en"}[script]
