"""Give a saved pipeline its rules: initialise its rule components and re-save, leaving trained weights alone.

Usage: python scripts/add_rules_to_pipeline.py models/eventie_cnn

For a pipeline saved before components carried their rules. The rule folders (``eventie_*``) and the
config's ``[initialize.components.X]`` blocks are added; nothing else is copied, and every trained file must
come out of the re-save byte-identical, else nothing is written. (``meta.json`` is re-indented and
``vocab/strings.json`` gains the rule ids on a re-save; both are left as they were: the strings are re-added
when the rules load.)
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import spacy

from eventie.pipeline import initialize_rules, rule_components

_NOT_COPIED = ("config.cfg", "meta.json", "vocab/strings.json")


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def main(path: str) -> None:
    target = Path(path)
    saved_init = spacy.util.load_config(target / "config.cfg", interpolate=False)["initialize"]["components"]
    stale = {name for name, block in saved_init.items() if "rules" in block}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        # load a copy without the saved rule folders: they may not validate against today's rule models
        # (a key added since), and are replaced anyway. W005 (no rules folder) is what this script fixes.
        warnings.simplefilter("ignore")
        copy = Path(tmp) / "p"
        shutil.copytree(target, copy, ignore=lambda d, names: [n for n in names if Path(d) == target and n in stale])
        nlp = spacy.load(copy)
    initialize_rules(nlp)
    # spaCy re-derives score weights from the components; keep the trained model's own (new fields shown at 0)
    saved = spacy.util.load_config(target / "config.cfg", interpolate=False)["training"]["score_weights"]
    cfg = nlp.config
    cfg["training"]["score_weights"] = {**{k: 0.0 for k in cfg["training"]["score_weights"]}, **saved}
    nlp.config = cfg
    names = [name for name, _ in rule_components(nlp)]
    before = _digests(target)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "p"
        nlp.to_disk(out)
        after = _digests(out)
        changed = [f for f, h in before.items() if f not in _NOT_COPIED and f.split("/")[0] not in names and after.get(f) != h]
        if changed:
            raise SystemExit(f"re-saving would change {changed}; nothing written")
        for name in names:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(out / name, target / name)
        shutil.copy(out / "config.cfg", target / "config.cfg")
    print(f"{target}: rules for {', '.join(names)}")


if __name__ == "__main__":
    main(sys.argv[1])
