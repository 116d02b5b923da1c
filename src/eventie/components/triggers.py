"""Trigger tagger: the words that name an event, typed by the codebook.

Trigger lemmas per type live in ``data/triggers.jsonl``; a few need a constraint from the parse
("blow" only with "up", "release" only about prisoners, "capture" only of a place). A generic
trigger ("attack", "strike", "hit") takes a specific type from the weapons its sentence names:
"a strike by Shahed drones" is a drone strike.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .. import labels
from ..resources import trigger_rules
from ._common import non_overlapping, set_spans

_SPECIFIC_BY_CATEGORY = {
    "drone": "drone_strike",
    "naval_drone": "naval_attack",
    "missile": "missile_strike",
    "artillery": "shelling",
    "mlrs": "shelling",
    "aircraft": "air_strike",
    "helicopter": "air_strike",
}
_WEAPONS = {"drone", "naval_drone", "missile", "bomb", "artillery", "mlrs", "aircraft"}
_MODALS = {"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll", "wo"}
_IRREALIS_VERBS = {"threaten", "urge", "plan", "vow", "warn", "intend", "promise", "design", "prepare", "seek", "want", "aim", "pledge", "stop", "avoid", "prevent", "deter"}
_PRISONER_WORDS = {"prisoner", "prisoners", "pow", "pows", "captive", "captives", "detainee", "detainees", "hostage", "hostages", "body", "bodies"}


@Language.factory(
    "eventie_trigger_tagger",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.spans"],
    default_config={"spans_key": labels.TRIGGERS, "equipment_key": labels.EQUIPMENT, "places_key": labels.PLACES},
)
def make_trigger_tagger(nlp: Language, name: str, spans_key: str, equipment_key: str, places_key: str) -> TriggerTagger:
    return TriggerTagger(nlp, name, spans_key=spans_key, equipment_key=equipment_key, places_key=places_key)


class TriggerTagger:
    def __init__(self, nlp: Language, name: str, *, spans_key: str, equipment_key: str, places_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.equipment_key = equipment_key
        self.places_key = places_key
        self.matcher = Matcher(nlp.vocab)
        self.meta = {}
        for rule in trigger_rules():
            for phrase in rule.lemmas:
                key = f"{rule.id}|{phrase}"
                self.meta[nlp.vocab.strings.add(key)] = (rule, phrase)
                words = phrase.split()
                pattern = [{"LEMMA": w} for w in words]
                if len(words) == 1:
                    pattern = [{"LEMMA": words[0], "POS": {"IN": ["NOUN", "VERB"]}}]
                self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        equipment = list(doc.spans[self.equipment_key]) if self.equipment_key in doc.spans else []
        places = list(doc.spans[self.places_key]) if self.places_key in doc.spans else []
        place_tokens = {i for p in places for i in range(p.start, p.end)}
        weapon_tokens = {e.root.i for e in equipment if (e._.eventie_equipment or {}).get("category") in _WEAPONS}
        found = []
        for match_id, start, end in self.matcher(doc):
            rule, phrase = self.meta[match_id]
            span = Span(doc, start, end, label="TRIGGER")
            if not self._allowed(span, rule.constraints.get(phrase) or rule.constraints.get("*"), place_tokens, weapon_tokens):
                continue
            if self._irrealis(span):
                continue
            etype = rule.type
            generic = etype == "attack"
            if etype in ("attack", "explosion") or (etype == "armed_clash" and phrase in ("raid", "assault")):
                refined = self._refine(span, equipment)
                if refined and (generic or refined in ("drone_strike", "missile_strike", "naval_attack", "air_strike")):
                    etype = refined
                    generic = False
            span._.eventie_trigger = {"type": etype, "rule": rule.id, "generic": generic}
            found.append(span)
        set_spans(doc, self.spans_key, non_overlapping(found))
        return doc

    @staticmethod
    def _irrealis(span: Span) -> bool:
        """Negated, future, modal or wished-for: 'did not strike', 'will hit', 'threatens strikes'."""
        root = span.root
        verb = root if root.pos_ == "VERB" else (root.head if root.dep_ in ("dobj", "nsubjpass") else None)
        if verb is not None:
            for c in verb.children:
                if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS):
                    return True
            if verb.lemma_ in _IRREALIS_VERBS and verb is not root:
                return True
        head = root.head
        if root.dep_ in ("xcomp", "dobj", "pobj", "ccomp") and head.lemma_ in _IRREALIS_VERBS:
            return True
        return False

    @staticmethod
    def _allowed(span: Span, constraint: str | None, place_tokens: set[int], weapon_tokens: set[int]) -> bool:
        root = span.root
        if constraint is None:
            return True
        if constraint == "verb":
            return root.pos_ == "VERB"
        if constraint == "particle_up":
            return any(c.dep_ == "prt" and c.lower_ == "up" for c in root.children)
        if constraint == "prisoner_context":
            return any(t.lower_ in _PRISONER_WORDS for t in span.sent)
        if constraint == "weapon_object":
            # "Russia launched 40 drones", "fired three missiles": an attack only with a weapon as object
            return root.pos_ == "VERB" and any(c.dep_ == "dobj" and c.i in weapon_tokens for c in root.children)
        if constraint == "place_argument":
            for child in root.children:
                if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.i in place_tokens:
                    return True
                if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                    if any(g.i in place_tokens for g in child.children):
                        return True
            return False
        return True

    @staticmethod
    def _refine(span: Span, equipment: list[Span]) -> str | None:
        sent = span.sent
        cats = [(e._.eventie_equipment or {}).get("category") for e in equipment if sent.start <= e.start < sent.end]
        for cat in ("naval_drone", "drone", "missile", "aircraft", "helicopter", "mlrs", "artillery"):
            if cat in cats:
                return _SPECIFIC_BY_CATEGORY[cat]
        if "bomb" in cats:
            names = " ".join(e.text.lower() for e in equipment if sent.start <= e.start < sent.end)
            return "air_strike" if any(w in names for w in ("glide", "aerial", "guided", "fab", "kab", "barrel")) else "explosion"
        return None
