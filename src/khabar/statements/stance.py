"""Stance of one statement from its cue, what was said, and the words around the cue.

The order of evidence, strongest first:

1. a cue that carries a stance ("أدان", "condemned", "رد کرد") decides, except that a call for a
   concrete act (withdraw, rescind, respect sovereignty, explain) is a demand, not an appeal,
   and that a warning ("warned", "حذر") which condemns or blames is criticism or an accusation;
2. the noun of a speech act opening what was said ("جددت اتهام ...", "expressed its support");
3. a speech act inside what was said ("نرحب", "we urge", "محکوم میکنم"), the first one; a word of
   appeal after a negation refuses it ("لا حوار مع ...", "no negotiations with ...": reject);
4. words about the situation, the first one: restraint and dialogue (appeal), worry and "closely
   following" (concern), readiness and help (support), a coup or instigators (accuse), and
   combinations: a foreign hand together with a hostile act (accuse), opposing attempts to
   destabilise someone (support), calling people terrorists or bandits (accuse: after a verb of
   naming, or in the speaker's own words in quotation marks), and the pairs each language lists
   (``pairs``: trust that the authorities can resolve it is support, "violence must stop" an
   appeal). Blame behind a negation forbids ("no one must interfere from outside": demand) or
   denies ("it was not inspired from abroad": reject) rather than accuses;
5. criticism in the reporting clause around the cue ("angered Moscow by saying");
6. otherwise the statement informs.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .lexicon import STANCES, Cue, Lexicon

__all__ = ["classify"]

_ORDER = {s: i for i, s in enumerate(STANCES)}
_FRAME = ("criticize",)
_BLAME = ("accuse",)


class _Found:
    """Where each kind of stance evidence first occurs in a list of words."""

    def __init__(self, lex: Lexicon, keys: Sequence[str], memo: dict | None = None) -> None:
        self.first: dict[str, int] = {}
        self.every: dict[str, list[int]] = {}
        self.acts: tuple[int, str] | None = None
        self.words: tuple[int, str] | None = None
        self.lead: str | None = None  # a speech act named by the noun that opens the content
        nb = lex.foreign_not_before
        found = lex.stance_index.scan(list(keys), memo) if lex.stance_index is not None else []
        for pos, n, label in found:
            if label == "foreign" and pos + n < len(keys) and keys[pos + n] in nb:
                continue
            if label.startswith("lead:"):
                if pos <= 1 and self.lead is None:
                    self.lead = label[5:]
                continue
            if label == "word:appeal" and pos > 0 and keys[pos - 1] in lex.negations:
                label = "act:reject"  # "لا حوار مع ...", "no negotiations with ...": a refusal
            if label.startswith("act:"):
                if self.acts is None:
                    self.acts = (pos, label[4:])
            elif label.startswith("word:"):
                if self.words is None:
                    self.words = (pos, label[5:])
            self.first.setdefault(label, pos)
            self.every.setdefault(label, []).append(pos)
        self.n = len(keys)
        self.label_cue = False

    def get(self, label: str) -> int | None:
        return self.first.get(label)


def _situation(f: _Found, lex: Lexicon, keys: Sequence[str], quoted: Collection[int]) -> tuple[int, str] | None:
    """The first situation word or combination (rule 4), with its position."""
    cands: list[tuple[int, str]] = []
    if f.words:
        cands.append(f.words)
    foreign, hostile = f.get("foreign"), f.get("hostile")
    if foreign is not None and hostile is not None:
        cands.append((min(foreign, hostile), "accuse"))
    label, lw = f.get("labels"), f.get("label_words")
    if f.label_cue:
        label = -1  # the cue itself names them ("واصفا إياهم بالإرهابيين", "describing them as ...")
    if label is not None and lw is not None and label <= lw <= label + 6:
        cands.append((max(label, 0), "accuse"))
    for p in f.every.get("label_words", ()):
        if p in quoted:
            cands.append((p, "accuse"))  # "fought only «terrorists»": the speaker's own label
            break
    oppose, destab = f.get("oppose"), f.get("destabilise")
    if oppose is not None and destab is not None and foreign is None:
        cands.append((min(oppose, destab), "support"))
    for i, (stance, within) in enumerate(lex.pairs):
        near = [(min(a, b)) for a in f.every.get(f"pair{i}a", ()) for b in f.every.get(f"pair{i}b", ())
                if abs(a - b) <= within]
        if near:
            cands.append((min(near), stance))
    if not cands:
        return None
    pos, stance = min(cands, key=lambda c: (c[0], _ORDER[c[1]]))
    if stance in _BLAME and any(keys[k] in lex.negations for k in range(max(0, pos - 2), pos)):
        # "it is important that no one interferes from outside": a demand to refrain; without
        # a "must" it denies the foreign hand
        return pos, "demand" if f.get("directives") is not None else "reject"
    return pos, stance


def _demanded(f: _Found, cue: Cue) -> bool:
    """A concrete act asked for: a demand word with a directive (a call, "must", "should")."""
    if f.get("demand_acts") is None:
        return False
    return cue.stance in ("appeal", "demand") or f.get("directives") is not None or f.get("act:appeal") is not None


def classify(lex: Lexicon, keys: Sequence[str], cue: Cue, frame: Sequence[str] = (),
             memo: dict | None = None, quoted: Collection[int] = ()) -> tuple[str, float]:
    """``(stance, confidence)`` for content word keys ``keys`` reported with ``cue``; ``memo``
    is an optional per-document dict that speeds up repeated words; ``quoted`` holds the
    positions of words inside short quotation marks (a label the speaker used)."""
    f = _Found(lex, keys, memo)
    f.label_cue = cue.stance == "inform" and any(lex.labels.match(list(cue.words), i) for i in range(len(cue.words)))
    demanded = _demanded(f, cue)
    if cue.stance == "concern":
        # "warned that the order can never be justified": a warning that condemns or blames
        got = f.acts or _situation(f, lex, keys, quoted)
        if got is not None and got[1] in ("criticize", "accuse"):
            return got[1], 0.7
    if cue.stance != "inform":
        if cue.stance == "appeal" and demanded:
            return "demand", 0.8
        if cue.stance == "demand" and f.get("demand_acts") is None and f.get("word:appeal") is not None:
            return "appeal", 0.7  # "demanded restraint": a call for calm, not for a concrete act
        return cue.stance, 0.85
    if f.lead:
        return ("demand", 0.75) if f.lead == "appeal" and demanded else (f.lead, 0.75)
    if f.acts:
        s = f.acts[1]
        return ("demand", 0.75) if s == "appeal" and demanded else (s, 0.8)
    sit = _situation(f, lex, keys, quoted)
    if sit:
        s = sit[1]
        return ("demand", 0.7) if s == "appeal" and demanded else (s, 0.65)
    if demanded:
        return "demand", 0.65
    if frame:
        w = _Found(lex, frame, memo).words
        if w and w[1] in _FRAME:
            return w[1], 0.55
    return "inform", 0.5
