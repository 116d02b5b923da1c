"""Annotation round trip: eventie records <-> Prodigy spans tasks, and pre-annotation for correction."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventie
from eventie.io.cli import app
from eventie.io.prodigy import from_prodigy, read_prodigy_line, set_hashes
from eventie.training.annotation import read_annotations

runner = CliRunner()
TESTSET = Path(str(resources.files("eventie").joinpath("data", "testset", "test.jsonl")))
NEW = [
    {"id": "n1", "text": "Russian forces shelled Kherson on Tuesday, killing three civilians, Governor Oleksandr Prokudin said.",
     "published": "2024-03-14"},
    {"id": "n2", "text": "A Ukrainian drone struck an oil depot in Novorossiysk overnight, the regional governor said.",
     "published": "2024-03-14", "license": "CC0-1.0"},
]


def _first(n, tmp_path):
    few = tmp_path / "few.jsonl"
    few.write_text("".join(TESTSET.read_text(encoding="utf-8").splitlines(keepends=True)[:n]), encoding="utf-8")
    return few


def test_prodigy_export_has_prodigy_fields_and_reads_back_equal(tmp_path):
    few, out = _first(5, tmp_path), tmp_path / "prodigy.jsonl"
    res = runner.invoke(app, ["export-annotations", str(few), "-o", str(out)])
    assert res.exit_code == 0, res.output
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    originals, _ = read_annotations(few)
    assert len(tasks) == len(originals) == 5
    for task, rec in zip(tasks, originals, strict=True):
        assert task["answer"] == "accept" and task["_view_id"] == "spans_manual"
        assert all(isinstance(task[k], int) and -(2**31) <= task[k] < 2**31 for k in ("_input_hash", "_task_hash"))
        aligned = [sp for sp in task["spans"] if "token_start" in sp]
        assert len(aligned) >= 0.9 * len(task["spans"])  # spans off token boundaries carry no token indices
        for sp in aligned:
            toks = task["tokens"][sp["token_start"] : sp["token_end"] + 1]
            assert (toks[0]["start"], toks[-1]["end"]) == (sp["start"], sp["end"])
        assert read_prodigy_line(json.dumps(task)) == rec


def test_prodigy_hashes_follow_text_and_spans():
    a = set_hashes({"text": "Shelling hit Kherson.", "spans": [{"start": 0, "end": 8, "label": "TRIGGER"}]})
    b = set_hashes({"text": "Shelling hit Kherson.", "spans": [{"start": 13, "end": 20, "label": "PLACE"}]})
    c = set_hashes({"text": "Shelling hit Kherson.", "spans": [{"start": 0, "end": 8, "label": "TRIGGER"}], "answer": "reject"})
    assert a["_input_hash"] == b["_input_hash"] and a["_task_hash"] != b["_task_hash"]
    assert (a["_input_hash"], a["_task_hash"]) == (c["_input_hash"], c["_task_hash"])


@pytest.mark.parametrize("answer,kept", [("accept", True), ("reject", False), ("ignore", False)])
def test_prodigy_rejected_tasks_are_dropped(answer, kept):
    task = {"text": "Shelling hit Kherson.", "meta": {"id": "x", "source": "invented: test", "license": "CC0-1.0"},
            "spans": [{"start": 13, "end": 20, "label": "PLACE", "token_start": 2, "token_end": 2}], "answer": answer,
            "_input_hash": 1, "_task_hash": 2,
            "tokens": [{"text": "Shelling", "start": 0, "end": 8, "id": 0, "ws": True}, {"text": "hit", "start": 9, "end": 12, "id": 1, "ws": True},
                       {"text": "Kherson", "start": 13, "end": 20, "id": 2, "ws": False}]}
    assert (from_prodigy(task) is not None) is kept


@pytest.mark.parametrize("fmt", ["prodigy", "eventie"])
def test_correct_pre_annotates_new_articles(tmp_path, fmt):
    src, out = tmp_path / "new.jsonl", tmp_path / "pre.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in NEW), encoding="utf-8")
    res = runner.invoke(app, ["correct", str(src), "-o", str(out), "-f", fmt, "--model", "rules"])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    recs = [read_prodigy_line(line) for line in lines] if fmt == "prodigy" else read_annotations(out)[0]
    assert [r.meta.id for r in recs] == ["n1", "n2"] and [r.meta.license for r in recs] == ["unknown", "CC0-1.0"]
    first = recs[0]
    got = {(s.label, first.text[s.start : s.end]) for s in first.spans}
    assert {("TRIGGER", "shelled"), ("PLACE", "Kherson"), ("DATE", "Tuesday"), ("ACTOR", "Russian forces")} <= got
    (frame,) = first.events
    assert (frame.type, frame.date_value.isoformat(), first.spans[frame.perpetrators[0]].name) == ("shelling", "2024-03-12", "Russian forces")
    cas = first.spans[frame.casualties[0]]
    assert (cas.kind, cas.min, cas.max) == ("killed", 3, 3)


def test_prodigy_export_validates_as_it_is(tmp_path):
    few, out = _first(3, tmp_path), tmp_path / "prodigy.jsonl"
    assert runner.invoke(app, ["export-annotations", str(few), "-o", str(out)]).exit_code == 0
    res = runner.invoke(app, ["validate", str(out)])
    assert res.exit_code == 0 and "3 valid records, 0 bad lines" in res.stdout


@pytest.mark.slow
def test_prodigy_export_trains_and_loads(tmp_path):
    few, out = _first(6, tmp_path), tmp_path / "prodigy.jsonl"
    assert runner.invoke(app, ["export-annotations", str(few), "-o", str(out)]).exit_code == 0
    pipe = tmp_path / "pipeline"
    res = runner.invoke(app, ["train", str(out), "--dev", str(out), "-o", str(pipe), "--max-steps", "2",
                              "--training.eval_frequency", "1"])
    assert res.exit_code == 0, res.output
    ex = eventie.load(pipe)
    text = NEW[0]["text"]
    assert all(text[e.trigger.start : e.trigger.end] == e.trigger.text for e in ex.extract(text, "2024-03-14"))
