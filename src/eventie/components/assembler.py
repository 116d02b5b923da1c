"""Event assembler: from tagged spans to events, by the syntax and the shape of the document.

1. Lines are classified: headline, caption (photo credits), boilerplate (bios, sign-ups) and body.
   Sentences with background or habitual markers ("have been reported since") state no incident.
2. Every body or headline sentence with a trigger is an event *mention*; its actors get roles from the
   parse (subject of the trigger = perpetrator, object or "against X" = target, "with X" = co-perpetrator,
   people counted as harmed = target, sources of claims = other).
3. Mentions of the same incident merge: compatible type, place and date. Captions never start an event,
   but can add evidence to one (the year of a date, a hedge). Sentences without a trigger that carry
   hedges, attributions or counts ("couldn't verify these claims") attach to the event just before.
4. Certainty follows the documented rules (docs/certainty.md), with the rule that fired.

Output: ``doc._.eventie_events``, a list of plain dicts shaped like ``eventie.schema.Event``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import labels
from ..resources import PRECISIONS, codebook, context_rules, demonyms

_SPECIFICITY = {"attack": 0, "sabotage": 1, "explosion": 2}
_PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_REMOTE = {"drone_strike", "air_strike", "missile_strike", "shelling", "explosion", "naval_attack", "attack"}
_GROUP_NOUNS = {"group", "number", "column", "convoy", "unit", "dozens", "hundreds", "team", "squad", "crowd", "gathering"}
_TARGET_PREPS = {"against", "on", "at", "targeting", "upon", "into"}
_ROLE_RANK = {"perpetrator": 0, "target": 1, "other": 2}
_BLOCKED_EDGES = {"ccomp", "advcl", "relcl", "parataxis"}
_PLATFORMS = {"truck", "vehicle", "armoured_vehicle", "tank", "aircraft", "helicopter", "ship", "air_defence", "radar", "artillery", "mlrs"}
_MEANS = {"drone", "naval_drone", "missile", "bomb"}
_PARTY_KINDS = {"military", "intelligence", "government", "armed_group", "partisan"}
_LAUNCH_VERBS = {"launch", "fire", "deploy", "drop", "unleash", "shell", "bombard", "pound", "hit", "strike", "attack", "target"}


@dataclass
class Mention:
    sent: Span
    kind: str
    triggers: list[Span]
    type: str
    actors: list[tuple[Span, str]] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    equipment: list[Span] = field(default_factory=list)
    casualties: list[Span] = field(default_factory=list)
    attributions: list[Span] = field(default_factory=list)
    hedges: list[Span] = field(default_factory=list)

    @cached_property
    def place(self) -> Span | None:
        # the most specific place the sentence names: settlement > district > region > country
        return min(self.places, key=lambda p: _PRECISION_RANK.get(p._.eventie_place.get("precision"), 1), default=None)

    @property
    def date(self) -> str | None:
        vals = [d._.eventie_date["value"] for d in self.dates if d._.eventie_date["value"]]
        return vals[0] if vals else None


class EventDraft:
    """An event being assembled; keeps its best place and date up to date as mentions join."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions: list[Mention] = []
        self._places: dict[tuple[bool, int], Span] = {}
        self._date: tuple[str | None, Span | None] | None = None
        self._caption_date: tuple[str | None, Span | None] | None = None
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        p = m.place
        if p is not None:
            self._places.setdefault((m.kind != "caption", _PRECISION_RANK.get(p._.eventie_place.get("precision"), 1)), p)
        for d in m.dates:
            if d._.eventie_date["value"]:
                if m.kind == "caption":
                    self._caption_date = self._caption_date or (d._.eventie_date["value"], d)
                else:
                    self._date = self._date or (d._.eventie_date["value"], d)
                break

    @property
    def type(self) -> str:
        return max((m.type for m in self.mentions), key=lambda t: _SPECIFICITY.get(t, 3))

    def place(self) -> Span | None:
        keys = sorted(self._places, key=lambda k: (not k[0], k[1]))  # body before caption, then most specific
        return self._places[keys[0]] if keys else None

    def date(self) -> tuple[str | None, Span | None]:
        return self._date or self._caption_date or (None, None)


@Language.factory(
    "eventie_event_assembler",
    assigns=["doc._.eventie_events"],
    requires=["doc.spans"],
    default_config={"attach_window": 2, "min_evidence": 1},
)
def make_event_assembler(nlp: Language, name: str, attach_window: int, min_evidence: int) -> EventAssembler:
    return EventAssembler(name, attach_window=attach_window, min_evidence=min_evidence)


def _spans(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def _in(span: Span, sent: Span) -> bool:
    return sent.start <= span.start < sent.end


class EventAssembler:
    def __init__(self, name: str, *, attach_window: int, min_evidence: int) -> None:
        self.name = name
        self.attach_window = attach_window
        self.min_evidence = min_evidence
        ctx = context_rules()
        self.caption_markers = [m.lower() for m in ctx["caption_markers"]]
        self.boiler_markers = [m.lower() for m in ctx["boilerplate_markers"]]
        self.background = [re.compile(r"\b" + re.escape(m.lower()) + r"\b") for m in ctx["background_markers"]]
        self.background += [re.compile(p, re.I) for p in ctx.get("background_patterns", [])]
        self.codebook = codebook()

    # --- document shape ----------------------------------------------------------------------
    def _line_kinds(self, doc: Doc) -> list[tuple[int, int, str]]:
        out = []
        pos = 0
        first = True
        for line in doc.text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            low = stripped.lower()
            if any(m in low for m in self.caption_markers):
                kind = "caption"
            elif any(m in low for m in self.boiler_markers):
                kind = "boilerplate"
            elif first and len(stripped) < 200 and not stripped.endswith((".", '"', "”")) and len(stripped.split()) >= 4:
                kind = "headline"
            else:
                kind = "body"
            if len(stripped.split()) >= 4:
                first = False
            out.append((start, end, kind))
        return out

    def _sent_kind(self, sent: Span, lines: list[tuple[int, int, str]]) -> str:
        kind = "body"
        for start, end, k in lines:
            if start <= sent.start_char < end + 1:
                kind = k
                break
        low = sent.text.lower()
        if kind in ("body", "headline"):
            if any(m in low for m in self.boiler_markers):
                return "boilerplate"
            if any(p.search(low) for p in self.background):
                return "background"
        return kind

    @staticmethod
    def _paragraph_ids(doc: Doc, sents: list[Span]) -> list[int]:
        """Paragraph number of each sentence: paragraphs are separated by a blank line."""
        ids, para, prev_end = [], 0, 0
        text = doc.text
        for s in sents:
            if "\n\n" in text[prev_end : s.start_char] or "\n \n" in text[prev_end : s.start_char]:
                para += 1
            ids.append(para)
            prev_end = s.end_char
        return ids

    # --- roles -------------------------------------------------------------------------------
    @staticmethod
    def _position(tok: Token) -> Token:
        """Lift 'servicemen' in 'a group of servicemen' to 'group', so its role reads off 'group'."""
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _GROUP_NOUNS:
            tok = tok.head.head
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        return tok

    @staticmethod
    def _reaches(trigger: Token, verb: Token) -> bool:
        """Is ``verb`` above ``trigger`` through plain argument edges (no reported-speech edge)?"""
        tok = trigger
        for _ in range(6):
            if tok.i == verb.i:
                return True
            if tok.dep_ in _BLOCKED_EDGES or tok.head.i == tok.i:
                return False
            tok = tok.head
        return tok.i == verb.i

    @staticmethod
    def _near_trigger(prep: Token, trig_ids: set[int]) -> bool:
        """Does this preposition hang off a trigger, possibly through other nouns/prepositions?
        ('attack with local resistance against a group': 'against' hangs off 'resistance')."""
        tok = prep.head
        for _ in range(4):
            if tok.i in trig_ids:
                return True
            if tok.pos_ == "VERB" or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def _role(self, actor: Span, triggers: list[Span], casualty_tokens: set[int], source_tokens: set[int]) -> str:
        pos = self._position(actor.root)
        trig_tokens = [t.root for t in triggers]
        trig_ids = {t.i for tr in triggers for t in tr}
        if actor.root.i in casualty_tokens or actor.start in casualty_tokens:
            return "target"
        dep, head = pos.dep_, pos.head
        for tr in trig_tokens:
            if dep == "nsubj" and head.pos_ == "VERB" and head.lemma_ != "be" and self._reaches(tr, head):
                # reported speech is blocked in _reaches ("HUR said [Russia attacked]"), control is not
                # ("HUR claimed to have orchestrated an attack": HUR is the attacker)
                return "perpetrator"
            if dep == "pobj" and head.dep_ == "agent" and (head.head.i in trig_ids or self._reaches(tr, head.head)):
                return "perpetrator"
            if dep in ("compound", "poss", "amod", "nmod") and head.i in trig_ids:
                return "perpetrator"
            if dep in ("dobj", "nsubjpass", "obj") and (head.i in trig_ids or self._reaches(tr, head) and head.pos_ == "VERB"):
                return "target"
            if dep == "pobj":
                prep = head
                if prep.lower_ in _TARGET_PREPS and self._near_trigger(prep, trig_ids):
                    return "target"
                if prep.lower_ == "with" and (self._near_trigger(prep, trig_ids) or prep.head.dep_ == "nsubj"):
                    return "perpetrator"
            if dep == "nsubj" and head.lemma_ in ("kill", "destroy", "injure", "wound", "hit", "target", "attack", "strike") and head.i in trig_ids:
                return "perpetrator"
        return self._role_without_trigger(pos)

    @staticmethod
    def _role_without_trigger(pos: Token) -> str:
        """Roles a sentence gives without naming the event: 'Russia launched 40 drones' (launcher)."""
        if pos.dep_ == "nsubj" and pos.head.lemma_ in _LAUNCH_VERBS:
            return "perpetrator"
        return "other"

    # --- main --------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        lines = self._line_kinds(doc)
        sents = list(doc.sents)
        kinds = [self._sent_kind(s, lines) for s in sents]
        # Index every span by its sentence once: linear in the document, not sentences x spans.
        sent_of = [0] * len(doc)
        for i, s in enumerate(sents):
            for t in range(s.start, s.end):
                sent_of[t] = i
        by_sent: dict[str, list[list[Span]]] = {}
        for key in (labels.ACTORS, labels.TRIGGERS, labels.PLACES, labels.DATES, labels.EQUIPMENT, labels.CASUALTIES, labels.ATTRIBUTIONS, labels.HEDGES):
            groups: list[list[Span]] = [[] for _ in sents]
            for sp in _spans(doc, key):
                groups[sent_of[sp.start]].append(sp)
            by_sent[key] = groups
        self._by_sent = by_sent

        mentions: list[tuple[int, Mention]] = []
        for i, sent in enumerate(sents):
            kind = kinds[i]
            if kind in ("boilerplate", "background"):
                continue
            trig = by_sent[labels.TRIGGERS][i]
            if not trig:
                continue
            mentions.append((i, self._mention(i, sent, kind, trig)))

        drafts: list[EventDraft] = []
        draft_of: dict[int, EventDraft] = {}
        # Body first, in text order; then headlines, which summarise the article's main incident and so
        # join the first body event of a compatible type whatever place they name ("Gaza" vs a town in it);
        # captions last, and they can only join.
        order = [x for x in mentions if x[1].kind == "body"] + [x for x in mentions if x[1].kind == "headline"]
        order += [x for x in mentions if x[1].kind == "caption"]
        for i, m in order:
            if m.kind == "headline":
                target = next((d for d in drafts if self._types_compatible(d.type, m.type)), None) or self._compatible(drafts, m)
            else:
                target = self._compatible(drafts, m)
            if target is None:
                if m.kind == "caption" or not self._has_evidence(m):
                    continue
                target = EventDraft([m])
                drafts.append(target)
            else:
                target.add(m)
            draft_of[i] = target

        # Trigger-less sentences that qualify the event just before them ("couldn't verify these
        # claims"); the distance counts only sentences that could state something (not background).
        current: EventDraft | None = None
        distance = 0
        for i, sent in enumerate(sents):
            if kinds[i] in ("caption",):
                continue
            if kinds[i] in ("boilerplate",):
                current = None
                continue
            if i in draft_of:
                if kinds[i] != "caption":
                    current, distance = draft_of[i], 0
                continue
            if kinds[i] == "background":
                continue
            distance += 1
            if current is None or distance > self.attach_window:
                continue
            extra = Mention(sent=sent, kind="attached", triggers=[], type="attack")
            extra.hedges = by_sent[labels.HEDGES][i]
            extra.attributions = by_sent[labels.ATTRIBUTIONS][i]
            extra.casualties = by_sent[labels.CASUALTIES][i]
            extra.equipment = by_sent[labels.EQUIPMENT][i]
            if extra.hedges or extra.attributions or extra.casualties or extra.equipment:
                cas_tokens = {t for c in extra.casualties for t in range(c.start, c.end)}
                extra.actors = [
                    (a, "target" if a.start in cas_tokens else self._role_without_trigger(self._position(a.root)))
                    for a in by_sent[labels.ACTORS][i]
                ]
                current.add(extra)

        # An event with no attribution of its own rests on what its paragraph attributes ("..., officials said").
        para_of = self._paragraph_ids(doc, sents)
        sent_index = {s.start: j for j, s in enumerate(sents)}
        for d in drafts:
            if any(m.attributions for m in d.mentions):
                continue
            paras = {para_of[sent_index[m.sent.start]] for m in d.mentions if m.kind != "caption" and m.sent.start in sent_index}
            extra = [a for j, sent in enumerate(sents) if para_of[j] in paras and kinds[j] not in ("boilerplate", "caption") for a in by_sent[labels.ATTRIBUTIONS][j]]
            if extra:
                holder = Mention(sent=d.mentions[0].sent, kind="attached", triggers=[], type="attack")
                holder.attributions = extra
                d.add(holder)

        doc._.eventie_events = [self._event(doc, d) for d in drafts]
        return doc

    def _mention(self, i: int, sent: Span, kind: str, trig: list[Span]) -> Mention:
        b = self._by_sent
        specific = sorted(trig, key=lambda t: (-_SPECIFICITY.get(t._.eventie_trigger["type"], 3), t.start))
        m = Mention(sent=sent, kind=kind, triggers=trig, type=specific[0]._.eventie_trigger["type"])
        m.places = b[labels.PLACES][i]
        m.dates = b[labels.DATES][i]
        m.equipment = b[labels.EQUIPMENT][i]
        m.casualties = b[labels.CASUALTIES][i]
        m.attributions = b[labels.ATTRIBUTIONS][i]
        m.hedges = b[labels.HEDGES][i]
        cas_tokens = {t for c in m.casualties for t in range(c.start, c.end)}
        src_tokens = set()
        for a in m.attributions:
            info = a._.eventie_attribution
            if info.get("source_start") is not None:
                src = sent.doc.char_span(info["source_start"], info["source_end"], alignment_mode="expand")
                if src is not None:
                    src_tokens.update(range(src.start, src.end))
        for a in b[labels.ACTORS][i]:
            m.actors.append((a, self._role(a, trig, cas_tokens, src_tokens)))
        # "a Russian missile strike", "Israeli air strikes": the nationality of the attack is its author.
        taken = {i for a, _ in m.actors for i in range(a.start, a.end)}
        dem = demonyms()
        for t in trig:
            for child in t.root.children:
                if child.dep_ in ("amod", "compound", "nmod") and child.text in dem and child.i not in taken:
                    span = Span(sent.doc, child.i, child.i + 1, label="ACTOR")
                    span._.eventie_actor = {"name": f"{child.text} forces", "side": dem[child.text], "kind": "military", "rule": "DEMONYM_ATTACK"}
                    m.actors.append((span, "perpetrator"))
                    taken.add(child.i)
        return m

    def _has_evidence(self, m: Mention) -> bool:
        score = int(m.place is not None) + int(m.date is not None)
        score += int(any(r in ("perpetrator", "target") for _, r in m.actors))
        score += int(any(c._.eventie_casualty["min"] is not None or c._.eventie_casualty["kind"] != "present" for c in m.casualties))
        return score >= self.min_evidence

    @staticmethod
    def _types_compatible(a: str, b: str) -> bool:
        types = {a, b}
        return len(types) == 1 or "attack" in types or (types <= _REMOTE | {"sabotage"} and "explosion" in types)

    @staticmethod
    def _compatible(drafts: list[EventDraft], m: Mention) -> EventDraft | None:
        """The latest compatible event among the last few (an article returns to an incident it just
        described, rarely to one twenty paragraphs up)."""
        for d in reversed(drafts[-8:]):
            if not EventAssembler._types_compatible(d.type, m.type):
                continue
            p1, p2 = d.place(), m.place
            if p1 is not None and p2 is not None:
                a, b = p1._.eventie_place, p2._.eventie_place
                same = a["name"] == b["name"] or (a["is_region"] and a["name"] in (b["admin1"], b["country"])) or (
                    b["is_region"] and b["name"] in (a["admin1"], a["country"])
                )
                if not same:
                    continue
            d1, d2 = d.date()[0], m.date
            if d1 and d2 and d1 != d2:
                continue
            return d
        return None

    # --- output --------------------------------------------------------------------------------
    @staticmethod
    def _ev(span: Span) -> dict:
        return {"text": span.text, "start": span.start_char, "end": span.end_char}

    def _event(self, doc: Doc, d: EventDraft) -> dict:
        etype = d.type
        trig_mentions = [m for m in d.mentions if m.triggers]
        body = [m for m in trig_mentions if m.kind == "body"] or trig_mentions
        trigger = next((t for m in body for t in m.triggers if t._.eventie_trigger["type"] == etype), body[0].triggers[0])
        place = d.place()
        date_value, date_span = d.date()

        roles: dict[str, tuple[Span, str]] = {}
        for m in d.mentions:
            for span, role in m.actors:
                info = span._.eventie_actor or {}
                key = info.get("name") or span.text
                if key not in roles or _ROLE_RANK[role] < _ROLE_RANK[roles[key][1]]:
                    roles[key] = (span, role)
        actors = []
        for span, role in sorted(roles.values(), key=lambda x: (_ROLE_RANK[x[1]], x[0].start)):
            info = span._.eventie_actor or {}
            actors.append({**self._ev(span), "name": info.get("name") or span.text, "role": role, "side": info.get("side"), "kind": info.get("kind")})
        perp_sides = {a["side"] for a in actors if a["role"] == "perpetrator" and a["side"]}
        target_sides = {a["side"] for a in actors if a["role"] == "target" and a["side"]}
        if len(perp_sides) == 1:
            for a in actors:
                if a["role"] == "perpetrator" and a["side"] is None and a["kind"] == "partisan":
                    a["side"] = next(iter(perp_sides))

        def uniq(spans: list[Span]) -> list[Span]:
            seen, out = set(), []
            for s in sorted(spans, key=lambda s: s.start):
                if (s.start, s.end) not in seen:
                    seen.add((s.start, s.end))
                    out.append(s)
            return out

        equipment = []
        for s in uniq([e for m in d.mentions for e in m.equipment]):
            info = dict(s._.eventie_equipment)
            side = info.get("side")
            if side is None:
                if info.get("category") in _MEANS and len(perp_sides) == 1:
                    side = next(iter(perp_sides))
                elif info.get("category") in _PLATFORMS and len(target_sides) == 1:
                    side = next(iter(target_sides))
            equipment.append({**self._ev(s), "name": info["name"], "category": info.get("category"), "count": info.get("count"), "side": side, "status": info.get("status")})
        casualties = [{**self._ev(s), **s._.eventie_casualty} for s in uniq([c for m in d.mentions for c in m.casualties])]
        attributions = []
        for s in uniq([a for m in d.mentions for a in m.attributions]):
            info = s._.eventie_attribution
            attributions.append({**self._ev(s), "source": info["source"], "source_name": info["source_name"], "cue": info["cue"], "channel": info["channel"]})
        hedges = [{**self._ev(s), "kind": s._.eventie_hedge["kind"]} for s in uniq([h for m in d.mentions for h in m.hedges])]
        certainty, reason = self._certainty(d)
        cb = self.codebook.get(etype, {})
        location = None
        if place is not None:
            info = place._.eventie_place
            occupied = info["occupied"] or any(
                p._.eventie_place["occupied"] and p._.eventie_place["name"] == info["name"] for p in _spans(doc, labels.PLACES)
            )
            location = {**self._ev(place), **{k: info.get(k) for k in ("name", "admin1", "admin2", "country", "lat", "lon", "geonameid", "precision")}, "occupied": True if occupied else None}
        digest = hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        sentences = []
        for m in sorted(d.mentions, key=lambda m: m.sent.start):
            sent = m.sent
            while len(sent) > 1 and sent[-1].is_space:
                sent = sent[:-1]
            ev = self._ev(sent)
            if ev not in sentences:
                sentences.append(ev)
        return {
            "id": f"{digest}-{trigger.start_char}",
            "type": etype,
            "acled_event_type": cb.get("acled_event_type"),
            "acled_sub_event_type": cb.get("acled_sub_event_type"),
            "trigger": self._ev(trigger),
            "date": date_value,
            "date_text": self._ev(date_span) if date_span is not None else None,
            "date_end": date_span._.eventie_date.get("end") if date_span is not None else None,
            "location": location,
            "actors": actors,
            "equipment": equipment,
            "casualties": casualties,
            "attributions": attributions,
            "hedges": hedges,
            "certainty": certainty,
            "certainty_reason": reason,
            "sentences": sentences,
        }

    @staticmethod
    def _certainty(d: EventDraft) -> tuple[str, str]:
        """The documented rules, first match wins (docs/certainty.md)."""
        atts = [a._.eventie_attribution for m in d.mentions for a in m.attributions]
        hedges = [h._.eventie_hedge["kind"] for m in d.mentions for h in m.hedges]
        if any(a["cue"] == "denied" for a in atts) or "denied" in hedges:
            return "disputed", "a party denies or rejects the claim"
        if "unverified" in hedges:
            return "unverified", "the text says the claim could not be verified"
        def is_party(a: dict) -> bool:
            return bool(a.get("source_side")) and a.get("source_kind") in _PARTY_KINDS

        party = [a for a in atts if a.get("source") and is_party(a)]
        # independent: a resolved source that is no party (media, UN, NGOs, residents, medics, governors)
        independent = [a for a in atts if a.get("source_name") and not is_party(a)]
        if party and not independent:
            return "claimed", f"rests only on a party to the conflict ({party[0]['source_name']})"
        if "alleged" in hedges:
            return "claimed", "hedged as alleged"
        if any(a["cue"] == "claimed" for a in atts):
            return "claimed", "introduced with a claim verb"
        if atts or "reported" in hedges:
            return "reported", "attributed to a source that is not a party, or reported"
        if hedges:
            return "reported", "stated with hedges (" + ", ".join(sorted(set(hedges))) + ")"
        return "confirmed", "stated in the outlet's own voice, no attribution or hedge"
