"""Speed benchmark: eventie's extract_many beside the bare base spaCy pipeline, same texts, same run.

Prints and writes (docs/performance.md, docs/performance.json): words/second of each (interleaved rounds,
median), their ratio, per-component time, scaling with n_process=1 and 2, peak RSS of one process, cold start
(import + load + first extract, in a fresh interpreter), and seconds per MB on a 2 MB article.

Run: python benchmarks/bench_speed.py [--words 60000] [--rounds 3] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(words: int, seed: int = 0) -> list[str]:
    """Varied articles: the project's own annotated texts (all splits) and the sample, shuffled, repeated."""
    texts = []
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl"):
        p = ROOT / "training_data" / name
        if p.exists():
            texts += [json.loads(line)["text"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    from importlib import resources

    texts.append(resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8"))
    rnd = random.Random(seed)
    out, n = [], 0
    while n < words:
        rnd.shuffle(texts)
        for t in texts:
            out.append(t)
            n += len(t.split())
            if n >= words:
                break
    return out


PYTHON = sys.executable


def _run_in_subprocess(code: str) -> dict:
    res = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def peak_rss_mb(model: str | None, words: int) -> float:
    code = textwrap.dedent(
        f"""
        import json, resource, sys
        sys.path.insert(0, {str(ROOT / 'benchmarks')!r})
        from bench_speed import corpus
        import eventie
        ex = eventie.load({model!r})
        for _ in ex.extract_many(corpus({words}), batch_size=32):
            pass
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec
        hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")]
        mb = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"rss_mb": mb}}))
        """
    )
    return _run_in_subprocess(code)["rss_mb"]


def cold_start(model: str | None) -> dict:
    code = textwrap.dedent(
        f"""
        import json, time
        t0 = time.perf_counter()
        import eventie
        t1 = time.perf_counter()
        ex = eventie.load({model!r})
        t2 = time.perf_counter()
        ex.extract("Russian forces shelled Kherson on Tuesday, killing three civilians.", published="2024-03-14")
        t3 = time.perf_counter()
        print(json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "first_extract_s": t3 - t2, "total_s": t3 - t0}}))
        """
    )
    return _run_in_subprocess(code)


def _shown(path: str) -> str:
    p = Path(path).absolute()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else Path(path).name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=60_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--model", default=None, help="eventie pipeline (default: shipped)")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--skip-big", action="store_true", help="skip the 2 MB article")
    ap.add_argument(
        "--python", default=sys.executable,
        help="interpreter for the cold-start and memory runs (e.g. a default install without the [trf] extra, "
        "where spaCy does not import torch at load)",
    )
    args = ap.parse_args()
    global PYTHON
    PYTHON = args.python

    import spacy

    import eventie
    from eventie.pipeline import base_pipeline_name

    texts = corpus(args.words)
    n_words = sum(len(t.split()) for t in texts)
    ex = eventie.load(args.model)
    base_name = base_pipeline_name()
    base = spacy.load(base_name)
    ex.extract(texts[0])
    list(base.pipe(texts[:5]))

    ev_times, base_times, ev_cpu, base_cpu = [], [], [], []
    n_events = 0
    for _ in range(args.rounds):  # interleaved, so drift on the machine hits both alike
        t0, c0 = time.perf_counter(), time.process_time()
        list(base.pipe(texts, batch_size=32))
        base_times.append(time.perf_counter() - t0)
        base_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        n_events = sum(len(d.events) for d in ex.extract_many(texts, batch_size=32))
        ev_times.append(time.perf_counter() - t0)
        ev_cpu.append(time.process_time() - c0)
    ev_wps = n_words / statistics.median(ev_times)
    base_wps = n_words / statistics.median(base_times)
    # On a machine shared with other jobs the wall clock moves with their load (the base alone moved 35% between
    # runs); the process's own CPU seconds move far less, so the ratio is also given on those.
    cpu_ratio = statistics.median(base_cpu) / statistics.median(ev_cpu)

    t0 = time.perf_counter()
    list(ex.extract_many(texts, batch_size=32, n_process=2))
    two_wps = n_words / (time.perf_counter() - t0)

    # per component: each pipe over the same docs, in pipeline order
    nlp = ex.nlp
    docs = [nlp.make_doc(t) for t in texts]
    comp = {}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        comp[name] = time.perf_counter() - t0

    rss = peak_rss_mb(args.model, args.words)
    cold = cold_start(args.model)

    big = None
    if not args.skip_big:
        paras, size = [], 0
        rnd = random.Random(1)
        while size < 2_000_000:
            t = rnd.choice(texts)
            paras.append(t)
            size += len(t) + 2
        big_text = "\n\n".join(paras)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            ex.extract(big_text)
            secs = time.perf_counter() - t0
        big = {"mb": len(big_text.encode()) / 1e6, "seconds": secs, "seconds_per_mb": secs / (len(big_text.encode()) / 1e6)}

    result = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, spaCy {spacy.__version__}",
        "words": n_words,
        "documents": len(texts),
        "events": n_events,
        "pipeline": str(args.model or "shipped default"),
        "pipeline_components": nlp.pipe_names,
        "base": base_name,
        "eventie_wps": round(ev_wps),
        "base_wps": round(base_wps),
        "ratio": round(ev_wps / base_wps, 3),
        "ratio_cpu": round(cpu_ratio, 3),
        "eventie_cpu_seconds": [round(v, 3) for v in ev_cpu],
        "base_cpu_seconds": [round(v, 3) for v in base_cpu],
        "eventie_wps_2proc": round(two_wps),
        "scaling_2proc": round(two_wps / ev_wps, 3),
        "peak_rss_mb_1proc": round(rss),
        "cold_start": {k: round(v, 3) for k, v in cold.items()},
        "component_seconds": {k: round(v, 3) for k, v in comp.items()},
        "big_article": big and {k: round(v, 2) for k, v in big.items()},
        "rounds": args.rounds,
        # relative to the repository where it lies inside it (a venv), so the record names no machine path
        "subprocess_python": _shown(args.python),
    }
    print(json.dumps(result, indent=2))
    out = Path(args.out)
    (out / "performance.json").write_text(json.dumps(result, indent=2) + "\n")
    total = sum(comp.values())
    rows = "\n".join(f"| {k} | {v:.2f} | {100 * v / total:.1f}% |" for k, v in comp.items())
    md = f"""# Performance

Measured by `python benchmarks/bench_speed.py` (numbers below are from its last run; raw: `performance.json`).
Machine: {result['machine']}, 2 cores. Corpus: {n_words:,} words in {len(texts)} articles (the project's annotated
texts, shuffled and repeated), {n_events} events found.

| measure | value |
|---|---|
| `extract_many`, 1 process | {result['eventie_wps']:,} words/s |
| bare `{base_name}` (full pipeline), same texts, interleaved | {result['base_wps']:,} words/s |
| ratio eventie / base | {result['ratio']} |
| ratio on the process's CPU seconds (median of the rounds) | {result['ratio_cpu']} |
| `extract_many`, 2 processes | {result['eventie_wps_2proc']:,} words/s ({result['scaling_2proc']}x) |
| peak RSS, 1 process, whole corpus (default install, no `[trf]`) | {result['peak_rss_mb_1proc']} MB |
| cold start (import + load + first extract; default install, no `[trf]`) | {result['cold_start']['total_s']} s (import {result['cold_start']['import_s']} s, load {result['cold_start']['load_s']} s, first extract {result['cold_start']['first_extract_s']} s) |
| 2 MB article | {big and round(big['seconds_per_mb'], 1)} s per MB |

Median of {args.rounds} interleaved rounds. Cold start and memory are measured in a fresh interpreter of a
default install: with the `[trf]` extra installed, spaCy imports torch when it loads any pipeline (entry points),
which adds about 3 s and 150 MB. The eventie pipeline replaces the base NER by its own trained NER,
so "eventie / base" compares eventie's whole pipeline with the whole base pipeline it starts from.

## Time per component

| component | seconds | share |
|---|---|---|
{rows}

## Scaling out

- One machine: `extract_many(..., n_process=N)` or `eventie extract --workers N` (spaCy multiprocessing).
- Dask (tested in `tests/test_scale.py` on a local `dask.distributed` cluster of 2 worker processes):

```python
import dask.bag as db
from eventie.io.scale import extract_bag
docs = extract_bag(db.read_text("articles-*.jsonl").map(json.loads), model=None).compute()
```

  Each worker loads the pipeline once (cached in the worker process) and streams its partitions through
  `nlp.pipe`. For a DataFrame, `ddf.to_bag(format="dict")` gives the same input.
- Spark: the same partition function, once per executor process:

```python
from eventie.io.scale import extract_partition
rdd = spark.read.json("articles.jsonl").rdd.map(lambda r: r.asDict())
docs = rdd.mapPartitions(lambda rows: extract_partition(list(rows))).toDF()   # or .saveAsTextFile
```

  Give executors one core per Python worker (spaCy is single-threaded per process) and about 600 MB each.
"""
    notes = Path(__file__).resolve().parent / "performance_notes.md"  # hand-written, kept across runs
    if notes.exists():
        md += notes.read_text()
    (out / "performance.md").write_text(md)


if __name__ == "__main__":
    main()
