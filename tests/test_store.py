"""The store: migrations, idempotent writes, near-duplicates, transactions."""

from __future__ import annotations

import sqlite3

import pytest

from khabar.errors import StoreError
from khabar.models import Analysis, Claim, Document, Mention, Statement
from khabar.store import Store, doc_id

TEXT = ("قال المتحدث باسم الوزارة إن الوفد سيصل غدا إلى العاصمة لبحث الأزمة مع المسؤولين. "
        "وأضاف أن المحادثات ستتناول ملف الحدود والتجارة بين البلدين خلال الأسبوع المقبل. "
        "وكانت الحكومة قد أعلنت في وقت سابق عن خطة لإعادة فتح المعابر أمام الشاحنات والمسافرين. "
        "ويرى مراقبون أن الزيارة تأتي بعد أشهر من التوتر السياسي والخلافات حول تقاسم المياه. "
        "ومن المقرر أن يلتقي الوفد رئيس الوزراء ووزير الخارجية قبل أن يعقد مؤتمرا صحفيا مشتركا. "
        "وأكدت مصادر دبلوماسية أن الجانبين يسعيان إلى توقيع مذكرة تفاهم تشمل التعاون في مجال الطاقة.")


def _analysis(source: str, text: str = TEXT) -> Analysis:
    d = Document(id=doc_id(source, text), source=source, text=text, title="t", lang="ar", lang_confidence=0.99)
    m = Mention(start=0, end=3, text=text[0:3], type="PER", key="k", entity="x:1")
    s = Statement(start=30, end=60, cue="قال", cue_start=0, cue_end=3, speaker_text="المتحدث", stance="inform")
    c = Claim(start=10, end=12, property="killed", value=3, text=text[10:12])
    return Analysis(document=d, mentions=(m,), statements=(s,), claims=(c,))


def test_migrations_are_recorded_and_idempotent(tmp_path):
    db = tmp_path / "k.db"
    with Store.open(db) as s:
        names = [r[0] for r in s.rows("SELECT name FROM migrations ORDER BY name")]
        assert names[0] == "0001_core"
        assert s.migrate() == []
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_from_a_newer_version_is_refused(tmp_path):
    db = tmp_path / "k.db"
    Store.open(db).close()
    c = sqlite3.connect(db)
    c.execute("INSERT INTO migrations VALUES ('9999_future', 'x')")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="newer khabar"):
        Store.open(db)


def test_not_a_database(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a khabar database"):
        Store.open(p)


# The next three run on PostgreSQL too (tests/test_postgres.py): one body, two stores.
def check_put_is_idempotent_and_round_trips(db) -> None:
    with Store.open(db) as s:
        run = s.start_run(["x"], {}, {})
        a = _analysis("a.txt")
        assert s.put_analysis(a, run) is True
        assert s.put_analysis(a, run) is False
        assert s.document_count() == 1
        back = s.analysis(s.document(a.document.id))
        assert back.document == a.document
        assert back.mentions[0].entity == "x:1"
        assert back.statements == a.statements
        assert back.claims == a.claims


def check_republication_is_linked_not_counted_twice(db) -> None:
    with Store.open(db) as s:
        run = s.start_run(["x"], {}, {})
        s.put_analysis(_analysis("outlet1.txt"), run)
        s.put_analysis(_analysis("outlet2.txt", TEXT + " المصدر: وكالات"), run)
        rows = s.rows("SELECT source, near_duplicate_of FROM documents ORDER BY seq")
        assert rows[0]["near_duplicate_of"] is None
        assert rows[1]["near_duplicate_of"] == doc_id("outlet1.txt", TEXT)


def check_failed_transaction_leaves_nothing(db) -> None:
    with Store.open(db) as s:
        with pytest.raises(RuntimeError):
            with s.atomic() as c:
                c.execute("INSERT INTO entities (id, type, name, aliases) VALUES ('e', 'PER', 'n', '[]')")
                raise RuntimeError("boom")
        assert s.rows("SELECT count(*) FROM entities")[0][0] == 0


def check_search_rows_follow_the_store(db) -> None:
    """Documents and statements are indexed as they are stored; a refresh rewrites only entities and
    events; a store whose rows were dropped (the upgrade migration) is rebuilt on its next refresh."""
    import dataclasses

    from khabar.models import Entity
    from khabar.search import rebuild_index, refresh_index, search

    def rows(s: Store) -> list[tuple[str, ...]]:
        return sorted(tuple(r) for r in s.rows("SELECT kind, ref, title, lang, keys FROM search"))

    with Store.open(db) as s:
        run = s.start_run(["x"], {}, {})
        a = _analysis("a.txt")
        s.put_analysis(a, run)
        s.put_analysis(a, run)
        assert [r[0] for r in rows(s)] == ["document", "statement"]
        assert search(s, "الوفد سيصل")["documents"][0]["id"] == a.document.id
        s.put_entities([Entity(id="x:1", type="PER", name="Speaker", aliases=(("المتحدث", "ar"),))])
        for _ in range(2):
            refresh_index(s)
            assert [r[0] for r in rows(s)] == ["document", "entity", "statement"]
        kept = rows(s)
        rebuild_index(s)
        assert rows(s) == kept
        # A re-analysis replaces the statement's row, not adds one.
        moved = dataclasses.replace(a.statements[0], start=100, end=140)
        s.replace_facts(dataclasses.replace(a, statements=(moved,)))
        quotes = [r[2] for r in rows(s) if r[0] == "statement"]
        assert quotes == [TEXT[100:140]]
        after = rows(s)
        with s.atomic() as c:
            c.execute("DELETE FROM search")
        refresh_index(s)
        assert rows(s) == after


def test_search_rows_follow_the_store(tmp_path):
    check_search_rows_follow_the_store(tmp_path / "k.db")


def test_put_is_idempotent_and_round_trips(tmp_path):
    check_put_is_idempotent_and_round_trips(tmp_path / "k.db")


def test_republication_is_linked_not_counted_twice(tmp_path):
    check_republication_is_linked_not_counted_twice(tmp_path / "k.db")


def test_failed_transaction_leaves_nothing(tmp_path):
    check_failed_transaction_leaves_nothing(tmp_path / "k.db")


def test_stored_records_are_flat_so_the_fast_record_equals_asdict() -> None:
    """``_record`` skips ``asdict``'s deep copy; that is only right while every field is a scalar."""
    import dataclasses

    from khabar.models import Claim, Paragraph, Statement
    from khabar.store import _record

    for cls in (Paragraph, Statement, Claim):
        for f in dataclasses.fields(cls):
            assert not any(w in str(f.type) for w in ("tuple", "list", "dict", "Json")), (cls, f.name)
    xs = [Paragraph(0, 5, "ar", 0.9), Claim(1, 4, "troops", 2500, unit="soldier", subject="CSTO"),
          Statement(0, 9, "said", 0, 4, "Tokayev", speaker="kb:1", direct=True, stance="support")]
    for x in xs:
        assert _record(x) == dataclasses.asdict(x)


def test_simhash_uses_the_normalised_words_and_takes_a_workers_hash(monkeypatch) -> None:
    import importlib
    import pickle

    from khabar.engines import article_records
    from khabar.models import RawArticle
    from khabar.normalise import tokens
    from khabar.pipeline import Pipeline
    from khabar.settings import Settings
    sh = importlib.import_module("khabar.store.simhash")  # the package re-exports the function

    text = "قال الرئيس توكاييف إن القوات ستنسحب. Tokayev said the troops would leave within days."
    # the fast tokeniser gives the keys of ``normalise.tokens``: same hash either way
    keys = [t.key for t in tokens(text)]
    assert sh.tokeniser_keys(text) == keys
    pipe = Pipeline(Settings(embedder="none"))
    raw = RawArticle(source="a", kind="text", data=f"Title\n\n{text}", published="2022-01-11")
    (o,) = article_records(iter([raw]), pipe)
    body = o.analysis.document.text
    assert o.simhash == sh._simhash(body)
    shipped = pickle.loads(pickle.dumps(o.simhash))
    sh._KNOWN.clear()  # the writing process: nothing handed over yet

    def no_hash(t: str) -> int:
        raise AssertionError("hashed again")

    sh.remember(body, shipped)
    monkeypatch.setattr(sh, "_simhash", no_hash)
    assert sh.simhash(body) == shipped
    with pytest.raises(AssertionError):
        sh.simhash(body + " more")
