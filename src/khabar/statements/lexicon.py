"""Reporting cues and stance words of one language, loaded from ``lang/<code>.yaml``.

Languages are data: a file lists the verbs of saying (with the stance each implies), the quote
marks, complementizers, pronouns, titles, fillers and the stance vocabulary. Everything is
compared after :func:`khabar.normalise.fold`, so spelling variants need not be listed. Adding a
language is adding a file; a missing key means "none" for that language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .. import yamlio
from ..errors import ConfigError
from ..normalise import fold, tokens

__all__ = ["Cue", "Lexicon", "Phrases", "load_lexicon", "available_languages", "STANCES"]

STANCES = ("appeal", "demand", "criticize", "accuse", "reject", "support", "welcome", "concern", "inform")

_KNOWN_KEYS = {
    "lang", "order", "cue_prefixes", "past_suffixes", "clitics", "quotes", "complementizers", "relatives",
    "pronouns", "anaphors", "generic_org", "roles", "connectors", "media", "anonymous", "anonymous_after",
    "prepositions", "prep_clitics", "fillers", "participles", "first_person", "light_verbs", "cues", "stance",
    "demand_acts", "directives", "foreign", "foreign_not_before", "hostile", "labels", "label_words", "oppose",
    "destabilise", "conjunctions", "postpositions", "adjectives", "person_roles", "clause_breaks", "auxiliaries",
    "person_pronouns", "negations", "pairs", "clause_final",
}
_CUE_KEYS = {"past", "present", "forms", "compound", "light", "participle", "aux", "stance", "continues", "needs", "needs_next",
             "nominal", "relay", "according", "source_before", "secondary", "particle", "adverbial",
             "needs_before"}


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(phrase))


@dataclass(frozen=True)
class Cue:
    """One reporting expression: its word keys and how it attaches speaker and content."""

    words: tuple[str, ...]
    stance: str
    continues: bool = False
    needs: frozenset[str] = frozenset()
    needs_next: frozenset[str] = frozenset()
    nominal: bool = False
    relay: tuple[str, ...] | None = None
    according: bool = False
    source_before: bool = False  # "X'e göre", "X کے مطابق": the source stands before the cue
    particle: str | None = None  # a separable part later in the sentence ("wies ... zurück")
    secondary: bool = False
    ending: str | None = None  # the past ending the form was made with ("ت" in "قالت"), if any
    adverbial: bool = False  # a participle adding a statement after a comma ("..., saying ...")
    needs_before: frozenset[str] = frozenset()  # a word shortly before the cue ("از X میخواهد")


class Phrases:
    """A set of word sequences; an entry ending in ``*`` matches any word that starts with it."""

    def __init__(self, entries: list[str] | None, clitics: tuple[str, ...] = ()) -> None:
        self.clitics = clitics
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.prefixes: list[tuple[str, tuple[str, ...]]] = []
        for e in entries or ():
            star = str(e).endswith("*")
            ws = _words(str(e).rstrip("*"))
            if not ws:
                continue
            if star and len(ws) == 1:
                self.prefixes.append((ws[0], ws))
            else:
                self.by_first.setdefault(ws[0], []).append(ws)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)
        self.simple = not self.clitics and not self.prefixes

    def variants(self, k: str) -> list[str]:
        """A word and the word without each clitic it may carry."""
        out = [k]
        for c in self.clitics:
            if k.startswith(c) and len(k) - len(c) >= 2:
                out.append(k[len(c):])
        return out

    def match(self, keys: list[str], i: int) -> int:
        """Number of words of the longest entry starting at ``keys[i]`` (0 when none)."""
        if self.simple:
            for ws in self.by_first.get(keys[i], ()):
                n = len(ws)
                if n == 1 or tuple(keys[i + 1:i + n]) == ws[1:]:
                    return n
            return 0
        for v in self.variants(keys[i]):
            for ws in self.by_first.get(v, ()):
                n = len(ws)
                if tuple(keys[i + 1:i + n]) == ws[1:] and i + n <= len(keys):
                    return n
            for p, _ in self.prefixes:
                if v.startswith(p):
                    return 1
        return 0

    def find(self, keys: list[str]) -> list[tuple[int, int]]:
        """All ``(start, length)`` matches in ``keys``, left to right, not overlapping."""
        out: list[tuple[int, int]] = []
        i = 0
        by_first, simple = self.by_first, self.simple
        while i < len(keys):
            if simple and keys[i] not in by_first:
                i += 1
                continue
            n = self.match(keys, i)
            if n:
                out.append((i, n))
                i += n
            else:
                i += 1
        return out

    def __contains__(self, k: str) -> bool:
        return any(v in self.by_first and (v,) in self.by_first[v] for v in self.variants(k)) or any(
            k.startswith(p) for p, _ in self.prefixes)


class Labelled:
    """Many phrase sets in one index, each entry with a label: one pass over the words finds
    every stance word, demand word, directive ... of a statement."""

    def __init__(self, sets: list[tuple[str, list[str] | None]], clitics: tuple[str, ...]) -> None:
        self.clitics = clitics
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.prefixes: list[tuple[str, str]] = []
        for label, entries in sets:
            for e in entries or ():
                star = str(e).endswith("*")
                ws = _words(str(e).rstrip("*"))
                if not ws:
                    continue
                if star and len(ws) == 1:
                    self.prefixes.append((ws[0], label))
                else:
                    self.by_first.setdefault(ws[0], []).append((ws, label))
        self._memo: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.clitics_by_initial: dict[str, list[str]] = {}
        for c in clitics:
            self.clitics_by_initial.setdefault(c[:1], []).append(c)
        self.prefixes_by_initial: dict[str, list[tuple[str, str]]] = {}
        for p, label in self.prefixes:
            self.prefixes_by_initial.setdefault(p[:1], []).append((p, label))

    def candidates(self, k: str) -> list[tuple[tuple[str, ...], str]]:
        """Entries that may start at a word with key ``k`` (with or without its clitics)."""
        out: list[tuple[tuple[str, ...], str]] = []
        vs = [k] + [k[len(c):] for c in self.clitics_by_initial.get(k[:1], ())
                    if k.startswith(c) and len(k) - len(c) >= 2]
        for v in vs:
            out.extend(self.by_first.get(v, ()))
            out.extend(((p,), label) for p, label in self.prefixes_by_initial.get(v[:1], ()) if v.startswith(p))
        return out

    def scan(self, keys: list[str], memo: dict | None = None) -> list[tuple[int, int, str]]:
        """Every ``(position, length, label)`` match in ``keys``, in text order. The candidates
        of each word are remembered (a pure memo of :meth:`candidates`, bounded in size)."""
        out: list[tuple[int, int, str]] = []
        memo = self._memo
        if len(memo) > 200_000:
            memo.clear()
        for i, k in enumerate(keys):
            cands = memo.get(k)
            if cands is None:
                cands = memo[k] = self.candidates(k)
            if not cands:
                continue
            seen: set[str] = set()
            for ws, label in cands:
                n = len(ws)
                if label not in seen and (n == 1 or tuple(keys[i + 1:i + n]) == ws[1:]):
                    out.append((i, n, label))
                    seen.add(label)
        return out


@dataclass(frozen=True)
class Lexicon:
    """Everything the statement extractor knows about one language."""

    lang: str
    order: str
    cues: dict[str, list[Cue]]
    cue_prefixes: tuple[str, ...]
    quotes: tuple[tuple[str, str], ...]
    complementizers: Phrases
    relatives: frozenset[str]
    pronouns: frozenset[str]
    anaphors: Phrases
    generic_org: Phrases
    roles: frozenset[str]
    connectors: frozenset[str]
    media: frozenset[str]
    anonymous: Phrases
    anonymous_after: Phrases
    prepositions: Phrases
    prep_clitics: tuple[str, ...]
    fillers: Phrases
    participles: frozenset[str]
    first_person: frozenset[str]
    stance_acts: dict[str, Phrases]
    stance_words: dict[str, Phrases]
    demand_acts: Phrases
    directives: Phrases
    foreign: Phrases
    foreign_not_before: frozenset[str]
    hostile: Phrases
    labels: Phrases
    label_words: Phrases
    oppose: Phrases
    destabilise: Phrases
    conjunctions: frozenset[str] = frozenset()
    stance_index: Labelled | None = None
    adjective_prefix: str = ""
    adjective_suffixes: tuple[str, ...] = ()
    person_roles: frozenset[str] = frozenset()
    clause_breaks: Phrases | None = None
    postpositions: frozenset[str] = frozenset()
    clitics: tuple[str, ...] = field(default=())
    person_pronouns: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()  # "no" before a word of appeal: "no dialogue" refuses it
    pairs: tuple[tuple[str, int], ...] = ()  # (stance, distance) of each pair of word lists
    clause_final: Phrases | None = None  # words that end a clause (verbs, where they come last)

    def is_adjective(self, k: str) -> bool:
        """A word shaped like an adjective of relation ("الروسية", "آمریکایی") that follows a title."""
        if not self.adjective_suffixes or not k.startswith(self.adjective_prefix):
            return False
        return len(k) > len(self.adjective_prefix) + 3 and k.endswith(self.adjective_suffixes)

    def cue_at(self, keys: list[str], i: int, stop: int | None = None) -> tuple[Cue, int] | None:
        """The longest cue starting at word ``i`` (with or without a conjunction prefix); a cue
        with a separable particle counts only when the particle follows before ``stop``."""
        k = keys[i]
        cues = self.cues
        if k not in cues and not (k[:1] in self.cue_prefixes and k[1:] in cues):
            if not any(k.startswith(p) and k[len(p):] in cues for p in self.cue_prefixes if len(p) > 1):
                return None
        cands = [k] + [k[len(p):] for p in self.cue_prefixes if k.startswith(p) and len(k) - len(p) >= 2]
        best: tuple[Cue, int] | None = None
        for c in cands:
            for cue in self.cues.get(c, ()):
                n = len(cue.words)
                if tuple(keys[i + 1:i + n]) == cue.words[1:] and i + n <= len(keys):
                    if cue.particle is not None and cue.particle not in keys[i + n:stop if stop else i + 16]:
                        continue
                    if best is None or n > len(best[0].words) or (
                            n == len(best[0].words) and cue.particle and not best[0].particle):
                        best = (cue, n)
        return best


def _expand(entry: dict[str, Any], lex: dict[str, Any], origin: str) -> list[Cue]:
    unknown = set(entry) - _CUE_KEYS
    if unknown:
        raise ConfigError(f"{origin}: unknown cue key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_CUE_KEYS))}")
    stance = entry.get("stance", "inform")
    if stance not in STANCES:
        raise ConfigError(f"{origin}: stance {stance!r} is not one of {', '.join(STANCES)}")
    phrases: list[str] = []
    endings: dict[str, str] = {}
    for stem in entry.get("past", ()) or ():
        for s in lex.get("past_suffixes") or [""]:
            phrases.append(f"{stem}{s}")
            endings.setdefault(f"{stem}{s}", s)
    phrases += list(entry.get("present", ()) or ()) + list(entry.get("forms", ()) or ())
    if "compound" in entry:
        light = entry.get("light")
        forms = (lex.get("light_verbs") or {}).get(light)
        if not forms:
            raise ConfigError(f"{origin}: compound cue {entry['compound']} names unknown light verb {light!r}")
        head = " ".join(entry["compound"])
        phrases += [f"{head} {f}" for f in forms]
    if "participle" in entry:
        aux = (lex.get("auxiliaries") or {}).get(entry.get("aux"))
        if not aux:
            raise ConfigError(f"{origin}: cue {entry['participle']} names unknown auxiliary {entry.get('aux')!r}")
        phrases += [f"{a} {p}" for p in entry["participle"] for a in aux]
    relay = entry.get("relay")
    out = []
    for p in dict.fromkeys(phrases):
        ws = _words(str(p))
        if not ws:
            continue
        out.append(Cue(
            words=ws, stance=stance, continues=bool(entry.get("continues")),
            needs=frozenset(entry.get("needs") or ()),
            needs_next=frozenset(fold(x) for x in entry.get("needs_next") or ()),
            nominal=bool(entry.get("nominal")),
            relay=None if relay is None else tuple(fold(x) for x in relay),
            according=bool(entry.get("according")), source_before=bool(entry.get("source_before")),
            particle=fold(str(entry["particle"])) if entry.get("particle") else None,
            secondary=bool(entry.get("secondary")),
            ending=endings.get(p),
            adverbial=bool(entry.get("adverbial")),
            needs_before=frozenset(fold(x) for x in entry.get("needs_before") or ()),
        ))
    return out


def _set(v: Any) -> frozenset[str]:
    out = set()
    for x in v or ():
        out.update(_words(str(x)) if " " not in str(x) else [" ".join(_words(str(x)))])
    return frozenset(out)


def _no_bare_booleans(x: Any, origin: str, path: str = "") -> None:
    """YAML reads a bare no, on, off, yes, false as a boolean: in a list of words that is a
    word lost without a trace, so it is an error (write it in quotes)."""
    if isinstance(x, dict):
        for k, v in x.items():
            _no_bare_booleans(v, origin, f"{path}/{k}")
    elif isinstance(x, list):
        for v in x:
            if isinstance(v, bool):
                raise ConfigError(f"{origin}: {path or '/'} has a bare {str(v).lower()}; write the word in quotes")
            _no_bare_booleans(v, origin, path)


def parse_lexicon(data: dict[str, Any], origin: str) -> Lexicon:
    """Build a :class:`Lexicon` from the mapping of a ``lang/<code>.yaml`` file."""
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KNOWN_KEYS))}")
    _no_bare_booleans(data, origin)
    cues: dict[str, list[Cue]] = {}
    for entry in data.get("cues") or ():
        for cue in _expand(entry, data, origin):
            cues.setdefault(cue.words[0], []).append(cue)
    clitics = tuple(sorted((fold(c) for c in data.get("clitics") or ()), key=len, reverse=True))
    stance = data.get("stance") or {}
    unknown = set(stance) - set(STANCES)
    if unknown:
        raise ConfigError(f"{origin}: unknown stance(s) {', '.join(sorted(unknown))}")

    pairs = list(data.get("pairs") or ())
    for p in pairs:
        if not isinstance(p, dict) or p.get("stance") not in STANCES or not p.get("a") or not p.get("b"):
            raise ConfigError(f"{origin}: each of pairs needs a stance (one of {', '.join(STANCES)}) and word lists a, b")

    def ph(key: str, cl: tuple[str, ...] = clitics) -> Phrases:
        return Phrases(data.get(key), cl)

    return Lexicon(
        lang=str(data.get("lang") or origin),
        order=str(data.get("order") or "svo"),
        cues=cues,
        cue_prefixes=tuple(fold(p) for p in data.get("cue_prefixes") or ()),
        quotes=tuple((str(a), str(b)) for a, b in data.get("quotes") or ()),
        complementizers=ph("complementizers", ()),
        relatives=_set(data.get("relatives")),
        pronouns=_set(data.get("pronouns")),
        anaphors=ph("anaphors", ()),
        generic_org=ph("generic_org", ()),
        roles=_set(data.get("roles")),
        connectors=_set(data.get("connectors")),
        media=_set(data.get("media")),
        anonymous=ph("anonymous", ()),
        anonymous_after=ph("anonymous_after", ()),
        prepositions=ph("prepositions", ()),
        prep_clitics=tuple(sorted((fold(c) for c in data.get("prep_clitics") or ()), key=len, reverse=True)),
        fillers=ph("fillers", ()),
        participles=_set(data.get("participles")),
        first_person=_set(data.get("first_person")),
        stance_acts={s: Phrases((stance.get(s) or {}).get("acts"), clitics) for s in STANCES},
        stance_words={s: Phrases((stance.get(s) or {}).get("words"), clitics) for s in STANCES},
        demand_acts=ph("demand_acts"),
        directives=ph("directives"),
        foreign=ph("foreign"),
        foreign_not_before=_set(data.get("foreign_not_before")),
        hostile=ph("hostile"),
        labels=ph("labels"),
        label_words=ph("label_words"),
        oppose=ph("oppose"),
        destabilise=ph("destabilise"),
        conjunctions=_set(data.get("conjunctions")),
        stance_index=Labelled(
            [(f"act:{s}", (stance.get(s) or {}).get("acts")) for s in STANCES]
            + [(f"lead:{s}", (stance.get(s) or {}).get("lead")) for s in STANCES]
            + [(f"word:{s}", (stance.get(s) or {}).get("words")) for s in STANCES]
            + [(k, data.get(k)) for k in ("demand_acts", "directives", "foreign", "hostile", "labels",
                                           "label_words", "oppose", "destabilise")]
            + [(f"pair{i}{side}", p.get(side)) for i, p in enumerate(pairs) for side in ("a", "b")], clitics),
        adjective_prefix=fold(str((data.get("adjectives") or {}).get("prefix") or "")),
        adjective_suffixes=tuple(fold(x) for x in (data.get("adjectives") or {}).get("suffixes") or ()),
        person_roles=_set(data.get("person_roles")),
        clause_breaks=Phrases(data.get("clause_breaks"), ()),
        postpositions=_set(data.get("postpositions")),
        clitics=clitics,
        person_pronouns=_set(data.get("person_pronouns")),
        negations=_set(data.get("negations")),
        pairs=tuple((str(p["stance"]), int(p.get("within", 4))) for p in pairs),
        clause_final=Phrases(data.get("clause_final"), ()),
    )


def available_languages() -> list[str]:
    """Codes of the languages that ship a cue file."""
    base = resources.files(__package__) / "lang"
    return sorted(p.name[:-5] for p in base.iterdir() if p.name.endswith(".yaml"))


def load_lexicon(code: str) -> Lexicon:
    """The shipped lexicon for language ``code``; ConfigError names the known ones when missing."""
    base = resources.files(__package__) / "lang"
    f = base / f"{code}.yaml"
    if not f.is_file():
        raise ConfigError(f"no statement cues for language {code!r}; shipped: {', '.join(available_languages())}")
    data = yamlio.safe_load(f.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"statements/lang/{code}.yaml: expected a mapping at the top level")
    return parse_lexicon(data, f"statements/lang/{code}.yaml")
