"""The one conftest: shared pipelines, loaded once per session.

``rules`` is the base pipeline plus eventie's rule components (no trained weights), so component tests
do not move when the model is retrained. ``trained`` is the shipped pipeline; tests that need it skip
cleanly when it is absent.
"""

from __future__ import annotations

import pytest

import eventie
from eventie.api import packaged_model_path


@pytest.fixture(scope="session")
def rules():
    return eventie.load("rules")


@pytest.fixture(scope="session")
def nlp(rules):
    return rules.nlp


@pytest.fixture(scope="session")
def trained():
    if packaged_model_path() is None:
        pytest.skip("no trained pipeline shipped in this checkout")
    return eventie.load()


def spans(doc, key):
    return list(doc.spans[key])
