"""Arabic, Persian, Urdu, Pashto, Kurdish (Sorani), Sindhi or Uyghur: the same script, told apart.

fastText's lite model is good at the big three on long paragraphs but wavers on headlines of
five words, on Persian typed without ZWNJ or with Arabic ي/ك, and on Pashto, which it often
calls Persian or Arabic. Each of these languages has letters or function words the others
lack, so we add evidence in the manner of naive Bayes: every occurrence of a telling letter
or word adds a log-odds weight to the languages it belongs to, on top of the model's log
probability. Letters a language never uses are near proof (ے ں in Urdu, ښ ړ ې in Pashto,
ڵ ڕ ێ in Sorani); Persian against Arabic rests on words (است را از که می های against في على
التي الذي), the Arabic article ال and ة.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

__all__ = ["LANGUAGES", "FASTTEXT_FAMILY", "Tiebreaker", "resolve", "evidence"]


class Tiebreaker(Protocol):
    """A second opinion for close calls: probabilities over a few languages it knows well."""

    languages: frozenset[str]

    def __call__(self, text: str) -> dict[str, float]: ...


#: Languages the resolver chooses between for text in Arabic script.
LANGUAGES = ("ar", "fa", "ur", "ps", "ku", "sd", "ug")

#: fastText labels whose probability counts for one of ``LANGUAGES``: dialects and close
#: neighbours the lite model confuses with the standard language of news.
FASTTEXT_FAMILY: Mapping[str, str] = {
    "ar": "ar", "arz": "ar",
    "fa": "fa", "mzn": "fa", "glk": "fa", "lrc": "fa", "azb": "fa",
    "ur": "ur", "pnb": "ur",
    "ps": "ps",
    "ckb": "ku",
    "sd": "sd",
    "ug": "ug",
}  # fmt: skip

# (letters, languages that use them, weight per occurrence, most occurrences counted)
_LETTERS: tuple[tuple[str, tuple[str, ...], float, int], ...] = (
    ("ټډړږښګڼۍځڅ", ("ps",), 3.0, 12),
    ("ې", ("ps", "ug"), 3.0, 12),
    ("ٹڈڑںےۓہۂ", ("ur",), 3.0, 12),
    ("ھ", ("ur", "ku", "sd", "ug"), 1.5, 6),
    ("ڵڕێ", ("ku",), 3.0, 12),
    ("ۆە", ("ku", "ug"), 2.0, 12),
    ("ٻڀٽٿٺڃڄڇڊڌڍڏڙڦڪڱڻ", ("sd",), 3.0, 12),
    ("ۇۈۋڭ", ("ug",), 3.0, 12),
    ("پچژگ", ("fa", "ur", "ps", "ku", "sd", "ug"), 1.5, 8),
    ("یک", ("fa", "ur", "ps", "ku", "sd", "ug"), 0.3, 10),
    ("يك", ("ar", "ps", "sd"), 0.3, 10),
    ("ۀ", ("fa",), 1.5, 6),
    ("ى", ("ar",), 0.5, 6),
    ("ة", ("ar",), 1.5, 10),
    ("إ", ("ar",), 0.8, 10),
    ("أ", ("ar",), 0.3, 10),
    ("\u200c", ("fa", "ur", "ps", "ku"), 1.0, 10),
)

_TELLING = re.compile("[" + "".join(chars for chars, *_ in _LETTERS) + "]")
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TOKEN = re.compile(
    "[\u0620-\u064a\u0660-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f\u200c\u064b-\u065f\u0670\u0640]+"
)
# Yeh and kaf are typed either way in every one of these languages: match words on one form.
_YK = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def _fold(word: str) -> str:
    return _HARAKAT.sub("", word).translate(_YK)


def _words(spec: Iterable[tuple[str, float]]) -> dict[str, float]:
    return {_fold(w): weight for words, weight in spec for w in words.split()}


# Function words, each telling for one language against the others; weight per occurrence.
_WORDS: Mapping[str, Mapping[str, float]] = {
    "fa": _words([
        ("است هست می نمی های ها را از در این آن که برای شد شده شود کرد کرده کند کنند"
         " گفت بود نیز خود وی اند همچنین درباره تا", 2.0),
        ("با به", 0.7),
    ]),
    "ar": _words([
        ("في على إلى الى عن أن إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد لم لن"
         " مع حول حيث أنه وقال قال وأضاف أيضا وفي", 2.0),
        ("من", 0.7),
    ]),
    "ur": _words([
        ("ہے ہیں کے کی کا میں نے سے کو اور یہ وہ پر بھی کہ گیا کیا ہو تھا تھے لیے کر رہی رہا تک", 2.0),
    ]),
    "ps": _words([
        ("په چې کې سره ته وویل دي شوي یې دې لپاره څخه ورکړ وکړ شول شوه", 2.0),
        ("د دا شو بیا ویاند ولسمشر وایي ویلي", 1.0),
    ]),
    "ku": _words([("لە بە کە ئەو بۆ لەگەڵ دەکات", 2.0)]),
}  # fmt: skip

# Word shapes: the Arabic article (with the particles that attach before it); Persian verbs
# with the prefix می and plurals in های written without ZWNJ.
_SHAPES: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (re.compile("^(?:[وفبکل]?ال|لل).."), "ar", 1.0),
    (re.compile("^ن?می..+(?:د|ند|م|یم|ید)$"), "fa", 1.0),
    (re.compile("^...*های$"), "fa", 1.0),
)

_FT_FLOOR = 0.01


# Precomputed from the tables above: which ``_LETTERS`` rows each telling letter belongs to,
# and for each function word the (language, weight) pairs it adds, in ``_WORDS`` order.
_LETTER_ROWS: Mapping[str, tuple[int, ...]] = {
    c: tuple(i for i, (chars, *_) in enumerate(_LETTERS) if c in chars)
    for chars, *_ in _LETTERS
    for c in chars
}
_WORD_GAINS: Mapping[str, tuple[tuple[str, float], ...]] = {
    part: tuple((lang, words[part]) for lang, words in _WORDS.items() if words.get(part))
    for words in _WORDS.values()
    for part in words
}
(_AR_SHAPE, _AR, _AR_W), (_FA_VERB, _FA_V, _FA_VW), (_FA_PLURAL, _FA_P, _FA_PW) = _SHAPES


def _word_gains(token: str) -> tuple[tuple[str, float], ...]:
    """What one token (as ``_TOKEN`` finds it) adds, in the order ``evidence`` adds it: the
    shapes in ``_SHAPES`` order, then the function words among its ZWNJ-separated parts."""
    word = _fold(token)
    out: list[tuple[str, float]] = []
    # The shapes in ``_SHAPES`` order, each tried only where it can match.
    if ("ال" in word[:3] or word[:2] == "لل") and _AR_SHAPE.match(word):
        out.append((_AR, _AR_W))
    if "می" in word[:3] and _FA_VERB.match(word):
        out.append((_FA_V, _FA_VW))
    if word.endswith("های") and _FA_PLURAL.match(word):
        out.append((_FA_P, _FA_PW))
    for part in word.split("\u200c") if "\u200c" in word else (word,):
        hit = _WORD_GAINS.get(part)
        if hit:
            out.extend(hit)
    return tuple(out)


class _TokenGains(dict):  # type: ignore[type-arg]
    """``token -> _word_gains(token)``, filled on first sight.

    A pure function of the token, so remembering it never changes a result; news repeats its
    words, so most tokens are looked up instead of folded and matched against three shapes
    and the word lists again. Emptied when it grows past ``limit`` (memory stays bounded on
    any corpus).
    """

    limit = 200_000

    def __missing__(self, token: str) -> tuple[tuple[str, float], ...]:
        if len(self) >= self.limit:
            self.clear()
        gains = self[token] = _word_gains(token)
        return gains


_TOKEN_GAINS = _TokenGains()


def evidence(text: str) -> dict[str, float]:
    """Log-odds each language gains from the letters and words of ``text`` (0 for most)."""
    score = dict.fromkeys(LANGUAGES, 0.0)
    found = _TELLING.findall(text)
    if found:
        rows = [0] * len(_LETTERS)
        for c, n in Counter(found).items():
            for i in _LETTER_ROWS[c]:
                rows[i] += n
        for (_chars, langs, weight, cap), n in zip(_LETTERS, rows, strict=True):
            if n:
                gain = weight * min(n, cap)
                for lang in langs:
                    score[lang] += gain
    # Token by token, in order (so the sums are the same to the last bit); most tokens add
    # nothing and are dropped by ``filter`` without a Python-level step.
    for gains in filter(None, map(_TOKEN_GAINS.__getitem__, _TOKEN.findall(text))):
        for lang, w in gains:
            score[lang] += w
    return score


def resolve(
    text: str,
    fasttext: Iterable[tuple[str, float]],
    tiebreaker: Tiebreaker | None = None,
) -> tuple[str, float]:
    """The language of Arabic-script ``text`` and a confidence in [0, 1].

    ``fasttext`` is the model's (label, probability) list; labels outside the family above are
    ignored. When the two best candidates are both among ``tiebreaker.languages``, its
    probabilities are added as one more piece of evidence. The confidence is the softmax share
    of the winner over the candidates.
    """
    prob = dict.fromkeys(LANGUAGES, 0.0)
    for label, p in fasttext:
        lang = FASTTEXT_FAMILY.get(label)
        if lang:
            prob[lang] += p
    score = evidence(text)
    for lang in LANGUAGES:
        score[lang] += math.log(prob[lang] + _FT_FLOOR)
    if tiebreaker is not None:
        first, second = sorted(score, key=score.__getitem__)[-2:]
        if first in tiebreaker.languages and second in tiebreaker.languages:
            for lang, p in tiebreaker(text).items():
                if lang in score:
                    score[lang] += math.log(p + _FT_FLOOR)
    top = max(score.values())
    exp = {lang: math.exp(s - top) for lang, s in score.items()}
    best = max(exp, key=lambda lang: exp[lang])
    return best, exp[best] / sum(exp.values())
