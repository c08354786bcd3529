"""The NER evaluation set is sound and its scorer counts what it claims to.

Fast (no pipeline is built): a broken offset in the data or a mistake in the matching would
make every figure ``benchmarks/ner_eval.py`` prints wrong without any error, so both are
checked here on their own.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "ner_eval.py"
DATA = ROOT / "benchmarks" / "ner"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ner_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["ner_eval"] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


ne = _load()


def _rows() -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_data_files_are_valid() -> None:
    rows = _rows()
    for r in rows:
        assert set(r) == {"id", "lang", "text", "entities"}, r.get("id")
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"], (r["id"], e)
            assert e["type"] in {"PER", "ORG", "LOC"}, (r["id"], e)
    assert ne.validate(rows) == []
    per_lang = {lang: sum(r["lang"] == lang for r in rows) for lang in ("ar", "fa", "en", "ru")}
    assert all(n >= 10 for n in per_lang.values()), per_lang
    assert len({r["id"] for r in rows}) == len(rows)
    # exhaustively annotated news text: every paragraph names something, every type occurs
    assert all(r["entities"] for r in rows)
    for lang in per_lang:
        assert {e["type"] for r in rows if r["lang"] == lang for e in r["entities"]} == {"PER", "ORG", "LOC"}
    assert len(ne.load_set(DATA)) == len(rows)


def test_validate_catches_bad_rows() -> None:
    bad = [
        {"id": "x", "lang": "en", "text": "Putin met Xi.", "entities": [
            {"start": 0, "end": 5, "type": "PER", "text": "Puti"},  # wrong text for the offsets
            {"start": 10, "end": 12, "type": "GPE", "text": "Xi"},  # type outside the set
        ]},
        {"id": "x", "lang": "de", "text": "Hallo", "entities": []},  # duplicate id, unknown language
    ]
    problems = ne.validate(bad)
    assert any("not 'Puti'" in p for p in problems)
    assert any("'GPE'" in p for p in problems)
    assert any("duplicate id" in p for p in problems)
    assert any("'de'" in p for p in problems)


def test_scores_on_a_hand_made_example() -> None:
    # "UN Security Council met in New York; Lavrov and Blinken spoke."
    gold = [ne.Span(0, 19, "ORG"), ne.Span(27, 35, "LOC"), ne.Span(37, 43, "PER"), ne.Span(48, 55, "PER")]
    pred = [
        ne.Span(0, 2, "ORG"),    # "UN": overlaps the council, exact nowhere
        ne.Span(3, 19, "ORG"),   # "Security Council": a second piece of the same gold name
        ne.Span(27, 35, "LOC"),  # exact hit
        ne.Span(37, 43, "LOC"),  # right span, wrong type
        ne.Span(60, 65, "LOC"),  # spurious
    ]
    exact = ne.score(gold, pred, overlap=False, typed=True)["ALL"]
    assert (exact.gold, exact.pred, exact.hit_gold, exact.hit_pred) == (4, 5, 1, 1)
    assert exact.precision == pytest.approx(1 / 5) and exact.recall == pytest.approx(1 / 4)
    assert exact.f1 == pytest.approx(2 * 0.2 * 0.25 / 0.45)

    overlap = ne.score(gold, pred, overlap=True, typed=True)["ALL"]
    # the council matches one piece only (one-to-one); Lavrov still has the wrong type
    assert (overlap.hit_gold, overlap.hit_pred) == (2, 2)
    assert overlap.precision == pytest.approx(2 / 5) and overlap.recall == pytest.approx(2 / 4)

    span = ne.score(gold, pred, overlap=False, typed=False)
    assert (span["ALL"].hit_gold, span["ALL"].hit_pred) == (2, 2)
    # untyped hit on Lavrov: recall credits gold PER, precision credits predicted LOC
    assert (span["PER"].gold, span["PER"].hit_gold, span["PER"].pred) == (2, 1, 0)
    assert (span["LOC"].pred, span["LOC"].hit_pred) == (3, 2)
    assert span["LOC"].precision == pytest.approx(2 / 3)

    loose = ne.score(gold, pred, overlap=True, typed=False)["ALL"]
    assert (loose.hit_gold, loose.hit_pred) == (3, 3)
    assert loose.recall == pytest.approx(3 / 4) and loose.precision == pytest.approx(3 / 5)


def test_overlap_matching_prefers_the_exact_and_same_type_pair() -> None:
    gold = [ne.Span(0, 10, "ORG")]
    pred = [ne.Span(0, 4, "LOC"), ne.Span(0, 10, "ORG")]
    assert ne.match(gold, pred, overlap=True, typed=False) == [(0, 1)]
    assert ne.score([], [], overlap=True, typed=True)["ALL"].f1 == 0.0


def test_error_kinds() -> None:
    gold = [ne.Span(0, 5, "PER"), ne.Span(10, 15, "ORG"), ne.Span(20, 25, "LOC")]
    pred = [ne.Span(0, 8, "PER", source="role"), ne.Span(10, 15, "PER"), ne.Span(30, 33, "LOC", source="demonym")]
    kinds = sorted(k for k, _, _ in ne.error_kinds(gold, pred))
    assert kinds == ["boundary", "missed", "spurious:demonym", "type (gold ORG, pred PER)"]
