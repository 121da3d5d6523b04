"""A tiny crash test, so the suite proves the mechanism: `make crashtest` runs the full one.

It drives a real gunicorn in production mode on SQLite, kills it with SIGKILL twice
while writes flow over HTTP, and checks every acknowledged write afterwards.
"""

from __future__ import annotations

import os
import sqlite3

import pytest

from closeknit.operations.crashtest import Write, crash_test, find_lost, integrity


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the crash test is about SQLite")
def test_two_sigkills_lose_no_acknowledged_write(tmp_path):
    var_dir = tmp_path / "var"

    report = crash_test(var_dir, kills=2, seed=11, writers=2, workers=1, max_delay=1.0)

    assert report.lost == []
    assert report.integrity == "ok"
    assert report.kills == 2
    assert report.acknowledged >= 10
    assert report.passed


def test_find_lost_reports_missing_rows_and_changed_text():
    stored = {
        "comment": {"c1": "crash a comment 1", "c2": "something else"},
        "repair": {"r1": "crash a repair 1"},
    }
    kept = Write("comment", "crash a comment 1", "c1")
    changed = Write("comment", "crash a comment 2", "c2")
    missing = Write("repair", "crash a repair 2", "r2")
    found_by_text = Write("repair", "crash a repair 1")
    missing_by_text = Write("answer", "crash an answer 1")

    lost = find_lost([kept, changed, missing, found_by_text, missing_by_text], stored)

    assert lost == [changed, missing, missing_by_text]


def test_the_integrity_check_never_creates_the_file_it_checks(tmp_path):
    with pytest.raises(sqlite3.OperationalError):
        integrity(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()
