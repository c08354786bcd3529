"""The stage registry: every per-article stage, in order, with what it needs and what it adds.

Stages are plain callables on an ``Analysis`` (or an iterator of them), built once per process,
with a versioned name that is stored with each run. The heavy parts (the language model, the
gazetteer, the statement lexicons) load on a stage's first document: with a process pool the
writing process and the workers each run only some of the stages, and every process used to
pay about 2.3 s at start for all of them. ``check_chain`` checks the chain before any input is
read, so a stage that lacks what it needs fails at once with the name of the missing piece
instead of half-way through a corpus.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .errors import PipelineError
from .models import Analysis, Document, Mention, RawArticle, Rejection
from .settings import Settings

if TYPE_CHECKING:
    from .entities import EntityRecognizer, EntityResolver
    from .statements import StatementExtractor


class Stage(Protocol):
    """A per-article stage."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, a: Analysis, ctx: Context) -> Analysis: ...


@dataclass
class Context:
    """What a stage may know beyond its document: the run's reference date for undated articles."""

    fallback_date: _dt.date | None = None

    def date_of(self, d: Document) -> _dt.date | None:
        if d.published:
            try:
                return _dt.date.fromisoformat(d.published[:10])
            except ValueError:
                pass
        return self.fallback_date


# -- ingest: RawArticle -> Document ----------------------------------------------------------
class Ingest:
    """Decode, clean and identify the language: the per-article front of the pipeline."""

    name = "ingest.v1"

    def __init__(self, settings: Settings, detector: object | None = None) -> None:
        from .clean import VERSION as CLEAN_VERSION
        from .language import VERSION as LANG_VERSION

        self.settings = settings
        self._detector = detector
        self.versions = {"clean": CLEAN_VERSION, "language": LANG_VERSION}

    @functools.cached_property
    def detector(self) -> object:
        """Loaded on first use: a writing process whose articles are read in pool workers
        never needs it."""
        from .language import LanguageDetector

        return self._detector if self._detector is not None else LanguageDetector()

    def __call__(self, raw: RawArticle) -> Document | Rejection:
        from .clean import clean_html, clean_text
        from .read.decode import DecodeError, decode
        from .store import doc_id

        origin = raw.origin or raw.source
        if isinstance(raw.data, bytes):
            try:
                text, _enc = decode(raw.data, raw.meta.get("charset") if raw.meta else None)
            except DecodeError as e:
                return Rejection(origin, "clean", str(e))
        else:
            text = raw.data.replace("\r\n", "\n")
        if not text.strip():
            return Rejection(origin, "clean", "empty document")
        try:
            if raw.kind == "html":
                c = clean_html(text, url=raw.url, title=raw.title, published=raw.published, outlet=raw.outlet)
            else:
                c = clean_text(text, url=raw.url, title=raw.title, published=raw.published, outlet=raw.outlet)
        except ValueError as e:
            return Rejection(origin, "clean", f"cannot extract article text ({e})")
        if not c.text.strip():
            return Rejection(origin, "clean", "no article text left after removing boilerplate")
        both = getattr(self.detector, "paragraphs_and_document", None)
        if both is not None:  # a LanguageDetector: one pass over the paragraphs
            paragraphs, (lang, conf) = both(c.text)
        else:
            paragraphs = self.detector.paragraphs(c.text)  # type: ignore[attr-defined]
            lang, conf = self.detector.document(c.text, paragraphs)  # type: ignore[attr-defined]
        if raw.lang_hint and lang == "und":
            lang = raw.lang_hint
        return Document(
            id=doc_id(raw.source, c.text), source=raw.source, text=c.text, title=c.title, url=raw.url,
            published=c.published, outlet=c.outlet, lang=lang, lang_confidence=round(float(conf), 4),
            paragraphs=tuple(paragraphs), origin=origin, removed=c.removed, meta=dict(raw.meta or {}),
        )


# -- analysis stages -------------------------------------------------------------------------
class Mentions:
    name = "mentions"
    requires = frozenset({"text", "lang"})
    provides = frozenset({"mentions"})

    def __init__(self, kb: object) -> None:
        from .entities import EntityRecognizer

        self.kb = kb
        self.name = EntityRecognizer.VERSION

    @functools.cached_property
    def recognizer(self) -> EntityRecognizer:
        """Built on first use (its gazetteer takes about a second): with a process pool, only
        the workers recognise names, and the writing process never builds one."""
        from .entities import EntityRecognizer

        return EntityRecognizer(self.kb)  # type: ignore[arg-type]

    def __call__(self, a: Analysis, ctx: Context) -> Analysis:
        return dataclasses.replace(a, mentions=tuple(self.recognizer.find(a.document, ctx.date_of(a.document))))


class Resolve:
    """Corpus state: merges names across documents. Runs in the writing process, in input order."""

    name = "resolve"
    requires = frozenset({"mentions"})
    provides = frozenset({"entities"})

    def __init__(self, kb: object) -> None:
        from .entities import EntityResolver

        self._kb = kb
        self.name = EntityResolver.VERSION

    @functools.cached_property
    def resolver(self) -> EntityResolver:
        """Built on first use (0.2 s): pool workers and Dask workers build a pipeline but never
        resolve, that is the writing process's work."""
        from .entities import EntityResolver

        return EntityResolver(self._kb)  # type: ignore[arg-type]

    def __call__(self, a: Analysis, ctx: Context) -> Analysis:
        return dataclasses.replace(a, mentions=tuple(self.resolver.add(a.document, a.mentions)))


class Statements:
    name = "statements"
    requires = frozenset({"entities"})
    provides = frozenset({"statements"})

    def __init__(self, affiliation_of: Callable[[Mention], str | None] | None) -> None:
        from .statements import StatementExtractor

        self.affiliation_of = affiliation_of
        self.name = StatementExtractor.VERSION

    @functools.cached_property
    def extractor(self) -> StatementExtractor:
        """Built on first use: pool and Dask workers never run this corpus stage."""
        from .statements import StatementExtractor

        return StatementExtractor(self.affiliation_of)

    def __call__(self, a: Analysis, ctx: Context) -> Analysis:
        return dataclasses.replace(a, statements=tuple(self.extractor.extract(a.document, a.mentions)))


class Claims:
    """Numbers with what they count, and dates resolved against the publication date."""

    name = "claims"
    requires = frozenset({"text", "lang"})
    provides = frozenset({"claims", "dates"})

    def __init__(self) -> None:
        from .claims import VERSION

        self.name = VERSION

    def __call__(self, a: Analysis, ctx: Context) -> Analysis:
        from .claims import extract_claims, resolve_dates

        on = ctx.date_of(a.document)
        return dataclasses.replace(a, claims=tuple(extract_claims(a.document, on)),
                                   dates=tuple(resolve_dates(a.document, on)))


class StatementDates:
    """The date of each statement: a day named in its sentence, else the publication date."""

    name = "statements.dates.v1"
    requires = frozenset({"statements", "dates"})
    provides = frozenset({"statement_dates"})

    def __call__(self, a: Analysis, ctx: Context) -> Analysis:
        from .claims import date_for_span
        from .claims.dates import doc_dates, published_date

        if not a.statements:
            return a
        on = ctx.date_of(a.document)
        # The document's dates are found once, not once per statement (the hot spot of this stage).
        mentions = doc_dates(a.document, published_date(a.document, on))
        out = []
        for st in a.statements:
            d = date_for_span(a.document, st.start, st.end, on, mentions=mentions)
            out.append(dataclasses.replace(st, date=d) if d != st.date else st)
        return dataclasses.replace(a, statements=tuple(out))


def check_chain(stages: Sequence[Stage], have: Iterable[str] = ("text", "lang")) -> None:
    """Fail fast when a stage needs something no earlier stage provides."""
    have = set(have)
    for s in stages:
        missing = s.requires - have
        if missing:
            raise PipelineError(f"stage {s.name} needs {', '.join(sorted(missing))}, which no earlier stage provides")
        have |= s.provides


def run_stages(stages: Sequence[Stage], docs: Iterable[Document], ctx: Context) -> Iterator[Analysis]:
    for d in docs:
        a = Analysis(document=d)
        for s in stages:
            a = s(a, ctx)
        yield a
