"""Benchmark (not a test): a long `eventie extract` stream, its peak memory and its speed.

Generates N synthetic articles by recombining the paragraphs of the bundled sample article and the bundled
test set (seeded, so every run makes the same stream), writes them as JSONL, and runs the real command

    eventie extract gen.jsonl -o out.jsonl --no-progress [--workers W] [--model M]

in a subprocess, sampling the resident memory of it and its children from /proc twice a second. It reports
peak RSS, RSS after the first 10% of the output against the end (flat = bounded memory), words per second
over the whole run and over the steady state (first output line to the end, so start-up is not counted),
and the extrapolated time for 100,000 articles.

    .venv/bin/python benchmarks/bench_stream.py --n 2000 [--workers 1] [--model rules] [--json out.json]

A run longer than one sitting goes in segments: `--workdir DIR` keeps the stream, the output and a
`segments.json` ledger there, and running the same command again continues with `eventie extract --resume`
(the product's own resume, so a 100,000-article run also exercises it at scale). The ledger is rewritten every
30 s, so a segment that is killed still counts up to its last sample; the result sums wall and CPU time over
segments and takes the peak RSS over all of them.
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


def proc_cpu_s(pid: int) -> float:
    """CPU seconds used so far by a process and its descendants (utime + stime and their reaped children)."""
    total, todo, tick = 0.0, [pid], os.sysconf("SC_CLK_TCK")
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / tick
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return total


def run(n: int, workers: int, model: str | None, batch_size: int, workdir: Path,
        trace: Path | None = None) -> dict:
    """Run (or continue) the stream; with `trace`, append (seconds, lines, RSS MiB) every 30 s."""
    src, out, ledger_path = workdir / "gen.jsonl", workdir / "out.jsonl", workdir / "segments.json"
    ledger = json.loads(ledger_path.read_text()) if ledger_path.exists() else {}
    if ledger.get("n") != n or not src.exists():
        ledger = {"n": n, "words": generate(src, n), "segments": []}
        out.unlink(missing_ok=True)
    words = ledger["words"]
    resume = out.exists() and count_lines(out) > 0
    cmd = [sys.executable, "-m", "eventie.io.cli", "extract", str(src), "-o", str(out), "--no-progress",
           "--workers", str(workers), "--batch-size", str(batch_size)] + (["--model", model] if model else [])
    cmd += ["--resume"] if resume else []
    segment = {"workers": workers, "lines_before": count_lines(out), "wall_s": 0.0, "cpu_s": 0.0,
               "first_line_s": None, "peak_rss_kib": 0, "rss_after_10pct_kib": None, "lines_after": 0}
    ledger["segments"].append(segment)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int, int]] = []  # (seconds, lines written, RSS KiB)
    while proc.poll() is None:
        samples.append((time.perf_counter() - t0, count_lines(out), rss_kib(proc.pid)))
        t, lines, rss = samples[-1]
        segment["peak_rss_kib"] = max(segment["peak_rss_kib"], rss)
        if segment["first_line_s"] is None and lines > segment["lines_before"]:
            segment["first_line_s"] = round(t, 1)
        if segment["rss_after_10pct_kib"] is None and lines >= n / 10 and rss:
            segment["rss_after_10pct_kib"] = rss
        if len(samples) % 60 == 1:
            segment.update(wall_s=round(t, 1), cpu_s=round(proc_cpu_s(proc.pid), 1), lines_after=lines)
            ledger_path.write_text(json.dumps(ledger, indent=1) + "\n")
            if trace:
                with open(trace, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps({"s": round(t), "lines": lines, "rss_mib": round(rss / 1024, 1)}) + "\n")
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    segment.update(wall_s=round(wall, 1), cpu_s=round(cpu, 1), lines_after=count_lines(out))
    ledger_path.write_text(json.dumps(ledger, indent=1) + "\n")
    samples = [s for s in samples if s[2] > 0]
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"extract failed ({proc.returncode}): {err[-2000:]}")
    segs = ledger["segments"]
    wall_all = sum(g["wall_s"] for g in segs)
    cpu_all = sum(g["cpu_s"] for g in segs)
    first = segs[0]["first_line_s"] or wall
    startup = sum(g["first_line_s"] or g["wall_s"] for g in segs)
    steady = words * (1 - min(64, n) / n) / max(wall_all - startup, 1e-9)
    at10 = next((g["rss_after_10pct_kib"] for g in segs if g["rss_after_10pct_kib"]), None)
    return {
        "articles": n, "words": words, "workers": workers, "model": model or "default", "batch_size": batch_size,
        "segments": len(segs), "wall_s": round(wall_all, 1), "startup_to_first_line_s": round(first, 1),
        "words_per_s_overall": round(words / wall_all), "words_per_s_steady": round(steady),
        "cpu_s": round(cpu_all, 1), "words_per_cpu_s": round(words / cpu_all) if cpu_all else None,
        "peak_rss_mib": round(max(g["peak_rss_kib"] for g in segs) / 1024, 1),
        "max_rss_one_process_mib": round(after.ru_maxrss / 1024, 1),
        "rss_after_10pct_mib": round(at10 / 1024, 1) if at10 else None,
        "rss_at_end_mib": round(samples[-1][2] / 1024, 1) if samples else None,
        "output_lines": count_lines(out), "distinct_ids": len(output_ids(out)),
        "extrapolated_100k_hours": round(100_000 * (words / n) / steady / 3600, 2),
        "summary": err.strip().splitlines()[-1] if err.strip() else "",
    }


def output_ids(path: Path) -> set[str]:
    """Ids in the output, so a resumed run shows neither gaps nor duplicates (distinct ids = lines = N)."""
    ids: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            ids.add(json.loads(line).get("id", ""))
    return ids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles to generate (100000 for the full run)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=None, help="pipeline (default: the shipped one; 'rules' for no trained parts)")
    ap.add_argument("--json", type=Path, default=None, help="also write the result here")
    ap.add_argument("--trace", type=Path, default=None, help="append progress lines here every 30 s")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="keep the stream here and continue a previous run of the same N with --resume")
    args = ap.parse_args()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = run(args.n, args.workers, args.model, args.batch_size, args.workdir, args.trace)
    else:
        with tempfile.TemporaryDirectory(prefix="eventie-bench-") as tmp:
            result = run(args.n, args.workers, args.model, args.batch_size, Path(tmp), args.trace)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
