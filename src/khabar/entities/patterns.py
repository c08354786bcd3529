"""Names the knowledge base lacks, found by where they stand.

- After an office or title, a run of name-like words: "وقال وزير الخارجية الفرنسي جان إيف
  لودريان للصحفيين" (the run stops at a stop word, a word with the article, a title or
  punctuation; a third or fourth word stays only where the run ends cleanly).
- Before an office, set off by a comma: "نيد برايس، المتحدث باسم وزارة الخارجية".
- Inside «» or quotes next to a title, an office or an organisation word: «شی جینپینگ» رئیس
  جمهور چین, خبرگزاری «شینهوآ».
- In Latin and Cyrillic text, runs of capitalised words (one word alone only after a title).

Persian runs without punctuation around them are not trusted (the language puts no article or
case on common nouns), so there a name needs quotes or a comma.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.normalise import fold

from .phonetic import letter_similarity, name_key, skeleton
from .units import Unit
from .words import script_of_key

if TYPE_CHECKING:  # pragma: no cover
    from .recognise import _Pass

__all__ = ["find_patterns", "given_names"]

_QUOTED = re.compile(r"«([^«»\n]{1,80})»|\"([^\"\n]{1,80})\"|“([^“”\n]{1,80})”")
_DIGIT = re.compile(r"\d")
_COMMON_NAME = 30  # attestations that make a word a given name rather than a word that is also one
_ORG_WORDS = frozenset("""
ministry council committee agency party union bank university organisation organization army
front movement news times post television tv radio institute company corporation group fund
commission court assembly parliament federation association service forces guard
министерство комитет партия союз агентство совет банк университет организация служба фонд
""".split())
_LOC_WORDS = frozenset("""
asia europe africa america sea ocean gulf river mountains mountain region province street square
airport island islands valley desert lake peninsula
""".split())


def given_names(min_count: int = 3) -> dict[str, int]:
    """Arabic-script given names and surnames attested at least ``min_count`` times in the
    arabic-name-romanizer dictionary: matching key -> how often. Empty when it is not installed."""
    try:
        import arabic_name_romanizer
    except ImportError:
        return {}
    path = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    if not path.is_file():
        return {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT arabic_key, SUM(count) FROM units GROUP BY arabic_key HAVING SUM(count) >= ?", (min_count,)
        ).fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        con.close()
    out: dict[str, int] = {}
    for k, n in rows:
        if k and " " not in k:
            f = fold(k)
            out[f] = out.get(f, 0) + int(n)
    return out


def find_patterns(p: _Pass) -> None:
    anchors: list[tuple[int, int, str]] = []
    for u in list(p.units):
        if u.kind == "office":
            lo, hi = u.i, u.j
            if u.qual is not None:
                lo, hi = min(lo, u.qual.i), max(hi, u.qual.j)
            if _person_at(p, hi + 1, lo - 1, p.ends[hi], p.starts[lo]):
                continue
            anchors.append((lo, hi, "PER"))
    words, owner = p.w, p.owner
    for t in range(p.n):
        if words[t].title and owner[t] is None and p.is_title(t):  # most words are no title at all
            hi = t
            # "المحلل السياسي دوسيم ساتباييف": a title's adjectives come before the name
            while hi + 1 < p.n and hi - t < 2 and p.jn[hi] and p.owner[hi + 1] is None \
                    and p.is_article(hi + 1) and not p.is_stop(hi + 1):
                hi += 1
            anchors.append((t, hi, "PER"))
            if hi != t:
                anchors.append((t, t, "PER"))
    for lo, hi, typ in anchors:
        _forward(p, hi, typ)
        _backward(p, lo, typ)
    _quoted(p)
    _capitalised(p, {hi for _, hi, _ in anchors})


def _person_at(p: _Pass, after: int, before: int, a: int, b: int) -> bool:
    """A person's name already stands in apposition right after ``a`` or right before ``b``."""
    if after < p.n:
        u = p.owner[after]
        if u is not None and u.i == after and u.type_is_person() and p.appos(a, p.starts[after]):
            return True
    if before >= 0:
        u = p.owner[before]
        if u is not None and u.j == before and u.type_is_person() and p.appos(p.ends[before], b):
            return True
    return False


def _namey(p: _Pass, t: int, script: str, first: bool, prev: int | None) -> bool:
    if p.owner[t] is not None or p.sc[t] != script:
        return False
    if script != "a" and not p.text[p.starts[t]].isupper():
        return False  # the last test below, first: it rules out most Latin and Cyrillic words
    k = p.keys[t]
    if _DIGIT.search(k) or len(k) < 2:
        return False
    if p.is_stop(t) or p.is_title(t) or k in p.g.org_titles:
        return False
    if script == "a":
        if p.is_article(t):
            after_joiner = prev is not None and p.keys[prev] in p.g.joiners
            # محمد الشريف, سعد الحريري: a family name with the article after a common given name
            after_given = prev is not None and p.rec.given_names.get(p.keys[prev], 0) >= _COMMON_NAME \
                and p.keys[t].startswith("ال")
            return after_joiner or after_given or (p.persian and first)
        # a word in ة is a feminine noun or adjective unless it is a known given name (فاطمة)
        if p.text[p.ends[t] - 1] == "ة" and k not in p.rec.given_names:
            return False
        return True
    return p.text[p.starts[t]].isupper() and not _shouting(p.raw(t))


def _shouting(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _prep(p: _Pass, t: int) -> bool:
    """An Arabic word with a prepositional proclitic (لطلب "to ask", بسبب): it starts a phrase."""
    k = p.keys[t]
    return p.sc[t] == "a" and len(k) >= 4 and k[0] in "لب"


def _clean_after(p: _Pass, t: int) -> bool:
    nx = t + 1
    if nx >= p.n or not p.jn[t]:
        return True
    o = p.owner[nx]
    return (p.is_stop(nx) or p.is_article(nx) or p.is_title(nx) or _prep(p, nx)
            or (o is not None and o.kind in ("office", "body")))


def _clean_before(p: _Pass, t: int) -> bool:
    pv = t - 1
    if pv < 0 or not p.jn[pv]:
        return True
    return p.is_stop(pv) or p.is_article(pv) or p.is_title(pv) or p.owner[pv] is not None


def _punct_after(p: _Pass, t: int) -> bool:
    return t + 1 >= p.n or not p.jn[t]


def _forward(p: _Pass, hi: int, typ: str) -> None:
    t = hi + 1
    if t >= p.n or p.owner[t] is not None or not p.appos(p.ends[hi], p.starts[t]):
        return
    gap = p.text[p.ends[hi]: p.starts[t]]
    quoted = any(q in gap for q in "«\"“")
    script = p.sc[t]
    toks: list[int] = []
    j = t
    while j < p.n and len(toks) < 4 and _namey(p, j, script, not toks, toks[-1] if toks else None):
        toks.append(j)
        if not p.jn[j]:
            break
        j += 1
    if not toks:
        return
    if script == "a":
        given = p.rec.given_names
        while len(toks) > 2:
            last = toks[-1]
            nx = last + 1
            ends_hard = _punct_after(p, last) or (nx < p.n and p.is_article(nx))
            native = all(p.keys[t] in given for t in toks[:-1])  # إبراهيم حجازي بمسجد: not a name word
            if p.keys[last] in given or (_clean_after(p, last) and (ends_hard or not _prep(p, last))
                                         and not (native and _prep(p, last))):
                break
            toks.pop()
        if p.persian and not (quoted or (len(toks) > 1 and _punct_after(p, toks[-1]))):
            return
        if len(toks) == 1 and not (_clean_after(p, toks[0]) and not p.is_article(toks[0] + 1 if toks[0] + 1 < p.n else toks[0])):
            return
    elif len(toks) == 1 and not p.text[p.starts[toks[0]]].isupper():
        return
    _make(p, toks[0], toks[-1], typ)


def _backward(p: _Pass, lo: int, typ: str) -> None:
    t = lo - 1
    if t < 0 or p.owner[t] is not None or not p.appos(p.ends[t], p.starts[lo]):
        return
    gap = p.text[p.ends[t]: p.starts[lo]]
    marked = any(c in gap for c in ",،«»\"“”")
    script = p.sc[t]
    toks: list[int] = []
    j = t
    while j >= 0 and len(toks) < 4:
        prev = j - 1 if j > 0 else None
        if not _namey(p, j, script, j == 0 or not p.jn[j - 1], prev):
            break
        toks.insert(0, j)
        if j == 0 or not p.jn[j - 1]:
            break
        j -= 1
    if not toks:
        return
    given = p.rec.given_names
    if script == "a":
        while len(toks) > 2 and not (_clean_before(p, toks[0]) or p.keys[toks[0]] in given):
            toks.pop(0)
        if not _clean_before(p, toks[0]):
            return
        if not marked and not (p.persian and given.get(p.keys[toks[0]], 0) >= _COMMON_NAME and len(toks) >= 2):
            return
        if len(toks) == 1 and p.keys[toks[0]] not in given:
            return
    elif not marked and len(toks) == 1:
        return
    _make(p, toks[0], toks[-1], typ)


def _quoted(p: _Pass) -> None:
    if not p.units and not any(p.is_title(t) for t in range(p.n)):
        return
    for m in _QUOTED.finditer(p.text):
        g = 1 if m.group(1) is not None else (2 if m.group(2) is not None else 3)
        s, e = m.start(g), m.end(g)
        a = bisect_left(p.starts, s)
        b = a
        while b < p.n and p.ends[b] <= e:
            b += 1
        toks = list(range(a, b))
        if not 1 <= len(toks) <= 4 or p.starts[a] < s:
            continue
        script = p.sc[a]
        if not all(_namey(p, t, script, k == 0, toks[k - 1] if k else None) for k, t in enumerate(toks)):
            continue
        if not all(p.jn[t] for t in toks[:-1]):
            continue
        before = a - 1
        after = b
        typ = None
        if before >= 0 and p.keys[before] in p.g.org_titles:
            typ = "ORG"
        elif before >= 0 and (p.is_title(before) or _office_ends(p, before)):
            typ = "PER"
        elif after < p.n and (p.is_title(after) or _office_starts(p, after)) and p.appos(m.end(), p.starts[after]):
            typ = "PER"
        if typ is None and p.persian and len(toks) >= 2 and p.rec.given_names.get(p.keys[toks[0]], 0) >= _COMMON_NAME:
            typ = "PER"  # «قاسم ژامرت تاکایف»: Persian news quote names; this one starts with a given name
        if typ:
            _make(p, toks[0], toks[-1], typ)


def _office_ends(p: _Pass, t: int) -> bool:
    u = p.owner[t]
    return u is not None and u.kind == "office" and u.j == t


def _office_starts(p: _Pass, t: int) -> bool:
    u = p.owner[t]
    return u is not None and u.kind == "office" and u.i == t


def _capitalised(p: _Pass, after_anchor: set[int]) -> None:
    t, n = 0, p.n
    while t < n:
        s = p.sc[t]
        if s not in ("l", "c") or not _namey(p, t, s, True, None):
            t += 1
            continue
        run = [t]
        j = t
        while j + 1 < n and p.jn[j] and len(run) < 5:
            nx = j + 1
            if _namey(p, nx, s, False, j):
                run.append(nx)
                j = nx
            elif (p.owner[nx] is None and p.keys[nx] in p.g.joiners and nx + 1 < n and p.jn[nx]
                  and _namey(p, nx + 1, s, False, nx)):
                run.extend([nx, nx + 1])
                j = nx + 1
            else:
                break
        words = {p.keys[k] for k in run}
        if words & _ORG_WORDS:
            typ = "ORG"
        elif words & _LOC_WORDS:
            typ = "LOC"
        else:
            typ = "PER"
        capitalised_nouns = p.doc.lang in p.g.capitalised_nouns  # German: every noun has a capital
        if (len(run) > 1 and not capitalised_nouns) or (t - 1) in after_anchor:
            _make(p, run[0], run[-1], typ)
        t = j + 1


def _make(p: _Pass, i: int, j: int, typ: str) -> None:
    if not p.free(i, j):
        return
    raw = p.raw(i, j)
    u = Unit(i, j, "pattern", type=typ, source="pattern", confidence=0.6, key=name_key(raw))
    # a KB person written in another script: the whole run's skeleton, trusted next to a title
    sk = skeleton(raw)
    if len(sk) >= 5:
        here = p.sc[i]
        mine = "".join(x.letters for x in p.w[i: j + 1])
        hits: dict[str, object] = {}
        for it in p.g.sounds.get(sk, ()):
            e = it.entry
            if e is None or e.type != typ:
                continue
            # the KB writes this person in this script: the letters must agree, not just the sound
            same = [a for a in p.g.sounds_letters(e) if a and script_of_key(a) == here]
            if (same and max(letter_similarity(mine, a, folded=True) for a in same) >= 0.8) or (
                    not same and len(sk) >= 6):
                hits[e.id] = e
        if len(hits) == 1:
            e = next(iter(hits.values()))
            u.kind, u.entry, u.cands, u.source, u.confidence = "name", e, [e], "sound", 0.75  # type: ignore[list-item]
    p.take(u)
