"""Dates written in datelines: ``10.01.2022``, ``2022-01-10``, ``10 January 2022``, ``۲۰ دی ۱۴۰۰``.

Only ``clean`` uses this, on short lines that look like page metadata; dates mentioned in the
body are the ``claims`` stage's business. Numeric dates are read day first (``10.01.2022`` is
10 January) unless the second number cannot be a month. Years 1300-1420 in a year-first date
are Jalali (Iranian calendar), 1421-1500 Hijri; month names say their calendar themselves.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..normalise import fold
from .lexicon import Lexicon

__all__ = ["FoundDate", "find_dates", "iso_date", "may_have_date"]


@dataclass(frozen=True)
class FoundDate:
    """A date in ``fold(line)``: its span there and its ISO form (Gregorian)."""

    start: int
    end: int
    iso: str


_DMY = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d])")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# Every date form below has a four-digit year: a line without four digits in a row has no date.
_YEAR = re.compile(r"\d{4}")


def may_have_date(folded: str) -> bool:
    """Whether ``find_dates`` can find anything in a line whose ``fold`` is ``folded``: it
    needs four digits in a row (the year), which most lines of an article lack, and this is
    one quick scan instead of a dozen patterns with long lists of month names."""
    return _YEAR.search(folded) is not None


def _gregorian(y: int, m: int, d: int) -> str | None:
    try:
        date = _dt.date(y, m, d)
    except ValueError:
        return None
    return date.isoformat() if 1990 <= date.year <= 2100 else None


def _jalali(y: int, m: int, d: int) -> str | None:
    try:
        import jdatetime

        g = jdatetime.date(y, m, d).togregorian()
    except (ImportError, ValueError, OverflowError):
        return None
    return _gregorian(g.year, g.month, g.day)


def _hijri(y: int, m: int, d: int) -> str | None:
    try:
        from hijridate import Hijri

        g = Hijri(y, m, d).to_gregorian()
    except (ImportError, ValueError, OverflowError):
        return None
    return _gregorian(g.year, g.month, g.day)


def _by_year(y: int, m: int, d: int) -> str | None:
    if 1300 <= y <= 1420:
        return _jalali(y, m, d)
    if 1421 <= y <= 1500:
        return _hijri(y, m, d)
    return _gregorian(y, m, d)


@lru_cache(maxsize=4)
def _named_patterns(lex: Lexicon) -> tuple[tuple[re.Pattern[str], re.Pattern[str], dict[str, int], str], ...]:
    out = []
    for table, calendar in ((lex.months, "g"), (lex.jalali_months, "j"), (lex.hijri_months, "h")):
        if not table:
            continue
        names = sorted(table, key=len, reverse=True)
        alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
        month = rf"(?<!\w)(?P<month>{alt})(?!\w)"
        dmy = re.compile(
            rf"(?<![\d.])(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?{month}\.?,?\s*(?:de\s+)?(?P<year>\d{{4}})(?!\d)"
        )
        mdy = re.compile(rf"{month}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)")
        out.append((dmy, mdy, {n: table[n] for n in names}, calendar))
    return tuple(out)


def _month_number(table: dict[str, int], text: str) -> int:
    return table[" ".join(text.split())]


def find_dates(line: str, lex: Lexicon) -> list[FoundDate]:
    """Dates in ``line``, left to right, with spans into ``fold(line)``."""
    f = fold(line)
    if not may_have_date(f):
        return []
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, iso: str | None) -> None:
        if iso and not any(s < te and ts < e for ts, te in taken):
            taken.append((s, e))
            found.append(FoundDate(s, e, iso))

    for m in _YMD.finditer(f):
        add(m.start(), m.end(), _by_year(int(m[1]), int(m[3]), int(m[4])))
    for m in _DMY.finditer(f):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        d, mo = (b, a) if b > 12 and a <= 12 else (a, b)
        add(m.start(), m.end(), _gregorian(y, mo, d))
    for dmy, mdy, table, calendar in _named_patterns(lex):
        conv = {"g": _gregorian, "j": _jalali, "h": _hijri}[calendar]
        for rx in (dmy, mdy):
            for m in rx.finditer(f):
                iso = conv(int(m["year"]), _month_number(table, m["month"]), int(m["day"]))
                add(m.start(), m.end(), iso)
    found.sort(key=lambda x: x.start)
    return found


def iso_date(value: str | None, lex: Lexicon) -> str | None:
    """A caller's date (ISO 8601 with or without time, or a dateline form) as ``YYYY-MM-DD``."""
    if not value or not value.strip():
        return None
    m = _ISO_PREFIX.match(fold(value))
    if m:
        return _gregorian(int(m[1]), int(m[2]), int(m[3]))
    dates = find_dates(value, lex)
    return dates[0].iso if dates else None
