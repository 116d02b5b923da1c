"""Every custom ``._`` attribute eventie uses, declared once and idempotently, with its payload type.

Values are plain dicts/lists/str/int so that Docs with eventie annotations serialise through
DocBin(store_user_data=True) and cross process boundaries with n_process > 1. The TypedDicts below are
the contract between components: a producer writes exactly these keys, a consumer reads only these.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from spacy.tokens import Doc, Span

# Prefixed, so that another spaCy plugin that also wants ``Span._.date`` or ``Doc._.events`` cannot collide.
SPAN_ATTRS = tuple(f"eventie_{n}" for n in ("actor", "equipment", "place", "date", "casualty", "attribution", "hedge", "trigger"))
DOC_ATTRS = tuple(f"eventie_{n}" for n in ("events", "anchor_date", "published", "blocks"))


# --- span payloads (Span._.eventie_*) ------------------------------------------------------------
class ActorInfo(TypedDict, total=False):
    name: str
    side: str | None
    kind: str | None
    rule: str
    side_from: str  # "words"/"document" when the assembler filled the side (assembler/sides.py)


class EquipmentInfo(TypedDict, total=False):
    name: str
    category: str | None
    side: str | None
    rule: str
    count: int | None
    status: str | None


class PlaceInfo(TypedDict, total=False):
    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    is_region: bool
    occupied: bool | None


class DateInfo(TypedDict, total=False):
    value: str | None
    end: str | None
    explicit_year: bool


class CasualtyInfo(TypedDict, total=False):
    kind: str
    min: int | None
    max: int | None
    approximate: bool
    who: str | None
    side: str | None


class AttributionInfo(TypedDict, total=False):
    source: str | None
    source_start: int | None
    source_end: int | None
    source_index: int | None  # index of the speaker's span in doc.spans["eventie_sources"]
    source_span_text: str | None
    source_span_start: int | None
    source_span_end: int | None
    source_resolved: bool
    source_part_indices: list[int]
    speaker: str  # the phrase naming this speaker, the same for each of its attributions (components/speakers.py)
    intent: bool  # the reported clause is a forecast or a pledge ("says it will not allow"): no event rests on it
    speakers: list[str]  # one speaker per conjunct of a coordinated source ("Israel, France and Canada said")
    source_name: str | None
    source_side: str | None
    source_kind: str | None
    cue: str
    channel: str | None
    rule: str


class HedgeInfo(TypedDict, total=False):
    kind: str
    rule: str


class TriggerInfo(TypedDict, total=False):
    type: str
    rule: str
    generic: bool


# --- output payloads (Doc._.eventie_events: plain dicts shaped like eventie.schema) -------------
class MentionDict(TypedDict):
    text: str
    start: int
    end: int


class ActorDict(MentionDict):
    name: str
    role: str
    side: str | None
    kind: str | None
    mentions: list[MentionDict]


class EquipmentDict(MentionDict):
    name: str
    category: str | None
    count: int | None
    side: str | None
    status: str | None
    mentions: list[MentionDict]
    attribution: NotRequired[int | None]  # the status rests on (assembler/support.py)
    source: NotRequired[str | None]
    hedges: NotRequired[list[dict]]


def install_extensions() -> None:
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


install_extensions()
