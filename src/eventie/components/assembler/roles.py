"""Roles from the parse: who did it (perpetrator), to whom (target), and who only appears (other).

Subject of the trigger = perpetrator, object or "against X" = target, "with X" = co-perpetrator, people
counted as harmed = target. Reported speech blocks a role ("HUR said [Russia attacked]"); control does
not ("HUR claimed to have orchestrated an attack": HUR is the attacker). Whether a mention is the
*source* of an attribution is recorded beside its role, so that sources can be left out of the
participants (docs/events.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ... import labels
from ...extensions import ActorInfo
from ...rules import AssemblerRules
from .document import DocView
from .role_model import PairContext, RoleFeatures

PERPETRATOR, TARGET, OTHER = labels.PERPETRATOR, labels.TARGET, labels.OTHER_ROLE
ROLE_RANK = {PERPETRATOR: 0, TARGET: 1, OTHER: 2}


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor in an event: the words, the role they play, what the tagger said."""

    span: Span
    role: str
    info: ActorInfo
    is_source: bool = False
    features: tuple[str, ...] = ()  # for the role classifier (role_model.py), when one is in use
    arm_of: int | None = None  # "the army said its air defences ...": the speaking force's first token (own_arm)


class RoleReader:
    """Roles from the parse rules. With ``featurize`` set (a trained role classifier is in use, or its
    training pairs are being collected), every mention also carries its features (role_model.py); the
    classifier itself decides per participant of an event (entities.py), not here."""

    def __init__(self, rules: AssemblerRules, demonyms: dict[str, str]) -> None:
        self.rules = rules
        self.demonyms = demonyms
        self.featurize = False
        self.features = RoleFeatures(self)

    def actors(self, view: DocView, i: int, triggers: list[Span], casualties: list[Span]) -> list[ActorMention]:
        """Every actor of sentence ``i`` with its role, plus the nationality of the attack as its author."""
        cas_tokens = {t for c in casualties for t in range(c.start, c.end)}
        place_tokens = {t for p in view.spans(labels.PLACES, i) for t in range(p.start, p.end)}
        found = view.spans(labels.ACTORS, i)
        actor_tokens = frozenset(t for a in found for t in range(a.start, a.end))
        out = []
        for a in found:
            role = self.role(a, triggers, cas_tokens, place_tokens, actor_tokens)
            is_source = any(t in view.source_tokens for t in range(a.start, a.end)) or self.line_speaker(a)
            if is_source and role == TARGET:
                role = OTHER
            out.append(ActorMention(a, role, a._.eventie_actor or {}, is_source=is_source))
        out = self._arms_as_speakers(out, triggers, actor_tokens)
        taken = {t for m in out for t in range(m.span.start, m.span.end)}
        for span, info in self._demonym_authors(triggers, taken):
            out.append(ActorMention(span, PERPETRATOR, info))
        if not self.featurize:
            return out
        ctx = PairContext(triggers, cas_tokens, {t.i for tr in triggers for t in tr}, view.kinds[i])
        return [replace(m, features=tuple(self.features(m.span, dict(m.info), ctx, m.role, m.is_source))) for m in out]

    def _arms_as_speakers(self, out: list[ActorMention], triggers: list[Span], actor_tokens: frozenset[int]) -> list[ActorMention]:
        """'The army said its air defences shot down 11 drones': the arm is marked as the force that speaks of
        it, so that the two (and the arm's other mentions) are one participant (``own_arm``, entities.py)."""
        trig_ids = {t.i for tr in triggers for t in tr}
        for m in list(out):
            arm = self.own_arm(self.position(m.span.root), trig_ids, actor_tokens, m.info.get("kind"))
            if arm is None:
                continue
            out = [replace(a, arm_of=m.span.start, role=PERPETRATOR) if a.span.start <= arm.i < a.span.end else a for a in out]
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

    def line_speaker(self, actor: Span) -> bool:
        """'Fedorov: four guided bombs hit an industrial site', 'Russian Defence Ministry: 41 drones destroyed',
        'PDF battalion statement: ...': the actor opening a line before its colon is who speaks the line, not its
        doer, whatever edge the parser gives it (it makes "Fedorov" the subject of "hit"). A force
        (``force_speaker_kinds``) heading its own line claims the deed ("Defence Intelligence of Ukraine: landing
        ship destroyed"), as when it says "it destroyed": not a mere speaker."""
        if (actor._.eventie_actor or {}).get("kind") in self.rules.force_speaker_kinds:
            return False
        sent = actor.sent
        before = [t for t in actor.doc[sent.start : actor.start] if not t.is_space]
        if len(before) > self.rules.line_speaker_lead or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in before):
            return False
        after = [t for t in actor.doc[actor.end : sent.end] if not t.is_space][:2]
        if after and after[0].lower_ in self.rules.statement_words:
            after = after[1:]
        return bool(after) and after[0].text == ":"

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

    def role(self, actor: Span, triggers: list[Span], casualty_tokens: set[int], place_tokens: frozenset[int] | set[int] = frozenset(),
             actor_tokens: frozenset[int] = frozenset()) -> str:
        if self.denied(actor):
            return OTHER
        if actor.root.i in casualty_tokens or actor.start in casualty_tokens:
            return TARGET
        if self.line_speaker(actor):
            return OTHER
        pos = self.position(actor.root)
        trig_ids = {t.i for tr in triggers for t in tr}
        if self.harmed_participle(actor.root) or self.harmed_participle(pos):
            return TARGET
        if pos.dep_ == "nsubj" and pos.head.lemma_.lower() in self.rules.loss_verbs:
            return TARGET  # "government troops withdrew", "Russia lost 1,570 troops": the losing side
        if self.repels(pos, trig_ids, actor_tokens):
            return TARGET
        if self.reports_itself(pos, trig_ids, actor_tokens, (actor._.eventie_actor or {}).get("kind")) or self.blamed(pos, trig_ids) or self.authors_series(pos, trig_ids):
            return PERPETRATOR
        if pos.dep_ == "nsubj" and pos.head.lemma_ in self.rules.reaction_verbs and pos.head.i not in trig_ids:
            return OTHER  # "the UN chief condemned the bombing": a comment on the event, no part in it
        if pos.dep_ == "nsubjpass" and pos.head.lemma_ in self.rules.feeling_verbs:
            return OTHER  # "the UK is appalled by the attacks": a reaction, no part in the event
        if self.operates_means(pos, triggers, trig_ids, casualty_tokens):
            return PERPETRATOR
        role = self.role_at(pos, triggers, trig_ids, casualty_tokens)
        # only an owner the taggers know the kind of ("Houthi", a lexicon entry): a bare name the NER found
        # before a noun is mostly a place or a body ("the Kremenchuk shopping centre")
        known = bool((actor._.eventie_actor or {}).get("kind"))
        if role == OTHER and known and pos.dep_ in self.rules.owner_deps and pos.head.i not in trig_ids | place_tokens:
            # the owner takes the role of what it owns: "strikes on Houthi targets", "the RAF's jets struck";
            # not of a place it holds ("Ethiopia's Tigray region" is where, not who)
            owned = self.position(pos.head)
            if owned.i in casualty_tokens:
                return TARGET
            inherited = self.role_at(owned, triggers, trig_ids, casualty_tokens)
            # a possessor of what was hit is often only its country ("Ukraine's infrastructure"): a target
            # only through target_owner_deps ("Houthi targets")
            return inherited if inherited != TARGET or pos.dep_ in self.rules.target_owner_deps else OTHER
        if role == OTHER and self.owns_target(pos, actor, triggers, trig_ids, casualty_tokens):
            return TARGET
        return role

    def denied(self, actor: Span) -> bool:
        """'No civilians were harmed', 'found no evidence any villagers were hurt': a group whose harm the
        text denies (``denying_determiners``) took no part in the event; the annotation leaves it out."""
        return any(c.dep_ == "det" and c.lower_ in self.rules.denying_determiners for c in actor.root.children)

    def operates_means(self, pos: Token, triggers: list[Span], trig_ids: set[int], casualty_tokens: set[int]) -> bool:
        """'Drones launched by the RSF struck the station', 'the ship was hit by drones operated by Group 13':
        who launched or operated what struck is the attacker (the agent of a participle on a weapon or vehicle the
        equipment tagger found; "videos posted by residents showed" names no means)."""
        if pos.dep_ != "pobj" or pos.head.dep_ != "agent" or pos.head.head.dep_ != "acl":
            return False
        means = self.position(pos.head.head.head)
        weapons = {t for e in pos.doc.spans.get(labels.EQUIPMENT, []) for t in range(e.start, e.end)}
        return means.i in weapons and means.i not in trig_ids and self.role_at(means, triggers, trig_ids, casualty_tokens) == PERPETRATOR

    def owns_target(self, pos: Token, actor: Span, triggers: list[Span], trig_ids: set[int], casualty_tokens: set[int]) -> bool:
        """'struck a concentration of Ukrainian troops', 'hit a depot of the 2nd Army Corps': forces whose
        position, store or gathering was hit were the target."""
        if pos.dep_ != "pobj" or pos.head.lower_ not in self.rules.holder_preps or (actor._.eventie_actor or {}).get("kind") not in self.rules.holder_kinds:
            return False
        owned = self.position(pos.head.head)
        if owned.i in casualty_tokens:
            return True
        verb = owned.head
        if owned.dep_ == "pobj" and verb.lower_ in self.rules.target_preps:
            verb = verb.head
        hit = owned.dep_ in self.rules.object_deps or owned.dep_ == "pobj" and owned.head.lower_ in self.rules.target_preps
        return hit and (verb.i in trig_ids or verb.lemma_.lower() in self.rules.harm_verbs)

    def harmed_participle(self, tok: Token) -> bool:
        """'people killed when rebels attacked', 'soldiers wounded in the shelling': a noun modified by the
        past participle of a harm verb was harmed, whatever the parse makes of the noun's own edge."""
        return any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in self.rules.harm_verbs for c in tok.children)

    def role_at(self, pos: Token, triggers: list[Span], trig_ids: set[int], casualty_tokens: set[int]) -> str:
        """The role a word in position ``pos`` plays: from the first trigger that gives one, else from the
        count of people harmed it belongs to, else from the verb it hangs off."""
        for tr in triggers:
            role = self._role_from(pos, tr.root, trig_ids)
            if role is not None:
                return role
        if pos.dep_ == "pobj" and pos.head.lower_ in self.rules.harmed_preps and pos.head.head.i in casualty_tokens:
            return TARGET  # "deaths among security forces"
        if pos.dep_ == "pobj" and pos.head.lower_ == "of" and pos.head.head.lemma_.lower() in self.rules.harm_nouns:
            return TARGET  # "resulted in the death of X", counted or not
        return self.role_without_trigger(pos)

    def _repel_verb(self, verb: Token) -> bool:
        """'repelled', 'fought off': a verb of warding off an attack (``repel_verbs``, phrasal with its particle)."""
        prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        return verb.lemma_.lower() in self.rules.repel_verbs or (prt is not None and f"{verb.lemma_.lower()} {prt}" in self.rules.repel_verbs)

    def repels(self, pos: Token, trig_ids: set[int], actor_tokens: frozenset[int] = frozenset()) -> bool:
        """'Troops repelled an attack on the base', 'the army said it repelled an RSF attack': who wards off
        the attack (the trigger is the verb's object) was attacked, a target; the attacker is 'by X' or the
        attack's modifier."""
        verb = pos.head
        if pos.dep_ == "nsubj" and verb.lemma_ in self.rules.speech_verbs:
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and self._repel_verb(c)), None)
            if clause is None:
                return False
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            owned = subj is not None and any(c.dep_ == "poss" and c.lower_ in self.rules.self_pronouns for c in subj.children)
            if subj is None or not (subj.lower_ in self.rules.self_pronouns or owned and subj.i not in actor_tokens):
                return False
            verb = clause
        elif pos.dep_ != "nsubj" or not self._repel_verb(verb):
            return False
        # also when "repelled" is a trigger of its own: measured on train, the annotation mostly makes the
        # repeller the attacked party then too (target +8 true, perpetrator -7 true and -10 false)
        return any(c.i in trig_ids for c in verb.children if c.dep_ in self.rules.object_deps)

    def reports_itself(self, pos: Token, trig_ids: set[int], actor_tokens: frozenset[int] = frozenset(), kind: str | None = None) -> bool:
        """'The military said it shot down 74 drones', 'the RAF said its jets struck': a source reporting
        its own action is its author. Only a pronoun subject of the reported clause refers back to it; a
        named subject ("HUR said Russia attacked") is someone else. 'The ministry said its forces struck':
        an owned subject that is itself an actor is the participant, the ministry only reports; but a force
        (``force_speaker_kinds``) speaking of its own arm is that arm (``own_arm``)."""
        if pos.dep_ != "nsubj" or pos.head.lemma_ not in self.rules.speech_verbs:
            return False
        for clause in pos.head.children:
            # "said it was the deadliest attack": a copula's "it" is the event, not the speaker
            if clause.dep_ != "ccomp" or clause.lemma_ == "be" or not self._is_action(clause, trig_ids):
                continue
            for subj in clause.children:
                if subj.dep_ != "nsubj":
                    continue
                if subj.lower_ in self.rules.self_pronouns:
                    return True
                owned = any(c.dep_ == "poss" and c.lower_ in self.rules.self_pronouns for c in subj.children)
                if owned and subj.i not in actor_tokens:
                    return True
        return self.own_arm(pos, trig_ids, actor_tokens, kind) is not None

    def own_arm(self, pos: Token, trig_ids: set[int], actor_tokens: frozenset[int], kind: str | None) -> Token | None:
        """'The army said its air defences shot down 11 drones', 'the RSF said its fighters attacked': a force
        (``force_speaker_kinds``) speaking of its own arm is one participant with it, the annotation names
        either (the army, or the air defences). Returns the arm's subject token, or None. Not when the arm
        wards off an attack ("said its forces repelled 39 attacks": the repeller is the target)."""
        if kind not in self.rules.force_speaker_kinds or pos.dep_ != "nsubj" or pos.head.lemma_ not in self.rules.speech_verbs:
            return None
        for clause in pos.head.children:
            if clause.dep_ != "ccomp" or self._repel_verb(clause) or not self._is_action(clause, trig_ids):
                continue
            for subj in clause.children:
                owned = any(c.dep_ == "poss" and c.lower_ in self.rules.self_pronouns for c in subj.children)
                if subj.dep_ == "nsubj" and owned and subj.i in actor_tokens:
                    return subj
        return None

    def blamed(self, pos: Token, trig_ids: set[int] = frozenset()) -> bool:
        """'The army blamed the RSF for the attack', 'M23 accused the FARDC of ...', 'the BLA claimed
        responsibility', 'Kyiv attributed the blasts to (the work of) X': the party blamed, or owning up,
        is the perpetrator as the claim has it."""
        if pos.dep_ in self.rules.object_deps and pos.head.lemma_ in self.rules.blame_verbs:
            return True
        if pos.dep_ == "pobj" and pos.head.lower_ == "of" and pos.head.head.lemma_.lower() in self.rules.work_nouns:
            pos = pos.head.head  # "the work of X": X
        verb = pos.head.head
        if pos.dep_ == "pobj" and self.rules.attribute_preps.get(verb.lemma_.lower()) == pos.head.lower_:
            # what is laid at the party's door must be the event ("attributed the blasts to"), not a claim
            return any(c.i in trig_ids for c in verb.children if c.dep_ in self.rules.object_deps)
        if pos.dep_ != "nsubj" or pos.head.lemma_ not in self.rules.responsibility_verbs:
            return False
        return any(c.dep_ in self.rules.object_deps and c.lemma_.lower() in self.rules.responsibility_nouns for c in pos.head.children)

    def authors_series(self, pos: Token, trig_ids: set[int]) -> bool:
        """"Russia's barrage of missile attacks": the owner of a series whose "of"-object is the event is
        its author (the owned noun itself is no trigger, so the owner rule would not reach it)."""
        owned = pos.head
        if pos.dep_ != "poss" or owned.lemma_.lower() not in self.rules.series_nouns:
            return False
        return any(p.lower_ == "of" and any(o.i in trig_ids for o in p.children) for p in owned.children)

    def _is_action(self, verb: Token, trig_ids: set[int]) -> bool:
        """Does this clause report an attack: an attack verb, a trigger verb, or a trigger as its object
        ("it carried out strikes")?"""
        if verb.i in trig_ids or verb.lemma_ in self.rules.actor_verbs:
            return True
        near = [*verb.children, *(g for c in verb.children if c.dep_ == "prep" for g in c.children)]
        return any(t.i in trig_ids for t in near)

    def _role_from(self, pos: Token, tr: Token, trig_ids: set[int]) -> str | None:
        dep, head = pos.dep_, pos.head
        if dep == "nsubj" and head.pos_ == "VERB" and head.lemma_ != "be" and self.reaches(tr, head):
            return PERPETRATOR
        if dep == "pobj" and head.dep_ == "agent" and (head.head.i in trig_ids or self.reaches(tr, head.head)):
            return PERPETRATOR
        if dep in self.rules.modifier_deps and head.i in trig_ids:
            return PERPETRATOR
        if dep in self.rules.object_deps and (head.i in trig_ids or self.reaches(tr, head) and head.pos_ == "VERB"):
            return PERPETRATOR if head.lemma_ in self.rules.ally_verbs else TARGET
        if dep == "pobj":
            if head.lower_ in self.rules.target_preps and self.near_trigger(head, trig_ids):
                return TARGET
            if head.lower_ in self.rules.agent_preps and self.near_trigger(head, trig_ids):
                return PERPETRATOR  # "strikes by the RAF", "fighting between the army and the RSF"
            if head.lower_ == "with" and (self.near_trigger(head, trig_ids) or head.head.dep_ == "nsubj"):
                return PERPETRATOR
        if dep == "nsubj" and head.lemma_ in self.rules.harm_verbs and head.i in trig_ids:
            return PERPETRATOR
        return None

    def role_without_trigger(self, pos: Token) -> str:
        """Roles a sentence gives without naming the event: 'Russia launched 40 drones' (launcher)."""
        if pos.dep_ == "nsubj" and pos.head.lemma_ in self.rules.actor_verbs:
            return PERPETRATOR
        if pos.dep_ in self.rules.object_deps and pos.head.lemma_ in self.rules.harm_verbs:
            return TARGET  # "the depot was hit", "drones struck the port"
        return OTHER
