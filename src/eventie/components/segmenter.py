"""Line segmenter: a line break ends a sentence, and so does a dateline or a live-blog time stamp.

Web pages put headlines, captions, bylines and bios on lines of their own without final punctuation;
the parser would otherwise glue a headline to the caption below it and the event to the bio. Wire
datelines ("KYIV, March 5 (Reuters) -") and live-blog stamps ("13:40 -") open a line without being part
of its first sentence; left attached, the parser makes "KYIV" the subject of "said". Runs before the
parser, which keeps boundaries that are already set.

It also writes the page's blocks to ``doc.spans["eventie_blocks"]``, one span per non-empty line, labelled
HEADLINE, CAPTION, BOILERPLATE or BODY (markers in ``data/context.yaml``), so that later components read
the shape of the page instead of re-splitting the text.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import labels
from ..grammar import CLAUSE_END_PUNCT, DATELINE_DASHES, SENTENCE_FINAL_MARKS
from ..rules import ContextRules, RuleComponent, Rules

_STAMP = re.compile(r"^\d{1,2}[:.]\d{2}$")
_MAX_DATELINE = 18  # tokens; "GOMA, Democratic Republic of Congo, Jan 28 (Reuters) -" fits


def _opens_dateline(tok: Token) -> bool:
    """An upper-case place name ("KYIV", "DEIR AL-BALAH", "SANAA/WASHINGTON") or a clock time."""
    text = tok.text
    if _STAMP.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the dash that closes a dateline opening at ``start``, if there is one."""
    first = doc[start]
    if not _opens_dateline(first):
        return None
    for tok in doc[start + 1 : start + _MAX_DATELINE]:
        if "\n" in tok.text_with_ws or tok.is_space:
            return None
        if tok.text in DATELINE_DASHES and tok.i + 1 < len(doc):
            between = doc[start + 1 : tok.i]
            # "KYIV, March 5 (Reuters) -" and "13:40 -" always; a bare "DONETSK -" only before a capital,
            # so that "NATO - the alliance - met" stays one sentence
            if _STAMP.match(first.text) or any(t.text in (",", "(") for t in between):
                return tok.i
            nxt = doc[tok.i + 1 : tok.i + 3]
            ok = not len(between) and any(t.text[:1].isupper() for t in nxt if not t.is_space)
            return tok.i if ok else None
        if tok.text in CLAUSE_END_PUNCT:
            return None
    return None


@Language.factory("eventie_line_segmenter", assigns=["token.is_sent_start", "doc.spans"], default_config={"blocks_key": labels.BLOCKS})
def make_line_segmenter(nlp: Language, name: str, blocks_key: str) -> LineSegmenter:
    return LineSegmenter(name, blocks_key=blocks_key)


class LineSegmenter(RuleComponent):
    """Sentence starts at line breaks and datelines; page blocks as labelled spans."""

    rule_files = ("context.yaml",)

    def __init__(self, name: str, *, blocks_key: str) -> None:
        self.name = name
        self.blocks_key = blocks_key

    def _load_rules(self, rules: Rules) -> None:
        ctx = rules.yaml("context.yaml", ContextRules)
        self.caption_markers = tuple(m.lower() for m in ctx.caption_markers)
        self.boiler_markers = tuple(m.lower() for m in ctx.boilerplate_markers)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        line_segmenter(doc)
        doc.spans[self.blocks_key] = self.blocks(doc)
        return doc

    def _kind(self, line: str, first: bool) -> str:
        low = line.lower()
        if any(m in low for m in self.caption_markers):
            return labels.CAPTION
        if any(m in low for m in self.boiler_markers):
            return labels.BOILERPLATE
        # the first line of four or more words, short and without final punctuation, is the headline
        if first and len(line) < 200 and not line.endswith(SENTENCE_FINAL_MARKS) and len(line.split()) >= 4:
            return labels.HEADLINE
        return labels.BODY

    def blocks(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        pos, first = 0, True
        for line in doc.text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            stripped = line.strip()
            if not stripped:
                continue
            lead = start + len(line) - len(line.lstrip())
            span = doc.char_span(lead, lead + len(stripped), label=self._kind(stripped, first), alignment_mode="expand")
            if len(stripped.split()) >= 4:
                first = False
            if span is not None and (not out or span.start >= out[-1].end):
                out.append(span)
        return out


def line_segmenter(doc: Doc) -> Doc:
    """Sentence starts only (no blocks): for pipelines that want the boundaries alone."""
    if not len(doc):
        return doc
    line_starts = [0]
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and not tok.is_space or tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            line_starts.append(tok.i + 1)
    for start in line_starts:
        while start < len(doc) and doc[start].is_space:
            start += 1
        if start >= len(doc):
            continue
        dash = _dateline_end(doc, start)
        if dash is not None:
            nxt = dash + 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            if nxt < len(doc):
                doc[nxt].is_sent_start = True
    return doc
