"""Getting device tokens the way a phone does: through the API itself."""

from __future__ import annotations

from django.test import Client

from closeknit.testing.openapi import validate_response

# An address of its own, so tokens made here never count against throttle tests.
TEST_CLIENT_ADDRESS = "192.0.2.200"


def sign_in(email: str, password: str, *, device: str = "tests") -> str:
    """A fresh device token from POST /api/v1/auth/token."""
    response = Client(REMOTE_ADDR=TEST_CLIENT_ADDRESS).post(
        "/api/v1/auth/token",
        {"email": email, "password": password, "device": device},
        content_type="application/json",
    )
    body = validate_response(response)
    assert response.status_code == 201, body
    token: str = body["token"]
    return token


def bearer_client(token: str) -> Client:
    """A client that sends only the token, never a session cookie, as apps do."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")
