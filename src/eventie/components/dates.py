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
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .. import labels
from ._common import non_overlapping, set_spans

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_MONTH_TOKENS = _MONTHS + [m + "." for m in _MONTHS if len(m) <= 4]
_DAY_DIGITS = {"TEXT": {"REGEX": r"^[0-3]?\d$"}}
_DAY_RE = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")
_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
# A DATE entity must contain a word about time; the base NER calls "between 10 and 15" a DATE.
_TEMPORAL = re.compile(
    r"\b(" + "|".join(_WEEKDAYS + _MONTHS) + r"|(19|20)\d\d|day|days|week|weeks|month|months|year|years|night|morning|"
    r"afternoon|evening|today|yesterday|tonight|overnight|ago|decade|century|spring|summer|autumn|fall|winter|dawn|noon|midnight|midday|hour|hours)\b"
    r"|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?[ap]\.?m\b",
    re.I,
)
_RELATIVE = {"today": 0, "yesterday": -1, "tonight": 0, "this morning": 0}
# Times of day with no day named: in a news report they mean the day of publication ("overnight",
# "in the evening", "at 09:00" in a live blog). Resolved only against a real publication date.
_TIME_OF_DAY = re.compile(
    r"^(overnight|overnight into \w+|last night|previous night|the previous night|during the night|in the night|"
    r"(earlier |later |late |early )?(in the |this |by |on )?(morning|afternoon|evening|night|midday|noon|day)|over the day|"
    r"during the day|midday|noon|midnight|dawn|\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?|\d{1,2} ?[ap]\.?m\.?)$",
    re.I,
)


_ISO_DATE = re.compile(r"^(?:on\s+)?((?:19|20)\d\d-[01]\d-[0-3]\d)$")
_AGO = re.compile(r"^(?:some\s+|about\s+)?([a-z]+|\d{1,2})\s+(day|days|week|weeks)\s+ago$")
_DAYS = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>,?\s+(?:19|20)\d\d)?"
# "March 3-4", "3-4 March 2024": a span of days; the event date is the first, the end is kept.
_RANGE = (
    re.compile(rf"^(?P<month>[a-z]+\.?)\s+{_DAYS}{_YEAR}$"),
    re.compile(rf"^{_DAYS}\s+(?P<month>[a-z]+\.?){_YEAR}$"),
)


def parse_date_range(text: str, anchor: dt.date | None, published: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """(first day, last day) of a date expression; the last day is None unless the text names a span.

    "March 3-4" is a two-day event: its date is March 3 (as ACLED codes multi-day events by their
    start) and the end is kept so a user can see it was more than one day.
    """
    low = re.sub(r"^(on|from|between)\s+", "", text.lower().strip())
    for rx in _RANGE:
        m = rx.match(low)
        if m and m.group("month").rstrip(".") in _MONTHS:
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
            first = parse_date(f"{m.group('month')} {d1}{m.group('year') or ''}", anchor, published)
            if first is None or not d1 < d2 <= 31:
                return first, None
            return first, first + dt.timedelta(days=d2 - d1)
    return parse_date(text, anchor, published), None


def _relative_day(low: str, anchor: dt.date | None) -> dt.date | None | bool:
    """ISO dates and counted days back ("two days ago"); False when the text is neither."""
    iso = _ISO_DATE.match(low)
    if iso:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            return None
    ago = _AGO.match(low)
    if ago:
        from ..numbers import word_to_int

        n = 1 if ago.group(1) in ("a", "an", "one") else word_to_int(ago.group(1))
        if n is None or anchor is None:
            return None
        return anchor - dt.timedelta(days=n * (7 if ago.group(2).startswith("week") else 1))
    return False


def _weekday(low: str, anchor: dt.date | None, last: bool) -> dt.date | None:
    """The latest such weekday on or before the anchor; "last Tuesday" on a Tuesday is a week back."""
    if anchor is None:
        return None
    wd = next(i for i, w in enumerate(_WEEKDAYS) if w in low)
    delta = (anchor.weekday() - wd) % 7
    return anchor - dt.timedelta(days=delta or (7 if last else 0))


@lru_cache(maxsize=65536)
def parse_date(text: str, anchor: dt.date | None, published: bool = False) -> dt.date | None:
    """Resolve a date string to a day, relative to ``anchor``; None when it names no single day.

    ``published`` says the anchor is the publication date (not a date read from the text), which is
    what lets "overnight" or "at 09:00" mean that day.
    """
    import dateparser

    if published and anchor is not None and _TIME_OF_DAY.match(text.strip()):
        return anchor
    low = text.lower().strip()
    rel = _relative_day(low, anchor)
    if rel is not False:
        return rel
    last = bool(re.match(r"^(on\s+)?last\s+", low))
    low = re.sub(r"^(on|early|late|in|the|since|by|from|until|last|this)\s+", "", low)
    low = re.sub(r"\b(early|late)\s+(on\s+)?", "", low)
    low = re.sub(r"\b(morning|afternoon|evening|night)\b", "", low).strip(" ,")
    has_year = bool(_YEAR_RE.search(text))
    if low in _RELATIVE or text.lower().strip() in _RELATIVE:
        off = _RELATIVE.get(low, _RELATIVE.get(text.lower().strip()))
        if anchor is None or off is None:
            return None
        return anchor + dt.timedelta(days=off)
    has_weekday = any(w in low for w in _WEEKDAYS)
    has_month = any(re.search(rf"\b{m}\b", low) for m in _MONTHS)
    has_day = has_month and bool(_DAY_RE.search(_YEAR_RE.sub("", low)))
    if not (has_weekday or has_day):
        return None
    if anchor is None and not has_year:
        return None
    if has_weekday and not has_day:
        return _weekday(low, anchor, last)
    return _dateparser_day(dateparser, low, anchor, has_year)


def _dateparser_day(dateparser, low: str, anchor: dt.date | None, has_year: bool) -> dt.date | None:
    base = dt.datetime.combine(anchor, dt.time(12)) if anchor else dt.datetime(2000, 1, 1)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        got = dateparser.parse(low, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd strings; an unparsed date is just None
        return None
    if got is None:
        return None
    day = got.date()
    if not has_year and anchor is not None and day > anchor:
        # Year-less dates in news point to the past of the anchor (dateparser sometimes ignores it).
        try:
            day = day.replace(year=anchor.year if day.replace(year=anchor.year) <= anchor else anchor.year - 1)
        except ValueError:
            return None
    return day


@Language.factory(
    "eventie_date_tagger",
    assigns=["doc.spans", "doc._.eventie_anchor_date"],
    default_config={"spans_key": labels.DATES},
)
def make_date_tagger(nlp: Language, name: str, spans_key: str) -> DateTagger:
    return DateTagger(nlp, name, spans_key=spans_key)


class DateTagger:
    def __init__(self, nlp: Language, name: str, *, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("WEEKDAY", [[{"LOWER": {"IN": ["early", "late"]}, "OP": "?"}, {"LOWER": {"IN": _WEEKDAYS}}, {"LOWER": {"IN": ["morning", "afternoon", "evening", "night"]}, "OP": "?"}]])
        self.matcher.add("MONTHDAY", [
            [{"LOWER": {"IN": _MONTH_TOKENS}}, {"LIKE_NUM": True}],
            [{"LOWER": {"IN": _MONTH_TOKENS}}, {"LIKE_NUM": True}, {"ORTH": ","}, {"SHAPE": "dddd"}],
            [{"LOWER": {"IN": _MONTH_TOKENS}}, {"LIKE_NUM": True}, {"SHAPE": "dddd"}],
            [{"LIKE_NUM": True}, {"LOWER": {"IN": _MONTH_TOKENS}}, {"SHAPE": "dddd", "OP": "?"}],
            # day ranges in digits only: "May 2 - Seven soldiers" is a dateline and then a count
            [{"LOWER": {"IN": _MONTH_TOKENS}}, _DAY_DIGITS, {"ORTH": {"IN": ["-", "\u2013"]}}, _DAY_DIGITS],
            [{"LOWER": {"IN": _MONTH_TOKENS}}, {"TEXT": {"REGEX": r"^\d{1,2}[-\u2013]\d{1,2}$"}}],
            [_DAY_DIGITS, {"ORTH": {"IN": ["-", "\u2013"]}}, _DAY_DIGITS, {"LOWER": {"IN": _MONTH_TOKENS}}],
        ])
        self.matcher.add("ISO", [[{"SHAPE": "dddd"}, {"ORTH": "-"}, {"SHAPE": "dd"}, {"ORTH": "-"}, {"SHAPE": "dd"}], [{"TEXT": {"REGEX": r"^(19|20)\d\d-[01]\d-[0-3]\d$"}}]])
        self.matcher.add("AGO", [[{"LIKE_NUM": True}, {"LOWER": {"IN": ["day", "days", "week", "weeks"]}}, {"LOWER": "ago"}]])
        self.matcher.add("RELATIVE", [[{"LOWER": {"IN": ["yesterday", "today", "tonight", "overnight"]}}], [{"LOWER": {"IN": ["last", "this"]}}, {"LOWER": {"IN": ["night", "morning"]}}]])
        self.matcher.add("CLOCK", [[{"TEXT": {"REGEX": r"^\d{1,2}:\d{2}$"}}, {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m."]}, "OP": "?"}]])

    def __call__(self, doc: Doc) -> Doc:
        cands = [Span(doc, e.start, e.end, label="DATE") for e in doc.ents if e.label_ in ("DATE", "TIME")]
        cands += [Span(doc, s, e, label="DATE") for _, s, e in self.matcher(doc)]
        spans = [s for s in non_overlapping(cands) if _TEMPORAL.search(s.text)]
        published = doc._.eventie_published
        anchor = dt.date.fromisoformat(published) if isinstance(published, str) else published
        if anchor is None:
            explicit = [parse_date(s.text, None) for s in spans if _YEAR_RE.search(s.text)]
            explicit = [d for d in explicit if d is not None]
            anchor = max(explicit) if explicit else None
        doc._.eventie_anchor_date = anchor.isoformat() if anchor else None
        for s in spans:
            value, end = parse_date_range(s.text, anchor, published is not None)
            s._.eventie_date = {
                "value": value.isoformat() if value else None,
                "end": end.isoformat() if end else None,
                "explicit_year": bool(_YEAR_RE.search(s.text)),
            }
        set_spans(doc, self.spans_key, spans)
        return doc
