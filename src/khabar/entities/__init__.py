"""Entities: who and what a document names, one entity however it is spelt.

- :class:`EntityRecognizer` (one per process, from a :class:`KnowledgeBase`):
  ``find(doc, on)`` gives the mentions of one document, sorted and never overlapping, with
  ``text[m.start:m.end] == m.text``. Per mention: ``type`` PER/ORG/GPE/LOC; ``kb_id`` the KB
  entry's id (``KBEntry.id``) when known; ``key`` the per-word consonant skeleton of the name
  (:func:`name_key`) or, for offices and bodies, the role; ``role`` ``"office:CODE"`` for an
  office or a name next to one (``"foreign_minister:US"``), ``"body:CODE"`` for an unnamed
  body (``"foreign_ministry:RU"``, ``"government:KZ"``), ``"capital:RU"`` for a capital;
  ``source`` gazetteer / sound (a spelling matched by its skeleton) / pattern (a name the KB
  lacks) / short (a surname) / role / body / demonym.
- :class:`EntityResolver` (one per run): ``add(doc, mentions)`` sets ``entity`` (the KB id, an
  ``"x:..."`` id for a name the KB lacks, ``"body:kind:CODE"`` for a body, None for an office
  nobody could be tied to); ``entities()`` lists them with one English name each;
  ``affiliation(entity_id)`` and ``speaker_affiliation(mention)`` give whom they speak for.
- :func:`affiliation_of_role`: the code in a role (``"foreign_minister:US"`` -> ``"US"``).
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
