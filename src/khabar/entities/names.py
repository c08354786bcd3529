"""An English rendering for a name the knowledge base lacks.

A Latin spelling seen in the corpus wins (news in English write the name the way English
readers know it). Else Cyrillic is transliterated (BGN/PCGN-like, the way English news write
Russian names). Else the Arabic-script spelling is rendered word by word: a word that is part of
a knowledge-base person's name in that script takes the English spelling of that part ("سيرغي"
is "Sergei" because Sergei Lavrov is "سيرغي لافروف"); the rest goes through
arabic-name-romanizer (a dictionary of ~87k attested Arabic and Persian names with a small
model behind it; good on native names, approximate on foreign ones), whole when its dictionary
knows the full name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from khabar.normalise import fold

from .romanise import looks_foreign, romanise_word

__all__ = ["EnglishNamer", "cyrillic_to_latin", "word_table"]

_SPLIT = re.compile(r"[\s\-\u200c]+")

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi",
    "є": "ye", "ґ": "g", "ў": "w",
}


def cyrillic_to_latin(text: str) -> str:
    out = []
    for i, c in enumerate(text):
        low = c.lower()
        if low in _CYR:
            t = _CYR[low]
            # е at the start of a word or after a vowel is "ye" (Yeltsin, Sergeyev)
            if low == "е" and (i == 0 or not text[i - 1].isalpha() or text[i - 1].lower() in "аеёиоуыэюяьъй"):
                t = "ye"
            out.append(t.capitalize() if c.isupper() else t)
        else:
            out.append(c)
    s = "".join(out)
    return s.replace("iy ", "y ").removesuffix("iy") + ("y" if s.endswith("iy") else "")


def _script(text: str) -> str:
    for c in text:
        if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
            return "arabic"
        if "\u0400" <= c <= "\u04ff":
            return "cyrillic"
        if c.isalpha():
            return "latin"
    return "other"


def _tidy(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if letters and (all(c.islower() for c in letters) or all(c.isupper() for c in letters)):
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return " ".join(name.split())


def word_table(people: Iterable[tuple[str, Mapping[str, tuple[str, ...]]]]) -> dict[str, Counter[str]]:
    """Arabic-script word key -> English spellings, from people's names word by word:
    ``(english name, aliases by language)`` pairs whose word counts agree."""
    table: dict[str, Counter[str]] = {}
    for name, aliases in people:
        en = [w for w in _SPLIT.split(name.strip()) if w]
        for values in aliases.values():
            for a in values:
                if _script(a) != "arabic":
                    continue
                ws = [w for w in _SPLIT.split(a.strip()) if w]
                if len(ws) != len(en):
                    continue
                for w, e in zip(ws, en, strict=True):
                    table.setdefault(fold(w), Counter())[e] += 1
    return table


class EnglishNamer:
    """Owned by a resolver: keeps its romaniser (loaded on first use) and its answers.
    ``words``: see :func:`word_table`."""

    def __init__(self, words: Mapping[str, Counter[str]] | None = None) -> None:
        self._words = words or {}
        self._romanizer = None
        self._failed = False
        self._cache: dict[tuple[str, str], str] = {}

    def render(self, aliases: Mapping[tuple[str, str], int]) -> str:
        """The best English name for a set of ``(text, lang) -> count`` spellings."""
        by_script: dict[str, Counter[str]] = {}
        langs: dict[str, Counter[str]] = {}
        for (text, lang), n in aliases.items():
            s = _script(text)
            by_script.setdefault(s, Counter())[text] += n
            langs.setdefault(text, Counter())[lang] += n

        def pick(c: Counter[str]) -> str:
            return sorted(c.items(), key=lambda x: (-len(x[0].split()), -x[1], x[0]))[0][0]

        if "latin" in by_script:
            return _tidy(pick(by_script["latin"]))
        if "cyrillic" in by_script:
            return _tidy(cyrillic_to_latin(pick(by_script["cyrillic"])))
        if "arabic" in by_script:
            c = by_script["arabic"]
            # Arabic spellings first: the romaniser's dictionary is mostly Arabic
            ar = Counter({t: n for t, n in c.items() if langs[t].most_common(1)[0][0] != "fa"})
            text = pick(ar or c)
            lang = langs[text].most_common(1)[0][0]
            return self.romanize(text, lang)
        texts = [t for (t, _l) in aliases]
        return texts[0] if texts else ""

    def romanize(self, text: str, lang: str = "ar") -> str:
        k = (text, lang)
        if k not in self._cache:
            self._cache[k] = self._romanize(text, lang)
        return self._cache[k]

    def _romanize(self, text: str, lang: str) -> str:
        words = [w for w in _SPLIT.split(text.strip()) if w]
        known = [self._words.get(fold(w)) for w in words]
        country = "IR" if lang == "fa" else None
        if not all(known):
            whole = self._ask(" ".join(words), country, top=True)
            if whole is not None and whole.source == "dictionary":
                return _tidy(whole.text)
        out = []
        for w, k in zip(words, known, strict=True):
            if k:
                out.append(sorted(k.items(), key=lambda x: (-x[1], x[0]))[0][0])
            else:
                c = self._ask(w, country, top=True)
                if (c is None or c.source != "dictionary") and looks_foreign(w):
                    # the romaniser's model reads a foreign name as an Arabic one ("نيد برايس" as
                    # "Need Brais"); letter rules for foreign names do better (romanise.py)
                    out.append(romanise_word(w, lang))
                else:
                    out.append(_tidy(c.text) if c is not None and c.text.strip() else w)
        return " ".join(out)

    def _ask(self, text: str, country: str | None, top: bool):
        tr = self._load()
        if tr is None:
            return None
        try:
            cands = tr.transliterate(text, top_k=2, country=country)
        except Exception:  # noqa: BLE001 - a romaniser failure must not stop a run
            return None
        return cands[0] if cands else None

    def _load(self):
        if self._romanizer is None and not self._failed:
            try:
                from arabic_name_romanizer import Transliterator

                self._romanizer = Transliterator()
            except Exception:  # noqa: BLE001 - optional: without it, names stay as written
                self._failed = True
        return self._romanizer
