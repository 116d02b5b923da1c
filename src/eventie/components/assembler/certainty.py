"""Certainty of an event from its attributions and hedges: the documented rules (docs/certainty.md).

First match wins. The rules read only the attributions' and hedges' payloads, so they can be tested
on plain dicts and strings without a parse.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...extensions import AttributionInfo


def _is_party(a: AttributionInfo, party_kinds: Iterable[str]) -> bool:
    return bool(a.get("source_side")) and a.get("source_kind") in party_kinds


def certainty(atts: list[AttributionInfo], hedges: list[str], party_kinds: frozenset[str]) -> tuple[str, str]:
    """(level, reason) for an event with these attributions and hedge kinds.

    Args:
        atts (list[AttributionInfo]): the payloads of the event's attributions.
        hedges (list[str]): the kinds of the event's hedges.
        party_kinds (frozenset[str]): source kinds that make a source a party to the conflict.
    """
    if any(a.get("cue") == "denied" for a in atts) or "denied" in hedges:
        return "disputed", "a party denies or rejects the claim"
    if "unverified" in hedges:
        return "unverified", "the text says the claim could not be verified"
    party = [a for a in atts if a.get("source") and _is_party(a, party_kinds)]
    # independent: a resolved source that is no party (media, UN, NGOs, residents, medics, governors)
    independent = [a for a in atts if a.get("source_name") and not _is_party(a, party_kinds)]
    if party and not independent:
        return "claimed", f"rests only on a party to the conflict ({party[0].get('source_name')})"
    if "alleged" in hedges:
        return "claimed", "hedged as alleged"
    if any(a.get("cue") == "claimed" for a in atts):
        return "claimed", "introduced with a claim verb"
    if atts or "reported" in hedges:
        return "reported", "attributed to a source that is not a party, or reported"
    if hedges:
        return "reported", "stated with hedges (" + ", ".join(sorted(set(hedges))) + ")"
    return "confirmed", "stated in the outlet's own voice, no attribution or hedge"
