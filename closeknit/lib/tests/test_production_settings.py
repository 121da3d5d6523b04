"""Production refuses to start without its secrets, and starts with them.

Settings are read once per process, so each case starts a fresh Python.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from closeknit.lib.crypto import generate_key

# Every test here starts its own Python or servers with their own SQLite file.
pytestmark = pytest.mark.own_database

START = "import django; django.setup(); print('started')"


def _start(tmp_path: Path, code: str = START, **variables: str) -> subprocess.CompletedProcess[str]:
    # Nothing from the test run's own configuration leaks in: every CLOSEKNIT_*
    # variable and DATABASE_URL are dropped, then the case's own are added.
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CLOSEKNIT_") and name != "DATABASE_URL"
    }
    environ["DJANGO_SETTINGS_MODULE"] = "closeknit.settings"
    environ["CLOSEKNIT_VAR_DIR"] = str(tmp_path / "var")
    environ.update(variables)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _production(**overrides: str) -> dict[str, str]:
    variables = {
        "CLOSEKNIT_ENV": "production",
        "CLOSEKNIT_SECRET_KEY": "q7Vw2-long-random-secret-for-this-test-only-9Kx3LpZ0aR",
        "CLOSEKNIT_KEYS": generate_key(),
        "CLOSEKNIT_ALLOWED_HOSTS": "closeknit.example.org",
    }
    variables.update(overrides)
    return {name: value for name, value in variables.items() if value}


def test_production_without_keys_refuses_to_start_and_says_why(tmp_path: Path) -> None:
    result = _start(tmp_path, **_production(CLOSEKNIT_KEYS=""))

    assert result.returncode != 0
    assert "CLOSEKNIT_KEYS" in result.stderr
    assert "started" not in result.stdout
    assert not (tmp_path / "var" / "dev-keys.txt").exists(), "no key file is made up"


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("CLOSEKNIT_SECRET_KEY", "CLOSEKNIT_SECRET_KEY"),
        ("CLOSEKNIT_ALLOWED_HOSTS", "CLOSEKNIT_ALLOWED_HOSTS"),
    ],
)
def test_production_without_another_secret_refuses_to_start(
    tmp_path: Path, missing: str, named: str
) -> None:
    result = _start(tmp_path, **_production(**{missing: ""}))

    assert result.returncode != 0
    assert named in result.stderr


def test_production_with_a_malformed_key_refuses_to_start(tmp_path: Path) -> None:
    result = _start(tmp_path, **_production(CLOSEKNIT_KEYS="primary:tooshort"))

    assert result.returncode != 0
    assert "KeyringError" in result.stderr
    assert "key 'primary' must be 32 bytes long" in result.stderr


def test_production_with_debug_on_refuses_to_start(tmp_path: Path) -> None:
    result = _start(tmp_path, **_production(CLOSEKNIT_DEBUG="true"))

    assert result.returncode != 0
    assert "CLOSEKNIT_DEBUG" in result.stderr


def test_production_with_keys_secret_and_hosts_starts(tmp_path: Path) -> None:
    result = _start(tmp_path, **_production())

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_production_reads_keys_and_secret_from_files(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text(f"{generate_key()}\n{generate_key()}\n", encoding="ascii")
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(
        "another-long-random-secret-read-from-a-file-Tz81wQmP\n", encoding="ascii"
    )

    result = _start(
        tmp_path,
        **_production(
            CLOSEKNIT_KEYS="",
            CLOSEKNIT_SECRET_KEY="",
            CLOSEKNIT_KEYS_FILE=str(keys_file),
            CLOSEKNIT_SECRET_KEY_FILE=str(secret_file),
        ),
    )

    assert result.returncode == 0, result.stderr


def test_development_starts_with_no_environment_and_keeps_a_local_key_file(
    tmp_path: Path,
) -> None:
    first = _start(tmp_path)
    key_file = tmp_path / "var" / "dev-keys.txt"
    kept = key_file.read_text(encoding="ascii")
    second = _start(tmp_path)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert key_file.read_text(encoding="ascii") == kept, "the dev key survives restarts"


def test_production_sqlite_syncs_every_commit_to_disk(tmp_path: Path) -> None:
    probe = (
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA synchronous'); "
        "print('synchronous', cursor.fetchone()[0])"
    )
    result = _start(tmp_path, probe, **_production())
    # SQLite numbers the levels: 1 is NORMAL, 2 is FULL.
    assert result.stdout.strip() == "synchronous 2", result.stderr
