"""Stance of one statement from its cue, what was said, and the words around the cue.

The order of evidence, strongest first:

1. a cue that carries a stance ("أدان", "condemned", "رد کرد") decides, except that a call for a
   concrete act (withdraw, rescind, respect sovereignty, explain) is a demand, not an appeal;
2. a speech act inside what was said ("نرحب", "we urge", "محکوم میکنم"), the first one;
3. words about the situation, the first one: restraint and dialogue (appeal), worry and "closely
   following" (concern), readiness and help (support), a coup or instigators (accuse), and two
   combinations: a foreign hand together with a hostile act (accuse), opposing attempts to
   destabilise someone (support);
4. criticism in the reporting clause around the cue ("angered Moscow by saying");
5. otherwise the statement informs.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import STANCES, Cue, Lexicon

__all__ = ["classify"]

_ORDER = {s: i for i, s in enumerate(STANCES)}
_FRAME = ("criticize",)


class _Found:
    """Where each kind of stance evidence first occurs in a list of words."""

    def __init__(self, lex: Lexicon, keys: Sequence[str], memo: dict | None = None) -> None:
        self.first: dict[str, int] = {}
        self.acts: tuple[int, str] | None = None
        self.words: tuple[int, str] | None = None
        nb = lex.foreign_not_before
        found = lex.stance_index.scan(list(keys), memo) if lex.stance_index is not None else []
        for pos, n, label in found:
            if label == "foreign" and pos + n < len(keys) and keys[pos + n] in nb:
                continue
            if label.startswith("act:"):
                if self.acts is None:
                    self.acts = (pos, label[4:])
            elif label.startswith("word:"):
                if self.words is None:
                    self.words = (pos, label[5:])
            self.first.setdefault(label, pos)
        self.n = len(keys)

    def get(self, label: str) -> int | None:
        return self.first.get(label)


def _situation(f: _Found, keys: Sequence[str]) -> tuple[int, str] | None:
    """The first situation word or combination (rule 3), with its position."""
    cands: list[tuple[int, str]] = []
    if f.words:
        cands.append(f.words)
    foreign, hostile = f.get("foreign"), f.get("hostile")
    if foreign is not None and hostile is not None:
        cands.append((min(foreign, hostile), "accuse"))
    label, lw = f.get("labels"), f.get("label_words")
    if label is not None and lw is not None and label <= lw <= label + 6:
        cands.append((label, "accuse"))
    oppose, destab = f.get("oppose"), f.get("destabilise")
    if oppose is not None and destab is not None and foreign is None:
        cands.append((min(oppose, destab), "support"))
    if not cands:
        return None
    return min(cands, key=lambda c: (c[0], _ORDER[c[1]]))


def _demanded(f: _Found, cue: Cue) -> bool:
    """A concrete act asked for: a demand word with a directive (a call, "must", "should")."""
    if f.get("demand_acts") is None:
        return False
    return cue.stance in ("appeal", "demand") or f.get("directives") is not None or f.get("act:appeal") is not None


def classify(lex: Lexicon, keys: Sequence[str], cue: Cue, frame: Sequence[str] = (),
             memo: dict | None = None) -> tuple[str, float]:
    """``(stance, confidence)`` for content word keys ``keys`` reported with ``cue``; ``memo``
    is an optional per-document dict that speeds up repeated words."""
    f = _Found(lex, keys, memo)
    demanded = _demanded(f, cue)
    if cue.stance != "inform":
        if cue.stance == "appeal" and demanded:
            return "demand", 0.8
        if cue.stance == "demand" and f.get("demand_acts") is None and f.get("word:appeal") is not None:
            return "appeal", 0.7  # "demanded restraint": a call for calm, not for a concrete act
        return cue.stance, 0.85
    if f.acts:
        s = f.acts[1]
        return ("demand", 0.75) if s == "appeal" and demanded else (s, 0.8)
    sit = _situation(f, keys)
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
