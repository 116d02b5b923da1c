"""An assembled event as a plain dict shaped like ``eventie.schema.Event`` (msgpack-safe)."""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.tokens import Doc, Span

from ... import labels
from ...extensions import ActorDict, EquipmentDict, MentionDict
from ...rules import AssemblerRules
from ...schema import Mention, Place
from .certainty import Count, Evidence, decide
from .document import BODY, HEADLINE, doc_text
from .entities import actor_entities, equipment_entities, evidence
from .mentions import EventDraft
from .publisher import Voices
from .role_model import RoleModel, entity_features
from .roles import OTHER, ROLE_RANK, ActorMention
from .support import support

ALLEGED = "alleged"
DENIED = "denied"
# the kinds certainty gives an alleged hedge on a participant ("suspected militants") and a habitual denial ("has
# previously denied"): a hedge, no allegation or denial of the event
SUSPECT = "suspect"
HABITUAL = "habitual"


def text_digest(doc: Doc, text: str | None = None) -> str:
    """The first 12 hex digits of the text's SHA-1: the stem of every event id of the document (``text``: the
    document's text where the caller has already built it)."""
    text = doc_text(doc) if text is None else text
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _unique(spans: list[Span]) -> list[Span]:
    seen: dict[tuple[int, int], Span] = {}
    for s in sorted(spans, key=lambda s: s.start):
        seen.setdefault((s.start, s.end), s)
    return list(seen.values())


def _casualties(d: EventDraft) -> list[Span]:
    """A headline count the body also states ("Attack Kills 12" over "killed at least 12") is the body's
    count rounded for the headline: the event keeps the body's wording, which carries the bounds."""
    body_kinds = {c._.eventie_casualty["kind"] for m in d.mentions if m.kind != HEADLINE for c in m.casualties if c._.eventie_casualty["min"] is not None}
    return _unique([c for m in d.mentions for c in m.casualties if not (m.kind == HEADLINE and c._.eventie_casualty["kind"] in body_kinds)])


class EventWriter:
    def __init__(self, rules: AssemblerRules, codebook: dict[str, dict[str, Any]], sides: frozenset[str] = frozenset()) -> None:
        self.rules = rules
        self.codebook = codebook
        self.side_names = sides
        self.count_groups = {w: group for group, words in rules.count_groups.items() for w in words}
        self.role_model: RoleModel | None = None
        # when a list: one list per event written, of (features, mentions, rule role) per participant
        self.recorder: list[list[tuple[list[str], list[ActorMention], str]]] | None = None
        # per-sentence answers of framing/failed/habitual: each event re-reads the same sentences
        self._memo_doc: Doc | None = None
        self._memo: dict[tuple[str, int, int], Any] = {}

    def forget(self) -> None:
        """Drop the per-sentence answers: called at each document, so a Doc run again after a change is re-read."""
        self._memo_doc, self._memo = None, {}

    def _per_sentence(self, name: str, sent: Span, compute: Any) -> Any:
        """``compute(sent)``, once per sentence of the current Doc: the answer depends on the sentence's words
        and the rules alone, and the events of one document read the same sentences many times over."""
        if self._memo_doc is not sent.doc:
            self._memo_doc, self._memo = sent.doc, {}
        key = (name, sent.start, sent.end)
        if key not in self._memo:
            self._memo[key] = compute(sent)
        return self._memo[key]

    def role(self, mentions: list[ActorMention], rule_role: str, in_triggered: bool) -> str:
        """A participant's role: the classifier's where it is confident ("none" is written as other), else
        the rules'."""
        feats = entity_features(mentions, rule_role, in_triggered)
        if self.recorder is not None:
            self.recorder[-1].append((feats, mentions, rule_role))
        if self.role_model is None:
            return rule_role
        label, confidence = self.role_model.predict(feats)
        if confidence < self.role_model.threshold:
            return rule_role
        return label if label in ROLE_RANK else OTHER

    def trigger(self, d: EventDraft) -> Span:
        """The trigger of the event's type in a body sentence; for harm with no trigger, the harm itself."""
        trig = [m for m in d.mentions if m.triggers]
        body = [m for m in trig if m.kind == BODY] or trig
        if body:
            return next((t for m in body for t in m.triggers if t._.eventie_trigger["type"] == d.type), body[0].triggers[0])
        return next(c for m in d.mentions if m.harm for c in m.casualties)

    def sides(self, actors: list[ActorDict], equipment: list[EquipmentDict]) -> None:
        """Sides the text implies: partisans of the one perpetrator side; means of attack belong to the
        perpetrator, platforms hit to the target, when each has a single side."""
        perp = {a["side"] for a in actors if a["role"] == "perpetrator" and a["side"]}
        target = {a["side"] for a in actors if a["role"] == "target" and a["side"]}
        if len(perp) == 1:
            for a in actors:
                if a["role"] == "perpetrator" and a["side"] is None and a["kind"] == "partisan":
                    a["side"] = next(iter(perp))
        for e in equipment:
            if e["side"] is None and e["category"] in self.rules.means_categories and len(perp) == 1:
                e["side"] = next(iter(perp))
            elif e["side"] is None and e["category"] in self.rules.platform_categories and len(target) == 1:
                e["side"] = next(iter(target))

    def location(self, doc: Doc, place: Span | None) -> dict | None:
        if place is None:
            return None
        info = place._.eventie_place
        occupied = info["occupied"] or any(
            p._.eventie_place["occupied"] and p._.eventie_place["name"] == info["name"] for p in doc.spans.get(labels.PLACES, [])
        )
        resolved = {k: info.get(k) for k in Place.model_fields if k not in Mention.model_fields and k != "occupied"}
        return {**evidence(place), **resolved, "occupied": True if occupied else None}

    @staticmethod
    def sentences(d: EventDraft) -> list[MentionDict]:
        out: list[MentionDict] = []
        for m in sorted(d.mentions, key=lambda m: m.sent.start):
            sent = m.sent
            while len(sent) > 1 and sent[-1].is_space:
                sent = sent[:-1]
            ev = evidence(sent)
            if ev not in out:
                out.append(ev)
        return out

    def claims(self, d: EventDraft) -> tuple[list[Span], list[Span], list[dict], list[dict], list[int]]:
        """The event's attribution and hedge spans (in text order), their dicts, and where each span's first
        dict is: "Israel, France and Canada said" is one cue and three attributions, one per speaker. An attribution
        in a habitual sentence ("In the past, rights groups blamed the militia for similar attacks") speaks of
        conduct, not of this event: it is no attribution of the event (certainty ignored it already)."""
        att_spans = _unique([a for m in d.mentions for a in m.attributions if not self.habitual(a)])
        hedge_spans = _unique([h for m in d.mentions for h in m.hedges])
        attributions, first = [], []
        for s in att_spans:
            info = s._.eventie_attribution
            first.append(len(attributions))
            for who in info.get("speakers") or [info.get("speaker") or info["source"]]:
                name = info["source_name"] if who == info.get("speaker") else None
                attributions.append({**evidence(s), "source": who, "source_name": name, "cue": info["cue"], "channel": info["channel"]})
        hedges = [{**evidence(s), "kind": s._.eventie_hedge["kind"]} for s in hedge_spans]
        return att_spans, hedge_spans, attributions, hedges, first

    @staticmethod
    def casualties(d: EventDraft, att_spans: list[Span], hedge_spans: list[Span]) -> list[dict]:
        """Each count with the attribution and hedges it rests on (support.py)."""
        spans = _casualties(d)
        return [{**evidence(s), **s._.eventie_casualty, **support(s, spans, att_spans, hedge_spans, evidence)} for s in spans]

    @staticmethod
    def statuses(d: EventDraft, equipment: list[EquipmentDict], att_spans: list[Span], hedge_spans: list[Span]) -> None:
        """Each item's status with the attribution and hedges of the mention that stated it."""
        spans = _unique([e for m in d.mentions for e in m.equipment])
        stated = [s for s in spans if s._.eventie_equipment.get("status")]
        for item in equipment:
            starts = {m["start"] for m in item["mentions"]}
            own = next((s for s in stated if s.start_char in starts and s._.eventie_equipment["status"] == item["status"]), None)
            empty = {"attribution": None, "source": None, "hedges": []}
            item.update(support(own, stated, att_spans, hedge_spans, evidence) if own is not None else empty)

    def contradiction(self, hedge_spans: list[Span]) -> str | None:
        """The sentence of a verification hedge that says two accounts contradict ("Neither account ...")."""
        for h in hedge_spans:
            sent = h.sent.text.strip()
            low = f" {sent.lower()} "
            if h._.eventie_hedge["kind"] == "unverified" and any(f" {w}" in low for w in self.rules.contradiction_words):
                return sent
        return None

    def hedge_kind(self, h: Span) -> str:
        """The kind certainty reads: an alleged hedge that modifies a participant before it ("Suspected Boko Haram
        fighters abducted ...", "at least 12 suspected gang members") says who is suspected of it, not that the
        event is alleged, so it counts as an ordinary hedge (case ``hedged``); "the alleged drone strike" (the
        event itself) and "men suspected of planting the bomb" stay alleged. A denial hedge in a habitual
        sentence ("In the past the group has denied ...") is no denial of the event either."""
        kind = h._.eventie_hedge["kind"]
        if kind == DENIED and (self.habitual(h) or self.refuses_agreement(h)):
            return HABITUAL
        root, actors = h.root, h.doc.spans[labels.ACTORS] if labels.ACTORS in h.doc.spans else []
        attributive = root.dep_ in self.rules.attributive_deps and root.i < root.head.i
        if kind == ALLEGED and attributive and any(a.start <= root.head.i < a.end for a in actors):
            return SUSPECT
        return kind

    def claim(self, att: Span) -> dict:
        """The attribution payload certainty reads. One in a habitual sentence ("In past statements the group has
        denied targeting civilians and accused the army of ...") speaks of conduct, not this event: it keeps no
        source name, so it neither makes nor breaks a claim, and its denial disputes nothing (case denied)."""
        info = {**att._.eventie_attribution, "text": att.text, "framing": self.framing(att.sent), "failed": self.failed(att.sent)}
        refusal = info.get("cue") == DENIED and self.refuses_agreement(att)
        return {**info, "source_name": None, "habitual": True} if refusal or self.habitual(att) else info

    def refuses_agreement(self, span: Span) -> bool:
        """"a faction that rejected the 2016 peace deal": a denial verb whose object is an agreement or an offer
        (``agreement_objects``) refuses it; it denies no account of the event."""
        root = span.root
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.rules.agreement_objects for c in root.children)

    def failed(self, sent: Span) -> bool:
        """Does the sentence say the attack failed ("repelled the attack", "no vessels were damaged"; failure_words)?"""
        return self._per_sentence("failed", sent, self._failed)

    def _failed(self, sent: Span) -> bool:
        low = f" {' '.join(t.lower_ for t in sent)} "
        return any(f" {w} " in low for w in self.rules.failure_words)

    def framing(self, sent: Span) -> str | None:
        """Whom the sentence says was hit: the one group of ``target_framings`` it names ("struck a gathering of
        military personnel": combatants; "killing four passengers": civilians), None for both or none."""
        return self._per_sentence("framing", sent, self._framing)

    def _framing(self, sent: Span) -> str | None:
        words = [t.lower_ for t in sent]
        present = set(words)  # a phrase whose first word the sentence lacks names no one: skip its scan
        framings = self.rules.target_framings.items()
        found = [group for group, phrases in framings if any(self.names(sent, words, p.split()) for p in phrases if p.split()[0] in present)]
        return found[0] if len(found) == 1 else None

    def names(self, sent: Span, words: list[str], phrase: list[str]) -> bool:
        """Does the sentence name the phrase as those hit? Not after a negator ("no civilians were harmed"), and not
        as the subject of a verb with an object ("RSF fighters attacked the town": the doers; "12 civilians died" and
        "only armed men were present" still name those hit)."""
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i : i + n] != phrase or (i and words[i - 1] in self.rules.framing_negators):
                continue
            head = sent[i + n - 1]
            if not (head.dep_ == "nsubj" and any(c.dep_ in self.rules.object_deps for c in head.head.children)):
                return True
        return False

    def habitual(self, span: Span) -> bool:
        """Is the span's sentence a habitual statement ("In the past the group has denied targeting civilians";
        ``habitual_words``) that names no claims like the event's ("has previously dismissed such claims",
        ``standing_claim_words``)? A denial of a standing charge of support ("Rwanda denies backing the M23";
        ``support_charge_words``) is read the same way: it speaks of that support, not of this event."""
        return self._per_sentence("habitual", span.sent, self._habitual)

    def _habitual(self, sent: Span) -> bool:
        low = f" {' '.join(t.lower_ for t in sent)} "  # by tokens: "In the past, the group ..." (comma)
        denies = any(t.lemma_ in self.rules.denial_lemmas for t in sent)
        words = (*self.rules.habitual_words, *(self.rules.support_charge_words if denies else ()))
        found = any(f" {w} " in low for w in words)
        return found and not any(f" {w} " in low for w in self.rules.standing_claim_words)

    def certainty(self, d: EventDraft, att_spans: list[Span], casualties: list[dict], voices: Voices) -> tuple[str, str]:
        atts = [self.claim(a) for a in att_spans]
        if d.type in self.rules.unframed_types:
            atts = [{**a, "framing": None} for a in atts]
        hedge_spans = _unique([h for m in d.mentions for h in m.hedges])
        hedges = [(self.hedge_kind(h), h.text) for h in hedge_spans]
        counts = [Count(c["kind"], c["min"], c["max"], c["attribution"], c.get("who"), c.get("side")) for c in casualties]
        ev = Evidence(atts=atts, hedges=hedges, party_kinds=self.rules.party_kinds, local_words=self.rules.local_official_words,
                      party_words=self.rules.party_words, sides=self.side_names, counts=counts,
                      contradiction=self.contradiction(hedge_spans), publisher=voices.publisher,
                      party_names=voices.party_names, groups=self.count_groups,
                      unchecked_words=self.rules.verification_words | self.rules.pending_words)
        return decide(ev)

    def event(self, doc: Doc, d: EventDraft, anchor: str, digest: str, voices: Voices | None = None) -> dict:
        trigger = self.trigger(d)
        date_value, date_span = d.date()
        triggered = {m.sent.start for m in d.mentions if m.triggers or m.harm}
        if self.recorder is not None:
            self.recorder.append([])
        relabel = self.role if self.role_model is not None or self.recorder is not None else None
        actors = actor_entities([a for m in d.mentions for a in m.actors], triggered, self.rules, relabel)
        equipment = equipment_entities([e for m in d.mentions for e in m.equipment], self.rules)
        self.sides(actors, equipment)
        att_spans, hedge_spans, attributions, hedges, first = self.claims(d)
        casualties = self.casualties(d, att_spans, hedge_spans)
        self.statuses(d, equipment, att_spans, hedge_spans)
        level, reason = self.certainty(d, att_spans, casualties, voices or Voices())
        for item in [*casualties, *equipment]:  # an index into att_spans becomes one into attributions
            if item.get("attribution") is not None:
                item["attribution"] = first[item["attribution"]]
        cb = self.codebook.get(d.type, {})
        return {
            "id": f"{digest}-{trigger.start_char}{anchor}",
            "type": d.type,
            "acled_event_type": cb.get("acled_event_type"),
            "acled_sub_event_type": cb.get("acled_sub_event_type"),
            "trigger": evidence(trigger),
            "date": date_value,
            "date_text": evidence(date_span) if date_span is not None else None,
            "date_end": date_span._.eventie_date.get("end") if date_span is not None else None,
            "location": self.location(doc, d.place()),
            "actors": actors,
            "equipment": equipment,
            "casualties": casualties,
            "attributions": attributions,
            "hedges": hedges,
            "certainty": level,
            "certainty_reason": reason,
            "sentences": self.sentences(d),
        }
