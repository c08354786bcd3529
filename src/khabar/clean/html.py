"""``clean_html``: an HTML page to the article body, with trafilatura and then the line pass.

trafilatura drops every character that is not printable, which deletes the zero-width
non-joiner (U+200C) and joiner (U+200D) inside Persian and Urdu words ("می‌شود" becomes
"میشود"). Both are swapped for printable stand-ins before extraction and put back after.
When trafilatura finds nothing (truncated or odd markup), the page's visible text is read
with lxml instead; when that is empty too, ``CleanError`` says why.
"""

from __future__ import annotations

import re

from ..errors import KhabarError
from .lexicon import default_lexicon
from .text import Cleaned, clean_lines

__all__ = ["CleanError", "clean_html"]

# Printable symbols that news pages do not use, tried in order until one is absent.
_STANDINS = ("\U0001f8b0", "\U0001f8b1", "\U0001f8b2", "\U0001f8b3", "\u2bd2", "\u2bd3", "\u2bd4", "\u2bd5")
_JOINERS = {
    "\u200c": re.compile(r"&(?:zwnj|#0*8204|#x0*200c);", re.IGNORECASE),
    "\u200d": re.compile(r"&(?:zwj|#0*8205|#x0*200d);", re.IGNORECASE),
}
_DROP = (
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "figcaption",
)
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
    "main",
    "figure",
)


class CleanError(KhabarError, ValueError):
    """A page has no article text that can be extracted; the message says why."""


def _protect(html: str) -> tuple[str, dict[str, str]]:
    """Replace ZWNJ and ZWJ (raw or as entities) by stand-ins; return the page and the map back."""
    free = [s for s in _STANDINS if s not in html]
    back: dict[str, str] = {}
    for (joiner, entity), standin in zip(_JOINERS.items(), free, strict=False):
        html = entity.sub(standin, html.replace(joiner, standin))
        back[standin] = joiner
    return html, back


def _restore(s: str | None, back: dict[str, str]) -> str | None:
    if s is None:
        return None
    for standin, joiner in back.items():
        s = s.replace(standin, joiner)
    return s


def _lxml_text(html: str) -> str:
    """The visible text of a page, one block per line; for pages trafilatura cannot read."""
    from lxml import etree
    from lxml import html as lh

    try:
        root = lh.document_fromstring(html.encode("utf-8"), parser=lh.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        raise CleanError(f"the page cannot be parsed as HTML ({e})") from e
    for el in root.xpath("|".join(f"//{t}" for t in _DROP)):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    lines = (" ".join(x.split()) for x in root.text_content().split("\n"))
    return "\n".join(x for x in lines if x)


def _first(root: object, *xpaths: str) -> str | None:
    for xpath in xpaths:
        for hit in root.xpath(xpath):  # type: ignore[attr-defined]
            text = " ".join((hit.text_content() if hasattr(hit, "text_content") else str(hit)).split())
            if text:
                return text
    return None


def _page_meta(html: str) -> tuple[str | None, str | None]:
    """The page's own headline (``og:title``, ``<title>``, ``<h1>``) and declared site name."""
    from lxml import etree
    from lxml import html as lh

    try:
        root = lh.document_fromstring(html.encode("utf-8"), parser=lh.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None, None
    title = _first(root, '//meta[@property="og:title"]/@content', "//title//text()", "//h1")
    site = _first(
        root, '//meta[@property="og:site_name"]/@content', '//meta[@name="application-name"]/@content'
    )
    return title, site


def _extract(html: str, url: str | None) -> tuple[str, str | None, str | None, str | None]:
    """Main text (paragraphs on their own lines), title, date and site name."""
    try:
        import trafilatura
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise CleanError("trafilatura is not installed: pip install trafilatura lxml_html_clean") from e
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
            include_tables=True,
            include_images=False,
            include_links=False,
            # dates from the page's metadata only, never guessed from dates in the text
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a third-party parser on hostile input; we fall back below
        doc = None
    if doc is None:
        return "", None, None, None
    return doc.text or "", doc.title, doc.date, doc.sitename


def clean_html(
    html: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Cleaned:
    """Clean an HTML page: trafilatura's main text, then the same line pass as ``clean_text``.

    The page's own metadata (title, date, site name) fills what the caller did not give.
    Raises ``CleanError`` (a ``ValueError``) when the page has no text at all.
    """
    if not html or not html.strip():
        raise CleanError("the page is empty")
    protected, back = _protect(html)
    text, meta_title, meta_date, sitename = _extract(protected, url)
    if not text.strip():
        text = _lxml_text(protected)
    if not text.strip():
        raise CleanError("no text found in the page (is it a script-only or empty page?)")
    text = _restore(text, back) or ""
    # trafilatura cuts "Headline | Section" at the wrong end at times and may take a piece of
    # the title for the site name: read the page's own title and declared site name, and let
    # ``clean_title`` (in the line pass) take the decoration off.
    page_title, page_site = _page_meta(protected)
    if sitename and len(sitename.split()) > 5:
        sitename = None
    meta_title = _restore(page_title or meta_title, back)
    sitename = _restore(page_site or sitename, back)
    return clean_lines(
        text,
        title=title or meta_title,
        take_title=not (title or meta_title),
        published=published or meta_date,
        outlet=outlet,
        url=url,
        lex=default_lexicon(),
        outlet_hints=(sitename,) if sitename else (),
    )
