"""Whatever goes wrong under /api/v1/, the answer is the JSON error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from closeknit.testing.openapi import validate_component


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/"),
        ("get", "/api/v1/nothing-here"),
        ("post", "/api/v1/me/extra"),
        ("delete", "/api/v1/couple/invitations/ABCD-EFGH/more"),
        ("patch", "/api/v1/v2/me"),
    ],
)
def test_an_unknown_api_path_is_a_404_in_json(method, path):
    response = getattr(Client(), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = validate_component("ErrorOut", response.json())
    assert body["code"] == "not_found"


def test_unknown_paths_are_not_part_of_the_documented_api():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert not [path for path in paths if "rest" in path or path.rstrip("/") == "/api/v1"]


def test_pages_outside_the_api_keep_their_own_not_found_page(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
