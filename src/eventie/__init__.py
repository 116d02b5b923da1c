"""eventie: evidence-backed conflict events from English news, as a spaCy pipeline.

>>> import eventie
>>> events = eventie.extract(text, published="2024-03-24")
"""

from __future__ import annotations

from . import extensions as _extensions  # noqa: F401  (registers Doc/Span attributes)
from .api import Extractor, extract, extract_many, load
from .io.review import render
from .io.tables import to_dataframe
from .schema import Actor, Attribution, Casualty, Document, Equipment, Event, Hedge, Mention, Place, Sentence

__version__ = "0.1.0"

__all__ = [
    "Actor", "Attribution", "Casualty", "Document", "Equipment", "Event", "Extractor", "Hedge", "Mention", "Place",
    "Sentence", "extract", "extract_many", "load", "render", "to_dataframe", "__version__",
]
