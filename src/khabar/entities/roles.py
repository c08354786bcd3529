"""Offices and bodies: who "the US Secretary of State" was on a given day, and whom
"the Russian Foreign Ministry" speaks for.

A role is written ``"office:CODE"`` (``"foreign_minister:US"``, ``"spokesperson:UN"``) for a
person's office and ``"body:CODE"`` for an unnamed body (``"foreign_ministry:RU"``,
``"government:KZ"``); ``CODE`` is an ISO 3166-1 alpha-2 code or an organisation code. When the
country is not known the role is the bare office or body (``"spokesperson"``). A capital city
that stands for its government carries ``"capital:RU"``. :func:`affiliation_of_role` gives the
code back to whoever needs an affiliation (the statements stage).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .kb import KBEntry, KnowledgeBase

__all__ = ["BODY_KINDS", "role_string", "split_role", "affiliation_of_role", "parse_date",
           "corpus_date", "holders_on", "SPOKESPERSON_OF"]

#: Unnamed bodies the recogniser knows, with an English label for round-ups.
BODY_KINDS = {
    "foreign_ministry": "Foreign Ministry",
    "defence_ministry": "Defence Ministry",
    "interior_ministry": "Interior Ministry",
    "government": "authorities",
    "state_media": "state media",
    "military": "armed forces",
    "parliament": "parliament",
}

#: "The spokesperson of <body or office>" is this office.
SPOKESPERSON_OF = {
    "foreign_ministry": "foreign_ministry_spokesperson",
    "government": "government_spokesperson",
    "head_of_state": "presidential_spokesperson",
    "head_of_government": "government_spokesperson",
}

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def role_string(kind: str, code: str | None) -> str:
    return f"{kind}:{code}" if code else kind


def split_role(role: str | None) -> tuple[str | None, str | None]:
    """``"foreign_minister:US"`` -> ("foreign_minister", "US"); a bare role has no code."""
    if not role:
        return None, None
    kind, _, code = role.partition(":")
    return kind, (code or None)


def affiliation_of_role(role: str | None) -> str | None:
    """Whom a mention with this role speaks for: the code after the colon, if any."""
    return split_role(role)[1]


def parse_date(value: object) -> date | None:
    """A date from an ISO string (a datetime's date part counts), a date, or None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    m = _ISO.match(str(value).strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def corpus_date(dates: Iterable[date]) -> date | None:
    """The date to read an undated article at: the median of the corpus's dates."""
    ds = sorted(dates)
    return ds[(len(ds) - 1) // 2] if ds else None


def holders_on(kb: KnowledgeBase, office: str, of: str | None, on: date | None,
               ever: dict[tuple[str, str], list[KBEntry]] | None = None) -> list[KBEntry]:
    """Who held the office for ``of`` on the day; without a day, only someone who is the one
    holder the KB has ever recorded for it (so an undated article still gets a lasting office).
    ``ever`` is (office, of) -> every holder, when the caller has it at hand."""
    if not of:
        return []
    if on is not None:
        return kb.holders(office, of, on)
    if ever is None:
        found = [e for e in kb.entries.values() if any(r.office == office and r.of == of for r in e.roles)]
    else:
        found = ever.get((office, of), [])
    return list(found) if len(found) == 1 else []
