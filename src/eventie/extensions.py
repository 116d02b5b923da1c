"""Every custom ``._`` attribute eventie uses, declared once and idempotently.

Values are plain dicts/lists/str/int so that Docs with eventie annotations serialise through
DocBin(store_user_data=True) and cross process boundaries with n_process > 1.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_ATTRS = ("actor", "equipment", "place", "date", "casualty", "attribution", "hedge", "trigger")


def install_extensions() -> None:
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name, default in (("events", None), ("anchor_date", None), ("published", None), ("blocks", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


install_extensions()
