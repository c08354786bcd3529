"""What the rest of the document says about a name, a surname or an office.

- A person's name in apposition with an office ("نيد برايس، المتحدث باسم وزارة الخارجية
  الأمريكية", "وزير الخارجية الأمريكي أنتوني بلينكن") is that office's holder: a name the KB
  lacks but whose sound matches the holder on the day becomes the holder; a name the KB knows
  overrides the date's guess.
- A surname alone (بلینکن, برايس, تروس), or a spelling of it (باشيليه for باشليه), is the person
  named in full elsewhere in the same document, earlier or later; for peoples who put the
  family name first (Chinese, Korean, Hungarian) the first word is the short form (شی).
- A bare office ("الرئيس", "the president") is the one person in the document holding it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from khabar.normalise import fold

from .kb import KBEntry
from .phonetic import key_letters, key_similarity, letter_similarity, skeleton
from .units import Unit
from .words import collapse, script_of_key, word_skeleton

if TYPE_CHECKING:  # pragma: no cover
    from .recognise import EntityRecognizer, _Pass

__all__ = ["link_names", "short_forms", "bare_offices", "short_forms_of", "FAMILY_FIRST"]

#: Peoples who put the family name first: a lone first word is the short form.
FAMILY_FIRST = frozenset({"CN", "TW", "KP", "KR", "VN", "HU", "MN"})
_WORD_SPLIT = re.compile(r"[\s\-\u200c]+")


def link_names(p: _Pass) -> None:
    p.units.sort(key=lambda u: u.i)
    for u in p.units:
        if u.kind != "office":
            continue
        lo, hi = u.i, u.j
        if u.qual is not None:
            lo, hi = min(lo, u.qual.i), max(hi, u.qual.j)
        name = None
        nxt = _unit_at(p, hi + 1, forward=True)
        if nxt is not None and nxt.type_is_person() and p.appos(p.ends[hi], p.starts[nxt.i]):
            name = nxt
        if name is None:
            lo2 = lo - 1 if lo > 0 and p.keys[lo - 1] == "the" else lo
            prv = _unit_at(p, lo2 - 1, forward=False)
            if prv is not None and prv.type_is_person() and p.appos(p.ends[prv.j], p.starts[lo2]):
                name = prv
        if name is None:
            continue
        u.linked = True
        trusted = u.code_src in ("qualifier", "implied")
        if name.entry is not None:
            u.entry = name.entry
        elif u.entry is not None and _same_person(p, name, u.entry):
            name.entry, name.kind, name.cands = u.entry, "name", [u.entry]
            trusted = True
        elif u.entry is None and not u.code and u.office and name.kind == "pattern":
            # "الرئيس توكايف": an office of no stated country and a surname the KB knows for
            # one of the people holding that office somewhere on the day
            e = _holder_named(p, name, u.office)
            if e is not None:
                u.entry = name.entry = e
                name.kind, name.cands, name.source = "name", [e], "short" if name.i == name.j else "sound"
                u.code = next((r.of for r in e.roles if r.office == u.office and p.on is not None
                               and r.covers(p.on)), None)
                u.role = f"{u.office}:{u.code}" if u.code else u.role
                trusted = u.code is not None
        else:
            u.entry = None  # the name says the office is someone else's than the KB guessed
        if name.role is None:
            name.role = u.role if trusted else u.office


def _holder_named(p: _Pass, name: Unit, office: str) -> KBEntry | None:
    """The one person holding ``office`` (for any country) on the document's date whose name or
    surname is spelt like ``name``: the same letters in the same script, or across scripts the
    same consonant skeleton of three classes or more."""
    if p.on is None:
        return None
    raw = p.raw(name.i, name.j)
    mine_sk = collapse(skeleton(raw))
    mine = key_letters("".join(p.keys[name.i: name.j + 1]))
    here = p.sc[name.i]
    found: dict[str, KBEntry] = {}
    for e, forms in holder_forms(p.rec, office, p.on, name.i == name.j):
        if e.id in found:
            continue
        for size, sk, letters, script in forms:
            if script == here:
                ok = letter_similarity(mine, letters, folded=True) >= 0.8
            else:
                ok = size >= 3 and sk == mine_sk
            if ok:
                found[e.id] = e
                break
    return next(iter(found.values())) if len(found) == 1 else None


def holder_forms(rec: EntityRecognizer, office: str, on: date, short: bool
                 ) -> list[tuple[KBEntry, list[tuple[int, str, str, str]]]]:
    """The people holding ``office`` (for any country) on ``on``, in the knowledge base's order,
    each with its forms as ``(length of the skeleton, the skeleton collapsed, letters, script of
    the letters)``: its short forms (``short``) or its full names. The same for every document
    of one day, so the recogniser keeps them (``_holder_named`` was the hot spot of linking
    names to offices)."""
    memo: dict[tuple[str, date, bool], list[tuple[KBEntry, list[tuple[int, str, str, str]]]]]
    memo = rec.memo.setdefault("holders", {})
    k = (office, on, short)
    got = memo.get(k)
    if got is None:
        got = []
        for (off, _of), people in rec.gazetteer.ever.items():
            if off != office:
                continue
            for e in people:
                if not any(r.office == office and r.covers(on) for r in e.roles):
                    continue
                forms = rec.short_forms_of(e) if short else [
                    (fold(a), skeleton(a), key_letters(fold(a))) for names in e.aliases.values() for a in names]
                got.append((e, [(len(sk), collapse(sk), letters, script_of_key(letters))
                                 for _k, sk, letters in forms]))
        if len(memo) >= 10_000:
            memo.clear()
        memo[k] = got
    return got


def _unit_at(p: _Pass, t: int, forward: bool) -> Unit | None:
    if t < 0 or t >= p.n:
        return None
    u = p.owner[t]
    if u is None:
        return None
    return u if (u.i == t if forward else u.j == t) else None


def _same_person(p: _Pass, name: Unit, e: KBEntry) -> bool:
    raw = p.raw(name.i, name.j)
    mine = skeleton(raw)
    here = p.sc[name.i]
    for names in e.aliases.values():
        for a in names:
            if key_similarity(mine, skeleton(a)) >= 0.6:
                return True
            if script_of_key(fold(a[:1])) == here and letter_similarity(raw, a) >= 0.6:
                return True
    return False


def short_forms(p: _Pass) -> None:
    """Surnames and other short forms of people named in full in this document."""
    exact: dict[str, set[object]] = {}
    sounds: dict[str, set[object]] = {}
    words: dict[object, list[str]] = {}
    owners: dict[object, Unit] = {}

    def add_form(form: tuple[str, str, str], owner: object) -> None:
        k, sk, letters = form
        exact.setdefault(k, set()).add(owner)
        words.setdefault(owner, []).append(letters)
        if len(sk) >= 2:
            sounds.setdefault(sk, set()).add(owner)

    def add(word: str, owner: object) -> None:
        form = short_form(word)
        if form is not None:
            add_form(form, owner)

    for u in p.units:
        e = u.entry
        if e is not None and e.type == "PER":
            owner: object = e.id
            if owner in owners:
                continue
            owners[owner] = u
            for form in p.rec.short_forms_of(e):
                add_form(form, owner)
            if u.kind in ("name", "pattern") and u.j > u.i:
                first = (e.affiliation or e.country) in FAMILY_FIRST
                add(p.keys[u.i] if first else p.keys[u.j], owner)
        elif u.kind == "pattern" and u.type == "PER" and u.j > u.i:
            owner = "x:" + u.key
            if owner not in owners:
                owners[owner] = u
                add(p.keys[u.j], owner)
    for u in p.pending:
        mine = [e for e in u.cands if e.id in owners]
        if len(mine) == 1 and p.free(u.i, u.j):
            u.kind, u.entry, u.source, u.cands = "name", mine[0], "short", mine
            p.take(u)
    if not owners:
        return
    wordish, owner_of = p.wordish_all(), p.owner
    for t in range(p.n):
        if owner_of[t] is not None or not wordish[t]:
            continue
        hit = _short_at(p, t, exact, sounds, words)
        if hit is None:
            continue
        owner, cut = hit
        full = owners[owner]
        u = Unit(t, t, "name", cut=cut, entry=full.entry, cands=[full.entry] if full.entry else [],
                 source="short", confidence=0.8, type=full.type, key=full.key)
        if full.entry is None:
            u.kind = "pattern"
        p.take(u)


def short_form(word: str) -> tuple[str, str, str] | None:
    """(key, skeleton, letters) of one word of a name, the article off."""
    k = fold(word.replace("\u200c", ""))
    k = k[2:] if k.startswith("ال") and len(k) > 4 else k
    if len(k) < 2:
        return None
    return k, collapse(word_skeleton(k)), key_letters(k)


def short_forms_of(e: KBEntry) -> list[tuple[str, str, str]]:
    """The forms a person is referred to by alone: the KB's short forms, the surname of every
    full name (the first word for peoples who put the family name first)."""
    out: list[tuple[str, str, str]] = []
    first = (e.affiliation or e.country) in FAMILY_FIRST
    words = [s for names in e.short.values() for s in names]
    for names in e.aliases.values():
        for a in names:
            ws = [w for w in _WORD_SPLIT.split(a.strip()) if w]
            if len(ws) > 1:
                words.append(ws[0] if first else ws[-1])
    for w in words:
        f = short_form(w)
        if f is not None and f not in out:
            out.append(f)
    return out


def _short_at(p: _Pass, t: int, exact: dict[str, set[object]], sounds: dict[str, set[object]],
              words: dict[object, list[str]]) -> tuple[object, int] | None:
    w = p.w[t]
    for v, cut in w.variants:
        own = exact.get(v)
        if own and len(own) == 1:
            return next(iter(own)), cut
    for (sk, cut), (v, _) in zip(w.vskels, w.variants, strict=True):
        own = sounds.get(sk)
        if not own or len(own) != 1 or len(v) < 4:
            continue
        owner = next(iter(own))
        mine = key_letters(v)
        same_script = [x for x in words.get(owner, ()) if script_of_key(x) == w.script]
        best = max((letter_similarity(mine, x, folded=True) for x in same_script), default=0.0)
        # a spelling of a word of the full name; across scripts, a longer skeleton must agree
        if len(sk) >= 3 and (best >= (0.85 if len(sk) == 3 else 0.75) or (not same_script and len(sk) >= 4)):
            return owner, cut
    return None


def bare_offices(p: _Pass) -> None:
    """An office with no country and no name: the person named in the document who holds it."""
    for u in p.units:
        # an office held for one body only (the UN's human-rights chief) names its holder when
        # it stands alone, not as the head of a longer phrase ("رئيس لجنة")
        if u.kind == "office" and u.code_src == "default" and not u.linked and not p.definite(u):
            u.code, u.role, u.entry, u.code_src = None, u.office, None, ""
    holders: dict[str, set[str]] = {}
    by_id: dict[str, KBEntry] = {}
    for u in p.units:
        if u.kind == "office" and u.entry is not None and u.office:
            holders.setdefault(u.office, set()).add(u.entry.id)
            by_id[u.entry.id] = u.entry
        elif u.entry is not None and u.entry.type == "PER" and p.on is not None:
            for r in u.entry.roles:
                if r.covers(p.on):
                    holders.setdefault(r.office, set()).add(u.entry.id)
                    by_id[u.entry.id] = u.entry
    for u in p.units:
        if u.kind == "office" and u.entry is None and u.office and not u.linked and not u.code \
                and p.definite(u):
            ids = holders.get(u.office, set())
            if len(ids) == 1:
                u.entry = by_id[next(iter(ids))]
                u.confidence = 0.7
