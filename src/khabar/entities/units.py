"""What the recogniser found at a run of words, before it becomes a :class:`Mention`."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.models import Mention

from .gazetteer import Item
from .kb import KBEntry
from .phonetic import name_key

__all__ = ["Unit"]


@dataclass(eq=False)
class Unit:
    """Words ``i..j`` (inclusive) and what they are.

    kind: "name" (a KB entry), "pattern" (a name the KB lacks), "office", "body", "qual" (a
    country's name or adjective), "short" (a KB short form waiting for its full name).
    ``cut``/``back``: key letters to leave out at the front of word i (a proclitic) and the
    end of word j (a suffix).
    """

    i: int
    j: int
    kind: str
    cut: int = 0
    back: int = 0
    entry: KBEntry | None = None
    cands: list[KBEntry] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    type: str = ""
    office: str | None = None
    body: str | None = None
    of: str | None = None
    role: str | None = None
    code: str | None = None
    code_src: str = ""  # where the code came from: qualifier, implied, default, dominant
    source: str = "gazetteer"
    confidence: float = 1.0
    key: str = ""
    linked: bool = False
    used: bool = False
    qual: Unit | None = None

    def entity_type(self) -> str:
        if self.kind == "office":
            return "PER"
        if self.kind == "body":
            return self.entry.type if self.entry is not None else "ORG"
        if self.kind == "qual":
            return "GPE"
        if self.entry is not None:
            return self.entry.type
        return self.type or "PER"

    def type_is_person(self) -> bool:
        return self.kind in ("name", "pattern") and self.entity_type() == "PER"

    def to_mention(self, start: int, end: int, text: str) -> Mention:
        kind = self.kind
        if kind in ("office", "body"):
            key = self.role or ""
            source = "role" if kind == "office" else "body"
        else:
            key = self.key or name_key(text)
            source = "demonym" if kind == "qual" else self.source
        return Mention(
            start=start, end=end, text=text, type=self.entity_type(), key=key,
            kb_id=self.entry.id if self.entry is not None else None, source=source,
            role=self.role, confidence=self.confidence if kind != "qual" else min(self.confidence, 0.8),
        )
