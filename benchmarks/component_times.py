"""Time per pipeline component, eventie's shipped pipeline beside the bare base, on the same texts.

Usage: python benchmarks/component_times.py [--words 15000] [--rounds 2]

Each component runs over all documents in pipeline order (``pipe`` with batch 32), after one warm-up pass
(dateparser and the matchers build caches on first use). Prints a Markdown table for docs/performance.md,
and the budget the issue sets: eventie's own components against what the pipeline drops from the base.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import corpus  # noqa: E402


def component_seconds(nlp, texts: list[str]) -> dict[str, float]:
    docs = [nlp.make_doc(t) for t in texts]
    out = {}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.perf_counter() - t0
    return out


def median_times(nlp, texts: list[str], rounds: int) -> dict[str, float]:
    component_seconds(nlp, texts[:20])  # warm-up
    runs = [component_seconds(nlp, texts) for _ in range(rounds)]
    return {k: sorted(r[k] for r in runs)[len(runs) // 2] for k in runs[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=15_000)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    import spacy

    import eventie
    from eventie.pipeline import base_pipeline_name

    texts = corpus(args.words)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = eventie.load().nlp
    base = spacy.load(base_pipeline_name())
    ev = median_times(nlp, texts, args.rounds)
    bs = median_times(base, texts, args.rounds)
    total = sum(ev.values())
    print(f"{sum(len(t.split()) for t in texts)} words, {len(texts)} texts, median of {args.rounds}\n")
    print("| component | seconds | share |\n|---|---|---|")
    for k, v in ev.items():
        print(f"| {k} | {v:.2f} | {100 * v / total:.1f}% |")
    own = sum(v for k, v in ev.items() if k.startswith("eventie_") and k != "eventie_ner")
    dropped = sum(v for k, v in bs.items() if k not in nlp.pipe_names)
    print(f"\neventie's rule components: {own:.2f} s ({100 * own / total:.1f}%); trained eventie_ner: {ev.get('eventie_ner', 0):.2f} s")
    print(f"dropped from the base ({', '.join(k for k in bs if k not in nlp.pipe_names)}): {dropped:.2f} s")
    print(f"whole pipelines: eventie {total:.2f} s, bare base {sum(bs.values()):.2f} s")


if __name__ == "__main__":
    main()
