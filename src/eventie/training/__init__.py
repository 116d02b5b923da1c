"""Tooling: annotation files, conversion to spaCy's DocBin, training and evaluation."""

from .trainer import to_docbin, train

__all__ = ["to_docbin", "train"]
