"""Past allauth's per-address limits, people get a calm page of ours, not a bare 429."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"reset_password": "2/m/ip"})
def test_too_many_reset_requests_from_one_address_get_a_friendly_page() -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = [
        client.post("/accounts/password/reset/", {"email": f"nobody{n}@example.com"})
        for n in range(3)
    ]
    assert [a.status_code for a in answers[:2]] == [302, 302]
    limited = answers[-1]
    assert limited.status_code == 429
    page = limited.content.decode()
    assert "<h1>Let's pause for a moment</h1>" in page
    assert 'href="/accounts/login/"' in page
    assert "Too Many Requests" not in page
