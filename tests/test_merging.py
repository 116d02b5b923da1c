"""Follow-ups that tell the incident before them (assembler/merging.py), on the rule pipeline.

Sentences are written for these tests. Each case pairs a follow-up that joins the latest event with one that
stays an incident of its own, so that a rule that merges too much fails as surely as one that merges too little.
"""

from __future__ import annotations

import pytest

STRIKE = "An air strike flattened a family home in Nuseirat on Tuesday, killing seven people, hospital staff said. "
DRONES = "Russian drones attacked Sumy late on Thursday, the regional administration said. "


def _events(nlp, text: str) -> list[tuple[str, list[str]]]:
    doc = nlp(text)
    return [(e["location"]["name"], sorted(a["name"] for a in e["actors"] if a["role"] == "perpetrator")) for e in doc._.eventie_events]


@pytest.mark.parametrize(
    "claim, expected",
    [
        # "central Gaza" is the claimant's word for the site a few kilometres away: one strike, with its attacker
        ("The Israeli military said its aircraft had struck a Hamas militant in central Gaza.", [("An Nusayrat", ["IDF"])]),
        # a strike elsewhere reported in between does not hide the one the claim is near
        ("In the West Bank, a drone struck a car in Jenin. The Israeli military said its aircraft had struck a Hamas militant in central Gaza.",
         [("An Nusayrat", ["IDF"]), ("Janin", [])]),
        # a claim placed in a town a hundred kilometres away is a strike of its own
        ("The Israeli military said its aircraft had struck a Hamas militant in Jenin.", [("An Nusayrat", []), ("Janin", ["IDF"])]),
    ],
)
def test_a_partys_claim_of_its_own_strike_nearby_tells_the_reported_strike(nlp, claim, expected):
    assert _events(nlp, STRIKE + claim) == expected


@pytest.mark.parametrize(
    "follow_up, sites",
    [
        # a consequence of no type of its own in a district of the city is the attack on the city
        ("Debris wounded a woman in the Zarichnyi district.", ["Sumy"]),
        # the same consequence in a town 70 km away is another incident
        ("Debris wounded a woman in Okhtyrka.", ["Sumy", "Okhtyrka"]),
        # and a strike of its own kind in the district is one too
        ("A drone hit a school in the Zarichnyi district.", ["Sumy", "Zarichnyi"]),
    ],
)
def test_a_consequence_at_a_nearby_settlement_tells_the_latest_remote_attack(nlp, follow_up, sites):
    assert [site for site, _ in _events(nlp, DRONES + follow_up)] == sites
