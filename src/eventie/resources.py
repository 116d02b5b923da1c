"""Packaged data files (lexicons, gazetteer, cue lists, codebook), validated and loaded once.

Rules live in data files so that domain experts can change them without touching code; every file is
validated by a pydantic model here, and a bad row names its file and line (E006), because a silently
skipped lexicon row is a silently missed event.
"""

from __future__ import annotations

import csv
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


def context_rules() -> dict[str, Any]:
    return yaml_file("context.yaml")


@cache
def codebook() -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in yaml_file("codebook.yaml")["types"]}


class PlaceEntry(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    population: int
    is_region: bool = False


@cache
def gazetteer() -> tuple[dict[str, list[PlaceEntry]], list[str]]:
    """Map every match key (name or alias) to its candidate places, most populous first."""
    index: dict[str, list[PlaceEntry]] = {}
    rows = csv.reader(io.StringIO(read_text("places.tsv")), delimiter="\t")
    next(rows)
    for r in rows:
        name, gid, lat, lon, country, admin1, pop, aliases = r
        entry = PlaceEntry(
            name=name,
            geonameid=int(gid) or None,
            lat=float(lat) if lat else None,
            lon=float(lon) if lon else None,
            country=country or None,
            admin1=admin1 or None,
            population=int(pop),
            is_region=not lat and (country == name or admin1 == name),
        )
        for key in {name, *(a for a in aliases.split("|") if a)}:
            index.setdefault(key, []).append(entry)
    for cands in index.values():
        cands.sort(key=lambda e: -e.population)
    return index, sorted(index)


class AssemblerRules(BaseModel):
    """data/assembler.yaml: the word lists and codebook facts the event assembler reads (docs/events.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    specificity: dict[str, int]
    remote_types: frozenset[str]
    group_nouns: frozenset[str]
    target_preps: frozenset[str]
    blocked_edges: frozenset[str]
    actor_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    means_categories: frozenset[str]
    platform_categories: frozenset[str]
    party_kinds: frozenset[str]
    harm_kinds: frozenset[str]
    harm_types: dict[str, str]
    harm_default_type: str
    status_rank: tuple[str, ...]
    generic_rules: frozenset[str]


class ResolverRules(BaseModel):
    """data/resolver.yaml: what the span resolver needs to tell a real NER span from junk."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    equipment_heads: frozenset[str]
    people_heads: frozenset[str]
    not_actor_heads: frozenset[str]


def _validated(name: str, model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(yaml_file(name))
    except ValidationError as exc:
        raise DataFileError(f"E006: data/{name}: {exc}") from None


@cache
def assembler_rules() -> AssemblerRules:
    return _validated("assembler.yaml", AssemblerRules)


@cache
def resolver_rules() -> ResolverRules:
    return _validated("resolver.yaml", ResolverRules)
