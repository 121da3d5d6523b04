"""Print a fresh encryption key for CLOSEKNIT_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from closeknit.lib.crypto import generate_key


class Command(BaseCommand):
    help = (
        "Print a new random encryption key as '<key id>:<base64 key>'. Put it first in "
        "CLOSEKNIT_KEYS (keeping older keys after it), restart, then run rotate_keys."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        # Only the key goes to stdout, so scripts can capture it as it is.
        self.stdout.write(generate_key())
