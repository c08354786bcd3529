"""Where things are in a document: words, paragraphs, quotations, sentences and names.

The extractor asks questions such as "is there a colon between these two words", "does a
quotation open here and where does it close", "which name covers this word". This module
answers them from the text once per document; it never changes the text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..models import Document, Mention
from ..normalise import fold
from .lexicon import Lexicon

__all__ = ["Layout", "Quote", "Sentence"]

_HARD = frozenset(".!?؟:;؛\n…۔")
_COMMA = frozenset(",،")
_END = frozenset(".!?؟…۔")
_STOP = re.compile(r"[.!?؟…۔]")
_QUOTE_MARK = re.compile("[«“„\"”‘’»]")
_ABBREV = frozenset("mr mrs ms dr gen col lt st sr jr no vs u.s u.n e.u prof sen rep gov etc".split())
_SPEAKER_TYPES = frozenset({"PER", "ORG", "GPE", "NORP"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PERSIAN_ONLY = re.compile(r"[پچژگکی]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


_JOINERS = "\u200c\u200d\u0640\u00ad"
_JOINER_SET = frozenset(_JOINERS)


class Folder:
    """:func:`khabar.normalise.tokens`, computed for a whole text at once: the per-character
    folding is a lookup table applied with numpy (same words, same keys, several times faster;
    statements must keep up with hundreds of documents a second)."""

    _TOP = 0x3000  # characters above are rare in news text and are folded the long way

    def __init__(self) -> None:
        fold_lut = np.arange(self._TOP, dtype=np.uint32)
        in_word = np.zeros(self._TOP, dtype=bool)
        multi = np.zeros(self._TOP, dtype=bool)
        for i in range(self._TOP):
            if 0xD800 <= i < 0xE000:
                continue
            c = chr(i)
            f = fold(c)
            if len(f) == 1:
                fold_lut[i] = ord(f)
            elif not f:
                fold_lut[i] = 0  # dropped: harakat, tatweel, ZWNJ
            else:
                multi[i] = True  # ligatures that fold to several letters
            # letters and digits, and the marks and joiners that belong to the word around them
            in_word[i] = c.isalnum() or c in _JOINERS or unicodedata.category(c)[0] == "M"
        self.fold_lut, self.in_word, self.multi = fold_lut, in_word, multi

    def tokens(self, text: str) -> tuple[list[int], list[int], list[str]]:
        """Start offsets, end offsets and keys of the words of ``text``: a word is a run of
        letters and digits with the marks and joiners inside and around it."""
        if not text:
            return [], [], []
        a = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        wide = a >= self._TOP
        c = np.minimum(a, self._TOP - 1)
        fa, word = self.fold_lut[c], self.in_word[c]
        odd = set(np.nonzero(self.multi[c] & ~wide)[0].tolist())
        if wide.any():
            fa = np.where(wide, a, fa)
            for i in np.nonzero(wide)[0].tolist():
                odd.add(i)
                ch = text[i]
                word[i] = ch.isalnum() or unicodedata.category(ch)[0] == "M"
        edges = np.diff(np.concatenate(([0], word.view(np.int8), [0])))
        spans = list(zip(np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist(), strict=True))
        folded = fa.tobytes().decode("utf-32-le", "surrogatepass")
        if any(j in text for j in _JOINERS):
            trimmed = []
            for s, e in spans:
                while s < e and text[s] in _JOINERS:
                    s += 1
                while e > s and text[e - 1] in _JOINERS:
                    e -= 1
                if s < e:
                    trimmed.append((s, e))
            spans = trimmed
        if "\x00" in folded:
            keys = [folded[s:e].replace("\x00", "") for s, e in spans]
        else:
            keys = [folded[s:e] for s, e in spans]
        if odd:
            starts = [s for s, _ in spans]
            for pos in odd:
                i = bisect.bisect_right(starts, pos) - 1
                if i >= 0 and spans[i][0] <= pos < spans[i][1]:
                    keys[i] = fold(text[spans[i][0]:spans[i][1]])
        if all(keys):
            return [s for s, _ in spans], [e for _, e in spans], keys
        keep = [i for i, k in enumerate(keys) if k]
        return [spans[i][0] for i in keep], [spans[i][1] for i in keep], [keys[i] for i in keep]


@dataclass(frozen=True)
class Quote:
    """A quotation: the marks at ``open`` and ``close``; the words are ``[open + 1, close)``."""

    open: int
    close: int
    words: int
    sentence_like: bool = False  # ends with punctuation inside the marks ("The world is watching,")

    @property
    def short(self) -> bool:
        """A name or a word or two in quotes ("scare quotes"), not a quotation of speech."""
        return self.words <= 4 and not self.sentence_like


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    first: int  # first token index
    stop: int  # one past the last token index
    paragraph: int


def guess_language(text: str) -> str:
    """A language code from the script alone, for paragraphs nobody labelled."""
    if _ARABIC.search(text):
        return "fa" if len(_PERSIAN_ONLY.findall(text)) >= 2 else "ar"
    if _CYRILLIC.search(text):
        return "ru"
    if _LATIN.search(text):
        return "en"
    return "und"


class Layout:
    """Words, paragraphs, quotations, sentences and speaker-capable names of one document."""

    def __init__(self, doc: Document, mentions: Sequence[Mention],
                 lexicon_for: Callable[[str], Lexicon | None],
                 affiliation_of: Callable[[Mention], str | None], folder: Folder) -> None:
        text = doc.text
        self.text = text
        self.folder = folder
        self.starts, self.ends, self.keys = folder.tokens(text)
        self.paragraphs: list[tuple[int, int, Lexicon | None]] = []
        self._line_keys: dict[int, str] = {}
        self._para_langs(doc, lexicon_for)
        self.quotes: list[Quote] = []
        for ps, pe, lex in self.paragraphs:
            self._find_quotes(ps, pe, lex)
        self.quotes.sort(key=lambda q: q.open)
        self._quote_opens = [q.open for q in self.quotes]
        self.tok_quote: list[Quote | None] = [None] * len(self.keys)
        for q in self.quotes:
            if not q.short:
                a, b = self.tok_range(q.open + 1, q.close)
                for i in range(a, b):
                    self.tok_quote[i] = q
        self.sentences: list[Sentence] = []
        for pi, (ps, pe, _lex) in enumerate(self.paragraphs):
            self._split_sentences(pi, ps, pe)
        self.sent_of: list[int] = [0] * len(self.keys)
        for si, s in enumerate(self.sentences):
            for i in range(s.first, s.stop):
                self.sent_of[i] = si
        # speaker-capable names; a word belongs to the widest name covering it
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
        self.mention_starts: list[int] = [m.start for m in self.mentions]
        self.affiliation_of = affiliation_of
        self.unit: list[int | None] = [None] * len(self.keys)
        self.unit_span: dict[int, tuple[int, int]] = {}
        for mi, m in enumerate(self.mentions):
            if not self.speaker_capable(m):
                continue
            a, b = self.tok_range(m.start, m.end)
            if a >= b:
                continue
            cur = self.unit[a]
            if cur is not None:
                cm = self.mentions[cur]
                if cm.end - cm.start >= m.end - m.start:
                    continue
            for i in range(a, b):
                self.unit[i] = mi
        for i, mi in enumerate(self.unit):
            if mi is not None:
                s, e = self.unit_span.get(mi, (i, i + 1))
                self.unit_span[mi] = (min(s, i), max(e, i + 1))

    # -- building --------------------------------------------------------------------------
    def _para_langs(self, doc: Document, lexicon_for: Callable[[str], Lexicon | None]) -> None:
        text = doc.text
        labelled = sorted(doc.paragraphs, key=lambda p: p.start)
        label_starts = [p.start for p in labelled]
        pos = 0
        for line in text.split("\n"):
            s, e = pos, pos + len(line)
            pos = e + 1
            if not line.strip():
                continue
            lang = "und"
            k = bisect.bisect_right(label_starts, s) - 1
            for p in labelled[max(k, 0):k + 2]:
                if p.start <= s < p.end or s <= p.start < e:
                    lang = p.lang
                    break
            if lang in ("und", "", None):
                lang = doc.lang if doc.lang not in ("und", "", None) else guess_language(line)
            lex = lexicon_for(lang)
            if lex is None and lang != "und":
                guessed = guess_language(line)
                lex = lexicon_for(guessed) if guessed in ("ar", "fa", "en", "ru") and lang not in (
                    "ur", "ps", "ku", "ckb", "sd", "ug") else None
            self.paragraphs.append((s, e, lex))

    def _find_quotes(self, ps: int, pe: int, lex: Lexicon | None) -> None:
        pairs = dict(lex.quotes) if lex else {"«": "»", "“": "”", "\"": "\"", "„": "“"}
        if "”" not in pairs:
            pairs["”"] = "”"
        text = self.text
        pos = ps
        for m in _QUOTE_MARK.finditer(text, ps, pe):
            i = m.start()
            if i < pos:
                continue
            close = pairs.get(text[i])
            if close is None:
                continue
            j = text.find(close, i + 1, pe)
            if j > i + 1:
                a, b = self.tok_range(i + 1, j)
                if b > a:
                    inner = text[i + 1:j].rstrip()
                    self.quotes.append(Quote(i, j, b - a, b - a >= 2 and inner[-1:] in ",.!?،؟…"))
                    pos = j + 1

    def _split_sentences(self, pi: int, ps: int, pe: int) -> None:
        text = self.text
        inside = [(q.open, q.close) for q in self.quotes if ps <= q.open < pe and not q.short]
        cuts = []
        last = ps
        for m in _STOP.finditer(text, ps, pe):
            i = m.start()
            if i < last or any(a < i < b for a, b in inside):
                continue
            nxt = text[i + 1] if i + 1 < pe else " "
            if not (nxt in " \t\u00a0\"”»’)]" or _ARABIC.match(nxt)):
                continue
            c = text[i]
            if c == ".":
                before = text[max(ps, i - 4):i].split()
                if before and before[-1].lower().strip("(") in _ABBREV:
                    continue
                if i > ps and text[i - 1].isupper() and (i - 2 < ps or not text[i - 2].isalpha()):
                    continue
            while i + 1 < pe and text[i + 1] in "\"”»’)]":
                i += 1
            cuts.append(i + 1)
            last = i + 1
        bounds = [ps] + cuts + ([pe] if not cuts or cuts[-1] < pe else [])
        for s, e in zip(bounds, bounds[1:], strict=False):
            a, b = self.tok_range(s, e)
            if a < b:
                self.sentences.append(Sentence(s, e, a, b, pi))

    def line_key(self, p: int) -> str:
        """The matching key of paragraph ``p``: its word keys joined by spaces."""
        got = self._line_keys.get(p)
        if got is None:
            ps, pe, _lex = self.paragraphs[p]
            a, b = self.tok_range(ps, pe)
            got = self._line_keys[p] = " ".join(self.keys[a:b])
        return got

    # -- questions -------------------------------------------------------------------------
    def speaker_capable(self, m: Mention) -> bool:
        if m.role:
            return True
        if m.type in _SPEAKER_TYPES:
            return True
        return m.type == "LOC" and self.affiliation_of(m) is not None

    def tok_range(self, s: int, e: int) -> tuple[int, int]:
        """Token indices ``[a, b)`` of the words overlapping characters ``[s, e)``."""
        a = bisect.bisect_right(self.starts, s) - 1
        if a < 0 or self.ends[a] <= s:
            a += 1
        b = bisect.bisect_left(self.starts, e)
        return max(a, 0), b

    def quote_at(self, pos: int) -> Quote | None:
        """The quotation whose opening mark is at ``pos``."""
        k = bisect.bisect_left(self._quote_opens, pos)
        if k < len(self.quotes) and self.quotes[k].open == pos:
            return self.quotes[k]
        return None

    def in_quote(self, i: int) -> Quote | None:
        """The innermost long quotation that word ``i`` is in."""
        return self.tok_quote[i]

    def quote_around(self, pos: int) -> Quote | None:
        """The innermost long quotation containing character ``pos``."""
        k = bisect.bisect_right(self._quote_opens, pos) - 1
        while k >= 0:
            q = self.quotes[k]
            if q.open < pos < q.close and not q.short:
                return q
            if pos - q.open > 20000:
                break
            k -= 1
        return None

    def gap(self, i: int) -> str:
        """The characters between word ``i - 1`` and word ``i`` (or the text start)."""
        a = self.ends[i - 1] if i > 0 else 0
        return self.text[a:self.starts[i]] if i < len(self.keys) else self.text[a:]

    def gap_after(self, i: int) -> str:
        """The characters after word ``i`` up to the next word."""
        b = self.starts[i + 1] if i + 1 < len(self.keys) else len(self.text)
        return self.text[self.ends[i]:b]

    def hard_break(self, i: int) -> bool:
        """Punctuation between words ``i - 1`` and ``i`` that no phrase crosses (a full stop
        counts only where it ends a sentence: "U.S. Secretary" is one phrase)."""
        g = self.gap(i)
        if "\n" in g or any(c in _HARD and c != "." for c in g):
            return True
        if "." in g and i > 0 and self.sent_of[i] != self.sent_of[i - 1]:
            return True
        if i > 0 and any(c in "«“„\"”»" for c in g):
            return self.tok_quote[i] is not self.tok_quote[i - 1]
        return False

    def comma(self, i: int) -> bool:
        return any(c in _COMMA for c in self.gap(i))

    def paragraph_of(self, pos: int) -> int:
        for pi, (s, e, _l) in enumerate(self.paragraphs):
            if s <= pos <= e:
                return pi
        return -1

    def mention_tokens(self, mi: int) -> tuple[int, int]:
        return self.unit_span[mi]
