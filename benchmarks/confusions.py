"""Certainty and side confusions on an annotated split, to find rule gaps and convention differences.

For each matched event: gold certainty, predicted certainty and ``certainty_reason``; for each matched actor
mention: gold side, predicted side, ``side_from`` and kind. Matching is the evaluator's
(src/eventie/training/evaluation.py). Usage:

    .venv/bin/python benchmarks/confusions.py training_data/dev.jsonl [--pipeline models/eventie_cnn] [--dump out.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from eventie import labels
from eventie.api import load
from eventie.training.annotation import read_annotations
from eventie.training.evaluation import _match, _overlap


def _rows(ex, path: str) -> list[dict]:
    records, _ = read_annotations([path])
    docs = []
    for r in records:
        doc = ex.nlp.make_doc(r.text)
        doc._.eventie_published = r.meta.published.isoformat() if r.meta.published else None
        docs.append(doc)
    out = []
    for r, doc in zip(records, ex.nlp.pipe(docs, batch_size=16), strict=True):
        out += _event_rows(r, doc) + _actor_rows(r, doc)
    return out


def _event_rows(r, doc) -> list[dict]:
    spans, rows = r.spans, []

    def covers(ge, pe) -> bool:
        if ge.trigger is None:
            return False
        t = spans[ge.trigger]
        return _overlap((t.start, t.end), (pe["trigger"]["start"], pe["trigger"]["end"])) or any(
            s["start"] <= t.start < s["end"] for s in pe["sentences"]
        )

    for ge, pe in _match(r.events, doc._.eventie_events or [], covers):
        rows.append({
            "what": "event", "id": r.meta.id, "gold": ge.certainty, "pred": pe["certainty"],
            "reason": pe.get("certainty_reason"), "trigger": spans[ge.trigger].text,
            "gold_atts": [(spans[i].cue, spans[i].source) for i in ge.attributions],
            "gold_hedges": [(spans[i].kind, spans[i].text) for i in ge.hedges],
        })
    return rows


def _actor_rows(r, doc) -> list[dict]:
    g = [s for s in r.spans if s.label == "ACTOR"]
    p = list(doc.spans[labels.ACTORS]) if labels.ACTORS in doc.spans else []
    rows = []
    for gs, ps in _match(g, p, lambda a, b: _overlap((a.start, a.end), (b.start_char, b.end_char))):
        info = ps._.eventie_actor or {}
        rows.append({
            "what": "actor", "id": r.meta.id, "gold": gs.side or None, "pred": info.get("side"), "text": ps.text,
            "gold_text": gs.text, "kind": info.get("kind"), "gold_kind": gs.kind, "side_from": info.get("side_from"),
            "rule": info.get("rule"),
            "context": r.text[max(0, gs.start - 60) : gs.end + 40].replace("\n", " "),
        })
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--pipeline", default="models/eventie_cnn")
    ap.add_argument("--dump")
    args = ap.parse_args()
    rows = _rows(load(None if args.pipeline == "default" else args.pipeline), args.data)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(x) + "\n" for x in rows)
    for what in ("event", "actor"):
        sub = [x for x in rows if x["what"] == what]
        right = sum(x["gold"] == x["pred"] for x in sub)
        print(f"{what}: {right}/{len(sub)}", Counter((x["gold"], x["pred"]) for x in sub if x["gold"] != x["pred"]).most_common(12))
        for x in sub:
            if x["gold"] != x["pred"]:
                extra = x.get("reason") if what == "event" else f'{x["text"]!r} kind={x["kind"]} from={x["side_from"]}'
                print(f'  {x["id"]}: gold={x["gold"]} pred={x["pred"]} {extra}')


if __name__ == "__main__":
    main()
