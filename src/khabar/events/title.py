"""English titles for events, built from what the stages found, not by translating prose.

A title names the central place, the central organisation or person, and the themes the
articles share ("unrest", "troop deployment", "withdrawal"), recognised from multilingual
theme words in ``themes.yaml``, then "and reactions" when several parties spoke.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from .. import yamlio
from ..normalise import fold


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, str, int, tuple[str, ...]], ...]:
    """(English theme, kind, priority, folded cue words) from themes.yaml; read-only, so caching is safe."""
    data = yamlio.safe_load(resources.files("khabar.events").joinpath("themes.yaml").read_text(encoding="utf-8"))
    out = []
    for t in data["themes"]:
        cues = tuple(fold(c) for lang in t["cues"].values() for c in lang)
        out.append((t["en"], t.get("kind", "situation"), int(t.get("priority", 1)), cues))
    return tuple(out)


def themes_of(texts: Sequence[str], kind: str | None = None, folded: bool = False) -> list[str]:
    """Themes found in the texts, most widespread first (counted once per text).

    ``folded`` says the texts are already folded: folding is most of the cost, and a title
    asks for two kinds of theme in the same texts.
    """
    counts: Counter[str] = Counter()
    prio: dict[str, int] = {}
    for t in texts:
        f = t if folded else fold(t)
        for en, k, p, cues in _themes():
            if (kind is None or k == kind) and any(c in f for c in cues):
                counts[en] += 1
                prio[en] = p
    n = max(1, len(texts))
    return [en for en, c in sorted(counts.items(), key=lambda kv: (-kv[1] * prio[kv[0]], kv[0])) if c / n >= 0.15]


def event_title(central: Sequence[Mapping[str, Any]], stances: Counter[str], speakers: Counter[str],
                props: Counter[str], texts: Sequence[str]) -> str:
    """"<place> <situation>: <organisation> <action> and reactions", as much of it as is known."""
    places = [e["name"] for e in central if e.get("type") in ("GPE", "LOC")]
    orgs = [e["name"] for e in central if e.get("type") == "ORG" and not str(e.get("id", "")).startswith("body:")]
    people = [e["name"] for e in central if e.get("type") == "PER"]
    folded = [fold(t) for t in texts]
    situations = themes_of(folded, "situation", folded=True)
    actions = themes_of(folded, "action", folded=True)
    head = places[0] if places else (orgs[0] if orgs else (people[0] if people else "Untitled event"))
    if situations:
        head = f"{head} {situations[0]}"
    rest: list[str] = []
    if actions:
        actor = next((o for o in orgs if o not in head), None)
        rest.append(f"{actor} {actions[0]}" if actor else actions[0])
    elif people and people[0] not in head:
        rest.append(people[0])
    if len(speakers) >= 3:
        rest.append("reactions")
    return head + (": " + " and ".join(rest) if rest else "")
