from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

# Everything the pages need is served from this origin; no inline scripts, no CDN.
# data: images are only for the authenticator QR code that allauth renders.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return response


class ApiJsonErrorsMiddleware:
    """Answer the API's last plain-text errors (a wrong method) in its JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_json = response.get("Content-Type", "").startswith("application/json")
        if request.path.startswith("/api/") and response.status_code == 405 and not is_json:
            body = {
                "detail": _("%(method)s is not allowed here.") % {"method": request.method},
                "code": "method_not_allowed",
                "errors": [],
            }
            replacement = JsonResponse(body, status=405)
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
