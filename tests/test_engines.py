"""Engines: a process pool and a Dask cluster store exactly what a single process stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar import Settings, analyze
from khabar.engines import Outcome, article_records
from khabar.engines.dask import list_parts, read_part
from khabar.events import HashingEmbedder
from khabar.export import export
from khabar.models import RawArticle, Rejection
from khabar.read import read_inputs
from khabar.store import Store


def _corpus(demo_dir: Path, out: Path, n: int = 36) -> Path:
    """A JSONL file from the demo articles: dated and undated records, a bad line, a repeat."""
    texts = []
    for p in sorted(demo_dir.glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").strip().partition("\n")
        texts.append((title.strip(), body.strip()))
    lines = []
    for i in range(n):
        title, body = texts[i % len(texts)]
        rec = {"id": f"r{i}", "title": title, "text": f"{body}\n\n({i})", "outlet": f"Outlet {i % 4}"}
        if i % 5:
            rec["published"] = f"2022-01-{1 + i % 20:02d}"
        lines.append(json.dumps(rec, ensure_ascii=False))
        if i == 7:
            lines.append("{not json")
        if i == 11:
            lines.append(lines[3])  # the same record again: stored once
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _run(inputs, db, **settings):
    s = Settings(progress=False, batch_size=5, **settings)
    summary = analyze(inputs, db, s, embedder=HashingEmbedder())
    with Store.open(db) as store:
        data = export(store)
    counts = (summary.read, summary.stored, summary.unchanged, len(summary.rejected), summary.events)
    return counts, data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, demo_dir) -> Path:
    return _corpus(demo_dir, tmp_path_factory.mktemp("engines") / "corpus.jsonl")


@pytest.fixture(scope="module")
def single(tmp_path_factory, corpus):
    return _run([str(corpus)], tmp_path_factory.mktemp("single") / "k.db")


def test_article_records_maps_items_to_outcomes_in_order(pipeline) -> None:
    items = [
        RawArticle(source="a", kind="text", data="Title\n\nThe minister said on Monday that talks would go on.",
                   published="2022-01-05"),
        Rejection("b.bin", "read", "binary file"),
        RawArticle(source="c", kind="text", data="Title two\n\nUndated text about a meeting in the capital."),
        RawArticle(source="d", kind="text", data="   "),
    ]
    out = list(article_records(iter(items), pipeline, batch_size=3))
    assert [type(o) for o in out] == [Outcome] * 4
    assert out[0].staged and out[0].analysis.embedding is not None
    assert out[1].rejection == items[1] and not out[1].read
    assert not out[2].staged and out[2].analysis.document.source == "c"  # undated: the writer finishes it
    assert out[3].rejection is not None and out[3].read


def test_outcomes_round_trip_through_parquet_rows(pipeline) -> None:
    from khabar.engines.records import from_row, to_row

    items = [RawArticle(source="a", kind="text", published="2022-01-05",
                        data="Title\n\nThe minister said on Monday that 40 people were hurt in Almaty.")]
    for o in list(article_records(items, pipeline)) + [Outcome(rejection=Rejection("x", "read", "r"), read=False)]:
        assert from_row(json.loads(json.dumps(to_row(o), default=lambda b: b.hex()), object_hook=_unhex)) == o


def _unhex(d):
    if isinstance(d.get("embedding"), str):
        d["embedding"] = bytes.fromhex(d["embedding"])
    return d


def test_jsonl_byte_ranges_read_like_the_whole_file(corpus, demo_dir) -> None:
    parts = list_parts([str(corpus), str(demo_dir)], part_bytes=4000)
    assert sum(1 for p in parts if p.path == str(corpus)) > 3
    whole = list(read_inputs([str(corpus), str(demo_dir)]))
    pieces = [x for p in parts for x in read_part(p, 20 * 1024 * 1024)]
    assert pieces == whole


def test_small_jsonl_input_is_cut_so_every_worker_has_several_partitions(tmp_path) -> None:
    import khabar.engines.dask as kd

    f = tmp_path / "a.jsonl"
    line = '{"title": "t", "text": "' + "x" * 990 + '"}\n'
    f.write_text(line * 3000, encoding="utf-8")  # about 3 MB: one partition at PART_BYTES
    size = kd.part_bytes([str(tmp_path)], slots=2)
    assert kd.MIN_PART_BYTES <= size < kd.PART_BYTES
    assert len(kd.list_parts([str(f)], size)) >= 2 * kd.PARTS_PER_SLOT - 1
    big = kd.part_bytes([str(f)], slots=1)
    assert len(kd.list_parts([str(f)], big)) == kd.PARTS_PER_SLOT
    # a few kilobytes never become tasks smaller than MIN_PART_BYTES
    small = tmp_path / "s.jsonl"
    small.write_text(line * 3, encoding="utf-8")
    assert kd.part_bytes([str(small)], slots=64) == kd.MIN_PART_BYTES


def test_process_pool_equals_single_process(single, corpus, tmp_path) -> None:
    counts, data = _run([str(corpus)], tmp_path / "k.db", workers=2)
    assert counts == single[0]
    assert data == single[1]


def test_pool_rerun_stores_nothing_new(corpus, tmp_path) -> None:
    db = tmp_path / "k.db"
    first, _ = _run([str(corpus)], db, workers=2)
    again, _ = _run([str(corpus)], db, workers=2)
    assert again[1] == 0 and again[2] == first[1] + first[2]


def test_dask_local_cluster_equals_single_process(single, corpus, tmp_path, monkeypatch) -> None:
    pytest.importorskip("distributed", reason="pip install 'khabar[dask]'")
    pytest.importorskip("pyarrow", reason="pip install 'khabar[dask]'")
    import khabar.engines.dask as kd

    monkeypatch.setattr(kd, "PART_BYTES", 6000)  # several partitions of the one JSONL file
    parquet = tmp_path / "parts"
    counts, data = _run([str(corpus)], tmp_path / "k.db", engine="dask", workers=2, parquet_dir=str(parquet))
    assert counts == single[0]
    assert data == single[1]
    files = sorted(parquet.rglob("part-*.parquet"))
    assert len(files) > 2  # written by the workers, one file per partition
