"""The vector index beside the store: exact, persisted, append-only, safe to lose."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from khabar.events.cluster import Clusterer, ClusterParams, Item, idf_table
from khabar.events.index import FlatIndex, have_faiss, open_index


def _unit(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    m = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _brute(data: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    sims = q @ data.T
    return ids[np.argsort(-sims, axis=1, kind="stable")[:, :k]]


def test_exact_search_matches_brute_force_in_memory() -> None:
    data = _unit(500)
    ids = np.arange(10, 510, dtype=np.int64)
    idx = FlatIndex(None, 32)
    idx.add(ids[:200], data[:200])
    idx.add(ids[200:], data[200:])
    q = _unit(7, seed=1)
    scores, got = idx.search(q, 5)
    assert (got == _brute(data, ids, q, 5)).all()
    assert (np.diff(scores, axis=1) <= 1e-6).all()
    assert len(idx) == 500 and idx.max_id() == 509


def test_fewer_vectors_than_k_pads_with_minus_one() -> None:
    idx = FlatIndex(None, 32)
    idx.add([1, 2], _unit(2))
    scores, ids = idx.search(_unit(1, seed=3), 4)
    assert sorted(ids[0][:2].tolist()) == [1, 2]
    assert ids[0][2:].tolist() == [-1, -1] and np.isinf(scores[0][2:]).all()


@pytest.mark.parametrize("ascending", [True, False])
def test_search_below_sees_only_smaller_ids_and_fills_k_with_them(tmp_path, monkeypatch, ascending) -> None:
    """``below`` bounds each query on its own: the answer is brute force over the allowed rows,
    whether the rows sit in the file (several blocks) or are pending, with ids in order or not."""
    import khabar.events.index as vi

    monkeypatch.setattr(vi, "_CHUNK", 64)
    data = _unit(400)
    ids = np.arange(1, 401, dtype=np.int64) * 3
    if not ascending:
        ids = np.random.default_rng(4).permutation(ids)
    idx = open_index(tmp_path / "k.db.vec", 32)
    idx.add(ids[:300], data[:300])
    idx.save()
    idx.add(ids[300:], data[300:])
    q = _unit(40, seed=6)
    below = np.random.default_rng(7).integers(0, 1300, size=40)
    below[:3] = (0, 3, 1300)
    scores, got = idx.search(q, 6, below=below)
    for i in range(len(q)):
        ok = ids < below[i]
        want = _brute(data[ok], ids[ok], q[i:i + 1], 6)[0].tolist()
        assert got[i].tolist() == want + [-1] * (6 - len(want))
        assert np.isneginf(scores[i][len(want):]).all()


def test_persisted_beside_the_database_and_reopened(tmp_path) -> None:
    path = tmp_path / "khabar.db.vec"
    data = _unit(300)
    idx = open_index(path, 32, "hashing.v1")
    idx.add(np.arange(300), data)
    idx.save()
    again = open_index(path, 32, "hashing.v1")
    assert len(again) == 300 and again.max_id() == 299
    q = _unit(3, seed=2)
    assert (again.search(q, 4)[1] == _brute(data, np.arange(300), q, 4)).all()
    # Appending after reopening keeps the earlier rows.
    again.add(np.arange(300, 310), _unit(10, seed=5))
    again.save()
    assert len(open_index(path, 32, "hashing.v1")) == 310


def test_uncommitted_rows_of_a_crashed_run_are_ignored(tmp_path) -> None:
    path = tmp_path / "x.vec"
    idx = open_index(path, 32, "e")
    idx.add(np.arange(100), _unit(100))
    idx.save()
    idx.add(np.arange(100, 5000), _unit(4900, seed=9))  # flushed to the file, never saved
    idx.search(_unit(1), 1)
    again = open_index(path, 32, "e")
    assert len(again) == 100 and again.max_id() == 99


def test_another_embedder_or_dimension_starts_afresh(tmp_path) -> None:
    path = tmp_path / "x.vec"
    idx = open_index(path, 32, "a")
    idx.add(np.arange(10), _unit(10))
    idx.save()
    assert len(open_index(path, 32, "b")) == 0
    assert len(open_index(path, 16, "a")) == 0


@pytest.mark.skipif(not have_faiss(), reason="faiss-cpu is not installed (pip install 'khabar[vectors]')")
def test_hnsw_takes_over_for_large_indexes_with_high_recall(tmp_path) -> None:
    data = _unit(3000, dim=32, seed=4)
    idx = open_index(tmp_path / "h.vec", 32, "e", hnsw_from=1000)
    idx.add(np.arange(3000), data)
    q = data[:50] + 0.05 * _unit(50, seed=6)
    _, got = idx.search(q, 10)
    truth = _brute(data, np.arange(3000), q, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got.tolist(), truth.tolist(), strict=True)])
    assert recall > 0.9
    idx.save()
    assert (tmp_path / "h.vec.hnsw").exists()
    assert len(open_index(tmp_path / "h.vec", 32, "e", hnsw_from=1000)) == 3000


def _stories(n: int, seed: int = 0) -> list[Item]:
    """Synthetic articles: 60 stories, each with its own direction, entities and dates."""
    rng = np.random.default_rng(seed)
    centres = _unit(60, dim=48, seed=seed + 1)
    out = []
    for i in range(n):
        s = int(rng.integers(60))
        v = centres[s] + 0.35 * rng.standard_normal(48).astype(np.float32)
        ents = {f"E{s}", f"E{s}b", f"common{i % 3}"}
        day = dt.date(2022, 1, 1) + dt.timedelta(days=(s * 9) % 300 + int(rng.integers(4)))
        out.append(Item(f"d{i}", (v / np.linalg.norm(v)).astype(np.float32), frozenset(ents), day, "en"))
    return out


def test_candidate_scoring_agrees_with_scanning_every_event() -> None:
    from khabar.events.cluster import Background

    items = _stories(1500)
    idf = idf_table([i.entities for i in items])
    bg = Background(mean=0.0, sd=0.15)
    full = Clusterer(idf, bg, ClusterParams(full_scan_below=10**9))
    a = [full.place(Item(i.id, i.vector, i.entities, i.date, i.lang)) for i in items]
    fast = Clusterer(idf, bg, ClusterParams(full_scan_below=0))
    idx = FlatIndex(None, 48)
    b = []
    for seq, it in enumerate(items):
        _, nn = idx.search(it.vector[None, :], 16)
        near = [b[int(x)] for x in nn[0] if x >= 0]
        b.append(fast.place(Item(it.id, it.vector, it.entities, it.date, it.lang), fast.candidates(it, near)))
        idx.add([seq], it.vector[None, :])
    assert a == b
    assert len(set(a)) >= 40
    assert full.merge_converged() == fast.merge_converged()
