"""Accuracy report for the model card: the shipped pipeline (and others) on test, dev and real reporting.

Scores each pipeline on the bundled test set, the dev set, and ``../shared/benchmarks/real-dev.jsonl`` (real
reporting with gold answers, read from where it lies, never copied) and writes docs/model-card.md and
docs/accuracy.json. The rules-only pipeline is the baseline printed beside the trained one.

Run: python benchmarks/eval_model.py [--pipeline models/eventie_cnn --pipeline rules ...] [--train-minutes N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "real-dev.jsonl"
HEADLINE = ["actor", "equipment", "place", "date", "casualty_exact", "attribution_source_cue", "hedge", "event"]
BENCH_FIELDS = ["actors", "equipment", "locations", "dates", "casualties", "attributions", "hedges"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pipeline", action="append", help="pipeline path, or 'rules' (repeatable)")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--train-minutes", type=float, default=None, help="measured training time, for the card")
    args = ap.parse_args()
    pipelines = args.pipeline or [str(ROOT / "models" / "eventie_cnn"), "rules"]

    import eventie
    from eventie.training.evaluation import evaluate, format_table, score_benchmark

    results: dict[str, dict] = {}
    for name in pipelines:
        ex = eventie.load(name)
        label = Path(name).name if name != "rules" else "rules (baseline)"
        shown = str(Path(name).resolve().relative_to(ROOT)) if name != "rules" and Path(name).resolve().is_relative_to(ROOT) else name
        entry: dict = {"pipeline": shown, "components": ex.nlp.pipe_names}
        for split in ("test", "dev"):
            path = ROOT / "training_data" / f"{split}.jsonl"
            if path.exists():
                t0 = time.perf_counter()
                sc, _ = evaluate(ex, path)
                entry[split] = sc.as_dict()
                entry[f"{split}_words"] = sum(len(json.loads(line)["text"].split()) for line in path.open() if line.strip())
                entry[f"{split}_seconds"] = round(time.perf_counter() - t0, 1)
                print(format_table(sc, f"{label} on {split}"))
        if BENCH.exists():
            sc = score_benchmark(ex, BENCH)
            entry["real"] = sc.as_dict()
            print(format_table(sc, f"{label} on real reporting"))
        results[label] = entry

    out = Path(args.out)
    (out / "accuracy.json").write_text(json.dumps(results, indent=2) + "\n")

    def f1(entry: dict, split: str, field: str) -> str:
        v = entry.get(split, {}).get("fields", {}).get(field)
        return f"{v['f']:.3f}" if v else "–"

    def acc(entry: dict, split: str, field: str) -> str:
        v = entry.get(split, {}).get("accuracy", {}).get(field)
        return f"{v['acc']:.3f} (n={v['n']})" if v else "–"

    labels = list(results)
    head = "| field | " + " | ".join(f"{lab} test | {lab} dev" for lab in labels) + " |"
    sep = "|---|" + "---|---|" * len(labels)
    rows = [head, sep]
    for fld in [*HEADLINE, "trigger", "role_perpetrator", "role_target", "casualty", "attribution", "hedge_kind"]:
        rows.append(f"| {fld} | " + " | ".join(f"{f1(results[lab], 'test', fld)} | {f1(results[lab], 'dev', fld)}" for lab in labels) + " |")
    acc_rows = ["| accuracy on matched items | " + " | ".join(f"{lab} test" for lab in labels) + " |", "|---|" + "---|" * len(labels)]
    for fld in ["actor_side", "equipment_count", "place_name", "date_value", "event_type", "event_date", "event_place", "event_certainty"]:
        acc_rows.append(f"| {fld} | " + " | ".join(acc(results[lab], "test", fld) for lab in labels) + " |")
    def prf(entry: dict, split: str, field: str) -> str:
        v = entry.get(split, {}).get("fields", {}).get(field)
        return f"{v['f']:.3f} / {v['p']:.2f} / {v['r']:.2f}" if v else "–"

    bench_rows = ["| field (F1 / P / R) | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for fld in BENCH_FIELDS:
        bench_rows.append(f"| {fld} | " + " | ".join(prf(results[lab], "real", fld) for lab in labels) + " |")
    speed_rows = ["| pipeline | test set seconds (60 articles) | words/s |", "|---|---|---|"]
    for lab in labels:
        secs = results[lab].get("test_seconds")
        words = results[lab].get("test_words")
        speed_rows.append(f"| {lab} | {secs} | {round(words / secs) if secs and words else '–'} |")
    first = results[labels[0]]
    test_docs = first.get("test", {}).get("docs", 0)
    dev_docs = first.get("dev", {}).get("docs", 0)
    md = f"""# Model card: eventie_cnn

Numbers from `python benchmarks/eval_model.py` (raw: [accuracy.json](accuracy.json)); re-run at each change.

- **Pipeline**: `models/eventie_cnn`, config `src/eventie/configs/cnn.cfg`: frozen `en_core_web_sm` 3.8 base (tokens,
  tags, parse), a trained `eventie_ner` (ACTOR, EQUIPMENT, DATE; own CNN encoder), and the rule components
  ([components.md](components.md)).
- **Training data**: `training_data/train.jsonl`, model selection on `dev.jsonl`; articles written for this
  project (paraphrased or invented, labelled by hand); see [training_data/README.md](../training_data/README.md).
- **Reproduce**: `eventie train training_data/train.jsonl --dev training_data/dev.jsonl -o models/eventie_cnn --seed 0`
  {f"({args.train_minutes:.1f} minutes on 2 CPU cores)" if args.train_minutes else ""}
- **Intended use**: extracting candidate events from English conflict reporting for analysts who check them;
  every value carries its evidence offsets. Not for automated decisions about people.

## Bundled test set ({test_docs} articles) and dev set ({dev_docs} articles), F1

Mentions match when their spans overlap; `casualty_exact` also needs kind, min and max equal;
`attribution_source_cue` needs the cue and the source; `event` matches a gold event when a predicted event's
evidence covers its trigger; roles compare the event's perpetrators/targets.

{chr(10).join(rows)}

{chr(10).join(acc_rows)}

## Real reporting the developers did not write (`../shared/benchmarks/real-dev.jsonl`, 10 UK/US government texts), F1

Gold strings matched leniently (containment or word overlap), casualties need kind, min and max exact. The gold
lists only key attributions, so attribution precision is understated.

{chr(10).join(bench_rows)}

## Speed while evaluating (one process, this machine's CPUs)

Whole pipeline incl. the rule components, on the test set; [performance.md](performance.md) has the
controlled benchmark of the shipped model.

{chr(10).join(speed_rows)}

## Known weaknesses
- Roles: perpetrators are found only when the parse links them to the trigger (or they launch/fire something);
  pronouns and distant mentions are missed.
- Certainty is rule-based over linked attributions and hedges; annotators' judgements of "disputed" (sides
  contradicting each other about victims) are only partly captured.
- Places: no districts or streets in the gazetteer; an event in "Kyivskyi district of Odesa" resolves to Odesa.
- One event per sentence; incidents reported in the same sentence merge.
"""
    notes = ROOT / "benchmarks" / "model_card_notes.md"
    if notes.exists():  # hand-written context (corpus, caveats, the transformer variant) kept across re-runs
        md += "\n" + notes.read_text()
    (out / "model-card.md").write_text(md)


if __name__ == "__main__":
    main()
