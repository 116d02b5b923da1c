"""Helpers the components share: span sets, overlap filtering, demonym lookup."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..rules import DemonymRow, Rules


def set_spans(doc: Doc, key: str, spans: Iterable[Span]) -> None:
    doc.spans[key] = sorted(spans, key=lambda s: (s.start, s.end))


def non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Longest-first, earliest-first, as spaCy's filter_spans; ties keep the first given."""
    return sorted(filter_spans(list(spans)), key=lambda s: s.start)


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


class Sides:
    """Demonyms and the sides they name (``demonyms.csv``), for components that read sides off words."""

    def __init__(self, rules: Rules) -> None:
        self.demonyms = {r.adjective: r.side for r in rules.csv("demonyms.csv", DemonymRow)}
        self.sides = frozenset(self.demonyms.values())
        self.adjective_of = {v: k for k, v in self.demonyms.items()}

    def of_tokens(self, tokens: Iterable) -> str | None:
        """The conflict side named by a demonym in the tokens ("Russian", "Ukraine's"), if any."""
        dem = self.demonyms
        for t in tokens:
            if t.text in dem:
                return dem[t.text]
            if t.text in self.sides:
                return t.text
        return None


def strip_span(span: Span, determiners: frozenset[str]) -> Span:
    """Trim leading ``determiners`` (the component's own words), possessive markers and punctuation from both
    ends; label, kb_id and id are kept.

    ``doc[start:end]`` would make a new span with an empty label, and doc.spans, displaCy and span
    scorers all read the label.
    """
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in determiners or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in {"'s", "’s"}):
        end -= 1
    if (start, end) == (span.start, span.end) or end <= start:
        return span
    return Span(doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)

