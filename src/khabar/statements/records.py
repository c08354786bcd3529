"""Records passed between the parts of the statement extractor (private to the package)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Mention
from .lexicon import Cue, Lexicon

__all__ = ["Speaker", "Rec", "Hit"]


@dataclass
class Speaker:
    """Who speaks: the words naming them here, the entity, whom they speak for."""

    text: str
    start: int | None
    end: int | None
    entity: str | None
    affiliation: str | None
    mention: Mention | None = None
    heads: frozenset[str] = frozenset()  # the words of the phrase, for "the secretariat" later


@dataclass
class Rec:
    """A statement being built: cue, speaker and the character span of what was said."""

    cue: Cue
    lex: Lexicon = field(repr=False)
    cue_s: int  # chars
    cue_e: int
    speaker: Speaker
    cs: int
    ce: int
    direct: bool
    sentence: int
    content_tok: int  # first token of the content
    frame: list[str] = field(default_factory=list)
    addressee: Mention | None = None


@dataclass
class Hit:
    """A reporting cue found in the text."""

    i: int  # first token
    n: int  # tokens
    cue: Cue
    lex: Lexicon = field(repr=False)
    prefixed: bool  # carried a conjunction ("ودعت")
    s: int  # chars of the cue
    e: int
