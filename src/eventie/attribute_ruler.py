"""The base pipeline's attribute ruler, matched with numpy instead of spaCy's general Matcher.

Why: ``en_core_web_sm``'s attribute ruler (its tag map and ~120 word exceptions, 179 rules) cost 10% of
eventie's CPU time, almost all of it in ``Matcher.__call__`` trying every rule at every token. Every one of
those rules is a fixed-length token pattern without operators, so each token slot is a conjunction of
comparisons that numpy evaluates for a whole Doc at once (``Doc.to_array`` then ``==``/``isin``/a regex over
the Doc's distinct strings). The match list is then the one ``AttributeRuler.match`` builds (sorted by rule,
so later rules still win), and ``set_annotations`` is spaCy's own: the annotations are identical, which
``tests/test_attribute_ruler.py`` checks against spaCy's ruler on the bundled texts.

The component subclasses spaCy's ``AttributeRuler``: the same patterns, the same ``patterns.jsonl`` on disk,
``add``/``initialize``/scoring unchanged. A rule it cannot compile (an operator, a ``MORPH`` or ``POS``
predicate, an extension attribute, a set operator other than IN/NOT_IN) sends the whole ruler back to spaCy's
Matcher, so any pattern a user adds keeps spaCy's semantics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IDS, LOWER, NORM, ORTH
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.tokens import Doc
from spacy.util import load_config
from spacy.vocab import Vocab


class _Unsupported(Exception):
    """A pattern this engine does not evaluate; the Matcher does it instead."""


@dataclass
class _Slot:
    """One token position of a pattern: (column, test) pairs, all of which must hold."""

    tests: list[tuple[int, str, object]] = field(default_factory=list)


def _flag_attr(name: str) -> bool:
    # lexical flags come back from to_array as 0/1 and are matched against True/False
    return name.startswith(("IS_", "LIKE_"))


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with a vectorised matcher for operator-free fixed-length patterns."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Callable | None = attribute_ruler_score) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._ready = False  # patterns compiled since the last change
        self._patterns: list[tuple[int, list[_Slot]]] = []
        self._keys: list[int] = []
        self._trivial: list[bool] = []
        self._columns: list[int] = []
        self._fallback = False

    # any change to the rules invalidates the compiled form
    def clear(self) -> None:
        super().clear()
        self._ready, self._fallback = False, False

    def add(self, patterns, attrs: dict, index: int = 0) -> None:  # type: ignore[override]
        super().add(patterns, attrs, index)
        self._ready, self._fallback = False, False

    def _compile(self) -> None:
        columns: dict[int, int] = {}
        patterns: list[tuple[int, list[_Slot]]] = []
        try:
            for rule in range(len(self.attrs)):
                for pattern in self.matcher.get(str(rule))[1]:
                    patterns.append((rule, [self._slot(spec, columns) for spec in pattern]))
        except _Unsupported:
            self._fallback = True
        self._columns = sorted(columns, key=columns.get)
        self._patterns = patterns
        # each pattern is indexed under one equality (or IN) test, its anchor: a token can then only start
        # the few patterns whose anchor value it has; a pattern with no such test is tried everywhere
        self._index: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._unanchored: list[int] = []
        lexical = {columns[a] for a in (LOWER, ORTH, NORM) if a in columns}
        self._keys = [self.vocab.strings[str(rule)] for rule in range(len(self.attrs))]
        self._trivial = []
        for p, (_, slots) in enumerate(patterns):
            anchors = [(k, col, arg) for k, slot in enumerate(slots) for col, op, arg in slot.tests if op in ("eq", "IN")]
            if not anchors:
                self._unanchored.append(p)
                self._trivial.append(False)
                continue
            # a word is rarer than a tag: index by the word where the pattern names one
            k, col, arg = min(anchors, key=lambda a: a[1] not in lexical)
            self._trivial.append(len(slots) == 1 and len(slots[0].tests) == 1)
            for value in (arg if isinstance(arg, frozenset) else (arg,)):
                self._index.setdefault((col, value), []).append((p, k))
        self._anchor_cols = sorted({col for col, _ in self._index})
        self._ready = True

    def _slot(self, spec: dict, columns: dict[int, int]) -> _Slot:
        slot = _Slot()
        for name, value in spec.items():
            if name not in IDS or name in ("POS", "MORPH") or name == "OP":
                raise _Unsupported(name)
            col = columns.setdefault(IDS[name], len(columns))
            slot.tests.append((col, *self._test(name, value)))
        return slot

    def _test(self, name: str, value: object) -> tuple[str, object]:
        strings = self.vocab.strings
        if isinstance(value, bool):
            if not _flag_attr(name):
                raise _Unsupported(name)
            return "eq", int(value)
        if _flag_attr(name) or not isinstance(value, str | dict):
            raise _Unsupported(name)
        if isinstance(value, str):
            return "eq", strings.add(value)
        if len(value) != 1:
            raise _Unsupported(name)
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
            return op, frozenset(strings.add(v) for v in arg)
        if op == "REGEX" and isinstance(arg, str):
            return op, re.compile(arg)
        raise _Unsupported(f"{name} {op}")

    def match(self, doc: Doc):  # type: ignore[override]
        """The matches ``AttributeRuler.match`` returns: (rule, match id, start, end), sorted by rule."""
        if not self._ready:
            self._compile()
        if self._fallback or not len(doc):
            return super().match(doc)
        rows = doc.to_array(self._columns).reshape(len(doc), -1).tolist()
        n, found, regex_memo = len(rows), set(), {}
        starts: list[tuple[int, int]] = []
        for i, row in enumerate(rows):
            for col in self._anchor_cols:
                for p, k in self._index.get((col, row[col]), ()):
                    starts.append((p, i - k))
        for p in self._unanchored:
            starts.extend((p, i) for i in range(n))
        keys, trivial = self._keys, self._trivial
        for p, start in starts:
            rule, slots = self._patterns[p]
            if trivial[p] or (0 <= start and start + len(slots) <= n and all(
                self._holds(op, arg, rows[start + k][col], regex_memo)
                for k, slot in enumerate(slots) for col, op, arg in slot.tests
            )):
                found.add((rule, keys[rule], start, start + len(slots)))
        return sorted(found)

    def _holds(self, op: str, arg, value: int, regex_memo: dict) -> bool:
        if op == "eq":
            return value == arg
        if op == "IN":
            return value in arg
        if op == "NOT_IN":
            return value not in arg
        hit = regex_memo.get((arg, value))
        if hit is None:  # the Matcher searches the attribute's string, as here, once per distinct value
            hit = regex_memo[(arg, value)] = bool(arg.search(self.vocab.strings[value]))
        return hit


@Language.factory(
    "eventie_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Callable | None) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_fast_attribute_ruler(nlp: Language) -> Language:
    """Swap a loaded pipeline's spaCy attribute ruler for this one, with the same patterns (in place)."""
    old = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if old is None or type(old) is not AttributeRuler:
        return nlp
    patterns = old.patterns
    fast = nlp.replace_pipe("attribute_ruler", "eventie_attribute_ruler", config={"validate": old.validate})
    fast.add_patterns(patterns)
    return nlp


def use_fast_attribute_ruler_on_disk(path: str | Path) -> None:
    """Point a saved pipeline's attribute ruler at this factory; its saved patterns load unchanged."""
    cfg_path = Path(path) / "config.cfg"
    cfg = load_config(cfg_path, interpolate=False)
    block = cfg["components"].get("attribute_ruler", {})
    if block.get("factory") == "attribute_ruler":
        block["factory"] = "eventie_attribute_ruler"
        cfg.to_disk(cfg_path)
