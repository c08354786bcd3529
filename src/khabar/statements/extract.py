"""Who said what: reporting clauses found from cue words, names and punctuation.

For each reporting cue (a verb of saying, urging, condemning, denying ...; a nominal cue such as
"according to"; a quotation introduced by a colon) the extractor finds

- the speaker: the name, role phrase or body next to the cue, on the side the language puts
  its subject (``order`` in the language's cue file: after the verb in Arabic; first in the
  clause in Persian, Urdu, Pashto and Turkish; before the verb in English, French, German,
  Spanish and Russian, and after it behind a quotation: '"...," said X'); a pronoun, "this
  official" or no subject at all takes the nearest earlier speaker; "the organisation" takes
  the organisation named just before;
- the content: what follows a complementizer (إن/أن, که, that, что), a colon or a comma, or the
  quotation that follows; for verbs that take an object ("دعا X إلى ...", "X را محکوم کرد")
  the clause itself. A coordinated second cue ("... ودعت", "and called for") starts a second
  statement by the same speaker;
- stance, target and whether the words are quoted.

Speakers that are the press ("agency X reported"), anonymous sources and eyewitnesses are left
out, as DESIGN.md asks.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..models import Document, Mention, Statement
from ..normalise import fold
from .content import ContentFinder
from .layout import Folder, Layout
from .lexicon import Cue, Lexicon, available_languages, load_lexicon
from .records import Hit, Rec, Speaker
from .speakers import SpeakerFinder
from .stance import classify

__all__ = ["StatementExtractor", "default_affiliation"]


def default_affiliation(m: Mention) -> str | None:
    """The code after the last colon of a role such as ``"foreign_minister:US"``."""
    if m.role and ":" in m.role:
        code = m.role.rsplit(":", 1)[1].strip()
        if 2 <= len(code) <= 6 and code.replace("-", "").isalnum() and code.upper() == code:
            return code
    return None


class StatementExtractor:
    """Finds statements in a document given its mentions (see the module docstring)."""

    VERSION = "statements.cues.v1"

    def __init__(self, affiliation_of: Callable[[Mention], str | None] | None = None) -> None:
        self.affiliation_of = affiliation_of or default_affiliation
        self.lexicons: dict[str, Lexicon] = {code: load_lexicon(code) for code in available_languages()}
        self.folder = Folder()

    # -- public ----------------------------------------------------------------------------
    def extract(self, doc: Document, mentions: Sequence[Mention]) -> list[Statement]:
        """Statements of ``doc`` in text order; spans are ``[start, end)`` into ``doc.text``."""
        if not doc.text.strip():
            return []
        run = _Run(self, doc, mentions)
        return run.go()

    def affiliation(self, m: Mention) -> str | None:
        try:
            return self.affiliation_of(m)
        except (KeyError, ValueError, TypeError):
            return default_affiliation(m)


class _Run(SpeakerFinder, ContentFinder):
    """The state of one document's extraction."""

    def __init__(self, ex: StatementExtractor, doc: Document, mentions: Sequence[Mention]) -> None:
        self.ex = ex
        self.doc = doc
        self.L = Layout(doc, mentions, ex.lexicons.get, ex.affiliation, ex.folder)
        self.recs: list[Rec] = []
        self.last: Speaker | None = None
        self.consumed: set[int] = set()
        self.clause_floor: dict[int, int] = {}  # sentence -> first token a subject may start at
        self._home: str | None | bool = False
        self._title: str | None = None
        self._anon: dict[int, bool] = {}
        self._topic_cache: dict[int, tuple[int, Speaker] | None] = {}
        self._short_quoted: list[bool] | None = None

    # -- driver ----------------------------------------------------------------------------
    def go(self) -> list[Statement]:
        L = self.L
        for h in self._hits():
            if h.i in self.consumed:
                continue
            si = L.sent_of[h.i]
            prev = self.recs[-1] if self.recs and self.recs[-1].sentence == si else None
            if h.cue.adverbial:
                # "..., مؤكدا أن ...", "..., saying ...", "..., добавив, что ...": one more
                # statement by the same speaker
                rec = self._adverbial(h, prev)
                if rec is not None and rec.ce > rec.cs:
                    if prev is not None and prev.cs <= h.s < prev.ce:
                        prev.ce = self._trim_end(prev.cs, L.ends[h.i - 1])
                    self.recs.append(rec)
                    self.last = rec.speaker
                continue
            coordinated = prev is not None and (h.prefixed or (h.i > 0 and L.keys[h.i - 1] in h.lex.conjunctions))
            if prev is not None and not coordinated and prev.cs <= h.s < prev.ce:
                cut = self._clause_break(prev, h)
                if cut is None:
                    continue  # reported inside what someone else said
                prev.ce = self._trim_end(prev.cs, L.starts[cut])  # "..., while X praised ..."
                self.clause_floor[si] = cut + 1
                prev = None
            if coordinated and (h.cue.secondary or h.cue.nominal):
                continue
            if coordinated:
                rec = self._coordinated(h, prev)
            elif h.cue.according:
                rec = self._according(h)
            elif h.cue.relay is not None:
                rec = self._relay(h)
            else:
                rec = self._verb(h)
            if rec is None or rec.ce <= rec.cs:
                continue
            if coordinated and prev is not None:
                cut = L.starts[h.i - 1] if (not h.prefixed and h.i > 0) else h.s
                prev.ce = self._trim_end(prev.cs, min(prev.ce, cut))
            self.recs.append(rec)
            self.last = rec.speaker
        self._orphans()
        self._headlines()
        return self._finish()

    def _clause_break(self, prev: Rec, h: Hit) -> int | None:
        """The word that starts a new clause between a statement's cue and a later cue
        ("while", "بينما", "در حالی که"), if there is one."""
        L, lex = self.L, h.lex
        if lex.clause_breaks is None:
            return None
        for k in range(L.tok_range(prev.cue_e, prev.cue_e + 1)[0], h.i):
            if lex.clause_breaks.match(L.keys, k) and L.tok_quote[k] is None:
                return k
        return None

    # -- cue hits ----------------------------------------------------------------------------
    def _hits(self) -> list[Hit]:
        L = self.L
        out: list[Hit] = []
        for ps, pe, lex in L.paragraphs:
            if lex is None:
                continue
            a, b = L.tok_range(ps, pe)
            keys, firsts = L.keys, lex.cues
            i = a
            while i < b:
                if L.tok_quote[i] is not None or L.unit[i] is not None:
                    i += 1
                    continue
                k = keys[i]
                found = lex.cue_at(keys, i, L.sentences[L.sent_of[i]].stop) if (k in firsts or k[1:] in firsts) else None
                if found is None and i - a < 4 and lex.cue_prefixes:
                    g = self._glued(i, lex)
                    if g is not None:
                        out.append(g)
                        i += 1
                        continue
                if found is None:
                    i += 1
                    continue
                cue, n = found
                if n == 1 and len(L.keys[i]) > len(cue.words[0]) and any(
                        L.keys[i] == p + cue.words[0] for p in lex.cue_prefixes):
                    prefixed = True
                else:
                    prefixed = False
                out.append(Hit(i, n, cue, lex, prefixed, L.starts[i], L.ends[i + n - 1]))
                i += n
        return out

    def _glued(self, i: int, lex: Lexicon) -> Hit | None:
        """A cue glued to the word before it by a scrape ("...السلطةقال نيد برايس")."""
        L = self.L
        if i + 1 >= len(L.keys) or L.unit[i + 1] is None or L.mentions[L.unit[i + 1]].type != "PER":
            return None
        key = L.keys[i]
        for cut in range(2, len(key) - 2):
            for cue in lex.cues.get(key[cut:], ()):
                if len(cue.words) == 1 and not cue.nominal and cue.relay is None:
                    ts, te = L.starts[i], L.ends[i]
                    word = L.text[ts:te]
                    for c in range(len(word) - 2, 0, -1):
                        if fold(word[c:]) == key[cut:]:
                            return Hit(i, 1, cue, lex, False, ts + c, te)
        return None

    # -- one reporting clause --------------------------------------------------------------
    def _verb(self, h: Hit) -> Rec | None:
        L, lex = self.L, h.lex
        sent = L.sentences[L.sent_of[h.i]]
        after = h.i + h.n
        subj: tuple[int, int] | None = None
        post_quote = self._quote_before(h) if lex.order == "svo" else None
        if h.cue.nominal:
            subj = self._subject_before(h, sent)
        elif lex.order == "vso":
            j = self._skip(after, sent.stop, lex)
            subj = self._run_forward(j, sent.stop, lex) if self._unitish(j, sent.stop, lex) else None
            if subj is None:
                subj = self._subject_before(h, sent, adjacent=True)
                if subj is None and j < sent.stop and not self._marker(j, lex) and not L.hard_break(j) \
                        and not self._pronoun_after(j, lex) and not lex.prepositions.match(L.keys, j):
                    # a word that is no name right after the verb is its subject: someone we
                    # cannot name is talking (reports, sources ...); a preposition opens an
                    # adverbial and the verb has no subject of its own ("وقال في كلمة ...")
                    return None
        elif post_quote is not None:
            j = self._skip(after, sent.stop, lex)
            subj = self._run_forward(j, sent.stop, lex) if self._unitish(j, sent.stop, lex) else None
            if subj is None:
                k = L.tok_range(post_quote.close, post_quote.close + 1)[1]
                subj = self._run_forward(self._skip(k, h.i, lex), h.i, lex)
        else:
            subj = self._antecedent(h, sent, lex) or self._subject_before(h, sent)
            if subj is None and lex.order == "svo":
                j = self._skip(after, sent.stop, lex)
                subj = self._run_forward(j, sent.stop, lex) if self._unitish(j, sent.stop, lex) else None
                if subj is None and not self._pronoun_before(h, sent, lex):
                    return None
        speaker = self._speaker(subj, h, lex) if subj is not None else self._inherit(h)
        if speaker is None:
            return None
        # content
        if post_quote is not None:
            cs, ce, direct, ctok = post_quote.open + 1, post_quote.close, True, L.tok_range(post_quote.open, post_quote.open + 1)[1]
            marker = "quote"
        else:
            start_tok = after
            if subj is not None and subj[0] >= after:
                start_tok = subj[1]
            got = self._content(h, start_tok, sent, lex, subj)
            if got is None:
                return None
            cs, ce, direct, ctok, marker = got
        # what must follow the cue: a marker (``needs``), a word soon after (``needs_next``);
        # with both, either will do ("جددت تأكيدها أن ..." / "جددت اتهام ...")
        marked = not h.cue.needs or marker in h.cue.needs
        nxt = subj[1] if subj is not None and subj[0] >= after else after
        worded = not h.cue.needs_next or any(L.keys[k] in h.cue.needs_next
                                             for k in range(nxt, min(sent.stop, nxt + 8)))
        if not ((marked and worded) or (h.cue.needs and h.cue.needs_next and (marked or worded))):
            return None
        if h.cue.needs_before and not any(L.keys[k] in h.cue.needs_before for k in range(max(sent.first, h.i - 6), h.i)):
            return None
        if self._anonymous(subj, sent, lex):
            return None
        frame = []
        if subj is not None and subj[1] <= h.i:
            frame = [L.keys[k] for k in range(subj[1], h.i)]
        addressee = self._addressee(subj, after, ctok, h, lex)
        return Rec(h.cue, lex, h.s, h.e, speaker, cs, ce, direct, L.sent_of[h.i], ctok, frame, addressee)

    def _coordinated(self, h: Hit, prev: Rec) -> Rec | None:
        """"... ودعت السلطات إلى ...", "and called for ...": same speaker, new content."""
        L, lex = self.L, h.lex
        sent = L.sentences[L.sent_of[h.i]]
        if lex.order == "vso":
            # a person or body named right after the verb is its own subject ("..., ودعا
            # الاتحاد الأوروبي إلى ..."); a country there may as well be whom it calls on
            j = self._skip(h.i + h.n, sent.stop, lex)
            run = (self._run_forward(j, sent.stop, lex)
                   if j < sent.stop and L.unit[j] is not None and not self._prep_clitic(j, lex) else None)
            if run is not None and L.mentions[L.unit[j]].type in ("PER", "ORG") and not self._is_media(run, lex):
                sp = self._speaker(run, h, lex)
                if sp is not None and sp.entity is not None and sp.entity != prev.speaker.entity and \
                        self._disagree(prev.cue, h.cue):
                    return self._verb(h)
        # what comes between the conjunction and the verb is this clause's own ("... و Y را رد کرد")
        floor = L.tok_range(prev.cue_e, prev.cue_e + 1)[0]
        if floor < h.i and L.keys[floor] in lex.conjunctions:
            floor += 1
        got = self._content(h, h.i + h.n, sent, lex, (floor, floor))
        if got is None:
            return None
        cs, ce, direct, ctok, _marker = got
        addressee = self._addressee(None, h.i + h.n, ctok, h, lex)
        return Rec(h.cue, lex, h.s, h.e, prev.speaker, cs, ce, direct, L.sent_of[h.i], ctok, [], addressee)

    def _adverbial(self, h: Hit, prev: Rec | None) -> Rec | None:
        """A participle after a comma that adds what was said ("..., saying ...", "،
        متهما ..."): the speaker of the clause before, which is a statement or a deed ("Tokayev
        declared an emergency, saying ..."). Right after a cue ("قال قائلا إن") it is no
        statement of its own."""
        L, lex = self.L, h.lex
        sent = L.sentences[L.sent_of[h.i]]
        if h.i <= sent.first or not L.comma(h.i) or L.tok_quote[h.i] is not None:
            return None
        if prev is not None and prev.cue_e < h.s < prev.cs:
            return None  # "وقال الوزير، مضيفا أن ...": it opens that statement's own content
        if prev is not None and h.s > prev.cue_e:
            speaker = prev.speaker
        else:
            topic = self._topic(L.sent_of[h.i])
            if topic is None or topic[0] >= h.i:
                return None
            speaker = topic[1]
        got = self._content(h, h.i + h.n, sent, lex, (h.i + h.n, h.i + h.n), lookahead=False)
        if got is None:
            return None
        cs, ce, direct, ctok, _marker = got
        addressee = self._addressee(None, h.i + h.n, ctok, h, lex)
        return Rec(h.cue, lex, h.s, h.e, speaker, cs, ce, direct, L.sent_of[h.i], ctok, [], addressee)

    @staticmethod
    def _disagree(a: Cue, b: Cue) -> bool:
        """Two past forms of one person and number but another gender ("حثت ... ودعا"): the
        subject has changed."""
        pair = {a.ending, b.ending}
        return len(pair) == 2 and pair <= {"", "ت"}

    def _according(self, h: Hit) -> Rec | None:
        """"according to X, ...", "به گزارش X، ...", "по словам X, ...": X speaks unless it is the press."""
        L, lex = self.L, h.lex
        sent = L.sentences[L.sent_of[h.i]]
        if h.cue.source_before:
            subj = self._subject_before(h, sent, adjacent=True)
            if subj is None:
                return None
            self.clause_floor[L.sent_of[h.i]] = h.i + h.n
            if self._is_media(subj, lex):
                return None
            speaker = self._speaker(subj, h, lex)
            k = h.i + h.n
            if speaker is None or k >= sent.stop:
                return None
            cs = L.starts[k]
            return Rec(h.cue, lex, h.s, h.e, speaker, cs, self._trim_end(cs, sent.end), False, L.sent_of[h.i], k)
        j = self._skip(h.i + h.n, sent.stop, lex)
        subj = self._run_forward(j, sent.stop, lex, appositions=False)
        if subj is None:
            return None
        self.clause_floor[L.sent_of[h.i]] = subj[1]
        if self._is_media(subj, lex):
            return None
        speaker = self._speaker(subj, h, lex)
        if speaker is None or speaker.entity is None and speaker.affiliation is None:
            return None
        k = subj[1]
        if k < sent.stop and not L.hard_break(k):
            cs = L.starts[k]
            ce = self._trim_end(cs, sent.end)
            ctok = k
        elif h.i > sent.first:
            cs, ce, ctok = L.starts[sent.first], self._trim_end(L.starts[sent.first], h.s), sent.first
        else:
            return None
        q = self._leading_quote(cs, ce)
        direct = q is not None
        if q is not None:
            cs, ce = q.open + 1, q.close
        return Rec(h.cue, lex, h.s, h.e, speaker, cs, ce, direct, L.sent_of[h.i], ctok)

    def _relay(self, h: Hit) -> Rec | None:
        """"نقلت وكالة ... عن X قوله إن ...": X speaks, the agency only passes it on."""
        L, lex = self.L, h.lex
        sent = L.sentences[L.sent_of[h.i]]
        j = h.i + h.n
        if h.cue.relay:
            while j < min(sent.stop, h.i + h.n + 10) and L.keys[j] not in h.cue.relay:
                j += 1
            if j >= sent.stop or L.keys[j] not in h.cue.relay:
                return None
            j += 1
        subj = self._run_forward(self._skip(j, sent.stop, lex), sent.stop, lex)
        if subj is None or self._is_media(subj, lex):
            return None
        k = subj[1]
        while k < sent.stop:
            c = lex.cue_at(L.keys, k)
            if c is not None and c[0].nominal:
                self.consumed.add(k)
                k += c[1]
            else:
                break
        speaker = self._speaker(subj, h, lex)
        got = self._content(h, k, sent, lex, subj)
        if speaker is None or got is None:
            return None
        cs, ce, direct, ctok, _m = got
        return Rec(h.cue, lex, h.s, h.e, speaker, cs, ce, direct, L.sent_of[h.i], ctok)

    # -- extra statements ------------------------------------------------------------------------
    def _orphans(self) -> None:
        """Unquoted first-person sentences that open a paragraph ("We call on all sides ...")
        belong to the speaker of the paragraph's first statement."""
        L = self.L
        firsts: dict[int, Rec] = {}
        for r in self.recs:
            firsts.setdefault(L.sentences[r.sentence].paragraph, r)
        taken = {r.sentence for r in self.recs}
        for p, r in firsts.items():
            lead = [si for si in range(r.sentence - 1, -1, -1) if L.sentences[si].paragraph == p]
            lead = [si for si in reversed(lead) if L.sentences[si].end <= min(r.cue_s, r.cs)]
            if not lead or any(si in taken for si in lead):
                continue
            lex = r.lex
            fp = [si for si in lead if any(L.keys[k] in lex.first_person
                                           for k in range(L.sentences[si].first, L.sentences[si].stop))]
            if not fp or any(L.tok_quote[L.sentences[si].first] for si in fp):
                continue
            first = L.sentences[lead[0]]
            cs, ce = first.start, self._trim_end(first.start, L.sentences[fp[-1]].end)
            self.recs.append(Rec(replace(r.cue, stance="inform"), lex, r.cue_s, r.cue_e, r.speaker, cs, ce, False,
                                 lead[0], first.first))

    def _headlines(self) -> None:
        """A line "X: ..." with X a speaker and no verb (a headline or a subhead)."""
        L = self.L
        title = self._title_key()
        taken = {L.sentences[r.sentence].paragraph for r in self.recs}
        for p, (ps, pe, lex) in enumerate(L.paragraphs):
            if lex is None or p in taken:
                continue
            line = L.text[ps:pe]
            colon = line.find(":")
            if colon <= 0 or line.rstrip()[-1:] in ".!?؟" or len(line) > 300:
                continue
            key = L.line_key(p)
            near = [L.line_key(q) for q in (p - 1, p + 1) if 0 <= q < len(L.paragraphs)]
            if (title and key == title) or any(n and (key[:30] in n or n[:30] in key) for n in near):
                continue
            a, b = L.tok_range(ps, ps + colon)
            run = self._run_forward(a, b, lex)
            if run is None or run[1] != b or b - a > 8 or self._is_media(run, lex):
                continue
            c0, c1 = L.tok_range(ps + colon + 1, pe)
            if c1 - c0 < 3:
                continue
            fake = Hit(a, 0, Cue(("",), "inform"), lex, False, ps + colon, ps + colon + 1)
            sp = self._speaker(run, fake, lex)
            if sp is None or (sp.entity is None and sp.affiliation is None):
                continue
            cs = L.starts[c0]
            self.recs.append(Rec(fake.cue, lex, ps + colon, ps + colon + 1, sp, cs, self._trim_end(cs, pe), False,
                                  L.sent_of[c0], c0))

    # -- output ------------------------------------------------------------------------------------
    def _link_like(self, r: Rec) -> bool:
        """A line that is a link to another story: the title again, or a headline without a full
        stop printed twice in a row (link text, then its caption)."""
        L = self.L
        p = L.sentences[r.sentence].paragraph
        ps, pe, _lex = L.paragraphs[p]
        line = L.text[ps:pe].strip()
        key = L.line_key(p)
        title = self._title_key()
        if title and key == title:
            return True
        if line[-1:] in ".!?؟»”\"" or len(line) > 200:
            return False
        for q in (p - 1, p + 1):
            if 0 <= q < len(L.paragraphs):
                other = L.line_key(q)
                if other and (key[:30] in other or other[:30] in key):
                    return True
        return False

    def _title_key(self) -> str:
        if self._title is None:
            self._title = " ".join(self.L.folder.tokens(self.doc.title or "")[2])
        return self._title

    def _target(self, r: Rec) -> str | None:
        sp = r.speaker
        def other(m: Mention) -> str | None:
            ent = m.entity or m.kb_id
            if not ent or ent == sp.entity:
                return None
            if m.type == "GPE" and sp.affiliation and self.ex.affiliation(m) == sp.affiliation:
                return None
            return ent

        if r.addressee is not None and other(r.addressee):
            return other(r.addressee)
        L = self.L
        for mi in range(bisect.bisect_left(L.mention_starts, r.cs), len(L.mentions)):
            m = L.mentions[mi]
            if m.start >= r.ce:
                break
            if m.end <= r.ce and m.type in ("PER", "ORG", "GPE") and other(m):
                return other(m)
        return None

    def _in_short_quote(self, k: int) -> bool:
        """Word ``k`` stands in quotation marks around a word or two (a label: «terrorists»)."""
        if self._short_quoted is None:
            marks = [False] * len(self.L.keys)
            for q in self.L.quotes:
                if q.short:
                    a, b = self.L.tok_range(q.open + 1, q.close)
                    for i in range(a, b):
                        marks[i] = True
            self._short_quoted = marks
        return self._short_quoted[k]

    def _split(self, r: Rec, memo: dict) -> list[Rec]:
        """One clause carrying two stances is two statements (DESIGN): "we condemn the violence
        and hope calm returns", "X follows it closely and asks Y to ...", "expected an inquiry
        and the release of those detained". The content is cut at a conjunction when the words
        on either side take different stances and the second is not neutral; when the first is
        neutral, or the language puts its verbs last, the conjunction must also start a new
        clause (after a verb there, before "that" or "we" elsewhere), and after a neutral part
        the new clause must report an act of its own (a cue such as "asks", "calls")."""
        L, lex = self.L, r.lex
        a, b = L.tok_range(r.cs, r.ce)
        own = L.tok_quote[a] if a < len(L.keys) else None
        for k in range(a + 2, b - 2):
            if L.keys[k] not in lex.conjunctions or L.tok_quote[k] is not own:
                continue
            s1 = classify(lex, L.keys[a:k], r.cue, (), memo)[0]
            s2 = classify(lex, L.keys[k + 1:b], r.cue, (), memo)[0]
            if s1 == s2 or s2 == "inform":
                continue
            if lex.order == "sov":
                boundary = lex.clause_final is not None and bool(lex.clause_final.match(L.keys, k - 1))
            else:
                boundary = bool(lex.complementizers.match(L.keys, k + 1)) or L.keys[k + 1] in lex.first_person
            if not boundary and (s1 == "inform" or lex.order == "sov"):
                continue
            if s1 == "inform" and not any(lex.cue_at(L.keys, j) for j in range(k + 1, min(b, k + 7))):
                continue  # "... is wrong and must be rescinded": one claim; "... and asks Y to": a new act
            first = replace(r, ce=self._trim_end(r.cs, L.starts[k]))
            second = replace(r, cs=L.starts[k + 1], content_tok=k + 1)
            return [first, *self._split(second, memo)]
        return [r]

    def _finish(self) -> list[Statement]:
        L = self.L
        out: list[Statement] = []
        seen: list[tuple[str, str | None, str]] = []
        memos: dict[str, dict] = {}
        recs = [part for r in self.recs for part in self._split(r, memos.setdefault(r.lex.lang, {}))]
        for r in sorted(recs, key=lambda r: (r.cs, r.cue_s)):
            r.cs = self._first_nonspace(r.cs)
            r.ce = self._trim_end(r.cs, r.ce)
            if r.ce <= r.cs:
                continue
            raw = L.text[r.cs:r.ce + 3]
            cut = raw.rstrip().endswith(("…", "...")) or L.text[r.ce:r.ce + 1] == "…"
            a, b = L.tok_range(r.cs, r.ce)
            keys = L.keys[a:b]
            content = " ".join(keys)
            who = r.speaker.entity or r.speaker.affiliation
            if any((content == c or ((len(content) > 20 or cut) and c.startswith(content))
                    or (len(c) > 20 and content.startswith(c))) and w == who for c, w, _ in seen):
                continue
            if self._link_like(r):
                continue
            seen.append((content, who, r.cue.words[0]))
            quoted = [k - a for k in range(a, b) if self._in_short_quote(k)]
            stance, conf = classify(r.lex, keys, r.cue, r.frame, memos.setdefault(r.lex.lang, {}), quoted)
            sp = r.speaker
            out.append(Statement(
                start=r.cs, end=r.ce, cue=L.text[r.cue_s:r.cue_e], cue_start=r.cue_s, cue_end=r.cue_e,
                speaker_text=sp.text, speaker_start=sp.start, speaker_end=sp.end, speaker=sp.entity,
                speaker_affiliation=sp.affiliation, direct=r.direct, stance=stance,
                stance_confidence=conf, target=self._target(r),
            ))
        return out
