"""Where sources disagree: claims about the same thing with values that do not fit together.

Two claims are about the same thing when they have the same property and unit and the same
concepts (``claims/concepts.yaml``: "قوات حفظ السلام", "نیروهای حافظ صلح" and "CSTO
peacekeepers" are all ``peacekeepers``); claims whose subject names no concept are compared
only with claims of the same subject words. Each claim stands for a range: a figure for itself,
"at least 2,000" for 2,000 and up, "dozens" for 20-199 (see ``numbers.VAGUE_RANGES``). A group
is a conflict when two of its ranges are further apart than the tolerance (5% of the larger
value by default; one day for dates). "Not disclosed" is listed as a position of a conflict
about the same property; on its own it contradicts nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Claim
from ..normalise import key, tokens
from .extract import PART
from .lexicon import concepts, lexicon
from .numbers import VAGUE_RANGES

__all__ = ["ConflictValue", "ConflictGroup", "cross_check", "timeline", "concepts_of", "NOT_DISCLOSED"]

NOT_DISCLOSED = "not disclosed"
#: Properties that are context, not checkable facts.
_SKIP = frozenset({"date", "percentage"})
_LABEL_CHANGE = {"doubled": 100.0, "tripled": 200.0, "halved": -50.0}
_UP = frozenset({"at least", "more than"})
_DOWN = frozenset({"at most", "less than"})


@dataclass(frozen=True)
class ConflictValue:
    """One position in a conflict: a value and the claims that report it."""

    value: int | float | str
    claims: tuple[str, ...]
    qualifier: str | None = None


@dataclass(frozen=True)
class ConflictGroup:
    """Claims about one property of one subject that disagree."""

    property: str
    subject: str
    values: tuple[ConflictValue, ...]
    concepts: tuple[str, ...] = ()
    unit: str | None = None

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(c for v in self.values for c in v.claims)

    @property
    def id(self) -> str:
        """Stable for the same property, subject and claims."""
        basis = "|".join([self.property, ",".join(self.concepts) or self.subject, *sorted(self.claim_ids)])
        return "cf_" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        """The export shape: ``property``, ``subject``, ``values: [{value, claims}]`` (+ extras)."""
        return {
            "id": self.id, "property": self.property, "subject": self.subject, "unit": self.unit,
            "concepts": list(self.concepts),
            "values": [{"value": v.value, "claims": list(v.claims), "qualifier": v.qualifier} for v in self.values],
        }


def concepts_of(subject: str) -> tuple[str, ...]:
    """Concepts named in ``subject`` (any language), most specific first."""
    ks = [t.key for t in tokens(subject)]
    table, order = concepts()
    clitics = lexicon("ar").clitics
    found: set[str] = set()
    i = 0
    while i < len(ks):
        m = table.match(ks, i, clitics)
        if m is not None:
            found.add(str(m[1]))
            i += m[0]
        else:
            i += 1
    return tuple(c for c in order if c in found)


@dataclass
class _Position:
    value: int | float | str
    qualifier: str | None
    span: tuple[float, float]
    claims: list[str] = field(default_factory=list)


def _span(c: Claim) -> tuple[float, float] | None:
    v = c.value
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, str):
        if v in VAGUE_RANGES:
            return VAGUE_RANGES[v]
        if v in _LABEL_CHANGE:
            x = _LABEL_CHANGE[v]
            return x, x
        try:
            d = dt.date.fromisoformat(v[:10]).toordinal()
        except ValueError:
            return None
        return float(d), float(d)
    x = float(v)
    if c.qualifier in _UP:
        return x, math.inf
    if c.qualifier in _DOWN:
        return -math.inf, x
    return x, x


def _apart(a: tuple[float, float], b: tuple[float, float], tol: float, is_date: bool) -> bool:
    (l1, h1), (l2, h2) = a, b
    if l2 > h1:
        gap, ref = l2 - h1, max(abs(l2), abs(h1))
    elif l1 > h2:
        gap, ref = l1 - h2, max(abs(l1), abs(h2))
    else:
        return False
    return gap > 1 if is_date else gap > tol * ref


def _is_date(c: Claim) -> bool:
    return isinstance(c.value, str) and len(c.value) >= 10 and c.value[4:5] == "-" and c.value[:4].isdigit()


def _group_key(c: Claim, tags: tuple[str, ...]) -> tuple[str, str, str]:
    what = tags[0] if tags else "~" + key(c.subject)
    return c.property, c.unit or "", what


def cross_check(claims: Sequence[tuple[str, Claim]], tolerance: float = 0.05) -> list[ConflictGroup]:
    """Conflicts among ``claims`` (``(claim id, Claim)`` pairs, typically one event's)."""
    groups: dict[tuple[str, str, str], list[tuple[str, Claim, tuple[float, float]]]] = {}
    undisclosed: list[tuple[str, Claim, tuple[str, ...]]] = []
    for cid, c in claims:
        if c.property in _SKIP or c.qualifier == PART:
            continue  # context, or a part of another count ("19 of them")
        tags = concepts_of(c.subject)
        if c.value is None:
            if c.qualifier == NOT_DISCLOSED:
                undisclosed.append((cid, c, tags))
            continue
        span = _span(c)
        if span is None:
            continue
        gk = _group_key(c, tags)
        groups.setdefault(gk, []).append((cid, c, span))
    out: list[ConflictGroup] = []
    for gk, members in groups.items():
        is_date = all(_is_date(c) for _, c, _ in members)
        positions: list[_Position] = []
        for cid, c, span in members:
            for p in positions:
                if p.qualifier == c.qualifier and not _apart(p.span, span, tolerance, is_date) and (
                        isinstance(p.value, str) == isinstance(c.value, str)):
                    p.claims.append(cid)
                    break
            else:
                positions.append(_Position(c.value, c.qualifier, span, [cid]))  # type: ignore[arg-type]
        clash = any(_apart(p.span, q.span, tolerance, is_date) for n, p in enumerate(positions)
                    for q in positions[n + 1:])
        if not clash:
            continue
        concept = "" if gk[2].startswith("~") else gk[2]
        values = [ConflictValue(p.value, tuple(p.claims), p.qualifier) for p in positions]
        quiet = [cid for cid, c, t in undisclosed
                 if c.property == gk[0] and (not t or (concept and t[0] == concept))]
        if quiet:
            values.append(ConflictValue(NOT_DISCLOSED, tuple(quiet), NOT_DISCLOSED))
        subject = concept or next((c.subject for _, c, _ in members if c.subject), "")
        out.append(ConflictGroup(property=gk[0], subject=subject, values=tuple(values),
                                 concepts=(concept,) if concept else (), unit=gk[1] or None))
    return out


def _date_of(x: Any) -> str | None:
    obj = x[1] if isinstance(x, tuple) else x
    d = getattr(obj, "date", None)
    return str(d)[:10] if d else None


def timeline(dated: Sequence[Any]) -> list[Any]:
    """Items with a ``date`` (``DatedEvent``, ``Claim``, ``Statement``, or ``(doc id, item)``
    pairs), oldest first; ties keep document and text order. Undated items are left out."""
    keyed = [(d, n, x) for n, x in enumerate(dated) if (d := _date_of(x))]

    def order(t: tuple[str, int, Any]) -> tuple[str, str, int, int]:
        d, n, x = t
        doc = x[0] if isinstance(x, tuple) and isinstance(x[0], str) else ""
        obj = x[1] if isinstance(x, tuple) else x
        return d, doc, int(getattr(obj, "start", 0) or 0), n

    return [x for _, _, x in sorted(keyed, key=order)]
