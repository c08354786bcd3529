"""Bytes to text, once, without guessing wrong on Arabic and Persian pages.

News in our languages still arrives in legacy encodings: windows-1256 pages from Arabic sites,
UTF-16 exports from Windows tools, Western pages in cp1252 mislabelled as ISO-8859-1. General
detectors are tuned for European text and often read short cp1256 Arabic as something else,
so ``decode`` tries the cheap certain answers first and only then guesses:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. known binary formats and control-character noise are refused (``DecodeError``);
3. strict UTF-8, which almost never succeeds by accident on other encodings;
4. the declared charset (HTTP header, else ``<meta charset>`` or the XML declaration), unless
   it is a Latin charset and the bytes are clearly cp1256 Arabic (a common mislabel);
5. cp1256 when the high bytes read as Arabic letters with Arabic letter frequencies;
6. cp1252 when the high bytes are isolated accents inside Latin words;
7. charset-normalizer for everything else (Cyrillic code pages, ISO-8859-6, CJK ...);
8. UTF-8 with replacement characters, so one bad byte never loses an article.

The text is otherwise returned as the bytes said: only ``\\r\\n`` becomes ``\\n``.
"""

from __future__ import annotations

import codecs
import re

from ..errors import KhabarError

__all__ = ["DecodeError", "binary_reason", "declared_charset", "decode", "normalize_charset"]

#: Bytes looked at when sniffing for binary data and declared charsets.
SNIFF_BYTES = 8192

#: Leading bytes of formats that are never article text, with a name a person recognises.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data; name the file .gz"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard-compressed data"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"\xce\xfa\xed\xfe", "Mach-O binary"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"WARC/1.", "WARC archive; name the file .warc or .warc.gz"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Labels browsers read differently from Python (WHATWG Encoding Standard): a page that says
#: ISO-8859-1 is decoded as windows-1252 everywhere, and an HTML meta tag cannot mean UTF-16.
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-9": "cp1254",
    "tis-620": "cp874", "iso-8859-11": "cp874", "win-1256": "cp1256", "x-cp1256": "cp1256",
    "x-mac-arabic": "mac-arabic", "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030",
    "unicode-1-1-utf-8": "utf-8", "utf8": "utf-8", "x-user-defined": "",
}
_LATIN = {"cp1252", "iso8859-1", "iso8859-15", "ascii", "cp1250", "cp1254", "mac-roman"}

_META_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_RE = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.I)
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_CONTROL = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32)])
#: The most frequent Arabic-script letters in Arabic, Persian and Urdu running text; in
#: Cyrillic code pages misread as cp1256 they land on rare capitals instead.
_COMMON_ARABIC = set("اليونمهر")
#: Non-ASCII characters cp1256 shares with Latin text and that say nothing about the script.
_NEUTRAL = set("\u00a0«»“”‘’–—…•\u200c\u200d\u200e\u200f\u00ad")


class DecodeError(KhabarError, ValueError):
    """The bytes are not text we can read: binary data, or nothing but whitespace.

    The message is the reason, short enough for a rejection list ("binary file (PNG image)").
    """


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for ``data``; ``declared`` is a charset label from outside.

    ``encoding`` is a Python codec name, or ``"utf-8+replace"`` when nothing fitted and bad
    bytes became U+FFFD. Raises ``DecodeError`` for binary or empty data.
    """
    reason = binary_reason(data)
    if reason:
        raise DecodeError(f"binary file ({reason})")
    text, encoding = _decode(data, declared)
    if not text.replace("\ufeff", "").strip():
        raise DecodeError("empty file")
    return text.replace("\r\n", "\n"), encoding


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (``"PNG image"``, ``"contains NUL bytes"``), or None.

    Cheap enough for the read stage to refuse a stray image before it is queued; text in
    UTF-16 or UTF-32 is recognised by its byte-order mark or NUL pattern and is not binary.
    """
    head = data[:SNIFF_BYTES]
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return "Windows executable"
    if head.startswith(b"ID3") and len(head) > 4 and head[3] in (2, 3, 4) and head[4] == 0:
        return "MP3 audio"
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "contains NUL bytes"
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL))
        if controls / len(head) > 0.05:
            return f"{100 * controls / len(head):.0f}% control characters"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset the document names for itself: ``<meta charset>`` or the XML declaration."""
    head = data[:SNIFF_BYTES]
    m = _XML_RE.match(head) or _META_RE.search(head)
    if not m:
        return None
    label = normalize_charset(m.group(1).decode("ascii", "replace"))
    if label and (label.startswith("utf-16") or label.startswith("utf-32")):
        # A document that can declare its charset in ASCII is not UTF-16 (WHATWG).
        return "utf-8"
    return label


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None if Python has no such codec."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name
            except UnicodeDecodeError:
                return data[len(bom):].decode(name, "replace"), name + "+replace"
    if not data.strip():
        raise DecodeError("empty file")
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    label = normalize_charset(declared) or declared_charset(data)
    if label and label != "utf-8":
        try:
            text = data.decode(label)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            if label in _LATIN and _looks_cp1256_arabic(data):
                return data.decode("cp1256"), "cp1256"
            return text, label
    if _looks_cp1256_arabic(data):
        return data.decode("cp1256"), "cp1256"
    if _isolated_accents(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    guess = _charset_normalizer(data)
    if guess:
        return guess
    return data.decode("utf-8", "replace"), "utf-8+replace"


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 without a byte-order mark, else None.

    Text in one alphabet has nearly the same high byte in every code unit: 0x00 for Latin,
    0x06 for Arabic, 0x04 for Cyrillic, with 0x00 for spaces and digits in between. So one
    side of the byte pairs holds one or two values, NUL among them, the other side almost no
    NUL, and the sample decodes strictly. Binary data with NULs fails one of these.
    """
    head = head[: len(head) - len(head) % 2]
    if len(head) < 16:
        return None
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        n = len(high)
        if high.count(0) < 0.05 * n or low.count(0) > 0.02 * n:
            continue
        top = sorted((high.count(bytes([b])) for b in set(high)), reverse=True)[:2]
        if sum(top) < 0.9 * n:
            continue
        try:
            text = head[:-2].decode(name)  # the sample may end inside a surrogate pair
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return name
    return None


def _looks_cp1256_arabic(data: bytes) -> bool:
    """True when reading ``data`` as windows-1256 gives Arabic-script text, not mojibake.

    Every byte is defined in cp1256, so "it decodes" proves nothing. Real Arabic, Persian or
    Urdu gives almost only Arabic-script characters among the non-ASCII ones, and its most
    frequent letters (alef, lam, yeh, waw, noon, meem, heh, reh) are a large share of them;
    Cyrillic code pages read as cp1256 fail one test or the other.
    """
    high = b"".join(_HIGH_RUN.findall(data))
    if len(high) < 8:
        return False
    text = high.decode("cp1256")
    arabic = common = other = 0
    for ch in text:
        if ch in _NEUTRAL:
            continue
        if "\u0600" <= ch <= "\u06ff":
            arabic += 1
            common += ch in _COMMON_ARABIC
        else:
            other += 1
    return arabic >= 8 and arabic >= 0.9 * (arabic + other) and common >= 0.25 * arabic


def _isolated_accents(data: bytes) -> bool:
    """True when high bytes mostly stand alone between ASCII bytes, as accents in Latin words do.

    Cyrillic, Greek, Arabic and CJK text put their high bytes in runs (whole words); a German
    or French page in cp1252 has one accented letter here and there.
    """
    runs = _HIGH_RUN.findall(data)
    if not runs:
        return False
    alone = sum(1 for r in runs if len(r) == 1)
    return alone >= 0.7 * sum(len(r) for r in runs)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not best.encoding:
        return None
    name = normalize_charset(best.encoding) or best.encoding
    try:
        return data.decode(name), name
    except (UnicodeDecodeError, LookupError):
        return None
