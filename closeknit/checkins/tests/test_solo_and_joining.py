"""Checking in alone works, and joining a partner later keeps every check-in."""

from __future__ import annotations

import pytest

from closeknit.checkins.models import CheckIn
from closeknit.checkins.tests.support import HISTORY, TODAY, call, check_in, guess, page
from closeknit.couples.selectors import couple_id_of
from conftest import link, make_user

pytestmark = pytest.mark.django_db


def test_joining_a_partner_keeps_what_was_checked_in_alone(solo):
    check_in(solo, ["hopeful"], note="started on my own")
    lee = make_user("lee@example.com", "Lee")
    check_in_before = CheckIn.objects.get(author=solo.user)
    link(lee, solo.user)
    moved = CheckIn.objects.get(id=check_in_before.id)
    assert moved.couple_id == couple_id_of(lee)
    assert moved.note == "started on my own"
    assert moved.date == TODAY
    assert "started on my own" in page(solo.client.get(HISTORY))


def test_once_joined_the_new_partner_can_guess_the_solo_check_in(solo, client):
    check_in(solo, ["hopeful"], intensity=4, note="shared from before")
    lee = make_user("lee@example.com", "Lee")
    link(lee, solo.user)
    client.force_login(lee)
    lee_page = page(client.get("/checkins/"))
    assert "Jo has checked in." in lee_page
    assert "shared from before" not in lee_page
    response = client.post("/checkins/guess/", {"guess-family": "hopeful", "guess-intensity": 4})
    assert response.status_code == 302
    assert "shared from before" in page(client.get("/checkins/"))


def test_the_api_works_alone_too(solo):
    body = call(solo, "PUT", "/today", {"feelings": ["tired"], "intensity": 2}, status=200)
    assert body["mine"]["shared"] is True
    assert call(solo, "GET", "/history", status=200)["count"] == 1
    # Nobody to guess for.
    assert guess(solo, "calm", 2).status_code == 422
