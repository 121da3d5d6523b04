"""manage.py seed_bench_login: sign the benchmark's people in, for ``make bench``.

Prints JSON: the session cookie's name (whatever the settings call it), and for partner
A of each measured couple a fresh session key, a fresh API token and today's daily
question. The sign-in is made here, on the server's side, because the sign-in form is
throttled and would only measure Argon2. Only seeded people (``bench.example.com``)
can be signed in this way.
"""

from __future__ import annotations

import argparse
import json
import secrets
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError

from closeknit.accounts.models import ApiToken, User
from closeknit.accounts.services import TOKEN_PREFIX, hash_token
from closeknit.couples.selectors import get_couple_for
from closeknit.questions.models import DailyQuestion
from closeknit.questions.selectors import day_of
from closeknit.today.management.commands.seed_bench_story import (
    FIVE_YEARS_LABEL,
    MEASURED_LABEL,
    ONE_WEEK_LABEL,
    email_of,
)

LABELS = (MEASURED_LABEL, ONE_WEEK_LABEL, FIVE_YEARS_LABEL)


def sign_in(user: User) -> str:
    """A session exactly like the one a sign-in leaves; returns its key."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    key: str = store.session_key
    return key


def issue_bench_token(user: User) -> str:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, device="make bench", token_hash=hash_token(raw))
    return raw


def credentials(label: str) -> dict[str, str]:
    user = User.objects.filter(email=email_of(label)).first()
    if user is None:
        raise CommandError(f"No seeded person for {label!r}: run manage.py seed_bench first.")
    couple = get_couple_for(user)
    if couple is None:
        raise CommandError(f"{user.email} has no couple: the data set is incomplete.")
    daily = DailyQuestion.objects.filter(couple=couple, date=day_of(couple), is_bonus=False).first()
    if daily is None:
        raise CommandError(
            f"{label} has no daily question for today: the data set was seeded on "
            "another day. Seed it again."
        )
    return {
        "email": user.email,
        "session": sign_in(user),
        "token": issue_bench_token(user),
        "daily_id": str(daily.id),
        "today": day_of(couple).isoformat(),
    }


class Command(BaseCommand):
    help = "Sign in partner A of each benchmark couple and print the session keys and tokens."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "labels", nargs="*", help=f"Which couples (default: all of {', '.join(LABELS)})."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        labels: list[str] = options["labels"] or list(LABELS)
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise CommandError(f"Unknown couples {unknown}; choose from {', '.join(LABELS)}.")
        found = {label: credentials(label) for label in labels}
        self.stdout.write(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "couples": found}))
