"""Claims: numbers with what they count, and dates of what happened.

Rules read the words around a number through the language tables of ``claims/lang``:

- a percentage is a ``change`` when a verb of rising or falling is near (negative when it
  fell), else a ``percentage``; an amount of money is a ``price`` near a word for price, else
  ``money`` (unit: the currency code);
- a length of time ("في غضون يومين", "within 10 days", "ظرف ده روز") is
  ``starts_within_days`` or ``completes_within_days`` after a verb of starting or completing,
  else ``duration_days`` (weeks count as days; months, years and hours keep their unit:
  ``duration_months`` ...); "N days ago" is not a length of time, "after N days" only with a
  verb ("سيبدأ بعد يومين");
- a count of people is ``killed``, ``injured`` or ``detained`` when such a word is near and the
  number counts people (or nothing in particular); a count of troops ("2,500 troops",
  "قوامها 3000 عنصر", "the number of peacekeepers will reach about 2,500") is ``troop_count``;
- "did not disclose the size of the force" is a claim too: value None, qualifier
  ``not disclosed``, property from what follows;
- "doubled"/"مضاعفة"/"دو برابر" of a price or a count is a ``change`` with value ``doubled``;
- a date with a verb of starting, ending or restoring near it is ``start_date``, ``end_date``
  or ``restored_by``; another full date in running text is ``date``.

``subject`` is the counted or dated thing in the source's own words. Years, clock times,
phone numbers and numbers in URLs are not claims.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from ..models import Claim, Document
from .dates import DateMention, date_for_span, doc_dates, published_date
from .frame import Frame
from .lexicon import CHANGE, NOT_DISCLOSED, guess_lang_of, lexicon, script_classes
from .numbers import Number, digit_runs, scan_numbers
from .text import words_of

__all__ = ["VERSION", "extract_claims"]

VERSION = "claims.rules.v1"

_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}  # units a length of time may come in
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT", "﷼": "IRR", "¥": "JPY"}


def _frames(doc: Document, exclude: Sequence[tuple[int, int]]) -> list[Frame]:
    """A frame per line, in the language of its paragraph (or of the document).

    A line gets no frame when no rule could fire in it: no digits, no date and no word that
    may start a number, a "not disclosed" or a "doubled" phrase (the rules read nothing else
    of a line, so leaving it out changes no claim; it is most of the time the stage spends on
    a line without figures)."""
    from ..entities.tokenise import tokeniser

    text = doc.text
    spans = sorted(exclude)  # date mentions: they do not overlap, so ends are sorted too
    starts, ends = [x for x, _ in spans], [y for _, y in spans]
    paras = sorted((p.start, p.end, p.lang) for p in doc.paragraphs)
    parts = []
    pos = 0
    for line in text.split("\n"):
        lang = next((pl for ps, pe, pl in paras if ps <= pos < pe or pos <= ps < pos + len(line)), doc.lang)
        parts.append((pos, pos + len(line), lang))
        pos += len(line) + 1
    tok = tokeniser().split(text)  # words never cross a new line: one pass serves every line
    t_starts, t_ends, t_keys = tok.starts, tok.ends, tok.keys
    classes = script_classes(text)
    out = []
    for s, e, lang in parts:
        sub = text[s:e]
        if not sub.strip():
            continue
        local = spans[bisect.bisect_left(ends, s + 1):bisect.bisect_left(starts, e)]
        lex = lexicon(guess_lang_of(classes[s:e], lang if lang and lang != "und" else doc.lang))
        runs = [(a + s, b + s, v) for a, b, v in digit_runs(sub, lex)]
        runs = [r for r in runs if not any(x < r[1] and r[0] < y for x, y in local)]
        lo, hi = bisect.bisect_left(t_starts, s), bisect.bisect_left(t_starts, e)
        fires = lex.fires_of(t_keys[lo:hi])
        if not runs and not local and not any(fires):
            continue
        ws = words_of(text, t_starts, t_ends, t_keys, lo, hi, [(a, b) for a, b, _ in runs])
        # without digits the words are the tokens: their ``fires`` serve the frame as they are
        f = Frame(text, ws, lex, fires=fires if not runs else [])
        f.numbers = scan_numbers(text, ws, lex, {a: v for a, _b, v in runs}, f.fires)
        f.num_words = {k for n in f.numbers for k in range(n.first, n.last)}
        if local:
            w_starts = [w.start for w in ws]
            f.date_words = {k for x, y in local
                            for k in range(bisect.bisect_left(w_starts, x), bisect.bisect_left(w_starts, y))}
        out.append(f)
    return out


def extract_claims(doc: Document, published: dt.date | None = None) -> list[Claim]:
    """Numbers and dates of ``doc`` with what they are about, as ``Claim`` spans."""
    on = published_date(doc, published)
    dms = doc_dates(doc, on)
    date_spans = [(m.start, m.end) for m in dms]
    found: list[Claim] = []
    for f in _frames(doc, date_spans):
        prev: tuple[str, int] | None = None  # the last count of people and where it was
        for n in f.numbers:
            if any(a < n.vend and n.vstart < b for a, b in date_spans):
                continue
            c = _number_claim(f, n, prev)
            if c is not None:
                found.append(c)
                if c.property in _PEOPLE_PROPS:
                    prev = (c.property, n.last)
        found += _undisclosed(f)
        found += _changes(f)
        found += _date_claims(f, [m for m in dms if f.ws and f.ws[0].start <= m.start < f.ws[-1].end])
    out: list[Claim] = []
    seen: set[tuple[int, int, str]] = set()
    for c in sorted(found, key=lambda c: (c.start, c.end, c.property)):
        k = (c.start, c.end, c.property)
        if k in seen:
            continue
        seen.add(k)
        when = c.date or date_for_span(doc, c.start, c.end, on, mentions=dms)
        out.append(Claim(start=c.start, end=c.end, property=c.property, value=c.value, unit=c.unit,
                         subject=c.subject, qualifier=c.qualifier, text=doc.text[c.start:c.end], date=when))
    return out


def _claim(f: Frame, start: int, end: int, prop: str, value: object, subject: str = "", unit: str | None = None,
           qualifier: str | None = None, date: str | None = None) -> Claim:
    return Claim(start=start, end=end, property=prop, value=value, unit=unit,  # type: ignore[arg-type]
                 subject=subject.strip(), qualifier=qualifier, text=f.text[start:end], date=date)


# -- numbers ---------------------------------------------------------------------------------
_PEOPLE_PROPS = frozenset({"killed", "injured", "detained", "troop_count"})
#: The qualifier of a number that counts part of an earlier one ("19 of them").
PART = "of them"


def _number_claim(f: Frame, n: Number, prev: tuple[str, int] | None = None) -> Claim | None:
    text, lex = f.text, f.lex
    i, q0 = n.first, n.qfirst
    sa, sb = f.sentence(i)
    if q0 > sa and f.brk[q0] == 0 and f.m(lex.id_words, q0 - 1) is not None:
        return None  # "Resolution 2254", "ساعت ۱۰": a name, not a count
    k = f.index_at(n.end)
    after = text[n.vend:n.vend + 3]
    before = text[max(0, n.vstart - 3):n.vstart]
    # percentages: "20%", "٪۲۰", "20 percent", "۲۰ درصد", Turkish "yüzde 20"
    sign_after = re.match(r"\s?[%٪]", after)
    sign_before = re.search(r"[%٪]\s?$", before)
    pm = f.m(lex.percent, k) if k < sb and f.brk[k] == 0 else None
    pb = lex.percent_before.match_before(f.keys, q0, lex.clitics, f.brk) if f.brk[q0] == 0 else None
    if sign_after or sign_before or pm is not None or pb is not None:
        end = n.vend + sign_after.end() if sign_after else n.end
        if pm is not None:
            end, k = f.ws[k + pm[0] - 1].end, k + pm[0]
        c = _percent(f, n, k, sa, sb, max(end, n.end))
        if c is not None and pb is not None and not (sign_after or sign_before or pm):
            s = f.ws[q0 - pb[0]].start
            c = dataclasses.replace(c, start=s, text=text[s:c.end])
        return c
    # money
    sign = re.search(r"([$€£₽₸﷼¥])\s?$", before) or re.match(r"\s?([$€£₽₸﷼¥])", after)
    cm = f.m(lex.currencies, k) if k < sb and f.brk[k] == 0 else None
    if sign or cm is not None:
        unit = _CURRENCY_SIGNS[sign.group(1)] if sign else str(cm[1])  # type: ignore[index]
        end = f.ws[k + cm[0] - 1].end if cm is not None else n.end  # type: ignore[index]
        start = n.start
        if sign and sign.string is before:
            start = min(start, n.vstart - len(before) + sign.start(1))
        price = f.nearest(lex.price, q0, k, sa, sb, left=6, right=4)
        a, b = f.phrase_right(price[1], sb, 4) if price is not None else f.phrase_left(q0, sa)
        subject = f.words_text(a, b)
        return _claim(f, start, end, "price" if price else "money", n.value, subject, unit, n.qualifier)
    # lengths of time
    unit_m = (n.unit, 0) if n.unit in _DAYS or n.unit == "hour" else None
    if unit_m is None and k < sb and f.brk[k] == 0:
        um = f.m(lex.units, k)
        if um is not None:
            unit_m = (str(um[1]), um[0])
    if unit_m is not None:
        return _duration(f, n, k, unit_m[0], unit_m[1], sa, sb)
    return _count(f, n, k, sa, sb, prev)


def _percent(f: Frame, n: Number, k: int, sa: int, sb: int, end: int) -> Claim | None:
    lex = f.lex
    if isinstance(n.value, str):
        return None
    rise = f.nearest(lex.rise, n.qfirst, k, sa, sb, left=6, right=5)
    fall = f.nearest(lex.fall, n.qfirst, k, sa, sb, left=6, right=5)
    move = min((x for x in (rise, fall) if x is not None), key=lambda x: x[0], default=None)
    value = n.value
    if move is not None and move is fall:
        value = -value
    price = f.nearest(lex.price, n.qfirst, k, sa, sb, left=8, right=6)
    if price is not None:
        a, b = f.phrase_right(price[1], sb, 4)
    else:
        k2 = k + 1 if k < sb and f.brk[k] == 0 and f.any(k, "partitive") else k
        a, b = f.phrase_right(k2, sb, 4) if k2 < sb and f.brk[k2] == 0 else (k2, k2)
        if b <= a:
            a, b = f.phrase_left(n.qfirst, sa)
    return _claim(f, n.start, end, "change" if move else "percentage", value, f.words_text(a, b), "%", n.qualifier)


def _duration(f: Frame, n: Number, k: int, unit: str, unit_words: int, sa: int, sb: int) -> Claim | None:
    lex = f.lex
    q0 = n.qfirst
    after_unit = k + unit_words
    tail = after_unit < sb and f.brk[after_unit] == 0
    if lex.ago_before.match_before(f.keys, q0, lex.clitics, f.brk) is not None or (
            tail and f.m(lex.ago_after, after_unit) is not None):
        return None  # "three days ago": a point in time
    later = lex.later_before.match_before(f.keys, q0, lex.clitics, f.brk)
    if later is None and tail and f.m(lex.later_after, after_unit) is not None:
        later = (0, True)
    start_w = q0
    within = lex.within.match_before(f.keys, q0, lex.clitics, f.brk) or later
    if within is not None:
        start_w = q0 - within[0]
    else:
        span_for = lex.tables["for"].match_before(f.keys, q0, lex.clitics, f.brk)
        if span_for is not None:
            start_w = q0 - span_for[0]
    if within is None and tail:
        wa = f.m(lex.within_after, after_unit)  # Turkish "iki gün içinde", Urdu "دو دن کے اندر"
        if wa is not None:
            within = (0, True)
            after_unit += wa[0]
    qualifier = n.qualifier
    end_w = max(after_unit, n.last)
    post = f.m(lex.qualifiers_after, end_w) if end_w < sb and f.brk[end_w] == 0 else None
    if post is not None:
        qualifier = qualifier or str(post[1])
        end_w += post[0]
    verb = f.nearest(lex.verbs, start_w, end_w, sa, sb, left=5, right=4)
    kind = str(verb[3]) if verb is not None else None
    if kind == "take":
        kind = "end"  # "will take no more than ten days" = done within ten days
    if later is not None and kind not in ("start", "end"):
        return None  # "after three days of protests": no length of anything
    # days and weeks are counted in days; months, years and hours keep their unit
    suffix = {"day": "days", "week": "days"}.get(unit, unit + "s")
    if isinstance(n.value, str) or suffix != "days":
        value: object = n.value
    else:
        value = n.value * _DAYS[unit]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    if kind == "start":
        prop = f"starts_within_{suffix}"
    elif kind == "end":
        prop = f"completes_within_{suffix}"
    else:
        prop = f"duration_{suffix}"
    ev = next((c for c in range(start_w - 1, sa - 1, -1) if f.m(lex.events, c) is not None), None)
    if ev is None:
        ev = next((c for c in range(end_w, min(sb, end_w + 4)) if f.m(lex.events, c) is not None), None)
    if ev is not None:
        a, b = f.phrase_right(ev, start_w if ev < start_w else sb, 5)
    else:
        a, b = f.phrase_left(verb[1] if verb is not None and verb[1] < start_w else start_w, sa)
    s_idx, e_idx = start_w, end_w
    if verb is not None and verb[0] <= 4:
        s_idx, e_idx = min(s_idx, verb[1]), max(e_idx, verb[1] + verb[2])
    s, e = f.span(s_idx, e_idx)
    return _claim(f, s, e, prop, value, f.words_text(a, b), suffix, qualifier)


def _count(f: Frame, n: Number, k: int, sa: int, sb: int, prev: tuple[str, int] | None = None) -> Claim | None:
    lex = f.lex
    q0 = n.qfirst
    # "225 people were killed, 19 of them police": a part of the number before it
    part_of = None
    before = lex.subset.match_before(f.keys, q0, lex.clitics, f.brk) if f.brk[q0] == 0 else None
    after = f.m(lex.subset, k) if k < sb and f.brk[k] == 0 else None
    after2 = f.m(lex.subset, k + 1) if k + 1 < sb and f.brk[k + 1] == 0 and f.brk[k] == 0 else None
    subset = before is not None or after is not None or after2 is not None
    if subset and prev is not None and 0 < q0 - prev[1] <= 25:
        part_of = prev[0]
    if after is not None:
        k += after[0]
    # what the number counts: the noun after it ("2500 troops", "13 من أفراد", "dozens of")
    k2 = k
    while k2 < sb and f.brk[k2] == 0 and f.any(k2, "articles"):
        k2 += 1
    if k2 < sb and f.brk[k2] == 0 and f.any(k2, "partitive"):
        k2 += 1
        while k2 < sb and f.brk[k2] == 0 and f.any(k2, "articles"):
            k2 += 1
    noun = "none"
    cue_noun: str | None = None
    if n.unit in ("person", "troops", "killed", "injured", "detained"):
        # an Arabic dual names what it counts: "شخصان" two persons, "قتيلان" two dead
        noun = {"person": "people", "troops": "troops"}.get(n.unit, "cue")
        cue_noun = n.unit if noun == "cue" else None
        k2 = n.first
    elif k2 < sb and f.brk[k2] == 0 and f.ws[k2].key != "#" and k2 not in f.date_words:
        # a cue glued to "and" starts the next clause ("قتل 13 وأصيب 20"): not this number's noun
        cm = lex.cues.match(f.keys, k2, [c for c in lex.clitics if not c.startswith(("و", "ف"))], f.brk)
        if f.m(lex.troops, k2) is not None:
            noun = "troops"
        elif f.m(lex.people, k2) is not None:
            noun = "people"
        elif cm is not None:
            noun, cue_noun = "cue", str(cm[1])
        elif not f.any(k2, "stop", "link", "prepositions", "conjunctions", "verbs", "cues", "qualifiers_after",
                       "ago_after", "later_after", "complementizers", "negations", "time_words"):
            noun = "other"
    # or the words before it: "the number of peacekeepers will reach about 2,500",
    # "a force ... numbering 2,000 troops"
    left_cls, left_span, strength = None, None, None
    for c in range(q0 - 1, max(sa, q0 - 9) - 1, -1):
        if f.brk[c + 1] > 0 or f.ws[c].key == "#" or c in f.num_words:
            break
        st = f.m(lex.strength, c)
        if st is not None and c + st[0] == q0:
            strength = c
            break
        if f.m(lex.count_words, c) is not None:
            for x in range(c + 1, q0):
                if f.m(lex.troops, x) is not None or f.m(lex.force_heads, x) is not None:
                    left_cls = "troops"
                    break
                if f.m(lex.cues, x) is not None:
                    left_cls = "cue"
                    break
                if f.m(lex.people, x) is not None:
                    left_cls = "people"
                    break
            a = c + 1
            b = a
            while b < q0 and not f.any(b, "link", "stop", "qualifiers_before", "verbs"):
                b += 1
            left_span = (a, b)
            break
    cue = f.nearest(lex.cues, q0, k, sa, sb, left=6, right=10)
    prop: str | None = None
    if cue_noun:
        prop = cue_noun
    elif cue is not None and (noun in ("people", "troops", "none") or left_cls in ("people", "troops", "cue")
                              or (noun == "other" and cue[1] >= k and cue[0] <= 3)):
        prop = str(cue[3])
    elif part_of is not None and noun in ("people", "troops", "none", "other"):
        prop = part_of
    elif noun == "troops" or left_cls == "troops":
        prop = "troop_count"
    elif noun in ("people", "other") and not n.year_like and not (n.value == 1 and not n.digits) and (
            isinstance(n.value, (int, str))):
        prop = "count"  # what else a number counts: "250 دستگاه تجهیزات", "thousands of people"
    if prop is None:
        return None
    if n.year_like and noun == "none" and left_cls is None:
        return None
    if n.unit in ("person", "troops", "killed", "injured", "detained"):
        subject, end = f.words_text(n.first, n.last), n.end
    elif noun in ("troops", "people", "cue", "other"):
        a, b = f.phrase_right(k2, sb)
        subject = f.words_text(a, b)
        end = max(n.end, f.ws[b - 1].end if b > a else n.end)
    else:
        subject, end = "", n.end
    if strength is not None:
        h = None
        for c in range(strength - 1, max(sa, strength - 7) - 1, -1):
            if f.brk[c + 1] > 0:
                break
            if f.m(lex.force_heads, c) is not None or f.m(lex.troops, c) is not None:
                h = c
        if h is not None:
            subject = f.words_text(h, strength)
    elif left_span is not None and not subject:
        subject = f.words_text(*left_span)
    start = f.ws[strength].start if strength is not None else n.start
    lo, hi = (cue[1], q0) if cue is not None and cue[1] < q0 else (k, cue[1] if cue is not None else k)
    if cue is not None and cue[0] <= 8 and prop == cue[3] and not any(f.brk[x] for x in range(lo + 1, hi + 1)):
        cs, ce = f.span(cue[1], cue[1] + cue[2])
        start, end = min(start, cs), max(end, ce)
    qualifier = n.qualifier or (PART if subset else None)
    if qualifier is None:
        k3 = f.index_at(end)
        post = f.m(lex.qualifiers_after, k3) if k3 < sb and f.brk[k3] == 0 else None
        if post is not None:
            qualifier = str(post[1])
            end = f.ws[k3 + post[0] - 1].end
    return _claim(f, start, end, prop, n.value, subject, None, qualifier)


# -- "not disclosed", "doubled" --------------------------------------------------------------
def _class_of(f: Frame, a: int, b: int) -> str | None:
    for x in range(a, b):
        cm = f.m(f.lex.cues, x)
        if cm is not None:
            return str(cm[1])
    for x in range(a, b):
        if f.m(f.lex.troops, x) is not None or f.m(f.lex.force_heads, x) is not None:
            return "troop_count"
    return None


def _undisclosed(f: Frame) -> list[Claim]:
    out = []
    lex = f.lex
    i = 0
    fires = f.fires
    while i < len(f.ws):
        m = f.m(lex.not_disclosed, i) if fires[i] & NOT_DISCLOSED else None
        if m is None:
            i += 1
            continue
        sa, sb = f.sentence(i)
        j = i + m[0]
        anchor = next((x for x in range(j, min(sb, j + 8)) if f.any(x, "count_words", "cues", "troops", "force_heads")),
                      None)
        prop = None
        if anchor is not None:
            a, b = f.phrase_right(anchor, sb, 6, cues=True)
            prop = _class_of(f, anchor, min(sb, anchor + 6))
            s, e = f.ws[i].start, f.ws[max(b, anchor + 1) - 1].end
        if prop is None:
            a, b = f.phrase_left(i, sa, 6)
            prop = _class_of(f, a, b)
            s, e = (f.ws[a].start, f.ws[j - 1].end) if b > a else (0, 0)
        if prop is not None and e > s:
            out.append(_claim(f, s, e, prop, None, f.words_text(a, b), None, "not disclosed"))
        i = j
    return out


def _measurable(f: Frame, a: int, b: int) -> bool:
    return any(f.any(x, "price", "count_words", "troops", "people", "force_heads") for x in range(a, b))


def _changes(f: Frame) -> list[Claim]:
    """"doubled", "مضاعفة", "دو برابر", "вдвое" of something measurable said in the sentence."""
    out = []
    lex = f.lex
    for i in range(len(f.ws)):
        if not f.fires[i] & CHANGE:
            continue
        m = f.m(lex.change, i)
        if m is None:
            continue
        sa, sb = f.sentence(i)
        j = i + m[0]
        k = j
        while k < sb and f.brk[k] == 0 and f.any(k, "articles", "partitive", "prepositions"):
            k += 1
        a, b = f.phrase_right(k, sb, 5) if k < sb and f.brk[k] == 0 else (k, k)
        s, e = f.ws[i].start, f.ws[j - 1].end
        if not (b > a and _measurable(f, a, b)):
            a, b = f.phrase_left(i, sa, 6)
            if not (b > a and _measurable(f, a, b)):
                # the thing may be named further back: "the price of gas, which ..., doubled"
                x = next((x for x in range(i - 1, max(sa, i - 16) - 1, -1) if _measurable(f, x, x + 1)), None)
                if x is None:
                    continue
                a, b = f.phrase_right(x, i, 5)
        q = lex.qualifiers_before.match_before(f.keys, i, lex.clitics, f.brk)
        qualifier = str(q[1]) if q is not None and f.brk[i] == 0 else None
        if qualifier is not None:
            s = f.ws[i - q[0]].start  # type: ignore[index]
        if b > a and f.ws[b - 1].end <= s + 200:
            s, e = min(s, f.ws[a].start if a >= i - 8 else s), max(e, f.ws[b - 1].end if b > j else e)
        out.append(_claim(f, s, e, "change", str(m[1]), f.words_text(a, b), None, qualifier))
    return out


# -- dates -----------------------------------------------------------------------------------
_DATE_PROPS = {"start": "start_date", "end": "end_date", "restore": "restored_by"}


def _date_claims(f: Frame, mentions: Sequence[DateMention]) -> list[Claim]:
    out = []
    lex = f.lex
    for dm in mentions:
        if dm.precision != "day":
            continue
        i = f.index_at(dm.start)
        j = f.index_at(dm.end)
        if i >= len(f.ws) or j <= i:
            continue
        sa, sb = f.sentence(i)
        verb = f.nearest(lex.verbs, i, j, sa, sb, left=6, right=8, barrier=("complementizers",))
        prop = _DATE_PROPS.get(str(verb[3])) if verb is not None else None
        if prop is None:
            if dm.kind == "numeric" or sb - sa < 4:
                continue
            prop = "date"
        s_idx = i
        while s_idx > sa and f.brk[s_idx] == 0 and f.any(s_idx - 1, "time_words", "by_markers"):
            s_idx -= 1
        a, b = f.phrase_left(s_idx, sa)
        if b <= a:
            a, b = f.phrase_right(j, sb, 5)
        start, end = f.ws[s_idx].start, dm.end
        if verb is not None and verb[0] <= 8:
            vs, ve = f.span(verb[1], verb[1] + verb[2])
            start, end = min(start, vs), max(end, ve)
        out.append(_claim(f, start, end, prop, dm.date.isoformat(), f.words_text(a, b), None, None,
                          dm.date.isoformat()))
    return out
