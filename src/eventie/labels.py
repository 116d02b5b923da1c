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
