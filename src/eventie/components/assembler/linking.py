"""Actors across events: one participant is written the same way in every event of a document.

Within an event, ``entities`` lists each participant once. Across events the same participant would
otherwise show whichever mention its event happens to hold: "Russian" in one event, "Russian forces" in
the next, "Houthi" here and "Houthis" there. An analyst reading the events of one article (or counting
its distinct participants) sees one entity written one way. The rules (docs/events.md):

- Actors with the same normalised name are one participant of the document. Each event's actor keeps its
  own role, side, kind and ``mentions``; its ``text``/``start``/``end`` become the participant's most
  informative mention in the whole document (the same choice ``entities`` makes within an event).
- A participant named only by a bare nationality adjective ("Russian attacks", "a Houthi missile") is the
  country itself when the document has that country as a participant: "Russian" joins "Russia".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ... import labels
from ...extensions import ActorDict
from ...rules import AssemblerRules
from .entities import _informative, _norm, evidence
from .roles import OTHER


def _spans(doc: Doc, actors: list[ActorDict]) -> list[Span]:
    seen: dict[tuple[int, int], Span] = {}
    for a in actors:
        for m in a["mentions"] or [a]:
            span = doc.char_span(m["start"], m["end"])
            if span is not None:
                seen.setdefault((span.start, span.end), span)
    return sorted(seen.values(), key=lambda s: s.start)


def _bare_demonym(group: list[ActorDict], demonyms: dict[str, str]) -> str | None:
    """The country a participant stands for when every mention is a nationality adjective alone."""
    texts = {m["text"] for a in group for m in a["mentions"] or [a]}
    sides = {demonyms.get(t) for t in texts}
    return next(iter(sides)) if len(sides) == 1 and None not in sides else None


def _named(doc: Doc, actor: ActorDict, generic_rules: frozenset[str]) -> bool:
    """Does a lexicon (not a description) name the actor in one of its mentions?"""
    rules = {(s.start_char, s.end_char): (s._.eventie_actor or {}).get("rule") for s in doc.spans.get(labels.ACTORS, [])}
    return any(rules.get((m["start"], m["end"]), next(iter(generic_rules))) not in generic_rules for m in actor["mentions"] or [actor])


def _head(doc: Doc, actor: ActorDict) -> str:
    span = doc.char_span(actor["start"], actor["end"])
    return span.root.lemma_.lower() if span is not None else actor["text"].lower()


def _groups(doc: Doc, events: list[dict], demonyms: dict[str, str], rules: AssemblerRules) -> list[list[ActorDict]]:
    """Participants of the document: named actors by name; a description joins the named actor of its
    name, else the descriptions of its name with its head noun ("civilians" and "people" stay two)."""
    actors = [a for ev in events for a in ev["actors"]]
    named = {_norm(a["name"]) for a in actors if _named(doc, a, rules.generic_rules)}
    groups: dict[tuple[str, str], list[ActorDict]] = {}
    for a in actors:
        name = _norm(a["name"])
        force = a["side"] is not None and a["kind"] in rules.linked_force_kinds
        head = "" if name in named or force or a["text"] in demonyms else _head(doc, a)
        groups.setdefault((name, head), []).append(a)
    participants = {k[0]: k for k, g in groups.items() if any(a["role"] != OTHER for a in g)}
    for key, group in list(groups.items()):
        if key[1]:
            continue
        bare = _bare_demonym(group, demonyms)
        # a bare adjective joins a description of the same name ("Russian" -> "Russian forces"), else the country
        same = next((k for k in groups if k[0] == key[0] and k != key), None)
        target = same or (participants.get(_norm(bare)) if bare is not None and _norm(bare) != key[0] else None)
        if target is not None and bare is not None:
            for a in group:
                a["name"] = groups[target][0]["name"]
            groups[target].extend(group)
            del groups[key]
    return list(groups.values())


def link_actors(doc: Doc, events: list[dict], demonyms: dict[str, str], rules: AssemblerRules) -> None:
    """Write every participant of ``doc``'s events with one mention, in place (see the module docstring)."""
    for group in _groups(doc, events, demonyms, rules):
        spans = _spans(doc, group)
        if not spans:
            continue
        top = evidence(_informative(spans, group[0]["name"]))
        for a in group:
            a.update(top)
