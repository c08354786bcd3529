"""Claims: the numbers and dates a story reports, what they count, and where sources disagree.

- ``extract_claims(doc, published)``: numbers with what they count (troops, killed, injured,
  detained, prices, changes, lengths of time, money), "not disclosed" statements and dates of
  what happened, each a ``Claim`` span of the document text.
- ``resolve_dates(doc, published)``: every date expression as a ``DatedEvent``;
  ``parse_date_expr(text, lang, ref)`` for one expression; ``date_for_span`` and
  ``date_statements`` for the day a statement was made.
- ``cross_check(claims)``: claims about the same property of comparable subjects whose values
  disagree, as ``ConflictGroup``; ``timeline(dated)`` orders dated items.
- ``find_numbers(text, lang)``: the number reader underneath.

Languages are data: ``claims/lang/<code>.yaml`` (hand-written for ar, fa, en, ru; smaller
tables for fr, de, es, tr, ur, ps; month names of any other language from dateparser) and
``claims/concepts.yaml`` (what a subject is about, for the cross-check).
"""

from __future__ import annotations

from .crosscheck import NOT_DISCLOSED, ConflictGroup, ConflictValue, concepts_of, cross_check, timeline
from .dates import DateMention, date_for_span, date_statements, find_dates, parse_date_expr, resolve_dates
from .extract import PART, VERSION, extract_claims
from .numbers import VAGUE_RANGES, Number, find_numbers

__all__ = [
    "VERSION", "extract_claims", "resolve_dates", "parse_date_expr", "date_for_span", "date_statements",
    "find_dates", "DateMention", "find_numbers", "Number", "VAGUE_RANGES", "cross_check", "timeline",
    "ConflictGroup", "ConflictValue", "concepts_of", "NOT_DISCLOSED", "PART",
]
