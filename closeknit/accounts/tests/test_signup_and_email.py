"""Signing up, verifying the address, and resetting a password, through the pages and a
real SMTP server."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client

from closeknit.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "walks by the river at dusk"


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def _sign_up(client: Client, **overrides: str):
    data = {
        "email": "river@example.com",
        "password1": PASSWORD,
        "name": "River",
        "pronouns": "they/them",
        "timezone": "Europe/Lisbon",
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def test_sign_up_creates_the_person_with_profile_and_lands_on_today(smtp_inbox):
    client = Client()
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    user = User.objects.get(email="river@example.com")
    assert (user.name, user.pronouns, user.timezone) == ("River", "they/them", "Europe/Lisbon")
    assert user.password.startswith("argon2")
    today = client.get("/today/")
    assert today.status_code == 200
    assert "River" in today.content.decode()


def test_sign_up_form_shows_each_problem_next_to_its_field_and_keeps_input():
    client = Client()
    response = _sign_up(client, email="not-an-address", name="", timezone="Mars/Olympus")
    assert response.status_code in {200, 422}
    form = response.context["form"]
    assert "email" in form.errors
    assert "name" in form.errors
    assert "timezone" in form.errors
    assert not User.objects.exists()
    assert 'value="they/them"' in response.content.decode()


def test_verification_email_has_text_and_html_and_confirming_verifies(smtp_inbox):
    client = Client()
    _sign_up(client)
    [message] = smtp_inbox.to("river@example.com")
    assert "confirm" in str(message["Subject"]).lower()
    text, html = smtp_inbox.text(message), smtp_inbox.html(message)
    # Pronouns are profile data; like anything a person writes, they stay out of e-mail.
    assert "they/them" not in text
    assert "they/them" not in html
    link = next(link for link in _links(text) if "/accounts/confirm-email/" in link)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="river@example.com").verified


def test_unverified_address_gets_a_gentle_banner_but_can_use_the_app(smtp_inbox):
    client = Client()
    _sign_up(client)
    client.get("/today/")  # the one-off "confirmation sent" message is shown here
    page = client.get("/today/")
    assert page.status_code == 200
    assert 'data-testid="verify-banner"' in page.content.decode()
    EmailAddress.objects.filter(email="river@example.com").update(verified=True)
    assert 'data-testid="verify-banner"' not in client.get("/today/").content.decode()


def test_log_out_and_log_in_again():
    client = Client()
    _sign_up(client)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/today/").status_code == 302
    response = client.post("/accounts/login/", {"login": "River@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/today/").status_code == 200


def test_password_reset_by_email_sets_a_new_password(smtp_inbox):
    client = Client()
    _sign_up(client)
    EmailAddress.objects.filter(email="river@example.com").update(verified=True)
    client.post("/accounts/logout/")
    smtp_inbox.messages.clear()

    response = client.post("/accounts/password/reset/", {"email": "river@example.com"})
    assert response.status_code == 302
    [message] = smtp_inbox.to("river@example.com")
    assert smtp_inbox.html(message)
    link = next(link for link in _links(smtp_inbox.text(message)) if "/password/reset/key/" in link)
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    new_password = "a brand new quiet morning"
    done = client.post(set_path, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert Client().login(email="river@example.com", password=new_password)


def test_password_reset_is_not_sent_to_an_unverified_address(smtp_inbox):
    client = Client()
    _sign_up(client)
    client.post("/accounts/logout/")
    smtp_inbox.messages.clear()
    response = client.post("/accounts/password/reset/", {"email": "river@example.com"})
    # Same answer as for a verified address, so nobody learns who has an account.
    assert response.status_code == 302
    assert smtp_inbox.to("river@example.com") == []


def test_pronouns_are_stored_sealed_not_as_plain_text():
    _sign_up(Client())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pronouns FROM accounts_user WHERE email = %s", ["river@example.com"])
        (raw,) = cursor.fetchone()
    assert raw.startswith("ck1:")
    assert "they/them" not in raw
