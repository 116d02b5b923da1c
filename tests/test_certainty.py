"""Certainty as a table of cases (docs/certainty.md): every row with a sentence of its own.

The sentences run through the rules pipeline (no trained weights), so they test the rules, not a model;
the ``reason`` must name the case and the words that decided it.
"""

from __future__ import annotations

import pytest

from eventie.components.assembler.certainty import CASES, Count, Evidence, decide
from eventie.rules import AssemblerRules, packaged_rules, parse_yaml

CASE_SENTENCES = [
    # 1 the other side denies
    ("Russian forces shelled a school in Kherson on Monday, Ukrainian officials said. Russia's defence ministry denied the attack.",
     "disputed", 'denied: Russian Defence Ministry "denied"'),
    # 2 two sources give different counts
    ("Ukraine's military said 20 Russian soldiers were killed in the strike on Tokmak on Monday; Russia's defence ministry said two soldiers died.",
     "disputed", "counts_differ: Ukrainian forces 20, Russian Defence Ministry 2 killed"),
    # 2b both sides speak and neither account could be verified
    ("Ukraine's military said its troops repelled an assault on the village of Zorivka on Monday. Russia's defence ministry said "
     "its forces captured Zorivka after the attack. Neither account could be independently verified.",
     "disputed", 'accounts_differ: "Neither account could be independently verified."'),
    # 2c a party says it hit combatants, a source not of its side says civilians were hit
    ("A Russian missile struck a bus in Dnipro on Monday, killing four passengers, the regional governor said. Russia's defence "
     "ministry said it had hit a gathering of Ukrainian military personnel in Dnipro.",
     "disputed", 'framings_differ: Russian Defence Ministry "said" combatants, governor "said" civilians'),
    # 2d a party says the attack failed, a party of the other side gives its own account
    ("Ukraine's navy said its sea drones hit a Russian patrol ship at Novorossiysk on Tuesday. The Russian Black Sea Fleet said "
     "its crews destroyed five naval drones and that no vessels were damaged.",
     "disputed", 'outcomes_differ: Black Sea Fleet "said" failed, Ukrainian Navy "said"'),
    # ... but one side alone saying it repelled an attack is its claim
    ("The army said it repelled an attack by the RSF on the outskirts of El Obeid on Monday, killing dozens of fighters.",
     "claimed", 'party_claims: forces "said"'),
    # 3 the outlet could not verify
    ("Ukraine's military intelligence agency said its drones destroyed two helicopters at an airfield near Pskov on Sunday. "
     "The Kyiv Independent could not verify the claim.", "unverified", 'unverified: "could not verify" (unverified)'),
    # 4 an independent source confirms
    ("A missile hit a hospital in Kharkiv on Monday, Reuters confirmed.", "confirmed", 'independent_confirms: Reuters "confirmed"'),
    # 5 a party claims its own success
    ("The Russian army said it shot down 12 Ukrainian drones over Belgorod on Tuesday.", "claimed", 'party_claims: Russian forces "said"'),
    # 5 ... or the enemy's losses, with no side in its own words: "the army" takes the document's side
    ("The army said soldiers killed 15 militants near Maiduguri on Monday.", "claimed", 'party_claims: forces "said"'),
    # 5b the document is a party's statement: what it states in its own voice is the party's claim
    ("Ukrainian Navy statement\n\nNaval drones struck a Russian landing ship near Feodosia overnight.",
     "claimed", 'party_publishes: Ukrainian Navy "Ukrainian Navy statement"'),
    # ... also when its heading names the party after "Statement by the" and no actor span (publisher._unnamed_publisher)
    ("Statement by the Ministry of Defence of the Russian Federation\n\nOvernight, air defence units intercepted and "
     "destroyed 12 Ukrainian drones over the Voronezh region.", "claimed",
     'party_publishes: Ministry of Defence of the Russian Federation "Statement by the Ministry of Defence of the Russian Federation"'),
    # 8b the document is a local official's post (a heading ending in a colon) and the event names no source of its own
    ("Oksana Melnyk, head of the Sumy regional military administration, on Telegram:\n\nIn the afternoon a guided bomb "
     "hit a warehouse in Shostka. Two workers were wounded.", "reported",
     'source_publishes: Oksana Melnyk "Oksana Melnyk, head of the Sumy regional military administration, on Telegram:"'),
    # 6 hedged as alleged
    ("The alleged drone strike on a depot in Donetsk killed three people on Friday.", "claimed", 'alleged: "alleged" (alleged)'),
    # 8 a third party reports
    ("Residents told Reuters that shelling hit a market in El Fasher on Sunday.", "reported", 'third_party: civilians "told"'),
    # 8 a governor reports damage to their own area: no party
    ("The governor of Belgorod said a drone hit a house in Shebekino on Friday.", "reported", 'third_party: Belgorod "said"'),
    # 9 the count itself is estimated
    ("About 30 people were killed in an explosion at a market in Mogadishu on Sunday, according to preliminary data.",
     "reported", 'estimated: "preliminary data" (preliminary)'),
    # 11 the outlet's own voice
    ("A car bomb exploded in Mogadishu on Sunday, killing five people.", "confirmed", "own_voice: no attribution and no hedge"),
]


@pytest.mark.parametrize("text, level, reason", CASE_SENTENCES)
def test_certainty_case_sentences(rules, text, level, reason):
    (event,) = rules.extract(text)
    assert (event.certainty, event.certainty_reason) == (level, reason)


DETAIL_SENTENCES = [
    # "it was not clear who fired" doubts a detail, not the event: the governor's report decides (pending_words)
    ("Shells hit a market in Kherson on Monday, killing four people, the regional governor said. It was not clear who fired the shells.",
     "reported", 'third_party: governor "said"'),
    # ... while a check still under way leaves the event unverified
    ("A drone hit an oil depot in Bryansk on Monday, the regional governor said. The cause of the fire was under investigation.",
     "unverified", 'unverified: "under investigation" (unverified)'),
    # "a local official" reports on their own area, like "local officials" (local_official_words)
    ("Gunmen attacked a convoy of traders near Gao on Monday, killing six people, a local official said.",
     "reported", 'third_party: government "said"'),
    # "Suspected jihadist fighters" hedges who did it, not whether it happened (EventWriter.hedge_kind)
    ("Suspected jihadist fighters ambushed a convoy near the town of Kaya on Monday, killing seven traders, residents said.",
     "reported", 'third_party: civilians "said"'),
    ("Suspected jihadist fighters ambushed a convoy near the town of Kaya on Monday, killing seven traders.",
     "reported", 'hedged: "Suspected" (suspect)'),
    # ... "men suspected of planting the bomb" is the allegation the arrest rests on
    ("Police arrested three men suspected of planting the bomb in Quetta on Monday, a hospital doctor said.",
     "claimed", 'alleged: "suspected" (alleged)'),
    # a habitual denial denies a kind of conduct, not this event (habitual_words) ...
    ("Shelling hit a camp for displaced people near El Fasher on Saturday, killing 12 people, medics said. "
     "In the past the RSF has denied targeting civilians and accused the army of using camps as cover.",
     "reported", 'third_party: medics "said"'),
    # ... but a standing dismissal of such claims disputes this one (standing_claim_words), as does a plain denial
    ("Rebels said their fighters captured 30 soldiers in clashes near Dembecha on Saturday. "
     "The army has previously dismissed such claims as propaganda.", "disputed", 'denied: forces "dismissed"'),
    ("Shelling hit a camp for displaced people near El Fasher on Saturday, killing 12 people, medics said. The RSF denied targeting civilians.",
     "disputed", 'denied: RSF "denied"'),
    # a denial of a standing charge of support speaks of that support, not of this event (support_charge_words)
    ("Fighters of the Kivu Front shelled a market in Rutshuru on Tuesday, killing six people, a local doctor said. "
     "Kigali denies arming the Kivu Front.", "reported", 'third_party: local doctor "said"'),
    # "rejected" with an agreement as its object refuses a deal; it denies no account (agreement_objects)
    ("The army said gunmen of the Southern Front, a faction that rejected the 2019 peace agreement, ambushed a patrol near Tumaco on Friday.",
     "claimed", 'party_claims: forces "said"'),
    # one speaker under his full name and then his surname gives one account, not two counts that contradict
    ("Gunmen stormed a bus depot in Turbat on Tuesday and killed 12 passengers, military spokesman Major General Imran Qadir "
     "said. Qadir later said four passengers had died in the crossfire.", "claimed", 'party_claims: Major General Imran Qadir "said"'),
    # a party's claim of responsibility after residents named first: the mixed-source convention, not claim_verb
    ("Gunmen stormed a hotel in Mogadishu on Sunday, killing nine people, residents said. Al-Shabaab claimed responsibility for the attack.",
     "reported", 'third_party: civilians "said"'),
]


@pytest.mark.parametrize("text, level, reason", DETAIL_SENTENCES)
def test_detail_hedges_and_habitual_denials_leave_the_sources_to_decide(rules, text, level, reason):
    (event,) = rules.extract(text)
    assert (event.certainty, event.certainty_reason) == (level, reason)


def _rules() -> AssemblerRules:
    return parse_yaml("assembler.yaml", packaged_rules(["assembler.yaml"])["assembler.yaml"], AssemblerRules)


def _ev(atts=(), hedges=(), counts=()) -> Evidence:
    r = _rules()
    return Evidence(atts=list(atts), hedges=list(hedges), party_kinds=r.party_kinds, local_words=r.local_official_words,
                    party_words=r.party_words, sides=frozenset({"Ukraine", "Russia"}), counts=list(counts),
                    groups={w: g for g, words in r.count_groups.items() for w in words})


ARMY = {"text": "said", "cue": "said", "source": "the army", "source_name": "forces", "source_side": None, "source_kind": "military"}
SPOKESMAN = {"text": "said", "cue": "said", "source": "Army spokesman Ali Musa", "source_name": "Ali Musa", "source_kind": None}
MAYOR = {"text": "said", "cue": "said", "source": "the mayor of Sumy", "source_name": "Sumy", "source_kind": "government"}
REUTERS = {"text": "reported", "cue": "reported", "source": "Reuters", "source_name": "Reuters", "source_kind": "media"}
NOBODY = {"text": "claimed", "cue": "claimed", "source": "No group", "source_name": None, "source_kind": None}
STATE = {"text": "says", "cue": "said", "source": "Ukraine", "source_name": "Ukraine", "source_kind": None}
COMMAND = {"text": "said", "cue": "said", "source": "the Southern Operational Command", "source_name": "Southern Operational Command",
           "source_kind": None}
WITNESS = {"text": "claimed", "cue": "claimed", "source": "Witnesses", "source_name": "civilians", "source_kind": "civilian"}


@pytest.mark.parametrize(
    "ev, level, case",
    [
        (_ev([ARMY]), "claimed", "party_claims"),  # a party with no side is still a party (guide rule 3)
        (_ev([SPOKESMAN]), "claimed", "party_claims"),  # the office in the source's words makes it a party
        (_ev([MAYOR]), "reported", "third_party"),
        (_ev([STATE]), "claimed", "party_claims"),  # "Ukraine says": the state itself
        (_ev([COMMAND]), "claimed", "party_claims"),  # local officials report on their own area
        (_ev([REUTERS, ARMY]), "reported", "third_party"),  # rests on the independent source first named
        (_ev([ARMY, REUTERS]), "claimed", "party_claims"),  # the party's account, which Reuters repeats
        (_ev([ARMY, REUTERS, MAYOR]), "reported", "third_party"),  # more independent sources than parties
        (_ev([NOBODY]), "reported", "third_party"),  # "No group claimed": a source nobody resolves makes no claim
        (_ev([WITNESS]), "claimed", "claim_verb"),
        (_ev([], [("modal", "may have")]), "reported", "hedged"),
        (_ev([{**REUTERS, "cue": "confirmed"}, ARMY]), "confirmed", "independent_confirms"),
        # same count from two sources, or two counts from one source: no dispute
        (_ev([REUTERS, ARMY], counts=[Count("killed", 4, 4, 1), Count("killed", 4, 4, 0)]), "reported", "third_party"),
        (_ev([ARMY], counts=[Count("killed", 4, 4, 0), Count("injured", 9, 9, 0)]), "claimed", "party_claims"),
        (_ev([ARMY, REUTERS], counts=[Count("killed", 4, 4, 0, "soldiers"), Count("killed", 9, 9, 1, "troops")]), "disputed", "counts_differ"),
        # counts_differ compares the same group only: soldiers against civilians, or an unnamed toll, is no dispute
        (_ev([ARMY, REUTERS], counts=[Count("killed", 4, 4, 0, "soldiers"), Count("killed", 9, 9, 1, "civilians")]), "claimed", "party_claims"),
        (_ev([ARMY, REUTERS], counts=[Count("killed", 4, 4, 0, "people"), Count("killed", 9, 9, 1)]), "claimed", "party_claims"),
        (_ev([ARMY, REUTERS], counts=[Count("killed", 4, 4, 0, "civilians"), Count("killed", 9, 9, 1, "people")]), "disputed", "counts_differ"),
        # ... unless sources of two sides give them (each side's account of the same fight)
        (_ev([{**ARMY, "source_side": "Ukraine"}, {**ARMY, "source_name": "Russian forces", "source_side": "Russia"}],
             counts=[Count("killed", 30, 30, 0, "attackers"), Count("killed", 5, 5, 1, "civilians")]), "disputed", "counts_differ"),
        # "no one was hurt" against a number hurt from a source not of the same side
        (_ev([ARMY, MAYOR], counts=[Count("injured", 12, 12, 0, "servicemen"), Count("injured", 0, 0, 1, "no civilians")]),
         "disputed", "counts_differ"),
    ],
)
def test_certainty_cases_on_payloads(ev, level, case):
    got_level, reason = decide(ev)
    assert (got_level, reason.split(":")[0]) == (level, case)


def test_every_case_is_documented():
    from pathlib import Path

    doc = (Path(__file__).parents[1] / "docs" / "certainty.md").read_text()
    assert [c for c, _, _ in CASES if f"`{c}`" not in doc] == []


def test_two_claimants_keep_their_counts(rules):
    text = ("Ukraine's military said 20 Russian soldiers were killed in the strike on Tokmak on Monday; "
            "Russia's defence ministry said two soldiers died.")
    (event,) = rules.extract(text)
    got = [(c.min, c.kind, c.attribution, c.source) for c in event.casualties]
    assert got == [(20, "killed", 0, "Ukrainian forces"), (2, "killed", 1, "Russian Defence Ministry")]
    assert [event.attributions[c.attribution].source_name for c in event.casualties] == ["Ukrainian forces", "Russian Defence Ministry"]
    assert event.certainty == "disputed"


def test_a_count_keeps_its_own_hedge(rules):
    (event,) = rules.extract("About 30 people were killed in an explosion at a market in Mogadishu on Sunday, according to preliminary data.")
    assert [(c.min, c.approximate, [(h.text, h.kind) for h in c.hedges], c.attribution) for c in event.casualties] == [
        (30, True, [("preliminary data", "preliminary")], None)
    ]


def test_each_equipment_status_keeps_its_claimant(rules):
    text = "Ukraine's navy said its drones destroyed a Russian patrol ship near Sevastopol on Monday. Russia said it shot down three drones."
    (event,) = rules.extract(text)
    got = [(e.name, e.status, e.attribution, e.source) for e in event.equipment]
    assert got == [("drone", "intercepted", 1, "Russia"), ("ship", "destroyed", 0, "Ukrainian Navy")]


def test_a_verification_hedge_covers_every_claim_of_its_party(rules):
    """"The ministry's claims could not be verified" doubts both claims of the ministry, not only the last event,
    and not the governor's report that stands between them (assembler/coverage.py)."""
    text = ("Russia's defence ministry said its air defences shot down 30 drones over the Bryansk region on Tuesday.\n\n"
            "The ministry also said its forces struck a fuel depot near Kupiansk on Tuesday, killing 12 Ukrainian soldiers.\n\n"
            "The governor of Kursk said a drone hit a house in Rylsk on Tuesday.\n\n"
            "The ministry's claims could not be independently verified.")
    got = [(e.trigger.text, e.certainty) for e in rules.extract(text)]
    assert got == [("shot down", "unverified"), ("struck", "unverified"), ("hit", "reported")]


def test_a_closing_verification_hedge_reaches_back_past_the_window(rules):
    """"The claims could not be verified" three sentences after the last event still doubts it (merging.py attach:
    only its verification hedge crosses the attach window)."""
    text = ("The Arakan Army said on Monday it had captured the town of Mindat in Chin State.\n\n"
            "In a statement posted on Telegram, the group said its fighters had overrun the last army camps around the town. "
            "It released photos of fighters standing beside seized mortars.\n\n"
            "The junta did not respond to requests for comment. The claims could not be independently verified.")
    (event,) = rules.extract(text)
    assert (event.certainty, event.certainty_reason) == ("unverified", 'unverified: "could not be independently verified" (unverified)')


def test_a_closing_single_claim_hedge_reaches_back_past_the_window(rules):
    """"The claim could not be independently verified" closes the report of the last event like the plural one,
    however many sentences stand between them (merging.attach, coverage.closes)."""
    text = ("Ukraine's military intelligence agency said on Tuesday that its naval drones had sunk the Russian patrol ship "
            "Ivanovets near the Kerch Strait overnight.\n\nThe agency published night-vision footage on Telegram that it said "
            "showed the drones striking the vessel. It said the ship was destroyed.\n\nRussia's defence ministry did not comment. "
            "The Russian-installed head of Crimea said traffic on the Crimean Bridge had been halted for several hours.\n\n"
            "The claim could not be independently verified.")
    (event,) = rules.extract(text)
    assert (event.certainty, event.certainty_reason) == ("unverified", 'unverified: "could not be independently verified" (unverified)')


def test_a_single_claim_hedge_stays_with_its_event(rules):
    """"That claim could not be verified" speaks of one claim: the ministry's other event stays claimed."""
    text = ("Russia's defence ministry said its air defences shot down 30 drones over the Bryansk region on Tuesday.\n\n"
            "The ministry also said its forces struck a fuel depot near Kupiansk on Tuesday. That claim could not be verified.")
    got = [(e.trigger.text, e.certainty) for e in rules.extract(text)]
    assert got == [("shot down", "claimed"), ("struck", "unverified")]


def test_a_denial_with_its_own_account_disputes_the_event_it_rejects(rules):
    """"X rejected that account, saying its air defences shot down 12 drones" makes an event of its own (the
    denier's version); the event it rejects is the one before it, and that is disputed too (coverage.py)."""
    text = ("Ukrainian drones struck an oil depot in the town of Novozybkov on Sunday, Ukraine's General Staff said.\n\n"
            "Russia's defence ministry rejected that account, saying its air defences had shot down 12 drones over the Bryansk region.")
    got = [(e.trigger.text, e.certainty) for e in rules.extract(text)]
    assert got == [("drones struck", "disputed"), ("shot down", "disputed")]


def test_counts_of_different_groups_are_no_dispute(rules):
    """A police count of gunmen and a hospital's count of civilians number different people: no dispute."""
    text = ("Gunmen attacked a checkpoint in Larvik province on Monday. Police said officers killed six gunmen. "
            "A doctor at the Larvik hospital said two civilians died.")
    events = rules.extract(text)
    assert all(not e.certainty_reason.startswith("counts_differ") for e in events)


TWO_CLAIMANTS = [
    ("Russian artillery shelled the village of Velyka Novosilka on Thursday. Ukraine's General Staff said 14 Russian soldiers were "
     "killed when its troops returned fire. Russia's defence ministry said only three of its soldiers were killed.",
     [(14, "killed", "Ukrainian General Staff"), (3, "killed", "Russian Defence Ministry")]),
    ("The Sudanese army said its troops killed 40 RSF fighters in an attack on the town of Um Sumeima on Friday. The Rapid Support "
     "Forces said on Telegram that 6 of its fighters had died in the attack.",
     [(40, "killed", "SAF"), (6, "killed", "RSF")]),
]


@pytest.mark.parametrize("pipeline", ["rules", "trained"])
@pytest.mark.parametrize("text, counts", TWO_CLAIMANTS)
def test_two_claimants_in_separate_sentences(request, pipeline, text, counts):
    """Each claimant's count keeps its source (and the attribution it rests on), and the event is disputed, in the
    rules pipeline and the shipped one."""
    (event,) = request.getfixturevalue(pipeline).extract(text)
    assert [(c.min, c.kind, c.source) for c in event.casualties] == counts
    assert [event.attributions[c.attribution].source_name for c in event.casualties] == [s for _, _, s in counts]
    assert (event.certainty, event.certainty_reason.split(":")[0]) == ("disputed", "counts_differ")


TITLED_AFTER_THE_NAME = [
    # the office that makes a source a party follows its name as an appositive (publisher.party_names)
    ("Ukrainian troops destroyed a Russian assault group near the village of Robotyne on Tuesday, Andriy Kovalenko, "
     "spokesman for the Tavria group of forces, told national television.", "claimed", 'party_claims: Andriy Kovalenko "told"'),
    # a governor's title after the name still makes a local official, no party
    ("Oleh Syniehubov, governor of the Kharkiv region, said Russian drones hit a school in Kharkiv on Monday.",
     "reported", 'third_party: Oleh Syniehubov "said"'),
]


@pytest.mark.parametrize("text, level, reason", TITLED_AFTER_THE_NAME)
def test_a_title_after_the_name_makes_a_party(rules, text, level, reason):
    (event,) = rules.extract(text)
    assert (event.certainty, event.certainty_reason) == (level, reason)


FRAMINGS = [
    # "no civilians were hurt" is no civilian account against the striker's: the party's claim stands
    ("The Israeli military said its aircraft struck militants in the town of Beit Lahia on Monday. Residents said no civilians "
     "were hurt in the strike.", "claimed", 'party_claims: IDF "said"'),
    ("The Israeli military said its aircraft struck militants in the town of Beit Lahia on Monday. Residents said three civilians "
     "were hurt in the strike.", "disputed", 'framings_differ: IDF "said" combatants, civilians "said" civilians'),
    # "RSF fighters attacked the town": the fighters are the doers, not those hit; no framing against the residents'
    ("RSF fighters attacked the town of Tawila on Monday, the army said. Residents said civilians fled to the hills.",
     "claimed", 'party_claims: forces "said"'),
    # an exchange of prisoners hits no one: "servicemen" released against "civilians" returned is no dispute
    ("Zelensky said 90 Ukrainian prisoners of war were freed in an exchange with Russia on Friday. Russia's defence ministry "
     "said 90 Russian servicemen were released in return. Ukrainian officials said two civilians were also returned.",
     "claimed", 'party_claims: Ukrainian government "said"'),
]


@pytest.mark.parametrize("text, level, reason", FRAMINGS)
def test_whom_each_side_says_was_hit(rules, text, level, reason):
    (event,) = rules.extract(text)
    assert (event.certainty, event.certainty_reason) == (level, reason)


def test_habitual_attribution_after_a_comma_is_no_attribution_of_the_event(rules):
    # "In the past, ..." is habitual even with the comma: past blame for similar attacks is not about this one
    doc = rules.nlp("Militants stormed a hotel in Mogadishu on Friday, killing nine people, police said. In the past, "
                    "rights groups blamed the militia for similar attacks.")
    event = next(e for e in doc._.eventie_events if e["trigger"]["text"] == "stormed")
    assert [a["source"] for a in event["attributions"]] == ["police"]
