"""Leave-one-shard-out: how the pipeline does on a writer it has not seen.

Our corpus was written in shards, one genre or conflict family and one writer each. A model trained and tested on
the same writers learns their phrasing, so the in-corpus test figure flatters it. This script trains the NER on
every shard but one (train and dev splits, the held-out shard removed from both), then scores the whole pipeline on
all documents of the held-out shard (train, dev and test alike: none of them was seen), beside the shipped
model's figure on the bundled test set.

Shards are the id prefixes of ``meta.id`` (``mea-0012`` is shard ``mea``).

Run:  python benchmarks/loso.py train --shard mea --workdir /tmp/loso-mea     (about 13 minutes on 2 cores)
      python benchmarks/loso.py score --shard mea --workdir /tmp/loso-mea     (writes docs/loso.json)
The score step grafts the held-out NER into the shipped pipeline, so the rules are the current ones.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training_data"
SPLITS = ("train", "dev", "test")


def shard_of(doc_id: str) -> str:
    return re.sub(r"-?\d+$", "", doc_id)


def _lines(split: str) -> list[str]:
    return [line for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def write_split(workdir: Path, split: str, shard: str, keep: bool) -> Path:
    """The split's lines with (keep=False) or only with (keep=True) the shard's documents."""
    rows = [line for line in _lines(split) if (shard_of(json.loads(line)["meta"]["id"]) == shard) == keep]
    path = workdir / f"{split}-{'only' if keep else 'without'}-{shard}.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def do_train(shard: str, workdir: Path, max_steps: int | None) -> None:
    from eventie.training import train

    workdir.mkdir(parents=True, exist_ok=True)
    train_path = write_split(workdir, "train", shard, keep=False)
    dev_path = write_split(workdir, "dev", shard, keep=False)
    train([train_path], workdir / "model", dev_paths=[dev_path], max_steps=max_steps, workdir=workdir / "work")


def do_score(shard: str, workdir: Path, out: Path) -> None:
    import spacy

    import eventie
    from eventie.api import Extractor, packaged_model_path
    from eventie.training.evaluation import evaluate

    held = [write_split(workdir, split, shard, keep=True) for split in SPLITS]
    shipped = eventie.load(None)
    in_corpus, _ = evaluate(shipped, DATA / "test.jsonl")
    loso = Extractor(spacy.load(packaged_model_path()))  # a fresh copy: eventie.load caches
    loso.nlp.get_pipe("eventie_ner").from_disk(workdir / "model" / "eventie_ner", exclude=["vocab"])
    unseen, _ = evaluate(loso, held)
    result = {"shard": shard, "held_out_docs": unseen.docs, "in_corpus_test": in_corpus.as_dict(), "held_out": unseen.as_dict()}
    out.write_text(json.dumps(result, indent=2) + "\n")
    fields = ["actor", "equipment", "place", "date", "casualty_exact", "attribution_source_cue", "hedge"]
    a, b = in_corpus.as_dict()["fields"], unseen.as_dict()["fields"]
    print(f"{'field':24s} in-corpus test   held-out shard {shard}")
    for f in fields:
        print(f"{f:24s} {a.get(f, {}).get('f', 0):.3f}            {b.get(f, {}).get('f', 0):.3f}")
    ma = sum(a.get(f, {}).get("f", 0) for f in fields) / len(fields)
    mb = sum(b.get(f, {}).get("f", 0) for f in fields) / len(fields)
    print(f"{'macro':24s} {ma:.3f}            {mb:.3f}   (gap {ma - mb:+.3f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["train", "score"])
    ap.add_argument("--shard", default="mea")
    ap.add_argument("--workdir", default="/tmp/eventie-loso")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--out", default=str(ROOT / "docs" / "loso.json"))
    args = ap.parse_args()
    workdir = Path(args.workdir) / args.shard
    if args.step == "train":
        do_train(args.shard, workdir, args.max_steps)
    else:
        do_score(args.shard, workdir, Path(args.out))


if __name__ == "__main__":
    main()
