"""Train the role classifier of the event assembler and choose its settings on dev.

    .venv/bin/python scripts/train_roles.py models/eventie_cnn            # measure only
    .venv/bin/python scripts/train_roles.py models/eventie_cnn --save     # also write role_model.json

Tags ``training_data/train.jsonl`` and ``dev.jsonl`` with the pipeline (all but the assembler), collects
(actor mention, event sentence) pairs with their gold roles (eventie.training.roles), fits a multinomial
logistic regression for each L2 strength and picks it, and the confidence under which the rules decide, by
the mean of dev role_perpetrator and role_target F1. The test set is not read here: measure it once with
``eventie evaluate``. ``--cache DIR`` keeps the tagged Docs between runs (the tagging is the slow part).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from eventie.api import load
from eventie.components.assembler.role_model import RoleModel
from eventie.training.annotation import read_annotations
from eventie.training.roles import collect_pairs, fit, role_scores

ASSEMBLER = "eventie_event_assembler"
L2S = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def tagged(nlp, path: Path, cache: Path | None) -> tuple[list, list]:
    """The records of ``path`` and their Docs tagged by every component but the assembler."""
    records, _ = read_annotations([path])
    stored = cache / f"{path.stem}.spacy" if cache else None
    if stored is not None and stored.exists():
        return records, list(DocBin().from_disk(stored).get_docs(nlp.vocab))
    docs = []
    for r in records:
        d = nlp.make_doc(r.text)
        d._.eventie_published = r.meta.published.isoformat() if r.meta.published else None
        docs.append(d)
    with nlp.select_pipes(disable=[ASSEMBLER]):
        docs = list(nlp.pipe(docs, batch_size=16))
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=True)
        for d in docs:
            bin_.add(d)
        bin_.to_disk(stored)
    return records, docs


def select(asm, pairs, dev_records, dev_docs) -> tuple[RoleModel, dict]:
    """The model and threshold with the best mean dev role F1 (ties: the simpler, lower L2 and threshold)."""
    best: tuple[float, RoleModel, dict] | None = None
    for l2 in L2S:
        model = fit(pairs, l2=l2)
        for th in THRESHOLDS:
            model.threshold = th
            sc = role_scores(asm, dev_records, dev_docs, model)
            mean = (sc["role_perpetrator"] + sc["role_target"]) / 2
            print(f"  l2={l2:<5} threshold={th:<4} dev perpetrator={sc['role_perpetrator']:.4f} target={sc['role_target']:.4f} mean={mean:.4f}")
            if best is None or mean > best[0] + 1e-9:
                best = (mean, RoleModel(model.labels, model.vocab, model.weights, model.bias, th), {"l2": l2, "threshold": th, **sc})
    assert best is not None
    return best[1], best[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pipeline", type=Path)
    ap.add_argument("--train", type=Path, default=Path("training_data/train.jsonl"))
    ap.add_argument("--dev", type=Path, default=Path("training_data/dev.jsonl"))
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--save", action="store_true", help="write role_model.json into the pipeline's assembler folder")
    args = ap.parse_args(argv)
    nlp = load(args.pipeline).nlp
    asm = nlp.get_pipe(ASSEMBLER)
    asm.set_role_model(None)
    train_records, train_docs = tagged(nlp, args.train, args.cache)
    dev_records, dev_docs = tagged(nlp, args.dev, args.cache)
    pairs = collect_pairs(asm, train_records, train_docs)
    print(f"train pairs: {len(pairs)}  gold: {dict(Counter(p.label for p in pairs))}")
    print(f"rule vs gold on train: {dict(Counter((p.rule, p.label) for p in pairs))}")
    rules = role_scores(asm, dev_records, dev_docs, None)
    print(f"rules: dev perpetrator={rules['role_perpetrator']:.4f} target={rules['role_target']:.4f}")
    model, chosen = select(asm, pairs, dev_records, dev_docs)
    print(f"chosen: {chosen}")
    if args.save:
        model.to_disk(args.pipeline / ASSEMBLER)
        print(f"wrote {args.pipeline / ASSEMBLER / 'role_model.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
