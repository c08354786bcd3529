"""Latency of placing one new article into events, with the vector index, at 10k-1M articles.

    python benchmarks/vectors.py                         # 10k, 100k, 1M; exact and HNSW
    python benchmarks/vectors.py --sizes 10000 100000 --queries 500

Synthetic unit vectors (384 dimensions, like multilingual-e5-small) drawn around one centre per
story, 40 articles a story, each with the story's entities and dates. For each size the
index and the clustering state are filled in bulk, then ``--queries`` new articles are placed
one at a time (index search + candidate scoring + join), as ``cluster_store`` does.
Writes benchmarks/results/vectors.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.events.cluster import Background, Clusterer, ClusterParams, Item  # noqa: E402
from khabar.events.index import FlatIndex, have_faiss  # noqa: E402

DIM = 384
RESULTS = ROOT / "benchmarks" / "results"


def _vectors(rng: np.random.Generator, centres: np.ndarray, story: np.ndarray) -> np.ndarray:
    v = centres[story] + 0.045 * rng.standard_normal((len(story), DIM)).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def run(n: int, queries: int, mode: str, tmp: Path) -> dict[str, float]:
    rng = np.random.default_rng(n)
    stories = max(1, n // 40)
    centres = rng.standard_normal((stories, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    hnsw_from = 0 if mode == "hnsw" else None
    idx = FlatIndex(tmp / f"bench{n}{mode}.vec", DIM, "synthetic", hnsw_from=hnsw_from)
    cl = Clusterer({}, Background(mean=0.0, sd=0.05), ClusterParams())
    day0 = dt.date(2022, 1, 1)
    t0 = time.perf_counter()
    for lo in range(0, n, 50_000):
        story = rng.integers(stories, size=min(50_000, n - lo))
        vecs = _vectors(rng, centres, story)
        idx.add(np.arange(lo, lo + len(story)), vecs)
        for j, s in enumerate(story):
            s = int(s)
            cl.place(Item(f"d{lo + j}", vecs[j], frozenset({f"P{s}", f"O{s % 97}"}),
                          day0 + dt.timedelta(days=s % 365), "en", event=f"e{s}"))
    idx.save()
    fill = time.perf_counter() - t0
    if mode == "hnsw":
        t = time.perf_counter()
        idx.search(_vectors(rng, centres, np.zeros(1, dtype=np.int64)), 1)  # builds the graph
        fill += time.perf_counter() - t
    event_of = {}
    lat_search, lat_place = [], []
    story = rng.integers(stories, size=queries)
    vecs = _vectors(rng, centres, story)
    for q in range(queries):
        s = int(story[q])
        it = Item(f"q{q}", vecs[q], frozenset({f"P{s}", f"O{s % 97}"}), day0 + dt.timedelta(days=s % 365), "en")
        t = time.perf_counter()
        _, nn = idx.search(vecs[q:q + 1], 24)
        t1 = time.perf_counter()
        near = [event_of.get(int(x), f"e{int(x)}") for x in nn[0] if x >= 0]
        ev = cl.place(it, cl.candidates(it, [f"e{x}" for x in near]))
        t2 = time.perf_counter()
        lat_search.append(t1 - t)
        lat_place.append(t2 - t)
        event_of[n + q] = ev
        idx.add([n + q], vecs[q:q + 1])
    right = sum(1 for q in range(queries) if cl.events.get(f"e{int(story[q])}") and
                f"q{q}" in cl.events[f"e{int(story[q])}"].members)
    return {
        "vectors": n, "mode": mode, "fill_s": round(fill, 1),
        "search_p50_ms": round(1000 * float(np.percentile(lat_search, 50)), 2),
        "search_p95_ms": round(1000 * float(np.percentile(lat_search, 95)), 2),
        "place_p50_ms": round(1000 * float(np.percentile(lat_place, 50)), 2),
        "place_p95_ms": round(1000 * float(np.percentile(lat_place, 95)), 2),
        "joined_right_event": round(right / queries, 3),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--modes", nargs="+", default=["exact", "hnsw"])
    ap.add_argument("--out", default=str(RESULTS / "vectors"))
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            for mode in a.modes:
                if mode == "hnsw" and not have_faiss():
                    continue
                rows.append(run(n, a.queries, mode, Path(tmp)))
                print(json.dumps(rows[-1]), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "platform": platform.platform(), "faiss": have_faiss()}
    Path(a.out + ".json").write_text(json.dumps({"machine": machine, "results": rows}, indent=1), encoding="utf-8")
    md = ["| vectors | search | fill s | search p50 ms | search p95 ms | place p50 ms | place p95 ms | right event |",
          "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        md.append(f"| {r['vectors']:,} | {r['mode']} | {r['fill_s']} | {r['search_p50_ms']} | {r['search_p95_ms']} |"
                  f" {r['place_p50_ms']} | {r['place_p95_ms']} | {r['joined_right_event']} |")
    Path(a.out + ".md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
