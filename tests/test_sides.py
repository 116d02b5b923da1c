"""Sides the document implies (assembler/sides.py): "the army" in a Sudan story is Sudan's army."""

from __future__ import annotations

import pytest


def _sides(nlp, text):
    doc = nlp(text)
    return [(s.text, s._.eventie_actor.get("side"), s._.eventie_actor.get("side_from")) for s in doc.spans["eventie_actors"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the nearest earlier actor of the same kind names the side
        (
            "Sudanese troops shelled a market in Omdurman on Friday, and the army said soldiers had repelled an attack.",
            [("Sudanese troops", "Sudan", None), ("army", "Sudan", "document"), ("soldiers", "Sudan", "document")],
        ),
        # else the country the places lie in; gunmen and villagers get no side from the map
        (
            "Gunmen killed three villagers in Idlib on Sunday, the army said.",
            [("Gunmen", None, None), ("villagers", None, None), ("army", "Syria", "document")],
        ),
        # an actor whose words name a side keeps it
        (
            "Russian soldiers fired on a car near Kherson on Tuesday.",
            [("Russian soldiers", "Russia", None)],
        ),
    ],
)
def test_document_fills_sides_of_generic_forces(nlp, text, expected):
    assert _sides(nlp, text) == expected


def test_army_said_rests_on_a_party(nlp):
    doc = nlp("Gunmen killed three villagers in Idlib on Sunday, the army said.")
    (event,) = doc._.eventie_events
    assert event["certainty"] == "claimed"


DEMONYMS = {"Ukrainian": "Ukraine", "Russian": "Russia", "Houthi": "Houthis"}


@pytest.mark.parametrize(
    "text, side",
    [("Ukrainians", "Ukraine"), ("Houthi-run ministry", "Houthis"), ("Russia's army", "Russia"), ("local residents", None)],
)
def test_own_words_read_plurals_and_hyphens(text, side):
    import spacy

    from eventie.components.assembler.sides import own_side

    doc = spacy.blank("en")(text)
    assert own_side(doc[:], DEMONYMS) == side


def test_office_with_no_kind_takes_the_home_side_but_gives_no_source_side(rules):
    import spacy
    from spacy.tokens import Span

    from eventie import labels
    from eventie.components.assembler.sides import fill_sides
    from eventie.rules import AssemblerRules, packaged_rules, parse_yaml

    r = parse_yaml("assembler.yaml", packaged_rules(["assembler.yaml"])["assembler.yaml"], AssemblerRules)
    doc = spacy.blank("en")("The ministry said a missile hit Kharkiv.")
    place = Span(doc, 6, 7, label="PLACE")
    place._.eventie_place = {"name": "Kharkiv", "country": "Ukraine"}
    actor = Span(doc, 1, 2, label="ACTOR")
    actor._.eventie_actor = {"name": "ministry", "side": None, "kind": None, "rule": "NER"}
    att = Span(doc, 2, 3, label="ATTRIBUTION")
    att._.eventie_attribution = {"cue": "said", "source": "The ministry", "source_start": 0, "source_end": 12, "source_side": None}
    doc.spans[labels.PLACES], doc.spans[labels.ACTORS], doc.spans[labels.ATTRIBUTIONS] = [place], [actor], [att]
    fill_sides(doc, DEMONYMS | {"Ukrainian": "Ukraine"}, r)
    assert (actor._.eventie_actor["side"], actor._.eventie_actor["side_from"]) == ("Ukraine", "document")
    assert att._.eventie_attribution["source_side"] is None
