"""Statements: cues, speakers, content spans and stances on hand-made sentences in four languages.

Mentions are built by hand here (the entities stage has its own tests); the sample-corpus
floors are in ``test_statements_sample.py``.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.errors import ConfigError
from khabar.models import Document, Mention
from khabar.normalise import tokens
from khabar.statements import (
    STANCES,
    StatementExtractor,
    available_languages,
    default_affiliation,
    load_lexicon,
)
from khabar.statements.layout import Folder
from khabar.statements.lexicon import parse_lexicon

AFF = {"lavrov": "RU", "peskov": "RU", "price": "US", "blinken": "US", "russia": "RU", "moscow": "RU",
       "kremlin": "RU", "china": "CN", "beijing": "CN", "us": "US", "washington": "US", "un": "UN",
       "guterres": "UN", "iran": "IR", "kanaani": "IR", "kazakhstan": "KZ", "eu": "EU", "france": "FR",
       "reuters": None, "mfa-ru": "RU", "tokayev": "KZ", "stoltenberg": "NATO"}


def _aff(m: Mention) -> str | None:
    return default_affiliation(m) or AFF.get(m.entity or "")


@pytest.fixture(scope="module")
def ex() -> StatementExtractor:
    return _EXTRACTOR


def mentions(text: str, names: dict[str, tuple[str, str] | tuple[str, str, str]]) -> list[Mention]:
    """Every occurrence of each surface as a mention: surface -> (type, entity[, role])."""
    out = []
    for surface, spec in names.items():
        typ, ent = spec[0], spec[1]
        role = spec[2] if len(spec) > 2 else None
        for m in re.finditer(re.escape(surface), text):
            out.append(Mention(m.start(), m.end(), surface, typ, entity=ent, role=role))
    return out


def run(ex: StatementExtractor, text: str, names: dict, lang: str, title: str | None = None):
    doc = Document(id="d", source="d", text=text, lang=lang, title=title)
    got = ex.extract(doc, mentions(text, names))
    for s in got:
        assert 0 <= s.start < s.end <= len(text)
        assert 0 <= s.cue_start < s.cue_end <= len(text)
        assert s.stance in STANCES
        assert 0.0 < s.stance_confidence <= 1.0
    return got


def said(text: str, s) -> str:
    return text[s.start:s.end]


# -- lexicons ----------------------------------------------------------------------------------
def test_every_shipped_language_loads_with_valid_stances():
    langs = available_languages()
    assert {"ar", "fa", "en", "ru"} <= set(langs)
    for code in langs:
        lex = load_lexicon(code)
        assert lex.cues, code
        assert all(c.stance in STANCES for cs in lex.cues.values() for c in cs)
        assert lex.order in ("vso", "svo", "sov")


def test_lexicon_rejects_unknown_keys_and_stances():
    with pytest.raises(ConfigError, match="unknown key"):
        parse_lexicon({"lang": "xx", "verbs": []}, "xx.yaml")
    with pytest.raises(ConfigError, match="stance"):
        parse_lexicon({"lang": "xx", "cues": [{"forms": ["said"], "stance": "angry"}]}, "xx.yaml")
    with pytest.raises(ConfigError, match="no statement cues"):
        load_lexicon("zz")


def test_arabic_cues_take_prefixes_and_feminine_plural_forms():
    lex = load_lexicon("ar")
    for word in ("قال", "وقالت", "فأضاف", "وأكدوا", "ودعت", "ونددت", "ورحبوا", "وأردفت", "وحث"):
        keys = [t.key for t in tokens(word)]
        assert lex.cue_at(keys, 0) is not None, word
    assert lex.cue_at([t.key for t in tokens("ندين")], 0) is None  # first person is content, not a cue


def test_default_affiliation_reads_the_role_code():
    assert default_affiliation(Mention(0, 1, "x", "PER", role="foreign_minister:US")) == "US"
    assert default_affiliation(Mention(0, 1, "x", "ORG", role="government:KZ")) == "KZ"
    assert default_affiliation(Mention(0, 1, "x", "PER")) is None


_ALPHABET = st.sampled_from(list("abcXYZ ابتثكيىةأإئکیگپ\u064e\u064f\u0651\u0640\u200c\u200d абвЖ_-.,:«»“”\"\n0١۲é\u0301ﻻ📰中"))


_FOLDER = Folder()
_EXTRACTOR = StatementExtractor(_aff)


@given(st.text(_ALPHABET, max_size=80))
@settings(max_examples=300, deadline=None)
def test_fast_tokens_equal_normalise_tokens(text):
    s, e, k = _FOLDER.tokens(text)
    assert list(zip(s, e, k, strict=True)) == [(t.start, t.end, t.key) for t in tokens(text)]


_WORDS = st.sampled_from(["وقال", "الوزير", "إن", "قال", "said", "that", "Lavrov", "«", "»", "“", "”", ":", "،",
                          ".", "\n", "گفت", "که", "заявил", "что", "ودعت", "إلى", "he", "added", "the", "X"])


@given(st.lists(_WORDS, max_size=40), st.lists(st.integers(0, 39), max_size=6))
@settings(max_examples=200, deadline=None)
def test_spans_always_lie_inside_the_text(words, picks):
    text = " ".join(words)
    ms = []
    pos = 0
    starts = []
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1
    for p in picks:
        if p < len(starts):
            a, b = starts[p]
            if text[a:b].strip():
                ms.append(Mention(a, b, text[a:b], "PER", entity=f"e{p}"))
    for lang in ("ar", "fa", "en", "ru", "und"):
        for s in _EXTRACTOR.extract(Document(id="d", source="d", text=text, lang=lang), ms):
            assert 0 <= s.start < s.end <= len(text)
            assert text[s.start:s.end].strip()
            assert s.stance in STANCES


# -- Arabic ------------------------------------------------------------------------------------
AR = {"سيرغي لافروف": ("PER", "lavrov"), "لافروف": ("PER", "lavrov"), "روسيا": ("GPE", "russia"),
      "الصين": ("GPE", "china"), "الولايات المتحدة": ("GPE", "us"), "موسكو": ("GPE", "moscow", "capital:RU"),
      "الأمم المتحدة": ("ORG", "un"), "أنطونيو غوتيريش": ("PER", "guterres"), "كازاخستان": ("GPE", "kazakhstan"),
      "الكرملين": ("ORG", "kremlin"), "رويترز": ("ORG", "reuters")}


def test_arabic_verb_speaker_complementizer(ex):
    text = "وقال وزير الخارجية الروسي سيرغي لافروف للصحفيين في موسكو يوم الاثنين إن بلاده ترحب بالاتفاق الجديد."
    [s] = run(ex, text, AR, "ar")
    assert s.speaker == "lavrov" and s.speaker_affiliation == "RU"
    assert said(text, s) == "بلاده ترحب بالاتفاق الجديد"
    assert s.cue == "وقال" and s.stance == "welcome" and not s.direct


def test_arabic_continuation_inherits_and_quote_is_direct(ex):
    text = ("وقال سيرغي لافروف إن الوضع يتطلب الحذر.\n"
            "وأضاف: “ندعو جميع الأطراف إلى ضبط النفس. ولا بد من الحوار”.")
    a, b = run(ex, text, AR, "ar")
    assert b.speaker == "lavrov" and b.speaker_text == "وأضاف"
    assert b.direct and said(text, b).startswith("ندعو") and said(text, b).endswith("الحوار")
    assert b.stance == "appeal"


def test_arabic_coordinated_verbs_split_into_two_stances(ex):
    text = "وقالت الصين إنها تتابع عن كثب تطورات الوضع ودعت جميع الأطراف إلى الحوار."
    a, b = run(ex, text, AR, "ar")
    assert a.speaker == b.speaker == "china"
    assert a.stance == "concern" and b.stance == "appeal"
    assert a.end <= b.cue_start


def test_arabic_call_for_a_concrete_act_is_a_demand_with_addressee(ex):
    text = "دعت الولايات المتحدة أمس روسيا إلى أن تسحب قواتها من كازاخستان."
    [s] = run(ex, text, AR, "ar")
    assert s.speaker == "us" and s.stance == "demand" and s.target == "russia"
    calm = run(ex, "ودعت الأمم المتحدة جميع الأطراف إلى ضبط النفس.", AR, "ar")
    assert [x.stance for x in calm] == ["appeal"]


@pytest.mark.parametrize(("verb", "stance"), [("ونفت", "reject"), ("وأدانت", "criticize"), ("ورحبت", "welcome"),
                                              ("واتهمت", "accuse"), ("وحذرت", "concern")])
def test_arabic_cue_stance(ex, verb, stance):
    [s] = run(ex, f"{verb} روسيا التصريحات الأخيرة حول كازاخستان.", AR, "ar")
    assert s.stance == stance and s.speaker == "russia"


def test_arabic_foreign_hand_is_accuse(ex):
    [s] = run(ex, "وقال الكرملين إن الاضطرابات محاولة مدبرة من الخارج لزعزعة الاستقرار.", AR, "ar")
    assert s.stance == "accuse" and s.speaker_affiliation == "RU"


def test_arabic_press_and_anonymous_sources_are_not_speakers(ex):
    text = ("وذكرت وكالة رويترز أن القوات وصلت.\n"
            "وقال مصدر مطلع إن المحادثات مستمرة.\n"
            "ونقلت وكالة رويترز عن الكرملين قوله إن العملية ستنتهي قريبا.")
    [s] = run(ex, text, AR, "ar")
    assert s.speaker == "kremlin" and said(text, s) == "العملية ستنتهي قريبا"


def test_repeated_sentence_is_one_statement(ex):
    line = "وقال سيرغي لافروف إن المحادثات ستستأنف الأسبوع المقبل."
    assert len(run(ex, f"{line}\n{line}", AR, "ar")) == 1


def test_headline_line_with_colon(ex):
    text = "الأمم المتحدة: نتابع الوضع في كازاخستان بقلق\nوقالت المنظمة إن فريقا سيتوجه إلى هناك."
    got = run(ex, text, AR, "ar", title="عنوان آخر")
    assert got[0].speaker == "un" and got[0].stance == "concern"
    assert got[1].speaker == "un"  # "the organisation": the one named before


# -- Persian -----------------------------------------------------------------------------------
FA = {"ناصر کنعانی": ("PER", "kanaani"), "کنعانی": ("PER", "kanaani"), "ایران": ("GPE", "iran"),
      "روسیه": ("GPE", "russia"), "قزاقستان": ("GPE", "kazakhstan"), "آمریکا": ("GPE", "us"),
      "آمریکایی": ("GPE", "us")}


def test_persian_subject_first_colon_quote(ex):
    text = "سخنگوی وزارت امور خارجه ایران روز دوشنبه در نشست خبری گفت: «ما این حمله را محکوم میکنیم»."
    [s] = run(ex, text, FA, "fa")
    assert s.speaker_affiliation == "IR" and s.direct and s.stance == "criticize"
    assert said(text, s) == "ما این حمله را محکوم میکنیم"


def test_persian_pronoun_and_continuation_inherit(ex):
    text = ("ناصر کنعانی، سخنگوی وزارت امور خارجه ایران، گفت که تهران تحولات را از نزدیک دنبال میکند.\n"
            "وی افزود، ایران آماده کمک به حل بحران است.")
    a, b = run(ex, text, FA, "fa")
    assert a.speaker == b.speaker == "kanaani"
    assert a.stance == "concern" and b.stance == "support"
    assert said(text, a).startswith("تهران")


def test_persian_object_before_verb_content(ex):
    text = "کنعانی حمله به سفارت را محکوم کرد و خواستار تحقیق شد."
    a, b = run(ex, text, FA, "fa")
    assert a.stance == "criticize" and "حمله به سفارت" in said(text, a)
    assert b.speaker == "kanaani" and b.stance == "demand"  # an investigation is a concrete act


def test_persian_this_official_is_the_previous_speaker(ex):
    text = "ناصر کنعانی گفت، مذاکرات ادامه دارد.\nاین مقام ایرانی همچنین گفت: «ما نگران وضعیت هستیم»."
    a, b = run(ex, text, FA, "fa")
    assert b.speaker == "kanaani" and b.speaker_text.startswith("این مقام") and b.stance == "concern"


def test_persian_according_to_press_is_dropped_but_source_body_is_kept(ex):
    text = "به گزارش خبرگزاری فارس، روسیه اعلام کرد که نیروهایش را خارج میکند."
    [s] = run(ex, text, FA, "fa")
    assert s.speaker == "russia" and s.cue == "اعلام کرد"


# -- English -----------------------------------------------------------------------------------
EN = {"Ned Price": ("PER", "price"), "Price": ("PER", "price"), "State Department": ("ORG", "usdos", "ministry:US"),
      "Antony Blinken": ("PER", "blinken"), "U.S.": ("GPE", "us"), "Kazakhstan": ("GPE", "kazakhstan"),
      "Russia": ("GPE", "russia"), "Moscow": ("GPE", "moscow", "capital:RU"), "Kremlin": ("ORG", "kremlin"),
      "Dmitry Peskov": ("PER", "peskov"), "Peskov": ("PER", "peskov"), "European Union": ("ORG", "eu")}


def test_english_quote_then_attribution(ex):
    text = '"We are closely monitoring the situation," State Department spokesman Ned Price told reporters.'
    [s] = run(ex, text, EN, "en")
    assert s.speaker == "price" and s.direct and s.stance == "concern"
    assert said(text, s) == "We are closely monitoring the situation,"[:-1]


def test_english_title_name_said_that_and_pronoun(ex):
    text = ("U.S. Secretary of State Antony Blinken said on Sunday that the order must be rescinded. "
            "He added that Washington wanted answers.")
    a, b = run(ex, text, EN, "en")
    assert a.speaker == "blinken" and a.stance == "demand"
    assert said(text, a) == "the order must be rescinded"
    assert b.speaker == "blinken" and b.speaker_text == "He"


def test_english_condemn_and_call_for_are_two_statements(ex):
    text = "The European Union condemned the violence and called for the release of detainees."
    a, b = run(ex, text, EN, "en")
    assert (a.stance, b.stance) == ("criticize", "appeal") and a.speaker == b.speaker == "eu"


def test_english_reported_and_anonymous_are_dropped(ex):
    text = ("According to Reuters, the troops arrived on Thursday. "
            "A senior official, speaking on condition of anonymity, said talks had stalled. "
            "Witnesses said gunfire could be heard.")
    assert run(ex, text, EN, "en") == []


def test_english_denial_is_reject(ex):
    [s] = run(ex, "Kremlin spokesman Dmitry Peskov rejected the accusations as baseless.", EN, "en")
    assert s.speaker == "peskov" and s.stance == "reject" and s.speaker_affiliation == "RU"


# -- Russian -----------------------------------------------------------------------------------
RU = {"Сергей Лавров": ("PER", "lavrov"), "Лаврова": ("PER", "lavrov"), "Дмитрий Песков": ("PER", "peskov"),
      "Песков": ("PER", "peskov"), "США": ("GPE", "us"), "Казахстана": ("GPE", "kazakhstan"),
      "МИД России": ("ORG", "mfa-ru", "foreign_ministry:RU")}


def test_russian_quote_dash_attribution(ex):
    text = "«Мы призываем все стороны к сдержанности», — заявил Дмитрий Песков."
    [s] = run(ex, text, RU, "ru")
    assert s.speaker == "peskov" and s.direct and s.stance == "appeal"


def test_russian_chto_and_according_to(ex):
    text = ("Министр иностранных дел России Сергей Лавров заявил, что США пытаются вмешаться во внутренние дела "
            "Казахстана. По словам Лаврова, Москва готова помочь.")
    a, b = run(ex, text, RU, "ru")
    assert a.speaker == "lavrov" and a.stance == "accuse" and said(text, a).startswith("США")
    assert b.speaker == "lavrov" and b.stance == "support" and said(text, b) == "Москва готова помочь"


def test_russian_body_condemns(ex):
    [s] = run(ex, "МИД России осудил попытки дестабилизировать обстановку в регионе.", RU, "ru")
    assert s.speaker == "mfa-ru" and s.speaker_affiliation == "RU" and s.stance == "criticize"


def test_unlabelled_language_is_guessed_from_script(ex):
    [s] = run(ex, "وقال سيرغي لافروف إن المحادثات مفيدة.", AR, "und")
    assert s.speaker == "lavrov"


# -- the other languages the cleaner knows -----------------------------------------------------
MORE = {"Emmanuel Macron": ("PER", "macron"), "Russie": ("GPE", "russia"), "Olaf Scholz": ("PER", "scholz"),
        "Annalena Baerbock": ("PER", "baerbock"), "Russland": ("GPE", "russia"), "Rusia": ("GPE", "russia"),
        "José Manuel Albares": ("PER", "albares"), "Mevlüt Çavuşoğlu": ("PER", "cavusoglu"),
        "Erdoğan": ("PER", "erdogan"), "شاہ محمود قریشی": ("PER", "qureshi"), "پاکستان": ("GPE", "pakistan"),
        "امیر خان متقي": ("PER", "muttaqi"), "افغانستان": ("GPE", "afghanistan")}


@pytest.mark.parametrize(("lang", "text", "speaker", "stance", "direct"), [
    ("fr", "Le président Emmanuel Macron a déclaré lundi que la France suivait de près la situation.", "macron",
     "concern", False),
    ("fr", "« Nous appelons toutes les parties à la retenue », a déclaré Emmanuel Macron.", "macron", "appeal", True),
    ("fr", "La Russie a démenti toute volonté de rester.", "russia", "reject", False),
    ("de", "„Wir verurteilen die Gewalt“, sagte Außenministerin Annalena Baerbock.", "baerbock", "criticize", True),
    ("de", "Russland wies die Vorwürfe am Montag zurück.", "russia", "reject", False),
    ("de", "Bundeskanzler Olaf Scholz sagte, die Lage sei besorgniserregend.", "scholz", "concern", False),
    ("es", "El ministro José Manuel Albares dijo que España sigue con preocupación la situación.", "albares",
     "concern", False),
    ("es", "Rusia negó cualquier intención de quedarse.", "russia", "reject", False),
    ("tr", "Dışişleri Bakanı Mevlüt Çavuşoğlu, gelişmeleri yakından takip ettiklerini söyledi.", "cavusoglu",
     "concern", False),
    ("tr", "Erdoğan, şiddeti kınadı.", "erdogan", "criticize", False),
    ("ur", "پاکستان کے وزیر خارجہ شاہ محمود قریشی نے کہا کہ پاکستان صورتحال پر گہری نظر رکھے ہوئے ہے۔", "qureshi",
     "concern", False),
    ("ps", "د افغانستان د بهرنیو چارو وزیر امیر خان متقي وویل چې افغانستان له وضعیت اندېښنه لري.", "muttaqi",
     "concern", False),
])
def test_other_languages(ex, lang, text, speaker, stance, direct):
    [s] = run(ex, text, MORE, lang)
    assert (s.speaker, s.stance, s.direct) == (speaker, stance, direct)


def test_title_alone_is_the_one_person_who_speaks_for_that_country(ex):
    text = ("التقى قاسم جومارت توكاييف بالوفد.\n"
            "وكان رئيس كازاخستان أعلن أمس أن الانسحاب سيبدأ خلال يومين.")
    names = {"قاسم جومارت توكاييف": ("PER", "tokayev"), "كازاخستان": ("GPE", "kazakhstan"),
             "رئيس": ("PER", None, "head_of_state:KZ")}
    ms = [m for m in mentions(text, names) if not (m.text == "رئيس" and m.start < text.index("\n"))]
    [s] = ex.extract(Document(id="d", source="d", text=text, lang="ar"), ms)
    assert s.speaker == "tokayev" and s.speaker_affiliation == "KZ"


def test_while_starts_a_new_clause_with_its_own_speaker(ex):
    text = ("NATO chief Jens Stoltenberg called on Russia to respect sovereignty, while Kremlin spokesman "
            "Dmitry Peskov rejected the criticism.")
    names = dict(EN, **{"Jens Stoltenberg": ("PER", "stoltenberg")})
    a, b = run(ex, text, names, "en")
    assert (a.speaker, a.stance) == ("stoltenberg", "demand") and said(text, a).endswith("sovereignty")
    assert (b.speaker, b.stance) == ("peskov", "reject")


def test_link_lines_and_the_title_repeated_are_not_statements(ex):
    line = "Ned Price said Washington was watching"
    text = f"{line} - Example News, 10.01.2022\n{line}\nThe body of the story starts here."
    assert run(ex, text, EN, "en") == []
    title = "Ned Price said Washington welcomed the move"
    assert run(ex, f"{title}\nThe body of the story starts here.", EN, "en", title=title) == []


# -- French: a title whose body is not recognised, then the name between commas ------------------
FR = {"António Guterres": ("PER", "guterres"), "Sergueï Lavrov": ("PER", "lavrov")}


def test_french_title_then_name_in_apposition_is_the_speaker(ex):
    text = ("Le secrétaire général de l'ONU, António Guterres, a appelé toutes les parties à la retenue.\n"
            "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a déclaré que la mission serait courte.")
    a, b = run(ex, text, FR, "fr")
    assert a.speaker == "guterres" and a.stance == "appeal"
    assert b.speaker == "lavrov" and said(text, b) == "la mission serait courte"
