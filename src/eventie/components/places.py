"""Place tagger: named locations resolved offline against the worldwide gazetteer.

Matches are case-sensitive on the gazetteer's names and aliases (GeoNames-derived, see
``scripts/build_gazetteer.py``), since place names are proper nouns and lower-case matches are mostly
common words. A world of 234k places has a homonym for almost every capitalised word, so the document
decides: the countries and regions it names (by country, region, dominant city, demonym or dateline) pick
between homonyms ("Paris, Texas", the many "Novoselivka"s, "Georgia"), and a place outside them needs
stronger evidence (a qualifier, a locative preposition, a place noun, or a large population). Names that
are also English words ("Reading", "Nice", "Split") need context even then. Rules and thresholds live in
``data/place_words.yaml``; see docs/places.md. The gazetteer loads on first use, not at pipeline load.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX, IS_SPACE, IS_TITLE, IS_UPPER, LENGTH, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import labels
from ..grammar import BREAK_TEXT
from ..resources import gazetteer
from ..rules import DemonymRow, Gazetteer, PlaceEntry, RuleComponent, Rules, Strict, fold_name
from ..scoring import score_weights
from ._common import overlaps, set_spans


class PlaceWords(Strict):
    """``place_words.yaml``: context words and thresholds (see the comments in the file)."""

    occupied_markers: list[str]
    occupying_verbs: list[str]
    max_tokens: int
    locative: list[str]
    place_nouns: list[str]
    qualifiers: list[str]
    min_population_free: int
    min_population_foreign: int
    evidence_population: int
    evidence_ratio: float
    unknown_cues: dict[str, str]
    unknown_features: dict[str, str]
    unknown_max_tokens: int
    truncated_chars: int
    party_deps: list[str] = []
    party_head_deps: list[str] = []
    party_object_verbs: list[str] = []
    sentence_openers: list[str] = []
    person_followers: list[str] = []


def _title(text: str) -> str:
    """'DEIR AL-BALAH' -> 'Deir al-Balah'-style lookup key: title case, Arabic article kept lower."""
    t = text.title()
    return t.replace("Al-", "al-").replace(" El ", " el ") if t not in ("Al", "El") else t


@dataclass
class DocContext:
    """What the article says about where it is: countries and admin1 regions, with weights."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    own: dict[int, Counter] = field(default_factory=dict)

    def others(self, start: int) -> tuple[set[str], set[str]]:
        """(countries, regions) named by the article apart from the mention at ``start``."""
        own = self.own.get(start, Counter())
        return ({c for c, n in self.countries.items() if n > own.get(c, 0)},
                {r for r, n in self.regions.items() if n > own.get(("region", r), 0)})


@dataclass
class _Words:
    """A Doc's words as plain lists, read once per call: the scans below test every token, and a ``Token``
    object per test cost more than the tests."""

    text: list[str]
    lower: list[str]
    title: list[bool]
    titles: list[int]  # indices of the title-case tokens

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        strings = doc.vocab.strings
        cols = doc.to_array([ORTH, LOWER, IS_TITLE])
        title = cols[:, 2].astype(bool).tolist() if len(doc) else []
        return cls([strings[h] for h in cols[:, 0].tolist()], [strings[h] for h in cols[:, 1].tolist()], title,
                   [i for i, t in enumerate(title) if t])


@Language.factory(
    "eventie_place_tagger",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"scorer": {"@scorers": "eventie.spans_scorer.v1"}, "spans_key": labels.PLACES, "actors_key": labels.ACTORS},
    default_score_weights=score_weights(labels.PLACES),
)
def make_place_tagger(nlp: Language, name: str, spans_key: str, actors_key: str, scorer: Callable | None) -> PlaceTagger:
    comp = PlaceTagger(nlp, name, spans_key=spans_key, actors_key=actors_key)
    comp.scorer = scorer
    return comp


class PlaceTagger(RuleComponent):
    """The rules (context words, demonyms) travel with the pipeline; the gazetteer is reference data
    (7 MB) read from the package on the first text, not copied into every saved pipeline."""

    rule_files = ("place_words.yaml", "demonyms.csv")

    def __init__(self, nlp: Language, name: str, *, spans_key: str, actors_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.actors_key = actors_key
        self._gaz: Gazetteer | None = None
        self._words = _Words([], [], [], [])  # the current Doc's, set by __call__
        self._spans: tuple[list[Span], list[Span]] = ([], [])  # its rule and NER-only actor/equipment spans

    def _load_rules(self, rules: Rules) -> None:
        w = rules.yaml("place_words.yaml", PlaceWords)
        self.max_tokens = w.max_tokens
        self.occupied = frozenset(w.occupied_markers)
        self.occupying_verbs = frozenset(w.occupying_verbs)
        self.locative = frozenset(w.locative)
        self.place_nouns = frozenset(w.place_nouns)
        self.qualifiers = frozenset(w.qualifiers)
        self.free_pop = w.min_population_free
        self.foreign_pop = w.min_population_foreign
        self.evidence_pop = w.evidence_population
        self.evidence_ratio = w.evidence_ratio
        self.unknown_cues = w.unknown_cues
        self.unknown_features = w.unknown_features
        self.unknown_max = w.unknown_max_tokens
        self.truncated_chars = w.truncated_chars
        self.party_deps = frozenset(w.party_deps)
        self.party_head_deps = frozenset(w.party_head_deps)
        self.party_object_verbs = frozenset(w.party_object_verbs)
        self.sentence_openers = frozenset(w.sentence_openers)
        self.person_followers = frozenset(w.person_followers)
        self.demonyms = {r.adjective: r.country for r in rules.csv("demonyms.csv", DemonymRow) if r.country}

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        self._words = _Words.of(doc)
        self._spans = (self._rule_spans(doc), self._ner_spans(doc))  # read once: every scan below needs them
        chosen = self._matches(doc)
        cands = {s.start: self.gaz.get(self._key(s.text)) for s in chosen}
        ctx = self._context(doc, chosen, cands)
        out = []
        for i, s in enumerate(chosen):
            if self._person(s):
                continue
            qual = self._qualifier(s, chosen[i + 1] if i + 1 < len(chosen) else None, cands)
            entry = self._resolve(s, cands[s.start], ctx, qual)
            if entry is None:
                continue
            self._set(s, entry)
            out.append(s)
        out = self._truncated(doc, out, ctx)
        out = sorted(out + self._unknown(doc, out, ctx), key=lambda s: s.start)
        names = {s._.eventie_place["name"] for s in out if s._.eventie_place["occupied"]}
        for s in out:  # "occupied Melitopol ... Melitopol": the text said it once
            if s._.eventie_place["name"] in names:
                s._.eventie_place["occupied"] = True
        set_spans(doc, self.spans_key, out)
        return doc

    def _person(self, s: Span) -> bool:
        """A name a person's age follows ("Oleksandra, aged 71", "Olena (aged 34)") is a person's, not a
        town's, however the gazetteer knows it: victims are named so in casualty reports."""
        nxt = s.doc[s.end : s.end + 2]
        words = [t.lower_ for t in nxt if not t.is_punct or t.text not in ",("]
        return bool(words) and words[0] in self.person_followers

    def _set(self, s: Span, entry: PlaceEntry) -> None:
        s._.eventie_place = {
            "name": entry.name,
            "admin1": entry.admin1,
            "admin2": entry.admin2,
            "country": entry.country,
            "lat": entry.lat,
            "lon": entry.lon,
            "geonameid": entry.geonameid,
            "precision": entry.precision,
            "is_region": entry.is_region,
            "occupied": True if self._occupied(s) else None,
        }

    def _truncated(self, doc: Doc, found: list[Span], ctx: DocContext) -> list[Span]:
        """A name of two or more words after a locative that is one place of the article's countries cut
        short by a few letters ("west of Tuz Khurma" for Tuz Khurmatu): that place, over any shorter match
        inside it ("Khurma")."""
        taken, ner = self._spans
        out = list(found)
        lower, title = self._words.lower, self._words.title
        for i in range(1, len(doc)):
            if not title[i] or lower[i - 1] not in self.locative or any(s.start == i and len(s) > 1 for s in out):
                continue
            j = i
            while j < len(doc) and j - i < self.max_tokens and title[j]:
                j += 1
            if j - i < 2:
                continue
            span = Span(doc, i, j, label="PLACE")
            keys = self.gaz.completions(self._key(span.text), self.truncated_chars)
            entries = {e.name: e for k in keys for e in self.gaz.get(k) if e.country in ctx.countries and e.population >= self.foreign_pop}
            if len(entries) != 1 or overlaps(span, taken) or not self._only_inside(span, ner):
                continue
            if any(overlaps(span, [s]) and not (span.start <= s.start and s.end <= span.end) for s in out):
                continue
            out = [s for s in out if not overlaps(span, [s])]
            self._set(span, next(iter(entries.values())))
            out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _unknown(self, doc: Doc, found: list[Span], ctx: DocContext) -> list[Span]:
        """Places GeoNames lacks, on strong evidence: after a cue ("the village of X"), named for a feature
        ("the Shawal Valley"), or said to be in a known place ("Yamgan is in Badakhshan province"). A Place
        without coordinates, in the place that qualifies it, else the article's country (and region when
        it names only one); the name's other mentions are then places too ("the Yamgan district")."""
        taken = found + self._spans[0]
        ner = self._spans[1]
        country = ctx.countries.most_common(1)[0][0] if ctx.countries else None
        admin1 = next(iter(ctx.regions)) if len(ctx.regions) == 1 else None
        out: list[Span] = []
        for i in self._words.titles:  # each of the three needs a capitalised first word
            span, precision = self._cued(doc, i)
            if span is None:
                span, precision = self._featured(doc, i)
            if span is None:
                span, precision = self._said_in(doc, i, found)
            if span is None or overlaps(span, taken + out) or not self._only_inside(span, ner):
                continue
            region, land = self._container(span, found) or (admin1, country)
            span._.eventie_place = {"name": span.text, "admin1": region, "admin2": None, "country": land, "lat": None,
                                    "lon": None, "geonameid": None, "precision": precision, "is_region": False, "occupied": None}
            out.append(span)
        return out + self._again(doc, out, taken + out, ner)

    def _rule_spans(self, doc: Doc) -> list[Span]:
        """Actor and equipment spans a rule found: a place never overlaps them."""
        return [s for key in (self.actors_key, labels.EQUIPMENT) if key in doc.spans for s in doc.spans[key]
                if ((s._.eventie_actor if key == self.actors_key else s._.eventie_equipment) or {}).get("rule") != "NER"]

    def _ner_spans(self, doc: Doc) -> list[Span]:
        """Actor and equipment spans only the NER found: a longer place name holds them ("Bab al Mandab")."""
        return [s for key in (self.actors_key, labels.EQUIPMENT) if key in doc.spans for s in doc.spans[key]
                if ((s._.eventie_actor if key == self.actors_key else s._.eventie_equipment) or {}).get("rule") == "NER"]

    @staticmethod
    def _only_inside(span: Span, ner: list[Span]) -> bool:
        """Every NER span the place overlaps lies inside it."""
        return all(span.start <= o.start and o.end <= span.end for o in ner if span.start < o.end and o.start < span.end)

    def _again(self, doc: Doc, places: list[Span], taken: list[Span], ner: list[Span]) -> list[Span]:
        """Other mentions of a name found by its evidence, with a cue noun after them kept in the span and
        its precision ("Yamgan ... the Yamgan district")."""
        known = {s.text: s._.eventie_place for s in places}
        out: list[Span] = []
        title = self._words.title
        for i in self._words.titles if known else ():
            for name, info in known.items():
                n = len(name.split())
                if doc[i : i + n].text != name or (i > 0 and title[i - 1] and not self._opener(doc[i - 1])):
                    continue
                end = i + n
                precision = info["precision"]
                if end < len(doc) and doc[end].lower_ in self.unknown_cues:
                    precision, end = self.unknown_cues[doc[end].lower_], end + 1
                span = Span(doc, i, end, label="PLACE")
                if overlaps(span, taken + out) or not self._only_inside(span, ner):
                    continue
                span._.eventie_place = dict(info, name=name, precision=precision)
                out.append(span)
        return out

    def _opener(self, tok) -> bool:
        """"The" opening a sentence is capitalised without starting a name ("The Tangbo killings ...")."""
        return tok.is_sent_start and tok.lower_ in self.sentence_openers

    def _container(self, span: Span, found: list[Span]) -> tuple[str | None, str | None] | None:
        """(admin1, country) of a known place right after the name ("Tando in Kebbi state", "X, Somalia")."""
        said = span.root.head if span.root.dep_ == "nsubj" and span.root.head.lemma_ == "be" else None
        held = next((p for p in found if said is not None and p.root.dep_ == "pobj" and p.root.head.lower_ == "in"
                     and said in (p.root.head.head, p.root.head.head.head)), None)
        nxt = held or next((p for p in found if 0 <= p.start - span.end <= 2), None)
        if nxt is None or held is None and not all(t.lower_ in self.qualifiers or t.lower_ == "the" for t in span.doc[span.end : nxt.start]):
            return None
        info = nxt._.eventie_place
        return (info["admin1"] if info["precision"] != "country" else None), info["country"]

    def _cued(self, doc: Doc, i: int) -> tuple[Span | None, str]:
        """The capitalised run starting at token ``i`` right after "<cue> of" ("the village of X"). The
        suffix form ("X district") is not taken: on the bundled test set it split events on names the
        gazetteer already had in another spelling."""
        lower, title = self._words.lower, self._words.title
        if i < 2 or not title[i] or lower[i - 1] != "of" or lower[i - 2] not in self.unknown_cues:
            return None, ""
        j = i
        while j < len(doc) and j - i < self.unknown_max and title[j] and lower[j] not in self.unknown_cues:
            j += 1
        return Span(doc, i, j, label="PLACE"), self.unknown_cues[lower[i - 2]]

    def _featured(self, doc: Doc, i: int) -> tuple[Span | None, str]:
        """A capitalised name ending in a feature word ("the Shawal Valley", "the Nuba Mountains")."""
        text, title = self._words.text, self._words.title
        if not title[i] or (i > 0 and title[i - 1]) or doc[i].is_sent_start:
            return None, ""
        j = i
        while j < len(doc) and j - i <= self.unknown_max and title[j]:
            if j > i and text[j] in self.unknown_features:
                return Span(doc, i, j + 1, label="PLACE"), self.unknown_features[text[j]]
            j += 1
        return None, ""

    def _said_in(self, doc: Doc, i: int, found: list[Span]) -> tuple[Span | None, str]:
        """"X is in Y" / "X is a village in Y" with Y a known place: X is a place inside Y."""
        t = doc[i]
        if t.dep_ != "nsubj" or t.pos_ != "PROPN" or t.head.lemma_ != "be" or not t.is_title:
            return None, ""
        starts = {p.root.i for p in found}
        preps = [c for c in t.head.children if c.dep_ == "prep" and c.lower_ == "in"]
        attr = next((c for c in t.head.children if c.dep_ == "attr" and c.lower_ in self.unknown_cues), None)
        preps += [c for c in attr.children if c.dep_ == "prep" and c.lower_ == "in"] if attr is not None else []
        if not any(g.i in starts for p in preps for g in p.children if g.dep_ == "pobj"):
            return None, ""
        left = min([c.i for c in t.lefts if c.dep_ == "compound" and c.is_title] + [i])
        if left != i:
            return None, ""
        return Span(doc, i, i + 1, label="PLACE"), self.unknown_cues[attr.lower_] if attr is not None else "settlement"

    def _key(self, text: str) -> str:
        if text in self.gaz:
            return text
        if not text.isascii():  # keys are ASCII-folded: "Bogotá" -> "Bogota"
            text = fold_name(text)
        if text not in self.gaz and text.isupper() and len(text) > 3:
            return _title(text)  # datelines: "BEIRUT", "DEIR AL-BALAH"
        if text not in self.gaz and "-" in text:
            spaced = text.replace("-", " ")  # "El-Fasher" for El Fasher, "Tuz-Khurmatu"
            if spaced in self.gaz:
                return spaced
        return text

    def _known(self, text: str) -> bool:
        """``self._key(text) in self.gaz`` with one binary search for most texts (``_key`` makes up to four)."""
        gaz = self.gaz
        if text in gaz:
            return True
        folded = text if text.isascii() else fold_name(text)
        hit = folded is not text and folded in gaz
        if not hit and folded.isupper() and len(folded) > 3:
            return _title(folded) in gaz
        if not hit and "-" in folded and folded.replace("-", " ") in gaz:
            return True
        return hit

    def _matches(self, doc: Doc) -> list[Span]:
        """Longest gazetteer keys starting at capitalised tokens, not inside an actor or a weapon, not overlapping.
        A dict lookup per capitalised token costs far less than a 300k-pattern PhraseMatcher."""
        actors, ner = self._spans
        cols = doc.to_array([IS_TITLE, IS_UPPER, IDX, LENGTH, IS_SPACE])
        # offsets read once from arrays: a Token object per look-up cost more than the look-ups
        starts, is_space = cols[:, 2].tolist(), cols[:, 4].tolist()
        ends = (cols[:, 2] + cols[:, 3]).tolist()
        text, n, raw = doc.text, len(doc), []
        for i in np.nonzero(cols[:, :2].any(axis=1))[0].tolist():
            start_char = starts[i]
            for j in range(min(n, i + self.max_tokens) - 1, i - 1, -1):
                if is_space[j]:
                    continue
                if self._known(text[start_char : ends[j]]):
                    key = self._key(text[start_char : ends[j]])
                    span = Span(doc, i, j + 1, label="PLACE")
                    # an NER-only span strictly inside the name gives way ("Bab al Mandab" over "al Mandab"); one
                    # that is exactly the name gives way when it is a town in no party's part ("the Lutsk depot")
                    if not overlaps(span, actors) and self._only_inside(span, [o for o in ner if (o.start, o.end) != (i, j + 1)]) \
                            and not any((o.start, o.end) == (i, j + 1) and not self._town_not_party(o, key) for o in ner):
                        raw.append(span)
                    break
        chosen: list[Span] = []
        for s in sorted(raw, key=lambda s: (s.start, -(s.end - s.start))):
            if not chosen or s.start >= chosen[-1].end:
                chosen.append(s)
        return chosen

    def _town_not_party(self, ner: Span, key: str) -> bool:
        """Is an NER-only actor that is exactly a gazetteer name the town, not a party ("the Lutsk bus depot",
        "Sumy was shelled")? An NER-only weapon is the town only after a locative ("regained full control of Gubio").
        Not when the name is only a country or region, or when
        the word acts as a city standing for its government does ("Kyiv said", "Moscow's troops",
        "shelled by Donetsk", "Kyiv accused Moscow"): see ``party_deps`` in place_words.yaml."""
        entries = self.gaz.get(key)
        if any(e.precision == "country" for e in entries):
            return False  # "Russia" is a country first, whatever village bears its name
        if not any(e.precision in ("settlement", "district") for e in entries):
            return False
        if ner._.eventie_actor is None:
            return self._locative(ner)  # a "weapon" the lexicon does not know, after "in"/"of": "control of Gubio"
        tok = ner.root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # "Kyiv and Kharkiv said": the first conjunct's part
        if tok.dep_ in self.party_deps or (tok.dep_ == "pobj" and tok.head.dep_ in self.party_head_deps):
            return False
        return not (tok.dep_ == "dobj" and tok.head.lemma_ in self.party_object_verbs)

    def _context(self, doc: Doc, chosen: list[Span], cands: dict[int, list[PlaceEntry]]) -> DocContext:
        """Countries and regions the article is about, from its unambiguous mentions and demonyms.
        Each mention's own vote is kept apart so that it cannot decide its own homonyms."""
        ctx = DocContext()
        for s in chosen:
            cs = [] if s.text in self.gaz.weak else cands[s.start]
            if not cs:
                continue
            top, own = cs[0], ctx.own.setdefault(s.start, Counter())
            single = len({e.country for e in cs}) == 1
            if single and (top.precision != "settlement" or top.population >= self.foreign_pop):
                own[top.country] += 1
            elif top.population >= self.evidence_pop and (len(cs) == 1 or top.population >= self.evidence_ratio * cs[1].population):
                own[top.country] += 1
            if own and top.precision in ("region", "district") and top.admin1:
                ctx.regions[top.admin1] += 1
                own[("region", top.admin1)] += 1
            ctx.countries.update(c for c in own.elements() if isinstance(c, str))
        for text in self._words.text:
            country = self.demonyms.get(text)
            if country:
                ctx.countries[country] += 1
        return ctx

    def _qualifier(self, s: Span, nxt: Span | None, cands: dict[int, list[PlaceEntry]]) -> set[str]:
        """Region and country names of the place right after ", ", " of " or " in " ("Paris, Texas")."""
        if nxt is None or nxt.start - s.end > 2:
            return set()
        between = s.doc[s.end : nxt.start]
        if not between or not all(t.lower_ in self.qualifiers or t.lower_ == "the" for t in between):
            return set()
        return {e.name for e in cands[nxt.start] if e.precision != "settlement"} | {
            e.admin1 for e in cands[nxt.start] if e.precision == "district" and e.admin1
        }

    def _resolve(self, s: Span, cands: list[PlaceEntry], ctx: DocContext, qual: set[str]) -> PlaceEntry | None:
        if not cands:
            return None
        pool = [e for e in cands if e.admin1 in qual or e.country in qual or e.admin2 in qual]
        if pool:
            return self._specific(pool)
        weak = s.text in self.gaz.weak or self._key(s.text) in self.gaz.weak
        if weak and not self._weak_ok(s, cands, ctx.others(s.start)[0]):
            return None
        countries, regions = ctx.others(s.start)
        for pool in (
            [e for e in cands if e.admin1 in regions and e.precision in ("settlement", "district")],
            [e for e in cands if e.country in countries],
        ):
            if pool:
                return self._specific(pool)
        top = next((e for e in cands if e.precision == "country"), None) or self._specific(cands)
        if self._foreign_ok(s, top, bool(countries), len({e.country for e in cands}) == 1):
            return top
        return None

    @staticmethod
    def _specific(pool: list[PlaceEntry]) -> PlaceEntry:
        """The most populous candidate, but a town over a same-named region ("Kandahar", "New York")."""
        top = pool[0]
        towns = [e for e in pool if e.precision == "settlement" and e.country == top.country]
        if top.precision != "settlement" and towns and towns[0].population * 20 >= top.population:
            return towns[0]
        return top

    def _foreign_ok(self, s: Span, e: PlaceEntry, has_countries: bool, unique: bool) -> bool:
        """A place outside the article's countries: regions, countries, curated sites and big cities
        pass; so does a name only one country has; smaller places need a locative or place noun, and
        some size when the article names countries."""
        if e.precision != "settlement" or e.geonameid is None or e.population >= self.free_pop:
            return True
        if unique and e.population >= self.foreign_pop:
            return True  # a name no other place in the world bears ("Avdiivka", "Kupiansk")
        if any(ent.label_ in ("PERSON", "ORG") and ent.start <= s.start and s.end <= ent.end for ent in s.doc.ents):
            return False
        if not self._locative(s):
            return False
        return not has_countries or e.population >= self.foreign_pop

    def _weak_ok(self, s: Span, cands: list[PlaceEntry], countries: set[str]) -> bool:
        """A name that is also an English word: not at a sentence start, not before a lower-case noun,
        and introduced by a locative or inside the article's countries."""
        if s.start == s.sent.start or (s.end < len(s.doc) and s.doc[s.end].is_lower and s.doc[s.end].pos_ == "NOUN"):
            return False
        return self._locative(s) or any(e.country in countries for e in cands)

    def _locative(self, s: Span) -> bool:
        doc = s.doc
        before = doc[max(s.start - 3, 0) : s.start]
        if before and before[-1].lower_ in self.locative:
            return True
        if any(t.lower_ in self.place_nouns for t in before) and before[-1].lower_ in ("of", "the"):
            return True
        return s.end < len(doc) and doc[s.end].lower_ in self.place_nouns

    def _occupied(self, span: Span) -> bool:
        doc = span.doc
        before = doc[max(span.start - 3, 0) : span.start]
        if any(t.lower_ in self.occupied for t in before) and not any(t.text in BREAK_TEXT for t in before):
            return True
        root = span.root
        if root.dep_ in ("nsubjpass", "nsubj") and root.head.lemma_ in self.occupying_verbs:
            return True
        return any(t.lower_ == "occupied" and t.head == root for t in span.sent)
