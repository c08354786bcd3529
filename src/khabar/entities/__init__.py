"""Entities: who and what a document names, one entity however it is spelt.

- :class:`EntityRecognizer` (per process, from a :class:`KnowledgeBase`): ``find(doc, on)``
  gives the mentions of people, organisations, places, offices and unnamed bodies of one
  document, with offsets into its text, KB ids, and roles resolved on the date.
- :class:`EntityResolver` (per run): ``add(doc, mentions)`` ties mentions to entity ids across
  documents and scripts; ``entities()`` lists them with one English name each.
- :func:`affiliation_of_role`: the country or organisation code in a mention's role
  (``"foreign_minister:US"`` -> ``"US"``), for whoever needs a speaker's affiliation.
"""

from .kb import KBEntry, KnowledgeBase, Role, load_kb
from .phonetic import name_key, skeleton
from .recognise import EntityRecognizer
from .resolve import EntityResolver
from .roles import affiliation_of_role, split_role

__all__ = [
    "EntityRecognizer", "EntityResolver", "KnowledgeBase", "KBEntry", "Role", "load_kb",
    "affiliation_of_role", "split_role", "skeleton", "name_key",
]
