"""Registered, versioned scorers, so that ``spacy evaluate`` and ``spacy train`` report eventie's fields.

Each rule component scores its own field against the gold spans of the same ``doc.spans`` key (written by
``eventie.training.to_docbin``): a predicted span counts when it overlaps a gold one (one-to-one, in text
order), as in ``eventie evaluate``. Casualties also score kind+min+max exact, attributions cue+source,
hedges their kind.

spaCy's ``evaluate`` command prints a fixed set of metrics plus the per-type table of one spans key
(``--spans-key``, default ``sc``). So every eventie scorer also returns ``spans_sc_per_type``: one row per
eventie field, the same for all of them, and ``spans_sc_p/r/f`` over all fields together. (A user's own
spancat on the key ``sc`` would share those names; score it with ``--spans-key`` of its own.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.training import Example
from spacy.util import registry

from . import labels

# label -> (spans key, span extension holding the label's attributes)
FIELDS: dict[str, tuple[str, str]] = {
    "ACTOR": (labels.ACTORS, "eventie_actor"),
    "EQUIPMENT": (labels.EQUIPMENT, "eventie_equipment"),
    "PLACE": (labels.PLACES, "eventie_place"),
    "DATE": (labels.DATES, "eventie_date"),
    "CASUALTY": (labels.CASUALTIES, "eventie_casualty"),
    "ATTRIBUTION": (labels.ATTRIBUTIONS, "eventie_attribution"),
    "HEDGE": (labels.HEDGES, "eventie_hedge"),
    "TRIGGER": (labels.TRIGGERS, "eventie_trigger"),
}
LABEL_OF_KEY = {key: label for label, (key, _) in FIELDS.items()}


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()


def _tokens(s: str | None) -> set[str]:
    return set(_norm(s).split()) - {"the", "a", "an", "of", "s"}


def lenient(a: str | None, b: str | None) -> bool:
    """Containment either way, or half the words shared: the benchmark's matching rule."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    ta, tb = _tokens(a), _tokens(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= 0.5


def _same_count(gold: dict, pred: dict) -> bool:
    return all(gold.get(k) == pred.get(k) for k in ("kind", "min", "max"))


def _same_attribution(gold: dict, pred: dict) -> bool:
    src = gold.get("source")
    src_ok = src is None or lenient(src, pred.get("source")) or lenient(src, pred.get("source_name"))
    return gold.get("cue") == pred.get("cue") and src_ok


def _same_kind(gold: dict, pred: dict) -> bool:
    return gold.get("kind") == pred.get("kind")


# strict checks: (name of the strict field, check on the gold and predicted attribute dicts)
STRICT: dict[str, tuple[str, Callable[[dict, dict], bool]]] = {
    "CASUALTY": ("CASUALTY_EXACT", _same_count),
    "ATTRIBUTION": ("ATTRIBUTION_SOURCE_CUE", _same_attribution),
    "HEDGE": ("HEDGE_KIND", _same_kind),
}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def _count(examples: Iterable[Example], label: str, check: Callable[[dict, dict], bool] | None) -> tuple[int, int, int]:
    key, attr = FIELDS[label]
    tp = fp = fn = 0
    for eg in examples:
        if key not in eg.reference.spans:
            continue  # not annotated for this field
        gold = list(eg.reference.spans[key])
        pred = list(eg.predicted.spans[key]) if key in eg.predicted.spans else []
        used: set[int] = set()
        for g in gold:
            for j, p in enumerate(pred):
                if j in used or not (g.start_char < p.end_char and p.start_char < g.end_char):
                    continue
                if check is None or check(getattr(g._, attr) or {}, getattr(p._, attr) or {}):
                    used.add(j)
                    break
        tp += len(used)
        fp += len(pred) - len(used)
        fn += len(gold) - len(used)
    return tp, fp, fn


def field_scores(examples: list[Example], label: str) -> dict[str, float]:
    """``{key}_p/r/f`` for one field, and ``{key}_{strict}_p/r/f`` where the field has a strict check."""
    key = FIELDS[label][0]
    out = {f"{key}_{m}": v for m, v in _prf(*_count(examples, label, None)).items()}
    if label in STRICT:
        name, check = STRICT[label]
        suffix = name.lower().split("_", 1)[1]
        out.update({f"{key}_{suffix}_{m}": v for m, v in _prf(*_count(examples, label, check)).items()})
    return out


_SUMMARY_CACHE: dict[tuple[int, ...], dict[str, Any]] = {}


def summary_scores(examples: list[Example]) -> dict[str, Any]:
    """Every eventie field as one per-type table (``spans_sc_per_type``), for ``spacy evaluate`` to print."""
    ident = tuple(id(eg) for eg in examples)
    if ident in _SUMMARY_CACHE:
        return _SUMMARY_CACHE[ident]
    per_type: dict[str, dict[str, float]] = {}
    totals = [0, 0, 0]
    for label in FIELDS:
        if not any(FIELDS[label][0] in eg.reference.spans for eg in examples):
            continue
        counts = _count(examples, label, None)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        per_type[label] = _prf(*counts)
        if label in STRICT:
            name, check = STRICT[label]
            per_type[name] = _prf(*_count(examples, label, check))
    total = _prf(*totals)
    out = {"spans_sc_p": total["p"], "spans_sc_r": total["r"], "spans_sc_f": total["f"], "spans_sc_per_type": per_type}
    _SUMMARY_CACHE.clear()
    _SUMMARY_CACHE[ident] = out
    return out


def score_eventie_spans(examples: Iterable[Example], *, spans_keys: Iterable[str], **_: Any) -> dict[str, Any]:
    examples = list(examples)
    out: dict[str, Any] = {}
    for key in spans_keys:
        out.update(field_scores(examples, LABEL_OF_KEY[key]))
    out.update(summary_scores(examples))
    return out


@registry.scorers("eventie.spans_scorer.v1")
def make_spans_scorer() -> Callable[..., dict[str, Any]]:
    """Overlap P/R/F of the component's spans keys (+ the strict checks of casualties, attributions, hedges)."""
    return score_eventie_spans


@registry.scorers("eventie.casualty_scorer.v1")
def make_casualty_scorer() -> Callable[..., dict[str, Any]]:
    """Casualty spans by overlap, and kind + min + max exact (``eventie_casualties_exact_*``)."""
    return score_eventie_spans


@registry.scorers("eventie.claims_scorer.v1")
def make_claims_scorer() -> Callable[..., dict[str, Any]]:
    """Attributions (and cue + source, ``*_source_cue_*``) and hedges (and their kind, ``*_kind_*``)."""
    return score_eventie_spans


def score_weights(*keys: str, strict: bool = False) -> dict[str, float]:
    """``default_score_weights`` for a component: its fields' F (the strict F where there is one), shown in
    ``spacy train``'s table. The packaged training configs weigh them 0, so model selection stays on the NER."""
    weights: dict[str, float] = {}
    for key in keys:
        label = LABEL_OF_KEY[key]
        if strict and label in STRICT:
            weights[f"{key}_{STRICT[label][0].lower().split('_', 1)[1]}_f"] = 1.0
        else:
            weights[f"{key}_f"] = 1.0
    return weights
