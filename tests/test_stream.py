"""Long runs: streamed JSONL, --resume without gaps or repeats, Ctrl-C and SIGKILL, bad lines, threads."""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import signal
import subprocess
import sys
import time
from importlib import resources

import pytest
from typer.testing import CliRunner

import eventie.io.stream as stream
from eventie.io.cli import app
from eventie.io.stream import content_id, done_ids

runner = CliRunner()
SAMPLE = resources.files("eventie").joinpath("data", "sample_article.txt").read_text(encoding="utf-8")
TEXTS = [
    "Russian forces shelled Kherson on Tuesday, killing three civilians, Governor Oleksandr Prokudin said.",
    "A Ukrainian drone struck an oil depot in Novorossiysk overnight, the regional governor said.",
    "Two people were injured when a missile hit a school in Kharkiv on Friday, officials said.",
    "The army said it had repelled an attack near Avdiivka on Monday; no casualties were reported.",
]


def _write_input(path, n, *, ids=True):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = {"text": TEXTS[i % len(TEXTS)] + f" Report {i // len(TEXTS)}.", "published": "2024-03-14"}
            if ids:
                rec["id"] = f"a{i}"
            fh.write(json.dumps(rec) + "\n")


def _extract(*args):
    return runner.invoke(app, ["extract", "--model", "rules", "--no-progress", *args])


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_stream_interrupt_then_resume_equals_one_run(tmp_path, monkeypatch):
    src, whole, part = tmp_path / "in.jsonl", tmp_path / "whole.jsonl", tmp_path / "part.jsonl"
    _write_input(src, 10, ids=False)
    assert _extract(str(src), "-o", str(whole)).exit_code == 0
    real_write = stream.JsonlSink.write

    def write_then_ctrl_c(self, doc):
        real_write(self, doc)
        if self.written == 4:
            raise KeyboardInterrupt

    monkeypatch.setattr(stream.JsonlSink, "write", write_then_ctrl_c)
    res = _extract(str(src), "-o", str(part))
    assert res.exit_code == 130 and "--resume" in res.stderr
    assert len(_lines(part)) == 4 and all(json.loads(line)["id"].startswith("sha1-") for line in _lines(part))
    monkeypatch.setattr(stream.JsonlSink, "write", real_write)
    res = _extract(str(src), "-o", str(part), "--resume")
    assert res.exit_code == 0 and "resuming: 4 documents" in res.stderr
    assert _lines(part) == _lines(whole)


def test_stream_resume_drops_a_torn_last_line_and_keeps_duplicates(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 6, ids=False)
    with open(src, "a", encoding="utf-8") as fh:  # the same article twice: both must come out, once each
        fh.write(json.dumps({"text": TEXTS[0] + " Report 0.", "published": "2024-03-14"}) + "\n")
    assert _extract(str(src), "-o", str(out)).exit_code == 0
    whole = _lines(out)
    assert len(whole) == 7 and json.loads(whole[0])["id"] == json.loads(whole[6])["id"]
    data = out.read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 20  # a SIGKILL in the middle of writing a line
    out.write_bytes(data[:cut])
    assert sum(done_ids(out).values()) == len(data[:cut].split(b"\n")) - 1
    res = _extract(str(src), "-o", str(out), "--resume")
    assert res.exit_code == 0, res.output
    assert _lines(out) == whole


def test_stream_bad_input_line_reported_and_skipped(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "k1", "text": TEXTS[0]}) + "\n{not json\n" + json.dumps({"id": "k2", "text": TEXTS[1]}) + "\n")
    res = _extract(str(src), "-o", str(out))
    assert res.exit_code == 1 and "in.jsonl:2: skipped" in res.stderr
    assert [json.loads(line)["id"] for line in _lines(out)] == ["k1", "k2"]


def test_stream_damaged_middle_line_refuses_to_resume(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 3)
    out.write_text('{"id": "a0", "events": []}\n{garbage\n{"id": "a1", "events": []}\n')
    res = _extract(str(src), "-o", str(out), "--resume")
    assert res.exit_code == 2 and "E021" in res.stderr and ":2:" in res.stderr


def test_stream_resume_needs_jsonl_file(tmp_path):
    assert _extract("--sample", "-o", str(tmp_path / "x.csv"), "--resume").exit_code == 2


@pytest.mark.parametrize("text,expected", [("abc", "sha1-a9993e364706816a"), ("", "sha1-da39a3ee5e6b4b0d")])
def test_stream_content_id_is_a_stable_hash(text, expected):
    assert content_id(text) == expected


def test_extract_is_safe_from_four_threads(rules):
    texts = [SAMPLE, *TEXTS, SAMPLE.replace("Tokmak", "Melitopol")] * 2
    serial = [rules.extract(t, "2024-03-14") for t in texts]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so that unguarded shared state would show
    try:
        with cf.ThreadPoolExecutor(4) as pool:
            threaded = list(pool.map(lambda t: rules.extract(t, "2024-03-14"), texts))
    finally:
        sys.setswitchinterval(old)
    assert threaded == serial and sum(len(e) for e in serial) >= 8


def _run_until(args, out, min_lines, sig):
    """Start a real `eventie extract` process, wait for min_lines output lines, then send sig."""
    proc = subprocess.Popen([sys.executable, "-m", "eventie.io.cli", *args], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= min_lines:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted; give it more input"
    os.kill(proc.pid, sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


@pytest.mark.slow
@pytest.mark.parametrize("sig,rc", [(signal.SIGKILL, -9), (signal.SIGINT, 130)])
def test_stream_killed_process_resumes_to_the_same_events(tmp_path, sig, rc):
    src, whole, part = tmp_path / "in.jsonl", tmp_path / "whole.jsonl", tmp_path / "part.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(160):
            fh.write(json.dumps({"id": f"s{i}", "text": SAMPLE if i % 2 else TEXTS[i % 4], "published": "2023-10-15"}) + "\n")
    assert _extract(str(src), "-o", str(whole), "--batch-size", "8").exit_code == 0
    code, err = _run_until(["extract", str(src), "-o", str(part), "--model", "rules", "--no-progress", "--batch-size", "8"],
                           part, 40, sig)  # the first lines come after one window (64 records)
    assert code == rc, err
    n_before = part.read_bytes().count(b"\n")
    assert 40 <= n_before < 160
    if sig == signal.SIGINT:
        assert part.read_bytes().endswith(b"\n") and "every line complete" in err
    res = _extract(str(src), "-o", str(part), "--resume", "--batch-size", "8")
    assert res.exit_code == 0, res.output
    assert _lines(part) == _lines(whole)
