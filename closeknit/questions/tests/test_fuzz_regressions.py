"""Requests schemathesis found answered wrongly, kept as plain tests."""

from __future__ import annotations

import pytest

from closeknit.testing.openapi import validate_response

pytestmark = pytest.mark.django_db

HISTORY = "/api/v1/questions/history"


@pytest.mark.parametrize("value", ["0", "1700000000", "2024-1-5", "20240105"])
def test_history_search_takes_only_an_iso_date_to_search_back_from(partner_a, value):
    # Pydantic alone reads a bare number as a Unix timestamp: "0" became 1970-01-01.
    response = partner_a.client.get(HISTORY, {"q": "walk", "until": value}, **partner_a.auth)
    body = validate_response(response)
    assert response.status_code == 422, body
    assert body["errors"][0]["field"] == "until"


def test_history_search_still_takes_an_iso_date(partner_a):
    response = partner_a.client.get(HISTORY, {"q": "walk", "until": "2024-03-31"}, **partner_a.auth)
    assert response.status_code == 200, validate_response(response)
