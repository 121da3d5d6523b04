"""Re-seal every encrypted value with the primary key.

How a key rotation goes:

1. ``manage.py generate_key`` prints a new key.
2. Put it first in CLOSEKNIT_KEYS (or the key file), keeping the old key after it,
   and restart every app server and worker, so all of them can read both keys and
   seal new text with the new one.
3. ``manage.py rotate_keys`` re-seals what was sealed with any other key. It works in
   small batches, each in its own transaction, so it can be stopped and re-run at
   any time: values already on the primary key are skipped.
4. When ``manage.py rotate_keys --dry-run`` reports nothing left to do, remove the
   old key and restart again.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Substr

from closeknit.lib.crypto import PREFIX, DecryptionError, is_sealed
from closeknit.lib.fields import EncryptedTextField, keyring


@dataclass
class Tally:
    resealed: int = 0
    sealed_plaintext: int = 0
    unreadable: list[str] = field(default_factory=list)


def encrypted_fields() -> list[tuple[type[models.Model], list[EncryptedTextField]]]:
    """Every concrete model with encrypted text, with those fields, in a stable order.

    Local fields only: a field inherited through multi-table inheritance lives in
    the parent's table and is handled once, with the parent.
    """
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        fields = [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            found.append((model, fields))
    return sorted(found, key=lambda entry: entry[0]._meta.label)


def needing_rotation(
    model: type[models.Model], fields: list[EncryptedTextField], primary_id: str
) -> models.QuerySet[Any]:
    """Rows with at least one non-empty value not sealed with the primary key.

    The prefix is compared with ``=`` on a substring rather than ``startswith``,
    because SQLite's LIKE ignores case and key ids are case-sensitive.
    """
    prefix = f"{PREFIX}:{primary_id}:"
    condition = models.Q()
    aliases: dict[str, Any] = {}
    for f in fields:
        alias = f"_head_{f.attname}"
        aliases[alias] = Substr(f.attname, 1, len(prefix), output_field=models.TextField())
        condition |= (
            models.Q(**{f"{f.attname}__isnull": False})
            & ~models.Q(**{f.attname: ""})
            & ~models.Q(**{alias: prefix})
        )
    queryset: models.QuerySet[Any] = model._default_manager.alias(**aliases).filter(condition)
    return queryset


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value with the primary key (the first in "
        "CLOSEKNIT_KEYS). Safe to stop and run again."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the values that would be re-encrypted.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=200,
            help="Rows per transaction (default 200).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="Stop after this many rows, to spread the work over several runs.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size: int = options["batch_size"]
        limit: int | None = options["limit"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        ring = keyring()
        self.stdout.write(
            f"Primary key: {ring.primary_id} (keys configured: {', '.join(ring.keys)})"
        )
        if options["dry_run"]:
            self._count(ring.primary_id)
            return

        tally = Tally()
        budget = limit
        for model, fields in encrypted_fields():
            if budget is not None and budget <= 0:
                break
            done = self._rotate_model(model, fields, ring.primary_id, batch_size, budget, tally)
            if budget is not None:
                budget -= done

        summary = f"Done: {tally.resealed} value(s) re-encrypted with key {ring.primary_id}"
        if tally.sealed_plaintext:
            summary += f", {tally.sealed_plaintext} unencrypted value(s) sealed"
        self.stdout.write(summary + ".")
        if budget is not None and budget <= 0:
            left = sum(
                needing_rotation(model, fields, ring.primary_id).count()
                for model, fields in encrypted_fields()
            )
            if left:
                self.stdout.write(
                    f"Stopped at --limit with {left} row(s) left; run the command again "
                    "to continue."
                )
        if tally.unreadable:
            for where in tally.unreadable:
                self.stderr.write(f"Could not open {where}")
            raise CommandError(
                f"{len(tally.unreadable)} value(s) could not be opened with the configured "
                "keys and were left as they are. Is an old key missing from CLOSEKNIT_KEYS?"
            )

    def _count(self, primary_id: str) -> None:
        total = 0
        for model, fields in encrypted_fields():
            for f in fields:
                count = needing_rotation(model, [f], primary_id).count()
                total += count
                self.stdout.write(f"{model._meta.label}.{f.name}: {count} to re-encrypt")
        self.stdout.write(f"Dry run: {total} value(s) would be re-encrypted. Nothing was changed.")

    def _rotate_model(
        self,
        model: type[models.Model],
        fields: list[EncryptedTextField],
        primary_id: str,
        batch_size: int,
        budget: int | None,
        tally: Tally,
    ) -> int:
        """Re-seal one model's rows in primary-key order; returns the rows handled."""
        label = model._meta.label
        pending = needing_rotation(model, fields, primary_id)
        total = pending.count()
        self.stdout.write(f"{label}: {total} row(s) to re-encrypt")
        if total == 0:
            return 0
        attnames = [f.attname for f in fields]
        pk_name = model._meta.pk.attname if model._meta.pk else "pk"
        handled = 0
        last_pk: Any = None
        while budget is None or handled < budget:
            size = batch_size if budget is None else min(batch_size, budget - handled)
            # One transaction per batch: a stop part-way keeps every finished batch,
            # and the row locks stop a partner's edit from being overwritten with the
            # old text while its row is being re-sealed.
            with transaction.atomic():
                batch = pending.select_for_update().only(pk_name, *attnames).order_by("pk")
                if last_pk is not None:
                    batch = batch.filter(pk__gt=last_pk)
                rows = list(batch[:size])
                for row in rows:
                    self._reseal(row, fields, tally)
            if not rows:
                break
            last_pk = rows[-1].pk
            handled += len(rows)
            self.stdout.write(f"{label}: {handled}/{total}")
        return handled

    @staticmethod
    def _reseal(row: models.Model, fields: list[EncryptedTextField], tally: Tally) -> None:
        changed: list[str] = []
        for f in fields:
            raw = EncryptedTextField.raw_value(row, f.attname)
            if not raw:
                continue
            if is_sealed(raw):
                if not keyring().needs_rotation(raw):
                    continue
                try:
                    getattr(row, f.attname)  # the descriptor opens it with its old key
                except DecryptionError:
                    tally.unreadable.append(f"{row._meta.label}.{f.name} of row {row.pk}")
                    continue
                tally.resealed += 1
            else:
                # Text stored before this column was encrypted: seal it too.
                row.__dict__[f.attname] = str(raw)
                tally.sealed_plaintext += 1
            changed.append(f.attname)
        if changed:
            row.save(update_fields=changed)
