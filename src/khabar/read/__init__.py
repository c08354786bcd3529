"""The read stage: every input a person can point khabar at, as a stream of raw articles.

``read_inputs`` takes folders, files and http(s) URLs and yields one ``RawArticle`` per
article (a file, a JSONL record, a feed item, a WARC response) or a ``Rejection`` saying which
input failed and why, then goes on with the rest. Nothing here decodes or cleans text: bytes
stay bytes so that ``clean`` can decode them once with everything it knows (HTTP charset,
``<meta charset>``); see ``khabar.read.decode``.

Folders are walked in sorted order so two runs read the same inputs in the same order. Files
are recognised by extension, ``.gz`` on top of any of them::

    .txt .text          one article per file (the title is found later, by clean)
    .html .htm .xhtml   one page per file
    .jsonl .ndjson      one record per line (DESIGN.md, "Input: JSONL records")
    .xml .rss .atom     an RSS or Atom feed, one article per item
    .warc               a WARC file (CC-NEWS: .warc.gz, gzip per record)

Hidden files and folders are skipped; other files are reported as "unsupported file type".
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..models import RawArticle, Rejection
from .decode import DecodeError, binary_reason, decode
from .feeds import looks_like_feed, parse_feed
from .fetch import Fetcher, FetchError, FetchResult, HttpFetcher, check_url, parse_content_type
from .files import (
    DEFAULT_MAX_BYTES,
    STAGE,
    SUPPORTED,
    file_kind,
    is_blank,
    load_bytes,
    os_reason,
    read_jsonl,
    read_single,
    too_large,
)
from .warc import read_warc

__all__ = [
    "DEFAULT_MAX_BYTES", "DecodeError", "FetchError", "FetchResult", "Fetcher", "HttpFetcher",
    "decode", "read_inputs",
]

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_PAGE_TYPES = {"", "text/html", "application/xhtml+xml", "text/plain"}


def read_inputs(
    inputs: Sequence[str | os.PathLike[str]],
    fetcher: Fetcher | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    follow_links: bool = False,
) -> Iterator[RawArticle | Rejection]:
    """Yield the articles of every input in order, and a ``Rejection`` for each failure.

    ``fetcher`` fetches URLs; without one an ``HttpFetcher`` with default limits is made the
    first time a URL needs it, so reading local files never touches the network.
    ``max_bytes`` caps what one input puts in memory at once (a file, a JSONL line, a WARC
    record); larger ones are rejected unread. ``follow_links`` fetches the page each feed
    item links to instead of using the item's own text.
    """
    reader = _Reader(fetcher, max_bytes, follow_links)
    for item in inputs:
        yield from reader.read(os.fspath(item))


class _Reader:
    """The state of one ``read_inputs`` call: the limits and the fetcher, made at most once."""

    def __init__(self, fetcher: Fetcher | None, max_bytes: int, follow_links: bool) -> None:
        self._fetcher = fetcher
        self.max_bytes = max_bytes
        self.follow_links = follow_links

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = HttpFetcher()
        return self._fetcher

    def read(self, item: str) -> Iterator[RawArticle | Rejection]:
        if _URL_RE.match(item):
            yield from self.url(item)
            return
        try:
            st = os.stat(item)
        except OSError as e:
            yield Rejection(item, STAGE, os_reason(e))
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self.folder(Path(item))
        else:
            yield from self.file(Path(item), Path(item).name)

    def folder(self, root: Path) -> Iterator[RawArticle | Rejection]:
        """Every supported file under ``root``, sorted; ``source`` is the path relative to it."""
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
            yield from self._walk_errors(errors, root)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath, name)
                yield from self.file(path, path.relative_to(root).as_posix())
        yield from self._walk_errors(errors, root)

    @staticmethod
    def _walk_errors(errors: list[OSError], root: Path) -> Iterator[Rejection]:
        for e in errors:
            yield Rejection(str(e.filename or root), STAGE, os_reason(e))
        errors.clear()

    def file(self, path: Path, source: str) -> Iterator[RawArticle | Rejection]:
        kind, gz = file_kind(path.name)
        if kind is None:
            yield Rejection(str(path), STAGE, "unsupported file type", f"khabar reads {SUPPORTED}")
        elif kind in ("text", "html"):
            yield read_single(path, kind, gz, source, self.max_bytes)
        elif kind == "jsonl":
            yield from read_jsonl(path, gz, self.max_bytes)
        elif kind == "warc":
            yield from read_warc(path, self.max_bytes)
        else:
            data = load_bytes(path, gz, self.max_bytes)
            if isinstance(data, Rejection):
                yield data
            elif is_blank(data):
                yield Rejection(str(path), STAGE, "empty file")
            else:
                yield from self.feed_items(parse_feed(data, origin=str(path)))

    def url(self, url: str) -> Iterator[RawArticle | Rejection]:
        """A fetched URL: the items of a feed, or one page."""
        result = self.fetch(url)
        if isinstance(result, Rejection):
            yield result
            return
        mime, charset = parse_content_type(result.content_type)
        if looks_like_feed(mime, result.body) or (mime.endswith("xml") and mime != "application/xhtml+xml"):
            yield from self.feed_items(parse_feed(result.body, origin=url, url=result.url,
                                                  content_type=result.content_type, fetched=result.fetched))
            return
        yield _page(url, result, mime, charset)

    def fetch(self, url: str) -> FetchResult | Rejection:
        """``fetcher.get`` with every failure turned into a rejection naming the URL."""
        try:
            check_url(url)
            result = self.fetcher.get(url)
        except FetchError as e:
            return Rejection(url, STAGE, e.reason, str(e))
        if not 200 <= result.status < 300:
            return Rejection(url, STAGE, f"the server answered HTTP {result.status}")
        if len(result.body) > self.max_bytes:
            return too_large(url, len(result.body), self.max_bytes, "response")
        return result

    def feed_items(self, items: Iterator[RawArticle | Rejection]) -> Iterator[RawArticle | Rejection]:
        for item in items:
            if isinstance(item, Rejection):
                yield item
            elif self.follow_links and item.url:
                yield self.follow(item, item.url)
            elif not item.data:
                yield Rejection(item.origin or item.source, STAGE, "feed item has no text",
                                "set follow_links to fetch the page it links to")
            else:
                yield item

    def follow(self, item: RawArticle, link: str) -> RawArticle | Rejection:
        """The page a feed item links to, with the item's title, date and outlet.

        If the page cannot be had, the item's own text is used when it has some (noting the
        error in ``meta["link_error"]``): a summary is better than nothing.
        """
        result = self.fetch(link)
        page: RawArticle | Rejection
        if isinstance(result, Rejection):
            page = result
        else:
            mime, charset = parse_content_type(result.content_type)
            page = _page(link, result, mime, charset)
        if isinstance(page, Rejection):
            if item.data:
                return dataclasses.replace(item, meta={**item.meta, "link_error": page.reason})
            return page
        return dataclasses.replace(
            item, kind=page.kind, data=page.data, url=page.url, fetched=page.fetched,
            meta={**item.meta, **page.meta},
        )


def _page(url: str, result: FetchResult, mime: str, charset: str | None) -> RawArticle | Rejection:
    """A fetched page as one article, or why it is not one (binary, empty, not HTML)."""
    if mime not in _PAGE_TYPES and not mime.startswith("text/"):
        return Rejection(url, STAGE, f"unsupported content type {mime}")
    reason = binary_reason(result.body)
    if reason:
        return Rejection(url, STAGE, f"binary file ({reason})")
    if is_blank(result.body):
        return Rejection(url, STAGE, "empty page")
    meta: dict[str, str] = {"charset": charset} if charset else {}
    return RawArticle(
        source=url, kind="text" if mime == "text/plain" else "html", data=result.body,
        url=result.url, fetched=result.fetched, origin=url, meta=meta,
    )
