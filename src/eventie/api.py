"""The public API: ``load``, ``extract`` and ``extract_many``.

``extract`` is one call with no setup: the default pipeline loads once, lazily, from the package. Every
input is checked and cleaned without moving offsets, so the ``start``/``end`` of every value index the
caller's own string. Bad input gets a clear error (E001) or an empty result with a warning, never a
crash deep inside spaCy.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401
from .errors import InputTypeError, ModelNotFoundError, Warnings
from .pipeline import build_rule_pipeline
from .schema import Document, Event
from .text import chunk_offsets, clean, ensure_text, is_probably_english

log = logging.getLogger("eventie")

DEFAULT_MODEL = "eventie_cnn"
CHUNK_CHARS = 50_000  # above this, sentence-aligned chunks: spaCy max_length and memory stay bounded


def packaged_model_path(name: str = DEFAULT_MODEL) -> Path | None:
    """Where the shipped pipeline lies inside the installed package, if it was shipped."""
    try:
        path = Path(str(resources.files("eventie.models").joinpath(name)))
    except (ModuleNotFoundError, TypeError):
        return None
    return path if (path / "config.cfg").exists() else None


def _coerce_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            raise ValueError(f"E007: published must be an ISO date like '2024-03-24', got {value!r}") from None
    raise InputTypeError(f"E001: published must be a date or ISO string, got {type(value).__name__}")


@dataclass
class _Record:
    """One input of extract_many on its way through: cleaned text, or a finished Document when it was bad."""

    id: Any
    done: Document | None  # set for a record that was rejected (W004): passed through as is
    cleaned: str
    published: dt.date | None
    notes: list[str]
    meta: dict
    original: str  # the caller's text, from which every evidence text is re-read


class Extractor:
    """A loaded eventie pipeline with the same methods as the module-level API.

    Args:
        nlp (Language): a pipeline that contains eventie's components (see ``eventie.load``).
    """

    def __init__(self, nlp: Language) -> None:
        if "eventie_event_assembler" not in nlp.pipe_names:
            raise ModelNotFoundError("E003: this spaCy pipeline has no eventie_event_assembler component")
        self.nlp = nlp
        # Components keep per-call state on themselves (the assembler's sentence index), so one
        # pipeline runs one document stream at a time: threads are safe, and parallel speed comes
        # from n_process, not threads (spaCy holds the GIL in most of its work anyway).
        self._lock = threading.RLock()

    # -- single documents ---------------------------------------------------------------------
    def _prepare(self, text: object, published: Any, html: bool | None) -> tuple[str, str, dt.date | None, list[str]]:
        original = ensure_text(text)
        pub = _coerce_date(published)
        cleaned, done = clean(original, html=html)
        notes = [Warnings.W002.format(kind="cleaned", detail=", ".join(done))] if done else []
        return original, cleaned, pub, notes

    def _make_doc(self, text: str, published: dt.date | None) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.eventie_published = published.isoformat() if published else None
        return doc

    def extract(self, text: str, published: Any = None, *, html: bool | None = None) -> list[Event]:
        """Events in one article.

        Args:
            text (str): the article as the caller has it (plain text or HTML).
            published (date | str | None): publication date; relative dates ("on Tuesday") resolve
                against it. Without it, against the latest explicit date in the text, never today.
            html (bool | None): force HTML clean-up on/off; None detects it.
        Returns:
            list[Event]: possibly empty.
        """
        doc = self.extract_document(text, published, html=html)
        for w in doc.warnings:
            if w.startswith(("W001", "W003")):
                warnings.warn(w, stacklevel=2)
        return doc.events

    def extract_document(self, text: str, published: Any = None, *, html: bool | None = None, record_id: str | None = None, meta: dict | None = None) -> Document:
        original, cleaned, pub, notes = self._prepare(text, published, html)
        events, more = self._run([(cleaned, pub)], batch_size=1, n_process=1, originals=[original])[0]
        return Document(id=record_id, published=pub, meta=meta or {}, events=events, warnings=notes + more)

    def _run(
        self, items: list[tuple[str, dt.date | None]], *, batch_size: int, n_process: int, originals: list[str] | None = None
    ) -> list[tuple[list[Event], list[str]]]:
        """Run the pipeline over cleaned texts; splits huge texts into chunks and shifts offsets back.

        Evidence ``text`` is re-read from the caller's original string, so that it is always exactly
        ``original[start:end]`` even where clean-up blanked tags or control characters.
        """
        results: list[tuple[list[Event], list[str]]] = [([], []) for _ in items]
        jobs: list[tuple[Doc, tuple[int, int]]] = []
        for idx, (text, pub) in enumerate(items):
            if not text.strip():
                continue
            english, ratio = is_probably_english(text)
            if not english:
                results[idx][1].append(Warnings.W001.format(ratio=ratio))
                continue
            spans = chunk_offsets(text, CHUNK_CHARS)
            if len(spans) > 1:
                results[idx][1].append(Warnings.W003.format(limit=CHUNK_CHARS, n=len(spans)))
            for start, end in spans:
                jobs.append((self._make_doc(text[start:end], pub), (idx, start)))
        with self._lock:
            piped = [(list(doc._.eventie_events or []), key) for doc, key in
                     self.nlp.pipe(jobs, as_tuples=True, batch_size=batch_size, n_process=n_process)]
        for evs, (idx, offset) in piped:
            for ev in evs:
                ev = _shift(ev, offset) if offset else ev
                if originals is not None and originals[idx] != items[idx][0]:
                    ev = _retext(ev, originals[idx], getattr(items[idx][0], "to_original", None))
                results[idx][0].append(Event.model_validate(ev))
        return results

    # -- streams --------------------------------------------------------------------------------
    def extract_many(
        self,
        items: Iterable[str | dict[str, Any]],
        *,
        batch_size: int = 32,
        n_process: int = 1,
        html: bool | None = None,
        on_error: str = "warn",
    ) -> Iterator[Document]:
        """Stream one ``Document`` per input, in input order, with bounded memory.

        Args:
            items: strings, or records with ``text`` and optional ``published``, ``id``; other keys are
                passed through in ``Document.meta``.
            batch_size (int): documents per spaCy batch.
            n_process (int): worker processes for ``nlp.pipe``.
            html (bool | None): as in ``extract``.
            on_error (str): "warn" yields a Document with a warning for a bad record; "raise" raises.
        """
        if n_process > 1:
            yield from self._extract_parallel(items, batch_size=batch_size, n_process=n_process, html=html, on_error=on_error)
            return
        window = max(batch_size * 4, 64)
        buf: list[_Record] = []
        for n, item in enumerate(items):
            buf.append(self._record(n, item, html, on_error))
            if len(buf) >= window:
                yield from self._flush(buf, batch_size, n_process)
                buf = []
        if buf:
            yield from self._flush(buf, batch_size, n_process)

    def _extract_parallel(
        self, items: Iterable[Any], *, batch_size: int, n_process: int, html: bool | None, on_error: str
    ) -> Iterator[Document]:
        """Worker processes that each run the whole job (clean, parse, assemble, validate) on a batch.

        Workers are forked with the loaded pipeline already in memory (copy-on-write: no reload, no
        pickling of the pipeline), and send back finished Documents, so the parent only routes batches.
        Order is kept (``imap``); memory is bounded by the pool's prefetch of a few batches per worker.
        """
        import multiprocessing as mp

        global _POOL_EXTRACTOR
        try:
            ctx = mp.get_context("fork")
        except ValueError:  # no fork (Windows): fall back to spaCy's own multiprocessing
            ctx = None
        if ctx is None:
            buf = [self._record(n, item, html, on_error) for n, item in enumerate(items)]
            yield from self._flush(buf, batch_size, n_process)
            return
        _POOL_EXTRACTOR = (self, html, on_error)
        try:
            with ctx.Pool(n_process, initializer=_init_worker) as pool:
                for docs in pool.imap(_work_batch, _batches(items, batch_size), chunksize=1):
                    yield from docs
        finally:
            _POOL_EXTRACTOR = None

    def _record(self, n: int, item: Any, html: bool | None, on_error: str) -> _Record:
        rid, meta, published = None, {}, None
        try:
            if isinstance(item, dict):
                rid = item.get("id")
                meta = {k: v for k, v in item.items() if k not in ("text", "published", "id")}
                text = item.get("text")
                published = item.get("published")
            else:
                text = item
            original, cleaned, pub, notes = self._prepare(text, published, html)
            return _Record(rid, None, cleaned, pub, notes, meta, original)
        except (TypeError, ValueError) as exc:
            if on_error == "raise":
                raise
            warn = Warnings.W004.format(where=f"#{n}" + (f" (id {rid})" if rid else ""), reason=exc)
            warnings.warn(warn, stacklevel=3)
            return _Record(rid, Document(id=str(rid) if rid is not None else None, meta=meta, warnings=[warn]), "", None, [], meta, "")

    def _flush(self, buf: list[_Record], batch_size: int, n_process: int) -> Iterator[Document]:
        todo = [(r.cleaned, r.published) for r in buf]
        outs = self._run(todo, batch_size=batch_size, n_process=n_process, originals=[r.original for r in buf])
        for r, (events, more) in zip(buf, outs, strict=True):
            if r.done is not None:
                yield r.done
            else:
                rid = str(r.id) if r.id is not None else None
                yield Document(id=rid, published=r.published, meta=r.meta, events=events, warnings=r.notes + more)


_POOL_EXTRACTOR: tuple[Extractor, bool | None, str] | None = None


def _init_worker() -> None:
    """Keep each worker single-threaded: two processes on two cores, not two times N threads."""
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass


def _batches(items: Iterable[Any], size: int) -> Iterator[list[tuple[int, Any]]]:
    batch: list[tuple[int, Any]] = []
    for n, item in enumerate(items):
        batch.append((n, item))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _work_batch(batch: list[tuple[int, Any]]) -> list[Document]:
    assert _POOL_EXTRACTOR is not None, "worker started without an extractor"
    ex, html, on_error = _POOL_EXTRACTOR
    buf = [ex._record(n, item, html, on_error) for n, item in batch]
    return list(ex._flush(buf, len(buf), 1))


def _retext(ev: Any, original: str, to_original: Any = None) -> Any:
    """Set every mention's text to original[start:end] (clean-up kept offsets, not characters).

    ``to_original`` (from ``CleanText``) moves offsets inside words whose HTML entities were decoded.
    """
    if isinstance(ev, dict):
        out = {k: _retext(v, original, to_original) for k, v in ev.items()}
        if isinstance(out.get("start"), int) and isinstance(out.get("end"), int) and "text" in out:
            if to_original is not None:
                out["start"], out["end"] = to_original(out["start"]), to_original(out["end"])
            out["text"] = original[out["start"] : out["end"]]
        return out
    if isinstance(ev, (list, tuple)):
        return [_retext(x, original, to_original) for x in ev]
    return ev


def _shift(ev: dict, offset: int) -> dict:
    """Move every start/end of an event dict by ``offset`` (events found in a chunk of a long text)."""
    if isinstance(ev, dict):
        out = {}
        for k, v in ev.items():
            if k in ("start", "end") and isinstance(v, int):
                out[k] = v + offset
            else:
                out[k] = _shift(v, offset)
        if "id" in out and isinstance(out["id"], str) and "-" in out["id"] and "trigger" in out:
            # "digest-TRIGGER" or, for events split by site, "digest-TRIGGER.PLACE": keep the place part
            site = out["id"].rsplit("-", 1)[1].partition(".")[2]
            site = f".{int(site) + offset}" if site.isdigit() else ""
            out["id"] = out["id"].rsplit("-", 1)[0] + f"-{out['trigger']['start']}{site}"
        return out
    if isinstance(ev, list):
        return [_shift(x, offset) for x in ev]
    return ev


@lru_cache(maxsize=8)
def _load_cached(key: str) -> Extractor:
    if key == "__rules__":
        return Extractor(build_rule_pipeline())
    if key == "__default__":
        path = packaged_model_path()
        if path is None:
            log.warning("eventie: no trained pipeline shipped in this install; using rules on the base pipeline")
            return Extractor(build_rule_pipeline())
        key = str(path)
    try:
        nlp = spacy.load(key)
    except OSError as exc:
        raise ModelNotFoundError(f"E003: could not load pipeline {key!r}: {exc}") from None
    from .pipeline import add_eventie_components

    return Extractor(add_eventie_components(nlp))


def load(path_or_name: str | Path | None = None) -> Extractor:
    """Load a pipeline once and keep it: None = the shipped default, "rules" = no trained components,
    else a pipeline folder (e.g. the output of ``eventie train``) or an installed package name."""
    if path_or_name is None:
        return _load_cached("__default__")
    if str(path_or_name) == "rules":
        return _load_cached("__rules__")
    p = Path(path_or_name)
    return _load_cached(str(p.resolve()) if p.exists() else str(path_or_name))


def extract(text: str, published: Any = None, *, html: bool | None = None) -> list[Event]:
    """Events in one article, with the default pipeline. See ``Extractor.extract``."""
    return load().extract(text, published, html=html)


def extract_many(items: Iterable[str | dict[str, Any]], *, batch_size: int = 32, n_process: int = 1, html: bool | None = None) -> Iterator[Document]:
    """Stream Documents for many articles with the default pipeline. See ``Extractor.extract_many``."""
    return load().extract_many(items, batch_size=batch_size, n_process=n_process, html=html)
