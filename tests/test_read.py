"""The read stage and the decoder: every input kind, every way an input can fail.

Fixtures are written by the tests into ``tmp_path``; URLs go through a fake fetcher, and the
one test of the real ``HttpFetcher`` talks to a server on 127.0.0.1 that it starts itself.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.models import RawArticle, Rejection
from khabar.read import (
    DecodeError,
    FetchError,
    FetchResult,
    HttpFetcher,
    decode,
    read_inputs,
)
from khabar.read.feeds import looks_like_feed

MB = 1024 * 1024

AR = "قال المتحدث باسم الوزارة إن الوضع في العاصمة هادئ بعد ليلة من الاحتجاجات."
FA = "سخنگوی وزارت گفت که دولت اوضاع را با دقت دنبال می‌کند و خواستار آرامش است."
FA_1256 = "سخنگوي وزارت گفت که دولت اوضاع را با دقت دنبال مي‌کند و خواستار آرامش است."  # Arabic yeh: cp1256 has no Persian yeh
EN = "The spokesman said the capital was calm after a night of protests.\nTalks resume on Monday."


def items(inputs: list[str | Path], **kw: object) -> list[RawArticle | Rejection]:
    return list(read_inputs([str(i) for i in inputs], **kw))  # type: ignore[arg-type]


def articles(got: list[RawArticle | Rejection]) -> list[RawArticle]:
    return [g for g in got if isinstance(g, RawArticle)]


def rejections(got: list[RawArticle | Rejection]) -> list[Rejection]:
    return [g for g in got if isinstance(g, Rejection)]


class FakeFetcher:
    """Canned responses by URL; records what was asked so tests can check nothing else was."""

    def __init__(self, pages: dict[str, FetchResult]) -> None:
        self.pages = pages
        self.calls: list[str] = []

    def get(self, url: str) -> FetchResult:
        self.calls.append(url)
        if url not in self.pages:
            raise FetchError(url, "cannot connect (fake: no such page)")
        return self.pages[url]


# --- folders and single files -------------------------------------------------------------


def test_folder_is_walked_sorted_hidden_skipped_unknown_reported(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><body><p>{AR}</p></body></html>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.TXT").write_text(FA, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(EN, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")

    got = items([tmp_path])
    arts = articles(got)
    assert [a.source for a in arts] == ["a.html", "b.txt", "sub/c.TXT"]
    assert [a.kind for a in arts] == ["html", "text", "text"]
    assert arts[1].data == EN.encode("utf-8")  # bytes: clean decodes them
    assert arts[1].origin == str(tmp_path / "b.txt")
    assert arts[1].title is None  # found later by clean
    (rej,) = rejections(got)
    assert rej.origin == str(tmp_path / "notes.md")
    assert rej.stage == "read" and rej.reason == "unsupported file type"
    assert got == items([tmp_path])  # deterministic


def test_single_file_source_is_its_name(tmp_path: Path) -> None:
    p = tmp_path / "001_report.txt"
    p.write_text(EN, encoding="utf-8")
    (art,) = items([p])
    assert isinstance(art, RawArticle)
    assert art.source == "001_report.txt" and art.kind == "text"


def test_gzipped_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "x.txt.gz").write_bytes(gzip.compress(AR.encode("utf-8")))
    (tmp_path / "y.jsonl.gz").write_bytes(gzip.compress(
        (json.dumps({"id": "y1", "text": FA}, ensure_ascii=False) + "\n").encode("utf-8")))
    (tmp_path / "z.html.gz").write_bytes(b"\x1f\x8bnot really gzip")
    got = items([tmp_path])
    arts = articles(got)
    assert [(a.source, a.data) for a in arts] == [("x.txt.gz", AR.encode("utf-8")), ("y1", FA)]
    (rej,) = rejections(got)
    assert rej.origin.endswith("z.html.gz") and rej.reason == "not a valid gzip file"


def test_missing_path_is_a_rejection() -> None:
    (rej,) = items(["/no/such/place/news.txt"])
    assert rej == Rejection("/no/such/place/news.txt", "read", "no such file or folder")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(EN, encoding="utf-8")
    d = tmp_path / "locked"
    d.mkdir()
    f.chmod(0)
    d.chmod(0)
    try:
        got = items([f, d])
    finally:
        f.chmod(0o644)
        d.chmod(0o755)
    assert [(r.origin, r.reason) for r in rejections(got)] == [
        (str(f), "permission denied"), (str(d), "permission denied")]


def test_permission_errors_as_any_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above for root, who may read everything: the errors are simulated."""
    f = tmp_path / "secret.txt"
    f.write_text(EN, encoding="utf-8")
    d = tmp_path / "locked"
    d.mkdir()

    def no_listing(path: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("khabar.read.files.os.access", lambda path, mode: False)
    monkeypatch.setattr(os, "scandir", no_listing)
    got = items([f, d])
    assert [(r.origin, r.reason) for r in rejections(got)] == [
        (str(f), "permission denied"), (str(d), "permission denied")]


def test_binary_and_empty_files_are_rejected_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")
    (tmp_path / "bom-only.txt").write_bytes(b"\xef\xbb\xbf\n")
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x01\x02def" * 10)
    got = {Path(r.origin).name: r.reason for r in rejections(items([tmp_path]))}
    assert got == {
        "blank.txt": "empty file",
        "bom-only.txt": "empty file",
        "nul.txt": "binary file (contains NUL bytes)",
        "photo.html": "binary file (PNG image)",
    }


# --- size cap -------------------------------------------------------------------------------


def test_file_over_the_cap_is_rejected_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(50 * MB)  # sparse: 50 MB on paper, nothing on disk

    def refuse(*args: object, **kw: object) -> bytes:
        raise AssertionError("the file was opened for reading")

    monkeypatch.setattr("khabar.read.files.read_capped", refuse)
    (rej,) = items([big])
    assert isinstance(rej, Rejection)
    assert rej.reason == "file too large (50.0 MB > 20 MB cap)"


def test_small_cap_applies_to_uncompressed_size_and_to_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"x" * 5000))  # a tiny gzip bomb
    lines = [json.dumps({"id": "ok1", "text": "short"}), json.dumps({"id": "long", "text": "y" * 5000}),
             json.dumps({"id": "ok2", "text": "short too"})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = items([tmp_path], max_bytes=1000)
    assert [a.source for a in articles(got)] == ["ok1", "ok2"]
    assert [(Path(r.origin).name, r.reason) for r in rejections(got)] == [
        ("a.txt.gz", "file (uncompressed) too large (more than the 0.000953674 MB cap)"),
        ("b.jsonl:2", "line too large (more than the 0.000953674 MB cap)"),
    ]


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_records_fields_meta_and_one_broken_line(tmp_path: Path) -> None:
    p = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "r1", "url": "https://news.example/1", "title": "عنوان", "text": AR,
                    "published": "2022-01-05T08:00:00Z", "outlet": "Example News", "lang": "ar",
                    "section": "world", "tags": ["a", "b"]}, ensure_ascii=False),
        json.dumps({"url": "https://news.example/2", "html": f"<p>{FA}</p>", "lang": "fa-IR"}, ensure_ascii=False),
        '{"id": "r3", "text": "unterminated',
        "",
        json.dumps({"text": EN}),
        json.dumps([1, 2]),
        json.dumps({"id": "r6", "title": "no body"}),
        json.dumps({"id": 7, "text": EN}),
        json.dumps({"id": "r8", "text": EN, "published": 2022}),
    ]
    p.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    got = items([p])
    arts = articles(got)
    assert [a.source for a in arts][:2] == ["r1", "https://news.example/2"]
    a1, a2, a5, a8 = arts
    assert a1 == RawArticle(
        source="r1", kind="text", data=AR, url="https://news.example/1", title="عنوان",
        published="2022-01-05T08:00:00Z", outlet="Example News", lang_hint="ar",
        origin=f"{p}:1", meta={"section": "world", "tags": ["a", "b"]})
    assert a2.kind == "html" and a2.lang_hint == "fa" and a2.origin == f"{p}:2"
    assert a5.source.startswith("sha256:") and a5.origin == f"{p}:5"
    assert a8.source == "7"
    rej = {r.origin: r.reason for r in rejections(got)}
    assert rej == {
        f"{p}:3": "invalid JSON",
        f"{p}:6": "not a JSON object",
        f"{p}:7": "record has neither 'text' nor 'html'",
        f"{p}:9": "field 'published' must be a string",
    }


def test_jsonl_content_hash_source_is_stable(tmp_path: Path) -> None:
    p = tmp_path / "a.ndjson"
    p.write_text(json.dumps({"text": EN}) + "\n", encoding="utf-8")
    assert items([p])[0] == items([p])[0]


# --- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoded,encoding", [
    (AR.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + AR.encode("utf-8"), "utf-8"),
    (AR.encode("utf-16"), "utf-16-le"),
    (b"\xfe\xff" + AR.encode("utf-16-be"), "utf-16-be"),
    (AR.encode("utf-16-le"), "utf-16-le"),  # no BOM
    (AR.encode("cp1256"), "cp1256"),
])
def test_arabic_in_every_encoding_decodes_to_the_same_text(encoded: bytes, encoding: str) -> None:
    assert decode(encoded) == (AR, encoding)


def test_persian_and_english_in_legacy_encodings() -> None:
    assert decode(FA_1256.encode("cp1256")) == (FA_1256, "cp1256")
    assert decode(FA.encode("utf-16")) == (FA, "utf-16-le")
    de = "Die Regierung äußerte Sorge über die Lage in der Hauptstadt."
    assert decode(de.encode("cp1252")) == (de, "cp1252")
    ru = "Министерство иностранных дел заявило, что внимательно следит за ситуацией."
    assert decode(ru.encode("cp1251")) == (ru, "cp1251")  # not mistaken for Arabic


def test_read_files_in_several_encodings_decode_to_one_text(tmp_path: Path) -> None:
    for name, enc in [("a.txt", "utf-8"), ("b.txt", "utf-8-sig"), ("c.txt", "utf-16"), ("d.txt", "cp1256")]:
        (tmp_path / name).write_bytes(AR.encode(enc))
    texts = {decode(a.data)[0] for a in articles(items([tmp_path])) if isinstance(a.data, bytes)}
    assert texts == {AR}


def test_declared_charsets_and_mislabelled_pages() -> None:
    fr = "<p>Le ministère a déclaré être préoccupé.</p>"
    assert decode(fr.encode("cp1252"), "ISO-8859-1") == (fr, "cp1252")
    page = f'<html><head><meta charset="windows-1256"></head><body>{AR}</body></html>'
    assert decode(page.encode("cp1256")) == (page, "cp1256")
    xml = f'<?xml version="1.0" encoding="windows-1256"?><rss><title>{AR}</title></rss>'
    assert decode(xml.encode("cp1256")) == (xml, "cp1256")
    # Arabic sites that say ISO-8859-1 but send windows-1256.
    lying = f'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>{AR}</p>'
    assert decode(lying.encode("cp1256")) == (lying, "cp1256")
    assert decode(AR.encode("cp1256"), "windows-1256") == (AR, "cp1256")


def test_only_crlf_changes() -> None:
    raw = "سطر أول\r\nسطر ثانٍ\rبقية\u200c النص\t\n"
    assert decode(raw.encode("utf-8"))[0] == "سطر أول\nسطر ثانٍ\rبقية\u200c النص\t\n"


@pytest.mark.parametrize("data,reason", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP archive)"),
    (b"\x7fELF\x02\x01\x01\x00", "binary file (ELF executable)"),
    (b"text\x00with\x00nuls\x00and\x01\x02\x03 controls", "binary file (contains NUL bytes)"),
    (bytes([1, 2, 3, 4, 5, 6, 7, 8, 65, 66]) * 20, "binary file (80% control characters)"),
    (b"", "empty file"),
    (b"  \n\r\n\t", "empty file"),
    ("\ufeff  \n".encode("utf-16"), "empty file"),
])
def test_binary_and_empty_data_raise(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as e:
        decode(data)
    assert str(e.value) == reason
    assert isinstance(e.value, ValueError)


# --- feeds ----------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>خبرگزاری نمونه</title><link>https://feed.example/</link><language>fa-IR</language>
<item><title>بیانیه وزارت</title><link>https://feed.example/a/1</link><guid>urn:item:1</guid>
<pubDate>Thu, 06 Jan 2022 14:30:00 +0330</pubDate><description>خلاصه کوتاه</description>
<content:encoded><![CDATA[<p>{FA}</p>]]></content:encoded><category>سیاست</category></item>
<item><title>Second</title><link>https://feed.example/a/2</link>
<description>&lt;p&gt;{EN.splitlines()[0]}&lt;/p&gt;</description></item>
<item><title>Title only</title><link>https://feed.example/a/3</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title><id>urn:feed</id>
<updated>2022-01-07T09:00:00Z</updated>
<entry><title>Statement</title><id>urn:entry:1</id><link href="https://wire.example/e/1"/>
<updated>2022-01-07T09:00:00Z</updated><content type="html">&lt;p&gt;{AR}&lt;/p&gt;</content></entry>
</feed>"""


def test_feed_url_items_links_not_fetched() -> None:
    fetcher = FakeFetcher({"https://feed.example/rss": FetchResult(
        "https://feed.example/rss", 200, "application/rss+xml; charset=utf-8", RSS.encode("utf-8"),
        fetched="2022-01-06T12:00:00+00:00")})
    got = items(["https://feed.example/rss"], fetcher=fetcher)
    assert fetcher.calls == ["https://feed.example/rss"]
    first, second = articles(got)
    assert first.source == "urn:item:1" and first.kind == "html"
    assert first.data == f"<p>{FA}</p>"  # content:encoded wins over the description
    assert first.title == "بیانیه وزارت" and first.url == "https://feed.example/a/1"
    assert first.published == "2022-01-06T11:00:00+00:00"  # UTC
    assert first.outlet == "خبرگزاری نمونه" and first.lang_hint == "fa"
    assert first.fetched == "2022-01-06T12:00:00+00:00"
    assert first.meta["tags"] == ["سیاست"] and first.meta["feed"] == "https://feed.example/rss"
    assert second.source == "https://feed.example/a/2" and "capital was calm" in str(second.data)
    (rej,) = rejections(got)
    assert rej.origin == "https://feed.example/a/3" and rej.reason == "feed item has no text"


def test_feed_sent_as_text_html_is_sniffed() -> None:
    fetcher = FakeFetcher({"https://wire.example/atom": FetchResult(
        "https://wire.example/atom", 200, "text/html", ATOM.encode("utf-8"))})
    (art,) = items(["https://wire.example/atom"], fetcher=fetcher)
    assert isinstance(art, RawArticle)
    assert art.source == "urn:entry:1" and art.outlet == "Example Wire"
    assert art.published == "2022-01-07T09:00:00+00:00" and AR in str(art.data)


def test_feed_files_and_follow_links(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_bytes(RSS.encode("utf-8"))
    page = f"<html><body><p>{FA}</p><p>{FA}</p></body></html>".encode("cp1256", "replace")
    fetcher = FakeFetcher({
        "https://feed.example/a/1": FetchResult("https://feed.example/a/1", 200,
                                                "text/html; charset=windows-1256", page, "2022-01-06T12:01:00+00:00"),
        "https://feed.example/a/3": FetchResult("https://feed.example/a/3", 404, "text/html", b""),
    })
    got = items([tmp_path / "news.rss"], fetcher=fetcher, follow_links=True)
    assert fetcher.calls == [f"https://feed.example/a/{i}" for i in (1, 2, 3)]
    first, second = articles(got)
    assert first.data == page and first.meta["charset"] == "windows-1256"
    assert first.title == "بیانیه وزارت" and first.source == "urn:item:1"
    # The link failed but the item has a summary: keep it, say why.
    assert "capital was calm" in str(second.data) and "cannot connect" in second.meta["link_error"]
    (rej,) = rejections(got)
    assert rej.origin == "https://feed.example/a/3" and rej.reason == "the server answered HTTP 404"


def test_xml_file_that_is_not_a_feed(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url>x</url></urlset>', encoding="utf-8")
    (rej,) = items([tmp_path / "sitemap.xml"])
    assert isinstance(rej, Rejection) and rej.reason == "not an RSS or Atom feed"


def test_looks_like_feed() -> None:
    assert looks_like_feed("application/atom+xml", b"")
    assert looks_like_feed("text/xml", b'<?xml version="1.0"?>\n<rss version="2.0">')
    assert looks_like_feed("", b"<rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed("text/html", b"<!doctype html><html><body><p>feed me</p>")


# --- pages by URL ---------------------------------------------------------------------------


def test_url_page_and_url_failures() -> None:
    page = f"<html><body><p>{AR}</p></body></html>".encode("cp1256")
    fetcher = FakeFetcher({
        "https://site.example/a": FetchResult("https://site.example/a?utm=1", 200,
                                              "text/html; charset=windows-1256", page, "2022-01-06T12:00:00+00:00"),
        "https://site.example/gone": FetchResult("https://site.example/gone", 410, "text/html", b"gone"),
        "https://site.example/logo": FetchResult("https://site.example/logo", 200, "image/png", b"\x89PNG\r\n\x1a\n"),
    })
    got = items(["https://site.example/a", "https://site.example/gone", "https://site.example/logo",
                 "https://site.example/missing", "ftp://site.example/file.txt", "file:///etc/hostname"],
                fetcher=fetcher)
    (art,) = articles(got)
    assert art == RawArticle(source="https://site.example/a", kind="html", data=page, url="https://site.example/a?utm=1",
                             fetched="2022-01-06T12:00:00+00:00", origin="https://site.example/a",
                             meta={"charset": "windows-1256"})
    assert decode(page, art.meta["charset"])[1] == "cp1256"
    assert [(r.origin, r.reason) for r in rejections(got)] == [
        ("https://site.example/gone", "the server answered HTTP 410"),
        ("https://site.example/logo", "unsupported content type image/png"),
        ("https://site.example/missing", "cannot connect (fake: no such page)"),
        ("ftp://site.example/file.txt", "only http and https URLs can be fetched, not ftp"),
        ("file:///etc/hostname", "only http and https URLs can be fetched, not file"),
    ]
    assert "https://site.example/missing" in fetcher.calls and len(fetcher.calls) == 4


# --- WARC -----------------------------------------------------------------------------------


def warc_record(kind: str, uri: str, rid: str, block: bytes, content_type: str) -> bytes:
    """One WARC record as CC-NEWS writes it: its own gzip member."""
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2022-01-06T10:15:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode("ascii")
    return gzip.compress(head + block + b"\r\n\r\n")


def http_response(status: str, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def test_warc_reads_only_html_200_responses(tmp_path: Path) -> None:
    ar_page = f"<html><body><p>{AR}</p></body></html>".encode("cp1256")
    en_page = f"<html><body><p>{EN}</p></body></html>".encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(en_page), en_page)
    http = "application/http; msgtype=response"
    blob = b"".join([
        warc_record("warcinfo", "", "00000000-0000-0000-0000-000000000000", b"software: test\r\n",
                    "application/warc-fields"),
        warc_record("request", "https://a.example/1", "11111111-1111-1111-1111-111111111110",
                    b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n", "application/http; msgtype=request"),
        warc_record("response", "https://a.example/1", "11111111-1111-1111-1111-111111111111",
                    http_response("200 OK", {"Content-Type": "text/html; charset=windows-1256",
                                             "Content-Length": str(len(ar_page))}, ar_page), http),
        warc_record("response", "https://a.example/404", "22222222-2222-2222-2222-222222222222",
                    http_response("404 Not Found", {"Content-Type": "text/html"}, b"<p>missing</p>"), http),
        warc_record("response", "https://a.example/logo.png", "33333333-3333-3333-3333-333333333333",
                    http_response("200 OK", {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"), http),
        warc_record("response", "https://b.example/2", "44444444-4444-4444-4444-444444444444",
                    http_response("200 OK", {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}, chunked),
                    http),
    ])
    (tmp_path / "CC-NEWS-20220106.warc.gz").write_bytes(blob)
    (tmp_path / "plain.warc").write_bytes(gzip.decompress(blob))
    (tmp_path / "fake.warc").write_bytes(b"this is not a WARC file\n" * 5)

    got = items([tmp_path])
    arts = articles(got)
    assert [a.url for a in arts] == ["https://a.example/1", "https://b.example/2"] * 2
    first, second = arts[:2]
    assert first.source == "<urn:uuid:11111111-1111-1111-1111-111111111111>"
    assert first.kind == "html" and first.data == ar_page  # HTTP headers stripped
    assert first.fetched == "2022-01-06T10:15:00Z" and first.meta["charset"] == "windows-1256"
    assert first.origin is not None and first.origin.startswith(str(tmp_path / "CC-NEWS-20220106.warc.gz") + "@")
    assert decode(first.data, first.meta["charset"])[0] == f"<html><body><p>{AR}</p></body></html>"  # type: ignore[arg-type]
    assert second.data == en_page  # chunked transfer encoding undone
    (rej,) = rejections(got)
    assert rej.origin == str(tmp_path / "fake.warc") and rej.reason == "not a WARC file"


def test_warc_record_over_the_cap(tmp_path: Path) -> None:
    body = b"<html><body>" + b"x" * 4000 + b"</body></html>"
    (tmp_path / "a.warc.gz").write_bytes(warc_record(
        "response", "https://a.example/big", "55555555-5555-5555-5555-555555555555",
        http_response("200 OK", {"Content-Type": "text/html"}, body), "application/http; msgtype=response"))
    (rej,) = items([tmp_path / "a.warc.gz"], max_bytes=1000)
    assert isinstance(rej, Rejection) and rej.reason.startswith("record too large (0.0 MB > ")


# --- HttpFetcher ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://ftp.example/pub/x.txt", "gopher://x", "/etc/passwd",
                                 "http:///no-host"])
def test_http_fetcher_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchError) as e:
        HttpFetcher().get(url)
    assert str(e.value).startswith(url + ": ")


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        type(self).agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/small":
            self._send(200, b"<p>" + AR.encode() + b"</p>", {"Content-Type": "text/html; charset=utf-8"})
        elif self.path == "/declared-big":
            self._send(200, b"x" * 3000, {"Content-Type": "text/html", "Content-Length": "3000"})
        elif self.path == "/streamed-big":  # no Content-Length: the fetcher must stop by itself
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"y" * 1000)
        elif self.path == "/to-file":
            self._send(302, b"", {"Location": "file:///etc/passwd"})
        elif self.path == "/to-ftp":
            self._send(301, b"", {"Location": "ftp://127.0.0.1/secret.txt"})
        else:
            self._send(404, b"not here", {"Content-Type": "text/plain"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture
def local_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_http_fetcher_against_a_local_server(local_server: str) -> None:
    fetcher = HttpFetcher(timeout=5, max_bytes=2048)
    ok = fetcher.get(local_server + "/small")
    assert ok.status == 200 and ok.content_type == "text/html; charset=utf-8"
    assert ok.body.decode() == f"<p>{AR}</p>" and ok.fetched and ok.fetched.endswith("+00:00")
    assert _Handler.agents[-1].startswith("khabar/")
    for path, words in [("/declared-big", "too large"), ("/streamed-big", "too large"),
                        ("/to-file", "file:///etc/passwd"), ("/to-ftp", "not an http or https URL"),
                        ("/nothing", "HTTP 404")]:
        with pytest.raises(FetchError) as e:
            fetcher.get(local_server + path)
        assert str(e.value).startswith(local_server + path + ": ") and words in str(e.value)
    (art,) = items([local_server + "/small"], fetcher=fetcher)
    assert isinstance(art, RawArticle) and art.meta == {"charset": "utf-8"}
