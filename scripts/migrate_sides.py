"""Write every gold ACTOR ``side`` the way the guide names parties (training_data/README.md, "Sides").

The guide's ``side`` is the party's name as ``docs/sides.md`` and ``src/eventie/data/actors.jsonl`` give it:
a branch takes its movement's name (ISWAP, ISKP, IS Sahel -> Islamic State; MNDAA -> Three Brotherhood
Alliance; PDF, NUG -> Myanmar resistance), a movement has one spelling (al-Shabaab), a state's forces take
the state's short name (Myanmar), a UN or AU force its organisation. Older and newer shards wrote some of
these as the branch's or force's own name. Two mechanical rules, applied to every split:

1. a side value that is not itself a lexicon side but is the name or a pattern of exactly one lexicon entry
   (compared without case, hyphens or a leading "the") becomes that entry's side, and a lexicon side written
   another way ("Al Shabaab") is written the lexicon's way;
2. a state-directed private force (Wagner, Africa Corps: ``STATE_DIRECTED`` below; the span is one of its
   lexicon patterns, or starts with one: "Wagner fighters") takes its state's side, whatever country it
   fights in.

Idempotent; prints what it changed. Run:
python scripts/migrate_sides.py training_data/train.jsonl training_data/dev.jsonl training_data/test.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[1] / "src" / "eventie" / "data" / "actors.jsonl"
STATE_DIRECTED = ("wagner_group", "africa_corps")  # docs/sides.md: "Wagner/Africa Corps -> Russia (state-directed)"


def _key(text: str) -> str:
    return text.lower().replace("-", " ").removeprefix("the ").strip()


def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(side value -> lexicon side, span key -> side of a state-directed force)."""
    entries = [json.loads(line) for line in LEXICON.read_text(encoding="utf-8").splitlines() if line.strip()]
    sides = {_key(e["side"]): e["side"] for e in entries if e.get("side")}
    found: dict[str, set[str]] = {}
    for e in entries:
        if e.get("side"):
            for name in (e["pattern"], e["name"]):
                found.setdefault(_key(name), set()).add(e["side"])
    renames = {k: next(iter(v)) for k, v in found.items() if len(v) == 1 and k not in sides} | sides
    directed = {_key(e["pattern"]): e["side"] for e in entries if e["id"] in STATE_DIRECTED}
    return renames, directed


def migrate(record: dict, renames: dict[str, str], directed: dict[str, str], log: Counter) -> None:
    for span in record["spans"]:
        if span["label"] != "ACTOR":
            continue
        side = span.get("side")
        new = renames.get(_key(side)) if side else None
        text = _key(span.get("text") or record["text"][span["start"] : span["end"]])
        new = next((s for k, s in directed.items() if text == k or text.startswith(k + " ")), None) or new
        if new and new != side:
            log[(side, new)] += 1
            span["side"] = new


def main(paths: list[str]) -> None:
    renames, directed = _lexicon()
    for path in map(Path, paths):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        log: Counter = Counter()
        for r in rows:
            migrate(r, renames, directed, log)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path}: {sum(log.values())} side(s) renamed: " + ", ".join(f"{a} -> {b} ({n})" for (a, b), n in log.most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
