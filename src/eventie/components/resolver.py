"""Span resolver: one place that settles what the actor and equipment taggers disagree on.

Rules first, the trained NER only adds what rules cannot: the taggers each propose spans (lexicon,
patterns, NER), and this component, running after them, decides.

1. An actor and an equipment span that overlap: the one a rule found beats the one only the NER found
   ("Kamaz" read as an ACTOR by the NER is the truck the lexicon knows). Of two rule spans, one inside
   the other gives way ("bomber" inside "suicide bomber"); two that only cross both stay.
2. NER-only spans that are not what their label says are dropped, as a class, not by word: a span with no
   capitalised word must have a head (or word) the lexicons know as people (``personnel.csv``,
   ``actors.jsonl``, ``resolver.yaml``) or as equipment (``equipment.jsonl``, ``resolver.yaml``): "could
   mark", "cookers", "generations", "platforms" go. Credits, section and calendar words never head an
   actor ("Image copyright AP", "Thursday").
3. An NER-only actor or item that is exactly a place the gazetteer resolved, or lies inside one, is the
   place ("Kremenchuk", "al Mandab" in "Bab al Mandab").

The taggers' own spans are never rewritten here, only kept or dropped, so every kept span still says
which rule found it (``rule``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import labels
from ..rules import ActorRule, EquipmentRule, PersonnelRow, ResolverRules, RuleComponent, Rules

NER_RULE = "NER"


@Language.factory(
    "eventie_span_resolver",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"actors_key": labels.ACTORS, "equipment_key": labels.EQUIPMENT, "places_key": labels.PLACES},
)
def make_span_resolver(nlp: Language, name: str, actors_key: str, equipment_key: str, places_key: str) -> SpanResolver:
    return SpanResolver(name, actors_key=actors_key, equipment_key=equipment_key, places_key=places_key)


def _from_ner(span: Span, attr: str) -> bool:
    return (getattr(span._, attr) or {}).get("rule") == NER_RULE


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _inside(span: Span, other: Span) -> bool:
    """Is ``span`` strictly inside ``other``?"""
    return other.start <= span.start and span.end <= other.end and len(other) > len(span)


def _capitalised(span: Span, lower_forms: set[str]) -> bool:
    """A word written with a capital that is not there only because it opens the sentence.

    A sentence-initial noun counts when the document never writes it in lower case ("Budanov said" yes,
    "Hours later" no): the parse tags unknown names at a sentence start as common nouns.
    """
    for tok in span:
        if not tok.text[:1].isupper():
            continue
        if not tok.is_sent_start or tok.pos_ == "PROPN" or tok.text.isupper():
            return True
        if tok.pos_ == "NOUN" and tok.lower_ not in lower_forms:
            return True
    return False


class SpanResolver(RuleComponent):
    """Keeps or drops the taggers' actor and equipment spans; see the module docstring for the rules."""

    rule_files = ("resolver.yaml", "personnel.csv", "actors.jsonl", "equipment.jsonl")

    def __init__(self, name: str, *, actors_key: str, equipment_key: str, places_key: str = labels.PLACES) -> None:
        self.name = name
        self.actors_key = actors_key
        self.equipment_key = equipment_key
        self.places_key = places_key

    def _load_rules(self, rules: Rules) -> None:
        own = rules.yaml("resolver.yaml", ResolverRules)
        self.not_actor_heads = own.not_actor_heads
        self.people = {r.noun.lower() for r in rules.csv("personnel.csv", PersonnelRow)}
        self.people |= {r.pattern.lower() for r in rules.jsonl("actors.jsonl", ActorRule)}
        self.people_words = {p for p in self.people if " " not in p} | set(own.people_heads)
        self.equipment_patterns = {r.pattern.lower() for r in rules.jsonl("equipment.jsonl", EquipmentRule)}
        self.equipment_words = set(own.equipment_heads) | {p for p in self.equipment_patterns if " " not in p}
        # the phrases of several words, listed once: each unknown lower-case span is searched for all of them
        self.people_multi = [p for p in self.people if " " in p]
        self.equipment_multi = [p for p in self.equipment_patterns if " " in p]

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        actors = list(doc.spans[self.actors_key]) if self.actors_key in doc.spans else []
        equipment = list(doc.spans[self.equipment_key]) if self.equipment_key in doc.spans else []
        place_spans = list(doc.spans.get(self.places_key, []))
        places = {(p.start, p.end) for p in place_spans}
        places |= {(a.start, a.end) for a in [*actors, *equipment] if any(_inside(a, p) for p in place_spans)}
        strings = doc.vocab.strings  # each distinct word once, not a Token per word
        lower = {w for w in (strings[h] for h in set(doc.to_array(ORTH).tolist())) if w.islower()}
        rule_actors = [a for a in actors if not _from_ner(a, "eventie_actor")]
        rule_equipment = [e for e in equipment if not _from_ner(e, "eventie_equipment")]
        keep_actors, keep_equipment = [], []
        for a in actors:
            if _from_ner(a, "eventie_actor"):
                drop = (a.start, a.end) in places or self._drop_actor(a, rule_equipment, lower)
            else:
                drop = any(_inside(a, e) for e in rule_equipment)
            if not drop:
                keep_actors.append(a)
        for e in equipment:
            if _from_ner(e, "eventie_equipment"):
                drop = (e.start, e.end) in places or self._drop_equipment(e, rule_actors, lower)
            else:
                drop = any(_inside(e, a) for a in rule_actors)
            if not drop:
                keep_equipment.append(e)
        doc.spans[self.actors_key] = keep_actors
        doc.spans[self.equipment_key] = keep_equipment
        return doc

    def _drop_actor(self, span: Span, rule_equipment: list[Span], lower: set[str]) -> bool:
        if _overlaps(span, rule_equipment):
            return True
        if span.root.lower_ in self.not_actor_heads or span.root.lemma_.lower() in self.not_actor_heads:
            return True
        return not _capitalised(span, lower) and not self._knows(span, self.people, self.people_multi, self.people_words)

    def _drop_equipment(self, span: Span, rule_actors: list[Span], lower: set[str]) -> bool:
        if _overlaps(span, rule_actors):
            return True
        return not _capitalised(span, lower) and not self._knows(span, self.equipment_patterns, self.equipment_multi, self.equipment_words)

    @staticmethod
    def _knows(span: Span, phrases: set[str], multi: list[str], words: set[str]) -> bool:
        """Does the span hold a lexicon phrase (``multi``: those of several words), or a word (its form or
        lemma) the lexicon knows?"""
        low = span.text.lower()
        if low in phrases or any(p in low for p in multi):
            return True
        return any(t.lower_ in words or t.lemma_.lower() in words for t in span)
