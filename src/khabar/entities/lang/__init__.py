"""Words that name, introduce or stop a name, one module per language.

Adding a language is adding a module here with the same names (see ``ar.py``): ``STOP`` (words
that end a name span and can never be a name), ``TITLES`` (words that put a person's name next
to them), ``ORG_TITLES`` (words that put an organisation's name after them), ``OFFICES``
(office id -> phrases, merged with the knowledge base's), ``IMPLIED_OFFICES`` (phrase ->
office and the country it implies: "Secretary of State" is American), ``BODIES`` (body kind ->
phrases: "the foreign ministry", "the authorities"), ``IMPLIED_BODIES`` (phrase -> kind and
country: "the Kremlin"), ``CONNECTORS`` (words allowed between an office and its country:
"of", "في"), ``QUALIFIER_BEFORE`` ("US Secretary of State", "российский президент"),
``JOINERS`` (name particles: عبد, bin, de, van), ``CAPITALISED_NOUNS`` (German: a run of
capitalised words is a name only after a title), ``SCRIPT``. The recogniser uses the union of
all of them: a document mixes languages and its language is not always known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module
from types import MappingProxyType

__all__ = ["Lexicon", "LANGS", "lexicon", "lexicons"]

LANGS = ("ar", "fa", "ur", "ps", "en", "ru", "fr", "es", "de", "tr")


@dataclass(frozen=True)
class Lexicon:
    lang: str
    script: str
    stop: frozenset[str] = frozenset()
    titles: tuple[str, ...] = ()
    org_titles: tuple[str, ...] = ()
    offices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    implied_offices: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    bodies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    implied_bodies: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    connectors: frozenset[str] = frozenset()
    qualifier_before: bool = False
    joiners: frozenset[str] = frozenset()
    capitalised_nouns: bool = False  # every noun is capitalised (German): a run needs a title


def lexicon(lang: str) -> Lexicon:
    """The lexicon of one language (a module of this package)."""
    m = import_module(f"{__name__}.{lang}")
    return Lexicon(
        lang=lang,
        script=m.SCRIPT,
        stop=frozenset(m.STOP.split()),
        titles=tuple(getattr(m, "TITLES", ())),
        org_titles=tuple(getattr(m, "ORG_TITLES", ())),
        offices=MappingProxyType({k: tuple(v) for k, v in getattr(m, "OFFICES", {}).items()}),
        implied_offices=MappingProxyType(dict(getattr(m, "IMPLIED_OFFICES", {}))),
        bodies=MappingProxyType({k: tuple(v) for k, v in getattr(m, "BODIES", {}).items()}),
        implied_bodies=MappingProxyType(dict(getattr(m, "IMPLIED_BODIES", {}))),
        connectors=frozenset(getattr(m, "CONNECTORS", "").split()),
        qualifier_before=bool(getattr(m, "QUALIFIER_BEFORE", False)),
        joiners=frozenset(getattr(m, "JOINERS", "").split()),
        capitalised_nouns=bool(getattr(m, "CAPITALISED_NOUNS", False)),
    )


def lexicons() -> tuple[Lexicon, ...]:
    return tuple(lexicon(code) for code in LANGS)
