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
- A ministry that acts ("the defence ministry said it shot down 40 drones") is its side's forces when the
  document has them as a participant (``speaker_force_heads``).
- Weapons likewise: items with the same lexicon name and side are one system of the document, written by its
  most informative mention ("Typhoon FGR4s" in one event and "Typhoons" in the next are both "Typhoon FGR4s").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ... import labels
from ...extensions import ActorDict, EquipmentDict
from ...rules import AssemblerRules
from .entities import _capitalised, _generic, _informative, _norm, evidence
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


def _actor_rules(doc: Doc) -> dict[tuple[int, int], str | None]:
    """The tagger rule behind each actor span, by its offsets (built once per document)."""
    return {(s.start_char, s.end_char): (s._.eventie_actor or {}).get("rule") for s in doc.spans.get(labels.ACTORS, [])}


def _named(rules: dict[tuple[int, int], str | None], actor: ActorDict, generic_rules: frozenset[str]) -> bool:
    """Does a lexicon (not a description) name the actor in one of its mentions?"""
    return any(rules.get((m["start"], m["end"]), next(iter(generic_rules))) not in generic_rules for m in actor["mentions"] or [actor])


def _head(doc: Doc, actor: ActorDict) -> str:
    span = doc.char_span(actor["start"], actor["end"])
    return span.root.lemma_.lower() if span is not None else actor["text"].lower()


def _groups(doc: Doc, events: list[dict], demonyms: dict[str, str], rules: AssemblerRules, joined: set[int]) -> list[list[ActorDict]]:
    """Participants of the document: named actors by name; a description joins the named actor of its
    name, else the descriptions of its name with its head noun ("civilians" and "people" stay two)."""
    actor_rules = _actor_rules(doc)
    named = {_norm(a["name"]) for ev in events for a in ev["actors"] if _named(actor_rules, a, rules.generic_rules)}
    groups: dict[tuple[str, str, int], list[ActorDict]] = {}
    for ev in events:
        seen: dict[tuple[str, str], int] = {}
        for a in ev["actors"]:
            name = _norm(a["name"])
            force = a["side"] is not None and a["kind"] in rules.linked_force_kinds
            head = "" if name in named or force or a["text"] in demonyms else _people_key(a, rules) or _head(doc, a)
            # two actors the event keeps apart ("between the army and a paramilitary force") stay two
            n = seen[(name, head)] = seen.get((name, head), -1) + 1
            groups.setdefault((name, head, n), []).append(a)
    participants: dict[str, tuple[str, str, int]] = {}
    for k, g in groups.items():
        if any(a["role"] != OTHER for a in g):
            participants.setdefault(k[0], k)
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
                joined.add(id(a))  # written by the target's own mentions
            groups[target].extend(group)
            del groups[key]
    _unsided_people_join(groups)
    _speakers_join_forces(doc, groups, rules, joined)
    return list(groups.values())


_PEOPLE = "people:"


def _people_key(actor: ActorDict, rules: AssemblerRules) -> str | None:
    """Unnamed people of ``linked_people_kinds`` link by name and side, whatever their head noun: the
    civilians harmed in one report are one victim ("people" here, "a woman" there). (Not by the country of
    their events: an event's place is wrong often enough to split one victim in two.)"""
    if actor["kind"] not in rules.linked_people_kinds:
        return None
    return _PEOPLE + (actor["side"] or "")


def _unsided_people_join(groups: dict[tuple[str, str, int], list[ActorDict]]) -> None:
    """People with no side join the people of the same name with one, when only one side has them
    ("Syrian civilians" and "children"); with two sides ("Ukrainian" and "Russian civilians") they stay."""
    for key in [k for k in groups if k[1] == _PEOPLE]:
        sided = [k for k in groups if k[1].startswith(_PEOPLE) and k[1] != _PEOPLE and (k[0], k[2]) == (key[0], key[2])]
        if len(sided) == 1:
            groups[sided[0]].extend(groups.pop(key))


def _speakers_join_forces(doc: Doc, groups: dict[tuple[str, str, int], list[ActorDict]], rules: AssemblerRules, joined: set[int]) -> None:
    """'The defence ministry said it shot down 40 drones': a ministry that acts is its side's forces, when the
    document has them as a participant ("Russian forces"); ``speaker_force_heads`` names such bodies."""
    forces: dict[str, tuple[str, str, int]] = {}
    for k, g in groups.items():
        a = g[0]
        if a["side"] and a["kind"] in rules.linked_force_kinds and any(x["role"] != OTHER for x in g):
            forces.setdefault(a["side"], k)
    for key, group in list(groups.items()):
        side = group[0]["side"]
        target = forces.get(side) if side else None
        acts = any(a["role"] != OTHER for a in group)
        if target is None or target == key or not acts or _head(doc, group[0]) not in rules.speaker_force_heads:
            continue
        for a in group:
            a["name"] = groups[target][0]["name"]
            joined.add(id(a))  # written by the target's own mentions
        groups[target].extend(group)
        del groups[key]


def _people_text(spans: list[Span], name: str, heads: list[str]) -> Span:
    """The mention that writes a linked group of people: its name ("civilians"), else one with a
    capitalised word ("Syrian civilians"), else the most general head noun (``heads``, first wins)."""
    if any(_norm(s.text) == _norm(name) for s in spans) or any(_capitalised(s) for s in spans):
        return _informative(spans, name)
    rank = {h: n for n, h in enumerate(heads)}
    return min(spans, key=lambda s: (rank.get(s.root.lemma_.lower(), len(rank)), s.start))


def link_actors(doc: Doc, events: list[dict], demonyms: dict[str, str], rules: AssemblerRules) -> None:
    """Write every participant of ``doc``'s events with one mention, in place (see the module docstring)."""
    joined: set[int] = set()  # actors that joined another participant: its own mentions write it
    actor_rules = _actor_rules(doc)
    for group in _groups(doc, events, demonyms, rules, joined):
        spans = _spans(doc, [a for a in group if id(a) not in joined])
        if not spans:
            continue
        people = group[0]["kind"] in rules.linked_people_kinds and not _named(actor_rules, group[0], rules.generic_rules)
        top = evidence(_people_text(spans, group[0]["name"], rules.linked_people_heads) if people else _informative(spans, group[0]["name"]))
        for a in group:
            a.update(top)


def link_equipment(doc: Doc, events: list[dict]) -> None:
    """Write every weapon of ``doc``'s events with one mention, in place: items of one lexicon name and side
    are one system, written as ``entities`` writes an item (a capitalised mention first), its own ``mentions``,
    count and status kept per event."""
    groups: dict[tuple[str, str | None], list[EquipmentDict]] = {}
    for ev in events:
        for item in ev.get("equipment") or []:
            groups.setdefault((_norm(item["name"]), item.get("side")), []).append(item)
    for group in groups.values():
        if len(group) < 2:
            continue
        spans = _spans(doc, group)
        named = [s for s in spans if not _generic(s)] or spans
        if named:
            top = evidence(_informative(named, group[0]["name"]))
            for item in group:
                item.update(top)
