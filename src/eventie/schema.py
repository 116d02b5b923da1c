"""The public output contract: pydantic v2 models for events and their evidence.

Field names are API. Every value read from the text carries ``text``/``start``/``end`` (character
offsets into the caller's input, end exclusive), so a user can always point at the words a value came
from. Models are frozen and forbid extra keys: output that silently grows or mutates is output nobody
can trust at scale.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CasualtyKind = Literal["killed", "injured", "captured", "missing", "present"]
Role = Literal["perpetrator", "target", "other"]
CertaintyLevel = Literal["confirmed", "reported", "claimed", "unverified", "disputed"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(_Model):
    """A stretch of the input text: the evidence for a value."""

    text: str = Field(description="The text exactly as it appears in the input (input[start:end]).")
    start: int = Field(ge=0, description="Character offset of the first character in the input.")
    end: int = Field(ge=0, description="Character offset just after the last character (exclusive).")


class Place(Mention):
    """A location, resolved against eventie's offline gazetteer (GeoNames-derived)."""

    name: str = Field(description="Normalised place name in common English news spelling.")
    admin1: str | None = Field(None, description="First-level region (oblast, state, province), if known.")
    admin2: str | None = Field(None, description="Second-level unit (district, raion, county, territory), if known.")
    precision: Literal["settlement", "district", "region", "country"] | None = Field(
        None, description="How specific the place is, like ACLED's geo-precision: a settlement (town, village or named site), district, region or country."
    )
    country: str | None = Field(None, description="Country name.")
    lat: float | None = Field(None, description="Latitude (WGS84) of the gazetteer entry.")
    lon: float | None = Field(None, description="Longitude (WGS84) of the gazetteer entry.")
    geonameid: int | None = Field(None, description="GeoNames id of the gazetteer entry, when it has one.")
    occupied: bool | None = Field(None, description="True when the text calls the place occupied; else None.")


class Actor(Mention):
    """A participant in an event (who did it, to whom), listed once however often the text names it.

    ``text``/``start``/``end`` is its most informative mention in the document, the same in every event
    it takes part in (docs/events.md); ``mentions`` holds every mention in the event. Sources of claims are not actors unless they also take part: they are in ``attributions``.
    """

    name: str = Field(description="Normalised name, e.g. 'HUR' for \"Ukraine's military intelligence agency\".")
    role: Role = Field(description="perpetrator, target or other (sources, bystanders).")
    side: str | None = Field(None, description="Conflict party the actor belongs to, e.g. 'Ukraine', 'Russia', 'RSF'.")
    kind: str | None = Field(
        None, description="military, intelligence, partisan, civilian, government, armed_group, police, media, organization."
    )
    mentions: list[Mention] = Field(default_factory=list, description="Every mention of this actor in the event, in text order.")


class Hedge(Mention):
    """Words that weaken or qualify the claim."""

    kind: str = Field(description="alleged, preliminary, unverified, estimative, reported, modal, denied.")


class Equipment(Mention):
    """A weapon, vehicle, platform or system of the event, listed once with all its mentions."""

    name: str = Field(description="Normalised singular name, e.g. 'Kamaz truck'.")
    category: str | None = Field(None, description="truck, tank, artillery, drone, missile, aircraft, ship, air_defence, ...")
    count: int | None = Field(None, ge=0, description="How many, when the text says; None when unstated.")
    side: str | None = Field(None, description="Whose equipment it is, when the text says.")
    status: str | None = Field(None, description="destroyed, damaged, captured, hit, intercepted, lost, or None.")
    attribution: int | None = Field(
        None, description="Index into the event's ``attributions`` of the cue this status rests on (the nearest cue of its sentence); None when its sentence has none."
    )
    source: str | None = Field(None, description="Who says so: that attribution's resolved source name, else its source as written.")
    hedges: list[Hedge] = Field(default_factory=list, description="The hedges of its sentence that qualify this status, not a neighbouring one.")
    mentions: list[Mention] = Field(default_factory=list, description="Every mention of this item in the event, in text order.")


class Casualty(Mention):
    """A count of people harmed (or present at the scene) as the text states it."""

    kind: CasualtyKind = Field(description="killed, injured, captured, missing, or present (at the scene, no outcome stated).")
    min: int | None = Field(None, ge=0, description="Lower bound of the count; None when the text gives no number.")
    max: int | None = Field(None, ge=0, description="Upper bound of the count; None when open or unstated.")
    approximate: bool = Field(False, description="True for 'about', 'some', 'dozens' and the like.")
    who: str | None = Field(None, description="The people counted, as in the text.")
    side: str | None = Field(None, description="Conflict party of the people counted, when the text says.")
    attribution: int | None = Field(
        None, description="Index into the event's ``attributions`` of the cue this count rests on (the nearest cue of its sentence); None when its sentence has none."
    )
    source: str | None = Field(None, description="Who says so: that attribution's resolved source name, else its source as written.")
    hedges: list[Hedge] = Field(default_factory=list, description="The hedges of its sentence that qualify this count, not a neighbouring one.")


class Attribution(Mention):
    """A cue that puts the information in someone's mouth: the span is the cue itself."""

    source: str | None = Field(
        None, description="Who says it, as the text names them: one string per speaker ('He said' gives the earlier name)."
    )
    source_name: str | None = Field(None, description="The source's normalised actor name, when resolved.")
    cue: str = Field(description="Normalised cue: according_to, claimed, said, wrote, reported, denied, ...")
    channel: str | None = Field(None, description="Telegram, X, statement, briefing, video, interview, ... or None.")


class Sentence(Mention):
    """An evidence sentence of the event."""


class Event(_Model):
    """One incident reported by the article, with every value tied to its evidence."""

    id: str = Field(description="Stable id: the same text and pipeline give the same id.")
    type: str = Field(description="Event type from eventie's codebook (docs/codebook.md).")
    acled_event_type: str | None = Field(None, description="Closest ACLED event type, if one fits.")
    acled_sub_event_type: str | None = Field(None, description="Closest ACLED sub-event type, if one fits.")
    trigger: Mention = Field(description="The word(s) that name the event.")
    date: dt.date | None = Field(None, description="Day of the event, when the text lets us resolve one.")
    date_text: Mention | None = Field(None, description="The date expression the date was read from.")
    date_end: dt.date | None = Field(
        None, description="Last day when the date expression names a span of days ('March 3-4'); None for one day."
    )
    location: Place | None = Field(None, description="The most specific place of the event.")
    actors: list[Actor] = Field(default_factory=list, description="Participants (perpetrators, targets, others taking part); one per entity.")
    equipment: list[Equipment] = Field(default_factory=list, description="Weapons, vehicles and systems of the event; one per item.")
    casualties: list[Casualty] = Field(default_factory=list, description="Counts of people harmed or present, as stated.")
    attributions: list[Attribution] = Field(default_factory=list, description="Who says so: cue, source, channel.")
    hedges: list[Hedge] = Field(default_factory=list, description="Words that weaken or qualify the claim.")
    certainty: CertaintyLevel = Field(description="Derived from attributions and hedges by the rules in docs/certainty.md.")
    certainty_reason: str = Field(description="Which rule set the certainty, in words.")
    sentences: list[Sentence] = Field(default_factory=list, description="The evidence sentences.")

    def perpetrators(self) -> list[Actor]:
        return [a for a in self.actors if a.role == "perpetrator"]

    def targets(self) -> list[Actor]:
        return [a for a in self.actors if a.role == "target"]


class Document(_Model):
    """The result for one input of ``extract_many``: its id, metadata and events."""

    id: str | None = Field(None, description="The input record's id, if it had one.")
    published: dt.date | None = Field(None, description="Publication date used to resolve relative dates.")
    meta: dict = Field(default_factory=dict, description="The input record's other fields, passed through.")
    events: list[Event] = Field(default_factory=list, description="The events found in this input, in text order.")
    warnings: list[str] = Field(default_factory=list, description="Warnings about this input (W-codes).")
