"""The couple page: partner status, invitations, and the couple's shared settings."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from closeknit.couples.models import Couple, Invitation
from closeknit.couples.selectors import get_couple_for

pytestmark = pytest.mark.django_db

SETTINGS = {
    "relationship_started_on": "2019-06-01",
    "home_timezone": "America/Chicago",
    "day_starts_at": "5",
}


@pytest.mark.parametrize(
    ("persona", "partner"), [("partner_a", "Sam"), ("partner_b", "Alex"), ("outsider", "Kai")]
)
def test_couple_page_shows_only_your_own_partner(request, persona, partner):
    html = request.getfixturevalue(persona).client.get("/couple/").content.decode()
    assert f"linked with <strong>{partner}</strong>" in html
    for stranger in {"Sam", "Alex", "Kai"} - {partner}:
        assert f"<strong>{stranger}</strong>" not in html


def test_couple_page_needs_a_signed_in_person():
    assert Client().get("/couple/").status_code == 302
    assert Client().post("/couple/invitations/").status_code == 302
    assert not Invitation.objects.filter(accepted_at=None).exists()


def test_someone_alone_creates_an_invitation_with_link_and_code(solo):
    response = solo.client.post("/couple/invitations/")
    assert response.status_code == 302
    invitation = Invitation.objects.get(created_by=solo.user)
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    html = solo.client.get("/couple/").content.decode()
    assert invitation.code in html
    assert f"/join/{invitation.code}/" in html


def test_a_new_invitation_cancels_the_previous_one(solo):
    solo.client.post("/couple/invitations/")
    first = Invitation.objects.get(created_by=solo.user)
    solo.client.post("/couple/invitations/")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.filter(created_by=solo.user, revoked_at=None).count() == 1


def test_a_linked_couple_cannot_invite_a_third_person(partner_a):
    response = partner_a.client.post("/couple/invitations/", follow=True)
    assert "already joined" in response.content.decode()
    assert not Invitation.objects.filter(created_by=partner_a.user, accepted_at=None).exists()


def test_inviter_can_cancel_their_invitation(solo):
    solo.client.post("/couple/invitations/")
    invitation = Invitation.objects.get(created_by=solo.user)
    response = solo.client.post(f"/couple/invitations/{invitation.code}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider"])
def test_nobody_outside_a_couple_can_cancel_its_invitation(request, solo, persona):
    solo.client.post("/couple/invitations/")
    invitation = Invitation.objects.get(created_by=solo.user)
    response = request.getfixturevalue(persona).client.post(
        f"/couple/invitations/{invitation.code}/revoke/"
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize(
    ("editor", "viewer"), [("partner_a", "partner_b"), ("partner_b", "partner_a")]
)
def test_either_partner_changes_the_shared_settings_and_both_see_them(request, editor, viewer):
    editor_persona = request.getfixturevalue(editor)
    response = editor_persona.client.post("/couple/settings/", SETTINGS)
    assert response.status_code == 302
    couple = get_couple_for(request.getfixturevalue(viewer).user)
    assert couple is not None
    assert couple.home_timezone == "America/Chicago"
    assert couple.day_starts_at == time(5, 0)
    assert str(couple.relationship_started_on) == "2019-06-01"
    html = request.getfixturevalue(viewer).client.get("/couple/").content.decode()
    assert 'value="2019-06-01"' in html


def test_outsider_changing_settings_changes_only_their_own_couple(partner_a, outsider):
    outsider.client.post("/couple/settings/", SETTINGS)
    couple = get_couple_for(partner_a.user)
    assert couple is not None
    assert couple.home_timezone != "America/Chicago"
    assert Couple.objects.filter(home_timezone="America/Chicago").count() == 1


def test_bad_settings_are_shown_next_to_their_fields(partner_a):
    response = partner_a.client.post(
        "/couple/settings/",
        {
            "relationship_started_on": "2999-01-01",
            "home_timezone": "Nowhere",
            "day_starts_at": "25",
        },
    )
    assert response.status_code == 422
    form = response.context["settings_form"]
    assert {"home_timezone", "day_starts_at"} <= set(form.errors)
    future = partner_a.client.post(
        "/couple/settings/", {**SETTINGS, "relationship_started_on": "2999-01-01"}
    )
    assert future.status_code == 422
    assert "future" in str(future.context["settings_form"].errors["relationship_started_on"])
    couple = get_couple_for(partner_a.user)
    assert couple is not None
    assert couple.relationship_started_on is None


def test_day_rolls_over_at_four_by_default(solo):
    solo.client.post("/couple/invitations/")
    couple = get_couple_for(solo.user)
    assert couple is not None
    assert couple.day_starts_at == time(4, 0)
    assert couple.home_timezone == "Europe/Berlin"


def test_couple_page_query_count_does_not_grow_with_old_invitations(
    solo, django_assert_num_queries
):
    solo.client.post("/couple/invitations/")
    solo.client.get("/couple/")
    with django_assert_num_queries(3):
        solo.client.get("/couple/")
    for _ in range(10):
        solo.client.post("/couple/invitations/")
    with django_assert_num_queries(3):
        solo.client.get("/couple/")
