"""Tables that sit next to ACLED and UCDP data: one row per event, casualty or actor.

Coders compare machine output with ACLED exports line by line, so the event table uses ACLED's column
names and conventions (docs/acled.md says where they are followed and where not), and keeps eventie's
own evidence beside them: certainty, who claims it, and the character offsets every value came from.
The mapping tables (ISO3 codes, actor categories, channel scales) live in ``data/acled.yaml``.

pandas and pyarrow are optional: the row functions return plain dicts, ``to_dataframe`` imports pandas
only when called and says how to install it when it is missing.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..errors import MissingExtraError
from ..rules import parse_yaml, read_packaged
from ..schema import Casualty, Document, Event

Level = Literal["event", "casualty", "actor"]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities",
    # eventie's own: UCDP-style estimates, certainty, claimants and evidence offsets
    "best", "low", "high", "certainty", "certainty_reason", "claimed_by", "denied_by", "hedges",
    "doc_id", "event_id", "eventie_type", "trigger", "trigger_start", "trigger_end",
    "location_start", "location_end", "date_start", "date_end", "fatalities_evidence", "sentences",
]
CASUALTY_COLUMNS = [
    "doc_id", "event_id", "event_id_cnty", "kind", "min", "max", "approximate", "who", "side",
    "claimed_by", "certainty", "text", "start", "end",
]
ACTOR_COLUMNS = [
    "doc_id", "event_id", "event_id_cnty", "name", "role", "side", "kind", "inter", "text", "start", "end", "n_mentions",
]


class AcledMapping(BaseModel):
    """The contents of data/acled.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int
    iso3: dict[str, str]
    unknown_iso3: str
    inter: dict[str, str]
    unknown_inter: str
    unnamed_perpetrator: str
    civilians: str
    violent_event_types: list[str]
    source_scale: dict[str, str]
    geo_precision: dict[str, int]
    time_precision: dict[str, int]


@lru_cache(maxsize=1)
def mapping() -> AcledMapping:
    return parse_yaml("acled.yaml", read_packaged("acled.yaml"), AcledMapping)


# --- inputs ----------------------------------------------------------------------------------------
def iter_documents(documents: Any) -> Iterator[Document]:
    """Documents from a Document, an Event, a dict of either, or an iterable of those (streamed)."""
    if isinstance(documents, (Document, Event, dict)):
        documents = [documents]
    for d in documents:
        if isinstance(d, Document):
            yield d
        elif isinstance(d, Event):
            yield Document(events=[d])
        elif isinstance(d, dict):
            yield Document(events=[Event.model_validate(d)]) if "trigger" in d else Document.model_validate(d)
        else:
            raise TypeError(f"E001: expected Document, Event or dict, got {type(d).__name__}")


# --- counts ----------------------------------------------------------------------------------------
def _point(c: Casualty) -> int:
    """One figure for a report: the number itself, or the middle of a stated range."""
    if c.max is None or c.min is None:
        return c.min or 0
    return (c.min + c.max) // 2


def casualty_estimates(casualties: Iterable[Casualty], kind: str = "killed") -> dict[str, int | None]:
    """ACLED-style ``fatalities`` and UCDP-style ``low``/``best``/``high`` for one event.

    Reports are grouped by the side of the people counted: different groups add up, while several
    reports about the same group are alternative figures for the same people. Within a group ACLED's
    conservative rule applies (the lowest figure: ``fatalities`` = ``low``); ``best`` is the median of the
    reports' figures and ``high`` the largest upper bound (an open "at least N" adds nothing above N).
    Reports with no number count as 0, as ACLED codes unknown fatalities. None when there is no report.
    """
    groups: dict[str | None, list[Casualty]] = {}
    for c in casualties:
        if c.kind == kind:
            groups.setdefault(c.side, []).append(c)
    if not groups:
        return {"fatalities": None, "low": None, "best": None, "high": None}
    low = sum(min(c.min or 0 for c in g) for g in groups.values())
    best = sum(int(statistics.median(_point(c) for c in g)) for g in groups.values())
    high = sum(max(c.max if c.max is not None else (c.min or 0) for c in g) for g in groups.values())
    return {"fatalities": low, "low": low, "best": best, "high": high}


def casualty_claimant(c: Casualty, ev: Event) -> str | None:
    """Who a count rests on: the casualty's own attribution when the schema gives one, else the
    attribution cue in the same evidence sentence, else the event's first attribution."""
    own = getattr(c, "attribution", None) or getattr(c, "source", None)
    if isinstance(own, int) and 0 <= own < len(ev.attributions):
        own = ev.attributions[own]
    if isinstance(own, str):
        return own
    if own is not None:
        return getattr(own, "source_name", None) or getattr(own, "source", None)
    sent = next((s for s in ev.sentences if s.start <= c.start < s.end), None)
    cands = [a for a in ev.attributions if a.cue != "denied" and (sent is None or sent.start <= a.start < sent.end)]
    cands = cands or [a for a in ev.attributions if a.cue != "denied"]
    return (cands[0].source_name or cands[0].source) if cands else None


# --- the event row ---------------------------------------------------------------------------------
def _join(xs: Iterable[str | None], sep: str = "; ") -> str:
    return sep.join(dict.fromkeys(x for x in xs if x))


def event_id_cnty(ev: Event) -> str:
    """ISO3 of the event's country + a short hash of eventie's stable event id: stable across runs."""
    m = mapping()
    country = ev.location.country if ev.location else None
    iso = m.iso3.get(country or "", m.unknown_iso3)
    return f"{iso}{int(hashlib.sha1(ev.id.encode()).hexdigest()[:10], 16) % 10**9:09d}"


def _actor_name(a: Any, country: str | None) -> str:
    if a.kind == "civilian":
        return mapping().civilians.format(country=a.side or country or "Unknown")
    return a.name


def _actors(ev: Event, role: str) -> tuple[str, str, str]:
    """(actor, associated actors, inter) for one role, in the order eventie lists them."""
    m = mapping()
    country = ev.location.country if ev.location else None
    people = [a for a in ev.actors if a.role == role]
    if not people:
        if role == "perpetrator" and ev.acled_event_type in m.violent_event_types:
            return m.unnamed_perpetrator.format(country=country or "Unknown"), "", ""
        return "", "", ""
    first = people[0]
    return (_actor_name(first, country), _join(_actor_name(a, country) for a in people[1:]),
            m.inter.get(first.kind or "", m.unknown_inter))


def _geo_precision(ev: Event) -> int | None:
    loc = ev.location
    if loc is None:
        return None
    precision = getattr(loc, "precision", None)
    if precision is None:
        precision = "region" if loc.admin1 and loc.name in (loc.admin1, loc.admin1.split(" ")[0]) else "settlement"
    return mapping().geo_precision.get(precision)


def _date(ev: Event, published: Any) -> tuple[str | None, int | None]:
    tp = mapping().time_precision
    if ev.date is not None:
        return ev.date.isoformat(), tp["text"]
    if published is not None:
        return published.isoformat(), tp["published"]
    return None, None


def _claimants(ev: Event) -> tuple[str, str]:
    """(claimed_by, denied_by): a source that denies is a denier, even where it also 'says' something."""
    deniers = [a.source_name or a.source for a in ev.attributions if a.cue == "denied"]
    claimed = _join(a.source_name or a.source for a in ev.attributions if a.cue != "denied" and (a.source_name or a.source) not in deniers)
    return claimed, _join(deniers)


def _count_phrase(ev: Event) -> str:
    parts = []
    for kind in ("killed", "injured"):
        for c in ev.casualties:
            if c.kind != kind or c.min is None:
                continue
            n = f"{c.min}-{c.max}" if c.max not in (None, c.min) else str(c.min)
            qual = "at least " if c.max is None and c.min is not None and "least" in c.text.lower() else ("about " if c.approximate else "")
            parts.append(f"{qual}{n} {c.who + ' ' if c.who else ''}{kind}")
    return ", ".join(parts)


def notes(ev: Event) -> str:
    """A one-line summary in the spirit of ACLED's notes, with the hedges kept: a coder reads it first."""
    bits = [f"On {ev.date:%d %B %Y}" if ev.date else "Undated"]
    loc = ev.location
    where = f" in {loc.name}" + (f" ({_join([loc.admin1, loc.country], ', ')})" if loc.admin1 or loc.country else "") if loc else ""
    bits[0] += f", {ev.type.replace('_', ' ')}{where}"
    perp = _join((a.name for a in ev.perpetrators()), ", ")
    targ = _join((a.name for a in ev.targets()), ", ")
    if perp:
        bits.append(f"by {perp}")
    if targ:
        bits.append(f"against {targ}")
    if ev.equipment:
        bits.append("equipment: " + _join((f"{e.count} {e.name}" if e.count else e.name for e in ev.equipment), ", "))
    if counts := _count_phrase(ev):
        bits.append(counts)
    claimed, denied = _claimants(ev)
    if claimed:
        bits.append(f"according to {claimed.replace('; ', ', ')}")
    if denied:
        bits.append(f"denied by {denied.replace('; ', ', ')}")
    if ev.hedges:
        bits.append("hedged: " + _join((h.kind for h in ev.hedges), ", "))
    bits.append(f"certainty: {ev.certainty}")
    return "; ".join(bits) + "."


def _offsets(mentions: Iterable[Any]) -> str:
    return ";".join(f"{m.start}-{m.end}" for m in mentions)


def acled_row(ev: Event, doc: Document | None = None) -> dict[str, Any]:
    """One ACLED-style row for one event (columns: ACLED_COLUMNS)."""
    doc = doc or Document()
    loc = ev.location
    date, time_precision = _date(ev, doc.published)
    actor1, assoc1, inter1 = _actors(ev, "perpetrator")
    actor2, assoc2, inter2 = _actors(ev, "target")
    claimed, denied = _claimants(ev)
    est = casualty_estimates(ev.casualties)
    outlet = doc.meta.get("source") if isinstance(doc.meta.get("source"), str) else None
    killed = [c for c in ev.casualties if c.kind == "killed"]
    return {
        "event_id_cnty": event_id_cnty(ev), "event_date": date, "year": int(date[:4]) if date else None,
        "time_precision": time_precision, "event_type": ev.acled_event_type, "sub_event_type": ev.acled_sub_event_type,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1, "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
        "admin2": getattr(loc, "admin2", None) if loc else None, "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None, "geo_precision": _geo_precision(ev),
        "source": _join([outlet, *claimed.split("; ")]), "source_scale": _join(mapping().source_scale.get(a.channel or "", a.channel) for a in ev.attributions),
        "notes": notes(ev), "fatalities": est["fatalities"] or 0,
        "best": est["best"], "low": est["low"], "high": est["high"], "certainty": ev.certainty,
        "certainty_reason": ev.certainty_reason, "claimed_by": claimed, "denied_by": denied,
        "hedges": _join(h.kind for h in ev.hedges), "doc_id": doc.id, "event_id": ev.id, "eventie_type": ev.type,
        "trigger": ev.trigger.text, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
        "location_start": loc.start if loc else None, "location_end": loc.end if loc else None,
        "date_start": ev.date_text.start if ev.date_text else None, "date_end": ev.date_text.end if ev.date_text else None,
        "fatalities_evidence": _offsets(killed), "sentences": _offsets(ev.sentences),
    }


def casualty_rows(ev: Event, doc: Document) -> list[dict[str, Any]]:
    cnty = event_id_cnty(ev)
    return [{"doc_id": doc.id, "event_id": ev.id, "event_id_cnty": cnty, "kind": c.kind, "min": c.min, "max": c.max,
             "approximate": c.approximate, "who": c.who, "side": c.side, "claimed_by": casualty_claimant(c, ev),
             "certainty": ev.certainty, "text": c.text, "start": c.start, "end": c.end} for c in ev.casualties]


def actor_rows(ev: Event, doc: Document) -> list[dict[str, Any]]:
    m, cnty = mapping(), event_id_cnty(ev)
    return [{"doc_id": doc.id, "event_id": ev.id, "event_id_cnty": cnty, "name": a.name, "role": a.role, "side": a.side,
             "kind": a.kind, "inter": m.inter.get(a.kind or "", m.unknown_inter), "text": a.text, "start": a.start,
             "end": a.end, "n_mentions": len(getattr(a, "mentions", None) or [a])} for a in ev.actors]


def rows(documents: Any, level: Level = "event") -> Iterator[dict[str, Any]]:
    """Stream plain-dict rows (no pandas needed) at one level: event (ACLED columns), casualty or actor."""
    if level not in ("event", "casualty", "actor"):
        raise ValueError(f"E007: level must be 'event', 'casualty' or 'actor', got {level!r}")
    for doc in iter_documents(documents):
        for ev in doc.events:
            if level == "event":
                yield acled_row(ev, doc)
            else:
                yield from (casualty_rows if level == "casualty" else actor_rows)(ev, doc)


COLUMNS = {"event": ACLED_COLUMNS, "casualty": CASUALTY_COLUMNS, "actor": ACTOR_COLUMNS}


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"E020: {module} is needed for this; install it with `pip install {module}` or `pip install \"eventie[{extra}]\"`"
        ) from None


def to_dataframe(documents: Any, level: Level = "event") -> Any:
    """A pandas DataFrame of Documents (or Events, or their dicts) at one level.

    Args:
        documents: a Document, an Event, their dicts, or an iterable of them (e.g. ``extract_many``).
        level (str): "event" (one ACLED-style row per event), "casualty" or "actor".
    Returns:
        pandas.DataFrame: columns in the documented order (docs/acled.md), even when empty.
    """
    pd = _require("pandas", "pandas")
    return pd.DataFrame(list(rows(documents, level)), columns=COLUMNS[level])


def write_parquet(documents: Any, path: str, level: Level = "event") -> int:
    """Write a Parquet file of the rows (needs pyarrow); returns the number of rows."""
    _require("pyarrow", "pandas")
    frame = to_dataframe(documents, level)
    frame.to_parquet(path, index=False)
    return len(frame)
