"""Roles from the parse: who did it (perpetrator), to whom (target), and who only appears (other).

Subject of the trigger = perpetrator, object or "against X" = target, "with X" = co-perpetrator, people
counted as harmed = target. Reported speech blocks a role ("HUR said [Russia attacked]"); control does
not ("HUR claimed to have orchestrated an attack": HUR is the attacker). Whether a mention is the
*source* of an attribution is recorded beside its role, so that sources can be left out of the
participants (docs/events.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ... import labels
from ...extensions import ActorInfo
from ...rules import AssemblerRules
from .document import DocView

PERPETRATOR, TARGET, OTHER = "perpetrator", "target", "other"
ROLE_RANK = {PERPETRATOR: 0, TARGET: 1, OTHER: 2}


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor in an event: the words, the role they play, what the tagger said."""

    span: Span
    role: str
    info: ActorInfo
    is_source: bool = False


class RoleReader:
    def __init__(self, rules: AssemblerRules, demonyms: dict[str, str]) -> None:
        self.rules = rules
        self.demonyms = demonyms

    def actors(self, view: DocView, i: int, triggers: list[Span], casualties: list[Span]) -> list[ActorMention]:
        """Every actor of sentence ``i`` with its role, plus the nationality of the attack as its author."""
        cas_tokens = {t for c in casualties for t in range(c.start, c.end)}
        out = []
        for a in view.spans(labels.ACTORS, i):
            role = self.role(a, triggers, cas_tokens)
            out.append(ActorMention(a, role, a._.eventie_actor or {}, is_source=any(t in view.source_tokens for t in range(a.start, a.end))))
        taken = {t for m in out for t in range(m.span.start, m.span.end)}
        for span, info in self._demonym_authors(triggers, taken):
            out.append(ActorMention(span, PERPETRATOR, info))
        return out

    def _demonym_authors(self, triggers: list[Span], taken: set[int]) -> list[tuple[Span, ActorInfo]]:
        """'a Russian missile strike', 'Israeli air strikes': the nationality of the attack is its author.

        The word is read, not tagged: no span is written to the document.
        """
        out: list[tuple[Span, ActorInfo]] = []
        for t in triggers:
            for child in t.root.children:
                if child.dep_ in self.rules.attributive_deps and child.text in self.demonyms and child.i not in taken:
                    info: ActorInfo = {"name": f"{child.text} forces", "side": self.demonyms[child.text], "kind": "military", "rule": "DEMONYM_ATTACK"}
                    out.append((child.doc[child.i : child.i + 1], info))
                    taken.add(child.i)
        return out

    def position(self, tok: Token) -> Token:
        """Lift 'servicemen' in 'a group of servicemen' to 'group', so its role reads off 'group'."""
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.rules.group_nouns:
            tok = tok.head.head
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def reaches(self, trigger: Token, verb: Token) -> bool:
        """Is ``verb`` above ``trigger`` through plain argument edges (no reported-speech edge)?"""
        tok = trigger
        for _ in range(6):
            if tok.i == verb.i:
                return True
            if tok.dep_ in self.rules.blocked_edges or tok.head.i == tok.i:
                return False
            tok = tok.head
        return tok.i == verb.i

    @staticmethod
    def near_trigger(prep: Token, trig_ids: set[int]) -> bool:
        """Does this preposition hang off a trigger, possibly through other nouns/prepositions?
        ('attack with local resistance against a group': 'against' hangs off 'resistance')."""
        tok = prep.head
        for _ in range(4):
            if tok.i in trig_ids:
                return True
            if tok.pos_ == "VERB" or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def role(self, actor: Span, triggers: list[Span], casualty_tokens: set[int]) -> str:
        if actor.root.i in casualty_tokens or actor.start in casualty_tokens:
            return TARGET
        pos = self.position(actor.root)
        if pos.dep_ == "nsubj" and pos.head.lemma_ in self.rules.reaction_verbs and pos.head.i not in {t.i for tr in triggers for t in tr}:
            return OTHER  # "the UN chief condemned the bombing": a comment on the event, no part in it
        trig_ids = {t.i for tr in triggers for t in tr}
        for tr in triggers:
            role = self._role_from(pos, tr.root, trig_ids)
            if role is not None:
                return role
        return self.role_without_trigger(pos)

    def _role_from(self, pos: Token, tr: Token, trig_ids: set[int]) -> str | None:
        dep, head = pos.dep_, pos.head
        if dep == "nsubj" and head.pos_ == "VERB" and head.lemma_ != "be" and self.reaches(tr, head):
            return PERPETRATOR
        if dep == "pobj" and head.dep_ == "agent" and (head.head.i in trig_ids or self.reaches(tr, head.head)):
            return PERPETRATOR
        if dep in self.rules.modifier_deps and head.i in trig_ids:
            return PERPETRATOR
        if dep in self.rules.object_deps and (head.i in trig_ids or self.reaches(tr, head) and head.pos_ == "VERB"):
            return TARGET
        if dep == "pobj":
            if head.lower_ in self.rules.target_preps and self.near_trigger(head, trig_ids):
                return TARGET
            if head.lower_ == "with" and (self.near_trigger(head, trig_ids) or head.head.dep_ == "nsubj"):
                return PERPETRATOR
        if dep == "nsubj" and head.lemma_ in self.rules.harm_verbs and head.i in trig_ids:
            return PERPETRATOR
        return None

    def role_without_trigger(self, pos: Token) -> str:
        """Roles a sentence gives without naming the event: 'Russia launched 40 drones' (launcher)."""
        if pos.dep_ == "nsubj" and pos.head.lemma_ in self.rules.actor_verbs:
            return PERPETRATOR
        return OTHER
