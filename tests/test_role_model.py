"""Roles of hand-parsed sentences (passive agents, a source's own forces, blame) and the trained role
classifier: its features, its fit, and that it is saved and restored with the pipeline.

Sentences are written for the project; each Doc carries its own parse, so nothing here moves with a model.
"""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc, Span

from eventie.components.assembler.role_model import MODEL_FILE, PairContext, RoleModel, entity_features
from eventie.components.assembler.roles import ActorMention, RoleReader
from eventie.rules import AssemblerRules, packaged_rules, parse_yaml
from eventie.training.roles import Pair, fit

VOCAB = spacy.blank("en").vocab
KNOWN = {"name": "x", "side": None, "kind": "military", "rule": "lexicon"}


@pytest.fixture(scope="module")
def reader() -> RoleReader:
    rules = parse_yaml("assembler.yaml", packaged_rules(["assembler.yaml"])["assembler.yaml"], AssemblerRules)
    return RoleReader(rules, {})


def parsed(toks: list[tuple[str, int, str, str, str]]) -> Doc:
    return Doc(VOCAB, words=[t[0] for t in toks], heads=[t[1] for t in toks], deps=[t[2] for t in toks],
               pos=[t[3] for t in toks], lemmas=[t[4] for t in toks])


def role(reader: RoleReader, doc: Doc, actor: tuple[int, int], triggers: list[tuple[int, int]], actors: frozenset[int] = frozenset(),
         kind: str = "military") -> str:
    span = Span(doc, *actor)
    span._.eventie_actor = {**KNOWN, "kind": kind}
    return reader.role(span, [Span(doc, *t) for t in triggers], set(), set(), actors)


# "Civilians were hit by the rebels' drones."
PASSIVE_OWNED = [
    ("Civilians", 2, "nsubjpass", "NOUN", "civilian"), ("were", 2, "auxpass", "AUX", "be"), ("hit", 2, "ROOT", "VERB", "hit"),
    ("by", 2, "agent", "ADP", "by"), ("the", 5, "det", "DET", "the"), ("rebels", 7, "poss", "NOUN", "rebel"),
    ("'", 5, "case", "PART", "'"), ("drones", 3, "pobj", "NOUN", "drone"), (".", 2, "punct", "PUNCT", "."),
]
# "Civilians were hit by rebels."
PASSIVE = [
    ("Civilians", 2, "nsubjpass", "NOUN", "civilian"), ("were", 2, "auxpass", "AUX", "be"), ("hit", 2, "ROOT", "VERB", "hit"),
    ("by", 2, "agent", "ADP", "by"), ("rebels", 3, "pobj", "NOUN", "rebel"), (".", 2, "punct", "PUNCT", "."),
]
# "The ministry said its forces struck the militants."
OWN_FORCES = [
    ("The", 1, "det", "DET", "the"), ("ministry", 2, "nsubj", "NOUN", "ministry"), ("said", 2, "ROOT", "VERB", "say"),
    ("its", 4, "poss", "PRON", "its"), ("forces", 5, "nsubj", "NOUN", "force"), ("struck", 2, "ccomp", "VERB", "strike"),
    ("the", 7, "det", "DET", "the"), ("militants", 5, "dobj", "NOUN", "militant"), (".", 2, "punct", "PUNCT", "."),
]
# "The army blamed the rebels for the attack."
BLAMED = [
    ("The", 1, "det", "DET", "the"), ("army", 2, "nsubj", "NOUN", "army"), ("blamed", 2, "ROOT", "VERB", "blame"),
    ("the", 4, "det", "DET", "the"), ("rebels", 2, "dobj", "NOUN", "rebel"), ("for", 2, "prep", "ADP", "for"),
    ("the", 7, "det", "DET", "the"), ("attack", 5, "pobj", "NOUN", "attack"), (".", 2, "punct", "PUNCT", "."),
]
# "The group claimed responsibility."
RESPONSIBLE = [
    ("The", 1, "det", "DET", "the"), ("group", 2, "nsubj", "NOUN", "group"), ("claimed", 2, "ROOT", "VERB", "claim"),
    ("responsibility", 2, "dobj", "NOUN", "responsibility"), (".", 2, "punct", "PUNCT", "."),
]


def test_passive_agent_is_the_perpetrator_and_passive_subject_the_target(reader):
    doc = parsed(PASSIVE)
    assert role(reader, doc, (4, 5), [(2, 3)]) == "perpetrator"
    assert role(reader, doc, (0, 1), [(2, 3)]) == "target"


def test_owner_of_the_weapons_in_a_passive_agent_is_the_perpetrator(reader):
    doc = parsed(PASSIVE_OWNED)  # "Y was hit by X's drones"
    assert role(reader, doc, (5, 6), [(2, 3)]) == "perpetrator"
    assert role(reader, doc, (0, 1), [(2, 3)]) == "target"


def test_source_said_its_forces_struck(reader):
    doc = parsed(OWN_FORCES)
    actors = frozenset({1, 4, 7})
    assert role(reader, doc, (4, 5), [(5, 6)], actors) == "perpetrator"
    assert role(reader, doc, (7, 8), [(5, 6)], actors) == "target"
    assert role(reader, doc, (1, 2), [(5, 6)], actors, kind="government") == "other"  # the ministry only reports


def test_the_party_blamed_is_the_perpetrator_who_blames_is_not(reader):
    doc = parsed(BLAMED)
    assert role(reader, doc, (4, 5), [(7, 8)]) == "perpetrator"
    assert role(reader, doc, (1, 2), [(7, 8)]) == "other"


def test_claiming_responsibility_makes_a_perpetrator(reader):
    assert role(reader, parsed(RESPONSIBLE), (1, 2), []) == "perpetrator"


def test_features_read_voice_agent_and_path(reader):
    doc = parsed(PASSIVE)
    ctx = PairContext([Span(doc, 2, 3)], set(), {2}, "body")
    victim = reader.features(Span(doc, 0, 1), KNOWN, ctx, "target", False)
    agent = reader.features(Span(doc, 4, 5), KNOWN, ctx, "perpetrator", False)
    assert "voice=passive&dep=nsubjpass" in victim and "rule=target" in victim
    assert "agent=True" in agent and "prep=by" in agent and "lca_trig=True" in agent


def _toy_pairs() -> list[Pair]:
    return ([Pair(["bias", "erule=other", "m:agent=True"], "perpetrator", "other")] * 20
            + [Pair(["bias", "erule=other", "m:voice=passive&dep=nsubjpass"], "target", "other")] * 20
            + [Pair(["bias", "erule=other"], "none", "other")] * 20)


def test_fit_learns_what_the_rules_missed():
    model = fit(_toy_pairs(), l2=0.1)
    assert model.predict(["bias", "erule=other", "m:agent=True"])[0] == "perpetrator"
    assert model.predict(["bias", "erule=other", "m:voice=passive&dep=nsubjpass"])[0] == "target"
    assert model.predict(["bias", "erule=other", "unseen"])[0] == "none"


def test_entity_features_union_the_mentions(reader):
    doc = parsed(PASSIVE)
    a = ActorMention(Span(doc, 4, 5), "perpetrator", KNOWN, features=("agent=True",))
    b = ActorMention(Span(doc, 4, 5), "other", KNOWN, is_source=True, features=("src=True",))
    feats = entity_features([a, b], "perpetrator", True)
    assert {"m:agent=True", "m:src=True", "erules=other+perpetrator", "any_source=True", "all_source=False"} <= set(feats)


def test_role_model_is_saved_and_restored_with_the_assembler(tmp_path):
    model = fit(_toy_pairs(), l2=0.1)
    model.threshold = 0.6
    nlp = spacy.blank("en")
    asm = nlp.add_pipe("eventie_event_assembler")
    asm.initialize()
    asm.set_role_model(model)
    asm.to_disk(tmp_path / "asm")
    assert (tmp_path / "asm" / MODEL_FILE).exists()
    fresh = spacy.blank("en").add_pipe("eventie_event_assembler")
    fresh.from_disk(tmp_path / "asm")
    restored = fresh.role_model
    assert restored is not None and restored.threshold == 0.6 and restored.labels == model.labels
    feats = ["bias", "erule=other", "m:agent=True"]
    assert np.allclose(restored.probs(feats), model.probs(feats), atol=1e-4)
    assert fresh.writer.role_model is restored and fresh.roles.featurize


def test_without_a_model_file_the_rules_decide(tmp_path):
    asm = spacy.blank("en").add_pipe("eventie_event_assembler")
    asm.initialize()
    asm.to_disk(tmp_path / "asm")
    assert not (tmp_path / "asm" / MODEL_FILE).exists()
    fresh = spacy.blank("en").add_pipe("eventie_event_assembler")
    fresh.from_disk(tmp_path / "asm")
    assert fresh.role_model is None and RoleModel.from_disk(tmp_path / "asm") is None
    assert not fresh.roles.featurize
