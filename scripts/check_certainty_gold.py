"""Check every split's gold certainty against the guide rules that the gold spans alone decide.

The guide (training_data/README.md, "certainty, first rule that applies") is checked only where an event's own gold
spans settle the answer, never with the pipeline's output:

- rule1-denial: an event whose gold carries a denial (an attribution with cue ``denied`` or a hedge of kind
  ``denied``) is ``disputed`` ("a party denies it"). Unambiguous: ``--fix`` relabels.
- rule2-unverified: an event with a gold ``unverified`` hedge that says the account could not be verified or
  confirmed is ``unverified`` or ``disputed``. Listed only: whether sources contradict (rule 1) is not in the spans.
  A hedge that doubts a detail ("It was not clear what caused it") is no such hedge and is not listed.
- rule3-alleged: an event hedged as alleged (a gold hedge of kind ``alleged``) is ``claimed`` unless rule 1 or 2
  applies. Listed only: "Suspected Boko Haram fighters" qualifies who did it, not whether it happened, and the
  guide does not say which it means.
- rule5-confirmed: a ``confirmed`` event has no attribution and no hedge, or an attribution with cue ``confirmed``.
  Listed only: which of ``claimed``/``reported`` it is instead depends on whether its sources are parties and on
  the mixed-source convention, which the spans do not settle.
- unattached-denial: a gold denial span that no event carries. Listed only: which event it denies needs reading.

Usage: python scripts/check_certainty_gold.py [--fix] [training_data/*.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

VERIFY = re.compile(r"verif|confirm|corroborat", re.I)
SPLITS = ["training_data/train.jsonl", "training_data/dev.jsonl", "training_data/test.jsonl"]


def _is_denial(span: dict) -> bool:
    """A denial span: an attribution with cue denied or a hedge of kind denied."""
    return (span["label"] == "ATTRIBUTION" and span.get("cue") == "denied") or (
        span["label"] == "HEDGE" and span.get("kind") == "denied"
    )


def check_event(event: dict, spans: list[dict]) -> list[tuple[str, str | None, str]]:
    """(rule, the label the rule requires or None when it only lists, evidence) for each contradiction."""
    atts = [spans[i] for i in event.get("attributions", [])]
    hedges = [spans[i] for i in event.get("hedges", [])]
    gold = event.get("certainty")
    out: list[tuple[str, str | None, str]] = []
    denials = [s["text"] for s in atts + hedges if _is_denial(s)]
    if denials:
        if gold != "disputed":
            out.append(("rule1-denial", "disputed", f"denial {denials}"))
        return out
    unchecked = [h["text"] for h in hedges if h.get("kind") == "unverified" and VERIFY.search(h["text"])]
    if unchecked:
        if gold not in ("unverified", "disputed"):
            out.append(("rule2-unverified", None, f"hedge {unchecked}"))
        return out
    alleged = [h["text"] for h in hedges if h.get("kind") == "alleged"]
    if alleged and gold in ("reported", "confirmed"):
        out.append(("rule3-alleged", None, f"hedge {alleged}"))
    if gold == "confirmed" and (hedges or atts) and not any(a.get("cue") == "confirmed" for a in atts):
        evidence = [(a.get("cue"), a.get("source")) for a in atts] + [(h.get("kind"), h["text"]) for h in hedges]
        out.append(("rule5-confirmed", None, f"attributions/hedges {evidence}"))
    return out


def check_record(rec: dict, fix: bool) -> tuple[list[str], int]:
    """Printable contradictions of one record, and how many events --fix relabelled in it."""
    spans, lines, fixed = rec["spans"], [], 0
    rid = rec.get("meta", {}).get("id")
    carried = {i for e in rec.get("events", []) for i in e.get("attributions", []) + e.get("hedges", [])}
    for n, event in enumerate(rec.get("events", [])):
        trigger = spans[event["trigger"]]["text"] if event.get("trigger") is not None else None
        for rule, label, evidence in check_event(event, spans):
            act = ""
            if fix and label is not None:
                act = f" -> relabelled {event['certainty']} -> {label}"
                event["certainty"] = label
                fixed += 1
            lines.append(f"{rid} event {n} ({trigger!r}) gold={event.get('certainty')} {rule}: {evidence}{act}")
    for i, s in enumerate(spans):
        if _is_denial(s) and i not in carried and rec.get("events"):
            lines.append(f"{rid} unattached-denial: {s['text']!r} at {s['start']} (no event carries it)")
    return lines, fixed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", default=SPLITS)
    ap.add_argument("--fix", action="store_true", help="relabel where the guide is unambiguous (rule1-denial)")
    args = ap.parse_args()
    for name in args.files:
        path = Path(name)
        raw = path.read_text(encoding="utf-8").splitlines()
        out, total = [], 0
        for line in raw:
            if not line.strip():
                out.append(line)
                continue
            rec = json.loads(line)
            lines, fixed = check_record(rec, args.fix)
            for x in lines:
                print(f"{path.name}: {x}")
            total += fixed
            out.append(json.dumps(rec, ensure_ascii=False) if fixed else line)
        if args.fix and total:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"{path.name}: {total} relabelled" if args.fix else f"{path.name}: checked")


if __name__ == "__main__":
    main()
