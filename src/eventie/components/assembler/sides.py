"""Sides that the text implies but the actor's own words do not state (docs/sides.md, "Sides the document implies").

The annotation guide gives "soldiers", "the army", "police" the side the article makes plain: the forces
of the country the fighting is in, or of the party the article has already named for that kind of actor.
The taggers read sides off an actor's own words only, so an NER span such as "the army" had none. This
step, run before events are built, fills those gaps from the document, first rule that applies:

1. ``owner``: a possessive names the owner of a force (``owner_kinds``, or ``owner_heads`` for actors of no
   kind: "its air defences"): "its forces", "their troops" take the side of the nearest earlier
   sided actor of the sentence (else of the document), "our forces" the side of the sentence's speaker, "the
   group's fighters" the side of the actor before "'s";
2. ``words``: its own words, read more loosely than the tagger does: a plural demonym ("Ukrainians"), the
   first part of a hyphenated word ("Houthi-run ministry"), a side's name inside the span ("Hezbollah
   members"), a capital or an institution standing for its state (``metonym_sides``: "Kyiv says", "the
   Pentagon"); not for monitors,
   networks and other bodies whose name only locates them (``side_free_words``: "Syrian Observatory ...");
3. ``enemy``: "the enemy", "occupiers" (``enemy_words``) are the other side of the speaker: the most frequent
   side of the document that is not the side of the nearest earlier sided speaker (else of the home country);
4. ``document``: "the ministry", "the agency" (a lower-case actor of no personnel kind) take the side of the
   nearest earlier actor whose words share its head noun; "attackers", "terrorists" (``side_follow_words``)
   and armed groups (``side_follow_kinds``) the nearest earlier armed group's; kinds in ``side_fill_kinds`` the nearest
   earlier actor of that kind with a side, else the country of the document's places (actors of no kind
   whose words name an office, "President X", take the latter only).

Civilians keep none (the guide gives victims no side unless the text does). A filled side is marked
``side_from`` so a user can tell it from the tagger's. Attributions whose source is such an actor of
``side_source_kinds`` take the side too (``source_side``), so "the army said" rests on a party; officials do
not pass it on, because the certainty rules would then read a governor's report on their own area as a
party's claim.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from ... import labels
from ...rules import AssemblerRules

_FILLED = labels.SIDE_FILLED_BY_ASSEMBLER


def _home_side(doc: Doc, sides: frozenset[str], countries: dict[str, str]) -> str | None:
    """The country most of the document's places lie in, when it is a conflict side."""
    counts = Counter(_place_side(p, countries) for p in doc.spans.get(labels.PLACES, []))
    counts.pop(None, None)
    for country, _n in counts.most_common(1):
        if country in sides:
            return country
    return None


def _place_side(place: Span, countries: dict[str, str]) -> str | None:
    """The side name of a place's country: the gazetteer spells some countries otherwise than the sides do
    ("Democratic Republic of the Congo" is the side "DR Congo"), so places would otherwise never name them."""
    country = (place._.eventie_place or {}).get("country")
    return (countries.get(country, country) or None) if country else None


def own_side(span: Span, demonyms: dict[str, str]) -> str | None:
    """The side an actor's own words name, plural demonyms and hyphenated forms included."""
    sides = set(demonyms.values())
    for tok in span:
        for form in (tok.text, tok.text.split("-")[0]):
            for word in (form, form[:-1] if form.endswith("s") else form):
                if word in demonyms:
                    return demonyms[word]
                if word in sides:
                    return word
    text = " " + span.text + " "
    return next((demonyms.get(n, n) for n in [*demonyms, *sides] if " " in n and f" {n} " in text), None)


class _Filler:
    """The document's state while actors are filled in text order: who had which side, who spoke."""

    def __init__(self, doc: Doc, demonyms: dict[str, str], rules: AssemblerRules, countries: dict[str, str]) -> None:
        self.doc, self.demonyms, self.rules, self.countries = doc, demonyms, rules, countries
        self.sides = frozenset(demonyms.values())
        self.metonyms = {k.lower(): v for k, v in rules.metonym_sides.items()}
        self.home = _home_side(doc, self.sides, countries)
        self.actors = sorted(doc.spans.get(labels.ACTORS, []), key=lambda s: s.start)
        self.atts = sorted(doc.spans.get(labels.ATTRIBUTIONS, []), key=lambda s: s.start)
        self.places = list(doc.spans.get(labels.PLACES, []))
        groups = [a for a in self.actors if (a._.eventie_actor or {}).get("kind") == "armed_group" and (a._.eventie_actor or {}).get("side")]
        self.first_group = groups[0]._.eventie_actor["side"] if groups else None
        self.last_of_kind: dict[str, str] = {}
        self.done: list[Span] = []  # earlier actors, in text order

    def side(self, span: Span) -> tuple[str | None, str]:
        """(side, side_from) for an unsided actor; side None when no rule applies."""
        info = span._.eventie_actor or {}
        kind = info.get("kind")
        if kind == "civilian":
            return None, ""
        owner = self.owner(span) if self.owned(span, kind) else None
        if owner:
            return owner, "owner"
        words = self.words(span)
        if words:
            return words, "words"
        linked = self.linked(span)
        if linked:
            return linked, "linked"
        if self.is_enemy(span):
            return self.opponent(span), "enemy"
        return self.from_document(span, kind), "document"

    def owned(self, span: Span, kind: str | None) -> bool:
        """Only forces take their owner's side: "its staff", "our correspondent" are no party's."""
        return kind in self.rules.owner_kinds or (kind is None and span[-1].lower_ in self.rules.owner_heads)

    def owner(self, span: Span) -> str | None:
        """"its forces" / "their troops": the nearest earlier sided actor; "our forces": the speaker's side."""
        prev = span.doc[span.start - 1] if span.start > 0 else None
        first = span[0].lower_
        word = first if first in self.rules.owner_words else (prev.lower_ if prev is not None else "")
        if word in self.rules.owner_words:
            return self.speaker(span) if word in self.rules.speaker_owner_words else self.nearest(span)
        if prev is not None and prev.lower_ in ("'s", "’s"):
            holder = next((a for a in reversed(self.done) if a.end == prev.i), None)
            return (holder._.eventie_actor or {}).get("side") if holder is not None else None
        return None

    def nearest(self, span: Span) -> str | None:
        """The nearest earlier sided actor, preferring one of the same sentence."""
        sided = [a for a in self.done if (a._.eventie_actor or {}).get("side")]
        sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
        same = [a for a in sided if a.start >= sent_start]
        pick = (same or sided or [None])[-1]
        return (pick._.eventie_actor or {}).get("side") if pick is not None else None

    def speaker(self, span: Span) -> str | None:
        """The side of the nearest sided attribution source of the span's sentence, else before it."""
        sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
        sided = [a for a in self.atts if (a._.eventie_attribution or {}).get("source_side")]
        here = [a for a in sided if sent.start <= a.start < sent.end]
        before = [a for a in sided if a.start < span.start]
        pick = (here or before or [None])[-1 if not here else 0]
        return (pick._.eventie_attribution or {}).get("source_side") if pick is not None else self.nearest(span)

    def words(self, span: Span) -> str | None:
        """A side in the actor's own words, a capital or country standing for its state; not a monitor's name."""
        text = span.text.lower()
        if any(w in text.split() for w in self.rules.side_free_words):
            return None
        bare = text.removeprefix("the ")
        first = span[1] if span[0].lower_ == "the" and len(span) > 2 else span[0]
        # "the Kyiv regime", "Moscow's forces": a capital before a common noun is its state too
        capital = self.metonyms.get(first.lower_) if len(span) > 1 and span[-1].text.islower() else None
        return self.metonyms.get(bare) or capital or own_side(span, self.demonyms)

    def linked(self, span: Span) -> str | None:
        """The side of what the text ties the actor to: an earlier actor with the same surname ("Gladkov" after
        "Vyacheslav Gladkov"), its apposition ("X, governor of Russia's Belgorod region"), the sided actor or
        the place its "of"/"from"/"for" phrase names ("fighters from the group JNIM", "spokesman for the
        Khortytsia group"), a sided actor just before it ("ISWAP (ISWAP) fighters")."""
        if any(t.lower_ in self.rules.unlinked_heads for t in span):
            return None  # "crew members, all Syrian citizens", "a resident of Kupiansk": people, no party
        return self.surname(span) or self.appos(span) or self.premods(span) or self.attached(span) or self.adjacent(span)

    def surname(self, span: Span) -> str | None:
        if not span[-1].text[:1].isupper() or not span[-1].is_alpha:
            return None
        same = [a for a in self.done if a[-1].text == span[-1].text and (a._.eventie_actor or {}).get("side")]
        return same[-1]._.eventie_actor["side"] if same else None

    def appos(self, span: Span) -> str | None:
        root = span.root
        partners = [c for c in root.children if c.dep_ == "appos" and not span.start <= c.i < span.end]
        if root.dep_ == "appos" and not span.start <= root.head.i < span.end:
            partners.append(root.head)
        for p in partners:
            while p.dep_ == "pobj" and p.head.dep_ == "prep" and p.head.head.i < span.start:
                p = p.head.head  # "head of the occupied part of Donetsk region, Denis X": the head, not the region
            tokens = list(p.subtree) if p.dep_ == "appos" else [t for t in p.subtree if not t.i >= span.start]
            side = self.side_of_tokens(tokens, span)
            if side:
                return side
        return None

    def premods(self, span: Span) -> str | None:
        """A name's title words left of the span: "Russian-installed Zaporizhzhia governor X" names the state;
        "commander-in-chief X", "Interior Minister Y" (an office, ``party_words``/``state_words``) the home side."""
        if not span[-1].text[:1].isupper():
            return None
        left = sorted(t.i for t in span.root.subtree if span.start - 6 <= t.i < span.start)
        run = []
        for i in range(span.start - 1, span.start - 7, -1):
            if i not in left:
                break
            run.insert(0, i)
        if not run:
            return None
        words = span.doc[run[0] : span.start]
        holder = next((a for a in self.actors if words.start <= a.start and a.end <= span.start and (a._.eventie_actor or {}).get("side")), None)
        if holder is not None:
            return holder._.eventie_actor["side"]  # "HUR chief X"
        titled = span.doc[run[0] : span.end]
        if not (_office(titled, self.rules.party_words) or _office(titled, self.rules.state_words)):
            return None  # no title: "Greek Orthodox Patriarchate" is no Greek office
        return self.side_of_tokens(list(words), span) or self.home

    def attached(self, span: Span) -> str | None:
        """The side inside a prepositional phrase of ``rules.link_preps`` on the actor's head."""
        doc = span.doc
        prep = doc[span.end] if span.end < len(doc) else None
        if prep is None or prep.lower_ not in self.rules.link_preps or prep.dep_ != "prep":
            return None
        # the parse may split the object's name ("from al-Shabab"): the actor whose first word is in the phrase
        inside = {t.i for t in prep.subtree}
        after = [a for a in self.actors if a.start in inside and a.start - prep.i <= 3 and (a._.eventie_actor or {}).get("side")]
        return after[0]._.eventie_actor["side"] if after else None

    def adjacent(self, span: Span) -> str | None:
        """A lower-case actor right after a sided actor (brackets between allowed): the NER split one phrase."""
        if not span.text.islower():
            return None
        i = span.start - 1
        while i >= 0 and span.doc[i].text in ("(", ")"):
            i -= 1
        prev = next((a for a in reversed(self.done) if a.end - 1 == i), None)
        return (prev._.eventie_actor or {}).get("side") if prev is not None else None

    def side_of_tokens(self, tokens: list, span: Span) -> str | None:
        """A side the tokens name: a sided actor among them, else a demonym or side name or a place of a
        side's country outside a "for" phrase ("the UN envoy for Syria" is no Syrian)."""
        if not tokens or any(t.lower_ in self.rules.side_free_words for t in tokens):
            return None
        lo, hi = min(t.i for t in tokens), max(t.i for t in tokens) + 1
        for a in self.actors:
            if lo <= a.start and a.end <= hi and a is not span and (a._.eventie_actor or {}).get("side"):
                return a._.eventie_actor["side"]
        fors = [t for t in tokens if t.dep_ == "prep" and t.lower_ == "for"]
        if fors:
            hi = min(hi, min(t.i for t in fors))
        side = own_side(span.doc[lo:hi], self.demonyms)
        if side:
            return side
        capital = next((self.metonyms[t.lower_] for t in span.doc[lo:hi] if t.lower_ in self.metonyms), None)
        if capital:
            return capital  # "the Moscow-appointed head of Crimea": Moscow's, not Crimea's country
        for p in self.places:
            country = _place_side(p, self.countries)
            if lo <= p.start and p.end <= hi and country in self.sides:
                return country
        return None

    def state_body(self, span: Span) -> bool:
        """"the regional administration", "investigators": a body of the home state, unless it is foreign."""
        return _office(span, self.rules.state_words) and not any(t.lower_ in self.rules.not_state_words for t in span)

    def place_side(self, span: Span) -> str | None:
        """The country of a place inside the span or just before it ("Kharkiv police", "the region's")."""
        doc = span.doc
        for p in self.places:
            country = _place_side(p, self.countries)
            if country not in self.sides:
                continue
            before = p.end == span.start or (p.end == span.start - 1 and doc[p.end].text in ("'s", "’s"))
            if before or span.start <= p.start and p.end <= span.end:
                return country
        return None

    def said_here(self, span: Span) -> str | None:
        """The side of a sided attribution source in the span's own sentence."""
        if not span.doc.has_annotation("SENT_START"):
            return None
        sent = span.sent
        here = [a for a in self.atts if sent.start <= a.start < sent.end and (a._.eventie_attribution or {}).get("source_side")]
        return here[0]._.eventie_attribution["source_side"] if here else None

    def is_enemy(self, span: Span) -> bool:
        return any(tok.lower_ in self.rules.enemy_words for tok in span)

    def opponent(self, span: Span) -> str | None:
        """The most frequent side of the document other than the speaker's."""
        atts = [a for a in self.atts if a.start < span.start and (a._.eventie_attribution or {}).get("source_side")]
        mine = (atts[-1]._.eventie_attribution or {}).get("source_side") if atts else self.home
        counts = Counter((a._.eventie_actor or {}).get("side") for a in self.actors)
        counts.pop(None, None)
        counts.pop(mine, None)
        if not counts:  # a party's bulletin that names no other actor: the sides its words name ("Russian drones")
            counts = Counter(self.demonyms[t.text] for t in span.doc if t.text in self.demonyms)
            counts.pop(mine, None)
        return counts.most_common(1)[0][0] if counts else None

    def from_document(self, span: Span, kind: str | None) -> str | None:
        """Head-noun anaphora, then the nearest earlier actor of the kind, then the home country."""
        rules = self.rules
        head = span[-1].lower_
        named = any(t.text[:1].isupper() for t in span[1:])  # "Headquarters for ... Prisoners of War" is a body
        if not named and any(t.lower_ in rules.no_fill_words for t in span):
            return None
        if kind not in rules.personnel_kinds and span.text.islower():
            same = [a for a in self.done if (a._.eventie_actor or {}).get("side") and head in a.text.lower().split()]
            if same:
                return same[-1]._.eventie_actor["side"]
        if (kind in rules.side_fill_kinds or kind is None and self.state_body(span)) and self.place_side(span):
            return self.place_side(span)  # "Belgorod governor X", "the Kursk region's acting governor"
        if kind is None and head in rules.side_follow_words:
            return self.last_of_kind.get("armed_group") or self.first_group
        if kind is None and head in rules.speaker_heads and self.said_here(span):
            return self.said_here(span)  # "the ministry said air defences shot down 10 drones": the speaker's
        if kind is None and (_office(span, rules.party_words) or self.state_body(span)):
            return self.home  # "President X": the home country, not the last government named (that may be the foe's)
        if kind in rules.side_fill_kinds:
            return self.last_of_kind.get(kind) or self.home
        if kind in rules.side_follow_kinds:
            return self.last_of_kind.get(kind) or self.first_group  # a headline's "militants": the group named below
        return None


def fill_sides(doc: Doc, demonyms: dict[str, str], rules: AssemblerRules, countries: dict[str, str] | None = None) -> None:
    """Give unsided actors the side the document implies; see the module docstring. ``countries`` maps the
    gazetteer's country names to side names where they differ (``demonyms.csv``'s ``country`` column)."""
    filler = _Filler(doc, demonyms, rules, countries or {})
    for span in filler.actors:
        info = span._.eventie_actor or {}
        if info.get("side"):
            if info.get("kind"):
                filler.last_of_kind[info["kind"]] = info["side"]  # only the tagger's sides name a kind's side
        else:
            side, how = filler.side(span)
            if side:
                span._.eventie_actor = {**info, "side": side, "side_from": how}
        filler.done.append(span)
    _fill_sources(doc, filler.actors, rules.side_source_kinds)


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
    return info.get("side_from") in _FILLED and info.get("kind") in kinds


def _office(span: Span, words: frozenset[str]) -> bool:
    """An actor of no known kind whose words name a state office ("President X", "the ministry")."""
    text = " " + span.text.lower() + " "
    return any(f" {w} " in text for w in words)
