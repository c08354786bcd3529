"""Find people, organisations, places, offices and unnamed bodies in one document.

Why our own: no offline named-entity model for Arabic and Persian is on PyPI, and a model would
not know that توقاييف, تاکایف and Токаев are one man, nor who "the US Secretary of State" was on
the day. So recognition is the knowledge base and the language lexicons compiled into a word-key
index (:mod:`.gazetteer`), walked over the document, then:

1. every known name, office phrase, body phrase and demonym, longest first, with Arabic
   proclitics (و ف ب ل ك ال لل) and Persian/Arabic suffixes taken off, ZWNJ optional;
2. consonant skeletons (:mod:`.phonetic`) for spellings the knowledge base lacks;
3. offices and bodies get their country from a neighbouring name or demonym and their holder
   on the article's date (:mod:`.roles`);
4. names the knowledge base lacks, from patterns (:mod:`.patterns`);
5. a name next to an office is that office's holder; a surname alone, or a bare office, is the
   person named in full elsewhere in the document (:mod:`.context`).

Mentions never overlap: the country in "وزير الخارجية الأمريكي" is a mention of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from datetime import date
from typing import Any

from khabar.models import Document, Mention
from khabar.normalise import fold

from .context import bare_offices, link_names, short_forms, short_forms_of
from .gazetteer import BODY, ENTRY, OFFICE, QUAL, Gazetteer, Item
from .kb import KBEntry, KnowledgeBase
from .patterns import find_patterns, given_names
from .phonetic import letter_similarity, skeleton
from .roles import SPOKESPERSON_OF, holders_on, parse_date, role_string
from .tokenise import tokeniser
from .units import Unit
from .words import WordTable, script_of_key

__all__ = ["EntityRecognizer"]

# Between two words of one name: spaces, ZWNJ, a hyphen, an apostrophe.
_GAP = re.compile(r"[ \t\u00a0\u200c\u200d\u200e\u200f\-\u2010\u2011'\u2019]*")
_DOT_GAP = re.compile(r"\.[ \u00a0]?")
# Between a name and the office it is in apposition with: a comma, quotes, or nothing.
_SP = r"[ \t\u00a0\u200c\u200e\u200f]*"
_APPOS = re.compile(f"{_SP}[«»\"“”]?{_SP}[,،]?{_SP}[«»\"“”]?{_SP}")
_MIXED = re.compile(r"[A-Za-z\u00c0-\u024f][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z\u00c0-\u024f]")
_SPLIT_SCRIPTS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u200c]+|[^\u0600-\u06ff\u0750-\u077f]+")
_TYPE_RANK = {"GPE": 3, "ORG": 2, "PER": 1, "LOC": 0}
_ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps"})
# offices only a state has: "رئيس مجلس الأمن" is not a head of state of the Security Council
_STATE_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                            "interior_minister", "vice_president", "deputy_prime_minister"})


class EntityRecognizer:
    """Built once per process from a :class:`KnowledgeBase`; ``find`` is then per document."""

    VERSION = "entities.gazetteer.v1"

    def __init__(self, kb: KnowledgeBase, *, names_lexicon: bool = True) -> None:
        self.kb = kb
        self.gazetteer = Gazetteer(kb)
        self.tokeniser = tokeniser()
        self.words = WordTable(self.gazetteer)
        # Arabic-script given names (from arabic-name-romanizer): evidence that a word is a name
        self.given_names = given_names() if names_lexicon else {}
        self._shorts: dict[str, list[tuple[str, str, str]]] = {}
        #: per-process memos of what depends on the knowledge base alone (see ``context``)
        self.memo: dict[str, dict[Any, Any]] = {}

    def short_forms_of(self, e: KBEntry) -> list[tuple[str, str, str]]:
        """A person's short forms (see :func:`.context.short_forms_of`), worked out once."""
        got = self._shorts.get(e.id)
        if got is None:
            got = self._shorts[e.id] = short_forms_of(e)
        return got

    def find(self, doc: Document, on: date | None = None) -> list[Mention]:
        """Mentions in ``doc.text``, sorted, never overlapping. Offices are resolved on ``on``
        (else the document's publication date); with no date, only lasting offices are."""
        if on is None:
            on = parse_date(doc.published)
        return _Pass(self, doc, on).run()


class _Pass:
    """One document's state while it is being read."""

    def __init__(self, rec: EntityRecognizer, doc: Document, on: date | None) -> None:
        self.rec = rec
        self.g: Gazetteer = rec.gazetteer
        self.kb: KnowledgeBase = rec.kb
        self.doc = doc
        self.text = text = doc.text
        self.on = on
        t = rec.tokeniser.split(text)
        starts, ends, keys = t.starts, t.ends, t.keys
        if _MIXED.search(text):
            starts, ends, keys = _split_mixed(text, starts, ends, keys)
        self.starts, self.ends, self.keys = starts, ends, keys
        self.n = n = len(keys)
        self.w = w = rec.words.get_all(keys)
        self.sc = [x.script for x in w]
        self.spaced = [x.script in ("l", "c") for x in w]
        self.mk = [x.mkey for x in w]
        jn = [False] * n
        gap, dot = _GAP.fullmatch, _DOT_GAP.fullmatch
        for i in range(n - 1):
            a, b = ends[i], starts[i + 1]
            jn[i] = (b - a == 1 and text[a] == " ") or gap(text, a, b) is not None or (
                len(keys[i]) == 1 and dot(text, a, b) is not None)
        self.jn = jn
        self.owner: list[Unit | None] = [None] * n
        self.units: list[Unit] = []
        self.pending: list[Unit] = []  # KB short forms waiting for their full name
        self.persian = doc.lang == "fa" or (doc.lang in ("", "und") and _looks_persian(text))
        lang = doc.lang if doc.lang in _ARABIC_SCRIPT else ("fa" if self.persian else None)
        self.alang: str | None = lang  # the document's Arabic-script language, when known
        self.dominant: str | None = None
        self._sk: list[str] | None = None
        self._wordish: list[bool] | None = None
        self._walks: dict[int, list[tuple[int, int, int, list[Item]]]] = {}

    # helpers -------------------------------------------------------------------------
    def walks(self, a: int) -> list[tuple[int, int, int, list[Item]]]:
        """``Gazetteer.walk`` from word ``a`` (its variants), remembered for the pass: the
        exact pass and the nesting checks walk from the same words again and again."""
        got = self._walks.get(a)
        if got is None:
            got = self._walks[a] = list(self.g.walk(self.mk, self.jn, a, self.w[a].variants, self.spaced))
        return got

    def raw(self, i: int, j: int | None = None) -> str:
        return self.text[self.starts[i]: self.ends[j if j is not None else i]]

    def skels(self) -> list[str]:
        if self._sk is None:
            self._sk = [skeleton(self.raw(i)) if x.script == "l" and not x.key.isascii() else x.skel
                        for i, x in enumerate(self.w)]
        return self._sk

    def take(self, u: Unit) -> None:
        for t in range(u.i, u.j + 1):
            self.owner[t] = u
        self.units.append(u)

    def drop(self, u: Unit) -> None:
        for t in range(u.i, u.j + 1):
            if self.owner[t] is u:
                self.owner[t] = None

    def free(self, i: int, j: int) -> bool:
        return all(self.owner[t] is None for t in range(i, j + 1))

    def is_stop(self, i: int) -> bool:
        return self.w[i].stop

    def is_title(self, i: int) -> bool:
        t = self.w[i].title
        return bool(t) and self.lang_ok(t)

    def lang_ok(self, langs: frozenset[str]) -> bool:
        """A phrase of these languages applies here: an Arabic-script document of a known language
        takes only its own phrases (Urdu's صدر "president" is Arabic's "issued")."""
        return not langs or self.alang is None or self.alang in langs or not (langs & _ARABIC_SCRIPT)

    def is_article(self, i: int) -> bool:
        return self.w[i].article

    def wordish(self, i: int) -> bool:
        """Could be part of a name: a letter word, not a stop word or a title."""
        return self.wordish_all()[i]

    def wordish_all(self) -> list[bool]:
        if self._wordish is None:
            # ``Word.wordish``: 0 never, 1 always, 2 when written with a capital
            text = self.text
            self._wordish = [x == 1 or (x == 2 and text[s].isupper())
                             for x, s in zip([w.wordish for w in self.w], self.starts, strict=True)]
        return self._wordish

    def appos(self, a: int, b: int) -> bool:
        return a <= b and "\n" not in self.text[a:b] and _APPOS.fullmatch(self.text, a, b) is not None

    _appos = appos

    def definite(self, u: Unit) -> bool:
        """An office or body phrase that refers by itself ("الرئيس", "the authorities"), not the
        head of a longer phrase ("رئيس لجنة الأمن", "رؤساء مجلسي البرلمان")."""
        s = self.sc[u.i]
        nx = u.j + 1
        ends_clause = nx >= self.n or not self.jn[u.j] or self.w[nx].stop
        if s == "a":
            if any(self.keys[t].startswith("ال") or self.w[t].article for t in range(u.i, u.j + 1)):
                return True
            return self.persian and ends_clause
        if s == "l":
            return u.i > 0 and self.keys[u.i - 1] == "the"
        return ends_clause

    # 1. exact keys -------------------------------------------------------------------
    def exact(self) -> None:
        w = self.w
        i, n = 0, self.n
        while i < n:
            if not w[i].opens_key:
                i += 1
                continue
            best = None
            for j, cut, back, items in self.walks(i):
                if best is None or j > best[0] or (j == best[0] and cut < best[1]):
                    items = self._case_ok(i, j, items)
                    if items:
                        best = (j, cut, back, items)
            if best is None:
                i += 1
                continue
            j, cut, back, items = best
            u = _unit_from_items(i, j, cut, back, items)
            if u is not None and u.kind == "short":
                # a KB surname counts only once the full name is seen: leave the word free
                self.pending.append(u)
            elif u is not None:
                for part in self._nested(u):
                    self.take(part)
            i = j + 1

    def _nested(self, u: Unit) -> list[Unit]:
        """Take a country or organisation out of a longer phrase that contains it, so that no
        mention hides another: "وزیر خارجه آمریکا" -> office + آمریکا; "الأمانة العامة لمنظمة
        معاهدة الأمن الجماعي" -> the secretariat + the CSTO."""
        i, j = u.i, u.j
        if j == i or u.kind not in ("office", "body", "name"):
            return [u]
        if u.kind == "name" and not all(e.type == "ORG" for e in u.cands):
            return [u]
        for k in range(i + 1, j + 1):  # the inner name at the end (Arabic, Persian, "of X")
            hit = self._span_items(k, j, u)
            if hit is None and self._is_key(k, j):
                # the longest inner name decides, unless it holds a country itself: "سخنگوی
                # وزارت خارجه آمریکا" is an office with "وزارت خارجه آمریکا" in it, and that
                # ministry's name ends with the country
                if not self._splits(k, j):
                    break
                continue
            if hit is not None:
                cut, back, items = hit
                inner = _unit_from_items(k, j, cut, back, items)
                if inner is not None:
                    outer = _copy(u, i, k - 1, u.cut, 0)
                    return [outer, *self._nested(inner)]
        for k in range(j, i, -1):  # the inner name first ("US Secretary of State")
            hit = self._span_items(i, k - 1, u)
            if hit is not None and hit[0] == u.cut:
                inner = _unit_from_items(i, k - 1, hit[0], hit[1], hit[2])
                if inner is not None:
                    return [inner, _copy(u, k, j, 0, u.back)]
        return [u]

    def _splits(self, a: int, b: int) -> bool:
        """The name over words a..b is an organisation whose name holds a country's name."""
        for end, cut, back, items in self.walks(a):
            if end != b:
                continue
            names = [x for x in items if x.kind == ENTRY and x.how in ("alias", "abbr") and x.entry is not None]
            if names and all(x.entry.type == "ORG" for x in names):
                inner = _unit_from_items(a, b, cut, back, names)
                if inner is not None and a < b and len(self._nested(inner)) > 1:
                    return True
        return False

    def _is_key(self, a: int, b: int) -> bool:
        return any(end == b for end, *_ in self.walks(a))

    def _span_items(self, a: int, b: int, outer: Unit) -> tuple[int, int, list[Item]] | None:
        """Items of a full key over words a..b that may stand inside ``outer``."""
        for end, cut, back, items in self.walks(a):
            if end != b:
                continue
            if outer.kind != "name" and any(x.kind == ENTRY and x.how in ("alias", "abbr") and x.entry is not None
                                            and x.entry.type == "ORG" and not self.g.code_of(x.entry) for x in items):
                return None  # "للبيت الأبيض" is the White House, not a place called الأبيض
            if outer.kind == "name":
                ok = [x for x in items if x.kind == ENTRY and x.how in ("alias", "abbr") and x.entry is not None
                      and x.entry not in outer.cands and x.entry.type in ("ORG", "GPE")]
            else:
                ok = [x for x in items if x.kind == QUAL or (
                    x.kind == ENTRY and x.entry is not None and (
                        x.entry.type == "GPE" or (x.entry.type == "ORG" and self.g.code_of(x.entry))))]
            ok = self._case_ok(a, b, ok) if ok else ok
            if ok:
                return cut, back, ok
        return None

    def _case_ok(self, i: int, j: int, items: list[Item]) -> list[Item]:
        if self.alang is not None and any(x.langs for x in items):
            items = [x for x in items if self.lang_ok(x.langs)]
        if all(x.case == 0 for x in items):
            return items
        first = self.text[self.starts[i]]
        raw = self.raw(i, j)
        upper = all(c.isupper() for c in raw if c.isalpha())
        return [x for x in items if x.case == 0 or (x.case == 1 and first.isupper()) or (x.case == 2 and upper)]

    # 2. several entries for one key: the context decides ------------------------------
    def choose(self) -> None:
        sure = {u.cands[0].id for u in self.units if len(u.cands) == 1}
        codes = {self.g.code_of(u.cands[0]) for u in self.units if len(u.cands) == 1} - {None}
        for u in self.units:
            if u.entry is None and u.cands and u.kind in ("name", "qual"):
                u.entry = u.cands[0] if len(u.cands) == 1 else max(u.cands, key=lambda e: (
                    3 * (e.id in sure) + 2 * ((e.country or e.affiliation) in codes)
                    + (self.on is not None and any(r.covers(self.on) for r in e.roles))
                    + 0.1 * _TYPE_RANK.get(e.type, 0)))

    # 3. consonant skeletons for spellings the KB lacks --------------------------------
    def sounds(self) -> None:
        g = self.g
        if not g.sounds:
            return
        sk = self.skels()
        i, n = 0, self.n
        doc_ids = {u.entry.id for u in self.units if u.entry is not None}
        wordish = self.wordish_all()
        w = self.w
        while i < n:
            if not w[i].opens_sound or self.owner[i] is not None or not wordish[i] or (
                    w[i].article and not self.persian):  # Arabic names rarely start with the article
                i += 1
                continue
            firsts = self.w[i].vskels if self.sc[i] == "a" else ((sk[i], 0),)
            best = None
            for s0, cut in firsts:
                for j, key, items in g.sound_walk(sk, self.jn, i, [s0]):
                    if not self.free(i, j) or not all(wordish[t] for t in range(i, j + 1)):
                        continue
                    got = self._judge_sound(i, j, cut, key, items, doc_ids)
                    if got and (best is None or (j, got[1]) > (best[0], best[2])):
                        best = (j, cut, got[1], got[0])
            if best is None:
                i += 1
                continue
            j, cut, sim, entry = best
            self.take(Unit(i, j, "name", cut=cut, entry=entry, cands=[entry], source="sound",
                           confidence=round(min(0.95, 0.5 + sim / 2), 3)))
            doc_ids.add(entry.id)
            i = j + 1

    def _judge_sound(self, i: int, j: int, cut: int, key: str, items: list[Item],
                     doc_ids: set[str]) -> tuple[KBEntry, float] | None:
        """Accept a skeleton match only on enough evidence: a long key, and letters that agree
        when both spellings are in one script; across scripts, several words and a longer key."""
        ntok, size = j - i + 1, len(key)
        if size < 4 or (ntok == 1 and size < 5 and not any(it.entry is not None and it.entry.id in doc_ids
                                                            for it in items)):
            return None
        span = "".join(x.letters for x in self.w[i: j + 1])[cut:]
        here = self.sc[i]
        scored: dict[str, tuple[float, KBEntry]] = {}
        for it in items:
            e = it.entry
            if e is None:
                continue
            known = e.id in doc_ids
            lo, hi = it.words
            if script_of_key(it.letters) == here:
                if not lo <= ntok <= hi or abs(len(span) - len(it.letters)) > max(2, len(it.letters) // 3):
                    continue
                sim = letter_similarity(span, it.letters, folded=True)
                ok = size >= (4 if known else 5) and sim >= (0.75 if ntok > 1 else 0.8)
            else:
                if any(a and script_of_key(a) == here for a in self.g.sounds_letters(e)):
                    continue  # the KB writes it in this script too: its letters decide
                sim = 0.6
                ok = ntok > 1 and ntok == lo and size >= (5 if known else 7)
            if ok and sim > scored.get(e.id, (0.0, e))[0]:
                scored[e.id] = (sim, e)
        if not scored:
            return None
        ranked = sorted(scored.values(), key=lambda x: (-x[0], x[1].id))
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            mine = [x for x in ranked if x[1].id in doc_ids]
            if len(mine) != 1:
                return None
            return mine[0][1], mine[0][0]
        return ranked[0][1], ranked[0][0]

    # 4. offices and bodies: their country, their holder -------------------------------
    def roles(self) -> None:
        self.units.sort(key=lambda u: u.i)
        codes: Counter[str] = Counter()
        for u in self.units:
            if u.kind in ("name", "qual") and u.entry is not None and u.entry.type == "GPE":
                c = self.g.code_of(u.entry)
                if c:
                    codes[c] += 1
        if codes:
            top, cnt = codes.most_common(1)[0]
            if cnt >= 2 and cnt >= 0.4 * sum(codes.values()):
                self.dominant = top
        gone: set[int] = set()
        for idx, u in enumerate(self.units):
            if id(u) in gone or u.kind not in ("office", "body"):
                continue
            inner = self._next_unit(idx, ("office", "body"))
            if u.kind == "office" and u.office in ("spokesperson", "press_secretary") and inner is not None:
                v = self.units[inner]
                office = SPOKESPERSON_OF.get(v.body or v.office or "")
                if office:  # "the spokesperson of the presidency": one office
                    u.office, u.j, u.of = office, v.j, u.of or v.of
                    gone.add(id(v))
                    for t in range(v.i, v.j + 1):
                        self.owner[t] = u
            code, q = self._qualifier(idx)
            if q is not None:
                u.qual, q.used = q, True
            if u.kind == "office":
                default = self.g.default_of(u.office or "")
                of = code or u.of or default
                u.code_src = "qualifier" if code else ("implied" if u.of else ("default" if default else ""))
                u.role, u.code = role_string(u.office or "", of), of
                hs = holders_on(self.kb, u.office or "", of, self.on, self.g.ever)
                if hs:
                    u.entry = hs[0]
                continue
            of = code or u.of
            if of is None:
                # "the authorities" alone: the country the article is about, if it is clear
                if not self.definite(u) or not self.dominant or u.body == "foreign_ministry":
                    gone.add(id(u))
                    self.drop(u)
                    continue
                of, u.confidence, u.code_src = self.dominant, 0.5, "dominant"
            u.role, u.code = role_string(u.body or "", of), of
        if gone:
            self.units = [u for u in self.units if id(u) not in gone]
        for u in self.units:
            if u.kind == "name" and u.entry is not None and u.body:
                u.role = role_string(u.body, u.of or self.g.code_of(u.entry))
            elif u.kind == "name" and u.entry is not None and u.entry.capital_of:
                u.role = role_string("capital", u.entry.capital_of)

    def _next_unit(self, idx: int, kinds: tuple[str, ...]) -> int | None:
        if idx + 1 >= len(self.units):
            return None
        u, v = self.units[idx], self.units[idx + 1]
        if v.kind in kinds and v.i == u.j + 1 and self.jn[u.j]:
            return idx + 1
        return None

    def _qualifier(self, idx: int) -> tuple[str | None, Unit | None]:
        """The country or organisation next to an office or body, and its unit."""
        u = self.units[idx]
        conn = self.g.connectors
        # after: "وزير الخارجية الأمريكي", "رئیس جمهور چین", "President of Serbia"
        if idx + 1 < len(self.units):
            v = self.units[idx + 1]
            if u.j < v.i <= u.j + 3 and all(self.jn[t] for t in range(u.j, v.i)) and all(
                    self.keys[t] in conn and self.owner[t] is None for t in range(u.j + 1, v.i)):
                c = self._code(v, u)
                if c:
                    return c, v
        # before: "US Secretary of State", "Russia's foreign minister", "российский президент"
        if idx > 0 and self.sc[u.i] in ("l", "c"):
            w = self.units[idx - 1]
            if w.j < u.i <= w.j + 2 and all(self.jn[t] for t in range(w.j, u.i)) and all(
                    self.keys[t] in conn for t in range(w.j + 1, u.i)):
                c = self._code(w, u)
                if c:
                    return c, w
        return None, None

    def _code(self, v: Unit, u: Unit) -> str | None:
        """The code a neighbour ``v`` gives office or body ``u``: a country, or an organisation
        (not for offices only a state has: "رئيس مجلس الأمن" is no head of state)."""
        e = v.entry
        if v.kind == "body" and v.of:
            return v.of
        if e is None or v.kind not in ("name", "qual"):
            return None
        if e.type == "GPE":
            return self.g.code_of(e) or e.capital_of
        if e.type == "ORG" and not (u.kind == "office" and u.office in _STATE_OFFICES):
            return self.g.code_of(e) or (e.affiliation if v.body or u.kind == "office" else None)
        return None

    # 5. mentions ---------------------------------------------------------------------
    def mentions(self) -> list[Mention]:
        out: list[Mention] = []
        for u in sorted(self.units, key=lambda u: u.i):
            if u.kind == "qual" and (u.entry is None or not (u.used or any(
                    x.how == "demonym" for x in u.items))):
                continue
            if u.kind == "office" and u.entry is None and not u.code:
                continue
            if u.kind == "short":
                continue
            s = self.starts[u.i] + _offset(self.raw(u.i), u.cut)
            e = self.ends[u.j] - _offset_back(self.raw(u.j), u.back)
            if e <= s:
                continue
            if not u.key and u.kind in ("name", "qual"):
                sk = self.skels()
                u.key = " ".join(sk[t] for t in range(u.i, u.j + 1) if sk[t])
            out.append(u.to_mention(s, e, self.text[s:e]))
        return out

    def run(self) -> list[Mention]:
        if self.n == 0:
            return []
        self.exact()
        self.choose()
        self.sounds()
        self.roles()
        find_patterns(self)
        link_names(self)
        short_forms(self)
        bare_offices(self)
        return self.mentions()


def _unit_from_items(i: int, j: int, cut: int, back: int, items: list[Item]) -> Unit | None:
    # each kind is picked out only when no kind before it is there (most items are names)
    names = [x for x in items if x.kind == ENTRY and x.how in ("alias", "abbr")]
    bodies = [x for x in items if x.kind == BODY]

    def entries(xs: list[Item]) -> list[KBEntry]:
        out: list[KBEntry] = []
        for x in xs:
            if x.entry is not None and x.entry not in out:
                out.append(x.entry)
        return out

    if names:
        u = Unit(i, j, "name", cut=cut, back=back, cands=entries(names), items=items)
        if bodies:
            b = next((x for x in bodies if x.of), bodies[0])
            u.body, u.of = b.body, b.of
        return u
    if bodies:
        b = next((x for x in bodies if x.of), bodies[0])
        return Unit(i, j, "body", cut=cut, back=back, body=b.body, of=b.of, items=items)
    offices = [x for x in items if x.kind == OFFICE]
    if offices:
        o = next((x for x in offices if x.of), offices[0])
        return Unit(i, j, "office", cut=cut, back=back, office=o.office, of=o.of, items=items)
    quals = [x for x in items if x.kind == QUAL or (x.kind == ENTRY and x.how == "demonym")]
    if quals:
        return Unit(i, j, "qual", cut=cut, back=back, cands=entries(quals), items=items)
    shorts = [x for x in items if x.kind == ENTRY and x.how == "short"]
    if shorts:
        return Unit(i, j, "short", cut=cut, back=back, cands=entries(shorts), items=items)
    return None


def _copy(u: Unit, i: int, j: int, cut: int, back: int) -> Unit:
    return Unit(i, j, u.kind, cut=cut, back=back, cands=list(u.cands), items=u.items, office=u.office,
                body=u.body, of=u.of)


def _offset(raw: str, letters: int) -> int:
    """Characters of ``raw`` that make its first ``letters`` key letters."""
    if letters <= 0:
        return 0
    got = 0
    for idx, c in enumerate(raw):
        got += len(fold(c))
        if got >= letters:
            idx += 1
            while idx < len(raw) and fold(raw[idx]) == "":  # marks on the last cut letter
                idx += 1
            return idx
    return len(raw)


def _offset_back(raw: str, letters: int) -> int:
    if letters <= 0:
        return 0
    got = 0
    for idx in range(len(raw) - 1, -1, -1):
        got += len(fold(raw[idx]))
        if got >= letters:
            return len(raw) - idx
    return len(raw)


def _split_mixed(text: str, starts: list[int], ends: list[int], keys: list[str]
                 ) -> tuple[list[int], list[int], list[str]]:
    """Split words glued across scripts by scraping ("Ratcliffeوزیر")."""
    glued = sorted({bisect_right(starts, m.start()) - 1 for m in _MIXED.finditer(text)})
    glued = [t for t in glued if t >= 0 and _MIXED.search(text, starts[t], ends[t])]
    if not glued:
        return starts, ends, keys
    s2, e2, k2 = list(starts[: glued[0]]), list(ends[: glued[0]]), list(keys[: glued[0]])
    for n, t in enumerate(glued):
        for m in _SPLIT_SCRIPTS.finditer(text, starts[t], ends[t]):
            kk = fold(m.group())
            if kk:
                s2.append(m.start())
                e2.append(m.end())
                k2.append(kk)
        nxt = glued[n + 1] if n + 1 < len(glued) else len(starts)
        s2 += starts[t + 1: nxt]
        e2 += ends[t + 1: nxt]
        k2 += keys[t + 1: nxt]
    return s2, e2, k2


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_PERSIAN_LETTER = re.compile(r"[پچژگی]")


def _looks_persian(text: str) -> bool:
    sample = text[:3000]
    return len(_PERSIAN_LETTER.findall(sample)) > 0.01 * max(1, len(_ARABIC_LETTER.findall(sample)))
