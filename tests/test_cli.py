"""The command line: formats, inputs, bad lines, exit codes, atomic output."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from eventie.io.cli import app

runner = CliRunner()
TEXT = "Russian forces shelled Kherson on Tuesday, killing three civilians, Governor Oleksandr Prokudin said."


def _invoke(*args):
    return runner.invoke(app, ["extract", "--model", "rules", *args])


def test_sample_runs_and_prints_json():
    res = _invoke("--sample")
    assert res.exit_code == 0, res.output
    docs = json.loads(res.stdout)
    assert len(docs) == 1 and docs[0]["events"][0]["location"]["name"] == "Tokmak"


def test_jsonl_in_csv_out_with_bad_line_skipped(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "k1", "text": TEXT, "published": "2024-03-14"}) + "\n{oops\n" + json.dumps({"id": "k2", "text": ""}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    res = _invoke(str(src), "-o", str(out), "--no-progress")
    assert res.exit_code == 1  # done, but a line was skipped
    assert "in.jsonl:2: skipped" in res.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 1
    assert (rows[0]["doc_id"], rows[0]["type"], rows[0]["date"], rows[0]["location"], rows[0]["killed_min"]) == (
        "k1", "shelling", "2024-03-12", "Kherson", "3",
    )


def test_folder_of_text_files_to_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{TEXT}</p><script>var x=1;</script></body></html>", encoding="utf-8")
    out = tmp_path / "out" / "events.jsonl"
    res = _invoke(str(tmp_path), "-o", str(out), "--published", "2024-03-14")
    assert res.exit_code == 0, res.output
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["id"] for d in docs] == ["a.txt", "b.html"]
    html_ev = docs[1]["events"][0]
    raw = (tmp_path / "b.html").read_text()
    assert raw[html_ev["trigger"]["start"] : html_ev["trigger"]["end"]] == "shelled"


def test_missing_input_and_bad_format_exit_codes(tmp_path):
    assert _invoke(str(tmp_path / "nope.txt")).exit_code == 4
    assert _invoke("--sample", "--format", "xml").exit_code == 2


def test_failed_run_leaves_no_partial_output(tmp_path, monkeypatch):
    out = tmp_path / "events.jsonl"
    import eventie.io.cli as cli

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "event_row", boom)
    res = _invoke("--sample", "-o", str(tmp_path / "events.csv"))
    assert res.exit_code != 0
    assert not (tmp_path / "events.csv").exists() and not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_validate_reports_lines(tmp_path):
    p = tmp_path / "ann.jsonl"
    p.write_text("{bad\n", encoding="utf-8")
    res = runner.invoke(app, ["validate", str(p)])
    assert res.exit_code == 4 and "ann.jsonl:1: malformed JSON" in res.stderr


def test_schema_command_prints_json_schema():
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0 and json.loads(res.stdout)["title"] == "Document"


def test_console_script_help_is_installed():
    res = subprocess.run([sys.executable, "-m", "eventie.io.cli", "--help"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "extract" in res.stdout and "train" in res.stdout


@pytest.mark.parametrize("cmd", ["extract", "train", "evaluate", "validate", "schema"])
def test_each_command_has_help(cmd):
    res = runner.invoke(app, [cmd, "--help"])
    assert res.exit_code == 0 and len(res.stdout) > 100
