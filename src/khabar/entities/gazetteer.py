"""The knowledge base and the language lexicons compiled into one index over word keys.

Every name, office phrase and body phrase is indexed by the concatenation of its word keys
(spaces left out), and every concatenation that ends at a word boundary is kept as a prefix.
A document is matched by walking its words: start at a word (or at the word without its Arabic
proclitics: و ف ب ل ك ال لل), add the next word while the joined key is still a prefix, and
remember the longest full key. Because spaces do not count, "سی ان ان", "سی‌ان‌ان" and
"سیانان" are one key, which is what a Persian text that lost its ZWNJ needs.

A second index holds the consonant skeleton (:mod:`khabar.entities.phonetic`) of every
person, place and organisation name, for spellings the knowledge base lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from khabar.normalise import key as norm_key

from .kb import KBEntry, KnowledgeBase
from .lang import Lexicon, lexicons
from .phonetic import letters, skeleton

__all__ = ["Item", "Gazetteer", "script_of", "ru_stem", "first_variants", "last_variants", "SUFFIXES",
           "ENTRY", "OFFICE", "BODY", "QUAL"]

ENTRY, OFFICE, BODY, QUAL = "entry", "office", "body", "qual"

_ZWNJ = "\u200c"
# Arabic proclitics, longest first; the ones ending in ال take the article off too.
_PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
               "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
# Suffixes a place name or a demonym may carry at the end: Persian plural and ezafe/adjective
# endings (ZWNJ lost), Arabic nisba endings.
_SUFFIXES = ("هايي", "هاي", "ها", "يي", "اي", "يه", "يون", "يين", "ي")
SUFFIXES = _SUFFIXES
_RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый",
               "ом", "ем", "ым", "им", "ых", "их", "ую", "юю", "ая", "яя", "ое", "ее")
_RU_VOWELS = "аяуюеиыоьй"


def script_of(k: str) -> str:
    """"arabic", "cyrillic", "latin" or "other", from the first letter of a key."""
    for c in k:
        if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
            return "arabic"
        if "\u0400" <= c <= "\u04ff":
            return "cyrillic"
        if c.isalpha():
            return "latin" if c < "\u0250" else "other"
    return "other"


def ru_stem(k: str) -> str:
    """A Russian word without its case ending: Токаева, Токаеву, Токаевым -> токаев."""
    for end in _RU_ENDINGS:
        if k.endswith(end) and len(k) - len(end) >= 3:
            k = k[: -len(end)]
            break
    while len(k) > 3 and k[-1] in _RU_VOWELS:
        k = k[:-1]
    return k


_CLITICS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _p in _PROCLITICS:
    _CLITICS_BY_FIRST[_p[0]] = (*_CLITICS_BY_FIRST.get(_p[0], ()), _p)


def first_variants(k: str) -> list[tuple[str, int]]:
    """The word as written and without each proclitic that leaves a real word: (key, letters cut)."""
    out = [(k, 0)]
    ps = _CLITICS_BY_FIRST.get(k[:1])
    if ps is None or len(k) < 4:
        return out
    for p in ps:
        if k.startswith(p) and len(k) - len(p) >= 3:
            rest = k[len(p):]
            out.append((rest, len(p)))
            if p.endswith("ال") and len(p) > 2:  # وال، بال: keep the article on
                out.append(("ال" + rest, len(p) - 2))
            elif p.endswith("لل"):  # لل is ل + ال with the alif dropped
                out.append(("ال" + rest, len(p) - 1))
    return out


def last_variants(k: str) -> list[tuple[str, int]]:
    """The word without a suffix that may follow a place name or demonym: (key, letters cut)."""
    if len(k) < 5 or not ("\u0600" <= k[0] <= "\u06ff"):
        return []
    return [(k[: -len(s)], len(s)) for s in _SUFFIXES if k.endswith(s) and len(k) - len(s) >= 3]


@dataclass(frozen=True, slots=True)
class Item:
    """What a key names: a KB entry (how: alias/short/abbr/demonym), a country qualifier
    derived from a country name (QUAL), an office phrase or a body phrase (with the country or
    organisation it implies, if any)."""

    kind: str
    entry: KBEntry | None = None
    how: str = ""
    office: str | None = None
    body: str | None = None
    of: str | None = None
    case: int = 0  # 0: any; 1: starts with a capital; 2: written in capitals (CSTO, US)
    text: str = ""  # the name as the knowledge base writes it
    letters: str = ""  # its letters for comparisons (:func:`phonetic.letters`)
    words: tuple[int, int] = (0, 0)  # how many words it may be written in (ZWNJ: joined or not)
    langs: frozenset[str] = frozenset()  # an office or body phrase: the languages that use it


def _case_of(raw: str) -> int:
    letters = [c for c in raw if c.isalpha()]
    if not letters or script_of(raw) not in ("latin", "cyrillic"):
        return 0
    if len(letters) <= 6 and all(c.isupper() for c in letters):
        return 2
    return 1 if letters[0].isupper() else 0


class Gazetteer:
    """Keys -> items, with prefix sets for the word walk; built once per process."""

    def __init__(self, kb: KnowledgeBase, langs: Iterable[Lexicon] | None = None) -> None:
        self.kb = kb
        self.lexicons = tuple(langs) if langs is not None else lexicons()
        self.keys: dict[str, list[Item]] = {}
        self.prefixes: set[str] = set()
        self.sounds: dict[str, list[Item]] = {}
        self.sound_prefixes: set[str] = set()
        self._letters: dict[str, tuple[str, ...]] = {}  # entry id -> letters of its names
        self._cuts: dict[str, tuple[int, ...]] = {}  # word -> suffix lengths it may lose (a pure function's answers)
        self.codes: dict[str, str] = {}  # entry id -> the code it stands for (KZ, UN, CSTO)
        for code, eid in kb.codes().items():
            self.codes.setdefault(eid, code)
        self.office_of: dict[str, set[str]] = {}  # office -> every "of" a KB role gives it
        self.ever: dict[tuple[str, str], list[KBEntry]] = {}  # (office, of) -> every holder
        for e in kb.entries.values():
            for r in e.roles:
                self.office_of.setdefault(r.office, set()).add(r.of)
                holders = self.ever.setdefault((r.office, r.of), [])
                if e not in holders:
                    holders.append(e)
        self._build_entries()
        self._build_phrases()
        self.stop = frozenset(norm_key(w) for lx in self.lexicons for w in lx.stop)
        # title word -> the languages it is a title in ("صدر" is Urdu's president, Arabic's "issued")
        self.titles: dict[str, frozenset[str]] = {}
        for lx in self.lexicons:
            for w in lx.titles:
                k = norm_key(w)
                self.titles[k] = self.titles.get(k, frozenset()) | {lx.lang}
        self.capitalised_nouns = frozenset(lx.lang for lx in self.lexicons if lx.capitalised_nouns)
        self.org_titles = frozenset(norm_key(w) for lx in self.lexicons for w in lx.org_titles)
        self.connectors = frozenset(norm_key(w) for lx in self.lexicons for w in lx.connectors)
        self.joiners = frozenset(norm_key(w) for lx in self.lexicons for w in lx.joiners)

    # building ------------------------------------------------------------------------
    def _words(self, raw: str) -> list[str]:
        ks = norm_key(raw.replace(_ZWNJ, " ")).split()
        if ks and script_of(ks[0]) == "cyrillic":
            ks = [ru_stem(k) for k in ks]
        return ks

    def _add(self, raw: str, item: Item) -> None:
        words = self._words(raw)
        if not words:
            return
        variants = [words]
        # a name keeps its identity without the article; an office or body phrase does not
        # ("الرئاسة" is the presidency, "برئاسة" is "chaired by")
        if words[0].startswith("ال") and len(words[0]) > 3 and item.kind in (ENTRY, QUAL):
            variants.append([words[0][2:], *words[1:]])
        # Arabic script: spaces do not count (ZWNJ, space or nothing); Latin and Cyrillic keep
        # them, or "Kazakhstan is" would be "Kazakhstanis"
        sep = " " if script_of(words[0]) in ("latin", "cyrillic") else ""
        for ws in variants:
            joined = ""
            for w in ws:
                joined = joined + sep + w if joined else w
                self.prefixes.add(joined)
            bucket = self.keys.setdefault(joined, [])
            if item not in bucket:
                bucket.append(item)

    def _add_sound(self, raw: str, item: Item) -> None:
        parts = [skeleton(w) for w in raw.replace(_ZWNJ, " ").replace("-", " ").split()]
        if not parts or not all(parts):
            return  # a word with no consonant class (عفو) would match anything around it
        joined = ""
        for p in parts:
            joined += p
            if joined:
                self.sound_prefixes.add(_collapse(joined))
        joined = _collapse(joined)
        if len(joined) < 3:
            return
        bucket = self.sounds.setdefault(joined, [])
        if item not in bucket:
            bucket.append(item)

    def _build_entries(self) -> None:
        for e in self.kb.entries.values():
            for how, names in (("alias", e.aliases), ("short", e.short), ("demonym", e.demonyms)):
                for values in names.values():
                    for raw in values:
                        case = _case_of(raw) if how != "demonym" else 0
                        item = Item(ENTRY, e, how, case=case, text=raw)
                        self._add(raw, item)
                        if how == "alias" and e.type in ("PER", "GPE", "ORG", "LOC"):
                            self._add_sound(raw, Item(ENTRY, e, how, case=case, text=raw,
                                                      letters=letters(raw), words=_word_count(raw)))
            if e.type == "GPE" and e.iso2:
                for raw in _derived_demonyms(e):
                    self._add(raw, Item(QUAL, e, "derived", text=raw))
        for k, e, kind in self.kb.all_keys():
            if kind == "abbr":
                case = 2 if script_of(k) in ("latin", "cyrillic") else 0
                self._add(k, Item(ENTRY, e, "abbr", case=case, text=k))

    def _build_phrases(self) -> None:
        # (phrase, kind, office or body, of) -> the languages it is written in
        seen: dict[tuple[str, str, str, str | None], set[str]] = {}

        def note(raw: str, kind: str, what: str, of: str | None, lang: str) -> None:
            seen.setdefault((raw, kind, what, of), set()).add(lang)

        for office, langs in self.kb.offices().items():
            for lang, values in langs.items():
                for raw in values:
                    note(raw, OFFICE, office, None, lang)
        for t in self.kb.titles():
            for lang, values in t.phrases.items():
                for raw in values:
                    note(raw, OFFICE, t.office, t.of, lang)
        for lx in self.lexicons:
            for office, values in lx.offices.items():
                for raw in values:
                    note(raw, OFFICE, office, None, lx.lang)
            for raw, (office, of) in lx.implied_offices.items():
                note(raw, OFFICE, office, of, lx.lang)
            for body, values in lx.bodies.items():
                for raw in values:
                    note(raw, BODY, body, None, lx.lang)
            for raw, (body, of) in lx.implied_bodies.items():
                note(raw, BODY, body, of, lx.lang)
        for (raw, kind, what, of), langs in sorted(seen.items(), key=lambda x: (x[0][0], x[0][1], x[0][2], x[0][3] or "")):
            if kind == OFFICE:
                self._add(raw, Item(OFFICE, office=what, of=of, langs=frozenset(langs)))
            else:
                self._add(raw, Item(BODY, body=what, of=of, langs=frozenset(langs)))

    def sounds_letters(self, e: KBEntry) -> tuple[str, ...]:
        """The letters (:func:`phonetic.letters`) of every full name of an entry."""
        got = self._letters.get(e.id)
        if got is None:
            got = self._letters[e.id] = tuple(letters(a) for names in e.aliases.values() for a in names)
        return got

    # lookups -------------------------------------------------------------------------
    def code_of(self, e: KBEntry) -> str | None:
        """The country or organisation code an entry stands for, if it stands for one."""
        code = self.codes.get(e.id)
        if code:
            return code
        if e.type == "GPE" and e.iso2:
            return e.iso2
        return None

    def default_of(self, office: str) -> str | None:
        """The one country or organisation an office is ever held for in the KB, if just one."""
        ofs = self.office_of.get(office)
        return next(iter(ofs)) if ofs and len(ofs) == 1 else None

    def walk(self, keys: list[str], joinable: list[bool], start: int,
             firsts: Iterable[tuple[str, int]], spaced: list[bool] | None = None
             ) -> Iterator[tuple[int, int, int, list[Item]]]:
        """Every full key starting at word ``start``: (end word inclusive, letters cut at the
        front, letters cut at the end, items). ``spaced[j]``: word j is Latin or Cyrillic, so a
        space joins it to the word before."""
        n = len(keys)
        for v, cut in firsts:
            cur = v
            j = start
            while True:
                items = self.keys.get(cur)
                if items:
                    yield j, cut, 0, items
                elif cur.endswith(_SUFFIXES):
                    found = self._suffixed(cur, keys[j] if j > start else v)
                    if found:
                        yield j, cut, found[0], found[1]
                if j + 1 >= n or not joinable[j] or cur not in self.prefixes:
                    break
                nxt = cur + (" " if spaced is not None and spaced[j + 1] else "") + keys[j + 1]
                if nxt not in self.prefixes and not nxt.endswith(_SUFFIXES):
                    break
                cur = nxt
                j += 1

    def _suffixed(self, cur: str, last: str) -> tuple[int, list[Item]] | None:
        cuts = self._cuts.get(last)
        if cuts is None:
            if len(self._cuts) > 200_000:
                self._cuts.clear()
            cuts = self._cuts[last] = tuple(back for _stem, back in last_variants(last))
        for back in cuts:
            its = self.keys.get(cur[: len(cur) - back])
            if its:
                its = [x for x in its if x.kind == QUAL or (
                    x.entry is not None and x.entry.type in ("GPE", "LOC")
                    and x.how in ("alias", "demonym"))]
                if its:
                    return back, its
        return None

    def sound_walk(self, sk: list[str], joinable: list[bool], start: int,
                   first: list[str]) -> Iterator[tuple[int, str, list[Item]]]:
        """Every skeleton key starting at word ``start``: (end word inclusive, key, items)."""
        n = len(sk)
        for v in first:
            if not v or v not in self.sound_prefixes:
                continue
            cur = v
            j = start
            while True:
                items = self.sounds.get(cur)
                if items:
                    yield j, cur, items
                if j + 1 >= n or not joinable[j]:
                    break
                nx = sk[j + 1]
                nxt = cur + (nx[1:] if nx and cur and nx[0] == cur[-1] else nx)  # runs stay collapsed
                if nxt not in self.sound_prefixes:
                    break
                cur = nxt
                j += 1


_RUNS = re.compile(r"(.)\1+")


def _word_count(raw: str) -> tuple[int, int]:
    """Fewest and most words a name may be written in: "خطیب‌زاده" is one or two."""
    spaced = [w for w in re.split(r"[\s\-]+", raw.strip()) if w]
    split = [w for w in re.split(r"[\s\-\u200c]+", raw.strip()) if w]
    return len(spaced), len(split)


def _collapse(s: str) -> str:
    return _RUNS.sub(r"\1", s)


def _derived_demonyms(e: KBEntry) -> Iterator[str]:
    """Adjectives of a country the KB may not list: كازاخستان -> كازاخستاني, الكازاخية; قزاقستان ->
    قزاقستانی, قزاق; روسیه -> روسی. Used only next to an office or a body ("السلطات الكازاخية")."""
    for lang in ("ar", "fa"):
        for name in e.aliases.get(lang, ()):
            if " " in name.strip():
                continue
            base = name[2:] if name.startswith("ال") else name
            stems = {base}
            if base.endswith(("ا", "ه", "ة")):
                stems.add(base[:-1])
            if base.endswith("يا") or base.endswith("یا"):
                stems.add(base[:-2])
            if base.endswith("ستان") and len(base) > 6:
                stems.add(base[:-4])
            for s in stems:
                if len(s) < 3:
                    continue
                if lang == "ar":
                    for end in ("ي", "ية", "يون", "يين"):
                        yield s + end
                else:
                    yield s + "ی"
                    yield s + "یی"
                    if s.endswith(("ا", "و")):
                        yield s + "یی"
                    if s != base:
                        yield s
