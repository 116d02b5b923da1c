"""Mentions of the same incident merge into one event: compatible type, same site, same day.

Body mentions go first, in text order; then headlines, which summarise the article's main incident and
so join the first body event of a compatible type whatever place they name ("Gaza" vs a town in it);
captions last, and they can only join. Sentences without a trigger that qualify the event before them
("couldn't verify these claims") attach to it, and an event with no attribution of its own rests on
what its paragraph attributes ("..., officials said").
"""

from __future__ import annotations

import math

from spacy.tokens import Span, Token

from ... import labels
from ...rules import AssemblerRules
from .coverage import closes
from .document import BACKGROUND, BODY, BOILERPLATE, CAPTION, HEADLINE, DocView
from .mentions import EventDraft, Mention, MentionBuilder, is_destination, is_reference
from .roles import PERPETRATOR

GENERIC = "attack"  # the type of a consequence that names no kind of attack ("hit", "wounded")
RECENT = 8  # an article returns to an incident it just described, rarely to one twenty paragraphs up


class Merger:
    def __init__(self, rules: AssemblerRules, *, attach_window: int, min_evidence: int) -> None:
        self.rules = rules
        self.attach_window = attach_window
        self.min_evidence = min_evidence

    def types_compatible(self, a: str, b: str) -> bool:
        types = {a, b}
        remote = self.rules.remote_types | {"sabotage"}
        return len(types) == 1 or GENERIC in types or (types <= remote and "explosion" in types)

    @staticmethod
    def same_site(p1: Span | None, p2: Span | None) -> bool:
        if p1 is None or p2 is None:
            return True
        a, b = p1._.eventie_place, p2._.eventie_place
        return a["name"] == b["name"] or (a["is_region"] and a["name"] in (b["admin1"], b["country"])) or (
            b["is_region"] and b["name"] in (a["admin1"], a["country"])
        )

    def near_reference(self, d: EventDraft, m: Mention) -> bool:
        """"airstrikes on a town outside Homs ... the strike on Talbiseh": an event placed only at a reference
        point and a later mention at a settlement within ``reference_km`` of it are one site (not the other way
        round: a site named first is one incident, a place near it named later most often another)."""
        a, b = d.place(), m.place
        if a is None or b is None or not is_reference(a, self.rules, loose=False) or is_reference(b, self.rules):
            return False
        site, ref = b._.eventie_place, a._.eventie_place
        if site["precision"] != "settlement" or None in (site["lat"], site["lon"], ref["lat"], ref["lon"]):
            return False
        return _km(site["lat"], site["lon"], ref["lat"], ref["lon"]) <= self.rules.reference_km

    def refining(self, site: Span | None, places: list[Span]) -> list[Span]:
        """Of a qualifying sentence's places, the settlements inside the event's region or country ("strikes
        in northern Iraq ... buildings west of Tuz Khurma"): they make its site more specific; any other
        place a sentence with no trigger names is background, and so is a destination (``is_destination``)."""
        if site is None or not site._.eventie_place["is_region"] and site._.eventie_place["precision"] != "country":
            return []
        name = site._.eventie_place["name"]
        # "the fighters had fled to Baiji": a destination is no site
        places = [p for p in places if not is_destination(p, self.rules)]
        return [p for p in places if p._.eventie_place["precision"] == "settlement" and name in (p._.eventie_place["admin1"], p._.eventie_place["country"])]

    def compatible(self, drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        """The latest compatible event among the last few."""
        for d in reversed(drafts[-RECENT:]):
            if not self.types_compatible(d.type, m.type):
                continue
            if not self.same_site(d.place(), m.place) and not self.near_reference(d, m):
                continue
            d1, d2 = d.incident_date(), m.date
            if d1 and d2 and d1 != d2:
                continue
            return d
        return self.own_claim(drafts, m) or self.nearby_consequence(drafts, m) or self.follow_up(drafts, m)

    def _remote_pair(self, d: EventDraft, m: Mention) -> bool:
        """The event and the body mention ``m`` are both remote attacks, on days that do not differ."""
        d1, d2 = d.incident_date(), m.date
        return m.kind == BODY and {d.type, m.type} <= self.rules.remote_types and not (d1 and d2 and d1 != d2)

    def _latest_remote(self, drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        """The latest event, when it and ``m`` are a remote pair (``_remote_pair``)."""
        return drafts[-1] if drafts and self._remote_pair(drafts[-1], m) else None

    def own_claim(self, drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        """"An air strike hit a house in Nuseirat ... The army said its jets struck a commander in central Gaza": a
        party that speaks of its own strike after a report of one claims that strike, in its own words for the place
        (a wider one, or a settlement within ``nearby_km``); the latest such strike among the last few (a headline's
        other strike may stand between). A claim placed farther away stays apart."""
        if not any(a.role == PERPETRATOR and a.is_source for a in m.actors):
            return None
        return next((d for d in reversed(drafts[-RECENT:]) if self._remote_pair(d, m) and self._near(d.place(), m.place)), None)

    def _near(self, a: Span | None, b: Span | None) -> bool:
        """One site, or settlements within ``nearby_km`` (either unknown: no conflict)."""
        if a is None or b is None or self.same_site(a, b):
            return True
        pa, pb = a._.eventie_place, b._.eventie_place
        return None not in (pa["lat"], pa["lon"], pb["lat"], pb["lon"]) and _km(pa["lat"], pa["lon"], pb["lat"], pb["lon"]) <= self.rules.nearby_km

    def nearby_consequence(self, drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        """"Drones hit Sumy overnight ... There were hits on a house in the Zarichnyi district": a consequence of no
        type of its own and no day at a settlement within ``nearby_km`` of the latest remote attack's site tells
        that attack; a typed strike at a nearby town ("a drone hit Marhanets") is an incident of its own."""
        if m.type != GENERIC or m.date is not None or m.place is None:
            return None
        latest = self._latest_remote(drafts, m)
        site = latest.place() if latest is not None else None
        if site is None:
            return None
        a, b = site._.eventie_place, m.place._.eventie_place
        if b["precision"] != "settlement" or None in (a["lat"], a["lon"], b["lat"], b["lon"]):
            return None
        return latest if _km(a["lat"], a["lon"], b["lat"], b["lon"]) <= self.rules.nearby_km else None

    def follow_up(self, drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        """A body mention of a remote attack that names no place and no day of its own goes on telling the
        latest event, even in another word for it ("Drones hit a fuel depot in X overnight. ... A missile
        also struck the rail yard"): an article that moves to another incident says where or when it happened."""
        if not drafts or m.kind != BODY or not m.triggers or m.place is not None or m.date is not None:
            return None
        if all(self.generic(t.root) for t in m.triggers):
            return None
        latest = drafts[-1]
        return latest if {latest.type, m.type} <= self.rules.remote_types else None

    def generic(self, tok: Token) -> bool:
        """A bare plural trigger noun ("security forces mostly use airstrikes"): attacks in general, no incident."""
        return tok.tag_ == "NNS" and not any(c.dep_ in self.rules.specifier_deps for c in tok.children)

    def has_evidence(self, m: Mention) -> bool:
        score = int(m.place is not None) + int(m.date is not None or bool(m.report_dates))
        # a source reporting its own action ("Russia said it shot down three drones") is a participant, but no
        # evidence of an incident of its own: such a sentence qualifies the event before it
        score += int(any(a.role in ("perpetrator", "target") and not a.is_source for a in m.actors))
        score += int(any(c._.eventie_casualty["min"] is not None or c._.eventie_casualty["kind"] != "present" for c in m.casualties))
        return score >= self.min_evidence

    def draft(self, mentions: list[tuple[int, Mention]]) -> tuple[list[EventDraft], dict[int, list[EventDraft]]]:
        """Events from mentions, and the events each sentence (by index) took part in."""
        drafts: list[EventDraft] = []
        draft_of: dict[int, list[EventDraft]] = {}
        order = [x for kind in (BODY, HEADLINE, CAPTION) for x in mentions if x[1].kind == kind]
        for i, m in order:
            target = self._target(drafts, m)
            if target is None:
                if m.kind == CAPTION or not self.has_evidence(m):
                    continue
                target = EventDraft([m], self.rules.specificity)
                drafts.append(target)
            else:
                target.add(m)
            draft_of.setdefault(i, []).append(target)
        return drafts, draft_of

    def _target(self, drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        if m.kind == HEADLINE:
            first = next((d for d in drafts if self.types_compatible(d.type, m.type)), None)
            # "Suicide bombing and gun attack on X beach": the headline names the article's incident even
            # when its word for it is not the body's; at the same site it is that incident
            same = next((d for d in drafts if m.place is not None and d.place() is not None and self.same_site(d.place(), m.place)), None)
            return first or self.compatible(drafts, m) or same
        return self.compatible(drafts, m)

    def attach(self, view: DocView, builder: MentionBuilder, draft_of: dict[int, list[EventDraft]]) -> None:
        """Trigger-less sentences qualify the events just before them; the distance counts only
        sentences that could state something (not background). Hedges and attributions go to every
        event of that sentence (one per site); counts and equipment only to the last, never twice."""
        current: list[EventDraft] = []
        distance = 0
        for i, kind in enumerate(view.kinds):
            if kind == CAPTION:
                continue
            if kind == BOILERPLATE:
                current = []
                continue
            if i in draft_of:
                current, distance = draft_of[i], 0
                continue
            if kind == BACKGROUND:
                continue
            distance += 1
            if not current:
                continue
            extra = builder.qualifier(view, i)
            if extra is None:
                continue
            if distance > self.attach_window:
                # "The claims could not be independently verified" (or "The claim ...") closes a report however far
                # it stands from the last event: only its doubt qualifies that event (coverage.py spreads the plural)
                doubts = [h for h in extra.hedges if closes(h, self.rules)]
                if doubts:
                    current[-1].add(Mention(sent=extra.sent, kind="attached", triggers=[], type=extra.type, hedges=doubts))
                continue
            for d in current[:-1]:
                d.add(Mention(sent=extra.sent, kind="attached", triggers=[], type=extra.type, hedges=extra.hedges, attributions=extra.attributions))
            extra.places = self.refining(current[-1].place(), extra.places)
            current[-1].add(extra)

    def paragraph_attributions(self, view: DocView, drafts: list[EventDraft]) -> None:
        """An event with no attribution of its own rests on what its paragraph attributes."""
        sent_index = {s.start: j for j, s in enumerate(view.sents)}
        for d in drafts:
            if any(m.attributions for m in d.mentions):
                continue
            paras = {view.paragraphs[sent_index[m.sent.start]] for m in d.mentions if m.kind != CAPTION and m.sent.start in sent_index}
            extra = [
                a
                for j in range(len(view.sents))
                if view.paragraphs[j] in paras and view.kinds[j] not in (BOILERPLATE, CAPTION)
                for a in view.spans(labels.ATTRIBUTIONS, j)
                if not (a._.eventie_attribution or {}).get("intent")
            ]
            if extra:
                d.add(Mention(sent=d.mentions[0].sent, kind="attached", triggers=[], type=d.type, attributions=extra))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
