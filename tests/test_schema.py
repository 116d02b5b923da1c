"""The output contract: JSON Schema snapshot in docs/, strict models, lossless round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from eventie import Casualty, Document, Event

DOCS = Path(__file__).resolve().parents[1] / "docs" / "schema.json"


def test_schema_snapshot_in_docs_is_current():
    assert json.loads(DOCS.read_text()) == Document.model_json_schema(), "run: eventie schema -o docs/schema.json"


def test_every_field_is_described():
    for name, model in Event.model_json_schema()["$defs"].items():
        for field, spec in model.get("properties", {}).items():
            assert "description" in spec or "$ref" in spec or "anyOf" in spec or "items" in spec, (name, field)


def test_models_are_frozen_and_forbid_extras():
    c = Casualty(text="about 20", start=0, end=8, kind="present", min=20, max=20, approximate=True)
    with pytest.raises(ValidationError):
        Casualty(text="x", start=0, end=1, kind="present", bogus=1)
    with pytest.raises(ValidationError):
        c.min = 3  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Casualty(text="x", start=0, end=1, kind="dead")


def test_round_trip(rules):
    from importlib import resources

    text = resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")
    doc = next(rules.extract_many([{"id": "s", "text": text}]))
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc
    assert Document.model_validate(json.loads(json.dumps(doc.model_dump(mode="json")))) == doc
