"""Helpers the components share: span sets, overlap filtering, demonym lookup."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..grammar import ANCHOR_ATTRS
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

    def __init__(self, rules: Rules, locating: Iterable[str] = ()) -> None:
        self.locating = frozenset(locating)  # "Britain-based": located, not sided
        self.demonyms = {r.adjective: r.side for r in rules.csv("demonyms.csv", DemonymRow)}
        self.sides = frozenset(self.demonyms.values())
        # the side's first adjective in the file is its common one: "Russian", not "Chechen"
        self.adjective_of: dict[str, str] = {}
        for adjective, side in self.demonyms.items():
            self.adjective_of.setdefault(side, adjective)
        # names of several words ("United States", "Burkina Faso") never equal one token's text
        self.multi = {n: self.demonyms.get(n, n) for n in [*self.demonyms, *self.sides] if " " in n}

    def of_tokens(self, tokens: Iterable) -> str | None:
        """The conflict side named by a demonym in the tokens ("Russian", "Ukraine's"), if any."""
        dem = self.demonyms
        tokens = list(tokens)
        for i, t in enumerate(tokens):
            if self.locating and i + 2 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 2].lower_ in self.locating:
                continue
            if t.text in dem:
                return dem[t.text]
            if t.text in self.sides:
                return t.text
        text = " " + " ".join(t.text for t in tokens) + " "
        return next((side for name, side in self.multi.items() if f" {name} " in text), None)


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



_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _most_tokens(op: str | None) -> int | None:
    """The most tokens one pattern slot can take: 1 for a plain slot, ``!`` or ``?``, m for ``{n,m}``,
    ``{m}`` and ``{,m}``; None when unbounded (``*``, ``+``, ``{n,}``) or unknown."""
    if op is None or op in ("!", "?"):
        return 1
    q = _QUANTIFIER.fullmatch(op)
    if q is None:
        return None
    low, comma, high = q.groups()
    if not comma:
        return int(low) if low else None
    return int(high) if high else None


class AnchoredMatcher:
    """A token ``Matcher`` run only over the windows where some pattern's anchor word occurs.

    spaCy's Matcher tries every pattern at every token; rule patterns nearly all need one fixed word
    ("said", "according"), so a look at the words finds the few places where a match can lie and the
    Matcher runs on those windows alone. The matches are the ones the Matcher finds on the whole doc, in
    the same order: every predicate the patterns use is read off one token, and each window reaches from
    as many tokens before the anchor as the pattern can have before it to as many after it as can follow it
    (``?`` and ``{n,m}`` count their most tokens). A pattern with no fixed word, or with an unbounded
    quantifier (``*``, ``+``, ``{n,}``), turns the shortcut off for the whole matcher.
    """

    _ATTRS = ANCHOR_ATTRS

    def __init__(self, vocab) -> None:
        self.matcher = Matcher(vocab)
        self.strings = vocab.strings
        self.reach: dict[str, dict[int, tuple[int, int]]] = {a: {} for a in self._ATTRS}  # word -> before, after
        self.whole_doc = False

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.matcher.add(key, patterns)
        for pattern in patterns:
            anchor = self._anchor(pattern)
            if anchor is None:
                self.whole_doc = True
                continue
            attr, values, k = anchor
            for v in values:
                h = self.strings.add(v)
                before, after = self.reach[attr].get(h, (0, 0))
                longest = [_most_tokens(spec.get("OP")) for spec in pattern]
                self.reach[attr][h] = (max(before, sum(longest[:k])), max(after, sum(longest[k:])))

    @classmethod
    def _anchor(cls, pattern: list[dict]) -> tuple[str, list[str], int] | None:
        if any(_most_tokens(spec.get("OP")) is None for spec in pattern):  # bounded length only
            return None
        for k, spec in enumerate(pattern):
            if spec.get("OP") is not None:
                continue
            for attr in cls._ATTRS:
                value = spec.get(attr)
                if isinstance(value, str):
                    return attr, [value], k
                if isinstance(value, dict) and set(value) == {"IN"}:
                    return attr, list(value["IN"]), k
        return None

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Merged token ranges that hold every possible match."""
        n = len(doc)
        rows = doc.to_array(list(self._ATTRS)).tolist()  # a dict look-up per word beats numpy.isin on news-length docs
        spans = []
        for j, attr in enumerate(self._ATTRS):
            reach = self.reach[attr]
            if not reach:
                continue
            for i, row in enumerate(rows):
                around = reach.get(row[j])
                if around is not None:
                    spans.append((max(0, i - around[0]), min(n, i + around[1])))
        out: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        return out

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self.whole_doc or not len(doc):
            return list(self.matcher(doc))
        return [(key, a + s, a + e) for a, b in self.windows(doc) for key, s, e in self.matcher(doc[a:b])]
