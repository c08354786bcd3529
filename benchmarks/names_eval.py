"""How well khabar renders in English a person the knowledge base does not know.

    python benchmarks/names_eval.py [--held-out 120] [--seed 1]

The knowledge base's own people serve as the test set: ``--held-out`` of them (chosen by
``--seed``) are removed from the word table that ``EnglishNamer`` learns from, and each of their
Arabic and Persian spellings (the first per language) is rendered and compared with the English
name by the scorer's ``same_name`` (``../shared/tools/score.py``, needed beside the repository).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TOOLS = ROOT.parent / "shared" / "tools"

from khabar.entities.kb import load_kb  # noqa: E402
from khabar.entities.names import EnglishNamer, _script, word_table  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--held-out", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", action="store_true", help="List the renderings the scorer rejects.")
    a = ap.parse_args()
    if not (TOOLS / "score.py").exists():
        sys.exit(f"needs {TOOLS / 'score.py'} for same_name")
    sys.path.insert(0, str(TOOLS))
    from score import same_name  # type: ignore[import-not-found]

    people = sorted((e for e in load_kb().entries.values() if e.type == "PER"), key=lambda e: e.id)
    random.Random(a.seed).shuffle(people)
    test, train = people[: a.held_out], people[a.held_out:]
    namer = EnglishNamer(word_table((e.name, e.aliases) for e in train))
    ok = total = 0
    for e in test:
        for lang in ("ar", "fa"):
            for alias in e.aliases.get(lang, ())[:1]:
                if _script(alias) != "arabic":
                    continue
                out = namer.romanize(alias, lang)
                total += 1
                if same_name(out, e.name):
                    ok += 1
                elif a.errors:
                    print(f"{lang}  {alias}  ->  {out}  (KB: {e.name})")
    print(f"English names accepted by the scorer: {ok}/{total} = {ok / max(1, total):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
