"""The ``eventie`` command line: extract, validate, train, evaluate, schema.

Each command is a thin wrapper over a typed function in the library. Exit codes: 0 success; 1 done, but
some input records were skipped (reported on stderr); 2 usage error; 3 pipeline could not be loaded;
4 no usable input.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from ..errors import AnnotationFileError, ConfigError, EventieError, ModelNotFoundError
from .stream import content_id
from .tables import ACLED_COLUMNS, acled_row

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="eventie: evidence-backed conflict events from English news.\n\n"
    "Try: eventie extract --sample   (runs the bundled sample article)",
)

EXIT_SKIPPED, EXIT_USAGE, EXIT_MODEL, EXIT_NO_INPUT, EXIT_INTERRUPTED = 1, 2, 3, 4, 130
FORMATS = ("json", "jsonl", "csv", "acled", "parquet")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


# --- input ---------------------------------------------------------------------------------------
def _read_inputs(path: str, published: str | None, problems: list[str]) -> Iterator[dict[str, Any]]:
    """Records from a text/HTML file, a folder of them, a JSONL file of records, or '-' (stdin)."""
    if path == "-":
        yield {"id": "stdin", "text": sys.stdin.read(), "published": published}
        return
    p = Path(path)
    if p.is_dir():
        for f in sorted(p.iterdir()):
            if f.suffix.lower() in (".txt", ".html", ".htm", ".md") and f.is_file():
                yield {"id": f.name, "text": f.read_text(encoding="utf-8", errors="replace"), "published": published}
        return
    if p.suffix.lower() == ".jsonl":
        with open(p, "rb") as fh:
            for lineno, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    rec = json.loads(raw.decode("utf-8"))
                    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                        raise ValueError("expected an object with a string 'text'")
                except (ValueError, UnicodeDecodeError) as exc:
                    problems.append(f"{p}:{lineno}: skipped: {exc}")
                    continue
                if rec.get("id") in (None, ""):
                    rec["id"] = content_id(rec["text"])  # stable across runs: what --resume keys on
                if published and not rec.get("published"):
                    rec["published"] = published
                yield rec
        return
    yield {"id": p.name, "text": p.read_text(encoding="utf-8", errors="replace"), "published": published}


# --- output --------------------------------------------------------------------------------------
CSV_COLUMNS = [
    "doc_id", "event_id", "type", "acled_event_type", "acled_sub_event_type", "date", "location", "admin1", "country",
    "lat", "lon", "occupied", "perpetrators", "perpetrator_sides", "targets", "target_sides", "equipment",
    "killed_min", "killed_max", "injured_min", "injured_max", "certainty", "sources", "hedges", "trigger", "trigger_start",
]


def event_row(doc_id: str | None, ev: Any) -> dict[str, Any]:
    """One flat CSV row per event; lists are joined with '; ' so pandas reads it with no fuss."""
    def join(xs: list[str]) -> str:
        return "; ".join(dict.fromkeys(x for x in xs if x))

    def bound(kind: str, which: str) -> int | None:
        vals = [getattr(c, which) for c in ev.casualties if c.kind == kind and getattr(c, which) is not None]
        return max(vals) if vals else None

    loc = ev.location
    return {
        "doc_id": doc_id, "event_id": ev.id, "type": ev.type, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "date": ev.date.isoformat() if ev.date else None,
        "location": loc.name if loc else None, "admin1": loc.admin1 if loc else None, "country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "occupied": loc.occupied if loc else None,
        "perpetrators": join([a.name for a in ev.actors if a.role == "perpetrator"]),
        "perpetrator_sides": join([a.side or "" for a in ev.actors if a.role == "perpetrator"]),
        "targets": join([a.name for a in ev.actors if a.role == "target"]),
        "target_sides": join([a.side or "" for a in ev.actors if a.role == "target"]),
        "equipment": join([f"{e.count} {e.name}" if e.count is not None else e.name for e in ev.equipment]),
        "killed_min": bound("killed", "min"), "killed_max": bound("killed", "max"),
        "injured_min": bound("injured", "min"), "injured_max": bound("injured", "max"),
        "certainty": ev.certainty, "sources": join([a.source_name or a.source or "" for a in ev.attributions]),
        "hedges": join([h.text for h in ev.hedges]), "trigger": ev.trigger.text, "trigger_start": ev.trigger.start,
    }


class AtomicWriter:
    """Write to a temp file beside the target and rename on success: no half-written output on Ctrl-C."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.tmp: str | None = None
        self.fh: io.TextIOBase

    def __enter__(self) -> io.TextIOBase:
        if self.path in (None, "-"):
            self.fh = sys.stdout
            return self.fh
        target = Path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.tmp is None:
            return
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def _load(model: str | None):
    from ..api import load

    try:
        return load(model)
    except ModelNotFoundError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_MODEL) from None


SAMPLE = "sample_article.txt"


@app.command()
def extract(
    input: str = typer.Argument(None, help="A .txt/.html file, a folder of them, a .jsonl of records {text, published?, id?}, or '-' for stdin."),
    output: str = typer.Option(None, "--output", "-o", help="Output file (default: stdout). Written atomically."),
    fmt: str = typer.Option(None, "--format", "-f", help="json | jsonl | csv | acled (ACLED-style CSV columns) | parquet (ACLED-style, needs pyarrow); default: from the output suffix, else json."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that lack one."),
    model: str = typer.Option(None, "--model", "-m", help="Pipeline folder or name (default: the shipped pipeline; 'rules' for no trained parts)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (spaCy n_process)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch."),
    sample: bool = typer.Option(False, "--sample", help="Run on the bundled sample article."),
    html: bool = typer.Option(None, "--html/--no-html", help="Force HTML clean-up on or off (default: detect)."),
    progress: bool = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on when writing to a file)."),
    resume: bool = typer.Option(False, "--resume", help="JSONL output only: keep the Documents already in OUTPUT and do only the records not yet there."),
) -> None:
    """Extract events from articles and print/write them (JSON, JSONL or CSV).

    \b
    Examples:
      eventie extract --sample                          the bundled sample article, JSON on stdout
      eventie extract article.html --published 2024-03-24
      eventie extract articles.jsonl -o events.csv -w 2 one CSV row per event, 2 worker processes
      eventie extract folder/ -o docs.jsonl             every .txt/.html in folder, one Document per line
      cat article.txt | eventie extract - -f jsonl
      eventie extract big.jsonl -o docs.jsonl --resume  continue a run that was killed or stopped
      eventie extract articles.jsonl -o events.csv -f acled   ACLED-style columns (docs/acled.md)
    Input JSONL lines are {"text": ..., "published": "YYYY-MM-DD", "id": ...}; other keys pass through to
    Document.meta; a record without an id gets one from a hash of its text. Bad lines are reported
    (file:line) and skipped; exit code 1 then. JSONL written to a file streams: one complete line per
    Document, flushed as it goes, so Ctrl-C (exit 130) or a crash leaves whole lines and --resume goes on.
    """
    input = _input_path(input, sample)
    fmt = _output_format(fmt, output)
    streaming = fmt == "jsonl" and output not in (None, "-")
    if (resume and not streaming) or (fmt == "parquet" and output in (None, "-")):
        _err("--resume needs JSONL output to a file (-o out.jsonl)" if resume else "parquet needs -o FILE")
        raise typer.Exit(EXIT_USAGE)
    ex = _load(model)
    problems: list[str] = []
    records = _read_inputs(input, published, problems)
    show = progress if progress is not None else bool(output) and output != "-"
    run: dict[str, Any] = {"batch_size": batch_size, "n_process": workers, "html": html}
    if streaming:
        n_docs, n_events = _extract_stream(ex, records, output, resume=resume, show=show, problems=problems, run=run)
    elif fmt == "parquet":
        n_docs, n_events = _extract_parquet(ex, records, output, problems=problems, run=run)
    else:
        docs = ex.extract_many(records, **run)
        with AtomicWriter(output) as fh, _progress(show) as tick:
            n_docs, n_events = _write_documents(fh, docs, fmt, problems, tick)
    _finish(n_docs, n_events, problems)


def _finish(n_docs: int, n_events: int, problems: list[str]) -> None:
    for p in problems:
        _err(p)
    _err(f"{n_docs} documents, {n_events} events" + (f", {len(problems)} skipped" if problems else ""))
    if n_docs == 0:
        raise typer.Exit(EXIT_NO_INPUT)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


def _input_path(input: str | None, sample: bool) -> str:
    if sample:
        from importlib import resources

        input = str(resources.files("eventie").joinpath("data", SAMPLE))
    if input is None:
        _err("give an INPUT file, folder, .jsonl or '-' (or --sample); see eventie extract --help")
        raise typer.Exit(EXIT_USAGE)
    if input != "-" and not Path(input).exists():
        _err(f"input not found: {input}")
        raise typer.Exit(EXIT_NO_INPUT)
    return input


def _output_format(fmt: str | None, output: str | None) -> str:
    fmt = (fmt or (Path(output).suffix.lstrip(".") if output else "") or "json").lower()
    if fmt not in FORMATS:
        _err(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    return fmt


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[], None]]:
    """A callable that advances a progress bar by one document (a no-op when not shown)."""
    if not show:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    prog = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=False)
    prog.start()
    task = prog.add_task("docs", total=None)
    try:
        yield lambda: prog.update(task, advance=1)
    finally:
        prog.stop()


def _note_warnings(doc: Any, problems: list[str]) -> None:
    problems.extend(w for w in doc.warnings if w.startswith("W004"))


def _write_documents(fh: io.TextIOBase, docs: Iterable[Any], fmt: str, problems: list[str], tick: Callable[[], None]) -> tuple[int, int]:
    """Stream Documents to ``fh`` as JSON (an array), JSONL, CSV or ACLED CSV (one row per event); W004s go to problems."""
    n_docs = n_events = 0
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS if fmt == "acled" else CSV_COLUMNS) if fmt in ("csv", "acled") else None
    if writer:
        writer.writeheader()
    if fmt == "json":
        fh.write("[\n")
    for doc in docs:
        n_docs += 1
        n_events += len(doc.events)
        _note_warnings(doc, problems)
        if writer:
            for ev in doc.events:
                writer.writerow(acled_row(ev, doc) if fmt == "acled" else event_row(doc.id, ev))
        elif fmt == "jsonl":
            fh.write(doc.model_dump_json() + "\n")
        else:
            fh.write(("" if n_docs == 1 else ",\n") + doc.model_dump_json(indent=2))
        tick()
    if fmt == "json":
        fh.write("\n]\n")
    return n_docs, n_events


def _extract_stream(ex: Any, records: Any, output: str, *, resume: bool, show: bool, problems: list[str],
                    run: dict[str, Any]) -> tuple[int, int]:
    """JSONL to a file, one flushed line per Document; Ctrl-C stops after a whole line (exit 130)."""
    from ..errors import ResumeError
    from .stream import skip_done, stream_to

    n_docs = n_events = 0
    try:
        with stream_to(output, resume=resume) as (sink, done, guard), _progress(show) as tick:
            if done:
                _err(f"resuming: {sum(done.values())} documents already in {output}")
            for doc in ex.extract_many(skip_done(records, done), **run):
                sink.write(doc)
                n_docs += 1
                n_events += len(doc.events)
                _note_warnings(doc, problems)
                tick()
                guard.check()
    except ResumeError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        _err(f"interrupted: {n_docs} documents written this run, every line complete; rerun with --resume to go on")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    return n_docs + sum(done.values()), n_events


def _extract_parquet(ex: Any, records: Any, output: str, *, problems: list[str], run: dict[str, Any]) -> tuple[int, int]:
    """ACLED-style rows to Parquet (pyarrow), written to a temp file and renamed."""
    from ..errors import MissingExtraError
    from .tables import write_parquet

    docs: list[Any] = []
    for doc in ex.extract_many(records, **run):
        docs.append(doc)
        _note_warnings(doc, problems)
    tmp = Path(output).with_name(f".{Path(output).name}.part")
    try:
        n_events = write_parquet(docs, str(tmp))
    except MissingExtraError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    os.replace(tmp, output)
    return len(docs), n_events


@app.command()
def review(
    input: str = typer.Argument(None, help="A .jsonl of records {id, text, published}, a .txt/.html file, a folder of them, or '-'."),
    output: str = typer.Option("review.html", "--output", "-o", help="HTML page to write (atomically)."),
    published: str = typer.Option(None, "--published", help="Publication date for inputs that lack one."),
    model: str = typer.Option(None, "--model", "-m", help="Pipeline folder or name (default: the shipped one; 'rules')."),
    limit: int = typer.Option(500, "--limit", min=1, help="At most this many articles (a page is for reading)."),
    sample: bool = typer.Option(False, "--sample", help="Review the bundled sample article."),
) -> None:
    """Write an HTML page that shows each article with its spans highlighted and each event as a card
    whose values link to their evidence in the text. No scripts, no network: open it in any browser."""
    from itertools import islice

    from .review import page

    if sample:
        from importlib import resources

        input = str(resources.files("eventie").joinpath("data", SAMPLE))
    if input is None or (input != "-" and not Path(input).exists()):
        _err(f"input not found: {input}" if input else "give an INPUT (or --sample)")
        raise typer.Exit(EXIT_NO_INPUT if input else EXIT_USAGE)
    ex = _load(model)
    problems: list[str] = []
    records = list(islice(_read_inputs(input, published, problems), limit))
    docs = list(ex.extract_many(records, html=None))
    with AtomicWriter(output) as fh:
        fh.write(page([(r["text"], d) for r, d in zip(records, docs, strict=True)], title=f"eventie review: {Path(input).name}"))
    _finish(len(docs), sum(len(d.events) for d in docs), problems)


@app.command("export-annotations")
def export_annotations(
    files: list[Path] = typer.Argument(..., help="eventie annotation JSONL files (training_data/*.jsonl format)."),
    output: str = typer.Option(None, "--output", "-o", help="Prodigy JSONL to write (default: stdout)."),
) -> None:
    """Write annotated articles as Prodigy `spans` tasks (tokens, token indices, _input_hash/_task_hash,
    answer), keeping eventie's span attributes and event frames; load them with `prodigy db-in`."""
    from ..training.annotation import read_annotations
    from .prodigy import to_prodigy

    good, problems = read_annotations(files)
    with AtomicWriter(output) as fh:
        for rec in good:
            fh.write(json.dumps(to_prodigy(rec), ensure_ascii=False) + "\n")
    _finish(len(good), 0, [str(p) for p in problems])


@app.command()
def correct(
    input: str = typer.Argument(None, help="New articles: a .jsonl of records {id, text, published}, a file, a folder, or '-'."),
    output: str = typer.Option(None, "--output", "-o", help="Pre-annotated JSONL to write (default: stdout)."),
    fmt: str = typer.Option("prodigy", "--format", "-f", help="prodigy (spans tasks for spans.manual) | eventie (the training format)."),
    published: str = typer.Option(None, "--published", help="Publication date for inputs that lack one."),
    model: str = typer.Option(None, "--model", "-m", help="Pipeline folder or name (default: the shipped one)."),
    license: str = typer.Option("unknown", "--license", help="meta.license for records that do not carry one."),
) -> None:
    """Run the pipeline on new articles and write its output as annotations to correct, not to label from scratch.

    \b
    Example:
      eventie correct new.jsonl -o pre.jsonl          then: prodigy spans.manual my_set blank:en pre.jsonl --label ACTOR,...
      eventie correct new.jsonl -f eventie -o pre.jsonl   edit by hand, then eventie validate / eventie train
    """
    from ..training.annotation import dump_record
    from .prodigy import pre_annotate, to_prodigy

    if fmt not in ("prodigy", "eventie"):
        _err(f"unknown format {fmt!r}: use prodigy or eventie")
        raise typer.Exit(EXIT_USAGE)
    if input is None or (input != "-" and not Path(input).exists()):
        _err(f"input not found: {input}" if input else "give an INPUT file, folder, .jsonl or '-'")
        raise typer.Exit(EXIT_NO_INPUT if input else EXIT_USAGE)
    ex = _load(model)
    problems: list[str] = []
    n_docs = n_events = 0
    with AtomicWriter(output) as fh:
        for rec in _read_inputs(input, published, problems):
            try:
                doc = ex.extract_document(rec["text"], rec.get("published"), record_id=str(rec["id"]),
                                          meta={k: v for k, v in rec.items() if k not in ("text", "published", "id")})
            except (TypeError, ValueError) as exc:
                problems.append(f"skipped record {rec['id']}: {exc}")
                continue
            ann = pre_annotate(rec["text"], doc, license=license)
            fh.write((json.dumps(to_prodigy(ann), ensure_ascii=False) if fmt == "prodigy" else dump_record(ann)) + "\n")
            n_docs, n_events = n_docs + 1, n_events + len(doc.events)
    _finish(n_docs, n_events, problems)


@app.command()
def validate(files: list[Path] = typer.Argument(..., help="Annotated JSONL files.")) -> None:
    """Check annotation files: every bad line is reported with its number and reason."""
    from ..training.annotation import read_annotations

    good, problems = read_annotations(files)
    for p in problems:
        _err(str(p))
    bad = [p for p in problems if p.kind == "error"]
    skipped = len(problems) - len(bad)
    typer.echo(f"{len(good)} valid records, {len(bad)} bad lines" + (f", {skipped} skipped (answer reject/ignore)" if skipped else ""))
    if not good:
        raise typer.Exit(EXIT_NO_INPUT)
    if bad:
        raise typer.Exit(EXIT_SKIPPED)


def _train_args(tokens: list[str]) -> tuple[list[Path], dict[str, Any]]:
    """Split typer's leftover arguments into files and config overrides, read as ``spacy train`` reads them.

    An override's value is the next argument unless that starts with "--" (then it is a bare flag, True);
    the overrides themselves go through spaCy's own parser (JSON values, ``--a.b=c``, SPACY_CONFIG_OVERRIDES).
    """
    from ..training.trainer import parse_overrides

    files, rest, i = [], [], 0
    while i < len(tokens):
        if tokens[i].startswith("--"):
            rest.append(tokens[i])
            if "=" not in tokens[i] and i + 1 < len(tokens) and not tokens[i + 1].startswith("--"):
                rest.append(tokens[i + 1])
                i += 1
        else:
            files.append(Path(tokens[i]))
        i += 1
    return files, parse_overrides(rest)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(
    ctx: typer.Context,
    train_files: list[Path] = typer.Argument(..., help="Annotated JSONL files to train on."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the trained pipeline."),
    dev: list[Path] = typer.Option(None, "--dev", help="Annotated JSONL for model selection (default: 10% of train)."),
    config: str = typer.Option("cnn", "--config", "-c", help="'cnn' (CPU default), 'cnn_shared' (NER on the base's shared encoder), 'trf' (fine-tuned transformer, for a GPU), 'trf_frozen' (transformer features, trainable on CPU), or a config.cfg path."),
    gpu_id: int = typer.Option(-1, "--gpu-id", "-g", help="GPU id, -1 for CPU."),
    max_steps: int = typer.Option(None, "--max-steps", help="Stop after this many steps."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    workdir: Path = typer.Option(None, "--workdir", help="Keep the converted corpus and checkpoints here."),
) -> None:
    """Train a pipeline on annotated articles (spaCy's training loop). Extra --section.key value
    arguments are spaCy config overrides, e.g. --training.max_epochs 5."""
    from ..training.trainer import train as run_train

    # Unknown --section.key options land among the files (typer's variadic argument); split them out.
    files, overrides = _train_args([str(f) for f in train_files] + list(ctx.args))
    try:
        out = run_train(files, output, dev_paths=dev or None, config=config, gpu_id=gpu_id,
                        overrides=overrides, max_steps=max_steps, seed=seed, workdir=workdir,
                        log=lambda m: _err(m))
    except (AnnotationFileError, ConfigError) as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_NO_INPUT if isinstance(exc, AnnotationFileError) else EXIT_USAGE) from None
    typer.echo(f"trained pipeline written to {out}")


@app.command()
def evaluate(
    pipeline: str = typer.Argument(None, help="Pipeline folder (default: the shipped one; 'rules' for rules only)."),
    data: list[Path] = typer.Argument(None, help="Annotated JSONL (default: the bundled test set)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    benchmark: Path = typer.Option(None, "--benchmark", help="Also score a real-reporting benchmark file (gold strings)."),
    output: Path = typer.Option(None, "--output", "-o", help="Also write the JSON scores here."),
) -> None:
    """Per-field precision/recall/F1 and event-level scores on annotated articles."""
    from importlib import resources

    from ..training.evaluation import evaluate as run_eval
    from ..training.evaluation import format_table, score_benchmark

    ex = _load(pipeline if pipeline not in (None, "default") else None)
    files = data or [Path(str(resources.files("eventie").joinpath("data", "testset", "test.jsonl")))]
    try:
        scores, problems = run_eval(ex, files)
    except AnnotationFileError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_NO_INPUT) from None
    for p in problems:
        _err(f"skipped {p}")
    result: dict[str, Any] = {"pipeline": pipeline or "default", "data": [str(f) for f in files], "scores": scores.as_dict()}
    bench = None
    if benchmark is not None:
        bench = score_benchmark(ex, benchmark)
        result["benchmark"] = {"file": str(benchmark), "scores": bench.as_dict()}
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        typer.echo(format_table(scores, f"annotated: {', '.join(map(str, files))}"))
        if bench is not None:
            typer.echo("")
            typer.echo(format_table(bench, f"benchmark: {benchmark}"))
    if output:
        output.write_text(json.dumps(result, indent=2))


@app.command()
def schema(output: Path = typer.Option(None, "--output", "-o", help="Write here instead of stdout.")) -> None:
    """Print the JSON Schema of the output (Document with its Events)."""
    from ..schema import Document

    text = json.dumps(Document.model_json_schema(), indent=2)
    if output:
        output.write_text(text + "\n")
    else:
        typer.echo(text)


def main() -> None:
    try:
        app()
    except EventieError as exc:
        _err(str(exc))
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
