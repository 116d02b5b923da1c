"""Running eventie on an existing engine: Dask (tested) and Spark (recipe in docs/performance.md).

The pipeline is loaded once per worker process: ``eventie.load`` caches it in the worker's module state,
so every partition a worker handles reuses it. Partitions stream through ``extract_many`` (spaCy
``nlp.pipe``), and results are plain dicts (JSON-ready, picklable, one per input record).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def extract_partition(records: Iterable[str | dict[str, Any]], model: str | None = None, batch_size: int = 32) -> list[dict[str, Any]]:
    """Extract one partition; the unit of work for Dask's ``map_partitions`` and Spark's ``mapPartitions``.

    Args:
        records: strings or records with ``text`` (and optional ``published``, ``id``, other keys).
        model (str | None): pipeline path/name for ``eventie.load``; None = the shipped default.
        batch_size (int): spaCy batch size.
    Returns:
        list[dict]: one ``Document.model_dump(mode="json")`` per record, in order.
    """
    from ..api import load

    ex = load(model)
    return [doc.model_dump(mode="json") for doc in ex.extract_many(records, batch_size=batch_size, n_process=1)]


def extract_bag(bag: Any, model: str | None = None, batch_size: int = 32) -> Any:
    """Map a ``dask.bag.Bag`` of records to a Bag of Document dicts (same order, same partitions)."""
    return bag.map_partitions(extract_partition, model=model, batch_size=batch_size)


def events_frame(documents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten Document dicts to one row per event (the CSV columns), e.g. for ``pandas.DataFrame``."""
    from ..schema import Document
    from .cli import event_row

    rows = []
    for d in documents:
        doc = Document.model_validate(d)
        rows.extend(event_row(doc.id, ev) for ev in doc.events)
    return rows
