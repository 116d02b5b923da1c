"""What a verification hedge covers: every event that rests on the party whose claims it doubts.

"Russia's defence ministry said it destroyed 30 drones over Bryansk ... and that its forces took the village
of X. The ministry's claims could not be independently verified." The hedge closes the report and attaches to
the last event it follows (merging.py), but it speaks of every claim of that party the article reports.
So each event whose attributions name a party of a side that the hedged event's party sources have takes the
hedge too; a hedge that speaks of both sides ("battlefield reports from either side", contradiction_words)
covers every event a party speaks of. Events that rest on no party (a governor's report) are not covered, and
such a hedge that follows one moves to the nearest earlier event a party speaks of.
"""

from __future__ import annotations

from spacy.tokens import Span

from ...rules import AssemblerRules
from .certainty import Evidence
from .mentions import EventDraft, Mention

UNVERIFIED = "unverified"
DENIED = "denied"


def _party_sides(d: EventDraft, ev: Evidence) -> set[str]:
    atts = [a._.eventie_attribution or {} for m in d.mentions for a in m.attributions]
    # a party with no side is known by its name's last word ("Igor Konashenkov" and "Konashenkov" are one)
    return {a.get("source_side") or a["source_name"].split()[-1] for a in atts if ev.is_party(a)}


def _unverified(d: EventDraft) -> list[Span]:
    return [h for m in d.mentions for h in m.hedges if h._.eventie_hedge["kind"] == UNVERIFIED]


def verifies(hedge: Span, rules: AssemblerRules) -> bool:
    """A verification hedge that speaks of claims in the plural ("The claims could not be verified")."""
    return any(t.lower_ in rules.verification_words for t in hedge) and (
        any(t.lower_ in rules.plural_claim_words for t in hedge.sent) or _both_sides(hedge, rules)
    )


def closes(hedge: Span, rules: AssemblerRules) -> bool:
    """A verification hedge that names what it doubts, one claim or several ("The claim could not be independently
    verified"): it closes the report of the last event, however far it stands from it (merging.py)."""
    return verifies(hedge, rules) or (
        any(t.lower_ in rules.verification_words for t in hedge) and any(t.lower_ in rules.single_claim_words for t in hedge.sent)
    )


def _both_sides(hedge: Span, rules: AssemblerRules) -> bool:
    low = f" {hedge.sent.text.lower()} "
    return any(f" {w}" in low for w in rules.contradiction_words)


def _move_off_unsourced(drafts: list[EventDraft], party: list[set[str]], hedged: list[list[Span]], rules: AssemblerRules) -> None:
    """A hedge that doubts a party's claims ("The ministry's claims could not be verified") but follows an
    event no party speaks of (a governor's report) belongs to the nearest earlier event a party speaks of."""
    for i in range(len(drafts)):
        plural = [h for h in hedged[i] if verifies(h, rules)]
        owner = next((j for j in range(i - 1, -1, -1) if party[j]), None)
        if party[i] or not plural or owner is None:
            continue
        for m in drafts[i].mentions:
            m.hedges = [h for h in m.hedges if h not in plural]
        hedged[i] = _unverified(drafts[i])
        if not hedged[owner]:
            drafts[owner].add(Mention(sent=plural[0].sent, kind="attached", triggers=[], type=drafts[owner].type, hedges=plural[:1]))
            hedged[owner] = plural[:1]


def _denials(d: EventDraft, ev: Evidence) -> set[str]:
    """The sides (or names) of the parties that deny something in the event's sentences."""
    atts = [a._.eventie_attribution or {} for m in d.mentions for a in m.attributions]
    return {a.get("source_side") or a["source_name"].split()[-1] for a in atts if a.get("cue") == DENIED and a.get("source_name")}


def _denial_span(d: EventDraft) -> Span | None:
    """A denial whose own sentence has a trigger ("denied striking civilians", "rejected that account, writing that
    air defences had repelled an attack"): the event that sentence makes is the denier's version, so what is
    denied is an event before it. A trigger-less denial ("rejected the claim") already qualifies the event it follows."""
    return next((a for m in d.mentions if m.triggers for a in m.attributions if (a._.eventie_attribution or {}).get("cue") == DENIED), None)


def _denied_by(e: EventDraft, deniers: set[str], party: set[str]) -> bool:
    """Is ``e`` what the deniers reject: a claim of a party of another side, or an act their own side is said
    to have done ("The Kremlin denied striking civilians" after "Russian missiles pounded Kyiv")?"""
    perpetrators = {(a.info or {}).get("side") for m in e.mentions for a in m.actors if a.role == "perpetrator"}
    return bool(party - deniers) or bool(perpetrators & deniers)


def spread_denials(drafts: list[EventDraft], rules: AssemblerRules, sides: frozenset[str], party_names: frozenset[str] = frozenset()) -> None:
    """A denial ("Ukrainian officials rejected the claim", "The Kremlin denied striking civilians") disputes the
    nearest earlier event it can be about, not only the event its own sentence joined (see _denied_by)."""
    ev = Evidence(atts=[], hedges=[], party_kinds=rules.party_kinds, local_words=rules.local_official_words,
                  party_words=rules.party_words, sides=sides, party_names=party_names)
    party = [_party_sides(d, ev) for d in drafts]
    deniers = [_denials(d, ev) for d in drafts]
    starts = [min(m.sent.start for m in d.mentions) for d in drafts]
    for i, d in enumerate(drafts):
        span = _denial_span(d)
        if span is None:
            continue
        before = [j for j in range(len(drafts)) if j != i and starts[j] < span.start and not deniers[j]]
        j = max(before, key=lambda j: starts[j], default=None)
        if j is not None and _denied_by(drafts[j], deniers[i], party[j]):
            drafts[j].add(Mention(sent=span.sent, kind="attached", triggers=[], type=drafts[j].type, attributions=[span]))


def spread_verification(drafts: list[EventDraft], rules: AssemblerRules, sides: frozenset[str], party_names: frozenset[str] = frozenset()) -> None:
    """Give each event resting on a doubted party the verification hedge that doubts it (see module doc)."""
    ev = Evidence(atts=[], hedges=[], party_kinds=rules.party_kinds, local_words=rules.local_official_words,
                  party_words=rules.party_words, sides=sides, party_names=party_names)
    party = [_party_sides(d, ev) for d in drafts]
    hedged = [_unverified(d) for d in drafts]
    _move_off_unsourced(drafts, party, hedged, rules)
    additions: list[tuple[EventDraft, Span]] = []
    for i in range(len(drafts)):
        for h in [h for h in hedged[i] if verifies(h, rules)][:1]:
            for j, e in enumerate(drafts):
                if j != i and not hedged[j] and party[j] and (_both_sides(h, rules) or party[i] & party[j]):
                    additions.append((e, h))
    for e, h in additions:
        if not _unverified(e):
            e.add(Mention(sent=h.sent, kind="attached", triggers=[], type=e.type, hedges=[h]))
