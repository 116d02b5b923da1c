"""The annotation format for training and test data, and its validator.

One JSON object per line. Spans follow the Prodigy/spaCy convention (``start``/``end`` are character
offsets, end exclusive) and carry label-specific attributes inline, so a Prodigy user can read them.
Event frames point at spans by their index in ``spans``; that keeps the normalised values (ISO dates,
casualty numbers) next to the evidence they were read from.

Authors may omit ``start``/``end`` and give ``text`` (plus ``occurrence``, 1-based) instead;
:func:`anchor_record` fills in the offsets. That makes hand-labelling by quoting safe: the offsets are
computed, never typed.

Why a line-by-line validator that keeps going: a user's annotation file with one bad line out of a
thousand must still train, and the user must learn which line was bad and why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SpanLabel = Literal[
    "ACTOR", "EQUIPMENT", "CASUALTY", "PLACE", "DATE", "TRIGGER", "ATTRIBUTION", "HEDGE"
]
SPAN_LABELS: tuple[str, ...] = SpanLabel.__args__  # type: ignore[attr-defined]

CasualtyKind = Literal["killed", "injured", "captured", "missing", "present"]
Certainty = Literal["confirmed", "reported", "claimed", "unverified", "disputed"]
EquipmentStatus = Literal["destroyed", "damaged", "captured", "hit", "intercepted", "lost"]

# Attributes each label may carry; anything else on a span is an error, so typos do not pass silently.
LABEL_ATTRS: dict[str, frozenset[str]] = {
    "ACTOR": frozenset({"name", "side", "kind"}),
    "EQUIPMENT": frozenset({"name", "category", "count", "side", "status"}),
    "CASUALTY": frozenset({"kind", "min", "max", "approximate", "who", "side"}),
    "PLACE": frozenset({"name", "admin1", "country", "occupied"}),
    "DATE": frozenset({"value"}),
    "TRIGGER": frozenset({"type"}),
    "ATTRIBUTION": frozenset({"cue", "source", "channel"}),
    "HEDGE": frozenset({"kind"}),
}


# Keys Prodigy writes on a task (``prodigy db-out``) that eventie does not need: accepted and ignored, so a
# Prodigy export validates as it is. ``answer`` is read first: "reject" and "ignore" tasks are skipped.
PRODIGY_TASK_KEYS = frozenset({
    "_input_hash", "_task_hash", "_view_id", "_timestamp", "_session_id", "_annotator_id", "_is_binary",
    "answer", "tokens", "label", "score", "priority", "pattern", "html", "options", "accept", "flagged",
})
# ...and on a span: Prodigy's token indices (``token_end`` inclusive, checked against ``tokens``) and model scores.
PRODIGY_SPAN_KEYS = frozenset({"token_start", "token_end", "score", "priority", "input_hash", "pattern", "answer"})
SKIPPED_ANSWERS = frozenset({"reject", "ignore"})


class AnnotationError(ValueError):
    """A record of an annotation file is malformed; the message names the line and the reason."""


class SkippedRecord(AnnotationError):
    """A well-formed record that is not used: a Prodigy task answered "reject" or "ignore"."""


class Span(BaseModel):
    """One labelled stretch of text with its label-specific attributes."""

    model_config = ConfigDict(extra="forbid")

    start: int | None = Field(None, ge=0, description="Character offset of the first character.")
    end: int | None = Field(None, ge=0, description="Character offset after the last character.")
    label: SpanLabel
    text: str | None = Field(None, description="The covered text; checked against the offsets.")
    occurrence: int | None = Field(
        None, ge=1, description="Authoring aid: which occurrence of `text` is meant (1-based)."
    )
    # Label-specific attributes (see LABEL_ATTRS).
    name: str | None = None
    side: str | None = None
    kind: str | None = None
    category: str | None = None
    count: int | None = Field(None, ge=0)
    status: EquipmentStatus | None = None
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)
    approximate: bool | None = None
    who: str | None = None
    admin1: str | None = None
    country: str | None = None
    occupied: bool | None = None
    value: dt.date | None = None
    type: str | None = None
    cue: str | None = None
    source: str | None = None
    channel: str | None = None

    @model_validator(mode="after")
    def _check_attrs(self) -> Span:
        allowed = LABEL_ATTRS[self.label] | {"start", "end", "label", "text", "occurrence"}
        extra = sorted(k for k in self.model_fields_set if k not in allowed)
        if extra:
            raise ValueError(f"{self.label} span cannot have {extra}; allowed: {sorted(allowed)}")
        if self.label == "CASUALTY":
            if self.kind not in ("killed", "injured", "captured", "missing", "present"):
                raise ValueError(f"CASUALTY kind must be killed/injured/captured/missing/present, got {self.kind!r}")
            if self.min is not None and self.max is not None and self.min > self.max:
                raise ValueError(f"CASUALTY min {self.min} > max {self.max}")
        if self.label == "HEDGE" and not self.kind:
            raise ValueError("HEDGE span needs a kind")
        if self.label == "ATTRIBUTION" and not self.cue:
            raise ValueError("ATTRIBUTION span needs a cue")
        return self


class Relation(BaseModel):
    """A typed link between two spans (e.g. an ATTRIBUTION cue and its source ACTOR)."""

    model_config = ConfigDict(extra="forbid")

    head: int = Field(ge=0)
    child: int = Field(ge=0)
    label: str


class EventFrame(BaseModel):
    """One event: its type and the spans (by index) that fill its slots."""

    model_config = ConfigDict(extra="forbid")

    type: str
    trigger: int | None = None
    perpetrators: list[int] = []
    targets: list[int] = []
    others: list[int] = []
    place: int | None = None
    date: int | None = None
    date_value: dt.date | None = Field(None, description="The event's date, ISO, resolved by the annotator.")
    equipment: list[int] = []
    casualties: list[int] = []
    attributions: list[int] = []
    hedges: list[int] = []
    certainty: Certainty


class Meta(BaseModel):
    """Where an article comes from; `source` says what it paraphrases or that it is invented."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="Unique id; when a record gives none, a hash of its text (see content_id).")
    published: dt.date | None = None
    source: str | None = None
    license: str | None = None


# Which span labels each event slot may point at.
_SLOT_LABELS: dict[str, str] = {
    "trigger": "TRIGGER",
    "perpetrators": "ACTOR",
    "targets": "ACTOR",
    "others": "ACTOR",
    "place": "PLACE",
    "date": "DATE",
    "equipment": "EQUIPMENT",
    "casualties": "CASUALTY",
    "attributions": "ATTRIBUTION",
    "hedges": "HEDGE",
}


class AnnotatedArticle(BaseModel):
    """One annotated article: text, provenance, spans, relations and event frames."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    meta: Meta  # optional in the file: parse_line fills in {"id": content_id(text)}
    spans: list[Span] = []
    relations: list[Relation] = []
    events: list[EventFrame] = []

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text is blank")
        return v

    @model_validator(mode="after")
    def _check_offsets_and_refs(self) -> AnnotatedArticle:
        n = len(self.text)
        for i, sp in enumerate(self.spans):
            if sp.start is None or sp.end is None:
                raise ValueError(f"span {i} ({sp.label} {sp.text!r}) has no start/end; anchor it first")
            if not (0 <= sp.start < sp.end <= n):
                raise ValueError(f"span {i} offsets {sp.start}-{sp.end} out of range for text of {n} chars")
            covered = self.text[sp.start : sp.end]
            if sp.text is not None and covered != sp.text:
                raise ValueError(f"span {i} text {sp.text!r} does not match text[{sp.start}:{sp.end}] = {covered!r}")
            if covered != covered.strip():
                raise ValueError(f"span {i} {covered!r} starts or ends with whitespace")
        for r in self.relations:
            for idx in (r.head, r.child):
                if idx >= len(self.spans):
                    raise ValueError(f"relation points at span {idx}, but there are {len(self.spans)} spans")
        for e_i, ev in enumerate(self.events):
            for slot, label in _SLOT_LABELS.items():
                val = getattr(ev, slot)
                idxs = [val] if isinstance(val, int) else (val or [])
                for idx in idxs:
                    if idx >= len(self.spans):
                        raise ValueError(f"event {e_i} {slot} points at span {idx}; only {len(self.spans)} spans")
                    if self.spans[idx].label != label:
                        raise ValueError(
                            f"event {e_i} {slot} points at span {idx} labelled {self.spans[idx].label}, "
                            f"expected {label}"
                        )
        return self

    def spans_by_label(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]


@dataclass(frozen=True)
class LineProblem:
    """A bad line: where it is and why it was rejected."""

    path: str
    line: int
    reason: str
    kind: Literal["error", "skipped"] = "error"  # skipped: a good line not used (Prodigy reject/ignore)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'skipped: ' if self.kind == 'skipped' else ''}{self.reason}"


def content_id(text: str) -> str:
    """A record id from its text alone: the same article gets the same id in every file and run."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _token_check(i: int, sp: dict[str, Any], tokens: Any) -> None:
    """Prodigy's token_start/token_end must name the tokens the character offsets cover."""
    ts, te = sp.get("token_start"), sp.get("token_end")
    if ts is None or te is None or not isinstance(tokens, list) or sp.get("start") is None:
        return
    try:
        first, last = tokens[ts], tokens[te]
        ok = first["start"] == sp["start"] and last["end"] == sp["end"]
    except (IndexError, KeyError, TypeError):
        ok = False
    if not ok:
        raise AnnotationError(f"span {i}: token_start/token_end {ts}-{te} do not cover characters {sp['start']}-{sp.get('end')}")


def from_prodigy(obj: dict[str, Any]) -> dict[str, Any]:
    """A Prodigy task as an eventie record: skip rejected/ignored tasks, drop Prodigy's own keys, give an id.

    Raises :class:`SkippedRecord` for ``answer`` "reject"/"ignore", :class:`AnnotationError` when the
    token indices disagree with the character offsets.
    """
    answer = obj.get("answer")
    if answer in SKIPPED_ANSWERS:
        raise SkippedRecord(f"answer is {answer!r}")
    out = {k: v for k, v in obj.items() if k not in PRODIGY_TASK_KEYS}
    spans = []
    for i, sp in enumerate(obj.get("spans") or []):
        if isinstance(sp, dict):
            _token_check(i, sp, obj.get("tokens"))
            sp = {k: v for k, v in sp.items() if k not in PRODIGY_SPAN_KEYS}
        spans.append(sp)
    if "spans" in obj:
        out["spans"] = spans
    meta = dict(out.get("meta") or {})
    if not meta.get("id") and isinstance(obj.get("text"), str):
        meta["id"] = content_id(obj["text"])
    out["meta"] = meta
    return out


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def anchor_record(record: dict[str, Any]) -> dict[str, Any]:
    """Fill in ``start``/``end`` of spans that give only ``text`` (+ ``occurrence``).

    Matches respect word boundaries, so "HUR" never anchors inside "HURRY". Raises
    :class:`AnnotationError` when a quoted string is not in the text often enough.
    """
    text = record.get("text")
    if not isinstance(text, str):
        raise AnnotationError("record has no text")
    out = dict(record)
    spans = []
    for i, sp in enumerate(record.get("spans", [])):
        sp = dict(sp)
        if sp.get("start") is None or sp.get("end") is None:
            needle = sp.get("text")
            if not needle:
                raise AnnotationError(f"span {i} has neither offsets nor text")
            occ = int(sp.pop("occurrence", None) or 1)
            pattern = re.compile(
                (r"(?<!\w)" if _word_char(needle[0]) else "")
                + re.escape(needle)
                + (r"(?!\w)" if _word_char(needle[-1]) else "")
            )
            hits = [m.start() for m in pattern.finditer(text)]
            if len(hits) < occ:
                raise AnnotationError(
                    f"span {i} {needle!r}: occurrence {occ} asked, {len(hits)} found in the text"
                )
            sp["start"] = hits[occ - 1]
            sp["end"] = hits[occ - 1] + len(needle)
        else:
            sp.pop("occurrence", None)
            if sp.get("text") is None:
                sp["text"] = text[sp["start"] : sp["end"]]
        spans.append(sp)
    out["spans"] = spans
    return out


def iter_jsonl_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) pairs, decoding bytes leniently so one bad byte costs one line."""
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield lineno, f"\x00BAD-ENCODING {exc}"
                continue
            yield lineno, line


def parse_line(line: str, *, anchor: bool = False) -> AnnotatedArticle:
    """Parse and validate one JSONL line; raises AnnotationError with a readable reason."""
    if line.startswith("\x00BAD-ENCODING"):
        raise AnnotationError("line is not valid UTF-8: " + line.split(" ", 1)[1])
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise AnnotationError(f"expected a JSON object, got {type(obj).__name__}")
    obj = from_prodigy(obj)
    if anchor:
        obj = anchor_record(obj)
    try:
        return AnnotatedArticle.model_validate(obj)
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()
        )
        raise AnnotationError(reasons) from None


def read_annotations(
    paths: str | Path | Iterable[str | Path], *, anchor: bool = False
) -> tuple[list[AnnotatedArticle], list[LineProblem]]:
    """Read annotated articles from one or more JSONL files, keeping every good line.

    Returns the good records and one :class:`LineProblem` per bad line (blank lines are skipped
    silently). Duplicate ``meta.id`` values are reported, and the first one kept. Prodigy tasks answered
    "reject" or "ignore" are not used and come back as problems of kind "skipped".
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    good: list[AnnotatedArticle] = []
    problems: list[LineProblem] = []
    seen: dict[str, str] = {}
    for path in paths:
        for lineno, line in iter_jsonl_lines(path):
            if not line.strip():
                continue
            try:
                rec = parse_line(line, anchor=anchor)
            except SkippedRecord as exc:
                problems.append(LineProblem(str(path), lineno, str(exc), kind="skipped"))
                continue
            except AnnotationError as exc:
                problems.append(LineProblem(str(path), lineno, str(exc)))
                continue
            where = f"{path}:{lineno}"
            if rec.meta.id in seen:
                problems.append(LineProblem(str(path), lineno, f"duplicate id {rec.meta.id!r} (first at {seen[rec.meta.id]})"))
                continue
            seen[rec.meta.id] = where
            good.append(rec)
    return good, problems


def dump_record(rec: AnnotatedArticle) -> str:
    """Serialise one record compactly, dropping unset attributes so files stay readable."""
    data = rec.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    for sp in data["spans"]:
        sp.pop("occurrence", None)
    for ev in data["events"]:
        for k in [k for k, v in ev.items() if v == [] ]:
            del ev[k]
    if not data["relations"]:
        del data["relations"]
    return json.dumps(data, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    """``python -m eventie.training.annotation anchor IN OUT``: anchor a draft (JSONL, or a JSON array) and validate it."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] != "anchor":
        print("usage: python -m eventie.training.annotation anchor DRAFT.jsonl OUT.jsonl", file=sys.stderr)
        return 2
    if args[1].endswith(".json"):
        # Authoring convenience: a pretty-printed JSON array of records, one problem per record.
        recs, problems = [], []
        for i, obj in enumerate(json.loads(Path(args[1]).read_text(encoding="utf-8")), start=1):
            try:
                recs.append(parse_line(json.dumps(obj), anchor=True))
            except AnnotationError as exc:
                problems.append(LineProblem(args[1], i, f"record {i}: {exc}"))
    else:
        recs, problems = read_annotations(args[1], anchor=True)
    for p in problems:
        print(p, file=sys.stderr)
    Path(args[2]).write_text("".join(dump_record(r) + "\n" for r in recs), encoding="utf-8")
    print(f"{len(recs)} good records written to {args[2]}; {len(problems)} bad lines", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
