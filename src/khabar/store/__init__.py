"""The embedded store: SQLite in WAL mode, one writer, ordered migrations, idempotent writes.

Why SQLite: a user on a laptop gets a single file, no server, transactions, and full-text
search; the schema is plain tables with JSON columns so the export and the web app read the
same data. Every write of one document (text, mentions, statements, claims) is one
transaction, so a run killed half-way leaves whole documents or nothing, and a re-run skips
what is already stored (ids are content hashes).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..errors import NotFound, StoreError
from ..models import Analysis, Claim, DatedEvent, Document, Entity, Mention, Paragraph, Rejection, Statement
from ..normalise import key
from .migrations import MIGRATIONS
from .simhash import bands, simhash

__all__ = ["Store", "doc_id", "statement_id", "claim_id", "document_search_row", "statement_search_row"]

#: One row of the full-text table: kind, ref, title, lang, keys (see ``khabar.search``).
SearchRow = tuple[str, str, str, str, str]
SEARCH_INSERT = "INSERT INTO search (kind, ref, title, lang, keys) VALUES (?,?,?,?,?)"


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def doc_id(source: str, text: str) -> str:
    """Content-hash id: the same article read again gets the same id, so storing it is a no-op."""
    return "d" + _h(source, text)


def statement_id(document: str, s: Statement) -> str:
    return "s" + _h(document, str(s.start), str(s.end), str(s.cue_start))


def claim_id(document: str, c: Claim) -> str:
    return "c" + _h(document, str(c.start), str(c.end), c.property)


def document_search_row(did: str, title: str | None, lang: str, text: str) -> SearchRow:
    """A document's row of the search table: its title and text as matching keys, never raw text
    (FTS5 folds none of the Arabic letter variants; ``khabar.search``)."""
    return ("document", did, title or "", lang, key((title or "") + "\n" + text))


def statement_search_row(sid: str, quote: str, lang: str) -> SearchRow:
    return ("statement", sid, quote[:200], lang, key(quote))


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store:
    """A khabar database. Open with ``Store.open(path)``; use as a context manager to close it."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    # -- life cycle ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """The database at ``path`` (a SQLite file, ``:memory:``, or a ``postgresql://`` URL)."""
        p = str(path)
        if p.startswith(("postgresql://", "postgres://")):
            from .postgres import PostgresStore

            return PostgresStore.open(p, create=create)
        if p != ":memory:":
            pp = Path(p)
            if not pp.exists() and not create:
                raise StoreError(f"{p}: no such database; run `khabar analyze INPUT --db {p}` first")
            if pp.exists() and pp.is_dir():
                raise StoreError(f"{p}: is a folder, not a database file")
            if pp.parent and not pp.parent.exists():
                raise StoreError(f"{p}: folder {pp.parent} does not exist")
        try:
            conn = sqlite3.connect(p, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA temp_store=MEMORY")
            # Up to 64 MB of pages (SQLite's default is 2 MB): mentions, claims and statements
            # are keyed by document hashes, so their indexes grow at random places, and with the
            # default cache storing slowed from 3.0 to 4.4 ms a document over the first 5,000
            # (3.9 with this; benchmarks/results/2026-11-23.md). Pages are taken as needed.
            conn.execute("PRAGMA cache_size=-65536")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{p}: not a khabar database ({e})") from e
        store = cls(conn, p)
        store.migrate()
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside is stored, or nothing is."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, in order; refuse a database from the future."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        known = {name for name, _ in MIGRATIONS}
        if done - known:
            raise StoreError(
                f"{self.path}: made by a newer khabar (migrations {sorted(done - known)}); upgrade khabar"
            )
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.atomic() as c:
                for stmt in sql.split(";"):
                    if stmt.strip():
                        c.execute(stmt)
                c.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied

    # -- runs --------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str], settings: dict[str, Any], stages: dict[str, str]) -> str:
        run = "r" + uuid.uuid4().hex[:12]
        with self.atomic() as c:
            c.execute(
                "INSERT INTO runs (id, started, status, inputs, settings, stages) VALUES (?,?,?,?,?,?)",
                (run, _now(), "running", json.dumps(list(inputs)), json.dumps(settings, default=str),
                 json.dumps(stages)),
            )
        return run

    def finish_run(self, run: str, status: str, summary: dict[str, Any]) -> None:
        with self.atomic() as c:
            c.execute("UPDATE runs SET finished=?, status=?, summary=? WHERE id=?",
                      (_now(), status, json.dumps(summary, ensure_ascii=False), run))

    def runs(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM runs ORDER BY started")]

    def add_rejection(self, run: str, r: Rejection) -> None:
        with self.atomic() as c:
            c.execute("INSERT INTO rejections VALUES (?,?,?,?,?)", (run, r.origin, r.stage, r.reason, r.detail))

    # -- documents ---------------------------------------------------------------------------
    def has_document(self, did: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (did,)).fetchone() is not None

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def _near_duplicate(self, sh: int, did: str) -> str | None:
        """An earlier document whose simhash is within 3 bits: a re-publication, linked not counted."""
        seen: set[str] = set()
        for band, value in enumerate(bands(sh)):
            for (other,) in self.conn.execute(
                "SELECT document FROM simhash_bands WHERE band=? AND value=?", (band, value)
            ):
                if other == did or other in seen:
                    continue
                seen.add(other)
                row = self.conn.execute("SELECT simhash, near_duplicate_of FROM documents WHERE id=?",
                                        (other,)).fetchone()
                if row and bin((row[0] ^ sh) & 0xFFFFFFFFFFFFFFFF).count("1") <= 3:
                    return row[1] or other
        return None

    def put_analysis(self, a: Analysis, run: str) -> bool:
        """Store one analysed document in one transaction. Returns False if it was already stored."""
        return self.put_analyses([a], run)[0]

    def put_analyses(self, analyses: Sequence[Analysis], run: str) -> list[bool]:
        """Store analysed documents in one transaction: all of them, or none if anything fails.

        Which of them were new (False: already stored). A transaction per batch rather than per
        document: SQLite's commit cost 2.1 ms here whatever it carried, which was a third of
        the store stage; a run stopped half-way loses at most the batch, and a rerun stores it.
        """
        with self.atomic() as c:
            return [self._put(c, a, run) for a in analyses]

    def _put(self, c: Any, a: Analysis, run: str) -> bool:
        d = a.document
        if c.execute("SELECT 1 FROM documents WHERE id=?", (d.id,)).fetchone():
            return False
        sh = simhash(d.text)
        dup = self._near_duplicate(sh, d.id)
        seq = int(c.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0])
        emb = None
        if a.embedding is not None:
            import numpy as np

            emb = np.asarray(a.embedding, dtype=np.float32).tobytes()
        c.execute(
            "INSERT INTO documents (id, source, url, title, lang, lang_confidence, text, published, outlet,"
            " event, origin, paragraphs, removed, meta, simhash, near_duplicate_of, embedding, run, seq)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (d.id, d.source, d.url, d.title, d.lang, d.lang_confidence, d.text, d.published, d.outlet,
             None, d.origin, json.dumps([_record(p) for p in d.paragraphs]),
             json.dumps(list(d.removed), ensure_ascii=False), json.dumps(d.meta, ensure_ascii=False, default=str),
             _signed(sh), dup, emb, run, seq),
        )
        c.executemany("INSERT OR IGNORE INTO simhash_bands VALUES (?,?,?)",
                      [(b, v, d.id) for b, v in enumerate(bands(sh))])
        # Documents never change once stored, so their search rows are written with them: the end
        # of a run then refreshes only entities and events, not the whole corpus (which took
        # about 1 ms a stored document, serial, on every run).
        c.execute(SEARCH_INSERT, document_search_row(d.id, d.title, d.lang, d.text))
        self._write_facts(c, a)
        return True

    def replace_facts(self, a: Analysis) -> None:
        """Rewrite the mentions, statements, claims and dates of a stored document (a re-analysis)."""
        with self.atomic() as c:
            did = a.document.id
            c.execute("DELETE FROM search WHERE kind = 'statement' AND ref IN"
                      " (SELECT id FROM statements WHERE document=?)", (did,))
            for t in ("mentions", "statements", "claims", "dates"):
                c.execute(f"DELETE FROM {t} WHERE document=?", (did,))
            self._write_facts(c, a)

    def _write_facts(self, c: sqlite3.Connection, a: Analysis) -> None:
        d = a.document
        did = d.id
        sids = [statement_id(did, s) for s in a.statements]
        c.executemany(
            'INSERT OR REPLACE INTO mentions (document, start, "end", text, type, key, entity, kb_id, role, source,'
            " confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(did, m.start, m.end, m.text, m.type, m.key, m.entity, m.kb_id, m.role, m.source, m.confidence)
             for m in a.mentions],
        )
        c.executemany(
            'INSERT OR REPLACE INTO statements (id, document, start, "end", data, speaker, stance) VALUES (?,?,?,?,?,?,?)',
            [(sid, did, s.start, s.end, json.dumps(_record(s), ensure_ascii=False), s.speaker,
              s.stance) for sid, s in zip(sids, a.statements, strict=True)],
        )
        # One row per statement id, as in the statements table (INSERT OR REPLACE keeps one).
        quotes = {sid: d.text[s.start:s.end] for sid, s in zip(sids, a.statements, strict=True)}
        c.executemany(SEARCH_INSERT, [statement_search_row(sid, q, d.lang) for sid, q in quotes.items()])
        c.executemany(
            'INSERT OR REPLACE INTO claims (id, document, start, "end", property, data) VALUES (?,?,?,?,?,?)',
            [(claim_id(did, x), did, x.start, x.end, x.property, json.dumps(_record(x), ensure_ascii=False))
             for x in a.claims],
        )
        c.executemany(
            'INSERT OR REPLACE INTO dates (document, start, "end", date, text, precision) VALUES (?,?,?,?,?,?)',
            [(did, x.start, x.end, x.date, x.text, x.precision) for x in a.dates],
        )

    def document(self, did: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id=?", (did,)).fetchone()
        if row is None:
            raise NotFound(f"no document {did!r} in {self.path}")
        return _document(row)

    def documents(self) -> Iterator[Document]:
        """Documents in the order they were first stored (the order online clustering saw them)."""
        for row in self.conn.execute("SELECT * FROM documents ORDER BY seq"):
            yield _document(row)

    def analyses(self) -> Iterator[Analysis]:
        for d in self.documents():
            yield self.analysis(d)

    def stored_mentions(self, page: int = 5000) -> Iterator[tuple[str | None, str, tuple[Mention, ...]]]:
        """(published, lang, mentions) of every stored document, in the order they were
        stored, ``entity`` unset: the recogniser's output, which a new run replays into the
        entity resolver. Paged by ``seq``, so a large corpus's mentions are never all in
        memory, and without the texts, statements and claims that ``analyses`` reads."""
        last = 0
        while True:
            docs = self.rows("SELECT id, seq, lang, published FROM documents WHERE seq > ? ORDER BY seq LIMIT ?",
                             (last, page))
            if not docs:
                return
            hi = int(docs[-1]["seq"])
            found: dict[str, list[Mention]] = {}
            for r in self.rows('SELECT m.document, m.start, m."end", m.text, m.type, m.key, m.kb_id, m.role,'
                               ' m.source, m.confidence FROM mentions m JOIN documents d ON d.id = m.document'
                               ' WHERE d.seq > ? AND d.seq <= ? ORDER BY m.document, m.start, m."end"', (last, hi)):
                found.setdefault(r["document"], []).append(Mention(
                    start=r["start"], end=r["end"], text=r["text"], type=r["type"], key=r["key"], entity=None,
                    kb_id=r["kb_id"], role=r["role"], source=r["source"], confidence=r["confidence"]))
            for d in docs:
                yield d["published"], d["lang"], tuple(found.get(d["id"], ()))
            last = hi

    def analysis(self, d: Document) -> Analysis:
        ms = tuple(
            Mention(start=r["start"], end=r["end"], text=r["text"], type=r["type"], key=r["key"],
                    entity=r["entity"], kb_id=r["kb_id"], role=r["role"], source=r["source"],
                    confidence=r["confidence"])
            for r in self.conn.execute('SELECT * FROM mentions WHERE document=? ORDER BY start', (d.id,))
        )
        ss = tuple(Statement(**json.loads(r["data"])) for r in
                   self.conn.execute("SELECT data FROM statements WHERE document=? ORDER BY start", (d.id,)))
        cs = tuple(Claim(**json.loads(r["data"])) for r in
                   self.conn.execute("SELECT data FROM claims WHERE document=? ORDER BY start", (d.id,)))
        ds = tuple(DatedEvent(start=r["start"], end=r["end"], date=r["date"], text=r["text"], precision=r["precision"])
                   for r in self.conn.execute('SELECT * FROM dates WHERE document=? ORDER BY start', (d.id,)))
        return Analysis(document=d, mentions=ms, statements=ss, claims=cs, dates=ds)

    def embeddings(self) -> Iterator[tuple[str, bytes | None]]:
        yield from self.conn.execute("SELECT id, embedding FROM documents ORDER BY seq")

    def set_embedding(self, did: str, vec: bytes) -> None:
        self.conn.execute("UPDATE documents SET embedding=? WHERE id=?", (vec, did))

    # -- corpus-level results ----------------------------------------------------------------
    def put_entities(self, entities: Iterable[Entity]) -> None:
        with self.atomic() as c:
            c.executemany(
                "INSERT OR REPLACE INTO entities (id, type, name, affiliation, kb_id, aliases) VALUES (?,?,?,?,?,?)",
                [(e.id, e.type, e.name, e.affiliation, e.kb_id,
                  json.dumps([{"text": t, "lang": lg} for t, lg in e.aliases], ensure_ascii=False)) for e in entities],
            )

    def set_events(self, assignments: dict[str, str | None], events: Sequence[dict[str, Any]]) -> None:
        with self.atomic() as c:
            c.execute("DELETE FROM events")
            c.executemany("INSERT INTO events (id, title, data) VALUES (?,?,?)",
                          [(e["id"], e["title"], json.dumps(e, ensure_ascii=False)) for e in events])
            c.execute("UPDATE documents SET event=NULL")
            c.executemany("UPDATE documents SET event=? WHERE id=?", [(ev, d) for d, ev in assignments.items()])

    def set_conflicts(self, conflicts: Sequence[dict[str, Any]]) -> None:
        with self.atomic() as c:
            c.execute("DELETE FROM conflicts")
            c.executemany("INSERT INTO conflicts (id, event, data) VALUES (?,?,?)",
                          [(x["id"], x["event"], json.dumps(x, ensure_ascii=False)) for x in conflicts])

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _record(x: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` for the flat records we store as JSON (paragraphs, statements,
    claims: every field a scalar). ``asdict`` deep-copies each value on its way and took a
    third of the store stage."""
    return {n: getattr(x, n) for n in _field_names(type(x))}


def _signed(x: int) -> int:
    """SQLite integers are signed 64-bit."""
    return x - (1 << 64) if x >= (1 << 63) else x


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"], source=row["source"], text=row["text"], title=row["title"], url=row["url"],
        published=row["published"], outlet=row["outlet"], lang=row["lang"], lang_confidence=row["lang_confidence"],
        paragraphs=tuple(Paragraph(**p) for p in json.loads(row["paragraphs"])), origin=row["origin"],
        removed=tuple(json.loads(row["removed"])), meta=json.loads(row["meta"]),
    )

