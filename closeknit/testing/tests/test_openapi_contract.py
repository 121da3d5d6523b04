"""The contract helper itself: it must fail on every kind of drift it is there to catch."""

from __future__ import annotations

import json
import uuid

import pytest
from django.http import HttpResponse

from closeknit.testing.openapi import openapi_document, operation_for, validate_response

SIGNUP = {"method": "POST", "path": "/api/v1/auth/signup"}


def _json(body: object, status: int) -> HttpResponse:
    return HttpResponse(json.dumps(body), content_type="application/json", status=status)


def _user_out(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "email": "lee@example.com",
        "name": "Lee",
        "timezone": "UTC",
    }
    body.update(changes)
    return body


def test_a_documented_body_passes_and_comes_back_parsed():
    body = _user_out()
    assert validate_response(_json(body, 201), **SIGNUP) == body


def test_a_missing_field_fails():
    body = _user_out()
    del body["timezone"]
    with pytest.raises(AssertionError, match="'timezone' is a required property"):
        validate_response(_json(body, 201), **SIGNUP)


def test_a_field_the_schema_does_not_mention_fails():
    with pytest.raises(AssertionError, match="Additional properties"):
        validate_response(_json(_user_out(password="oops"), 201), **SIGNUP)


def test_a_wrong_type_or_format_fails():
    with pytest.raises(AssertionError, match="is not of type 'string'"):
        validate_response(_json(_user_out(name=7), 201), **SIGNUP)
    with pytest.raises(AssertionError, match="is not a 'uuid'"):
        validate_response(_json(_user_out(id="17"), 201), **SIGNUP)


def test_an_error_body_must_have_the_error_shape():
    with pytest.raises(AssertionError, match="'errors' is a required property"):
        validate_response(_json({"detail": "Nope.", "code": "invalid"}, 409), **SIGNUP)
    nameless = {"detail": "Nope.", "code": "invalid", "errors": [{"message": "Nope."}]}
    with pytest.raises(AssertionError, match="'field' is a required property"):
        validate_response(_json(nameless, 409), **SIGNUP)


def test_a_status_the_operation_does_not_document_fails():
    with pytest.raises(AssertionError, match="answered 500"):
        validate_response(HttpResponse("Server Error", status=500), **SIGNUP)


def test_a_body_on_a_no_content_response_fails():
    with pytest.raises(AssertionError, match="without a body"):
        validate_response(
            HttpResponse("{}", status=204), method="DELETE", path="/api/v1/auth/token"
        )


def test_a_path_that_is_not_documented_fails():
    with pytest.raises(AssertionError, match="not in the OpenAPI document"):
        operation_for("GET", "/api/v1/nowhere")
    with pytest.raises(AssertionError, match="not in the OpenAPI document"):
        operation_for("PUT", "/api/v1/me")


def test_literal_path_segments_win_over_parameters():
    current = operation_for("GET", "/api/v1/couple/invitations/current")
    revoke = operation_for("DELETE", "/api/v1/couple/invitations/ABCD-EFGH")
    assert current["operationId"].endswith("current_invitation")
    assert revoke["operationId"].endswith("revoke_invitation")


def _operations():
    for path, item in openapi_document()["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_every_error_status_is_documented_with_the_error_shape():
    for method, path, operation in _operations():
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)


def test_every_operation_documents_the_errors_it_can_give():
    for method, path, operation in _operations():
        statuses = set(operation["responses"])
        if operation.get("security"):
            assert "401" in statuses, f"{method} {path} needs a token but hides 401"
        if "requestBody" in operation:
            assert {"400", "413", "422"} <= statuses, f"{method} {path} takes a body"


def test_every_id_in_the_document_is_a_uuid():
    schemas = openapi_document()["components"]["schemas"]
    ids = [
        (name, schema["properties"]["id"])
        for name, schema in schemas.items()
        if "id" in schema.get("properties", {})
    ]
    assert ids, "expected some schemas with ids"
    for name, prop in ids:
        assert prop == {"format": "uuid", "title": "Id", "type": "string"}, name
