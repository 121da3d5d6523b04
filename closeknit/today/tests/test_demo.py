"""manage.py demo: a lived-in couple that a newcomer can sign in as at once."""

from __future__ import annotations

import io
from datetime import time, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.couples.selectors import partner_of
from closeknit.today.management.commands.demo import ALEX, DEMO_PASSWORD, SAM

pytestmark = pytest.mark.django_db


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _sign_in(email: str, password: str = DEMO_PASSWORD) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/today/"
    return client


def test_the_demo_can_be_run_twice_and_leaves_one_couple() -> None:
    _demo()
    first_ids = set(User.objects.values_list("id", flat=True))
    # Used in between, as a newcomer would: opening Today creates the day's rows.
    assert _sign_in(ALEX.email).get("/today/").status_code == 200

    output = _demo()

    assert User.objects.filter(email__in=[ALEX.email, SAM.email]).count() == 2
    assert set(User.objects.values_list("id", flat=True)).isdisjoint(first_ids)
    assert Couple.objects.count() == 1
    assert Membership.objects.count() == 2
    assert Invitation.objects.count() == 1
    assert "Demo couple ready: Alex and Sam" in output


def test_both_demo_partners_can_sign_in_and_see_each_other_on_today() -> None:
    _demo()
    _demo()

    for me, them in ((ALEX, SAM), (SAM, ALEX)):
        client = _sign_in(me.email)
        today = client.get("/today/")

        assert today.status_code == 200
        summary = today.context["summary"]
        assert summary.partner is not None
        assert summary.partner.email == them.email
        assert them.name in today.content.decode()


def test_the_demo_partners_are_linked_through_a_used_invitation() -> None:
    _demo()
    alex = User.objects.get(email=ALEX.email)
    sam = User.objects.get(email=SAM.email)

    invitation = Invitation.objects.get()

    assert partner_of(alex) == sam
    assert partner_of(sam) == alex
    assert invitation.created_by == alex
    assert invitation.accepted_by == sam
    assert invitation.status == Invitation.Status.USED
    assert invitation.created_at < invitation.accepted_at <= invitation.expires_at  # type: ignore[operator]


def test_the_demo_has_weeks_of_plausible_history() -> None:
    now = timezone.now()
    _demo()
    alex = User.objects.get(email=ALEX.email)
    sam = User.objects.get(email=SAM.email)
    couple = Couple.objects.get()

    assert (alex.name, alex.pronouns, alex.timezone) == ("Alex", "they/them", "Europe/London")
    assert (sam.name, sam.pronouns, sam.timezone) == ("Sam", "she/her", "America/Toronto")
    assert alex.date_joined < sam.date_joined < now - timedelta(weeks=3)
    assert alex.last_login is not None
    assert sam.last_login is not None
    assert now - timedelta(days=2) < sam.last_login < alex.last_login < now
    assert set(EmailAddress.objects.values_list("email", "verified", "primary")) == {
        (ALEX.email, True, True),
        (SAM.email, True, True),
    }
    assert couple.home_timezone == "Europe/London"
    assert couple.day_starts_at == time(4, 0)
    assert couple.relationship_started_on is not None
    assert couple.relationship_started_on < (now - timedelta(days=365)).date()
    assert couple.created_at < now - timedelta(weeks=3)


def test_the_demo_prints_both_logins_and_where_to_sign_in() -> None:
    output = _demo()

    for person in (ALEX, SAM):
        assert person.email in output
    assert output.count(f"password: {DEMO_PASSWORD}") == 2
    assert "http://127.0.0.1:8000/accounts/login/" in output


def test_the_demo_leaves_everyone_else_alone() -> None:
    from conftest import make_user

    robin = make_user("robin@example.com", "Robin")

    _demo()
    _demo()

    assert User.objects.filter(id=robin.id).exists()
    assert User.objects.count() == 3


def test_the_demo_refuses_to_run_in_production_unless_forced(settings: Any) -> None:
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production server"):
        _demo()
    assert not User.objects.exists()

    _demo("--force", "--password", "a different long passphrase")
    _sign_in(ALEX.email, "a different long passphrase")
