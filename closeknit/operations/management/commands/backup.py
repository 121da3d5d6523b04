"""manage.py backup FILE: a consistent copy of the database, made while the app runs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from closeknit.operations.backups import BackupError, database

KEYS_REMINDER = (
    "It holds encrypted text only, without the keys: back up CLOSEKNIT_KEYS (or its key "
    "file) separately and keep it apart from the backups. Without the keys this backup "
    "can never be read; stored beside it, they would make the encryption pointless."
)


class Command(BaseCommand):
    help = (
        "Back up the database to FILE while Closeknit keeps running: a consistent "
        "snapshot through SQLite's online backup API, or pg_dump's custom format on "
        "PostgreSQL. The backup holds encrypted text only. The encryption keys "
        "(CLOSEKNIT_KEYS or CLOSEKNIT_KEYS_FILE) are NOT in it: back them up separately "
        "and keep them apart from the backups. Restore with `manage.py restore FILE`."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", help="Where to write the backup (created mode 600).")
        parser.add_argument(
            "--force", action="store_true", help="Replace FILE if it already exists."
        )
        parser.add_argument(
            "--database", default="default", help="The database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        destination = Path(options["file"]).expanduser()
        try:
            db = database(options["database"])
            if db.same_file(destination):
                raise BackupError(
                    f"{destination} is the live database itself; choose another file."
                )
            if destination.is_dir():
                raise BackupError(f"{destination} is a folder; give a file name.")
            if not destination.parent.is_dir():
                raise BackupError(f"The folder {destination.parent} does not exist.")
            if destination.exists() and not options["force"]:
                raise BackupError(f"{destination} already exists; use --force to replace it.")
            db.backup(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = destination.stat().st_size
        self.stdout.write(
            f"Backed up {db.describe()} to {destination} ({size / 1_000_000:.1f} MB)."
        )
        self.stdout.write(KEYS_REMINDER)
