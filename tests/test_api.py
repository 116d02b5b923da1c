"""The public API end to end: one call, evidence offsets, streams, records, bad input."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

import eventie
from eventie.errors import InputTypeError

SAMPLE = resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"


def _all_mentions(ev):
    yield ev.trigger
    if ev.date_text:
        yield ev.date_text
    if ev.location:
        yield ev.location
    yield from ev.actors
    yield from ev.equipment
    yield from ev.casualties
    yield from ev.attributions
    yield from ev.hedges
    yield from ev.sentences


@pytest.fixture(scope="module", params=["rules", "trained"])
def extractor(request):
    return request.getfixturevalue(request.param)


def test_sample_article_gives_one_claimed_disputed_event(extractor):
    events = extractor.extract(SAMPLE)
    assert len(events) == 1
    ev = events[0]
    assert ev.type == "explosion" and ev.acled_event_type == "Explosions/Remote violence"
    assert str(ev.date) == "2023-10-14"
    assert (ev.location.name, ev.location.admin1, ev.location.occupied) == ("Tokmak", "Zaporizhzhia Oblast", True)
    assert {a.name for a in ev.perpetrators()} >= {"resistance"}
    assert {a.side for a in ev.targets()} == {"Russia"}
    killed = [c for c in ev.casualties if c.kind == "killed"]
    assert [(c.min, c.max) for c in killed] == [(12, None)]
    tanks = [e for e in ev.equipment if e.category == "tank"]
    assert [(e.name, e.count, e.status) for e in tanks] == [("T-72", 2, "destroyed")]
    assert any(a.cue == "denied" for a in ev.attributions)
    assert ev.certainty == "disputed"
    # the officials' denial is theirs (an attribution, cue denied), not also an anonymous "denied" hedge
    assert {h.kind for h in ev.hedges} == {"unverified"}


def test_every_value_slices_back_to_its_text(extractor):
    for ev in extractor.extract(SAMPLE):
        for m in _all_mentions(ev):
            assert SAMPLE[m.start : m.end] == m.text


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not beside the checkout")
def test_seed_article_acceptance(extractor):
    text = SEED.read_text(encoding="utf-8")
    events = extractor.extract(text)
    assert len(events) == 1
    ev = events[0]
    assert str(ev.date) == "2024-03-22"
    assert (ev.location.name, ev.location.admin1, ev.location.occupied) == ("Melitopol", "Zaporizhzhia Oblast", True)
    assert abs(ev.location.lat - 46.85) < 0.05 and abs(ev.location.lon - 35.38) < 0.05
    assert "HUR" in {a.name for a in ev.perpetrators()}
    assert {a.side for a in ev.perpetrators()} == {"Ukraine"}
    assert {a.side for a in ev.targets()} == {"Russia"}
    named = sorted((e.name, e.count) for e in ev.equipment if e.name in ("Kamaz truck", "UAZ Patriot"))
    assert named == [("Kamaz truck", 2), ("UAZ Patriot", 1)]
    present = [c for c in ev.casualties if c.kind == "present"]
    assert [(c.min, c.max, c.approximate) for c in present] == [(20, 20, True)]
    assert all(c.min is None for c in ev.casualties if c.kind == "killed")
    assert any(a.source_name == "HUR" and a.channel == "Telegram" for a in ev.attributions)
    assert {"alleged", "preliminary", "unverified"} <= {h.kind for h in ev.hedges}
    assert ev.certainty in ("claimed", "unverified")
    for m in _all_mentions(ev):
        assert text[m.start : m.end] == m.text


def test_extract_many_keeps_order_ids_and_meta(rules):
    items = [
        {"id": "a", "text": SAMPLE, "outlet": "x"},
        "",
        {"id": "c", "text": "Russian forces shelled Kherson on Tuesday, killing three civilians.", "published": "2024-03-14"},
    ]
    docs = list(rules.extract_many(items, batch_size=2))
    assert [d.id for d in docs] == ["a", None, "c"]
    assert docs[0].meta == {"outlet": "x"} and len(docs[0].events) == 1
    assert docs[1].events == []
    assert str(docs[2].events[0].date) == "2024-03-12"


def test_extract_many_bad_record_is_reported_not_fatal(rules):
    with pytest.warns(UserWarning, match="W004"):
        docs = list(rules.extract_many([{"id": "bad", "text": 42}, {"id": "ok", "text": SAMPLE}]))
    assert docs[0].warnings and docs[0].events == []
    assert len(docs[1].events) == 1


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["text"], {"text": "x"}])
def test_extract_rejects_non_text_with_a_clear_type_error(rules, bad):
    with pytest.raises(InputTypeError, match="E001"):
        rules.extract(bad)


def test_extract_rejects_bytes_with_a_hint(rules):
    with pytest.raises(TypeError, match="decode"):
        rules.extract(SAMPLE.encode())


def test_published_must_be_a_date(rules):
    with pytest.raises(ValueError, match="ISO date"):
        rules.extract(SAMPLE, published="last Tuesday")


def test_event_ids_are_stable(rules):
    assert [e.id for e in rules.extract(SAMPLE)] == [e.id for e in rules.extract(SAMPLE)]


def test_module_level_extract_uses_default_pipeline():
    events = eventie.extract(SAMPLE)
    assert len(events) == 1 and events[0].location.name == "Tokmak"
