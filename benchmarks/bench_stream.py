"""Benchmark (not a test): a long `eventie extract` stream, its peak memory and its speed.

Generates N synthetic articles by recombining the paragraphs of the bundled sample article and the bundled
test set (seeded, so every run makes the same stream), writes them as JSONL, and runs the real command

    eventie extract gen.jsonl -o out.jsonl --no-progress [--workers W] [--model M]

in a subprocess, sampling the resident memory of it and its children from /proc twice a second. It reports
peak RSS, RSS after the first 10% of the output against the end (flat = bounded memory), words per second
over the whole run and over the steady state (first output line to the end, so start-up is not counted),
and the extrapolated time for 100,000 articles.

    .venv/bin/python benchmarks/bench_stream.py --n 2000 [--workers 1] [--model rules] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path


def paragraphs() -> list[str]:
    """Paragraphs of the bundled texts: the sample article and every test-set article."""
    texts = [resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")]
    test = resources.files("eventie").joinpath("data", "testset", "test.jsonl").read_text(encoding="utf-8")
    texts += [json.loads(line)["text"] for line in test.splitlines() if line.strip()]
    return [p.strip() for t in texts for p in t.split("\n\n") if len(p.split()) >= 5]


def generate(path: Path, n: int, seed: int = 13) -> int:
    """Write n articles of 4-8 recombined paragraphs each; returns the total word count."""
    pool, rng, words = paragraphs(), random.Random(seed), 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = "\n\n".join(rng.sample(pool, rng.randint(4, 8)))
            words += len(text.split())
            day = 1 + i % 28
            fh.write(json.dumps({"id": f"syn-{i}", "text": text, "published": f"2024-03-{day:02d}"}) + "\n")
    return words


def rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (KiB), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def run(n: int, workers: int, model: str | None, batch_size: int, workdir: Path,
        trace: Path | None = None) -> dict:
    """Run the stream; with `trace`, append (seconds, lines, RSS MiB) every 30 s so a long run shows progress."""
    src, out = workdir / "gen.jsonl", workdir / "out.jsonl"
    words = generate(src, n)
    cmd = [sys.executable, "-m", "eventie.io.cli", "extract", str(src), "-o", str(out), "--no-progress",
           "--workers", str(workers), "--batch-size", str(batch_size)] + (["--model", model] if model else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int, int]] = []  # (seconds, lines written, RSS KiB)
    while proc.poll() is None:
        samples.append((time.perf_counter() - t0, count_lines(out), rss_kib(proc.pid)))
        if trace and len(samples) % 60 == 1:
            with open(trace, "a", encoding="utf-8") as fh:
                t, lines, rss = samples[-1]
                fh.write(json.dumps({"s": round(t), "lines": lines, "rss_mib": round(rss / 1024, 1)}) + "\n")
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    samples = [s for s in samples if s[2] > 0]
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"extract failed ({proc.returncode}): {err[-2000:]}")
    first = next((t for t, lines, _ in samples if lines > 0), wall)
    at10 = next((r for _, lines, r in samples if lines >= n / 10), None)
    steady = words * (1 - min(64, n) / n) / max(wall - first, 1e-9)
    return {
        "articles": n, "words": words, "workers": workers, "model": model or "default", "batch_size": batch_size,
        "wall_s": round(wall, 1), "startup_to_first_line_s": round(first, 1),
        "words_per_s_overall": round(words / wall), "words_per_s_steady": round(steady),
        "cpu_s": round(cpu, 1), "words_per_cpu_s": round(words / cpu) if cpu else None,
        "peak_rss_mib": round(max(r for _, _, r in samples) / 1024, 1) if samples else None,
        "max_rss_one_process_mib": round(after.ru_maxrss / 1024, 1),
        "rss_after_10pct_mib": round(at10 / 1024, 1) if at10 else None,
        "rss_at_end_mib": round(samples[-1][2] / 1024, 1) if samples else None,
        "output_lines": count_lines(out), "extrapolated_100k_hours": round(100_000 * (words / n) / steady / 3600, 2),
        "summary": err.strip().splitlines()[-1] if err.strip() else "",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles to generate (100000 for the full run)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=None, help="pipeline (default: the shipped one; 'rules' for no trained parts)")
    ap.add_argument("--json", type=Path, default=None, help="also write the result here")
    ap.add_argument("--trace", type=Path, default=None, help="append progress lines here every 30 s")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventie-bench-") as tmp:
        result = run(args.n, args.workers, args.model, args.batch_size, Path(tmp), args.trace)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
