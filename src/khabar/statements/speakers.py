"""Speakers: the phrase that names who speaks, and whom it stands for.

A speaker phrase is a run of names (mentions of people, organisations, places) and titles
("المتحدث باسم", "وزير امور خارجه", "spokesman"), with appositions between commas
("X، المتحدث باسم وزارة الخارجية، ..."). Which side of the cue it is on depends on the
language's word order; what it resolves to is, in order: a person named in it; a role the
entities stage resolved; an organisation; a place standing for its government. A phrase with
only a title takes the one person of the story who speaks for the same country, "the
organisation" takes the organisation named before, a pronoun the previous speaker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Mention
from ..normalise import fold
from .lexicon import Cue, Lexicon
from .records import Hit, Speaker

if TYPE_CHECKING:
    from .extract import StatementExtractor
    from .layout import Layout
    from .records import Rec

__all__ = ["SpeakerFinder"]


class SpeakerFinder:
    """Finds and resolves speaker phrases (a part of the per-document extraction run)."""

    L: Layout
    ex: StatementExtractor
    recs: list[Rec]
    last: Speaker | None
    clause_floor: dict[int, int]
    _home: str | None | bool
    _anon: dict[int, bool]
    _topic_cache: dict[int, tuple[int, Speaker] | None]

    def _unitish(self, i: int, stop: int, lex: Lexicon) -> bool:
        L = self.L
        if i >= stop:
            return False
        k = L.keys[i]
        return (L.unit[i] is not None and not self._prep_clitic(i, lex)) or k in lex.roles or \
            bool(lex.generic_org.match(L.keys, i)) or bool(lex.anaphors.match(L.keys, i)) or k in lex.pronouns

    def _prep_clitic(self, i: int, lex: Lexicon) -> bool:
        """The name starts inside the word after a clitic preposition ("لكازاخستان")."""
        L = self.L
        mi = L.unit[i]
        if mi is None or not lex.prep_clitics:
            return False
        m = L.mentions[mi]
        ts = L.starts[i]
        if m.start <= ts:
            return False
        return fold(L.text[ts:m.start]) in lex.prep_clitics

    def _run_forward(self, i: int, stop: int, lex: Lexicon, appositions: bool = True) -> tuple[int, int] | None:
        """The speaker phrase starting at word ``i``: names, titles and (with ``appositions``)
        phrases between commas after them."""
        L = self.L
        if i >= stop or not self._unitish(i, stop, lex):
            return None
        k = L.keys[i]
        if k in lex.pronouns:
            return (i, i + 1)
        j, last, seen_m, gaps = i, None, False, 0
        n = lex.anaphors.match(L.keys, i)
        if n:  # "this official", "the minister": may still lead to a name ("министр ... Лавров")
            j = last = i + n
        while j < stop:
            if j > i and L.hard_break(j):
                break
            if j > i and L.comma(j):
                e = self._apposition(j, stop, lex) if appositions else None
                if e is None:
                    break
                j = last = e
                continue
            mi = L.unit[j]
            if mi is not None and not (j > i and self._prep_clitic(j, lex) and not seen_m and last is None):
                j = L.mention_tokens(mi)[1]
                last, seen_m, gaps = j, True, 0
                continue
            key = L.keys[j]
            if last == j and lex.is_adjective(key):
                j += 1
                last = j
                continue
            if key in lex.roles:
                # after a name a title belongs to the phrase when it leads to another name
                # ("چین رئیس جمهور X") or, where the subject comes first, when it is the head
                # ("Kazakhstan's president said"); in Arabic it may be the object of the verb
                if seen_m and not self._leads_to_name(j, stop, lex) and (lex.order == "vso" or last != j):
                    break
                j += 1
                last = j
                continue
            if key in lex.connectors:
                # "de l'ONU", "of the UN": connectors may chain before the name or title
                nxt = j + 1
                while nxt < min(stop, j + 3) and L.keys[nxt] in lex.connectors and L.unit[nxt] is None:
                    nxt += 1
                if nxt < stop and (L.unit[nxt] is not None or L.keys[nxt] in lex.roles):
                    j = nxt
                    continue
            if not seen_m and last is not None and gaps < 2 and self._leads_to_name(j + 1, stop, lex, 3 - gaps, False):
                gaps += 1
                j += 1
                continue
            break
        if appositions and not seen_m and last is not None:
            # a title whose body the knowledge base does not know, then the name between
            # commas: "Le secrétaire général de l'ONU, António Guterres, a appelé"
            for k in range(j, min(stop, j + 6)):
                if k > j and L.hard_break(k):
                    break
                if L.comma(k):
                    e = self._apposition(k, stop, lex)
                    if e is not None and any(L.unit[t] is not None and L.mentions[L.unit[t]].type == "PER"
                                             for t in range(k, e)):
                        return (i, e)
                    break
        return (i, last) if last is not None else None

    def _leads_to_name(self, j: int, stop: int, lex: Lexicon, limit: int = 4, strict: bool = True) -> bool:
        """A name comes within ``limit`` words from ``j`` without punctuation in between; with
        ``strict`` only titles and connectors may stand before it."""
        L = self.L
        for k in range(j, min(stop, j + limit)):
            if k > j and (L.hard_break(k) or L.comma(k)):
                return False
            if L.unit[k] is not None:
                return True
            if strict and L.keys[k] not in lex.roles and L.keys[k] not in lex.connectors:
                return False
        return False

    def _apposition(self, j: int, stop: int, lex: Lexicon) -> int | None:
        """``", <title or name>,"`` after a name; returns the word after it, or None. Words
        that are neither titles nor names may stand inside it ("المفوضة السامية لحقوق الإنسان
        في الأمم المتحدة"), not at its end."""
        L = self.L
        k, seen, gaps, good = j, False, 0, j
        while k < stop:
            if k > j and (L.comma(k) or L.hard_break(k)):
                break
            if L.unit[k] is not None:
                k = good = L.mention_tokens(L.unit[k])[1]
                seen = True
                continue
            if L.keys[k] in lex.roles or L.keys[k] in lex.connectors:
                k += 1
                if L.keys[k - 1] in lex.roles:
                    seen, good = True, k
                continue
            if gaps < 2 and k > j:
                gaps += 1
                k += 1
                continue
            return None
        if not seen or k == j or good != k:
            return None
        if k < stop and not L.comma(k) and not self._marker(k, lex):
            return None
        return k

    def _subject_before(self, h: Hit, sent, adjacent: bool = False) -> tuple[int, int] | None:
        """The subject before the cue: the first speaker phrase of the clause that is no object
        of a preposition; with ``adjacent`` only one that ends right before the cue."""
        L, lex = self.L, h.lex
        floor = max(sent.first, self.clause_floor.get(L.sent_of[h.i], sent.first))
        for r in reversed(self.recs):
            if r.sentence == L.sent_of[h.i]:
                floor = max(floor, L.tok_range(r.ce, r.ce + 1)[0])
                break
        q = L.tok_quote[h.i]
        if adjacent:
            k = h.i - 1
            while k >= floor and (lex.fillers.match(L.keys, k) or L.keys[k] in lex.relatives
                                  or L.keys[k] in ("كان", "كانت", "وكان", "وكانت", "قد", "لكن")):
                k -= 1
            if k < floor:
                return None
            # walk back over the phrase that ends at k
            s = k
            while s - 1 >= floor and not L.hard_break(s) and (L.unit[s - 1] is not None or L.keys[s - 1] in lex.roles):
                s -= 1
            if L.unit[k] is None and L.keys[k] not in lex.roles:
                return None
            while s < k and L.unit[s] is None and L.keys[s] not in lex.roles:
                s += 1
            r = self._run_forward(s, h.i, lex)
            return r
        i = floor
        while i < h.i:
            if L.tok_quote[i] is not None and L.tok_quote[i] is not q:
                i += 1
                continue
            if self._unitish(i, h.i, lex):
                r = self._run_forward(i, h.i, lex)
                if r is None:
                    i += 1
                    continue
                if self._after_preposition(i, lex):
                    # "In Washington, the State Department spokesman, Ned Price, said": the place
                    # is no subject, and what follows its comma is no apposition of it
                    bare = self._run_forward(i, h.i, lex, appositions=False)
                    i = bare[1] if bare is not None else r[1]
                    continue
                if self._is_media(r, lex) or (r[1] < h.i and L.keys[r[1]] in lex.postpositions):
                    i = r[1]  # an object, the press: not the speaker
                    continue
                return r
            i += 1
        return None

    def _antecedent(self, h: Hit, sent, lex: Lexicon) -> tuple[int, int] | None:
        """The name a relative pronoun right before the cue stands for: "..., Antony Blinken,
        who said ..." is Blinken speaking, whoever the sentence is about."""
        L = self.L
        k = h.i - 1
        if k <= sent.first or L.keys[k] not in lex.relatives or not L.comma(k):
            return None
        s = k
        while s - 1 >= sent.first and not L.hard_break(s) and (L.unit[s - 1] is not None or L.keys[s - 1] in lex.roles
                                                               or L.keys[s - 1] in lex.connectors):
            s -= 1
            if L.comma(s) and L.unit[s] is not None:
                break
        while s < k and L.unit[s] is None and L.keys[s] not in lex.roles:
            s += 1
        if s >= k or L.unit[k - 1] is None:
            return None
        return self._run_forward(s, k, lex)

    def _after_preposition(self, i: int, lex: Lexicon) -> bool:
        L = self.L
        if self._prep_clitic(i, lex):
            return True
        if i == 0:
            return False
        prev = L.keys[i - 1]
        if L.comma(i) or L.hard_break(i):
            return False
        return prev in lex.prepositions or bool(lex.prepositions.match(L.keys, i - 1))

    def _pronoun_before(self, h: Hit, sent, lex: Lexicon) -> bool:
        L = self.L
        return any(L.keys[k] in lex.pronouns for k in range(max(sent.first, h.i - 3), h.i))

    def _pronoun_after(self, j: int, lex: Lexicon) -> bool:
        return j < len(self.L.keys) and self.L.keys[j] in lex.pronouns

    def _skip(self, j: int, stop: int, lex: Lexicon) -> int:
        L = self.L
        while j < stop:
            n = lex.fillers.match(L.keys, j)
            if n and not self._colon_or_quote_in(L.gap(j)):
                j += n
                continue
            break
        return j

    def _skip_relative(self, k: int, stop: int) -> int:
        L = self.L
        for m in range(k + 1, min(stop, k + 16)):
            if L.comma(m) or L.hard_break(m):
                return m
        return k + 1

    def _marker(self, j: int, lex: Lexicon) -> bool:
        L = self.L
        return bool(lex.complementizers.match(L.keys, j)) or self._colon_or_quote_in(L.gap(j))

    @staticmethod
    def _colon_or_quote_in(gap: str) -> bool:
        return any(c in ":«“„\"”" for c in gap)

    def _is_media(self, run: tuple[int, int], lex: Lexicon) -> bool:
        L = self.L
        return any(L.keys[k] in lex.media for k in range(run[0], run[1]))

    def _anonymous(self, subj, sent, lex: Lexicon) -> bool:
        L = self.L
        if subj is not None:
            named = any(L.unit[k] is not None and L.mentions[L.unit[k]].type in ("PER", "ORG")
                        for k in range(subj[0], subj[1]))
            if not named and lex.anonymous.match(L.keys, subj[0]):
                return True
        si = L.sent_of[sent.first]
        if si not in self._anon:
            self._anon[si] = bool(lex.anonymous_after.find(L.keys[sent.first:sent.stop]))
        return self._anon[si]

    # -- speakers ------------------------------------------------------------------------------
    def _speaker(self, run: tuple[int, int], h: Hit, lex: Lexicon) -> Speaker | None:
        L = self.L
        s, e = run
        heads = frozenset(L.keys[k] for k in range(s, e))
        text = L.text[L.starts[s]:L.ends[e - 1]]
        units = []
        for k in range(s, e):
            mi = L.unit[k]
            if mi is not None and (not units or units[-1] != mi):
                units.append(mi)
        if e - s <= 4 and (L.keys[s] in lex.pronouns or lex.anaphors.match(L.keys, s)):
            # "he", "this official", "this American official": the previous speaker, unless
            # the phrase names a different country
            affs = {self.ex.affiliation(L.mentions[mi]) for mi in units}
            named = any(L.mentions[mi].type in ("PER", "ORG") for mi in units)
            got = self._inherit(h, person=L.keys[s] in lex.person_pronouns)
            if got is not None and not named and (not affs or affs == {got.affiliation}):
                return replace(got, text=text, start=L.starts[s], end=L.ends[e - 1])
            if not units:
                return None
        if units:
            ms = [L.mentions[mi] for mi in units]

            def rank(m: Mention) -> int:
                named = bool(m.entity or m.kb_id)
                if m.type == "PER" and named:
                    # a name before a title the entities stage tied to someone ("المتحدثة باسم
                    # خارجيتها ماريا زاخارووا": the name says who it is)
                    return 1 if self._title_only(m, lex) else 0
                if m.role and named:
                    return 1
                if m.type == "ORG" and named:
                    return 2
                if m.type in ("GPE", "LOC") and named:
                    return 3
                return 4  # a title or name nobody could tie to an entity
            best = min(ms, key=rank)
            aff = self.ex.affiliation(best)
            if aff is None:
                for m in ms:
                    aff = self.ex.affiliation(m)
                    if aff:
                        break
            titled = bool(heads & lex.person_roles) or (best.type == "PER" and rank(best) == 4)
            if rank(best) >= 3 and titled and aff:
                person = self._only_person(aff)
                if person is not None:
                    return Speaker(text, L.starts[s], L.ends[e - 1], person.entity or person.kb_id, aff,
                                    person, heads)
            return Speaker(best.text, best.start, best.end, best.entity or best.kb_id, aff, best, heads)
        # "the organisation", "the secretariat": the body named before
        if any(lex.generic_org.match(L.keys, k) for k in range(s, e)):
            for r in reversed(self.recs):
                if r.speaker.heads & heads and r.speaker.mention is not None and r.speaker.mention.type != "PER":
                    return replace(r.speaker, text=text, start=L.starts[s], end=L.ends[e - 1], heads=heads)
            before = [m for m in L.mentions if m.end <= L.starts[s] and m.type == "ORG"
                      and not self._is_media(L.tok_range(m.start, m.end), lex)]
            if before:
                m = before[-1]
                return Speaker(text, L.starts[s], L.ends[e - 1], m.entity or m.kb_id,
                                self.ex.affiliation(m), m, heads)
        # a title alone: the earlier speaker who had it, else the country the story is about
        for r in reversed(self.recs):
            if r.speaker.mention is not None and r.speaker.mention.type == "PER" and heads <= r.speaker.heads:
                return replace(r.speaker, text=text, start=L.starts[s], end=L.ends[e - 1])
        home = self._home_country()
        if heads & lex.person_roles and home:
            person = self._only_person(home)
            if person is not None:
                return Speaker(text, L.starts[s], L.ends[e - 1], person.entity or person.kb_id, home,
                                person, heads)
        return Speaker(text, L.starts[s], L.ends[e - 1], None, home, None, heads)

    def _title_only(self, m: Mention, lex: Lexicon) -> bool:
        """A mention made only of titles and connectors ("the spokeswoman for")."""
        a, b = self.L.tok_range(m.start, m.end)
        keys = self.L.keys[a:b]
        return bool(keys) and all(k in lex.roles or k in lex.connectors for k in keys)

    def _only_person(self, aff: str) -> Mention | None:
        """The one person of the document who speaks for ``aff``: "the US Secretary of State"
        in a story that names only one American is that American."""
        found: dict[str, Mention] = {}
        for m in self.L.mentions:
            ent = m.entity or m.kb_id
            if m.type == "PER" and ent and self.ex.affiliation(m) == aff:
                found.setdefault(ent, m)
        return next(iter(found.values())) if len(found) == 1 else None

    def _inherit(self, h: Hit, person: bool = False) -> Speaker | None:
        """Who a pronoun or a verb without a subject stands for: the nearest earlier named
        subject. That is the previous speaker, unless a later sentence opened with another
        name ("Tokayev declared an emergency. ... he said"); a cue that continues ("added")
        keeps the previous speaker. ``person`` ("he", "she"): only a person will do."""
        L = self.L
        got = self.last
        since = L.tok_range(self.recs[-1].cue_s, self.recs[-1].cue_e)[0] if self.recs else -1
        if not h.cue.continues or got is None or (person and not self._is_person(got)):
            for _tok, sp in reversed(self._topics(since + 1, h.i)):
                if not person or self._is_person(sp):
                    got = sp
                    break
        if person and got is not None and not self._is_person(got):
            got = next((r.speaker for r in reversed(self.recs) if self._is_person(r.speaker)), None)
        if got is None:
            return None
        return replace(got, text=L.text[h.s:h.e], start=h.s, end=h.e)

    @staticmethod
    def _is_person(sp: Speaker) -> bool:
        return sp.mention is not None and sp.mention.type == "PER"

    def _topics(self, a: int, b: int) -> list[tuple[int, Speaker]]:
        """The named subjects that open the sentences (or clauses after a leading adverbial)
        between words ``a`` and ``b``: candidates for a later pronoun."""
        L = self.L
        out: list[tuple[int, Speaker]] = []
        if b <= a:
            return out
        for si in range(L.sent_of[a], L.sent_of[min(b, len(L.keys)) - 1] + 1):
            got = self._topic(si)
            if got is not None and a <= got[0] < b:
                out.append(got)
        return out

    def _topic(self, si: int) -> tuple[int, Speaker] | None:
        cache = self._topic_cache
        if si in cache:
            return cache[si]
        cache[si] = None
        L = self.L
        sent = L.sentences[si]
        lex = L.paragraphs[sent.paragraph][2]
        if lex is None or L.tok_quote[sent.first] is not None:
            return None
        k = sent.first
        # a leading adverbial closed by a comma: "In a televised address, ...", "وفي واشنطن، ..."
        for m in range(k + 1, min(sent.stop, k + 8)):
            if L.comma(m):
                if not self._unitish(k, sent.stop, lex) or self._after_preposition(k, lex) or \
                        L.keys[k] in lex.prepositions or bool(lex.prepositions.match(L.keys, k)):
                    k = m
                break
        while k < sent.stop and (L.keys[k] in lex.conjunctions or lex.fillers.match(L.keys, k)):
            k += max(1, lex.fillers.match(L.keys, k))
        if k >= sent.stop:
            return None
        start = k
        if lex.order == "vso" and not self._unitish(k, sent.stop, lex):
            k += 1  # the verb, then its subject ("وردّت وزارة الخارجية ...")
            while k < sent.stop and L.keys[k] in ("قد", "كان", "كانت"):
                k += 1
        if k >= sent.stop or L.keys[k] in lex.pronouns or L.unit[k] is None or self._prep_clitic(k, lex):
            return None
        run = self._run_forward(k, sent.stop, lex)
        if run is None or self._is_media(run, lex):
            return None
        names = [L.mentions[L.unit[j]] for j in range(run[0], run[1]) if L.unit[j] is not None]
        if not any(m.type in ("PER", "ORG") or m.role for m in names):
            return None  # a country or a place opening a sentence is seldom who speaks next
        fake = Hit(start, 0, Cue(("",), "inform"), lex, False, L.starts[run[0]], L.ends[run[1] - 1])
        saved, self.last = self.last, None
        try:
            sp = self._speaker(run, fake, lex)
        finally:
            self.last = saved
        if sp is None or (sp.entity is None and sp.affiliation is None):
            return None
        cache[si] = (run[0], sp)
        return cache[si]

    def _home_country(self) -> str | None:
        """The country most named in the document: whom unnamed authorities usually speak for."""
        if self._home is False:
            c = Counter(a for m in self.L.mentions if m.type == "GPE" and (a := self.ex.affiliation(m)))
            self._home = c.most_common(1)[0][0] if c else None
        return self._home or None

    def _addressee(self, subj, after: int, ctok: int, h: Hit, lex: Lexicon) -> Mention | None:
        """Whom a call, demand or condemnation is addressed to: the name between the speaker
        and what was said ("دعت الولايات المتحدة روسيا إلى ...")."""
        if h.cue.stance == "inform":
            return None
        L = self.L
        start = subj[1] if subj is not None and subj[0] >= after else after
        stop = min(ctok + 4, L.sentences[L.sent_of[h.i]].stop)
        for k in range(start, stop):
            mi = L.unit[k]
            if mi is not None and not self._after_preposition(k, lex):
                return L.mentions[mi]
        return None
