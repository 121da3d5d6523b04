"""POST /api/v1/couple/join: linking with the partner who sent the code."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from closeknit.accounts.models import ApiToken, User
from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.testing.api import sign_in
from closeknit.testing.openapi import validate_response
from conftest import PASSWORD, Persona, make_user

pytestmark = pytest.mark.django_db

JOIN = "/api/v1/couple/join"
INVITATIONS = "/api/v1/couple/invitations"
ME = "/api/v1/me"
PERSONAS = ["partner_a", "partner_b", "outsider"]


@pytest.fixture
def newcomer(db) -> Persona:
    """Someone who has just signed up, on their own, and was sent a code."""
    user = make_user("lee@example.com", "Lee", tz="Australia/Sydney", pronouns="he/him")
    return Persona(user=user, client=Client(), token=sign_in(user.email, PASSWORD))


@pytest.fixture
def code(solo) -> str:
    """An open invitation from Jo, who is on their own."""
    return _body(solo.api("post", INVITATIONS), 201)["code"]


def _body(response, status):
    body = validate_response(response)
    assert response.status_code == status, body
    return body


def _join(persona, code):
    return persona.api("post", JOIN, {"code": code})


def _couple_id(persona):
    return Membership.objects.filter(user=persona.user).values_list("couple_id", flat=True).first()


def test_joining_links_the_two_and_uses_up_the_code(solo, newcomer, code):
    body = _body(_join(newcomer, code), 200)
    couple = Couple.objects.get(memberships__user=solo.user)
    assert body == {
        "id": str(couple.id),
        "home_timezone": "Europe/Berlin",
        "day_starts_at": "04:00",
        "relationship_started_on": None,
        "partner": {"id": str(solo.user.id), "name": "Jo", "pronouns": ""},
    }
    assert set(couple.memberships.values_list("user_id", flat=True)) == {
        solo.user.id,
        newcomer.user.id,
    }
    invitation = Invitation.objects.get(code=code)
    assert invitation.accepted_by == newcomer.user
    assert invitation.accepted_at is not None


def test_both_partners_then_see_each_other(solo, newcomer, code):
    _body(_join(newcomer, code), 200)
    jo = _body(solo.api("get", ME), 200)["couple"]["partner"]
    lee = _body(newcomer.api("get", ME), 200)["couple"]["partner"]
    assert jo == {"id": str(newcomer.user.id), "name": "Lee", "pronouns": "he/him"}
    assert lee == {"id": str(solo.user.id), "name": "Jo", "pronouns": ""}


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{compact}", "  {spaced}  "])
def test_the_code_may_be_typed_loosely(newcomer, code, typed):
    written = typed.format(
        code=code,
        lower=code.lower(),
        compact=code.replace("-", ""),
        spaced=code.replace("-", " "),
    )
    _body(_join(newcomer, written), 200)
    assert Invitation.objects.get(code=code).accepted_by == newcomer.user


def test_someone_with_a_couple_of_one_joins_and_keeps_their_account(solo, newcomer, code):
    own_code = _body(newcomer.api("post", INVITATIONS), 201)["code"]
    own_couple_id = _couple_id(newcomer)
    assert own_couple_id is not None

    _body(_join(newcomer, code), 200)

    assert _couple_id(newcomer) == _couple_id(solo)
    assert not Couple.objects.filter(id=own_couple_id).exists()
    assert not Invitation.objects.filter(code=own_code).exists()
    assert User.objects.filter(id=newcomer.user.id, email="lee@example.com").exists()
    assert ApiToken.objects.filter(user=newcomer.user).exists()
    assert _body(newcomer.api("get", ME), 200)["couple"]["partner"]["name"] == "Jo"


@pytest.mark.parametrize("persona", PERSONAS)
def test_someone_already_linked_cannot_join_a_second_couple(request, persona, solo, code):
    person = request.getfixturevalue(persona)
    couple_before = _couple_id(person)
    body = _body(_join(person, code), 409)
    assert body["code"] == "already_linked"
    assert body["errors"][0]["field"] == "code"
    assert "one couple at a time" in body["detail"]
    assert _couple_id(person) == couple_before
    assert Invitation.objects.get(code=code).accepted_at is None
    assert Membership.objects.filter(couple_id=_couple_id(solo)).count() == 1


def test_nobody_can_use_their_own_invitation(solo, code):
    body = _body(_join(solo, code), 409)
    assert body["code"] == "own_invitation"
    assert "Send it to your partner" in body["detail"]
    assert Invitation.objects.get(code=code).accepted_at is None


def test_a_code_that_matches_nothing_says_so(newcomer):
    body = _body(_join(newcomer, "ZZZZ-ZZZZ"), 400)
    assert (body["code"], body["errors"][0]["field"]) == ("invalid", "code")
    assert "doesn't match any invitation" in body["detail"]
    assert _couple_id(newcomer) is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_used_code_says_it_was_used(request, persona, solo, newcomer, code):
    _body(_join(newcomer, code), 200)
    latecomer = make_user("ari@example.com", "Ari")
    ari = Persona(user=latecomer, client=Client(), token=sign_in(latecomer.email, PASSWORD))
    body = _body(_join(ari, code), 410)
    assert body["code"] == "used"
    assert "already been used" in body["detail"]
    assert _couple_id(ari) is None
    # The personas' couples are full anyway; they are refused before the code is spent.
    person = request.getfixturevalue(persona)
    assert _body(_join(person, code), 410)["code"] == "used"
    assert Membership.objects.filter(couple_id=_couple_id(solo)).count() == 2


def test_a_revoked_code_says_it_was_cancelled(solo, newcomer, code):
    revoked = solo.api("delete", f"{INVITATIONS}/{code}")
    assert validate_response(revoked) is None
    assert revoked.status_code == 204
    body = _body(_join(newcomer, code), 410)
    assert body["code"] == "revoked"
    assert "cancelled" in body["detail"]
    assert _couple_id(newcomer) is None


def test_a_replaced_code_says_it_was_cancelled(solo, newcomer, code):
    _body(solo.api("post", INVITATIONS), 201)
    assert _body(_join(newcomer, code), 410)["code"] == "revoked"


def test_a_code_works_for_seven_days_and_then_says_it_expired(solo, newcomer):
    with time_machine.travel("2030-05-01 09:15:00+00:00", tick=False):
        code = _body(solo.api("post", INVITATIONS), 201)["code"]
    with time_machine.travel("2030-05-08 09:15:00+00:00", tick=False):
        body = _body(_join(newcomer, code), 410)
    assert body["code"] == "expired"
    assert "expired" in body["detail"]
    assert "ask for a new one" in body["detail"]
    assert _couple_id(newcomer) is None
    with time_machine.travel("2030-05-08 09:14:59+00:00", tick=False):
        _body(_join(newcomer, code), 200)


@pytest.mark.parametrize("header", [None, "Bearer ck_made-up"])
def test_without_a_valid_token_joining_is_a_401_in_json(code, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = Client().post(JOIN, {"code": code}, content_type="application/json", **extra)
    assert _body(response, 401)["code"] == "unauthorized"
    assert Invitation.objects.get(code=code).accepted_at is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"code": 12345678},
        {"code": None},
        {"code": "A" * 21},
        {"code": "ABCD\x00EFGH"},
        {"code": "ABCD-EFGH", "couple": "mine"},
    ],
)
def test_a_missing_wrong_or_over_long_code_is_a_422_naming_the_field(newcomer, code, data):
    body = _body(newcomer.api("post", JOIN, data), 422)
    assert body["errors"][0]["field"] in {"code", "couple"}
    assert Invitation.objects.get(code=code).accepted_at is None


def test_a_join_request_that_is_not_json_is_a_400(newcomer, code):
    response = newcomer.client.post(
        JOIN, "code=" + code, content_type="text/plain", **newcomer.auth
    )
    body = _body(response, 400)
    assert (body["code"], body["errors"][0]["field"]) == ("malformed", "body")
    assert Invitation.objects.get(code=code).accepted_at is None
