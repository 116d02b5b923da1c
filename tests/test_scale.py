"""Scale-out on Dask: a local distributed cluster of two worker processes gives the same events as
extract_many on one process."""

from __future__ import annotations

import pytest

from eventie.io.scale import events_frame, extract_bag, extract_partition

TEXTS = [
    "Russian forces shelled Kherson on Tuesday, killing three civilians, the governor said.",
    "A car bomb exploded in Mogadishu on Sunday, killing at least five people, police said.",
    "Houthi rebels claimed a missile attack on a cargo ship in the Red Sea on Friday.",
    "Dozens of RSF fighters were killed in clashes with the Sudanese army in El Fasher, medics said.",
    "The weather in Kyiv was mild and markets were busy.",
] * 4


def test_dask_bag_matches_extract_many(rules):
    """The bag wiring (partitions, order, model per worker) on Dask's synchronous scheduler: seconds, not minutes."""
    dask = pytest.importorskip("dask")
    import dask.bag as db

    records = [{"id": f"r{i}", "text": t, "published": "2024-03-14"} for i, t in enumerate(TEXTS)]
    expected = [d.model_dump(mode="json") for d in rules.extract_many(records)]
    with dask.config.set(scheduler="synchronous"):
        got = extract_bag(db.from_sequence(records, npartitions=4), model="rules").compute()
    assert got == expected
    assert sum(bool(d["events"]) for d in got) == 16


@pytest.mark.slow
def test_dask_distributed_matches_extract_many(rules):
    distributed = pytest.importorskip("dask.distributed")
    import dask.bag as db

    records = [{"id": f"r{i}", "text": t, "published": "2024-03-14"} for i, t in enumerate(TEXTS)]
    expected = [d.model_dump(mode="json") for d in rules.extract_many(records)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            got = extract_bag(db.from_sequence(records, npartitions=4), model="rules").compute()
            workers = client.run(lambda: __import__("os").getpid())
    assert len(workers) == 2
    assert got == expected
    assert sum(bool(d["events"]) for d in got) == 16


def test_partition_function_and_frame_rows(rules):
    docs = extract_partition(TEXTS[:2], model="rules")
    rows = events_frame(docs)
    assert [(r["type"], r["location"], r["killed_min"]) for r in rows] == [("shelling", "Kherson", 3), ("explosion", "Mogadishu", 5)]
