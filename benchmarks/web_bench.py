"""Benchmark the web app: server time of the event dossier page over a 10,000-document store.

    python benchmarks/web_bench.py                      # 10k documents, 50 requests per page
    python benchmarks/web_bench.py --documents 10000 --requests 50 --keep /tmp/web_bench.db

The store is filled directly through ``khabar.store.Store`` with synthetic analyses (Arabic,
Persian, English and Russian sentences with names, statements, claims and dates at known
offsets), then events, entities, conflicts and the search index are written as the corpus
stages would. That takes seconds instead of running the whole pipeline over 10k articles, and
the page reads exactly the same tables.

Requests go through Starlette's in-process ``TestClient`` (no socket), so the figures are the
server's own time: queries, view model and template. Printed: p50/p95/max wall time in ms
and p50/p95 CPU time (which other programs on the machine do not inflate) for the dossier of
the largest event and of a median-sized one, and for a few other pages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.models import Analysis, Claim, DatedEvent, Document, Entity, Mention, Statement  # noqa: E402
from khabar.normalise import key  # noqa: E402
from khabar.store import Store, claim_id, doc_id  # noqa: E402

# (id, type, English name, affiliation, {lang: spelling})
ENTITIES = [
    ("Q1", "PER", "Kassym-Jomart Tokayev", "KZ", {"en": "Tokayev", "ar": "توكاييف", "fa": "توکایف", "ru": "Токаев"}),
    ("Q2", "PER", "Antony Blinken", "US", {"en": "Blinken", "ar": "بلينكن", "fa": "بلینکن", "ru": "Блинкен"}),
    ("Q3", "PER", "Wang Yi", "CN", {"en": "Wang Yi", "ar": "وانغ يي", "fa": "وانگ یی", "ru": "Ван И"}),
    ("Q4", "PER", "Maria Zakharova", "RU", {"en": "Zakharova", "ar": "زاخاروفا", "fa": "زاخارووا", "ru": "Захарова"}),
    ("Q5", "PER", "Saeed Khatibzadeh", "IR", {"en": "Khatibzadeh", "ar": "خطيب زاده", "fa": "خطیب‌زاده",
                                              "ru": "Хатибзаде"}),
    ("Q6", "ORG", "Collective Security Treaty Organization", "CSTO",
     {"en": "CSTO", "ar": "منظمة معاهدة الأمن الجماعي", "fa": "سازمان پیمان امنیت جمعی", "ru": "ОДКБ"}),
    ("Q7", "ORG", "United Nations", "UN", {"en": "United Nations", "ar": "الأمم المتحدة", "fa": "سازمان ملل",
                                           "ru": "ООН"}),
    ("Q8", "ORG", "European Union", "EU", {"en": "European Union", "ar": "الاتحاد الأوروبي", "fa": "اتحادیه اروپا",
                                           "ru": "Евросоюз"}),
    ("Q9", "GPE", "Kazakhstan", "KZ", {"en": "Kazakhstan", "ar": "كازاخستان", "fa": "قزاقستان", "ru": "Казахстан"}),
    ("Q10", "GPE", "Almaty", "KZ", {"en": "Almaty", "ar": "ألماتي", "fa": "آلماتی", "ru": "Алматы"}),
]
SPEAKERS = ["Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"]
STANCES = ["appeal", "concern", "criticize", "support", "accuse", "demand", "welcome", "reject", "inform"]
SAY = {"en": ("{s} said that ", "."), "ar": ("وقال {s} إن ", "."), "fa": ("{s} گفت که ", "."),
       "ru": ("{s} заявил, что ", ".")}
QUOTES = {
    "en": ["the violence must stop and all sides should show restraint",
           "the deployment of foreign troops is a matter of serious concern",
           "the authorities must respect the rights of peaceful protesters"],
    "ar": ["على جميع الأطراف ضبط النفس والعودة إلى الحوار", "الوضع في البلاد يثير قلقا بالغا",
           "التدخل الخارجي في الشؤون الداخلية مرفوض"],
    "fa": ["همه طرف‌ها باید خویشتن‌داری کنند و به گفت‌وگو بازگردند", "وضعیت کشور نگران‌کننده است",
           "دخالت خارجی در امور داخلی پذیرفته نیست"],
    "ru": ["все стороны должны проявить сдержанность", "ситуация вызывает серьёзную обеспокоенность",
           "вмешательство извне недопустимо"],
}
TROOPS = {"en": "About {n} troops arrived in {p}.", "ar": "وصل نحو {n} جندي إلى {p}.",
          "fa": "حدود {n} سرباز وارد {p} شدند.", "ru": "Около {n} военных прибыли в {p}."}
FILLER = {"en": "Protests over fuel prices spread to several cities, and the government resigned.",
          "ar": "امتدت الاحتجاجات على أسعار الوقود إلى عدة مدن واستقالت الحكومة.",
          "fa": "اعتراض‌ها به قیمت سوخت به چند شهر گسترش یافت و دولت استعفا داد.",
          "ru": "Протесты из-за цен на топливо охватили несколько городов, правительство ушло в отставку."}


class _Text:
    """Builds a text and records spans into it, so every offset is exact."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> tuple[int, int]:
        a = self.n
        self.parts.append(s)
        self.n += len(s)
        return a, self.n

    def text(self) -> str:
        return "".join(self.parts)


def synthetic_analysis(i: int, rnd: random.Random, published: str) -> Analysis:
    lang = ("en", "ar", "fa", "ru")[i % 4]
    t = _Text()
    mentions: list[Mention] = []
    statements: list[Statement] = []
    claims: list[Claim] = []
    dates: list[DatedEvent] = []

    def name(eid: str) -> None:
        e = next(x for x in ENTITIES if x[0] == eid)
        s, en = t.add(e[4][lang])
        mentions.append(Mention(start=s, end=en, text=e[4][lang], type=e[1], key=key(e[4][lang]), entity=eid))

    t.add(FILLER[lang] + " ")
    name("Q1")
    t.add(" " + FILLER[lang] + "\n")
    for k in range(3):
        spk = SPEAKERS[(i + k) % len(SPEAKERS)]
        e = next(x for x in ENTITIES if x[0] == spk)
        pre, post = SAY[lang]
        head, _, tail = pre.partition("{s}")
        cue_a, _ = t.add(head)
        sa, sb = t.add(e[4][lang])
        mentions.append(Mention(start=sa, end=sb, text=e[4][lang], type=e[1], key=key(e[4][lang]), entity=spk))
        t.add(tail)
        qa, qb = t.add(rnd.choice(QUOTES[lang]))
        t.add(post + "\n")
        statements.append(Statement(start=qa, end=qb, cue=head.strip() or tail.strip(), cue_start=cue_a,
                                    cue_end=cue_a + max(1, len(head)), speaker_text=e[4][lang], speaker_start=sa,
                                    speaker_end=sb, speaker=spk, speaker_affiliation=e[3],
                                    stance=STANCES[(i + k) % len(STANCES)], target="Q1", date=published))
    troops = rnd.choice((2000, 2030, 2500, 3000))
    tpl = TROOPS[lang]
    head, _, rest = tpl.partition("{n}")
    t.add(head)
    na, nb = t.add(str(troops))
    mid, _, tail = rest.partition("{p}")
    t.add(mid)
    name("Q10")
    t.add(tail + "\n")
    claims.append(Claim(start=na, end=nb, property="troop_count", value=troops, unit="troops", subject="CSTO troops",
                        qualifier="approximately", text=str(troops)))
    da, db = t.add(published)
    dates.append(DatedEvent(start=da, end=db, date=published, text=published))
    t.add(" " + FILLER[lang] + " ")
    name("Q9")
    t.add(".")
    text = t.text()
    title = f"{FILLER[lang][:40]} #{i}"
    src = f"syn{i:07d}"
    d = Document(id=doc_id(src, text), source=src, text=text, title=title, url=f"https://example.org/a/{i}",
                 published=published, outlet=f"Outlet {i % 17}", lang=lang, lang_confidence=0.99)
    return Analysis(document=d, mentions=tuple(mentions), statements=tuple(statements), claims=tuple(claims),
                    dates=tuple(dates))


def build(n: int, path: Path, *, events: int = 0, big: int = 0, seed: int = 7) -> dict[str, str]:
    """Fill a new store at ``path`` with ``n`` synthetic documents in ``events`` events (one of ``big`` documents).

    Returns {"largest": event id, "median": event id}.
    """
    from khabar.search import rebuild_index

    rnd = random.Random(seed)
    events = events or max(3, n // 40)
    big = big or min(n // 4, 300)
    assign: dict[str, str] = {}
    members: dict[str, list[tuple[str, str, str]]] = {}
    claims_by_event: dict[str, dict[int, list[str]]] = {}
    with Store.open(path) as s:
        s.conn.execute("PRAGMA synchronous=OFF")  # a throw-away benchmark database: no fsync per document
        run = s.start_run(["synthetic"], {}, {})
        for i in range(n):
            ev = "e000" if i < big else f"e{1 + (i % (events - 1)):03d}"
            day = 1 + (int(ev[1:]) * 7) % 28
            published = f"2022-{1 + int(ev[1:]) % 12:02d}-{day:02d}"
            a = synthetic_analysis(i, rnd, published)
            s.put_analysis(a, run)
            assign[a.document.id] = ev
            members.setdefault(ev, []).append((a.document.id, a.document.lang, published))
            for c in a.claims:
                claims_by_event.setdefault(ev, {}).setdefault(int(c.value), []).append(claim_id(a.document.id, c))
        s.put_entities([Entity(id=e[0], type=e[1], name=e[2], affiliation=e[3],
                               aliases=tuple((v, lg) for lg, v in e[4].items())) for e in ENTITIES])
        evs = []
        for ev, ms in members.items():
            ds = sorted(p for _, _, p in ms)
            evs.append({"id": ev, "title": f"Synthetic event {ev}: unrest and foreign troops",
                        "documents": [m[0] for m in ms], "languages": sorted({m[1] for m in ms}),
                        "first_seen": ds[0], "last_seen": ds[-1], "entities": ["Q1", "Q9", "Q6"],
                        "reacting": [], "stances": {}})
        s.set_events(assign, evs)
        conflicts = []
        for ev, by_value in claims_by_event.items():
            if len(by_value) > 1:
                conflicts.append({"id": f"x{ev}", "event": ev, "property": "troop_count", "subject": "CSTO troops",
                                  "values": [{"value": v, "claims": ids} for v, ids in sorted(by_value.items())]})
        s.set_conflicts(conflicts)
        rebuild_index(s)
    sizes = sorted((len(ms), ev) for ev, ms in members.items())
    return {"largest": sizes[-1][1], "median": sizes[len(sizes) // 2][1]}


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, max(0, round(p * len(xs)) - 1))], 1)


def timed(client: object, url: str, requests: int) -> dict[str, float]:
    """Wall time and CPU time (this process, all threads) per request, in ms.

    CPU time does not grow when other programs share the machine; wall time does.
    """
    client.get(url)  # type: ignore[attr-defined]  # warm up
    wall, cpu = [], []
    for _ in range(requests):
        t0, c0 = time.perf_counter(), time.process_time()
        r = client.get(url)  # type: ignore[attr-defined]
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}")
    return {"p50_ms": _pct(wall, 0.5), "p95_ms": _pct(wall, 0.95), "max_ms": round(max(wall), 1),
            "cpu_p50_ms": _pct(cpu, 0.5), "cpu_p95_ms": _pct(cpu, 0.95), "kb": round(len(r.content) / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--keep", help="Build (or reuse) the database at this path instead of a temporary one.")
    a = ap.parse_args()

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's test client asks for httpx2 over httpx
        from fastapi.testclient import TestClient

    from khabar.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(a.keep) if a.keep else Path(tmp) / "web_bench.db"
        meta = db.with_suffix(".json")
        if db.exists() and meta.exists():
            ids = json.loads(meta.read_text())
        else:
            t0 = time.perf_counter()
            ids = build(a.documents, db)
            meta.write_text(json.dumps(ids))
            print(f"built {a.documents} documents in {time.perf_counter() - t0:.1f} s: {db}", file=sys.stderr)
        client = TestClient(create_app(db))
        with Store.open(db, create=False) as s:
            sizes = {r["id"]: len(json.loads(r["data"])["documents"]) for r in s.rows("SELECT id, data FROM events")}
            doc = s.rows("SELECT id FROM documents WHERE event = ? LIMIT 1", (ids["median"],))[0][0]
        pages = [
            (f"dossier, largest event ({sizes[ids['largest']]} docs)", f"/events/{ids['largest']}"),
            (f"dossier, median event ({sizes[ids['median']]} docs)", f"/events/{ids['median']}"),
            ("article view", f"/documents/{doc}"),
            ("events list", "/"),
            ("API reactions, largest event", f"/api/events/{ids['largest']}/reactions"),
            ("search 'Tokayev'", "/search?q=Tokayev"),
        ]
        print(f"{a.documents} documents, {len(sizes)} events, {a.requests} requests per page (in-process TestClient)")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"{'page':44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} {'cpu p95':>8} {'KB':>7}")
        for label, url in pages:
            r = timed(client, url, a.requests)
            print(f"{label:44} {r['p50_ms']:8} {r['p95_ms']:8} {r['max_ms']:8} {r['cpu_p50_ms']:8}"
                  f" {r['cpu_p95_ms']:8} {r['kb']:7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
