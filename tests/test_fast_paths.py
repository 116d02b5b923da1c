"""Speed rewrites that must decide exactly what the code they replaced decided (docs/performance.md)."""

from __future__ import annotations

import re

import pytest

from eventie.components.assembler.document import SentenceFilters

SENTENCES = [
    "Shelling has been reported since the start of the war in the region.",
    "Drones often strike the port at night.",
    "The strike killed two people on Tuesday.",
    "They have been shelling the town since March.",
    "Officials said the ministry would be reviewing its plans.",
    "Nobody was hurt, the governor said, though often-repeated claims circulated.",
]


def _one_by_one(ctx: dict) -> list[re.Pattern]:
    """The filters as the assembler compiled them before: one search per marker and per pattern."""
    return [re.compile(r"\b" + re.escape(m.lower()) + r"\b") for m in ctx["background_markers"]] + [
        re.compile(p, re.I) for p in ctx["background_patterns"]]


@pytest.mark.parametrize("ctx", [
    {"background_markers": ["often", "since then", "would be", "a series of"],
     "background_patterns": [r"\bsince (march|april)\b", r"\b(has|have) been (shelling|striking)\b"]},
    {"background_markers": ["often"], "background_patterns": [r"\b(has|have) been (\w+) and \2\b", r"since march"]},
    {"background_markers": [], "background_patterns": []},
])
def test_background_alternation_decides_as_each_filter(ctx):
    filters = SentenceFilters.from_context(dict(ctx, boilerplate_markers=[], context_clause_openers=[]))
    for sent in SENTENCES + ["they have been shelling and shelling it"]:
        low = sent.lower()
        assert any(p.search(low) for p in filters.background) == any(p.search(low) for p in _one_by_one(ctx)), sent
    if len(ctx["background_markers"]) > 1:
        assert len(filters.background) <= 1 + len(ctx["background_patterns"]) < len(_one_by_one(ctx))


def test_background_filters_of_the_packaged_rules_are_two_searches(rules):
    assembler = rules.nlp.get_pipe("eventie_event_assembler")
    assert len(assembler.filters.background) == 2


@pytest.mark.parametrize("text", ["Kharkiv", "KHARKIV", "DEIR AL-BALAH", "El-Fasher", "Khān Yūnis", "Bogotá", "Nowhere Zqx",
                                  "Tuz-Khurmatu", "AL", "Rafah", "RAFAH, Gaza"])
def test_place_lookup_matches_key_then_lookup(nlp, text):
    tagger = nlp.get_pipe("eventie_place_tagger")
    assert tagger._known(text) == (tagger._key(text) in tagger.gaz)


def _bundled_texts(n: int = 40) -> list[str]:
    import json
    from importlib import resources

    test = resources.files("eventie").joinpath("data", "testset", "test.jsonl").read_text(encoding="utf-8")
    return [json.loads(line)["text"] for line in test.splitlines() if line.strip()][:n]


@pytest.mark.parametrize("component", ["eventie_actor_tagger", "eventie_claim_detector", "eventie_trigger_tagger"])
def test_components_anchored_matchers_find_what_spacys_matcher_finds(nlp, component):
    """The rule components' own patterns (ORTH anchors and ``{0,2}`` slots included) on the bundled texts:
    the same matches, in the same order, as spaCy's Matcher over the whole Doc."""
    from spacy.matcher import Matcher

    anchored = nlp.get_pipe(component).matcher
    assert not anchored.whole_doc  # every pattern has an anchor: the shortcut is on
    plain = Matcher(nlp.vocab)
    for key, patterns in anchored.matcher._patterns.items():  # in the order they were added
        plain.add(key, patterns)
    before = nlp.pipe_names[: nlp.pipe_names.index(component)]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(_bundled_texts()))
    assert len(plain)
    for doc in docs:
        assert anchored(doc) == list(plain(doc)), doc.text[:60]


@pytest.mark.parametrize("op,most", [(None, 1), ("!", 1), ("?", 1), ("{2}", 2), ("{0,2}", 2), ("{,3}", 3), ("*", None),
                                     ("+", None), ("{1,}", None)])
def test_most_tokens_of_a_slot(op, most):
    from eventie.components._common import _most_tokens

    assert _most_tokens(op) == most


def test_sentences_between_by_starts_counts_as_the_walk(nlp):
    """``_sents_between`` with the document's sentence starts (binary search) answers what the walk over
    ``Token.sent`` answers, for every pair of sentence-initial and inner token spans, either order."""
    from eventie.components.speakers import _sents_between, sentence_starts

    for doc in nlp.pipe(_bundled_texts(12)):
        starts = sentence_starts(doc)
        assert starts is not None
        points = sorted({i for s in doc.sents for i in (s.start, (s.start + s.end) // 2, s.end - 1)})
        spans = [doc[i : i + 1] for i in points]
        for a in spans:
            for b in spans:
                assert _sents_between(a, b, starts) == _sents_between(a, b), (a.start, b.start)
