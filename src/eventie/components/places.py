"""Place tagger: named locations resolved offline against the packaged gazetteer.

Matches are case-sensitive on the gazetteer's names and aliases (GeoNames-derived, see
``scripts/build_gazetteer.py``), since place names are proper nouns and lower-case matches are mostly
common words. Ambiguous names resolve to the candidate whose region or country the same text mentions,
else to the most populous. "occupied" is set only when the text says so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import numpy as np
from spacy.attrs import IS_TITLE, IS_UPPER
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import labels
from ..rules import PlaceEntry, RuleComponent, Rules, Strict, build_gazetteer
from ..scoring import score_weights
from ._common import overlaps, set_spans


class PlaceWords(Strict):
    """``place_words.yaml``."""

    occupied_markers: list[str]
    occupying_verbs: list[str]
    max_tokens: int


def _fold(text: str) -> str:
    """'Khan Yúnis' -> 'Khan Yunis': the gazetteer's keys are ASCII-folded, as the build script writes them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _title(text: str) -> str:
    """'DEIR AL-BALAH' -> 'Deir al-Balah'-style lookup key: title case, Arabic article kept lower."""
    t = text.title()
    return t.replace("Al-", "al-").replace(" El ", " el ") if t not in ("Al", "El") else t


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
    rule_files = ("places.tsv", "place_words.yaml")

    def __init__(self, nlp: Language, name: str, *, spans_key: str, actors_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.actors_key = actors_key

    def _load_rules(self, rules: Rules) -> None:
        words = rules.yaml("place_words.yaml", PlaceWords)
        self.index = build_gazetteer(rules.text("places.tsv"))
        self.occupied_markers = frozenset(words.occupied_markers)
        self.occupying_verbs = frozenset(words.occupying_verbs)
        self.max_tokens = words.max_tokens

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        chosen = self._matches(doc)
        cands = {s.text: self.index.get(s.text) or self.index.get(_title(s.text)) or self.index.get(_fold(s.text), []) for s in chosen}
        mentioned_regions = {e.admin1 for es in cands.values() for e in es[:1] if e.is_region and e.admin1}
        mentioned_countries = {e.country for es in cands.values() for e in es[:1] if e.is_region and not e.admin1}
        occupied_names = {s.text for s in chosen if self._occupied(s)}
        out = []
        for s in chosen:
            entry = self._resolve(cands[s.text], mentioned_regions, mentioned_countries)
            if entry is None:
                continue
            s._.eventie_place = {
                "name": entry.name,
                "admin1": entry.admin1,
                "country": entry.country,
                "lat": entry.lat,
                "lon": entry.lon,
                "geonameid": entry.geonameid,
                "is_region": entry.is_region,
                "occupied": True if (s.text in occupied_names or entry.name in occupied_names) else None,
            }
            out.append(s)
        set_spans(doc, self.spans_key, out)
        return doc

    def _matches(self, doc: Doc) -> list[Span]:
        """Gazetteer names in the text, longest first at each start, not inside an actor, not overlapping."""
        actors = list(doc.spans[self.actors_key]) if self.actors_key in doc.spans else []
        raw = []
        # Only tokens that start with a capital can start a place name; look those up, longest first,
        # by the exact text they cover (hyphens and apostrophes included). A dict lookup per capitalised
        # token costs far less, at load and at run time, than a 50k-pattern PhraseMatcher.
        flags = doc.to_array([IS_TITLE, IS_UPPER])
        text = doc.text
        n = len(doc)
        for i in np.nonzero(flags.any(axis=1))[0].tolist():
            start_char = doc[i].idx
            for j in range(min(n, i + self.max_tokens) - 1, i - 1, -1):
                end_tok = doc[j]
                if end_tok.is_space:
                    continue
                key = text[start_char : end_tok.idx + len(end_tok)]
                if key not in self.index and key.isupper() and len(key) > 3:
                    key = _title(key)  # datelines: "BEIRUT", "DEIR AL-BALAH"
                if key not in self.index and not key.isascii():
                    key = _fold(key)
                if key in self.index:
                    span = Span(doc, i, j + 1, label="PLACE")
                    if not overlaps(span, actors):
                        raw.append(span)
                    break
        raw = sorted(raw, key=lambda s: (s.start, -(s.end - s.start)))
        chosen: list[Span] = []
        for s in raw:
            if chosen and s.start < chosen[-1].end:
                continue
            chosen.append(s)
        return chosen

    @staticmethod
    def _resolve(cands: list[PlaceEntry], regions: set[str], countries: set[str]) -> PlaceEntry | None:
        if not cands:
            return None
        for e in cands:
            if e.admin1 and e.admin1 in regions and not e.is_region:
                return e
        for e in cands:
            if e.country in countries and not e.is_region:
                return e
        return cands[0]

    def _occupied(self, span: Span) -> bool:
        doc = span.doc
        before = doc[max(span.start - 3, 0) : span.start]
        if any(t.lower_ in self.occupied_markers for t in before) and not any(t.text in {".", ";", "\n"} for t in before):
            return True
        sent = span.sent
        root = span.root
        if root.dep_ in ("nsubjpass", "nsubj") and root.head.lemma_ in self.occupying_verbs:
            return True
        return any(t.lower_ == "occupied" and t.head == root for t in sent)
