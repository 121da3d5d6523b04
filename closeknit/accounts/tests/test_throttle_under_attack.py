"""A hundred failed sign-ins from one address never keep the owner out from another.

Both ways in are attacked through HTTP: the web sign-in form and POST
/api/v1/auth/token. The attacker's address ends up refused, told so, and without
its passwords being checked at all (no hashing work to spend on it); the owner,
signing in from their own address straight after, gets in on the first try.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from closeknit.testing.hashers import FastArgon2PasswordHasher
from closeknit.testing.openapi import validate_response
from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.23"
PROXY = "10.0.0.2"
FAILURES = 100


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password_checks(monkeypatch) -> list[str]:
    """Every password hashed or verified, in order: empty means none were checked."""
    calls: list[str] = []
    verify, encode = FastArgon2PasswordHasher.verify, FastArgon2PasswordHasher.encode

    def counting_verify(self, password, encoded):
        calls.append("verify")
        return verify(self, password, encoded)

    def counting_encode(self, password, salt):
        calls.append("encode")
        return encode(self, password, salt)

    monkeypatch.setattr(FastArgon2PasswordHasher, "verify", counting_verify)
    monkeypatch.setattr(FastArgon2PasswordHasher, "encode", counting_encode)
    return calls


def _client(address: str, *, behind_proxy: bool = False) -> Client:
    if behind_proxy:
        # The proxy connects for everyone and appends the address it saw.
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return Client(REMOTE_ADDR=address)


def _behind_one_proxy(settings) -> None:
    # settings.py derives allauth's count from ours once, at start-up; both move here.
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_HOPS
    settings.TRUSTED_PROXY_HOPS = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def _web(client: Client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


def _api(client: Client, email: str, password: str):
    response = client.post(
        TOKEN, {"email": email, "password": password}, content_type="application/json"
    )
    validate_response(response)
    return response


def _web_refused_as_throttled(response) -> bool:
    # Our form's message, or allauth's own per-address limit on the sign-in page.
    if response.status_code == 429:
        return True
    return response.status_code == 200 and "Too many attempts" in response.content.decode()


def _signed_in_on_the_web(client: Client) -> bool:
    return client.get("/today/").status_code == 200


def _assert_owner_gets_in_on_the_web(email: str, *, behind_proxy: bool = False) -> None:
    owner = _client(OWNER, behind_proxy=behind_proxy)
    response = _web(owner, email, PASSWORD)
    assert response.status_code == 302, response.content.decode()[:500]
    assert _signed_in_on_the_web(owner)


def _assert_owner_gets_a_token(email: str, *, behind_proxy: bool = False) -> None:
    response = _api(_client(OWNER, behind_proxy=behind_proxy), email, PASSWORD)
    assert response.status_code == 201, response.json()
    assert response.json()["token"]


# One account, a hundred failures from one address


@pytest.mark.parametrize("behind_proxy", [False, True], ids=["direct", "behind-a-proxy"])
def test_web_sign_in_a_hundred_failures_refuse_the_attacker_not_the_owner(
    settings, password_checks, behind_proxy
):
    if behind_proxy:
        _behind_one_proxy(settings)
    make_user("noor@example.com", "Noor")
    attacker = _client(ATTACKER, behind_proxy=behind_proxy)
    responses = [_web(attacker, "noor@example.com", f"guess {n}") for n in range(FAILURES)]
    assert not any(r.status_code == 302 for r in responses)
    assert all(_web_refused_as_throttled(r) for r in responses[-50:])
    assert not _signed_in_on_the_web(attacker)

    # Even the right password is refused from there now, unread.
    password_checks.clear()
    response = _web(attacker, "noor@example.com", PASSWORD)
    assert _web_refused_as_throttled(response)
    assert password_checks == []
    assert not _signed_in_on_the_web(attacker)

    _assert_owner_gets_in_on_the_web("noor@example.com", behind_proxy=behind_proxy)


@pytest.mark.parametrize("behind_proxy", [False, True], ids=["direct", "behind-a-proxy"])
def test_token_endpoint_a_hundred_failures_refuse_the_attacker_not_the_owner(
    settings, password_checks, behind_proxy
):
    if behind_proxy:
        _behind_one_proxy(settings)
    make_user("noor@example.com", "Noor")
    attacker = _client(ATTACKER, behind_proxy=behind_proxy)
    statuses = [
        _api(attacker, "noor@example.com", f"guess {n}").status_code for n in range(FAILURES)
    ]
    assert set(statuses) == {401, 429}
    assert statuses[-1] == 429

    password_checks.clear()
    response = _api(attacker, "noor@example.com", PASSWORD)
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert password_checks == []

    _assert_owner_gets_a_token("noor@example.com", behind_proxy=behind_proxy)


# A hundred failures spread over many accounts from one address


def _many_accounts() -> list[str]:
    emails = []
    for n in range(4):
        email = f"person{n}@example.com"
        make_user(email, f"Person {n}")
        emails.append(email)
    # Most guesses are at addresses nobody has: an attacker does not know who signed up.
    return emails + [f"nobody{n}@example.com" for n in range(FAILURES - len(emails))]


def test_web_sign_in_failures_over_many_accounts_refuse_the_address_not_the_owners(
    password_checks,
):
    emails = _many_accounts()
    attacker = _client(ATTACKER)
    responses = [_web(attacker, email, "a wrong guess") for email in emails]
    assert all(_web_refused_as_throttled(r) for r in responses[-50:])

    password_checks.clear()
    # A fresh account the attacker never tried is refused from that address too.
    assert _web_refused_as_throttled(_web(attacker, "person0@example.com", PASSWORD))
    assert password_checks == []

    for email in emails[:4]:
        _assert_owner_gets_in_on_the_web(email)


def test_token_endpoint_failures_over_many_accounts_refuse_the_address_not_the_owners(
    password_checks,
):
    emails = _many_accounts()
    attacker = _client(ATTACKER)
    statuses = [_api(attacker, email, "a wrong guess").status_code for email in emails]
    assert set(statuses) == {401, 429}
    assert statuses[-50:] == [429] * 50

    password_checks.clear()
    response = _api(attacker, "person3@example.com", PASSWORD)
    assert response.status_code == 429
    assert password_checks == []

    for email in emails[:4]:
        _assert_owner_gets_a_token(email)


def test_a_hundred_failures_on_the_web_leave_the_token_endpoint_open_to_the_owner():
    make_user("noor@example.com", "Noor")
    attacker = _client(ATTACKER)
    for n in range(FAILURES):
        _web(attacker, "noor@example.com", f"guess {n}")
    assert _api(attacker, "noor@example.com", PASSWORD).status_code == 429
    _assert_owner_gets_a_token("noor@example.com")
