"""WARC files, as Common Crawl's CC-NEWS publishes them: one gzip member per record.

Only successful HTML responses are articles; requests, metadata, redirects, errors and
non-HTML payloads are skipped without complaint because a crawl is full of them. FastWARC
(2.x API) streams the file, so its size does not matter; each record's body is capped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..models import RawArticle, Rejection
from .fetch import parse_content_type
from .files import STAGE, os_reason, stat_file, too_large

__all__ = ["HTML_TYPES", "read_warc"]

#: Payload types read as articles.
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def read_warc(path: Path, max_bytes: int) -> Iterator[RawArticle | Rejection]:
    """Articles from the ``response`` records of a WARC file (plain or gzipped per record).

    ``data`` is the HTTP body (headers removed, content and transfer encodings undone),
    ``url`` the WARC-Target-URI, ``fetched`` the WARC-Date, ``source`` the WARC-Record-ID,
    and the HTTP charset goes to ``meta["charset"]`` for the decoder. A record's origin is
    ``path@offset`` so it can be found again with any WARC tool.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    origin = str(path)
    st = stat_file(path)
    if isinstance(st, Rejection):
        yield st
        return
    records = 0
    try:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f, parse_http=True, auto_decode="all"):
                records += 1
                if record.record_type != WarcRecordType.response or not record.is_http:
                    continue
                if record.http_headers.status_code != 200:
                    continue
                mime, charset = parse_content_type(record.http_headers.get("Content-Type"))
                if mime not in HTML_TYPES:
                    continue
                where = f"{origin}@{record.stream_pos}"
                if record.content_length > max_bytes:
                    yield too_large(where, record.content_length, max_bytes, "record")
                    continue
                body = record.reader.read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield too_large(where, None, max_bytes, "record")
                    continue
                url = record.headers.get("WARC-Target-URI")
                meta: dict[str, str] = {"warc": origin}
                if charset:
                    meta["charset"] = charset
                if record.headers.get("WARC-Truncated"):
                    meta["truncated"] = record.headers.get("WARC-Truncated") or "unspecified"
                yield RawArticle(
                    source=record.record_id or url or where,
                    kind="html",
                    data=body,
                    url=url,
                    fetched=record.headers.get("WARC-Date"),
                    origin=where,
                    meta=meta,
                )
    except OSError as e:
        # FastWARC reports malformed records and gzip errors as OSError too.
        if e.errno is not None:
            yield Rejection(origin, STAGE, os_reason(e))
        elif records:
            yield Rejection(origin, STAGE, f"corrupt WARC data after {records} records", str(e))
        else:
            yield Rejection(origin, STAGE, "not a WARC file", str(e))
        return
    if records == 0 and st.st_size > 0:
        yield Rejection(origin, STAGE, "not a WARC file", "no WARC records found")
