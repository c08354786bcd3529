"""Line features: what a line of a scraped page looks like, before deciding what it is.

A line is described by its length in words, whether it ends like a sentence, its letters and
their script, its matching key (``khabar.normalise.key``) and a few shapes (a bare URL, only
symbols, hashtags). ``rules`` decides from these what is page furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..normalise import _keys, _spans, fold
from ..normalise.chartable import CharTable

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


# ``script_of`` as one-character codes, for ``str.translate``: a line's letters become a
# string of script codes in C, non-letters vanish. Filled on first sight of a character.
_CODE_OF = {"arab": "a", "latn": "l", "cyrl": "c", "grek": "g", "hebr": "h", "indic": "i", "cjk": "j", "other": "o"}
_NAME_OF = {code: name for name, code in _CODE_OF.items()}


def _script_code(c: str) -> str | None:
    """The one-letter code of ``script_of(c)``; None (which deletes) for a non-letter."""
    s = script_of(c)
    return _CODE_OF[s] if s else None


_SCRIPT_TABLE: CharTable[str | None] = CharTable(_script_code)


def _script_table(text: str) -> list[str | None] | CharTable[str | None]:
    """The quickest table that gives every character of ``text`` its ``_SCRIPT_TABLE`` code."""
    return _SCRIPT_TABLE.for_text(text)


def _scripts(text: str) -> tuple[Counter[str], int, str | None]:
    """Letters per script (scripts in the order of their first letter in ``text``), the number
    of letters and the main script: the most letters, the first-seen on a tie."""
    codes = text.translate(_script_table(text))
    letters = len(codes)
    if not letters:
        return Counter(), 0, None
    first = codes[0]
    if codes.count(first) == letters:  # one script: the common case
        name = _NAME_OF[first]
        return Counter({name: letters}), letters, name
    order = sorted(set(codes), key=codes.index)
    scripts = Counter({_NAME_OF[c]: codes.count(c) for c in order})
    return scripts, letters, scripts.most_common(1)[0][0]


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

    @cached_property
    def folded(self) -> str:
        """``fold(text)``, worked out once: several rules look at the folded line."""
        return fold(self.text)

    @property
    def ends(self) -> tuple[int, ...]:
        """Where each word of ``toks`` ends in ``text`` (worked out when asked: rarely needed)."""
        return tuple(e for _, e, _ in _spans(self.text))

    # ``terminal`` and ``ellipsis`` are asked for again and again by the rules; a line's text
    # never changes (only ``reason`` does), so each is worked out once.
    @cached_property
    def terminal(self) -> bool:
        """Ends like a sentence (a bare "…" or ".." is a cut, not an end)."""
        if not self.ending or self.ending not in _TERMINAL:
            return False
        return not self.ellipsis

    @cached_property
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
    # Letters per script, scripts in the order of their first letter in the line.
    scripts, letters, script = _scripts(text)
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
    # A plain dict adds up as ``Counter.update`` does (same keys in the same order) without its
    # per-call overhead; ``max`` then picks the first of equals, as ``most_common(1)`` does.
    total: dict[str, int] = {}
    get = total.get
    for ln in lines:
        for s, n in ln.scripts.items():
            total[s] = get(s, 0) + n
    n = sum(total.values())
    if not n:
        return None, 0.0
    script, count = max(total.items(), key=_count)
    return script, count / n


def _count(item: tuple[str, int]) -> int:
    return item[1]


# -- shapes ---------------------------------------------------------------------------------
def only_urls(line: Line) -> list[str]:
    """The URLs of a line made of nothing else (bullets and punctuation aside), else []."""
    if "://" not in line.text and "." not in line.text:
        return []  # ``_URL`` needs one or the other: skip the search (most lines)
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
    # no "@", no address: skip a search that tries every word start
    return "@" in line.text and bool(_EMAIL.search(line.text))


def fold_line(line: Line) -> str:
    return line.folded


def starts_with_phrase(line: Line, phrase: tuple[str, ...]) -> tuple[bool, str]:
    """Whether the line's words begin with ``phrase`` and the character that follows it."""
    n = len(phrase)
    if len(line.toks) < n or line.toks[:n] != phrase or len(line.ends) != len(line.toks):
        return False, ""
    return True, line.text[line.ends[n - 1] :].lstrip()[:1]
