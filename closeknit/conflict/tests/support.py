"""Helpers the conflict tests share: call the API checked against the OpenAPI document."""

from __future__ import annotations

import html
import json
from typing import Any

from django.test import Client

from closeknit.testing.openapi import validate_response
from conftest import Persona

API = "/api/v1"


def page(response: Any) -> str:
    return html.unescape(response.content.decode())


def call(who: Persona | None, method: str, path: str, data: Any = None, *, status: int) -> Any:
    """Call the API as ``who`` (None: nobody signed in) and check the answer."""
    url = API + path
    if who is None:
        send = getattr(Client(), method.lower())
        response = (
            send(url)
            if data is None
            else send(url, data=json.dumps(data), content_type="application/json")
        )
    else:
        response = who.api(method, url, data)
    body = validate_response(response)
    assert response.status_code == status, (response.status_code, body)
    return body


def fields_of(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body["errors"]}
