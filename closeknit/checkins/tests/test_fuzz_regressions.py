"""Requests schemathesis found answered wrongly, kept as plain tests."""

from __future__ import annotations

import pytest

from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

FEELINGS = "/api/v1/checkins/feelings"


@pytest.mark.parametrize(
    "value",
    [
        "0",
        "1700000000",
        "86400",
        "2024-1-5",
        "20240105",
        "\u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0665",
    ],
)
@pytest.mark.parametrize("name", ["since", "until"])
def test_the_feelings_chart_takes_only_iso_dates(partner_a, name, value):
    # Pydantic alone reads a bare number as a Unix timestamp: "0" became 1970-01-01.
    response = partner_a.client.get(FEELINGS, {name: value}, **partner_a.auth)
    body = validate_response(response)
    assert response.status_code == 422, body
    assert body["errors"][0]["field"] == name
    assert "YYYY-MM-DD" in body["errors"][0]["message"]


def test_the_feelings_chart_still_takes_an_iso_date_range(partner_a):
    response = partner_a.client.get(
        FEELINGS, {"since": "2024-01-01", "until": "2024-03-31"}, **partner_a.auth
    )
    body = validate_response(response)
    assert response.status_code == 200, body
    assert (body["since"], body["until"]) == ("2024-01-01", "2024-03-31")
