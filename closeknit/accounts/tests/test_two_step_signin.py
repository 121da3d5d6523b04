"""Turning on two-step sign-in with an authenticator app, and signing in with it."""

from __future__ import annotations

import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _code(secret: str, at: float) -> str:
    return format_hotp_value(hotp_value(secret, int(at) // 30))


def _log_in(client: Client, email: str) -> None:
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    # Changing sign-in security asks for the password again, even right after log-in.
    assert client.get("/accounts/2fa/totp/activate/").status_code == 302
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def test_turning_on_an_authenticator_then_signing_in_asks_for_a_code():
    user = make_user("lee@example.com", "Lee")
    client = Client()
    with time_machine.travel(1_900_000_000, tick=False):
        _log_in(client, user.email)
        page = client.get("/accounts/2fa/totp/activate/")
        assert page.status_code == 200
        secret = client.session[SECRET_SESSION_KEY]
        wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
        assert wrong.status_code == 200
        assert not Authenticator.objects.filter(user=user).exists()
        done = client.post("/accounts/2fa/totp/activate/", {"code": _code(secret, time.time())})
        assert done.status_code == 302
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}

    later = Client()
    with time_machine.travel(1_900_000_120, tick=False):
        response = later.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/authenticate/")
        assert later.get("/today/").status_code == 302  # not signed in yet
        later.post("/accounts/2fa/authenticate/", {"code": _code(secret, time.time())})
        assert later.get("/today/").status_code == 200


def test_a_recovery_code_also_completes_sign_in():
    user = make_user("lee@example.com", "Lee")
    client = Client()
    with time_machine.travel(1_900_000_000, tick=False):
        _log_in(client, user.email)
        client.get("/accounts/2fa/totp/activate/")
        secret = client.session[SECRET_SESSION_KEY]
        client.post("/accounts/2fa/totp/activate/", {"code": _code(secret, time.time())})
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    first_code = recovery.wrap().get_unused_codes()[0]

    phone_lost = Client()
    phone_lost.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    phone_lost.post("/accounts/2fa/authenticate/", {"code": first_code})
    assert phone_lost.get("/today/").status_code == 200
