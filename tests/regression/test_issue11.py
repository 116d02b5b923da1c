"""Issue 11, first-hour correctness: what a new user notices in the first hour, one test per item.

Every sentence here was written for this project. Each test failed on the code before the fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from importlib import resources
from pathlib import Path

import pytest

from eventie import labels
from eventie.components.dates import DateReader, DateWords
from eventie.numbers import word_to_int
from eventie.resources import gazetteer
from eventie.rules import parse_yaml, read_packaged
from eventie.text import clean, is_probably_english


def _casualties(nlp, text):
    doc = nlp(text)  # held: a SpanGroup does not keep its Doc alive
    return [
        (s.text, s._.eventie_casualty["kind"], s._.eventie_casualty["min"], s._.eventie_casualty["max"], s._.eventie_casualty["approximate"])
        for s in doc.spans[labels.CASUALTIES]
    ]


# --- compound number words ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,value",
    [
        ("One hundred and twenty", 120),
        ("1.2 thousand", 1200),
        ("two thousand and five", 2005),
        ("one hundred and twenty-five", 125),
        ("2 and 3", None),  # two counts, not a third number
        ("five twenty", None),
        ("1.5", None),  # a decimal with no scale word counts no whole people
    ],
)
def test_number_words_read_whole(text, value):
    assert word_to_int(text) == value


@pytest.mark.parametrize(
    "text,expected",
    [
        ("One hundred and twenty people were killed in the shelling of the market.",
         [("One hundred and twenty people were killed", "killed", 120, 120, False)]),
        ("About 1.2 thousand soldiers were killed near the river, the ministry said.",
         [("About 1.2 thousand soldiers were killed", "killed", 1200, 1200, True)]),
        ("Two hundred and forty-one civilians were wounded in the attacks.",
         [("Two hundred and forty-one civilians were wounded", "injured", 241, 241, False)]),
        ("The missile killed 2 and injured 3 at the depot.",
         [("killed 2", "killed", 2, 2, False), ("injured 3", "injured", 3, 3, False)]),
    ],
)
def test_casualty_count_is_the_whole_number(nlp, text, expected):
    assert _casualties(nlp, text) == expected


# --- renamed places: every alias maps to the name in current use ----------------------------------
ALIASES = list(csv.DictReader(io.StringIO(resources.files("eventie").joinpath("data", "place_aliases.csv").read_text("utf-8"))))
# Names no longer in official or news use (Soviet-era names, Russian-derived spellings). No entry may map to one.
FORMER_NAMES = {
    "Artemivsk", "Artemovsk", "Kiev", "Odessa", "Dniprodzerzhynsk", "Illichivsk", "Stakhanov", "Severodonetsk",
    "Kirovohrad", "Dnipropetrovsk", "Krasnoarmiisk", "Dzerzhynsk", "Zhdanov",
}


@pytest.mark.parametrize("row", ALIASES, ids=[r["alias"] for r in ALIASES])
def test_place_alias_maps_to_current_name(row):
    assert row["name"] not in FORMER_NAMES
    country = {"UA": "Ukraine", "RU": "Russia", "SD": "Sudan", "PS": "Palestinian Territory", "YE": "Yemen", "LB": "Lebanon"}[row["country"]]
    for key in (row["alias"], row["name"]):
        entry = next(e for e in gazetteer().get(key) if e.country == country and not e.is_region)
        assert entry.name == row["name"]


@pytest.mark.parametrize(
    "text,mention,name",
    [
        ("Russian artillery shelled Bakhmut overnight.", "Bakhmut", "Bakhmut"),
        ("Older maps still call the town Artemivsk.", "Artemivsk", "Bakhmut"),
        ("A drone hit a warehouse in Sloviansk on Monday.", "Sloviansk", "Sloviansk"),
        ("Shelling damaged the port of Illichivsk.", "Illichivsk", "Chornomorsk"),
    ],
)
def test_renamed_place_reads_as_current_name(nlp, text, mention, name):
    doc = nlp(text)
    found = [s for s in doc.spans[labels.PLACES] if s.text == mention]
    assert [s._.eventie_place["name"] for s in found] == [name]


# --- dates -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,anchor,first,last",
    [
        ("2024-03-20", "2024-03-24", "2024-03-20", None),
        ("two days ago", "2024-03-24", "2024-03-22", None),
        ("a week ago", "2024-03-24", "2024-03-17", None),
        ("March 3-4", "2024-03-24", "2024-03-03", "2024-03-04"),
        ("3-4 March 2023", None, "2023-03-03", "2023-03-04"),
        ("last Tuesday", "2024-03-19", "2024-03-12", None),  # 19 March 2024 is a Tuesday
        ("Tuesday", "2024-03-19", "2024-03-19", None),  # plain "Tuesday" in a Tuesday report is that day
        ("last Tuesday", "2024-03-21", "2024-03-19", None),
    ],
)
def test_date_expressions_resolve(text, anchor, first, last):
    reader = DateReader(parse_yaml("date_words.yaml", read_packaged("date_words.yaml"), DateWords))
    got = reader.parse_range(text, dt.date.fromisoformat(anchor) if anchor else None, anchor is not None)
    assert tuple(d.isoformat() if d else None for d in got) == (first, last)


def _dates(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.eventie_published = published
    return [(s.text, s._.eventie_date["value"], s._.eventie_date.get("end")) for s in nlp(doc).spans[labels.DATES]]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The depot was hit on 2024-03-20, the governor said.", [("2024-03-20", "2024-03-20", None)]),
        ("Two days ago a drone struck the school.", [("Two days ago", "2024-03-22", None)]),
        ("Shelling on March 3-4 damaged the bridge.", [("March 3-4", "2024-03-03", "2024-03-04")]),
    ],
)
def test_date_tagger_reads_iso_relative_and_ranges(nlp, text, expected):
    assert _dates(nlp, text, "2024-03-24") == expected


def test_last_weekday_on_that_weekday_is_a_week_back(nlp):
    # 19 March 2024 was a Tuesday: "last Tuesday" in that day's report is 12 March, "on Tuesday" is the day itself
    text = "Last Tuesday a missile hit the port; on Tuesday drones struck the grain terminal."
    assert _dates(nlp, text, "2024-03-19") == [("Last Tuesday", "2024-03-12", None), ("Tuesday", "2024-03-19", None)]


def test_event_keeps_the_end_of_a_date_range(rules):
    text = "On March 3-4, Russian shelling killed five civilians in Kharkiv."
    (event,) = rules.extract(text, published="2024-03-24")
    assert (event.date, event.date_end, event.date_text.text) == (dt.date(2024, 3, 3), dt.date(2024, 3, 4), "March 3-4")


# --- HTML ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "html,text",
    [
        ("<p>Khan Y&uacute;nis</p>", "Khan Yúnis"),
        ("<p>Mykola&#239;v</p>", "Mykolaïv"),
        ("<p>caf&#xE9;</p>", "café"),
        ("<p>wait&hellip; now</p>", "wait… now"),
        ("<p>10&#150;12</p>", "10–12"),  # Windows-1252 reference, as browsers read it
        ("<p>Kyiv&nbsp;said</p>", "Kyiv said"),
        ("<p>bad &notanentity; ref</p>", "bad ref"),
    ],
)
def test_html_entities_decode_whole_words(html, text):
    cleaned, _ = clean(html, html=True)
    assert len(cleaned) == len(html)
    assert " ".join(cleaned.split()) == text


PAGE = """<html><body>
<header><a href="/">Home</a> <a href="/l">Russian missile strike kills nine in Odesa</a></header>
<nav><ul><li><a href="/w">Twelve soldiers killed in Avdiivka</a></li></ul></nav>
<article><header><h1>Air strike hits Khan Y&uacute;nis</h1></header>
<p>An Israeli air strike killed four people in Khan Y&uacute;nis on Tuesday, medics said.</p>
<div class="related-stories"><a href="/r">Drone attack kills two in Kherson</a></div>
<h3>Read more</h3><ul><li><a href="/m">Shelling injures six in Sumy</a></li></ul>
</article>
<aside><p>Five civilians were wounded by shelling in Nikopol.</p></aside>
<footer>Our office in Kyiv was damaged by a drone.</footer>
</body></html>"""


def test_page_furniture_makes_no_events_and_entities_keep_offsets(rules):
    events = rules.extract(PAGE, published="2024-03-20")
    places = [e.location.name for e in events if e.location]
    assert places == ["Khan Younis"]
    (event,) = [e for e in events if e.casualties]
    loc = event.location
    assert (loc.text, PAGE[loc.start : loc.end]) == ("Khan Y&uacute;nis", "Khan Y&uacute;nis")
    assert [(c.text, c.min) for c in event.casualties] == [("killed four people", 4)]


# --- language check --------------------------------------------------------------------------------
ROUNDUP = "Kharkiv: 3 killed, 12 injured. Odesa: 1 killed. Kherson: 2 injured, 1 missing. Dnipro: 4 injured. Sumy: 1 killed."


@pytest.mark.parametrize(
    "text,english",
    [
        (ROUNDUP, True),
        ("Kharkiv: 3 killed, 12 injured. Odesa: 1 killed.", True),
        ("Um ataque com drones matou três civis em Kharkiv na madrugada de terça-feira, disseram as autoridades, "
         "que acusaram as forças russas de atingir um prédio residencial.", False),
        ("Dois mortos e cinco feridos em Odesa após um bombardeio.", False),
    ],
)
def test_language_check(text, english):
    assert is_probably_english(text)[0] is english


def test_terse_english_roundup_is_extracted_without_w001(rules):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        events = rules.extract(ROUNDUP, published="2024-03-20")
    assert events


def test_portuguese_is_rejected_with_w001(rules):
    # "a" and "as" are English function words too: the function-word ratio alone let this through
    text = "Um ataque com drones matou três civis em Kharkiv na madrugada desta terça-feira, disseram as autoridades, que acusaram a Rússia."
    with pytest.warns(UserWarning, match="W001"):
        assert rules.extract(text) == []


# --- span labels -----------------------------------------------------------------------------------
def test_trimmed_spans_keep_their_labels(nlp):
    doc = nlp("The Russian army's tanks shelled Kharkiv, and the Ukrainian military destroyed a T-72 tank.")
    got = [(s.text, s.label_) for key in (labels.ACTORS, labels.EQUIPMENT) for s in doc.spans[key]]
    assert got == [("Russian army", "ACTOR"), ("Ukrainian military", "ACTOR"), ("tanks", "EQUIPMENT"), ("T-72 tank", "EQUIPMENT")]


# --- Prodigy records -------------------------------------------------------------------------------
def _prodigy_task(text, spans, answer="accept", **extra):
    tokens, pos = [], 0
    for i, word in enumerate(text.replace(".", " .").split()):
        start = text.index(word, pos)
        pos = start + len(word)
        tokens.append({"text": word, "start": start, "end": pos, "id": i, "ws": pos < len(text) and text[pos] == " "})
    out = {"text": text, "_input_hash": 99120342, "_task_hash": -7712004, "tokens": tokens, "spans": spans,
           "_view_id": "spans_manual", "answer": answer, "_timestamp": 1711090000, "_session_id": "news-2024-03-22-ana"}
    out.update(extra)
    return out


SHELLING = "Russian shelling hit Nikopol overnight."


def test_prodigy_export_validates_and_honours_answers(tmp_path):
    from eventie.training.annotation import content_id, read_annotations

    place = {"start": 21, "end": 28, "token_start": 3, "token_end": 3, "label": "PLACE"}
    lines = [
        _prodigy_task(SHELLING, [place]),
        _prodigy_task("Drones struck Sumy at dawn.", [], answer="reject"),
        _prodigy_task("A convoy was hit near Izium.", [], answer="ignore"),
        _prodigy_task(SHELLING.replace("Nikopol", "Marhanets"), [{**place, "end": 30, "token_start": 2}]),
    ]
    path = tmp_path / "prodigy.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    good, problems = read_annotations(path)
    assert [(r.meta.id, r.text[r.spans[0].start : r.spans[0].end]) for r in good] == [(content_id(SHELLING), "Nikopol")]
    assert content_id(SHELLING) == "sha1-" + hashlib.sha1(SHELLING.encode()).hexdigest()[:16]
    assert [(p.line, p.kind) for p in problems] == [(2, "skipped"), (3, "skipped"), (4, "error")]
    assert [p.reason for p in problems[:2]] == ["answer is 'reject'", "answer is 'ignore'"]
    assert "token_start/token_end 2-3" in problems[2].reason


def test_validate_reports_skipped_tasks_but_passes(tmp_path):
    from typer.testing import CliRunner

    from eventie.io.cli import app

    path = tmp_path / "prodigy.jsonl"
    tasks = [_prodigy_task(SHELLING, []), _prodigy_task("Drones struck Sumy at dawn.", [], answer="reject")]
    path.write_text("".join(json.dumps(x) + "\n" for x in tasks), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 valid records, 0 bad lines, 1 skipped (answer reject/ignore)" in result.output


# --- CLI config overrides ---------------------------------------------------------------------------
def test_overrides_read_as_spacy_train_reads_them(monkeypatch):
    from eventie.io.cli import _train_args

    monkeypatch.delenv("SPACY_CONFIG_OVERRIDES", raising=False)
    tokens = ["news.jsonl", "--corpora.train.gold_preproc", "--training.max_steps", "10", "--training.dropout=0.2", "more.jsonl"]
    files, overrides = _train_args(tokens)
    assert [str(f) for f in files] == ["news.jsonl", "more.jsonl"]
    assert overrides == {"corpora.train.gold_preproc": True, "training.max_steps": 10, "training.dropout": 0.2}


def test_train_command_takes_a_bare_flag_last(tmp_path):
    from typer.testing import CliRunner

    from eventie.io.cli import app

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    args = ["train", str(bad), "-o", str(tmp_path / "out"), "--training.max_steps", "10", "--corpora.train.gold_preproc"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 4, result.output  # the overrides parsed; the all-bad file is what stops it (E004)


# --- packaging -------------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "eventie_cnn"


def _requirement_names(reqs):
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in reqs}


def test_shipped_model_meta_is_a_proper_package_meta():
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert (meta["name"], meta["license"], meta["spacy_version"]) == ("eventie_cnn", "MIT", ">=3.8.18,<3.9.0")
    assert meta["author"] and meta["description"].startswith("eventie's shipped pipeline")
    assert _requirement_names(meta["requirements"]) == {"eventie"}


def test_every_imported_distribution_is_declared():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _requirement_names(project["dependencies"])
    declared |= {n for extra in project["optional-dependencies"].values() for n in _requirement_names(extra)}
    spacy_pin = next(r for r in project["dependencies"] if r.startswith("spacy"))
    assert spacy_pin.startswith("spacy>=3.8.18"), "the floor must be what the shipped model's meta asks for (W095)"
    dists = importlib.metadata.packages_distributions()
    imported = set()
    for path in (ROOT / "src" / "eventie").rglob("*.py"):
        imported |= set(re.findall(r"^\s*(?:import|from)\s+([a-zA-Z_]\w*)", path.read_text(encoding="utf-8"), re.M))
    third_party = {d.lower().replace("_", "-") for m in imported if m not in sys.stdlib_module_names for d in dists.get(m, [])}
    assert {"numpy", "py3langid"} <= declared
    assert third_party - declared - {"eventie"} == set()


def test_base_model_files_are_checked_against_the_pin(tmp_path):
    from eventie.pipeline import check_model_dir
    from eventie.resources import base_model_pin

    pin = base_model_pin()
    spec = importlib.util.find_spec(pin.package)
    if spec is None:
        pytest.skip(f"{pin.package} is not installed")
    installed = Path(spec.origin).parent / f"{pin.package}-{pin.version}"
    assert check_model_dir(installed, pin) == []
    copy = tmp_path / "model"
    shutil.copytree(installed, copy)
    (copy / "tagger" / "cfg").write_text((copy / "tagger" / "cfg").read_text() + " ", encoding="utf-8")
    (copy / "ner" / "moves").unlink()
    assert check_model_dir(copy, pin) == ["ner/moves missing", "tagger/cfg changed"]


@pytest.mark.slow
def test_spacy_package_builds_an_installable_pipeline(tmp_path):
    out, target = tmp_path / "pkg", tmp_path / "site"
    out.mkdir()
    subprocess.run([sys.executable, "-m", "spacy", "package", str(MODEL), str(out)], check=True, capture_output=True)
    (sdist,) = out.glob("*/dist/en_eventie_cnn-*.tar.gz")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(sdist)], check=True)
    probe = (
        "import spacy, eventie; nlp = spacy.load('en_eventie_cnn'); "
        "evs = eventie.Extractor(nlp).extract('Russian shelling killed two civilians in Kherson.', published='2024-03-20'); "
        "print(nlp.meta['name'], nlp.meta['license'], [(e.location.name, e.casualties[0].min) for e in evs])"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    res = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.stdout.split("\n")[0] == "eventie_cnn MIT [('Kherson', 2)]"
