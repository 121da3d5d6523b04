"""The JSON API root: /api/v1/. Each app adds its own router from its api.py."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from closeknit.accounts.models import User
from closeknit.accounts.services import ThrottledError, user_for_token
from closeknit.api_schemas import ErrorOut, FieldErrorOut, error_body
from closeknit.lib.errors import ServiceError

__all__ = ["ErrorOut", "FieldErrorOut", "api", "error_body"]


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
        "Authenticate with a device token from POST /auth/token. "
        "Every error is JSON shaped like ErrorOut: a message, a code, and the fields it is about."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _field_of(loc: list[Any]) -> str:
    names = [str(part) for part in loc if isinstance(part, str)]
    names = [name for name in names if name not in {"body", "payload", "query", "path"}]
    return ".".join(names) or "body"


def _message_of(error: dict[str, Any]) -> str:
    # Our own validators raise ValueError with a finished sentence; pydantic
    # would prefix it with "Value error, ", which reads like a stack trace.
    context = error.get("ctx") or {}
    if error.get("type") == "value_error" and context.get("error"):
        return str(context["error"])
    if error.get("type") == "extra_forbidden":
        return _("This field isn't part of this request. Check its spelling, or leave it out.")
    if error.get("type") == "int_type":
        return _("Send a whole number, such as 3, without quotes.")
    if error.get("type") == "bool_type":
        return _("Send true or false, without quotes.")
    return str(error.get("msg", ""))


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    body = error_body(exc.message, code=exc.code, field=exc.field)
    response = api.create_response(request, body, status=exc.status)
    if isinstance(exc, ThrottledError):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": _field_of(list(err.get("loc", []))), "message": _message_of(err)}
        for err in exc.errors
    ]
    if not errors:
        errors = [{"field": "body", "message": _("Check what you sent and try again.")}]
    first = errors[0]
    body = {
        "detail": f"{first['field']}: {first['message']}",
        "code": "invalid",
        "errors": errors,
    }
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = error_body(
        _("Sign in first: send 'Authorization: Bearer <token>' with a token from /auth/token."),
        code="unauthorized",
    )
    response = api.create_response(request, body, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises HttpError(400) when the body is not JSON at all.
    if exc.status_code == 400:
        body = error_body(
            _(
                "We couldn't read that request. Send a JSON object with Content-Type: "
                "application/json."
            ),
            code="malformed",
            field="body",
        )
    else:
        body = error_body(str(exc), code="http_error")
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def request_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    body = error_body(
        _("That request is too large. Send less text at once."), code="too_large", field="body"
    )
    return api.create_response(request, body, status=413)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    body = error_body(
        _("We couldn't find that. Check the address or code and try again."), code="not_found"
    )
    return api.create_response(request, body, status=404)


from closeknit.accounts.api import router as accounts_router  # noqa: E402
from closeknit.checkins.api import router as checkins_router  # noqa: E402
from closeknit.closeness.api import router as closeness_router  # noqa: E402
from closeknit.conflict.api import coach_router  # noqa: E402
from closeknit.conflict.api import router as conflict_router  # noqa: E402
from closeknit.couples.api import router as couples_router  # noqa: E402
from closeknit.insights.api import router as insights_router  # noqa: E402
from closeknit.questions.api import router as questions_router  # noqa: E402

api.add_router("/", accounts_router)
api.add_router("/couple", couples_router)
api.add_router("/questions", questions_router)
api.add_router("/closeness", closeness_router)
api.add_router("/insights", insights_router)
api.add_router("/checkins", checkins_router)
api.add_router("/coach", coach_router)
api.add_router("/conflict", conflict_router)

# Mounted last, so it only sees paths no router claimed: a client with a typo gets
# the JSON error shape rather than the site's HTML 404 page.
unknown_paths = Router()


_ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@unknown_paths.api_operation(_ANY_METHOD, "", auth=None, include_in_schema=False)
def api_root(request: HttpRequest) -> HttpResponse:
    raise Http404


@unknown_paths.api_operation(_ANY_METHOD, "/{path:rest}", auth=None, include_in_schema=False)
def unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    raise Http404


api.add_router("", unknown_paths)
