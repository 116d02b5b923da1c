"""The party a document is the statement of, read from its heading.

"IDF statement", "Russian Defence Ministry: 24 drones downed over Crimea", "Statement of the 3rd Separate
Assault Brigade", "Ukrainian Air Force statement, 09:00": the whole text is that party's account, so an
incident it states in its own voice rests on the party (certainty case ``party_publishes``,
docs/certainty.md), not on the outlet. The heading is the document's first sentence; its publisher is an
actor that opens it (after "Statement by/of/from the") and is followed by a colon or one of
``statement_words``, or that follows ``statement_words`` + ``statement_preps``. Whether it is a party is
the certainty rules' question (``Evidence.is_party``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from ... import labels
from ...extensions import AttributionInfo
from ...rules import AssemblerRules
from .certainty import Evidence
from .document import BOILERPLATE, CAPTION, DocView


@dataclass(frozen=True)
class Voices:
    """Who speaks for a party in one document: the party whose statement it is, and the names of people
    whose words elsewhere in it name a party's office ("ministry spokesman Igor Konashenkov" makes a later
    "Konashenkov said" a party's claim)."""

    publisher: AttributionInfo | None = None
    party_names: frozenset[str] = frozenset()


def _opens(actor: Span, heading: Span, rules: AssemblerRules) -> bool:
    """Does the actor open the heading, or follow "Statement by/of/from (the)" there?"""
    before = [t.lower_ for t in heading.doc[heading.start : actor.start] if not t.is_space]
    if not before:
        return True
    if before[-1] in rules.statement_determiners:
        before = before[:-1]
    return len(before) == 2 and before[0] in rules.statement_words and before[1] in rules.statement_preps


def _announces(actor: Span, heading: Span, rules: AssemblerRules) -> bool:
    """Is the actor followed by a colon or a statement word ("IDF:", "CENTCOM statement on ...")?"""
    after = next((t for t in heading.doc[actor.end : heading.end] if not t.is_space), None)
    if after is None:
        return False
    before = [t.lower_ for t in heading.doc[heading.start : actor.start] if not t.is_space]
    return bool(before) or after.text == ":" or after.lower_ in rules.statement_words


def publisher(view: DocView, rules: AssemblerRules) -> AttributionInfo | None:
    """The actor whose statement the document is, as an attribution payload, or None."""
    first = next((i for i, k in enumerate(view.kinds) if k not in (BOILERPLATE, CAPTION)), None)
    if first is None:
        return None
    heading = view.sents[first]
    post = _post_heading(heading, rules)
    if view.spans(labels.ATTRIBUTIONS, first) and not post:
        return None  # "Russia says it took X" is an attribution of its own
    for actor in view.spans(labels.ACTORS, first):
        if _opens(actor, heading, rules) and (post or _announces(actor, heading, rules)):
            info = actor._.eventie_actor or {}
            # a post's source is the whole line before its colon, title included ("X, governor of Y, on Telegram")
            source = heading.text.strip().rstrip(":").strip() if heading.text.strip().endswith(":") else actor.text
            return {"source": source, "source_name": info.get("name") or actor.text, "source_kind": info.get("kind"),
                    "source_side": info.get("side"), "cue": "stated", "text": heading.text.strip()}
    return _unnamed_publisher(heading, rules) if post else None


def _unnamed_publisher(heading: Span, rules: AssemblerRules) -> AttributionInfo:
    """A post heading whose publisher is no actor span ("Oksana Melnyk, head of ..., on Telegram:", "Statement by
    the Ministry of Defence of ..."): the line itself, less its colon and "Statement by the", is the source, so
    its words say whether it is a party or a local official (``Evidence.is_party``, ``is_local``)."""
    line = heading.text.strip()
    words = line.rstrip(":").split()
    if words and words[0].lower() in rules.statement_words and len(words) > 1 and words[1].lower() in rules.statement_preps:
        words = words[2:]
        if words and words[0].lower() in rules.statement_determiners:
            words = words[1:]
    source = " ".join(words)
    name = source.split(",")[0].split("(")[0].strip()
    return {"source": source, "source_name": name or None, "source_kind": None, "source_side": None, "cue": "stated", "text": line}


def _post_heading(heading: Span, rules: AssemblerRules) -> bool:
    """A heading that introduces the text as someone's post or statement: it ends with a colon ("Vadym Filashkin,
    head of the Donetsk regional military administration, on Telegram:") or opens with a statement word ("Statement
    by the Ministry of Defence"). Its own attribution ("on Telegram", "Statement") is the publishing itself."""
    words = [t for t in heading if not t.is_space]
    return bool(words) and (words[-1].text == ":" or (words[0].lower_ in rules.statement_words and len(words) > 2))


APPOSITIVE = 12  # tokens after a source that can hold its title ("Nazar Voloshyn, spokesperson for the ... group")


def _appositive(a: Span, info: AttributionInfo) -> str:
    """The title set off after a source by a comma ("Vladyslav Voloshyn, spokesman for Ukraine's Southern
    Defence Forces, told ..."): the source span stops at the name, the office that makes it a party follows."""
    doc = a.doc
    start, end_char = info.get("source_start"), info.get("source_end")
    source = doc.char_span(start, end_char, alignment_mode="expand") if start is not None and end_char is not None else None
    end = source.end if source is not None else len(doc)
    if end >= len(doc) or doc[end].text != ",":
        return ""
    words = []
    for t in doc[end + 1 : min(end + 1 + APPOSITIVE, len(doc))]:
        if t.text == "," or t.is_sent_start:
            break
        words.append(t.text)
    return " ".join(words)


def party_names(view: DocView, ev: Evidence) -> frozenset[str]:
    """Proper names (and their last word, "Konashenkov") of sources that are parties by their own words, the
    words before the name ("ministry spokesman Igor Konashenkov") or the title after it (``_appositive``)."""
    names: set[str] = set()
    for sent_atts in view.by_sent[labels.ATTRIBUTIONS]:
        for a in sent_atts:
            info = a._.eventie_attribution or {}
            name = info.get("source_name") or ""
            if not name[:1].isupper():
                continue
            titled = {**info, "source": f'{info.get("source") or ""} {_appositive(a, info)}'}
            if ev.is_party(info) or ev.is_party(titled):
                names.update((name, name.split()[-1]))
    return frozenset(names)


def voices(view: DocView, rules: AssemblerRules, sides: frozenset[str]) -> Voices:
    ev = Evidence(atts=[], hedges=[], party_kinds=rules.party_kinds, local_words=rules.local_official_words,
                  party_words=rules.party_words, sides=sides)
    return Voices(publisher=publisher(view, rules), party_names=party_names(view, ev))
