"""Consistent online backups of the database, and restoring them.

A backup is the database as stored, never an export through the app: every piece
of intimate text in it stays sealed, and the encryption keys are not in it. So a
backup on its own cannot be read, and the keys must be backed up separately and
kept apart from it (stored together, the encryption would protect nothing).

SQLite is copied with its online backup API in one step, which reads the whole
database inside one read transaction: in WAL mode writers carry on meanwhile and
the copy is the database exactly as it was at one commit. PostgreSQL is dumped
with ``pg_dump`` in its custom format, which also reads one snapshot.
"""

from __future__ import annotations

import abc
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor

from closeknit.accounts.management.commands.rotate_keys import encrypted_fields
from closeknit.lib.crypto import DecryptionError, is_sealed, key_id_of
from closeknit.lib.fields import EncryptedTextField, keyring

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
# What `migrate` writes by itself: a database holding only these rows is still empty.
BOOKKEEPING_MODELS = frozenset({"contenttypes.ContentType", "auth.Permission"})
# Values per encrypted column tried with the current keys before a restore.
SAMPLE_PER_COLUMN = 50
# The table every Closeknit database has; a file without it is somebody else's.
MARKER_TABLE = "accounts_user"
POSTGRES_BIN_ROOT = Path("/usr/lib/postgresql")


class BackupError(Exception):
    """A problem the operator can fix; the message says what, and no traceback is needed."""


def quote(name: str) -> str:
    """An SQL identifier, quoted the same way for SQLite and PostgreSQL."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Table:
    label: str
    name: str


def model_tables() -> list[Table]:
    """Every table the models own, many-to-many tables included, once each."""
    tables: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in tables:
            continue
        tables[meta.db_table] = Table(label=meta.label, name=meta.db_table)
    return sorted(tables.values(), key=lambda table: table.name)


def detect_format(path: Path) -> str:
    """'sqlite' or 'postgresql', from the file's first bytes."""
    if not path.exists():
        raise BackupError(f"There is no file at {path}.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror}.") from exc
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "postgresql"
    raise BackupError(
        f"{path} is not a Closeknit backup: it is neither a SQLite database nor a "
        "pg_dump archive (it may be empty, cut short or damaged)."
    )


# Checking that the keys configured now open what a backup holds


@dataclass
class KeyCheck:
    """The outcome of opening a sample of sealed values with the current keys."""

    checked: int = 0
    failed: dict[str, int] = field(default_factory=dict)
    key_ids: set[str] = field(default_factory=set)

    def add(self, column: str, context: str, sealed: str) -> None:
        if not is_sealed(sealed):
            # Text stored before its column was encrypted: readable without keys.
            return
        self.checked += 1
        try:
            self.key_ids.add(key_id_of(sealed))
            keyring().open(sealed, context=context)
        except DecryptionError:
            self.failed[column] = self.failed.get(column, 0) + 1

    @property
    def ok(self) -> bool:
        return not self.failed

    def problem(self) -> str:
        """Why the keys do not fit, naming key ids (never keys) and columns (never text)."""
        failures = sum(self.failed.values())
        configured = list(keyring().keys)
        missing = sorted(self.key_ids - set(configured))
        columns = ", ".join(f"{column} ({count})" for column, count in sorted(self.failed.items()))
        if missing:
            why = (
                f"it was encrypted with key id(s) {', '.join(missing)}, and the keys "
                f"configured now are {', '.join(configured)}"
            )
        else:
            why = (
                "a configured key has the same id as the backup's key but different "
                "contents, or the values were altered"
            )
        return (
            f"The encryption keys configured now cannot open the text in this backup: "
            f"{failures} of {self.checked} values tried failed to open ({columns}); {why}. "
            "Set CLOSEKNIT_KEYS (or CLOSEKNIT_KEYS_FILE) to the keys that were in use when "
            "the backup was made, and try again."
        )


def _column_name(column: models.Field[Any, Any]) -> str:
    name = column.column
    assert name is not None, "a concrete field always has a column"
    return name


def _context(model: type[models.Model], column: EncryptedTextField, raw_pk: Any) -> str:
    # The same binding EncryptedTextField.context_for uses when it seals a value.
    pk_field = model._meta.pk
    assert pk_field is not None
    return f"{model._meta.db_table}.{column.column}:{pk_field.to_python(raw_pk)}"


def check_keys_sql(fetch: Callable[[str], Sequence[Sequence[Any]]], tables: set[str]) -> KeyCheck:
    """Try the current keys on up to SAMPLE_PER_COLUMN values of every encrypted column."""
    check = KeyCheck()
    for model, columns in encrypted_fields():
        table = model._meta.db_table
        pk_field = model._meta.pk
        if table not in tables or pk_field is None:
            continue
        for column in columns:
            name = quote(_column_name(column))
            rows = fetch(
                f"SELECT {quote(_column_name(pk_field))}, {name} FROM {quote(table)} "  # noqa: S608 - names from the models
                f"WHERE {name} IS NOT NULL AND {name} <> '' LIMIT {SAMPLE_PER_COLUMN}"
            )
            for raw_pk, value in rows:
                check.add(
                    f"{model._meta.label}.{column.name}", _context(model, column, raw_pk), value
                )
    return check


# The database the app is configured with


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    accounts: int
    pending_migrations: int


class Database(abc.ABC):
    """One configured database (a Django alias), whichever engine it runs on."""

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias
        self.connection: BaseDatabaseWrapper = connections[alias]

    @property
    def vendor(self) -> str:
        return str(self.connection.vendor)

    @abc.abstractmethod
    def describe(self) -> str:
        """Each engine provides this."""

    def _fetch(self, sql: str) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            return list(cursor.fetchall())

    def table_names(self) -> set[str]:
        with self.connection.cursor() as cursor:
            return set(self.connection.introspection.table_names(cursor))

    def tables_with_rows(self) -> list[str]:
        """Labels of the models that already hold data here (bookkeeping aside)."""
        present = self.table_names()
        found = []
        for table in model_tables():
            if table.label in BOOKKEEPING_MODELS or table.name not in present:
                continue
            if self._fetch(f"SELECT 1 FROM {quote(table.name)} LIMIT 1"):  # noqa: S608
                found.append(table.label)
        return found

    def check_keys(self) -> KeyCheck:
        return check_keys_sql(self._fetch, self.table_names())

    def summary(self) -> RestoreSummary:
        present = self.table_names()
        rows = 0
        tables = 0
        for table in model_tables():
            if table.name in present:
                tables += 1
                rows += int(self._fetch(f"SELECT COUNT(*) FROM {quote(table.name)}")[0][0])  # noqa: S608
        accounts = 0
        if MARKER_TABLE in present:
            accounts = int(self._fetch(f"SELECT COUNT(*) FROM {quote(MARKER_TABLE)}")[0][0])  # noqa: S608
        executor = MigrationExecutor(self.connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return RestoreSummary(
            tables=tables, rows=rows, accounts=accounts, pending_migrations=len(plan)
        )

    @abc.abstractmethod
    def backup(self, destination: Path) -> None:
        """Each engine provides this."""

    @abc.abstractmethod
    def verify_file(self, path: Path) -> None:
        """Each engine provides this."""

    @abc.abstractmethod
    def check_keys_in_file(self, path: Path) -> KeyCheck:
        """Each engine provides this."""

    @abc.abstractmethod
    def restore(self, path: Path) -> None:
        """Each engine provides this."""

    def same_file(self, path: Path) -> bool:
        return False


def database(alias: str = "default") -> Database:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return SqliteDatabase(alias)
    if vendor == "postgresql":
        return PostgresDatabase(alias)
    raise BackupError(f"Backups are made for SQLite and PostgreSQL, not {vendor}.")


def _private_file(path: Path) -> None:
    """Create an empty file only its owner can read: a backup holds names and e-mails."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(destination: Path, write: Callable[[Path], None]) -> None:
    """Write beside the destination, make it durable, then rename it into place.

    A backup cut short (a full disk, a crash) never replaces a good older one.
    """
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    _private_file(partial)
    try:
        write(partial)
        _fsync(partial)
        partial.replace(destination)
        _fsync(destination.parent)
    finally:
        partial.unlink(missing_ok=True)


# SQLite


def _sqlite_uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _copy_pages(source_uri: str, target: Path, journal_mode: str = "") -> list[str]:
    """Copy every page of one SQLite database onto another; the target's integrity problems.

    pages=-1 copies the whole database in one step, so one read transaction sees one
    commit; in WAL mode writers are not held up meanwhile.
    """
    source = sqlite3.connect(source_uri, uri=True, timeout=30)
    copy = sqlite3.connect(target, timeout=30)
    try:
        source.backup(copy, pages=-1)
        if journal_mode:
            copy.execute(f"PRAGMA journal_mode={journal_mode}")
        return _integrity_problems(copy)
    finally:
        copy.close()
        source.close()


class SqliteDatabase(Database):
    @property
    def path(self) -> Path:
        return Path(str(self.connection.settings_dict["NAME"]))

    def describe(self) -> str:
        return f"the SQLite database {self.path}"

    def same_file(self, path: Path) -> bool:
        return path.exists() and self.path.exists() and path.samefile(self.path)

    def backup(self, destination: Path) -> None:
        if not self.path.exists():
            raise BackupError(f"There is no database at {self.path} to back up.")

        def copy(partial: Path) -> None:
            try:
                # A backup is one self-contained file, without -wal or -shm beside it.
                problems = _copy_pages(_sqlite_uri(self.path, "rw"), partial, journal_mode="DELETE")
            except sqlite3.Error as exc:
                raise BackupError(f"The backup of {self.path} failed: {exc}.") from exc
            if problems:
                raise BackupError(
                    f"The copy of {self.path} failed its integrity check: {problems[0]}"
                )

        write_atomically(destination, copy)

    def _open_file(self, path: Path) -> sqlite3.Connection:
        try:
            return sqlite3.connect(_sqlite_uri(path, "ro"), uri=True)
        except sqlite3.Error as exc:
            raise BackupError(f"Cannot open {path} as a SQLite database: {exc}.") from exc

    def verify_file(self, path: Path) -> None:
        connection = self._open_file(path)
        try:
            problems = _integrity_problems(connection)
            tables = {
                str(row[0])
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} is damaged: {exc}.") from exc
        finally:
            connection.close()
        if problems:
            shown = "; ".join(problems[:3])
            raise BackupError(f"{path} is damaged: its integrity check found {shown}")
        if MARKER_TABLE not in tables:
            raise BackupError(f"{path} is a SQLite database, but not one of Closeknit's.")

    def check_keys_in_file(self, path: Path) -> KeyCheck:
        connection = self._open_file(path)
        try:
            tables = {
                str(row[0])
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }

            def fetch(sql: str) -> list[tuple[Any, ...]]:
                return list(connection.execute(sql).fetchall())

            return check_keys_sql(fetch, tables)
        finally:
            connection.close()

    def restore(self, path: Path) -> None:
        # The backup API replaces every page of the live file inside one write
        # transaction, so a restore is all or nothing even with the -wal file in use.
        self.connection.close()
        try:
            problems = _copy_pages(_sqlite_uri(path, "ro"), self.path)
        except sqlite3.Error as exc:
            raise BackupError(f"Restoring {path} into {self.path} failed: {exc}.") from exc
        if problems:
            raise BackupError(
                f"{self.path} failed its integrity check after the restore: {problems[0]}"
            )


# PostgreSQL


def _major_version(binary: str) -> int | None:
    try:
        result = subprocess.run(  # noqa: S603 - a PostgreSQL client we located
            [binary, "--version"], capture_output=True, text=True, check=False, timeout=30
        )
    except OSError:
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)
    return int(found.group(1)) if found else None


def postgres_tool(name: str, server_major: int) -> str:
    """pg_dump or pg_restore for this server: the same major version, else a newer one.

    Found the way scripts/with-postgres.sh finds the server: Debian's versioned
    folders first, then whatever is on PATH. A client older than the server
    refuses to dump it, so one is never chosen.
    """
    candidates: list[str] = []
    exact = POSTGRES_BIN_ROOT / str(server_major) / "bin" / name
    if exact.is_file():
        candidates.append(str(exact))
    folders = sorted(
        (p for p in POSTGRES_BIN_ROOT.glob("*/bin") if p.parent.name.isdigit()),
        key=lambda p: int(p.parent.name),
        reverse=True,
    )
    candidates += [str(folder / name) for folder in folders if (folder / name).is_file()]
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    newer: list[tuple[int, str]] = []
    for candidate in dict.fromkeys(candidates):
        major = _major_version(candidate)
        if major == server_major:
            return candidate
        if major is not None and major > server_major:
            newer.append((major, candidate))
    if newer:
        return min(newer)[1]
    raise BackupError(
        f"{name} for PostgreSQL {server_major} was not found. Install the client of the "
        f"same major version as the server (on Debian: apt install postgresql-client-"
        f"{server_major})."
    )


_COPY_HEADER = re.compile(r'^COPY (?:"?[^".\s]+"?\.)?"?([^"\s]+)"? \((.*)\) FROM stdin;$')
_COPY_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")
_COPY_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _copy_unescape(text: str) -> str | None:
    """One field of COPY's text format."""
    if text == "\\N":
        return None

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in _COPY_SIMPLE:
            return _COPY_SIMPLE[code]
        if code[0] == "x" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        return code

    return _COPY_ESCAPE.sub(one, text)


def copy_rows(lines: Iterable[str]) -> Iterator[tuple[str, dict[str, str | None]]]:
    """(table, row by column) for every row of the COPY blocks in pg_restore's SQL."""
    table: str | None = None
    columns: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if table is None:
            header = _COPY_HEADER.match(line)
            if header:
                table = header.group(1)
                columns = [c.strip().strip('"') for c in header.group(2).split(",")]
            continue
        if line == "\\.":
            table = None
            continue
        values = [_copy_unescape(part) for part in line.split("\t")]
        yield table, dict(zip(columns, values, strict=False))


class PostgresDatabase(Database):
    def describe(self) -> str:
        settings = self.connection.settings_dict
        return f"the PostgreSQL database {settings['NAME']}"

    def _server_major(self) -> int:
        self.connection.ensure_connection()
        version = int(getattr(self.connection, "pg_version", 0))
        return version // 10000

    def _tool(self, name: str) -> str:
        return postgres_tool(name, self._server_major())

    def _env(self) -> dict[str, str]:
        """The password and SSL options in the environment, never on a command line."""
        settings = self.connection.settings_dict
        env = dict(os.environ)
        if settings.get("PASSWORD"):
            env["PGPASSWORD"] = str(settings["PASSWORD"])
        options = settings.get("OPTIONS") or {}
        for option, variable in (
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("sslcert", "PGSSLCERT"),
            ("sslkey", "PGSSLKEY"),
        ):
            if options.get(option):
                env[variable] = str(options[option])
        return env

    def _connection_args(self) -> list[str]:
        settings = self.connection.settings_dict
        args = ["--no-password", f"--dbname={settings['NAME']}"]
        if settings.get("HOST"):
            args.append(f"--host={settings['HOST']}")
        if settings.get("PORT"):
            args.append(f"--port={settings['PORT']}")
        if settings.get("USER"):
            args.append(f"--username={settings['USER']}")
        return args

    def _run(self, command: list[str], failure: str) -> subprocess.CompletedProcess[str]:
        try:
            result = subprocess.run(  # noqa: S603 - a PostgreSQL client we located
                command, capture_output=True, text=True, env=self._env(), check=False
            )
        except OSError as exc:
            raise BackupError(f"{failure}: {exc}.") from exc
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()
            raise BackupError(f"{failure}: {detail[-1] if detail else 'no message'}")
        return result

    def backup(self, destination: Path) -> None:
        pg_dump = self._tool("pg_dump")

        def dump(partial: Path) -> None:
            self._run(
                [pg_dump, "--format=custom", f"--file={partial}", *self._connection_args()],
                "pg_dump failed",
            )
            self.verify_file(partial)

        write_atomically(destination, dump)

    def verify_file(self, path: Path) -> None:
        pg_restore = self._tool("pg_restore")
        listing = self._run([pg_restore, "--list", str(path)], f"{path} is damaged")
        if not re.search(rf"\bTABLE public {MARKER_TABLE}\b", listing.stdout):
            raise BackupError(f"{path} is a pg_dump archive, but not one of Closeknit's.")
        # Reading every data block (into nothing) finds an archive cut short or damaged.
        self._run([pg_restore, f"--file={os.devnull}", str(path)], f"{path} is damaged")

    def check_keys_in_file(self, path: Path) -> KeyCheck:
        wanted = {model._meta.db_table: (model, columns) for model, columns in encrypted_fields()}
        pg_restore = self._tool("pg_restore")
        command = [pg_restore, "--data-only", "--file=-"]
        command += [f"--table={table}" for table in wanted]
        output = self._run([*command, str(path)], f"Cannot read {path}").stdout
        check = KeyCheck()
        taken: dict[str, int] = {}
        for table, row in copy_rows(output.splitlines()):
            model, columns = wanted[table]
            pk_field = model._meta.pk
            assert pk_field is not None
            for column in columns:
                label = f"{model._meta.label}.{column.name}"
                value = row.get(_column_name(column))
                if not value or taken.get(label, 0) >= SAMPLE_PER_COLUMN:
                    continue
                taken[label] = taken.get(label, 0) + 1
                check.add(label, _context(model, column, row.get(_column_name(pk_field))), value)
        return check

    def restore(self, path: Path) -> None:
        pg_restore = self._tool("pg_restore")
        command = [
            pg_restore,
            # Objects belong to whoever restores: the role in DATABASE_URL.
            "--no-owner",
            "--no-privileges",
            # All or nothing: any error rolls the whole restore back.
            "--exit-on-error",
            "--single-transaction",
            *self._connection_args(),
        ]
        if self.table_names():
            command += ["--clean", "--if-exists"]
        self.connection.close()
        self._run([*command, str(path)], f"pg_restore of {path} failed (nothing was changed)")
