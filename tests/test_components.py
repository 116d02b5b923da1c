"""Each component on short news sentences written for eventie, with exact values asserted.

The sentences are our own; they imitate the reporting eventie reads (wire copy, governors' posts,
defence-ministry claims, analysis). Every value is checked exactly, and every offset must slice back
to its text.
"""

from __future__ import annotations

import pytest

from eventie import labels


def _one(doc, key, text):
    found = [s for s in doc.spans[key] if s.text == text]
    assert found, f"{text!r} not among {[s.text for s in doc.spans[key]]}"
    span = found[0]
    assert doc.text[span.start_char : span.end_char] == text
    return span


# --- actors ---------------------------------------------------------------------------------------
ACTORS = [
    ("HUR said the depot was hit overnight.", "HUR", "HUR", "Ukraine", "intelligence"),
    ("Ukraine's military intelligence agency said the depot burned for hours.", "Ukraine's military intelligence agency", "HUR", "Ukraine", "intelligence"),
    ("The Security Service of Ukraine detained two suspected saboteurs in Kharkiv.", "Security Service of Ukraine", "SBU", "Ukraine", "intelligence"),
    ("Russian soldiers were seen loading trucks near the station.", "Russian soldiers", "Russian forces", "Russia", "military"),
    ("A group of Russian servicemen gathered near the checkpoint.", "Russian servicemen", "Russian forces", "Russia", "military"),
    ("Local resistance fighters filmed the aftermath.", "Local resistance", "resistance", None, "partisan"),
    ("Wagner fighters withdrew from the town on Friday.", "Wagner fighters", "Wagner Group", "Russia", "armed_group"),
    ("The Kremlin declined to comment on the report.", "The Kremlin", "Kremlin", "Russia", "government"),
    ("Rapid Support Forces fighters stormed the market in Omdurman.", "Rapid Support Forces", "RSF", "RSF", "armed_group"),
    ("Houthi rebels fired two missiles at a tanker.", "Houthi rebels", "Houthis", "Houthis", "armed_group"),
    ("Malian soldiers patrolled the road to Gao.", "Malian soldiers", "Malian forces", "Mali", "military"),
    ("Ukraine and Russia exchanged prisoners on Friday.", "Russia", "Russia", "Russia", "government"),
]


@pytest.mark.parametrize("text,mention,name,side,kind", ACTORS)
def test_actors_name_side_kind(nlp, text, mention, name, side, kind):
    span = _one(nlp(text), labels.ACTORS, mention)
    assert (span._.eventie_actor["name"], span._.eventie_actor["side"], span._.eventie_actor["kind"]) == (name, side, kind)


def test_actors_country_owner_is_not_a_second_actor(nlp):
    doc = nlp("Ukraine's SBU said the blast was its work.")
    assert [s.text for s in doc.spans[labels.ACTORS]] == ["SBU"]


# --- equipment ------------------------------------------------------------------------------------
EQUIPMENT = [
    ("Partisans damaged two Kamaz trucks in the yard.", "Kamaz trucks", "Kamaz truck", "truck", 2, "damaged"),
    ("A UAZ Patriot pickup truck was parked outside.", "UAZ Patriot pickup truck", "UAZ Patriot", "vehicle", 1, None),
    ("Drones destroyed a T-72B3 tank near Bakhmut.", "T-72B3 tank", "T-72B3", "tank", 1, "destroyed"),
    ("Air defence shot down 12 Shahed drones over Kyiv.", "Shahed drones", "Shahed", "drone", 12, "intercepted"),
    ("Forces captured a BMP-2 intact.", "BMP-2", "BMP-2", "armoured_vehicle", 1, "captured"),
    ("A Russian S-400 system was hit in Crimea.", "S-400 system", "S-400", "air_defence", 1, "hit"),
    ("Three Kalibr cruise missiles were launched from the sea.", "Kalibr cruise missiles", "Kalibr", "missile", 3, None),
    ("Ukraine's air force said it shot down 31 of 35 Shahed drones.", "Shahed drones", "Shahed", "drone", 31, "intercepted"),
    ("Partisans said a BTR-82A armoured personnel carrier was destroyed.", "BTR-82A armoured personnel carrier", "BTR-82A", "armoured_vehicle", 1, "destroyed"),
    ("Two Ural trucks and a BMP-2 infantry fighting vehicle were damaged.", "BMP-2 infantry fighting vehicle", "BMP-2", "armoured_vehicle", 1, "damaged"),
]


@pytest.mark.parametrize("text,mention,name,category,count,status", EQUIPMENT)
def test_equipment_name_category_count_status(nlp, text, mention, name, category, count, status):
    info = _one(nlp(text), labels.EQUIPMENT, mention)._.eventie_equipment
    assert (info["name"], info["category"], info["count"], info["status"]) == (name, category, count, status)


@pytest.mark.parametrize(
    "text,word",
    [
        ("The port has been used to ship fuel to the front since 2022.", "ship"),
        ("Officials said they would tank the proposal.", "tank"),
    ],
)
def test_equipment_word_used_as_a_verb_is_no_equipment(nlp, text, word):
    doc = nlp(text)
    assert [t.pos_ for t in doc if t.text == word] == ["VERB"]  # the premise: the parse reads a verb
    assert [s.text for s in doc.spans[labels.EQUIPMENT]] == []


def test_equipment_side_from_nationality(nlp):
    info = _one(nlp("Ukrainian drones struck a Russian Ka-52 helicopter."), labels.EQUIPMENT, "Ka-52 helicopter")._.eventie_equipment
    assert info["side"] == "Russia"


# --- casualties -------------------------------------------------------------------------------------
CASUALTIES = [
    ("Russian forces shelled Kherson, killing three civilians.", "killing three civilians", "killed", 3, 3, False),
    ("The attack also left 12 others injured.", "12 others injured", "injured", 12, 12, False),
    ("A missile strike on Odesa killed at least 14 people.", "killed at least 14 people", "killed", 14, None, False),
    ("Israeli air strikes killed more than 30 Palestinians.", "killed more than 30 Palestinians", "killed", 31, None, False),
    ("Up to 10 soldiers were reported missing after the ambush.", "Up to 10 soldiers were reported missing", "missing", 0, 10, False),
    ("Dozens of RSF fighters were killed in the clashes.", "Dozens of RSF fighters were killed", "killed", 24, 99, True),
    ("Between 10 and 15 Malian soldiers were killed in the ambush.", "Between 10 and 15 Malian soldiers were killed", "killed", 10, 15, False),
    ("The death toll from the strike on Dnipro rose to 41.", "41", "killed", 41, 41, False),
    ("No casualties were reported after the drone attack.", "No casualties", "killed", 0, 0, False),
    ("Three people were injured by falling debris.", "Three people were injured", "injured", 3, 3, False),
    ("About 20 Russian soldiers were at the epicenter of the blast.", "About 20 Russian soldiers", "present", 20, 20, True),
    ("The explosions killed Russian soldiers, the agency said.", "killed Russian soldiers", "killed", None, None, False),
    ("A 61-year-old man died in hospital after the shelling.", "A 61-year-old man died", "killed", 1, 1, False),
    ("Twenty-six people were killed when the missile hit the station.", "Twenty-six people were killed", "killed", 26, 26, False),
    ("The ministry said no civilians were hurt in the attack.", "no civilians were hurt", "injured", 0, 0, False),
    ('The army said 14 "armed terrorists" were neutralised near the border.', '14 "armed terrorists" were neutralised', "killed", 14, 14, False),
    ('Mali\'s army said it killed "more than 40 terrorists" in the strikes.', 'killed "more than 40 terrorists', "killed", 41, None, False),
    ("There were no immediate reports of deaths after the blast.", "no immediate reports of deaths", "killed", 0, 0, False),
    ("The blasts killed nine people and wounded about 2,300 across the south.", "wounded about 2,300", "injured", 2300, 2300, True),
    ("A second strike killed about a dozen more.", "killed about a dozen more", "killed", 12, 12, True),
    ("Clinics in the town filled with wounded civilians.", "wounded civilians", "injured", None, None, False),
    ("Wagner fighters suffered heavy losses near the border.", "heavy losses", "killed", None, None, False),
    ("Volunteers found a body near the checkpoint.", "body", "killed", 1, 1, False),
    ("Medics treated a man who was badly hurt in the blast.", "a man who was badly hurt", "injured", 1, 1, False),
    ("GAO, May 2 - Seven Malian soldiers were killed when their truck hit a mine.", "Seven Malian soldiers were killed", "killed", 7, 7, False),
    ("Nine people remain in hospital after the strike.", "Nine people remain in hospital", "injured", 9, 9, False),
    ("Officials said the toll from the market strike has risen to 48.", "48", "killed", 48, 48, False),
    ("After the raid several others were taken away by the gunmen.", "several others were taken", "captured", 3, 9, True),
]


@pytest.mark.parametrize("text,mention,kind,lo,hi,approx", CASUALTIES)
def test_casualty_kind_and_numbers(nlp, text, mention, kind, lo, hi, approx):
    info = _one(nlp(text), labels.CASUALTIES, mention)._.eventie_casualty
    assert (info["kind"], info["min"], info["max"], info["approximate"]) == (kind, lo, hi, approx)


@pytest.mark.parametrize(
    "text",
    [
        "Melitopol had a pre-war population of about 150,000 people and came under Russian control in 2022.",
        "The convoy travelled 40 kilometres before it stopped.",
        "Ukraine and Russia exchanged 95 prisoners of war on Friday.",
        "The governing body of the alliance met in Brussels.",
        "The officials denied that any soldiers had died.",
        "Hanna Koval, 47, said the shelling lasted all night.",
        "The Kremlin said Ukraine had tried to kill the governor with two drones.",
        "The army denied killing civilians in the raid.",
        "About 300,000 people have fled the city since March.",
        "Before the war about 150,000 people lived in Melitopol, which Russia seized in 2022.",
        "Both armies lose thousands of small drones every month.",
        "It was one of the deadliest attacks of the year.",
        "Electronic warfare units took control of the other six.",
        "The ministry did not say how many people had died.",
    ],
)
def test_counts_that_are_not_casualties(nlp, text):
    assert list(nlp(text).spans[labels.CASUALTIES]) == []


def test_casualty_side_from_actor_inside(nlp):
    info = _one(nlp("Dozens of RSF fighters were killed in the clashes."), labels.CASUALTIES, "Dozens of RSF fighters were killed")._.eventie_casualty
    assert info["side"] == "RSF" and info["who"] == "RSF fighters"


# --- attributions and hedges --------------------------------------------------------------------------
ATTRIBUTIONS = [
    ("The depot was hit, according to Ukraine's military intelligence agency (HUR).", "according to", "according_to", "Ukraine's military intelligence agency (HUR)", "HUR", None),
    ("The regional governor wrote on Telegram that two people died.", "wrote", "wrote", "regional governor", "governor", "Telegram"),
    ("Houthi rebels claimed a missile attack on a cargo ship.", "claimed", "claimed", "Houthi rebels", "Houthis", None),
    ("The Kremlin denied that its troops had targeted the hospital.", "denied", "denied", "Kremlin", "Kremlin", None),
    ("Two transformers were damaged in the blast, officials and residents said.", "said", "said", "officials and residents", "government", None),
    ("The raid was carried out by the SBU, citing local sources.", "citing", "according_to", "local sources", None, None),
    ("Residents told the BBC that the village burned all night.", "told", "told", "Residents", "civilians", None),
    ("Ukraine's air force said in a statement that 20 drones were downed.", "said", "said", "Ukraine's air force", "Ukrainian Air Force", "statement"),
]


@pytest.mark.parametrize("text,cue_text,cue,source,source_name,channel", ATTRIBUTIONS)
def test_attribution_source_cue_channel(nlp, text, cue_text, cue, source, source_name, channel):
    info = _one(nlp(text), labels.ATTRIBUTIONS, cue_text)._.eventie_attribution
    assert (info["cue"], info["source"], info["source_name"], info["channel"]) == (cue, source, source_name, channel)


def test_attribution_definite_description_resolves_to_earlier_actor(nlp):
    doc = nlp("HUR published the video. The agency wrote on Telegram that losses were high.")
    info = _one(doc, labels.ATTRIBUTIONS, "wrote")._.eventie_attribution
    assert (info["source"], info["source_name"], info["channel"]) == ("agency", "HUR", "Telegram")


def test_dateline_is_not_the_speaker(nlp):
    doc = nlp("ODESA, May 4 (wire) - The regional governor said three ports were hit overnight.")
    assert _one(doc, labels.ATTRIBUTIONS, "said")._.eventie_attribution["source"] == "regional governor"


def test_name_between_commas_is_the_speaker(nlp):
    doc = nlp("A senior Hamas official, Basem Naim, said the talks had stalled.")
    info = _one(doc, labels.ATTRIBUTIONS, "said")._.eventie_attribution
    assert (info["source"], info["source_name"]) == ("senior Hamas official, Basem Naim", "Basem Naim")


def test_head_of_source_phrase_names_the_speaker(nlp):
    doc = nlp("Iran-backed Houthi rebels said they fired two missiles.")
    assert _one(doc, labels.ATTRIBUTIONS, "said")._.eventie_attribution["source_kind"] == "armed_group"


def test_participle_speaker_is_the_reporting_clause_subject(nlp):
    doc = nlp("Local officials denied that any workers had died, saying only that a fire broke out.")
    assert _one(doc, labels.ATTRIBUTIONS, "saying")._.eventie_attribution["source"] == "Local officials"


def test_called_judges_or_appeals_but_does_not_name(nlp):
    doc = nlp("The foreign minister called the strike a war crime. Troops reached a village called Kurakhove.")
    assert [(s.text, s._.eventie_attribution["source"]) for s in doc.spans[labels.ATTRIBUTIONS]] == [("called", "foreign minister")]


def test_article_published_is_not_an_attribution(nlp):
    doc = nlp("An article published on Tuesday misstated the toll.")
    assert [s.text for s in doc.spans[labels.ATTRIBUTIONS]] == []


def test_pronoun_speaker_is_the_last_person_quoted(nlp):
    doc = nlp("Army spokesman Oleksandr Shtupun said the assault failed. The IDF issued no comment. He said 40 soldiers were lost.")
    said = [s for s in doc.spans[labels.ATTRIBUTIONS] if s.text == "said"]
    info = said[-1]._.eventie_attribution
    assert (info["source"], info["source_name"]) == ("He", "Oleksandr Shtupun")


def test_pronoun_it_is_the_last_institution_quoted(nlp):
    doc = nlp("Russia's Defence Ministry said its troops had taken the village. It said 30 drones were downed overnight.")
    said = [s for s in doc.spans[labels.ATTRIBUTIONS] if s.text == "said"]
    assert said[-1]._.eventie_attribution["source_name"] == said[0]._.eventie_attribution["source_name"] == "Russian Defence Ministry"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not say how many drones had been launched.",
        "The claim could not be independently confirmed.",
        "No casualties were reported after the strike.",
    ],
)
def test_cues_that_attribute_nothing(nlp, text):
    assert [s.text for s in nlp(text).spans[labels.ATTRIBUTIONS]] == []


def test_according_to_preliminary_data_is_a_hedge_not_a_source(nlp):
    doc = nlp("According to preliminary data, 20 soldiers were at the scene.")
    assert [s.text for s in doc.spans[labels.ATTRIBUTIONS]] == []
    assert _one(doc, labels.HEDGES, "preliminary data")._.eventie_hedge["kind"] == "preliminary"


HEDGES = [
    ("The alleged footage shows a burning truck.", "alleged", "alleged"),
    ("The losses are being clarified, the agency said.", "losses are being clarified", "preliminary"),
    ("The Kyiv Independent couldn't verify these claims.", "couldn't verify", "unverified"),
    ("The claims could not be independently verified.", "could not be independently verified", "unverified"),
    ("Russian forces have highly likely captured the village.", "highly likely", "estimative"),
    ("The commander was reportedly killed in the strike.", "reportedly", "reported"),
    ("Police detained two suspected saboteurs near the depot.", "suspected", "alleged"),
    ("The cause of the fire is under investigation.", "under investigation", "unverified"),
    ("The ministry called the video a fabrication.", "fabrication", "denied"),
]


@pytest.mark.parametrize("text,mention,kind", HEDGES)
def test_hedge_kinds(nlp, text, mention, kind):
    assert _one(nlp(text), labels.HEDGES, mention)._.eventie_hedge["kind"] == kind


# --- places -----------------------------------------------------------------------------------------
PLACES = [
    ("Explosions were heard in occupied Melitopol overnight.", "Melitopol", "Melitopol", "Zaporizhzhia Oblast", "Ukraine", True),
    ("Shelling hit Kupiansk on Monday.", "Kupiansk", "Kupiansk", "Kharkiv Oblast", "Ukraine", None),
    ("Fighting continued around Avdiivka.", "Avdiivka", "Avdiivka", "Donetsk Oblast", "Ukraine", None),
    ("Drones attacked a refinery in Ryazan.", "Ryazan", "Ryazan", "Ryazan Oblast", "Russia", None),
    ("Clashes broke out in El Fasher again.", "El Fasher", "El Fasher", "North Darfur", "Sudan", None),
    ("The strike hit Khan Younis at dawn.", "Khan Younis", "Khan Younis", "Gaza Strip", "Palestinian Territory", None),
]


@pytest.mark.parametrize("text,mention,name,admin1,country,occupied", PLACES)
def test_places_resolve_offline(nlp, text, mention, name, admin1, country, occupied):
    info = _one(nlp(text), labels.PLACES, mention)._.eventie_place
    assert (info["name"], info["admin1"], info["country"], info["occupied"]) == (name, admin1, country, occupied)
    if not info["is_region"]:
        assert info["lat"] is not None and info["lon"] is not None


def test_place_inside_actor_is_not_a_place(nlp):
    doc = nlp("Ukraine's military intelligence agency said the blast hit Melitopol.")
    assert [s.text for s in doc.spans[labels.PLACES]] == ["Melitopol"]


# --- dates --------------------------------------------------------------------------------------------
def _date(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.eventie_published = published
    return nlp(doc)


@pytest.mark.parametrize(
    "text,published,mention,value",
    [
        ("The attack happened on March 22.", "2024-03-24", "March 22", "2024-03-22"),
        ("Drones hit the port on Tuesday.", "2024-03-14", "Tuesday", "2024-03-12"),
        ("The strike came on Dec. 29, 2023.", None, "Dec. 29, 2023", "2023-12-29"),
        ("Sirens sounded yesterday in Kyiv.", "2024-01-02", "yesterday", "2024-01-01"),
        ("The strike on Jan. 5 killed two.", "2024-01-03", "Jan. 5", "2023-01-05"),
    ],
)
def test_dates_resolve_against_published(nlp, text, published, mention, value):
    assert _one(_date(nlp, text, published), labels.DATES, mention)._.eventie_date["value"] == value


def test_dates_without_anchor_stay_unresolved(nlp):
    doc = _date(nlp, "The attack happened on Tuesday.", None)
    assert _one(doc, labels.DATES, "Tuesday")._.eventie_date["value"] is None


def test_dates_anchor_on_the_texts_own_explicit_date(nlp):
    doc = _date(nlp, "Video dated March 22, 2024 shows the blast. The attack took place on March 22.", None)
    assert [s._.eventie_date["value"] for s in doc.spans[labels.DATES]] == ["2024-03-22", "2024-03-22"]


# --- triggers -----------------------------------------------------------------------------------------
TRIGGERS = [
    ("A car bomb exploded in Mogadishu.", "exploded", "explosion"),
    ("Russian forces shelled the village overnight.", "shelled", "shelling"),
    ("A missile strike on Odesa killed five.", "missile strike", "missile_strike"),
    ("The SBU said its naval drones hit the landing ship.", "hit", "naval_attack"),
    ("Air defence shot down 12 drones.", "shot down", "interception"),
    ("Partisans set fire to a truck.", "set fire", "sabotage"),
    ("Ukraine and Russia exchanged 95 prisoners of war.", "exchanged", "prisoner_exchange"),
    ("Russian forces captured Robotyne.", "captured", "territory_change"),
    # the object names the place it is
    ("Malian troops recaptured the northern town of Tessalit on Sunday.", "recaptured", "territory_change"),
    # a site a party holds, at a place
    ("Jihadists seized an army base near Mopti on Friday.", "seized", "territory_change"),
    # a party driven out of a named place
    ("Government troops drove the rebels out of Bunia on Monday.", "drove", "territory_change"),
]


@pytest.mark.parametrize("text,mention,etype", TRIGGERS)
def test_trigger_types(nlp, text, mention, etype):
    assert _one(nlp(text), labels.TRIGGERS, mention)._.eventie_trigger["type"] == etype


@pytest.mark.parametrize("text", ["Two ballistic missiles were aimed at the port overnight.", "The militia aimed mortars at the airfield."])
def test_a_weapon_aimed_at_something_is_an_attack(nlp, text):
    [trigger] = nlp(text).spans[labels.TRIGGERS]
    assert trigger.text == "aimed"


@pytest.mark.parametrize("text", ["The agency will release a statement tomorrow.", "The governor exchanged letters with the mayor.",
                                  "Police seized a stash of weapons in Kano.", "The talks were aimed at a truce by spring.",
                                  "The campaign aimed its message at young voters.", "The mayor drove out of the city in a convoy.",
                                  "He drove a truck to Kano."])
def test_constrained_triggers_do_not_fire(nlp, text):
    assert [s.text for s in nlp(text).spans[labels.TRIGGERS]] == []


# --- the anchored matcher ---------------------------------------------------------------------------
ANCHOR_PATTERNS = {
    "SAID": [[{"LOWER": "officials", "OP": "?"}, {"LEMMA": "say"}, {"LOWER": "on", "OP": "?"}, {"POS": "PROPN"}]],
    "ACCORDING": [[{"LOWER": "according"}, {"LOWER": "to"}]],
    "ALLEGED": [[{"LOWER": {"IN": ["alleged", "purported"]}}, {"POS": "NOUN"}]],
}


@pytest.mark.parametrize(
    "text",
    [
        "Officials said on Telegram that the alleged strike hit a depot, according to residents.",
        "According to the governor, two people were hurt. Officials said Monday the purported attack failed.",
        "Nothing here matches at all.",
        "",
    ],
)
@pytest.mark.parametrize("unanchored", [False, True])
def test_anchored_matcher_finds_what_the_matcher_finds(nlp, text, unanchored):
    from spacy.matcher import Matcher

    from eventie.components._common import AnchoredMatcher

    plain, anchored = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    patterns = dict(ANCHOR_PATTERNS, **({"NUMBER": [[{"LIKE_NUM": True}, {"POS": "NOUN"}]]} if unanchored else {}))
    for key, pats in patterns.items():
        plain.add(key, pats)
        anchored.add(key, pats)
    doc = nlp(text)
    assert anchored(doc) == list(plain(doc))
    assert anchored.whole_doc is unanchored
    if "Officials said on Telegram" in text:
        assert len(anchored(doc)) == 4  # "(Officials) said on Telegram", "alleged strike", "according to"


@pytest.mark.parametrize("text", ["", " a  b\n\n c\t", "Ünïcode — “quotes”  \u00a0 end ", "Strikes hit Kharkiv.\n"])
def test_doc_text_from_arrays_is_doc_text(nlp, text):
    from eventie.components.assembler.document import doc_text

    doc = nlp.make_doc(text)
    assert doc_text(doc) == doc.text == text
