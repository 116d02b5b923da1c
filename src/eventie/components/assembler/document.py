"""A read-only view of one document for the assembler: sentences, their kinds, their spans.

Everything per document lives here and is built anew for each call, so the component itself keeps
no state between documents (and ``nlp.pipe`` with several processes sees the same thing as one call).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span

from ... import labels

SPAN_KEYS = (
    labels.ACTORS,
    labels.TRIGGERS,
    labels.PLACES,
    labels.DATES,
    labels.EQUIPMENT,
    labels.CASUALTIES,
    labels.ATTRIBUTIONS,
    labels.HEDGES,
)
# Sentence kinds, from the page block a sentence lies in, and "background" for habitual statements.
BODY, HEADLINE, CAPTION = labels.KIND_BODY, labels.KIND_HEADLINE, labels.KIND_CAPTION
BOILERPLATE, BACKGROUND = labels.KIND_BOILERPLATE, labels.KIND_BACKGROUND
# what a pattern cannot keep inside a larger alternation: a numbered or named back-reference, inline flags
_UNSHARED = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]")
_BLOCK_KIND = {labels.BODY: BODY, labels.HEADLINE: HEADLINE, labels.CAPTION: CAPTION, labels.BOILERPLATE: BOILERPLATE}


@dataclass(frozen=True)
class SentenceFilters:
    """Markers that make a body or headline sentence state no incident of its own."""

    boilerplate: tuple[str, ...]
    background: tuple[re.Pattern, ...]
    # ", the latest in a series of raids": background markers after one of these do not count
    openers: tuple[str, ...] = ()

    @classmethod
    def from_context(cls, ctx: dict) -> SentenceFilters:
        """The markers as one alternation and the patterns as another: a sentence is background when any of
        them matches, which is exactly when their alternation does, and two searches per sentence cost less
        than 38. Patterns with back-references or inline flags (which an alternation would change) stay apart."""
        markers = [re.escape(m.lower()) for m in ctx["background_markers"]]
        background = [re.compile(r"\b(?:" + "|".join(markers) + r")\b")] if markers else []
        patterns = list(ctx["background_patterns"])
        if len(patterns) > 1 and not any(_UNSHARED.search(p) for p in patterns):
            background.append(re.compile("|".join(f"(?:{p})" for p in patterns), re.I))
        else:
            background += [re.compile(p, re.I) for p in patterns]
        openers = tuple(o.lower() for o in ctx["context_clause_openers"])
        return cls(tuple(m.lower() for m in ctx["boilerplate_markers"]), tuple(background), openers)


@dataclass
class DocView:
    doc: Doc
    sents: list[Span]
    kinds: list[str]
    paragraphs: list[int]
    by_sent: dict[str, list[list[Span]]]
    source_tokens: set[int] = field(default_factory=set)
    text: str = ""  # doc_text(doc), built once: the event ids hash it too

    def spans(self, key: str, i: int) -> list[Span]:
        return self.by_sent[key][i]


def doc_text(doc: Doc) -> str:
    """``Doc.text``, from two arrays: spaCy builds it from a Token object per word, which cost the assembler
    a third of its time when it read the text three times per document."""
    strings = doc.vocab.strings
    return "".join(strings[orth] + " " * space for orth, space in doc.to_array([ORTH, SPACY]).tolist())


def build_view(doc: Doc, filters: SentenceFilters, *, blocks_key: str, sources_key: str) -> DocView:
    sents = list(doc.sents)
    block_of = _block_labels(doc, blocks_key)
    text = doc_text(doc)
    kinds = [_sentence_kind(text[s.start_char : s.end_char], block_of[s.start] if len(doc) else BODY, filters) for s in sents]
    return DocView(
        doc=doc,
        sents=sents,
        kinds=kinds,
        paragraphs=_paragraph_ids(text, sents),
        by_sent=_index_by_sentence(doc, sents),
        text=text,
        source_tokens=_source_tokens(doc, sources_key),
    )


def _block_labels(doc: Doc, blocks_key: str) -> list[str]:
    """The block kind of every token; body where the segmenter wrote no block (e.g. no segmenter)."""
    out = [BODY] * len(doc)
    for block in doc.spans.get(blocks_key, []):
        kind = _BLOCK_KIND.get(block.label_, BODY)
        for i in range(block.start, block.end):
            out[i] = kind
    return out


def _sentence_kind(sent_text: str, block: str, filters: SentenceFilters) -> str:
    if block not in (BODY, HEADLINE):
        return block
    low = sent_text.lower()
    if any(m in low for m in filters.boilerplate):
        return BOILERPLATE
    cut = min((i for i in (low.find(o) for o in filters.openers) if i >= 0), default=len(low))
    if any(p.search(low[:cut]) for p in filters.background):
        return BACKGROUND
    return block


def _paragraph_ids(text: str, sents: list[Span]) -> list[int]:
    """Paragraph number of each sentence: paragraphs are separated by a blank line."""
    ids, para, prev_end = [], 0, 0
    for s in sents:
        gap = text[prev_end : s.start_char]
        if "\n\n" in gap or "\n \n" in gap:
            para += 1
        ids.append(para)
        prev_end = s.end_char
    return ids


def _index_by_sentence(doc: Doc, sents: list[Span]) -> dict[str, list[list[Span]]]:
    """Every span by its sentence, once: linear in the document, not sentences x spans."""
    sent_of = [0] * len(doc)
    for i, s in enumerate(sents):
        for t in range(s.start, s.end):
            sent_of[t] = i
    out: dict[str, list[list[Span]]] = {}
    for key in SPAN_KEYS:
        groups: list[list[Span]] = [[] for _ in sents]
        for sp in doc.spans.get(key, []):
            groups[sent_of[sp.start]].append(sp)
        out[key] = groups
    return out


def _source_tokens(doc: Doc, sources_key: str) -> set[int]:
    """Tokens inside the sources of attributions (who says something).

    The claim detector's source spans (``doc.spans[sources_key]``) when it writes them; until then the
    offsets its attribution payload carries.
    """
    if sources_key in doc.spans:
        return {i for s in doc.spans[sources_key] for i in range(s.start, s.end)}
    out: set[int] = set()
    for att in doc.spans.get(labels.ATTRIBUTIONS, []):
        info = att._.eventie_attribution or {}
        if info.get("source_start") is None:
            continue
        src = doc.char_span(info["source_start"], info["source_end"], alignment_mode="expand")
        if src is not None:
            out.update(range(src.start, src.end))
    return out
