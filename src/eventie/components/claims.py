"""Claim detector: attribution cues (who says so, how, where) and hedges (how sure they are).

ConText-style: cue lists live in ``data/cues.jsonl``; the parse supplies each attribution's source
(the subject of "said", the object of "according to") and channel ("on Telegram"). Definite
descriptions used as sources ("the agency") are resolved to the nearest earlier actor of a fitting
kind, so that a claim by "the agency" counts as a claim by HUR.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import labels
from ..resources import channels, cue_rules
from ._common import non_overlapping, set_spans

_ANAPHOR_KINDS = {
    "agency": {"intelligence", "government", "organization"},
    "service": {"intelligence"},
    "ministry": {"government"},
    "military": {"military"},
    "army": {"military"},
    "forces": {"military"},
    "governor": {"government"},
    "mayor": {"government"},
    "administration": {"government"},
    "official": {"government"},
    "officials": {"government"},
    "group": {"armed_group", "partisan"},
    "movement": {"partisan", "armed_group"},
    "militants": {"armed_group"},
    "directorate": {"intelligence"},
}


_INSTITUTIONS = {"military", "government", "intelligence", "armed_group", "organization", "media", "police", "partisan"}
_SPEECH = {"say", "claim", "write", "report", "state", "announce", "confirm", "deny", "tell", "post", "add", "note", "publish", "accuse"}


@Language.factory(
    "eventie_claim_detector",
    assigns=["doc.spans", "doc.spans"],
    requires=["doc.spans"],
    default_config={"attributions_key": labels.ATTRIBUTIONS, "hedges_key": labels.HEDGES, "actors_key": labels.ACTORS},
)
def make_claim_detector(nlp: Language, name: str, attributions_key: str, hedges_key: str, actors_key: str) -> ClaimDetector:
    return ClaimDetector(nlp, name, attributions_key=attributions_key, hedges_key=hedges_key, actors_key=actors_key)


class ClaimDetector:
    def __init__(self, nlp: Language, name: str, *, attributions_key: str, hedges_key: str, actors_key: str) -> None:
        self.name = name
        self.attributions_key = attributions_key
        self.hedges_key = hedges_key
        self.actors_key = actors_key
        self.rules = {}
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in cue_rules():
            key = nlp.vocab.strings.add(rule.id)
            self.rules[key] = rule
            if rule.pattern is not None:
                self.matcher.add(rule.id, [rule.pattern])
            else:
                self.phrases.add(rule.id, [nlp.make_doc(rule.phrase)])
        self.channels = channels()
        self.channel_lower = {k.lower(): v for k, v in self.channels.items() if k not in ("X", "TV")}

    def __call__(self, doc: Doc) -> Doc:
        actors = list(doc.spans[self.actors_key]) if self.actors_key in doc.spans else []
        att, hed = [], []
        for match_id, start, end in list(self.matcher(doc)) + list(self.phrases(doc)):
            rule = self.rules[match_id]
            span = Span(doc, start, end, label=rule.category.upper())
            (att if rule.category == "attribution" else hed).append((span, rule))
        hedge_tokens = {i for span, _ in hed for i in range(span.start, span.end)}
        att_spans = []
        for span, rule in att:
            source = self._source(span, rule.cue)
            if source is not None and any(i in hedge_tokens for i in range(source.start, source.end)):
                continue  # "according to preliminary data" hedges; it names no source
            if rule.cue in ("added", "noted") and source is None:
                continue
            source_name = self._resolve(source, actors) if source is not None else None
            span._.attribution = {
                "cue": rule.cue,
                "source": source.text if source is not None else None,
                "source_start": source.start_char if source is not None else None,
                "source_end": source.end_char if source is not None else None,
                "source_name": source_name.get("name") if source_name else None,
                "source_side": source_name.get("side") if source_name else None,
                "source_kind": source_name.get("kind") if source_name else None,
                "channel": self._channel(span),
                "rule": rule.id,
            }
            att_spans.append(span)
        hed_spans = []
        for span, rule in hed:
            span._.hedge = {"kind": rule.kind, "rule": rule.id}
            hed_spans.append(span)
        set_spans(doc, self.attributions_key, non_overlapping(att_spans))
        set_spans(doc, self.hedges_key, non_overlapping(hed_spans))
        return doc

    @staticmethod
    def _np(tok: Token) -> Span:
        doc = tok.doc
        left = tok.left_edge.i
        right = tok.right_edge.i + 1
        # keep appositive brackets ("agency (HUR)") but stop at a clause or a long tail
        for t in doc[tok.i + 1 : right]:
            if t.dep_ in ("relcl", "acl", "advcl") or t.text in (",", ";", "\u2014") or t.is_space:
                right = t.i
                break
        span = doc[left:right]
        while len(span) and (span[-1].is_punct and span[-1].text not in (")",)):
            span = span[:-1]
        while len(span) and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        return span if len(span) else doc[tok.i : tok.i + 1]

    def _source(self, cue: Span, cue_name: str) -> Span | None:
        if cue_name == "according_to":
            to = cue[-1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and cue.end < len(cue.doc):
                pobj = cue.doc[cue.end]
                if pobj.is_punct:
                    return None
            return self._np(pobj) if pobj is not None else None
        verb = cue.root
        for _ in range(3):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
            if subj is not None:
                if subj.lower_ == "there":
                    return None
                if subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                    return self._np(verb.head)  # "NYK Line, which said ...": the antecedent speaks
                if subj.lower_ in ("which", "that"):
                    return None
                return self._np(subj) if subj.pos_ != "PRON" else verb.doc[subj.i : subj.i + 1]
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                return self._np(pobj) if pobj is not None else None
            # "the agency wrote ..., saying that ...": the participle's speaker is the head verb's subject,
            # but only when that head is itself a speech verb (parses often hang it elsewhere).
            # "X called the strikes ... and said": coordinated verbs share their subject.
            if verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head
                continue
            if verb.dep_ in ("advcl", "xcomp", "acl") and verb.head.i != verb.i and verb.head.lemma_ in _SPEECH:
                verb = verb.head
                continue
            break
        return None

    @staticmethod
    def _resolve(source: Span, actors: list[Span]) -> dict | None:
        head = source.root.lower_
        kinds = _ANAPHOR_KINDS.get(head)
        definite = source.start > 0 and source.doc[source.start - 1].lower_ in ("the", "this", "that")
        if kinds and definite and len(source) <= 2:
            # "the agency" refers back: resolve before looking at what the bare noun itself was tagged as
            earlier = [a for a in actors if a.end <= source.start and (a._.actor or {}).get("kind") in kinds]
            if earlier:
                return earlier[-1]._.actor
        inside = [a for a in actors if a.start >= source.start and a.end <= source.end]
        if inside:
            return inside[0]._.actor
        overlapping = [a for a in actors if a.start < source.end and source.start < a.end]
        if overlapping:
            return overlapping[0]._.actor
        head = source.root.lower_
        if head in ("it", "they") and len(source) == 1:
            # the nearest earlier institution: "The military said ... It said ..."
            orgs = [a for a in actors if a.end <= source.start and (a._.actor or {}).get("kind") in _INSTITUTIONS]
            return orgs[-1]._.actor if orgs else None
        if head in ("he", "she") and len(source) == 1:
            # the nearest earlier named person ("said Umm Mohammed ... She said")
            people = [a for a in actors if a.end <= source.start and a.root.pos_ == "PROPN"]
            return people[-1]._.actor if people else None
        kinds = _ANAPHOR_KINDS.get(head)
        definite = source.start > 0 and source.doc[source.start - 1].lower_ in ("the", "this", "that")
        if kinds and definite:
            earlier = [a for a in actors if a.end <= source.start and (a._.actor or {}).get("kind") in kinds]
            if earlier:
                return earlier[-1]._.actor
        return None

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
            if t.lower_ in self.channel_lower and t.dep_ in ("pobj", "dobj", "nsubj", "compound", "conj"):
                return self.channel_lower[t.lower_]
        return None
