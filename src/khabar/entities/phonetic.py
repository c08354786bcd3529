"""One consonant skeleton for a name in Arabic, Persian, Latin or Cyrillic letters.

Why our own: the same man is توکایف, توكاييف, توقاييف, تاکایف, Токаев and Tokayev. Spellings
of one foreign name differ in the vowel letters (ا و ي ی written or left out, doubled), in
the letter chosen for a sound Arabic lacks (q/k/kh/gh: ق ك ک خ غ گ; zh/j: ژ ج; p/b: پ ب;
v: و ف ڤ), and across scripts in the romanisation. What survives all of that is the order of
the consonant classes, so the key keeps exactly that:

- vowels and vowel letters (a e i o u y w, ا و ي ی ى, а е и о у ы э ю я й) are dropped;
- h-like letters (h ه ح ع ء, ь ъ) are dropped, and so is the v/f/w class (v f w ف ڤ в ф),
  because Persian writes v with و, which is also a vowel letter;
- k q g c(hard) kh gh x ق ك ک گ غ خ к г х -> ``k``; j zh dzh ž ج ژ ж -> ``j``;
  s sh ch ş š č ث س ص ش چ تش с ш щ ч -> ``s``; z ذ ز ظ з -> ``z``; t th ط ت т -> ``t``;
  d ض د д -> ``d``; b p ب پ б п -> ``b``; l m n r keep their letter;
- runs of one class collapse (ss, tt, and a doubled letter across a word boundary).

The key is coarse on purpose: it finds candidates. Callers decide how much evidence a match
needs (length of the key, several words, the letters themselves, the context).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from khabar.normalise import fold

__all__ = ["skeleton", "word_skeleton", "name_key", "letters", "key_letters", "letter_similarity",
           "key_similarity", "VERSION"]

VERSION = "phonetic.skeleton.v1"

# Latin letters that lose their identity when accents are stripped.
_LATIN_PRE = str.maketrans({
    "ž": "zh", "Ž": "zh", "š": "sh", "Š": "sh", "č": "ch", "Č": "ch", "ć": "ch", "Ć": "ch",
    "ş": "sh", "Ş": "sh", "ç": "ch", "Ç": "ch", "ğ": "g", "Ğ": "g", "ß": "ss", "ø": "o",
    "Ø": "o", "đ": "dj", "Đ": "dj", "ł": "l", "Ł": "l", "æ": "ae", "œ": "oe",
})

# Arabic-script letters after ``fold`` (ي ك ه ا are already the only variants left).
_ARABIC = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "ج": "j", "چ": "s", "ح": "", "خ": "k",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "j", "س": "s", "ش": "s", "ص": "s", "ض": "d",
    "ظ": "z", "ع": "", "غ": "k", "ف": "", "ڤ": "", "ق": "k", "ك": "k", "گ": "k", "ڭ": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "", "و": "", "ي": "", "ا": "", "ء": "", "ٹ": "t",
    "ڈ": "d", "ڑ": "r", "ں": "n",
    # Pashto, Sindhi, Kurdish letters
    "ټ": "t", "ډ": "d", "ړ": "r", "ږ": "j", "ښ": "s", "ګ": "k", "ڼ": "n", "ڕ": "r", "ڵ": "l",
    "ۆ": "", "ێ": "", "ۇ": "", "ۋ": "", "ځ": "z", "څ": "s",
}
_CYRILLIC = {
    "а": "", "е": "", "ё": "", "и": "", "й": "", "о": "", "у": "", "ы": "", "э": "", "ю": "",
    "я": "", "ь": "", "ъ": "", "б": "b", "п": "b", "в": "", "ф": "", "г": "k", "к": "k",
    "х": "k", "д": "d", "ж": "j", "з": "z", "л": "l", "м": "m", "н": "n", "р": "r", "с": "s",
    "ш": "s", "щ": "s", "ч": "s", "т": "t", "ц": "ts", "і": "", "ї": "", "є": "", "ґ": "k",
    "ў": "",
}
# Latin digraphs first (order matters: longest first), then single letters.
_LATIN_DIGRAPHS = re.compile(r"tsch|sch|dzh|tch|dj|zh|kh|gh|ch|sh|ph|th|ck|qu|x")
_DIGRAPH = {"tsch": "s", "sch": "s", "dzh": "j", "tch": "s", "dj": "j", "zh": "j", "kh": "k",
            "gh": "k", "ch": "s", "sh": "s", "ph": "", "th": "t", "ck": "k", "qu": "k"}
_LATIN = {
    "a": "", "e": "", "i": "", "o": "", "u": "", "y": "", "w": "", "h": "", "v": "", "f": "",
    "b": "b", "p": "b", "c": "k", "d": "d", "g": "k", "j": "j", "k": "k", "l": "l", "m": "m",
    "n": "n", "q": "k", "r": "r", "s": "s", "t": "t", "z": "z",
    "S": "s", "K": "k", "J": "j", "T": "t",  # digraph classes, already mapped
}
_SOFT_C = re.compile(r"c(?=[eiy])")
_RUNS = re.compile(r"(.)\1+")
_GLIDE_J = re.compile(r"(?<=[aeiouy])j(?=[aeiouy]|$)")


_ARABIC_TABLE = str.maketrans({c: v for c, v in _ARABIC.items()})
_CYRILLIC_TABLE = str.maketrans({c: v for c, v in _CYRILLIC.items()})
_LATIN_TABLE = str.maketrans({c: v for c, v in _LATIN.items()})
_NOT_CLASS = re.compile(r"[^bdjklmnrstz]+")


def _latin(word: str) -> str:
    if word.startswith("x"):
        word = "s" + word[1:]  # Xi, Xinhua: pinyin x
    word = _SOFT_C.sub("s", word)
    # a j after a vowel is the glide y of German and Slavic spellings (Sergej, Tokajew, Nikolaj)
    word = _GLIDE_J.sub("y", word)
    word = _LATIN_DIGRAPHS.sub(lambda m: _DIGRAPH.get(m.group(0), "ks").upper(), word)
    return word.translate(_LATIN_TABLE)


def word_skeleton(word: str) -> str:
    """Skeleton of one word already folded by :func:`khabar.normalise.fold` (runs not collapsed)."""
    if not word:
        return ""
    c0 = word[0]
    if "\u0600" <= c0 <= "\u06ff" or "\u0750" <= c0 <= "\u077f":
        if "تش" in word:
            word = word.replace("تش", "چ")
        out = word.translate(_ARABIC_TABLE)
    elif "\u0400" <= c0 <= "\u04ff":
        out = word.translate(_CYRILLIC_TABLE)
    else:
        out = _latin(word)
    return _NOT_CLASS.sub("", out)


_word_skeleton = word_skeleton


_SPLIT = re.compile(r"[^\w\u200c]+|_")


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(fold(text.translate(_LATIN_PRE))) if w]


def skeleton(text: str) -> str:
    """The consonant skeleton of a word or name, words joined, runs collapsed.

    >>> skeleton("توكاييف") == skeleton("تاکایف") == skeleton("Токаев") == skeleton("Tokayev")
    True
    """
    return _RUNS.sub(r"\1", "".join(_word_skeleton(w) for w in _words(text)))


def name_key(text: str) -> str:
    """Per-word skeletons separated by spaces (empty words left out): for surname lookups."""
    parts = (_RUNS.sub(r"\1", _word_skeleton(w)) for w in _words(text))
    return " ".join(p for p in parts if p)


# Letter classes for comparing two Arabic-script spellings letter by letter (vowels kept).
_LETTER_CLASS = str.maketrans({
    "ق": "ك", "گ": "ك", "غ": "ك", "خ": "ك", "ژ": "ج", "پ": "ب", "ط": "ت", "ص": "س", "ث": "س",
    "ش": "س", "چ": "س", "ض": "د", "ذ": "ز", "ظ": "ز", "ح": "ه", "ع": "ا", "ف": "و", "ڤ": "و",
    "ی": "ي", "ى": "ي", "ک": "ك",
})


def letters(text: str) -> str:
    """Folded letters with Arabic consonant classes merged and vowel letters kept, no spaces."""
    return "".join(_words(text)).translate(_LETTER_CLASS)


def key_letters(key: str) -> str:
    """:func:`letters` of a key that is already folded."""
    return key.replace(" ", "").translate(_LETTER_CLASS)


def letter_similarity(a: str, b: str, folded: bool = False) -> float:
    """How alike two spellings are, letter by letter (0..1); meaningful within one script.
    ``folded``: both are already :func:`letters` strings."""
    la, lb = (a, b) if folded else (letters(a), letters(b))
    if not la or not lb:
        return 0.0
    return _ratio(la, lb)


def key_similarity(a: str, b: str) -> float:
    """How alike two skeletons are (0..1), for ranking candidates across scripts."""
    if not a or not b:
        return 0.0
    return _ratio(a, b)


@lru_cache(maxsize=1 << 16)
def _ratio(a: str, b: str) -> float:
    """``SequenceMatcher.ratio`` of two strings, remembered: the recogniser compares the same
    names (a document's, the knowledge base's) again and again, and difflib is slow."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
