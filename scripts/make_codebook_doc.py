"""Regenerate docs/codebook.md from the codebook and trigger data files."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventie" / "data"


def main() -> None:
    cb = yaml.safe_load((DATA / "codebook.yaml").read_text())
    by: dict[str, list[str]] = {}
    for line in (DATA / "triggers.jsonl").read_text().splitlines():
        if line.strip():
            t = json.loads(line)
            by.setdefault(t["type"], []).extend(t["lemmas"])
    lines = [
        "# Event codebook", "",
        "Generated from `src/eventie/data/codebook.yaml` and `triggers.jsonl` by `python scripts/make_codebook_doc.py`; edit those files, not this page.", "",
        "| type | covers | ACLED event type | ACLED sub-event type | trigger lemmas |", "|---|---|---|---|---|",
    ]
    for t in cb["types"]:
        lines.append(
            f"| `{t['id']}` | {t['description']} | {t['acled_event_type'] or '–'} | {t['acled_sub_event_type'] or '–'} | {', '.join(by.get(t['id'], []))} |"
        )
    lines += [
        "",
        "A generic trigger (`attack`, `strike`, `hit`, `kill`...) takes a specific type from the weapons named in its sentence: drones → `drone_strike`, missiles → `missile_strike`, artillery or rocket launchers → `shelling`, aircraft or glide bombs → `air_strike`, IEDs or car bombs → `explosion`, naval drones → `naval_attack`.",
        "",
        "When mentions of one incident carry different types, the event takes the most specific: any specific type beats `explosion`, which beats `sabotage`, which beats `attack`.",
    ]
    (ROOT / "docs" / "codebook.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
