"""64-bit SimHash over word 3-grams of the folded text, for near-duplicate re-publications.

An agency story re-run by three outlets with a different header is one report, not three
sources: documents within 3 bits of an earlier one are linked to it. Banding (4 x 16 bits)
keeps the lookup an index probe instead of a scan; any two hashes within 3 bits agree on at
least one band.
"""

from __future__ import annotations

import hashlib

import numpy as np

from ..recent import Recent

BANDS = 4

# Hashes another process computed (see :func:`remember`), by text, for the last few batches.
_KNOWN: Recent[str, int] = Recent(512)


def simhash(text: str) -> int:
    """The text's 64-bit SimHash; one handed over by :func:`remember` is not computed again."""
    got = _KNOWN.get(text)
    return got if got is not None else _simhash(text)


def remember(text: str, value: int) -> None:
    """Take the hash a pool worker computed for ``text``. The worker has just split the text
    into words for the entity stage (the tokeniser remembers it), so hashing costs it half what
    it costs the one writing process, where the store was the largest per-document cost."""
    _KNOWN.put(text, value)


def tokeniser_keys(text: str) -> list[str]:
    """The words hashed: the keys of ``normalise.tokens`` (a test checks it), three times faster."""
    from ..entities.tokenise import tokeniser

    return tokeniser().split(text).keys


def _simhash(text: str) -> int:
    words = tokeniser_keys(text)
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))] if words else [""]
    hs = np.array([int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
                   for g in grams], dtype=np.uint64)
    bits = np.unpackbits(hs.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - len(grams)
    out = 0
    for i in np.flatnonzero(votes > 0):
        out |= 1 << int(i)
    return out


def bands(h: int) -> list[int]:
    return [(h >> (16 * b)) & 0xFFFF for b in range(BANDS)]
