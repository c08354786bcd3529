"""Outcomes as plain JSON-able dicts and back: the rows of the Parquet partitions.

JSON keeps ints and floats apart and round-trips floats exactly, so an analysis read back
from a partition is equal to the one written; embeddings travel as raw float32 bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import numpy as np

from ..models import Analysis, Claim, DatedEvent, Document, Mention, Paragraph, Rejection, Statement
from . import Outcome

__all__ = ["to_row", "from_row", "SCHEMA_FIELDS"]

#: Columns of a partition, in order.
SCHEMA_FIELDS = ("kind", "staged", "data", "embedding")


def to_row(o: Outcome) -> dict[str, Any]:
    if o.rejection is not None:
        return {"kind": "rejected" if o.read else "unread", "staged": False,
                "data": json.dumps(asdict(o.rejection), ensure_ascii=False), "embedding": None}
    a = o.analysis
    if a is None:
        raise ValueError("an outcome has either a rejection or an analysis")
    d = asdict(a)
    d.pop("embedding")
    emb = None if a.embedding is None else np.asarray(a.embedding, dtype=np.float32).tobytes()
    return {"kind": "known" if o.known else "analysis", "staged": o.staged,
            "data": json.dumps(d, ensure_ascii=False), "embedding": emb}


def _document(d: dict[str, Any]) -> Document:
    return Document(**{**d, "paragraphs": tuple(Paragraph(**p) for p in d["paragraphs"]),
                       "removed": tuple(d["removed"])})


def from_row(row: dict[str, Any]) -> Outcome:
    kind = row["kind"]
    data = json.loads(row["data"])
    if kind in ("rejected", "unread"):
        return Outcome(rejection=Rejection(**data), read=kind == "rejected")
    emb = row.get("embedding")
    vec = None if emb is None else tuple(float(x) for x in np.frombuffer(emb, dtype=np.float32))
    a = Analysis(
        document=_document(data["document"]),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        statements=tuple(Statement(**s) for s in data["statements"]),
        claims=tuple(Claim(**c) for c in data["claims"]),
        dates=tuple(DatedEvent(**x) for x in data["dates"]),
        embedding=vec,
    )
    return Outcome(analysis=a, staged=bool(row["staged"]), known=kind == "known")
