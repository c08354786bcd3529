"""The sample corpus (../shared): every gold spelling of every entity is found, tied to one
entity, and that entity has the right English name, scored the way the scorer scores it.

The articles are read at run time and never copied here; the test skips when they are absent.
Documents are the files minus their title line, boilerplate and all, read on a date of the
event (the corpus's dates: these articles are from 6-11 January 2022).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from khabar.entities import EntityRecognizer, EntityResolver, load_kb
from khabar.models import Document

from .conftest import SAMPLE_GOLD, load_scorer

_ON = date(2022, 1, 10)


@pytest.fixture(scope="module")
def run(sample_dir):
    if not SAMPLE_GOLD.exists():
        pytest.skip("../shared/gold/seeds.json is not present")
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    langs = {d["file"]: d["lang"] for d in gold["documents"]}
    kb = load_kb()
    rec, res = EntityRecognizer(kb), EntityResolver(kb)
    docs, mentions = [], []
    for path in sorted(sample_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        doc = Document(id=path.stem[:3], source=path.name, text=text, lang=langs.get(path.name, "und"))
        found = res.add(doc, rec.find(doc, _ON))
        for m in found:
            assert text[m.start:m.end] == m.text
        docs.append({"id": doc.id, "source": doc.source, "text": text, "lang": doc.lang})
        mentions += [{"document": doc.id, "entity": m.entity, "start": m.start, "end": m.end, "text": m.text}
                     for m in found if m.entity]
    entities = [{"id": e.id, "type": e.type, "name": e.name, "affiliation": e.affiliation,
                 "aliases": [{"text": t, "lang": lang} for t, lang in e.aliases], "kb_id": e.kb_id}
                for e in res.entities()]
    export = {"documents": docs, "entities": entities, "mentions": mentions}
    return export, gold, load_scorer().score(export, gold)


def test_every_spelling_found_and_resolved(run):
    _, _, m = run
    assert m["entity_spellings_found"] >= 0.95
    assert m["entity_spellings_resolved"] >= 0.95


def test_english_names(run):
    _, _, m = run
    assert m["entity_english_name_correct"] >= 0.95


def test_one_entity_per_person_across_scripts(run):
    export, gold, _ = run
    docs = {d["source"]: d for d in export["documents"]}
    names = {e["id"]: e["name"] for e in export["entities"]}
    for g in gold["entities"]:
        if g["canonical"] != "Kassym-Jomart Tokayev":
            continue
        ids = set()
        for s in g["surfaces"]:
            d = docs[s["file"]]
            start = d["text"].find(s["surface"])
            hit = [x for x in export["mentions"] if x["document"] == d["id"] and x["start"] < start + len(s["surface"])
                   and start < x["end"]]
            assert hit, s
            ids.add(hit[0]["entity"])
        assert len(ids) == 1 and names[ids.pop()] == "Kassym-Jomart Tokayev"
