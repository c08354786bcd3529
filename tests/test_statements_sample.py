"""Statements on the sample corpus in ../shared, scored with the shared scorer's own logic.

Nothing from the articles is copied here: texts and gold are read at run time, and the test
skips when ../shared is absent. Two settings: (1) mentions made from the gold's entity
spellings, so the floors measure this stage alone; (2) the real entities stage, end to end.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from khabar.models import Document, Mention, RawArticle
from khabar.statements import StatementExtractor

from .conftest import SAMPLE, SAMPLE_GOLD, load_scorer

FLOORS = {"statement_f1": 0.85, "speaker_accuracy": 0.90, "affiliation_accuracy": 0.90, "stance_accuracy": 0.80}

# Whom each gold entity speaks for (names and codes only, no article text).
AFFILIATION = {
    "Kassym-Jomart Tokayev": "KZ", "Kazakhstan": "KZ", "CSTO": "CSTO", "Antony Blinken": "US", "Ned Price": "US",
    "Michelle Bachelet": "UN", "Xi Jinping": "CN", "Maria Zakharova": "RU", "Saeed Khatibzadeh": "IR",
    "Alexander Lukashenko": "BY", "Sergei Shoigu": "RU", "Stéphane Dujarric": "UN", "Jen Psaki": "US",
    "Wang Wenbin": "CN", "Liz Truss": "GB", "Jean-Yves Le Drian": "FR", "Almaty": "KZ", "Nur-Sultan": "KZ",
    "Russia": "RU", "United States": "US", "China": "CN", "Iran": "IR", "Belarus": "BY", "Armenia": "AM",
    "Tajikistan": "TJ", "Kyrgyzstan": "KG", "Serbia": "RS", "France": "FR", "United Kingdom": "GB",
    "United Nations": "UN", "European Union": "EU", "European Commission": "EU", "Xinhua": "CN",
    "RIA Novosti": "RU", "CNN": "US", "Washington": "US", "Moscow": "RU", "Beijing": "CN",
}
# Capitals that stand for governments, as a gazetteer would list them.
CAPITALS = {"واشنطن": "Washington", "واشنگتن": "Washington", "موسكو": "Moscow", "مسکو": "Moscow",
            "بكين": "Beijing", "پکن": "Beijing"}


@pytest.fixture(scope="module")
def gold() -> dict:
    if not SAMPLE_GOLD.exists():
        pytest.skip("../shared/gold/seeds.json is not present")
    return json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))


def _stub_mentions(text: str, gold: dict) -> list[Mention]:
    out = []
    for e in gold["entities"]:
        for surface in {s["surface"] for s in e["surfaces"]}:
            for m in re.finditer(re.escape(surface), text):
                out.append(Mention(m.start(), m.end(), surface, e["type"], entity=e["canonical"]))
    for surface, name in CAPITALS.items():
        for m in re.finditer(re.escape(surface), text):
            out.append(Mention(m.start(), m.end(), surface, "GPE", entity=name))
    return out


def _score(gold: dict, docs: list[tuple[str, Document, list]], names: dict[str, str]) -> dict[str, float]:
    export: dict = {"documents": [], "statements": [], "entities": [{"id": k, "name": v} for k, v in names.items()]}
    for source, d, sts in docs:
        export["documents"].append({"id": d.id, "source": source, "text": d.text, "lang": d.lang})
        for s in sts:
            assert d.text[s.start:s.end].strip()
            export["statements"].append({"document": d.id, "start": s.start, "end": s.end, "speaker": s.speaker,
                                         "speaker_affiliation": s.speaker_affiliation, "stance": s.stance})
    return load_scorer().score(export, gold)


def _sample_docs() -> list[tuple[str, Document]]:
    if not SAMPLE.is_dir():
        pytest.skip("../shared/corpus/kazakhstan-2022 is not present")
    out = []
    for f in sorted(SAMPLE.glob("*.txt")):
        lines = f.read_text(encoding="utf-8").split("\n")
        body = "\n".join(lines[1:]).strip("\n")
        out.append((f.name, Document(id=f.name, source=f.name, text=body, title=lines[0].strip())))
    return out


def test_sample_floors_with_gold_mentions(gold):
    ex = StatementExtractor(lambda m: AFFILIATION.get(m.entity or ""))
    docs = [(src, d, ex.extract(d, _stub_mentions(d.text, gold))) for src, d in _sample_docs()]
    m = _score(gold, docs, {k: k for k in AFFILIATION})
    for k, floor in FLOORS.items():
        assert m[k] >= floor, (k, m[k], m)


def test_sample_end_to_end_with_entities_stage(gold):
    entities = pytest.importorskip("khabar.entities")
    if not all(hasattr(entities, n) for n in ("EntityRecognizer", "EntityResolver", "load_kb")):
        pytest.skip("the entities stage is not complete")
    from khabar.settings import Settings
    from khabar.stages import Ingest

    if not SAMPLE.is_dir():
        pytest.skip("../shared/corpus/kazakhstan-2022 is not present")
    kb = entities.load_kb()
    rec, res = entities.EntityRecognizer(kb), entities.EntityResolver(kb)
    affiliation = getattr(res, "speaker_affiliation", None) or res.affiliation_of_mention
    ex = StatementExtractor(affiliation)
    ingest = Ingest(Settings(progress=False))
    docs = []
    for f in sorted(SAMPLE.glob("*.txt")):
        d = ingest(RawArticle(source=f.name, kind="text", data=f.read_bytes()))
        assert isinstance(d, Document), d
        on = dt.date.fromisoformat(d.published[:10]) if d.published else None
        docs.append((f.name, d, ex.extract(d, res.add(d, rec.find(d, on)))))
    m = _score(gold, docs, {e.id: e.name for e in res.entities()})
    for k, floor in FLOORS.items():
        assert m[k] >= floor, (k, m[k], m)
