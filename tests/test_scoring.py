"""Registered scorers: ``spacy evaluate`` reports eventie's fields from the gold spans to_docbin writes."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.cli.evaluate import evaluate

from eventie import labels
from eventie.training.annotation import parse_line
from eventie.training.trainer import to_docbin

TEXT = "Russian forces shelled Kherson on Tuesday, killing three civilians, the governor said."


def _record(casualty_min: int) -> str:
    def span(part: str, label: str, **attrs) -> dict:
        start = TEXT.index(part)
        return {"start": start, "end": start + len(part), "label": label, **attrs}

    return json.dumps({
        "text": TEXT,
        "meta": {"id": f"scoring-{casualty_min}", "published": "2024-03-26", "source": "written for the tests", "license": "MIT"},
        "spans": [
            span("Kherson", "PLACE"),
            span("killing three civilians", "CASUALTY", kind="killed", min=casualty_min, max=3),
            span("said", "ATTRIBUTION", cue="said", source="the governor"),
        ],
    })


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("scoring") / "pipeline"
    nlp.to_disk(path)
    return path


def _evaluate(nlp, saved, tmp_path, casualty_min: int) -> dict:
    tok = spacy.blank("en")
    tok.tokenizer = nlp.tokenizer
    db, rep = to_docbin([parse_line(_record(casualty_min))], tok)
    assert rep.misaligned == []
    db.to_disk(tmp_path / "gold.spacy")
    return evaluate(str(saved), tmp_path / "gold.spacy", silent=True)


def test_gold_spans_and_attributes_travel_in_the_docbin(nlp):
    db, _ = to_docbin([parse_line(_record(3))], nlp)
    (doc,) = db.get_docs(nlp.vocab)
    assert [s.text for s in doc.spans[labels.CASUALTIES]] == ["killing three civilians"]
    assert doc.spans[labels.CASUALTIES][0]._.eventie_casualty == {"kind": "killed", "min": 3, "max": 3}
    assert len(doc.spans[labels.ACTORS]) == 0  # the key is there (annotated), with no actor given


@pytest.mark.parametrize("casualty_min,exact_f", [(3, 1.0), (2, 0.0)])
def test_spacy_evaluate_reports_eventie_fields(nlp, saved, tmp_path, casualty_min, exact_f):
    scores = _evaluate(nlp, saved, tmp_path, casualty_min)
    per_type = scores["spans_sc_per_type"]
    assert per_type["PLACE"]["f"] == 1.0
    assert per_type["CASUALTY"]["f"] == 1.0  # the span overlaps either way
    assert per_type["CASUALTY_EXACT"]["f"] == exact_f  # kind + min + max must all agree
    assert per_type["ATTRIBUTION_SOURCE_CUE"]["f"] == 1.0
    assert per_type["ACTOR"]["p"] == 0.0  # "Russian forces" is predicted but not in this gold


def test_components_declare_their_score_weights(nlp):
    weights = {k for name in nlp.pipe_names for k in nlp.get_pipe_meta(name).default_score_weights}
    assert {"eventie_actors_f", "eventie_casualties_exact_f", "eventie_attributions_source_cue_f", "eventie_hedges_kind_f"} <= weights
