"""Spans keys and extension names shared by the components (one place, so they never drift)."""

ACTORS = "eventie_actors"
EQUIPMENT = "eventie_equipment"
PLACES = "eventie_places"
DATES = "eventie_dates"
CASUALTIES = "eventie_casualties"
ATTRIBUTIONS = "eventie_attributions"
HEDGES = "eventie_hedges"
# the noun phrase that names each attribution's speaker (the antecedent when the cue's subject is a pronoun)
SOURCES = "eventie_sources"
TRIGGERS = "eventie_triggers"

NER_LABELS = ("ACTOR", "EQUIPMENT")
BLOCKS = "eventie_blocks"

# Labels of the page blocks the segmenter writes to doc.spans[BLOCKS].
HEADLINE = "HEADLINE"
CAPTION = "CAPTION"
BODY = "BODY"
BOILERPLATE = "BOILERPLATE"

# The actor roles of the schema (``schema.Role``), as the assembler assigns them.
PERPETRATOR = "perpetrator"
TARGET = "target"
OTHER_ROLE = "other"

# The assembler's sentence kinds: the page block a sentence lies in, or "background" for habitual statements.
KIND_BODY = "body"
KIND_HEADLINE = "headline"
KIND_CAPTION = "caption"
KIND_BOILERPLATE = "boilerplate"
KIND_BACKGROUND = "background"

# How the assembler filled an unsided actor's side (``side_from``, see assembler/sides.py): from the actor's
# own words, from what the text ties it to ("linked": a surname, an apposition, an "of" phrase), the
# document's home side, its owner's side, or as the enemy of the side it fights.
SIDE_FROM_WORDS = "words"
SIDE_FROM_LINKED = "linked"
SIDE_FROM_DOCUMENT = "document"
SIDE_FROM_OWNER = "owner"
SIDE_FROM_ENEMY = "enemy"
SIDE_FILLED_BY_ASSEMBLER = (SIDE_FROM_WORDS, SIDE_FROM_LINKED, SIDE_FROM_DOCUMENT, SIDE_FROM_OWNER, SIDE_FROM_ENEMY)
