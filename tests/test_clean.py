"""clean: boilerplate goes, the article stays verbatim, title/outlet/date are found.

The sample-corpus tests read ../shared at run time and skip when it is absent; the synthetic
pages below are written for these tests in several languages to show the rules generalise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.clean import VERSION, Cleaned, CleanError, clean_html, clean_text, clean_title, explain
from khabar.clean.lexicon import build_lexicon, default_lexicon

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "corpus" / "kazakhstan-2022"
SAMPLE_GOLD = SHARED / "gold" / "seeds.json"


def _gold_documents() -> list[dict]:
    if not SAMPLE_GOLD.exists():
        return []
    return json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["documents"]


def assert_verbatim(source: str, cleaned: Cleaned) -> None:
    """Every line of the body is a line of the input, unchanged (the ends stripped at most)."""
    lines = source.split("\n")
    stripped = {x.strip() for x in lines}
    for line in cleaned.text.split("\n"):
        if line.strip():
            assert line in lines or line.strip() in stripped, line
    assert cleaned.text == cleaned.text.strip()


def assert_removed(cleaned: Cleaned, *lines: str) -> None:
    for line in lines:
        assert line not in cleaned.text, line


def assert_kept(cleaned: Cleaned, *lines: str) -> None:
    for line in lines:
        assert line in cleaned.text, line


# -- the sample corpus -----------------------------------------------------------------------
@pytest.mark.parametrize("doc", _gold_documents(), ids=lambda d: d["file"][:3])
def test_sample_boilerplate_removed_and_body_kept(doc: dict) -> None:
    path = SAMPLE / doc["file"]
    if not path.exists():
        pytest.skip("../shared/corpus is not present")
    source = path.read_text(encoding="utf-8")
    c = clean_text(source)
    assert_removed(c, *doc["boilerplate"])
    assert_kept(c, *doc["keep"])
    assert c.title == doc["title"]
    assert_verbatim(source, c)
    assert set(c.removed) <= {x.strip() for x in source.split("\n")}


def test_sample_metadata(sample_dir) -> None:
    by_id = {p.name[:3]: p.read_text(encoding="utf-8") for p in sample_dir.glob("*.txt")}
    gold = {d["file"][:3]: d for d in _gold_documents()}
    cards = clean_text(by_id["000"])
    assert cards.published == "2022-01-10"  # the first dateline; none carries this headline
    assert cards.outlet and f"- {cards.outlet}" in by_id["000"]  # the outlet the datelines name
    assert clean_text(by_id["002"]).outlet == gold["002"]["outlet"]  # the article's own link
    assert clean_text(by_id["004"]).outlet is None  # video embeds are not the publisher
    assert clean_text(by_id["003"]).published is None  # dates in the body are not datelines


def test_sample_without_the_lexicon(sample_dir) -> None:
    """Structure alone (scripts, shapes, positions, repeats) removes the sample's boilerplate:
    the word lists help, they are not what makes it work."""
    from khabar.clean.lexicon import read_tables
    from khabar.clean.text import clean_lines

    keep = ("months", "jalali_months", "hijri_months", "social_hosts")
    bare = build_lexicon({k: {n: v for n, v in d.items() if n in keep} for k, d in read_tables().items()})
    removed = total = 0
    for doc in _gold_documents():
        source = (sample_dir / doc["file"]).read_text(encoding="utf-8")
        c = clean_lines(source, title=None, take_title=True, published=None, outlet=None, url=None, lex=bare)
        assert_kept(c, *doc["keep"])
        removed += sum(b not in c.text for b in doc["boilerplate"])
        total += len(doc["boilerplate"])
    assert removed / total >= 0.9


def test_sample_title_given_and_other_layouts(sample_dir) -> None:
    import re

    for doc in _gold_documents():
        source = (sample_dir / doc["file"]).read_text(encoding="utf-8")
        variants = [
            clean_text(source.split("\n", 1)[1], title=doc["title"]),  # JSONL: title apart
            clean_text(re.sub(r"\n\s*\n", "\n", source)),  # no blank lines
            clean_text(re.sub(r"\n+", "\n\n", source)),  # a blank line after every line
        ]
        for c in variants:
            assert_removed(c, *doc["boilerplate"])
            assert_kept(c, *doc["keep"])


# -- synthetic pages in other languages ------------------------------------------------------
EN = """Kazakhstan lifts state of emergency in Almaty as troops withdraw | World News - The Daily Ledger
Skip to main content
Menu
World
Kazakhstan lifts state of emergency in Almaty as troops withdraw
12 January 2022
Share
Tweet
Email
Protesters gather in central Almaty on January 5. (Photo by Ivan Petrov/AFP via Getty Images)
ALMATY — Authorities in Kazakhstan lifted the state of emergency in the country's largest city on Wednesday, as the last units of a Russian-led alliance prepared to leave.
The interior ministry said order had been restored across the region and that checkpoints would be removed by the end of the week.
Advertisement
"The situation is stable and under full control," a ministry spokesperson told reporters, adding that more than 9,000 people had been detained.
Related
Oil prices climb as Kazakh output slumps
Five things to know about the CSTO
Who is Kassym-Jomart Tokayev?
Rights groups have called for an independent inquiry into the deaths of protesters during the unrest.
Subscribe to our newsletter for the latest world news, delivered every morning.
We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.
Accept
© 2022 The Daily Ledger. All rights reserved.
"""

RU = """Токаев объявил о завершении миссии ОДКБ в Казахстане
Главная
Новости
Токаев объявил о завершении миссии ОДКБ в Казахстане
11.01.2022, 15:42
Поделиться
Фото: © РИА Новости / Иван Иванов
Президент Казахстана Касым-Жомарт Токаев заявил во вторник, что миссия миротворцев ОДКБ успешно завершена и вывод контингента начнется через два дня.
По словам Токаева, главная задача сил организации — охрана стратегических объектов — выполнена.
Вывод войск займет не более десяти дней, уточнил президент.
Читайте также:
Лавров обсудил ситуацию в Казахстане с коллегами
Цены на газ в Мангистау снизят до 50 тенге
В Алма-Ате восстановили работу аэропорта
Ранее в Москве заявили, что решение о выводе будет принимать правительство Казахстана.
Комментарии
Войти
Ошибка в тексте? Выделите её и нажмите Ctrl+Enter
© 2022 Все права защищены
"""

TR = """Kazakistan'da olağanüstü hal sona erdi - Haber Merkezi
Ana Sayfa
Dünya
Kazakistan'da olağanüstü hal sona erdi
Giriş: 13.01.2022 10:15 | Güncelleme: 13.01.2022 11:02
Haberi paylaş
Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev, ülke genelinde ilan edilen olağanüstü halin kaldırıldığını açıkladı.
Cumhurbaşkanlığı açıklamasına göre, kritik tesislerin korunması görevi yeniden ulusal güvenlik güçlerine devredildi.
Reklam
Tokayev, "Anayasal düzen tamamen yeniden sağlandı" dedi.
İlgili Haberler
Almatı'da havalimanı yeniden açıldı
KGAÖ barış gücü çekilmeye başladı
Petrol fiyatlarında son durum
Yorumlar
Yorum yap
E-posta adresiniz yayınlanmayacak. Gerekli alanlar işaretlenmişlerdir *
Tüm hakları saklıdır.
"""

FR = """Kazakhstan : la Russie commence à retirer ses troupes
Publié le 13/01/2022 à 09h30
Partager
Facebook
Twitter
Lire aussi : Au Kazakhstan, le président limoge le chef du renseignement
Les premières unités de la force de maintien de la paix de l'OTSC ont commencé jeudi à quitter le Kazakhstan, a annoncé le ministère russe de la Défense.
Selon Moscou, le retrait devrait être achevé d'ici le 19 janvier.
Publicité
« La mission est accomplie », a déclaré le président Tokaïev devant le Parlement.
Crédit photo : AFP
Sur le même sujet
Kazakhstan : ce que l'on sait des émeutes
Qui est Kassym-Jomart Tokaïev ?
Cet article est réservé aux abonnés.
Inscrivez-vous à notre newsletter
Nous utilisons des cookies pour vous offrir la meilleure expérience.
Tout accepter
"""

UR = """قازقستان میں ہنگامی حالت ختم کر دی گئی
شیئر کریں
قازقستان کے صدر قاسم جومارت توکایف نے ملک بھر میں نافذ ہنگامی حالت ختم کرنے کا اعلان کر دیا ہے۔
صدارتی دفتر کے مطابق اہم تنصیبات کی حفاظت دوبارہ قومی سیکیورٹی فورسز کے حوالے کر دی گئی ہے۔
یہ بھی پڑھیں: روس نے قازقستان سے فوجی واپس بلانا شروع کر دیے
اشتہار
انہوں نے کہا کہ آئینی نظام مکمل طور پر بحال ہو چکا ہے اور حالات معمول پر آ رہے ہیں۔
Photo: AFP
متعلقہ خبریں
الماتی ایئرپورٹ دوبارہ کھل گیا
تیل کی قیمتوں میں اضافہ
جملہ حقوق محفوظ ہیں
"""

SYNTHETIC = {
    "en": (
        EN,
        "Kazakhstan lifts state of emergency in Almaty as troops withdraw",
        "2022-01-12",
        [
            "Skip to main content",
            "Menu",
            "Share",
            "Tweet",
            "Email",
            "(Photo by Ivan Petrov",
            "Advertisement",
            "Related",
            "Oil prices climb as Kazakh output slumps",
            "Five things to know about the CSTO",
            "Who is Kassym-Jomart Tokayev?",
            "Subscribe to our newsletter",
            "We use cookies",
            "Accept",
            "All rights reserved",
            "12 January 2022",
        ],
        [
            "ALMATY — Authorities in Kazakhstan lifted the state of emergency",
            "The interior ministry said order had been restored",
            '"The situation is stable and under full control," a ministry spokesperson told reporters',
            "Rights groups have called for an independent inquiry",
        ],
    ),
    "ru": (
        RU,
        "Токаев объявил о завершении миссии ОДКБ в Казахстане",
        "2022-01-11",
        [
            "Главная",
            "Поделиться",
            "Фото: ©",
            "Читайте также",
            "Лавров обсудил ситуацию",
            "Цены на газ в Мангистау",
            "восстановили работу аэропорта",
            "Комментарии",
            "Войти",
            "Ошибка в тексте",
            "Все права защищены",
            "15:42",
        ],
        [
            "миссия миротворцев ОДКБ успешно завершена",
            "По словам Токаева, главная задача сил организации",
            "Вывод войск займет не более десяти дней, уточнил президент.",
            "Ранее в Москве заявили",
        ],
    ),
    "tr": (
        TR,
        "Kazakistan'da olağanüstü hal sona erdi",
        "2022-01-13",
        [
            "Ana Sayfa",
            "Haberi paylaş",
            "Reklam",
            "İlgili Haberler",
            "havalimanı yeniden açıldı",
            "barış gücü çekilmeye başladı",
            "Petrol fiyatlarında son durum",
            "Yorumlar",
            "Yorum yap",
            "E-posta adresiniz yayınlanmayacak",
            "Tüm hakları saklıdır",
            "Güncelleme",
        ],
        [
            "olağanüstü halin kaldırıldığını açıkladı.",
            "Cumhurbaşkanlığı açıklamasına göre",
            'Tokayev, "Anayasal düzen tamamen yeniden sağlandı" dedi.',
        ],
    ),
    "fr": (
        FR,
        "Kazakhstan : la Russie commence à retirer ses troupes",
        "2022-01-13",
        [
            "Publié le",
            "Partager",
            "Facebook",
            "Twitter",
            "Lire aussi",
            "Publicité",
            "Crédit photo",
            "Sur le même sujet",
            "ce que l'on sait des émeutes",
            "Qui est Kassym-Jomart Tokaïev ?",
            "réservé aux abonnés",
            "Inscrivez-vous",
            "Nous utilisons des cookies",
            "Tout accepter",
        ],
        [
            "Les premières unités de la force de maintien de la paix de l'OTSC",
            "Selon Moscou, le retrait devrait être achevé d'ici le 19 janvier.",
            "« La mission est accomplie », a déclaré le président Tokaïev devant le Parlement.",
        ],
    ),
    "ur": (
        UR,
        "قازقستان میں ہنگامی حالت ختم کر دی گئی",
        None,
        ["شیئر کریں", "یہ بھی پڑھیں", "اشتہار", "Photo: AFP", "متعلقہ خبریں", "الماتی ایئرپورٹ", "جملہ حقوق"],
        [
            "نافذ ہنگامی حالت ختم کرنے کا اعلان کر دیا ہے۔",
            "صدارتی دفتر کے مطابق",
            "آئینی نظام مکمل طور پر بحال ہو چکا ہے",
        ],
    ),
}


@pytest.mark.parametrize("lang", sorted(SYNTHETIC))
def test_synthetic_pages(lang: str) -> None:
    source, title, published, gone, stay = SYNTHETIC[lang]
    c = clean_text(source)
    assert c.title == title
    assert c.published == published
    assert_removed(c, *gone)
    assert_kept(c, *stay)
    assert_verbatim(source, c)
    # the body is exactly the paragraphs, in order, one per line
    assert len(c.text.split("\n")) == len(stay)


def test_every_removed_line_has_a_reason() -> None:
    reasons = explain(EN)
    assert {r for r, _ in reasons} >= {"ui", "credit", "related", "banner", "dateline", "title"}
    assert all(r for r, _ in reasons)


# -- specific rules --------------------------------------------------------------------------
BODY = (
    "The minister said on Monday that the peacekeeping mission had achieved its goals and would end soon.\n"
    "Officials added that all strategic sites had been handed back to the national security forces.\n"
)


def test_dateline_card_gives_date_outlet_and_drops_its_headline() -> None:
    text = (
        "Ceasefire holds in the capital\n"
        "Markets reopen after a week of unrest - Example Times  , 1920, 10.01.2022\n"
        + BODY
        + "Markets reopen after a week of unrest\n"
        + "A third paragraph follows here, long enough to count as part of the article body.\n"
    )
    c = clean_text(text)
    assert c.published == "2022-01-10"
    assert c.outlet == "Example Times"
    assert "Markets reopen" not in c.text
    assert "third paragraph" in c.text


def test_dateline_with_this_headline_wins_and_latest_of_them() -> None:
    text = (
        "Ceasefire holds in the capital\n"
        "Other story about something else - Example Times , 12.01.2022\n"
        "Ceasefire holds in the capital - Example Times , 09.01.2022\n"
        "Ceasefire holds in the capital - Example Times , 11.01.2022\n" + BODY
    )
    assert clean_text(text).published == "2022-01-11"


def test_dates_day_first_iso_jalali_and_given() -> None:
    assert clean_text("T\n10.01.2022\n" + BODY).published == "2022-01-10"  # day first
    assert clean_text("T\n2022-01-10 14:30\n" + BODY).published == "2022-01-10"
    assert clean_text("عنوان خبر\n۲۰ دی ۱۴۰۰\n" + BODY).published == "2022-01-10"  # Jalali
    assert clean_text("T\n10.01.2022\n" + BODY, published="2022-01-09T23:00:00Z").published == "2022-01-09"
    # a date inside a sentence of the body is not the publication date
    assert (
        clean_text("T\n" + BODY + "Protests began on 2 January 2022 in the west of the country.\n").published
        is None
    )


def test_title_decorations() -> None:
    assert clean_title("Headline of the day | Section | Site") == "Headline of the day"
    assert clean_title("Site | The headline of the day here") == "The headline of the day here"
    assert clean_title("Troops begin to leave - almnatiq.net") == "Troops begin to leave"
    assert clean_title("Troops begin to leave - Reuters", ["Reuters"]) == "Troops begin to leave"
    assert clean_title("Kazakhstan unrest - live updates") == "Kazakhstan unrest - live updates"
    assert clean_title("عنوان الخبر هنا 🔔") == "عنوان الخبر هنا"


def test_title_given_and_repeated_in_body() -> None:
    c = clean_text("Ceasefire holds in the capital\n" + BODY, title="Ceasefire holds in the capital")
    assert c.title == "Ceasefire holds in the capital"
    assert c.text.startswith("The minister said")


def test_first_line_that_is_a_paragraph_is_not_a_title() -> None:
    para = " ".join(["word"] * 40) + "."
    c = clean_text(para + "\n" + BODY)
    assert c.title is None
    assert c.text.startswith(para)


def test_outlet_from_article_link_not_from_social_embeds() -> None:
    text = (
        "Headline here now\nhttps://www.youtube.com/watch?v=abc\nhttps://www.example-news.com/world/123\n"
        + BODY
    )
    c = clean_text(text)
    assert c.outlet == "example-news.com"
    assert "https://" not in c.text
    assert clean_text(BODY, title="T", url="https://www.site.org/a/1").outlet == "site.org"
    assert clean_text(BODY, title="T", outlet="Given", url="https://x.org/1").outlet == "Given"


def test_foreign_script_placeholders_and_symbol_lines() -> None:
    fa = (
        "عنوان خبر درباره قزاقستان\n"
        "وزیر خارجه گفت که وضعیت در این کشور به سرعت در حال بهبود است و نیروها به زودی باز می‌گردند.\n"
        "Материал дня\n"
        "• 12\n"
        "🔔\n"
        "سخنگوی دولت نیز افزود که همه مراکز دولتی دوباره باز شده‌اند و زندگی عادی جریان دارد.\n"
        "CSTO\n"
    )
    c = clean_text(fa)
    assert_removed(c, "Материал дня", "• 12", "🔔", "CSTO")
    assert "می‌گردند" in c.text and "شده‌اند" in c.text  # ZWNJ untouched
    assert len(c.text.split("\n")) == 2


def test_repeats_and_truncated_lead_copies() -> None:
    lead = "Authorities lifted the state of emergency on Wednesday as the alliance prepared to leave the country."
    text = "T\n" + lead + "\n" + BODY + lead + "\n" + lead[:60] + "…\n"
    c = clean_text(text)
    assert c.text.count("Authorities lifted") == 1
    assert "…" not in c.text


def test_short_section_headers_between_paragraphs_stay() -> None:
    text = (
        "Round-up of reactions\n"
        + BODY
        + "Russia\n"
        + BODY.replace("minister", "envoy").replace("Officials", "Aides")
    )
    c = clean_text(text)
    assert "\nRussia\n" in c.text


def test_related_link_list_without_header_goes() -> None:
    text = (
        "T\n"
        + BODY
        + "- Airline cancels 200 flights over the weather\n"
        + "- Stocks close lower at the end of trading\n"
        + "- Football club signs new striker for record fee\n"
        + "- Heavy rain expected across the coast this weekend\n"
        + "The ministry also said that the airport in the largest city had reopened to passengers.\n"
    )
    c = clean_text(text)
    assert "Airline" not in c.text and "Football" not in c.text
    assert "airport in the largest city" in c.text


def test_paragraphs_without_final_stops_survive() -> None:
    text = (
        "Headline\n"
        "The minister said the mission had achieved its goals and would end within ten days\n"
        "He added that the airport had reopened\n"
        "Officials said all strategic sites had been handed back to national forces on Tuesday\n"
    )
    c = clean_text(text)
    assert "He added that the airport had reopened" in c.text


def test_separators_are_kept_exactly() -> None:
    text = "Title\n\nFirst paragraph of the article, long enough to be body text here.\n\nShare\n\nSecond paragraph of the article, also long enough to be body text.\n"
    assert clean_text(text).text == (
        "First paragraph of the article, long enough to be body text here.\n\n"
        "Second paragraph of the article, also long enough to be body text."
    )


def test_version() -> None:
    assert VERSION == "clean.lines.v1"


# -- lexicon ---------------------------------------------------------------------------------
def test_lexicon_loads_every_language() -> None:
    lex = default_lexicon()
    assert {"ar", "fa", "ur", "en", "ru", "tr", "fr", "de"} <= set(lex.languages)
    assert lex.months["января"] == 1 and lex.jalali_months["دي"] == 10


def test_lexicon_rejects_unknown_keys_and_conflicting_months() -> None:
    with pytest.raises(ValueError):
        build_lexicon({"xx": {"months": {"foo": 1}}, "yy": {"months": {"foo": 2}}})
    with pytest.raises(ValueError):
        build_lexicon({"xx": {"months": {"foo": 13}}})


# -- HTML ------------------------------------------------------------------------------------
PAGE = """<!doctype html><html lang="fa"><head><meta charset="utf-8">
<title>تمدید آتش‌بس در پایتخت | خبرگزاری نمونه</title>
<meta property="og:site_name" content="خبرگزاری نمونه">
<meta property="article:published_time" content="2022-01-11T09:30:00+03:30">
</head><body>
<header><nav><a href="/">صفحه اصلی</a> <a href="/world">جهان</a></nav></header>
<main><article>
<h1>تمدید آتش‌بس در پایتخت</h1>
<p>وزیر خارجه روز سه‌شنبه اعلام کرد که مأموریت نیروهای حافظ صلح به پایان رسیده است و خروج آن‌ها از فردا آغاز می‌شود.</p>
<p>به گفته او، همه تأسیسات راهبردی به نیروهای امنیتی ملی تحویل داده شده&zwnj;اند و زندگی عادی در شهرها جریان دارد.</p>
<p>سخنگوی دولت نیز افزود که فرودگاه بزرگ&#x200C;ترین شهر کشور دوباره به روی مسافران باز شده است.</p>
<div class="share">اشتراک</div>
</article></main>
<footer>تمامی حقوق محفوظ است</footer>
</body></html>"""


def test_html_keeps_zwnj_and_reads_metadata() -> None:
    c = clean_html(PAGE)
    assert "می‌شود" in c.text and "آن‌ها" in c.text
    assert "شده\u200cاند" in c.text and "بزرگ\u200cترین" in c.text  # from &zwnj; and &#x200C;
    assert c.title == "تمدید آتش‌بس در پایتخت"
    assert c.published == "2022-01-11"
    assert c.outlet == "خبرگزاری نمونه"
    assert_removed(c, "اشتراک", "تمامی حقوق", "صفحه اصلی")
    assert not c.text.startswith("تمدید")  # the headline is the title, not body


def test_html_caller_values_win() -> None:
    c = clean_html(PAGE, title="Given title", published="2022-01-12", outlet="Given")
    assert (c.title, c.published, c.outlet) == ("Given title", "2022-01-12", "Given")


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.8])
def test_truncated_html_does_not_crash(cut: float) -> None:
    page = PAGE[: int(len(PAGE) * cut)]
    try:
        c = clean_html(page)
    except ValueError as e:
        assert str(e)
    else:
        assert isinstance(c, Cleaned)


def test_html_without_text_raises_a_reason() -> None:
    with pytest.raises(CleanError, match="empty"):
        clean_html("   ")
    with pytest.raises(ValueError):
        clean_html("<html><head><script>var x = 1;</script></head><body></body></html>")


# -- invariants ------------------------------------------------------------------------------
_LINES = st.sampled_from(
    [
        "Share",
        "Comments",
        "0",
        "• 7",
        "https://example.com/a/1",
        "Related",
        "Advertisement",
        "Short headline of another story",
        "",
        "  ",
        "روسيا",
        "اشتراک",
        "10.01.2022",
        "The minister said the mission was over and that troops would leave within ten days.",
        "وقال المتحدث إن الوضع مستقر تماما وإن القوات ستنسحب خلال أيام قليلة من البلاد.",
        "Президент заявил, что миссия завершена и войска покинут страну в течение десяти дней.",
        "A paragraph that ends with an ellipsis and goes on for quite a few words here…",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, min_size=0, max_size=25), st.sampled_from(["\n", "\n\n"]))
def test_body_is_always_made_of_input_lines(lines: list[str], sep: str) -> None:
    source = sep.join(lines)
    c = clean_text(source)
    assert_verbatim(source, c)
    kept = [x for x in c.text.split("\n") if x.strip()]
    # order is preserved: kept lines appear in the input in the same order
    pos = 0
    src = source.split("\n")
    for line in kept:
        pos = next(i for i in range(pos, len(src)) if src[i].strip() == line.strip()) + 1


EN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Troops begin leaving Kazakhstan - The Example Post</title>
<meta property="og:site_name" content="The Example Post">
<meta name="date" content="2022-01-13">
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. <button>Accept</button></div>
<header><nav><a href="/">Home</a><a href="/world">World</a><a href="/login">Sign in</a></nav></header>
<main><article>
<h1>Troops begin leaving Kazakhstan</h1>
<div class="byline">January 13, 2022</div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<p>The first units of the Russian-led peacekeeping force began leaving Kazakhstan on Thursday, the defence ministry in Moscow said.</p>
<p>Read more: Who is Kassym-Jomart Tokayev?</p>
<p>The withdrawal is expected to be completed within ten days, according to officials in the capital.</p>
<figure><img src="a.jpg"><figcaption>Soldiers board a plane in Almaty. (Photo by Jane Roe/AFP via Getty Images)</figcaption></figure>
<p>"The mission has been accomplished," the president told parliament on Tuesday, thanking the allies for their help.</p>
<p>Subscribe to our newsletter for the latest world news.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Oil prices climb as output slumps</a></li><li><a href="/b">Five things to know about the CSTO</a></li></ul></aside>
<section id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p></section>
</main>
<footer>© 2022 The Example Post. All rights reserved.</footer>
</body></html>"""


def test_html_english_page() -> None:
    c = clean_html(EN_PAGE)
    assert c.title == "Troops begin leaving Kazakhstan"
    assert c.outlet == "The Example Post"
    assert c.published == "2022-01-13"
    assert_kept(
        c,
        "The first units of the Russian-led peacekeeping force began leaving Kazakhstan on Thursday",
        "The withdrawal is expected to be completed within ten days",
        '"The mission has been accomplished," the president told parliament',
    )
    assert_removed(
        c,
        "cookies",
        "Sign in",
        "Share",
        "Read more",
        "Photo by",
        "Subscribe",
        "Related",
        "Oil prices",
        "Leave a Reply",
        "Your email",
        "All rights reserved",
    )


def test_html_of_the_sample_articles(sample_dir) -> None:
    """The sample dumps put back into a bare HTML page come out the same through trafilatura."""
    import html as H

    for doc in _gold_documents():
        lines = [x for x in (sample_dir / doc["file"]).read_text(encoding="utf-8").split("\n") if x.strip()]
        page = (
            f"<html><head><title>{H.escape(lines[0])}</title></head><body><article><h1>{H.escape(lines[0])}</h1>"
            + "".join(f"<p>{H.escape(x)}</p>" for x in lines[1:])
            + "</article></body></html>"
        )
        c = clean_html(page)
        assert c.title == doc["title"]
        assert_removed(c, *doc["boilerplate"])
        assert_kept(c, *doc["keep"])


BODY_ONLY = """What we know about the unrest in Kazakhstan
Protests erupted in the oil town of Zhanaozen on 2 January after the government lifted a price cap on liquefied petroleum gas.
By 5 January they had spread to Almaty, the largest city, where protesters stormed the mayor's office.
Timeline
2 January 2022: protests begin in Zhanaozen.
5 January 2022: the government resigns and a state of emergency is declared.
Key facts
- About 2,500 peacekeepers were deployed.
- More than 160 people were killed, officials said.
What the president said
"We will not allow the country to be destabilised," he said.
Russia
Moscow said the deployment was temporary and would end once the situation stabilised.
The conditions were: (a) a request from the host country; (b) a clear mandate; (c) a time limit.
Analysts say the crisis exposed a power struggle within the ruling elite
It is not yet clear who gave the order to open fire
"""


def test_article_without_furniture_loses_nothing() -> None:
    """Section headings, timelines, bullet facts and unpunctuated closing lines all stay."""
    assert explain(BODY_ONLY) == ()
    c = clean_text(BODY_ONLY)
    assert c.text == BODY_ONLY.split("\n", 1)[1].strip()
    assert c.published is None


def test_unpunctuated_outlet_keeps_short_paragraphs() -> None:
    """Some outlets end no paragraph with a stop: short lines between them are still body."""
    paras = [
        "The minister said the mission had achieved its goals and would end within ten days as planned by the alliance",
        "He added that the airport had reopened to passengers",
        "Officials said all strategic sites had been handed back to national forces on Tuesday after talks in the capital",
        "Residents reported that shops were open again",
        "The president is expected to address parliament on the new government later this week in the capital city",
        "Flights resumed on Thursday",
        "Banks reopened their branches",
        "Internet access was restored",
    ]
    c = clean_text("Headline\n" + "\n".join(paras) + "\n")
    assert_kept(c, *paras)


def test_furniture_above_the_headline_is_not_the_title() -> None:
    c = clean_text("Skip to main content\nMenu\n10.01.2022\nTroops leave the capital\n" + BODY)
    assert c.title == "Troops leave the capital"
    assert c.published == "2022-01-10"
    assert c.text == BODY.strip()


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Published On 7 Jan 2022", "2022-01-07"),
        ("Updated: January 7, 2022 10:30 AM ET", "2022-01-07"),
        ("10 января 2022 г.", "2022-01-10"),
        ("Yayınlanma: 10 Ocak 2022 14:35", "2022-01-10"),
        ("Publié le 10 janvier 2022 à 14h35", "2022-01-10"),
        ("۱۴۰۰/۱۰/۲۰ - ۱۰:۳۰", "2022-01-10"),
        ("نشر في 10 يناير 2022", "2022-01-10"),
        ("01/13/2022", "2022-01-13"),  # the second number cannot be a month
    ],
)
def test_dateline_forms(line: str, iso: str) -> None:
    c = clean_text("Headline of the story\n" + line + "\n" + BODY)
    assert c.published == iso
    assert line not in c.text


def test_sentence_with_a_date_is_not_a_dateline() -> None:
    c = clean_text("Headline of the story\n" + BODY + "It happened on 10 January 2022.\n")
    assert c.published is None
    assert "It happened on 10 January 2022." in c.text


@pytest.mark.parametrize(
    "line",
    [
        "Tags: Kazakhstan, Russia, CSTO, Tokayev, Almaty",
        "الوسوم: كازاخستان روسيا",
        "برچسب ها: قزاقستان روسیه",
        "Теги: Казахстан",
    ],
)
def test_tag_lines_go(line: str) -> None:
    c = clean_text("Headline of the story\n" + BODY + line + "\n")
    assert line not in c.text
    assert c.text == BODY.strip()


def test_article_script_comes_from_paragraphs_not_from_furniture() -> None:
    """A short Persian article on a page with long English banners stays Persian."""
    text = (
        "تمدید آتش‌بس در پایتخت\n"
        "We use cookies to improve your experience on our website and to show you relevant advertising.\n"
        "By continuing to browse this site you agree to our privacy policy and terms of service.\n"
        "وزیر خارجه روز سه‌شنبه اعلام کرد که مأموریت نیروها به پایان رسیده است.\n"
        "خروج نیروها از فردا آغاز می‌شود.\n"
        "به گفته او، همه تأسیسات راهبردی به نیروهای امنیتی ملی تحویل داده شده‌اند و زندگی عادی جریان دارد.\n"
        "Sign up for free\n"
    )
    c = clean_text(text)
    assert_kept(
        c, "مأموریت نیروها به پایان رسیده است.", "خروج نیروها از فردا آغاز می‌شود.", "تحویل داده شده‌اند"
    )
    assert_removed(c, "cookies", "By continuing", "Sign up")


def test_empty_and_title_only() -> None:
    assert clean_text("") == Cleaned("", None, None, None, ())
    c = clean_text("Only a headline here\n\n")
    assert (c.text, c.title) == ("", "Only a headline here")


# -- the quick paths give what the plain definitions give ------------------------------------
@given(st.text(alphabet=st.sampled_from(list("aZ1 _.é\u0301قالپی١\u200cΩж漢あ") + ["\U0001f600", "\U00020000"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_line_scripts_match_script_of(text: str) -> None:
    from collections import Counter

    from khabar.clean.lines import _scripts, script_of

    scripts: Counter[str] = Counter()
    for c, n in Counter(text).items():
        s = script_of(c)
        if s:
            scripts[s] += n
    got, letters, main = _scripts(text)
    assert list(got.items()) == list(scripts.items())
    assert letters == sum(scripts.values())
    assert main == (scripts.most_common(1)[0][0] if scripts else None)


def test_sentence_lookup_matches_the_sentence_pattern() -> None:
    from khabar.clean.lexicon import phrase_key
    from khabar.clean.rules import _has_sentence, _tables

    t = _tables(default_lexicon())
    assert t.sentences is not None
    sentence = default_lexicon().sentences[0]
    for k in (sentence, f"x {sentence} y", f"x{sentence}", f"{sentence}y", sentence.rsplit(" ", 1)[0], "",
              phrase_key("Subscribe to our newsletter"), phrase_key("no banner here at all")):
        assert _has_sentence(k, t.sentence_first) == bool(t.sentences.search(k)), k


def test_dates_need_a_four_digit_year() -> None:
    from khabar.clean.dates import find_dates, may_have_date

    lex = default_lexicon()
    assert not may_have_date("10 January 22") and find_dates("10 January 22", lex) == []
    assert may_have_date("10 january 2022") and find_dates("10 January 2022", lex)[0].iso == "2022-01-10"
    assert find_dates("۲۰ دی ۱۴۰۰", lex)  # Persian digits fold to a four-digit year
