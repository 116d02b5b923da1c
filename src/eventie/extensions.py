"""Every custom ``._`` attribute eventie uses, declared once and idempotently.

Values are plain dicts/lists/str/int so that Docs with eventie annotations serialise through
DocBin(store_user_data=True) and cross process boundaries with n_process > 1.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

# Prefixed, so that another spaCy plugin that also wants ``Span._.date`` or ``Doc._.events`` cannot collide.
SPAN_ATTRS = tuple(f"eventie_{n}" for n in ("actor", "equipment", "place", "date", "casualty", "attribution", "hedge", "trigger"))
DOC_ATTRS = tuple(f"eventie_{n}" for n in ("events", "anchor_date", "published", "blocks"))


def install_extensions() -> None:
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


install_extensions()
