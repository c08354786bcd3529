"""Language identification: our own news-like sentences in 13 languages, the hard Arabic-script
cases (short headlines, Persian without ZWNJ, Pashto), mixed documents, and no downloads."""

from __future__ import annotations

import json
import socket
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.language import VERSION, LanguageDetector
from khabar.language.arabic import evidence

SAMPLE_FILE = Path(__file__).parent / "data" / "lang_samples.jsonl"
SAMPLES = [json.loads(line) for line in SAMPLE_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _with(tag: str, *langs: str) -> list[dict]:
    return [s for s in SAMPLES if tag in s["tags"] and (not langs or s["lang"] in langs)]


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def _misses(detector: LanguageDetector, samples: list[dict]) -> list[tuple[str, str, str]]:
    return [
        (s["lang"], got, s["text"]) for s in samples if (got := detector.detect(s["text"])[0]) != s["lang"]
    ]


def test_version() -> None:
    assert VERSION == "language.fasttext-lite.v1"


def test_sample_set_covers_the_languages() -> None:
    per = Counter(s["lang"] for s in SAMPLES)
    for lang in "ar fa ur ps en ru tr fr de es zh he ku".split():
        assert per[lang] >= 10, lang


def test_accuracy_on_sample_sentences(detector: LanguageDetector) -> None:
    misses = _misses(detector, SAMPLES)
    assert 1 - len(misses) / len(SAMPLES) >= 0.95, misses
    per = Counter(s["lang"] for s in SAMPLES)
    wrong = Counter(lang for lang, _, _ in misses)
    for lang, n in per.items():
        assert 1 - wrong[lang] / n >= 0.9, (lang, [m for m in misses if m[0] == lang])


def test_short_arabic_and_persian_headlines(detector: LanguageDetector) -> None:
    short = _with("short", "ar", "fa")
    assert len(short) >= 20
    assert all(5 <= len(s["text"].split()) <= 8 for s in short)
    assert _misses(detector, short) == []


def test_persian_without_zwnj(detector: LanguageDetector) -> None:
    samples = _with("no-zwnj", "fa")
    assert samples and all("\u200c" not in s["text"] for s in samples)
    assert _misses(detector, samples) == []


def test_persian_with_zwnj_removed_is_still_persian(detector: LanguageDetector) -> None:
    stripped = [dict(s, text=s["text"].replace("\u200c", "")) for s in SAMPLES if s["lang"] == "fa"]
    assert _misses(detector, stripped) == []


def test_yeh_and_kaf_typed_the_other_way(detector: LanguageDetector) -> None:
    # Arabic from outlets that type Persian ی/ک, Persian typed with Arabic ي/ك.
    samples = _with("persian-yeh") + _with("arabic-yeh")
    assert len(samples) >= 4
    assert _misses(detector, samples) == []


def test_urdu_and_pashto_short(detector: LanguageDetector) -> None:
    assert _misses(detector, _with("short", "ur", "ps")) == []


def test_undetermined(detector: LanguageDetector) -> None:
    for s in [s for s in SAMPLES if s["lang"] == "und"]:
        assert detector.detect(s["text"]) == ("und", 0.0), s["text"]
    for text in ["", "a", "٣٤", "https://t.co/abc", "user@example.org", "#tag", "...", "2022-01-06 10:00"]:
        assert detector.detect(text) == ("und", 0.0), text


def test_a_single_word_is_not_confident(detector: LanguageDetector) -> None:
    lang, conf = detector.detect("فرنسا")
    assert conf < detector.paragraph_confidence


def test_script_alone_decides(detector: LanguageDetector) -> None:
    assert detector.detect("警方逮捕了数十名示威者。")[0] == "zh"  # fastText says ja
    assert detector.detect("東京で会議が開かれました")[0] == "ja"
    assert detector.detect("정부는 비상사태를 선포했다")[0] == "ko"
    assert detector.detect("Η κυβέρνηση κήρυξε κατάσταση έκτακτης ανάγκης")[0] == "el"


def test_links_and_credits_do_not_count(detector: LanguageDetector) -> None:
    text = "© REUTERS / Chris J Ratcliffe وزیر خارجه آمریکا اعلام کرد https://example.com/a-b-c"
    assert detector.detect(text)[0] == "fa"


def test_pashto_letters_beat_a_model_that_says_persian() -> None:
    def says_persian(text: str, k: int) -> list[tuple[str, float]]:
        return [("fa", 0.8), ("ar", 0.15), ("ps", 0.05)]

    fake = LanguageDetector(says_persian)
    assert fake.detect("په کابل کې د یوې چاودنې له امله لږ تر لږه پنځه کسان ووژل شول")[0] == "ps"
    assert fake.detect("قال وزير الخارجية إن بلاده تتابع الوضع في المنطقة")[0] == "ar"
    assert fake.detect("وزیر خارجه گفت که تهران به مذاکرات ادامه می‌دهد")[0] == "fa"


def test_evidence_is_zero_for_neutral_text() -> None:
    assert set(evidence("Hello world 123").values()) == {0.0}
    ev = evidence("ہے ہیں کے")
    assert max(ev, key=ev.__getitem__) == "ur"


# -- paragraphs and documents ----------------------------------------------------------------

ARABIC = [s["text"] for s in SAMPLES if s["lang"] == "ar" and not s["tags"]]
PERSIAN = [s["text"] for s in SAMPLES if s["lang"] == "fa" and not s["tags"]]
ENGLISH = [s["text"] for s in SAMPLES if s["lang"] == "en"]


def test_paragraph_offsets(detector: LanguageDetector) -> None:
    text = "\n  " + ARABIC[0] + "  \r\n\r\n" + ENGLISH[0] + "\n\n\n" + PERSIAN[0] + "\n"
    paras = detector.paragraphs(text)
    assert [text[p.start : p.end] for p in paras] == [ARABIC[0], ENGLISH[0], PERSIAN[0]]
    assert [p.lang for p in paras] == ["ar", "en", "fa"]
    assert all(0 < p.confidence <= 1 for p in paras)


def test_english_caption_does_not_make_an_arabic_article_english(detector: LanguageDetector) -> None:
    caption = " ".join(ENGLISH[:6])  # one long caption paragraph
    body = ARABIC[:5]
    text = "\n".join([body[0], caption, *body[1:], "https://example.com/x", "Advertisements"])
    assert len(caption) > max(len(b) for b in body)
    lang, conf = detector.document(text, detector.paragraphs(text))
    assert lang == "ar" and 0.5 < conf <= 1


def test_english_article_quoting_arabic(detector: LanguageDetector) -> None:
    text = "\n\n".join([*ENGLISH[:5], ARABIC[1], *ENGLISH[5:8]])
    assert detector.document(text, detector.paragraphs(text))[0] == "en"


def test_persian_article_quoting_arabic(detector: LanguageDetector) -> None:
    text = "\n\n".join([*PERSIAN[:4], ARABIC[0], *PERSIAN[4:6]])
    assert detector.document(text, detector.paragraphs(text))[0] == "fa"


def test_document_falls_back_and_gives_up(detector: LanguageDetector) -> None:
    assert detector.document("", []) == ("und", 0.0)
    assert detector.document("• 31\n12:45\n", detector.paragraphs("• 31\n12:45\n")) == ("und", 0.0)
    # no paragraph confident on its own, the whole is
    text = "\n".join(ENGLISH[0].split())
    paras = detector.paragraphs(text)
    assert detector.document(text, paras)[0] == "en"


def test_sample_corpus_documents(detector: LanguageDetector, sample_dir: Path) -> None:
    gold_file = sample_dir.parent.parent / "gold" / "seeds.json"
    if not gold_file.exists():
        pytest.skip("gold/seeds.json is not present")
    gold = {d["file"]: d["lang"] for d in json.loads(gold_file.read_text(encoding="utf-8"))["documents"]}
    for name, lang in gold.items():
        text = (sample_dir / name).read_text(encoding="utf-8")
        assert detector.document(text, detector.paragraphs(text))[0] == lang, name


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ی ک ه ة\n\r\u200c1. ру")), max_size=80))
def test_paragraphs_are_spans_of_the_text(detector: LanguageDetector, text: str) -> None:
    last = 0
    for p in detector.paragraphs(text):
        piece = text[p.start : p.end]
        assert piece and piece == piece.strip() and "\n" not in piece and "\r" not in piece
        assert p.start >= last
        last = p.end
        assert 0.0 <= p.confidence <= 1.0
        assert p.lang == "und" or len(p.lang) == 2


# -- no network, injectable ------------------------------------------------------------------


def test_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("language identification tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    detector = LanguageDetector()
    assert detector.detect(ARABIC[0])[0] == "ar"


def test_lingua_tiebreaker_keeps_accuracy() -> None:
    pytest.importorskip("lingua")
    from khabar.language import Lingua

    detector = LanguageDetector(tiebreaker=Lingua())
    assert detector.version == VERSION + "+lingua"
    misses = _misses(detector, SAMPLES)
    assert 1 - len(misses) / len(SAMPLES) >= 0.95, misses
    assert _misses(detector, _with("short", "ar", "fa")) == []


# -- the quick paths give what the plain definitions give ------------------------------------
def _count_scripts_by_regex(text: str) -> tuple[dict[str, int], int]:
    """``count_scripts`` as first written: a regex for letters, then one per script."""
    from khabar.language import script as s

    total = s.letters(text)
    counts: dict[str, int] = {}
    known = 0
    for name, rx in s._SCRIPT_RUN.items():
        if known >= total:
            break
        n = sum(map(len, rx.findall(text)))
        if n:
            counts[name] = n
            known += n
    if total > known:
        counts["Other"] = total - known
    return counts, max(total, known)


_MIXED = st.text(
    alphabet=st.sampled_from(
        list("abcÀßΩжЖ\u0482\u0483قالپی\u064e\u066e١2 .,\u200c«»אשαԱაไक\u3000あア漢한ｆ²①") + ["\U00020000", "\U0001f600"]
    ),
    max_size=50,
)


@given(st.one_of(_MIXED, st.text(max_size=50)))
@settings(max_examples=300, deadline=None)
def test_count_scripts_in_one_pass_matches_the_regexes(text: str) -> None:
    from khabar.language.script import count_scripts

    got = count_scripts(text)
    counts, total = _count_scripts_by_regex(text)
    assert (list(got.counts.items()), got.total) == (list(counts.items()), total)


def test_evidence_is_the_same_when_its_words_are_remembered() -> None:
    text = "می‌گوید که این کتاب‌های دانشگاه است و في الكتاب الذي قال إن ہے ہیں"
    first = evidence(text)
    assert evidence(text) == first  # the second call looks its words up
    assert first["fa"] > 0 and first["ar"] > 0 and first["ur"] > 0
