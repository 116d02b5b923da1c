"""The review page: highlighted spans, event cards, links that land on their evidence; and a real browser.

The browser test needs Debian's ``chromium`` (``apt-get install -y chromium``) and skips, saying so,
when it is absent. With ``EVENTIE_WRITE_DOCS_SCREENSHOT=1`` it also refreshes docs/review.png.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventie
from eventie.io.cli import app
from eventie.io.review import page, render

runner = CliRunner()
SAMPLE = resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")
TEXT = "Russian forces shelled Kherson on Tuesday, killing three civilians, Governor Oleksandr Prokudin said."


class _Dom(HTMLParser):
    """Ids, in-page links, highlighted marks (kind, text) and event cards of an HTML string."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.marks: list[list] = []
        self.cards: list[str] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "div" and "ev-card" in a.get("class", "").split():
            self.cards.append(a.get("data-event-type"))
        if tag == "mark" and "data-kind" in a:
            self._open.append([a["data-kind"], "", a["data-span"]])
            self.marks.append(self._open[-1])
        elif tag == "mark":
            self._open.append(None)

    def handle_endtag(self, tag):
        if tag == "mark" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for m in self._open:
            if m is not None:
                m[1] += data


def _dom(html: str) -> _Dom:
    d = _Dom()
    d.feed(html)
    return d


def _spans(dom: _Dom) -> set[tuple[str, str]]:
    """(kind, text) of each highlighted span, its pieces joined and the small kind labels taken off."""
    labels = ("EVENT", "ACTOR", "EQUIP", "CAS", "PLACE", "DATE", "SAYS", "HEDGE")
    joined: dict[tuple[str, str], str] = {}
    for kind, text, span in dom.marks:
        joined[(kind, span)] = joined.get((kind, span), "") + text
    out = set()
    for (kind, _), text in joined.items():
        for lab in labels:
            text = text.replace(lab, "")
        out.add((kind, text))
    return out


def test_review_render_highlights_and_links_every_value(rules):
    doc = rules.extract_document(TEXT, "2024-03-14", record_id="k1")
    html = render((TEXT, doc))
    dom = _dom(html)
    assert {("trigger", "shelled"), ("place", "Kherson"), ("date", "Tuesday"), ("actor", "Russian forces"),
            ("attribution", "said")} <= _spans(dom)
    assert dom.cards == ["shelling"]
    assert dom.links and set(dom.links) <= dom.ids  # every value links to an anchor that exists
    assert "k1-23-30" in dom.links  # the trigger's offsets: "shelled" is TEXT[23:30]
    assert html._repr_html_() == str(html) and "<script" not in html and "http" not in html


def test_review_render_takes_text_or_a_spacy_doc(rules):
    spacy_doc = rules.nlp(TEXT)
    assert _dom(render(spacy_doc)).cards == ["shelling"]
    with pytest.raises(TypeError, match="E001"):
        render(42)


def test_review_escapes_markup_in_the_article():
    doc = eventie.Document(id="x")
    assert "&lt;script&gt;" in page([("<script>alert(1)</script>", doc)]) and "<script>" not in page([("<script>", doc)])


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def test_review_page_of_the_sample_in_a_real_browser(tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium not installed (Debian: apt-get install -y chromium); the review page was not rendered in a browser")
    out = tmp_path / "review.html"
    res = runner.invoke(app, ["review", "--sample", "--model", "rules", "-o", str(out)])
    assert res.exit_code == 0, res.output
    base = [browser, *CHROME_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "review.png"
    run = subprocess.run([*base, f"--screenshot={shot}", "--window-size=1280,1000", out.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert shot.exists(), run.stderr[-2000:]
    assert _png_size(shot) == (1280, 1000) and shot.stat().st_size > 20_000
    dumped = subprocess.run([*base, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120).stdout
    dom = _dom(dumped)
    assert {("trigger", "explosion"), ("place", "Tokmak"), ("date", "Oct. 14"), ("actor", "Partisans"),
            ("equipment", "T-72 tanks"), ("casualty", "at least 12 Russian soldiers were killed"),
            ("hedge", "could not independently verify")} <= _spans(dom)
    assert dom.cards == ["explosion"] and set(dom.links) <= dom.ids
    if os.environ.get("EVENTIE_WRITE_DOCS_SCREENSHOT") == "1":
        shutil.copy(shot, Path(__file__).resolve().parents[1] / "docs" / "review.png")
