"""manage.py demo: a demo couple with a few weeks of history, so the app looks lived-in.

Alex and Sam signed up weeks ago, linked through a real invitation, and have used
Closeknit since. Re-running replaces them. Each feature area has its own step
below; a new feature adds a step that writes a few weeks of its own data, through
its services where it can, then backdates it.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.accounts.services import register_user
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.services import create_invitation, join_couple, update_couple_settings

DEMO_PASSWORD = "demo-closeknit-together"


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    pronouns: str
    timezone: str


ALEX = DemoPerson("Alex", "alex.demo@example.com", "they/them", "Europe/London")
SAM = DemoPerson("Sam", "sam.demo@example.com", "she/her", "America/Toronto")
DEMO_PEOPLE = (ALEX, SAM)

# The story, counted back from now: Alex signs up and invites Sam, Sam joins two
# days later, and both have been coming back since.
ALEX_JOINED = timedelta(days=38, hours=2)
INVITED = timedelta(days=37, hours=23)
SAM_JOINED = timedelta(days=35, hours=20)
ALEX_LAST_SEEN = timedelta(hours=3)
SAM_LAST_SEEN = timedelta(hours=19)
TOGETHER_FOR_YEARS = 6


@dataclass(frozen=True)
class DemoCouple:
    alex: User
    sam: User
    couple: Couple


def remove_previous_demo() -> None:
    """Delete the demo people and their couple, so a re-run starts clean.

    Only the two reserved example.com addresses are touched: nobody else's data.
    """
    emails = [person.email for person in DEMO_PEOPLE]
    couple_ids = Membership.objects.filter(user__email__in=emails).values_list(
        "couple_id", flat=True
    )
    Couple.objects.filter(id__in=list(couple_ids)).delete()
    User.objects.filter(email__in=emails).delete()


def create_people(*, now: datetime, password: str) -> tuple[User, User]:
    """Accounts: two people who signed up weeks ago and verified their addresses."""
    people = []
    for person, joined_ago in ((ALEX, ALEX_JOINED), (SAM, SAM_JOINED)):
        user = register_user(
            email=person.email,
            password=password,
            name=person.name,
            tz_name=person.timezone,
            pronouns=person.pronouns,
        )
        User.objects.filter(id=user.id).update(date_joined=now - joined_ago)
        EmailAddress.objects.filter(user=user).update(verified=True, primary=True)
        people.append(user)
    return people[0], people[1]


def link_partners(*, alex: User, sam: User, now: datetime) -> Couple:
    """Couples: Alex invited Sam, and Sam joined through that invitation."""
    invitation = create_invitation(user=alex)
    couple = join_couple(user=sam, code=invitation.code)
    invited_at = now - INVITED
    accepted_at = now - SAM_JOINED + timedelta(minutes=6)
    Couple.objects.filter(id=couple.id).update(created_at=invited_at)
    Invitation.objects.filter(id=invitation.id).update(
        created_at=invited_at,
        expires_at=invited_at + timedelta(days=settings.INVITATION_DAYS),
        accepted_at=accepted_at,
    )
    Membership.objects.filter(user=alex).update(joined_at=invited_at)
    Membership.objects.filter(user=sam).update(joined_at=accepted_at)
    return couple


def set_up_couple(*, alex: User, now: datetime) -> Couple:
    """Couple settings: together for years, at home in London, days turn over at 04:00."""
    today = now.date()
    return update_couple_settings(
        user=alex,
        relationship_started_on=date(today.year - TOGETHER_FOR_YEARS, 5, 18),
        home_timezone=ALEX.timezone,
        day_starts_at=time(4, 0),
    )


def record_sign_ins(*, alex: User, sam: User, now: datetime) -> None:
    """Accounts again: both came back recently, Alex this morning and Sam last night."""
    User.objects.filter(id=alex.id).update(last_login=now - ALEX_LAST_SEEN)
    User.objects.filter(id=sam.id).update(last_login=now - SAM_LAST_SEEN)


@transaction.atomic
def build_demo(*, now: datetime, password: str = DEMO_PASSWORD) -> DemoCouple:
    remove_previous_demo()
    alex, sam = create_people(now=now, password=password)
    link_partners(alex=alex, sam=sam, now=now)
    couple = set_up_couple(alex=alex, now=now)
    record_sign_ins(alex=alex, sam=sam, now=now)
    return DemoCouple(
        alex=User.objects.get(id=alex.id), sam=User.objects.get(id=sam.id), couple=couple
    )


class Command(BaseCommand):
    help = "Create (or re-create) a demo couple, Alex and Sam, with a few weeks of history."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help="Password for both demo accounts (default: %(default)s).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow running with CLOSEKNIT_ENV=production (not recommended).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The default password is printed here and in the README: demo accounts
        # have no place on a server real couples use.
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "This is a production server: demo accounts with a published password "
                "do not belong here. Use --force (and --password) if you really mean it."
            )
        password: str = options["password"]
        demo = build_demo(now=timezone.now(), password=password)
        login_url = settings.SITE_URL + reverse("account_login")
        started = demo.couple.relationship_started_on
        self.stdout.write(
            f"Demo couple ready: {demo.alex.name} and {demo.sam.name}"
            + (f", together since {started:%d %B %Y}." if started else ".")
        )
        self.stdout.write("")
        for user in (demo.alex, demo.sam):
            self.stdout.write(f"  {user.name:<5} {user.email:<24} password: {password}")
        self.stdout.write("")
        self.stdout.write(f"Sign in at {login_url}")
        self.stdout.write("(Use a private window for the second person: each has their own login.)")
