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
