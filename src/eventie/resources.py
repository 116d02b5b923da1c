"""The packaged data files, parsed once, for code that is not a rule component.

Rule components get their files through ``initialize`` (see ``eventie.rules``) and never call these; what
remains here serves modules that have not moved onto the rule base yet (the assembler) and tooling
(scripts, evaluation). The models and parsers live in ``eventie.rules``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .rules import (
    PRECISIONS,
    ActorRule,
    BaseModelPin,
    CasualtyLexicon,
    ChannelRow,
    Codebook,
    ContextRules,
    CueRule,
    DemonymRow,
    EquipmentRule,
    Gazetteer,
    HtmlRules,
    PersonnelRow,
    PlaceEntry,
    TriggerRule,
    load_gazetteer,
    parse_csv,
    parse_jsonl,
    parse_yaml,
    read_packaged,
)

read_text = read_packaged

__all__ = [
    "PRECISIONS", "ActorRule", "BaseModelPin", "CueRule", "EquipmentRule", "Gazetteer", "PlaceEntry", "TriggerRule", "actor_rules",
    "base_model_pin", "casualty_lexicon", "channels", "codebook", "context_rules", "cue_rules", "demonym_countries", "demonyms",
    "equipment_rules", "gazetteer", "html_rules", "personnel", "read_text", "trigger_rules",
]


@cache
def actor_rules() -> tuple[ActorRule, ...]:
    return tuple(parse_jsonl("actors.jsonl", read_packaged("actors.jsonl"), ActorRule))


@cache
def equipment_rules() -> tuple[EquipmentRule, ...]:
    return tuple(parse_jsonl("equipment.jsonl", read_packaged("equipment.jsonl"), EquipmentRule))


@cache
def cue_rules() -> tuple[CueRule, ...]:
    return tuple(parse_jsonl("cues.jsonl", read_packaged("cues.jsonl"), CueRule))


@cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    return tuple(parse_jsonl("triggers.jsonl", read_packaged("triggers.jsonl"), TriggerRule))


@cache
def demonyms() -> dict[str, str]:
    return {r.adjective: r.side for r in parse_csv("demonyms.csv", read_packaged("demonyms.csv"), DemonymRow)}


@cache
def personnel() -> dict[str, tuple[str, str]]:
    rows = parse_csv("personnel.csv", read_packaged("personnel.csv"), PersonnelRow)
    return {r.noun.lower(): (r.kind, r.name) for r in rows}


@cache
def channels() -> dict[str, str]:
    return {r.term: r.channel for r in parse_csv("channels.csv", read_packaged("channels.csv"), ChannelRow)}


@cache
def casualty_lexicon() -> dict[str, Any]:
    return parse_yaml("casualties.yaml", read_packaged("casualties.yaml"), CasualtyLexicon).model_dump()


@cache
def context_rules() -> dict[str, Any]:
    return parse_yaml("context.yaml", read_packaged("context.yaml"), ContextRules).model_dump()


@cache
def base_model_pin() -> BaseModelPin:
    """``base_model.json``: the base pipeline release eventie is pinned to, file by file."""
    return BaseModelPin.model_validate_json(read_packaged("base_model.json"))


@cache
def html_rules() -> HtmlRules:
    """``html.yaml``: page furniture blanked before extraction (read by eventie.text, not a component)."""
    return parse_yaml("html.yaml", read_packaged("html.yaml"), HtmlRules)


@cache
def codebook() -> dict[str, dict[str, Any]]:
    book = parse_yaml("codebook.yaml", read_packaged("codebook.yaml"), Codebook)
    return {t.id: t.model_dump() for t in book.types}


@cache
def gazetteer() -> Gazetteer:
    """The shipped worldwide gazetteer, read once per process (it is data, not rules: 7 MB, not copied
    into saved pipelines)."""
    from importlib import resources as _res

    raw = _res.files("eventie").joinpath("data", "places.tsv.gz").read_bytes()
    return load_gazetteer(raw, read_packaged("place_weak_keys.txt"))


@cache
def demonym_countries() -> dict[str, str]:
    """Demonym -> gazetteer country name ("Sudanese" -> "Sudan"): the article's countries for places."""
    rows = parse_csv("demonyms.csv", read_packaged("demonyms.csv"), DemonymRow)
    return {r.adjective: r.country for r in rows if r.country}
