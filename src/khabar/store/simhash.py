"""64-bit SimHash over word 3-grams of the folded text, for near-duplicate re-publications.

An agency story re-run by three outlets with a different header is one report, not three
sources: documents within 3 bits of an earlier one are linked to it. Banding (4 x 16 bits)
keeps the lookup an index probe instead of a scan; any two hashes within 3 bits agree on at
least one band.
"""

from __future__ import annotations

import hashlib

import numpy as np

BANDS = 4


def simhash(text: str) -> int:
    # The same keys as ``normalise.tokens`` (a test checks it), three times faster: the store
    # hashes every document in the one writing process, where this was its largest cost.
    from ..entities.tokenise import tokeniser

    words = tokeniser().split(text).keys
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
