"""Getting a page or a feed over HTTP, behind a small interface that tests replace.

The read stage only ever calls ``Fetcher.get(url)``; ``HttpFetcher`` is the real one, built on
the standard library so khabar needs no HTTP client to run. It refuses anything but http and
https (a feed must not make us read ``file:///etc/passwd`` through a redirect), stops reading
at a size cap instead of filling memory, and gives up after a total time limit, not just a
per-read one, so one slow server cannot hold a whole run.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from .. import __version__
from ..errors import KhabarError

__all__ = ["FetchError", "FetchResult", "Fetcher", "HttpFetcher", "USER_AGENT", "check_url", "parse_content_type"]

USER_AGENT = f"khabar/{__version__} (offline news reader; +https://pypi.org/project/khabar/)"
_MB = 1024 * 1024
_CHUNK = 64 * 1024


class FetchError(KhabarError):
    """A URL could not be fetched. The message starts with the URL and says why."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class FetchResult:
    """One HTTP response: the final URL after redirects, its status, type and body.

    ``fetched`` is when it was fetched (ISO 8601, UTC); fakes may leave it None.
    """

    url: str
    status: int
    content_type: str
    body: bytes
    fetched: str | None = None


class Fetcher(Protocol):
    """Anything that turns a URL into a ``FetchResult`` or raises ``FetchError``."""

    def get(self, url: str) -> FetchResult: ...


def check_url(url: str) -> None:
    """Raise ``FetchError`` unless ``url`` is an absolute http or https URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError as e:
        raise FetchError(url, f"not a valid URL ({e})") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        raise FetchError(url, f"only http and https URLs can be fetched, not {scheme}")
    if not parts.hostname:
        raise FetchError(url, "the URL has no host name")


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "windows-1256")`` from ``"text/html; charset=windows-1256"``."""
    if not value:
        return "", None
    mime, _, rest = value.partition(";")
    charset = None
    for param in rest.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http and https: urllib would also follow one to ftp."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(req.full_url, f"redirected to {newurl}, which is not an http or https URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpFetcher:
    """Fetch with urllib: http and https only, a total time limit and a body size cap.

    ``timeout`` (seconds) bounds the whole request including the body, ``max_bytes`` the body;
    a larger body is an error, never a silently truncated article.
    """

    def __init__(self, timeout: float = 20.0, max_bytes: int = 10 * _MB, user_agent: str = USER_AGENT) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.user_agent = user_agent

    def get(self, url: str) -> FetchResult:
        check_url(url)
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                      "application/xml;q=0.9, text/*;q=0.8, */*;q=0.1",
            "Accept-Encoding": "identity",
        })
        opener = urllib.request.build_opener(_HttpOnlyRedirects())
        deadline = time.monotonic() + self.timeout
        try:
            with opener.open(request, timeout=self.timeout) as response:
                body = self._read(url, response, deadline)
                return FetchResult(
                    url=response.geturl() or url,
                    status=response.status,
                    content_type=response.headers.get("Content-Type", "") or "",
                    body=body,
                    fetched=datetime.now(UTC).replace(microsecond=0).isoformat(),
                )
        except FetchError:
            raise
        except urllib.error.HTTPError as e:
            e.close()
            raise FetchError(url, f"the server answered HTTP {e.code} {e.reason}", status=e.code) from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise FetchError(url, f"no answer within {self.timeout:g} s") from None
            raise FetchError(url, f"cannot connect ({e.reason})") from None
        except TimeoutError:
            raise FetchError(url, f"no answer within {self.timeout:g} s") from None
        except (http.client.HTTPException, OSError, ValueError) as e:
            raise FetchError(url, f"the transfer failed ({type(e).__name__}: {e})") from None

    def _read(self, url: str, response: Any, deadline: float) -> bytes:
        length = response.headers.get("Content-Length")
        if length and length.strip().isdigit() and int(length) > self.max_bytes:
            raise FetchError(url, f"response too large ({int(length) / _MB:.1f} MB > {self.max_bytes / _MB:g} MB cap)")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                raise FetchError(url, f"response too large (more than the {self.max_bytes / _MB:g} MB cap)")
            if time.monotonic() > deadline:
                raise FetchError(url, f"the transfer took longer than {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)
