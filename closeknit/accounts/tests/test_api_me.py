"""GET and PATCH /api/v1/me: each person's own profile, and their couple at a glance."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from closeknit.accounts.models import ApiToken, User
from closeknit.couples.models import Membership
from closeknit.testing.api import bearer_client, sign_in
from closeknit.testing.openapi import validate_response
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def _ok(response, status=200):
    body = validate_response(response)
    assert response.status_code == status, body
    return body


def _error(response, status, *, field=None, code=None):
    body = validate_response(response)
    assert response.status_code == status, body
    if field is not None:
        assert field in {error["field"] for error in body["errors"]}, body
    if code is not None:
        assert body["code"] == code, body
    return body


@pytest.mark.parametrize(
    ("persona", "partner_persona_name", "partner_pronouns"),
    [
        ("partner_a", "Sam", "she/her"),
        ("partner_b", "Alex", "they/them"),
        ("outsider", "Kai", ""),
    ],
)
def test_each_person_sees_their_own_profile_and_their_own_partner(
    request, persona, partner_persona_name, partner_pronouns
):
    person = request.getfixturevalue(persona)
    user = person.user
    body = _ok(person.api("get", ME))
    membership = Membership.objects.get(user=user)
    partner = Membership.objects.exclude(user=user).get(couple=membership.couple).user
    assert body == {
        "id": str(user.id),
        "email": user.email,
        "name": user.name,
        "pronouns": user.pronouns,
        "timezone": user.timezone,
        "couple": {
            "id": str(membership.couple_id),
            "home_timezone": membership.couple.home_timezone,
            "day_starts_at": "04:00",
            "relationship_started_on": None,
            "partner": {
                "id": str(partner.id),
                "name": partner_persona_name,
                "pronouns": partner_pronouns,
            },
        },
    }


def test_partners_share_a_couple_the_outsider_does_not(partner_a, partner_b, outsider):
    couples = [_ok(p.api("get", ME))["couple"]["id"] for p in (partner_a, partner_b, outsider)]
    assert couples[0] == couples[1]
    assert couples[2] != couples[0]


def test_someone_on_their_own_has_no_couple(solo):
    body = _ok(solo.api("get", ME))
    assert body["couple"] is None
    assert body["name"] == "Jo"


def test_someone_who_has_invited_a_partner_has_a_couple_without_a_partner(solo):
    _ok(solo.api("post", "/api/v1/couple/invitations"), 201)
    couple = _ok(solo.api("get", ME))["couple"]
    assert couple["partner"] is None
    assert couple["home_timezone"] == "Europe/Berlin"
    assert couple["id"] == str(Membership.objects.get(user=solo.user).couple_id)


@pytest.mark.parametrize("method", ["get", "patch"])
@pytest.mark.parametrize(
    "header",
    [None, "Bearer ck_made-up", "Bearer", "Token abc", "bearer ck_made-up"],
)
def test_without_a_valid_token_me_is_a_401_in_json(partner_a, method, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    call = getattr(Client(), method)
    response = call(ME, data={"name": "Intruder"}, content_type="application/json", **extra)
    _error(response, 401, code="unauthorized")
    partner_a.user.refresh_from_db()
    assert partner_a.user.name == "Alex"


def test_a_revoked_token_no_longer_reads_or_writes_the_profile(partner_a):
    token = sign_in(partner_a.user.email, PASSWORD)
    signed_out = bearer_client(token).delete("/api/v1/auth/token")
    assert validate_response(signed_out) is None
    assert signed_out.status_code == 204
    _error(bearer_client(token).get(ME), 401)
    patch = bearer_client(token).patch(ME, {"name": "Gone"}, content_type="application/json")
    _error(patch, 401)
    assert User.objects.get(id=partner_a.user.id).name == "Alex"


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider"])
def test_each_person_changes_only_their_own_profile(
    request, persona, partner_a, partner_b, outsider
):
    person = request.getfixturevalue(persona)
    others = {
        p.user.id: (p.user.name, p.user.pronouns, p.user.timezone)
        for p in (partner_a, partner_b, outsider)
        if p is not person
    }
    changes = {"name": "  River ", "pronouns": "xe/xem", "timezone": "America/Sao_Paulo"}
    body = _ok(person.api("patch", ME, changes))
    assert (body["name"], body["pronouns"], body["timezone"]) == (
        "River",
        "xe/xem",
        "America/Sao_Paulo",
    )
    stored = User.objects.get(id=person.user.id)
    assert (stored.name, stored.pronouns, stored.timezone) == (
        "River",
        "xe/xem",
        "America/Sao_Paulo",
    )
    for user_id, before in others.items():
        other = User.objects.get(id=user_id)
        assert (other.name, other.pronouns, other.timezone) == before


def test_the_partner_sees_the_new_name_and_pronouns(partner_a, partner_b):
    _ok(partner_a.api("patch", ME, {"name": "Alexis", "pronouns": "she/they"}))
    partner = _ok(partner_b.api("get", ME))["couple"]["partner"]
    assert partner == {"id": str(partner_a.user.id), "name": "Alexis", "pronouns": "she/they"}


def test_fields_left_out_or_null_stay_as_they_are(partner_b):
    body = _ok(partner_b.api("patch", ME, {"pronouns": "they/them", "name": None}))
    assert (body["name"], body["pronouns"], body["timezone"]) == (
        "Sam",
        "they/them",
        "America/New_York",
    )
    assert _ok(partner_b.api("patch", ME, {}))["name"] == "Sam"


def test_pronouns_can_be_cleared(partner_a):
    assert _ok(partner_a.api("patch", ME, {"pronouns": ""}))["pronouns"] == ""
    assert User.objects.get(id=partner_a.user.id).pronouns == ""


def test_the_email_cannot_be_changed_here_and_unknown_fields_are_named(partner_a):
    body = _error(partner_a.api("patch", ME, {"email": "new@example.com", "name": "Ari"}), 422)
    [error] = body["errors"]
    assert error["field"] == "email"
    assert error["message"].startswith("This field isn't part of this request.")
    stored = User.objects.get(id=partner_a.user.id)
    assert (stored.email, stored.name) == ("alex@example.com", "Alex")


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"name": ""}, 400, "name"),
        ({"name": "   "}, 400, "name"),
        ({"timezone": "Mars/Olympus_Mons"}, 400, "timezone"),
        ({"timezone": ""}, 400, "timezone"),
        ({"name": "n" * 61}, 422, "name"),
        ({"pronouns": "p" * 41}, 422, "pronouns"),
        ({"timezone": "Europe/" + "x" * 60}, 422, "timezone"),
        ({"name": 7}, 422, "name"),
        ({"name": ["Alex"]}, 422, "name"),
        ({"timezone": True}, 422, "timezone"),
        ({"pronouns": "they\x00them"}, 422, "pronouns"),
    ],
)
def test_bad_profile_changes_name_the_field_and_change_nothing(partner_a, changes, status, field):
    _error(partner_a.api("patch", ME, changes), status, field=field)
    stored = User.objects.get(id=partner_a.user.id)
    assert (stored.name, stored.pronouns, stored.timezone) == ("Alex", "they/them", "Europe/London")


def test_a_bad_value_among_good_ones_changes_nothing(partner_a):
    response = partner_a.api("patch", ME, {"name": "Ari", "timezone": "Nowhere/Special"})
    _error(response, 400, field="timezone")
    assert User.objects.get(id=partner_a.user.id).name == "Alex"


def test_a_profile_change_that_is_not_json_is_a_400(partner_a):
    response = partner_a.client.patch(ME, "name=Ari", content_type="text/plain", **partner_a.auth)
    _error(response, 400, field="body", code="malformed")
    assert User.objects.get(id=partner_a.user.id).name == "Alex"


def test_a_huge_profile_change_is_a_413(partner_a):
    huge = json.dumps({"pronouns": "x" * 3_000_000})
    response = partner_a.client.patch(ME, huge, content_type="application/json", **partner_a.auth)
    _error(response, 413, field="body", code="too_large")


# Query counts: the token lookup brings the membership along; then the couple and
# the partner come in one more query, however many tokens or people there are.
ME_QUERIES = 2


def _warm(client):
    # The first use of a token stamps last_used_at (one UPDATE, at most once a
    # minute); warm it so the count below measures a steady-state read.
    _ok(client.get(ME))


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "outsider"])
def test_me_takes_a_fixed_number_of_queries(request, persona, django_assert_num_queries):
    client = bearer_client(request.getfixturevalue(persona).token)
    _warm(client)
    with django_assert_num_queries(ME_QUERIES):
        _ok(client.get(ME))


def test_me_takes_the_same_number_of_queries_with_more_data(
    partner_a, outsider, django_assert_num_queries
):
    client = bearer_client(partner_a.token)
    _warm(client)
    with django_assert_num_queries(ME_QUERIES):
        _ok(client.get(ME))
    ApiToken.objects.bulk_create(
        ApiToken(user=partner_a.user, device=f"old phone {n}", token_hash=f"{n:064x}")
        for n in range(40)
    )
    for n in range(20):
        User.objects.create_user(f"person{n}@example.com", None, name=f"Person {n}")
    with django_assert_num_queries(ME_QUERIES):
        _ok(client.get(ME))


def test_someone_alone_reads_me_in_fewer_queries(solo, django_assert_num_queries):
    client = bearer_client(solo.token)
    _warm(client)
    with django_assert_num_queries(1):
        assert _ok(client.get(ME))["couple"] is None
