"""RSS and Atom feeds: each item becomes an article made of its own HTML.

A feed item usually carries the article (``content:encoded``) or at least its lead
(``description``), so khabar reads that and fetches nothing more unless asked to follow the
item links. feedparser handles RSS 0.9x/1.0/2.0 and Atom in any declared encoding, and its
parsed dates are UTC, which is what ``published`` needs.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..models import RawArticle, Rejection
from .files import STAGE, content_source, lang_tag

__all__ = ["FEED_TYPES", "looks_like_feed", "parse_feed"]

#: Content types that are feeds whatever the body looks like.
FEED_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml",
    "application/x-rss+xml", "application/x-atom+xml",
}
_ROOT_RE = re.compile(rb"<(rss|feed|rdf:RDF|html)[\s>]", re.I)


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """True when a response is a feed: by content type, else by its first element.

    Servers often send feeds as ``text/xml`` or even ``text/html``, so the body decides when
    the type is not a feed type: the first of ``<rss``, ``<feed``, ``<rdf:RDF``, ``<html``.
    """
    if content_type in FEED_TYPES:
        return True
    head = body[:4096].replace(b"\x00", b"")  # tolerate UTF-16 for sniffing
    m = _ROOT_RE.search(head)
    return bool(m) and m.group(1).lower() != b"html"


def parse_feed(data: bytes, origin: str, url: str | None = None, content_type: str | None = None,
               fetched: str | None = None) -> Iterator[RawArticle | Rejection]:
    """The items of a feed, in feed order. ``origin`` names the feed in rejections.

    An item without any text is still yielded, with empty ``data``: the caller either fetches
    its link (``follow_links``) or rejects it, and only the caller knows which.
    """
    import feedparser

    headers = {"content-location": url or "", "content-type": content_type or "application/xml"}
    # A stream, never bytes or str: feedparser treats a str as a URL or a file name to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                              sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        error = parsed.get("bozo_exception")
        yield Rejection(origin, STAGE, "not an RSS or Atom feed", str(error) if error else "")
        return
    feed = parsed.feed
    outlet = _text(feed.get("title"))
    lang = lang_tag(_text(feed.get("language")))
    for n, entry in enumerate(parsed.entries, 1):
        link = _text(entry.get("link"))
        kind, body = _body(entry)
        meta: dict[str, Any] = {"feed": url or origin}
        author = _text(entry.get("author"))
        if author:
            meta["author"] = author
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        if tags:
            meta["tags"] = tags
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        raw_date = _text(entry.get("published") or entry.get("updated"))
        if raw_date and not published:
            meta["published_raw"] = raw_date
        yield RawArticle(
            source=_text(entry.get("id")) or link or content_source(body or f"{origin}#{n}"),
            kind=kind,
            data=body,
            url=link,
            title=_text(entry.get("title")),
            published=published,
            outlet=outlet,
            lang_hint=lang_tag(_text(entry.get("language"))) or lang,
            fetched=fetched,
            origin=link or f"{origin}#{n}",
            meta=meta,
        )


def _body(entry: Any) -> tuple[str, str]:
    """``(kind, text)``: the full content if the item has it, else its summary."""
    for part in entry.get("content") or []:
        value = part.get("value")
        if value and value.strip():
            return ("text" if part.get("type") == "text/plain" else "html"), value
    summary = entry.get("summary")
    if summary and summary.strip():
        detail = entry.get("summary_detail") or {}
        return ("text" if detail.get("type") == "text/plain" else "html"), summary
    return "html", ""


def _iso(parsed: Any) -> str | None:
    """ISO 8601 (UTC) from feedparser's ``time.struct_time``, which is always UTC."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
