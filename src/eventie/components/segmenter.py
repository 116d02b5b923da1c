"""Line segmenter: a line break ends a sentence.

Web pages put headlines, captions, bylines and bios on lines of their own without final punctuation;
the parser would otherwise glue a headline to the caption below it and the event to the bio. Runs
before the parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("eventie_line_segmenter")
def line_segmenter(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and not tok.is_space or tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc
