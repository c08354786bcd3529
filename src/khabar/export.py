"""The JSON export: the data contract of DESIGN.md, read straight from the store.

Near-duplicate re-publications are exported (they are documents) but marked with
``near_duplicate_of`` so that a reader does not count them as independent sources.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .store import Store

KEYS = ("documents", "entities", "mentions", "statements", "claims", "events", "conflicts")


def export(store: Store) -> dict[str, Any]:
    out: dict[str, Any] = {k: [] for k in KEYS}
    for r in store.rows("SELECT * FROM documents ORDER BY seq"):
        out["documents"].append({
            "id": r["id"], "source": r["source"], "url": r["url"], "title": r["title"], "lang": r["lang"],
            "lang_confidence": r["lang_confidence"], "text": r["text"], "published": r["published"],
            "outlet": r["outlet"], "event": r["event"], "near_duplicate_of": r["near_duplicate_of"],
            "paragraphs": json.loads(r["paragraphs"]),
        })
    for r in store.rows("SELECT * FROM entities ORDER BY id"):
        out["entities"].append({"id": r["id"], "type": r["type"], "name": r["name"],
                                "aliases": json.loads(r["aliases"]), "affiliation": r["affiliation"],
                                "kb_id": r["kb_id"]})
    for r in store.rows('SELECT m.* FROM mentions m JOIN documents d ON d.id = m.document ORDER BY d.seq, m.start'):
        out["mentions"].append({"document": r["document"], "entity": r["entity"], "start": r["start"],
                                "end": r["end"], "text": r["text"], "type": r["type"], "role": r["role"]})
    for r in store.rows("SELECT s.* FROM statements s JOIN documents d ON d.id = s.document ORDER BY d.seq, s.start"):
        data = json.loads(r["data"])
        out["statements"].append({
            "id": r["id"], "document": r["document"], "start": r["start"], "end": r["end"],
            "speaker": data.get("speaker"), "speaker_text": data.get("speaker_text"),
            "speaker_affiliation": data.get("speaker_affiliation"), "cue": data.get("cue"),
            "direct": bool(data.get("direct")), "stance": data.get("stance"),
            "stance_confidence": data.get("stance_confidence"), "target": data.get("target"),
            "date": data.get("date"),
        })
    for r in store.rows("SELECT c.* FROM claims c JOIN documents d ON d.id = c.document ORDER BY d.seq, c.start"):
        data = json.loads(r["data"])
        out["claims"].append({
            "id": r["id"], "document": r["document"], "start": r["start"], "end": r["end"],
            "property": data.get("property"), "value": data.get("value"), "unit": data.get("unit"),
            "subject": data.get("subject"), "qualifier": data.get("qualifier"), "date": data.get("date"),
        })
    for r in store.rows("SELECT data FROM events ORDER BY id"):
        out["events"].append(json.loads(r["data"]))
    for r in store.rows("SELECT data FROM conflicts ORDER BY id"):
        out["conflicts"].append(json.loads(r["data"]))
    return out


def schema() -> dict[str, Any]:
    """The JSON Schema of the export, shipped with the package."""
    text = resources.files("khabar").joinpath("export.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, schema())
