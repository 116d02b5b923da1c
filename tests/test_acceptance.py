"""What a user expects from one whole article, end to end, on both shipped pipelines.

``tests/data/acceptance_article.txt`` is a wire-style report written for eventie about an invented
incident: a partisan bombing claimed by an intelligence agency, in an occupied town, that the outlet could
not verify. It plays the part of the shared seed article (``test_api.py``) in a clean clone, where
``../shared`` is absent. The dates are relative to the dateline ("Published Sept. 12, 2024", a Thursday).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = (Path(__file__).parent / "data" / "acceptance_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=["rules", "trained"])
def event(request):
    events = request.getfixturevalue(request.param).extract(ARTICLE)
    assert len(events) == 1, [(e.type, str(e.date), e.location and e.location.name) for e in events]
    return events[0]


def test_type_date_and_place(event):
    assert (event.type, event.acled_event_type) == ("explosion", "Explosions/Remote violence")
    assert str(event.date) == "2024-09-10"  # "on Tuesday"; the Telegram post "on Wednesday" dates the claim
    assert (event.location.name, event.location.admin1, event.location.occupied) == ("Berdiansk", "Zaporizhzhia Oblast", True)


def test_perpetrators_and_target_with_sides(event):
    assert {a.name for a in event.perpetrators()} >= {"HUR", "Ukrainian resistance"}
    assert {a.side for a in event.perpetrators()} == {"Ukraine"}
    assert {(a.name, a.side) for a in event.targets()} == {("Russian forces", "Russia")}


def test_equipment_with_counts_and_status(event):
    named = sorted((e.name, e.category, e.count, e.status) for e in event.equipment if e.name in ("Ural truck", "BTR-82A"))
    assert named == [("BTR-82A", "armoured_vehicle", 1, "destroyed"), ("Ural truck", "truck", 3, "destroyed")]
    assert "ship" not in {e.name for e in event.equipment}  # "used to ship fuel" is a verb


def test_people_present_approximately_and_killed_uncounted(event):
    present = [(c.min, c.max, c.approximate) for c in event.casualties if c.kind == "present"]
    assert present == [(30, 30, True)]
    killed = [c for c in event.casualties if c.kind == "killed"]
    assert killed and all(c.min is None and c.max is None for c in killed)


def test_attribution_hedges_and_certainty(event):
    assert ("HUR", "said", "Telegram") in {(a.source_name, a.cue, a.channel) for a in event.attributions}
    # "the reported explosion" is a hedge of its own kind: "reported" before an event noun marks it as known
    # from reports only (cue hedge_reported_reported_modifier, as "reportedly")
    assert {h.kind for h in event.hedges} == {"alleged", "preliminary", "unverified", "reported"}
    assert "reported" in {h.text for h in event.hedges if h.kind == "reported"}
    assert event.certainty == "unverified"


def test_every_value_slices_back_to_the_article(event):
    mentions = [event.trigger, event.date_text, event.location, *event.actors, *event.equipment, *event.casualties, *event.attributions, *event.hedges]
    for m in mentions:
        assert ARTICLE[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text,dates",
    [
        # the date of the statement is not the date of the incident
        ("In a statement on Thursday, the governor said a drone struck a fuel depot in Belgorod on Wednesday.", ["2024-03-13"]),
        # ... and does not split an incident in two
        (
            "A drone struck a fuel depot in Belgorod on Wednesday, the governor said.\n\n"
            "In a post on Telegram on Thursday, the governor said the strike set the depot on fire and injured two workers.",
            ["2024-03-13"],
        ),
        # with nothing else to go by, the day of the statement stands
        ("In a post on Telegram on Thursday, Governor Vyacheslav Gladkov said a drone hit a fuel depot in Belgorod.", ["2024-03-14"]),
    ],
)
def test_statement_dates(rules, text, dates):
    assert [str(e.date) for e in rules.extract(text, published="2024-03-15")] == dates
