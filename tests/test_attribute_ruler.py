"""The numpy-matched attribute ruler must annotate exactly as spaCy's own AttributeRuler does."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.util import load_config

from eventie.api import packaged_model_path
from eventie.attribute_ruler import FastAttributeRuler, use_fast_attribute_ruler_on_disk

# contractions, dialect spellings and whitespace tokens exercise the ruler's two-token, regex and
# IS_SPACE rules, which the news texts rarely reach
ODD = [
    "", "   \n\n  ", "Y'all ain't seen nothin' yet, but but that is what those who would go can't do.",
    "\t\tThe  soldiers   said\n\nthat anyone who could would.", "Something, somebody, nobody: everything!",
]
ARRAYS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]


def _texts() -> list[str]:
    test = resources.files("eventie").joinpath("data", "testset", "test.jsonl").read_text(encoding="utf-8")
    return [json.loads(line)["text"] for line in test.splitlines() if line.strip()][:40] + ODD


def _pair(nlp, fast_patterns=None):
    """spaCy's ruler and ours, holding the same patterns, and the docs as they reach the ruler."""
    patterns = nlp.get_pipe("attribute_ruler").patterns
    ref, fast = AttributeRuler(nlp.vocab), FastAttributeRuler(nlp.vocab)
    ref.add_patterns(patterns + (fast_patterns or []))
    fast.add_patterns(patterns + (fast_patterns or []))
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(_texts()))
    return ref, fast, docs


def test_same_matches_and_annotations_as_spacy(nlp):
    ref, fast, docs = _pair(nlp)
    assert not fast._fallback and fast.match(docs[0])  # the base's rules compile and fire
    for doc in docs:
        assert fast.match(doc) == ref.match(doc), doc.text[:60]
        a, b = ref(doc.copy()), fast(doc.copy())
        assert (a.to_array(ARRAYS) == b.to_array(ARRAYS)).all(), doc.text[:60]


def test_patterns_it_cannot_compile_go_to_spacys_matcher(nlp):
    ref, fast, docs = _pair(nlp, [{"patterns": [[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]],
                                   "attrs": {"LEMMA": "X"}}])
    assert any(m[0] == len(fast.attrs) - 1 for doc in docs for m in fast.match(doc))
    assert fast._fallback
    assert all(fast.match(doc) == ref.match(doc) for doc in docs)


def test_adding_rules_recompiles(nlp):
    _, fast, docs = _pair(nlp)
    doc = nlp.make_doc("Zqx rockets.")
    fast.match(doc)
    fast.add([[{"LOWER": "zqx"}]], {"LEMMA": "zed"})
    assert (len(fast.attrs) - 1, fast.vocab.strings[str(len(fast.attrs) - 1)], 0, 1) in fast.match(doc)


def test_round_trip_keeps_patterns(nlp, tmp_path):
    _, fast, _ = _pair(nlp)
    fast.to_disk(tmp_path / "ar")
    again = FastAttributeRuler(nlp.vocab).from_disk(tmp_path / "ar")
    assert again.patterns == fast.patterns


def test_saved_pipelines_use_it(tmp_path):
    path = packaged_model_path()
    if path is None:
        pytest.skip("no trained pipeline shipped in this checkout")
    assert load_config(path / "config.cfg", interpolate=False)["components"]["attribute_ruler"]["factory"] == \
        "eventie_attribute_ruler"
    # what `eventie train` does to the pipeline spaCy saves (its ruler is sourced from the base)
    cfg = load_config(path / "config.cfg", interpolate=False)
    cfg["components"]["attribute_ruler"]["factory"] = "attribute_ruler"
    cfg.to_disk(tmp_path / "config.cfg")
    use_fast_attribute_ruler_on_disk(tmp_path)
    assert spacy.util.load_config(tmp_path / "config.cfg", interpolate=False)["components"]["attribute_ruler"][
        "factory"] == "eventie_attribute_ruler"
