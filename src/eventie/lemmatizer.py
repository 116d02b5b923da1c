"""The base pipeline's English rule lemmatizer, run over token arrays with one cache per (word, POS, morph).

Why: spaCy's ``Lemmatizer.__call__`` makes a ``Token`` per word and calls ``rule_lemmatize``, whose cache only
holds the words that reach the suffix rules: a base form (singular noun, infinitive, positive adjective),
a POS without tables or a proper noun is worked out again at every occurrence, each time through
``token.morph.to_dict()``. In eventie's pipeline that made the lemmatizer 9% of the CPU time. Every branch of
``rule_lemmatize`` reads only the word's text, its POS and its morphology, so its first lemma is a function of
(ORTH, POS, MORPH): this component reads those three columns with ``Doc.to_array``, asks spaCy's own
``lemmatize`` once per distinct triple (kept across documents) and writes the lemmas back with
``Doc.from_array``. A word seen for the first time costs most: ``rule_lemmatize`` tests each candidate form
for membership in ``lemma_index``, a list of up to 57,528 words per POS, so here it runs against a copy of the
tables whose index lists are frozensets (membership is all it asks of them). The lemmas are spaCy's, which
``tests/test_lemmatizer.py`` checks against spaCy's component.

A token without a POS is left to spaCy's path (it warns, W108) and so are the other modes ("lookup", ...).
Tokens that already have a lemma (the attribute ruler's exceptions) keep it unless ``overwrite`` is set, as
in spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline.lemmatizer import lemmatizer_score
from spacy.tokens import Doc, Token
from spacy.util import load_config
from spacy.vocab import Vocab
from thinc.api import Model

_LIMIT = 500_000  # distinct (word, POS, morph) triples kept; a long stream of new words starts over


class FastLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, one ``lemmatize`` call per distinct (ORTH, POS, MORPH)."""

    def __init__(self, vocab: Vocab, model: Model | None, name: str = "lemmatizer", *, mode: str = "rule",
                 overwrite: bool = False, scorer: Callable | None = lemmatizer_score) -> None:
        super().__init__(vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._indexed: tuple[Lookups, Lookups] | None = None  # (the tables, their copy with set indexes)

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        try:
            self._lemmatize(doc)
            return doc
        except Exception as e:
            self.get_error_handler()(self.name, self, [doc], e)

    def rule_lemmatize(self, token: Token) -> list[str]:
        """spaCy's rule lemmatizer, reading its tables with the POS word lists as sets."""
        tables = self.lookups
        if self._indexed is None or self._indexed[0] is not tables:
            fast = Lookups()
            for name in tables.tables:
                fast.set_table(name, tables.get_table(name))
            if "lemma_index" in tables:
                index = tables.get_table("lemma_index")
                fast.set_table("lemma_index", Table("lemma_index", {k: frozenset(v) for k, v in index.items()}))
            self._indexed = (tables, fast)
        self.lookups = self._indexed[1]
        try:
            return super().rule_lemmatize(token)
        finally:
            self.lookups = tables

    def _lemmatize(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        memo, strings, overwrite = self._lemmas, self.vocab.strings, self.overwrite
        if len(memo) > _LIMIT:
            memo.clear()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            if not pos:  # spaCy warns (W108) and lower-cases, every time: leave it to spaCy
                lemmas.append(strings.add(self.lemmatize(doc[i])[0]))
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(value)
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64))


@Language.factory(
    "eventie_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_fast_lemmatizer(nlp: Language, model: Model | None, name: str, mode: str, overwrite: bool,
                         scorer: Callable | None) -> FastLemmatizer:
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def use_fast_lemmatizer(nlp: Language) -> Language:
    """Swap a loaded English pipeline's rule lemmatizer for this one, with the same tables (in place)."""
    old = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(old) is not EnglishLemmatizer or old.mode != "rule":
        return nlp
    fast = nlp.replace_pipe("lemmatizer", "eventie_lemmatizer", config={"overwrite": old.overwrite})
    fast.lookups = old.lookups
    return nlp


def use_fast_lemmatizer_on_disk(path: str | Path) -> None:
    """Point a saved English pipeline's rule lemmatizer at this factory; its saved tables load unchanged."""
    cfg_path = Path(path) / "config.cfg"
    cfg = load_config(cfg_path, interpolate=False)
    block = cfg["components"].get("lemmatizer", {})
    if cfg["nlp"].get("lang") == "en" and block.get("factory") == "lemmatizer" and block.get("mode") == "rule":
        block["factory"] = "eventie_lemmatizer"
        cfg.to_disk(cfg_path)
