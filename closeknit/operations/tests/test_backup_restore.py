"""manage.py backup and restore, on the database the suite runs on (SQLite or PostgreSQL).

A couple's history across every app is backed up, restored into an empty database
by a separate process (as an operator would), and compared table by table and
text by text. The restore runs with the same keys, passed through CLOSEKNIT_KEYS:
the backup itself holds none.
"""

from __future__ import annotations

import base64
import os
import secrets
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from closeknit.accounts.management.commands.rotate_keys import encrypted_fields
from closeknit.checkins.models import CheckIn
from closeknit.closeness.models import ClosenessCheck
from closeknit.conflict.models import Repair
from closeknit.couples.models import Couple
from closeknit.insights.models import Activity
from closeknit.lib.crypto import Keyring, generate_key, is_sealed
from closeknit.lib.fields import keyring
from closeknit.operations.backups import (
    PostgresDatabase,
    copy_rows,
    database,
    model_tables,
    quote,
)
from closeknit.questions.models import Answer, Comment
from closeknit.testing.prodserver import outside_environment, run_manage
from closeknit.today.management.commands.demo import build_demo

BASE_DIR = Path(__file__).resolve().parents[3]
ON_POSTGRESQL = connection.vendor == "postgresql"
CANARY = "canary-for-backups: the moon over the allotment"

pytestmark = pytest.mark.django_db(transaction=True)

Fetch = Callable[[str], list[tuple[Any, ...]]]


def keys_text(ring: Keyring) -> str:
    """The keyring as CLOSEKNIT_KEYS spells it, primary first."""
    return ",".join(
        f"{key_id}:{base64.urlsafe_b64encode(key).decode().rstrip('=')}"
        for key_id, key in ring.keys.items()
    )


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """A management command in its own process, configured only by ``env``."""
    clean = outside_environment()
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "closeknit.settings"
    return run_manage(clean, *args, timeout=180)


def source_fetch(sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def source_tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@dataclass
class Target:
    """An empty database of the suite's engine, and how to reach it from outside."""

    env: dict[str, str]
    fetch: Fetch
    tables: Callable[[], set[str]]


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    if not ON_POSTGRESQL:
        folder = tmp_path / "restored"
        path = folder / "closeknit.sqlite3"

        def fetch(sql: str) -> list[tuple[Any, ...]]:
            db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            try:
                return list(db.execute(sql).fetchall())
            finally:
                db.close()

        def tables() -> set[str]:
            if not path.exists():
                return set()
            return {row[0] for row in fetch("SELECT name FROM sqlite_master WHERE type='table'")}

        yield Target(env={"CLOSEKNIT_VAR_DIR": str(folder)}, fetch=fetch, tables=tables)
        return

    import psycopg

    settings = connection.settings_dict
    name = f"{settings['NAME']}_restored_{secrets.token_hex(3)}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(name)}")
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=name,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
    )

    def pg_fetch(sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(conninfo) as db, db.cursor() as cursor:
            cursor.execute(sql)
            return list(cursor.fetchall())

    def pg_tables() -> set[str]:
        rows = pg_fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}

    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    url = f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT']}/{name}"
    try:
        yield Target(env={"DATABASE_URL": url}, fetch=pg_fetch, tables=pg_tables)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")


@pytest.fixture
def history() -> None:
    """A linked couple with weeks of use across every app, plus a distinctive canary."""
    demo = build_demo(now=timezone.now())
    demo.alex.pronouns = CANARY
    demo.alex.save(update_fields=["pronouns"])
    assert Answer.objects.count() > 10
    assert Comment.objects.exists()
    assert CheckIn.objects.exclude(note="").exists()
    assert Repair.objects.exists()
    assert ClosenessCheck.objects.exists()


def row_counts(fetch: Fetch, present: set[str]) -> dict[str, int]:
    return {
        table.label: int(fetch(f"SELECT COUNT(*) FROM {quote(table.name)}")[0][0])
        for table in model_tables()
        if table.name in present
    }


def decrypted_through_models() -> dict[tuple[str, str, str], str]:
    found = {}
    for model, fields in encrypted_fields():
        for row in model._base_manager.all():
            for f in fields:
                found[(model._meta.label, f.name, str(row.pk))] = getattr(row, f.attname)
    return found


def decrypted_from_rows(fetch: Fetch) -> dict[tuple[str, str, str], str]:
    """Open every sealed value of a database read without Django, with the current keys."""
    found = {}
    for model, fields in encrypted_fields():
        table = model._meta.db_table
        pk_field = model._meta.pk
        for f in fields:
            sql = (
                f"SELECT {quote(str(pk_field.column))}, {quote(str(f.column))} FROM {quote(table)}"
            )
            for raw_pk, value in fetch(sql):
                pk = pk_field.to_python(raw_pk)
                text = value or ""
                if text:
                    assert is_sealed(text), f"{model._meta.label}.{f.name} holds plain text"
                    text = keyring().open(text, context=f"{table}.{f.column}:{pk}")
                found[(model._meta.label, f.name, str(pk))] = text
    return found


def backup_text(path: Path) -> str:
    """Everything a backup file holds, as text a person could grep."""
    if not ON_POSTGRESQL:
        return path.read_bytes().decode("latin-1")
    db = database()
    assert isinstance(db, PostgresDatabase)
    pg_restore = db._tool("pg_restore")
    dumped = subprocess.run(
        [pg_restore, "--file=-", str(path)], capture_output=True, text=True, check=True
    )
    return dumped.stdout


def test_a_restore_into_an_empty_database_gives_back_every_row_and_every_text(
    history, target, tmp_path
):
    backup = tmp_path / "closeknit.backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert backup.stat().st_mode & 0o777 == 0o600

    restored = manage(
        {**target.env, "CLOSEKNIT_KEYS": keys_text(keyring())}, "restore", str(backup)
    )

    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    expected = row_counts(source_fetch, source_tables())
    assert row_counts(target.fetch, target.tables()) == expected
    assert expected["questions.Answer"] > 10
    assert expected["accounts.User"] == 2
    texts = decrypted_from_rows(target.fetch)
    assert texts == decrypted_through_models()
    assert CANARY in texts.values()
    assert sum(1 for text in texts.values() if text) > 100


def test_a_backup_holds_ciphertext_and_no_keys(history, tmp_path):
    backup = tmp_path / "closeknit.backup"
    out = open(os.devnull, "w")  # noqa: SIM115
    call_command("backup", str(backup), stdout=out)

    text = backup_text(backup)

    assert "ck1:" in text
    assert "accounts_user" in text
    assert CANARY not in text
    for key in keyring().keys.values():
        assert base64.urlsafe_b64encode(key).decode().rstrip("=") not in text


def test_the_backup_command_says_the_keys_must_be_kept_apart(history, tmp_path, capsys):
    call_command("backup", str(tmp_path / "b"))

    said = capsys.readouterr().out
    assert "CLOSEKNIT_KEYS" in said
    assert "separately" in said


def _pairs_in(backup: Path) -> tuple[int, int]:
    """How many rows of each half of the writer's pairs a backup holds."""
    if not ON_POSTGRESQL:
        db = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            rows = dict(
                db.execute(
                    "SELECT kind, COUNT(*) FROM insights_activity "
                    "WHERE kind LIKE 'pair-%' GROUP BY kind"
                ).fetchall()
            )
        finally:
            db.close()
        return rows.get("pair-first", 0), rows.get("pair-second", 0)
    pg = database()
    assert isinstance(pg, PostgresDatabase)
    dumped = subprocess.run(
        [
            pg._tool("pg_restore"),
            "--data-only",
            "--table=insights_activity",
            "--file=-",
            str(backup),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    kinds = [row["kind"] for _table, row in copy_rows(dumped.stdout.splitlines())]
    return kinds.count("pair-first"), kinds.count("pair-second")


def test_a_backup_made_while_another_connection_writes_is_one_consistent_moment(history, tmp_path):
    couple = Couple.objects.get()
    today = timezone.localdate()
    stop = threading.Event()
    pairs = [0]
    failures: list[BaseException] = []

    def write_pairs() -> None:
        # Two rows per transaction, with a pause between them: a copy that was not
        # one snapshot would sooner or later hold a first half without its second.
        try:
            while not stop.is_set():
                with transaction.atomic():
                    Activity.objects.create(
                        couple=couple, practice="rituals", kind="pair-first", day=today
                    )
                    time.sleep(0.003)
                    Activity.objects.create(
                        couple=couple, practice="rituals", kind="pair-second", day=today
                    )
                pairs[0] += 1
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    writer = threading.Thread(target=write_pairs)
    writer.start()
    backups = []
    try:
        while pairs[0] < 5:
            time.sleep(0.01)
        for number in range(4):
            backups.append(tmp_path / f"during-{number}.backup")
            call_command("backup", str(backups[-1]), stdout=open(os.devnull, "w"))  # noqa: SIM115
            time.sleep(0.05)
    finally:
        stop.set()
        writer.join(30)
    assert not failures

    seen = []
    for backup in backups:
        database().verify_file(backup)
        first, second = _pairs_in(backup)
        assert first == second, f"{backup.name} holds {first} first halves, {second} second"
        seen.append(first)
    assert seen == sorted(seen)
    assert len(set(seen)) > 1, "the writer made no progress during the backups"
    assert seen[0] >= 5
    assert seen[-1] <= pairs[0]


def test_a_restore_refuses_a_database_that_holds_data_unless_forced(history, tmp_path):
    backup = tmp_path / "closeknit.backup"
    out = open(os.devnull, "w")  # noqa: SIM115
    call_command("backup", str(backup), stdout=out)
    later = Activity.objects.create(
        couple=Couple.objects.get(),
        practice="rituals",
        kind="after-the-backup",
        day=timezone.localdate(),
    )

    with pytest.raises(CommandError, match=r"already holds data .*--force.*Nothing was changed"):
        call_command("restore", str(backup), stdout=out)
    assert Activity.objects.filter(pk=later.pk).exists()

    call_command("restore", str(backup), force=True, stdout=out)
    assert not Activity.objects.filter(pk=later.pk).exists()
    assert Comment.objects.count() > 0
    assert CANARY in decrypted_through_models().values()


def _damaged_copies(backup: Path, folder: Path) -> dict[str, Path]:
    data = backup.read_bytes()
    copies = {
        "cut short": data[: len(data) // 2],
        "scribbled over": data[:8192] + secrets.token_bytes(16384) + data[8192 + 16384 :],
        "empty": b"",
        "not a backup": b"Dear diary, " * 500,
    }
    paths = {}
    for name, content in copies.items():
        paths[name] = folder / name.replace(" ", "-")
        paths[name].write_bytes(content)
    return paths


def test_a_damaged_or_missing_backup_is_refused_with_a_clear_error(history, tmp_path):
    backup = tmp_path / "closeknit.backup"
    out = open(os.devnull, "w")  # noqa: SIM115
    call_command("backup", str(backup), stdout=out)
    answers = Answer.objects.count()

    for name, path in _damaged_copies(backup, tmp_path).items():
        with pytest.raises(CommandError, match=r"damaged|not a Closeknit backup") as caught:
            call_command("restore", str(path), force=True, stdout=out)
        assert str(path) in str(caught.value), name
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("restore", str(tmp_path / "nowhere"), stdout=out)
    assert Answer.objects.count() == answers


@pytest.mark.skipif(ON_POSTGRESQL, reason="an SQLite file of another application")
def test_a_sqlite_database_that_is_not_closeknits_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.commit()
    db.close()

    with pytest.raises(CommandError, match="not one of Closeknit's"):
        call_command("restore", str(other), stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_a_damaged_backup_fails_in_a_separate_process_without_a_traceback(
    history, target, tmp_path
):
    backup = tmp_path / "closeknit.backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    damaged = _damaged_copies(backup, tmp_path)["scribbled over"]

    restored = manage(
        {**target.env, "CLOSEKNIT_KEYS": keys_text(keyring())}, "restore", str(damaged)
    )

    assert restored.returncode == 1
    assert "damaged" in restored.stderr
    assert "Traceback" not in restored.stderr
    assert "accounts_user" not in target.tables()


def test_a_restore_with_other_keys_stops_before_changing_anything(history, target, tmp_path):
    backup = tmp_path / "closeknit.backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    other_key = generate_key()

    restored = manage({**target.env, "CLOSEKNIT_KEYS": other_key}, "restore", str(backup))

    assert restored.returncode == 1
    assert "cannot open the text in this backup" in restored.stderr
    assert keyring().primary_id in restored.stderr
    assert other_key.split(":")[0] in restored.stderr
    assert other_key.split(":")[1] not in restored.stderr + restored.stdout
    assert "Nothing was changed" in restored.stderr
    assert "Traceback" not in restored.stderr
    assert "accounts_user" not in target.tables()


def test_the_backup_command_will_not_overwrite_by_accident(history, tmp_path):
    out = open(os.devnull, "w")  # noqa: SIM115
    existing = tmp_path / "existing.backup"
    existing.write_text("an older backup")

    with pytest.raises(CommandError, match="already exists; use --force"):
        call_command("backup", str(existing), stdout=out)
    assert existing.read_text() == "an older backup"
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "no-folder" / "b"), stdout=out)

    call_command("backup", str(existing), force=True, stdout=out)
    database().verify_file(existing)
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


@pytest.mark.skipif(ON_POSTGRESQL, reason="the live database is a file only on SQLite")
def test_the_backup_command_never_writes_over_the_live_database(history):
    live = Path(connection.settings_dict["NAME"])

    with pytest.raises(CommandError, match="live database itself"):
        call_command("backup", str(live), force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Answer.objects.count() > 10


@pytest.mark.skipif(not ON_POSTGRESQL, reason="pg_dump runs only against PostgreSQL")
def test_pg_dump_matches_the_servers_major_version():
    db = database()
    assert isinstance(db, PostgresDatabase)
    version = subprocess.run(
        [db._tool("pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert f"(PostgreSQL) {db._server_major()}." in version
