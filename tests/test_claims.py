"""Claims: numbers, dates, what numbers count, and conflicts, in Arabic, Persian, English, Russian."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.claims import (
    VERSION,
    ConflictGroup,
    concepts_of,
    cross_check,
    date_for_span,
    date_statements,
    extract_claims,
    find_dates,
    find_numbers,
    parse_date_expr,
    resolve_dates,
    timeline,
)
from khabar.claims.lexicon import CORE, lexicon
from khabar.models import Claim, DatedEvent, Document, Statement

PUB = dt.date(2022, 1, 12)  # a Wednesday


def doc(text: str, lang: str, published: str | None = "2022-01-12") -> Document:
    return Document(id="d", source="d", text=text, lang=lang, published=published)


def numbers(text: str, lang: str) -> list[tuple[object, str | None]]:
    return [(n.value, n.qualifier) for n in find_numbers(text, lang)]


# -- numbers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,want", [
    # digits in three scripts, separators and decimals
    ("أرسلت 2500 جندي", "ar", [(2500, None)]),
    ("أرسلت ٢٥٠٠ جندي", "ar", [(2500, None)]),
    ("فرستاد ۲۵۰۰ سرباز", "fa", [(2500, None)]),
    ("وصل ٢٬٥٠٠ جندي", "ar", [(2500, None)]),
    ("رسید ۱٬۲۰۰ نفر", "fa", [(1200, None)]),
    ("بلغ ٢٫٥ مليون", "ar", [(2500000, None)]),
    ("sent 2,500 troops", "en", [(2500, None)]),
    ("a total of 2,500.5 tonnes", "en", [(2500.5, None)]),
    ("около 2 500 военнослужащих", "ru", [(2500, "approximately")]),
    ("1,5 млн рублей", "ru", [(1500000, None)]),
    ("10.000.000 Euro", "de", [(10000000, None)]),
    ("2.5 million dollars", "en", [(2500000, None)]),
    # Arabic words, teens, reversed tens, duals, multipliers
    ("خمسة أشخاص", "ar", [(5, None)]),
    ("ثلاث عشرة دولة", "ar", [(13, None)]),
    ("خمسة وعشرون شخصا", "ar", [(25, None)]),
    ("ثلاثة آلاف وخمسمائة جندي", "ar", [(3500, None)]),
    ("ثلاثمئة جندي", "ar", [(300, None)]),
    ("ألفين جندي", "ar", [(2000, None)]),
    ("مليون شخص", "ar", [(1000000, None)]),
    # Persian words
    ("ده نفر", "fa", [(10, None)]),
    ("صد و بیست و پنج نفر", "fa", [(125, None)]),
    ("دو هزار و پانصد سرباز", "fa", [(2500, None)]),
    ("سه میلیون تومان", "fa", [(3000000, None)]),
    # English and Russian words
    ("twenty-five people", "en", [(25, None)]),
    ("two hundred and fifty people", "en", [(250, None)]),
    ("five thousand troops", "en", [(5000, None)]),
    ("a dozen soldiers", "en", [(12, None)]),
    ("две тысячи пятьсот человек", "ru", [(2500, None)]),
    ("тринадцать человек", "ru", [(13, None)]),
    # vague amounts are strings
    ("عشرات المتظاهرين", "ar", [("dozens", None)]),
    ("مئات الأشخاص", "ar", [("hundreds", None)]),
    ("آلاف المحتجين", "ar", [("thousands", None)]),
    ("عشرات الآلاف من الناس", "ar", [("tens of thousands", None)]),
    ("ده‌ها نفر", "fa", [("dozens", None)]),
    ("دهها نفر", "fa", [("dozens", None)]),
    ("صدها نفر", "fa", [("hundreds", None)]),
    ("هزاران نفر", "fa", [("thousands", None)]),
    ("ده‌ها هزار نفر", "fa", [("tens of thousands", None)]),
    ("dozens of people", "en", [("dozens", None)]),
    ("hundreds of people", "en", [("hundreds", None)]),
    ("thousands of people", "en", [("thousands", None)]),
    ("tens of thousands of people", "en", [("tens of thousands", None)]),
    ("десятки человек", "ru", [("dozens", None)]),
    ("сотни человек", "ru", [("hundreds", None)]),
    ("тысячи человек", "ru", [("thousands", None)]),
])
def test_numbers(text: str, lang: str, want: list) -> None:
    assert numbers(text, lang) == want


def test_dual_carries_its_unit() -> None:
    ns = find_numbers("في غضون يومين أو أسبوعين", "ar")
    assert [(n.value, n.unit) for n in ns] == [(2, "day"), (2, "week")]


@pytest.mark.parametrize("text,lang,want", [
    ("حوالي 2500", "ar", (2500, "approximately")),
    ("نحو 300", "ar", (300, "approximately")),
    ("قرابة 300", "ar", (300, "approximately")),
    ("ما يقرب من 300", "ar", (300, "approximately")),
    ("أكثر من 300", "ar", (300, "more than")),
    ("أقل من 300", "ar", (300, "less than")),
    ("ما لا يقل عن 300", "ar", (300, "at least")),
    ("300 على الأقل", "ar", (300, "at least")),
    ("عشرة على الأكثر", "ar", (10, "at most")),
    ("حتى 300", "ar", (300, "at most")),
    ("لن يستغرق أكثر من عشرة", "ar", (10, "at most")),
    ("حدود ۳۰۰", "fa", (300, "approximately")),
    ("حدوداً ۳۰۰", "fa", (300, "approximately")),
    ("تقریباً ۳۰۰", "fa", (300, "approximately")),
    ("بیش از ۳۰۰", "fa", (300, "more than")),
    ("کمتر از ۳۰۰", "fa", (300, "less than")),
    ("دست‌کم ۳۰۰", "fa", (300, "at least")),
    ("حداقل ۳۰۰", "fa", (300, "at least")),
    ("حداکثر ۳۰۰", "fa", (300, "at most")),
    ("about 300", "en", (300, "approximately")),
    ("around 300", "en", (300, "approximately")),
    ("nearly 300", "en", (300, "approximately")),
    ("some 300", "en", (300, "approximately")),
    ("more than 300", "en", (300, "more than")),
    ("over 300", "en", (300, "more than")),
    ("at least 300", "en", (300, "at least")),
    ("at most 300", "en", (300, "at most")),
    ("up to 300", "en", (300, "at most")),
    ("fewer than 300", "en", (300, "less than")),
    ("около 300", "ru", (300, "approximately")),
    ("более 300", "ru", (300, "more than")),
    ("менее 300", "ru", (300, "less than")),
    ("не менее 300", "ru", (300, "at least")),
    ("до 300", "ru", (300, "at most")),
])
def test_qualifiers(text: str, lang: str, want: tuple) -> None:
    assert numbers(text, lang) == [want]


def test_number_span_covers_its_qualifier() -> None:
    text = "قالت إن العدد سيصل إلى نحو 1500 جندي"
    (n,) = find_numbers(text, "ar")
    assert text[n.start:n.end] == "نحو 1500"
    assert text[n.vstart:n.vend] == "1500"


@pytest.mark.parametrize("text", [
    "see https://example.com/news/2022/12345 for more",
    "the meeting ended at 10:30",
    "call +7 727 555 0199 now",
    "F-16 jets and COVID-19 cases",
])
def test_not_numbers(text: str) -> None:
    assert find_numbers(text, "en") == []


def test_values_are_int_when_integral() -> None:
    (n,) = find_numbers("2.0 million", "en")
    assert n.value == 2000000 and isinstance(n.value, int)


# -- dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,lang,want,precision", [
    # month names: Arabic (Egyptian and Levantine), Persian Gregorian, English, Russian
    ("6 يناير 2022", "ar", "2022-01-06", "day"),
    ("2 كانون الثاني 2022", "ar", "2022-01-02", "day"),
    ("2 كانون الثاني/يناير 2022", "ar", "2022-01-02", "day"),
    ("في الثاني من يناير", "ar", "2022-01-02", "day"),
    ("۲ ژانویه ۲۰۲۲", "fa", "2022-01-02", "day"),
    ("۲ ژانویه", "fa", "2022-01-02", "day"),
    ("January 6, 2022", "en", "2022-01-06", "day"),
    ("6 January 2022", "en", "2022-01-06", "day"),
    ("10 января 2022 г.", "ru", "2022-01-10", "day"),
    ("январь 2022", "ru", "2022-01-01", "month"),
    # numeric: day first, ISO
    ("10.01.2022", "ru", "2022-01-10", "day"),
    ("10/01/2022", "ar", "2022-01-10", "day"),
    ("2022-01-10", "en", "2022-01-10", "day"),
    # Jalali and Hijri
    ("۱۷ دی ۱۴۰۰", "fa", "2022-01-07", "day"),
    ("۱۴۰۰/۱۰/۱۷", "fa", "2022-01-07", "day"),
    ("۱۴۰۰/۱۰/۲۱", "fa", "2022-01-11", "day"),
    ("١٥ جمادى الأولى ١٤٤٣", "ar", "2021-12-19", "day"),
    ("١٥ جمادى الأولى ١٤٤٣ هـ", "ar", "2021-12-19", "day"),
    # relative to publication (Wednesday 12 January 2022)
    ("أمس", "ar", "2022-01-11", "day"),
    ("أمس الثلاثاء", "ar", "2022-01-11", "day"),
    ("يوم الخميس", "ar", "2022-01-06", "day"),
    ("الخميس الماضي", "ar", "2022-01-06", "day"),
    ("الأربعاء الماضي", "ar", "2022-01-05", "day"),
    ("اليوم", "ar", "2022-01-12", "day"),
    ("الأسبوع الماضي", "ar", "2022-01-05", "week"),
    ("دیروز", "fa", "2022-01-11", "day"),
    ("روز جمعه", "fa", "2022-01-07", "day"),
    ("پنجشنبه گذشته", "fa", "2022-01-06", "day"),
    ("سه‌شنبه", "fa", "2022-01-11", "day"),
    ("امروز", "fa", "2022-01-12", "day"),
    ("yesterday", "en", "2022-01-11", "day"),
    ("on Friday", "en", "2022-01-07", "day"),
    ("last Wednesday", "en", "2022-01-05", "day"),
    ("next Monday", "en", "2022-01-17", "day"),
    ("last week", "en", "2022-01-05", "week"),
    ("today", "en", "2022-01-12", "day"),
    ("вчера", "ru", "2022-01-11", "day"),
    ("в пятницу", "ru", "2022-01-07", "day"),
    ("на прошлой неделе", "ru", "2022-01-05", "week"),
    # a month and day without a year: the year that puts it at or before publication
    ("Dec 20", "en", "2021-12-20", "day"),
    ("January 20", "en", "2022-01-20", "day"),
    ("۲۵ دی", "fa", "2022-01-15", "day"),
    # other languages: month names from dateparser's locales, dateparser for the rest
    ("6 janvier 2022", "fr", "2022-01-06", "day"),
    ("hier", "fr", "2022-01-11", "day"),
    ("vor 2 Tagen", "de", "2022-01-10", "day"),
])
def test_parse_date_expr(text: str, lang: str, want: str, precision: str) -> None:
    got = parse_date_expr(text, lang, PUB)
    assert got is not None
    assert (got[0].isoformat(), got[1]) == (want, precision)


def test_weekday_on_the_day_of_publication_is_that_day() -> None:
    # news says "on Wednesday" for the day it is published; "last Wednesday" is a week back
    assert parse_date_expr("يوم الأربعاء", "ar", PUB) == (PUB, "day")
    assert parse_date_expr("الأربعاء الماضي", "ar", PUB) == (dt.date(2022, 1, 5), "day")


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("قال أمس الثلاثاء", None, "ar") == []
    assert [m.date.isoformat() for m in find_dates("في 6 يناير 2022", None, "ar")] == ["2022-01-06"]


def test_not_dates() -> None:
    assert find_dates("في اليوم التالي", PUB, "ar") == []
    assert find_dates("https://example.com/2022/01/10/story", PUB, "en") == []
    assert find_dates("release 1.2.3 and 3 May soldiers", PUB, "en")[0].date == dt.date(2021, 5, 3)


def test_resolve_dates_spans_point_into_the_text() -> None:
    text = "طالبت فرنسا أمس الثلاثاء بوقف العنف، وفي 6 يناير 2022 أعلن الرئيس."
    events = resolve_dates(doc(text, "ar"))
    assert all(isinstance(e, DatedEvent) and text[e.start:e.end] == e.text for e in events)
    assert [(e.text, e.date) for e in events] == [("أمس الثلاثاء", "2022-01-11"), ("6 يناير 2022", "2022-01-06")]


def test_date_for_span_takes_the_day_named_in_the_sentence() -> None:
    text = "قال المتحدث يوم الخميس إن القوات ستنسحب. وأضاف أن الوضع هادئ."
    d = doc(text, "ar")
    first = text.index("إن القوات")
    second = text.index("أن الوضع")
    assert date_for_span(d, first, first + 10) == "2022-01-06"
    assert date_for_span(d, second, second + 8) == "2022-01-12"
    assert date_for_span(doc(text, "ar", None), second, second + 8) is None


def test_date_statements_fills_missing_dates() -> None:
    text = "وقال الوزير يوم الخميس إن الوضع مستقر."
    cue = text.index("وقال")
    content = text.index("إن الوضع")
    s = Statement(start=content, end=len(text) - 1, cue="وقال", cue_start=cue, cue_end=cue + 4,
                  speaker_text="الوزير", speaker_start=cue + 5, speaker_end=cue + 11)
    (got,) = date_statements(doc(text, "ar"), [s])
    assert got.date == "2022-01-06"


# -- what numbers count ----------------------------------------------------------------------
def claims(text: str, lang: str, published: str | None = "2022-01-12") -> list[Claim]:
    d = doc(text, lang, published)
    out = extract_claims(d)
    for c in out:
        assert d.text[c.start:c.end] == c.text
    return out


def one(text: str, lang: str, prop: str) -> Claim:
    got = [c for c in claims(text, lang) if c.property == prop]
    assert len(got) == 1, [(c.property, c.value, c.text) for c in claims(text, lang)]
    return got[0]


@pytest.mark.parametrize("text,lang,prop,value,qualifier,evidence", [
    # troops
    ("وأوضح البيان أن عدد جنود البعثة الدولية سيصل إلى نحو 1800 في المرحلة الأولى.", "ar", "troop_count", 1800,
     "approximately", "نحو 1800"),
    ("أرسل الحلف قوة قوامها 3000 عنصر إلى البلاد.", "ar", "troop_count", 3000, None, "قوامها 3000 عنصر"),
    ("نشرت روسيا نحو ثلاثة آلاف جندي في البلاد.", "ar", "troop_count", 3000, "approximately", "ثلاثة آلاف جندي"),
    ("روسیه حدود ۳ هزار نیروی نظامی اعزام کرد.", "fa", "troop_count", 3000, "approximately", "۳ هزار نیروی"),
    ("The alliance sent about 2,500 troops to the country.", "en", "troop_count", 2500, "approximately",
     "2,500 troops"),
    ("В страну направлены около 2 500 военнослужащих.", "ru", "troop_count", 2500, "approximately",
     "2 500 военнослужащих"),
    # killed, injured, detained
    ("وذكر التلفزيون أن 20 من أفراد الشرطة قد لقوا حتفهم.", "ar", "killed", 20, None, "20 من أفراد الشرطة"),
    ("قالت الوزارة إن عشرات المحتجين قتلوا في العاصمة.", "ar", "killed", "dozens", None, "عشرات المحتجين"),
    ("لقي ما لا يقل عن 26 مسلحا مصرعهم.", "ar", "killed", 26, "at least", "26 مسلحا"),
    ("وأصيب أكثر من 400 شخص بجروح.", "ar", "injured", 400, "more than", "400 شخص"),
    ("وأعلنت الشرطة اعتقال نحو 3000 شخص.", "ar", "detained", 3000, "approximately", "3000 شخص"),
    ("در این درگیری‌ها ۲۲۵ نفر کشته شدند.", "fa", "killed", 225, None, "۲۲۵ نفر"),
    ("ده‌ها معترض جان باختند.", "fa", "killed", "dozens", None, "ده‌ها معترض"),
    ("بیش از ۴۳۰۰ نفر زخمی شدند.", "fa", "injured", 4300, "more than", "۴۳۰۰ نفر"),
    ("پلیس دست‌کم ۹۰۰ نفر را بازداشت کرد.", "fa", "detained", 900, "at least", "۹۰۰ نفر"),
    ("At least 164 people were killed in the clashes.", "en", "killed", 164, "at least", "164 people"),
    ("Dozens of protesters died overnight.", "en", "killed", "dozens", None, "Dozens of protesters"),
    ("Some 2,000 people were wounded.", "en", "injured", 2000, "approximately", "2,000 people"),
    ("Police arrested more than 5,000 people.", "en", "detained", 5000, "more than", "5,000 people"),
    ("В беспорядках погибли 225 человек.", "ru", "killed", 225, None, "225 человек"),
    ("Десятки протестующих погибли.", "ru", "killed", "dozens", None, "Десятки протестующих"),
    ("Более 4 тысяч человек ранены.", "ru", "injured", 4000, "more than", "4 тысяч человек"),
    ("Задержаны около 10 тысяч человек.", "ru", "detained", 10000, "approximately", "10 тысяч человек"),
])
def test_counts(text: str, lang: str, prop: str, value: object, qualifier: str | None, evidence: str) -> None:
    c = one(text, lang, prop)
    assert (c.value, c.qualifier) == (value, qualifier)
    s = text.index(evidence)
    assert c.start < s + len(evidence) and s < c.end


@pytest.mark.parametrize("text,lang", [
    ("The bodies of 225 people were found, 19 of them police officers.", "en"),
    ("قتل 225 شخصا، من بينهم 19 شرطيا.", "ar"),
    ("۲۲۵ نفر کشته شدند که ۱۹ نفر از آنان پلیس بودند.", "fa"),
    ("Погибли 225 человек, из них 19 полицейских.", "ru"),
])
def test_part_of_an_earlier_count(text: str, lang: str) -> None:
    got = [c for c in claims(text, lang) if c.property == "killed"]
    assert [(c.value, c.qualifier) for c in got] == [(225, None), (19, "of them")]
    assert cross_check([(str(n), c) for n, c in enumerate(got)]) == []


def test_cue_of_the_next_clause_does_not_count() -> None:
    got = {(c.property, c.value) for c in claims("قتل 13 وأصيب 20 في الاشتباكات.", "ar")}
    assert got == {("killed", 13), ("injured", 20)}
    got = {(c.property, c.value) for c in claims("Officials said 13 were killed and 20 injured.", "en")}
    assert got == {("killed", 13), ("injured", 20)}


@pytest.mark.parametrize("text,lang,prop,value,qualifier", [
    ("وقال القائد إن خروج الوحدات سيبدأ في غضون يومين.", "ar", "starts_within_days", 2, None),
    ("وستكتمل العملية في غضون سبعة أيام على الأكثر.", "ar", "completes_within_days", 7, "at most"),
    ("وقال إن الانسحاب لن يستغرق أكثر من عشرة أيام.", "ar", "completes_within_days", 10, "at most"),
    ("وقال إن الانسحاب سيبدأ بعد يومين.", "ar", "starts_within_days", 2, None),
    ("ستنتهي المهمة خلال أسبوعين.", "ar", "completes_within_days", 14, None),
    ("خروج نیروها ظرف ده روز تکمیل می‌شود.", "fa", "completes_within_days", 10, None),
    ("خروج نیروها ظرف دو روز آغاز می‌شود.", "fa", "starts_within_days", 2, None),
    ("The withdrawal will begin within two days.", "en", "starts_within_days", 2, None),
    ("It will be completed within 10 days at most.", "en", "completes_within_days", 10, "at most"),
    ("Вывод начнется в течение двух дней.", "ru", "starts_within_days", 2, None),
    ("Вывод завершится в течение 10 дней.", "ru", "completes_within_days", 10, None),
    ("He declared a state of emergency for two weeks.", "en", "duration_days", 14, None),
])
def test_durations(text: str, lang: str, prop: str, value: int, qualifier: str | None) -> None:
    c = one(text, lang, prop)
    assert (c.value, c.qualifier, c.unit) == (value, qualifier, "days")


@pytest.mark.parametrize("text,lang", [
    ("منذ ثلاثة أيام تتواصل الاحتجاجات.", "ar"),
    ("The protests began three days ago.", "en"),
    ("After three days of protests, the government resigned.", "en"),
    ("Протесты начались три дня назад.", "ru"),
])
def test_a_point_in_time_is_not_a_duration(text: str, lang: str) -> None:
    assert not [c for c in claims(text, lang) if "days" in c.property]


@pytest.mark.parametrize("text,lang,subject_word", [
    ("غير أن الحلف لم يكشف عن حجم القوة المرسلة إلى الإقليم.", "ar", "القوة"),
    ("لم يكشف الحلف عن عدد جنوده.", "ar", "جنوده"),
    ("تعداد نیروهای اعزامی اعلام نشده است.", "fa", "نیروهای"),
    ("The alliance did not disclose the number of troops it sent.", "en", "troops"),
    ("ОДКБ не раскрыла численность контингента.", "ru", "контингента"),
])
def test_not_disclosed(text: str, lang: str, subject_word: str) -> None:
    c = one(text, lang, "troop_count")
    assert (c.value, c.qualifier) == (None, "not disclosed")
    assert subject_word in c.subject


def test_not_disclosed_needs_a_quantity() -> None:
    assert claims("لم تكشف الوزارة عن هوية المتحدث.", "ar") == []


@pytest.mark.parametrize("text,lang,subject_word", [
    ("خرج المحتجون رفضا لمضاعفة أسعار الوقود.", "ar", "أسعار"),
    ("قیمت گاز مایع دو برابر شد.", "fa", "قیمت"),
    ("Fuel prices doubled at the start of the year.", "en", "prices"),
    ("Цены на газ выросли вдвое.", "ru", "Цены"),
])
def test_doubled(text: str, lang: str, subject_word: str) -> None:
    c = one(text, lang, "change")
    assert c.value == "doubled" and subject_word in c.subject


def test_doubling_of_something_unmeasured_is_not_a_claim() -> None:
    assert claims("Ministers doubled their efforts.", "en") == []


@pytest.mark.parametrize("text,lang,prop,value,unit", [
    ("ارتفعت أسعار الغاز بنسبة 100% في غرب البلاد.", "ar", "change", 100, "%"),
    ("قیمت گاز ۵۰ درصد افزایش یافت.", "fa", "change", 50, "%"),
    ("Fuel prices fell 20 percent in a month.", "en", "change", -20, "%"),
    ("Цены выросли на 30%.", "ru", "change", 30, "%"),
    ("وبلغ سعر لتر الغاز 120 تنغي.", "ar", "price", 120, "KZT"),
    ("قیمت هر لیتر ۵۰ هزار تومان شد.", "fa", "price", 50000, "IRT"),
    ("The budget of $5 billion was approved.", "en", "money", 5000000000, "USD"),
    ("Ущерб оценили в 2 млрд рублей.", "ru", "money", 2000000000, "RUB"),
])
def test_percentages_and_money(text: str, lang: str, prop: str, value: object, unit: str) -> None:
    c = one(text, lang, prop)
    assert (c.value, c.unit) == (value, unit)


@pytest.mark.parametrize("text,lang,prop,value", [
    ("اعتراضات در چند شهر در ۲ ژانویه آغاز شد.", "fa", "start_date", "2022-01-02"),
    ("مقامات می‌گویند نظم تا صبح روز ۷ ژانویه به همه مناطق بازگردانده شده است.", "fa", "restored_by",
     "2022-01-07"),
    ("بدأت الاحتجاجات في الثاني من يناير في غرب البلاد.", "ar", "start_date", "2022-01-02"),
    ("The unrest began on Sunday in the west of the country.", "en", "start_date", "2022-01-09"),
    ("The operation ended on 10 January 2022 after a week.", "en", "end_date", "2022-01-10"),
    ("Протесты начались 2 января в нескольких городах.", "ru", "start_date", "2022-01-02"),
])
def test_date_claims(text: str, lang: str, prop: str, value: str) -> None:
    c = one(text, lang, prop)
    assert c.value == value


def test_announcement_date_is_not_the_start_date() -> None:
    # the day modifies "announced"; the start is in the future
    got = claims("وذكر الوزير أمس الأحد أن خروج الوحدات سيبدأ قريبا.", "ar")
    assert not [c for c in got if c.property == "start_date"]


@pytest.mark.parametrize("text,lang", [
    ("Kazakhstan has been independent since 1991 and 40 people were killed in 2019.", "en"),
    ("للمزيد عن 2500 جندي: https://example.com/news/7500/troops", "ar"),
    ("The 12:30 meeting; call +44 20 7946 0958 about 300 troops.", "en"),
])
def test_years_links_and_phones_are_not_claims(text: str, lang: str) -> None:
    values = {c.value for c in claims(text, lang)}
    assert not values & {1991, 2019, 7500, 12, 30, 20, 7946, 958, 44}


def test_number_claims_carry_the_day_they_report() -> None:
    c = one("قال مسؤولون يوم الخميس إن 13 شرطيا قتلوا.", "ar", "killed")
    assert c.date == "2022-01-06"
    c = one("قال مسؤولون إن 13 شرطيا قتلوا.", "ar", "killed")
    assert c.date == "2022-01-12"


def test_version_is_named() -> None:
    assert VERSION == "claims.rules.v1"


# -- cross-check -----------------------------------------------------------------------------
def _c(prop: str, value: object, subject: str, qualifier: str | None = None, unit: str | None = None) -> Claim:
    return Claim(start=0, end=1, property=prop, value=value, subject=subject, qualifier=qualifier,  # type: ignore[arg-type]
                 unit=unit)


def test_concepts_cross_languages() -> None:
    for s in ("قوات حفظ السلام", "قوة حفظ سلام دولية", "نیروهای حافظ صلح", "CSTO peacekeepers",
              "миротворцев ОДКБ", "peacekeeping troops"):
        assert concepts_of(s)[0] == "peacekeepers", s
    assert concepts_of("أفراد قوات الأمن")[0] == "security_forces"
    assert concepts_of("المتظاهرين المناهضين للحكومة")[0] == "protesters"


def test_conflict_between_languages_with_not_disclosed() -> None:
    got = cross_check([
        ("a", _c("troop_count", 2500, "قوات حفظ السلام", "approximately")),
        ("b", _c("troop_count", 2000, "قوة حفظ سلام")),
        ("c", _c("troop_count", None, "حجم القوة المنتشرة", "not disclosed")),
        ("d", _c("troop_count", 2000, "CSTO peacekeepers")),
    ])
    assert len(got) == 1 and isinstance(got[0], ConflictGroup)
    g = got[0]
    assert g.property == "troop_count" and g.subject == "peacekeepers"
    assert [(v.value, v.claims) for v in g.values] == [(2500, ("a",)), (2000, ("b", "d")),
                                                       ("not disclosed", ("c",))]
    assert g.to_dict()["values"][0] == {"value": 2500, "claims": ["a"], "qualifier": "approximately"}
    assert g.id.startswith("cf_") and g.claim_ids == ("a", "b", "d", "c")


@pytest.mark.parametrize("a,b", [
    ((2000, None), (2050, None)),            # within 5%
    ((2000, "at least"), (2500, None)),      # at least 2,000 fits 2,500
    ((3000, "at most"), (2500, None)),
    (("dozens", None), (40, None)),          # dozens fits 40
    (("thousands", None), ("thousands", None)),
])
def test_no_conflict_when_values_fit(a: tuple, b: tuple) -> None:
    got = cross_check([("x", _c("killed", a[0], "protesters", a[1])), ("y", _c("killed", b[0], "متظاهرين", b[1]))])
    assert got == []


@pytest.mark.parametrize("a,b", [
    ((2000, None), (2500, None)),
    ((2000, "at most"), (2500, None)),
    (("dozens", None), (13, None)),
    (("dozens", None), ("thousands", None)),
])
def test_conflict_when_values_do_not_fit(a: tuple, b: tuple) -> None:
    got = cross_check([("x", _c("killed", a[0], "protesters", a[1])), ("y", _c("killed", b[0], "متظاهرين", b[1]))])
    assert len(got) == 1 and got[0].subject == "protesters"


def test_different_things_and_tolerance_are_respected() -> None:
    assert cross_check([("x", _c("killed", 13, "security forces")), ("y", _c("killed", 40, "protesters"))]) == []
    assert cross_check([("x", _c("killed", 13, "people")), ("y", _c("injured", 40, "people"))]) == []
    pair = [("x", _c("killed", 100, "people")), ("y", _c("killed", 108, "people"))]
    assert cross_check(pair) and cross_check(pair, tolerance=0.1) == []
    assert cross_check([("x", _c("troop_count", None, "force", "not disclosed"))]) == []


def test_date_conflicts_allow_a_day() -> None:
    a = ("x", _c("start_date", "2022-01-02", "protests"))
    assert cross_check([a, ("y", _c("start_date", "2022-01-03", "الاحتجاجات"))]) == []
    assert len(cross_check([a, ("y", _c("start_date", "2022-01-05", "الاحتجاجات"))])) == 1


def test_timeline_orders_by_date() -> None:
    e1 = DatedEvent(start=5, end=9, date="2022-01-07", text="x")
    e2 = DatedEvent(start=1, end=3, date="2022-01-02", text="y")
    assert timeline([e1, e2]) == [e2, e1]
    assert timeline([("d2", e1), ("d1", e2), ("d0", DatedEvent(0, 1, "2022-01-07", "z"))]) == [
        ("d1", e2), ("d0", DatedEvent(0, 1, "2022-01-07", "z")), ("d2", e1)]


# -- invariants ------------------------------------------------------------------------------
def test_every_language_file_loads() -> None:
    from importlib import resources

    files = [e.name[:-5] for e in resources.files("khabar.claims").joinpath("lang").iterdir()
             if e.name.endswith(".yaml")]
    assert set(CORE) <= set(files)
    for lang in files:
        lex = lexicon(lang)
        assert lex.numbers and lex.cues and lex.dates.get("months"), lang


@pytest.mark.parametrize("text,lang,prop,value,qualifier", [
    ("Au moins 164 personnes ont été tuées.", "fr", "killed", 164, "at least"),
    ("L'alliance a envoyé environ 2 500 soldats.", "fr", "troop_count", 2500, "approximately"),
    ("Mindestens 164 Menschen wurden getötet.", "de", "killed", 164, "at least"),
    ("Das Bündnis schickte rund 2.500 Soldaten.", "de", "troop_count", 2500, "approximately"),
    ("Al menos 164 personas murieron.", "es", "killed", 164, "at least"),
    ("Protestolarda en az 164 kişi hayatını kaybetti.", "tr", "killed", 164, "at least"),
    ("Yaklaşık 2 bin 500 asker gönderildi.", "tr", "troop_count", 2500, "approximately"),
    ("مظاہروں میں 2000 سے زائد افراد زخمی ہوئے۔", "ur", "injured", 2000, "more than"),
])
def test_other_languages(text: str, lang: str, prop: str, value: int, qualifier: str) -> None:
    c = one(text, lang, prop)
    assert (c.value, c.qualifier) == (value, qualifier)


_ALPHABET = st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ ,.٫٬%$-/:") + [
    " حوالي ", " قتلوا ", " جندي ", " عشرات ", " ألف ", " يومين ", " أمس ", " يناير ", " دی ", " نفر ",
    " کشته ", " ده‌ها ", " troops ", " killed ", " about ", " dozens of ", " человек ", " погибли ", " января ",
    " لم تكشف عن عدد القوات ", " مضاعفة سعر ", "\n", ". ",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.sampled_from(["ar", "fa", "en", "ru", "und"]))
def test_claim_spans_are_exact_substrings(text: str, lang: str) -> None:
    d = doc(text, lang)
    for c in extract_claims(d):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
    for e in resolve_dates(d):
        assert text[e.start:e.end] == e.text
    for n in find_numbers(text, lang):
        assert n.start <= n.vstart < n.vend <= n.end <= len(text)


def test_dates_found_in_one_process_are_reused_in_another(monkeypatch) -> None:
    """A pool worker hands the writer the dates it found; the writer must not search again."""
    import pickle

    from khabar.claims import dates

    doc = Document(id="hint", source="s", text="Talks resume on 12 March 2022 in Geneva.", lang="en",
                   published="2022-03-10")
    on = dates.published_date(doc)
    found = dates.doc_dates(doc, on)
    assert found and dates.found_dates(doc, on) == tuple(found)
    shipped = pickle.loads(pickle.dumps(dates.found_dates(doc, on)))
    dates._DOC_DATES.clear()  # the writer's process: nothing found here yet
    assert dates.found_dates(doc, on) is None

    def no_search(*a: object, **k: object) -> None:
        raise AssertionError("searched again")

    monkeypatch.setattr(dates, "find_dates", no_search)
    dates.remember_dates(doc, on, shipped)
    assert dates.doc_dates(doc, on) == found
