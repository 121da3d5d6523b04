"""Who may call what: every check-ins endpoint, for nobody, the outsider and both partners.

ENDPOINTS lists every operation; a test checks it against the OpenAPI document, so
a new endpoint cannot be added without being checked here too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from closeknit.checkins.models import CheckIn, CheckInReaction, CheckInReply, EmpathyGuess
from closeknit.checkins.tests.support import API, call
from closeknit.testing.openapi import openapi_document, validate_response

pytestmark = pytest.mark.django_db

SECRET = "Secret-kq: only for us two"
CHECK_IN = {"feelings": ["happy"], "intensity": 2, "note": "Let me in"}

ENDPOINTS: list[tuple[str, str, Any]] = [
    ("GET", "/vocabulary", None),
    ("GET", "/today", None),
    ("PUT", "/today", CHECK_IN),
    ("POST", "/today/guess", {"family": "calm", "intensity": 3}),
    ("POST", "/today/skip", None),
    ("GET", "/history", None),
    ("GET", "/accuracy", None),
    ("GET", "/feelings", None),
    ("POST", "/{checkin}/reactions", {"kind": "hug"}),
    ("POST", "/{checkin}/replies", {"text": "Hello"}),
    ("PUT", "/{checkin}/help", None),
    ("DELETE", "/{checkin}/help", None),
]

ADDRESSED = [endpoint for endpoint in ENDPOINTS if "{" in endpoint[1]]


@pytest.fixture
def ids(partner_a, partner_b) -> dict[str, str]:
    """Alex's shared check-in with a need, seen by Sam, so every action is open."""
    body = call(
        partner_a,
        "PUT",
        "/today",
        {"feelings": ["tired"], "intensity": 4, "note": SECRET, "need": "rest"},
        status=200,
    )
    call(partner_b, "POST", "/today/skip", status=200)
    return {"checkin": body["mine"]["id"]}


def _snapshot() -> dict[str, Any]:
    return {
        "checkins": sorted(
            (c.id, c.note, tuple(c.feelings), c.intensity, c.updated_at)
            for c in CheckIn.objects.all()
        ),
        "guesses": sorted(EmpathyGuess.objects.values_list("id", "skipped", "family")),
        "reactions": sorted(CheckInReaction.objects.values_list("id", "kind")),
        "replies": CheckInReply.objects.count(),
    }


def _label(endpoint: tuple[str, str, Any]) -> str:
    return f"{endpoint[0]} {endpoint[1]}"


def test_every_documented_checkins_operation_is_checked_here():
    documented = {
        (method.upper(), path.removeprefix(API))
        for path, item in openapi_document()["paths"].items()
        if path.startswith(API + "/")
        for method in item
    }
    listed = {(m, p.replace("{checkin}", "{checkin_id}")) for m, p, _b in ENDPOINTS}
    assert listed == documented


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_label)
def test_nobody_signed_in_gets_401_and_changes_nothing(ids, endpoint):
    method, path, data = endpoint
    before = _snapshot()
    body = call(None, method, path.format(**ids), data, status=401)
    assert body["code"] == "unauthorized"
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_label)
def test_a_wrong_token_gets_401(partner_a, ids, endpoint):
    method, path, data = endpoint
    send = getattr(partner_a.client, method.lower())
    kwargs: dict[str, Any] = {"HTTP_AUTHORIZATION": "Bearer ck_not-a-real-token"}
    if data is not None:
        kwargs |= {"data": json.dumps(data), "content_type": "application/json"}
    response = send(API + path.format(**ids), **kwargs)
    validate_response(response)
    assert response.status_code == 401


@pytest.mark.parametrize("endpoint", ADDRESSED, ids=_label)
def test_the_outsider_gets_404_for_the_couples_check_ins_and_changes_nothing(
    outsider, ids, endpoint
):
    method, path, data = endpoint
    before = _snapshot()
    body = call(outsider, method, path.format(**ids), data, status=404)
    assert body["code"] == "not_found"
    assert "Secret" not in json.dumps(body)
    assert _snapshot() == before


@pytest.mark.parametrize("endpoint", ADDRESSED, ids=_label)
def test_an_unknown_id_gets_404_like_the_outsiders(partner_b, ids, endpoint):
    method, path, data = endpoint
    call(
        partner_b,
        method,
        path.format(checkin="0b8d6c1e-5d3a-4f7e-9a21-3c4b5d6e7f80"),
        data,
        status=404,
    )


def test_the_outsiders_own_reads_hold_nothing_of_the_couple(outsider, ids):
    for method, path, _data in ENDPOINTS:
        if method != "GET":
            continue
        body = call(outsider, "GET", path, status=200)
        assert "Secret" not in json.dumps(body)
    assert call(outsider, "GET", "/history", status=200)["count"] == 0
    assert call(outsider, "GET", "/today", status=200)["partner"] is None


@pytest.mark.parametrize("who", ["partner_a", "partner_b"])
def test_both_partners_reach_every_read(request, ids, who):
    persona = request.getfixturevalue(who)
    for method, path, _data in ENDPOINTS:
        if method == "GET":
            call(persona, "GET", path.format(**ids), status=200)


def test_both_partners_see_the_shared_check_in_the_partner_after_skipping(
    partner_a, partner_b, ids
):
    mine = call(partner_a, "GET", "/today", status=200)
    theirs = call(partner_b, "GET", "/today", status=200)
    assert mine["mine"]["note"] == SECRET
    assert theirs["partner"]["note"] == SECRET
    assert theirs["partner"]["by_me"] is False
    assert theirs["partner_state"] == "revealed"
