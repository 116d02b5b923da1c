"""Event assembler: from tagged spans to events. It only reads what the components before it wrote.

1. Page blocks come from the segmenter (``doc.spans["eventie_blocks"]``: headline, caption, body,
   boilerplate); sentences with background or habitual markers ("have been reported since") state no
   incident (``document``).
2. Every body or headline sentence with a trigger, or that reports people harmed, is an event
   *mention*; a sentence listing several sites is one mention per site (``mentions``). Its actors get
   roles from the parse (``roles``).
3. Mentions of the same incident merge: compatible type, place and date (``merging``).
4. Each participant and weapon is listed once, with its mentions (``entities``); certainty follows the
   documented rules (``certainty``); the event is written as a plain dict (``output``).

Output: ``doc._.eventie_events``, a list of plain dicts shaped like ``eventie.schema.Event``.
The rules (word lists, codebook facts: ``assembler.yaml``, ``context.yaml``, ``codebook.yaml``,
``demonyms.csv``) come through ``initialize`` and are saved with the pipeline; see docs/events.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ... import labels
from ...rules import AssemblerRules, Codebook, ContextRules, DemonymRow, RuleComponent, Rules
from .barrage import share_perpetrators
from .blame import move_blame
from .coverage import spread_denials, spread_verification
from .document import BACKGROUND, BOILERPLATE, SentenceFilters, build_view
from .linking import link_actors, link_equipment
from .mentions import EventDraft, Mention, MentionBuilder
from .merging import Merger
from .output import EventWriter, text_digest
from .publisher import Voices, voices
from .role_model import RoleModel
from .roles import RoleReader
from .sides import fill_sides

__all__ = ["EventAssembler", "make_event_assembler"]


@Language.factory(
    "eventie_event_assembler",
    assigns=["doc._.eventie_events"],
    requires=["doc.spans"],
    default_config={"attach_window": 2, "min_evidence": 1, "blocks_key": labels.BLOCKS, "sources_key": labels.SOURCES},
)
def make_event_assembler(
    nlp: Language, name: str, attach_window: int, min_evidence: int, blocks_key: str = labels.BLOCKS, sources_key: str = labels.SOURCES
) -> EventAssembler:
    return EventAssembler(name, attach_window=attach_window, min_evidence=min_evidence, blocks_key=blocks_key, sources_key=sources_key)


class EventAssembler(RuleComponent):
    """Reads spans, writes ``doc._.eventie_events``; holds rules only, no per-document state."""

    rule_files = ("assembler.yaml", "context.yaml", "codebook.yaml", "demonyms.csv")

    def __init__(self, name: str, *, attach_window: int, min_evidence: int, blocks_key: str = labels.BLOCKS, sources_key: str = labels.SOURCES) -> None:
        self.name = name
        self.attach_window = attach_window
        self.min_evidence = min_evidence
        self.blocks_key = blocks_key
        self.sources_key = sources_key
        self.role_model: RoleModel | None = None

    def _load_rules(self, rules: Rules) -> None:
        book = rules.yaml("codebook.yaml", Codebook)
        rows = rules.csv("demonyms.csv", DemonymRow)
        demonyms = {r.adjective: r.side for r in rows}
        self.rules = rules.yaml("assembler.yaml", AssemblerRules)
        sideless = set(self.rules.sideless_countries)
        # gazetteer country -> side name where they differ ("Democratic Republic of the Congo" -> "DR Congo")
        self.countries = {r.country: r.side for r in rows if r.country and r.country != r.side and r.country not in sideless}
        self.countries |= dict.fromkeys(sideless, "")
        self.demonyms = demonyms
        self.filters = SentenceFilters.from_context(rules.yaml("context.yaml", ContextRules).model_dump())
        self.builder = MentionBuilder(self.rules, RoleReader(self.rules, demonyms))
        self.merger = Merger(self.rules, attach_window=self.attach_window, min_evidence=self.min_evidence)
        self.writer = EventWriter(self.rules, {t.id: t.model_dump() for t in book.types}, frozenset(demonyms.values()))
        self.set_role_model(self.role_model)

    @property
    def roles(self) -> RoleReader:
        self.ensure_rules()
        return self.builder.roles

    def set_role_model(self, model: RoleModel | None, *, record: bool = False) -> None:
        """Use a trained role classifier (None: the parse rules alone); it is saved with the pipeline.
        ``record``: collect every participant's features for training (EventWriter.recorder)."""
        self.role_model = model
        if hasattr(self, "writer"):
            self.writer.role_model = model
            self.writer.recorder = [] if record else None
            self.builder.roles.featurize = model is not None or record

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        if self.role_model is not None:
            self.role_model.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EventAssembler:
        """The rule files, and the role classifier when the folder has one (role_model.json)."""
        self.role_model = RoleModel.from_disk(path) if Path(path).exists() else None
        super().from_disk(path, exclude=exclude)
        return self

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_rules()
        self.writer.forget()
        fill_sides(doc, self.demonyms, self.rules, self.countries)
        drafts, voices, text = self.drafts(doc)
        digest = text_digest(doc, text) if drafts else ""  # Doc.text joins every token: once per document
        events = [self.writer.event(doc, d, anchor, digest, voices) for d, anchor in drafts]
        link_actors(doc, events, self.demonyms, self.rules)
        link_equipment(doc, events)
        doc._.eventie_events = events
        return doc

    def drafts(self, doc: Doc) -> tuple[list[tuple[EventDraft, str]], Voices, str]:
        """The events of ``doc`` as drafts, each with the suffix that keeps its id unique, who speaks for a
        party in it (publisher.py), and the document's text (built once, for the event ids)."""
        view = build_view(doc, self.filters, blocks_key=self.blocks_key, sources_key=self.sources_key)
        mentions: list[tuple[int, Mention]] = []
        for i in range(len(view.sents)):
            if view.kinds[i] not in (BOILERPLATE, BACKGROUND):
                mentions.extend((i, m) for m in self.builder.for_sentence(view, i))
        drafts, draft_of = self.merger.draft(mentions)
        self.merger.attach(view, self.builder, draft_of)
        self.merger.paragraph_attributions(view, drafts)
        found = voices(view, self.rules, self.writer.side_names)
        spread_verification(drafts, self.rules, self.writer.side_names, found.party_names)
        spread_denials(drafts, self.rules, self.writer.side_names, found.party_names)
        move_blame(drafts, self.builder.roles)
        share_perpetrators(drafts, self.rules)
        return _anchored(drafts, self.writer), found, view.text


def _anchored(drafts: list[EventDraft], writer: EventWriter) -> list[tuple[EventDraft, str]]:
    """Events split by site share a trigger; their place's offset tells their ids apart."""
    starts = [writer.trigger(d).start for d in drafts]
    out = []
    for d, start in zip(drafts, starts, strict=True):
        place = d.place()
        shared = starts.count(start) > 1 and place is not None
        out.append((d, f".{place.start_char}" if shared else ""))
    return out
