"""Event mentions: what one sentence says about an incident, and events as mentions merged.

A sentence mentions an event when it has a trigger ("strike", "blew up"), or when it reports harm to
people with no attack verb at all ("More than 30 bodies were recovered"): harm is evidence of an
event. A sentence that lists several sites of attack ("strikes on Odesa, Dnipro and Lviv") mentions one
event per site, sharing the evidence, each count with the site it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Span

from ... import labels
from ...grammar import CORE_ARGUMENT_DEPS, NOUN_CHAIN_DEPS, NOUN_MODIFIER_DEPS
from ...rules import PRECISIONS, AssemblerRules
from .document import CAPTION, DocView
from .roles import ActorMention, RoleReader

_PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass
class Mention:
    sent: Span
    kind: str
    triggers: list[Span]
    type: str
    actors: list[ActorMention] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    report_dates: list[Span] = field(default_factory=list)
    equipment: list[Span] = field(default_factory=list)
    casualties: list[Span] = field(default_factory=list)
    attributions: list[Span] = field(default_factory=list)
    hedges: list[Span] = field(default_factory=list)
    harm: bool = False
    # place start -> clause_level: places in the trigger's own phrase ("struck a depot in X") beat places
    # named elsewhere in the sentence ("..., 90 km west of the capital Y")
    clause_levels: dict[int, int] = field(default_factory=dict)
    # starts of the places named only as reference points ("a town outside Homs": is_reference)
    references: frozenset[int] = frozenset()

    @cached_property
    def place(self) -> Span | None:
        # the place nearest the trigger first; then the most specific: settlement > district > region > country;
        # then a site before a reference point ("a town outside Homs")
        return min(self.places, key=lambda p: (self.clause_levels.get(p.start, 2), precision_rank(p), p.start in self.references), default=None)

    def place_is_reference(self) -> bool:
        return self.place is not None and self.place.start in self.references

    @property
    def date(self) -> str | None:
        vals = [d._.eventie_date["value"] for d in self.dates if d._.eventie_date["value"]]
        return vals[0] if vals else None


def precision_rank(place: Span) -> int:
    """0 for a settlement, 1 for a district (or unknown), 2 for a region, 3 for a country."""
    return _PRECISION_RANK.get(place._.eventie_place.get("precision"), 1)


class EventDraft:
    """An event being assembled; keeps its best place and date up to date as mentions join."""

    def __init__(self, mentions: list[Mention], specificity: dict[str, int]) -> None:
        self.mentions: list[Mention] = []
        self.specificity = specificity
        self._places: dict[tuple[bool, int, bool], Span] = {}
        self._date: tuple[str | None, Span | None] | None = None
        self._caption_date: tuple[str | None, Span | None] | None = None
        self._report_date: tuple[str | None, Span | None] | None = None
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        p = m.place
        if p is not None:
            self._places.setdefault((m.kind != CAPTION, precision_rank(p), m.place_is_reference()), p)
        for d in m.dates:
            if d._.eventie_date["value"]:
                if m.kind == CAPTION:
                    self._caption_date = self._caption_date or (d._.eventie_date["value"], d)
                else:
                    self._date = self._date or (d._.eventie_date["value"], d)
                break
        for d in m.report_dates:
            if d._.eventie_date["value"] and m.kind != CAPTION:
                self._report_date = self._report_date or (d._.eventie_date["value"], d)
                break

    @property
    def type(self) -> str:
        return max((m.type for m in self.mentions), key=lambda t: self.specificity.get(t, 3))

    def place(self) -> Span | None:
        # body before caption, then most specific, then a site before a reference point ("a town outside Homs")
        keys = sorted(self._places, key=lambda k: (not k[0], k[1], k[2]))
        return self._places[keys[0]] if keys else None

    def date(self) -> tuple[str | None, Span | None]:
        """The incident's date; the day a party spoke of it only when no sentence dates the incident."""
        return self._date or self._report_date or self._caption_date or (None, None)

    def incident_date(self) -> str | None:
        """The date two mentions must share to merge: a statement's date says nothing about the incident."""
        return (self._date or self._caption_date or (None, None))[0]


def _fill(m: Mention, view: DocView, i: int) -> Mention:
    m.places = view.spans(labels.PLACES, i)
    m.dates = view.spans(labels.DATES, i)
    m.equipment = view.spans(labels.EQUIPMENT, i)
    m.casualties = view.spans(labels.CASUALTIES, i)
    # "the ministry says it will not allow ...": a pledge or a forecast attributes no fact of the event
    m.attributions = [a for a in view.spans(labels.ATTRIBUTIONS, i) if not (a._.eventie_attribution or {}).get("intent")]
    m.hedges = view.spans(labels.HEDGES, i)
    return m


def is_harm(casualty: Span, rules: AssemblerRules) -> bool:
    """People counted killed, injured, captured or missing: a number, not zero ("the return of bodies"
    counts nobody and reports no incident)."""
    info = casualty._.eventie_casualty
    return info["kind"] in rules.harm_kinds and (info["min"] or 0) > 0


def is_origin(place: Span, rules: AssemblerRules) -> bool:
    """A launch site ("drones launched from Crimea", "from an area of Yemen") or a home base ("a
    Kandahar-based group"), but not the place a party left ("retreated from X")."""
    tok = place.root
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
        tok = tok.head.head
    if tok.dep_ == "pobj" and tok.head.lower_ in rules.origin_preps and not _measured(tok.head, rules):
        # "a retreat from the Yamgan district", "drove the fighters out of X": the place left is the site
        return tok.head.head.lemma_.lower() not in rules.departure_words
    nxt = place.doc[place.end : place.end + 2]
    return len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lower_ in rules.origin_words


def is_background(place: Span, rules: AssemblerRules, places: list[Span] = ()) -> bool:
    """A place the sentence names for another reason than the site: countries acting ("an offensive by
    Nigeria, Niger and Chad": a list the object of ``actor_place_preps`` with a country in it), a reference
    point ("near the Iraq border", "the border with Afghanistan") or part of a group's name ("the
    Afghanistan branch of the Islamic State")."""
    root = place.root
    head = _list_head(root)
    if head.dep_ == "pobj" and head.head.lower_ in rules.actor_place_preps:
        listed = [p for p in (*places, place) if _list_head(p.root).i == head.i]
        if any(p._.eventie_place.get("precision") == "country" for p in listed):
            return True
    modified = root.head if root.dep_ in NOUN_MODIFIER_DEPS else None
    if modified is not None and modified.dep_ != "compound" and modified.lower_ in rules.group_part_nouns | rules.reference_nouns:
        return True  # "the Iraq border", but not "the North Waziristan border region"
    prep = root.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else None
    # "the border with Afghanistan", however the parser attaches the preposition
    return prep is not None and (prep.head.lower_ in rules.reference_nouns or place.doc[prep.i - 1].lower_ in rules.reference_nouns)


def is_reference(place: Span, rules: AssemblerRules, loose: bool = True) -> bool:
    """A place named only to say where the site lies: "a town outside Homs", "130 km south of X", "a farm
    west of Y", "20 miles from Z" (``reference_preps``, ``direction_words``, ``distance_units``).
    ``loose=False`` leaves out ``loose_reference_preps`` ("near X", which as often names the site itself)."""
    tok = place.root
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in rules.reference_preps:
        return loose or prep.lower_ not in rules.loose_reference_preps
    if prep.lower_ == "of" and prep.head.lower_ in rules.direction_words:
        return True
    return prep.lower_ in rules.origin_preps and _measured(prep, rules)


def _measured(prep, rules: AssemblerRules) -> bool:
    """"30 km from X": a distance on the preposition (its head or, as the parser often has it, its child)."""
    return prep.head.lower_ in rules.distance_units or any(c.lower_ in rules.distance_units for c in prep.children)


def is_destination(place: Span, rules: AssemblerRules, preps: bool = True) -> bool:
    """Where someone or something went ("fled to Baiji", "arrived in the village of X", "word of the attack
    reached the state capital, Maiduguri"): the object of ``destination_preps``, or hung through nouns and
    prepositions off one of ``destination_verbs``. ``preps=False`` reads the verbs only: a missile "fired
    toward a destroyer in the Red Sea" went where it struck."""
    tok = place.root
    for _ in range(5):
        if preps and tok.dep_ == "pobj" and tok.head.lower_ in rules.destination_preps:
            return True
        if tok.dep_ not in NOUN_CHAIN_DEPS:
            return False
        tok = tok.head
        if tok.lemma_.lower() in rules.destination_verbs:
            return True
    return False


def _in_reason(place: Span, rules: AssemblerRules) -> bool:
    """Does the place hang off a phrase of reason ("strikes on targets in X in response to threats in the Red
    Sea")? It names why, not where: as far from the incident as another clause."""
    tok = place.root
    for _ in range(6):
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
        if tok.lower_ in rules.reason_nouns:
            return True
    return False


def clause_level(place: Span, anchors: set[int]) -> int:
    """How close the place is to the incident: 0 when it hangs off an anchor (a trigger or a count of
    people harmed) through nouns and prepositions ("strikes on targets in X"), 1 when it hangs off the verb
    the anchor is an argument of ("strikes hit X", "carried out strikes ... in response to threats in
    Y"), 2 when it is elsewhere in the sentence ("a town located west of Z")."""
    doc = place.doc  # the anchors' own heads, not a walk over the whole Doc per place
    verbs = {doc[i].head.i for i in anchors if doc[i].dep_ in CORE_ARGUMENT_DEPS}
    tok = place.root
    for _ in range(9):
        if tok.i in anchors:
            return 0
        if tok.i in verbs:
            return 1
        # a verb opens a clause of its own ("a town located west of Y"); "including" is a preposition
        if tok.head.i == tok.i or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep" and tok.i != place.root.i):
            return 2
        tok = tok.head
    return 2


def _colon_list(view: DocView, i: int) -> list[Span]:
    """The places of a verbless list the parser split off after a colon ("... aimed at cities across the
    country: Kharkiv, Sumy and Poltava."): the sites of the sentence the colon ends."""
    if i + 1 >= len(view.sents) or not view.sents[i].text.rstrip().endswith(":"):
        return []
    nxt = view.sents[i + 1]
    places = view.spans(labels.PLACES, i + 1)
    if nxt.root.i not in {p.root.i for p in places} or any(t.pos_ in ("VERB", "AUX") for t in nxt):
        return []
    return places


class MentionBuilder:
    """Builds the mentions of one sentence (trigger or harm), with roles, split by site."""

    def __init__(self, rules: AssemblerRules, roles: RoleReader) -> None:
        self.rules = rules
        self.roles = roles

    def for_sentence(self, view: DocView, i: int) -> list[Mention]:
        triggers = view.spans(labels.TRIGGERS, i)
        if triggers:
            m = self._triggered(view, i, triggers)
        elif any(is_harm(c, self.rules) for c in view.spans(labels.CASUALTIES, i)):
            m = self._harm(view, i)
        else:
            return []
        m.places = [*m.places, *_colon_list(view, i)]
        self._locate(m)
        return split_sites(m)

    def _locate(self, m: Mention) -> None:
        """Launch sites and home bases are dropped; places in the trigger's clause are marked."""
        m.places = [p for p in m.places if not is_origin(p, self.rules) and not is_background(p, self.rules, m.places)]
        anchors = {t.i for s in (m.triggers or m.casualties) for t in s}
        m.clause_levels = {p.start: 2 if _in_reason(p, self.rules) else clause_level(p, anchors) for p in m.places}
        # a destination named away from the trigger is no site ("word of the attack reached Maiduguri")
        m.places = [p for p in m.places if m.clause_levels[p.start] < 2 or not is_destination(p, self.rules, preps=False)]
        m.references = frozenset(p.start for p in m.places if is_reference(p, self.rules))

    def _triggered(self, view: DocView, i: int, triggers: list[Span]) -> Mention:
        spec = self.rules.specificity
        best = sorted(triggers, key=lambda t: (-spec.get(t._.eventie_trigger["type"], 3), t.start))[0]
        m = _fill(Mention(sent=view.sents[i], kind=view.kinds[i], triggers=triggers, type=best._.eventie_trigger["type"]), view, i)
        m.report_dates = [d for d in m.dates if _dates_statement(d, triggers, m.attributions)]
        m.dates = [d for d in m.dates if d not in m.report_dates]
        m.actors = self.roles.actors(view, i, triggers, m.casualties)
        return m

    def _harm(self, view: DocView, i: int) -> Mention:
        m = _fill(Mention(sent=view.sents[i], kind=view.kinds[i], triggers=[], type=self.rules.harm_default_type, harm=True), view, i)
        categories = [e._.eventie_equipment.get("category") for e in m.equipment]
        m.type = next((self.rules.harm_types[c] for c in categories if c in self.rules.harm_types), self.rules.harm_default_type)
        m.actors = self.roles.actors(view, i, [], m.casualties)
        return m

    def qualifier(self, view: DocView, i: int) -> Mention | None:
        """A sentence with no trigger that qualifies the event before it ("couldn't verify these claims")."""
        m = _fill(Mention(sent=view.sents[i], kind="attached", triggers=[], type=self.rules.harm_default_type), view, i)
        m.dates = []
        m.places = [p for p in m.places if not is_origin(p, self.rules) and not is_background(p, self.rules, m.places)]
        if not (m.hedges or m.attributions or m.casualties or m.equipment):
            return None
        m.actors = self.roles.actors(view, i, [], m.casualties)
        return m


def _dates_statement(date: Span, triggers: list[Span], cues: list[Span]) -> bool:
    """Does the date hang on the reporting verb rather than on the incident ("In a post on Wednesday, the
    agency said a bomb went off")? Read up the parse: whichever the date reaches first, trigger or cue."""
    trigger_tokens = {i for t in triggers for i in range(t.start, t.end)}
    cue_tokens = {i for c in cues for i in range(c.start, c.end)}
    tok = date.root
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i in trigger_tokens:
            return False
        if tok.i in cue_tokens:
            return True
    return False


# --- one event per site ---------------------------------------------------------------------------
def _list_head(tok):
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _coordinated_prep(tok) -> bool:
    """Is this preposition one of two or more coordinated ones ("in X and at Y")?"""
    return tok.pos_ == "ADP" and ((tok.dep_ == "conj" and tok.head.pos_ == "ADP") or any(c.dep_ == "conj" and c.pos_ == "ADP" for c in tok.children))


def _site_group(tok):
    """The token a listed site hangs from, so that every site of one coordinated list shares it: the list's
    first name ("Odesa, Dnipro and Lviv"), or, for coordinated prepositional phrases, the first preposition
    ("in Sumy and at Poltava bus station", also through the noun the name modifies). Only there is
    a name read through its noun: "Lanao del Sur province" (two names of one noun) stays one site."""
    tok = _list_head(tok)
    noun = tok.head if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok
    if noun.dep_ != "pobj" or not _coordinated_prep(noun.head):
        return tok
    prep = noun.head
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP" and prep.head.i != prep.i:
        prep = prep.head
    return prep


def _contains(a: Span, b: Span) -> bool:
    """Is place ``a`` a region that holds place ``b`` (so both name one site)?"""
    ia, ib = a._.eventie_place, b._.eventie_place
    return ia["name"] == ib["name"] or (ia["is_region"] and ia["name"] in (ib["admin1"], ib["country"]))


def sites(m: Mention) -> list[Span]:
    """The distinct settlements a sentence lists as one coordinated group ("Odesa, Dnipro and Lviv"; also
    "the Kharkiv, Sumy and Poltava regions": each is a site, as analysts count them)."""
    groups: dict[int, list[Span]] = {}
    for p in m.places:
        groups.setdefault(_site_group(p.root).i, []).append(p)
    groups = {k: g for k, g in groups.items() if len(g) >= 2}
    best = max(groups.values(), key=len, default=[])
    distinct: list[Span] = []
    for p in best:
        name = p._.eventie_place["name"]
        holds_another = any(q._.eventie_place["name"] != name and _contains(p, q) for q in best)
        if not holds_another and all(d._.eventie_place["name"] != name for d in distinct):
            distinct.append(p)
    return distinct if len(distinct) >= 2 else []


def _governs(place: Span, casualty: Span) -> bool:
    """Does the place hang off the count's own clause ("two people died in Dnipro")?"""
    tok = place.root
    for _ in range(2):
        tok = tok.head
        if casualty.start <= tok.i < casualty.end:
            return True
    return False


def _owner(casualty: Span, listed: list[Span], places: list[Span]) -> Span:
    """The site a count belongs to: the one its clause names, else the first when the count follows the
    whole list ("strikes on Odesa, Dnipro and Lviv killed four"), else the nearest."""
    for p in places:
        if _governs(p, casualty):
            same = [q for q in listed if q._.eventie_place["name"] == p._.eventie_place["name"]]
            if same:
                return same[0]
    if all(p.end <= casualty.start for p in listed):
        return listed[0]
    return min(listed, key=lambda p: min(abs(p.start - casualty.end), abs(casualty.start - p.end)))


def split_sites(m: Mention) -> list[Mention]:
    """One mention per listed site; everything but the places and counts is shared."""
    listed = sites(m)
    if not listed:
        return [m]
    owner = {c.start: _owner(c, listed, m.places) for c in m.casualties}
    out = []
    for p in listed:
        out.append(replace(m, places=[p], casualties=[c for c in m.casualties if owner[c.start] is p]))
    return out
