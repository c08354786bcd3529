"""Numbers as news writes them, in any script, with their qualifiers.

Digits in any script (2500, ٢٥٠٠, ۲۵۰۰) with thousands separators (2,500 ٢٬٥٠٠ 2 500) and
decimals (2.5 ٢٫٥ and 2,5 where the language writes them so); number words composed the usual
way ("ثلاثة آلاف", "دو هزار", "two hundred and fifty", "две тысячи"); Arabic duals that carry
their unit ("يومين" = 2 days); vague amounts ("عشرات", "dozens", "ده‌ها", "десятки") as the
strings ``dozens``, ``hundreds``, ``thousands``, ``tens of thousands`` ...; and the qualifier
in front or behind ("حوالي", "at least", "بیش از", "не менее", "على الأكثر") as one of
``approximately``, ``at least``, ``more than``, ``at most``, ``less than``.

Not numbers: digits inside URLs and e-mail addresses, clock times, phone numbers, and digits
glued to Latin or Cyrillic letters (F-16, COVID-19). Years and dates are left to the caller,
which knows where the dates are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import NUMBER, Lexicon, guess_lang, lexicon, stems
from .text import Word, url_spans, words

__all__ = ["Number", "find_numbers", "digit_runs", "scan_numbers", "VAGUE_RANGES"]

#: What a vague amount is taken to mean when compared with a figure (inclusive bounds).
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "dozens": (20, 199),
    "hundreds": (200, 1999),
    "thousands": (2000, 19999),
    "tens of thousands": (20000, 199999),
    "hundreds of thousands": (200000, 1999999),
    "millions": (2000000, 19999999),
    "tens of millions": (20000000, 199999999),
}
_TIMES = {1000: "thousands", 1000000: "millions"}
_FLIP = {"more than": "at most", "less than": "at least"}

_DIGITS = re.compile(r"\d+(?:(?:[.,\u066b\u066c'’]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}[:٫.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))(?!\d)|(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)",
                    re.IGNORECASE)
_SPACES = " \u00a0\u202f\u2009"
_ANY_DIGIT = re.compile(r"\d")
# A phone number: a leading + or 0 and eight or more digits in groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)\d[\d \u00a0().-]{6,}\d(?!\d)|(?<!\w)0\d{2,4}[ .-]\d{3,4}[ .-]\d{3,4}(?!\d)")


@dataclass(frozen=True)
class Number:
    """A number of the text. ``start``/``end`` include the qualifier; ``vstart``/``vend`` are
    the number alone. ``first``/``last`` are word indices ``[first, last)`` of the number
    alone and ``qfirst`` where its qualifier starts, in the word list it was found in."""

    start: int
    end: int
    value: int | float | str
    qualifier: str | None = None
    unit: str | None = None
    vstart: int = 0
    vend: int = 0
    first: int = 0
    last: int = 0
    qfirst: int = 0
    digits: bool = False

    @property
    def year_like(self) -> bool:
        """Four plain digits that could be a year (Gregorian, Jalali or Hijri)."""
        v = self.value
        return (self.digits and isinstance(v, int) and self.qualifier is None
                and (1900 <= v <= 2099 or 1300 <= v <= 1499))


def _int_or_float(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _ascii(d: str) -> str:
    return "".join(str(int(c)) for c in d)


def parse_digits(s: str, lex: Lexicon) -> tuple[int | float, int] | None:
    """Value of a run of digits and separators, and how many characters of it belong to the
    number (a trailing group that does not fit is left out)."""
    parts = re.findall(r"\d+|\D", s)
    if not parts or not parts[0].isdigit():
        return None
    groups, seps = parts[0::2], parts[1::2]
    whole, frac, used, thou = _ascii(groups[0]), "", len(groups[0]), None
    for idx, sep in enumerate(seps):
        if idx + 1 >= len(groups):
            break
        g = groups[idx + 1]
        rest_same = idx + 1 < len(seps) and seps[idx + 1] == sep
        thousands = len(g) == 3 and len(groups[0]) <= 3 and thou in (None, sep) and (
            sep in "\u066c'’" or sep in _SPACES
            or (sep == "," and not (lex.decimal_comma and thou is None and not rest_same))
            or (sep == "." and (lex.dot_thousands or rest_same or thou == "."))
        )
        if thousands:
            whole += _ascii(g)
            used += 1 + len(g)
            thou = sep
            continue
        if sep == "\u066b" or (sep == "." and thou != ".") or (sep == "," and thou != "," and (
                lex.decimal_comma or thou == ".")):
            frac = _ascii(g)
            used += 1 + len(g)
        break
    value = float(f"{whole}.{frac}") if frac else int(whole)
    return _int_or_float(value), used


def digit_runs(text: str, lex: Lexicon, exclude: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, int | float]]:
    """Numbers written in digits: ``(start, end, value)``, skipping URLs, clock times, phone
    numbers, digits glued to Latin/Cyrillic letters and anything in ``exclude``."""
    if _ANY_DIGIT.search(text) is None:
        return []  # most lines of a story: nothing to read, so no URL, clock or phone to skip
    banned = list(exclude)
    banned += url_spans(text)
    banned += [(m.start(), m.end()) for m in _CLOCK.finditer(text)]
    banned += [(m.start(), m.end()) for m in _PHONE.finditer(text) if sum(c.isdigit() for c in m.group()) >= 8]
    out: list[tuple[int, int, int | float]] = []
    pos = 0
    while (m := _DIGITS.search(text, pos)) is not None:
        s, e = m.start(), m.end()
        pos = e
        if any(a < e and s < b for a, b in banned):
            continue
        before = text[s - 1] if s else ""
        before2 = text[s - 2] if s > 1 else ""
        mark = text[max(0, s - 3):s].rstrip()[-1:]
        if _is_lc(before) or (before and before in "-‐" and _is_lc(before2)) or (mark and mark in "+#№"):
            continue
        raw = m.group()
        if sum(c.isdigit() for c in raw) >= 9 and any(c in _SPACES for c in raw):
            continue
        parsed = parse_digits(raw, lex)
        if parsed is None:
            continue
        value, used = parsed
        e = s + used
        pos = e + 1 if e < m.end() else m.end()  # what did not fit is read again: "1000 500"
        after = text[e] if e < len(text) else ""
        if _is_lc(after):
            tail = re.match(r"[^\W\d_]+", text[e:])
            if tail is None or not (lex.multipliers.has(tail.group().lower()) or lex.percent.has(tail.group().lower())):
                continue
        out.append((s, e, value))
    return out


def _is_lc(c: str) -> bool:
    """A Latin or Cyrillic letter."""
    return bool(c) and c.isalpha() and (c.isascii() or "\u00c0" <= c <= "\u024f" or "\u0400" <= c <= "\u04ff")


_CONTEXT = object()  # a word whose number reading depends on the words after it
_MISSING = object()


class _Seq:
    """Lookups on a word list with one lexicon."""

    def __init__(self, ws: Sequence[Word], lex: Lexicon, digit_values: dict[int, int | float]) -> None:
        self.ws = ws
        self.keys = [w.key for w in ws]
        self.brk = [w.brk for w in ws]
        self.lex = lex
        self.values = digit_values
        self._memo: dict[tuple[int, bool], tuple[str, object] | None] = {}
        # what a word is as a number, per key, for the whole process: most words are no number
        # at all, and most number words mean the same wherever they stand
        self._static: dict[tuple[str, bool], object] = lex.memo.setdefault("word_value", {})

    def word_value(self, i: int, clitics: bool) -> tuple[str, object] | None:
        """What word ``i`` is as part of a number: ("digit"|"word"|"hundred"|"big"|"vague"|"dual", value)."""
        got = self._memo.get((i, clitics), _MISSING)
        if got is _MISSING:
            got = self._memo[(i, clitics)] = self._word_value(i, clitics)
        return got  # type: ignore[return-value]

    def _word_value(self, i: int, clitics: bool) -> tuple[str, object] | None:
        w = self.ws[i]
        if w.key == "#":
            return "digit", self.values.get(w.start)
        ck = (w.key, clitics)
        got = self._static.get(ck, _MISSING)
        if got is _MISSING:
            got = self._word_alone(w.key, clitics)
            if len(self._static) >= 200_000:
                self._static.clear()
            self._static[ck] = got
        if got is not _CONTEXT:
            return got  # type: ignore[return-value]
        return _table_value(self.lex, self.keys, i, self.brk, self._firsts(w.key, clitics))

    def _firsts(self, k: str, clitics: bool) -> tuple[str, ...]:
        return stems(k, self.lex.number_clitics if clitics else ())

    def _word_alone(self, k: str, clitics: bool) -> object:
        """The number reading of key ``k`` when no phrase of the tables can start with it and
        go on (then the following words do not matter), else ``_CONTEXT``."""
        lex = self.lex
        firsts = self._firsts(k, clitics)
        if not all(t.single(firsts) for t in (lex.duals, lex.numbers, lex.hundred, lex.multipliers, lex.vague)):
            return _CONTEXT
        return _table_value(lex, [k], 0, [0], firsts)


def _table_value(lex: Lexicon, keys: Sequence[str], i: int, brk: Sequence[int],
                 firsts: Sequence[str]) -> tuple[str, object] | None:
    for kind, table in (("dual", lex.duals), ("word", lex.numbers), ("hundred", lex.hundred)):
        m = table.match(keys, i, (), brk, firsts)
        if m is not None and m[0] == 1:
            return kind, m[1]
    big = lex.multipliers.match(keys, i, (), brk, firsts)
    vague = lex.vague.match(keys, i, (), brk, firsts)
    if big is not None and big[0] == 1:
        return "big", (big[1], vague[1] if vague else None)
    if vague is not None and vague[0] == 1:
        return "vague", vague[1]
    return None


def scan_numbers(text: str, ws: Sequence[Word], lex: Lexicon, digit_values: dict[int, int | float],
                 fires: Sequence[int] | None = None) -> list[Number]:
    """Numbers in the word list ``ws`` (digits already merged into ``#`` words). ``fires``:
    ``lex.fires`` of each word when the caller has them already."""
    seq = _Seq(ws, lex, digit_values)
    if fires is None:
        fires = [0 if w.key == "#" else lex.fires(w.key) for w in ws]
    out: list[Number] = []
    i = 0
    n = len(ws)
    keys = seq.keys
    while i < n:
        if not fires[i] & NUMBER and keys[i] != "#":
            i += 1  # no number starts here: no digits, and no table has a phrase for the word
            continue
        got = _compose(seq, i)
        if got is None:
            i += 1
            continue
        value, unit, j = got
        num = _qualify(text, seq, i, j, value, unit)
        out.append(num)
        i = j
    return out


def _compose(seq: _Seq, i: int) -> tuple[int | float | str, str | None, int] | None:
    first = seq.word_value(i, clitics=True)
    if first is None:
        return None
    kind, val = first
    if kind == "digit" and val is None:
        return None
    if kind == "dual":
        v, unit = val  # type: ignore[misc]
        unit_s = None if unit in (None, "None", "null") else str(unit)
        if unit_s is None:
            kind, val = "word", v
        else:
            return int(v), unit_s, i + 1
    if kind == "vague" or (kind == "big" and i + 1 < len(seq.ws) and _starts_vague(seq, i)):
        label = str(val[1] if kind == "big" else val)  # type: ignore[index]
        j = i + 1
        k = j
        if k < len(seq.ws) and seq.brk[k] == 0 and seq.lex.partitive.has(seq.keys[k]):
            k += 1
        if k < len(seq.ws) and seq.brk[k] == 0:
            nxt = seq.word_value(k, clitics=False)
            if nxt is not None and nxt[0] in ("big", "vague"):
                base = _TIMES.get(int(nxt[1][0])) if nxt[0] == "big" else nxt[1]  # type: ignore[index]
                if base in ("thousands", "millions") and label in ("dozens", "hundreds"):
                    label = {"dozens": "tens", "hundreds": "hundreds"}[label] + " of " + str(base)
                    j = k + 1
        return label, None, j
    total: float = 0
    cur: float = 0
    last_added: float = 0
    last_big: float = 0
    if kind == "digit":
        cur = float(val)  # type: ignore[arg-type]
    elif kind == "word":
        cur = float(val)  # type: ignore[arg-type]
        last_added = cur
    elif kind == "hundred":
        cur = 100
    elif kind == "big":
        total = last_big = float(val[0])  # type: ignore[index]
    j = i + 1
    digits_only = kind == "digit"
    while j < len(seq.ws) and seq.brk[j] == 0:
        conn = False
        k = j
        if seq.lex.connectors.has(seq.keys[k]) and k + 1 < len(seq.ws) and seq.brk[k + 1] == 0:
            conn = True
            k += 1
        nxt = seq.word_value(k, clitics=False)
        if nxt is None and not conn:
            # a connector stuck to the word: Arabic "وعشرون"
            key = seq.keys[k]
            for c in seq.lex.number_clitics:
                if key.startswith(c) and seq.lex.connectors.has(c) and len(key) > len(c) + 1:
                    v = seq.lex.numbers.has(key[len(c):])
                    if v is not None:
                        nxt, conn = ("word", v), True
                        break
        if nxt is None:
            break
        nk, nv = nxt
        if nk == "digit" and total and cur == 0 and 0 < float(nv) < last_big and not conn:  # type: ignore[arg-type]
            cur = float(nv)  # type: ignore[arg-type]
            j = k + 1
            continue  # Turkish "2 bin 500"
        if nk == "digit" or nk == "vague" or nk == "dual":
            break
        if digits_only and nk != "big":
            break
        if nk == "word":
            v = float(nv)  # type: ignore[arg-type]
            if seq.lex.teen.has(seq.keys[k]) and 1 <= cur <= 9 and not conn:
                cur += 10
            elif cur == 0 or (cur > v and cur % (10 ** len(str(int(v)))) == 0):
                cur += v
            elif conn and last_added < 10 and v % 10 == 0 and 20 <= v <= 90:
                cur += v
            else:
                break
            last_added = v
        elif nk == "hundred":
            if not 1 <= cur <= 9 or conn:
                break
            cur *= 100
        elif nk == "big":
            big = float(nv[0])  # type: ignore[index]
            if conn or (cur >= big):
                break
            total += (cur or 1) * big
            last_big = big
            cur = 0
        j = k + 1
    value = total + cur
    if value == 0 and kind != "digit":
        return None
    return _int_or_float(value), None, j


def _starts_vague(seq: _Seq, i: int) -> bool:
    """A plural multiplier at the start of a number is vague: "آلاف المتظاهرين", "тысячи людей";
    after a qualifier it is one of them: "более тысячи человек" is more than a thousand."""
    val = seq.word_value(i, clitics=True)
    if val is None or val[0] != "big" or val[1][1] is None:  # type: ignore[index]
        return False
    return seq.lex.qualifiers_before.match_before(seq.keys, i, seq.lex.clitics, seq.brk) is None


def _qualify(text: str, seq: _Seq, i: int, j: int, value: int | float | str, unit: str | None) -> Number:
    lex = seq.lex
    qualifier = None
    qfirst = i
    m = lex.qualifiers_before.match_before(seq.keys, i, lex.clitics, seq.brk)
    if m is not None and seq.brk[i] == 0:
        qualifier, qfirst = m[1], i - m[0]
        if any(seq.brk[k] > 0 for k in range(qfirst + 1, i + 1)):
            qualifier, qfirst = None, i
    end_word = j
    if qualifier is None:
        a = lex.qualifiers_after.match(seq.keys, j, (), seq.brk)
        if a is not None and j < len(seq.ws) and seq.brk[j] == 0:
            qualifier = a[1]
            end_word = j + a[0]
    ws = seq.ws
    start = ws[qfirst].start
    vstart, vend = ws[i].start, ws[j - 1].end
    end = ws[end_word - 1].end
    if isinstance(value, str) and qualifier in ("approximately",):
        qualifier = None
    if qualifier in _FLIP and any(lex.negations.match(seq.keys, x, lex.clitics, None) is not None
                                  for x in range(max(0, qfirst - 3), qfirst)):
        qualifier = _FLIP[qualifier]  # "لن يستغرق أكثر من عشرة أيام": not more than = at most
    return Number(start=start, end=end, value=value, qualifier=qualifier, unit=unit, vstart=vstart, vend=vend,
                  first=i, last=j, qfirst=qfirst, digits=ws[i].key == "#" and j == i + 1)


def find_numbers(text: str, lang: str = "und", exclude: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Every number of ``text`` with its qualifier, value as int when integral, vague amounts
    as strings. ``lang`` picks the word tables (guessed from the script when unknown)."""
    lex = lexicon(guess_lang(text, lang))
    runs = digit_runs(text, lex, exclude)
    ws = words(text, [(s, e) for s, e, _ in runs])
    return scan_numbers(text, ws, lex, {s: v for s, _e, v in runs})
