"""Security headers on every kind of response: pages, signed-in pages, the API, errors.

HSTS and the __Host- cookies need production settings; tests/test_production.py sees
them on a real production server.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from closeknit.middleware import CONTENT_SECURITY_POLICY

EVERYWHERE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}


def _directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def _assert_everywhere_headers(response) -> None:
    for name, value in EVERYWHERE.items():
        assert response.get(name) == value, (name, response.get(name))
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere():
    directives = _directives(CONTENT_SECURITY_POLICY)

    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    allowed = {source for sources in directives.values() for source in sources}
    # data: is for the authenticator QR code only; no host, scheme or wildcard at all.
    assert allowed <= {"'self'", "'none'", "data:"}, allowed
    assert directives["img-src"] == ["'self'", "data:"]
    assert not re.search(r"unsafe-(inline|eval|hashes)", CONTENT_SECURITY_POLICY)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz", "/no-such-page/"])
def test_anonymous_responses_carry_every_header_and_are_not_stored(path):
    response = Client().get(path)

    _assert_everywhere_headers(response)
    assert response["Cache-Control"] == "no-store" or "no-store" in response["Cache-Control"]
    assert "Clear-Site-Data" not in response


@pytest.mark.parametrize("path", ["/today/", "/profile/", "/insights/", "/questions/history/"])
def test_signed_in_pages_carry_every_header_and_are_never_stored(partner_a, path):
    response = partner_a.client.get(path)

    assert response.status_code == 200, path
    _assert_everywhere_headers(response)
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/v1/me"), ("GET", "/api/v1/couple"), ("GET", "/api/v1/questions/today")],
)
def test_api_answers_with_personal_data_are_never_stored(partner_a, method, path):
    response = partner_a.api(method, path)

    assert response.status_code == 200, (path, response.content)
    _assert_everywhere_headers(response)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_new_token_is_never_stored_either(partner_a):
    from conftest import PASSWORD

    response = Client().post(
        "/api/v1/auth/token",
        {"email": partner_a.user.email, "password": PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response["Cache-Control"] == "no-store"


def test_api_errors_carry_the_headers_too(partner_a):
    response = partner_a.client.put("/api/v1/me")

    assert response.status_code in {401, 405}
    _assert_everywhere_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_signing_out_tells_the_browser_to_forget_the_site(partner_a):
    response = partner_a.client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    _assert_everywhere_headers(response)
    assert partner_a.client.get("/today/").status_code == 302, "really signed out"


def test_only_the_sign_out_clears_site_data(partner_a):
    # The logout page itself (a GET asks to confirm) signs nobody out.
    assert "Clear-Site-Data" not in partner_a.client.get("/accounts/logout/")
    assert "Clear-Site-Data" not in partner_a.client.get("/today/")


@pytest.mark.django_db
def test_a_failed_sign_in_does_not_clear_site_data():
    response = Client().post(
        "/accounts/login/", {"login": "nobody@example.com", "password": "wrong password"}
    )

    assert "Clear-Site-Data" not in response


def test_hsts_is_sent_over_https_with_production_settings(settings, partner_a):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    client = Client()  # a new client builds the middleware with these settings
    client.force_login(partner_a.user)

    over_https = client.get("/today/", secure=True)
    over_http = client.get("/today/")

    assert over_https["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    # Browsers ignore HSTS over plain HTTP, where anyone on the way could add or strip it.
    assert "Strict-Transport-Security" not in over_http
