"""A user's retraining round trip at small scale: annotate, train, evaluate, load, extract.

Marked slow (a minute or two on CPU); CI runs it, proving retraining works end to end offline.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventie
from eventie.errors import AnnotationFileError
from eventie.io.cli import app
from eventie.training.annotation import anchor_record

ROOT = Path(__file__).resolve().parents[1]

NEW = [
    ("Ukrainian drones hit an oil depot in Bryansk on Monday, the regional governor said.", [
        ("EQUIPMENT", "drones", {"name": "drone", "category": "drone", "side": "Ukraine"}),
        ("PLACE", "Bryansk", {"name": "Bryansk", "country": "Russia"}),
        ("DATE", "Monday", {"value": "2024-05-06"}),
        ("ACTOR", "regional governor", {"name": "governor", "kind": "government"}),
    ]),
    ("Sudanese army jets bombed a market in Nyala on Friday, killing 14 people, medics said.", [
        ("ACTOR", "Sudanese army", {"name": "SAF", "side": "Sudan", "kind": "military"}),
        ("EQUIPMENT", "jets", {"name": "aircraft", "category": "aircraft", "side": "Sudan"}),
        ("PLACE", "Nyala", {"name": "Nyala", "country": "Sudan"}),
        ("DATE", "Friday", {"value": "2024-05-03"}),
        ("ACTOR", "medics", {"name": "medics", "kind": "civilian"}),
    ]),
    ("M23 rebels shelled a camp near Goma, wounding nine displaced people, the UN said.", [
        ("ACTOR", "M23 rebels", {"name": "M23", "side": "M23", "kind": "armed_group"}),
        ("PLACE", "Goma", {"name": "Goma", "country": "DR Congo"}),
        ("ACTOR", "UN", {"name": "United Nations", "kind": "organization"}),
    ]),
]


def _records():
    out = []
    for i, (text, spans) in enumerate(NEW):
        rec = {
            "text": text,
            "meta": {"id": f"user-{i}", "published": "2024-05-07", "source": "invented: test", "license": "CC0-1.0"},
            "spans": [{"label": lab, "text": t, **attrs} for lab, t, attrs in spans],
        }
        out.append(anchor_record(rec))
    return out


@pytest.mark.slow
def test_user_round_trip(tmp_path, monkeypatch):
    def refuse(*a, **k):
        raise OSError("network access attempted during training")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    mine = tmp_path / "mine.jsonl"
    mine.write_text("".join(json.dumps(r) + "\n" for r in _records()) + "{broken line\n", encoding="utf-8")
    corpus = ROOT / "training_data" / "train.jsonl"
    train_files = [str(mine)]
    if corpus.exists():
        few = tmp_path / "few.jsonl"
        few.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:8]), encoding="utf-8")
        train_files.append(str(few))
    out = tmp_path / "pipeline"
    runner = CliRunner()
    res = runner.invoke(app, ["train", *train_files, "--dev", str(mine), "-o", str(out), "--max-steps", "6", "--training.eval_frequency", "3"])
    assert res.exit_code == 0, res.output
    assert "mine.jsonl:4" in res.stderr  # the broken line is reported and skipped
    meta = json.loads((out / "meta.json").read_text())
    assert "eventie_ner" in meta["pipeline"] and meta["eventie"]["skipped_lines"] == 1

    res = runner.invoke(app, ["evaluate", str(out), str(mine), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.stdout)["scores"]
    assert scores["docs"] == 3 and "place" in scores["fields"]

    ex = eventie.load(out)
    assert "eventie_ner" in ex.nlp.pipe_names
    events = ex.extract(NEW[1][0], published="2024-05-07")
    # six training steps teach the NER little: check the pipeline runs end to end, not its accuracy
    assert events and all(NEW[1][0][e.trigger.start : e.trigger.end] == e.trigger.text for e in events)


def test_train_refuses_an_all_bad_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n[]\n", encoding="utf-8")
    from eventie.training import train

    with pytest.raises(AnnotationFileError, match="E004"):
        train([bad], tmp_path / "out")
    res = CliRunner().invoke(app, ["train", str(bad), "-o", str(tmp_path / "out")])
    assert res.exit_code == 4


def test_cnn_shared_ner_listens_to_the_frozen_base_encoder():
    """The variant config must wire eventie_ner to the base tok2vec, or it silently trains a NER on zeros."""
    import spacy
    from spacy.util import load_model_from_config

    from eventie.training.trainer import config_path

    cfg = spacy.util.load_config(config_path("cnn_shared"), interpolate=False)
    assert "tok2vec" in cfg["training"]["annotating_components"]
    nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
    assert "eventie_ner" in nlp.get_pipe("tok2vec").listening_components
    listeners = [n for n in nlp.get_pipe("eventie_ner").model.walk() if n.name == "tok2vec-listener"]
    assert len(listeners) == 1 and listeners[0].get_dim("nO") == nlp.get_pipe("tok2vec").model.get_dim("nO")
