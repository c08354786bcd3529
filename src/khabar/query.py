"""Read-side queries over a store, shared by the command line, the web app and the report.

Everything returns plain dicts and lists (JSON-ready). Names are looked up by matching key, so
a query in any script finds every spelling: "Tokayev", "توکایف" and "Токаев" reach one entity.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from .errors import NotFound
from .normalise import key
from .store import Store

STANCES = ("appeal", "demand", "criticize", "accuse", "reject", "support", "welcome", "concern", "inform")


def events(store: Store, lang: str | None = None, entity: str | None = None,
           since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Events, largest first, optionally only those with a language, an entity or in a date range."""
    ent_ids = set(find_entity_ids(store, entity)) if entity else None
    out = []
    for r in store.rows("SELECT data FROM events"):
        e = json.loads(r["data"])
        if lang and lang not in e["languages"]:
            continue
        if ent_ids is not None and not ent_ids & set(_event_entities(store, e)):
            continue
        if since and (e.get("last_seen") or "") < since:
            continue
        if until and (e.get("first_seen") or "9999") > until:
            continue
        out.append(e)
    out.sort(key=lambda e: (-len(e["documents"]), e.get("first_seen") or "", e["id"]))
    return out


def _event_entities(store: Store, e: dict[str, Any]) -> list[str]:
    ids = e["documents"]
    return [r[0] for r in store.rows(
        f"SELECT DISTINCT entity FROM mentions WHERE document IN ({','.join('?' * len(ids))})", ids)]


def event(store: Store, event_id: str | None) -> dict[str, Any]:
    """One event by id or unique id prefix; the largest event when ``event_id`` is None."""
    if event_id is None:
        evs = events(store)
        if not evs:
            raise NotFound(f"no events in {store.path}; run `khabar analyze` first")
        return evs[0]
    rows = store.rows("SELECT data FROM events WHERE id = ? OR id LIKE ?", (event_id, event_id + "%"))
    if not rows:
        raise NotFound(f"no event {event_id!r} in {store.path}; `khabar events` lists them")
    if len(rows) > 1:
        raise NotFound(f"event id {event_id!r} is ambiguous; give more characters")
    return json.loads(rows[0]["data"])


def documents(store: Store, ids: list[str] | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, source, url, title, lang, published, outlet, event, near_duplicate_of FROM documents"
    params: list[Any] = []
    if ids is not None:
        sql += f" WHERE id IN ({','.join('?' * len(ids))})"
        params = list(ids)
    return [dict(r) for r in store.rows(sql + " ORDER BY seq", params)]


def document(store: Store, doc_id: str) -> dict[str, Any]:
    rows = store.rows("SELECT * FROM documents WHERE id = ? OR source = ?", (doc_id, doc_id))
    if not rows:
        raise NotFound(f"no document {doc_id!r} in {store.path}")
    r = rows[0]
    d = {k: r[k] for k in ("id", "source", "url", "title", "lang", "text", "published", "outlet", "event",
                           "near_duplicate_of")}
    d["paragraphs"] = json.loads(r["paragraphs"])
    d["mentions"] = [dict(m) for m in store.rows(
        'SELECT m.start, m."end", m.text, m.type, m.entity, e.name FROM mentions m LEFT JOIN entities e'
        " ON e.id = m.entity WHERE m.document = ? ORDER BY m.start", (r["id"],))]
    d["statements"] = statements(store, document=r["id"])
    d["claims"] = claims(store, document=r["id"])
    return d


def entity_names(store: Store) -> dict[str, dict[str, Any]]:
    return {r["id"]: dict(r) for r in store.rows("SELECT id, name, type, affiliation, kb_id FROM entities")}


def find_entity_ids(store: Store, name: str) -> list[str]:
    """Entities whose id, English name or any spelling seen matches ``name`` (any script)."""
    k = key(name)
    if not k:
        return []
    out = []
    for r in store.rows("SELECT id, name, aliases FROM entities"):
        keys = {key(r["name"]), *(key(a["text"]) for a in json.loads(r["aliases"]))}
        if r["id"] == name or k in keys or any(k in x.split() for x in keys if " " in x):
            out.append(r["id"])
    if not out:
        out = [r["entity"] for r in store.rows("SELECT DISTINCT entity, key FROM mentions WHERE entity IS NOT NULL")
               if r["key"] == k]
    return out


def entities(store: Store, type_: str | None = None) -> list[dict[str, Any]]:
    counts = {r["entity"]: (r["n"], r["docs"]) for r in store.rows(
        "SELECT entity, count(*) AS n, count(DISTINCT document) AS docs FROM mentions GROUP BY entity")}
    out = []
    for r in store.rows("SELECT * FROM entities"):
        if type_ and r["type"] != type_:
            continue
        n, docs = counts.get(r["id"], (0, 0))
        out.append({"id": r["id"], "name": r["name"], "type": r["type"], "affiliation": r["affiliation"],
                    "kb_id": r["kb_id"], "mentions": n, "documents": docs,
                    "aliases": json.loads(r["aliases"])})
    out.sort(key=lambda e: (-e["mentions"], e["name"]))
    return out


def event_entities(store: Store, event_id: str) -> list[dict[str, Any]]:
    """Entities named in an event's articles, most mentioned first, with counts within the event."""
    counts = {r["entity"]: (r["n"], r["docs"]) for r in store.rows(
        "SELECT m.entity, count(*) AS n, count(DISTINCT m.document) AS docs FROM documents d"
        " JOIN mentions m ON m.document = d.id WHERE d.event = ? AND m.entity IS NOT NULL GROUP BY m.entity",
        (event_id,))}
    if not counts:
        return []
    out = []
    for r in store.rows(f"SELECT * FROM entities WHERE id IN ({','.join('?' * len(counts))})", list(counts)):
        n, docs = counts[r["id"]]
        out.append({"id": r["id"], "name": r["name"], "type": r["type"], "affiliation": r["affiliation"],
                    "kb_id": r["kb_id"], "mentions": n, "documents": docs,
                    "aliases": json.loads(r["aliases"])})
    out.sort(key=lambda e: (-e["mentions"], e["name"]))
    return out


def entity(store: Store, name: str) -> dict[str, Any]:
    ids = find_entity_ids(store, name)
    if not ids:
        raise NotFound(f"no entity matching {name!r}; `khabar entities` lists them")
    e = next(x for x in entities(store) if x["id"] == ids[0])
    e["documents"] = [dict(r) for r in store.rows(
        "SELECT DISTINCT d.id, d.title, d.lang, d.published FROM mentions m JOIN documents d ON d.id = m.document"
        " WHERE m.entity = ? ORDER BY d.seq", (ids[0],))]
    e["roles"] = sorted({r["role"] for r in store.rows("SELECT DISTINCT role FROM mentions WHERE entity = ?"
                                                        " AND role IS NOT NULL", (ids[0],))})
    e["statements"] = statements(store, speaker=ids[0])
    e["also"] = ids[1:]
    return e


def statements(store: Store, *, document: str | None = None, speaker: str | None = None,
               stance: str | None = None, event: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """Statements with their speaker's English name and the quoted words, filtered."""
    # substr counts characters (code points), as Python offsets do: only the quoted words travel.
    sql = ("SELECT s.id, s.document, s.start, s.\"end\", s.data,"
           " substr(d.text, s.start + 1, s.\"end\" - s.start) AS span, d.lang, d.title, d.published, d.outlet,"
           " d.source, d.event FROM statements s JOIN documents d ON d.id = s.document")
    where, params = [], []
    if document:
        where.append("s.document = ?")
        params.append(document)
    if stance:
        where.append("s.stance = ?")
        params.append(stance)
    if event:
        where.append("d.event = ?")
        params.append(event)
    if lang:
        where.append("d.lang = ?")
        params.append(lang)
    if speaker:
        ids = find_entity_ids(store, speaker) or [speaker]
        where.append(f"s.speaker IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if where:
        sql += " WHERE " + " AND ".join(where)
    names = entity_names(store)
    out = []
    for r in store.rows(sql + " ORDER BY d.seq, s.start", params):
        s = json.loads(r["data"])
        spk = names.get(s.get("speaker") or "", {})
        tgt = names.get(s.get("target") or "", {})
        out.append({
            "id": r["id"], "document": r["document"], "start": r["start"], "end": r["end"],
            "quote": r["span"], "lang": r["lang"], "source": r["source"],
            "outlet": r["outlet"], "title": r["title"], "event": r["event"],
            "speaker": s.get("speaker"), "speaker_name": spk.get("name"), "speaker_text": s.get("speaker_text"),
            "speaker_affiliation": s.get("speaker_affiliation"), "cue": s.get("cue"), "direct": s.get("direct"),
            "stance": s.get("stance"), "stance_confidence": s.get("stance_confidence"),
            "target": s.get("target"), "target_name": tgt.get("name"),
            "date": s.get("date") or r["published"],
        })
    return out


def english_line(s: dict[str, Any]) -> str:
    """"Antony Blinken (US) criticizes Kassym-Jomart Tokayev, 2022-01-09" from a statement row."""
    who = s.get("speaker_name") or s.get("speaker_affiliation") or s.get("speaker_text") or "Someone"
    aff = s.get("speaker_affiliation")
    if aff and aff != who:
        who = f"{who} ({aff})"
    verb = {"appeal": "appeals", "demand": "demands", "criticize": "criticizes", "accuse": "accuses",
            "reject": "rejects", "support": "supports", "welcome": "welcomes", "concern": "expresses concern",
            "inform": "states"}.get(s.get("stance") or "inform", "states")
    line = f"{who} {verb}"
    if s.get("target_name"):
        prep = {"appeal": " to", "concern": " about", "inform": " about", "demand": " of"}.get(s["stance"], "")
        line += f"{prep} {s['target_name']}"
    if s.get("date"):
        line += f", {s['date'][:10]}"
    return line


def reactions(store: Store, event_id: str | None, *, stmts: list[dict[str, Any]] | None = None,
              names: dict[str, str] | None = None) -> dict[str, Any]:
    """The "world reacts" round-up: statements of an event grouped by country or organisation.

    ``stmts`` (the event's statements) and ``names`` (``party_names``) save reading them again
    when the caller already has them.
    """
    ev = event(store, event_id)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in (stmts if stmts is not None else statements(store, event=ev["id"])):
        s = {**s, "line": s.get("line") or english_line(s)}
        groups[s.get("speaker_affiliation") or "unattributed"].append(s)
    names = names if names is not None else party_names(store)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "unattributed", -len(kv[1]), kv[0]))
    return {"event": {"id": ev["id"], "title": ev["title"]},
            "groups": [{"party": k, "name": names.get(k, k), "statements": v} for k, v in ordered]}


def party_names(store: Store) -> dict[str, str]:
    """Affiliation code -> English name, from the knowledge base (countries and organisations)."""
    out: dict[str, str] = {}
    try:
        from .entities.kb import load_kb

        kb = load_kb()
        entries = list(kb.entries.values())
        for e in entries:
            if e.type == "GPE" and getattr(e, "iso2", None):
                out.setdefault(e.iso2, e.name)
        # An organisation code names the body whose short name it is ("UN" -> United Nations),
        # else the first body of that code in the knowledge base; never a country's code.
        orgs = [e for e in entries if e.type == "ORG" and e.affiliation and e.affiliation.isupper()
                and e.affiliation not in out]
        for e in sorted(orgs, key=lambda e: getattr(e, "short", None) != e.affiliation):
            out.setdefault(e.affiliation, e.name)
    except Exception:  # noqa: BLE001 - names are a nicety; codes still read
        pass
    return out


def claims(store: Store, *, document: str | None = None, event: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT c.id, c.document, c.start, c.\"end\", c.data,"
           " substr(d.text, c.start + 1, c.\"end\" - c.start) AS span, d.lang, d.outlet, d.source, d.published"
           " FROM claims c JOIN documents d ON d.id = c.document")
    params: list[Any] = []
    if document:
        sql += " WHERE c.document = ?"
        params.append(document)
    elif event:
        sql += " WHERE d.event = ?"
        params.append(event)
    out = []
    for r in store.rows(sql + " ORDER BY d.seq, c.start", params):
        c = json.loads(r["data"])
        out.append({"id": r["id"], "document": r["document"], "start": r["start"], "end": r["end"],
                    "evidence": r["span"], "lang": r["lang"], "outlet": r["outlet"],
                    "source": r["source"], "published": r["published"], **{k: c.get(k) for k in (
                        "property", "value", "unit", "subject", "qualifier", "date")}})
    return out


def conflicts(store: Store, event_id: str | None, *, claims_: list[dict[str, Any]] | None = None
              ) -> list[dict[str, Any]]:
    """Figures an event's sources disagree on; ``claims_`` are the event's claims if already read."""
    ev = event(store, event_id)
    by_id = {c["id"]: c for c in (claims_ if claims_ is not None else claims(store, event=ev["id"]))}
    out = []
    for r in store.rows("SELECT data FROM conflicts WHERE event = ? ORDER BY id", (ev["id"],)):
        x = json.loads(r["data"])
        for v in x["values"]:
            v["sources"] = [{k: by_id[c][k] for k in ("document", "source", "outlet", "lang", "evidence", "start",
                                                       "end")} for c in v["claims"] if c in by_id]
        out.append(x)
    return out


_SENTENCE_WINDOW = 600  # characters either side of a date within which its sentence is looked for


def timeline(store: Store, event_id: str | None, *, stmts: list[dict[str, Any]] | None = None
             ) -> list[dict[str, Any]]:
    """Dated happenings of an event, oldest first: dates in the text, then statements by date.

    ``stmts`` are the event's statements if the caller has already read them.
    """
    ev = event(store, event_id)
    out = []
    # Only a window of text around each date is read (substr counts characters, as Python does).
    w = _SENTENCE_WINDOW
    for r in store.rows("SELECT x.document, x.start, x.\"end\", x.date, x.text, x.precision,"
                        " max(0, x.start - ?) AS w0, substr(d.text, max(0, x.start - ?) + 1,"
                        " x.\"end\" - max(0, x.start - ?) + ?) AS body,"
                        " d.lang, d.source FROM documents d JOIN dates x ON x.document = d.id"
                        " WHERE d.event = ?", (w, w, w, w, ev["id"])):
        body, a, b = r["body"], r["start"] - r["w0"], r["end"] - r["w0"]
        s0 = max(body.rfind("\n", 0, a), body.rfind(".", 0, a)) + 1
        e0 = min([i for i in (body.find("\n", b), body.find(".", b)) if i >= 0] or [len(body)])
        out.append({"date": r["date"], "kind": "date", "document": r["document"], "start": r["start"],
                    "end": r["end"], "text": r["text"], "sentence": body[s0:e0 + 1].strip(), "lang": r["lang"],
                    "source": r["source"]})
    for s in (stmts if stmts is not None else statements(store, event=ev["id"])):
        if s.get("date"):
            out.append({"date": s["date"][:10], "kind": "statement", "document": s["document"],
                        "start": s["start"], "end": s["end"], "text": s.get("line") or english_line(s),
                        "sentence": s["quote"],
                        "lang": s["lang"], "source": s["source"]})
    out.sort(key=lambda x: (x["date"], x["kind"], x["document"], x["start"]))
    return out
