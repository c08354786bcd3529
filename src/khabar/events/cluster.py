"""Online clustering of articles into events, across languages.

Each article, in the order it was stored, joins the most similar open event or starts a new
one. Similarity combines three signals, because each alone fails somewhere:

- the embedding of title + lead, calibrated against the embedder's own background (how
  similar unrelated texts look to it: e5 puts unrelated pairs at 0.7-0.85 cosine, so a fixed
  threshold would be wrong for any other model);
- IDF-weighted overlap of resolved entity ids (language-independent: توکایف and Tokayev are
  one id), which keeps two stories about different places apart even when the prose is alike;
- time: the same people in a different story a year later must not join the old event.

Events whose centroids converge are merged. Re-running over the same stored order gives the
same events; existing assignments are kept and only new articles are placed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

VERSION = "events.online.v1"


@dataclass(frozen=True)
class ClusterParams:
    """Weights and thresholds. The embedding part is in background standard deviations."""

    z_low: float = 0.5  # below: the embedding says nothing
    z_high: float = 3.5  # above: the embedding alone is convincing
    w_embed: float = 0.5
    join: float = 0.25  # combined score to join an event
    join_no_embed: float = 0.3
    merge: float = 0.5
    window_days: float = 21.0
    #: Up to this many open events every one is scored (exact); above, only candidates are:
    #: events of the nearest stored articles (vector index) and events sharing an entity.
    full_scan_below: int = 512
    #: How many events sharing an entity with an article are candidates, in all: those of its
    #: rarest entity first, latest first. (Merging looks this far back per entity.)
    entity_candidates: int = 64


@dataclass
class Item:
    """One article as clustering sees it."""

    id: str
    vector: np.ndarray | None
    entities: frozenset[str]
    date: _dt.date | None
    lang: str
    event: str | None = None


@dataclass
class EventState:
    id: str
    members: list[str] = field(default_factory=list)
    vsum: np.ndarray | None = None
    entities: Counter[str] = field(default_factory=Counter)
    first: _dt.date | None = None
    last: _dt.date | None = None
    langs: Counter[str] = field(default_factory=Counter)
    _centroid: np.ndarray | None = field(default=None, repr=False)

    def add(self, it: Item) -> None:
        self.members.append(it.id)
        if it.vector is not None:
            self.vsum = np.array(it.vector, dtype=np.float32) if self.vsum is None else self.vsum + it.vector
            self._centroid = None
        self.entities.update(it.entities)
        if it.date:
            self.first = it.date if self.first is None or it.date < self.first else self.first
            self.last = it.date if self.last is None or it.date > self.last else self.last
        self.langs[it.lang] += 1

    def absorb(self, other: EventState) -> None:
        self.members.extend(other.members)
        if other.vsum is not None:
            self.vsum = other.vsum.copy() if self.vsum is None else self.vsum + other.vsum
            self._centroid = None
        self.entities.update(other.entities)
        for d in (other.first, other.last):
            if d:
                self.first = d if self.first is None or d < self.first else self.first
                self.last = d if self.last is None or d > self.last else self.last
        self.langs.update(other.langs)

    def centroid(self) -> np.ndarray | None:
        if self.vsum is None:
            return None
        if self._centroid is None:
            n = float(np.linalg.norm(self.vsum))
            if not n:
                return None
            self._centroid = self.vsum / n
        return self._centroid


@dataclass(frozen=True)
class Background:
    """How similar unrelated texts look to one embedder: mean and spread of their cosines."""

    mean: float
    sd: float

    @classmethod
    def measure(cls, embedder: object, cache: Path | None = None) -> Background:
        """Embed the unrelated texts of ``background.txt`` and measure their cosines.

        The figures are kept in the cache folder (``cache``, else the embedder's, see
        :func:`khabar.events.onnx_e5.cache_dir`), by embedder and texts: in a process pool the
        writing process never loads the model for anything else, and loading it only for this
        cost 1.3 s of the serial end of every run.
        """
        from .embed import HashingEmbedder
        from .onnx_e5 import cache_dir

        text = resources.files("khabar.events").joinpath("background.txt").read_text(encoding="utf-8")
        lines = [x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")]
        name = getattr(embedder, "name", None)
        path = None
        if name is not None and not isinstance(embedder, HashingEmbedder):  # that one is cheap
            digest = hashlib.sha1(f"{name}\0{text}".encode()).hexdigest()[:16]
            path = (cache or cache_dir()) / f"background-{digest}.json"
            try:
                got = json.loads(path.read_text(encoding="utf-8"))
                return cls(float(got["mean"]), float(got["sd"]))
            except (OSError, ValueError, KeyError, TypeError):
                pass  # not measured yet (or unreadable): measure
        m = np.asarray(embedder.embed(lines), dtype=np.float32)  # type: ignore[attr-defined]
        sims = m @ m.T
        iu = np.triu_indices(len(lines), k=1)
        vals = sims[iu]
        bg = cls(float(vals.mean()), max(1e-3, float(vals.std())))
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.write_text(json.dumps({"embedder": name, "mean": bg.mean, "sd": bg.sd}), encoding="utf-8")
                tmp.replace(path)  # atomic: a concurrent run reads the whole file or none
            except OSError:
                pass  # a read-only cache folder only costs measuring again
        return bg


def event_id(seed_doc: str) -> str:
    return "e" + hashlib.sha1(seed_doc.encode("utf-8")).hexdigest()[:12]


class Clusterer:
    """The clustering state of one corpus, owned by a run."""

    def __init__(self, idf: dict[str, float], background: Background | None,
                 params: ClusterParams | None = None) -> None:
        self.idf = idf
        self.bg = background
        self.p = params or ClusterParams()
        self.events: dict[str, EventState] = {}
        #: entity id -> events that have it, in the order they got it (candidates for new articles).
        self._postings: dict[str, list[str]] = {}

    def _join(self, ev: EventState, it: Item) -> None:
        for e in it.entities:
            if e not in ev.entities:
                self._postings.setdefault(e, []).append(ev.id)
        ev.add(it)

    def candidates(self, it: Item, neighbour_events: Iterable[str] = ()) -> list[str] | None:
        """Events worth scoring for ``it``; None means all of them (few events: exact scan)."""
        if len(self.events) <= self.p.full_scan_below:
            return None
        out = dict.fromkeys(e for e in neighbour_events if e in self.events)
        # The entity-derived candidates are capped in total, rarest entity first: a cap per
        # entity let an article with a dozen common names score ~1,000 events at 100k articles,
        # and a common name's latest events say little that the rare name's do not.
        budget = self.p.entity_candidates
        for e in sorted(it.entities, key=lambda x: -self._idf(x)):
            if budget <= 0:
                break
            for ev in reversed(self._postings.get(e, ())):
                if budget <= 0:
                    break
                if ev in self.events and ev not in out:
                    out[ev] = None
                    budget -= 1
        return list(out)

    def _idf(self, e: str) -> float:
        return self.idf.get(e, 1.0)

    def entity_score(self, ents: frozenset[str], ev: Counter[str]) -> float:
        """Weighted containment: the share of the article's entity weight the event already has."""
        if not ents:
            return 0.0
        tot = sum(self._idf(e) for e in ents)
        shared = sum(self._idf(e) for e in ents if ev.get(e))
        return shared / tot if tot else 0.0

    def embed_score(self, v: np.ndarray | None, c: np.ndarray | None) -> float | None:
        if v is None or c is None or self.bg is None:
            return None
        z = (float(v @ c) - self.bg.mean) / self.bg.sd
        return min(1.0, max(0.0, (z - self.p.z_low) / (self.p.z_high - self.p.z_low)))

    def time_factor(self, d: _dt.date | None, ev: EventState) -> float:
        if d is None or ev.first is None or ev.last is None:
            return 1.0
        gap = max(0, (ev.first - d).days, (d - ev.last).days)
        w = self.p.window_days
        return 1.0 if gap <= w else math.exp(-(gap - w) / w)

    def score(self, it: Item, ev: EventState) -> float:
        ent = self.entity_score(it.entities, ev.entities)
        emb = self.embed_score(it.vector, ev.centroid())
        if emb is None:
            s = ent
        else:
            s = self.p.w_embed * emb + (1 - self.p.w_embed) * ent
        return s * self.time_factor(it.date, ev)

    def place(self, it: Item, candidates: Sequence[str] | None = None) -> str:
        """Put one article into an event (existing assignments are kept as they are).

        ``candidates`` (from ``candidates``) limits the events scored; None scores them all.
        """
        if it.event and it.event in self.events:
            self._join(self.events[it.event], it)
            return it.event
        if it.event:
            ev = self.events[it.event] = EventState(it.event)
            self._join(ev, it)
            return it.event
        best, best_s = None, -1.0
        thr = self.p.join if it.vector is not None and self.bg is not None else self.p.join_no_embed
        pool = self.events.values() if candidates is None else [self.events[c] for c in candidates]
        for ev in pool:
            # A score is at most its time factor, so an event already too far away in time
            # cannot reach the threshold: skip the entity and embedding work for it.
            if self.time_factor(it.date, ev) < thr:
                continue
            s = self.score(it, ev)
            if s > best_s:
                best, best_s = ev, s
        if best is not None and best_s >= thr:
            self._join(best, it)
            return best.id
        ev = EventState(event_id(it.id))
        self.events[ev.id] = ev
        self._join(ev, it)
        return ev.id

    def merge_converged(self) -> dict[str, str]:
        """Merge events that came to be about the same story; returns old id -> surviving id."""
        moved: dict[str, str] = {}
        changed = True
        while changed:
            changed = False
            ids = list(self.events)
            partners = self._merge_partners(ids)
            for i, a in enumerate(ids):
                for b in (ids[i + 1:] if partners is None else partners[i]):
                    ea, eb = self.events.get(a), self.events.get(b)
                    if ea is None or eb is None:
                        continue
                    if self._pair_score(ea, eb) >= self.p.merge:
                        ea.absorb(eb)
                        del self.events[b]
                        moved[b] = a
                        changed = True
        for k, v in list(moved.items()):
            while v in moved:
                v = moved[v]
            moved[k] = v
        return moved

    def _merge_partners(self, ids: list[str]) -> list[list[str]] | None:
        """Per event, the later events it could merge with: None (all of them) when there are
        few events, else those with the nearest centroids or a shared entity."""
        if len(ids) <= self.p.full_scan_below:
            return None
        pos = {e: j for j, e in enumerate(ids)}
        near = self._centroid_neighbours(ids)
        m = self.p.entity_candidates
        out = []
        for i, a in enumerate(ids):
            cand = set(near[i])
            for e in self.events[a].entities:
                cand.update(self._postings.get(e, ())[-m:])
            out.append(sorted((b for b in cand if b in pos and pos[b] > i), key=pos.__getitem__))
        return out

    def _centroid_neighbours(self, ids: list[str], k: int = 16) -> list[list[str]]:
        from .index import FlatIndex

        dims = [self.events[e].centroid() for e in ids]
        dim = next((len(c) for c in dims if c is not None), 0)
        out: list[list[str]] = [[] for _ in ids]
        if not dim:
            return out
        rows = [j for j, c in enumerate(dims) if c is not None]
        idx = FlatIndex(None, dim, hnsw_from=None)
        mat = np.stack([dims[j] for j in rows]).astype(np.float32)
        idx.add(np.asarray(rows, dtype=np.int64), mat)
        _, nn = idx.search(mat, k + 1)
        for r, j in enumerate(rows):
            out[j] = [ids[int(x)] for x in nn[r] if x >= 0 and x != j]
        return out

    def _pair_score(self, a: EventState, b: EventState) -> float:
        ka, kb = set(a.entities), set(b.entities)
        if not ka or not kb:
            ent = 0.0
        else:
            inter = sum(self._idf(e) for e in ka & kb)
            union = sum(self._idf(e) for e in ka | kb)
            ent = inter / union if union else 0.0
        emb = self.embed_score(a.centroid(), b.centroid())
        s = ent if emb is None else self.p.w_embed * emb + (1 - self.p.w_embed) * ent
        gap = 0
        if a.first and a.last and b.first and b.last:
            gap = max(0, (b.first - a.last).days, (a.first - b.last).days)
        w = self.p.window_days
        return s * (1.0 if gap <= w else math.exp(-(gap - w) / w))


def idf_table(doc_entities: Sequence[frozenset[str]]) -> dict[str, float]:
    n = len(doc_entities)
    df: Counter[str] = Counter()
    for es in doc_entities:
        df.update(es)
    return {e: math.log((n + 1) / (c + 1)) + 1.0 for e, c in df.items()}
