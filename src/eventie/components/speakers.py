"""One speaker, one name: the sources of a document's attributions that name the same speaker are linked.

Reporting names one speaker in several ways. A lede says "A rights monitor says ..." and the next sentence
names it ("the Levant Monitor for Civil Rights said"); later it is "the monitor" or "the group", a pronoun
("He said" after "Governor Anton Melnyk said"), a surname ("Melnyk said"), an acronym ("NORTHCOM" after
"U.S. Northern Command"), or the statement it issued ("The statement added"). Each attribution keeps its
phrase as written (``source``) and its own antecedent (``source_span_text``); this module adds ``speaker``:
the phrase that names the speaker best, the same string for every attribution of one speaker, so that an
event lists one source per speaker and a reader can group claims by who made them.

The links, in order (the first that applies wins):

1. A pronoun takes the speaker of its antecedent (the claim detector resolved it).
2. The same phrase again, or a shorter form of a named one with the same head ("the UN chief's spokesman"
   after "the UN chief's spokesman, Jan Berg"; "Melnyk" after "Governor Anton Melnyk").
3. An acronym of an earlier name ("NORTHCOM", "RAF" for "Royal Air Force"); with none, of the first name
   anywhere in the document that it abbreviates ("the US assessed ..." before "the United States ... said").
4. "the statement" / "the communique" speaks for the speaker who issued the last statement (else the last
   speaker) within the window.
5. A definite description ("the monitor", "the military") takes the nearest earlier speaker whose phrase has
   that head noun, else the earlier speaker resolved to the same actor.
6. An indefinite description with no name ("A rights monitor says") waits for the next named organisation
   that speaks within the window, and takes its name.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class SpeakerWords:
    """The word lists the linker reads (``claim_words.yaml``; see docs/rules.md)."""

    definite: frozenset[str]
    indefinite: frozenset[str]
    statement_heads: frozenset[str]
    description_heads: frozenset[str]
    acronym_skip: frozenset[str]
    org_words: frozenset[str]
    window: int


@dataclass
class _Said:
    """One attribution on the way: the span that names its speaker and the speaker it was linked to."""

    att: Span
    named: Span
    written: Span
    speaker: str
    waiting: bool = False
    parent: _Said | None = None
    followers: list[_Said] = field(default_factory=list)

    def root(self) -> _Said:
        return self if self.parent is None else self.parent.root()


def _sents_between(a: Span, b: Span, starts: list[int] | None = None) -> int:
    """How many sentences ``b``'s sentence lies after ``a``'s (0 for the same one).

    ``starts`` (``sentence_starts``): the sentence starts that lie after ``a.start`` and up to ``b.start``
    are counted by binary search, the answer of the walk below without a ``Token.sent`` per sentence."""
    if starts is not None:
        return max(0, bisect_right(starts, b.start) - bisect_right(starts, a.start))
    doc = b.doc
    n, sent = 0, b.sent
    while sent.start > a.start and sent.start > 0:
        sent = doc[sent.start - 1].sent
        n += 1
    return n


def sentence_starts(doc: Doc) -> list[int] | None:
    """The tokens that start a sentence (``sent_start`` 1), for ``_sents_between``; None where sentences come
    from a hook or are not set, which the walk over ``Span.sent`` then reads."""
    if doc.user_hooks or doc.user_span_hooks or not doc.has_annotation("SENT_START"):
        return None
    return [i for i, v in enumerate(doc.to_array(SENT_START).tolist()) if v == 1]


def _lower_words(span: Span) -> list[str]:
    return [t.lower_ for t in span if not t.is_punct]


def _has_name(span: Span) -> bool:
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)


def abbreviates(acronym: str, words: list[str]) -> bool:
    """"RAF" abbreviates "Royal Air Force", "NORTHCOM" "Northern Command": the acronym splits into
    non-empty prefixes of consecutive words that end with the phrase's last word."""
    acr = acronym.lower()
    if len(acr) < 2 or len(words) < 2:
        return False

    def fits(a: str, ws: list[str]) -> bool:
        if not a:
            return not ws
        if not ws:
            return False
        w = ws[0]
        return any(w.startswith(a[:k]) and fits(a[k:], ws[1:]) for k in range(min(len(a), len(w)), 0, -1))

    return any(fits(acr, words[i:]) for i in range(len(words) - 1))


class SpeakerLinker:
    """Links attributions whose sources name the same speaker (see the module docstring)."""

    def __init__(self, words: SpeakerWords) -> None:
        self.words = words
        self._starts: list[int] | None = None  # the current document's sentence starts (link)

    def link(self, attributions: list[Span], named: dict[int, Span], parts: dict[int, list[Span]]) -> None:
        """Set ``speaker`` and ``speakers`` on every attribution payload.

        ``named`` maps a cue's start to its speaker span, ``parts`` to the conjuncts of a coordinated one
        ("Israel, France and Canada said"): ``speakers`` has one name per conjunct, else ``[speaker]``.
        """
        said: list[_Said] = []
        self._starts = sentence_starts(attributions[0].doc) if attributions else None
        for a in sorted(attributions, key=lambda s: s.start):
            info = a._.eventie_attribution
            span = named[a.start]
            written = a.doc.char_span(info["source_start"], info["source_end"]) or span
            item = _Said(att=a, named=span, written=written, speaker=span.text)
            earlier = self._earlier(item, said)
            if earlier is not None:
                root = earlier.root()
                item.speaker, item.parent = root.speaker, root
                root.followers.append(item)
            elif self._waits(written):
                item.waiting = True
            elif _has_name(span) and self._organisation(span):
                self._name_the_waiting(item, said)
            said.append(item)
        self._expand_acronyms(said, [p for ps in parts.values() for p in ps])
        for item in said:
            info = item.att._.eventie_attribution
            info["speaker"] = item.speaker
            info["speakers"] = [self._part_speaker(p, said) for p in parts.get(item.att.start, [])] or [item.speaker]

    def _expand_acronyms(self, said: list[_Said], parts: list[Span]) -> None:
        """"the US assessed ..." before "Jordan, the United States and Britain said": an acronym that no earlier
        name spells out takes the first name anywhere in the document that it abbreviates."""
        names = sorted([s.named for s in said if len(s.named) > 1] + [p for p in parts if len(p) > 1], key=lambda n: n.start)
        for item in said:
            if item.parent is not None or item.speaker != item.named.text or len(item.named) != 1 or not item.named.text.isupper():
                continue
            full = next((n for n in names if abbreviates(item.named.text, [w for w in _lower_words(n) if w not in self.words.acronym_skip])), None)
            if full is not None:
                for x in [item, *item.followers]:
                    x.speaker = full.text

    @staticmethod
    def _part_speaker(part: Span, said: list[_Said]) -> str:
        """A conjunct that another attribution names on its own takes that speaker ("France" -> "France")."""
        text = " ".join(_lower_words(part))
        same = [s for s in said if " ".join(_lower_words(s.named)) == text]
        return same[0].speaker if same else part.text

    def _earlier(self, item: _Said, said: list[_Said]) -> _Said | None:
        info = item.att._.eventie_attribution
        before = [s for s in said if s.att.start < item.att.start]
        if info.get("source_resolved"):
            # "He" -> "Oleksandr Shtupun", inside the earlier "Army spokesman Oleksandr Shtupun"
            same = [s for s in before if (s.named.start <= item.named.start and item.named.end <= s.named.end) or s.named.text == item.named.text]
            return same[-1] if same else None
        text = " ".join(_lower_words(item.named))
        # "the military" again may be the other side's military: a nameless definite description is read below
        same_text = _has_name(item.named) or self._det(item.written) not in self.words.definite
        for s in reversed(before if same_text else []):
            if " ".join(_lower_words(s.named)) == text or self._short_form(item.named, s.named):
                return s
        if len(item.named) == 1 and item.named.text.isupper():
            for s in reversed(before):
                if abbreviates(item.named.text, [w for w in _lower_words(s.named) if w not in self.words.acronym_skip]):
                    return s
        return self._description(item, before)

    @staticmethod
    def _short_form(short: Span, long: Span) -> bool:
        """"Melnyk" after "Governor Anton Melnyk", "the UN chief's spokesman" after "..., Jan Berg": a named
        phrase whose words all recur, in order, in a longer earlier one with the same head or last name."""
        if len(short) >= len(long) or not _has_name(short):
            return False
        s, lw = _lower_words(short), _lower_words(long)
        if not s:
            return False
        it = iter(lw)
        if not all(w in it for w in s):
            return False
        return short.root.lower_ == long.root.lower_ or short[-1].lower_ == long[-1].lower_

    def _description(self, item: _Said, before: list[_Said]) -> _Said | None:
        """"the statement", "the monitor", "the military": a definite description refers back."""
        written = item.written
        det = self._det(written)
        head = written.root.lower_
        recent = [s for s in before if _sents_between(s.att, item.att, self._starts) <= self.words.window]
        if head in self.words.statement_heads:
            issued = [s for s in recent if s.att._.eventie_attribution.get("channel") == "statement"]
            return (issued or recent or [None])[-1]
        if det not in self.words.definite:
            return None
        # "the Russian military" is not "Ukraine's military": a capitalised modifier must recur in the antecedent
        marks = {t.lower_ for t in written if t.text[:1].isupper() and t.i != written.root.i}
        for s in reversed(before):
            words = _lower_words(s.named)
            if head in words and marks <= set(words):
                return s
        if marks:
            return None
        name = item.att._.eventie_attribution.get("source_name")
        if name and any(w[:1].isupper() for w in name.split()):  # "government", "spokesperson" name a kind, not one actor
            same = [s for s in before if s.att._.eventie_attribution.get("source_name") == name]
            return same[-1] if same else None
        return None

    def _waits(self, written: Span) -> bool:
        """"A rights monitor says": an indefinite description with no name, of an organisation."""
        det = self._det(written)
        return det in self.words.indefinite and not _has_name(written) and written.root.lower_ in self.words.description_heads

    @staticmethod
    def _det(written: Span) -> str:
        """The word before a source phrase (its article was trimmed off): "the", "a", ..."""
        return written.doc[written.start - 1].lower_ if written.start > 0 else ""

    def _organisation(self, span: Span) -> bool:
        return any(t.text in self.words.org_words for t in span)

    def _name_the_waiting(self, item: _Said, said: list[_Said]) -> None:
        """The first named organisation after "A rights monitor says" names it, within the window."""
        for s in said:
            if s.waiting and _sents_between(s.att, item.att, self._starts) <= self.words.window:
                s.waiting = False
                for x in [s, *s.followers]:
                    x.speaker = item.speaker
                s.parent = item
                item.followers += [s, *s.followers]
