"""Casualty extractor: how many people, what happened to them, and how exactly the text says it.

A count is only a casualty when the text ties it to an outcome (killed, injured, captured, missing) or
places the people at the scene ("about 20 soldiers were at the epicenter": kind ``present``, no
outcome claimed). "A population of about 150,000 people" is no casualty. Deaths stated without a
number ("killed Russian soldiers") are casualties with min=max=None: the claim exists, its number
does not.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import labels
from ..grammar import (
    ARGUMENT_DEPS,
    CORE_ARGUMENT_DEPS,
    EMBEDDED_CLAUSE_DEPS,
    NOMINAL_DEPS,
    NOMINAL_POS,
    NOUN_PHRASE_POS,
    OUTCOME_WORD_POS,
    PHRASE_INNER_PUNCT,
    PREDICATE_DEPENDENT_DEPS,
)
from ..numbers import Quantity, apply_modifier, modifier_kind, modifier_phrases, vague_quantity, word_to_int
from ..rules import CasualtyLexicon, RuleComponent, Rules
from ..scoring import score_weights
from ._common import AnchoredMatcher, Sides, non_overlapping, set_spans

_NOT_COUNT_SCALES = frozenset({"million", "billion"})  # "1.2 million people" is a population, not a count


@Language.factory(
    "eventie_casualty_extractor",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.spans"],
    default_config={"scorer": {"@scorers": "eventie.casualty_scorer.v1"}, "spans_key": labels.CASUALTIES, "actors_key": labels.ACTORS, "dates_key": labels.DATES, "window": 6},
    default_score_weights=score_weights(labels.CASUALTIES, strict=True),
)
def make_casualty_extractor(nlp: Language, name: str, spans_key: str, actors_key: str, dates_key: str, window: int, scorer: Callable | None) -> CasualtyExtractor:
    comp = CasualtyExtractor(nlp, name, spans_key=spans_key, actors_key=actors_key, dates_key=dates_key, window=window)
    comp.scorer = scorer
    return comp


class CasualtyExtractor(RuleComponent):
    rule_files = ("casualties.yaml", "demonyms.csv")

    def __init__(self, nlp: Language, name: str, *, spans_key: str, actors_key: str, dates_key: str, window: int) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.actors_key = actors_key
        self.dates_key = dates_key
        self.window = window

    def _load_rules(self, rules: Rules) -> None:
        nlp = self.nlp
        self.lex = lex = rules.yaml("casualties.yaml", CasualtyLexicon)
        self.sides = Sides(rules)
        self.modifiers = modifier_phrases(lex.model_dump())
        self.vague_values = dict(lex.vague)
        self.outcome = {lemma: kind for kind, lemmas in lex.outcomes.items() for lemma in lemmas}
        self.victims = {v.lower() for v in lex.victims}
        self.presence = set(lex.presence)
        self.non_heads = set(lex.non_casualty_heads)
        self.numbers = Matcher(nlp.vocab)
        num = {"LIKE_NUM": True}
        self.numbers.add("RANGE", [[{"LOWER": "between"}, num, {"LOWER": "and"}, num], [num, {"ORTH": {"IN": lex.range_connectors}}, num]])
        self.vague = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.vague.add("VAGUE", [nlp.make_doc(k) for k in lex.vague])
        self.verbs = AnchoredMatcher(nlp.vocab)
        harm = [lemma for lemma, kind in self.outcome.items() if kind in ("killed", "injured")]
        self.intransitive = set(lex.intransitive_outcomes)
        self.not_casualty_verbs = set(lex.not_casualty_verbs)
        self.unrealised_heads = set(lex.unrealised_heads)
        self.harm_adjectives = dict(lex.harm_adjectives)
        self.loss_nouns = set(lex.loss_nouns)
        self.loss_modifiers = set(lex.loss_modifiers)
        self.body_not_dead = set(lex.body_not_dead)
        self.killing_with_dead = set(lex.killing_with_dead)
        self.plain_harm = frozenset(lex.plain_harm)
        self.tens, self.unit_words = frozenset(lex.tens), frozenset(lex.unit_words)
        self.non_numeric_ents = frozenset(lex.non_numeric_entities)
        self.exchange = frozenset(lex.exchange_words)
        self.singular_pronouns = frozenset(lex.singular_pronouns)
        self.presence_verbs = frozenset(lex.presence_verbs)
        self.hospital_words = frozenset(lex.hospital_words)
        self.verbs.add("HARM", [[{"LEMMA": {"IN": [*harm, *self.killing_with_dead]}, "POS": "VERB"}]])
        self.none = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.none.add("NONE", [nlp.make_doc(k) for k in lex.none])

    # --- outcome reading -------------------------------------------------------------------------
    def _outcome_of(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if lemma == "take" and any(c.lower_ == "away" for c in tok.children):
            return "captured"  # "several others were taken away"
        if lemma in self.outcome:
            return self.outcome[lemma]
        low = tok.lower_
        return self.outcome.get(low)

    def _find_outcome(self, doc: Doc, q_start: int, q_end: int, victim: Token | None) -> tuple[str | None, Token | None]:
        anchor = victim if victim is not None else doc[q_end - 1]
        # 0. a harm verb right before the count governs it: "killed as many as 14 villagers with over 30 wounded"
        if q_start > anchor.sent.start and doc[q_start - 1].pos_ == "VERB" and doc[q_start - 1].lemma_.lower() in self.plain_harm:
            return self._outcome_of(doc[q_start - 1]), doc[q_start - 1]
        # 1. words right after the count or the victim: "12 injured", "20 soldiers killed"
        nxt = (victim.i + 1) if victim is not None else q_end
        if nxt < len(doc) and doc[nxt].sent == anchor.sent:
            after = doc[nxt]
            k = self._outcome_of(after)
            if k and after.pos_ in OUTCOME_WORD_POS:
                return k, after
        # 2. the syntactic head chain: "were killed", "killing ... people", "toll rose to 41"
        tok = anchor
        for _ in range(4):
            head = tok.head
            if head.i == tok.i:
                break
            k = self._outcome_of(head)
            if k:
                return k, head
            for child in head.children:
                if child.dep_ in PREDICATE_DEPENDENT_DEPS and child.i != tok.i:
                    k = self._outcome_of(child)
                    if k:
                        return k, child
            tok = head
        # 3. presence at the scene: "were at the epicenter", "gathered near the site"
        sent = anchor.sent
        lo, hi = max(q_start - self.window, sent.start), min(anchor.i + self.window + 2, sent.end)
        holder = self._position(anchor).head
        if holder.lemma_.lower() in self.presence_verbs:  # (walk the clause only when its verb places people)
            hospital = next((t for t in holder.subtree if t.lower_ in self.hospital_words and t.i > anchor.i), None)
            if hospital is not None:
                return "injured", hospital  # "Eleven people remain in hospital"
            for t in holder.subtree:
                if t.i > holder.i and t.lemma_.lower() in self.presence:
                    return "present", t
        for t in doc[lo:hi]:
            if t.lemma_.lower() in self.presence and t.i > anchor.i:
                return "present", t
        # 4. nearest outcome word in a small window
        best = None
        for t in doc[lo:hi]:
            k = self._outcome_of(t)
            if k and (best is None or abs(t.i - anchor.i) < abs(best[1].i - anchor.i)):
                best = (k, t)
        return best if best else (None, None)

    @staticmethod
    def _position(tok: Token) -> Token:
        """'two Kamaz trucks and 20 soldiers were there': the clause role sits on the first conjunct."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def _victim(self, doc: Doc, q_end: int, actor_tokens: dict[int, Span]) -> Token | None:
        i = q_end
        for _ in range(5):
            if i >= len(doc):
                return None
            t = doc[i]
            if t.lower_ == "of" and i + 1 < len(doc):
                i += 1
                continue
            low = t.lemma_.lower()
            if t.lower_ == "more" and t.dep_ in ARGUMENT_DEPS:
                return t  # "killed about a dozen more"
            if t.pos_ in NOMINAL_POS and (low in self.victims or t.lower_ in self.victims or t.lower_.rstrip("s") in self.victims or i in actor_tokens):
                # keep going over compounds to the head: "Russian soldiers", "police officers"
                while i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN",) and doc[i + 1].lemma_.lower() in self.victims:
                    i += 1
                return doc[i]
            participle = t.pos_ == "VERB" and t.tag_ == "VBN" and t.dep_ == "amod"  # "nine suspected militants"
            if participle or t.pos_ in NOUN_PHRASE_POS or t.text in PHRASE_INNER_PUNCT:
                # quote marks too: 11 "armed terrorists" were neutralised
                if t.lemma_.lower() in self.non_heads:
                    return None
                i += 1
                continue
            return None
        return None

    # --- main ----------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        actors = list(doc.spans[self.actors_key]) if self.actors_key in doc.spans else []
        actor_tokens = {i: a for a in actors for i in range(a.start, a.end)}
        out: list[Span] = []
        used: set[int] = set()
        for span, qty in self._quantities(doc):
            cspan = self._counted(doc, span, qty, actor_tokens)
            if cspan is not None:
                out.append(cspan)
                used.update(range(cspan.start, cspan.end))
        out += self._without_numbers(doc, used, actor_tokens)
        used.update(i for sp in out for i in range(sp.start, sp.end))
        out += self._descriptive(doc, used)
        out += self._nobody_harmed(doc)
        set_spans(doc, self.spans_key, non_overlapping(out))
        return doc

    def _quantities(self, doc: Doc) -> list[tuple[Span, Quantity]]:
        """Every count in the text that is not part of a date or a non-numeric entity ("5 p.m.", "$20")."""
        dates = list(doc.spans[self.dates_key]) if self.dates_key in doc.spans else []
        blocked = {i for s in dates for i in range(s.start, s.end)}
        blocked |= {i for e in doc.ents if e.label_ in self.non_numeric_ents for i in range(e.start, e.end)}
        quantities: list[tuple[Span, Quantity]] = []
        matches = [(s, e, self.numbers.vocab.strings[m]) for m, s, e in self.numbers(doc)]
        matches += [(s, e, "NUMBER") for s, e in _number_spans(doc, self.tens, self.unit_words)]
        matches += [(s, e, "VAGUE") for _, s, e in self.vague(doc)]
        for span in non_overlapping([Span(doc, s, e, label=lab) for s, e, lab in matches]):
            q = None if any(i in blocked for i in range(span.start, span.end)) else self._quantity(doc, span)
            if q is None and span.label_ == "RANGE" and span.end - 1 not in blocked:
                # "BAMAKO, Nov 19 - Four Malian soldiers": not a range 19-4, but a date and then a count
                q = self._quantity(doc, Span(doc, span.end - 1, span.end, label="NUMBER"))
            if q is not None:
                quantities.append(q)
        return quantities

    def _is_count_of_people(self, span: Span, victim: Token | None) -> bool:
        """Filters that say a number counts no one: units, populations, ages, people who fled."""
        doc = span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.lemma_.lower() in self.non_heads or nxt.lower_ in self.non_heads):
            return False
        if span.start >= 2 and doc[span.start - 2].lower_ == "population":
            return False
        if _is_age(span) or self._after_age_word(span) or _one_of_the(span, self.lex.group_determiners):
            return False
        if victim is not None and self._position(victim).head.lemma_.lower() in self.not_casualty_verbs:
            return False  # "400,000 people had fled", "thousands of prisoners escaped"
        if victim is None and not (nxt is not None and self._outcome_of(nxt)) and not self._standalone_ok(span) and not self._toll_number(span):
            return False
        return not (victim is not None and victim.lemma_.lower() in self.non_heads)

    def _after_age_word(self, span: Span) -> bool:
        """"two children aged 6 and 11": a number after an age word, alone or later in the list of ages it
        opens, is an age; read back over numbers and list words (``age_list_words``) to the age word."""
        doc, ages, fillers = span.doc, self.lex.age_words, self.lex.age_list_words
        i, stop = span.start - 1, max(span.sent.start, span.start - _AGE_REACH)
        while i >= stop and (doc[i].lower_ in fillers or doc[i].like_num):
            i -= 1
        return i >= stop and i < span.start - 1 and doc[i].lower_ in ages

    def _counted(self, doc: Doc, span: Span, qty: Quantity, actor_tokens: dict[int, Span]) -> Span | None:
        """The casualty a count states, with its outcome, victims and side; None when it states none."""
        victim = self._victim(doc, span.end, actor_tokens)
        if not self._is_count_of_people(span, victim):
            return None
        kind, outcome_tok = self._find_outcome(doc, span.start, span.end, victim)
        if kind is None and victim is None and self._toll_number(span, self.lex.death_toll_nouns):
            kind = "killed"  # "up from an earlier count of 9": the toll named further back is the outcome
        if kind is None:
            return None
        if victim is not None and victim.lower_ == "more" and (outcome_tok is None or outcome_tok.lemma_.lower() not in self.plain_harm):
            return None  # "29 more were lost" are drones; "killed a dozen more" are people
        if kind == "captured" and any(t.lemma_.lower() in self.exchange for t in span.sent):
            return None
        if kind == "present" and victim is None:
            return None
        if self._part_of_larger(span, outcome_tok, victim):
            return None
        start = span.start
        end = max(span.end, victim.i + 1 if victim is not None else span.end)
        if outcome_tok is not None and kind != "present":
            if outcome_tok.i < start and start - outcome_tok.i <= 3:
                start = outcome_tok.i
            elif outcome_tok.i >= end and outcome_tok.i - end <= 2:
                end = outcome_tok.i + 1
        cspan = Span(doc, start, end, label="CASUALTY")
        who_tokens = doc[span.end : victim.i + 1] if victim is not None else None
        who = who_tokens.text.strip() if who_tokens is not None and len(who_tokens) else None
        if who and who.lower().startswith("of "):
            who = who[3:]
        side = self.sides.of_tokens(cspan)
        if side is None:
            inside = [actor_tokens[i] for i in range(cspan.start, cspan.end) if i in actor_tokens]
            side = next((a._.eventie_actor.get("side") for a in inside if a._.eventie_actor.get("side")), None)
        cspan._.eventie_casualty = {
            "kind": kind, "min": qty.min, "max": qty.max, "approximate": qty.approximate, "who": who, "side": side,
        }
        return cspan

    def _part_of_larger(self, span: Span, outcome_tok: Token | None, victim: Token | None) -> bool:
        """A breakdown of a count stated beside it is no casualty of its own.

        "nine were wounded, including three policemen" and "two aid workers were among the dead" name
        part of a toll that the text counts elsewhere; listed as well, the part reads as a second toll.
        """
        doc = span.doc
        i = span.start - 1
        while i >= span.sent.start and (doc[i].is_punct or doc[i].is_space):
            i -= 1
        last = victim.i if victim is not None else span.end - 1
        own = outcome_tok is not None and outcome_tok.i == last + 1  # "casualties, including 97 killed": its own kind
        if i >= span.sent.start and doc[i].lower_ in self.lex.subset_words and not own:
            return True
        return outcome_tok is not None and outcome_tok.head.lower_ in self.lex.subset_prepositions

    def _nobody_harmed(self, doc: Doc) -> list[Span]:
        """"No casualties were reported", "nobody was hurt": min=max=0."""
        out = []
        for _, s, e in self.none(doc):
            span = Span(doc, s, e, label="CASUALTY")
            low = span.text.lower()
            kind = "injured" if any(w in low for w in self.lex.injury_stems) else "killed"
            span._.eventie_casualty = {"kind": kind, "min": 0, "max": 0, "approximate": False, "who": None, "side": None}
            out.append(span)
        return out

    def _unrealised(self, verb: Token) -> bool:
        """"tried to kill", "denied killing civilians", "denied that troops had executed civilians"."""
        tok = verb
        for _ in range(2):
            if tok.dep_ not in EMBEDDED_CLAUSE_DEPS or tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.lemma_.lower() in self.unrealised_heads:
                return True
        return False

    def _toll_number(self, span: Span, nouns: list[str] | None = None) -> bool:
        """"as toll reaches 20", "has risen to 71": a number that a toll (or "the number injured") reaches."""
        doc = span.doc
        prev = [t for t in doc[max(span.sent.start, span.start - 2) : span.start] if not t.is_space]
        if not prev or prev[-1].lower_ not in self.lex.toll_reaching_words:
            return False
        before = doc[max(span.sent.start, span.start - 14) : span.start]
        return any(t.lemma_.lower() in (nouns or self.lex.toll_nouns) for t in before)

    def _standalone_ok(self, span: Span) -> bool:
        """A bare number can be a count of people when the syntax makes it an argument: 'killing two'."""
        # "wounding about 2,800": the number, not the modifier in front of it, carries the syntax
        root = span[-1] if span[-1].like_num else span.root
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
            pobj = next((c for c in doc[span.end].children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() not in self.victims and pobj.lower_ not in (*self.lex.people_pronouns, *self.harm_adjectives):
                return False  # "lose thousands of small drones"
        return root.dep_ in NOMINAL_DEPS and (
            root.pos_ == "NUM" or span.label_ == "VAGUE"
        )

    def _quantity(self, doc: Doc, span: Span) -> tuple[Span, Quantity] | None:
        label = span.label_
        text = span.text
        if label == "VAGUE":
            q = vague_quantity(text, self.vague_values)
            if q is None or q.min is None:
                return None
            return span, q
        if label == "RANGE":
            words = [t for t in span if t.like_num]
            if len(words) == 2 and words[0].lower_ in self.tens and words[1].lower_ in self.unit_words and span[1].text == "-":
                n = word_to_int(span.text)  # "Twenty-four" is one number, not a range
                return (span, Quantity(n, n, False)) if n is not None else None
            nums = [word_to_int(t.text) for t in span if t.like_num]
            if len(nums) != 2 or None in nums or nums[0] > nums[1]:
                return None
            return span, Quantity(nums[0], nums[1], False)
        n = word_to_int(text)
        if n is None:
            return None
        if 1900 <= n <= 2100 and span[0].shape_ == "dddd":
            return None
        pre_start = max(span.sent.start, span.start - 4)
        kind, nwords = modifier_kind(doc[pre_start : span.start].text, self.modifiers)
        if kind:
            start = span.start
            count = 0
            while count < nwords and start > pre_start:
                start -= 1
                if not doc[start].is_space:
                    count += 1
            span = Span(doc, start, span.end, label="NUMBER")
        return span, apply_modifier(n, kind)

    def _descriptive(self, doc: Doc, used: set[int]) -> list[Span]:
        """Harm named by a noun phrase rather than a verb: "wounded civilians", "heavy losses", "the bodies".

        No number is read from these (min=max=None), except one body for a singular "body".
        """
        out = []
        for tok in doc:
            if tok.i in used:
                continue
            span = None
            kind = None
            lo = hi = None
            lemma = tok.lemma_.lower()
            if tok.dep_ == "amod" and tok.lower_ in self.harm_adjectives and tok.head.lemma_.lower() in self.victims and tok.head.i == tok.i + 1:
                if any(c.dep_ == "nummod" for c in tok.head.children) or tok.head.i in used:
                    continue
                span, kind = doc[tok.i : tok.head.i + 1], self.harm_adjectives[tok.lower_]
            elif lemma in self.loss_nouns and tok.pos_ == "NOUN" and any(c.lower_ in self.loss_modifiers for c in tok.children):
                first = min(c.i for c in tok.children if c.lower_ in self.loss_modifiers)
                span, kind = doc[first : tok.i + 1], "killed"
            elif lemma == "body" and tok.pos_ == "NOUN" and tok.dep_ != "compound":
                prev = doc[tok.i - 1] if tok.i else None
                if prev is not None and prev.lower_ in self.body_not_dead:
                    continue
                if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in self.body_not_dead:
                    continue
                if any(c.dep_ == "nummod" for c in tok.children) or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                    continue  # "12 bodies" and "the bodies of three miners" are read with their numbers
                span, kind = doc[tok.i : tok.i + 1], "killed"
                if tok.tag_ == "NN":
                    lo = hi = 1
            elif lemma in self.lex.harm_of_person and tok.pos_ == "NOUN":
                person = self._person_of(tok)
                if person is None:
                    continue
                span, kind, lo, hi = doc[tok.i : person.i + 1], self.lex.harm_of_person[lemma], 1, 1
            if span is None or any(i in used for i in range(span.start, span.end)):
                continue
            cspan = Span(doc, span.start, span.end, label="CASUALTY")
            cspan._.eventie_casualty = {"kind": kind, "min": lo, "max": hi, "approximate": False, "who": None, "side": self.sides.of_tokens(cspan)}
            out.append(cspan)
            used.update(range(cspan.start, cspan.end))
        return out

    @staticmethod
    def _person_of(tok: Token) -> Token | None:
        """"the death of Usman Bello": the one named person whose death (or wounding) the noun names."""
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or obj.ent_type_ != "PERSON" or obj.conjuncts or any(c.dep_ == "cc" for c in obj.children):
            return None
        nxt = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
        return None if nxt is not None and nxt.dep_ == "cc" else obj  # "the death of X and his deputy": two

    def _people_counted(self, obj: Token, actor_tokens: dict[int, Span]) -> tuple[int | None, int | None] | None:
        """How many people a victim phrase with no number names; None when it is not countable."""
        people = [obj, *[c for c in obj.conjuncts if c.pos_ in ("NOUN", "PROPN")]]
        if any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
            return 0, 0  # "no civilians were hurt"
        if obj.lower_ in self.singular_pronouns or all(p.tag_ in ("NN", "NNP") for p in people):
            # "the driver was wounded" = 1; "a man and a woman were wounded" = 2; a named person = 1
            return len(people), len(people)
        if obj.tag_ in ("NNS", "NNPS") or obj.i in actor_tokens:
            return None, None
        return None

    def _without_numbers(self, doc: Doc, used: set[int], actor_tokens: dict[int, Span]) -> list[Span]:
        """'killed Russian soldiers', 'she was killed': an outcome with no count, or one person."""
        out = []
        for _, s, _e in self.verbs(doc):
            tok = doc[s]
            if tok.i in used:
                continue
            lemma = tok.lemma_.lower()
            if self._unrealised(tok):
                continue
            if lemma in self.killing_with_dead:
                if not any(c.lower_ == "dead" for c in tok.children):
                    continue  # "shot down", "found a depot": only "shot dead" / "found dead" kill
                kind = "killed"
            else:
                kind = self.outcome.get(lemma)
            roles = CORE_ARGUMENT_DEPS if lemma in self.intransitive else ("dobj", "nsubjpass")
            obj = next((c for c in tok.children if c.dep_ in roles), None)
            if obj is not None and obj.lower_ in ("who", "that") and tok.dep_ == "relcl":
                obj = tok.head  # "a woman who was lightly hurt": the antecedent is the victim
            if obj is None or obj.i in used:
                continue
            if any(t.lower_ in self.lex.count_nobody_words for t in doc[obj.left_edge.i : obj.i]):
                continue  # "did not say how many people died", "denied that any soldiers had died" count nobody
            is_victim = obj.lemma_.lower() in self.victims or obj.i in actor_tokens or obj.lower_ in self.singular_pronouns or obj.ent_type_ == "PERSON"
            if not is_victim or any(c.dep_ == "nummod" for c in obj.children):
                continue
            counted = self._people_counted(obj, actor_tokens)
            if counted is None:
                continue
            lo, hi = counted
            np_start = min([obj.left_edge.i, obj.i])
            if obj.i > tok.i:
                start, end = tok.i, obj.i + 1
            else:
                start, end = np_start, tok.i + 1
            span = Span(doc, start, end, label="CASUALTY")
            if any(i in used for i in range(span.start, span.end)):
                continue
            who = doc[np_start : obj.i + 1].text
            side = self.sides.of_tokens(doc[np_start : obj.i + 1])
            if side is None and obj.i in actor_tokens:
                side = (actor_tokens[obj.i]._.eventie_actor or {}).get("side")
            span._.eventie_casualty = {"kind": kind, "min": lo, "max": hi, "approximate": False, "who": who, "side": side}
            out.append(span)
        return out


def _is_number_word(tok: Token) -> bool:
    return tok.like_num and tok.lower_ not in _NOT_COUNT_SCALES  # "1.2 million" counts no casualties


def _number_spans(doc: Doc, tens: frozenset[str], units: frozenset[str]) -> list[tuple[int, int]]:
    """Whole numbers, in one linear pass: "One hundred and twenty", "1.2 thousand", "12".

    A run of number words ("and" inside, "twenty-five" hyphens) that does not read as one well-formed
    number ("2022 12", a table of figures) falls back to its single numbers.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_number_word(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_number_word(doc[j]):
                j += 1
            elif j + 1 < n and _is_number_word(doc[j + 1]) and (
                doc[j].lower_ == "and" or (doc[j].text == "-" and doc[j - 1].lower_ in tens and doc[j + 1].lower_ in units)
            ):
                j += 2
            else:
                break
        if j - i == 1 or word_to_int(doc[i:j].text) is not None:
            out.append((i, j))
        else:
            out += [(k, k + 1) for k in range(i, j) if _is_number_word(doc[k])]
        i = j
    return out


# Tokens read back from a number to its age word: a list of ages is short ("aged 13, 11 and 9" is five), and
# a bound keeps a text of thousands of listed numbers linear.
_AGE_REACH = 12


def _is_age(span: Span) -> bool:
    """"Olga Melnik, 52, survived": a number set off by commas right after a name is an age."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or span.end >= len(doc):
        return False
    return doc[span.start - 1].text == "," and doc[span.end].text == "," and doc[span.start - 2].pos_ in ("PROPN", "NOUN")


def _one_of_the(span: Span, determiners: list[str]) -> bool:
    """"in one of the deadliest attacks": "one" picks an item out of a group; it counts nobody."""
    doc = span.doc
    return span.text.lower() == "one" and span.end + 2 < len(doc) and doc[span.end].lower_ == "of" and doc[span.end + 1].lower_ in determiners
