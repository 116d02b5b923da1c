"""Pipelines and annotated Docs survive disk, bytes, pickling and worker processes."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import eventie
from eventie import labels
from eventie.api import packaged_model_path
from eventie.errors import DataFileError
from eventie.pipeline import build_rule_pipeline, rule_components
from eventie.rules import packaged_rules

SAMPLE = resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")

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


# --- pipelines carry their rules ---------------------------------------------------------------------------

# Every component takes its rules through initialize. Still read from the installed package: the worldwide
# gazetteer, reference data (7 MB) kept there by design rather than copied into every saved pipeline (see
# components/places.py).
_READ_BY_ASSEMBLER = {"places.tsv.gz", "place_weak_keys.txt"}
_RUN_WITHOUT_DATA = """
import json, sys
import eventie
assert eventie.__file__.startswith(sys.argv[1]), eventie.__file__
texts = json.loads(sys.argv[2])
out = {}
for path in sys.argv[3:]:
    ex = eventie.load(path)
    out[path] = [[e.model_dump(mode="json") for e in ex.extract(t)] for t in texts]
print(json.dumps(out))
"""


def _package_without_data(tmp_path: Path) -> Path:
    """A copy of the eventie package with an empty data folder."""
    src = Path(eventie.__file__).parent
    root = tmp_path / "site"
    shutil.copytree(src, root / "eventie", ignore=shutil.ignore_patterns("__pycache__", "data"))
    (root / "eventie" / "data").mkdir()
    for name in _READ_BY_ASSEMBLER:
        shutil.copy(src / "data" / name, root / "eventie" / "data" / name)
    return root


@pytest.mark.slow
def test_saved_pipeline_runs_the_same_without_the_package_data(nlp, tmp_path):
    nlp.to_disk(tmp_path / "rules_pipeline")
    paths = [str(tmp_path / "rules_pipeline")]
    if packaged_model_path() is not None:
        paths.append(str(packaged_model_path()))  # the shipped model carries its rules too
    site = _package_without_data(tmp_path)
    texts = TEXTS + [SAMPLE]
    proc = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", _RUN_WITHOUT_DATA, str(site), json.dumps(texts), *paths],
        capture_output=True, text=True, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    for path in paths:
        here = eventie.load(path)
        assert got[path] == [[e.model_dump(mode="json") for e in here.extract(t)] for t in texts]
    assert any(got[paths[0]])


def test_edited_rules_ship_with_the_saved_pipeline(tmp_path):
    mine = build_rule_pipeline()
    tagger = mine.get_pipe("eventie_actor_tagger")
    rules = packaged_rules(list(tagger.rule_files))
    rules["actors.jsonl"] += '{"id": "user_kraken", "pattern": "Kraken", "name": "Kraken", "side": "Ukraine", "kind": "military"}\n'
    text = "Kraken destroyed a Russian tank near Kharkiv."
    doc = mine(text)  # held: a SpanGroup does not keep its Doc alive
    assert not any(s._.eventie_actor["rule"] == "user_kraken" for s in doc.spans[labels.ACTORS])
    tagger.initialize(nlp=mine, rules=rules)
    mine.to_disk(tmp_path / "p")
    assert "user_kraken" in (tmp_path / "p" / "eventie_actor_tagger" / "actors.jsonl").read_text()
    back = spacy.load(tmp_path / "p")
    doc = back(text)
    found = [s for s in doc.spans[labels.ACTORS] if s._.eventie_actor["rule"] == "user_kraken"]
    assert [(s.text, s._.eventie_actor["side"]) for s in found] == [("Kraken", "Ukraine")]


@pytest.mark.parametrize(
    "component,file,old,new",
    [
        ("eventie_casualty_extractor", "casualties.yaml", "\nvictims:", "\nvictim:"),  # misspelt key
        ("eventie_claim_detector", "cues.jsonl", '"category": "attribution"', '"categroy": "attribution"'),
        ("eventie_date_tagger", "date_words.yaml", '["on", early', "[on, early"),  # YAML reads bare on as true
        ("eventie_actor_tagger", "demonyms.csv", "adjective,side", "adjective,sides"),
    ],
)
def test_bad_rules_are_an_error_not_silently_empty(nlp, component, file, old, new):
    proc = nlp.get_pipe(component)
    fresh = type(proc).__new__(type(proc))
    fresh.__dict__.update({k: v for k, v in proc.__dict__.items() if k in ("nlp", "name")})
    rules = packaged_rules(list(proc.rule_files))
    assert old in rules[file]
    rules[file] = rules[file].replace(old, new, 1)
    with pytest.raises(DataFileError, match="E006"):
        fresh.initialize(nlp=nlp, rules=rules)


def test_shipped_model_carries_the_packaged_rules():
    """After editing src/eventie/data/, run scripts/add_rules_to_pipeline.py models/eventie_cnn."""
    path = packaged_model_path()
    if path is None:
        pytest.skip("no trained pipeline shipped in this checkout")
    cfg = spacy.util.load_config(path / "config.cfg", interpolate=False)
    for comp, proc in rule_components(eventie.load("rules").nlp):
        assert cfg["initialize"]["components"][comp]["rules"]["files"] == list(proc.rule_files)
        for fname, text in packaged_rules(list(proc.rule_files)).items():
            assert (path / comp / fname).read_text(encoding="utf-8") == text, f"{comp}/{fname} is stale"


def test_training_configs_initialise_every_rule_component(nlp):
    for cfg_name in ("cnn", "cnn_shared", "trf", "trf_frozen"):
        cfg = spacy.util.load_config(Path(str(resources.files("eventie").joinpath("configs", f"{cfg_name}.cfg"))), interpolate=False)
        for comp, proc in rule_components(nlp):
            assert cfg["initialize"]["components"][comp]["rules"]["files"] == list(proc.rule_files), (cfg_name, comp)


def test_spacy_initialize_takes_rules_from_the_config(nlp, tmp_path):
    """What `spacy train` does: nlp.initialize() with [initialize.components.X], here a folder of the user's own."""
    from spacy.training.initialize import init_nlp

    from eventie.training.annotation import read_annotations
    from eventie.training.trainer import config_path, to_docbin

    recs, _ = read_annotations([str(resources.files("eventie").joinpath("data", "testset", "test.jsonl"))])
    to_docbin(recs[:3], nlp)[0].to_disk(tmp_path / "few.spacy")
    tagger = nlp.get_pipe("eventie_actor_tagger")
    mine = tmp_path / "my_rules"
    mine.mkdir()
    for name, text in packaged_rules(list(tagger.rule_files)).items():
        if name == "actors.jsonl":
            text += '{"id": "user_kraken", "pattern": "Kraken", "name": "Kraken", "side": "Ukraine", "kind": "military"}\n'
        (mine / name).write_text(text, encoding="utf-8")
    cfg = spacy.util.load_config(config_path("cnn"), interpolate=False, overrides={
        "paths.train": str(tmp_path / "few.spacy"), "paths.dev": str(tmp_path / "few.spacy"),
        "initialize.components.eventie_actor_tagger.rules": {
            "@misc": "eventie.rules_dir.v1", "path": str(mine), "files": list(tagger.rule_files),
        },
    })
    trained = init_nlp(cfg)  # the NER is freshly initialised, so only the rules are checked, not its output
    assert "user_kraken" in trained.get_pipe("eventie_actor_tagger").rule_texts["actors.jsonl"]
    assert trained.get_pipe("eventie_actor_tagger").by_pattern["kraken"].id == "user_kraken"
    assert trained.config["initialize"]["components"]["eventie_actor_tagger"]["rules"]["@misc"] == "eventie.rules_dir.v1"
    assert trained.get_pipe("eventie_claim_detector").rule_texts == packaged_rules(list(nlp.get_pipe("eventie_claim_detector").rule_files))
