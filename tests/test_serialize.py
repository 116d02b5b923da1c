"""Pipelines and annotated Docs survive disk, bytes, pickling and worker processes."""

from __future__ import annotations

import json
import pickle

import spacy
from spacy.tokens import DocBin

from eventie import labels

TEXTS = [
    "Russian forces shelled Kherson on Tuesday, killing three civilians, the governor said.",
    "A car bomb exploded in Mogadishu on Sunday, killing at least five people, police said.",
    "Houthi rebels claimed a missile attack on a cargo ship in the Red Sea on Friday.",
    "Ukraine's air force said it shot down 31 of 35 Shahed drones launched overnight.",
]


def _plain(x):
    return json.loads(json.dumps(x))


def test_docbin_round_trip_keeps_spans_and_events(nlp):
    docs = list(nlp.pipe(TEXTS))
    db = DocBin(store_user_data=True, docs=docs)
    back = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    for a, b in zip(docs, back, strict=True):
        assert [s.text for s in a.spans[labels.CASUALTIES]] == [s.text for s in b.spans[labels.CASUALTIES]]
        assert _plain(a._.eventie_events) == _plain(b._.eventie_events)  # msgpack turns lists into tuples


def test_pipeline_to_disk_and_back(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p")
    assert nlp2.pipe_names == nlp.pipe_names
    assert nlp2(TEXTS[0])._.eventie_events == nlp(TEXTS[0])._.eventie_events


def test_events_pickle(rules):
    events = rules.extract(TEXTS[1])
    assert pickle.loads(pickle.dumps(events)) == events


def test_two_processes_give_the_same_events(rules):
    one = [d.model_dump() for d in rules.extract_many(TEXTS * 3, batch_size=2, n_process=1)]
    two = [d.model_dump() for d in rules.extract_many(TEXTS * 3, batch_size=2, n_process=2)]
    assert one == two and any(d["events"] for d in one)
