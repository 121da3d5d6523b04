"""POST /couple/invitations, GET /couple/invitations/current, DELETE /couple/invitations/{code}."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from closeknit.couples.models import Invitation, Membership
from closeknit.testing.api import bearer_client
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

INVITATIONS = "/api/v1/couple/invitations"
CURRENT = "/api/v1/couple/invitations/current"
PERSONAS = ["partner_a", "partner_b", "outsider"]
NOW = "2030-05-01 09:15:00+00:00"
CODE_SHAPE = re.compile(
    r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$"
)


def _body(response, status):
    body = validate_response(response)
    assert response.status_code == status, body
    return body


def _invite(persona):
    return _body(persona.api("post", INVITATIONS), 201)


def _revoke(persona, code):
    response = persona.api("delete", f"{INVITATIONS}/{code}")
    validate_response(response)
    return response


def test_someone_on_their_own_creates_an_invitation_for_seven_days(solo):
    with time_machine.travel(NOW, tick=False):
        body = _invite(solo)
        now = timezone.now()
    assert CODE_SHAPE.match(body["code"])
    assert body["url"] == f"http://testserver/join/{body['code']}/"
    assert datetime.fromisoformat(body["expires_at"]) == now + timedelta(days=7)
    invitation = Invitation.objects.get(code=body["code"])
    assert invitation.created_by == solo.user
    assert invitation.couple == Membership.objects.get(user=solo.user).couple
    assert (invitation.accepted_at, invitation.revoked_at) == (None, None)
    assert invitation.expires_at == now + timedelta(days=7)


@pytest.mark.parametrize("persona", PERSONAS)
def test_someone_whose_partner_has_joined_has_nobody_left_to_invite(request, persona):
    person = request.getfixturevalue(persona)
    before = Invitation.objects.count()
    body = _body(person.api("post", INVITATIONS), 409)
    assert body["code"] == "couple_full"
    assert "already joined" in body["detail"]
    assert Invitation.objects.count() == before


def test_a_new_invitation_replaces_the_open_one(solo):
    first = _invite(solo)["code"]
    second = _invite(solo)["code"]
    assert first != second
    assert Invitation.objects.get(code=first).revoked_at is not None
    assert Invitation.objects.get(code=second).revoked_at is None
    assert _body(solo.api("get", CURRENT), 200)["code"] == second


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", INVITATIONS), ("get", CURRENT), ("delete", f"{INVITATIONS}/ABCD-EFGH")],
)
@pytest.mark.parametrize("header", [None, "Bearer ck_made-up"])
def test_without_a_valid_token_invitations_are_a_401_in_json(solo, method, path, header):
    code = _invite(solo)["code"]
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = getattr(Client(), method)(path.replace("ABCD-EFGH", code), **extra)
    assert _body(response, 401)["code"] == "unauthorized"
    assert Invitation.objects.get(code=code).revoked_at is None
    assert Invitation.objects.count() == 1


# The open invitation


def test_the_open_invitation_can_be_fetched_again(solo):
    created = _invite(solo)
    assert _body(solo.api("get", CURRENT), 200) == created


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_couple_whose_partner_has_joined_has_no_open_invitation(request, persona):
    body = _body(request.getfixturevalue(persona).api("get", CURRENT), 404)
    assert body["code"] == "not_found"
    assert "no open invitation" in body["detail"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_nobody_sees_another_couples_open_invitation(request, persona, solo):
    _invite(solo)
    _body(request.getfixturevalue(persona).api("get", CURRENT), 404)


def test_someone_alone_who_never_invited_has_no_open_invitation(solo):
    _body(solo.api("get", CURRENT), 404)
    assert not Membership.objects.filter(user=solo.user).exists()


def test_an_expired_invitation_is_no_longer_the_open_one(solo):
    with time_machine.travel(NOW, tick=False):
        _invite(solo)
    with time_machine.travel("2030-05-08 09:14:59+00:00", tick=False):
        _body(solo.api("get", CURRENT), 200)
    with time_machine.travel("2030-05-08 09:15:00+00:00", tick=False):
        _body(solo.api("get", CURRENT), 404)


# Revoking


def test_the_inviter_revokes_their_invitation(solo):
    code = _invite(solo)["code"]
    response = _revoke(solo, code)
    assert validate_response(response) is None
    assert response.status_code == 204
    assert Invitation.objects.get(code=code).revoked_at is not None
    _body(solo.api("get", CURRENT), 404)


def test_revoking_twice_is_harmless(solo):
    code = _invite(solo)["code"]
    assert _revoke(solo, code).status_code == 204
    revoked_at = Invitation.objects.get(code=code).revoked_at
    assert _revoke(solo, code).status_code == 204
    assert Invitation.objects.get(code=code).revoked_at == revoked_at


@pytest.mark.parametrize("typed", ["{lower}", "{compact}", "{lower_compact}"])
def test_the_code_may_be_typed_in_any_case_with_or_without_the_dash(solo, typed):
    code = _invite(solo)["code"]
    written = typed.format(
        lower=code.lower(),
        compact=code.replace("-", ""),
        lower_compact=code.replace("-", "").lower(),
    )
    assert _revoke(solo, written).status_code == 204
    assert Invitation.objects.get(code=code).revoked_at is not None


@pytest.mark.parametrize("persona", PERSONAS)
def test_nobody_can_revoke_another_couples_invitation(request, persona, solo):
    code = _invite(solo)["code"]
    body = _body(_revoke(request.getfixturevalue(persona), code), 404)
    assert body["code"] == "not_found"
    assert Invitation.objects.get(code=code).revoked_at is None
    assert _body(solo.api("get", CURRENT), 200)["code"] == code


@pytest.mark.parametrize("persona", ["partner_a", "partner_b"])
def test_a_used_invitation_cannot_be_revoked_by_either_partner(request, persona, partner_a):
    used = Invitation.objects.get(couple=Membership.objects.get(user=partner_a.user).couple)
    assert used.accepted_at is not None
    body = _body(_revoke(request.getfixturevalue(persona), used.code), 409)
    assert body["code"] == "used"
    used.refresh_from_db()
    assert used.revoked_at is None


def test_the_outsider_cannot_even_learn_that_a_used_invitation_exists(partner_a, outsider):
    used = Invitation.objects.get(couple=Membership.objects.get(user=partner_a.user).couple)
    _body(_revoke(outsider, used.code), 404)


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ", "short", "x" * 300, "ABCD-EFGH-IJKL", "%00"])
def test_an_unknown_code_is_a_404(solo, code):
    _invite(solo)
    _body(_revoke(solo, code), 404)
    assert Invitation.objects.filter(revoked_at=None).count() == 1


def test_invitation_ids_never_appear_only_the_random_code(solo):
    body = _invite(solo)
    assert set(body) == {"code", "url", "expires_at"}
    invitation = Invitation.objects.get(code=body["code"])
    assert str(invitation.id) not in body["url"]


# Query counts: the token lookup brings the membership; the open invitation is one
# more query, however many revoked ones the couple has piled up.
CURRENT_QUERIES = 2


def test_the_open_invitation_takes_a_fixed_number_of_queries(solo, django_assert_num_queries):
    client = bearer_client(solo.token)
    _invite(solo)
    _body(client.get(CURRENT), 200)  # stamps the token's last use
    with django_assert_num_queries(CURRENT_QUERIES):
        _body(client.get(CURRENT), 200)
    for _round in range(25):
        _invite(solo)
    assert Invitation.objects.exclude(revoked_at=None).count() == 25
    with django_assert_num_queries(CURRENT_QUERIES):
        _body(client.get(CURRENT), 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_open_invitation_takes_the_same_queries(request, persona, django_assert_num_queries):
    client = bearer_client(request.getfixturevalue(persona).token)
    _body(client.get(CURRENT), 404)
    with django_assert_num_queries(CURRENT_QUERIES):
        _body(client.get(CURRENT), 404)
