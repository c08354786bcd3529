"""Which writing system a text is in, and what of it a language model should see.

A script often settles the language on its own (Hebrew, Greek, Han without kana) and always
narrows it: Arabic-script text is one of a handful of languages, whatever fastText's 176 labels
say. Counting is done with compiled character classes so a 3 KB article costs a few passes in C.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalise.chartable import CharTable

__all__ = ["Scripts", "count_scripts", "strip_noise", "keep_script", "letters"]

# Letter ranges per script (marks, digits and punctuation left out on purpose).
_RANGES: dict[str, str] = {
    "Latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "Cyrillic": "\u0400-\u0482\u048a-\u052f",
    "Arabic": (
        "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
        "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
    ),
    "Hebrew": "\u05d0-\u05ea\u05ef-\u05f2\ufb1d-\ufb4f",
    "Greek": "\u0370-\u03ff\u1f00-\u1fff",
    "Armenian": "\u0531-\u0587",
    "Georgian": "\u10a0-\u10ff",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f",
    "Kana": "\u3040-\u30ff\u31f0-\u31ff",
    "Hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Thai": "\u0e01-\u0e4e",
    "Devanagari": "\u0900-\u097f",
}
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in _RANGES.items()}
# Runs of the same classes: counting characters as the lengths of runs makes one match per
# word instead of one per letter.
_SCRIPT_RUN = {name: re.compile(f"[{chars}]+") for name, chars in _RANGES.items()}
# A word (as ``\S+`` finds it) with a letter of the script: one look ahead per word start.
_SCRIPT_WORD = {name: re.compile(f"(?<!\\S)(?=\\S*?[{chars}])\\S+") for name, chars in _RANGES.items()}
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")
_NOISE = re.compile(
    r"(?:https?://|www\.)\S+"  # links
    r"|\S+@\S+\.\w+"  # e-mail addresses
    r"|[@#][\w.]+"  # handles and hashtags
)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Scripts:
    """Letter counts of a text per script; ``other`` counts letters of scripts not listed."""

    counts: dict[str, int]
    total: int

    @property
    def main(self) -> str | None:
        """The script with most letters, or None for a text without letters."""
        if not self.total:
            return None
        name, n = max(self.counts.items(), key=lambda kv: kv[1], default=("Other", 0))
        return name if n else "Other"

    def share(self, name: str) -> float:
        return self.counts.get(name, 0) / self.total if self.total else 0.0


def letters(text: str) -> int:
    """Number of letters (any script) in ``text``: no digits, marks, punctuation or spaces."""
    return sum(map(len, _LETTERS.findall(text)))


# ``count_scripts`` in one ``str.translate`` pass: every character becomes a code telling its
# script (``_RANGES`` do not overlap) and whether ``_LETTER`` takes it for a letter (upper case:
# a letter; lower case: in the script's range but no letter; "*": a letter of no listed
# script); other characters vanish. Counting codes then costs a ``str.count`` each, where a
# regex for letters and one per script each scan the text.
_NAMES = tuple(_RANGES)
_CODE_LETTER = {name: chr(ord("A") + i) for i, name in enumerate(_NAMES)}
_CODE_OTHER = {name: chr(ord("a") + i) for i, name in enumerate(_NAMES)}
_OTHER_LETTER = "*"


def _code(c: str) -> str | None:
    letter = _LETTER.match(c) is not None
    for name in _NAMES:
        if _SCRIPT_RE[name].match(c):
            return _CODE_LETTER[name] if letter else _CODE_OTHER[name]
    return _OTHER_LETTER if letter else None


#: ``ord(c) -> _code(c)``, filled on first sight (a pure function of the character).
_CODES: CharTable[str | None] = CharTable(_code)


def _code_table(text: str) -> list[str | None] | CharTable[str | None]:
    return _CODES.for_text(text)


def count_scripts(text: str) -> Scripts:
    """Letters per script in ``text``.

    Gives what counting ``_LETTERS``, then each script's ``_SCRIPT_RUN`` in ``_RANGES`` order
    would: a script counts the characters in its range, letters or not, and scripts after the
    point where the counts reach the number of letters are not counted.
    """
    codes = text.translate(_code_table(text))
    # characters in a script's range that are no letters (rare: codes are mostly upper case)
    odd = 0 if codes.isupper() else sum(codes.count(c) for c in set(codes) if c.islower())
    total = len(codes) - odd
    counts: dict[str, int] = {}
    known = 0
    for name in _NAMES:  # most texts are in one script: stop once all are found
        if known >= total:
            break
        n = codes.count(_CODE_LETTER[name])
        if odd:
            n += codes.count(_CODE_OTHER[name])
        if n:
            counts[name] = n
            known += n
    if total > known:
        counts["Other"] = total - known
    return Scripts(counts, max(total, known))


def strip_noise(text: str) -> str:
    """``text`` without links, e-mail addresses, handles and hashtags (they carry no language)."""
    if "@" not in text and "#" not in text and "://" not in text and "www." not in text:
        return text  # none of them can be there (the common case: skip the search)
    return _NOISE.sub(" ", text)


def keep_script(text: str, script: str) -> str:
    """Only the words of ``text`` that contain a letter of ``script``: a Latin photo credit or
    acronym inside an Arabic sentence only confuses a character n-gram model."""
    return " ".join(_SCRIPT_WORD[script].findall(text))
