"""A persisted, append-only vector index of document embeddings, for nearest-neighbour search.

Online clustering asks one question per new article: which stored articles look most like
it? Scanning every event's centroid answers it in O(corpus); this index answers it with exact
batched search (NumPy matrix products over a memory-mapped file, so the vectors stay on disk
and out of the process's heap) or, for large corpora and when ``faiss-cpu`` is installed
(``pip install 'khabar[vectors]'``), with an HNSW graph (~0.5 ms a query at 100k vectors).

Layout beside a database ``khabar.db``::

    khabar.db.vec        float32 rows, one per document, appended
    khabar.db.vec.ids    int64 id of each row (the document's ``seq`` in the store)
    khabar.db.vec.json   {"dim", "count", "embedder"}: the committed length (written last)
    khabar.db.vec.hnsw   the faiss HNSW graph over the first ``count`` rows, when built

A crash between appending rows and writing the JSON leaves rows past ``count`` that are
ignored and overwritten next time. The index is a cache of the ``embedding`` column: when it
is missing, was made by another embedder or is behind the store, ``sync_index`` brings it up
to date from the store, so deleting these files is always safe.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

__all__ = ["VectorIndex", "FlatIndex", "open_index", "have_faiss", "HNSW_FROM"]

#: Below this many vectors exact search is fast enough (and exact); above, HNSW when faiss is there.
HNSW_FROM = 200_000
#: Rows scanned per matrix product in exact search: bounds the temporary memory (64k x 384 x 4 B = 100 MB).
_CHUNK = 65_536


def have_faiss() -> bool:
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


class VectorIndex(Protocol):
    """Inner-product search over unit vectors; ids are the caller's integers (document seq)."""

    dim: int

    def __len__(self) -> int: ...

    def max_id(self) -> int: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None: ...

    def search(self, vectors: np.ndarray, k: int,
               below: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]: ...

    def rows(self) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self) -> None: ...


class FlatIndex:
    """Exact search over rows kept in a memory-mapped file (or in memory when ``path`` is None).

    ``search`` returns ``(scores, ids)`` of shape ``(n, k)``, best first; missing neighbours
    have id -1 and score -inf. With ``hnsw_from`` and faiss installed, an HNSW graph takes
    over once the index holds that many vectors. Rows added since the last flush stay in
    memory (and are searched exactly) until 4096 of them are pending or ``save`` is called.
    """

    def __init__(self, path: str | os.PathLike[str] | None, dim: int, embedder: str = "",
                 hnsw_from: int | None = HNSW_FROM) -> None:
        self.path = Path(path) if path is not None else None
        self.dim = int(dim)
        self.embedder = embedder
        self.hnsw_from = hnsw_from
        self._count = 0
        self._vecs: np.ndarray = np.zeros((0, self.dim), dtype=np.float32)
        self._ids: np.ndarray = np.zeros(0, dtype=np.int64)
        self._pending_v: list[np.ndarray] = []
        self._pending_i: list[np.ndarray] = []
        self._hnsw: Any = None
        self._hnsw_count = 0
        if self.path is not None:
            self._load()

    # -- files ---------------------------------------------------------------------------------
    def _side(self, suffix: str) -> Path:
        if self.path is None:
            raise ValueError("an in-memory index has no files")
        return self.path.with_name(self.path.name + suffix)

    def _load(self) -> None:
        try:
            meta = json.loads(self._side(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = None
        if not meta or int(meta.get("dim", -1)) != self.dim or meta.get("embedder", "") != self.embedder:
            self.reset()
            return
        count = int(meta["count"])
        try:
            vsize = self._side("").stat().st_size // (4 * self.dim)
            isize = self._side(".ids").stat().st_size // 8
        except OSError:
            vsize = isize = -1
        if vsize < count or isize < count:
            self.reset()
            return
        self._count = count
        self._map()
        hp = self._side(".hnsw")
        if self.hnsw_from is not None and hp.exists() and have_faiss():
            import faiss

            try:
                g = faiss.read_index(str(hp))
            except RuntimeError:
                g = None
            if g is not None and g.d == self.dim and g.ntotal <= count:
                self._hnsw, self._hnsw_count = g, int(g.ntotal)

    def _map(self) -> None:
        if self.path is None:
            return
        if self._count == 0:
            self._vecs = np.zeros((0, self.dim), dtype=np.float32)
            self._ids = np.zeros(0, dtype=np.int64)
            return
        self._vecs = np.memmap(self.path, dtype=np.float32, mode="r", shape=(self._count, self.dim))
        self._ids = np.memmap(self._side(".ids"), dtype=np.int64, mode="r", shape=(self._count,))

    def reset(self) -> None:
        """Forget every vector (and delete the files): the next sync rebuilds from the store."""
        self._count = 0
        self._vecs = np.zeros((0, self.dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._pending_v, self._pending_i = [], []
        self._hnsw, self._hnsw_count = None, 0
        if self.path is not None:
            for p in (self._side(""), self._side(".ids"), self._side(".hnsw")):
                p.unlink(missing_ok=True)
            self._write_meta()

    def _write_meta(self) -> None:
        meta = {"dim": self.dim, "count": self._count, "embedder": self.embedder}
        tmp = self._side(".json.tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, self._side(".json"))

    # -- writing -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._count + sum(len(x) for x in self._pending_i)

    def max_id(self) -> int:
        """The largest id added so far, or -1: what a sync from the store starts after."""
        ids = [int(x.max()) for x in self._pending_i if len(x)]
        if self._count:
            ids.append(int(np.max(self._ids)))
        return max(ids) if ids else -1

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        """All ``(ids, vectors)`` in the order they were added (views of the file, not copies)."""
        self._flush_pending()
        return self._ids, self._vecs

    def _flush_pending(self) -> None:
        if not self._pending_i:
            return
        v = np.concatenate(self._pending_v)
        i = np.concatenate(self._pending_i)
        self._pending_v, self._pending_i = [], []
        if self.path is None:
            self._vecs = np.concatenate([self._vecs, v]) if self._count else v
            self._ids = np.concatenate([self._ids, i]) if self._count else i
            self._count += len(i)
            return
        # Append after the committed rows (dropping any uncommitted tail of a crashed run).
        for p, data, width in ((self._side(""), v, 4 * self.dim), (self._side(".ids"), i, 8)):
            with open(p, "r+b" if p.exists() else "wb") as f:
                f.seek(self._count * width)
                f.write(np.ascontiguousarray(data).tobytes())
                f.truncate()
        self._count += len(i)
        self._map()

    def add(self, ids: np.ndarray | Iterable[int], vectors: np.ndarray) -> None:
        """Append vectors (unit length, float32) with their ids. Visible to ``search`` at once."""
        ids = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        if not len(ids):
            return
        self._pending_v.append(vectors)
        self._pending_i.append(ids)
        if sum(len(x) for x in self._pending_i) >= 4096:
            self._flush_pending()

    # -- reading -------------------------------------------------------------------------------
    def search(self, vectors: np.ndarray, k: int,
               below: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` most similar stored vectors of each query row: ``(scores, ids)``, best first.

        With ``below``, query ``i`` sees only ids under ``below[i]``. Online clustering asks for
        the articles stored before each one: rows past a batch's last bound are not multiplied
        at all when ids grow with the rows (as document seqs do), which halves an exact pass
        over a whole corpus, and every query gets ``k`` earlier neighbours, not ``k`` of all.
        """
        q = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        n = len(q)
        scores = np.full((n, k), -np.inf, dtype=np.float32)
        ids = np.full((n, k), -1, dtype=np.int64)
        if len(self) == 0 or n == 0 or k <= 0:
            return scores, ids
        lim = None if below is None else np.asarray(below, dtype=np.int64).reshape(n)
        if self._use_hnsw() and sum(len(x) for x in self._pending_i) >= 1024:
            self._flush_pending()
        blocks = [(self._vecs[lo:lo + _CHUNK], self._ids[lo:lo + _CHUNK]) for lo in range(0, self._count, _CHUNK)]
        if self._use_hnsw() and self._count:
            scores, ids = self._search_hnsw(q, k)
            if lim is not None:
                late = ids >= lim[:, None]
                scores[late], ids[late] = -np.inf, -1
            blocks = []
        if self._pending_i:
            if len(self._pending_i) > 1:
                self._pending_v = [np.concatenate(self._pending_v)]
                self._pending_i = [np.concatenate(self._pending_i)]
            blocks.append((self._pending_v[0], self._pending_i[0]))
        for vb, ib in blocks:
            ib = np.asarray(ib)
            if lim is not None:
                vb, ib, mask_from = _cut(vb, ib, lim)
                if not len(ib):
                    continue
            sims = q @ np.asarray(vb).T
            if lim is not None and mask_from < len(ib):
                tail = sims[:, mask_from:]
                tail[ib[None, mask_from:] >= lim[:, None]] = -np.inf
            kk = min(k, sims.shape[1])
            if kk < sims.shape[1]:
                # The kk largest sit at the end after partitioning at -kk: no negated copy of
                # a (queries x block) matrix.
                part = np.argpartition(sims, sims.shape[1] - kk, axis=1)[:, -kk:]
            else:
                part = np.broadcast_to(np.arange(kk), (n, kk))
            psc = np.take_along_axis(sims, part, axis=1)
            cand_s = np.concatenate([scores, psc], axis=1)
            cand_i = np.concatenate([ids, np.asarray(ib)[part]], axis=1)
            order = np.argsort(-cand_s, axis=1, kind="stable")[:, :k]
            scores = np.take_along_axis(cand_s, order, axis=1)
            ids = np.take_along_axis(cand_i, order, axis=1)
        if lim is not None:
            ids[np.isneginf(scores)] = -1
        return scores, ids

    # -- HNSW ----------------------------------------------------------------------------------
    def _use_hnsw(self) -> bool:
        return self.hnsw_from is not None and len(self) >= self.hnsw_from and have_faiss()

    def _extend_graph(self) -> None:
        import faiss

        if self._hnsw is None:
            g = faiss.IndexHNSWFlat(self.dim, 32, faiss.METRIC_INNER_PRODUCT)
            g.hnsw.efConstruction = 64
            self._hnsw, self._hnsw_count = g, 0
        if self._hnsw_count < self._count:
            for lo in range(self._hnsw_count, self._count, _CHUNK):
                self._hnsw.add(np.ascontiguousarray(self._vecs[lo:min(self._count, lo + _CHUNK)]))
            self._hnsw_count = self._count

    def _search_hnsw(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        self._extend_graph()
        self._hnsw.hnsw.efSearch = max(64, 2 * k)
        scores, pos = self._hnsw.search(q, k)
        ids = np.where(pos >= 0, np.asarray(self._ids)[np.clip(pos, 0, None)], -1)
        scores = np.where(pos >= 0, scores, -np.inf).astype(np.float32)
        return scores, ids.astype(np.int64)

    def save(self) -> None:
        """Commit appended rows (and the HNSW graph, if one is built) to disk."""
        self._flush_pending()
        if self.path is None:
            return
        self._write_meta()
        if self._use_hnsw() and self._count:
            self._extend_graph()
        if self._hnsw is not None and self._hnsw_count == self._count:
            import faiss

            tmp = self._side(".hnsw.tmp")
            faiss.write_index(self._hnsw, str(tmp))
            os.replace(tmp, self._side(".hnsw"))


def _cut(vb: Any, ib: np.ndarray, lim: np.ndarray) -> tuple[Any, np.ndarray, int]:
    """The rows of a block that some query may see, and the first of them that some query may
    not (from there on, scores are masked per query). When the ids ascend, both are found by
    bisection and the rows past the last bound are never multiplied."""
    if len(ib) > 1 and not bool(np.all(ib[1:] >= ib[:-1])):
        return vb, ib, 0
    end = int(np.searchsorted(ib, int(lim.max()), side="left"))
    return vb[:end], ib[:end], int(np.searchsorted(ib[:end], int(lim.min()), side="left"))


def open_index(path: str | os.PathLike[str] | None, dim: int, embedder: str = "",
               hnsw_from: int | None = HNSW_FROM) -> FlatIndex:
    """The index stored at ``path`` (created if missing; reset if made for another embedder)."""
    return FlatIndex(path, dim, embedder, hnsw_from)
