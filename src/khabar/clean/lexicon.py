"""Page furniture vocabulary, one YAML file per language in ``clean/lang/``.

Adding a language is adding ``lang/<code>.yaml`` with any of these lists (all optional):

- ``ui``: whole short lines made only of these words are widgets, menus and labels
  ("Share", "التعليقات", "نوار خبری");
- ``lead``: a short line starting with one of these points at another page ("Read also: ...");
- ``related``: headers of a block of links to other articles ("Related stories");
- ``sentences``: banner and form sentences, matched inside lines of up to 40 words;
- ``credit_strong`` / ``credit_weak``: photo credit markers, matched in the folded line with
  its punctuation ("(Photo by", "©");
- ``end``: end-of-article markers ("انتهای پیام");
- ``months``, ``jalali_months``, ``hijri_months``: month names for datelines.

Every phrase is matched through ``khabar.normalise.key``, so Arabic letter variants, harakat,
accents and case do not matter. The files are merged: page furniture is recognised whatever
the language of the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import yamlio
from ..normalise import fold, key

__all__ = ["Lexicon", "build_lexicon", "default_lexicon", "phrase_key", "read_tables"]

_LISTS = ("ui", "lead", "related", "sentences", "credit_strong", "credit_weak", "end", "social_hosts")
_MONTHS = ("months", "jalali_months", "hijri_months")


def phrase_key(text: str) -> str:
    """The matching key of a phrase or a line (see ``khabar.normalise.key``)."""
    return key(text)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Merged page-furniture vocabulary. Phrases are stored as keys (token tuples for ``ui``).

    Compared and hashed by identity, so derived tables can be cached per lexicon.
    """

    ui: frozenset[tuple[str, ...]]
    lead: tuple[tuple[str, ...], ...]
    related: frozenset[str]
    sentences: tuple[str, ...]
    credit_strong: tuple[str, ...]
    credit_weak: tuple[str, ...]
    end: frozenset[str]
    social_hosts: frozenset[str]
    months: dict[str, int]
    jalali_months: dict[str, int]
    hijri_months: dict[str, int]
    languages: tuple[str, ...]
    ui_max_len: int = 1  # words in the longest ``ui`` phrase


def read_tables() -> dict[str, dict]:
    out: dict[str, dict] = {}
    folder = resources.files(__package__).joinpath("lang")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yamlio.safe_load(entry.read_text(encoding="utf-8")) or {}
        unknown = set(data) - set(_LISTS) - set(_MONTHS)
        if unknown:
            raise ValueError(
                f"clean/lang/{entry.name}: unknown keys {sorted(unknown)}; expected {_LISTS + _MONTHS}"
            )
        out[entry.name[:-5]] = data
    return out


def build_lexicon(files: dict[str, dict]) -> Lexicon:
    """Merge per-language tables (``{"en": {"ui": [...], ...}, ...}``) into one ``Lexicon``."""
    lists: dict[str, list[str]] = {name: [] for name in _LISTS}
    months: dict[str, dict[str, int]] = {name: {} for name in _MONTHS}
    for lang, data in files.items():
        for name in _LISTS:
            lists[name].extend(str(x) for x in data.get(name) or ())
        for name in _MONTHS:
            for word, num in (data.get(name) or {}).items():
                k = phrase_key(str(word))
                if not k or not 1 <= int(num) <= 12:
                    raise ValueError(f"clean/lang/{lang}.yaml: bad month {word!r}: {num!r}")
                if months[name].get(k, num) != num:
                    raise ValueError(f"clean/lang/{lang}.yaml: month {word!r} is {months[name][k]} elsewhere")
                months[name][k] = int(num)

    def keys(name: str) -> list[str]:
        return [k for k in (phrase_key(x) for x in lists[name]) if k]

    def raw(name: str) -> tuple[str, ...]:
        return tuple(sorted({fold(x) for x in lists[name] if x.strip()}, key=len, reverse=True))

    ui = frozenset(tuple(k.split()) for k in keys("ui"))
    return Lexicon(
        ui=ui,
        ui_max_len=max((len(p) for p in ui), default=1),
        lead=tuple(sorted({tuple(k.split()) for k in keys("lead")}, key=len, reverse=True)),
        related=frozenset(keys("related")),
        sentences=tuple(sorted(set(keys("sentences")), key=len, reverse=True)),
        credit_strong=raw("credit_strong"),
        credit_weak=raw("credit_weak"),
        end=frozenset(keys("end")),
        social_hosts=frozenset(x.strip().lower() for x in lists["social_hosts"] if x.strip()),
        months=months["months"],
        jalali_months=months["jalali_months"],
        hijri_months=months["hijri_months"],
        languages=tuple(sorted(k for k in files if not k.startswith("_"))),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped tables, read once (they are package data, so the result never changes)."""
    return build_lexicon(read_tables())
