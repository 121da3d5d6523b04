"""Requests schemathesis found answered wrongly, kept as plain tests."""

from __future__ import annotations

import pytest

from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [0, 86400, True, "0", "2020-5-18", "18/05/2020"])
def test_the_relationship_start_is_only_ever_an_iso_date(partner_a, value):
    # Pydantic alone reads a number as a Unix timestamp: 0 became 1 January 1970.
    response = partner_a.api("patch", "/api/v1/couple", {"relationship_started_on": value})
    body = validate_response(response)
    assert response.status_code == 422, body
    assert body["errors"][0]["field"] == "relationship_started_on"


def test_an_iso_relationship_start_is_saved(partner_a):
    response = partner_a.api("patch", "/api/v1/couple", {"relationship_started_on": "2020-05-18"})
    body = validate_response(response)
    assert response.status_code == 200, body
    assert body["relationship_started_on"] == "2020-05-18"


@pytest.mark.parametrize("value", ["\u00b2\u00b3:00", "\u0660\u0664:00", "\uff10\uff14:00"])
def test_the_day_starts_at_a_whole_hour_in_ascii_digits(partner_a, value):
    # "²³" passed isdigit() and then broke int(), whose message reached the person;
    # Arabic-Indic and full-width digits were quietly read as 04:00.
    response = partner_a.api("patch", "/api/v1/couple", {"day_starts_at": value})
    body = validate_response(response)
    assert response.status_code == 422, body
    assert body["errors"] == [
        {
            "field": "day_starts_at",
            "message": "Use a whole hour written as HH:00, such as 04:00.",
        }
    ]
