"""Certainty of an event as a table of cases (docs/certainty.md), first case that applies.

Each case is a row of ``CASES``: an id, the level it gives and a test over the event's evidence that
returns the words that decided (or None). ``certainty_reason`` is "<id>: <those words>", so a user sees
which attribution, hedge or pair of counts set the level. The tests read only plain payloads (attribution
dicts with their cue text, hedge kinds and texts, casualty counts with the attribution they rest on), so
each row can be tested with a sentence, or without a parse at all.

The order follows the annotation guide (training_data/README.md, "certainty, first rule that applies"):
disputed (a denial, or sources giving different counts), unverified, confirmed by an independent source,
claimed (a party to the conflict, an allegation, a claim verb), reported (third parties, reporting words,
estimated figures), confirmed in the outlet's own voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...extensions import AttributionInfo


@dataclass(frozen=True)
class Count:
    """A casualty count and the attribution (index into ``Evidence.atts``) it rests on."""

    kind: str
    min: int | None
    max: int | None
    attribution: int | None
    who: str | None = None  # the people counted, as written ("17 soldiers" -> "soldiers")
    side: str | None = None


@dataclass(frozen=True)
class Evidence:
    """What the certainty rules read. ``atts`` carry a ``text`` key (the cue as written) for reasons."""

    atts: list[AttributionInfo]
    hedges: list[tuple[str, str]]  # (kind, text)
    party_kinds: frozenset[str]
    local_words: frozenset[str] = frozenset()
    party_words: frozenset[str] = frozenset()
    sides: frozenset[str] = frozenset()
    counts: list[Count] = field(default_factory=list)
    # the sentence of a verification hedge that says two accounts contradict ("Neither account could be verified")
    contradiction: str | None = None
    # the party whose statement the whole document is (assembler/publisher.py), as an attribution payload
    publisher: AttributionInfo | None = None
    # proper names the document shows speaking for a party ("Konashenkov" after "ministry spokesman Igor
    # Konashenkov"; assembler/publisher.py)
    party_names: frozenset[str] = frozenset()
    # word -> group of the people a count counts ("soldiers" -> combatants; assembler.yaml count_groups)
    groups: dict[str, str] = field(default_factory=dict)
    # words of an unverified hedge that say the account itself is unchecked ("could not be verified", "under
    # investigation"; verification_words and pending_words): "it was not clear who fired" or "gave no details"
    # doubt a detail, not the event. Empty: every unverified hedge makes the event unverified.
    unchecked_words: frozenset[str] = frozenset()

    @staticmethod
    def _words(a: AttributionInfo) -> str:
        return " " + " ".join(filter(None, (a.get("source"), a.get("source_name")))).lower() + " "

    def is_local(self, a: AttributionInfo) -> bool:
        """A governor, mayor or regional administration reports on its own area: no party (guide rule 4)."""
        words = self._words(a)
        return any(w in words for w in self.local_words)

    def is_party(self, a: AttributionInfo) -> bool:
        """A party to the conflict (army, ministry, armed group, their officials), sided or not: a source of a
        party kind, or one whose own words name such an office ("Army spokesman Onyema Nwachukwu")."""
        if not a.get("source_name") or self.is_local(a):
            return False
        if a.get("source_name") in self.sides:
            return True  # "Ukraine says", "Iran said": the state itself
        if a["source_name"] in self.party_names or a["source_name"].split()[-1] in self.party_names:
            return True
        if a.get("source_kind") in self.party_kinds:
            return True
        words = self._words(a)
        return any(f" {w} " in words for w in self.party_words)

    def independent(self) -> list[AttributionInfo]:
        """Resolved sources that are no party. Sources that resolve to no actor neither make nor break a claim."""
        return [a for a in self.atts if a.get("source_name") and not self.is_party(a)]

    def hedge(self, kinds: set[str]) -> str | None:
        return next((f'"{text}" ({kind})' for kind, text in self.hedges if kind in kinds), None)


def _said(a: AttributionInfo) -> str:
    return f'{a.get("source_name") or a.get("source")} "{a.get("text", a.get("cue"))}"'


def _denied(ev: Evidence) -> str | None:
    """A denial of this event: not a habitual one ("has previously denied targeting civilians"; ``habitual``)."""
    a = next((a for a in ev.atts if a.get("cue") == "denied" and not a.get("habitual")), None)
    return _said(a) if a is not None else ev.hedge({"denied"})


def _group(ev: Evidence, c: Count) -> str | None:
    """Whom a count counts: its group (count_groups) or its last word; None when the text names nobody."""
    if not c.who:
        return None
    head = c.who.lower().split()[-1]
    return ev.groups.get(head, head)


def _same_group(ev: Evidence, a: Count, b: Count) -> bool:
    """Same kind of harm, same group and no two different sides: only then can two numbers contradict."""
    group = _group(ev, a)
    sides_agree = a.side is None or b.side is None or a.side == b.side
    return a.kind == b.kind and group is not None and group == _group(ev, b) and sides_agree


def _opposed(ev: Evidence, a: Count, b: Count) -> bool:
    """The two counts rest on sources of two different sides (each side's account of its own harm and the
    enemy's: "Kabul said 46 people died; Islamabad said it killed 20 militants")."""
    side_a, side_b = (ev.atts[c.attribution].get("source_side") for c in (a, b))
    return bool(side_a and side_b and side_a != side_b)


def _none_against_some(ev: Evidence, a: Count, b: Count) -> bool:
    """"No one was hurt" from one source against a number hurt from another that is not of its side: the
    second account is denied, whoever each counts (two governors' tallies of their own areas are not)."""
    zero, some = (a, b) if a.max == 0 else (b, a)
    att_a, att_b = ev.atts[a.attribution], ev.atts[b.attribution]
    same_side = att_a.get("source_side") and att_a.get("source_side") == att_b.get("source_side")
    return zero.max == 0 and (some.min or 0) > 0 and not same_side and not (ev.is_local(att_a) and ev.is_local(att_b))


def _same_speaker(a: str, b: str) -> bool:
    """One source under two names: "Lieutenant General Ahmed Sharif Chaudhry" and later "Chaudhry" (the shorter
    name is the end of the longer), so his two numbers are his own account, not two that contradict. A generic
    lower-case name ("forces" against "Russian forces") names no one in particular and stays apart."""
    x, y = sorted((a.split(), b.split()), key=len)
    return a == b or (bool(x) and x[0][:1].isupper() and [w.lower() for w in y[len(y) - len(x) :]] == [w.lower() for w in x])


def _counts_differ(ev: Evidence) -> str | None:
    """Two sources give different numbers for the same kind of harm to the same group ("Kyiv said 20
    soldiers were killed; Moscow said two soldiers died"), or sources of two sides give different numbers;
    two sources of one side (or none) counting soldiers and civilians do not contradict each other."""
    sourced = [c for c in ev.counts if c.attribution is not None and c.min is not None and ev.atts[c.attribution].get("source_name")]
    for i, a in enumerate(sourced):
        for b in sourced[i + 1 :]:
            who_a, who_b = ev.atts[a.attribution]["source_name"], ev.atts[b.attribution]["source_name"]
            comparable = _same_group(ev, a, b) or (a.kind == b.kind and (_opposed(ev, a, b) or _none_against_some(ev, a, b)))
            if comparable and a.min != b.min and not _same_speaker(who_a, who_b):
                return f"{who_a} {a.min}, {who_b} {b.min} {a.kind}"
    return None


def _framings_differ(ev: Evidence) -> str | None:
    """A party says it hit combatants, a source not of its side says civilians were hit ("Russia's Defence
    Ministry said it struck a gathering of Ukrainian military personnel" against "killing four passengers, the
    regional administration said"): the two sides' accounts of one event contradict (``framing``, output.py)."""
    for a in ev.atts:
        if a.get("framing") != "combatants" or not ev.is_party(a):
            continue
        for b in ev.atts:
            # a non-party, or a party of another side (not the same command by another name: "AFRICOM")
            other = not ev.is_party(b) or bool(b.get("source_side") and b.get("source_side") != a.get("source_side"))
            if b.get("framing") == "civilians" and b.get("source_name") and b["source_name"] != a["source_name"] and other:
                return f'{_said(a)} {a["framing"]}, {_said(b)} {b["framing"]}'
    return None


def _outcomes_differ(ev: Evidence) -> str | None:
    """A party says the attack failed ("the army said it repelled the attack", "no vessels were damaged") and a
    party of another side gives its own account of the event: the two sides contradict each other (guide rule 1)."""
    for a in ev.atts:
        if not a.get("failed") or not a.get("source_side") or not ev.is_party(a):
            continue
        b = next((b for b in ev.atts if ev.is_party(b) and not b.get("failed") and b.get("source_side") not in (None, a["source_side"])), None)
        if b is not None:
            return f'{_said(a)} failed, {_said(b)}'
    return None


def _accounts_differ(ev: Evidence) -> str | None:
    """"Neither account could be verified" over an event that parties of two sides give account of (an event
    only one side speaks of is merely unverified)."""
    sides = {a.get("source_side") or a["source_name"] for a in ev.atts if ev.is_party(a)}
    return f'"{ev.contradiction}"' if ev.contradiction and len(sides) >= 2 else None


def _unverified(ev: Evidence) -> str | None:
    """A hedge of kind unverified that says the account is unchecked (``Evidence.unchecked_words``)."""
    for kind, text in ev.hedges:
        words = set(re.findall(r"[a-z]+", text.lower()))
        if kind == "unverified" and (not ev.unchecked_words or words & ev.unchecked_words):
            return f'"{text}" ({kind})'
    return None


def _independent_confirms(ev: Evidence) -> str | None:
    a = next((a for a in ev.independent() if a.get("cue") == "confirmed"), None)
    return _said(a) if a is not None else None


def _party(ev: Evidence) -> str | None:
    """It rests on parties: only parties are named, or a party is the first source named and independent
    sources are no more than the parties (a third party after it adds to the party's account)."""
    party = [a for a in ev.atts if ev.is_party(a)]
    first = next((a for a in ev.atts if a.get("source_name")), None)
    return _said(party[0]) if party and (not ev.independent() or (ev.is_party(first) and len(party) >= len(ev.independent()))) else None


def _party_publishes(ev: Evidence) -> str | None:
    """The document is a party's statement and no source of the event's own is named: the party says so."""
    pub = ev.publisher
    if pub is None or not ev.is_party(pub) or any(a.get("source_name") for a in ev.atts):
        return None
    return f'{pub.get("source_name")} "{pub.get("text")}"'


def _source_publishes(ev: Evidence) -> str | None:
    """The document is the post of a source that is no party (a governor's Telegram summary) and the event names no
    source of its own: it rests on that source (guide rule 4)."""
    pub = ev.publisher
    if pub is None or ev.is_party(pub) or any(a.get("source_name") for a in ev.atts):
        return None
    return f'{pub.get("source_name")} "{pub.get("text")}"'


def _alleged(ev: Evidence) -> str | None:
    return ev.hedge({"alleged"})


def _claim_verb(ev: Evidence) -> str | None:
    """A source that is no party introduced with a claim verb ("Witnesses claimed ..."). A party's claim
    ("Al-Shabaab claimed responsibility") was judged by party_claims, mixed sources included: after residents
    named first it is a third party's report."""
    a = next((a for a in ev.atts if a.get("cue") == "claimed" and a.get("source_name") and not ev.is_party(a)), None)
    return _said(a) if a is not None else None


def _attributed(ev: Evidence) -> str | None:
    a = next((a for a in ev.independent()), None) or next(iter(ev.atts), None)
    return _said(a) if a is not None else ev.hedge({"reported"})


def _estimated(ev: Evidence) -> str | None:
    return ev.hedge({"preliminary", "estimative"})


def _hedged(ev: Evidence) -> str | None:
    return ev.hedge({kind for kind, _ in ev.hedges})


def _own_voice(ev: Evidence) -> str | None:
    return "no attribution and no hedge"


# (id, level, test): the table of docs/certainty.md, in order.
CASES: tuple[tuple[str, str, Callable[[Evidence], str | None]], ...] = (
    ("denied", "disputed", _denied),
    ("counts_differ", "disputed", _counts_differ),
    ("accounts_differ", "disputed", _accounts_differ),
    ("framings_differ", "disputed", _framings_differ),
    ("outcomes_differ", "disputed", _outcomes_differ),
    ("unverified", "unverified", _unverified),
    ("independent_confirms", "confirmed", _independent_confirms),
    ("party_claims", "claimed", _party),
    ("party_publishes", "claimed", _party_publishes),
    ("alleged", "claimed", _alleged),
    ("claim_verb", "claimed", _claim_verb),
    ("third_party", "reported", _attributed),
    ("source_publishes", "reported", _source_publishes),
    ("estimated", "reported", _estimated),
    ("hedged", "reported", _hedged),
    ("own_voice", "confirmed", _own_voice),
)


def decide(ev: Evidence) -> tuple[str, str]:
    """(level, reason) of the first case in ``CASES`` whose test finds evidence."""
    for case, level, test in CASES:
        found = test(ev)
        if found is not None:
            return level, f"{case}: {found}"
    raise AssertionError("own_voice always applies")


def certainty(atts: list[AttributionInfo], hedges: list[str], party_kinds: frozenset[str]) -> tuple[str, str]:
    """(level, reason) from attribution payloads and hedge kinds only (no texts, no counts)."""
    return decide(Evidence(atts=atts, hedges=[(h, h) for h in hedges], party_kinds=party_kinds))
