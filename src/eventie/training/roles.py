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
from .evaluation import _match, lenient, score_docs

ROLE_LABELS = ("perpetrator", "target", "none")


@dataclass(frozen=True)
class Pair:
    features: list[str]
    label: str
    rule: str


def _covers(spans: list[Any], ge: Any, pe: dict) -> bool:
    """The evaluation's event matching: the gold trigger is the predicted trigger or in its sentences."""
    if ge.trigger is None:
        return False
    t = spans[ge.trigger]
    if t.start < pe["trigger"]["end"] and pe["trigger"]["start"] < t.end:
        return True
    return any(s["start"] <= t.start < s["end"] for s in pe["sentences"])


def gold_label(record: AnnotatedArticle, ge: Any, mentions: list[Any]) -> str:
    """The role the gold event ``ge`` gives the participant with these mentions, matched as the evaluation
    matches (a mention overlapping a gold mention, or the names matching leniently); none when it lists
    it as neither perpetrator nor target."""
    spans = record.spans
    names = {m.info.get("name") or m.span.text for m in mentions}
    for role, slot in (("perpetrator", ge.perpetrators), ("target", ge.targets)):
        for i in slot:
            g = spans[i]
            if any(g.start < m.span.end_char and m.span.start_char < g.end for m in mentions) or any(lenient(g.name, n) for n in names):
                return role
    return "none"


def collect_pairs(assembler: Any, records: Sequence[AnnotatedArticle], docs: Sequence[Any]) -> list[Pair]:
    """Run the assembler (rules only) over ``docs`` (tagged, not yet assembled) and label every participant
    of every event that matches a gold event; participants of unmatched events teach nothing (their
    roles are scored nowhere)."""
    keep = assembler.role_model
    assembler.set_role_model(None, record=True)
    pairs: list[Pair] = []
    try:
        for record, doc in zip(records, docs, strict=True):
            assembler.writer.recorder = []
            events = assembler(doc.copy())._.eventie_events
            gold_spans = record.spans
            matched = {id(pe): ge for ge, pe in _match(record.events, events, lambda g, p, s=gold_spans: _covers(s, g, p))}
            for pe, participants in zip(events, assembler.writer.recorder, strict=True):
                ge = matched.get(id(pe))
                if ge is not None:
                    pairs += [Pair(feats, gold_label(record, ge, mentions), rule) for feats, mentions, rule in participants]
    finally:
        assembler.set_role_model(keep)
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
