"""Equipment tagger: weapons, vehicles and systems, with count, category, side and status.

The lexicon (``data/equipment.jsonl``) knows model names ("T-72B3", "Shahed-136", "UAZ Patriot"); the
trained NER's EQUIPMENT entities cover the rest. Count, status and side are read from the syntax
around each mention: "two Kamaz trucks" is 2, "destroyed a T-90M" is destroyed.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import labels
from ..grammar import PATIENT_DEPS, WEAPON_MODIFIER_POS
from ..numbers import word_to_int
from ..rules import EquipmentRule, RuleComponent, Rules, StatusRow, Strict
from ..scoring import score_weights
from ._common import Sides, non_overlapping, set_spans, strip_span


class EquipmentWords(Strict):
    """``equipment_words.yaml``."""

    edge_determiners: list[str]
    heads: list[str]
    modifiers: list[str]
    one_words: list[str]
    person_phrases: list[str]
    force_words: list[str]
    es_plural_endings: list[str]
    charge_participles: list[str] = []
    charge_words: list[str] = []
    charge_carriers: list[str] = []
    charge_vehicle_categories: list[str] = []
    charge_rule: str | None = None


def _plurals(pattern: str, es_endings: tuple[str, ...]) -> list[str]:
    """The pattern and its plural; ``es_endings`` are the endings that take "-es" (``equipment_words.yaml``)."""
    last = pattern.split()[-1]
    if last[-1:].isdigit():
        return [pattern, pattern + "s"]  # designations pluralise with a bare "s": "MQ-9s", "Su-25s", "FGR4s"
    if not last[-1:].isalpha():
        return [pattern]
    if last.endswith(es_endings):
        return [pattern, pattern + "es"]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return [pattern, pattern[:-1] + "ies"]
    return [pattern, pattern + "s"]


@Language.factory(
    "eventie_equipment_tagger",
    assigns=["doc.spans"],
    default_config={"scorer": {"@scorers": "eventie.spans_scorer.v1"}, "spans_key": labels.EQUIPMENT, "use_ner": True, "actors_key": labels.ACTORS},
    default_score_weights=score_weights(labels.EQUIPMENT),
)
def make_equipment_tagger(nlp: Language, name: str, spans_key: str, use_ner: bool, actors_key: str, scorer: Callable | None) -> EquipmentTagger:
    comp = EquipmentTagger(nlp, name, spans_key=spans_key, use_ner=use_ner, actors_key=actors_key)
    comp.scorer = scorer
    return comp


class EquipmentTagger(RuleComponent):
    rule_files = ("equipment.jsonl", "equipment_words.yaml", "equipment_status.csv", "demonyms.csv")

    def __init__(self, nlp: Language, name: str, *, spans_key: str, use_ner: bool, actors_key: str = labels.ACTORS) -> None:
        self.nlp = nlp
        self.name = name
        self.actors_key = actors_key
        self.spans_key = spans_key
        self.use_ner = use_ner

    def _load_rules(self, rules: Rules) -> None:
        nlp = self.nlp
        words = rules.yaml("equipment_words.yaml", EquipmentWords)
        self.edge_determiners = frozenset(words.edge_determiners)
        self.heads, self.modifiers, self.one_words = frozenset(words.heads), frozenset(words.modifiers), frozenset(words.one_words)
        self.sides = Sides(rules)
        self.rules = {}
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_text = {}
        es_endings = tuple(words.es_plural_endings)
        for i, rule in enumerate(rules.jsonl("equipment.jsonl", EquipmentRule)):
            key = f"equipment_rule_{i}"
            self.rules[nlp.vocab.strings.add(key)] = rule
            exact = any(c.isupper() for c in rule.pattern)
            for form in _plurals(rule.pattern, es_endings):
                (self.exact if exact else self.lower).add(key, [nlp.make_doc(form)])
                self.by_text.setdefault(form.lower(), rule)
        self.status = {r.lemma: r.status for r in rules.csv("equipment_status.csv", StatusRow)}
        self.people = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.people.add("PEOPLE", [nlp.make_doc(p) for p in words.person_phrases])
        self.force_words = frozenset(words.force_words)
        self.charge = (frozenset(words.charge_participles), frozenset(words.charge_words), frozenset(words.charge_carriers))
        self.charge_vehicles = frozenset(words.charge_vehicle_categories)
        self.charge_rule = next((r for r in self.rules.values() if r.id == words.charge_rule), None)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        people = self._people(doc)
        chosen = non_overlapping([c for c in self._candidates(doc) if not self._not_equipment(c, people)])
        chosen = self._charged(doc, chosen)
        # Overlaps with actor spans are settled by the span resolver (components/resolver.py), not here.
        for span in chosen:
            info = dict(span._.eventie_equipment)
            info["count"] = self._count(span)
            info["status"] = self._status(span)
            left = doc[max(span.start - 2, 0) : span.start]
            info["side"] = self.sides.of_tokens(list(left) + list(span)) or info["side"]
            span._.eventie_equipment = info
        set_spans(doc, self.spans_key, chosen)
        return doc

    def _candidates(self, doc: Doc) -> list[Span]:
        found = []
        generic = [(s, e) for _m, s, e in self.lower(doc) if doc[e - 1].pos_ not in ("VERB", "AUX")]  # "to ship fuel"
        generic_at = {s: e for s, e in generic}
        for match_id, start, end in list(self.exact(doc)) + [(m, s, e) for m, s, e in self.lower(doc) if (s, e) in generic_at.items()]:
            rule = self.rules[match_id]
            end = self._extend(doc, end)
            if any(c.isupper() for c in rule.pattern):
                end = max(end, generic_at.get(end, end))  # "a BTR-82A armoured personnel carrier": one vehicle
            span = Span(doc, start, end, label="EQUIPMENT")
            span._.eventie_equipment = {"name": rule.name, "category": rule.category, "side": rule.side, "rule": rule.id}
            found.append(span)
        lexicon_tokens = {i for sp in found for i in range(sp.start, sp.end)}
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ == "EQUIPMENT" and ent.root.pos_ not in ("VERB", "AUX") and not any(i in lexicon_tokens for i in range(ent.start, ent.end)):
                    span = strip_span(Span(doc, ent.start, ent.end, label="EQUIPMENT"), self.edge_determiners)
                    rule = self.by_text.get(span.text.lower()) or self.by_text.get(span.root.lower_)
                    span._.eventie_equipment = {
                        "name": rule.name if rule else span.text,
                        "category": rule.category if rule else None,
                        "side": rule.side if rule else None,
                        "rule": "NER",
                    }
                    found.append(span)
        return found

    def _charged(self, doc: Doc, chosen: list[Span]) -> list[Span]:
        """A carrier charged with explosives as one weapon: "a motorcycle loaded with explosives", "a truck
        packed with explosives" (a car bomb), "explosive-laden drones" (drones); see ``charge_*`` in
        equipment_words.yaml. The separate "explosives" mention goes."""
        participles, charges, _carriers = self.charge
        out = list(chosen)
        for tok in doc:
            if tok.lower_ not in participles:
                continue
            found = self._charge_after(doc, tok.i, out) if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "with" else None
            if found is None and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in charges:
                found = self._charge_before(doc, tok.i, out)
            if found is None:
                continue
            span, carrier = found
            out = [s for s in out if s.end <= span.start or s.start >= span.end]
            info = dict(carrier._.eventie_equipment) if carrier is not None else {}
            if carrier is None or info.get("category") in self.charge_vehicles:
                rule = self.charge_rule
                info = {"name": rule.name, "category": rule.category, "side": rule.side, "rule": rule.id} if rule else info
            span._.eventie_equipment = {**info, "rule": "charged" if info.get("rule") in (None, "NER") else info["rule"]}
            out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _charge_after(self, doc: Doc, i: int, spans: list[Span]) -> tuple[Span, Span | None] | None:
        """"<carrier> packed with (the) explosives": the whole phrase, and the carrier's span if tagged."""
        _participles, charges, carriers = self.charge
        k = i + 2
        while k < len(doc) and k < i + 4 and (doc[k].lower_ in self.edge_determiners or doc[k].pos_ == "ADJ"):
            k += 1
        if k >= len(doc) or doc[k].lower_ not in charges:
            return None
        carrier = next((s for s in spans if s.end == i), None)
        if carrier is None and not (i > 0 and doc[i - 1].lower_ in carriers):
            return None
        start = carrier.start if carrier is not None else i - 1
        return Span(doc, start, k + 1, label="EQUIPMENT"), carrier

    def _charge_before(self, doc: Doc, i: int, spans: list[Span]) -> tuple[Span, Span | None] | None:
        """"explosive-laden drones": from the charge word to the end of the carrier after the participle."""
        _participles, _charges, carriers = self.charge
        carrier = next((s for s in spans if s.start == i + 1), None)
        if carrier is None and not (i + 1 < len(doc) and doc[i + 1].lower_ in carriers):
            return None
        end = carrier.end if carrier is not None else i + 2
        return Span(doc, i - 2, end, label="EQUIPMENT"), carrier

    def _people(self, doc: Doc) -> set[int]:
        """Tokens of person phrases ("a suicide bomber"), and the later bare mentions of their head word.

        Once a report has a suicide bomber, "the bomber's car" and "the bomber detonated" speak of that person,
        not of a bomber aircraft. Only a span that is that one word is taken: "a B-52 bomber" stays equipment.
        """
        found = list(self.people(doc))
        tokens = {i for _, s, e in found for i in range(s, e)}
        if not found:
            return tokens
        heads = {doc[e - 1].lemma_.lower() for _, _s, e in found} | {doc[e - 1].lower_ for _, _s, e in found}
        first = min(s for _, s, _e in found)
        for tok in doc[first:]:
            if tok.i not in tokens and (tok.lower_ in heads or tok.lemma_.lower() in heads) and not _modified(tok):
                tokens.add(tok.i)
        return tokens

    def _not_equipment(self, span: Span, people: set[int]) -> bool:
        """"a suicide bomber" is a person; "air defence shot down 12 drones" and "the work of air defence" name the
        force, an actor, where "air defence systems" and "supplying air defence" name equipment."""
        if any(i in people for i in range(span.start, span.end)):
            return True
        if span.text.lower() not in self.force_words:
            return False
        root = span.root
        return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "pobj" and root.head.lower_ == "of")

    def _extend(self, doc: Doc, end: int) -> int:
        """Take in generic heads after a model name: 'UAZ Patriot' + 'pickup truck', 'Kalibr' + 'cruise missiles'."""
        best = end
        for j in range(end, min(end + 3, len(doc))):
            low = doc[j].lower_
            if low in self.heads and doc[j].pos_ in ("NOUN", "PROPN"):
                best = j + 1
            elif low not in self.modifiers:
                break
        return best

    @staticmethod
    def _of_number(span: Span):
        """'31 of 35 Shahed drones': the number the clause is about (31), if the span hangs off one."""
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.like_num:
            return root.head.head
        return None

    def _count(self, span: Span) -> int | None:
        part = self._of_number(span)
        if part is not None:
            n = word_to_int(part.text)
            if n is not None:
                return n
        root = span.root
        for child in root.children:
            if child.dep_ == "nummod" and child.i < span.start:
                n = word_to_int(child.text)
                if n is not None:
                    return n
        doc = span.doc
        i = span.start - 1
        while i >= 0 and i >= span.start - 3 and doc[i].pos_ in WEAPON_MODIFIER_POS and doc[i].text not in {",", "."}:
            i -= 1
        if i >= 0:
            n = word_to_int(doc[i].text)
            if n is not None and doc[i].like_num:
                return n
            if doc[i].lower_ in self.one_words and root.tag_ in ("NN", "NNP"):
                return 1
        return None

    def _status(self, span: Span) -> str | None:
        tok = self._of_number(span) or span.root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in PATIENT_DEPS:
            head = tok.head
            if head.lemma_ == "shoot" and any(c.lower_ == "down" for c in head.children):
                return "intercepted"
            return self.status.get(head.lemma_)
        return None


def _modified(tok: Token) -> bool:
    """A head word with a name or a descriptive word before it ("B-52 bomber", "strategic bombers") is the aircraft."""
    left = tok.doc[tok.i - 1] if tok.i > 0 else None
    return left is not None and left.head.i == tok.i and left.dep_ not in ("det", "poss") and not left.is_punct
