"""The knowledge base: people, organisations, places and the offices they hold, with matching keys.

The shipped data is reviewable YAML in ``entities/data`` (people, organisations, places,
offices); ``data/README.md`` describes the schema, which a user's own files share. A user file
(``load_kb(extra=[...])``) adds entries, or extends one whose id is already known: names, short
forms, abbreviations, demonyms and roles are added; a ``name``, ``affiliation`` or ``wikidata``
given replaces the shipped one. Anything malformed raises :class:`KBError` naming the file and
the entry.

Matching keys are :func:`khabar.normalise.key` of every name. Persian joins the parts of a name
with a zero-width non-joiner, a space or nothing at will, so a name written with a ZWNJ is also
keyed with a space in its place.

Loading is quick because the parsed package files and the keys of their names are kept in
``data/kb.compiled.json`` with a hash of each file and the normaliser's version: a YAML file
whose hash no longer matches is parsed again, and keys made by another normaliser are made
again, so an edited file always wins over a stale compiled copy.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from khabar import yamlio
from khabar.errors import KhabarError
from khabar.normalise import VERSION as _NORMALISE_VERSION
from khabar.normalise import key as _key

try:  # the shared exception module may define it
    from khabar.errors import KBError  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the version of khabar.errors

    class KBError(KhabarError, ValueError):  # type: ignore[no-redef]
        """A knowledge-base file is malformed; the message names the file and the entry."""


__all__ = [
    "Role", "KBEntry", "Title", "KnowledgeBase", "KBError", "load_kb", "compile_package_data",
    "DATA_DIR", "PACKAGE_FILES", "TYPES", "KINDS",
]

DATA_DIR = Path(__file__).parent / "data"
#: The shipped files, in load order (offices first: roles are checked against them).
PACKAGE_FILES = ("offices.yaml", "places.yaml", "organisations.yaml", "people.yaml")
COMPILED = "kb.compiled.json"
COMPILED_FORMAT = 2

TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
#: Kinds of key that ``all_keys`` yields.
KINDS = ("alias", "short", "abbr", "demonym")
_DEFAULT_KINDS = ("alias", "abbr", "demonym")

_EMPTY: Mapping[str, tuple[str, ...]] = MappingProxyType({})
_ZWNJ = "\u200c"
_QID = re.compile(r"Q[1-9][0-9]*")
_ID = re.compile(r"(Q[1-9][0-9]*|[a-z]+:[^\s]+)")
_LANG = re.compile(r"[a-z]{2,3}")
_ISO2 = re.compile(r"[A-Z]{2}")
_CODE = re.compile(r"[A-Z][A-Z0-9_-]{1,15}")
_OFFICE = re.compile(r"[a-z][a-z_]*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_NAME_FIELDS = ("aliases", "short", "abbreviations", "demonyms")
_FIELDS = {
    "id", "type", "name", "wikidata", "affiliation", "code", "iso2", "country", "capital_of",
    "roles", "names", *_NAME_FIELDS,
}
_DATED_NAME_FIELDS = {"name", "start", "end"}
_ROLE_FIELDS = {"office", "of", "start", "end"}
_FILE_KEYS = {"entries", "offices", "titles"}


@dataclass(frozen=True)
class Role:
    """An office held for a country or organisation, from ``start`` to ``end`` (both inclusive;
    None: open, or not known)."""

    office: str
    of: str
    start: date | None
    end: date | None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class KBEntry:
    """One person, organisation or place. Hashable by ``id``."""

    id: str
    type: str  # PER, ORG, GPE, LOC
    name: str
    affiliation: str | None
    kb_id: str | None
    aliases: Mapping[str, tuple[str, ...]]  # lang -> full names (incl. the canonical name under "en")
    short: Mapping[str, tuple[str, ...]]  # lang -> surnames / short forms, valid after a full mention
    roles: tuple[Role, ...] = ()
    iso2: str | None = None
    country: str | None = None
    capital_of: str | None = None
    demonyms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    #: English names in force over date ranges (Nur-Sultan 2019-2022, then Astana again).
    dated_names: tuple[tuple[str, date | None, date | None], ...] = ()

    def __hash__(self) -> int:
        return hash((self.type, self.id))

    def name_on(self, on: date | None) -> str:
        """The English name the world used on ``on``; the current name when undated."""
        if on is not None:
            for n, start, end in self.dated_names:
                if (start is None or start <= on) and (end is None or on <= end):
                    return n
        return self.name


@dataclass(frozen=True)
class Title:
    """A phrase that names both an office and whom it serves: "White House press secretary",
    "المتحدث باسم الكرملين", "سخنگوی کاخ سفید"."""

    office: str
    of: str
    phrases: Mapping[str, tuple[str, ...]]


class KnowledgeBase:
    """Entries by id, a key index over their names, and the office phrases."""

    def __init__(
        self,
        entries: dict[str, KBEntry],
        offices: dict[str, dict[str, tuple[str, ...]]],
        titles: Sequence[Title] = (),
        codes: Mapping[str, str] | None = None,
        abbreviations: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
        known_keys: Mapping[str, str] | None = None,
    ) -> None:
        self.entries = entries
        self._offices = offices
        self._titles = tuple(titles)
        self._abbr = dict(abbreviations or {})
        # code (ISO alpha-2 or organisation code) -> entry id
        self._codes: dict[str, str] = {}
        for e in entries.values():
            if e.iso2 and e.type == "GPE":
                self._codes.setdefault(e.iso2, e.id)
        self._codes.update(codes or {})
        self._index: dict[str, list[tuple[str, str]]] = {}
        for e in entries.values():
            for kind, names in (
                ("alias", e.aliases), ("abbr", self._abbr.get(e.id, _EMPTY)),
                ("demonym", e.demonyms), ("short", e.short),
            ):
                for k in _keys_of(names, known_keys or {}):
                    bucket = self._index.setdefault(k, [])
                    if (e.id, kind) not in bucket:
                        bucket.append((e.id, kind))
        self._by_office: dict[tuple[str, str], list[tuple[Role, str]]] = {}
        for e in entries.values():
            for r in e.roles:
                self._by_office.setdefault((r.office, r.of), []).append((r, e.id))

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<KnowledgeBase {len(self.entries)} entries, {len(self._index)} keys>"

    def by_key(self, key: str, kinds: Collection[str] = _DEFAULT_KINDS) -> list[KBEntry]:
        """Entries with a name whose normalised key (:func:`khabar.normalise.key`) is ``key``.

        By default full names, abbreviations and demonyms count; short forms (surnames) only
        when asked for with ``kinds=("short",)``, since they name someone only after a full
        mention.
        """
        out: list[KBEntry] = []
        for eid, kind in self._index.get(key, ()):
            if kind in kinds:
                e = self.entries[eid]
                if e not in out:
                    out.append(e)
        return out

    def holders(self, office: str, of: str, on: date) -> list[KBEntry]:
        """Who held ``office`` for ``of`` (country or organisation code) on ``on``.

        Both ends of a term count, so on a hand-over day the outgoing and incoming holder are
        both returned, the one who started last first.
        """
        found = [(r, eid) for r, eid in self._by_office.get((office, of.upper()), ()) if r.covers(on)]
        found.sort(key=lambda x: x[0].start or date.min, reverse=True)
        out: list[KBEntry] = []
        for _, eid in found:
            e = self.entries[eid]
            if e not in out:
                out.append(e)
        return out

    def offices(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Office id -> language -> the phrases that name it (from ``offices.yaml``)."""
        return {o: dict(langs) for o, langs in self._offices.items()}

    def titles(self) -> tuple[Title, ...]:
        """Phrases that name an office together with whom it serves ("Kremlin spokesman")."""
        return self._titles

    def country(self, code: str) -> KBEntry | None:
        """The country with this ISO alpha-2 code, or the organisation with this code (UN, EU)."""
        eid = self._codes.get(code.upper())
        return self.entries.get(eid) if eid else None

    def codes(self) -> dict[str, str]:
        """Every affiliation code known (countries and organisations) -> entry id."""
        return dict(self._codes)

    def all_keys(self) -> Iterator[tuple[str, KBEntry, str]]:
        """Every ``(key, entry, kind)``; kind is one of "alias", "short", "abbr", "demonym"."""
        for k, pairs in self._index.items():
            for eid, kind in pairs:
                yield k, self.entries[eid], kind


def _keys_of(names: Mapping[str, tuple[str, ...]], known: Mapping[str, str]) -> Iterator[str]:
    """Matching keys of the names; ``known`` holds keys computed ahead (the compiled data)."""
    for values in names.values():
        for n in values:
            yield from _name_keys(n, known)


def _name_keys(n: str, known: Mapping[str, str]) -> list[str]:
    k = known.get(n)
    if k is None:
        k = _key(n)
    out = [k] if k else []
    if _ZWNJ in n:
        n2 = n.replace(_ZWNJ, " ")
        k2 = known.get(n2)
        if k2 is None:
            k2 = _key(n2)
        if k2 and k2 != k:
            out.append(k2)
    return out


# --------------------------------------------------------------------------- loading


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base, extended with the user's ``extra`` YAML files in order."""
    builder = _Builder()
    docs, known_keys = _package_documents()
    for name, doc in docs:
        builder.add_file(doc, f"khabar/entities/data/{name}", package=True)
    builder.known_keys = known_keys
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise KBError(f"{p}: cannot read knowledge-base file ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise KBError(f"{p}: not UTF-8 text ({exc.reason})") from exc
        builder.add_file(_parse_yaml(text, str(p)), str(p), package=False)
    return builder.build()


class _Loader(yamlio.Loader):  # type: ignore[misc,valid-type]
    """The safe loader (libyaml's when there is one) that leaves dates as text, so that a bad
    date is reported by the validation with the entry it belongs to."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise KBError(f"{origin}: not valid YAML: {exc}") from exc


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _package_documents() -> tuple[list[tuple[str, Any]], dict[str, str]]:
    """Each shipped file's parsed content, from the compiled copy when it is current, and the
    matching keys the compiled copy holds (when it was made with this normaliser)."""
    compiled: dict[str, Any] = {}
    keys: dict[str, str] = {}
    cpath = DATA_DIR / COMPILED
    if cpath.is_file():
        try:
            c = json.loads(cpath.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            c = {}
        if c.get("format") == COMPILED_FORMAT:
            compiled = c.get("files", {})
            if c.get("normalise") == _NORMALISE_VERSION:
                keys = c.get("keys", {})
    docs = []
    for name in PACKAGE_FILES:
        raw = (DATA_DIR / name).read_bytes()
        hit = compiled.get(name)
        if hit and hit.get("sha256") == _digest(raw):
            docs.append((name, hit["data"]))
        else:
            docs.append((name, _parse_yaml(raw.decode("utf-8"), f"khabar/entities/data/{name}")))
    return docs, keys


def compile_package_data(data_dir: Path = DATA_DIR) -> Path:
    """Write ``kb.compiled.json``: the shipped YAML files parsed, with their hashes.

    Validates everything first, so a broken file is never compiled.
    """
    files: dict[str, Any] = {}
    builder = _Builder()
    for name in PACKAGE_FILES:
        raw = (data_dir / name).read_bytes()
        doc = _parse_yaml(raw.decode("utf-8"), f"khabar/entities/data/{name}")
        builder.add_file(doc, f"khabar/entities/data/{name}", package=True)
        files[name] = {"sha256": _digest(raw), "data": doc}  # dates stay text (see _Loader)
    kb = builder.build()
    names: set[str] = set()
    for e in kb.entries.values():
        for field_ in (e.aliases, e.short, e.demonyms, kb._abbr.get(e.id, _EMPTY)):
            for values in field_.values():
                for n in values:
                    names.add(n)
                    if _ZWNJ in n:
                        names.add(n.replace(_ZWNJ, " "))
    keys = {n: _key(n) for n in sorted(names)}
    out = data_dir / COMPILED
    out.write_text(
        json.dumps(
            {"format": COMPILED_FORMAT, "normalise": _NORMALISE_VERSION, "files": files, "keys": keys},
            ensure_ascii=False, separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    return out


def compiled_is_current(data_dir: Path = DATA_DIR) -> bool:
    """True when ``kb.compiled.json`` matches every shipped YAML file."""
    try:
        c = json.loads((data_dir / COMPILED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = c.get("files", {})
    return c.get("format") == COMPILED_FORMAT and c.get("normalise") == _NORMALISE_VERSION and all(
        files.get(n, {}).get("sha256") == _digest((data_dir / n).read_bytes()) for n in PACKAGE_FILES
    )


class _Builder:
    """Collects validated entries from files in order, merging repeated ids from user files."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.origin: dict[str, str] = {}
        self.offices: dict[str, dict[str, list[str]]] = {}
        self.titles: list[tuple[dict[str, Any], str]] = []
        self.known_keys: Mapping[str, str] = {}

    # one file ------------------------------------------------------------------------
    def add_file(self, doc: Any, origin: str, package: bool) -> None:
        if doc is None:
            return
        if isinstance(doc, list):
            doc = {"entries": doc}
        if not isinstance(doc, dict):
            raise KBError(f"{origin}: expected a mapping with 'entries' (or a list of entries), got {type(doc).__name__}")
        unknown = set(doc) - _FILE_KEYS
        if unknown:
            raise KBError(f"{origin}: unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(_FILE_KEYS)}")
        self._add_offices(doc.get("offices"), origin)
        self._add_titles(doc.get("titles"), origin)
        entries = doc.get("entries") or []
        if not isinstance(entries, list):
            raise KBError(f"{origin}: 'entries' must be a list")
        seen_here: set[str] = set()
        for i, raw in enumerate(entries):
            e = _check_entry(raw, origin, i)
            eid = e["id"]
            if eid in seen_here:
                raise KBError(f"{origin}: entry {eid!r}: duplicate id in this file")
            seen_here.add(eid)
            if eid in self.entries:
                if package:
                    raise KBError(f"{origin}: entry {eid!r}: duplicate id (already in {self.origin[eid]})")
                self._merge(eid, e, origin)
            else:
                for need in ("type", "name"):
                    if e.get(need) is None:
                        raise KBError(f"{origin}: entry {eid!r}: '{need}' is required for a new entry")
                self.entries[eid] = e
                self.origin[eid] = origin

    def _add_offices(self, offices: Any, origin: str) -> None:
        if offices is None:
            return
        if not isinstance(offices, dict):
            raise KBError(f"{origin}: 'offices' must map an office id to its phrases")
        for oid, spec in offices.items():
            if not isinstance(oid, str) or not _OFFICE.fullmatch(oid):
                raise KBError(f"{origin}: office {oid!r}: ids are lower_case_with_underscores")
            if not isinstance(spec, dict) or set(spec) - {"about", "phrases"}:
                raise KBError(f"{origin}: office {oid!r}: expected keys 'about' and 'phrases'")
            phrases = _check_names(spec.get("phrases") or {}, origin, f"office {oid!r}", "phrases")
            into = self.offices.setdefault(oid, {})
            for lang, values in phrases.items():
                have = into.setdefault(lang, [])
                have.extend(v for v in values if v not in have)

    def _add_titles(self, titles: Any, origin: str) -> None:
        if titles is None:
            return
        if not isinstance(titles, list):
            raise KBError(f"{origin}: 'titles' must be a list")
        for i, t in enumerate(titles):
            if not isinstance(t, dict) or set(t) - {"office", "of", "phrases"} or "phrases" not in t:
                raise KBError(f"{origin}: title #{i + 1}: expected keys 'office', 'of', 'phrases'")
            what = f"title #{i + 1} ({t.get('office')}/{t.get('of')})"
            if not isinstance(t.get("office"), str) or not isinstance(t.get("of"), str):
                raise KBError(f"{origin}: {what}: 'office' and 'of' must be strings")
            self.titles.append(({
                "office": t["office"], "of": t["of"],
                "phrases": _check_names(t["phrases"], origin, what, "phrases"),
            }, origin))

    def _merge(self, eid: str, e: dict[str, Any], origin: str) -> None:
        have = self.entries[eid]
        if e.get("type") is not None and e["type"] != have["type"]:
            raise KBError(
                f"{origin}: entry {eid!r}: type {e['type']} differs from {have['type']} in {self.origin[eid]}"
            )
        for f in ("name", "wikidata", "affiliation", "code", "iso2", "country", "capital_of"):
            if e.get(f) is not None:
                have[f] = e[f]
        for f in _NAME_FIELDS:
            for lang, values in e.get(f, {}).items():
                into = have.setdefault(f, {}).setdefault(lang, [])
                into.extend(v for v in values if v not in into)
        roles = have.setdefault("roles", [])
        roles.extend(r for r in e.get("roles", []) if r not in roles)
        names = have.setdefault("names", [])
        names.extend(n for n in e.get("names", []) if n not in names)

    # everything ----------------------------------------------------------------------
    def build(self) -> KnowledgeBase:
        codes: dict[str, str] = {}
        for eid, e in self.entries.items():
            where = f"{self.origin[eid]}: entry {eid!r}"
            if e.get("code"):
                if e["type"] != "ORG":
                    raise KBError(f"{where}: only an ORG carries 'code'")
                if e["code"] in codes:
                    raise KBError(f"{where}: code {e['code']} is already used by {codes[e['code']]!r}")
                codes[e["code"]] = eid
            if e.get("iso2"):
                if e["iso2"] in codes:
                    raise KBError(f"{where}: iso2 {e['iso2']} is already used by {codes[e['iso2']]!r}")
                codes[e["iso2"]] = eid
        known = set(codes)
        for eid, e in self.entries.items():
            where = f"{self.origin[eid]}: entry {eid!r}"
            for f in ("affiliation", "country", "capital_of"):
                v = e.get(f)
                if v is not None and v not in known:
                    raise KBError(f"{where}: {f} {v!r} is not a known country or organisation code")
            if e.get("roles") and e["type"] != "PER":
                raise KBError(f"{where}: only people (PER) hold roles")
            for r in e.get("roles", []):
                if r["office"] not in self.offices:
                    raise KBError(f"{where}: unknown office {r['office']!r}; offices: {', '.join(sorted(self.offices))}")
                if r["of"] not in known:
                    raise KBError(f"{where}: role {r['office']} of {r['of']!r}: not a known country or organisation code")
        for t, origin in self.titles:
            if t["office"] not in self.offices:
                raise KBError(f"{origin}: title {t['office']}/{t['of']}: unknown office {t['office']!r}")
            if t["of"] not in known:
                raise KBError(f"{origin}: title {t['office']}/{t['of']}: {t['of']!r} is not a known code")

        entries = {eid: _freeze(e) for eid, e in self.entries.items()}
        abbr = {
            eid: MappingProxyType({k: tuple(v) for k, v in e["abbreviations"].items()})
            for eid, e in self.entries.items() if e.get("abbreviations")
        }
        offices = {o: {lang: tuple(v) for lang, v in langs.items()} for o, langs in self.offices.items()}
        titles = [
            Title(t["office"], t["of"], MappingProxyType({k: tuple(v) for k, v in t["phrases"].items()}))
            for t, _ in self.titles
        ]
        org_codes = {c: eid for c, eid in codes.items() if self.entries[eid]["type"] == "ORG"}
        return KnowledgeBase(entries, offices, titles, org_codes, abbr, self.known_keys)


def _freeze(e: dict[str, Any]) -> KBEntry:
    aliases = {k: list(v) for k, v in e.get("aliases", {}).items()}
    en = aliases.setdefault("en", [])
    if e["name"] not in en:
        en.insert(0, e["name"])
    roles = tuple(Role(r["office"], r["of"], r["start"], r["end"]) for r in e.get("roles", []))
    return KBEntry(
        id=e["id"],
        type=e["type"],
        name=e["name"],
        affiliation=e.get("affiliation"),
        kb_id=e.get("wikidata") or (e["id"] if _QID.fullmatch(e["id"]) else None),
        aliases=MappingProxyType({k: tuple(v) for k, v in aliases.items()}),
        short=MappingProxyType({k: tuple(v) for k, v in e.get("short", {}).items()}),
        roles=roles,
        iso2=e.get("iso2"),
        country=e.get("country"),
        capital_of=e.get("capital_of"),
        demonyms=MappingProxyType({k: tuple(v) for k, v in e.get("demonyms", {}).items()}),
        dated_names=tuple((n["name"], n["start"], n["end"]) for n in e.get("names", [])),
    )


# --------------------------------------------------------------------------- validation


def _check_entry(raw: Any, origin: str, index: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise KBError(f"{origin}: entry #{index + 1}: expected a mapping, got {type(raw).__name__}")
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID.fullmatch(eid):
        raise KBError(
            f"{origin}: entry #{index + 1} ({raw.get('name', '?')}): 'id' must be a Wikidata QID "
            f"or a prefixed slug such as p:liz-truss, got {eid!r}"
        )
    where = f"{origin}: entry {eid!r}"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise KBError(f"{where}: unknown key(s) {sorted(map(str, unknown))}; allowed: {sorted(_FIELDS)}")
    out: dict[str, Any] = {"id": eid}
    t = raw.get("type")
    if t is not None and t not in TYPES:
        raise KBError(f"{where}: type {t!r} is not one of {sorted(TYPES)}")
    out["type"] = t
    for f in ("name", "affiliation"):
        v = raw.get(f)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            raise KBError(f"{where}: {f} must be a non-empty string")
        out[f] = v
    if out["affiliation"] is not None and not _CODE.fullmatch(out["affiliation"]):
        raise KBError(f"{where}: affiliation {out['affiliation']!r} must be an ISO alpha-2 or organisation code")
    wd = raw.get("wikidata")
    if wd is not None and (not isinstance(wd, str) or not _QID.fullmatch(wd)):
        raise KBError(f"{where}: wikidata must be a QID such as Q7747 or null, got {wd!r}")
    if wd is not None and _QID.fullmatch(eid) and wd != eid:
        raise KBError(f"{where}: id is a QID but wikidata says {wd}")
    out["wikidata"] = wd
    for f, pattern, types in (
        ("code", _CODE, {"ORG"}), ("iso2", _ISO2, {"GPE"}),
        ("country", _ISO2, {"GPE", "LOC", "ORG"}), ("capital_of", _ISO2, {"GPE", "LOC"}),
    ):
        v = raw.get(f)
        if v is None:
            out[f] = None
            continue
        if not isinstance(v, str) or not pattern.fullmatch(v):
            raise KBError(f"{where}: {f} {v!r} is malformed")
        if t is not None and t not in types:
            raise KBError(f"{where}: {f} is for {'/'.join(sorted(types))} entries, not {t}")
        out[f] = v
    for f in _NAME_FIELDS:
        if raw.get(f) is not None:
            out[f] = _check_names(raw[f], origin, f"entry {eid!r}", f)
    names = raw.get("names")
    if names is not None:
        if not isinstance(names, list):
            raise KBError(f"{where}: names must be a list of {{name, start, end}}")
        out["names"] = [_check_dated_name(n, where, i) for i, n in enumerate(names)]
    roles = raw.get("roles")
    if roles is not None:
        if t is not None and t != "PER":
            raise KBError(f"{where}: only people (PER) hold roles")
        if not isinstance(roles, list):
            raise KBError(f"{where}: roles must be a list")
        out["roles"] = [_check_role(r, where, i) for i, r in enumerate(roles)]
    return out


def _check_names(v: Any, origin: str, what: str, f: str) -> dict[str, list[str]]:
    if not isinstance(v, dict):
        raise KBError(f"{origin}: {what}: {f} must map a language code to a list of names")
    out: dict[str, list[str]] = {}
    for lang, names in v.items():
        if not isinstance(lang, str) or not _LANG.fullmatch(lang):
            raise KBError(f"{origin}: {what}: {f}: {lang!r} is not a language code (en, ar, fa, ru...)")
        if names is None:
            continue
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise KBError(f"{origin}: {what}: {f}.{lang} must be a list of non-empty strings")
        seen: list[str] = []
        for n in names:
            n = n.strip()
            if n not in seen:
                seen.append(n)
        out[lang] = seen
    return out


def _check_dated_name(n: Any, where: str, i: int) -> dict[str, Any]:
    if not isinstance(n, dict) or set(n) - _DATED_NAME_FIELDS or not isinstance(n.get("name"), str):
        raise KBError(f"{where}: names #{i + 1}: expected a mapping with name, start, end")
    start = _date(n.get("start"), f"{where}: name {n['name']}: start")
    end = _date(n.get("end"), f"{where}: name {n['name']}: end")
    if start and end and end < start:
        raise KBError(f"{where}: name {n['name']}: ends ({end}) before it starts ({start})")
    return {"name": n["name"], "start": start, "end": end}


def _check_role(r: Any, where: str, i: int) -> dict[str, Any]:
    if not isinstance(r, dict):
        raise KBError(f"{where}: role #{i + 1}: expected a mapping with office, of, start, end")
    unknown = set(r) - _ROLE_FIELDS
    if unknown:
        raise KBError(f"{where}: role #{i + 1}: unknown key(s) {sorted(map(str, unknown))}")
    office, of = r.get("office"), r.get("of")
    if not isinstance(office, str) or not isinstance(of, str) or not _CODE.fullmatch(of):
        raise KBError(f"{where}: role #{i + 1}: 'office' and 'of' (a country or organisation code) are required")
    start = _date(r.get("start"), f"{where}: role {office} of {of}: start")
    end = _date(r.get("end"), f"{where}: role {office} of {of}: end")
    if start and end and end < start:
        raise KBError(f"{where}: role {office} of {of}: ends ({end}) before it starts ({start})")
    return {"office": office, "of": of, "start": start, "end": end}


def _date(v: Any, what: str) -> date | None:
    if v is None:
        return None
    if isinstance(v, date) and not hasattr(v, "hour"):
        return v
    if isinstance(v, str) and _ISO_DATE.fullmatch(v):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise KBError(f"{what}: {v!r} is not an ISO date (YYYY-MM-DD) or null")
