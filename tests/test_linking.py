"""Actors and weapons across events (assembler/linking.py) and the NER actor spans the tagger cleans (actors.py).

Sentences and places here are written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from eventie import labels
from eventie.components.assembler.linking import link_actors
from eventie.rules import AssemblerRules

DEMONYMS = {"Russian": "Russia", "Houthi": "Houthis"}


class _Rules:
    """The two assembler rules linking reads."""

    generic_rules = frozenset({"DEMONYM_PERSONNEL", "BARE_PERSONNEL", "NER", "DEMONYM_ATTACK"})
    linked_force_kinds = frozenset({"military", "police"})
    linked_people_kinds = frozenset({"civilian"})
    linked_people_heads = ["civilian", "people", "person"]


def _doc(words: list[str], lemmas: list[str], actors: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(Vocab(), words=words, lemmas=lemmas)
    spans = []
    for start, end, rule in actors:
        span = Span(doc, start, end, label="ACTOR")
        span._.eventie_actor = {"name": span.text, "side": None, "kind": None, "rule": rule}
        spans.append(span)
    doc.spans[labels.ACTORS] = spans
    return doc


def _actor(doc: Doc, i: int, name: str, role: str, side: str | None = None, kind: str | None = None) -> dict:
    tok = doc[i : i + 1]
    ev = {"text": tok.text, "start": tok.start_char, "end": tok.end_char}
    return {**ev, "name": name, "role": role, "side": side, "kind": kind, "mentions": [ev]}


def test_bare_adjective_is_the_country_of_the_document():
    # "Russia shelled Zorivka . Russian drones hit Kelmy ."
    words = ["Russia", "shelled", "Zorivka", ".", "Russian", "drones", "hit", "Kelmy", "."]
    doc = _doc(words, [w.lower() for w in words], [(0, 1, "NER")])
    first = _actor(doc, 0, "Russia", "perpetrator", "Russia", "government")
    second = _actor(doc, 4, "Russian forces", "perpetrator", "Russia", "military")
    link_actors(doc, [{"actors": [first]}, {"actors": [second]}], DEMONYMS, _Rules())
    assert second["text"] == "Russia" and second["start"] == 0
    assert second["name"] == "Russia" and second["role"] == "perpetrator"
    assert [m["text"] for m in second["mentions"]] == ["Russian"]  # its own mention stays


def test_named_actor_is_written_one_way_in_every_event():
    # "A Houthi drone struck a tanker . The Houthis fired again ."
    words = ["A", "Houthi", "drone", "struck", "a", "tanker", ".", "The", "Houthis", "fired", "again", "."]
    doc = _doc(words, [w.lower() for w in words], [(1, 2, "houthis"), (8, 9, "houthis")])
    first = _actor(doc, 1, "Houthis", "perpetrator", "Houthis", "armed_group")
    second = _actor(doc, 8, "Houthis", "perpetrator", "Houthis", "armed_group")
    link_actors(doc, [{"actors": [first]}, {"actors": [second]}], DEMONYMS, _Rules())
    assert first["text"] == second["text"] == "Houthis"


@pytest.mark.parametrize(
    "words, lemmas, linked",
    [
        # two descriptions of victims with one head noun are one group
        (["Civilians", "died", "in", "Orlivka", ".", "Shelling", "killed", "civilians", "."],
         ["civilian", "die", "in", "orlivka", ".", "shelling", "kill", "civilian", "."], True),
        # the civilians of one report are one victim, whatever each sentence calls them
        (["People", "died", "in", "Orlivka", ".", "Shelling", "killed", "children", "."],
         ["people", "die", "in", "orlivka", ".", "shelling", "kill", "child", "."], True),
    ],
)
def test_unnamed_victims_of_one_report_are_one(words, lemmas, linked):
    doc = _doc(words, lemmas, [(0, 1, "NER"), (7, 8, "NER")])
    first = _actor(doc, 0, "civilians", "target", None, "civilian")
    second = _actor(doc, 7, "civilians", "target", None, "civilian")
    link_actors(doc, [{"actors": [first]}, {"actors": [second]}], DEMONYMS, _Rules())
    assert (first["text"] == second["text"]) is linked


def test_the_most_general_head_writes_the_victims():
    # "A shell hit a bus , killing a woman . Rockets killed nine people in Velyka Zorya ."
    words = ["A", "shell", "hit", "a", "bus", ",", "killing", "a", "woman", ".", "Rockets", "killed", "nine", "people", "in", "Zorya", "."]
    lemmas = [w.lower() for w in words]
    doc = _doc(words, lemmas, [(8, 9, "BARE_PERSONNEL"), (13, 14, "BARE_PERSONNEL")])
    first = _actor(doc, 8, "civilians", "target", None, "civilian")
    second = _actor(doc, 13, "civilians", "target", None, "civilian")
    link_actors(doc, [{"actors": [first]}, {"actors": [second]}], DEMONYMS, _Rules())
    assert first["text"] == second["text"] == "people"
    assert [m["text"] for m in first["mentions"]] == ["woman"]  # each event keeps its own mentions


@pytest.mark.parametrize("sides, linked", [(("Ukraine", "Russia"), False), (("Ukraine", None), True)])
def test_victims_of_two_sides_stay_two(sides, linked):
    # "Drones hit Ukrainian civilians . Shells hit Russian civilians ." (an unsided group joins the one side)
    words = ["Drones", "hit", "civilians", ".", "Shells", "hit", "residents", "."]
    doc = _doc(words, [w.lower().rstrip("s") for w in words], [(2, 3, "BARE_PERSONNEL"), (6, 7, "BARE_PERSONNEL")])
    first = _actor(doc, 2, "civilians", "target", sides[0], "civilian")
    second = _actor(doc, 6, "civilians", "target", sides[1], "civilian")
    link_actors(doc, [{"actors": [first]}, {"actors": [second]}], DEMONYMS, _Rules())
    assert (first["text"] == second["text"]) is linked


def test_a_sided_force_is_one_participant_however_described():
    # "Russian troops shelled Tarny . The Russian army said it downed drones ."
    words = ["Russian", "troops", "shelled", "Tarny", ".", "The", "Russian", "army", "said", "it", "downed", "drones", "."]
    doc = _doc(words, [w.lower() for w in words], [(0, 2, "DEMONYM_PERSONNEL"), (6, 8, "NER")])
    a = {**_actor(doc, 0, "Russian forces", "perpetrator", "Russia", "military")}
    troops = doc[0:2]
    a.update(text=troops.text, start=troops.start_char, end=troops.end_char, mentions=[{"text": troops.text, "start": troops.start_char, "end": troops.end_char}])
    army = doc[6:8]
    b = {"text": army.text, "start": army.start_char, "end": army.end_char, "name": "Russian forces", "role": "perpetrator",
         "side": "Russia", "kind": "military", "mentions": [{"text": army.text, "start": army.start_char, "end": army.end_char}]}
    link_actors(doc, [{"actors": [a]}, {"actors": [b]}], DEMONYMS, _Rules())
    assert a["text"] == b["text"]


def test_linked_force_kinds_is_a_rule():
    assert "linked_force_kinds" in AssemblerRules.model_fields


def _tag(nlp, text: str, ents: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Run the pipeline up to the actor tagger with the given NER ACTOR entities."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "eventie_actor_tagger":
            break
        if name != "ner":
            doc = proc(doc)
    doc.ents = [Span(doc, s, e, label="ACTOR") for s, e in ents]
    doc = nlp.get_pipe("eventie_actor_tagger")(doc)
    return [(s.text, s._.eventie_actor["name"]) for s in doc.spans[labels.ACTORS]]


@pytest.mark.parametrize(
    "text, ent, expected",
    [
        ("Whilst farmers slept , the village burned .", (0, 2), "farmers"),  # a clause opener is no part of the actor
        ("Karu Front Kills 12 In Raid On Mavuno Village", (0, 3), "Karu Front"),  # a title-case verb the NER swallowed
        ("Patrols moved in to disarm militants near the river .", (4, 6), "militants"),
    ],
)
def test_ner_actor_edges_lose_verbs_and_clause_openers(nlp, text, ent, expected):
    assert expected in [t for t, _ in _tag(nlp, text, [ent])]


@pytest.mark.parametrize(
    "text, ent, name",
    [
        ("The militant group al-Shabab attacked a convoy .", (1, 6), "al-Shabaab"),
        ("The Iran-backed Houthis fired at a tanker .", (1, 5), "Houthis"),
    ],
)
def test_lexicon_actor_after_lower_case_words_is_that_actor(nlp, text, ent, name):
    found = dict(_tag(nlp, text, [ent]))
    assert name in found.values()


def _actors(trained, text: str) -> list[list[tuple[str, str, str]]]:
    return [[(a.text, a.name, a.role) for a in ev.actors] for ev in trained.extract(text)]


def test_conjoined_forces_stay_two_parties(trained):
    events = _actors(trained, "Fighting between Sudan's army and a paramilitary force killed 12 people in El Obeid on Monday.")
    texts = [t for t, _, _ in events[0]]
    assert "Sudan's army" in texts and "paramilitary force" in texts


def test_ministry_that_acts_is_its_sides_forces(trained):
    text = ("Russian troops shelled Dorny on Monday, killing two people. "
            "On Tuesday, Russia's Defence Ministry said it shot down 30 Ukrainian drones over Kursk.")
    perpetrators = {(t, n) for ev in _actors(trained, text) for t, n, r in ev if r == "perpetrator"}
    assert perpetrators == {("Russian troops", "Russian forces")}  # written by the forces' own words


def test_who_is_appalled_by_an_attack_takes_no_part(trained):
    roles = {t: r for ev in _actors(trained, "The UK is appalled by the Russian missile strikes on Zorivka, which killed four people.") for t, _, r in ev}
    assert roles.get("UK", "other") == "other"


def test_hyphenated_title_is_no_personnel_noun(nlp):
    found = dict(_tag(nlp, "Deputy Secretary-General Amina Oduya condemned the raid .", [(0, 6)]))
    assert all(name != "forces" for name in found.values())


def test_description_in_apposition_is_the_actor_it_describes(trained):
    events = trained.extract("Boko Haram, a jihadist group, attacked the village of Dalwa on Friday, killing nine people.")
    perpetrators = [a for a in events[0].actors if a.role == "perpetrator"]
    assert [a.name for a in perpetrators] == ["Boko Haram"]
    assert [m.text for m in perpetrators[0].mentions] == ["Boko Haram", "jihadist group"]


def test_demonym_before_a_branch_of_two_words_is_that_branch(nlp):
    found = dict(_tag(nlp, "Belarusian air defense shot down four drones over Vetka .", []))
    assert found.get("Belarusian air defense") == "Belarusian air defence"  # a participant apart from "Belarusian forces"


def test_air_defence_and_the_forces_that_launched_are_two(trained):
    text = "Russian forces launched 40 drones at Sumy overnight. Russian air defence shot down 12 Ukrainian drones over Kursk, the ministry said."
    texts = {a.text for ev in trained.extract(text) for a in ev.actors if a.role != "other"}
    assert {"Russian forces", "Russian air defence"} <= texts


def test_branch_words_before_a_thing_name_the_thing(nlp):
    found = dict(_tag(nlp, "Officials said a Belarusian air defence missile fell on a barn .", []))
    assert "Belarusian air defence" not in found


def test_a_weapon_is_written_one_way_in_every_event(trained):
    text = ("Russian Su-34 bombers struck a bridge near Vovchansk on Monday, the governor said. "
            "On Wednesday two Su-34s struck a fuel depot in Kupiansk, the governor said.")
    events = trained.extract(text, published="2024-03-08")
    assert len(events) == 2
    assert [[q.text for q in e.equipment] for e in events] == [["Su-34 bombers"], ["Su-34 bombers"]]
    assert [m.text for m in events[1].equipment[0].mentions] == ["Su-34s"]  # its own mention stays
