"""Apply the benchmark-aligned gold conventions to every split, mechanically, where the guide allows.

The guide (training_data/README.md, "Events") says an event lists its participants; who *says* something is an
attribution, not an actor of the event. Older shards put some sources in an event's ``others``. This drops an
``others`` entry when the actor's text is the source (or part of the source) of one of the event's own
attributions and the actor is neither a perpetrator nor a target. Spans stay: span labelling is exhaustive;
only event membership changes. Idempotent; prints what it changed.

Run: python scripts/migrate_conventions.py training_data/train.jsonl training_data/dev.jsonl training_data/test.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _is_source(actor_text: str, sources: list[str]) -> bool:
    a = actor_text.lower()
    return any(a in s or s in a for s in sources if s)


def migrate(record: dict) -> int:
    spans, changed = record["spans"], 0
    for ev in record.get("events", []):
        sources = [(spans[i].get("source") or "").lower() for i in ev.get("attributions") or []]
        others = ev.get("others") or []
        keep = [i for i in others if not _is_source(spans[i]["text"], sources)]
        changed += len(others) - len(keep)
        if others:
            ev["others"] = keep
    return changed


def main(paths: list[str]) -> None:
    for path in map(Path, paths):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        n = sum(migrate(r) for r in rows)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path}: {n} source(s) removed from event participants")


if __name__ == "__main__":
    main(sys.argv[1:])
