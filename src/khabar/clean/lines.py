"""Line features: what a line of a scraped page looks like, before deciding what it is.

A line is described by its length in words, whether it ends like a sentence, its letters and
their script, its matching key (``khabar.normalise.key``) and a few shapes (a bare URL, only
symbols, hashtags). ``rules`` decides from these what is page furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..normalise import _keys, _spans, fold

__all__ = ["Line", "split_lines", "script_of", "dominant_script"]

# Closing quotes and brackets that may follow the end of a sentence.
_CLOSERS = "\"'”’»)]}›〉」』"
_TERMINAL = ".!?؟۔:;…。！？"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def script_of(c: str) -> str | None:
    """The script of a letter ("arab", "latn", "cyrl", ...) or None for a non-letter."""
    if not c.isalpha():
        return None
    o = ord(c)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFEFF:
        return "arab"
    if o < 0x0250 or 0x1E00 <= o <= 0x1EFF:
        return "latn"
    if 0x0400 <= o <= 0x052F:
        return "cyrl"
    if 0x0370 <= o <= 0x03FF:
        return "grek"
    if 0x0590 <= o <= 0x05FF:
        return "hebr"
    if 0x0900 <= o <= 0x0DFF:
        return "indic"
    if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF:
        return "cjk"
    return "other"


@dataclass
class Line:
    """One non-blank line of the input with the features the rules look at."""

    index: int  # position in ``text.split("\n")``
    raw: str  # exactly as in the input
    text: str  # stripped
    key: str
    toks: tuple[str, ...]
    words: int
    letters: int
    script: str | None
    scripts: Counter[str]
    ending: str  # last character after closing quotes and brackets ("" when none)
    closed: bool  # the line ends with a closing quote or bracket
    reason: str | None = None  # why it is page furniture; None while it is kept

    @property
    def ends(self) -> tuple[int, ...]:
        """Where each word of ``toks`` ends in ``text`` (worked out when asked: rarely needed)."""
        return tuple(e for _, e, _ in _spans(self.text))

    @property
    def terminal(self) -> bool:
        """Ends like a sentence (a bare "…" or ".." is a cut, not an end)."""
        if not self.ending or self.ending not in _TERMINAL:
            return False
        return not self.ellipsis

    @property
    def ellipsis(self) -> bool:
        t = self.text.rstrip(_CLOSERS + " ")
        return t.endswith("…") or t.endswith("..")

    @property
    def kept(self) -> bool:
        return self.reason is None

    def is_body(self) -> bool:
        """Looks like an article paragraph: a real sentence or a long run of words."""
        return self.words >= 25 or (self.words >= 8 and (self.terminal or self.closed))

    def headline_like(self, max_words: int = 20) -> bool:
        """Short, with letters, not closed like a statement: a link text or a heading.

        Headlines may ask or exclaim ("Who is Tokayev?") but do not end with a full stop.
        """
        if not self.letters or self.words > max_words:
            return False
        return not self.terminal or (self.ending in "?!؟" and self.words <= 12)


def _features(index: int, raw: str) -> Line:
    text = raw.strip()
    # Letters per script, scripts in the order of their first letter in the line: one
    # ``script_of`` call per distinct character (``Counter`` keeps first-seen order).
    scripts: Counter[str] = Counter()
    letters = 0
    for c, n in Counter(text).items():
        s = script_of(c)
        if s:
            scripts[s] += n
            letters += n
    script = scripts.most_common(1)[0][0] if scripts else None
    words = len(text.split())
    if script == "cjk":
        words = max(words, letters // 2)
    stripped = text.rstrip(_CLOSERS + " \t")
    ending = stripped[-1] if stripped else ""
    k = " ".join(_keys(text))
    closed = bool(text) and text[-1] in _CLOSERS
    return Line(index, raw, text, k, tuple(k.split()), words, letters, script, scripts, ending, closed)


def split_lines(text: str) -> tuple[list[str], list[Line]]:
    """All raw lines (split on "\\n" only) and the non-blank ones with their features."""
    raw = text.split("\n")
    return raw, [_features(i, r) for i, r in enumerate(raw) if r.strip()]


def dominant_script(lines: list[Line]) -> tuple[str | None, float]:
    """The script most letters are written in and its share of all letters."""
    total: Counter[str] = Counter()
    for ln in lines:
        total.update(ln.scripts)
    n = sum(total.values())
    if not n:
        return None, 0.0
    script, count = total.most_common(1)[0]
    return script, count / n


# -- shapes ---------------------------------------------------------------------------------
def only_urls(line: Line) -> list[str]:
    """The URLs of a line made of nothing else (bullets and punctuation aside), else []."""
    urls = _URL.findall(line.text)
    if not urls:
        return []
    rest = _URL.sub(" ", line.text)
    if any(c.isalnum() for c in rest):
        return []
    return urls


def only_symbols(line: Line) -> bool:
    """No letters at all: digits, bullets, emoji, punctuation ("0", "• 12", "★★★")."""
    return line.letters == 0


def hashtags(line: Line) -> bool:
    """A line of tags: every word a #hashtag or words_joined_by_underscores."""
    parts = line.text.split()
    if not parts or len(parts) > 12:
        return False
    return all(p.startswith("#") or ("_" in p.strip("_") and not _URL.match(p)) for p in parts)


def has_email(line: Line) -> bool:
    return bool(_EMAIL.search(line.text))


def fold_line(line: Line) -> str:
    return fold(line.text)


def starts_with_phrase(line: Line, phrase: tuple[str, ...]) -> tuple[bool, str]:
    """Whether the line's words begin with ``phrase`` and the character that follows it."""
    n = len(phrase)
    if len(line.toks) < n or line.toks[:n] != phrase or len(line.ends) != len(line.toks):
        return False, ""
    return True, line.text[line.ends[n - 1] :].lstrip()[:1]
