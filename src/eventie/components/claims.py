"""Claim detector: attribution cues (who says so, how, where) and hedges (how sure they are).

ConText-style: cue lists live in ``data/cues.jsonl``; the parse supplies each attribution's source
(the subject of "said", the object of "according to") and channel ("on Telegram"). Definite
descriptions used as sources ("the agency") are resolved to the nearest earlier actor of a fitting
kind, so that a claim by "the agency" counts as a claim by HUR.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import labels
from ..errors import DataFileError
from ..grammar import (
    CHANNEL_NOUN_DEPS,
    CLAUSAL_OR_PASSIVE_DEPS,
    CLAUSE_POS,
    MODIFIER_CLAUSE_DEPS,
    NAME_LIST_POS,
    NAME_OFFSET_PUNCT,
    OBJECT_COMPLEMENT_IN_NOUN_DEPS,
    PHRASE_BREAK_PUNCT,
    PREDICATE_COMPLEMENT_DEPS,
    PREVERBAL_POS,
    REPORTED_CONTENT_DEPS,
    SPEAKER_END_PUNCT,
    SUBORDINATE_VERB_DEPS,
)
from ..rules import ChannelRow, ContextRules, CueRule, PersonnelRow, RuleComponent, Rules, Strict
from ..scoring import score_weights
from ._common import AnchoredMatcher, non_overlapping, set_spans
from .speakers import SpeakerLinker, SpeakerWords


class ClaimWords(Strict):
    """``claim_words.yaml``."""

    anaphor_kinds: dict[str, list[str]]
    institution_kinds: list[str]
    speaker_pronouns: list[str]
    name_particles: list[str]
    determiners: list[str]
    speech_verbs: list[str]
    pronoun_window: int
    claim_harm_objects: list[str]
    dismissal_verbs: list[str]
    office_objects: list[str]
    claim_event_subjects: list[str]
    addressee_sources: list[str]
    finite_verb_tags: list[str]
    perception_participles: list[str]
    source_head_pos: list[str]
    channel_heads: list[str]
    articles: list[str]
    definite_determiners: list[str]
    negations: list[str]
    reporter_pronouns: list[str]
    name_connectors: list[str]
    channel_owner_preps: list[str] = []
    indefinite_determiners: list[str] = []
    statement_heads: list[str] = []
    description_heads: list[str] = []
    acronym_skip: list[str] = []
    speaker_window: int = 3
    quoting_verbs: list[str] = []
    future_modals: list[str] = []
    reporter_preps: list[str] = ["from", "on"]
    first_person_sources: list[str] = []
    non_speaker_pronouns: list[str] = []
    spoken_hedge_kinds: dict[str, list[str]] = {}
    nominal_agent_preps: list[str] = []
    issuing_verbs: list[str] = []
    described_people: list[str] = []


def _is_generic(actor: Span, determiners: frozenset[str]) -> bool:
    """"its forces", "troops", "residents": a mention without a capitalised word names nobody in particular."""
    return not any(t.text[:1].isupper() for t in actor if not (t.i == t.sent.start and t.lower_ in determiners))


@Language.factory(
    "eventie_claim_detector",
    assigns=["doc.spans", "doc.spans"],
    requires=["doc.spans"],
    default_config={"scorer": {"@scorers": "eventie.claims_scorer.v1"}, "attributions_key": labels.ATTRIBUTIONS, "hedges_key": labels.HEDGES, "actors_key": labels.ACTORS},
    default_score_weights=score_weights(labels.ATTRIBUTIONS, labels.HEDGES, strict=True),
)
def make_claim_detector(nlp: Language, name: str, attributions_key: str, hedges_key: str, actors_key: str, scorer: Callable | None) -> ClaimDetector:
    comp = ClaimDetector(nlp, name, attributions_key=attributions_key, hedges_key=hedges_key, actors_key=actors_key)
    comp.scorer = scorer
    return comp


class ClaimDetector(RuleComponent):
    rule_files = ("cues.jsonl", "claim_words.yaml", "channels.csv", "context.yaml", "personnel.csv")

    def __init__(self, nlp: Language, name: str, *, attributions_key: str, hedges_key: str, actors_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.attributions_key = attributions_key
        self.hedges_key = hedges_key
        self.actors_key = actors_key

    def scored_keys(self) -> tuple[str, ...]:
        return (self.attributions_key, self.hedges_key)

    def _load_rules(self, rules: Rules) -> None:
        """Build the detector from its rule files: the word lists, the speaker linker, the cues, the names."""
        words = rules.yaml("claim_words.yaml", ClaimWords)
        self._load_words(words)
        self.org_words = frozenset(rules.yaml("context.yaml", ContextRules).organisation_words)
        self.linker = SpeakerLinker(SpeakerWords(
            definite=self.definite, indefinite=frozenset(words.indefinite_determiners), statement_heads=frozenset(words.statement_heads),
            description_heads=frozenset(words.description_heads), acronym_skip=frozenset(words.acronym_skip), org_words=self.org_words,
            window=words.speaker_window,
        ))
        personnel = {r.noun.lower(): (r.kind, r.name) for r in rules.csv("personnel.csv", PersonnelRow)}
        self._load_cues(rules)
        self._load_names(rules, personnel)

    def _load_words(self, words: ClaimWords) -> None:
        """The word lists of ``claim_words.yaml`` as frozensets (and the pronoun window) on the detector."""
        self.anaphor_kinds = {k: frozenset(v) for k, v in words.anaphor_kinds.items()}
        self.institutions = frozenset(words.institution_kinds)
        self.anaphors = frozenset(words.speaker_pronouns)
        self.name_particles = frozenset(words.name_particles)
        self.determiners = frozenset(words.determiners)
        self.speech = frozenset(words.speech_verbs)
        self.pronoun_window = words.pronoun_window
        self.harm_objects = frozenset(words.claim_harm_objects)
        self.dismissal_verbs = frozenset(words.dismissal_verbs)
        self.office_objects = frozenset(words.office_objects)
        self.described_people = frozenset(words.described_people)
        self.event_subjects = frozenset(words.claim_event_subjects)
        self.addressees = frozenset(words.addressee_sources)
        self.finite_tags = frozenset(words.finite_verb_tags)
        self.perception = frozenset(words.perception_participles)
        self.source_heads = frozenset(words.source_head_pos)
        self.channel_heads = frozenset(words.channel_heads)
        self.articles = frozenset(words.articles)
        self.definite = frozenset(words.definite_determiners)
        self.negations = frozenset(words.negations)
        self.reporter_pronouns = frozenset(words.reporter_pronouns)
        self.name_connectors = frozenset(words.name_connectors)
        self.owner_preps = frozenset(words.channel_owner_preps)
        self.quoting = frozenset(words.quoting_verbs)
        self.statement_heads = frozenset(words.statement_heads)
        self.future_modals = frozenset(words.future_modals)
        self.reporter_preps = frozenset(words.reporter_preps)
        self.first_person = frozenset(words.first_person_sources)
        self.non_speakers = frozenset(words.non_speaker_pronouns)
        self.spoken_hedge_kinds = {cue: frozenset(kinds) for cue, kinds in words.spoken_hedge_kinds.items()}
        self.nominal_agent_preps = frozenset(words.nominal_agent_preps)
        self.issuing_verbs = frozenset(words.issuing_verbs)

    def _load_cues(self, rules: Rules) -> None:
        """The cue rules of ``cues.jsonl`` into a token matcher (patterns) and a phrase matcher (phrases),
        each rule's guard checked against the known parse checks so a typo fails at load, not silently."""
        nlp = self.nlp
        self.rules = {}
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules.jsonl("cues.jsonl", CueRule):
            if rule.guard is not None and rule.guard not in _GUARDS:
                raise DataFileError(f"E006: cues.jsonl rule {rule.id}: unknown guard {rule.guard!r} (known: {sorted(_GUARDS)})")
            key = nlp.vocab.strings.add(rule.id)
            self.rules[key] = rule
            if rule.pattern is not None:
                self.matcher.add(rule.id, [rule.pattern])
            else:
                self.phrases.add(rule.id, [nlp.make_doc(rule.phrase)])

    def _load_names(self, rules: Rules, personnel: dict[str, tuple[str, str]]) -> None:
        """Generic personnel names, titles that stand before a name, and the channel words (``channels.csv``)."""
        self.generic_names = frozenset(name for _kind, name in personnel.values())
        # singular titles that stand before a name ("Mayor Klitschko", "General Syrskyi"), not "rebels"
        self.titles = frozenset(k for k, (kind, _name) in personnel.items() if kind != "civilian" and not k.endswith("s"))
        self.channels = {r.term: r.channel for r in rules.csv("channels.csv", ChannelRow)}
        self.channel_lower = {k.lower(): v for k, v in self.channels.items() if k not in ("X", "TV")}

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        actors = list(doc.spans[self.actors_key]) if self.actors_key in doc.spans else []
        att, hed = [], []
        for match_id, start, end in list(self.matcher(doc)) + list(self.phrases(doc)):
            rule = self.rules[match_id]
            span = Span(doc, start, end, label=rule.category.upper())
            if rule.guard is not None and not _GUARDS[rule.guard](self, span):
                continue
            (att if rule.category == "attribution" else hed).append((span, rule))
        hed_spans = []
        for span, rule in hed:
            span._.eventie_hedge = {"kind": rule.kind, "rule": rule.id}
            hed_spans.append(span)
        att_spans = self._attributions(att, hed, actors)
        kept = non_overlapping(att_spans)
        set_spans(doc, self.attributions_key, kept)
        self.linker.link(kept, *self._set_sources(doc, kept))
        set_spans(doc, self.hedges_key, non_overlapping(self._unspoken(hed_spans, kept)))
        return doc

    def _unspoken(self, hedges: list[Span], attributions: list[Span]) -> list[Span]:
        """Hedges that no attribution with a source has taken over (``spoken_hedge_kinds``).

        "The ministry denied the report" is the ministry's denial: an attribution (cue ``denied``) whose
        source the event's certainty reads, not also an anonymous hedge. A denial nobody is named for
        ("The figures were contested") found no source, made no attribution, and stays a hedge.
        """
        taken: dict[int, frozenset[str]] = {}
        for a in attributions:
            kinds = self.spoken_hedge_kinds.get(a._.eventie_attribution["cue"], frozenset())
            for i in range(a.start, a.end):
                taken[i] = taken.get(i, frozenset()) | kinds
        return [h for h in hedges if not any(h._.eventie_hedge["kind"] in taken.get(i, ()) for i in range(h.start, h.end))]

    def _attributions(self, att: list[tuple[Span, CueRule]], hed: list[tuple[Span, CueRule]], actors: list[Span]) -> list[Span]:
        """Cues whose speaker makes a statement, each with its source phrase and the span that names it.

        No source, no attribution: a cue nobody speaks ("No casualties were reported"), a pronoun with no
        antecedent, or a source that is only a heading or a clause attributes nothing a reader can check.
        """
        # "according to preliminary data" names no source; "unnamed sources said" names an opaque one
        hedge_tokens = {i for span, rule in hed if rule.kind != "reported" for i in range(span.start, span.end)}
        unverified_tokens = {i for span, rule in hed if rule.kind == "unverified" for i in range(span.start, span.end)}
        out = []
        equipment = list(att[0][0].doc.spans.get(labels.EQUIPMENT, [])) if att else []
        speakers: list[tuple[Span, dict | None]] = []  # earlier named sources, in text order
        for span, rule in sorted(att, key=lambda sr: sr[0].start):
            source = self._source(span, rule.cue)
            source = self._clean_source(source) if source is not None else None
            source = self._owner_of_channel(source) if source is not None else None
            source = self._reporting_speaker(span, source) if source is not None else None
            if source is None or any(i in hedge_tokens for i in range(source.start, source.end)):
                continue  # "according to preliminary data" hedges; it names no source
            if any(e.start <= source.root.i < e.end for e in equipment):
                continue  # "the drone kept circling over the valley, confirming ...": a machine is no speaker
            if rule.requires_judgement and not _calls_something(span):
                continue
            if self._not_attribution(span, rule.cue, source, unverified_tokens) or self._takes_lives(span):
                continue
            named, source_name = self._name_source(source, speakers, actors)
            if named is None:
                continue
            if source.root.pos_ != "PRON":
                speakers.append((source, source_name))
            span._.eventie_attribution = {
                "cue": rule.cue,
                "source": source.text,
                "source_start": source.start_char,
                "source_end": source.end_char,
                "source_name": source_name.get("name") if source_name else None,
                "source_side": source_name.get("side") if source_name else None,
                "source_kind": source_name.get("kind") if source_name else None,
                "channel": self._channel(span),
                "rule": rule.id,
            }
            span._.eventie_attribution["intent"] = self._states_intent(span)
            span._.eventie_attribution["_named"] = named
            out.append(span)
        return out

    def _set_sources(self, doc: Doc, attributions: list[Span]) -> tuple[dict[int, Span], dict[int, list[Span]]]:
        """One span per distinct speaker phrase in ``doc.spans[SOURCES]``; each attribution points at its own.

        The span is the phrase that names the speaker: the cue's subject as written, or for "He said" the
        earlier mention it refers to, so that a reader of the attribution never rebuilds it from offsets.
        """
        named = {}
        for a in attributions:
            span = a._.eventie_attribution.pop("_named")
            named[a.start] = span
        parts = {key: _conjuncts(span) for key, span in named.items()}
        every = [*named.values(), *(p for ps in parts.values() for p in ps)]
        sources = sorted({(s.start, s.end): s for s in every}.values(), key=lambda s: (s.start, s.end))
        index = {(s.start, s.end): i for i, s in enumerate(sources)}
        for s in sources:
            s.label_ = "SOURCE"
        doc.spans[labels.SOURCES] = sources
        for a in attributions:
            span = named[a.start]
            a._.eventie_attribution.update(
                source_index=index[(span.start, span.end)],
                source_span_text=span.text,
                source_span_start=span.start_char,
                source_span_end=span.end_char,
                source_resolved=span.start_char != a._.eventie_attribution["source_start"],
                # "The United States, France and Canada said": one source per named conjunct
                source_part_indices=[index[(p.start, p.end)] for p in parts[a.start]],
            )
        return named, parts

    def _name_source(self, source: Span, speakers: list[tuple[Span, dict | None]], actors: list[Span]) -> tuple[Span | None, dict | None]:
        """The span that names the speaker, and its actor record if known.

        "He"/"she"/"it"/"they" name nobody by themselves: their antecedent does, or the cue is dropped.
        "you" in a transcript is the reporter being answered, never the source; "we"/"I" is the briefer or the
        author, whom the text does not name ("we assess", "I call on residents"): no source either.
        """
        low = source.text.lower()
        if low in self.addressees:
            return None, None
        if len(source) == 1 and source.root.pos_ == "PRON" and low in self.first_person:
            return None, None  # "we assess", "I call on residents": the briefer or the author, whom the text does not name
        if len(source) == 1 and low in self.non_speakers:
            return None, None  # "that tells you plenty", "Nobody told us to leave": no one who speaks
        if len(source) == 1 and low in self.anaphors:
            return self._antecedent(source, speakers, actors) or (None, None)
        source_name = self._resolve(source, actors)
        if source_name is None and self._definite_description(source):
            # "The Britain-based war monitor said": the speaker quoted just before, renamed
            prev = self._previous_speaker(source, speakers, institution=True)
            source_name = prev[1] if prev and self._kind_fits(source, prev[1]) else None
        person = self._person_like(source)
        if person is not None and (source_name is None or len(person) >= 2 or source_name.get("name") in self.generic_names):
            # "Military spokesman Daniel Hagari": the person, not the office, is who said it
            source_name = {**(source_name or {}), "name": person.text}
        return source, source_name

    def _antecedent(self, pronoun: Span, speakers: list[tuple[Span, dict | None]], actors: list[Span]) -> tuple[Span, dict] | None:
        """Speaker continuity first ("The ministry said ... It added"), then the nearest fitting mention."""
        low = pronoun[0].lower_
        prev = self._previous_speaker(pronoun, speakers)
        if prev is not None:
            return prev
        window_start = _window_start(pronoun, self.pronoun_window)
        if low in ("it", "they"):
            # the nearest earlier named institution: "The military said ... It said ..." ("its forces" names none)
            orgs = [
                a for a in actors
                if window_start <= a.start and a.end <= pronoun.start and (a._.eventie_actor or {}).get("kind") in self.institutions and not _is_generic(a, self.determiners)
            ]
            if not orgs and low == "they":
                # "the denial from the Ruritanians ... they first claimed": a named plural group of no known kind
                orgs = [
                    a for a in actors
                    if window_start <= a.start and a.end <= pronoun.start and a.root.tag_ in ("NNS", "NNPS") and not _is_generic(a, self.determiners)
                ]
            return (orgs[-1], orgs[-1]._.eventie_actor) if orgs else None
        # the nearest earlier person's name ("said Umm Mohammed ... She said")
        # a lone name counts when it is a clause's subject ("Taras would not say ... he said")
        runs = [
            r for r in self._name_runs(pronoun.doc[window_start : pronoun.start])
            if (len(r) >= 2 or r.root.dep_ == "nsubj") and not _other_entity(r)
        ]
        # "President Ortega opened the congress with an address in which he said": a subject, a titled name or a
        # PERSON entity is a person before any other capitalised run
        people = [r for r in runs if r.root.dep_ in ("nsubj", "nsubjpass") or self._titled(r) or any(e.label_ == "PERSON" and e.start <= r.start < e.end for e in r.doc.ents)]
        runs = people or runs
        return (runs[-1], {"name": runs[-1].text, "side": None, "kind": "person"}) if runs else None

    def _titled(self, run: Span) -> bool:
        """"President Putin", "Mayor Klitschko": a title word just before the name."""
        return run.start > 0 and run.doc[run.start - 1].lower_ in self.titles

    def _clean_source(self, source: Span) -> Span | None:
        """A source is a noun phrase on one line: no wiki heading ("== Responsibility =="), no leading
        conjunction or quote mark, no finite verb (a clause is not a speaker)."""
        doc = source.doc
        start, end = source.start, source.end
        for t in source:
            if _heading_mark(t) or (t.is_space and "\n" in t.text):
                start = t.i + 1
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc" or doc[start].lower_ in self.articles):
            start += 1
        for t in doc[start + 1 : end]:
            if t.tag_ in self.finite_tags and t.dep_ not in ("amod", "compound"):
                end = t.i
                break
        while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not (doc[end - 1].text == ")" and "(" in doc[start:end].text))):
            end -= 1
        if end <= start:
            return None
        span = doc[start:end]
        return span if span.root.pos_ in self.source_heads else None

    def _owner_of_channel(self, source: Span) -> Span:
        """"The ministry's Telegram channel reported": the ministry speaks; the channel is where (``channel``)."""
        root = source.root
        if root.lower_ not in self.channel_lower and root.lower_ not in self.channel_heads:
            return source
        owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
        if owner is None:  # "a statement from the ministry said": the ministry speaks in it
            owner = next((g for c in root.children if c.dep_ == "prep" and c.lower_ in self.owner_preps
                          for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if owner is None:
            return source
        span = source.doc[owner.left_edge.i : owner.i + 1]
        while len(span) > 1 and span[0].lower_ in self.determiners:
            span = span[1:]
        return span

    def _takes_lives(self, cue: Span) -> bool:
        """"an explosion that claimed 12 lives": claim with a harm object or an event subject states nothing."""
        verb = cue.root
        if verb.lemma_ != "claim":
            return False
        kids = list(verb.children)
        if any(c.dep_ == "dobj" and c.lower_ in self.harm_objects for c in kids):
            return True
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
            subj = verb.head
        return subj is not None and subj.lower_ in self.event_subjects

    def _not_attribution(self, cue: Span, cue_name: str, source: Span | None, unverified_tokens: set[int]) -> bool:
        """Cue words that attribute nothing.

        "did not say how many", "could not be independently confirmed" (a hedge, not a source),
        "No casualties were reported" (a passive with nobody reporting), "she reported from Mariupol"
        (a reporter's bio).
        """
        if any(i in unverified_tokens for i in range(cue.start, cue.end)):
            return True
        verb = cue.root
        doc = cue.doc
        if cue_name == "denied" and self._dismisses_someone(verb):
            return True
        if cue_name != "denied":
            if any(c.dep_ == "neg" for c in verb.children):
                return True
            if any(t.lower_ in self.negations for t in doc[max(cue.sent.start, cue.start - 3) : cue.start]):
                return True
        if cue_name in ("reported", "confirmed") and source is None and any(c.dep_ == "auxpass" for c in verb.children):
            return True
        if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children) and cue_name == "assessed":
            return True  # "the command is assessing reports": an assessment under way states no finding yet
        if source is not None and source.root.lower_ in self.reporter_pronouns and self._bio(cue, cue_name):
            return True
        return False

    def _reporting_speaker(self, cue: Span, source: Span) -> Span:
        """"Canada and Norway said that their own analysts indicate ...", "The group said its
        forces had clashed ... and denied killing civilians": a source owned by a possessive pronoun, inside what
        another speech verb reports, is that verb's speaker (its evidence, its troops), not a new one."""
        owner = next((t for t in source if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        if owner is None or source.start == source.sent.start:
            return source
        verb = cue.root
        while verb.dep_ in ("ccomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if verb.lemma_ in self.speech and subj is not None and subj.i < source.start:
                return verb.doc[subj.i : subj.i + 1] if subj.pos_ == "PRON" else self._np(subj)
        return source

    def _dismisses_someone(self, verb: Token) -> bool:
        """"The junta dismissed the army chief of staff": a dismissal from office, not a denial."""
        if verb.lemma_ not in self.dismissal_verbs:
            return False
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return obj is not None and (obj.ent_type_ == "PERSON" or obj.pos_ == "PROPN" or obj.lower_ in self.office_objects)

    def _bio(self, cue: Span, cue_name: str) -> bool:
        """A reporter's or an analyst's bio, not a claim: "she reported from Mariupol", "she reported for
        regional television", "He writes in a personal capacity" (writing with nothing written)."""
        doc, verb = cue.doc, cue.root
        if cue_name == "reported":
            return cue.end < len(doc) and doc[cue.end].lower_ in self.reporter_preps
        return cue_name == "wrote" and not any(c.dep_ in REPORTED_CONTENT_DEPS for c in verb.children)

    def _name_runs(self, span: Span) -> list[Span]:
        """Runs of capitalised proper nouns in ``span`` that can be a person's name, in text order.

        Title words are stripped ("Mayor Klitschko" -> "Klitschko"), particles kept ("Hussein al-Ezzi"),
        acronyms end a run, and a run with an organisation word ("Rapid Support Forces") is no name.
        """
        doc = span.doc
        runs, run = [], []
        for tok in list(span) + [None]:
            if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.text.isupper():
                run.append(tok)  # an acronym ("UN", "IDF") ends a run: "UN Secretary-General Antonio Guterres"
                continue
            if tok is not None and run and tok.lower_ in self.name_particles and tok.i + 1 < span.end and doc[tok.i + 1].pos_ in ("PROPN", "PUNCT"):
                run.append(tok)
                continue
            while run and run[0].lower_ in self.titles:
                run = run[1:]
            if run and not any(t.text in self.org_words for t in run):
                runs.append(doc[run[0].i : run[-1].i + 1])
            run = []
        return runs

    def _person_like(self, source: Span) -> Span | None:
        """The personal name in a source ("Military spokesman Daniel Hagari" -> "Daniel Hagari"), if any."""
        runs = self._name_runs(source)
        if not runs:
            return None
        best = runs[-1]
        titled = source.root.lower_ in self.titles and best.start > source.root.i  # "the governor, Kim"
        if len(best) == 1 and not titled and source.root.i != best.start:
            # a lone capitalised word inside a longer phrase is more often a place or a side ("Ukraine's air force")
            return None
        return best

    @staticmethod
    def _definite_description(source: Span) -> bool:
        doc = source.doc
        definite = source.start > 0 and doc[source.start - 1].lower_ in ("the", "this")
        return definite and len(source) <= 4 and source.root.pos_ == "NOUN" and not any(t.pos_ == "PROPN" and t.dep_ != "amod" for t in source)

    def _previous_speaker(self, pronoun: Span, speakers: list[tuple[Span, dict | None]], institution: bool = False) -> tuple[Span, dict] | None:
        """Speaker continuity: "The ministry said ... It added ..." / "said Daniel Hagari ... He said".

        A pronoun that introduces a quote most often refers to whoever was quoted last; "he"/"she" take the
        last person quoted, "it" the last institution, "they" the last plural speaker, within a few sentences.
        Returns the span that names the speaker and its record.
        """
        start = _window_start(pronoun, self.pronoun_window)
        low = pronoun[0].lower_
        want_person = not institution and low in ("he", "she")
        for src, info in reversed(speakers):
            if src.start < start:
                break
            if src.start >= pronoun.start:
                continue
            name = self._person_like(src)
            if want_person and name is not None:
                return name, {"name": name.text, "side": (info or {}).get("side"), "kind": "person"}
            if want_person and src.root.lower_ in self.titles:
                return src, info or {"name": src.text, "side": None, "kind": "person"}  # "The governor said ... She said"
            plural = low == "they" and (src.root.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in src))
            if not want_person and name is None and (institution or low == "it" or plural):
                return src, info or {"name": src.text, "side": None, "kind": None}
        return None

    def _np(self, tok: Token) -> Span:
        doc = tok.doc
        left = tok.left_edge.i
        right = tok.right_edge.i + 1
        # keep appositive brackets ("agency (HUR)") but stop at a clause or a long tail
        tail = doc[tok.i + 1 : right]
        name_list = tok.pos_ == "PROPN" and any(t.pos_ == "CCONJ" for t in tail) and all(
            t.pos_ in NAME_LIST_POS or t.text == "," for t in tail
        )
        for t in doc[tok.i + 1 : right]:
            if t.dep_ in MODIFIER_CLAUSE_DEPS:
                right = t.left_edge.i if t.left_edge.i > tok.i else t.i  # "a boat that said": the clause from "that"
                break
            if t.text == "," and name_list:
                continue  # "the United States, France and Canada": a list of speakers goes on
            if t.text in SPEAKER_END_PUNCT or t.is_space:
                right = t.i
                break
        span = doc[left:right]
        while len(span) and (span[-1].is_punct and span[-1].text not in (")",)):
            span = span[:-1]
        while len(span) and span[0].lower_ in self.articles:
            span = span[1:]
        return span if len(span) else doc[tok.i : tok.i + 1]

    def _cited_source(self, cue: Span) -> Span | None:
        """"according to X", "..., citing X": the object of the preposition or the participle."""
        to = cue[-1]
        # "..., citing local sources": the source is what is cited
        dobj = next((c for c in to.children if c.dep_ == "dobj"), None)
        if dobj is not None:
            return self._np(dobj)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None and cue.end < len(cue.doc):
            pobj = cue.doc[cue.end]
            if pobj.is_punct:
                return None
        return self._np(pobj) if pobj is not None else None

    def _source(self, cue: Span, cue_name: str) -> Span | None:
        """The speaker of a cue: the cited source, a postposed one, else the subject (or agent, or quoted
        speaker) of the cue verb or of up to two verbs above it whose speaker it shares (``_climb``)."""
        if cue_name == "according_to":
            return self._cited_source(cue)
        verb = cue.root
        if verb.pos_ == "NOUN":
            return self._nominal_source(verb)
        post = self._postposed_source(cue)
        if post is not None:
            return post
        if any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            # "struck by the RAF ..., and the site had been confirmed as ...": a passive cue with no agent of its
            # own has no speaker; the agent of the verb it is coordinated with did something else
            return None
        for _ in range(3):
            found, source = self._own_source(verb, cue)
            if found:
                return source
            step = self._climb(verb)
            if not isinstance(step, Token):
                return step
            verb = step
        return None

    def _nominal_source(self, noun: Token) -> Span | None:
        """The speaker of a cue noun: "Moscow's denial" (possessor), "the denial by the rebels" (the object of
        ``nominal_agent_preps``), "the army issued a denial" (the subject of an ``issuing_verbs`` verb)."""
        doc = noun.doc
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
        if owner is not None:
            span = doc[owner.left_edge.i : owner.i + 1]
            return span[1:] if len(span) > 1 and span[0].lower_ in self.determiners else span
        # the parse often hangs "by the rebels" on the verb: the preposition right after the noun is read as its own
        preps = [c for c in noun.children if c.dep_ in ("prep", "agent")]
        if noun.i + 1 < len(doc) and doc[noun.i + 1].dep_ in ("prep", "agent"):
            preps.append(doc[noun.i + 1])
        owner = next((g for c in preps if c.lower_ in self.nominal_agent_preps for g in c.children if g.dep_ == "pobj"), None)
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_ in self.issuing_verbs:
            owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            if owner is not None and owner.pos_ == "PRON":
                return doc[owner.i : owner.i + 1]  # "It issued a denial": the pronoun's antecedent speaks
        return self._np(owner) if owner is not None else None

    def _own_source(self, verb: Token, cue: Span) -> tuple[bool, Span | None]:
        """(True, speaker) when ``verb`` itself decides the source (its subject, its "by" agent, a quoted
        speaker; the speaker may be None, as for the subject "there"), else (False, None): look further up."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj",) and not _heading_mark(c)), None)
        if subj is not None:
            if subj.lower_ == "there":
                return True, None
            if subj.tag_ in ("WDT", "WP") or (subj.lower_ == "that" and verb.dep_ == "relcl"):
                return True, self._relative_antecedent(subj, verb)
            return True, (self._with_name(self._np(subj), cue) if subj.pos_ != "PRON" else verb.doc[subj.i : subj.i + 1])
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            return True, (self._np(pobj) if pobj is not None else None)
        quoted = self._quoted(verb)
        if quoted is not None:
            return True, quoted
        return False, None

    def _climb(self, verb: Token) -> Token | Span | None:
        """One step up from a speech verb with no speaker of its own: the verb whose speaker it shares
        (a Token), the noun an absolute participle hangs on (a Span: the speaker itself), or None to stop."""
        # "the agency wrote ..., saying that ...": the participle's speaker is the head verb's subject,
        # but only when that head is itself a speech verb (parses often hang it elsewhere).
        # "X called the strikes ... and said": coordinated verbs share their subject.
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            return verb.head
        if verb.dep_ in SUBORDINATE_VERB_DEPS and verb.head.i != verb.i and verb.head.lemma_ in self.speech:
            return verb.head
        # "..., with eyewitnesses saying ...": the noun the absolute participle hangs on speaks
        head = verb.head
        if verb.dep_ == "relcl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") and head.i < verb.i:
            # "Sergei Aksyonov, the head of Crimea, on Thursday dismissed ...": a parse that makes the subject the
            # sentence's root hangs the main verb on it as a relative clause; that noun is the speaker
            return self._np(head)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "pobj" and head.head.lower_ == "with":
            return self._np(head)
        # "Mali's army announced the toll on Monday, saying ...": a comma participle's subject is the
        # subject of the clause it hangs on, whatever that clause's verb
        if (
            verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
            and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX")
        ):
            verb = verb.head
            # "officials denied that any soldiers had died, saying ...": the parse may hang the participle
            # on the reported clause; its speaker is the subject of the clause that reports
            while verb.dep_ == "ccomp" and verb.head.i != verb.i:
                verb = verb.head
            return verb
        return None

    def _states_intent(self, cue: Span) -> bool:
        """"The ministry says it will not allow ...", "..., Freedonia will continue its support, the envoy said":
        the reported clause is a forecast or a pledge (a future modal), not a fact of what happened."""
        verb = cue.root
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i and verb.head.i < verb.i:
            clauses.append(verb.head)  # '"We will rebuild," the governor said' hung the other way round
        # "said in a statement that it will not be intimidated": the parse may hang the that-clause on the channel noun
        clauses += [
            cl for prep in verb.children if prep.dep_ == "prep" for pobj in prep.children if pobj.dep_ == "pobj"
            for cl in pobj.children if cl.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children)
        ]
        return bool(clauses) and all(any(c.dep_ == "aux" and c.lower_ in self.future_modals for c in cl.children) for cl in clauses)

    def _quoted(self, verb: Token) -> Span | None:
        """"Local radio quoted police officers as saying ...", "quoted witnesses saying ...": the quoted
        speak, each a source beside the outlet that quotes them."""
        if verb.tag_ != "VBG":
            return None
        head = verb.head
        if verb.dep_ == "acl" and head.dep_ == "dobj" and head.head.lemma_ in self.quoting:
            return self._np(head)
        if verb.dep_ == "acl" and head.dep_ == "dobj" and head.lower_ in self.statement_heads:
            # "the brigade released a statement denying it had any part": the issuer speaks in it
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            return self._np(subj) if subj is not None and subj.pos_ != "PRON" else None
        if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ in self.quoting:
            obj = next((c for c in head.head.children if c.dep_ == "dobj"), None)
            return self._np(obj) if obj is not None else None
        return None

    def _relative_antecedent(self, rel: Token, verb: Token) -> Span | None:
        """"NYK Line, which said ...", "a boat that reported ...": the antecedent speaks, or nobody does.

        The parse hangs the relative clause on its antecedent; when it does not, the noun just before the
        relative pronoun (past a comma) is the antecedent; anything else drops the cue.
        """
        doc = verb.doc
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return self._np(verb.head)
        j = rel.i - 1
        if j >= 0 and doc[j].text == ",":
            j -= 1
        if j >= rel.sent.start and doc[j].pos_ in ("NOUN", "PROPN"):
            return self._np(doc[j])
        return None

    def _with_name(self, src: Span, cue: Span) -> Span:
        """Bring in the name a descriptive subject stands next to.

        "Israel's Arabic-language spokesman Avichay Adraee posted" and "Yevgeny Balitsky, the
        Russian-installed governor, said": the parse often makes the description the subject and leaves
        the name outside it; users want the name.
        """
        doc = src.doc
        end = src.end
        while end < cue.start and doc[end].pos_ == "PROPN":
            end += 1
        # "A senior Houthi official, Hussein al-Ezzi, said": a name set off by commas between subject and cue
        between = doc[end:cue.start]
        # ("One rights group, the Civil Council of Rusoro, reports": a determiner may open the name)
        first = 2 if len(between) > 2 and between[1].lower_ in self.articles else 1
        if (
            2 < len(between) <= 14 and between[0].text == "," and between[first].pos_ == "PROPN" and between[-1].text == ","
            and not any(t.pos_ in ("VERB", "AUX") for t in between)
        ):
            end = cue.start - 1
        start = src.start
        if src.root.pos_ == "NOUN" and start >= 2 and doc[start - 1].text == ",":
            j = start - 2
            while j >= src.sent.start and (
                doc[j].pos_ == "PROPN" or ((doc[j].lower_ in self.name_connectors or doc[j].lower_ in self.name_particles) and j + 1 < start and doc[j + 1].pos_ == "PROPN")
            ):
                j -= 1
            if j + 1 <= start - 2 and doc[j + 1].pos_ == "PROPN" and (j < src.sent.start or doc[j].text in NAME_OFFSET_PUNCT):
                start = j + 1
        return doc[start:end]

    def _postposed_source(self, cue: Span) -> Span | None:
        """"..., officials and witnesses said." / "..., ministry spokesman Igor Konashenkov told reporters."

        A reporting clause at the end of a sentence takes its subject from the noun phrase between the
        last comma (or semicolon) and the cue. The small parser often hangs such clauses on the wrong
        verb, so this is read from the surface: the phrase must be short and verb-free, and no verb may
        follow the cue in the sentence.
        """
        doc = cue.doc
        sent = cue.sent
        if any(t.pos_ in ("VERB", "AUX") for t in doc[cue.end : sent.end]):
            return None
        j = cue.start - 1
        while j >= sent.start and doc[j].pos_ in PREVERBAL_POS and doc[j].lower_ not in ("'s", "\u2019s"):
            j -= 1  # "officials also said", "officials have said"
        # "..., the regional governor, Alexander Boyko, said": a name set off by commas before the cue
        # speaks together with the description before it
        appositive = j > sent.start and doc[j].text == ","
        j -= appositive
        end = j + 1
        j = _phrase_back(doc, j, end, sent.start)
        if j is None:
            return None
        if appositive:
            k = _phrase_back(doc, j - 1, j, sent.start) if j > sent.start else None
            if k is None or doc[k].text not in (",", ";") or not any(t.pos_ == "NOUN" for t in doc[k + 1 : j]):
                return None
            j = k
        if j < sent.start or doc[j].text not in (",", ";"):
            return None  # a sentence-initial subject is left to the parse
        np = doc[j + 1 : end]
        while len(np) and np[0].lower_ in self.articles:
            np = np[1:]
        if not len(np) or not any(t.pos_ in ("NOUN", "PROPN") for t in np):
            return None
        return np

    def _resolve(self, source: Span, actors: list[Span]) -> dict | None:
        head = source.root.lower_
        kinds = self.anaphor_kinds.get(head)
        definite = source.start > 0 and source.doc[source.start - 1].lower_ in self.definite
        if definite and len(source) <= 2 and all(t.is_lower for t in source):
            # "the agency" refers back: resolve before looking at what the bare noun itself was tagged as
            # ("the Syrian army" names itself: a capitalised word makes it no bare description)
            named = self._named_by_head(source, actors)
            if named is not None:
                return named
            earlier = [a for a in actors if a.end <= source.start and (a._.eventie_actor or {}).get("kind") in (kinds or ())]
            if earlier:
                return earlier[-1]._.eventie_actor
        inside = [a for a in actors if a.start >= source.start and a.end <= source.end]
        if inside:
            # "Rwanda-backed M23 rebels": the actor at the phrase's head speaks, not the modifier's
            at_head = [a for a in inside if a.start <= source.root.i < a.end]
            return (at_head or inside[-1:])[0]._.eventie_actor
        overlapping = [a for a in actors if a.start < source.end and source.start < a.end]
        if overlapping:
            return overlapping[0]._.eventie_actor
        kinds = self.anaphor_kinds.get(head)
        definite = source.start > 0 and source.doc[source.start - 1].lower_ in self.definite
        if kinds and definite:
            earlier = [a for a in actors if a.end <= source.start and (a._.eventie_actor or {}).get("kind") in kinds]
            if earlier:
                return earlier[-1]._.eventie_actor
        return None

    def _kind_fits(self, source: Span, record: dict | None) -> bool:
        """"The company said" after the regional government spoke is not the government: a description whose
        head has kinds in ``anaphor_kinds`` renames only a speaker of one of them (or of no known kind)."""
        kinds = self.anaphor_kinds.get(source.root.lower_)
        kind = (record or {}).get("kind")
        return not kinds or kind is None or kind in kinds

    @staticmethod
    def _named_by_head(source: Span, actors: list[Span]) -> dict | None:
        """"the ministry" after "Colombia's Ministry of Defence" and a governor, "the observatory" after the
        "Syrian Observatory for Human Rights" and the army: a definite description names the latest earlier
        actor whose own name holds its head noun, before the nearest actor of a fitting kind."""
        head = source.root
        if not head.is_lower:
            return None  # "the UN said" is a name already, not a description of an earlier one
        words = {head.lower_, head.lemma_.lower()}
        earlier = [a for a in actors if a.end <= source.start and (len(a) > 1 or a[0].is_title or a[0].pos_ == "PROPN")]
        fits = [a for a in earlier if (a.root.lower_ in words or a.root.lemma_.lower() in words) and a._.eventie_actor]
        return fits[-1]._.eventie_actor if fits else None

    def _channel(self, cue: Span) -> str | None:
        doc = cue.doc
        root = cue.root
        head = root.head if cue.text.lower().startswith("according") else root
        scope = list(head.subtree)
        sent = cue.sent
        scope = [t for t in scope if sent.start <= t.i < sent.end]
        for t in sorted(scope, key=lambda t: abs(t.i - cue.start)):
            if t.text in self.channels and t.text[0].isupper():
                if t.text == "X" and not (t.i > 0 and doc[t.i - 1].lower_ in ("on", "via")):
                    continue
                return self.channels[t.text]
            if t.lower_ in self.channel_lower and t.dep_ in CHANNEL_NOUN_DEPS:
                return self.channel_lower[t.lower_]
        return None


def _window_start(span: Span, window: int) -> int:
    """First token of the sentence ``window`` sentences before ``span``'s own."""
    sent = span.sent
    for _ in range(window):
        if sent.start == 0:
            break
        sent = span.doc[sent.start - 1].sent
    return sent.start


def _calls_something(cue: Span) -> bool:
    """"called the attack deliberate" (object + complement) and "called on all sides" judge or appeal;
    "a village called Kurakhove", "called in air support", "called for talks" do not attribute a claim."""
    verb = cue.root
    kids = list(verb.children)
    if any(c.dep_ == "prep" and c.lower_ == "on" for c in kids) or any(c.dep_ == "prt" and c.lower_ == "on" for c in kids):
        return True
    has_obj = any(c.dep_ == "dobj" for c in kids) or any(c.lower_ == "what" for c in verb.subtree if c.i < verb.i)
    has_complement = any(c.dep_ in PREDICATE_COMPLEMENT_DEPS for c in kids)
    if not has_complement and has_obj:
        # the small parser often leaves the complement inside the object ("called the strikes a war crime")
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        has_complement = obj is not None and any(c.dep_ in OBJECT_COMPLEMENT_IN_NOUN_DEPS and c.i > obj.i for c in obj.children)
    return has_obj and has_complement


def _heading_mark(tok: Token) -> bool:
    """"==" around a wiki section title ("== Responsibility =="): page furniture, never part of a phrase."""
    return len(tok.text) >= 1 and set(tok.text) == {"="}


def _next_word(span: Span, skip_adverbs: bool = True) -> Token | None:
    doc = span.doc
    j = span.end
    while skip_adverbs and j < len(doc) and doc[j].pos_ == "ADV" and doc[j].lower_ not in ("not", "n't"):
        j += 1
    return doc[j] if j < len(doc) else None


def _modal_epistemic(det: ClaimDetector, span: Span) -> bool:
    """"may"/"might"/"could" as a guess about a fact, not a month, a permission or an ability.

    "May" the month is a proper noun; "could not reach the village" and "you may leave" are ability and
    permission; "could" alone is past ability ("residents could hear blasts") unless it guesses at a state
    ("could be", "could have").
    """
    tok = span[0]
    if tok.tag_ != "MD":
        return False
    nxt = _next_word(span, skip_adverbs=False)
    if nxt is not None and nxt.lower_ in ("not", "n't"):
        return False
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is not None and any(t.lower_ == "you" for t in subj.subtree):
        return False  # "you may leave", "some of you may ask": permission or the audience, no guess
    if tok.lower_ == "could":
        nxt = _next_word(span)
        if nxt is None or nxt.lemma_ not in ("be", "have"):
            return False
        after = nxt.doc[nxt.i + 1] if nxt.i + 1 < len(nxt.doc) else None
        return not (after is not None and after.lower_ in det.perception)
    return True


def _passive_unsourced(det: ClaimDetector, span: Span) -> bool:
    """"Explosions were reported near the port": a report with nobody reporting hedges the fact.

    With an agent ("was reported by the governor") it is an attribution; with a negated subject ("No
    casualties were reported") it reports an absence, which hedges nothing.
    """
    verb = span[-1] if span[-1].pos_ == "VERB" else span.root
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    return not (subj is not None and any(c.lower_ in ("no", "none") for c in subj.subtree))


def _believe_epistemic(det: ClaimDetector, span: Span) -> bool:
    """"is believed to", "officials believe that": belief about a fact; "residents believed him" trusts a person."""
    verb = next((t for t in span if t.lemma_ == "believe"), span.root)
    kids = list(verb.children)
    if any(c.dep_ == "dobj" for c in kids):
        return False
    return any(c.dep_ in CLAUSAL_OR_PASSIVE_DEPS for c in kids) or verb.tag_ == "VBN"


def _verb_not_modifier(det: ClaimDetector, span: Span) -> bool:
    """"Ukraine contested the claim" disputes; "the contested village" is a front line, not a denial."""
    return span.root.dep_ not in ("amod", "compound") and span.root.pos_ == "VERB"


def _before_number(det: ClaimDetector, span: Span) -> bool:
    """"about 20 people", "around 300 drones": an approximator qualifies a count; "talks about peace" does not."""
    nxt = _next_word(span, skip_adverbs=False)
    return nxt is not None and (nxt.like_num or nxt.pos_ == "NUM")


_GUARDS = {
    "modal_epistemic": _modal_epistemic,
    "passive_unsourced": _passive_unsourced,
    "believe_epistemic": _believe_epistemic,
    "verb_not_modifier": _verb_not_modifier,
    "before_number": _before_number,
}


def _no_speaker(det: ClaimDetector, span: Span) -> bool:
    """"militants accused of the attack", "were accused of": an accusation with no one making it here.

    With a subject ("Kyiv accused Moscow of ...") it is an attribution (cue claimed), not a hedge as well.
    """
    verb = span.root
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "The RSF said ... and accused the army": coordinated verbs share the subject
    return not any(c.dep_ == "nsubj" for c in verb.children)


_GUARDS["no_speaker"] = _no_speaker


def _phrase_back(doc: Doc, j: int, end: int, floor: int) -> int | None:
    """Walk left from ``j`` to the comma, semicolon or dash that opens a short verb-free phrase ending at ``end``."""
    while j >= floor and doc[j].text not in PHRASE_BREAK_PUNCT and not doc[j].is_space:
        if doc[j].pos_ in CLAUSE_POS or end - j > 12:
            return None
        j -= 1
    return j


def _reports_clause(det: ClaimDetector, span: Span) -> bool:
    """"Moscow maintained that ...", "the inquiry concluded that ...": the verb reports a proposition;
    "maintained its positions", "concluded the talks" report nothing."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in span.root.children)


def _attributes_to(det: ClaimDetector, span: Span) -> bool:
    """"Kyiv attributed the blast to a Russian missile" names a culprit; the verb needs its "to"."""
    verb = span.root
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # the parse often hangs "to" on the object
    return any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for t in [verb, *objects] for c in t.children)


def _describes_as(det: ClaimDetector, span: Span) -> bool:
    """"The ministry described the strike as deliberate" judges; "described the scene" only tells. "Her hospital
    described her as a fine surgeon", "a man they described as a commander" portray a person (``described_people``),
    no claim about what happened."""
    verb = span.root
    obj = next((c for c in verb.children if c.dep_ == "dobj"), verb.head if verb.dep_ == "relcl" else None)
    if obj is not None and obj.lower_ in det.described_people:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _evidential_subject(det: ClaimDetector, span: Span) -> bool:
    """"Reports indicate that ...", "intelligence suggested that ...": the evidence speaks, as a source."""
    subj = next((c for c in span.root.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ in ("NOUN", "PROPN") and _reports_clause(det, span)


def _no_evidential_subject(det: ClaimDetector, span: Span) -> bool:
    """"This suggests the convoy was hit" hedges; "Reports suggest ..." is an attribution instead."""
    return not _evidential_subject(det, span)


_GUARDS.update(
    reports_clause=_reports_clause,
    attributes_to=_attributes_to,
    describes_as=_describes_as,
    evidential_subject=_evidential_subject,
    no_evidential_subject=_no_evidential_subject,
)


def _active_voice(det: ClaimDetector, span: Span) -> bool:
    """"Monitors recorded 40 deaths" reports; "a video recorded by a drone" is filming, not a claim."""
    return any(c.dep_ == "nsubj" for c in span.root.children)


_GUARDS["active_voice"] = _active_voice


def _not_sentence_initial(det: ClaimDetector, span: Span) -> bool:
    """"objects consistent with human bodies" estimates; "Consistent with what you see, we ..." frames
    agreement with others' reports and hedges no fact."""
    first = next((t for t in span.sent if not (t.is_punct or t.is_space)), None)
    return first is None or first.i != span.start


_GUARDS["not_sentence_initial"] = _not_sentence_initial


def _conjuncts(span: Span) -> list[Span]:
    """The names a coordinated source lists ("the United States, France and Canada"), each as a span.

    Read from the surface (the small parser makes such lists appositions as often as conjunctions): lists of
    proper names split, and so do noun phrases the parse coordinates ("officials and residents" are two
    sources); coordinated modifiers ("U.S. and Kenyan officials") are one.
    """
    doc = span.doc
    if not any(t.pos_ == "CCONJ" for t in span):
        return []
    pieces, start = [], span.start
    for t in [*span, None]:
        if t is None or t.text == "," or t.pos_ == "CCONJ":
            end = t.i if t is not None else span.end
            while start < end and doc[start].pos_ == "DET":
                start += 1
            if start < end:
                pieces.append(doc[start:end])
            start = (t.i + 1) if t is not None else span.end
    if len(pieces) < 2:
        return []
    if all(all(x.pos_ == "PROPN" for x in p) for p in pieces):
        return pieces
    # "the government and other commentators", "officials and residents": noun phrases the parse coordinates
    # are each a speaker; "U.S. and Kenyan officials" (coordinated modifiers) is one
    heads = {p.root.i for p in pieces}
    if all(p.root.pos_ in ("NOUN", "PROPN") for p in pieces) and all(p.root.dep_ == "conj" and p.root.head.i in heads for p in pieces[1:]):
        return pieces
    return []


def _other_entity(run: Span) -> bool:
    """A capitalised run tagged as a place, a date or a non-person entity ("Kherson Oblast") is no person.

    eventie's own ACTOR entities are people as often as not ("President Kadrell"): they do not count."""
    doc = run.doc
    others = [e for e in doc.ents if e.label_ != "PERSON" and e.label_ not in labels.NER_LABELS]
    others += [s for key in (labels.PLACES, labels.DATES) if key in doc.spans for s in doc.spans[key]]
    return any(e.start < run.end and run.start < e.end for e in others)
