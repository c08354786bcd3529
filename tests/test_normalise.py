"""Matching keys: invariants over any text, and the spelling variants news sites mix."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.normalise import fold, key, keyed, tokens

# Text that stresses the folding rules: Arabic-script letters and marks, Persian and
# Arabic-Indic digits, ZWNJ and friends, accented Latin, Cyrillic, presentation forms.
_ALPHABET = st.sampled_from(
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىكةۀأإآٱؤئءے ہۂھٹڈڑںټډړښګڼېۍ")
    + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640\u200c\u200d\u200f")
    + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789")
    + list("abcXYZéÉèàçñøßİıŞğÅǅﬁ")
    + list("абвгдеёЁжзийЙїЇ")
    + list("ﻻﺃﯼﮎﮦ")
    + list(" \n\t.,:;!?«»()-_'\"")
)
arabicish = st.text(alphabet=_ALPHABET, max_size=60)
anything = st.text(max_size=60)
texts = st.one_of(arabicish, anything)


@given(texts)
@example("\u0f77")
@example("ۂ")
def test_fold_is_idempotent(x: str) -> None:
    assert fold(fold(x)) == fold(x)


@given(texts)
def test_keyed_offsets_map_back_to_the_source(x: str) -> None:
    k = keyed(x)
    assert k.key == fold(x)
    assert len(k.offsets) == len(k.key)
    assert all(0 <= o < len(x) for o in k.offsets)
    assert all(a <= b for a, b in zip(k.offsets, k.offsets[1:], strict=False))


@given(texts)
def test_keyed_spans_cover_what_they_fold_from(x: str) -> None:
    k = keyed(x)
    for i in range(len(k.key)):
        s, e = k.span(i, i + 1)
        assert k.key[i] in fold(x[s:e])


@given(texts)
def test_tokens_are_nonempty_spans_whose_fold_is_the_key(x: str) -> None:
    last = 0
    for t in tokens(x):
        piece = x[t.start : t.end]
        assert piece
        assert t.key
        assert fold(piece) == t.key
        assert t.start >= last  # in order, not overlapping
        last = t.end


@given(texts)
def test_key_is_stable_under_unicode_normal_forms(x: str) -> None:
    assert key(unicodedata.normalize("NFC", x)) == key(unicodedata.normalize("NFD", x))


@given(texts)
def test_key_has_no_marks_and_single_spaces(x: str) -> None:
    k = key(x)
    assert k == k.strip()
    assert "  " not in k
    assert not any(unicodedata.category(c) == "Mn" for c in k)


@pytest.mark.parametrize(
    "variants",
    [
        ("علي", "علی", "على"),  # yeh: Arabic, Persian, alef maksura
        ("كتاب", "کتاب"),  # kaf: Arabic, Persian
        ("مدرسة", "مدرسه", "مدرسۀ"),  # teh marbuta, heh, heh with yeh
        ("أحمد", "إحمد", "آحمد", "احمد", "ٱحمد"),  # hamza on alef, madda, wasla
        ("مُحَمَّد", "محمد"),  # harakat
        ("محـــمد", "محمد"),  # tatweel
        ("شفاف‌سازی", "شفافسازی"),  # ZWNJ present or missing
        ("شفاف\u200dسازی", "شفافسازی"),  # ZWJ
        ("شہباز", "شهباز", "شھباز"),  # Urdu heh goal and do-chashmi heh
        ("۱۴۰۰", "١٤٠٠", "1400"),  # Persian, Arabic-Indic, ASCII digits
        ("Stéphane", "stephane", "STEPHANE", "Ste\u0301phane"),  # accents, case, decomposed
        ("Ёлка", "ёлка", "елка", "Елка"),  # Cyrillic yo
        ("ﻻ", "لا"),  # presentation-form ligature
    ],
)
def test_variant_spellings_share_a_key(variants: tuple[str, ...]) -> None:
    keys = {key(v) for v in variants}
    assert len(keys) == 1, keys
    assert keys != {""}


def test_zwnj_keeps_a_persian_word_whole() -> None:
    text = "طرح شفاف‌سازی اقتصاد"
    found = list(tokens(text))
    assert [text[t.start : t.end] for t in found] == ["طرح", "شفاف‌سازی", "اقتصاد"]
    assert found[1].key == "شفافسازي"


def test_marks_stay_inside_words() -> None:
    text = "Ste\u0301phane مُحَمَّد"
    assert [text[t.start : t.end] for t in tokens(text)] == ["Ste\u0301phane", "مُحَمَّد"]
    assert key(text) == "stephane محمد"


def test_tokens_skip_leading_and_trailing_joiners() -> None:
    text = "\u200cکتاب\u200c ـ"
    found = list(tokens(text))
    assert [(t.start, t.end) for t in found] == [(1, 5)]


def test_keyed_span_maps_a_key_match_to_the_source() -> None:
    text = "گفت: مُحَمَّد‌رضا آمد"
    k = keyed(text)
    i = k.key.index("محمدرضا")
    s, e = k.span(i, i + len("محمدرضا"))
    assert text[s:e] == "مُحَمَّد‌رضا"
    with pytest.raises(ValueError):
        k.span(3, 3)


@settings(max_examples=50)
@given(st.lists(st.sampled_from(["علی", "على", "علي", "شفاف‌سازی", "Stéphane", "٣"]), max_size=8))
def test_key_of_a_phrase_is_the_keys_of_its_words(words: list[str]) -> None:
    assert key(" ".join(words)) == " ".join(key(w) for w in words)


# -- the quick paths give what the plain definitions give ------------------------------------
# Characters that make the quick paths branch: "_" (split out of word runs), marks beyond
# U+FFFF (only the full pattern has them), characters past the list tables (U+3000 on).
_EDGES = st.sampled_from(list("_a\u0301\u200c\u0640ـ \u3000\u30a2\u4e00\uff21\ufdfa") + ["\U0001d167", "\U000e0100", "\U0001f600", "\U00011000"])
edgy = st.text(alphabet=st.one_of(_ALPHABET, _EDGES), max_size=60)


@given(st.one_of(edgy, anything))
@settings(max_examples=300, deadline=None)
def test_quick_word_runs_match_the_word_pattern(text: str) -> None:
    from khabar import normalise as n

    table = n._TABLE
    words = n._WORD.findall(text)
    assert n._keys(text) == [k for k in (w.translate(table) for w in words) if k]
    reference = []
    for m in n._WORD.finditer(text):
        s, e = m.span()
        while s < e and text[s] in n._JOINERS:
            s += 1
        while e > s and text[e - 1] in n._JOINERS:
            e -= 1
        if s < e and text[s:e].translate(table):
            reference.append((s, e, text[s:e].translate(table)))
    assert list(n._spans(text)) == reference


@given(st.one_of(edgy, anything))
@settings(max_examples=300, deadline=None)
def test_fold_with_the_list_table_is_fold_with_the_dict(text: str) -> None:
    from khabar import normalise as n

    assert fold(text) == text.translate(n._TABLE)
    k = keyed(text)
    assert k.key == fold(text) and len(k.offsets) == len(k.key)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_char_table_translates_as_its_function(text):
    from khabar.normalise.chartable import CharTable

    def fn(c: str) -> str | None:
        return None if c.isspace() else c.upper() * (2 if c.isdigit() else 1)

    table = CharTable(fn)
    expect = "".join(fn(c) or "" for c in text)
    assert text.translate(table.for_text(text)) == expect
    # once an Arabic letter is in the text, the list form is used: same answer
    assert (text + "ب").translate(table.for_text(text + "ب")) == expect + "ب"
