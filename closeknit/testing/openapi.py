"""The OpenAPI document as a contract: every API response a test sees must match it.

The document is generated from the routers' schemas, so checking responses
against it catches both a view that returns something undocumented and a
schema that no longer describes what the view does.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any, Protocol

from django.test import Client
from jsonschema import Draft202012Validator

OPENAPI_URL = "/api/v1/openapi.json"


class Response(Protocol):
    """What is read from a response; the test client's responses have it all."""

    status_code: int

    @property
    def content(self) -> bytes: ...

    def __getitem__(self, header: str) -> str: ...


@cache
def openapi_document() -> dict[str, Any]:
    """The document exactly as the app serves it."""
    response = Client().get(OPENAPI_URL)
    assert response.status_code == 200, f"{OPENAPI_URL} answered {response.status_code}"
    document: dict[str, Any] = response.json()
    return document


def _closed(schema: Any) -> Any:
    """A copy in which objects may hold only the properties they document.

    Pydantic leaves ``additionalProperties`` open; closing it here makes a field
    a view returns but the schema does not mention fail the test.
    """
    if isinstance(schema, dict):
        closed = {key: _closed(value) for key, value in schema.items()}
        if closed.get("type") == "object" and "properties" in closed:
            closed.setdefault("additionalProperties", False)
        return closed
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    return schema


def _segments_match(template: str, path: str) -> int | None:
    """How many literal segments match, or None when the path doesn't fit."""
    template_parts, path_parts = template.strip("/").split("/"), path.strip("/").split("/")
    if len(template_parts) != len(path_parts):
        return None
    literal = 0
    for expected, actual in zip(template_parts, path_parts, strict=True):
        if expected.startswith("{") and expected.endswith("}"):
            continue
        if expected != actual:
            return None
        literal += 1
    return literal


def operation_for(method: str, path: str) -> dict[str, Any]:
    """The documented operation for a concrete path; literal segments win over {params}."""
    method = method.lower()
    best: tuple[int, dict[str, Any]] | None = None
    for template, item in openapi_document()["paths"].items():
        score = _segments_match(template, path)
        if score is None or method not in item:
            continue
        if best is None or score > best[0]:
            best = (score, item[method])
    assert best is not None, f"{method.upper()} {path} is not in the OpenAPI document"
    return best[1]


def _check(schema: dict[str, Any], body: Any, where: str) -> None:
    schema = copy.deepcopy(schema)
    schema["components"] = _closed(openapi_document().get("components", {}))
    validator = Draft202012Validator(
        _closed(schema), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    problems = sorted(validator.iter_errors(body), key=lambda error: list(error.path))
    assert not problems, f"{where} does not match its documented schema:\n" + "\n".join(
        f"  at {list(p.absolute_path)}: {p.message}" for p in problems
    )


def validate_component(name: str, body: Any) -> Any:
    """Check a body against one named schema, for responses no operation documents."""
    assert name in openapi_document()["components"]["schemas"], f"no schema named {name}"
    _check({"$ref": f"#/components/schemas/{name}"}, body, name)
    return body


def validate_response(
    response: Response, *, method: str | None = None, path: str | None = None
) -> Any:
    """Check a response against the documented schema and return its JSON body.

    The method and path default to the request the test client made. A status
    the operation does not document fails, as does a body that doesn't match.
    Returns None for documented responses without a body (204).
    """
    request = getattr(response, "request", {}) or {}
    method = method or request.get("REQUEST_METHOD")
    path = path or request.get("PATH_INFO")
    if not method or not path:
        raise ValueError("pass method= and path= for a response not made by the test client")
    operation = operation_for(method, path)
    status = str(response.status_code)
    documented = operation.get("responses", {})
    assert status in documented, (
        f"{method.upper()} {path} answered {status}, but only documents "
        f"{sorted(documented)}: {response.content[:300]!r}"
    )
    content = documented[status].get("content")
    if not content:
        assert not response.content, f"{status} is documented without a body"
        return None
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    _check(content["application/json"]["schema"], body, f"{method.upper()} {path} {status}")
    return body
