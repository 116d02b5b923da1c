"""Actor tagger: who acts, who suffers, who speaks.

Three sources of candidates, in order of trust: the named-actor lexicon (``data/actors.jsonl``), the
demonym + personnel patterns ("Russian soldiers", "local resistance"), and the trained NER's ACTOR
entities, which find actors the lexicon has never seen. Each span gets a normalised ``name``, a
``side`` and a ``kind`` so that "HUR", "GUR" and "Ukraine's military intelligence agency" count as one.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .. import labels
from ..grammar import ACTING_DEPS, PRENOMINAL_POS
from ..rules import ActorRule, EquipmentRule, PersonnelRow, RuleComponent, Rules, Strict
from ..scoring import score_weights
from ._common import AnchoredMatcher, Sides, non_overlapping, set_spans, strip_span


class ActorWords(Strict):
    """``actor_words.yaml``."""

    edge_determiners: list[str]
    name_by_kind: dict[str, str]
    branch_names: list[str]
    partisan_modifiers: list[str]
    thing_heads: list[str]
    bare_personnel_kinds: list[str]
    bare_personnel_excluded: list[str]
    ner_edge_tags: list[str]
    ner_edge_words: list[str]
    side_free_words: list[str]
    locating_compounds: list[str]
    group_heads: list[str] = []
    country_short_names: list[str] = []


@Language.factory(
    "eventie_actor_tagger",
    assigns=["doc.spans"],
    default_config={"scorer": {"@scorers": "eventie.spans_scorer.v1"}, "spans_key": labels.ACTORS, "use_ner": True},
    default_score_weights=score_weights(labels.ACTORS),
)
def make_actor_tagger(nlp: Language, name: str, spans_key: str, use_ner: bool, scorer: Callable | None) -> ActorTagger:
    comp = ActorTagger(nlp, name, spans_key=spans_key, use_ner=use_ner)
    comp.scorer = scorer
    return comp


class ActorTagger(RuleComponent):
    """Rules + trained NER -> ``doc.spans[spans_key]`` with ``span._.eventie_actor`` = {name, side, kind, rule}."""

    rule_files = ("actors.jsonl", "actor_words.yaml", "demonyms.csv", "personnel.csv", "equipment.jsonl")

    def __init__(self, nlp: Language, name: str, *, spans_key: str, use_ner: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.use_ner = use_ner

    def _load_rules(self, rules: Rules) -> None:
        nlp = self.nlp
        words = rules.yaml("actor_words.yaml", ActorWords)
        self.edge_determiners = frozenset(words.edge_determiners)
        self.ner_edge_tags = frozenset(words.ner_edge_tags)
        self.ner_edge_words = frozenset(words.ner_edge_words)
        self.name_by_kind = dict(words.name_by_kind)
        self.branch_names = frozenset(words.branch_names)
        self.sides = Sides(rules, locating=words.locating_compounds)
        self.side_free = frozenset(words.side_free_words)
        self.group_heads = frozenset(words.group_heads)
        self.personnel = {r.noun.lower(): (r.kind, r.name) for r in rules.csv("personnel.csv", PersonnelRow)}
        self.rules = {}
        self.by_pattern: dict[str, ActorRule] = {}
        self.phrases_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for i, rule in enumerate(rules.jsonl("actors.jsonl", ActorRule)):
            key = f"actor_rule_{i}"
            self.rules[nlp.vocab.strings.add(key)] = rule
            self.by_pattern.setdefault(rule.pattern.lower(), rule)
            exact = rule.case == "exact" or not any(c.islower() for c in rule.pattern)
            (self.phrases_exact if exact else self.phrases_lower).add(key, [nlp.make_doc(rule.pattern)])
        # Head nouns that name things, not people: an NER "actor" headed by one is dropped.
        self.things = {r.pattern.lower() for r in rules.jsonl("equipment.jsonl", EquipmentRule) if " " not in r.pattern}
        self.things |= set(words.thing_heads)
        self._add_patterns(words)

    def _add_patterns(self, words: ActorWords) -> None:
        self.matcher = AnchoredMatcher(self.nlp.vocab)  # every pattern needs a demonym, country or personnel word
        dem = list(self.sides.demonyms)
        countries = sorted(self.sides.sides)
        pers = self.personnel
        single = [n for n in pers if " " not in n]
        self.matcher.add(
            "DEMONYM_PERSONNEL",
            [
                [{"ORTH": {"IN": dem}}, {"ORTH": "-", "OP": "?"}, {"POS": {"IN": list(PRENOMINAL_POS)}, "OP": "{0,2}"}, {"LOWER": {"IN": single}, "POS": {"IN": ["NOUN", "PROPN"]}}],
                [{"ORTH": {"IN": countries}}, {"ORTH": {"IN": ["'s", "’s"]}},
                 {"POS": {"IN": ["ADJ", "NOUN"]}, "OP": "{0,2}"}, {"LOWER": {"IN": single}}],
            ],
        )
        # "Russian air defence": a demonym before a personnel noun of two or three words
        multi = sorted({tuple(n.split()) for n in pers if 1 < len(n.split()) <= 3})
        self.matcher.add("DEMONYM_PERSONNEL", [[{"ORTH": {"IN": dem}}, *({"LOWER": w} for w in words_)] for words_ in multi])
        kinds, excluded = set(words.bare_personnel_kinds), set(words.bare_personnel_excluded)
        bare = [n for n, (kind, _) in pers.items() if kind in kinds and " " not in n and n not in excluded]
        self.matcher.add(
            "BARE_PERSONNEL",
            [[{"LOWER": {"IN": [m.lower() for m in words.partisan_modifiers]}, "OP": "?"}, {"LOWER": {"IN": bare}, "POS": {"IN": ["NOUN", "PROPN"]}}]],
        )
        # "US says", "Britain said": a country's short name (one with a side in demonyms.csv) acts as the country
        self.short_names = {n: self.sides.demonyms[n] for n in words.country_short_names if n in self.sides.demonyms}
        self.matcher.add("COUNTRY_ACTOR", [[{"ORTH": {"IN": countries + sorted(self.short_names)}, "DEP": {"IN": sorted(ACTING_DEPS)}}]])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        chosen = non_overlapping(self._candidates(doc))
        chosen = self._settle_countries(doc, chosen)
        set_spans(doc, self.spans_key, chosen)
        return doc

    def _candidates(self, doc: Doc) -> list[Span]:
        """Lexicon first, then patterns, then NER: equal-length overlaps keep the more trusted source."""
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
            if self._modifies_thing(doc, start, end):
                continue
            span = strip_span(Span(doc, start, end, label="ACTOR"), self.edge_determiners)
            span._.eventie_actor = self._normalise(span, label)
            pattern_spans.append(span)
        ner_spans = []
        # a span's record lives on (start, end, label): an NER span on the very tokens of a lexicon or pattern
        # span would overwrite that record ("US says": the country, a government, not a kindless NER name)
        found = {(s.start, s.end) for s in lexicon_spans + pattern_spans}
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ == "ACTOR":
                    span = self._trim_ner(strip_span(Span(doc, ent.start, ent.end, label="ACTOR"), self.edge_determiners))
                    if span is None or span.root.lower_ in self.things or (span.start, span.end) in found:
                        continue  # "military equipment" is no actor, whatever the NER says
                    span._.eventie_actor = self._normalise(span, "NER")
                    ner_spans.append(span)
        return lexicon_spans + pattern_spans + ner_spans

    def _modifies_thing(self, doc: Doc, start: int, end: int) -> bool:
        """"a Ukrainian air defence missile": a personnel noun of several words that modifies the noun after it
        names a kind of thing, not the branch."""
        two = " ".join(t.lower_ for t in doc[max(start, end - 3) : end])
        multi = any(two.endswith(n) for n in self.personnel if " " in n)
        return multi and end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end].pos_ in ("NOUN", "PROPN")

    def _named_tail(self, span: Span) -> ActorRule | None:
        """A lexicon actor after lower-case words: "group al-Shabab", "the Iran-backed Houthis" are the group
        (the words describe it; "Iran-backed" says who backs it, not whose side it is)."""
        for k in range(1, len(span)):
            rule = self.by_pattern.get(span[k:].text.lower())
            if rule is not None and span[k - 1].text.islower():
                return rule
        return None

    def _inner_rule(self, span: Span) -> ActorRule | None:
        """The side of a lexicon actor inside the span, longest first: "Hezbollah terrorist", "RSF adviser",
        "pro-Kremlin Telegram channels" are that actor's people or outlets. A pattern the lexicon matches by
        case must match by case here too ("HUR", not "hur")."""
        for n in range(len(span) - 1, 0, -1):
            for i in range(span.start, span.end - n + 1):
                sub = span.doc[i : i + n]
                rule = self.by_pattern.get(sub.text.lower())
                if rule is None or not rule.side:
                    continue
                exact = rule.case == "exact" or not any(c.islower() for c in rule.pattern)
                if not exact or sub.text == rule.pattern:
                    return rule
        return None

    def _trim_ner(self, span: Span) -> Span | None:
        """The NER span without the verbs and clause openers at its edges (``ner_edge_tags``/``_words``);
        None when nothing is left."""
        start, end = span.start, span.end
        doc = span.doc

        def edge(tok) -> bool:
            return tok.tag_ in self.ner_edge_tags or tok.lower_ in self.ner_edge_words

        while start < end and edge(doc[start]):
            start += 1
        while end > start and edge(doc[end - 1]):
            end -= 1
        if end <= start:
            return None
        return span if (start, end) == (span.start, span.end) else strip_span(Span(doc, start, end, label=span.label), self.edge_determiners)

    def _settle_countries(self, doc: Doc, chosen: list[Span]) -> list[Span]:
        # "Ukraine and Russia exchanged ...": a country conjoined to a country subject acts too.
        countries = self.sides.sides
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
        return [s for s in chosen if not (s._.eventie_actor.get("rule") == "COUNTRY_ACTOR" and s.root.dep_ == "poss" and s.root.head.i in inner)]

    def _normalise(self, span: Span, rule: str) -> dict:
        """Name, side and kind for a span found by pattern or NER, read off its words."""
        # "Boko Haram fighters", "M23 fighters", "the Atesh movement": a named group plus a personnel noun or a
        # group noun (``group_heads``) is that group, with its kind
        tail = span[-1].lower_
        head = " ".join(t.lower_ for t in span[:-1]) if len(span) > 1 and (tail in self.personnel or tail in self.group_heads) else None
        r = self.by_pattern.get(span.text.lower()) or (self.by_pattern.get(head) if head else None) or self._named_tail(span)
        if r is not None:
            return {"name": r.name, "side": r.side, "kind": r.kind, "rule": r.id}
        # a monitor's or a network's name only locates it ("Syrian Observatory for Human Rights")
        side = None if any(t.lower_ in self.side_free for t in span) else self.sides.of_tokens(span)
        inner = None if side else self._inner_rule(span)
        if inner is not None and span[-1].lower_ in self.personnel and self.personnel[span[-1].lower_][0] != "civilian":
            # "PDF units", "RSF adviser": a named actor's personnel are that actor, as "M23 fighters" above
            return {"name": inner.name, "side": inner.side, "kind": inner.kind, "rule": inner.id}
        side = side or (inner.side if inner is not None else None)
        pers = self.personnel
        two = " ".join(t.lower_ for t in span[-2:]) if len(span) > 1 else span[-1].lower_
        # a personnel word inside a hyphenated title is no personnel noun ("Secretary-General Guterres")
        nouns = [t for t in reversed(span) if t.lower_ in pers and not (t.i > span.start and t.nbor(-1).text == "-")]
        kind, base = pers.get(two) or next((pers[t.lower_] for t in nouns), (None, None))
        if rule == "COUNTRY_ACTOR":
            side = self.short_names.get(span.text, span.text)
            return {"name": side, "side": side, "kind": "government", "rule": rule}
        if kind is None:
            return {"name": span.text, "side": side, "kind": None, "rule": rule}
        if kind == "civilian":
            name = base
        elif side:
            adj = next((t.text for t in span if t.text in self.sides.demonyms), None) or self.sides.adjective_of.get(side, side)
            name = f"{adj} {base}" if base in self.branch_names else self.name_by_kind.get(kind, "{adj} " + base).format(adj=adj)
        else:
            name = base
        return {"name": name, "side": side, "kind": kind, "rule": rule}
