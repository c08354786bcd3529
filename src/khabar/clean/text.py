"""``clean_text``: a scraped text dump to a verbatim article body, title, outlet and date."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .dates import iso_date
from .lexicon import Lexicon, default_lexicon, phrase_key
from .lines import Line, split_lines
from .rules import Dateline, card_dateline, classify, host_of, plain_furniture, publication

__all__ = ["Cleaned", "clean_text", "clean_title", "explain", "VERSION"]

VERSION = "clean.lines.v1"

_TITLE_MAX_WORDS = 30
_SPLIT = re.compile(r"(\s+(?:\||-|–|—|::|•)\s+)")
_DOMAIN = r"[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"


@dataclass(frozen=True)
class Cleaned:
    """The article as ``clean`` leaves it.

    ``text`` is the body: the input's lines minus page furniture, each kept line exactly as it
    was, separated exactly as they were. ``removed`` lists the dropped lines for reports.
    """

    text: str
    title: str | None
    outlet: str | None
    published: str | None  # ISO date YYYY-MM-DD
    removed: tuple[str, ...]


def _strip_symbols(s: str) -> str:
    """Drop emoji and pictographs at either end of a title ("... 🔔")."""
    i, j = 0, len(s)
    while i < j and (unicodedata.category(s[i]) in ("So", "Sk", "Cf") or s[i].isspace()):
        i += 1
    while j > i and (unicodedata.category(s[j - 1]) in ("So", "Sk", "Cf") or s[j - 1].isspace()):
        j -= 1
    return s[i:j]


def _host_names(host: str) -> set[str]:
    names = {phrase_key(host)}
    first = host.split(".")[0]
    if len(first) >= 3:
        names.add(phrase_key(first))
    return names


def clean_title(title: str | None, outlets: list[str] | tuple[str, ...] = ()) -> str | None:
    """A headline without the site's decoration.

    A leading or trailing ``- Outlet`` / ``| Outlet`` part is dropped when it names a known
    outlet or is a domain name. With ``|`` separators, which headlines themselves do not use,
    the longest part is the headline when every other part is short (section and site names).
    """
    if title is None:
        return None
    t = " ".join(_strip_symbols(title).split())
    names = {phrase_key(o) for o in outlets if o} - {""}
    for o in outlets:
        if o and re.fullmatch(_DOMAIN, o.strip()):
            names |= _host_names(o.strip().lower())

    def decoration(part: str) -> bool:
        k = phrase_key(part)
        return len(k.split()) <= 6 and (k in names or bool(re.fullmatch(_DOMAIN, part.strip())))

    parts = _SPLIT.split(t)  # [part, separator, part, ...]
    while len(parts) >= 3 and decoration(parts[-1]):
        parts = parts[:-2]
    while len(parts) >= 3 and decoration(parts[0]):
        parts = parts[2:]
    t = "".join(parts).strip()
    pieces = [p.strip() for p in re.split(r"\s[|｜]\s", t) if p.strip()]
    if len(pieces) >= 2:
        best = max(pieces, key=lambda p: len(phrase_key(p).split()))
        if all(len(phrase_key(p).split()) <= 5 for p in pieces if p is not best):
            t = best
    return t or None


def _title_cores(title: str | None) -> tuple[str, ...]:
    """Keys of the parts of a decorated title ("Headline | Section - Site" gives "Headline",
    "Headline Section", "Section Site", ...) that could be the bare headline (3+ words)."""
    if not title:
        return ()
    parts = _SPLIT.split(title)[::2]
    if len(parts) < 2:
        return ()
    out: list[str] = []
    for i in range(1, len(parts)):
        for k in (phrase_key(" ".join(parts[:i])), phrase_key(" ".join(parts[i:]))):
            if len(k.split()) >= 3 and k not in out:
                out.append(k)
    return tuple(out)


def _title_from_lines(lines: list[Line], lex: Lexicon) -> tuple[str | None, Line | None, Dateline | None]:
    """The first non-blank line, when it looks like a headline rather than a paragraph.

    Menu items, widgets, links and bare dates above the headline are passed over.
    """
    first = next((ln for ln in lines[:8] if not plain_furniture(ln, lex)), None)
    if first is None:
        return None, None, None
    # A long line, or a sentence closed by a full stop, opens the article: there is no title.
    if first.words > _TITLE_MAX_WORDS or (first.words >= 12 and first.ending in ".۔。"):
        return None, None, None
    card = card_dateline(first, lex)
    if card and card.head:
        return card.head, first, card
    return first.text, first, None


def _assemble(raw: list[str], kept: list[Line]) -> str:
    """Kept lines joined by the exact separators that followed them in the input."""
    nonblank = [i for i, r in enumerate(raw) if r.strip()]
    following = dict(zip(nonblank, nonblank[1:], strict=False))
    out: list[str] = []
    for pos, ln in enumerate(kept):
        out.append(ln.raw)
        if pos + 1 < len(kept):
            # the newline after this line and the blank lines up to the next non-blank one
            nxt = following.get(ln.index, ln.index + 1)
            out.append("\n" + "".join(r + "\n" for r in raw[ln.index + 1 : nxt]))
    return "".join(out).strip()


def clean_lines(
    text: str,
    *,
    title: str | None,
    take_title: bool,
    published: str | None,
    outlet: str | None,
    url: str | None,
    lex: Lexicon,
    outlet_hints: tuple[str, ...] = (),
    reasons: list[tuple[str, str]] | None = None,
) -> Cleaned:
    """The shared line-level pass of ``clean_text`` and ``clean_html``.

    When ``reasons`` is a list, ``(reason, line)`` is appended for every dropped line.
    """
    raw, lines = split_lines(text)
    title_line: Line | None = None
    card: Dateline | None = None
    first_key = ""
    if take_title and title is None:
        title, title_line, card = _title_from_lines(lines, lex)
        if title_line is not None:
            lines = [ln for ln in lines if ln is not title_line]
            first_key = title_line.key
    url_host = host_of(url, lex) if url else None
    hints = tuple(h for h in (outlet, *outlet_hints, url_host, card.outlet if card else None) if h)
    clean = clean_title(title, hints) if title else None
    title_keys = tuple(
        k for k in dict.fromkeys((phrase_key(title or ""), phrase_key(clean or ""), first_key)) if k
    )
    cores = _title_cores(clean)
    verdict = classify(lines, lex, title_keys + tuple(k for k in cores if k not in title_keys))
    if clean:
        # The body may repeat the headline without the site's decoration: that is the headline.
        shorter = [ln for ln in verdict.lines if ln.reason == "title" and ln.key in cores]
        if shorter:
            clean = " ".join(_strip_symbols(min(shorter, key=lambda x: len(x.key)).text).split())
    datelines = verdict.datelines + ((card,) if card else ())
    d_pub, d_outlet = publication(datelines, title_keys)
    link_host = next((h for h in (host_of(u, lex) for u in verdict.urls) if h), None)
    final_outlet = outlet or d_outlet or (outlet_hints[0] if outlet_hints else None) or url_host or link_host
    if final_outlet and not outlet:
        clean = clean_title(clean, (final_outlet, *hints)) if clean else clean
    pub = iso_date(published, lex) if published else None
    kept = [ln for ln in verdict.lines if ln.kept]
    removed = tuple(ln.text for ln in verdict.lines if not ln.kept)
    cleaned = Cleaned(
        text=_assemble(raw, kept),
        title=clean,
        outlet=final_outlet.strip() if final_outlet else None,
        published=pub or d_pub,
        removed=removed,
    )
    if reasons is not None:
        reasons.extend((ln.reason or "", ln.text) for ln in verdict.lines if not ln.kept)
    return cleaned


def clean_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Cleaned:
    """Clean a scraped text dump: the first non-blank line is the title unless ``title`` is given.

    Page furniture is dropped line by line (see ``khabar.clean.rules``); kept lines are never
    edited. ``published`` (any ISO 8601 form) and ``outlet`` win over what datelines say.
    """
    return clean_lines(
        text, title=title, take_title=True, published=published, outlet=outlet, url=url, lex=default_lexicon()
    )


def explain(text: str, *, title: str | None = None) -> tuple[tuple[str, str], ...]:
    """Why each line of a text dump is dropped: ``(reason, line)`` pairs, in order."""
    reasons: list[tuple[str, str]] = []
    clean_lines(
        text,
        title=title,
        take_title=True,
        published=None,
        outlet=None,
        url=None,
        lex=default_lexicon(),
        reasons=reasons,
    )
    return tuple(reasons)
