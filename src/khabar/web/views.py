"""View models shared by the web app and the offline report: plain dicts ready for templates.

Article text is never marked up by string concatenation: ``highlight`` cuts the text into
segments with their marks, and the template escapes every segment. Links are computed here,
once, for the page (``/documents/ID?hl=START-END#sSTART``) or for the self-contained report
(``#doc-ID-START``), so templates stay simple and fast on large events.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from typing import Any

from .. import query as q
from ..store import Store

RTL = frozenset({"ar", "fa", "ur", "ps", "he", "yi", "ckb", "sd", "ug", "dv"})
LANGUAGE_NAMES = {"ar": "Arabic", "fa": "Persian", "en": "English", "ru": "Russian", "ur": "Urdu", "ps": "Pashto",
                  "tr": "Turkish", "fr": "French", "de": "German", "es": "Spanish", "zh": "Chinese", "kk": "Kazakh"}


def _same(text: str) -> str:
    """Cheap identity for "the same words": case and spacing ignored (no full normalisation needed)."""
    return " ".join(text.casefold().split())


def safe_url(url: str | None) -> str | None:
    """An article's own address, only if it is a web address (never ``javascript:`` or ``data:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def doc_href(doc_id: str, start: int | None = None, end: int | None = None, *, offline: bool = False) -> str:
    """Where a source link points: the article page (statement highlighted) or the report's own copy."""
    if offline:
        return f"#doc-{doc_id}" + (f"-{start}" if start is not None else "")
    if start is None:
        return f"/documents/{doc_id}"
    hl = f"?hl={start}-{end}" if end is not None else ""
    return f"/documents/{doc_id}{hl}#s{start}"


def dossier(store: Store, event_id: str | None, *, party_names: dict[str, str] | None = None,
            offline: bool = False) -> dict[str, Any]:
    """Everything the event page shows. Each table is read once (statements serve the reactions
    and the timeline; claims serve the table and the conflicts)."""
    ev = q.event(store, event_id)
    docs = q.documents(store, ev["documents"])
    for d in docs:
        d["href"] = doc_href(d["id"], offline=offline)
    ents = [{**e, "spellings": sorted({a["text"] for a in e["aliases"]})} for e in q.event_entities(store, ev["id"])]
    stmts = q.statements(store, event=ev["id"])
    for s in stmts:
        s["href"] = doc_href(s["document"], s["start"], s["end"], offline=offline)
        s["line"] = q.english_line(s)
    claims = q.claims(store, event=ev["id"])
    for c in claims:
        c["href"] = doc_href(c["document"], c["start"], c["end"], offline=offline)
    conflicts = q.conflicts(store, ev["id"], claims_=claims)
    in_conflict = {c for x in conflicts for v in x["values"] for c in v["claims"]}
    for c in claims:
        c["conflict"] = c["id"] in in_conflict
    for x in conflicts:
        for v in x["values"]:
            for src in v["sources"]:
                src["href"] = doc_href(src["document"], src["start"], src["end"], offline=offline)
    timeline = q.timeline(store, ev["id"], stmts=stmts)
    party_of = {(s["document"], s["start"]): s.get("speaker_affiliation") for s in stmts}
    for t in timeline:
        if t["kind"] == "statement":
            t["party"] = party_of.get((t["document"], t["start"]))
        # The report anchors statements and claims only; a date links to its article there.
        at = t["start"] if not offline or t["kind"] == "statement" else None
        t["href"] = doc_href(t["document"], at, t["end"], offline=offline)
    groups = q.reactions(store, ev["id"], stmts=stmts, names=party_names)["groups"]
    stances = Counter(s.get("stance") or "inform" for s in stmts)
    return {
        "event": ev, "documents": docs, "reactions": [_group(g) for g in groups],
        "entities": ents, "claims": claims, "conflicts": conflicts, "timeline": timeline,
        "timeline_days": timeline_days(timeline, ev), "timeline_svg": timeline_svg(timeline, ev),
        "stances": stances.most_common(),
        "n_statements": len(stmts), "languages": _languages(docs),
        "outlets": sorted({d.get("outlet") or "unknown outlet" for d in docs}),
    }


def _languages(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    n = Counter(d["lang"] for d in docs)
    return [{"code": k, "name": LANGUAGE_NAMES.get(k, k), "n": v} for k, v in n.most_common()]


def _group(g: dict[str, Any]) -> dict[str, Any]:
    """One party's statements, the same words from the same speaker reported by several sources once."""
    items: dict[tuple[str, str, str], dict[str, Any]] = {}
    for s in g["statements"]:
        k = (s.get("speaker") or s.get("speaker_text") or "", s.get("stance") or "inform", _same(s["quote"]))
        if k not in items:
            items[k] = {**s, "sources": []}
        items[k]["sources"].append({"href": s["href"], "label": s.get("outlet") or s.get("source"),
                                    "lang": s["lang"], "start": s["start"], "end": s["end"]})
    stances = Counter(s.get("stance") or "inform" for s in g["statements"])
    return {**g, "items": list(items.values()), "stances": stances.most_common(), "n": len(g["statements"])}


def timeline_days(items: list[dict[str, Any]], ev: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The timeline list, one entry per day: what the articles date to that day (the same sentence
    from several sources once), then who spoke that day, by party (the quotes are in the reactions)."""
    happenings: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    parties: dict[str, Counter[str]] = defaultdict(Counter)
    for t in items:
        day = t["date"][:10]
        if t["kind"] == "statement":
            parties[day][t.get("party") or "unattributed"] += 1
            continue
        entry = happenings[day].setdefault(_same(t["sentence"]), {**t, "sources": []})
        entry["sources"].append(t["href"])
    lo, hi = _window(items, ev)
    out = []
    for d in sorted(set(happenings) | set(parties)):
        out.append({"date": d, "items": list(happenings[d].values()), "parties": parties[d].most_common(),
                    "statements": sum(parties[d].values()), "outside": bool(lo and not (lo <= d <= hi))})
    return out


def _window(items: list[dict[str, Any]], ev: dict[str, Any] | None) -> tuple[str, str]:
    """The date range the chart draws: the event's own days with a margin, so a background date
    ("independence in 1991") does not squash the weeks that matter into one dot."""
    dates = sorted(x["date"][:10] for x in items if x.get("date"))
    if not dates:
        return "", ""
    first = (ev or {}).get("first_seen") or dates[len(dates) // 2]
    last = (ev or {}).get("last_seen") or first
    try:
        lo = (_dt.date.fromisoformat(first[:10]) - _dt.timedelta(days=45)).isoformat()
        hi = (_dt.date.fromisoformat(last[:10]) + _dt.timedelta(days=45)).isoformat()
    except ValueError:
        return dates[0], dates[-1]
    return lo, hi


def timeline_svg(items: list[dict[str, Any]], ev: dict[str, Any] | None = None, width: int = 900) -> dict[str, Any]:
    """Positions for a server-drawn timeline: one dot per day (sized by what happened), within the event's window."""
    lo, hi = _window(items, ev)
    inside = [x for x in items if x.get("date") and lo <= x["date"][:10] <= hi]
    outside = sum(1 for x in items if x.get("date")) - len(inside)
    dates = sorted({x["date"][:10] for x in inside})
    if not dates:
        return {"width": width, "height": 0, "days": [], "ticks": [], "outside": outside}
    d0 = _dt.date.fromisoformat(dates[0])
    d1 = _dt.date.fromisoformat(dates[-1])
    span = max(1, (d1 - d0).days)
    per_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in inside:
        per_day[x["date"][:10]].append(x)
    top = max(len(xs) for xs in per_day.values())
    days = []
    for d, xs in sorted(per_day.items()):
        x = 50 + (width - 100) * (_dt.date.fromisoformat(d) - d0).days / span if d1 > d0 else width / 2
        n_st = sum(1 for i in xs if i["kind"] == "statement")
        lines = list(dict.fromkeys(i["text"] if i["kind"] == "statement" else i["sentence"] for i in xs))
        days.append({"date": d, "x": round(x, 1), "n": len(xs), "statements": n_st, "dates": len(xs) - n_st,
                     "r": round(5 + 11 * (len(xs) / top) ** 0.5, 1), "label": "; ".join(lines[:4])
                     + (f"; and {len(lines) - 4} more" if len(lines) > 4 else "")})
    # Label at most ~9 days so the labels never overlap; always the first and the last.
    step = max(1, -(-len(days) // 9))
    for i, d in enumerate(days):
        d["labelled"] = i % step == 0 or i == len(days) - 1
        d["short"] = _dt.date.fromisoformat(d["date"]).strftime("%d %b")
    labelled = [d for d in days if d["labelled"]]
    if len(labelled) > 2 and labelled[-1]["x"] - labelled[-2]["x"] < 60:
        labelled[-2]["labelled"] = False
    return {"width": width, "height": 110, "days": days, "outside": outside,
            "range": d0.strftime("%d %b %Y") + (f" – {d1.strftime('%d %b %Y')}" if d1 > d0 else "")}


def highlight(doc: dict[str, Any], focus: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """Paragraphs of the article, each a list of segments {text, cls, title, start, anchor}.

    Marks: mentions, statements (with their stance) and claims. ``focus`` is the ``[start, end)``
    span a source link points at: its segments get the class ``focus``. A statement's first
    segment carries the anchor ``s{start}`` the dossier links to; so do a claim's and the focus's.
    """
    text = doc["text"]
    spans: list[tuple[int, int, str, str]] = []
    for m in doc["mentions"]:
        spans.append((m["start"], m["end"], "mention", m.get("name") or m["text"]))
    for s in doc["statements"]:
        spans.append((s["start"], s["end"], "statement " + (s.get("stance") or ""), q.english_line(s)))
    for c in doc["claims"]:
        tip = f"{(c['property'] or '').replace('_', ' ')}: {c['value']}"
        if c.get("qualifier"):
            tip += f" ({c['qualifier']})"
        spans.append((c["start"], c["end"], "claim", tip))
    if focus is not None:
        spans.append((focus[0], focus[1], "focus", ""))
    starts = {s["start"] for s in doc["statements"]} | {c["start"] for c in doc["claims"]}
    if focus is not None:
        starts.add(focus[0])
    cuts = {0, len(text)}
    for s, e, _, _ in spans:
        cuts.update((max(0, min(s, len(text))), max(0, min(e, len(text)))))
    for i, ch in enumerate(text):
        if ch == "\n":
            cuts.update((i, i + 1))
    points = sorted(cuts)
    paragraphs: list[list[dict[str, Any]]] = [[]]
    for a, b in zip(points, points[1:], strict=False):
        seg = text[a:b]
        if seg == "\n":
            paragraphs.append([])
            continue
        marks = [(kind, title) for s, e, kind, title in spans if s <= a and b <= e]
        cls = " ".join(sorted({c for k, _ in marks for c in k.split()}))
        tip = " · ".join(dict.fromkeys(t for _, t in marks if t))
        anchor = f"s{a}" if a in starts else None
        paragraphs[-1].append({"text": seg, "cls": cls, "title": tip, "start": a, "anchor": anchor})
    return [p for p in paragraphs if p]


def parse_focus(hl: str | None, text_length: int) -> tuple[int, int] | None:
    """``"120-245"`` from a link's ``?hl=`` into a span inside the text, or None."""
    if not hl:
        return None
    a, sep, b = hl.partition("-")
    if not sep or not a.isdigit() or not b.isdigit():
        return None
    s, e = int(a), int(b)
    if not 0 <= s < e <= text_length:
        return None
    return s, e


def endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON API from its OpenAPI description, for the /docs page (no outside script needed)."""
    out = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type", "")} for p in op.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "tag": (op.get("tags") or [""])[0]})
    return out
