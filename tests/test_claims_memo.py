"""The claims stage's shortcuts (memos, pre-checks, skipped lines) give what the long way gives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.claims import dates as dates_mod
from khabar.claims import extract_claims, find_dates
from khabar.claims.dates import doc_dates
from khabar.claims.lexicon import (
    CHANGE,
    CORE,
    NOT_DISCLOSED,
    NUMBER,
    PhraseTable,
    _word_ok,
    guess_lang,
    guess_lang_of,
    lexicon,
    script_classes,
    stems,
)
from khabar.claims.text import URL_RE, url_spans, words, words_of
from khabar.models import Document
from khabar.normalise import tokens

PUB = dt.date(2022, 1, 12)

_TEXTS = [
    "The price of gas doubled to 120 tenge; at least 225 people were killed, 19 of them police.",
    "قُتل 13 شخصاً وأصيب عشرات آخرون يوم الخميس 6 يناير 2022 في ألماتي.",
    "حدود ۲۵۰۰ نیرو تا ۱۷ دی ۱۴۰۰ اعزام شدند؛ تعداد دقیق نیروها اعلام نشد.",
    "Более тысячи человек задержаны в пятницу, сообщил МВД. 10.01.2022 режим отменён.",
    "See https://example.com/2022/01/06 or write to press@example.org before 5 January.",
    "Mixed: 2,500 troops, ٢٬٥٠٠ جندي, ۲۵۰۰ سرباز and двадцать пять человек.",
]


def _old_match(table: PhraseTable, keys: Sequence[str], i: int, clitics: Sequence[str] = (),
               breaks: Sequence[int] | None = None) -> tuple[int, Any] | None:
    """``PhraseTable.match`` as it was before its candidates were remembered."""
    if not 0 <= i < len(keys):
        return None
    best: tuple[int, Any] | None = None
    for f in stems(keys[i], clitics):
        cands = table._exact.get(f, [])
        if table._prefix:
            cands = cands + [p for p in table._prefix if f.startswith(p[0][0][:-1])]
        for ws, value in cands:
            n = len(ws)
            if i + n > len(keys) or (best is not None and n <= best[0]):
                continue
            if breaks is not None and any(breaks[i + k] > 0 for k in range(1, n)):
                continue
            if all(_word_ok(ws[k], keys[i + k]) for k in range(1, n)):
                best = (n, value)
    return best


@pytest.mark.parametrize("lang", CORE)
def test_phrase_tables_match_as_before(lang: str) -> None:
    lex = lexicon(lang)
    for text in _TEXTS:
        ws = words(text)
        keys = [w.key for w in ws]
        brk = [w.brk for w in ws]
        for name, table in lex.tables.items():
            for i in range(len(keys)):
                assert table.match(keys, i, lex.clitics, brk) == _old_match(table, keys, i, lex.clitics, brk), (
                    name, keys[i])
                if table.single(lex.word_stems(keys[i])):
                    # what a lone word finds does not depend on the words after it
                    assert table.match(keys, i, lex.clitics, brk) == table.match([keys[i]], 0, lex.clitics)


@pytest.mark.parametrize("lang", CORE)
def test_fires_says_where_a_phrase_may_start(lang: str) -> None:
    lex = lexicon(lang)
    for text in _TEXTS:
        keys = [w.key for w in words(text)]
        for i, k in enumerate(keys):
            bits = lex.fires(k)
            nums = stems(k, lex.number_clitics)
            some_number = any(t.match(keys, i, (), None, nums) is not None
                              for t in (lex.duals, lex.numbers, lex.hundred, lex.multipliers, lex.vague))
            assert not some_number or bits & NUMBER
            assert lex.not_disclosed.match(keys, i, lex.clitics) is None or bits & NOT_DISCLOSED
            assert lex.change.match(keys, i, lex.clitics) is None or bits & CHANGE


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aZ ыЖ بپکی۲3.-\n", max_size=60), st.sampled_from(["und", "en", "ar", "fa", "ru", "kk"]),
       st.integers(0, 60), st.integers(0, 60))
def test_guess_lang_of_a_slice_of_classes(text: str, hint: str, a: int, b: int) -> None:
    assert guess_lang_of(script_classes(text)[a:b], hint) == guess_lang(text[a:b], hint)


@pytest.mark.parametrize("text", [*_TEXTS, "no links here", "WWW.Example.COM/x", "a@b.cd", ""])
def test_url_spans_are_the_pattern_s(text: str) -> None:
    assert url_spans(text) == [(m.start(), m.end()) for m in URL_RE.finditer(text)]


@pytest.mark.parametrize("text", _TEXTS)
def test_words_of_a_document_slice_are_the_line_s_words(text: str) -> None:
    body = "first line 12\n" + text + "\nlast"
    toks = list(tokens(body))
    s = body.index(text)
    e = s + len(text)
    lo = next(k for k, t in enumerate(toks) if t.start >= s)
    hi = next(k for k, t in enumerate(toks) if t.start >= e)
    digits = [(m.start(), m.end()) for m in re.finditer(r"\d+", body) if s <= m.start() < e]
    got = words_of(body, [t.start for t in toks], [t.end for t in toks], [t.key for t in toks], lo, hi, digits)
    want = words(text, [(x - s, y - s) for x, y in digits])
    assert [(w.start - s, w.end - s, w.key, w.brk) for w in got] == [(w.start, w.end, w.key, w.brk) for w in want]


def test_date_patterns_find_what_they_found_without_the_pre_check(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = {t: find_dates(t, PUB) for t in _TEXTS}
    dates_mod._tables.cache_clear()
    monkeypatch.setattr(dates_mod, "_starts_with", lambda heads: "")
    try:
        slow = {t: find_dates(t, PUB) for t in _TEXTS}
    finally:
        dates_mod._tables.cache_clear()
    assert fast == slow
    assert any(fast.values())


def test_document_dates_are_remembered_by_text() -> None:
    a = Document(id="d", source="d", text="Talks resumed on 6 January 2022.", lang="en", published="2022-01-12")
    b = Document(id="d", source="d", text="Talks resumed on 7 January 2022.", lang="en", published="2022-01-12")
    first = doc_dates(a, PUB)
    first.clear()  # the caller's list is its own
    assert doc_dates(a, PUB) == find_dates(a.text, PUB, "en")
    assert doc_dates(b, PUB)[0].date == dt.date(2022, 1, 7)
    assert doc_dates(a, None) == find_dates(a.text, None, "en")


def test_lines_without_figures_change_no_claim() -> None:
    figures = "Police said 124 officers were injured on Tuesday 4 January."
    plain = "The talks went on late into the night, officials said."
    one = extract_claims(Document(id="a", source="a", text=figures, lang="en"), PUB)
    many = extract_claims(Document(id="b", source="b", text=f"{plain}\n\n{figures}\n{plain}", lang="en"), PUB)
    shift = len(plain) + 2
    assert one and [(c.start + shift, c.end + shift, c.property, c.value) for c in one] == [
        (c.start, c.end, c.property, c.value) for c in many]
