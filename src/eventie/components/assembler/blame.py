"""A party blamed in a sentence about another incident is the perpetrator of the incident it is blamed for.

"Drones struck a power station in Kosti on Sunday. The army said air defences shot down several drones and
blamed the Rapid Support Forces." The second sentence makes an interception of its own, and the blame verb
there names no incident of that sentence ("blamed X", not "blamed X for the interception"): the RSF is
blamed for the strike before it. The blamed party joins the nearest earlier event of another type as its
perpetrator (roles.py reads the blame, ``blame_verbs``); in the sentence's own event it only appears.
"""

from __future__ import annotations

from dataclasses import replace

from .mentions import EventDraft, Mention
from .roles import OTHER, PERPETRATOR, RoleReader


def _bare_blame(roles: RoleReader, m: Mention) -> list[int]:
    """Indices of m.actors blamed by a blame verb whose own words name no trigger of the sentence."""
    trig = {t.i for tr in m.triggers for t in tr}
    out = []
    for k, a in enumerate(m.actors):
        pos = roles.position(a.span.root)
        if a.role != PERPETRATOR or pos.dep_ not in roles.rules.object_deps or pos.head.lemma_ not in roles.rules.blame_verbs:
            continue
        if not any(t.i in trig for t in pos.head.subtree):
            out.append(k)
    return out


def move_blame(drafts: list[EventDraft], roles: RoleReader) -> None:
    """See the module doc."""
    starts = [min(m.sent.start for m in d.mentions) for d in drafts]
    for i, d in enumerate(drafts):
        for m in d.mentions:
            if not m.triggers:
                continue
            blamed = _bare_blame(roles, m)
            earlier = [j for j in range(len(drafts)) if starts[j] < m.sent.start and drafts[j].type != d.type and j != i]
            if not blamed or not earlier:
                continue
            j = max(earlier, key=lambda j: starts[j])
            drafts[j].add(Mention(sent=m.sent, kind="attached", triggers=[], type=drafts[j].type, actors=[m.actors[k] for k in blamed]))
            m.actors = [replace(a, role=OTHER) if k in blamed else a for k, a in enumerate(m.actors)]
