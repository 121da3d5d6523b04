"""The suite runs on the database DATABASE_URL names, set up the way production uses it.

`make test` runs on SQLite (WAL, immediate transactions); `make test-pg` sets
DATABASE_URL to a throwaway PostgreSQL server. If settings ever ignored that
variable, `make test-pg` would quietly test SQLite twice: these tests catch it.
"""

from __future__ import annotations

import os
import sqlite3

import pytest
from django.db import connection, transaction

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgres://", "postgresql://"))

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_suite_runs_on_the_database_that_database_url_names():
    assert connection.vendor == ("postgresql" if ON_POSTGRESQL else "sqlite")


@pytest.mark.skipif(not ON_POSTGRESQL, reason="DATABASE_URL names no PostgreSQL server")
def test_postgresql_is_version_15_or_newer():
    assert connection.pg_version >= 150000  # type: ignore[attr-defined]


@pytest.mark.skipif(bool(DATABASE_URL), reason="runs only on the default SQLite database")
def test_sqlite_is_a_file_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 1000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(bool(DATABASE_URL), reason="runs only on the default SQLite database")
def test_sqlite_transactions_take_the_write_lock_when_they_begin():
    database_file = connection.settings_dict["NAME"]
    other = sqlite3.connect(database_file, timeout=0, isolation_level=None)
    try:
        # Nothing is written inside: only BEGIN IMMEDIATE can hold the lock here.
        with transaction.atomic(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()
