"""Schemas every API router shares: the one error shape and the base for inputs.

They live apart from ``closeknit.api`` because each app's ``api.py`` needs them
while ``closeknit.api`` imports those same modules to mount their routers; a
leaf module keeps that from becoming an import cycle.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, field_validator


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """Every 4xx answer: a message for people, a code for programs, and the fields."""

    detail: str
    code: str
    errors: list[FieldErrorOut]


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error statuses an operation documents, for ``response={...}``."""
    return dict.fromkeys(statuses, ErrorOut)


def error_body(message: str, *, code: str, field: str | None = None) -> dict[str, Any]:
    """The one error shape: a message, a code, and the fields it concerns."""
    errors = [{"field": field, "message": message}] if field else []
    return {"detail": message, "code": code, "errors": errors}


class InputSchema(Schema):
    """Base for request bodies: text the database could not store is refused here.

    JSON can carry NUL characters, which PostgreSQL refuses to store; left alone,
    one would surface as a server error deep inside a write instead of a message
    about the field. (Lone surrogates are refused by pydantic's own str check.)
    Unknown fields are refused too, so a misspelt field is not silently ignored.
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(_("Remove the invisible NUL character from this text."))
        return value
