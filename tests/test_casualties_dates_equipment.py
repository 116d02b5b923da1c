"""Error classes seen on real reporting, on sentences written for eventie.

Each case is one class of casualty, date or equipment reading (a toll stated with a copula, a harm verb
right before a bounded count, a breakdown "including two children", a headline restating the body's
count, ...), with the exact values asserted on the rules-only pipeline.
"""

from __future__ import annotations

import datetime as dt

import pytest

import eventie
from eventie import labels


def _casualties(doc):
    out = []
    for s in doc.spans[labels.CASUALTIES]:
        assert doc.text[s.start_char : s.end_char] == s.text
        info = s._.eventie_casualty
        out.append((s.text, info["kind"], info["min"], info["max"]))
    return out


# --- casualties -------------------------------------------------------------------------------------
COUNTS = [
    # a toll stated with a copula or "of": "the toll was more than 40"
    ("Army officials said the death toll from the ambush was more than 40.", ("more than 40", "killed", 41, None)),
    ("The regional governor said the toll of the blast was 23.", ("23", "killed", 23, 23)),
    ("Medics put the toll of the attack at 15, up from an earlier count of 9.", ("9", "killed", 9, 9)),
    # a harm verb right before a bounded count governs it, not the outcome word after it
    ("Officials fear the bombardment killed as many as 17 villagers with over 40 wounded.", ("killed as many as 17 villagers", "killed", 0, 17)),
    ("The strike killed up to 12 fighters, with 20 more hurt.", ("killed up to 12 fighters", "killed", 0, 12)),
    # a participle between the count and the victim noun: "nine suspected militants"
    ("A drone strike on Tuesday killed at least seven suspected insurgents in the valley.", ("killed at least seven suspected insurgents", "killed", 7, None)),
    ("Troops killed four armed men near the border post.", ("killed four armed men", "killed", 4, 4)),
    # "no damage or casualties": nobody harmed
    ("Local officials reported no damage or casualties after the drone attack.", ("no damage or casualties", "killed", 0, 0)),
    # a part with its own outcome word stays: "casualties, including 40 killed"
    ("Monitors recorded 150 civilian casualties last week, including 40 killed.", ("40 killed", "killed", 40, 40)),
    # one named person's death through "of"; occupations count as victims
    ("The raid resulted in the death of Abu Khalid al-Masri, a senior commander.", ("death of Abu Khalid al-Masri", "killed", 1, 1)),
    ("A newspaper reporter was shot dead outside her office on Friday.", ("A newspaper reporter was shot", "killed", 1, 1)),
]


@pytest.mark.parametrize("text,expected", COUNTS)
def test_count_classes(nlp, text, expected):
    doc = nlp(text)
    assert expected in _casualties(doc)


BREAKDOWNS = [
    # the breakdown after "including" is part of the larger count, not a second toll
    ("Shelling hit the town overnight: one man was killed and five were injured, including two boys.",
     [("one man was killed", "killed", 1, 1), ("five were injured", "injured", 5, 5)]),
    ("Five people, including three children, were killed in the strike on the village.", [("Five people", "killed", 5, 5)]),
    ("The rocket hit the depot, leaving at least 14 dead (including 3 firefighters) and 20 wounded.",
     [("at least 14 dead", "killed", 14, None), ("20 wounded", "injured", 20, 20)]),
    # "N were among the dead" is a part of a toll
    ("Rescuers said 31 people were killed. At least four children were among the dead.", [("31 people were killed", "killed", 31, 31)]),
    # the ages of victims in a breakdown are not counts ("aged 7 and 12" is two ages, not 12 injured)
    ("Shelling of the market left at least 9 dead (including 2 girls aged 7 and 12) and about 40 hurt.",
     [("at least 9 dead", "killed", 9, None), ("about 40 hurt", "injured", 40, 40)]),
    ("A mortar round wounded four children aged 3, 5 and 9 in the courtyard of their home.",
     [("wounded four children", "injured", 4, 4)]),
]


@pytest.mark.parametrize("text,expected", BREAKDOWNS)
def test_breakdowns_are_not_second_tolls(nlp, text, expected):
    doc = nlp(text)
    assert _casualties(doc) == expected


def test_death_of_two_named_people_is_not_one(nlp):
    doc = nlp("The death of Omar Said and his deputy was confirmed on Friday.")
    assert _casualties(doc) == []


def test_headline_count_gives_way_to_the_body(rules):
    text = "Car bomb kills 9 in market town\nA car bomb killed at least nine people in the market on Sunday, police said."
    counts = [(c.text, c.min, c.max) for e in rules.extract(text) for c in e.casualties]
    assert counts == [("killed at least nine people", 9, None)]


def test_headline_count_kept_when_the_body_has_none(rules):
    text = "Car bomb kills 9 in market town\nA car bomb exploded in the market on Sunday, police said."
    counts = [(c.text, c.min, c.max) for e in rules.extract(text) for c in e.casualties]
    assert counts == [("kills 9", 9, 9)]


# --- equipment --------------------------------------------------------------------------------------
def _equipment(doc):
    return [(s.text, s._.eventie_equipment["name"]) for s in doc.spans[labels.EQUIPMENT]]


EQUIPMENT = [
    # designations ending in a digit pluralise with a bare "s"
    ("Two MQ-9s struck a vehicle carrying the commander.", ("MQ-9s", "MQ-9 Reaper")),
    ("Four RAF Typhoon FGR4s took part in the raid on the depot.", ("Typhoon FGR4s", "Eurofighter Typhoon")),
    ("The Typhoons dropped Paveway IV bombs on the launch sites.", ("Typhoons", "Eurofighter Typhoon")),
    ("The Typhoons dropped Paveway IV bombs on the launch sites.", ("Paveway IV bombs", "Paveway IV")),
    # bare "air defence" as an object is equipment
    ("The allies pledged to strengthen Ukraine's air defence before winter.", ("air defence", "air defence system")),
    ("Ukrainian air defence systems shot down 20 drones overnight.", ("air defence systems", "air defence system")),
]


@pytest.mark.parametrize("text,expected", EQUIPMENT)
def test_equipment_found(nlp, text, expected):
    doc = nlp(text)
    assert expected in _equipment(doc)


@pytest.mark.parametrize(
    "text,word",
    [
        # a suicide bomber is a person, not a bomber aircraft
        ("A suicide bomber blew himself up at the checkpoint, killing two guards.", "bomber"),
        ("Two suicide bombers attacked the police station in the town.", "bombers"),
        # bare "air defence" as the subject or in "the work of" names the force, an actor
        ("Russian air defence shot down eight drones over the region, the governor said.", "air defence"),
        ("Residents said the explosions overnight were the work of local air defence.", "air defence"),
    ],
)
def test_not_equipment(nlp, text, word):
    doc = nlp(text)
    assert not any(word in s.text for s in doc.spans[labels.EQUIPMENT])


@pytest.mark.parametrize(
    "text,expected",
    [
        # a road vehicle charged with explosives is one weapon, a car bomb, and "explosives" no second one
        ("A motorbike packed with explosives blew up outside a market in Gao on Friday.", [("motorbike packed with explosives", "car bomb")]),
        ("Gunmen rammed a car filled with homemade explosives into the hotel gate.", [("car filled with homemade explosives", "car bomb")]),
        ("An explosives-laden van struck the convoy near the bridge.", [("explosives-laden van", "car bomb")]),
        # any other carrier keeps its own name
        ("The cartel hit the checkpoint with explosive-laden drones.", [("explosive-laden drones", "drone")]),
    ],
)
def test_a_carrier_charged_with_explosives_is_one_weapon(nlp, text, expected):
    assert _equipment(nlp(text)) == expected


# --- dates ------------------------------------------------------------------------------------------
DATES = [
    # a part of the day framed by "of" is that day, one date
    ("Jets bombed the warehouse on the night of 17 January.", ("the night of 17 January", "2024-01-17")),
    ("The town was shelled in the early hours of Monday.", ("the early hours of Monday", "2024-01-29")),
    ("The convoy was ambushed on the morning of 2 February.", ("the morning of 2 February", "2024-02-02")),
    # a possessive weekday: a backtick keeps it one token, a curly apostrophe splits it off
    ("Police said Thursday`s attack occurred near the market.", ("Thursday`s", "2024-02-01")),
    ("Police said Thursday\u2019s attack occurred near the market.", ("Thursday", "2024-02-01")),
]


@pytest.mark.parametrize("text,expected", DATES)
def test_dates(rules, text, expected):
    doc = rules.nlp(rules._make_doc(text, dt.date(2024, 2, 3)))
    assert [(s.text, s._.eventie_date["value"]) for s in doc.spans[labels.DATES]] == [expected]


def test_a_number_that_is_not_a_death_toll_is_not_killed(nlp):
    doc = nlp("Rebels detained three more aid workers, bringing the number held by the group to 14.")
    assert ("14", "killed", 14, 14) not in _casualties(doc)


def test_the_bomber_after_a_suicide_bomber_is_the_person_not_an_aircraft():
    text = ("A suicide bomber blew himself up at a checkpoint in Baidoa on Friday, killing three guards. "
            "Witnesses said the bomber's motorbike had waited near the gate for an hour.")
    names = [q.name for e in eventie.extract(text) for q in e.equipment]
    assert "aircraft" not in names


def test_a_named_bomber_stays_an_aircraft_in_a_report_with_a_suicide_bomber():
    text = "A suicide bomber struck a market in Gwoza. In a separate attack, a Tu-22M3 bomber fired missiles at Izmail."
    names = [q.name for e in eventie.extract(text) for q in e.equipment]
    assert "Tu-22M3" in names


def test_an_unmanned_aircraft_is_the_drone_of_the_same_strike():
    text = ("A suspected drone strike on Saturday killed four militants in the Kurram district, officials said. "
            "Witnesses said an unmanned aircraft launched two rockets at a farmhouse.")
    names = [q.name for e in eventie.extract(text) for q in e.equipment]
    assert names.count("drone") == 1 and "aircraft" not in names
