"""Long runs that survive: a JSONL writer that writes as it goes, and ``--resume`` after a crash.

A run over 100,000 articles takes hours; a run that dies must not start again from zero, and a run that
is stopped must leave a file that pandas can read. So each Document is written as one complete line and
flushed before the next is taken; Ctrl-C is deferred until the line in hand is written; and a resumed
run reads back the ids already written, drops a torn last line (a SIGKILL mid-write), and skips exactly
those records, duplicates included (counted, not set-membership), so there are neither gaps nor repeats.

Records are identified by their ``id``; a record without one gets ``sha1-`` + a hash of its text, which
is the same on every run over the same input.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ResumeError
from ..training.annotation import content_id  # one id rule for annotation records and extract inputs

__all__ = ["DeferredInterrupt", "JsonlSink", "content_id", "done_ids", "skip_done", "stream_to"]


def done_ids(path: str | Path) -> Counter[str]:
    """Ids of the Documents already in an output file; truncates a torn last line in place.

    Raises:
        ResumeError (E021): a damaged line that is not the last one (the file was not written by a
            stream run, or was edited), so resuming could not promise no gaps.
    """
    seen: Counter[str] = Counter()
    good_end, bad_at = 0, None
    with open(path, "rb") as fh:  # one line in memory at a time: the output may be gigabytes
        for n, end, raw in _lines(fh):
            if bad_at is not None:
                raise ResumeError(f"E021: {path}:{bad_at}: not a complete eventie Document line; cannot resume safely")
            rid = _doc_id(raw)
            if rid is None:
                bad_at = n  # fine only if it is the last line: the one being written when the run died
                continue
            seen[rid] += 1
            good_end = end
    if good_end < os.path.getsize(path):
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    return seen


def _doc_id(raw: bytes) -> str | None:
    """The id of a complete Document line, else None."""
    if not raw.endswith(b"\n"):
        return None
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    return str(obj.get("id")) if isinstance(obj, dict) and "events" in obj else None


def _lines(fh: Any) -> Iterator[tuple[int, int, bytes]]:
    """(line number, offset just after the line, the line) for every non-blank line."""
    pos = 0
    for n, raw in enumerate(fh, start=1):
        pos += len(raw)
        if raw.strip():
            yield n, pos, raw


def skip_done(records: Iterable[dict[str, Any]], done: Counter[str]) -> Iterator[dict[str, Any]]:
    """Records not yet in the output, in order; each written id skips as many records as it was written."""
    left = Counter(done)
    for rec in records:
        rid = str(rec.get("id"))
        if left[rid] > 0:
            left[rid] -= 1
            continue
        yield rec


class DeferredInterrupt:
    """Ctrl-C sets a flag instead of raising mid-write; the loop raises at the next safe point.

    Only the main thread can own signal handlers; elsewhere this does nothing and Ctrl-C behaves as usual.
    """

    def __init__(self) -> None:
        self.hit = False
        self._old: Any = None

    def _handler(self, signum: int, frame: Any) -> None:
        self.hit = True

    def __enter__(self) -> DeferredInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)

    def check(self) -> None:
        if self.hit:
            raise KeyboardInterrupt


class JsonlSink:
    """Append one Document per line and flush it: what is on disk is always whole lines."""

    def __init__(self, path: str | Path, *, append: bool) -> None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(target, "a" if append else "w", encoding="utf-8", newline="\n")
        self.written = 0

    def write(self, doc: Any) -> None:
        self.fh.write(doc.model_dump_json() + "\n")
        self.fh.flush()
        self.written += 1

    def close(self) -> None:
        self.fh.close()


@contextmanager
def stream_to(path: str | Path, *, resume: bool) -> Iterator[tuple[JsonlSink, Counter[str], DeferredInterrupt]]:
    """Open ``path`` for a stream run: (sink, ids already done, interrupt guard)."""
    done: Counter[str] = done_ids(path) if resume and Path(path).exists() else Counter()
    sink = JsonlSink(path, append=bool(done) or (resume and Path(path).exists()))
    guard = DeferredInterrupt()
    try:
        with guard:
            yield sink, done, guard
    finally:
        sink.close()
