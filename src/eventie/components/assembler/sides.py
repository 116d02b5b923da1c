"""Sides that the text implies but the actor's own words do not state (docs/sides.md, "Sides the document implies").

The annotation guide gives "soldiers", "the army", "police" the side the article makes plain: the forces
of the country the fighting is in, or of the party the article has already named for that kind of actor.
The taggers read sides off an actor's own words only, so an NER span such as "the army" had none. This
step, run before events are built, fills those gaps from the document, in this order:

0. its own words, read more loosely than the tagger does: a plural demonym ("Ukrainians"), the first part of
   a hyphenated word ("Houthi-run ministry"), a side's name inside the span ("Hezbollah members");
1. the nearest earlier actor of the same kind that has a side ("Sudan's army ... the army");
   (an actor of no known kind whose words name an office, "President X", "the ministry", counts as
   ``government`` here but passes no side to attributions);
2. the country of the document's places, when it is a side the demonym list knows ("police in Peshawar").

Only kinds listed in ``side_fill_kinds`` (home country or earlier actor) and ``side_follow_kinds`` (earlier
actor only) are filled; civilians keep none (the guide gives victims no side unless the text does). A filled side is marked
``side_from`` ("words" for step 0, "document" for 1 and 2) so a user can tell it from the tagger's. Attributions whose
source is such an actor of ``side_source_kinds`` take the side too (``source_side``), so "the army said"
rests on a party; officials do not pass it on, because the certainty rules would then read a governor's
report on their own area as a party's claim.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from ... import labels
from ...rules import AssemblerRules


def _home_side(doc: Doc, sides: frozenset[str]) -> str | None:
    """The country most of the document's places lie in, when it is a conflict side."""
    counts = Counter((p._.eventie_place or {}).get("country") for p in doc.spans.get(labels.PLACES, []))
    counts.pop(None, None)
    for country, _n in counts.most_common(1):
        if country in sides:
            return country
    return None


def own_side(span: Span, demonyms: dict[str, str]) -> str | None:
    """The side an actor's own words name, plural demonyms and hyphenated forms included (step 0)."""
    sides = set(demonyms.values())
    for tok in span:
        for form in (tok.text, tok.text.split("-")[0]):
            for word in (form, form[:-1] if form.endswith("s") else form):
                if word in demonyms:
                    return demonyms[word]
                if word in sides:
                    return word
    return None


def fill_sides(doc: Doc, demonyms: dict[str, str], rules: AssemblerRules) -> None:
    """Give unsided actors of ``fill_kinds`` the side the document implies; see the module docstring."""
    actors = sorted(doc.spans.get(labels.ACTORS, []), key=lambda s: s.start)
    home = _home_side(doc, frozenset(demonyms.values()))
    last_of_kind: dict[str, str] = {}
    for span in actors:
        info = span._.eventie_actor or {}
        kind = info.get("kind")
        if info.get("side"):
            if kind:
                last_of_kind[kind] = info["side"]
            continue
        own = own_side(span, demonyms)
        if own:
            side = own
        elif kind in rules.side_fill_kinds or (kind is None and _office(span, rules.party_words)):
            side = last_of_kind.get(kind) or home
        elif kind in rules.side_follow_kinds:
            side = last_of_kind.get(kind)
        else:
            continue
        if side:
            span._.eventie_actor = {**info, "side": side, "side_from": "words" if own else "document"}
    _fill_sources(doc, actors, rules.side_source_kinds)


def _fill_sources(doc: Doc, actors: list[Span], kinds: frozenset[str]) -> None:
    """An attribution whose source phrase is a side-filled actor rests on that side."""
    for att in doc.spans.get(labels.ATTRIBUTIONS, []):
        info = att._.eventie_attribution or {}
        if info.get("source_side") or info.get("source_start") is None:
            continue
        inside = [a for a in actors if info["source_start"] <= a.start_char and a.end_char <= info["source_end"]]
        filled = next((a._.eventie_actor for a in inside if _filled(a, kinds)), None)
        if filled is not None:
            att._.eventie_attribution = {**info, "source_side": filled["side"], "source_kind": info.get("source_kind") or filled.get("kind")}


def _filled(actor: Span, kinds: frozenset[str]) -> bool:
    info = actor._.eventie_actor or {}
    return info.get("side_from") in ("words", "document") and info.get("kind") in kinds


def _office(span: Span, words: frozenset[str]) -> bool:
    """An actor of no known kind whose words name a state office ("President X", "the ministry")."""
    text = " " + span.text.lower() + " "
    return any(f" {w} " in text for w in words)
