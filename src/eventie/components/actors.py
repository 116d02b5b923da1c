"""Actor tagger: who acts, who suffers, who speaks.

Three sources of candidates, in order of trust: the named-actor lexicon (``data/actors.jsonl``), the
demonym + personnel patterns ("Russian soldiers", "local resistance"), and the trained NER's ACTOR
entities, which find actors the lexicon has never seen. Each span gets a normalised ``name``, a
``side`` and a ``kind`` so that "HUR", "GUR" and "Ukraine's military intelligence agency" count as one.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .. import labels
from ..resources import ActorRule, actor_rules, demonyms, equipment_rules, personnel
from ._common import non_overlapping, set_spans, side_from_tokens, strip_span

_NAME_BY_KIND = {
    "military": "{adj} forces",
    "partisan": "{adj} resistance",
    "government": "{adj} government",
    "police": "{adj} police",
    "intelligence": "{adj} intelligence",
    "armed_group": "{adj} armed group",
}
_PARTISAN_MODIFIERS = ["local", "underground", "pro-Ukrainian", "Ukrainian", "armed", "resistance"]


@cache
def _rules_by_pattern() -> dict[str, ActorRule]:
    out: dict[str, ActorRule] = {}
    for r in actor_rules():
        out.setdefault(r.pattern.lower(), r)
    return out


@Language.factory(
    "eventie_actor_tagger",
    assigns=["doc.spans"],
    default_config={"spans_key": labels.ACTORS, "use_ner": True},
)
def make_actor_tagger(nlp: Language, name: str, spans_key: str, use_ner: bool) -> ActorTagger:
    return ActorTagger(nlp, name, spans_key=spans_key, use_ner=use_ner)


class ActorTagger:
    """Rules + trained NER -> ``doc.spans[spans_key]`` with ``span._.eventie_actor`` = {name, side, kind, rule}."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, use_ner: bool) -> None:
        self.name = name
        self.spans_key = spans_key
        self.use_ner = use_ner
        self.rules = {}
        self.phrases_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for i, rule in enumerate(actor_rules()):
            key = f"actor_rule_{i}"
            self.rules[nlp.vocab.strings.add(key)] = rule
            exact = rule.case == "exact" or not any(c.islower() for c in rule.pattern)
            (self.phrases_exact if exact else self.phrases_lower).add(key, [nlp.make_doc(rule.pattern)])
        # Head nouns that name things, not people: an NER "actor" headed by one is dropped.
        self.things = {r.pattern.lower() for r in equipment_rules() if " " not in r.pattern}
        self.things |= {"equipment", "weapons", "hardware", "materiel", "ammunition", "infrastructure"}
        self.matcher = Matcher(nlp.vocab)
        dem = list(demonyms())
        pers = personnel()
        single = [n for n in pers if " " not in n]
        self.matcher.add(
            "DEMONYM_PERSONNEL",
            [
                [{"ORTH": {"IN": dem}}, {"ORTH": "-", "OP": "?"}, {"POS": {"IN": ["ADJ", "NOUN", "PROPN", "VERB"]}, "OP": "{0,2}"}, {"LOWER": {"IN": single}, "POS": {"IN": ["NOUN", "PROPN"]}}],
                [{"ORTH": {"IN": sorted(set(demonyms().values()))}}, {"ORTH": {"IN": ["'s", "’s"]}},
                 {"POS": {"IN": ["ADJ", "NOUN"]}, "OP": "{0,2}"}, {"LOWER": {"IN": single}}],
            ],
        )
        bare = [n for n, (kind, _) in pers.items() if kind in {"partisan", "civilian", "military", "government", "armed_group"} and " " not in n and n not in ("government", "military", "force", "forces", "unit", "units", "general")]
        self.matcher.add(
            "BARE_PERSONNEL",
            [[{"LOWER": {"IN": [m.lower() for m in _PARTISAN_MODIFIERS]}, "OP": "?"}, {"LOWER": {"IN": bare}, "POS": {"IN": ["NOUN", "PROPN"]}}]],
        )
        countries = sorted(set(demonyms().values()))
        self.matcher.add("COUNTRY_ACTOR", [[{"ORTH": {"IN": countries}, "DEP": {"IN": ["nsubj", "nsubjpass", "poss", "agent"]}}]])

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab
        lexicon_spans = []
        for match_id, start, end in list(self.phrases_lower(doc)) + list(self.phrases_exact(doc)):
            rule = self.rules[match_id]
            span = Span(doc, start, end, label="ACTOR")
            span._.eventie_actor = {"name": rule.name, "side": rule.side, "kind": rule.kind, "rule": rule.id}
            lexicon_spans.append(span)
        pattern_spans = []
        for match_id, start, end in self.matcher(doc):
            label = vocab.strings[match_id]
            span = strip_span(Span(doc, start, end, label="ACTOR"))
            span._.eventie_actor = self._normalise(span, label)
            pattern_spans.append(span)
        ner_spans = []
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ == "ACTOR":
                    span = strip_span(Span(doc, ent.start, ent.end, label="ACTOR"))
                    if span.root.lower_ in self.things:
                        continue  # "military equipment" is no actor, whatever the NER says
                    span._.eventie_actor = self._normalise(span, "NER")
                    ner_spans.append(span)
        # Lexicon first, then patterns, then NER: equal-length overlaps keep the more trusted source.
        chosen = non_overlapping(lexicon_spans + pattern_spans + ner_spans)
        # "Ukraine and Russia exchanged ...": a country conjoined to a country subject acts too.
        countries = set(demonyms().values())
        taken = {i for s in chosen for i in range(s.start, s.end)}
        for s in list(chosen):
            if s._.eventie_actor.get("rule") == "COUNTRY_ACTOR":
                for conj in s.root.conjuncts:
                    if conj.text in countries and conj.i not in taken:
                        extra = Span(doc, conj.i, conj.i + 1, label="ACTOR")
                        extra._.eventie_actor = {"name": conj.text, "side": conj.text, "kind": "government", "rule": "COUNTRY_ACTOR"}
                        chosen.append(extra)
                        taken.add(conj.i)
        chosen.sort(key=lambda s: s.start)
        # "Ukraine's SBU": the country is the owner of the actor, not a second actor.
        inner = {i for s in chosen if s._.eventie_actor.get("rule") != "COUNTRY_ACTOR" for i in range(s.start, s.end)}
        chosen = [s for s in chosen if not (s._.eventie_actor.get("rule") == "COUNTRY_ACTOR" and s.root.dep_ == "poss" and s.root.head.i in inner)]
        set_spans(doc, self.spans_key, chosen)
        return doc

    def _normalise(self, span: Span, rule: str) -> dict:
        """Name, side and kind for a span found by pattern or NER, read off its words."""
        low = span.text.lower()
        by_pattern = _rules_by_pattern()
        # "Boko Haram fighters", "ELN guerrillas": a named group plus a personnel noun is that group
        head = " ".join(t.lower_ for t in span[:-1]) if len(span) > 1 and span[-1].lower_ in personnel() else None
        r = by_pattern.get(low) or (by_pattern.get(head) if head else None)
        if r is not None:
            return {"name": r.name, "side": r.side, "kind": r.kind, "rule": r.id}
        side = side_from_tokens(span)
        pers = personnel()
        two = " ".join(t.lower_ for t in span[-2:]) if len(span) > 1 else span[-1].lower_
        kind, base = pers.get(two) or next((pers[t.lower_] for t in reversed(span) if t.lower_ in pers), (None, None))
        if rule == "COUNTRY_ACTOR":
            return {"name": span.text, "side": span.text, "kind": "government", "rule": rule}
        if kind is None:
            return {"name": span.text, "side": side, "kind": None, "rule": rule}
        if kind == "civilian":
            name = base
        elif side:
            adj = next((t.text for t in span if t.text in demonyms()), None) or {v: k for k, v in demonyms().items()}.get(side, side)
            name = _NAME_BY_KIND.get(kind, "{adj} " + base).format(adj=adj)
        else:
            name = base
        return {"name": name, "side": side, "kind": kind, "rule": rule}
