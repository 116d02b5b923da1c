"""Training the role classifier (components/assembler/role_model.py) from annotated articles.

Pairs: every actor mention the assembler reads in an event sentence, with its features, as the pipeline
produces them (so the classifier learns from the parses and spans it will see). Labels: the gold ACTOR span
the mention overlaps, and the role that span has in a gold event (perpetrator before target before other);
a mention no gold event lists, or no gold actor at all, is ``none``. Settings (L2 strength, the confidence
under which the rule decides) are chosen on dev by the role F1 the evaluation reports, never on test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..components.assembler.role_model import RoleModel
from .annotation import AnnotatedArticle
from .evaluation import lenient, score_docs

ROLE_LABELS = ("perpetrator", "target", "other", "none")


@dataclass(frozen=True)
class Pair:
    features: list[str]
    label: str
    rule: str


_SLOTS = ("perpetrators", "targets", "others")
_EVENT_SPAN_SLOTS = ("trigger", "place", "date", "perpetrators", "targets", "others", "equipment", "casualties", "attributions", "hedges")


def _event_spans(ev: Any) -> set[int]:
    out: set[int] = set()
    for slot in _EVENT_SPAN_SLOTS:
        val = getattr(ev, slot)
        out.update(val if isinstance(val, list) else [] if val is None else [val])
    return out


def gold_role(record: AnnotatedArticle, start: int, end: int, sentence: tuple[int, int], name: str | None = None) -> str | None:
    """The role of the mention at characters ``start:end`` in the gold events of its sentence.

    A gold event is in the sentence when one of its spans is. The mention is the gold actor it overlaps;
    where it overlaps none (the annotators did not mark the words), an actor of the event whose
    normalised name matches ``name`` leniently, as the evaluation matches participants. Perpetrator before
    target before other; none when no event of the sentence lists it; None when the sentence has no gold
    event (its role is scored nowhere: the event itself is the error, so the pair teaches nothing)."""
    spans = record.spans
    overlapping = {i for i, s in enumerate(spans) if s.label == "ACTOR" and s.start < end and start < s.end}
    roles: set[str] = set()
    found = False
    for ev in record.events:
        if not any(sentence[0] <= spans[i].start < sentence[1] for i in _event_spans(ev)):
            continue
        found = True
        for role, slot in zip(ROLE_LABELS, _SLOTS, strict=False):
            ids = set(getattr(ev, slot))
            if overlapping & ids or (not overlapping and name and any(lenient(spans[i].name or spans[i].text, name) for i in ids)):
                roles.add(role)
    return next((r for r in ROLE_LABELS if r in roles), "none") if found else None


def collect_pairs(assembler: Any, records: Sequence[AnnotatedArticle], docs: Sequence[Any]) -> list[Pair]:
    """Run the assembler over ``docs`` (tagged, not yet assembled) and label every pair it reads."""
    reader = assembler.roles
    model, reader.model = reader.model, None  # the rules' own decisions are the feature, not a model's
    pairs: list[Pair] = []
    try:
        for record, doc in zip(records, docs, strict=True):
            reader.recorder = []
            assembler(doc)
            seen: set[tuple[int, int, int]] = set()
            for m, feats in reader.recorder:
                sent = (m.span.sent.start_char, m.span.sent.end_char)
                key = (m.span.start_char, m.span.end_char, sent[0])
                if key not in seen:
                    seen.add(key)
                    label = gold_role(record, m.span.start_char, m.span.end_char, sent, m.info.get("name"))
                    if label is not None:
                        pairs.append(Pair(feats, label, m.role))
    finally:
        reader.recorder = None
        reader.model = model
    return pairs


def fit(pairs: Sequence[Pair], *, l2: float = 1.0, min_count: int = 2, epochs: int = 300, lr: float = 0.1, seed: int = 0) -> RoleModel:
    """Multinomial logistic regression by full-batch Adam on binary features; deterministic for a seed."""
    counts = Counter(f for p in pairs for f in set(p.features))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(pairs), len(names)), dtype=np.float32)
    for r, p in enumerate(pairs):
        x[r, [vocab[f] for f in set(p.features) if f in vocab]] = 1.0
    y = np.array([ROLE_LABELS.index(p.label) for p in pairs])
    onehot = np.eye(len(ROLE_LABELS), dtype=np.float32)[y]
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.01, (len(names), len(ROLE_LABELS))).astype(np.float32)
    b = np.zeros(len(ROLE_LABELS), dtype=np.float32)
    state = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, epochs + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        prob = np.exp(z)
        prob /= prob.sum(axis=1, keepdims=True)
        err = (prob - onehot) / len(pairs)
        grads = (x.T @ err + l2 * w / len(pairs), err.sum(axis=0))
        for k, (param, g) in enumerate(zip((w, b), grads, strict=True)):
            m, v = state[2 * k], state[2 * k + 1]
            m[:] = 0.9 * m + 0.1 * g
            v[:] = 0.999 * v + 0.001 * g * g
            param -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return RoleModel(ROLE_LABELS, vocab, w.astype(np.float64), b.astype(np.float64), threshold=0.0)


def role_scores(assembler: Any, records: Sequence[AnnotatedArticle], docs: Sequence[Any], model: RoleModel | None) -> dict[str, float]:
    """Role F1 (as ``eventie evaluate`` scores it) with ``model`` in the assembler (None: rules only)."""
    keep = assembler.role_model
    assembler.set_role_model(model)
    try:
        out = [assembler(d.copy()) for d in docs]
    finally:
        assembler.set_role_model(keep)
    sc = score_docs(records, out)
    return {k: sc.prf(k).f for k in ("role_perpetrator", "role_target", "event")}
