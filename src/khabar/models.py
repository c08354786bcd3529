"""Plain data passed between pipeline stages.

Every stage takes and returns these frozen records: the document text is set once by
``clean`` and never changed afterwards; everything found later is a ``[start, end)`` span
into ``Document.text`` so a person can check it against the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]


@dataclass(frozen=True)
class RawArticle:
    """One input item before decoding: a file, a JSONL record, a feed item or a WARC record.

    ``data`` is bytes when the reader could not know the encoding (files, HTTP bodies) and
    str when the container already decoded it (JSONL, feeds). ``kind`` tells ``clean`` how to
    treat it: ``"text"`` (a scraped text dump) or ``"html"``.
    """

    source: str
    kind: str
    data: bytes | str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    lang_hint: str | None = None
    fetched: str | None = None
    origin: str | None = None
    meta: Json = field(default_factory=dict)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of ``Document.text`` with its own language: a caption in English inside an
    Arabic article is normal and must not flip the document's language."""

    start: int
    end: int
    lang: str = "und"
    confidence: float = 0.0


@dataclass(frozen=True)
class Document:
    """A cleaned article. ``text`` is the verbatim body (boilerplate removed, nothing rewritten)."""

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    lang: str = "und"
    lang_confidence: float = 0.0
    paragraphs: tuple[Paragraph, ...] = ()
    origin: str | None = None
    removed: tuple[str, ...] = ()
    meta: Json = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    """A name in the text. ``entity`` is filled by the resolve stage (an entity id) or stays None."""

    start: int
    end: int
    text: str
    type: str
    key: str = ""
    entity: str | None = None
    kb_id: str | None = None
    source: str = "gazetteer"
    role: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place, with one English name."""

    id: str
    type: str
    name: str
    aliases: tuple[tuple[str, str], ...] = ()
    affiliation: str | None = None
    kb_id: str | None = None


@dataclass(frozen=True)
class Statement:
    """One reporting clause: who said what, with the span of what was said."""

    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    speaker_text: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None
    speaker_affiliation: str | None = None
    direct: bool = False
    stance: str = "inform"
    stance_confidence: float = 0.5
    target: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Claim:
    """A checkable number or date with what it counts."""

    start: int
    end: int
    property: str
    value: float | int | str | None
    unit: str | None = None
    subject: str = ""
    qualifier: str | None = None
    text: str = ""
    date: str | None = None


@dataclass(frozen=True)
class DatedEvent:
    """A happening with a resolved date, for the timeline."""

    start: int
    end: int
    date: str
    text: str
    precision: str = "day"


@dataclass(frozen=True)
class Rejection:
    """A failed input is data, not None: where, which stage, why."""

    origin: str
    stage: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Analysis:
    """Everything the per-article stages know about one document."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    claims: tuple[Claim, ...] = ()
    dates: tuple[DatedEvent, ...] = ()
    embedding: tuple[float, ...] | None = None
