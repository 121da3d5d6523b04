"""manage.py restore FILE: put a backup made by `manage.py backup` back in place."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from closeknit.operations.backups import BackupError, database, detect_format


class Command(BaseCommand):
    help = (
        "Restore FILE, made by `manage.py backup`, into the configured database. The file "
        "is checked first (integrity, and that the keys configured now open a sample of "
        "its encrypted text), and a database that already holds data is only replaced "
        "with --force. Stop the app servers before restoring. A backup holds encrypted "
        "text only: restore with the encryption keys (CLOSEKNIT_KEYS) that were in use "
        "when it was made; they are backed up separately, never inside a backup."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", help="A backup made by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database even though it already holds data.",
        )
        parser.add_argument(
            "--database", default="default", help="The database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"]).expanduser()
        try:
            self._restore(source, force=options["force"], alias=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc

    def _restore(self, source: Path, *, force: bool, alias: str) -> None:
        db = database(alias)
        kind = detect_format(source)
        if kind != db.vendor:
            raise BackupError(
                f"{source} is a {_engine(kind)} backup, but this server uses {_engine(db.vendor)}; "
                "restore it into the same kind of database it came from."
            )
        if db.same_file(source):
            raise BackupError(f"{source} is the live database itself, not a backup.")

        db.verify_file(source)
        self.stdout.write(f"{source}: the file is intact.")
        keys = db.check_keys_in_file(source)
        if not keys.ok:
            raise BackupError(keys.problem() + " Nothing was changed.")
        if keys.checked:
            self.stdout.write(
                f"The keys configured now open all {keys.checked} encrypted values tried."
            )
        else:
            self.stdout.write("The backup holds no encrypted text to try the keys on.")

        holding = db.tables_with_rows()
        if holding and not force:
            shown = ", ".join(holding[:5]) + (", ..." if len(holding) > 5 else "")
            raise BackupError(
                f"{_sentence(db.describe())} already holds data ({shown}). Restoring "
                "replaces all of it; run again with --force if that is what you want. "
                "Nothing was changed."
            )

        db.restore(source)
        after = db.check_keys()
        if not after.ok:
            raise BackupError("The restore finished, but " + after.problem())
        summary = db.summary()
        self.stdout.write(
            f"Restored {source} into {db.describe()}: {summary.tables} tables, "
            f"{summary.rows} rows, {summary.accounts} account(s)."
        )
        if summary.pending_migrations:
            self.stdout.write(
                f"The backup is from an older version: run `manage.py migrate` now "
                f"({summary.pending_migrations} migration(s) to apply)."
            )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _engine(kind: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(kind, kind)
