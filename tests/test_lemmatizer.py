"""The array-and-cache lemmatizer must give exactly the lemmas of spaCy's English rule lemmatizer."""

from __future__ import annotations

import json
import warnings
from importlib import resources
from pathlib import Path

import pytest
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.util import load_config

from eventie.api import packaged_model_path
from eventie.lemmatizer import FastLemmatizer, use_fast_lemmatizer_on_disk

# whitespace tokens (POS SPACE), contractions, proper nouns, comparatives and a repeated word in two POS
ODD = [
    "", "   \n\n  ", "They'd gone; the better-armed units were fighting harder than the worst of them.",
    "\t\tThe  shelled   towns\n\nshell the towns that shelled them.", "Kyiv's mayor said Kharkiv's mayors met.",
]


def _texts() -> list[str]:
    test = resources.files("eventie").joinpath("data", "testset", "test.jsonl").read_text(encoding="utf-8")
    return [json.loads(line)["text"] for line in test.splitlines() if line.strip()][:40] + ODD


def _pair(nlp):
    """spaCy's lemmatizer and ours with the pipeline's tables, and the docs as they reach the lemmatizer."""
    tables = nlp.get_pipe("lemmatizer").lookups
    ref, fast = EnglishLemmatizer(nlp.vocab, None, mode="rule"), FastLemmatizer(nlp.vocab, None)
    ref.lookups = fast.lookups = tables
    before = nlp.pipe_names[: nlp.pipe_names.index("lemmatizer")]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(_texts()))
    return ref, fast, docs


def test_rule_pipeline_uses_it(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_same_lemmas_as_spacy(nlp):
    ref, fast, docs = _pair(nlp)
    for _ in range(2):  # the second pass is served from the cache
        for doc in docs:
            a, b = ref(doc.copy()), fast(doc.copy())
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b], doc.text[:60]


def test_overwrite_and_kept_lemmas(nlp):
    ref, fast, docs = _pair(nlp)
    doc = docs[-1].copy()
    doc[0].lemma_ = "KEEP"  # an attribute-ruler exception is kept unless overwrite is set
    assert fast(doc.copy())[0].lemma_ == "KEEP" == ref(doc.copy())[0].lemma_
    ref.overwrite = fast.overwrite = True
    assert [t.lemma_ for t in fast(doc.copy())] == [t.lemma_ for t in ref(doc.copy())]


def test_tokens_without_pos_go_to_spacy(nlp):
    ref, fast, _ = _pair(nlp)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a, b = ref(nlp.make_doc("Shelling Hit Towns")), fast(nlp.make_doc("Shelling Hit Towns"))
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b] == ["shelling", "hit", "towns"]


def test_saved_pipelines_use_it(tmp_path):
    repo = Path(__file__).resolve().parents[1] / "models" / "eventie_cnn"
    path = repo if (repo / "config.cfg").exists() else packaged_model_path()
    if path is None:
        pytest.skip("no trained pipeline shipped in this checkout")
    cfg = load_config(path / "config.cfg", interpolate=False)
    assert cfg["components"]["lemmatizer"]["factory"] == "eventie_lemmatizer"
    # what `eventie train` does to the pipeline spaCy saves (its lemmatizer is sourced from the base)
    cfg["components"]["lemmatizer"]["factory"] = "lemmatizer"
    cfg.to_disk(tmp_path / "config.cfg")
    use_fast_lemmatizer_on_disk(tmp_path)
    assert load_config(tmp_path / "config.cfg", interpolate=False)["components"]["lemmatizer"][
        "factory"] == "eventie_lemmatizer"
