#!/usr/bin/env python3
"""Check demo/gold.json against the articles in demo/corpus/ (standard library only).

Every title, boilerplate, keep, surface, speaker_surface and evidence string must be an exact
substring of its file; text that must stay must not lie only inside boilerplate; labels, targets,
affiliations and conflicts must be consistent. Prints each problem and exits 1 if there is any.

    python3 demo/check_gold.py [GOLD.json] [CORPUS_DIR]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP_KEYS = {"about", "stances", "documents", "entities", "statements", "claims", "conflicts"}
DOC_KEYS = {"file", "lang", "outlet", "title", "boilerplate", "keep", "story"}
STATEMENT_KEYS = {"file", "speaker", "speaker_kind", "speaker_affiliation", "speaker_surface",
                  "stance", "target", "evidence", "direct_quote"}
CLAIM_KEYS = {"file", "subject", "property", "value", "qualifier", "evidence"}
ENTITY_TYPES = {"PER", "ORG", "GPE", "LOC"}
SPEAKER_KINDS = {"person", "organization", "government"}
ORG_CODES = {"UN", "EU", "CSTO", "NATO", "OIC", "HRW", "AI", "ICRC", "OSCE"}
ISO2 = re.compile(r"^[A-Z]{2}$")


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def main(argv: list[str]) -> int:
    gold_path = Path(argv[1]) if len(argv) > 1 else HERE / "gold.json"
    corpus = Path(argv[2]) if len(argv) > 2 else HERE / "corpus"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    problems: list[str] = []

    def miss(msg: str) -> None:
        problems.append(msg)

    if set(gold) != TOP_KEYS:
        miss(f"top-level keys {sorted(gold)} != {sorted(TOP_KEYS)}")
    stances = set(gold.get("stances", []))

    texts: dict[str, str] = {}
    for path in sorted(corpus.glob("*.txt")):
        texts[path.name] = path.read_text(encoding="utf-8")
    documented = {d.get("file") for d in gold.get("documents", [])}
    for name in sorted(set(texts) - documented):
        miss(f"{name}: in the corpus but not in documents")

    def text_of(where: str, name: str) -> str | None:
        if name not in texts:
            miss(f"{where}: no such file {name!r}")
            return None
        return texts[name]

    boiler: dict[str, list[tuple[int, int]]] = {}

    def must_be_body(where: str, name: str, needle: str) -> None:
        """needle must occur in the file at least once outside every boilerplate string."""
        text = texts.get(name)
        if text is None:
            return
        found = spans(text, needle)
        if not found:
            miss(f"{where}: not a substring of {name}: {needle!r}")
            return
        cut = boiler.get(name, [])
        if all(any(a <= s and e <= b for a, b in cut) for s, e in found):
            miss(f"{where}: only inside boilerplate of {name}: {needle!r}")

    for d in gold.get("documents", []):
        name = d.get("file", "?")
        if set(d) != DOC_KEYS:
            miss(f"document {name}: keys {sorted(d)} != {sorted(DOC_KEYS)}")
        text = text_of("document", name)
        if text is None:
            continue
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if d.get("title") != first:
            miss(f"{name}: title {d.get('title')!r} is not the first non-empty line {first!r}")
        if not d.get("story"):
            miss(f"{name}: no story")
        boiler[name] = [s for b in d.get("boilerplate", []) for s in spans(text, b)]
        for b in d.get("boilerplate", []):
            if b not in text:
                miss(f"{name}: boilerplate not found: {b!r}")
            for s, e in spans(text, b):
                if (s and text[s - 1].isalpha()) or (e < len(text) and text[e].isalpha()):
                    miss(f"{name}: boilerplate occurs inside a word: {b!r}")
    for d in gold.get("documents", []):
        for k in d.get("keep", []):
            must_be_body(f"{d.get('file')} keep", d.get("file", "?"), k)

    canon = set()
    for e in gold.get("entities", []):
        canon.add(e.get("canonical"))
        if e.get("type") not in ENTITY_TYPES:
            miss(f"entity {e.get('canonical')}: bad type {e.get('type')!r}")
        if not e.get("surfaces"):
            miss(f"entity {e.get('canonical')}: no surfaces")
        for s in e.get("surfaces", []):
            if text_of(f"entity {e.get('canonical')}", s.get("file", "?")) is not None:
                must_be_body(f"entity {e.get('canonical')}", s["file"], s.get("surface", ""))

    for n, st in enumerate(gold.get("statements", [])):
        where = f"statement {n} ({st.get('file')}, {st.get('speaker')})"
        if set(st) != STATEMENT_KEYS:
            miss(f"{where}: keys {sorted(st)} != {sorted(STATEMENT_KEYS)}")
        if st.get("stance") not in stances:
            miss(f"{where}: unknown stance {st.get('stance')!r}")
        if st.get("speaker_kind") not in SPEAKER_KINDS:
            miss(f"{where}: unknown speaker_kind {st.get('speaker_kind')!r}")
        aff = st.get("speaker_affiliation")
        if aff is not None and not (ISO2.match(aff) or aff in ORG_CODES):
            miss(f"{where}: bad affiliation {aff!r}")
        if st.get("target") is not None and st["target"] not in canon:
            miss(f"{where}: target {st['target']!r} is not an entity")
        if not isinstance(st.get("direct_quote"), bool):
            miss(f"{where}: direct_quote is not a boolean")
        if text_of(where, st.get("file", "?")) is not None:
            must_be_body(f"{where} evidence", st["file"], st.get("evidence", ""))
            must_be_body(f"{where} speaker_surface", st["file"], st.get("speaker_surface", ""))

    for n, c in enumerate(gold.get("claims", [])):
        where = f"claim {n} ({c.get('file')}, {c.get('property')})"
        if set(c) != CLAIM_KEYS:
            miss(f"{where}: keys {sorted(c)} != {sorted(CLAIM_KEYS)}")
        if text_of(where, c.get("file", "?")) is not None:
            must_be_body(where, c["file"], c.get("evidence", ""))

    for n, cf in enumerate(gold.get("conflicts", [])):
        where = f"conflict {n} ({cf.get('subject')}, {cf.get('property')})"
        files = cf.get("files", [])
        for name in files:
            text_of(where, name)
        related = [c for c in gold.get("claims", [])
                   if c.get("subject") == cf.get("subject") and c.get("property") == cf.get("property")]
        if len(set(map(json.dumps, cf.get("values", [])))) < 2:
            miss(f"{where}: fewer than two distinct values")
        for v in cf.get("values", []):
            if not any(c.get("value") == v and c.get("file") in files for c in related):
                miss(f"{where}: no claim with value {v!r} in its files")
        for name in files:
            if not any(c.get("file") == name for c in related):
                miss(f"{where}: {name} has no claim on this subject and property")

    for p in problems:
        print("MISS", p)
    counts = {k: len(gold.get(k, [])) for k in ("documents", "entities", "statements", "claims", "conflicts")}
    print(("FAIL" if problems else "OK"), ", ".join(f"{v} {k}" for k, v in counts.items()),
          f"{sum(len(e.get('surfaces', [])) for e in gold.get('entities', []))} surfaces",
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
