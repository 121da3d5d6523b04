from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_answers_ok_without_touching_the_database(
    client: Client, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Security-Policy"]


@pytest.mark.django_db
def test_health_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
