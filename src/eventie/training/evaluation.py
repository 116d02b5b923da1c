"""Scoring a pipeline against annotated articles, field by field and event by event.

Two levels, because users consume both: *mentions* (every actor, weapon, count, cue in the text, as
spans) and *events* (the incidents, with roles, place, date, certainty). Casualties count only when
kind, min and max are all exact; attributions only when the cue and its source agree; that is the
difference between a count, a claim and a fact, so the metric must not blur it.

Also scores the real-reporting benchmark format (gold strings, matched leniently), see
``score_benchmark``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import labels
from ..scoring import _norm, _tokens, lenient  # noqa: F401  (lenient is this module's public name too)
from .annotation import AnnotatedArticle, read_annotations

_SPAN_KEYS = {
    "ACTOR": labels.ACTORS,
    "EQUIPMENT": labels.EQUIPMENT,
    "PLACE": labels.PLACES,
    "DATE": labels.DATES,
    "CASUALTY": labels.CASUALTIES,
    "ATTRIBUTION": labels.ATTRIBUTIONS,
    "HEDGE": labels.HEDGES,
    "TRIGGER": labels.TRIGGERS,
}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def as_dict(self) -> dict[str, float | int]:
        return {"acc": round(self.right / self.total, 4) if self.total else 0.0, "n": self.total}


@dataclass
class Scores:
    fields: dict[str, PRF] = field(default_factory=dict)
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    docs: int = 0

    def prf(self, name: str) -> PRF:
        return self.fields.setdefault(name, PRF())

    def acc(self, name: str) -> Accuracy:
        return self.accuracy.setdefault(name, Accuracy())

    def as_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "fields": {k: v.as_dict() for k, v in sorted(self.fields.items())},
            "accuracy": {k: v.as_dict() for k, v in sorted(self.accuracy.items())},
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: list[Any], pred: list[Any], ok: Callable[[Any, Any], bool]) -> list[tuple[Any, Any]]:
    """Greedy one-to-one matching in text order."""
    pairs, used = [], set()
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and ok(g, p):
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def _tally(prf: PRF, n_gold: int, n_pred: int, n_match: int) -> None:
    prf.tp += n_match
    prf.fp += n_pred - n_match
    prf.fn += n_gold - n_match


def score_docs(gold_docs: Sequence[AnnotatedArticle], pred_docs: Sequence[Any]) -> Scores:
    """Score predicted spaCy Docs (with eventie annotations) against their gold articles."""
    sc = Scores()
    for gold, doc in zip(gold_docs, pred_docs, strict=True):
        sc.docs += 1
        _score_mentions(sc, gold, doc)
        _score_events(sc, gold, doc._.eventie_events or [])
    return sc


def _score_mentions(sc: Scores, gold: AnnotatedArticle, doc: Any) -> None:
    for label, key in _SPAN_KEYS.items():
        g = [s for s in gold.spans if s.label == label]
        p = list(doc.spans[key]) if key in doc.spans else []
        pairs = _match(g, p, lambda gs, ps: _overlap((gs.start, gs.end), (ps.start_char, ps.end_char)))
        _tally(sc.prf(label.lower()), len(g), len(p), len(pairs))
        if label == "CASUALTY":
            strict = _match(g, p, lambda gs, ps: _overlap((gs.start, gs.end), (ps.start_char, ps.end_char)) and _same_count(gs, ps._.eventie_casualty))
            _tally(sc.prf("casualty_exact"), len(g), len(p), len(strict))
        elif label == "ATTRIBUTION":
            strict = _match(g, p, lambda gs, ps: _overlap((gs.start, gs.end), (ps.start_char, ps.end_char)) and _same_attr(gs, ps._.eventie_attribution))
            _tally(sc.prf("attribution_source_cue"), len(g), len(p), len(strict))
        elif label == "HEDGE":
            strict = _match(g, p, lambda gs, ps: _overlap((gs.start, gs.end), (ps.start_char, ps.end_char)) and gs.kind == ps._.eventie_hedge["kind"])
            _tally(sc.prf("hedge_kind"), len(g), len(p), len(strict))
        for gs, ps in pairs:
            if label == "ACTOR":
                sc.acc("actor_side").add((gs.side or None) == (ps._.eventie_actor or {}).get("side"))
            elif label == "EQUIPMENT":
                sc.acc("equipment_count").add(gs.count == (ps._.eventie_equipment or {}).get("count"))
                # the guide labels each item's side as it labels actors'; scored apart (issue 14)
                sc.acc("equipment_side").add((gs.side or None) == (ps._.eventie_equipment or {}).get("side"))
            elif label == "PLACE":
                sc.acc("place_name").add(lenient(gs.name or gs.text, ps._.eventie_place["name"]))
            elif label == "DATE" and gs.value is not None:
                sc.acc("date_value").add(ps._.eventie_date["value"] == gs.value.isoformat())


def _same_count(gs: Any, info: dict) -> bool:
    return gs.kind == info["kind"] and gs.min == info["min"] and gs.max == info["max"]


def _same_attr(gs: Any, info: dict) -> bool:
    cue_ok = gs.cue == info["cue"]
    src_ok = gs.source is None or lenient(gs.source, info.get("source")) or lenient(gs.source, info.get("source_name"))
    return cue_ok and src_ok


def _score_events(sc: Scores, gold: AnnotatedArticle, events: list[dict]) -> None:
    spans = gold.spans
    g_events = gold.events

    def covers(ge, pe) -> bool:
        if ge.trigger is None:
            return False
        t = spans[ge.trigger]
        if _overlap((t.start, t.end), (pe["trigger"]["start"], pe["trigger"]["end"])):
            return True
        return any(s["start"] <= t.start < s["end"] for s in pe["sentences"])

    pairs = _match(g_events, events, covers)
    _tally(sc.prf("event"), len(g_events), len(events), len(pairs))
    for ge, pe in pairs:
        sc.acc("event_type").add(ge.type == pe["type"])
        sc.acc("event_certainty").add(ge.certainty == pe["certainty"])
        if ge.date_value is not None or pe["date"] is not None:
            sc.acc("event_date").add((ge.date_value.isoformat() if ge.date_value else None) == pe["date"])
        if ge.place is not None or pe["location"] is not None:
            gp = spans[ge.place] if ge.place is not None else None
            # a town inside the gold district's region counts: eventie's gazetteer has no districts
            ok = gp is not None and pe["location"] is not None and (
                lenient(gp.name or gp.text, pe["location"]["name"]) or lenient(gp.admin1, pe["location"]["name"])
            )
            sc.acc("event_place").add(ok)
        # Roles: gold actors grouped by name (an entity may have several mentions).
        for role, slot in (("perpetrator", ge.perpetrators), ("target", ge.targets)):
            groups: dict[str, list[Any]] = {}
            for i in slot:
                groups.setdefault(_norm(spans[i].name or spans[i].text), []).append(spans[i])
            preds = [a for a in pe["actors"] if a["role"] == role]
            hit = 0
            used = set()
            for mentions in groups.values():
                for j, a in enumerate(preds):
                    if j in used:
                        continue
                    if any(_overlap((m.start, m.end), (pm["start"], pm["end"])) for m in mentions for pm in _mentions_of(a)) or any(
                        lenient(m.name, a["name"]) for m in mentions
                    ):
                        used.add(j)
                        hit += 1
                        break
            _tally(sc.prf(f"role_{role}"), len(groups), len(preds), hit)


def _mentions_of(entity: dict) -> list[dict]:
    """A predicted actor or item is an entity: any of its mentions may be the one the gold marked."""
    return entity.get("mentions") or [entity]


def evaluate(extractor: Any, path: str | Path | Sequence[str | Path], *, batch_size: int = 16) -> tuple[Scores, list[str]]:
    """Run ``extractor`` over annotated files and score it; returns scores and skipped-line notes."""
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    records, problems = read_annotations(paths)
    texts = []
    for r in records:
        doc = extractor.nlp.make_doc(r.text)
        doc._.eventie_published = r.meta.published.isoformat() if r.meta.published else None
        texts.append(doc)
    docs = list(extractor.nlp.pipe(texts, batch_size=batch_size))
    return score_docs(records, docs), [str(p) for p in problems]


# --- the real-reporting benchmark (gold strings, lenient) -----------------------------------------
def score_benchmark(extractor: Any, path: str | Path) -> Scores:
    """Score against ``benchmarks/real-dev.jsonl``-style files: per-document gold string lists.

    Predicted values are the document's mentions (what a user sees in doc.spans and events); gold
    strings match leniently (containment or word overlap); casualties need kind, min and max exact.
    """
    sc = Scores()
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        doc = extractor.nlp.make_doc(row["text"])
        doc._.eventie_published = row.get("published")
        doc = extractor.nlp(doc)
        sc.docs += 1
        gold = row["gold"]
        mentions = {k: list(doc.spans[v]) if v in doc.spans else [] for k, v in _SPAN_KEYS.items()}

        def strings(label: str, mentions: dict[str, list] = mentions) -> list[str]:
            seen, out = set(), []
            for s in mentions[label]:
                val = s.text
                if _norm(val) not in seen:
                    seen.add(_norm(val))
                    out.append(val)
            return out

        for name, label in (("actors", "ACTOR"), ("equipment", "EQUIPMENT"), ("locations", "PLACE"), ("hedges", "HEDGE")):
            g = list(dict.fromkeys(gold.get(name, [])))
            p = strings(label)
            pairs = _match(g, p, lenient)
            _tally(sc.prf(name), len(g), len(p), len(pairs))
        gc = gold.get("casualties", [])
        pc = [s._.eventie_casualty | {"text": s.text} for s in mentions["CASUALTY"] if s._.eventie_casualty["kind"] != "present"]
        pairs = _match(gc, pc, lambda g, p: g["kind"] == p["kind"] and g["min"] == p["min"] and g["max"] == p["max"])
        _tally(sc.prf("casualties"), len(gc), len(pc), len(pairs))
        ga = gold.get("attributions", [])
        pa = [s._.eventie_attribution | {"text": s.text} for s in mentions["ATTRIBUTION"]]
        pairs = _match(ga, pa, lambda g, p: lenient(g.get("source"), p.get("source")) or lenient(g.get("source"), p.get("source_name")))
        _tally(sc.prf("attributions"), len(ga), len(pa), len(pairs))
        gd = list(dict.fromkeys(gold.get("dates", [])))
        pd = list(dict.fromkeys(s._.eventie_date["value"] for s in mentions["DATE"] if s._.eventie_date["value"]))
        pairs = _match(gd, pd, lambda g, p: g == p)
        _tally(sc.prf("dates"), len(gd), len(pd), len(pairs))
    return sc


def format_table(scores: Scores, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'field':<26}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}")
    for k, v in sorted(scores.fields.items()):
        lines.append(f"{k:<26}{v.p:8.3f}{v.r:8.3f}{v.f:8.3f}{v.tp:6d}{v.fp:6d}{v.fn:6d}")
    if scores.accuracy:
        lines.append(f"{'accuracy (on matches)':<26}{'acc':>8}{'n':>8}")
        for k, a in sorted(scores.accuracy.items()):
            lines.append(f"{k:<26}{(a.right / a.total if a.total else 0):8.3f}{a.total:8d}")
    lines.append(f"documents: {scores.docs}")
    return "\n".join(lines)


def iter_jsonl(path: str | Path) -> Iterable[dict]:
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)
