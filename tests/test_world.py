"""The world beyond Ukraine: places, armed groups and weapons in reporting on other conflicts.

Sentences are written for these tests; each names a real place, group or weapon of a conflict or attack
outside Ukraine (Afghanistan, Pakistan, Sudan, Sahel, Nigeria, Somalia, DR Congo, Gaza, Lebanon, Yemen,
Syria, Iraq, Myanmar, Colombia, Haiti, and bombings in European, American and Asian cities).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from eventie import labels
from eventie.components.places import PlaceTagger
from eventie.resources import gazetteer


def _place(nlp, text: str, mention: str) -> dict:
    doc = nlp(text)
    found = [s for s in doc.spans[labels.PLACES] if s.text == mention]
    assert found, f"{mention!r} not among {[s.text for s in doc.spans[labels.PLACES]]}"
    assert text[found[0].start_char : found[0].end_char] == mention
    return found[0]._.eventie_place


def _places(nlp, text: str) -> list[str]:
    doc = nlp(text)  # held: a SpanGroup dies with its Doc
    return [s.text for s in doc.spans[labels.PLACES]]


# --- every place the issue names resolves with admin1 and country ------------------------------------
ISSUE_PLACES = [
    ("Two bombs exploded near the marathon finish line in Boston, killing three people.", "Boston", "Boston", "Massachusetts", "United States"),
    ("Bombs tore through four commuter trains in Madrid during the morning rush hour.", "Madrid", "Madrid", "Madrid", "Spain"),
    ("A man stabbed two police officers in Lyon on Friday, prosecutors said.", "Lyon", "Lyon", "Rhone-Alpes", "France"),
    ("A car bomb went off near a police station in Belfast early on Sunday.", "Belfast", "Belfast", "Northern Ireland", "United Kingdom"),
    ("Police said the blast in Birmingham injured dozens of shoppers.", "Birmingham", "Birmingham", "England", "United Kingdom"),
    ("A car bomb killed five police cadets in Bogota, officials said.", "Bogota", "Bogota", "Bogota D.C.", "Colombia"),
    ("A truck drove into cyclists on a bike path in Manhattan, killing eight people.", "Manhattan", "Manhattan", "New York", "United States"),
    ("A pipe bomb exploded at a crowded shrine in Bangkok, killing 20 people.", "Bangkok", "Bangkok", "Bangkok", "Thailand"),
]


@pytest.mark.parametrize("text,mention,name,admin1,country", ISSUE_PLACES)
def test_issue_places_resolve(nlp, text, mention, name, admin1, country):
    info = _place(nlp, text, mention)
    assert (info["name"], info["admin1"], info["country"], info["precision"]) == (name, admin1, country, "settlement")
    assert info["lat"] is not None and info["lon"] is not None


def test_district_of_a_province(nlp):
    text = "Taliban fighters attacked a police checkpoint in the Arghandab district of Kandahar, killing four officers."
    info = _place(nlp, text, "Arghandab district")
    assert (info["name"], info["admin1"], info["country"], info["precision"]) == ("Arghandab district", "Kandahar", "Afghanistan", "district")
    assert _place(nlp, text, "Kandahar")["country"] == "Afghanistan"


# --- aliases and transliterations --------------------------------------------------------------------
ALIASES = [
    ("Sirens sounded across Kiev before dawn.", "Kiev", "Kyiv", "Ukraine"),
    ("Shelling hit Kyiv before dawn.", "Kyiv", "Kyiv", "Ukraine"),
    ("The RSF shelled Al Fashir on Tuesday, residents said.", "Al Fashir", "El Fasher", "Sudan"),
    ("The RSF shelled El Fasher on Tuesday, residents said.", "El Fasher", "El Fasher", "Sudan"),
    ("The RSF shelled El-Fasher on Tuesday, residents said.", "El-Fasher", "El Fasher", "Sudan"),
    ("A car bomb went off in Bogotá on Friday.", "Bogotá", "Bogota", "Colombia"),
    ("Russian troops pressed toward Avdeevka from the south.", "Avdeevka", "Avdiivka", "Ukraine"),
    ("A parcel bomb exploded at a depot in Łódź on Monday.", "Łódź", "Lodz", "Poland"),
    # Soviet-era and Russian transliterations of Ukrainian cities, and the short news name of Rostov-on-Don
    ("Moscow's statement claimed its rockets destroyed a fuel depot near Nikolaev.", "Nikolaev", "Mykolaiv", "Ukraine"),
    ("Artillery pounded the outskirts of Kharkov for a third night.", "Kharkov", "Kharkiv", "Ukraine"),
    ("A cruise missile struck a power substation in Zaporozhye, Ukrainian officials said.", "Zaporozhye", "Zaporizhzhia", "Ukraine"),
    ("Two drones hit an oil depot outside Krivoy Rog overnight.", "Krivoy Rog", "Kryvyi Rih", "Ukraine"),
    # bare names of oblasts: "Rostov" and "Dnipropetrovsk" name the region in current reporting
    ("Drone debris fell on a rail yard in Rostov, the regional governor wrote.", "Rostov", "Rostov Oblast", "Russia"),
    ("Shelling damaged a grain silo in Dnipropetrovsk on Sunday.", "Dnipropetrovsk", "Dnipropetrovsk Oblast", "Ukraine"),
]


@pytest.mark.parametrize("text,mention,name,country", ALIASES)
def test_aliases(nlp, text, mention, name, country):
    info = _place(nlp, text, mention)
    assert (info["name"], info["country"]) == (name, country)
    assert info["admin1"]  # the issue asks for the admin1 chain of every example


# --- disambiguation by the document ------------------------------------------------------------------
DISAMBIGUATION = [
    # a qualifier decides
    ("A tornado tore through Paris, Texas, on Sunday.", "Paris", "Texas", "United States"),
    ("KANDAHAR, Afghanistan — A suicide bomber struck a mosque during Friday prayers.", "KANDAHAR", "Kandahar", "Afghanistan"),
    ("Russian forces shelled Novoselivka in Donetsk Oblast overnight.", "Novoselivka", "Donetsk Oblast", "Ukraine"),
    # the article's country decides
    ("Protesters marched in Atlanta. Police in Georgia arrested 40 people.", "Georgia", "Georgia", "United States"),
    ("Russian troops crossed into Georgia in August 2008, and Tbilisi appealed for help.", "Georgia", None, "Georgia"),
    ("Police in Texas said the gunman opened fire in Paris on Saturday.", "Paris", "Texas", "United States"),
    ("French police said the gunman opened fire in Paris on Saturday.", "Paris", "Ile-de-France", "France"),
]


@pytest.mark.parametrize("text,mention,admin1,country", DISAMBIGUATION)
def test_document_decides_homonyms(nlp, text, mention, admin1, country):
    info = _place(nlp, text, mention)
    assert (info["admin1"], info["country"]) == (admin1, country)


COMMON_WORDS = [
    ("Reading the statement aloud, the spokesman said the march would go ahead.", []),
    ("Nice weather helped the rescue teams, the ministry said.", []),
    ("The coalition may split over the ceasefire in March, officials said.", []),
    ("The mobile phone network was cut after the attack.", []),
    ("A truck ploughed into a crowd in Nice, killing 86 people.", ["Nice"]),
    # a name an age follows is a victim's, whatever town has it too
    ("A shell struck a flat in Kherson, killing Oleksandra, aged 71, and her neighbour Yaroslav (aged 66).", ["Kherson"]),
    ("A shell struck a flat in Kherson, killing Oleksandra and her neighbour Yaroslav, aged 66.", ["Kherson"]),
]


@pytest.mark.parametrize("text,places", COMMON_WORDS)
def test_common_words_are_not_places(nlp, text, places):
    assert _places(nlp, text) == places


def test_small_foreign_homonym_needs_evidence(nlp):
    # a village named after a person exists somewhere; without context a person's name is not a place
    assert _places(nlp, "Hamid said the talks in Doha had stalled.") == ["Doha"]


PRECISION = [
    ("Gunmen killed 12 villagers in Zamfara state, police said.", "Zamfara state", "region"),
    ("Fighting spread across North Kivu province.", "North Kivu province", "region"),
    ("Drone strikes hit North Waziristan overnight.", "North Waziristan", "district"),
    ("Airstrikes hit Yemen overnight.", "Yemen", "country"),
    ("Rockets hit the Ain al-Asad air base in western Iraq.", "Ain al-Asad", "settlement"),
]


@pytest.mark.parametrize("text,mention,precision", PRECISION)
def test_precision(nlp, text, mention, precision):
    assert _place(nlp, text, mention)["precision"] == precision


def test_event_is_placed_at_the_most_specific_place(rules):
    text = "In Nigeria's Borno state, Boko Haram fighters attacked the town of Gwoza on Sunday, killing 12 people."
    events = rules.extract(text, "2024-05-06")
    assert events and events[0].location is not None
    loc = events[0].location
    assert (loc.name, loc.admin1, loc.country, loc.precision) == ("Gwoza", "Borno", "Nigeria", "settlement")


# --- armed groups and forces -------------------------------------------------------------------------
ACTORS = [
    ("The RSF seized the town after clashes with the Sudanese army.", "RSF", "RSF", "RSF", "armed_group"),
    ("The Sudanese army said it repelled the assault.", "Sudanese army", "SAF", "Sudan", "military"),
    ("JNIM fighters ambushed a convoy near Djibo.", "JNIM", "JNIM", "JNIM", "armed_group"),
    ("ISWAP fighters overran a base in Borno.", "ISWAP", "Islamic State", "Islamic State", "armed_group"),
    ("Boko Haram militants burned the village.", "Boko Haram", "Boko Haram", "Boko Haram", "armed_group"),
    ("Al-Shabab claimed the bombing in Mogadishu.", "Al-Shabab", "al-Shabaab", "al-Shabaab", "armed_group"),
    ("The M23 rebels advanced on Goma.", "M23", "M23", "M23", "armed_group"),
    ("The Houthis fired a missile at a tanker in the Red Sea.", "Houthis", "Houthis", "Houthis", "armed_group"),
    ("Ansar Allah claimed the attack on the ship.", "Ansar Allah", "Houthis", "Houthis", "armed_group"),
    ("Hezbollah fired rockets at northern Israel.", "Hezbollah", "Hezbollah", "Hezbollah", "armed_group"),
    ("The Arakan Army captured the town of Paletwa.", "Arakan Army", "Arakan Army", "Arakan Army", "armed_group"),
    ("The Tatmadaw bombed a village in Sagaing.", "Tatmadaw", "Myanmar military", "Myanmar", "military"),
    ("Tehreek-e-Taliban Pakistan claimed the attack in Peshawar.", "Tehreek-e-Taliban Pakistan", "TTP", "TTP", "armed_group"),
    ("Pakistani security forces killed six militants in North Waziristan.", "Pakistani security forces", "Pakistani security forces", "Pakistan", "military"),
    ("ELN guerrillas bombed an oil pipeline in Arauca.", "ELN", "ELN", "ELN", "armed_group"),
    ("FARC dissidents attacked a police station in Cauca.", "FARC dissidents", "FARC dissidents", "FARC dissidents", "armed_group"),
    ("Viv Ansanm gangs attacked the town of Mirebalais.", "Viv Ansanm", "Viv Ansanm", "Viv Ansanm", "armed_group"),
    ("ISIS-K claimed the suicide bombing at the Kabul airport.", "ISIS-K", "ISKP", "Islamic State", "armed_group"),
    ("The IRGC launched missiles at Erbil.", "IRGC", "IRGC", "Iran", "military"),
    ("Africa Corps troops patrolled with the Malian army.", "Africa Corps", "Africa Corps", "Russia", "armed_group"),
]


@pytest.mark.parametrize("text,mention,name,side,kind", ACTORS)
def test_world_actors(nlp, text, mention, name, side, kind):
    doc = nlp(text)
    found = [s for s in doc.spans[labels.ACTORS] if s.text == mention]
    assert found, f"{mention!r} not among {[s.text for s in doc.spans[labels.ACTORS]]}"
    info = found[0]._.eventie_actor
    assert (info["name"], info["side"], info["kind"]) == (name, side, kind)


@pytest.mark.parametrize(
    "text,mention,name,side",
    [
        ("Chadian troops killed 30 Boko Haram fighters near the lake.", "Boko Haram fighters", "Boko Haram", "Boko Haram"),
        ("Soldiers clashed with M23 fighters north of Goma.", "M23 fighters", "M23", "M23"),
    ],
)
def test_group_plus_personnel_noun_is_the_group(trained, text, mention, name, side):
    """The trained NER takes "Boko Haram fighters" whole; the span still normalises to the named group."""
    doc = trained.nlp(text)
    found = [s for s in doc.spans[labels.ACTORS] if s.text == mention]
    assert found, f"{mention!r} not among {[s.text for s in doc.spans[labels.ACTORS]]}"
    assert (found[0]._.eventie_actor["name"], found[0]._.eventie_actor["side"]) == (name, side)


# --- weapons -----------------------------------------------------------------------------------------
WEAPONS = [
    ("A roadside bomb struck a patrol in Helmand.", "roadside bomb", "IED", "explosive"),
    ("An IED killed two soldiers near Gao.", "IED", "IED", "explosive"),
    ("A car bomb blew up near a restaurant in Mogadishu.", "car bomb", "car bomb", "explosive"),
    ("The attacker detonated a suicide vest at the mosque.", "suicide vest", "suicide vest", "explosive"),
    ("Militants fired mortars at the base.", "mortars", "mortar", "artillery"),
    ("Gunmen armed with RPGs attacked the convoy.", "RPGs", "RPG", "light_weapon"),
    ("Fighters in technicals stormed the town.", "technicals", "technical", "vehicle"),
    ("Hamas fired Qassam rockets at Sderot.", "Qassam rockets", "Qassam", "missile"),
    ("Helicopters dropped barrel bombs on Aleppo.", "barrel bombs", "barrel bomb", "bomb"),
    ("Iran fired Kheibar Shekan missiles at Israel.", "Kheibar Shekan missiles", "Kheibar Shekan", "missile"),
    ("A Tomahawk struck the radar site.", "Tomahawk", "Tomahawk", "missile"),
    ("An MQ-9 Reaper crashed in Yemen.", "MQ-9 Reaper", "MQ-9 Reaper", "drone"),
    ("A Wing Loong drone bombed the convoy in Tigray.", "Wing Loong drone", "Wing Loong", "drone"),
    ("The Houthis launched a Samad-3 drone at Eilat.", "Samad-3 drone", "Samad-3", "drone"),
    ("The frigate struck a naval mine off Hodeidah.", "naval mine", "naval mine", "mine"),
    ("An anti-ship ballistic missile hit the bulk carrier.", "anti-ship ballistic missile", "anti-ship missile", "missile"),
    # bladed and hand weapons of village massacres, generic projectiles, and trains hit on the line
    ("Raiders armed with hatchets and spears burned the granaries of Tundu.", "hatchets", "axe", "melee"),
    ("The attackers hacked the farmers with axes, a survivor told the radio.", "axes", "axe", "melee"),
    ("A man with a kitchen knife wounded three worshippers outside the chapel.", "kitchen knife", "knife", "melee"),
    ("Stray projectiles landed in the courtyard of the clinic.", "projectiles", "projectile", "munition"),
    ("A rocket hit a freight train outside the junction at dawn.", "freight train", "train", "train"),
]


@pytest.mark.parametrize("text,mention,name,category", WEAPONS)
def test_world_weapons(nlp, text, mention, name, category):
    doc = nlp(text)
    found = [s for s in doc.spans[labels.EQUIPMENT] if s.text == mention]
    assert found, f"{mention!r} not among {[s.text for s in doc.spans[labels.EQUIPMENT]]}"
    info = found[0]._.eventie_equipment
    assert (info["name"], info["category"]) == (name, category)


# --- the gazetteer itself ----------------------------------------------------------------------------
def test_gazetteer_covers_the_world():
    gaz = gazetteer()
    assert gaz.n_rows > 200_000
    countries = {e.country for k in ("Chad", "Haiti", "Peru", "Fiji", "Iceland", "Myanmar") for e in gaz.get(k)}
    assert {"Chad", "Haiti", "Peru", "Fiji", "Iceland", "Myanmar"} <= countries
    assert "of" not in gaz and "Of" not in gaz and "March" not in gaz


def test_gazetteer_loads_lazily(nlp):
    """Building the component reads no gazetteer (cold start); its first text does."""
    tagger = PlaceTagger(nlp, "lazy", spans_key=labels.PLACES, actors_key=labels.ACTORS)
    assert tagger._gaz is None
    doc = tagger(nlp("Gunmen attacked a market in Maiduguri."))
    assert tagger._gaz is not None and [s.text for s in doc.spans[labels.PLACES]] == ["Maiduguri"]


# --- places the gazetteer lacks, on the text's own evidence -----------------------------------------
UNKNOWN = [
    # a cue noun and "of", with the region that qualifies it
    ("Gunmen attacked the community of Kwatamari in Zamfara state overnight, killing 12 villagers.", "Kwatamari", "Zamfara", "Nigeria", "settlement"),
    # a name ending in a feature word, in the article's country
    ("Helicopters fired rockets at a compound in the remote Darbela Valley, officials in Pakistan said.", "Darbela Valley", None, "Pakistan", "district"),
    ("Militants attacked an army post in the Tembeni Hills of northern Mozambique.", "Tembeni Hills", None, "Mozambique", "district"),
    # "X is in Y": the name's other mention is a place too, with its cue noun
    ("Insurgents overran the Qarsangi district on Sunday after a night of fighting. Qarsangi is in Badakhshan province.",
     "Qarsangi district", "Badakhshan", "Afghanistan", "district"),
    ("Insurgents overran the Qarsangi district on Sunday after a night of fighting. Qarsangi is in Badakhshan province.",
     "Qarsangi", "Badakhshan", "Afghanistan", "settlement"),
]


@pytest.mark.parametrize("text,mention,admin1,country,precision", UNKNOWN)
def test_places_the_gazetteer_lacks(nlp, text, mention, admin1, country, precision):
    info = _place(nlp, text, mention)
    assert (info["name"], info["admin1"], info["country"], info["precision"]) == (mention.removesuffix(" district"), admin1, country, precision)
    assert info["geonameid"] is None


def test_an_unknown_place_is_the_event_site(nlp):
    doc = nlp("Helicopters fired rockets at a compound in the remote Darbela Valley, officials in Pakistan said.")
    assert [e["location"]["text"] for e in doc._.eventie_events] == ["Darbela Valley"]
    assert [s.text for s in doc.spans[labels.EQUIPMENT] if "Darbela" in s.text] == []


def test_a_place_name_holds_an_ner_fragment(nlp):
    """The NER reads part of a place name as an actor ("al Mandab"): the whole name is the place."""
    doc = nlp.make_doc("Houthi drones targeted ships in the Bab al Mandab on Sunday.")
    for name, proc in nlp.pipeline:
        if name == "eventie_place_tagger":
            break
        doc = proc(doc)
    fragment = Span(doc, 7, 9, label="ACTOR")
    fragment._.eventie_actor = {"name": "al Mandab", "side": None, "kind": None, "rule": "NER"}
    doc.spans[labels.ACTORS] = [*doc.spans.get(labels.ACTORS, []), fragment]
    doc = nlp.get_pipe("eventie_span_resolver")(nlp.get_pipe("eventie_place_tagger")(doc))
    assert [s.text for s in doc.spans[labels.PLACES]] == ["Bab al Mandab"]
    assert "al Mandab" not in [s.text for s in doc.spans[labels.ACTORS]]


def _with_ner_actor(nlp, text: str, name: str, key: str = labels.ACTORS):
    """``text`` through the place tagger and the resolver, with ``name`` made an NER-only actor (or, with
    ``key`` the equipment key, an NER-only weapon) first."""
    doc = nlp.make_doc(text)
    for pipe_name, proc in nlp.pipeline:
        if pipe_name == "eventie_place_tagger":
            break
        doc = proc(doc)
    start = next(t.i for t in doc if t.text == name.split()[0])
    span = Span(doc, start, start + len(name.split()), label="ACTOR" if key == labels.ACTORS else "EQUIPMENT")
    if key == labels.ACTORS:
        span._.eventie_actor = {"name": name, "side": None, "kind": None, "rule": "NER"}
    else:
        span._.eventie_equipment = {"name": name, "category": None, "rule": "NER"}
    doc.spans[key] = [a for a in doc.spans.get(key, []) if a.end <= span.start or a.start >= span.end] + [span]
    doc = nlp.get_pipe("eventie_span_resolver")(nlp.get_pipe("eventie_place_tagger")(doc))
    return [s.text for s in doc.spans[labels.PLACES]], [s.text for s in doc.spans[key]]


@pytest.mark.parametrize(
    "text,name",
    [
        ("A glide bomb hit the Lutsk bus depot on Friday.", "Lutsk"),
        ("Overnight, Zhytomyr was shelled again, the governor said.", "Zhytomyr"),
        ("Drones struck Uman and Vinnytsia before dawn.", "Vinnytsia"),
    ],
)
def test_a_town_the_ner_read_as_an_actor_is_the_place(nlp, text, name):
    places, actors = _with_ner_actor(nlp, text, name)
    assert name in places and name not in actors


@pytest.mark.parametrize(
    "text,name",
    [
        ("Kharkiv said the water supply would be restored by Monday.", "Kharkiv"),  # the city's authorities speak
        ("Lviv's volunteers drove the generators east.", "Lviv"),  # a possessor: the city's people
        ("The depot was shelled by Donetsk, the ministry said.", "Donetsk"),  # the agent of a passive
        ("Kyiv accused Moscow of striking the dam.", "Moscow"),  # accused: a party
        ("Drones from Russia hit the port.", "Russia"),  # a country is never taken for a village of its name
    ],
)
def test_a_city_standing_for_a_party_stays_an_actor(nlp, text, name):
    places, actors = _with_ner_actor(nlp, text, name)
    assert name in actors and name not in places


def test_a_town_the_ner_read_as_a_weapon_is_the_place_after_a_locative(nlp):
    places, weapons = _with_ner_actor(nlp, "The army says its soldiers have regained full control of Gubio in Borno state.", "Gubio", labels.EQUIPMENT)
    assert "Gubio" in places and "Gubio" not in weapons
    # with no locative the NER's weapon stands ("Krasnopol" is also a village in Poland)
    places, weapons = _with_ner_actor(nlp, "Gunners used a Krasnopol against the bridge.", "Krasnopol", labels.EQUIPMENT)
    assert "Krasnopol" in weapons and "Krasnopol" not in places


def test_a_name_found_by_its_evidence_is_found_again_after_a_sentence_opening_the(nlp):
    doc = nlp("Soldiers burned the village of Tangbo on Monday. The Tangbo killings drew wide condemnation.")
    assert [s.text for s in doc.spans[labels.PLACES]] == ["Tangbo", "Tangbo"]


def test_a_name_cut_short_is_the_place_of_the_article(nlp):
    # "Tuz Khurma" for Tuz Khurmatu, in an article about Iraq: the whole name, not "Khurma" in Saudi Arabia
    info = _place(nlp, "Jets bombed a hideout west of Tuz Khurma in northern Iraq.", "Tuz Khurma")
    assert (info["name"], info["country"]) == ("Tuz Khurmatu", "Iraq")


def test_a_follow_up_sentence_makes_the_site_more_specific(nlp):
    text = ("Coalition aircraft conducted air strikes in northern Iraq on Friday. Surveillance aircraft had watched "
            "the fighters in a farm west of Tuz Khurma, officials said.")
    doc = nlp(text)
    assert [e["location"]["name"] for e in doc._.eventie_events] == ["Tuz Khurmatu"]
    doc = nlp("Coalition aircraft conducted air strikes in northern Iraq on Friday. The fighters had fled to Baiji, officials said.")
    assert [e["location"]["name"] for e in doc._.eventie_events] == ["Iraq"]


def test_a_town_outside_a_city_is_the_town_the_next_sentence_names(nlp):
    # "outside Homs" only says where the town lies; the town named next (Talbiseh, 15 km away) is the site
    doc = nlp("Jets bombed a market in a town outside Homs on Friday, killing nine people. "
              "The strike on the town of Talbiseh also wounded 20, medics said.")
    assert [e["location"]["name"] for e in doc._.eventie_events] == ["Tallbisah"]


def test_a_distance_from_a_place_is_a_reference_not_a_launch_site(nlp):
    # "30 km from X" is not "launched from X": with no other place named, X locates the incident
    doc = nlp("A drone hit a fuel depot 30 km from Belgorod on Tuesday, killing two workers.")
    assert [e["location"]["name"] for e in doc._.eventie_events] == ["Belgorod"]


@pytest.mark.parametrize(
    "text,names",
    [
        # "near X" as often names the site itself: no merge with another town named later
        ("A drone hit a bus near Kupiansk on Monday, killing two. Shelling killed a man in Balakliia on Monday.",
         ["Kupiansk", "Balakliya"]),
        # a reference point only breaks ties: the settlement still beats the state it is in
        ("Gunmen killed five farmers near Gwoza in Borno state on Saturday.", ["Gwoza"]),
    ],
)
def test_a_loose_reference_keeps_its_site(nlp, text, names):
    assert [e["location"]["name"] for e in nlp(text)._.eventie_events] == names


def test_a_destination_is_no_site(nlp):
    # where the news went is not where the attack was: the second sentence joins the first event
    doc = nlp("Gunmen attacked the village of Kwatamari in Zamfara state on Sunday, killing 12 people. "
              "News of the attack took a day to reach the state capital, Gusau.")
    assert [e["location"]["text"] for e in doc._.eventie_events] == ["Kwatamari"]
    # where freed captives arrived does not make the abduction's site more specific
    doc = nlp("Militants abducted 40 villagers in Borno state in March. Those freed arrived on Saturday in the town of Bama, officials said.")
    assert [e["location"]["name"] for e in doc._.eventie_events] == ["Borno"]
