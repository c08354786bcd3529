"""The sample corpus: every gold claim is found, and the troop-count conflict is reported.

Documents are built straight from the files (body = file minus its title line), so this tests
the claims stage alone, not cleaning. Skipped when ../shared is not beside the repository.
"""

from __future__ import annotations

import json

import pytest

from khabar.claims import cross_check, extract_claims, resolve_dates
from khabar.models import Claim, Document

from .conftest import SAMPLE_GOLD

# Publication days: 000 is dated 10.01.2022 by its own page; 002 says "yesterday, Tuesday" of
# 11 January; the others report the events of 6 January.
_PUBLISHED = {"000": "2022-01-10", "001": "2022-01-06", "002": "2022-01-12", "003": "2022-01-07",
              "004": "2022-01-07"}


@pytest.fixture(scope="module")
def sample(sample_dir):
    if not SAMPLE_GOLD.exists():
        pytest.skip("../shared/gold/seeds.json is not present")
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    langs = {d["file"]: d["lang"] for d in gold["documents"]}
    docs: dict[str, tuple[Document, list[Claim]]] = {}
    for path in sorted(sample_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        d = Document(id=path.name[:3], source=path.name, text=text, lang=langs.get(path.name, "und"),
                     published=_PUBLISHED[path.name[:3]])
        docs[path.name] = (d, extract_claims(d))
    return gold, docs


def test_every_gold_claim_is_found(sample) -> None:
    gold, docs = sample
    missed = []
    for g in gold["claims"]:
        d, claims = docs[g["file"]]
        s = d.text.index(g["evidence"])
        e = s + len(g["evidence"])
        if not any(c.start < e and s < c.end and (g["value"] is None or str(c.value) == str(g["value"]))
                   for c in claims):
            missed.append((g["file"], g["property"], g["value"]))
    assert missed == []


def test_gold_claims_have_the_gold_property_and_qualifier(sample) -> None:
    gold, docs = sample
    for g in gold["claims"]:
        d, claims = docs[g["file"]]
        s = d.text.index(g["evidence"])
        e = s + len(g["evidence"])
        hits = [c for c in claims if c.start < e and s < c.end and c.property == g["property"]]
        assert hits, (g["file"], g["property"])
        if g["qualifier"] in ("approximately", "at most", "not disclosed"):
            assert any(c.qualifier == g["qualifier"] for c in hits), (g["file"], g["property"])


def test_troop_count_conflict(sample) -> None:
    gold, docs = sample
    pairs = [(f"{name}#{n}", c) for name, (_d, claims) in docs.items() for n, c in enumerate(claims)]
    groups = cross_check(pairs)
    for want in gold["conflicts"]:
        match = [g for g in groups if g.property == want["property"]
                 and {str(v) for v in want["values"]} <= {str(v.value) for v in g.values}]
        assert match, [(g.property, [v.value for v in g.values]) for g in groups]
        files = {c.split("#")[0] for c in match[0].claim_ids}
        assert set(want["files"]) <= files
    troops = [g for g in groups if g.property == "troop_count"]
    assert len(troops) == 1 and "not disclosed" in [v.value for v in troops[0].values]


def test_no_claims_from_years_or_links(sample) -> None:
    _gold, docs = sample
    for d, claims in docs.values():
        for c in claims:
            assert d.text[c.start:c.end] == c.text
            assert c.value not in (1991, 1920, 2021, 2022)


def test_sample_dates(sample) -> None:
    _gold, docs = sample
    d, _ = docs["002_9791a902fbc2a8df.txt"]
    dated = {(e.text, e.date) for e in resolve_dates(d)}
    assert ("أمس الثلاثاء", "2022-01-11") in dated
    d, _ = docs["000_8366413364b86feb.txt"]
    dated = {(e.text, e.date) for e in resolve_dates(d)}
    assert {("۲ ژانویه", "2022-01-02"), ("۷ ژانویه", "2022-01-07"), ("10.01.2022", "2022-01-10")} <= dated
