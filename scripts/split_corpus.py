"""Split the annotated shards into train/dev/test by document, once, deterministically.

Each shard (one genre/conflict family, written by one annotator) is split on its own, so every family is in
every split: 20% test, 10% dev, by a hash of the document id. The test split is the bundled test set and
is never trained on. Re-running on the same shards gives the same split.

Run: python scripts/split_corpus.py training_data/shards/*.jsonl
Add a new shard without re-splitting the old ones (their shards need not be at hand):
     python scripts/split_corpus.py --append training_data/shards/new_shard.jsonl
The new shard is split by the same rule and its documents are added to each split; documents already in
train/dev/test stay where they are, so the existing test set is never moved into training.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

from eventie.training.annotation import dump_record, read_annotations

OUT = Path(__file__).resolve().parents[1] / "training_data"


def bucket(doc_id: str) -> float:
    return int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def main(paths: list[str], append: bool = False) -> None:
    splits: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    existing: set[str] = set()
    if append:
        for split in splits:
            old, problems = read_annotations(OUT / f"{split}.jsonl")
            if problems:
                raise SystemExit(f"{split}.jsonl has bad lines; fix them before appending: {problems[0]}")
            splits[split] = [dump_record(r) for r in old]
            existing |= {r.meta.id for r in old}
    stats = Counter()
    for path in sorted(paths):
        recs, problems = read_annotations(path)
        for p in problems:
            print(f"skipped {p}", file=sys.stderr)
        clash = [r.meta.id for r in recs if r.meta.id in existing]
        if clash:
            raise SystemExit(f"{path}: ids already in the corpus: {', '.join(clash[:5])}")
        ranked = sorted(recs, key=lambda r: bucket(r.meta.id))
        n = len(ranked)
        n_test, n_dev = round(n * 0.2), round(n * 0.1)
        for i, r in enumerate(ranked):
            split = "test" if i < n_test else "dev" if i < n_test + n_dev else "train"
            splits[split].append(dump_record(r))
            stats[(split, "docs")] += 1
            stats[(split, "events")] += len(r.events)
            stats[(split, "no_event")] += int(not r.events)
    for split, lines in splits.items():
        (OUT / f"{split}.jsonl").write_text("".join(line + "\n" for line in sorted(lines)), encoding="utf-8")
        added = "added " if append else ""
        print(f"{split}: {added}{stats[(split, 'docs')]} docs, {stats[(split, 'events')]} events, {stats[(split, 'no_event')]} without event; {len(lines)} in all")


if __name__ == "__main__":
    args = sys.argv[1:]
    main([a for a in args if a != "--append"], append="--append" in args)
