"""The JSON API root: /api/v1/. Each app adds its own router from its api.py."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from closeknit.accounts.models import User
from closeknit.accounts.services import ThrottledError, user_for_token
from closeknit.lib.errors import ServiceError


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``, one token per device, stored hashed."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Closeknit API",
    version="1",
    description=(
        "Everything the Closeknit web pages do, for phones and scripts. "
        "Authenticate with a device token from POST /auth/token."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error_body(message: str, *, code: str, field: str | None = None) -> dict[str, Any]:
    """The one error shape: a message, a code, and the fields it concerns."""
    errors = [{"field": field, "message": message}] if field else []
    return {"detail": message, "code": code, "errors": errors}


def _field_of(loc: list[Any]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    names = [name for name in names if name not in {"body", "payload", "query", "path"}]
    return ".".join(names) or "body"


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    status = exc.status
    if exc.code == "bad_credentials":
        status = 401
    response = api.create_response(
        request, error_body(exc.message, code=exc.code, field=exc.field), status=status
    )
    if isinstance(exc, ThrottledError):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": _field_of(list(err.get("loc", []))), "message": str(err.get("msg", ""))}
        for err in exc.errors
    ]
    first = errors[0] if errors else {"field": "body", "message": "Invalid input."}
    body = {
        "detail": f"{first['field']}: {first['message']}",
        "code": "invalid",
        "errors": errors,
    }
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = error_body("Sign in first: send 'Authorization: Bearer <token>'.", code="unauthorized")
    response = api.create_response(request, body, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body("Not found.", code="not_found"), status=404)


from closeknit.accounts.api import router as accounts_router  # noqa: E402
from closeknit.couples.api import router as couples_router  # noqa: E402

api.add_router("/", accounts_router)
api.add_router("/couple", couples_router)
