"""Packaged data files (lexicons, gazetteer, cue lists, codebook), validated and loaded once.

Rules live in data files so that domain experts can change them without touching code; every file is
validated by a pydantic model here, and a bad row names its file and line (E006), because a silently
skipped lexicon row is a silently missed event.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import DataFileError


def read_text(name: str) -> str:
    return resources.files("eventie").joinpath("data", name).read_text(encoding="utf-8")


class ActorRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: str
    name: str
    side: str | None = None
    kind: str
    case: str = "lower"


class EquipmentRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: str
    name: str
    category: str
    side: str | None = None


class CueRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    category: str
    literal: str | None = None
    phrase: str | None = None
    pattern: list[dict[str, Any]] | None = None
    cue: str | None = None
    kind: str | None = None


class TriggerRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    type: str
    lemmas: list[str]
    constraints: dict[str, str] = {}


def _jsonl(name: str, model: type[BaseModel]) -> list[Any]:
    out = []
    for lineno, line in enumerate(read_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise DataFileError(f"E006: data/{name}:{lineno}: {exc}") from None
    return out


def _csv(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_text(name)), delimiter=delimiter))


@cache
def actor_rules() -> tuple[ActorRule, ...]:
    return tuple(_jsonl("actors.jsonl", ActorRule))


@cache
def equipment_rules() -> tuple[EquipmentRule, ...]:
    return tuple(_jsonl("equipment.jsonl", EquipmentRule))


@cache
def cue_rules() -> tuple[CueRule, ...]:
    rules = tuple(_jsonl("cues.jsonl", CueRule))
    for r in rules:
        if (r.phrase is None) == (r.pattern is None):
            raise DataFileError(f"E006: data/cues.jsonl rule {r.id}: give exactly one of phrase/pattern")
    return rules


@cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    return tuple(_jsonl("triggers.jsonl", TriggerRule))


@cache
def demonyms() -> dict[str, str]:
    return {r["adjective"]: r["side"] for r in _csv("demonyms.csv")}


@cache
def demonym_countries() -> dict[str, str]:
    """Demonym -> gazetteer country name ("Sudanese" -> "Sudan"): the article's countries for places."""
    return {r["adjective"]: r["country"] for r in _csv("demonyms.csv") if r.get("country")}


@cache
def personnel() -> dict[str, tuple[str, str]]:
    return {r["noun"].lower(): (r["kind"], r["name"]) for r in _csv("personnel.csv")}


@cache
def channels() -> dict[str, str]:
    return {r["term"]: r["channel"] for r in _csv("channels.csv")}


@cache
def yaml_file(name: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(read_text(name))
    except yaml.YAMLError as exc:
        raise DataFileError(f"E006: data/{name}: {exc}") from None
    if not isinstance(data, dict):
        raise DataFileError(f"E006: data/{name}: expected a mapping at top level")
    return data


def casualty_lexicon() -> dict[str, Any]:
    return yaml_file("casualties.yaml")


def place_cues() -> dict[str, Any]:
    return yaml_file("place_cues.yaml")


def context_rules() -> dict[str, Any]:
    return yaml_file("context.yaml")


@cache
def codebook() -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in yaml_file("codebook.yaml")["types"]}


PRECISIONS = ("settlement", "district", "region", "country")


class PlaceEntry(BaseModel):
    """One gazetteer row. ``precision`` is ACLED-like geo-precision: settlement (town, village or named
    site), district (admin2), region (admin1 or a named area) or country."""

    model_config = ConfigDict(frozen=True)
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None = None
    population: int
    precision: str = "settlement"

    @property
    def is_region(self) -> bool:
        return self.precision != "settlement"

    @property
    def rank(self) -> int:
        """0 for a settlement up to 3 for a country: lower is more specific."""
        return PRECISIONS.index(self.precision)


class Gazetteer:
    """Every match key (name or alias) -> its candidate places, most populous first.

    Rows stay as raw lines until a key that names them is looked up: building 234k pydantic objects at
    load would cost seconds, and a text names a few dozen places.
    """

    def __init__(self, text: str, index: dict[str, str], weak: frozenset[str], n_rows: int) -> None:
        self._text = text
        self._index = index
        self._rows: dict[int, PlaceEntry] = {}
        self.weak = weak
        self.n_rows = n_rows

    def __contains__(self, key: str) -> bool:
        return key in self._index

    @property
    def n_keys(self) -> int:
        return len(self._index)

    def get(self, key: str) -> list[PlaceEntry]:
        offsets = self._index.get(key)
        if not offsets:
            return []
        return sorted((self._row(int(i)) for i in offsets.split(",")), key=lambda e: -e.population)

    def _row(self, offset: int) -> PlaceEntry:
        entry = self._rows.get(offset)
        if entry is None:
            line = self._text[offset : self._text.index("\n", offset)]
            name, gid, lat, lon, country, admin1, admin2, pop, precision = line.split("\t")
            if precision not in PRECISIONS:
                raise DataFileError(f"E006: data/places.tsv.gz at {offset}: unknown precision {precision!r}")
            entry = PlaceEntry.model_construct(
                name=name, geonameid=int(gid) or None, lat=float(lat) if lat else None, lon=float(lon) if lon else None,
                country=country or None, admin1=admin1 or None, admin2=admin2 or None, population=int(pop), precision=precision,
            )
            self._rows[offset] = entry
        return entry


@cache
def gazetteer() -> Gazetteer:
    """The shipped worldwide gazetteer (``scripts/build_gazetteer.py``; GeoNames, CC BY 4.0)."""
    raw = resources.files("eventie").joinpath("data", "places.tsv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    k, p = text.find("\n#keys\n"), text.find("\n#postings\n")
    if k < 0 or p < 0 or not text.startswith("name\t") or not text[: text.index("\n")].endswith("\tprecision"):
        raise DataFileError("E006: data/places.tsv.gz: unexpected layout; rebuild with scripts/build_gazetteer.py")
    keys, postings = text[k + 7 : p].split("\n"), text[p + 11 :].split("\n")
    if len(keys) != len(postings):
        raise DataFileError("E006: data/places.tsv.gz: keys and postings differ; rebuild with scripts/build_gazetteer.py")
    weak = frozenset(w for w in read_text("place_weak_keys.txt").splitlines() if w)
    return Gazetteer(text, dict(zip(keys, postings, strict=True)), weak, n_rows=text.count("\n", 0, k))
