"""ACLED-style tables: the sample row, the fatality rule, the three levels, Parquet, the missing-pandas error."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from eventie.errors import MissingExtraError
from eventie.io.cli import app
from eventie.io.tables import ACLED_COLUMNS, casualty_estimates, notes, rows, to_dataframe
from eventie.schema import Casualty

pd = pytest.importorskip("pandas")
runner = CliRunner()
TEXT = "Russian forces shelled Kherson on Tuesday, killing three civilians, Governor Oleksandr Prokudin said."


def _cas(kind="killed", lo=None, hi=None, side=None, approximate=False):
    return Casualty(text="x", start=0, end=1, kind=kind, min=lo, max=hi, side=side, approximate=approximate)


@pytest.mark.parametrize(
    "reports,expected",
    [
        ([], (None, None, None, None)),
        ([_cas(lo=12)], (12, 12, 12, 12)),  # "at least 12": open upper bound adds nothing
        ([_cas(lo=10, hi=20)], (10, 10, 15, 20)),  # "between 10 and 20"
        ([_cas(lo=5, side="Russia"), _cas(lo=7, side="Russia")], (5, 5, 6, 7)),  # two figures for the same people
        ([_cas(lo=3, side="Ukraine"), _cas(lo=2, side="Russia")], (5, 5, 5, 5)),  # different people add up
        ([_cas(lo=None)], (0, 0, 0, 0)),  # "killed" with no number: ACLED codes 0
        ([_cas(kind="injured", lo=9)], (None, None, None, None)),  # injuries are not fatalities
    ],
)
def test_tables_casualty_estimates_follow_the_conservative_rule(reports, expected):
    est = casualty_estimates(reports)
    assert (est["fatalities"], est["low"], est["best"], est["high"]) == expected


def test_tables_acled_csv_of_the_sample_reads_back_with_pandas(tmp_path):
    out = tmp_path / "events.csv"
    res = runner.invoke(app, ["extract", "--model", "rules", "--sample", "-f", "acled", "-o", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(out)
    assert list(frame.columns) == ACLED_COLUMNS
    row = frame.iloc[0]
    assert row["event_id_cnty"].startswith("UKR") and len(row["event_id_cnty"]) == 12
    got = {k: row[k] for k in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
                               "actor2", "inter2", "country", "admin1", "location", "geo_precision", "fatalities",
                               "best", "low", "high", "certainty", "claimed_by", "denied_by", "source_scale",
                               "trigger_start", "trigger_end", "location_start", "fatalities_evidence")}
    assert got == {
        "event_date": "2023-10-14", "time_precision": 1, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED", "actor1": "resistance", "inter1": "Rebel group",
        "actor2": "Russian forces", "inter2": "State forces", "country": "Ukraine", "admin1": "Zaporizhzhia Oblast",
        "location": "Tokmak", "geo_precision": 1, "fatalities": 12, "best": 12, "low": 12, "high": 12,
        "certainty": "disputed", "claimed_by": "SBU", "denied_by": "Russian government", "source_scale": "New media",
        "trigger_start": 241, "trigger_end": 250, "location_start": 310, "fatalities_evidence": "541-581",
    }
    assert (row["latitude"], row["longitude"]) == pytest.approx((47.2555, 35.7084))
    # the officials' denial is theirs ("denied by"), not also an anonymous "denied" hedge
    assert "denied by Russian government; hedged: unverified;" in row["notes"] and "\n" not in row["notes"]


def test_tables_published_date_stands_in_with_week_precision(rules):
    doc = rules.extract_document("Russian forces shelled Kherson, killing three civilians.", "2024-03-14", record_id="k")
    (row,) = rows(doc)
    assert (row["event_date"], row["time_precision"], row["actor2"], row["inter2"], row["fatalities"]) == (
        "2024-03-14", 2, "Civilians (Ukraine)", "Civilians", 3,
    )


def test_tables_levels_and_stable_ids(rules):
    doc = rules.extract_document(TEXT, "2024-03-14", record_id="k1")
    events = to_dataframe(doc)
    again = to_dataframe([doc.model_dump(mode="json")])
    assert events["event_id_cnty"].tolist() == again["event_id_cnty"].tolist()
    cas = to_dataframe(doc, level="casualty")
    assert cas[["kind", "min", "who", "claimed_by"]].values.tolist() == [["killed", 3, "civilians", "Oleksandr Prokudin"]]
    actors = to_dataframe(doc, level="actor")
    assert actors.loc[actors.role == "perpetrator", ["name", "inter"]].values.tolist() == [["Russian forces", "State forces"]]
    assert "three" not in notes(doc.events[0]) and "3 civilians killed" in notes(doc.events[0])


def test_tables_empty_input_keeps_columns_and_bad_level_is_an_error():
    assert list(to_dataframe([]).columns) == ACLED_COLUMNS
    with pytest.raises(ValueError, match="E007"):
        to_dataframe([], level="place")


def test_tables_missing_pandas_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"E020: pandas .*eventie\[pandas\]"):
        to_dataframe([])


def test_tables_parquet_output(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "events.parquet"
    res = runner.invoke(app, ["extract", "--model", "rules", "--sample", "-o", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    frame = pd.read_parquet(out)
    assert list(frame.columns) == ACLED_COLUMNS and frame["location"].tolist() == ["Tokmak"]
