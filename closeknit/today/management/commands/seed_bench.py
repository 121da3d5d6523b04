"""manage.py seed_bench: the data set ``make bench`` measures against.

Into an empty database: the measured couple with two years of daily use of every
feature, a couple with one week and one with five years (the growth check compares
them), and a thousand other couples with histories of every length, so each table is
as big as a busy instance's. See ``seed_bench_story`` for how the rows are made.

Every seeded person has the same random password, hashed once: hashing it a couple
of thousand times with Argon2 would take longer than everything else together.
"""

from __future__ import annotations

import argparse
import secrets
import time
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.today.management.commands import seed_bench_story as story

DEFAULT_OTHERS = 1000


class Command(BaseCommand):
    help = (
        "Fill an empty database with the benchmark's data set: a couple with two years "
        "of daily use, one with a week, one with five years, and a thousand others."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Shrink every history and the number of other couples (default: 1).",
        )
        parser.add_argument(
            "--others",
            type=int,
            default=None,
            help=f"How many other couples (default: {DEFAULT_OTHERS} times the scale).",
        )
        parser.add_argument(
            "--password",
            default="",
            help="One password for every seeded person (default: a random one, not shown).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale: float = options["scale"]
        if not 0 < scale <= 1:
            raise CommandError("--scale must be more than 0 and at most 1.")
        others: int = options["others"]
        if others is None:
            others = round(DEFAULT_OTHERS * scale)
        if others < 0:
            raise CommandError("--others cannot be negative.")
        # Only ever into a database nobody uses: a thousand made-up couples have no
        # place next to real ones.
        if User.objects.exists():
            raise CommandError(
                "This database already has people in it. seed_bench only fills an empty "
                "database (migrate a fresh one first)."
            )
        started = time.monotonic()
        password = options["password"] or secrets.token_urlsafe(24)
        password_hash = make_password(password)
        data = story.plan(scale=scale, others=others)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # Room for the indexes being filled at random (the keys are UUIDs), so
                # pages are not written out and read back again for every row.
                cursor.execute("PRAGMA cache_size = -500000")
        with transaction.atomic():
            counts = story.play(data.all, password_hash=password_hash, now=timezone.now())
        seconds = time.monotonic() - started
        total = sum(counts.values())
        self.stdout.write(
            f"Seeded {len(data.all)} couples, {total} rows in {seconds:.1f} s "
            f"(measured: {data.measured.email_a})."
        )
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:<28} {count:>9}")
