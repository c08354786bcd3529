"""Where the per-article stages run: in the writing process, in a process pool, or on Dask.

Every engine runs one function, ``article_records``: an iterator of input items (raw articles
and read failures) in, an iterator of ``Outcome`` records out, one per item and in the same
order. It is a plain iterator-to-iterator function, so it drops into any "map over
partitions" API (Spark's ``rdd.mapPartitions``, Ray Data's ``map_batches``, Dask's
``map_partitions``) with a pipeline built once per worker:

    rdd.mapPartitions(lambda items: article_records(items, Pipeline(settings)))

The writing process then consumes the outcomes in input order (``khabar.pipeline``): it runs
the corpus stages (entity resolution across documents, statements), stores each document and
clusters. Because outcomes come back in input order and the article stages are pure, every
engine stores exactly what a single-process run stores.

One detail makes that exact: the article stages read a date for undated documents (the
corpus's typical date, for relative dates and roles), which only the writer knows. So
``article_records`` runs the stages on dated documents only and leaves undated ones ingested
(``staged=False``) for the writer to finish; in news almost every article is dated.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..claims.dates import found_dates, published_date
from ..models import Analysis, Document, RawArticle, Rejection
from ..stages import Context
from ..store.simhash import simhash

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["Outcome", "article_records", "article_batch", "ENGINES"]

#: Engines ``analyze`` knows: "local" (this process, or a process pool when workers > 1) and "dask".
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Outcome:
    """What the per-article stages made of one input item.

    Exactly one of ``rejection`` and ``analysis`` is set. ``read`` is False when the reader
    itself failed (the item never was an article). ``staged`` tells whether the article stages
    ran (they wait for the writer on undated documents); ``known`` that the document was
    already stored when a worker looked, so nothing ran on it.
    """

    rejection: Rejection | None = None
    read: bool = True
    analysis: Analysis | None = None
    staged: bool = False
    known: bool = False
    #: The date expressions the claims stage found (``claims.dates.DateMention``): the writer
    #: reuses them to date statements instead of searching the text again. Only a hint; an
    #: engine that drops it (Dask's Parquet) costs the writer that search, nothing else.
    found_dates: tuple[Any, ...] | None = field(default=None, compare=False)
    #: The document's SimHash (``store.simhash``), computed where the text was just tokenised;
    #: a hint like ``found_dates``.
    simhash: int | None = field(default=None, compare=False)


def _dated(d: Document) -> bool:
    return Context().date_of(d) is not None


def article_batch(items: Sequence[RawArticle | Rejection], pipe: Pipeline,
                  known: Callable[[str], bool] | None = None,
                  timer: Counter[str] | None = None) -> list[Outcome]:
    """The outcomes of one batch: ingest, article stages (dated documents) and one embedding call."""
    timer = timer if timer is not None else Counter()
    out: list[Outcome] = []
    t = time.perf_counter()
    docs: list[tuple[int, Document]] = []
    for item in items:
        if isinstance(item, Rejection):
            out.append(Outcome(rejection=item, read=False))
            continue
        d = pipe.ingest(item) if isinstance(item, RawArticle) else item
        if isinstance(d, Rejection):
            out.append(Outcome(rejection=d))
        elif known is not None and known(d.id):
            out.append(Outcome(analysis=Analysis(document=d), known=True))
        else:
            docs.append((len(out), d))
            out.append(Outcome(analysis=Analysis(document=d)))
    timer["ingest"] += time.perf_counter() - t
    ctx = Context()
    for i, d in docs:
        if not _dated(d):
            continue
        a = Analysis(document=d)
        for s in pipe.article_stages:
            t = time.perf_counter()
            a = s(a, ctx)
            timer[type(s).__name__.lower()] += time.perf_counter() - t
        out[i] = Outcome(analysis=a, staged=True, found_dates=found_dates(d, published_date(d, ctx.date_of(d))),
                         simhash=simhash(d.text))
    if pipe.embedder is not None and docs:
        from ..events.embed import document_input

        t = time.perf_counter()
        vecs = pipe.embedder.embed([document_input(d) for _, d in docs])  # type: ignore[attr-defined]
        timer["embed"] += time.perf_counter() - t
        for (i, d), v in zip(docs, vecs, strict=True):
            o = out[i]
            a = o.analysis if o.analysis is not None else Analysis(document=d)
            out[i] = replace(o, analysis=replace(a, embedding=tuple(float(x) for x in v)))
    return out


def article_records(items: Iterable[RawArticle | Rejection], pipe: Pipeline, batch_size: int = 64,
                    known: Callable[[str], bool] | None = None) -> Iterator[Outcome]:
    """Iterator of input items -> iterator of outcomes, in order (batched for the embedder)."""
    import itertools

    it = iter(items)
    while batch := list(itertools.islice(it, max(1, batch_size))):
        yield from article_batch(batch, pipe, known)
