"""What was said: the span of the content of a reporting clause.

After the speaker comes, in order of preference, a complementizer (إن/أن, که, that, что), a
colon, a quotation, a comma; a short adverbial ("للصحفيين في نيويورك") may stand before any
of them. A verb with an object has the clause itself as its content ("X را محکوم کرد", "دعا X
إلى ..."); a cue that ends its sentence reports what came before it ("..., he said"). A
quotation that is the whole content is direct speech and its span is the quoted words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .layout import Quote
from .lexicon import Lexicon
from .records import Hit

if TYPE_CHECKING:
    from .layout import Layout

__all__ = ["ContentFinder"]


class ContentFinder:
    """Finds content spans (a part of the per-document extraction run)."""

    L: Layout
    clause_floor: dict[int, int]

    def _content(self, h: Hit, j: int, sent, lex: Lexicon, subj,
                 lookahead: bool = True) -> tuple[int, int, bool, int, str] | None:
        """Where what was said starts and ends, whether it is quoted, and what introduced it."""
        L = self.L
        seen_participle = False
        k = j
        while k < sent.stop:
            n = lex.fillers.match(L.keys, k)
            if n and not self._colon_or_quote_in(L.gap(k)):
                k += n
                continue
            if L.keys[k] in lex.participles and not self._colon_or_quote_in(L.gap(k)):
                seen_participle = True
                k += 1
                continue
            if L.comma(k) and L.keys[k] in lex.relatives:
                k = self._skip_relative(k, sent.stop)
                continue
            break
        if lookahead and lex.order == "vso" and k < sent.stop and not self._marker(k, lex):
            k = self._lookahead(k, sent.stop, lex)
        gap = L.gap(k) if k < len(L.keys) else L.text[L.ends[k - 1]:]
        gap_start = L.ends[k - 1] if k > 0 else 0
        if k >= sent.stop:
            # nothing after the cue: the content came before it
            return self._content_before(h, sent, lex, subj, j)
        marker = "plain"
        if ":" in gap:
            marker = "colon"
        q = None
        for off, _c in enumerate(gap):
            q = L.quote_at(gap_start + off)
            if q is not None:
                break
        if q is not None and not q.short:
            rest = L.text[q.close + 1:sent.end]
            direct_only = self._quote_ends_clause(rest, lex)
            if direct_only or marker == "colon":
                return q.open + 1, q.close, True, k, "quote" if marker != "colon" else "colon"
        n = lex.complementizers.match(L.keys, k)
        if n:
            c0 = k + n
            if c0 >= sent.stop:
                return None
            q2 = L.quote_at(self._first_nonspace(L.ends[c0 - 1]))
            if q2 is not None and not q2.short and self._quote_ends_clause(L.text[q2.close + 1:sent.end], lex):
                return q2.open + 1, q2.close, True, c0, "complementizer"
            cs = L.starts[c0]
            if q2 is not None:
                cs = q2.open
            return cs, self._trim_end(cs, sent.end), False, c0, "complementizer"
        if marker == "plain" and any(c in ",،" for c in gap):
            marker = "comma"
        if marker == "plain" and seen_participle:
            marker = "participle"
        if marker == "plain" and lex.order == "sov":
            before = self._content_before(h, sent, lex, subj, j)
            if before is not None and before[3] < h.i:
                return before
            # nothing between the speaker and the verb: the object follows ("خواستار X شد")
        cs = q.open if q is not None else L.starts[k]
        return cs, self._trim_end(cs, sent.end), False, k, marker

    def _lookahead(self, k: int, stop: int, lex: Lexicon) -> int:
        """Past a short adverbial ("للصحفيين في نيويورك يوم الأربعاء") to a complementizer or
        quotation that opens the content; ``k`` itself when none comes before a break."""
        L = self.L
        for m in range(k + 1, min(stop, k + 9)):
            if L.hard_break(m) and not self._colon_or_quote_in(L.gap(m)):
                return k
            g = L.gap(m)
            start = L.ends[m - 1]
            for off, _c in enumerate(g):
                q = L.quote_at(start + off)
                if q is not None and not q.short:
                    return m
            if lex.cue_at(L.keys, m) is not None or L.keys[m] in lex.conjunctions:
                return k
            if lex.complementizers.match(L.keys, m):
                return m
        return k

    def _content_before(self, h: Hit, sent, lex: Lexicon, subj, j: int):
        """The clause before a clause-final cue: "X ... را محکوم کرد", "The violence must stop, he said"."""
        L = self.L
        if lex.order == "sov" or h.cue.stance != "inform":
            start_tok = subj[1] if subj is not None and subj[1] <= h.i else self.clause_floor.get(L.sent_of[h.i], sent.first)
            start_tok = max(start_tok, sent.first)
            if start_tok >= h.i and lex.order != "sov":
                return None
            cs = L.starts[start_tok]
            return cs, h.e, False, start_tok, "plain"
        first = sent.first
        end_tok = subj[0] if subj is not None and subj[0] < h.i else h.i
        if end_tok <= first:
            return None
        cs = L.starts[first]
        q = self._leading_quote(cs, L.ends[end_tok - 1])
        if q is not None:
            return q.open + 1, q.close, True, first, "quote"
        return cs, self._trim_end(cs, L.ends[end_tok - 1]), False, first, "plain"

    def _quote_before(self, h: Hit) -> Quote | None:
        """A quotation that ends just before the cue ('," X said', '», — заявил он'); the words
        between the quotation and the cue may be the subject."""
        L = self.L
        sent = L.sentences[L.sent_of[h.i]]
        for k in range(h.i, max(sent.first, h.i - 9), -1):
            g = L.gap(k)
            if any(c in ".!?؟\n" for c in g):
                return None
            closes = [n for n, c in enumerate(g) if c in "»”\"“"]
            if closes:
                idx = L.ends[k - 1] + closes[-1]
                for q in L.quotes:
                    opens_sentence = not L.text[sent.start:q.open].strip()
                    if q.close == idx and (not q.short or opens_sentence) and q.open >= sent.start:
                        return q
                return None
        return None

    def _leading_quote(self, cs: int, ce: int) -> Quote | None:
        """The quotation that makes up all of ``[cs, ce)`` (its mark may sit just before ``cs``)."""
        q = self.L.quote_at(self._first_nonspace(cs))
        if q is None:
            t = self.L.text
            b = cs - 1
            while b >= 0 and t[b].isspace():
                b -= 1
            q = self.L.quote_at(b) if b >= 0 else None
        if q is not None and not q.short and q.close >= ce - 2:
            return q
        return None

    def _quote_ends_clause(self, rest: str, lex: Lexicon) -> bool:
        stripped = rest.strip(" \t.,،؛;:!?؟…)(-–—")
        if not stripped:
            return True
        if rest.lstrip()[:1] in (",", "،", "-", "–", "—"):
            return True  # "“...”, مضيفا ..." / "«...», — заявил"
        return False

    def _trim_end(self, cs: int, ce: int) -> int:
        t = self.L.text
        while ce > cs and (t[ce - 1].isspace() or t[ce - 1] in ".,،؛;:!?؟-–—…(" or t[ce - 1] == "\u200f"):
            ce -= 1
        return ce

    def _first_nonspace(self, pos: int) -> int:
        t = self.L.text
        while pos < len(t) and t[pos].isspace():
            pos += 1
        return pos
