"""The output contract: JSON Schema snapshot in docs/, strict models, lossless round trips."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

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


def _models_reachable_from(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every pydantic model that ``root`` holds, through lists, optionals and nesting, and ``root`` itself."""
    seen: dict[str, type[BaseModel]] = {}

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp.__name__ in seen:
                return
            seen[tp.__name__] = tp
            for f in tp.model_fields.values():
                visit(f.annotation)
        for arg in typing.get_args(tp):
            visit(arg)

    visit(root)
    return seen


def test_walk_reaches_event_and_every_nested_model():
    names = set(_models_reachable_from(Document))
    assert {"Document", "Event", "Place", "Actor", "Equipment", "Casualty", "Attribution", "Hedge", "Sentence"} <= names


@pytest.mark.parametrize("name", sorted(_models_reachable_from(Document)))
def test_every_model_is_strict_frozen_and_described(name):
    model = _models_reachable_from(Document)[name]
    assert model.model_config.get("extra") == "forbid", name
    assert model.model_config.get("frozen") is True, name
    undocumented = [f for f, info in model.model_fields.items() if not info.description]
    assert undocumented == [], (name, undocumented)
    with pytest.raises(ValidationError):
        model.model_validate({"not_a_field": 1})
