"""Mentions to entities: within one event, each participant and each weapon is listed once.

Analysts count distinct participants and weapons. "Tu-22M3 bombers", "missiles" and "Kh-22 missiles"
are two weapons, not three; "63 troops", "63 soldiers" and "Russian military" one participant. The rules
(docs/events.md):

- Actors: mentions with the same normalised name are one actor, except two descriptions of one category
  name ("forces") whose roles conflict (attackers and the soldiers they killed). A generic description (a pattern or
  NER span such as "Russian soldiers") also joins an actor with the same side and kind, when both sides
  are known, their roles do not conflict and they are not conjoined parties ("between the army and a
  paramilitary force" is two); an armed group's fighters join the group when it is its own side. A description in apposition joins the actor it describes ("the Lord's
  Resistance Army, a Ugandan rebel movement"). A government named only as a weapon's owner ("government aircraft") joins
  its side's forces, which write the actor ("forces loyal to the president"). Named actors (lexicon entries) merge by name only, so HUR
  and the SBU stay two. The role is the strongest any mention has (perpetrator, target, other).
- An actor whose every mention is the source of an attribution is left out: sources live in the
  attributions. So is an actor with role other that appears in no sentence naming the event.
- Equipment: mentions with the same normalised name are one item; a description with no capitalised
  word ("missiles", "anti-ship missiles") joins the named item nearest before it (else after) whose head,
  name or category is the description's head. Counts: the first stated; status: the one that says most.
- The entity's ``text``/``start``/``end`` is its most informative mention: one whose words are its name,
  else the one with a capitalised word and the most words; every mention is listed in ``mentions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span

from ... import labels
from ...extensions import ActorDict, EquipmentDict, MentionDict
from ...rules import AssemblerRules
from .roles import OTHER, PERPETRATOR, ROLE_RANK, TARGET, ActorMention


def evidence(span: Span) -> MentionDict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("'s ", " ").split())


def _capitalised(span: Span) -> bool:
    return any(t.text[:1].isupper() and (not t.is_sent_start or t.pos_ == "PROPN" or t.text.isupper()) for t in span)


def _informative(spans: list[Span], name: str) -> Span:
    named = [s for s in spans if _norm(s.text) == _norm(name)]
    if named:
        return named[0]
    return max(spans, key=lambda s: (_capitalised(s), min(len([t for t in s if t.is_alpha]), 4), -s.start))


def _unique(spans: list[Span]) -> list[Span]:
    seen: dict[tuple[int, int], Span] = {}
    for s in spans:
        seen.setdefault((s.start, s.end), s)
    return sorted(seen.values(), key=lambda s: s.start)


# --- actors -----------------------------------------------------------------------------------------
@dataclass
class _ActorGroup:
    generic_rules: frozenset[str]
    mentions: list[ActorMention] = field(default_factory=list)

    @property
    def named(self) -> list[ActorMention]:
        """Mentions a lexicon named (not generic descriptions)."""
        return [m for m in self.mentions if m.info.get("rule") not in self.generic_rules]

    def names(self) -> set[str]:
        return {_norm(m.info.get("name") or m.span.text) for m in self.mentions}

    def side_kind(self) -> tuple[str | None, str | None]:
        side = next((m.info.get("side") for m in self.mentions if m.info.get("side")), None)
        kind = next((m.info.get("kind") for m in self.mentions if m.info.get("kind")), None)
        return side, kind

    def role(self) -> str:
        return min((m.role for m in self.mentions), key=ROLE_RANK.__getitem__)


def _roles_conflict(a: str, b: str) -> bool:
    return {a, b} == {PERPETRATOR, TARGET}


def _joins(group: _ActorGroup, m: ActorMention, generic_rules: frozenset[str], agent_preps: frozenset[str] = frozenset()) -> bool:
    if _apposed(group, m):
        return True
    if m.info.get("rule") in generic_rules and _conjoined(group, m, agent_preps):
        return False
    if _norm(m.info.get("name") or m.span.text) in group.names():
        # a description's name is a category ("forces"), no identity: the attackers' "fighters" and the
        # defenders' "soldiers" of one sentence are two parties, whatever side the document gives them
        return not (_roles_conflict(group.role(), m.role) and m.info.get("rule") in generic_rules)
    side, kind = group.side_kind()
    generic = m.info.get("rule") in generic_rules or not group.named
    same = side is not None and (side, kind) == (m.info.get("side"), m.info.get("kind"))
    if generic and side is not None and side == m.info.get("side") and (_state_forces(group, m, generic_rules) or _group_fighters(group, m, side)):
        return not _roles_conflict(group.role(), m.role)
    return generic and same and not _roles_conflict(group.role(), m.role)


def _group_fighters(group: _ActorGroup, m: ActorMention, side: str) -> bool:
    """An armed group's fighters are the group: "Fighters from the ADF stormed a church ... the ADF" is one
    participant, though the description reads as military and the group as armed_group. Only a group that is
    its own side (the ADF, JNIM): Wagner's side is Russia, and a state's forces and the state stay two ("Russia"
    and "Russian forces", as the annotation keeps them)."""
    mentions = [*group.mentions, m]
    kinds = {x.info.get("kind") for x in mentions}
    own = any(x.info.get("kind") == "armed_group" and x.info.get("name") == side for x in mentions)
    return own and kinds <= {"armed_group", "military"}


def _weapon_owner(span: Span) -> bool:
    """Does the mention only say whose a weapon is ("government aircraft", "regime helicopters")?"""
    root = span.root
    return root.dep_ in ("compound", "amod") and any(e.start <= root.head.i < e.end for e in span.doc.spans.get(labels.EQUIPMENT, []))


def _state_forces(group: _ActorGroup, m: ActorMention, generic_rules: frozenset[str]) -> bool:
    """A government named only as the owner of a weapon is its own forces: "government aircraft struck a
    market ... forces loyal to the president" is one participant, the state's forces (descriptions only)."""
    mentions = [*group.mentions, m]
    if any(x.info.get("rule") not in generic_rules for x in mentions):
        return False
    kinds = {x.info.get("kind") for x in mentions}
    if kinds != {"government", "military"}:
        return False
    return all(_weapon_owner(x.span) for x in mentions if x.info.get("kind") == "government")


def _apposed(group: _ActorGroup, m: ActorMention) -> bool:
    """A description in apposition is the actor it describes: "the Lord's Resistance Army, a Ugandan rebel
    movement, claimed ..." is one actor (a generic description only; two names side by side stay two)."""
    root = m.span.root
    if root.dep_ != "appos" or m.info.get("rule") not in group.generic_rules:
        return False
    return any(g.span.start <= root.head.i < g.span.end for g in group.mentions)


def _conjoined(group: _ActorGroup, m: ActorMention, agent_preps: frozenset[str]) -> bool:
    """Conjoined parties of an event ("fighting between the army and a paramilitary force", "strikes by
    the army and the police": objects of ``agent_preps``) are two, whatever side the document gives them.
    Conjoined victims are not split ("soldiers and border guards were killed" is one harmed group)."""
    conjuncts = {t.i for t in m.span.root.conjuncts}
    first = min(conjuncts | {m.span.root.i})
    tok = m.span.doc[first]
    by_party = tok.dep_ == "pobj" and tok.head.lower_ in agent_preps
    return by_party and any(g.span.root.i in conjuncts for g in group.mentions)


# A participant's mentions, the role the rules give it and whether it is named in a sentence of the event
# -> its role (the trained role classifier, role_model.py).
Relabel = Callable[[list[ActorMention], str, bool], str]


def actor_entities(mentions: list[ActorMention], triggered: set[int], rules: AssemblerRules, relabel: Relabel | None = None) -> list[ActorDict]:
    """One ActorDict per participant, perpetrators first; ``triggered`` holds sentence starts that name the event."""
    groups: list[_ActorGroup] = []
    for m in sorted(mentions, key=lambda m: m.span.start):
        group = next((g for g in groups if _joins(g, m, rules.generic_rules, rules.agent_preps)), None)
        if group is None:
            group = _ActorGroup(rules.generic_rules)
            groups.append(group)
        group.mentions.append(m)
    groups = _join_arms(groups)
    roles = [g.role() if relabel is None else relabel(g.mentions, g.role(), _in_triggered(g, triggered)) for g in groups]
    out = [_actor_dict(g, r) for g, r in zip(groups, roles, strict=True) if _listed(g, r, triggered)]
    return sorted(out, key=lambda a: (ROLE_RANK[a["role"]], a["start"]))


def _join_arms(groups: list[_ActorGroup]) -> list[_ActorGroup]:
    """"The army said its air defences shot down 11 drones": the arm's participant is the speaking force's
    (``ActorMention.arm_of``); the annotation names either, so they are listed as one."""
    for g in list(groups):
        for start in {m.arm_of for m in g.mentions if m.arm_of is not None}:
            owner = next((h for h in groups if any(x.span.start == start for x in h.mentions)), None)
            if owner is not None and owner is not g and g in groups:
                owner.mentions = sorted([*owner.mentions, *g.mentions], key=lambda x: x.span.start)
                groups.remove(g)
    return groups


def _in_triggered(group: _ActorGroup, triggered: set[int]) -> bool:
    return any(m.span.sent.start in triggered and not m.is_source for m in group.mentions)


def _listed(group: _ActorGroup, role: str, triggered: set[int]) -> bool:
    if all(m.is_source for m in group.mentions) and role == OTHER:
        return False
    return role != OTHER or _in_triggered(group, triggered)


def _actor_dict(group: _ActorGroup, role: str) -> ActorDict:
    # a weapon's owner ("government aircraft") does not write the forces it joined
    writers = [m for m in group.mentions if not _weapon_owner(m.span)] or group.mentions
    # among descriptions, one that says whose they are ("Chadian troops") names the actor before a bare "forces"
    best = (group.named or sorted(writers, key=lambda m: not _capitalised(m.span)))[0]
    name = best.info.get("name") or best.span.text
    spans = _unique([m.span for m in writers])
    side, kind = group.side_kind()
    top = evidence(_informative(spans, name))
    return {**top, "name": name, "role": role, "side": best.info.get("side") or side,
            "kind": best.info.get("kind") or kind, "mentions": [evidence(s) for s in _unique([m.span for m in group.mentions])]}


# --- equipment --------------------------------------------------------------------------------------
def _head(span: Span) -> str:
    return span.root.lemma_.lower()


def _generic(span: Span) -> bool:
    return not _capitalised(span)


def _equipment_key(span: Span) -> str:
    return _norm(span._.eventie_equipment.get("name") or span.text)


def _same_thing(generic: Span, named: Span) -> bool:
    """Can a description ("missiles") be the named item ("Kh-22 missiles", "Shahed-136")? Its head must be
    the item's head, a word of the item's name, or the item's category ("rockets" is no missile)."""
    head, info = _head(generic), named._.eventie_equipment
    return head == _head(named) or head in _norm(info.get("name") or "").split() or head == info.get("category")


def _group_equipment(spans: list[Span]) -> list[list[Span]]:
    groups: dict[str, list[Span]] = {}
    for s in spans:
        if not _generic(s):
            groups.setdefault(_equipment_key(s), []).append(s)
    for s in spans:
        if not _generic(s):
            continue
        if _equipment_key(s) in groups:
            groups[_equipment_key(s)].append(s)
            continue
        fits = [k for k, g in groups.items() if any(_same_thing(s, x) for x in g if not _generic(x))]
        before = [k for k in fits if groups[k][0].start < s.start]
        key = (before or fits or [_equipment_key(s)])[-1 if before else 0]
        groups.setdefault(key, []).append(s)
    return [sorted(g, key=lambda s: s.start) for g in groups.values()]


def equipment_entities(spans: list[Span], rules: AssemblerRules) -> list[EquipmentDict]:
    """One EquipmentDict per weapon or vehicle, in text order of its first mention."""
    groups = _group_equipment(_unique(spans))
    out = [_equipment_dict(g, rules) for g in groups]
    return sorted(out, key=lambda e: e["mentions"][0]["start"])


def _equipment_dict(group: list[Span], rules: AssemblerRules) -> EquipmentDict:
    infos = [s._.eventie_equipment for s in group]
    named = [s for s in group if not _generic(s)] or group
    name = named[0]._.eventie_equipment.get("name") or named[0].text
    statuses = [i.get("status") for i in infos if i.get("status")]
    status = min(statuses, key=lambda st: rules.status_rank.index(st) if st in rules.status_rank else len(rules.status_rank), default=None)
    top = evidence(_informative(named, name))
    return {
        **top,
        "name": name,
        "category": next((i.get("category") for i in infos if i.get("category")), None),
        "count": next((i.get("count") for i in infos if i.get("count") is not None), None),
        "side": next((i.get("side") for i in infos if i.get("side")), None),
        "status": status,
        "mentions": [evidence(s) for s in group],
    }
