"""Reading counts as the text states them: "about 20", "at least seven", "dozens", "10-15".

The result is a range (min, max) plus an ``approximate`` flag, never a single invented number: "at
least 5" has no upper bound, and "dozens" is a range, because that is all the text claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .resources import casualty_lexicon

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
# What each kind of word may follow inside one number: "twenty five" but not "five twenty"; "and"
# only after a scale word ("one hundred and twenty"), so "2 and 3" stays two numbers.
_AFTER = {
    "unit": {None, "tens", "scale", "and"},
    "tens": {None, "scale", "and"},
    "small": {None, "scale", "and"},  # ten to nineteen, and digits
    "decimal": {None},
    "scale": {None, "unit", "tens", "small", "decimal", "scale"},
    "and": {"scale"},
}


def _part(p: str) -> tuple[str, float] | None:
    if p in _UNITS:
        v = _UNITS[p]
        return ("unit" if v < 10 else "tens" if v >= 20 else "small"), v
    if p in _SCALES:
        return "scale", _SCALES[p]
    if _DIGITS.match(p):
        return "small", int(p.replace(",", ""))
    if _DECIMAL.match(p):
        return "decimal", float(p)
    return None


def word_to_int(text: str) -> int | None:
    """'20' -> 20, '1,200' -> 1200, 'one hundred and twenty' -> 120, '1.2 thousand' -> 1200.

    None when the words do not make one well-formed number ("2 and 3", "five twenty", a bare "1.5"),
    so a pattern that over-reaches across two counts never invents a third.
    """
    t = text.strip().lower()
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    total, current, prev = 0.0, 0.0, None
    for p in (p for p in re.split(r"[\s\-]+", t) if p):
        got = ("and", 0) if p == "and" else _part(p)
        if got is None or prev not in _AFTER[got[0]]:
            return None
        kind, value = got
        if kind == "scale":
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0.0
        elif kind != "and":
            current += value
        prev = kind
    if prev in (None, "and", "decimal"):
        return None  # nothing read, a dangling "and", or "1.5" with no scale to make it whole
    n = round(total + current, 6)
    return int(n) if n == int(n) else None


@dataclass(frozen=True)
class Quantity:
    min: int | None
    max: int | None
    approximate: bool


MODIFIER_KINDS = ("lower_bound", "more_than", "upper_bound", "approximate")


def modifier_phrases(lexicon: dict[str, Any]) -> dict[str, list[str]]:
    """Quantity modifiers by kind, longest first, from a casualty lexicon (``casualties.yaml``)."""
    return {kind: sorted(lexicon[kind], key=len, reverse=True) for kind in MODIFIER_KINDS}


def modifier_kind(preceding: str, phrases: dict[str, list[str]] | None = None) -> tuple[str | None, int]:
    """Find the quantity modifier that ends the preceding text; returns (kind, number of words).

    ``phrases`` comes from the caller's own rules (``modifier_phrases``); None uses the packaged lexicon.
    """
    phrases = phrases if phrases is not None else modifier_phrases(casualty_lexicon())
    # killed "more than 100 ...": an opening quote mark before the modifier is not part of it
    low = re.sub("[\"\u201c\u201d]", " ", preceding.lower()).rstrip()
    for kind in MODIFIER_KINDS:
        for ph in phrases[kind]:
            if low == ph or low.endswith(" " + ph):
                return kind, len(ph.split())
    return None, 0


def apply_modifier(n: int, kind: str | None) -> Quantity:
    if kind == "lower_bound":
        return Quantity(n, None, False)
    if kind == "more_than":
        return Quantity(n + 1, None, False)
    if kind == "upper_bound":
        return Quantity(0, n, False)
    if kind == "approximate":
        return Quantity(n, n, True)
    return Quantity(n, n, False)


def vague_quantity(text: str, vague: dict[str, list[int | None]] | None = None) -> Quantity | None:
    vague = vague if vague is not None else casualty_lexicon()["vague"]
    v = vague.get(text.lower().strip())
    if v is None:
        return None
    return Quantity(v[0], v[1], True)
