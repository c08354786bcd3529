"""Statements: who said what, to whom, with which stance.

``StatementExtractor(affiliation_of).extract(doc, mentions)`` finds reporting clauses from the
cue words, quotation marks and names of the document; the words of each language are data in
``lang/<code>.yaml`` (ar, fa, ur, ps, tr, en, fr, de, es, ru). See :mod:`.extract` for how a
statement is put together and :mod:`.stance` for the stance rules.
"""

from __future__ import annotations

from .extract import StatementExtractor, default_affiliation
from .lexicon import STANCES, Lexicon, available_languages, load_lexicon

VERSION = StatementExtractor.VERSION

__all__ = ["StatementExtractor", "default_affiliation", "STANCES", "Lexicon", "available_languages",
           "load_lexicon", "VERSION"]
