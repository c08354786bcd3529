"""Dates in the text, resolved to calendar days.

Our own patterns find the candidates, on the folded text (Persian and Arabic-Indic digits read
as 0-9): day-month-year with month names in the article's languages ("۲ ژانویه", "6 يناير
2022", "10 января", "January 6, 2022", "١٥ جمادى الأولى ١٤٤٣", "۱۷ دی ۱۴۰۰"), month-year,
numeric dates read day first ("10.01.2022"; "۱۴۰۰/۱۰/۱۷" with a 13xx/14xx year is Jalali, or
Hijri in Arabic text), ISO dates, words relative to the publication date ("أمس الثلاثاء",
"دیروز", "yesterday", "вчера"), weekdays ("يوم الخميس", "روز جمعه", "پنجشنبه گذشته", "on
Friday", "в пятницу") and "last week". dateparser supplies the month and weekday names of
languages without a hand-written file and reads whole expressions in ``parse_date_expr`` when
our patterns do not; it is never run per word.

A weekday is the latest such day at or before publication (news says "on Thursday" for the
day it is published), strictly before with "last"/"الماضي"/"گذشته"; a day and month without a
year fall in the year that puts them at or before publication, unless that is more than a
month ahead of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..models import DatedEvent, Document, Statement
from ..normalise import fold, keyed
from ..recent import Recent
from .lexicon import CORE, guess_lang, guess_lang_of, lexicon, phrase_words, script_classes
from .text import url_spans

__all__ = ["DateMention", "find_dates", "parse_date_expr", "resolve_dates", "date_for_span", "date_statements",
           "published_date", "sentence_bounds"]

_FUTURE_DAYS = 31


@dataclass(frozen=True)
class DateMention:
    """A date expression of the text: ``kind`` is absolute, numeric, relative, weekday or period."""

    start: int
    end: int
    date: dt.date
    precision: str
    kind: str


def published_date(doc: Document, published: dt.date | None = None) -> dt.date | None:
    """``published`` if given, else the document's own publication date."""
    if published is not None:
        return published
    if doc.published:
        try:
            return dt.date.fromisoformat(doc.published[:10])
        except ValueError:
            return None
    return None


# -- pattern tables --------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class _Tables:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    names: dict[str, dict[str, Any]]
    blockers: frozenset[str]


def _phrase_re(name: str) -> str:
    parts = []
    for w in phrase_words(name):
        parts.append(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w))
    return r"\s*".join(parts) if len(parts) > 1 and _is_joined_script(parts) else r"\s+".join(parts)


def _is_joined_script(parts: list[str]) -> bool:
    """Persian writes "سه‌شنبه" with a ZWNJ (dropped by folding) or a space: accept both."""
    return any("\u0600" <= c <= "\u06ff" for p in parts for c in p)


def _group(values: dict[Any, list[str]] | None) -> tuple[str, dict[str, Any]]:
    lookup: dict[str, Any] = {}
    pats: dict[str, int] = {}
    for value, names in (values or {}).items():
        for name in names:
            words = phrase_words(name)
            if not words:
                continue
            lookup[" ".join(words)] = value
            pats[_phrase_re(name)] = len(" ".join(words))
    if not pats:
        return r"(?!x)x", lookup
    return "(?:" + "|".join(sorted(pats, key=lambda p: -pats[p])) + ")", lookup


#: How many letters of a name's first word the quick pre-check of a pattern looks at.
_HEAD = 3


def _heads(values: dict[Any, list[str]] | None) -> set[str] | None:
    """The first letters of every name of ``values`` as its pattern starts (``_phrase_re``),
    or None when some name may start with any letter (a bare prefix word)."""
    out: set[str] = set()
    for names in (values or {}).values():
        for name in names:
            words = phrase_words(name)
            if not words:
                continue
            w = words[0][:-1] if words[0].endswith("*") else words[0]
            if not w:
                return None
            out.add(w[:_HEAD])
    return out


def _starts_with(heads: set[str] | None) -> str:
    """A look-ahead that holds where the text starts with one of ``heads``, as a trie (one
    branch per letter), or "" (no check) for None.

    It changes no match, since every name of a pattern starts with its head; it lets the regex
    engine drop most word starts after a letter or two instead of trying every name there,
    which is where the date patterns spent their time."""
    if heads is None:
        return ""
    trie: dict[str, Any] = {}
    for h in heads:
        node = trie
        for c in h:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a whole head: the look-ahead holds
        alts = [re.escape(c) + emit(sub) for c, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?=" + emit(trie) + ")" if trie else r"(?!x)x"


def _either(*heads: set[str] | None) -> set[str] | None:
    out: set[str] = set()
    for h in heads:
        if h is None:
            return None
        out |= h
    return out


@lru_cache(maxsize=32)
def _tables(langs: tuple[str, ...]) -> _Tables:
    merged: dict[str, Any] = {}
    for lang in langs:
        for k, v in lexicon(lang).dates.items():
            if isinstance(v, dict):
                slot = merged.setdefault(k, {})
                for kk, vv in v.items():
                    slot.setdefault(kk, [])
                    slot[kk] += [x for x in vv if x not in slot[kk]]
            else:
                merged.setdefault(k, [])
                merged[k] += [x for x in v if x not in merged[k]]
    cal_months: dict[tuple[str, int], list[str]] = {}
    for cal, key in (("g", "months"), ("j", "jalali_months"), ("h", "hijri_months")):
        for m, names in (merged.get(key) or {}).items():
            cal_months.setdefault((cal, int(m)), []).extend(names)
    months_re, months = _group(cal_months)  # type: ignore[arg-type]
    latin = {k: [n for n in v if n[:1].isascii() or "\u0400" <= n[:1] <= "\u04ff" or "\u00c0" <= n[:1] <= "\u024f"]
             for k, v in cal_months.items() if k[0] == "g"}
    latin_re, _ = _group(latin)  # type: ignore[arg-type]
    eras_re, eras = _group(merged.get("eras"))
    wd_re, weekdays = _group({int(k): v for k, v in (merged.get("weekdays") or {}).items()})
    ord_re, ordinals = _group({int(k): v for k, v in (merged.get("ordinals") or {}).items()})
    rel_re, rel = _group({int(k): v for k, v in (merged.get("relative_days") or {}).items()})
    per_re, periods = _group(merged.get("last_period"))
    pre_map = {"day": merged.get("day_words") or [], "last": merged.get("last_before") or [],
               "next": merged.get("next_before") or []}
    post_map = {"last": merged.get("last_after") or [], "next": merged.get("next_after") or []}
    pre_re, pre = _group(pre_map)
    post_re, post = _group(post_map)
    b, e = r"(?<!\w)", r"(?!\w)"
    months_h = _heads(cal_months)  # type: ignore[arg-type]
    ahead = {
        "ody": _starts_with(_either({"the"}, _heads({int(k): v for k, v in (merged.get("ordinals") or {}).items()}))),
        "mdy": _starts_with(_heads(latin)),  # type: ignore[arg-type]
        "my": _starts_with(months_h),
        "rel": _starts_with(_heads({int(k): v for k, v in (merged.get("relative_days") or {}).items()})),
        "wd": _starts_with(_either(_heads(pre_map),
                                   _heads({int(k): v for k, v in (merged.get("weekdays") or {}).items()}))),
        "per": _starts_with(_heads(merged.get("last_period"))),
    }
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|e|-?го|-?е|\.)?"
    year = r"(?P<y>\d{4})"
    era = rf"(?:\s*(?P<era>{eras_re}))?"
    patterns = (
        ("dmy", rf"{b}{day}\s*(?:de\s+|of\s+|ال)?(?P<m>{months_re})(?:\s*/\s*{months_re})?"
                rf"(?:\s*,?\s*(?:de\s+|del\s+|سال\s+){{0,1}}{year})?{era}{e}"),
        ("ody", rf"{b}{ahead['ody']}(?:the\s+)?(?P<od>{ord_re})\s+(?:من\s+|of\s+)?(?P<m>{months_re})"
                rf"(?:\s*,?\s*{year})?{era}{e}"),
        ("mdy", rf"{b}{ahead['mdy']}(?P<m>{latin_re})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:\s*,?\s*{year})?{e}"),
        ("my", rf"{b}{ahead['my']}(?P<m>{months_re})(?:\s*/\s*{months_re})?\s*,?\s*{year}{era}{e}"),
        ("num", r"(?<![\w./-])(?P<a>\d{1,4})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<c>\d{1,4})(?!\d|[./-]\d)"),
        ("rel", rf"{b}{ahead['rel']}(?P<rel>{rel_re})(?:\s+(?:ال)?(?P<wd>{wd_re}))?{e}"),
        ("wd", rf"{b}{ahead['wd']}(?:(?P<pre>{pre_re})\s+)?(?P<wd>{wd_re})(?:\s+(?P<post>{post_re}))?{e}"),
        ("per", rf"{b}{ahead['per']}(?P<per>{per_re}){e}"),
    )
    names = {"months": months, "eras": eras, "weekdays": weekdays, "ordinals": ordinals, "rel": rel, "periods": periods,
             "pre": pre, "post": post}
    blockers = frozenset(" ".join(phrase_words(x)) for x in merged.get("relative_blockers") or ())
    return _Tables(tuple((k, re.compile(p)) for k, p in patterns), names, blockers)


def _look(table: dict[str, Any], s: str | None) -> Any:
    if s is None:
        return None
    k = " ".join(s.split())
    if k in table:
        return table[k]
    for name, v in table.items():  # a prefix pattern (word*) matched
        if name.endswith("*") and k.startswith(name[:-1]):
            return v
    return None


# -- calendars -------------------------------------------------------------------------------
def _make(cal: str, y: int, m: int, d: int) -> dt.date | None:
    try:
        if cal == "j":
            import jdatetime

            return jdatetime.date(y, m, d).togregorian()
        if cal == "h":
            from hijridate import Hijri

            g = Hijri(y, m, d).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        return dt.date(y, m, d)
    except (ValueError, OverflowError, TypeError):
        return None


def _year_of(cal: str, ref: dt.date) -> int:
    if cal == "j":
        import jdatetime

        return jdatetime.date.fromgregorian(date=ref).year
    if cal == "h":
        from hijridate import Gregorian

        return Gregorian(ref.year, ref.month, ref.day).to_hijri().year
    return ref.year


def _no_year(cal: str, m: int, d: int, ref: dt.date | None) -> dt.date | None:
    if ref is None:
        return None
    y = _year_of(cal, ref)
    got = _make(cal, y, m, d)
    if got is not None and got > ref + dt.timedelta(days=_FUTURE_DAYS):
        got = _make(cal, y - 1, m, d)
    return got


def _weekday(wd: int, ref: dt.date, mode: str | None) -> dt.date:
    back = (ref.weekday() - wd) % 7
    if mode == "next":
        return ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
    if mode == "last" and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _valid(d: dt.date | None) -> bool:
    return d is not None and 1800 <= d.year <= 2100


# -- finding ---------------------------------------------------------------------------------
def _langs(text: str, lang: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    out = list(CORE)
    for x in (lang, guess_lang_of(script_classes(text)[:2000], lang), *extra):
        if x and x != "und" and x not in out:
            out.append(x)
    return tuple(out)


def find_dates(text: str, published: dt.date | None, lang: str = "und",
               langs: Sequence[str] = ()) -> list[DateMention]:
    """Date expressions of ``text`` resolved against ``published``, in text order, not
    overlapping (the longest wins). Relative ones are left out when ``published`` is None."""
    tables = _tables(_langs(text, lang, langs))
    k = keyed(text)
    key = k.key
    urls = url_spans(text)
    cands: list[tuple[int, int, DateMention]] = []
    for kind, pat in tables.patterns:
        for m in pat.finditer(key):
            if m.end() <= m.start():
                continue
            s, e = k.span(m.start(), m.end())
            while e < len(text) and not text[e].isspace() and not fold(text[e]):
                e += 1  # a hamza, tatweel or mark that folding dropped still belongs to the word
            if any(a < e and s < b for a, b in urls):
                continue
            got = _resolve(kind, m, tables, published, text, s, e, lang)
            if got is None:
                continue
            when, precision, kind_out = got
            if kind == "rel" and _blocked(key, m.end(), tables.blockers):
                continue
            cands.append((s, e, DateMention(s, e, when, precision, kind_out)))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen: list[DateMention] = []
    for s, e, dm in cands:
        if all(e <= c.start or s >= c.end for c in chosen):
            chosen.append(dm)
    return sorted(chosen, key=lambda c: c.start)


def _blocked(key: str, pos: int, blockers: frozenset[str]) -> bool:
    nxt = key[pos:pos + 40].split()
    return bool(nxt) and any(" ".join(nxt[:n]) in blockers for n in (1, 2))


def _resolve(kind: str, m: re.Match[str], t: _Tables, ref: dt.date | None, text: str, s: int, e: int,
             lang: str) -> tuple[dt.date, str, str] | None:
    g = m.groupdict()
    if kind in ("dmy", "mdy", "my", "ody"):
        cal_m = _look(t.names["months"], g.get("m"))
        if cal_m is None:
            return None
        cal, month = cal_m
        era = _look(t.names["eras"], g.get("era"))
        if era == "jalali":
            cal = "j"
        elif era == "hijri":
            cal = "h"
        y = int(g["y"]) if g.get("y") else None
        if kind == "my":
            if y is None:
                return None
            when = _make(cal, y, month, 1)
            return (when, "month", "absolute") if _valid(when) else None
        d = int(g["d"]) if kind != "ody" else int(_look(t.names["ordinals"], g.get("od")) or 0)
        if not d:
            return None
        if y is not None:
            if cal == "g" and y < 1800 and era is None:
                return None
            when = _make(cal, y, month, d)
        else:
            when = _no_year(cal, month, d, ref)
        return (when, "day", "absolute") if _valid(when) and when is not None else None
    if kind == "num":
        a, b, c = g["a"], g["b"], g["c"]
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        elif len(c) == 4:
            d, mo, y = int(a), int(b), int(c)
            if mo > 12 and d <= 12:
                d, mo = mo, d
        else:
            return None
        cal = "g"
        if 1300 <= y < 1500:
            near = guess_lang(text[max(0, s - 300):e + 300], lang)
            cal = "h" if near == "ar" else "j"
        when = _make(cal, y, mo, d)
        return (when, "day", "numeric") if _valid(when) and when is not None else None
    if ref is None:
        return None
    if kind == "rel":
        off = _look(t.names["rel"], g.get("rel"))
        if off is None:
            return None
        return ref + dt.timedelta(days=int(off)), "day", "relative"
    if kind == "wd":
        wd = _look(t.names["weekdays"], g.get("wd"))
        if wd is None:
            return None
        mode = _look(t.names["post"], g.get("post")) or _look(t.names["pre"], g.get("pre"))
        return _weekday(int(wd), ref, mode if mode in ("last", "next") else None), "day", "weekday"
    if kind == "per":
        per = _look(t.names["periods"], g.get("per"))
        if per == "week":
            return ref - dt.timedelta(days=7), "week", "period"
        if per == "month":
            first = ref.replace(day=1) - dt.timedelta(days=1)
            return first.replace(day=1), "month", "period"
        if per == "year":
            return dt.date(ref.year - 1, 1, 1), "year", "period"
    return None


def parse_date_expr(text: str, lang: str = "und", ref: dt.date | None = None) -> tuple[dt.date, str] | None:
    """The date a short expression names and its precision (day, week, month, year), or None.

    Our patterns first; dateparser (day first, past preferred, relative to ``ref``) for what
    they do not read."""
    found = find_dates(text, ref, lang)
    if found:
        best = max(found, key=lambda x: x.end - x.start)
        return best.date, best.precision
    if len(text) > 60 or not text.strip():
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a core dependency
        return None
    settings: dict[str, Any] = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
    if ref is not None:
        settings["RELATIVE_BASE"] = dt.datetime(ref.year, ref.month, ref.day)
    got = dateparser.parse(text, languages=[lang] if lang not in ("und", "") else None, settings=settings)
    if got is None or not 1800 <= got.year <= 2100:
        return None
    return got.date(), "day"


# -- documents -------------------------------------------------------------------------------
def _doc_langs(doc: Document) -> tuple[str, ...]:
    return tuple(sorted({p.lang for p in doc.paragraphs if p.lang and p.lang != "und"}))


#: The dates of the last few documents: the claims, the dates and the statement-dates stages
#: each need them for the same document, one after the other, and finding them is a good part
#: of what those stages cost. Keyed by everything ``find_dates`` reads, the text included.
_DOC_DATES: Recent[tuple[Any, ...], tuple[DateMention, ...]] = Recent(256)  # > a batch (64) of articles


def _memo_key(doc: Document, published: dt.date | None) -> tuple[Any, ...]:
    return (doc.id, doc.text, doc.lang, _doc_langs(doc), published)


def doc_dates(doc: Document, published: dt.date | None) -> list[DateMention]:
    """``find_dates`` of the document's text in its languages (remembered for the last few
    documents, so the stages that need them find them once)."""
    key = _memo_key(doc, published)
    got = _DOC_DATES.get(key)
    if got is None:
        got = tuple(find_dates(doc.text, published, doc.lang, key[3]))
        _DOC_DATES.put(key, got)
    return list(got)


def found_dates(doc: Document, published: dt.date | None) -> tuple[DateMention, ...] | None:
    """The dates this process found in ``doc`` (None if it has not searched it), to hand to
    another process: a pool worker finds them for the claims stage, and the writing process,
    which dates the statements, would otherwise search the same text again (2 ms a document)."""
    return _DOC_DATES.get(_memo_key(doc, published))


def remember_dates(doc: Document, published: dt.date | None, found: Sequence[DateMention]) -> None:
    """Take the dates another process found in ``doc`` (see :func:`found_dates`)."""
    _DOC_DATES.put(_memo_key(doc, published), tuple(found))


def resolve_dates(doc: Document, published: dt.date | None = None) -> list[DatedEvent]:
    """Every date expression of the document as a ``DatedEvent`` (ISO date, precision)."""
    on = published_date(doc, published)
    return [DatedEvent(start=m.start, end=m.end, date=m.date.isoformat(), text=doc.text[m.start:m.end],
                       precision=m.precision) for m in doc_dates(doc, on)]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) around ``[start, end)``."""
    s = start
    while s > 0 and not (text[s - 1] in "\n.!?؟؛…" and (s >= len(text) or not text[s].isdigit())):
        s -= 1
    e = max(end, start)
    while e < len(text) and not (text[e] in "\n!?؟؛…" or (text[e] == "." and not (
            e + 1 < len(text) and text[e + 1].isdigit()))):
        e += 1
    return s, e


def date_for_span(doc: Document, start: int, end: int, published: dt.date | None = None, *,
                  exclude: tuple[int, int] | None = None,
                  mentions: Sequence[DateMention] | None = None) -> str | None:
    """The day a happening in ``[start, end)`` took place: a day-precise date said in its
    sentence (a weekday or "yesterday" first, then the nearest date), else the publication
    date. Dates inside ``exclude`` (e.g. the words of a quote) do not count."""
    on = published_date(doc, published)
    ms = mentions if mentions is not None else doc_dates(doc, on)
    s0, e0 = sentence_bounds(doc.text, start, end)
    near = [m for m in ms if s0 <= m.start and m.end <= e0 and m.precision == "day"
            and not (exclude and exclude[0] <= m.start and m.end <= exclude[1])]
    if near:
        def rank(m: DateMention) -> tuple[int, int]:
            far = 0 if start <= m.start < end else min(abs(m.start - end), abs(start - m.end))
            return (0 if m.kind in ("relative", "weekday") else 1, far)

        return min(near, key=rank).date.isoformat()
    return on.isoformat() if on else None


def date_statements(doc: Document, statements: Sequence[Statement],
                    published: dt.date | None = None) -> list[Statement]:
    """``statements`` with ``date`` set when it is missing: the day named in the reporting
    clause ("قال ... يوم الخميس" is that Thursday), else the publication date."""
    on = published_date(doc, published)
    ms = doc_dates(doc, on)
    out = []
    for st in statements:
        if st.date:
            out.append(st)
            continue
        lo = min(x for x in (st.cue_start, st.speaker_start, st.start) if x is not None)
        hi = max(x for x in (st.cue_end, st.speaker_end) if x is not None)
        when = date_for_span(doc, lo, max(hi, lo + 1), on, exclude=(st.start, st.end), mentions=ms)
        out.append(dataclasses.replace(st, date=when))
    return out

