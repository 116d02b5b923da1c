"""An attack that names no attacker takes the attacker of the barrage it belongs to.

"Overnight, Russian forces struck 14 settlements of the Sumy region. ... In Krasnopillia, a drone hit a car near
Myropillia, wounding the driver." Each site is an event of its own (one per site and day), but only the summary
names who attacked: the drone strike near Myropillia takes its perpetrator. The donor is the nearest remote attack
(``remote_types``) that names a perpetrator, on a day that does not differ, whose site holds the event's site (a
region or country it lies in), or where one of the two names no site. Interceptions never give: the party that
shot the drones down is not the party that launched them.
"""

from __future__ import annotations

from spacy.tokens import Span

from ...rules import AssemblerRules
from .mentions import EventDraft, Mention
from .roles import PERPETRATOR, ActorMention


def _perpetrators(d: EventDraft) -> list[ActorMention]:
    return [a for m in d.mentions for a in m.actors if a.role == PERPETRATOR and not a.is_source]


def _holds(outer: Span | None, inner: Span | None) -> bool:
    """``outer`` is a region or country ``inner`` lies in, or one of them is unknown."""
    if outer is None or inner is None:
        return True
    a, b = outer._.eventie_place, inner._.eventie_place
    return (a["is_region"] or a.get("precision") == "country") and a["name"] != b["name"] and a["name"] in (b["admin1"], b["country"])


def _same_day(a: EventDraft, b: EventDraft) -> bool:
    d1, d2 = a.incident_date(), b.incident_date()
    return not (d1 and d2 and d1 != d2)


def share_perpetrators(drafts: list[EventDraft], rules: AssemblerRules) -> None:
    """See the module doc."""
    starts = [min(m.sent.start for m in d.mentions) for d in drafts]
    own = [_perpetrators(d) for d in drafts]
    for i, d in enumerate(drafts):
        if own[i] or d.type not in rules.remote_types:
            continue
        donors = [
            j for j, e in enumerate(drafts)
            if j != i and own[j] and e.type in rules.remote_types and _holds(e.place(), d.place()) and _same_day(e, d)
        ]
        if donors:
            j = min(donors, key=lambda j: abs(starts[j] - starts[i]))
            d.add(Mention(sent=drafts[j].mentions[0].sent, kind="attached", triggers=[], type=d.type, actors=own[j]))
