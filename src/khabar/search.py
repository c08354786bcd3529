"""Search across scripts: one box finds events, entities, statements and documents.

SQLite's FTS5 tokenizer splits Arabic words at harakat and folds none of the letter variants
(MEASURED.md), so both the index and the query hold our matching keys
(``khabar.normalise.key``), never raw text. A query that names an entity is expanded with
every spelling of that entity seen in the corpus, so "Tokayev" finds توکایف, توكاييف and
Токаев documents.
"""

from __future__ import annotations

import json
from typing import Any

from . import query as q
from .normalise import key
from .store import SEARCH_INSERT, SearchRow, Store, document_search_row, statement_search_row

#: Rows read and written per page, so that memory stays flat however large the corpus.
PAGE = 2000


def rebuild_index(store: Store) -> int:
    """Re-create every search row from what is stored: for a store whose index is missing or
    suspect. A run only needs :func:`refresh_index`, because documents and statements get their
    rows when they are stored.

    Read and written page by page inside one transaction: a statement carries only its quote
    (cut in SQL), never its document's text, so a 100k-document corpus does not sit in memory.
    """
    with store.atomic() as c:
        c.execute("DELETE FROM search")
        n = 0
        last = -1
        while True:
            page = store.rows("SELECT seq, id, title, lang, text FROM documents WHERE seq > ? ORDER BY seq LIMIT ?",
                              (last, PAGE))
            if not page:
                break
            _put(c, [document_search_row(r["id"], r["title"], r["lang"], r["text"]) for r in page])
            n += len(page)
            last = int(page[-1]["seq"])
        after = ""
        while True:
            page = store.rows('SELECT s.id, substr(d.text, CAST(s.start + 1 AS INTEGER), CAST(s."end" - s.start AS INTEGER)) AS quote, d.lang'
                              " FROM statements s JOIN documents d ON d.id = s.document"
                              " WHERE s.id > ? ORDER BY s.id LIMIT ?", (after, PAGE))
            if not page:
                break
            _put(c, [statement_search_row(r["id"], r["quote"], r["lang"]) for r in page])
            n += len(page)
            after = page[-1]["id"]
        return n + _put_derived(store, c)


def refresh_index(store: Store) -> int:
    """Bring the entity and event rows up to date (they change with every run); returns their number.

    A store indexed by a version that wrote every row at the end of a run has had its rows
    dropped by a migration: it is rebuilt once, here.
    """
    if store.rows("SELECT 1 FROM documents LIMIT 1") and not store.rows(
            "SELECT 1 FROM search WHERE kind = 'document' LIMIT 1"):
        return rebuild_index(store)
    with store.atomic() as c:
        c.execute("DELETE FROM search WHERE kind IN ('entity', 'event')")
        return _put_derived(store, c)


def _put(c: Any, rows: list[SearchRow]) -> int:
    if rows:
        c.executemany(SEARCH_INSERT, rows)
    return len(rows)


def _put_derived(store: Store, c: Any) -> int:
    """Entity and event rows, read and written page by page."""
    n = 0
    after = ""
    while True:
        page = store.rows("SELECT id, name, aliases FROM entities WHERE id > ? ORDER BY id LIMIT ?", (after, PAGE))
        if not page:
            break
        n += _put(c, [("entity", r["id"], r["name"], "",
                       key(r["name"] + " " + " ".join(a["text"] for a in json.loads(r["aliases"])))) for r in page])
        after = page[-1]["id"]
    return n + _put(c, [("event", r["id"], r["title"], "", key(r["title"]))
                        for r in store.rows("SELECT id, title FROM events")])


_PLURAL = {"document": "documents", "entity": "entities", "statement": "statements", "event": "events"}


def _fts_phrase(k: str) -> str:
    return '"' + k.replace('"', " ") + '"'


def search(store: Store, text: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Documents, entities, statements and events matching ``text`` in any script."""
    k = key(text)
    out: dict[str, list[dict[str, Any]]] = {"documents": [], "entities": [], "statements": [], "events": []}
    if not k:
        return out
    phrases = {k}
    ent_ids = q.find_entity_ids(store, text)
    for eid in ent_ids:
        for r in store.rows("SELECT name, aliases FROM entities WHERE id = ?", (eid,)):
            phrases.add(key(r["name"]))
            phrases.update(key(a["text"]) for a in json.loads(r["aliases"]))
    phrases.discard("")
    match = " OR ".join(_fts_phrase(p) for p in sorted(phrases))
    seen_docs: set[str] = set()
    for r in store.rows("SELECT kind, ref, title, lang, bm25(search) AS score FROM search WHERE search MATCH ?"
                        " ORDER BY score LIMIT ?", (match, limit * 8)):
        kind = _PLURAL[r["kind"]]
        if len(out[kind]) >= limit:
            continue
        out[kind].append({"id": r["ref"], "title": r["title"], "lang": r["lang"] or None,
                          "score": round(-float(r["score"]), 3)})
        if r["kind"] == "document":
            seen_docs.add(r["ref"])
    # Documents that mention the entity under a spelling the alias list lacks still count.
    for eid in ent_ids:
        # When the index already gave a full page, a common name's every mention need not be read.
        more = limit - len(out["documents"])
        for r in store.rows("SELECT DISTINCT d.id, d.title, d.lang, d.seq FROM mentions m JOIN documents d"
                            " ON d.id = m.document WHERE m.entity = ? ORDER BY d.seq LIMIT ?",
                            (eid, more + len(seen_docs))) if more > 0 else ():
            if r["id"] not in seen_docs and len(out["documents"]) < limit:
                seen_docs.add(r["id"])
                out["documents"].append({"id": r["id"], "title": r["title"], "lang": r["lang"], "score": 0.0})
        if not any(e["id"] == eid for e in out["entities"]):
            for r in store.rows("SELECT id, name FROM entities WHERE id = ?", (eid,)):
                out["entities"].append({"id": r["id"], "title": r["name"], "lang": None, "score": 0.0})
    for d in out["documents"]:
        for r in store.rows("SELECT source, published, outlet, event FROM documents WHERE id = ?", (d["id"],)):
            d.update(dict(r))
    return out
