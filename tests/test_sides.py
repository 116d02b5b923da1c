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


def _fill(text: str, actors: list[tuple[int, int, str | None, str | None]], places=(), atts=()) -> list[tuple[str, str | None, str | None]]:
    """fill_sides on a blank-tokenised doc with hand-made spans: (start, end, side, kind) token ranges."""
    import spacy
    from spacy.tokens import Span

    from eventie import labels
    from eventie.components.assembler.sides import fill_sides
    from eventie.rules import AssemblerRules, packaged_rules, parse_yaml

    r = parse_yaml("assembler.yaml", packaged_rules(["assembler.yaml"])["assembler.yaml"], AssemblerRules)
    doc = spacy.blank("en")(text)
    spans = []
    for i, j, side, kind in actors:
        s = Span(doc, i, j, label="ACTOR")
        s._.eventie_actor = {"name": s.text, "side": side, "kind": kind, "rule": "NER"}
        spans.append(s)
    place_spans = []
    for i, j, country in places:
        p = Span(doc, i, j, label="PLACE")
        p._.eventie_place = {"name": p.text, "country": country}
        place_spans.append(p)
    att_spans = []
    for i, j, side in atts:
        a = Span(doc, i, j, label="ATTRIBUTION")
        a._.eventie_attribution = {"cue": "said", "source": None, "source_start": None, "source_side": side}
        att_spans.append(a)
    doc.spans[labels.ACTORS], doc.spans[labels.PLACES], doc.spans[labels.ATTRIBUTIONS] = spans, place_spans, att_spans
    fill_sides(doc, DEMONYMS | {"Sudanese": "Sudan", "Somali": "Somalia"}, r)
    return [(s.text, s._.eventie_actor["side"], s._.eventie_actor.get("side_from")) for s in spans]


def test_its_forces_take_the_owners_side_not_the_home_country():
    # rule owner: "its" is the nearest earlier sided actor, though the places lie in Ukraine
    got = _fill("Russia's Defence Ministry said its forces struck Kharkiv .", [(0, 4, "Russia", "military"), (6, 7, None, "military")], places=[(8, 9, "Ukraine")])
    assert got[1] == ("forces", "Russia", "owner")


def test_our_troops_take_the_speakers_side():
    # rule owner, first person: the side of the sentence's sided speaker
    got = _fill('" Our troops held the line , " the commander of Brigade 14 said .', [(2, 3, None, "military")], atts=[(13, 14, "Ukraine")])
    assert got[0] == ("troops", "Ukraine", "owner")


def test_the_groups_fighters_take_the_side_before_the_possessive():
    got = _fill("The RSF 's fighters entered Tawila .", [(1, 2, "RSF", "armed_group"), (3, 4, None, "military")], places=[(5, 6, "Sudan")])
    assert got[1] == ("fighters", "RSF", "owner")


def test_its_staff_are_no_force_and_take_no_owner_side():
    got = _fill("Relief Aid said nine of its staff were killed .", [(0, 2, None, "organization"), (6, 7, None, None)])
    assert got[1] == ("staff", None, None)


def test_a_capital_that_speaks_is_its_state():
    # rule words: metonym_sides
    assert _fill("Kyiv says it hit a depot .", [(0, 1, None, None)])[0] == ("Kyiv", "Ukraine", "words")


def test_a_monitor_named_after_a_country_has_no_side():
    # side_free_words: the country's name only locates the observatory
    assert _fill("The Sudanese Observatory for Victims said 40 died .", [(1, 5, None, None)])[0][1] is None


def test_the_enemy_is_the_other_side_of_the_speaker():
    # rule enemy: the speaker rests on Ukraine, so the enemy is the document's other side
    got = _fill(
        "Russian troops shelled Kupiansk . The enemy attacked nine times , the brigade said .",
        [(0, 2, "Russia", "military"), (6, 7, None, "military")],
        places=[(3, 4, "Ukraine")],
        atts=[(13, 14, "Ukraine")],
    )
    assert got[1] == ("enemy", "Russia", "enemy")


def test_the_ministry_is_the_ministry_named_before():
    # rule document, head-noun anaphora: not the home country (Ukraine) of the places
    got = _fill(
        "Russia 's Defence Ministry said it took Avdiivka . The ministry gave no figures .",
        [(0, 4, "Russia", "government"), (10, 11, None, None)],
        places=[(7, 8, "Ukraine")],
    )
    assert got[1] == ("ministry", "Russia", "document")


def test_attackers_follow_the_armed_group_named_before():
    got = _fill(
        "JNIM fighters raided Djibo . The army said 20 attackers were killed .",
        [(0, 2, "JNIM", "armed_group"), (6, 7, None, "military"), (9, 10, None, None)],
        places=[(3, 4, "Burkina Faso")],
    )
    assert got[2] == ("attackers", "JNIM", "document")


def test_a_filled_side_does_not_become_the_kinds_side():
    # "its fighters" are the group's, but the next "soldiers" are still the home army's
    got = _fill(
        "The group said its fighters killed 17 soldiers in Somalia .",
        [(0, 2, "al-Shabaab", "armed_group"), (4, 5, None, "military"), (7, 8, None, "military")],
        places=[(9, 10, "Somalia")],
    )
    assert got[1:] == [("fighters", "al-Shabaab", "owner"), ("soldiers", "Somalia", "document")]


def test_a_surname_takes_the_side_of_the_full_name_before():
    # rule linked, surname: "Horbenko" is the "Vasyl Horbenko" named with a side earlier
    got = _fill(
        "Vasyl Horbenko of Ukraine said two died . Horbenko added that a school burned .",
        [(0, 2, "Ukraine", None), (8, 9, None, None)],
    )
    assert got[1] == ("Horbenko", "Ukraine", "linked")


def test_a_generic_actor_split_from_its_group_takes_the_groups_side():
    # rule linked, adjacent: the NER cut "Sahel Front (SF) fighters" into the group and "fighters"
    got = _fill(
        "Sahel Front ( SF ) fighters raided Dori .",
        [(0, 2, "Sahel Front", "armed_group"), (3, 4, "Sahel Front", "armed_group"), (5, 6, None, "military")],
        places=[(7, 8, "Burkina Faso")],
    )
    assert got[2] == ("fighters", "Sahel Front", "linked")


def test_people_tied_to_a_place_are_no_party():
    # unlinked_heads: residents and crews named with a place or a nationality get no side from it
    got = _fill("Two crew members , all Syrian citizens , were hurt .", [(1, 3, None, None)])
    assert got[0] == ("crew members", None, None)


@pytest.mark.parametrize(
    "text, actor, side",
    [
        # rule linked, apposition: the appositive names the state through a possessive
        ("Oleg Varnikov, governor of Russia's Kursk region, said a drone hit a depot.", "Oleg Varnikov", "Russia"),
        # rule linked, "from" phrase: the fighters are the named group's
        ("Fighters from the group al-Shabab attacked a base in Somalia on Monday.", "Fighters", "al-Shabaab"),
    ],
)
def test_an_apposition_or_a_from_phrase_names_the_side(trained, text, actor, side):
    # the shipped pipeline: its NER finds the names and the generic mentions the rules do not
    doc = trained.nlp(text)
    got = {s.text: s._.eventie_actor.get("side") for s in doc.spans["eventie_actors"]}
    assert got.get(actor) == side, got


def test_several_word_side_names_are_read_as_one():
    import spacy

    from eventie.components._common import Sides
    from eventie.rules import Rules, packaged_rules

    sides = Sides(Rules(packaged_rules(["demonyms.csv"]), "test"))
    doc = spacy.blank("en")("officials of the United States and Burkina Faso")
    assert sides.of_tokens(doc[3:5]) == "United States"
    assert sides.of_tokens(doc[6:8]) == "Burkina Faso"


def test_a_headline_militant_takes_the_group_named_below():
    # rule document, armed groups: no group before the headline's "militants", so the first one after
    got = _fill(
        "Militants raid a post . The Sahel Front said it attacked the post in Dori .",
        [(0, 1, None, "armed_group"), (5, 7, "Sahel Front", "armed_group")],
        places=[(13, 14, "Burkina Faso")],
    )
    assert got[0] == ("Militants", "Sahel Front", "document")


def test_a_state_body_of_no_kind_takes_the_home_side():
    # state_words: a regional administration in a story set in Ukraine is Ukraine's
    got = _fill("The regional administration said a drone hit Sumy .", [(1, 3, None, None)], places=[(8, 9, "Ukraine")])
    assert got[0] == ("regional administration", "Ukraine", "document")


def test_its_teams_take_the_owners_side():
    # owner_heads: rescue teams and crews are the owner's
    got = _fill("Ukraine 's emergency service said its teams found two bodies .", [(0, 4, "Ukraine", None), (6, 7, None, None)])
    assert got[1] == ("teams", "Ukraine", "owner")


def test_unowned_air_defences_are_the_speakers(trained):
    # rule document, owner_heads with a sided speaker in the sentence: the speaker's air defences
    doc = trained.nlp("Russia's Defence Ministry said air defences had shot down 12 drones over the Kursk region.")
    got = {s.text: s._.eventie_actor.get("side") for s in doc.spans["eventie_actors"]}
    assert got.get("air defences") == "Russia", got


def test_a_capital_before_a_common_noun_is_its_state():
    # rule words, metonym_sides: "the Kyiv regime" in a Russian statement is Ukraine
    assert _fill("The Kyiv regime shelled a school .", [(1, 3, None, None)])[0] == ("Kyiv regime", "Ukraine", "words")


def test_an_apposition_to_a_place_climbs_to_the_office(trained):
    # the parse hangs the name on the region; its side is the office's ("Russian-installed head")
    doc = trained.nlp("The Russian-installed head of the occupied part of Zaporizhzhia region, Oleg Marchuk, said Ukrainian troops shelled Vasylivka.")
    got = {s.text: s._.eventie_actor.get("side") for s in doc.spans["eventie_actors"]}
    assert got.get("Oleg Marchuk", got.get("Marchuk")) == "Russia", got


def test_a_place_before_an_office_names_its_state():
    # rule document, place_side: a governor of a region in Russia is Russia's, whatever country the story is in
    got = _fill(
        "Drones hit Sumy . Belgorod governor Ivan Petrenko said two died .",
        [(5, 7, None, "government")],
        places=[(2, 3, "Ukraine"), (4, 5, "Russia")],
    )
    assert got[0] == ("governor Ivan", "Russia", "document")


def test_a_capitals_forces_are_its_states():
    assert _fill("Moscow 's forces edged closer .", [(0, 3, None, "military")])[0] == ("Moscow 's forces", "Russia", "words")


def test_prisoners_take_no_side_from_the_document():
    # no_fill_words: the prisoners of a swap are no party of the story's places
    got = _fill("Kyiv and Moscow swapped 90 prisoners in Sumy .", [(5, 6, None, "military")], places=[(7, 8, "Ukraine")])
    assert got[0] == ("prisoners", None, None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # rule linked, premods: the title words left of the name, whether or not the NER's span holds them
        ("Russian-installed Kherson governor Pavel Dorin said two drones fell on Nova Kakhovka. Dorin said no one was hurt.", "Dorin"),
        # rule linked, apposition: "Moscow-appointed" names the state; Crimea only locates the office
        ("Viktor Salnikov, the Moscow-appointed head of Crimea, said two drones were shot down.", "Salnikov"),
    ],
)
def test_an_officials_title_or_apposition_names_the_state(trained, text, name):
    doc = trained.nlp(text)
    got = [(s.text, s._.eventie_actor.get("side")) for s in doc.spans["eventie_actors"] if name in s.text]
    assert got and all(side == "Russia" for _, side in got), got


def test_a_lone_attacker_follows_the_group_named_before():
    # side_follow_words: "attacker" as "attackers"
    got = _fill(
        "The Sahel Front claimed the raid . One attacker was killed .",
        [(1, 3, "Sahel Front", "armed_group"), (8, 9, None, None)],
    )
    assert got[1] == ("attacker", "Sahel Front", "document")


def test_the_enemy_of_a_bulletin_naming_no_other_actor_is_the_side_its_words_name():
    # rule enemy, fallback: no other sided actor, so the demonyms of the text ("Russian drones") name the foe
    got = _fill(
        "Our troops held Oskil . The enemy launched 40 Russian drones at Kupiansk .",
        [(1, 2, "Ukraine", "military"), (6, 7, None, "military")],
        places=[(3, 4, "Ukraine"), (12, 13, "Ukraine")],
    )
    assert got[1] == ("enemy", "Russia", "enemy")


def _side_of(nlp, text: str, actor: str) -> str | None:
    return next(side for name, side, _how in _sides(nlp, text) if name == actor)


@pytest.mark.parametrize(
    "text, actor, side",
    [
        # the gazetteer spells the country "Democratic Republic of the Congo", the side is "DR Congo"
        ("Fighting went on near Sake in North Kivu, and the army said it had pushed the rebels back.", "army", "DR Congo"),
        # Gaza's authorities are coded by the movement that runs them, not by a state of the map
        ("An air strike hit a house in Khan Younis, and the military said it had targeted a commander.", "military", None),
    ],
)
def test_a_places_country_names_its_side_by_the_sides_spelling(trained, text, actor, side):
    assert _side_of(trained.nlp, text, actor) == side


@pytest.mark.parametrize(
    "text, actor",
    [
        ("A Britain-based monitor said 14 fighters were killed in the clashes near Aleppo.", "Britain-based monitor"),
        ("The Sudanese Doctors Network said shelling killed nine people in El Fasher.", "Sudanese Doctors Network"),
    ],
)
def test_a_name_that_only_locates_a_monitor_gives_it_no_side(trained, text, actor):
    assert _side_of(trained.nlp, text, actor) is None
