"""Rules: the data files a rule component runs on, validated, held in memory and saved with the pipeline.

A rule component does not read ``src/eventie/data/`` when it is built or run. It receives its files in
``initialize`` (``[initialize.components.X.rules]`` in the config; ``eventie.packaged_rules.v1`` supplies
the shipped ones), validates them with the pydantic models below, keeps their text, and writes that text
into its own folder in ``nlp.to_disk`` (as spaCy's SpanRuler writes ``patterns.jsonl``). A saved
pipeline therefore carries the rules that produced its scores, a user's edited rules ship with it, and it
loads the same with the package's data removed.

Rules travel as a plain ``{file name: file text}`` mapping, so a saved pipeline folder holds the same
files, in the same formats, as ``src/eventie/data/``: a user edits them in place.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import io
import json
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import srsly
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.language import Language
from spacy.util import registry

from .errors import DataFileError, Warnings

M = TypeVar("M", bound=BaseModel)
RuleTexts = dict[str, str]


# ---------------------------------------------------------------------------------------------------
# Reading files: the package, a folder, a config
# ---------------------------------------------------------------------------------------------------
def read_packaged(name: str) -> str:
    """The text of one packaged data file. Only ``initialize`` (through packaged_rules) calls this."""
    try:
        return resources.files("eventie").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DataFileError(f"E006: packaged rule file data/{name} cannot be read ({exc})") from None


@registry.misc("eventie.packaged_rules.v1")
def packaged_rules(files: list[str]) -> RuleTexts:
    """The shipped rule files, by name, as ``{name: text}`` for a component's ``initialize``."""
    return {name: read_packaged(name) for name in files}


@registry.misc("eventie.rules_dir.v1")
def rules_dir(path: str, files: list[str]) -> RuleTexts:
    """Rule files from a folder of the user's own (same names and formats as ``src/eventie/data/``)."""
    out = {}
    for name in files:
        p = Path(path) / name
        if not p.exists():
            raise DataFileError(f"E006: rule file {p} does not exist")
        out[name] = p.read_text(encoding="utf-8")
    return out


# ---------------------------------------------------------------------------------------------------
# Parsing and validating
# ---------------------------------------------------------------------------------------------------
class Strict(BaseModel):
    """Base of every rule model: an unknown key is an error (a misspelt key must not silently read as empty)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def parse_jsonl(name: str, text: str, model: type[M]) -> list[M]:
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise DataFileError(f"E006: {name}:{lineno}: {exc}") from None
    return out


def parse_csv(name: str, text: str, model: type[M], delimiter: str = ",") -> list[M]:
    """Rows of a CSV/TSV file; the header must name exactly the model's fields."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    out = []
    for lineno, row in enumerate(reader, start=2):
        try:
            out.append(model.model_validate(row))
        except ValidationError as exc:
            raise DataFileError(f"E006: {name}:{lineno}: {exc}") from None
    return out


def parse_yaml(name: str, text: str, model: type[M]) -> M:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"E006: {name}: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(f"E006: {name}: {exc}") from None


class Rules:
    """One component's rule files: parse each on demand, validated, cached for the component's build."""

    def __init__(self, texts: RuleTexts, owner: str) -> None:
        self.texts = texts
        self.owner = owner
        self._parsed: dict[str, Any] = {}

    def text(self, name: str) -> str:
        if name not in self.texts:
            raise DataFileError(f"E006: rules for {self.owner} lack the file {name!r} (given: {sorted(self.texts)})")
        return self.texts[name]

    def _cached(self, name: str, parse: Any) -> Any:
        if name not in self._parsed:
            self._parsed[name] = parse(name, self.text(name))
        return self._parsed[name]

    def jsonl(self, name: str, model: type[M]) -> list[M]:
        return self._cached(name, lambda n, t: parse_jsonl(n, t, model))

    def csv(self, name: str, model: type[M], delimiter: str = ",") -> list[M]:
        return self._cached(name, lambda n, t: parse_csv(n, t, model, delimiter))

    def yaml(self, name: str, model: type[M]) -> M:
        return self._cached(name, lambda n, t: parse_yaml(n, t, model))


# ---------------------------------------------------------------------------------------------------
# The component mixin
# ---------------------------------------------------------------------------------------------------
class RuleComponent:
    """Mixin for a component whose behaviour lives in rule files.

    A subclass sets ``rule_files`` (the names it needs) and implements ``_load_rules(rules)``, which builds
    matchers and lookups from the validated files. The rules are set by ``initialize`` (from the config,
    else the packaged files), restored by ``from_disk``/``from_bytes``, and written by ``to_disk``/``to_bytes``.
    A component used before either (``nlp.add_pipe`` then a call) initialises itself from the packaged rules.
    """

    rule_files: ClassVar[tuple[str, ...]] = ()
    name: str
    nlp: Language
    rule_texts: RuleTexts | None = None
    scorer: Callable[..., dict[str, Any]] | None = None  # set by the factory (eventie.scoring)

    def scored_keys(self) -> tuple[str, ...]:
        """The ``doc.spans`` keys the scorer compares with the gold of the same keys."""
        return (self.spans_key,)  # type: ignore[attr-defined]

    def score(self, examples: Iterable[Any], **kwargs: Any) -> dict[str, Any]:
        if self.scorer is None:
            return {}
        return self.scorer(examples, spans_keys=self.scored_keys(), **kwargs)

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None, rules: dict[str, str] | None = None) -> None:
        """Take the rules: ``rules`` as ``{file name: text}``, or the packaged files when None.

        (``rules`` is annotated with builtins only: spaCy validates ``[initialize.components.X]`` against this
        signature, resolving the annotation outside this module.)
        """
        self.set_rules(packaged_rules(list(self.rule_files)) if rules is None else dict(rules))

    def set_rules(self, texts: RuleTexts) -> None:
        missing = [f for f in self.rule_files if f not in texts]
        if missing:
            raise DataFileError(f"E006: rules for {self.name} lack the file(s) {missing}")
        self._load_rules(Rules(texts, self.name))
        self.rule_texts = {f: texts[f] for f in self.rule_files}

    def _load_rules(self, rules: Rules) -> None:
        raise NotImplementedError

    def ensure_rules(self) -> None:
        if self.rule_texts is None:
            self.initialize()

    # -- serialisation: the rule files, byte for byte -----------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.ensure_rules()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for fname, text in (self.rule_texts or {}).items():
            (path / fname).write_text(text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RuleComponent:
        path = Path(path)
        if not path.exists():
            # A pipeline saved before components carried their rules: it runs on the installed package's.
            warnings.warn(Warnings.W005.format(name=self.name, path=path), stacklevel=2)
            self.initialize()
            return self
        self.set_rules({f: (path / f).read_text(encoding="utf-8") for f in self.rule_files if (path / f).exists()})
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        self.ensure_rules()
        return srsly.msgpack_dumps(self.rule_texts)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RuleComponent:
        self.set_rules(dict(srsly.msgpack_loads(data)))
        return self


def rules_config(files: Iterable[str]) -> dict[str, Any]:
    """The ``[initialize.components.X]`` block that supplies packaged rule files."""
    return {"rules": {"@misc": "eventie.packaged_rules.v1", "files": list(files)}}


# ---------------------------------------------------------------------------------------------------
# Rule models, one per data file
# ---------------------------------------------------------------------------------------------------
class ActorRule(Strict):
    id: str
    pattern: str
    name: str
    side: str | None = None
    kind: str
    case: str = "lower"


class EquipmentRule(Strict):
    id: str
    pattern: str
    name: str
    category: str
    side: str | None = None


class CueRule(Strict):
    id: str
    category: str
    literal: str | None = None
    phrase: str | None = None
    pattern: list[dict[str, Any]] | None = None
    cue: str | None = None
    kind: str | None = None
    # ConText-style behaviour of the cue, on the rule rather than keyed to its id in code
    requires_source: bool = False  # "added", "noted", "published" attribute only with a speaker
    requires_judgement: bool = False  # "called": only "called X Y" / "called on", not "a village called"
    # a parse check the match must pass, named in components/claims.py ("modal_epistemic": "may" the month
    # and "could not reach" are no hedges; "passive_unsourced": "were reported" with nobody reporting)
    guard: str | None = None

    def model_post_init(self, _ctx: Any) -> None:
        if (self.phrase is None) == (self.pattern is None):
            raise ValueError(f"cue rule {self.id}: give exactly one of phrase/pattern")


class TriggerRule(Strict):
    id: str
    type: str
    lemmas: list[str]
    constraints: dict[str, str] = {}


class DemonymRow(Strict):
    adjective: str
    side: str
    country: str | None = None  # the gazetteer's country name, for the place tagger's document context


class PersonnelRow(Strict):
    noun: str
    kind: str
    name: str


class ChannelRow(Strict):
    term: str
    channel: str


class StatusRow(Strict):
    lemma: str
    status: str


class CasualtyLexicon(Strict):
    """``casualties.yaml``; every key required (see the comments in the file)."""

    outcomes: dict[str, list[str]]
    victims: list[str]
    presence: list[str]
    non_casualty_heads: list[str]
    approximate: list[str]
    lower_bound: list[str]
    more_than: list[str]
    upper_bound: list[str]
    vague: dict[str, list[int | None]]
    none: list[str]
    intransitive_outcomes: list[str]
    killing_with_dead: list[str]
    harm_adjectives: dict[str, str]
    loss_nouns: list[str]
    loss_modifiers: list[str]
    body_not_dead: list[str]
    not_casualty_verbs: list[str]
    unrealised_heads: list[str]
    plain_harm: list[str]
    tens: list[str]
    unit_words: list[str]
    range_connectors: list[str]
    non_numeric_entities: list[str]
    exchange_words: list[str]
    singular_pronouns: list[str]
    presence_verbs: list[str]
    hospital_words: list[str]
    injury_stems: list[str]
    toll_reaching_words: list[str]
    toll_nouns: list[str]
    death_toll_nouns: list[str]
    people_pronouns: list[str]
    count_nobody_words: list[str]
    group_determiners: list[str]
    subset_words: list[str]
    subset_prepositions: list[str]
    harm_of_person: dict[str, str]
    age_words: list[str]
    age_list_words: list[str]


class ContextRules(Strict):
    """``context.yaml``: page context markers, shared by the segmenter/assembler and the claim detector."""

    caption_markers: list[str]
    boilerplate_markers: list[str]
    background_markers: list[str]
    background_patterns: list[str]
    organisation_words: list[str]
    context_clause_openers: list[str]


class BaseModelPin(Strict):
    """``base_model.json``: the pinned base pipeline release, and the SHA-256 of each of its model files."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    comment: str = Field("", alias="_comment")
    distribution: str
    package: str
    version: str
    wheel_sha256: str
    files: dict[str, str]


class HtmlRules(Strict):
    """``html.yaml``: which parts of a web page are furniture (navigation, sidebars, related links)."""

    blank_elements: tuple[str, ...]
    page_elements: tuple[str, ...]
    boilerplate_attributes: tuple[str, ...]
    boilerplate_headings: tuple[str, ...]


class CodebookType(Strict):
    id: str
    description: str
    acled_event_type: str | None
    acled_sub_event_type: str | None


class Codebook(Strict):
    version: int
    types: list[CodebookType]


class AssemblerRules(Strict):
    """``assembler.yaml``: the word lists and codebook facts the event assembler reads (docs/events.md)."""

    specificity: dict[str, int]
    remote_types: frozenset[str]
    group_nouns: frozenset[str]
    target_preps: frozenset[str]
    agent_preps: frozenset[str]
    harmed_preps: frozenset[str]
    ally_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    self_pronouns: frozenset[str]
    force_speaker_kinds: frozenset[str]
    line_speaker_lead: int
    owner_deps: frozenset[str]
    target_owner_deps: frozenset[str]
    holder_preps: frozenset[str]
    holder_kinds: frozenset[str]
    loss_verbs: frozenset[str]
    origin_preps: frozenset[str]
    origin_words: frozenset[str]
    departure_words: frozenset[str]
    actor_place_preps: frozenset[str]
    reference_nouns: frozenset[str]
    group_part_nouns: frozenset[str]
    reason_nouns: frozenset[str]
    destination_preps: frozenset[str]
    destination_verbs: frozenset[str]
    blocked_edges: frozenset[str]
    modifier_deps: frozenset[str]
    object_deps: frozenset[str]
    specifier_deps: frozenset[str]
    attributive_deps: frozenset[str]
    repel_verbs: frozenset[str]
    actor_verbs: frozenset[str]
    reaction_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    responsibility_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    feeling_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    denying_determiners: frozenset[str]
    means_categories: frozenset[str]
    platform_categories: frozenset[str]
    party_kinds: frozenset[str]
    local_official_words: frozenset[str]
    party_words: frozenset[str]
    statement_words: frozenset[str]
    statement_preps: frozenset[str]
    statement_determiners: frozenset[str]
    contradiction_words: tuple[str, ...]
    verification_words: frozenset[str]
    plural_claim_words: frozenset[str]
    single_claim_words: frozenset[str]
    pending_words: frozenset[str]
    habitual_words: tuple[str, ...]
    standing_claim_words: tuple[str, ...]
    support_charge_words: tuple[str, ...]
    denial_lemmas: tuple[str, ...]
    agreement_objects: tuple[str, ...]
    count_groups: dict[str, frozenset[str]]
    target_framings: dict[str, tuple[str, ...]]
    framing_negators: frozenset[str]
    unframed_types: frozenset[str]
    failure_words: tuple[str, ...]
    harm_kinds: frozenset[str]
    harm_types: dict[str, str]
    harm_default_type: str
    status_rank: tuple[str, ...]
    generic_rules: frozenset[str]
    side_fill_kinds: frozenset[str]
    side_follow_kinds: frozenset[str]
    side_source_kinds: frozenset[str]
    owner_words: frozenset[str]
    speaker_owner_words: frozenset[str]
    owner_kinds: frozenset[str]
    owner_heads: frozenset[str]
    side_free_words: frozenset[str]
    metonym_sides: dict[str, str]
    sideless_countries: list[str]
    enemy_words: frozenset[str]
    side_follow_words: frozenset[str]
    link_preps: frozenset[str]
    unlinked_heads: frozenset[str]
    state_words: frozenset[str]
    not_state_words: frozenset[str]
    no_fill_words: frozenset[str]
    speaker_heads: frozenset[str]
    personnel_kinds: frozenset[str]
    linked_force_kinds: frozenset[str]
    attribute_preps: dict[str, str]
    work_nouns: frozenset[str]
    series_nouns: frozenset[str]
    harm_nouns: frozenset[str]
    linked_people_kinds: frozenset[str]
    linked_people_heads: list[str]
    speaker_force_heads: frozenset[str]
    reference_preps: frozenset[str]
    loose_reference_preps: frozenset[str]
    direction_words: frozenset[str]
    distance_units: frozenset[str]
    reference_km: float
    nearby_km: float


# The AssemblerRules fields that are verb classes: the role model marks a word with the class of the verb it
# hangs off (field names, not words: the words are the fields' values in assembler.yaml).
ROLE_VERB_CLASSES = ("speech_verbs", "reaction_verbs", "actor_verbs", "harm_verbs", "ally_verbs")


class ResolverRules(Strict):
    """``resolver.yaml``: what the span resolver needs to tell a real NER span from junk (docs/events.md)."""

    equipment_heads: frozenset[str]
    people_heads: frozenset[str]
    not_actor_heads: frozenset[str]


PRECISIONS = ("settlement", "district", "region", "country")


class PlaceEntry(BaseModel):
    """One gazetteer row. ``precision`` is ACLED-like geo-precision: settlement (town, village or named
    site), district (admin2), region (admin1 or a named area) or country."""

    model_config = ConfigDict(frozen=True)
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None = None
    population: int
    precision: str = "settlement"

    @property
    def is_region(self) -> bool:
        return self.precision != "settlement"

    @property
    def rank(self) -> int:
        """0 for a settlement up to 3 for a country: lower is more specific."""
        return PRECISIONS.index(self.precision)


class Gazetteer:
    """Every match key (name or alias) -> its candidate places, most populous first.

    Rows stay as raw lines until a key that names them is looked up: building 234k pydantic objects at
    load would cost seconds, and a text names a few dozen places.
    """

    def __init__(self, text: str, keys: list[str], postings: list[str], weak: frozenset[str], n_rows: int) -> None:
        self._text = text
        self._keys = keys  # sorted: a binary search costs less at load than a 270k-key dict
        self._postings = postings
        self._rows: dict[int, PlaceEntry] = {}
        self.weak = weak
        self.n_rows = n_rows

    def _find(self, key: str) -> int:
        i = bisect.bisect_left(self._keys, key)
        return i if i < len(self._keys) and self._keys[i] == key else -1

    def __contains__(self, key: str) -> bool:
        return self._find(key) >= 0

    @property
    def n_keys(self) -> int:
        return len(self._keys)

    def completions(self, prefix: str, max_extra: int) -> list[str]:
        """Keys that are ``prefix`` and at most ``max_extra`` more characters ("Tuz Khurma" -> "Tuz Khurmatu")."""
        out, i = [], bisect.bisect_left(self._keys, prefix)
        while i < len(self._keys) and self._keys[i].startswith(prefix):
            if len(self._keys[i]) - len(prefix) <= max_extra:
                out.append(self._keys[i])
            i += 1
        return out

    def get(self, key: str) -> list[PlaceEntry]:
        i = self._find(key)
        if i < 0:
            return []
        return sorted((self._row(int(o)) for o in self._postings[i].split(",")), key=lambda e: -e.population)

    def _row(self, offset: int) -> PlaceEntry:
        entry = self._rows.get(offset)
        if entry is None:
            line = self._text[offset : self._text.index("\n", offset)]
            name, gid, lat, lon, country, admin1, admin2, pop, precision = line.split("\t")
            if precision not in PRECISIONS:
                raise DataFileError(f"E006: data/places.tsv.gz at {offset}: unknown precision {precision!r}")
            entry = PlaceEntry.model_construct(
                name=name, geonameid=int(gid) or None, lat=float(lat) if lat else None, lon=float(lon) if lon else None,
                country=country or None, admin1=admin1 or None, admin2=admin2 or None, population=int(pop), precision=precision,
            )
            self._rows[offset] = entry
        return entry


_NOT_DECOMPOSED = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "ı": "i", "ł": "l", "Ł": "L", "Đ": "D", "Ð": "D", "đ": "d",
                                 "ð": "d", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "ə": "e", "Ə": "E", "ħ": "h", "ḩ": "h"})


def fold_name(s: str) -> str:
    """ASCII-fold a place name ('Khān Yūnis' -> 'Khan Yunis', 'Łódź' -> 'Lodz'), as the gazetteer's keys
    are written; an ASCII file also takes half the memory of one with a single curly apostrophe."""
    s = s.translate(_NOT_DECOMPOSED)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def load_gazetteer(raw: bytes, weak_text: str) -> Gazetteer:
    """The worldwide gazetteer from ``places.tsv.gz`` (``scripts/build_gazetteer.py``; GeoNames, CC BY 4.0)."""
    text = gzip.decompress(raw).decode("utf-8")
    k, p = text.find("\n#keys\n"), text.find("\n#postings\n")
    if k < 0 or p < 0 or not text.startswith("name\t") or not text[: text.index("\n")].endswith("\tprecision"):
        raise DataFileError("E006: data/places.tsv.gz: unexpected layout; rebuild with scripts/build_gazetteer.py")
    keys, postings = text[k + 7 : p].split("\n"), text[p + 11 :].split("\n")
    if len(keys) != len(postings):
        raise DataFileError("E006: data/places.tsv.gz: keys and postings differ; rebuild with scripts/build_gazetteer.py")
    weak = frozenset(w for w in weak_text.splitlines() if w)
    return Gazetteer(text, keys, postings, weak, n_rows=text.count("\n", 0, k))


__all__ = [
    "ActorRule", "AssemblerRules", "ResolverRules", "CasualtyLexicon", "ChannelRow", "Codebook", "ContextRules", "CueRule", "DemonymRow",
    "EquipmentRule", "PersonnelRow", "PlaceEntry", "RuleComponent", "Rules", "StatusRow", "Strict",
    "TriggerRule", "Gazetteer", "PRECISIONS", "fold_name", "load_gazetteer", "packaged_rules", "parse_csv", "parse_jsonl", "parse_yaml", "read_packaged",
    "rules_config", "rules_dir",
]
