"""Which attribution and which hedges each count and each equipment status rests on.

"Ukraine's military said 20 soldiers were killed; Russia's defence ministry said two died" states two
counts from two claimants. Merging them into one event must not merge who says what: each casualty keeps
the index of the attribution it rests on (``attribution``, into the event's ``attributions``), that
attribution's source, and the hedges that qualify it; the event's certainty reads the pairs
(certainty.py, rule ``counts_differ``).

The rule, per sentence: a count rests on the nearest attribution cue of its own sentence (token distance,
ties to the earlier cue); a count in a sentence with no cue rests on none (the outlet's voice, or an
attribution elsewhere in the paragraph that the event as a whole carries). A hedge of the sentence
qualifies the count it is nearest to (ties: each nearest count).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from ...extensions import MentionDict


def _distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _same_sentence(a: Span, b: Span) -> bool:
    return a.sent.start == b.sent.start


def resting_on(claim: Span, attributions: list[Span]) -> int | None:
    """Index in ``attributions`` of the cue ``claim`` rests on, or None."""
    near = [(i, _distance(claim, a)) for i, a in enumerate(attributions) if _same_sentence(claim, a)]
    if not near:
        return None
    return min(near, key=lambda p: (p[1], attributions[p[0]].start))[0]


def own_hedges(claim: Span, claims: list[Span], hedges: list[Span]) -> list[Span]:
    """The hedges of ``claim``'s sentence that are no nearer to another claim of that sentence."""
    rivals = [c for c in claims if c is not claim and _same_sentence(c, claim)]
    out = []
    for h in hedges:
        if not _same_sentence(h, claim):
            continue
        d = _distance(h, claim)
        if all(d <= _distance(h, r) for r in rivals):
            out.append(h)
    return out


def support(
    claim: Span, claims: list[Span], attributions: list[Span], hedges: list[Span], evidence: Callable[[Span], MentionDict]
) -> dict:
    """The ``attribution``/``source``/``hedges`` keys of one casualty or equipment status."""
    idx = resting_on(claim, attributions)
    info = attributions[idx]._.eventie_attribution if idx is not None else {}
    own: list[MentionDict] = [{**evidence(h), "kind": h._.eventie_hedge["kind"]} for h in own_hedges(claim, claims, hedges)]
    return {"attribution": idx, "source": info.get("source_name") or info.get("source"), "hedges": own}
