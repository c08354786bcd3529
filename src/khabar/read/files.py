"""Reading one file from disk: single articles, JSONL dumps, and the rules they share.

What is read into memory at once is capped, never truncated: a whole ``.txt``, ``.html`` or
feed file (after gunzipping), one JSONL line, one WARC record. JSONL dumps and WARC files are
streamed, so a 5 GB crawl is fine while a 50 MB "article" is refused without being read.
Every failure becomes a ``Rejection`` with the file (and line) it came from.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..models import RawArticle, Rejection
from .decode import binary_reason

__all__ = [
    "DEFAULT_MAX_BYTES", "FILE_KINDS", "SUPPORTED", "content_source", "file_kind", "is_blank", "jsonl_record",
    "lang_tag", "load_bytes", "os_reason", "read_capped", "read_jsonl", "read_single", "stat_file", "too_large",
]

MB = 1024 * 1024
#: Default cap on what one input may put in memory at once.
DEFAULT_MAX_BYTES = 20 * MB
STAGE = "read"

#: File extension (after removing ``.gz``) to the reader that handles it.
FILE_KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
}
SUPPORTED = ", ".join(sorted(FILE_KINDS)) + " (and any of them .gz)"

#: JSONL keys with a meaning; every other key is kept in ``RawArticle.meta``.
_KNOWN = ("id", "url", "title", "text", "html", "published", "outlet", "lang")


class TooLarge(Exception):
    """Internal: the data passed the cap while being read."""


def file_kind(name: str) -> tuple[str | None, bool]:
    """``(kind, gzipped)`` for a file name: ``("jsonl", True)`` for ``dump.jsonl.gz``."""
    low = name.lower()
    gz = low.endswith(".gz")
    if gz:
        low = low[:-3]
    return FILE_KINDS.get(os.path.splitext(low)[1]), gz


def os_reason(e: OSError) -> str:
    """A short sentence for a file-system error, without a traceback's noise."""
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(e, NotADirectoryError):
        return "a part of the path is not a folder"
    return f"cannot read it ({e.strerror or e})"


def too_large(origin: str, size: int | None, cap: int, what: str = "file") -> Rejection:
    """The rejection for input over the cap; says the cap so the user knows what to raise."""
    if size is None:
        return Rejection(origin, STAGE, f"{what} too large (more than the {cap / MB:g} MB cap)",
                         "raise max_file_bytes in the settings to read it")
    return Rejection(origin, STAGE, f"{what} too large ({size / MB:.1f} MB > {cap / MB:g} MB cap)",
                     "raise max_file_bytes in the settings to read it")


def stat_file(path: Path) -> os.stat_result | Rejection:
    """``os.stat`` of a regular file, or the rejection saying why it cannot be read."""
    try:
        st = path.stat()
    except OSError as e:
        return Rejection(str(path), STAGE, os_reason(e))
    if not stat.S_ISREG(st.st_mode):
        return Rejection(str(path), STAGE, "not a regular file")
    if not os.access(path, os.R_OK):
        return Rejection(str(path), STAGE, "permission denied")
    return st


def read_capped(path: Path, gz: bool, max_bytes: int) -> bytes:
    """The whole content of ``path`` (gunzipped if ``gz``), or ``TooLarge`` past ``max_bytes``.

    Reads at most ``max_bytes + 1`` bytes, so neither a huge file nor a gzip bomb fills memory.
    """
    opener: Any = gzip.open if gz else open
    with opener(path, "rb") as f:
        data: bytes = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge
    return data


def read_single(path: Path, kind: str, gz: bool, source: str, max_bytes: int) -> RawArticle | Rejection:
    """One ``.txt`` or ``.html`` file as one article (bytes: ``clean`` decodes them)."""
    origin = str(path)
    data = load_bytes(path, gz, max_bytes)
    if isinstance(data, Rejection):
        return data
    reason = binary_reason(data)
    if reason:
        return Rejection(origin, STAGE, f"binary file ({reason})")
    if is_blank(data):
        return Rejection(origin, STAGE, "empty file")
    return RawArticle(source=source, kind=kind, data=data, origin=origin, meta={"path": origin})


def is_blank(data: bytes) -> bool:
    """True for data that is nothing but a byte-order mark and white space, in any Unicode form."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        data = data.removeprefix(bom)
    return not data.replace(b"\x00", b"").strip()


def load_bytes(path: Path, gz: bool, max_bytes: int) -> bytes | Rejection:
    """Whole-file bytes (gunzipped if ``gz``) for readers that need them all, or why not."""
    origin = str(path)
    st = stat_file(path)
    if isinstance(st, Rejection):
        return st
    if st.st_size > max_bytes:
        return too_large(origin, st.st_size, max_bytes)
    try:
        return read_capped(path, gz, max_bytes)
    except TooLarge:
        return too_large(origin, None, max_bytes, "file (uncompressed)" if gz else "file")
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        return Rejection(origin, STAGE, "not a valid gzip file", str(e))
    except OSError as e:
        return Rejection(origin, STAGE, os_reason(e))


def read_jsonl(path: Path, gz: bool, max_bytes: int) -> Iterator[RawArticle | Rejection]:
    """Records of a JSONL file, streamed; a bad line is one rejection (``file:line``), not the end."""
    origin = str(path)
    st = stat_file(path)
    if isinstance(st, Rejection):
        yield st
        return
    lineno = 0
    try:
        f: IO[bytes] = gzip.open(path, "rb") if gz else open(path, "rb")
        with f:
            while True:
                line = f.readline(max_bytes + 1)
                if not line:
                    break
                lineno += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    yield too_large(f"{origin}:{lineno}", None, max_bytes, "line")
                    _skip_line(f)
                    continue
                if lineno == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if line.strip():
                    yield jsonl_record(line, origin, lineno)
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield Rejection(f"{origin}:{lineno + 1}", STAGE, "the gzip data is cut off or corrupt", str(e))
    except OSError as e:
        yield Rejection(origin if not lineno else f"{origin}:{lineno + 1}", STAGE, os_reason(e))


def _skip_line(f: IO[bytes]) -> None:
    while True:
        chunk = f.readline(MB)
        if not chunk or chunk.endswith(b"\n"):
            return


def jsonl_record(line: bytes, origin: str, lineno: int) -> RawArticle | Rejection:
    """One JSONL line as a ``RawArticle``; the contract is in DESIGN.md (Input: JSONL records)."""
    where = f"{origin}:{lineno}"
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        return Rejection(where, STAGE, "line is not valid UTF-8")
    except json.JSONDecodeError as e:
        return Rejection(where, STAGE, "invalid JSON", f"{e.msg} at column {e.colno}")
    if not isinstance(obj, dict):
        return Rejection(where, STAGE, "not a JSON object", f"the line holds a JSON {type(obj).__name__}")
    rid = obj.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    fields: dict[str, str | None] = {"id": rid}
    for key in _KNOWN:
        value = fields.get(key, obj.get(key))
        if value is not None and not isinstance(value, str):
            return Rejection(where, STAGE, f"field {key!r} must be a string",
                             f"got a JSON {type(value).__name__}")
        fields[key] = value
    text, html = fields["text"], fields["html"]
    if text is None and html is None:
        return Rejection(where, STAGE, "record has neither 'text' nor 'html'")
    if text and text.strip():
        kind, body = "text", text
    elif html and html.strip():
        kind, body = "html", html
    else:
        return Rejection(where, STAGE, "record has an empty 'text'" if text is not None else "record has an empty 'html'")
    source = fields["id"] or fields["url"] or content_source(body)
    return RawArticle(
        source=source, kind=kind, data=body, url=fields["url"], title=fields["title"],
        published=fields["published"], outlet=fields["outlet"], lang_hint=lang_tag(fields["lang"]),
        origin=where, meta={k: v for k, v in obj.items() if k not in _KNOWN},
    )


def content_source(body: str | bytes) -> str:
    """A stable source id for an item with neither id nor URL: a hash of its content."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return "sha256:" + hashlib.sha256(raw).hexdigest()[:16]


def lang_tag(value: str | None) -> str | None:
    """``"fa"`` from ``"fa-IR"`` or ``"FA_ir"``: the hint is a primary language subtag."""
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None
