"""Joining a partner through an invitation link or a typed code."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from closeknit.couples import services
from closeknit.couples.models import Couple, Invitation
from closeknit.couples.selectors import partner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(solo):
    return services.create_invitation(user=solo.user)


def test_link_shows_who_invited_you_and_how_to_start(invitation):
    response = Client().get(f"/join/{invitation.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jo invited you to Closeknit" in page
    assert f"/accounts/signup/?next=/join/{invitation.code}/" in page


def test_someone_new_signs_up_through_the_link_and_joins(invitation):
    client = Client()
    signup = client.post(
        f"/accounts/signup/?next=/join/{invitation.code}/",
        {
            "email": "pat@example.com",
            "password1": "sunday pancakes forever",
            "name": "Pat",
            "timezone": "Europe/Berlin",
            "next": f"/join/{invitation.code}/",
        },
    )
    assert signup.status_code == 302
    assert signup["Location"] == f"/join/{invitation.code}/"
    joined = client.post(f"/join/{invitation.code}/")
    assert joined.status_code == 302
    assert joined["Location"] == "/today/"
    partner = partner_of(invitation.created_by)
    assert partner is not None
    assert partner.name == "Pat"
    assert "You and Jo are linked" in client.get("/today/").content.decode()


def test_an_existing_person_alone_logs_in_and_joins(invitation, outsider):
    from conftest import make_user

    lone = make_user("lone@example.com", "Lone")
    services.create_invitation(user=lone)  # a couple of one of their own, folded in on joining
    client = Client()
    client.force_login(lone)
    assert client.post(f"/join/{invitation.code}/").status_code == 302
    assert partner_of(lone) == invitation.created_by
    assert Couple.objects.filter(memberships__user=lone).count() == 1


def test_anonymous_post_to_the_link_is_sent_to_log_in_first(invitation):
    response = Client().post(f"/join/{invitation.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert partner_of(invitation.created_by) is None


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider"])
def test_someone_already_linked_is_refused_with_a_clear_message(request, invitation, persona):
    who = request.getfixturevalue(persona)
    response = who.client.post(f"/join/{invitation.code}/")
    assert response.status_code == 422
    assert "already linked with a partner" in response.content.decode()
    assert partner_of(invitation.created_by) is None
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_your_own_invitation_cannot_be_used_on_yourself(solo, invitation):
    response = solo.client.post(f"/join/{invitation.code}/")
    assert response.status_code == 422
    assert "your own invitation" in response.content.decode()


def _second_person():
    from conftest import make_user

    client = Client()
    client.force_login(make_user("pat@example.com", "Pat"))
    return client


def test_a_used_link_says_it_was_used(invitation):
    first = _second_person()
    first.post(f"/join/{invitation.code}/")
    late = Client()
    response = late.get(f"/join/{invitation.code}/")
    assert response.status_code == 422
    assert "already been used" in response.content.decode()


def test_a_cancelled_link_says_it_was_cancelled(invitation):
    services.revoke_invitation(invitation=invitation)
    response = _second_person().post(f"/join/{invitation.code}/")
    assert response.status_code == 422
    assert "cancelled" in response.content.decode()
    assert partner_of(invitation.created_by) is None


def test_a_link_older_than_seven_days_says_it_expired(invitation):
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = _second_person().post(f"/join/{invitation.code}/")
    assert response.status_code == 422
    assert "expired" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_made_up_link_says_it_matches_nothing():
    response = Client().get("/join/ZZZZ-ZZZZ/")
    assert response.status_code == 422
    assert "doesn't match any invitation" in html.unescape(response.content.decode())


def test_typing_the_code_in_any_case_and_without_the_dash_joins(invitation):
    client = _second_person()
    typed = invitation.code.replace("-", "").lower()
    response = client.post("/join/", {"code": f" {typed} "})
    assert response.status_code == 302
    partner = partner_of(invitation.created_by)
    assert partner is not None
    assert partner.name == "Pat"


def test_a_wrong_typed_code_is_shown_next_to_the_field(invitation):
    client = _second_person()
    response = client.post("/join/", {"code": "NOPE-NOPE"})
    assert response.status_code == 422
    assert "code" in response.context["form"].errors
    assert 'value="NOPE-NOPE"' in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_join_by_code_page_needs_a_signed_in_person():
    assert Client().get("/join/").status_code == 302
