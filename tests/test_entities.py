"""Recognition and resolution on sentences written for these tests, with a small knowledge base
built here (the shipped one is exercised by test_entities_sample.py)."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.entities import EntityRecognizer, EntityResolver, affiliation_of_role
from khabar.entities.kb import KBEntry, KnowledgeBase, Role
from khabar.entities.tokenise import Tokeniser
from khabar.models import Document
from khabar.normalise import tokens


def _entry(id, type, name, aliases, short=None, roles=(), iso2=None, affiliation=None,
           demonyms=None, capital_of=None, country=None):
    al = {k: tuple(v) for k, v in aliases.items()}
    al["en"] = (name, *al.get("en", ()))
    return KBEntry(
        id=id, type=type, name=name, affiliation=affiliation, kb_id=None,
        aliases=MappingProxyType(al),
        short=MappingProxyType({k: tuple(v) for k, v in (short or {}).items()}),
        roles=tuple(roles), iso2=iso2, country=country, capital_of=capital_of,
        demonyms=MappingProxyType({k: tuple(v) for k, v in (demonyms or {}).items()}),
    )


def small_kb() -> KnowledgeBase:
    es = [
        _entry("gpe:KZ", "GPE", "Kazakhstan", {"ar": ["كازاخستان"], "fa": ["قزاقستان"], "ru": ["Казахстан"]},
               iso2="KZ", demonyms={"ar": ["كازاخستاني", "الكازاخية"], "en": ["Kazakh"]}),
        _entry("gpe:RU", "GPE", "Russia", {"ar": ["روسيا"], "fa": ["روسیه"], "ru": ["Россия"]}, iso2="RU",
               demonyms={"ar": ["روسي", "الروسية", "الروسي"], "en": ["Russian"], "ru": ["российский"]}),
        _entry("gpe:US", "GPE", "United States", {"ar": ["الولايات المتحدة", "أمريكا"], "fa": ["آمریکا"],
                                                  "ru": ["США"], "en": ["US", "United States"]}, iso2="US",
               demonyms={"ar": ["الأمريكي", "الأمريكية"], "en": ["American"]}),
        _entry("geo:moscow", "GPE", "Moscow", {"ar": ["موسكو"], "fa": ["مسکو"], "ru": ["Москва"]},
               capital_of="RU", country="RU"),
        _entry("org:UN", "ORG", "United Nations", {"ar": ["الأمم المتحدة"], "fa": ["سازمان ملل"]}),
        _entry("org:CNN", "ORG", "CNN", {"fa": ["سی‌ان‌ان"], "ar": ["سي إن إن"]}),
        _entry("p:tokayev", "PER", "Kassym-Jomart Tokayev",
               {"ar": ["قاسم جومارت توكاييف"], "fa": ["قاسم جومارت توکایف"], "ru": ["Касым-Жомарт Токаев"]},
               affiliation="KZ", roles=[Role("head_of_state", "KZ", date(2019, 3, 20), None)]),
        _entry("p:blinken", "PER", "Antony Blinken", {"ar": ["أنتوني بلينكن"], "fa": ["آنتونی بلینکن"]},
               short={"ar": ["بلينكن"], "fa": ["بلینکن"]}, affiliation="US",
               roles=[Role("foreign_minister", "US", date(2021, 1, 26), date(2025, 1, 20))]),
        _entry("p:rubio", "PER", "Marco Rubio", {"ar": ["ماركو روبيو"]}, affiliation="US",
               roles=[Role("foreign_minister", "US", date(2025, 1, 21), None)]),
        _entry("p:khatibzadeh", "PER", "Saeed Khatibzadeh", {"fa": ["سعید خطیب‌زاده"]}, affiliation="IR"),
    ]
    offices = {
        "foreign_minister": {"ar": ("وزير الخارجية",), "en": ("secretary of state", "foreign minister")},
        "head_of_state": {"ar": ("الرئيس", "رئيس")},
    }
    return KnowledgeBase({e.id: e for e in es}, offices, (), {"UN": "org:UN"})


@pytest.fixture(scope="module")
def kb():
    return small_kb()


@pytest.fixture(scope="module")
def rec(kb):
    return EntityRecognizer(kb)


def _doc(text, lang="ar", i=1, published=None):
    return Document(id=f"d{i}", source=f"d{i}", text=text, lang=lang, published=published)


def _find(rec, text, lang="ar", on=date(2022, 1, 10)):
    ms = rec.find(_doc(text, lang), on)
    for m in ms:
        assert text[m.start:m.end] == m.text
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start, "mentions overlap"
    return ms


def _by_text(ms):
    return {m.text: m for m in ms}


def test_arabic_clitics_and_article(rec):
    ms = _by_text(_find(rec, "وقال وأنتوني بلينكن إن الوضع في لكازاخستان يقلق بالولايات المتحدة وللأمم المتحدة."))
    assert ms["أنتوني بلينكن"].kb_id == "p:blinken"  # و taken off the span
    assert ms["كازاخستان"].kb_id == "gpe:KZ"
    assert any(m.kb_id == "gpe:US" for m in ms.values())
    assert any(m.kb_id == "org:UN" for m in ms.values())


def test_persian_without_zwnj(rec):
    for text in ("این خبر را شبکه سی ان ان پخش کرد.", "این خبر را شبکه سیانان پخش کرد.",
                 "این خبر را شبکه سی‌ان‌ان پخش کرد."):
        assert [m.kb_id for m in _find(rec, text, "fa")] == ["org:CNN"]
    ms = _find(rec, "«سعید خطیب زاده» سخنگوی وزارت امور خارجه گفت.", "fa")
    assert ms[0].kb_id == "p:khatibzadeh" and ms[0].text == "سعید خطیب زاده"


def test_letter_variants_and_spellings_the_kb_lacks(rec):
    # Persian letters in an Arabic alias, ق for ك, a vowel letter more: the skeleton finds him
    for text in ("وقال رئيس الجمهورية قاسم جومارت توقاييف إن الوضع مستقر.",
                 "رئیس جمهور قزاقستان، قاسم ژامرت تاکایف، گفت."):
        ms = [m for m in _find(rec, text, "fa" if "گفت" in text else "ar") if m.type == "PER"]
        assert {m.kb_id for m in ms} == {"p:tokayev"}


def test_russian_case_endings(rec):
    ms = _find(rec, "Встреча Касым-Жомарта Токаева с послами прошла в Москве.", "ru")
    assert [m.kb_id for m in ms] == ["p:tokayev", "geo:moscow"]


@pytest.mark.parametrize("day,who", [(date(2022, 1, 10), "p:blinken"), (date(2024, 6, 1), "p:blinken"),
                                     (date(2025, 3, 1), "p:rubio")])
def test_role_by_date(rec, day, who):
    ms = _find(rec, "وقال وزير الخارجية الأمريكي إن بلاده تتابع الوضع.", on=day)
    role = next(m for m in ms if m.role and m.role.startswith("foreign_minister"))
    assert role.role == "foreign_minister:US" and role.kb_id == who and role.text == "وزير الخارجية"
    # the country is a mention of its own: a span never hides another entity
    assert any(m.kb_id == "gpe:US" and m.text == "الأمريكي" for m in ms)
    en = _find(rec, "The US Secretary of State said on Monday that talks would go on.", "en", on=day)
    assert any(m.kb_id == who and m.role == "foreign_minister:US" for m in en)


def test_role_from_the_corpus_date_when_the_article_has_none(kb, rec):
    res = EntityResolver(kb)
    dated = _doc("قال أنتوني بلينكن إن الوضع مقلق.", i=1, published="2022-01-08")
    res.add(dated, rec.find(dated))
    undated = _doc("وقال وزير الخارجية الأمريكي إن بلاده قلقة.", i=2)
    ms = rec.find(undated)
    assert next(m for m in ms if m.role == "foreign_minister:US").kb_id is None
    out = res.add(undated, ms)
    assert next(m for m in out if m.role == "foreign_minister:US").entity == "p:blinken"


def test_unnamed_bodies_carry_their_country(rec):
    cases = [
        ("وقالت وزارة الخارجية الروسية في بيان إن الوضع خطير.", "ar", "foreign_ministry:RU"),
        ("واعتبرت السلطات الكازاخية أن الاحتجاجات محاولة انقلابية.", "ar", "government:KZ"),
        ("مقامات قزاقستان تأیید میکنند که نظم برقرار است.", "fa", "government:KZ"),
        ("The Kremlin said the troops would leave.", "en", "government:RU"),
    ]
    for text, lang, role in cases:
        bodies = [m for m in _find(rec, text, lang) if m.type == "ORG" and m.role]
        assert [m.role for m in bodies] == [role], text
        assert affiliation_of_role(bodies[0].role) == role.split(":")[1]


def test_surname_and_bare_title_after_the_full_name(rec):
    text = ("التقى الرئيس قاسم جومارت توكاييف أمس وزير الخارجية أنتوني بلينكن. "
            "وقال بلينكن إن المحادثات جيدة، فيما أكد الرئيس أن الوضع مستقر.")
    ms = _find(rec, text)
    assert _by_text(ms)["بلينكن"].kb_id == "p:blinken"
    bare = [m for m in ms if m.text == "الرئيس"]
    assert len(bare) == 2 and all(m.kb_id == "p:tokayev" for m in bare)


def test_a_surname_without_its_full_name_is_not_a_person(rec):
    # KB short forms count only once the full name was seen in the document
    assert [m for m in _find(rec, "وصلت تروس إلى المصنع وبلينكن غائب.") if m.type == "PER"] == []


def test_unknown_name_merged_across_scripts_with_an_english_name(kb, rec):
    res = EntityResolver(kb)
    ar = _doc("وقال المتحدث باسم وزارة الخارجية الأمريكية نيد برايس للصحفيين إن الوضع مقلق. "
              "وأضاف برايس أن واشنطن تراقب.", "ar", 1)
    fa = _doc("«ند پرایس» سخنگوی وزارت امور خارجه آمریکا روز دوشنبه گفت.", "fa", 2)
    out_ar = res.add(ar, rec.find(ar, date(2022, 1, 10)))
    out_fa = res.add(fa, rec.find(fa, date(2022, 1, 10)))
    ids = {m.entity for m in out_ar + out_fa if m.text in ("نيد برايس", "برايس", "ند پرایس")}
    assert len(ids) == 1
    eid = ids.pop()
    assert eid.startswith("x:")
    ent = next(e for e in res.entities() if e.id == eid)
    assert ent.type == "PER" and ent.name.isascii() and ent.name[0].isupper()
    assert res.affiliation(eid) == "US"
    assert {lang for _, lang in ent.aliases} == {"ar", "fa"}
    # an English spelling, when the corpus has one, is the English name
    en = _doc("State Department spokesman Ned Price said on Tuesday that talks would go on.", "en", 3)
    out_en = res.add(en, rec.find(en, date(2022, 1, 11)))
    assert any(m.entity == eid for m in out_en)
    assert next(e for e in res.entities() if e.id == eid).name == "Ned Price"


def test_one_skeleton_two_native_names(kb, rec):
    # محمد and محمود sound alike to the skeleton; the given-name lexicon keeps them apart
    res = EntityResolver(kb)
    texts = ["وقال المحلل السياسي محمد الشريف للصحفيين إن الوضع خطير.",
             "وقال المحلل السياسي محمود الشريف للصحفيين إن الوضع هادئ.",
             "وقال الخبير الاقتصادي محمد الشريف للصحفيين إن الأسعار ارتفعت."]
    ids = []
    for i, text in enumerate(texts):
        d = _doc(text, "ar", i)
        ids.append([m.entity for m in res.add(d, rec.find(d, date(2022, 1, 1))) if m.type == "PER"])
    assert all(len(x) == 1 for x in ids)
    assert ids[0] == ids[2] != ids[1]


def test_resolver_is_deterministic(kb, rec):
    docs = [_doc("وقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك للصحفيين إن الوضع مقلق.", "ar", 1),
            _doc("قال ستيفان دوجاريك إن المنظمة تراقب، مضيفا أن كازاخستان هادئة.", "ar", 2)]
    runs = []
    for _ in range(2):
        res = EntityResolver(kb)
        runs.append([[m.entity for m in res.add(d, rec.find(d, date(2022, 1, 6)))] for d in docs])
    assert runs[0] == runs[1]


def test_mentions_never_overlap_and_match_the_text(rec):
    text = ("الأمم المتحدة: قال وزير الخارجية الأمريكي أنتوني بلينكن، خلال زيارته موسكو، إن السلطات "
            "الكازاخية وشبكة CNN وسی ان ان تحدثوا عن الولايات المتحدة الأمريكية.")
    _find(rec, text)


_ALPHABET = ("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآءؤئپچژگکی" "abcXYZ" "абвЖЗ" "٠١٢۳۴5"
             "\u064b\u064e\u0651\u0640\u200c\u200d\u200f \n.,،«»-_'\"📰😀𝐀")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_fast_tokeniser_matches_normalise(text):
    t = _TOKENISER.split(text)
    assert list(zip(t.starts, t.ends, t.keys, strict=True)) == [(x.start, x.end, x.key) for x in tokens(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_any_text_gives_valid_spans(rec, text):
    for m in rec.find(_doc(text), date(2022, 1, 10)):
        assert text[m.start:m.end] == m.text and m.start < m.end


_TOKENISER = Tokeniser()
