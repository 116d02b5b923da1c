"""Time per pipeline component, eventie's shipped pipeline beside the bare base, on the same texts.

Usage: python benchmarks/component_times.py [--words 15000] [--rounds 2] [--model PATH]

Each component runs over all documents in pipeline order (``pipe`` with batch 32), after one warm-up pass
(dateparser and the matchers build caches on first use).
Times are CPU seconds of this process (``time.process_time``): on a machine shared with other jobs, wall
clock swings 2x from one run to the next while CPU time moves by a few per cent. Prints a Markdown table for
docs/performance.md, the budget the issue sets (eventie's own components against what the pipeline drops from
the base), and ``extract_many`` words per CPU-second against the bare base on the same texts, interleaved.
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
        t0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.process_time() - t0
    return out


def median_times(nlp, texts: list[str], rounds: int) -> dict[str, float]:
    component_seconds(nlp, texts[:20])  # warm-up
    runs = [component_seconds(nlp, texts) for _ in range(rounds)]
    return {k: sorted(r[k] for r in runs)[len(runs) // 2] for k in runs[0]}


def extract_ratio(ex, base, texts: list[str], rounds: int) -> tuple[float, float]:
    """Words per CPU-second of ``extract_many`` (pydantic output included) and of the bare base, interleaved."""
    n = sum(len(t.split()) for t in texts)
    ev_t, base_t = [], []
    for _ in range(rounds):
        t0 = time.process_time()
        list(base.pipe(texts, batch_size=32))
        base_t.append(time.process_time() - t0)
        t0 = time.process_time()
        list(ex.extract_many(texts, batch_size=32))
        ev_t.append(time.process_time() - t0)
    return n / sorted(ev_t)[len(ev_t) // 2], n / sorted(base_t)[len(base_t) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=15_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--model", default=None, help="eventie pipeline folder (default: shipped)")
    args = ap.parse_args()
    import spacy

    import eventie
    from eventie.pipeline import base_pipeline_name

    texts = corpus(args.words)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ex = eventie.load(args.model)
    nlp = ex.nlp
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ev_wps, base_wps = extract_ratio(ex, base, texts, args.rounds)
    print(f"extract_many {ev_wps:,.0f} words per CPU-second, bare base {base_wps:,.0f}: ratio {ev_wps / base_wps:.3f}")


if __name__ == "__main__":
    main()
