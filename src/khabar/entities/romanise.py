"""English spellings for foreign names written in Arabic or Persian letters.

Why our own: arabic-name-romanizer is built for Arab and Iranian names; a European, Russian or
American name written in Arabic script comes out of it as if it were one ("نيد برايس" as "Need
Brais"). Such a name keeps its consonants and some of its vowels in the Arabic spelling, so it
is rendered here in two ways, best first:

1. a Latin spelling the reader already knows with the same consonants, chosen by how well its
   vowels and letters fit the Arabic ones (:func:`fit`): from the corpus, the knowledge base's
   people, the romaniser's dictionary (see :class:`LatinLexicon`);
2. letter rules for names of foreign origin (:func:`romanise_word`): the vowel letters ا و ي
   give a, o/v, i/y; a cluster no European word starts with takes an e ("سرديوكوف" ->
   "Serdyukov"); Russian endings (وف, يف, سكي) read as -ov, -ev, -sky; a Persian word-initial
   alef before s and a consonant is the vowel Persian adds (استولتنبرگ -> Stoltenberg); a
   final ه is an e.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

from .phonetic import skeleton

__all__ = ["romanise_word", "romanise_name", "fit", "LatinLexicon", "looks_foreign"]

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_SEP = re.compile(r"[\s\-]+")

# One letter of the Arabic script -> its value in a foreign name (Arabic, then Persian).
_CONS_AR = {
    "ب": "b", "پ": "p", "ت": "t", "ث": "th", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "غ": "g", "ف": "f", "ڤ": "v", "ق": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ع": "", "ء": "",
    # Urdu and Pashto letters
    "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ټ": "t", "ډ": "d", "ړ": "r", "ږ": "zh",
    "ښ": "sh", "ګ": "g", "ڼ": "n", "ځ": "z", "څ": "ts",
}
_CONS_FA = {**_CONS_AR, "ث": "s", "ذ": "z", "ض": "z", "ظ": "z"}
_VOWEL_LETTERS = frozenset("اآأإوؤيىئةه")
# Two consonants a European name may start with; any other pair takes a vowel between them.
_ONSETS = frozenset("""
bl br ch cl cr dr dv fl fr gl gr kl kr kv pl pr sc sh sk sl sm sn sp st sv sw th tr ts tv tw vl vr
zh zl zv kh shch shv sht str spr skr
""".split())


def _norm(word: str) -> str:
    w = unicodedata.normalize("NFC", word)
    w = _MARKS.sub("", w).replace("\u200c", "").replace("\u200d", "")
    return w.replace("ی", "ي").replace("ک", "ك").replace("ۀ", "ه").replace("ە", "ه").replace("ے", "ي")


_Y_FIRST = "i"
_Y_MID = "i"
_MEDIAL = 0
_CODAS = frozenset("""
rs st nd rt lt ns ks ts sk rk rd ng nt ld lf rn rm lm nk mp ft kt pt sht rg rj rl rsh nj nz nk lk ls rz sp sm
""".split())


def _needs_e(a: str, b: str, last: bool) -> bool:
    if _MEDIAL == 1:
        return last and (a + b) not in _CODAS
    if _MEDIAL == 2:
        return (a + b) not in _CODAS and (a + b) not in _ONSETS
    if _MEDIAL == 3:
        return last and b in ("r", "n", "l", "m") and (a + b) not in _CODAS
    return False


def romanise_word(word: str, lang: str = "ar") -> str:
    """Letter rules for one word of a foreign name written in Arabic script (a best guess)."""
    w = _norm(word)
    persian = lang in ("fa", "ur", "ps")
    cons = _CONS_FA if persian else _CONS_AR
    if persian and len(w) > 3 and w[0] == "ا" and w[1] in "سش" and w[2] not in _VOWEL_LETTERS:
        w = w[1:]  # استفان, اسپایسر: the vowel Persian puts before s + consonant
    if not persian and w.startswith("تش"):
        w = "چ" + w[2:]
    w = w.replace("تش", "چ") if not persian else w
    n = len(w)
    out: list[str] = []
    kinds: list[str] = []  # "c" consonant or "v" vowel, per output piece

    def put(s: str, kind: str) -> None:
        if s:
            out.append(s)
            kinds.append(kind)

    def prev_kind() -> str:
        return kinds[-1] if kinds else ""

    i = 0
    while i < n:
        c = w[i]
        nx = w[i + 1] if i + 1 < n else ""
        first, last = i == 0, i == n - 1
        if c in ("آ", "أ", "إ", "ا"):
            if first and c == "إ":
                put("i" if nx == "ي" else "e", "v")
                if nx == "ي":
                    i += 1
            elif first and nx in ("و", "ؤ"):
                put("o", "v")
                i += 1
            elif c == "أ" and nx == "و":
                put("o", "v")
                i += 1
            elif not (prev_kind() == "v" and out[-1].endswith("a")):
                put("a", "v")
        elif c in ("و", "ؤ"):
            if first:
                put("v" if persian else "w", "c")
            elif nx == "" and prev_kind() == "c":
                put("o", "v")
            elif prev_kind() == "v" or (nx in "اآيى" and nx):
                if nx == "" and prev_kind() == "v":
                    put("u" if out[-1] == "a" else "v", "v" if out[-1] == "a" else "c")
                else:
                    put("v" if persian or prev_kind() == "v" else "w", "c")
            else:
                put("o", "v")
        elif c in ("ي", "ى"):
            if c == "ى" and last and not persian:
                put("a", "v")
            elif first:
                put("y", "c")
            elif nx == "ي":
                put("ye" if prev_kind() == "v" else "ie", "v")
                i += 1
            elif prev_kind() == "v":
                put("y", "c")
            elif nx in ("ا", "و") and nx and not last:
                put("i" if nx == "و" else "y", "v" if nx == "و" else "c")
            else:
                put(_Y_FIRST if len(kinds) == 1 else _Y_MID, "v")
        elif c == "ئ":
            if nx == "ي":
                put("ei", "v")
                i += 1
            else:
                put("e", "v")
        elif c == "ة":
            put("a", "v")
        elif c == "ه" and last and prev_kind() == "c":
            put("e", "v")
        elif c == "ه" and last and out and out[-1] == "a":
            put("h", "c")
        elif c == "ع":
            if prev_kind() == "c" and nx and nx not in _VOWEL_LETTERS:
                put("a", "v")
        elif c in cons:
            v = cons[c]
            if c == "ف" and last and prev_kind() == "v" and out[-1] in ("o", "e", "ie", "ye", "a"):
                v = "v"  # Lavrov, Tokayev: Russian -ov, -ev
            if c == "غ" and persian:
                v = "gh"
            if v:
                if _MEDIAL and prev_kind() == "c" and len(kinds) > 1 and _needs_e(out[-1], v, last):
                    put("e", "v")
                if prev_kind() == "c" and len(kinds) == 1 and (out[-1] + v[0]) not in _ONSETS \
                        and (out[-1] + v) not in _ONSETS:
                    put("e", "v")
                put(v, "c")
        i += 1
    s = "".join(out)
    s = s.replace("ieie", "iye")
    return s[:1].upper() + s[1:]


def romanise_name(text: str, lang: str = "ar") -> str:
    return " ".join(romanise_word(w, lang) for w in _SEP.split(text.strip()) if w)


# ----------------------------------------------------------------------------- fitting

# What a Latin letter (or pair) may be written as, for scoring a known spelling against the
# Arabic one: consonant classes are the skeleton's; here vowels and the dropped letters count.
_LATIN_VOWELS = frozenset("aeiouy")


def _latin_shape(latin: str) -> str:
    s = unicodedata.normalize("NFKD", latin.lower())
    s = "".join(c for c in s if not unicodedata.combining(c) and c.isalpha())
    return s


def fit(arabic: str, latin: str, lang: str = "ar") -> float:
    """How well a Latin spelling fits an Arabic-script one (0..1): the letter-rule rendering
    and the Latin word compared letter by letter, with the consonant skeletons required equal
    by the caller. Vowels written in Arabic (ا و ي) must find a vowel; a short vowel Arabic
    leaves out costs little."""
    guess = _latin_shape(romanise_word(arabic, lang))
    lat = _latin_shape(latin)
    if not guess or not lat:
        return 0.0
    a = _vowel_classes(guess)
    b = _vowel_classes(lat)
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


_CLASSES = str.maketrans({"e": "i", "y": "i", "u": "o", "w": "v", "f": "v", "p": "b", "q": "k", "c": "k",
                          "g": "k", "x": "k", "j": "z"})


def _vowel_classes(s: str) -> str:
    s = s.replace("sh", "s").replace("ch", "s").replace("kh", "k").replace("zh", "z").replace("th", "t")
    s = s.replace("ph", "f").replace("ck", "k").replace("dj", "j").replace("gh", "g")
    s = s.translate(_CLASSES)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s.replace("h", "")


class LatinLexicon:
    """Latin name words by consonant skeleton, with how often each was seen."""

    def __init__(self, words: Iterable[tuple[str, int]] = ()) -> None:
        self._by_skel: dict[str, Counter[str]] = {}
        for w, n in words:
            self.add(w, n)

    def add(self, word: str, n: int = 1) -> None:
        if not word or not word[0].isalpha() or len(word) < 2:
            return
        sk = skeleton(word)
        if len(sk) < 1:
            return
        self._by_skel.setdefault(sk, Counter())[word] += n

    def __len__(self) -> int:
        return sum(len(c) for c in self._by_skel.values())

    def best(self, arabic: str, lang: str = "ar", floor: float = 0.75) -> tuple[str, float] | None:
        """The Latin word with the Arabic word's skeleton that fits it best, if it fits enough."""
        sk = skeleton(arabic)
        cands = self._by_skel.get(sk)
        if not cands or not sk:
            return None
        scored = sorted(((fit(arabic, w, lang), n, w) for w, n in cands.items()), key=lambda x: (-x[0], -x[1], x[2]))
        top = scored[0]
        return (top[2], top[0]) if top[0] >= floor else None


_NATIVE_LETTERS = frozenset("حعصضطظذثق")


def looks_foreign(word: str) -> bool:
    """A word of a name more likely foreign than Arabic or Persian by its letters: no letter
    that only Arabic names use (ح ع ص ض ط ظ ذ ث ق), no article."""
    w = _norm(word)
    return not (set(w) & _NATIVE_LETTERS) and not w.startswith("ال")
