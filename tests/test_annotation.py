"""The annotation format: every bad line is reported with its number and reason; good lines are kept."""

from __future__ import annotations

import json

import pytest

from eventie.training.annotation import anchor_record, read_annotations

GOOD = {
    "text": "Drones hit Kherson on Tuesday, killing two civilians, the governor said.",
    "meta": {"id": "t-1", "published": "2024-03-14", "source": "invented: test", "license": "CC0-1.0"},
    "spans": [
        {"start": 11, "end": 18, "label": "PLACE", "name": "Kherson", "country": "Ukraine"},
        {"start": 31, "end": 52, "label": "CASUALTY", "kind": "killed", "min": 2, "max": 2, "who": "civilians"},
        {"start": 7, "end": 10, "label": "TRIGGER", "type": "drone_strike"},
    ],
    "events": [{"type": "drone_strike", "trigger": 2, "place": 0, "casualties": [1], "certainty": "reported"}],
}


def _write(tmp_path, lines):
    p = tmp_path / "data.jsonl"
    p.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode("utf-8") for x in lines) + b"\n")
    return p


def _with(**changes):
    rec = json.loads(json.dumps(GOOD))
    rec.update(changes)
    return json.dumps(rec)


def test_good_record_passes(tmp_path):
    good, problems = read_annotations(_write(tmp_path, [json.dumps(GOOD)]))
    assert [r.meta.id for r in good] == ["t-1"] and problems == []


@pytest.mark.parametrize(
    "line,reason",
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "expected a JSON object"),
        (_with(spans=[{"start": 5, "end": 500, "label": "PLACE"}]), "out of range"),
        (_with(spans=[{"start": 11, "end": 18, "label": "WEAPON"}]), "label"),
        (_with(spans=[{"start": 11, "end": 18, "label": "PLACE", "text": "Kharkiv"}]), "does not match"),
        (_with(spans=[{"start": 10, "end": 18, "label": "PLACE"}]), "whitespace"),
        (_with(spans=[{"start": 31, "end": 52, "label": "CASUALTY", "kind": "dead"}]), "CASUALTY kind"),
        (_with(spans=[{"start": 11, "end": 18, "label": "PLACE", "count": 3}]), "cannot have"),
        (_with(events=[{"type": "x", "trigger": 0, "certainty": "reported"}]), "expected TRIGGER"),
        (_with(events=[{"type": "x", "trigger": 9, "certainty": "reported"}]), "points at span 9"),
        (b'{"text": "\xff\xfe bad bytes"}', "not valid UTF-8"),
    ],
)
def test_bad_lines_reported_with_line_number_and_good_ones_kept(tmp_path, line, reason):
    path = _write(tmp_path, [json.dumps(GOOD), line, _with(meta={**GOOD["meta"], "id": "t-3"})])
    good, problems = read_annotations(path)
    assert [r.meta.id for r in good] == ["t-1", "t-3"]
    assert len(problems) == 1 and problems[0].line == 2
    assert reason in problems[0].reason, problems[0].reason


def test_duplicate_ids_reported(tmp_path):
    good, problems = read_annotations(_write(tmp_path, [json.dumps(GOOD), json.dumps(GOOD)]))
    assert len(good) == 1 and "duplicate id" in problems[0].reason and problems[0].line == 2


def test_blank_lines_and_bom_are_fine(tmp_path):
    path = _write(tmp_path, [b"\xef\xbb\xbf" + json.dumps(GOOD).encode(), b"", b"   "])
    good, problems = read_annotations(path)
    assert len(good) == 1 and problems == []


def test_anchor_by_quoting_respects_word_boundaries_and_occurrence():
    rec = {"text": "HURRY: HUR said HUR did it.", "spans": [{"label": "ACTOR", "text": "HUR", "occurrence": 2}]}
    sp = anchor_record(rec)["spans"][0]
    assert (sp["start"], sp["end"]) == (16, 19)


def test_anchor_reports_missing_quote():
    with pytest.raises(ValueError, match="occurrence 3 asked, 2 found"):
        anchor_record({"text": "HUR and HUR", "spans": [{"label": "ACTOR", "text": "HUR", "occurrence": 3}]})


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_bundled_corpus_validates(split):
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "training_data" / f"{split}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not built yet")
    good, problems = read_annotations(path)
    assert problems == [] and len(good) > 0
