"""Shared fixtures: the three personas every view and endpoint is tested with.

partner_a and partner_b are linked in one couple; outsider is linked with a
partner of their own in another couple. Tests go through HTTP with these people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from closeknit.accounts.models import User
from closeknit.accounts.services import issue_token
from closeknit.couples import services as couple_services

PASSWORD = "a long and lovely passphrase"


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Real Argon2, tiny cost: the suite hashes thousands of passwords.
    settings.PASSWORD_HASHERS = ["closeknit.testing.hashers.FastArgon2PasswordHasher"]


def make_user(email: str, name: str, *, tz: str = "Europe/London", pronouns: str = "") -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email, PASSWORD, name=name, timezone=tz, pronouns=pronouns)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def link(inviter: User, joiner: User) -> None:
    invitation = couple_services.create_invitation(user=inviter)
    couple_services.join_couple(user=joiner, code=invitation.code)


@dataclass
class Persona:
    user: User
    client: Client
    token: str

    @property
    def auth(self) -> dict[str, str]:
        """Headers for the JSON API as this person."""
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}

    def api(self, method: str, path: str, data: Any = None) -> Any:
        call = getattr(self.client, method.lower())
        if data is None:
            return call(path, **self.auth)
        return call(path, data=data, content_type="application/json", **self.auth)


def _persona(user: User, rf_request: Any) -> Persona:
    client = Client()
    client.force_login(user)
    _token, raw = issue_token(request=rf_request, email=user.email, password=PASSWORD)
    return Persona(user=user, client=client, token=raw)


@pytest.fixture
def _token_request(rf: Any) -> Any:
    return rf.post("/api/v1/auth/token", REMOTE_ADDR="10.9.9.9")


@pytest.fixture
def couple_users(db: None) -> tuple[User, User]:
    alex = make_user("alex@example.com", "Alex", pronouns="they/them")
    sam = make_user("sam@example.com", "Sam", tz="America/New_York", pronouns="she/her")
    link(alex, sam)
    return alex, sam


@pytest.fixture
def partner_a(couple_users: tuple[User, User], _token_request: Any) -> Persona:
    return _persona(couple_users[0], _token_request)


@pytest.fixture
def partner_b(couple_users: tuple[User, User], _token_request: Any) -> Persona:
    return _persona(couple_users[1], _token_request)


@pytest.fixture
def outsider(db: None, _token_request: Any) -> Persona:
    robin = make_user("robin@example.com", "Robin", tz="Asia/Tokyo")
    kai = make_user("kai@example.com", "Kai", tz="Asia/Tokyo")
    link(robin, kai)
    return _persona(robin, _token_request)


@pytest.fixture
def solo(db: None, _token_request: Any) -> Persona:
    """Someone using Closeknit alone, before any partner has joined."""
    jo = make_user("jo@example.com", "Jo", tz="Europe/Berlin")
    return _persona(jo, _token_request)
