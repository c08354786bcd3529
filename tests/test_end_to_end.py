"""End to end: analyze a corpus, export, validate against the schema, score against gold."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from khabar import analyze
from khabar.export import export, validate
from khabar.store import Store

from .conftest import DEMO, DEMO_GOLD, SAMPLE_GOLD, load_scorer


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory, sample_dir, pipeline):
    db = tmp_path_factory.mktemp("sample") / "k.db"
    s = analyze([sample_dir], db, pipeline=pipeline)
    assert s.ok, s.rejected
    with Store.open(db) as store:
        data = export(store)
    return db, data


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("demo") / "k.db"
    s = analyze([DEMO], db, pipeline=pipeline)
    assert s.ok, s.rejected
    with Store.open(db) as store:
        data = export(store)
    return db, data


def test_export_matches_the_schema(sample_export):
    validate(sample_export[1])


def test_every_span_points_into_its_document(sample_export, demo_export):
    for _, data in (sample_export, demo_export):
        texts = {d["id"]: d["text"] for d in data["documents"]}
        for m in data["mentions"]:
            assert texts[m["document"]][m["start"]:m["end"]] == m["text"]
        for key in ("statements", "claims"):
            for x in data[key]:
                assert 0 <= x["start"] < x["end"] <= len(texts[x["document"]])


def test_sample_scores(sample_export):
    scorer = load_scorer()
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    m = scorer.score(sample_export[1], gold)
    # Floors: scores may rise, never silently fall.
    assert m["documents_found"] == 1.0
    assert m["language_accuracy"] == 1.0
    assert m["boilerplate_removed"] == 1.0
    assert m["article_text_kept"] == 1.0


def test_demo_corpus_scores(demo_export):
    scorer = load_scorer()
    gold = json.loads(DEMO_GOLD.read_text(encoding="utf-8"))
    m = scorer.score(demo_export[1], gold)
    assert m["documents_found"] == 1.0
    assert m["language_accuracy"] == 1.0
    assert m["boilerplate_removed"] >= 0.9
    assert m["article_text_kept"] == 1.0


def test_rerun_changes_nothing(sample_dir, tmp_path, pipeline):
    db = tmp_path / "k.db"
    analyze([sample_dir], db, pipeline=pipeline)
    with Store.open(db) as s:
        first = export(s)
    again = analyze([sample_dir], db, pipeline=pipeline)
    assert again.stored == 0 and again.unchanged == again.read
    with Store.open(db) as s:
        assert export(s) == first


def test_search_rows_kept_at_store_time_equal_a_full_rebuild(tmp_path, pipeline):
    """Two runs, the second adding documents and changing entities: the rows written as documents
    were stored, plus the refreshed entity and event rows, are exactly those a rebuild makes."""
    from khabar.search import rebuild_index

    files = sorted(DEMO.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, f in enumerate(files):
        shutil.copy(f, (first if i % 2 else second) / f.name)
    db = tmp_path / "k.db"
    analyze([first], db, pipeline=pipeline)
    analyze([second], db, pipeline=pipeline)

    def rows(s: Store) -> list[tuple[str, ...]]:
        return sorted(tuple(r) for r in s.rows("SELECT kind, ref, title, lang, keys FROM search"))

    with Store.open(db) as s:
        kept = rows(s)
        assert {k for k, *_ in kept} == {"document", "statement", "entity", "event"}
        assert sum(k == "document" for k, *_ in kept) == s.document_count() == len(files)
        rebuild_index(s)
        assert rows(s) == kept


def test_a_corpus_stored_in_two_runs_resolves_as_in_one(tmp_path, pipeline):
    """The second run replays the stored mentions into the resolver: entities and the entity
    of every mention are those of one run over the same articles in the same order."""
    files = sorted(DEMO.glob("*.txt"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for i, h in enumerate(halves):
        h.mkdir()
        for f in files[i * 5:(i + 1) * 5]:
            shutil.copy(f, h / f.name)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    analyze([DEMO], one, pipeline=pipeline)
    for h in halves:
        analyze([h], two, pipeline=pipeline)

    def resolved(db: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        with Store.open(db) as s:
            ents = sorted(tuple(r) for r in s.rows("SELECT id, type, name, affiliation, kb_id, aliases FROM entities"))
            ments = sorted(tuple(r) for r in s.rows(
                "SELECT d.title, m.start, m.\"end\", m.entity FROM mentions m JOIN documents d ON d.id = m.document"))
        return ents, ments

    got_one, got_two = resolved(one), resolved(two)
    assert got_one[1] and got_one[1] == got_two[1]
    assert got_one[0] == got_two[0]


def test_stored_mentions_are_the_recognisers_in_store_order(tmp_path, pipeline):
    db = tmp_path / "k.db"
    analyze([DEMO], db, pipeline=pipeline)
    with Store.open(db) as s:
        want = [(a.document.published, a.document.lang, tuple(dataclasses.replace(m, entity=None) for m in a.mentions))
                for a in s.analyses()]
        assert list(s.stored_mentions(page=3)) == want
        assert sum(len(m) for _, _, m in want) > 0


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path, pipeline):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(DEMO.glob("*.txt"))[:3]:
        shutil.copy(f, src / f.name)
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (src / "cp1256.txt").write_bytes("عنوان الخبر\nقال المتحدث إن الاجتماع سيعقد غدا في العاصمة.\n".encode("cp1256"))
    (src / "utf16.txt").write_bytes("عنوان\nگفت که نشست فردا برگزار می‌شود و همه شرکت می‌کنند.\n".encode("utf-16"))
    (src / "broken.html").write_text("<html><body><p>Truncated <b>page", encoding="utf-8")
    db = tmp_path / "k.db"
    s = analyze([src, tmp_path / "missing-folder"], db, pipeline=pipeline)
    reasons = {Path(r.origin).name: r.reason for r in s.rejected}
    assert "empty.txt" in reasons and "image.txt" in reasons and "missing-folder" in reasons
    assert not s.ok
    with Store.open(db) as store:
        sources = {r[0] for r in store.rows("SELECT source FROM documents")}
    assert {"cp1256.txt", "utf16.txt"} <= sources
    assert len(sources) >= 5


def test_cli_exit_status_and_summary(tmp_path):
    db = tmp_path / "k.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    p = subprocess.run([sys.executable, "-m", "khabar", "analyze", str(DEMO), str(tmp_path / "nope.txt"),
                        "--db", str(db), "--no-embed"], capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 1, p.stderr
    assert "nope.txt" in p.stderr
    assert "languages:" in p.stdout and "rejected: 1" in p.stdout


@pytest.mark.slow
def test_killed_run_resumes_without_duplicates(tmp_path):
    """Kill a run half-way, start it again: every document once, nothing lost."""
    src = tmp_path / "in"
    src.mkdir()
    files = sorted(DEMO.glob("*.txt"))
    for i in range(40):
        f = files[i % len(files)]
        (src / f"{i:03d}_{f.name}").write_text(f.read_text(encoding="utf-8") + f"\n\nنسخة {i}", encoding="utf-8")
    db = tmp_path / "k.db"
    cfg = tmp_path / "c.yaml"
    cfg.write_text("batch_size: 2\nembedder: none\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    cmd = [sys.executable, "-m", "khabar", "analyze", str(src), "--db", str(db), "--config", str(cfg)]
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                with Store.open(db) as s:
                    if s.document_count() >= 6:
                        break
            except Exception:  # noqa: BLE001 - the database may be mid-creation
                pass
    p.send_signal(signal.SIGKILL)
    p.wait()
    with Store.open(db) as s:
        partial = s.document_count()
    assert 0 < partial < 40
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=600)
    with Store.open(db) as s:
        assert s.document_count() == 40
        assert s.rows("SELECT count(DISTINCT source) FROM documents")[0][0] == 40
