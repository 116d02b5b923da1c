"""A trained role classifier over (actor mention, event mention) pairs, beside the parse rules.

The rules in ``roles.py`` read one path of the parse each ("subject of the trigger", "object of 'against'").
Real sentences combine them ("Y was hit by X's drones", "X said its forces struck Y"), and the cases the rules
do not cover default to ``other``. The classifier reads the same parse as sparse features (the path from the
actor to the nearest trigger or harm phrase, voice, the preposition, the verb it hangs off, whether the
actor is the source of a claim, its kind) with the rule's decision as one feature more, and gives
perpetrator / target / other / none (not a participant). When its confidence is under ``threshold`` the
rule's decision stands (``docs/events.md``).

The weights are a multinomial logistic regression (numpy only at run time), saved as ``role_model.json``
in the assembler's folder of a pipeline; ``scripts/train_roles.py`` reproduces them from
``training_data/train.jsonl``, choosing its settings on dev.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span, Token

from ...rules import ROLE_VERB_CLASSES

if TYPE_CHECKING:
    from .roles import RoleReader

MODEL_FILE = "role_model.json"
_MAX_PATH = 4


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _chain(tok: Token, limit: int = 12) -> list[Token]:
    """``tok`` and its heads up to the root of its sentence."""
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < limit:
        out.append(out[-1].head)
    return out


def tree_path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """The tokens from ``a`` up to (not including) the lowest common head of ``a`` and ``b``, the same from
    ``b``, and that head last in the first list; None when they share no head (different sentences)."""
    up_a, up_b = _chain(a), _chain(b)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            return up_a[: n + 1], up_b[: ids_b[t.i]]
    return None


@dataclass(frozen=True)
class PairContext:
    """What the feature extractor reads about one event mention (a sentence's triggers, its counts)."""

    triggers: list[Span]
    casualty_tokens: set[int]
    trig_ids: set[int]
    sentence_kind: str


class RoleFeatures:
    """Sparse string features of one actor mention in one event mention (no word lists of its own: the
    lists are the assembler's rules, read through the role reader)."""

    def __init__(self, reader: RoleReader) -> None:
        self.reader = reader
        self.rules = reader.rules

    def __call__(self, actor: Span, info: dict, ctx: PairContext, rule_role: str, is_source: bool) -> list[str]:
        pos = self.reader.position(actor.root)
        feats = ["bias", f"rule={rule_role}", f"skind={ctx.sentence_kind}", f"src={is_source}", f"rule={rule_role}&src={is_source}"]
        feats += [f"trig={'yes' if ctx.triggers else 'no'}", f"rule={rule_role}&trig={bool(ctx.triggers)}"]
        feats += [f"kind={info.get('kind')}", f"arule={info.get('rule')}", f"sided={bool(info.get('side'))}"]
        feats += [f"lemma={actor.root.lemma_.lower()}", f"cas={actor.root.i in ctx.casualty_tokens or actor.start in ctx.casualty_tokens}"]
        feats += self._syntax(pos)
        feats += self._voice(pos)
        feats += self._speech(pos, ctx)
        feats += self._path(pos, ctx)
        return feats

    def _syntax(self, pos: Token) -> list[str]:
        """The word's own edge, the word it hangs off, and through what preposition."""
        head = pos.head
        out = [f"dep={pos.dep_}", f"hl={head.lemma_.lower()}", f"dep&hl={pos.dep_}&{head.lemma_.lower()}", f"hpos={head.pos_}"]
        if pos.dep_ == "pobj":
            out += [f"prep={head.lower_}", f"prep&over={head.lower_}&{head.head.lemma_.lower()}", f"prep&hdep={head.lower_}&{head.dep_}"]
        if pos.dep_ in self.rules.owner_deps:
            owned = self.reader.position(head)
            out += [f"owned_dep={owned.dep_}", f"owned_dep&hl={owned.dep_}&{owned.head.lemma_.lower()}"]
        verb = next((t for t in _chain(pos)[1:] if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            out += [f"verb={verb.lemma_.lower()}", f"verb={verb.lemma_.lower()}&dep={pos.dep_}"]
            for name in ROLE_VERB_CLASSES:
                if verb.lemma_.lower() in getattr(self.rules, name):
                    out.append(f"verbclass={name}&dep={pos.dep_}")
        return out

    @staticmethod
    def _voice(pos: Token) -> list[str]:
        """Active or passive: 'Y was hit' (subject harmed), 'by X' (agent)."""
        verb = next((t for t in _chain(pos)[1:] if t.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return ["voice=none"]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        agent = pos.dep_ == "pobj" and pos.head.dep_ == "agent"
        return [f"voice={'passive' if passive else 'active'}&dep={pos.dep_}", f"agent={agent}"]

    def _speech(self, pos: Token, ctx: PairContext) -> list[str]:
        """A source reporting its own action ('HUR claimed to have orchestrated', 'X said its forces struck')
        and an actor inside reported speech ('HUR said [Russia attacked]')."""
        out = [f"selfreport={self.reader.reports_itself(pos, ctx.trig_ids)}"]
        if pos.dep_ == "nsubj" and pos.head.lemma_ in self.rules.speech_verbs:
            kids = {c.dep_ for c in pos.head.children}
            out += [f"speaker&ccomp={'ccomp' in kids}", f"speaker&xcomp={'xcomp' in kids}"]
        blocked = next((t.dep_ for t in _chain(pos)[:-1] if t.dep_ in self.rules.blocked_edges), None)
        out.append(f"blocked={blocked}")
        return out

    def _path(self, pos: Token, ctx: PairContext) -> list[str]:
        """The parse path to the nearest trigger (else to the count of people harmed)."""
        anchors = [t.root for t in ctx.triggers] or [pos.doc[i] for i in sorted(ctx.casualty_tokens)[:1]]
        best = None
        for anchor in anchors:
            path = tree_path(pos, anchor)
            if path is not None and (best is None or len(path[0]) + len(path[1]) < len(best[0]) + len(best[1])):
                best, where = path, anchor
        if best is None:
            return ["path=none"]
        up, down = best
        lca = up[-1]
        ups = "^".join(t.dep_ for t in up[:-1][:_MAX_PATH])
        downs = "v".join(t.dep_ for t in down[:_MAX_PATH])
        side = "before" if pos.i < where.i else "after"
        out = [f"path={ups}|{downs}", f"up={ups}", f"down={downs}", f"plen={_bucket(len(up) + len(down) - 1)}", f"side={side}"]
        out += [f"lca_trig={lca.i in ctx.trig_ids}", f"lca={lca.lemma_.lower()}&{ups}", f"dist={_bucket(abs(pos.i - where.i))}"]
        out.append(f"up1={up[0].dep_ if len(up) > 1 else 'self'}&lca_trig={lca.i in ctx.trig_ids}")
        return out


def entity_features(mentions: list, rule_role: str, in_triggered: bool) -> list[str]:
    """One participant of one event: the features of all its mentions (``m:`` + each, once), what the
    rules made of it, and how it is mentioned. ``mentions`` are roles.ActorMention."""
    rules = sorted({m.role for m in mentions})
    feats = ["bias", f"erule={rule_role}", f"erules={'+'.join(rules)}", f"in_triggered={in_triggered}", f"erule={rule_role}&trig={in_triggered}"]
    feats += [f"n={_bucket(len(mentions))}", f"all_source={all(m.is_source for m in mentions)}", f"any_source={any(m.is_source for m in mentions)}"]
    feats += [f"m:{f}" for f in sorted({f for m in mentions for f in m.features})]
    return feats


class RoleModel:
    """Multinomial logistic regression over string features; numpy only."""

    def __init__(self, labels: tuple[str, ...], vocab: dict[str, int], weights: np.ndarray, bias: np.ndarray, threshold: float) -> None:
        self.labels = labels
        self.vocab = vocab
        self.weights = weights  # (n_features, n_labels)
        self.bias = bias
        self.threshold = threshold

    def probs(self, feats: list[str]) -> np.ndarray:
        rows = [self.vocab[f] for f in set(feats) if f in self.vocab]
        z = self.bias + self.weights[rows].sum(axis=0)
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, feats: list[str]) -> tuple[str, float]:
        p = self.probs(feats)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def to_dict(self) -> dict:
        features = sorted(self.vocab, key=self.vocab.__getitem__)
        return {
            "labels": list(self.labels),
            "threshold": self.threshold,
            "bias": [round(float(b), 5) for b in self.bias],
            "weights": {f: [round(float(w), 5) for w in self.weights[self.vocab[f]]] for f in features},
        }

    @classmethod
    def from_dict(cls, data: dict) -> RoleModel:
        names = list(data["weights"])
        weights = np.array([data["weights"][f] for f in names], dtype=np.float64).reshape(len(names), len(data["labels"]))
        return cls(tuple(data["labels"]), {f: i for i, f in enumerate(names)}, weights, np.array(data["bias"], dtype=np.float64), float(data["threshold"]))

    def to_disk(self, folder: str | Path) -> None:
        Path(folder, MODEL_FILE).write_text(json.dumps(self.to_dict(), separators=(",", ":")), encoding="utf-8")

    @classmethod
    def from_disk(cls, folder: str | Path) -> RoleModel | None:
        path = Path(folder, MODEL_FILE)
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None
