"""The recogniser's shortcuts (shared tokens, remembered comparisons) give what the long way gives."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from khabar.entities.phonetic import key_similarity, letter_similarity
from khabar.entities.tokenise import Tokeniser, tokeniser
from khabar.normalise import tokens

_TEXTS = [
    "وزير الخارجية الأمريكي أنتوني بلينكن قال إنّ واشنطن",
    "سخنگوی وزارت خارجه آمریکا، نِد پرایس، گفت",
    "Kassym-Jomart Tokayev met Sergei Lavrov in Moscow.",
    "Президент Токаев принял отставку правительства",
    "",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_split_is_tokens_and_each_caller_gets_its_own_lists(text: str) -> None:
    t = tokeniser()
    first = t.split(text)
    assert (first.starts, first.ends, first.keys) == (
        [x.start for x in tokens(text)], [x.end for x in tokens(text)], [x.key for x in tokens(text)])
    first.keys.append("x")
    first.starts.clear()
    again = t.split(text)
    assert again.keys == [x.key for x in tokens(text)] and len(again.starts) == len(again.keys)
    assert tokeniser() is t
    assert Tokeniser().split(text) == again


@pytest.mark.parametrize("a,b", [("توكاييف", "تاکایف"), ("tokayev", "tokaev"), ("", "x"), ("بلينكن", "بلینکن")])
def test_remembered_similarity_is_difflib_s(a: str, b: str) -> None:
    for _ in range(2):
        want = SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0
        assert letter_similarity(a, b, folded=True) == want
        assert key_similarity(a, b) == want


def test_recent_memo_keeps_the_newest_entries_only() -> None:
    from khabar.recent import Recent

    r: Recent[str, int] = Recent(2)
    r.put("a", 1)
    r.put("b", 2)
    r.put("c", 3)  # "a" was the oldest
    assert (r.get("a"), r.get("b"), r.get("c"), len(r)) == (None, 2, 3, 2)
    r.clear()
    assert len(r) == 0 and r.get("c") is None
