"""GET and PATCH /api/v1/couple: the settings both partners share."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
import time_machine
from django.test import Client

from closeknit.couples.models import Couple, Invitation, Membership
from closeknit.testing.api import bearer_client
from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

COUPLE = "/api/v1/couple"
PERSONAS = ["partner_a", "partner_b", "outsider"]


def _ok(response):
    body = validate_response(response)
    assert response.status_code == 200, body
    return body


def _error(response, status, *, field=None, code=None):
    body = validate_response(response)
    assert response.status_code == status, body
    if field is not None:
        assert [error["field"] for error in body["errors"]] == [field], body
    if code is not None:
        assert body["code"] == code, body
    return body


def _couple_of(persona) -> Couple:
    return Membership.objects.select_related("couple").get(user=persona.user).couple


def _settings(couple: Couple):
    couple.refresh_from_db()
    return (couple.home_timezone, couple.day_starts_at, couple.relationship_started_on)


@pytest.mark.parametrize(
    ("persona", "partner_persona"),
    [("partner_a", "partner_b"), ("partner_b", "partner_a"), ("outsider", None)],
)
def test_each_person_sees_their_own_couple_and_partner(request, persona, partner_persona):
    person = request.getfixturevalue(persona)
    couple = _couple_of(person)
    body = _ok(person.api("get", COUPLE))
    partner = Membership.objects.exclude(user=person.user).get(couple=couple).user
    if partner_persona:
        assert partner == request.getfixturevalue(partner_persona).user
    assert body == {
        "id": str(couple.id),
        "home_timezone": couple.home_timezone,
        "day_starts_at": "04:00",
        "relationship_started_on": None,
        "partner": {"id": str(partner.id), "name": partner.name, "pronouns": partner.pronouns},
    }


def test_someone_on_their_own_is_told_how_to_start_a_couple(solo):
    body = _error(solo.api("get", COUPLE), 404, code="no_couple")
    assert "invitation" in body["detail"]


@pytest.mark.parametrize("method", ["get", "patch"])
def test_without_a_token_the_couple_is_a_401_in_json(partner_a, method):
    response = getattr(Client(), method)(
        COUPLE, data={"home_timezone": "Asia/Tokyo"}, content_type="application/json"
    )
    _error(response, 401, code="unauthorized")
    assert _couple_of(partner_a).home_timezone == "Europe/London"


@pytest.mark.parametrize(
    ("editor", "viewer"), [("partner_a", "partner_b"), ("partner_b", "partner_a")]
)
def test_either_partner_changes_the_settings_and_both_see_them(request, editor, viewer, outsider):
    editor, viewer = request.getfixturevalue(editor), request.getfixturevalue(viewer)
    outsiders_before = _settings(_couple_of(outsider))
    changes = {
        "home_timezone": "America/Chicago",
        "day_starts_at": "05:00",
        "relationship_started_on": "2019-06-01",
    }
    body = _ok(editor.api("patch", COUPLE, changes))
    assert {key: body[key] for key in changes} == changes
    assert _settings(_couple_of(editor)) == ("America/Chicago", time(5, 0), date(2019, 6, 1))
    assert {key: _ok(viewer.api("get", COUPLE))[key] for key in changes} == changes
    assert _settings(_couple_of(outsider)) == outsiders_before


def test_the_outsider_changes_only_their_own_couple(partner_a, outsider):
    ours_before = _settings(_couple_of(partner_a))
    body = _ok(outsider.api("patch", COUPLE, {"day_starts_at": "00:00"}))
    assert body["day_starts_at"] == "00:00"
    assert body["id"] == str(_couple_of(outsider).id)
    assert _settings(_couple_of(outsider))[1] == time(0, 0)
    assert _settings(_couple_of(partner_a)) == ours_before


def test_fields_left_out_stay_and_a_null_date_clears_it(partner_a):
    couple = _couple_of(partner_a)
    _ok(partner_a.api("patch", COUPLE, {"relationship_started_on": "2015-02-14"}))
    body = _ok(partner_a.api("patch", COUPLE, {"day_starts_at": "23:00"}))
    assert (body["relationship_started_on"], body["home_timezone"]) == (
        "2015-02-14",
        "Europe/London",
    )
    body = _ok(partner_a.api("patch", COUPLE, {"relationship_started_on": None}))
    assert body["relationship_started_on"] is None
    assert body["day_starts_at"] == "23:00"
    assert _settings(couple) == ("Europe/London", time(23, 0), None)


def test_an_empty_change_changes_nothing(partner_b):
    before = _settings(_couple_of(partner_b))
    _ok(partner_b.api("patch", COUPLE, {}))
    assert _settings(_couple_of(partner_b)) == before


def test_someone_on_their_own_gets_a_couple_of_one_with_their_settings(solo):
    body = _ok(solo.api("patch", COUPLE, {"day_starts_at": "06:00"}))
    assert body["partner"] is None
    assert body["home_timezone"] == "Europe/Berlin"
    couple = _couple_of(solo)
    assert str(couple.id) == body["id"]
    assert couple.day_starts_at == time(6, 0)
    assert _ok(solo.api("get", COUPLE))["id"] == body["id"]


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"day_starts_at": "4:00"}, 422, "day_starts_at"),
        ({"day_starts_at": "04:30"}, 422, "day_starts_at"),
        ({"day_starts_at": "24:00"}, 422, "day_starts_at"),
        ({"day_starts_at": "ab:00"}, 422, "day_starts_at"),
        ({"day_starts_at": "04:00:00"}, 422, "day_starts_at"),
        ({"day_starts_at": 4}, 422, "day_starts_at"),
        ({"home_timezone": "Nowhere/Special"}, 400, "home_timezone"),
        ({"home_timezone": ""}, 400, "home_timezone"),
        ({"home_timezone": "Europe/" + "x" * 60}, 422, "home_timezone"),
        ({"home_timezone": ["Europe/Paris"]}, 422, "home_timezone"),
        ({"relationship_started_on": "2020-13-01"}, 422, "relationship_started_on"),
        ({"relationship_started_on": "last spring"}, 422, "relationship_started_on"),
        ({"relationship_started_on": "2999-01-01"}, 400, "relationship_started_on"),
        ({"home_timezone": "Asia/Tokyo", "colour": "blue"}, 422, "colour"),
    ],
)
def test_bad_settings_name_the_field_and_change_nothing(partner_a, changes, status, field):
    before = _settings(_couple_of(partner_a))
    _error(partner_a.api("patch", COUPLE, changes), status, field=field)
    assert _settings(_couple_of(partner_a)) == before


def test_a_badly_written_hour_gets_an_example_to_follow(partner_a):
    body = _error(partner_a.api("patch", COUPLE, {"day_starts_at": "4am"}), 422)
    assert body["errors"][0]["message"] == "Use a whole hour written as HH:00, such as 04:00."


def test_settings_that_are_not_json_or_far_too_big_are_refused(partner_a):
    client = partner_a.client
    broken = client.patch(COUPLE, "{", content_type="application/json", **partner_a.auth)
    _error(broken, 400, field="body", code="malformed")
    huge = json.dumps({"home_timezone": "x" * 3_000_000})
    too_big = client.patch(COUPLE, huge, content_type="application/json", **partner_a.auth)
    _error(too_big, 413, field="body", code="too_large")


# Late on 4 March in London is already 5 March in Tokyo.
LATE_EVENING_IN_LONDON = "2025-03-04 23:30:00+00:00"


def test_the_start_date_may_be_today_in_the_persons_own_time_zone(outsider):
    with time_machine.travel(LATE_EVENING_IN_LONDON, tick=False):
        body = _ok(outsider.api("patch", COUPLE, {"relationship_started_on": "2025-03-05"}))
    assert body["relationship_started_on"] == "2025-03-05"
    assert _couple_of(outsider).relationship_started_on == date(2025, 3, 5)


def test_a_start_date_after_the_persons_today_is_in_the_future(partner_a):
    with time_machine.travel(LATE_EVENING_IN_LONDON, tick=False):
        response = partner_a.api("patch", COUPLE, {"relationship_started_on": "2025-03-05"})
        body = _error(response, 400, field="relationship_started_on")
        assert "future" in body["detail"]
        assert _ok(partner_a.api("patch", COUPLE, {"relationship_started_on": "2025-03-04"}))


# Query counts: the token lookup brings the membership; the couple and the partner
# come in one more query, however many invitations or tokens the couple has.
COUPLE_QUERIES = 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_couple_takes_a_fixed_number_of_queries(request, persona, django_assert_num_queries):
    client = bearer_client(request.getfixturevalue(persona).token)
    _ok(client.get(COUPLE))  # stamps the token's last use
    with django_assert_num_queries(COUPLE_QUERIES):
        _ok(client.get(COUPLE))


def test_the_couple_takes_the_same_queries_with_more_data(
    partner_a, partner_b, django_assert_num_queries
):
    client = bearer_client(partner_a.token)
    _ok(client.get(COUPLE))
    with django_assert_num_queries(COUPLE_QUERIES):
        _ok(client.get(COUPLE))
    couple = _couple_of(partner_a)
    first = Invitation.objects.get(couple=couple)
    Invitation.objects.bulk_create(
        Invitation(
            couple=couple,
            created_by=partner_a.user,
            code=f"OLD{n:05d}",
            expires_at=first.expires_at,
            revoked_at=first.created_at,
        )
        for n in range(30)
    )
    with django_assert_num_queries(COUPLE_QUERIES):
        _ok(client.get(COUPLE))
