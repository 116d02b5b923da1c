"""Trigger tagger: the words that name an event, typed by the codebook.

Trigger lemmas per type live in ``data/triggers.jsonl``; a few need a constraint from the parse
("blow" only with "up", "release" only about prisoners, "capture" only of a place). A generic
trigger ("attack", "strike", "hit") takes a specific type from the weapons its sentence names:
"a strike by Shahed drones" is a drone strike.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import labels
from ..grammar import COMPLEMENT_OR_OBJECT_DEPS, CORE_ARGUMENT_DEPS
from ..rules import RuleComponent, Rules, Strict, TriggerRule
from ..scoring import score_weights
from ._common import AnchoredMatcher, non_overlapping, set_spans


class TriggerWords(Strict):
    """``trigger_words.yaml``."""

    refine_order: list[str]
    specific_by_category: dict[str, str]
    air_bomb_words: list[str]
    refinable_types: list[str]
    refinable_phrases: dict[str, list[str]]
    overriding_types: list[str]
    weapon_categories: list[str]
    modals: list[str]
    irrealis_verbs: list[str]
    prisoner_words: list[str]
    held_sites: list[str]


@Language.factory(
    "eventie_trigger_tagger",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.spans"],
    default_config={"scorer": {"@scorers": "eventie.spans_scorer.v1"}, "spans_key": labels.TRIGGERS, "equipment_key": labels.EQUIPMENT, "places_key": labels.PLACES},
    default_score_weights=score_weights(labels.TRIGGERS),
)
def make_trigger_tagger(nlp: Language, name: str, spans_key: str, equipment_key: str, places_key: str, scorer: Callable | None) -> TriggerTagger:
    comp = TriggerTagger(nlp, name, spans_key=spans_key, equipment_key=equipment_key, places_key=places_key)
    comp.scorer = scorer
    return comp


class TriggerTagger(RuleComponent):
    rule_files = ("triggers.jsonl", "trigger_words.yaml")

    def __init__(self, nlp: Language, name: str, *, spans_key: str, equipment_key: str, places_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.equipment_key = equipment_key
        self.places_key = places_key

    def _load_rules(self, rules: Rules) -> None:
        nlp = self.nlp
        self.words = words = rules.yaml("trigger_words.yaml", TriggerWords)
        self.weapons = frozenset(words.weapon_categories)
        self.modals = frozenset(words.modals)
        self.irrealis_verbs = frozenset(words.irrealis_verbs)
        self.prisoner_words = frozenset(words.prisoner_words)
        self.held_sites = frozenset(words.held_sites)
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.meta = {}
        for rule in rules.jsonl("triggers.jsonl", TriggerRule):
            for phrase in rule.lemmas:
                key = f"{rule.id}|{phrase}"
                self.meta[nlp.vocab.strings.add(key)] = (rule, phrase)
                words = phrase.split()
                pattern = [{"LEMMA": w} for w in words]
                if len(words) == 1:
                    pattern = [{"LEMMA": words[0], "POS": {"IN": ["NOUN", "VERB"]}}]
                self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        equipment = list(doc.spans[self.equipment_key]) if self.equipment_key in doc.spans else []
        places = list(doc.spans[self.places_key]) if self.places_key in doc.spans else []
        place_tokens = {i for p in places for i in range(p.start, p.end)}
        weapon_tokens = {e.root.i for e in equipment if (e._.eventie_equipment or {}).get("category") in self.weapons}
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
            if etype in self.words.refinable_types or phrase in self.words.refinable_phrases.get(etype, ()):
                refined = self._refine(span, equipment)
                if refined and (generic or refined in self.words.overriding_types):
                    etype = refined
                    generic = False
            span._.eventie_trigger = {"type": etype, "rule": rule.id, "generic": generic}
            found.append(span)
        set_spans(doc, self.spans_key, non_overlapping(found))
        return doc

    def _irrealis(self, span: Span) -> bool:
        """Negated, future, modal or wished-for: 'did not strike', 'will hit', 'threatens strikes'."""
        root = span.root
        verb = root if root.pos_ == "VERB" else (root.head if root.dep_ in ("dobj", "nsubjpass") else None)
        if verb is not None:
            for c in verb.children:
                if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in self.modals):
                    return True
            if verb.lemma_ in self.irrealis_verbs and verb is not root:
                return True
        head = root.head
        if root.dep_ in COMPLEMENT_OR_OBJECT_DEPS and head.lemma_ in self.irrealis_verbs:
            return True
        return False

    def _allowed(self, span: Span, constraint: str | None, place_tokens: set[int], weapon_tokens: set[int]) -> bool:
        root = span.root
        if constraint is None:
            return True
        if constraint == "verb":
            return root.pos_ == "VERB"
        if constraint == "particle_up":
            return any(c.dep_ == "prt" and c.lower_ == "up" for c in root.children)
        if constraint == "prisoner_context":
            return any(t.lower_ in self.prisoner_words for t in span.sent)
        if constraint == "weapon_object":
            # "Russia launched 40 drones", "fired three missiles": an attack only with a weapon as object
            return root.pos_ == "VERB" and any(c.dep_ == "dobj" and c.i in weapon_tokens for c in root.children)
        if constraint == "weapon_aimed":
            return self._weapon_aimed(root, weapon_tokens)
        if constraint == "out_of_place":
            return self._out_of_place(root, place_tokens)
        if constraint == "place_argument":
            for child in root.children:
                if child.dep_ in CORE_ARGUMENT_DEPS and child.i in place_tokens:
                    return True
                if child.dep_ in ("dobj", "nsubjpass") and self._names_place(child, place_tokens):
                    return True
                if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                    if any(g.i in place_tokens for g in child.children):
                        return True
            return False
        return True

    @staticmethod
    def _weapon_aimed(root, weapon_tokens: set[int]) -> bool:
        """"The missiles were aimed at cities", "aimed rockets at the port": an attack only when a weapon is
        what is aimed and the verb says at what ("talks aimed at a truce" is none)."""
        if root.pos_ != "VERB" or not any(c.dep_ == "prep" and c.lower_ == "at" for c in root.children):
            return False
        return any(c.dep_ in ("dobj", "nsubjpass") and c.i in weapon_tokens for c in root.children)

    @staticmethod
    def _out_of_place(root, place_tokens: set[int]) -> bool:
        """"drove the fighters out of Dikwa": a party expelled from a named place ("drove out of the city
        in a convoy", with no place, or "drive a car" are none)."""
        outs = [c for c in root.children if c.dep_ in ("prep", "prt") and c.lower_ == "out"]
        ofs = [g for o in outs for g in o.children if g.dep_ == "prep" and g.lower_ == "of"]
        ofs += [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and outs]
        return any(p.i in place_tokens for g in ofs for p in g.subtree)

    def _names_place(self, obj, place_tokens: set[int]) -> bool:
        """Does the object name the place ("liberated the town of Dikwa"), or is it a site a party holds
        at a place ("captured a camp on the banks of the Benue", ``held_sites``)?"""
        if any(g.dep_ == "prep" and g.lower_ == "of" and any(p.i in place_tokens for p in g.children) for g in obj.children):
            return True
        if obj.lemma_.lower() not in self.held_sites:
            return False
        return any(t.i in place_tokens for t in obj.subtree if t.dep_ in ("pobj", "compound") and t.i != obj.i)

    def _refine(self, span: Span, equipment: list[Span]) -> str | None:
        sent = span.sent
        cats = [(e._.eventie_equipment or {}).get("category") for e in equipment if sent.start <= e.start < sent.end]
        for cat in self.words.refine_order:
            if cat in cats:
                return self.words.specific_by_category[cat]
        if "bomb" in cats:
            names = " ".join(e.text.lower() for e in equipment if sent.start <= e.start < sent.end)
            return "air_strike" if any(w in names for w in self.words.air_bomb_words) else "explosion"
        return None
