"""The event assembler, the span resolver and the segmenter's blocks, on Docs built by hand.

Each Doc carries its own parse (heads, deps) and the spans the taggers would have written, so these
tests fix the assembler's rules and do not move when a model or a lexicon changes. A few end-to-end
cases at the bottom run the rules pipeline on sentences written for the project.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventie import labels
from eventie.components.assembler import EventAssembler
from eventie.components.assembler.certainty import certainty
from eventie.components.resolver import SpanResolver
from eventie.rules import AssemblerRules, packaged_rules, parse_yaml

# (word, head index, dep, pos, lemma); heads are absolute token indices
Tok = tuple[str, int, str, str, str]


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num), no pipeline


def parsed(toks: list[Tok]) -> Doc:
    words = [t[0] for t in toks]
    spaces = [i + 1 < len(toks) and toks[i + 1][0] not in {".", ",", ";"} for i in range(len(toks))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[t[1] for t in toks], deps=[t[2] for t in toks],
               pos=[t[3] for t in toks], lemmas=[t[4] for t in toks])


def put(doc: Doc, key: str, attr: str, items: list[tuple[int, int, dict]]) -> None:
    spans = []
    for start, end, info in items:
        span = Span(doc, start, end, label=key)
        setattr(span._, attr, info)
        spans.append(span)
    doc.spans[key] = spans


def place(name: str, region: bool = False) -> dict:
    return {"name": name, "admin1": None, "country": "Ukraine", "lat": None, "lon": None, "geonameid": None, "is_region": region, "occupied": None}


def cas(kind: str, lo: int | None, hi: int | None) -> dict:
    return {"kind": kind, "min": lo, "max": hi, "approximate": False, "who": None, "side": None}


def equip(name: str, category: str, rule: str = "lexicon", count: int | None = None, status: str | None = None) -> dict:
    return {"name": name, "category": category, "side": None, "rule": rule, "count": count, "status": status}


RU_FORCES = {"name": "Russian forces", "side": "Russia", "kind": "military", "rule": "DEMONYM_PERSONNEL"}


@pytest.fixture(scope="module")
def assembler():
    return EventAssembler("test", attach_window=2, min_evidence=1)


def run(assembler: EventAssembler, doc: Doc) -> list[dict]:
    for key in (labels.ACTORS, labels.TRIGGERS, labels.PLACES, labels.DATES, labels.EQUIPMENT, labels.CASUALTIES, labels.ATTRIBUTIONS, labels.HEDGES):
        if key not in doc.spans:
            doc.spans[key] = []
    return assembler(doc)._.eventie_events


# "Russian forces fired Kh-22 missiles at Odesa. The missiles hit the port."
def missiles_doc() -> Doc:
    doc = parsed([
        ("Russian", 1, "amod", "ADJ", "russian"), ("forces", 2, "nsubj", "NOUN", "force"), ("fired", 2, "ROOT", "VERB", "fire"),
        ("Kh-22", 4, "compound", "PROPN", "Kh-22"), ("missiles", 2, "dobj", "NOUN", "missile"), ("at", 2, "prep", "ADP", "at"),
        ("Odesa", 5, "pobj", "PROPN", "Odesa"), (".", 2, "punct", "PUNCT", "."),
        ("The", 9, "det", "DET", "the"), ("missiles", 10, "nsubj", "NOUN", "missile"), ("hit", 10, "ROOT", "VERB", "hit"),
        ("the", 12, "det", "DET", "the"), ("port", 10, "dobj", "NOUN", "port"), (".", 10, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(2, 3, {"type": "missile_strike"}), (10, 11, {"type": "attack"})])
    put(doc, labels.ACTORS, "eventie_actor", [(0, 2, RU_FORCES)])
    put(doc, labels.PLACES, "eventie_place", [(6, 7, place("Odesa"))])
    put(doc, labels.EQUIPMENT, "eventie_equipment", [(3, 5, equip("Kh-22 missile", "missile", count=None)), (9, 10, equip("missiles", "missile", rule="NER"))])
    return doc


def test_assembler_one_weapon_with_its_mentions(assembler):
    events = run(assembler, missiles_doc())
    assert len(events) == 1
    [item] = events[0]["equipment"]
    assert (item["name"], item["text"], item["category"]) == ("Kh-22 missile", "Kh-22 missiles", "missile")
    assert [m["text"] for m in item["mentions"]] == ["Kh-22 missiles", "missiles"]
    # means of attack take the perpetrator's side
    assert item["side"] == "Russia"


def test_assembler_distinct_weapons_stay_apart(assembler):
    doc = missiles_doc()
    put(doc, labels.EQUIPMENT, "eventie_equipment", [
        (0, 2, equip("Tu-22M3 bomber", "aircraft")), (3, 5, equip("Kh-22 missile", "missile", count=2, status="hit")),
        (9, 10, equip("missiles", "missile", rule="NER", status="destroyed")),
    ])
    doc.spans[labels.ACTORS] = []
    items = run(assembler, doc)[0]["equipment"]
    assert [(e["name"], e["count"], e["status"], len(e["mentions"])) for e in items] == [
        ("Tu-22M3 bomber", None, None, 1), ("Kh-22 missile", 2, "destroyed", 2)]


# "Russian military units attacked Kupiansk. Russian troops shelled the town."
def kupiansk_doc(second: dict) -> Doc:
    doc = parsed([
        ("Russian", 2, "amod", "ADJ", "russian"), ("military", 2, "amod", "ADJ", "military"), ("units", 3, "nsubj", "NOUN", "unit"),
        ("attacked", 3, "ROOT", "VERB", "attack"), ("Kupiansk", 3, "dobj", "PROPN", "Kupiansk"), (".", 3, "punct", "PUNCT", "."),
        ("Russian", 7, "amod", "ADJ", "russian"), ("troops", 8, "nsubj", "NOUN", "troop"), ("shelled", 8, "ROOT", "VERB", "shell"),
        ("the", 10, "det", "DET", "the"), ("town", 8, "dobj", "NOUN", "town"), (".", 8, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(3, 4, {"type": "attack"}), (8, 9, {"type": "shelling"})])
    put(doc, labels.PLACES, "eventie_place", [(4, 5, place("Kupiansk"))])
    put(doc, labels.ACTORS, "eventie_actor", [
        (0, 3, {"name": "Russian military", "side": "Russia", "kind": "military", "rule": "ru_military"}), (6, 8, second)])
    return doc


@pytest.mark.parametrize(
    "second, n_actors",
    [
        (RU_FORCES, 1),  # a description with the same side and kind is the named actor
        ({"name": "Wagner Group", "side": "Russia", "kind": "military", "rule": "wagner"}, 2),  # two named actors stay two
        # "the troops" after "Russian military units": the document gives the side (assembler/sides.py), so one
        ({"name": "forces", "side": None, "kind": "military", "rule": "BARE_PERSONNEL"}, 1),
        ({"name": "militants", "side": None, "kind": "armed_group", "rule": "BARE_PERSONNEL"}, 2),  # side unknown: no merge
    ],
)
def test_assembler_participants_merge_by_side_and_kind(assembler, second, n_actors):
    actors = run(assembler, kupiansk_doc(second))[0]["actors"]
    assert len(actors) == n_actors
    assert actors[0]["name"] == "Russian military" and actors[0]["role"] == "perpetrator"
    if n_actors == 1:
        assert [m["text"] for m in actors[0]["mentions"]] == ["Russian military units", "Russian troops"]


# "Fighters stormed a base near Marte, killing nine soldiers.": both descriptions are named "forces" and the
# document gives both the country's side, yet the attackers and the soldiers they killed are two parties
def marte_doc() -> Doc:
    doc = parsed([
        ("Fighters", 1, "nsubj", "NOUN", "fighter"), ("stormed", 1, "ROOT", "VERB", "storm"), ("a", 3, "det", "DET", "a"),
        ("base", 1, "dobj", "NOUN", "base"), ("near", 3, "prep", "ADP", "near"), ("Marte", 4, "pobj", "PROPN", "Marte"),
        (",", 1, "punct", "PUNCT", ","), ("killing", 1, "advcl", "VERB", "kill"), ("nine", 9, "nummod", "NUM", "nine"),
        ("soldiers", 7, "dobj", "NOUN", "soldier"), (".", 1, "punct", "PUNCT", "."),
    ])
    forces = {"name": "forces", "side": "Nigeria", "kind": "military", "rule": "BARE_PERSONNEL"}
    put(doc, labels.TRIGGERS, "eventie_trigger", [(1, 2, {"type": "armed_clash"})])
    put(doc, labels.PLACES, "eventie_place", [(5, 6, place("Marte"))])
    put(doc, labels.CASUALTIES, "eventie_casualty", [(8, 10, cas("killed", 9, 9))])
    put(doc, labels.ACTORS, "eventie_actor", [(0, 1, forces), (9, 10, dict(forces))])
    return doc


def test_assembler_descriptions_sharing_a_generic_name_keep_conflicting_roles_apart(assembler):
    actors = run(assembler, marte_doc())[0]["actors"]
    assert [(a["text"], a["role"]) for a in actors] == [("Fighters", "perpetrator"), ("soldiers", "target")]


# "Fighters from the ADF raided Mutwanga, killing nine farmers.": the group's fighters are the group
def mutwanga_doc(group: dict) -> Doc:
    doc = parsed([
        ("Fighters", 4, "nsubj", "NOUN", "fighter"), ("from", 0, "prep", "ADP", "from"), ("the", 3, "det", "DET", "the"),
        (group["name"], 1, "pobj", "PROPN", group["name"]), ("raided", 4, "ROOT", "VERB", "raid"),
        ("Mutwanga", 4, "dobj", "PROPN", "Mutwanga"), (",", 4, "punct", "PUNCT", ","), ("killing", 4, "advcl", "VERB", "kill"),
        ("nine", 9, "nummod", "NUM", "nine"), ("farmers", 7, "dobj", "NOUN", "farmer"), (".", 4, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(4, 5, {"type": "attack"})])
    put(doc, labels.PLACES, "eventie_place", [(5, 6, place("Mutwanga"))])
    put(doc, labels.CASUALTIES, "eventie_casualty", [(8, 10, cas("killed", 9, 9))])
    put(doc, labels.ACTORS, "eventie_actor", [(0, 1, {"name": "forces", "side": group["side"], "kind": "military", "rule": "BARE_PERSONNEL"}), (3, 4, group)])
    return doc


@pytest.mark.parametrize(
    "group, names",
    [
        ({"name": "ADF", "side": "ADF", "kind": "armed_group", "rule": "adf"}, ["ADF"]),  # an armed group that is its own side
        # Wagner's side is Russia: its fighters may be Russia's forces, no merge on side alone
        ({"name": "Wagner", "side": "Russia", "kind": "armed_group", "rule": "wagner"}, ["forces"]),
    ],
)
def test_assembler_an_armed_groups_fighters_are_the_group(assembler, group, names):
    actors = run(assembler, mutwanga_doc(group))[0]["actors"]
    assert [a["name"] for a in actors if a["role"] == "perpetrator"] == names


# "Ukrainian forces struck a depot in Tokmak, the governor said."
def tokmak_doc() -> Doc:
    doc = parsed([
        ("Ukrainian", 1, "amod", "ADJ", "ukrainian"), ("forces", 2, "nsubj", "NOUN", "force"), ("struck", 10, "ccomp", "VERB", "strike"),
        ("a", 4, "det", "DET", "a"), ("depot", 2, "dobj", "NOUN", "depot"), ("in", 4, "prep", "ADP", "in"),
        ("Tokmak", 5, "pobj", "PROPN", "Tokmak"), (",", 10, "punct", "PUNCT", ","), ("the", 9, "det", "DET", "the"),
        ("governor", 10, "nsubj", "NOUN", "governor"), ("said", 10, "ROOT", "VERB", "say"), (".", 10, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(2, 3, {"type": "attack"})])
    put(doc, labels.PLACES, "eventie_place", [(6, 7, place("Tokmak"))])
    put(doc, labels.ACTORS, "eventie_actor", [
        (0, 2, {"name": "Ukrainian forces", "side": "Ukraine", "kind": "military", "rule": "DEMONYM_PERSONNEL"}),
        (9, 10, {"name": "governor", "side": None, "kind": "government", "rule": "BARE_PERSONNEL"}),
    ])
    src = doc[8:10]
    put(doc, labels.ATTRIBUTIONS, "eventie_attribution", [(10, 11, {
        "source": src.text, "source_start": src.start_char, "source_end": src.end_char, "source_name": "governor",
        "source_side": None, "source_kind": "government", "cue": "said", "channel": None})])
    return doc


def test_assembler_sources_are_attributions_not_actors(assembler):
    ev = run(assembler, tokmak_doc())[0]
    assert [(a["name"], a["role"]) for a in ev["actors"]] == [("Ukrainian forces", "perpetrator")]
    assert [a["source"] for a in ev["attributions"]] == ["the governor"]
    assert ev["certainty"] == "reported"


def test_assembler_reads_source_spans_when_the_claim_detector_writes_them(assembler):
    doc = tokmak_doc()
    doc.spans[labels.SOURCES] = [doc[0:2]]  # now the forces are the source, the governor is not
    actors = [(a["name"], a["role"]) for a in run(assembler, doc)[0]["actors"]]
    # a perpetrator stays even when it also speaks; a non-source in the event's sentence stays as other
    assert actors == [("Ukrainian forces", "perpetrator"), ("governor", "other")]


@pytest.mark.parametrize(
    "toks, casualty, weapon, etype, count",
    [
        # "More than 30 bodies were recovered."
        ([("More", 1, "amod", "ADJ", "more"), ("than", 2, "quantmod", "ADP", "than"), ("30", 3, "nummod", "NUM", "30"),
          ("bodies", 5, "nsubjpass", "NOUN", "body"), ("were", 5, "auxpass", "AUX", "be"), ("recovered", 5, "ROOT", "VERB", "recover"),
          (".", 5, "punct", "PUNCT", ".")], (0, 4, cas("killed", 31, None)), None, "attack", (31, None)),
        # "Two policemen were hurt by the bomb."
        ([("Two", 1, "nummod", "NUM", "two"), ("policemen", 3, "nsubjpass", "NOUN", "policeman"), ("were", 3, "auxpass", "AUX", "be"),
          ("hurt", 3, "ROOT", "VERB", "hurt"), ("by", 3, "agent", "ADP", "by"), ("the", 6, "det", "DET", "the"),
          ("bomb", 4, "pobj", "NOUN", "bomb"), (".", 3, "punct", "PUNCT", ".")], (0, 4, cas("injured", 2, 2)), (6, 7), "explosion", (2, 2)),
    ],
)
def test_assembler_harm_without_trigger_is_an_event(assembler, toks, casualty, weapon, etype, count):
    doc = parsed(toks)
    put(doc, labels.CASUALTIES, "eventie_casualty", [casualty])
    if weapon:
        put(doc, labels.EQUIPMENT, "eventie_equipment", [(*weapon, equip("bomb", "bomb"))])
    [ev] = run(assembler, doc)
    assert ev["type"] == etype and ev["trigger"]["text"] == doc[casualty[0] : casualty[1]].text
    assert [(c["min"], c["max"]) for c in ev["casualties"]] == [count]


def test_assembler_stated_zero_is_no_event(assembler):
    # "No civilians were hurt."
    doc = parsed([("No", 1, "det", "DET", "no"), ("civilians", 3, "nsubjpass", "NOUN", "civilian"), ("were", 3, "auxpass", "AUX", "be"),
                  ("hurt", 3, "ROOT", "VERB", "hurt"), (".", 3, "punct", "PUNCT", ".")])
    put(doc, labels.CASUALTIES, "eventie_casualty", [(0, 4, cas("injured", 0, 0))])
    assert run(assembler, doc) == []


# "Missiles struck Odesa, Dnipro and Lviv; two people died in Dnipro."
def sites_doc() -> Doc:
    doc = parsed([
        ("Missiles", 1, "nsubj", "NOUN", "missile"), ("struck", 1, "ROOT", "VERB", "strike"), ("Odesa", 1, "dobj", "PROPN", "Odesa"),
        (",", 2, "punct", "PUNCT", ","), ("Dnipro", 2, "conj", "PROPN", "Dnipro"), ("and", 4, "cc", "CCONJ", "and"),
        ("Lviv", 4, "conj", "PROPN", "Lviv"), (";", 1, "punct", "PUNCT", ";"), ("two", 9, "nummod", "NUM", "two"),
        ("people", 10, "nsubj", "NOUN", "people"), ("died", 1, "conj", "VERB", "die"), ("in", 10, "prep", "ADP", "in"),
        ("Dnipro", 11, "pobj", "PROPN", "Dnipro"), (".", 1, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(1, 2, {"type": "missile_strike"})])
    put(doc, labels.PLACES, "eventie_place", [(2, 3, place("Odesa")), (4, 5, place("Dnipro")), (6, 7, place("Lviv")), (12, 13, place("Dnipro"))])
    put(doc, labels.CASUALTIES, "eventie_casualty", [(8, 11, cas("killed", 2, 2))])
    put(doc, labels.EQUIPMENT, "eventie_equipment", [(0, 1, equip("missile", "missile"))])
    return doc


def test_assembler_one_event_per_listed_site(assembler):
    events = run(assembler, sites_doc())
    assert [e["location"]["name"] for e in events] == ["Odesa", "Dnipro", "Lviv"]
    assert [[c["min"] for c in e["casualties"]] for e in events] == [[], [2], []]
    assert all(e["sentences"] == events[0]["sentences"] for e in events)  # shared evidence
    assert len({e["id"] for e in events}) == 3


# "Drones hit a depot in Kstovo. Ukrainian forces also struck the yard [in Kursk]." /
# "Drones hit a depot in Kstovo. Ukrainian forces also fire missiles."
def follow_up_doc(second: str) -> Doc:
    if second == "generic":
        tail = [("fire", 10, "ROOT", "VERB", "fire"), ("missiles", 10, "dobj", "NOUN", "missile")]
    else:
        tail = [("struck", 10, "ROOT", "VERB", "strike"), ("the", 12, "det", "DET", "the"), ("yard", 10, "dobj", "NOUN", "yard")]
        tail += [("in", 10, "prep", "ADP", "in"), ("Kursk", 13, "pobj", "PROPN", "Kursk")] if second == "elsewhere" else []
    doc = parsed([
        ("Drones", 1, "nsubj", "NOUN", "drone"), ("hit", 1, "ROOT", "VERB", "hit"), ("a", 3, "det", "DET", "a"),
        ("depot", 1, "dobj", "NOUN", "depot"), ("in", 3, "prep", "ADP", "in"), ("Kstovo", 4, "pobj", "PROPN", "Kstovo"),
        (".", 1, "punct", "PUNCT", "."), ("Ukrainian", 8, "amod", "ADJ", "ukrainian"), ("forces", 10, "nsubj", "NOUN", "force"),
        ("also", 10, "advmod", "ADV", "also"), *tail, (".", 10, "punct", "PUNCT", "."),
    ])
    trigger = (11, 12) if second == "generic" else (10, 11)
    doc[11].tag_ = "NNS" if second == "generic" else "DT"
    put(doc, labels.TRIGGERS, "eventie_trigger", [(1, 2, {"type": "drone_strike"}), (*trigger, {"type": "missile_strike"})])
    put(doc, labels.PLACES, "eventie_place", [(5, 6, place("Kstovo"))] + ([(14, 15, place("Kursk"))] if second == "elsewhere" else []))
    put(doc, labels.ACTORS, "eventie_actor", [(7, 9, {"name": "Ukrainian forces", "side": "Ukraine", "kind": "military", "rule": "x"})])
    return doc


@pytest.mark.parametrize("second, n_events", [("same", 1), ("elsewhere", 2), ("generic", 2)])
def test_assembler_remote_attack_with_no_place_of_its_own_tells_the_latest_event(assembler, second, n_events):
    # another word for the strike, with no place or day of its own, still tells the depot strike; a place of its
    # own makes it another incident, and a bare plural ("fire missiles") speaks of attacks in general
    events = run(assembler, follow_up_doc(second))
    assert len(events) == n_events
    if second != "generic":  # (the generic mention still names the attacker of a site it holds: barrage.py)
        assert [a["name"] for a in events[0]["actors"] if a["role"] == "perpetrator"] == (["Ukrainian forces"] if second == "same" else [])


# "Russian forces struck the Sumy region. A drone hit a car near Myropillia."
def barrage_doc(first_type: str) -> Doc:
    doc = parsed([
        ("Russian", 1, "amod", "ADJ", "russian"), ("forces", 2, "nsubj", "NOUN", "force"), ("struck", 2, "ROOT", "VERB", "strike"),
        ("the", 5, "det", "DET", "the"), ("Sumy", 5, "compound", "PROPN", "Sumy"), ("region", 2, "dobj", "NOUN", "region"),
        (".", 2, "punct", "PUNCT", "."), ("A", 8, "det", "DET", "a"), ("drone", 9, "nsubj", "NOUN", "drone"),
        ("hit", 9, "ROOT", "VERB", "hit"), ("a", 11, "det", "DET", "a"), ("car", 9, "dobj", "NOUN", "car"),
        ("near", 11, "prep", "ADP", "near"), ("Myropillia", 12, "pobj", "PROPN", "Myropillia"), (".", 9, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(2, 3, {"type": first_type}), (9, 10, {"type": "drone_strike"})])
    village = {**place("Myropillia"), "admin1": "Sumy Oblast", "precision": "settlement"}
    put(doc, labels.PLACES, "eventie_place", [(4, 6, {**place("Sumy Oblast", region=True), "precision": "region"}), (13, 14, village)])
    put(doc, labels.ACTORS, "eventie_actor", [(0, 2, RU_FORCES)])
    return doc


@pytest.mark.parametrize("first_type, perpetrators", [("air_strike", ["Russian forces"]), ("interception", [])])
def test_assembler_strike_with_no_attacker_takes_the_attacker_of_its_barrage(assembler, first_type, perpetrators):
    # the site of the drone strike lies in the region the summary says Russian forces struck; who shot drones down
    # launched none of them
    events = run(assembler, barrage_doc(first_type))
    assert [e["location"]["name"] for e in events] == ["Sumy Oblast", "Myropillia"]
    assert [a["name"] for a in events[1]["actors"] if a["role"] == "perpetrator"] == perpetrators


def test_assembler_keeps_no_state_between_documents(assembler):
    first = run(assembler, sites_doc())
    run(assembler, missiles_doc())
    assert run(assembler, sites_doc()) == first
    assert not any(k.startswith("_by") for k in vars(assembler))


# --- certainty ---------------------------------------------------------------------------------------
PARTY = {"source": "the army", "source_name": "Russian forces", "source_side": "Russia", "source_kind": "military", "cue": "said"}
MEDIA = {"source": "Reuters", "source_name": "Reuters", "source_side": None, "source_kind": "media", "cue": "reported"}


@pytest.mark.parametrize(
    "atts, hedges, level",
    [
        ([], [], "confirmed"),
        ([PARTY], [], "claimed"),
        ([PARTY, MEDIA], [], "claimed"),  # the party's account, which the media repeat (docs/certainty.md row 5)
        ([MEDIA, PARTY], [], "reported"),
        ([MEDIA], ["unverified"], "unverified"),
        ([{**PARTY, "cue": "denied"}], [], "disputed"),
        ([], ["alleged"], "claimed"),
        ([], ["preliminary"], "reported"),
    ],
)
def test_certainty_rules(atts, hedges, level):
    rules = parse_yaml("assembler.yaml", packaged_rules(["assembler.yaml"])["assembler.yaml"], AssemblerRules)
    assert certainty(atts, hedges, rules.party_kinds)[0] == level


# --- resolver ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "toks, span, label, kept",
    [
        ([("It", 2, "nsubj", "PRON", "it"), ("could", 2, "aux", "AUX", "could"), ("mark", 2, "ROOT", "VERB", "mark"),
          ("a", 4, "det", "DET", "a"), ("shift", 2, "dobj", "NOUN", "shift")], (1, 3), "actor", False),
        ([("Residents", 1, "nsubj", "NOUN", "resident"), ("fled", 1, "ROOT", "VERB", "flee")], (0, 1), "actor", True),
        ([("Budanov", 1, "nsubj", "NOUN", "budanov"), ("spoke", 1, "ROOT", "VERB", "speak")], (0, 1), "actor", True),
        ([("Hours", 1, "npadvmod", "NOUN", "hour"), ("later", 2, "advmod", "ADV", "later"), ("hours", 2, "ROOT", "NOUN", "hour")], (0, 1), "actor", False),
        ([("the", 1, "det", "DET", "the"), ("cookers", 1, "ROOT", "NOUN", "cooker")], (1, 2), "equipment", False),
        ([("new", 1, "amod", "ADJ", "new"), ("platforms", 1, "ROOT", "NOUN", "platform")], (1, 2), "equipment", False),
        ([("attack", 1, "compound", "NOUN", "attack"), ("drones", 1, "ROOT", "NOUN", "drone")], (0, 2), "equipment", True),
        ([("Image", 1, "compound", "NOUN", "image"), ("copyright", 1, "ROOT", "NOUN", "copyright"), ("AP", 1, "appos", "PROPN", "AP")], (0, 3), "actor", False),
    ],
)
def test_resolver_drops_ner_junk_by_class(toks, span, label, kept):
    doc = parsed(toks)
    key, attr = (labels.ACTORS, "eventie_actor") if label == "actor" else (labels.EQUIPMENT, "eventie_equipment")
    put(doc, key, attr, [(*span, {"name": doc[span[0] : span[1]].text, "rule": "NER"})])
    SpanResolver("r", actors_key=labels.ACTORS, equipment_key=labels.EQUIPMENT)(doc)
    assert (len(doc.spans[key]) == 1) is kept


def test_resolver_rule_equipment_beats_ner_actor():
    # "Two Kamaz trucks burned."
    doc = parsed([("Two", 2, "nummod", "NUM", "two"), ("Kamaz", 2, "compound", "PROPN", "Kamaz"), ("trucks", 3, "nsubj", "NOUN", "truck"),
                  ("burned", 3, "ROOT", "VERB", "burn")])
    put(doc, labels.ACTORS, "eventie_actor", [(1, 2, {"name": "Kamaz", "rule": "NER"})])
    put(doc, labels.EQUIPMENT, "eventie_equipment", [(1, 3, equip("Kamaz truck", "truck", rule="kamaz"))])
    SpanResolver("r", actors_key=labels.ACTORS, equipment_key=labels.EQUIPMENT)(doc)
    assert list(doc.spans[labels.ACTORS]) == [] and [s.text for s in doc.spans[labels.EQUIPMENT]] == ["Kamaz trucks"]


# --- segmenter blocks and the pipeline end to end ----------------------------------------------------
def test_segmenter_writes_page_blocks(nlp):
    text = "Drones hit a fuel depot near Kursk\n\nA burning tank at the site. Photo: Telegram\n\nDrones struck the depot overnight.\n\nSign up for our newsletter."
    doc = nlp(text)
    assert [b.label_ for b in doc.spans[labels.BLOCKS]] == [labels.HEADLINE, labels.CAPTION, labels.BODY, labels.BOILERPLATE]


@pytest.mark.parametrize(
    "text, kind, lo, hi",
    [
        ("Around a dozen residents remain missing under the rubble of the collapsed building.", "missing", 12, 12),
        ("Two policemen were hurt by the bomb; one later died.", "injured", 2, 2),
        ("More than 30 bodies were recovered.", "killed", 31, None),
        ("Soldiers captured nine enemy fighters during a counterattack.", "captured", 9, 9),
    ],
)
def test_harm_reports_make_one_event(rules, text, kind, lo, hi):
    [ev] = rules.extract(text)
    assert [(c.kind, c.min, c.max) for c in ev.casualties if c.kind == kind] == [(kind, lo, hi)]


def test_strikes_on_several_cities_make_one_event_each(rules):
    events = rules.extract("Russian missiles struck Odesa, Dnipro and Lviv overnight, killing four people.")
    assert [e.location.name for e in events] == ["Odesa", "Dnipro", "Lviv"]
    assert sum(c.min or 0 for e in events for c in e.casualties) == 4  # the count is not duplicated


def test_sites_in_coordinated_prepositions_make_one_event_each(rules):
    # "in X and at Y ...": the second site hangs from its own preposition, coordinated with the first
    events = rules.extract("Russian drones struck homes in Sumy and at Poltava railway station on Monday.")
    assert [e.location.name for e in events] == ["Sumy", "Poltava"]


def test_a_list_of_sites_after_a_colon_belongs_to_the_sentence_it_ends(rules):
    # the parser makes the verbless list a sentence of its own; its places are the sites of the one before
    text = "Overnight the rockets were aimed at towns across the front: Sloviansk, Izium and Lyman. Homes burned."
    assert [e.location.name for e in rules.extract(text)] == ["Sloviansk", "Izium", "Lyman"]


def test_saved_pipeline_carries_and_uses_its_own_event_rules(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    for comp, fname in (("eventie_event_assembler", "assembler.yaml"), ("eventie_span_resolver", "resolver.yaml"), ("eventie_line_segmenter", "context.yaml")):
        assert (tmp_path / "p" / comp / fname).exists()
    rules_file = tmp_path / "p" / "eventie_event_assembler" / "assembler.yaml"
    rules_file.write_text(rules_file.read_text().replace("harm_default_type: attack", "harm_default_type: armed_clash"))
    loaded = spacy.load(tmp_path / "p")
    [ev] = loaded("More than 30 bodies were recovered.")._.eventie_events
    assert ev["type"] == "armed_clash"


def test_assembler_who_condemns_an_attack_is_no_perpetrator(assembler):
    # "The UN chief condemned the bombing in Kabul."
    doc = parsed([
        ("The", 2, "det", "DET", "the"), ("UN", 2, "compound", "PROPN", "UN"), ("chief", 3, "nsubj", "NOUN", "chief"),
        ("condemned", 3, "ROOT", "VERB", "condemn"), ("the", 5, "det", "DET", "the"), ("bombing", 3, "dobj", "NOUN", "bombing"),
        ("in", 5, "prep", "ADP", "in"), ("Kabul", 6, "pobj", "PROPN", "Kabul"), (".", 3, "punct", "PUNCT", "."),
    ])
    put(doc, labels.TRIGGERS, "eventie_trigger", [(5, 6, {"type": "explosion"})])
    put(doc, labels.PLACES, "eventie_place", [(7, 8, place("Kabul"))])
    put(doc, labels.ACTORS, "eventie_actor", [(1, 3, {"name": "United Nations", "side": None, "kind": "organization", "rule": "un"})])
    [ev] = run(assembler, doc)
    assert [(a["name"], a["role"]) for a in ev["actors"]] == [("United Nations", "other")]


def test_every_entity_mention_slices_back_to_the_text(rules):
    text = ("Russian troops fired Kh-22 missiles at Odesa on Monday. The missiles hit a port, and Russian soldiers "
            "later shelled the town, the governor said.")
    for ev in rules.extract(text):
        for entity in [*ev.actors, *ev.equipment]:
            assert entity.mentions and all(text[m.start : m.end] == m.text for m in entity.mentions)
            assert text[entity.start : entity.end] == entity.text


@pytest.mark.parametrize(
    "text,killed",
    [
        # a background marker after a clause opener places the incident in a pattern; the sentence still reports it
        ("Militiamen have killed at least 9 villagers in Masisi, adding to hundreds of killings over the past year.", 9),
        ("Gunmen killed nine farmers in Zamfara state on Sunday, the latest in a series of raids on villages.", 9),
    ],
)
def test_a_pattern_clause_does_not_make_an_incident_background(rules, text, killed):
    [ev] = rules.extract(text)
    assert [c.min for c in ev.casualties if c.kind == "killed"] == [killed]


def test_a_habitual_sentence_is_still_background(rules):
    assert rules.extract("Gunmen often raid villages in Zamfara state, killing farmers.") == []


def test_a_government_named_as_a_weapons_owner_is_its_forces(trained):
    # "government helicopters" and "government forces": one participant, written by the forces
    text = "Government helicopters bombed a market in Idlib on Sunday, killing 14 people, as government forces shelled the town, monitors said."
    [ev] = trained.extract(text)
    perpetrators = [a for a in ev.actors if a.role == "perpetrator"]
    assert [a.text for a in perpetrators] == ["government forces"]
    assert [m.text for m in perpetrators[0].mentions] == ["Government", "government forces"]


def test_a_description_that_says_whose_forces_names_the_actor(trained):
    # "its forces" and "Malian troops" are one participant; the demonym says whose
    text = "Mali said its forces shelled rebel positions near Kidal on Monday before Malian troops stormed the town."
    perpetrators = [a for ev in trained.extract(text) for a in ev.actors if a.role == "perpetrator"]
    assert [a.text for a in perpetrators] == ["Malian troops"]
    assert [m.text for m in perpetrators[0].mentions] == ["forces", "Malian troops"]


def test_a_force_speaking_of_its_own_arm_is_one_participant_with_it(trained):
    # the annotation names either the army or its air defences: one participant holding both mentions
    text = "Army says air defences downed drones over Kosti\n\nThe army said its air defences shot down nine drones over Kosti on Sunday night."
    perpetrators = [a for ev in trained.extract(text) if ev.type == "interception" for a in ev.actors if a.role == "perpetrator"]
    assert len(perpetrators) == 1
    assert {m.text for m in perpetrators[0].mentions} >= {"army", "air defences"}
