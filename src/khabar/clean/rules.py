"""Which lines of a scraped page are page furniture, and what the datelines say.

Rules run in order and the first that fires names the reason (kept in ``Line.reason``):

1. strong evidence on the line alone: a repeat of the title, a dateline (``<headline> -
   <outlet>, 10.01.2022``), a bare URL, no letters at all, hashtags, an end-of-article
   marker, words of the page-furniture lexicon (``ui``, ``sentences``, ``lead``), a photo
   credit, a short line in another script than the article's, a contact e-mail;
2. context: the headline of a dateline card standing on its own line, a block of headline-like
   lines under a "Related" header, a second copy of a line, a truncated copy ending in "…";
3. position: short labels before the first paragraph, short non-sentences after the last one
   once page furniture has started, an isolated headline between paragraphs that the next
   paragraph does not talk about.

Nothing here edits a line: a line is kept whole or dropped whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..normalise import fold
from . import lines as L
from .dates import find_dates, may_have_date
from .lexicon import Lexicon, phrase_key
from .lines import Line

__all__ = ["Dateline", "Verdict", "card_dateline", "classify", "host_of", "plain_furniture", "publication"]

_CARD = re.compile(r"^(?P<head>.+)\s+[-–—|]\s+(?P<outlet>[^,،|\-–—]{2,60}?)\s*[,،|]\s*(?P<rest>[^|–—]+)$")
_SEPARATORS = frozenset(":|-–—»>›/")
_FOREIGN_MAX_WORDS = 8
_UI_MAX_WORDS = 12
_SENTENCE_MAX_WORDS = 40


@dataclass(frozen=True)
class Dateline:
    """A line giving a date (and maybe the headline and outlet of an article)."""

    index: int
    iso: str
    head: str | None = None
    outlet: str | None = None
    before_body: bool = False


@dataclass(frozen=True)
class Verdict:
    """What ``classify`` found: the lines with their reasons, datelines and linked pages."""

    lines: tuple[Line, ...]
    datelines: tuple[Dateline, ...]
    urls: tuple[str, ...]


def host_of(url: str, lex: Lexicon) -> str | None:
    """The site of a link to an article ("example.com"), None for social and video sites."""
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    if not host or "." not in host:
        return None
    if any(host == s or host.endswith("." + s) for s in lex.social_hosts):
        return None
    return host


# -- rule helpers ---------------------------------------------------------------------------
def _ui_covered(toks: tuple[str, ...], lex: Lexicon) -> bool:
    """Every word (digits aside) belongs to a page-furniture phrase, and there is one."""
    if not toks or len(toks) > _UI_MAX_WORDS:
        return False
    n = len(toks)
    longest = lex.ui_max_len
    covered = [False] * n
    i = 0
    hit = False
    while i < n:
        for size in range(min(longest, n - i), 0, -1):
            if tuple(toks[i : i + size]) in lex.ui:
                for j in range(i, i + size):
                    covered[j] = True
                i += size
                hit = True
                break
        else:
            i += 1
    left = sum(1 for t, c in zip(toks, covered, strict=True) if not c and not t.isdigit())
    return hit and left == 0


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


@dataclass(frozen=True)
class _Tables:
    """Lookups derived from a lexicon once, for matching many lines against it."""

    sentences: re.Pattern[str] | None  # any of ``lex.sentences`` as whole words of a key
    # ``lex.sentences`` split at " " by their first word: ``_has_sentence`` does what a search
    # with ``sentences`` does, looking only at the words a sentence can start with
    sentence_first: dict[str, tuple[list[str], ...]]
    lead: dict[str, tuple[tuple[str, ...], ...]]  # ``lex.lead`` by first word, order kept
    credit_strong: re.Pattern[str] | None  # any of ``lex.credit_strong`` as a substring
    credit_weak: re.Pattern[str] | None


def _any_of(needles: tuple[str, ...], words: bool = False) -> re.Pattern[str] | None:
    """A pattern found in a string exactly when one of ``needles`` is in it (with ``words``:
    as ``_contains`` finds it, between spaces or the ends of the string)."""
    if not needles:
        return None
    alt = "|".join(re.escape(n) for n in needles)
    return re.compile(f"(?<![^ ])(?:{alt})(?![^ ])" if words else f"(?:{alt})")


@lru_cache(maxsize=4)
def _tables(lex: Lexicon) -> _Tables:
    lead: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lex.lead:
        lead.setdefault(phrase[0] if phrase else "", []).append(phrase)
    first: dict[str, list[list[str]]] = {}
    for sentence in lex.sentences:
        words = sentence.split(" ")
        first.setdefault(words[0], []).append(words)
    return _Tables(
        sentences=_any_of(lex.sentences, words=True),
        sentence_first={k: tuple(v) for k, v in first.items()},
        lead={k: tuple(v) for k, v in lead.items()},
        credit_strong=_any_of(lex.credit_strong),
        credit_weak=_any_of(lex.credit_weak),
    )


def _has_sentence(key: str, by_first: dict[str, tuple[list[str], ...]]) -> bool:
    """Whether ``_Tables.sentences`` finds a sentence in ``key``.

    That pattern finds a sentence between spaces or the ends of the key, which is the
    sentence's words (split at " ", as ``" ".join`` made both) appearing in a row among the
    key's words; so only places where a sentence's first word stands need a look, and most
    lines have none (a set test in C), where the pattern tries every sentence at every
    character.
    """
    words = key.split(" ")
    if by_first.keys().isdisjoint(words):
        return False
    for i, w in enumerate(words):
        for sentence in by_first.get(w, ()):
            if words[i : i + len(sentence)] == sentence:
                return True
    return False


def _is_title(line: Line, title_keys: tuple[str, ...]) -> bool:
    for tk in title_keys:
        if not tk:
            continue
        if line.key == tk:
            return True
        n, m = len(tk.split()), len(line.toks)
        if line.terminal:
            continue
        # the title with a site or section name after it, or without the one the title has
        if n >= 3 and line.key.startswith(tk + " ") and m - n <= 4:
            return True
        if m >= 3 and tk.startswith(line.key + " ") and n - m <= 4:
            return True
    return False


def card_dateline(line: Line, lex: Lexicon) -> Dateline | None:
    """``<headline> - <outlet> , 1920, 10.01.2022``: a link card to an article, with its date."""
    if line.words > 40 or line.terminal:
        return None
    # the date must be in the line: without one, skip a match that backtracks over it
    if not may_have_date(line.folded):
        return None
    m = _CARD.match(line.text)
    if not m:
        return None
    rest = m["rest"]
    dates = find_dates(rest, lex)
    if not dates:
        return None
    f = fold(rest)
    left = phrase_key(f[: dates[0].start] + " " + f[dates[0].end :]).split()
    if sum(1 for t in left if not t.isdigit()) > 3 or len(m["outlet"].split()) > 6:
        return None
    return Dateline(line.index, dates[0].iso, m["head"].strip(), m["outlet"].strip())


def _short_dateline(line: Line, lex: Lexicon) -> Dateline | None:
    """A date with a few words around it ("Published 10.01.2022 14:35"), not a sentence."""
    if line.words > 14 or not may_have_date(line.folded):
        return None
    dates = find_dates(line.text, lex)
    if not dates:
        return None
    d = dates[0]
    f = line.folded
    after = f[d.end :]
    if after.lstrip().startswith(":") and any(c.isalpha() for c in after):
        return None  # "5 January 2022: protests begin" is a timeline entry
    before_t = [t for t in phrase_key(f[: d.start]).split() if not t.isdigit()]
    after_t = [t for t in phrase_key(after).split() if not t.isdigit()]
    if len(after_t) > 3 or len(before_t) + len(after_t) > 6:
        return None
    # "It happened on 10 January 2022." is a sentence; "10 января 2022 г." is not
    if line.terminal and (len(before_t) > 2 or len(after_t) > 1 or any(len(t) > 2 for t in after_t)):
        return None
    return Dateline(line.index, d.iso)


def _credit(line: Line, folded: str, lex: Lexicon, foreign: bool) -> bool:
    if folded.startswith("©"):
        return True
    t = _tables(lex)
    if line.words <= 150 and t.credit_strong is not None and t.credit_strong.search(folded):
        return True
    return (line.words <= 15 or foreign) and t.credit_weak is not None and bool(t.credit_weak.search(folded))


def _lead(line: Line, lex: Lexicon) -> bool:
    if line.words > 25:
        return False
    # only phrases starting with the line's first word can start it (an empty phrase aside)
    by_first = _tables(lex).lead
    first = by_first.get(line.toks[0], ()) if line.toks else ()
    phrases = first if "" not in by_first else tuple(p for p in lex.lead if not p or p in first)
    for phrase in phrases:
        ok, nxt = L.starts_with_phrase(line, phrase)
        if ok and (len(phrase) >= 2 or (nxt and nxt in _SEPARATORS)):
            return len(line.toks) > len(phrase) or nxt in _SEPARATORS
    return False


def _overlap(line: Line, other_key: str) -> float:
    """Share of the line's words (3+ letters) found in ``other_key``, prefixes and all."""
    words = [t for t in line.toks if len(t) >= 3 and not t.isdigit()]
    if not words:
        return 1.0
    return sum(1 for t in words if t in other_key) / len(words)


def plain_furniture(line: Line, lex: Lexicon) -> bool:
    """Furniture on sight: widgets and menu words, links, symbols, a bare date, a credit."""
    return bool(
        _ui_covered(line.toks, lex)
        or L.only_urls(line)
        or L.only_symbols(line)
        or _short_dateline(line, lex)
        or L.fold_line(line).startswith("©")
    )


# -- the passes -----------------------------------------------------------------------------
def _line_rules(
    lines: list[Line], lex: Lexicon, title_keys: tuple[str, ...]
) -> tuple[list[Dateline], list[str]]:
    datelines: list[Dateline] = []
    urls: list[str] = []
    tables = _tables(lex)
    sentences, sentence_first = tables.sentences, tables.sentence_first
    for ln in lines:
        if _is_title(ln, title_keys):
            ln.reason = "title"
            continue
        d = card_dateline(ln, lex) or _short_dateline(ln, lex)
        if d:
            datelines.append(d)
            ln.reason = "dateline"
            continue
        found = L.only_urls(ln)
        if found:
            urls.extend(found)
            ln.reason = "url"
        elif L.only_symbols(ln):
            ln.reason = "symbols"
        elif L.hashtags(ln):
            ln.reason = "tags"
        elif ln.key in lex.end and ln.words <= 4:
            ln.reason = "end"
        elif _ui_covered(ln.toks, lex):
            ln.reason = "ui"
        elif ln.words <= _SENTENCE_MAX_WORDS and sentences is not None and _has_sentence(ln.key, sentence_first):
            ln.reason = "banner"
        elif _lead(ln, lex):
            ln.reason = "link"
        elif L.has_email(ln) and ln.words <= 10:
            ln.reason = "contact"
    # The article's script is that of its paragraphs, once banners and widgets are set aside.
    script, share = _article_script(lines)
    for ln in lines:
        if not ln.kept:
            continue
        foreign = bool(script and share >= 0.6 and ln.script and ln.script != script)
        if _credit(ln, L.fold_line(ln), lex, foreign):
            ln.reason = "credit"
        elif foreign and ln.words <= _FOREIGN_MAX_WORDS:
            ln.reason = "script"
    return datelines, urls


def _article_script(lines: list[Line]) -> tuple[str | None, float]:
    """The script of the kept paragraph-like lines (of all kept lines when there are none)."""
    body = [ln for ln in lines if ln.kept and ln.is_body()]
    return L.dominant_script(body or [ln for ln in lines if ln.kept])


def _after_end(lines: list[Line]) -> None:
    """After an end-of-article marker that follows the body, everything is furniture."""
    for pos, ln in enumerate(lines):
        if ln.reason == "end" and any(x.kept and x.is_body() for x in lines[:pos]):
            for x in lines[pos + 1 :]:
                if x.kept:
                    x.reason = "after-end"
            return


def _card_titles(lines: list[Line], datelines: list[Dateline]) -> None:
    heads = {phrase_key(d.head) for d in datelines if d.head}
    heads.discard("")
    for ln in lines:
        if not ln.kept:
            continue
        for h in heads:
            n = len(h.split())
            if ln.key == h or (
                n >= 3 and (ln.key.endswith(" " + h) or ln.key.startswith(h + " ")) and len(ln.toks) - n <= 6
            ):
                ln.reason = "card"
                break


def _related_blocks(lines: list[Line], lex: Lexicon) -> None:
    """A "Related" header and the run of short headline-like lines under it."""
    i = 0
    while i < len(lines):
        ln = lines[i]
        # the cheap test first: most lines are too long to be a header
        if ln.words <= 8 and " ".join(t for t in ln.toks if not t.isdigit()) in lex.related:
            ln.reason = ln.reason or "related"
            j = i + 1
            while j < len(lines) and (
                lines[j].headline_like() or lines[j].reason in ("ui", "symbols", "url")
            ):
                if lines[j].kept:
                    lines[j].reason = "related"
                j += 1
            i = j
        else:
            i += 1


def _punctuated(lines: list[Line]) -> bool:
    """Whether the article's longer lines end like sentences (most outlets; not all)."""
    long = [ln for ln in lines if ln.kept and ln.words >= 15]
    return bool(long) and sum(1 for ln in long if ln.terminal or ln.closed) / len(long) >= 0.75


def _link_lists(lines: list[Line]) -> None:
    """Four or more headline-like lines in a row that the article's paragraphs do not talk
    about: a list of links to other stories, even without a header."""
    body = " ".join(ln.key for ln in lines if ln.kept and ln.is_body())
    if not body or not _punctuated(lines):
        return
    run: list[Line] = []
    for ln in [*lines, None]:
        if ln is not None and ln.kept and ln.headline_like() and not ln.is_body():
            run.append(ln)
            continue
        if ln is not None and not ln.kept:
            continue  # furniture inside the list does not break it
        if len(run) >= 4 and sum(_overlap(x, body) for x in run) / len(run) < 0.35:
            for x in run:
                x.reason = "link-list"
        run = []


def _foreign_head(lines: list[Line]) -> None:
    """Above the first paragraph, a line in another script than the article is a caption."""
    script, share = _article_script(lines)
    if not script or share < 0.6:
        return
    for ln in lines:
        if ln.kept and ln.script == script and ln.is_body():
            break
        if ln.kept and ln.script and ln.script != script:
            ln.reason = "caption"


def _duplicates(lines: list[Line]) -> None:
    seen: set[str] = set()
    for ln in lines:
        if ln.key in seen and ln.kept:
            ln.reason = "duplicate"
        seen.add(ln.key)


def _truncated_copies(lines: list[Line]) -> None:
    """A line ending in "…" whose words (the cut last one aside) appear elsewhere in the text."""
    for ln in lines:
        if not ln.kept or not ln.ellipsis or len(ln.toks) < 6:
            continue
        probe = " ".join(ln.toks[:-1])
        context = " ".join(x.key for x in lines if x is not ln and x.key != ln.key)
        if _contains(context, probe):
            ln.reason = "truncated-copy"


def _positions(lines: list[Line]) -> None:
    body = [i for i, ln in enumerate(lines) if ln.kept and ln.is_body()]
    if not body:
        return
    first, last = body[0], body[-1]
    for ln in lines[:first]:
        if ln.kept and ln.words <= 3 and not ln.terminal:
            ln.reason = "label"
    furniture = False
    for ln in lines[last + 1 :]:
        if not ln.kept:
            furniture = True
        elif ln.headline_like(16) and (furniture or ln.words <= 4):
            ln.reason = "trailer"
            furniture = True
    # The rest needs an article whose paragraphs end with punctuation, so that bare lines
    # stand out.
    if not _punctuated(lines):
        return
    kept = [ln for ln in lines if ln.kept]
    # Three or more headline-like lines at the very end are a list of links.
    tail = [ln for ln in lines[last + 1 :] if ln.kept]
    if len(tail) >= 3 and all(ln.headline_like() for ln in tail):
        for ln in tail:
            ln.reason = "trailer"
    # An isolated headline between paragraphs that neither paragraph talks about.
    for a, ln, b in zip(kept, kept[1:], kept[2:], strict=False):
        if (
            a.is_body()
            and b.is_body()
            and 5 <= ln.words <= 12
            and not ln.terminal
            and ln.ending not in "?!"
            and not ln.closed
            and _overlap(ln, b.key) < 0.4
            and _overlap(ln, a.key) < 0.4
        ):
            ln.reason = "headline"


def classify(lines: list[Line], lex: Lexicon, title_keys: tuple[str, ...] = ()) -> Verdict:
    """Set ``reason`` on every page-furniture line of ``lines`` (non-blank lines, in order)."""
    datelines, urls = _line_rules(lines, lex, title_keys)
    _after_end(lines)
    _card_titles(lines, datelines)
    _related_blocks(lines, lex)
    _link_lists(lines)
    _foreign_head(lines)
    _duplicates(lines)
    _truncated_copies(lines)
    first_body = next((ln.index for ln in lines if ln.kept and ln.is_body()), None)
    datelines = [
        Dateline(d.index, d.iso, d.head, d.outlet, first_body is None or d.index < first_body)
        for d in datelines
    ]
    _positions(lines)
    return Verdict(tuple(lines), tuple(datelines), tuple(urls))


def publication(
    datelines: tuple[Dateline, ...], title_keys: tuple[str, ...]
) -> tuple[str | None, str | None]:
    """The publication date and outlet the datelines give, if any.

    The latest date of a card carrying this article's headline wins; then the first dateline
    above the body; then the first dateline. The outlet is the one named with this article's
    headline, else the one most cards name.
    """
    keys = {k for k in title_keys if k}
    own = [d for d in datelines if d.head and phrase_key(d.head) in keys]
    outlets = Counter(d.outlet for d in datelines if d.outlet)
    outlet = own[-1].outlet if own and own[-1].outlet else (outlets.most_common(1)[0][0] if outlets else None)
    if own:
        return max(d.iso for d in own), outlet
    above = [d for d in datelines if d.before_body and not d.head]
    if above:
        return above[0].iso, outlet
    return (datelines[0].iso if datelines else None), outlet
