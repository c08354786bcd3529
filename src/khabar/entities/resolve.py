"""One entity per real-world person, organisation or place, across documents and scripts.

A mention the recogniser tied to the knowledge base is that KB entry. An office without a date
(an undated article) is read at the corpus's median date. An unnamed body ("the Russian Foreign
Ministry", "the Kazakh authorities") is one entity per body and country. A name the KB lacks is
merged with earlier ones by its consonant skeleton (:mod:`.phonetic`): the whole name, or the
surname when one of the two lacks a first name, with the documents' other entities to choose
when several fit. Its id is ``"x:"`` and a hash of the first full skeleton seen, so it is stable
for a given input order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from khabar.models import Document, Entity, Mention
from khabar.normalise import fold

from .kb import KBEntry, KnowledgeBase
from .names import EnglishNamer, word_table
from .patterns import _COMMON_NAME, given_names
from .phonetic import key_similarity
from .roles import BODY_KINDS, corpus_date, holders_on, parse_date, split_role

__all__ = ["EntityResolver"]

_WORDS = re.compile(r"[\s\-\u200c]+")
_NAME_SOURCES = frozenset({"gazetteer", "sound", "pattern", "short", "demonym"})


@dataclass
class _Seen:
    aliases: Counter = field(default_factory=Counter)  # (text, lang) -> count
    codes: Counter = field(default_factory=Counter)  # affiliation codes from roles next to it
    context: set[str] = field(default_factory=set)  # ids of entities in the same documents
    parts: list[str] = field(default_factory=list)  # per-word skeletons of the fullest name
    words: list[str] = field(default_factory=list)  # its Arabic-script words, folded
    type: str = "PER"


class EntityResolver:
    """Corpus state for one run; feed documents in order with :meth:`add`."""

    VERSION = "entities.resolve.v1"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._codes: dict[str, str] = {}
        for code, eid in kb.codes().items():
            self._codes.setdefault(eid, code)
        self._ever: dict[tuple[str, str], list[KBEntry]] = {}
        for e in kb.entries.values():
            for r in e.roles:
                self._ever.setdefault((r.office, r.of), []).append(e)
        self._dates: list[date] = []
        self._kb: dict[str, _Seen] = {}
        self._unknown: dict[str, _Seen] = {}
        self._bodies: dict[str, _Seen] = {}
        self._by_joined: dict[tuple[str, str], list[str]] = {}
        self._by_last: dict[tuple[str, str], list[str]] = {}
        # common Arabic and Persian given names: two of them that differ are two people
        self._given = frozenset(k for k, n in given_names().items() if n >= _COMMON_NAME)
        self._namer = EnglishNamer(word_table(
            (e.name, e.aliases) for e in kb.entries.values() if e.type == "PER"))

    # feeding -------------------------------------------------------------------------
    def add(self, doc: Document, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions with ``entity`` set (None for an office nobody could be tied to)."""
        return self.add_at(doc.published, doc.lang, mentions)

    def add_at(self, published: str | None, lang: str | None, mentions: Sequence[Mention]) -> list[Mention]:
        """``add`` given only what it reads of the document: a run replays every stored
        document's mentions through here, and reading whole documents for it cost more than
        the resolution."""
        on = parse_date(published)
        if on is not None:
            self._dates.append(on)
        at = on or corpus_date(self._dates)
        doc_lang = lang or "und"
        context = {m.kb_id for m in mentions if m.kb_id}
        local: dict[str, str] = {}
        out: list[Mention] = []
        for m in mentions:
            lang = _alias_lang(m.text, doc_lang)
            kb_id = m.kb_id
            if kb_id is None and m.source == "role" and on is None and at is not None:
                office, code = split_role(m.role)
                hs = holders_on(self.kb, office or "", code, at, self._ever)
                kb_id = hs[0].id if hs else None
            eid: str | None = None
            if kb_id is not None and kb_id in self.kb.entries:
                eid = kb_id
                seen = self._kb.setdefault(kb_id, _Seen(type=self.kb.entries[kb_id].type))
                if m.source in _NAME_SOURCES:
                    seen.aliases[(m.text, lang)] += 1
                seen.context |= context
            elif m.source == "body":
                kind, code = split_role(m.role)
                if kind and code:
                    eid = f"body:{kind}:{code}"
                    seen = self._bodies.setdefault(eid, _Seen(type="ORG"))
                    seen.aliases[(m.text, lang)] += 1
                    seen.codes[code] += 1
            elif m.source != "role" and m.key:
                eid = self._unknown_id(m, context, local, lang)
            out.append(Mention(m.start, m.end, m.text, m.type, m.key, eid, kb_id, m.source, m.role, m.confidence))
        return out

    def _unknown_id(self, m: Mention, context: set[str], local: dict[str, str], lang: str) -> str | None:
        parts = m.key.split()
        joined = "".join(parts)
        if not joined:
            return None
        typ = m.type
        eid = local.get(m.key)
        words = self._native_words(m.text)
        if eid is None:

            def fits(x: str) -> bool:  # محمد and محمود share a skeleton, not a name
                return not _conflict(self._unknown[x].words, words, self._given)

            eid = self._pick([x for x in self._by_joined.get((typ, joined), []) if fits(x)], context)
            if eid is None and len(parts) >= 2:
                cands = [x for x in self._by_last.get((typ, parts[-1]), [])
                         if _first_ok(self._unknown[x].parts, parts) and fits(x)]
                eid = self._pick(cands, context)
            if eid is None and len(parts) == 1 and len(joined) >= 3:
                eid = self._pick([x for x in self._by_last.get((typ, joined), []) if fits(x)], context)
            if eid is None:
                n = 0
                while True:  # a second name with the same skeleton gets its own id
                    eid = "x:" + hashlib.sha1(f"{typ}|{joined}|{n}".encode() if n else f"{typ}|{joined}".encode()).hexdigest()[:12]
                    if eid not in self._unknown:
                        break
                    n += 1
                self._unknown[eid] = _Seen(type=typ, parts=parts, words=words)
                self._index(eid, typ, parts)
            elif len(parts) > len(self._unknown[eid].parts):
                self._unknown[eid].parts = parts
                self._index(eid, typ, parts)
            if len(words) > len(self._unknown[eid].words):
                self._unknown[eid].words = words
            local[m.key] = eid
        seen = self._unknown[eid]
        seen.aliases[(m.text, lang)] += 1
        seen.context |= context
        code = split_role(m.role)[1]
        if code:
            seen.codes[code] += 1
        return eid

    def _index(self, eid: str, typ: str, parts: list[str]) -> None:
        for bucket in (self._by_joined.setdefault((typ, "".join(parts)), []),
                       self._by_last.setdefault((typ, parts[-1]), [])):
            if eid not in bucket:
                bucket.append(eid)

    def _native_words(self, text: str) -> list[str]:
        """The words of an Arabic-script name that are common given names (محمد, حسن)."""
        if not any("\u0600" <= c <= "\u06ff" for c in text):
            return []
        return [fold(w) for w in _WORDS.split(text) if w]

    def _pick(self, cands: list[str], context: set[str]) -> str | None:
        if len(cands) == 1:
            return cands[0]
        if not cands:
            return None
        scored = sorted(((len(self._unknown[c].context & context), c) for c in cands), reverse=True)
        if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
            return scored[0][1]
        return None

    # reading -------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        """Every entity seen so far, KB entries first, in a stable order."""
        out: list[Entity] = []
        on = corpus_date(self._dates)  # names in force when the corpus was written (Nur-Sultan in 2022)
        for eid in sorted(self._kb):
            e = self.kb.entries[eid]
            out.append(Entity(eid, e.type, e.name_on(on), _aliases(self._kb[eid]), self._kb_affiliation(e),
                              e.kb_id))
        for eid in sorted(self._unknown):
            s = self._unknown[eid]
            name = self._namer.render(s.aliases)
            out.append(Entity(eid, s.type, name, _aliases(s), _top(s.codes), None))
        for eid in sorted(self._bodies):
            s = self._bodies[eid]
            _, kind, code = eid.split(":", 2)
            out.append(Entity(eid, "ORG", self._body_name(kind, code), _aliases(s), code, None))
        return out

    def affiliation(self, entity_id: str) -> str | None:
        """Whom an entity speaks for: its country or organisation code, if known."""
        if entity_id in self.kb.entries:
            return self._kb_affiliation(self.kb.entries[entity_id])
        if entity_id in self._unknown:
            return _top(self._unknown[entity_id].codes)
        if entity_id.startswith("body:"):
            return entity_id.rsplit(":", 1)[1]
        return None

    def speaker_affiliation(self, mention: Mention) -> str | None:
        """For the statements stage: the role's code, else the entity's affiliation."""
        code = split_role(mention.role)[1]
        if code:
            return code
        return self.affiliation(mention.entity) if mention.entity else None

    def _kb_affiliation(self, e: KBEntry) -> str | None:
        return e.affiliation or self._codes.get(e.id) or (e.iso2 if e.type == "GPE" else None) or e.country

    def _body_name(self, kind: str, code: str) -> str:
        label = BODY_KINDS.get(kind, kind.replace("_", " "))
        c = self.kb.country(code)
        if c is None:
            return f"{code} {label}"
        adj = c.demonyms.get("en", ())
        return f"{adj[0] if adj else c.name} {label}"


_ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "ur", "ps", "ku", "sd", "ug"})
_PERSIAN_LETTERS = frozenset("پچژگی")


def _alias_lang(text: str, doc_lang: str) -> str:
    """The language of a spelling: the document's when its script fits, else the script's."""
    for c in text:
        if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
            if doc_lang in _ARABIC_SCRIPT_LANGS:
                return doc_lang
            return "fa" if any(x in _PERSIAN_LETTERS for x in text) else "ar"
        if "\u0400" <= c <= "\u04ff":
            return doc_lang if doc_lang in ("ru", "uk", "be", "bg", "sr", "kk", "ky", "tg", "mn") else "ru"
        if c.isalpha():
            return doc_lang if doc_lang not in _ARABIC_SCRIPT_LANGS | {"ru", "und", ""} else "en"
    return doc_lang


def _aliases(s: _Seen) -> tuple[tuple[str, str], ...]:
    return tuple(k for k, _ in sorted(s.aliases.items(), key=lambda x: (-x[1], x[0])))


def _top(c: Counter) -> str | None:
    return sorted(c.items(), key=lambda x: (-x[1], x[0]))[0][0] if c else None


def _conflict(a: list[str], b: list[str], given: frozenset[str]) -> bool:
    """Two Arabic-script names whose aligned words (from the surname back) include two
    different common given names: حسن and حسين, محمد and محمود."""
    return any(x != y and x in given and y in given for x, y in zip(reversed(a), reversed(b), strict=False))


def _first_ok(a: list[str], b: list[str]) -> bool:
    """Two names with the same surname: their first names do not contradict each other."""
    if len(a) < 2 or len(b) < 2:
        return True
    x, y = a[0], b[0]
    return x == y or x.startswith(y) or y.startswith(x) or key_similarity(x, y) >= 0.6
