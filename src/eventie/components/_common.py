"""Helpers the components share: span sets, overlap filtering, demonym lookup."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..resources import demonyms
from ..rules import RuleComponent


def set_spans(doc: Doc, key: str, spans: Iterable[Span]) -> None:
    doc.spans[key] = sorted(spans, key=lambda s: (s.start, s.end))


def non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Longest-first, earliest-first, as spaCy's filter_spans; ties keep the first given."""
    return sorted(filter_spans(list(spans)), key=lambda s: s.start)


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def side_from_tokens(tokens: Iterable) -> str | None:
    """The conflict side named by a demonym in the tokens ("Russian", "Ukraine's"), if any."""
    dem = demonyms()
    sides = set(dem.values())
    for t in tokens:
        if t.text in dem:
            return dem[t.text]
        if t.text in sides:
            return t.text
    return None


def strip_span(span: Span) -> Span:
    """Trim determiners, possessive markers and punctuation from both ends."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in {"the", "a", "an", "its", "their"} or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in {"'s", "’s"}):
        end -= 1
    return doc[start:end] if end > start else span


class SavedBeforeRules(RuleComponent):
    """A rule component that also loads from pipelines saved before it carried its rules.

    Such a pipeline (the shipped ``models/eventie_cnn`` until it is re-saved with
    ``eventie.pipeline.initialize_rules``) has no folder for the component: it takes the packaged rules,
    as it did when it read them itself. A folder that exists is read as ``RuleComponent`` reads it.
    """

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RuleComponent:
        if not Path(path).exists():
            self.initialize()
            return self
        return super().from_disk(path, exclude=exclude)
