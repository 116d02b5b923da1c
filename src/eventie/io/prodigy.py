"""The annotation round trip with the tools annotators use: Prodigy ``spans`` tasks in and out.

Annotators correct faster than they label from scratch, and they do it in Prodigy, Label Studio or a
text editor. So eventie writes its annotation format as Prodigy ``spans_manual`` tasks (``text``,
``tokens``, ``spans`` with token indices, ``_input_hash``/``_task_hash``, ``answer``), keeps its own
extras on them (span attributes, ``events`` frames by span index, ``meta``), which Prodigy carries
through untouched; the annotation reader (and so ``eventie train``) reads such tasks back as they are. ``pre_annotate`` turns a pipeline's output on new articles into
such records, so that an analyst corrects the machine instead of starting from nothing.

Hashes follow the shape of Prodigy's ``set_hashes`` (murmurhash of the sorted-key JSON of the input
keys; the task hash folds in the input hash and the spans); they are stable and Prodigy accepts them,
but they are not promised to be bit-identical to the ones Prodigy itself would compute.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..schema import Document, Event
from ..training.annotation import AnnotatedArticle, SkippedRecord, parse_line
from ..training.annotation import from_prodigy as _reader_from_prodigy

SPAN_ATTRS = ("name", "side", "kind", "category", "count", "status", "min", "max", "approximate", "who", "admin1",
              "country", "occupied", "value", "type", "cue", "source", "channel")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def _hash(value: Any) -> int:
    from murmurhash import mrmr

    return int(mrmr.hash(json.dumps(value, sort_keys=True, ensure_ascii=False)))


def set_hashes(task: dict[str, Any]) -> dict[str, Any]:
    """Add ``_input_hash`` (the text) and ``_task_hash`` (text + spans) as 32-bit signed ints."""
    input_hash = _hash({"text": task["text"]})
    spans = [{k: s[k] for k in ("start", "end", "label")} for s in task.get("spans", [])]
    task["_input_hash"] = input_hash
    task["_task_hash"] = _hash({"_input_hash": input_hash, "spans": spans})
    return task


def to_prodigy(rec: AnnotatedArticle, *, answer: str = "accept") -> dict[str, Any]:
    """One eventie annotation record as a Prodigy spans task (tokens and token indices added)."""
    doc = _tokenizer()(rec.text)
    tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i, "ws": bool(t.whitespace_)} for t in doc]
    spans = []
    for sp in rec.spans:
        cs = doc.char_span(sp.start, sp.end)  # token indices only where the span sits on token boundaries
        item: dict[str, Any] = {"start": sp.start, "end": sp.end, "label": sp.label, "text": rec.text[sp.start : sp.end]}
        if cs is not None:
            item.update(token_start=cs.start, token_end=cs.end - 1)
        item.update({k: v for k in SPAN_ATTRS if (v := getattr(sp, k)) is not None})
        if "value" in item:
            item["value"] = item["value"].isoformat()
        spans.append(item)
    data = rec.model_dump(mode="json", exclude_none=True)
    task = {"text": rec.text, "meta": data["meta"], "tokens": tokens, "spans": spans,
            "relations": data.get("relations", []), "events": data.get("events", []),
            "answer": answer, "_view_id": "spans_manual"}
    return set_hashes(task)


def from_prodigy(task: dict[str, Any]) -> dict[str, Any] | None:
    """A Prodigy task back as an eventie annotation record (a dict); None for rejected/ignored tasks.

    The annotation reader's own conversion (``training.annotation.from_prodigy``: Prodigy's keys dropped,
    token indices checked against the offsets), so that what ``eventie train`` reads and what this returns
    cannot differ.
    """
    try:
        return _reader_from_prodigy(task)
    except SkippedRecord:
        return None


def read_prodigy_line(line: str) -> AnnotatedArticle | None:
    """Parse one Prodigy JSONL line into a validated record (None when the annotator rejected it)."""
    try:
        return parse_line(line)
    except SkippedRecord:
        return None


# --- pre-annotation from a pipeline's output ---------------------------------------------------------
class _SpanTable:
    """Spans of one record, each (start, end, label) once; event frames point at them by index."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[dict[str, Any]] = []
        self.index: dict[tuple[int, int, str], int] = {}

    def add(self, m: Any, label: str, **attrs: Any) -> int | None:
        if m is None or m.end <= m.start or self.text[m.start : m.end] != self.text[m.start : m.end].strip():
            return None
        key = (m.start, m.end, label)
        if key not in self.index:
            self.index[key] = len(self.spans)
            self.spans.append({"start": m.start, "end": m.end, "label": label, "text": self.text[m.start : m.end],
                               **{k: v for k, v in attrs.items() if v is not None}})
        return self.index[key]


def _ids(xs: Iterable[int | None]) -> list[int]:
    return list(dict.fromkeys(x for x in xs if x is not None))


def _frame(t: _SpanTable, ev: Event) -> dict[str, Any]:
    loc = ev.location
    actors = {role: _ids(t.add(a, "ACTOR", name=a.name, side=a.side, kind=a.kind) for a in ev.actors if a.role == role)
              for role in ("perpetrator", "target", "other")}
    return {
        "type": ev.type, "certainty": ev.certainty,
        "trigger": t.add(ev.trigger, "TRIGGER", type=ev.type),
        "perpetrators": actors["perpetrator"], "targets": actors["target"], "others": actors["other"],
        "place": t.add(loc, "PLACE", name=loc.name, admin1=loc.admin1, country=loc.country, occupied=loc.occupied) if loc else None,
        "date": t.add(ev.date_text, "DATE", value=ev.date.isoformat() if ev.date else None),
        "date_value": ev.date.isoformat() if ev.date else None,
        "equipment": _ids(t.add(q, "EQUIPMENT", name=q.name, category=q.category, count=q.count, side=q.side, status=q.status)
                          for q in ev.equipment),
        "casualties": _ids(t.add(c, "CASUALTY", kind=c.kind, min=c.min, max=c.max, approximate=c.approximate, who=c.who,
                                 side=c.side) for c in ev.casualties),
        "attributions": _ids(t.add(a, "ATTRIBUTION", cue=a.cue, source=a.source, channel=a.channel) for a in ev.attributions),
        "hedges": _ids(t.add(h, "HEDGE", kind=h.kind) for h in ev.hedges),
    }


def pre_annotate(text: str, doc: Document, *, source: str = "eventie correct: machine pre-annotation, not yet corrected",
                 license: str = "unknown") -> AnnotatedArticle:
    """A pipeline's output on one article as an annotation record to correct (validated)."""
    t = _SpanTable(text)
    frames = [{k: v for k, v in _frame(t, ev).items() if v not in (None, [])} for ev in doc.events]
    meta = {k: v for k, v in doc.meta.items() if k not in ("source", "license")}
    meta.update(id=doc.id or "article", published=doc.published.isoformat() if doc.published else None,
                source=str(doc.meta.get("source") or source), license=str(doc.meta.get("license") or license))
    return AnnotatedArticle.model_validate({"text": text, "meta": meta, "spans": t.spans, "events": frames})
