"""Failed sign-ins slow down guessing from one address without locking anyone out."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _attempt(address: str, password: str) -> int:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": "noor@example.com", "password": password})
    return response.status_code


def test_repeated_failures_from_one_address_are_refused_even_with_the_right_password(settings):
    make_user("noor@example.com", "Noor")
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS):
        assert _attempt("203.0.113.5", "wrong guess") == 200
    client = Client(REMOTE_ADDR="203.0.113.5")
    response = client.post("/accounts/login/", {"login": "noor@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many attempts" in response.content.decode()
    assert client.get("/today/").status_code == 302


def test_failures_from_one_address_never_lock_the_owner_out_from_another(settings):
    make_user("noor@example.com", "Noor")
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS * 3):
        _attempt("203.0.113.5", "wrong guess")
    assert _attempt("198.51.100.7", PASSWORD) == 302


def test_a_successful_sign_in_clears_earlier_failures(settings):
    make_user("noor@example.com", "Noor")
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS - 1):
        _attempt("203.0.113.5", "wrong guess")
    assert _attempt("203.0.113.5", PASSWORD) == 302
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS - 1):
        assert _attempt("203.0.113.5", "wrong guess") == 200
    assert _attempt("203.0.113.5", PASSWORD) == 302
