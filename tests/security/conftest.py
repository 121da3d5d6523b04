"""Fixtures for the authorization matrix and the canary test.

Everything is created the real way, through each app's services, by partner A
(and by partner B where a reveal needs both), so the ids that fill the URLs are
ids of A's couple: B reaches them, the outsider and the solo person must not.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.webauthn.internal.auth import WebAuthn
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.signals import got_request_exception
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from fido2.cose import ES256
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

from closeknit.accounts.models import User
from closeknit.checkins import services as checkins
from closeknit.closeness import selectors as closeness_selectors
from closeknit.closeness import services as closeness
from closeknit.closeness.items import ITEMS
from closeknit.conflict import services as conflict
from closeknit.couples import services as couples
from closeknit.couples.models import Invitation
from closeknit.couples.selectors import get_couple_for
from closeknit.questions import services as questions
from closeknit.questions.models import Answer
from conftest import PASSWORD, Persona, make_user
from tests.security.logcapture import AllLogs

# Midday in London on a Tuesday: far from the couple's 04:00 rollover and a month's edge.
NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _at_noon() -> Iterator[None]:
    with time_machine.travel(NOON, tick=True):
        yield


@dataclass(frozen=True)
class Seen:
    """What came back: status, headers and the whole body, streamed or not."""

    status: int
    headers: dict[str, str]
    cookies: str
    body: bytes
    error: str = ""

    @classmethod
    def of(cls, response: HttpResponse, error: str = "") -> Seen:
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        else:
            body = response.content
        cookies = response.cookies.output()
        return cls(response.status_code, dict(response.headers), cookies, body, error)

    @property
    def everything(self) -> bytes:
        """Status line aside, all that went back to the client, as bytes."""
        head = "\n".join(f"{name}: {value}" for name, value in self.headers.items())
        return b"\n".join([head.encode(), self.cookies.encode(), self.body])

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Visitor:
    """Someone making requests: signed in through the real sign-in page, or nobody.

    Each request runs in a savepoint that is rolled back, and the cookie jar is put
    back afterwards, so no request (a sign-out, a deleted deck, a used invitation)
    changes what the next one sees.
    """

    name: str
    client: Client
    token: str = ""
    _cookies: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._cookies = copy.deepcopy(self.client.cookies)

    def send(
        self,
        method: str,
        url: str,
        *,
        api: bool,
        body: dict[str, Any] | None = None,
        rollback: bool = True,
    ) -> Seen:
        """One request; its body is ``body``, or an empty form or JSON object.

        ``rollback=False`` is for writes that are meant to stay.
        """
        call = getattr(self.client, method.lower())
        extra: dict[str, Any] = {}
        if api and self.token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        if method in {"GET", "DELETE"} and body is None:
            args: tuple[Any, ...] = ()
        elif api:
            args = (json.dumps(body or {}),)
            extra["content_type"] = "application/json"
        elif method == "POST":
            args = (body or {},)
        else:
            args = ("",)
        errors: list[str] = []

        def keep_traceback(**_kwargs: Any) -> None:
            errors.append(traceback.format_exc())

        got_request_exception.connect(keep_traceback)
        try:
            if not rollback:
                return Seen.of(call(url, *args, **extra), "".join(errors))
            with transaction.atomic():
                seen = Seen.of(call(url, *args, **extra), "".join(errors))
                transaction.set_rollback(True)
        finally:
            got_request_exception.disconnect(keep_traceback)
        self.client.cookies = copy.deepcopy(self._cookies)
        return seen


def sign_in(name: str, user: User, token: str) -> Visitor:
    """Through the sign-in page, then "confirm it's you", as the 2FA pages ask."""
    client = Client(raise_request_exception=False)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, (name, response.status_code)
    assert response["Location"] != "/accounts/login/", name
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, (name, response.status_code)
    return Visitor(name, client, token)


@pytest.fixture
def visitors(
    partner_a: Persona, partner_b: Persona, outsider: Persona, solo: Persona
) -> dict[str, Visitor]:
    people = {"partner_a": partner_a, "partner_b": partner_b, "outsider": outsider, "solo": solo}
    signed_in = {name: sign_in(name, p.user, p.token) for name, p in people.items()}
    return {"anonymous": Visitor("anonymous", Client(raise_request_exception=False))} | signed_in


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[AllLogs]:
    """Everything logged from here on, at DEBUG, SQL included."""
    with AllLogs(caplog) as captured:
        yield captured


def all_answers(value: int) -> dict[str, int]:
    return {item.key: value for item in ITEMS}


def deck_file(name: str, *texts: str) -> bytes:
    body = {
        "format": questions.DECK_FORMAT,
        "version": questions.DECK_VERSION,
        "name": name,
        "questions": [{"text": t, "practice": "communication", "depth": "light"} for t in texts],
    }
    return json.dumps(body).encode("utf-8")


@dataclass
class World:
    """The ids the URLs are filled with, and what was made to get them."""

    values: dict[str, str]
    # Some routes name a parameter the same way but need another object.
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_route(self, key: str) -> dict[str, str]:
        return self.values | self.overrides.get(key, {})


def open_invitation_code() -> str:
    """An invitation someone outside every persona's couple is waiting on."""
    jamie = make_user("jamie@example.com", "Jamie", tz="Europe/Dublin")
    return couples.create_invitation(user=jamie).code


def password_reset_key(user: User) -> tuple[str, str]:
    return user_pk_to_url_str(user), default_token_generator.make_token(user)


def add_passkey(user: User) -> int:
    """A passkey on the account, registered the way a browser's authenticator would."""
    key = ec.generate_private_key(ec.SECP256R1())
    credential_id = os.urandom(16)
    attested = AttestedCredentialData.create(
        Aaguid.NONE, credential_id, ES256.from_cryptography_key(key.public_key())
    )
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
    data = AuthenticatorData.create(
        hashlib.sha256(b"testserver").digest(), flags, 0, bytes(attested)
    )
    registration = RegistrationResponse(
        raw_id=credential_id,
        response=AuthenticatorAttestationResponse(
            client_data=CollectedClientData.create(
                type="webauthn.create", challenge=os.urandom(16), origin="http://testserver"
            ),
            attestation_object=AttestationObject.create("none", data, {}),
        ),
    )
    credential = json.loads(json.dumps(dict(registration)))
    credential["clientExtensionResults"] = {"credProps": {"rk": True}}
    passkey = WebAuthn.add(user, "Alex's phone", credential)
    return int(passkey.instance.pk)


def common_values(a: User) -> dict[str, str]:
    """Values every world fills the same way: codes and keys, not couple content."""
    uidb36, reset_key = password_reset_key(a)
    couple = get_couple_for(a)
    assert couple is not None
    accepted = Invitation.objects.filter(couple=couple).order_by("created_at").first()
    assert accepted is not None
    address = EmailAddress.objects.get(user=a, primary=True)
    return {
        "code": accepted.code,
        "uidb36": uidb36,
        "key": reset_key,
        "confirm_key": EmailConfirmationHMAC(address).key,
        "field": "trigger",
        "rest": "no-such-thing",
    }


def month_values(a: User) -> dict[str, str]:
    couple = get_couple_for(a)
    assert couple is not None
    month = closeness_selectors.month_of(couple)
    return {"year": f"{month:%Y}", "month": f"{month:%m}", "api_month": f"{month:%Y-%m}"}


def route_overrides(values: dict[str, str], open_code: str) -> dict[str, dict[str, str]]:
    return {
        "couples:join_link": {"code": open_code},
        "account_confirm_email": {"key": values["confirm_key"]},
        "/closeness/results/{month}": {"month": values["api_month"]},
    }


@pytest.fixture
def world(partner_a: Persona, partner_b: Persona, visitors: dict[str, Visitor]) -> World:
    """A lived-in couple where everything is revealed that can be: B reaches it all."""
    a, b = partner_a.user, partner_b.user
    daily = questions.todays_question(user=a)
    mine = questions.answer_question(user=a, daily=daily, text="Our first trip to the sea.")
    theirs = questions.answer_question(user=b, daily=daily, text="The night the power went out.")
    questions.toggle_reaction(user=b, answer=mine, kind="heart")
    questions.add_comment(user=a, answer=theirs, text="I still laugh about the candles.")
    own = questions.create_custom_question(
        user=a, text="What made you smile this week?", practice="appreciation", depth="light"
    )
    deck = questions.import_deck(user=a, raw=deck_file("Road trips", "Where next?", "Who drives?"))
    session = questions.start_listening_session(user=a, topic="Weekend plans", minutes=2)
    checkin = checkins.save_checkin(
        user=a, feelings=["peaceful"], intensity=3, note="A calm morning.", need="hug"
    )
    checkins.skip_guess(user=b)
    closeness.submit_check(user=a, answers=all_answers(5))
    closeness.submit_check(user=b, answers=all_answers(6))
    repair = conflict.start_repair(user=a, title="The missed call")
    conflict.save_repair_side(user=a, repair_id=repair.id, feelings=["hurt"], trigger="Waiting.")
    conflict.start_timeout(user=a, minutes=20, note="Back after a walk.")
    values = {
        **common_values(a),
        **month_values(a),
        "daily_id": str(daily.id),
        "answer_id": str(mine.id),
        "question_id": str(own.id),
        "deck_id": str(deck.id),
        "session_id": str(session.id),
        "checkin_id": str(checkin.id),
        "repair_id": str(repair.id),
        # Made after signing in: with a passkey, sign-in would ask for it.
        "pk": str(add_passkey(a)),
    }
    assert Answer.objects.filter(daily=daily).count() == 2
    return World(values, route_overrides(values, open_invitation_code()))
