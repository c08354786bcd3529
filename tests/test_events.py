"""Online clustering on hand-made items: entities, embedding and time each matter."""

from __future__ import annotations

import datetime as dt

import numpy as np

from khabar.events import Background, Clusterer, ClusterParams, HashingEmbedder
from khabar.events.cluster import Item, idf_table
from khabar.events.title import event_title, themes_of


def _item(i, ents, day, vec=None, lang="ar"):
    return Item(f"d{i}", vec, frozenset(ents), dt.date(2022, 1, 1) + dt.timedelta(days=day), lang)


def test_entities_and_time_keep_stories_apart():
    items = [
        _item(1, {"KZ", "CSTO", "Tokayev"}, 5),
        _item(2, {"KZ", "CSTO", "Blinken"}, 6, lang="fa"),
        _item(3, {"KZ", "Tokayev", "CSTO"}, 7, lang="en"),
        _item(4, {"FR", "Macron", "Paris"}, 6),
        _item(5, {"KZ", "Tokayev", "CSTO"}, 400),  # same people a year later: another story
    ]
    cl = Clusterer(idf_table([i.entities for i in items]), None, ClusterParams())
    got = [cl.place(i) for i in items]
    assert got[0] == got[1] == got[2]
    assert got[3] != got[0]
    assert got[4] != got[0]


def test_deterministic_for_input_order():
    items = [_item(i, {"A", "B"} if i % 2 else {"C", "D"}, i) for i in range(10)]
    runs = []
    for _ in range(2):
        cl = Clusterer(idf_table([i.entities for i in items]), None, ClusterParams())
        runs.append([cl.place(Item(i.id, i.vector, i.entities, i.date, i.lang)) for i in items])
    assert runs[0] == runs[1]
    assert len(set(runs[0])) == 2


def test_background_calibration_of_an_embedder():
    bg = Background.measure(HashingEmbedder())
    assert -0.5 < bg.mean < 0.5 and bg.sd > 0


def test_embedding_similarity_joins_without_shared_entities():
    emb = HashingEmbedder()
    v = emb.embed(["earthquake hits the coastal city killing dozens",
                   "earthquake hits the coastal city, dozens killed",
                   "central bank raises interest rates again"])
    bg = Background.measure(emb)
    cl = Clusterer({}, bg, ClusterParams())
    a = cl.place(Item("a", v[0], frozenset(), None, "en"))
    b = cl.place(Item("b", v[1], frozenset(), None, "en"))
    c = cl.place(Item("c", v[2], frozenset(), None, "en"))
    assert a == b != c
    assert np.isclose(np.linalg.norm(v[0]), 1.0)


def test_title_from_entities_and_themes():
    from collections import Counter

    central = [{"name": "Kazakhstan", "type": "GPE"}, {"name": "CSTO", "type": "ORG"}]
    title = event_title(central, Counter(), Counter({"US": 2, "RU": 1, "UN": 1}), Counter(),
                        ["اضطرابات كازاخستان", "نشر قوات حفظ السلام", "ناآرامی در قزاقستان"])
    assert title.startswith("Kazakhstan unrest")
    assert "reactions" in title
    assert themes_of(["Peacekeepers deploy"]) == ["troop deployment"]


# -- what the embedder reads --------------------------------------------------------------------
def test_document_input_is_title_then_lead_ending_on_a_whole_word() -> None:
    from khabar.events.embed import INPUT_CHARS, document_input
    from khabar.models import Document

    lead = " ".join(["word"] * 60)
    d = Document(id="d", source="s", title="A title", text=lead + "\nsecond paragraph")
    got = document_input(d)
    assert got.startswith("A title. word")
    assert len(got) <= INPUT_CHARS
    assert got.endswith("word") and lead.startswith(got[len("A title. "):])
    # a short text is given whole; a text without spaces is cut at the limit
    assert document_input(Document(id="d", source="s", title="T?", text="short")) == "T? short"
    assert document_input(Document(id="d", source="s", text="x" * 500), limit=50) == "x" * 50
    # a short first line takes the next paragraphs with it
    d = Document(id="d", source="s", title="T", text="Dateline\nThe story starts here.\nAnd goes on.")
    assert document_input(d) == "T. Dateline The story starts here. And goes on."


def test_background_figures_are_kept_per_embedder_and_not_measured_twice(tmp_path):
    class Counting:
        name = "counting.v1"
        dim = 256

        def __init__(self) -> None:
            self.calls = 0
            self._inner = HashingEmbedder()

        def embed(self, texts):
            self.calls += 1
            return self._inner.embed(texts)

    emb = Counting()
    first = Background.measure(emb, cache=tmp_path)
    again = Background.measure(emb, cache=tmp_path)
    assert emb.calls == 1 and again == first == Background.measure(HashingEmbedder())
    other = Counting()
    other.name = "counting.v2"  # another embedder (or version) measures its own
    Background.measure(other, cache=tmp_path)
    assert other.calls == 1 and len(list(tmp_path.glob("background-*.json"))) == 2
    for p in tmp_path.glob("background-*.json"):
        p.write_text("{broken")
    third = Counting()
    assert Background.measure(third, cache=tmp_path) == first and third.calls == 1  # unreadable: measured again


def test_a_republication_joins_its_original_only_while_that_is_news(tmp_path):
    """A text within 3 SimHash bits of an earlier one goes where the original went, unless it
    appeared weeks later: a template re-used for another story (new names, new figures)."""
    from khabar.events import cluster_store
    from khabar.settings import Settings
    from khabar.store import Store

    from .test_store import TEXT, _analysis

    def dated(source: str, text: str, day: str):
        import dataclasses

        a = _analysis(source, text)
        return dataclasses.replace(a, document=dataclasses.replace(a.document, published=day))

    with Store.open(tmp_path / "k.db") as s:
        run = s.start_run(["x"], {}, {})
        s.put_analyses([dated("a.txt", TEXT, "2022-01-05"), dated("b.txt", TEXT + " المصدر: وكالات", "2022-01-06"),
                        dated("c.txt", TEXT + " المصدر: رويترز", "2022-03-20")], run)
        rows = {r["source"]: r for r in s.rows("SELECT source, near_duplicate_of FROM documents")}
        assert rows["b.txt"]["near_duplicate_of"] and rows["c.txt"]["near_duplicate_of"]
        cluster_store(s, Settings(), None)
        ev = {r["source"]: r["event"] for r in s.rows("SELECT source, event FROM documents")}
    assert ev["a.txt"] == ev["b.txt"] != ev["c.txt"]


def test_entity_candidates_are_capped_in_all_rarest_name_first():
    """A dozen common names must not bring a thousand events to score: the cap is for the
    article, and the events of its rarest name come before those of a name everyone has."""
    p = ClusterParams(full_scan_below=0, entity_candidates=5)
    items = [_item(i, {"RU", f"x{i % 10}"}, i) for i in range(20)] + [_item(99, {"RU", "Rare"}, 1)]
    cl = Clusterer(idf_table([i.entities for i in items]), None, p)
    for it in items[:20]:
        cl.place(it, [])  # each its own event: no candidates offered
    rare_ev = cl.place(items[20], [])
    probe = _item(100, {"RU", "Rare", "x3"}, 2)
    got = cl.candidates(probe)
    assert got is not None and len(got) == 5
    # Rare (one event), then x3 (two events, latest first), then RU (21 events)
    assert got[0] == rare_ev
    assert [cl.events[e].members for e in got[1:3]] == [["d13"], ["d3"]]


def test_events_out_of_reach_in_time_are_not_scored():
    """Skipping them is exact: a score never exceeds its time factor."""
    items = [_item(1, {"KZ", "CSTO"}, 0), _item(2, {"KZ", "CSTO"}, 300)]
    cl = Clusterer(idf_table([i.entities for i in items]), None, ClusterParams())
    first = cl.place(items[0])
    scored: list[str] = []
    real = cl.score
    cl.score = lambda it, ev: scored.append(ev.id) or real(it, ev)  # type: ignore[method-assign]
    assert cl.place(items[1]) != first
    assert scored == []


def test_a_title_reads_an_even_sample_of_a_large_event():
    from khabar.events import _spread

    xs = [f"d{i}" for i in range(1000)]
    got = _spread(xs, 200)
    assert len(got) == 200 and got[0] == "d0" and got[-1] == "d999"
    assert len(set(got)) == 200 and got == sorted(got, key=xs.index)
    assert _spread(xs[:150], 200) == xs[:150]
