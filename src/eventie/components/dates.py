"""Date tagger: date expressions resolved to days with dateparser, never against today.

Candidates are the base NER's DATE entities plus weekday/relative patterns; dateparser runs only on
those strings (running it over raw text invents dates: "T-72" would be 1972) and its results are cached
per (string, anchor). The anchor is the publication date when given, else the latest fully explicit date
in the text itself ("March 22, 2024" in a caption anchors "March 22" in the body). With no anchor,
relative and year-less dates stay unresolved: a wrong year is worse than no year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .. import labels
from ..numbers import word_to_int
from ..rules import RuleComponent, Rules, Strict
from ..scoring import score_weights
from ._common import non_overlapping, set_spans

_DAY_RE = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")
_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
_ISO_DATE = re.compile(r"^(?:on\s+)?((?:19|20)\d\d-[01]\d-[0-3]\d)$")
_DAYS = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>,?\s+(?:19|20)\d\d)?"
# "March 3-4", "3-4 March 2024": a span of days; the event date is the first, the end is kept.
_RANGE = (
    re.compile(rf"^(?P<month>[a-z]+\.?)\s+{_DAYS}{_YEAR}$"),
    re.compile(rf"^{_DAYS}\s+(?P<month>[a-z]+\.?){_YEAR}$"),
)
_DAY_DIGITS = {"TEXT": {"REGEX": r"^[0-3]?\d$"}}
_DASHES = ["-", "\u2013"]


class DateWords(Strict):
    """``date_words.yaml``."""

    weekdays: list[str]
    months: list[str]
    temporal_words: list[str]
    relative_days: dict[str, int]
    time_of_day_pattern: str
    leading_words: list[str]
    day_edges: list[str]
    day_parts: list[str]
    relative_words: list[str]
    relative_determiners: list[str]
    relative_parts: list[str]
    clock_suffixes: list[str]
    ago_units: dict[str, int]
    day_frames: list[str]
    frame_fillers: list[str]


class DateReader:
    """Date strings to days, by the words of one component's rules; results cached per (string, anchor)."""

    def __init__(self, words: DateWords, cache_size: int = 65536) -> None:
        self.words = words
        self.weekdays = list(words.weekdays)
        self.months = list(words.months)
        self.month_tokens = self.months + [m + "." for m in self.months if len(m) <= 4]
        self.relative = dict(words.relative_days)
        self.temporal = re.compile(
            r"\b(" + "|".join(self.weekdays + self.months) + r"|(19|20)\d\d|" + "|".join(words.temporal_words) + r")\b"
            r"|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?[ap]\.?m\b",
            re.I,
        )
        self.time_of_day = re.compile(words.time_of_day_pattern, re.I)
        self.leading = re.compile(r"^(" + "|".join(words.leading_words) + r")\s+")
        self.edges = re.compile(r"\b(" + "|".join(words.day_edges) + r")\s+(on\s+)?")
        self.parts = re.compile(r"\b(" + "|".join(words.day_parts) + r")\b")
        self.month_res = [re.compile(rf"\b{m}\b") for m in self.months]
        self.ago = re.compile(r"^(?:some\s+|about\s+)?([a-z]+|\d{1,2})\s+(" + "|".join(words.ago_units) + r")\s+ago$")
        self.parse = lru_cache(maxsize=cache_size)(self._parse)

    def parse_range(self, text: str, anchor: dt.date | None, published: bool = False) -> tuple[dt.date | None, dt.date | None]:
        """(first day, last day) of a date expression; the last day is None unless the text names a span.

        "March 3-4" is a two-day event: its date is March 3 (ACLED codes a multi-day event by its start)
        and the end is kept so a user can see it was more than one day.
        """
        low = re.sub(r"^(on|from|between)\s+", "", text.lower().strip())
        for rx in _RANGE:
            m = rx.match(low)
            if m and m.group("month").rstrip(".") in self.months:
                d1, d2 = int(m.group("d1")), int(m.group("d2"))
                first = self.parse(f"{m.group('month')} {d1}{m.group('year') or ''}", anchor, published)
                if first is None or not d1 < d2 <= 31:
                    return first, None
                return first, first + dt.timedelta(days=d2 - d1)
        return self.parse(text, anchor, published), None

    def _counted_back(self, low: str, anchor: dt.date | None) -> dt.date | None | bool:
        """ISO dates ("2024-03-20") and counted days back ("two days ago"); False when the text is neither."""
        iso = _ISO_DATE.match(low)
        if iso:
            try:
                return dt.date.fromisoformat(iso.group(1))
            except ValueError:
                return None
        ago = self.ago.match(low)
        if ago:
            n = 1 if ago.group(1) in ("a", "an") else word_to_int(ago.group(1))
            if n is None or anchor is None:
                return None
            return anchor - dt.timedelta(days=n * self.words.ago_units[ago.group(2)])
        return False

    def _parse(self, text: str, anchor: dt.date | None, published: bool = False) -> dt.date | None:
        """Resolve a date string to a day, relative to ``anchor``; None when it names no single day.

        ``published`` says the anchor is the publication date (not a date read from the text), which is
        what lets "overnight" or "at 09:00" mean that day.
        """
        import dateparser

        if published and anchor is not None and self.time_of_day.match(text.strip()):
            return anchor
        low = text.lower().strip()
        counted = self._counted_back(low, anchor)
        if counted is not False:
            return counted
        last = bool(re.match(r"^(on\s+)?last\s+", low))  # "last Tuesday" on a Tuesday is a week back
        low = self.leading.sub("", low)
        low = self.edges.sub("", low)
        low = self.parts.sub("", low).strip(" ,")
        has_year = bool(_YEAR_RE.search(text))
        if low in self.relative or text.lower().strip() in self.relative:
            off = self.relative.get(low, self.relative.get(text.lower().strip()))
            if anchor is None or off is None:
                return None
            return anchor + dt.timedelta(days=off)
        has_weekday = any(w in low for w in self.weekdays)
        has_month = any(r.search(low) for r in self.month_res)
        has_day = has_month and bool(_DAY_RE.search(_YEAR_RE.sub("", low)))
        if not (has_weekday or has_day):
            return None
        if anchor is None and not has_year:
            return None
        base = dt.datetime.combine(anchor, dt.time(12)) if anchor else dt.datetime(2000, 1, 1)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"], "RETURN_AS_TIMEZONE_AWARE": False}
        if has_weekday and not has_day:
            wd = next(i for i, w in enumerate(self.weekdays) if w in low)
            if anchor is None:
                return None
            delta = (anchor.weekday() - wd) % 7
            return anchor - dt.timedelta(days=delta or (7 if last else 0))
        try:
            got = dateparser.parse(low, languages=["en"], settings=settings)
        except Exception:  # dateparser raises assorted errors on odd strings; an unparsed date is just None
            return None
        if got is None:
            return None
        return _into_the_past(got.date(), anchor, has_year)


def _into_the_past(day: dt.date, anchor: dt.date | None, has_year: bool) -> dt.date | None:
    """Year-less dates in news point to the past of the anchor (dateparser sometimes ignores it)."""
    if has_year or anchor is None or day <= anchor:
        return day
    try:
        return day.replace(year=anchor.year if day.replace(year=anchor.year) <= anchor else anchor.year - 1)
    except ValueError:
        return None


@Language.factory(
    "eventie_date_tagger",
    assigns=["doc.spans", "doc._.eventie_anchor_date"],
    default_config={"scorer": {"@scorers": "eventie.spans_scorer.v1"}, "spans_key": labels.DATES},
    default_score_weights=score_weights(labels.DATES),
)
def make_date_tagger(nlp: Language, name: str, spans_key: str, scorer: Callable | None) -> DateTagger:
    comp = DateTagger(nlp, name, spans_key=spans_key)
    comp.scorer = scorer
    return comp


class DateTagger(RuleComponent):
    rule_files = ("date_words.yaml",)

    def __init__(self, nlp: Language, name: str, *, spans_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key

    def _load_rules(self, rules: Rules) -> None:
        words = rules.yaml("date_words.yaml", DateWords)
        self.reader = DateReader(words)
        months = self.reader.month_tokens
        self.matcher = Matcher(self.nlp.vocab)
        self.matcher.add("WEEKDAY", [[{"LOWER": {"IN": words.day_edges}, "OP": "?"}, {"LOWER": {"IN": words.weekdays}}, {"LOWER": {"IN": words.day_parts}, "OP": "?"}]])
        # "Thursday`s attack": a possessive with a backtick or curly quote stays one token
        self.matcher.add("WEEKDAY_POSS", [[{"LOWER": {"REGEX": rf"^({'|'.join(words.weekdays)})[`\u2019]s$"}}]])
        self.frames = frozenset(words.day_frames)
        self.frame_fillers = frozenset(words.frame_fillers)
        self.matcher.add("MONTHDAY", [
            [{"LOWER": {"IN": months}}, {"LIKE_NUM": True}],
            [{"LOWER": {"IN": months}}, {"LIKE_NUM": True}, {"ORTH": ","}, {"SHAPE": "dddd"}],
            [{"LOWER": {"IN": months}}, {"LIKE_NUM": True}, {"SHAPE": "dddd"}],
            [{"LIKE_NUM": True}, {"LOWER": {"IN": months}}, {"SHAPE": "dddd", "OP": "?"}],
            # day ranges in digits only: "May 2 - Seven soldiers" is a dateline and then a count
            [{"LOWER": {"IN": months}}, _DAY_DIGITS, {"ORTH": {"IN": _DASHES}}, _DAY_DIGITS],
            [{"LOWER": {"IN": months}}, {"TEXT": {"REGEX": r"^\d{1,2}[-\u2013]\d{1,2}$"}}],
            [_DAY_DIGITS, {"ORTH": {"IN": _DASHES}}, _DAY_DIGITS, {"LOWER": {"IN": months}}],
        ])
        self.matcher.add("ISO", [
            [{"SHAPE": "dddd"}, {"ORTH": "-"}, {"SHAPE": "dd"}, {"ORTH": "-"}, {"SHAPE": "dd"}],
            [{"TEXT": {"REGEX": r"^(19|20)\d\d-[01]\d-[0-3]\d$"}}],
        ])
        self.matcher.add("AGO", [[{"LIKE_NUM": True}, {"LOWER": {"IN": list(words.ago_units)}}, {"LOWER": "ago"}]])
        self.matcher.add("RELATIVE", [[{"LOWER": {"IN": words.relative_words}}], [{"LOWER": {"IN": words.relative_determiners}}, {"LOWER": {"IN": words.relative_parts}}]])
        self.matcher.add("CLOCK", [[{"TEXT": {"REGEX": r"^\d{1,2}:\d{2}$"}}, {"LOWER": {"IN": words.clock_suffixes}, "OP": "?"}]])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        parse_date = self.reader.parse
        cands = [Span(doc, e.start, e.end, label="DATE") for e in doc.ents if e.label_ in ("DATE", "TIME")]
        cands += [Span(doc, s, e, label="DATE") for _, s, e in self.matcher(doc)]
        spans, days = self._framed([s for s in non_overlapping(cands) if self.reader.temporal.search(s.text)])
        published = doc._.eventie_published
        anchor = dt.date.fromisoformat(published) if isinstance(published, str) else published
        if anchor is None:
            explicit = [parse_date(s.text, None) for s in spans if _YEAR_RE.search(s.text)]
            explicit = [d for d in explicit if d is not None]
            anchor = max(explicit) if explicit else None
        doc._.eventie_anchor_date = anchor.isoformat() if anchor else None
        for s in spans:
            value, end = self.reader.parse_range(self._day_text(s, days), anchor, published is not None)
            s._.eventie_date = {
                "value": value.isoformat() if value else None,
                "end": end.isoformat() if end else None,
                "explicit_year": bool(_YEAR_RE.search(s.text)),
            }
        set_spans(doc, self.spans_key, spans)
        return doc

    def _framed(self, spans: list[Span]) -> tuple[list[Span], dict[int, str]]:
        """"the night of 11 January", "the early hours of Monday": the part of the day and the day it belongs
        to are one date (the day's), not an unresolved "the night" beside it. Returns the spans and, by
        start token, the day text of each framed one."""
        out: list[Span] = []
        days: dict[int, str] = {}
        for s in sorted(spans, key=lambda x: x.start):
            prev = out[-1] if out else None
            if prev is not None and self._frame_of(prev, s):
                out[-1] = Span(s.doc, prev.start, s.end, label="DATE")
                days[prev.start] = s.text
                continue
            out.append(s)
        return out, days

    def _frame_of(self, prev: Span, nxt: Span) -> bool:
        words = [t.lower_ for t in prev if t.lower_ not in self.frame_fillers]
        gap = prev.doc[prev.end : nxt.start]
        joined = prev[-1].lower_ == "of" and not len(gap)
        return " ".join(words) in self.frames and (joined or (len(gap) == 1 and gap[0].lower_ == "of"))

    @staticmethod
    def _day_text(span: Span, days: dict[int, str]) -> str:
        """The text the reader parses: a framed date's day ("11 January"), a possessive's weekday."""
        return re.sub(r"[`\u2019']s$", "", days.get(span.start, span.text))
