"""Schemas every API router shares: the one error shape and the base for inputs.

They live apart from ``closeknit.api`` because each app's ``api.py`` needs them
while ``closeknit.api`` imports those same modules to mount their routers; a
leaf module keeps that from becoming an import cycle.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, field_validator


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


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_only(value: Any) -> Any:
    # Pydantic alone also reads a number as a Unix timestamp ("0" is 1 January 1970);
    # the documented format is an ISO date, and a number sent by mistake is refused.
    if isinstance(value, dt.date) or value is None:
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(_("Write the date as YYYY-MM-DD, such as 2024-05-18."))
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]
"""A date given as YYYY-MM-DD and nothing else, in a body or a query string."""
