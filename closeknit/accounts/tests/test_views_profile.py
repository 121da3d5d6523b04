"""Editing one's own profile on the profile page."""

from __future__ import annotations

import pytest
from django.test import Client

from closeknit.accounts.models import User

pytestmark = pytest.mark.django_db

VALID = {"name": "Alexis", "pronouns": "he/they", "timezone": "Asia/Kolkata"}


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider"])
def test_each_person_sees_and_edits_only_their_own_profile(request, persona):
    who = request.getfixturevalue(persona)
    page = who.client.get("/profile/")
    assert page.status_code == 200
    assert f'value="{who.user.name}"' in page.content.decode()
    response = who.client.post("/profile/", VALID)
    assert response.status_code == 302
    who.user.refresh_from_db()
    assert (who.user.name, who.user.pronouns, who.user.timezone) == (
        "Alexis",
        "he/they",
        "Asia/Kolkata",
    )
    others = User.objects.exclude(pk=who.user.pk)
    assert not others.filter(name="Alexis").exists()


def test_profile_needs_a_signed_in_person():
    assert Client().get("/profile/").status_code == 302
    assert Client().post("/profile/", VALID).status_code == 302
    assert not User.objects.filter(name="Alexis").exists()


def test_bad_profile_input_is_shown_next_to_the_field_and_kept(partner_a):
    response = partner_a.client.post(
        "/profile/", {"name": "", "pronouns": "x" * 41, "timezone": "Moon/Base"}
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"name", "pronouns", "timezone"}
    assert 'class="field__error"' in response.content.decode()
    partner_a.user.refresh_from_db()
    assert partner_a.user.name == "Alex"


def test_partner_sees_the_new_name_on_their_today_page(partner_a, partner_b):
    partner_a.client.post("/profile/", VALID)
    assert "You and Alexis are linked" in partner_b.client.get("/today/").content.decode()
