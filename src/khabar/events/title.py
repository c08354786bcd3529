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

import yaml

from ..normalise import fold


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """(English theme, priority, folded cue words) from themes.yaml; read-only, so caching is safe."""
    data = yaml.safe_load(resources.files("khabar.events").joinpath("themes.yaml").read_text(encoding="utf-8"))
    out = []
    for t in data["themes"]:
        cues = tuple(fold(c) for lang in t["cues"].values() for c in lang)
        out.append((t["en"], int(t.get("priority", 1)), cues))
    return tuple(out)


def themes_of(texts: Sequence[str]) -> list[str]:
    """Themes found in the texts, most widespread first (counted once per text)."""
    counts: Counter[str] = Counter()
    prio: dict[str, int] = {}
    for t in texts:
        f = fold(t)
        for en, p, cues in _themes():
            if any(c in f for c in cues):
                counts[en] += 1
                prio[en] = p
    n = max(1, len(texts))
    return [en for en, c in sorted(counts.items(), key=lambda kv: (-kv[1] * prio[kv[0]], kv[0])) if c / n >= 0.15]


def event_title(central: Sequence[Mapping[str, Any]], stances: Counter[str], speakers: Counter[str],
                props: Counter[str], texts: Sequence[str]) -> str:
    places = [e["name"] for e in central if e.get("type") in ("GPE", "LOC")]
    actors = [e["name"] for e in central if e.get("type") in ("ORG", "PER")]
    themes = themes_of(texts)
    head = places[0] if places else (actors[0] if actors else "Untitled event")
    parts: list[str] = []
    if themes:
        parts.append(themes[0])
    title = f"{head} {parts[0]}" if parts else head
    rest: list[str] = []
    actor = next((a for a in actors if a != head), None)
    if actor and len(themes) > 1:
        rest.append(f"{actor} {themes[1]}")
    elif actor:
        rest.append(actor)
    elif len(themes) > 1:
        rest.append(themes[1])
    if len(speakers) >= 3:
        rest.append("reactions")
    if rest:
        title += ": " + " and ".join(rest)
    return title
